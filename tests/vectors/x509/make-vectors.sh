#!/bin/sh
# Regenerates the X.509 test vectors of tests/unit/test_x509.c with the openssl command line tool
# (made with OpenSSL 3.0). Run from anywhere: ./make-vectors.sh [OUTDIR] (default: this folder).
#
# Names, serials, dates and extensions are fixed here, so the assertions of test_x509.c stay true
# after a regeneration; keys and signatures change (except x25519.der's dates: `openssl x509 -new`
# has no start date option, so that one is valid for 10 years from the day it was made).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export W
SANNAME=unused # read by ext.cnf ([leaf_ext]) whenever it is loaded
export SANNAME
mkdir -p "$W/new" "$out"
: > "$W/index.txt"

cat > "$W/ca.cnf" <<'CNF'
[ca]
default_ca = tv
[tv]
dir = $ENV::W
database = $dir/index.txt
new_certs_dir = $dir/new
serial = $dir/serial
default_md = default
policy = keep_all
unique_subject = no
email_in_dn = yes
[keep_all]
commonName = optional
[req]
distinguished_name = dn
prompt = no
utf8 = yes
string_mask = utf8only
[dn]
CN = unused
CNF
# The string type of the subject's attributes is chosen by `openssl req` from string_mask:
# utf8only -> UTF8String, pkix -> PrintableString or BMPString, default -> T61String for Latin-1.
sed 's/^string_mask = .*/string_mask = pkix/' "$W/ca.cnf" > "$W/pkix.cnf"
sed 's/^string_mask = .*/string_mask = default/' "$W/ca.cnf" > "$W/t61.cnf"

cat > "$W/ext.cnf" <<'CNF'
[ca_ext]
basicConstraints = critical, CA:TRUE, pathlen:1
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[rsa3072_ext]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:rsa3072.example, DNS:www.rsa3072.example, email:admin@rsa3072.example, URI:https://rsa3072.example/
[ec_p256_ext]
basicConstraints = critical, CA:FALSE
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1, IP:2001:db8::8a2e:370:7334, IP:fe80:0:0:1:0:0:0:1, IP:::ffff:192.0.2.1
[leaf_ext]
basicConstraints = CA:FALSE
subjectAltName = DNS:$ENV::SANNAME
CNF

# sign NAME KEY SUBJECT SERIAL START END MD EXT [CNF] [ISSUER]: one certificate via `openssl ca`.
# ISSUER empty: self-signed; otherwise the CA made first (ca-rsa2048). EXT empty: version 1.
sign() {
    name=$1 key=$2 subj=$3 serial=$4 start=$5 end=$6 md=$7 ext=$8 cnf=${9:-$W/ca.cnf} iss=${10:-}
    openssl req -new -config "$cnf" -key "$key" -subj "$subj" -out "$W/$name.csr"
    echo "$serial" > "$W/serial"
    : > "$W/index.txt" # openssl ca refuses a serial it has issued before
    set -- -batch -config "$W/ca.cnf" -notext -preserveDN -startdate "$start" -enddate "$end" \
        -in "$W/$name.csr" -out "$W/$name.pem"
    [ -n "$md" ] && set -- "$@" -md "$md"
    [ -n "$ext" ] && set -- "$@" -extfile "$W/ext.cnf" -extensions "$ext"
    if [ -n "$iss" ]; then
        set -- "$@" -cert "$W/ca-rsa2048.pem" -keyfile "$W/ca-rsa2048.key"
    else
        set -- "$@" -selfsign -keyfile "$key"
    fi
    openssl ca "$@" 2> "$W/ca.log" || { cat "$W/ca.log" >&2; exit 1; }
    openssl x509 -in "$W/$name.pem" -outform DER -out "$out/$name.der"
}

openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$W/ca-rsa2048.key"
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$W/rsa3072.key"
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$W/ec-p256.key"
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$W/ec-p384.key"
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:brainpoolP256r1 -out "$W/bp256.key"
openssl genpkey -quiet -algorithm ED25519 -out "$W/ed25519.key"
openssl genpkey -quiet -algorithm ED448 -out "$W/ed448.key"
openssl genpkey -quiet -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$W/rsa-pss.key"
openssl genpkey -quiet -algorithm X25519 -out "$W/x25519.key"

# A root CA: RSA 2048, sha256WithRSAEncryption, CA:TRUE.
sign ca-rsa2048 "$W/ca-rsa2048.key" "/C=FR/O=tlstrace test vectors/CN=tlstrace test CA" \
    1000 20240101000000Z 20340101000000Z sha256 ca_ext
# A server leaf signed by that CA with SHA-384; serial with its top bit set (DER adds a 00 byte).
sign rsa3072 "$W/rsa3072.key" \
    "/C=FR/ST=Ile-de-France/L=Paris/O=tlstrace test vectors/OU=Teaching/CN=rsa3072.example" \
    8A1B2C3D4E5F60718293 20240615123456Z 20260615123456Z sha384 rsa3072_ext "" ca
# Self-signed ECDSA leaves: IPv4 and IPv6 SANs; P-384; brainpool.
sign ec-p256 "$W/ec-p256.key" "/CN=localhost" 01 20250101000000Z 20350101000000Z sha256 ec_p256_ext
SANNAME=p384.example sign ec-p384 "$W/ec-p384.key" "/O=tlstrace test vectors/CN=p384.example" \
    0384 20250101000000Z 20350101000000Z sha384 leaf_ext
SANNAME=brainpool.example sign bp256 "$W/bp256.key" "/CN=brainpool.example" \
    0256 20250101000000Z 20350101000000Z sha256 leaf_ext
# EdDSA and RSASSA-PSS (openssl picks the signature algorithm from the key).
SANNAME=ed25519.example sign ed25519 "$W/ed25519.key" "/CN=ed25519.example" \
    025519 20250101000000Z 20350101000000Z "" leaf_ext
SANNAME=ed448.example sign ed448 "$W/ed448.key" "/CN=ed448.example" \
    0448 20250101000000Z 20350101000000Z "" leaf_ext
SANNAME=pss.example sign rsa-pss "$W/rsa-pss.key" "/CN=pss.example" \
    7E55 20250101000000Z 20350101000000Z sha256 leaf_ext
# Both dates after 2049: RFC 5280 §4.1.2.5 requires GeneralizedTime.
SANNAME=future.example sign gentime "$W/ec-p256.key" "/CN=future.example" \
    2051 20510101000000Z 20991231235959Z sha256 leaf_ext
# UTCTime at both ends of its range: 1950 ("50...") and 2049 ("49...").
SANNAME=utc.example sign utctime-edges "$W/ec-p256.key" "/CN=utc.example" \
    1950 19500101000000Z 20491231235959Z sha256 leaf_ext
# Names: UTF8String with characters outside the BMP, a multi-valued RDN, characters RFC 4514
# escapes, emailAddress, DC and serialNumber attributes.
SANNAME=utf8.example sign name-utf8 "$W/ec-p256.key" \
    "/DC=example/DC=org/O=Acme, Inc./OU=R&D+OU=Q\"A/CN=Zoë Ünïcødé 日本語 🔐/serialNumber=42/emailAddress=zoe@example.org" \
    0C 20250101000000Z 20350101000000Z sha256 leaf_ext
# BMPString (string_mask pkix, non-ASCII CN) next to PrintableString.
SANNAME=bmp.example sign name-bmp "$W/ec-p256.key" "/C=JP/O=BMP Test/CN=Zoë 日本語" \
    1E 20250101000000Z 20350101000000Z sha256 leaf_ext "$W/pkix.cnf"
# T61String (string_mask default, Latin-1 CN).
SANNAME=t61.example sign name-t61 "$W/ec-p256.key" "/CN=Zoë Ürß" \
    14 20250101000000Z 20350101000000Z sha256 leaf_ext "$W/t61.cnf"
# Version 1: no extensions at all.
sign v1 "$W/ec-p256.key" "/CN=v1.example" 01 20250101000000Z 20350101000000Z sha256 ""
# X25519 cannot sign, so the CA signs a certificate for it (-force_pubkey).
openssl pkey -in "$W/x25519.key" -pubout -out "$W/x25519.pub"
openssl x509 -new -subj "/CN=x25519.example" -force_pubkey "$W/x25519.pub" \
    -CA "$W/ca-rsa2048.pem" -CAkey "$W/ca-rsa2048.key" \
    -set_serial 0x2519 -days 3650 -sha256 -outform DER -out "$out/x25519.der"
# One PEM file, to show that the test reads PEM too.
openssl x509 -inform DER -in "$out/ec-p384.der" -out "$out/ec-p384.pem"
rm -f "$out/ec-p384.der"
echo "vectors written to $out"
