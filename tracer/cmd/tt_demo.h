/* The demo engine: a client and a server in one process, joined by two in-memory pipes, both
 * traced, configured from a scenario row and the classroom PKI. */
#ifndef TT_DEMO_H
#define TT_DEMO_H

#include <stddef.h>
#include <stdio.h>
#include "tt_emit.h"
#include "tt_pcapng.h"
#include "tt_scenario.h"

typedef struct tt_demo_env tt_demo_env;

typedef struct tt_demo_opts {
    const tt_scenario *scenario;
    int tls13;              /* 1: TLS 1.3, 0: TLS 1.2 (version-mismatch: the client's version) */
    int mutual;             /* force the server to require a client certificate */
    const char *pki_dir;    /* directory with the classroom PKI, NULL: the copy built into tlstrace */
    const char *seed;       /* fixed DRBG seed for reproducible bytes, NULL: real entropy */
    FILE *keylog;           /* NSS key log the user asked for (the client's secrets), or NULL */
    tt_pcapng_out *pcap;    /* --pcap: each run's bytes as a TCP connection between RFC 5737
                               documentation addresses, or NULL */
    const int *suites;      /* 0-terminated cipher suites for both sides instead of the
                               scenario's (bench --capture), or NULL */
    unsigned pcap_mss;      /* --pcap segment size (0: the writer's default) */
    size_t app_bytes;       /* after a successful handshake, this many bytes of application data
                               (half each way) before close_notify: bench --capture's captures */
    FILE *pcap_keylog;      /* --pcap: the server's secrets, for the capture only (each side
                               knows some secrets before the other: the capture needs the first
                               before the packets it decrypts) */
} tt_demo_opts;

typedef struct tt_demo_result {
    int client_ok, server_ok;
} tt_demo_result;

/* Loads certificates and keys and builds both configurations. Returns a new env (free with
 * tt_demo_env_free), or NULL with a one-line reason in err ("fixtures/pki/server.crt: ..."). */
tt_demo_env *tt_demo_env_new(const tt_demo_opts *o, char *err, size_t errlen);
void tt_demo_env_free(tt_demo_env *env);

/* Runs one handshake (then a short application-data exchange and close_notify when it succeeds).
 * With em != NULL both endpoints are traced into em under `session`; with em == NULL nothing is
 * traced (the bench's baseline). Returns 0 when the run completed (whatever the handshake's
 * outcome, see res), -1 on an internal error (out of memory). */
int tt_demo_handshake(tt_demo_env *env, tt_emitter *em, const char *session, tt_demo_result *res);

/* Bytes the tracer held for one traced connection at its largest, over the runs so far (bench). */
size_t tt_demo_peak_tap_memory(const tt_demo_env *env);

/* The embedded classroom PKI: the content of fixtures/pki/NAME (NUL-terminated), or NULL. */
const char *tt_embedded_pki(const char *name, size_t *len);

#endif
