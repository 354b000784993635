/* `--ui ADDR:PORT`: streams a command's events to a running `tlstrace ui`, which shows them on
 * its page. A websocket client on its own service thread; the sink only queues and wakes it. */
#include "tt_ws_pub.h"
#include "tt_emit.h"

#include <libwebsockets.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_QUEUE (64u << 20) /* bytes waiting to be sent before events are dropped */

typedef struct qmsg {
    struct qmsg *next;
    size_t len;
    unsigned char buf[]; /* LWS_PRE + len */
} qmsg;

struct tt_ws_pub {
    struct lws_context *ctx;
    struct lws *wsi;
    struct lws_protocols protocols[2];
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    qmsg *head, *tail;
    size_t queued;
    int connected, failed, closing, stop;
    unsigned long dropped, sent;
    char error[200];
};

static int callback_pub(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                        size_t len)
{
    tt_ws_pub *p = lws_context_user(lws_get_context(wsi));
    if (!p)
        return 0;
    switch (reason) {
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
        pthread_mutex_lock(&p->lock);
        p->connected = 1;
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
        lws_callback_on_writable(wsi);
        break;
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
        pthread_mutex_lock(&p->lock);
        snprintf(p->error, sizeof(p->error), "%s",
                 in ? (const char *)in : "connection failed");
        p->failed = 1;
        p->wsi = NULL;
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
        break;
    case LWS_CALLBACK_CLIENT_CLOSED:
        pthread_mutex_lock(&p->lock);
        if (!p->closing && !p->failed) {
            snprintf(p->error, sizeof(p->error), "the ui server closed the connection");
            p->failed = 1;
        }
        p->wsi = NULL;
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
        break;
    case LWS_CALLBACK_CLIENT_RECEIVE:
        /* The server answers only on errors: report them once. */
        if (len > 15 && !strncmp(in, "{\"kind\":\"error\"", 15))
            fprintf(stderr, "tlstrace: ui server: %.*s\n", (int)(len > 300 ? 300 : len),
                    (const char *)in);
        break;
    case LWS_CALLBACK_CLIENT_WRITEABLE: {
        pthread_mutex_lock(&p->lock);
        qmsg *m = p->head;
        if (m) {
            p->head = m->next;
            if (!p->head)
                p->tail = NULL;
            p->queued -= m->len;
        }
        int closing = p->closing && !p->head;
        pthread_mutex_unlock(&p->lock);
        if (m) {
            int n = lws_write(wsi, m->buf + LWS_PRE, m->len, LWS_WRITE_TEXT);
            free(m);
            if (n < 0)
                return -1;
            pthread_mutex_lock(&p->lock);
            p->sent++;
            pthread_cond_broadcast(&p->cond);
            pthread_mutex_unlock(&p->lock);
            lws_callback_on_writable(wsi);
        } else if (closing) {
            lws_close_reason(wsi, LWS_CLOSE_STATUS_NORMAL, NULL, 0);
            return -1;
        }
        break;
    }
    case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
        if (p->wsi && p->connected)
            lws_callback_on_writable(p->wsi);
        break;
    default:
        break;
    }
    return 0;
}

static void *service(void *arg)
{
    tt_ws_pub *p = arg;
    while (!p->stop)
        if (lws_service(p->ctx, 0) < 0)
            break;
    return NULL;
}

tt_ws_pub *tt_ws_pub_new(const char *addr_port, char *err, size_t errlen)
{
    char host[256];
    const char *colon = strrchr(addr_port, ':');
    char *end;
    long port = colon ? strtol(colon + 1, &end, 10) : -1;
    if (!colon || colon == addr_port || !colon[1] || *end || port < 1 || port > 65535 ||
        (size_t)(colon - addr_port) >= sizeof(host)) {
        snprintf(err, errlen, "--ui wants ADDR:PORT of a running 'tlstrace ui', not '%s'",
                 addr_port);
        return NULL;
    }
    memcpy(host, addr_port, (size_t)(colon - addr_port));
    host[colon - addr_port] = '\0';

    tt_ws_pub *p = calloc(1, sizeof(*p));
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->cond, NULL);
    p->protocols[0].name = "tlstrace-publish-v1";
    p->protocols[0].callback = callback_pub;
    p->protocols[0].rx_buffer_size = 4096;

    struct lws_context_creation_info info;
    memset(&info, 0, sizeof(info));
    info.port = CONTEXT_PORT_NO_LISTEN;
    info.protocols = p->protocols;
    info.user = p;
    lws_set_log_level(LLL_ERR, NULL);
    p->ctx = lws_create_context(&info);
    if (!p->ctx) {
        snprintf(err, errlen, "cannot create a websocket client");
        free(p);
        return NULL;
    }
    struct lws_client_connect_info ci;
    memset(&ci, 0, sizeof(ci));
    ci.context = p->ctx;
    ci.address = host;
    ci.port = (int)port;
    ci.path = "/events";
    ci.host = host;
    ci.protocol = "tlstrace-publish-v1";
    ci.pwsi = &p->wsi;
    if (!lws_client_connect_via_info(&ci)) {
        snprintf(err, errlen, "--ui %s: cannot connect", addr_port);
        lws_context_destroy(p->ctx);
        free(p);
        return NULL;
    }
    pthread_create(&p->thread, NULL, service, p);

    /* Wait (up to 5 s) for the connection, so a wrong --ui is an input error before any run. */
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 5;
    pthread_mutex_lock(&p->lock);
    while (!p->connected && !p->failed)
        if (pthread_cond_timedwait(&p->cond, &p->lock, &until) != 0)
            break;
    int ok = p->connected && !p->failed;
    if (!ok)
        snprintf(err, errlen, "--ui %s: cannot reach a 'tlstrace ui' there (%s)", addr_port,
                 p->error[0] ? p->error : "timed out");
    pthread_mutex_unlock(&p->lock);
    if (!ok) {
        tt_ws_pub_close(p, 0);
        return NULL;
    }
    return p;
}

int tt_sink_ws_pub(void *ctx, const cJSON *ev, const char *json, size_t jlen)
{
    tt_ws_pub *p = ctx;
    static const char head[] = "{\"cmd\":\"publish\",\"event\":";
    size_t hl = sizeof(head) - 1, len = hl + jlen + 1;
    (void)ev;
    qmsg *m = malloc(sizeof(*m) + LWS_PRE + len);
    if (!m)
        return -1;
    m->next = NULL;
    m->len = len;
    memcpy(m->buf + LWS_PRE, head, hl);
    memcpy(m->buf + LWS_PRE + hl, json, jlen);
    m->buf[LWS_PRE + len - 1] = '}';
    pthread_mutex_lock(&p->lock);
    int failed = p->failed;
    if (failed || p->queued + len > MAX_QUEUE) {
        p->dropped++;
        free(m);
    } else {
        if (p->tail)
            p->tail->next = m;
        else
            p->head = m;
        p->tail = m;
        p->queued += len;
    }
    pthread_mutex_unlock(&p->lock);
    lws_cancel_service(p->ctx);
    return failed ? -1 : 0;
}

int tt_ws_pub_close(tt_ws_pub *p, int timeout_ms)
{
    if (!p)
        return 0;
    pthread_mutex_lock(&p->lock);
    p->closing = 1;
    pthread_mutex_unlock(&p->lock);
    lws_cancel_service(p->ctx);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&p->lock);
    while (p->wsi && !p->failed && (p->head || p->connected))
        if (pthread_cond_timedwait(&p->cond, &p->lock, &until) != 0)
            break;
    int rc = p->failed || p->head || p->dropped ? -1 : 0;
    pthread_mutex_unlock(&p->lock);
    p->stop = 1;
    lws_cancel_service(p->ctx);
    pthread_join(p->thread, NULL);
    lws_context_destroy(p->ctx);
    while (p->head) {
        qmsg *n = p->head->next;
        free(p->head);
        p->head = n;
    }
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->cond);
    free(p);
    return rc;
}
