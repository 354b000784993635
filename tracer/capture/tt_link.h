/* Link layers, IPv4/IPv6 and TCP headers: one captured frame in, one TCP segment out. Pure: the
 * frame's bytes and its link type (the number libpcap's pcap_datalink() returns) are all it
 * reads; no pcap types. Fuzzed through the whole capture path (tests/fuzz/fuzz_pcap.c). */
#ifndef TT_LINK_H
#define TT_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "tt_tcp.h"

/* The link types decoded (DLT_* values; tcpdump.org/linktypes.html lists their LINKTYPE_ twins). */
enum {
    TT_DLT_NULL = 0,     /* BSD loopback: 4-byte address family in the capturing host's order */
    TT_DLT_EN10MB = 1,   /* Ethernet, with 802.1Q / 802.1ad VLAN tags */
    TT_DLT_RAW = 12,     /* raw IPv4 or IPv6 (LINKTYPE_RAW 101 is read as this) */
    TT_DLT_RAW_BSD = 14, /* raw IP, OpenBSD's number */
    TT_DLT_LINKTYPE_RAW = 101,
    TT_DLT_LOOP = 108,      /* OpenBSD loopback: the address family in network order */
    TT_DLT_LINUX_SLL = 113, /* Linux cooked capture v1 (tcpdump -i any before libpcap 1.10) */
    TT_DLT_IPV4 = 228,
    TT_DLT_IPV6 = 229,
    TT_DLT_LINUX_SLL2 = 276, /* Linux cooked capture v2 (tcpdump -i any) */
};

/* 1 when frames of this link type can be decoded. */
int tt_link_supported(int dlt);

/* What a frame was. */
typedef enum tt_link_result {
    TT_LINK_BAD = -1, /* malformed or cut before the end of the TCP header: *why says what */
    TT_LINK_SKIP = 0, /* not TCP over IP (ARP, UDP, an IP fragment, ...): *why says what */
    TT_LINK_TCP = 1,  /* *out holds the segment (its payload points into p) */
} tt_link_result;

/* Decodes one frame: p holds the caplen bytes the capture kept of a frame of wirelen bytes.
 * out->ts_us is left as the caller set it. *why is a static phrase (never NULL on BAD/SKIP). */
tt_link_result tt_link_decode(int dlt, const uint8_t *p, size_t caplen, size_t wirelen,
                              tt_tcp_seg *out, const char **why);

/* Formats a segment's endpoint as "192.0.2.1:443" or "[2001:db8::1]:443" into out. */
void tt_link_endpoint(uint8_t family, const uint8_t *addr, uint16_t port, char *out, size_t n);
/* The address alone ("192.0.2.1", "2001:db8::1"). */
void tt_link_address(uint8_t family, const uint8_t *addr, char *out, size_t n);

#endif
