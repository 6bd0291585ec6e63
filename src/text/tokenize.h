/* tokenize.h - UTF-8 text to case-folded word tokens (utf8proc, no locale). */
#ifndef TEXT_TOKENIZE_H
#define TEXT_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

enum token_flag {
    TOKEN_NUMBER = 1,       /* digits, with "," dropped and one "." kept */
    TOKEN_NEG = 2,          /* the "n't" of a contraction */
    TOKEN_PUNCT = 4,        /* "?" (the only punctuation kept) */
    TOKEN_CAP = 8           /* the word began with a capital letter */
};

struct token {
    uint32_t off;           /* into token_list.text; NUL-terminated there */
    uint32_t len;
    uint32_t hash;          /* fnv1a of the folded bytes */
    uint32_t flags;         /* enum token_flag bits */
};

/* Tokens own their folded text in one buffer. */
struct token_list {
    char *text;
    size_t text_len, text_cap;
    struct token *tok;
    size_t n, cap;
};

void token_list_init(struct token_list *tl);
void token_list_clear(struct token_list *tl);
/* Drop the tokens but keep the storage for reuse. */
void token_list_reset(struct token_list *tl);

static inline const char *token_str(const struct token_list *tl, size_t i)
{
    return tl->text + tl->tok[i].off;
}

/* Append the tokens of s[0..len) to tl.  Text is NFKC-normalised, case-folded
 * and stripped of accents; words split at anything that is not a letter,
 * mark or digit.  Contractions split as do + n't (flagged TOKEN_NEG), it + 's;
 * "cannot" becomes can + not.  Returns 0, STATUS_UTF8 for invalid UTF-8,
 * STATUS_LIMIT when normalising grows the text past TEXT_MAX_GROWTH times
 * its size plus TEXT_GROWTH_SLACK bytes, or STATUS_NOMEM. */
int text_tokenize(const char *s, size_t len, struct token_list *tl);

/* text_tokenize() without its ASCII shortcut: every text through the
 * utf8proc path.  The same tokens; exposed for the test that says so. */
int text_tokenize_unicode(const char *s, size_t len, struct token_list *tl);

/* s[0..len) NFKC-normalised, case-folded and stripped of accents, as
 * text_tokenize() sees it: into a malloc'd, NUL-terminated *out of *n
 * bytes.  The same bytes as utf8proc_map() with those options, with ASCII
 * done without it.  Returns 0, STATUS_UTF8 or STATUS_NOMEM. */
int text_fold(const char *s, size_t len, char **out, size_t *n);

/* NFKC expands some characters a long way (U+FDFA, 3 bytes, is 33; a
 * 9 MB article of it took 1.1 GB): real text grows far less. */
#define TEXT_MAX_GROWTH 3
#define TEXT_GROWTH_SLACK 256

/* What a status from text_tokenize (or anything built on it) means, for
 * messages: "invalid UTF-8", "out of memory", ... */
const char *text_status_message(int rc);

#endif
