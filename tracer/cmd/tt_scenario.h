/* The classroom library: each scenario is one row saying how both endpoints are configured and the
 * one sentence it teaches. The engine (tt_demo.c) only reads rows. */
#ifndef TT_SCENARIO_H
#define TT_SCENARIO_H

#include <stddef.h>
#include <stdint.h>
#include "tt_source.h"

enum { TT_TLS12 = 1, TT_TLS13 = 2 };

typedef struct tt_scenario {
    const char *name;
    const char *teaches;        /* one sentence, true in every version the scenario runs in: shown
                                   by --list-scenarios and on the page */
    const char *teaches_tls12;  /* what the scenario shows in TLS 1.2 only, or NULL: added to */
    const char *teaches_tls13;  /* `teaches` in the trace of that version */
    tt_src src;                 /* where the sentences come from */
    int versions;               /* TT_TLS12 | TT_TLS13: the versions the scenario runs in */
    int mutual;                 /* the server requires a client certificate */
    int expect_ok;              /* 1 when the handshake is meant to succeed (tests check the truth) */
    const char *server_cert;    /* PKI file stem the server presents: "server", "expired", ... */
    const char *client_ca;      /* PKI file stem of the root the client trusts */
    int client_has_cert;        /* the client has a certificate to present when asked */
    /* Cipher suites: NULL = Mbed TLS defaults; else 0-terminated per side and version. */
    const int *client_suites12, *server_suites12, *client_suites13, *server_suites13;
    int version_split;          /* client and server accept different single versions */
    const uint16_t *client_groups; /* 0-terminated, NULL = defaults */
    const uint16_t *server_groups;
} tt_scenario;

extern const tt_scenario tt_scenarios[];
extern const size_t tt_scenarios_count;
/* The row named `name`, or NULL. */
const tt_scenario *tt_scenario_find(const char *name);

#endif
