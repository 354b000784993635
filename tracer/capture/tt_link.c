/* Link layers, IP and TCP headers (see tt_link.h). Every step reads through the sticky reader of
 * the wire parser (tt_wire.h), so a short frame fails at the field that did not fit. */
#include "tt_link.h"
#include "tt_wire.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#define ETH_IPV4 0x0800
#define ETH_IPV6 0x86dd

int tt_link_supported(int dlt)
{
    switch (dlt) {
    case TT_DLT_NULL:
    case TT_DLT_EN10MB:
    case TT_DLT_RAW:
    case TT_DLT_RAW_BSD:
    case TT_DLT_LINKTYPE_RAW:
    case TT_DLT_LOOP:
    case TT_DLT_LINUX_SLL:
    case TT_DLT_IPV4:
    case TT_DLT_IPV6:
    case TT_DLT_LINUX_SLL2: return 1;
    default: return 0;
    }
}

/* What the IP layer found: where the TCP header starts and how many bytes of it (and of its
 * payload) the IP header says were sent. */
typedef struct ip_found {
    size_t l4;      /* offset of the TCP header in the frame */
    size_t l4_wire; /* bytes from the TCP header to the end of the IP packet, as sent */
} ip_found;

/* RFC 791 §3.1: the IPv4 header. */
static tt_link_result ipv4(tt_reader *r, size_t wire_avail, tt_tcp_seg *out, ip_found *f,
                           const char **why)
{
    size_t start = r->pos;
    uint8_t vihl = tt_read_u8(r, "IPv4 version");
    tt_read_u8(r, "IPv4 type of service");
    uint16_t total = tt_read_u16(r, "IPv4 total length");
    tt_read_u16(r, "IPv4 identification");
    uint16_t frag = tt_read_u16(r, "IPv4 fragment offset");
    tt_read_u8(r, "IPv4 time to live");
    uint8_t proto = tt_read_u8(r, "IPv4 protocol");
    tt_read_u16(r, "IPv4 checksum");
    const uint8_t *src = tt_read_bytes(r, 4, "IPv4 source address");
    const uint8_t *dst = tt_read_bytes(r, 4, "IPv4 destination address");
    if (r->failed) {
        *why = "cut inside the IPv4 header";
        return TT_LINK_BAD;
    }
    size_t ihl = (size_t)(vihl & 15) * 4;
    if (vihl >> 4 != 4 || ihl < 20) {
        *why = "not a valid IPv4 header (version or header length)";
        return TT_LINK_BAD;
    }
    /* A total length of 0 is what segmentation offload leaves in captures of large segments:
     * the frame's own length counts then. */
    size_t ip_len = total ? total : wire_avail;
    if (ip_len < ihl) {
        *why = "IPv4 total length shorter than its header";
        return TT_LINK_BAD;
    }
    if (!tt_read_bytes(r, ihl - 20, "IPv4 options")) {
        *why = "cut inside the IPv4 options";
        return TT_LINK_BAD;
    }
    if ((frag & 0x3fff) != 0) { /* MF set or a non-zero offset: RFC 791 §2.3 */
        *why = "an IPv4 fragment (fragments are not reassembled)";
        return TT_LINK_SKIP;
    }
    if (proto != 6) {
        *why = "not TCP";
        return TT_LINK_SKIP;
    }
    out->family = 4;
    memcpy(out->src, src, 4);
    memcpy(out->dst, dst, 4);
    f->l4 = r->pos;
    f->l4_wire = ip_len - (r->pos - start);
    return TT_LINK_TCP;
}

/* RFC 8200 §3-4: the IPv6 header and the extension headers before TCP. */
static tt_link_result ipv6(tt_reader *r, tt_tcp_seg *out, ip_found *f, const char **why)
{
    tt_read_u32(r, "IPv6 version");
    uint16_t plen = tt_read_u16(r, "IPv6 payload length");
    uint8_t next = tt_read_u8(r, "IPv6 next header");
    tt_read_u8(r, "IPv6 hop limit");
    const uint8_t *src = tt_read_bytes(r, 16, "IPv6 source address");
    const uint8_t *dst = tt_read_bytes(r, 16, "IPv6 destination address");
    if (r->failed) {
        *why = "cut inside the IPv6 header";
        return TT_LINK_BAD;
    }
    if ((r->p[r->pos - 40] >> 4) != 6) {
        *why = "not a valid IPv6 header (version)";
        return TT_LINK_BAD;
    }
    if (plen == 0) {
        *why = "an IPv6 jumbogram (not decoded)";
        return TT_LINK_SKIP;
    }
    size_t payload_start = r->pos;
    for (int hops = 0; next != 6; hops++) {
        if (hops > 8) {
            *why = "more than 8 IPv6 extension headers";
            return TT_LINK_BAD;
        }
        if (next == 0 || next == 43 || next == 60 || next == 44 || next == 51) {
            uint8_t nh = tt_read_u8(r, "IPv6 extension next header");
            uint8_t hlen = tt_read_u8(r, "IPv6 extension length");
            size_t total = next == 44   ? 8
                           : next == 51 ? ((size_t)hlen + 2) * 4
                                        : ((size_t)hlen + 1) * 8;
            if (next == 44) {
                uint16_t off = tt_read_u16(r, "IPv6 fragment offset");
                if (!r->failed && (off & 0xfff9) != 0) { /* offset or M flag: RFC 8200 §4.5 */
                    *why = "an IPv6 fragment (fragments are not reassembled)";
                    return TT_LINK_SKIP;
                }
                tt_read_bytes(r, 4, "IPv6 fragment identification");
            } else {
                tt_read_bytes(r, total - 2, "IPv6 extension header");
            }
            if (r->failed) {
                *why = "cut inside an IPv6 extension header";
                return TT_LINK_BAD;
            }
            next = nh;
            continue;
        }
        *why = "not TCP";
        return TT_LINK_SKIP;
    }
    size_t ext = r->pos - payload_start;
    if (ext > plen) {
        *why = "IPv6 payload length shorter than its extension headers";
        return TT_LINK_BAD;
    }
    out->family = 6;
    memcpy(out->src, src, 16);
    memcpy(out->dst, dst, 16);
    f->l4 = r->pos;
    f->l4_wire = plen - ext;
    return TT_LINK_TCP;
}

/* RFC 9293 §3.1: the TCP header. */
static tt_link_result tcp(tt_reader *r, const ip_found *f, size_t caplen, tt_tcp_seg *out,
                          const char **why)
{
    out->sport = tt_read_u16(r, "TCP source port");
    out->dport = tt_read_u16(r, "TCP destination port");
    out->seq = tt_read_u32(r, "TCP sequence number");
    out->ack = tt_read_u32(r, "TCP acknowledgment number");
    uint8_t off = tt_read_u8(r, "TCP data offset");
    out->flags = tt_read_u8(r, "TCP flags") & 0x1f;
    tt_read_u16(r, "TCP window");
    tt_read_u16(r, "TCP checksum");
    tt_read_u16(r, "TCP urgent pointer");
    size_t hlen = (size_t)(off >> 4) * 4;
    if (r->failed) {
        *why = "cut inside the TCP header (the capture's snapshot length is too small)";
        return TT_LINK_BAD;
    }
    if (hlen < 20) {
        *why = "TCP data offset shorter than the TCP header";
        return TT_LINK_BAD;
    }
    if (!tt_read_bytes(r, hlen - 20, "TCP options")) {
        *why = "cut inside the TCP options";
        return TT_LINK_BAD;
    }
    if (f->l4_wire < hlen) {
        *why = "IP length shorter than the TCP header";
        return TT_LINK_BAD;
    }
    size_t wire = f->l4_wire - hlen;
    size_t have = caplen > r->pos ? caplen - r->pos : 0;
    out->payload = r->p + r->pos;
    out->wire_len = wire;
    out->len = have < wire ? have : wire; /* beyond `wire`: Ethernet padding, not payload */
    return TT_LINK_TCP;
}

/* The IP version from the first nibble (raw IP link types carry either). */
static tt_link_result ip_any(tt_reader *r, int version, size_t wire_avail, tt_tcp_seg *out,
                             ip_found *f, const char **why)
{
    if (version == 4)
        return ipv4(r, wire_avail, out, f, why);
    if (version == 6)
        return ipv6(r, out, f, why);
    *why = "not IPv4 or IPv6";
    return TT_LINK_SKIP;
}

static tt_link_result by_ethertype(tt_reader *r, uint16_t et, size_t wire_avail, tt_tcp_seg *out,
                                   ip_found *f, const char **why)
{
    if (et == ETH_IPV4)
        return ipv4(r, wire_avail, out, f, why);
    if (et == ETH_IPV6)
        return ipv6(r, out, f, why);
    *why = "not IP (another EtherType)";
    return TT_LINK_SKIP;
}

tt_link_result tt_link_decode(int dlt, const uint8_t *p, size_t caplen, size_t wirelen,
                              tt_tcp_seg *out, const char **why)
{
    tt_reader r;
    tt_reader_init(&r, p, caplen);
    ip_found f = {0};
    tt_link_result res;
    uint64_t ts = out->ts_us;
    memset(out, 0, sizeof(*out));
    out->ts_us = ts;
    *why = NULL;
    if (wirelen < caplen)
        wirelen = caplen;

    switch (dlt) {
    case TT_DLT_EN10MB: { /* IEEE 802.3: destination, source, EtherType; IEEE 802.1Q tags */
        tt_read_bytes(&r, 12, "Ethernet addresses");
        uint16_t et = tt_read_u16(&r, "EtherType");
        for (int tags = 0; !r.failed && (et == 0x8100 || et == 0x88a8 || et == 0x9100); tags++) {
            if (tags == 4) {
                *why = "more than 4 VLAN tags";
                return TT_LINK_BAD;
            }
            tt_read_u16(&r, "VLAN tag");
            et = tt_read_u16(&r, "EtherType after a VLAN tag");
        }
        if (r.failed) {
            *why = "cut inside the Ethernet header";
            return TT_LINK_BAD;
        }
        res = by_ethertype(&r, et, wirelen - r.pos, out, &f, why);
        break;
    }
    case TT_DLT_LINUX_SLL: { /* packet type, ARPHRD, address length, 8-byte address, protocol */
        tt_read_bytes(&r, 14, "Linux cooked header");
        uint16_t et = tt_read_u16(&r, "Linux cooked protocol");
        if (r.failed) {
            *why = "cut inside the Linux cooked header";
            return TT_LINK_BAD;
        }
        res = by_ethertype(&r, et, wirelen - r.pos, out, &f, why);
        break;
    }
    case TT_DLT_LINUX_SLL2: { /* protocol, reserved, interface, ARPHRD, type, length, address */
        uint16_t et = tt_read_u16(&r, "Linux cooked v2 protocol");
        tt_read_bytes(&r, 18, "Linux cooked v2 header");
        if (r.failed) {
            *why = "cut inside the Linux cooked v2 header";
            return TT_LINK_BAD;
        }
        res = by_ethertype(&r, et, wirelen - r.pos, out, &f, why);
        break;
    }
    case TT_DLT_NULL:
    case TT_DLT_LOOP: {
        const uint8_t *af = tt_read_bytes(&r, 4, "loopback address family");
        if (r.failed) {
            *why = "cut inside the loopback header";
            return TT_LINK_BAD;
        }
        /* DLT_NULL writes the family in the capturing host's byte order, DLT_LOOP in network
         * order: take whichever reading is small. IPv4 is 2 everywhere; IPv6 is 10 (Linux),
         * 24, 28 or 30 (the BSDs, macOS). */
        uint32_t be = (uint32_t)af[0] << 24 | (uint32_t)af[1] << 16 | (uint32_t)af[2] << 8 | af[3];
        uint32_t le = (uint32_t)af[3] << 24 | (uint32_t)af[2] << 16 | (uint32_t)af[1] << 8 | af[0];
        uint32_t fam = be < 256 ? be : le;
        int version = fam == 2 ? 4 : (fam == 10 || fam == 24 || fam == 28 || fam == 30) ? 6 : 0;
        if (!version) {
            *why = "not IP (another address family)";
            return TT_LINK_SKIP;
        }
        res = ip_any(&r, version, wirelen - r.pos, out, &f, why);
        break;
    }
    case TT_DLT_RAW:
    case TT_DLT_RAW_BSD:
    case TT_DLT_LINKTYPE_RAW:
    case TT_DLT_IPV4:
    case TT_DLT_IPV6: {
        if (caplen < 1) {
            *why = "an empty frame";
            return TT_LINK_BAD;
        }
        int version = p[0] >> 4;
        if ((dlt == TT_DLT_IPV4 && version != 4) || (dlt == TT_DLT_IPV6 && version != 6)) {
            *why = "the IP version does not match the link type";
            return TT_LINK_BAD;
        }
        res = ip_any(&r, version, wirelen, out, &f, why);
        break;
    }
    default: *why = "unsupported link type"; return TT_LINK_SKIP;
    }
    if (res != TT_LINK_TCP)
        return res;
    return tcp(&r, &f, caplen, out, why);
}

void tt_link_address(uint8_t family, const uint8_t *addr, char *out, size_t n)
{
    if (!inet_ntop(family == 6 ? AF_INET6 : AF_INET, addr, out, (socklen_t)n))
        snprintf(out, n, "?");
}

void tt_link_endpoint(uint8_t family, const uint8_t *addr, uint16_t port, char *out, size_t n)
{
    char a[64];
    tt_link_address(family, addr, a, sizeof(a));
    snprintf(out, n, family == 6 ? "[%s]:%u" : "%s:%u", a, port);
}
