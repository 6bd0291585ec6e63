/* csv.h - an RFC 4180 CSV reader over a buffer: quoted fields may hold
 * commas, doubled quotes and line breaks. */
#ifndef DATA_CSV_H
#define DATA_CSV_H

#include <stddef.h>

#include "base/err.h"

struct csv_reader {
    const char *s;
    size_t len, pos;
    size_t line;                /* line of the next record, 1-based */
    size_t err_line;            /* where the last error was */
    char *buf;                  /* unescaped field bytes */
    size_t buf_cap;
    size_t *off, *flen;         /* fields of the current record */
    size_t n_fields, cap_fields;
};

void csv_init(struct csv_reader *r, const char *s, size_t len);
void csv_clear(struct csv_reader *r);

/* Read the next record.  Returns 1 with the fields available through
 * csv_field(), 0 at the end, or -1 with e set (a message without file or
 * line; the line is in err_line).  *line gets the record's first line. */
int csv_next(struct csv_reader *r, size_t *line, struct err *e);

static inline const char *csv_field(const struct csv_reader *r, size_t i,
                                    size_t *len)
{
    *len = r->flen[i];
    return r->buf + r->off[i];
}

#endif
