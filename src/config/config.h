/* config.h - the config file (.gainsay.ini): settings for every file, then
 * sections whose names are gitignore-style globs, each overriding them
 * for the files it matches:
 *
 *     threshold = 0.6
 *     [opinion]
 *     pairs = headline-sentence, headline-quote
 *     fail-level = error
 */
#ifndef CONFIG_CONFIG_H
#define CONFIG_CONFIG_H

#include <stddef.h>

#include "base/err.h"
#include "config/settings.h"
#include "files/pattern.h"

#define CONFIG_NAME ".gainsay.ini"

struct config_section {
    char *glob;                 /* as written */
    size_t line;
    struct pattern pat;
    struct settings s;
};

struct config {
    char *path;                 /* as found or given */
    char *dir;                  /* absolute directory globs start from */
    struct settings top;        /* before any section */
    struct config_section *sec;
    size_t n, cap;
};

/* Parse text (the contents of the file path).  Returns 0 and a config the
 * caller frees with config_free, or a status with e set to
 * "path:line: what is wrong". */
int config_parse(struct config **out, const char *path, const char *text,
                 size_t len, struct err *e);

/* The largest config file read, in bytes. */
#define CONFIG_MAX_BYTES ((size_t)1 << 20)

/* Read (at most CONFIG_MAX_BYTES) and parse path. */
int config_load(struct config **out, const char *path, struct err *e);

void config_free(struct config *c);

/* Does section i apply to abs (an absolute path)? */
int config_section_matches(const struct config *c, size_t i,
                           const char *abs);

/* Apply to s what c sets for abs: the top settings, then each matching
 * section in the order of the file. */
void config_apply(const struct config *c, const char *abs,
                  struct settings *s);

/* The config file for a file in directory dir (absolute): the nearest
 * CONFIG_NAME in dir or a directory above.  Returns a malloc'd path, or
 * NULL when there is none (or out of memory). */
char *config_find(const char *dir);

/* The config files met in a run, each loaded once: caller-owned, zeroed
 * to start ({ 0 }), emptied by config_cache_clear. */
struct config_cache {
    struct config **c;
    size_t n, cap;
    char *last_dir;             /* files come sorted, a directory at a */
    const struct config *last;  /* time: the last directory's config */
};

void config_cache_clear(struct config_cache *cs);

/* The settings for the file abs (absolute; NULL when unknown, as for
 * stdin): the defaults, then its config (forced, else the nearest
 * CONFIG_NAME above abs, loaded once into cs; none with no_config), then
 * cli.  *used (if not NULL) is the config applied, or NULL.  Returns 0,
 * or a status with e set ("path:line: ..." for a bad config). */
int config_cache_settings(struct config_cache *cs, const char *forced,
                          int no_config, const char *abs,
                          const struct settings *cli, struct settings *out,
                          const struct config **used, struct err *e);

#endif
