/* html.c - findings of `gainsay check` as one self-contained HTML page. */
#include "report/html.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/version.h"
#include "report/message.h"

/* What the index at the top says about one article. */
struct html_entry {
    char *name;
    char *verdict;              /* the stance label, or NULL */
    int contradicts;            /* the verdict is the stance's flag label */
    size_t count[3];            /* findings per severity: note, warning,
                                   error */
};

struct html_report {
    FILE *body;                 /* the articles, written as they come */
    char *buf;
    size_t len;
    struct html_entry *e;
    size_t n, cap;
    int nomem;
};

enum { LEVEL_NOTE, LEVEL_WARNING, LEVEL_ERROR };

static const char *const level_names[] = { "note", "warning", "error" };

static int level_of(const char *name)
{
    if (name && strcmp(name, "error") == 0)
        return LEVEL_ERROR;
    if (name && strcmp(name, "warning") == 0)
        return LEVEL_WARNING;
    return LEVEL_NOTE;
}

/* Most tags put at one statement of the text; the rest are counted. */
#define MAX_TAGS 6

/* Longest statement quoted in a finding's entry, in bytes. */
#define MAX_QUOTE 400

/* Contributions drawn per finding at most. */
#define MAX_BARS 8

struct html_report *html_report_alloc(void)
{
    struct html_report *h = calloc(1, sizeof *h);

    if (!h)
        return NULL;
    if (!(h->body = open_memstream(&h->buf, &h->len))) {
        free(h);
        return NULL;
    }
    return h;
}

void html_report_free(struct html_report *h)
{
    if (!h)
        return;
    if (h->body)
        fclose(h->body);
    free(h->buf);
    for (size_t i = 0; i < h->n; i++) {
        free(h->e[i].name);
        free(h->e[i].verdict);
    }
    free(h->e);
    free(h);
}

void html_put_escaped(FILE *fp, const char *s, size_t n)
{
    size_t run = 0;

    for (size_t i = 0; i < n; i++) {
        const char *rep;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        case '\0': rep = "\xEF\xBF\xBD"; break;   /* U+FFFD; never in text */
        default: continue;
        }
        fwrite(s + run, 1, i - run, fp);
        fputs(rep, fp);
        run = i + 1;
    }
    fwrite(s + run, 1, n - run, fp);
}

static void put_str(FILE *fp, const char *s)
{
    html_put_escaped(fp, s, strlen(s));
}

/* s[0, n) cut at a character boundary near max bytes. */
static size_t cut_at(const char *s, size_t n, size_t max)
{
    return excerpt_len(s, n, max);
}

static const char page_css[] =
"body{font:16px/1.55 Georgia,'Times New Roman',serif;color:#1a1a1a;"
"background:#fff;max-width:62em;margin:0 auto;padding:1em 1.5em}\n"
"h1,h2,h3,.meta,table,.tag,.badge,summary,.bar,.legend,.why{font-family:"
"system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif}\n"
"h1{font-size:1.3em;margin:.2em 0}\n"
"h2.headline{font-size:1.5em;margin:.3em 0}\n"
"h3{font-size:1.05em;margin:1.2em 0 .4em}\n"
".meta{color:#555;font-size:.85em}\n"
"section.article{border-top:2px solid #333;margin-top:2em;padding-top:.5em}\n"
"table{border-collapse:collapse;font-size:.9em}\n"
"td,th{padding:.15em .6em;text-align:left;border-bottom:1px solid #ddd}\n"
"td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
".text{white-space:pre-wrap;overflow-wrap:anywhere;border-left:3px solid "
"#ccc;padding:.2em 0 .2em 1em;margin:.5em 0}\n"
"mark{background:none;color:inherit;border-bottom:2px solid;padding:0 1px}\n"
"mark.error{background:#fbdada;border-color:#b00000}\n"
"mark.warning{background:#fdebc8;border-color:#a65e00}\n"
"mark.note{background:#e6e8f5;border-color:#5a5f8c;border-bottom-style:"
"dotted}\n"
".tag,.badge{font-size:.7em;font-weight:bold;color:#fff;border-radius:3px;"
"padding:0 .35em;text-decoration:none;white-space:nowrap}\n"
".tag{vertical-align:super;margin-right:.15em}\n"
".error>.badge,.tag.error,.badge.error{background:#b00000}\n"
".tag.warning,.badge.warning{background:#8a4e00}\n"
".tag.note,.badge.note{background:#5a5f8c}\n"
"a.pair{font-size:.7em;vertical-align:super;margin-right:.3em}\n"
".furniture{color:#9a9a9a}\n"
":target{outline:3px solid #2962c9;outline-offset:2px}\n"
".bar{display:flex;height:.9em;max-width:28em;border:1px solid #888;"
"margin:.3em 0}\n"
".bar span{display:block;height:100%}\n"
".legend{font-size:.85em}\n"
".legend i{display:inline-block;width:.8em;height:.8em;margin:0 .25em 0 "
".6em;border:1px solid #888}\n"
"ol.findings>li{margin:.8em 0}\n"
".st{margin:.2em 0}\n"
".why{font-size:.8em}\n"
".why td{border:0;padding:0 .4em}\n"
".why .track{width:12em}\n"
".why .up{background:#c0392b;height:.7em}\n"
".why .down{background:#2e6da4;height:.7em}\n"
".p{display:inline-block;width:6em;height:.6em;border:1px solid #888;"
"vertical-align:middle}\n"
".p span{display:block;height:100%;background:#444}\n"
"code{font-size:.95em}\n"
"@media print{:target{outline:none}}\n";

/* Colours of the verdict's labels: the flag label is red, the others
 * neutral, so the bar reads at a glance; the legend names each. */
static const char *const verdict_colours[] = {
    "#3f8f5f", "#7a7fb0", "#d0c070", "#b0b0b0", "#6fa8c8", "#c89fd0"
};

static void put_verdict(FILE *fp, const struct check_result *r,
                        const struct model *stance)
{
    if (!r->has_stance || !stance) {
        fputs("<p class=\"meta\">No overall verdict (no stance model)."
              "</p>\n", fp);
        return;
    }
    fputs("<div class=\"verdict\"><p class=\"meta\">Stance of the body "
          "towards the headline: <strong>", fp);
    put_str(fp, stance->labels[r->stance_label]);
    fprintf(fp, "</strong> (p = %.2f)</p>\n<div class=\"bar\" role=\"img\" "
            "aria-label=\"verdict probabilities\">",
            r->stance_probs[r->stance_label]);
    for (size_t k = 0, c = 0; k < stance->n_labels; k++) {
        const char *col = k == stance->flag ? "#b00000"
                          : verdict_colours[c++ % (sizeof verdict_colours
                                                   / sizeof *verdict_colours)];
        fprintf(fp, "<span style=\"width:%.1f%%;background:%s\" title=\"",
                100.0 * r->stance_probs[k], col);
        put_str(fp, stance->labels[k]);
        fprintf(fp, " %.2f\"></span>", r->stance_probs[k]);
    }
    fputs("</div>\n<div class=\"legend\">", fp);
    for (size_t k = 0, c = 0; k < stance->n_labels; k++) {
        const char *col = k == stance->flag ? "#b00000"
                          : verdict_colours[c++ % (sizeof verdict_colours
                                                   / sizeof *verdict_colours)];
        fprintf(fp, "<i style=\"background:%s\"></i>", col);
        put_str(fp, stance->labels[k]);
        fprintf(fp, " %.2f", r->stance_probs[k]);
    }
    fputs("</div></div>\n", fp);
}

/* A stretch of the text drawn specially: a statement of a finding, or
 * page furniture the document left out. */
enum range_kind { RANGE_STATEMENT, RANGE_FURNITURE };

struct range {
    size_t start, end;
    enum range_kind kind;
    size_t stmt;
};

static int range_cmp(const void *pa, const void *pb)
{
    const struct range *a = pa, *b = pb;

    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;        /* the outer one first */
    return a->stmt < b->stmt ? -1 : a->stmt > b->stmt;
}

static int size_cmp(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return a < b ? -1 : a > b;
}

/* Lines the document left out as page furniture (doc/furniture.h), as
 * byte ranges into out (room for max); returns how many.  They are drawn
 * greyed. */
static size_t furniture_ranges(const struct document *doc, struct range *out,
                               size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < doc->n_left && n < max; i++, n++) {
        out[n].start = doc->left[i].pos.start;
        out[n].end = doc->left[i].pos.end;
    }
    return n;
}

/* What the text needs of the findings: per statement its highest level
 * and the findings it is in, as linked lists. */
struct marks {
    int *level;                 /* per statement, -1 when not in one */
    size_t *head;               /* per statement: first finding, or
                                   SIZE_MAX */
    size_t *next;               /* per (finding, side): 2 * i + side */
};

static void put_tags(FILE *fp, size_t doc_no, const struct check_result *r,
                     const struct marks *mk, const char *const *level,
                     size_t stmt)
{
    size_t shown = 0, more = 0;

    for (size_t x = mk->head[stmt]; x != SIZE_MAX; x = mk->next[x]) {
        size_t i = x / 2;
        const struct finding *f = &r->f[i];
        size_t other = x % 2 ? f->a : f->b;
        if (shown == MAX_TAGS) {
            more++;
            continue;
        }
        shown++;
        fprintf(fp, "<a class=\"tag %s\" href=\"#d%zu-f%zu\">F%zu %s</a>",
                level_names[level_of(level[i])], doc_no, i + 1, i + 1,
                level_names[level_of(level[i])]);
        fprintf(fp, "<a class=\"pair\" href=\"#d%zu-s%zu\" title=\"the other "
                "statement of F%zu\">&#8596;</a>", doc_no, other, i + 1);
    }
    if (more)
        fprintf(fp, "<a class=\"tag note\" href=\"#d%zu-findings\">+%zu "
                "more</a>", doc_no, more);
}

/* The article's text with the statements of the findings marked: the text
 * is cut at every range's ends, and each piece is wrapped in the ranges
 * that cover it, so overlapping statements still nest properly. */
static int put_text(FILE *fp, size_t doc_no, const struct document *doc,
                    const struct check_result *r, const struct marks *mk,
                    const char *const *level)
{
    size_t n_st = 0, n_rg = 0, n_pt = 0, n_act = 0, next = 0, max_fur;
    struct range *rg = NULL;
    size_t *pt = NULL, *act = NULL;
    int rc = -1;

    for (size_t s = 0; s < doc->n; s++)
        n_st += mk->level[s] >= 0;
    max_fur = doc->n_left + 1;
    rg = malloc((n_st + max_fur) * sizeof *rg);
    pt = malloc((2 * (n_st + max_fur) + 2) * sizeof *pt);
    act = malloc((n_st + max_fur + 1) * sizeof *act);
    if (!rg || !pt || !act)
        goto out;
    for (size_t s = 0; s < doc->n; s++) {
        const struct statement *st = &doc->st[s];
        if (mk->level[s] < 0 || st->pos.end <= st->pos.start
            || st->pos.end > doc->len
            || (st->kind == STMT_HEADLINE && doc->headline_text))
            continue;
        rg[n_rg++] = (struct range){ st->pos.start, st->pos.end,
                                     RANGE_STATEMENT, s };
    }
    {
        size_t first = n_rg, n_f = furniture_ranges(doc, rg + n_rg, max_fur);
        for (size_t k = first; k < first + n_f; k++)
            if (rg[k].start < rg[k].end && rg[k].end <= doc->len) {
                rg[n_rg] = rg[k];
                rg[n_rg].kind = RANGE_FURNITURE;
                rg[n_rg].stmt = SIZE_MAX;
                n_rg++;
            }
    }
    qsort(rg, n_rg, sizeof *rg, range_cmp);
    pt[n_pt++] = 0;
    pt[n_pt++] = doc->len;
    for (size_t k = 0; k < n_rg; k++) {
        pt[n_pt++] = rg[k].start;
        pt[n_pt++] = rg[k].end;
    }
    qsort(pt, n_pt, sizeof *pt, size_cmp);
    fputs("<div class=\"text\">", fp);
    for (size_t k = 0; k + 1 < n_pt; k++) {
        size_t p = pt[k], q = pt[k + 1], w = 0;
        if (p == q)
            continue;
        /* ranges ending here leave; those starting here join, in order */
        for (size_t a = 0; a < n_act; a++)
            if (rg[act[a]].end > p)
                act[w++] = act[a];
        n_act = w;
        while (next < n_rg && rg[next].start <= p)
            act[n_act++] = next++;
        for (size_t a = 0; a < n_act; a++) {
            const struct range *x = &rg[act[a]];
            if (x->kind == RANGE_FURNITURE) {
                fputs("<span class=\"furniture\" title=\"left out as page "
                      "furniture\">", fp);
                continue;
            }
            fprintf(fp, "<mark class=\"%s\"",
                    level_names[mk->level[x->stmt]]);
            if (x->start == p) {
                fprintf(fp, " id=\"d%zu-s%zu\">", doc_no, x->stmt);
                put_tags(fp, doc_no, r, mk, level, x->stmt);
            } else {
                fputc('>', fp);
            }
        }
        html_put_escaped(fp, doc->text + p, q - p);
        for (size_t a = n_act; a-- > 0;)
            fputs(rg[act[a]].kind == RANGE_FURNITURE ? "</span>" : "</mark>",
                  fp);
    }
    fputs("</div>\n", fp);
    rc = 0;
out:
    free(rg);
    free(pt);
    free(act);
    return rc;
}

static void put_statement(FILE *fp, size_t doc_no, const struct document *doc,
                          size_t i)
{
    const struct statement *s = &doc->st[i];
    size_t len, cut;
    const char *t = doc_text(doc, i, &len);

    cut = cut_at(t, len, MAX_QUOTE);
    fprintf(fp, "<p class=\"st\"><a href=\"#d%zu-s%zu\">%s ", doc_no, i,
            stmt_kind_name(s->kind));
    if (s->kind == STMT_HEADLINE && doc->headline_text)
        fputs("(--headline)", fp);
    else
        fprintf(fp, "%zu:%zu", s->pos.line, s->pos.col);
    fputs("</a> ", fp);
    if (s->speaker) {
        fputs("<span class=\"meta\">(", fp);
        put_str(fp, s->speaker);
        fputs(")</span> ", fp);
    }
    fputs("&#8220;", fp);
    html_put_escaped(fp, t, cut);
    fputs(cut < len ? "&#8230;&#8221;</p>\n" : "&#8221;</p>\n", fp);
}

static void put_why(FILE *fp, const struct finding *f)
{
    size_t n = f->n_why < MAX_BARS ? f->n_why : MAX_BARS;
    double max = 0.0;

    if (!n)
        return;
    for (size_t k = 0; k < n; k++) {
        double w = f->why[k].weight < 0 ? -f->why[k].weight : f->why[k].weight;
        if (w > max)
            max = w;
    }
    fputs("<table class=\"why\"><caption class=\"meta\">largest "
          "contributions to the score of ", fp);
    put_str(fp, f->model->labels[f->model->flag]);
    fputs("</caption>\n", fp);
    for (size_t k = 0; k < n; k++) {
        const struct reason *y = &f->why[k];
        double w = y->weight < 0 ? -y->weight : y->weight;
        fputs("<tr><td><code>", fp);
        put_str(fp, y->feature);
        fprintf(fp, "</code></td><td class=\"track\"><div class=\"%s\" "
                "style=\"width:%.1f%%\"></div></td><td class=\"n\">%+.2f "
                "%s</td></tr>\n", y->weight >= 0 ? "up" : "down",
                max > 0 ? 100.0 * w / max : 0.0, y->weight,
                y->weight >= 0 ? "for" : "against");
    }
    fputs("</table>\n", fp);
}

static void put_findings(FILE *fp, size_t doc_no, const struct document *doc,
                         const struct check_result *r,
                         const char *const *level)
{
    fprintf(fp, "<h3 id=\"d%zu-findings\">Findings: %zu (threshold %.2f, "
            "%zu pair%s scored)</h3>\n", doc_no, r->n, r->threshold,
            r->n_scored, r->n_scored == 1 ? "" : "s");
    if (!r->n) {
        fputs("<p class=\"meta\">No statement pair at or above the "
              "threshold.</p>\n", fp);
        return;
    }
    fputs("<ol class=\"findings\">\n", fp);
    for (size_t i = 0; i < r->n; i++) {
        const struct finding *f = &r->f[i];
        const char *lv = level_names[level_of(level[i])];
        fprintf(fp, "<li id=\"d%zu-f%zu\" class=\"%s\"><span class=\"badge "
                "%s\">F%zu %s</span> <strong>%.2f</strong> <span class=\"p\">"
                "<span style=\"width:%.1f%%\"></span></span> ", doc_no, i + 1,
                lv, lv, i + 1, lv, f->p_flag, 100.0 * f->p_flag);
        put_str(fp, f->model->labels[f->model->flag]);
        fprintf(fp, " <span class=\"meta\">%s; ", pair_kind_name(f->kind));
        if (f->pooled)
            fprintf(fp, "the pair alone %.2f, its share of the verdict",
                    f->pair_p);
        else {
            char lb[64];
            fputs("predicted: ", fp);
            put_str(fp, finding_label_text(f, lb, sizeof lb));
        }
        fputs("</span>\n", fp);
        put_statement(fp, doc_no, doc, f->a);
        put_statement(fp, doc_no, doc, f->b);
        put_why(fp, f);
        fputs("</li>\n", fp);
    }
    fputs("</ol>\n", fp);
}

static int entry_add(struct html_report *h, const struct document *doc,
                     const struct check_result *r,
                     const struct model *stance, const char *const *level)
{
    struct html_entry *x;

    if (GROW(h->e, h->cap, h->n + 1))
        return -1;
    x = &h->e[h->n];
    memset(x, 0, sizeof *x);
    if (!(x->name = strdup(doc->name)))
        return -1;
    if (r->has_stance && stance) {
        if (!(x->verdict = strdup(stance->labels[r->stance_label]))) {
            free(x->name);
            return -1;
        }
        x->contradicts = r->stance_label == stance->flag;
    }
    for (size_t i = 0; i < r->n; i++)
        x->count[level_of(level[i])]++;
    h->n++;
    return 0;
}

int html_report_file(struct html_report *h, const struct document *doc,
                     const struct check_result *r,
                     const struct model *stance, const char *const *level)
{
    FILE *fp = h->body;
    struct marks mk = { NULL, NULL, NULL };
    size_t doc_no = h->n + 1, n_st = doc->n ? doc->n : 1;
    int rc = -1;

    mk.level = malloc(n_st * sizeof *mk.level);
    mk.head = malloc(n_st * sizeof *mk.head);
    mk.next = malloc((2 * r->n + 1) * sizeof *mk.next);
    if (!mk.level || !mk.head || !mk.next || entry_add(h, doc, r, stance,
                                                       level))
        goto out;
    for (size_t s = 0; s < doc->n; s++) {
        mk.level[s] = -1;
        mk.head[s] = SIZE_MAX;
    }
    /* built backwards, so each statement's list runs in finding order */
    for (size_t i = r->n; i-- > 0;) {
        const struct finding *f = &r->f[i];
        int lv = level_of(level[i]);
        size_t side[2] = { f->a, f->b };
        for (size_t k = 2; k-- > 0;) {
            size_t s = side[k];
            if (s >= doc->n)
                continue;
            mk.next[2 * i + k] = mk.head[s];
            mk.head[s] = 2 * i + k;
            if (lv > mk.level[s])
                mk.level[s] = lv;
        }
    }

    fprintf(fp, "<section class=\"article\" id=\"d%zu\">\n<p class=\"meta\">",
            doc_no);
    put_str(fp, doc->name);
    fputs("</p>\n", fp);
    if (doc->headline != SIZE_MAX) {
        size_t len;
        const char *t = doc_text(doc, doc->headline, &len);
        fputs("<h2 class=\"headline\"", fp);
        if (doc->headline_text && mk.level[doc->headline] >= 0) {
            fprintf(fp, "><mark class=\"%s\" id=\"d%zu-s%zu\">",
                    level_names[mk.level[doc->headline]], doc_no,
                    doc->headline);
            put_tags(fp, doc_no, r, &mk, level, doc->headline);
            html_put_escaped(fp, t, len);
            fputs("</mark></h2>\n", fp);
        } else {
            fputc('>', fp);
            html_put_escaped(fp, t, len);
            fputs("</h2>\n", fp);
        }
    } else {
        fputs("<h2 class=\"headline\">(no headline)</h2>\n", fp);
    }
    put_verdict(fp, r, stance);
    fprintf(fp, "<details%s><summary>Article text", r->n ? " open" : "");
    if (doc->headline_text)
        fputs(" (the headline was given with --headline)", fp);
    if (doc->nothing)
        fprintf(fp, " (%s)", nothing_message(doc));
    else if (doc->n_left)
        fprintf(fp, " (%zu line%s left out as page furniture, greyed)",
                doc->n_left, doc->n_left == 1 ? "" : "s");
    fputs("</summary>\n", fp);
    if (put_text(fp, doc_no, doc, r, &mk, level))
        goto out;
    fputs("</details>\n", fp);
    put_findings(fp, doc_no, doc, r, level);
    fputs("</section>\n", fp);
    rc = ferror(fp) ? -1 : 0;
out:
    if (rc)
        h->nomem = 1;
    free(mk.level);
    free(mk.head);
    free(mk.next);
    return rc;
}

static void put_index(FILE *fp, const struct html_report *h)
{
    size_t total[3] = { 0, 0, 0 };

    for (size_t i = 0; i < h->n; i++)
        for (int k = 0; k < 3; k++)
            total[k] += h->e[i].count[k];
    fprintf(fp, "<nav><table class=\"index\">\n<caption class=\"meta\">%zu "
            "article%s: %zu error%s, %zu warning%s, %zu note%s</caption>\n"
            "<tr><th>article</th><th>verdict</th><th>errors</th>"
            "<th>warnings</th><th>notes</th></tr>\n", h->n,
            h->n == 1 ? "" : "s", total[2], total[2] == 1 ? "" : "s",
            total[1], total[1] == 1 ? "" : "s", total[0],
            total[0] == 1 ? "" : "s");
    for (size_t i = 0; i < h->n; i++) {
        const struct html_entry *x = &h->e[i];
        fprintf(fp, "<tr><td><a href=\"#d%zu\">", i + 1);
        put_str(fp, x->name);
        fputs("</a></td><td>", fp);
        if (x->verdict) {
            if (x->contradicts)
                fputs("<span class=\"badge error\">", fp);
            put_str(fp, x->verdict);
            if (x->contradicts)
                fputs("</span>", fp);
        }
        fprintf(fp, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
                "<td class=\"n\">%zu</td></tr>\n", x->count[2], x->count[1],
                x->count[0]);
    }
    fputs("</table></nav>\n", fp);
}

int html_report_write(struct html_report *h, FILE *fp)
{
    if (h->nomem || fflush(h->body) != 0 || ferror(h->body))
        return -1;
    /* no network: the policy forbids everything but inline styles */
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8"
          "\">\n<meta http-equiv=\"Content-Security-Policy\" content=\""
          "default-src 'none'; style-src 'unsafe-inline'\">\n<meta name=\""
          "viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"gainsay " GAINSAY_VERSION
          "\">\n<title>gainsay check: ", fp);
    if (h->n == 1)
        put_str(fp, h->e[0].name);
    else
        fprintf(fp, "%zu articles", h->n);
    fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>"
            "<h1>gainsay check</h1><p class=\"meta\">Statements of a finding"
            " are marked in the text with their severity (error, warning, "
            "note) and linked to each other and to the finding.</p>"
            "</header>\n", page_css);
    if (h->n > 1)
        put_index(fp, h);
    if (h->n == 0)
        fputs("<p>No articles were checked.</p>\n", fp);
    fwrite(h->buf, 1, h->len, fp);
    fputs("</body>\n</html>\n", fp);
    return 0;
}
