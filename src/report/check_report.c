/* check_report.c - findings of `gainsay check` as text or JSON. */
#include "report/check_report.h"

#include "base/version.h"

#include <stdlib.h>
#include <string.h>

#include "report/json_out.h"
#include "report/message.h"

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

static int file_json(struct check_report *rp, const struct document *doc,
                     const struct check_result *r,
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
        if (r->has_headline_model) {
            fprintf(fp, ",\"pooled_statements\":%.4f,\"best_statement\":"
                    "%.4f,\"behind\":[", r->pooled_p, r->best_p);
            for (size_t k = 0; k < r->n_behind; k++) {
                fprintf(fp, "%s{\"probability\":%.4f,\"statement\":",
                        k ? "," : "", r->behind_p[k]);
                put_statement_json(fp, doc, r->behind[k]);
                fputc('}', fp);
            }
            fputc(']', fp);
        }
        fputc('}', fp);
    } else {
        fputs("null", fp);
    }
    fprintf(fp, ",\"threshold\":%.4f", r->threshold);
    if (r->has_headline_model)
        fprintf(fp, ",\"headline_threshold\":%.4f", r->headline_threshold);
    fprintf(fp, ",\"pairs_scored\":%zu,\"findings\":[", r->n_scored);
    for (size_t i = 0; i < r->n; i++) {
        const struct finding *f = &r->f[i];
        fprintf(fp, "%s{\"kind\":\"%s\",\"label\":", i ? "," : "",
                pair_kind_name(f->kind));
        json_put_string(fp, f->model->labels[f->label], strlen(f->model->labels[f->label]));
        fputs(",\"flag\":", fp);
        json_put_string(fp, f->model->labels[f->model->flag],
                      strlen(f->model->labels[f->model->flag]));
        fprintf(fp, ",\"probability\":%.4f", f->p_flag);
        if (f->pooled)
            fprintf(fp, ",\"pair_probability\":%.4f", f->pair_p);
        if (f->against_verdict)
            fputs(",\"against_verdict\":true", fp);
        fputs(",\"probs\":", fp);
        put_probs_json(fp, f->model, f->probs);
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
    fputs("],\"left_out\":[", fp);
    for (size_t i = 0; i < doc->n_left; i++) {
        const struct doc_left_out *l = &doc->left[i];
        fprintf(fp, "%s{\"kind\":\"%s\",\"text\":", i ? "," : "",
                furniture_kind_name(l->kind));
        json_put_string(fp, doc->text + l->pos.start,
                        l->pos.end - l->pos.start);
        fprintf(fp, ",\"line\":%zu,\"column\":%zu,\"end_line\":%zu,"
                "\"end_column\":%zu,\"start_byte\":%zu,\"end_byte\":%zu}",
                l->pos.line, l->pos.col, l->pos.end_line, l->pos.end_col,
                l->pos.start, l->pos.end);
    }
    fprintf(fp, "],\"nothing_to_check\":%s}", doc->nothing ? "true"
                                                             : "false");
    rp->first = 0;
    return 0;
}

/* "3 lines left out as page furniture (media 2, share 1)" */
static void left_out_text(FILE *fp, const struct document *doc)
{
    size_t count[N_FURNITURE_KINDS] = { 0 };
    int first = 1;

    if (doc->n_left == 0) {
        if (doc->nothing)
            fprintf(fp, "  %s\n", nothing_message(doc));
        return;
    }
    for (size_t i = 0; i < doc->n_left; i++)
        count[doc->left[i].kind]++;
    if (doc->nothing)
        fprintf(fp, "  %s (", nothing_message(doc));
    else
        fprintf(fp, "  %zu line%s left out as page furniture (",
                doc->n_left, doc->n_left == 1 ? "" : "s");
    for (size_t k = 1; k < N_FURNITURE_KINDS; k++)
        if (count[k]) {
            fprintf(fp, "%s%s %zu", first ? "" : ", ",
                    furniture_kind_name((enum furniture_kind)k), count[k]);
            first = 0;
        }
    fputs(")\n", fp);
}

static void put_quoted(FILE *fp, const char *s, size_t n, size_t max)
{
    size_t k = excerpt_len(s, n, max);

    fputc('"', fp);
    for (size_t i = 0; i < k; i++)
        fputc(s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i], fp);
    if (k < n)
        fputs("...", fp);
    fputc('"', fp);
}

static void statement_text(struct check_report *rp,
                           const struct document *doc, size_t i)
{
    const struct statement *s = &doc->st[i];
    size_t len;
    const char *t = doc_text(doc, i, &len);

    fprintf(rp->fp, "    %-9s ", stmt_kind_name(s->kind));
    if (s->kind == STMT_HEADLINE && doc->headline_text)
        fputs("(--headline) ", rp->fp);
    else
        fprintf(rp->fp, "%zu:%zu ", s->pos.line, s->pos.col);
    if (s->speaker)
        fprintf(rp->fp, "(%s) ", s->speaker);
    put_quoted(rp->fp, t, len, EXCERPT_TEXT);
    fputc('\n', rp->fp);
}

static int file_text(struct check_report *rp, const struct document *doc,
                     const struct check_result *r,
                     const struct model *stance)
{
    FILE *fp = rp->fp;

    if (rp->quiet && r->n == 0 && !doc->nothing
        && !(r->has_stance && r->stance_label == stance->flag))
        return 0;
    fprintf(fp, "%s%s%s\n", c_on(rp, "\033[1m"), doc->name, c_off(rp));
    if (r->has_stance) {
        fprintf(fp, "  stance of the body towards the headline: %s (",
                stance->labels[r->stance_label]);
        for (size_t k = 0; k < stance->n_labels; k++)
            fprintf(fp, "%s%s %.2f", k ? ", " : "", stance->labels[k],
                    r->stance_probs[k]);
        fputs(")\n", fp);
        for (size_t k = 0; k < r->n_behind; k++) {
            fprintf(fp, "  behind it, %.2f:\n", r->behind_p[k]);
            statement_text(rp, doc, r->behind[k]);
        }
    }
    left_out_text(fp, doc);
    for (size_t i = 0; i < r->n; i++) {
        const struct finding *f = &r->f[i];
        int hit = f->severity >= SEVERITY_WARNING;
        fprintf(fp, "  %s%.2f %s%s %s",
                c_on(rp, hit ? "\033[31m" : "\033[2m"), f->p_flag,
                f->model->labels[f->model->flag], c_off(rp),
                pair_kind_name(f->kind));
        /* a pooled finding's p is the verdict's share, not the pair's own
         * label; the line below gives the pair's own probability */
        if (!f->pooled) {
            char lb[64];
            fprintf(fp, ": %s", finding_label_text(f, lb, sizeof lb));
        }
        fputc('\n', fp);
        statement_text(rp, doc, f->a);
        statement_text(rp, doc, f->b);
        if (f->pooled)
            fprintf(fp, "    the pair %.2f against the body's most disputing "
                    "statement %.2f, of the verdict's %s %.2f\n", f->pair_p,
                    r->best_p, stance->labels[stance->flag],
                    r->stance_probs[stance->flag]);
        if (f->against_verdict)
            fprintf(fp, "    stands against the verdict '%s': this %s alone "
                    "carries %.2f of the body's p(%s)\n",
                    stance->labels[r->stance_label],
                    stmt_kind_name(doc->st[f->b].kind), f->p_flag,
                    stance->labels[stance->flag]);
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
            n_hit += r->f[i].severity >= SEVERITY_WARNING;
        fprintf(fp, "  %zu finding%s in %zu pair%s (threshold %.2f",
                n_hit, n_hit == 1 ? "" : "s", r->n_scored,
                r->n_scored == 1 ? "" : "s", r->threshold);
        if (r->has_headline_model)
            fprintf(fp, "; headline pairs %.2f", r->headline_threshold);
        fputs(")\n\n", fp);
    }
    return 0;
}

/* A one-line message for a finding: what contradicts what, cut by
 * finding_message on character boundaries.  Returns 0 or STATUS_NOMEM
 * (then buf is empty). */
static int message(char *buf, size_t size, const struct document *doc,
                   const struct finding *f)
{
    char *m = NULL;

    buf[0] = '\0';
    if (finding_message(&m, doc, f, MESSAGE_LINE))
        return STATUS_NOMEM;
    {
        /* a message longer than buf is cut on a character boundary too */
        size_t k = excerpt_len(m, strlen(m), size - 1);
        memcpy(buf, m, k);
        buf[k] = '\0';
    }
    free(m);
    return 0;
}

static int file_line(struct check_report *rp, const struct document *doc,
                     const struct check_result *r,
                     const struct model *stance)
{
    (void)stance;
    char msg[1024];

    if (doc->nothing)
        fprintf(rp->fp, "%s:1:1: note: %s\n", doc->name,
                nothing_message(doc));
    for (size_t i = 0; i < r->n; i++) {
        const struct finding *f = &r->f[i];
        const struct statement *b = &doc->st[f->b];
        if (message(msg, sizeof msg, doc, f))
            return STATUS_NOMEM;
        fprintf(rp->fp, "%s:%zu:%zu: %s: %s\n", doc->name, b->pos.line,
                b->pos.col, severity_name(f->severity), msg);
    }
    return 0;
}

/* GitHub workflow commands: % CR LF escaped everywhere, and : , in the
 * properties too. */
static void gh_escape(FILE *fp, const char *s, int property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%': fputs("%25", fp); break;
        case '\r': fputs("%0D", fp); break;
        case '\n': fputs("%0A", fp); break;
        case ':': fputs(property ? "%3A" : ":", fp); break;
        case ',': fputs(property ? "%2C" : ",", fp); break;
        default: fputc(*s, fp);
        }
    }
}

static int file_github(struct check_report *rp, const struct document *doc,
                       const struct check_result *r,
                       const struct model *stance)
{
    (void)stance;
    char msg[1024];

    fputs("::group::", rp->fp);
    gh_escape(rp->fp, doc->name, 0);
    fputc('\n', rp->fp);
    if (doc->nothing) {
        fputs("::notice file=", rp->fp);
        gh_escape(rp->fp, doc->name, 1);
        fputs(",line=1,title=", rp->fp);
        gh_escape(rp->fp, "gainsay: nothing to check", 1);
        fputs("::", rp->fp);
        gh_escape(rp->fp, nothing_message(doc), 0);
        fputc('\n', rp->fp);
    }
    for (size_t i = 0; i < r->n; i++) {
        const struct finding *f = &r->f[i];
        const struct statement *b = &doc->st[f->b];
        enum severity sv = f->severity;
        if (message(msg, sizeof msg, doc, f))
            return STATUS_NOMEM;
        fprintf(rp->fp, "::%s file=", sv == SEVERITY_NOTE ? "notice"
                : severity_name(sv));
        gh_escape(rp->fp, doc->name, 1);
        fprintf(rp->fp, ",line=%zu,col=%zu,endLine=%zu,endColumn=%zu,title=",
                b->pos.line, b->pos.col, b->pos.end_line, b->pos.end_col);
        gh_escape(rp->fp, "gainsay: possible contradiction", 1);
        fputs("::", rp->fp);
        gh_escape(rp->fp, msg, 0);
        fputc('\n', rp->fp);
    }
    fputs("::endgroup::\n", rp->fp);
    return 0;
}

/* GitLab code quality: a JSON array of Code Climate issues. */
static int file_gitlab(struct check_report *rp, const struct document *doc,
                       const struct check_result *r,
                       const struct model *stance)
{
    (void)stance;
    static const char *const gl_severity[] = { "info", "minor", "major" };
    char msg[1024];

    for (size_t i = 0; i < r->n; i++) {
        const struct finding *f = &r->f[i];
        const struct statement *b = &doc->st[f->b];
        enum severity sv = f->severity;
        if (message(msg, sizeof msg, doc, f))
            return STATUS_NOMEM;
        fprintf(rp->fp, "%s\n  {\"type\":\"issue\",\"check_name\":\"%s\","
                "\"description\":", rp->first ? "" : ",",
                pair_kind_name(f->kind));
        json_put_string(rp->fp, msg, strlen(msg));
        fprintf(rp->fp, ",\"categories\":[\"Bug Risk\"],\"severity\":\"%s\","
                "\"fingerprint\":\"%s\",\"location\":{\"path\":",
                gl_severity[sv], f->fingerprint);
        json_put_string(rp->fp, doc->name, strlen(doc->name));
        fprintf(rp->fp, ",\"positions\":{\"begin\":{\"line\":%zu,"
                "\"column\":%zu},\"end\":{\"line\":%zu,\"column\":%zu}}}}",
                b->pos.line, b->pos.col, b->pos.end_line, b->pos.end_col);
        rp->first = 0;
    }
    return 0;
}

/* SARIF and HTML take the severity of each finding by name. */
static const char **levels(const struct check_result *r)
{
    const char **level = malloc((r->n ? r->n : 1) * sizeof *level);

    for (size_t i = 0; level && i < r->n; i++)
        level[i] = severity_name(r->f[i].severity);
    return level;
}

static int begin_sarif(struct check_report *rp)
{
    return (rp->sarif = sarif_begin(GAINSAY_VERSION)) ? 0 : STATUS_NOMEM;
}

static int file_sarif(struct check_report *rp, const struct document *doc,
                      const struct check_result *r,
                      const struct model *stance)
{
    const char **level = levels(r);
    int rc = !level || sarif_file(rp->sarif, doc, r, level) != 0;

    (void)stance;
    free(level);
    return rc ? STATUS_NOMEM : 0;
}

static int end_sarif(struct check_report *rp)
{
    int rc = rp->failed ? -1 : sarif_end(rp->sarif, rp->fp);

    if (rp->failed)
        sarif_free(rp->sarif);

    rp->sarif = NULL;
    return rc ? STATUS_NOMEM : 0;
}

static int begin_html(struct check_report *rp)
{
    return (rp->html = html_report_alloc()) ? 0 : STATUS_NOMEM;
}

static int file_html(struct check_report *rp, const struct document *doc,
                     const struct check_result *r,
                     const struct model *stance)
{
    const char **level = levels(r);
    int rc = !level || html_report_file(rp->html, doc, r, stance, level);

    free(level);
    return rc ? STATUS_NOMEM : 0;
}

static int end_html(struct check_report *rp)
{
    int rc = rp->failed || html_report_write(rp->html, rp->fp) != 0;

    html_report_free(rp->html);
    rp->html = NULL;
    return rc ? STATUS_NOMEM : 0;
}

static int end_text(struct check_report *rp)
{
    if (rp->n_files > 1)
        fprintf(rp->fp, "%zu finding%s in %zu files\n", rp->n_findings,
                rp->n_findings == 1 ? "" : "s", rp->n_files);
    return 0;
}

static int begin_json(struct check_report *rp)
{
    fprintf(rp->fp, "{\"schema\":\"gainsay-check\",\"version\":%d,"
            "\"files\":[", CHECK_SCHEMA_VERSION);
    return 0;
}

static int end_json(struct check_report *rp)
{
    fprintf(rp->fp, "],\"summary\":{\"files\":%zu,\"findings\":%zu}}\n",
            rp->n_files, rp->n_findings);
    return 0;
}

static int end_github(struct check_report *rp)
{
    fprintf(rp->fp, "gainsay: %zu finding%s in %zu file%s\n",
            rp->n_findings, rp->n_findings == 1 ? "" : "s", rp->n_files,
            rp->n_files == 1 ? "" : "s");
    return 0;
}

static int begin_gitlab(struct check_report *rp)
{
    fputc('[', rp->fp);
    return 0;
}

static int end_gitlab(struct check_report *rp)
{
    fputs(rp->first ? "]\n" : "\n]\n", rp->fp);
    return 0;
}

#define STRINGIFY(x) #x
#define STRING_OF(x) STRINGIFY(x)

const struct report_format report_formats[] = {
    { "text", "for people: each finding and why",
      NULL, file_text, end_text, REPORT_COLOR },
    { "json", "schema \"gainsay-check\", version "
      STRING_OF(CHECK_SCHEMA_VERSION), begin_json, file_json, end_json, 0 },
    { "line", "path:line:col: severity: message", NULL, file_line, NULL,
      0 },
    { "github", "GitHub Actions workflow commands", NULL, file_github,
      end_github, 0 },
    { "sarif", "SARIF 2.1.0 (rules, levels, related\nlocations, partial "
      "fingerprints)", begin_sarif, file_sarif, end_sarif, REPORT_AT_END },
    { "gitlab", "GitLab code quality (Code Climate JSON)", begin_gitlab,
      file_gitlab, end_gitlab, 0 },
    { "html", "one self-contained page: each article\nwith the statements "
      "marked", begin_html, file_html, end_html, REPORT_AT_END },
    { NULL, NULL, NULL, NULL, NULL, 0 }
};

const struct report_format *report_format_find(const char *name)
{
    for (const struct report_format *f = report_formats; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

int check_report_begin(struct check_report *rp, FILE *fp,
                       const struct report_format *format, int color,
                       struct err *e)
{
    memset(rp, 0, sizeof *rp);
    rp->fp = fp;
    rp->format = format;
    rp->color = color && (format->flags & REPORT_COLOR);
    rp->first = 1;
    if (format->begin && format->begin(rp)) {
        rp->failed = 1;
        return err_set(e, STATUS_NOMEM, "out of memory");
    }
    return 0;
}

int check_report_file(struct check_report *rp, const struct document *doc,
                      const struct check_result *r,
                      const struct model *stance, struct err *e)
{
    int rc;

    if (rp->failed)
        return err_set(e, STATUS_NOMEM, "out of memory");
    rp->n_files++;
    for (size_t i = 0; i < r->n; i++)
        rp->n_findings += r->f[i].severity >= SEVERITY_WARNING;
    if ((rc = rp->format->file(rp, doc, r, stance)) != 0) {
        rp->failed = 1;         /* a report without this file is not kept */
        return err_set(e, (enum status)rc, "%s: out of memory while "
                       "reporting", doc->name);
    }
    return 0;
}

int check_report_end(struct check_report *rp, struct err *e)
{
    int bad = rp->failed;

    /* the formats written at the end free what they hold even so */
    if ((!bad || (rp->format->flags & REPORT_AT_END)) && rp->format->end
        && rp->format->end(rp))
        bad = 1;
    rp->failed = 0;
    return bad ? err_set(e, STATUS_NOMEM, "out of memory while writing the "
                         "report") : 0;
}
