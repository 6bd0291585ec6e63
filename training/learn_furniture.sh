#!/bin/sh
# learn_furniture.sh - models/furniture.json: the lines of scraped pages
# that recur, word for word once case-folded, in at least 3 different
# stories of the FNC-1 and ARC article bodies (bodies that share a prose
# sentence of eight words or more are one story).  A line that reads as a
# prose sentence (ends a sentence, five words or more) is never on it.
# Deterministic: the same data gives the same bytes.
set -eu
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
OUT=${1:-models/furniture.json}
# the learner is built beside the gainsay being tested (tests/run.sh sets
# BUILD; build-san is the sanitizer build)
BUILD=${BUILD:-build}
case $BUILD in
*san*) make -s SAN=1 "$BUILD/learn_furniture" ;;
*) make -s "$BUILD/learn_furniture" ;;
esac
"$BUILD/learn_furniture" --min-stories 3 -o "$OUT" \
    "$DATA/fnc-1/train_bodies.csv" "$DATA/arc/arc_bodies.csv"
