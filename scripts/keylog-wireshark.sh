#!/usr/bin/env bash
# Shows that Wireshark decrypts a connection traced by `tlstrace connect` using its --keylog file:
# captures two connections (TLS 1.3 and TLS 1.2) to openssl s_server on loopback with tshark,
# then prints what tshark sees without and with the key log. Needs root (capture on lo), openssl
# and tshark (apt-get install tshark: not installed by setup.sh, the tests do not need it).
# usage: scripts/keylog-wireshark.sh [path/to/tlstrace]   (default: build/release/tlstrace)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tlstrace=${1:-$here/build/release/tlstrace}
command -v tshark >/dev/null || { echo "keylog-wireshark.sh: needs tshark (apt-get install tshark)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
"$tlstrace" pki "$tmp/pki" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
openssl s_server -accept "127.0.0.1:$port" -cert "$tmp/pki/server.crt" -key "$tmp/pki/server.key" \
  -quiet </dev/null >/dev/null 2>&1 &
tshark -i lo -w "$tmp/cap.pcapng" -f "tcp port $port" >/dev/null 2>&1 &
capture=$!
sleep 2 # tshark needs a moment before it captures
for v in 1.3 1.2; do
  "$tlstrace" connect "127.0.0.1:$port" --ca "$tmp/pki/root-ca.crt" --tls "$v" \
    --send "hello wireshark, TLS $v\n" --keylog "$tmp/keys.log" --format text | tail -3
done
sleep 1
kill "$capture"; wait "$capture" 2>/dev/null || true
echo "--- the key log (labels, client random, secret truncated):"
cut -c1-100 "$tmp/keys.log"
echo "--- handshake message types tshark sees per connection, without the key log:"
tshark -r "$tmp/cap.pcapng" -Y tls.handshake.type -T fields -e tcp.stream -e tls.handshake.type 2>/dev/null
echo "--- and with it (TLS 1.3: EncryptedExtensions 8, Certificate 11, CertificateVerify 15,"
echo "    Finished 20 are now visible):"
tshark -r "$tmp/cap.pcapng" -o "tls.keylog_file:$tmp/keys.log" -Y tls.handshake.type -T fields \
  -e tcp.stream -e tls.handshake.type 2>/dev/null
echo "--- the application data, decrypted:"
for s in 0 1; do
  tshark -r "$tmp/cap.pcapng" -o "tls.keylog_file:$tmp/keys.log" -q -z "follow,tls,ascii,$s" 2>/dev/null |
    grep -a "hello wireshark"
done
