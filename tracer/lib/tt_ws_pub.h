/* `--ui ADDR:PORT`: a sink that streams events to a running `tlstrace ui`. */
#ifndef TT_WS_PUB_H
#define TT_WS_PUB_H

#include <stddef.h>
#include <cjson/cJSON.h>

typedef struct tt_ws_pub tt_ws_pub;

/* Connects to the ui server at ADDR:PORT (waits up to 5 s). Returns NULL with a one-line reason
 * in err when it cannot. Free with tt_ws_pub_close. */
tt_ws_pub *tt_ws_pub_new(const char *addr_port, char *err, size_t errlen);
/* The sink (ctx: the tt_ws_pub): queues the event; -1 once the connection is lost. */
int tt_sink_ws_pub(void *ctx, const cJSON *ev, const char *json, size_t len);
/* Sends what is queued (up to timeout_ms), closes, frees. Returns 0 when everything was sent. */
int tt_ws_pub_close(tt_ws_pub *p, int timeout_ms);

#endif
