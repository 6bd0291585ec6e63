/* markdown.c - Markdown (cmark) and YAML front matter to a document. */
#include "doc/markdown.h"

#include <cmark.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "doc/directive.h"

/* Byte offset of each line start of text; *n lines. */
static size_t *line_starts(const char *text, size_t len, size_t *n)
{
    size_t count = 1, *v;

    for (size_t i = 0; i < len; i++)
        count += text[i] == '\n';
    v = malloc((count + 1) * sizeof *v);
    if (!v)
        return NULL;
    *n = 0;
    v[(*n)++] = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            v[(*n)++] = i + 1;
    v[*n] = len + 1;            /* a sentinel: the line after the last */
    return v;
}

/* End of YAML front matter ("---" ... "---" or "...") at the start of
 * text, or 0 when there is none; *title gets the span of a title: or
 * headline: value.  *open is set when a "---" line opens front matter
 * that is never closed (then read as prose). */
static size_t front_matter(const char *t, size_t len, size_t *ts, size_t *te,
                           int *open)
{
    size_t i, line;

    *ts = *te = 0;
    *open = 0;
    if (len < 4 || memcmp(t, "---", 3) != 0 || (t[3] != '\n' && t[3] != '\r'))
        return 0;
    i = t[3] == '\r' ? 5 : 4;
    while (i < len) {
        size_t end = i;
        while (end < len && t[end] != '\n')
            end++;
        line = end - i;
        if (line > 0 && t[end - 1] == '\r')
            line--;
        if ((line == 3 && (memcmp(t + i, "---", 3) == 0
                           || memcmp(t + i, "...", 3) == 0)))
            return end < len ? end + 1 : end;
        if (*ts == *te) {
            size_t key = 0;
            if (line > 6 && memcmp(t + i, "title:", 6) == 0)
                key = 6;
            else if (line > 9 && memcmp(t + i, "headline:", 9) == 0)
                key = 9;
            if (key) {
                size_t a = i + key, b = i + line;
                while (a < b && (t[a] == ' ' || t[a] == '\t'))
                    a++;
                while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
                    b--;
                if (b - a >= 2 && (t[a] == '"' || t[a] == '\'')
                    && t[b - 1] == t[a]) {
                    a++;
                    b--;
                }
                *ts = a;
                *te = b;
            }
        }
        i = end + 1;
    }
    *ts = *te = 0;
    *open = 1;
    return 0;                   /* never closed: not front matter */
}

/* Blank s[from, to) to spaces, keeping line breaks. */
static void blank(char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] != '\n')
            s[i] = ' ';
}

/* The runs of backticks in c[from, to), each with the index of the next
 * run of the same length (SIZE_MAX: none), which closes a code span it
 * opens: found in one pass and a sort, where searching ahead from each
 * run was n^1.5 (runs of lengths 1, 2, 3, ... none closed). */
struct tick_run {
    size_t pos, len, next;
};

static int by_len_pos(const void *pa, const void *pb)
{
    const struct tick_run *a = *(const struct tick_run *const *)pa;
    const struct tick_run *b = *(const struct tick_run *const *)pb;

    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static int tick_runs(const char *c, size_t from, size_t to,
                     struct tick_run **out, size_t *n_out)
{
    struct tick_run *r = NULL, **order = NULL;
    size_t n = 0, cap = 0;

    *out = NULL;
    *n_out = 0;
    for (size_t i = from; i < to; i++) {
        size_t j = i;
        if (c[i] != '`')
            continue;
        while (j < to && c[j] == '`')
            j++;
        if (GROW(r, cap, n + 1)) {
            free(r);
            return STATUS_NOMEM;
        }
        r[n].pos = i;
        r[n].len = j - i;
        r[n].next = SIZE_MAX;
        n++;
        i = j - 1;
    }
    if (n > 1) {
        order = malloc(n * sizeof *order);
        if (!order) {
            free(r);
            return STATUS_NOMEM;
        }
        for (size_t k = 0; k < n; k++)
            order[k] = &r[k];
        qsort(order, n, sizeof *order, by_len_pos);
        for (size_t k = 0; k + 1 < n; k++)
            if (order[k]->len == order[k + 1]->len)
                order[k]->next = (size_t)(order[k + 1] - r);
        free(order);
    }
    *out = r;
    *n_out = n;
    return 0;
}

/* Inline markup inside a prose block of clean: code spans, comments,
 * tags, link destinations, emphasis and escape marks.  A comment outside
 * code may be one of gainsay's directives: it goes to dl.  Returns 0 or
 * the status of a bad directive (or STATUS_NOMEM), with e set. */
static int clean_inlines(char *c, size_t from, size_t to,
                         struct directive_list *dl, const char *name,
                         const char *text, struct err *e)
{
    size_t no_gt = from;        /* no '>' before a line break up to here */
    struct tick_run *runs = NULL;
    size_t n_runs = 0, k = 0;
    int rc = 0;

    if (memchr(c + from, '`', to - from)
        && tick_runs(c, from, to, &runs, &n_runs) != 0)
        return err_set(e, STATUS_NOMEM, "%s: out of memory", name);
    for (size_t i = from; i < to; i++) {
        if (c[i] == '`') {
            /* what lies ahead of i is as it was when the runs were found:
             * blanking never reaches past where the scan is */
            size_t run = 1;
            while (k < n_runs && runs[k].pos < i)
                k++;
            if (k < n_runs && runs[k].pos == i) {
                size_t next = runs[k].next;
                run = runs[k].len;
                if (next != SIZE_MAX)
                    blank(c, i, runs[next].pos + run);
            }
            i += run - 1;
        } else if (c[i] == '<' && i + 3 < to && memcmp(c + i, "<!--", 4) == 0) {
            size_t j = i + 4;
            while (j + 2 < to && memcmp(c + j, "-->", 3) != 0)
                j++;
            if (j + 3 <= to
                && (rc = directive_add(dl, name, text, i, j + 3, 0, e)) != 0)
                break;
            blank(c, i, j + 3 <= to ? j + 3 : to);
        } else if (c[i] == '<' && i + 1 < to && i >= no_gt
                   && ((c[i + 1] >= 'a' && c[i + 1] <= 'z')
                       || (c[i + 1] >= 'A' && c[i + 1] <= 'Z')
                       || c[i + 1] == '/')) {
            size_t j = i + 1;
            while (j < to && c[j] != '>' && c[j] != '\n')
                j++;
            if (j < to && c[j] == '>')
                blank(c, i, j + 1);
            else
                no_gt = j;      /* "<a<a<a..." must not rescan the line */
        } else if (c[i] == ']' && i + 1 < to && c[i + 1] == '(') {
            size_t j = i + 2, depth = 1;
            while (j < to && depth > 0) {
                depth += c[j] == '(';
                depth -= c[j] == ')';
                j++;
            }
            blank(c, i, j);
        } else if (c[i] == '[' || c[i] == ']' || c[i] == '*' || c[i] == '\\'
                   || (c[i] == '!' && i + 1 < to && c[i + 1] == '[')) {
            c[i] = ' ';
        } else if (c[i] == '_' && (i == from || c[i - 1] == ' '
                                   || i + 1 == to || c[i + 1] == ' '
                                   || c[i + 1] == '_' || c[i - 1] == '_')) {
            c[i] = ' ';
        }
    }
    free(runs);
    return rc;
}

/* Blank block markers at the start of each line of a prose block: block
 * quote '>', list bullets and numbers, ATX heading '#'s. */
static void clean_line_start(char *c, size_t from, size_t to)
{
    size_t i = from;

    for (;;) {
        int again = 1;
        while (again) {
            again = 0;
            while (i < to && (c[i] == ' ' || c[i] == '\t'))
                i++;
            if (i < to && c[i] == '>') {
                c[i++] = ' ';
                again = 1;
            } else if (i + 1 < to && (c[i] == '-' || c[i] == '+' || c[i] == '*')
                       && c[i + 1] == ' ') {
                c[i++] = ' ';
                again = 1;
            } else if (i < to && c[i] >= '0' && c[i] <= '9') {
                size_t j = i;
                while (j < to && c[j] >= '0' && c[j] <= '9')
                    j++;
                if (j < to && (c[j] == '.' || c[j] == ')') && j + 1 < to
                    && c[j + 1] == ' ' && j - i <= 9) {
                    blank(c, i, j + 1);
                    i = j + 1;
                    again = 1;
                }
            } else if (i < to && c[i] == '#') {
                while (i < to && c[i] == '#')
                    c[i++] = ' ';
            }
        }
        while (i < to && c[i] != '\n')
            i++;
        if (i >= to)
            return;
        i++;
    }
}

/* The first "-->" at or after from, or len: blocks come in order, so the
 * last answer is kept and reused while it still lies ahead ("> <!--"
 * repeated, each unclosed, searched to the end each time). */
struct close_cache {
    size_t from, at;            /* no "-->" in [from, at); at is one */
};

static size_t comment_close(struct close_cache *cc, const char *text,
                            size_t len, size_t from)
{
    size_t i;

    if (from >= cc->from && from <= cc->at)
        return cc->at;
    for (i = from; i + 3 <= len; i++)
        if (text[i] == '-' && memcmp(text + i, "-->", 3) == 0)
            break;
    cc->from = from;
    cc->at = i + 3 <= len ? i : len;
    return cc->at;
}

/* An HTML block that is a comment may be a directive; the block after it
 * is what disable-next-block switches off. */
static int html_block_directive(struct directive_list *dl, const char *name,
                                const char *text, size_t from, size_t len,
                                cmark_node *next, const size_t *ls,
                                size_t n_lines, struct close_cache *cc,
                                struct err *e)
{
    size_t end, block_end = 0, close;

    while (from < len && (text[from] == ' ' || text[from] == '\t'))
        from++;
    if (len < from + 7 || memcmp(text + from, "<!--", 4) != 0)
        return 0;
    close = comment_close(cc, text, len, from + 4);
    if (close >= len)
        return 0;
    end = close + 3;
    if (next) {
        int nl = cmark_node_get_end_line(next);
        if (nl >= 1 && (size_t)nl <= n_lines) {
            block_end = ls[nl] - 1;         /* the end of its last line */
            if (block_end > len)
                block_end = len;
        }
    }
    return directive_add(dl, name, text, from, end, block_end, e);
}

int doc_parse_markdown(struct document *d, const char *name,
                       const char *text, size_t len, const char *headline,
                       const struct furniture *fu, struct err *e)
{
    char *clean = malloc(len + 1);
    size_t *ls = NULL, n_lines = 0, fm, ts, te, hs = 0, he = 0, bom;
    cmark_node *root = NULL;
    cmark_iter *it = NULL;
    cmark_event_type ev;
    struct directive_list dl = { 0 };
    struct close_cache cc = { 1, 0 };   /* empty */
    int rc, open;

    document_init(d);           /* clearable even when parsing fails */
    if (!clean)
        return err_set(e, STATUS_NOMEM, "%s: out of memory", name);
    memcpy(clean, text, len);
    clean[len] = '\0';
    /* front matter may follow a byte-order mark */
    bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    fm = front_matter(text + bom, len - bom, &ts, &te, &open);
    fm += bom;
    ts += bom;
    te += bom;
    blank(clean, 0, fm);        /* cmark must not see the front matter */
    ls = line_starts(text, len, &n_lines);
    root = cmark_parse_document(clean, len, CMARK_OPT_DEFAULT);
    it = root ? cmark_iter_new(root) : NULL;
    if (!ls || !root || !it) {
        free(ls);
        cmark_iter_free(it);
        cmark_node_free(root);
        free(clean);
        return err_set(e, STATUS_NOMEM, "%s: out of memory", name);
    }
    /* start from all blank, then copy back the prose blocks */
    blank(clean, 0, len);
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        int sl = cmark_node_get_start_line(n), el = cmark_node_get_end_line(n);
        int sc = cmark_node_get_start_column(n),
            ec = cmark_node_get_end_column(n);
        size_t from, to;

        if (ev != CMARK_EVENT_ENTER
            || (t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING
                && t != CMARK_NODE_HTML_BLOCK))
            continue;
        if (t == CMARK_NODE_HTML_BLOCK) {
            /* cmark 0.30 gets the end of HTML blocks wrong: only the
             * start is used */
            if (sl >= 1 && (size_t)sl <= n_lines && sc >= 1
                && (rc = html_block_directive(&dl, name, text,
                                              ls[sl - 1] + (size_t)(sc - 1),
                                              len, cmark_node_next(n), ls,
                                              n_lines, &cc, e)) != 0)
                goto fail;
            continue;
        }
        if (sl < 1 || el < sl || (size_t)el > n_lines || sc < 1 || ec < 0)
            continue;
        from = ls[sl - 1] + (size_t)(sc - 1);
        to = ls[el - 1] + (size_t)ec;
        if (to > len)
            to = len;
        if (from < bom)
            from = bom;         /* the byte-order mark is not prose */
        if (from >= to)
            continue;
        /* a setext heading's underline is not prose */
        memcpy(clean + from, text + from, to - from);
        if (t == CMARK_NODE_HEADING) {
            size_t k = to;
            while (k > from && clean[k - 1] != '\n')
                k--;
            if (k > from && (clean[k] == '=' || clean[k] == '-'))
                blank(clean, k, to);
        }
        clean_line_start(clean, from, to);
        if ((rc = clean_inlines(clean, from, to, &dl, name, text, e)) != 0)
            goto fail;
        /* the first level-1 heading is the headline, unless the front
         * matter named one */
        if (!headline && ts == te && hs == he && t == CMARK_NODE_HEADING
            && cmark_node_get_heading_level(n) == 1) {
            hs = from;
            he = to;
            while (hs < he && clean[hs] == ' ')
                hs++;
            while (he > hs && (clean[he - 1] == ' ' || clean[he - 1] == '\n'
                               || clean[he - 1] == '\r'))
                he--;
            if (memchr(text + hs, '\n', he - hs))
                he = hs + (size_t)((const char *)memchr(text + hs, '\n',
                                                        he - hs)
                                   - (text + hs));
        }
    }
    cmark_iter_free(it);
    cmark_node_free(root);
    free(ls);
    directive_apply(&dl, clean, len);
    directive_list_clear(&dl);
    if (!headline && ts < te) {
        hs = ts;
        he = te;
    }
    rc = doc_parse_masked(d, name, text, clean, len, hs, he, headline, fu,
                          e);
    if (open && rc == 0) {
        d->warning = "front matter ('---') is never closed, so it is read "
                     "as prose";
        d->warning_line = 1;
    }
    return rc;
fail:
    cmark_iter_free(it);
    cmark_node_free(root);
    free(ls);
    directive_list_clear(&dl);
    free(clean);
    return rc;
}
