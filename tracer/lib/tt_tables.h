/* Protocol knowledge as tables: every row has its IANA (or Mbed TLS) number, its name, and one
 * sentence a student understands. The events, the terminal timeline and (through the events) the
 * page read names and explanations from here only. tests/unit/test_tables.c walks every table. */
#ifndef TT_TABLES_H
#define TT_TABLES_H

#include <stddef.h>
#include <stdint.h>
#include "tt_source.h"

/* One named number: the common row shape of most tables. */
typedef struct tt_named {
    uint32_t id;
    const char *name;    /* IANA name (snake_case for handshake types, extensions, alerts) */
    tt_src src;          /* where the sentence comes from */
    const char *explain; /* one sentence, plain words */
} tt_named;

/* A table and its length; tt_lookup() returns the row with that id, or NULL. */
typedef struct tt_table {
    const char *what; /* "handshake type", "extension", ... (for messages and tests) */
    const tt_named *rows;
    size_t count;
} tt_table;
const tt_named *tt_lookup(const tt_table *t, uint32_t id);
/* Name of id in t, or NULL when unknown. */
const char *tt_name(const tt_table *t, uint32_t id);

extern const tt_table tt_content_types;    /* record content types (RFC 8446 §5.1): 20..24 */
extern const tt_table tt_handshake_types;  /* RFC 8446 §4 + RFC 5246 §7.4; names snake_case */
extern const tt_table tt_extensions;       /* IANA TLS ExtensionType values */
extern const tt_table tt_groups;           /* IANA TLS Supported Groups */
extern const tt_table tt_sig_schemes;      /* IANA TLS SignatureScheme */
extern const tt_table tt_alert_levels;     /* 1 warning, 2 fatal */
extern const tt_table tt_alerts;           /* IANA TLS Alert descriptions, snake_case */
extern const tt_table tt_versions;         /* 0x0300..0x0304: "SSL 3.0".."TLS 1.3" */
extern const tt_table tt_mbedtls_states;   /* mbedtls_ssl_states 0..29, names as in ssl.h w/o prefix */
extern const tt_table tt_verify_flags;     /* MBEDTLS_X509_BADCERT_* / BADCRL_* bits, plain words */
extern const tt_table tt_cert_types;       /* TLS 1.2 ClientCertificateType (RFC 5246 §7.4.4) */
/* Smaller code lists found inside handshake messages and extensions (used by tt_wire.c). */
extern const tt_table tt_compression_methods; /* RFC 5246 §7.4.1.2, RFC 3749: 0 null, 1 DEFLATE */
extern const tt_table tt_sni_name_types;       /* RFC 6066 §3: 0 host_name */
extern const tt_table tt_max_fragment_lengths; /* RFC 6066 §4: 1..4 = "2^9".."2^12" */
extern const tt_table tt_status_types;         /* RFC 6066 §8, RFC 6961: 1 ocsp, 2 ocsp_multi */
extern const tt_table tt_point_formats;        /* RFC 8422 §5.1.2: 0 uncompressed, ... */
extern const tt_table tt_ec_curve_types;       /* RFC 8422 §5.4: 3 named_curve, ... */
extern const tt_table tt_srtp_profiles;        /* RFC 5764 §4.1.2, RFC 7714 */
extern const tt_table tt_heartbeat_modes;      /* RFC 6520 §2 */
extern const tt_table tt_cert_formats;         /* RFC 7250 §3: 0 X509, 2 RawPublicKey */
extern const tt_table tt_cert_compression;     /* RFC 8879 §3: 1 zlib, 2 brotli, 3 zstd */
extern const tt_table tt_psk_modes;            /* RFC 8446 §4.2.9: 0 psk_ke, 1 psk_dhe_ke */
extern const tt_table tt_key_update_requests;  /* RFC 8446 §4.6.3 */
extern const tt_table tt_cert_chain_types;     /* RFC 6066 §5: 0 individual_certs, 1 pkipath */
extern const tt_table tt_ech_types;            /* Encrypted Client Hello: 0 outer, 1 inner */

/* Who sends a handshake message. */
typedef enum { TT_BY_CLIENT = 1, TT_BY_SERVER = 2, TT_BY_EITHER = 3 } tt_sender;
/* tt_handshake_sender(type): who sends it; 0 when unknown. */
tt_sender tt_handshake_sender(uint8_t hs_type);
/* 1 when this handshake type is sent only because the server asked the client to authenticate
 * (CertificateRequest, the client's Certificate and CertificateVerify), given the sender. */
int tt_handshake_mutual_only(uint8_t hs_type, tt_sender by);

/* A cipher suite and its parts. For TLS 1.3 suites kx and auth are "(negotiated separately)". */
typedef struct tt_suite {
    uint16_t id;
    const char *name;    /* IANA name, e.g. "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" */
    const char *kx;      /* key exchange: "ECDHE", "DHE", "RSA", "PSK", ... */
    const char *auth;    /* authentication: "ECDSA", "RSA", "PSK", ... */
    const char *cipher;  /* bulk cipher: "AES_128_GCM", "CHACHA20_POLY1305", "AES_128_CBC", ... */
    const char *hash;    /* "SHA256", "SHA384", ... (the PRF/HKDF hash, or the MAC for CBC suites) */
    uint8_t tls13;       /* 1 for TLS 1.3 suites (0x13xx) */
    uint8_t aead;        /* 1 when the cipher is AEAD (GCM, CCM, CCM_8, ChaCha20-Poly1305) */
    uint8_t key_len;     /* bulk key length in bytes (16 or 32); 0 when not applicable */
    uint8_t tag_len;     /* AEAD tag length (16, or 8 for CCM_8) */
    tt_src src;          /* the document that defines the suite */
    const char *explain; /* one sentence */
} tt_suite;
/* The row for suite id, or NULL. Covers every suite Mbed TLS 3.6 implements plus the common ones
 * other implementations offer (openssl, gnutls defaults), and the signalling values
 * TLS_EMPTY_RENEGOTIATION_INFO_SCSV (0x00FF) and TLS_FALLBACK_SCSV (0x5600); GREASE values are
 * recognised by tt_is_grease(). */
const tt_suite *tt_suite_lookup(uint16_t id);
extern const tt_suite tt_suites[];
extern const size_t tt_suites_count;

/* 1 when v is a GREASE value (RFC 8701: 0x?A?A with both bytes equal). */
int tt_is_grease(uint16_t v);

#endif
