/* csv.h - an RFC 4180 CSV reader over a buffer: quoted fields may hold
 * commas, doubled quotes and line breaks. */
#ifndef DATA_CSV_H
#define DATA_CSV_H

#include <stddef.h>

#include "base/err.h"

struct csv_reader {
    const char *name;           /* for messages; borrowed */
    const char *s;
    size_t len, pos;
    size_t line;                /* line of the next record, 1-based */
    char *buf;                  /* unescaped field bytes */
    size_t buf_cap;
    size_t *off, *flen;         /* fields of the current record */
    size_t n_fields, cap_fields;
};

/* Read s[0..len), named name in messages; both are borrowed and must
 * outlive r. */
void csv_init(struct csv_reader *r, const char *name, const char *s,
              size_t len);
void csv_clear(struct csv_reader *r);

/* Read the next record.  Returns 0 with *more = 1 and the fields
 * available through csv_field() (*line gets the record's first line), or
 * with *more = 0 at the end; or STATUS_PARSE or STATUS_NOMEM with e set
 * ("name:line: quoted field never closed"). */
int csv_next(struct csv_reader *r, size_t *line, int *more, struct err *e);

static inline const char *csv_field(const struct csv_reader *r, size_t i,
                                    size_t *len)
{
    *len = r->flen[i];
    return r->buf + r->off[i];
}

#endif
