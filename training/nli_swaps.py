#!/usr/bin/env python3
"""nli_swaps.py - synthetic minimal pairs for the sentence model: a
sentence against a copy of itself with one edit.

  contradiction: a number changed (digits, decimals, percentages, number
                 words, years); a word replaced by a WordNet antonym
                 (adjectives directly or through a similar adjective's
                 head, verbs, nouns, adverbs); a quantifier replaced by
                 its opposite (all / some / no, many / few, always /
                 never)
  entailment:    a word replaced by a WordNet synonym of its first sense
                 (so that a one-word swap alone is no contradiction)
  neutral:       two different sentences that count the same word with
                 different numbers (so that a number conflict between
                 sentences that differ elsewhere too is none)

Natural sets hold few edits between otherwise identical sentences, so a
model learns little from them about what the minimal-edit features mean
(align.antonym_x_matched, num.swapped_x_matched, quant.swap_x_matched...).

This is NOT the edit code of training/appended_test.py and shares no code
with it: its own WordNet reader, antonym closure, inflection, number
rewriting and quantifier list, applied to the first sides ("a") of the
pairs it is given (SNLI and MultiNLI premises, say), never to FNC-1
bodies.  The appended test's edits are a subset of what this makes (a
number changed, an antonym), so the test then measures whether the cue
learnt on captions and genre prose carries over to news; models/nli.md
says so.

usage: nli_swaps.py [--mix N,A,S,M] <pairs.jsonl> <out.jsonl> <n> [<wordnet>]
       nli_swaps.py [--mix N,A,S,M] --from FILE[,FILE...] <out.jsonl> <n>
                    [<wordnet dir>]

--mix: the shares of number edits, antonym (and quantifier) edits, synonym
entailments and near-miss neutrals (default 1,1,1,1).

At most n pairs, from distinct sentences (4 to 40 words) in a fixed-seed
order: a quarter each of numbers, antonyms and quantifiers (those two
contradictions), synonym entailments and near-miss neutrals, where the
sentences allow, so that the rows alone teach no label for near-identical
sentences, only for the edit.  Each pair's
group is its source sentence.  The input is JSONL with "a" (gainsay's
native form, as `gainsay split` writes it), or a TSV with a header whose
columns sentence1 and sentence2 are read (RTE: --from
../shared/data/rte/train.tsv,../shared/data/rte/dev.tsv; PATH:COL+COL
names other columns).
"""
import csv
import json
import os
import random
import re
import sys

# words to leave alone: function words WordNet gives senses and antonyms
# that say nothing ("in" / "out", "have" / "lack", "be"), and words whose
# antonym is another sense ("left": "right" is not its contradiction in
# "he left the room")
SKIP = set("""a an the and or but if of at by for with about to from in on up
down out off over under into onto as is am are was were be been being have
has had do does did go goes went come came get got give gave take took make
made say said says tell told one first last more less most least left right
back well like just only also still even very too so then there here it its
he she they we you i me him her them us this that these those who which
what when where why how new old own same other such much many few
chromatic achromatic""".split())

QUANT = {"all": "some", "every": "no", "always": "never", "never":
         "always", "everyone": "nobody", "nobody": "everyone", "everything":
         "nothing", "nothing": "everything", "many": "few", "few": "many",
         "most": "few", "none": "all", "some": "no"}

NUM_WORD = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
            "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
            "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000,
            "dozen": 12}

TOKEN = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?%?|[A-Za-z]+(?:-[A-Za-z]+)*")


def read_wordnet(wn):
    """(lemma, pos) -> ordered synset keys; synset -> words, pointers."""
    senses = {}
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(wn, "index." + pos), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                p = line.split()
                n_syn, n_ptr = int(p[2]), int(p[3])
                offs = p[6 + n_ptr: 6 + n_ptr + n_syn]
                senses[(p[0], pos[0])] = [(pos[0], o) for o in offs]
    synsets = {}
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(wn, "data." + pos), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                p = line.split(" | ")[0].split()
                n_w = int(p[3], 16)
                words = [re.sub(r"\(.*\)$", "", p[4 + 2 * i]).lower()
                         for i in range(n_w)]
                k = 4 + 2 * n_w
                ptrs = []
                for i in range(int(p[k])):
                    sym, off, tpos, st = p[k + 1 + 4 * i: k + 5 + 4 * i]
                    tpos = "a" if tpos == "s" else tpos
                    ptrs.append((sym, (tpos, off), int(st[:2], 16),
                                 int(st[2:], 16)))
                synsets[(pos[0], p[0])] = (words, ptrs)
    return senses, synsets


def antonyms(word, pos, senses, synsets):
    """Antonyms of word's first two senses: the word's own antonym
    pointers, and for an adjective with none, those of the head of the
    cluster it is similar to (scorching -> hot -> cold)."""
    out = []
    for key in senses.get((word, pos), [])[:2]:
        words, ptrs = synsets[key]
        if word not in words:
            continue
        src = words.index(word) + 1
        found = False
        for sym, tgt, s, t in ptrs:
            if sym == "!" and s in (0, src) and tgt in synsets:
                tw = synsets[tgt][0]
                out.append(tw[t - 1] if t else tw[0])
                found = True
        if not found and pos == "a":
            for sym, tgt, s, t in ptrs:
                if sym == "&" and tgt in synsets:
                    for sym2, tgt2, _, _ in synsets[tgt][1]:
                        if sym2 == "!" and tgt2 in synsets:
                            out.append(synsets[tgt2][0][0])
    return [w for w in out if "_" not in w and w != word and w not in SKIP]


def synonym(word, pos, senses, synsets):
    keys = senses.get((word, pos), [])
    if not keys:
        return None
    words = [w for w in synsets[keys[0]][0]
             if w != word and "_" not in w and w not in SKIP]
    return words[0] if words else None


def exceptions(wn):
    """WordNet's irregular forms: form -> (base, pos), base -> forms."""
    to_base, of_base = {}, {}
    for pos in ("noun", "verb", "adj"):
        with open(os.path.join(wn, pos + ".exc"), encoding="latin-1") as f:
            for line in f:
                p = line.split()
                if len(p) >= 2:
                    to_base.setdefault((p[0], pos[0]), p[1])
                    of_base.setdefault((p[1], pos[0]), []).append(p[0])
    return to_base, of_base


# suffix rules: (form ending, base ending, pos, inflection)
RULES = [("ies", "y", "n", "pl"), ("es", "", "n", "pl"), ("s", "", "n", "pl"),
         ("ies", "y", "v", "3s"), ("es", "", "v", "3s"), ("s", "", "v", "3s"),
         ("ied", "y", "v", "ed"), ("ed", "e", "v", "ed"), ("ed", "", "v", "ed"),
         ("ing", "e", "v", "ing"), ("ing", "", "v", "ing"),
         ("er", "", "a", "er"), ("est", "", "a", "est")]


def analyse(w, senses, to_base):
    """(base, pos, inflection) readings of a lower-case word, base first"""
    out = []
    for pos in ("a", "v", "n", "r"):
        if (w, pos) in senses:
            out.append((w, pos, ""))
    for pos in ("v", "n", "a"):
        b = to_base.get((w, pos))
        if b and (b, pos) in senses:
            out.append((b, pos, "irr"))
    for end, base_end, pos, inf in RULES:
        if w.endswith(end) and len(w) > len(end) + 2:
            b = w[:-len(end)] + base_end
            if (b, pos) in senses:
                out.append((b, pos, inf))
    return out


def inflect(base, pos, inf, form, of_base, to_base):
    """base in the inflection the original form had (inf "irr": look the
    original up among the exception forms to tell past from plural)"""
    if inf == "":
        return base
    if inf == "irr":
        # the original was irregular: give the new base the same kind of
        # form by a regular rule guess (past for verbs, plural for nouns)
        inf = {"v": "ed", "n": "pl", "a": "er"}.get(pos, "")
        if not inf:
            return None
    irr = of_base.get((base, pos), [])
    if irr and inf in ("ed", "pl"):
        return min(irr, key=len)
    if inf in ("pl", "3s"):
        if base.endswith("y") and base[-2:-1] not in "aeiou":
            return base[:-1] + "ies"
        if base.endswith(("s", "x", "z", "ch", "sh")):
            return base + "es"
        return base + "s"
    if inf == "ed":
        if base.endswith("e"):
            return base + "d"
        if base.endswith("y") and base[-2:-1] not in "aeiou":
            return base[:-1] + "ied"
        return base + "ed"
    if inf == "ing":
        return (base[:-1] if base.endswith("e") and len(base) > 2
                else base) + "ing"
    if inf in ("er", "est"):
        return None             # comparatives of antonyms: too irregular
    return None


def same_case(new, old):
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def edit_number(sent, rng):
    cands = []
    for m in TOKEN.finditer(sent):
        g = m.group()
        # not inside an identifier or a time ("H-2A", "MI5", "10:15")
        before = sent[m.start() - 1: m.start()]
        after = sent[m.end(): m.end() + 1]
        if g[0].isdigit() and (before.isalnum() or before in "-:"
                               or after.isalpha() or after in "-:"):
            continue
        if g[0].isdigit() or g.lower() in NUM_WORD:
            cands.append(m)
    if not cands:
        return None
    m = rng.choice(cands)
    g = m.group()
    if not g[0].isdigit():
        v = NUM_WORD[g.lower()]
        new = rng.choice([w for w, x in NUM_WORD.items()
                          if x != v and w != "dozen"])
        return sent[:m.start()] + same_case(new, g) + sent[m.end():]
    pct = g.endswith("%")
    body = g.rstrip("%")
    dec = body.split(".")[1] if "." in body else ""
    x = float(body.replace(",", ""))
    if not dec and 1900 <= x <= 2030:
        y = x + rng.choice((-3, -2, -1, 1, 2, 4))         # a year
    else:
        y = rng.choice((x / 2.0, x * 4.0, x + 10.0 ** len(str(int(x)))
                        / 10.0 * rng.randint(1, 3), x * 1.5 + 1))
    if dec:
        new = "%.*f" % (len(dec), y)
    else:
        y = int(round(y))
        if y == int(x):
            y += 1
        new = "{:,}".format(y) if "," in body else str(y)
    return sent[:m.start()] + new + ("%" if pct else "") + sent[m.end():]


def edit_word(sent, rng, kind, wn):
    senses, synsets, to_base, of_base = wn
    toks = list(TOKEN.finditer(sent))
    cands = []
    for i, m in enumerate(toks):
        g = m.group()
        w = g.lower()
        if not g[0].isalpha() or "-" in g or (g[0].isupper() and i > 0):
            continue
        if kind == "antonym" and w in QUANT:
            cands.append((m, QUANT[w]))
            continue
        if w in SKIP or len(w) < 3:
            continue
        for base, pos, inf in analyse(w, senses, to_base):
            if kind == "antonym":
                alts = antonyms(base, pos, senses, synsets)
            else:
                s = synonym(base, pos, senses, synsets)
                alts = [s] if s else []
            new = None
            for alt in alts:
                new = inflect(alt, pos, inf, w, of_base, to_base)
                if new and new != w:
                    break
                new = None
            if new:
                cands.append((m, new))
                break
    if not cands:
        return None
    m, new = rng.choice(cands)
    return sent[:m.start()] + same_case(new, m.group()) + sent[m.end():]


COUNTED = re.compile(r"\b(\d(?:[\d,]*\d)?(?:\.\d+)?|" + "|".join(NUM_WORD)
                     + r")[ -]([a-z]+)\b", re.I)


def near_misses(sents, n, rng):
    """n pairs of two different sentences that count the same word with
    different numbers ("a 12-inch model" / "the 13-inch MacBook"):
    neutral, so that a number conflict between sentences that differ
    elsewhere too is not taken for a contradiction."""
    by_noun = {}
    for s in sents:
        for m in COUNTED.finditer(s):
            noun = m.group(2).lower()
            if noun not in SKIP:
                by_noun.setdefault(noun, []).append((m.group(1).lower(), s))
    nouns = sorted(k for k, v in by_noun.items() if len(v) >= 2)
    rows, seen = [], set()
    for _ in range(20 * n):
        if len(rows) >= n or not nouns:
            break
        v = by_noun[rng.choice(nouns)]
        (x, s), (y, t) = rng.sample(v, 2)
        if x == y or s == t or (s, t) in seen:
            continue
        seen.add((s, t))
        rows.append({"a": s, "b": t, "label": "neutral",
                     "group": "swap:" + s[:60]})
    return rows


def sentences_of(src):
    """the texts of a file: JSONL's "a", or a TSV's columns sentence1 and
    sentence2 (RTE's layout; "PATH:COL+COL" names others), row by row"""
    path, _, cols = src.partition(":")
    if not path.endswith(".tsv"):
        with open(path, encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)["a"].strip()
        return
    cols = cols.split("+") if cols else ["sentence1", "sentence2"]
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            for c in cols:
                if row.get(c):
                    yield row[c].strip()


def main():
    args = sys.argv[1:]
    mix = (1, 1, 1, 1)
    if args and args[0] == "--mix":
        mix = tuple(float(x) for x in args[1].split(","))
        args = args[2:]
    if args and args[0] == "--from":
        srcs = args[1].split(",")
        args = args[2:]
    else:
        srcs = [args[0]]
        args = args[1:]
    out, n = args[0], int(args[1])
    wdir = args[2] if len(args) > 2 else "/usr/share/wordnet"
    senses, synsets = read_wordnet(wdir)
    to_base, of_base = exceptions(wdir)
    wn = (senses, synsets, to_base, of_base)
    seen, sents = set(), []
    for src in srcs:
        for a in sentences_of(src):
            words = len(TOKEN.findall(a))
            if a not in seen and 4 <= words <= 40:
                seen.add(a)
                sents.append(a)
    rng = random.Random(11)
    rng.shuffle(sents)
    share = [x / sum(mix) for x in mix]
    quota = {"number": int(n * share[0]), "antonym": int(n * share[1]),
             "synonym": int(n * share[2])}
    edits = {
        "number": (lambda s: edit_number(s, rng), "contradiction"),
        "antonym": (lambda s: edit_word(s, rng, "antonym", wn),
                    "contradiction"),
        "synonym": (lambda s: edit_word(s, rng, "synonym", wn),
                    "entailment"),
    }
    rows, count = [], dict.fromkeys(quota, 0)
    for s in sents:
        if all(count[k] >= quota[k] for k in quota):
            break
        for kind, (edit, label) in edits.items():
            if count[kind] >= quota[kind]:
                continue
            new = edit(s)
            if new and new != s:
                count[kind] += 1
                a, b = (s, new) if rng.random() < 0.5 else (new, s)
                rows.append({"a": a, "b": b, "label": label,
                             "group": "swap:" + s[:60]})
                break
    near = near_misses(sents, int(n * share[3]), rng)
    count["near-miss"] = len(near)
    rows += near
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    os.replace(tmp, out)
    print("nli_swaps: %s" % ", ".join("%s %d" % kv for kv in count.items()),
          file=sys.stderr)


main()
