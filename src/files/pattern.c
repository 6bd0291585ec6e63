/* pattern.c - gitignore-style path patterns (the rules of gitignore(5)). */
#include "files/pattern.h"

#include <stdlib.h>
#include <string.h>

/* Results of one attempt.  Giving up early is what keeps a pattern of
 * many stars linear-ish on a long path: when a '*' cannot match the rest
 * of the text, no shorter match for an earlier '*' can either (the trick
 * of git's wildmatch). */
enum { WM_NOMATCH, WM_MATCH, WM_ABORT_ALL, WM_ABORT_TO_STARSTAR };

static int match_class(const char **pp, const char *pe, unsigned char t)
{
    const char *p = *pp + 1;
    int negate = 0, hit = 0;
    const char *first;

    if (p < pe && (*p == '!' || *p == '^')) {
        negate = 1;
        p++;
    }
    first = p;
    for (; p < pe && (*p != ']' || p == first); p++) {
        unsigned char lo = (unsigned char)*p, hi;
        if (lo == '\\' && p + 1 < pe)
            lo = (unsigned char)*++p;
        if (p + 2 < pe && p[1] == '-' && p[2] != ']') {
            p += 2;
            hi = (unsigned char)*p;
            if (hi == '\\' && p + 1 < pe)
                hi = (unsigned char)*++p;
            hit |= t >= lo && t <= hi;
        } else {
            hit |= t == lo;
        }
    }
    if (p >= pe)
        return -1;              /* no closing ']' */
    *pp = p;
    return hit != negate && t != '/';
}

static int wild(const char *ps, const char *p, const char *pe,
                const char *t, const char *te)
{
    for (; p < pe; p++, t++) {
        unsigned char c = (unsigned char)*p;
        int r;

        if (t == te && c != '*')
            return WM_ABORT_ALL;
        switch (c) {
        case '\\':
            if (p + 1 < pe)
                c = (unsigned char)*++p;
            if ((unsigned char)*t != c)
                return WM_NOMATCH;
            break;
        case '?':
            if (*t == '/')
                return WM_NOMATCH;
            break;
        case '[':
            r = match_class(&p, pe, (unsigned char)*t);
            if (r < 0)
                return WM_ABORT_ALL;
            if (!r)
                return WM_NOMATCH;
            break;
        case '*': {
            int slash = 0;
            if (p + 1 < pe && p[1] == '*') {
                const char *s = p;
                while (p + 1 < pe && p[1] == '*')
                    p++;
                if ((s == ps || s[-1] == '/') && (p + 1 == pe || p[1] == '/')) {
                    /* "**" + "/": zero directories is a match too */
                    if (p + 1 < pe && wild(ps, p + 2, pe, t, te) == WM_MATCH)
                        return WM_MATCH;
                    slash = 1;
                }
            }
            p++;
            if (p == pe)
                return slash || !memchr(t, '/', (size_t)(te - t))
                       ? WM_MATCH : WM_ABORT_TO_STARSTAR;
            for (;; t++) {
                r = wild(ps, p, pe, t, te);
                if (r != WM_NOMATCH && (!slash || r != WM_ABORT_TO_STARSTAR))
                    return r;
                if (t == te)
                    return WM_ABORT_ALL;
                if (!slash && *t == '/')
                    return WM_ABORT_TO_STARSTAR;
            }
        }
        default:
            if ((unsigned char)*t != c)
                return WM_NOMATCH;
            break;
        }
    }
    return t == te ? WM_MATCH : WM_NOMATCH;
}

int wildmatch(const char *pat, const char *text)
{
    return wild(pat, pat, pat + strlen(pat), text, text + strlen(text))
           == WM_MATCH;
}

int pattern_compile(struct pattern *p, const char *s, size_t len)
{
    size_t a = 0;

    memset(p, 0, sizeof *p);
    while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    /* trailing blanks go, unless quoted by a backslash */
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t')
           && !(len > 1 && s[len - 2] == '\\'))
        len--;
    if (len == 0 || s[0] == '#')
        return 0;               /* nothing to match: p->glob stays NULL */
    if (s[0] == '!') {
        p->negate = 1;
        a = 1;
    }
    if (len > a && s[len - 1] == '/') {
        p->dir_only = 1;
        len--;
    }
    if (len > a && s[a] == '/') {
        p->anchored = 1;
        a++;
    }
    if (len <= a)
        return 0;
    if (memchr(s + a, '/', len - a))
        p->anchored = 1;
    p->glob = malloc(len - a + 1);
    if (!p->glob) {
        memset(p, 0, sizeof *p);
        return STATUS_NOMEM;
    }
    memcpy(p->glob, s + a, len - a);
    p->glob[len - a] = '\0';
    /* "\!" and "\#" at the start name files beginning with ! and # */
    return 0;
}

void pattern_clear(struct pattern *p)
{
    free(p->glob);
    p->glob = NULL;
}

int pattern_match(const struct pattern *p, const char *rel, int is_dir)
{
    const char *base;

    if (p->dir_only && !is_dir)
        return 0;
    if (p->anchored)
        return wildmatch(p->glob, rel);
    base = strrchr(rel, '/');
    return wildmatch(p->glob, base ? base + 1 : rel);
}

int pattern_match_within(const struct pattern *p, const char *rel)
{
    size_t n = strlen(rel);
    char *dir;
    int hit = 0;

    if (pattern_match(p, rel, 0))
        return 1;
    if (!(dir = malloc(n + 1)))
        return 0;
    memcpy(dir, rel, n + 1);
    for (char *s = strchr(dir, '/'); s && !hit; s = strchr(s + 1, '/')) {
        *s = '\0';
        hit = pattern_match(p, dir, 1);
        *s = '/';
    }
    free(dir);
    return hit;
}

int has_glob(const char *s)
{
    return strpbrk(s, "*?[") != NULL;
}
