/* The serve engine: a traced Mbed TLS server, one thread and one session per connection, at most
 * max_clients at once (more wait in the listen queue). A session that fails never disturbs the
 * others. Used by `tlstrace serve` and by `tlstrace bench --serve` (untraced with em == NULL). */
#ifndef TT_SERVE_H
#define TT_SERVE_H

#include <stdint.h>
#include <stdio.h>
#include "tt_emit.h"
#include "tt_endpoint.h"
#include "tt_pcapng.h"

typedef struct tt_serve tt_serve;

typedef struct tt_serve_opts {
    const char *host, *port;  /* host "" or NULL: 127.0.0.1; port "0": any free port */
    int max_clients;          /* connections handled at once */
    int timeout_ms;           /* a silent peer is given up after this long */
    int connections;          /* stop after this many connections (0: until tt_serve_stop) */
    FILE *keylog;             /* NSS key log, or NULL */
    tt_pcapng_out *pcap;      /* --pcap: every connection's bytes, or NULL */
    /* Called once per finished connection (from its thread, serialized): the session name, the
     * peer's address, whether the handshake succeeded, and tt_tap_outcome's line (traced) or "". */
    void (*on_done)(void *ctx, const char *session, const char *peer, int ok, const char *outcome);
    void *on_done_ctx;
} tt_serve_opts;

typedef struct tt_serve_stats {
    uint64_t accepted, ok, failed;
    int active, peak_active;
} tt_serve_stats;

/* Listens and starts accepting (em: where events go, NULL for an untraced server; ep: the server
 * endpoint, shared by every connection). bound receives "ADDR:PORT". NULL with a one-line reason
 * in err when it cannot listen. */
tt_serve *tt_serve_start(tt_endpoint *ep, const tt_serve_opts *o, tt_emitter *em, char *bound,
                         size_t boundlen, char *err, size_t errlen);
/* Waits until `connections` were handled, or tt_serve_request_stop was called. */
void tt_serve_wait(tt_serve *s);
/* Asks the server to stop accepting (safe from a signal handler: it only sets a flag). */
void tt_serve_request_stop(tt_serve *s);
/* Stops accepting, waits for the connections in progress, frees. */
void tt_serve_stop(tt_serve *s, tt_serve_stats *stats);

#endif
