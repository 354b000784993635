/* The classroom PKI: keys and certificates for the demo scenarios, written with Mbed TLS's
 * x509write API (no openssl needed). These are demo keys, clearly marked as such. */
#ifndef TT_PKI_H
#define TT_PKI_H

#include <stddef.h>

/* Files written into DIR (PEM; keys unencrypted, PKCS#8 or SEC1):
 *   root-ca.crt/.key          "tlstrace demo root CA" (self-signed, CA:true)
 *   server.crt/.key           leaf for "tlstrace-demo.local" + every --host (DNS or IP SANs),
 *                             signed by the root, serverAuth
 *   client.crt/.key           leaf "tlstrace demo client", signed by the root, clientAuth
 *   expired.crt/.key          server leaf like server.crt whose validity ended in the past
 *   other-ca.crt/.key         a second, unrelated root CA
 *   other-server.crt/.key     server leaf for the same names, signed by other-ca (untrusted)
 *   wrong-host.crt/.key       server leaf for "not-the-server.example" only
 *   README.txt                what each file is, and "DEMO KEYS - NEVER USE IN PRODUCTION"
 * Keys are ECDSA P-256. The generation is deterministic when seed != NULL (a fixed-seed CTR_DRBG),
 * so regenerating the fixtures gives the same files; validity: 2025-01-01 to 2045-01-01 (expired:
 * 2020-01-01 to 2021-01-01).
 * Returns 0, or -1 with a one-line reason in err (which file, what failed). */
int tt_pki_generate(const char *dir, const char *const *hosts, size_t nhosts, const char *seed,
                    char *err, size_t errlen);

/* The files of the built-in classroom PKI that a server and a client need (root-ca.crt,
 * server.crt/.key, client.crt/.key), written into the existing directory dir. For programs that
 * take file names (bench --serve, the peer fuzzer). tt_pki_remove_embedded deletes them and dir.
 * Returns 0, or -1 with a one-line reason in err. */
int tt_pki_write_embedded(const char *dir, char *err, size_t errlen);
void tt_pki_remove_embedded(const char *dir);

#endif
