/* tokenize.c - UTF-8 text to case-folded word tokens (utf8proc, no locale). */
#include "text/tokenize.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/grow.h"
#include "base/hash.h"

void token_list_init(struct token_list *tl)
{
    memset(tl, 0, sizeof *tl);
}

void token_list_clear(struct token_list *tl)
{
    free(tl->text);
    free(tl->tok);
    token_list_init(tl);
}

void token_list_reset(struct token_list *tl)
{
    tl->n = 0;
    tl->text_len = 0;
}

static int push(struct token_list *tl, const char *s, size_t n, uint32_t flags)
{
    struct token *t;

    if (n == 0)
        return 0;
    if (n > UINT32_MAX / 2 || tl->text_len + n + 1 > UINT32_MAX)
        return STATUS_NOMEM;    /* token offsets are 32-bit */
    if (GROW(tl->text, tl->text_cap, tl->text_len + n + 1)
        || GROW(tl->tok, tl->cap, tl->n + 1))
        return STATUS_NOMEM;
    t = &tl->tok[tl->n++];
    t->off = (uint32_t)tl->text_len;
    t->len = (uint32_t)n;
    t->hash = fnv1a(s, n);
    t->flags = flags;
    memcpy(tl->text + tl->text_len, s, n);
    tl->text_len += n;
    tl->text[tl->text_len++] = '\0';
    return 0;
}

static int is_word_cat(utf8proc_category_t c)
{
    switch (c) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

/* The word characters of ASCII (letters and digits: utf8proc's L* and Nd
 * there; '_' is Pc), without a table lookup in utf8proc. */
static int ascii_word(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9');
}

/* The code point at p[0..n) (n > 0) and its length: ASCII directly,
 * anything else through utf8proc (a negative length for bad UTF-8). */
static utf8proc_ssize_t next_cp(const utf8proc_uint8_t *p,
                                utf8proc_ssize_t n, utf8proc_int32_t *cp)
{
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    return utf8proc_iterate(p, n, cp);
}

static int cp_is_word(utf8proc_int32_t cp)
{
    return cp < 0x80 ? ascii_word((unsigned)cp)
                     : is_word_cat(utf8proc_category(cp));
}

static int is_digits(const char *s, size_t n)
{
    int digit = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digit = 1;
        else if (s[i] != '.')
            return 0;
    }
    return digit;
}

/* Emit one word, splitting "cannot"; w is the word with any clitic removed. */
static int emit_word(struct token_list *tl, const char *w, size_t n)
{
    if (n == 6 && memcmp(w, "cannot", 6) == 0) {
        int rc = push(tl, "can", 3, 0);
        return rc ? rc : push(tl, "not", 3, 0);
    }
    return push(tl, w, n, is_digits(w, n) ? TOKEN_NUMBER : 0);
}

/* The next word of the original (unfolded) text from *pos: does it begin
 * with a capital?  Case folding keeps letters letters, so the words of the
 * original and of the folded text correspond one to one when both join
 * the same things (1,000 and it's, as text_tokenize() does). */
static int next_raw_cap(const char *s, size_t len, size_t *pos)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    size_t i = *pos;
    int cap = 0, in_word = 0, apos = 0;
    utf8proc_int32_t prev = 0;

    while (i < len) {
        utf8proc_int32_t cp, next = 0;
        utf8proc_ssize_t n = next_cp(u + i, (utf8proc_ssize_t)(len - i),
                                     &cp);
        utf8proc_category_t c;
        if (n <= 0)
            break;
        if (cp < 0x80) {
            /* ASCII: no category lookup (and no Cf to fold away) */
            if (ascii_word((unsigned)cp)) {
                if (!in_word)
                    cap = cp >= 'A' && cp <= 'Z';
                in_word = 1;
                prev = cp;
                i += (size_t)n;
                continue;
            }
            c = UTF8PROC_CATEGORY_PO;
        } else {
            c = utf8proc_category(cp);
        }
        if (cp >= 0x80 && is_word_cat(c)) {
            if (!in_word)
                cap = c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
            in_word = 1;
            prev = cp;
            i += (size_t)n;
            continue;
        }
        if (in_word && c == UTF8PROC_CATEGORY_CF) {
            i += (size_t)n;         /* folded away (soft hyphens) */
            continue;
        }
        if (!in_word) {
            i += (size_t)n;
            continue;
        }
        if (i + (size_t)n < len)
            next_cp(u + i + (size_t)n,
                    (utf8proc_ssize_t)(len - i - (size_t)n), &next);
        if ((cp == ',' || cp == '.') && prev >= '0' && prev <= '9'
            && next >= '0' && next <= '9') {
            i += (size_t)n;
            continue;
        }
        if (!apos && (cp == '\'' || cp == 0x2019) && next > 0
            && cp_is_word(next)) {
            apos = 1;
            i += (size_t)n;
            continue;
        }
        break;
    }
    *pos = i;
    return cap;
}

/* A word and the clitic after its apostrophe ("don" + "t", "it" + "s"). */
static int emit_contraction(struct token_list *tl, const char *w, size_t n,
                            const char *cl, size_t ncl)
{
    int rc;

    if (ncl == 1 && cl[0] == 't' && n >= 2 && w[n - 1] == 'n') {
        /* can't -> ca + n't: restore the stems that lose their n */
        if (n == 3 && memcmp(w, "can", 3) == 0)
            rc = push(tl, "can", 3, 0);
        else if (n == 3 && memcmp(w, "won", 3) == 0)
            rc = push(tl, "will", 4, 0);
        else if (n == 4 && memcmp(w, "shan", 4) == 0)
            rc = push(tl, "shall", 5, 0);
        else
            rc = emit_word(tl, w, n - 1);
        return rc ? rc : push(tl, "n't", 3, TOKEN_NEG);
    }
    if ((ncl == 1 && (cl[0] == 's' || cl[0] == 'd' || cl[0] == 'm'))
        || (ncl == 2 && (memcmp(cl, "re", 2) == 0 || memcmp(cl, "ll", 2) == 0
                         || memcmp(cl, "ve", 2) == 0))) {
        char buf[4] = "'";
        rc = emit_word(tl, w, n);
        memcpy(buf + 1, cl, ncl);
        return rc ? rc : push(tl, buf, ncl + 1, 0);
    }
    return -1;                  /* not a contraction: caller joins */
}

/* A finished word of w[0..n) (apos: where its clitic starts, 0: none), the
 * first token it makes marked TOKEN_CAP when cap. */
static int emit_finished(struct token_list *tl, const char *w, size_t n,
                         size_t apos, int cap)
{
    size_t first = tl->n;
    int rc = -1;

    if (apos)
        rc = emit_contraction(tl, w, apos, w + apos, n - apos);
    if (rc < 0)                 /* o'brien -> obrien */
        rc = emit_word(tl, w, n);
    if (rc == 0 && cap && first < tl->n)
        tl->tok[first].flags |= TOKEN_CAP;
    return rc;
}

const char *text_status_message(int rc)
{
    switch (rc) {
    case STATUS_UTF8: return "invalid UTF-8 in a statement";
    case STATUS_LIMIT: return "a statement grows more than threefold under "
                              "Unicode (NFKC) normalisation";
    case STATUS_NOMEM: return "out of memory";
    default: return status_name((enum status)rc);
    }
}

#define FOLD_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE \
                      | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK \
                      | UTF8PROC_IGNORE)

/* Would s[0..len) decompose past the growth limit?  Counted a character
 * at a time and stopped at the limit, so a long hostile text is refused
 * before utf8proc_map builds its 4-bytes-a-code-point copy of it. */
static int grows_too_much(const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0, n = 0, max = TEXT_MAX_GROWTH * len + TEXT_GROWTH_SLACK;
    int boundclass = UTF8PROC_BOUNDCLASS_START;

    while (i < len && n <= max) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i,
                                              (utf8proc_ssize_t)(len - i),
                                              &cp), d;
        if (k < 0)
            return 0;           /* utf8proc_map reports it */
        i += (size_t)k;
        if (cp < 0x80) {
            n++;
            continue;
        }
        d = utf8proc_decompose_char(cp, NULL, 0, FOLD_OPTIONS, &boundclass);
        n += d > 0 ? (size_t)d : 1;
    }
    return n > max;
}

/* Is s[i] (i < len) ASCII and not followed by anything but ASCII?  Such
 * a byte folds to itself, lower-cased, whatever is around it: NFKC leaves
 * ASCII alone, no composition has an ASCII second element, and ASCII
 * letters fold one to one.  A byte followed by other characters may
 * combine with them (e + U+0301), so it goes to utf8proc with them. */
static int ascii_alone(const unsigned char *s, size_t len, size_t i)
{
    return s[i] < 0x80 && (i + 1 == len || s[i + 1] < 0x80);
}

/* The ASCII that stands alone is lower-cased here and only the rest, a
 * run at a time, normalised by utf8proc: the same bytes as utf8proc_map()
 * of the whole, since those runs begin and end beside ASCII that nothing
 * combines with (see ascii_alone()).  Returns 0, or a utf8proc error. */
static utf8proc_ssize_t fold_text(const char *str, size_t len,
                                  utf8proc_uint8_t **out, size_t *n_out)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t cap = len + 64, n = 0, wcap = 0;
    utf8proc_uint8_t *o = malloc(cap);
    utf8proc_int32_t *w = NULL;
    utf8proc_ssize_t rc = 0;

    if (!o)
        return UTF8PROC_ERROR_NOMEM;
    for (size_t i = 0; i < len;) {
        size_t j;
        utf8proc_ssize_t k;
        if (ascii_alone(s, len, i)) {
            /* a stretch of ASCII at once */
            for (j = i; j < len && ascii_alone(s, len, j); j++)
                o[n + j - i] = (utf8proc_uint8_t)(s[j] >= 'A' && s[j] <= 'Z'
                                                  ? s[j] + 32 : s[j]);
            n += j - i;
            i = j;
            continue;
        }
        for (j = i + 1; j < len && !ascii_alone(s, len, j); j++)
            ;
        /* s[i..j) as utf8proc_map does it: decompose into code points,
         * then compose and re-encode in place */
        k = utf8proc_decompose_custom(s + i, (utf8proc_ssize_t)(j - i), NULL,
                                      0, FOLD_OPTIONS, NULL, NULL);
        if (k < 0) {
            rc = k;
            goto fail;
        }
        if ((size_t)k + 1 > wcap) {
            utf8proc_int32_t *p = realloc(w, ((size_t)k + 1) * sizeof *w);
            if (!p) {
                rc = UTF8PROC_ERROR_NOMEM;
                goto fail;
            }
            w = p;
            wcap = (size_t)k + 1;
        }
        k = utf8proc_decompose_custom(s + i, (utf8proc_ssize_t)(j - i), w, k,
                                      FOLD_OPTIONS, NULL, NULL);
        if (k >= 0)
            k = utf8proc_reencode(w, k, FOLD_OPTIONS);
        if (k < 0) {
            rc = k;
            goto fail;
        }
        /* room for the rest of the text too, were it all ASCII */
        if (n + (size_t)k + (len - j) + 1 > cap) {
            size_t nc = 2 * cap;
            utf8proc_uint8_t *p;
            while (nc < n + (size_t)k + (len - j) + 1)
                nc *= 2;
            p = realloc(o, nc);
            if (!p) {
                rc = UTF8PROC_ERROR_NOMEM;
                goto fail;
            }
            o = p;
            cap = nc;
        }
        memcpy(o + n, w, (size_t)k);
        n += (size_t)k;
        i = j;
    }
    o[n] = '\0';
    free(w);
    *out = o;
    *n_out = n;
    return 0;
fail:
    free(w);
    free(o);
    return rc;
}

int text_fold(const char *s, size_t len, char **out, size_t *n)
{
    utf8proc_uint8_t *o = NULL;
    utf8proc_ssize_t rc = fold_text(s, len, &o, n);

    if (rc < 0)
        return rc == UTF8PROC_ERROR_NOMEM ? STATUS_NOMEM : STATUS_UTF8;
    *out = (char *)o;
    return 0;
}

/* Is s[0..len) all ASCII?  Eight bytes at a time. */
static int all_ascii(const char *s, size_t len)
{
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080u)
            return 0;
    }
    for (; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

/* text_tokenize() of ASCII text: the same loop as the general one below,
 * but folding is lower-casing (no copy is made: see ascii_alone()), and a
 * word's capital is its first byte, since the words of the text and of
 * its folded copy start at the same bytes (see next_raw_cap()).
 * test_ascii_tokens compares the two paths. */
static int tokenize_ascii(const char *s, size_t len, struct token_list *tl)
{
    char stack[512], *word = len < sizeof stack ? stack : malloc(len + 1);
    size_t wn = 0, apos = 0, start = 0;
    int rc = 0;

    if (!word)
        return STATUS_NOMEM;
    for (size_t i = 0; i <= len; i++) {
        unsigned c = i < len ? (unsigned char)s[i] : 0, next;

        if (i < len && ascii_word(c)) {
            if (wn == 0)
                start = i;
            word[wn++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            continue;
        }
        next = i + 1 < len ? (unsigned char)s[i + 1] : 0;
        /* 1,000 and 3.5 stay one number */
        if (wn > 0 && (c == ',' || c == '.') && word[wn - 1] >= '0'
            && word[wn - 1] <= '9' && next >= '0' && next <= '9') {
            if (c == '.')
                word[wn++] = '.';
            continue;
        }
        /* an apostrophe inside a word: remember where the clitic starts */
        if (wn > 0 && apos == 0 && c == '\'' && ascii_word(next)) {
            apos = wn;
            continue;
        }
        if (wn > 0) {
            rc = emit_finished(tl, word, wn, apos,
                               s[start] >= 'A' && s[start] <= 'Z');
            if (rc)
                goto out;
            wn = 0;
            apos = 0;
        }
        if (c == '?' && (rc = push(tl, "?", 1, TOKEN_PUNCT)) != 0)
            goto out;
    }
out:
    if (word != stack)
        free(word);
    return rc;
}

int text_tokenize(const char *s, size_t len, struct token_list *tl)
{
    return all_ascii(s, len) ? tokenize_ascii(s, len, tl)
                             : text_tokenize_unicode(s, len, tl);
}

int text_tokenize_unicode(const char *s, size_t len, struct token_list *tl)
{
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t flen;
    char *word = NULL;
    size_t wn = 0, apos = 0;    /* apos: byte index in word after ' (0: none) */
    size_t raw = 0;             /* where the next word of s is looked for */
    int rc = 0;

    if (len == 0)
        return 0;
    if (len > 65536 && grows_too_much(s, len))
        return STATUS_LIMIT;
    {
        size_t fl = 0;
        flen = fold_text(s, len, &folded, &fl);
        if (flen < 0)
            return flen == UTF8PROC_ERROR_NOMEM ? STATUS_NOMEM : STATUS_UTF8;
        flen = (utf8proc_ssize_t)fl;
    }
    if ((size_t)flen / TEXT_MAX_GROWTH > len + TEXT_GROWTH_SLACK) {
        rc = STATUS_LIMIT;      /* before a token is made of it */
        goto out;
    }
    word = malloc((size_t)flen + 1);
    if (!word) {
        rc = STATUS_NOMEM;
        goto out;
    }
    for (utf8proc_ssize_t i = 0; i <= flen;) {
        utf8proc_int32_t cp = 0, next = 0;
        utf8proc_ssize_t n = 1;
        int word_char = 0;

        if (i < flen) {
            n = next_cp(folded + i, flen - i, &cp);
            if (n < 0) {
                rc = STATUS_UTF8;
                goto out;
            }
            word_char = cp_is_word(cp);
        }
        if (word_char) {
            memcpy(word + wn, folded + i, (size_t)n);
            wn += (size_t)n;
            i += n;
            continue;
        }
        if (i < flen && i + n < flen)
            next_cp(folded + i + n, flen - i - n, &next);
        /* 1,000 and 3.5 stay one number */
        if (wn > 0 && (cp == ',' || cp == '.') && word[wn - 1] >= '0'
            && word[wn - 1] <= '9' && next >= '0' && next <= '9') {
            if (cp == '.')
                word[wn++] = '.';
            i += n;
            continue;
        }
        /* an apostrophe inside a word: remember where the clitic starts */
        if (wn > 0 && apos == 0 && (cp == '\'' || cp == 0x2019)
            && next > 0 && cp_is_word(next)) {
            apos = wn;
            i += n;
            continue;
        }
        if (wn > 0) {
            int cap = next_raw_cap(s, len, &raw);
            rc = emit_finished(tl, word, wn, apos, cap);
            if (rc)
                goto out;
            wn = 0;
            apos = 0;
        }
        if (cp == '?' && (rc = push(tl, "?", 1, TOKEN_PUNCT)) != 0)
            goto out;
        i += n;
    }
out:
    free(word);
    free(folded);
    return rc;
}
