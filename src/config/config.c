/* config.c - the config file, parsed with inih. */
#include "config/config.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "base/grow.h"
#include "base/path.h"

/* inih's line buffer, less its '\r', '\n' and NUL */
#define MAX_LINE 197

struct parse {
    struct config *c;
    const char *prev;           /* section of the previous key ("" at top) */
    int have_prev;
    char msg[sizeof ((struct err *)0)->msg]; /* the first error, without
                                   file and line */
    int nomem;
};

static struct config_section *new_section(struct parse *p, const char *glob)
{
    struct config *c = p->c;
    struct config_section *s;

    if (GROW(c->sec, c->cap, c->n + 1))
        return NULL;
    s = &c->sec[c->n];
    memset(s, 0, sizeof *s);
    if (!(s->glob = malloc(strlen(glob) + 1)))
        return NULL;
    strcpy(s->glob, glob);
    if (pattern_compile(&s->pat, glob, strlen(glob))) {
        free(s->glob);
        return NULL;
    }
    c->n++;
    return s;
}

static int on_key(void *user, const char *section, const char *name,
                  const char *value)
{
    struct parse *p = user;
    struct settings *s = &p->c->top;
    struct err e = { 0 };

    if (p->msg[0] || p->nomem)
        return 0;               /* only the first error is reported */
    if (*section) {
        if (!p->have_prev || !p->prev || strcmp(p->prev, section) != 0) {
            struct config_section *cs;
            if (section[0] == '!' || section[0] == '#'
                || strspn(section, " \t/") == strlen(section)) {
                snprintf(p->msg, sizeof p->msg, "[%s]: a section is a glob "
                         "of the files it applies to, such as [*.md] or "
                         "[drafts/**]", section);
                return 0;
            }
            if (!(cs = new_section(p, section))) {
                p->nomem = 1;
                return 0;
            }
            cs->s.set = 0;
        }
        s = &p->c->sec[p->c->n - 1].s;
    }
    /* section names live in inih's buffer: keep our own copy's pointer */
    p->prev = *section ? p->c->sec[p->c->n - 1].glob : NULL;
    p->have_prev = 1;
    if (settings_set(s, name, value, &e)) {
        snprintf(p->msg, sizeof p->msg, "%s", e.msg);
        return 0;
    }
    return 1;
}

/* inih reports only a line number; find the section's line ourselves. */
static size_t section_line(const char *text, size_t len, const char *glob,
                           size_t nth)
{
    size_t line = 1, seen = 0, g = strlen(glob);

    for (size_t i = 0; i < len;) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len, a = i;
        while (a < end && (text[a] == ' ' || text[a] == '\t'))
            a++;
        if (a < end && text[a] == '[') {
            size_t b = a + 1;
            while (b < end && (text[b] == ' ' || text[b] == '\t'))
                b++;
            if (end - b >= g && memcmp(text + b, glob, g) == 0
                && seen++ == nth)
                return line;
        }
        line++;
        i = end + 1;
    }
    return 0;
}

int config_parse(struct config **out, const char *path, const char *text,
                 size_t len, struct err *e)
{
    struct parse p;
    struct config *c = calloc(1, sizeof *c);
    char *copy = NULL, *abs = NULL;
    size_t line = 1;
    int r, rc = 0;

    memset(&p, 0, sizeof p);
    if (!c || !(c->path = malloc(strlen(path) + 1))
        || !(copy = malloc(len + 1))) {
        rc = err_set(e, STATUS_NOMEM, "out of memory");
        goto out;
    }
    strcpy(c->path, path);
    if (memchr(text, '\0', len)) {
        rc = err_set(e, STATUS_PARSE, "%s: NUL byte in a config file", path);
        goto out;
    }
    /* inih would split a long line silently */
    for (size_t i = 0, start = 0; i <= len; i++)
        if (i == len || text[i] == '\n') {
            if (i - start > MAX_LINE) {
                rc = err_set(e, STATUS_PARSE, "%s:%zu: line longer than %d "
                             "characters", path, line, MAX_LINE);
                goto out;
            }
            start = i + 1;
            line++;
        }
    memcpy(copy, text, len);
    copy[len] = '\0';
    /* globs are relative to the file's directory */
    abs = path_absolute(path);
    c->dir = abs ? path_dirname(abs) : getcwd(NULL, 0);
    free(abs);
    if (!c->dir) {
        rc = err_set(e, STATUS_NOMEM, "out of memory");
        goto out;
    }
    p.c = c;
    r = ini_parse_string(copy, on_key, &p);
    if (p.nomem) {
        rc = err_set(e, STATUS_NOMEM, "out of memory");
        goto out;
    }
    if (r != 0) {
        rc = err_set(e, STATUS_PARSE, "%s:%d: %s", path, r, p.msg[0] ? p.msg
                     : "expected 'key = value', '[glob]' or a comment");
        goto out;
    }
    for (size_t i = 0; i < c->n; i++) {
        size_t nth = 0;
        for (size_t j = 0; j < i; j++)
            nth += strcmp(c->sec[j].glob, c->sec[i].glob) == 0;
        c->sec[i].line = section_line(text, len, c->sec[i].glob, nth);
    }
    *out = c;
    c = NULL;
out:
    free(copy);
    config_free(c);
    return rc;
}

int config_load(struct config **out, const char *path, struct err *e)
{
    char *text = NULL;
    size_t len;
    int rc = file_read_max(path, CONFIG_MAX_BYTES, &text, &len, e);

    if (rc == 0)
        rc = config_parse(out, path, text, len, e);
    free(text);
    return rc;
}

void config_free(struct config *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->sec[i].glob);
        pattern_clear(&c->sec[i].pat);
    }
    free(c->sec);
    free(c->path);
    free(c->dir);
    free(c);
}

int config_section_matches(const struct config *c, size_t i,
                           const char *abs)
{
    const char *rel = path_relative(abs, c->dir);

    return rel && pattern_match_within(&c->sec[i].pat, rel);
}

void config_apply(const struct config *c, const char *abs,
                  struct settings *s)
{
    settings_merge(s, &c->top);
    for (size_t i = 0; i < c->n; i++)
        if (config_section_matches(c, i, abs))
            settings_merge(s, &c->sec[i].s);
}

char *config_find(const char *dir)
{
    size_t n = strlen(dir);
    char *p = malloc(n + sizeof CONFIG_NAME + 2);

    if (!p)
        return NULL;
    memcpy(p, dir, n + 1);
    for (;;) {
        size_t k = strlen(p);
        char *slash;
        if (k > 0 && p[k - 1] == '/')
            k--;
        p[k] = '/';
        strcpy(p + k + 1, CONFIG_NAME);
        if (access(p, F_OK) == 0)
            return p;
        p[k] = '\0';
        slash = strrchr(p, '/');
        if (!slash || k == 0)
            break;
        slash[slash == p] = '\0';    /* keep the root's "/" */
    }
    free(p);
    return NULL;
}


void config_cache_clear(struct config_cache *cs)
{
    for (size_t i = 0; i < cs->n; i++)
        config_free(cs->c[i]);
    free(cs->c);
    free(cs->last_dir);
    memset(cs, 0, sizeof *cs);
}

/* The config for abs (--config's, else the nearest .gainsay.ini above
 * it), loaded on first use; *out is NULL when there is none. */
static int config_for(struct config_cache *cs, const char *forced,
                      const char *abs, const struct config **out,
                      struct err *e)
{
    char *path = NULL;
    struct config *c = NULL;
    int rc;

    *out = NULL;
    if (forced)
        path = strdup(forced);
    else if (abs) {
        char *dir = path_dirname(abs), *cwd;
        const char *rel;
        if (dir && cs->last_dir && strcmp(dir, cs->last_dir) == 0) {
            free(dir);          /* the same directory as the file before */
            *out = cs->last;
            return 0;
        }
        free(cs->last_dir);
        cs->last_dir = dir;     /* remembered even when nothing is found */
        cs->last = NULL;
        cwd = getcwd(NULL, 0);
        if (dir)
            path = config_find(dir);
        /* messages name it as the user would: relative when below here */
        if (path && cwd && (rel = path_relative(path, cwd)) != NULL) {
            char *short_path = strdup(rel);
            if (short_path) {
                free(path);
                path = short_path;
            }
        }
        free(cwd);
        if (!path)
            return 0;
    }
    if (!path)
        return forced ? err_set(e, STATUS_NOMEM, "out of memory") : 0;
    for (size_t i = 0; i < cs->n; i++)
        if (strcmp(cs->c[i]->path, path) == 0) {
            *out = cs->last = cs->c[i];
            free(path);
            return 0;
        }
    if (GROW(cs->c, cs->cap, cs->n + 1)) {
        free(path);
        return err_set(e, STATUS_NOMEM, "out of memory");
    }
    rc = config_load(&c, path, e);
    free(path);
    if (rc)
        return rc;
    cs->c[cs->n++] = c;
    *out = cs->last = c;
    return 0;
}

int config_cache_settings(struct config_cache *cs, const char *forced,
                          int no_config, const char *abs,
                          const struct settings *cli, struct settings *out,
                          const struct config **used, struct err *e)
{
    const struct config *c = NULL;
    int rc;

    settings_default(out);
    if (!no_config) {
        if ((rc = config_for(cs, forced, abs, &c, e)) != 0)
            return rc;
        if (c)
            config_apply(c, abs ? abs : "", out);
    }
    settings_merge(out, cli);
    if (used)
        *used = c;
    return 0;
}
