#!/usr/bin/env python3
"""nli_swaps.py - synthetic minimal pairs for the sentence model: from the
first sides of a pair set, a sentence against its copy with one word
replaced by its WordNet antonym or one number changed, labelled
contradiction.  Natural sets hold few such swaps between otherwise
identical sentences, so a model learns little from them about what the
swap features (align.antonym_x_matched, num.swapped_x_matched) mean.  The
edits are appended_test.py's (so that test then measures whether the cue
carries over to news prose, not whether natural data teaches it: see
models/nli.md).

usage: nli_swaps.py <pairs.jsonl> <out.jsonl> <n> [<wordnet>]

At most n pairs, half antonym swaps and half number changes where the
sentences allow, from distinct sentences in a fixed-seed order; grouped by
the sentence.
"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import appended_test as at  # noqa: E402


def main():
    src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    wn = sys.argv[4] if len(sys.argv) > 4 else "/usr/share/wordnet"
    ants = at.wordnet_antonyms(wn)
    to_base, past = at.verb_forms(wn)
    seen, sents = set(), []
    with open(src, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)["a"]
            words = len(at.WORD.findall(a))
            if a not in seen and 4 <= words <= 40:
                seen.add(a)
                sents.append(a)
    rng = random.Random(7)
    rng.shuffle(sents)
    edits = (("antonym", lambda s: at.edit_antonym(s, rng, ants, to_base,
                                                    past)),
             ("number", lambda s: at.edit_number(s, rng)))
    rows, count = [], {"antonym": 0, "number": 0}
    for s in sents:
        for kind, edit in edits:
            if count[kind] >= n // 2:
                continue
            new = edit(s)
            if new and new != s:
                count[kind] += 1
                rows.append({"a": s, "b": new, "label": "contradiction",
                             "group": "swap:" + s[:60]})
                break
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    os.replace(tmp, out)


main()
