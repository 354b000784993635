#!/usr/bin/env bash
# Regenerates schema/examples/: real traces from the demo, documenting the schema by example.
# usage: scripts/schema-examples.sh [path/to/tlstrace]   (default: build/release/tlstrace)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tlstrace=${1:-$here/build/release/tlstrace}
mkdir -p "$here/schema/examples"
for run in "mutual 1.3" "basic 1.2" "untrusted-ca 1.3" "no-client-cert 1.2"; do
  set -- $run
  "$tlstrace" demo --scenario "$1" --tls "$2" --seed "tlstrace schema examples" \
    --out "$here/schema/examples/$1-tls$2.jsonl" || [ $? -eq 1 ]
done
echo "wrote $(ls "$here/schema/examples" | wc -l) example traces to schema/examples/"
