/* fuzz_model.c - libFuzzer target: model files, which check and score
 * load from wherever -m points. */
#include <stddef.h>
#include <stdint.h>

#include "model/model_json.h"
#include "model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct model *m = NULL;
    struct err e = { 0 };

    if (model_parse_json((const char *)data, size, "fuzz.json", &m, &e) == 0)
        model_free(m);
    return 0;
}
