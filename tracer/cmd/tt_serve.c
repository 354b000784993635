#define _GNU_SOURCE /* EAI_NODATA, accept4 */
/* One acceptor thread; one worker thread per connection, bounded by a counter; every worker
 * traces into the shared emitter (which serializes events and keeps seq contiguous). */
#include "tt_serve.h"
#include "tt_arena.h"
#include "tt_conn.h"
#include "tt_net.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <unistd.h>

struct tt_serve {
    tt_endpoint *ep;
    tt_serve_opts o;
    tt_emitter *em;
    int lfd;
    char bound[128];
    pthread_t acceptor;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    volatile int stop;
    int acceptor_done;
    tt_serve_stats st;
    uint64_t next_id;
};

typedef struct worker {
    tt_serve *s;
    int fd;
    uint64_t id;
} worker;

/* What serve answers once the handshake is done: an HTTP request gets a short plain-text page
 * (so curl and browsers complete), anything else is echoed back (so a class typing into
 * openssl s_client sees its words return as application-data records). */
static int looks_like_http(const unsigned char *b, size_t n)
{
    static const char *const methods[] = {"GET ", "HEAD ", "POST ", "PUT ", "OPTIONS ", NULL};
    for (int i = 0; methods[i]; i++) {
        size_t l = strlen(methods[i]);
        if (n >= l && memcmp(b, methods[i], l) == 0)
            return 1;
    }
    return 0;
}

static int has_blank_line(const unsigned char *b, size_t n)
{
    for (size_t i = 0; i + 3 < n; i++)
        if (!memcmp(b + i, "\r\n\r\n", 4))
            return 1;
    return 0;
}

static void talk(tt_conn *c, const char *session, int timeout_ms)
{
    unsigned char buf[8192];
    size_t have = 0;
    for (int rounds = 0; rounds < 256 && !c->closed && !c->failed; rounds++) {
        size_t n = tt_conn_read(c, buf + have, sizeof(buf) - have, timeout_ms, 50);
        if (n == 0)
            break;
        have += n;
        if (looks_like_http(buf, have)) {
            if (!has_blank_line(buf, have) && have < sizeof(buf))
                continue;
            char body[400], resp[600];
            int bl = snprintf(body, sizeof(body),
                              "tlstrace serve: the TLS handshake of this connection was traced "
                              "as session %s.\n",
                              session);
            int rl = snprintf(resp, sizeof(resp),
                              "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
                              "Content-Length: %d\r\nConnection: close\r\n\r\n%s",
                              bl, body);
            tt_conn_write(c, (const unsigned char *)resp, (size_t)rl);
            return;
        }
        tt_conn_write(c, buf, have);
        have = 0;
    }
}

static void *worker_main(void *p)
{
    worker *w = p;
    tt_serve *s = w->s;
    char session[64], peer[128], local[128], transport[300];
    snprintf(session, sizeof(session), "serve-%llu", (unsigned long long)w->id);
    tt_net_peer_name(w->fd, 0, peer, sizeof(peer));
    tt_net_peer_name(w->fd, 1, local, sizeof(local));
    tt_conn c;
    int ok = 0;
    if (tt_conn_init(&c, s->ep, w->fd, s->o.timeout_ms, NULL, s->em, session, s->o.keylog) == 0) {
        if (s->o.pcap)
            tt_conn_record(&c, s->o.pcap, 1);
        if (s->em) {
            snprintf(transport, sizeof(transport), "tcp %s <- %s", local, peer);
            tt_emit(s->em, session, "server", "session_start",
                    tt_endpoint_session_start(s->ep, "serve", NULL, transport));
        }
        if (tt_conn_handshake(&c)) {
            /* After the handshake, waiting for the client may end early: serve is stopping. */
            c.sock.stop = &s->stop;
            talk(&c, session, s->o.timeout_ms);
        }
        ok = c.handshake_ok;
    }
    char outcome[256] = "";
    if (c.tap)
        snprintf(outcome, sizeof(outcome), "%s", tt_tap_outcome(c.tap));
    tt_conn_finish(&c);
    shutdown(w->fd, SHUT_RDWR);
    close(w->fd);
    tt_arena_release();

    pthread_mutex_lock(&s->lock);
    if (s->o.on_done)
        s->o.on_done(s->o.on_done_ctx, session, peer, ok, outcome);
    if (ok)
        s->st.ok++;
    else
        s->st.failed++;
    s->st.active--;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
    free(w);
    return NULL;
}

static void *acceptor_main(void *p)
{
    tt_serve *s = p;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1024 * 1024);
    while (!s->stop) {
        pthread_mutex_lock(&s->lock);
        while (!s->stop && s->st.active >= s->o.max_clients)
            pthread_cond_wait(&s->changed, &s->lock);
        int full = s->o.connections > 0 && s->st.accepted >= (uint64_t)s->o.connections;
        pthread_mutex_unlock(&s->lock);
        if (s->stop || full)
            break;
        struct pollfd pf = {.fd = s->lfd, .events = POLLIN};
        if (poll(&pf, 1, 100) <= 0)
            continue;
        int fd = accept4(s->lfd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) {
            /* Out of descriptors: the client stays in the listen queue, so poll() would say
             * "ready" again at once; pause instead of spinning until a worker frees one. */
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
                poll(NULL, 0, 100);
            continue; /* (or the client went away before we took it) */
        }
        worker *w = calloc(1, sizeof(*w));
        pthread_t th;
        pthread_mutex_lock(&s->lock);
        if (w) {
            w->s = s;
            w->fd = fd;
            w->id = ++s->next_id;
        }
        if (!w || pthread_create(&th, &attr, worker_main, w) != 0) {
            pthread_mutex_unlock(&s->lock);
            close(fd); /* out of memory or threads: this client is refused, the others go on */
            free(w);
            continue;
        }
        s->st.accepted++;
        s->st.active++;
        if (s->st.active > s->st.peak_active)
            s->st.peak_active = s->st.active;
        pthread_mutex_unlock(&s->lock);
    }
    pthread_attr_destroy(&attr);
    pthread_mutex_lock(&s->lock);
    s->acceptor_done = 1;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

tt_serve *tt_serve_start(tt_endpoint *ep, const tt_serve_opts *o, tt_emitter *em, char *bound,
                         size_t boundlen, char *err, size_t errlen)
{
    tt_serve *s = calloc(1, sizeof(*s));
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->ep = ep;
    s->o = *o;
    if (s->o.max_clients < 1)
        s->o.max_clients = 1;
    s->em = em;
    int backlog = s->o.max_clients * 2 < 128 ? 128 : s->o.max_clients * 2;
    s->lfd = tt_net_listen(o->host, o->port, backlog, s->bound, sizeof(s->bound), err, errlen);
    if (s->lfd < 0) {
        free(s);
        return NULL;
    }
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->changed, NULL);
    /* Ctrl-C and SIGTERM go to the thread that called us, never to the acceptor or a worker
     * (they inherit its mask): the caller's handler then cannot run while it frees the server. */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    int started = pthread_create(&s->acceptor, NULL, acceptor_main, s) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (!started) {
        snprintf(err, errlen, "cannot start the acceptor thread");
        close(s->lfd);
        pthread_mutex_destroy(&s->lock);
        pthread_cond_destroy(&s->changed);
        free(s);
        return NULL;
    }
    snprintf(bound, boundlen, "%s", s->bound);
    return s;
}

void tt_serve_request_stop(tt_serve *s)
{
    s->stop = 1;
}

void tt_serve_wait(tt_serve *s)
{
    pthread_mutex_lock(&s->lock);
    for (;;) {
        int handled = s->o.connections > 0 &&
                      s->st.ok + s->st.failed >= (uint64_t)s->o.connections;
        if (handled || s->stop)
            break;
        /* Wake up now and then: a signal handler can only set the flag. */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 100 * 1000000;
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&s->changed, &s->lock, &ts);
    }
    pthread_mutex_unlock(&s->lock);
}

void tt_serve_stop(tt_serve *s, tt_serve_stats *st)
{
    pthread_mutex_lock(&s->lock);
    s->stop = 1;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->acceptor, NULL);
    close(s->lfd);
    /* The connections in progress end by themselves (each has its timeout). */
    pthread_mutex_lock(&s->lock);
    while (s->st.active > 0)
        pthread_cond_wait(&s->changed, &s->lock);
    pthread_mutex_unlock(&s->lock);
    if (st)
        *st = s->st;
    pthread_cond_destroy(&s->changed);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
