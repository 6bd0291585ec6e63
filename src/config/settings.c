/* settings.c - parsing and printing the per-file settings of check. */
#include "config/settings.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>


void settings_default(struct settings *s)
{
    s->set = SETTING_THRESHOLD | SETTING_HEADLINE_THRESHOLD
             | SETTING_ERROR_AT | SETTING_FAIL_LEVEL | SETTING_PAIRS
             | SETTING_TOP;
    s->threshold = -1.0;
    s->headline_threshold = -1.0;
    s->error_at = 0.8;
    s->fail_level = SEVERITY_WARNING;
    s->pairs = PAIR_KINDS_ALL;
    s->top = 0;
}

void settings_merge(struct settings *dst, const struct settings *src)
{
    if (src->set & SETTING_THRESHOLD)
        dst->threshold = src->threshold;
    if (src->set & SETTING_HEADLINE_THRESHOLD)
        dst->headline_threshold = src->headline_threshold;
    if (src->set & SETTING_ERROR_AT)
        dst->error_at = src->error_at;
    if (src->set & SETTING_FAIL_LEVEL)
        dst->fail_level = src->fail_level;
    if (src->set & SETTING_PAIRS)
        dst->pairs = src->pairs;
    if (src->set & SETTING_TOP)
        dst->top = src->top;
    dst->set |= src->set;
}

static int probability(const char *v, double *out)
{
    char *end;
    double x;

    errno = 0;
    x = strtod(v, &end);
    if (end == v || *end || errno || !isfinite(x) || x < 0.0 || x > 1.0)
        return -1;
    *out = x;
    return 0;
}

/* "headline-sentence, headline-quote, ... all or none", from the table. */
static void kinds_expected(char *buf, size_t n)
{
    size_t at = 0;

    buf[0] = '\0';
    for (unsigned k = 0; k < N_PAIR_KINDS && at < n; k++) {
        snprintf(buf + at, n - at, "%s, ", pair_kind_name((enum pair_kind)k));
        at += strlen(buf + at);
    }
    if (at < n)
        snprintf(buf + at, n - at, "all or none");
}

/* The pair kinds of a list such as "headline-quote, quote-quote". */
static int pair_list(const char *v, unsigned *out, struct err *e)
{
    const char *given = v;
    unsigned set = 0;
    int named = 0;

    while (*v) {
        size_t len;
        enum pair_kind k;
        while (*v == ' ' || *v == ',' || *v == '\t')
            v++;
        len = strcspn(v, " ,\t");
        if (len == 0)
            break;
        if (len == 3 && memcmp(v, "all", 3) == 0)
            set = PAIR_KINDS_ALL;
        else if (len == 4 && memcmp(v, "none", 4) == 0)
            set = 0;
        else if (pair_kind_lookup(v, len, &k) == 0)
            set |= PAIR_KIND_BIT(k);
        else {
            char names[200];
            kinds_expected(names, sizeof names);
            return err_set(e, STATUS_USAGE, "pairs: unknown pair kind "
                           "'%.*s' (expected %s)", (int)len, v, names);
        }
        v += len;
        named = 1;
    }
    if (!named) {               /* "--pairs=" is a slip, not "none" */
        char names[200];
        kinds_expected(names, sizeof names);
        return err_set(e, STATUS_USAGE, "pairs: expected pair kinds (%s), "
                       "got '%s'", names, given);
    }
    *out = set;
    return 0;
}

int settings_set(struct settings *s, const char *key, const char *value,
                 struct err *e)
{
    if (strcmp(key, "threshold") == 0) {
        if (strcmp(value, "model") == 0)
            s->threshold = -1.0;
        else if (probability(value, &s->threshold))
            return err_set(e, STATUS_USAGE, "threshold expects a probability "
                           "from 0 to 1 or 'model', got '%s'", value);
        s->set |= SETTING_THRESHOLD;
    } else if (strcmp(key, "headline-threshold") == 0) {
        /* each model keeps its own calibrated threshold unless told */
        if (strcmp(value, "model") == 0)
            s->headline_threshold = -1.0;
        else if (probability(value, &s->headline_threshold))
            return err_set(e, STATUS_USAGE, "headline-threshold expects a "
                           "probability from 0 to 1 or 'model', got '%s'",
                           value);
        s->set |= SETTING_HEADLINE_THRESHOLD;
    } else if (strcmp(key, "error-at") == 0) {
        if (probability(value, &s->error_at))
            return err_set(e, STATUS_USAGE, "error-at expects a probability "
                           "from 0 to 1, got '%s'", value);
        s->set |= SETTING_ERROR_AT;
    } else if (strcmp(key, "fail-level") == 0) {
        int level = strcmp(value, "none") == 0 ? FAIL_NEVER : -1;
        for (int k = 0; k < (int)N_SEVERITIES && level < 0; k++)
            if (strcmp(value, severity_name((enum severity)k)) == 0)
                level = k;
        if (level < 0)
            return err_set(e, STATUS_USAGE, "fail-level expects error, "
                           "warning, note or none, got '%s'", value);
        s->fail_level = level;
        s->set |= SETTING_FAIL_LEVEL;
    } else if (strcmp(key, "pairs") == 0) {
        int rc = pair_list(value, &s->pairs, e);
        if (rc)
            return rc;
        s->set |= SETTING_PAIRS;
    } else if (strcmp(key, "top") == 0) {
        char *end;
        unsigned long long v;
        errno = 0;
        v = strtoull(value, &end, 10);
        if (end == value || *end || errno || *value == '-' || v > 1000000)
            return err_set(e, STATUS_USAGE, "top expects a number of "
                           "findings from 0 (all) to 1000000, got '%s'",
                           value);
        s->top = (size_t)v;
        s->set |= SETTING_TOP;
    } else {
        return err_set(e, STATUS_USAGE, "unknown setting '%s' (expected "
                       "threshold, headline-threshold, error-at, fail-level, "
                       "pairs or top)", key);
    }
    return 0;
}

void settings_to_options(const struct settings *s, struct check_options *o)
{
    o->threshold = s->threshold;
    o->headline_threshold = s->headline_threshold;
    o->top = s->top;
    o->pairs = s->pairs;
    o->error_at = s->error_at;
    o->fail_level = s->fail_level;
}

void settings_write(const struct settings *s, FILE *fp)
{
    int first = 1;

    if (s->threshold < 0.0)
        fputs("threshold = model\n", fp);
    else
        fprintf(fp, "threshold = %g\n", s->threshold);
    if (s->headline_threshold < 0.0)
        fputs("headline-threshold = model\n", fp);
    else
        fprintf(fp, "headline-threshold = %g\n", s->headline_threshold);
    fprintf(fp, "error-at = %g\n", s->error_at);
    fprintf(fp, "fail-level = %s\n", s->fail_level == FAIL_NEVER ? "none"
            : s->fail_level >= 0 && s->fail_level < FAIL_NEVER
            ? severity_name((enum severity)s->fail_level) : "warning");
    fputs("pairs =", fp);
    for (unsigned k = 0; k < N_PAIR_KINDS; k++)
        if (s->pairs & PAIR_KIND_BIT(k)) {
            fprintf(fp, "%s %s", first ? "" : ",",
                    pair_kind_name((enum pair_kind)k));
            first = 0;
        }
    fputs(first ? " none\n" : "\n", fp);
    fprintf(fp, "top = %zu\n", s->top);
}
