/* json_out.c - writing JSON strings straight to a stream. */
#include "report/json_out.h"

#include "base/err.h"

int json_put_string(FILE *fp, const char *s, size_t n)
{
    fputc('"', fp);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': fputs("\\\"", fp); break;
        case '\\': fputs("\\\\", fp); break;
        case '\b': fputs("\\b", fp); break;
        case '\f': fputs("\\f", fp); break;
        case '\n': fputs("\\n", fp); break;
        case '\r': fputs("\\r", fp); break;
        case '\t': fputs("\\t", fp); break;
        default:
            if (c < 0x20)
                fprintf(fp, "\\u%04x", (unsigned)c);
            else
                fputc(c, fp);
        }
    }
    fputc('"', fp);
    return ferror(fp) ? STATUS_IO : 0;
}
