#!/usr/bin/env python3
"""fnc_articles.py - write FNC-1 bodies as articles for the benchmarks.

usage: fnc_articles.py DATA OUT FIRST COUNT (text|markdown)

Bodies in order of their id, from the FIRST-th, each under the first
headline written for it: text files (headline, blank line, body) named
aNNNN.txt, or Markdown drafts with the headline as front matter title,
spread over eight desk directories as a newsroom repository would be.
"""
import csv
import os
import sys


def main():
    data, out, first, count, kind = sys.argv[1:6]
    first, count = int(first), int(count)
    with open(os.path.join(data, "fnc-1/train_bodies.csv"), newline="", encoding="utf-8") as f:
        body = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    head = {}
    with open(os.path.join(data, "fnc-1/train_stances.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            head.setdefault(r["Body ID"], r["Headline"])
    ids = sorted(body, key=int)[first:first + count]
    for i, bid in enumerate(ids):
        title = head.get(bid, "Headline").replace("\n", " ")
        if kind == "text":
            path, text = os.path.join(out, "a%04d.txt" % i), title + "\n\n" + body[bid]
        else:
            desk = os.path.join(out, "desk%d" % (i % 8))
            os.makedirs(desk, exist_ok=True)
            path = os.path.join(desk, "draft%03d.md" % i)
            text = '---\ntitle: "%s"\n---\n\n%s\n' % (title.replace('"', "'"), body[bid])
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
