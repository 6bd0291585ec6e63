/* fuzz_doc.c - libFuzzer target: articles as text, Markdown and HTML,
 * with gainsay's directives; every statement must lie inside the input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc/document.h"
#include "doc/html.h"
#include "doc/markdown.h"
#include "text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_spans(const struct document *d, size_t len)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct doc_pos *p = &d->st[i].pos;
        if (d->st[i].kind != STMT_HEADLINE || !d->headline_text)
            if (p->start > p->end || p->end > len || p->line < 1)
                abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text;
    struct document d;
    struct err e = { 0 };

    /* check hands the parsers valid UTF-8 without NULs */
    if (utf8_check((const char *)data, size) < size)
        return 0;
    text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (doc_parse_text(&d, "f.txt", text, size, NULL, NULL, &e) == 0)
        check_spans(&d, size);
    document_clear(&d);
    if (doc_parse_markdown(&d, "f.md", text, size, NULL, NULL, &e) == 0)
        check_spans(&d, size);
    document_clear(&d);
    if (doc_parse_html(&d, "f.html", text, size, NULL, NULL, &e) == 0)
        check_spans(&d, size);
    document_clear(&d);
    free(text);
    return 0;
}
