/* sentence.c - split text into sentences, as byte ranges of the original. */
#include "text/sentence.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "base/err.h"
#include "base/grow.h"

/* A quotation left open longer than this is taken for a stray quote mark. */
#define QUOTE_SPAN_MAX 2000

/* Words that end in a period without ending a sentence. */
static const char *const abbrevs[] = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep",
    "gov", "lt", "col", "sgt", "capt", "cmdr", "adm", "rev", "hon", "pres",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mt", "ft", "vs", "inc", "ltd", "co", "corp", "no", "approx",
    "dept", "est", "fig", "al", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m",
    "p.m", "d.c", "ph.d", "messrs", "mme", "mlle", "univ", "ave", "blvd"
};

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
        || c == '\v';
}

/* Decode the code point at s[i], returning its length (1 for bad bytes). */
static size_t cp_at(const char *s, size_t len, size_t i, int32_t *cp)
{
    utf8proc_ssize_t n;

    if ((unsigned char)s[i] < 0x80) {
        *cp = (unsigned char)s[i];
        return 1;
    }
    n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i), cp);
    if (n < 1) {
        *cp = (unsigned char)s[i];
        return 1;
    }
    return (size_t)n;
}

static int is_closer(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']'
        || cp == 0x201D || cp == 0x2019 || cp == 0xBB;
}

/* Is the word ending just before the period at dot an abbreviation or an
 * initial? */
static int before_is_abbrev(const char *s, size_t dot)
{
    size_t b = dot, n;
    char w[8];

    while (b > 0 && !is_space((unsigned char)s[b - 1]) && s[b - 1] != '('
           && s[b - 1] != '"')
        b--;
    n = dot - b;
    if (n == 1 && ((s[b] >= 'A' && s[b] <= 'Z') || (s[b] >= 'a' && s[b] <= 'z')))
        return 1;               /* an initial: J. R. R. Tolkien */
    if (n == 0 || n >= sizeof w)
        return 0;
    /* lower-cased as strcasecmp() compares: the abbreviations are ASCII,
     * so a byte past ASCII matches none of them either way */
    for (size_t i = 0; i < n; i++)
        w[i] = (char)(s[b + i] >= 'A' && s[b + i] <= 'Z' ? s[b + i] + 32
                                                         : s[b + i]);
    w[n] = '\0';
    for (size_t i = 0; i < sizeof abbrevs / sizeof abbrevs[0]; i++)
        if (abbrevs[i][0] == w[0] && strcmp(w, abbrevs[i]) == 0)
            return 1;
    /* U.S.A. and similar: letter-period runs */
    if (n >= 3 && w[n - 2] == '.')
        return 1;
    return 0;
}

/* Does s[from..to) hold a closing quote mark? */
static int closes_quote(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] == '"' || (i + 2 < to + 1 && (unsigned char)s[i] == 0xE2
                            && (unsigned char)s[i + 1] == 0x80
                            && (unsigned char)s[i + 2] == 0x9D))
            return 1;
    return 0;
}

/* Is the text after a closed quotation a short attribution ending in a
 * period, such as "Peskov said." or "he told reporters."? */
static int attribution_follows(const char *s, size_t len, size_t at)
{
    static const char *const verbs[] = {
        "said", "says", "told", "added", "stated", "insisted", "denied",
        "asked", "wrote", "tweeted", "explained", "replied", "claimed"
    };
    size_t end = at, words = 0;
    int verb = 0;

    while (end < len && end - at < 80 && s[end] != '.' && s[end] != '!'
           && s[end] != '?' && s[end] != '\n' && s[end] != '"')
        end++;
    if (end >= len || s[end] != '.')
        return 0;
    for (size_t i = at; i < end;) {
        size_t w;
        while (i < end && is_space((unsigned char)s[i]))
            i++;
        w = i;
        while (i < end && !is_space((unsigned char)s[i]))
            i++;
        if (i == w)
            break;
        words++;
        for (size_t v = 0; v < sizeof verbs / sizeof *verbs; v++)
            if (strlen(verbs[v]) == i - w
                && strncasecmp(s + w, verbs[v], i - w) == 0)
                verb = 1;
    }
    return verb && words <= 6;
}

static int push_span(struct span **v, size_t *n, size_t *cap,
                     const char *s, size_t start, size_t end)
{
    while (start < end && is_space((unsigned char)s[start]))
        start++;
    while (end > start && is_space((unsigned char)s[end - 1]))
        end--;
    if (start == end)
        return 0;
    if (GROW(*v, *cap, *n + 1))
        return STATUS_NOMEM;
    (*v)[*n].start = start;
    (*v)[*n].end = end;
    (*n)++;
    return 0;
}

/* The bytes where the loop below can do more than step over a
 * character: a line end, a quote mark, a terminal, and 0xE2, the first
 * byte of U+201C, U+201D and U+2026.  Every other byte, the rest of a
 * multi-byte character included (0x80-0xBF, never one of these), is
 * stepped over one at a time, which is the same as a character at a
 * time. */
static const unsigned char stops[256] = {
    ['\n'] = 1, ['"'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE2] = 1
};

int text_split_sentences(const char *s, size_t len, struct span **out,
                         size_t *n_out)
{
    struct span *v = NULL;
    size_t n = 0, cap = 0, start = 0, i = 0;
    int straight_open = 0, curly_depth = 0;

    while (i < len) {
        int32_t cp;
        size_t k, j;
        int terminal;

        if (!stops[(unsigned char)s[i]]) {
            i++;                /* nothing to decide at this byte */
            continue;
        }
        k = cp_at(s, len, i, &cp);

        if (cp == '\n') {
            /* a blank line ends a sentence and any quotation left open */
            j = i + 1;
            while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
                j++;
            if (j < len && s[j] == '\n') {
                if (push_span(&v, &n, &cap, s, start, i))
                    goto nomem;
                start = j;
                straight_open = curly_depth = 0;
                i = j;
                continue;
            }
        }
        if (cp == '"')
            straight_open = !straight_open;
        else if (cp == 0x201C)
            curly_depth++;
        else if (cp == 0x201D && curly_depth > 0)
            curly_depth--;
        terminal = cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
        if (!terminal) {
            i += k;
            continue;
        }
        /* swallow a run of terminals and closing quotes/brackets */
        j = i + k;
        while (j < len) {
            int32_t c2;
            size_t k2 = cp_at(s, len, j, &c2);
            if (c2 == '.' || c2 == '!' || c2 == '?' || c2 == 0x2026)
                ;
            else if (c2 == '"')
                straight_open = !straight_open;
            else if (c2 == 0x201D && curly_depth > 0)
                curly_depth--;
            else if (!is_closer(c2))
                break;
            j += k2;
        }
        if (j < len && !is_space((unsigned char)s[j])) {
            i = j;              /* 3.5, U.S.A, example.com */
            continue;
        }
        if (cp == '.' && j == i + 1 && before_is_abbrev(s, i)) {
            i = j;
            continue;
        }
        if (straight_open || curly_depth > 0) {
            if (j - start < QUOTE_SPAN_MAX) {
                i = j;          /* inside a quotation */
                continue;
            }
            straight_open = curly_depth = 0;    /* a stray quote mark */
        }
        if (j > i + k && closes_quote(s, i + k, j)
            && attribution_follows(s, len, j)) {
            i = j;              /* "No. Never." Peskov said. */
            continue;
        }
        {
            size_t m = j;
            int32_t nx = 0;
            while (m < len && is_space((unsigned char)s[m]))
                m++;
            if (m < len)
                cp_at(s, len, m, &nx);
            if (m < len && (nx < 0x80 ? nx >= 'a' && nx <= 'z'
                            : utf8proc_category(nx)
                              == UTF8PROC_CATEGORY_LL)) {
                i = j;          /* "... and then", "e.g. this" */
                continue;
            }
        }
        if (push_span(&v, &n, &cap, s, start, j))
            goto nomem;
        start = j;
        i = j;
    }
    if (push_span(&v, &n, &cap, s, start, len))
        goto nomem;
    *out = v;
    *n_out = n;
    return 0;
nomem:
    free(v);
    return STATUS_NOMEM;
}
