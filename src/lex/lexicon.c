/* lexicon.c - load, validate and look up the compiled lexical table. */
#define _GNU_SOURCE             /* MAP_POPULATE */
#include "lex/lexicon.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lex/lexicon_format.h"

struct lexicon {
    const unsigned char *base;  /* header + payload */
    size_t size;
    int mapped;                 /* munmap, else free */
    uint32_t n_forms, n_senses, n_synsets, n_hyp, n_ant;
    uint64_t checksum;
    const unsigned char *form_key, *form_lemma, *form_sense, *sense, *head,
                        *hyp_off, *hyp, *ant_off, *ant;
    const unsigned char *below;         /* NULL in a version-1 table */
};

static uint32_t at(const unsigned char *a, size_t i)
{
    return lex_get32(a + 4 * i);
}

/* Check the header and lay the sections out over base[0..size). */
static int validate(struct lexicon *lx, const char *name, struct err *e)
{
    const unsigned char *p = lx->base;
    uint64_t words, payload;
    uint32_t version;

    if (lx->size < LEX_HEADER_SIZE || memcmp(p, LEX_MAGIC, 8) != 0)
        return err_set(e, STATUS_FORMAT, "%s: not a gainsay lexical table "
                       "(bad magic)", name);
    version = lex_get32(p + 8);
    if (version < 1 || version > LEX_VERSION)
        return err_set(e, version > LEX_VERSION ? STATUS_VERSION
                       : STATUS_FORMAT, "%s: lexical table version %u not "
                       "supported (this build reads 1..%d)", name,
                       (unsigned)version, LEX_VERSION);
    lx->n_forms = lex_get32(p + 12);
    lx->n_senses = lex_get32(p + 16);
    lx->n_synsets = lex_get32(p + 20);
    lx->n_hyp = lex_get32(p + 24);
    lx->n_ant = lex_get32(p + 28);
    payload = lex_get64(p + 32);
    lx->checksum = lex_get64(p + 40);
    /* 64-bit sums of 32-bit counts cannot overflow */
    words = 3 * (uint64_t)lx->n_forms + lx->n_senses
            + (version >= 2 ? 4 : 3) * (uint64_t)lx->n_synsets + 2 + lx->n_hyp
            + lx->n_ant;
    if (payload != 4 * words || payload != lx->size - LEX_HEADER_SIZE)
        return err_set(e, STATUS_FORMAT, "%s: lexical table sizes do not "
                       "match its length (truncated?)", name);
    if (lex_checksum_of(version, p + LEX_HEADER_SIZE, (size_t)payload)
        != lx->checksum)
        return err_set(e, STATUS_FORMAT, "%s: lexical table checksum "
                       "mismatch (corrupt file)", name);
    p += LEX_HEADER_SIZE;
    lx->form_key = p;
    lx->form_lemma = lx->form_key + 4 * (size_t)lx->n_forms;
    lx->form_sense = lx->form_lemma + 4 * (size_t)lx->n_forms;
    lx->sense = lx->form_sense + 4 * (size_t)lx->n_forms;
    lx->head = lx->sense + 4 * (size_t)lx->n_senses;
    lx->hyp_off = lx->head + 4 * (size_t)lx->n_synsets;
    lx->hyp = lx->hyp_off + 4 * ((size_t)lx->n_synsets + 1);
    lx->ant_off = lx->hyp + 4 * (size_t)lx->n_hyp;
    lx->ant = lx->ant_off + 4 * ((size_t)lx->n_synsets + 1);
    lx->below = version >= 2 ? lx->ant + 4 * (size_t)lx->n_ant : NULL;
    return 0;
}

int lexicon_parse(const void *buf, size_t len, const char *name,
                  struct lexicon **out, struct err *e)
{
    struct lexicon *lx = calloc(1, sizeof *lx);
    unsigned char *copy = NULL;
    int rc;

    if (!lx || !(copy = malloc(len ? len : 1))) {
        free(lx);
        return err_set(e, STATUS_NOMEM, "%s: out of memory", name);
    }
    memcpy(copy, buf, len);
    lx->base = copy;
    lx->size = len;
    if ((rc = validate(lx, name, e)) != 0) {
        lexicon_free(lx);
        return rc;
    }
    *out = lx;
    return 0;
}

int lexicon_load(const char *path, struct lexicon **out, struct err *e)
{
    struct lexicon *lx = NULL;
    struct stat st;
    void *map;
    int fd = open(path, O_RDONLY), rc;

    if (fd < 0)
        return err_set(e, STATUS_IO, "%s: cannot open lexical table", path);
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return err_set(e, STATUS_IO, "%s: not a regular file", path);
    }
    if ((uintmax_t)st.st_size > LEXICON_MAX_BYTES) {
        close(fd);
        return err_set(e, STATUS_LIMIT, "%s: %jd bytes, more than the limit "
                       "of %zu for a lexical table", path,
                       (intmax_t)st.st_size, LEXICON_MAX_BYTES);
    }
    if (st.st_size < LEX_HEADER_SIZE) {
        close(fd);
        return err_set(e, STATUS_FORMAT, "%s: not a gainsay lexical table "
                       "(too short)", path);
    }
    /* populated: the checksum below reads every page, and one call maps
     * them all for less than a fault per 64 KB would */
    map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE,
               fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return err_set(e, STATUS_IO, "%s: cannot map lexical table", path);
    lx = calloc(1, sizeof *lx);
    if (!lx) {
        munmap(map, (size_t)st.st_size);
        return err_set(e, STATUS_NOMEM, "%s: out of memory", path);
    }
    lx->base = map;
    lx->size = (size_t)st.st_size;
    lx->mapped = 1;
    if ((rc = validate(lx, path, e)) != 0) {
        lexicon_free(lx);
        return rc;
    }
    *out = lx;
    return 0;
}

void lexicon_free(struct lexicon *lx)
{
    if (!lx)
        return;
    if (lx->mapped)
        munmap((void *)(uintptr_t)lx->base, lx->size);
    else
        free((void *)(uintptr_t)lx->base);
    free(lx);
}

uint64_t lexicon_checksum(const struct lexicon *lx)
{
    return lx->checksum;
}

int lexicon_find(const struct lexicon *lx, uint32_t key, struct lex_word *w)
{
    size_t lo = 0, hi = lx->n_forms;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t k = at(lx->form_key, mid);
        if (k < key) {
            lo = mid + 1;
        } else if (k > key) {
            hi = mid;
        } else {
            uint32_t s = at(lx->form_sense, mid);
            uint32_t first = s >> LEX_SENSE_BITS;
            unsigned n = s & ((1u << LEX_SENSE_BITS) - 1);
            if ((uint64_t)first + n > lx->n_senses)
                n = 0;          /* damaged: no senses rather than a bad read */
            w->lemma = at(lx->form_lemma, mid);
            w->sense = lx->sense + 4 * (size_t)(n ? first : 0);
            w->n = n;
            return 1;
        }
    }
    return 0;
}

uint32_t lexicon_head(const struct lexicon *lx, uint32_t id)
{
    uint32_t h;

    if (id >= lx->n_synsets)
        return id;
    h = at(lx->head, id);
    return h < lx->n_synsets ? h : id;
}

uint32_t lexicon_below(const struct lexicon *lx, uint32_t id)
{
    if (!lx->below || id >= lx->n_synsets)
        return UINT32_MAX;
    return at(lx->below, id);
}

size_t lexicon_links(const struct lexicon *lx, uint32_t id, int kind,
                     uint32_t *out, size_t max)
{
    const unsigned char *off = kind ? lx->ant_off : lx->hyp_off;
    const unsigned char *v = kind ? lx->ant : lx->hyp;
    uint32_t total = kind ? lx->n_ant : lx->n_hyp, from, to;
    size_t n = 0;

    if (id >= lx->n_synsets)
        return 0;
    from = at(off, id);
    to = at(off, (size_t)id + 1);
    if (from > to || to > total)
        return 0;
    for (uint32_t i = from; i < to && n < max; i++) {
        uint32_t t = at(v, i);
        if (t < lx->n_synsets)
            out[n++] = t;
    }
    return n;
}
