/* dataset.c - labelled statement pairs from JSONL, TSV, CSV, FNC-1, SICK
 * and SNLI: a table of formats, readers over named or numbered columns. */
#include "data/dataset.h"

#include <cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/grow.h"
#include "data/csv.h"
#include "text/utf8.h"

void dataset_init(struct dataset *ds)
{
    memset(ds, 0, sizeof *ds);
    strmap_init(&ds->texts);
    strmap_init(&ds->labels);
    strmap_init(&ds->groups);
    strmap_init(&ds->ids);
}

void dataset_clear(struct dataset *ds)
{
    strmap_clear(&ds->texts);
    strmap_clear(&ds->labels);
    strmap_clear(&ds->groups);
    strmap_clear(&ds->ids);
    free(ds->pairs);
    for (size_t i = 0; i < ds->n_files; i++)
        free(ds->files[i]);
    free(ds->files);
    dataset_init(ds);
}

/* ---- --columns and --label-map ---- */

static const char *const column_names[DATA_N_COLS] = {
    "a", "b", "label", "group", "id"
};

void data_columns_clear(struct data_columns *c)
{
    for (size_t k = 0; k < DATA_N_COLS; k++)
        free(c->name[k]);
    memset(c, 0, sizeof *c);
}

/* The next "key=value" of a comma-separated list s at *pos. */
static int next_assignment(const char *s, size_t *pos, const char **key,
                           size_t *klen, const char **val, size_t *vlen)
{
    const char *item = s + *pos, *comma, *eq;
    size_t n;

    if (!*item)
        return 0;
    comma = strchr(item, ',');
    n = comma ? (size_t)(comma - item) : strlen(item);
    *pos += n + (comma ? 1 : 0);
    eq = memchr(item, '=', n);
    *key = item;
    *klen = eq ? (size_t)(eq - item) : n;
    *val = eq ? eq + 1 : NULL;
    *vlen = eq ? n - *klen - 1 : 0;
    return 1;
}

int data_columns_parse(struct data_columns *c, const char *s,
                       struct err *e)
{
    const char *key, *val;
    size_t pos = 0, klen, vlen, k;
    int named = 0;

    while (next_assignment(s, &pos, &key, &klen, &val, &vlen)) {
        int digits = vlen > 0;
        if (!val || vlen == 0)
            return err_set(e, STATUS_USAGE, "--columns: expected "
                           "<part>=<field>, got '%.*s'", (int)klen, key);
        for (k = 0; k < DATA_N_COLS; k++)
            if (strlen(column_names[k]) == klen
                && memcmp(column_names[k], key, klen) == 0)
                break;
        if (k == DATA_N_COLS)
            return err_set(e, STATUS_USAGE, "--columns: unknown part '%.*s' "
                           "(a, b, label, group, id)", (int)klen, key);
        if (c->name[k] || c->number[k])
            return err_set(e, STATUS_USAGE, "--columns: '%s' given twice",
                           column_names[k]);
        for (size_t i = 0; i < vlen; i++)
            digits = digits && isdigit((unsigned char)val[i]);
        if (digits) {
            size_t v = 0;
            for (size_t i = 0; i < vlen && v < 100000; i++)
                v = v * 10 + (size_t)(val[i] - '0');
            if (v == 0 || v >= 100000)
                return err_set(e, STATUS_USAGE, "--columns: column numbers "
                               "start at 1, got '%.*s'", (int)vlen, val);
            c->number[k] = v;
            c->numbered = 1;
        } else {
            if (!(c->name[k] = strndup(val, vlen)))
                return err_set(e, STATUS_NOMEM, "out of memory");
            named = 1;
        }
        c->given = 1;
    }
    if (named && c->numbered)
        return err_set(e, STATUS_USAGE, "--columns: name all columns or "
                       "number all of them (numbers are for files without "
                       "a header)");
    if (!(c->name[DATA_COL_A] || c->number[DATA_COL_A])
        || !(c->name[DATA_COL_B] || c->number[DATA_COL_B]))
        return err_set(e, STATUS_USAGE, "--columns: name both a= and b=");
    return 0;
}

void data_label_map_clear(struct data_label_map *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->from[i]);
        free(m->to[i]);
    }
    free(m->from);
    free(m->to);
    memset(m, 0, sizeof *m);
}

int data_label_map_parse(struct data_label_map *m, const char *s,
                         struct err *e)
{
    const char *key, *val;
    size_t pos = 0, klen, vlen;

    while (next_assignment(s, &pos, &key, &klen, &val, &vlen)) {
        char **f, **t;
        if (!val || klen == 0)
            return err_set(e, STATUS_USAGE, "--label-map: expected "
                           "<label>=<new label>, got '%.*s'", (int)klen,
                           key);
        for (size_t i = 0; i < m->n; i++)
            if (strlen(m->from[i]) == klen
                && memcmp(m->from[i], key, klen) == 0)
                return err_set(e, STATUS_USAGE, "--label-map: '%.*s' "
                               "mapped twice", (int)klen, key);
        if (GROW2(m->from, m->to, m->cap, m->n + 1))
            return err_set(e, STATUS_NOMEM, "out of memory");
        f = m->from;
        t = m->to;
        f[m->n] = strndup(key, klen);
        t[m->n] = strndup(val, vlen);
        if (!f[m->n] || !t[m->n]) {
            free(f[m->n]);
            free(t[m->n]);
            return err_set(e, STATUS_NOMEM, "out of memory");
        }
        m->n++;
    }
    return 0;
}

void data_options_init(struct data_options *o)
{
    memset(o, 0, sizeof *o);
    o->need_label = 1;
}

void data_options_clear(struct data_options *o)
{
    data_columns_clear(&o->columns);
    data_label_map_clear(&o->label_map);
    data_options_init(o);
}

/* ---- pairs ---- */

/* The id of s[0..n) in m, SIZE_MAX for no s. */
static int intern_n(struct strmap *m, const char *s, size_t n, size_t *id)
{
    *id = SIZE_MAX;
    return s ? strmap_intern(m, s, n, id) : 0;
}

static int add_n(struct dataset *ds, const char *a, size_t alen,
                 const char *b, size_t blen, const char *label, size_t llen,
                 const char *group, size_t glen, const char *id, size_t ilen,
                 int id_number, size_t file, size_t line)
{
    struct pair_rec *p;

    if (GROW(ds->pairs, ds->cap_pairs, ds->n_pairs + 1))
        return STATUS_NOMEM;
    p = &ds->pairs[ds->n_pairs];
    if (strmap_intern(&ds->texts, a, alen, &p->a)
        || strmap_intern(&ds->texts, b, blen, &p->b)
        || intern_n(&ds->labels, label, llen, &p->label)
        || intern_n(&ds->groups, group, glen, &p->group)
        || intern_n(&ds->ids, id, ilen, &p->id))
        return STATUS_NOMEM;
    p->id_number = id && id_number;
    p->file = file;
    p->line = line;
    ds->n_pairs++;
    return 0;
}

int dataset_add(struct dataset *ds, const char *a, size_t alen,
                const char *b, size_t blen, const char *label,
                const char *group, const char *id, size_t file, size_t line)
{
    return add_n(ds, a, alen, b, blen, label, label ? strlen(label) : 0,
                 group, group ? strlen(group) : 0, id, id ? strlen(id) : 0, 0,
                 file, line);
}

/* ---- the reader of one file ---- */

struct data_reader {
    struct dataset *ds;
    const char *path;
    size_t file;
    const struct data_options *opt;
    const struct data_format *fmt;
    const struct data_columns *cols;    /* NULL: the format's own layout */
    struct err *e;
    const char *part_path;              /* the second file (FNC bodies) */
    const char *part;
    size_t part_len;
};

/* A part of a pair as read: s[0..n), or absent when s is NULL. */
struct field {
    const char *s;
    size_t n;
};

static int empty_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

static int same(const char *s, size_t n, const char *z)
{
    return strlen(z) == n && memcmp(s, z, n) == 0;
}

/* Check and add one pair: skip and map its label as the format and
 * --label-map say. */
static int add_pair(struct data_reader *r, size_t line,
                    const struct field *f, int id_number)
{
    const struct field *a = &f[DATA_COL_A], *b = &f[DATA_COL_B];
    const char *label = f[DATA_COL_LABEL].s;
    size_t llen = f[DATA_COL_LABEL].n;
    char *lower = NULL;
    int rc;

    if (label && llen == 0)
        label = NULL;
    if (!a->s || empty_text(a->s, a->n) || !b->s || empty_text(b->s, b->n))
        return err_set(r->e, STATUS_PARSE, "%s:%zu: statement '%s' is empty",
                       r->path, line, !a->s || empty_text(a->s, a->n)
                       ? "a" : "b");
    if (label && r->fmt->skip_label && same(label, llen, r->fmt->skip_label)) {
        r->ds->n_skipped++;     /* e.g. SNLI's "-": annotators disagreed */
        return 0;
    }
    if (label && (r->fmt->flags & DATA_FORMAT_LOWER)) {
        if (!(lower = strndup(label, llen)))
            return err_set(r->e, STATUS_NOMEM, "out of memory");
        for (char *c = lower; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        label = lower;
    }
    for (size_t i = 0; label && i < r->opt->label_map.n; i++)
        if (same(label, llen, r->opt->label_map.from[i])) {
            label = r->opt->label_map.to[i];
            llen = strlen(label);
            if (llen == 0) {
                r->ds->n_dropped++;
                free(lower);
                return 0;
            }
            break;
        }
    if (r->opt->need_label && !label) {
        free(lower);
        return err_set(r->e, STATUS_PARSE, "%s:%zu: missing label", r->path,
                       line);
    }
    rc = add_n(r->ds, a->s, a->n, b->s, b->n, label, llen,
               f[DATA_COL_GROUP].n ? f[DATA_COL_GROUP].s : NULL,
               f[DATA_COL_GROUP].n, f[DATA_COL_ID].n ? f[DATA_COL_ID].s
               : NULL, f[DATA_COL_ID].n, id_number, r->file, line);
    free(lower);
    if (rc)
        return err_set(r->e, STATUS_NOMEM, "%s:%zu: out of memory", r->path,
                       line);
    return 0;
}

/* The next line of s from *pos, without its \n or \r\n. */
static int next_line(const char *s, size_t len, size_t *pos,
                     const char **line, size_t *n)
{
    size_t i = *pos, end;

    if (i >= len)
        return 0;
    end = i;
    while (end < len && s[end] != '\n')
        end++;
    *line = s + i;
    *n = end - i;
    if (*n > 0 && s[end - 1] == '\r')
        (*n)--;
    *pos = end < len ? end + 1 : end;
    return 1;
}

/* ---- JSONL ---- */

/* A JSON value as text: strings as they are, numbers printed; NULL when
 * absent or null.  Returns 0, or 1 when it is neither. */
static int json_text(const cJSON *it, char *buf, size_t size,
                     const char **out)
{
    *out = NULL;
    if (!it || cJSON_IsNull(it))
        return 0;
    if (cJSON_IsString(it)) {
        *out = it->valuestring;
        return 0;
    }
    if (cJSON_IsNumber(it)) {
        snprintf(buf, size, "%.17g", it->valuedouble);
        *out = buf;
        return 0;
    }
    return 1;
}

/* cJSON takes every byte up to 32 for white space, so the raw text of a
 * number must skip the same ("id":<U+0002>7 kept the U+0002 and lost the
 * 7, and the JSONL written from it did not parse: found by fuzz_data) */
static size_t json_skip_ws(const char *s, size_t len, size_t i)
{
    while (i < len && (unsigned char)s[i] <= 32)
        i++;
    return i;
}

/* From the opening quote at s[i] to just past the closing one. */
static size_t json_skip_string(const char *s, size_t len, size_t i)
{
    for (i++; i < len && s[i] != '"'; i++)
        if (s[i] == '\\')
            i++;
    return i < len ? i + 1 : len;
}

static size_t json_skip_value(const char *s, size_t len, size_t i)
{
    size_t depth = 0;

    if (i < len && s[i] == '"')
        return json_skip_string(s, len, i);
    while (i < len) {
        char c = s[i];
        if (c == '"') {
            i = json_skip_string(s, len, i);
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']') {
            if (depth == 0)
                break;
            if (--depth == 0)
                return i + 1;
        } else if (depth == 0 && (c == ',' || c == ' ' || c == '\t'
                                  || c == '\n' || c == '\r'))
            break;
        i++;
    }
    return i;
}

/* The text of member key (written without escapes) of the JSON object
 * s[0..len), which cJSON has found valid: a linear scan of the top level.
 * NULL when it is not there as written. */
static const char *json_member_raw(const char *s, size_t len,
                                   const char *key, size_t *n)
{
    size_t i = json_skip_ws(s, len, 0), klen = strlen(key);

    if (i >= len || s[i] != '{')
        return NULL;
    for (i++;;) {
        size_t ks, ke, vs;
        i = json_skip_ws(s, len, i);
        if (i >= len || s[i] != '"')
            return NULL;
        ks = i + 1;
        i = json_skip_string(s, len, i);
        ke = i - 1;
        i = json_skip_ws(s, len, i);
        if (i >= len || s[i] != ':')
            return NULL;
        vs = i = json_skip_ws(s, len, i + 1);
        i = json_skip_value(s, len, i);
        if (ke - ks == klen && memcmp(s + ks, key, klen) == 0) {
            *n = i - vs;
            return s + vs;
        }
        i = json_skip_ws(s, len, i);
        if (i >= len || s[i] != ',')
            return NULL;
        i++;
    }
}

/* Does a string of the JSON text s[0..len) hold the escape \u0000, which
 * cJSON would silently cut the string at? */
static int json_has_nul_escape(const char *s, size_t len)
{
    for (size_t i = 0; i + 5 < len; i++)
        if (s[i] == '\\') {
            if (s[i + 1] == 'u' && memcmp(s + i + 2, "0000", 4) == 0)
                return 1;
            i++;            /* the escaped character */
        }
    return 0;
}

/* The member key (NULL: none) of j, or NULL. */
static cJSON *member(const cJSON *j, const char *key)
{
    return key ? cJSON_GetObjectItemCaseSensitive(j, key) : NULL;
}

/* An optional text member (label, group): a string or a number, written
 * into buf when a number. */
static int optional_text(const cJSON *j, const char *key, char *buf,
                         size_t size, const char **out, struct err *e)
{
    if (json_text(member(j, key), buf, size, out))
        return err_set(e, STATUS_PARSE, "field \"%s\" is not a string or "
                       "number", key);
    return 0;
}

int dataset_parse_json_pair(const char *line, size_t len,
                            const struct data_columns *cols,
                            struct json_pair *out, struct err *e)
{
    cJSON *j = cJSON_ParseWithLength(line, len), *it;
    const char *key[DATA_N_COLS];
    const char **dst[] = { &out->a, &out->b };
    int rc;

    memset(out, 0, sizeof *out);
    for (size_t k = 0; k < DATA_N_COLS; k++)
        key[k] = cols ? cols->name[k] : column_names[k];
    if (!j)
        return err_set(e, STATUS_PARSE, "invalid JSON");
    out->json = j;
    if (!cJSON_IsObject(j)) {
        dataset_json_free(out);
        return err_set(e, STATUS_PARSE, "expected a JSON object");
    }
    for (int k = 0; k < 2; k++) {
        it = member(j, key[k]);
        if (!cJSON_IsString(it)) {
            dataset_json_free(out);
            return err_set(e, STATUS_PARSE, "field \"%s\" %s",
                           key[k] ? key[k] : column_names[k],
                           it ? "is not a string" : "is missing");
        }
        *dst[k] = it->valuestring;
    }
    if ((rc = optional_text(j, key[DATA_COL_LABEL], out->label_buf,
                            sizeof out->label_buf, &out->label, e))
        || (rc = optional_text(j, key[DATA_COL_GROUP], out->group_buf,
                               sizeof out->group_buf, &out->group, e))) {
        dataset_json_free(out);
        return rc;
    }
    it = member(j, key[DATA_COL_ID]);
    if (it && !cJSON_IsString(it) && !cJSON_IsNumber(it)
        && !cJSON_IsNull(it)) {
        dataset_json_free(out);
        return err_set(e, STATUS_PARSE, "field \"%s\" is not a string or "
                       "number", key[DATA_COL_ID]);
    }
    out->id = it && !cJSON_IsNull(it) ? it : NULL;
    /* a number is kept as written: 1234567890123456789 is a join key,
     * not 1.2345678901234568e+18 */
    if (cJSON_IsNumber(it))
        out->id_raw = json_member_raw(line, len, key[DATA_COL_ID],
                                      &out->id_raw_len);
    if (json_has_nul_escape(line, len)) {
        dataset_json_free(out);
        return err_set(e, STATUS_PARSE, "\\u0000 (a NUL character) in a "
                       "string");
    }
    return 0;
}

void dataset_json_free(struct json_pair *jp)
{
    cJSON_Delete(jp->json);
    jp->json = NULL;
}

static int read_jsonl(struct data_reader *r, const char *s, size_t len)
{
    const char *line;
    size_t n, pos = 0, lineno = 0;

    while (next_line(s, len, &pos, &line, &n)) {
        struct json_pair jp;
        struct field f[DATA_N_COLS];
        char buf[64];
        const char *id = NULL;
        size_t id_len;
        int rc;

        lineno++;
        if (empty_text(line, n))
            continue;
        if ((rc = dataset_parse_json_pair(line, n, r->cols, &jp, r->e)) != 0) {
            err_prefix(r->e, "%s:%zu", r->path, lineno);
            return rc;
        }
        json_text(jp.id, buf, sizeof buf, &id);
        id_len = id ? strlen(id) : 0;
        if (jp.id_raw) {
            id = jp.id_raw;
            id_len = jp.id_raw_len;
        }
        f[DATA_COL_A] = (struct field){ jp.a, strlen(jp.a) };
        f[DATA_COL_B] = (struct field){ jp.b, strlen(jp.b) };
        f[DATA_COL_LABEL] = (struct field){ jp.label,
                                            jp.label ? strlen(jp.label) : 0 };
        f[DATA_COL_GROUP] = (struct field){ jp.group,
                                            jp.group ? strlen(jp.group) : 0 };
        f[DATA_COL_ID] = (struct field){ id, id_len };
        rc = add_pair(r, lineno, f, cJSON_IsNumber((const cJSON *)jp.id));
        dataset_json_free(&jp);
        if (rc)
            return rc;
    }
    return 0;
}

int dataset_write_jsonl(const struct dataset *ds, const unsigned char *sel,
                        unsigned char which, FILE *fp, struct err *e)
{
    for (size_t i = 0; i < ds->n_pairs; i++) {
        const struct pair_rec *p = &ds->pairs[i];
        cJSON *o;
        char *t;
        int ok;

        if (sel && sel[i] != which)
            continue;
        o = cJSON_CreateObject();
        ok = o != NULL;
        if (ok && p->label != SIZE_MAX)
            ok = cJSON_AddStringToObject(o, "label",
                                         ds->labels.str[p->label]) != NULL;
        ok = ok && cJSON_AddStringToObject(o, "a", ds->texts.str[p->a])
             && cJSON_AddStringToObject(o, "b", ds->texts.str[p->b]);
        if (ok && p->group != SIZE_MAX)
            ok = cJSON_AddStringToObject(o, "group",
                                         ds->groups.str[p->group]) != NULL;
        if (ok && p->id != SIZE_MAX)
            ok = (p->id_number  /* printed by %.17g: a valid JSON number */
                  ? cJSON_AddRawToObject(o, "id", ds->ids.str[p->id])
                  : cJSON_AddStringToObject(o, "id", ds->ids.str[p->id]))
                 != NULL;
        t = ok ? cJSON_PrintUnformatted(o) : NULL;
        cJSON_Delete(o);
        if (!t)
            return err_set(e, STATUS_NOMEM, "out of memory");
        ok = fputs(t, fp) >= 0 && fputc('\n', fp) != EOF;
        cJSON_free(t);
        if (!ok)
            return err_set(e, STATUS_IO, "write error");
    }
    return 0;
}

/* ---- TSV and CSV: rows of fields ---- */

struct rows {
    char sep;                   /* '\t': split lines at tabs; ',': CSV */
    struct csv_reader cr;
    const char *s;
    size_t len, pos, line;
    const char **f;
    size_t *fl, n, cap;
};

static void rows_init(struct rows *t, const char *name, const char *s,
                      size_t len, char sep)
{
    memset(t, 0, sizeof *t);
    t->sep = sep;
    t->s = s;
    t->len = len;
    csv_init(&t->cr, name, s, len);
}

static void rows_clear(struct rows *t)
{
    csv_clear(&t->cr);
    free(t->f);
    free(t->fl);
}

/* The next row, as csv_next() reads a record: 0 with *more = 1 and the
 * row in t->f, t->fl, t->n, or *more = 0 at the end; or a status with e
 * set ("name:line: ..."). */
static int rows_next(struct rows *t, size_t *line, int *more, struct err *e)
{
    const char *s;
    size_t n, k = 0, start = 0;
    int rc;

    *more = 0;
    if (t->sep == ',') {
        if ((rc = csv_next(&t->cr, line, more, e)) || !*more)
            return rc;
        n = t->cr.n_fields;
    } else {
        if (!next_line(t->s, t->len, &t->pos, &s, &n))
            return 0;
        *line = ++t->line;
        k = 1;
        for (size_t i = 0; i < n; i++)
            k += s[i] == '\t';
    }
    *more = 0;
    if (GROW2(t->f, t->fl, t->cap, t->sep == ',' ? n : k))
        return err_set(e, STATUS_NOMEM, "%s:%zu: out of memory",
                       t->cr.name, *line);
    *more = 1;
    if (t->sep == ',') {
        for (size_t i = 0; i < n; i++)
            t->f[i] = csv_field(&t->cr, i, &t->fl[i]);
        t->n = n;
        return 0;
    }
    k = 0;
    for (size_t i = 0; i <= n; i++)
        if (i == n || s[i] == '\t') {
            t->f[k] = s + start;
            t->fl[k++] = i - start;
            start = i + 1;
        }
    t->n = k;
    return 0;
}

static int rows_blank(const struct rows *t)
{
    for (size_t i = 0; i < t->n; i++)
        if (!empty_text(t->f[i], t->fl[i]))
            return 0;
    return 1;
}

/* Find each named column in the header row; index[k] is SIZE_MAX for the
 * parts not named. */
static int resolve_header(struct data_reader *r, const struct rows *t,
                          size_t line, size_t *index)
{
    for (size_t k = 0; k < DATA_N_COLS; k++) {
        const char *name = r->cols->name[k];
        char have[200];
        size_t used = 0;

        index[k] = SIZE_MAX;
        if (!name)
            continue;
        for (size_t i = 0; i < t->n && index[k] == SIZE_MAX; i++)
            if (same(t->f[i], t->fl[i], name))
                index[k] = i;
        if (index[k] != SIZE_MAX)
            continue;
        have[0] = '\0';
        for (size_t i = 0; i < t->n && used + 8 < sizeof have; i++) {
            int w = snprintf(have + used, sizeof have - used, "%s%.*s",
                             i ? ", " : "", (int)t->fl[i], t->f[i]);
            if (w < 0)
                break;
            used += (size_t)w;
        }
        if (used >= sizeof have)
            memcpy(have + sizeof have - 4, "...", 4);
        return err_set(r->e, STATUS_PARSE, "%s:%zu: no column '%s' in the "
                       "header (it has: %s); name the columns with "
                       "--columns", r->path, line, name, have);
    }
    return 0;
}

/* The row loop the TSV and CSV readers share: each row that is not blank,
 * with the line it starts on, to one(); stops at the first status. */
static int each_row(struct data_reader *r, const char *s, size_t len,
                    char sep,
                    int (*one)(struct data_reader *r, const struct rows *t,
                               size_t line, void *ctx), void *ctx)
{
    struct rows t;
    size_t line = 0;
    int more, rc;

    rows_init(&t, r->path, s, len, sep);
    while ((rc = rows_next(&t, &line, &more, r->e)) == 0 && more)
        if (!rows_blank(&t) && (rc = one(r, &t, line, ctx)) != 0)
            break;
    rows_clear(&t);
    return rc;
}

/* A table read through r->cols: where each part is, and how many fields
 * a row needs to hold them all. */
struct table {
    char sep;
    int header;                 /* the next row names the columns */
    size_t index[DATA_N_COLS];
    size_t need;
};

static void table_need(struct table *tb)
{
    tb->need = 0;
    for (size_t k = 0; k < DATA_N_COLS; k++)
        if (tb->index[k] != SIZE_MAX && tb->index[k] + 1 > tb->need)
            tb->need = tb->index[k] + 1;
}

static int table_row(struct data_reader *r, const struct rows *t,
                     size_t line, void *ctx)
{
    struct table *tb = ctx;
    struct field f[DATA_N_COLS];
    int rc;

    if (tb->header) {
        if ((rc = resolve_header(r, t, line, tb->index)) != 0)
            return rc;
        tb->header = 0;
        table_need(tb);
        return 0;
    }
    if (t->n < tb->need)
        return err_set(r->e, STATUS_PARSE, "%s:%zu: expected at least %zu "
                       "%s fields, got %zu", r->path, line, tb->need,
                       tb->sep == ',' ? "comma-separated" : "tab-separated",
                       t->n);
    for (size_t k = 0; k < DATA_N_COLS; k++)
        f[k] = tb->index[k] == SIZE_MAX ? (struct field){ NULL, 0 }
             : (struct field){ t->f[tb->index[k]], t->fl[tb->index[k]] };
    return add_pair(r, line, f, 0);
}

/* A TSV or CSV file read through r->cols: a header names the columns,
 * unless they are numbered. */
static int read_table(struct data_reader *r, const char *s, size_t len,
                      char sep)
{
    struct table tb;

    tb.sep = sep;
    tb.header = !r->cols->numbered;
    for (size_t k = 0; k < DATA_N_COLS; k++)
        tb.index[k] = r->cols->number[k] ? r->cols->number[k] - 1
                                         : SIZE_MAX;
    table_need(&tb);
    return each_row(r, s, len, sep, table_row, &tb);
}

/* gainsay's own TSV: label TAB a TAB b [TAB group], an optional header. */
static int native_row(struct data_reader *r, const struct rows *t,
                      size_t line, void *ctx)
{
    struct field f[DATA_N_COLS];

    (void)ctx;
    if (line == 1 && same(t->f[0], t->fl[0], "label"))
        return 0;               /* a header line */
    if (t->n < 3 || t->n > 4)
        return err_set(r->e, STATUS_PARSE, "%s:%zu: expected 3 or 4 "
                       "tab-separated fields (label, a, b, group), got %zu",
                       r->path, line, t->n);
    f[DATA_COL_LABEL] = (struct field){ t->f[0], t->fl[0] };
    f[DATA_COL_A] = (struct field){ t->f[1], t->fl[1] };
    f[DATA_COL_B] = (struct field){ t->f[2], t->fl[2] };
    f[DATA_COL_GROUP] = t->n == 4 ? (struct field){ t->f[3], t->fl[3] }
                                  : (struct field){ NULL, 0 };
    f[DATA_COL_ID] = (struct field){ NULL, 0 };
    return add_pair(r, line, f, 0);
}

static int read_tsv_native(struct data_reader *r, const char *s, size_t len)
{
    return each_row(r, s, len, '\t', native_row, NULL);
}

static int read_tsv(struct data_reader *r, const char *s, size_t len)
{
    return r->cols ? read_table(r, s, len, '\t')
                   : read_tsv_native(r, s, len);
}

static int read_csv(struct data_reader *r, const char *s, size_t len)
{
    return read_table(r, s, len, ',');
}

/* ---- FNC-1: bodies map "Body ID" to text; stances name headline, id,
 * stance ---- */

static int read_fnc_bodies(struct data_reader *r, struct strmap *ids,
                           size_t **text_of)
{
    struct csv_reader cr;
    size_t line, cap = 0;
    int more, rc;

    csv_init(&cr, r->part_path, r->part, r->part_len);
    while ((rc = csv_next(&cr, &line, &more, r->e)) == 0 && more) {
        size_t idl, bl, id, t;
        const char *idf, *body;
        if (line == 1)
            continue;           /* header */
        if (cr.n_fields != 2) {
            rc = err_set(r->e, STATUS_PARSE, "%s:%zu: expected 2 fields "
                         "(Body ID, articleBody), got %zu", r->part_path,
                         line, cr.n_fields);
            goto out;
        }
        idf = csv_field(&cr, 0, &idl);
        body = csv_field(&cr, 1, &bl);
        if (idl == 0 || empty_text(body, bl)) {
            rc = err_set(r->e, STATUS_PARSE, "%s:%zu: empty %s",
                         r->part_path, line, idl == 0 ? "Body ID"
                         : "articleBody");
            goto out;
        }
        if (strmap_find(ids, idf, idl) != SIZE_MAX) {
            rc = err_set(r->e, STATUS_PARSE, "%s:%zu: Body ID %s appears "
                         "twice", r->part_path, line, idf);
            goto out;
        }
        if (strmap_intern(ids, idf, idl, &id)
            || strmap_intern(&r->ds->texts, body, bl, &t)) {
            rc = err_set(r->e, STATUS_NOMEM, "out of memory");
            goto out;
        }
        if (GROW(*text_of, cap, id + 1)) {
            rc = err_set(r->e, STATUS_NOMEM, "out of memory");
            goto out;
        }
        (*text_of)[id] = t;
    }
out:
    csv_clear(&cr);
    return rc;
}

static int read_fnc(struct data_reader *r, const char *s, size_t len)
{
    struct csv_reader cr;
    struct strmap ids;
    size_t line, *text_of = NULL;
    int more, rc;

    strmap_init(&ids);
    csv_init(&cr, r->path, s, len);
    if ((rc = read_fnc_bodies(r, &ids, &text_of)) != 0)
        goto out;
    while ((rc = csv_next(&cr, &line, &more, r->e)) == 0 && more) {
        size_t hl, il, sl = 0, id, bt;
        const char *h, *idf, *st;
        struct field f[DATA_N_COLS];
        if (line == 1)
            continue;
        if (cr.n_fields != 3 && cr.n_fields != 2) {
            rc = err_set(r->e, STATUS_PARSE, "%s:%zu: expected 3 fields "
                         "(Headline, Body ID, Stance), got %zu", r->path,
                         line, cr.n_fields);
            goto out;
        }
        h = csv_field(&cr, 0, &hl);
        idf = csv_field(&cr, 1, &il);
        st = cr.n_fields == 3 ? csv_field(&cr, 2, &sl) : "";
        id = strmap_find(&ids, idf, il);
        if (id == SIZE_MAX) {
            rc = err_set(r->e, STATUS_PARSE, "%s:%zu: Body ID '%s' is not in "
                         "%s", r->path, line, idf, r->part_path);
            goto out;
        }
        bt = text_of[id];
        if (empty_text(h, hl)) {
            rc = err_set(r->e, STATUS_PARSE, "%s:%zu: empty headline",
                         r->path, line);
            goto out;
        }
        f[DATA_COL_A] = (struct field){ h, hl };
        f[DATA_COL_B] = (struct field){ r->ds->texts.str[bt],
                                        r->ds->texts.len[bt] };
        f[DATA_COL_LABEL] = (struct field){ st, sl };
        f[DATA_COL_GROUP] = (struct field){ NULL, 0 };
        f[DATA_COL_ID] = (struct field){ NULL, 0 };
        if ((rc = add_pair(r, line, f, 0)) != 0)
            goto out;
    }
out:
    csv_clear(&cr);
    strmap_clear(&ids);
    free(text_of);
    return rc;
}

/* ---- the table ---- */

static int starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

static int sniff_jsonl(const char *s, size_t len)
{
    return len > 0 && s[0] == '{';
}

static int sniff_snli(const char *s, size_t len)
{
    cJSON *j;
    int yes;

    if (!sniff_jsonl(s, len))
        return 0;
    j = cJSON_ParseWithLength(s, len);
    yes = j && cJSON_GetObjectItemCaseSensitive(j, "sentence1");
    cJSON_Delete(j);
    return yes;
}

static int sniff_tsv(const char *s, size_t len)
{
    return memchr(s, '\t', len) != NULL;
}

static int sniff_csv(const char *s, size_t len)
{
    return !sniff_tsv(s, len) && memchr(s, ',', len) != NULL;
}

static int sniff_sick(const char *s, size_t len)
{
    return starts_with(s, len, "pair_ID\tsentence_A\tsentence_B");
}

static int sniff_fnc(const char *s, size_t len)
{
    return starts_with(s, len, "Headline,Body ID,Stance");
}

static int sniff_fnc_bodies(const char *s, size_t len)
{
    return starts_with(s, len, "Body ID,articleBody");
}

#define NATIVE_COLUMNS "a=a,b=b,label=label,group=group,id=id"

/* Formats with a fixed layout (no DATA_FORMAT_COLUMNS) are recognised
 * before the general ones; given --columns, only the general ones are. */
const struct data_format data_formats[] = {
    { "jsonl", NULL, "{\"a\": ..., \"b\": ..., \"label\": ..., \"id\"?, "
      "\"group\"?} per line", NATIVE_COLUMNS, NULL, NULL,
      DATA_FORMAT_COLUMNS, sniff_jsonl, read_jsonl },
    { "tsv", NULL, "label TAB a TAB b [TAB group], optional 'label' header",
      NULL, NULL, NULL, DATA_FORMAT_COLUMNS, sniff_tsv, read_tsv },
    { "csv", NULL, "RFC 4180 CSV with a header naming a, b, label "
      "[, group, id]", NATIVE_COLUMNS, NULL, NULL, DATA_FORMAT_COLUMNS,
      sniff_csv, read_csv },
    { "fnc", NULL, "FNC-1 stances CSV (Headline,Body ID,Stance), then its "
      "bodies CSV", NULL, NULL, "fnc-bodies", 0, sniff_fnc, read_fnc },
    { "fnc-bodies", NULL, "FNC-1 bodies CSV (Body ID,articleBody)", NULL,
      NULL, NULL, DATA_FORMAT_PART, sniff_fnc_bodies, read_csv },
    { "sick", NULL, "SICK: sentence_A, sentence_B, entailment_judgment "
      "(lower-cased)",
      "a=sentence_A,b=sentence_B,label=entailment_judgment,id=pair_ID", NULL,
      NULL, DATA_FORMAT_LOWER, sniff_sick, read_tsv },
    { "snli", "multinli", "SNLI/MultiNLI JSONL: sentence1, sentence2, "
      "gold_label ('-' skipped)",
      "a=sentence1,b=sentence2,label=gold_label,id=pairID", "-", NULL, 0,
      sniff_snli, read_jsonl },
};
const size_t data_n_formats = sizeof data_formats / sizeof *data_formats;

const struct data_format *data_format_find(const char *name)
{
    for (size_t i = 0; i < data_n_formats; i++) {
        const struct data_format *f = &data_formats[i];
        if (f->flags & DATA_FORMAT_PART)
            continue;
        if (strcmp(name, f->name) == 0 || (f->alias
                                           && strcmp(name, f->alias) == 0))
            return f;
    }
    if (strcmp(name, "mnli") == 0)      /* the name older scripts use */
        return data_format_find("snli");
    return NULL;
}

const char *data_format_names(char *buf, size_t size, const char *sep)
{
    size_t used = 0;

    if (size)
        buf[0] = '\0';
    for (size_t i = 0; i < data_n_formats && used < size; i++) {
        int w;
        if (data_formats[i].flags & DATA_FORMAT_PART)
            continue;
        w = snprintf(buf + used, size - used, "%s%s", used ? sep : "",
                     data_formats[i].name);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return buf;
}

static const struct data_format *sniff(const char *s, size_t len,
                                       int general_only)
{
    size_t i = 0, eol;

    while (i < len && isspace((unsigned char)s[i]))
        i++;
    s += i;
    len -= i;
    eol = 0;
    while (eol < len && s[eol] != '\n')
        eol++;
    if (eol > 0 && s[eol - 1] == '\r')
        eol--;
    for (int pass = general_only; pass < 2; pass++)
        for (size_t k = 0; k < data_n_formats; k++) {
            const struct data_format *f = &data_formats[k];
            int general = (f->flags & DATA_FORMAT_COLUMNS) != 0;
            if (general == (pass == 1) && f->sniff(s, eol))
                return f;
        }
    return NULL;
}

/* ---- reading files ---- */

/* Whether text[0..len), read from path, is text we can take: UTF-8, a
 * byte-order mark allowed. */
static int check_text(const char *path, const char *text, size_t len,
                      struct err *e)
{
    const unsigned char *u = (const unsigned char *)text;
    const char *enc = NULL;
    size_t bad;

    if (len >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && !u[2] && !u[3])
                     || (!u[0] && !u[1] && u[2] == 0xFE && u[3] == 0xFF)))
        enc = "UTF-32";
    else if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE)
                          || (u[0] == 0xFE && u[1] == 0xFF)))
        enc = "UTF-16";
    if (enc)
        return err_set(e, STATUS_UTF8, "%s:1: the file is %s; gainsay reads "
                       "UTF-8 (convert it with iconv -f %s -t UTF-8)", path,
                       enc, enc);
    bad = utf8_check(text, len);
    if (bad < len)
        return err_set(e, STATUS_UTF8, "%s:%zu: %s", path,
                       utf8_line_of(text, bad), text[bad] == '\0'
                       ? "NUL byte in text (binary file?)"
                       : "invalid UTF-8 (gainsay reads UTF-8: convert other "
                         "encodings with iconv)");
    return 0;
}

static int add_file(struct dataset *ds, const char *path, size_t *idx)
{
    char **f;
    size_t n = strlen(path);

    if (GROW(ds->files, ds->cap_files, ds->n_files + 1))
        return STATUS_NOMEM;
    f = ds->files;
    f[ds->n_files] = malloc(n + 1);
    if (!f[ds->n_files])
        return STATUS_NOMEM;
    memcpy(f[ds->n_files], path, n + 1);
    *idx = ds->n_files++;
    return 0;
}

static size_t bom_len(const char *s, size_t len)
{
    return starts_with(s, len, "\xEF\xBB\xBF") ? 3 : 0;
}

/* Which format path is, and which columns to read it with. */
static int choose_format(const struct data_options *opt, const char *path,
                         const char *s, size_t len,
                         const struct data_format **out, struct err *e)
{
    const struct data_format *f = sniff(s, len, opt->columns.given);
    char names[128];

    if (opt->format && !(f && opt->format->partner
                         && strcmp(f->name, opt->format->partner) == 0))
        f = opt->format;
    if (!f)
        return err_set(e, STATUS_FORMAT, "%s:1: cannot tell the data "
                       "format; use --data-format=(%s)", path,
                       data_format_names(names, sizeof names, "|"));
    if (opt->columns.given && !(f->flags & (DATA_FORMAT_COLUMNS
                                            | DATA_FORMAT_PART)))
        return err_set(e, STATUS_USAGE, "%s: --columns does not apply to "
                       "the %s format", path, f->name);
    if (opt->columns.numbered && f->read == read_jsonl)
        return err_set(e, STATUS_USAGE, "%s: column numbers are for TSV or "
                       "CSV files without a header; name the JSONL fields",
                       path);
    *out = f;
    return 0;
}

int dataset_parse(struct dataset *ds, const char *const *paths,
                  const char *const *buf, const size_t *len, size_t n,
                  const struct data_options *opt, struct err *e)
{
    const struct data_format **kind = calloc(n ? n : 1, sizeof *kind);
    struct data_columns fixed;
    int rc = 0;

    memset(&fixed, 0, sizeof fixed);
    if (!kind) {
        rc = err_set(e, STATUS_NOMEM, "out of memory");
        goto out;
    }
    if (opt->need_label && opt->columns.given
        && !opt->columns.name[DATA_COL_LABEL]
        && !opt->columns.number[DATA_COL_LABEL]) {
        rc = err_set(e, STATUS_USAGE, "--columns names no label= column");
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        size_t skip;
        if ((rc = check_text(paths[i], buf[i], len[i], e)) != 0)
            goto out;
        skip = bom_len(buf[i], len[i]);
        if (empty_text(buf[i] + skip, len[i] - skip)) {
            rc = err_set(e, STATUS_PARSE, "%s: empty file", paths[i]);
            goto out;
        }
        if ((rc = choose_format(opt, paths[i], buf[i] + skip, len[i] - skip,
                                &kind[i], e)) != 0)
            goto out;
    }
    for (size_t i = 0; i < n; i++) {
        struct data_reader r = { ds, paths[i], 0, opt, kind[i], NULL, e,
                                 NULL, NULL, 0 };
        size_t skip = bom_len(buf[i], len[i]);

        if (add_file(ds, paths[i], &r.file)) {
            rc = err_set(e, STATUS_NOMEM, "out of memory");
            goto out;
        }
        if (kind[i]->flags & DATA_FORMAT_PART)
            continue;           /* read with the file it belongs to */
        if (opt->columns.given)
            r.cols = &opt->columns;
        else if (kind[i]->columns) {
            data_columns_clear(&fixed);
            if ((rc = data_columns_parse(&fixed, kind[i]->columns, e)) != 0)
                goto out;
            r.cols = &fixed;
        }
        if (kind[i]->partner && !opt->columns.given) {
            size_t j = i + 1;
            while (j < n && strcmp(kind[j]->name, kind[i]->partner) != 0)
                j++;
            if (j == n) {
                rc = err_set(e, STATUS_USAGE, "%s: an FNC-1 stances file "
                             "needs its bodies file after it", paths[i]);
                goto out;
            }
            r.part_path = paths[j];
            r.part_len = len[j] - bom_len(buf[j], len[j]);
            r.part = buf[j] + bom_len(buf[j], len[j]);
        }
        if ((rc = kind[i]->read(&r, buf[i] + skip, len[i] - skip)) != 0)
            goto out;
    }
    if (ds->n_pairs == 0)
        rc = err_set(e, STATUS_PARSE, "%s: no pairs found", n == 1 ? paths[0]
                     : "input files");
out:
    data_columns_clear(&fixed);
    free(kind);
    return rc;
}

int dataset_read(struct dataset *ds, const char *const *paths, size_t n,
                 const struct data_options *opt, struct err *e)
{
    char **buf = calloc(n ? n : 1, sizeof *buf);
    size_t *len = calloc(n ? n : 1, sizeof *len);
    int rc = 0;

    if (!buf || !len) {
        rc = err_set(e, STATUS_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        if ((rc = file_read_text(paths[i], DATASET_MAX_BYTES, &buf[i],
                                 &len[i], e)) != 0)
            goto out;
    rc = dataset_parse(ds, paths, (const char *const *)buf, len, n, opt, e);
out:
    for (size_t i = 0; buf && i < n; i++)
        free(buf[i]);
    free(buf);
    free(len);
    return rc;
}
