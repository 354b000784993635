/* Unit tests of the wire parser (tracer/lib/tt_wire.c).
 *
 * Real bytes first: tests/vectors/openssl/ holds every handshake message of eight OpenSSL 3.0
 * handshakes (captured with `openssl s_server/s_client -msg`, see the README there). The values
 * asserted are the ones the capture script chose: the cipher suites passed with -cipher, the SNI
 * of -servername, the ALPN of -alpn, the subjects of the certificates it made.
 * Then hostile bytes: every truncation, oversized and inconsistent lengths, hostile strings, and
 * a few thousand seeded random inputs — all must be rejected (or decoded) without crashing. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt_tables.h"
#include "tt_wire.h"

#ifndef TT_SOURCE_DIR
#define TT_SOURCE_DIR "."
#endif
#define VECTORS TT_SOURCE_DIR "/tests/vectors/openssl/"

/* ---------------------------------------------------------------------------------------------
 * Helpers: vectors, JSON pointers, a byte builder
 * --------------------------------------------------------------------------------------------- */

typedef struct bytes {
    uint8_t *p;
    size_t len;
} bytes;

/* Reads a .hex file (one line of hex) under tests/vectors/openssl/. */
static bytes load_hex(const char *rel)
{
    char path[512];
    snprintf(path, sizeof(path), VECTORS "%s", rel);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot open %s", path);
    bytes b = {malloc(1 << 16), 0};
    int hi = -1, c;
    while ((c = fgetc(f)) != EOF) {
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0)
            continue;
        if (hi < 0) {
            hi = v;
        } else {
            cr_assert_lt(b.len, (size_t)1 << 16);
            b.p[b.len++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    fclose(f);
    cr_assert_gt(b.len, 0, "%s is empty", path);
    return b;
}

/* RFC 6901 JSON pointer lookup (the same pointers the spans use). */
static cJSON *jp(cJSON *root, const char *ptr)
{
    cJSON *cur = root;
    const char *p = ptr;
    while (cur != NULL && *p == '/') {
        char key[128];
        size_t k = 0;
        p++;
        while (*p != '\0' && *p != '/' && k + 1 < sizeof(key)) {
            if (p[0] == '~' && p[1] == '1')
                key[k++] = '/', p += 2;
            else if (p[0] == '~' && p[1] == '0')
                key[k++] = '~', p += 2;
            else
                key[k++] = *p++;
        }
        key[k] = '\0';
        if (cJSON_IsArray(cur)) {
            char *end;
            long i = strtol(key, &end, 10);
            cur = *end == '\0' && k > 0 ? cJSON_GetArrayItem(cur, (int)i) : NULL;
        } else {
            cur = cJSON_GetObjectItemCaseSensitive(cur, key);
        }
    }
    return *p == '\0' ? cur : NULL;
}

static double jnum(cJSON *root, const char *ptr)
{
    cJSON *n = jp(root, ptr);
    cr_assert(cJSON_IsNumber(n), "%s is not a number", ptr);
    return n->valuedouble;
}

static const char *jstr(cJSON *root, const char *ptr)
{
    cJSON *s = jp(root, ptr);
    cr_assert(cJSON_IsString(s), "%s is not a string", ptr);
    return s->valuestring;
}

static int jsize(cJSON *root, const char *ptr)
{
    cJSON *a = jp(root, ptr);
    cr_assert(cJSON_IsArray(a), "%s is not an array", ptr);
    return cJSON_GetArraySize(a);
}

/* The extension of type id in fields[ext_ptr], or NULL. */
static cJSON *ext(cJSON *fields, const char *ext_ptr, unsigned id)
{
    cJSON *e;
    cJSON_ArrayForEach(e, jp(fields, ext_ptr))
    {
        if ((unsigned)jnum(e, "/type/id") == id)
            return e;
    }
    return NULL;
}

/* Every span is [pointer, offset, length], its pointer resolves in fields and its bytes lie in
 * the message. */
static void check_spans(const tt_decoded *d, size_t len)
{
    cr_assert(cJSON_IsArray(d->spans));
    cJSON *s;
    cJSON_ArrayForEach(s, d->spans)
    {
        cr_assert_eq(cJSON_GetArraySize(s), 3);
        const char *ptr = cJSON_GetArrayItem(s, 0)->valuestring;
        double off = cJSON_GetArrayItem(s, 1)->valuedouble;
        double n = cJSON_GetArrayItem(s, 2)->valuedouble;
        cr_assert_not_null(ptr);
        cr_assert_not_null(jp(d->fields, ptr), "span %s points nowhere", ptr);
        cr_assert(off >= 0 && n >= 0 && off + n <= (double)len, "span %s [%g,%g] outside %zu", ptr,
                  off, n, len);
    }
}

/* Finds the span of a pointer; returns 1 and sets off/len when found. */
static int span_of(const tt_decoded *d, const char *ptr, size_t *off, size_t *len)
{
    cJSON *s;
    cJSON_ArrayForEach(s, d->spans)
    {
        if (strcmp(cJSON_GetArrayItem(s, 0)->valuestring, ptr) == 0) {
            *off = (size_t)cJSON_GetArrayItem(s, 1)->valuedouble;
            *len = (size_t)cJSON_GetArrayItem(s, 2)->valuedouble;
            return 1;
        }
    }
    return 0;
}

/* Decodes a vector file as a handshake message with the given context; asserts success. */
static void decode_ok(const char *rel, int tls13, uint16_t suite, tt_decoded *d)
{
    bytes b = load_hex(rel);
    tt_wire_ctx ctx = {.tls13 = tls13, .cipher_suite = suite};
    int rc = tt_wire_handshake(b.p, b.len, &ctx, d);
    cr_assert_eq(rc, 0, "%s: %s", rel, d->error);
    cr_assert_str_eq(d->error, "");
    check_spans(d, b.len);
    free(b.p);
}

/* A byte builder with nested length prefixes. */
typedef struct bld {
    uint8_t b[8192];
    size_t n;
    size_t at[16];
    int width[16];
    int sp;
} bld;

static void b8(bld *b, unsigned v)
{
    b->b[b->n++] = (uint8_t)v;
}
static void b16(bld *b, unsigned v)
{
    b8(b, v >> 8), b8(b, v & 0xff);
}
static void b24(bld *b, unsigned v)
{
    b8(b, (v >> 16) & 0xff), b16(b, v & 0xffff);
}
static void bmem(bld *b, const void *p, size_t n)
{
    memcpy(b->b + b->n, p, n);
    b->n += n;
}
static void bopen(bld *b, int width)
{
    b->at[b->sp] = b->n;
    b->width[b->sp++] = width;
    b->n += (size_t)width;
}
static void bclose(bld *b)
{
    b->sp--;
    size_t at = b->at[b->sp], len = b->n - at - (size_t)b->width[b->sp];
    for (int i = b->width[b->sp] - 1; i >= 0; i--, len >>= 8)
        b->b[at + (size_t)i] = (uint8_t)(len & 0xff);
}

/* Starts a handshake message of type t (close it with bclose). */
static void bmsg(bld *b, unsigned t)
{
    memset(b, 0, sizeof(*b));
    b8(b, t);
    bopen(b, 3);
}

/* A TLS 1.3-style ClientHello up to (and opening) the extensions vector. */
static void bhello(bld *b, const uint16_t *suites, size_t n)
{
    bmsg(b, 1);
    b16(b, 0x0303);
    for (int i = 0; i < 32; i++)
        b8(b, (unsigned)i);
    b8(b, 0); /* empty session id */
    bopen(b, 2);
    for (size_t i = 0; i < n; i++)
        b16(b, suites[i]);
    bclose(b);
    b8(b, 1), b8(b, 0); /* compression: null */
    bopen(b, 2);        /* extensions */
}

static int decode_bld(bld *b, int tls13, uint16_t suite, tt_decoded *d)
{
    tt_wire_ctx ctx = {.tls13 = tls13, .cipher_suite = suite};
    int rc = tt_wire_handshake(b->b, b->n, &ctx, d);
    if (rc == 0)
        check_spans(d, b->n);
    else
        cr_assert_neq(d->error[0], '\0', "a failure says why");
    return rc;
}

/* The scenarios captured by tests/vectors/openssl/capture.sh. */
static const char *const scenarios[] = {
    "tls13_basic",       "tls13_mutual",           "tls13_hrr",     "tls13_unknown_ca",
    "tls12_ecdhe_ecdsa", "tls12_ecdhe_rsa_mutual", "tls12_dhe_rsa", "tls12_rsa",
};
#define N_SCENARIOS (sizeof(scenarios) / sizeof(scenarios[0]))

/* Walks a scenario's messages in order, keeping the context the way the tap does: the suite and
 * the version become known with the (non-HRR) ServerHello. fn gets each handshake message. */
typedef void (*msg_fn)(const char *file, const bytes *b, const tt_wire_ctx *ctx);
static void walk_scenario(const char *name, msg_fn fn)
{
    char path[512], line[128];
    snprintf(path, sizeof(path), VECTORS "%s/sequence.txt", name);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot open %s", path);
    tt_wire_ctx ctx = {0};
    while (fgets(line, sizeof(line), f) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strstr(line, "alert") != NULL || strstr(line, "change_cipher_spec") != NULL)
            continue;
        char rel[256];
        snprintf(rel, sizeof(rel), "%s/%s", name, line);
        bytes b = load_hex(rel);
        fn(rel, &b, &ctx);
        if (b.p[0] == 2) { /* server_hello: learn the suite and the version */
            tt_decoded d;
            cr_assert_eq(tt_wire_handshake(b.p, b.len, &ctx, &d), 0, "%s", d.error);
            if (!cJSON_IsTrue(jp(d.fields, "/hello_retry_request"))) {
                ctx.cipher_suite = (uint16_t)jnum(d.fields, "/cipher_suite/id");
                ctx.tls13 = jnum(d.fields, "/selected_version/id") == 0x0304;
            }
            tt_decoded_free(&d);
        }
        free(b.p);
    }
    fclose(f);
}

/* ---------------------------------------------------------------------------------------------
 * The reader
 * --------------------------------------------------------------------------------------------- */

Test(reader, first_failure_sticks_and_later_reads_return_zero)
{
    const uint8_t p[] = {0x01, 0x02, 0x03, 0x04, 0x05};
    tt_reader r;
    tt_reader_init(&r, p, sizeof(p));
    cr_assert_eq(tt_read_u16(&r, "a"), 0x0102);
    cr_assert_eq(tt_read_u24(&r, "b"), 0x030405);
    cr_assert_eq(tt_read_u8(&r, "c"), 0);
    cr_assert(r.failed);
    cr_assert_eq(r.fail_at, 5);
    cr_assert_str_eq(r.fail_what, "c");
    r.pos = 0; /* even with bytes available again, the reader stays failed */
    cr_assert_eq(tt_read_u8(&r, "d"), 0);
    cr_assert_null(tt_read_bytes(&r, 1, "e"));
    cr_assert_str_eq(r.fail_what, "c");
}

Test(reader, reads_big_endian_and_refuses_short_reads)
{
    const uint8_t p[] = {0xde, 0xad, 0xbe, 0xef};
    tt_reader r;
    tt_reader_init(&r, p, sizeof(p));
    cr_assert_eq(tt_read_u32(&r, "x"), 0xdeadbeefu);
    tt_reader_init(&r, p, sizeof(p));
    cr_assert_null(tt_read_bytes(&r, 5, "too many"));
    cr_assert_eq(r.fail_at, 0);
    tt_reader_fail(&r, "second");
    cr_assert_str_eq(r.fail_what, "too many");
}

/* ---------------------------------------------------------------------------------------------
 * Real messages from OpenSSL
 * --------------------------------------------------------------------------------------------- */

Test(wire, client_hello_decodes_cipher_suites)
{
    tt_decoded d;
    decode_ok("tls13_basic/c_client_hello.hex", 0, 0, &d);
    /* OpenSSL 3.0's default TLS 1.3 list, in its order, plus the renegotiation SCSV */
    static const struct {
        unsigned id;
        const char *name;
    } want[] = {{0x1302, "TLS_AES_256_GCM_SHA384"},
                {0x1303, "TLS_CHACHA20_POLY1305_SHA256"},
                {0x1301, "TLS_AES_128_GCM_SHA256"},
                {0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"}};
    cr_assert_eq(jsize(d.fields, "/cipher_suites"), 4);
    for (int i = 0; i < 4; i++) {
        char p[64];
        snprintf(p, sizeof(p), "/cipher_suites/%d/id", i);
        cr_assert_eq((unsigned)jnum(d.fields, p), want[i].id);
        snprintf(p, sizeof(p), "/cipher_suites/%d/name", i);
        cr_assert_str_eq(jstr(d.fields, p), want[i].name);
    }
    cr_assert_str_eq(jstr(d.fields, "/legacy_version/name"), "TLS 1.2");
    cr_assert_eq(strlen(jstr(d.fields, "/random")), 64);
    cr_assert_str_eq(jstr(d.fields, "/compression_methods/0/name"), "null");
    tt_decoded_free(&d);
}

Test(wire, tls12_client_hello_offers_the_suite_given_with_cipher)
{
    tt_decoded d;
    decode_ok("tls12_ecdhe_ecdsa/c_client_hello.hex", 0, 0, &d);
    cr_assert_eq(jsize(d.fields, "/cipher_suites"), 2);
    cr_assert_str_eq(jstr(d.fields, "/cipher_suites/0/name"),
                     "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    cr_assert_eq(jnum(d.fields, "/cipher_suites/1/id"), 0x00ff);
    cr_assert_null(ext(d.fields, "/extensions", 43), "no supported_versions with -tls1_2");
    tt_decoded_free(&d);
}

Test(wire, client_hello_decodes_sni_from_servername)
{
    tt_decoded d;
    decode_ok("tls13_basic/c_client_hello.hex", 0, 0, &d);
    cJSON *e = ext(d.fields, "/extensions", 0);
    cr_assert_not_null(e);
    cr_assert_str_eq(jstr(e, "/type/name"), "server_name");
    cr_assert_str_eq(jstr(e, "/data/server_name_list/0/name_type/name"), "host_name");
    cr_assert_str_eq(jstr(e, "/data/server_name_list/0/host_name"), "tlstrace.test");
    tt_decoded_free(&d);
}

Test(wire, client_hello_decodes_alpn_offer)
{
    tt_decoded d;
    decode_ok("tls13_basic/c_client_hello.hex", 0, 0, &d);
    cJSON *e = ext(d.fields, "/extensions", 16);
    cr_assert_not_null(e);
    cr_assert_eq(jsize(e, "/data/protocol_name_list"), 2);
    cr_assert_str_eq(jstr(e, "/data/protocol_name_list/0"), "h2");
    cr_assert_str_eq(jstr(e, "/data/protocol_name_list/1"), "http/1.1");
    tt_decoded_free(&d);
}

Test(wire, client_hello_decodes_tls13_extensions)
{
    tt_decoded d;
    decode_ok("tls13_basic/c_client_hello.hex", 0, 0, &d);
    cr_assert_str_eq(jstr(ext(d.fields, "/extensions", 43), "/data/versions/0/name"), "TLS 1.3");
    cJSON *ks = ext(d.fields, "/extensions", 51);
    cr_assert_str_eq(jstr(ks, "/data/shares/0/group/name"), "x25519");
    cr_assert_eq(jnum(ks, "/data/shares/0/key_exchange_length"), 32);
    cr_assert_str_eq(jstr(ext(d.fields, "/extensions", 45), "/data/ke_modes/0/name"), "psk_dhe_ke");
    cJSON *groups = ext(d.fields, "/extensions", 10);
    cr_assert_str_eq(jstr(groups, "/data/named_group_list/0/name"), "x25519");
    cJSON *sigs = ext(d.fields, "/extensions", 13);
    cr_assert_str_eq(jstr(sigs, "/data/supported_signature_algorithms/0/name"),
                     "ecdsa_secp256r1_sha256");
    cr_assert_eq(jnum(ext(d.fields, "/extensions", 35), "/data/ticket_length"), 0);
    tt_decoded_free(&d);
}

Test(wire, client_hello_spans_locate_the_bytes)
{
    bytes b = load_hex("tls13_basic/c_client_hello.hex");
    tt_decoded d;
    cr_assert_eq(tt_wire_handshake(b.p, b.len, NULL, &d), 0);
    size_t off, len;
    cr_assert(span_of(&d, "/legacy_version", &off, &len));
    cr_assert_eq(off, 4);
    cr_assert_eq(len, 2);
    cr_assert(span_of(&d, "/random", &off, &len));
    cr_assert_eq(off, 6);
    cr_assert_eq(len, 32);
    char hex[65];
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", b.p[6 + i]);
    cr_assert_str_eq(jstr(d.fields, "/random"), hex);
    size_t sid = b.p[38];
    cr_assert(span_of(&d, "/session_id", &off, &len));
    cr_assert_eq(off, 38);
    cr_assert_eq(len, 1 + sid);
    cr_assert(span_of(&d, "/cipher_suites", &off, &len));
    cr_assert_eq(off, 39 + sid);
    cr_assert(span_of(&d, "/cipher_suites/3", &off, &len));
    cr_assert_eq(len, 2);
    cr_assert_eq((size_t)(b.p[off] << 8 | b.p[off + 1]), 0x00ff);
    cr_assert(span_of(&d, "/extensions", &off, &len));
    cr_assert_eq(off + len, b.len, "the extensions end the message");
    /* the SNI host name's span holds its 2-byte length and the name itself */
    size_t ext0;
    cr_assert(span_of(&d, "/extensions/0/data/server_name_list/0/host_name", &off, &len));
    cr_assert_eq(len, 2 + strlen("tlstrace.test"));
    cr_assert_eq(memcmp(b.p + off + 2, "tlstrace.test", 13), 0);
    cr_assert(span_of(&d, "/extensions/0", &ext0, &len));
    cr_assert_eq(b.p[ext0] << 8 | b.p[ext0 + 1], 0);
    tt_decoded_free(&d);
    free(b.p);
}

Test(wire, server_hello_tls13_selects_version_from_supported_versions)
{
    tt_decoded d;
    decode_ok("tls13_basic/s_server_hello.hex", 0, 0, &d);
    cr_assert_eq(jnum(d.fields, "/legacy_version/id"), 0x0303);
    cr_assert_eq(jnum(d.fields, "/selected_version/id"), 0x0304);
    cr_assert_str_eq(jstr(d.fields, "/selected_version/name"), "TLS 1.3");
    cr_assert(cJSON_IsFalse(jp(d.fields, "/hello_retry_request")));
    cr_assert_str_eq(jstr(d.fields, "/cipher_suite/name"), "TLS_AES_256_GCM_SHA384");
    cJSON *ks = ext(d.fields, "/extensions", 51);
    cr_assert_str_eq(jstr(ks, "/data/group/name"), "x25519");
    cr_assert_eq(jnum(ks, "/data/key_exchange_length"), 32);
    tt_decoded_free(&d);
}

Test(wire, server_hello_tls12_selected_version_is_legacy_version)
{
    tt_decoded d;
    decode_ok("tls12_ecdhe_ecdsa/s_server_hello.hex", 0, 0, &d);
    cr_assert_eq(jnum(d.fields, "/selected_version/id"), 0x0303);
    cr_assert_str_eq(jstr(d.fields, "/cipher_suite/name"),
                     "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    cr_assert(cJSON_IsFalse(jp(d.fields, "/hello_retry_request")));
    cr_assert_not_null(ext(d.fields, "/extensions", 0xff01), "renegotiation_info echoed");
    cr_assert_str_eq(jstr(ext(d.fields, "/extensions", 0xff01), "/data/renegotiated_connection"),
                     "");
    tt_decoded_free(&d);
}

Test(wire, hello_retry_request_is_recognised_by_its_random)
{
    tt_decoded d;
    decode_ok("tls13_hrr/s_server_hello.hex", 0, 0, &d);
    cr_assert(cJSON_IsTrue(jp(d.fields, "/hello_retry_request")));
    cr_assert_str_eq(jstr(d.fields, "/random"),
                     "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    cJSON *ks = ext(d.fields, "/extensions", 51);
    cr_assert_str_eq(jstr(ks, "/data/selected_group/name"), "x25519", "the group -groups set");
    cr_assert_null(jp(ks, "/data/key_exchange_length"));
    cr_assert_eq(jnum(d.fields, "/selected_version/id"), 0x0304);
    tt_decoded_free(&d);
    /* the client's first key share was P-256 (-groups P-256:X25519), its second X25519 */
    decode_ok("tls13_hrr/c_client_hello.hex", 0, 0, &d);
    cr_assert_str_eq(jstr(ext(d.fields, "/extensions", 51), "/data/shares/0/group/name"),
                     "secp256r1");
    cr_assert_eq(jnum(ext(d.fields, "/extensions", 51), "/data/shares/0/key_exchange_length"), 65);
    tt_decoded_free(&d);
    decode_ok("tls13_hrr/c_client_hello_2.hex", 0, 0, &d);
    cr_assert_str_eq(jstr(ext(d.fields, "/extensions", 51), "/data/shares/0/group/name"), "x25519");
    tt_decoded_free(&d);
    decode_ok("tls13_hrr/s_server_hello_2.hex", 0, 0, &d);
    cr_assert(cJSON_IsFalse(jp(d.fields, "/hello_retry_request")));
    tt_decoded_free(&d);
}

Test(wire, encrypted_extensions_carry_the_chosen_alpn)
{
    tt_decoded d;
    decode_ok("tls13_basic/s_encrypted_extensions.hex", 1, 0x1302, &d);
    cJSON *e = ext(d.fields, "/extensions", 16);
    cr_assert_eq(jsize(e, "/data/protocol_name_list"), 1);
    cr_assert_str_eq(jstr(e, "/data/protocol_name_list/0"), "h2");
    tt_decoded_free(&d);
}

/* Length of the DER certificate the capture script made (tests/vectors/openssl/certs/). */
static size_t cert_len(const char *name)
{
    char rel[64];
    snprintf(rel, sizeof(rel), "certs/%s.hex", name);
    bytes b = load_hex(rel);
    free(b.p);
    return b.len;
}

Test(wire, certificate_tls13_describes_the_server_certificate)
{
    tt_decoded d;
    decode_ok("tls13_basic/s_certificate.hex", 1, 0x1302, &d);
    cr_assert_str_eq(jstr(d.fields, "/certificate_request_context"), "");
    cr_assert_geq(jsize(d.fields, "/certificates"), 1);
    cr_assert_eq((size_t)jnum(d.fields, "/certificates/0/length"), cert_len("srv_ec"));
    cr_assert_eq(jsize(d.fields, "/certificates/0/extensions"), 0);
    cJSON *x = jp(d.fields, "/certificates/0/x509");
    cr_assert(cJSON_IsObject(x), "tt_x509_describe read the certificate: %s",
              cJSON_IsString(jp(d.fields, "/certificates/0/x509_error"))
                  ? jstr(d.fields, "/certificates/0/x509_error")
                  : "");
    cr_assert_not_null(strstr(jstr(x, "/subject"), "CN=tlstrace.test"));
    cr_assert_not_null(strstr(jstr(x, "/issuer"), "CN=tlstrace test CA"));
    size_t off, len;
    cr_assert(span_of(&d, "/certificates/0/x509", &off, &len));
    cr_assert_eq(len, cert_len("srv_ec"));
    tt_decoded_free(&d);
}

Test(wire, certificate_tls12_describes_the_rsa_certificate)
{
    tt_decoded d;
    decode_ok("tls12_rsa/s_certificate.hex", 0, 0x009c, &d);
    cr_assert_null(jp(d.fields, "/certificate_request_context"), "no context before TLS 1.3");
    cr_assert_eq((size_t)jnum(d.fields, "/certificates/0/length"), cert_len("srv_rsa"));
    cJSON *x = jp(d.fields, "/certificates/0/x509");
    cr_assert(cJSON_IsObject(x));
    cr_assert_str_eq(jstr(x, "/key/type"), "RSA");
    cr_assert_not_null(strstr(jstr(x, "/subject"), "CN=tlstrace.test"));
    tt_decoded_free(&d);
}

Test(wire, client_certificate_carries_the_student_subject)
{
    tt_decoded d;
    decode_ok("tls13_mutual/c_certificate.hex", 1, 0x1302, &d);
    cr_assert_eq((size_t)jnum(d.fields, "/certificates/0/length"), cert_len("cli_ec"));
    cr_assert_not_null(
        strstr(jstr(d.fields, "/certificates/0/x509/subject"), "CN=tlstrace student"));
    tt_decoded_free(&d);
    decode_ok("tls12_ecdhe_rsa_mutual/c_certificate.hex", 0, 0xc030, &d);
    cr_assert_not_null(
        strstr(jstr(d.fields, "/certificates/0/x509/subject"), "CN=tlstrace student"));
    tt_decoded_free(&d);
}

Test(wire, certificate_verify_names_the_signature_scheme)
{
    tt_decoded d;
    decode_ok("tls13_mutual/s_certificate_verify.hex", 1, 0x1302, &d);
    cr_assert_str_eq(jstr(d.fields, "/signature_scheme/name"), "rsa_pss_rsae_sha256");
    cr_assert_eq(jnum(d.fields, "/signature_length"), 256, "RSA-2048");
    tt_decoded_free(&d);
    decode_ok("tls13_mutual/c_certificate_verify.hex", 1, 0x1302, &d);
    cr_assert_str_eq(jstr(d.fields, "/signature_scheme/name"), "ecdsa_secp256r1_sha256");
    tt_decoded_free(&d);
    decode_ok("tls12_ecdhe_rsa_mutual/c_certificate_verify.hex", 0, 0xc030, &d);
    cr_assert_str_eq(jstr(d.fields, "/signature_scheme/name"), "ecdsa_secp256r1_sha256");
    tt_decoded_free(&d);
}

Test(wire, certificate_request_tls13_lists_algorithms_and_ca)
{
    tt_decoded d;
    decode_ok("tls13_mutual/s_certificate_request.hex", 1, 0x1302, &d);
    cr_assert_str_eq(jstr(d.fields, "/certificate_request_context"), "");
    cJSON *sa = ext(d.fields, "/extensions", 13);
    cr_assert_gt(jsize(sa, "/data/supported_signature_algorithms"), 4);
    cJSON *ca = ext(d.fields, "/extensions", 47);
    cr_assert_str_eq(jstr(ca, "/data/authorities/0"), "O=tlstrace, CN=tlstrace test CA");
    tt_decoded_free(&d);
}

/* RFC 8446 §4.4.2.1: a server asks for the client's OCSP response with an EMPTY status_request in
 * its CertificateRequest (GnuTLS's gnutls-serv does): that is well formed, not a truncated
 * CertificateStatusRequest. */
Test(wire, certificate_request_tls13_accepts_an_empty_status_request)
{
    bld b;
    tt_decoded d;
    bmsg(&b, 13);
    b8(&b, 0);     /* certificate_request_context: empty */
    bopen(&b, 2);  /* extensions */
    b16(&b, 13);   /* signature_algorithms */
    bopen(&b, 2);
    bopen(&b, 2);
    b16(&b, 0x0403); /* ecdsa_secp256r1_sha256 */
    bclose(&b);
    bclose(&b);
    b16(&b, 5); /* status_request, empty */
    b16(&b, 0);
    bclose(&b);
    bclose(&b);
    cr_assert_eq(decode_bld(&b, 1, 0x1301, &d), 0, "decoded: %s", d.error);
    cr_assert_not_null(ext(d.fields, "/extensions", 5), "the status_request is listed");
    cr_assert_str_eq(jstr(ext(d.fields, "/extensions", 13),
                          "/data/supported_signature_algorithms/0/name"),
                     "ecdsa_secp256r1_sha256");
    tt_decoded_free(&d);
}

Test(wire, certificate_request_tls12_lists_types_schemes_and_ca)
{
    tt_decoded d;
    decode_ok("tls12_ecdhe_rsa_mutual/s_certificate_request.hex", 0, 0xc030, &d);
    cr_assert_str_eq(jstr(d.fields, "/certificate_types/0/name"), "rsa_sign");
    cr_assert_str_eq(jstr(d.fields, "/certificate_types/2/name"), "ecdsa_sign");
    cr_assert_str_eq(jstr(d.fields, "/signature_schemes/0/name"), "ecdsa_secp256r1_sha256");
    cr_assert_eq(jsize(d.fields, "/certificate_authorities"), 1);
    cr_assert_str_eq(jstr(d.fields, "/certificate_authorities/0"),
                     "O=tlstrace, CN=tlstrace test CA");
    tt_decoded_free(&d);
}

Test(wire, server_key_exchange_ecdhe_names_curve_and_signature)
{
    tt_decoded d;
    decode_ok("tls12_ecdhe_ecdsa/s_server_key_exchange.hex", 0, 0xc02b, &d);
    cr_assert_str_eq(jstr(d.fields, "/curve_type/name"), "named_curve");
    cr_assert_str_eq(jstr(d.fields, "/named_group/name"), "x25519");
    cr_assert_eq(jnum(d.fields, "/public_key_length"), 32);
    cr_assert_str_eq(jstr(d.fields, "/signature_scheme/name"), "ecdsa_secp256r1_sha256");
    cr_assert_gt(jnum(d.fields, "/signature_length"), 60);
    tt_decoded_free(&d);
    decode_ok("tls12_ecdhe_rsa_mutual/s_server_key_exchange.hex", 0, 0xc030, &d);
    cr_assert_eq(jnum(d.fields, "/signature_length"), 256);
    cr_assert_eq(strncmp(jstr(d.fields, "/signature_scheme/name"), "rsa_", 4), 0);
    tt_decoded_free(&d);
}

Test(wire, server_key_exchange_dhe_gives_parameter_sizes)
{
    tt_decoded d;
    decode_ok("tls12_dhe_rsa/s_server_key_exchange.hex", 0, 0x009e, &d);
    cr_assert_eq(jnum(d.fields, "/p_length"), 256, "a 2048-bit group");
    cr_assert_eq(jnum(d.fields, "/g_length"), 1);
    cr_assert_eq(jnum(d.fields, "/public_key_length"), 256);
    cr_assert_eq(strncmp(jstr(d.fields, "/signature_scheme/name"), "rsa_", 4), 0);
    tt_decoded_free(&d);
}

Test(wire, key_exchange_with_unknown_suite_is_hex_without_error)
{
    tt_decoded d;
    decode_ok("tls12_dhe_rsa/s_server_key_exchange.hex", 0, 0, &d);
    cr_assert_eq(strlen(jstr(d.fields, "/hex")), 128);
    cr_assert(cJSON_IsTrue(jp(d.fields, "/truncated")));
    cr_assert_null(jp(d.fields, "/p_length"));
    tt_decoded_free(&d);
    decode_ok("tls12_rsa/c_client_key_exchange.hex", 0, 0x1301, &d); /* a TLS 1.3 suite */
    cr_assert(cJSON_IsString(jp(d.fields, "/hex")));
    tt_decoded_free(&d);
}

Test(wire, client_key_exchange_follows_the_suite)
{
    tt_decoded d;
    decode_ok("tls12_ecdhe_ecdsa/c_client_key_exchange.hex", 0, 0xc02b, &d);
    cr_assert_eq(jnum(d.fields, "/public_key_length"), 32, "an X25519 share");
    tt_decoded_free(&d);
    decode_ok("tls12_dhe_rsa/c_client_key_exchange.hex", 0, 0x009e, &d);
    cr_assert_eq(jnum(d.fields, "/public_key_length"), 256);
    tt_decoded_free(&d);
    decode_ok("tls12_rsa/c_client_key_exchange.hex", 0, 0x009c, &d);
    cr_assert_eq(jnum(d.fields, "/encrypted_premaster_length"), 256, "RSA-2048");
    tt_decoded_free(&d);
}

Test(wire, server_hello_done_is_empty)
{
    tt_decoded d;
    decode_ok("tls12_rsa/s_server_hello_done.hex", 0, 0x009c, &d);
    cr_assert_null(d.fields->child);
    tt_decoded_free(&d);
    const uint8_t extra[] = {14, 0, 0, 1, 0};
    cr_assert_eq(tt_wire_handshake(extra, sizeof(extra), NULL, &d), -1);
    cr_assert_not_null(strstr(d.error, "server_hello_done: 1 unexpected byte"), "%s", d.error);
    tt_decoded_free(&d);
}

Test(wire, finished_is_verify_data_of_the_right_size)
{
    tt_decoded d;
    decode_ok("tls12_rsa/c_finished.hex", 0, 0x009c, &d);
    cr_assert_eq(strlen(jstr(d.fields, "/verify_data")), 24, "12 bytes in TLS 1.2");
    tt_decoded_free(&d);
    decode_ok("tls13_basic/s_finished.hex", 1, 0x1302, &d);
    cr_assert_eq(strlen(jstr(d.fields, "/verify_data")), 96, "SHA-384: 48 bytes");
    tt_decoded_free(&d);
    /* the same bytes under a SHA-256 suite, or as TLS 1.2, are the wrong size */
    bytes b = load_hex("tls13_basic/s_finished.hex");
    tt_wire_ctx sha256 = {.tls13 = 1, .cipher_suite = 0x1301}, tls12 = {0};
    cr_assert_eq(tt_wire_handshake(b.p, b.len, &sha256, &d), -1);
    cr_assert_not_null(strstr(d.error, "finished: verify_data is 48 bytes"), "%s", d.error);
    tt_decoded_free(&d);
    cr_assert_eq(tt_wire_handshake(b.p, b.len, &tls12, &d), -1);
    tt_decoded_free(&d);
    free(b.p);
}

Test(wire, new_session_ticket_tls13_and_tls12)
{
    tt_decoded d;
    decode_ok("tls13_basic/s_new_session_ticket.hex", 1, 0x1302, &d);
    cr_assert_eq(jnum(d.fields, "/ticket_lifetime"), 7200, "OpenSSL's default lifetime");
    cr_assert(cJSON_IsNumber(jp(d.fields, "/ticket_age_add")));
    cr_assert(cJSON_IsString(jp(d.fields, "/ticket_nonce")));
    cr_assert_gt(jnum(d.fields, "/ticket_length"), 0);
    cr_assert(cJSON_IsArray(jp(d.fields, "/extensions")));
    tt_decoded_free(&d);
    decode_ok("tls12_rsa/s_new_session_ticket.hex", 0, 0x009c, &d);
    cr_assert_eq(jnum(d.fields, "/ticket_lifetime"), 7200);
    cr_assert_gt(jnum(d.fields, "/ticket_length"), 0);
    cr_assert_null(jp(d.fields, "/ticket_nonce"));
    tt_decoded_free(&d);
}

Test(wire, key_update_from_s_client_requests_an_update)
{
    tt_decoded d;
    decode_ok("tls13_basic/c_key_update.hex", 1, 0x1302, &d);
    cr_assert_str_eq(jstr(d.fields, "/request_update/name"), "update_requested");
    tt_decoded_free(&d);
    const uint8_t bad[] = {24, 0, 0, 1, 7};
    cr_assert_eq(tt_wire_handshake(bad, sizeof(bad), NULL, &d), -1);
    tt_decoded_free(&d);
}

static void decode_each(const char *file, const bytes *b, const tt_wire_ctx *ctx)
{
    tt_decoded d;
    int rc = tt_wire_handshake(b->p, b->len, ctx, &d);
    cr_assert_eq(rc, 0, "%s: %s", file, d.error);
    check_spans(&d, b->len);
    tt_decoded_free(&d);
}

Test(wire, every_captured_message_decodes_cleanly)
{
    for (size_t i = 0; i < N_SCENARIOS; i++)
        walk_scenario(scenarios[i], decode_each);
}

/* ---------------------------------------------------------------------------------------------
 * Alerts, change_cipher_spec, record headers
 * --------------------------------------------------------------------------------------------- */

Test(wire, alert_close_notify_and_unknown_ca_from_openssl)
{
    tt_decoded d;
    bytes b = load_hex("tls13_basic/c_alert_close_notify.hex");
    cr_assert_eq(tt_wire_alert(b.p, b.len, &d), 0);
    cr_assert_str_eq(jstr(d.fields, "/level/name"), "warning");
    cr_assert_str_eq(jstr(d.fields, "/description/name"), "close_notify");
    cr_assert_str_eq(jstr(d.fields, "/explanation"), tt_lookup(&tt_alerts, 0)->explain);
    check_spans(&d, b.len);
    tt_decoded_free(&d);
    free(b.p);
    b = load_hex("tls13_unknown_ca/c_alert_unknown_ca.hex");
    cr_assert_eq(tt_wire_alert(b.p, b.len, &d), 0);
    cr_assert_str_eq(jstr(d.fields, "/level/name"), "fatal");
    cr_assert_str_eq(jstr(d.fields, "/description/name"), "unknown_ca");
    tt_decoded_free(&d);
    free(b.p);
}

Test(wire, alert_rejects_bad_sizes_and_levels)
{
    tt_decoded d;
    const uint8_t three[] = {2, 40, 0}, bad_level[] = {3, 40}, unknown[] = {2, 200};
    cr_assert_eq(tt_wire_alert(three, 3, &d), -1);
    cr_assert_str_eq(d.error, "alert: an alert is 2 bytes, got 3");
    tt_decoded_free(&d);
    cr_assert_eq(tt_wire_alert(bad_level, 2, &d), -1);
    tt_decoded_free(&d);
    cr_assert_eq(tt_wire_alert(unknown, 2, &d), 0, "an unknown description is still an alert");
    cr_assert(cJSON_IsNull(jp(d.fields, "/description/name")));
    cr_assert(cJSON_IsNull(jp(d.fields, "/explanation")));
    tt_decoded_free(&d);
    cr_assert_eq(tt_wire_alert(NULL, 0, &d), -1);
    tt_decoded_free(&d);
}

Test(wire, ccs_is_the_single_byte_1)
{
    tt_decoded d;
    bytes b = load_hex("tls12_rsa/c_change_cipher_spec.hex");
    cr_assert_eq(tt_wire_ccs(b.p, b.len, &d), 0);
    cr_assert_eq(jnum(d.fields, "/value"), 1);
    tt_decoded_free(&d);
    free(b.p);
    const uint8_t two[] = {1, 1}, zero[] = {0};
    cr_assert_eq(tt_wire_ccs(two, 2, &d), -1);
    tt_decoded_free(&d);
    cr_assert_eq(tt_wire_ccs(zero, 1, &d), -1);
    cr_assert_not_null(strstr(d.error, "must be 1"));
    tt_decoded_free(&d);
}

Test(record, parses_the_headers_openssl_sent)
{
    tt_record_hdr h;
    char err[128];
    bytes b = load_hex("tls13_basic/c_record_header.hex");
    cr_assert_eq(tt_wire_record_header(b.p, b.len, &h, err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(h.type, 22);
    cr_assert_eq(h.version, 0x0301, "the first ClientHello record says TLS 1.0");
    cr_assert_eq(h.length, 0x0104);
    free(b.p);
    b = load_hex("tls13_basic/s_record_header.hex");
    cr_assert_eq(tt_wire_record_header(b.p, b.len, &h, err, sizeof(err)), 0);
    cr_assert_eq(h.version, 0x0303);
    free(b.p);
}

Test(record, rejects_length_over_2_to_the_14_plus_2048)
{
    tt_record_hdr h;
    char err[128];
    const uint8_t big[] = {23, 3, 3, 0x48, 0x01}; /* 18433 */
    cr_assert_eq(tt_wire_record_header(big, 5, &h, err, sizeof(err)), -1);
    cr_assert_str_eq(err, "record: length 18433 at offset 3 exceeds the 18432-byte limit");
    const uint8_t max[] = {23, 3, 3, 0x48, 0x00};
    cr_assert_eq(tt_wire_record_header(max, 5, &h, err, sizeof(err)), 0);
}

Test(record, rejects_bad_type_version_and_short_input)
{
    tt_record_hdr h;
    char err[128];
    const uint8_t type[] = {99, 3, 3, 0, 1}, ver[] = {22, 4, 3, 0, 1}, ok_ = {25};
    cr_assert_eq(tt_wire_record_header(type, 5, &h, err, sizeof(err)), -1);
    cr_assert_not_null(strstr(err, "content type 99"));
    cr_assert_eq(tt_wire_record_header(ver, 5, &h, err, sizeof(err)), -1);
    cr_assert_eq(tt_wire_record_header(type, 4, &h, err, sizeof(err)), -1);
    cr_assert_str_eq(err, "record: a record header is 5 bytes, got 4");
    cr_assert_eq(tt_wire_record_header(&ok_, 1, &h, NULL, 0), -1, "no error buffer is fine");
    /* the HTTP bytes a confused client sends are not a record */
    cr_assert_eq(tt_wire_record_header((const uint8_t *)"GET / HTTP/1.1", 14, &h, err, sizeof(err)),
                 -1);
}

/* ---------------------------------------------------------------------------------------------
 * Malformed input: truncation, oversize, inconsistent lengths
 * --------------------------------------------------------------------------------------------- */

Test(wire, every_prefix_of_a_real_client_hello_is_rejected_cleanly)
{
    bytes b = load_hex("tls13_basic/c_client_hello.hex");
    for (size_t k = 0; k <= b.len; k++) {
        uint8_t *copy = malloc(k ? k : 1); /* a fresh buffer: ASan sees any read past k */
        memcpy(copy, b.p, k);
        tt_decoded d;
        int rc = tt_wire_handshake(copy, k, NULL, &d);
        cr_assert_eq(rc, k == b.len ? 0 : -1, "prefix %zu: %s", k, d.error);
        cr_assert_not_null(d.fields);
        cr_assert_not_null(d.spans);
        if (rc != 0)
            cr_assert_neq(d.error[0], '\0');
        tt_decoded_free(&d);
        free(copy);
    }
    free(b.p);
}

/* Truncates the body and fixes the header's length, so the decoder itself meets the end of
 * every field in turn. Only the full message decodes — and for hellos the one prefix that ends
 * right after the compression methods (extensions may be absent before TLS 1.3). */
static void truncate_each(const char *file, const bytes *b, const tt_wire_ctx *ctx)
{
    tt_decoded d;
    size_t no_ext = 0;
    if (b->p[0] == 1 || b->p[0] == 2) {
        cr_assert_eq(tt_wire_handshake(b->p, b->len, ctx, &d), 0);
        size_t off, len;
        const char *last = b->p[0] == 1 ? "/compression_methods" : "/compression_method";
        cr_assert(span_of(&d, last, &off, &len));
        no_ext = off + len;
        tt_decoded_free(&d);
    }
    for (size_t k = 4; k <= b->len; k++) {
        uint8_t *copy = malloc(k);
        memcpy(copy, b->p, k);
        size_t body = k - 4;
        copy[1] = (uint8_t)(body >> 16), copy[2] = (uint8_t)(body >> 8), copy[3] = (uint8_t)body;
        int rc = tt_wire_handshake(copy, k, ctx, &d);
        int want = (k == b->len || k == no_ext) ? 0 : -1;
        cr_assert_eq(rc, want, "%s cut to %zu bytes: %s", file, k, d.error);
        if (rc == 0)
            check_spans(&d, k);
        tt_decoded_free(&d);
        free(copy);
    }
}

Test(wire, every_truncated_body_of_every_captured_message_is_rejected)
{
    for (size_t i = 0; i < N_SCENARIOS; i++)
        walk_scenario(scenarios[i], truncate_each);
}

Test(wire, oversized_input_is_rejected)
{
    bytes b = load_hex("tls13_basic/c_client_hello.hex");
    uint8_t *big = calloc(1, b.len + 7);
    memcpy(big, b.p, b.len);
    tt_decoded d;
    cr_assert_eq(tt_wire_handshake(big, b.len + 7, NULL, &d), -1);
    cr_assert_not_null(strstr(d.error, "trailing"), "%s", d.error);
    cr_assert_str_eq(d.error, "client_hello: the header announces 256 bytes but 263 follow it "
                              "(trailing bytes)");
    tt_decoded_free(&d);
    /* a header announcing 16 MiB with a few bytes behind it */
    const uint8_t huge[] = {11, 0xff, 0xff, 0xff, 0, 0, 0};
    cr_assert_eq(tt_wire_handshake(huge, sizeof(huge), NULL, &d), -1);
    cr_assert_not_null(strstr(d.error, "truncated"));
    tt_decoded_free(&d);
    /* extra bytes inside a consistent header are caught at the end of the message */
    bld m;
    bmsg(&m, 14);
    b8(&m, 0);
    bclose(&m);
    cr_assert_eq(decode_bld(&m, 0, 0, &d), -1);
    tt_decoded_free(&d);
    free(big);
    free(b.p);
}

Test(wire, inconsistent_vector_lengths_are_rejected_with_their_offset)
{
    bytes b = load_hex("tls13_basic/c_client_hello.hex");
    tt_decoded d;
    cr_assert_eq(tt_wire_handshake(b.p, b.len, NULL, &d), 0);
    size_t cs, len;
    cr_assert(span_of(&d, "/cipher_suites", &cs, &len));
    tt_decoded_free(&d);
    /* cipher_suites says 300 bytes */
    b.p[cs] = 0x01, b.p[cs + 1] = 0x2c;
    cr_assert_eq(tt_wire_handshake(b.p, b.len, NULL, &d), -1);
    char want[160];
    snprintf(want, sizeof(want),
             "client_hello: cipher_suites length 300 overruns the message at offset %zu", cs);
    cr_assert_eq(strncmp(d.error, want, strlen(want)), 0, "%s", d.error);
    tt_decoded_free(&d);
    /* an odd length */
    b.p[cs] = 0x00, b.p[cs + 1] = 0x07;
    cr_assert_eq(tt_wire_handshake(b.p, b.len, NULL, &d), -1);
    cr_assert_not_null(strstr(d.error, "not a multiple of 2"), "%s", d.error);
    tt_decoded_free(&d);
    free(b.p);

    /* a session id longer than 32 */
    b = load_hex("tls13_basic/c_client_hello.hex");
    b.p[38] = 33;
    cr_assert_eq(tt_wire_handshake(b.p, b.len, NULL, &d), -1);
    cr_assert_not_null(strstr(d.error, "session_id length 33 at offset 38 is outside"), "%s",
                       d.error);
    tt_decoded_free(&d);
    free(b.p);

    /* an extension whose length runs past the extensions vector */
    b = load_hex("tls13_basic/c_client_hello.hex");
    cr_assert_eq(tt_wire_handshake(b.p, b.len, NULL, &d), 0);
    size_t e0;
    cr_assert(span_of(&d, "/extensions/0/length", &e0, &len));
    tt_decoded_free(&d);
    b.p[e0] = 0x10;
    cr_assert_eq(tt_wire_handshake(b.p, b.len, NULL, &d), -1);
    cr_assert_not_null(strstr(d.error, "server_name length 4114 overruns the extensions"), "%s",
                       d.error);
    tt_decoded_free(&d);
    free(b.p);
}

Test(wire, inner_lengths_that_overrun_their_extension_are_rejected)
{
    bytes b = load_hex("tls13_basic/c_client_hello.hex");
    tt_decoded d;
    cr_assert_eq(tt_wire_handshake(b.p, b.len, NULL, &d), 0);
    size_t off, len;
    cr_assert(span_of(&d, "/extensions/10/data/shares/0/key_exchange_length", &off, &len));
    cr_assert_str_eq(jstr(d.fields, "/extensions/10/type/name"), "key_share");
    tt_decoded_free(&d);
    b.p[off + 1] = 33; /* 33 bytes claimed, 32 there */
    cr_assert_eq(tt_wire_handshake(b.p, b.len, NULL, &d), -1);
    cr_assert_not_null(strstr(d.error, "key_exchange length 33 overruns the client_shares"), "%s",
                       d.error);
    tt_decoded_free(&d);
    b.p[off + 1] = 31; /* 31 claimed: one byte left over inside client_shares */
    cr_assert_eq(tt_wire_handshake(b.p, b.len, NULL, &d), -1);
    tt_decoded_free(&d);
    free(b.p);
}

Test(wire, server_hello_random_must_be_32_bytes)
{
    bld m;
    bmsg(&m, 2);
    b16(&m, 0x0303);
    for (int i = 0; i < 20; i++)
        b8(&m, 0xaa);
    bclose(&m);
    tt_decoded d;
    cr_assert_eq(decode_bld(&m, 0, 0, &d), -1);
    cr_assert_str_eq(d.error, "server_hello: random needs 32 bytes at offset 6 but only 20 "
                              "remain in the message");
    cr_assert_not_null(jp(d.fields, "/legacy_version"), "fields before the error are kept");
    tt_decoded_free(&d);
}

Test(wire, duplicate_extensions_are_rejected)
{
    bld m;
    const uint16_t suites[] = {0x1301};
    bhello(&m, suites, 1);
    b16(&m, 23), b16(&m, 0);
    b16(&m, 23), b16(&m, 0);
    bclose(&m), bclose(&m);
    tt_decoded d;
    cr_assert_eq(decode_bld(&m, 0, 0, &d), -1);
    cr_assert_not_null(strstr(d.error, "extended_master_secret (23) appears twice"), "%s", d.error);
    tt_decoded_free(&d);
}

Test(wire, empty_extensions_must_be_empty)
{
    bld m;
    const uint16_t suites[] = {0x1301};
    bhello(&m, suites, 1);
    b16(&m, 22), b16(&m, 1), b8(&m, 0); /* encrypt_then_mac with a byte */
    bclose(&m), bclose(&m);
    tt_decoded d;
    cr_assert_eq(decode_bld(&m, 0, 0, &d), -1);
    cr_assert_not_null(strstr(d.error, "1 unexpected byte at the end of the encrypt_then_mac"),
                       "%s", d.error);
    tt_decoded_free(&d);
}

/* ---------------------------------------------------------------------------------------------
 * Synthetic messages: GREASE, unknown and hostile values, the rarer types
 * --------------------------------------------------------------------------------------------- */

Test(wire, grease_values_are_named_GREASE)
{
    bld m;
    const uint16_t suites[] = {0x3a3a, 0x1301};
    bhello(&m, suites, 2);
    b16(&m, 0x4a4a), b16(&m, 0); /* a GREASE extension */
    b16(&m, 10), bopen(&m, 2), bopen(&m, 2), b16(&m, 0x5a5a), b16(&m, 29), bclose(&m), bclose(&m);
    b16(&m, 43), bopen(&m, 2), bopen(&m, 1), b16(&m, 0x6a6a), b16(&m, 0x0304), bclose(&m),
        bclose(&m);
    b16(&m, 45), bopen(&m, 2), bopen(&m, 1), b8(&m, 0x2a), b8(&m, 1), bclose(&m), bclose(&m);
    bclose(&m), bclose(&m);
    tt_decoded d;
    cr_assert_eq(decode_bld(&m, 0, 0, &d), 0, "%s", d.error);
    cr_assert_str_eq(jstr(d.fields, "/cipher_suites/0/name"), "GREASE");
    cr_assert_str_eq(jstr(d.fields, "/extensions/0/type/name"), "GREASE");
    cr_assert_str_eq(jstr(d.fields, "/extensions/1/data/named_group_list/0/name"), "GREASE");
    cr_assert_str_eq(jstr(d.fields, "/extensions/1/data/named_group_list/1/name"), "x25519");
    cr_assert_str_eq(jstr(d.fields, "/extensions/2/data/versions/0/name"), "GREASE");
    cr_assert_str_eq(jstr(d.fields, "/extensions/3/data/ke_modes/0/name"), "GREASE");
    cr_assert_str_eq(jstr(d.fields, "/extensions/3/data/ke_modes/1/name"), "psk_dhe_ke");
    tt_decoded_free(&d);
}

Test(wire, unknown_extension_is_hex_and_capped)
{
    bld m;
    const uint16_t suites[] = {0x1301};
    bhello(&m, suites, 1);
    b16(&m, 0x7777), bopen(&m, 2);
    for (int i = 0; i < 100; i++)
        b8(&m, 0xab);
    bclose(&m);
    b16(&m, 0x7778), b16(&m, 2), b8(&m, 0x01), b8(&m, 0x02);
    bclose(&m), bclose(&m);
    tt_decoded d;
    cr_assert_eq(decode_bld(&m, 0, 0, &d), 0, "%s", d.error);
    cJSON *e = jp(d.fields, "/extensions/0");
    cr_assert_eq(jnum(e, "/type/id"), 0x7777);
    cr_assert(cJSON_IsNull(jp(e, "/type/name")));
    cr_assert_eq(jnum(e, "/length"), 100);
    cr_assert_eq(strlen(jstr(e, "/data/hex")), 128, "64 bytes shown");
    cr_assert(cJSON_IsTrue(jp(e, "/data/truncated")));
    cr_assert_str_eq(jstr(d.fields, "/extensions/1/data/hex"), "0102");
    cr_assert_null(jp(d.fields, "/extensions/1/data/truncated"));
    tt_decoded_free(&d);
}

Test(wire, hostile_host_names_and_protocols_are_escaped)
{
    bld m;
    const uint16_t suites[] = {0x1301};
    const char evil[] = "\x1b[31mevil\n\\.example\x7f\xc3\xa9";
    bhello(&m, suites, 1);
    b16(&m, 0), bopen(&m, 2), bopen(&m, 2), b8(&m, 0), bopen(&m, 2);
    bmem(&m, evil, sizeof(evil) - 1);
    bclose(&m), bclose(&m), bclose(&m);
    b16(&m, 16), bopen(&m, 2), bopen(&m, 2), bopen(&m, 1);
    bmem(&m, "h2\xe2\x80\xae\0", 6); /* RIGHT-TO-LEFT OVERRIDE and a NUL */
    bclose(&m), bclose(&m), bclose(&m);
    bclose(&m), bclose(&m);
    tt_decoded d;
    cr_assert_eq(decode_bld(&m, 0, 0, &d), 0, "%s", d.error);
    cr_assert_str_eq(jstr(d.fields, "/extensions/0/data/server_name_list/0/host_name"),
                     "\\x1b[31mevil\\x0a\\x5c.example\\x7f\\xc3\\xa9");
    cr_assert_str_eq(jstr(d.fields, "/extensions/1/data/protocol_name_list/0"),
                     "h2\\xe2\\x80\\xae\\x00");
    tt_decoded_free(&d);
}

/* A DER Name with one RDN per (type, tag, value). */
static void bname(bld *b, const uint8_t *const *vals, const uint8_t *tags, const size_t *lens,
                  size_t n)
{
    static const uint8_t cn[] = {0x06, 0x03, 0x55, 0x04, 0x03};
    b8(b, 0x30), bopen(b, 1);
    for (size_t i = 0; i < n; i++) {
        b8(b, 0x31), bopen(b, 1), b8(b, 0x30), bopen(b, 1);
        bmem(b, cn, sizeof(cn));
        b8(b, tags[i]), b8(b, (unsigned)lens[i]), bmem(b, vals[i], lens[i]);
        bclose(b), bclose(b);
    }
    bclose(b);
}

Test(wire, ca_names_are_escaped_and_keep_utf8)
{
    const uint8_t *vals[] = {(const uint8_t *)"Z\xc3\xbcrich, \"CA\"",
                             (const uint8_t *)"a\xe2\x80\xaeZ", (const uint8_t *)"x\x01y"};
    const uint8_t tags[] = {0x0c, 0x0c, 0x13};
    const size_t lens[] = {13, 5, 3};
    bld m;
    bmsg(&m, 13);
    b8(&m, 1), b8(&m, 64);       /* certificate_types: ecdsa_sign */
    b16(&m, 2), b16(&m, 0x0403); /* signature_schemes */
    bopen(&m, 2), bopen(&m, 2);  /* certificate_authorities, one DN */
    bname(&m, vals, tags, lens, 3);
    bclose(&m);
    bopen(&m, 2), b8(&m, 0x30), b8(&m, 0x01), b8(&m, 0x00), bclose(&m); /* not a Name */
    bclose(&m), bclose(&m);
    tt_decoded d;
    cr_assert_eq(decode_bld(&m, 0, 0, &d), 0, "%s", d.error);
    cr_assert_str_eq(jstr(d.fields, "/certificate_authorities/0"),
                     "CN=Z\xc3\xbcrich\\, \\\"CA\\\", CN=a\\xe2\\x80\\xaeZ, CN=x\\x01y");
    cr_assert_str_eq(jstr(d.fields, "/certificate_authorities/1"), "#300100");
    tt_decoded_free(&d);
}

Test(wire, pre_shared_key_and_early_data_extensions)
{
    bld m;
    const uint16_t suites[] = {0x1301};
    bhello(&m, suites, 1);
    b16(&m, 42), b16(&m, 0);   /* early_data, empty */
    b16(&m, 41), bopen(&m, 2); /* pre_shared_key */
    bopen(&m, 2), b16(&m, 3), bmem(&m, "tkt", 3), b8(&m, 0), b8(&m, 0), b8(&m, 1), b8(&m, 2);
    bclose(&m);
    bopen(&m, 2), bopen(&m, 1);
    for (int i = 0; i < 32; i++)
        b8(&m, 0x11);
    bclose(&m), bclose(&m);
    bclose(&m);
    bclose(&m), bclose(&m);
    tt_decoded d;
    cr_assert_eq(decode_bld(&m, 0, 0, &d), 0, "%s", d.error);
    cJSON *psk = jp(d.fields, "/extensions/1/data");
    cr_assert_eq(jnum(psk, "/identities/0/identity_length"), 3);
    cr_assert_eq(jnum(psk, "/identities/0/obfuscated_ticket_age"), 0x0102);
    cr_assert_eq(strlen(jstr(psk, "/binders/0")), 64);
    tt_decoded_free(&d);

    /* NewSessionTicket (1.3) with early_data: max_early_data_size */
    bmsg(&m, 4);
    b16(&m, 0), b16(&m, 60), b16(&m, 0), b16(&m, 9), b8(&m, 1), b8(&m, 0xcc);
    b16(&m, 2), b16(&m, 0xbeef);
    bopen(&m, 2), b16(&m, 42), b16(&m, 4), b16(&m, 0), b16(&m, 0x4000), bclose(&m);
    bclose(&m);
    cr_assert_eq(decode_bld(&m, 1, 0x1301, &d), 0, "%s", d.error);
    cr_assert_eq(jnum(d.fields, "/ticket_lifetime"), 60);
    cr_assert_eq(jnum(d.fields, "/ticket_age_add"), 9);
    cr_assert_str_eq(jstr(d.fields, "/ticket_nonce"), "cc");
    cr_assert_eq(jnum(d.fields, "/extensions/0/data/max_early_data_size"), 0x4000);
    tt_decoded_free(&d);
}

Test(wire, psk_key_exchanges_show_the_identity_hint)
{
    bld m;
    tt_decoded d;
    bmsg(&m, 12); /* ServerKeyExchange, TLS_PSK_WITH_AES_128_GCM_SHA256 */
    bopen(&m, 2), bmem(&m, "hint", 4), bclose(&m);
    bclose(&m);
    cr_assert_eq(decode_bld(&m, 0, 0x00a8, &d), 0, "%s", d.error);
    cr_assert_str_eq(jstr(d.fields, "/psk_identity_hint"), "hint");
    tt_decoded_free(&d);
    bmsg(&m, 16); /* ClientKeyExchange, TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256 */
    bopen(&m, 2), bmem(&m, "dev-42", 6), bclose(&m);
    bopen(&m, 1), b8(&m, 4), b8(&m, 1), b8(&m, 2), bclose(&m);
    bclose(&m);
    cr_assert_eq(decode_bld(&m, 0, 0xc037, &d), 0, "%s", d.error);
    cr_assert_str_eq(jstr(d.fields, "/psk_identity"), "dev-42");
    cr_assert_eq(jnum(d.fields, "/public_key_length"), 3);
    tt_decoded_free(&d);
}

Test(wire, tls10_signatures_have_no_scheme)
{
    bld m;
    tt_decoded d;
    bmsg(&m, 12); /* ECDHE params, then a TLS 1.0 signature: length and bytes only */
    b8(&m, 3), b16(&m, 23), bopen(&m, 1), b8(&m, 4), bclose(&m);
    bopen(&m, 2), b8(&m, 0x30), b8(&m, 0x00), bclose(&m);
    bclose(&m);
    cr_assert_eq(decode_bld(&m, 0, 0xc013, &d), 0, "%s", d.error);
    cr_assert_str_eq(jstr(d.fields, "/named_group/name"), "secp256r1");
    cr_assert_null(jp(d.fields, "/signature_scheme"));
    cr_assert_eq(jnum(d.fields, "/signature_length"), 2);
    tt_decoded_free(&d);
}

Test(wire, rarer_handshake_types_decode)
{
    bld m;
    tt_decoded d;
    bmsg(&m, 0), bclose(&m); /* hello_request */
    cr_assert_eq(decode_bld(&m, 0, 0, &d), 0);
    tt_decoded_free(&d);
    bmsg(&m, 5), bclose(&m); /* end_of_early_data */
    cr_assert_eq(decode_bld(&m, 1, 0, &d), 0);
    tt_decoded_free(&d);
    bmsg(&m, 22), b8(&m, 1), b24(&m, 3), b8(&m, 0x30), b8(&m, 1), b8(&m, 0), bclose(&m);
    cr_assert_eq(decode_bld(&m, 0, 0, &d), 0, "%s", d.error); /* certificate_status */
    cr_assert_str_eq(jstr(d.fields, "/status_type/name"), "ocsp");
    cr_assert_eq(jnum(d.fields, "/ocsp_response_length"), 3);
    tt_decoded_free(&d);
    bmsg(&m, 25), b16(&m, 2), b24(&m, 1000), bopen(&m, 3), b8(&m, 9), bclose(&m), bclose(&m);
    cr_assert_eq(decode_bld(&m, 1, 0, &d), 0, "%s", d.error); /* compressed_certificate */
    cr_assert_str_eq(jstr(d.fields, "/algorithm/name"), "brotli");
    cr_assert_eq(jnum(d.fields, "/uncompressed_length"), 1000);
    cr_assert_eq(jnum(d.fields, "/compressed_length"), 1);
    tt_decoded_free(&d);
    bmsg(&m, 21), b8(&m, 0), bopen(&m, 2), bopen(&m, 2), bmem(&m, "http://x/c", 10), bclose(&m);
    b8(&m, 1);
    for (int i = 0; i < 20; i++)
        b8(&m, (unsigned)i);
    bclose(&m), bclose(&m);
    cr_assert_eq(decode_bld(&m, 0, 0, &d), 0, "%s", d.error); /* certificate_url */
    cr_assert_str_eq(jstr(d.fields, "/url_and_hash_list/0/url"), "http://x/c");
    cr_assert_str_eq(jstr(d.fields, "/chain_type/name"), "individual_certs");
    tt_decoded_free(&d);
    bmsg(&m, 3), b16(&m, 0xfefd), bopen(&m, 1), b8(&m, 0xee), bclose(&m), bclose(&m);
    cr_assert_eq(decode_bld(&m, 0, 0, &d), 0, "%s", d.error); /* hello_verify_request */
    cr_assert_str_eq(jstr(d.fields, "/cookie"), "ee");
    tt_decoded_free(&d);
    bmsg(&m, 254);
    for (int i = 0; i < 32; i++)
        b8(&m, 0);
    bclose(&m);
    cr_assert_eq(decode_bld(&m, 1, 0, &d), 0, "%s", d.error); /* message_hash */
    cr_assert_eq(strlen(jstr(d.fields, "/hash")), 64);
    tt_decoded_free(&d);
    bmsg(&m, 99), b8(&m, 1), bclose(&m);
    cr_assert_eq(decode_bld(&m, 0, 0, &d), 0, "%s", d.error); /* unknown type: hex */
    cr_assert_str_eq(jstr(d.fields, "/hex"), "01");
    tt_decoded_free(&d);
}

Test(wire, long_lists_are_capped_but_still_checked)
{
    bld m;
    bmsg(&m, 13); /* a TLS 1.2 CertificateRequest with 2000 signature schemes */
    b8(&m, 1), b8(&m, 64);
    bopen(&m, 2);
    for (int i = 0; i < 2000; i++)
        b16(&m, 0x0403);
    bclose(&m);
    b16(&m, 0);
    bclose(&m);
    tt_decoded d;
    cr_assert_eq(decode_bld(&m, 0, 0, &d), 0, "%s", d.error);
    cr_assert_eq(jsize(d.fields, "/signature_schemes"), 1024);
    cr_assert_eq(jnum(d.fields, "/signature_schemes_omitted"), 2000 - 1024);
    tt_decoded_free(&d);
}

/* ---------------------------------------------------------------------------------------------
 * Random input
 * --------------------------------------------------------------------------------------------- */

static uint64_t rng_state;
static uint32_t rng(void)
{
    /* xorshift64*: small, seeded, the same sequence on every run */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545f4914f6cdd1dULL) >> 32);
}

static void decode_any(const uint8_t *p, size_t n, const tt_wire_ctx *ctx)
{
    tt_decoded d;
    int rc = tt_wire_handshake(p, n, ctx, &d);
    cr_assert(rc == 0 || rc == -1);
    cr_assert((rc == 0) == (d.error[0] == '\0'), "rc %d, error \"%s\"", rc, d.error);
    cr_assert_lt(strlen(d.error), sizeof(d.error));
    cr_assert_null(strchr(d.error, '\n'), "one line");
    check_spans(&d, n);
    tt_decoded_free(&d);
}

Test(wire, random_bytes_are_rejected_or_decoded_without_crashing)
{
    static const uint16_t suites[] = {0,      0x1301, 0x1302, 0xc02b, 0xc030, 0x009e, 0x009c,
                                      0x00a8, 0xc037, 0x00aa, 0x00ac, 0xc0ff, 0x0034};
    rng_state = 0x7e57c0de;
    uint8_t buf[700];
    for (int iter = 0; iter < 4000; iter++) {
        size_t n = rng() % sizeof(buf);
        for (size_t i = 0; i < n; i++)
            buf[i] = (uint8_t)rng();
        if (n >= 4 && iter % 2 == 0) { /* half of them with a consistent header */
            buf[0] = (uint8_t)(rng() % 27);
            buf[1] = 0, buf[2] = (uint8_t)((n - 4) >> 8), buf[3] = (uint8_t)(n - 4);
        }
        tt_wire_ctx ctx = {.tls13 = (int)(rng() & 1),
                           .cipher_suite = suites[rng() % (sizeof(suites) / sizeof(suites[0]))]};
        uint8_t *copy = malloc(n ? n : 1);
        memcpy(copy, buf, n);
        decode_any(copy, n, &ctx);
        tt_decoded d;
        tt_wire_alert(copy, n, &d), tt_decoded_free(&d);
        tt_wire_ccs(copy, n, &d), tt_decoded_free(&d);
        tt_record_hdr h;
        char err[96];
        tt_wire_record_header(copy, n, &h, err, sizeof(err));
        free(copy);
    }
}

static void mutate_each(const char *file, const bytes *b, const tt_wire_ctx *ctx)
{
    (void)file;
    uint8_t *copy = malloc(b->len);
    for (int iter = 0; iter < 60; iter++) {
        memcpy(copy, b->p, b->len);
        int flips = 1 + (int)(rng() % 4);
        for (int k = 0; k < flips; k++) {
            size_t at = 4 + rng() % (b->len > 4 ? b->len - 4 : 1);
            if (at < b->len)
                copy[at] = (uint8_t)rng();
        }
        decode_any(copy, b->len, ctx);
        tt_wire_ctx other = {.tls13 = !ctx->tls13, .cipher_suite = ctx->cipher_suite};
        decode_any(copy, b->len, &other);
    }
    free(copy);
}

Test(wire, mutated_real_messages_are_rejected_or_decoded_without_crashing)
{
    rng_state = 0x5eed;
    for (size_t i = 0; i < N_SCENARIOS; i++)
        walk_scenario(scenarios[i], mutate_each);
}

/* ---------------------------------------------------------------------------------------------
 * Reassembly
 * --------------------------------------------------------------------------------------------- */

/* The server's handshake messages of tls13_basic, concatenated as they went on the wire. */
static const char *const server_flight[] = {
    "tls13_basic/s_server_hello.hex", "tls13_basic/s_encrypted_extensions.hex",
    "tls13_basic/s_certificate.hex",  "tls13_basic/s_certificate_verify.hex",
    "tls13_basic/s_finished.hex",     "tls13_basic/s_new_session_ticket.hex",
};
#define N_FLIGHT (sizeof(server_flight) / sizeof(server_flight[0]))

Test(reasm, split_byte_by_byte_gives_back_every_message)
{
    bytes msgs[N_FLIGHT];
    uint8_t stream[8192];
    size_t total = 0;
    for (size_t i = 0; i < N_FLIGHT; i++) {
        msgs[i] = load_hex(server_flight[i]);
        memcpy(stream + total, msgs[i].p, msgs[i].len);
        total += msgs[i].len;
    }
    tt_hs_reasm r;
    tt_hs_reasm_init(&r, 16384);
    size_t got = 0, done = 0;
    for (size_t i = 0; i < total; i++) {
        cr_assert_eq(tt_hs_reasm_push(&r, stream + i, 1), 0);
        uint8_t *m;
        size_t len;
        int rc;
        while ((rc = tt_hs_reasm_next(&r, &m, &len)) == 1) {
            cr_assert_lt(got, N_FLIGHT);
            cr_assert_eq(len, msgs[got].len);
            cr_assert_eq(memcmp(m, msgs[got].p, len), 0);
            free(m);
            done += msgs[got++].len;
        }
        cr_assert_eq(rc, 0);
        cr_assert_eq(tt_hs_reasm_pending(&r), i + 1 > done, "after byte %zu", i);
    }
    cr_assert_eq(got, N_FLIGHT);
    tt_hs_reasm_free(&r);
    for (size_t i = 0; i < N_FLIGHT; i++)
        free(msgs[i].p);
}

Test(reasm, two_messages_in_one_record)
{
    bytes a = load_hex("tls12_rsa/s_certificate.hex");
    bytes b = load_hex("tls12_rsa/s_server_hello_done.hex");
    uint8_t rec[4096];
    memcpy(rec, a.p, a.len);
    memcpy(rec + a.len, b.p, b.len);
    tt_hs_reasm r;
    tt_hs_reasm_init(&r, 16384);
    cr_assert_eq(tt_hs_reasm_push(&r, rec, a.len + b.len), 0);
    uint8_t *m;
    size_t len;
    cr_assert_eq(tt_hs_reasm_next(&r, &m, &len), 1);
    cr_assert_eq(len, a.len);
    cr_assert_eq(m[0], 11);
    free(m);
    cr_assert_eq(tt_hs_reasm_next(&r, &m, &len), 1);
    cr_assert_eq(len, 4);
    cr_assert_eq(m[0], 14);
    free(m);
    cr_assert_eq(tt_hs_reasm_next(&r, &m, &len), 0);
    cr_assert_null(m);
    cr_assert_not(tt_hs_reasm_pending(&r));
    tt_hs_reasm_free(&r);
    free(a.p);
    free(b.p);
}

Test(reasm, oversize_message_is_refused)
{
    tt_hs_reasm r;
    tt_hs_reasm_init(&r, 1000);
    const uint8_t hdr[] = {11, 0x00, 0x13, 0x88}; /* announces 5000 bytes */
    cr_assert_eq(tt_hs_reasm_push(&r, hdr, 2), 0, "half a header says nothing yet");
    cr_assert_eq(tt_hs_reasm_push(&r, hdr + 2, 2), -1);
    uint8_t *m;
    size_t len;
    cr_assert_eq(tt_hs_reasm_next(&r, &m, &len), -1);
    tt_hs_reasm_free(&r);

    /* a message of exactly max fits */
    tt_hs_reasm_init(&r, 8);
    const uint8_t four[] = {20, 0, 0, 4, 1, 2, 3, 4};
    cr_assert_eq(tt_hs_reasm_push(&r, four, sizeof(four)), 0);
    cr_assert_eq(tt_hs_reasm_next(&r, &m, &len), 1);
    free(m);
    tt_hs_reasm_free(&r);

    /* a caller that never drains is stopped too */
    tt_hs_reasm_init(&r, 64);
    static uint8_t zeros[TT_RECORD_MAX_FRAGMENT]; /* hello_requests, 4 bytes each */
    cr_assert_eq(tt_hs_reasm_push(&r, zeros, sizeof(zeros)), 0);
    cr_assert_eq(tt_hs_reasm_push(&r, zeros, sizeof(zeros)), -1);
    tt_hs_reasm_free(&r);
}

Test(reasm, a_partial_message_is_pending)
{
    tt_hs_reasm r;
    tt_hs_reasm_init(&r, 100);
    const uint8_t part[] = {20, 0, 0, 12, 1, 2};
    cr_assert_not(tt_hs_reasm_pending(&r));
    cr_assert_eq(tt_hs_reasm_push(&r, part, sizeof(part)), 0);
    cr_assert(tt_hs_reasm_pending(&r));
    uint8_t *m;
    size_t len;
    cr_assert_eq(tt_hs_reasm_next(&r, &m, &len), 0);
    cr_assert_eq(tt_hs_reasm_push(&r, NULL, 0), 0);
    tt_hs_reasm_free(&r);
}
