/* directive.c - gainsay's inline comments, parsed and applied. */
#include "doc/directive.h"

#include <stdlib.h>
#include <string.h>

#include "base/grow.h"

static int blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void directive_list_clear(struct directive_list *dl)
{
    free(dl->v);
    memset(dl, 0, sizeof *dl);
}

static size_t line_of(const char *text, size_t at)
{
    size_t line = 1;

    for (size_t i = 0; i < at; i++)
        line += text[i] == '\n';
    return line;
}

int directive_add(struct directive_list *dl, const char *name,
                  const char *text, size_t start, size_t end,
                  size_t block_end, struct err *e)
{
    static const struct { const char *word; enum directive_kind k; } words[]
        = { { "off", DIRECTIVE_OFF }, { "on", DIRECTIVE_ON },
            { "disable-next-line", DIRECTIVE_NEXT_LINE },
            { "disable-next-block", DIRECTIVE_NEXT_BLOCK } };
    size_t a = start + 4, b = end - 3, w, inner;
    struct directive d;
    int found = 0;

    if (end < start + 7 || memcmp(text + start, "<!--", 4) != 0
        || memcmp(text + end - 3, "-->", 3) != 0)
        return 0;
    while (a < b && blank_char(text[a]))
        a++;
    while (b > a && blank_char(text[b - 1]))
        b--;
    if (b - a < 7 || memcmp(text + a, "gainsay", 7) != 0
        || (b - a > 7 && !blank_char(text[a + 7])))
        return 0;
    inner = a;
    a += 7;
    while (a < b && blank_char(text[a]))
        a++;
    for (w = 0; w < sizeof words / sizeof *words; w++)
        if (strlen(words[w].word) == b - a
            && memcmp(text + a, words[w].word, b - a) == 0) {
            found = 1;
            break;
        }
    if (!found)
        return err_set(e, STATUS_PARSE, "%s:%zu: unknown directive "
                       "'%.*s' (expected gainsay off, on, disable-next-line "
                       "or disable-next-block)", name, line_of(text, start),
                       (int)(b - inner > 60 ? 60 : b - inner), text + inner);
    if (GROW(dl->v, dl->cap, dl->n + 1))
        return err_set(e, STATUS_NOMEM, "%s: out of memory", name);
    d.kind = words[w].k;
    d.start = start;
    d.end = end;
    d.block_end = block_end;
    dl->v[dl->n++] = d;
    return 0;
}

int directive_scan_lines(struct directive_list *dl, const char *name,
                         const char *text, size_t len, struct err *e)
{
    size_t i = 0;

    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len, a = i, b = end;
        int rc;
        while (a < b && blank_char(text[a]))
            a++;
        while (b > a && blank_char(text[b - 1]))
            b--;
        if (b - a >= 7 && memcmp(text + a, "<!--", 4) == 0
            && (rc = directive_add(dl, name, text, a, b, 0, e)) != 0)
            return rc;
        i = end + 1;
    }
    return 0;
}

static void blank(char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] != '\n')
            s[i] = ' ';
}

/* Start of the line after the one holding at, or len. */
static size_t next_line(const char *s, size_t len, size_t at)
{
    const char *nl = at < len ? memchr(s + at, '\n', len - at) : NULL;

    return nl ? (size_t)(nl - s) + 1 : len;
}

void directive_apply(const struct directive_list *dl, char *clean,
                     size_t len)
{
    size_t off_at = (size_t)-1;
    /* [gap_from, gap_to) is known to hold only blank characters, and
     * gap_to starts a line (or is len): blanking only ever adds to it, so
     * a later search that starts inside it may start at its end instead
     * of walking it again (50,000 disable-next-line comments over a blank
     * tail were quadratic). */
    size_t gap_from = 0, gap_to = 0;

    for (size_t i = 0; i < dl->n; i++) {
        const struct directive *d = &dl->v[i];
        size_t p, q;

        blank(clean, d->start, d->end);
        switch (d->kind) {
        case DIRECTIVE_OFF:
            if (off_at == (size_t)-1)
                off_at = d->end;
            break;
        case DIRECTIVE_ON:
            if (off_at != (size_t)-1)
                blank(clean, off_at, d->start);
            off_at = (size_t)-1;
            break;
        case DIRECTIVE_NEXT_LINE:
            /* the next line with prose on it */
            q = next_line(clean, len, d->end);
            if (q >= gap_from && q < gap_to)
                q = gap_to;     /* the gap grows on from its start */
            else
                gap_from = q;
            for (p = q; p < len; p = next_line(clean, len, p)) {
                q = p;
                while (q < len && clean[q] != '\n' && blank_char(clean[q]))
                    q++;
                if (q < len && clean[q] != '\n') {
                    blank(clean, p, next_line(clean, len, p));
                    break;
                }
            }
            gap_to = next_line(clean, len, p);
            break;
        case DIRECTIVE_NEXT_BLOCK:
            if (d->block_end > d->end && d->block_end <= len) {
                blank(clean, d->end, d->block_end);
                break;
            }
            /* up to the first blank line after some prose */
            p = d->end;
            if (p >= gap_from && p < gap_to)
                p = gap_to;
            else
                gap_from = d->end;
            while (p < len && blank_char(clean[p]))
                p++;
            for (q = p; q < len; q++) {
                if (clean[q] == '\n') {
                    size_t r = q + 1;
                    while (r < len && clean[r] != '\n' && blank_char(clean[r]))
                        r++;
                    if (r >= len || clean[r] == '\n')
                        break;
                }
            }
            blank(clean, d->end, q);
            gap_to = q < len ? q + 1 : len;
            break;
        }
    }
    if (off_at != (size_t)-1)
        blank(clean, off_at, len);
}
