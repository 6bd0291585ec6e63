/* message.c - excerpts and messages for findings, shared by the formats. */
#include "report/message.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"

size_t excerpt_len(const char *s, size_t n, size_t max)
{
    size_t k = n < max ? n : max;

    /* back off over continuation bytes to the start of a character */
    while (k > 0 && k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return k;
}

/* printf into a malloc'd string: 0 or STATUS_NOMEM. */
static int str_printf(char **out, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int str_printf(char **out, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *s;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !(s = malloc((size_t)n + 1)))
        return STATUS_NOMEM;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    *out = s;
    return 0;
}

int finding_message(char **out, const struct document *doc,
                    const struct finding *f, enum message_form form)
{
    const struct model *nli = f->model;
    const struct statement *a = &doc->st[f->a], *b = &doc->st[f->b];
    size_t la, lb, max = form == MESSAGE_SARIF ? EXCERPT_SARIF
                                                : EXCERPT_LINE;
    const char *ta = doc_text(doc, f->a, &la), *tb = doc_text(doc, f->b, &lb);
    size_t ka = excerpt_len(ta, la, max), kb = excerpt_len(tb, lb, max);
    const char *of = b->speaker ? " of " : "",
               *who = b->speaker ? b->speaker : "";
    char *m = NULL;
    int rc;

    if (form == MESSAGE_SARIF)
        rc = str_printf(&m, "This %s%s%s contradicts the %s \"%.*s%s\" "
                        "(p(%s) = %.2f): \"%.*s%s\"", stmt_kind_name(b->kind),
                        of, who, stmt_kind_name(a->kind), (int)ka, ta,
                        ka < la ? "..." : "", nli->labels[nli->flag],
                        f->p_flag, (int)kb, tb, kb < lb ? "..." : "");
    else
        rc = str_printf(&m, "%s%s%s (line %zu) %s the %s \"%.*s%s\" "
                        "(p=%.2f): \"%.*s%s\"", stmt_kind_name(b->kind), of,
                        who, b->pos.line, f->label == nli->flag
                        ? "contradicts" : "may contradict",
                        stmt_kind_name(a->kind), (int)ka, ta,
                        ka < la ? "..." : "", f->p_flag, (int)kb, tb,
                        kb < lb ? "..." : "");
    if (rc)
        return rc;
    /* one line: no breaks inside the quoted text */
    if (form == MESSAGE_LINE)
        for (char *c = m; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
    *out = m;
    return 0;
}

const char *nothing_message(const struct document *doc)
{
    if (!doc->nothing)
        return NULL;
    return doc->n_left ? "nothing to check: all of it is page furniture"
                       : "nothing to check: the article has no body";
}

const char *finding_label_text(const struct finding *f, char *buf, size_t n)
{
    const char *l = f->model->labels[f->label];

    if (f->label == f->model->flag || strcmp(l, "other") != 0)
        return l;
    snprintf(buf, n, "not %s", f->model->labels[f->model->flag]);
    return buf;
}
