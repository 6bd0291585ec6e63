/* read.h - the article formats (text, Markdown, HTML) as a table, and
 * doc_read(): a file or a buffer into a document. */
#ifndef DOC_READ_H
#define DOC_READ_H

#include <stddef.h>

#include "base/err.h"
#include "doc/document.h"
#include "doc/furniture.h"

/* One article format.  parse() is doc_parse_text's contract: text is
 * valid UTF-8 without NULs, borrowed, and must outlive d. */
struct doc_format {
    const char *name;                   /* --input-format value */
    const char *const *ext;             /* file name endings, NULL-ended */
    /* does the start of a file look like this format? (NULL: it cannot
     * tell; text claims nothing, it is what is left) */
    int (*sniff)(const char *s, size_t len);
    int (*parse)(struct document *d, const char *name, const char *text,
                 size_t len, const char *headline,
                 const struct furniture *fu, struct err *e);
};

/* The formats, text first; DOC_N_FORMATS of them. */
extern const struct doc_format doc_formats[];
#define DOC_N_FORMATS 3

/* The format called name, or NULL. */
const struct doc_format *doc_format_named(const char *name);

/* The format whose extension path ends with (the part after the last
 * '.' of its last component, compared as is), or NULL. */
const struct doc_format *doc_format_of_path(const char *path);

/* The format the content s[0..len) looks like, or NULL when no format
 * claims it. */
const struct doc_format *doc_format_sniff(const char *s, size_t len);

/* Limits on one article: its size (check --max-size), and its quoted and
 * reported statements, whose pairs grow with the square of their number. */
#define DOC_MAX_SIZE 10000000
#define DOC_MAX_QUOTES 1000

struct doc_read_options {
    const struct doc_format *format;    /* NULL: by the file name's
                                           extension, else text */
    const char *headline;               /* NULL: from the text */
    const struct furniture *furniture;  /* the learnt list, or NULL */
    size_t max_size;                    /* doc_read: bytes, at most */
    size_t max_quotes;                  /* 0: no limit */
    int sniff;                          /* format NULL and an extension
                                           that says nothing: look at the
                                           content (doc_format_sniff) */
};

/* format NULL, no headline or furniture, max_size DOC_MAX_SIZE bytes,
 * max_quotes DOC_MAX_QUOTES, no sniffing (what check does). */
void doc_read_options_init(struct doc_read_options *o);

/* Parse text[0..len) (borrowed; it must outlive d) named name (for
 * messages and the choice of parser) into d (document_init'd): checks
 * UTF-8 ("name:line: invalid UTF-8"), chooses the parser, parses, and
 * refuses more than max_quotes quoted or reported statements.  Returns 0
 * or a status with e set. */
int doc_read_mem(struct document *d, const char *name, const char *text,
                 size_t len, const struct doc_read_options *o,
                 struct err *e);

/* Read the file at path ("-": stdin; name is the name for messages and
 * the parser, NULL for path) into d, which then owns the bytes
 * (d->text_owned), refusing more than o->max_size of them, and parse it
 * as doc_read_mem does.  Returns 0 or a status with e set; d may then
 * hold the bytes read, and document_clear() frees them. */
int doc_read(struct document *d, const char *path, const char *name,
             const struct doc_read_options *o, struct err *e);

#endif
