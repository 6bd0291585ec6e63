#!/bin/sh
# train_stance.sh - models/stance.json: headline against article body with
# FNC-1's labels (agree, disagree, discuss, unrelated), trained on FNC-1's
# training set.  5-fold grouped cross-validation (no headline and no body on
# both sides) measures it and calibrates the decision threshold.
# Reproducible: fixed seed, one BLAS thread.
set -eu
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
GAINSAY=${GAINSAY:-./gainsay}
OUT=${1:-models/stance.json}
export OPENBLAS_NUM_THREADS=1
"$GAINSAY" train --seed 1 --threads 2 \
    --class-weight sqrt --l2 1e-3 --tol 1e-3 --cv 5 \
    -o "$OUT" "$DATA/fnc-1/train_stances.csv" "$DATA/fnc-1/train_bodies.csv"
