/* A small, pure DER reader for X.509 certificates (RFC 5280): enough to show a student what a
 * certificate says. No Mbed TLS types, no I/O; safe on hostile input (fuzzed with the wire parser).
 * Mbed TLS itself still does the real verification; this only describes. */
#ifndef TT_X509_H
#define TT_X509_H

#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>

/* Describes one DER certificate as a new cJSON object (caller frees with cJSON_Delete):
 *   "subject", "issuer"      "C=FR, O=Example, CN=host" - attributes in certificate order,
 *                             joined with ", " (multi-valued: " + "), as mbedtls_x509_dn_gets
 *                             prints them; control characters and invalid UTF-8 as \xNN
 *   "serial"                  hex with colons, "01:A3:..."
 *   "not_before","not_after"  ISO 8601 UTC, "2026-01-01T00:00:00Z"
 *   "key"                     {"type":"EC"|"RSA"|"Ed25519"|"Ed448"|"X25519"|"X448"|"unknown",
 *                              "bits":N, "curve":"secp256r1" (EC only), "pss":true (RSA-PSS),
 *                              "oid" (unknown only)}
 *   "signature_algorithm"     "ecdsa-with-SHA256", "sha256WithRSAEncryption", "RSASSA-PSS", ...
 *                             or the dotted OID when unknown
 *   "san"                     array of strings, "DNS:name", "IP:127.0.0.1", "email:..", "URI:.."
 *                             (absent when there is no subjectAltName)
 *   "is_ca"                   basicConstraints cA (false when absent)
 *   "self_signed"             subject == issuer (byte comparison of the DER names)
 *   "version"                 1..3
 * On malformed input returns NULL and writes a one-line reason with the byte offset into err. */
cJSON *tt_x509_describe(const uint8_t *der, size_t len, char *err, size_t errlen);

#endif
