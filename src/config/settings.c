/* settings.c - parsing and printing the per-file settings of check. */
#include "config/settings.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "report/check_report.h"

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

/* The pair kinds of a list such as "headline-quote, quote-quote". */
static int pair_list(const char *v, unsigned *out, char *msg, size_t n)
{
    static const enum pair_kind kinds[] = {
        PAIR_HEADLINE_SENTENCE, PAIR_HEADLINE_QUOTE, PAIR_QUOTE_QUOTE,
        PAIR_SENTENCE_SENTENCE };
    const char *given = v;
    unsigned set = 0;
    int named = 0;

    while (*v) {
        size_t len, k;
        while (*v == ' ' || *v == ',' || *v == '\t')
            v++;
        len = strcspn(v, " ,\t");
        if (len == 0)
            break;
        if (len == 3 && memcmp(v, "all", 3) == 0)
            set = PAIR_KINDS_ALL;
        else if (len == 4 && memcmp(v, "none", 4) == 0)
            set = 0;
        else {
            for (k = 0; k < sizeof kinds / sizeof *kinds; k++) {
                const char *name = pair_kind_name(kinds[k]);
                if (strlen(name) == len && memcmp(v, name, len) == 0)
                    break;
            }
            if (k == sizeof kinds / sizeof *kinds) {
                snprintf(msg, n, "pairs: unknown pair kind '%.*s' (expected "
                         "headline-sentence, headline-quote, quote-quote, "
                         "sentence-sentence, all or none)", (int)len, v);
                return -1;
            }
            set |= 1u << kinds[k];
        }
        v += len;
        named = 1;
    }
    if (!named) {               /* "--pairs=" is a slip, not "none" */
        snprintf(msg, n, "pairs: expected pair kinds (headline-sentence, "
                 "headline-quote, quote-quote, sentence-sentence, all or "
                 "none), got '%s'", given);
        return -1;
    }
    *out = set;
    return 0;
}

int settings_set(struct settings *s, const char *key, const char *value,
                 char *msg, size_t msg_len)
{
    if (strcmp(key, "threshold") == 0) {
        if (strcmp(value, "model") == 0)
            s->threshold = -1.0;
        else if (probability(value, &s->threshold)) {
            snprintf(msg, msg_len, "threshold expects a probability from 0 "
                     "to 1 or 'model', got '%s'", value);
            return -1;
        }
        s->set |= SETTING_THRESHOLD;
    } else if (strcmp(key, "headline-threshold") == 0) {
        /* each model keeps its own calibrated threshold unless told */
        if (strcmp(value, "model") == 0)
            s->headline_threshold = -1.0;
        else if (probability(value, &s->headline_threshold)) {
            snprintf(msg, msg_len, "headline-threshold expects a probability "
                     "from 0 to 1 or 'model', got '%s'", value);
            return -1;
        }
        s->set |= SETTING_HEADLINE_THRESHOLD;
    } else if (strcmp(key, "error-at") == 0) {
        if (probability(value, &s->error_at)) {
            snprintf(msg, msg_len, "error-at expects a probability from 0 to "
                     "1, got '%s'", value);
            return -1;
        }
        s->set |= SETTING_ERROR_AT;
    } else if (strcmp(key, "fail-level") == 0) {
        if (strcmp(value, "error") == 0)
            s->fail_level = SEVERITY_ERROR;
        else if (strcmp(value, "warning") == 0)
            s->fail_level = SEVERITY_WARNING;
        else if (strcmp(value, "note") == 0)
            s->fail_level = SEVERITY_NOTE;
        else if (strcmp(value, "none") == 0)
            s->fail_level = FAIL_NEVER;
        else {
            snprintf(msg, msg_len, "fail-level expects error, warning, note "
                     "or none, got '%s'", value);
            return -1;
        }
        s->set |= SETTING_FAIL_LEVEL;
    } else if (strcmp(key, "pairs") == 0) {
        if (pair_list(value, &s->pairs, msg, msg_len))
            return -1;
        s->set |= SETTING_PAIRS;
    } else if (strcmp(key, "top") == 0) {
        char *end;
        unsigned long long v;
        errno = 0;
        v = strtoull(value, &end, 10);
        if (end == value || *end || errno || *value == '-' || v > 1000000) {
            snprintf(msg, msg_len, "top expects a number of findings from 0 "
                     "(all) to 1000000, got '%s'", value);
            return -1;
        }
        s->top = (size_t)v;
        s->set |= SETTING_TOP;
    } else {
        snprintf(msg, msg_len, "unknown setting '%s' (expected threshold, "
                 "headline-threshold, error-at, fail-level, pairs or top)", key);
        return -1;
    }
    return 0;
}

void settings_write(const struct settings *s, FILE *fp)
{
    static const char *const level[] = { "note", "warning", "error", "none" };
    static const enum pair_kind kinds[] = {
        PAIR_HEADLINE_SENTENCE, PAIR_HEADLINE_QUOTE, PAIR_QUOTE_QUOTE,
        PAIR_SENTENCE_SENTENCE };
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
    fprintf(fp, "fail-level = %s\n",
            level[s->fail_level >= 0 && s->fail_level <= FAIL_NEVER
                  ? s->fail_level : 1]);
    fputs("pairs =", fp);
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        if (s->pairs & (1u << kinds[k])) {
            fprintf(fp, "%s %s", first ? "" : ",", pair_kind_name(kinds[k]));
            first = 0;
        }
    fputs(first ? " none\n" : "\n", fp);
    fprintf(fp, "top = %zu\n", s->top);
}
