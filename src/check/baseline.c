/* baseline.c - baseline files as JSON, through cJSON. */
#include "check/baseline.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/grow.h"
#include "base/path.h"

struct baseline *baseline_alloc(const char *path)
{
    struct baseline *b = calloc(1, sizeof *b);
    char *abs = path_absolute(path);

    if (!b || !abs || !(b->dir = path_dirname(abs))) {
        free(abs);
        free(b);
        return NULL;
    }
    free(abs);
    return b;
}

void baseline_free(struct baseline *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++) {
        free(b->v[i].file);
        free(b->v[i].kind);
        free(b->v[i].a);
        free(b->v[i].b);
    }
    free(b->v);
    free(b->dir);
    free(b->by_key);
    free(b->key_taken);
    free(b->by_file);
    free(b);
}

const char *baseline_name(const struct baseline *b, const char *abs)
{
    const char *rel = path_relative(abs, b->dir);

    return rel ? rel : abs;
}

int baseline_add(struct baseline *b, const char *file,
                 const char *fingerprint, const char *kind, size_t line,
                 const char *a, size_t a_len, const char *bt, size_t b_len)
{
    struct baseline_entry *x;

    if (GROW(b->v, b->cap, b->n + 1))
        return STATUS_NOMEM;
    x = &b->v[b->n];
    memset(x, 0, sizeof *x);
    x->file = strdup(file);
    x->kind = strdup(kind);
    x->a = strndup(a, a_len);
    x->b = strndup(bt, b_len);
    if (!x->file || !x->kind || !x->a || !x->b) {
        free(x->file);
        free(x->kind);
        free(x->a);
        free(x->b);
        return STATUS_NOMEM;
    }
    snprintf(x->fingerprint, sizeof x->fingerprint, "%s", fingerprint);
    x->line = line;
    b->n++;
    return 0;
}

/* The index: entries in key order and in file order, each sorted by
 * place last (the same array, so addresses order them).  A lookup is two
 * binary searches: scanning every entry for each finding was time growing
 * with findings times entries (20,000 findings, each in the baseline:
 * 3.5 s). */
static int by_key(const void *pa, const void *pb)
{
    const struct baseline_entry *x = *(const struct baseline_entry *const *)pa,
                                *y = *(const struct baseline_entry *const *)pb;
    int c = strcmp(x->fingerprint, y->fingerprint);

    if (!c)
        c = strcmp(x->file, y->file);
    return c ? c : (x > y) - (x < y);
}

static int by_file(const void *pa, const void *pb)
{
    const struct baseline_entry *x = *(const struct baseline_entry *const *)pa,
                                *y = *(const struct baseline_entry *const *)pb;
    int c = strcmp(x->file, y->file);

    return c ? c : (x > y) - (x < y);
}

static int index_make(struct baseline *b)
{
    size_t n = b->n ? b->n : 1;

    free(b->by_key);
    free(b->key_taken);
    free(b->by_file);
    b->n_index = 0;
    b->by_key = malloc(n * sizeof *b->by_key);
    b->key_taken = calloc(n, sizeof *b->key_taken);
    b->by_file = malloc(n * sizeof *b->by_file);
    if (!b->by_key || !b->key_taken || !b->by_file)
        return STATUS_NOMEM;
    for (size_t i = 0; i < b->n; i++)
        b->by_key[i] = b->by_file[i] = &b->v[i];
    qsort(b->by_key, b->n, sizeof *b->by_key, by_key);
    qsort(b->by_file, b->n, sizeof *b->by_file, by_file);
    b->n_index = b->n;
    return 0;
}

static int indexed(const struct baseline *b)
{
    return b->by_key && b->n_index == b->n;
}

/* The first place in by_key whose key is not below (file, fingerprint),
 * or (upper) above it. */
static size_t key_bound(const struct baseline *b, const char *file,
                        const char *fingerprint, int upper)
{
    size_t lo = 0, hi = b->n_index;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(b->by_key[mid]->fingerprint, fingerprint);
        if (!c)
            c = strcmp(b->by_key[mid]->file, file);
        if (c < 0 || (upper && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t file_bound(const struct baseline *b, const char *file,
                         int upper)
{
    size_t lo = 0, hi = b->n_index;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(b->by_file[mid]->file, file);
        if (c < 0 || (upper && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int baseline_take(struct baseline *b, const char *file,
                  const char *fingerprint)
{
    if (indexed(b)) {
        /* a key's entries are taken in order, so those taken are the
         * first key_taken[at] */
        size_t at = key_bound(b, file, fingerprint, 0),
               end = key_bound(b, file, fingerprint, 1);
        if (at == end)          /* not there; at may be n_index */
            return 0;
        for (size_t k = at + b->key_taken[at]; k < end; k++) {
            b->key_taken[at]++;
            if (!b->by_key[k]->used) {
                b->by_key[k]->used = 1;
                return 1;
            }
        }
        return 0;
    }
    for (size_t i = 0; i < b->n; i++)
        if (!b->v[i].used && strcmp(b->v[i].fingerprint, fingerprint) == 0
            && strcmp(b->v[i].file, file) == 0) {
            b->v[i].used = 1;
            return 1;
        }
    return 0;
}

size_t baseline_count(const struct baseline *b, const char *file,
                      const char *fingerprint)
{
    size_t n = 0;

    if (indexed(b))
        return key_bound(b, file, fingerprint, 1)
               - key_bound(b, file, fingerprint, 0);
    for (size_t i = 0; i < b->n; i++)
        n += strcmp(b->v[i].fingerprint, fingerprint) == 0
             && strcmp(b->v[i].file, file) == 0;
    return n;
}

void baseline_checked(struct baseline *b, const char *file)
{
    if (indexed(b)) {
        size_t end = file_bound(b, file, 1);
        for (size_t k = file_bound(b, file, 0); k < end; k++)
            b->by_file[k]->checked = 1;
        return;
    }
    for (size_t i = 0; i < b->n; i++)
        if (!b->v[i].checked && strcmp(b->v[i].file, file) == 0)
            b->v[i].checked = 1;
}

size_t baseline_stale(const struct baseline *b)
{
    size_t n = 0;

    for (size_t i = 0; i < b->n; i++)
        n += b->v[i].checked && !b->v[i].used;
    return n;
}

static const char *string_of(const cJSON *o, const char *key)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);

    return cJSON_IsString(it) ? it->valuestring : NULL;
}

int baseline_parse(struct baseline *b, const char *name, const char *text,
                   size_t len, struct err *e)
{
    cJSON *root = cJSON_ParseWithLength(text, len);
    const cJSON *ver, *list, *it;
    const char *format;
    size_t i = 0;
    int rc = 0;

    if (!root) {
        rc = err_set(e, STATUS_PARSE, "%s: not a JSON baseline file", name);
        goto out;
    }
    format = string_of(root, "format");
    ver = cJSON_GetObjectItemCaseSensitive(root, "version");
    list = cJSON_GetObjectItemCaseSensitive(root, "findings");
    if (!format || strcmp(format, BASELINE_FORMAT) != 0) {
        rc = err_set(e, STATUS_FORMAT, "%s: not a gainsay baseline (format "
                     "is not \"%s\")", name, BASELINE_FORMAT);
        goto out;
    }
    if (!cJSON_IsNumber(ver) || ver->valueint < 1
        || ver->valueint > BASELINE_VERSION) {
        rc = err_set(e, STATUS_VERSION, "%s: baseline version not supported "
                     "(this build reads 1..%d)", name, BASELINE_VERSION);
        goto out;
    }
    if (!cJSON_IsArray(list)) {
        rc = err_set(e, STATUS_FORMAT, "%s: \"findings\" is not an array",
                     name);
        goto out;
    }
    cJSON_ArrayForEach(it, list) {
        const char *file = string_of(it, "file"),
                   *fp = string_of(it, "fingerprint"),
                   *kind = string_of(it, "kind"), *a = string_of(it, "a"),
                   *bt = string_of(it, "b");
        const cJSON *line = cJSON_GetObjectItemCaseSensitive(it, "line");
        if (!file || !fp || strlen(fp) != 16
            || strspn(fp, "0123456789abcdef") != 16) {
            rc = err_set(e, STATUS_FORMAT, "%s: finding %zu: needs \"file\" "
                         "and a 16-hex-digit \"fingerprint\"", name, i + 1);
            goto out;
        }
        /* a line only informs people: one out of range (7e113, 1e999
         * read as infinity) is 0, never converted past size_t */
        if (baseline_add(b, file, fp, kind ? kind : "", cJSON_IsNumber(line)
                         && line->valuedouble >= 0
                         && line->valuedouble < 1e15
                         ? (size_t)line->valuedouble : 0, a ? a : "",
                         a ? strlen(a) : 0, bt ? bt : "",
                         bt ? strlen(bt) : 0)) {
            rc = err_set(e, STATUS_NOMEM, "out of memory");
            goto out;
        }
        i++;
    }
    if (index_make(b))
        rc = err_set(e, STATUS_NOMEM, "out of memory");
out:
    cJSON_Delete(root);
    return rc;
}

int baseline_load(struct baseline **out, const char *path, struct err *e)
{
    struct baseline *b = NULL;
    char *text = NULL;
    size_t len;
    int rc;

    if ((rc = file_read_max(path, BASELINE_MAX_BYTES, &text, &len, e)) != 0)
        return rc;
    if (!(b = baseline_alloc(path))) {
        free(text);
        return err_set(e, STATUS_NOMEM, "%s: out of memory", path);
    }
    if ((rc = baseline_parse(b, path, text, len, e)) != 0) {
        baseline_free(b);
        b = NULL;
    }
    free(text);
    *out = rc ? NULL : b;
    return rc;
}

static int by_file_line(const void *x, const void *y)
{
    const struct baseline_entry *a = x, *b = y;
    int c = strcmp(a->file, b->file);

    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return strcmp(a->fingerprint, b->fingerprint);
}

int baseline_write(struct baseline *b, FILE *fp, struct err *e)
{
    cJSON *root = cJSON_CreateObject(), *list = NULL;
    char *text = NULL;
    int rc = 0;

    if (b->n > 1) {
        qsort(b->v, b->n, sizeof *b->v, by_file_line);
        /* the index points at places whose entries moved */
        free(b->by_key);
        b->by_key = NULL;
    }
    if (!root || !cJSON_AddStringToObject(root, "format", BASELINE_FORMAT)
        || !cJSON_AddNumberToObject(root, "version", BASELINE_VERSION)
        || !(list = cJSON_AddArrayToObject(root, "findings")))
        goto nomem;
    for (size_t i = 0; i < b->n; i++) {
        const struct baseline_entry *x = &b->v[i];
        cJSON *o = cJSON_CreateObject();
        if (!o)
            goto nomem;
        if (!cJSON_AddItemToArray(list, o)) {
            cJSON_Delete(o);
            goto nomem;
        }
        if (!cJSON_AddStringToObject(o, "file", x->file)
            || !cJSON_AddStringToObject(o, "fingerprint", x->fingerprint)
            || !cJSON_AddStringToObject(o, "kind", x->kind)
            || !cJSON_AddNumberToObject(o, "line", (double)x->line)
            || !cJSON_AddStringToObject(o, "a", x->a)
            || !cJSON_AddStringToObject(o, "b", x->b))
            goto nomem;
    }
    if (!(text = cJSON_Print(root)))
        goto nomem;
    if (fputs(text, fp) == EOF || fputc('\n', fp) == EOF)
        rc = err_set(e, STATUS_IO, "cannot write the baseline");
    goto out;
nomem:
    rc = err_set(e, STATUS_NOMEM, "out of memory");
out:
    cJSON_free(text);
    cJSON_Delete(root);
    return rc;
}
