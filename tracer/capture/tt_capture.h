/* A capture, read: packets from pcap/pcapng files or a live interface (libpcap), through the
 * link-layer decoder and the TCP reassembler, to one observer per TCP connection; a connection
 * whose first bytes are a TLS record is a session, on any port. Memory is bounded by the open
 * connections and the per-connection cap, never by the size of the capture. */
#ifndef TT_CAPTURE_H
#define TT_CAPTURE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <mbedtls/x509_crt.h>

#include "tt_emit.h"
#include "tt_keylog.h"

typedef struct tt_capture_opts {
    tt_emitter *em;          /* events go here; the capture installs its clock (packet times) */
    tt_keylog *keylog;       /* secrets, or NULL (a file's Decryption Secrets Blocks still count) */
    const char *keylog_path; /* with live capture: re-read when it grows (a browser's key log) */
    mbedtls_x509_crt *ca;    /* --ca, or NULL */
    size_t max_conns;        /* open TCP connections followed at once (0: 1024) */
    size_t conn_bytes;       /* out-of-order bytes per connection (0: 256 KiB) */
    uint64_t idle_us;        /* connections silent this long are closed (0: 300 s) */
    /* One-line notices (a link type not decoded, packets that could not be decoded, ...). */
    void (*notice)(void *ctx, const char *line);
    void *notice_ctx;
} tt_capture_opts;

typedef struct tt_capture_stats {
    uint64_t packets;     /* frames read */
    uint64_t tcp;         /* TCP segments among them */
    uint64_t undecodable; /* malformed or cut frames */
    uint64_t connections; /* TCP connections seen */
    uint64_t sessions;    /* ... that carried TLS */
    uint64_t failed;      /* TLS sessions whose handshake failed */
    uint64_t bytes;       /* bytes of the frames */
    size_t peak_memory;   /* the reassembler's and observers' largest footprint (bytes) */
} tt_capture_stats;

typedef struct tt_capture tt_capture;

/* Returns a new capture reader (free with tt_capture_free), or NULL when out of memory. */
tt_capture *tt_capture_new(const tt_capture_opts *o);

/* Reads one pcap or pcapng file from f (taken over and closed) named `name` in messages. A
 * pcapng file's Decryption Secrets Blocks are read first (when f can seek). Returns 0; or -1
 * with one line in err when the file is not a capture, has a link type tlstrace does not decode,
 * or is damaged (what was read before the damage is kept). */
int tt_capture_read(tt_capture *c, FILE *f, const char *name, char *err, size_t errlen);

/* Opens `path` and reads it (tt_capture_read). */
int tt_capture_read_path(tt_capture *c, const char *path, char *err, size_t errlen);

/* Captures live on iface (with a BPF filter, or NULL) until *stop becomes non-zero. Returns 0;
 * -1 with one line in err (no such interface, a filter that does not compile, ...); -2 with one
 * line in err when the capture is not permitted (no root or CAP_NET_RAW). */
int tt_capture_live(tt_capture *c, const char *iface, const char *bpf, volatile sig_atomic_t *stop,
                    char *err, size_t errlen);

/* Ends every connection still open (session_end says the capture ended). tt_capture_free
 * without it drops them without events. */
void tt_capture_finish(tt_capture *c);

const tt_capture_stats *tt_capture_get_stats(const tt_capture *c);

/* The same conversion in memory (the page's upload, served by tlstrace ui): a pcap or pcapng
 * file's bytes to a JSON Lines trace in out (appended; at most max_out bytes). Returns 0, or -1
 * with one line in err (not a capture, damaged, a link type not decoded, no TLS in it, or a
 * trace longer than max_out). `name` names the file in messages. */
int tt_capture_convert(const uint8_t *file, size_t n, const char *name, tt_buf *out, size_t max_out,
                       char *err, size_t errlen);

void tt_capture_free(tt_capture *c);

#endif
