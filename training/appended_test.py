#!/usr/bin/env python3
"""appended_test.py - the appended-contradiction test of the sentence
model, on real news: take FNC-1 train bodies, edit one sentence of a body
so that it contradicts itself (a negation flipped, a number changed, a word
replaced by its WordNet antonym), append the edited copy as a new last
paragraph, and run `gainsay check` on the articles.  A contradiction is
found when a finding has the appended sentence on one side.  The same
bodies unedited are the control: the share of them with any finding is
the false-alarm rate.

usage: appended_test.py [--gainsay ./gainsay] [--model models/nli.json]
                        [--bodies N] [--seed S] [--data ../shared/data]
                        [--wordnet /usr/share/wordnet] [--keep DIR]
                        [-- <more check options>]

Prints found % per kind and the control's % with a finding; --keep writes
the articles there (else a temporary directory, removed).  Only the
statement pairs are scored (sentence-sentence, quote-quote) with the
model's own threshold, no stance verdict, one job.  The bodies are those of
the FNC-1 training file; choose --seed for another sample.
"""
import argparse
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

csv.field_size_limit(1 << 30)

AUX = {"is", "are", "was", "were", "will", "would", "can", "could",
       "should", "has", "have", "had", "does", "did", "do", "may", "might",
       "must"}
NEG_AFTER = {"not", "never", "n't"}
NUM_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "twelve", "twenty", "fifty", "hundred"]
# function words WordNet gives antonyms that make no claim of their own
ANT_SKIP = {"in", "out", "up", "down", "on", "off", "be", "have", "do",
            "go", "come", "get", "give", "take", "make", "one", "first",
            "last", "over", "under", "back", "after", "before", "he", "she",
            "it", "more", "less", "most", "least", "new", "old", "said",
            "say", "will", "can", "may", "must", "like", "well"}
SENT = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z])")
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|\d[\d,]*(?:\.\d+)?")


def wordnet_antonyms(wn):
    """lemma -> its direct antonyms, adjectives and verbs (single words)."""
    ant = {}
    for pos in ("adj", "verb"):
        with open(os.path.join(wn, "data." + pos), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                p = line.split(" | ")[0].split()
                n_w = int(p[3], 16)
                words = [re.sub(r"\(.*\)$", "", p[4 + 2 * i]).lower()
                         for i in range(n_w)]
                k = 4 + 2 * n_w
                n_p = int(p[k])
                for i in range(n_p):
                    sym, off, ptr_pos, st = p[k + 1 + 4 * i: k + 5 + 4 * i]
                    if sym != "!":
                        continue
                    src = int(st[:2], 16) - 1
                    if 0 <= src < n_w:
                        ant.setdefault((pos, words[src]), []).append(
                            (off, ptr_pos, int(st[2:], 16) - 1))
    # resolve targets: offset -> words of that synset
    need = {}
    for (pos, w), ts in ant.items():
        for off, ptr_pos, t in ts:
            need.setdefault(ptr_pos, set()).add(off)
    words_at = {}
    for ptr_pos, offs in need.items():
        fn = {"a": "adj", "s": "adj", "v": "verb"}.get(ptr_pos)
        if not fn:
            continue
        with open(os.path.join(wn, "data." + fn), encoding="latin-1") as f:
            for line in f:
                off = line[:8]
                if off in offs:
                    p = line.split()
                    n_w = int(p[3], 16)
                    words_at[off] = [re.sub(r"\(.*\)$", "", p[4 + 2 * i])
                                     .lower() for i in range(n_w)]
    out = {}
    for (pos, w), ts in ant.items():
        if "_" in w or w in ANT_SKIP:
            continue
        for off, ptr_pos, t in ts:
            ws = words_at.get(off, [])
            if 0 <= t < len(ws) and "_" not in ws[t] and ws[t] not in ANT_SKIP:
                out.setdefault(pos, {}).setdefault(w, ws[t])
    return out


def verb_forms(wn):
    """irregular verb forms: form -> base, and base -> past form"""
    to_base, past = {}, {}
    with open(os.path.join(wn, "verb.exc"), encoding="latin-1") as f:
        for line in f:
            p = line.split()
            if len(p) >= 2 and "_" not in p[0]:
                to_base.setdefault(p[0], p[1])
                # the shorter form is more often the simple past
                if p[1] not in past or len(p[0]) < len(past[p[1]]):
                    past[p[1]] = p[0]
    return to_base, past


def inflect(base, suffix, past):
    if suffix == "":
        return base
    if suffix == "ed":
        if base in past:
            return past[base]
        return base + ("d" if base.endswith("e") else "ed")
    if suffix == "s":
        return base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s")
    if suffix == "ing":
        return (base[:-1] if base.endswith("e") else base) + "ing"
    return None


def antonym_of(word, ants, to_base, past):
    """the antonym of a word in the same form, or None"""
    w = word.lower()
    adj = ants.get("adj", {})
    verb = ants.get("verb", {})
    # a participle is taken as the verb ("reported" is not "unreported")
    if w in adj and not w.endswith(("ed", "ing")):
        return adj[w]
    # irregular verb forms (rose -> rise -> fall -> fell)
    if w in to_base and to_base[w] in verb:
        return inflect(verb[to_base[w]], "ed", past)
    for suffix, strips in (("ed", ("ed", "d")), ("s", ("es", "s")),
                           ("ing", ("ing",)), ("", ("",))):
        for s in strips:
            if s and not w.endswith(s):
                continue
            stem = w[:-len(s)] if s else w
            for base in ((stem, stem + "e") if s else (stem,)):
                if base in verb and len(base) > 2:
                    return inflect(verb[base], suffix, past)
    return None


def match_case(new, old):
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def edit_negation(sent, rng):
    toks = list(WORD.finditer(sent))
    for i, m in enumerate(toks):
        if m.group().lower() in AUX and i + 1 < len(toks):
            nxt = toks[i + 1].group().lower()
            if nxt in NEG_AFTER:
                # drop the negation: "was not" -> "was"
                return sent[:m.end()] + sent[toks[i + 1].end():]
            if m.group().lower().endswith("n't"):
                continue
            return sent[:m.end()] + " not" + sent[m.end():]
        if m.group().lower().endswith("n't"):
            g = m.group()
            base = {"won't": "will", "can't": "can"}.get(g.lower(), g[:-3])
            return sent[:m.start()] + match_case(base, g) + sent[m.end():]
    return None


def edit_number(sent, rng):
    toks = list(WORD.finditer(sent))
    cands = []
    for i, m in enumerate(toks):
        g = m.group()
        if g[0].isdigit():
            v = g.replace(",", "")
            try:
                x = float(v)
            except ValueError:
                continue
            if "." not in v and 1800 <= x <= 2100:
                continue            # a year: dates are another test
            cands.append((m, x, "." in v))
        elif g.lower() in NUM_WORDS:
            cands.append((m, None, False))
    if not cands:
        return None
    m, x, frac = rng.choice(cands)
    if x is None:
        others = [w for w in NUM_WORDS if w != m.group().lower()]
        new = match_case(rng.choice(others), m.group())
    else:
        y = x * rng.choice((2, 3, 5)) + rng.randint(1, 9)
        new = ("%.1f" % y) if frac else "{:,}".format(int(y))
        if "," not in m.group():
            new = new.replace(",", "")
    return sent[:m.start()] + new + sent[m.end():]


def edit_antonym(sent, rng, ants, to_base, past):
    toks = list(WORD.finditer(sent))
    cands = []
    for m in toks:
        if m.group()[:1].isupper() and m.start() > 0:
            continue                # names
        a = antonym_of(m.group(), ants, to_base, past)
        if a and a != m.group().lower():
            cands.append((m, a))
    if not cands:
        return None
    m, a = rng.choice(cands)
    return sent[:m.start()] + match_case(a, m.group()) + sent[m.end():]


def sentences(body):
    """(paragraph text, its sentences) of prose paragraphs"""
    out = []
    for para in re.split(r"\n\s*\n|\n", body):
        para = para.strip()
        for s in SENT.split(para):
            n = len(WORD.findall(s))
            if 6 <= n <= 40 and s[-1:] in ".!?\"'\u201d":
                out.append(s.strip())
    return out


def count(cases, report, at):
    """kind -> (articles, articles found): a finding (at or above `at`
    when given) with the appended sentence on a side; for the control,
    any finding"""
    tally = {}
    for name, kind, start, _ in cases:
        fs = [x for x in report[name]["findings"]
              if at is None or x["probability"] >= at]
        if start is None:
            hit = len(fs) > 0
        else:
            hit = any(x["a"]["start_byte"] >= start
                      or x["b"]["start_byte"] >= start for x in fs)
        n, k = tally.get(kind, (0, 0))
        tally[kind] = (n + 1, k + hit)
    return tally


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gainsay", default="./gainsay")
    ap.add_argument("--model", default="models/nli.json")
    ap.add_argument("--bodies", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--keep")
    ap.add_argument("--offset", type=int, default=0,
                    help="skip the first N usable bodies (calibrate on "
                    "bodies the test does not use)")
    ap.add_argument("--calibrate", type=float, metavar="RATE",
                    help="print the least threshold at which at most RATE "
                    "of the unedited bodies have a finding, and stop")
    ap.add_argument("--at", metavar="T,...",
                    help="tally at each of these thresholds of "
                    "p(contradiction) instead of the model's own (one "
                    "check run, every pair scored)")
    ap.add_argument("--json", action="store_true", help="print JSON")
    ap.add_argument("rest", nargs="*", help="more check options")
    opt = ap.parse_args()

    ants = wordnet_antonyms(opt.wordnet)
    to_base, past = verb_forms(opt.wordnet)
    with open(os.path.join(opt.data, "fnc-1", "train_bodies.csv"),
              encoding="utf-8") as f:
        bodies = [(r["Body ID"], r["articleBody"]) for r in csv.DictReader(f)]
    rng = random.Random(opt.seed)
    rng.shuffle(bodies)
    kinds = {
        "negation": edit_negation,
        "number": edit_number,
        "antonym": lambda s, r: edit_antonym(s, r, ants, to_base, past),
    }
    work = opt.keep or tempfile.mkdtemp(prefix="appended.")
    os.makedirs(work, exist_ok=True)
    cases = []          # (file, kind, appended start byte or None)
    used = skipped = 0
    for bid, body in bodies:
        if used >= opt.bodies:
            break
        sents = sentences(body)
        if len(sents) < 3:
            continue
        if skipped < opt.offset:
            skipped += 1
            continue
        used += 1
        body = body.strip().replace("\r\n", "\n")
        name = os.path.join(work, "b%s-control.txt" % bid)
        with open(name, "w", encoding="utf-8") as f:
            f.write(body + "\n")
        cases.append((name, "control", None, None))
        for kind, edit in kinds.items():
            if opt.calibrate is not None:
                break
            order = list(range(len(sents)))
            rng.shuffle(order)
            for i in order:
                new = edit(sents[i], rng)
                if new and new != sents[i]:
                    break
            else:
                continue
            text = body + "\n\n"
            start = len(text.encode("utf-8"))
            text += new + "\n"
            name = os.path.join(work, "b%s-%s.txt" % (bid, kind))
            with open(name, "w", encoding="utf-8") as f:
                f.write(text)
            cases.append((name, kind, start, (sents[i], new)))
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    cmd = [opt.gainsay, "check", "--model", opt.model, "--no-stance",
           "--no-headline-model",
           "--furniture=" + os.path.join(root, "models", "furniture.json"),
           "--pairs=sentence-sentence,quote-quote", "--headline=article",
           "--format=json", "--top=0", "--jobs=1", "--fail-level=none"] \
        + (["--all"] if opt.calibrate is not None or opt.at else []) \
        + opt.rest + [c[0] for c in cases]
    res = subprocess.run(cmd, stdout=subprocess.PIPE, check=False)
    if res.returncode not in (0, 1):
        sys.exit("appended_test: gainsay check failed (%d)" % res.returncode)
    report = {f["file"]: f for f in json.loads(res.stdout)["files"]}
    if opt.calibrate is not None:
        # each article's strongest pair; flag at most RATE of the articles
        top = sorted((max([x["probability"] for x in f["findings"]]
                          or [0.0]) for f in report.values()), reverse=True)
        k = int(opt.calibrate * len(top))
        t = top[k] + 1e-4 if k < len(top) else 0.0
        if not opt.keep:
            shutil.rmtree(work)
        print("%.4f" % min(max(t, 0.5), 0.9999))
        return
    if not opt.keep:
        shutil.rmtree(work)
    if opt.at:
        at = [float(t) for t in opt.at.split(",")]
        print("%-8s %8s %8s %8s %8s" % ("at", "negation", "number",
                                        "antonym", "control"))
        for t in at:
            tally = count(cases, report, t)
            print("%-8.4f" % t + "".join(
                " %7.1f%%" % (100.0 * tally.get(k, (0, 0))[1]
                              / max(1, tally.get(k, (0, 0))[0]))
                for k in ("negation", "number", "antonym", "control")))
        return
    tally = count(cases, report, None)
    if opt.json:
        print(json.dumps({k: {"articles": n, "with_finding": h,
                              "share": h / n if n else 0.0}
                          for k, (n, h) in tally.items()}, sort_keys=True))
        return
    print("%-10s %8s %8s %7s" % ("kind", "articles", "found", "share"))
    for kind in ("negation", "number", "antonym", "control"):
        n, h = tally.get(kind, (0, 0))
        print("%-10s %8d %8d %6.1f%%" % (kind, n, h,
                                           100.0 * h / n if n else 0.0))
    print("(control: unedited bodies with any finding)")


if __name__ == "__main__":
    main()
