/* fuzz_diff.c - libFuzzer target: git diffs, baselines and globs. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "files/changes.h"
#include "files/pattern.h"
#include "check/baseline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct changes c = { 0 };
    struct baseline *b = baseline_alloc("/tmp/fuzz-baseline.json");
    struct err e = { 0 };
    char *s = malloc(size + 1);

    if (!s || !b) {
        free(s);
        baseline_free(b);
        return 0;
    }
    memcpy(s, data, size);
    s[size] = '\0';
    if (changes_parse_diff(&c, "/repo", s, size, &e) == 0 && c.n > 0)
        changes_touch(&c.f[0], 1, 100);
    changes_clear(&c);
    if (baseline_parse(b, "fuzz.json", s, size, &e) == 0)
        baseline_take(b, "a.md", "0123456789abcdef");
    baseline_free(b);
    /* the input as a glob, against a few paths (NUL ends it) */
    wildmatch(s, "drafts/2026/a.md");
    wildmatch(s, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/b/c");
    free(s);
    return 0;
}
