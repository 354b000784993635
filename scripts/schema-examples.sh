#!/usr/bin/env bash
# Regenerates schema/examples/: real traces from the demo, documenting the schema by example, one
# of a capture (the demo's handshake written with --pcap, read by tlstrace capture), and two with
# real peers (needs openssl and curl): connect against openssl s_server, and serve with curl as
# its client.
# usage: scripts/schema-examples.sh [path/to/tlstrace]   (default: build/release/tlstrace)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tlstrace=$(realpath "${1:-$here/build/release/tlstrace}")
mkdir -p "$here/schema/examples"
[ "${REAL_PEERS_ONLY:-0}" = 1 ] || for run in "mutual 1.3" "basic 1.2" "untrusted-ca 1.3" "no-client-cert 1.2"; do
  set -- $run
  "$tlstrace" demo --scenario "$1" --tls "$2" --seed "tlstrace schema examples" \
    --out "$here/schema/examples/$1-tls$2.jsonl" || [ $? -eq 1 ]
done

# Real peers, on free loopback ports, with a PKI made for the occasion.
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
# A connection seen on the network: the demo's TLS 1.3 handshake with a HelloRetryRequest and
# mutual authentication written as pcapng (the key log inside), read back by tlstrace capture,
# its chains checked offline against the CA. Run in $tmp, so that the trace's origin names the
# file (hrr.pcapng), not this machine's temporary directory.
[ "${REAL_PEERS_ONLY:-0}" = 1 ] || (
  cd "$tmp"
  "$tlstrace" demo --scenario hello-retry --mutual --pcap hrr.pcapng >/dev/null
  "$tlstrace" capture hrr.pcapng --ca "$here/fixtures/pki/root-ca.crt" \
    --out "$here/schema/examples/capture-hello-retry-mutual-tls1.3.jsonl"
)
"$tlstrace" pki "$tmp/pki" --seed "tlstrace schema examples" >/dev/null
"$tlstrace" serve 127.0.0.1:0 --cert "$tmp/pki/server.crt" --key "$tmp/pki/server.key" \
  --ca "$tmp/pki/root-ca.crt" --request-client-cert \
  --connections 1 --out "$here/schema/examples/serve-curl-mutual.jsonl" 2>"$tmp/serve.err" &
serve=$!
until port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/serve.err") && [ -n "$port" ]; do sleep 0.1; done
curl -sS --cacert "$tmp/pki/root-ca.crt" --cert "$tmp/pki/client.crt" --key "$tmp/pki/client.key" \
  "https://localhost:$port/" >/dev/null
wait "$serve"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
openssl s_server -accept "127.0.0.1:$port" -cert "$tmp/pki/server.crt" -key "$tmp/pki/server.key" \
  -CAfile "$tmp/pki/root-ca.crt" -Verify 1 -quiet </dev/null >/dev/null 2>&1 &
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do sleep 0.1; done
"$tlstrace" connect "127.0.0.1:$port" --ca "$tmp/pki/root-ca.crt" --cert "$tmp/pki/client.crt" \
  --key "$tmp/pki/client.key" --tls 1.3 --send 'hello\n' \
  --out "$here/schema/examples/connect-openssl-mutual-tls1.3.jsonl"
echo "wrote $(ls "$here/schema/examples" | wc -l) example traces to schema/examples/"
