#!/bin/sh
# train_headline.sh - models/headline.json: the headline against each body
# sentence and quote, learnt from FNC-1's body labels by multiple-instance
# learning (a body disputes its headline when at least one of its
# statements does; --bags reads each body as check reads an article).
# Usage: train_headline.sh [<out> [<data>...]].
set -eu
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
GAINSAY=${GAINSAY:-./gainsay}
OUT=${1:-models/headline.json}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- "$DATA/fnc-1/train_stances.csv" \
    "$DATA/fnc-1/train_bodies.csv"
export OPENBLAS_NUM_THREADS=1
"$GAINSAY" train --seed 1 --threads 2 --bags sentences \
    ${POOL:+--pool "$POOL"} --features "${FEATURES:--cross,-top}" \
    --class-weight "${CW:-disagree=8,other=1}" --l2 "${L2:-1e-3}" \
    --min-df "${MIN_DF:-5}" --threshold "${THRESHOLD:-0.5}" \
    -o "$OUT" "$@"
