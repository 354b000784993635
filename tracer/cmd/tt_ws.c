/* tlstrace ui's server, shaped like a libwebsockets minimal example: one vhost, two mounts (the
 * page and the recorded traces), one websocket protocol ("tlstrace-v1") whose callback is below.
 *
 * Flow: producers (the runner thread, `--ui` publishers) append events to `incoming` under a lock
 * and wake the service thread with lws_cancel_service(); the service thread moves them into the
 * shared history, and each viewer sends from its own cursor into that history. A slow viewer only
 * falls behind: nobody waits for it. When the history has moved past a viewer's cursor (its
 * backlog overflowed), it gets a "gap" notice and continues from the oldest session still held,
 * so it receives the sessions it missed again. Memory is bounded by the history's budget. */
#define _DEFAULT_SOURCE /* realpath */
#include "tt_ws.h"
#include "tt_ws_cmd.h"
#include "tt_demo.h"
#include "tt_emit.h"
#include "tt_arena.h"
#include "tt_scenario.h"

#include <libwebsockets.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>

#define MAX_CONTROL 8             /* replies waiting for one viewer; more are dropped */
#define MAX_QUEUED_RUNS 4
#define DEFAULT_HISTORY (16u << 20)
#define MAX_HISTORY_MSGS 100000

/* One message as it goes on the wire, shared by every viewer (refcounted, LWS_PRE headroom). */
typedef struct msg {
    int refs;
    uint64_t id;          /* position in the history */
    size_t len;
    int is_error;         /* {"kind":"error"}: a viewer's full reply queue still takes it */
    char session[160];    /* for session-wise eviction; "" for non-event messages */
    unsigned char buf[];  /* LWS_PRE + len */
} msg;

typedef struct run_req {
    const tt_scenario *sc;
    int tls13, mutual;
} run_req;

/* Per viewer (created when a websocket is established). */
typedef struct per_session_data__tt {
    uint64_t cursor;                 /* id of the next history message to send */
    msg *control[MAX_CONTROL];       /* replies to this viewer, sent before history */
    int ncontrol;
    char *rx;                        /* command being received (fragments) */
    size_t rx_len;
    int rx_too_big;
    double tokens;                   /* command rate limit (token bucket) */
    double run_tokens;               /* run rate limit */
    double last_refill;
    unsigned producer;               /* id used to keep published sessions apart */
    int is_viewer;                   /* 1 while connected (viewer or producer) */
    int is_producer;                 /* a producer is sent no history and may only publish */
} per_session_data__tt;

/* The file operations behind the mounts: the platform's, except that open() refuses a file whose
 * real path leaves the served directories (a symbolic link in --web to /etc/passwd). lws hands
 * `ops` back to open(), which finds the rest from it. */
typedef struct guarded_fops {
    struct lws_plat_file_ops ops; /* first member */
    const struct lws_plat_file_ops *platform;
    struct tt_ws *s;
} guarded_fops;

struct tt_ws {
    tt_ws_opts o;
    struct lws_context *ctx;
    struct lws_protocols protocols[5];
    struct lws_http_mount mount_web, mount_fixtures, mount_capture;
    char web_origin[1024], fixtures_origin[1024];
    char web_real[PATH_MAX], fixtures_real[PATH_MAX]; /* realpath() of each; "" when none */
    guarded_fops fops;
    volatile int stop;
    int port;

    /* Service-thread state. */
    msg **hist;              /* ring of history messages */
    size_t hist_cap, hist_head, hist_count;
    uint64_t next_id;        /* id of the next message appended */
    size_t hist_bytes;
    tt_buf batch;            /* scratch for one "events" frame (service thread only) */
    char last_evicted[160];  /* session of the last message evicted: may be partly gone */
    unsigned next_producer;
    const struct lws_protocols *viewer_proto; /* the vhost's copy of protocols[1] */
    int viewers;

    /* Shared with producer threads. */
    pthread_mutex_t lock;
    msg **incoming;
    size_t n_incoming, cap_incoming;

    /* Runner thread. */
    pthread_t runner;
    int runner_started;
    pthread_cond_t run_cond;
    run_req runs[MAX_QUEUED_RUNS];
    int nruns;
    unsigned run_serial;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void logf_(tt_ws *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(tt_ws *s, const char *fmt, ...)
{
    if (s->o.quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "tlstrace ui: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static msg *msg_new(const char *text, size_t len, const char *session)
{
    msg *m = malloc(sizeof(*m) + LWS_PRE + len);
    if (!m)
        return NULL;
    m->refs = 1;
    m->is_error = 0;
    m->id = 0;
    m->len = len;
    snprintf(m->session, sizeof(m->session), "%s", session ? session : "");
    memcpy(m->buf + LWS_PRE, text, len);
    return m;
}

static void msg_unref(msg *m)
{
    if (m && --m->refs == 0)
        free(m);
}

/* A message made from a cJSON object (serialized once). */
static msg *msg_json(cJSON *o, const char *session)
{
    char *text = cJSON_PrintUnformatted(o);
    if (!text)
        return NULL;
    msg *m = msg_new(text, strlen(text), session);
    cJSON_free(text);
    return m;
}

static msg *msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static msg *msg_error(const char *fmt, ...)
{
    char line[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", "error");
    cJSON_AddStringToObject(o, "error", line);
    msg *m = msg_json(o, NULL);
    cJSON_Delete(o);
    if (m)
        m->is_error = 1;
    return m;
}

/* {"kind": kind, ["protocol": 1,] "scenarios": [{name, teaches, tls: [...]}]}: the hello and the
 * answer to "list". */
static msg *scenarios_msg(const char *kind, int with_protocol)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", kind);
    if (with_protocol)
        cJSON_AddNumberToObject(o, "protocol", 1);
    cJSON *a = cJSON_AddArrayToObject(o, "scenarios");
    for (size_t i = 0; i < tt_scenarios_count; i++) {
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "name", tt_scenarios[i].name);
        cJSON_AddStringToObject(r, "teaches", tt_scenarios[i].teaches);
        cJSON *t = cJSON_AddArrayToObject(r, "tls");
        if (tt_scenarios[i].versions & TT_TLS12)
            cJSON_AddItemToArray(t, cJSON_CreateString("1.2"));
        if (tt_scenarios[i].versions & TT_TLS13)
            cJSON_AddItemToArray(t, cJSON_CreateString("1.3"));
        cJSON_AddItemToArray(a, r);
    }
    msg *m = msg_json(o, NULL);
    cJSON_Delete(o);
    return m;
}

/* ---------- producers (any thread) ---------- */

static void enqueue_incoming(tt_ws *s, msg *m)
{
    if (!m)
        return;
    pthread_mutex_lock(&s->lock);
    if (s->n_incoming == s->cap_incoming) {
        size_t cap = s->cap_incoming ? 2 * s->cap_incoming : 256;
        msg **n = realloc(s->incoming, cap * sizeof(*n));
        if (!n) {
            pthread_mutex_unlock(&s->lock);
            msg_unref(m);
            return;
        }
        s->incoming = n;
        s->cap_incoming = cap;
    }
    /* Wake the service thread only when the queue was empty: it drains everything queued at
     * once, so events that arrive while it is busy writing go out together, batched. */
    int wake = s->n_incoming++ == 0;
    s->incoming[s->n_incoming - 1] = m;
    pthread_mutex_unlock(&s->lock);
    if (wake && s->ctx)
        lws_cancel_service(s->ctx);
}

/* {"kind":"event","event":<json>} around an already serialized event. */
static const char event_head[] = "{\"kind\":\"event\",\"event\":";
#define EVENT_HEAD_LEN (sizeof(event_head) - 1)
#define MAX_BATCH_BYTES (256 * 1024)
#define MAX_BATCH_EVENTS 512

static msg *event_msg_text(const char *json, size_t len, const char *session)
{
    const char *head = event_head;
    size_t hl = EVENT_HEAD_LEN;
    msg *m = malloc(sizeof(*m) + LWS_PRE + hl + len + 1);
    if (!m)
        return NULL;
    m->refs = 1;
    m->is_error = 0;
    m->id = 0;
    m->len = hl + len + 1;
    snprintf(m->session, sizeof(m->session), "%s", session ? session : "?");
    memcpy(m->buf + LWS_PRE, head, hl);
    memcpy(m->buf + LWS_PRE + hl, json, len);
    m->buf[LWS_PRE + hl + len] = '}';
    return m;
}

/* ---------- history (service thread) ---------- */

static msg *hist_at(tt_ws *s, uint64_t id)
{
    uint64_t first = s->next_id - s->hist_count;
    if (id < first || id >= s->next_id)
        return NULL;
    return s->hist[(s->hist_head + (size_t)(id - first)) % s->hist_cap];
}

static void hist_drop_front(tt_ws *s)
{
    msg *m = s->hist[s->hist_head];
    snprintf(s->last_evicted, sizeof(s->last_evicted), "%s", m->session);
    s->hist_bytes -= m->len;
    msg_unref(m);
    s->hist_head = (s->hist_head + 1) % s->hist_cap;
    s->hist_count--;
}

static void hist_append(tt_ws *s, msg *m)
{
    if (s->hist_count == s->hist_cap) {
        /* grow up to the message bound, then the oldest session goes */
        if (s->hist_cap < MAX_HISTORY_MSGS) {
            size_t cap = s->hist_cap ? s->hist_cap * 2 : 1024;
            msg **n = malloc(cap * sizeof(*n));
            if (n) {
                for (size_t i = 0; i < s->hist_count; i++)
                    n[i] = s->hist[(s->hist_head + i) % s->hist_cap];
                free(s->hist);
                s->hist = n;
                s->hist_cap = cap;
                s->hist_head = 0;
            }
        }
        if (s->hist_count == s->hist_cap)
            hist_drop_front(s);
    }
    m->id = s->next_id++;
    s->hist[(s->hist_head + s->hist_count) % s->hist_cap] = m;
    s->hist_count++;
    s->hist_bytes += m->len;
    /* Over budget: drop the oldest messages, and the rest of the session they belong to, so the
     * history only ever holds whole sessions for late joiners (but the newest). */
    size_t budget = s->o.history_bytes ? s->o.history_bytes : DEFAULT_HISTORY;
    while (s->hist_bytes > budget && s->hist_count > 1) {
        char victim[160];
        snprintf(victim, sizeof(victim), "%s", s->hist[s->hist_head]->session);
        hist_drop_front(s);
        while (s->hist_count > 1 && victim[0] &&
               strcmp(s->hist[s->hist_head]->session, victim) == 0)
            hist_drop_front(s);
    }
}

/* The id of the first message of the oldest session that is whole in the history. */
static uint64_t first_whole_session(tt_ws *s)
{
    uint64_t first = s->next_id - s->hist_count;
    msg *m = hist_at(s, first);
    if (!m || !m->session[0] || strcmp(m->session, s->last_evicted) != 0)
        return first;
    /* The front session lost its beginning to eviction: skip it. */
    uint64_t id = first;
    while (id < s->next_id && strcmp(hist_at(s, id)->session, m->session) == 0)
        id++;
    return id < s->next_id ? id : first;
}

/* Asks every viewer to send what the history has for it. */
static void wake_viewers(tt_ws *s)
{
    if (!s->viewer_proto) {
        struct lws_vhost *vh = lws_get_vhost_by_name(s->ctx, "default");
        s->viewer_proto = vh ? lws_vhost_name_to_protocol(vh, TT_WS_PROTOCOL) : NULL;
    }
    lws_callback_on_writable_all_protocol(s->ctx, s->viewer_proto ? s->viewer_proto
                                                                   : &s->protocols[1]);
}

static void drain_incoming(tt_ws *s)
{
    pthread_mutex_lock(&s->lock);
    msg **in = s->incoming;
    size_t n = s->n_incoming;
    s->incoming = NULL;
    s->n_incoming = s->cap_incoming = 0;
    pthread_mutex_unlock(&s->lock);
    for (size_t i = 0; i < n; i++)
        hist_append(s, in[i]);
    free(in);
    if (n)
        wake_viewers(s);
}

/* ---------- the runner thread: scenarios the page asked for ---------- */

static int sink_publish(void *ctx, const cJSON *ev, const char *json, size_t len)
{
    const cJSON *sess = cJSON_GetObjectItemCaseSensitive(ev, "session");
    enqueue_incoming(ctx, event_msg_text(json, len, cJSON_IsString(sess) ? sess->valuestring : "?"));
    return 0;
}

static void publish_run_status(tt_ws *s, const char *status, const run_req *r, const char *session,
                               const char *error)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", "run");
    cJSON_AddStringToObject(o, "status", status);
    cJSON_AddStringToObject(o, "scenario", r->sc->name);
    cJSON_AddStringToObject(o, "tls", r->tls13 ? "1.3" : "1.2");
    cJSON_AddBoolToObject(o, "mutual", r->mutual || r->sc->mutual);
    cJSON_AddStringToObject(o, "session", session);
    if (error)
        cJSON_AddStringToObject(o, "error", error);
    enqueue_incoming(s, msg_json(o, NULL));
    cJSON_Delete(o);
}

static void *runner_main(void *arg)
{
    tt_ws *s = arg;
    tt_emitter em;
    tt_emitter_init(&em);
    tt_emitter_add_sink(&em, sink_publish, s);
    pthread_mutex_lock(&s->lock);
    while (!s->stop) {
        if (s->nruns == 0) {
            pthread_cond_wait(&s->run_cond, &s->lock);
            continue;
        }
        run_req r = s->runs[0];
        memmove(s->runs, s->runs + 1, (size_t)(s->nruns - 1) * sizeof(s->runs[0]));
        s->nruns--;
        unsigned serial = ++s->run_serial;
        pthread_mutex_unlock(&s->lock);

        char session[96], err[512];
        snprintf(session, sizeof(session), "run%u-%s-tls%s%s", serial, r.sc->name,
                 r.tls13 ? "1.3" : "1.2", r.mutual && !r.sc->mutual ? "-mutual" : "");
        publish_run_status(s, "started", &r, session, NULL);
        tt_demo_opts o = {.scenario = r.sc, .tls13 = r.tls13, .mutual = r.mutual};
        tt_demo_env *env = tt_demo_env_new(&o, err, sizeof(err));
        if (!env) {
            publish_run_status(s, "finished", &r, session, err);
        } else {
            tt_demo_result res;
            tt_demo_handshake(env, &em, session, &res);
            tt_demo_env_free(env);
            publish_run_status(s, "finished", &r, session, NULL);
        }
        pthread_mutex_lock(&s->lock);
    }
    pthread_mutex_unlock(&s->lock);
    tt_emitter_destroy(&em);
    tt_arena_release();
    return NULL;
}

/* ---------- commands from viewers ---------- */

static void reply(per_session_data__tt *pss, struct lws *wsi, msg *m)
{
    if (!m)
        return;
    if (pss->ncontrol == MAX_CONTROL) {
        /* A flood: further replies are dropped, but an error (say, "too many commands") takes
         * the last place, so that the viewer learns why it is not answered. */
        if (m->is_error) {
            msg_unref(pss->control[MAX_CONTROL - 1]);
            pss->control[MAX_CONTROL - 1] = m;
            lws_callback_on_writable(wsi);
        } else {
            msg_unref(m);
        }
        return;
    }
    pss->control[pss->ncontrol++] = m;
    lws_callback_on_writable(wsi);
}

static void refill(per_session_data__tt *pss)
{
    double t = now_s(), dt = t - pss->last_refill;
    pss->last_refill = t;
    pss->tokens += dt * 20.0; /* 20 commands/s sustained, bursts of 40 */
    if (pss->tokens > 40)
        pss->tokens = 40;
    pss->run_tokens += dt * 1.0; /* 1 run/s sustained, bursts of 3 */
    if (pss->run_tokens > 3)
        pss->run_tokens = 3;
}

static void on_command(tt_ws *s, per_session_data__tt *pss, struct lws *wsi, const char *text,
                       size_t len)
{
    tt_ws_cmd c;
    tt_ws_cmd_parse(text, len, pss->is_producer, pss->producer, &c);
    /* Commands are rate-limited; a producer's events (publish) are bounded by size and by the
     * history budget instead. */
    if (c.rate_limited) {
        refill(pss);
        if (pss->tokens < 1) {
            reply(pss, wsi, msg_error("too many commands: slow down"));
            tt_ws_cmd_free(&c);
            return;
        }
        pss->tokens -= 1;
    }
    switch (c.kind) {
    case TT_WS_CMD_ERROR:
        reply(pss, wsi, msg_error("%s", c.error));
        break;
    case TT_WS_CMD_PUBLISH: {
        msg *m = event_msg_text(c.event.p, c.event.len, c.session);
        if (m) {
            /* Already on the service thread: straight into the history. */
            hist_append(s, m);
            wake_viewers(s);
        }
        break;
    }
    case TT_WS_CMD_LIST:
        reply(pss, wsi, scenarios_msg("scenarios", 0));
        break;
    case TT_WS_CMD_RUN:
        if (pss->run_tokens < 1) {
            reply(pss, wsi, msg_error("too many runs: wait a moment"));
        } else {
            pthread_mutex_lock(&s->lock);
            int queued = s->nruns < MAX_QUEUED_RUNS;
            if (queued) {
                s->runs[s->nruns++] = (run_req){c.scenario, c.tls13, c.mutual};
                pthread_cond_signal(&s->run_cond);
            }
            pthread_mutex_unlock(&s->lock);
            if (queued)
                pss->run_tokens -= 1;
            else
                reply(pss, wsi, msg_error("busy: %d runs are already queued", MAX_QUEUED_RUNS));
        }
        break;
    }
    tt_ws_cmd_free(&c);
}

/* ---------- the protocol callback ---------- */

/* Whether a Host header names this machine by address (an IP literal, or localhost), not by a
 * DNS name. A page served under a name could be another site's: its name re-pointed at this
 * machine (DNS rebinding) makes Origin and Host agree. Names must be allowed by --allow-origin. */
static int host_is_address(const char *host)
{
    char name[256];
    unsigned char bin[16];
    if (host[0] == '[') {
        const char *end = strchr(host, ']');
        if (!end || (size_t)(end - host - 1) >= sizeof(name))
            return 0;
        memcpy(name, host + 1, (size_t)(end - host - 1));
        name[end - host - 1] = '\0';
        return inet_pton(AF_INET6, name, bin) == 1;
    }
    snprintf(name, sizeof(name), "%s", host);
    char *colon = strrchr(name, ':');
    if (colon)
        *colon = '\0';
    return inet_pton(AF_INET, name, bin) == 1 || !strcasecmp(name, "localhost");
}

static int origin_allowed(tt_ws *s, struct lws *wsi)
{
    char origin[256], host[256], expect[300];
    int olen = lws_hdr_total_length(wsi, WSI_TOKEN_ORIGIN);
    if (olen <= 0)
        return 1; /* not a browser: the Origin check protects pages from other sites */
    if (olen >= (int)sizeof(origin) || lws_hdr_copy(wsi, origin, sizeof(origin), WSI_TOKEN_ORIGIN) < 0)
        return 0;
    if (lws_hdr_copy(wsi, host, sizeof(host), WSI_TOKEN_HOST) > 0 && host_is_address(host)) {
        snprintf(expect, sizeof(expect), "http://%s", host);
        if (!strcmp(origin, expect))
            return 1;
    }
    for (const char *const *o = s->o.origins; o && *o; o++)
        if (!strcmp(origin, *o))
            return 1;
    return 0;
}

int tt_ws_same_origin(struct lws *wsi)
{
    return origin_allowed(lws_context_user(lws_get_context(wsi)), wsi);
}

/* Whether `path` (a real path) is `root` (a real path) or inside it. */
static int path_within(const char *root, const char *path)
{
    size_t n = strlen(root);
    return n && !strncmp(path, root, n) && (path[n] == '/' || path[n] == '\0' || root[n - 1] == '/');
}

static lws_fop_fd_t guarded_open(const struct lws_plat_file_ops *fops, const char *filename,
                                 const char *vpath, lws_fop_flags_t *flags)
{
    const guarded_fops *g = (const guarded_fops *)fops;
    char real[PATH_MAX];
    if (!realpath(filename, real))
        return NULL; /* errno says why: a 404 */
    if (!path_within(g->s->web_real, real) && !path_within(g->s->fixtures_real, real)) {
        logf_(g->s, "refused %s: its real path leaves the served directories", filename);
        errno = EACCES;
        return NULL;
    }
    /* The resolved path: a link swapped after the check is not followed. */
    return g->platform->LWS_FOP_OPEN(fops, real, vpath, flags);
}

/* The HTTP side (the mounts), and a websocket upgrade that named no subprotocol, which lws binds
 * here: refused, as the page and producers always name theirs (web/README.md). */
static int callback_http(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                         size_t len)
{
    if (reason == LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION) {
        logf_(lws_context_user(lws_get_context(wsi)),
              "refused a websocket without a subprotocol (" TT_WS_PROTOCOL " or " TT_WS_PUBLISH
              ")");
        return -1;
    }
    return lws_callback_http_dummy(wsi, reason, user, in, len);
}

static int send_msg(struct lws *wsi, msg *m)
{
    int n = lws_write(wsi, m->buf + LWS_PRE, m->len, LWS_WRITE_TEXT);
    return n < (int)m->len ? -1 : 0;
}

static int callback_tt(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                       size_t len)
{
    per_session_data__tt *pss = user;
    tt_ws *s = lws_context_user(lws_get_context(wsi));

    switch (reason) {
    case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
        if (s)
            drain_incoming(s);
        break;

    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
        if (!origin_allowed(s, wsi)) {
            logf_(s, "refused a websocket from another origin");
            return -1;
        }
        break;

    case LWS_CALLBACK_ESTABLISHED:
        memset(pss, 0, sizeof(*pss));
        pss->is_viewer = 1;
        pss->is_producer = !strcmp(lws_get_protocol(wsi)->name, TT_WS_PUBLISH);
        pss->producer = ++s->next_producer;
        pss->tokens = 40;
        pss->run_tokens = 3;
        pss->last_refill = now_s();
        if (pss->is_producer) {
            pss->cursor = UINT64_MAX; /* sends only replies to errors */
            break;
        }
        /* A late joiner gets the recent sessions: start at the oldest whole one held. */
        pss->cursor = first_whole_session(s);
        s->viewers++;
        reply(pss, wsi, scenarios_msg("hello", 1));
        break;

    case LWS_CALLBACK_CLOSED:
        if (pss->is_viewer) {
            for (int i = 0; i < pss->ncontrol; i++)
                msg_unref(pss->control[i]);
            free(pss->rx);
            pss->is_viewer = 0;
            if (!pss->is_producer)
                s->viewers--;
        }
        break;

    case LWS_CALLBACK_SERVER_WRITEABLE: {
        if (pss->ncontrol) {
            msg *m = pss->control[0];
            memmove(pss->control, pss->control + 1, (size_t)(pss->ncontrol - 1) * sizeof(msg *));
            pss->ncontrol--;
            int r = send_msg(wsi, m);
            msg_unref(m);
            if (r)
                return -1;
            lws_callback_on_writable(wsi);
            break;
        }
        if (pss->is_producer)
            break;
        uint64_t first = s->next_id - s->hist_count;
        if (pss->cursor < first) {
            /* The history moved past this viewer: it missed messages. */
            uint64_t resume = first_whole_session(s);
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "kind", "gap");
            cJSON_AddNumberToObject(o, "missed", (double)(first - pss->cursor));
            cJSON_AddStringToObject(o, "resume", "the oldest session still held is sent again");
            msg *g = msg_json(o, NULL);
            cJSON_Delete(o);
            pss->cursor = resume;
            if (g) {
                int r = send_msg(wsi, g);
                msg_unref(g);
                if (r)
                    return -1;
            }
            lws_callback_on_writable(wsi);
            break;
        }
        /* Consecutive events go out as one frame, {"kind":"events","events":[...]}: with many
         * viewers, one write per event per viewer is what made them wait. Other messages (run
         * status) go out alone, in order. A viewer that stops reading stops here. */
        if (pss->cursor >= s->next_id)
            break; /* nothing new for this viewer */
        uint64_t c = pss->cursor;
        size_t n = 0, bytes = 0;
        while (c < s->next_id && n < MAX_BATCH_EVENTS) {
            msg *m = hist_at(s, c);
            if (!m || !m->session[0] || (n && bytes + m->len > MAX_BATCH_BYTES))
                break;
            bytes += m->len;
            n++;
            c++;
        }
        if (n <= 1) {
            msg *m = hist_at(s, pss->cursor);
            if (!m || send_msg(wsi, m))
                return -1;
            pss->cursor++;
        } else {
            static const char head[] = "{\"kind\":\"events\",\"events\":[";
            tt_buf *b = &s->batch;
            b->len = 0;
            if (tt_buf_reserve(b, LWS_PRE + sizeof(head) + bytes + 2) != 0)
                return -1;
            b->len = LWS_PRE;
            memcpy(b->p + b->len, head, sizeof(head) - 1);
            b->len += sizeof(head) - 1;
            for (uint64_t id = pss->cursor; id < c; id++) {
                msg *m = hist_at(s, id);
                size_t jl = m->len - EVENT_HEAD_LEN - 1; /* the event without the wrapper */
                if (id != pss->cursor)
                    b->p[b->len++] = ',';
                memcpy(b->p + b->len, m->buf + LWS_PRE + EVENT_HEAD_LEN, jl);
                b->len += jl;
            }
            b->p[b->len++] = ']';
            b->p[b->len++] = '}';
            size_t flen = b->len - LWS_PRE;
            if (lws_write(wsi, (unsigned char *)b->p + LWS_PRE, flen, LWS_WRITE_TEXT) < (int)flen)
                return -1;
            pss->cursor = c;
        }
        if (pss->cursor < s->next_id)
            lws_callback_on_writable(wsi);
        break;
    }

    case LWS_CALLBACK_RECEIVE: {
        size_t limit = pss->is_producer ? TT_WS_MAX_PUBLISH : TT_WS_MAX_COMMAND;
        if (!pss->rx_too_big) {
            if (pss->rx_len + len > limit) {
                pss->rx_too_big = 1;
            } else {
                char *n = realloc(pss->rx, pss->rx_len + len + 1);
                if (!n)
                    return -1;
                pss->rx = n;
                memcpy(pss->rx + pss->rx_len, in, len);
                pss->rx_len += len;
            }
        }
        if (!lws_is_final_fragment(wsi) || lws_remaining_packet_payload(wsi))
            break;
        if (pss->rx_too_big)
            reply(pss, wsi, msg_error("message larger than %zu bytes", limit));
        else if (lws_frame_is_binary(wsi))
            reply(pss, wsi, msg_error("binary frames are not accepted: send JSON text"));
        else
            on_command(s, pss, wsi, pss->rx, pss->rx_len);
        free(pss->rx);
        pss->rx = NULL;
        pss->rx_len = 0;
        pss->rx_too_big = 0;
        break;
    }

    default:
        break;
    }
    return 0;
}

/* ---------- lifecycle ---------- */

/* File types lws does not know. A recorded trace (JSON Lines) has no type of its own in lws 4.1,
 * which answers 415 for it; application/jsonl (what jsonlines.org asks for) makes the page's
 * fetch() of /fixtures/NAME.jsonl work, and the security headers' "nosniff" keeps a browser from
 * reading a trace as anything else. */
static const struct lws_protocol_vhost_options mime_jsonl = {
    .name = ".jsonl",             /* file name suffix */
    .value = "application/jsonl", /* its Content-Type */
};

tt_ws *tt_ws_new(const tt_ws_opts *o, char *err, size_t errlen)
{
    tt_ws *s = calloc(1, sizeof(*s));
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->o = *o;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->run_cond, NULL);

    /* The page's files. */
    snprintf(s->web_origin, sizeof(s->web_origin), "%s", o->web_dir);
    const char *bad = !realpath(o->web_dir, s->web_real) ? o->web_dir
                      : o->fixtures_dir && !realpath(o->fixtures_dir, s->fixtures_real)
                          ? o->fixtures_dir
                          : NULL;
    if (bad) {
        snprintf(err, errlen, "%s: %s", bad, strerror(errno));
        tt_ws_free(s);
        return NULL;
    }
    s->mount_web.mountpoint = "/";             /* URL prefix */
    s->mount_web.mountpoint_len = 1;
    s->mount_web.origin = s->web_origin;       /* directory served */
    s->mount_web.def = "index.html";           /* what "/" serves */
    s->mount_web.origin_protocol = LWSMPRO_FILE;
    s->mount_web.cache_max_age = 0;            /* a classroom edits nothing, but never stale */
    s->mount_web.extra_mimetypes = &mime_jsonl; /* types lws does not know */
    if (o->fixtures_dir) {
        /* Recorded traces the page lists from /fixtures/index.json. */
        snprintf(s->fixtures_origin, sizeof(s->fixtures_origin), "%s", o->fixtures_dir);
        s->mount_fixtures.mountpoint = "/fixtures";
        s->mount_fixtures.mountpoint_len = 9;
        s->mount_fixtures.origin = s->fixtures_origin;
        s->mount_fixtures.def = "index.json";
        s->mount_fixtures.origin_protocol = LWSMPRO_FILE;
        s->mount_fixtures.extra_mimetypes = &mime_jsonl;
        s->mount_web.mount_next = &s->mount_fixtures;
    }
    /* POST /capture: a pcap/pcapng file from the page, answered as a trace (tt_ws_capture.c). */
    s->mount_capture.mountpoint = "/capture";
    s->mount_capture.mountpoint_len = 8;
    s->mount_capture.origin = TT_WS_CAPTURE;          /* the protocol that handles it */
    s->mount_capture.origin_protocol = LWSMPRO_CALLBACK;
    s->mount_capture.mount_next = s->mount_web.mount_next;
    s->mount_web.mount_next = &s->mount_capture;

    /* protocols[0] serves HTTP (the mounts); [1] is the event stream to viewers; [2] takes events
     * from producers; [3] converts uploaded captures; [4] terminates. */
    s->protocols[0].name = "http";
    s->protocols[0].callback = callback_http;
    s->protocols[1].name = TT_WS_PROTOCOL;
    s->protocols[1].callback = callback_tt;
    s->protocols[1].per_session_data_size = sizeof(per_session_data__tt);
    s->protocols[1].rx_buffer_size = 8192;
    s->protocols[2] = s->protocols[1];
    s->protocols[2].name = TT_WS_PUBLISH;
    s->protocols[3].name = TT_WS_CAPTURE;
    s->protocols[3].callback = tt_ws_capture_callback;
    s->protocols[3].per_session_data_size = tt_ws_capture_pss_size();

    struct lws_context_creation_info info;
    memset(&info, 0, sizeof(info)); /* lws 4.1 has no lws_context_info_defaults() */
    info.port = o->port;
    info.iface = o->iface;
    info.protocols = s->protocols;
    info.mounts = &s->mount_web;
    info.user = s;
    info.options = LWS_SERVER_OPTION_HTTP_HEADERS_SECURITY_BEST_PRACTICES_ENFORCE |
                   LWS_SERVER_OPTION_VALIDATE_UTF8;
    if (o->iface && strchr(o->iface, ':') == NULL)
        info.options |= LWS_SERVER_OPTION_DISABLE_IPV6;
    lws_set_log_level(LLL_ERR, NULL);
    s->ctx = lws_create_context(&info);
    if (!s->ctx) {
        snprintf(err, errlen, "cannot listen on %s:%d (address in use, or not an address of this "
                              "machine)", o->iface ? o->iface : "*", o->port);
        tt_ws_free(s);
        return NULL;
    }
    struct lws_vhost *vh = lws_get_vhost_by_name(s->ctx, "default");
    s->port = vh ? lws_get_vhost_listen_port(vh) : o->port;
    /* Files are opened through the guard (the platform's operations otherwise). */
    s->fops.platform = lws_get_fops(s->ctx);
    s->fops.ops = *s->fops.platform;
    s->fops.ops.LWS_FOP_OPEN = guarded_open;
    s->fops.s = s;
    lws_set_fops(s->ctx, &s->fops.ops);
    if (pthread_create(&s->runner, NULL, runner_main, s) != 0) {
        snprintf(err, errlen, "cannot start the runner thread");
        tt_ws_free(s);
        return NULL;
    }
    s->runner_started = 1;
    return s;
}

int tt_ws_port(const tt_ws *s)
{
    return s->port;
}

int tt_ws_run(tt_ws *s)
{
    int n = 0;
    while (n >= 0 && !s->stop)
        n = lws_service(s->ctx, 0);
    return n < 0 ? -1 : 0;
}

void tt_ws_stop(tt_ws *s)
{
    s->stop = 1;
    if (s->ctx)
        lws_cancel_service(s->ctx);
}

void tt_ws_free(tt_ws *s)
{
    if (!s)
        return;
    if (s->runner_started) {
        pthread_mutex_lock(&s->lock);
        s->stop = 1;
        pthread_cond_broadcast(&s->run_cond);
        pthread_mutex_unlock(&s->lock);
        pthread_join(s->runner, NULL);
    }
    if (s->ctx)
        lws_context_destroy(s->ctx);
    while (s->hist_count)
        hist_drop_front(s);
    free(s->hist);
    tt_buf_free(&s->batch);
    for (size_t i = 0; i < s->n_incoming; i++)
        msg_unref(s->incoming[i]);
    free(s->incoming);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->run_cond);
    free(s);
}
