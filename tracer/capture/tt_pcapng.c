/* pcapng writing and secrets scanning (see tt_pcapng.h). Blocks are written little-endian: the
 * Section Header Block's byte-order magic tells readers which order a section uses. */
#include "tt_pcapng.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SHB_TYPE 0x0A0D0D0Au
#define IDB_TYPE 0x00000001u
#define EPB_TYPE 0x00000006u
#define BYTE_ORDER_MAGIC 0x1A2B3C4Du
#define MAX_SEGMENT 16384u /* payload bytes per synthetic TCP segment */
#define MAX_SECRETS_BLOCK (16u << 20)

static size_t pad4(size_t n)
{
    return (n + 3) & ~(size_t)3;
}

static void le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static void le16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put(tt_pcapng_out *w, const void *p, size_t n)
{
    if (n && fwrite(p, 1, n, w->f) != n)
        w->failed = 1;
}

/* A block: header (type, total length), body, zero padding, total length again (§3.1). */
static void block(tt_pcapng_out *w, uint32_t type, const uint8_t *head, size_t head_len,
                  const uint8_t *body, size_t body_len)
{
    static const uint8_t zeros[4];
    size_t total = 12 + head_len + pad4(body_len);
    if (total > 0xFFFFFFF0u) {
        w->failed = 1;
        return;
    }
    uint8_t h[8], tail[4];
    le32(h, type);
    le32(h + 4, (uint32_t)total);
    le32(tail, (uint32_t)total);
    put(w, h, 8);
    put(w, head, head_len);
    put(w, body, body_len);
    put(w, zeros, pad4(body_len) - body_len);
    put(w, tail, 4);
}

int tt_pcapng_open(tt_pcapng_out *w, FILE *f)
{
    memset(w, 0, sizeof(*w));
    pthread_mutex_init(&w->lock, NULL);
    w->f = f;
    /* §4.1: byte-order magic, version 1.0, section length unknown (-1); the option
     * shb_userappl (4) names the writer; opt_endofopt (0) ends the options. */
    static const char app[] = "tlstrace " TLSTRACE_VERSION;
    uint8_t shb[16 + 4 + pad4(sizeof(app) - 1) + 4];
    memset(shb, 0, sizeof(shb));
    le32(shb, BYTE_ORDER_MAGIC);
    le16(shb + 4, 1);
    le16(shb + 6, 0);
    memset(shb + 8, 0xff, 8);
    le16(shb + 16, 4);
    le16(shb + 18, (uint16_t)(sizeof(app) - 1));
    memcpy(shb + 20, app, sizeof(app) - 1);
    block(w, SHB_TYPE, shb, sizeof(shb), NULL, 0);
    /* §4.2: link type, reserved, snap length (0: no limit). */
    uint8_t idb[8];
    le16(idb, TT_PCAPNG_LINKTYPE_RAW);
    le16(idb + 2, 0);
    le32(idb + 4, 0);
    block(w, IDB_TYPE, idb, sizeof(idb), NULL, 0);
    return w->failed ? -1 : 0;
}

/* §4.7: secrets type, secrets length, the secrets (under the lock). */
static void flush_secrets(tt_pcapng_out *w)
{
    if (!w->secrets_len)
        return;
    uint8_t head[8];
    le32(head, TT_PCAPNG_SECRETS_TLS);
    le32(head + 4, (uint32_t)w->secrets_len);
    block(w, TT_PCAPNG_DSB, head, sizeof(head), (const uint8_t *)w->secrets, w->secrets_len);
    memset(w->secrets, 0, w->secrets_len);
    w->secrets_len = 0;
}

void tt_pcapng_secrets(tt_pcapng_out *w, const char *text, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)text[i]) * 1099511628211ull;
    pthread_mutex_lock(&w->lock);
    for (unsigned i = 0; i < 32 && i < w->n_recent; i++)
        if (w->recent[i] == h) {
            pthread_mutex_unlock(&w->lock);
            return;
        }
    w->recent[w->n_recent++ % 32] = h;
    if (w->secrets_len + n > MAX_SECRETS_BLOCK)
        flush_secrets(w);
    if (w->secrets_len + n > w->secrets_cap) {
        size_t cap = w->secrets_cap ? w->secrets_cap : 1024;
        while (cap < w->secrets_len + n)
            cap *= 2;
        char *p = malloc(cap);
        if (!p) {
            w->failed = 1;
            pthread_mutex_unlock(&w->lock);
            return;
        }
        if (w->secrets) {
            memcpy(p, w->secrets, w->secrets_len);
            memset(w->secrets, 0, w->secrets_cap);
            free(w->secrets);
        }
        w->secrets = p;
        w->secrets_cap = cap;
    }
    memcpy(w->secrets + w->secrets_len, text, n);
    w->secrets_len += n;
    pthread_mutex_unlock(&w->lock);
}

void tt_pcapng_packet(tt_pcapng_out *w, uint64_t ts_us, const uint8_t *p, size_t n)
{
    pthread_mutex_lock(&w->lock);
    flush_secrets(w);
    /* §4.3: interface 0, timestamp (µs: the default if_tsresol) high and low, lengths. */
    uint8_t head[20];
    le32(head, 0);
    le32(head + 4, (uint32_t)(ts_us >> 32));
    le32(head + 8, (uint32_t)ts_us);
    le32(head + 12, (uint32_t)n);
    le32(head + 16, (uint32_t)n);
    block(w, EPB_TYPE, head, sizeof(head), p, n);
    w->packets++;
    w->bytes += n;
    pthread_mutex_unlock(&w->lock);
}

int tt_pcapng_close(tt_pcapng_out *w)
{
    pthread_mutex_lock(&w->lock);
    flush_secrets(w);
    if (w->secrets) {
        memset(w->secrets, 0, w->secrets_cap);
        free(w->secrets);
    }
    w->secrets = NULL;
    w->secrets_cap = 0;
    int failed = w->failed || fflush(w->f) != 0;
    pthread_mutex_unlock(&w->lock);
    pthread_mutex_destroy(&w->lock);
    return failed ? -1 : 0;
}

uint64_t tt_pcap_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* ---------- synthetic TCP ---------- */

/* RFC 1071: the Internet checksum, continued from sum. */
static uint32_t sum16(uint32_t sum, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 1 < n; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (n & 1)
        sum += (uint32_t)p[n - 1] << 8;
    return sum;
}

static uint16_t fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

static void be16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

void tt_pcap_tcp_init(tt_pcap_tcp *c, tt_pcapng_out *w, uint8_t family, const uint8_t *caddr,
                      uint16_t cport, const uint8_t *saddr, uint16_t sport)
{
    memset(c, 0, sizeof(*c));
    c->w = w;
    c->family = family == 6 ? 6 : 4;
    size_t alen = c->family == 6 ? 16 : 4;
    memcpy(c->addr[0], caddr, alen);
    memcpy(c->addr[1], saddr, alen);
    c->port[0] = cport;
    c->port[1] = sport;
    /* Initial sequence numbers: any value will do (RFC 9293 §3.4.1); distinct ones make the
     * two directions easy to tell apart in a packet list. */
    c->next_seq[0] = 0x10000000u;
    c->next_seq[1] = 0x20000000u;
    c->mss = MAX_SEGMENT;
}

/* One segment from side `from` (0 client, 1 server): IP header, TCP header, payload. */
static void segment(tt_pcap_tcp *c, int from, uint8_t flags, const uint8_t *p, size_t n,
                    uint64_t ts)
{
    uint8_t pkt[40 + 20 + MAX_SEGMENT];
    size_t ip_len = c->family == 6 ? 40 : 20, alen = c->family == 6 ? 16 : 4;
    uint8_t *ip = pkt, *tcp = pkt + ip_len;
    const uint8_t *src = c->addr[from], *dst = c->addr[!from];
    size_t tcp_len = 20 + n;
    memset(pkt, 0, ip_len + 20);
    if (c->family == 4) { /* RFC 791 §3.1 */
        ip[0] = 0x45;
        be16(ip + 2, (uint16_t)(ip_len + tcp_len));
        be16(ip + 4, c->ip_id++);
        ip[6] = 0x40; /* don't fragment */
        ip[8] = 64;
        ip[9] = 6;
        memcpy(ip + 12, src, 4);
        memcpy(ip + 16, dst, 4);
        be16(ip + 10, fold(sum16(0, ip, 20)));
    } else { /* RFC 8200 §3 */
        ip[0] = 0x60;
        be16(ip + 4, (uint16_t)tcp_len);
        ip[6] = 6;
        ip[7] = 64;
        memcpy(ip + 8, src, 16);
        memcpy(ip + 24, dst, 16);
    }
    /* RFC 9293 §3.1: ports, sequence and acknowledgment numbers, offset 5, flags, window. */
    be16(tcp, c->port[from]);
    be16(tcp + 2, c->port[!from]);
    be32(tcp + 4, c->next_seq[from]);
    be32(tcp + 8, (flags & 0x10) ? c->next_seq[!from] : 0);
    tcp[12] = 5 << 4;
    tcp[13] = flags;
    be16(tcp + 14, 65535);
    if (n)
        memcpy(tcp + 20, p, n);
    /* The checksum covers a pseudo-header of addresses, protocol and length (RFC 9293 §3.1,
     * RFC 8200 §8.1). */
    uint32_t sum = sum16(0, src, alen);
    sum = sum16(sum, dst, alen);
    sum += 6 + (uint32_t)tcp_len;
    be16(tcp + 16, fold(sum16(sum, tcp, tcp_len)));
    tt_pcapng_packet(c->w, ts, pkt, ip_len + tcp_len);
    c->next_seq[from] += (uint32_t)n + ((flags & 0x03) ? 1 : 0); /* SYN and FIN count one */
}

void tt_pcap_tcp_open(tt_pcap_tcp *c, uint64_t ts)
{
    if (c->state != 0)
        return;
    c->state = 1;
    segment(c, 0, 0x02, NULL, 0, ts); /* SYN */
    segment(c, 1, 0x12, NULL, 0, ts); /* SYN-ACK */
    segment(c, 0, 0x10, NULL, 0, ts); /* ACK */
}

void tt_pcap_tcp_data(tt_pcap_tcp *c, int from_client, const uint8_t *p, size_t n, uint64_t ts)
{
    if (c->state == 0)
        tt_pcap_tcp_open(c, ts);
    if (c->state != 1)
        return;
    while (n > 0) {
        size_t mss = c->mss && c->mss <= MAX_SEGMENT ? c->mss : MAX_SEGMENT;
        size_t k = n < mss ? n : mss;
        segment(c, from_client ? 0 : 1, 0x18, p, k, ts); /* PSH, ACK */
        p += k;
        n -= k;
    }
}

void tt_pcap_tcp_close(tt_pcap_tcp *c, uint64_t ts)
{
    if (c->state != 1)
        return;
    c->state = 2;
    segment(c, 0, 0x11, NULL, 0, ts); /* FIN, ACK */
    segment(c, 1, 0x11, NULL, 0, ts); /* FIN, ACK */
    segment(c, 0, 0x10, NULL, 0, ts); /* ACK */
}

/* ---------- reading: the secrets blocks ---------- */

static uint32_t rd32(const uint8_t *p, int swap)
{
    return swap ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

int tt_pcapng_scan_secrets(FILE *f,
                           void (*cb)(void *ctx, uint32_t type, const uint8_t *data, size_t len),
                           void *ctx)
{
    int found = 0, swap = 0;
    uint8_t h[12];
    for (int first = 1;; first = 0) {
        if (fread(h, 1, 8, f) != 8)
            break;
        uint32_t type = rd32(h, 0);
        if (first && type != SHB_TYPE)
            break;              /* a classic pcap file: no blocks */
        if (type == SHB_TYPE) { /* each section says its own byte order */
            if (fread(h + 8, 1, 4, f) != 4)
                break;
            uint32_t bom = rd32(h + 8, 0);
            if (bom == BYTE_ORDER_MAGIC)
                swap = 0;
            else if (rd32(h + 8, 1) == BYTE_ORDER_MAGIC)
                swap = 1;
            else
                break;
        }
        uint32_t len = rd32(h + 4, swap);
        size_t done = type == SHB_TYPE ? 12 : 8;
        if (len < 12 || len % 4 != 0 || len < done)
            break;
        if (rd32(h, swap) == TT_PCAPNG_DSB && len <= MAX_SECRETS_BLOCK + 32) {
            size_t body = len - 8;
            uint8_t *b = malloc(body);
            if (!b || fread(b, 1, body, f) != body) {
                free(b);
                break;
            }
            if (body >= 12) {
                uint32_t stype = rd32(b, swap), slen = rd32(b + 4, swap);
                if (slen <= body - 12) {
                    cb(ctx, stype, b + 8, slen);
                    found++;
                }
            }
            memset(b, 0, body);
            free(b);
            continue;
        }
        if (fseek(f, (long)(len - done), SEEK_CUR) != 0)
            break;
    }
    return found;
}
