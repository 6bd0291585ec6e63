/* html.c - HTML (gumbo) to a document. */
#include "doc/html.h"

#include <gumbo.h>
#include <stdlib.h>
#include <string.h>

#include "doc/directive.h"

static int skipped(GumboTag t)
{
    return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_PRE
        || t == GUMBO_TAG_CODE || t == GUMBO_TAG_TEXTAREA
        || t == GUMBO_TAG_TEMPLATE || t == GUMBO_TAG_NOSCRIPT;
}

static int is_block(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_LI:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_BR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_TR: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TITLE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_DD:
    case GUMBO_TAG_DT: case GUMBO_TAG_HR: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV: case GUMBO_TAG_MAIN: case GUMBO_TAG_FIGURE:
        return 1;
    default:
        return 0;
    }
}

/* Mark a block boundary inside a tag's bytes (which are blanked): a blank
 * line there ends any sentence. */
static void block_break(char *clean, size_t len, const GumboStringPiece *tag,
                        const char *text)
{
    size_t at;

    if (!tag->data || tag->length < 2)
        return;
    at = (size_t)(tag->data - text);
    if (at + 2 <= len) {
        clean[at] = '\n';
        clean[at + 1] = '\n';
    }
}

/* Entities cannot be decoded in place (the clean copy keeps every offset),
 * so each becomes its one-byte stand-in followed by spaces: quotes stay
 * quotes for the quote finder, apostrophes stay inside words. */
static void clean_text(char *c, size_t from, size_t to)
{
    static const struct { const char *name; char as; } ent[] = {
        { "&quot;", '"' }, { "&ldquo;", '"' }, { "&rdquo;", '"' },
        { "&#34;", '"' }, { "&#8220;", '"' }, { "&#8221;", '"' },
        { "&#x201C;", '"' }, { "&#x201D;", '"' }, { "&#39;", '\'' },
        { "&apos;", '\'' }, { "&rsquo;", '\'' }, { "&lsquo;", '\'' },
        { "&#8217;", '\'' }, { "&amp;", '&' }, { "&mdash;", '-' },
        { "&ndash;", '-' }
    };

    for (size_t i = from; i < to; i++) {
        if (c[i] == '<') {
            /* a tag gumbo left in text: blank it */
            size_t j = i + 1;
            while (j < to && c[j] != '>')
                j++;
            if (j < to)
                memset(c + i, ' ', j - i + 1);
        } else if (c[i] == '&') {
            size_t j = i + 1, n;
            char as = ' ';
            while (j < to && j - i < 12 && c[j] != ';' && c[j] != ' ')
                j++;
            if (j >= to || c[j] != ';')
                continue;
            n = j - i + 1;
            for (size_t k = 0; k < sizeof ent / sizeof *ent; k++)
                if (strlen(ent[k].name) == n && memcmp(c + i, ent[k].name, n)
                    == 0)
                    as = ent[k].as;
            memset(c + i, ' ', n);
            c[i] = as;
        }
    }
}

/* The trimmed span of the first text inside node, as offsets. */
static int first_text(const GumboNode *n, const char *text, size_t *s,
                      size_t *e)
{
    const GumboVector *ch;

    if (n->type == GUMBO_NODE_TEXT) {
        const GumboText *t = &n->v.text;
        size_t a = t->start_pos.offset, b = a + t->original_text.length;
        while (a < b && (text[a] == ' ' || text[a] == '\n' || text[a] == '\t'
                         || text[a] == '\r'))
            a++;
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\n'
                         || text[b - 1] == '\t' || text[b - 1] == '\r'))
            b--;
        if (b > a && !memchr(text + a, '\n', b - a)) {
            *s = a;
            *e = b;
            return 1;
        }
        return 0;
    }
    if (n->type != GUMBO_NODE_ELEMENT)
        return 0;
    ch = &n->v.element.children;
    for (unsigned i = 0; i < ch->length; i++)
        if (first_text(ch->data[i], text, s, e))
            return 1;
    return 0;
}

/* A comment may be a directive; for disable-next-block, the next element
 * among its siblings is the block. */
static int comment_directive(struct directive_list *dl, const char *name,
                             const char *text, size_t len, const GumboNode *n,
                             struct err *e)
{
    const GumboText *t = &n->v.text;
    size_t start = t->start_pos.offset, end = start + t->original_text.length;
    size_t block_end = 0;

    if (!t->original_text.data || end > len)
        return 0;
    if (n->parent && (n->parent->type == GUMBO_NODE_ELEMENT
                      || n->parent->type == GUMBO_NODE_DOCUMENT)) {
        const GumboVector *ch = n->parent->type == GUMBO_NODE_DOCUMENT
                                ? &n->parent->v.document.children
                                : &n->parent->v.element.children;
        for (size_t i = n->index_within_parent + 1; i < ch->length; i++) {
            const GumboNode *s = ch->data[i];
            if (s->type == GUMBO_NODE_WHITESPACE)
                continue;
            if (s->type == GUMBO_NODE_ELEMENT
                && s->v.element.original_end_tag.data) {
                const GumboStringPiece *et = &s->v.element.original_end_tag;
                block_end = (size_t)(et->data - text) + et->length;
            }
            break;
        }
    }
    return directive_add(dl, name, text, start, end, block_end, e);
}

int doc_parse_html(struct document *d, const char *name, const char *text,
                   size_t len, const char *headline,
                   const struct furniture *fu, struct err *e)
{
    char *clean = malloc(len + 1);
    GumboOutput *out = NULL;
    const GumboNode **stack = NULL;
    size_t n_stack = 0, cap = 0, hs = 0, he = 0, ts = 0, te = 0;
    int have_h1 = 0;
    struct directive_list dl = { 0 };

    document_init(d);           /* clearable even when parsing fails */
    if (!clean)
        return err_set(e, STATUS_NOMEM, "%s: out of memory", name);
    for (size_t i = 0; i < len; i++)
        clean[i] = text[i] == '\n' ? '\n' : ' ';
    clean[len] = '\0';
    out = gumbo_parse_with_options(&kGumboDefaultOptions, text, len);
    if (!out) {
        free(clean);
        return err_set(e, STATUS_NOMEM, "%s: out of memory", name);
    }
    /* an explicit stack: hostile nesting must not overflow ours */
    cap = 64;
    stack = malloc(cap * sizeof *stack);
    if (!stack)
        goto nomem;
    stack[n_stack++] = out->root;
    while (n_stack > 0) {
        const GumboNode *n = stack[--n_stack];
        if (n->type == GUMBO_NODE_WHITESPACE)
            continue;           /* clean is already blank there */
        if (n->type == GUMBO_NODE_TEXT) {
            const GumboText *t = &n->v.text;
            size_t at = t->start_pos.offset, k = t->original_text.length;
            if (t->original_text.data && at + k <= len) {
                memcpy(clean + at, text + at, k);
                clean_text(clean, at, at + k);
            }
            continue;
        }
        if (n->type == GUMBO_NODE_COMMENT) {
            int rc = comment_directive(&dl, name, text, len, n, e);
            if (rc) {
                free(stack);
                gumbo_destroy_output(&kGumboDefaultOptions, out);
                directive_list_clear(&dl);
                free(clean);
                return rc;
            }
            continue;
        }
        if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT
            && n->type != GUMBO_NODE_TEMPLATE)
            continue;           /* comments, CDATA */
        if (n->type != GUMBO_NODE_DOCUMENT) {
            const GumboElement *el = &n->v.element;
            if (skipped(el->tag))
                continue;
            if (is_block(el->tag)) {
                block_break(clean, len, &el->original_tag, text);
                block_break(clean, len, &el->original_end_tag, text);
            }
            if (el->tag == GUMBO_TAG_H1 && !have_h1)
                have_h1 = first_text(n, text, &hs, &he);
            if (el->tag == GUMBO_TAG_TITLE && ts == te)
                first_text(n, text, &ts, &te);
        }
        {
            const GumboVector *ch = n->type == GUMBO_NODE_DOCUMENT
                                    ? &n->v.document.children
                                    : &n->v.element.children;
            if (n_stack + ch->length > cap) {
                const GumboNode **g;
                while (n_stack + ch->length > cap)
                    cap *= 2;
                g = realloc(stack, cap * sizeof *g);
                if (!g)
                    goto nomem;
                stack = g;
            }
            /* children in reverse, so they come off the stack in order */
            for (unsigned i = ch->length; i-- > 0;)
                stack[n_stack++] = ch->data[i];
        }
    }
    free(stack);
    gumbo_destroy_output(&kGumboDefaultOptions, out);
    directive_apply(&dl, clean, len);
    directive_list_clear(&dl);
    if (!have_h1) {
        hs = ts;
        he = te;
    }
    if (headline)
        hs = he = 0;
    /* the title element's text is prose only as the headline */
    if (ts < te && (hs != ts || he != te))
        for (size_t i = ts; i < te; i++)
            clean[i] = text[i] == '\n' ? '\n' : ' ';
    return doc_parse_masked(d, name, text, clean, len, hs, he, headline, fu,
                            e);
nomem:
    free(stack);
    gumbo_destroy_output(&kGumboDefaultOptions, out);
    directive_list_clear(&dl);
    free(clean);
    return err_set(e, STATUS_NOMEM, "%s: out of memory", name);
}
