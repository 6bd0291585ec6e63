/* document.h - an article as headline, paragraphs, sentences and quoted
 * statements, each a span of the original bytes.  Knows text and
 * positions, never models. */
#ifndef DOC_DOCUMENT_H
#define DOC_DOCUMENT_H

#include <stddef.h>

#include "base/err.h"
#include "doc/furniture.h"

/* Where a statement is: bytes [start, end) of the original, and 1-based
 * line and column (columns count code points) of its first character and
 * of the character after its last. */
struct doc_pos {
    size_t start, end;
    size_t line, col;
    size_t end_line, end_col;
};

enum stmt_kind {
    STMT_HEADLINE,
    STMT_SENTENCE,      /* a body sentence */
    STMT_QUOTE,         /* words inside quotation marks */
    STMT_REPORTED       /* a denial reported without quotes: X denied that */
};

struct statement {
    enum stmt_kind kind;
    struct doc_pos pos;
    size_t paragraph;           /* 0 for the headline, then 1, 2, ... */
    size_t sentence;            /* index of the containing statement, or
                                   SIZE_MAX for the headline and sentences */
    char *speaker;              /* for quotes when attributed, else NULL */
};

/* A line left out of the article as page furniture. */
struct doc_left_out {
    struct doc_pos pos;
    enum furniture_kind kind;
};

struct document {
    const char *name;           /* file name for messages; borrowed */
    const char *text;           /* the original bytes; borrowed, */
    char *text_owned;           /* unless doc_read() read them */
    const char *clean;          /* the same bytes with non-prose blanked */
    char *clean_owned;          /* clean, when the document owns it */
    size_t len;
    char *headline_text;        /* --headline, when not from the text */
    struct statement *st;
    size_t n, cap;
    size_t headline;            /* index of the headline, or SIZE_MAX */
    size_t body_start, body_end;
    size_t *line_start;         /* byte offset of each line */
    size_t n_lines;
    size_t *col_mark;           /* code points from its line's start to
                                   each DOC_COL_STEP-th byte */
    struct doc_left_out *left;  /* lines left out as furniture, in order */
    size_t n_left;
    int nothing;                /* no body (and perhaps no headline) to
                                   check: empty, a stub, switched off or
                                   all of it furniture */
    const char *warning;        /* a doubt about how the input was read,
                                   for cli/ to print (static), or NULL */
    size_t warning_line;        /* the line it is about */
};

/* Every DOC_COL_STEP bytes the document notes the column, so a column is
 * counted from at most that far back, not from the start of a line (a
 * one-line article of many sentences was quadratic). */
#define DOC_COL_STEP 256

void document_init(struct document *d);
void document_clear(struct document *d);

/* Parse plain text.  Lines of page furniture (doc/furniture.h: the rules,
 * and the learnt list fu, which may be NULL) are left out and listed in
 * d->left; a trailing run of other articles' headlines too.  The headline
 * is the first line that reads as one after the furniture, unless
 * headline is not NULL (then the whole text is the body).  A page that is
 * all furniture parses, with d->nothing set.  Body sentences,
 * quotes with their speakers ("No," Peskov said / X said: "..." /
 * "...", said X / according to X) and reported denials become statements.
 * text must be valid UTF-8 without NULs; it is borrowed and must outlive
 * d.  Returns 0, or a status with e set (an article with no body). */
int doc_parse_text(struct document *d, const char *name, const char *text,
                   size_t len, const char *headline,
                   const struct furniture *fu, struct err *e);

/* Parse text whose non-prose parts a front end (Markdown, HTML) has
 * blanked to spaces in clean (same length as text; the document takes
 * ownership of clean, which must be malloc'd).  The headline is the span
 * [hs, he) of text, or the headline string when hs == he, or (neither
 * given) the first line of prose in clean that reads as a headline.
 * Furniture lines of clean are left out as in doc_parse_text (without the
 * trailing run: markup says where a page's article ends). */
int doc_parse_masked(struct document *d, const char *name, const char *text,
                     char *clean, size_t len, size_t hs, size_t he,
                     const char *headline, const struct furniture *fu,
                     struct err *e);

/* The text of statement i (the --headline text for an overriding
 * headline), as a pointer into the original and a length. */
const char *doc_text(const struct document *d, size_t i, size_t *len);

/* The same span of the cleaned text, for analysis: markup blanked. */
const char *doc_clean_text(const struct document *d, size_t i, size_t *len);

/* Fill line and column fields of p from its byte range. */
void doc_locate(const struct document *d, struct doc_pos *p);

const char *stmt_kind_name(enum stmt_kind k);

#endif
