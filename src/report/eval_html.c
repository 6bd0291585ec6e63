/* eval_html.c - an evaluation as one self-contained HTML page with SVG. */
#include "report/eval_html.h"

#include <math.h>
#include <string.h>

#include "base/version.h"
#include "report/html.h"

static void put_str(FILE *fp, const char *s)
{
    html_put_escaped(fp, s, strlen(s));
}

static const char page_css[] =
"body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Helvetica,Arial,"
"sans-serif;color:#1a1a1a;background:#fff;max-width:64em;margin:0 auto;"
"padding:1em 1.5em}\n"
"h1{font-size:1.35em}h2{font-size:1.1em;margin-top:1.6em}\n"
".meta{color:#555;font-size:.9em}\n"
"table{border-collapse:collapse}\n"
"td,th{padding:.15em .7em;text-align:left;border-bottom:1px solid #ddd}\n"
"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
".charts{display:flex;flex-wrap:wrap;gap:1em}\n"
"figure{margin:0}figcaption{font-size:.9em;text-align:center}\n"
"svg text{font:11px system-ui,Helvetica,Arial,sans-serif;fill:#222}\n"
"svg .axis{stroke:#444;stroke-width:1}\n"
"svg .grid{stroke:#e2e2e2;stroke-width:1}\n"
"svg .curve{fill:none;stroke:#2e6da4;stroke-width:2}\n"
"svg .diag{stroke:#999;stroke-dasharray:4 3}\n";

/* A square plot of [0,1] x [0,1]. */
#define PW 320.0
#define PH 300.0
#define PL 46.0
#define PR 14.0
#define PT 14.0
#define PB 40.0

static double px(double v)
{
    return PL + v * (PW - PL - PR);
}

static double py(double v)
{
    return PT + (1.0 - v) * (PH - PT - PB);
}

static void plot_begin(FILE *fp, const char *xlab, const char *ylab,
                       const char *aria)
{
    fprintf(fp, "<svg width=\"%.0f\" "
            "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
            "aria-label=\"", PW, PH, PW, PH);
    put_str(fp, aria);
    fputs("\">\n", fp);
    for (int i = 0; i <= 5; i++) {
        double v = i / 5.0;
        fprintf(fp, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\""
                " y2=\"%.1f\"/><line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
                "x2=\"%.1f\" y2=\"%.1f\"/>\n", px(v), py(0), px(v), py(1),
                px(0), py(v), px(1), py(v));
        fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.1f"
                "</text><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.1f"
                "</text>\n", px(v), py(0) + 14, v, px(0) - 4, py(v) + 4, v);
    }
    fprintf(fp, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
            "y2=\"%.1f\"/><line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" "
            "x2=\"%.1f\" y2=\"%.1f\"/>\n", px(0), py(0), px(1), py(0), px(0),
            py(0), px(0), py(1));
    fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s"
            "</text>\n", px(0.5), PH - 6, xlab);
    fprintf(fp, "<text transform=\"translate(12 %.1f) rotate(-90)\" "
            "text-anchor=\"middle\">%s</text>\n", py(0.5), ylab);
}

/* A marker with its words beside it, so a point never needs a colour to
 * be told apart. */
static void marker(FILE *fp, double x, double y, const char *shape,
                   const char *colour, const char *label)
{
    double cx = px(x), cy = py(y), tx = cx + 8, anchor_end = x > 0.6;

    if (strcmp(shape, "square") == 0)
        fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\" "
                "fill=\"%s\" stroke=\"#000\"/>", cx - 4.5, cy - 4.5, colour);
    else
        fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\" "
                "stroke=\"#000\"/>", cx, cy, colour);
    if (anchor_end)
        tx = cx - 8;
    fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\"%s>", tx, cy - 6,
            anchor_end ? " text-anchor=\"end\"" : "");
    put_str(fp, label);
    fputs("</text>\n", fp);
}

/* Points closer than this to the last one drawn are skipped: a curve of
 * 50,000 thresholds is drawn with a few hundred. */
#define PR_STEP 0.004

static void pr_chart(FILE *fp, const struct eval_curves *c, size_t l,
                     const char *label)
{
    const struct pr_point *p = c->pr[l];
    size_t n = c->n_pr[l];
    char aria[300], text[64];
    double lr = -1.0, lp = -1.0;

    snprintf(aria, sizeof aria, "precision-recall curve of %s", label);
    fputs("<figure>", fp);
    plot_begin(fp, "recall", "precision", aria);
    fputs("<polyline class=\"curve\" points=\"", fp);
    if (n)
        fprintf(fp, "%.1f,%.1f", px(0), py(p[0].precision));
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && fabs(p[i].recall - lr) < PR_STEP
            && fabs(p[i].precision - lp) < PR_STEP)
            continue;
        fprintf(fp, " %.1f,%.1f", px(p[i].recall), py(p[i].precision));
        lr = p[i].recall;
        lp = p[i].precision;
    }
    fputs("\"/>\n", fp);
    snprintf(text, sizeof text, "predicted (P %.2f, R %.2f)",
             c->argmax[l].precision, c->argmax[l].recall);
    marker(fp, c->argmax[l].recall, c->argmax[l].precision, "circle",
           "#fff", text);
    if (l == c->flag) {
        snprintf(text, sizeof text, "threshold %.2f (P %.2f, R %.2f)",
                 c->at_threshold.threshold, c->at_threshold.precision,
                 c->at_threshold.recall);
        marker(fp, c->at_threshold.recall, c->at_threshold.precision,
               "square", "#b00000", text);
    }
    fputs("</svg><figcaption>", fp);
    put_str(fp, label);
    fprintf(fp, "%s: average precision %.3f</figcaption></figure>\n",
            l == c->flag ? " (flag)" : "", c->ap[l]);
}

static void calibration_chart(FILE *fp, const struct eval_curves *c,
                              const char *label)
{
    size_t max = 1;
    char aria[300];
    int first = 1;

    snprintf(aria, sizeof aria, "reliability diagram of p(%s)", label);
    for (size_t b = 0; b < CALIB_BINS; b++)
        if (c->bins[b].n > max)
            max = c->bins[b].n;
    fputs("<figure>", fp);
    plot_begin(fp, "mean predicted probability", "observed fraction", aria);
    /* how many pairs fall in each bin, as pale bars along the bottom */
    for (size_t b = 0; b < CALIB_BINS; b++) {
        double h = 0.25 * (double)c->bins[b].n / (double)max;
        fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f"
                "\" fill=\"#dfe7f1\"><title>%zu pairs</title></rect>\n",
                px((double)b / CALIB_BINS) + 1, py(h),
                px(1.0 / CALIB_BINS) - px(0) - 2, py(0) - py(h),
                c->bins[b].n);
    }
    fprintf(fp, "<line class=\"diag\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
            "y2=\"%.1f\"/>\n", px(0), py(0), px(1), py(1));
    fputs("<polyline class=\"curve\" points=\"", fp);
    for (size_t b = 0; b < CALIB_BINS; b++) {
        if (!c->bins[b].n)
            continue;
        fprintf(fp, "%s%.1f,%.1f", first ? "" : " ", px(c->bins[b].mean_p),
                py(c->bins[b].frac_pos));
        first = 0;
    }
    fputs("\"/>\n", fp);
    for (size_t b = 0; b < CALIB_BINS; b++)
        if (c->bins[b].n)
            fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\""
                    "#2e6da4\"><title>%zu pairs: mean p %.3f, observed "
                    "%.3f</title></circle>\n", px(c->bins[b].mean_p),
                    py(c->bins[b].frac_pos), c->bins[b].n,
                    c->bins[b].mean_p, c->bins[b].frac_pos);
    fputs("</svg><figcaption>p(", fp);
    put_str(fp, label);
    fprintf(fp, ") in %d bins: Brier score %.4f, expected calibration error "
            "%.4f; the dashed line is perfect calibration, the pale bars "
            "how many pairs each bin holds</figcaption></figure>\n",
            CALIB_BINS, c->brier, c->ece);
    fputs("<table><tr><th>bin</th><th class=\"n\">pairs</th><th class=\"n\">"
          "mean p</th><th class=\"n\">observed</th></tr>\n", fp);
    for (size_t b = 0; b < CALIB_BINS; b++)
        fprintf(fp, "<tr><td>%.1f&#8211;%.1f</td><td class=\"n\">%zu</td>"
                "<td class=\"n\">%.3f</td><td class=\"n\">%.3f</td></tr>\n",
                (double)b / CALIB_BINS, (double)(b + 1) / CALIB_BINS,
                c->bins[b].n, c->bins[b].mean_p, c->bins[b].frac_pos);
    fputs("</table>\n", fp);
}

#define CELL 88.0

static void confusion_chart(FILE *fp, const struct metrics *mt,
                            const char *const *labels)
{
    size_t k = mt->k;
    double left = 110.0, top = 70.0, w = left + CELL * (double)k + 10,
           h = top + CELL * (double)k + 10;

    fprintf(fp, "<svg width=\"%.0f\" "
            "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
            "aria-label=\"confusion matrix\">\n", w, h, w, h);
    fprintf(fp, "<text x=\"%.1f\" y=\"14\" text-anchor=\"middle\">predicted"
            "</text>\n", left + CELL * (double)k / 2);
    fprintf(fp, "<text transform=\"translate(14 %.1f) rotate(-90)\" "
            "text-anchor=\"middle\">true</text>\n",
            top + CELL * (double)k / 2);
    for (size_t j = 0; j < k; j++) {
        fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
                left + CELL * ((double)j + 0.5), top - 8);
        put_str(fp, labels[j]);
        fprintf(fp, "</text><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
                left - 6, top + CELL * ((double)j + 0.5) + 4);
        put_str(fp, labels[j]);
        fputs("</text>\n", fp);
    }
    for (size_t i = 0; i < k; i++) {
        size_t row = 0;
        for (size_t j = 0; j < k; j++)
            row += mt->confusion[i * k + j];
        for (size_t j = 0; j < k; j++) {
            size_t v = mt->confusion[i * k + j];
            double f = row ? (double)v / (double)row : 0.0;
            /* white to dark blue by the share of the true row */
            int r = (int)(255 - f * (255 - 23)), g = (int)(255 - f * (255 - 63)),
                b = (int)(255 - f * (255 - 120));
            fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height="
                    "\"%.1f\" fill=\"rgb(%d,%d,%d)\" stroke=\"#fff\"/>"
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\""
                    "%s>%zu</text><text x=\"%.1f\" y=\"%.1f\" text-anchor="
                    "\"middle\"%s>%.0f%%</text>\n",
                    left + CELL * (double)j, top + CELL * (double)i, CELL,
                    CELL, r, g, b, left + CELL * ((double)j + 0.5),
                    top + CELL * ((double)i + 0.5) - 2,
                    f > 0.5 ? " style=\"fill:#fff\"" : "", v,
                    left + CELL * ((double)j + 0.5),
                    top + CELL * ((double)i + 0.5) + 13,
                    f > 0.5 ? " style=\"fill:#fff\"" : "", 100.0 * f);
        }
    }
    fputs("</svg>\n<p class=\"meta\">Rows are the true labels, columns the "
          "predicted ones; each cell gives the count and its share of the "
          "row, which its shade also shows.</p>\n", fp);
}

static void metrics_table(FILE *fp, const struct metrics *mt,
                          const char *const *labels)
{
    fprintf(fp, "<table><tr><th>pairs</th><td class=\"n\">%zu</td></tr>\n"
            "<tr><th>accuracy</th><td class=\"n\">%.4f</td></tr>\n"
            "<tr><th>macro-F1</th><td class=\"n\">%.4f</td></tr>\n",
            mt->n, mt->accuracy, mt->macro_f1);
    if (mt->has_fnc)
        fprintf(fp, "<tr><th>FNC-1 score</th><td class=\"n\">%.2f%% "
                "(%.2f of %.2f)</td></tr>\n", mt->fnc_score, mt->fnc_raw,
                mt->fnc_max);
    fputs("</table>\n<table><tr><th>label</th><th class=\"n\">precision</th>"
          "<th class=\"n\">recall</th><th class=\"n\">F1</th><th class=\"n\">"
          "support</th></tr>\n", fp);
    for (size_t l = 0; l < mt->k; l++) {
        fputs("<tr><td>", fp);
        put_str(fp, labels[l]);
        fprintf(fp, "</td><td class=\"n\">%.4f</td><td class=\"n\">%.4f</td>"
                "<td class=\"n\">%.4f</td><td class=\"n\">%zu</td></tr>\n",
                mt->precision[l], mt->recall[l], mt->f1[l], mt->support[l]);
    }
    fputs("</table>\n", fp);
}

void eval_html_write(FILE *fp, const char *model_name, const char *data_name,
                     const struct metrics *mt, const struct eval_curves *c,
                     const char *const *labels)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8"
          "\">\n<meta http-equiv=\"Content-Security-Policy\" content=\""
          "default-src 'none'; style-src 'unsafe-inline'\">\n<meta name=\""
          "viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"gainsay " GAINSAY_VERSION
          "\">\n<title>gainsay eval: ", fp);
    put_str(fp, model_name);
    fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>gainsay "
            "eval: ", page_css);
    put_str(fp, model_name);
    fputs("</h1>\n<p class=\"meta\">on ", fp);
    put_str(fp, data_name);
    fputs("</p>\n<h2>Metrics</h2>\n", fp);
    metrics_table(fp, mt, labels);
    fputs("<h2>Confusion matrix</h2>\n", fp);
    confusion_chart(fp, mt, labels);
    fputs("<h2>Precision and recall per label</h2>\n<p class=\"meta\">Each "
          "curve ranks the pairs by the probability of that label (one "
          "label against the rest).  The circle is where the model's "
          "predictions (the most probable label) sit; on the flag label, "
          "the square is the stored threshold, which <code>gainsay check"
          "</code> flags at.</p>\n<div class=\"charts\">\n", fp);
    for (size_t l = 0; l < c->k; l++)
        pr_chart(fp, c, l, labels[l]);
    fputs("</div>\n<h2>Calibration of the flag label</h2>\n", fp);
    calibration_chart(fp, c, labels[c->flag]);
    fputs("</body>\n</html>\n", fp);
}
