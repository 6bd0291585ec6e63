/* read.c - the article formats (text, Markdown, HTML) as a table, and
 * doc_read(): a file or a buffer into a document. */
#include "doc/read.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/file.h"
#include "doc/html.h"
#include "doc/markdown.h"
#include "text/utf8.h"

/* An HTML page starts (after blanks and a byte order mark) with a
 * doctype, <html> or a comment. */
static int sniff_html(const char *s, size_t len)
{
    size_t i = 0;

    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'
                       || s[i] == '\n'))
        i++;
    return (len - i >= 9 && strncasecmp(s + i, "<!doctype", 9) == 0)
           || (len - i >= 5 && strncasecmp(s + i, "<html", 5) == 0);
}

/* Markdown that says so: YAML front matter, or an ATX headline first. */
static int sniff_markdown(const char *s, size_t len)
{
    return (len >= 4 && memcmp(s, "---", 3) == 0
            && (s[3] == '\n' || s[3] == '\r'))
           || (len >= 2 && s[0] == '#' && s[1] == ' ');
}

static const char *const text_ext[] = { ".txt", NULL };
static const char *const markdown_ext[] = { ".md", ".markdown", ".mdown",
                                            ".mkd", NULL };
static const char *const html_ext[] = { ".html", ".htm", ".xhtml", NULL };

const struct doc_format doc_formats[DOC_N_FORMATS] = {
    { "text", text_ext, NULL, doc_parse_text },
    { "markdown", markdown_ext, sniff_markdown, doc_parse_markdown },
    { "html", html_ext, sniff_html, doc_parse_html },
};

const struct doc_format *doc_format_named(const char *name)
{
    for (size_t i = 0; i < DOC_N_FORMATS; i++)
        if (strcmp(name, doc_formats[i].name) == 0)
            return &doc_formats[i];
    return NULL;
}

const struct doc_format *doc_format_of_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');

    for (size_t i = 0; dot && i < DOC_N_FORMATS; i++)
        for (const char *const *x = doc_formats[i].ext; *x; x++)
            if (strcmp(dot, *x) == 0)
                return &doc_formats[i];
    return NULL;
}

const struct doc_format *doc_format_sniff(const char *s, size_t len)
{
    for (size_t i = 0; i < DOC_N_FORMATS; i++)
        if (doc_formats[i].sniff && doc_formats[i].sniff(s, len))
            return &doc_formats[i];
    return NULL;
}

void doc_read_options_init(struct doc_read_options *o)
{
    memset(o, 0, sizeof *o);
    o->max_size = DOC_MAX_SIZE;
    o->max_quotes = DOC_MAX_QUOTES;
}

int doc_read_mem(struct document *d, const char *name, const char *text,
                 size_t len, const struct doc_read_options *o,
                 struct err *e)
{
    const struct doc_format *f = o->format;
    size_t bad = utf8_check(text, len), n_quotes = 0;
    int rc;

    if (bad < len)
        return err_set(e, STATUS_UTF8, "%s:%zu: %s", name,
                       utf8_line_of(text, bad), text[bad] == '\0'
                       ? "NUL byte in text (binary file?)"
                       : "invalid UTF-8");
    if (!f)
        f = doc_format_of_path(name);
    if (!f && o->sniff)
        f = doc_format_sniff(text, len);
    if (!f)
        f = &doc_formats[0];
    if ((rc = f->parse(d, name, text, len, o->headline, o->furniture, e)))
        return rc;
    for (size_t k = 0; k < d->n; k++)
        n_quotes += d->st[k].kind == STMT_QUOTE
                    || d->st[k].kind == STMT_REPORTED;
    if (o->max_quotes && n_quotes > o->max_quotes)
        return err_set(e, STATUS_LIMIT, "%s: %zu quoted or reported "
                       "statements, more than the limit of %zu", name,
                       n_quotes, o->max_quotes);
    return 0;
}

int doc_read(struct document *d, const char *path, const char *name,
             const struct doc_read_options *o, struct err *e)
{
    char *text = NULL;
    size_t len = 0;
    int rc;

    if (!name)
        name = path;
    rc = file_read_max(path, o->max_size, &text, &len, e);
    if (rc == STATUS_LIMIT && len > o->max_size + 1)
        return err_set(e, STATUS_LIMIT, "%s: the article is %zu bytes, "
                       "more than the limit of %zu (--max-size)", name, len,
                       o->max_size);
    if (rc == STATUS_LIMIT)     /* a stream, read no further */
        return err_set(e, STATUS_LIMIT, "%s: the article is more than the "
                       "limit of %zu bytes (--max-size)", name, o->max_size);
    if (rc)
        return rc;
    rc = doc_read_mem(d, name, text, len, o, e);
    d->text_owned = text;       /* after the parser's document_init */
    return rc;
}
