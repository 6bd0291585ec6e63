/* base64.c - RFC 4648 base64, for binary arrays inside JSON model files. */
#include "base/base64.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

int base64_decode_to(const char *s, size_t len, unsigned char *out,
                     size_t n, struct err *e)
{
    unsigned char *o = out;
    size_t size = base64_decoded_size(s, len), pad;

    if (size == SIZE_MAX)
        return err_set(e, STATUS_PARSE, "base64: length %zu is not a "
                       "multiple of 4", len);
    if (size != n)
        return err_set(e, STATUS_PARSE, "base64: %zu bytes, not %zu", size,
                       n);
    pad = len / 4 * 3 - n;
    /* all quads but the last have no padding */
    for (size_t i = 0; i + 4 < len; i += 4) {
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
