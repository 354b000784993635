/* The live server of `tlstrace ui`: serves web/ over HTTP, streams events to every viewer on a
 * websocket, and runs scenarios the page asks for (validated, rate-limited, off the websocket
 * thread). Protocol: web/README.md. */
#ifndef TT_WS_H
#define TT_WS_H

#include <stddef.h>

typedef struct tt_ws tt_ws;

typedef struct tt_ws_opts {
    const char *iface;          /* address to bind, e.g. "127.0.0.1" */
    int port;                   /* 0: any free port (see tt_ws_port) */
    const char *web_dir;        /* the page's static files */
    const char *fixtures_dir;   /* recorded traces offered by the page, or NULL */
    const char *const *origins; /* extra allowed websocket Origins, NULL-terminated, or NULL */
    size_t history_bytes;       /* bound of the replay history (0: default 16 MiB) */
    int quiet;                  /* no per-connection log lines on stderr */
} tt_ws_opts;

/* Creates the server and binds; returns NULL with a one-line reason in err. */
tt_ws *tt_ws_new(const tt_ws_opts *o, char *err, size_t errlen);
/* The bound port (useful with port 0). */
int tt_ws_port(const tt_ws *s);
/* Serves until tt_ws_stop() is called (from a signal handler or another thread). */
int tt_ws_run(tt_ws *s);
void tt_ws_stop(tt_ws *s);
void tt_ws_free(tt_ws *s);

/* POST /capture (tt_ws_capture.c): a capture file converted by tlstrace capture's code. */
#define TT_WS_CAPTURE "tlstrace-capture"
#define TT_WS_CAPTURE_MAX_UPLOAD (64u << 20) /* bytes of capture accepted */
struct lws;
enum lws_callback_reasons;
/* The HTTP callback of /capture, and the size of its per-request data. */
int tt_ws_capture_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user,
                           void *in, size_t len);
size_t tt_ws_capture_pss_size(void);
/* 1 when the request comes from one of this server's own pages (or no browser at all): the
 * Origin check of the event stream. */
int tt_ws_same_origin(struct lws *wsi);



#endif
