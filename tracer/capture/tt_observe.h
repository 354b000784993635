/* A TLS connection seen on the network: the two byte streams of one TCP connection in, the same
 * events as a traced handshake out (records, handshake messages decoded by the wire parser,
 * alerts, the key exchange, what was negotiated, the outcome), with no Mbed TLS endpoint
 * involved. Neither side was traced, so there are no `state` events; every fact comes from the
 * bytes (and, to decrypt, from an NSS key log), and every conclusion says it was inferred from
 * the wire.
 *
 * Events: each record, message and alert once, with `side` = `from` = its writer and `dir`
 * "sent" (what the network carried from that side); session_start, negotiated, handshake_done /
 * handshake_failed and session_end for each side; cert_verify (with a CA to check against)
 * marked as checked by tlstrace, not by the endpoint. */
#ifndef TT_OBSERVE_H
#define TT_OBSERVE_H

#include <stddef.h>
#include <stdint.h>
#include <mbedtls/x509_crt.h>

#include "tt_emit.h"
#include "tt_keylog.h"
#include "tt_tcp.h"

typedef struct tt_obs tt_obs;

typedef struct tt_obs_config {
    tt_emitter *em;
    const char *session_prefix;   /* sessions are named PREFIX-N, N from *session_counter */
    unsigned *session_counter;    /* incremented when this connection turns out to be TLS */
    const tt_tcp_conn_info *info; /* the connection's endpoints (copied) */
    const char *origin;     /* where the packets come from: "file cap.pcapng", "interface lo" */
    const char *link;       /* the link type's name, e.g. "EN10MB" */
    const uint64_t *now_us; /* the current packet's capture time (µs since the epoch) */
    tt_keylog *keylog;      /* secrets to decrypt with (may be empty), or NULL */
    /* Called when a secret this connection needs is not in the key log: a capture in progress
     * re-reads a key log that grows (a browser writing SSLKEYLOGFILE). May be NULL. */
    void (*reload_keys)(void *ctx);
    void *reload_ctx;
    /* A capture in progress: a record whose secret is not in the key log yet is held (with what
     * follows it in its direction) for up to hold_us, because the endpoint writes the secret at
     * the moment the capture sees the record. `held` is called when the observer starts
     * holding: the caller then calls tt_obs_release until it returns 0. */
    uint64_t hold_us;
    void (*held)(void *ctx, tt_obs *o);
    mbedtls_x509_crt *ca; /* --ca: check the certificate chains from the wire, or NULL */
} tt_obs_config;

/* Returns a new observer (free with tt_obs_free), or NULL when out of memory. Nothing is emitted
 * until the first bytes show that the connection carries TLS. */
tt_obs *tt_obs_new(const tt_obs_config *cfg);

/* In-order bytes of direction dir (0: written by endpoint 0 of the connection). Returns 0, or 1
 * when the connection does not carry TLS (its first bytes are not a TLS record header): the
 * caller stops delivering its bytes, and nothing was emitted. */
int tt_obs_data(tt_obs *o, int dir, const uint8_t *p, size_t n);

/* `missing` bytes of direction dir were not captured. */
void tt_obs_gap(tt_obs *o, int dir, uint64_t missing);

/* The connection ended (`by`: the direction that closed it, or -1): the outcome if it was not
 * decided yet, and session_end for each side. */
void tt_obs_close(tt_obs *o, tt_tcp_close how, int by);

/* Reads again the records held for their secrets: those that the key log can now decrypt, or,
 * with force or after hold_us, as they are. Returns 1 while some are still held. */
int tt_obs_release(tt_obs *o, int force);

/* 1 once the connection was recognised as TLS (its events started). */
int tt_obs_is_tls(const tt_obs *o);
/* 1 when a handshake_failed was emitted. */
int tt_obs_failed(const tt_obs *o);
/* Bytes the observer holds now (buffers, keys). */
size_t tt_obs_memory(const tt_obs *o);

void tt_obs_free(tt_obs *o);

#endif
