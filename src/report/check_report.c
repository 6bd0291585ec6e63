/* check_report.c - findings of `gainsay check` as text or JSON. */
#include "report/check_report.h"

#include <stdlib.h>
#include <string.h>

#include "report/json_out.h"

void check_report_begin(struct check_report *rp, FILE *fp, int json,
                        int color)
{
    memset(rp, 0, sizeof *rp);
    rp->fp = fp;
    rp->json = json;
    rp->color = color && !json;
    rp->first = 1;
    if (json)
        fprintf(fp, "{\"schema\":\"gainsay-check\",\"version\":%d,"
                "\"files\":[", CHECK_SCHEMA_VERSION);
}

static const char *c_on(const struct check_report *rp, const char *code)
{
    return rp->color ? code : "";
}

static const char *c_off(const struct check_report *rp)
{
    return rp->color ? "\033[0m" : "";
}

static void put_statement_json(FILE *fp, const struct document *doc,
                               size_t i)
{
    const struct statement *s = &doc->st[i];
    size_t len;
    const char *text = doc_text(doc, i, &len);

    fprintf(fp, "{\"kind\":\"%s\",\"text\":", stmt_kind_name(s->kind));
    json_put_string(fp, text, len);
    if (s->speaker) {
        fputs(",\"speaker\":", fp);
        json_put_string(fp, s->speaker, strlen(s->speaker));
    }
    if (s->kind == STMT_HEADLINE && doc->headline_text)
        fputs(",\"from\":\"--headline\"}", fp);
    else
        fprintf(fp, ",\"line\":%zu,\"column\":%zu,\"end_line\":%zu,"
                "\"end_column\":%zu,\"start_byte\":%zu,\"end_byte\":%zu}",
                s->pos.line, s->pos.col, s->pos.end_line, s->pos.end_col,
                s->pos.start, s->pos.end);
}

static void put_probs_json(FILE *fp, const struct model *m, const double *p)
{
    fputc('{', fp);
    for (size_t k = 0; k < m->n_labels; k++) {
        if (k)
            fputc(',', fp);
        json_put_string(fp, m->labels[k], strlen(m->labels[k]));
        fprintf(fp, ":%.4f", p[k]);
    }
    fputc('}', fp);
}

static void file_json(struct check_report *rp, const struct document *doc,
                      const struct check_result *r, const struct model *nli,
                      const struct model *stance)
{
    FILE *fp = rp->fp;

    fprintf(fp, "%s{\"file\":", rp->first ? "" : ",");
    json_put_string(fp, doc->name, strlen(doc->name));
    fputs(",\"headline\":", fp);
    if (doc->headline != SIZE_MAX)
        put_statement_json(fp, doc, doc->headline);
    else
        fputs("null", fp);
    fputs(",\"stance\":", fp);
    if (r->has_stance) {
        fputs("{\"label\":", fp);
        json_put_string(fp, stance->labels[r->stance_label],
                      strlen(stance->labels[r->stance_label]));
        fputs(",\"probs\":", fp);
        put_probs_json(fp, stance, r->stance_probs);
        fputc('}', fp);
    } else {
        fputs("null", fp);
    }
    fprintf(fp, ",\"threshold\":%.4f,\"pairs_scored\":%zu,\"findings\":[",
            r->threshold, r->n_scored);
    for (size_t i = 0; i < r->n; i++) {
        const struct finding *f = &r->f[i];
        fprintf(fp, "%s{\"kind\":\"%s\",\"label\":", i ? "," : "",
                pair_kind_name(f->kind));
        json_put_string(fp, nli->labels[f->label], strlen(nli->labels[f->label]));
        fputs(",\"flag\":", fp);
        json_put_string(fp, nli->labels[nli->flag],
                      strlen(nli->labels[nli->flag]));
        fprintf(fp, ",\"probability\":%.4f,\"probs\":", f->p_flag);
        put_probs_json(fp, nli, f->probs);
        fputs(",\"a\":", fp);
        put_statement_json(fp, doc, f->a);
        fputs(",\"b\":", fp);
        put_statement_json(fp, doc, f->b);
        fputs(",\"explanation\":[", fp);
        for (size_t k = 0; k < f->n_why; k++) {
            fprintf(fp, "%s{\"feature\":", k ? "," : "");
            json_put_string(fp, f->why[k].feature, strlen(f->why[k].feature));
            fprintf(fp, ",\"value\":%.4f,\"weight\":%.4f}", f->why[k].value,
                    f->why[k].weight);
        }
        fputs("]}", fp);
    }
    fputs("]}", fp);
}

static void put_quoted(FILE *fp, const char *s, size_t n, size_t max)
{
    fputc('"', fp);
    for (size_t i = 0; i < n && i < max; i++)
        fputc(s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i], fp);
    if (n > max)
        fputs("...", fp);
    fputc('"', fp);
}

static void statement_text(struct check_report *rp,
                           const struct document *doc, size_t i)
{
    const struct statement *s = &doc->st[i];
    size_t len;
    const char *t = doc_text(doc, i, &len);

    /* cut long statements at a character boundary */
    size_t max = 200;
    while (max < len && ((unsigned char)t[max] & 0xC0) == 0x80)
        max++;
    fprintf(rp->fp, "    %-9s ", stmt_kind_name(s->kind));
    if (s->kind == STMT_HEADLINE && doc->headline_text)
        fputs("(--headline) ", rp->fp);
    else
        fprintf(rp->fp, "%zu:%zu ", s->pos.line, s->pos.col);
    if (s->speaker)
        fprintf(rp->fp, "(%s) ", s->speaker);
    put_quoted(rp->fp, t, len, max);
    fputc('\n', rp->fp);
}

static void file_text(struct check_report *rp, const struct document *doc,
                      const struct check_result *r, const struct model *nli,
                      const struct model *stance)
{
    FILE *fp = rp->fp;

    fprintf(fp, "%s%s%s\n", c_on(rp, "\033[1m"), doc->name, c_off(rp));
    if (r->has_stance) {
        fprintf(fp, "  stance of the body towards the headline: %s (",
                stance->labels[r->stance_label]);
        for (size_t k = 0; k < stance->n_labels; k++)
            fprintf(fp, "%s%s %.2f", k ? ", " : "", stance->labels[k],
                    r->stance_probs[k]);
        fputs(")\n", fp);
    }
    for (size_t i = 0; i < r->n; i++) {
        const struct finding *f = &r->f[i];
        int hit = f->p_flag >= r->threshold;
        fprintf(fp, "  %s%.2f %s%s %s: %s\n",
                c_on(rp, hit ? "\033[31m" : "\033[2m"), f->p_flag,
                nli->labels[nli->flag], c_off(rp), pair_kind_name(f->kind),
                nli->labels[f->label]);
        statement_text(rp, doc, f->a);
        statement_text(rp, doc, f->b);
        if (f->n_why) {
            fputs("    because ", fp);
            for (size_t k = 0; k < f->n_why; k++)
                fprintf(fp, "%s%s %+.2f", k ? ", " : "", f->why[k].feature,
                        f->why[k].weight);
            fputc('\n', fp);
        }
    }
    {
        size_t n_hit = 0;
        for (size_t i = 0; i < r->n; i++)
            n_hit += r->f[i].p_flag >= r->threshold;
        fprintf(fp, "  %zu finding%s in %zu pair%s (threshold %.2f)\n\n",
                n_hit, n_hit == 1 ? "" : "s", r->n_scored,
                r->n_scored == 1 ? "" : "s", r->threshold);
    }
}

void check_report_file(struct check_report *rp, const struct document *doc,
                       const struct check_result *r, const struct model *nli,
                       const struct model *stance)
{
    rp->n_files++;
    for (size_t i = 0; i < r->n; i++)
        rp->n_findings += r->f[i].p_flag >= r->threshold;
    if (rp->json)
        file_json(rp, doc, r, nli, stance);
    else
        file_text(rp, doc, r, nli, stance);
    rp->first = 0;
}

void check_report_end(struct check_report *rp)
{
    if (rp->json)
        fprintf(rp->fp, "],\"summary\":{\"files\":%zu,\"findings\":%zu}}\n",
                rp->n_files, rp->n_findings);
    else if (rp->n_files > 1)
        fprintf(rp->fp, "%zu finding%s in %zu files\n", rp->n_findings,
                rp->n_findings == 1 ? "" : "s", rp->n_files);
}
