#!/usr/bin/env python3
"""check_real_data.py - run `gainsay check` over every real article body in
../shared/data (FNC-1 and ARC bodies, each with one of its headlines) and
verify the report: every position points at the text it names (bytes, line
and column), and the run ends with exit 0 or 1.

  check_real_data.py GAINSAY DATA TMPDIR [EVERY]

EVERY > 1 checks every EVERY-th article only (for sanitizer builds).
Prints "<articles> articles, <ms> ms per article" on success."""
import csv
import json
import os
import subprocess
import sys
import time


def articles(data):
    for name, stances, bodies in (("fnc", "fnc-1/train_stances.csv", "fnc-1/train_bodies.csv"),
                                  ("arc", "arc/arc_stances_train.csv", "arc/arc_bodies.csv")):
        with open(os.path.join(data, bodies), newline="", encoding="utf-8") as f:
            body = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
        headline = {}
        with open(os.path.join(data, stances), newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                # prefer a related headline, so the pairs are about something
                if r["Body ID"] not in headline or r["Stance"] != "unrelated":
                    headline.setdefault(r["Body ID"], r["Headline"])
        for bid in sorted(body, key=lambda x: int(x) if x.isdigit() else 0):
            if bid in headline:
                yield "%s-%s.txt" % (name, bid), headline[bid], body[bid]


def position_ok(raw, st):
    if "start_byte" not in st:
        return True
    piece = raw[st["start_byte"]:st["end_byte"]].decode("utf-8")
    if piece != st["text"]:
        return False
    before = raw[:st["start_byte"]]
    line = before.count(b"\n") + 1
    col = len(before[before.rfind(b"\n") + 1:].decode("utf-8")) + 1
    return (line, col) == (st["line"], st["column"])


def main():
    gainsay, data, tmp = sys.argv[1:4]
    every = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    paths = []
    for i, (name, head, body) in enumerate(articles(data)):
        if i % every:
            continue
        p = os.path.join(tmp, name)
        with open(p, "w", encoding="utf-8") as f:
            f.write(head.strip().replace("\n", " ") + "\n\n" + body)
        paths.append(p)
    bad = 0
    t0 = time.perf_counter()
    for k in range(0, len(paths), 500):
        batch = paths[k:k + 500]
        r = subprocess.run([gainsay, "check", "--format", "json", "--all", "--top", "20",
                            "-m", "models/nli.json", "--stance-model", "models/stance.json"] + batch,
                           capture_output=True)
        if r.returncode not in (0, 1):
            # an article the checker refuses must be refused cleanly
            err = r.stderr.decode("utf-8", "replace")
            if r.returncode != 2 or "gainsay:" not in err or "Sanitizer" in err or "runtime error" in err:
                print("check failed (exit %d): %s" % (r.returncode, err[:2000]))
                return 1
        try:
            report = json.loads(r.stdout)
        except ValueError:
            print("unreadable report (exit %d): %s" % (r.returncode, r.stderr.decode("utf-8", "replace")[:2000]))
            return 1
        for f in report["files"]:
            raw = open(f["file"], "rb").read()
            for st in [f["headline"]] + [x for g in f["findings"] for x in (g["a"], g["b"])]:
                if not position_ok(raw, st):
                    bad += 1
                    if bad < 5:
                        print("wrong position in %s: %s" % (f["file"], json.dumps(st)[:300]))
    ms = 1000.0 * (time.perf_counter() - t0) / max(1, len(paths))
    if bad:
        print("%d wrong positions" % bad)
        return 1
    print("%d articles, %.1f ms per article" % (len(paths), ms))
    return 0


if __name__ == "__main__":
    sys.exit(main())
