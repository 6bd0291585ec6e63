#!/bin/sh
# make_test_data.sh - regenerate tests/data: small synthetic pair files
# written for gainsay's tests, and the tiny model trained on them.
# Usage: scripts/make_test_data.sh [path/to/gainsay]
set -eu
cd "$(dirname "$0")/.."
GAINSAY=${1:-./gainsay}
out=tests/data
mkdir -p "$out"

# Subjects x events, three ways of relating a report to a claim:
# a denial (contradiction), an attributed repeat (entailment), or a
# different event (neutral).
awk 'BEGIN {
    ns = split("The minister|A spokesman|The company|Police|The mayor|" \
               "Officials|The senator|Rescuers|The club|Doctors", s, "|");
    ne = split("resigned on Monday|confirmed the merger|closed the factory|" \
               "won the vote|visited Paris|raised taxes|found the wreck|" \
               "signed the deal|cut prices|opened the border", v, "|");
    print "label\ta\tb\tgroup";
    for (i = 1; i <= ns; i++)
        for (j = 1; j <= ne; j++) {
            k = (i + j) % 3;
            a = s[i] " " v[j];
            if (k == 0)
                b = s[i % ns + 1] " denied that " tolower(s[i]) " " v[j] \
                    ", saying it did not happen";
            else if (k == 1)
                b = s[(i + 1) % ns + 1] " said " tolower(s[i]) " " v[j];
            else
                b = s[(i + 2) % ns + 1] " " v[(j + 3) % ne + 1];
            lab = k == 0 ? "contradiction" : k == 1 ? "entailment" : "neutral";
            print lab "\t" a "\t" b "\tclaim" i;
        }
}' > "$out/tiny.tsv"

# every fifth claim group held out for evaluation
awk -F '\t' 'NR == 1 || ($4 ~ /claim(5|10)$/)' "$out/tiny.tsv" \
    > "$out/tiny_test.tsv"
awk -F '\t' 'NR == 1 || !($4 ~ /claim(5|10)$/)' "$out/tiny.tsv" \
    > "$out/tiny_train.tsv"

# JSONL for score: ids of both kinds, and one pair without an id
awk -F '\t' 'NR > 1 && NR <= 8 {
    gsub(/"/, "\\\"", $2); gsub(/"/, "\\\"", $3);
    if (NR % 3 == 0) printf "{\"a\":\"%s\",\"b\":\"%s\"}\n", $2, $3;
    else if (NR % 3 == 1) printf "{\"id\":%d,\"a\":\"%s\",\"b\":\"%s\"}\n", NR, $2, $3;
    else printf "{\"id\":\"p%d\",\"a\":\"%s\",\"b\":\"%s\"}\n", NR, $2, $3;
}' "$out/tiny.tsv" > "$out/tiny_score.jsonl"

OPENBLAS_NUM_THREADS=1 "$GAINSAY" train -q --threads 1 --hash-bits 12 \
    --min-df 1 --l2 1e-2 -o "$out/tiny.json" "$out/tiny_train.tsv" \
    --validation "$out/tiny_test.tsv" > /dev/null
echo "wrote $out/tiny.tsv, tiny_train.tsv, tiny_test.tsv, tiny_score.jsonl, tiny.json"
