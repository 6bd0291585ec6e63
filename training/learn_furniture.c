/* learn_furniture.c - the learnt list of page furniture: lines that recur,
 * word for word once normalised, across many different stories of a
 * corpus of scraped article bodies.
 *
 *   learn_furniture [--min-stories=N] -o <out.json> <bodies.csv>...
 *
 * Each input is an RFC 4180 CSV with an articleBody column (FNC-1's and
 * ARC's bodies files).  Bodies that are the same text count once.  Bodies
 * that share a prose sentence of eight words or more are one story (the
 * same report scraped from two sites), so a subheading repeated in copies
 * of one story is not taken for furniture.  A line is kept when it is not
 * prose (doc/furniture.h), is at most FURNITURE_MAX_LINE bytes, has at most
 * six words (or the rules know it), and occurs in at least N stories
 * (default 3).  The output is sorted and carries no
 * time or path, so the same inputs give the same bytes. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/grow.h"
#include "base/strmap.h"
#include "data/csv.h"
#include "data/dataset.h"
#include "doc/furniture.h"
#include "report/json_out.h"
#include "text/utf8.h"

#define STORY_WORDS 8
#define LIST_WORDS 6

struct pair {
    size_t line, group;
};

struct vec {
    struct pair *p;
    size_t n, cap;
};

static int vec_push(struct vec *v, size_t line, size_t group)
{
    if (GROW(v->p, v->cap, v->n + 1))
        return -1;
    v->p[v->n++] = (struct pair){ line, group };
    return 0;
}

static int by_pair(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->group < y->group ? -1 : x->group > y->group;
}

static size_t find(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

struct entry {
    const char *text;
    size_t stories, bodies;
};

static int by_entry(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    if (x->stories != y->stories)
        return x->stories > y->stories ? -1 : 1;
    if (x->bodies != y->bodies)
        return x->bodies > y->bodies ? -1 : 1;
    return strcmp(x->text, y->text);
}

static int fail(const char *msg, const char *arg)
{
    fprintf(stderr, "learn_furniture: %s%s%s\n", msg, arg ? ": " : "",
            arg ? arg : "");
    return 2;
}

/* Read every articleBody of one CSV into bodies (distinct texts). */
static int read_bodies(const char *path, struct strmap *bodies)
{
    char *text = NULL;
    size_t len, line, col = SIZE_MAX;
    struct csv_reader r;
    struct err e = { 0 };
    int rc = 0, got, more, first = 1;

    if (file_read_max(path, DATASET_MAX_BYTES, &text, &len, &e)) {
        fprintf(stderr, "learn_furniture: %s\n", e.msg);
        return 2;
    }
    if (utf8_check(text, len) < len) {
        free(text);
        return fail("not valid UTF-8", path);
    }
    csv_init(&r, path, text, len);
    while ((got = csv_next(&r, &line, &more, &e)) == 0 && more) {
        size_t n;
        const char *f;
        if (first) {
            for (size_t i = 0; i < r.n_fields; i++) {
                f = csv_field(&r, i, &n);
                if (n == 11 && memcmp(f, "articleBody", 11) == 0)
                    col = i;
            }
            first = 0;
            if (col == SIZE_MAX) {
                rc = fail("no articleBody column", path);
                break;
            }
            continue;
        }
        if (col >= r.n_fields) {
            fprintf(stderr, "learn_furniture: %s:%zu: no articleBody field\n",
                    path, line);
            rc = 2;
            break;
        }
        f = csv_field(&r, col, &n);
        if (strmap_intern(bodies, f, n, NULL)) {
            rc = fail("out of memory", NULL);
            break;
        }
    }
    if (got) {
        fprintf(stderr, "learn_furniture: %s\n", e.msg);
        rc = 2;
    }
    csv_clear(&r);
    free(text);
    return rc;
}

static int is_sp(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* The next line of s from *i, blanks trimmed, as [*a, *z); 0 at the end.
 * Both passes over the bodies walk them with it. */
static int body_line(const char *s, size_t len, size_t *i, size_t *a,
                     size_t *z)
{
    if (*i >= len)
        return 0;
    *a = *i;
    while (*i < len && s[*i] != '\n')
        (*i)++;
    *z = *i;
    if (*i < len)
        (*i)++;
    while (*a < *z && is_sp(s[*a]))
        (*a)++;
    while (*z > *a && is_sp(s[*z - 1]))
        (*z)--;
    return 1;
}

/* The key of a prose line long enough to join two bodies into one story,
 * or NULL (malloc'd). */
static char *story_key(const char *s, size_t n, size_t *kn)
{
    if (furniture_words(s, n) < STORY_WORDS)
        return NULL;
    return furniture_key(s, n, kn);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "min-stories", required_argument, NULL, 'n' },
        { "output", required_argument, NULL, 'o' },
        { NULL, 0, NULL, 0 }
    };
    const char *out = NULL;
    size_t min_stories = 3, *parent = NULL, n_stories = 0, n_keep = 0;
    struct strmap bodies, lines, prose;
    struct vec in_story = { 0 }, in_body = { 0 };
    struct entry *keep = NULL;
    const char **texts = NULL;
    struct atomic_file af = { 0 };
    struct err e = { 0 };
    int c, rc = 2;

    strmap_init(&bodies);
    strmap_init(&lines);
    strmap_init(&prose);
    while ((c = getopt_long(argc, argv, "n:o:", opts, NULL)) != -1) {
        if (c == 'n')
            min_stories = strtoul(optarg, NULL, 10);
        else if (c == 'o')
            out = optarg;
        else
            return fail("usage: learn_furniture [--min-stories=N] -o <out> "
                        "<bodies.csv>...", NULL);
    }
    if (!out || optind >= argc || min_stories < 2)
        return fail("usage: learn_furniture [--min-stories=N] -o <out> "
                    "<bodies.csv>...", NULL);
    for (int i = optind; i < argc; i++)
        if ((rc = read_bodies(argv[i], &bodies)) != 0)
            goto done;
    rc = 2;
    if (!(parent = malloc((bodies.n + 1) * sizeof *parent)))
        goto nomem;
    for (size_t b = 0; b < bodies.n; b++)
        parent[b] = b;
    /* the lines of each body; stories joined by a shared long sentence */
    for (size_t b = 0; b < bodies.n; b++) {
        const char *s = bodies.str[b];
        size_t len = bodies.len[b], i = 0, a, z;
        while (body_line(s, len, &i, &a, &z)) {
            size_t kn, id;
            char *key;
            if (a == z)
                continue;
            if (furniture_is_prose(s + a, z - a)) {
                /* short, or not UTF-8 (cannot be: it was checked) */
                if (!(key = story_key(s + a, z - a, &kn)))
                    continue;
                id = prose.n;
                if (strmap_intern(&prose, key, kn, NULL)) {
                    free(key);
                    goto nomem;
                }
                free(key);
                /* first seen: remember the body that holds it */
                if (prose.n > id && vec_push(&in_story, id, b))
                    goto nomem;
                continue;
            }
            if (z - a > FURNITURE_MAX_LINE)
                continue;
            if (!(key = furniture_key(s + a, z - a, &kn)))
                continue;
            int full = strmap_intern(&lines, key, kn, &id);
            free(key);
            if (full || vec_push(&in_body, id, b))
                goto nomem;
        }
    }
    /* second pass over the prose lines: join each body to the first body
     * that held the same sentence */
    {
        size_t *first = malloc((prose.n + 1) * sizeof *first);
        if (!first)
            goto nomem;
        for (size_t k = 0; k < in_story.n; k++)
            first[in_story.p[k].line] = in_story.p[k].group;
        for (size_t b = 0; b < bodies.n; b++) {
            const char *s = bodies.str[b];
            size_t len = bodies.len[b], i = 0, a, z;
            while (body_line(s, len, &i, &a, &z)) {
                size_t kn, id;
                char *key;
                if (a == z || !furniture_is_prose(s + a, z - a)
                    || !(key = story_key(s + a, z - a, &kn)))
                    continue;
                id = strmap_find(&prose, key, kn);
                free(key);
                if (id != SIZE_MAX) {
                    size_t x = find(parent, b), y = find(parent, first[id]);
                    if (x != y)
                        parent[x < y ? y : x] = x < y ? x : y;
                }
            }
        }
        free(first);
    }
    for (size_t b = 0; b < bodies.n; b++)
        n_stories += find(parent, b) == b;
    /* stories and bodies per line */
    in_story.n = 0;
    for (size_t k = 0; k < in_body.n; k++)
        if (vec_push(&in_story, in_body.p[k].line,
                     find(parent, in_body.p[k].group)))
            goto nomem;
    qsort(in_story.p, in_story.n, sizeof *in_story.p, by_pair);
    qsort(in_body.p, in_body.n, sizeof *in_body.p, by_pair);
    if (!(keep = calloc(lines.n + 1, sizeof *keep)))
        goto nomem;
    for (size_t k = 0; k < lines.n; k++)
        keep[k].text = lines.str[k];
    for (size_t k = 0; k < in_story.n; k++)
        if (k == 0 || by_pair(&in_story.p[k - 1], &in_story.p[k]) != 0)
            keep[in_story.p[k].line].stories++;
    for (size_t k = 0; k < in_body.n; k++)
        if (k == 0 || by_pair(&in_body.p[k - 1], &in_body.p[k]) != 0)
            keep[in_body.p[k].line].bodies++;
    /* a long line that recurs is more often a quoted tweet or a caption
     * than furniture: long ones only when a rule knows them too */
    for (size_t k = 0; k < lines.n; k++)
        if (keep[k].stories >= min_stories
            && (furniture_words(keep[k].text, strlen(keep[k].text))
                <= LIST_WORDS
                || furniture_rule(keep[k].text, strlen(keep[k].text))))
            keep[n_keep++] = keep[k];
    qsort(keep, n_keep, sizeof *keep, by_entry);
    if (!(texts = malloc((n_keep + 1) * sizeof *texts)))
        goto nomem;
    for (size_t k = 0; k < n_keep; k++)
        texts[k] = keep[k].text;

    if (file_open_atomic(&af, out, &e)) {
        fprintf(stderr, "learn_furniture: %s\n", e.msg);
        goto done;
    }
    fprintf(af.fp, "{\"format\":\"gainsay-furniture\",\"version\":%d,\n"
            "\"made_by\":\"training/learn_furniture.sh\",\n\"corpora\":[",
            FURNITURE_VERSION);
    for (int i = optind; i < argc; i++) {
        /* the data set's folder and file, never the whole path */
        const char *q = argv[i] + strlen(argv[i]);
        int slashes = 0;
        while (q > argv[i] && !(q[-1] == '/' && ++slashes == 2))
            q--;
        fputs(i > optind ? "," : "", af.fp);
        json_put_string(af.fp, q, strlen(q));
    }
    fprintf(af.fp, "],\n\"min_stories\":%zu,\"n_bodies\":%zu,"
            "\"n_stories\":%zu,\n\"n_lines\":%zu,\n\"lines\":[\n",
            min_stories, bodies.n, n_stories, n_keep);
    for (size_t k = 0; k < n_keep; k++) {
        enum furniture_kind kind = furniture_rule(keep[k].text,
                                                  strlen(keep[k].text));
        fputs("{\"text\":", af.fp);
        json_put_string(af.fp, keep[k].text, strlen(keep[k].text));
        fprintf(af.fp, ",\"stories\":%zu,\"bodies\":%zu,\"kind\":\"%s\"}%s\n",
                keep[k].stories, keep[k].bodies,
                furniture_kind_name(kind ? kind : FURNITURE_RECURRING),
                k + 1 < n_keep ? "," : "");
    }
    fprintf(af.fp, "],\n\"checksum\":\"%08lx\"}\n",
            furniture_checksum(texts, n_keep));
    if (file_commit(&af, &e)) {
        fprintf(stderr, "learn_furniture: %s\n", e.msg);
        goto done;
    }
    fprintf(stderr, "learn_furniture: %zu lines in at least %zu of %zu "
            "stories (%zu distinct bodies) -> %s\n", n_keep, min_stories,
            n_stories, bodies.n, out);
    rc = 0;
    goto done;
nomem:
    fprintf(stderr, "learn_furniture: out of memory\n");
done:
    if (af.fp)
        file_abort(&af);
    free(texts);
    free(keep);
    free(parent);
    free(in_story.p);
    free(in_body.p);
    strmap_clear(&bodies);
    strmap_clear(&lines);
    strmap_clear(&prose);
    return rc;
}
