#!/usr/bin/env python3
"""nli_sets.py - write each labelled pair set of ../shared/data as native
gainsay JSONL ({"a", "b", "label"}) with the labels contradiction,
entailment and neutral (two-way entailment / not_entailment sets keep
their labels: not_entailment is not contradiction).  Used by
training/train_nli.sh; reads only, writes into the directory given.

Each set is capped at CAP pairs (a fixed-seed sample) so that no single
source dominates the training data.
"""
import csv
import json
import os
import random
import sys

csv.field_size_limit(1 << 30)


def norm(label):
    l = label.strip().lower()
    return {
        "e": "entailment", "n": "neutral", "c": "contradiction",
        "support": "entailment", "supports": "entailment",
        "refute": "contradiction", "refutes": "contradiction",
        "nei": "neutral", "notenoughinfo": "neutral",
        "not enough info": "neutral",
        "undermine": "contradiction", "pro": "entailment",
        "con": "contradiction",
    }.get(l, l)


def tsv(path, a, b, lab, header=True, bom=False):
    with open(path, encoding="utf-8-sig" if bom else "utf-8") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        if header:
            head = next(rows)
            a, b, lab = head.index(a), head.index(b), head.index(lab)
        for r in rows:
            if len(r) > max(a, b, lab):
                yield r[a], r[b], r[lab]


def jsonl(path, a, b, lab):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                yield o[a], o[b], o[lab]


def check_covid(d):
    corpus = {}
    with open(os.path.join(d, "corpus.json"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                corpus[str(o["cord_id"])] = o["abstract"]
    for part in ("train.json", "dev.json"):
        for o in jsonl_objs(os.path.join(d, part)):
            abstract = corpus.get(str(o["cord_id"]), [])
            for ev in o.get("evidence_set") or []:
                i = ev.get("sent_index")
                if isinstance(i, int) and 0 <= i < len(abstract):
                    yield abstract[i], o["claim"], o["label"]


def jsonl_objs(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def perspectrum(d):
    with open(os.path.join(d, "perspective_pool_v1.0.json")) as f:
        pool = {p["pId"]: p["text"] for p in json.load(f)}
    with open(os.path.join(d, "perspectrum_with_answers_v1.0.json")) as f:
        claims = json.load(f)
    for c in claims:
        for cl in c["perspectives"]:
            for pid in cl["pids"]:
                if pid in pool:
                    yield c["text"], pool[pid], cl["stance_label_3"]


def ibm(d):
    path = os.path.join(d, "claim_stance_dataset_v1.csv")
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            yield r["topicText"], r["claims.claimCorrectedText"], \
                r["claims.stance"]


def healthver(d):
    with open(os.path.join(d, "dev.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            yield r["evidence"], r["claim"], r["label"]


def sets(data):
    j = lambda *p: os.path.join(data, *p)
    yield "sick", lambda: tsv(j("sick", "SICK_train.txt"), "sentence_A",
                              "sentence_B", "entailment_judgment")
    yield "sick-trial", lambda: tsv(j("sick", "SICK_trial.txt"), "sentence_A",
                                    "sentence_B", "entailment_judgment")
    yield "snli", lambda: jsonl(j("snli", "snli_1.0_dev.jsonl"), "sentence1",
                                "sentence2", "gold_label")
    yield "mnli", lambda: tsv(j("mnli-sample", "taxinli10k.tsv"), "prem",
                              "hyp", "label")
    # CAD train only: CAD dev is built on SNLI dev pairs
    yield "cad", lambda: tsv(j("cad", "train.tsv"), "sentence1", "sentence2",
                             "gold_label")
    yield "anli", lambda: (x for r in ("R1", "R2", "R3") for x in jsonl(
        j("anli", r + "_dev.jsonl"), "context", "hypothesis", "label"))
    yield "check-covid", lambda: check_covid(j("check-covid"))
    yield "healthver", lambda: healthver(j("healthver"))
    yield "conjnli", lambda: tsv(j("conjnli", "conj_dev.tsv"), "Premise",
                                 "Hypothesis", "Label", bom=True)
    yield "hans", lambda: tsv(j("hans", "mnli_contradicting_examples.tsv"),
                              0, 1, 2, header=False)
    yield "monli", lambda: (x for p in ("pmonli.jsonl", "nmonli_train.jsonl",
                                        "nmonli_test.jsonl")
                            for x in jsonl(j("monli", p), "sentence1",
                                           "sentence2", "gold_label"))
    yield "perspectrum", lambda: perspectrum(j("perspectrum"))
    yield "ibm-claim-stance", lambda: ibm(j("ibm-claim-stance"))
    yield "rte", lambda: (x for p in ("train.tsv", "dev.tsv") for x in tsv(
        j("rte", p), "sentence1", "sentence2", "label"))
    yield "scifact", lambda: (x for p in ("train.tsv", "dev.tsv") for x in tsv(
        j("scifact", p), "sentence1", "sentence2", "entailment"))


def main():
    data, out, cap = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    for name, rows in sets(data):
        pairs = []
        for a, b, lab in rows():
            a, b, lab = a.strip(), b.strip(), norm(lab)
            if a and b and lab and lab != "-":
                pairs.append({"a": a, "b": b, "label": lab})
        random.Random(1).shuffle(pairs)
        pairs = pairs[:cap]
        tmp = os.path.join(out, name + ".jsonl.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            for p in pairs:
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
        os.replace(tmp, os.path.join(out, name + ".jsonl"))
        counts = {}
        for p in pairs:
            counts[p["label"]] = counts.get(p["label"], 0) + 1
        print(name, len(pairs), counts, file=sys.stderr)


main()
