/* utf8.c - UTF-8 validation with a position for the error message. */
#include "text/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Are all 8 bytes at p ASCII and none NUL?  (A zero byte makes
 * (v - 0x01..01) & ~v have its high bit set; so does no other ASCII byte.) */
static int ascii8(const unsigned char *p)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t v;

    memcpy(&v, p, sizeof v);
    return ((v | ((v - ones) & ~v)) & highs) == 0;
}

size_t utf8_check(const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;

    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n;

        if (len - i >= 8 && ascii8(p + i)) {    /* 8 ASCII bytes at once */
            i += 8;
            continue;
        }
        if (p[i] < 0x80) {      /* fast path for ASCII */
            if (p[i] == 0)
                return i;
            i++;
            continue;
        }
        n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n < 0)
            return i;
        i += (size_t)n;
    }
    return len;
}

size_t utf8_line_of(const char *s, size_t off)
{
    size_t line = 1;

    for (size_t i = 0; i < off; i++)
        line += s[i] == '\n';
    return line;
}

size_t utf8_count(const char *s, size_t len)
{
    size_t n = 0;

    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* The length of the valid UTF-8 character at s[0..len), or 0. */
static size_t char_len(const char *s, size_t len)
{
    const unsigned char c = (unsigned char)s[0];
    size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2
               : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;

    return n && n <= len && utf8_check(s, n) == n ? n : 0;
}

const char *utf8_display_name(const char *name, char **owned)
{
    size_t len = strlen(name), o = 0;
    int plain = utf8_check(name, len) == len;
    char *out;

    *owned = NULL;
    for (size_t i = 0; plain && i < len; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            plain = 0;
    if (plain || !(out = malloc(4 * len + 1)))
        return name;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)name[i];
        size_t k = char_len(name + i, len - i);
        if (k > 1 || (k == 1 && c >= 0x20 && c != 0x7f && c != '\\')) {
            memcpy(out + o, name + i, k);
            o += k;
            i += k;
            continue;
        }
        if (c == '\\' || c == '\n' || c == '\t') {
            out[o++] = '\\';
            out[o++] = c == '\n' ? 'n' : c == '\t' ? 't' : '\\';
        } else
            o += (size_t)sprintf(out + o, "\\x%02X", c);
        i++;
    }
    out[o] = '\0';
    *owned = out;
    return out;
}
