/* document.c - an article as headline, sentences and quoted statements. */
#include "doc/document.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "base/grow.h"
#include "doc/directive.h"
#include "text/sentence.h"
#include "text/utf8.h"

void document_init(struct document *d)
{
    memset(d, 0, sizeof *d);
    d->headline = SIZE_MAX;
}

void document_clear(struct document *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->st[i].speaker);
    free(d->st);
    free(d->line_start);
    free(d->col_mark);
    free(d->headline_text);
    free(d->clean_owned);
    free(d->text_owned);
    free(d->left);
    document_init(d);
}

const char *stmt_kind_name(enum stmt_kind k)
{
    switch (k) {
    case STMT_HEADLINE: return "headline";
    case STMT_SENTENCE: return "sentence";
    case STMT_QUOTE: return "quote";
    case STMT_REPORTED: return "reported";
    }
    return "?";
}

const char *doc_clean_text(const struct document *d, size_t i, size_t *len)
{
    const struct statement *s = &d->st[i];

    if (s->kind == STMT_HEADLINE && d->headline_text) {
        *len = strlen(d->headline_text);
        return d->headline_text;
    }
    if (s->kind == STMT_HEADLINE)   /* blanked in clean: it is prose */
        return doc_text(d, i, len);
    *len = s->pos.end - s->pos.start;
    return d->clean + s->pos.start;
}

const char *doc_text(const struct document *d, size_t i, size_t *len)
{
    const struct statement *s = &d->st[i];

    if (s->kind == STMT_HEADLINE && d->headline_text) {
        *len = strlen(d->headline_text);
        return d->headline_text;
    }
    *len = s->pos.end - s->pos.start;
    return d->text + s->pos.start;
}

static size_t line_index(const struct document *d, size_t off)
{
    size_t lo = 0, hi = d->n_lines;

    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Code points from the start of line l to byte off of it. */
static size_t column_of(const struct document *d, size_t l, size_t off)
{
    size_t from = d->line_start[l], cols = 0;

    if (d->col_mark && off / DOC_COL_STEP * DOC_COL_STEP > from) {
        from = off / DOC_COL_STEP * DOC_COL_STEP;
        cols = d->col_mark[off / DOC_COL_STEP];
    }
    return cols + utf8_count(d->text + from, off - from);
}

void doc_locate(const struct document *d, struct doc_pos *p)
{
    size_t l = line_index(d, p->start);

    p->line = l + 1;
    p->col = column_of(d, l, p->start) + 1;
    l = line_index(d, p->end);
    p->end_line = l + 1;
    p->end_col = column_of(d, l, p->end) + 1;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
        || c == '\v';
}

/* A span of a cleaned HTML text may end inside an entity whose one-byte
 * stand-in closed it (&quot; -> "): end it after the entity instead. */
static size_t entity_end(const char *t, size_t len, size_t start, size_t end)
{
    size_t amp = end;

    while (amp > start && end - amp < 12 && t[amp - 1] != ';'
           && t[amp - 1] != '&')
        amp--;
    if (amp == start || t[amp - 1] != '&')
        return end;
    for (size_t j = end; j < len && j - amp < 12; j++) {
        if (t[j] == ';')
            return j + 1;
        if (!((t[j] >= 'a' && t[j] <= 'z') || (t[j] >= 'A' && t[j] <= 'Z')
              || (t[j] >= '0' && t[j] <= '9') || t[j] == '#'))
            break;
    }
    return end;
}

static int add_stmt(struct document *d, enum stmt_kind kind, size_t start,
                    size_t end, size_t paragraph, size_t sentence,
                    const char *speaker, size_t speaker_len)
{
    struct statement *s;

    if (GROW(d->st, d->cap, d->n + 1))
        return STATUS_NOMEM;
    if (d->clean != d->text)
        end = entity_end(d->text, d->len, start, end);
    s = &d->st[d->n];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->pos.start = start;
    s->pos.end = end;
    s->paragraph = paragraph;
    s->sentence = sentence;
    if (speaker) {
        s->speaker = malloc(speaker_len + 1);
        if (!s->speaker)
            return STATUS_NOMEM;
        memcpy(s->speaker, speaker, speaker_len);
        s->speaker[speaker_len] = '\0';
    }
    doc_locate(d, &s->pos);
    d->n++;
    return 0;
}

/* ---- words of a sentence, for finding speakers ---- */

struct word {
    size_t start, end;
};

static int is_upper_at(const char *s, size_t len, size_t i)
{
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                         (utf8proc_ssize_t)(len - i), &cp) < 1)
        return 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static int is_word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9') || c == '\'' || c == '-' || c == '.';
}

/* Words of s[from, to), at most max. */
static size_t words_of(const char *s, size_t from, size_t to,
                       struct word *w, size_t max)
{
    size_t n = 0, i = from;

    while (i < to && n < max) {
        while (i < to && !is_word_byte((unsigned char)s[i]))
            i++;
        if (i >= to)
            break;
        w[n].start = i;
        while (i < to && is_word_byte((unsigned char)s[i]))
            i++;
        w[n].end = i;
        /* a trailing period ends a sentence, not a word (but keep Mr.) */
        while (w[n].end > w[n].start + 1 && s[w[n].end - 1] == '.'
               && w[n].end - w[n].start > 3)
            w[n].end--;
        n++;
    }
    return n;
}

static int word_is(const char *s, const struct word *w, const char *const *list,
                   size_t n)
{
    size_t len = w->end - w->start;
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && strncasecmp(s + w->start, list[i], len)
            == 0)
            return 1;
    return 0;
}

static const char *const speech[] = {
    "said", "says", "told", "added", "stated", "insisted", "denied",
    "asked", "wrote", "tweeted", "explained", "replied", "claimed",
    "declared", "warned", "argued", "announced", "insists", "adds",
    "tells", "writes", "claims", "argues", "warns", "announces"
};
static const char *const pronouns[] = { "he", "she", "they", "it", "we",
                                        "i" };
static const char *const determiners[] = { "the", "a", "an", "its",
                                           "his", "her", "their" };
static const char *const deny[] = {
    "denied", "denies", "deny", "rejected", "rejects", "refuted", "refutes",
    "dismissed", "dismisses", "disputed", "disputes", "rebutted", "rebuts",
    "contradicted", "contradicts"
};

#define N_OF(a) (sizeof (a) / sizeof *(a))

/* The run of capitalised words (a name) starting at word i going forward
 * (dir 1) or ending there going back (dir -1): its byte range. */
static int name_at(const char *s, size_t len, const struct word *w,
                   size_t n, size_t i, int dir, size_t *start, size_t *end)
{
    size_t k = i, count = 0;

    if (i >= n)
        return 0;
    if (word_is(s, &w[i], pronouns, N_OF(pronouns))) {
        *start = w[i].start;
        *end = w[i].end;
        return 1;
    }
    while (k < n && count < 5 && is_upper_at(s, len, w[k].start)) {
        count++;
        if (dir < 0) {
            if (k == 0)
                break;
            k--;
        } else {
            k++;
        }
    }
    if (count == 0)
        return 0;
    if (dir > 0) {
        *start = w[i].start;
        *end = w[i + count - 1].end;
    } else {
        *start = w[i + 1 - count].start;
        *end = w[i].end;
    }
    return 1;
}

/* Who is speaking a quote in sentence [ss, se) between qs (the opening
 * mark) and qe (after the closing mark)? */
static int find_speaker(const char *s, size_t len, size_t ss, size_t se,
                        size_t qs, size_t qe, size_t *a, size_t *b)
{
    struct word w[16];
    size_t n;

    /* "...", Peskov said / "...", said Peskov / "..." he told reporters */
    n = words_of(s, qe, se, w, 16);
    if (n >= 2 && word_is(s, &w[0], speech, N_OF(speech))
        && name_at(s, len, w, n, 1, 1, a, b))
        return 1;
    if (n >= 2 && word_is(s, &w[1], speech, N_OF(speech))
        && name_at(s, len, w, n, 0, 1, a, b))
        return 1;
    if (n >= 3 && word_is(s, &w[2], speech, N_OF(speech))
        && name_at(s, len, w, 2, 1, -1, a, b))
        return 1;
    /* "...", Dmitry Peskov, the Kremlin spokesman, told reporters */
    for (size_t k = 1; k < n && k < 10; k++)
        if (word_is(s, &w[k], speech, N_OF(speech))) {
            if (name_at(s, len, w, n, 0, 1, a, b))
                return 1;
            break;
        }
    /* Peskov said: "..." / the mayor said: "..." */
    n = words_of(s, ss, qs, w, 16);
    for (size_t k = n; k-- > 1;)
        if (word_is(s, &w[k], speech, N_OF(speech))) {
            if (name_at(s, len, w, n, k - 1, -1, a, b))
                return 1;
            if (k >= 2 && word_is(s, &w[k - 2], determiners,
                                  N_OF(determiners))) {
                *a = w[k - 2].start;
                *b = w[k - 1].end;
                return 1;
            }
        }
    /* according to the Kremlin */
    for (size_t k = 0; k + 2 < n; k++)
        if (w[k].end - w[k].start == 9
            && strncasecmp(s + w[k].start, "according", 9) == 0
            && name_at(s, len, w, n, k + 2, 1, a, b))
            return 1;
    n = words_of(s, qe, se, w, 16);
    for (size_t k = 0; k + 2 < n; k++)
        if (w[k].end - w[k].start == 9
            && strncasecmp(s + w[k].start, "according", 9) == 0
            && name_at(s, len, w, n, k + 2, 1, a, b))
            return 1;
    return 0;
}

/* Quotes inside sentence [ss, se): straight pairs and curly pairs. */
static int extract_quotes(struct document *d, size_t sent, size_t ss,
                          size_t se)
{
    const char *s = d->clean;
    size_t i = ss, open = SIZE_MAX, open_len = 0;
    int curly = 0;

    while (i < se) {
        unsigned char c = (unsigned char)s[i];
        int is_open = 0, is_close = 0;
        size_t k = 1;

        if (c == '"') {
            is_open = open == SIZE_MAX;
            is_close = open != SIZE_MAX && !curly;
        } else if (c == 0xE2 && i + 2 < se && (unsigned char)s[i + 1] == 0x80
                   && ((unsigned char)s[i + 2] == 0x9C
                       || (unsigned char)s[i + 2] == 0x9D)) {
            k = 3;
            is_open = (unsigned char)s[i + 2] == 0x9C && open == SIZE_MAX;
            is_close = (unsigned char)s[i + 2] == 0x9D && open != SIZE_MAX
                       && curly;
        }
        if (is_open) {
            open = i;
            open_len = k;
            curly = k == 3;
        } else if (is_close) {
            size_t qs = open + open_len, qe = i, a = 0, b = 0, words = 0;
            int has = 0;
            while (qs < qe && is_space((unsigned char)s[qs]))
                qs++;
            while (qe > qs && (is_space((unsigned char)s[qe - 1])
                               || s[qe - 1] == ','))
                qe--;
            for (size_t j = qs; j < qe; j++)
                words += is_space((unsigned char)s[j])
                         && !is_space((unsigned char)s[j + 1]);
            /* a quoted word or two is a name or a term, not a statement */
            if (qe > qs && words >= 1) {
                has = find_speaker(s, d->len, ss, se, open, i + k, &a, &b);
                if (add_stmt(d, STMT_QUOTE, qs, qe, d->st[sent].paragraph,
                             sent, has ? s + a : NULL, has ? b - a : 0))
                    return STATUS_NOMEM;
            }
            open = SIZE_MAX;
        }
        i += k;
    }
    return 0;
}

/* "X denied that ...", "X rejected claims ...": reported without quotes. */
static int extract_reported(struct document *d, size_t sent, size_t ss,
                            size_t se)
{
    const char *s = d->clean;
    struct word w[64];
    size_t n = words_of(s, ss, se, w, 64), a, b;

    for (size_t k = 1; k + 1 < n; k++) {
        size_t from;
        if (!word_is(s, &w[k], deny, N_OF(deny)))
            continue;
        if (!name_at(s, d->len, w, n, k - 1, -1, &a, &b))
            continue;
        from = w[k + 1].start;
        if (w[k + 1].end - w[k + 1].start == 4
            && strncasecmp(s + from, "that", 4) == 0 && k + 2 < n)
            from = w[k + 2].start;
        {
            size_t end = se;
            while (end > from && (is_space((unsigned char)s[end - 1])
                                  || s[end - 1] == '.'))
                end--;
            if (end > from && add_stmt(d, STMT_REPORTED, from, end,
                                       d->st[sent].paragraph, sent, s + a,
                                       b - a))
                return STATUS_NOMEM;
        }
        break;
    }
    return 0;
}

/* Byte offsets of the lines of the original, for line:column (a front
 * end may put line breaks in clean where blocks end). */
static int find_lines(struct document *d)
{
    size_t n = 0;

    for (size_t i = 0; i < d->len; i++)
        n += d->text[i] == '\n';
    d->line_start = malloc((n + 2) * sizeof *d->line_start);
    if (!d->line_start)
        return STATUS_NOMEM;
    d->n_lines = 0;
    d->line_start[d->n_lines++] = 0;
    for (size_t i = 0; i < d->len; i++)
        if (d->text[i] == '\n')
            d->line_start[d->n_lines++] = i + 1;
    d->col_mark = malloc((d->len / DOC_COL_STEP + 1) * sizeof *d->col_mark);
    if (!d->col_mark)
        return STATUS_NOMEM;
    for (size_t i = 0, cols = 0; i <= d->len; i++) {
        if (i % DOC_COL_STEP == 0)
            d->col_mark[i / DOC_COL_STEP] = cols;
        if (i < d->len)
            cols = d->text[i] == '\n' ? 0
                   : cols + (((unsigned char)d->text[i] & 0xC0) != 0x80);
    }
    return 0;
}

/* The shared core of the parsers.  d->text is the original and d->clean
 * the text to analyse: the same length, with everything that is not prose
 * (markup, code, comments, furniture, the headline when it stands inside
 * the text) blanked to spaces, so every offset means the same in both.
 * The headline is the span [hs, he) of the original, or headline text
 * when hs == he.  The body is clean[body_start..len). */
static int doc_build(struct document *d, size_t hs, size_t he,
                     const char *headline, struct err *e)
{
    const char *text = d->clean, *name = d->name;
    size_t len = d->len;
    struct span *sp = NULL;
    size_t n_sp = 0, n_sent, i, para = 1, prev_end;
    int rc = 0;

    if (hs == he) {
        size_t hl;
        if (!headline) {
            /* all furniture, or an empty draft: nothing to check */
            d->nothing = 1;
            return 0;
        }
        hl = strlen(headline);
        d->headline_text = malloc(hl + 1);
        if (!d->headline_text)
            goto nomem;
        memcpy(d->headline_text, headline, hl + 1);
    }
    if (add_stmt(d, STMT_HEADLINE, hs, he, 0, SIZE_MAX, NULL, 0))
        goto nomem;
    d->headline = 0;
    d->body_end = len;
    if (text_split_sentences(text + d->body_start, len - d->body_start, &sp,
                             &n_sp))
        goto nomem;
    if (n_sp == 0) {
        /* a headline over furniture only, a stub draft (front matter and
           a heading) or a body switched off by directives: nothing to
           check, as prose linters pass an empty file */
        d->nothing = 1;
        goto out;
    }
    prev_end = d->body_start;
    for (i = 0; i < n_sp; i++) {
        size_t s0 = d->body_start + sp[i].start, s1 = d->body_start + sp[i].end;
        /* a blank line between sentences starts a paragraph */
        for (size_t j = prev_end; j + 1 < s0; j++)
            if (text[j] == '\n') {
                size_t k = j + 1;
                while (k < s0 && (text[k] == ' ' || text[k] == '\t'
                                  || text[k] == '\r'))
                    k++;
                if (k < s0 && text[k] == '\n') {
                    para++;
                    break;
                }
            }
        if (i == 0)
            para = 1;
        if (add_stmt(d, STMT_SENTENCE, s0, s1, para, SIZE_MAX, NULL, 0))
            goto nomem;
        prev_end = s1;
    }
    n_sent = d->n;
    for (i = 0; i < n_sent; i++) {
        if (d->st[i].kind != STMT_SENTENCE)
            continue;
        if (extract_quotes(d, i, d->st[i].pos.start, d->st[i].pos.end)
            || extract_reported(d, i, d->st[i].pos.start, d->st[i].pos.end))
            goto nomem;
    }
    goto out;
nomem:
    rc = err_set(e, STATUS_NOMEM, "%s: out of memory", name);
out:
    free(sp);
    return rc;
}

/* Leave out the furniture of clean (owned by d when d->clean_owned,
 * else the original): blank each furniture line and list it.  With find,
 * the headline is the first line that reads as one: [*hs, *he). */
static int leave_out(struct document *d, const struct furniture *fu,
                     unsigned flags, size_t *hs, size_t *he, struct err *e)
{
    struct furniture_scan sc;
    int rc = 0;

    furniture_scan_init(&sc);
    if (furniture_scan_text(fu, d->clean, d->len, flags, &sc))
        goto nomem;
    if (flags & FURNITURE_SCAN_HEADLINE) {
        *hs = sc.hs;
        *he = sc.he;
    }
    if (sc.n == 0)
        goto out;
    if (!d->clean_owned) {
        if (!(d->clean_owned = malloc(d->len + 1)))
            goto nomem;
        memcpy(d->clean_owned, d->text, d->len + 1);
        d->clean = d->clean_owned;
    }
    if (!(d->left = malloc(sc.n * sizeof *d->left)))
        goto nomem;
    for (size_t i = 0; i < sc.n; i++) {
        struct doc_left_out *l = &d->left[d->n_left++];
        memset(l, 0, sizeof *l);
        l->pos.start = sc.span[i].start;
        l->pos.end = sc.span[i].end;
        l->kind = sc.span[i].kind;
        doc_locate(d, &l->pos);
        for (size_t k = l->pos.start; k < l->pos.end; k++)
            if (d->clean_owned[k] != '\n')
                d->clean_owned[k] = ' ';
    }
    goto out;
nomem:
    rc = err_set(e, STATUS_NOMEM, "%s: out of memory", d->name);
out:
    furniture_scan_clear(&sc);
    return rc;
}

/* Both parsers' common path: d's text, clean and len are set. */
static int doc_finish(struct document *d, size_t hs, size_t he,
                      const char *headline, const struct furniture *fu,
                      unsigned flags, struct err *e)
{
    int rc;

    if (find_lines(d))
        return err_set(e, STATUS_NOMEM, "%s: out of memory", d->name);
    if (headline)
        hs = he = 0;
    else if (hs == he)
        flags |= FURNITURE_SCAN_HEADLINE;
    else
        flags &= ~(unsigned)FURNITURE_SCAN_HEADLINE;
    if (hs < he) {
        /* the headline is analysed as the headline, not as body text */
        for (size_t i = hs; i < he; i++)
            d->clean_owned[i] = d->text[i] == '\n' ? '\n' : ' ';
    }
    if ((rc = leave_out(d, fu, flags, &hs, &he, e)) != 0)
        return rc;
    if (hs < he && d->clean_owned) {
        for (size_t i = hs; i < he; i++)
            d->clean_owned[i] = d->text[i] == '\n' ? '\n' : ' ';
        d->body_start = 0;
    } else if (hs < he) {
        d->body_start = he;     /* plain text, the headline its first line */
    }
    return doc_build(d, hs, he, headline, e);
}

int doc_parse_text(struct document *d, const char *name, const char *text,
                   size_t len, const char *headline,
                   const struct furniture *fu, struct err *e)
{
    struct directive_list dl = { 0 };
    int rc, bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;

    document_init(d);           /* clearable even when parsing fails */
    d->name = name;
    d->text = d->clean = text;
    d->len = len;
    /* with gainsay's comments, read it as prose with those parts blanked */
    if ((rc = directive_scan_lines(&dl, name, text, len, e)) != 0) {
        directive_list_clear(&dl);
        return rc;
    }
    if (dl.n > 0 || bom) {
        if (!(d->clean_owned = malloc(len + 1))) {
            directive_list_clear(&dl);
            return err_set(e, STATUS_NOMEM, "%s: out of memory", name);
        }
        memcpy(d->clean_owned, text, len + 1);
        directive_apply(&dl, d->clean_owned, len);
        if (bom)                /* a byte-order mark is not the headline's */
            memset(d->clean_owned, ' ', 3);
        d->clean = d->clean_owned;
    }
    directive_list_clear(&dl);
    return doc_finish(d, 0, 0, headline, fu, FURNITURE_SCAN_TRAILING, e);
}

int doc_parse_masked(struct document *d, const char *name, const char *text,
                     char *clean, size_t len, size_t hs, size_t he,
                     const char *headline, const struct furniture *fu,
                     struct err *e)
{
    document_init(d);
    d->name = name;
    d->text = text;
    d->clean = clean;
    d->clean_owned = clean;
    d->len = len;
    return doc_finish(d, hs, he, headline, fu, 0, e);
}
