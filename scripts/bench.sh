#!/bin/sh
# bench.sh - `make bench`: speed and memory of gainsay against scikit-learn
# (Debian's python3-sklearn) and liblinear-train (liblinear-tools) on the
# vectors gainsay exports, all measured in this same run, plus score
# throughput and model load time.  Needs ../shared/data.
# Writes bench/out/results.md and prints it.
set -eu
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
GAINSAY=${GAINSAY:-./gainsay}
OUT=$(pwd)/bench/out
PY=/usr/bin/python3
mkdir -p "$OUT"
scripts/install-deps.sh --bench

# the HTML report rendered by a browser, as a reader sees it: a PNG in
# bench/out (never committed); needs no data, skipped without chromium
echo "bench: check --format html rendered in headless Chromium" >&2
html_line="| check --format html rendered by headless Chromium | skipped: chromium is not installed | |"
"$GAINSAY" check --format html --output "$OUT/report.html" examples/*.txt \
    examples/*.md examples/*.html > /dev/null 2>&1 || [ $? -eq 1 ]
t0=$(date +%s%N)
if scripts/render_html.sh "$OUT/report.html" "$OUT/report.png"; then
    t1=$(date +%s%N)
    html_line="| check --format html of examples/ ($(wc -c < "$OUT/report.html") bytes) rendered by headless Chromium | $(( (t1 - t0) / 1000000 )) ms | bench/out/report.png, $(wc -c < "$OUT/report.png") bytes |"
else
    [ $? -eq 3 ] || exit 2
fi

if [ ! -f "$DATA/fnc-1/train_stances.csv" ]; then
    echo "bench: $DATA is absent; nothing else to measure" >&2
    printf '%s\n' "$html_line"
    exit 0
fi
export OPENBLAS_NUM_THREADS=1
# the machine's load average once a minute through the run (the figures
# mean little without it); stopped at the end
: > "$OUT/load.txt"
(while :; do cut -d ' ' -f 1 /proc/loadavg >> "$OUT/load.txt"; sleep 60; done) &
load_pid=$!
trap 'kill "$load_pid" 2> /dev/null' EXIT
bench_start=$(date -u +%H:%M)
ST="$DATA/fnc-1/train_stances.csv"
BD="$DATA/fnc-1/train_bodies.csv"
T=/usr/bin/time

# seconds and peak KB of a command that may exit 1 (findings)
measure_any() {
    $T -f "%e %M" -o "$OUT/time.txt" "$@" > "$OUT/cmd.out" 2> "$OUT/cmd.err" || {
        [ $? -eq 1 ] || { cat "$OUT/cmd.err" >&2; exit 2; }; }
    # time(1) puts "Command exited with non-zero status" first
    tail -n 1 "$OUT/time.txt"
}

# seconds and peak KB of a command: "secs kb"
measure() {
    $T -f "%e %M" -o "$OUT/time.txt" "$@" > "$OUT/cmd.out" 2> "$OUT/cmd.err" || {
        cat "$OUT/cmd.err" >&2; exit 2; }
    cat "$OUT/time.txt"
}

# the shipped stance model's settings: the options of training/
# train_stance.sh's train command, less --cv, -o and the data
TUNED=$(sed -n '/"$GAINSAY" train/,/"$@"/p' training/train_stance.sh |
        tr '\\\n' '  ' | sed 's/.*"$GAINSAY" train//; s/-o "$OUT".*//;
                               s/--cv [0-9]*//')
case $TUNED in
*--l2*) ;;
*) echo "bench: cannot read train_stance.sh's options (got '$TUNED')" >&2
   exit 2 ;;
esac
TUNED=$(echo $TUNED)    # one space between words
echo "bench: tuned settings: $TUNED" >&2
echo "bench: training on FNC-1 train, raw files to model (gainsay)" >&2
# shellcheck disable=SC2086
set -- $(measure "$GAINSAY" train -q $TUNED -o "$OUT/stance.json" "$ST" "$BD")
g_train=$1 g_train_kb=$2
# (the tuned scikit-learn peer is timed on the split below, where it is
# also measured: run here too it was 12 of the bench's 25 minutes)
# both at their defaults: gainsay train with no options, and the pipeline
# a practitioner writes (issue 11: CountVectorizer + TF-IDF cosine into
# LogisticRegression(class_weight='balanced'))
echo "bench: training at default settings (gainsay, scikit-learn)" >&2
set -- $(measure "$GAINSAY" train -q -o "$OUT/default.json" "$ST" "$BD")
gd_train=$1 gd_train_kb=$2
set -- $(measure $PY scripts/sklearn_baseline.py fnc "$ST" "$BD" --default)
sd_train=$1 sd_train_kb=$2

echo "bench: accuracy on a grouped split (fold 1 of 5)" >&2
"$GAINSAY" split --folds 5 --fold 1 --train "$OUT/train.jsonl" \
    --test "$OUT/test.jsonl" "$ST" "$BD" 2> /dev/null
# scikit-learn, tuned and at defaults: wall and peak of the process, and
# its own train_seconds (reading the JSONL to the fitted model, without
# Python's start-up and imports or the test side)
echo "bench: scikit-learn on the split, tuned and at defaults" >&2
set -- $(measure $PY scripts/sklearn_baseline.py jsonl "$OUT/train.jsonl" \
         --test "$OUT/test.jsonl")
s_train=$1 s_train_kb=$2
cp "$OUT/cmd.out" "$OUT/sklearn_eval.json"
set -- $(measure $PY scripts/sklearn_baseline.py jsonl "$OUT/train.jsonl" \
         --test "$OUT/test.jsonl" --default)
s_def_split=$1 s_def_split_kb=$2
cp "$OUT/cmd.out" "$OUT/sklearn_default_eval.json"

# the liblinear anchor (issue 11): the vectors gainsay fits, exported by
# train --dump-features (which also prints liblinear's -c for the same
# penalty and the class weights), fitted by liblinear-train -s 0; the
# held-out fold exported by eval --dump-features with gainsay's model of
# the same settings, scored by liblinear-predict.  Per setting (tuned,
# default): gainsay train wall/KB, export wall, file bytes, liblinear
# wall/KB, liblinear -c.
anchor() {  # name, train options...
    name=$1
    shift
    echo "bench: liblinear anchor, $name settings" >&2
    # shellcheck disable=SC2086
    set -- $(measure "$GAINSAY" train -q "$@" -o "$OUT/split_$name.json" \
             "$OUT/train.jsonl") "$@"
    a_train=$1 a_train_kb=$2
    shift 2
    "$GAINSAY" eval --format json -m "$OUT/split_$name.json" \
        --dump-features "$OUT/test_$name.svm" "$OUT/test.jsonl" \
        > "$OUT/gainsay_${name}_eval.json"
    set -- $(measure "$GAINSAY" train -q "$@" --format json \
             --dump-features "$OUT/train_$name.svm" "$OUT/train.jsonl")
    a_dump=$1
    cp "$OUT/cmd.out" "$OUT/dump_$name.json"
    ll_opts=$($PY -c 'import json, sys
d = json.load(open(sys.argv[1]))
print("-c %r" % d["liblinear_c"], *("-w%d %r" % (c["class"], c["weight"])
      for c in d["classes"] if c["rows"] and c["weight"] != 1))' \
        "$OUT/dump_$name.json")
    # shellcheck disable=SC2086
    set -- $(measure liblinear-train -q -s 0 -B 1 $ll_opts \
             "$OUT/train_$name.svm" "$OUT/$name.liblinear")
    a_ll=$1 a_ll_kb=$2
    liblinear-predict -q "$OUT/test_$name.svm" "$OUT/$name.liblinear" \
        "$OUT/$name.liblinear.pred"
    $PY scripts/libsvm_metrics.py "$OUT/test_$name.svm" \
        "$OUT/$name.liblinear.pred" "$OUT/dump_$name.json" \
        > "$OUT/liblinear_${name}_eval.json"
    echo "$a_train $a_train_kb $a_dump $(wc -c < "$OUT/train_$name.svm") $a_ll $a_ll_kb" \
        > "$OUT/anchor_$name.txt"
    rm -f "$OUT/train_$name.svm" "$OUT/test_$name.svm"
}
# shellcheck disable=SC2086
anchor tuned $TUNED
anchor default

echo "bench: score throughput" >&2
# the held-out pairs shuffled (fixed seed), so a body's 30 headlines are
# spread over the stream, not sorted; SNLI's whole dev set
$PY -c 'import json, random, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
random.Random(11).shuffle(rows)
for o in rows: print(json.dumps({"a": o["a"], "b": o["b"]}))' \
    "$OUT/test.jsonl" > "$OUT/score_in.jsonl"
n_score=$(wc -l < "$OUT/score_in.jsonl")
head -n $((n_score / 4)) "$OUT/score_in.jsonl" > "$OUT/score_q.jsonl"
$PY -c 'import json,sys
for l in open(sys.argv[1]):
    o = json.loads(l); print(json.dumps({"a": o["sentence1"], "b": o["sentence2"]}))' \
    "$DATA/snli/snli_1.0_dev.jsonl" > "$OUT/nli_in.jsonl"
n_nli=$(wc -l < "$OUT/nli_in.jsonl")
# every FNC-1 body once, under its first headline: each text analysed once
$PY -c 'import csv, json, sys
body = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8"))}
seen = set()
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    if r["Body ID"] not in seen:
        seen.add(r["Body ID"])
        print(json.dumps({"a": r["Headline"], "b": body[r["Body ID"]]}))' \
    "$ST" "$BD" > "$OUT/bodies_in.jsonl"
n_bodies=$(wc -l < "$OUT/bodies_in.jsonl")
# bytes of text (a and b) in a pairs file
text_mb() {
    $PY -c 'import json, sys
print(sum(len(o["a"].encode()) + len(o["b"].encode())
          for o in map(json.loads, open(sys.argv[1]))) / 1e6)' "$1"
}
score_mb=$(text_mb "$OUT/score_in.jsonl")
nli_mb=$(text_mb "$OUT/nli_in.jsonl")
bodies_mb=$(text_mb "$OUT/bodies_in.jsonl")
set -- $(measure "$GAINSAY" score -m "$OUT/stance.json" "$OUT/score_in.jsonl")
score_s=$1 score_kb=$2
set -- $(measure "$GAINSAY" score -m "$OUT/stance.json" "$OUT/score_q.jsonl")
score_q_kb=$2
set -- $(measure "$GAINSAY" score -m models/nli.json "$OUT/nli_in.jsonl")
nli_s=$1 nli_kb=$2
set -- $(measure "$GAINSAY" score -m "$OUT/stance.json" "$OUT/bodies_in.jsonl")
bodies_s=$1
# the same with nothing to score: the load, taken off the rates above
hf_med() {  # runs, commands...: median seconds of each, one per line
    runs=$1
    shift
    hyperfine -N --style none --warmup 2 --runs "$runs" -i \
        --export-json "$OUT/hf.json" "$@" > /dev/null 2>&1 \
        || { echo "bench: hyperfine failed" >&2; exit 2; }
    $PY -c 'import json, sys
for r in json.load(open(sys.argv[1]))["results"]: print(r["median"])' \
        "$OUT/hf.json"
}
set -- $(hf_med 10 "$GAINSAY score -m $OUT/stance.json /dev/null" \
                    "$GAINSAY score -m models/nli.json /dev/null")
stance_empty=$1 nli_empty=$2

echo "bench: model load time (best of 10)" >&2
# the best wall time in ms (0.1 ms resolution) of 10 runs of a command that
# may exit 1 (findings)
best_ms() {
    best=""
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        t0=$(date +%s%N)
        "$@" > /dev/null 2>&1 || [ $? -eq 1 ] || { echo "bench: $* failed" >&2; exit 2; }
        t1=$(date +%s%N)
        us=$(( (t1 - t0) / 1000 ))
        if [ -z "$best" ] || [ "$us" -lt "$best" ]; then best=$us; fi
    done
    awk -v us="$best" 'BEGIN { printf "%.1f", us / 1000 }'
}
stance_load=$(best_ms "$GAINSAY" score -m models/stance.json /dev/null)
nli_load=$(best_ms "$GAINSAY" score -m models/nli.json /dev/null)
head_load=$(best_ms "$GAINSAY" score -m models/headline.json /dev/null)
# the same against the process floor, medians of one hyperfine run
set -- $(hf_med 20 "$GAINSAY --version" \
                   "$GAINSAY score -m models/stance.json /dev/null" \
                   "$GAINSAY score -m models/nli.json /dev/null" \
                   "$GAINSAY score -m models/headline.json /dev/null")
load_hf="$1 $2 $3 $4"

echo "bench: check on a 1,000-word article, and 1,000 articles in one process" >&2
# examples/long.txt plus the bodies of the other examples: an article of
# about 1,000 words written for this project
{ cat examples/long.txt; echo; tail -n +2 examples/denial.txt; echo
  tail -n +2 examples/consistent.txt; echo; tail -n +2 examples/offtopic.txt; } \
    > "$OUT/article1000.txt"
words=$(wc -w < "$OUT/article1000.txt")
check_ms=$(best_ms "$GAINSAY" check "$OUT/article1000.txt")
check_nostance_ms=$(best_ms "$GAINSAY" check --no-stance "$OUT/article1000.txt")
check_nohead_ms=$(best_ms "$GAINSAY" check --no-headline-model "$OUT/article1000.txt")
# the start-up target: check against --version (and a process that does
# nothing) in one hyperfine run, medians
set -- $(hf_med 40 "/bin/true" "$GAINSAY --version" \
                   "$GAINSAY check $OUT/article1000.txt")
hf_true=$1 hf_version=$2 hf_check=$3
mkdir -p "$OUT/articles"
$PY scripts/fnc_articles.py "$DATA" "$OUT/articles" 0 1000 text
set -- $(measure_any "$GAINSAY" check -j 1 "$OUT"/articles/a*.txt)
many_s=$1 many_kb=$2
set -- $(measure_any "$GAINSAY" check -j 2 "$OUT"/articles/a*.txt)
many2_s=$1 many2_kb=$2
rm -rf "$OUT/articles"

echo "bench: editorial CI, a git repository of 200 Markdown drafts" >&2
# FNC-1 bodies (not those of the 1,000 above) as drafts with front matter
REPO="$OUT/newsroom"
rm -rf "$REPO"
mkdir -p "$REPO/drafts"
$PY scripts/fnc_articles.py "$DATA" "$REPO/drafts" 1000 200 markdown
git -C "$REPO" init -q
git -C "$REPO" -c user.email=b@b -c user.name=b add -A
git -C "$REPO" -c user.email=b@b -c user.name=b commit -qm drafts
drafts_words=$(cat "$REPO"/drafts/*/*.md | wc -w)
# best of 5 wall times (ms) and one peak, from the repository's top
best5_ms() {
    best=""
    for _ in 1 2 3 4 5; do
        t0=$(date +%s%N)
        (cd "$REPO" && "$@") > /dev/null 2>&1 || [ $? -eq 1 ] || { echo "bench: $* failed" >&2; exit 2; }
        t1=$(date +%s%N)
        us=$(( (t1 - t0) / 1000 ))
        if [ -z "$best" ] || [ "$us" -lt "$best" ]; then best=$us; fi
    done
    awk -v us="$best" 'BEGIN { printf "%.0f", us / 1000 }'
}
G_ABS=$(cd "$(dirname "$GAINSAY")" && pwd)/$(basename "$GAINSAY")
MODELS="-m $(pwd)/models/nli.json --stance-model $(pwd)/models/stance.json"
# shellcheck disable=SC2086
ci_j2_ms=$(best5_ms "$G_ABS" check $MODELS -j 2 --format sarif drafts)
# shellcheck disable=SC2086
ci_j1_ms=$(best5_ms "$G_ABS" check $MODELS -j 1 --format sarif drafts)
# shellcheck disable=SC2086
set -- $(cd "$REPO" && measure_any "$G_ABS" check $MODELS -j 2 --format sarif drafts)
ci_kb=$2
# one process per draft, as a hook that runs per file would
t0=$(date +%s%N)
for f in "$REPO"/drafts/*/*.md; do
    # shellcheck disable=SC2086
    "$G_ABS" check $MODELS "$f" > /dev/null 2>&1 || [ $? -eq 1 ]
done
t1=$(date +%s%N)
ci_each_ms=$(( (t1 - t0) / 1000000 ))
# a pull request that touches five drafts
for i in 0 1 2 3 4; do
    printf '\nAn editor added this line.\n' >> "$REPO/drafts/desk$i/draft00$i.md"
done
# shellcheck disable=SC2086
ci_changed_ms=$(best5_ms "$G_ABS" check $MODELS -j 2 --changed-lines HEAD drafts)
# the peer's floor: starting Python and importing scikit-learn's TF-IDF and
# logistic regression, before reading a single draft
peer_ms=$(best5_ms $PY -c "import sklearn.feature_extraction.text, sklearn.linear_model")
rm -rf "$REPO"

$PY - "$OUT" "$g_train" "$g_train_kb" "$s_train" "$s_train_kb" "$n_score" \
    "$score_s" "$score_kb" "$nli_s" "$nli_kb" "$stance_load" "$nli_load" \
    "$(wc -c < models/stance.json)" "$(wc -c < models/nli.json)" \
    "$words" "$check_ms" "$check_nostance_ms" "$many_s" "$many_kb" \
    "$drafts_words" "$ci_j2_ms" "$ci_j1_ms" "$ci_kb" "$ci_each_ms" \
    "$ci_changed_ms" "$peer_ms" \
    "$check_nohead_ms" "$head_load" "$(wc -c < models/headline.json)" \
    "$gd_train" "$gd_train_kb" "$sd_train" "$sd_train_kb" \
    "$score_mb" "$score_q_kb" "$n_nli" "$nli_mb" "$n_bodies" "$bodies_mb" \
    "$bodies_s" "$stance_empty" "$nli_empty" "$hf_true" "$hf_version" \
    "$hf_check" "$many2_s" "$many2_kb" "$TUNED" "$s_def_split" \
    "$s_def_split_kb" "$(wc -l < "$OUT/train.jsonl")" \
    "$bench_start $(date -u +%H:%M)" "$load_hf" \
    > "$OUT/results.md" <<'PY'
import json, sys
(out, gt, gkb, st, skb, n, ss, skb2, ns, nkb, sl, nl, ssz, nsz,
 words, cms, cns, many, manykb, dw, j2, j1, cikb, each, changed,
 peer, cnh, hl, hsz, gdt, gdkb, sdt, sdkb, smb, sqkb, nn, nmb, nb, bmb,
 bs, se, ne, hft, hfv, hfc, many2, many2kb, tuned, sdst, sdskb,
 n_split, span, load_hf) = sys.argv[1:]
s = json.load(open(out + "/sklearn_eval.json"))
sd = json.load(open(out + "/sklearn_default_eval.json"))
ev = {k: json.load(open(f"{out}/{k}_eval.json"))
      for k in ("gainsay_tuned", "gainsay_default", "liblinear_tuned",
                "liblinear_default")}
anc = {k: open(f"{out}/anchor_{k}.txt").read().split() for k in ("tuned", "default")}
dump = {k: json.load(open(f"{out}/dump_{k}.json")) for k in ("tuned", "default")}
f1 = lambda m, l: m["per_class"][l]["f1"]
print("# gainsay benchmark\n")
load = sorted(float(x) for x in open(out + "/load.txt").read().split())
print("Measured in one run on this machine; OPENBLAS_NUM_THREADS=1, gainsay --threads 2.")
if load:
    print(f"Run from {span.replace(' ', ' to ')} UTC; load average (1 minute, sampled every minute, "
          f"{len(load)} samples): min {load[0]:.1f}, median {load[len(load)//2]:.1f}, max {load[-1]:.1f} "
          f"on {__import__('os').cpu_count()} cores.")
print()
print("## Training on FNC-1 train (49,972 pairs), raw CSV files to model\n")
print("At default settings: `gainsay train` with no options, and the practitioner's pipeline of issue 11 "
      "(CountVectorizer(max_features=5000) of each side, l2-normalised, plus the TF-IDF cosine, into "
      "LogisticRegression(class_weight='balanced')):\n")
print("| | wall s | peak MB |\n|---|---|---|")
print(f"| gainsay train (defaults) | {float(gdt):.2f} | {int(gdkb)/1024:.0f} |")
print(f"| scikit-learn pipeline at defaults | {float(sdt):.2f} | {int(sdkb)/1024:.0f} |")
print(f"| ratio (scikit-learn / gainsay) | {float(sdt)/float(gdt):.1f}x | {int(sdkb)/int(gdkb):.1f}x |")
print(f"| gainsay train, tuned settings (below), for the shipped stance model's command | {float(gt):.2f} | {int(gkb)/1024:.0f} |\n")
print(f"## Training on the grouped split's training side ({int(n_split):,} pairs, JSONL): gainsay, scikit-learn, "
      "and liblinear-train on gainsay's vectors\n")
print(f"Tuned: gainsay with training/train_stance.sh's options (`{tuned}`, no --cv); scikit-learn's tuned "
      "pipeline (1-2-gram TF-IDF of each side plus cosine, C=10).  Defaults: `gainsay train` with no options; "
      "the practitioner's pipeline above.  scikit-learn's time is its own count from reading the JSONL to "
      "the fitted model (the process, with Python's start-up and the test side, in brackets).\n")
print("liblinear: `gainsay train --dump-features` writes the vectors gainsay's "
      "fit sees in libsvm format (dense pair features and the hashed slots kept after --min-df, no bias) "
      "with liblinear's -c for the same penalty: gainsay minimises the weighted mean cross-entropy plus "
      "(l2/2)||W||^2, liblinear-train -s 0 ||w||^2/2 plus C times the weighted sum of losses, so "
      "C = 1 / (l2 x the sum of the rows' class weights), with the class weights as -wK, and -B 1 for the bias. "
      "liblinear fits one binary model per label (one against the rest) and penalises its bias; gainsay's is "
      "multinomial with a free bias.  liblinear's time is from reading the file to writing its model; "
      "gainsay's from the JSONL text, featurising included.  The held-out side is exported by "
      "`gainsay eval --dump-features` with gainsay's model of the same settings and scored by "
      "liblinear-predict.\n")
print("| | tuned | defaults |\n|---|---|---|")
def both(fmt):
    return " | ".join(fmt(k) for k in ("tuned", "default"))
sk = {"tuned": (s, st, skb), "default": (sd, sdst, sdskb)}
print("| gainsay train: wall s, peak MB | " + both(lambda k: f"{float(anc[k][0]):.2f}, {int(anc[k][1])/1024:.0f}") + " |")
print("| scikit-learn: train s (process wall s), peak MB | " + both(lambda k: f"{sk[k][0]['train_seconds']:.2f} ({float(sk[k][1]):.2f}), {int(sk[k][2])/1024:.0f}") + " |")
print("| liblinear-train -s 0 on gainsay's vectors: wall s, peak MB | " + both(lambda k: f"{float(anc[k][4]):.2f}, {int(anc[k][5])/1024:.0f}") + " |")
print("| ratio scikit-learn / gainsay (time; peak) | " + both(lambda k: f"{sk[k][0]['train_seconds']/float(anc[k][0]):.1f}x; {int(sk[k][2])/int(anc[k][1]):.1f}x") + " |")
print("| ratio liblinear / gainsay (time; peak) | " + both(lambda k: f"{float(anc[k][4])/float(anc[k][0]):.1f}x; {int(anc[k][5])/int(anc[k][1]):.1f}x") + " |")
print("| gainsay --l2; liblinear -c | " + both(lambda k: f"{dump[k]['l2']:g}; {dump[k]['liblinear_c']:.4g}") + " |")
print("| the vectors: rows, values (file MB) | " + both(lambda k: f"{dump[k]['rows']:,}, {dump[k]['values']:,} ({int(anc[k][3])/1e6:.0f} MB)") + " |")
print("| gainsay train --dump-features (writing them, no fit): wall s | " + both(lambda k: f"{float(anc[k][2]):.2f}") + " |\n")
print(f"## Accuracy on the split's test side ({ev['gainsay_tuned']['pairs']:,} pairs; fold 1 of 5, no headline or body on both sides)\n")
print("| | FNC-1 | macro-F1 | accuracy | disagree F1 |\n|---|---|---|---|---|")
def acc_row(name, m):
    d = m["per_class"]["disagree"]["f1"] if "per_class" in m else m["f1"]["disagree"]
    print(f"| {name} | {m['fnc_score']:.2f} | {m['macro_f1']:.4f} | {m['accuracy']:.4f} | {d:.4f} |")
acc_row("gainsay, tuned", ev["gainsay_tuned"])
acc_row("liblinear-train -s 0 on gainsay's vectors, tuned C and class weights", ev["liblinear_tuned"])
acc_row("scikit-learn, tuned", s)
acc_row("gainsay, defaults", ev["gainsay_default"])
acc_row("liblinear-train -s 0 on gainsay's vectors, default C", ev["liblinear_default"])
acc_row("scikit-learn pipeline at defaults", sd)
print()
print("## score\n")
print("Rates are of the time beyond loading the model: the wall time less the median of "
      "`score` on empty input (hyperfine, same run).\n")
print("| input | pairs | text MB | wall s | pairs/s | MB/s | peak MB |\n|---|---|---|---|---|---|---|")
def rate(pairs, mb, wall, empty):
    t = max(float(wall) - float(empty), 1e-3)
    return f"{int(pairs)/t:,.0f} | {float(mb)/t:.1f}"
print(f"| FNC-1 headline/body, held-out fold shuffled, stance model | {n} | {float(smb):.1f} | {float(ss):.2f} | "
      f"{rate(n, smb, ss, se)} | {int(skb2)/1024:.0f} (first quarter of the stream: {int(sqkb)/1024:.0f}) |")
print(f"| every FNC-1 body once (each text analysed once), stance model | {nb} | {float(bmb):.1f} | {float(bs):.2f} | "
      f"{rate(nb, bmb, bs, se)} | |")
print(f"| SNLI dev sentence pairs, nli model | {nn} | {float(nmb):.1f} | {float(ns):.2f} | "
      f"{rate(nn, nmb, ns, ne)} | {int(nkb)/1024:.0f} |\n")
lv, lst, lnl, lhl = (float(x) * 1e3 for x in load_hf.split())
print("## Model load (process start to exit on empty input)\n")
print(f"Best of 10, and the median of one hyperfine run with `gainsay --version` ({lv:.1f} ms) as the floor.\n")
print("| model | size MB | best ms | median ms | x --version |\n|---|---|---|---|---|")
print(f"| models/stance.json | {int(ssz)/1e6:.1f} | {sl} | {lst:.1f} | {lst/lv:.2f}x |")
print(f"| models/nli.json | {int(nsz)/1e6:.1f} | {nl} | {lnl:.1f} | {lnl/lv:.2f}x |")
print(f"| models/headline.json | {int(hsz)/1e6:.1f} | {hl} | {lhl:.1f} | {lhl/lv:.2f}x |\n")
print("## check\n")
print("| run | wall | |\n|---|---|---|")
print(f"| one article of {words} words, every model loaded (stance, sentence, headline; best of 10) | {cms} ms | target < 20 ms |")
print(f"| the same with --no-headline-model (headline pairs by the sentence model) | {cnh} ms | |")
print(f"| the same with --no-stance (sentence model only) | {cns} ms | |")
print(f"| hyperfine medians: /bin/true, gainsay --version, check of the article | {float(hft)*1e3:.1f} ms, "
      f"{float(hfv)*1e3:.1f} ms, {float(hfc)*1e3:.1f} ms | check is {float(hfc)/float(hfv):.2f}x --version; target <= 1.5x |")
print(f"| 1,000 FNC-1 articles in one process, -j 1 | {float(many):.2f} s | {1000/float(many):,.0f} articles/s, peak {int(manykb)/1024:.0f} MB |")
print(f"| the same, -j 2 | {float(many2):.2f} s | {1000/float(many2):,.0f} articles/s ({float(many)/float(many2):.2f}x -j 1), peak {int(many2kb)/1024:.0f} MB |")
print("\n## Editorial CI: a git repository of 200 Markdown drafts\n")
print(f"FNC-1 bodies with front matter, {int(dw):,} words in all, checked from the repository's top "
      "with both models, SARIF output (best of 5).\n")
print("| run | wall ms | |\n|---|---|---|")
print(f"| gainsay check -j 2 drafts | {j2} | peak {int(cikb)/1024:.0f} MB; target < 2,000 ms |")
print(f"| gainsay check -j 1 drafts | {j1} | -j 2 is {int(j1)/max(int(j2),1):.2f}x faster |")
print(f"| one gainsay process per draft (200 runs, once) | {each} | {int(each)/max(int(j2),1):.1f}x the single run |")
print(f"| --changed-lines HEAD, five drafts edited | {changed} | git diff included |")
print(f"| peer floor: python3 importing scikit-learn's TF-IDF and LogisticRegression | {peer} | "
      f"gainsay checks all 200 drafts in {int(j2)/max(int(peer),1):.2f}x that time |")
print("\nOne-run wall times come from /usr/bin/time (10 ms resolution); best-of-10 times from date +%s%N.")

# the same figures as README's performance table (bench/out/readme_table.md)
def ev_cell(m):
    return f"{m['fnc_score']:.2f} / {m['macro_f1']:.3f} / {m['accuracy']:.4f}"
def t(k):   # gainsay, scikit-learn, liblinear on the split
    return float(anc[k][0]), sk[k][0]["train_seconds"], float(anc[k][4])
tt, td = t("tuned"), t("default")
sr = lambda pairs, mb, wall, empty: rate(pairs, mb, wall, empty).replace(" | ", " pairs/s, ") + " MB/s"
rows = [
    ("training at default settings, FNC-1 train raw CSVs to model (49,972 pairs)",
     f"{float(gdt):.1f} s, {int(gdkb)/1024:.0f} MB",
     f"scikit-learn at defaults: {float(sdt):.1f} s, {int(sdkb)/1024:.0f} MB ({float(sdt)/float(gdt):.1f}x gainsay's time; target 10x)"),
    ("training, tuned settings (training/train_stance.sh's options, no --cv), the same data",
     f"{float(gt):.1f} s, {int(gkb)/1024:.0f} MB", "(peers on the split, next rows)"),
    (f"training on a grouped split's training side ({int(n_split):,} pairs), tuned",
     f"{tt[0]:.1f} s, {int(anc['tuned'][1])/1024:.0f} MB",
     f"scikit-learn tuned: {tt[1]:.1f} s ({tt[1]/tt[0]:.1f}x); liblinear-train -s 0 on gainsay's vectors: "
     f"{tt[2]:.1f} s, {int(anc['tuned'][5])/1024:.0f} MB ({tt[2]/tt[0]:.1f}x)"),
    ("the same, default settings",
     f"{td[0]:.1f} s, {int(anc['default'][1])/1024:.0f} MB",
     f"scikit-learn at defaults: {td[1]:.1f} s ({td[1]/td[0]:.1f}x); liblinear-train -s 0: "
     f"{td[2]:.1f} s, {int(anc['default'][5])/1024:.0f} MB ({td[2]/td[0]:.1f}x)"),
    ("FNC-1 score / macro-F1 / accuracy on the split's test side, tuned",
     ev_cell(ev["gainsay_tuned"]),
     f"liblinear: {ev_cell(ev['liblinear_tuned'])}; scikit-learn: {ev_cell(s)}"),
    ("the same, default settings", ev_cell(ev["gainsay_default"]),
     f"liblinear: {ev_cell(ev['liblinear_default'])}; scikit-learn: {ev_cell(sd)}"),
    (f"check, a {words}-word article, all three models (hyperfine median)", f"{float(hfc)*1e3:.1f} ms",
     f"`gainsay --version` {float(hfv)*1e3:.1f} ms: {float(hfc)/float(hfv):.2f}x (target 1.5x); `/bin/true` {float(hft)*1e3:.1f} ms"),
    ("check, the same, best of 10 (--no-headline-model; --no-stance)", f"{cms} ms ({cnh} ms; {cns} ms)", ""),
    ("check, 1,000 FNC-1 articles in one process",
     f"{1000/float(many):,.0f} articles/s with -j 1, {1000/float(many2):,.0f} with -j 2 ({float(many)/float(many2):.2f}x), "
     f"{int(manykb)/1024:.0f} MB", "(targets 5,000/s and 1.8x)"),
    (f"score, FNC-1 held-out pairs shuffled ({int(n):,} pairs, {float(smb):.1f} MB), beyond the model load",
     f"{sr(n, smb, ss, se)}, peak {int(skb2)/1024:.0f} MB ({int(sqkb)/1024:.0f} MB after a quarter of the stream)",
     "(target 30,000 pairs/s)"),
    (f"score, every FNC-1 body once ({int(nb):,} pairs, {float(bmb):.1f} MB: each text analysed)",
     sr(nb, bmb, bs, se), "(target 100 MB/s of text)"),
    (f"score, SNLI dev sentence pairs ({int(nn):,}, {float(nmb):.1f} MB)",
     f"{sr(nn, nmb, ns, ne)}, {int(nkb)/1024:.0f} MB", "(target 200,000 pairs/s)"),
    ("model load, process start to exit on empty input (best of 10): stance, nli, headline",
     f"{sl} ms, {nl} ms, {hl} ms (medians {lst:.1f}, {lnl:.1f}, {lhl:.1f} ms)",
     f"`gainsay --version` median {lv:.1f} ms: {lst/lv:.2f}x, {lnl/lv:.2f}x, {lhl/lv:.2f}x"),
    (f"check, a git repository of 200 Markdown drafts ({int(dw):,} words), SARIF",
     f"{j2} ms with -j 2 ({j1} ms with -j 1), {int(cikb)/1024:.0f} MB",
     f"python3 importing scikit-learn alone: {peer} ms"),
    ("the same, one gainsay process per draft", f"{int(each)/1000:.1f} s ({int(each)/max(int(j2),1):.1f}x the single run)", ""),
    ("the same, `--changed-lines HEAD` after editing five drafts", f"{changed} ms", ""),
]
with open(out + "/readme_table.md", "w") as f:
    f.write("| | gainsay | peer, same run |\n|---|---|---|\n")
    for r in rows:
        f.write("| " + " | ".join(r) + " |\n")
PY
printf '\n## HTML report\n\n| run | wall | |\n|---|---|---|\n%s\n' "$html_line" \
    >> "$OUT/results.md"
cat "$OUT/results.md"
