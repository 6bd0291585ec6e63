#!/bin/sh
# make_predict_seeds.sh - write tests/fuzz/seeds/fuzz_predict/: small models
# trained here on a dozen made-up pairs, without their checksum (a fuzzed
# model with one never loads, so the fuzzer could not get past it).
#   tests/fuzz/make_predict_seeds.sh [<gainsay>]
set -eu
cd "$(dirname "$0")/../.."
G=$(realpath "${1:-./gainsay}")
out=$PWD/tests/fuzz/seeds/fuzz_predict
lex=$PWD/models/lexicon.bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/pairs.tsv" <<'TSV'
label	a	b	group
contradiction	The mayor opened the bridge	The mayor denied that she opened the bridge	g1
entailment	The mayor opened the bridge	The bridge was opened by the mayor on Monday	g1
neutral	The mayor opened the bridge	Rain fell in Oslo	g1
contradiction	Taxes will rise by 3% in 2027	Taxes will not rise in 2027, the minister said	g2
entailment	Taxes will rise by 3% in 2027	The minister said taxes would go up in 2027	g2
neutral	Taxes will rise by 3% in 2027	The team won 4-1	g2
contradiction	Two men were arrested	Police said no one was arrested	g3
entailment	Two men were arrested	Police arrested two men	g3
neutral	Two men were arrested	A new cafe opened downtown	g3
contradiction	The report is true	The claim is a hoax, experts said	g4
entailment	The report is true	Experts confirmed the report	g4
neutral	The report is true	Allegedly, the cat sat on the mat	g4
TSV
train() {       # name, options...
    name=$1
    shift
    (cd "$tmp" && OPENBLAS_NUM_THREADS=1 "$G" train -q --threads=1 \
        --hash-bits=10 --min-df=1 "$@" -o "$name.json" pairs.tsv)
    # drop the last member, "checksum", and the comma before it
    python3 - "$tmp/$name.json" "$out/$name.json" <<'PY'
import sys
t = open(sys.argv[1]).read()
i = t.rindex(',\n\t"checksum"')
open(sys.argv[2], 'w').write(t[:i] + '\n}\n')
PY
}
train all
train words --features=none,+bow_a,+bow_b --ngram=1-1
train dense --features=none,+overlap,+cues,+numbers,+cross,+top
train sentences --features=none,+tfidf,+sentences --long-b=5
train two --flag=contradiction --label-map=entailment=neutral
train bags --bags=sentences --features=none,+overlap,+cues
train align --features=none,+align,+overlap --lexicon="$lex"
