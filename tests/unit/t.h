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

#endif
