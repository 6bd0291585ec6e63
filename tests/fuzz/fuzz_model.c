/* fuzz_model.c - libFuzzer target: model files, which check and score
 * load from wherever -m points. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_json.h"
#include "model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct model *m = NULL;
    struct err e = { 0 };

    char *copy = malloc(size + 1);
    int kept = 0;

    if (model_parse_json((const char *)data, size, "fuzz.json", &m, &e) == 0)
        model_free(m);
    /* as model_load() reads a file: into a text it may decode into */
    m = NULL;
    if (copy) {
        memcpy(copy, data, size);
        copy[size] = '\0';
        if (model_parse_json_taking(copy, size, "fuzz.json", &m, &kept,
                                    &e) == 0)
            model_free(m);
        if (!kept)
            free(copy);
    }
    return 0;
}
