/* model_json.c - gainsay model files, read and written with cJSON. */
#include "model/model_json.h"

#include <cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base64.h"
#include "base/file.h"
#include "lex/lexicon.h"

/* The largest weight or IDF value a model may hold: trained weights are
 * far smaller (L2-regularised), and a bound keeps every score finite. */
#define MODEL_MAX_WEIGHT 1e6

static const char *const cue_keys[N_CUES] = { "neg", "refute", "hedge",
                                              "stop" };

/* ---- little-endian packing, independent of the host's byte order ---- */

static void put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16
           | (uint32_t)p[3] << 24;
}

static void put_f64(unsigned char *p, double d)
{
    uint64_t v;
    memcpy(&v, &d, sizeof v);
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static double get_f64(const unsigned char *p)
{
    uint64_t v = 0;
    double d;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)p[i] << (8 * i);
    memcpy(&d, &v, sizeof d);
    return d;
}

static cJSON *b64_u32(const uint32_t *v, size_t n)
{
    unsigned char *buf = malloc(n * 4 + 1);
    char *s;
    cJSON *j;

    if (!buf)
        return NULL;
    for (size_t i = 0; i < n; i++)
        put_u32(buf + 4 * i, v[i]);
    s = base64_encode(buf, n * 4);
    free(buf);
    if (!s)
        return NULL;
    j = cJSON_CreateString(s);
    free(s);
    return j;
}

static cJSON *b64_f64(const double *v, size_t n)
{
    unsigned char *buf = malloc(n * 8 + 1);
    char *s;
    cJSON *j;

    if (!buf)
        return NULL;
    for (size_t i = 0; i < n; i++)
        put_f64(buf + 8 * i, v[i]);
    s = base64_encode(buf, n * 8);
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
        || add(idf, "keys", b64_u32(spec->idf_key, spec->n_idf))
        || add(idf, "values", b64_f64(spec->idf_val, spec->n_idf)))
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
        || add(w, "rows", b64_u32(rows, n_rows))
        || add(w, "values", b64_f64(vals, n_rows * k))) {
        cJSON_Delete(w);
        w = NULL;
    }
out:
    free(rows);
    free(vals);
    return w;
}

/* FNV-1a, 64 bits, over the text before the checksum member. */
static uint64_t checksum_of(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037u;

    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return h;
}

#define CHECKSUM_KEY "\"checksum\""
#define CHECKSUM_FMT "fnv1a64:%016llx"

/* text (cJSON's printed object, "...\n}") with a last member
 * "checksum": "fnv1a64:<hex>", the hash of every byte before its comma.
 * Takes text; returns a malloc'd copy, or NULL when out of memory. */
static char *checksum_append(char *text)
{
    size_t n = strlen(text), body = n >= 2 ? n - 2 : n;
    char *out = malloc(n + 64);

    if (out) {
        memcpy(out, text, body);
        snprintf(out + body, 64, ",\n\t" CHECKSUM_KEY ":\t\"" CHECKSUM_FMT
                 "\"\n}", (unsigned long long)checksum_of(text, body));
    }
    cJSON_free(text);
    return out;
}

/* Verify the "checksum" member of text[0..len) when there is one (files
 * written before it was added have none).  0, or STATUS_FORMAT. */
static int checksum_verify(const char *text, size_t len, const cJSON *root,
                           const char *name, struct err *e)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, "checksum");
    size_t k = sizeof CHECKSUM_KEY - 1, at;
    unsigned long long want;
    char tail;

    if (!it)
        return 0;
    if (!cJSON_IsString(it)
        || sscanf(it->valuestring, "fnv1a64:%16llx%c", &want, &tail) != 1
        || strlen(it->valuestring) != 24)
        return err_set(e, STATUS_FORMAT, "%s: \"checksum\" is not "
                       "\"fnv1a64:\" and 16 hex digits", name);
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
        || checksum_of(text, at - 1) != (uint64_t)want)
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

struct loader {
    const char *name;
    struct err *e;
    size_t n_dense;             /* dense features in the file */
    size_t dense_map[PAIR_N_DENSE];     /* file position -> this build's */
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

/* Decode a base64 string holding exactly n items of the given size. */
static int get_blob(struct loader *L, const cJSON *o, const char *key,
                    size_t n, size_t size, unsigned char **out)
{
    const cJSON *it = get(o, key);
    size_t got;
    int rc;

    if (!cJSON_IsString(it))
        return bad(L, "\"%s\" must be a base64 string", key);
    rc = base64_decode(it->valuestring, strlen(it->valuestring), out, &got,
                       L->e);
    if (rc == STATUS_NOMEM)
        return err_set(L->e, STATUS_NOMEM, "%s: out of memory", L->name);
    if (rc)
        return bad(L, "\"%s\" is not valid base64", key);
    if (got != n * size) {
        free(*out);
        *out = NULL;
        return bad(L, "\"%s\" has the wrong length (truncated?)", key);
    }
    return 0;
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
    unsigned char *keys = NULL, *vals = NULL;
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
        || (rc = get_uint(L, idf, "n", 0, 1e9, &n)) != 0
        || (rc = get_blob(L, idf, "keys", n, 4, &keys)) != 0
        || (rc = get_blob(L, idf, "values", n, 8, &vals)) != 0)
        goto out;
    free(spec->idf_key);
    free(spec->idf_val);
    spec->idf_key = malloc((n ? n : 1) * sizeof *spec->idf_key);
    spec->idf_val = malloc((n ? n : 1) * sizeof *spec->idf_val);
    if (!spec->idf_key || !spec->idf_val) {
        rc = err_set(L->e, STATUS_NOMEM, "%s: out of memory", L->name);
        goto out;
    }
    spec->n_idf = n;
    spec->n_docs = n_docs;
    for (size_t i = 0; i < n; i++) {
        spec->idf_key[i] = get_u32(keys + 4 * i);
        spec->idf_val[i] = get_f64(vals + 8 * i);
        if ((i > 0 && spec->idf_key[i] <= spec->idf_key[i - 1])
            || !(spec->idf_val[i] > 0.0)
            || !(spec->idf_val[i] <= MODEL_MAX_WEIGHT)) {
            rc = bad(L, "\"%s\" keys must be sorted and values positive "
                     "and at most 1e6", "idf");
            goto out;
        }
    }
out:
    free(keys);
    free(vals);
    return rc;
}

static int load_weights(struct loader *L, const cJSON *w, size_t dim,
                        size_t k, struct logreg **out)
{
    size_t d, nc, n_rows;
    unsigned char *rows = NULL, *vals = NULL;
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
    if ((rc = get_blob(L, w, "rows", n_rows, 4, &rows)) != 0
        || (rc = get_blob(L, w, "values", n_rows * k, 8, &vals)) != 0)
        goto out;
    lr = logreg_alloc_sparse(dim, k, n_rows);
    if (!lr) {
        rc = err_set(L->e, STATUS_NOMEM, "%s: out of memory", L->name);
        goto out;
    }
    for (size_t r = 0; r < n_rows; r++) {
        uint32_t j = get_u32(rows + 4 * r);
        if (j >= d || (r > 0 && j <= get_u32(rows + 4 * (r - 1)))) {
            rc = bad(L, "\"%s\" must be sorted row indices below dim",
                     "rows");
            goto out;
        }
        /* to this build's input space: dense rows by name, hashed slots
         * shifted by the difference in dense features */
        if (j >= 1 && j <= L->n_dense)
            j = (uint32_t)(1 + L->dense_map[j - 1]);
        else if (j > L->n_dense)
            j = (uint32_t)(j - L->n_dense + PAIR_N_DENSE);
        for (size_t c = 0; c < k; c++) {
            double v = get_f64(vals + 8 * (r * k + c));
            if (!(fabs(v) <= MODEL_MAX_WEIGHT)) {
                rc = bad(L, "%s holds a weight that is not finite or beyond "
                         "1e6 in size", "weights");
                goto out;
            }
            lr->w[r * k + c] = v;
        }
        lr->row_of[j] = (uint32_t)r;
    }
    *out = lr;
    lr = NULL;
out:
    logreg_free(lr);
    free(rows);
    free(vals);
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

int model_parse_json(const char *text, size_t len, const char *name,
                     struct model **out, struct err *e)
{
    struct loader L = { name, e, 0, {0} };
    cJSON *root = cJSON_ParseWithLength(text, len);
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
    *out = m;
    m = NULL;
out:
    free_strings(labels, n_labels);
    model_free(m);
    cJSON_Delete(root);
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
    int rc = file_read_max(path, MODEL_MAX_BYTES, &text, &len, e);

    if (rc == STATUS_LIMIT)
        return err_set(e, STATUS_LIMIT, "%s: more than %zu MB, too large "
                       "for a model file", strcmp(path, "-") ? path
                       : "<stdin>", MODEL_MAX_BYTES >> 20);
    if (rc)
        return rc;
    rc = model_parse_json(text, len, path, &m, e);
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
