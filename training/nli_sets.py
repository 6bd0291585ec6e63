#!/usr/bin/env python3
"""nli_sets.py - the two pair sets of ../shared/data whose pairs are a join
of two files, written as native gainsay JSONL ({"a", "b", "label",
"group"}) with their labels as they come (train_nli.sh maps them with
--label-map).  Every other set is read by gainsay itself with --columns and
--label-map.  Reads only; writes <out>/<name>.jsonl atomically.

  check-covid: (abstract[sent_index] of the claim's paper, claim), one per
               evidence sentence, grouped by claim
  perspectrum: (debate claim, perspective), grouped by claim

usage: nli_sets.py <data> <out>
"""
import json
import os
import sys


def jsonl_objs(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def check_covid(d):
    corpus = {}
    for o in jsonl_objs(os.path.join(d, "corpus.json")):
        corpus[str(o["cord_id"])] = o["abstract"]
    for part in ("train.json", "dev.json"):
        for o in jsonl_objs(os.path.join(d, part)):
            abstract = corpus.get(str(o["cord_id"]), [])
            for ev in o.get("evidence_set") or []:
                i = ev.get("sent_index")
                if isinstance(i, int) and 0 <= i < len(abstract):
                    yield abstract[i], o["claim"], o["label"], \
                        "cc%s" % o["id"]


def perspectrum(d):
    with open(os.path.join(d, "perspective_pool_v1.0.json"),
              encoding="utf-8") as f:
        pool = {p["pId"]: p["text"] for p in json.load(f)}
    with open(os.path.join(d, "perspectrum_with_answers_v1.0.json"),
              encoding="utf-8") as f:
        claims = json.load(f)
    for c in claims:
        for cl in c["perspectives"]:
            for pid in cl["pids"]:
                if pid in pool:
                    yield c["text"], pool[pid], cl["stance_label_3"], \
                        "pc%s" % c["cId"]


def main():
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name, rows in (("check-covid", check_covid),
                       ("perspectrum", perspectrum)):
        tmp = os.path.join(out, name + ".jsonl.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            for a, b, lab, group in rows(os.path.join(data, name)):
                a, b = a.strip(), b.strip()
                if a and b and lab:
                    f.write(json.dumps({"a": a, "b": b, "label": lab,
                                        "group": group},
                                       ensure_ascii=False) + "\n")
        os.replace(tmp, os.path.join(out, name + ".jsonl"))


main()
