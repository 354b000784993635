/* The tap: everything that touches Mbed TLS while it runs. It sits in the BIO (a tee that parses
 * every record in both directions), in the verify callback, in the export-keys callback, and around
 * mbedtls_ssl_handshake_step(); it turns what it sees into events. One tap per endpoint. */
#ifndef TT_TAP_H
#define TT_TAP_H

#include <stdint.h>
#include <stdio.h>
#include <mbedtls/ssl.h>
#include "tt_emit.h"
#include "tt_source.h"

typedef struct tt_tap tt_tap;

/* What the endpoint was configured to accept: evidence for the failure explanations (a failure's
 * cause is derived from the bytes, the error and these, never from the scenario's intent). */
typedef struct tt_tap_config {
    tt_emitter *em;
    const char *session;      /* copied */
    int is_server;
    uint16_t min_version;     /* 0x0303 / 0x0304 */
    uint16_t max_version;
    const int *suites;        /* 0-terminated list configured on this endpoint, or NULL (defaults) */
    int authmode;             /* MBEDTLS_SSL_VERIFY_* configured on this endpoint */
    int has_own_cert;         /* 1 when this endpoint has a certificate to present */
    FILE *keylog;             /* NSS key log file the user asked for, or NULL (not owned) */
    int timeout_ms;           /* how long the transport waits for the peer (0: no timeout) */
    int transport_closes;     /* the program closes the connection as soon as a handshake fails
                                 (connect, serve: TCP); 0 when the link stays open (the demo) */
} tt_tap_config;

/* Returns a new tap (caller frees with tt_tap_free), or NULL when out of memory. */
tt_tap *tt_tap_new(const tt_tap_config *cfg);
void tt_tap_free(tt_tap *tap);

/* Installs the tap on ssl: the BIO tee around (send, recv) on bio, the verify callback and the
 * export-keys callback. Call after mbedtls_ssl_setup(). */
void tt_tap_attach(tt_tap *tap, mbedtls_ssl_context *ssl, void *bio, mbedtls_ssl_send_t *send,
                   mbedtls_ssl_recv_t *recv);

/* One mbedtls_ssl_handshake_step(), emitting a `state` event when the state changed. Returns what
 * the step returned. */
int tt_tap_step(tt_tap *tap);

/* 1 once the endpoint reached HANDSHAKE_OVER (not merely is_handshake_over: a server still sending
 * TLS 1.3 tickets is in states 28/29, which are above it). */
int tt_tap_finished_stepping(const tt_tap *tap);

/* Ends the handshake from this endpoint's point of view: `negotiated` + `handshake_done` when
 * ret == 0, else `handshake_failed` with the cause. `stalled` says the endpoint was still waiting
 * for bytes its peer will never send (ret is then 0 and ignored). `post_handshake` says the error
 * came from the first read after a handshake Mbed TLS had reported complete. */
void tt_tap_end_handshake(tt_tap *tap, int ret, int stalled, int post_handshake);

/* Bytes the peer had already sent when this endpoint failed while writing (the peer closed: a
 * write fails with a broken pipe before Mbed TLS reads the peer's alert). tlstrace reads them from
 * the socket and reports them like any others, marked as never read by Mbed TLS; a fatal alert
 * among them becomes the failure's evidence. Call before tt_tap_end_handshake. */
void tt_tap_received_after_failure(tt_tap *tap, const uint8_t *p, size_t n);

/* Ends a handshake that the network stopped before TLS could start (the name did not resolve,
 * the connection was refused or timed out): `handshake_failed` with no Mbed TLS error, the given
 * cause and explanation. */
void tt_tap_fail_transport(tt_tap *tap, const char *cause, const char *explanation, tt_src src);

/* Emits `session_end` for this endpoint. `how` says how the connection closed ("close_notify",
 * "failed", "stalled", "eof"). */
void tt_tap_session_end(tt_tap *tap, const char *how);

/* One line about how the handshake ended: handshake_done's summary, or "cause: explanation". */
const char *tt_tap_outcome(const tt_tap *tap);

/* The first fatal alert received (its description), or -1. */
int tt_tap_peer_alert(const tt_tap *tap);
/* 1 for a client that was asked for a certificate and sent an empty one. */
int tt_tap_sent_empty_certificate(const tt_tap *tap);

/* 1 when the handshake succeeded from this endpoint's point of view. */
int tt_tap_ok(const tt_tap *tap);
/* Number of bytes the tracer currently holds for this endpoint (buffers, keys), for `bench`. */
size_t tt_tap_memory(const tt_tap *tap);

/* The one place that reads a private Mbed TLS field: the handshake state (no public getter in 3.6). */
int tt_ssl_state(const mbedtls_ssl_context *ssl);

#endif
