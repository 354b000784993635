/* Record protection, from the tracer's side: derive record keys from the secrets Mbed TLS exports
 * and decrypt captured records, so that TLS 1.3's encrypted handshake (and TLS 1.2's Finished) can
 * be shown decoded. Only public Mbed TLS API (HKDF, the TLS PRF, the cipher layer). */
#ifndef TT_CRYPTO_H
#define TT_CRYPTO_H

#include <stddef.h>
#include <stdint.h>
#include <mbedtls/cipher.h>

/* One direction's record keys for one epoch. */
typedef struct tt_rkey {
    int ready;                 /* 1 once key/iv are derived and the cipher is set up */
    int tls13;
    mbedtls_cipher_context_t cipher;
    uint8_t iv[12];            /* TLS 1.3: the full IV; TLS 1.2 GCM/CCM: the 4-byte salt; ChaCha: 12 */
    size_t iv_len;
    size_t tag_len;
    uint64_t seq;              /* next record sequence number under this key */
} tt_rkey;

void tt_rkey_free(tt_rkey *k);

/* TLS 1.3 (RFC 8446 §7.3): key = HKDF-Expand-Label(secret, "key", "", key_len) and
 * iv = HKDF-Expand-Label(secret, "iv", "", 12); the hash follows the secret's length (32: SHA-256,
 * 48: SHA-384). Returns 0, or -1 when the suite is not an AEAD suite Mbed TLS can run. */
int tt_rkey_tls13(tt_rkey *k, uint16_t suite, const uint8_t *secret, size_t secret_len);

/* TLS 1.2 (RFC 5246 §6.3): key_block = PRF(master, "key expansion", server_random + client_random);
 * AEAD suites only (RFC 5288 GCM, RFC 6655 CCM, RFC 7905 ChaCha20-Poly1305). Fills the client and
 * server write keys. Returns 0, or -1 for a suite we do not decrypt (CBC: shown as encrypted). */
int tt_rkeys_tls12(tt_rkey *client_write, tt_rkey *server_write, uint16_t suite, int prf_sha384,
                   const uint8_t master[48], const uint8_t client_random[32],
                   const uint8_t server_random[32]);

/* Decrypts one record (hdr: the 5-byte header, frag: the fragment) with k at sequence k->seq,
 * without advancing it. On success writes the plaintext (for TLS 1.3: the inner plaintext with the
 * content type and padding removed) into out (at least frag_len bytes), its length into *out_len
 * and the real content type into *inner_type, and returns 0. Returns -1 when the record does not
 * authenticate under k (wrong key or sequence number). */
int tt_rkey_decrypt(const tt_rkey *k, const uint8_t hdr[5], const uint8_t *frag, size_t frag_len,
                    uint8_t *out, size_t *out_len, uint8_t *inner_type);

#endif
