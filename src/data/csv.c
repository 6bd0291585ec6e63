/* csv.c - an RFC 4180 CSV reader over a buffer. */
#include "data/csv.h"

#include <stdlib.h>
#include <string.h>

#include "base/grow.h"

void csv_init(struct csv_reader *r, const char *name, const char *s,
              size_t len)
{
    memset(r, 0, sizeof *r);
    r->name = name;
    r->s = s;
    r->len = len;
    r->line = 1;
}

void csv_clear(struct csv_reader *r)
{
    free(r->buf);
    free(r->off);
    free(r->flen);
    memset(r, 0, sizeof *r);
}

/* The bytes of the character at s[0..n): 1 for ASCII or a byte that does
 * not start a whole UTF-8 sequence, so a message never shows half of one. */
static size_t char_len(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;

    if (k > n || c >= 0xF8)
        return 1;
    for (size_t i = 1; i < k; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 1;
    return k;
}

static int add_field(struct csv_reader *r, size_t off, size_t n)
{
    if (GROW2(r->off, r->flen, r->cap_fields, r->n_fields + 1))
        return -1;
    r->off[r->n_fields] = off;
    r->flen[r->n_fields] = n;
    r->n_fields++;
    return 0;
}

int csv_next(struct csv_reader *r, size_t *line, int *more, struct err *e)
{
    const char *s = r->s;
    size_t i = r->pos, used = 0, start;

    *more = 0;
    if (i >= r->len)
        return 0;
    /* the record is at most as long as the rest of the input */
    if (r->buf_cap < r->len - i + 1) {
        char *b = realloc(r->buf, r->len - i + 1);
        if (!b)
            return err_set(e, STATUS_NOMEM, "%s:%zu: out of memory",
                           r->name, r->line);
        r->buf = b;
        r->buf_cap = r->len - i + 1;
    }
    r->n_fields = 0;
    *line = r->line;
    for (;;) {
        start = used;
        if (i < r->len && s[i] == '"') {
            size_t qline = r->line;
            i++;
            for (;;) {
                if (i >= r->len)
                    return err_set(e, STATUS_PARSE, "%s:%zu: quoted field "
                                   "never closed", r->name, qline);
                if (s[i] == '"') {
                    if (i + 1 < r->len && s[i + 1] == '"') {
                        r->buf[used++] = '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (s[i] == '\n')
                    r->line++;
                r->buf[used++] = s[i++];
            }
            if (i < r->len && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
                /* the whole character, never half of one; a control
                 * character by its code */
                if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
                    return err_set(e, STATUS_PARSE, "%s:%zu: unexpected "
                                   "U+%04X after a closing quote", r->name,
                                   r->line, (unsigned)s[i]);
                return err_set(e, STATUS_PARSE, "%s:%zu: unexpected '%.*s' "
                               "after a closing quote", r->name, r->line,
                               (int)char_len(s + i, r->len - i), s + i);
            }
        } else {
            while (i < r->len && s[i] != ',' && s[i] != '\n') {
                if (s[i] == '\r' && (i + 1 == r->len || s[i + 1] == '\n'))
                    break;
                r->buf[used++] = s[i++];
            }
        }
        if (add_field(r, start, used - start))
            return err_set(e, STATUS_NOMEM, "%s:%zu: out of memory",
                           r->name, r->line);
        r->buf[used++] = '\0';
        if (i < r->len && s[i] == ',') {
            i++;
            continue;
        }
        if (i < r->len && s[i] == '\r')
            i++;
        if (i < r->len && s[i] == '\n') {
            i++;
            r->line++;
        }
        break;
    }
    r->pos = i;
    *more = 1;
    return 0;
}
