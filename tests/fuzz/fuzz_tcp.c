/* libFuzzer target for the TCP reassembler (tracer/capture/tt_tcp.c). See README.md here.
 *
 * Input: a sequence of 8-byte segments:
 *   byte 0  TCP flags (FIN SYN RST PSH ACK)
 *   byte 1  bit 0: direction; bits 1-3: which of 8 connections; bits 4-7: time step
 *   byte 2-3 sequence number (big-endian, added to a per-connection base near 2^32 so that
 *           sequence numbers wrap)
 *   byte 4  payload length captured (0..255)
 *   byte 5  payload bytes cut by the snaplen (the wire carried len + this)
 *   byte 6-7 acknowledgment number (same base as the other direction's)
 * The payload byte at sequence number s is (uint8_t)s, so the oracle can check what comes out:
 * in each direction, every byte delivered must be the one after the previous byte or gap
 * (nothing reordered, duplicated or invented), and the bytes held must stay within the limits. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tt_tcp.h"

#define CONNS 8

typedef struct track {
    int open;
    int have[2];
    uint8_t next[2]; /* the byte expected next in each direction */
} track;

static track tracks[CONNS];

static void *on_open(void *ctx, const tt_tcp_conn_info *info)
{
    /* The client port names the connection (1000 + index), on either side. */
    int i = (info->port[0] >= 1000 ? info->port[0] : info->port[1]) - 1000;
    if (i < 0 || i >= CONNS)
        abort();
    if (tracks[i].open)
        abort(); /* opened twice without a close */
    memset(&tracks[i], 0, sizeof(tracks[i]));
    tracks[i].open = 1;
    /* The direction numbering is the connection's: remember whether endpoint 0 is the client. */
    tracks[i].have[0] = tracks[i].have[1] = 0;
    return &tracks[i];
}

static int on_data(void *ctx, void *user, int dir, const uint8_t *p, size_t n, uint64_t ts)
{
    track *t = user;
    if (!t->open || n == 0)
        abort();
    for (size_t i = 0; i < n; i++) {
        if (t->have[dir] && p[i] != t->next[dir])
            abort(); /* a byte out of order, repeated or invented */
        t->have[dir] = 1;
        t->next[dir] = (uint8_t)(p[i] + 1);
    }
    return 0;
}

static void on_gap(void *ctx, void *user, int dir, uint64_t missing, uint64_t ts)
{
    track *t = user;
    if (!t->open || missing == 0)
        abort();
    if (t->have[dir])
        t->next[dir] = (uint8_t)(t->next[dir] + missing);
}

static void on_close(void *ctx, void *user, tt_tcp_close how, int by, uint64_t ts)
{
    track *t = user;
    if (!t->open || by < -1 || by > 1 || (how == TT_TCP_CLOSE_IDLE && by != -1))
        abort();
    t->open = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    memset(tracks, 0, sizeof(tracks));
    tt_tcp_limits lim = {.max_conns = 4, .conn_bytes = 600, .idle_us = 40};
    tt_tcp_handler h = {.open = on_open, .data = on_data, .gap = on_gap, .close = on_close};
    tt_tcp *t = tt_tcp_new(&lim, &h);
    if (!t)
        return 0;
    uint8_t payload[512];
    uint64_t now = 0;
    for (size_t off = 0; off + 8 <= size; off += 8) {
        const uint8_t *op = data + off;
        int dir = op[1] & 1, conn = (op[1] >> 1) & 7;
        now += op[1] >> 4;
        uint32_t base = dir ? 0x7ffffff0u : 0xffffff00u;
        tt_tcp_seg s = {.ts_us = now, .family = 4, .flags = op[0] & 0x1f};
        uint8_t cli[4] = {192, 0, 2, 1}, srv[4] = {198, 51, 100, 1};
        memcpy(s.src, dir ? srv : cli, 4);
        memcpy(s.dst, dir ? cli : srv, 4);
        s.sport = dir ? 443 : (uint16_t)(1000 + conn);
        s.dport = dir ? (uint16_t)(1000 + conn) : 443;
        s.seq = base + (uint32_t)(op[2] << 8 | op[3]);
        s.ack = (dir ? 0xffffff00u : 0x7ffffff0u) + (uint32_t)(op[6] << 8 | op[7]);
        s.len = op[4];
        s.wire_len = s.len + op[5];
        uint32_t first = (s.flags & TT_TCP_SYN) ? s.seq + 1 : s.seq;
        for (size_t i = 0; i < s.len; i++)
            payload[i] = (uint8_t)(first + i);
        s.payload = payload;
        tt_tcp_add(t, &s);
        const tt_tcp_stats *st = tt_tcp_get_stats(t);
        if (st->buffered > lim.conn_bytes * lim.max_conns || st->open > lim.max_conns)
            abort();
    }
    tt_tcp_finish(t, now + 1);
    for (int i = 0; i < CONNS; i++)
        if (tracks[i].open)
            abort(); /* finish closes everything */
    if (tt_tcp_get_stats(t)->buffered != 0)
        abort();
    tt_tcp_free(t);
    return 0;
}
