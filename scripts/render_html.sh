#!/bin/sh
# render_html.sh - render an HTML page (gainsay check --format html, eval
# --report) to a PNG in headless Chromium, offline and with a fresh
# profile.  Usage: render_html.sh <page.html> <out.png> [<width> <height>]
# Exits 3 with a message when chromium is not installed (Debian: apt-get
# install chromium).
set -eu
page=$1
png=$2
width=${3:-900}
height=${4:-1100}
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
    echo "render_html: chromium is not installed; skipped" >&2
    exit 3
fi
profile=$(mktemp -d /tmp/gainsay-chromium.XXXXXX)
trap 'rm -rf "$profile"' EXIT INT TERM
case $page in /*) url=file://$page ;; *) url=file://$(pwd)/$page ;; esac
rm -f "$png"
# no network, no first-run work, nothing kept between runs
"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars \
    --window-size="$width,$height" --screenshot="$png" "$url" \
    > "$profile/log" 2>&1 || { cat "$profile/log" >&2; exit 2; }
[ -s "$png" ] || { echo "render_html: no $png written" >&2; exit 2; }
