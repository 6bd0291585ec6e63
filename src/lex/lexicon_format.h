/* lexicon_format.h - the byte layout of gainsay's lexical table, shared by
 * its compiler (training/lexicon_compile.c) and its loader (lexicon.c).
 *
 * A 48-byte header, then a payload of little-endian uint32 arrays:
 *
 *   0  magic "GSLEXTBL"        8  version            12 n_forms
 *   16 n_senses (sense refs)   20 n_synsets          24 n_hyp   28 n_ant
 *   32 payload bytes (u64)     40 checksum of the payload (u64)
 *
 *   form_key[n_forms]      FNV-1a of the folded form, sorted, unique
 *   form_lemma[n_forms]    FNV-1a of its lemma ("ran" -> "run")
 *   form_sense[n_forms]    first << LEX_SENSE_BITS | count, into sense[]
 *   sense[n_senses]        synset ids, most frequent sense first
 *   head[n_synsets]        adjective satellite -> its cluster head, else self
 *   hyp_off[n_synsets + 1], hyp[n_hyp]     direct hypernyms, sorted
 *   ant_off[n_synsets + 1], ant[n_ant]     antonyms, as cluster heads
 *   below[n_synsets]       (version 2) how many synsets the synset is a
 *                          hypernym of, directly or not, itself included:
 *                          its specificity (carnivore 366, entity 82,115)
 *
 * A version-1 table has no below[]; its loader answers "unknown".  Version
 * 3 is version 2's layout with the payload checksummed by "lanes64x4"
 * (base/checksum.h) instead of FNV-1a over 32-bit words; the checksum is
 * also the table's identity, which a model records.
 */
#ifndef LEX_LEXICON_FORMAT_H
#define LEX_LEXICON_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "base/checksum.h"

#define LEX_MAGIC "GSLEXTBL"
#define LEX_VERSION 3
#define LEX_HEADER_SIZE 48
#define LEX_SENSE_BITS 4
#define LEX_MAX_SENSES 15       /* (1 << LEX_SENSE_BITS) - 1 */

static inline void lex_put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static inline void lex_put64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static inline uint32_t lex_get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16
           | (uint32_t)p[3] << 24;
}

static inline uint64_t lex_get64(const unsigned char *p)
{
    return (uint64_t)lex_get32(p) | (uint64_t)lex_get32(p + 4) << 32;
}

/* The checksum of tables of version 1 and 2: FNV-1a in 64 bits, one
 * 32-bit word at a time (the payload is whole words).  One chain of
 * multiplies, 2.5 ms over today's 5.9 MB table. */
static inline uint64_t lex_checksum_fnv(const unsigned char *p, size_t n)
{
    uint64_t h = 14695981039346656037u;

    for (size_t i = 0; i + 4 <= n; i += 4) {
        h ^= lex_get32(p + i);
        h *= 1099511628211u;
    }
    return h;
}

/* The checksum of the payload p[0..n) of a table of the given version:
 * lanes64x4 from version 3 (0.9 ms over the same table), the FNV words
 * before. */
static inline uint64_t lex_checksum_of(uint32_t version,
                                       const unsigned char *p, size_t n)
{
    return version >= 3 ? checksum64(p, n) : lex_checksum_fnv(p, n);
}

/* The checksum the compiler writes: that of LEX_VERSION. */
static inline uint64_t lex_checksum(const unsigned char *p, size_t n)
{
    return lex_checksum_of(LEX_VERSION, p, n);
}

#endif
