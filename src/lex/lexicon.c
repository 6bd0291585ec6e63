/* lexicon.c - load, validate and look up the compiled lexical table. */
#include "lex/lexicon.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/bigmem.h"
#include "lex/lexicon_format.h"

struct lexicon {
    const unsigned char *base;  /* header + payload */
    size_t size;                /* base is owned (free) */
    char *name;                 /* owned */
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

    if (!lx || !(copy = malloc(len ? len : 1))
        || !(lx->name = strdup(name))) {
        if (lx)
            free(lx->name);
        free(lx);
        free(copy);
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

/* The table is read, not mapped: a mapping of the file shares its pages,
 * so a table truncated while a check runs would raise SIGBUS (even on
 * pages read before), and one rewritten in place would change after its
 * validation.  The copy goes to 2 MB pages where the system has them
 * (bigmem_alloc): the 5.9 MB table in 1.4-2.2 ms where malloc's 4 KB
 * pages took 26-47 ms and mapping the file 3-9 ms (on a loaded
 * virtual machine, whose page faults are dear). */
int lexicon_load(const char *path, struct lexicon **out, struct err *e)
{
    struct lexicon *lx = NULL;
    unsigned char *buf = NULL;
    struct stat st;
    size_t size, got = 0;
    int fd = open(path, O_RDONLY), rc = 0;

    if (fd < 0)
        return err_set(e, STATUS_IO, "%s: cannot open lexical table: %s",
                       path, strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = err_set(e, STATUS_IO, "%s: not a regular file", path);
        goto out;
    }
    if ((uintmax_t)st.st_size > LEXICON_MAX_BYTES) {
        rc = err_set(e, STATUS_LIMIT, "%s: %jd bytes, more than the limit "
                     "of %zu for a lexical table", path,
                     (intmax_t)st.st_size, LEXICON_MAX_BYTES);
        goto out;
    }
    if (st.st_size < LEX_HEADER_SIZE) {
        rc = err_set(e, STATUS_FORMAT, "%s: not a gainsay lexical table "
                     "(too short)", path);
        goto out;
    }
    size = (size_t)st.st_size;
    /* one byte more than the size: a file that grew is caught too */
    if (!(buf = bigmem_alloc(size + 1))) {
        rc = err_set(e, STATUS_NOMEM, "%s: out of memory", path);
        goto out;
    }
    lx = calloc(1, sizeof *lx);
    if (!lx || !(lx->name = strdup(path))) {
        rc = err_set(e, STATUS_NOMEM, "%s: out of memory", path);
        goto out;
    }
    for (;;) {
        ssize_t n = read(fd, buf + got, size + 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = err_set(e, STATUS_IO, "%s: cannot read lexical table: %s",
                         path, strerror(errno));
            goto out;
        }
        if (n == 0)
            break;
        got += (size_t)n;
        if (got > size)
            break;
    }
    if (got != size) {
        rc = err_set(e, STATUS_IO, "%s: lexical table changed while it was "
                     "read (%zu bytes, then %s%zu)", path, size,
                     got > size ? "more than " : "", got > size ? size : got);
        goto out;
    }
    lx->base = buf;
    lx->size = size;
    buf = NULL;
    if ((rc = validate(lx, path, e)) != 0)
        goto out;
    *out = lx;
    lx = NULL;
out:
    close(fd);
    free(buf);
    lexicon_free(lx);
    return rc;
}

void lexicon_free(struct lexicon *lx)
{
    if (!lx)
        return;
    free((void *)(uintptr_t)lx->base);
    free(lx->name);
    free(lx);
}

const char *lexicon_name(const struct lexicon *lx)
{
    return lx->name;
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
