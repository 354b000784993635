/* TCP reassembly (see tt_tcp.h).
 *
 * Each connection keeps, per direction, the next sequence number it expects and a sorted list of
 * the bytes that arrived ahead of it. Bytes at or before `next` are delivered at once (the part
 * already delivered is a retransmission and dropped); bytes after it wait in the list until the
 * hole before them fills. A hole is given up, and reported as a gap, when:
 *   - the receiver acknowledged bytes past it (the data passed the wire; the capture missed it),
 *   - the connection would hold more than its cap out of order,
 *   - the connection ends (FIN reached, RST, idle, evicted, end of capture).
 * Connections live in a hash table (both orientations of the address pair find the same entry)
 * and in a list ordered by last activity, whose tail is the first to go when the table is full
 * or the connection idle. */
#include "tt_tcp.h"

#include <stdlib.h>
#include <string.h>

/* A segment's distance from the stream beyond which it cannot belong to it (RFC 9293 §3.4: valid
 * sequence numbers are within the receive window, at most 2^30 with window scaling, RFC 7323 §2.3).
 */
#define TT_TCP_MAX_AHEAD (1u << 30)

typedef struct ooo_seg {
    struct ooo_seg *next;
    uint32_t seq, len;
    uint8_t data[];
} ooo_seg;

typedef struct half {
    int started;   /* `next` is known (a SYN, or the first byte seen mid-connection) */
    uint32_t next; /* sequence number of the next byte to deliver */
    int fin;       /* a FIN was seen; the stream ends at fin_seq */
    uint32_t fin_seq;
    ooo_seg *ooo; /* bytes after `next`, sorted by seq, not overlapping */
} half;

typedef struct conn {
    struct conn *hnext;         /* hash chain */
    struct conn *newer, *older; /* activity list: head is the most recent */
    tt_tcp_conn_info info;
    half h[2];
    void *user;
    int ignored;     /* open returned NULL, or data asked to stop */
    int first_fin;   /* direction of the first FIN, -1 before */
    size_t buffered; /* bytes in both ooo lists */
    uint64_t last_us;
} conn;

struct tt_tcp {
    tt_tcp_limits lim;
    tt_tcp_handler h;
    conn **buckets;
    size_t nbuckets; /* a power of two */
    conn *newest, *oldest;
    tt_tcp_stats st;
};

/* RFC 9293 §3.4: comparisons modulo 2^32. */
static int seq_lt(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) < 0;
}
static int seq_le(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) <= 0;
}

const char *tt_tcp_close_name(tt_tcp_close how)
{
    switch (how) {
    case TT_TCP_CLOSE_FIN: return "fin";
    case TT_TCP_CLOSE_RST: return "rst";
    case TT_TCP_CLOSE_IDLE: return "idle";
    case TT_TCP_CLOSE_EVICTED: return "evicted";
    case TT_TCP_CLOSE_END: return "capture_end";
    }
    return "unknown";
}

tt_tcp *tt_tcp_new(const tt_tcp_limits *lim, const tt_tcp_handler *h)
{
    if (!lim || !h || lim->max_conns == 0 || lim->conn_bytes == 0)
        return NULL;
    tt_tcp *t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->lim = *lim;
    t->h = *h;
    size_t want = lim->max_conns > ((size_t)1 << 24) ? ((size_t)1 << 24) : lim->max_conns;
    t->nbuckets = 64;
    while (t->nbuckets < 2 * want)
        t->nbuckets <<= 1;
    t->buckets = calloc(t->nbuckets, sizeof(*t->buckets));
    if (!t->buckets) {
        free(t);
        return NULL;
    }
    return t;
}

/* FNV-1a over the address pair, the same for both orientations (each endpoint is hashed alone
 * and the two combined with XOR). */
static uint32_t hash_endpoint(uint8_t family, const uint8_t *a, uint16_t port)
{
    uint32_t h = 2166136261u;
    size_t n = family == 6 ? 16 : 4;
    for (size_t i = 0; i < n; i++)
        h = (h ^ a[i]) * 16777619u;
    h = (h ^ (port >> 8)) * 16777619u;
    h = (h ^ (port & 0xff)) * 16777619u;
    return h;
}

static size_t bucket_of(const tt_tcp *t, const tt_tcp_seg *s)
{
    uint32_t h =
        hash_endpoint(s->family, s->src, s->sport) ^ hash_endpoint(s->family, s->dst, s->dport);
    h ^= h >> 16;
    return (size_t)h & (t->nbuckets - 1);
}

static int same_endpoint(const conn *c, int e, uint8_t family, const uint8_t *a, uint16_t port)
{
    size_t n = family == 6 ? 16 : 4;
    return c->info.port[e] == port && memcmp(c->info.addr[e], a, n) == 0;
}

/* The connection of a segment and the direction it travels (0: written by endpoint 0), or NULL. */
static conn *find(tt_tcp *t, const tt_tcp_seg *s, size_t b, int *dir)
{
    for (conn *c = t->buckets[b]; c; c = c->hnext) {
        if (c->info.family != s->family)
            continue;
        if (same_endpoint(c, 0, s->family, s->src, s->sport) &&
            same_endpoint(c, 1, s->family, s->dst, s->dport)) {
            *dir = 0;
            return c;
        }
        if (same_endpoint(c, 1, s->family, s->src, s->sport) &&
            same_endpoint(c, 0, s->family, s->dst, s->dport)) {
            *dir = 1;
            return c;
        }
    }
    return NULL;
}

/* ---------- the activity list ---------- */

static void list_unlink(tt_tcp *t, conn *c)
{
    if (c->newer)
        c->newer->older = c->older;
    else
        t->newest = c->older;
    if (c->older)
        c->older->newer = c->newer;
    else
        t->oldest = c->newer;
    c->newer = c->older = NULL;
}

static void list_push(tt_tcp *t, conn *c)
{
    c->older = t->newest;
    c->newer = NULL;
    if (t->newest)
        t->newest->newer = c;
    t->newest = c;
    if (!t->oldest)
        t->oldest = c;
}

/* ---------- delivering bytes ---------- */

static void free_ooo(tt_tcp *t, conn *c, half *h)
{
    while (h->ooo) {
        ooo_seg *s = h->ooo;
        h->ooo = s->next;
        c->buffered -= s->len;
        t->st.buffered -= s->len;
        free(s);
    }
}

static void stop(tt_tcp *t, conn *c)
{
    c->ignored = 1;
    free_ooo(t, c, &c->h[0]);
    free_ooo(t, c, &c->h[1]);
}

static void deliver(tt_tcp *t, conn *c, int dir, const uint8_t *p, size_t n, uint64_t ts)
{
    c->h[dir].next += (uint32_t)n;
    if (c->ignored || n == 0)
        return;
    if (t->h.data(t->h.ctx, c->user, dir, p, n, ts) != 0)
        stop(t, c);
}

/* Delivers what the ooo list holds from `next` on. */
static void drain(tt_tcp *t, conn *c, int dir, uint64_t ts)
{
    half *h = &c->h[dir];
    while (h->ooo && seq_le(h->ooo->seq, h->next)) {
        ooo_seg *s = h->ooo;
        h->ooo = s->next;
        uint32_t end = s->seq + s->len;
        c->buffered -= s->len;
        t->st.buffered -= s->len;
        if (seq_lt(h->next, end)) {
            uint32_t skip = h->next - s->seq;
            deliver(t, c, dir, s->data + skip, s->len - skip, ts);
        } else {
            t->st.retransmitted += s->len;
        }
        free(s);
        if (c->ignored)
            return;
    }
}

/* Gives up the bytes from `next` to `to`: a gap, then whatever was buffered after it. */
static void skip_to(tt_tcp *t, conn *c, int dir, uint32_t to, uint64_t ts)
{
    half *h = &c->h[dir];
    if (!seq_lt(h->next, to))
        return;
    uint32_t missing = to - h->next;
    h->next = to;
    t->st.gaps++;
    t->st.gap_bytes += missing;
    if (!c->ignored && t->h.gap)
        t->h.gap(t->h.ctx, c->user, dir, missing, ts);
    drain(t, c, dir, ts);
}

/* Gives up the first hole of one direction (to bound memory, or because the connection ends). */
static void skip_first_hole(tt_tcp *t, conn *c, int dir, uint64_t ts)
{
    half *h = &c->h[dir];
    if (h->ooo)
        skip_to(t, c, dir, h->ooo->seq, ts);
}

/* Inserts [seq, seq+n) into the ooo list, keeping what is already there (the first copy counts)
 * and counting the bytes that repeat it. */
static int buffer(tt_tcp *t, conn *c, int dir, uint32_t seq, const uint8_t *p, size_t n)
{
    half *h = &c->h[dir];
    ooo_seg **at = &h->ooo;
    uint32_t a = seq, b = seq + (uint32_t)n;
    while (seq_lt(a, b)) {
        ooo_seg *cur = *at;
        if (cur && seq_le(cur->seq + cur->len, a)) { /* entirely before: move on */
            at = &cur->next;
            continue;
        }
        /* The piece before cur (or up to b when there is no cur). */
        uint32_t piece_end = cur && seq_lt(cur->seq, b) ? cur->seq : b;
        if (seq_lt(a, piece_end)) {
            uint32_t len = piece_end - a;
            ooo_seg *s = malloc(sizeof(*s) + len);
            if (!s)
                return -1;
            s->seq = a;
            s->len = len;
            memcpy(s->data, p + (a - seq), len);
            s->next = cur;
            *at = s;
            at = &s->next;
            c->buffered += len;
            t->st.buffered += len;
            if (t->st.buffered > t->st.peak_buffered)
                t->st.peak_buffered = t->st.buffered;
            a = piece_end;
            continue;
        }
        if (!cur)
            break;
        /* a is inside cur: the overlap repeats bytes already held. */
        uint32_t ov_end = seq_lt(cur->seq + cur->len, b) ? cur->seq + cur->len : b;
        uint32_t len = ov_end - a;
        t->st.retransmitted += len;
        const uint8_t *held = cur->data + (a - cur->seq), *again = p + (a - seq);
        for (uint32_t i = 0; i < len; i++)
            t->st.overlap_differs += held[i] != again[i];
        a = ov_end;
        at = &cur->next;
    }
    return 0;
}

/* Bytes of one direction starting at seq (n captured of wire_len sent). */
static int add_data(tt_tcp *t, conn *c, int dir, uint32_t seq, const uint8_t *p, size_t n,
                    size_t wire_len, uint64_t ts)
{
    half *h = &c->h[dir];
    if (c->ignored || wire_len == 0)
        return 0;
    if (n > wire_len)
        n = wire_len;
    uint32_t end = seq + (uint32_t)n;
    if (seq_le(seq, h->next)) {
        if (seq_le(end, h->next)) {
            t->st.retransmitted += n;
        } else {
            uint32_t skip = h->next - seq;
            t->st.retransmitted += skip;
            deliver(t, c, dir, p + skip, n - skip, ts);
            drain(t, c, dir, ts);
        }
        /* The capture kept only n of the wire_len bytes: the rest is missing for good. */
        if (wire_len > n && !c->ignored && h->next == end)
            skip_to(t, c, dir, seq + (uint32_t)wire_len, ts);
        return 0;
    }
    if (seq - h->next > TT_TCP_MAX_AHEAD) {
        t->st.out_of_window++;
        return 0;
    }
    if (n == 0)
        return 0;
    /* Out of order. Make room by giving up holes, oldest first, this direction first. */
    while (c->buffered + n > t->lim.conn_bytes && (c->h[dir].ooo || c->h[!dir].ooo)) {
        skip_first_hole(t, c, c->h[dir].ooo ? dir : !dir, ts);
        if (c->ignored)
            return 0;
    }
    if (seq_le(seq, h->next)) /* the hole before it was given up */
        return add_data(t, c, dir, seq, p, n, wire_len, ts);
    if (c->buffered + n > t->lim.conn_bytes) {
        /* Even alone it does not fit: give up the hole before it and deliver it now. */
        skip_to(t, c, dir, seq, ts);
        return add_data(t, c, dir, seq, p, n, wire_len, ts);
    }
    return buffer(t, c, dir, seq, p, n);
}

/* ---------- opening and closing ---------- */

static void close_conn(tt_tcp *t, conn *c, tt_tcp_close how, int by, uint64_t ts)
{
    /* What is still missing, as gaps (and what was buffered after them, delivered). */
    for (int d = 0; d < 2; d++) {
        half *h = &c->h[d];
        while (h->ooo && !c->ignored)
            skip_first_hole(t, c, d, ts);
        if (h->fin && h->started && !c->ignored)
            skip_to(t, c, d, h->fin_seq, ts);
        free_ooo(t, c, h);
    }
    if (c->user && t->h.close)
        t->h.close(t->h.ctx, c->user, how, how == TT_TCP_CLOSE_FIN ? c->first_fin : by, ts);
    /* Unlink from the table and the list. */
    const tt_tcp_seg key = {
        .family = c->info.family, .sport = c->info.port[0], .dport = c->info.port[1]};
    tt_tcp_seg k = key;
    memcpy(k.src, c->info.addr[0], 16);
    memcpy(k.dst, c->info.addr[1], 16);
    conn **pp = &t->buckets[bucket_of(t, &k)];
    while (*pp && *pp != c)
        pp = &(*pp)->hnext;
    if (*pp)
        *pp = c->hnext;
    list_unlink(t, c);
    t->st.open--;
    t->st.closed++;
    if (how == TT_TCP_CLOSE_IDLE)
        t->st.evicted_idle++;
    else if (how == TT_TCP_CLOSE_EVICTED)
        t->st.evicted_cap++;
    free(c);
}

static conn *open_conn(tt_tcp *t, const tt_tcp_seg *s, size_t b, int src_is_0, int syn_seen)
{
    if (t->st.open >= t->lim.max_conns && t->oldest)
        close_conn(t, t->oldest, TT_TCP_CLOSE_EVICTED, -1, s->ts_us);
    conn *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    c->info.family = s->family;
    const uint8_t *a0 = src_is_0 ? s->src : s->dst, *a1 = src_is_0 ? s->dst : s->src;
    memcpy(c->info.addr[0], a0, s->family == 6 ? 16 : 4);
    memcpy(c->info.addr[1], a1, s->family == 6 ? 16 : 4);
    c->info.port[0] = src_is_0 ? s->sport : s->dport;
    c->info.port[1] = src_is_0 ? s->dport : s->sport;
    c->info.syn_seen = syn_seen;
    c->first_fin = -1;
    c->info.ts_us = s->ts_us;
    c->last_us = s->ts_us;
    c->hnext = t->buckets[b];
    t->buckets[b] = c;
    list_push(t, c);
    t->st.open++;
    t->st.opened++;
    if (t->st.open > t->st.peak_open)
        t->st.peak_open = t->st.open;
    c->user = t->h.open ? t->h.open(t->h.ctx, &c->info) : NULL;
    if (!c->user)
        c->ignored = 1;
    return c;
}

static int half_done(const conn *c, const half *h)
{
    return h->fin && (c->ignored || !h->started || seq_le(h->fin_seq, h->next));
}

void tt_tcp_expire(tt_tcp *t, uint64_t now_us)
{
    if (!t->lim.idle_us)
        return;
    while (t->oldest && now_us > t->oldest->last_us && now_us - t->oldest->last_us > t->lim.idle_us)
        close_conn(t, t->oldest, TT_TCP_CLOSE_IDLE, -1, now_us);
}

int tt_tcp_add(tt_tcp *t, const tt_tcp_seg *s)
{
    t->st.segments++;
    if (s->family != 4 && s->family != 6)
        return 0;
    tt_tcp_expire(t, s->ts_us);
    size_t b = bucket_of(t, s);
    int dir = 0;
    conn *c = find(t, s, b, &dir);
    int syn = (s->flags & TT_TCP_SYN) != 0, ack = (s->flags & TT_TCP_ACK) != 0;
    if (!c) {
        if (s->flags & TT_TCP_RST)
            return 0;
        if (syn) /* SYN: the sender opens; SYN-ACK: the receiver did */
            c = open_conn(t, s, b, !ack, 1);
        else if (s->wire_len > 0) /* mid-connection: the first sender is endpoint 0 */
            c = open_conn(t, s, b, 1, 0);
        else
            return 0; /* a bare ACK or FIN of a connection we never saw carrying bytes */
        if (!c)
            return -1;
        dir = syn ? (ack ? 1 : 0) : 0;
    }
    if (c->newer) { /* most recent first */
        list_unlink(t, c);
        list_push(t, c);
    }
    if (s->ts_us > c->last_us)
        c->last_us = s->ts_us;

    if (s->flags & TT_TCP_RST) {
        close_conn(t, c, TT_TCP_CLOSE_RST, dir, s->ts_us);
        return 0;
    }
    half *h = &c->h[dir];
    uint32_t data_seq = syn ? s->seq + 1 : s->seq; /* the SYN takes one sequence number */
    if (syn && !h->started) {
        h->started = 1;
        h->next = data_seq;
    } else if (!h->started && (s->wire_len > 0 || (s->flags & TT_TCP_FIN))) {
        h->started = 1; /* mid-connection: the stream starts where the capture does */
        h->next = data_seq;
    }
    int rc = 0;
    if (h->started && s->wire_len > 0)
        rc = add_data(t, c, dir, data_seq, s->payload, s->len, s->wire_len, s->ts_us);
    if ((s->flags & TT_TCP_FIN) && h->started) {
        if (c->first_fin < 0)
            c->first_fin = dir;
        h->fin = 1;
        h->fin_seq = data_seq + (uint32_t)s->wire_len;
    }
    /* The other direction: bytes its receiver acknowledged passed the wire. If a hole is below
     * them, the capture missed them (RFC 9293 §3.4: SEG.ACK is the next byte expected). */
    half *o = &c->h[!dir];
    if (ack && o->started && !c->ignored && (o->ooo || o->fin)) {
        uint32_t bound = o->ooo ? o->ooo->seq : o->fin_seq;
        uint32_t to = seq_lt(s->ack, bound) ? s->ack : bound;
        if (seq_lt(o->next, to) && to - o->next <= TT_TCP_MAX_AHEAD)
            skip_to(t, c, !dir, to, s->ts_us);
    }
    if (half_done(c, &c->h[0]) && half_done(c, &c->h[1]))
        close_conn(t, c, TT_TCP_CLOSE_FIN, -1, s->ts_us);
    return rc;
}

void tt_tcp_finish(tt_tcp *t, uint64_t now_us)
{
    while (t->oldest)
        close_conn(t, t->oldest, TT_TCP_CLOSE_END, -1, now_us);
}

const tt_tcp_stats *tt_tcp_get_stats(const tt_tcp *t)
{
    return &t->st;
}

size_t tt_tcp_memory(const tt_tcp *t)
{
    return sizeof(*t) + t->nbuckets * sizeof(conn *) + t->st.open * sizeof(conn) + t->st.buffered;
}

void tt_tcp_free(tt_tcp *t)
{
    if (!t)
        return;
    while (t->oldest) {
        conn *c = t->oldest;
        free_ooo(t, c, &c->h[0]);
        free_ooo(t, c, &c->h[1]);
        list_unlink(t, c);
        free(c);
    }
    free(t->buckets);
    free(t);
}
