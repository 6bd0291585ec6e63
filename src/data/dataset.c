/* dataset.c - labelled statement pairs from JSONL, TSV, FNC-1, SICK, SNLI. */
#include "data/dataset.h"

#include <cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
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

static const char *const format_names[] = {
    "auto", "jsonl", "tsv", "fnc", "fnc-bodies", "sick", "snli"
};

int data_format_parse(const char *s, enum data_format *out)
{
    for (size_t i = 0; i < sizeof format_names / sizeof *format_names; i++)
        if (strcmp(s, format_names[i]) == 0 && i != DATA_FNC_BODIES) {
            *out = (enum data_format)i;
            return 0;
        }
    if (strcmp(s, "multinli") == 0 || strcmp(s, "mnli") == 0) {
        *out = DATA_SNLI;
        return 0;
    }
    return STATUS_USAGE;
}

const char *data_format_name(enum data_format f)
{
    return format_names[f];
}

static size_t intern_opt(struct strmap *m, const char *s, int *nomem)
{
    size_t id;

    if (!s)
        return SIZE_MAX;
    id = strmap_intern(m, s, strlen(s));
    if (id == SIZE_MAX)
        *nomem = 1;
    return id;
}

int dataset_add(struct dataset *ds, const char *a, size_t alen,
                const char *b, size_t blen, const char *label,
                const char *group, const char *id, size_t file, size_t line)
{
    struct pair_rec *p;
    int nomem = 0;

    if (ds->n_pairs == ds->cap_pairs) {
        size_t cap = ds->cap_pairs ? ds->cap_pairs * 2 : 1024;
        p = realloc(ds->pairs, cap * sizeof *p);
        if (!p)
            return STATUS_NOMEM;
        ds->pairs = p;
        ds->cap_pairs = cap;
    }
    p = &ds->pairs[ds->n_pairs];
    p->a = strmap_intern(&ds->texts, a, alen);
    p->b = strmap_intern(&ds->texts, b, blen);
    p->label = intern_opt(&ds->labels, label, &nomem);
    p->group = intern_opt(&ds->groups, group, &nomem);
    p->id = intern_opt(&ds->ids, id, &nomem);
    p->file = file;
    p->line = line;
    if (p->a == SIZE_MAX || p->b == SIZE_MAX || nomem)
        return STATUS_NOMEM;
    ds->n_pairs++;
    return 0;
}

/* ---- format recognition ---- */

static int starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

static enum data_format sniff(const char *s, size_t len)
{
    size_t i = 0, eol;

    if (starts_with(s, len, "\xEF\xBB\xBF"))
        i = 3;                  /* a UTF-8 byte-order mark */
    while (i < len && isspace((unsigned char)s[i]))
        i++;
    s += i;
    len -= i;
    eol = 0;
    while (eol < len && s[eol] != '\n')
        eol++;
    if (len > 0 && s[0] == '{') {
        cJSON *j = cJSON_ParseWithLength(s, eol);
        enum data_format f = DATA_JSONL;
        if (j && cJSON_GetObjectItemCaseSensitive(j, "sentence1"))
            f = DATA_SNLI;
        cJSON_Delete(j);
        return f;
    }
    if (starts_with(s, len, "pair_ID\tsentence_A\tsentence_B"))
        return DATA_SICK;
    if (starts_with(s, len, "Headline,Body ID,Stance"))
        return DATA_FNC;
    if (starts_with(s, len, "Body ID,articleBody"))
        return DATA_FNC_BODIES;
    if (memchr(s, '\t', eol))
        return DATA_TSV;
    return DATA_AUTO;           /* unknown */
}

/* ---- readers: each gets the whole file, valid UTF-8 without NULs ---- */

struct reader {
    struct dataset *ds;
    const char *path;
    size_t file;
    int need_label;
    struct err *e;
};

static int empty_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

static int add_checked(struct reader *r, size_t line, const char *a,
                       size_t alen, const char *b, size_t blen,
                       const char *label, const char *group, const char *id)
{
    if (empty_text(a, alen) || empty_text(b, blen))
        return err_set(r->e, STATUS_PARSE, "%s:%zu: statement '%s' is empty",
                       r->path, line, empty_text(a, alen) ? "a" : "b");
    if (r->need_label && (!label || !*label))
        return err_set(r->e, STATUS_PARSE, "%s:%zu: missing label", r->path,
                       line);
    if (dataset_add(r->ds, a, alen, b, blen, label && *label ? label : NULL,
                    group, id, r->file, line))
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

static int blank(const char *s, size_t n)
{
    return empty_text(s, n);
}

int dataset_parse_json_pair(const char *line, size_t len,
                            struct json_pair *out, struct err *e)
{
    cJSON *j = cJSON_ParseWithLength(line, len), *it;
    const char *keys[] = { "a", "b" };
    const char **dst[] = { &out->a, &out->b };

    memset(out, 0, sizeof *out);
    if (!j)
        return err_set(e, STATUS_PARSE, "invalid JSON");
    out->json = j;
    if (!cJSON_IsObject(j)) {
        dataset_json_free(out);
        return err_set(e, STATUS_PARSE, "expected a JSON object");
    }
    for (int k = 0; k < 2; k++) {
        it = cJSON_GetObjectItemCaseSensitive(j, keys[k]);
        if (!cJSON_IsString(it)) {
            dataset_json_free(out);
            return err_set(e, STATUS_PARSE, "field \"%s\" %s", keys[k],
                           it ? "is not a string" : "is missing");
        }
        *dst[k] = it->valuestring;
    }
    it = cJSON_GetObjectItemCaseSensitive(j, "label");
    if (it && !cJSON_IsNull(it)) {
        if (!cJSON_IsString(it)) {
            dataset_json_free(out);
            return err_set(e, STATUS_PARSE, "field \"label\" is not a "
                           "string");
        }
        out->label = it->valuestring;
    }
    it = cJSON_GetObjectItemCaseSensitive(j, "group");
    if (it && !cJSON_IsNull(it)) {
        if (!cJSON_IsString(it)) {
            dataset_json_free(out);
            return err_set(e, STATUS_PARSE, "field \"group\" is not a "
                           "string");
        }
        out->group = it->valuestring;
    }
    it = cJSON_GetObjectItemCaseSensitive(j, "id");
    if (it && !cJSON_IsString(it) && !cJSON_IsNumber(it)
        && !cJSON_IsNull(it)) {
        dataset_json_free(out);
        return err_set(e, STATUS_PARSE, "field \"id\" is not a string or "
                       "number");
    }
    out->id = it;
    return 0;
}

void dataset_json_free(struct json_pair *jp)
{
    cJSON_Delete(jp->json);
    jp->json = NULL;
}

/* An id item as text: strings as they are, numbers printed. */
static const char *id_text(const cJSON *id, char *buf, size_t size)
{
    if (cJSON_IsString(id))
        return id->valuestring;
    if (cJSON_IsNumber(id)) {
        snprintf(buf, size, "%.17g", id->valuedouble);
        return buf;
    }
    return NULL;
}

static int read_jsonl(struct reader *r, const char *s, size_t len)
{
    const char *line;
    size_t n, pos = 0, lineno = 0;

    while (next_line(s, len, &pos, &line, &n)) {
        struct json_pair jp;
        char buf[64];
        int rc;

        lineno++;
        if (blank(line, n))
            continue;
        if ((rc = dataset_parse_json_pair(line, n, &jp, r->e)) != 0) {
            err_prefix(r->e, "%s:%zu", r->path, lineno);
            return rc;
        }
        rc = add_checked(r, lineno, jp.a, strlen(jp.a), jp.b, strlen(jp.b),
                         jp.label, jp.group, id_text(jp.id, buf, sizeof buf));
        dataset_json_free(&jp);
        if (rc)
            return rc;
    }
    return 0;
}

static int read_snli(struct reader *r, const char *s, size_t len)
{
    const char *line;
    size_t n, pos = 0, lineno = 0;

    while (next_line(s, len, &pos, &line, &n)) {
        cJSON *j, *s1, *s2, *gl, *id;
        int rc;

        lineno++;
        if (blank(line, n))
            continue;
        j = cJSON_ParseWithLength(line, n);
        if (!cJSON_IsObject(j)) {
            cJSON_Delete(j);
            return err_set(r->e, STATUS_PARSE, "%s:%zu: invalid JSON object",
                           r->path, lineno);
        }
        s1 = cJSON_GetObjectItemCaseSensitive(j, "sentence1");
        s2 = cJSON_GetObjectItemCaseSensitive(j, "sentence2");
        gl = cJSON_GetObjectItemCaseSensitive(j, "gold_label");
        id = cJSON_GetObjectItemCaseSensitive(j, "pairID");
        if (!cJSON_IsString(s1) || !cJSON_IsString(s2)) {
            cJSON_Delete(j);
            return err_set(r->e, STATUS_PARSE, "%s:%zu: \"sentence1\" and "
                           "\"sentence2\" must be strings", r->path, lineno);
        }
        if (cJSON_IsString(gl) && strcmp(gl->valuestring, "-") == 0) {
            r->ds->n_skipped++;     /* annotators did not agree */
            cJSON_Delete(j);
            continue;
        }
        if (gl && !cJSON_IsString(gl)) {
            cJSON_Delete(j);
            return err_set(r->e, STATUS_PARSE, "%s:%zu: \"gold_label\" is "
                           "not a string", r->path, lineno);
        }
        rc = add_checked(r, lineno, s1->valuestring, strlen(s1->valuestring),
                         s2->valuestring, strlen(s2->valuestring),
                         gl ? gl->valuestring : NULL, NULL,
                         cJSON_IsString(id) ? id->valuestring : NULL);
        cJSON_Delete(j);
        if (rc)
            return rc;
    }
    return 0;
}

/* Split a line at tabs into at most max fields; returns the count. */
static size_t split_tabs(const char *line, size_t n, const char **f,
                         size_t *fl, size_t max)
{
    size_t k = 0, start = 0;

    for (size_t i = 0; i <= n; i++) {
        if (i == n || line[i] == '\t') {
            if (k < max) {
                f[k] = line + start;
                fl[k] = i - start;
            }
            k++;
            start = i + 1;
        }
    }
    return k;
}

static int read_tsv(struct reader *r, const char *s, size_t len)
{
    const char *line, *f[4];
    size_t n, fl[4], pos = 0, lineno = 0;

    while (next_line(s, len, &pos, &line, &n)) {
        size_t k;
        char *label, *group = NULL;
        int rc;

        lineno++;
        if (blank(line, n))
            continue;
        k = split_tabs(line, n, f, fl, 4);
        if (lineno == 1 && fl[0] == 5 && memcmp(f[0], "label", 5) == 0)
            continue;           /* a header line */
        if (k < 3 || k > 4)
            return err_set(r->e, STATUS_PARSE, "%s:%zu: expected 3 or 4 "
                           "tab-separated fields (label, a, b, group), got "
                           "%zu", r->path, lineno, k);
        label = strndup(f[0], fl[0]);
        if (k == 4)
            group = strndup(f[3], fl[3]);
        if (!label || (k == 4 && !group)) {
            free(label);
            return err_set(r->e, STATUS_NOMEM, "out of memory");
        }
        rc = add_checked(r, lineno, f[1], fl[1], f[2], fl[2], label,
                         group && *group ? group : NULL, NULL);
        free(label);
        free(group);
        if (rc)
            return rc;
    }
    return 0;
}

static int read_sick(struct reader *r, const char *s, size_t len)
{
    const char *line, *f[6];
    size_t n, fl[6], pos = 0, lineno = 0;

    while (next_line(s, len, &pos, &line, &n)) {
        size_t k;
        char *label, *id;
        int rc;

        lineno++;
        if (lineno == 1 || blank(line, n))
            continue;           /* the header */
        k = split_tabs(line, n, f, fl, 6);
        if (k < 5)
            return err_set(r->e, STATUS_PARSE, "%s:%zu: expected 5 "
                           "tab-separated SICK fields, got %zu", r->path,
                           lineno, k);
        /* SICK writes CONTRADICTION; lower-case it so SICK and SNLI
         * labels meet */
        label = strndup(f[4], fl[4]);
        id = strndup(f[0], fl[0]);
        if (!label || !id) {
            free(label);
            free(id);
            return err_set(r->e, STATUS_NOMEM, "out of memory");
        }
        for (char *c = label; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        rc = add_checked(r, lineno, f[1], fl[1], f[2], fl[2], label, NULL, id);
        free(label);
        free(id);
        if (rc)
            return rc;
    }
    return 0;
}

/* FNC-1: bodies map "Body ID" to text; stances name headline, id, stance. */
static int read_fnc_bodies(struct reader *r, const char *s, size_t len,
                           struct strmap *ids, size_t **text_of)
{
    struct csv_reader cr;
    size_t line, cap = 0;
    int got, rc = 0;

    csv_init(&cr, s, len);
    while ((got = csv_next(&cr, &line, r->e)) > 0) {
        size_t idl, bl, id, t;
        const char *idf, *body;
        if (line == 1)
            continue;           /* header */
        if (cr.n_fields != 2) {
            rc = err_set(r->e, STATUS_PARSE, "%s:%zu: expected 2 fields "
                         "(Body ID, articleBody), got %zu", r->path, line,
                         cr.n_fields);
            goto out;
        }
        idf = csv_field(&cr, 0, &idl);
        body = csv_field(&cr, 1, &bl);
        if (idl == 0 || empty_text(body, bl)) {
            rc = err_set(r->e, STATUS_PARSE, "%s:%zu: empty %s", r->path,
                         line, idl == 0 ? "Body ID" : "articleBody");
            goto out;
        }
        if (strmap_find(ids, idf, idl) != SIZE_MAX) {
            rc = err_set(r->e, STATUS_PARSE, "%s:%zu: Body ID %s appears "
                         "twice", r->path, line, idf);
            goto out;
        }
        id = strmap_intern(ids, idf, idl);
        t = strmap_intern(&r->ds->texts, body, bl);
        if (id == SIZE_MAX || t == SIZE_MAX) {
            rc = err_set(r->e, STATUS_NOMEM, "out of memory");
            goto out;
        }
        if (id >= cap) {
            size_t *p;
            cap = cap ? cap * 2 : 1024;
            p = realloc(*text_of, cap * sizeof *p);
            if (!p) {
                rc = err_set(r->e, STATUS_NOMEM, "out of memory");
                goto out;
            }
            *text_of = p;
        }
        (*text_of)[id] = t;
    }
    if (got < 0) {
        err_prefix(r->e, "%s:%zu", r->path, cr.err_line);
        rc = r->e->code;
    }
out:
    csv_clear(&cr);
    return rc;
}

static int read_fnc_stances(struct reader *r, const char *s, size_t len,
                            const char *bodies_path,
                            const struct strmap *ids, const size_t *text_of)
{
    struct csv_reader cr;
    size_t line;
    int got, rc = 0;

    csv_init(&cr, s, len);
    while ((got = csv_next(&cr, &line, r->e)) > 0) {
        size_t hl, il, sl, id, bt;
        const char *h, *idf, *st;
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
        id = strmap_find(ids, idf, il);
        if (id == SIZE_MAX) {
            rc = err_set(r->e, STATUS_PARSE, "%s:%zu: Body ID '%s' is not in "
                         "%s", r->path, line, idf, bodies_path);
            goto out;
        }
        bt = text_of[id];
        if (empty_text(h, hl)) {
            rc = err_set(r->e, STATUS_PARSE, "%s:%zu: empty headline",
                         r->path, line);
            goto out;
        }
        if (r->need_label && !*st) {
            rc = err_set(r->e, STATUS_PARSE, "%s:%zu: missing label",
                         r->path, line);
            goto out;
        }
        if ((rc = dataset_add(r->ds, h, hl, r->ds->texts.str[bt],
                              r->ds->texts.len[bt], *st ? st : NULL, NULL,
                              NULL, r->file, line)) != 0) {
            rc = err_set(r->e, STATUS_NOMEM, "out of memory");
            goto out;
        }
    }
    if (got < 0) {
        err_prefix(r->e, "%s:%zu", r->path, cr.err_line);
        rc = r->e->code;
    }
out:
    csv_clear(&cr);
    return rc;
}

/* Read path whole and check it is text we can take. */
static int load_text(const char *path, char **buf, size_t *len,
                     struct err *e)
{
    size_t bad;
    int rc = file_read_max(path, DATASET_MAX_BYTES, buf, len, e);

    if (rc)
        return rc;
    bad = utf8_check(*buf, *len);
    if (bad < *len) {
        rc = err_set(e, STATUS_UTF8, "%s:%zu: %s", path,
                     utf8_line_of(*buf, bad), (*buf)[bad] == '\0'
                     ? "NUL byte in text (binary file?)"
                     : "invalid UTF-8");
        free(*buf);
        *buf = NULL;
    }
    return rc;
}

static int add_file(struct dataset *ds, const char *path, size_t *idx)
{
    char **f = realloc(ds->files, (ds->n_files + 1) * sizeof *f);
    size_t n = strlen(path);

    if (!f)
        return STATUS_NOMEM;
    ds->files = f;
    f[ds->n_files] = malloc(n + 1);
    if (!f[ds->n_files])
        return STATUS_NOMEM;
    memcpy(f[ds->n_files], path, n + 1);
    *idx = ds->n_files++;
    return 0;
}

int dataset_read(struct dataset *ds, const char *const *paths, size_t n,
                 enum data_format fmt, int need_label, struct err *e)
{
    char **buf = calloc(n ? n : 1, sizeof *buf);
    size_t *len = calloc(n ? n : 1, sizeof *len);
    enum data_format *kind = calloc(n ? n : 1, sizeof *kind);
    int rc = 0;

    if (!buf || !len || !kind) {
        rc = err_set(e, STATUS_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        if ((rc = load_text(paths[i], &buf[i], &len[i], e)) != 0)
            goto out;
        if (blank(buf[i], len[i])) {
            rc = err_set(e, STATUS_PARSE, "%s: empty file", paths[i]);
            goto out;
        }
        kind[i] = sniff(buf[i], len[i]);
        if (fmt != DATA_AUTO && !(fmt == DATA_FNC
                                  && kind[i] == DATA_FNC_BODIES))
            kind[i] = fmt;
        if (kind[i] == DATA_AUTO) {
            rc = err_set(e, STATUS_FORMAT, "%s:1: cannot tell the data "
                         "format; use --format=(jsonl|tsv|fnc|sick|snli)",
                         paths[i]);
            goto out;
        }
    }
    for (size_t i = 0; i < n; i++) {
        struct reader r = { ds, paths[i], 0, need_label, e };
        size_t skip = buf[i][0] == '\xEF' && len[i] >= 3 ? 3 : 0;
        const char *s = buf[i] + skip;
        size_t sl = len[i] - skip;

        if (add_file(ds, paths[i], &r.file)) {
            rc = err_set(e, STATUS_NOMEM, "out of memory");
            goto out;
        }
        switch (kind[i]) {
        case DATA_JSONL: rc = read_jsonl(&r, s, sl); break;
        case DATA_SNLI: rc = read_snli(&r, s, sl); break;
        case DATA_TSV: rc = read_tsv(&r, s, sl); break;
        case DATA_SICK: rc = read_sick(&r, s, sl); break;
        case DATA_FNC_BODIES: break;    /* read with its stances */
        case DATA_FNC: {
            struct strmap ids;
            size_t *text_of = NULL, j = i + 1;
            while (j < n && kind[j] != DATA_FNC_BODIES)
                j++;
            if (j == n) {
                rc = err_set(e, STATUS_USAGE, "%s: an FNC-1 stances file "
                             "needs its bodies file after it", paths[i]);
                goto out;
            }
            strmap_init(&ids);
            rc = read_fnc_bodies(&(struct reader){ ds, paths[j], r.file,
                                                   need_label, e },
                                 buf[j] + (buf[j][0] == '\xEF' ? 3 : 0),
                                 len[j] - (buf[j][0] == '\xEF' ? 3 : 0),
                                 &ids, &text_of);
            if (!rc)
                rc = read_fnc_stances(&r, s, sl, paths[j], &ids, text_of);
            strmap_clear(&ids);
            free(text_of);
            break;
        }
        case DATA_AUTO:
            break;
        }
        if (rc)
            goto out;
    }
    if (ds->n_pairs == 0)
        rc = err_set(e, STATUS_PARSE, "%s: no pairs found", n == 1 ? paths[0]
                     : "input files");
out:
    for (size_t i = 0; buf && i < n; i++)
        free(buf[i]);
    free(buf);
    free(len);
    free(kind);
    return rc;
}
