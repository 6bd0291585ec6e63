/* base64.c - RFC 4648 base64, for binary arrays inside JSON model files. */
#include "base/base64.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define BASE64_AVX2 1
#endif

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *base64_encode(const void *p, size_t n)
{
    const unsigned char *s = p;
    char *out = malloc((n + 2) / 3 * 4 + 1), *o = out;
    size_t i = 0;

    if (!out)
        return NULL;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
        *o++ = alphabet[v >> 18];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = alphabet[(v >> 6) & 63];
        *o++ = alphabet[v & 63];
    }
    if (n - i == 1) {
        uint32_t v = (uint32_t)s[i] << 16;
        *o++ = alphabet[v >> 18];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = '=';
        *o++ = '=';
    } else if (n - i == 2) {
        uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8;
        *o++ = alphabet[v >> 18];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = alphabet[(v >> 6) & 63];
        *o++ = '=';
    }
    *o = '\0';
    return out;
}

/* 0..63 for the alphabet, 64 for '=', 65 for anything else. */
static const unsigned char value_table[256] = {
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 62, 65, 65, 65, 63,
    52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 65, 65, 65, 64, 65, 65,
    65,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 65, 65, 65, 65, 65,
    65, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
    41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65,
};

static int value_of(unsigned char c)
{
    unsigned char v = value_table[c];
    return v < 64 ? v : -1;
}

size_t base64_decoded_size(const char *s, size_t len)
{
    size_t pad = 0;

    if (len % 4 != 0)
        return SIZE_MAX;
    if (len >= 1 && s[len - 1] == '=')
        pad++;
    if (len >= 2 && s[len - 2] == '=')
        pad++;
    return len / 4 * 3 - pad;
}

#ifdef BASE64_AVX2
/* 32 characters to 24 bytes at a time, after Mula and Lemire, "Faster
 * Base64 Encoding and Decoding using AVX2 Instructions" (2018):
 *  - a character is valid when lut_lo[its low nibble] & lut_hi[its high
 *    nibble] is 0: the high nibbles fall in five classes by which low
 *    nibbles are letters of the alphabet there (none: 0-1 and 8-f; '+'
 *    and '/': 2; digits: 3; 'A'-'O' and 'a'-'o': 4 and 6; 'P'-'Z' and
 *    'p'-'z': 5 and 7), a bit each, and lut_lo has the bits of the
 *    classes where that low nibble is not a letter;
 *  - its value is the character plus roll[high nibble], '/' (the only
 *    letter its high nibble shares with another offset) one entry down;
 *  - multiply-adds pack four 6-bit values into 24 bits per 32-bit word,
 *    byte shuffles put them in order, 12 bytes per 128-bit half.
 * Stops before the first block holding anything else ('=' included), so
 * the bytewise loop finds it and says where, as it always has.  Writes 32
 * bytes for 24: the caller leaves room for them.  Returns the characters
 * consumed (a multiple of 32). */
__attribute__((target("avx2")))
static size_t decode_avx2(const unsigned char *s, size_t len,
                          unsigned char *o)
{
    const __m256i lut_lo = _mm256_setr_epi8(
        0x0b, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03,
        0x03, 0x03, 0x07, 0x15, 0x17, 0x17, 0x17, 0x15,
        0x0b, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03,
        0x03, 0x03, 0x07, 0x15, 0x17, 0x17, 0x17, 0x15);
    const __m256i lut_hi = _mm256_setr_epi8(
        0x01, 0x01, 0x02, 0x04, 0x08, 0x10, 0x08, 0x10,
        0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
        0x01, 0x01, 0x02, 0x04, 0x08, 0x10, 0x08, 0x10,
        0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01);
    const __m256i roll = _mm256_setr_epi8(
        0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m256i nibble = _mm256_set1_epi8(0x0f);
    const __m256i slash = _mm256_set1_epi8('/');
    const __m256i order = _mm256_setr_epi8(
        2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
        2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    const __m256i halves = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7);
    size_t i = 0;

    for (; i + 32 <= len; i += 32, o += 24) {
        __m256i in = _mm256_loadu_si256((const __m256i *)(const void *)
                                        (s + i));
        __m256i hi = _mm256_and_si256(_mm256_srli_epi32(in, 4), nibble);
        __m256i lo = _mm256_and_si256(in, nibble);
        __m256i bad = _mm256_and_si256(_mm256_shuffle_epi8(lut_lo, lo),
                                       _mm256_shuffle_epi8(lut_hi, hi));
        __m256i v, w;
        if (!_mm256_testz_si256(bad, bad))
            break;
        v = _mm256_add_epi8(in, _mm256_shuffle_epi8(
            roll, _mm256_add_epi8(hi, _mm256_cmpeq_epi8(in, slash))));
        /* (a << 6 | b) per 16 bits, then (ab << 12 | cd) per 32 */
        w = _mm256_maddubs_epi16(v, _mm256_set1_epi32(0x01400140));
        w = _mm256_madd_epi16(w, _mm256_set1_epi32(0x00011000));
        w = _mm256_shuffle_epi8(w, order);
        w = _mm256_permutevar8x32_epi32(w, halves);
        _mm256_storeu_si256((__m256i *)(void *)o, w);
    }
    return i;
}

/* Whether this processor has AVX2 (asked once by the compiler's
 * runtime). */
static int have_avx2(void)
{
    return __builtin_cpu_supports("avx2");
}
#endif

static int decode_to(const char *s, size_t len, unsigned char *out,
                     size_t n, int simd, struct err *e)
{
    unsigned char *o = out;
    size_t size = base64_decoded_size(s, len), pad, start = 0;

    if (size == SIZE_MAX)
        return err_set(e, STATUS_PARSE, "base64: length %zu is not a "
                       "multiple of 4", len);
    if (size != n)
        return err_set(e, STATUS_PARSE, "base64: %zu bytes, not %zu", size,
                       n);
    pad = len / 4 * 3 - n;
#ifdef BASE64_AVX2
    /* blocks that end 16 characters before the end: the last quad (it
     * may be padded) is the loop's below, and a block's 32-byte store
     * ends at most 3 (len - 48) / 4 + 32 = 3 len / 4 - 4 bytes in, within
     * the n >= 3 len / 4 - 2 bytes of out */
    if (simd && len >= 32 + 16 && have_avx2()) {
        start = decode_avx2((const unsigned char *)s, len - 16, o);
        o += start / 4 * 3;
    }
#else
    (void)simd;
#endif
    /* all quads but the last have no padding */
    for (size_t i = start; i + 4 < len; i += 4) {
        const unsigned char *q = (const unsigned char *)s + i;
        unsigned a = value_table[q[0]], b = value_table[q[1]],
                 c = value_table[q[2]], d = value_table[q[3]];
        if ((a | b | c | d) >= 64)
            return err_set(e, STATUS_PARSE, "base64: not a base64 "
                           "character in bytes %zu to %zu", i, i + 3);
        *o++ = (unsigned char)(a << 2 | b >> 4);
        *o++ = (unsigned char)(b << 4 | c >> 2);
        *o++ = (unsigned char)(c << 6 | d);
    }
    for (size_t i = len >= 4 ? len - 4 : len; i < len; i += 4) {
        int v[4];
        for (int k = 0; k < 4; k++) {
            v[k] = value_of((unsigned char)s[i + (size_t)k]);
            if (v[k] < 0 && !(s[i + (size_t)k] == '=' && k >= 4 - (int)pad))
                return err_set(e, STATUS_PARSE, "base64: not a base64 "
                               "character at byte %zu", i + (size_t)k);
            if (v[k] < 0)
                v[k] = 0;
        }
        uint32_t w = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12
                     | (uint32_t)v[2] << 6 | (uint32_t)v[3];
        *o++ = (unsigned char)(w >> 16);
        if (pad < 2)
            *o++ = (unsigned char)(w >> 8);
        if (pad < 1)
            *o++ = (unsigned char)w;
    }
    return 0;
}

int base64_decode_to(const char *s, size_t len, unsigned char *out,
                     size_t n, struct err *e)
{
    return decode_to(s, len, out, n, 1, e);
}

int base64_decode_to_scalar(const char *s, size_t len, unsigned char *out,
                            size_t n, struct err *e)
{
    return decode_to(s, len, out, n, 0, e);
}

int base64_decode(const char *s, size_t len, unsigned char **out, size_t *n,
                  struct err *e)
{
    size_t size = base64_decoded_size(s, len);
    unsigned char *buf;
    int rc;

    if (size == SIZE_MAX)
        return err_set(e, STATUS_PARSE, "base64: length %zu is not a "
                       "multiple of 4", len);
    buf = malloc(size + 1);
    if (!buf)
        return err_set(e, STATUS_NOMEM, "base64: out of memory");
    if ((rc = base64_decode_to(s, len, buf, size, e)) != 0) {
        free(buf);
        return rc;
    }
    *out = buf;
    *n = size;
    return 0;
}
