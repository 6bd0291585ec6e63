#!/usr/bin/env python3
"""libsvm_metrics.py - accuracy, macro-F1, per-label F1 and the FNC-1 score
of a liblinear-predict output against the classes of a libsvm file written
by gainsay's --dump-features, with the class names from train
--dump-features --format json.  The same measures as sklearn_baseline.py.

  libsvm_metrics.py TEST.svm PREDICTIONS SUMMARY.json

Prints one JSON line."""
import json
import os
import sys

from sklearn.metrics import accuracy_score, f1_score

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sklearn_baseline import fnc_score  # noqa: E402


def main():
    test, pred, summary = sys.argv[1:4]
    names = {c["class"]: c["label"]
             for c in json.load(open(summary, encoding="utf-8"))["classes"]}
    with open(test, encoding="ascii") as f:
        y = [names[int(line.split(" ", 1)[0])] for line in f if line.strip()]
    with open(pred, encoding="ascii") as f:
        p = [names[int(float(line))] for line in f if line.strip()]
    if len(y) != len(p):
        sys.exit("libsvm_metrics.py: %d test rows but %d predictions"
                 % (len(y), len(p)))
    labels = sorted(set(y))
    out = {"pairs": len(y), "accuracy": round(accuracy_score(y, p), 4),
           "macro_f1": round(f1_score(y, p, average="macro"), 4),
           "f1": dict(zip(labels, [round(v, 4) for v in
                                   f1_score(y, p, average=None,
                                            labels=labels)]))}
    if {"agree", "disagree", "discuss", "unrelated"} <= set(y):
        out["fnc_score"] = round(fnc_score(y, p), 2)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
