/* metrics_report.c - evaluation metrics as text or JSON. */
#include "report/metrics_report.h"

#include <cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/utf8.h"

/* s padded with spaces to width characters (on the left when right is
 * set), or cut to its first max characters, never inside one */
static void put_cell(FILE *fp, const char *s, size_t width, size_t max,
                     int right)
{
    size_t n = strlen(s), chars = utf8_count(s, n), pad;

    if (chars > max) {
        size_t i = 0;
        for (size_t c = 0; c < max; c++)
            do
                i++;
            while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80);
        n = i;
        chars = max;
    }
    pad = width > chars ? width - chars : 0;
    if (right)
        fprintf(fp, "%*s", (int)pad, "");
    fwrite(s, 1, n, fp);
    if (!right)
        fprintf(fp, "%*s", (int)pad, "");
}

void report_metrics_text(FILE *fp, const struct metrics *mt,
                         const char *const *labels)
{
    size_t k = mt->k, w = 9, cw;
    char **owned = calloc(k ? k : 1, sizeof *owned);
    const char **shown = calloc(k ? k : 1, sizeof *shown);

    if (!owned || !shown) {     /* out of memory: the labels as they are */
        free(owned);
        owned = NULL;
        free(shown);
        shown = NULL;
    }
    for (size_t c = 0; c < k; c++) {
        /* control characters escaped: a label never sends a terminal
         * escape */
        const char *l = shown ? (shown[c] = utf8_display_name(labels[c],
                                                              &owned[c]))
                        : labels[c];
        if (utf8_count(l, strlen(l)) + 1 > w)
            w = utf8_count(l, strlen(l)) + 1;
    }
    cw = w > 14 ? 14 : w;
    fprintf(fp, "pairs      %zu\n", mt->n);
    fprintf(fp, "accuracy   %.4f\n", mt->accuracy);
    fprintf(fp, "macro-F1   %.4f\n", mt->macro_f1);
    if (mt->has_fnc)
        fprintf(fp, "FNC-1      %.2f%% (%.2f of %.2f)\n", mt->fnc_score,
                mt->fnc_raw, mt->fnc_max);
    fprintf(fp, "\n%-*s %9s %9s %9s %9s\n", (int)w, "label", "precision",
            "recall", "F1", "support");
    for (size_t c = 0; c < k; c++) {
        put_cell(fp, shown ? shown[c] : labels[c], w, SIZE_MAX, 0);
        fprintf(fp, " %9.4f %9.4f %9.4f %9zu\n", mt->precision[c],
                mt->recall[c], mt->f1[c], mt->support[c]);
    }
    fprintf(fp, "\nconfusion (rows true, columns predicted)\n%-*s", (int)w,
            "");
    for (size_t c = 0; c < k; c++) {
        fputc(' ', fp);
        put_cell(fp, shown ? shown[c] : labels[c], cw, cw, 1);
    }
    fputc('\n', fp);
    for (size_t t = 0; t < k; t++) {
        put_cell(fp, shown ? shown[t] : labels[t], w, SIZE_MAX, 0);
        for (size_t p = 0; p < k; p++)
            fprintf(fp, " %*zu", (int)cw, mt->confusion[t * k + p]);
        fputc('\n', fp);
    }
    for (size_t c = 0; owned && c < k; c++)
        free(owned[c]);
    free(owned);
    free(shown);
}

char *report_metrics_json(const struct metrics *mt,
                          const char *const *labels)
{
    cJSON *root = cJSON_CreateObject(), *per, *conf, *lab;
    char *out = NULL;

    if (!root)
        return NULL;
    cJSON_AddNumberToObject(root, "pairs", (double)mt->n);
    cJSON_AddNumberToObject(root, "accuracy", mt->accuracy);
    cJSON_AddNumberToObject(root, "macro_f1", mt->macro_f1);
    if (mt->has_fnc)
        cJSON_AddNumberToObject(root, "fnc_score", mt->fnc_score);
    lab = cJSON_AddArrayToObject(root, "labels");
    per = cJSON_AddObjectToObject(root, "per_class");
    conf = cJSON_AddArrayToObject(root, "confusion");
    if (!lab || !per || !conf)
        goto out;
    for (size_t c = 0; c < mt->k; c++) {
        cJSON *o = cJSON_CreateObject(), *row = cJSON_CreateArray();
        if (!o || !row || !cJSON_AddItemToObject(per, labels[c], o)) {
            cJSON_Delete(o);
            cJSON_Delete(row);
            goto out;
        }
        cJSON_AddItemToArray(lab, cJSON_CreateString(labels[c]));
        cJSON_AddNumberToObject(o, "precision", mt->precision[c]);
        cJSON_AddNumberToObject(o, "recall", mt->recall[c]);
        cJSON_AddNumberToObject(o, "f1", mt->f1[c]);
        cJSON_AddNumberToObject(o, "support", (double)mt->support[c]);
        for (size_t p = 0; p < mt->k; p++)
            cJSON_AddItemToArray(row, cJSON_CreateNumber(
                (double)mt->confusion[c * mt->k + p]));
        if (!cJSON_AddItemToArray(conf, row)) {
            cJSON_Delete(row);
            goto out;
        }
    }
    {
        char *t = cJSON_PrintUnformatted(root);
        if (t) {
            out = malloc(strlen(t) + 1);
            if (out)
                memcpy(out, t, strlen(t) + 1);
            cJSON_free(t);
        }
    }
out:
    cJSON_Delete(root);
    return out;
}
