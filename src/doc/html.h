/* html.h - HTML (parsed by gumbo, an HTML5 parser) to a document whose
 * every span points into the original file. */
#ifndef DOC_HTML_H
#define DOC_HTML_H

#include <stddef.h>

#include "base/err.h"
#include "doc/document.h"

/* The deepest nesting of elements an HTML article may have. */
#define HTML_MAX_DEPTH 512

/* Parse HTML.  Text nodes are prose except inside script, style, pre,
 * code, textarea, template and noscript; comments and tags are blanked,
 * block elements end sentences.  The headline is headline when given,
 * else the first <h1>, else <title>.  Lines of page furniture (fu: the
 * learnt list, may be NULL) are left out as in doc_parse_masked.  A page
 * whose elements nest deeper than HTML_MAX_DEPTH (estimated from its
 * tags, before gumbo sees it) is refused with STATUS_LIMIT naming the
 * line: gumbo's time grows with depth times tags, and it frees its tree
 * recursively. */
int doc_parse_html(struct document *d, const char *name, const char *text,
                   size_t len, const char *headline,
                   const struct furniture *fu, struct err *e);

#endif
