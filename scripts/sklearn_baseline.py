#!/usr/bin/env python3
"""sklearn_baseline.py - the scikit-learn peer that gainsay is measured
against: TF-IDF of each side (fitted on the training texts) plus their
cosine, into a multinomial logistic regression.  Each distinct text is
vectorised once, as a careful scikit-learn user would do.

  sklearn_baseline.py fnc STANCES BODIES [--test TEST.jsonl] [--default]
  sklearn_baseline.py jsonl TRAIN.jsonl [--test TEST.jsonl] [--default]

--default is the pipeline as a practitioner writes it at scikit-learn's
defaults (issue 11; the UCL FNC-1 features without the hidden layer):
CountVectorizer(max_features=5000, stop_words='english') of each side,
l2-normalised, plus the cosine of TfidfVectorizer(max_features=5000,
stop_words='english') vectors, into LogisticRegression(C=1,
class_weight='balanced', max_iter=1000).  Without it, the heavier tuned
peer: 1-2-gram TF-IDF (min_df=2, sublinear) of each side plus cosine into
LogisticRegression(C=10).

Prints one JSON line: training seconds (raw files to fitted model),
and, with --test, accuracy, macro-F1 and the FNC-1 score."""
import csv
import json
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.preprocessing import normalize


def read_fnc(stances, bodies):
    with open(bodies, newline="", encoding="utf-8") as f:
        body = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    with open(stances, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return ([r["Headline"] for r in rows], [body[r["Body ID"]] for r in rows],
            [r["Stance"] for r in rows])


def read_jsonl(path):
    a, b, y = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                a.append(o["a"])
                b.append(o["b"])
                y.append(o["label"])
    return a, b, y


def vectorise(vec, texts):
    """Transform each distinct text once, then gather the rows."""
    uniq = {}
    idx = [uniq.setdefault(t, len(uniq)) for t in texts]
    m = vec.transform(list(uniq))
    return m[idx]


def features(vec, a, b):
    xa = vectorise(vec, a)
    xb = vectorise(vec, b)
    cos = np.asarray(xa.multiply(xb).sum(axis=1))
    return sp.hstack([xa, xb, sp.csr_matrix(cos)]).tocsr()


class Default:
    """The practitioner's pipeline at defaults (see --default)."""

    def __init__(self):
        self.bow = CountVectorizer(max_features=5000, stop_words="english")
        self.tfidf = TfidfVectorizer(max_features=5000, stop_words="english")

    def fit(self, texts):
        self.bow.fit(texts)
        self.tfidf.fit(texts)
        return self

    def features(self, a, b):
        xa = normalize(vectorise(self.bow, a))
        xb = normalize(vectorise(self.bow, b))
        ta = vectorise(self.tfidf, a)
        tb = vectorise(self.tfidf, b)
        cos = np.asarray(ta.multiply(tb).sum(axis=1))
        return sp.hstack([xa, xb, sp.csr_matrix(cos)]).tocsr()


def fnc_score(y, p):
    rel = lambda s: s != "unrelated"
    got = sum((0.25 if rel(t) == rel(q) else 0) + (0.75 if rel(t) and t == q else 0)
              for t, q in zip(y, p))
    best = sum(1.0 if rel(t) else 0.25 for t in y)
    return 100.0 * got / best


def main():
    args = sys.argv[1:]
    test = None
    if "--test" in args:
        i = args.index("--test")
        test = args[i + 1]
        del args[i:i + 2]
    default = "--default" in args
    if default:
        args.remove("--default")
    t0 = time.perf_counter()
    if args[0] == "fnc":
        a, b, y = read_fnc(args[1], args[2])
    else:
        a, b, y = read_jsonl(args[1])
    if default:
        pipe = Default().fit(list(set(a)) + list(set(b)))
        feats = pipe.features
        clf = LogisticRegression(C=1.0, class_weight="balanced",
                                 max_iter=1000)
    else:
        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        vec.fit(list(set(a)) + list(set(b)))
        feats = lambda p, q: features(vec, p, q)
        clf = LogisticRegression(max_iter=1000, C=10.0)
    x = feats(a, b)
    clf.fit(x, y)
    out = {"train_seconds": round(time.perf_counter() - t0, 3),
           "pairs": len(y), "inputs": x.shape[1]}
    if test:
        ta, tb, ty = read_jsonl(test)
        p = clf.predict(feats(ta, tb))
        out["accuracy"] = round(accuracy_score(ty, p), 4)
        out["macro_f1"] = round(f1_score(ty, p, average="macro"), 4)
        labels = sorted(set(ty))
        out["f1"] = dict(zip(labels, [round(v, 4) for v in
                                      f1_score(ty, p, average=None, labels=labels)]))
        if {"agree", "disagree", "discuss", "unrelated"} <= set(ty):
            out["fnc_score"] = round(fnc_score(ty, p), 2)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
