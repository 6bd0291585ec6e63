/* fuzz_furniture.c - libFuzzer target: the furniture list, which check
 * loads from wherever --furniture points, and the line rules over the
 * same bytes read as a page. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc/furniture.h"
#include "text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct furniture *f = NULL;
    struct furniture_scan sc;
    struct err e = { 0 };
    const char *s = (const char *)data;

    if (furniture_parse("fuzz.json", s, size, &f, &e) == 0)
        furniture_free(f);
    /* the scanner reads text the checker has validated as UTF-8 */
    if (utf8_check(s, size) < size)
        return 0;
    furniture_scan_init(&sc);
    if (furniture_scan_text(NULL, s, size, FURNITURE_SCAN_HEADLINE
                            | FURNITURE_SCAN_TRAILING, &sc) == 0)
        for (size_t i = 0; i < sc.n; i++)
            if (sc.span[i].start >= sc.span[i].end || sc.span[i].end > size)
                abort();
    furniture_scan_clear(&sc);
    return 0;
}
