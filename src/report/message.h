/* message.h - the words every report format uses for a finding: one
 * excerpt builder that never cuts a character in two, and one message
 * per finding. */
#ifndef REPORT_MESSAGE_H
#define REPORT_MESSAGE_H

#include <stddef.h>

#include "check/check.h"
#include "doc/document.h"
#include "model/model.h"

/* Bytes of a statement shown in a message: text, line forms and SARIF. */
#define EXCERPT_TEXT 200
#define EXCERPT_LINE 80
#define EXCERPT_SARIF 120

/* The length of the longest prefix of s[0..n) that is at most max bytes
 * and ends on a UTF-8 character boundary (s is valid UTF-8).  The text
 * was cut when the result is less than n. */
size_t excerpt_len(const char *s, size_t n, size_t max);

enum message_form {
    MESSAGE_LINE,               /* one line (line, GitHub, GitLab): "quote
                                   of X (line 7) contradicts the headline
                                   "..." (p=0.91): "..."" */
    MESSAGE_SARIF               /* SARIF's message: "This quote of X
                                   contradicts the headline ..." */
};

/* The message for finding f of doc (labels from f->model), in form, as a malloc'd string in
 * *out that the caller frees.  Statements are cut with excerpt_len, so
 * the message is valid UTF-8.  Returns 0 or STATUS_NOMEM. */
int finding_message(char **out, const struct document *doc,
                    const struct finding *f, enum message_form form);

/* The name of f's own label as a reader should see it: a two-label
 * model's "other" is "not <flag>" (not disagree).  Returns the model's
 * string or buf (of size n, which it fills). */
const char *finding_label_text(const struct finding *f, char *buf,
                               size_t n);

/* What every format says of a document with nothing to check (an empty
 * draft, a stub, a body switched off, a page of furniture), or NULL when
 * it has something to check.  A static string. */
const char *nothing_message(const struct document *doc);

#endif
