/* furniture.h - page furniture: the lines of a scraped page that are not
 * the article (share labels, advertisement markers, video placeholders,
 * credits, other articles' headlines), found by line-shape rules and by a
 * list learnt from the lines that recur across many bodies of a corpus.
 * Knows text and positions, never models. */
#ifndef DOC_FURNITURE_H
#define DOC_FURNITURE_H

#include <stddef.h>

#include "base/err.h"

/* The kinds of furniture: enum constant and the name reports use. */
#define FURNITURE_KINDS(X)                                              \
    X(SHARE, "share")               /* share and social labels */       \
    X(ADVERT, "advertisement")      /* advertisement markers */         \
    X(MEDIA, "media")               /* video, gallery, poll */          \
    X(IMAGE_CREDIT, "image-credit") /* image and photo credits */       \
    X(FOLLOW, "follow")             /* "follow me on Twitter" */        \
    X(RELATED, "related")           /* "read more", "related" */        \
    X(CREDIT, "credit")             /* contributor and wire credits */  \
    X(CODE, "code")                 /* script or style left in text */  \
    X(NAVIGATION, "navigation")     /* Home > World > Europe */         \
    X(LABEL, "label")               /* a short line in capitals */      \
    X(NO_WORDS, "no-words")         /* rules, dashes, lone numbers */   \
    X(ABOVE_HEADLINE, "above-headline") /* before the headline */       \
    X(TRAILING, "trailing-headline")    /* after the last paragraph */  \
    X(RECURRING, "recurring")       /* on the learnt list, no rule */

enum furniture_kind {
    FURNITURE_NONE = 0,
#define FURNITURE_ENUM(k, name) FURNITURE_##k,
    FURNITURE_KINDS(FURNITURE_ENUM)
#undef FURNITURE_ENUM
    N_FURNITURE_KINDS
};

/* Version of the furniture file format this build writes and reads. */
#define FURNITURE_VERSION 1

/* Lines longer than this (bytes) are never looked up in the list. */
#define FURNITURE_MAX_LINE 200

/* A line that ends a sentence and has at least this many words reads as
 * prose and is never left out. */
#define FURNITURE_PROSE_WORDS 5

/* "share", ..., or "?" */
const char *furniture_kind_name(enum furniture_kind k);

/* The kind named name[0..len), or FURNITURE_NONE. */
enum furniture_kind furniture_kind_of(const char *name, size_t len);

/* The learnt list: normalised lines, each with a kind. */
struct furniture;

/* Parse a furniture file (JSON: "format": "gainsay-furniture",
 * "version", "lines": [{"text", "bodies", "kind"}], "checksum").  name is
 * for messages.  Refuses other formats, newer versions, a bad checksum,
 * lines that are not normalised or that read as prose.  Sets *out (the
 * caller frees it with furniture_free) only on success. */
int furniture_parse(const char *name, const char *text, size_t len,
                    struct furniture **out, struct err *e);

/* The largest furniture list read, in bytes (the shipped one is 3 KB). */
#define FURNITURE_MAX_BYTES ((size_t)16 << 20)

/* furniture_parse of the file at path (at most FURNITURE_MAX_BYTES). */
int furniture_load(const char *path, struct furniture **out, struct err *e);

void furniture_free(struct furniture *f);

/* Number of lines on the list. */
size_t furniture_count(const struct furniture *f);

/* The lookup key of a line: NFKC case-folded, runs of white space as one
 * space, trimmed.  Returns a malloc'd string (length in *n), or NULL when
 * out of memory or s is not valid UTF-8. */
char *furniture_key(const char *s, size_t len, size_t *n);

/* FNV-1a over each line's text and a newline: the file's checksum. */
unsigned long furniture_checksum(const char *const *text, size_t n);

/* Does s[0..len) (one line) read as a prose sentence: it ends a sentence
 * (. ! ? or an ellipsis, before any closing quotes or brackets) and has
 * at least FURNITURE_PROSE_WORDS words? */
int furniture_is_prose(const char *s, size_t len);

/* Words (runs of non-space holding a letter or a digit) in s[0..len). */
size_t furniture_words(const char *s, size_t len);

/* What the line-shape rules make of one line s[0..len) on its own
 * (position aside): a kind, or FURNITURE_NONE.  Never a kind for a line
 * that reads as prose. */
enum furniture_kind furniture_rule(const char *s, size_t len);

/* The kind of one line: FURNITURE_NONE for prose; else the rules' kind;
 * else the list's (f may be NULL). */
enum furniture_kind furniture_line(const struct furniture *f, const char *s,
                                   size_t len);

/* A line left out: bytes [start, end) of the scanned text, trimmed. */
struct furniture_span {
    size_t start, end;
    enum furniture_kind kind;
};

struct furniture_scan {
    struct furniture_span *span;
    size_t n, cap;
    size_t hs, he;              /* the headline line, when looked for;
                                   hs == he: none */
};

void furniture_scan_init(struct furniture_scan *sc);
void furniture_scan_clear(struct furniture_scan *sc);

enum {
    FURNITURE_SCAN_HEADLINE = 1,    /* the headline is the first line that
                                       reads as one; lines above it are
                                       left out */
    FURNITURE_SCAN_TRAILING = 2     /* a trailing run of short lines
                                       without closing punctuation after
                                       the last paragraph is left out */
};

/* Scan the lines of s[0..len) for furniture (f may be NULL: rules only).
 * Lines that are blank are skipped.  flags: FURNITURE_SCAN_HEADLINE,
 * FURNITURE_SCAN_TRAILING.  Fills sc (spans in order).  Returns 0 or
 * STATUS_NOMEM. */
int furniture_scan_text(const struct furniture *f, const char *s,
                        size_t len, unsigned flags,
                        struct furniture_scan *sc);

#endif
