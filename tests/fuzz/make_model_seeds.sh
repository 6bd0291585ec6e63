#!/bin/sh
# make_model_seeds.sh - write tests/fuzz/seeds/fuzz_model/: the fuzz_predict
# seed all.json (a small model without its checksum) rewritten with long
# strings (labels, cue words, training names and escapes of more than
# 1 KB) and large arrays (5,000 cue words, a weight for every row, 2,000
# IDF entries), each under libFuzzer's -max_len of 64 KB.
#   tests/fuzz/make_model_seeds.sh
set -eu
cd "$(dirname "$0")/../.."
python3 - tests/fuzz/seeds/fuzz_predict/all.json tests/fuzz/seeds/fuzz_model <<'PY'
import base64, copy, json, struct, sys
src, out = sys.argv[1], sys.argv[2]
base = json.load(open(src))

def write(name, d):
    t = json.dumps(d, ensure_ascii=False) + "\n"
    assert len(t.encode()) < 65536, (name, len(t))
    open(f"{out}/{name}.json", "w", encoding="utf-8").write(t)

def relabel(d, names):
    old = d["labels"]
    d["labels"] = names
    d["flag_label"] = names[old.index(d["flag_label"])]
    lc = d["training"]["label_counts"]
    d["training"]["label_counts"] = {names[old.index(k)]: v for k, v in lc.items()}

# labels of 1.2 KB, 2 KB with escapes and non-ASCII, 4 KB
d = copy.deepcopy(base)
relabel(d, ["contra" + "x" * 1200, "ent\u00e9\"\\\t" * 400, "n" * 4096])
write("long_labels", d)

# cue words of 2 KB and 3 KB, and a stop list of 5,000 words
d = copy.deepcopy(base)
d["features"]["cues"]["neg"].append("n" * 2048)
d["features"]["cues"]["refute"].append("r\u00fc*" * 1000)
d["features"]["cues"]["stop"] = ["w%d" % i for i in range(5000)]
write("long_cues", d)

# training strings of 4 KB: a data file name, escapes, the feature list
d = copy.deepcopy(base)
d["training"]["data"] = ["pairs/" + "d" * 4000 + ".tsv", "\\u0041\u2028" * 600]
d["training"]["class_weight"] = "c" * 1500
write("long_strings", d)

# a weight for every row (dense: 1,111 rows x 3 classes)
d = copy.deepcopy(base)
w = d["weights"]
k, dim = w["n_classes"], w["dim"]
rows = struct.unpack("<%dI" % w["n_rows"], base64.b64decode(w["rows"]))
vals = struct.unpack("<%dd" % (w["n_rows"] * k), base64.b64decode(w["values"]))
have = {r: vals[i * k:(i + 1) * k] for i, r in enumerate(rows)}
full = [have.get(r, tuple(0.001 * ((r * (c + 3)) % 7 - 3) for c in range(k))) for r in range(dim)]
w["n_rows"] = dim
w["rows"] = base64.b64encode(struct.pack("<%dI" % dim, *range(dim))).decode()
w["values"] = base64.b64encode(struct.pack("<%dd" % (dim * k), *[x for r in full for x in r])).decode()
write("dense_weights", d)

# 2,000 IDF entries: sorted distinct keys, a value for each
d = copy.deepcopy(base)
idf = d["features"]["idf"]
keys = sorted(set((i * 2654435761) & 0xFFFFFFFF for i in range(1, 2001)))
idf["n"] = len(keys)
idf["keys"] = base64.b64encode(struct.pack("<%dI" % len(keys), *keys)).decode()
idf["values"] = base64.b64encode(struct.pack("<%dd" % len(keys), *[1.0 + (i % 13) / 7 for i in range(len(keys))])).decode()
write("big_idf", d)
PY
