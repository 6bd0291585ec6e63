/* model_json.c - gainsay model files, read and written with cJSON. */
#include "model/model_json.h"

#include <cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base64.h"
#include "base/bigmem.h"
#include "base/checksum.h"
#include "base/file.h"
#include "base/grow.h"
#include "lex/lexicon.h"

/* The largest weight or IDF value a model may hold: trained weights are
 * far smaller (L2-regularised), and a bound keeps every score finite. */
#define MODEL_MAX_WEIGHT 1e6

static const char *const cue_keys[N_CUES] = { "neg", "refute", "hedge",
                                              "stop" };

/* ---- arrays of 32- or 64-bit items as little-endian base64 ---- */

static int host_is_little(void)
{
    const uint16_t one = 1;
    unsigned char c;

    memcpy(&c, &one, 1);
    return c == 1;
}

/* Reverse the bytes of each of the n items of the given size (4 or 8) in
 * place: little-endian file order to the host's and back, nothing to do on
 * a little-endian host. */
static void swap_items(void *p, size_t n, size_t size)
{
    unsigned char *b = p;

    if (host_is_little())
        return;
    for (size_t i = 0; i < n; i++, b += size)
        for (size_t x = 0, y = size - 1; x < y; x++, y--) {
            unsigned char t = b[x];
            b[x] = b[y];
            b[y] = t;
        }
}

/* n items of size bytes (uint32_t or double) as a base64 string, or NULL
 * when out of memory. */
static cJSON *b64_array(const void *v, size_t n, size_t size)
{
    unsigned char *buf = malloc(n * size + 1);
    char *s;
    cJSON *j;

    if (!buf)
        return NULL;
    memcpy(buf, v, n * size);
    swap_items(buf, n, size);
    s = base64_encode(buf, n * size);
    free(buf);
    if (!s)
        return NULL;
    j = cJSON_CreateString(s);
    free(s);
    return j;
}

/* Add item to obj, taking ownership either way; returns 0 or -1. */
static int add(cJSON *obj, const char *key, cJSON *item)
{
    if (!item)
        return -1;
    if (!cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return -1;
    }
    return 0;
}

static cJSON *string_array(const char *const *s, size_t n)
{
    cJSON *a = cJSON_CreateArray();

    for (size_t i = 0; a && i < n; i++) {
        cJSON *it = cJSON_CreateString(s[i]);
        if (!it || !cJSON_AddItemToArray(a, it)) {
            cJSON_Delete(it);
            cJSON_Delete(a);
            return NULL;
        }
    }
    return a;
}

static cJSON *spec_to_json(const struct feature_spec *spec)
{
    cJSON *f = cJSON_CreateObject(), *cues, *idf, *ng, *groups;
    const char *names[32];
    size_t n_names = 0;

    if (!f)
        return NULL;
    for (size_t i = 0; i < spec_n_groups; i++)
        if (spec->groups & (1u << i))
            names[n_names++] = spec_group_names[i];
    ng = cJSON_CreateArray();
    if (ng) {
        cJSON_AddItemToArray(ng, cJSON_CreateNumber(spec->ngram_min));
        cJSON_AddItemToArray(ng, cJSON_CreateNumber(spec->ngram_max));
    }
    groups = string_array(names, n_names);
    cues = cJSON_CreateObject();
    idf = cJSON_CreateObject();
    if (add(f, "hash_bits", cJSON_CreateNumber(spec->hash_bits))
        || add(f, "ngram", ng) || add(f, "groups", groups)
        || add(f, "long_b", cJSON_CreateNumber((double)spec->long_b))
        || add(f, "cues", cues) || add(f, "idf", idf)
        || add(f, "dense", string_array(pair_feature_names, PAIR_N_DENSE)))
        goto fail;
    if (spec->lex_file) {
        cJSON *lx = cJSON_CreateObject();
        char sum[17];
        snprintf(sum, sizeof sum, "%016llx",
                 (unsigned long long)spec->lex_sum);
        if (add(f, "lexicon", lx)
            || add(lx, "file", cJSON_CreateString(spec->lex_file))
            || add(lx, "checksum", cJSON_CreateString(sum)))
            goto fail;
    }
    for (int c = 0; c < N_CUES; c++)
        if (add(cues, cue_keys[c], string_array(
                (const char *const *)spec->cues[c].word, spec->cues[c].n)))
            goto fail;
    if (add(idf, "n_docs", cJSON_CreateNumber((double)spec->n_docs))
        || add(idf, "n", cJSON_CreateNumber((double)spec->n_idf))
        || add(idf, "keys", b64_array(spec->idf_key, spec->n_idf, 4))
        || add(idf, "values", b64_array(spec->idf_val, spec->n_idf, 8)))
        goto fail;
    return f;
fail:
    cJSON_Delete(f);
    return NULL;
}

static cJSON *weights_to_json(const struct logreg *lr)
{
    size_t k = lr->n_classes, n_rows = 0;
    uint32_t *rows = NULL;
    double *vals = NULL;
    cJSON *w = NULL;

    /* only rows with a nonzero weight: hashed slots no training pair used
     * stay exactly zero under L2 */
    rows = malloc((lr->dim ? lr->dim : 1) * sizeof *rows);
    if (!rows)
        goto out;
    for (size_t j = 0; j < lr->dim; j++) {
        const double *row = logreg_row(lr, j);
        int nz = 0;
        for (size_t c = 0; row && c < k; c++)
            nz |= row[c] != 0.0;
        if (nz || j == 0)
            rows[n_rows++] = (uint32_t)j;
    }
    vals = malloc((n_rows > 0 ? n_rows * k : 1) * sizeof *vals);
    if (!vals)
        goto out;
    for (size_t r = 0; r < n_rows; r++) {
        const double *row = logreg_row(lr, rows[r]);
        if (row)
            memcpy(vals + r * k, row, k * sizeof *vals);
        else
            memset(vals + r * k, 0, k * sizeof *vals);
    }
    w = cJSON_CreateObject();
    if (!w || add(w, "dim", cJSON_CreateNumber((double)lr->dim))
        || add(w, "n_classes", cJSON_CreateNumber((double)k))
        || add(w, "n_rows", cJSON_CreateNumber((double)n_rows))
        || add(w, "rows", b64_array(rows, n_rows, 4))
        || add(w, "values", b64_array(vals, n_rows * k, 8))) {
        cJSON_Delete(w);
        w = NULL;
    }
out:
    free(rows);
    free(vals);
    return w;
}

/* FNV-1a, 64 bits, over s[0..n): the "fnv1a64" checksum of files written
 * before "fnv1a64x8". */
static uint64_t fnv1a64(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037u;

    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return h;
}

/* FNV-1a, 64 bits, in eight lanes: byte i goes to lane i % 8, and the
 * lanes' values, eight bytes each, least significant first, are hashed
 * once more: the "fnv1a64x8" checksum of version-3 files.  Still a
 * multiply per byte; "lanes64x4" (base/checksum.h) takes a word. */
static uint64_t fnv1a64x8(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    const uint64_t p = 1099511628211u;
    uint64_t h[8], out = 14695981039346656037u;
    size_t i = 0;

    {
        /* eight variables, not h[]: the compiler keeps them in registers,
         * where an array's lanes went through memory at every byte */
        uint64_t h0 = out, h1 = out, h2 = out, h3 = out, h4 = out, h5 = out,
                 h6 = out, h7 = out;
        for (; i + 8 <= n; i += 8) {
            h0 = (h0 ^ u[i]) * p;
            h1 = (h1 ^ u[i + 1]) * p;
            h2 = (h2 ^ u[i + 2]) * p;
            h3 = (h3 ^ u[i + 3]) * p;
            h4 = (h4 ^ u[i + 4]) * p;
            h5 = (h5 ^ u[i + 5]) * p;
            h6 = (h6 ^ u[i + 6]) * p;
            h7 = (h7 ^ u[i + 7]) * p;
        }
        h[0] = h0; h[1] = h1; h[2] = h2; h[3] = h3;
        h[4] = h4; h[5] = h5; h[6] = h6; h[7] = h7;
    }
    for (int l = 0; i < n; i++, l++)
        h[l] = (h[l] ^ u[i]) * p;
    for (int l = 0; l < 8; l++)
        for (int b = 0; b < 8; b++)
            out = (out ^ ((h[l] >> (8 * b)) & 0xFF)) * p;
    return out;
}

/* The checksums a model file may carry, newest (the one written) first:
 * its name before the ':' and 16 hex digits, and its function. */
static const struct checksum_kind {
    const char *name;
    uint64_t (*sum)(const char *s, size_t n);
} checksum_kinds[] = {
    { "lanes64x4", NULL },      /* checksum64(), called directly */
    { "fnv1a64x8", fnv1a64x8 },
    { "fnv1a64", fnv1a64 },
};

static uint64_t checksum_of(const struct checksum_kind *k, const char *s,
                            size_t n)
{
    return k->sum ? k->sum(s, n) : checksum64(s, n);
}

#define CHECKSUM_KEY "\"checksum\""
#define CHECKSUM_FMT_NAME "lanes64x4"
#define CHECKSUM_FMT CHECKSUM_FMT_NAME ":%016llx"

/* text (cJSON's printed object, "...\n}") with a last member
 * "checksum": "lanes64x4:<hex>", the hash of every byte before its comma.
 * Takes text; returns a malloc'd copy, or NULL when out of memory. */
static char *checksum_append(char *text)
{
    size_t n = strlen(text), body = n >= 2 ? n - 2 : n;
    char *out = malloc(n + 64);

    if (out) {
        memcpy(out, text, body);
        snprintf(out + body, 64, ",\n\t" CHECKSUM_KEY ":\t\"" CHECKSUM_FMT
                 "\"\n}", (unsigned long long)checksum64(text, body));
    }
    cJSON_free(text);
    return out;
}

/* Verify the "checksum" member of text[0..len) when there is one (files
 * written before it was added have none): one of checksum_kinds, as
 * "<name>:" and 16 lowercase hex digits.  0, or STATUS_FORMAT. */
static int checksum_verify(const char *text, size_t len, const cJSON *root,
                           const char *name, struct err *e)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, "checksum");
    const struct checksum_kind *kind = NULL;
    size_t k = sizeof CHECKSUM_KEY - 1, at;
    unsigned long long want = 0;

    if (!it)
        return 0;
    for (size_t i = 0; cJSON_IsString(it) && !kind
                       && i < sizeof checksum_kinds / sizeof *checksum_kinds;
         i++) {
        const char *v = it->valuestring;
        size_t n = strlen(checksum_kinds[i].name), d;
        if (strncmp(v, checksum_kinds[i].name, n) != 0 || v[n] != ':'
            || strlen(v + n + 1) != 16)
            continue;
        /* lowercase, as written: strtoull reads "D" as "d", so an
         * uppercase digit would be a flipped bit that still loads */
        for (d = n + 1; d < n + 17 && strchr("0123456789abcdef", v[d])
                        && v[d] != '\0'; d++)
            ;
        if (d == n + 17) {
            want = strtoull(v + n + 1, NULL, 16);
            kind = &checksum_kinds[i];
        }
    }
    if (!kind)
        return err_set(e, STATUS_FORMAT, "%s: \"checksum\" is not "
                       "\"" CHECKSUM_FMT_NAME ":\" and 16 lowercase hex "
                       "digits", name);
    /* the member as written: the last "checksum" key, after a comma */
    for (at = len >= k ? len - k + 1 : 0; at-- > 0;)
        if (memcmp(text + at, CHECKSUM_KEY, k) == 0)
            break;
    if (at == (size_t)-1)
        return err_set(e, STATUS_FORMAT, "%s: \"checksum\" not found as "
                       "written", name);
    while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t'
                      || text[at - 1] == '\n' || text[at - 1] == '\r'))
        at--;
    if (at == 0 || text[at - 1] != ','
        || checksum_of(kind, text, at - 1) != (uint64_t)want)
        return err_set(e, STATUS_FORMAT, "%s: checksum mismatch: the file "
                       "was changed or damaged after it was written", name);
    return 0;
}

char *model_to_json(const struct model *m)
{
    cJSON *root = cJSON_CreateObject(), *tr = NULL;
    char *text = NULL;

    if (!root)
        return NULL;
    if (m->training) {
        tr = cJSON_Parse(m->training);
        if (!tr)
            goto out;
    }
    if (add(root, "format", cJSON_CreateString(MODEL_FORMAT))
        || add(root, "version", cJSON_CreateNumber(MODEL_VERSION))
        || add(root, "labels", string_array(
            (const char *const *)m->labels, m->n_labels))
        || add(root, "flag_label", cJSON_CreateString(m->labels[m->flag]))
        || add(root, "threshold", cJSON_CreateNumber(m->threshold))
        || (tr && add(root, "training", tr))
        || add(root, "features", spec_to_json(&m->spec))
        || add(root, "weights", weights_to_json(m->lr)))
        goto out;
    text = cJSON_Print(root);
    if (text)
        text = checksum_append(text);
out:
    cJSON_Delete(root);
    return text;
}

int model_write(const struct model *m, FILE *fp, const char *name,
                struct err *e)
{
    char *text = model_to_json(m);
    int bad;

    if (!text)
        return err_set(e, STATUS_NOMEM, "%s: out of memory", name);
    bad = fputs(text, fp) == EOF || fputc('\n', fp) == EOF;
    cJSON_free(text);
    return bad ? err_set(e, STATUS_IO, "%s: write error", name) : 0;
}

int model_save(const struct model *m, const char *path, struct err *e)
{
    struct atomic_file af;
    int rc;

    if ((rc = file_open_atomic(&af, path, e)) != 0)
        return rc;
    if ((rc = model_write(m, af.fp, path, e)) != 0) {
        file_abort(&af);
        return rc;
    }
    return file_commit(&af, e);
}

/* ---- loading ---- */

/* The long base64 strings of a model file (weights, IDF), found by a
 * memchr() pass and left out of the copy cJSON parses: cJSON copies a
 * string a byte at a time, and these are nearly all of the file. */
struct blobs {
    const char **at;            /* the string's first byte in the text */
    size_t *len;
    unsigned char *used;        /* 1 once the loader has read it */
    size_t n, cap, used_cap;
    size_t n_used;
};

#define BLOB_MIN 1024           /* shorter strings go to cJSON as they are */
#define BLOB_MARK "@gainsay-blob:"

struct loader {
    const char *name;
    struct err *e;
    size_t n_dense;             /* dense features in the file */
    size_t dense_map[PAIR_N_DENSE];     /* file position -> this build's */
    struct blobs *blobs;        /* NULL: every string is in the tree */
    const char *text;           /* the file's text, text_len bytes */
    size_t text_len;
    char *place;                /* the same text, writable, when the weights
                                 * may be decoded into it; else NULL */
    int placed;                 /* 1 once they were */
};

static int bad(struct loader *L, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int bad(struct loader *L, const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return err_set(L->e, STATUS_FORMAT, "%s: %s", L->name, msg);
}

static const cJSON *get(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

/* An integral number in [lo, hi]. */
static int get_uint(struct loader *L, const cJSON *o, const char *key,
                    double lo, double hi, size_t *out)
{
    const cJSON *it = get(o, key);

    if (!cJSON_IsNumber(it) || it->valuedouble != floor(it->valuedouble)
        || it->valuedouble < lo || it->valuedouble > hi)
        return bad(L, "\"%s\" is missing or out of range", key);
    *out = (size_t)it->valuedouble;
    return 0;
}

static int get_strings(struct loader *L, const cJSON *o, const char *key,
                       char ***out, size_t *n_out)
{
    const cJSON *a = get(o, key), *it;
    size_t n = 0;
    char **v;

    if (!cJSON_IsArray(a))
        return bad(L, "\"%s\" must be an array of strings", key);
    v = calloc((size_t)cJSON_GetArraySize(a) + 1, sizeof *v);
    if (!v)
        return err_set(L->e, STATUS_NOMEM, "%s: out of memory", L->name);
    cJSON_ArrayForEach(it, a) {
        size_t len;
        if (!cJSON_IsString(it)) {
            for (size_t i = 0; i < n; i++)
                free(v[i]);
            free(v);
            return bad(L, "\"%s\" must be an array of strings", key);
        }
        len = strlen(it->valuestring);
        v[n] = malloc(len + 1);
        if (!v[n]) {
            for (size_t i = 0; i < n; i++)
                free(v[i]);
            free(v);
            return err_set(L->e, STATUS_NOMEM, "%s: out of memory", L->name);
        }
        memcpy(v[n++], it->valuestring, len + 1);
    }
    *out = v;
    *n_out = n;
    return 0;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

/* The string of o's key: cJSON's, or the blob a marker stands for (then
 * counted as read).  NULL when it is not a string. */
static const char *get_string(struct loader *L, const cJSON *o,
                              const char *key, size_t *len)
{
    const cJSON *it = get(o, key);
    const char *v;

    if (!cJSON_IsString(it))
        return NULL;
    v = it->valuestring;
    if (L->blobs && strncmp(v, BLOB_MARK, sizeof BLOB_MARK - 1) == 0) {
        size_t i = (size_t)strtoul(v + sizeof BLOB_MARK - 1, NULL, 10);
        if (i < L->blobs->n) {
            if (!L->blobs->used[i]) {
                L->blobs->used[i] = 1;
                L->blobs->n_used++;
            }
            *len = L->blobs->len[i];
            return L->blobs->at[i];
        }
    }
    *len = strlen(v);
    return v;
}

/* Is o's key a base64 string of exactly n items of size bytes?  Bad
 * base64 is named before a wrong length, and all of it is checked before
 * the caller allocates for it. */
static int array_check(struct loader *L, const cJSON *o, const char *key,
                       size_t n, size_t size)
{
    size_t len;
    const char *v = get_string(L, o, key, &len);

    if (!v)
        return bad(L, "\"%s\" must be a base64 string", key);
    if (base64_decoded_size(v, len) != n * size) {
        unsigned char *tmp = NULL;
        size_t got;
        int rc = base64_decode(v, len, &tmp, &got, L->e);
        free(tmp);
        if (rc == STATUS_NOMEM)
            return err_set(L->e, STATUS_NOMEM, "%s: out of memory", L->name);
        if (rc)
            return bad(L, "\"%s\" is not valid base64", key);
        return bad(L, "\"%s\" has the wrong length (truncated?)", key);
    }
    return 0;
}

/* Decode o's key, checked by array_check(), straight into out[0..n) in the
 * host's byte order: nothing is decoded twice or copied. */
static int array_decode(struct loader *L, const cJSON *o, const char *key,
                        size_t n, size_t size, void *out)
{
    size_t len;
    const char *s = get_string(L, o, key, &len);

    if (base64_decode_to(s, len, out, n * size, L->e))
        return bad(L, "\"%s\" is not valid base64", key);
    swap_items(out, n, size);
    return 0;
}

/* Would array_place() place o's key: is it a blob of a text the weights
 * may be decoded into? */
static int in_text(struct loader *L, const cJSON *o, const char *key)
{
    const cJSON *it = get(o, key);

    return L->place && L->blobs && cJSON_IsString(it)
           && strncmp(it->valuestring, BLOB_MARK, sizeof BLOB_MARK - 1) == 0;
}

/* Where o's key, a blob of the text, decodes to in place: at its first
 * character, rounded down to a multiple of size (the 1-7 bytes before it
 * are the key's, no longer needed), so out runs behind the characters it
 * is decoded from.  NULL when the key is not a blob or decoding in place
 * is not allowed. */
static void *array_place(struct loader *L, const cJSON *o, const char *key,
                         size_t size)
{
    size_t len, at;
    const char *v = get_string(L, o, key, &len);

    if (!L->place || !v || v < L->text || v >= L->text + L->text_len)
        return NULL;
    at = (size_t)(v - L->text) / size * size;
    L->placed = 1;
    return L->place + at;
}

/* array_check(), then a malloc'd array of it into *out. */
static int array_get(struct loader *L, const cJSON *o, const char *key,
                     size_t n, size_t size, void **out)
{
    int rc = array_check(L, o, key, n, size);

    if (rc)
        return rc;
    *out = bigmem_alloc(n * size);
    if (!*out)
        return err_set(L->e, STATUS_NOMEM, "%s: out of memory", L->name);
    if ((rc = array_decode(L, o, key, n, size, *out)) != 0) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

/* The dense feature names a model was made with, mapped to this build's
 * positions by name; a model without names has the first list. */
static int load_dense(struct loader *L, const cJSON *d)
{
    const cJSON *it;
    size_t n = 0;

    if (!d) {
        L->n_dense = PAIR_N_DENSE_V1;
        for (size_t i = 0; i < PAIR_N_DENSE_V1; i++)
            L->dense_map[i] = i;
        return 0;
    }
    if (!cJSON_IsArray(d))
        return bad(L, "\"%s\" must be an array of names", "dense");
    cJSON_ArrayForEach(it, d) {
        size_t k = PAIR_N_DENSE;
        if (!cJSON_IsString(it))
            return bad(L, "\"%s\" must be an array of names", "dense");
        for (size_t i = 0; i < PAIR_N_DENSE; i++)
            if (strcmp(it->valuestring, pair_feature_names[i]) == 0)
                k = i;
        if (k == PAIR_N_DENSE)
            return bad(L, "dense feature \"%.64s\" is not one this build "
                       "computes (a model from a newer gainsay?)",
                       it->valuestring);
        for (size_t i = 0; i < n; i++)
            if (L->dense_map[i] == k)
                return bad(L, "dense feature \"%.64s\" appears twice",
                           it->valuestring);
        L->dense_map[n++] = k;
    }
    L->n_dense = n;
    return 0;
}

/* {"file": name, "checksum": 16 hex digits}: the table model_load()
 * attaches. */
static int load_lexicon_ref(struct loader *L, const cJSON *lx,
                            struct feature_spec *spec)
{
    const cJSON *file, *sum;
    char *end;
    size_t n;

    if (!lx)
        return 0;
    file = get(lx, "file");
    sum = get(lx, "checksum");
    if (!cJSON_IsObject(lx) || !cJSON_IsString(file)
        || !cJSON_IsString(sum) || strlen(sum->valuestring) != 16
        || !*file->valuestring || strchr(file->valuestring, '/'))
        return bad(L, "\"%s\" must be {\"file\": name, \"checksum\": "
                   "16 hex digits}", "lexicon");
    spec->lex_sum = strtoull(sum->valuestring, &end, 16);
    if (*end)
        return bad(L, "\"%s\" checksum is not hexadecimal", "lexicon");
    n = strlen(file->valuestring);
    free(spec->lex_file);
    spec->lex_file = malloc(n + 1);
    if (!spec->lex_file)
        return err_set(L->e, STATUS_NOMEM, "%s: out of memory", L->name);
    memcpy(spec->lex_file, file->valuestring, n + 1);
    return 0;
}

static int load_spec(struct loader *L, const cJSON *f,
                     struct feature_spec *spec)
{
    const cJSON *ng = get(f, "ngram"), *cues = get(f, "cues"),
                *idf = get(f, "idf"), *g;
    size_t bits, lb, n_docs, n;
    void *keys = NULL, *vals = NULL;
    int borrowed = 0;
    int rc;

    if (!cJSON_IsObject(f))
        return bad(L, "\"%s\" must be an object", "features");
    if ((rc = get_uint(L, f, "hash_bits", SPEC_HASH_BITS_MIN,
                       SPEC_HASH_BITS_MAX, &bits)) != 0
        || (rc = get_uint(L, f, "long_b", 1, 1e9, &lb)) != 0)
        return rc;
    spec->hash_bits = (unsigned)bits;
    spec->long_b = lb;
    if (!cJSON_IsArray(ng) || cJSON_GetArraySize(ng) != 2
        || !cJSON_IsNumber(ng->child) || !cJSON_IsNumber(ng->child->next)
        || ng->child->valueint < 1 || ng->child->next->valueint > 4
        || ng->child->valueint > ng->child->next->valueint)
        return bad(L, "\"%s\" must be [min, max] with 1 <= min <= max <= 4",
                   "ngram");
    spec->ngram_min = (unsigned)ng->child->valueint;
    spec->ngram_max = (unsigned)ng->child->next->valueint;
    g = get(f, "groups");
    if (!cJSON_IsArray(g))
        return bad(L, "\"%s\" must be an array of names", "groups");
    spec->groups = 0;
    {
        const cJSON *it;
        cJSON_ArrayForEach(it, g) {
            unsigned bit = 0;
            if (cJSON_IsString(it))
                for (size_t i = 0; i < spec_n_groups; i++)
                    if (strcmp(it->valuestring, spec_group_names[i]) == 0)
                        bit = 1u << i;
            if (!bit)
                return bad(L, "unknown feature group in \"%s\"", "groups");
            spec->groups |= bit;
        }
    }
    if (!cJSON_IsObject(cues))
        return bad(L, "\"%s\" must be an object", "cues");
    for (int c = 0; c < N_CUES; c++) {
        char **w;
        size_t nw;
        if ((rc = get_strings(L, cues, cue_keys[c], &w, &nw)) != 0)
            return rc;
        rc = spec_set_cues(spec, (enum cue)c, (const char *const *)w, nw);
        free_strings(w, nw);
        if (rc)
            return err_set(L->e, STATUS_NOMEM, "%s: out of memory", L->name);
    }
    if ((rc = load_dense(L, get(f, "dense"))) != 0
        || (rc = load_lexicon_ref(L, get(f, "lexicon"), spec)) != 0)
        return rc;
    if (!cJSON_IsObject(idf))
        return bad(L, "\"%s\" must be an object", "idf");
    if ((rc = get_uint(L, idf, "n_docs", 0, 1e15, &n_docs)) != 0
        || (rc = get_uint(L, idf, "n", 0, 1e9, &n)) != 0)
        goto out;
    /* in place when both are blobs of the text (so that the spec either
     * owns both arrays or borrows both), else arrays of their own */
    if (in_text(L, idf, "keys") && in_text(L, idf, "values")) {
        if ((rc = array_check(L, idf, "keys", n, 4)) != 0
            || (rc = array_check(L, idf, "values", n, 8)) != 0)
            goto out;
        keys = array_place(L, idf, "keys", 4);
        vals = array_place(L, idf, "values", 8);
        borrowed = 1;
        if ((rc = array_decode(L, idf, "keys", n, 4, keys)) != 0
            || (rc = array_decode(L, idf, "values", n, 8, vals)) != 0)
            goto out;
    } else if ((rc = array_get(L, idf, "keys", n, 4, &keys)) != 0
               || (rc = array_get(L, idf, "values", n, 8, &vals)) != 0) {
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        double v = ((const double *)vals)[i];
        if ((i > 0 && ((const uint32_t *)keys)[i]
                      <= ((const uint32_t *)keys)[i - 1])
            || !(v > 0.0) || !(v <= MODEL_MAX_WEIGHT)) {
            rc = bad(L, "\"%s\" keys must be sorted and values positive "
                     "and at most 1e6", "idf");
            goto out;
        }
    }
    if (!spec->idf_borrowed) {
        free(spec->idf_key);
        free(spec->idf_val);
    }
    spec->idf_key = keys;
    spec->idf_val = vals;
    spec->idf_borrowed = borrowed;
    keys = vals = NULL;
    spec->n_idf = n;
    spec->n_docs = n_docs;
    if (spec_index_idf(spec))
        rc = err_set(L->e, STATUS_NOMEM, "%s: out of memory", L->name);
out:
    if (!borrowed) {
        free(keys);
        free(vals);
    }
    return rc;
}

/* Are row[0..n) increasing and below d?  One pass without an early exit,
 * which the compiler turns into vector compares: a loaded model's rows
 * are nearly always right, and this runs over every one at each load. */
static int rows_sorted(const uint32_t *row, size_t n, size_t d)
{
    unsigned bad_order = 0;

    for (size_t r = 1; r < n; r++)
        bad_order |= row[r] <= row[r - 1];
    return !bad_order && (n == 0 || row[n - 1] < d);
}

/* Is every w[0..n) finite and at most MODEL_MAX_WEIGHT in size?  (NaN
 * compares false.)  The same kind of pass. */
static int weights_bounded(const double *w, size_t n)
{
    unsigned out = 0;

    for (size_t i = 0; i < n; i++)
        out |= !(fabs(w[i]) <= MODEL_MAX_WEIGHT);
    return !out;
}

static int load_weights(struct loader *L, const cJSON *w, size_t dim,
                        size_t k, struct logreg **out)
{
    size_t d, nc, n_rows;
    void *rows = NULL, *rows_at = NULL, *values_at;
    uint32_t *scratch = NULL;
    struct logreg *lr = NULL;
    int rc;

    if (!cJSON_IsObject(w))
        return bad(L, "\"%s\" must be an object", "weights");
    if ((rc = get_uint(L, w, "dim", 1, 1e10, &d)) != 0
        || (rc = get_uint(L, w, "n_classes", 2, 1e6, &nc)) != 0
        || (rc = get_uint(L, w, "n_rows", 0, 1e10, &n_rows)) != 0)
        return rc;
    /* the file's rows: bias, its own dense features, the hashed slots */
    if (d != dim - PAIR_N_DENSE + L->n_dense)
        return err_set(L->e, STATUS_FORMAT, "%s: weights have %zu rows but "
                       "the features need %zu", L->name, d,
                       dim - PAIR_N_DENSE + L->n_dense);
    if (nc != k)
        return err_set(L->e, STATUS_FORMAT, "%s: weights have %zu classes "
                       "but there are %zu labels", L->name, nc, k);
    if (n_rows > d)
        return bad(L, "\"%s\" is larger than dim", "n_rows");
    if ((rc = array_check(L, w, "rows", n_rows, 4)) != 0)
        return rc;
    /* the rows in place when they may be, else in an array of their own */
    if ((rows_at = array_place(L, w, "rows", 4)) != NULL)
        rc = array_decode(L, w, "rows", n_rows, 4, rows_at);
    else
        rc = array_get(L, w, "rows", n_rows, 4, &rows);
    if (rc || (rc = array_check(L, w, "values", n_rows * k, 8)) != 0)
        goto out;
    if (rows_at)
        rows = rows_at;
    values_at = array_place(L, w, "values", 8);
    lr = values_at ? logreg_alloc_sparse_on(dim, k, n_rows, values_at)
                   : logreg_alloc_sparse(dim, k, n_rows);
    if (!lr) {
        rc = err_set(L->e, STATUS_NOMEM, "%s: out of memory", L->name);
        goto out;
    }
    if ((rc = array_decode(L, w, "values", n_rows * k, 8, lr->w)) != 0)
        goto out;
    if (!rows_sorted(rows, n_rows, d)) {
        rc = bad(L, "\"%s\" must be sorted row indices below dim", "rows");
        goto out;
    }
    if (!weights_bounded(lr->w, n_rows * k)) {
        rc = bad(L, "%s holds a weight that is not finite or beyond 1e6 in "
                 "size", "weights");
        goto out;
    }
    /* to this build's input space: dense rows by name, hashed slots
     * shifted by the difference in dense features (after the check above,
     * which compares the file's indices) */
    for (size_t r = 0; r < n_rows; r++) {
        uint32_t *row = rows, j = row[r];
        if (j >= 1 && j <= L->n_dense)
            row[r] = (uint32_t)(1 + L->dense_map[j - 1]);
        else if (j > L->n_dense)
            row[r] = (uint32_t)(j - L->n_dense + PAIR_N_DENSE);
    }
    scratch = malloc((n_rows ? n_rows : 1) * sizeof *scratch);
    if (!scratch) {
        rc = err_set(L->e, STATUS_NOMEM, "%s: out of memory", L->name);
        goto out;
    }
    if (logreg_index_rows(lr, rows, scratch)) {
        rc = bad(L, "\"%s\" must be sorted row indices below dim", "rows");
        goto out;
    }
    *out = lr;
    lr = NULL;
out:
    logreg_free(lr);
    if (rows != rows_at)
        free(rows);
    free(scratch);
    return rc;
}

static int by_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* No label twice: sorted, so 100,000 labels take a moment, not the 12 s
 * comparing every pair did. */
static int check_unique(struct loader *L, const char *const *labels,
                        size_t n)
{
    const char **v = malloc((n ? n : 1) * sizeof *v);
    int rc = 0;

    if (!v)
        return err_set(L->e, STATUS_NOMEM, "%s: out of memory", L->name);
    memcpy(v, labels, n * sizeof *v);
    qsort(v, n, sizeof *v, by_str);
    for (size_t i = 1; i < n && !rc; i++)
        if (strcmp(v[i - 1], v[i]) == 0)
            rc = bad(L, "label \"%s\" appears twice", v[i]);
    free(v);
    return rc;
}

/* Is text[q] (a '"') the start of the value of a "keys", "values" or
 * "rows" member?  Only a hint: a guess that is wrong costs a second
 * parse, never a wrong model (see model_parse_json()). */
static int blob_key_before(const char *text, size_t q)
{
    static const char *const keys[] = { "\"keys\"", "\"values\"",
                                        "\"rows\"" };
    size_t i = q;

    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'
                     || text[i - 1] == '\n' || text[i - 1] == '\r'))
        i--;
    if (i == 0 || text[i - 1] != ':')
        return 0;
    i--;
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'
                     || text[i - 1] == '\n' || text[i - 1] == '\r'))
        i--;
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        size_t n = strlen(keys[k]);
        if (i >= n && memcmp(text + i - n, keys[k], n) == 0)
            return 1;
    }
    return 0;
}

static void blobs_clear(struct blobs *b)
{
    free(b->at);
    free(b->len);
    free(b->used);
    memset(b, 0, sizeof *b);
}

static int blobs_push(struct blobs *b, const char *at, size_t len)
{
    if (GROW2(b->at, b->len, b->cap, b->n + 1)
        || GROW(b->used, b->used_cap, b->n + 1))
        return STATUS_NOMEM;
    b->at[b->n] = at;
    b->len[b->n] = len;
    b->used[b->n] = 0;
    b->n++;
    return 0;
}

/* text with the content of each long string that is a "keys", "values"
 * or "rows" value replaced by BLOB_MARK and its number in b: a malloc'd
 * copy of *n_out bytes, or NULL to parse text itself (nothing long, a
 * string in the text that already looks like a marker, no memory).
 * Strings are found as JSON delimits them, a '"' not escaped by an odd
 * run of backslashes, each jump a memchr(). */
static char *blobs_extract(const char *text, size_t len, struct blobs *b,
                           size_t *n_out)
{
    char *copy = NULL;
    size_t at = 0, scan = 0, w = 0, cap = 0;  /* at: copied up to */

    for (;;) {
        const char *q = scan < len ? memchr(text + scan, '"', len - scan)
                                   : NULL;
        size_t open, close, n;
        if (!q)
            break;
        open = (size_t)(q - text);
        for (close = open + 1;; close++) {
            const char *r = close < len ? memchr(text + close, '"',
                                                 len - close) : NULL;
            size_t bs = 0;
            if (!r) {
                close = len;
                break;
            }
            close = (size_t)(r - text);
            while (close - bs > open + 1 && text[close - bs - 1] == '\\')
                bs++;
            if (bs % 2 == 0)
                break;
        }
        if (close == len)
            break;              /* unterminated: cJSON will say so */
        n = close - open - 1;
        if (n >= sizeof BLOB_MARK - 1
            && memcmp(text + open + 1, BLOB_MARK, sizeof BLOB_MARK - 1) == 0)
            goto fallback;
        if (n >= BLOB_MIN && blob_key_before(text, open)
            && !memchr(text + open + 1, '\\', n)) {
            char mark[64];
            int k = snprintf(mark, sizeof mark, BLOB_MARK "%zu", b->n);
            size_t piece = open + 1 - at;
            if (!copy) {
                cap = len / 8 + 4096;
                if (!(copy = malloc(cap)))
                    goto fallback;
            }
            if (w + piece + (size_t)k + 1 > cap) {
                char *p;
                while (w + piece + (size_t)k + 1 > cap)
                    cap *= 2;
                if (!(p = realloc(copy, cap)))
                    goto fallback;
                copy = p;
            }
            if (blobs_push(b, text + open + 1, n))
                goto fallback;
            memcpy(copy + w, text + at, piece);
            w += piece;
            memcpy(copy + w, mark, (size_t)k);
            w += (size_t)k;
            at = close;         /* the closing quote is copied next */
        }
        scan = close + 1;
    }
    if (!copy)
        return NULL;
    if (w + (len - at) + 1 > cap) {
        char *p = realloc(copy, w + (len - at) + 1);
        if (!p)
            goto fallback;
        copy = p;
    }
    memcpy(copy + w, text + at, len - at);
    w += len - at;
    copy[w] = '\0';
    *n_out = w;
    return copy;
fallback:
    free(copy);
    blobs_clear(b);
    return NULL;
}

static int parse_model(const char *text, size_t len, const char *name,
                       struct blobs *blobs, char *place, const cJSON *root,
                       struct model **out, struct err *e);

/* Is the marker of every blob the value of a member the loader reads as
 * an array, so that a model parsed from the tree consumes them all and is
 * never parsed again (model_parse_json())?  Only then may arrays be
 * decoded into the text, which that second parse would read. */
static int blobs_all_read(const cJSON *root, const struct blobs *b)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(root, "features");
    const cJSON *idf = cJSON_GetObjectItemCaseSensitive(f, "idf");
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(root, "weights");
    const cJSON *at[4];
    size_t n = 0;
    size_t seen[4];

    at[0] = cJSON_GetObjectItemCaseSensitive(idf, "keys");
    at[1] = cJSON_GetObjectItemCaseSensitive(idf, "values");
    at[2] = cJSON_GetObjectItemCaseSensitive(w, "rows");
    at[3] = cJSON_GetObjectItemCaseSensitive(w, "values");
    /* blobs_extract() refuses a text holding a marker, but cJSON unescapes
     * "\u0040gainsay-blob:N" into one, which names a real blob: count the
     * blobs named (as get_string() reads the number), each once */
    for (int i = 0; i < 4; i++) {
        size_t k;
        int dup = 0;
        if (!cJSON_IsString(at[i])
            || strncmp(at[i]->valuestring, BLOB_MARK,
                       sizeof BLOB_MARK - 1) != 0)
            continue;
        k = (size_t)strtoul(at[i]->valuestring + sizeof BLOB_MARK - 1, NULL,
                            10);
        for (size_t j = 0; j < n; j++)
            dup |= seen[j] == k;
        if (k < b->n && !dup)
            seen[n++] = k;
    }
    /* n distinct blobs are read, and b->n are there */
    return n == b->n;
}

/* model_parse_json(), and when place is text itself, writable and the
 * caller's to give, the weights may be decoded into it instead of arrays
 * of their own: it then becomes the model's (m->text) and *kept is 1. */
static int parse_json(const char *text, size_t len, const char *name,
                      char *place, struct model **out, int *kept,
                      struct err *e)
{
    struct blobs b = { 0 };
    size_t n = 0;
    char *copy = blobs_extract(text, len, &b, &n);
    cJSON *root;
    int rc;

    *kept = 0;
    if (copy) {
        struct model *m = NULL;
        root = cJSON_ParseWithLength(copy, n);
        if (place && !blobs_all_read(root, &b))
            place = NULL;
        rc = parse_model(text, len, name, &b, place, root, &m, e);
        cJSON_Delete(root);
        free(copy);
        if (rc || b.n_used == b.n) {
            blobs_clear(&b);
            if (!rc) {
                *kept = m->text != NULL;
                *out = m;
            }
            return rc;
        }
        model_free(m);
        blobs_clear(&b);
    }
    root = cJSON_ParseWithLength(text, len);
    rc = parse_model(text, len, name, NULL, NULL, root, out, e);
    cJSON_Delete(root);
    return rc;
}

/* The model in text.  Its long base64 strings are left out of cJSON's
 * tree (blobs_extract()) and decoded from the text itself; should the
 * tree hold a marker the loader did not read as an array (a long string
 * somewhere else, say), the file is parsed again whole, so what a file
 * means never depends on the shortcut. */
int model_parse_json(const char *text, size_t len, const char *name,
                     struct model **out, struct err *e)
{
    int kept;

    return parse_json(text, len, name, NULL, out, &kept, e);
}

int model_parse_json_taking(char *text, size_t len, const char *name,
                            struct model **out, int *kept, struct err *e)
{
    return parse_json(text, len, name, text, out, kept, e);
}

static int parse_model(const char *text, size_t len, const char *name,
                       struct blobs *blobs, char *place, const cJSON *root,
                       struct model **out, struct err *e)
{
    struct loader L = { name, e, 0, {0}, blobs, text, len, place, 0 };
    const cJSON *it;
    struct model *m = NULL;
    char **labels = NULL;
    size_t n_labels = 0, version;
    int rc = 0;

    if (!root) {
        rc = err_set(e, STATUS_FORMAT, "%s: not a gainsay model (invalid or "
                     "truncated JSON)", name);
        goto out;
    }
    it = get(root, "format");
    if (!cJSON_IsString(it) || strcmp(it->valuestring, MODEL_FORMAT) != 0) {
        rc = err_set(e, STATUS_FORMAT, "%s: not a gainsay model (\"format\" "
                     "is not \"%s\")", name, MODEL_FORMAT);
        goto out;
    }
    it = get(root, "version");
    if (!cJSON_IsNumber(it) || it->valuedouble != floor(it->valuedouble)) {
        rc = err_set(e, STATUS_FORMAT, "%s: \"version\" is missing", name);
        goto out;
    }
    if (it->valuedouble < 1 || it->valuedouble > MODEL_VERSION) {
        rc = err_set(e, STATUS_VERSION, "%s: model version %.0f not supported "
                     "(this build reads 1..%d)", name, it->valuedouble,
                     MODEL_VERSION);
        goto out;
    }
    version = (size_t)it->valuedouble;
    (void)version;
    if ((rc = checksum_verify(text, len, root, name, e)) != 0)
        goto out;
    m = model_alloc();
    if (!m) {
        rc = err_set(e, STATUS_NOMEM, "%s: out of memory", name);
        goto out;
    }
    if ((rc = get_strings(&L, root, "labels", &labels, &n_labels)) != 0)
        goto out;
    if (n_labels < 2) {
        rc = bad(&L, "\"%s\" needs at least two labels", "labels");
        goto out;
    }
    if ((rc = check_unique(&L, (const char *const *)labels, n_labels)) != 0)
        goto out;
    if (model_set_labels(m, (const char *const *)labels, n_labels)) {
        rc = err_set(e, STATUS_NOMEM, "%s: out of memory", name);
        goto out;
    }
    it = get(root, "flag_label");
    if (!cJSON_IsString(it)
        || (m->flag = model_label_index(m, it->valuestring)) == SIZE_MAX) {
        rc = bad(&L, "\"%s\" must name one of the labels", "flag_label");
        goto out;
    }
    it = get(root, "threshold");
    if (!cJSON_IsNumber(it) || !(it->valuedouble >= 0.0)
        || !(it->valuedouble <= 1.0)) {
        rc = bad(&L, "\"%s\" must be a number in [0, 1]", "threshold");
        goto out;
    }
    m->threshold = it->valuedouble;
    it = get(root, "training");
    if (it) {
        char *t = cJSON_PrintUnformatted(it);
        m->training = t ? malloc(strlen(t) + 1) : NULL;
        if (m->training)
            memcpy(m->training, t, strlen(t) + 1);
        cJSON_free(t);
        if (!m->training) {
            rc = err_set(e, STATUS_NOMEM, "%s: out of memory", name);
            goto out;
        }
    }
    if ((rc = load_spec(&L, get(root, "features"), &m->spec)) != 0
        || (rc = load_weights(&L, get(root, "weights"), spec_dim(&m->spec),
                              m->n_labels, &m->lr)) != 0)
        goto out;
    if (L.placed)
        m->text = place;
    *out = m;
    m = NULL;
out:
    free_strings(labels, n_labels);
    model_free(m);
    return rc;
}

/* Load the lexical table m records, from the directory of path. */
static int attach_lexicon(struct model *m, const char *path, struct err *e)
{
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    size_t n = dir + strlen(m->spec.lex_file) + 1;
    char *lp = malloc(n);
    int rc;

    if (!lp)
        return err_set(e, STATUS_NOMEM, "%s: out of memory", path);
    memcpy(lp, path, dir);
    memcpy(lp + dir, m->spec.lex_file, n - dir);
    rc = lexicon_load(lp, &m->lex, e);
    if (rc) {
        err_prefix(e, "%s: needs its lexical table", path);
    } else if (lexicon_checksum(m->lex) != m->spec.lex_sum) {
        rc = err_set(e, STATUS_FORMAT, "%s: %s is not the lexical table it "
                     "was trained with (checksum %016llx, expected %016llx)",
                     path, lp, (unsigned long long)lexicon_checksum(m->lex),
                     (unsigned long long)m->spec.lex_sum);
    } else {
        m->spec.lex = m->lex;
    }
    free(lp);
    return rc;
}

int model_load(const char *path, struct model **out, struct err *e)
{
    struct model *m = NULL;
    char *text;
    size_t len;
    int kept;
    int rc = file_read_max(path, MODEL_MAX_BYTES, &text, &len, e);

    if (rc == STATUS_LIMIT)
        return err_set(e, STATUS_LIMIT, "%s: more than %zu MB, too large "
                       "for a model file", strcmp(path, "-") ? path
                       : "<stdin>", MODEL_MAX_BYTES >> 20);
    if (rc)
        return rc;
    rc = model_parse_json_taking(text, len, path, &m, &kept, e);
    if (!kept)
        free(text);
    if (!rc && m->spec.lex_file)
        rc = attach_lexicon(m, path, e);
    if (rc) {
        model_free(m);
        return rc;
    }
    *out = m;
    return 0;
}
