/* html.c - HTML (gumbo) to a document. */
#include "doc/html.h"

#include <gumbo.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "base/grow.h"
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

    int no_gt = 0;              /* no '>' after i: stop looking for one */

    for (size_t i = from; i < to; i++) {
        if (c[i] == '<' && !no_gt) {
            /* a tag gumbo left in text: blank it */
            size_t j = i + 1;
            while (j < to && c[j] != '>')
                j++;
            if (j < to)
                memset(c + i, ' ', j - i + 1);
            else
                no_gt = 1;      /* else "< < < ..." scans to the end each */
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

/* The trimmed span of a text node, as offsets, when it is one line of
 * text. */
static int text_span(const GumboNode *n, const char *text, size_t *s,
                     size_t *e)
{
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

/* Elements that close themselves (void) or that the next of their kind
 * closes: they add no depth however they are written. */
static int adds_no_depth(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BR:
    case GUMBO_TAG_COL: case GUMBO_TAG_EMBED: case GUMBO_TAG_HR:
    case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT: case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR:
    case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND: case GUMBO_TAG_FRAME:
    case GUMBO_TAG_IMAGE: case GUMBO_TAG_MENUITEM:
    case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_DT:
    case GUMBO_TAG_DD: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_RB: case GUMBO_TAG_RT: case GUMBO_TAG_RP:
    case GUMBO_TAG_RTC: case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML:
        return 1;
    default:
        return 0;
    }
}

/* Elements whose content is text, not tags. */
static int raw_text(GumboTag t)
{
    return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE
        || t == GUMBO_TAG_TEXTAREA || t == GUMBO_TAG_TITLE
        || t == GUMBO_TAG_XMP || t == GUMBO_TAG_IFRAME
        || t == GUMBO_TAG_NOEMBED || t == GUMBO_TAG_NOFRAMES;
}

#define N_UNKNOWN 4096          /* buckets for tag names gumbo has no enum */

/* How deep gumbo's stack of open elements may get, estimated from the
 * tags: a start tag opens, an end tag closes only an element of its name
 * that is open.  gumbo searches that stack for many tags, so its time
 * grows with depth times tags (100,000 nested <div>s took 16 s), and it
 * frees its tree recursively (1.5 million nested <span>s overflow the
 * stack).  Returns the byte offset where the estimate passes max, or len
 * when it never does; NOMEM as SIZE_MAX. */
static size_t depth_over(const char *t, size_t len, size_t max)
{
    size_t *open = calloc(GUMBO_TAG_LAST + N_UNKNOWN, sizeof *open);
    size_t depth = 0, i = 0, at = len;

    if (!open)
        return SIZE_MAX;
    while (i < len) {
        const char *lt = memchr(t + i, '<', len - i);
        size_t a, b, k;
        int end;
        GumboTag tag;

        if (!lt)
            break;
        i = (size_t)(lt - t) + 1;
        if (i + 3 <= len && memcmp(t + i, "!--", 3) == 0) {
            const char *c = NULL;
            for (size_t j = i + 3; j + 3 <= len; j++)
                if (t[j] == '-' && memcmp(t + j, "-->", 3) == 0) {
                    c = t + j;
                    break;
                }
            if (!c)
                break;
            i = (size_t)(c - t) + 3;
            continue;
        }
        end = i < len && t[i] == '/';
        a = i + (size_t)end;
        b = a;
        while (b < len && ((t[b] >= 'a' && t[b] <= 'z')
                           || (t[b] >= 'A' && t[b] <= 'Z')
                           || (b > a && ((t[b] >= '0' && t[b] <= '9')
                                         || t[b] == '-' || t[b] == ':'))))
            b++;
        if (b == a || b - a > 0xffff)
            continue;           /* not a tag: text, <!DOCTYPE, <? */
        tag = gumbo_tagn_enum(t + a, (unsigned)(b - a));
        k = (size_t)tag;
        if (tag == GUMBO_TAG_UNKNOWN) {
            uint32_t h = 2166136261u;       /* FNV-1a of the folded name */
            for (size_t j = a; j < b; j++) {
                unsigned char c = (unsigned char)t[j];
                h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32u : c)) * 16777619u;
            }
            k = GUMBO_TAG_LAST + h % N_UNKNOWN;
        }
        i = b;
        if (adds_no_depth(tag))
            continue;
        if (end) {
            if (open[k] > 0) {
                open[k]--;
                depth--;
            }
            continue;
        }
        if (raw_text(tag)) {    /* skip to its end tag */
            size_t n = b - a;
            for (; i + n + 2 <= len; i++)
                if (t[i] == '<' && t[i + 1] == '/'
                    && strncasecmp(t + i + 2, t + a, n) == 0)
                    break;
            continue;
        }
        open[k]++;
        if (++depth > max) {
            at = a - 1;
            break;
        }
    }
    free(open);
    return at;
}

/* A node to visit, or (leave) the end of one whose subtree is searched
 * for the headline. */
struct visit {
    const GumboNode *n;
    int leave;
};

int doc_parse_html(struct document *d, const char *name, const char *text,
                   size_t len, const char *headline,
                   const struct furniture *fu, struct err *e)
{
    char *clean = malloc(len + 1);
    GumboOptions opt = kGumboDefaultOptions;
    GumboOutput *out = NULL;
    struct visit *stack = NULL;
    const GumboNode *in_h1 = NULL, *in_title = NULL;
    size_t n_stack = 0, cap = 0, hs = 0, he = 0, ts = 0, te = 0, over;
    int have_h1 = 0;
    struct directive_list dl = { 0 };

    document_init(d);           /* clearable even when parsing fails */
    if (!clean)
        return err_set(e, STATUS_NOMEM, "%s: out of memory", name);
    for (size_t i = 0; i < len; i++)
        clean[i] = text[i] == '\n' ? '\n' : ' ';
    clean[len] = '\0';
    over = depth_over(text, len, HTML_MAX_DEPTH);
    if (over == SIZE_MAX) {
        free(clean);
        return err_set(e, STATUS_NOMEM, "%s: out of memory", name);
    }
    if (over < len) {
        size_t line = 1;
        for (size_t i = 0; i < over; i++)
            line += text[i] == '\n';
        free(clean);
        return err_set(e, STATUS_LIMIT, "%s:%zu: elements nested more than "
                       "%d deep", name, line, HTML_MAX_DEPTH);
    }
    /* gumbo copies its stack of open elements into every parse error it
     * records: 20,000 unclosed tables took 12 GB.  The errors are unused. */
    opt.max_errors = 0;
    out = gumbo_parse_with_options(&opt, text, len);
    if (!out) {
        free(clean);
        return err_set(e, STATUS_NOMEM, "%s: out of memory", name);
    }
    /* an explicit stack: hostile nesting must not overflow ours.  The
     * headline is the first one-line text inside the first <h1> that has
     * one (else <title>'s), found on the same walk: searching each <h1>'s
     * subtree apart would be quadratic in nested ones, and recursive. */
    cap = 64;
    stack = malloc(cap * sizeof *stack);
    if (!stack)
        goto nomem;
    stack[n_stack++] = (struct visit){ out->root, 0 };
    while (n_stack > 0) {
        struct visit v = stack[--n_stack];
        const GumboNode *n = v.n;
        if (v.leave) {          /* its subtree had no headline */
            if (n == in_h1)
                in_h1 = NULL;
            if (n == in_title)
                in_title = NULL;
            continue;
        }
        if (n->type == GUMBO_NODE_WHITESPACE)
            continue;           /* clean is already blank there */
        if (n->type == GUMBO_NODE_TEXT) {
            const GumboText *t = &n->v.text;
            size_t at = t->start_pos.offset, k = t->original_text.length;
            if (t->original_text.data && at + k <= len) {
                memcpy(clean + at, text + at, k);
                clean_text(clean, at, at + k);
                if (in_h1 && text_span(n, text, &hs, &he)) {
                    have_h1 = 1;
                    in_h1 = NULL;
                }
                if (in_title && text_span(n, text, &ts, &te))
                    in_title = NULL;
            }
            continue;
        }
        if (n->type == GUMBO_NODE_COMMENT) {
            int rc = comment_directive(&dl, name, text, len, n, e);
            if (rc) {
                free(stack);
                gumbo_destroy_output(&opt, out);
                directive_list_clear(&dl);
                free(clean);
                return rc;
            }
            continue;
        }
        if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT
            && n->type != GUMBO_NODE_TEMPLATE)
            continue;           /* comments, CDATA */
        if (GROW(stack, cap, n_stack + 2))     /* an h1 or a title */
            goto nomem;
        if (n->type != GUMBO_NODE_DOCUMENT) {
            const GumboElement *el = &n->v.element;
            if (skipped(el->tag))
                continue;
            if (is_block(el->tag)) {
                block_break(clean, len, &el->original_tag, text);
                block_break(clean, len, &el->original_end_tag, text);
            }
            if (el->tag == GUMBO_TAG_H1 && !have_h1 && !in_h1) {
                in_h1 = n;
                stack[n_stack++] = (struct visit){ n, 1 };
            }
            if (el->tag == GUMBO_TAG_TITLE && ts == te && !in_title) {
                in_title = n;
                stack[n_stack++] = (struct visit){ n, 1 };
            }
        }
        {
            const GumboVector *ch = n->type == GUMBO_NODE_DOCUMENT
                                    ? &n->v.document.children
                                    : &n->v.element.children;
            if (GROW(stack, cap, n_stack + ch->length))
                goto nomem;
            /* children in reverse, so they come off the stack in order */
            for (unsigned i = ch->length; i-- > 0;)
                stack[n_stack++] = (struct visit){ ch->data[i], 0 };
        }
    }
    free(stack);
    gumbo_destroy_output(&opt, out);
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
    gumbo_destroy_output(&opt, out);
    directive_list_clear(&dl);
    free(clean);
    return err_set(e, STATUS_NOMEM, "%s: out of memory", name);
}
