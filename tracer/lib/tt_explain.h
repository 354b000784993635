/* Plain-language explanations: Mbed TLS error names, verification flags in words, and the cause of
 * a failed handshake derived from the evidence the tap collected. */
#ifndef TT_EXPLAIN_H
#define TT_EXPLAIN_H

#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "tt_words.h"

/* The macro name of an Mbed TLS error code ("MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE"), or NULL. */
const char *tt_mbedtls_error_name(int code);

/* {"code": -9984, "hex": "-0x2700", "name": "MBEDTLS_ERR_...", "text": mbedtls_strerror}. */
cJSON *tt_json_mbedtls_error(int code);

/* Array of {"flag": bit, "name": "expired", "explain": "...", "sources": [...]} for each bit set
 * in flags. */
cJSON *tt_json_verify_reasons(uint32_t flags);

/* The evidence about one failed handshake, from one endpoint's point of view. */
typedef struct tt_failure_facts {
    int is_server;
    int ret;                  /* Mbed TLS error code, 0 when stalled */
    int stalled;              /* waiting for bytes that will never come */
    int post_handshake;       /* the first read after a handshake reported complete failed */
    int tls13;                /* TLS 1.3 was selected by the ServerHello */
    int alert_sent;           /* description of the first fatal alert sent, -1 none */
    const char *alert_sent_protection;
    int alert_received;       /* description of the first fatal alert received, -1 none */
    const char *alert_received_protection;
    uint32_t verify_flags;    /* OR of the flags the verify callback saw (0 when none) */
    int cert_requested;       /* a CertificateRequest crossed the wire */
    int client_cert_empty;    /* the client answered a CertificateRequest with no certificate */
    int client_cert_sent;     /* the client sent a non-empty Certificate */
    /* versions and suites: offered by the client (from its ClientHello) vs this endpoint's config */
    const uint16_t *offered_versions; size_t n_offered_versions;
    const uint16_t *offered_suites;   size_t n_offered_suites;
    uint16_t local_min_version, local_max_version;
    const int *local_suites;  /* 0-terminated, or NULL when the library defaults are used */
    int local_authmode;       /* MBEDTLS_SSL_VERIFY_* */
    int local_has_cert;
    int peer_not_tls;         /* the first bytes received are not a TLS record */
    const uint8_t *peer_first; size_t peer_first_len; /* those bytes (the start of the stream) */
    const char *peer_record_error; /* what the record parser said about them */
    int timeout_ms;           /* how long the transport waited (ret MBEDTLS_ERR_SSL_TIMEOUT) */
    const char *state;        /* the state the endpoint was in, or NULL */
    int bytes_received;       /* the peer sent anything at all */
    int alert_read_late;      /* the received alert was read by tlstrace after Mbed TLS failed
                                 writing (the peer had closed), not by Mbed TLS */
    int alert_sent_after_finished; /* this endpoint had sent its Finished before its alert */
    int transport_closes;     /* the program closes the connection right after a failure (TCP);
                                 0: the link stays open and the peer keeps waiting (the demo) */
} tt_failure_facts;

/* The words that go with a failure besides its explanation: where they come from, and what Mbed
 * TLS did that the RFC does not ask for (up to two deviations, NULL when none). All static. */
typedef struct tt_failure_words {
    tt_src src;
    const tt_deviation *deviation[2];
} tt_failure_words;

/* Derives the cause (a short snake_case word, static), writes a few plain sentences into explain
 * and fills words (sources, deviations). Causes: untrusted_ca, certificate_expired, certificate_not_yet_valid, hostname_mismatch,
 * bad_certificate, client_certificate_missing, client_certificate_rejected, no_shared_cipher_suite,
 * version_mismatch, peer_alert, plaintext_alert_under_encryption, peer_silent, peer_closed,
 * not_tls, timeout, handshake_failure. (connection_refused, name_not_resolved, network_unreachable
 * and network_error come from the transport before TLS starts: see tt_tap_fail_transport.) */
const char *tt_explain_failure(const tt_failure_facts *f, char *explain, size_t len,
                               tt_failure_words *words);

#endif
