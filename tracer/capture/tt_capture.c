/* A capture, read (see tt_capture.h): libpcap for the packets, tt_link for the headers, tt_tcp
 * for the streams, tt_observe for the TLS. The one file here that knows pcap types. */
/* libpcap's headers use the BSD types (u_char, u_int). */
#define _DEFAULT_SOURCE 1
#include "tt_capture.h"
#include "tt_arena.h"
#include "tt_link.h"
#include "tt_observe.h"
#include "tt_pcapng.h"
#include "tt_tcp.h"

#include <errno.h>
#include <stdarg.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct tt_capture {
    tt_capture_opts o;
    tt_tcp *tcp;
    tt_keylog *keylog; /* the user's, or our own (filled by a file's secrets blocks) */
    int own_keylog;
    uint64_t now_us; /* the packet being processed: the events' time */
    int dlt;
    char origin[300];
    char link[32];
    unsigned sessions; /* session names: capture-1, capture-2, ... */
    int live;
    long long keylog_checked_ms;
    int keylog_failed; /* the last reading of a live key log failed (said once) */
    tt_capture_stats st;
    tt_obs **holding; /* live: observers holding records for secrets not written yet */
    size_t n_holding, cap_holding;
    uint64_t frame; /* frame number in the current file */
    uint64_t bad_first_frame;
    const char *bad_first_why;
    uint64_t bad_in_file;
};

static uint64_t capture_clock(void *ctx)
{
    return ((tt_capture *)ctx)->now_us;
}

static void notice(tt_capture *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void notice(tt_capture *c, const char *fmt, ...)
{
    if (!c->o.notice)
        return;
    char line[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    c->o.notice(c->o.notice_ctx, line);
}

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A capture in progress: a key log that grows (a browser writing SSLKEYLOGFILE) is read again,
 * at most every 50 ms. */
static void reload_keys(void *ctx)
{
    tt_capture *c = ctx;
    long long now = mono_ms();
    if (now - c->keylog_checked_ms < 50)
        return;
    c->keylog_checked_ms = now;
    char err[300];
    if (tt_keylog_read_file(c->keylog, c->o.keylog_path, 0, err, sizeof(err)) < 0) {
        /* Said once (it is read again and again); a key log not created yet is no news. */
        if (!c->keylog_failed++ && access(c->o.keylog_path, F_OK) == 0)
            notice(c, "%s", err);
    } else {
        c->keylog_failed = 0;
    }
}

/* An observer started holding records until the key log has their secrets. */
static void on_held(void *ctx, tt_obs *o)
{
    tt_capture *c = ctx;
    for (size_t i = 0; i < c->n_holding; i++)
        if (c->holding[i] == o)
            return;
    if (c->n_holding == c->cap_holding) {
        size_t n = c->cap_holding ? 2 * c->cap_holding : 16;
        tt_obs **h = realloc(c->holding, n * sizeof(*h));
        if (!h) {
            tt_obs_release(o, 1);
            return;
        }
        c->holding = h;
        c->cap_holding = n;
    }
    c->holding[c->n_holding++] = o;
}

static void forget_held(tt_capture *c, tt_obs *o)
{
    for (size_t i = 0; i < c->n_holding; i++)
        if (c->holding[i] == o)
            c->holding[i] = c->holding[--c->n_holding];
}

/* ---------- the reassembler's handler ---------- */

static void *on_open(void *ctx, const tt_tcp_conn_info *info)
{
    tt_capture *c = ctx;
    c->st.connections++;
    tt_obs_config oc = {
        .em = c->o.em,
        .session_prefix = "capture",
        .session_counter = &c->sessions,
        .info = info,
        .origin = c->origin,
        .link = c->link,
        .now_us = &c->now_us,
        .keylog = c->keylog,
        .reload_keys = c->live && c->o.keylog_path ? reload_keys : NULL,
        .reload_ctx = c,
        /* Live: the endpoint writes a secret as the capture sees the records it protects. */
        .hold_us = c->live && c->o.keylog_path ? 2000000 : 0,
        .held = on_held,
        .ca = c->o.ca,
    };
    return tt_obs_new(&oc); /* NULL (out of memory): the connection is ignored */
}

static int on_data(void *ctx, void *user, int dir, const uint8_t *p, size_t n, uint64_t ts)
{
    (void)ctx;
    (void)ts;
    return tt_obs_data(user, dir, p, n);
}

static void on_gap(void *ctx, void *user, int dir, uint64_t missing, uint64_t ts)
{
    (void)ctx;
    (void)ts;
    tt_obs_gap(user, dir, missing);
}

static void on_close(void *ctx, void *user, tt_tcp_close how, int by, uint64_t ts)
{
    tt_capture *c = ctx;
    (void)ts;
    tt_obs_close(user, how, by);
    forget_held(c, user);
    if (tt_obs_is_tls(user)) {
        c->st.sessions++;
        c->st.failed += tt_obs_failed(user) != 0;
    }
    tt_obs_free(user);
}

/* ---------- setup ---------- */

tt_capture *tt_capture_new(const tt_capture_opts *o)
{
    tt_capture *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    c->o = *o;
    c->keylog = o->keylog;
    if (!c->keylog) {
        c->keylog = tt_keylog_new();
        c->own_keylog = 1;
    }
    tt_tcp_limits lim = {
        .max_conns = o->max_conns ? o->max_conns : 1024,
        .conn_bytes = o->conn_bytes ? o->conn_bytes : 256 * 1024,
        .idle_us = o->idle_us ? o->idle_us : 300 * 1000000ull,
    };
    tt_tcp_handler h = {
        .ctx = c, .open = on_open, .data = on_data, .gap = on_gap, .close = on_close};
    c->tcp = tt_tcp_new(&lim, &h);
    if (!c->tcp || !c->keylog) {
        tt_capture_free(c);
        return NULL;
    }
    o->em->clock = capture_clock;
    o->em->clock_ctx = c;
    return c;
}

void tt_capture_finish(tt_capture *c)
{
    tt_arena_begin();
    tt_tcp_finish(c->tcp, c->now_us);
    tt_arena_end();
}

void tt_capture_free(tt_capture *c)
{
    if (!c)
        return;
    /* Connections still open (tt_capture_finish was not called): closed without events. */
    int was = c->o.em->enabled;
    c->o.em->enabled = 0;
    tt_tcp_finish(c->tcp, c->now_us);
    c->o.em->enabled = was;
    tt_tcp_free(c->tcp);
    free(c->holding);
    if (c->own_keylog)
        tt_keylog_free(c->keylog);
    free(c);
}

const tt_capture_stats *tt_capture_get_stats(const tt_capture *c)
{
    return &c->st;
}

/* ---------- packets ---------- */

static void on_packet(tt_capture *c, const struct pcap_pkthdr *h, const uint8_t *data)
{
    c->st.packets++;
    c->st.bytes += h->caplen;
    c->frame++;
    c->now_us = (uint64_t)h->ts.tv_sec * 1000000u + (uint64_t)h->ts.tv_usec;
    tt_tcp_seg s = {.ts_us = c->now_us};
    const char *why = NULL;
    tt_link_result r = tt_link_decode(c->dlt, data, h->caplen, h->len, &s, &why);
    if (r == TT_LINK_BAD) {
        c->st.undecodable++;
        if (!c->bad_in_file++) {
            c->bad_first_frame = c->frame;
            c->bad_first_why = why;
        }
        return;
    }
    if (r != TT_LINK_TCP)
        return;
    c->st.tcp++;
    tt_arena_begin(); /* the events this packet causes are built and dropped in one go */
    if (tt_tcp_add(c->tcp, &s) != 0)
        notice(c, "%s: out of memory at frame %llu", c->origin, (unsigned long long)c->frame);
    tt_arena_end();
}

static void pcap_cb(u_char *user, const struct pcap_pkthdr *h, const u_char *data)
{
    on_packet((tt_capture *)user, h, data);
}

/* Adds the secrets of a Decryption Secrets Block (an NSS key log) to the key log. */
static void on_secrets(void *ctx, uint32_t type, const uint8_t *data, size_t len)
{
    tt_capture *c = ctx;
    if (type != TT_PCAPNG_SECRETS_TLS)
        return;
    tt_keylog_feed(c->keylog, (const char *)data, len);
    tt_keylog_end(c->keylog);
}

static int begin_source(tt_capture *c, pcap_t *p, const char *origin, char *err, size_t errlen)
{
    c->dlt = pcap_datalink(p);
    const char *name = pcap_datalink_val_to_name(c->dlt);
    snprintf(c->link, sizeof(c->link), "%s", name ? name : "?");
    snprintf(c->origin, sizeof(c->origin), "%s", origin);
    c->frame = 0;
    c->bad_in_file = 0;
    if (!tt_link_supported(c->dlt)) {
        snprintf(err, errlen,
                 "%s: link type %s (%d) is not decoded: tlstrace reads Ethernet (with VLAN "
                 "tags), Linux cooked captures (SLL, SLL2), BSD loopback and raw IPv4/IPv6",
                 origin, name ? name : "unknown", c->dlt);
        return -1;
    }
    return 0;
}

static void end_source(tt_capture *c)
{
    if (c->bad_in_file)
        notice(c, "%s: %llu frame%s could not be decoded and were skipped (first: frame %llu, %s)",
               c->origin, (unsigned long long)c->bad_in_file, c->bad_in_file > 1 ? "s" : "",
               (unsigned long long)c->bad_first_frame, c->bad_first_why);
}

int tt_capture_read(tt_capture *c, FILE *f, const char *name, char *err, size_t errlen)
{
    char origin[300];
    snprintf(origin, sizeof(origin), "file %s", name);
    /* The secrets blocks first: they may follow the packets they decrypt. */
    long at = ftell(f);
    if (at >= 0) {
        tt_pcapng_scan_secrets(f, on_secrets, c);
        clearerr(f);
        if (fseek(f, at, SEEK_SET) != 0) {
            snprintf(err, errlen, "%s: cannot read it again after its secrets: %s", name,
                     strerror(errno));
            fclose(f);
            return -1;
        }
    }
    char perr[PCAP_ERRBUF_SIZE] = "";
    pcap_t *p = pcap_fopen_offline(f, perr);
    if (!p) {
        snprintf(err, errlen, "%s: not a pcap or pcapng capture (%s)", name, perr);
        fclose(f);
        return -1;
    }
    int rc = begin_source(c, p, origin, err, errlen);
    if (rc == 0) {
        struct pcap_pkthdr *h;
        const u_char *data;
        int r;
        while ((r = pcap_next_ex(p, &h, &data)) == 1)
            on_packet(c, h, data);
        if (r == -1) {
            snprintf(err, errlen,
                     "%s: damaged after frame %llu: %s (the frames before it were read)", name,
                     (unsigned long long)c->frame, pcap_geterr(p));
            rc = -1;
        }
        end_source(c);
    }
    pcap_close(p); /* closes f */
    return rc;
}

int tt_capture_read_path(tt_capture *c, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        snprintf(err, errlen, "%s: is a directory, not a capture file", path);
        fclose(f);
        return -1;
    }
    return tt_capture_read(c, f, path, err, errlen);
}

int tt_capture_live(tt_capture *c, const char *iface, const char *bpf, volatile sig_atomic_t *stop,
                    char *err, size_t errlen)
{
    char perr[PCAP_ERRBUF_SIZE] = "";
    pcap_t *p = pcap_create(iface, perr);
    if (!p) {
        snprintf(err, errlen, "cannot capture on %s: %s", iface, perr);
        return -1;
    }
    /* Not immediate mode: libpcap then gives each packet a fixed slot of the snapshot length,
     * and on "any" (whose MTU it cannot know) a few large slots fill in a burst and the kernel
     * drops packets. Blocks (TPACKET_V3) retired every 100 ms keep the delay small. */
    pcap_set_snaplen(p, 262144);
    pcap_set_promisc(p, 0);
    pcap_set_timeout(p, 100);
    pcap_set_buffer_size(p, 16 << 20);
    int a = pcap_activate(p);
    if (a == PCAP_ERROR_PERM_DENIED || a == PCAP_ERROR_PROMISC_PERM_DENIED) {
        snprintf(err, errlen,
                 "capturing on %s is not permitted: run as root, or give tlstrace the "
                 "CAP_NET_RAW capability (sudo setcap cap_net_raw+ep PATH-TO-tlstrace)",
                 iface);
        pcap_close(p);
        return -2;
    }
    if (a == PCAP_ERROR_NO_SUCH_DEVICE) {
        snprintf(err, errlen, "no interface named %s (tcpdump -D lists them)", iface);
        pcap_close(p);
        return -1;
    }
    if (a < 0) {
        snprintf(err, errlen, "cannot capture on %s: %s", iface, pcap_geterr(p));
        pcap_close(p);
        return -1;
    }
    if (bpf) {
        struct bpf_program prog;
        if (pcap_compile(p, &prog, bpf, 1, PCAP_NETMASK_UNKNOWN) != 0) {
            snprintf(err, errlen, "--bpf '%s': %s", bpf, pcap_geterr(p));
            pcap_close(p);
            return -1;
        }
        int sf = pcap_setfilter(p, &prog);
        pcap_freecode(&prog);
        if (sf != 0) {
            snprintf(err, errlen, "--bpf '%s': %s", bpf, pcap_geterr(p));
            pcap_close(p);
            return -1;
        }
    }
    char origin[300];
    snprintf(origin, sizeof(origin), "interface %s", iface);
    if (begin_source(c, p, origin, err, errlen) != 0) {
        pcap_close(p);
        return -1;
    }
    c->live = 1;
    notice(c, "capturing on %s%s%s (Ctrl-C to stop)", iface, bpf ? " with the filter " : "",
           bpf ? bpf : "");
    /* Waiting in poll() here, not inside libpcap, lets Ctrl-C (EINTR) and the clock stop the
     * loop: libpcap in immediate mode may wait for the next packet for ever. */
    int fd = pcap_get_selectable_fd(p);
    if (fd < 0 || pcap_setnonblock(p, 1, perr) != 0) {
        snprintf(err, errlen, "cannot capture on %s: no pollable descriptor (%s)", iface, perr);
        pcap_close(p);
        return -1;
    }
    int rc = 0;
    while (!*stop) {
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        if (poll(&pfd, 1, 100) < 0 && errno != EINTR) {
            snprintf(err, errlen, "capture on %s failed: %s", iface, strerror(errno));
            rc = -1;
            break;
        }
        if (*stop)
            break;
        int r = pcap_dispatch(p, -1, pcap_cb, (u_char *)c);
        if (r == PCAP_ERROR) {
            snprintf(err, errlen, "capture on %s failed: %s", iface, pcap_geterr(p));
            rc = -1;
            break;
        }
        if (r == PCAP_ERROR_BREAK)
            break;
        /* Quiet time counts as time: idle connections are closed by the clock too. */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint64_t wall = (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
        if (wall > c->now_us && r == 0)
            c->now_us = wall;
        tt_arena_begin();
        if (r == 0)
            tt_tcp_expire(c->tcp, wall);
        /* Records held for their secrets: read them once the key log has them. */
        for (size_t i = 0; i < c->n_holding;)
            if (tt_obs_release(c->holding[i], 0))
                i++;
            else
                c->holding[i] = c->holding[--c->n_holding];
        tt_arena_end();
    }
    /* Stopped: the kernel hands over its last block of packets when the block times out (100 ms):
     * read what it holds before closing, so that the last moments before Ctrl-C are kept. */
    for (long long until = mono_ms() + 250; rc == 0 && mono_ms() < until;) {
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        poll(&pfd, 1, 50);
        if (pcap_dispatch(p, -1, pcap_cb, (u_char *)c) < 0)
            break;
    }
    struct pcap_stat ps;
    if (pcap_stats(p, &ps) == 0 && (ps.ps_drop || ps.ps_ifdrop))
        notice(c,
               "capture on %s: the kernel dropped %u packets (%u by the interface): tlstrace "
               "could not keep up; the trace shows the bytes it missed as gaps",
               iface, ps.ps_drop, ps.ps_ifdrop);
    end_source(c);
    c->live = 0;
    pcap_close(p);
    return rc;
}

/* ---------- in memory ---------- */

typedef struct buf_sink {
    tt_buf *out;
    size_t max;
    int over;
} buf_sink;

static int to_buf(void *ctx, const cJSON *ev, const char *json, size_t len)
{
    buf_sink *s = ctx;
    (void)ev;
    if (s->over || s->out->len + len + 1 > s->max) {
        s->over = 1;
        return 0;
    }
    if (tt_buf_reserve(s->out, len + 1) != 0)
        return -1;
    memcpy(s->out->p + s->out->len, json, len);
    s->out->len += len;
    s->out->p[s->out->len++] = '\n';
    return 0;
}

int tt_capture_convert(const uint8_t *file, size_t n, const char *name, tt_buf *out, size_t max_out,
                       char *err, size_t errlen)
{
    FILE *f = n ? fmemopen((void *)file, n, "rb") : NULL;
    if (!f) {
        snprintf(err, errlen, "%s: empty", name);
        return -1;
    }
    tt_emitter em;
    tt_emitter_init(&em);
    buf_sink sink = {.out = out, .max = max_out};
    tt_emitter_add_sink(&em, to_buf, &sink);
    tt_capture_opts o = {.em = &em};
    tt_capture *c = tt_capture_new(&o);
    int rc = -1;
    if (!c) {
        snprintf(err, errlen, "out of memory");
        fclose(f);
        goto out;
    }
    rc = tt_capture_read(c, f, name, err, errlen);
    tt_capture_finish(c);
    if (rc == 0 && sink.over) {
        snprintf(err, errlen, "%s: its trace would be longer than %zu MiB", name, max_out >> 20);
        rc = -1;
    } else if (rc == 0 && em.sink_failed) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    } else if (rc == 0 && c->st.sessions == 0) {
        snprintf(err, errlen, "%s: no TLS connection in it (%llu frames, %llu TCP connections)",
                 name, (unsigned long long)c->st.packets, (unsigned long long)c->st.connections);
        rc = -1;
    }
    tt_capture_free(c);
out:
    tt_emitter_destroy(&em);
    return rc;
}
