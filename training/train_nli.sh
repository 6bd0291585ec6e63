#!/bin/sh
# train_nli.sh - models/nli.json: sentence against sentence, labels
# contradiction / entailment / neutral.
#
#   training/train_nli.sh [-o <model>]    the shipped model: every suitable
#                                         pair set of ../shared/data, each
#                                         a grouped sample of at most CAP
#                                         pairs, weighted alike (SICK
#                                         WEIGHTS times), the threshold for
#                                         articles (see models/nli.md)
#   training/train_nli.sh --sick [-o <m>] the SICK-only model shipped until
#                                         2026-12-02, for comparison
#   training/train_nli.sh --loso          leave one set out with these
#                                         settings: train on the rest,
#                                         evaluate on the one left out;
#                                         prints each set's contradiction
#                                         F1 and accuracy and the means;
#                                         writes no model
#   training/train_nli.sh --indomain      each sampled set's rest (grouped:
#                                         no text on both sides), by a model
#                                         with these settings
#
# Synthetic swaps (training/nli_swaps.py; see models/nli.md): SWAPS=n
# pairs made from each set's sample, listed beside it, or with
# SWAP_SOURCE=1 as one file of their own, which SWAP_ADAPT=all gives its
# own copies of every input (train --adapt=all --adapt-files=<its number>)
# so that what only the swaps teach stays partly out of the general
# weights the model keeps.
#
# Every set is read by gainsay itself with --columns and --label-map
# (Check-COVID and PERSPECTRUM, whose pairs join two files, through
# training/nli_sets.py).  The knobs below (environment) are for selection;
# the defaults make the shipped model.
#
set -eu
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
GAINSAY=${GAINSAY:-./gainsay}
WORK=${WORK:-build/nli}
CAP=${CAP:-400}
CAPS=${CAPS:-}                  # per-set caps over CAP: "sick=5000 ..."
WEIGHTS=${WEIGHTS-sick=4}       # per-set repeats: "sick=2" lists it twice
EVAL_CAP=${EVAL_CAP:-800}
SWAPS=${SWAPS:-0}
# SWAP_SOURCE=1: the swaps of all sets trained on are one data file (one
# source under --adapt / --source-weight), listed once, not per set
SWAP_SOURCE=${SWAP_SOURCE:-0}
# SWAP_ADAPT=all|bias (with SWAP_SOURCE=1): the swaps file alone has its
# own copies (train --adapt --adapt-files), the model keeps the general one
SWAP_ADAPT=${SWAP_ADAPT:-}
SWAP_MIX=${SWAP_MIX:-1,1,1,1}   # nli_swaps.py --mix (numbers, antonyms,
                                # synonyms, near-miss neutrals)
SW=swaps$SWAPS                  # the swaps files' tag
[ "$SWAP_MIX" = 1,1,1,1 ] || SW=$SW.$(echo "$SWAP_MIX" | tr , -)
CAL_RATE=${CAL_RATE:-0.025}     # the threshold: at most this share of
CAL_BODIES=${CAL_BODIES:-800}   # CAL_BODIES unedited FNC-1 bodies after the
CAL_OFFSET=${CAL_OFFSET:-400}   # first CAL_OFFSET (the test's) flagged
JOBS=${JOBS:-1}
# the raw cue group (a negation or refutation word anywhere) is off: the
# alignment group's scoped negation stays (models/nli.md says why)
OPTS=${OPTS:---features=+align,-cues --lexicon models/lexicon.bin \
--l2 3e-4 --class-weight=balanced}
OUT=models/nli.json
LOSO=0
SETS_MODE=1
while [ $# -gt 0 ]; do
    case $1 in
    --loso) LOSO=1 ;;
    --indomain) LOSO=2 ;;
    --sets) ;;                  # the default (the older spelling)
    --sick) SETS_MODE=0 ;;
    -o) OUT=$2; shift ;;
    -o*) OUT=${1#-o} ;;
    *) echo "usage: train_nli.sh [--sick | --loso | --indomain] [-o <model>]" >&2
       exit 2 ;;
    esac
    shift
done
export OPENBLAS_NUM_THREADS=1

# The SICK-only model (shipped until 2026-12-02; see models/nli.md).  The
# models made here need models/lexicon.bin beside themselves.
if [ "$SETS_MODE" = 0 ]; then
    exec "$GAINSAY" train --seed 1 --threads 2 --l2 3e-4 --cv 5 \
        --features=+align --lexicon models/lexicon.bin \
        -o "$OUT" "$DATA/sick/SICK_train.txt" "$DATA/sick/SICK_trial.txt"
fi
ALL="sick snli mnli cad anli check-covid healthver conjnli hans monli
perspectrum ibm-claim-stance"
SETS=${SETS:-$ALL}
HOLD=${HOLD:-$SETS}             # --loso: the sets held out in turn
mkdir -p "$WORK"

# name -> how gainsay reads it (files, then options)
set_args() {
    d=$DATA
    case $1 in
    sick) echo "-f sick $d/sick/SICK_train.txt $d/sick/SICK_trial.txt" ;;
    snli) echo "-f snli $d/snli/snli_1.0_dev.jsonl" ;;
    mnli) echo "--columns a=prem,b=hyp,label=label" \
               "$d/mnli-sample/taxinli10k.tsv" ;;
    # CAD train only: CAD dev is built on SNLI dev pairs
    cad) echo "--columns a=sentence1,b=sentence2,label=gold_label" \
              "$d/cad/train.tsv" ;;
    anli) echo "--columns a=context,b=hypothesis,label=label" \
               "--label-map e=entailment,n=neutral,c=contradiction" \
               "$d/anli/R1_dev.jsonl $d/anli/R2_dev.jsonl" \
               "$d/anli/R3_dev.jsonl" ;;
    check-covid) echo "--label-map SUPPORT=entailment,REFUTE=contradiction" \
                      "--label-map NOTENOUGHINFO=neutral" \
                      "$WORK/join/check-covid.jsonl" ;;
    healthver) echo "--columns a=evidence,b=claim,label=label" \
                    "--label-map Supports=entailment,Refutes=contradiction" \
                    "--label-map Neutral=neutral $d/healthver/dev.csv" ;;
    conjnli) echo "--columns a=Premise,b=Hypothesis,label=Label" \
                  "$d/conjnli/conj_dev.tsv" ;;
    hans) echo "--columns a=1,b=2,label=3" \
               "$d/hans/mnli_contradicting_examples.tsv" ;;
    monli) echo "-f snli $d/monli/pmonli.jsonl $d/monli/nmonli_train.jsonl" \
                "$d/monli/nmonli_test.jsonl" ;;
    perspectrum) echo "--label-map SUPPORT=entailment" \
                      "--label-map UNDERMINE=contradiction" \
                      "$WORK/join/perspectrum.jsonl" ;;
    ibm-claim-stance) echo "--columns" \
        "a=topicText,b=claims.claimCorrectedText,label=claims.stance" \
        "--label-map PRO=entailment,CON=contradiction" \
        "$d/ibm-claim-stance/claim_stance_dataset_v1.csv" ;;
    *) echo "train_nli.sh: unknown set $1" >&2; return 2 ;;
    esac
}

# the value of set $1 in "set=value ..." list $2, else $3
lookup() {
    for kv in $2; do
        [ "${kv%%=*}" = "$1" ] && { echo "${kv#*=}"; return 0; }
    done
    echo "$3"
}

# Each set as native JSONL, all of it (<name>.all.jsonl) and a grouped
# sample of at most about $2 pairs (<name>.<cap>.jsonl), made by gainsay
# split: fold 1 of ceil(n / cap) folds.
sample() {
    name=$1 cap=$2
    all=$WORK/$name.all.jsonl out=$WORK/$name.$cap.jsonl
    [ -s "$out" ] && return 0
    if [ ! -s "$all" ]; then
        # shellcheck disable=SC2046
        "$GAINSAY" split --folds 2 --no-refill --train "$all.1" \
            --test "$all.2" $(set_args "$name")
        cat "$all.1" "$all.2" > "$all"
        rm -f "$all.1" "$all.2"
    fi
    n=$(wc -l < "$all")
    if [ "$n" -le "$cap" ]; then
        cp "$all" "$out"
    else
        k=$(( (n + cap - 1) / cap ))
        [ "$k" -le 100 ] || k=100       # split's limit: a larger sample
        "$GAINSAY" split --folds "$k" --fold 1 --no-refill \
            --train "$WORK/$name.$cap.rest.jsonl" --test "$out" "$all"
    fi
}

case " $SETS $HOLD " in
*" check-covid "*|*" perspectrum "*)
    [ -s "$WORK/join/perspectrum.jsonl" ] ||
        python3 training/nli_sets.py "$DATA" "$WORK/join" ;;
esac
for s in $SETS; do
    c=$(lookup "$s" "$CAPS" "$CAP")
    sample "$s" "$c"
    if [ "$SWAPS" -gt 0 ] && [ ! -s "$WORK/$s.$c.$SW.jsonl" ]; then
        python3 training/nli_swaps.py --mix "$SWAP_MIX" "$WORK/$s.$c.jsonl" \
            "$WORK/$s.$c.$SW.jsonl" "$SWAPS"
    fi
done

# the held-out samples (HOLD may name sets that SETS, trained on, does not)
if [ "$LOSO" = 1 ]; then
    for s in $HOLD; do
        sample "$s" "$EVAL_CAP"
    done
fi

# the training files of all sets but $1 (none: all sets); a set of weight
# w is listed w times, so that under --source-weight=balanced (each file
# is a source) it weighs w times as much as another
train_files() {
    for s in $SETS; do
        [ "$s" = "$1" ] && continue
        c=$(lookup "$s" "$CAPS" "$CAP") w=$(lookup "$s" "$WEIGHTS" 1)
        while [ "$w" -gt 0 ]; do
            printf ' %s' "$WORK/$s.$c.jsonl"
            [ "$SWAPS" -gt 0 ] && [ "$SWAP_SOURCE" = 0 ] &&
                printf ' %s' "$WORK/$s.$c.$SW.jsonl"
            w=$((w - 1))
        done
    done
    if [ "$SWAPS" -gt 0 ] && [ "$SWAP_SOURCE" = 1 ]; then
        printf ' %s' "$WORK/$SW.${1:-all}.jsonl"
    fi
}

# SWAP_ADAPT: the options that give the swaps file (the last of
# train_files $1) its own copies
swap_adapt() {
    [ -n "$SWAP_ADAPT" ] || return 0
    # shellcheck disable=SC2046
    set -- $(train_files "$1")
    echo "--adapt=$SWAP_ADAPT --adapt-files=$#"
}

# SWAP_SOURCE=1: the one swaps file of the sets but $1 (none: all)
swap_source() {
    [ "$SWAPS" -gt 0 ] && [ "$SWAP_SOURCE" = 1 ] || return 0
    for s in $SETS; do
        [ "$s" = "$1" ] && continue
        cat "$WORK/$s.$(lookup "$s" "$CAPS" "$CAP").$SW.jsonl"
    done > "$WORK/$SW.${1:-all}.jsonl"
}

# the models made here look for their lexical table beside themselves
cp models/lexicon.bin "$WORK/lexicon.bin"

# The shipped model: fit, then choose the decision threshold for articles
# (check's use): the least at which at most 2.5% of 800 unedited FNC-1
# train bodies have a finding (training/appended_test.py --calibrate, on
# bodies its test, the first 400, does not use), and fit again storing it.
swap_source ""                  # (SWAP_SOURCE=1) the swaps of every set
if [ "$LOSO" = 0 ]; then
    # shellcheck disable=SC2046,SC2086
    "$GAINSAY" train -q --seed 1 --threads 1 $OPTS $(swap_adapt "") \
        -o "$WORK/nli.fit.json" \
        $(train_files "")
    t=$(python3 training/appended_test.py --gainsay "$GAINSAY" \
        --model "$WORK/nli.fit.json" --data "$DATA" --bodies "$CAL_BODIES" \
        --offset "$CAL_OFFSET" --calibrate "$CAL_RATE")
    echo "train_nli.sh: threshold $t" >&2
    # shellcheck disable=SC2046,SC2086
    "$GAINSAY" train -q --seed 1 --threads 1 $OPTS $(swap_adapt "") \
        --threshold "$t" -o "$OUT" $(train_files "")
    rm -f "$WORK/nli.fit.json"
    exit 0
fi

# In-domain figures of the model with these settings: each set sampled
# below its size, on the rest of it (the pairs of its groups outside the
# sample: no text on both sides), by one model trained on all sets.
if [ "$LOSO" = 2 ]; then
    # shellcheck disable=SC2046,SC2086
    "$GAINSAY" train -q --seed 1 --threads 1 $OPTS $(swap_adapt "") \
        -o "$WORK/all.json" \
        $(train_files "")
    printf '%-18s %6s %6s %8s\n' in-domain pairs acc c_f1
    for s in $SETS; do
        r=$WORK/$s.$(lookup "$s" "$CAPS" "$CAP").rest.jsonl
        [ -s "$r" ] || continue
        "$GAINSAY" eval --threads 1 --format json -m "$WORK/all.json" "$r" \
            > "$WORK/rest.$s.eval"
        python3 - "$s" "$WORK/rest.$s.eval" <<'EOF'
import json, sys
r = json.load(open(sys.argv[2]))
c = r["per_class"].get("contradiction", {"support": 0})
f1 = "%.3f" % c["f1"] if c["support"] else "-"
print("%-18s %6d %6.3f %8s" % (sys.argv[1], r["pairs"], r["accuracy"], f1))
EOF
    done
    rm -f "$WORK/all.json"
    exit 0
fi

# Leave one set out.  Contradiction F1 is of the argmax label; sets without
# contradiction pairs (MoNLI) have accuracy only and stay out of that mean.
# one held-out set: fit on the rest, evaluate, one line of loso.<set>.tsv
hold_out() {
    swap_source "$1"
    # shellcheck disable=SC2046,SC2086
    "$GAINSAY" train -q --seed 1 --threads 1 $OPTS $(swap_adapt "$1") \
        -o "$WORK/loso.$1.json" \
        $(train_files "$1")
    "$GAINSAY" eval --threads 1 --format json -m "$WORK/loso.$1.json" \
        "$WORK/$1.$EVAL_CAP.jsonl" > "$WORK/loso.$1.eval"
    rm -f "$WORK/loso.$1.json"
    python3 - "$1" "$WORK/loso.$1.eval" > "$WORK/loso.$1.tsv" <<'EOF'
import json, sys
r = json.load(open(sys.argv[2]))
c = r["per_class"].get("contradiction", {"support": 0})
f1 = "%.3f" % c["f1"] if c["support"] else "-"
print("%s\t%d\t%.3f\t%s" % (sys.argv[1], r["pairs"], r["accuracy"], f1))
EOF
}

running=0
for held in $HOLD; do
    hold_out "$held" &
    running=$((running + 1))
    if [ "$running" -ge "$JOBS" ]; then
        wait
        running=0
    fi
done
wait
printf '%-18s %6s %6s %8s\n' set pairs acc c_f1
: > "$WORK/loso.tsv"
for held in $HOLD; do
    cat "$WORK/loso.$held.tsv" >> "$WORK/loso.tsv"
done
awk -F'\t' '{ printf "%-18s %6d %6s %8s\n", $1, $2, $3, $4 }' "$WORK/loso.tsv"
awk -F'\t' '{ acc += $3; n++ } $4 != "-" { f += $4; m++; if ($4 < lo || m == 1) lo = $4 }
    END { printf "%-18s %6s %6.3f %8.3f\nlowest contradiction F1 %.3f\n",
          "mean", "", acc / n, f / m, lo }' "$WORK/loso.tsv"
