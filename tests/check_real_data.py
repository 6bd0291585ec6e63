#!/usr/bin/env python3
"""check_real_data.py - run `gainsay check` over every real article body in
../shared/data (FNC-1 and ARC bodies, each with one of its headlines, or
none when the stances file has none for it) and
verify the report: every position points at the text it names (bytes, line
and column), and the run ends with exit 0 or 1.  The lines left out as page
furniture are counted per kind, and none of them may read as a prose
sentence (it ends a sentence and has five words or more: the same rule
doc/furniture.h states, written again here).

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
        # every body: one without a headline in the stances file is checked
        # as a page without one (its first line that reads as a headline)
        for bid in sorted(body, key=lambda x: int(x) if x.isdigit() else 0):
            yield "%s-%s.txt" % (name, bid), headline.get(bid), body[bid]


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


CLOSERS = "\"')]*_\u201d\u2019\u00bb\u203a"


def is_prose(line):
    t = line.rstrip()
    while t and (t[-1] in CLOSERS or t[-1].isspace()):
        t = t[:-1]
    ends = t[-1:] in (".", "!", "?", "\u2026")
    words = sum(1 for w in line.split() if any(c.isalnum() for c in w))
    return ends and words >= 5


def main():
    gainsay, data, tmp = sys.argv[1:4]
    every = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    paths, heads = [], {}
    for i, (name, head, body) in enumerate(articles(data)):
        if i % every:
            continue
        p = os.path.join(tmp, name)
        with open(p, "w", encoding="utf-8") as f:
            f.write((head.strip().replace("\n", " ") + "\n\n" if head else "") + body)
        paths.append(p)
        heads[p] = head.strip().replace("\n", " ") if head else None
    bad = 0
    left, prose, kinds, pages, nothing, heads_out = 0, 0, {}, 0, 0, 0
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
            # the headline written above the body is the headline read
            # (unless that line was left out as furniture, and said so)
            if heads.get(f["file"]) and (not f["headline"] or f["headline"]["text"] != heads[f["file"]]):
                if f["left_out"] and f["left_out"][0]["line"] == 1:
                    heads_out += 1
                else:
                    bad += 1
                    if bad < 5:
                        print("headline not read in %s: %s" % (f["file"], json.dumps(f["headline"])[:300]))
            pages += 1 if f["left_out"] else 0
            nothing += 1 if f["nothing_to_check"] else 0
            for lo in f["left_out"]:
                left += 1
                kinds[lo["kind"]] = kinds.get(lo["kind"], 0) + 1
                if is_prose(lo["text"]):
                    prose += 1
                    if prose < 5:
                        print("a prose sentence left out in %s: %s" % (f["file"], json.dumps(lo)[:300]))
            for st in ([f["headline"]] if f["headline"] else []) + f["left_out"] \
                    + [x for g in f["findings"] for x in (g["a"], g["b"])]:
                if not position_ok(raw, st):
                    bad += 1
                    if bad < 5:
                        print("wrong position in %s: %s" % (f["file"], json.dumps(st)[:300]))
    ms = 1000.0 * (time.perf_counter() - t0) / max(1, len(paths))
    if bad or prose:
        print("%d wrong positions, %d prose sentences left out" % (bad, prose))
        return 1
    print("%d articles, %.1f ms per article; %d lines left out as furniture in %d articles"
          " (%s), %d with nothing left to check, %d headlines left out as furniture"
          % (len(paths), ms, left, pages,
             ", ".join("%s %d" % kv for kv in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
             nothing, heads_out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
