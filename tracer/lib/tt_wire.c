/* The wire parser (see tt_wire.h): TLS records, alerts and handshake messages as pure functions
 * over byte buffers. The only allocation is the cJSON output.
 *
 * How a message is decoded: one sticky reader runs over the whole message, so every offset is
 * counted from the first byte of the 4-byte handshake header. Opening a length-prefixed vector
 * checks its length against what is left and narrows the reader to it; closing it checks that
 * every byte was used. The first failure sticks, later reads return 0, and the message's decoder
 * checks once at the end. Each step cites the RFC section that defines the bytes.
 *
 * Output conventions (the page and schema/README.md rely on them):
 *   - a coded value is {"id": N, "name": "iana_name"}; name is null when unknown, "GREASE" for
 *     RFC 8701 values;
 *   - byte strings are lowercase hex; opaque blobs without a decoder are {"hex": first 64 bytes,
 *     "truncated": true when longer};
 *   - strings from the wire (host names, ALPN protocols, CA names, PSK identities, URLs) are
 *     made safe to show as text: control bytes, the backslash, and non-ASCII bytes (in UTF-8
 *     fields: invalid UTF-8 and invisible or bidirectional formatting characters) become \xNN;
 *     CA names are written like the certificate descriptions, "O=Example, CN=Example CA", with
 *     RFC 4514 escapes (\, \+ \\ ...) for the characters that are special there;
 *   - spans are [json_pointer, offset, length]; a vector's span includes its length prefix, and a
 *     "*_length" field of an opaque vector spans the prefix and the bytes it counts;
 *   - an array keeps at most MAX_ITEMS items; the rest are still checked and counted in
 *     "<array>_omitted". */
#include "tt_wire.h"
#include "tt_emit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "tt_tables.h"
#include "tt_x509.h"

#define MAX_ITEMS 1024
#define HEX_CAP 64

/* ============================================================================================
 * The reader
 * ============================================================================================ */

void tt_reader_init(tt_reader *r, const uint8_t *p, size_t len)
{
    memset(r, 0, sizeof(*r));
    r->p = p;
    r->len = p != NULL ? len : 0;
}

void tt_reader_fail(tt_reader *r, const char *what)
{
    if (r->failed)
        return;
    r->failed = 1;
    r->fail_at = r->pos;
    r->fail_what = what;
}

/* 1 when n more bytes can be read; otherwise fails the reader (the first failure sticks). */
static int reader_has(tt_reader *r, size_t n, const char *what)
{
    if (r->failed)
        return 0;
    if (r->len - r->pos < n) {
        tt_reader_fail(r, what);
        return 0;
    }
    return 1;
}

uint8_t tt_read_u8(tt_reader *r, const char *what)
{
    if (!reader_has(r, 1, what))
        return 0;
    return r->p[r->pos++];
}

uint16_t tt_read_u16(tt_reader *r, const char *what)
{
    if (!reader_has(r, 2, what))
        return 0;
    uint16_t v = (uint16_t)((r->p[r->pos] << 8) | r->p[r->pos + 1]);
    r->pos += 2;
    return v;
}

uint32_t tt_read_u24(tt_reader *r, const char *what)
{
    if (!reader_has(r, 3, what))
        return 0;
    uint32_t v =
        ((uint32_t)r->p[r->pos] << 16) | ((uint32_t)r->p[r->pos + 1] << 8) | r->p[r->pos + 2];
    r->pos += 3;
    return v;
}

uint32_t tt_read_u32(tt_reader *r, const char *what)
{
    if (!reader_has(r, 4, what))
        return 0;
    uint32_t v = ((uint32_t)r->p[r->pos] << 24) | ((uint32_t)r->p[r->pos + 1] << 16) |
                 ((uint32_t)r->p[r->pos + 2] << 8) | r->p[r->pos + 3];
    r->pos += 4;
    return v;
}

const uint8_t *tt_read_bytes(tt_reader *r, size_t n, const char *what)
{
    if (!reader_has(r, n, what) || r->p == NULL)
        return NULL;
    const uint8_t *q = r->p + r->pos;
    r->pos += n;
    return q;
}

/* ============================================================================================
 * Text helpers: a growing string, hex, safe text, distinguished names
 * ============================================================================================ */

typedef struct sbuf {
    char *p;
    size_t len, cap;
    int oom;
} sbuf;

static void sb_putn(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->cap - b->len <= n) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap - b->len <= n) {
            if (cap > ((size_t)-1) / 2) {
                b->oom = 1;
                return;
            }
            cap *= 2;
        }
        char *p = realloc(b->p, cap);
        if (p == NULL) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_putc(sbuf *b, char c)
{
    sb_putn(b, &c, 1);
}

static void sb_puts(sbuf *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

static void sb_byte(sbuf *b, uint8_t c)
{
    char t[5];
    snprintf(t, sizeof(t), "\\x%02x", c);
    sb_putn(b, t, 4);
}

/* Returns the string (caller frees), or NULL when memory ran out. */
static char *sb_take(sbuf *b)
{
    if (b->oom || b->p == NULL) {
        free(b->p);
        b->p = NULL;
        if (b->oom)
            return NULL;
        return calloc(1, 1);
    }
    char *p = b->p;
    b->p = NULL;
    return p;
}

static void sb_hex(sbuf *b, const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        char t[2] = {digits[p[i] >> 4], digits[p[i] & 15]};
        sb_putn(b, t, 2);
    }
}

/* Lowercase hex of p[0..n), malloc'd (caller frees); NULL when out of memory. */
static char *hex_of(const uint8_t *p, size_t n)
{
    sbuf b = {0};
    sb_hex(&b, p, n);
    return sb_take(&b);
}

/* Length (2..4) of the well-formed UTF-8 sequence at p, 0 when there is none (RFC 3629 §4:
 * no overlong forms, no surrogates, nothing above U+10FFFF); *cp receives the code point. */
static size_t utf8_seq(const uint8_t *p, size_t n, uint32_t *cp)
{
    uint8_t c = p[0];
    size_t len;
    uint32_t v, min;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2, v = c & 0x1f, min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3, v = c & 0x0f, min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return len;
}

/* 1 for characters that must not reach the page as they are: C1 controls and the invisible or
 * bidirectional formatting characters that can make text look like something else. */
static int hidden_char(uint32_t c)
{
    return c < 0xa0 || c == 0x00ad || c == 0x061c || (c >= 0x200b && c <= 0x200f) ||
           (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f) || c == 0xfeff ||
           (c >= 0xfff9 && c <= 0xfffb) || (c >= 0xe0000 && c <= 0xe007f);
}

enum { TEXT_ASCII = 0, TEXT_UTF8 = 1, TEXT_DN = 2 }; /* flags */

/* Appends p[0..n) as safe text. Printable ASCII passes; with TEXT_UTF8 well-formed visible UTF-8
 * passes too; every other byte becomes \xNN, and so does a backslash (so \xNN is unambiguous).
 * TEXT_DN escapes an attribute value as RFC 4514 §2.4 says instead: a backslash
 * before , + " \ < > ; and before a leading space or # and a trailing space. */
static void sb_text(sbuf *b, const uint8_t *p, size_t n, int mode)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (c >= 0x20 && c < 0x7f) {
            if (mode & TEXT_DN) {
                if (strchr(",+\"\\<>;", c) != NULL || (i == 0 && (c == ' ' || c == '#')) ||
                    (i == n - 1 && c == ' '))
                    sb_putc(b, '\\');
                sb_putc(b, (char)c);
            } else if (c == '\\') {
                sb_byte(b, c);
            } else {
                sb_putc(b, (char)c);
            }
            continue;
        }
        uint32_t cp;
        size_t k = (mode & TEXT_UTF8) ? utf8_seq(p + i, n - i, &cp) : 0;
        if (k > 0 && !hidden_char(cp)) {
            sb_putn(b, (const char *)p + i, k);
            i += k - 1;
        } else {
            sb_byte(b, c);
        }
    }
}

/* Safe text of p[0..n) (see sb_text), malloc'd; NULL when out of memory. */
static char *safe_text(const uint8_t *p, size_t n, int mode)
{
    sbuf b = {0};
    sb_text(&b, p, n, mode);
    return sb_take(&b);
}

/* Reads one DER TLV (X.690 §8.1) at *pos of p[0..n): short or long definite lengths up to 2^24,
 * single-byte tags. Returns 1 and advances *pos, or 0 when the bytes are not such a TLV. */
static int der_next(const uint8_t *p, size_t n, size_t *pos, uint8_t *tag, const uint8_t **val,
                    size_t *vlen)
{
    size_t i = *pos;
    if (i > n || n - i < 2)
        return 0;
    uint8_t t = p[i++];
    if ((t & 0x1f) == 0x1f)
        return 0;
    size_t l = p[i++];
    if (l & 0x80) {
        size_t k = l & 0x7f;
        if (k == 0 || k > 3 || n - i < k)
            return 0;
        for (l = 0; k > 0; k--)
            l = (l << 8) | p[i++];
    }
    if (n - i < l)
        return 0;
    *tag = t;
    *val = p + i;
    *vlen = l;
    *pos = i + l;
    return 1;
}

/* Appends the dotted form of a DER OID body (X.690 §8.19); 0 when it is malformed. */
static int sb_oid(sbuf *b, const uint8_t *p, size_t n)
{
    if (n == 0 || (p[n - 1] & 0x80))
        return 0;
    unsigned long long v = 0;
    int first = 1;
    char t[48];
    for (size_t i = 0; i < n; i++) {
        if (v > (~0ULL >> 7))
            return 0;
        v = (v << 7) | (p[i] & 0x7f);
        if (p[i] & 0x80)
            continue;
        if (first) {
            unsigned arc = v < 40 ? 0 : v < 80 ? 1 : 2;
            snprintf(t, sizeof(t), "%u.%llu", arc, v - 40ULL * arc);
            first = 0;
        } else {
            snprintf(t, sizeof(t), ".%llu", v);
        }
        sb_puts(b, t);
        v = 0;
    }
    return 1;
}

/* Short names of attribute types (RFC 4514 §3, RFC 4519, RFC 5280 Appendix A), by DER OID body;
 * the same names the certificate descriptions (tt_x509.c) use. */
static const char *dn_attr_name(const uint8_t *p, size_t n)
{
    static const struct {
        uint8_t id; /* last arc of 2.5.4.x */
        const char *name;
    } x520[] = {
        {3, "CN"},
        {4, "SN"},
        {5, "serialNumber"},
        {6, "C"},
        {7, "L"},
        {8, "ST"},
        {9, "street"},
        {10, "O"},
        {11, "OU"},
        {12, "title"},
        {15, "businessCategory"},
        {17, "postalCode"},
        {42, "GN"},
        {43, "initials"},
        {44, "generationQualifier"},
        {46, "dnQualifier"},
        {65, "pseudonym"},
        {97, "organizationIdentifier"},
    };
    static const uint8_t email[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01};
    static const uint8_t pilot[] = {0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01};
    if (n == 3 && p[0] == 0x55 && p[1] == 0x04) { /* 2.5.4.x */
        for (size_t i = 0; i < sizeof(x520) / sizeof(x520[0]); i++)
            if (x520[i].id == p[2])
                return x520[i].name;
    }
    if (n == sizeof(email) && memcmp(p, email, n) == 0)
        return "emailAddress";
    if (n == sizeof(pilot) + 1 && memcmp(p, pilot, sizeof(pilot)) == 0) { /* 0.9.2342...100.1.x */
        if (p[9] == 0x01)
            return "UID";
        if (p[9] == 0x19)
            return "DC";
    }
    return NULL;
}

/* Appends an attribute value (RFC 5280 §4.1.2.4 DirectoryString and friends) as RFC 4514 text;
 * types it does not read as text become #hex of the whole TLV (RFC 4514 §2.4). */
static void sb_dn_value(sbuf *b, uint8_t tag, const uint8_t *tlv, size_t tlv_len, const uint8_t *v,
                        size_t n)
{
    switch (tag) {
    case 0x0c: /* UTF8String */
    case 0x12: /* NumericString */
    case 0x13: /* PrintableString */
    case 0x14: /* TeletexString: shown byte by byte, non-ASCII escaped */
    case 0x16: /* IA5String */
    case 0x1a: /* VisibleString */
        sb_text(b, v, n, tag == 0x0c ? TEXT_DN | TEXT_UTF8 : TEXT_DN);
        return;
    case 0x1e: /* BMPString (UCS-2) and UniversalString (UCS-4): re-encoded as UTF-8 */
    case 0x1c: {
        size_t w = tag == 0x1e ? 2 : 4;
        if (n % w != 0)
            break;
        sbuf u = {0};
        for (size_t i = 0; i < n; i += w) {
            uint32_t c = 0;
            for (size_t k = 0; k < w; k++)
                c = (c << 8) | v[i + k];
            char t[4];
            size_t tl;
            if (c < 0x80) {
                t[0] = (char)c, tl = 1;
            } else if (c < 0x800) {
                t[0] = (char)(0xc0 | (c >> 6)), t[1] = (char)(0x80 | (c & 0x3f)), tl = 2;
            } else if (c < 0x10000) {
                t[0] = (char)(0xe0 | (c >> 12)), t[1] = (char)(0x80 | ((c >> 6) & 0x3f));
                t[2] = (char)(0x80 | (c & 0x3f)), tl = 3;
            } else if (c <= 0x10ffff) {
                t[0] = (char)(0xf0 | (c >> 18)), t[1] = (char)(0x80 | ((c >> 12) & 0x3f));
                t[2] = (char)(0x80 | ((c >> 6) & 0x3f)), t[3] = (char)(0x80 | (c & 0x3f));
                tl = 4;
            } else {
                t[0] = '?', tl = 1;
            }
            sb_putn(&u, t, tl);
        }
        if (!u.oom && u.p != NULL)
            sb_text(b, (const uint8_t *)u.p, u.len, TEXT_DN | TEXT_UTF8);
        free(u.p);
        return;
    }
    default: break;
    }
    sb_putc(b, '#');
    sb_hex(b, tlv, tlv_len);
}

/* An RFC 5280 Name (DER) as text, e.g. "O=Example, CN=Test CA": the RDNs in the order of the
 * certificate joined by ", ", the values of a multi-valued RDN by " + ", values escaped as
 * RFC 4514 §2.4 says. This is how mbedtls_x509_dn_gets and tt_x509_describe show names, so a CA
 * name in a CertificateRequest reads exactly like the issuer of a certificate. malloc'd; NULL
 * when the bytes are not a Name. */
static char *dn_string(const uint8_t *p, size_t n)
{
    size_t pos = 0, seq_len;
    const uint8_t *seq;
    uint8_t tag;

    /* Name ::= SEQUENCE OF RelativeDistinguishedName, filling the whole input */
    if (!der_next(p, n, &pos, &tag, &seq, &seq_len) || tag != 0x30 || pos != n)
        return NULL;
    sbuf b = {0};
    int good = 1;
    for (size_t r = 0, i = 0; good && r < seq_len; i++) {
        /* RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue */
        const uint8_t *set;
        size_t set_len, q = 0;
        if (!der_next(seq, seq_len, &r, &tag, &set, &set_len) || tag != 0x31 || set_len == 0) {
            good = 0;
            break;
        }
        for (int first = 1; good && q < set_len; first = 0) {
            const uint8_t *atv, *oid, *val;
            size_t atv_len, oid_len, val_len, a = 0, vstart;
            uint8_t t2, vtag;
            /* AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY } */
            if (!der_next(set, set_len, &q, &tag, &atv, &atv_len) || tag != 0x30 ||
                !der_next(atv, atv_len, &a, &t2, &oid, &oid_len) || t2 != 0x06) {
                good = 0;
                break;
            }
            vstart = a;
            if (!der_next(atv, atv_len, &a, &vtag, &val, &val_len) || a != atv_len) {
                good = 0;
                break;
            }
            if (!first)
                sb_puts(&b, " + ");
            else if (i > 0)
                sb_puts(&b, ", ");
            const char *name = dn_attr_name(oid, oid_len);
            if (name != NULL)
                sb_puts(&b, name);
            else if (!sb_oid(&b, oid, oid_len))
                good = 0;
            sb_putc(&b, '=');
            sb_dn_value(&b, vtag, atv + vstart, a - vstart, val, val_len);
        }
    }
    if (!good) {
        free(b.p);
        return NULL;
    }
    return sb_take(&b);
}

/* ============================================================================================
 * The decoder: a reader over the whole message, the JSON pointer being written, the spans
 * ============================================================================================ */

typedef struct dec {
    tt_reader r;  /* over the whole message: positions are offsets in the message */
    cJSON *spans; /* [pointer, offset, length] rows */
    const tt_wire_ctx *ctx;
    const char *scope; /* the innermost open vector, named in errors ("message" at the top) */
    int quiet;         /* > 0 while decoding items beyond MAX_ITEMS: no spans */
    size_t path_len;
    char path[256]; /* RFC 6901 JSON pointer of the current position in `fields` */
    char why[160];  /* the formatted reason of the first failure */
} dec;

static int ok(const dec *d)
{
    return !d->r.failed;
}

static size_t here(const dec *d)
{
    return d->r.pos;
}

static size_t left(const dec *d)
{
    return d->r.failed ? 0 : d->r.len - d->r.pos;
}

/* Fails the decode with a formatted reason; only the first failure is kept. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
failf(dec *d, const char *fmt, ...)
{
    if (d->r.failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->why, sizeof(d->why), fmt, ap);
    va_end(ap);
    tt_reader_fail(&d->r, d->why);
}

/* 1 when n bytes remain in the current vector; otherwise fails saying which field is short. */
static int need(dec *d, size_t n, const char *what)
{
    if (d->r.failed)
        return 0;
    if (d->r.len - d->r.pos < n) {
        failf(d, "%s needs %zu byte%s at offset %zu but only %zu remain in the %s", what, n,
              n == 1 ? "" : "s", d->r.pos, d->r.len - d->r.pos, d->scope);
        return 0;
    }
    return 1;
}

static unsigned rd8(dec *d, const char *what)
{
    return need(d, 1, what) ? tt_read_u8(&d->r, what) : 0;
}

static unsigned rd16(dec *d, const char *what)
{
    return need(d, 2, what) ? tt_read_u16(&d->r, what) : 0;
}

static uint32_t rd24(dec *d, const char *what)
{
    return need(d, 3, what) ? tt_read_u24(&d->r, what) : 0;
}

static uint32_t rd32(dec *d, const char *what)
{
    return need(d, 4, what) ? tt_read_u32(&d->r, what) : 0;
}

static const uint8_t *rdn(dec *d, size_t n, const char *what)
{
    return need(d, n, what) ? tt_read_bytes(&d->r, n, what) : NULL;
}

/* JSON pointer: push a key or an index, pop back to a saved length (RFC 6901 §3: ~ and / in a
 * key are written ~0 and ~1; our keys never have them, but the rule costs nothing). */
static size_t path_push(dec *d, const char *key)
{
    size_t old = d->path_len, n = old;
    if (n + 1 < sizeof(d->path))
        d->path[n++] = '/';
    for (const char *k = key; *k != '\0' && n + 2 < sizeof(d->path); k++) {
        if (*k == '~' || *k == '/') {
            d->path[n++] = '~';
            d->path[n++] = *k == '~' ? '0' : '1';
        } else {
            d->path[n++] = *k;
        }
    }
    d->path[n] = '\0';
    d->path_len = n;
    return old;
}

static size_t path_push_index(dec *d, size_t i)
{
    /* decimal by hand: this runs for every item of every list */
    char tmp[24], key[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + i % 10);
        i /= 10;
    } while (i);
    for (int k = 0; k < n; k++)
        key[k] = tmp[n - 1 - k];
    key[n] = '\0';
    return path_push(d, key);
}

static void path_pop(dec *d, size_t old)
{
    d->path_len = old;
    d->path[old] = '\0';
}

/* Records a span for the current path. */
static void span(dec *d, size_t off, size_t len)
{
    if (d->quiet || d->r.failed || d->spans == NULL)
        return;
    cJSON *row = cJSON_CreateArray();
    if (row == NULL)
        return;
    cJSON_AddItemToArray(row, cJSON_CreateString(d->path));
    cJSON_AddItemToArray(row, cJSON_CreateNumber((double)off));
    cJSON_AddItemToArray(row, cJSON_CreateNumber((double)len));
    cJSON_AddItemToArray(d->spans, row);
}

/* Records a span for path/key. */
static void span_key(dec *d, const char *key, size_t off, size_t len)
{
    size_t old = path_push(d, key);
    span(d, off, len);
    path_pop(d, old);
}

/* Gives path/key (a field derived from other bytes) the span already recorded for `from`. */
static void span_like(dec *d, const char *from, const char *key)
{
    cJSON *row;
    cJSON_ArrayForEach(row, d->spans)
    {
        cJSON *ptr = cJSON_GetArrayItem(row, 0);
        if (cJSON_IsString(ptr) && strcmp(ptr->valuestring, from) == 0) {
            span_key(d, key, (size_t)cJSON_GetArrayItem(row, 1)->valuedouble,
                     (size_t)cJSON_GetArrayItem(row, 2)->valuedouble);
            return;
        }
    }
}

/* {"id": id, "name": ...}: the table's name, "GREASE" for RFC 8701 values when grease is set. */
static cJSON *coded(uint32_t id, const tt_table *t, int grease)
{
    const char *name = tt_name(t, id);
    if (name == NULL && grease && id <= 0xffff && tt_is_grease((uint16_t)id))
        name = "GREASE";
    return tt_json_named(id, name);
}

/* A cipher suite as {"id", "name"}: the suite table, GREASE, or null. */
static cJSON *coded_suite(unsigned id)
{
    const tt_suite *s = tt_suite_lookup((uint16_t)id);
    return tt_json_named(id, s != NULL                        ? s->name
                             : tt_is_grease((uint16_t)id) ? "GREASE"
                                                          : NULL);
}

/* RFC 8701 §2: GREASE values of one-byte code lists (PskKeyExchangeMode): 0x0B + 0x1F * k. */
static cJSON *coded8_grease(unsigned id, const tt_table *t)
{
    cJSON *o = coded(id, t, 0);
    if (tt_name(t, id) == NULL && id >= 0x0b && (id - 0x0b) % 0x1f == 0)
        cJSON_ReplaceItemInObject(o, "name", cJSON_CreateString("GREASE"));
    return o;
}

/* put_*: add a field to obj and its span, unless the reader has failed (then the value is not
 * real and is left out). Ownership of `item` passes to obj (or it is freed). */
static void put_item(dec *d, cJSON *obj, const char *key, cJSON *item, size_t off, size_t len)
{
    if (d->r.failed || obj == NULL) {
        cJSON_Delete(item);
        return;
    }
    /* Every key handed to the put_ and list_ helpers is a string literal: not copied. */
    cJSON_AddItemToObjectCS(obj, key, item);
    span_key(d, key, off, len);
}

static void put_num(dec *d, cJSON *obj, const char *key, double v, size_t off, size_t len)
{
    if (!d->r.failed)
        put_item(d, obj, key, cJSON_CreateNumber(v), off, len);
}

static void put_coded(dec *d, cJSON *obj, const char *key, uint32_t id, const tt_table *t,
                      int grease, size_t off, size_t len)
{
    if (!d->r.failed)
        put_item(d, obj, key, coded(id, t, grease), off, len);
}

/* A string field from a malloc'd C string (freed here); a NULL string means out of memory. */
static void put_owned_string(dec *d, cJSON *obj, const char *key, char *s, size_t off, size_t len)
{
    if (s != NULL && !d->r.failed)
        put_item(d, obj, key, cJSON_CreateString(s), off, len);
    free(s);
}

static void put_hex(dec *d, cJSON *obj, const char *key, const uint8_t *p, size_t n, size_t off,
                    size_t len)
{
    if (!d->r.failed)
        put_owned_string(d, obj, key, hex_of(p, n), off, len);
}

/* Adds {"hex": first HEX_CAP bytes, "truncated": true when longer} for p[0..n). */
static void add_hex_blob(cJSON *obj, const uint8_t *p, size_t n)
{
    char *h = hex_of(p, n > HEX_CAP ? HEX_CAP : n);
    if (h != NULL)
        cJSON_AddStringToObject(obj, "hex", h);
    free(h);
    if (n > HEX_CAP)
        cJSON_AddTrueToObject(obj, "truncated");
}

/* Reads everything left in the current vector into obj as a hex blob (field "hex"). */
static void rest_as_hex(dec *d, cJSON *obj)
{
    size_t at = here(d), n = left(d);
    const uint8_t *p = rdn(d, n, "data");
    if (!ok(d) || obj == NULL)
        return;
    add_hex_blob(obj, p, n);
    span_key(d, "hex", at, n);
}

/* --- Vectors (RFC 8446 §3.4: a length prefix of 1, 2 or 3 bytes, then that many bytes) ------ */

typedef struct vec {
    size_t outer_len; /* the reader's end before the vector was opened */
    const char *outer_scope;
    size_t start; /* offset of the length prefix */
    size_t body;  /* offset of the first content byte */
    size_t n;     /* content length */
} vec;

/* Reads a `prefix`-byte length, checks that it fits in what is left, lies in [min, max] and is a
 * multiple of unit, then narrows the reader to the contents. Always pair with vec_close(). */
static int vec_open(dec *d, vec *v, int prefix, const char *what, size_t min, size_t max,
                    size_t unit)
{
    v->outer_len = d->r.len;
    v->outer_scope = d->scope;
    v->start = v->body = here(d);
    v->n = 0;
    if (d->r.failed)
        return 0;
    if (left(d) < (size_t)prefix) {
        failf(d, "%s length needs %d byte%s at offset %zu but only %zu remain in the %s", what,
              prefix, prefix == 1 ? "" : "s", here(d), left(d), d->scope);
        return 0;
    }
    size_t n = prefix == 1   ? tt_read_u8(&d->r, what)
               : prefix == 2 ? tt_read_u16(&d->r, what)
                             : tt_read_u24(&d->r, what);
    if (n > left(d))
        failf(d, "%s length %zu overruns the %s at offset %zu (%zu bytes left)", what, n, d->scope,
              v->start, left(d));
    else if (n < min || n > max)
        failf(d, "%s length %zu at offset %zu is outside the allowed %zu..%zu", what, n, v->start,
              min, max);
    else if (unit > 1 && n % unit != 0)
        failf(d, "%s length %zu at offset %zu is not a multiple of %zu", what, n, v->start, unit);
    if (d->r.failed)
        return 0;
    v->body = here(d);
    v->n = n;
    d->r.len = v->body + n;
    d->scope = what;
    return 1;
}

/* Checks that the vector was used up, then widens the reader back. */
static void vec_close(dec *d, vec *v)
{
    if (!d->r.failed && d->r.pos != d->r.len)
        failf(d, "%zu unexpected byte%s at the end of the %s at offset %zu", d->r.len - d->r.pos,
              d->r.len - d->r.pos == 1 ? "" : "s", d->scope, d->r.pos);
    d->r.len = v->outer_len;
    d->scope = v->outer_scope;
}

/* An opaque vector reported by its length only: "key" = content length, spanning prefix and
 * content. Returns the content (NULL when empty or failed). */
static const uint8_t *opaque_len(dec *d, cJSON *obj, const char *key, int prefix, const char *what,
                                 size_t min, size_t max)
{
    vec v;
    const uint8_t *p = NULL;
    if (vec_open(d, &v, prefix, what, min, max, 1)) {
        p = rdn(d, v.n, what);
        put_num(d, obj, key, (double)v.n, v.start, here(d) - v.start);
    }
    vec_close(d, &v);
    return p;
}

/* An opaque vector shown as hex (for short values: random-like fields, binders, nonces). */
static void opaque_hex(dec *d, cJSON *obj, const char *key, int prefix, const char *what,
                       size_t min, size_t max)
{
    vec v;
    if (vec_open(d, &v, prefix, what, min, max, 1)) {
        const uint8_t *p = rdn(d, v.n, what);
        put_hex(d, obj, key, p, v.n, v.start, here(d) - v.start);
    }
    vec_close(d, &v);
}

/* An opaque vector shown as safe text (host names, ALPN protocols, PSK identities). */
static void opaque_text(dec *d, cJSON *obj, const char *key, int prefix, const char *what,
                        size_t min, size_t max, int mode)
{
    vec v;
    if (vec_open(d, &v, prefix, what, min, max, 1)) {
        const uint8_t *p = rdn(d, v.n, what);
        if (ok(d))
            put_owned_string(d, obj, key, safe_text(p, v.n, mode), v.start, here(d) - v.start);
    }
    vec_close(d, &v);
}

/* --- Lists: JSON arrays with at most MAX_ITEMS items --------------------------------------- */

typedef struct list {
    cJSON *arr;
    const char *key;
    size_t n;         /* items seen */
    size_t path_old;  /* path length before the list's key */
    size_t item_path; /* path length before the current item's index */
    size_t item_at;   /* offset of the current item */
} list;

static void list_open(dec *d, list *l, cJSON *obj, const char *key)
{
    memset(l, 0, sizeof(*l));
    l->key = key;
    if (!d->r.failed && obj != NULL) {
        l->arr = cJSON_CreateArray();
        cJSON_AddItemToObjectCS(obj, key, l->arr);
    }
    l->path_old = path_push(d, key);
}

/* Starts an item at the current offset: pushes its index on the path (beyond MAX_ITEMS the item
 * is still decoded, to check it, but leaves no trace). */
static void list_begin(dec *d, list *l)
{
    l->item_at = here(d);
    l->item_path = path_push_index(d, l->n);
    if (l->n >= MAX_ITEMS)
        d->quiet++;
}

/* Ends the current item: adds it with a span from the item's start to here. An object keeps
 * what was decoded before a failure; a scalar read after a failure is not a real value and is
 * dropped, and so is a NULL (out of memory). */
static void list_end(dec *d, list *l, cJSON *item)
{
    if (l->n >= MAX_ITEMS) {
        d->quiet--;
        cJSON_Delete(item);
    } else if (item == NULL || l->arr == NULL || (d->r.failed && !cJSON_IsObject(item))) {
        cJSON_Delete(item);
    } else {
        span(d, l->item_at, here(d) - l->item_at);
        cJSON_AddItemToArray(l->arr, item);
    }
    path_pop(d, l->item_path);
    l->n++;
}

static void list_close(dec *d, list *l, cJSON *obj)
{
    path_pop(d, l->path_old);
    if (l->n > MAX_ITEMS && obj != NULL) {
        char key[64];
        snprintf(key, sizeof(key), "%s_omitted", l->key);
        cJSON_AddNumberToObject(obj, key, (double)(l->n - MAX_ITEMS));
    }
}

/* A vector of fixed-size codes (1 or 2 bytes each) as an array of {"id","name"}. */
enum code_kind { CODE_TABLE, CODE_TABLE_GREASE, CODE_SUITE, CODE_PSK_MODE };

static void code_list(dec *d, cJSON *obj, const char *key, int prefix, size_t min, size_t max,
                      int width, const tt_table *t, enum code_kind kind)
{
    vec v;
    list l;
    if (vec_open(d, &v, prefix, key, min, max, (size_t)width)) {
        list_open(d, &l, obj, key);
        while (left(d) > 0) {
            list_begin(d, &l);
            unsigned id = width == 1 ? rd8(d, key) : rd16(d, key);
            cJSON *val = kind == CODE_SUITE          ? coded_suite(id)
                         : kind == CODE_PSK_MODE     ? coded8_grease(id, t)
                         : kind == CODE_TABLE_GREASE ? coded(id, t, 1)
                                                     : coded(id, t, 0);
            list_end(d, &l, val);
        }
        list_close(d, &l, obj);
    }
    vec_close(d, &v);
    if (ok(d))
        span_key(d, key, v.start, here(d) - v.start);
}

/* ============================================================================================
 * Extensions
 * ============================================================================================ */

/* Where an extension block sits: the same type has different contents in different messages. */
enum where { IN_CH, IN_SH, IN_HRR, IN_EE, IN_CR, IN_NST, IN_CERT };

/* RFC 6066 §3: ServerNameList server_name_list<1..2^16-1>; the server's reply is empty. */
static void ext_server_name(dec *d, cJSON *o, enum where w)
{
    if (w != IN_CH)
        return; /* SH / EE: "extension_data" is empty (RFC 6066 §3) */
    vec v;
    list l;
    if (vec_open(d, &v, 2, "server_name_list", 1, 0xffff, 1)) {
        list_open(d, &l, o, "server_name_list");
        while (left(d) > 0) {
            list_begin(d, &l);
            cJSON *item = cJSON_CreateObject();
            size_t at = here(d);
            unsigned type = rd8(d, "name_type");
            put_coded(d, item, "name_type", type, &tt_sni_name_types, 0, at, 1);
            /* HostName host_name<1..2^16-1>, ASCII (RFC 6066 §3); other NameTypes would also
             * start with a 16-bit length, so they are shown as hex. */
            if (type == 0) {
                opaque_text(d, item, "host_name", 2, "host_name", 1, 0xffff, TEXT_ASCII);
                /* "Literal IPv4 and IPv6 addresses are not permitted in HostName" (RFC 6066
                 * §3): say so when the name is one (a fact from the bytes; the page and the
                 * tap say whose behaviour it is). */
                cJSON *hn = cJSON_GetObjectItemCaseSensitive(item, "host_name");
                unsigned char addr[16];
                if (cJSON_IsString(hn) && (inet_pton(AF_INET, hn->valuestring, addr) == 1 ||
                                           inet_pton(AF_INET6, hn->valuestring, addr) == 1) &&
                    !cJSON_GetObjectItemCaseSensitive(o, "ip_address"))
                    cJSON_AddBoolToObject(o, "ip_address", 1);
            } else
                opaque_hex(d, item, "hex", 2, "name", 0, 0xffff);
            list_end(d, &l, item);
        }
        list_close(d, &l, o);
    }
    vec_close(d, &v);
    if (ok(d))
        span_key(d, "server_name_list", v.start, here(d) - v.start);
}

/* RFC 6066 §8 CertificateStatusRequest (ClientHello) and RFC 8446 §4.4.2.1 CertificateStatus
 * (TLS 1.3 Certificate entries); empty in ServerHello and EE, and empty in a TLS 1.3
 * CertificateRequest, where it asks the client for an OCSP response (RFC 8446 §4.4.2.1; GnuTLS's
 * server sends it). */
static void ext_status_request(dec *d, cJSON *o, enum where w)
{
    if (w == IN_SH || w == IN_EE || (w == IN_CR && left(d) == 0))
        return;
    size_t at = here(d);
    unsigned type = rd8(d, "status_type");
    put_coded(d, o, "status_type", type, &tt_status_types, 0, at, 1);
    if (type != 1) {
        rest_as_hex(d, o);
        return;
    }
    if (w == IN_CERT) {
        /* OCSPResponse ocsp_response<1..2^24-1> */
        opaque_len(d, o, "ocsp_response_length", 3, "ocsp_response", 1, 0xffffff);
    } else {
        /* OCSPStatusRequest: ResponderID responder_id_list<0..2^16-1>;
         *                    Extensions request_extensions<0..2^16-1> */
        opaque_len(d, o, "responder_id_list_length", 2, "responder_id_list", 0, 0xffff);
        opaque_len(d, o, "request_extensions_length", 2, "request_extensions", 0, 0xffff);
    }
}

/* RFC 7301 §3.1: ProtocolNameList protocol_name_list<2..2^16-1>, ProtocolName<1..2^8-1>. */
static void ext_alpn(dec *d, cJSON *o)
{
    vec v;
    list l;
    if (vec_open(d, &v, 2, "protocol_name_list", 2, 0xffff, 1)) {
        list_open(d, &l, o, "protocol_name_list");
        while (left(d) > 0) {
            list_begin(d, &l);
            vec pv;
            cJSON *s = NULL;
            if (vec_open(d, &pv, 1, "protocol_name", 1, 0xff, 1)) {
                const uint8_t *p = rdn(d, pv.n, "protocol_name");
                char *t = ok(d) ? safe_text(p, pv.n, TEXT_ASCII) : NULL;
                s = t != NULL ? cJSON_CreateString(t) : NULL;
                free(t);
            }
            vec_close(d, &pv);
            list_end(d, &l, s);
        }
        list_close(d, &l, o);
    }
    vec_close(d, &v);
    if (ok(d))
        span_key(d, "protocol_name_list", v.start, here(d) - v.start);
}

/* RFC 6962 §3.3: SerializedSCT sct_list<1..2^16-1>, each SerializedSCT<1..2^16-1>; the
 * ClientHello (and TLS 1.3 CertificateRequest) carry it empty. */
static void ext_sct(dec *d, cJSON *o, enum where w)
{
    if (w == IN_CH || w == IN_CR)
        return;
    vec v;
    list l;
    if (vec_open(d, &v, 2, "sct_list", 1, 0xffff, 1)) {
        list_open(d, &l, o, "sct_list");
        while (left(d) > 0) {
            list_begin(d, &l);
            cJSON *item = cJSON_CreateObject();
            opaque_len(d, item, "length", 2, "sct", 1, 0xffff);
            list_end(d, &l, item);
        }
        list_close(d, &l, o);
    }
    vec_close(d, &v);
    if (ok(d))
        span_key(d, "sct_list", v.start, here(d) - v.start);
}

/* RFC 8446 §4.2.11: OfferedPsks { PskIdentity identities<7..2^16-1>;
 * PskBinderEntry binders<33..2^16-1>; } in the ClientHello; uint16 selected_identity in the
 * ServerHello. */
static void ext_pre_shared_key(dec *d, cJSON *o, enum where w)
{
    if (w != IN_CH) {
        size_t at = here(d);
        unsigned sel = rd16(d, "selected_identity");
        put_num(d, o, "selected_identity", sel, at, 2);
        return;
    }
    vec v;
    list l;
    /* PskIdentity { opaque identity<1..2^16-1>; uint32 obfuscated_ticket_age; } */
    if (vec_open(d, &v, 2, "identities", 7, 0xffff, 1)) {
        list_open(d, &l, o, "identities");
        while (left(d) > 0) {
            list_begin(d, &l);
            cJSON *item = cJSON_CreateObject();
            opaque_len(d, item, "identity_length", 2, "identity", 1, 0xffff);
            size_t at = here(d);
            uint32_t age = rd32(d, "obfuscated_ticket_age");
            put_num(d, item, "obfuscated_ticket_age", age, at, 4);
            list_end(d, &l, item);
        }
        list_close(d, &l, o);
    }
    vec_close(d, &v);
    if (ok(d))
        span_key(d, "identities", v.start, here(d) - v.start);
    /* PskBinderEntry opaque<32..255>: an HMAC over the partial ClientHello */
    if (vec_open(d, &v, 2, "binders", 33, 0xffff, 1)) {
        list_open(d, &l, o, "binders");
        while (left(d) > 0) {
            list_begin(d, &l);
            vec bv;
            cJSON *s = NULL;
            if (vec_open(d, &bv, 1, "binder", 32, 255, 1)) {
                const uint8_t *p = rdn(d, bv.n, "binder");
                char *h = ok(d) ? hex_of(p, bv.n) : NULL;
                s = h != NULL ? cJSON_CreateString(h) : NULL;
                free(h);
            }
            vec_close(d, &bv);
            list_end(d, &l, s);
        }
        list_close(d, &l, o);
    }
    vec_close(d, &v);
    if (ok(d))
        span_key(d, "binders", v.start, here(d) - v.start);
}

/* RFC 8446 §4.2.8: KeyShareClientHello { KeyShareEntry client_shares<0..2^16-1>; },
 * KeyShareServerHello { KeyShareEntry server_share; }, KeyShareHelloRetryRequest
 * { NamedGroup selected_group; }; KeyShareEntry { NamedGroup group; opaque
 * key_exchange<1..2^16-1>; }. */
static void ext_key_share(dec *d, cJSON *o, enum where w)
{
    size_t at = here(d);
    if (w == IN_HRR) {
        unsigned g = rd16(d, "selected_group");
        put_coded(d, o, "selected_group", g, &tt_groups, 1, at, 2);
        return;
    }
    if (w != IN_CH) {
        unsigned g = rd16(d, "group");
        put_coded(d, o, "group", g, &tt_groups, 1, at, 2);
        opaque_len(d, o, "key_exchange_length", 2, "key_exchange", 1, 0xffff);
        return;
    }
    vec v;
    list l;
    if (vec_open(d, &v, 2, "client_shares", 0, 0xffff, 1)) {
        list_open(d, &l, o, "shares");
        while (left(d) > 0) {
            list_begin(d, &l);
            cJSON *item = cJSON_CreateObject();
            size_t gat = here(d);
            unsigned g = rd16(d, "group");
            put_coded(d, item, "group", g, &tt_groups, 1, gat, 2);
            opaque_len(d, item, "key_exchange_length", 2, "key_exchange", 1, 0xffff);
            list_end(d, &l, item);
        }
        list_close(d, &l, o);
    }
    vec_close(d, &v);
    if (ok(d))
        span_key(d, "shares", v.start, here(d) - v.start);
}

/* RFC 8446 §4.2.5: OIDFilter filters<0..2^16-1>; OIDFilter { opaque
 * certificate_extension_oid<1..2^8-1>; opaque certificate_extension_values<0..2^16-1>; } */
static void ext_oid_filters(dec *d, cJSON *o)
{
    vec v;
    list l;
    if (vec_open(d, &v, 2, "filters", 0, 0xffff, 1)) {
        list_open(d, &l, o, "filters");
        while (left(d) > 0) {
            list_begin(d, &l);
            cJSON *item = cJSON_CreateObject();
            vec ov;
            if (vec_open(d, &ov, 1, "certificate_extension_oid", 1, 0xff, 1)) {
                const uint8_t *p = rdn(d, ov.n, "certificate_extension_oid");
                sbuf b = {0};
                if (ok(d) && !sb_oid(&b, p, ov.n)) {
                    b.len = 0;
                    sb_putc(&b, '#');
                    sb_hex(&b, p, ov.n);
                }
                put_owned_string(d, item, "oid", sb_take(&b), ov.start, here(d) - ov.start);
            }
            vec_close(d, &ov);
            opaque_len(d, item, "values_length", 2, "certificate_extension_values", 0, 0xffff);
            list_end(d, &l, item);
        }
        list_close(d, &l, o);
    }
    vec_close(d, &v);
    if (ok(d))
        span_key(d, "filters", v.start, here(d) - v.start);
}

/* DistinguishedName authorities<3..2^16-1> (RFC 8446 §4.2.4) or certificate_authorities
 * <0..2^16-1> (RFC 5246 §7.4.4); DistinguishedName opaque<1..2^16-1>, a DER Name. Each becomes
 * an RFC 4514 string, or "#<hex>" when it is not a valid Name. */
static void ca_names(dec *d, cJSON *o, const char *key, size_t min)
{
    vec v;
    list l;
    if (vec_open(d, &v, 2, key, min, 0xffff, 1)) {
        list_open(d, &l, o, key);
        while (left(d) > 0) {
            list_begin(d, &l);
            vec nv;
            cJSON *s = NULL;
            if (vec_open(d, &nv, 2, "distinguished_name", 1, 0xffff, 1)) {
                const uint8_t *p = rdn(d, nv.n, "distinguished_name");
                if (ok(d) && !d->quiet) {
                    char *t = dn_string(p, nv.n);
                    if (t == NULL) {
                        sbuf b = {0};
                        sb_putc(&b, '#');
                        sb_hex(&b, p, nv.n);
                        t = sb_take(&b);
                    }
                    s = t != NULL ? cJSON_CreateString(t) : NULL;
                    free(t);
                }
            }
            vec_close(d, &nv);
            list_end(d, &l, s);
        }
        list_close(d, &l, o);
    }
    vec_close(d, &v);
    if (ok(d))
        span_key(d, key, v.start, here(d) - v.start);
}

/* draft-ietf-tls-esni §5: ECHClientHello { ECHClientHelloType type; outer: HpkeSymmetricCipherSuite
 * cipher_suite; uint8 config_id; opaque enc<0..2^16-1>; opaque payload<1..2^16-1>; inner: empty }.
 * Elsewhere (EncryptedExtensions retry_configs, HelloRetryRequest confirmation): hex. */
static void ext_ech(dec *d, cJSON *o, enum where w)
{
    if (w != IN_CH) {
        rest_as_hex(d, o);
        return;
    }
    size_t at = here(d);
    unsigned type = rd8(d, "type");
    put_coded(d, o, "type", type, &tt_ech_types, 0, at, 1);
    if (type != 0) {
        rest_as_hex(d, o);
        return;
    }
    at = here(d);
    unsigned kdf = rd16(d, "kdf_id");
    put_num(d, o, "kdf_id", kdf, at, 2);
    at = here(d);
    unsigned aead = rd16(d, "aead_id");
    put_num(d, o, "aead_id", aead, at, 2);
    at = here(d);
    unsigned cid = rd8(d, "config_id");
    put_num(d, o, "config_id", cid, at, 1);
    opaque_len(d, o, "enc_length", 2, "enc", 0, 0xffff);
    opaque_len(d, o, "payload_length", 2, "payload", 1, 0xffff);
}

/* One extension's data, decoded by type; the reader is narrowed to extension_data, and what is
 * not read is reported by the caller's vec_close as unexpected bytes. */
static void ext_data(dec *d, cJSON *o, unsigned type, enum where w)
{
    size_t at = here(d);
    switch (type) {
    case 0: /* server_name */ ext_server_name(d, o, w); break;
    case 1: { /* RFC 6066 §4: enum { 2^9(1), 2^10(2), 2^11(3), 2^12(4) } MaxFragmentLength */
        unsigned v = rd8(d, "max_fragment_length");
        put_coded(d, o, "max_fragment_length", v, &tt_max_fragment_lengths, 0, at, 1);
        break;
    }
    case 5: /* status_request */ ext_status_request(d, o, w); break;
    case 10: /* RFC 8446 §4.2.7: NamedGroup named_group_list<2..2^16-1> */
        code_list(d, o, "named_group_list", 2, 2, 0xffff, 2, &tt_groups, CODE_TABLE_GREASE);
        break;
    case 11: /* RFC 8422 §5.1.2: ECPointFormat ec_point_format_list<1..2^8-1> */
        code_list(d, o, "ec_point_format_list", 1, 1, 0xff, 1, &tt_point_formats, CODE_TABLE);
        break;
    case 13: /* RFC 8446 §4.2.3: SignatureScheme supported_signature_algorithms<2..2^16-2> */
    case 50:
        code_list(d, o, "supported_signature_algorithms", 2, 2, 0xfffe, 2, &tt_sig_schemes,
                  CODE_TABLE_GREASE);
        break;
    case 14: /* RFC 5764 §4.1.1: SRTPProtectionProfiles (uint8[2] <2..2^16-1>); srtp_mki<0..255> */
        code_list(d, o, "protection_profiles", 2, 2, 0xffff, 2, &tt_srtp_profiles, CODE_TABLE);
        opaque_hex(d, o, "mki", 1, "srtp_mki", 0, 0xff);
        break;
    case 15: { /* RFC 6520 §2: HeartbeatMode mode */
        unsigned v = rd8(d, "mode");
        put_coded(d, o, "mode", v, &tt_heartbeat_modes, 0, at, 1);
        break;
    }
    case 16: /* application_layer_protocol_negotiation */ ext_alpn(d, o); break;
    case 18: /* signed_certificate_timestamp */ ext_sct(d, o, w); break;
    case 19: /* RFC 7250 §3: CertificateType client_certificate_types<1..2^8-1> (ClientHello); */
    case 20: /* CertificateType certificate_type (ServerHello, EncryptedExtensions) */
        if (w == IN_CH) {
            code_list(d, o, "certificate_types", 1, 1, 0xff, 1, &tt_cert_formats, CODE_TABLE);
        } else {
            unsigned v = rd8(d, "certificate_type");
            put_coded(d, o, "certificate_type", v, &tt_cert_formats, 0, at, 1);
        }
        break;
    case 21: { /* RFC 7685 §3: zero bytes only */
        size_t n = left(d);
        const uint8_t *p = rdn(d, n, "padding");
        int zero = 1;
        for (size_t i = 0; p != NULL && i < n; i++)
            zero &= p[i] == 0;
        put_num(d, o, "padding_length", (double)n, at, n);
        if (ok(d)) {
            cJSON_AddBoolToObject(o, "all_zero", zero);
            span_key(d, "all_zero", at, n);
        }
        break;
    }
    case 22: /* encrypt_then_mac, RFC 7366 §2: empty */
    case 23: /* extended_master_secret, RFC 7627 §5.1: empty */
    case 49: /* post_handshake_auth, RFC 8446 §4.2.6: empty */ break;
    case 27: /* RFC 8879 §3: CertificateCompressionAlgorithm algorithms<2..2^8-2> */
        code_list(d, o, "algorithms", 1, 2, 0xfe, 2, &tt_cert_compression, CODE_TABLE_GREASE);
        break;
    case 28: { /* RFC 8449 §4: uint16 RecordSizeLimit */
        unsigned v = rd16(d, "record_size_limit");
        put_num(d, o, "record_size_limit", v, at, 2);
        break;
    }
    case 35: { /* RFC 5077 §3.2: SessionTicket, opaque to the client; empty asks for one */
        size_t n = left(d);
        rdn(d, n, "ticket");
        put_num(d, o, "ticket_length", (double)n, at, n);
        break;
    }
    case 41: /* pre_shared_key */ ext_pre_shared_key(d, o, w); break;
    case 42: /* RFC 8446 §4.2.10: empty, except uint32 max_early_data_size in NewSessionTicket */
        if (w == IN_NST) {
            uint32_t v = rd32(d, "max_early_data_size");
            put_num(d, o, "max_early_data_size", v, at, 4);
        }
        break;
    case 43: /* RFC 8446 §4.2.1: ProtocolVersion versions<2..254> / selected_version */
        if (w == IN_CH) {
            code_list(d, o, "versions", 1, 2, 254, 2, &tt_versions, CODE_TABLE_GREASE);
        } else {
            unsigned v = rd16(d, "selected_version");
            put_coded(d, o, "selected_version", v, &tt_versions, 1, at, 2);
        }
        break;
    case 44: /* RFC 8446 §4.2.2: opaque cookie<1..2^16-1> */
        opaque_len(d, o, "cookie_length", 2, "cookie", 1, 0xffff);
        break;
    case 45: /* RFC 8446 §4.2.9: PskKeyExchangeMode ke_modes<1..255> */
        code_list(d, o, "ke_modes", 1, 1, 0xff, 1, &tt_psk_modes, CODE_PSK_MODE);
        break;
    case 47: /* certificate_authorities */ ca_names(d, o, "authorities", 3); break;
    case 48: /* oid_filters */ ext_oid_filters(d, o); break;
    case 51: /* key_share */ ext_key_share(d, o, w); break;
    case 54: /* RFC 9146 §3: opaque cid<0..2^8-1> */
        opaque_hex(d, o, "cid", 1, "cid", 0, 0xff);
        break;
    case 0xfe0d: /* encrypted_client_hello */ ext_ech(d, o, w); break;
    case 0xff01: /* RFC 5746 §3.2: opaque renegotiated_connection<0..255> */
        opaque_hex(d, o, "renegotiated_connection", 1, "renegotiated_connection", 0, 0xff);
        break;
    default: /* no decoder (or unknown): the bytes as hex */ rest_as_hex(d, o); break;
    }
}

/* RFC 8446 §4.2: Extension extensions<min..2^16-1>; Extension { ExtensionType extension_type;
 * opaque extension_data<0..2^16-1>; }. Each becomes {"type", "length", "data"}. An extension
 * type must not appear twice in one block (RFC 8446 §4.2, RFC 5246 §7.4.1.4). */
static void extensions(dec *d, cJSON *obj, enum where w, size_t min)
{
    vec v;
    list l;
    uint8_t seen[65536 / 8];
    memset(seen, 0, sizeof(seen));
    if (vec_open(d, &v, 2, "extensions", min, 0xffff, 1)) {
        list_open(d, &l, obj, "extensions");
        while (left(d) > 0) {
            list_begin(d, &l);
            cJSON *item = cJSON_CreateObject();
            size_t at = here(d);
            unsigned type = rd16(d, "extension_type");
            const char *name = tt_name(&tt_extensions, type);
            put_coded(d, item, "type", type, &tt_extensions, 1, at, 2);
            if (ok(d) && (seen[type >> 3] & (1u << (type & 7))))
                failf(d, "extension %s (%u) appears twice, the second time at offset %zu",
                      name ? name : "?", type, at);
            seen[type >> 3] |= (uint8_t)(1u << (type & 7));
            vec ev;
            if (vec_open(d, &ev, 2, name ? name : "extension", 0, 0xffff, 1)) {
                put_num(d, item, "length", (double)ev.n, ev.start, 2);
                cJSON *data = cJSON_CreateObject();
                size_t old = path_push(d, "data");
                ext_data(d, data, type, w);
                path_pop(d, old);
                vec_close(d, &ev);
                /* kept even when the data is malformed: what was decoded stays visible */
                if (item != NULL && data != NULL)
                    cJSON_AddItemToObject(item, "data", data);
                else
                    cJSON_Delete(data);
                if (ok(d))
                    span_key(d, "data", ev.body, ev.n);
            } else {
                vec_close(d, &ev);
            }
            list_end(d, &l, item);
        }
        list_close(d, &l, obj);
    }
    vec_close(d, &v);
    if (ok(d))
        span_key(d, "extensions", v.start, here(d) - v.start);
}

/* ============================================================================================
 * Handshake messages
 * ============================================================================================ */

/* RFC 8446 §4.1.3: the ServerHello.random of a HelloRetryRequest, SHA-256("HelloRetryRequest"). */
static const uint8_t hrr_random[32] = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

/* The fields both hellos start with: legacy_version, random[32], legacy_session_id<0..32>
 * (RFC 8446 §4.1.2 and §4.1.3, RFC 5246 §7.4.1.2 and §7.4.1.3). Returns the random. */
static const uint8_t *hello_start(dec *d, cJSON *f, unsigned *version)
{
    size_t at = here(d);
    *version = rd16(d, "legacy_version");
    put_coded(d, f, "legacy_version", *version, &tt_versions, 0, at, 2);
    at = here(d);
    const uint8_t *random = rdn(d, 32, "random");
    put_hex(d, f, "random", random, 32, at, 32);
    opaque_hex(d, f, "session_id", 1, "session_id", 0, 32);
    return random;
}

/* RFC 8446 §4.1.2 / RFC 5246 §7.4.1.2: ClientHello. */
static void msg_client_hello(dec *d, cJSON *f)
{
    unsigned version;
    hello_start(d, f, &version);
    /* CipherSuite cipher_suites<2..2^16-2> */
    code_list(d, f, "cipher_suites", 2, 2, 0xfffe, 2, NULL, CODE_SUITE);
    /* opaque legacy_compression_methods<1..2^8-1> */
    code_list(d, f, "compression_methods", 1, 1, 0xff, 1, &tt_compression_methods, CODE_TABLE);
    /* Extension extensions<8..2^16-1> in TLS 1.3; before TLS 1.2 they may be absent
     * (RFC 5246 §7.4.1.2: "the presence of extensions can be detected"). */
    if (left(d) > 0)
        extensions(d, f, IN_CH, 0);
    else if (ok(d))
        cJSON_AddArrayToObject(f, "extensions");
}

/* RFC 8446 §4.1.3 / RFC 5246 §7.4.1.3: ServerHello (and HelloRetryRequest). */
static void msg_server_hello(dec *d, cJSON *f)
{
    unsigned version;
    const uint8_t *random = hello_start(d, f, &version);
    int hrr = random != NULL && memcmp(random, hrr_random, sizeof(hrr_random)) == 0;
    /* RFC 8446 §4.1.3: a TLS 1.3 server that negotiates TLS 1.2 (or below) ends its random with
     * "DOWNGRD" and 01 (or 00), so that a TLS 1.3 client notices a downgrade. */
    const char *sentinel = NULL;
    if (random && memcmp(random + 24, "DOWNGRD", 7) == 0 && random[31] <= 1)
        sentinel = random[31] == 1 ? "tls12" : "tls11_or_below";
    size_t random_at = random ? (size_t)(random - d->r.p) : 0;
    size_t at = here(d);
    unsigned suite = rd16(d, "cipher_suite");
    if (ok(d))
        put_item(d, f, "cipher_suite", coded_suite(suite), at, 2);
    at = here(d);
    unsigned comp = rd8(d, "compression_method");
    put_coded(d, f, "compression_method", comp, &tt_compression_methods, 0, at, 1);
    if (left(d) > 0)
        extensions(d, f, hrr ? IN_HRR : IN_SH, 0);
    else if (ok(d))
        cJSON_AddArrayToObject(f, "extensions");
    if (!ok(d))
        return;
    /* Derived fields point at the bytes they come from. */
    cJSON_AddBoolToObject(f, "hello_retry_request", hrr);
    span_like(d, "/random", "hello_retry_request");
    if (sentinel) {
        cJSON_AddStringToObject(f, "downgrade_sentinel", sentinel);
        span_key(d, "downgrade_sentinel", random_at + 24, 8);
    } else {
        cJSON_AddNullToObject(f, "downgrade_sentinel");
    }
    /* RFC 8446 §4.2.1: supported_versions, when present, holds the negotiated version */
    unsigned selected = version;
    char from[64] = "/legacy_version";
    cJSON *exts = cJSON_GetObjectItemCaseSensitive(f, "extensions"), *e;
    int i = 0;
    cJSON_ArrayForEach(e, exts)
    {
        cJSON *id =
            cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(e, "type"), "id");
        cJSON *sv = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(e, "data"),
                                                     "selected_version");
        cJSON *svid = cJSON_GetObjectItemCaseSensitive(sv, "id");
        if (cJSON_IsNumber(id) && id->valueint == 43 && cJSON_IsNumber(svid)) {
            selected = (unsigned)svid->valueint;
            snprintf(from, sizeof(from), "/extensions/%d/data/selected_version", i);
        }
        i++;
    }
    cJSON_AddItemToObject(f, "selected_version", coded(selected, &tt_versions, 1));
    span_like(d, from, "selected_version");
}

/* One certificate: {"length", "x509" | "x509_error"}; cert_data<1..2^24-1>. */
static void certificate_data(dec *d, cJSON *item)
{
    vec v;
    if (vec_open(d, &v, 3, "cert_data", 1, 0xffffff, 1)) {
        const uint8_t *der = rdn(d, v.n, "cert_data");
        put_num(d, item, "length", (double)v.n, v.start, 3);
        if (ok(d) && !d->quiet && item != NULL) {
            char err[160] = "";
            cJSON *x = tt_x509_describe(der, v.n, err, sizeof(err));
            if (x != NULL) {
                put_item(d, item, "x509", x, v.body, v.n);
            } else {
                if (err[0] == '\0')
                    snprintf(err, sizeof(err), "not a certificate this tracer can read");
                put_owned_string(
                    d, item, "x509_error",
                    safe_text((const uint8_t *)err, strnlen(err, sizeof(err)), TEXT_ASCII), v.body,
                    v.n);
            }
        }
    }
    vec_close(d, &v);
}

/* RFC 8446 §4.4.2 (TLS 1.3): opaque certificate_request_context<0..2^8-1>; CertificateEntry
 * certificate_list<0..2^24-1>; CertificateEntry { opaque cert_data<1..2^24-1>; Extension
 * extensions<0..2^16-1>; }.  RFC 5246 §7.4.2 (TLS 1.2): ASN.1Cert certificate_list<0..2^24-1>. */
static void msg_certificate(dec *d, cJSON *f, int tls13)
{
    if (tls13)
        opaque_hex(d, f, "certificate_request_context", 1, "certificate_request_context", 0, 0xff);
    vec v;
    list l;
    if (vec_open(d, &v, 3, "certificate_list", 0, 0xffffff, 1)) {
        list_open(d, &l, f, "certificates");
        while (left(d) > 0) {
            list_begin(d, &l);
            cJSON *item = cJSON_CreateObject();
            certificate_data(d, item);
            if (tls13)
                extensions(d, item, IN_CERT, 0);
            list_end(d, &l, item);
        }
        list_close(d, &l, f);
    }
    vec_close(d, &v);
    if (ok(d))
        span_key(d, "certificates", v.start, here(d) - v.start);
}

/* RFC 5246 §4.7 / §7.4.1.4.1: a digitally-signed struct. TLS 1.2 starts it with a
 * SignatureAndHashAlgorithm (2 bytes); TLS 1.0/1.1 do not. ctx->tls13 is not set for either, so
 * the form is recognised by which length fits the bytes left. Fields: signature_scheme (1.2),
 * signature_length. */
static void signature(dec *d, cJSON *f, int has_scheme)
{
    size_t n = left(d);
    if (has_scheme < 0) {
        const uint8_t *p = d->r.p + d->r.pos;
        int with = n >= 4 && (size_t)((p[2] << 8) | p[3]) == n - 4;
        int without = n >= 2 && (size_t)((p[0] << 8) | p[1]) == n - 2;
        has_scheme = with || !without;
    }
    if (has_scheme) {
        size_t at = here(d);
        unsigned s = rd16(d, "signature_scheme");
        put_coded(d, f, "signature_scheme", s, &tt_sig_schemes, 1, at, 2);
    }
    opaque_len(d, f, "signature_length", 2, "signature", 0, 0xffff);
}

/* RFC 8422 §5.4: ServerECDHParams { ECParameters curve_params; ECPoint public; }, ECParameters
 * { ECCurveType curve_type; named_curve: NamedCurve namedcurve; }, ECPoint opaque<1..2^8-1>.
 * Returns 0 when the curve is given explicitly (deprecated; the rest is shown as hex). */
static int ecdh_params(dec *d, cJSON *f)
{
    size_t at = here(d);
    unsigned type = rd8(d, "curve_type");
    put_coded(d, f, "curve_type", type, &tt_ec_curve_types, 0, at, 1);
    if (type != 3) {
        rest_as_hex(d, f);
        return 0;
    }
    at = here(d);
    unsigned g = rd16(d, "named_group");
    put_coded(d, f, "named_group", g, &tt_groups, 1, at, 2);
    opaque_len(d, f, "public_key_length", 1, "public", 1, 0xff);
    return 1;
}

/* RFC 5246 §7.4.3: ServerDHParams { opaque dh_p<1..2^16-1>; opaque dh_g<1..2^16-1>;
 * opaque dh_Ys<1..2^16-1>; } */
static void dh_params(dec *d, cJSON *f)
{
    opaque_len(d, f, "p_length", 2, "dh_p", 1, 0xffff);
    opaque_len(d, f, "g_length", 2, "dh_g", 1, 0xffff);
    opaque_len(d, f, "public_key_length", 2, "dh_Ys", 1, 0xffff);
}

/* RFC 4279 §2: opaque psk_identity_hint<0..2^16-1> (and psk_identity, same shape). */
static void psk_identity(dec *d, cJSON *f, const char *key)
{
    opaque_text(d, f, key, 2, key, 0, 0xffff, TEXT_UTF8);
}

/* The key exchange of the selected suite (TLS 1.2 and older), or NULL when unknown. */
static const char *suite_kx(const dec *d, const char **auth)
{
    const tt_suite *s = d->ctx ? tt_suite_lookup(d->ctx->cipher_suite) : NULL;
    *auth = s ? s->auth : "";
    return s && !s->tls13 ? s->kx : NULL;
}

/* TLS 1.2 ServerKeyExchange: the layout depends on the suite's key exchange. */
static void msg_server_key_exchange(dec *d, cJSON *f)
{
    const char *auth, *kx = suite_kx(d, &auth);
    int anon = strcmp(auth, "anon") == 0;
    if (kx == NULL) {
        rest_as_hex(d, f); /* suite unknown: nothing to go by */
        return;
    }
    if (strcmp(kx, "ECDHE") == 0) { /* RFC 8422 §5.4 */
        if (ecdh_params(d, f) && !anon)
            signature(d, f, -1);
    } else if (strcmp(kx, "DHE") == 0) { /* RFC 5246 §7.4.3 */
        dh_params(d, f);
        if (!anon)
            signature(d, f, -1);
    } else if (strcmp(kx, "ECDHE_PSK") == 0) { /* RFC 5489 §2: hint, then ServerECDHParams */
        psk_identity(d, f, "psk_identity_hint");
        ecdh_params(d, f);
    } else if (strcmp(kx, "DHE_PSK") == 0) { /* RFC 4279 §3: hint, then ServerDHParams */
        psk_identity(d, f, "psk_identity_hint");
        dh_params(d, f);
    } else if (strcmp(kx, "PSK") == 0 || strcmp(kx, "RSA_PSK") == 0) { /* RFC 4279 §2, §4 */
        psk_identity(d, f, "psk_identity_hint");
    } else {
        rest_as_hex(d, f); /* RSA, static ECDH, SRP, EC J-PAKE: not decoded */
    }
}

/* TLS 1.2 ClientKeyExchange (RFC 5246 §7.4.7, RFC 8422 §5.7, RFC 4279 §2-4). */
static void msg_client_key_exchange(dec *d, cJSON *f)
{
    const char *auth, *kx = suite_kx(d, &auth);
    if (kx == NULL) {
        rest_as_hex(d, f);
        return;
    }
    if (strcmp(kx, "PSK") == 0 || strcmp(kx, "DHE_PSK") == 0 || strcmp(kx, "ECDHE_PSK") == 0 ||
        strcmp(kx, "RSA_PSK") == 0)
        psk_identity(d, f, "psk_identity"); /* opaque psk_identity<0..2^16-1> first */
    if (strcmp(kx, "ECDH") == 0 && left(d) == 0) {
        /* RFC 8422 §5.7: implicit ecdh_Yc (a fixed ECDH key in the client certificate) */
    } else if (strcmp(kx, "ECDHE") == 0 || strcmp(kx, "ECDH") == 0 ||
               strcmp(kx, "ECDHE_PSK") == 0) {
        /* ClientECDiffieHellmanPublic: ECPoint ecdh_Yc<1..2^8-1> */
        opaque_len(d, f, "public_key_length", 1, "ecdh_Yc", 1, 0xff);
    } else if (strcmp(kx, "DHE") == 0 || strcmp(kx, "DHE_PSK") == 0) {
        /* ClientDiffieHellmanPublic: opaque dh_Yc<1..2^16-1> */
        opaque_len(d, f, "public_key_length", 2, "dh_Yc", 1, 0xffff);
    } else if (strcmp(kx, "RSA") == 0 || strcmp(kx, "RSA_PSK") == 0) {
        /* EncryptedPreMasterSecret: public-key-encrypted, with a 2-byte length since TLS 1.0 */
        opaque_len(d, f, "encrypted_premaster_length", 2, "encrypted_premaster", 0, 0xffff);
    } else if (strcmp(kx, "PSK") != 0) {
        rest_as_hex(d, f);
    }
}

/* RFC 8446 §4.3.2 (TLS 1.3): opaque certificate_request_context<0..2^8-1>; Extension
 * extensions<2..2^16-1>. RFC 5246 §7.4.4 (TLS 1.2): ClientCertificateType
 * certificate_types<1..2^8-1>; SignatureAndHashAlgorithm supported_signature_algorithms
 * <2..2^16-2>; DistinguishedName certificate_authorities<0..2^16-1>. */
static void msg_certificate_request(dec *d, cJSON *f, int tls13)
{
    if (tls13) {
        opaque_hex(d, f, "certificate_request_context", 1, "certificate_request_context", 0, 0xff);
        extensions(d, f, IN_CR, 2);
        return;
    }
    code_list(d, f, "certificate_types", 1, 1, 0xff, 1, &tt_cert_types, CODE_TABLE);
    code_list(d, f, "signature_schemes", 2, 2, 0xfffe, 2, &tt_sig_schemes, CODE_TABLE_GREASE);
    ca_names(d, f, "certificate_authorities", 0);
}

/* RFC 8446 §4.4.4 / RFC 5246 §7.4.9: opaque verify_data[Hash.length] (TLS 1.3) or
 * [verify_data_length = 12] (TLS 1.2): the whole body. */
static void msg_finished(dec *d, cJSON *f, int tls13)
{
    size_t n = left(d), at = here(d);
    size_t want = 12;
    if (tls13) {
        const tt_suite *s = d->ctx ? tt_suite_lookup(d->ctx->cipher_suite) : NULL;
        want = s && s->tls13 ? (strcmp(s->hash, "SHA384") == 0 ? 48 : 32) : n == 48 ? 48 : 32;
    }
    if (n != want) {
        failf(d, "verify_data is %zu bytes at offset %zu, expected %zu (%s)", n, at, want,
              tls13 ? "the TLS 1.3 suite's hash length" : "TLS 1.2");
        return;
    }
    const uint8_t *p = rdn(d, n, "verify_data");
    put_hex(d, f, "verify_data", p, n, at, n);
}

/* RFC 8446 §4.6.1 (TLS 1.3): uint32 ticket_lifetime; uint32 ticket_age_add; opaque
 * ticket_nonce<0..255>; opaque ticket<1..2^16-1>; Extension extensions<0..2^16-2>.
 * RFC 5077 §3.3 (TLS 1.2): uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>. */
static void msg_new_session_ticket(dec *d, cJSON *f, int tls13)
{
    size_t at = here(d);
    uint32_t lifetime = rd32(d, "ticket_lifetime");
    put_num(d, f, "ticket_lifetime", lifetime, at, 4);
    if (tls13) {
        at = here(d);
        uint32_t add = rd32(d, "ticket_age_add");
        put_num(d, f, "ticket_age_add", add, at, 4);
        opaque_hex(d, f, "ticket_nonce", 1, "ticket_nonce", 0, 0xff);
        opaque_len(d, f, "ticket_length", 2, "ticket", 1, 0xffff);
        extensions(d, f, IN_NST, 0);
    } else {
        opaque_len(d, f, "ticket_length", 2, "ticket", 0, 0xffff);
    }
}

/* RFC 6066 §5: CertChainType type; URLAndHash url_and_hash_list<1..2^16-1>; URLAndHash
 * { opaque url<1..2^16-1>; uint8 padding (= 1); SHA1Hash sha1_hash[20]; } */
static void msg_certificate_url(dec *d, cJSON *f)
{
    size_t at = here(d);
    unsigned type = rd8(d, "type");
    put_coded(d, f, "chain_type", type, &tt_cert_chain_types, 0, at, 1);
    vec v;
    list l;
    if (vec_open(d, &v, 2, "url_and_hash_list", 1, 0xffff, 1)) {
        list_open(d, &l, f, "url_and_hash_list");
        while (left(d) > 0) {
            list_begin(d, &l);
            cJSON *item = cJSON_CreateObject();
            opaque_text(d, item, "url", 2, "url", 1, 0xffff, TEXT_ASCII);
            size_t pat = here(d);
            unsigned pad = rd8(d, "padding");
            if (ok(d) && pad != 1)
                failf(d, "padding at offset %zu is %u, must be 1", pat, pad);
            at = here(d);
            const uint8_t *h = rdn(d, 20, "sha1_hash");
            put_hex(d, item, "sha1_hash", h, 20, at, 20);
            list_end(d, &l, item);
        }
        list_close(d, &l, f);
    }
    vec_close(d, &v);
    if (ok(d))
        span_key(d, "url_and_hash_list", v.start, here(d) - v.start);
}

/* Decodes the body of a handshake message of type t; the reader is narrowed to the body. */
static void decode_body(dec *d, cJSON *f, unsigned t)
{
    int tls13 = d->ctx != NULL && d->ctx->tls13;
    size_t at = here(d);
    switch (t) {
    case 0: /* hello_request, RFC 5246 §7.4.1.1: struct { } */
    case 5: /* end_of_early_data, RFC 8446 §4.5: struct { } */
    case 14: /* server_hello_done, RFC 5246 §7.4.5: struct { } */ break;
    case 1: msg_client_hello(d, f); break;
    case 2: msg_server_hello(d, f); break;
    case 3: { /* RFC 6347 §4.2.1: ProtocolVersion server_version; opaque cookie<0..2^8-1> */
        unsigned v = rd16(d, "server_version");
        put_coded(d, f, "server_version", v, &tt_versions, 0, at, 2);
        opaque_hex(d, f, "cookie", 1, "cookie", 0, 0xff);
        break;
    }
    case 4: msg_new_session_ticket(d, f, tls13); break;
    case 8: /* RFC 8446 §4.3.1: Extension extensions<0..2^16-1> */
        extensions(d, f, IN_EE, 0);
        break;
    case 11: msg_certificate(d, f, tls13); break;
    case 12: msg_server_key_exchange(d, f); break;
    case 13: msg_certificate_request(d, f, tls13); break;
    case 15: /* RFC 8446 §4.4.3 / RFC 5246 §7.4.8: SignatureScheme algorithm; opaque
                signature<0..2^16-1> (no algorithm before TLS 1.2) */
        signature(d, f, tls13 ? 1 : -1);
        break;
    case 16: msg_client_key_exchange(d, f); break;
    case 20: msg_finished(d, f, tls13); break;
    case 21: msg_certificate_url(d, f); break;
    case 22: { /* RFC 6066 §8: CertificateStatusType status_type; OCSPResponse<1..2^24-1> */
        unsigned s = rd8(d, "status_type");
        put_coded(d, f, "status_type", s, &tt_status_types, 0, at, 1);
        if (s == 1)
            opaque_len(d, f, "ocsp_response_length", 3, "ocsp_response", 1, 0xffffff);
        else
            rest_as_hex(d, f);
        break;
    }
    case 24: { /* RFC 8446 §4.6.3: KeyUpdateRequest request_update */
        unsigned r = rd8(d, "request_update");
        put_coded(d, f, "request_update", r, &tt_key_update_requests, 0, at, 1);
        if (ok(d) && r > 1)
            failf(d, "request_update at offset %zu is %u, must be 0 or 1", at, r);
        break;
    }
    case 25: { /* RFC 8879 §4: CertificateCompressionAlgorithm algorithm; uint24
                  uncompressed_length; opaque compressed_certificate_message<1..2^24-1> */
        unsigned a = rd16(d, "algorithm");
        put_coded(d, f, "algorithm", a, &tt_cert_compression, 0, at, 2);
        size_t uat = here(d);
        uint32_t ul = rd24(d, "uncompressed_length");
        put_num(d, f, "uncompressed_length", ul, uat, 3);
        opaque_len(d, f, "compressed_length", 3, "compressed_certificate_message", 1, 0xffffff);
        break;
    }
    case 254: { /* RFC 8446 §4.4.1: the body is Hash(ClientHello1) */
        size_t n = left(d);
        const uint8_t *p = rdn(d, n, "hash");
        put_hex(d, f, "hash", p, n, at, n);
        break;
    }
    default: /* supplemental_data, DTLS connection IDs, unknown types: hex */
        rest_as_hex(d, f);
        break;
    }
}

/* Makes out ready: empty fields and spans, no error. Returns 0, or -1 when out of memory. */
static int decoded_init(tt_decoded *out)
{
    memset(out, 0, sizeof(*out));
    out->fields = cJSON_CreateObject();
    out->spans = cJSON_CreateArray();
    if (out->fields == NULL || out->spans == NULL) {
        snprintf(out->error, sizeof(out->error), "out of memory");
        return -1;
    }
    return 0;
}

void tt_decoded_free(tt_decoded *d)
{
    if (d == NULL)
        return;
    cJSON_Delete(d->fields);
    cJSON_Delete(d->spans);
    memset(d, 0, sizeof(*d));
}

/* Adds a [pointer, offset, length] span outside a dec (alerts, change_cipher_spec). */
static void add_span(cJSON *spans, const char *ptr, size_t off, size_t len)
{
    cJSON *row = cJSON_CreateArray();
    cJSON_AddItemToArray(row, cJSON_CreateString(ptr));
    cJSON_AddItemToArray(row, cJSON_CreateNumber((double)off));
    cJSON_AddItemToArray(row, cJSON_CreateNumber((double)len));
    cJSON_AddItemToArray(spans, row);
}

int tt_wire_handshake(const uint8_t *msg, size_t len, const tt_wire_ctx *ctx, tt_decoded *out)
{
    if (decoded_init(out) != 0)
        return -1;
    if (msg == NULL && len > 0)
        len = 0;
    /* RFC 8446 §4: struct { HandshakeType msg_type; uint24 length; ... } Handshake */
    if (len < 4) {
        snprintf(out->error, sizeof(out->error),
                 "handshake: a message needs a 4-byte header, got %zu byte%s", len,
                 len == 1 ? "" : "s");
        return -1;
    }
    unsigned type = msg[0];
    size_t body = ((size_t)msg[1] << 16) | ((size_t)msg[2] << 8) | msg[3];
    const char *name = tt_name(&tt_handshake_types, type);
    char unknown[32];
    if (name == NULL) {
        snprintf(unknown, sizeof(unknown), "handshake type %u", type);
        name = unknown;
    }
    if (len - 4 != body) {
        snprintf(out->error, sizeof(out->error),
                 "%s: the header announces %zu bytes but %zu follow it (%s)", name, body, len - 4,
                 len - 4 < body ? "truncated" : "trailing bytes");
        return -1;
    }

    dec d;
    memset(&d, 0, sizeof(d));
    tt_reader_init(&d.r, msg, len);
    d.r.pos = 4;
    d.spans = out->spans;
    d.ctx = ctx;
    d.scope = "message";
    decode_body(&d, out->fields, type);
    /* One check at the end: a failure anywhere, or bytes no field took. */
    if (!d.r.failed && d.r.pos != d.r.len)
        failf(&d, "%zu unexpected byte%s at the end of the message at offset %zu",
              d.r.len - d.r.pos, d.r.len - d.r.pos == 1 ? "" : "s", d.r.pos);
    if (d.r.failed) {
        snprintf(out->error, sizeof(out->error), "%s: %s", name,
                 d.r.fail_what ? d.r.fail_what : "malformed");
        return -1;
    }
    return 0;
}

/* ============================================================================================
 * Records, alerts, change_cipher_spec
 * ============================================================================================ */

int tt_wire_record_header(const uint8_t *p, size_t len, tt_record_hdr *out, char *err,
                          size_t errlen)
{
    char scratch[1];
    if (err == NULL || errlen == 0)
        err = scratch, errlen = sizeof(scratch);
    err[0] = '\0';
    memset(out, 0, sizeof(*out));
    /* RFC 8446 §5.1: ContentType type; ProtocolVersion legacy_record_version; uint16 length */
    if (p == NULL || len < TT_RECORD_HEADER_LEN) {
        snprintf(err, errlen, "record: a record header is 5 bytes, got %zu",
                 p == NULL ? (size_t)0 : len);
        return -1;
    }
    out->type = p[0];
    out->version = (uint16_t)((p[1] << 8) | p[2]);
    out->length = (uint16_t)((p[3] << 8) | p[4]);
    if (out->type < 20 || out->type > 24) {
        snprintf(err, errlen, "record: content type %u at offset 0 is not one of 20..24",
                 out->type);
        return -1;
    }
    if (p[1] != 3) {
        snprintf(err, errlen, "record: version 0x%04x at offset 1 does not start with 3",
                 out->version);
        return -1;
    }
    if (out->length > TT_RECORD_MAX_FRAGMENT) {
        snprintf(err, errlen, "record: length %u at offset 3 exceeds the %u-byte limit",
                 out->length, TT_RECORD_MAX_FRAGMENT);
        return -1;
    }
    return 0;
}

int tt_wire_alert(const uint8_t *p, size_t len, tt_decoded *out)
{
    if (decoded_init(out) != 0)
        return -1;
    /* RFC 8446 §6: struct { AlertLevel level; AlertDescription description; } Alert */
    if (p == NULL || len != 2) {
        snprintf(out->error, sizeof(out->error), "alert: an alert is 2 bytes, got %zu",
                 p == NULL ? (size_t)0 : len);
        return -1;
    }
    cJSON_AddItemToObject(out->fields, "level", coded(p[0], &tt_alert_levels, 0));
    add_span(out->spans, "/level", 0, 1);
    cJSON_AddItemToObject(out->fields, "description", coded(p[1], &tt_alerts, 0));
    add_span(out->spans, "/description", 1, 1);
    const tt_named *row = tt_lookup(&tt_alerts, p[1]);
    if (row != NULL)
        cJSON_AddStringToObject(out->fields, "explanation", row->explain);
    else
        cJSON_AddNullToObject(out->fields, "explanation");
    add_span(out->spans, "/explanation", 1, 1);
    if (p[0] != 1 && p[0] != 2) {
        snprintf(out->error, sizeof(out->error),
                 "alert: level %u at offset 0 is neither warning (1) nor fatal (2)", p[0]);
        return -1;
    }
    return 0;
}

int tt_wire_ccs(const uint8_t *p, size_t len, tt_decoded *out)
{
    if (decoded_init(out) != 0)
        return -1;
    /* RFC 5246 §7.1: struct { enum { change_cipher_spec(1), (255) } type; } ChangeCipherSpec */
    if (p == NULL || len != 1) {
        snprintf(out->error, sizeof(out->error),
                 "change_cipher_spec: the message is 1 byte, got %zu", p == NULL ? (size_t)0 : len);
        return -1;
    }
    cJSON_AddNumberToObject(out->fields, "value", p[0]);
    add_span(out->spans, "/value", 0, 1);
    if (p[0] != 1) {
        snprintf(out->error, sizeof(out->error),
                 "change_cipher_spec: value %u at offset 0 must be 1", p[0]);
        return -1;
    }
    return 0;
}

/* ============================================================================================
 * Handshake reassembly (RFC 8446 §5.1, RFC 5246 §6.2.1)
 * ============================================================================================ */

void tt_hs_reasm_init(tt_hs_reasm *r, size_t max)
{
    memset(r, 0, sizeof(*r));
    r->max = max;
}

void tt_hs_reasm_free(tt_hs_reasm *r)
{
    free(r->buf);
    memset(r, 0, sizeof(*r));
}

/* Total length (header included) of the message starting at p, whose header is buffered. */
static size_t reasm_msg_len(const uint8_t *p)
{
    return 4 + (((size_t)p[1] << 16) | ((size_t)p[2] << 8) | p[3]);
}

int tt_hs_reasm_push(tt_hs_reasm *r, const uint8_t *p, size_t len)
{
    if (len == 0)
        return 0;
    if (p == NULL)
        return -1;
    /* The caller drains with tt_hs_reasm_next() after each record, so the buffer never needs
     * more than one unfinished message plus one record; more means nobody is draining. */
    size_t limit =
        r->max > (size_t)-1 - TT_RECORD_MAX_FRAGMENT ? (size_t)-1 : r->max + TT_RECORD_MAX_FRAGMENT;
    if (r->len > limit || len > limit - r->len)
        return -1;
    if (r->cap - r->len < len) {
        size_t cap = r->cap ? r->cap : 256;
        while (cap - r->len < len)
            cap = cap > limit / 2 ? r->len + len : cap * 2;
        uint8_t *b = realloc(r->buf, cap);
        if (b == NULL)
            return -1;
        r->buf = b;
        r->cap = cap;
    }
    memcpy(r->buf + r->len, p, len);
    r->len += len;
    /* Every message whose header is buffered must fit in max. */
    for (size_t off = 0; r->len - off >= 4;) {
        size_t m = reasm_msg_len(r->buf + off);
        if (m > r->max)
            return -1;
        if (r->len - off < m)
            break;
        off += m;
    }
    return 0;
}

int tt_hs_reasm_next(tt_hs_reasm *r, uint8_t **msg, size_t *len)
{
    *msg = NULL;
    *len = 0;
    if (r->len < 4)
        return 0;
    size_t m = reasm_msg_len(r->buf);
    if (m > r->max)
        return -1;
    if (r->len < m)
        return 0;
    uint8_t *copy = malloc(m);
    if (copy == NULL)
        return -1;
    memcpy(copy, r->buf, m);
    memmove(r->buf, r->buf + m, r->len - m);
    r->len -= m;
    *msg = copy;
    *len = m;
    return 1;
}

int tt_hs_reasm_pending(const tt_hs_reasm *r)
{
    return r->len > 0;
}
