/* json_out.c - writing JSON strings straight to a stream. */
#include "report/json_out.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

void json_put_string(FILE *fp, const char *s, size_t n)
{
    char *copy = malloc(n + 1), *t = NULL;
    cJSON *j;

    if (copy) {
        memcpy(copy, s, n);
        copy[n] = '\0';
        j = cJSON_CreateString(copy);
        t = j ? cJSON_PrintUnformatted(j) : NULL;
        cJSON_Delete(j);
        free(copy);
    }
    fputs(t ? t : "\"\"", fp);
    cJSON_free(t);
}
