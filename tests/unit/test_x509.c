/* tt_x509_describe: real certificates made with openssl (tests/vectors/x509/, see its README)
 * checked field by field against what `openssl x509 -text` says, then hostile input: names that
 * try to fool the reader, truncations, corrupted lengths, random bytes and deep nesting. */
#include <criterion/criterion.h>

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt_x509.h"

#ifndef TT_SOURCE_DIR
#error "TT_SOURCE_DIR must name the repository root (CMake defines it for tests)"
#endif
#define VECTORS TT_SOURCE_DIR "/tests/vectors/x509/"

/* ---- Helpers ------------------------------------------------------------------------------- */

typedef struct der {
    uint8_t *p;
    size_t n;
} der;

static int b64_value(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Reads a vector: DER as is, PEM ("-----BEGIN CERTIFICATE-----") decoded to DER. */
static der load(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, VECTORS "%s", name);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    der d = {malloc(1 << 16), 0};
    cr_assert_not_null(d.p);
    d.n = fread(d.p, 1, 1 << 16, f);
    fclose(f);
    cr_assert_gt(d.n, 0, "%s is empty", path);
    if (d.n > 10 && memcmp(d.p, "-----BEGIN", 10) == 0) {
        const char *s = strchr((char *)d.p, '\n');
        cr_assert_not_null(s);
        uint8_t *out = malloc(d.n);
        size_t n = 0;
        unsigned acc = 0;
        int bits = 0;
        for (s++; s < (char *)d.p + d.n && *s != '-'; s++) {
            int v = b64_value((unsigned char)*s);
            if (v < 0)
                continue;
            acc = (acc << 6) | (unsigned)v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (uint8_t)(acc >> bits);
            }
        }
        free(d.p);
        d.p = out;
        d.n = n;
    }
    return d;
}

/* Every string in the output is valid UTF-8 without control characters, and not too long. */
static void check_clean(const cJSON *j)
{
    for (const cJSON *c = j->child; c; c = c->next) {
        if (cJSON_IsString(c)) {
            const uint8_t *s = (const uint8_t *)c->valuestring;
            size_t n = strlen(c->valuestring);
            cr_assert_leq(n, 1024 + 3, "string too long: %zu bytes", n);
            for (size_t i = 0; i < n;) {
                uint8_t b = s[i];
                cr_assert(b >= 0x20 && b != 0x7F, "control byte 0x%02X in \"%s\"", b,
                          c->valuestring);
                size_t k = b < 0x80                 ? 1
                           : b >= 0xC2 && b <= 0xDF ? 2
                           : b >= 0xE0 && b <= 0xEF ? 3
                           : b >= 0xF0 && b <= 0xF4 ? 4
                                                    : 0;
                cr_assert(k > 0 && i + k <= n, "invalid UTF-8 in \"%s\"", c->valuestring);
                for (size_t t = 1; t < k; t++)
                    cr_assert_eq(s[i + t] & 0xC0, 0x80, "invalid UTF-8 in \"%s\"", c->valuestring);
                i += k;
            }
        }
        check_clean(c);
    }
}

static cJSON *describe_ok(const uint8_t *p, size_t n)
{
    char err[256] = "unset";
    cJSON *j = tt_x509_describe(p, n, err, sizeof err);
    cr_assert_not_null(j, "describe failed: %s", err);
    cr_assert_str_empty(err);
    check_clean(j);
    return j;
}

/* Describes and expects failure; returns the error message (static storage). */
static const char *describe_fails(const uint8_t *p, size_t n)
{
    static char err[256];
    err[0] = '\0';
    cJSON *j = tt_x509_describe(p, n, err, sizeof err);
    if (j) {
        char *s = cJSON_PrintUnformatted(j);
        cr_assert_fail("expected failure, got %s", s);
    }
    cr_assert(strncmp(err, "x509: ", 6) == 0, "error not prefixed: \"%s\"", err);
    cr_assert_not_null(strstr(err, " at offset "), "error without offset: \"%s\"", err);
    return err;
}

static const char *get_str(const cJSON *j, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    cr_assert(cJSON_IsString(v), "\"%s\" missing or not a string", key);
    return v->valuestring;
}

static double get_num(const cJSON *j, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    cr_assert(cJSON_IsNumber(v), "\"%s\" missing or not a number", key);
    return v->valuedouble;
}

static int get_bool(const cJSON *j, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    cr_assert(cJSON_IsBool(v), "\"%s\" missing or not a boolean", key);
    return cJSON_IsTrue(v);
}

/* ---- Real certificates --------------------------------------------------------------------- */

/* What `openssl x509 -noout -text` says about each vector (see tests/vectors/x509/README.md). */
typedef struct expected {
    const char *file;
    int version;
    const char *serial;
    const char *sig;
    const char *issuer, *subject;
    const char *not_before, *not_after; /* NULL: not fixed by make-vectors.sh, format checked */
    const char *key_type;
    int bits;
    const char *curve; /* NULL: no "curve" */
    int pss;
    const char *san[8]; /* NULL-terminated; san[0] == NULL: no "san" member */
    int is_ca, self_signed;
} expected;

static const char *const ALLOWED_KEYS[] = {"version", "serial",     "signature_algorithm",
                                           "issuer",  "not_before", "not_after",
                                           "subject", "key",        "san",
                                           "is_ca",   "self_signed"};

static void check_vector(const expected *e)
{
    der d = load(e->file);
    cJSON *j = describe_ok(d.p, d.n);

    for (const cJSON *c = j->child; c; c = c->next) {
        int known = 0;
        for (size_t i = 0; i < sizeof ALLOWED_KEYS / sizeof *ALLOWED_KEYS; i++)
            known |= strcmp(c->string, ALLOWED_KEYS[i]) == 0;
        cr_assert(known, "unexpected member \"%s\"", c->string);
    }
    cr_assert_eq(get_num(j, "version"), e->version);
    cr_assert_str_eq(get_str(j, "serial"), e->serial);
    cr_assert_str_eq(get_str(j, "signature_algorithm"), e->sig);
    cr_assert_str_eq(get_str(j, "issuer"), e->issuer);
    cr_assert_str_eq(get_str(j, "subject"), e->subject);
    if (e->not_before) {
        cr_assert_str_eq(get_str(j, "not_before"), e->not_before);
        cr_assert_str_eq(get_str(j, "not_after"), e->not_after);
    } else {
        int y, mo, dd, h, mi, s;
        char z;
        cr_assert_eq(sscanf(get_str(j, "not_before"), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &dd, &h,
                            &mi, &s, &z),
                     7);
        cr_assert_eq(z, 'Z');
        cr_assert_eq(strlen(get_str(j, "not_after")), 20);
    }
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(j, "key");
    cr_assert(cJSON_IsObject(k));
    cr_assert_str_eq(get_str(k, "type"), e->key_type);
    cr_assert_eq(get_num(k, "bits"), e->bits);
    if (e->curve)
        cr_assert_str_eq(get_str(k, "curve"), e->curve);
    else
        cr_assert_null(cJSON_GetObjectItemCaseSensitive(k, "curve"));
    cr_assert_eq(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(k, "pss")), e->pss);

    const cJSON *san = cJSON_GetObjectItemCaseSensitive(j, "san");
    if (!e->san[0]) {
        cr_assert_null(san, "unexpected \"san\"");
    } else {
        cr_assert(cJSON_IsArray(san), "\"san\" missing");
        int n = 0;
        while (e->san[n])
            n++;
        cr_assert_eq(cJSON_GetArraySize(san), n, "san has %d entries, expected %d",
                     cJSON_GetArraySize(san), n);
        for (int i = 0; i < n; i++)
            cr_assert_str_eq(cJSON_GetArrayItem(san, i)->valuestring, e->san[i]);
    }
    cr_assert_eq(get_bool(j, "is_ca"), e->is_ca);
    cr_assert_eq(get_bool(j, "self_signed"), e->self_signed);
    cJSON_Delete(j);
    free(d.p);
}

#define TEST_CA "C=FR, O=tlstrace test vectors, CN=tlstrace test CA"

Test(x509, describes_rsa_2048_ca)
{
    check_vector(&(expected){"ca-rsa2048.der",
                             3,
                             "10:00",
                             "sha256WithRSAEncryption",
                             TEST_CA,
                             TEST_CA,
                             "2024-01-01T00:00:00Z",
                             "2034-01-01T00:00:00Z",
                             "RSA",
                             2048,
                             NULL,
                             0,
                             {NULL},
                             1,
                             1});
}

Test(x509, describes_rsa_3072_leaf_with_dns_email_uri_sans)
{
    check_vector(&(expected){
        "rsa3072.der",
        3,
        "8A:1B:2C:3D:4E:5F:60:71:82:93",
        "sha384WithRSAEncryption",
        TEST_CA,
        "C=FR, ST=Ile-de-France, L=Paris, O=tlstrace test vectors, OU=Teaching, CN=rsa3072.example",
        "2024-06-15T12:34:56Z",
        "2026-06-15T12:34:56Z",
        "RSA",
        3072,
        NULL,
        0,
        {"DNS:rsa3072.example", "DNS:www.rsa3072.example", "email:admin@rsa3072.example",
         "URI:https://rsa3072.example/", NULL},
        0,
        0});
}

Test(x509, describes_ecdsa_p256_key_and_ip_sans)
{
    /* openssl prints the IPv6 addresses uncompressed (0:0:0:0:0:0:0:1); RFC 5952 text here. */
    check_vector(
        &(expected){"ec-p256.der",
                    3,
                    "01",
                    "ecdsa-with-SHA256",
                    "CN=localhost",
                    "CN=localhost",
                    "2025-01-01T00:00:00Z",
                    "2035-01-01T00:00:00Z",
                    "EC",
                    256,
                    "secp256r1",
                    0,
                    {"DNS:localhost", "IP:127.0.0.1", "IP:::1", "IP:2001:db8::8a2e:370:7334",
                     "IP:fe80:0:0:1::1", "IP:::ffff:192.0.2.1", NULL},
                    0,
                    1});
}

Test(x509, describes_ecdsa_p384_key_from_pem)
{
    check_vector(&(expected){"ec-p384.pem",
                             3,
                             "03:84",
                             "ecdsa-with-SHA384",
                             "O=tlstrace test vectors, CN=p384.example",
                             "O=tlstrace test vectors, CN=p384.example",
                             "2025-01-01T00:00:00Z",
                             "2035-01-01T00:00:00Z",
                             "EC",
                             384,
                             "secp384r1",
                             0,
                             {"DNS:p384.example", NULL},
                             0,
                             1});
}

Test(x509, describes_brainpool_p256_key)
{
    check_vector(&(expected){"bp256.der",
                             3,
                             "02:56",
                             "ecdsa-with-SHA256",
                             "CN=brainpool.example",
                             "CN=brainpool.example",
                             "2025-01-01T00:00:00Z",
                             "2035-01-01T00:00:00Z",
                             "EC",
                             256,
                             "brainpoolP256r1",
                             0,
                             {"DNS:brainpool.example", NULL},
                             0,
                             1});
}

Test(x509, describes_ed25519_key_and_signature)
{
    check_vector(&(expected){"ed25519.der",
                             3,
                             "02:55:19",
                             "Ed25519",
                             "CN=ed25519.example",
                             "CN=ed25519.example",
                             "2025-01-01T00:00:00Z",
                             "2035-01-01T00:00:00Z",
                             "Ed25519",
                             256,
                             NULL,
                             0,
                             {"DNS:ed25519.example", NULL},
                             0,
                             1});
}

Test(x509, describes_ed448_key_and_signature)
{
    check_vector(&(expected){"ed448.der",
                             3,
                             "04:48",
                             "Ed448",
                             "CN=ed448.example",
                             "CN=ed448.example",
                             "2025-01-01T00:00:00Z",
                             "2035-01-01T00:00:00Z",
                             "Ed448",
                             456,
                             NULL,
                             0,
                             {"DNS:ed448.example", NULL},
                             0,
                             1});
}

Test(x509, describes_rsassa_pss_key_and_signature)
{
    check_vector(&(expected){"rsa-pss.der",
                             3,
                             "7E:55",
                             "RSASSA-PSS",
                             "CN=pss.example",
                             "CN=pss.example",
                             "2025-01-01T00:00:00Z",
                             "2035-01-01T00:00:00Z",
                             "RSA",
                             2048,
                             NULL,
                             1,
                             {"DNS:pss.example", NULL},
                             0,
                             1});
}

Test(x509, describes_x25519_key_signed_by_a_ca)
{
    check_vector(&(expected){"x25519.der",
                             1,
                             "25:19",
                             "sha256WithRSAEncryption",
                             TEST_CA,
                             "CN=x25519.example",
                             NULL,
                             NULL,
                             "X25519",
                             256,
                             NULL,
                             0,
                             {NULL},
                             0,
                             0});
}

Test(x509, reads_generalized_time_after_2050)
{
    check_vector(&(expected){"gentime.der",
                             3,
                             "20:51",
                             "ecdsa-with-SHA256",
                             "CN=future.example",
                             "CN=future.example",
                             "2051-01-01T00:00:00Z",
                             "2099-12-31T23:59:59Z",
                             "EC",
                             256,
                             "secp256r1",
                             0,
                             {"DNS:future.example", NULL},
                             0,
                             1});
}

Test(x509, reads_utc_time_at_both_ends_of_its_century_window)
{
    check_vector(&(expected){"utctime-edges.der",
                             3,
                             "19:50",
                             "ecdsa-with-SHA256",
                             "CN=utc.example",
                             "CN=utc.example",
                             "1950-01-01T00:00:00Z",
                             "2049-12-31T23:59:59Z",
                             "EC",
                             256,
                             "secp256r1",
                             0,
                             {"DNS:utc.example", NULL},
                             0,
                             1});
}

#define UTF8_NAME                                                                                  \
    "DC=example, DC=org, O=Acme\\, Inc., OU=Q\\\"A + OU=R&D, "                                     \
    "CN=Zo\u00eb \u00dcn\u00efc\u00f8d\u00e9 \u65e5\u672c\u8a9e \U0001F510, serialNumber=42, "     \
    "emailAddress=zoe@example.org"

Test(x509, decodes_utf8_names_multi_valued_rdns_and_rfc4514_escapes)
{
    check_vector(&(expected){"name-utf8.der",
                             3,
                             "0C",
                             "ecdsa-with-SHA256",
                             UTF8_NAME,
                             UTF8_NAME,
                             "2025-01-01T00:00:00Z",
                             "2035-01-01T00:00:00Z",
                             "EC",
                             256,
                             "secp256r1",
                             0,
                             {"DNS:utf8.example", NULL},
                             0,
                             1});
}

Test(x509, decodes_bmp_string_to_utf8)
{
    const char *name = "C=JP, O=BMP Test, CN=Zo\u00eb \u65e5\u672c\u8a9e";
    check_vector(&(expected){"name-bmp.der",
                             3,
                             "1E",
                             "ecdsa-with-SHA256",
                             name,
                             name,
                             "2025-01-01T00:00:00Z",
                             "2035-01-01T00:00:00Z",
                             "EC",
                             256,
                             "secp256r1",
                             0,
                             {"DNS:bmp.example", NULL},
                             0,
                             1});
}

Test(x509, decodes_t61_string_as_latin1)
{
    const char *name = "CN=Zo\u00eb \u00dcr\u00df";
    check_vector(&(expected){"name-t61.der",
                             3,
                             "14",
                             "ecdsa-with-SHA256",
                             name,
                             name,
                             "2025-01-01T00:00:00Z",
                             "2035-01-01T00:00:00Z",
                             "EC",
                             256,
                             "secp256r1",
                             0,
                             {"DNS:t61.example", NULL},
                             0,
                             1});
}

Test(x509, describes_version_1_without_extensions)
{
    check_vector(&(expected){"v1.der",
                             1,
                             "01",
                             "ecdsa-with-SHA256",
                             "CN=v1.example",
                             "CN=v1.example",
                             "2025-01-01T00:00:00Z",
                             "2035-01-01T00:00:00Z",
                             "EC",
                             256,
                             "secp256r1",
                             0,
                             {NULL},
                             0,
                             1});
}

/* ---- A small DER builder for hand-made certificates ---------------------------------------- */

static der d_raw(const void *p, size_t n)
{
    der d = {malloc(n ? n : 1), n};
    cr_assert_not_null(d.p);
    if (n)
        memcpy(d.p, p, n);
    return d;
}

static der d_copy(der a)
{
    return d_raw(a.p, a.n);
}

/* Concatenates count elements (and frees them). */
static der d_cat(int count, ...)
{
    va_list ap;
    der out = d_raw("", 0);
    va_start(ap, count);
    for (int i = 0; i < count; i++) {
        der x = va_arg(ap, der);
        out.p = realloc(out.p, out.n + x.n + 1);
        memcpy(out.p + out.n, x.p, x.n);
        out.n += x.n;
        free(x.p);
    }
    va_end(ap);
    return out;
}

/* tag + DER length + contents (frees v). */
static der d_tlv(uint8_t tag, der v)
{
    uint8_t h[6];
    size_t hn = 0;
    h[hn++] = tag;
    if (v.n < 0x80) {
        h[hn++] = (uint8_t)v.n;
    } else if (v.n < 0x100) {
        h[hn++] = 0x81, h[hn++] = (uint8_t)v.n;
    } else if (v.n < 0x10000) {
        h[hn++] = 0x82, h[hn++] = (uint8_t)(v.n >> 8), h[hn++] = (uint8_t)v.n;
    } else {
        h[hn++] = 0x83, h[hn++] = (uint8_t)(v.n >> 16), h[hn++] = (uint8_t)(v.n >> 8),
        h[hn++] = (uint8_t)v.n;
    }
    return d_cat(2, d_raw(h, hn), v);
}

#define RAW(lit) d_raw(lit, sizeof(lit) - 1)
#define SEQ(...) d_tlv(0x30, d_cat(__VA_ARGS__))
#define SET(...) d_tlv(0x31, d_cat(__VA_ARGS__))
#define OID(lit) d_tlv(0x06, RAW(lit))

#define OID_CN "\x55\x04\x03"
#define OID_SAN "\x55\x1D\x11"
#define OID_BC "\x55\x1D\x13"
#define OID_ECDSA_SHA256 "\x2A\x86\x48\xCE\x3D\x04\x03\x02"

/* Name with one attribute. */
static der name1(der type_oid, uint8_t tag, const void *v, size_t n)
{
    return SEQ(1, SET(1, SEQ(2, type_oid, d_tlv(tag, d_raw(v, n)))));
}

static der cn(uint8_t tag, const void *v, size_t n)
{
    return name1(OID(OID_CN), tag, v, n);
}

static der ec_spki(void)
{
    uint8_t pt[66] = {0x00, 0x04};
    for (int i = 2; i < 66; i++)
        pt[i] = (uint8_t)i;
    return SEQ(2,
               SEQ(2, OID("\x2A\x86\x48\xCE\x3D\x02\x01"), OID("\x2A\x86\x48\xCE\x3D\x03\x01\x07")),
               d_tlv(0x03, d_raw(pt, sizeof pt)));
}

static der utc_validity(void)
{
    return SEQ(2, d_tlv(0x17, RAW("250101000000Z")), d_tlv(0x17, RAW("350101000000Z")));
}

static der ext(der oid, der value)
{
    return SEQ(2, oid, d_tlv(0x04, value));
}

/* A v3 certificate with the given parts (all freed); exts.p == NULL for none. */
static der build(der sigalg, der issuer, der validity, der subject, der spki, der exts)
{
    der parts = d_cat(6, d_tlv(0xA0, d_tlv(0x02, RAW("\x02"))), d_tlv(0x02, RAW("\x01")),
                      d_copy(sigalg), issuer, validity, subject);
    parts = d_cat(2, parts, spki);
    if (exts.p)
        parts = d_cat(2, parts, d_tlv(0xA3, d_tlv(0x30, exts)));
    return SEQ(3, d_tlv(0x30, parts), sigalg, d_tlv(0x03, RAW("\x00\x01\x02")));
}

static der sigalg_ecdsa(void)
{
    return SEQ(1, OID(OID_ECDSA_SHA256));
}

static der no_exts(void)
{
    der d = {NULL, 0};
    return d;
}

/* A certificate whose subject is the given name and whose issuer is "CN=ca". */
static der with_subject(der subject)
{
    return build(sigalg_ecdsa(), cn(0x0C, "ca", 2), utc_validity(), subject, ec_spki(), no_exts());
}

static der with_exts(der exts)
{
    return build(sigalg_ecdsa(), cn(0x0C, "ca", 2), utc_validity(), cn(0x0C, "leaf", 4), ec_spki(),
                 exts);
}

static void expect_subject(der cert, const char *want)
{
    cJSON *j = describe_ok(cert.p, cert.n);
    cr_assert_str_eq(get_str(j, "subject"), want);
    cJSON_Delete(j);
    free(cert.p);
}

/* ---- Hostile names ------------------------------------------------------------------------- */

Test(x509, hand_made_certificate_is_described)
{
    der c = with_subject(cn(0x0C, "leaf", 4));
    cJSON *j = describe_ok(c.p, c.n);
    cr_assert_str_eq(get_str(j, "issuer"), "CN=ca");
    cr_assert_str_eq(get_str(j, "subject"), "CN=leaf");
    cr_assert_eq(get_bool(j, "self_signed"), 0);
    cJSON_Delete(j);
    free(c.p);
}

Test(x509, escapes_control_characters_in_names)
{
    expect_subject(with_subject(cn(0x0C, "ab\0c\x1b[31mred\x7f\r\n", 15)),
                   "CN=ab\\x00c\\x1B[31mred\\x7F\\x0D\\x0A");
}

Test(x509, escapes_invalid_utf8)
{
    /* overlong '/', a surrogate, above U+10FFFF, a lone continuation byte, a cut sequence */
    static const char bad[] = "\xC0\xAFx\xED\xA0\x80y\xF4\x90\x80\x80z\x80\xE6\x97";
    expect_subject(with_subject(cn(0x0C, bad, sizeof bad - 1)),
                   "CN=\\xC0\\xAFx\\xED\\xA0\\x80y\\xF4\\x90\\x80\\x80z\\x80\\xE6\\x97");
}

Test(x509, escapes_invisible_direction_overrides)
{
    static const char s[] = "evil\u202Etxt.exe\u200B\xC2\x85";
    expect_subject(with_subject(cn(0x0C, s, sizeof s - 1)), "CN=evil\\u202Etxt.exe\\u200B\\u0085");
}

Test(x509, escapes_backslash_and_non_ascii_in_ascii_types)
{
    expect_subject(with_subject(cn(0x13, "a\\b\xE9", 4)), "CN=a\\\\b\\xE9");
    expect_subject(with_subject(cn(0x16, "x\xFFy", 3)), "CN=x\\xFFy");
}

Test(x509, caps_long_strings_with_an_ellipsis)
{
    char big[5000];
    memset(big, 'A', sizeof big);
    der c = with_subject(cn(0x0C, big, sizeof big));
    cJSON *j = describe_ok(c.p, c.n);
    char want[300] = "CN=";
    memset(want + 3, 'A', 256);
    strcpy(want + 3 + 256, "\u2026");
    cr_assert_str_eq(get_str(j, "subject"), want);
    cJSON_Delete(j);
    free(c.p);
}

Test(x509, caps_long_names_with_an_ellipsis)
{
    der rdns = d_raw("", 0);
    for (int i = 0; i < 40; i++)
        rdns = d_cat(
            2, rdns,
            SET(1, SEQ(2, OID("\x55\x04\x0B"), d_tlv(0x0C, RAW("abcdefghijklmnopqrstuvwxyz")))));
    der c = with_subject(d_tlv(0x30, rdns));
    cJSON *j = describe_ok(c.p, c.n);
    const char *s = get_str(j, "subject");
    cr_assert_leq(strlen(s), 1024 + 3);
    cr_assert_str_eq(s + strlen(s) - 3, "\u2026");
    cr_assert(strncmp(s, "OU=abcdefghijklmnopqrstuvwxyz, OU=abc", 37) == 0);
    cJSON_Delete(j);
    free(c.p);
}

Test(x509, caps_long_names_on_a_character_boundary)
{
    /* 8 OUs of 85 x U+65E5 (3 bytes each): the name cap falls inside a character */
    char v[255];
    for (int i = 0; i < 255; i += 3)
        v[i] = (char)0xE6, v[i + 1] = (char)0x97, v[i + 2] = (char)0xA5;
    der rdns = d_raw("", 0);
    for (int i = 0; i < 8; i++)
        rdns = d_cat(2, rdns, SET(1, SEQ(2, OID("\x55\x04\x0B"), d_tlv(0x0C, d_raw(v, sizeof v)))));
    der c = with_subject(d_tlv(0x30, rdns));
    cJSON *j = describe_ok(c.p, c.n); /* check_clean verifies the UTF-8 */
    const char *s = get_str(j, "subject");
    cr_assert_leq(strlen(s), 1024 + 3);
    cr_assert_str_eq(s + strlen(s) - 3, "\u2026");
    cJSON_Delete(j);
    free(c.p);
}

Test(x509, caps_truncation_on_a_character_boundary)
{
    /* 300 two-byte characters: the cut must not split one */
    char big[600];
    for (int i = 0; i < 600; i += 2)
        big[i] = (char)0xC3, big[i + 1] = (char)0xA9;
    der c = with_subject(cn(0x0C, big, sizeof big));
    cJSON *j = describe_ok(c.p, c.n); /* check_clean verifies the UTF-8 */
    cr_assert_eq(strlen(get_str(j, "subject")), 3 + 256 + 3);
    cJSON_Delete(j);
    free(c.p);
}

Test(x509, decodes_bmp_surrogates_and_escapes_broken_ones)
{
    /* "A", a lone high surrogate, "B", a pair for U+1F510, then an odd trailing byte */
    static const uint8_t bmp[] = {0x00, 0x41, 0xD8, 0x00, 0x00, 0x42, 0xD8, 0x3D, 0xDD, 0x10, 0x07};
    expect_subject(with_subject(cn(0x1E, bmp, sizeof bmp)), "CN=A\\U0000D800B\U0001F510\\x07");
}

Test(x509, decodes_universal_string)
{
    static const uint8_t ucs4[] = {0, 0, 0, 0x5A, 0, 1, 0xF5, 0x10, 0x7F, 0, 0, 0, 0xAA};
    expect_subject(with_subject(cn(0x1C, ucs4, sizeof ucs4)), "CN=Z\U0001F510\\U7F000000\\xAA");
}

Test(x509, shows_unknown_attributes_as_dotted_oid_and_hex)
{
    /* 1.2.3.4 = INTEGER 5: RFC 4514 §2.4 '#' + hex of the whole encoding */
    der name = SEQ(2, SET(1, SEQ(2, OID("\x2A\x03\x04"), d_tlv(0x02, RAW("\x05")))),
                   SET(1, SEQ(2, OID("\x88\x37\x01"), d_tlv(0x0C, RAW("x")))));
    expect_subject(with_subject(name), "1.2.3.4=#020105, 2.999.1=x");
}

Test(x509, escapes_rfc4514_specials)
{
    expect_subject(with_subject(cn(0x0C, "#a,b+c;d<e>f\"g ", 15)),
                   "CN=\\#a\\,b\\+c\\;d\\<e\\>f\\\"g\\ ");
    expect_subject(with_subject(cn(0x0C, " lead", 5)), "CN=\\ lead");
}

Test(x509, empty_name_is_an_empty_string)
{
    expect_subject(with_subject(SEQ(0)), "");
}

/* ---- Algorithms and keys ------------------------------------------------------------------- */

Test(x509, unknown_signature_algorithm_is_dotted_text)
{
    der c = build(SEQ(2, OID("\x2B\x06\x01\x04\x01\x82\x37\x15\x14"), d_tlv(0x05, RAW(""))),
                  cn(0x0C, "ca", 2), utc_validity(), cn(0x0C, "x", 1), ec_spki(), no_exts());
    cJSON *j = describe_ok(c.p, c.n);
    cr_assert_str_eq(get_str(j, "signature_algorithm"), "1.3.6.1.4.1.311.21.20");
    cJSON_Delete(j);
    free(c.p);
}

Test(x509, unknown_key_algorithm_is_reported_with_its_oid)
{
    der spki = SEQ(2, SEQ(1, OID("\x2A\x86\x48\xCE\x38\x04\x01")), d_tlv(0x03, RAW("\x00\x01")));
    der c =
        build(sigalg_ecdsa(), cn(0x0C, "ca", 2), utc_validity(), cn(0x0C, "x", 1), spki, no_exts());
    cJSON *j = describe_ok(c.p, c.n);
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(j, "key");
    cr_assert_str_eq(get_str(k, "type"), "unknown");
    cr_assert_str_eq(get_str(k, "oid"), "1.2.840.10040.4.1");
    cJSON_Delete(j);
    free(c.p);
}

Test(x509, rsa_bits_ignore_leading_zero_bytes)
{
    uint8_t mod[1 + 256];
    memset(mod, 0xAB, sizeof mod);
    mod[0] = 0x00; /* the INTEGER sign byte */
    mod[1] = 0x01; /* top byte 0x01: 2041 bits */
    der key = SEQ(2, d_tlv(0x02, d_raw(mod, sizeof mod)), d_tlv(0x02, RAW("\x01\x00\x01")));
    der bits = d_tlv(0x03, d_cat(2, RAW("\x00"), key));
    der spki =
        SEQ(2, SEQ(2, OID("\x2A\x86\x48\x86\xF7\x0D\x01\x01\x01"), d_tlv(0x05, RAW(""))), bits);
    der c =
        build(sigalg_ecdsa(), cn(0x0C, "ca", 2), utc_validity(), cn(0x0C, "x", 1), spki, no_exts());
    cJSON *j = describe_ok(c.p, c.n);
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(j, "key");
    cr_assert_str_eq(get_str(k, "type"), "RSA");
    cr_assert_eq(get_num(k, "bits"), 2041);
    cJSON_Delete(j);
    free(c.p);
}

Test(x509, unknown_curve_is_dotted_text_with_bits_from_the_point)
{
    uint8_t pt[1 + 1 + 2 * 40] = {0x00, 0x04};
    der spki = SEQ(
        2, SEQ(2, OID("\x2A\x86\x48\xCE\x3D\x02\x01"), OID("\x2B\x24\x03\x03\x02\x08\x01\x01\x63")),
        d_tlv(0x03, d_raw(pt, sizeof pt)));
    der c =
        build(sigalg_ecdsa(), cn(0x0C, "ca", 2), utc_validity(), cn(0x0C, "x", 1), spki, no_exts());
    cJSON *j = describe_ok(c.p, c.n);
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(j, "key");
    cr_assert_str_eq(get_str(k, "curve"), "1.3.36.3.3.2.8.1.1.99");
    cr_assert_eq(get_num(k, "bits"), 320);
    cJSON_Delete(j);
    free(c.p);
}

/* ---- Extensions ---------------------------------------------------------------------------- */

Test(x509, reads_basic_constraints_ca_flag)
{
    der c = with_exts(ext(OID(OID_BC), SEQ(2, d_tlv(0x01, RAW("\xFF")), d_tlv(0x02, RAW("\x00")))));
    cJSON *j = describe_ok(c.p, c.n);
    cr_assert_eq(get_bool(j, "is_ca"), 1);
    cJSON_Delete(j);
    free(c.p);

    c = with_exts(
        d_cat(2, ext(OID("\x55\x1D\x0F"), d_tlv(0x03, RAW("\x05\xA0"))), ext(OID(OID_BC), SEQ(0))));
    j = describe_ok(c.p, c.n);
    cr_assert_eq(get_bool(j, "is_ca"), 0);
    cJSON_Delete(j);
    free(c.p);
}

Test(x509, renders_every_general_name_form)
{
    der names =
        d_cat(8, d_tlv(0x82, RAW("a.example")), d_tlv(0x87, RAW("\x0A\x00\x00\x01")),
              d_tlv(0x87, RAW("\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")),
              d_tlv(0x87, RAW("\x0A\x00\x00")), d_tlv(0x81, RAW("me@a.example")),
              d_tlv(0x86, RAW("urn:x:\x01")), d_tlv(0xA4, cn(0x0C, "dir", 3)),
              d_tlv(0x88, RAW("\x2A\x03\x04")));
    names = d_cat(2, names,
                  d_tlv(0xA0, d_cat(2, OID("\x2B\x06\x01\x04\x01\x82\x37\x14\x02\x03"),
                                    d_tlv(0xA0, d_tlv(0x0C, RAW("upn"))))));
    der c = with_exts(ext(OID(OID_SAN), d_tlv(0x30, names)));
    cJSON *j = describe_ok(c.p, c.n);
    const char *want[] = {
        "DNS:a.example",     "IP:10.0.0.1",        "IP:2001:db8::",
        "IP:invalid:0A0000", "email:me@a.example", "URI:urn:x:\\x01",
        "DirName:CN=dir",    "RID:1.2.3.4",        "othername:1.3.6.1.4.1.311.20.2.3"};
    const cJSON *san = cJSON_GetObjectItemCaseSensitive(j, "san");
    cr_assert_eq(cJSON_GetArraySize(san), 9);
    for (int i = 0; i < 9; i++)
        cr_assert_str_eq(cJSON_GetArrayItem(san, i)->valuestring, want[i]);
    cJSON_Delete(j);
    free(c.p);
}

Test(x509, caps_the_number_of_san_entries)
{
    der names = d_raw("", 0);
    for (int i = 0; i < 100; i++) {
        char n[32];
        int k = snprintf(n, sizeof n, "h%d.example", i);
        names = d_cat(2, names, d_tlv(0x82, d_raw(n, (size_t)k)));
    }
    der c = with_exts(ext(OID(OID_SAN), d_tlv(0x30, names)));
    cJSON *j = describe_ok(c.p, c.n);
    const cJSON *san = cJSON_GetObjectItemCaseSensitive(j, "san");
    cr_assert_eq(cJSON_GetArraySize(san), 65);
    cr_assert_str_eq(cJSON_GetArrayItem(san, 63)->valuestring, "DNS:h63.example");
    cr_assert_str_eq(cJSON_GetArrayItem(san, 64)->valuestring, "\u2026 (36 more)");
    cJSON_Delete(j);
    free(c.p);
}

Test(x509, rejects_a_second_san_extension)
{
    der one = ext(OID(OID_SAN), SEQ(1, d_tlv(0x82, RAW("a"))));
    der c = with_exts(d_cat(2, d_copy(one), one));
    const char *err = describe_fails(c.p, c.n);
    cr_assert_not_null(strstr(err, "second 2.5.29.17 extension"), "%s", err);
    free(c.p);
}

Test(x509, rejects_a_san_that_is_not_a_sequence)
{
    der c = with_exts(ext(OID(OID_SAN), d_tlv(0x82, RAW("a"))));
    describe_fails(c.p, c.n);
    free(c.p);
}

/* ---- Malformed input ----------------------------------------------------------------------- */

Test(x509, rejects_empty_and_null_input)
{
    char err[64];
    cr_assert_null(tt_x509_describe(NULL, 0, err, sizeof err));
    cr_assert_str_eq(err, "x509: empty certificate at offset 0");
    cr_assert_null(tt_x509_describe((const uint8_t *)"", 0, NULL, 0));
}

Test(x509, small_error_buffers_are_respected)
{
    der d = load("ec-p256.der");
    char err[9];
    memset(err, 'Z', sizeof err);
    cr_assert_null(tt_x509_describe(d.p, 40, err, 8));
    cr_assert_eq(err[7], '\0');
    cr_assert_eq(err[8], 'Z');
    cr_assert_null(tt_x509_describe(d.p, 40, NULL, 0));
    free(d.p);
}

Test(x509, names_the_field_and_offset_of_an_overrun)
{
    der d = load("ec-p256.der");
    const char *err = describe_fails(d.p, 100);
    char want[128];
    snprintf(want, sizeof want,
             "x509: Certificate: length %zu overruns its parent (96 bytes left) at offset 0",
             d.n - 4);
    cr_assert_str_eq(err, want);
    free(d.p);
}

Test(x509, rejects_impossible_dates_with_their_offset)
{
    der v = SEQ(2, d_tlv(0x17, RAW("251301000000Z")), d_tlv(0x17, RAW("350101000000Z")));
    der c = build(sigalg_ecdsa(), cn(0x0C, "ca", 2), v, cn(0x0C, "x", 1), ec_spki(), no_exts());
    const char *err = describe_fails(c.p, c.n);
    cr_assert_not_null(strstr(err, "notBefore: impossible date or time at offset "), "%s", err);
    free(c.p);

    static const char *const bad[] = {"2501010000Z", "250101000000", "250101000000+0100",
                                      "25010100000aZ", "250101000000.5Z"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        v = SEQ(2, d_tlv(0x17, RAW("250101000000Z")), d_tlv(0x17, d_raw(bad[i], strlen(bad[i]))));
        c = build(sigalg_ecdsa(), cn(0x0C, "ca", 2), v, cn(0x0C, "x", 1), ec_spki(), no_exts());
        describe_fails(c.p, c.n);
        free(c.p);
    }
    v = SEQ(2, d_tlv(0x18, RAW("250101000000Z")), d_tlv(0x17, RAW("350101000000Z")));
    c = build(sigalg_ecdsa(), cn(0x0C, "ca", 2), v, cn(0x0C, "x", 1), ec_spki(), no_exts());
    cr_assert_not_null(strstr(describe_fails(c.p, c.n), "GeneralizedTime"));
    free(c.p);
}

Test(x509, rejects_indefinite_and_oversized_lengths)
{
    static const uint8_t indef[] = {0x30, 0x80, 0x30, 0x00, 0x00, 0x00};
    cr_assert_not_null(strstr(describe_fails(indef, sizeof indef), "indefinite length"));
    static const uint8_t five[] = {0x30, 0x85, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00};
    cr_assert_not_null(strstr(describe_fails(five, sizeof five), "5 length bytes"));
    static const uint8_t huge[] = {0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
    cr_assert_not_null(strstr(describe_fails(huge, sizeof huge), "overruns"));
    static const uint8_t hightag[] = {0x3F, 0x81, 0x01, 0x00};
    cr_assert_not_null(strstr(describe_fails(hightag, sizeof hightag), "multi-byte tag"));
}

Test(x509, rejects_an_overrunning_version_wrapper)
{
    /* found by fuzzing: a failed read of the [0] version wrapper, then reading inside it */
    static const uint8_t c[] = {0x30, 0x0A, 0x30, 0x04, 0xA0, 0x05,
                                0x02, 0x01, 0x30, 0x00, 0x03, 0x00};
    const char *err = describe_fails(c, sizeof c);
    cr_assert_str_eq(err, "x509: version: length 5 overruns its parent (2 bytes left) at offset 4");
}

Test(x509, rejects_trailing_bytes)
{
    der d = load("ec-p256.der");
    d.p = realloc(d.p, d.n + 1);
    d.p[d.n] = 0;
    const char *err = describe_fails(d.p, d.n + 1);
    char want[96];
    snprintf(want, sizeof want, "x509: 1 unexpected bytes at the end of the input at offset %zu",
             d.n);
    cr_assert_str_eq(err, want);
    free(d.p);
}

Test(x509, rejects_bad_object_identifiers)
{
    /* an arc above 2^64, a leading 0x80, an OID cut inside an arc, an empty OID */
    static const char *const oids[] = {"\x2A\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x7F",
                                       "\x2A\x80\x01", "\x2A\x86", ""};
    static const char *const why[] = {"arc too large", "leading 0x80", "ends inside an arc",
                                      "empty OBJECT IDENTIFIER"};
    for (int i = 0; i < 4; i++) {
        der c = build(SEQ(1, d_tlv(0x06, d_raw(oids[i], strlen(oids[i])))), cn(0x0C, "ca", 2),
                      utc_validity(), cn(0x0C, "x", 1), ec_spki(), no_exts());
        const char *err = describe_fails(c.p, c.n);
        cr_assert_not_null(strstr(err, why[i]), "%s", err);
        free(c.p);
    }
}

Test(x509, long_object_identifiers_are_capped)
{
    uint8_t oid[400];
    oid[0] = 0x2A;
    for (size_t i = 1; i < sizeof oid; i++)
        oid[i] = 0x7F;
    der c = build(SEQ(1, d_tlv(0x06, d_raw(oid, sizeof oid))), cn(0x0C, "ca", 2), utc_validity(),
                  cn(0x0C, "x", 1), ec_spki(), no_exts());
    cJSON *j = describe_ok(c.p, c.n);
    const char *s = get_str(j, "signature_algorithm");
    cr_assert(strncmp(s, "1.2.127.127.", 12) == 0);
    cr_assert_leq(strlen(s), 128 + 3);
    cr_assert_str_eq(s + strlen(s) - 3, "\u2026");
    cJSON_Delete(j);
    free(c.p);
}

Test(x509, rejects_deep_nesting_in_unread_parts)
{
    /* Algorithm parameters are not interpreted, but the final walk checks them with a depth
     * limit. 40 nested SEQUENCEs as the signature's parameters. */
    der params = d_raw("", 0);
    for (int i = 0; i < 40; i++)
        params = d_tlv(0x30, params);
    der c = build(SEQ(2, OID(OID_ECDSA_SHA256), params), cn(0x0C, "ca", 2), utc_validity(),
                  cn(0x0C, "x", 1), ec_spki(), no_exts());
    const char *err = describe_fails(c.p, c.n);
    cr_assert_not_null(strstr(err, "nested deeper than 32 levels"), "%s", err);
    free(c.p);
}

Test(x509, survives_extremely_deep_nesting)
{
    /* 200000 levels of 0x30 0x84 LEN: nothing may recurse that deep */
    size_t levels = 200000, n = levels * 6;
    uint8_t *p = malloc(n);
    for (size_t i = 0; i < levels; i++) {
        size_t rest = n - (i + 1) * 6;
        uint8_t *h = p + i * 6;
        h[0] = 0x30, h[1] = 0x84, h[2] = (uint8_t)(rest >> 24), h[3] = (uint8_t)(rest >> 16),
        h[4] = (uint8_t)(rest >> 8), h[5] = (uint8_t)rest;
    }
    describe_fails(p, n);
    free(p);
}

static const char *const ALL_VECTORS[] = {
    "ca-rsa2048.der",    "rsa3072.der",   "ec-p256.der",  "ec-p384.pem",  "bp256.der",
    "ed25519.der",       "ed448.der",     "rsa-pss.der",  "x25519.der",   "gentime.der",
    "utctime-edges.der", "name-utf8.der", "name-bmp.der", "name-t61.der", "v1.der",
};
#define N_VECTORS (sizeof ALL_VECTORS / sizeof *ALL_VECTORS)

/* The result of describing anything: NULL with a well-formed error, or a clean object. */
static void describe_anything(const uint8_t *p, size_t n)
{
    char err[256] = "";
    cJSON *j = tt_x509_describe(p, n, err, sizeof err);
    if (j) {
        cr_assert_str_empty(err);
        check_clean(j);
        cJSON_Delete(j);
    } else {
        cr_assert(strncmp(err, "x509: ", 6) == 0 && strstr(err, " at offset "), "bad error \"%s\"",
                  err);
    }
}

Test(x509, every_truncation_of_a_real_certificate_fails_cleanly)
{
    for (size_t v = 0; v < N_VECTORS; v++) {
        der d = load(ALL_VECTORS[v]);
        for (size_t n = 0; n < d.n; n++) {
            /* a fresh allocation of exactly n bytes so ASan sees any read past the end */
            uint8_t *cut = malloc(n ? n : 1);
            memcpy(cut, d.p, n);
            describe_fails(cut, n);
            free(cut);
        }
        free(d.p);
    }
}

Test(x509, corrupted_bytes_never_crash)
{
    static const uint8_t values[] = {0x00, 0x01, 0x7F, 0x80, 0x81, 0x82, 0x84, 0x85, 0xFF};
    for (size_t v = 0; v < N_VECTORS; v++) {
        der d = load(ALL_VECTORS[v]);
        uint8_t *m = malloc(d.n);
        for (size_t i = 0; i < d.n; i++) {
            for (size_t k = 0; k < sizeof values + 2; k++) {
                memcpy(m, d.p, d.n);
                m[i] = k < sizeof values ? values[k]
                                         : (uint8_t)(d.p[i] + (k == sizeof values ? 1 : -1));
                describe_anything(m, d.n);
            }
        }
        free(m);
        free(d.p);
    }
}

Test(x509, corrupted_length_makes_an_error_not_a_crash)
{
    /* The outer SEQUENCE of ec-p256.der says one byte more than there is. */
    der d = load("ec-p256.der");
    cr_assert_eq(d.p[1], 0x82);
    d.p[3]++;
    const char *err = describe_fails(d.p, d.n);
    cr_assert_not_null(strstr(err, "Certificate: length"), "%s", err);
    free(d.p);
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t next_random(void)
{
    /* xorshift64*: a fixed sequence, so a failure can be replayed */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

Test(x509, random_bytes_never_crash)
{
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = next_random() % 700;
        uint8_t *p = malloc(n ? n : 1);
        for (size_t i = 0; i < n; i++)
            p[i] = (uint8_t)next_random();
        if (n > 4 && (iter & 1)) { /* half of them start like a certificate */
            p[0] = 0x30, p[1] = 0x82, p[2] = (uint8_t)((n - 4) >> 8), p[3] = (uint8_t)(n - 4);
        }
        describe_anything(p, n);
        free(p);
    }
}

Test(x509, random_mutations_of_real_certificates_never_crash)
{
    for (size_t v = 0; v < N_VECTORS; v++) {
        der d = load(ALL_VECTORS[v]);
        uint8_t *m = malloc(d.n);
        for (int iter = 0; iter < 3000; iter++) {
            memcpy(m, d.p, d.n);
            int flips = 1 + (int)(next_random() % 4);
            for (int f = 0; f < flips; f++)
                m[next_random() % d.n] ^= (uint8_t)(1u << (next_random() % 8));
            describe_anything(m, d.n);
        }
        free(m);
        free(d.p);
    }
}
