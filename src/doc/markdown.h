/* markdown.h - Markdown (CommonMark, parsed by cmark) and YAML front
 * matter to a document whose every span points into the original file. */
#ifndef DOC_MARKDOWN_H
#define DOC_MARKDOWN_H

#include <stddef.h>

#include "base/err.h"
#include "doc/document.h"

/* Parse Markdown.  Only paragraphs and headings are prose: code blocks,
 * HTML blocks, inline code, HTML comments and tags, link destinations and
 * emphasis marks are blanked before analysis, so they are never scored,
 * and positions still count in the original.  The headline is headline
 * when given, else `title:` or `headline:` of the front matter, else the
 * first level-1 heading, else the first paragraph's first line that reads
 * as a headline.  Lines of page furniture (fu: the learnt list, may be
 * NULL) are left out as in doc_parse_masked. */
int doc_parse_markdown(struct document *d, const char *name,
                       const char *text, size_t len, const char *headline,
                       const struct furniture *fu, struct err *e);

#endif
