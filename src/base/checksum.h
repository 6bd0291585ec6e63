/* checksum.h - "lanes64x4", the checksum of model files and the lexical
 * table: 64-bit words in four independent lanes, then a final mix.
 *
 * Byte-wise FNV-1a waits for one multiply per byte (fnv1a64) or per word
 * (the lexical table's first checksum); here each lane takes a 64-bit
 * word per round, and the four lanes' multiplies overlap, so hashing runs
 * at several bytes a cycle and the files are checked at the speed they
 * are read.  Header only: training/lexicon_compile.c is built on its own.
 *
 * The state after every step is a bijection of the state before it, for
 * a fixed input word, and of the input word, for a fixed state:
 *   lane round   a <- rotl(a + w * P2, 31) * P1   (P1, P2 odd)
 *   fold         h <- (h ^ mix(a)) * P1 + P4      (mix() is bijective)
 * so two inputs of the same length that differ in one 8-byte word (any
 * number of bytes in it) always hash differently, and the length is
 * hashed too.  A checksum against damage, not against an adversary.
 */
#ifndef BASE_CHECKSUM_H
#define BASE_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

#define CHECKSUM_P1 0x9E3779B185EBCA87u
#define CHECKSUM_P2 0xC2B2AE3D27D4EB4Fu
#define CHECKSUM_P3 0x165667B19E3779F9u
#define CHECKSUM_P4 0x85EBCA77C2B2AE63u

/* p[0..8) as a little-endian word (compilers make this one load). */
static inline uint64_t checksum_word(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16
           | (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32
           | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48
           | (uint64_t)p[7] << 56;
}

static inline uint64_t checksum_round(uint64_t a, uint64_t w)
{
    a += w * CHECKSUM_P2;
    a = a << 31 | a >> 33;
    return a * CHECKSUM_P1;
}

/* A bijective avalanche of 64 bits (shifts and odd multipliers). */
static inline uint64_t checksum_mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDu;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53u;
    x ^= x >> 33;
    return x;
}

/* The "lanes64x4" checksum of p[0..n).  Word i (8 bytes from 8 i) goes
 * to lane i % 4; the last 1-7 bytes, zero-padded, are one more word. */
static inline uint64_t checksum64(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t a0 = CHECKSUM_P1 + CHECKSUM_P2, a1 = CHECKSUM_P2,
             a2 = 0, a3 = 0 - CHECKSUM_P1, lane[4], h;
    size_t i = 0, words;

    /* four variables, not an array, so the lanes stay in registers */
    for (; i + 32 <= n; i += 32) {
        a0 = checksum_round(a0, checksum_word(p + i));
        a1 = checksum_round(a1, checksum_word(p + i + 8));
        a2 = checksum_round(a2, checksum_word(p + i + 16));
        a3 = checksum_round(a3, checksum_word(p + i + 24));
    }
    lane[0] = a0;
    lane[1] = a1;
    lane[2] = a2;
    lane[3] = a3;
    for (words = 0; i + 8 <= n; i += 8, words++)
        lane[words] = checksum_round(lane[words], checksum_word(p + i));
    if (i < n) {
        unsigned char last[8] = { 0 };
        for (size_t k = 0; i + k < n; k++)
            last[k] = p[i + k];
        lane[words] = checksum_round(lane[words], checksum_word(last));
    }
    h = (uint64_t)n * CHECKSUM_P3;
    for (int l = 0; l < 4; l++)
        h = (h ^ checksum_mix(lane[l])) * CHECKSUM_P1 + CHECKSUM_P4;
    return checksum_mix(h);
}

#endif
