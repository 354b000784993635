#!/bin/sh
# Captures real TLS handshake messages from OpenSSL into .hex files (see README.md here).
# Usage: tests/vectors/openssl/capture.sh [OUTDIR]   (default: the directory of this script)
# Needs: openssl 3.x (s_server/s_client -msg), awk. Uses ports 44311-44319 on 127.0.0.1.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work"

# --- Throwaway PKI: a CA, an ECDSA and an RSA server certificate, an ECDSA client certificate.
q() { "$@" >/dev/null 2>&1; }
q openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt \
    -days 3650 -subj "/O=tlstrace/CN=tlstrace test CA"
leaf() { # leaf NAME KEYALG SUBJECT EXTFILE-LINE
    if [ "$2" = rsa ]; then q openssl genrsa -out "$1.key" 2048
    else q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key"; fi
    q openssl req -new -key "$1.key" -out "$1.csr" -subj "$3"
    printf '%s\n' "$4" > "$1.ext"
    q openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
        -extfile "$1.ext" -out "$1.crt"
}
leaf srv_ec ec "/O=tlstrace/CN=tlstrace.test" "subjectAltName=DNS:tlstrace.test"
leaf srv_rsa rsa "/O=tlstrace/CN=tlstrace.test" "subjectAltName=DNS:tlstrace.test"
leaf cli_ec ec "/O=tlstrace/CN=tlstrace student" "extendedKeyUsage=clientAuth"
openssl x509 -in srv_ec.crt -outform DER -out srv_ec.der
openssl x509 -in srv_rsa.crt -outform DER -out srv_rsa.der
openssl x509 -in cli_ec.crt -outform DER -out cli_ec.der

# extract LOG DIR: every handshake message, alert and change_cipher_spec the client's -msg log
# shows, in order, as DIR/{c,s}_<type>[_N].hex (c = sent by the client, s = by the server), the
# first record header of each side as {c,s}_record_header.hex, and DIR/sequence.txt.
extract() {
    mkdir -p "$2"
    awk -v dir="$2" '
    function snake(s,   r, i, ch) {
        r = ""
        for (i = 1; i <= length(s); i++) {
            ch = substr(s, i, 1)
            if (ch ~ /[A-Z]/ && i > 1) r = r "_"
            r = r tolower(ch)
        }
        return r
    }
    function flush(   f) {
        if (name == "") return
        n[name]++
        f = (n[name] > 1) ? name "_" n[name] : name
        if (name ~ /record_header$/ && n[name] > 1) { name = ""; return }
        print hex > (dir "/" f ".hex"); close(dir "/" f ".hex")
        if (name !~ /record_header$/) print f ".hex" >> (dir "/sequence.txt")
        name = ""
    }
    /^(>>>|<<<) / {
        flush(); hex = ""
        side = ($1 == ">>>") ? "c_" : "s_"
        if ($0 ~ /Handshake \[length/) { t = $0; sub(/.*\], /, "", t); name = side snake(t) }
        else if ($0 ~ /Alert \[length/) { t = $NF; name = side "alert_" t }
        else if ($0 ~ /ChangeCipherSpec \[length/) name = side "change_cipher_spec"
        else if ($0 ~ /RecordHeader \[length/) name = side "record_header"
        next
    }
    /^    [0-9a-f][0-9a-f]( [0-9a-f][0-9a-f])*$/ { if (name != "") { t = $0; gsub(/ /, "", t); hex = hex t }; next }
    { flush() }
    END { flush() }' "$1"
}

# run NAME PORT "SERVER ARGS" "CLIENT ARGS" [CLIENT-STDIN-COMMANDS]
run() {
    name=$1 port=$2 sargs=$3 cargs=$4 cmds=${5:-}
    (sleep 6 | openssl s_server -accept "$port" -naccept 1 -msg $sargs > "$name.srv.log" 2>&1 &)
    sleep 1
    { sleep 1; [ -n "$cmds" ] && printf '%s\n' "$cmds"; sleep 1; } |
        openssl s_client -connect "127.0.0.1:$port" -msg $cargs > "$name.cli.log" 2>&1 || true
    sleep 1
    rm -rf "${out:?}/$name"
    extract "$name.cli.log" "$out/$name"
}

ec="-cert srv_ec.crt -key srv_ec.key"
rsa="-cert srv_rsa.crt -key srv_rsa.key"
cli="-servername tlstrace.test -CAfile ca.crt -verify_return_error"
mutual="-Verify 1 -CAfile ca.crt"
ccert="-cert cli_ec.crt -key cli_ec.key"

# TLS 1.3, server authenticated only; SNI and ALPN offered; the client asks for a key update (K).
run tls13_basic 44311 "-tls1_3 $ec -alpn h2" "-tls1_3 $cli -alpn h2,http/1.1" K
# TLS 1.3, mutual: the server requests a client certificate (-Verify 1).
run tls13_mutual 44312 "-tls1_3 $rsa $mutual" "-tls1_3 $cli $ccert"
# TLS 1.3 HelloRetryRequest: the client's first key share (P-256) is not one the server accepts.
run tls13_hrr 44313 "-tls1_3 $ec -groups X25519" "-tls1_3 $cli -groups P-256:X25519"
# TLS 1.2 key exchanges: ECDHE-ECDSA, ECDHE-RSA (mutual), DHE-RSA, plain RSA.
run tls12_ecdhe_ecdsa 44314 "-tls1_2 $ec" "-tls1_2 $cli -cipher ECDHE-ECDSA-AES128-GCM-SHA256"
run tls12_ecdhe_rsa_mutual 44315 "-tls1_2 $rsa $mutual" \
    "-tls1_2 $cli $ccert -cipher ECDHE-RSA-AES256-GCM-SHA384"
run tls12_dhe_rsa 44316 "-tls1_2 $rsa" "-tls1_2 $cli -cipher DHE-RSA-AES128-GCM-SHA256"
run tls12_rsa 44317 "-tls1_2 $rsa" "-tls1_2 $cli -cipher AES128-GCM-SHA256"
# A failure: the client does not trust the server's CA and sends a fatal alert.
run tls13_unknown_ca 44318 "-tls1_3 $ec" "-tls1_3 -servername tlstrace.test -verify_return_error"

mkdir -p "$out/certs"
for c in srv_ec srv_rsa cli_ec; do od -An -v -tx1 "$c.der" | tr -d ' \n' > "$out/certs/$c.hex"; echo >> "$out/certs/$c.hex"; done
echo "captured into $out"
