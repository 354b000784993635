#!/usr/bin/env bash
# Regenerates fixtures/traces/: one recorded trace per scenario and TLS version, the page's list
# (index.json) and the table in fixtures/README.md. Recorded with a fixed seed and a frozen clock,
# so TLS 1.2 traces come out the same every time (but for the session ticket, see
# fixtures/README.md) and TLS 1.3 traces the same once key shares and what derives from them are
# normalised. tests/node/fixtures.test.mjs regenerates and compares.
# usage: scripts/fixtures.sh [path/to/tlstrace] [OUT_DIR]   (defaults: build/release/tlstrace, fixtures/traces)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tlstrace=${1:-$here/build/release/tlstrace}
out=${2:-$here/fixtures/traces}
seed="tlstrace fixtures v1"
mkdir -p "$out"
"$tlstrace" demo --list-scenarios > "$out/.scenarios"
index="$out/index.json.tmp"
printf '{"fixtures":[' > "$index"
first=1
# Each line of the list: NAME  TLS 1.2, 1.3  WHAT IT TEACHES  (or "TLS 1.3" alone)
while read -r line; do
  name=${line%% *}
  case "$line" in
    *"TLS 1.2, 1.3"*) vs="1.2 1.3" ;;
    *"TLS 1.3 "*) vs="1.3" ;;
    *) vs="1.2" ;;
  esac
  teaches=$(printf '%s\n' "$line" | sed -E 's/^[^ ]+ +TLS [0-9., ]+ +//')
  for v in $vs; do
    file="$name-tls$v.jsonl"
    "$tlstrace" demo --scenario "$name" --tls "$v" --seed "$seed" --fixed-clock --out "$out/$file" || [ $? -eq 1 ]
    [ $first -eq 1 ] || printf ',' >> "$index"
    first=0
    node -e 'process.stdout.write(JSON.stringify({file: process.argv[1], title: `${process.argv[2]}, TLS ${process.argv[3]}`, teaches: process.argv[4]}))' \
      "$file" "$name" "$v" "$teaches" >> "$index"
  done
done < "$out/.scenarios"
printf ']}\n' >> "$index"
mv "$index" "$out/index.json"
rm -f "$out/.scenarios"
echo "wrote $(ls "$out"/*.jsonl | wc -l) traces and index.json to $out"
