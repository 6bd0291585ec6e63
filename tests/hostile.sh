# hostile.sh - hostile paths, signals and inputs (issue 13): sourced by
# tests/run.sh, whose ok, bad, expect_error, $GAINSAY, $TMP and $D it uses.
H="$TMP/hostile"
mkdir -p "$H"
NLI="-m models/nli.json --no-stance"

# ---- outputs never replace what is not theirs ----
cp examples/denial.txt "$H/d.txt"
cp "$D/tiny_train.tsv" "$H/data.tsv"
expect_error "check --output onto its own article" "d.txt: the output would replace the input" "$GAINSAY" check $NLI --output "$H/d.txt" "$H/d.txt"
expect_error "check --output onto an article of a directory walked" "the output would replace the input" "$GAINSAY" check $NLI --output "$H/d.txt" "$H"
cp models/nli.json "$H/nli.json"     # a copy: a broken build must not eat the model
cp models/lexicon.bin "$H/lexicon.bin"   # which it needs beside itself
expect_error "check --output onto the model" "the output would replace the input $H/nli.json" "$GAINSAY" check -m "$H/nli.json" --no-stance --output "$H/nli.json" "$H/d.txt"
expect_error "check --output onto the model's lexical table" "the output would replace the input $H/lexicon.bin" "$GAINSAY" check -m "$H/nli.json" --no-stance --output "$H/lexicon.bin" "$H/d.txt"
ln "$H/lexicon.bin" "$H/lexicon.hard"
expect_error "check --write-baseline onto a hard link of the lexical table" "lexicon.hard: the output would replace the input $H/lexicon.bin" "$GAINSAY" check -m "$H/nli.json" --no-stance --write-baseline "$H/lexicon.hard" "$H/d.txt"
expect_error "eval --report onto the model's lexical table" "the output would replace the input $H/lexicon.bin" "$GAINSAY" eval -m "$H/nli.json" --report "$H/lexicon.bin" "$D/tiny_test.tsv"
expect_error "train -o onto its --lexicon" "lexicon.bin: the output would replace the input" "$GAINSAY" train -q --lexicon "$H/lexicon.bin" -o "$H/lexicon.bin" "$D/tiny_train.tsv"
printf 'threshold = 0.5\n' > "$H/given.ini"
printf '*.md\n' > "$H/ignore"
mkdir -p "$H/cfg"
cp examples/denial.txt "$H/cfg/a.txt"
printf 'threshold = 0.5\n' > "$H/cfg/.gainsay.ini"
expect_error "check --output onto its --config" "given.ini: the output would replace the input" "$GAINSAY" check $NLI --config "$H/given.ini" --output "$H/given.ini" "$H/d.txt"
expect_error "check --output onto its --ignore-path" "ignore: the output would replace the input" "$GAINSAY" check $NLI --ignore-path "$H/ignore" --output "$H/ignore" "$H/d.txt"
expect_error "check --output onto a config found in a directory walked" ".gainsay.ini: the output would replace the input" "$GAINSAY" check $NLI --output "$H/cfg/.gainsay.ini" "$H/cfg"
expect_error "check --output and --write-baseline one file" "given for two outputs" "$GAINSAY" check $NLI --output "$H/r" --write-baseline "$H/r" "$H/d.txt"
expect_error "train -o onto its data" "data.tsv: the output would replace the input" "$GAINSAY" train -q -o "$H/data.tsv" "$H/data.tsv"
expect_error "train -o onto its --validation data" "the output would replace the input" "$GAINSAY" train -q -o "$H/data.tsv" --validation "$H/data.tsv" "$D/tiny_train.tsv"
expect_error "split --train onto its data" "data.tsv: the output would replace the input" "$GAINSAY" split --train="$H/data.tsv" --test="$H/te" "$H/data.tsv"
expect_error "split --train and --test one file" "given for two outputs" "$GAINSAY" split --train="$H/x" --test="$H/x" "$D/tiny_train.tsv"
ln -s data.tsv "$H/link.tsv"
expect_error "split --test through a link onto its data" "link.tsv: the output would replace the input" "$GAINSAY" split --train="$H/tr" --test="$H/link.tsv" "$H/data.tsv"
mkdir -p "$H/sub"
ln -s sub/../sub/./x "$H/xl"
expect_error "split: two outputs, one through a link" "are the same file" "$GAINSAY" split --train="$H/sub/x" --test="$H/xl" "$D/tiny_train.tsv"
if cmp -s "$D/tiny_train.tsv" "$H/data.tsv" && cmp -s examples/denial.txt "$H/d.txt" \
   && cmp -s models/nli.json "$H/nli.json" && cmp -s models/lexicon.bin "$H/lexicon.bin" \
   && [ "$(cat "$H/given.ini" "$H/cfg/.gainsay.ini" "$H/ignore")" = "$(printf 'threshold = 0.5\nthreshold = 0.5\n*.md')" ] \
   && [ -z "$(find "$H" -name '*.tmp*')" ] && [ ! -e "$H/x" ] && [ ! -e "$H/sub/x" ]; then
    ok "refused outputs leave every input as it was"
else
    bad "refused outputs leave every input as it was" "$(ls -la "$H")"
fi
expect_error "train -o a directory" "sub: is a directory" "$GAINSAY" train -q -o "$H/sub" "$D/tiny_train.tsv"
# a symbolic link is followed: its target is written, the link stays
ln -s sub/model.json "$H/mlink"
if "$GAINSAY" train -q -o "$H/mlink" "$D/tiny_train.tsv" && [ -L "$H/mlink" ] \
   && [ -s "$H/sub/model.json" ] && "$GAINSAY" train -q -o "$H/mlink" "$D/tiny_train.tsv" \
   && [ -L "$H/mlink" ] && [ -z "$(find "$H" -name '*.tmp*')" ]; then
    ok "an output through a symbolic link writes its target, twice"
else
    bad "an output through a symbolic link writes its target, twice" "$(ls -laR "$H")"
fi
# a FIFO is written in place, not replaced by a file
mkfifo "$H/fifo"
cat "$H/fifo" > "$H/fifo.out" &
reader=$!
"$GAINSAY" check $NLI --format line --output "$H/fifo" "$H/d.txt" > /dev/null 2>&1
st=$?
k=0
while [ "$k" -lt 50 ] && kill -0 "$reader" 2> /dev/null; do sleep 0.1; k=$((k + 1)); done
kill "$reader" 2> /dev/null     # a replaced FIFO leaves its reader waiting
{ wait "$reader"; } 2> /dev/null
if [ "$st" -eq 1 ] && [ -p "$H/fifo" ] && grep -q 'd.txt:' "$H/fifo.out"; then
    ok "check --output to a FIFO writes through it"
else
    bad "check --output to a FIFO writes through it" "exit $st; $(ls -la "$H/fifo"; head -c 300 "$H/fifo.out")"
fi
# a character device (made here, never the system's /dev/null) stays one
if mknod "$H/null" c 1 3 2> /dev/null; then
    if "$GAINSAY" train -q -o "$H/null" "$D/tiny_train.tsv" && [ -c "$H/null" ] \
       && "$GAINSAY" split --train="$H/null" --test="$H/null" "$D/tiny_train.tsv" 2> /dev/null \
       && [ -c "$H/null" ]; then
        ok "train -o and split to a character device write through it"
    else
        bad "train -o and split to a character device write through it" "$(ls -la "$H/null")"
    fi
else
    echo "skip character-device output test: mknod needs root"
fi
expect_error "train -o unwritable before training" "; nothing trained" "$GAINSAY" train -o /nonexistent/m.json "$D/tiny_train.tsv"
if ! grep -q '^read ' "$TMP/bad.err"; then ok "train -o unwritable: nothing read"
else bad "train -o unwritable: nothing read" "$(cat "$TMP/bad.err")"; fi

# ---- a signal or kill -9 leaves no temporary file behind ----
for sig in INT TERM HUP PIPE KILL; do
    rm -rf "$H/sig" && mkdir -p "$H/sig"
    mkfifo "$H/sig/in"
    # every signal at its default: a background job ignores SIGINT, and the
    # tests may run under nohup, and gainsay leaves ignored signals ignored
    env --default-signal "$GAINSAY" check $NLI --stdin-filename=a.txt \
        --output "$H/sig/report.txt" - < "$H/sig/in" > /dev/null 2>&1 &
    pid=$!
    exec 9> "$H/sig/in"         # stdin stays open: check waits for it
    n=0
    while [ "$n" -lt 100 ] && ! { ls -l "/proc/$pid/fd" 2> /dev/null | grep -F "$H/sig/" | grep -qv '/in$'; }; do
        sleep 0.1
        n=$((n + 1))
    done
    kill -s "$sig" "$pid" 2> /dev/null
    k=0
    while [ "$k" -lt 50 ] && kill -0 "$pid" 2> /dev/null; do
        sleep 0.1
        k=$((k + 1))
    done
    [ "$k" -lt 50 ] || kill -s KILL "$pid"    # never hang the tests
    { wait "$pid"; } 2> /dev/null
    st=$?
    exec 9>&-
    left=$(ls -A "$H/sig" | grep -v '^in$')
    if [ "$n" -lt 100 ] && [ "$k" -lt 50 ] && [ "$st" -gt 128 ] && [ -z "$left" ]; then
        ok "check --output killed by SIG$sig leaves nothing behind"
    else
        bad "check --output killed by SIG$sig leaves nothing behind" "exit $st after $n waits; left: $left"
    fi
done 2> /dev/null               # bash's "Hangup" notes
rm -rf "$H/sig"

# ---- --changed-lines: names with a space or beyond ASCII, and whatever
# the user's git config says about prefixes ----
if command -v git > /dev/null; then
    G="$H/repo"
    mkdir -p "$G"
    git -C "$G" init -q
    git -C "$G" config user.email ci@example.org
    git -C "$G" config user.name ci
    cp examples/consistent.txt "$G/sp ace.txt"
    cp examples/consistent.txt "$G/$(printf 'caf\303\251.txt')"
    git -C "$G" add -A && git -C "$G" commit -qm drafts
    cp examples/denial.txt "$G/sp ace.txt"
    cp examples/denial.txt "$G/$(printf 'caf\303\251.txt')"
    for cfg in "" "diff.mnemonicPrefix=true" "diff.noprefix=true" "color.diff=always"; do
        [ -n "$cfg" ] && git -C "$G" config "${cfg%%=*}" "${cfg#*=}"
        (cd "$G" && "$GAINSAY" check -m "$ROOT/models/nli.json" --no-stance --format line \
             --changed-lines HEAD .) > "$H/cl.out" 2> "$H/cl.err"
        st=$?
        [ -n "$cfg" ] && git -C "$G" config --unset "${cfg%%=*}"
        if [ "$st" -eq 1 ] && grep -q '^sp ace.txt:' "$H/cl.out" \
           && grep -q "^$(printf 'caf\303\251.txt'):" "$H/cl.out"; then
            ok "--changed-lines finds edits in 'sp ace.txt' and a UTF-8 name ${cfg:-by default}"
        else
            bad "--changed-lines finds edits in 'sp ace.txt' and a UTF-8 name ${cfg:-by default}" "exit $st: $(cat "$H/cl.out" "$H/cl.err" | head -c 600)"
        fi
    done
fi

# ---- an empty file name ("$UNSET" in a script) is no file, not nothing ----
expect_error "check ''" "'': No such file or directory" "$GAINSAY" check $NLI ""
expect_error "check a.txt ''" "'': No such file or directory" "$GAINSAY" check $NLI "$H/d.txt" ""

# ---- ids come back as written; \u0000 never cuts a text short ----
printf '{"id": 1234567890123456789, "a":"x","b":"y"}\n{"b":"y","id":-1.50e+300 ,"a":"x"}\n{"a":"x","b":"y","id":"s\\"}"}\n' > "$H/ids.jsonl"
if out=$("$GAINSAY" score -m "$D/tiny.json" "$H/ids.jsonl" 2>&1) \
   && [ "$(printf '%s\n' "$out" | cut -d, -f1)" = '{"id":1234567890123456789
{"id":-1.50e+300
{"id":"s\"}"' ]; then
    ok "score echoes ids as written"
else
    bad "score echoes ids as written" "$out"
fi
printf '{"id": 1234567890123456789, "a":"x","b":"y","label":"l"}\n{"id": 12345678901234567891, "a":"p","b":"q","label":"m"}\n' > "$H/ids.jsonl"
if "$GAINSAY" split --folds 2 --train="$H/ids.tr" --test="$H/ids.te" "$H/ids.jsonl" 2> /dev/null \
   && cat "$H/ids.tr" "$H/ids.te" | grep -q '"id":1234567890123456789}' \
   && cat "$H/ids.tr" "$H/ids.te" | grep -q '"id":12345678901234567891}'; then
    ok "split keeps numeric ids as written"
else
    bad "split keeps numeric ids as written" "$(cat "$H/ids.tr" "$H/ids.te")"
fi
printf '{"a":"x","b":"y","label":"l"}\n{"a":"x\\u0000hidden","b":"y","label":"l"}\n' > "$H/nul.jsonl"
expect_error "\\u0000 in JSONL (train)" "nul.jsonl:2: \\u0000 (a NUL character) in a string" "$GAINSAY" train -q -o "$TMP/model.out" "$H/nul.jsonl"
expect_error "\\u0000 in JSONL (score)" "nul.jsonl:2: \\u0000 (a NUL character) in a string" "$GAINSAY" score -m "$D/tiny.json" "$H/nul.jsonl"

# ---- file names: a newline forges no record, bytes that are not UTF-8
# keep JSON valid ----
mkdir -p "$H/names"
cp examples/denial.txt "$H/names/$(printf 'a\nb.txt:1:1: error: forged.txt')"
cp examples/denial.txt "$H/names/$(printf 'bad\377.txt')"
"$GAINSAY" check $NLI --format line "$H/names" > "$H/names.out" 2>&1
if [ "$(grep -c "^$H/names/" "$H/names.out")" -eq "$(wc -l < "$H/names.out")" ] \
   && grep -qF 'a\nb.txt:1:1: error: forged.txt:7:' "$H/names.out" && grep -qF 'bad\xFF.txt:7:' "$H/names.out"; then
    ok "--format line escapes a newline and bytes that are not UTF-8 in names"
else
    bad "--format line escapes a newline and bytes that are not UTF-8 in names" "$(head -c 600 "$H/names.out")"
fi
if "$GAINSAY" check $NLI --format json "$H/names" > "$H/names.json" 2> /dev/null; [ $? -eq 1 ] \
   && python3 -c 'import json,sys; d=json.load(open(sys.argv[1], encoding="utf-8")); assert len(d["files"]) == 2' "$H/names.json"; then
    ok "--format json stays valid UTF-8 JSON with such names"
else
    bad "--format json stays valid UTF-8 JSON with such names" "$(head -c 400 "$H/names.json")"
fi
rm -rf "$H/names"

# ---- a data file that is binary is refused at its first read, not after
# the 1 GB a data file may hold ----
expect_error "train: /dev/zero stops at its first NUL byte" "/dev/zero:1: NUL byte in text" "$GAINSAY" train -q -o "$TMP/model.out" /dev/zero

# ---- smaller items: byte-order marks, front matter never closed, labels
# that are not fit to print, empty option values ----
printf '\357\273\277---\ntitle: The mayor opened the bridge\n---\n\nThe mayor denied that she opened the bridge.\n' > "$H/bom.md"
printf '\357\273\277The mayor opened the bridge\n\nThe mayor denied that she opened the bridge.\n' > "$H/bom.txt"
for f in bom.md bom.txt; do
    "$GAINSAY" check $NLI --format json "$H/$f" > "$H/bom.json" 2> /dev/null
    if python3 -c 'import json, sys
h = json.load(open(sys.argv[1]))["files"][0]["headline"]
assert h["text"] == "The mayor opened the bridge", h' "$H/bom.json" 2> /dev/null; then
        ok "a byte-order mark stays out of the headline ($f)"
    else
        bad "a byte-order mark stays out of the headline ($f)" "$(head -c 300 "$H/bom.json")"
    fi
done
printf -- '---\ntitle: The mayor opened the bridge\n\nThe mayor denied that she opened the bridge.\n' > "$H/open.md"
"$GAINSAY" check $NLI "$H/open.md" > /dev/null 2> "$H/open.err"
if grep -qF "open.md:1: warning: front matter ('---') is never closed, so it is read as prose" "$H/open.err"; then
    ok "front matter never closed is a warning naming the line"
else
    bad "front matter never closed is a warning naming the line" "$(cat "$H/open.err")"
fi
python3 -c 'import sys
long = "a" + "\u00e9" * 30
rows = [("\x1b[31mred\x1b[0m", "x y", "z w"), ("neutral", "p q", "r s"), (long, "x q", "z s"),
        ("\x1b[31mred\x1b[0m", "x r", "z t"), ("neutral", "p y", "r w"), (long, "x s", "z u")]
sys.stdout.write("label\ta\tb\n" + "".join("\t".join(r) + "\n" for r in rows))' > "$H/labels.tsv"
"$GAINSAY" train -q --min-df=1 --flag=neutral -o "$H/labels.json" "$H/labels.tsv" 2> /dev/null
"$GAINSAY" eval -m "$H/labels.json" "$H/labels.tsv" > "$H/labels.out" 2>&1
if python3 -c 'import sys
t = open(sys.argv[1], "rb").read()
assert b"\x1b" not in t and b"\\x1B[31mred" in t
t.decode("utf-8")
per, conf = t.decode().split("\n\n")[1:3]
for block in (per, conf.split("\n", 1)[1]):
    widths = set(len(l) for l in block.strip("\n").split("\n"))
    assert len(widths) == 1, block' "$H/labels.out" 2> /dev/null; then
    ok "eval escapes control characters in labels and cuts them between characters"
else
    bad "eval escapes control characters in labels and cuts them between characters" "$(cat -v "$H/labels.out" | head -20)"
fi
expect_error "check --pairs= (empty)" "--pairs: expected pair kinds" "$GAINSAY" check $NLI --pairs= "$H/d.txt"
expect_error "check --headline= (empty)" "--headline is empty" "$GAINSAY" check $NLI --headline= "$H/d.txt"
expect_error "check --headline of spaces" "--headline is empty" "$GAINSAY" check $NLI --headline="  " "$H/d.txt"

# ---- quote-quote pairs come from the first 64 quotes: 100 quotes of as
# many speakers are 2,016 pairs, not 4,950 (1,000 quotes were 500,000, time
# growing with the square of the article) ----
python3 -c 'import sys
q = "".join("\"The bridge was not opened %d,\" Speaker%d said. " % (i, i) for i in range(100))
sys.stdout.write("The mayor opened the bridge\n\n" + q + "\n")' > "$H/quotes.txt"
"$GAINSAY" check $NLI --all --format json "$H/quotes.txt" > "$H/quotes.json" 2> /dev/null
if n=$(python3 -c 'import json, sys
f = json.load(open(sys.argv[1]))["files"][0]["findings"]
print(sum(x["kind"] == "quote-quote" for x in f))' "$H/quotes.json" 2>&1) && [ "$n" = 2016 ]; then
    ok "quote-quote pairs come from the first 64 quotes"
else
    bad "quote-quote pairs come from the first 64 quotes" "$n"
fi

# ---- a baseline entry excuses one finding: the same pair twice needs two
# entries (looked up through the loaded baseline's index) ----
mkdir -p "$H/bl"
s="The mayor did not open the bridge. "
printf 'The mayor opened the bridge\n\n%s%s\n' "$s" "$s" > "$H/bl/a.txt"
(cd "$H/bl" && "$GAINSAY" check -m "$ROOT/models/nli.json" --no-stance --format line --write-baseline base.json a.txt > /dev/null 2>&1)
printf 'The mayor opened the bridge\n\n%s%s%s\n' "$s" "$s" "$s" > "$H/bl/a.txt"
(cd "$H/bl" && "$GAINSAY" check -m "$ROOT/models/nli.json" --no-stance --format line --baseline base.json a.txt) > "$H/bl/out" 2> "$H/bl/err"
st=$?
if [ "$st" -eq 1 ] && [ "$(grep -c '^a.txt:' "$H/bl/out")" -eq 1 ] && grep -q '^a.txt:3:71:' "$H/bl/out" \
   && [ "$(grep -c '"fingerprint"' "$H/bl/base.json")" -eq 2 ] && ! grep -q 'no longer occur' "$H/bl/err"; then
    ok "a baseline of two entries excuses two of three same findings"
else
    bad "a baseline of two entries excuses two of three same findings" "exit $st: $(cat "$H/bl/out" "$H/bl/err" | head -c 600)"
fi
