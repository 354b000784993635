/* TCP reassembly: segments in, each direction's bytes out in order. Pure: no pcap or Mbed TLS
 * types, no I/O, no clock (time is the segments' own timestamps). What it cannot know it reports
 * instead of guessing: a hole the capture never filled is a gap of N bytes, never invented bytes.
 *
 * Memory is bounded by two numbers, never by the size of a capture: the bytes one connection may
 * hold out of order (per-connection cap: reached, the oldest hole is given up as a gap) and the
 * number of open connections (reached, the least recently active one is closed and says so).
 * Connections idle for longer than idle_us are closed too, also saying so.
 *
 * RFC 9293 §3.4 (sequence numbers, modulo 2^32), §3.10.7 (segment arrival). A capture differs
 * from an endpoint: it may start in the middle of a connection (no SYN: the first byte seen in a
 * direction is where its stream starts), lose segments (gaps), and see both directions. */
#ifndef TT_TCP_H
#define TT_TCP_H

#include <stddef.h>
#include <stdint.h>

/* TCP header flags (RFC 9293 §3.1). */
#define TT_TCP_FIN 0x01
#define TT_TCP_SYN 0x02
#define TT_TCP_RST 0x04
#define TT_TCP_PSH 0x08
#define TT_TCP_ACK 0x10

/* One TCP segment as a link-layer decoder found it. */
typedef struct tt_tcp_seg {
    uint64_t ts_us; /* capture timestamp, microseconds (any epoch; only differences count) */
    uint8_t family; /* 4 or 6 */
    uint8_t src[16], dst[16]; /* addresses (IPv4 in the first 4 bytes) */
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint8_t flags;          /* TT_TCP_* */
    const uint8_t *payload; /* the captured payload bytes */
    size_t len;             /* how many were captured */
    size_t wire_len; /* how many the IP header says were sent (> len: the capture cut them) */
} tt_tcp_seg;

/* Why a connection ended. */
typedef enum tt_tcp_close {
    TT_TCP_CLOSE_FIN = 0, /* both directions finished with FIN */
    TT_TCP_CLOSE_RST,     /* a reset */
    TT_TCP_CLOSE_IDLE,    /* nothing for idle_us: evicted */
    TT_TCP_CLOSE_EVICTED, /* the open-connection cap was reached and this was the least active */
    TT_TCP_CLOSE_END,     /* the capture ended with the connection still open */
} tt_tcp_close;

/* A short static name for a close reason ("fin", "rst", "idle", "evicted", "capture_end"). */
const char *tt_tcp_close_name(tt_tcp_close how);

/* What is known about a connection when it opens. Endpoint 0 sent the SYN when `syn_seen`;
 * otherwise it is whoever sent the first segment the capture holds (a guess the caller may
 * correct from the bytes, e.g. which side sent a TLS ClientHello). */
typedef struct tt_tcp_conn_info {
    uint8_t family;
    uint8_t addr[2][16];
    uint16_t port[2];
    int syn_seen;
    uint64_t ts_us;
} tt_tcp_conn_info;

/* The caller's side. Directions are 0 (bytes written by endpoint 0) and 1. `user` is what open
 * returned. */
typedef struct tt_tcp_handler {
    void *ctx;
    /* A connection opened. Return a pointer that the other callbacks receive, or NULL to ignore
     * the connection (its bytes are then dropped; it stays known so that it is not reopened). */
    void *(*open)(void *ctx, const tt_tcp_conn_info *info);
    /* In-order bytes of one direction (p is valid only during the call). Return 0 to go on, or 1
     * to stop receiving this connection's bytes (close is still called). */
    int (*data)(void *ctx, void *user, int dir, const uint8_t *p, size_t n, uint64_t ts_us);
    /* `missing` bytes of one direction will never arrive (lost by the capture, or given up to
     * bound memory); the next data call continues after them. */
    void (*gap)(void *ctx, void *user, int dir, uint64_t missing, uint64_t ts_us);
    /* The connection ended; user is not used again. `by` is the direction that ended it (the
     * first FIN's or the RST's sender), or -1 (idle, evicted, end of capture). */
    void (*close)(void *ctx, void *user, tt_tcp_close how, int by, uint64_t ts_us);
} tt_tcp_handler;

typedef struct tt_tcp_limits {
    size_t max_conns;  /* open connections at once (>= 1) */
    size_t conn_bytes; /* bytes one connection may hold out of order, both directions */
    uint64_t idle_us;  /* close connections silent for this long (0: never) */
} tt_tcp_limits;

/* Counters, for the benchmark and the tests. */
typedef struct tt_tcp_stats {
    uint64_t segments; /* given to tt_tcp_add */
    uint64_t opened, closed;
    uint64_t retransmitted; /* bytes received again (dropped: the first copy counts) */
    uint64_t
        overlap_differs; /* bytes received again with different content (the first copy counts) */
    uint64_t gaps, gap_bytes; /* holes reported, and their bytes */
    uint64_t out_of_window;   /* segments too far from the stream to belong to it (dropped) */
    uint64_t evicted_idle, evicted_cap;
    size_t buffered, peak_buffered; /* bytes held out of order now / at most */
    size_t open, peak_open;         /* connections open now / at most */
} tt_tcp_stats;

typedef struct tt_tcp tt_tcp;

/* Returns a new reassembler (free with tt_tcp_free), or NULL when out of memory or when a limit
 * is 0. The handler is copied. */
tt_tcp *tt_tcp_new(const tt_tcp_limits *lim, const tt_tcp_handler *h);

/* Feeds one segment. Calls the handler for what it completes (and for connections it evicts to
 * make room). Returns 0, or -1 when out of memory (the segment was dropped). */
int tt_tcp_add(tt_tcp *t, const tt_tcp_seg *s);

/* Closes connections silent since before now_us - idle_us (TT_TCP_CLOSE_IDLE). */
void tt_tcp_expire(tt_tcp *t, uint64_t now_us);

/* Closes every open connection (TT_TCP_CLOSE_END), reporting what is still missing as gaps
 * and delivering what was buffered after them. */
void tt_tcp_finish(tt_tcp *t, uint64_t now_us);

/* Counters so far (the pointer stays valid until tt_tcp_free). */
const tt_tcp_stats *tt_tcp_get_stats(const tt_tcp *t);

/* Bytes the reassembler holds right now (table, connections, buffers). */
size_t tt_tcp_memory(const tt_tcp *t);

/* Frees everything without calling the handler. */
void tt_tcp_free(tt_tcp *t);

#endif
