/* Unit tests of tlstrace capture's parts below the command: the link-layer decoder
 * (tracer/capture/tt_link.c), the NSS key log reader (tt_keylog.c), the pcapng writer and secrets
 * scanner (tt_pcapng.c), and the observer through the whole reader (tt_capture.c, tt_observe.c)
 * on captures written here: TLS found on any port, not found where it is not, the roles, gaps.
 * Real handshake bytes come from tests/vectors/openssl/ (OpenSSL 3.0 messages). */
/* libpcap's headers use the BSD types (u_char, u_int). */
#define _DEFAULT_SOURCE 1
#include <criterion/criterion.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tt_capture.h"
#include "tt_keylog.h"
#include "tt_link.h"
#include "tt_pcapng.h"

#ifndef TT_SOURCE_DIR
#define TT_SOURCE_DIR "."
#endif

/* ---------- building frames ---------- */

typedef struct frame {
    uint8_t b[4096];
    size_t n;
} frame;

static void put(frame *f, const void *p, size_t n)
{
    cr_assert_leq(f->n + n, sizeof(f->b));
    if (n)
        memcpy(f->b + f->n, p, n);
    f->n += n;
}

static void put16(frame *f, uint16_t v)
{
    uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    put(f, b, 2);
}

static void put32(frame *f, uint32_t v)
{
    put16(f, (uint16_t)(v >> 16));
    put16(f, (uint16_t)v);
}

/* An IPv4 header (20 bytes) then a TCP header (20 bytes) then the payload. */
static void ipv4_tcp(frame *f, uint16_t sport, uint16_t dport, uint32_t seq, uint8_t flags,
                     const char *payload, uint16_t frag)
{
    size_t plen = payload ? strlen(payload) : 0;
    uint8_t ip[20] = {0x45, 0, 0, 0, 0, 1, 0, 0, 64, 6, 0, 0, 192, 0, 2, 1, 198, 51, 100, 1};
    ip[2] = (uint8_t)((40 + plen) >> 8);
    ip[3] = (uint8_t)(40 + plen);
    ip[6] = (uint8_t)(frag >> 8);
    ip[7] = (uint8_t)frag;
    put(f, ip, 20);
    put16(f, sport);
    put16(f, dport);
    put32(f, seq);
    put32(f, 77);
    uint8_t off_flags[2] = {5 << 4, flags};
    put(f, off_flags, 2);
    put16(f, 65535);
    put32(f, 0);
    put(f, payload, plen);
}

static tt_link_result decode(int dlt, const frame *f, tt_tcp_seg *s, const char **why)
{
    memset(s, 0, sizeof(*s));
    return tt_link_decode(dlt, f->b, f->n, f->n, s, why);
}

Test(link, ethernet_ipv4_tcp_gives_the_segment)
{
    frame f = {0};
    put(&f, "\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x08\x00", 14);
    ipv4_tcp(&f, 50000, 8883, 1000, TT_TCP_ACK | TT_TCP_PSH, "hello", 0);
    tt_tcp_seg s;
    const char *why;
    cr_assert_eq(decode(TT_DLT_EN10MB, &f, &s, &why), TT_LINK_TCP, "%s", why);
    cr_expect_eq(s.family, 4);
    cr_expect_eq(memcmp(s.src, "\xc0\x00\x02\x01", 4), 0);
    cr_expect_eq(memcmp(s.dst, "\xc6\x33\x64\x01", 4), 0);
    cr_expect_eq(s.sport, 50000);
    cr_expect_eq(s.dport, 8883);
    cr_expect_eq(s.seq, 1000);
    cr_expect_eq(s.ack, 77);
    cr_expect_eq(s.flags, TT_TCP_ACK | TT_TCP_PSH);
    cr_expect_eq(s.len, 5);
    cr_expect_eq(s.wire_len, 5);
    cr_expect_eq(memcmp(s.payload, "hello", 5), 0);
}

Test(link, ethernet_padding_is_not_payload)
{
    frame f = {0};
    put(&f, "\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x08\x00", 14);
    ipv4_tcp(&f, 1, 2, 3, TT_TCP_ACK, NULL, 0);
    put(&f, "\0\0\0\0\0\0", 6); /* a 54-byte frame padded to 60 */
    tt_tcp_seg s;
    const char *why;
    cr_assert_eq(decode(TT_DLT_EN10MB, &f, &s, &why), TT_LINK_TCP, "%s", why);
    cr_expect_eq(s.len, 0);
    cr_expect_eq(s.wire_len, 0);
}

Test(link, vlan_tags_stacked_up_to_four)
{
    for (int tags = 1; tags <= 5; tags++) {
        frame f = {0};
        put(&f, "\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02", 12);
        for (int i = 0; i < tags; i++) {
            put16(&f, i == 0 && tags > 1 ? 0x88a8 : 0x8100);
            put16(&f, (uint16_t)(100 + i));
        }
        put16(&f, 0x0800);
        ipv4_tcp(&f, 10, 20, 30, TT_TCP_SYN, NULL, 0);
        tt_tcp_seg s;
        const char *why;
        tt_link_result r = decode(TT_DLT_EN10MB, &f, &s, &why);
        if (tags <= 4) {
            cr_expect_eq(r, TT_LINK_TCP, "%d tags: %s", tags, why);
            cr_expect_eq(s.sport, 10);
        } else {
            cr_expect_eq(r, TT_LINK_BAD, "%d tags", tags);
            cr_expect_str_eq(why, "more than 4 VLAN tags");
        }
    }
}

Test(link, cooked_loopback_and_raw_headers)
{
    struct {
        int dlt;
        const char *hdr;
        size_t hlen;
    } cases[] = {
        /* SLL: packet type, ARPHRD, address length, 8-byte address, protocol */
        {TT_DLT_LINUX_SLL, "\x00\x00\x03\x04\x00\x06\x00\x00\x00\x00\x00\x00\x00\x00\x08\x00", 16},
        /* SLL2: protocol, reserved, ifindex, ARPHRD, type, address length, address */
        {TT_DLT_LINUX_SLL2,
         "\x08\x00\x00\x00\x00\x00\x00\x01\x03\x04\x00\x06\x00\x00\x00\x00\x00\x00\x00\x00", 20},
        {TT_DLT_NULL, "\x02\x00\x00\x00", 4}, /* AF_INET, little-endian host */
        {TT_DLT_NULL, "\x00\x00\x00\x02", 4}, /* AF_INET, big-endian host */
        {TT_DLT_LOOP, "\x00\x00\x00\x02", 4},
        {TT_DLT_RAW, "", 0},
        {TT_DLT_LINKTYPE_RAW, "", 0},
        {TT_DLT_IPV4, "", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        frame f = {0};
        put(&f, cases[i].hdr, cases[i].hlen);
        ipv4_tcp(&f, 4433, 443, 9, TT_TCP_ACK, "x", 0);
        tt_tcp_seg s;
        const char *why;
        cr_expect_eq(decode(cases[i].dlt, &f, &s, &why), TT_LINK_TCP, "case %zu: %s", i, why);
        cr_expect_eq(s.sport, 4433, "case %zu", i);
        cr_expect_eq(s.len, 1, "case %zu", i);
    }
}

/* RFC 8200: an IPv6 header, a hop-by-hop and a destination options header, then TCP. */
Test(link, ipv6_with_extension_headers)
{
    frame f = {0};
    uint8_t ip6[40] = {0x60, 0, 0, 0, 0, 0, 0 /* next: hop-by-hop */, 64};
    ip6[23] = 1; /* ::1 */
    ip6[39] = 1;
    size_t payload = 8 + 8 + 20 + 3;
    ip6[4] = (uint8_t)(payload >> 8);
    ip6[5] = (uint8_t)payload;
    put(&f, ip6, 40);
    put(&f, "\x3c\x00\x01\x04\x00\x00\x00\x00", 8); /* hop-by-hop -> destination options */
    put(&f, "\x06\x00\x01\x04\x00\x00\x00\x00", 8); /* destination options -> TCP */
    put16(&f, 443);
    put16(&f, 50001);
    put32(&f, 42);
    put32(&f, 0);
    put(&f, "\x50\x18", 2);
    put16(&f, 1000);
    put32(&f, 0);
    put(&f, "abc", 3);
    tt_tcp_seg s;
    const char *why;
    cr_assert_eq(decode(TT_DLT_RAW, &f, &s, &why), TT_LINK_TCP, "%s", why);
    cr_expect_eq(s.family, 6);
    cr_expect_eq(s.src[15], 1);
    cr_expect_eq(s.sport, 443);
    cr_expect_eq(s.wire_len, 3);
    char ep[80];
    tt_link_endpoint(s.family, s.src, s.sport, ep, sizeof(ep));
    cr_expect_str_eq(ep, "[::1]:443");
    /* The same with a fragment header in front: not reassembled, skipped. */
    f.b[6] = 44;
    f.b[40] = 6;
    f.b[42] = 0x00;
    f.b[43] = 0x08; /* offset 1 */
    cr_expect_eq(decode(TT_DLT_RAW, &f, &s, &why), TT_LINK_SKIP);
    cr_expect(strstr(why, "fragment") != NULL, "%s", why);
}

Test(link, what_is_not_tcp_is_skipped_and_what_is_broken_says_where)
{
    tt_tcp_seg s;
    const char *why;
    frame arp = {0};
    put(&arp, "\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x08\x06", 14);
    put(&arp, "\0\1\x08\0\6\4\0\1", 8);
    cr_expect_eq(decode(TT_DLT_EN10MB, &arp, &s, &why), TT_LINK_SKIP);
    cr_expect_str_eq(why, "not IP (another EtherType)");

    frame udp = {0};
    ipv4_tcp(&udp, 53, 53, 0, 0, NULL, 0);
    udp.b[9] = 17;
    cr_expect_eq(decode(TT_DLT_RAW, &udp, &s, &why), TT_LINK_SKIP);
    cr_expect_str_eq(why, "not TCP");

    frame frag = {0};
    ipv4_tcp(&frag, 1, 2, 3, TT_TCP_ACK, "x", 0x2000); /* more fragments */
    cr_expect_eq(decode(TT_DLT_RAW, &frag, &s, &why), TT_LINK_SKIP);
    cr_expect(strstr(why, "IPv4 fragment") != NULL);

    frame cut = {0};
    ipv4_tcp(&cut, 1, 2, 3, TT_TCP_ACK, "payload", 0);
    for (size_t keep = 0; keep < 40; keep++) {
        tt_link_result r = tt_link_decode(TT_DLT_RAW, cut.b, keep, cut.n, &s, &why);
        cr_expect_eq(r, TT_LINK_BAD, "cut at %zu", keep);
        cr_expect_not_null(why);
    }
    cr_expect_eq(tt_link_decode(TT_DLT_RAW, cut.b, 38, cut.n, &s, &why), TT_LINK_BAD);
    cr_expect(strstr(why, "snapshot length") != NULL, "%s", why);
    /* The snaplen cut the payload: what was kept, and how much the wire carried. */
    cr_expect_eq(tt_link_decode(TT_DLT_RAW, cut.b, 43, cut.n, &s, &why), TT_LINK_TCP);
    cr_expect_eq(s.len, 3);
    cr_expect_eq(s.wire_len, 7);

    frame bad = {0};
    ipv4_tcp(&bad, 1, 2, 3, TT_TCP_ACK, NULL, 0);
    bad.b[0] = 0x44; /* header length 16 */
    cr_expect_eq(decode(TT_DLT_RAW, &bad, &s, &why), TT_LINK_BAD);
    bad.b[0] = 0x45;
    bad.b[32] = 4 << 4; /* TCP data offset 16 */
    cr_expect_eq(decode(TT_DLT_RAW, &bad, &s, &why), TT_LINK_BAD);
    cr_expect_str_eq(why, "TCP data offset shorter than the TCP header");
    cr_expect_eq(decode(105, &bad, &s, &why), TT_LINK_SKIP);
    cr_expect_eq(tt_link_supported(105), 0);
    cr_expect_eq(tt_link_supported(TT_DLT_LINUX_SLL2), 1);
}

Test(link, ipv4_total_length_0_from_segmentation_offload_uses_the_frame)
{
    frame f = {0};
    ipv4_tcp(&f, 1, 2, 3, TT_TCP_ACK, "0123456789", 0);
    f.b[2] = f.b[3] = 0;
    tt_tcp_seg s;
    const char *why;
    cr_assert_eq(decode(TT_DLT_RAW, &f, &s, &why), TT_LINK_TCP, "%s", why);
    cr_expect_eq(s.wire_len, 10);
}

/* ---------- key logs ---------- */

#define CR "8a6d2f1b8a6d2f1b8a6d2f1b8a6d2f1b8a6d2f1b8a6d2f1b8a6d2f1b8a6d2f1b"
#define CR2 "0000000000000000000000000000000000000000000000000000000000000001"
#define S32 "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define S48 S32 "0123456789abcdef0123456789abcdef"

static void hexbytes(const char *hex, uint8_t *out)
{
    for (size_t i = 0; hex[2 * i]; i++)
        sscanf(hex + 2 * i, "%2hhx", &out[i]);
}

Test(keylog, reads_every_label_comments_and_crlf_in_any_chunking)
{
    const char *text = "# SSL/TLS secrets log file, generated by NSS\r\n"
                       "\n"
                       "CLIENT_HANDSHAKE_TRAFFIC_SECRET " CR " " S32 "\r\n"
                       "SERVER_HANDSHAKE_TRAFFIC_SECRET " CR " " S48 "\n"
                       "CLIENT_TRAFFIC_SECRET_0 " CR " " S32 "\n"
                       "SERVER_TRAFFIC_SECRET_0 " CR " " S32 "\n"
                       "EXPORTER_SECRET " CR " " S32 "\n"
                       "CLIENT_RANDOM " CR2 " " S48 "\n"
                       "CLIENT_RANDOM " CR2 " " S48; /* no newline at the end */
    for (size_t chunk = 1; chunk <= 64; chunk *= 4) {
        tt_keylog *k = tt_keylog_new();
        for (size_t i = 0; i < strlen(text); i += chunk) {
            size_t n = strlen(text) - i < chunk ? strlen(text) - i : chunk;
            tt_keylog_feed(k, text + i, n);
        }
        tt_keylog_end(k);
        const tt_keylog_stats *st = tt_keylog_get_stats(k);
        cr_expect_eq(st->lines, 9, "chunk %zu", chunk);
        cr_expect_eq(st->secrets, 5, "a repeated line counts once");
        cr_expect_eq(st->ignored, 1, "EXPORTER_SECRET is read, not stored");
        cr_expect_eq(st->bad, 0);
        uint8_t cr[32], want[48], got[TT_KEYLOG_MAX_SECRET];
        hexbytes(CR, cr);
        hexbytes(S48, want);
        cr_expect_eq(tt_keylog_get(k, cr, TT_KL_SERVER_HS, got), 48);
        cr_expect_eq(memcmp(got, want, 48), 0);
        cr_expect_eq(tt_keylog_get(k, cr, TT_KL_CLIENT_HS, got), 32);
        cr_expect_eq(tt_keylog_get(k, cr, TT_KL_CLIENT_RANDOM, got), 0);
        hexbytes(CR2, cr);
        cr_expect_eq(tt_keylog_get(k, cr, TT_KL_CLIENT_RANDOM, got), 48);
        tt_keylog_free(k);
    }
}

Test(keylog, malformed_lines_are_counted_and_the_first_one_named)
{
    const char *text = "CLIENT_RANDOM " CR " " S48 "\n"
                       "CLIENT_RANDOM " CR " " S32 "\n"    /* a master secret is 48 bytes */
                       "CLIENT_RANDOM abc " S48 "\n"       /* client random too short */
                       "NOT_A_LABEL " CR " " S32 "\n"      /* unknown label */
                       "CLIENT_RANDOM " CR "\n"            /* two fields */
                       "CLIENT_RANDOM " CR " zz" S32 "\n"; /* not hex */
    tt_keylog *k = tt_keylog_new();
    tt_keylog_feed(k, text, strlen(text));
    const tt_keylog_stats *st = tt_keylog_get_stats(k);
    cr_expect_eq(st->secrets, 1);
    cr_expect_eq(st->bad, 5);
    cr_expect_eq(st->first_bad_line, 2);
    cr_expect_str_eq(st->first_bad_reason, "the master secret is not 96 hex digits");
    char longline[1000];
    memset(longline, 'A', sizeof(longline) - 2);
    longline[sizeof(longline) - 2] = '\n';
    longline[sizeof(longline) - 1] = 0;
    tt_keylog_feed(k, longline, strlen(longline));
    cr_expect_eq(st->bad, 6, "a line longer than 512 bytes");
    tt_keylog_free(k);
}

Test(keylog, follows_a_file_as_it_grows_and_when_it_is_replaced)
{
    char path[] = "/tmp/tt-keylog-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    tt_keylog *k = tt_keylog_new();
    char err[256];
    cr_expect_eq(tt_keylog_read_file(k, path, 0, err, sizeof(err)), 0, "empty: nothing new");
    fputs("CLIENT_RANDOM " CR " " S48 "\nCLIENT_HANDSHAKE_TRAFFIC_SECRET " CR, f);
    fflush(f);
    cr_expect_eq(tt_keylog_read_file(k, path, 0, err, sizeof(err)), 1);
    cr_expect_eq(tt_keylog_get_stats(k)->secrets, 1, "the unfinished line waits for its newline");
    fputs(" " S32 "\n", f);
    fflush(f);
    cr_expect_eq(tt_keylog_read_file(k, path, 0, err, sizeof(err)), 1);
    cr_expect_eq(tt_keylog_get_stats(k)->secrets, 2);
    cr_expect_eq(tt_keylog_read_file(k, path, 0, err, sizeof(err)), 0, "nothing new");
    /* Truncated and rewritten: read from its start again. */
    cr_assert_eq(ftruncate(fd, 0), 0);
    rewind(f);
    fputs("SERVER_TRAFFIC_SECRET_0 " CR " " S32 "\n", f);
    fflush(f);
    cr_expect_eq(tt_keylog_read_file(k, path, 0, err, sizeof(err)), 1);
    cr_expect_eq(tt_keylog_get_stats(k)->secrets, 3);
    fclose(f);
    unlink(path);
    cr_expect_eq(tt_keylog_read_file(k, path, 0, err, sizeof(err)), -1);
    cr_expect(strstr(err, "cannot read the key log") != NULL, "%s", err);
    tt_keylog_free(k);
}

/* ---------- pcapng ---------- */

typedef struct secrets_seen {
    char text[4096];
    size_t len;
    int blocks;
} secrets_seen;

static void on_secrets(void *ctx, uint32_t type, const uint8_t *data, size_t len)
{
    secrets_seen *s = ctx;
    cr_expect_eq(type, TT_PCAPNG_SECRETS_TLS);
    memcpy(s->text + s->len, data, len);
    s->len += len;
    s->blocks++;
}

Test(pcapng, written_files_hold_the_secrets_before_the_packets_and_read_back_with_libpcap)
{
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    tt_pcapng_out w;
    cr_assert_eq(tt_pcapng_open(&w, f), 0);
    tt_pcap_tcp c;
    const uint8_t a[4] = {192, 0, 2, 1}, b[4] = {198, 51, 100, 1};
    tt_pcap_tcp_init(&c, &w, 4, a, 49152, b, 443);
    const char line[] = "CLIENT_RANDOM " CR " " S48 "\n";
    tt_pcapng_secrets(&w, line, strlen(line));
    tt_pcapng_secrets(&w, line, strlen(line)); /* the other end logs it too: dropped */
    tt_pcap_tcp_data(&c, 1, (const uint8_t *)"hello", 5, 1000000);
    static uint8_t big[40000];
    memset(big, 'x', sizeof(big));
    tt_pcap_tcp_data(&c, 0, big, sizeof(big), 2000000);
    tt_pcap_tcp_close(&c, 3000000);
    cr_assert_eq(tt_pcapng_close(&w), 0);
    rewind(f);
    FILE *in = f;
    secrets_seen seen = {0};
    cr_expect_eq(tt_pcapng_scan_secrets(in, on_secrets, &seen), 1);
    cr_expect_eq(seen.blocks, 1);
    cr_expect_eq(seen.len, strlen(line));
    cr_expect_eq(memcmp(seen.text, line, seen.len), 0);
    rewind(in);
    char errbuf[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_fopen_offline(in, errbuf);
    cr_assert_not_null(p, "%s", errbuf);
    cr_expect_eq(pcap_datalink(p), DLT_RAW);
    struct pcap_pkthdr *h;
    const u_char *data;
    /* SYN, SYN-ACK, ACK, 5 bytes, 40000 bytes in 3 segments, FIN, FIN, ACK */
    const size_t want_len[] = {0, 0, 0, 5, 16384, 16384, 40000 - 2 * 16384, 0, 0, 0};
    uint32_t next_client = 0;
    int n = 0;
    while (pcap_next_ex(p, &h, &data) == 1) {
        cr_assert_lt(n, 10);
        tt_tcp_seg s = {0};
        const char *why;
        cr_assert_eq(tt_link_decode(DLT_RAW, data, h->caplen, h->len, &s, &why), TT_LINK_TCP, "%s",
                     why);
        cr_expect_eq(s.wire_len, want_len[n], "packet %d", n);
        if (n == 0) {
            cr_expect_eq(s.flags, TT_TCP_SYN);
            next_client = s.seq + 1; /* the SYN takes one sequence number */
        } else if (s.sport == 49152) {
            cr_expect_eq(s.seq, next_client, "packet %d", n);
            next_client += (uint32_t)s.wire_len + ((s.flags & TT_TCP_FIN) ? 1 : 0);
        }
        if (n == 3)
            cr_expect_eq(h->ts.tv_sec, 1);
        n++;
    }
    cr_expect_eq(n, 10);
    pcap_close(p); /* closes the file */
}

Test(pcapng, a_classic_pcap_or_a_broken_block_has_no_secrets)
{
    static const uint8_t classic[24] = {0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0};
    FILE *in = fmemopen((void *)classic, sizeof(classic), "rb");
    secrets_seen seen = {0};
    cr_expect_eq(tt_pcapng_scan_secrets(in, on_secrets, &seen), 0);
    fclose(in);
    /* A section header whose length is absurd: the scan stops quietly. */
    static const uint8_t broken[16] = {0x0a, 0x0d, 0x0d, 0x0a, 0xff, 0xff,
                                       0xff, 0x7f, 0x4d, 0x3c, 0x2b, 0x1a};
    in = fmemopen((void *)broken, sizeof(broken), "rb");
    cr_expect_eq(tt_pcapng_scan_secrets(in, on_secrets, &seen), 0);
    fclose(in);
}

/* ---------- the observer, through the whole reader ---------- */

typedef struct bytes {
    uint8_t p[8192];
    size_t n;
} bytes;

static void add_hex(bytes *b, const char *rel)
{
    char path[512];
    snprintf(path, sizeof(path), TT_SOURCE_DIR "/tests/vectors/openssl/%s", rel);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "%s", path);
    int c, hi = -1;
    while ((c = fgetc(f)) != EOF) {
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0)
            continue;
        if (hi < 0) {
            hi = v;
        } else {
            cr_assert_lt(b->n, sizeof(b->p));
            b->p[b->n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    fclose(f);
}

/* A plaintext handshake record around the message in `rel`. */
static void add_record(bytes *b, const char *rel)
{
    bytes m = {0};
    add_hex(&m, rel);
    uint8_t h[5] = {22, 3, 3, (uint8_t)(m.n >> 8), (uint8_t)m.n};
    memcpy(b->p + b->n, h, 5);
    memcpy(b->p + b->n + 5, m.p, m.n);
    b->n += 5 + m.n;
}

/* Runs a capture (written by fill) through tt_capture_read; returns the events (caller frees). */
static cJSON *observe(void (*fill)(tt_pcap_tcp *c, void *ctx), void *ctx, uint16_t sport)
{
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    tt_pcapng_out w;
    tt_pcapng_open(&w, f);
    tt_pcap_tcp c;
    const uint8_t a[4] = {192, 0, 2, 1}, b[4] = {198, 51, 100, 1};
    tt_pcap_tcp_init(&c, &w, 4, a, 49999, b, sport);
    fill(&c, ctx);
    tt_pcapng_close(&w);
    rewind(f);
    tt_emitter em;
    tt_emitter_init(&em);
    tt_collect_sink sink = {0};
    tt_emitter_add_sink(&em, tt_sink_collect, &sink);
    tt_capture_opts o = {.em = &em};
    tt_capture *cap = tt_capture_new(&o);
    char err[256];
    cr_assert_eq(tt_capture_read(cap, f, "test", err, sizeof(err)), 0, "%s", err);
    tt_capture_finish(cap);
    tt_capture_free(cap);
    tt_emitter_destroy(&em);
    return sink.events ? sink.events : cJSON_CreateArray();
}

static int count(const cJSON *evs, const char *type)
{
    int n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, evs)
    {
        n += !strcmp(cJSON_GetObjectItem(e, "type")->valuestring, type);
    }
    return n;
}

static const cJSON *nth(const cJSON *evs, const char *type, int k)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, evs)
    {
        if (!strcmp(cJSON_GetObjectItem(e, "type")->valuestring, type) && k-- == 0)
            return e;
    }
    return NULL;
}

static const char *str(const cJSON *e, const char *k)
{
    const cJSON *v = cJSON_GetObjectItem(e, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static void fill_http(tt_pcap_tcp *c, void *ctx)
{
    (void)ctx;
    tt_pcap_tcp_data(c, 1, (const uint8_t *)"GET / HTTP/1.1\r\n\r\n", 18, 1);
    tt_pcap_tcp_data(c, 0, (const uint8_t *)"HTTP/1.1 200 OK\r\n\r\n", 19, 2);
    tt_pcap_tcp_close(c, 3);
}

Test(observe, a_connection_that_is_not_tls_makes_no_session)
{
    cJSON *evs = observe(fill_http, NULL, 443);
    cr_expect_eq(cJSON_GetArraySize(evs), 0);
    cJSON_Delete(evs);
}

static void fill_hello(tt_pcap_tcp *c, void *ctx)
{
    bytes *b = ctx;
    tt_pcap_tcp_data(c, 1, b->p, b->n, 1000);
    bytes sh = {0};
    add_record(&sh, "tls13_basic/s_server_hello.hex");
    tt_pcap_tcp_data(c, 0, sh.p, sh.n, 2000);
    tt_pcap_tcp_close(c, 3000);
}

Test(observe, tls_on_any_port_is_a_session_with_its_endpoints)
{
    bytes ch = {0};
    add_record(&ch, "tls13_basic/c_client_hello.hex");
    cJSON *evs = observe(fill_hello, &ch, 12345);
    cr_assert_eq(count(evs, "session_start"), 2);
    const cJSON *st = nth(evs, "session_start", 0);
    cr_expect_str_eq(str(st, "source"), "capture");
    cr_expect_str_eq(str(st, "transport"), "tcp 192.0.2.1:49999 -> 198.51.100.1:12345");
    const cJSON *cap = cJSON_GetObjectItem(st, "capture");
    cr_expect_str_eq(str(cap, "roles_from"), "client_hello");
    cr_expect_str_eq(str(cap, "origin"), "file test");
    cr_expect_str_eq(str(cap, "link"), "RAW");
    cr_expect_eq(count(evs, "state"), 0, "no endpoint traced: no states");
    cr_expect_eq(count(evs, "message"), 2);
    const cJSON *m = nth(evs, "message", 1);
    cr_expect_str_eq(str(m, "hs_type"), "server_hello");
    cr_expect_str_eq(str(m, "side"), "server");
    cr_expect_str_eq(str(m, "dir"), "sent");
    /* Timestamps from the capture: the ServerHello 1000 µs after the ClientHello. */
    cr_expect_eq(cJSON_GetObjectItem(m, "t_us")->valuedouble -
                     cJSON_GetObjectItem(nth(evs, "message", 0), "t_us")->valuedouble,
                 1000);
    /* TLS 1.3 with no key log and the connection closed: the outcome is not on the wire. */
    const cJSON *end = nth(evs, "session_end", 0);
    cr_expect_str_eq(str(end, "outcome"), "unknown");
    cr_expect_eq(count(evs, "handshake_done") + count(evs, "handshake_failed"), 0);
    cJSON_Delete(evs);
}

static void fill_server_first(tt_pcap_tcp *c, void *ctx)
{
    (void)ctx;
    bytes sh = {0};
    add_record(&sh, "tls13_basic/s_server_hello.hex");
    /* The capture began after the ClientHello and the SYN: the ServerHello comes first. */
    c->state = 1;
    tt_pcap_tcp_data(c, 0, sh.p, sh.n, 10);
}

Test(observe, the_server_hello_names_the_server_when_the_capture_starts_late)
{
    cJSON *evs = observe(fill_server_first, NULL, 8883);
    const cJSON *st = nth(evs, "session_start", 0);
    cr_assert_not_null(st);
    cr_expect_str_eq(str(cJSON_GetObjectItem(st, "capture"), "roles_from"), "server_hello");
    cr_expect_eq(cJSON_GetObjectItem(
                     cJSON_GetObjectItem(cJSON_GetObjectItem(st, "capture"), "server"), "port")
                     ->valueint,
                 8883);
    cr_expect_str_eq(str(nth(evs, "session_end", 0), "close"), "capture_end");
    cJSON_Delete(evs);
}

static void fill_http_answer(tt_pcap_tcp *c, void *ctx)
{
    bytes *b = ctx;
    tt_pcap_tcp_data(c, 1, b->p, b->n, 1);
    tt_pcap_tcp_data(c, 0, (const uint8_t *)"HTTP/1.1 400 Bad Request\r\n\r\n", 28, 2);
    tt_pcap_tcp_close(c, 3);
}

Test(observe, a_server_answering_in_plain_text_is_not_tls)
{
    bytes ch = {0};
    add_record(&ch, "tls12_rsa/c_client_hello.hex");
    cJSON *evs = observe(fill_http_answer, &ch, 443);
    const cJSON *r = nth(evs, "record", 1);
    cr_assert_not_null(r);
    cr_expect_str_eq(str(r, "from"), "server");
    cr_expect(strlen(str(r, "error")) > 0);
    const cJSON *f = nth(evs, "handshake_failed", 0);
    cr_assert_not_null(f);
    cr_expect_str_eq(str(f, "cause"), "not_tls");
    cr_expect(cJSON_IsNull(cJSON_GetObjectItem(f, "state")));
    cr_expect(strstr(str(f, "explanation"), "Inferred from the wire") != NULL);
    cJSON_Delete(evs);
}

static void fill_lossy(tt_pcap_tcp *c, void *ctx)
{
    (void)ctx;
    bytes ch = {0}, flight = {0};
    add_record(&ch, "tls12_rsa/c_client_hello.hex");
    tt_pcap_tcp_data(c, 1, ch.p, ch.n, 1);
    add_record(&flight, "tls12_rsa/s_server_hello.hex");
    size_t cert_at = flight.n;
    add_record(&flight, "tls12_rsa/s_certificate.hex");
    add_record(&flight, "tls12_rsa/s_server_hello_done.hex");
    /* 50 bytes in the middle of the Certificate record never reach the capture. */
    size_t cut = cert_at + 100;
    tt_pcap_tcp_data(c, 0, flight.p, cut, 2);
    c->next_seq[1] += 50;
    tt_pcap_tcp_data(c, 0, flight.p + cut + 50, flight.n - cut - 50, 3);
    /* The client's next segment acknowledges all of it: the hole is the capture's. */
    tt_pcap_tcp_data(c, 1, (const uint8_t *)"\x15\x03\x03\x00\x02\x02\x28", 7, 4);
}

Test(observe, a_gap_inside_a_record_is_reported_and_the_next_records_are_read)
{
    cJSON *evs = observe(fill_lossy, NULL, 443);
    const cJSON *gap = NULL, *e;
    cJSON_ArrayForEach(e, evs)
    {
        if (cJSON_GetObjectItem(e, "gap"))
            gap = e;
    }
    cr_assert_not_null(gap, "a record says what the capture missed");
    cr_expect_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(gap, "gap"), "bytes")->valueint, 50);
    cr_expect_str_eq(str(gap, "from"), "server");
    cr_expect(strstr(str(gap, "error"), "50 of this record's") != NULL, "%s", str(gap, "error"));
    /* Not guessed over: no Certificate message, but the ServerHelloDone after it is read. */
    int certs = 0, done = 0;
    cJSON_ArrayForEach(e, evs)
    {
        certs += !strcmp(str(e, "hs_type"), "certificate");
        done += !strcmp(str(e, "hs_type"), "server_hello_done");
    }
    cr_expect_eq(certs, 0);
    cr_expect_eq(done, 1);
    /* The client's alert (handshake_failure) still decides the outcome. */
    cr_expect_str_eq(str(nth(evs, "handshake_failed", 0), "cause"), "handshake_failure");
    const cJSON *end = nth(evs, "session_end", 1);
    cr_expect_eq(cJSON_GetObjectItem(end, "missing_bytes")->valueint, 50);
    cJSON_Delete(evs);
}
