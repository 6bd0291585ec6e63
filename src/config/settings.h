/* settings.h - what can be set per file for `gainsay check`, from the
 * command line or a config file, with one parser for both. */
#ifndef CONFIG_SETTINGS_H
#define CONFIG_SETTINGS_H

#include <stdio.h>
#include <stddef.h>

#include "base/err.h"
#include "check/check.h"

/* Which fields of struct settings hold a value. */
enum {
    SETTING_THRESHOLD = 1u << 0,
    SETTING_ERROR_AT = 1u << 1,
    SETTING_FAIL_LEVEL = 1u << 2,
    SETTING_PAIRS = 1u << 3,
    SETTING_TOP = 1u << 4,
    SETTING_HEADLINE_THRESHOLD = 1u << 5
};

struct settings {
    unsigned set;               /* SETTING_* bits of the fields given */
    double threshold;           /* < 0: the model's calibrated threshold */
    double headline_threshold;  /* the headline model's; < 0: its own */
    double error_at;            /* findings at or above are errors */
    int fail_level;             /* enum severity, or FAIL_NEVER */
    unsigned pairs;             /* bit 1 << pair_kind for each kind */
    size_t top;                 /* findings per file; 0: all */
};

/* Built-in defaults, all fields set. */
void settings_default(struct settings *s);

/* Copy into dst the fields src sets. */
void settings_merge(struct settings *dst, const struct settings *src);

/* Set key (threshold, headline-threshold, error-at, fail-level, pairs,
 * top) from value.
 * Returns 0, or STATUS_USAGE with e set (no file or line: the caller
 * knows them). */
int settings_set(struct settings *s, const char *key, const char *value,
                 struct err *e);

/* Set in o what s decides for check_document: the thresholds, top,
 * pairs, error-at and fail-level. */
void settings_to_options(const struct settings *s, struct check_options *o);

/* Write s as config lines ("key = value"). */
void settings_write(const struct settings *s, FILE *fp);

#endif
