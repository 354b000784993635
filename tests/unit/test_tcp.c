/* Unit tests of the TCP reassembler (tracer/capture/tt_tcp.c): every case a capture meets — both
 * directions, out-of-order segments, retransmissions, overlaps, a capture that starts
 * mid-connection, lost segments (gaps, reported, never guessed over), FIN and RST, snaplen cuts,
 * sequence-number wrap, and the memory bounds (per connection, open connections, idle eviction).
 *
 * The handler records what it is told as a log of short lines ("open 0 syn", "d0 hello", "gap1
 * 5", "close fin"), and each test compares the whole log, so an extra or a missing call fails. */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt_tcp.h"

typedef struct rec {
    char log[8192];
    size_t n;
    uint8_t stream[2][1 << 16]; /* every byte delivered per direction, gaps as '#' */
    size_t slen[2];
    int stop_after; /* data returns 1 once this many bytes were delivered (0: never) */
    int opens, closes;
    tt_tcp_conn_info info;
} rec;

static void logf_(rec *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(rec *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(r->log + r->n, sizeof(r->log) - r->n, fmt, ap);
    va_end(ap);
    if (w > 0)
        r->n += (size_t)w < sizeof(r->log) - r->n ? (size_t)w : sizeof(r->log) - r->n - 1;
}

static void *on_open(void *ctx, const tt_tcp_conn_info *info)
{
    rec *r = ctx;
    r->opens++;
    r->info = *info;
    logf_(r, "open %u%s;", info->port[0], info->syn_seen ? " syn" : "");
    return r;
}

static int on_data(void *ctx, void *user, int dir, const uint8_t *p, size_t n, uint64_t ts)
{
    rec *r = user;
    cr_assert_eq(ctx, user);
    logf_(r, "d%d %.*s;", dir, (int)n, (const char *)p);
    for (size_t i = 0; i < n && r->slen[dir] < sizeof(r->stream[0]); i++)
        r->stream[dir][r->slen[dir]++] = p[i];
    return r->stop_after && r->slen[dir] >= (size_t)r->stop_after;
}

static void on_gap(void *ctx, void *user, int dir, uint64_t missing, uint64_t ts)
{
    rec *r = user;
    logf_(r, "gap%d %llu;", dir, (unsigned long long)missing);
    for (uint64_t i = 0; i < missing && r->slen[dir] < sizeof(r->stream[0]); i++)
        r->stream[dir][r->slen[dir]++] = '#';
}

static void on_close(void *ctx, void *user, tt_tcp_close how, int by, uint64_t ts)
{
    rec *r = user;
    r->closes++;
    if (by >= 0)
        logf_(r, "close %s by %d;", tt_tcp_close_name(how), by);
    else
        logf_(r, "close %s;", tt_tcp_close_name(how));
}

static tt_tcp *mk(rec *r, size_t max_conns, size_t conn_bytes, uint64_t idle_us)
{
    memset(r, 0, sizeof(*r));
    tt_tcp_limits lim = {.max_conns = max_conns, .conn_bytes = conn_bytes, .idle_us = idle_us};
    tt_tcp_handler h = {
        .ctx = r, .open = on_open, .data = on_data, .gap = on_gap, .close = on_close};
    tt_tcp *t = tt_tcp_new(&lim, &h);
    cr_assert_not_null(t);
    return t;
}

/* A segment of the connection 10.0.0.1:1000 <-> 10.0.0.2:443 (dir 0: from the client). */
static tt_tcp_seg seg(int dir, uint32_t seq, uint8_t flags, const char *data)
{
    tt_tcp_seg s = {.family = 4, .seq = seq, .flags = flags};
    uint8_t a[4] = {10, 0, 0, 1}, b[4] = {10, 0, 0, 2};
    memcpy(s.src, dir ? b : a, 4);
    memcpy(s.dst, dir ? a : b, 4);
    s.sport = dir ? 443 : 1000;
    s.dport = dir ? 1000 : 443;
    s.payload = (const uint8_t *)data;
    s.len = s.wire_len = data ? strlen(data) : 0;
    return s;
}

static void add(tt_tcp *t, tt_tcp_seg s, uint64_t ts)
{
    s.ts_us = ts;
    cr_assert_eq(tt_tcp_add(t, &s), 0);
}

/* A client ISN of 100 and a server ISN of 5000, handshake done: the next client byte is 101. */
static void handshake(tt_tcp *t)
{
    add(t, seg(0, 100, TT_TCP_SYN, NULL), 1);
    tt_tcp_seg sa = seg(1, 5000, TT_TCP_SYN | TT_TCP_ACK, NULL);
    sa.ack = 101;
    add(t, sa, 2);
    tt_tcp_seg a = seg(0, 101, TT_TCP_ACK, NULL);
    a.ack = 5001;
    add(t, a, 3);
}

Test(tcp, in_order_both_directions_and_fin)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    handshake(t);
    add(t, seg(0, 101, TT_TCP_ACK | TT_TCP_PSH, "hello"), 4);
    add(t, seg(1, 5001, TT_TCP_ACK | TT_TCP_PSH, "world"), 5);
    add(t, seg(0, 106, TT_TCP_ACK | TT_TCP_FIN, NULL), 6);
    cr_expect_eq(r.closes, 0, "one FIN is half a close");
    add(t, seg(1, 5006, TT_TCP_ACK | TT_TCP_FIN, NULL), 7);
    cr_expect_str_eq(r.log, "open 1000 syn;d0 hello;d1 world;close fin by 0;");
    add(t, seg(0, 107, TT_TCP_ACK, NULL), 8); /* the last ACK opens nothing */
    cr_expect_eq(r.opens, 1);
    cr_expect_eq(tt_tcp_get_stats(t)->open, 0);
    tt_tcp_free(t);
}

Test(tcp, out_of_order_segments_come_out_in_order)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    handshake(t);
    add(t, seg(0, 111, TT_TCP_ACK, "CCCCC"), 4);
    add(t, seg(0, 106, TT_TCP_ACK, "BBBBB"), 5);
    cr_expect_str_eq(r.log, "open 1000 syn;", "nothing before the first hole fills");
    add(t, seg(0, 101, TT_TCP_ACK, "AAAAA"), 6);
    cr_expect_str_eq(r.log, "open 1000 syn;d0 AAAAA;d0 BBBBB;d0 CCCCC;");
    cr_expect_eq(tt_tcp_get_stats(t)->buffered, 0);
    tt_tcp_free(t);
}

Test(tcp, retransmissions_are_dropped_and_counted)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    handshake(t);
    add(t, seg(0, 101, TT_TCP_ACK, "hello"), 4);
    add(t, seg(0, 101, TT_TCP_ACK, "hello"), 5);
    add(t, seg(0, 100, TT_TCP_ACK, "x"), 6); /* a keep-alive probe: one old byte */
    add(t, seg(0, 106, TT_TCP_ACK, "!"), 7);
    cr_expect_str_eq(r.log, "open 1000 syn;d0 hello;d0 !;");
    cr_expect_eq(tt_tcp_get_stats(t)->retransmitted, 6);
    tt_tcp_free(t);
}

Test(tcp, overlaps_keep_the_first_copy_and_deliver_only_new_bytes)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    handshake(t);
    /* The stream is "abcdefghijklmnopq" from sequence number 101. */
    add(t, seg(0, 101, TT_TCP_ACK, "abcd"), 4);  /* 101..104 */
    add(t, seg(0, 103, TT_TCP_ACK, "cdefg"), 5); /* overlaps two delivered bytes */
    cr_expect_str_eq(r.log, "open 1000 syn;d0 abcd;d0 efg;");
    /* Out of order and overlapping each other (113..116, then 111..117 whose M and N differ from
     * the m and n already held: the first copy counts). */
    add(t, seg(0, 113, TT_TCP_ACK, "mnop"), 6);
    add(t, seg(0, 111, TT_TCP_ACK, "klMNopq"), 7);
    add(t, seg(0, 108, TT_TCP_ACK, "hijk"), 8); /* fills the hole and overlaps 111 */
    cr_expect_str_eq(r.log, "open 1000 syn;d0 abcd;d0 efg;d0 hijk;d0 l;d0 mnop;d0 q;");
    cr_expect_eq(r.slen[0], 17);
    cr_expect_eq(memcmp(r.stream[0], "abcdefghijklmnopq", 17), 0);
    cr_expect_eq(tt_tcp_get_stats(t)->overlap_differs, 2, "M and N differ from m and n");
    tt_tcp_free(t);
}

Test(tcp, mid_connection_start_takes_the_first_sender_as_endpoint_0)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    add(t, seg(1, 7000, TT_TCP_ACK, "server first"), 1); /* no SYN: the capture began late */
    add(t, seg(0, 300, TT_TCP_ACK, "then client"), 2);
    cr_expect_str_eq(r.log, "open 443;d0 server first;d1 then client;");
    cr_expect_eq(r.info.syn_seen, 0);
    cr_expect_eq(r.info.port[0], 443);
    cr_expect_eq(r.info.port[1], 1000);
    tt_tcp_free(t);
}

Test(tcp, a_syn_ack_without_its_syn_still_names_the_client)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    tt_tcp_seg sa = seg(1, 5000, TT_TCP_SYN | TT_TCP_ACK, NULL);
    sa.ack = 101;
    add(t, sa, 1);
    add(t, seg(0, 101, TT_TCP_ACK, "hi"), 2);
    cr_expect_str_eq(r.log, "open 1000 syn;d0 hi;");
    tt_tcp_free(t);
}

Test(tcp, syn_with_data_counts_the_syn_as_one_sequence_number)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    add(t, seg(0, 100, TT_TCP_SYN, "fast"), 1); /* TCP Fast Open, RFC 7413 */
    add(t, seg(0, 105, TT_TCP_ACK, "er"), 2);
    cr_expect_str_eq(r.log, "open 1000 syn;d0 fast;d0 er;");
    tt_tcp_free(t);
}

Test(tcp, a_hole_before_fin_is_a_gap_not_invented_bytes)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    handshake(t);
    add(t, seg(0, 101, TT_TCP_ACK, "AAAA"), 4);
    /* 105..108 lost by the capture */
    add(t, seg(0, 109, TT_TCP_ACK, "CCCC"), 5);
    add(t, seg(0, 113, TT_TCP_ACK | TT_TCP_FIN, NULL), 6);
    cr_expect_str_eq(r.log, "open 1000 syn;d0 AAAA;", "a retransmission may still fill it");
    tt_tcp_seg f = seg(1, 5001, TT_TCP_ACK | TT_TCP_FIN, NULL);
    f.ack = 114; /* the server received everything, FIN included */
    add(t, f, 7);
    cr_expect_str_eq(r.log, "open 1000 syn;d0 AAAA;gap0 4;d0 CCCC;close fin by 0;");
    cr_expect_eq(tt_tcp_get_stats(t)->gap_bytes, 4);
    tt_tcp_free(t);
}

Test(tcp, an_ack_past_a_hole_proves_the_capture_missed_it)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    handshake(t);
    add(t, seg(0, 101, TT_TCP_ACK, "AAAA"), 4);
    add(t, seg(0, 109, TT_TCP_ACK, "CCCC"), 5);
    tt_tcp_seg a = seg(1, 5001, TT_TCP_ACK, NULL);
    a.ack = 107; /* the server has bytes up to 106: the hole starts being real */
    add(t, a, 6);
    cr_expect_str_eq(r.log, "open 1000 syn;d0 AAAA;gap0 2;", "only the acknowledged part");
    a.ack = 113;
    add(t, a, 7);
    cr_expect_str_eq(r.log, "open 1000 syn;d0 AAAA;gap0 2;gap0 2;d0 CCCC;");
    tt_tcp_free(t);
}

Test(tcp, a_lost_last_segment_before_a_seen_fin_is_a_gap)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    handshake(t);
    add(t, seg(0, 101, TT_TCP_ACK, "AAAA"), 4);
    add(t, seg(0, 109, TT_TCP_ACK | TT_TCP_FIN, NULL), 5); /* 105..108 never seen */
    tt_tcp_seg a = seg(1, 5001, TT_TCP_ACK, NULL);
    a.ack = 110;
    add(t, a, 6);
    cr_expect_str_eq(r.log, "open 1000 syn;d0 AAAA;gap0 4;");
    tt_tcp_free(t);
}

Test(tcp, rst_closes_at_once_and_reports_what_was_missing)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    handshake(t);
    add(t, seg(0, 101, TT_TCP_ACK, "AA"), 4);
    add(t, seg(0, 105, TT_TCP_ACK, "CC"), 5);
    add(t, seg(1, 5001, TT_TCP_RST, NULL), 6);
    cr_expect_str_eq(r.log, "open 1000 syn;d0 AA;gap0 2;d0 CC;close rst by 1;");
    add(t, seg(0, 107, TT_TCP_ACK, ""), 7);
    cr_expect_eq(r.opens, 1, "an empty segment after the reset opens nothing");
    tt_tcp_free(t);
}

Test(tcp, snaplen_cut_payload_is_a_gap_of_the_cut_bytes)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    handshake(t);
    tt_tcp_seg s = seg(0, 101, TT_TCP_ACK, "ABCDEFGH");
    s.len = 3; /* the capture kept 3 of 8 bytes */
    add(t, s, 4);
    add(t, seg(0, 109, TT_TCP_ACK, "next"), 5);
    cr_expect_str_eq(r.log, "open 1000 syn;d0 ABC;gap0 5;d0 next;");
    tt_tcp_free(t);
}

Test(tcp, sequence_numbers_wrap_around_2_to_the_32)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    add(t, seg(0, 0xfffffffcu, TT_TCP_SYN, NULL), 1);
    add(t, seg(0, 0x00000001u, TT_TCP_ACK, "world"), 2); /* after the wrap, out of order */
    add(t, seg(0, 0xfffffffdu, TT_TCP_ACK, "hell"), 3);  /* fffffffd..00000000 */
    cr_expect_str_eq(r.log, "open 1000 syn;d0 hell;d0 world;");
    tt_tcp_free(t);
}

Test(tcp, per_connection_cap_gives_up_the_oldest_hole)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 10, 0); /* at most 10 bytes out of order */
    handshake(t);
    add(t, seg(0, 105, TT_TCP_ACK, "EEEE"), 4); /* hole 101..104 */
    add(t, seg(0, 113, TT_TCP_ACK, "MMMM"), 5); /* hole 109..112; 8 bytes held */
    cr_expect_str_eq(r.log, "open 1000 syn;");
    add(t, seg(0, 121, TT_TCP_ACK, "UUUU"), 6); /* 12 > 10: the first hole goes */
    cr_expect_str_eq(r.log, "open 1000 syn;gap0 4;d0 EEEE;");
    cr_expect_leq(tt_tcp_get_stats(t)->peak_buffered, 10);
    /* A segment larger than the cap on its own is delivered after a gap, never held. */
    add(t, seg(0, 200, TT_TCP_ACK, "0123456789abcdef"), 7);
    cr_expect_leq(tt_tcp_get_stats(t)->peak_buffered, 10);
    cr_expect_str_eq(r.log, "open 1000 syn;gap0 4;d0 EEEE;gap0 4;d0 MMMM;gap0 4;d0 UUUU;"
                            "gap0 75;d0 0123456789abcdef;");
    tt_tcp_free(t);
}

static tt_tcp_seg seg_port(uint16_t cport, uint32_t seq, uint8_t flags, const char *data)
{
    tt_tcp_seg s = seg(0, seq, flags, data);
    s.sport = cport;
    return s;
}

Test(tcp, open_connection_cap_evicts_the_least_recently_active)
{
    rec r;
    tt_tcp *t = mk(&r, 2, 4096, 0);
    add(t, seg_port(1, 10, TT_TCP_ACK, "a"), 1);
    add(t, seg_port(2, 10, TT_TCP_ACK, "b"), 2);
    add(t, seg_port(1, 11, TT_TCP_ACK, "a"), 3); /* 1 is now more recent than 2 */
    add(t, seg_port(3, 10, TT_TCP_ACK, "c"), 4); /* a third: 2 goes */
    cr_expect_str_eq(r.log, "open 1;d0 a;open 2;d0 b;d0 a;close evicted;open 3;d0 c;");
    cr_expect_eq(tt_tcp_get_stats(t)->open, 2);
    cr_expect_eq(tt_tcp_get_stats(t)->peak_open, 2);
    cr_expect_eq(tt_tcp_get_stats(t)->evicted_cap, 1);
    tt_tcp_free(t);
}

Test(tcp, idle_connections_are_closed_by_capture_time)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 1000000);
    add(t, seg_port(1, 10, TT_TCP_ACK, "a"), 1000);
    add(t, seg_port(2, 10, TT_TCP_ACK, "b"), 600000);
    add(t, seg_port(2, 11, TT_TCP_ACK, "b"), 1100000); /* 1 has been silent for 1.099 s */
    cr_expect_str_eq(r.log, "open 1;d0 a;open 2;d0 b;close idle;d0 b;");
    tt_tcp_expire(t, 2000000);
    cr_expect_str_eq(r.log, "open 1;d0 a;open 2;d0 b;close idle;d0 b;", "2 spoke 0.9 s ago");
    tt_tcp_expire(t, 2200000);
    cr_expect_str_eq(r.log, "open 1;d0 a;open 2;d0 b;close idle;d0 b;close idle;");
    cr_expect_eq(tt_tcp_get_stats(t)->evicted_idle, 2);
    tt_tcp_free(t);
}

Test(tcp, end_of_capture_closes_and_reports_the_holes)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    handshake(t);
    add(t, seg(0, 101, TT_TCP_ACK, "AA"), 4);
    add(t, seg(0, 110, TT_TCP_ACK, "ZZ"), 5);
    tt_tcp_finish(t, 9);
    cr_expect_str_eq(r.log, "open 1000 syn;d0 AA;gap0 7;d0 ZZ;close capture_end;");
    tt_tcp_free(t);
}

Test(tcp, data_returning_1_stops_delivery_but_not_the_close)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    r.stop_after = 1;
    handshake(t);
    add(t, seg(0, 101, TT_TCP_ACK, "GET / HTTP/1.1"), 4);
    add(t, seg(0, 115, TT_TCP_ACK, "more"), 5);
    add(t, seg(0, 200, TT_TCP_ACK, "ooo"), 6);
    cr_expect_eq(tt_tcp_get_stats(t)->buffered, 0, "an ignored connection holds nothing");
    add(t, seg(0, 119, TT_TCP_ACK | TT_TCP_FIN, NULL), 7);
    add(t, seg(1, 5001, TT_TCP_ACK | TT_TCP_FIN, NULL), 8);
    cr_expect_str_eq(r.log, "open 1000 syn;d0 GET / HTTP/1.1;close fin by 0;");
    tt_tcp_free(t);
}

Test(tcp, bare_acks_and_far_segments_open_or_add_nothing)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    add(t, seg(0, 1, TT_TCP_ACK, NULL), 1);
    add(t, seg(0, 1, TT_TCP_FIN | TT_TCP_ACK, NULL), 2);
    add(t, seg(0, 1, TT_TCP_RST, NULL), 3);
    cr_expect_eq(r.opens, 0);
    handshake(t);
    add(t, seg(0, 101 + (1u << 30) + 5, TT_TCP_ACK, "far"), 4);
    cr_expect_eq(tt_tcp_get_stats(t)->out_of_window, 1);
    cr_expect_eq(tt_tcp_get_stats(t)->buffered, 0);
    cr_expect_str_eq(r.log, "open 1000 syn;");
    tt_tcp_free(t);
}

Test(tcp, ipv6_connections_are_kept_apart_from_ipv4)
{
    rec r;
    tt_tcp *t = mk(&r, 8, 4096, 0);
    tt_tcp_seg s = seg(0, 10, TT_TCP_ACK, "v4");
    add(t, s, 1);
    s.family = 6; /* same first four bytes, other family */
    s.payload = (const uint8_t *)"v6";
    add(t, s, 2);
    cr_expect_eq(r.opens, 2);
    cr_expect_eq(tt_tcp_get_stats(t)->open, 2);
    tt_tcp_finish(t, 3);
    cr_expect_eq(r.closes, 2);
    tt_tcp_free(t);
}

/* Property: a stream cut into random segments, shuffled, with duplicates, comes out whole. */
Test(tcp, shuffled_duplicated_segments_reassemble_exactly)
{
    uint8_t src[2][20000];
    unsigned rng = 12345;
    for (int d = 0; d < 2; d++)
        for (size_t i = 0; i < sizeof(src[0]); i++)
            src[d][i] = (uint8_t)('a' + (rng = rng * 1103515245u + 12345u) % 26);
    for (int round = 0; round < 20; round++) {
        rec r;
        tt_tcp *t = mk(&r, 8, 1 << 20, 0);
        handshake(t);
        struct {
            int dir;
            uint32_t off, len;
        } segs[800];
        size_t ns = 0;
        for (int pass = 0; pass < 4; pass++) { /* two different cuts of each direction */
            int d = pass & 1;
            uint32_t off = 0;
            while (off < sizeof(src[0]) && ns < 700) {
                uint32_t len = 1 + (rng = rng * 1103515245u + 12345u) % 300;
                if (off + len > sizeof(src[0]))
                    len = (uint32_t)sizeof(src[0]) - off;
                segs[ns].dir = d;
                segs[ns].off = off;
                segs[ns].len = len;
                ns++;
                off += len;
            }
            cr_assert_eq(off, sizeof(src[0]));
        }
        size_t unique = ns;
        for (size_t i = 0; i < 60; i++) /* duplicates */
            segs[ns++] = segs[(rng = rng * 1103515245u + 12345u) % unique];
        for (size_t i = ns - 1; i > 0; i--) {
            size_t j = (rng = rng * 1103515245u + 12345u) % (i + 1);
            __typeof__(segs[0]) tmp = segs[i];
            segs[i] = segs[j];
            segs[j] = tmp;
        }
        r.n = 0;
        for (size_t i = 0; i < ns; i++) {
            tt_tcp_seg s =
                seg(segs[i].dir, (segs[i].dir ? 5001 : 101) + segs[i].off, TT_TCP_ACK, NULL);
            s.payload = src[segs[i].dir] + segs[i].off;
            s.len = s.wire_len = segs[i].len;
            s.ts_us = 10 + i;
            cr_assert_eq(tt_tcp_add(t, &s), 0);
            if (r.n > sizeof(r.log) - 2048)
                r.n = 0; /* the log is not what this test checks */
        }
        for (int d = 0; d < 2; d++) {
            cr_assert_eq(r.slen[d], sizeof(src[0]), "round %d dir %d: %zu bytes", round, d,
                         r.slen[d]);
            cr_assert_eq(memcmp(r.stream[d], src[d], sizeof(src[0])), 0, "round %d dir %d", round,
                         d);
        }
        cr_assert_eq(tt_tcp_get_stats(t)->gaps, 0);
        cr_assert_eq(tt_tcp_get_stats(t)->buffered, 0);
        tt_tcp_free(t);
    }
}

Test(tcp, refuses_zero_limits)
{
    tt_tcp_handler h = {0};
    tt_tcp_limits lim = {.max_conns = 0, .conn_bytes = 10};
    cr_expect_null(tt_tcp_new(&lim, &h));
    lim = (tt_tcp_limits){.max_conns = 1, .conn_bytes = 0};
    cr_expect_null(tt_tcp_new(&lim, &h));
}
