#!/usr/bin/env bash
# Benchmark of `tlstrace replay --speed 0 --format jsonl`: builds traces of 100,000 and 1,000,000
# real events (demo --all runs, repeated with renumbered seq and session names) in a temp dir,
# replays each to /dev/null and prints the rate and the peak memory (target: >= 100,000 events/s on
# one core, every line checked as `tlstrace validate` checks it; peak memory grows with the number of
# sessions, a few hundred bytes each, never with the events).
# usage: scripts/bench-replay.sh [path/to/tlstrace]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tlstrace=${1:-$here/build/release/tlstrace}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$tlstrace" demo --all > "$tmp/base.jsonl" || [ $? -eq 1 ]
for n in ${BENCH_SIZES:-100000 1000000}; do
  node - "$tmp/base.jsonl" "$n" "$tmp/t$n.jsonl" <<'JS'
const fs = require('fs');
const [base, nStr, out] = process.argv.slice(2);
const lines = fs.readFileSync(base, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const n = Number(nStr);
const fd = fs.openSync(out, 'w');
let seq = 0, chunk = [];
// whole repetitions of the base (n rounded up), so that every session ends and the trace is valid
for (let r = 0; seq < n; r++) {
  for (const e of lines) {
    chunk.push(JSON.stringify({ ...e, seq: ++seq, session: `${e.session}-r${r}` }));
    if (chunk.length >= 10000) { fs.writeSync(fd, chunk.join('\n') + '\n'); chunk = []; }
  }
}
if (chunk.length) fs.writeSync(fd, chunk.join('\n') + '\n');
fs.closeSync(fd);
JS
  size=$(du -m "$tmp/t$n.jsonl" | cut -f1)
  printf '%8d events (%d MiB): ' "$(wc -l < "$tmp/t$n.jsonl")" "$size"
  "$tlstrace" replay --speed 0 --format jsonl --stats "$tmp/t$n.jsonl" 2>&1 >/dev/null | grep '^replayed'
done
