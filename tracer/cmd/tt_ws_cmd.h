/* What `tlstrace ui` does with one websocket message (web/README.md): a page's command (list,
 * run) or a producer's event (publish), decided by a pure function over the message's text, with
 * no libwebsockets, thread or clock, so that unit tests and fuzzers (tests/fuzz/fuzz_ws_cmd.c,
 * fuzz_publish.c) reach it directly. The server (tt_ws.c) adds what needs state: the rate limits,
 * the run queue and the history. */
#ifndef TT_WS_CMD_H
#define TT_WS_CMD_H

#include <stddef.h>

#include "tt_emit.h"
#include "tt_scenario.h"

#define TT_WS_PROTOCOL "tlstrace-v1"        /* viewers: the page */
#define TT_WS_PUBLISH "tlstrace-publish-v1" /* producers: `--ui` of another tlstrace */
#define TT_WS_MAX_COMMAND 4096              /* a page's command is small */
#define TT_WS_MAX_PUBLISH (256 * 1024)      /* one event from a producer */
#define TT_WS_MAX_SESSION 100               /* bytes of a published session id, before renaming */

typedef enum tt_ws_cmd_kind {
    TT_WS_CMD_ERROR,   /* reply `error` and do nothing else */
    TT_WS_CMD_LIST,    /* reply with the scenario list */
    TT_WS_CMD_RUN,     /* queue a run of `scenario` */
    TT_WS_CMD_PUBLISH, /* append `event` to the history */
} tt_ws_cmd_kind;

typedef struct tt_ws_cmd {
    tt_ws_cmd_kind kind;
    int rate_limited;            /* counts against the sender's command rate: everything but a
                                  * producer's publish (bounded by size and the history instead) */
    char error[300];             /* ERROR: the one-line reply */
    const tt_scenario *scenario; /* RUN: a row of tt_scenarios that offers the version asked */
    int tls13, mutual;           /* RUN */
    tt_buf event;                /* PUBLISH: the event's JSON as viewers receive it (its session
                                  * renamed SESSION@pN); owned, see tt_ws_cmd_free */
    char session[TT_WS_MAX_SESSION + 16]; /* PUBLISH: the renamed session */
} tt_ws_cmd;

/* Decides what to do with one text message of len bytes from a viewer (is_producer 0) or from
 * producer number `producer` (is_producer 1). A message is parsed as strictly as a trace line
 * (tt_json_parse_strict); a published event must pass `tlstrace validate`'s schema check
 * (tt_validate_schema), carry none of its envelope keys twice, and be at most TT_WS_MAX_PUBLISH
 * bytes; other commands at most TT_WS_MAX_COMMAND. Fills *out; free it with tt_ws_cmd_free. */
void tt_ws_cmd_parse(const char *text, size_t len, int is_producer, unsigned producer,
                     tt_ws_cmd *out);
/* Frees what tt_ws_cmd_parse allocated in c (not c itself). */
void tt_ws_cmd_free(tt_ws_cmd *c);

#endif
