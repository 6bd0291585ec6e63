/* model_json.h - gainsay model files: JSON with a format name and version;
 * large arrays are base64 of little-endian binary so they load fast and
 * round-trip bit for bit. */
#ifndef MODEL_MODEL_JSON_H
#define MODEL_MODEL_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "base/err.h"
#include "model/model.h"

#define MODEL_FORMAT "gainsay-model"
/* 1: the first 31 dense features, unnamed; 2: dense feature names and the
 * lexical table recorded; 3: the checksum "fnv1a64x8" (FNV-1a in eight
 * lanes), not "fnv1a64"; 4: the checksum "lanes64x4" (base/checksum.h:
 * 64-bit words in four lanes).  All three checksums are read. */
#define MODEL_VERSION 4

/* Parse and validate a model from text[0..len); name is used in messages.
 * Every field is checked: format, version, dimensions, label count, sorted
 * indices and finite weights.  Sets *out only on success. */
int model_parse_json(const char *text, size_t len, const char *name,
                     struct model **out, struct err *e);

/* model_parse_json() of a malloc'd text the caller gives up if the model
 * keeps it: its weights may be decoded into it in place, and then *kept is
 * 1, the model owns text (freed by model_free()), and the caller must not
 * free it; *kept 0: text is the caller's still (whatever the result),
 * though its bytes may have changed. */
int model_parse_json_taking(char *text, size_t len, const char *name,
                            struct model **out, int *kept, struct err *e);

/* The largest model file read, in bytes: the shipped models are under
 * 1 MB, and a parsed model takes about four times its file's size. */
#define MODEL_MAX_BYTES ((size_t)128 << 20)

/* Read (at most MODEL_MAX_BYTES, so -m /dev/zero ends) and parse path.  A
 * model that records a lexical table loads it from the model's directory
 * (STATUS_IO when missing, STATUS_FORMAT when its checksum is not the one
 * recorded). */
int model_load(const char *path, struct model **out, struct err *e);

/* Write m to fp as JSON; name is for messages. */
int model_write(const struct model *m, FILE *fp, const char *name,
                struct err *e);

/* Write m to path atomically (temporary file, fsync, rename). */
int model_save(const struct model *m, const char *path, struct err *e);

/* The model as JSON text (malloc'd, free with free()), or NULL when out of
 * memory. */
char *model_to_json(const struct model *m);

#endif
