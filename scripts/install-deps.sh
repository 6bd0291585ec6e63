#!/bin/sh
# install-deps.sh - install the Debian 12 packages gainsay needs to build,
# test and benchmark (only those missing).  Run as root.
#   scripts/install-deps.sh          build and test dependencies
#   scripts/install-deps.sh --bench  also the benchmark's peers
#   scripts/install-deps.sh --fuzz   also clang, libFuzzer's runtime (only
#                                    recommended by clang, so not installed
#                                    with it here) and llvm-symbolizer
#   scripts/install-deps.sh --train  also WordNet, to recompile the lexical
#                                    table (training/make_lexicon.sh)
set -eu
pkgs="gcc make pkg-config libc6-dev libgsl-dev libopenblas-dev libcjson-dev
libutf8proc-dev libcmocka-dev libcmark-dev libgumbo-dev libinih-dev git python3"
if [ "${1:-}" = "--bench" ]; then
    pkgs="$pkgs python3-sklearn python3-numpy python3-scipy time hyperfine liblinear-tools"
fi
if [ "${1:-}" = "--fuzz" ]; then
    pkgs="$pkgs clang libclang-rt-dev llvm"
fi
if [ "${1:-}" = "--train" ]; then
    pkgs="$pkgs wordnet-base wordnet-dev"
fi
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" \
        || missing="$missing $p"
done
if [ -z "$missing" ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps.sh: need root to install:$missing" >&2
    exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing > /dev/null
