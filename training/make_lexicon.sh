#!/bin/sh
# make_lexicon.sh - models/lexicon.bin: the lexical table the alignment
# features look words up in, compiled from WordNet 3.0's data files
# (Debian: wordnet-base; scripts/install-deps.sh --train installs it).
# Deterministic: the same WordNet gives the same bytes.  See
# models/lexicon.md for what it holds and WordNet's licence.
set -eu
cd "$(dirname "$0")/.."
WORDNET=${WORDNET:-/usr/share/wordnet}
OUT=${1:-models/lexicon.bin}
CC=${CC:-cc}
mkdir -p build
"$CC" -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Isrc \
    -o build/lexicon_compile training/lexicon_compile.c
build/lexicon_compile "$WORDNET" "$OUT"
