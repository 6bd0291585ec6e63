/* fuzz_config.c - libFuzzer target: config files and ignore files. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "files/ignore.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct config *c = NULL;
    struct ignore ig;
    struct err e = { 0 };
    struct settings s;

    if (config_parse(&c, "fuzz.ini", (const char *)data, size, &e) == 0) {
        settings_default(&s);
        config_apply(c, "/a/b/c.md", &s);
        config_apply(c, "/x.html", &s);
        config_free(c);
    }
    ignore_init(&ig);
    if (ignore_parse(&ig, "/a", (const char *)data, size, &e) == 0) {
        ignore_path(&ig, "/a/b/c.md", 0);
        ignore_path(&ig, "/a/deep/er/and/deeper/file.txt", 0);
    }
    ignore_clear(&ig);
    return 0;
}
