/* The wire parser on real messages written by Mbed TLS 3.6 (tests/vectors/mbedtls/, captured by
 * capture.sh from `tlstrace demo --all`). The expectations come from the classroom PKI and the
 * RFCs (sizes of x25519 shares, Finished lengths, the ECDSA P-256 scheme), not from the parser. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt_wire.h"

#define VEC_DIR TT_SOURCE_DIR "/tests/vectors/mbedtls"

static uint8_t *unhex(const char *h, size_t *n)
{
    size_t len = strlen(h) / 2;
    uint8_t *b = malloc(len ? len : 1);
    for (size_t i = 0; i < len; i++) {
        unsigned v;
        sscanf(h + 2 * i, "%2x", &v);
        b[i] = (uint8_t)v;
    }
    *n = len;
    return b;
}

typedef void (*check_fn)(const char *file, const char *hs_type, const char *from, int tls13,
                         const cJSON *fields);

static const cJSON *get(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

static const char *name_of(const cJSON *o, const char *k)
{
    const cJSON *n = get(get(o, k), "name");
    return cJSON_IsString(n) ? n->valuestring : "";
}

/* Decodes every vector; each must be well formed; `check` looks at the fields. Returns the count. */
static int for_each_vector(check_fn check)
{
    DIR *d = opendir(VEC_DIR);
    cr_assert_not_null(d, "no %s", VEC_DIR);
    struct dirent *de;
    int count = 0;
    while ((de = readdir(d))) {
        if (!strstr(de->d_name, ".jsonl"))
            continue;
        char path[1024], line[65536];
        snprintf(path, sizeof(path), "%s/%s", VEC_DIR, de->d_name);
        FILE *f = fopen(path, "r");
        cr_assert_not_null(f);
        while (fgets(line, sizeof(line), f)) {
            cJSON *v = cJSON_Parse(line);
            cr_assert_not_null(v, "%s: bad line", de->d_name);
            size_t n;
            uint8_t *msg = unhex(get(v, "hex")->valuestring, &n);
            tt_wire_ctx ctx = {.tls13 = cJSON_IsTrue(get(v, "tls13")),
                               .cipher_suite = (uint16_t)get(v, "suite")->valueint};
            tt_decoded dec;
            const char *hs = get(v, "hs_type")->valuestring;
            int rc = tt_wire_handshake(msg, n, &ctx, &dec);
            cr_expect_eq(rc, 0, "%s %s: %s", de->d_name, hs, dec.error);
            cr_expect_str_eq(dec.error, "");
            check(de->d_name, hs, get(v, "from")->valuestring, ctx.tls13, dec.fields);
            tt_decoded_free(&dec);
            free(msg);
            cJSON_Delete(v);
            count++;
        }
        fclose(f);
    }
    closedir(d);
    return count;
}

static void check_fields(const char *file, const char *hs, const char *from, int tls13,
                         const cJSON *f)
{
    if (!strcmp(hs, "client_hello")) {
        cr_expect_str_eq(name_of(f, "legacy_version"), "TLS 1.2", "%s", file);
        cr_expect_eq(strlen(get(f, "random")->valuestring), 64);
        cr_expect_gt(cJSON_GetArraySize(get(f, "cipher_suites")), 0);
    } else if (!strcmp(hs, "server_hello")) {
        if (!strstr(file, "version-mismatch"))
            cr_expect_str_eq(name_of(f, "selected_version"),
                             strstr(file, "tls1.3") ? "TLS 1.3" : "TLS 1.2", "%s", file);
    } else if (!strcmp(hs, "certificate")) {
        const cJSON *certs = get(f, "certificates");
        if (!strcmp(from, "server")) {
            cr_expect_eq(cJSON_GetArraySize(certs), 1, "%s", file);
            const cJSON *x = get(cJSON_GetArrayItem(certs, 0), "x509");
            const char *want = strstr(file, "wrong-host") ? "CN=not-the-server.example"
                                                          : "CN=tlstrace-demo.local";
            cr_expect(strstr(get(x, "subject")->valuestring, want) != NULL, "%s: %s", file,
                      get(x, "subject")->valuestring);
            cr_expect_str_eq(get(get(x, "key"), "curve")->valuestring, "secp256r1");
        } else if (strstr(file, "no-client-cert")) {
            cr_expect_eq(cJSON_GetArraySize(certs), 0, "%s: the client had no certificate", file);
        } else {
            const cJSON *x = get(cJSON_GetArrayItem(certs, 0), "x509");
            cr_expect(strstr(get(x, "subject")->valuestring, "CN=tlstrace demo client") != NULL);
        }
    } else if (!strcmp(hs, "certificate_verify")) {
        /* Every demo key is ECDSA P-256 (RFC 8446 §4.2.3: ecdsa_secp256r1_sha256). */
        cr_expect_str_eq(name_of(f, "signature_scheme"), "ecdsa_secp256r1_sha256", "%s", file);
    } else if (!strcmp(hs, "finished")) {
        /* RFC 5246 §7.4.9: 12 bytes; RFC 8446 §4.4.4: the hash length (32 for SHA-256 suites,
         * 48 for SHA-384). */
        size_t len = strlen(get(f, "verify_data")->valuestring) / 2;
        if (tls13)
            cr_expect(len == 32 || len == 48, "%s: %zu", file, len);
        else
            cr_expect_eq(len, 12, "%s", file);
    } else if (!strcmp(hs, "server_key_exchange")) {
        cr_expect_str_eq(name_of(f, "named_group"), "x25519", "%s", file);
        cr_expect_eq(get(f, "public_key_length")->valueint, 32);
    } else if (!strcmp(hs, "client_key_exchange")) {
        cr_expect_eq(get(f, "public_key_length")->valueint, 32, "%s", file);
    } else if (!strcmp(hs, "certificate_request") && !tls13) {
        cr_expect_str_eq(cJSON_GetArrayItem(get(f, "certificate_authorities"), 0)->valuestring,
                         "O=tlstrace demo PKI (not for production), CN=tlstrace demo root CA");
    }
}

Test(wire_engine, decodes_every_message_mbedtls_wrote)
{
    int n = for_each_vector(check_fields);
    /* 17 demo sessions; a successful TLS 1.3 mutual run alone sends 11 messages. */
    cr_expect_gt(n, 100, "only %d vectors", n);
}

static int seen[32];
static void count_types(const char *file, const char *hs, const char *from, int tls13,
                        const cJSON *f)
{
    static const char *types[] = {"client_hello", "server_hello", "encrypted_extensions",
                                  "certificate", "certificate_request", "server_key_exchange",
                                  "server_hello_done", "client_key_exchange",
                                  "certificate_verify", "finished", "new_session_ticket"};
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        if (!strcmp(types[i], hs))
            seen[i]++;
}

static void count_nothing(const char *file, const char *hs, const char *from, int tls13,
                          const cJSON *f)
{
}

Test(wire_engine, the_vectors_cover_every_message_type)
{
    memset(seen, 0, sizeof(seen));
    for_each_vector(count_types);
    for (int i = 0; i < 11; i++)
        cr_expect_gt(seen[i], 0, "message type #%d never captured", i);
}

/* Every vector cut short at every length must fail with a reason, never pass as a shorter
 * message. Returns the number of vectors cut. */
static int truncations_of_file(const char *name)
{
    char path[1024], line[65536];
    snprintf(path, sizeof(path), "%s/%s", VEC_DIR, name);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "%s", path);
    int count = 0;
    while (fgets(line, sizeof(line), f)) {
        cJSON *v = cJSON_Parse(line);
        cr_assert_not_null(v, "%s: bad line", name);
        size_t n;
        uint8_t *msg = unhex(get(v, "hex")->valuestring, &n);
        tt_wire_ctx ctx = {.tls13 = cJSON_IsTrue(get(v, "tls13")),
                           .cipher_suite = (uint16_t)get(v, "suite")->valueint};
        for (size_t cut = 0; cut < n; cut++) {
            uint8_t *copy = malloc(cut ? cut : 1);
            memcpy(copy, msg, cut);
            tt_decoded dec;
            int rc = tt_wire_handshake(copy, cut, &ctx, &dec);
            cr_expect_eq(rc, -1, "%s %s cut at %zu accepted", name, get(v, "hs_type")->valuestring,
                         cut);
            cr_expect_neq(dec.error[0], '\0');
            tt_decoded_free(&dec);
            free(copy);
        }
        free(msg);
        cJSON_Delete(v);
        count++;
    }
    fclose(f);
    return count;
}

Test(wire_engine, every_truncation_of_every_vector_is_rejected_cleanly, .timeout = 120)
{
    DIR *d = opendir(VEC_DIR);
    cr_assert_not_null(d, "no %s", VEC_DIR);
    struct dirent *de;
    int files = 0, vectors = 0;
    while ((de = readdir(d))) {
        if (!strstr(de->d_name, ".jsonl"))
            continue;
        vectors += truncations_of_file(de->d_name);
        files++;
    }
    closedir(d);
    /* Every scenario in both versions (capture.sh): 17 files when this was written. */
    cr_expect_geq(files, 17, "only %d vector files", files);
    cr_expect_eq(vectors, for_each_vector(count_nothing), "every vector was cut");
}
