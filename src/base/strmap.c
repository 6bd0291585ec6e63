/* strmap.c - interns byte strings: each distinct string gets a dense id. */
#include "base/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/hash.h"

void strmap_init(struct strmap *m)
{
    memset(m, 0, sizeof *m);
}

void strmap_clear(struct strmap *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->str[i]);
    free(m->str);
    free(m->len);
    free(m->slot);
    strmap_init(m);
}

static size_t probe(const struct strmap *m, const char *s, size_t len,
                    uint32_t h)
{
    size_t mask = m->n_slots - 1, i = h & mask;

    for (;;) {
        size_t id = m->slot[i];
        if (id == 0 || (m->len[id - 1] == len
                        && memcmp(m->str[id - 1], s, len) == 0))
            return i;
        i = (i + 1) & mask;
    }
}

static int grow(struct strmap *m)
{
    size_t n = m->n_slots ? m->n_slots * 2 : 64;
    size_t *slot = calloc(n, sizeof *slot), *old = m->slot;

    if (!slot)
        return STATUS_NOMEM;
    m->slot = slot;
    m->n_slots = n;
    for (size_t id = 0; id < m->n; id++)
        m->slot[probe(m, m->str[id], m->len[id],
                      fnv1a(m->str[id], m->len[id]))] = id + 1;
    free(old);
    return 0;
}

size_t strmap_find(const struct strmap *m, const char *s, size_t len)
{
    size_t i;

    if (m->n_slots == 0)
        return SIZE_MAX;
    i = probe(m, s, len, fnv1a(s, len));
    return m->slot[i] ? m->slot[i] - 1 : SIZE_MAX;
}

int strmap_intern(struct strmap *m, const char *s, size_t len, size_t *id)
{
    size_t i;
    uint32_t h = fnv1a(s, len);
    char *copy;

    if ((m->n + 1) * 2 > m->n_slots && grow(m))
        return STATUS_NOMEM;
    i = probe(m, s, len, h);
    if (!m->slot[i]) {
        if (GROW2(m->str, m->len, m->cap, m->n + 1)
            || !(copy = malloc(len + 1)))
            return STATUS_NOMEM;
        memcpy(copy, s, len);
        copy[len] = '\0';
        m->str[m->n] = copy;
        m->len[m->n] = len;
        m->slot[i] = ++m->n;
    }
    if (id)
        *id = m->slot[i] - 1;
    return 0;
}
