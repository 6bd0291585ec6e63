/* lexicon.h - the compiled lexical table (models/lexicon.bin): word forms
 * to lemmas and WordNet senses, hypernyms, adjective cluster heads and
 * antonyms, and how specific each synset is.  Made by
 * training/make_lexicon.sh; read-only once loaded. */
#ifndef LEX_LEXICON_H
#define LEX_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct lexicon;

/* Validate the table in buf[0..len) and keep a copy of it: magic, version
 * (a newer one is STATUS_VERSION), section sizes against the length, and
 * the checksum (STATUS_FORMAT when any is wrong).  name is used in
 * messages.  Sets *out only on success.  The in-memory entry point for
 * tests and fuzzers. */
int lexicon_parse(const void *buf, size_t len, const char *name,
                  struct lexicon **out, struct err *e);

/* The largest lexical table loaded, in bytes (the shipped one is 5 MB):
 * validating reads all of it. */
#define LEXICON_MAX_BYTES ((size_t)256 << 20)

/* Read path into memory and validate it as lexicon_parse() does; a missing
 * file is STATUS_IO, one over LEXICON_MAX_BYTES STATUS_LIMIT, one whose
 * size changes while it is read STATUS_IO.  The table is a copy: the file
 * truncated or rewritten later changes nothing (a mapping would fault). */
int lexicon_load(const char *path, struct lexicon **out, struct err *e);

void lexicon_free(struct lexicon *lx);

/* The name the table was loaded from (its path) or parsed as: an input
 * that commands' outputs must not replace. */
const char *lexicon_name(const struct lexicon *lx);

/* The payload checksum, which a model records to refuse another table. */
uint64_t lexicon_checksum(const struct lexicon *lx);

/* A word form's entry: its lemma's hash and its senses (synset ids). */
struct lex_word {
    uint32_t lemma;
    const unsigned char *sense;     /* n little-endian uint32 ids */
    unsigned n;
};

/* Look up a form by the tokeniser's hash.  Returns 1 and fills *w, or 0 if
 * the table does not know it. */
int lexicon_find(const struct lexicon *lx, uint32_t key, struct lex_word *w);

/* Sense k of a word (k < w->n). */
static inline uint32_t lex_word_sense(const struct lex_word *w, unsigned k)
{
    const unsigned char *p = w->sense + 4 * (size_t)k;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16
           | (uint32_t)p[3] << 24;
}

/* The cluster head of synset id (itself unless an adjective satellite). */
uint32_t lexicon_head(const struct lexicon *lx, uint32_t id);

/* The direct hypernyms (kind 0) or antonyms (kind 1, as cluster heads) of
 * synset id into out[0..max); returns how many.  Ids out of range have
 * none, so a damaged table cannot make a lookup read out of bounds. */
size_t lexicon_links(const struct lexicon *lx, uint32_t id, int kind,
                     uint32_t *out, size_t max);

/* How many synsets synset id is a hypernym of, directly or not, itself
 * included (its specificity: "carnivore" 366, "entity" 82,115), or
 * UINT32_MAX when not known (an id out of range, a version-1 table). */
uint32_t lexicon_below(const struct lexicon *lx, uint32_t id);

#endif
