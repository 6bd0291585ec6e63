/* t.h - what the unit tests share on top of cmocka. */
#ifndef TESTS_T_H
#define TESTS_T_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/* cmocka 1.1.5 compares floats only: doubles with a tolerance. */
#define assert_near(a, b, tol)                                              \
    do {                                                                    \
        double t_a_ = (a), t_b_ = (b), t_tol_ = (tol);                      \
        if (!(fabs(t_a_ - t_b_) <= t_tol_)) {                               \
            print_error("%s = %.17g, %s = %.17g, differ by more than %g\n", \
                        #a, t_a_, #b, t_b_, t_tol_);                        \
            fail();                                                         \
        }                                                                   \
    } while (0)

/* ../shared/data relative to the project root, or NULL (tests that need it
 * skip with a message). */
static inline const char *t_shared_data(void)
{
    static char path[4096];
    const char *root = getenv("GAINSAY_ROOT");
    FILE *fp;

    snprintf(path, sizeof path, "%s/../shared/data/README.md",
             root ? root : ".");
    fp = fopen(path, "r");
    if (!fp)
        return NULL;
    fclose(fp);
    snprintf(path, sizeof path, "%s/../shared/data", root ? root : ".");
    return path;
}

/* Does this kernel have transparent huge pages?  If not, the tests of
 * huge-page advice skip, saying so. */
static inline int t_have_thp(void)
{
    FILE *fp = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");

    if (!fp) {
        print_message("skipped: no transparent huge pages here\n");
        return 0;
    }
    fclose(fp);
    return 1;
}

/* Does the mapping that holds p carry the huge-page advice ("hg" in
 * VmFlags of /proc/self/smaps)?  -1 when that cannot be read. */
static inline int t_advised(const void *p)
{
    FILE *fp = fopen("/proc/self/smaps", "r");
    char line[512];
    int in = 0, hg = -1;

    if (!fp)
        return -1;
    while (fgets(line, sizeof line, fp)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-')
            && line[0] != 'V')
            in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
        else if (in && strncmp(line, "VmFlags:", 8) == 0) {
            hg = strstr(line, " hg") != NULL;
            break;
        }
    }
    fclose(fp);
    return hg;
}

#endif
