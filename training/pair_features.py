#!/usr/bin/env python3
"""pair_features.py - a dev tool: the dense features of statement pairs,
by name, as a model with those features sees them (gainsay eval
--dump-features).  Prints the nonzero dense inputs of each pair, or with
--fire, for each named feature, how often it is nonzero per label.

usage: pair_features.py [--gainsay ./gainsay] [--features +align]
                        [--lexicon models/lexicon.bin] [--fire]
                        [--only PREFIX,...] <pairs.jsonl | ->

Input lines are JSONL with "a", "b" and optionally "label" (or "a<TAB>b").
The vectors are those `gainsay train --dump-features` writes with
--features (the default groups plus the alignment group), so this build's
features, whatever the shipped model knows.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def read_pairs(path):
    f = sys.stdin if path == "-" else open(path, encoding="utf-8")
    out = []
    for line in f:
        line = line.rstrip("\n")
        if not line:
            continue
        if line.startswith("{"):
            r = json.loads(line)
            out.append((r["a"], r["b"], r.get("label", "neutral")))
        else:
            a, b = line.split("\t")[:2]
            out.append((a, b, "neutral"))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gainsay", default="./gainsay")
    ap.add_argument("--features", default="+align")
    ap.add_argument("--lexicon", default="models/lexicon.bin")
    ap.add_argument("--fire", action="store_true")
    ap.add_argument("--only", default="")
    ap.add_argument("pairs")
    opt = ap.parse_args()
    only = [p for p in opt.only.split(",") if p]
    pairs = read_pairs(opt.pairs)
    feats = ["--features=" + opt.features, "--lexicon", opt.lexicon]
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "pairs.jsonl")
        dump = os.path.join(tmp, "dump.txt")
        with open(src, "w", encoding="utf-8") as f:
            for i, (a, b, _) in enumerate(pairs):
                lab = ("neutral", "contradiction")[i % 2]
                f.write(json.dumps({"a": a, "b": b, "label": lab}) + "\n")
        # this build's dense names: a model fitted on two pairs records them
        tiny = os.path.join(tmp, "tiny.jsonl")
        with open(tiny, "w", encoding="utf-8") as f:
            for lab in ("neutral", "contradiction"):
                f.write(json.dumps({"a": "x y", "b": "y z", "label": lab})
                        + "\n")
        model = os.path.join(tmp, "m.json")
        subprocess.run([opt.gainsay, "train", "-q"] + feats
                       + ["-o", model, tiny], check=True,
                       stdout=subprocess.DEVNULL)
        names = json.load(open(model))["features"]["dense"]
        subprocess.run([opt.gainsay, "train", "-q"] + feats
                       + ["--dump-features", dump, src], check=True,
                       stdout=subprocess.DEVNULL)
        rows = [line.split()[1:] for line in open(dump)]
    fire = {}
    for (a, b, lab), row in zip(pairs, rows):
        feats = {}
        for item in row:
            i, v = item.split(":")
            i = int(i)
            if 1 <= i <= len(names):
                n = names[i - 1]
                if not only or any(n.startswith(p) for p in only):
                    feats[n] = float(v)
        if opt.fire:
            for n in feats:
                fire.setdefault(n, {}).setdefault(lab, 0)
                fire[n][lab] += 1
            continue
        print("a: %s\nb: %s\nlabel: %s" % (a, b, lab))
        for n, v in feats.items():
            print("  %-32s %.4g" % (n, v))
        print()
    if opt.fire:
        labs = sorted({p[2] for p in pairs})
        tot = {lab: sum(p[2] == lab for p in pairs) for lab in labs}
        print("%-32s %s" % ("feature", " ".join("%13s" % x[:13] for x in labs)))
        print("%-32s %s" % ("(pairs)", " ".join("%13d" % tot[x] for x in labs)))
        for n in names:
            if n in fire:
                print("%-32s %s" % (n, " ".join(
                    "%12.1f%%" % (100.0 * fire[n].get(x, 0) / tot[x])
                    for x in labs)))


main()
