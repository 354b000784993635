/* A small, pure DER reader for X.509 certificates: enough to tell a student what a certificate
 * says (RFC 5280 §4.1). No Mbed TLS, no I/O; the only allocation is the cJSON result.
 *
 * Everything read here comes from the network and is hostile:
 *   - every TLV is checked against its parent before it is used (definite lengths only, at most
 *     4 length bytes, no length running past the enclosing element, no trailing bytes);
 *   - the whole certificate is finally walked element by element with a nesting limit;
 *   - every string shown to a person goes through one sanitizer: control characters, invalid
 *     UTF-8 and invisible direction overrides become visible escapes, lengths are capped.
 * The first failure sticks (BearSSL-style) and is reported once, with its byte offset. */
#include "tt_x509.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define X5_MAX_DEPTH 32  /* real certificates nest about 8 deep; the walk stops beyond this */
#define X5_STR_CAP 256   /* bytes of one displayed string (attribute value, SAN entry) */
#define X5_NAME_CAP 1024 /* bytes of one displayed Name */
#define X5_OID_CAP 128   /* bytes of one dotted OID */
#define X5_SERIAL_CAP 64 /* serial bytes shown (RFC 5280 §4.1.2.2 allows 20) */
#define X5_MAX_SAN 64    /* SAN entries listed; the rest are counted in one last entry */

/* DER universal tags used below (X.680 §8.4). */
enum {
    TAG_BOOLEAN = 0x01,
    TAG_INTEGER = 0x02,
    TAG_BIT_STRING = 0x03,
    TAG_OCTET_STRING = 0x04,
    TAG_NULL = 0x05,
    TAG_OID = 0x06,
    TAG_UTF8 = 0x0C,
    TAG_NUMERIC = 0x12,
    TAG_PRINTABLE = 0x13,
    TAG_T61 = 0x14,
    TAG_IA5 = 0x16,
    TAG_UTC_TIME = 0x17,
    TAG_GEN_TIME = 0x18,
    TAG_VISIBLE = 0x1A,
    TAG_UNIVERSAL = 0x1C,
    TAG_BMP = 0x1E,
    TAG_SEQUENCE = 0x30,
    TAG_SET = 0x31,
    TAG_CONSTRUCTED = 0x20,
};

/* ---- Tables: what the OIDs mean ------------------------------------------------------------ */

typedef struct oid_name {
    const char *oid;
    const char *name;
} oid_name;

/* Signature algorithms (RFC 3279, RFC 4055, RFC 5758, RFC 8410). */
static const oid_name sig_algs[] = {
    {"1.2.840.113549.1.1.4", "md5WithRSAEncryption"},
    {"1.2.840.113549.1.1.5", "sha1WithRSAEncryption"},
    {"1.2.840.113549.1.1.14", "sha224WithRSAEncryption"},
    {"1.2.840.113549.1.1.11", "sha256WithRSAEncryption"},
    {"1.2.840.113549.1.1.12", "sha384WithRSAEncryption"},
    {"1.2.840.113549.1.1.13", "sha512WithRSAEncryption"},
    {"1.2.840.113549.1.1.10", "RSASSA-PSS"},
    {"1.2.840.10045.4.1", "ecdsa-with-SHA1"},
    {"1.2.840.10045.4.3.1", "ecdsa-with-SHA224"},
    {"1.2.840.10045.4.3.2", "ecdsa-with-SHA256"},
    {"1.2.840.10045.4.3.3", "ecdsa-with-SHA384"},
    {"1.2.840.10045.4.3.4", "ecdsa-with-SHA512"},
    {"1.3.101.112", "Ed25519"},
    {"1.3.101.113", "Ed448"},
    {"1.2.840.10040.4.3", "dsa-with-SHA1"},
    {"2.16.840.1.101.3.4.3.2", "dsa-with-SHA256"},
};

/* Name attribute types (RFC 5280 §4.1.2.4 and Appendix A, RFC 4519, RFC 4524), short names as
 * openssl and Mbed TLS print them. */
static const oid_name dn_attrs[] = {
    {"2.5.4.3", "CN"},
    {"2.5.4.4", "SN"},
    {"2.5.4.5", "serialNumber"},
    {"2.5.4.6", "C"},
    {"2.5.4.7", "L"},
    {"2.5.4.8", "ST"},
    {"2.5.4.9", "street"},
    {"2.5.4.10", "O"},
    {"2.5.4.11", "OU"},
    {"2.5.4.12", "title"},
    {"2.5.4.15", "businessCategory"},
    {"2.5.4.17", "postalCode"},
    {"2.5.4.42", "GN"},
    {"2.5.4.43", "initials"},
    {"2.5.4.44", "generationQualifier"},
    {"2.5.4.46", "dnQualifier"},
    {"2.5.4.65", "pseudonym"},
    {"2.5.4.97", "organizationIdentifier"},
    {"1.2.840.113549.1.9.1", "emailAddress"},
    {"0.9.2342.19200300.100.1.1", "UID"},
    {"0.9.2342.19200300.100.1.25", "DC"},
    {"1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL"},
    {"1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST"},
    {"1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC"},
};

/* How the subjectPublicKey BIT STRING is read, by algorithm. */
typedef enum { KEY_RSA, KEY_EC, KEY_RAW } key_kind;

/* SubjectPublicKeyInfo algorithms (RFC 3279 §2.3, RFC 4055 §1.2, RFC 5480 §2.1.1, RFC 8410 §3). */
/* clang-format off */
static const struct key_alg {
    const char *oid;
    const char *type; /* the "type" shown */
    key_kind kind;
    int pss;          /* an RSA key restricted to RSASSA-PSS signatures */
} key_algs[] = {
    {"1.2.840.113549.1.1.1", "RSA", KEY_RSA, 0},
    {"1.2.840.113549.1.1.10", "RSA", KEY_RSA, 1},
    {"1.2.840.10045.2.1", "EC", KEY_EC, 0},
    {"1.3.101.110", "X25519", KEY_RAW, 0},
    {"1.3.101.111", "X448", KEY_RAW, 0},
    {"1.3.101.112", "Ed25519", KEY_RAW, 0},
    {"1.3.101.113", "Ed448", KEY_RAW, 0},
};
/* clang-format on */

/* Named curves (RFC 5480 §2.1.1.1, RFC 5639 §4.1, SEC 2) and the size of their field in bits. */
static const struct curve {
    const char *oid;
    const char *name;
    int bits;
} curves[] = {
    {"1.2.840.10045.3.1.1", "secp192r1", 192},
    {"1.3.132.0.33", "secp224r1", 224},
    {"1.2.840.10045.3.1.7", "secp256r1", 256},
    {"1.3.132.0.34", "secp384r1", 384},
    {"1.3.132.0.35", "secp521r1", 521},
    {"1.3.132.0.31", "secp192k1", 192},
    {"1.3.132.0.32", "secp224k1", 224},
    {"1.3.132.0.10", "secp256k1", 256},
    {"1.3.36.3.3.2.8.1.1.1", "brainpoolP160r1", 160},
    {"1.3.36.3.3.2.8.1.1.3", "brainpoolP192r1", 192},
    {"1.3.36.3.3.2.8.1.1.5", "brainpoolP224r1", 224},
    {"1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1", 256},
    {"1.3.36.3.3.2.8.1.1.9", "brainpoolP320r1", 320},
    {"1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1", 384},
    {"1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1", 512},
    {"1.2.156.10197.1.301", "SM2", 256},
};

#define OID_EXT_SAN "2.5.29.17"
#define OID_EXT_BASIC_CONSTRAINTS "2.5.29.19"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *oid_lookup(const oid_name *rows, size_t n, const char *oid)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].oid, oid) == 0)
            return rows[i].name;
    return NULL;
}

/* ---- Errors: the first one sticks ---------------------------------------------------------- */

typedef struct x5_ctx {
    const uint8_t *base; /* first byte of the certificate: offsets are counted from here */
    char *err;
    size_t errlen;
    int failed;
} x5_ctx;

#if defined(__GNUC__)
#define X5_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define X5_PRINTF(f, a)
#endif

static void x5_fail(x5_ctx *c, const uint8_t *at, const char *fmt, ...) X5_PRINTF(3, 4);
static void x5_fail(x5_ctx *c, const uint8_t *at, const char *fmt, ...)
{
    if (c->failed)
        return;
    c->failed = 1;
    if (!c->err || c->errlen == 0)
        return;
    char what[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(c->err, c->errlen, "x509: %s at offset %zu", what, (size_t)(at - c->base));
}

/* ---- The DER reader ------------------------------------------------------------------------ */

/* One element: its tag, where its header starts, and its contents. */
typedef struct der_tlv {
    uint8_t tag;
    const uint8_t *hdr; /* first byte of the tag */
    const uint8_t *v;   /* contents */
    size_t len;         /* bytes of contents */
} der_tlv;

/* A cursor over the contents of one parent element. */
typedef struct der_rd {
    x5_ctx *c;
    const uint8_t *p;
    const uint8_t *end;
} der_rd;

static der_rd der_sub(x5_ctx *c, const der_tlv *t)
{
    /* After a failed read t is all zero: give an empty cursor rather than NULL arithmetic. */
    static const uint8_t nothing[1];
    const uint8_t *v = t->v ? t->v : nothing;
    der_rd r = {c, v, v + t->len};
    return r;
}

static int der_more(const der_rd *r)
{
    return !r->c->failed && r->p < r->end;
}

/* The tag of the next element, or -1 at the end of the parent (or after a failure). */
static int der_peek(const der_rd *r)
{
    return der_more(r) ? r->p[0] : -1;
}

/* X.690 §8.1 with the DER restrictions of §10.1: reads one tag-length-value and advances. */
static int der_get(der_rd *r, der_tlv *t, const char *what)
{
    memset(t, 0, sizeof *t);
    if (r->c->failed)
        return 0;
    const uint8_t *p = r->p;
    size_t avail = (size_t)(r->end - p);
    if (avail == 0) {
        x5_fail(r->c, p, "%s: missing", what);
        return 0;
    }
    if (avail < 2) {
        x5_fail(r->c, p, "%s: truncated header", what);
        return 0;
    }
    uint8_t tag = p[0];
    /* Tag numbers above 30 (X.690 §8.1.2.4) never occur in certificates. */
    if ((tag & 0x1F) == 0x1F) {
        x5_fail(r->c, p, "%s: multi-byte tag 0x%02X not supported", what, tag);
        return 0;
    }
    size_t hl = 2, len = p[1];
    if (len & 0x80) {
        size_t n = len & 0x7F;
        if (n == 0) { /* X.690 §10.1: DER uses the definite form only */
            x5_fail(r->c, p + 1, "%s: indefinite length", what);
            return 0;
        }
        if (n > 4) {
            x5_fail(r->c, p + 1, "%s: %zu length bytes", what, n);
            return 0;
        }
        if (avail - 2 < n) {
            x5_fail(r->c, p + 1, "%s: truncated length", what);
            return 0;
        }
        len = 0;
        for (size_t i = 0; i < n; i++)
            len = (len << 8) | p[2 + i];
        hl += n;
    }
    if (len > avail - hl) {
        x5_fail(r->c, p, "%s: length %zu overruns its parent (%zu bytes left)", what, len,
                avail - hl);
        return 0;
    }
    t->tag = tag;
    t->hdr = p;
    t->v = p + hl;
    t->len = len;
    r->p = p + hl + len;
    return 1;
}

/* Reads one element that must have the given tag. */
static int der_expect(der_rd *r, uint8_t tag, der_tlv *t, const char *what)
{
    if (!der_get(r, t, what))
        return 0;
    if (t->tag != tag) {
        x5_fail(r->c, t->hdr, "%s: expected tag 0x%02X, found 0x%02X", what, tag, t->tag);
        return 0;
    }
    return 1;
}

/* Fails unless the parent has been read completely. */
static int der_end(der_rd *r, const char *what)
{
    if (r->c->failed)
        return 0;
    if (r->p != r->end) {
        x5_fail(r->c, r->p, "%zu unexpected bytes at the end of %s", (size_t)(r->end - r->p), what);
        return 0;
    }
    return 1;
}

/* The strict final pass: every constructed element must consist of whole elements, down to
 * X5_MAX_DEPTH levels. Recursion is bounded by that limit. */
static void der_walk(x5_ctx *c, const uint8_t *p, const uint8_t *end, int depth)
{
    der_rd r = {c, p, end};
    while (der_more(&r)) {
        der_tlv t;
        if (!der_get(&r, &t, "element"))
            return;
        if (t.tag & TAG_CONSTRUCTED) {
            if (depth >= X5_MAX_DEPTH) {
                x5_fail(c, t.hdr, "elements nested deeper than %d levels", X5_MAX_DEPTH);
                return;
            }
            der_walk(c, t.v, t.v + t.len, depth + 1);
        }
    }
}

/* X.690 §8.19: an OBJECT IDENTIFIER as dotted text, truncated with "…" past X5_OID_CAP bytes
 * (outlen must be at least 8). */
/* Writes sep followed by v in decimal (NUL-terminated) into out; returns the characters written.
 * Faster than snprintf, which OIDs in every name of every certificate would otherwise go through. */
static int u64_text(char *out, char sep, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    out[0] = sep;
    for (int i = 0; i < n; i++)
        out[1 + i] = tmp[n - 1 - i];
    out[1 + n] = '\0';
    return 1 + n;
}

static int der_oid_text(x5_ctx *c, const der_tlv *t, char *out, size_t outlen)
{
    size_t n = 0;
    int cut = 0;
    out[0] = '\0';
    if (t->len == 0) {
        x5_fail(c, t->hdr, "empty OBJECT IDENTIFIER");
        return 0;
    }
    uint64_t v = 0;
    int first = 1;
    for (size_t i = 0; i < t->len; i++) {
        uint8_t b = t->v[i];
        if (v == 0 && b == 0x80) { /* X.690 §8.19.2: no leading 0x80 padding */
            x5_fail(c, t->v + i, "OBJECT IDENTIFIER arc with a leading 0x80");
            return 0;
        }
        if (v > (UINT64_MAX >> 7)) {
            x5_fail(c, t->v + i, "OBJECT IDENTIFIER arc too large");
            return 0;
        }
        v = (v << 7) | (b & 0x7F);
        if (b & 0x80)
            continue;
        char arc[48];
        int k;
        if (first) { /* X.690 §8.19.4: the first subidentifier holds two arcs */
            unsigned a = v < 40 ? 0 : v < 80 ? 1 : 2;
            arc[0] = (char)('0' + a);
            k = 1 + u64_text(arc + 1, '.', v - 40u * a);
            first = 0;
        } else {
            k = u64_text(arc, '.', v);
        }
        size_t cap = outlen - 4 < X5_OID_CAP ? outlen - 4 : X5_OID_CAP; /* room for "…" */
        if (!cut && n + (size_t)k <= cap) {
            memcpy(out + n, arc, (size_t)k + 1);
            n += (size_t)k;
        } else if (!cut) {
            memcpy(out + n, "\xE2\x80\xA6", 4); /* "…" */
            cut = 1;
        }
        v = 0;
    }
    if (t->v[t->len - 1] & 0x80) {
        x5_fail(c, t->v + t->len - 1, "OBJECT IDENTIFIER ends inside an arc");
        return 0;
    }
    return 1;
}

static int der_oid(der_rd *r, der_tlv *t, char *out, size_t outlen, const char *what)
{
    if (!der_expect(r, TAG_OID, t, what))
        return 0;
    return der_oid_text(r->c, t, out, outlen);
}

/* ---- Showing hostile text ------------------------------------------------------------------ */

/* A capped output string: once a piece does not fit, nothing more is added and "…" ends it. */
typedef struct sbuf {
    char b[X5_NAME_CAP + 16];
    size_t n;
    size_t cap;
    int cut;
} sbuf;

static void sb_init(sbuf *s, size_t cap)
{
    s->n = 0;
    s->cap = cap < X5_NAME_CAP ? cap : X5_NAME_CAP;
    s->cut = 0;
    s->b[0] = '\0';
}

static void sb_raw(sbuf *s, const char *p, size_t n)
{
    if (s->cut)
        return;
    if (n > s->cap - s->n) {
        s->cut = 1;
        return;
    }
    memcpy(s->b + s->n, p, n);
    s->n += n;
    s->b[s->n] = '\0';
}

static void sb_str(sbuf *s, const char *p)
{
    sb_raw(s, p, strlen(p));
}

static const char *sb_done(sbuf *s)
{
    if (s->cut) { /* room for the ellipsis is reserved beyond cap */
        memcpy(s->b + s->n, "\xE2\x80\xA6", 4);
        s->n += 3;
        s->cut = 0;
        s->cap = s->n;
    }
    return s->b;
}

/* A byte that is not valid text: shown as \xNN. */
static void sb_bad_byte(sbuf *s, uint8_t b)
{
    char e[8];
    snprintf(e, sizeof e, "\\x%02X", b);
    sb_str(s, e);
}

/* Characters that would fool a reader: C1 controls, zero-width and direction overrides. */
static int cp_invisible(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

/* One Unicode code point, shown as UTF-8 unless it is a control or invisible character. */
static void sb_cp(sbuf *s, uint32_t cp)
{
    char e[16];
    if (cp < 0x20 || cp == 0x7F) {
        snprintf(e, sizeof e, "\\x%02X", (unsigned)cp);
    } else if (cp == '\\') {
        snprintf(e, sizeof e, "\\\\");
    } else if (cp_invisible(cp)) {
        snprintf(e, sizeof e, "\\u%04X", (unsigned)cp);
    } else if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        snprintf(e, sizeof e, "\\U%08X", (unsigned)cp);
    } else if (cp < 0x80) {
        e[0] = (char)cp;
        e[1] = '\0';
    } else if (cp < 0x800) {
        e[0] = (char)(0xC0 | (cp >> 6));
        e[1] = (char)(0x80 | (cp & 0x3F));
        e[2] = '\0';
    } else if (cp < 0x10000) {
        e[0] = (char)(0xE0 | (cp >> 12));
        e[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        e[2] = (char)(0x80 | (cp & 0x3F));
        e[3] = '\0';
    } else {
        e[0] = (char)(0xF0 | (cp >> 18));
        e[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        e[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        e[3] = (char)(0x80 | (cp & 0x3F));
        e[4] = '\0';
    }
    sb_str(s, e);
}

/* RFC 3629 §3-4: one well-formed UTF-8 sequence (no overlong forms, no surrogates, at most
 * U+10FFFF). Returns the bytes used, or 0 when p does not start a valid sequence. */
static size_t utf8_decode(const uint8_t *p, size_t n, uint32_t *cp)
{
    uint8_t b = p[0];
    size_t need;
    uint32_t v, min;
    if (b < 0x80) {
        *cp = b;
        return 1;
    } else if (b >= 0xC2 && b <= 0xDF) {
        need = 1, v = b & 0x1F, min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2, v = b & 0x0F, min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3, v = b & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < need + 1)
        return 0;
    for (size_t i = 1; i <= need; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return need + 1;
}

/* Bytes of the next unit of sanitized text: one UTF-8 character, or one of the escapes sb_cp
 * and sb_bad_byte write (\\, \xNN, \uNNNN, \UNNNNNNNN). */
static size_t text_unit(const char *s, size_t n)
{
    unsigned char b = (unsigned char)s[0];
    size_t k;
    if (b == '\\' && n >= 2)
        k = s[1] == 'x' ? 4 : s[1] == 'u' ? 6 : s[1] == 'U' ? 10 : 2;
    else
        k = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    return k < n ? k : n;
}

static int is_string_tag(uint8_t tag)
{
    switch (tag) {
    case TAG_UTF8:
    case TAG_NUMERIC:
    case TAG_PRINTABLE:
    case TAG_T61:
    case TAG_IA5:
    case TAG_VISIBLE:
    case TAG_UNIVERSAL:
    case TAG_BMP: return 1;
    default: return 0;
    }
}

/* RFC 5280 §4.1.2.4 DirectoryString and friends, converted to sanitized UTF-8. */
static void sb_string(sbuf *s, uint8_t tag, const uint8_t *p, size_t n)
{
    size_t i = 0;
    switch (tag) {
    case TAG_UTF8:
        while (i < n && !s->cut) {
            uint32_t cp;
            size_t k = utf8_decode(p + i, n - i, &cp);
            if (k == 0) {
                sb_bad_byte(s, p[i]);
                i++;
            } else {
                sb_cp(s, cp);
                i += k;
            }
        }
        break;
    case TAG_T61: /* in practice Latin-1 (what certificate tools assume) */
        for (; i < n && !s->cut; i++)
            sb_cp(s, p[i]);
        break;
    case TAG_BMP: /* UCS-2 big-endian; UTF-16 surrogate pairs are tolerated */
        for (; i + 1 < n && !s->cut; i += 2) {
            uint32_t u = (uint32_t)p[i] << 8 | p[i + 1];
            if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
                uint32_t lo = (uint32_t)p[i + 2] << 8 | p[i + 3];
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    i += 2;
                }
            }
            sb_cp(s, u); /* a lone surrogate shows as \UXXXXXXXX */
        }
        if (i < n)
            sb_bad_byte(s, p[i]);
        break;
    case TAG_UNIVERSAL: /* UCS-4 big-endian */
        for (; i + 3 < n && !s->cut; i += 4)
            sb_cp(s, (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 |
                         p[i + 3]);
        for (; i < n && !s->cut; i++)
            sb_bad_byte(s, p[i]);
        break;
    default: /* PrintableString, IA5String, NumericString, VisibleString: ASCII only */
        for (; i < n && !s->cut; i++) {
            if (p[i] < 0x80)
                sb_cp(s, p[i]);
            else
                sb_bad_byte(s, p[i]);
        }
        break;
    }
}

static void sb_hex(sbuf *s, const uint8_t *p, size_t n)
{
    static const char hx[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n && !s->cut; i++) {
        char e[2] = {hx[p[i] >> 4], hx[p[i] & 15]};
        sb_raw(s, e, 2);
    }
}

/* ---- Building the result ------------------------------------------------------------------- */

static void add_string(x5_ctx *c, cJSON *o, const char *key, const char *val)
{
    if (!c->failed && !cJSON_AddStringToObject(o, key, val))
        x5_fail(c, c->base, "out of memory");
}

static void add_number(x5_ctx *c, cJSON *o, const char *key, double val)
{
    if (!c->failed && !cJSON_AddNumberToObject(o, key, val))
        x5_fail(c, c->base, "out of memory");
}

static void add_bool(x5_ctx *c, cJSON *o, const char *key, int val)
{
    if (!c->failed && !cJSON_AddBoolToObject(o, key, val))
        x5_fail(c, c->base, "out of memory");
}

/* ---- RFC 5280 pieces ----------------------------------------------------------------------- */

/* §4.1.1.2 AlgorithmIdentifier: reads the algorithm OID; parameters are left to the caller. */
static int read_alg_id(der_rd *r, char *oid, size_t oidlen, der_rd *params, const char *what)
{
    der_tlv seq, o;
    if (!der_expect(r, TAG_SEQUENCE, &seq, what))
        return 0;
    *params = der_sub(r->c, &seq);
    return der_oid(params, &o, oid, oidlen, what);
}

/* §4.1.2.2 serialNumber: uppercase hex with colons. The sign byte DER adds in front of a
 * positive number whose top bit is set is not part of the number and is not shown. */
static void read_serial(der_rd *r, cJSON *out)
{
    der_tlv t;
    if (!der_expect(r, TAG_INTEGER, &t, "serialNumber"))
        return;
    if (t.len == 0) {
        x5_fail(r->c, t.hdr, "serialNumber: empty INTEGER");
        return;
    }
    const uint8_t *p = t.v;
    size_t n = t.len;
    if (n > 1 && p[0] == 0x00 && (p[1] & 0x80))
        p++, n--;
    sbuf s;
    sb_init(&s, X5_SERIAL_CAP * 3);
    for (size_t i = 0; i < n && !s.cut; i++) {
        if (i)
            sb_raw(&s, ":", 1);
        sb_hex(&s, p + i, 1);
    }
    add_string(r->c, out, "serial", sb_done(&s));
}

static int two_digits(const uint8_t *p, int *v)
{
    if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
        return 0;
    *v = (p[0] - '0') * 10 + (p[1] - '0');
    return 1;
}

/* §4.1.2.5.1 UTCTime "YYMMDDHHMMSSZ" (YY >= 50 means 19YY) and §4.1.2.5.2 GeneralizedTime
 * "YYYYMMDDHHMMSSZ", both in UTC with seconds and without fractions, as ISO 8601. */
static void read_time(der_rd *r, cJSON *out, const char *key, const char *what)
{
    der_tlv t;
    if (!der_get(r, &t, what))
        return;
    int cc, yy, mo, dd, hh, mi, ss;
    const uint8_t *p = t.v;
    if (t.tag == TAG_UTC_TIME) {
        if (t.len != 13 || p[12] != 'Z' || !two_digits(p, &yy)) {
            x5_fail(r->c, t.hdr, "%s: UTCTime is not YYMMDDHHMMSSZ", what);
            return;
        }
        cc = yy >= 50 ? 19 : 20;
        p += 2;
    } else if (t.tag == TAG_GEN_TIME) {
        if (t.len != 15 || p[14] != 'Z' || !two_digits(p, &cc) || !two_digits(p + 2, &yy)) {
            x5_fail(r->c, t.hdr, "%s: GeneralizedTime is not YYYYMMDDHHMMSSZ", what);
            return;
        }
        p += 4;
    } else {
        x5_fail(r->c, t.hdr, "%s: expected UTCTime or GeneralizedTime, found tag 0x%02X", what,
                t.tag);
        return;
    }
    if (!two_digits(p, &mo) || !two_digits(p + 2, &dd) || !two_digits(p + 4, &hh) ||
        !two_digits(p + 6, &mi) || !two_digits(p + 8, &ss) || mo < 1 || mo > 12 || dd < 1 ||
        dd > 31 || hh > 23 || mi > 59 || ss > 60) {
        x5_fail(r->c, t.hdr, "%s: impossible date or time", what);
        return;
    }
    char iso[72]; /* 20 used; sized for any int so the compiler can prove no truncation */
    snprintf(iso, sizeof iso, "%02d%02d-%02d-%02dT%02d:%02d:%02dZ", cc, yy, mo, dd, hh, mi, ss);
    add_string(r->c, out, key, iso);
}

/* §4.1.2.4 Name: RDNSequence as "C=FR, O=Example, CN=host" in the order of the certificate,
 * AVAs of one multi-valued RDN joined with " + " (as mbedtls_x509_dn_gets shows them), values
 * escaped as in RFC 4514 §2.4. tlv is the whole Name element. */
static void name_text(x5_ctx *c, const der_tlv *name, sbuf *out)
{
    sb_init(out, X5_NAME_CAP);
    der_rd rdns = der_sub(c, name);
    int first_rdn = 1;
    while (der_more(&rdns)) {
        der_tlv set;
        if (!der_expect(&rdns, TAG_SET, &set, "RelativeDistinguishedName"))
            return;
        der_rd avas = der_sub(c, &set);
        if (!der_more(&avas)) {
            x5_fail(c, set.hdr, "empty RelativeDistinguishedName");
            return;
        }
        int first_ava = 1;
        while (der_more(&avas)) {
            der_tlv ava, type, value;
            char oid[X5_OID_CAP + 8];
            if (!der_expect(&avas, TAG_SEQUENCE, &ava, "AttributeTypeAndValue"))
                return;
            der_rd a = der_sub(c, &ava);
            if (!der_oid(&a, &type, oid, sizeof oid, "attribute type") ||
                !der_get(&a, &value, "attribute value") || !der_end(&a, "AttributeTypeAndValue"))
                return;
            sb_str(out, first_ava ? (first_rdn ? "" : ", ") : " + ");
            const char *nm = oid_lookup(dn_attrs, COUNT(dn_attrs), oid);
            sb_str(out, nm ? nm : oid);
            sb_raw(out, "=", 1);
            sbuf v;
            sb_init(&v, X5_STR_CAP);
            if (is_string_tag(value.tag)) {
                sb_string(&v, value.tag, value.v, value.len);
            } else { /* RFC 4514 §2.4: other types as '#' and the hex of their encoding */
                sb_raw(&v, "#", 1);
                sb_hex(&v, value.hdr, (size_t)(value.v - value.hdr) + value.len);
            }
            const char *vs = sb_done(&v);
            size_t vn = strlen(vs);
            for (size_t i = 0, k; i < vn; i += k) {
                /* one character or one escape at a time, so the cap never splits either */
                char piece[16];
                size_t pn = 0;
                char ch = vs[i];
                k = text_unit(vs + i, vn - i);
                if (strchr(",+\"<>;", ch) != NULL ||
                    (i == 0 && ch == '#' && is_string_tag(value.tag)) ||
                    (ch == ' ' && (i == 0 || i + 1 == vn)))
                    piece[pn++] = '\\';
                memcpy(piece + pn, vs + i, k);
                sb_raw(out, piece, pn + k);
            }
            first_ava = 0;
        }
        first_rdn = 0;
    }
}

static void read_name(der_rd *r, cJSON *out, const char *key, der_tlv *name, const char *what)
{
    if (!der_expect(r, TAG_SEQUENCE, name, what))
        return;
    sbuf s;
    name_text(r->c, name, &s);
    add_string(r->c, out, key, sb_done(&s));
}

/* Bits of an unsigned big-endian number, leading zero bytes ignored. */
static double number_bits(const uint8_t *p, size_t n)
{
    while (n > 0 && p[0] == 0)
        p++, n--;
    if (n == 0)
        return 0;
    int top = 0;
    for (uint8_t b = p[0]; b; b >>= 1)
        top++;
    return (double)(n - 1) * 8 + top;
}

/* §4.1.2.7 SubjectPublicKeyInfo: the key's type, size and curve. */
static void read_spki(der_rd *r, cJSON *out)
{
    x5_ctx *c = r->c;
    der_tlv spki, bits;
    der_rd params;
    char oid[X5_OID_CAP + 8];
    if (!der_expect(r, TAG_SEQUENCE, &spki, "subjectPublicKeyInfo"))
        return;
    der_rd s = der_sub(c, &spki);
    if (!read_alg_id(&s, oid, sizeof oid, &params, "subjectPublicKeyInfo algorithm") ||
        !der_expect(&s, TAG_BIT_STRING, &bits, "subjectPublicKey") ||
        !der_end(&s, "subjectPublicKeyInfo"))
        return;
    /* X.690 §8.6.2: the first content byte counts the unused bits of the last byte. */
    if (bits.len == 0 || bits.v[0] != 0) {
        x5_fail(c, bits.hdr, "subjectPublicKey: BIT STRING is empty or not whole bytes");
        return;
    }
    const uint8_t *key = bits.v + 1;
    size_t keylen = bits.len - 1;

    cJSON *k = cJSON_AddObjectToObject(out, "key");
    if (!k) {
        x5_fail(c, c->base, "out of memory");
        return;
    }
    const struct key_alg *alg = NULL;
    for (size_t i = 0; i < COUNT(key_algs); i++)
        if (strcmp(key_algs[i].oid, oid) == 0)
            alg = &key_algs[i];
    if (!alg) {
        add_string(c, k, "type", "unknown");
        add_string(c, k, "oid", oid);
        return;
    }
    add_string(c, k, "type", alg->type);
    if (alg->kind == KEY_RSA) {
        /* RFC 8017 §A.1.1 RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } */
        der_rd kr = {c, key, key + keylen};
        der_tlv seq, n, e;
        if (!der_expect(&kr, TAG_SEQUENCE, &seq, "RSAPublicKey") || !der_end(&kr, "RSA key"))
            return;
        der_rd sr = der_sub(c, &seq);
        if (!der_expect(&sr, TAG_INTEGER, &n, "RSA modulus") ||
            !der_expect(&sr, TAG_INTEGER, &e, "RSA publicExponent") ||
            !der_end(&sr, "RSAPublicKey"))
            return;
        add_number(c, k, "bits", number_bits(n.v, n.len));
        if (alg->pss)
            add_bool(c, k, "pss", 1);
    } else if (alg->kind == KEY_EC) {
        /* RFC 5480 §2.1.1 ECParameters: namedCurve OID (specifiedCurve and implicitCurve are
         * not allowed by RFC 5480 but are recognised). The point: 04||X||Y or 02/03||X. */
        int fbits = 0;
        if (keylen >= 1 && key[0] == 0x04)
            fbits = (int)((keylen - 1) / 2 * 8);
        else if (keylen >= 1 && (key[0] == 0x02 || key[0] == 0x03))
            fbits = (int)((keylen - 1) * 8);
        const char *curve = NULL;
        char coid[X5_OID_CAP + 8];
        int cbits = fbits;
        der_tlv p;
        if (der_peek(&params) == TAG_OID) {
            if (!der_oid(&params, &p, coid, sizeof coid, "namedCurve"))
                return;
            curve = coid;
            for (size_t i = 0; i < COUNT(curves); i++)
                if (strcmp(curves[i].oid, coid) == 0)
                    curve = curves[i].name, cbits = curves[i].bits;
        } else if (der_peek(&params) == TAG_SEQUENCE) {
            curve = "explicit";
        } else {
            curve = "implicit";
        }
        add_number(c, k, "bits", cbits);
        add_string(c, k, "curve", curve);
    } else {
        /* RFC 8410 §3: the key is the raw public value. */
        add_number(c, k, "bits", (double)keylen * 8);
    }
}

static void fmt_ipv6(const uint8_t *a, char *out, size_t outlen)
{
    /* RFC 5952 §4: lowercase, no leading zeros, the longest run (>= 2) of zero groups as "::",
     * §5: IPv4-mapped addresses end in dotted decimal. */
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (memcmp(a, mapped, 12) == 0) {
        snprintf(out, outlen, "::ffff:%u.%u.%u.%u", a[12], a[13], a[14], a[15]);
        return;
    }
    unsigned g[8];
    for (int i = 0; i < 8; i++)
        g[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
    int best = -1, bestlen = 0;
    for (int i = 0; i < 8;) {
        if (g[i] != 0) {
            i++;
            continue;
        }
        int j = i;
        while (j < 8 && g[j] == 0)
            j++;
        if (j - i > bestlen && j - i >= 2)
            best = i, bestlen = j - i;
        i = j;
    }
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < 8; i++) {
        if (i == best) {
            n += (size_t)snprintf(out + n, outlen - n, "::");
            i += bestlen - 1;
            continue;
        }
        n += (size_t)snprintf(out + n, outlen - n, "%s%x", (n && out[n - 1] != ':') ? ":" : "",
                              g[i]);
    }
}

/* §4.2.1.6 subjectAltName ::= GeneralNames, each GeneralName shown as openssl names it. */
static void read_san(x5_ctx *c, const der_tlv *octets, cJSON *out)
{
    der_rd r = {c, octets->v, octets->v + octets->len};
    der_tlv seq;
    if (!der_expect(&r, TAG_SEQUENCE, &seq, "subjectAltName") || !der_end(&r, "subjectAltName"))
        return;
    cJSON *arr = cJSON_AddArrayToObject(out, "san");
    if (!arr) {
        x5_fail(c, c->base, "out of memory");
        return;
    }
    der_rd g = der_sub(c, &seq);
    size_t count = 0;
    while (der_more(&g)) {
        der_tlv gn;
        if (!der_get(&g, &gn, "GeneralName"))
            return;
        if (++count > X5_MAX_SAN)
            continue;
        sbuf s;
        sb_init(&s, X5_STR_CAP + 16);
        /* GeneralName ::= CHOICE, context-specific tags [0]..[8] */
        switch (gn.tag) {
        case 0x81: /* [1] rfc822Name IA5String */
            sb_str(&s, "email:");
            sb_string(&s, TAG_IA5, gn.v, gn.len);
            break;
        case 0x82: /* [2] dNSName IA5String */
            sb_str(&s, "DNS:");
            sb_string(&s, TAG_IA5, gn.v, gn.len);
            break;
        case 0x86: /* [6] uniformResourceIdentifier IA5String */
            sb_str(&s, "URI:");
            sb_string(&s, TAG_IA5, gn.v, gn.len);
            break;
        case 0x87: { /* [7] iPAddress OCTET STRING: 4 or 16 bytes in a certificate */
            char ip[64];
            if (gn.len == 4) {
                snprintf(ip, sizeof ip, "%u.%u.%u.%u", gn.v[0], gn.v[1], gn.v[2], gn.v[3]);
                sb_str(&s, "IP:");
                sb_str(&s, ip);
            } else if (gn.len == 16) {
                fmt_ipv6(gn.v, ip, sizeof ip);
                sb_str(&s, "IP:");
                sb_str(&s, ip);
            } else {
                sb_str(&s, "IP:invalid:");
                sb_hex(&s, gn.v, gn.len);
            }
            break;
        }
        case 0xA4: { /* [4] directoryName Name (EXPLICIT: the tag wraps a Name) */
            der_rd d = der_sub(c, &gn);
            der_tlv nm;
            sbuf ns;
            if (!der_expect(&d, TAG_SEQUENCE, &nm, "directoryName") ||
                !der_end(&d, "directoryName"))
                return;
            name_text(c, &nm, &ns);
            sb_str(&s, "DirName:");
            sb_str(&s, sb_done(&ns));
            break;
        }
        case 0x88: { /* [8] registeredID OBJECT IDENTIFIER */
            char oid[X5_OID_CAP + 8];
            der_tlv o = gn;
            if (!der_oid_text(c, &o, oid, sizeof oid))
                return;
            sb_str(&s, "RID:");
            sb_str(&s, oid);
            break;
        }
        case 0xA0: { /* [0] otherName { type-id OID, [0] value } */
            der_rd d = der_sub(c, &gn);
            der_tlv o;
            char oid[X5_OID_CAP + 8];
            if (!der_oid(&d, &o, oid, sizeof oid, "otherName type"))
                return;
            sb_str(&s, "othername:");
            sb_str(&s, oid);
            break;
        }
        /* [3] x400Address and [5] ediPartyName: named, not decoded */
        case 0xA3: sb_str(&s, "X400Name:<unsupported>"); break;
        case 0xA5: sb_str(&s, "EdiPartyName:<unsupported>"); break;
        default: {
            char e[48];
            snprintf(e, sizeof e, "unknown:tag-0x%02X", gn.tag);
            sb_str(&s, e);
            break;
        }
        }
        cJSON *item = cJSON_CreateString(sb_done(&s));
        if (!item || !cJSON_AddItemToArray(arr, item)) {
            cJSON_Delete(item);
            x5_fail(c, c->base, "out of memory");
            return;
        }
    }
    if (count > X5_MAX_SAN) {
        char e[64];
        snprintf(e, sizeof e, "\xE2\x80\xA6 (%zu more)", count - X5_MAX_SAN);
        cJSON *item = cJSON_CreateString(e);
        if (!item || !cJSON_AddItemToArray(arr, item)) {
            cJSON_Delete(item);
            x5_fail(c, c->base, "out of memory");
        }
    }
}

/* §4.2.1.9 BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLen INTEGER OPTIONAL } */
static int read_basic_constraints(x5_ctx *c, const der_tlv *octets)
{
    der_rd r = {c, octets->v, octets->v + octets->len};
    der_tlv seq, b;
    if (!der_expect(&r, TAG_SEQUENCE, &seq, "basicConstraints") || !der_end(&r, "basicConstraints"))
        return 0;
    der_rd s = der_sub(c, &seq);
    int ca = 0;
    if (der_peek(&s) == TAG_BOOLEAN) {
        if (!der_get(&s, &b, "cA"))
            return 0;
        if (b.len != 1) {
            x5_fail(c, b.hdr, "cA: BOOLEAN of %zu bytes", b.len);
            return 0;
        }
        ca = b.v[0] != 0;
    }
    if (der_peek(&s) == TAG_INTEGER) {
        der_tlv pl;
        der_get(&s, &pl, "pathLenConstraint");
    }
    der_end(&s, "basicConstraints");
    return ca;
}

/* §4.1.2.9 Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension */
static void read_extensions(der_rd *r, cJSON *out, int *is_ca)
{
    x5_ctx *c = r->c;
    der_tlv wrap, seq;
    if (!der_get(r, &wrap, "extensions")) /* [3] EXPLICIT, tag checked by the caller */
        return;
    der_rd w = der_sub(c, &wrap);
    if (!der_expect(&w, TAG_SEQUENCE, &seq, "Extensions") || !der_end(&w, "extensions"))
        return;
    der_rd e = der_sub(c, &seq);
    int seen_san = 0, seen_bc = 0;
    while (der_more(&e)) {
        /* Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET
         * STRING } */
        der_tlv ext, id, crit, val;
        char oid[X5_OID_CAP + 8];
        if (!der_expect(&e, TAG_SEQUENCE, &ext, "Extension"))
            return;
        der_rd x = der_sub(c, &ext);
        if (!der_oid(&x, &id, oid, sizeof oid, "extnID"))
            return;
        if (der_peek(&x) == TAG_BOOLEAN && !der_get(&x, &crit, "critical"))
            return;
        if (!der_expect(&x, TAG_OCTET_STRING, &val, "extnValue") || !der_end(&x, "Extension"))
            return;
        int is_san = strcmp(oid, OID_EXT_SAN) == 0;
        if (!is_san && strcmp(oid, OID_EXT_BASIC_CONSTRAINTS) != 0)
            continue; /* other extensions are not described (yet) */
        int *seen = is_san ? &seen_san : &seen_bc;
        /* §4.2: "A certificate MUST NOT include more than one instance of a particular
         * extension." Showing only one of two would hide what a verifier might use. */
        if (*seen) {
            x5_fail(c, ext.hdr, "second %s extension", oid);
            return;
        }
        *seen = 1;
        if (is_san)
            read_san(c, &val, out);
        else
            *is_ca = read_basic_constraints(c, &val);
    }
}

/* ---- The certificate ----------------------------------------------------------------------- */

cJSON *tt_x509_describe(const uint8_t *der, size_t len, char *err, size_t errlen)
{
    x5_ctx c = {der, err, errlen, 0};
    if (err && errlen)
        err[0] = '\0';
    if (!der || len == 0) {
        c.base = der;
        if (err && errlen)
            snprintf(err, errlen, "x509: empty certificate at offset 0");
        return NULL;
    }
    cJSON *out = cJSON_CreateObject();
    if (!out) {
        x5_fail(&c, der, "out of memory");
        return NULL;
    }

    /* §4.1 Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } */
    der_rd top = {&c, der, der + len};
    der_tlv cert, tbs, sig_alg, sig_val, issuer, subject;
    der_rd unused;
    char oid[X5_OID_CAP + 8];
    int is_ca = 0;
    if (!der_expect(&top, TAG_SEQUENCE, &cert, "Certificate") || !der_end(&top, "the input"))
        goto fail;
    der_rd cr = der_sub(&c, &cert);
    if (!der_expect(&cr, TAG_SEQUENCE, &tbs, "tbsCertificate") ||
        !der_expect(&cr, TAG_SEQUENCE, &sig_alg, "signatureAlgorithm") ||
        !der_expect(&cr, TAG_BIT_STRING, &sig_val, "signatureValue") ||
        !der_end(&cr, "Certificate"))
        goto fail;

    der_rd t = der_sub(&c, &tbs);
    /* §4.1.2.1 version [0] EXPLICIT Version DEFAULT v1 */
    int version = 1;
    if (der_peek(&t) == 0xA0) {
        der_tlv wrap, v;
        der_get(&t, &wrap, "version");
        der_rd w = der_sub(&c, &wrap);
        if (!der_expect(&w, TAG_INTEGER, &v, "version") || !der_end(&w, "version"))
            goto fail;
        if (v.len != 1 || v.v[0] > 2) {
            x5_fail(&c, v.hdr, "unsupported version");
            goto fail;
        }
        version = v.v[0] + 1;
    }
    add_number(&c, out, "version", version);
    read_serial(&t, out); /* §4.1.2.2 */

    /* §4.1.2.3 signature: the algorithm the issuer signed with */
    if (!read_alg_id(&t, oid, sizeof oid, &unused, "signature"))
        goto fail;
    const char *sig_name = oid_lookup(sig_algs, COUNT(sig_algs), oid);
    add_string(&c, out, "signature_algorithm", sig_name ? sig_name : oid);

    read_name(&t, out, "issuer", &issuer, "issuer"); /* §4.1.2.4 */

    /* §4.1.2.5 Validity ::= SEQUENCE { notBefore Time, notAfter Time } */
    der_tlv validity;
    if (!der_expect(&t, TAG_SEQUENCE, &validity, "validity"))
        goto fail;
    der_rd vr = der_sub(&c, &validity);
    read_time(&vr, out, "not_before", "notBefore");
    read_time(&vr, out, "not_after", "notAfter");
    der_end(&vr, "validity");

    read_name(&t, out, "subject", &subject, "subject"); /* §4.1.2.6 */
    read_spki(&t, out);                                 /* §4.1.2.7 */

    /* §4.1.2.8 issuerUniqueID [1], subjectUniqueID [2]: obsolete, skipped */
    for (int id = 1; id <= 2; id++) {
        der_tlv u;
        if (der_peek(&t) == (0x80 | id) || der_peek(&t) == (0xA0 | id))
            der_get(&t, &u, "uniqueIdentifier");
    }
    if (der_peek(&t) == 0xA3) /* §4.1.2.9 extensions [3] EXPLICIT */
        read_extensions(&t, out, &is_ca);
    der_end(&t, "tbsCertificate");
    if (c.failed)
        goto fail;

    add_bool(&c, out, "is_ca", is_ca);
    size_t ilen = (size_t)(issuer.v - issuer.hdr) + issuer.len;
    size_t slen = (size_t)(subject.v - subject.hdr) + subject.len;
    add_bool(&c, out, "self_signed", ilen == slen && memcmp(issuer.hdr, subject.hdr, ilen) == 0);

    /* Finally the parts not read above (algorithm parameters, unknown fields) must be sound
     * DER too, within the nesting limit. */
    der_walk(&c, der, der + len, 0);
    if (c.failed)
        goto fail;
    return out;

fail:
    cJSON_Delete(out);
    if (!c.failed) /* defensive: never NULL without a reason */
        x5_fail(&c, der, "malformed certificate");
    return NULL;
}
