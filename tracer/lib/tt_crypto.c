#include "tt_crypto.h"
#include "tt_tables.h"

#include <string.h>
#include <mbedtls/hkdf.h>
#include <mbedtls/md.h>
#include <mbedtls/ssl.h>
#include <mbedtls/platform_util.h>

void tt_rkey_free(tt_rkey *k)
{
    if (k->ready)
        mbedtls_cipher_free(&k->cipher);
    mbedtls_platform_zeroize(k, sizeof(*k));
}

/* The Mbed TLS cipher that runs suite s, or NONE. */
static mbedtls_cipher_type_t cipher_for(const tt_suite *s)
{
    if (!s || !s->aead)
        return MBEDTLS_CIPHER_NONE;
    if (strstr(s->cipher, "CHACHA20"))
        return MBEDTLS_CIPHER_CHACHA20_POLY1305;
    int aes256 = s->key_len == 32;
    if (strncmp(s->cipher, "AES", 3) == 0) {
        if (strstr(s->cipher, "GCM"))
            return aes256 ? MBEDTLS_CIPHER_AES_256_GCM : MBEDTLS_CIPHER_AES_128_GCM;
        if (strstr(s->cipher, "CCM"))
            return aes256 ? MBEDTLS_CIPHER_AES_256_CCM : MBEDTLS_CIPHER_AES_128_CCM;
    }
    if (strncmp(s->cipher, "ARIA", 4) == 0 && strstr(s->cipher, "GCM"))
        return aes256 ? MBEDTLS_CIPHER_ARIA_256_GCM : MBEDTLS_CIPHER_ARIA_128_GCM;
    if (strncmp(s->cipher, "CAMELLIA", 8) == 0 && strstr(s->cipher, "GCM"))
        return aes256 ? MBEDTLS_CIPHER_CAMELLIA_256_GCM : MBEDTLS_CIPHER_CAMELLIA_128_GCM;
    return MBEDTLS_CIPHER_NONE;
}

static int setup_cipher(tt_rkey *k, const tt_suite *s, const uint8_t *key)
{
    mbedtls_cipher_type_t t = cipher_for(s);
    const mbedtls_cipher_info_t *info = mbedtls_cipher_info_from_type(t);
    if (!info)
        return -1;
    mbedtls_cipher_init(&k->cipher);
    if (mbedtls_cipher_setup(&k->cipher, info) != 0 ||
        mbedtls_cipher_setkey(&k->cipher, key, (int)s->key_len * 8, MBEDTLS_DECRYPT) != 0) {
        mbedtls_cipher_free(&k->cipher);
        return -1;
    }
    k->tag_len = s->tag_len ? s->tag_len : 16;
    k->ready = 1;
    return 0;
}

/* RFC 8446 §7.1: HKDF-Expand-Label(Secret, Label, "", Length) with
 * HkdfLabel = uint16 length || opaque label<7..255> = "tls13 " + Label || opaque context<0..255>. */
static int expand_label(const mbedtls_md_info_t *md, const uint8_t *secret, size_t secret_len,
                        const char *label, uint8_t *out, size_t out_len)
{
    uint8_t info[2 + 1 + 6 + 16 + 1];
    size_t n = strlen(label);
    if (n > 16)
        return -1;
    size_t i = 0;
    info[i++] = (uint8_t)(out_len >> 8);
    info[i++] = (uint8_t)out_len;
    info[i++] = (uint8_t)(6 + n);
    memcpy(info + i, "tls13 ", 6);
    i += 6;
    memcpy(info + i, label, n);
    i += n;
    info[i++] = 0; /* empty context */
    return mbedtls_hkdf_expand(md, secret, secret_len, info, i, out, out_len) == 0 ? 0 : -1;
}

int tt_rkey_tls13(tt_rkey *k, uint16_t suite, const uint8_t *secret, size_t secret_len)
{
    memset(k, 0, sizeof(*k));
    const tt_suite *s = tt_suite_lookup(suite);
    if (!s || !s->tls13 || !s->aead)
        return -1;
    const mbedtls_md_info_t *md =
        mbedtls_md_info_from_type(secret_len == 48 ? MBEDTLS_MD_SHA384 : MBEDTLS_MD_SHA256);
    uint8_t key[32];
    int rc = -1;
    if (!md || s->key_len > sizeof(key))
        goto out;
    if (expand_label(md, secret, secret_len, "key", key, s->key_len) != 0 ||
        expand_label(md, secret, secret_len, "iv", k->iv, 12) != 0)
        goto out;
    k->iv_len = 12;
    k->tls13 = 1;
    rc = setup_cipher(k, s, key);
out:
    mbedtls_platform_zeroize(key, sizeof(key));
    return rc;
}

int tt_rkeys_tls12(tt_rkey *cw, tt_rkey *sw, uint16_t suite, int prf_sha384,
                   const uint8_t master[48], const uint8_t client_random[32],
                   const uint8_t server_random[32])
{
    memset(cw, 0, sizeof(*cw));
    memset(sw, 0, sizeof(*sw));
    const tt_suite *s = tt_suite_lookup(suite);
    if (!s || s->tls13 || !s->aead || cipher_for(s) == MBEDTLS_CIPHER_NONE)
        return -1;
    /* RFC 5288 §3 / RFC 6655 §3: a 4-byte implicit salt; RFC 7905 §2: a 12-byte IV. */
    size_t fixed_iv = strstr(s->cipher, "CHACHA20") ? 12 : 4;
    uint8_t random[64], block[2 * 32 + 2 * 12];
    memcpy(random, server_random, 32);
    memcpy(random + 32, client_random, 32);
    size_t need = 2 * (size_t)s->key_len + 2 * fixed_iv;
    int rc = -1;
    if (mbedtls_ssl_tls_prf(prf_sha384 ? MBEDTLS_SSL_TLS_PRF_SHA384 : MBEDTLS_SSL_TLS_PRF_SHA256,
                            master, 48, "key expansion", random, 64, block, need) != 0)
        goto out;
    /* key_block = client_write_key || server_write_key || client_write_IV || server_write_IV
     * (no MAC keys for AEAD suites). */
    const uint8_t *ck = block, *sk = block + s->key_len;
    const uint8_t *civ = block + 2 * s->key_len, *siv = civ + fixed_iv;
    memcpy(cw->iv, civ, fixed_iv);
    memcpy(sw->iv, siv, fixed_iv);
    cw->iv_len = sw->iv_len = fixed_iv;
    if (setup_cipher(cw, s, ck) != 0)
        goto out;
    if (setup_cipher(sw, s, sk) != 0) {
        tt_rkey_free(cw);
        goto out;
    }
    rc = 0;
out:
    mbedtls_platform_zeroize(block, sizeof(block));
    return rc;
}

int tt_rkey_decrypt(const tt_rkey *k, const uint8_t hdr[5], const uint8_t *frag, size_t frag_len,
                    uint8_t *out, size_t *out_len, uint8_t *inner_type)
{
    if (!k->ready)
        return -1;
    uint8_t nonce[12], aad[13];
    size_t aad_len, explicit_len = 0;
    uint8_t seqb[8];
    for (int i = 0; i < 8; i++)
        seqb[i] = (uint8_t)(k->seq >> (56 - 8 * i));

    if (k->tls13 || k->iv_len == 12) {
        /* RFC 8446 §5.3 / RFC 7905 §2: nonce = IV XOR the left-padded sequence number. */
        memcpy(nonce, k->iv, 12);
        for (int i = 0; i < 8; i++)
            nonce[4 + i] ^= seqb[i];
    } else {
        /* RFC 5288 §3: nonce = salt(4) || explicit nonce (first 8 bytes of the fragment). */
        if (frag_len < 8)
            return -1;
        memcpy(nonce, k->iv, 4);
        memcpy(nonce + 4, frag, 8);
        explicit_len = 8;
    }
    if (frag_len < explicit_len + k->tag_len)
        return -1;
    size_t ct_len = frag_len - explicit_len; /* ciphertext || tag */
    if (k->tls13) {
        /* RFC 8446 §5.2: additional_data = the record header. */
        memcpy(aad, hdr, 5);
        aad_len = 5;
    } else {
        /* RFC 5246 §6.2.3.3: seq_num || type || version || plaintext length. */
        size_t plain = ct_len - k->tag_len;
        memcpy(aad, seqb, 8);
        aad[8] = hdr[0];
        aad[9] = hdr[1];
        aad[10] = hdr[2];
        aad[11] = (uint8_t)(plain >> 8);
        aad[12] = (uint8_t)plain;
        aad_len = 13;
    }
    size_t olen = 0;
    mbedtls_cipher_context_t *c = (mbedtls_cipher_context_t *)&k->cipher;
    if (mbedtls_cipher_auth_decrypt_ext(c, nonce, 12, aad, aad_len, frag + explicit_len, ct_len,
                                        out, frag_len, &olen, k->tag_len) != 0)
        return -1;
    if (k->tls13) {
        /* RFC 8446 §5.4: strip the zero padding; the last non-zero byte is the content type. */
        while (olen > 0 && out[olen - 1] == 0)
            olen--;
        if (olen == 0)
            return -1;
        *inner_type = out[olen - 1];
        olen--;
    } else {
        *inner_type = hdr[0];
    }
    *out_len = olen;
    return 0;
}
