/* hash.h - FNV-1a, the one hash gainsay uses for features. */
#ifndef BASE_HASH_H
#define BASE_HASH_H

#include <stddef.h>
#include <stdint.h>

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u

/* Continue an FNV-1a hash h over p[0..n).  Start with FNV_OFFSET. */
static inline uint32_t fnv1a_more(uint32_t h, const void *p, size_t n)
{
    const unsigned char *s = p;

    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= FNV_PRIME;
    }
    return h;
}

static inline uint32_t fnv1a(const void *p, size_t n)
{
    return fnv1a_more(FNV_OFFSET, p, n);
}

/* Mix two 32-bit hashes into one (order matters), for namespaced and
 * crossed features. */
static inline uint32_t hash_combine(uint32_t a, uint32_t b)
{
    unsigned char buf[8];

    for (int i = 0; i < 4; i++) {
        buf[i] = (unsigned char)(a >> (8 * i));
        buf[4 + i] = (unsigned char)(b >> (8 * i));
    }
    return fnv1a(buf, sizeof buf);
}

#endif
