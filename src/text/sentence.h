/* sentence.h - split text into sentences, as byte ranges of the original. */
#ifndef TEXT_SENTENCE_H
#define TEXT_SENTENCE_H

#include <stddef.h>

struct span {
    size_t start, end;          /* bytes [start, end) of the original text */
};

/* Split s[0..len) into sentences.  Whitespace is trimmed from each span.  A
 * sentence ends at . ! ? or an ellipsis (with any closing quotes or
 * brackets) followed by space and a word that does not start in lower case;
 * or at a blank line.  It does not end after an abbreviation (Mr., Jan.,
 * U.S.), an initial, inside a decimal, or inside an open quotation, so a
 * quote of several sentences stays with its attribution.  On success *out
 * is a malloc'd array the caller frees (NULL when there are no sentences).
 * Returns 0 or STATUS_NOMEM. */
int text_split_sentences(const char *s, size_t len, struct span **out,
                         size_t *n_out);

#endif
