/* The terminal timeline: a sink that prints events as two columns, client | server. */
#ifndef TT_TEXT_H
#define TT_TEXT_H

#include <stddef.h>
#include <stdio.h>
#include <cjson/cJSON.h>

typedef struct tt_text_sink {
    FILE *f;
    int width;            /* total line width (default 100) */
    char session[64];     /* the session whose sides are counted below */
    int sides_seen;       /* bit 1 client, bit 2 server: with both traced, only "sent" messages
                             are drawn as arrows (each message once) */
    int verbose;          /* also print records and secrets */
} tt_text_sink;

int tt_sink_text(void *ctx, const cJSON *ev, const char *json, size_t len);

#endif
