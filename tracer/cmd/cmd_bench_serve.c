/* tlstrace bench --serve: what tracing costs a real server. A client process (forked before any
 * thread exists) runs concurrent loopback clients doing full handshakes; this process serves them,
 * untraced and traced in alternating phases, then takes a burst of connections at once and checks
 * that no event was lost. Figures are printed, never asserted: this machine is shared. */
#include "tt_arena.h"
#include "tt_cli.h"
#include "tt_conn.h"
#include "tt_demo.h"
#include "tt_endpoint.h"
#include "tt_net.h"
#include "tt_pki.h"
#include "tt_serve.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char bench_serve_usage[] =
    "usage: tlstrace bench --serve [--clients N] [--seconds S] [--burst N] [--tls 1.2|1.3]\n"
    "                             [--basic]\n"
    "\n"
    "Serves N concurrent loopback clients (default 16, in a separate process) doing full\n"
    "handshakes, alternately with tracing off and on (events serialized to a null sink), for S\n"
    "seconds per mode (default 8, in phases of 1 s), and prints both rates and their ratio\n"
    "(target >= 0.8). Then a burst of --burst connections at once (default 200) into a traced\n"
    "server with --max-clients equal to the burst: every session's events must be complete and\n"
    "seq contiguous; the server's resident memory is sampled before, at its peak and after.\n"
    "Handshakes are mutual TLS 1.3 unless --basic / --tls 1.2.\n";

static long long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    while (f && fgets(line, sizeof(line), f))
        if (sscanf(line, "VmRSS: %ld", &v) == 1)
            break;
    if (f)
        fclose(f);
    return v;
}

static int make_pki_dir(char *dir, size_t len, char *err, size_t errlen)
{
    snprintf(dir, len, "/tmp/tlstrace-bench-XXXXXX");
    if (!mkdtemp(dir)) {
        snprintf(err, errlen, "cannot create a temporary directory: %s", strerror(errno));
        return -1;
    }
    if (tt_pki_write_embedded(dir, err, errlen) != 0) {
        tt_pki_remove_embedded(dir);
        return -1;
    }
    return 0;
}

/* ---------- the client process ---------- */

typedef struct client_run {
    tt_endpoint *ep;
    char port[16];
    long long until_us;    /* loop until then (phase), or */
    int once;              /* one handshake (burst) after the start barrier */
    pthread_barrier_t *start;
    atomic_long *ok, *failed;
} client_run;

static int one_handshake(tt_endpoint *ep, const char *port)
{
    tt_net_error ne;
    char peer[128];
    int fd = tt_net_connect("127.0.0.1", port, 20000, &ne, peer, sizeof(peer));
    if (fd < 0)
        return 0;
    tt_conn c;
    int ok = 0;
    if (tt_conn_init(&c, ep, fd, 20000, "tlstrace-demo.local", NULL, NULL, NULL) == 0)
        ok = tt_conn_handshake(&c);
    tt_conn_finish(&c); /* close_notify: the server's session ends at once */
    close(fd);
    return ok;
}

static void *client_main(void *p)
{
    client_run *r = p;
    if (r->once) {
        pthread_barrier_wait(r->start);
        atomic_fetch_add(one_handshake(r->ep, r->port) ? r->ok : r->failed, 1);
        return NULL;
    }
    while (now_us() < r->until_us)
        atomic_fetch_add(one_handshake(r->ep, r->port) ? r->ok : r->failed, 1);
    return NULL;
}

/* Commands on stdin-like pipe: "phase PORT CLIENTS MS" or "burst PORT N"; answers "OK FAILED". */
static int client_process(int in, int out, const char *pki, int tls13, int mutual)
{
    char ca[128], cert[128], key[128], err[512];
    snprintf(ca, sizeof(ca), "%s/root-ca.crt", pki);
    snprintf(cert, sizeof(cert), "%s/client.crt", pki);
    snprintf(key, sizeof(key), "%s/client.key", pki);
    tt_endpoint_opts o = {.is_server = 0, .ca_file = ca, .tls = tls13 ? "1.3" : "1.2"};
    if (mutual) {
        o.cert_file = cert;
        o.key_file = key;
    }
    tt_endpoint ep;
    if (tt_endpoint_init(&ep, &o, err, sizeof(err)) != 0) {
        fprintf(stderr, "tlstrace bench: client: %s\n", err);
        return 1;
    }
    FILE *cmd = fdopen(in, "r");
    char line[128];
    while (cmd && fgets(line, sizeof(line), cmd)) {
        char what[16], port[16];
        int n = 0;
        long ms = 0;
        if (sscanf(line, "%15s %15s %d %ld", what, port, &n, &ms) < 3 || n < 1 || n > 4096)
            break;
        atomic_long ok = 0, failed = 0;
        pthread_barrier_t start;
        int once = strcmp(what, "burst") == 0;
        pthread_barrier_init(&start, NULL, (unsigned)n);
        client_run *runs = calloc((size_t)n, sizeof(*runs));
        pthread_t *th = calloc((size_t)n, sizeof(*th));
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, 512 * 1024);
        long long until = now_us() + ms * 1000;
        int started = 0;
        for (int i = 0; runs && th && i < n; i++) {
            runs[i] = (client_run){.ep = &ep, .until_us = until, .once = once, .start = &start,
                                   .ok = &ok, .failed = &failed};
            snprintf(runs[i].port, sizeof(runs[i].port), "%s", port);
            if (pthread_create(&th[i], &attr, client_main, &runs[i]) != 0)
                break;
            started++;
        }
        for (int i = 0; i < started; i++)
            pthread_join(th[i], NULL);
        pthread_attr_destroy(&attr);
        pthread_barrier_destroy(&start);
        free(runs);
        free(th);
        char ans[64];
        int l = snprintf(ans, sizeof(ans), "%ld %ld\n", (long)ok, (long)(failed + n - started));
        if (write(out, ans, (size_t)l) != l)
            break;
    }
    tt_endpoint_free(&ep);
    return 0;
}

/* ---------- the server side ---------- */

/* Checks every event as it is emitted: seq contiguous over the whole stream, and per session
 * session_start first, handshake_done or handshake_failed, then session_end last. */
typedef struct checker {
    uint64_t last_seq, events;
    int bad;
    char first_problem[200];
    int sessions_started, sessions_ended, sessions_complete;
    unsigned char *state; /* per session id n (serve-n): bit 1 started, 2 outcome, 4 ended */
    int cap;
} checker;

static void problem(checker *c, const char *session, const char *what)
{
    if (!c->bad++)
        snprintf(c->first_problem, sizeof(c->first_problem), "%s: %s", session ? session : "?",
                 what);
}

static int check_sink(void *ctx, const cJSON *ev, const char *json, size_t len)
{
    (void)json;
    (void)len;
    checker *c = ctx;
    const cJSON *seq = cJSON_GetObjectItemCaseSensitive(ev, "seq");
    const char *type = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ev, "type"));
    const char *session = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ev, "session"));
    c->events++;
    if (!cJSON_IsNumber(seq) || (uint64_t)seq->valuedouble != c->last_seq + 1)
        problem(c, session, "seq not contiguous");
    c->last_seq = cJSON_IsNumber(seq) ? (uint64_t)seq->valuedouble : c->last_seq + 1;
    int n = session && !strncmp(session, "serve-", 6) ? atoi(session + 6) : -1;
    if (n < 1 || n >= c->cap || !type) {
        problem(c, session, "unexpected session name");
        return 0;
    }
    unsigned char *st = &c->state[n];
    if (*st & 4)
        problem(c, session, "event after session_end");
    if (!strcmp(type, "session_start")) {
        if (*st)
            problem(c, session, "second session_start");
        *st |= 1;
        c->sessions_started++;
    } else if (!(*st & 1)) {
        problem(c, session, "event before session_start");
    }
    if (!strcmp(type, "handshake_done") || !strcmp(type, "handshake_failed"))
        *st |= 2;
    if (!strcmp(type, "session_end")) {
        *st |= 4;
        c->sessions_ended++;
        if (*st == 7)
            c->sessions_complete++;
    }
    return 0;
}

typedef struct sampler {
    atomic_int stop;
    long peak;
} sampler;

static void *sample_main(void *p)
{
    sampler *s = p;
    while (!atomic_load(&s->stop)) {
        long r = rss_kib();
        if (r > s->peak)
            s->peak = r;
        nanosleep(&(struct timespec){.tv_nsec = 2000000}, NULL);
    }
    return NULL;
}

static int ask(FILE *to, FILE *from, const char *what, const char *port, int n, long ms, long *ok,
               long *failed)
{
    fprintf(to, "%s %s %d %ld\n", what, port, n, ms);
    fflush(to);
    return fscanf(from, "%ld %ld", ok, failed) == 2 ? 0 : -1;
}

static const char *port_of(const char *bound)
{
    const char *c = strrchr(bound, ':');
    return c ? c + 1 : bound;
}

int tt_bench_serve(int argc, char **argv)
{
    long clients = 16, seconds = 8, burst = 200;
    const char *tls = "1.3";
    int mutual = 1;
    tt_args a;
    tt_args_init(&a, "bench", argc, argv);
    const char *arg, *v;
    int is_opt;
    while ((arg = tt_args_next(&a, &is_opt))) {
        long *target = NULL, max = 0;
        if (!is_opt)
            return tt_usage_error("bench", "unexpected argument '%s'", arg);
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            fputs(bench_serve_usage, stdout);
            return TT_EXIT_OK;
        } else if (!strcmp(arg, "--serve")) {
            continue;
        } else if (!strcmp(arg, "--basic")) {
            mutual = 0;
            continue;
        } else if (!strcmp(arg, "--tls")) {
            if (!(tls = tt_args_value(&a)))
                return TT_EXIT_USAGE;
            if (strcmp(tls, "1.2") && strcmp(tls, "1.3"))
                return tt_usage_error("bench", "--tls must be 1.2 or 1.3, not '%s'", tls);
            continue;
        } else if (!strcmp(arg, "--clients")) {
            target = &clients, max = 1024;
        } else if (!strcmp(arg, "--seconds")) {
            target = &seconds, max = 3600;
        } else if (!strcmp(arg, "--burst")) {
            target = &burst, max = 1024;
        } else {
            return tt_usage_error("bench", "unknown option '%s' (with --serve)", arg);
        }
        if (!(v = tt_args_value(&a)))
            return TT_EXIT_USAGE;
        char *end;
        *target = strtol(v, &end, 10);
        if (!*v || *end || *target < 1 || *target > max)
            return tt_usage_error("bench", "%s must be 1..%ld, not '%s'", arg, max, v);
    }
    int tls13 = strcmp(tls, "1.3") == 0;
    char dir[64], err[512];
    if (make_pki_dir(dir, sizeof(dir), err, sizeof(err)) != 0) {
        fprintf(stderr, "tlstrace bench: %s\n", err);
        return TT_EXIT_USAGE;
    }
    /* The clients live in their own process, forked while this one has no thread yet. */
    int down[2], up[2];
    if (pipe(down) != 0 || pipe(up) != 0) {
        fprintf(stderr, "tlstrace bench: cannot create pipes\n");
        tt_pki_remove_embedded(dir);
        return TT_EXIT_USAGE;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(down[1]);
        close(up[0]);
        signal(SIGPIPE, SIG_IGN);
        _exit(client_process(down[0], up[1], dir, tls13, mutual));
    }
    close(down[0]);
    close(up[1]);
    FILE *to = fdopen(down[1], "w"), *from = fdopen(up[0], "r");
    signal(SIGPIPE, SIG_IGN);

    char cert[128], key[128], ca[128];
    snprintf(cert, sizeof(cert), "%s/server.crt", dir);
    snprintf(key, sizeof(key), "%s/server.key", dir);
    snprintf(ca, sizeof(ca), "%s/root-ca.crt", dir);
    tt_endpoint_opts so = {.is_server = 1, .cert_file = cert, .key_file = key, .ca_file = ca,
                           .tls = tls, .authmode = mutual ? MBEDTLS_SSL_VERIFY_REQUIRED
                                                          : MBEDTLS_SSL_VERIFY_NONE};
    tt_endpoint ep;
    int rc = TT_EXIT_USAGE;
    if (tt_endpoint_init(&ep, &so, err, sizeof(err)) != 0) {
        fprintf(stderr, "tlstrace bench: %s\n", err);
        goto out;
    }
    tt_emitter em;
    tt_emitter_init(&em);
    tt_null_sink null = {0};
    tt_emitter_add_sink(&em, tt_sink_null, &null);
    tt_serve_opts o = {.port = "0", .max_clients = (int)clients, .timeout_ms = 10000};
    char b_plain[128], b_traced[128];
    tt_serve *plain = tt_serve_start(&ep, &o, NULL, b_plain, sizeof(b_plain), err, sizeof(err));
    tt_serve *traced = plain ? tt_serve_start(&ep, &o, &em, b_traced, sizeof(b_traced), err,
                                              sizeof(err))
                             : NULL;
    if (!plain || !traced) {
        fprintf(stderr, "tlstrace bench: %s\n", err);
        if (plain)
            tt_serve_stop(plain, NULL);
        tt_emitter_destroy(&em);
        tt_endpoint_free(&ep);
        goto out;
    }
    printf("serve: %s TLS %s, %ld concurrent loopback clients (another process) doing full "
           "handshakes, %ld s per mode in 1 s phases, alternating\n",
           mutual ? "mutual" : "basic", tls, clients, seconds);
    long okp = 0, okt = 0, bad = 0, o1, f1;
    double tp = 0, tt = 0;
    long warm_ok, warm_failed;
    ask(to, from, "phase", port_of(b_plain), (int)clients, 300, &warm_ok, &warm_failed);
    for (long ph = 0; ph < seconds; ph++) {
        for (int mode = 0; mode < 2; mode++) {
            long long t0 = now_us();
            if (ask(to, from, "phase", port_of(mode ? b_traced : b_plain), (int)clients, 1000,
                    &o1, &f1) != 0) {
                fprintf(stderr, "tlstrace bench: the client process stopped\n");
                goto stop;
            }
            double dt = (double)(now_us() - t0) / 1e6;
            (mode ? &okt : &okp)[0] += o1;
            (mode ? &tt : &tp)[0] += dt;
            bad += f1;
        }
    }
    {
        double rp = okp / tp, rt = okt / tt;
        printf("untraced: %8.1f handshakes/s (%ld)\n", rp, okp);
        printf("traced:   %8.1f handshakes/s (%ld); %.1f events and %.1f KiB of JSON per "
               "handshake\n",
               rt, okt, okt ? (double)null.events / okt : 0.0,
               okt ? (double)null.bytes / 1024.0 / okt : 0.0);
        printf("ratio traced/untraced handshakes/s: %.3f (target >= 0.8)\n", rp > 0 ? rt / rp : 0);
        if (bad)
            printf("warning: %ld handshakes failed\n", bad);
    }
stop:
    tt_serve_stop(plain, NULL);
    tt_serve_stop(traced, NULL);
    tt_emitter_destroy(&em);

    /* The burst: `burst` connections at once, a traced server that takes them all. */
    {
        checker ck = {.cap = (int)burst + 2};
        ck.state = calloc((size_t)ck.cap, 1);
        tt_emitter em2;
        tt_emitter_init(&em2);
        tt_emitter_add_sink(&em2, check_sink, &ck);
        tt_emitter_add_sink(&em2, tt_sink_null, &null);
        tt_serve_opts ob = {.port = "0", .max_clients = (int)burst, .timeout_ms = 20000,
                            .connections = (int)burst};
        char b_burst[128];
        long before = rss_kib();
        tt_serve *s = ck.state ? tt_serve_start(&ep, &ob, &em2, b_burst, sizeof(b_burst), err,
                                                sizeof(err))
                               : NULL;
        if (s) {
            sampler smp = {.peak = before};
            pthread_t th;
            pthread_create(&th, NULL, sample_main, &smp);
            long long t0 = now_us();
            long bo = 0, bf = 0;
            int asked = ask(to, from, "burst", port_of(b_burst), (int)burst, 0, &bo, &bf);
            tt_serve_wait(s);
            tt_serve_stats st;
            tt_serve_stop(s, &st);
            double dt = (double)(now_us() - t0) / 1e6;
            atomic_store(&smp.stop, 1);
            pthread_join(th, NULL);
            long after = rss_kib();
            printf("burst: %ld connections at once (--max-clients %ld): %ld handshakes ok, %ld "
                   "failed, in %.2f s; server peak %d connections in progress\n",
                   burst, burst, asked ? -1 : bo, asked ? -1 : bf, dt, st.peak_active);
            printf("events: %llu, seq contiguous: %s; sessions started %d, ended %d, complete "
                   "(start, outcome, end) %d of %ld%s%s\n",
                   (unsigned long long)ck.events, ck.bad ? "NO" : "yes", ck.sessions_started,
                   ck.sessions_ended, ck.sessions_complete, burst, ck.bad ? "; first problem: " : "",
                   ck.bad ? ck.first_problem : "");
            printf("server memory (RSS): %.1f MiB before, %.1f MiB peak, %.1f MiB after; peak "
                   "per connection: %.1f KiB\n",
                   before / 1024.0, smp.peak / 1024.0, after / 1024.0,
                   (double)(smp.peak - before) / (double)burst);
            rc = ck.bad || ck.sessions_complete != burst ? TT_EXIT_FAILED : TT_EXIT_OK;
        } else {
            fprintf(stderr, "tlstrace bench: %s\n", err);
        }
        tt_emitter_destroy(&em2);
        free(ck.state);
    }
    tt_endpoint_free(&ep);
out:
    fclose(to);
    fclose(from);
    waitpid(pid, NULL, 0);
    tt_pki_remove_embedded(dir);
    tt_arena_release();
    return rc;
}
