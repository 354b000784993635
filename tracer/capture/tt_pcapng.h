/* pcapng, the parts libpcap does not do: writing a capture with a Decryption Secrets Block
 * (so that Wireshark and tshark open it already decrypted), synthesising the TCP connection a
 * traced handshake travelled over, and finding the secrets blocks of a file being read.
 * Format: the pcapng specification (draft-ietf-opsawg-pcapng): §4.1 Section Header Block, §4.2
 * Interface Description Block, §4.3 Enhanced Packet Block, §4.7 Decryption Secrets Block. */
#ifndef TT_PCAPNG_H
#define TT_PCAPNG_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define TT_PCAPNG_DSB 0x0000000Au
#define TT_PCAPNG_SECRETS_TLS 0x544c534bu /* "TLSK": an NSS key log */
#define TT_PCAPNG_LINKTYPE_RAW 101        /* packets start with their IPv4 or IPv6 header */

/* ---------- writing ---------- */

/* A pcapng file being written. Thread-safe (serve writes from one thread per connection). */
typedef struct tt_pcapng_out {
    pthread_mutex_t lock;
    FILE *f;       /* not owned */
    char *secrets; /* key log text not written yet: it goes out before the next packet */
    size_t secrets_len, secrets_cap;
    uint64_t recent[32]; /* hashes of the last secrets lines queued: a repeat is dropped */
    unsigned n_recent;
    uint64_t packets, bytes;
    int failed; /* a write failed (or out of memory) */
} tt_pcapng_out;

/* Writes the section header and one raw-IP interface to f. Returns 0, or -1. */
int tt_pcapng_open(tt_pcapng_out *w, FILE *f);
/* Queues NSS key log text (whole lines); it is written as a Decryption Secrets Block before the
 * next packet, so that a reader has every secret before the records it decrypts. A line equal to
 * one of the last 32 queued is dropped (both ends of a demo log the same secrets). */
void tt_pcapng_secrets(tt_pcapng_out *w, const char *text, size_t n);
/* Writes one packet (an IPv4 or IPv6 datagram) captured at ts_us (µs since the Unix epoch). */
void tt_pcapng_packet(tt_pcapng_out *w, uint64_t ts_us, const uint8_t *p, size_t n);
/* Writes what is queued and frees the writer's memory (not the FILE). Returns 0, or -1 when any
 * write failed. */
int tt_pcapng_close(tt_pcapng_out *w);

/* One TCP connection written as packets: the three-way handshake, data segments in both
 * directions with their sequence and acknowledgment numbers, and the close. Thread-safe as the
 * writer is, one connection per thread. */
typedef struct tt_pcap_tcp {
    tt_pcapng_out *w;
    uint8_t family;      /* 4 or 6 */
    uint8_t addr[2][16]; /* [0] client, [1] server */
    uint16_t port[2];
    uint32_t next_seq[2]; /* next sequence number each side sends */
    uint16_t ip_id;
    uint16_t mss; /* payload bytes per segment (tt_pcap_tcp_init: 16384; a capture of an
                     Ethernet network would have 1460) */
    int state;    /* 0 new, 1 open, 2 closed */
} tt_pcap_tcp;

/* Sets up a connection between client caddr:cport and server saddr:sport (4 or 16 bytes each). */
void tt_pcap_tcp_init(tt_pcap_tcp *c, tt_pcapng_out *w, uint8_t family, const uint8_t *caddr,
                      uint16_t cport, const uint8_t *saddr, uint16_t sport);
/* The three-way handshake (SYN, SYN-ACK, ACK). */
void tt_pcap_tcp_open(tt_pcap_tcp *c, uint64_t ts_us);
/* Bytes written by the client (from_client) or the server, as segments (opens the connection
 * first when needed). */
void tt_pcap_tcp_data(tt_pcap_tcp *c, int from_client, const uint8_t *p, size_t n, uint64_t ts_us);
/* FIN from the client, FIN-ACK from the server, the last ACK. */
void tt_pcap_tcp_close(tt_pcap_tcp *c, uint64_t ts_us);

/* Microseconds since the Unix epoch, now (CLOCK_REALTIME). */
uint64_t tt_pcap_now_us(void);

/* ---------- reading ---------- */

/* Calls cb for each Decryption Secrets Block in a pcapng file read from f's current position
 * (a classic pcap file has none: returns 0 at once). Stops quietly at a malformed block: the
 * packet reader reports the file's errors. Returns the number of blocks passed to cb. */
int tt_pcapng_scan_secrets(FILE *f,
                           void (*cb)(void *ctx, uint32_t type, const uint8_t *data, size_t len),
                           void *ctx);

#endif
