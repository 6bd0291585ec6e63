#!/usr/bin/env python3
"""eval_articles.py - gainsay check measured as a fact-checker would.

usage: training/eval_articles.py [--fold N] [--folds K] [--seed S]
           [--set fnc-1|arc] [--model M] [--stance-model M]
           [--headline-model M|none]
           [--headline-threshold T] [--sweep] [--designs] [--keep DIR]
           [--json FILE] [--scores FILE] [--no-timing]

Splits FNC-1 train (or ARC) with `gainsay split` into grouped folds (no
headline and no body on both sides), trains the stance model (and the
headline model, training/train_headline.sh) on the other folds with the
shipped training commands, writes every held-out pair as a plain-text
article (headline, blank line, body), runs `gainsay check` on them and
reports, with each article weighted so that the labels have FNC-1's real
mix (agree 7.4%, disagree 1.7%, discuss 17.8%, unrelated 73.1%):

  - the share of articles with a headline finding, per stance label;
  - precision, recall and F1 of "has a headline finding" for disputing
    (disagree) articles against all others;
  - the average precision of each article's highest headline-finding
    probability (headline-sentence and headline-quote pairs);
  - the stance verdict's disagree precision, recall and F1, and its FNC-1
    score on the held-out articles;
  - the time per article of a plain `gainsay check -j 1` run.

--sweep also prints precision and recall over a range of thresholds (for
choosing the default on a development fold, never on the reported one);
--designs the average precision of other mixes of the verdict and the
statements' own probabilities, from the same run.
--model, --stance-model and --headline-model use given models instead of
training them (a model trained on the held-out fold makes the figures
meaningless).  Needs ../shared/data and a built ./gainsay.
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

REAL_MIX = {"agree": 3678, "disagree": 840, "discuss": 8909,
            "unrelated": 36545}
SETS = {
    "fnc-1": ("fnc-1/train_stances.csv", "fnc-1/train_bodies.csv"),
    "arc": ("arc/arc_stances_train.csv", "arc/arc_bodies.csv"),
}
HEADLINE_KINDS = ("headline-sentence", "headline-quote")


def run(cmd, **kw):
    r = subprocess.run(cmd, **kw)
    if r.returncode not in (0, 1):
        sys.exit("eval_articles: %s failed with status %d"
                 % (" ".join(cmd[:3]), r.returncode))
    return r


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def average_precision(scored):
    """scored: (score, is_positive, weight); weighted AP, ties broken by
    putting negatives first (the pessimistic order)."""
    scored = sorted(scored, key=lambda t: (-t[0], t[1]))
    tp = fp = ap = 0.0
    total = sum(w for _, y, w in scored if y)
    for s, y, w in scored:
        if y:
            tp += w
            ap += w * tp / (tp + fp)
        else:
            fp += w
    return ap / total if total else 0.0


def prf(pred, gold, weight):
    tp = sum(w for p, g, w in zip(pred, gold, weight) if p and g)
    fp = sum(w for p, g, w in zip(pred, gold, weight) if p and not g)
    fn = sum(w for p, g, w in zip(pred, gold, weight) if not p and g)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def fnc_score(pred, gold):
    score = best = 0.0
    for p, g in zip(pred, gold):
        best += 0.25 + (0.75 if g != "unrelated" else 0.0)
        if (p == "unrelated") == (g == "unrelated"):
            score += 0.25
        if p == g and g != "unrelated":
            score += 0.75
    return 100.0 * score / best if best else 0.0


def write_scores(path, gold, weight, p_disagree, best, verdict):
    """One line per held-out article, in the order of the split: its label,
    its weight at FNC-1's real mix, the stance verdict's p(disagree), the
    highest headline-finding probability and the verdict (TSV with a
    header), so that thresholds can be swept without running check again."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("label\tweight\tp_disagree\tbest\tverdict\n")
        for row in zip(gold, weight, p_disagree, best, verdict):
            f.write("%s\t%.6f\t%.6f\t%.6f\t%s\n" % row)


def designs(mixes, is_dis, weight):
    """Average precision of other article scores built from the verdict's
    p(disagree) V and the statements' own probabilities p_i."""
    def noisy_or(ps):
        prod = 1.0
        for p in ps:
            prod *= 1.0 - min(p, 1.0 - 1e-12)
        return 1.0 - prod

    def pmax(ps):
        return max(ps) if ps else 0.0

    scores = {
        "V alone (the shipped rule: max q_i = V)": lambda v, ps: v,
        "max p_i alone (statement model)": lambda v, ps: pmax(ps),
        "noisy-OR P alone": lambda v, ps: noisy_or(ps),
        "max_i V p_i / P (the earlier noisy-OR share)":
            lambda v, ps: v * pmax(ps) / noisy_or(ps) if noisy_or(ps) else 0,
        "V * max p_i": lambda v, ps: v * pmax(ps),
        "V^0.75 * (max p_i)^0.25":
            lambda v, ps: v ** 0.75 * pmax(ps) ** 0.25,
        "V^0.9 * (max p_i)^0.1": lambda v, ps: v ** 0.9 * pmax(ps) ** 0.1,
        "V * P": lambda v, ps: v * noisy_or(ps),
    }
    return {name: average_precision([(f(v, ps), y, w) for (v, ps), y, w
                                     in zip(mixes, is_dis, weight)])
            for name, f in scores.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="fnc-1", choices=sorted(SETS))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--fold", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--model")
    ap.add_argument("--stance-model")
    ap.add_argument("--headline-model")
    ap.add_argument("--headline-threshold",
                    help="check's --headline-threshold (the threshold a "
                    "model trained with train --threshold would store)")
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--designs", action="store_true",
                    help="also rank the articles by other mixes of the "
                    "verdict and the statements (the design comparison)")
    ap.add_argument("--keep")
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument("--scores",
                    help="also write each held-out article's label, "
                    "weight, stance p(disagree), highest headline-finding "
                    "probability and verdict here (TSV, for a threshold "
                    "sweep on a training-side fold)")
    ap.add_argument("--no-timing", action="store_true",
                    help="skip the timed default run (findings from the "
                    "--all run at the thresholds)")
    args = ap.parse_args()

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(root)
    data = os.environ.get("DATA", "../shared/data")
    gainsay = os.path.abspath(os.environ.get("GAINSAY", "./gainsay"))
    if not os.path.isdir(data):
        sys.exit("eval_articles: %s not found" % data)
    work = args.keep or tempfile.mkdtemp(prefix="gainsay-eval.")
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", GAINSAY=gainsay)
    try:
        train, test = os.path.join(work, "train.jsonl"), os.path.join(
            work, "test.jsonl")
        run([gainsay, "split", "--folds", str(args.folds), "--fold",
             str(args.fold), "--seed", str(args.seed), "--train", train,
             "--test", test] + [os.path.join(data, p) for p in SETS[args.set]],
            check=True, stderr=subprocess.DEVNULL)
        stance = args.stance_model
        if not stance:
            stance = os.path.join(work, "stance.json")
            print("training the stance model on the other folds ...",
                  file=sys.stderr)
            run(["training/train_stance.sh", stance, train], env=env,
                stdout=sys.stderr, check=True)
        headline = args.headline_model
        if headline is None and os.path.exists("training/train_headline.sh"):
            headline = os.path.join(work, "headline.json")
            print("training the headline model on the other folds ...",
                  file=sys.stderr)
            run(["training/train_headline.sh", headline, train], env=env,
                stdout=sys.stderr, check=True)
        no_headline = headline == "none"
        pairs = read_jsonl(test)
        adir = os.path.join(work, "articles")
        shutil.rmtree(adir, ignore_errors=True)
        os.makedirs(adir)
        names = []
        for i, p in enumerate(pairs):
            name = os.path.join(adir, "a%05d.txt" % i)
            with open(name, "w", encoding="utf-8") as f:
                f.write(p["a"].replace("\n", " ") + "\n\n" + p["b"] + "\n")
            names.append(name)
        models = ["--stance-model", stance]
        if args.model:
            models += ["--model", args.model]
        if no_headline:
            models += ["--no-headline-model"]
        elif headline:
            models += ["--headline-model", headline]
        if args.headline_threshold:
            models += ["--headline-threshold", args.headline_threshold]
        common = [gainsay, "check", "--no-config", "--no-ignore",
                  "--fail-level", "none"] + models
        # every headline pair's probability, for the ranking figures
        out = os.path.join(work, "all.json")
        run(common + ["--format", "json", "--all", "-j", "2", "--output",
                      out, "--pairs", ",".join(HEADLINE_KINDS), adir],
            check=True)
        # the default run, timed on one thread
        t0 = time.monotonic()
        dflt = os.path.join(work, "default.json")
        if not args.no_timing:
            run(common + ["--format", "json", "-j", "1", "--output", dflt,
                          adir], check=True)
        per_article = (time.monotonic() - t0) / max(1, len(pairs))
        with open(out, encoding="utf-8") as f:
            rep_all = {r["file"]: r for r in json.load(f)["files"]}
        if args.no_timing:
            rep = {}
            for k, r in rep_all.items():
                t = r.get("headline_threshold", r["threshold"])
                rep[k] = dict(r, findings=[x for x in r["findings"]
                                           if x["probability"] >= t])
        else:
            with open(dflt, encoding="utf-8") as f:
                rep = {r["file"]: r for r in json.load(f)["files"]}
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    gold = [p["label"] for p in pairs]
    count = collections.Counter(gold)
    n = len(gold)
    total_real = sum(REAL_MIX.values())
    wt = {l: (REAL_MIX[l] / total_real) / (count[l] / n) if count[l] else 0
          for l in REAL_MIX}
    weight = [wt[g] for g in gold]
    is_dis = [g == "disagree" for g in gold]
    has, best, verdict, thr, mixes = [], [], [], None, []
    for name in names:
        r = rep[os.path.relpath(name)] if os.path.relpath(name) in rep \
            else rep[name]
        ra = rep_all[os.path.relpath(name)] if os.path.relpath(name) in \
            rep_all else rep_all[name]
        fs = [f for f in r["findings"] if f["kind"] in HEADLINE_KINDS]
        has.append(bool(fs))
        ps = [f["probability"] for f in ra["findings"]
              if f["kind"] in HEADLINE_KINDS]
        best.append(max(ps) if ps else 0.0)
        verdict.append(r["stance"]["label"] if r.get("stance") else "none")
        pair_ps = [f.get("pair_probability", f["probability"])
                   for f in ra["findings"] if f["kind"] in HEADLINE_KINDS]
        mixes.append(((ra.get("stance") or {}).get("probs", {}).get(
            "disagree", 0.0), pair_ps))
        thr = ra.get("headline_threshold", ra.get("threshold"))

    res = {"set": args.set, "folds": args.folds, "fold": args.fold,
           "seed": args.seed, "articles": n, "labels": dict(count),
           "threshold": thr}
    res["share_with_finding"] = {
        l: sum(h for h, g in zip(has, gold) if g == l) / count[l]
        for l in sorted(count)}
    p, r_, f = prf(has, is_dis, weight)
    res["finding_disagree"] = {"precision": p, "recall": r_, "f1": f}
    res["ap_best"] = average_precision(list(zip(best, is_dis, weight)))
    res["ap_chance"] = REAL_MIX["disagree"] / total_real
    vp, vr, vf = prf([v == "disagree" for v in verdict], is_dis, weight)
    res["verdict_disagree"] = {"precision": vp, "recall": vr, "f1": vf}
    res["verdict_fnc"] = fnc_score(verdict, gold)
    res["ms_per_article"] = 1000.0 * per_article
    agree_v = [h for h, v in zip(has, verdict) if v == "agree"]
    res["finding_given_verdict_agree"] = (sum(agree_v) / len(agree_v)
                                          if agree_v else 0.0)
    dis_v = [h for h, v in zip(has, verdict) if v == "disagree"]
    res["finding_given_verdict_disagree"] = (sum(dis_v) / len(dis_v)
                                             if dis_v else 0.0)

    print("%s, grouped split: fold %d of %d (seed %d), %d held-out articles"
          % (args.set, args.fold, args.folds, args.seed, n))
    print("labels held out: " + ", ".join(
        "%s %d" % (l, count[l]) for l in sorted(count))
        + "; weighted to FNC-1's real mix")
    print("headline threshold: %s" % thr)
    print("articles with a headline finding, per label: " + ", ".join(
        "%s %.1f%%" % (l, 100 * v)
        for l, v in res["share_with_finding"].items()))
    print("has a headline finding, disputing vs all others: precision "
          "%.3f, recall %.3f, F1 %.3f" % (p, r_, f))
    print("average precision of the highest headline-finding probability: "
          "%.3f (chance %.3f)" % (res["ap_best"], res["ap_chance"]))
    print("stance verdict disagree: precision %.3f, recall %.3f, F1 %.3f; "
          "FNC-1 score %.2f" % (vp, vr, vf, res["verdict_fnc"]))
    print("headline finding when the verdict is agree: %.1f%%, when it is "
          "disagree: %.1f%%" % (100 * res["finding_given_verdict_agree"],
                                100 * res["finding_given_verdict_disagree"]))
    print("time per article (check -j 1, every model loaded once): %.2f ms"
          % res["ms_per_article"])
    if args.sweep:
        print("threshold sweep (highest headline-finding probability):")
        for t in [x / 100 for x in range(5, 100, 5)]:
            sp, sr, sf = prf([b >= t for b in best], is_dis, weight)
            print("  %.2f  precision %.3f  recall %.3f  F1 %.3f"
                  % (t, sp, sr, sf))
    if args.designs:
        res["designs"] = designs(mixes, is_dis, weight)
        print("designs (average precision of the article's score):")
        for name, v in res["designs"].items():
            print("  %-44s %.3f" % (name, v))
    if args.scores:
        write_scores(args.scores, gold, weight, [v for v, _ in mixes], best,
                     verdict)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(res, f, indent=1, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
