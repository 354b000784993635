#!/usr/bin/env bash
# Captures real handshake messages from this engine (Mbed TLS 3.6 on both sides) as test vectors
# for the wire parser: one JSON Lines file per demo session, one line per message as it was sent:
#   {"hs_type": "...", "from": "client|server", "tls13": bool, "suite": N, "hex": "..."}
# usage: tests/vectors/mbedtls/capture.sh path/to/tlstrace
set -euo pipefail
tlstrace=${1:?usage: capture.sh path/to/tlstrace}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$tlstrace" demo --all --seed "tlstrace wire vectors" --out "$tmp" || true
node - "$tmp" "$here" <<'JS'
const fs = require('fs');
const [trace, dir] = process.argv.slice(2);
const out = new Map();
const suite = new Map(), tls13 = new Map();
for (const line of fs.readFileSync(trace, 'utf8').split('\n')) {
  if (!line) continue;
  const e = JSON.parse(line);
  if (e.type !== 'message' || e.dir !== 'sent') continue;
  if (e.hs_type === 'server_hello' && !e.fields.hello_retry_request) {
    suite.set(e.session, e.fields.cipher_suite.id);
    tls13.set(e.session, e.fields.selected_version.id === 0x0304);
  }
  const rec = { hs_type: e.hs_type, from: e.from, tls13: tls13.get(e.session) ?? false,
                suite: suite.get(e.session) ?? 0, hex: e.hex };
  if (!out.has(e.session)) out.set(e.session, []);
  out.get(e.session).push(JSON.stringify(rec));
}
for (const [session, lines] of out)
  fs.writeFileSync(`${dir}/${session}.jsonl`, lines.join('\n') + '\n');
console.log(`wrote ${out.size} sessions to ${dir}`);
JS
