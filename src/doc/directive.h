/* directive.h - comments in an article that switch checking off and on:
 *   <!-- gainsay off --> ... <!-- gainsay on -->
 *   <!-- gainsay disable-next-line -->
 *   <!-- gainsay disable-next-block -->
 * What they switch off is blanked in the clean copy, so it is never a
 * statement: not scored, not part of the overall verdict. */
#ifndef DOC_DIRECTIVE_H
#define DOC_DIRECTIVE_H

#include <stddef.h>

#include "base/err.h"

enum directive_kind {
    DIRECTIVE_OFF,
    DIRECTIVE_ON,
    DIRECTIVE_NEXT_LINE,
    DIRECTIVE_NEXT_BLOCK
};

struct directive {
    enum directive_kind kind;
    size_t start, end;          /* the comment's bytes */
    size_t block_end;           /* NEXT_BLOCK: where the next block ends,
                                   when the front end knows; else 0 */
};

struct directive_list {
    struct directive *v;
    size_t n, cap;
};

void directive_list_clear(struct directive_list *dl);

/* If the comment text[start, end) ("<!-- ... -->") is a gainsay
 * directive, append it.  Returns 0 (also for other comments), STATUS_PARSE
 * with e set ("name:line: ...") for "gainsay" followed by an unknown word,
 * or STATUS_NOMEM.  Comments must come in the order of the text. */
int directive_add(struct directive_list *dl, const char *name,
                  const char *text, size_t start, size_t end,
                  size_t block_end, struct err *e);

/* Plain text: every line that holds only an HTML comment is a candidate.
 * Returns as directive_add. */
int directive_scan_lines(struct directive_list *dl, const char *name,
                         const char *text, size_t len, struct err *e);

/* Blank in clean (same length as the text) the comments themselves and
 * what they switch off: from off to on (or the end), the next non-blank
 * line, the next block (up to block_end, else up to a blank line). */
void directive_apply(const struct directive_list *dl, char *clean,
                     size_t len);

#endif
