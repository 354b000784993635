/* The classroom PKI: the keys and certificates the demo scenarios use, made with Mbed TLS's
 * x509write API so that no other tool is needed.
 *
 * Deterministic mode (seed != NULL): every file gets its own CTR_DRBG, personalised with the
 * file's name and fed "entropy" that is a SHA-256 stream of the seed. Key generation, serial
 * numbers and the ECDSA blinding all draw from it, and ECDSA signatures are deterministic
 * (RFC 6979, MBEDTLS_ECDSA_DETERMINISTIC), so the same seed gives the same files byte for byte,
 * and adding a --host changes only the certificates that carry the host names.
 * Random mode (seed == NULL): the same DRBGs, seeded from mbedtls_entropy.
 *
 * Everything is generated in memory first; then each file is written to a temporary name in the
 * target directory and renamed over the final name, so a failure never leaves a torn file. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "tt_pki.h"
#include "tt_demo.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>
#include <mbedtls/x509_crt.h>
#include <psa/crypto.h>

/* ---- What is generated: one row per certificate -------------------------------------------- */

#define ORG_DEMO "O=tlstrace demo PKI (not for production)"
#define ORG_OTHER "O=tlstrace other PKI (not for production)"
#define DEMO_HOST "tlstrace-demo.local"

typedef enum {
    USE_CA,         /* a root: keyCertSign + cRLSign, CA:true */
    USE_SERVER,     /* serverAuth, SANs: the demo names + every --host */
    USE_CLIENT,     /* clientAuth, no SAN */
    USE_WRONG_HOST, /* serverAuth, SAN: only "not-the-server.example" */
} pki_use;

enum { I_ROOT, I_SERVER, I_CLIENT, I_EXPIRED, I_OTHER_CA, I_OTHER_SERVER, I_WRONG_HOST, N_SPECS };

/* Validity (RFC 5280 §4.1.2.5), in the "YYYYMMDDhhmmss" form x509write takes. */
#define VALID_FROM "20250101000000"
#define VALID_TO "20450101000000"
#define EXPIRED_FROM "20200101000000"
#define EXPIRED_TO "20210101000000"

static const struct pki_spec {
    const char *name;    /* NAME.crt and NAME.key */
    const char *subject; /* Mbed TLS name string, most significant first */
    int issuer;          /* row index of the signer (itself for a root) */
    pki_use use;
    const char *not_before, *not_after;
    const char *what; /* README.txt: what it is and which scenario uses it */
} specs[N_SPECS] = {
    [I_ROOT] = {"root-ca", ORG_DEMO ",CN=tlstrace demo root CA", I_ROOT, USE_CA, VALID_FROM,
                VALID_TO,
                "The trusted root CA (self-signed, CA:true). Clients load root-ca.crt to trust\n"
                "    the server (--ca); a server asking for client certificates loads it to trust\n"
                "    client.crt. Used by every scenario."},
    [I_SERVER] = {"server", ORG_DEMO ",CN=" DEMO_HOST, I_ROOT, USE_SERVER, VALID_FROM, VALID_TO,
                  "The demo server (serverAuth), signed by the root, for the names below.\n"
                  "    Scenarios: basic and mutual, TLS 1.2 and 1.3."},
    [I_CLIENT] = {"client", ORG_DEMO ",CN=tlstrace demo client", I_ROOT, USE_CLIENT, VALID_FROM,
                  VALID_TO,
                  "The demo client (clientAuth), signed by the root.\n"
                  "    Scenarios: mutual (the client proves who it is)."},
    [I_EXPIRED] = {"expired", ORG_DEMO ",CN=" DEMO_HOST, I_ROOT, USE_SERVER, EXPIRED_FROM,
                   EXPIRED_TO,
                   "Like server.crt, but its validity ended on 2021-01-01.\n"
                   "    Scenario: expired certificate (verification fails: expired)."},
    [I_OTHER_CA] = {"other-ca", ORG_OTHER ",CN=tlstrace other root CA", I_OTHER_CA, USE_CA,
                    VALID_FROM, VALID_TO,
                    "A second root CA that nobody is told to trust (self-signed, CA:true).\n"
                    "    Only there to sign other-server.crt."},
    [I_OTHER_SERVER] = {"other-server", ORG_OTHER ",CN=" DEMO_HOST, I_OTHER_CA, USE_SERVER,
                        VALID_FROM, VALID_TO,
                        "A server certificate for the same names, signed by other-ca.\n"
                        "    Scenario: untrusted CA (verification fails: not trusted)."},
    [I_WRONG_HOST] = {"wrong-host", ORG_DEMO ",CN=not-the-server.example", I_ROOT, USE_WRONG_HOST,
                      VALID_FROM, VALID_TO,
                      "A valid server certificate, signed by the root, but only for\n"
                      "    \"not-the-server.example\". Scenario: hostname mismatch."},
};

/* The names every server certificate carries, before the --host names. */
static const char *const default_hosts[] = {DEMO_HOST, "localhost", "127.0.0.1"};

/* ---- Errors -------------------------------------------------------------------------------- */

#if defined(__GNUC__)
#define PKI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PKI_PRINTF(f, a)
#endif

static int pki_fail(char *err, size_t errlen, const char *fmt, ...) PKI_PRINTF(3, 4);
static int pki_fail(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        int n = snprintf(err, errlen, "pki: ");
        va_list ap;
        va_start(ap, fmt);
        if (n >= 0 && (size_t)n < errlen)
            vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* The single place Mbed TLS codes become our messages: "<step>: <strerror> (-0xNNNN)". */
static int pki_fail_mbed(char *err, size_t errlen, const char *step, const char *file, int rc)
{
    char msg[128];
    mbedtls_strerror(rc, msg, sizeof msg);
    return pki_fail(err, errlen, "%s %s: %s (-0x%04X)", step, file, msg, (unsigned)-rc);
}

/* ---- Randomness ---------------------------------------------------------------------------- */

/* The "entropy" of deterministic mode: SHA-256(domain || seed || block counter), block after
 * block. Only used to seed a CTR_DRBG, never as a key by itself. */
typedef struct seed_src {
    const char *seed;
    uint32_t block;
    unsigned char out[32];
    size_t used;
} seed_src;

static int seed_entropy(void *ctx, unsigned char *buf, size_t len)
{
    static const char domain[] = "tlstrace classroom pki seed";
    seed_src *s = ctx;
    while (len > 0) {
        if (s->used == sizeof s->out) {
            unsigned char ctr[4] = {(unsigned char)(s->block >> 24),
                                    (unsigned char)(s->block >> 16), (unsigned char)(s->block >> 8),
                                    (unsigned char)s->block};
            mbedtls_sha256_context h;
            mbedtls_sha256_init(&h);
            int rc = mbedtls_sha256_starts(&h, 0);
            if (!rc)
                rc = mbedtls_sha256_update(&h, (const unsigned char *)domain, sizeof domain);
            if (!rc)
                rc = mbedtls_sha256_update(&h, (const unsigned char *)s->seed, strlen(s->seed) + 1);
            if (!rc)
                rc = mbedtls_sha256_update(&h, ctr, sizeof ctr);
            if (!rc)
                rc = mbedtls_sha256_finish(&h, s->out);
            mbedtls_sha256_free(&h);
            if (rc)
                return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
            s->block++;
            s->used = 0;
        }
        size_t n = sizeof s->out - s->used;
        if (n > len)
            n = len;
        memcpy(buf, s->out + s->used, n);
        s->used += n;
        buf += n;
        len -= n;
    }
    return 0;
}

/* One DRBG per file; `label` (the file's name) personalises it (NIST SP 800-90A §8.7.1). */
typedef struct pki_rng {
    mbedtls_ctr_drbg_context drbg;
    seed_src src;
} pki_rng;

static int rng_seed(pki_rng *r, const char *seed, mbedtls_entropy_context *entropy,
                    const char *label)
{
    char pers[64];
    snprintf(pers, sizeof pers, "tlstrace pki v1 %s", label);
    if (seed) {
        r->src.seed = seed;
        r->src.block = 0;
        r->src.used = sizeof r->src.out;
        return mbedtls_ctr_drbg_seed(&r->drbg, seed_entropy, &r->src, (const unsigned char *)pers,
                                     strlen(pers));
    }
    return mbedtls_ctr_drbg_seed(&r->drbg, mbedtls_entropy_func, entropy,
                                 (const unsigned char *)pers, strlen(pers));
}

/* ---- Host names ---------------------------------------------------------------------------- */

typedef struct pki_host {
    const char *name; /* as given */
    unsigned char ip[16];
    size_t iplen; /* 4 or 16 for an address, 0 for a DNS name */
} pki_host;

static int host_parse(const char *name, pki_host *h)
{
    h->name = name;
    h->iplen = 0;
    if (inet_pton(AF_INET, name, h->ip) == 1)
        h->iplen = 4;
    else if (inet_pton(AF_INET6, name, h->ip) == 1)
        h->iplen = 16;
    if (h->iplen)
        return 0;
    /* RFC 1035 §2.3.1 letters, digits, hyphens and dots; '*' for a wildcard label and '_' as
     * found in practice. Anything else is refused rather than written into a certificate. */
    size_t n = strlen(name);
    if (n == 0 || n > 253 || name[0] == '.' || name[0] == '-')
        return -1;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.' || c == '*' || c == '_'))
            return -1;
    }
    return 0;
}

static int host_same(const pki_host *a, const pki_host *b)
{
    if (a->iplen || b->iplen)
        return a->iplen == b->iplen && memcmp(a->ip, b->ip, a->iplen) == 0;
    return strcasecmp(a->name, b->name) == 0;
}

/* A printable copy of a rejected host for the error message. */
static void host_printable(const char *name, char *out, size_t outlen)
{
    size_t n = 0;
    for (; *name && n + 1 < outlen && n < 64; name++)
        out[n++] = (*name >= 0x20 && *name < 0x7F) ? *name : '?';
    out[n] = '\0';
}

/* ---- Files --------------------------------------------------------------------------------- */

static char *path_join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    char *p = malloc(dl + nl + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, dl);
    size_t k = dl;
    if (dl == 0 || dir[dl - 1] != '/')
        p[k++] = '/';
    memcpy(p + k, name, nl + 1);
    return p;
}

/* mkdir -p: creates every missing directory of the path. */
static int make_dirs(const char *dir, char *err, size_t errlen)
{
    size_t n = strlen(dir);
    char *p = malloc(n + 1);
    if (!p)
        return pki_fail(err, errlen, "cannot create directory %s: out of memory", dir);
    memcpy(p, dir, n + 1);
    int rc = 0;
    for (size_t i = 1; i <= n && rc == 0; i++) {
        if (p[i] != '/' && p[i] != '\0')
            continue;
        char saved = p[i];
        p[i] = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST)
            rc = pki_fail(err, errlen, "cannot create directory %s: %s", p, strerror(errno));
        p[i] = saved;
    }
    struct stat st;
    if (rc == 0 && stat(dir, &st) != 0)
        rc = pki_fail(err, errlen, "cannot create directory %s: %s", dir, strerror(errno));
    else if (rc == 0 && !S_ISDIR(st.st_mode))
        rc = pki_fail(err, errlen, "cannot create directory %s: %s", dir, strerror(ENOTDIR));
    free(p);
    return rc;
}

/* Writes DIR/NAME through a temporary file in DIR and rename(2), so readers see either the old
 * file or the whole new one. */
static int write_file(const char *dir, const char *name, const void *data, size_t len, mode_t mode,
                      char *err, size_t errlen)
{
    int rc = -1, fd = -1, cfd, saved = 0;
    const unsigned char *p = data;
    size_t left = len;
    char *path = path_join(dir, name);
    char tmpname[64];
    snprintf(tmpname, sizeof tmpname, ".%s.tmpXXXXXX", name);
    char *tmp = path_join(dir, tmpname);
    if (!path || !tmp) {
        pki_fail(err, errlen, "cannot write %s/%s: out of memory", dir, name);
        goto out;
    }
    fd = mkstemp(tmp);
    if (fd < 0) {
        saved = errno;
        goto io_error;
    }
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            saved = w < 0 ? errno : EIO;
            goto io_error;
        }
        p += w;
        left -= (size_t)w;
    }
    if (fchmod(fd, mode) != 0 || fsync(fd) != 0) {
        saved = errno;
        goto io_error;
    }
    cfd = fd;
    fd = -1;
    if (close(cfd) != 0) {
        saved = errno;
        goto io_error;
    }
    if (rename(tmp, path) != 0) {
        saved = errno;
        goto io_error;
    }
    rc = 0;
    goto out;
io_error:
    pki_fail(err, errlen, "cannot write %s: %s", path, strerror(saved));
    if (fd >= 0)
        close(fd);
    fd = -1;
    unlink(tmp); /* harmless when mkstemp failed: the template names no file */
out:
    if (fd >= 0)
        close(fd);
    free(path);
    free(tmp);
    return rc;
}

/* ---- A growing text buffer for README.txt -------------------------------------------------- */

typedef struct text {
    char *s;
    size_t n, cap;
    int oom;
} text;

static void text_add(text *t, const char *fmt, ...) PKI_PRINTF(2, 3);
static void text_add(text *t, const char *fmt, ...)
{
    if (t->oom)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(t->s ? t->s + t->n : NULL, t->s ? t->cap - t->n : 0, fmt, ap);
        va_end(ap);
        if (k < 0) {
            t->oom = 1;
            return;
        }
        if (t->s && (size_t)k < t->cap - t->n) {
            t->n += (size_t)k;
            return;
        }
        size_t cap = (t->cap ? t->cap * 2 : 4096) + (size_t)k;
        char *s = realloc(t->s, cap);
        if (!s) {
            t->oom = 1;
            return;
        }
        t->s = s;
        t->cap = cap;
    }
}

/* ---- Generation ---------------------------------------------------------------------------- */

#define CRT_PEM_MAX 4096
#define KEY_PEM_MAX 1024

typedef struct pki_item {
    mbedtls_pk_context key;
    pki_rng rng;
    unsigned char crt[CRT_PEM_MAX];
    unsigned char keypem[KEY_PEM_MAX];
} pki_item;

static void iso_date(const char *x509w, char *out, size_t outlen)
{
    /* "YYYYMMDDhhmmss" -> "YYYY-MM-DD" for README.txt */
    snprintf(out, outlen, "%.4s-%.2s-%.2s", x509w, x509w + 4, x509w + 6);
}

/* Signs row i with its issuer's key and stores the PEM in items[i].crt. */
static int make_cert(pki_item *items, int i, const mbedtls_x509_san_list *server_sans, char *err,
                     size_t errlen)
{
    const struct pki_spec *sp = &specs[i];
    pki_item *it = &items[i];
    char file[64];
    snprintf(file, sizeof file, "%s.crt", sp->name);
    mbedtls_x509write_cert w;
    mbedtls_x509write_crt_init(&w);
    int rc;
    const char *step = "cannot build";

    /* RFC 5280 §4.1.2.2: a positive serial of at most 20 octets, unpredictable. 16 random
     * bytes, top bit clear (positive) and second bit set (no leading zero octet). */
    unsigned char serial[16];
    if ((rc = mbedtls_ctr_drbg_random(&it->rng.drbg, serial, sizeof serial)) != 0)
        goto fail;
    serial[0] = (unsigned char)((serial[0] & 0x7F) | 0x40);

    mbedtls_x509write_crt_set_version(&w, MBEDTLS_X509_CRT_VERSION_3);
    mbedtls_x509write_crt_set_md_alg(&w, MBEDTLS_MD_SHA256);
    mbedtls_x509write_crt_set_subject_key(&w, &it->key);
    mbedtls_x509write_crt_set_issuer_key(&w, &items[sp->issuer].key);
    if ((rc = mbedtls_x509write_crt_set_serial_raw(&w, serial, sizeof serial)) != 0 ||
        (rc = mbedtls_x509write_crt_set_subject_name(&w, sp->subject)) != 0 ||
        (rc = mbedtls_x509write_crt_set_issuer_name(&w, specs[sp->issuer].subject)) != 0 ||
        (rc = mbedtls_x509write_crt_set_validity(&w, sp->not_before, sp->not_after)) != 0)
        goto fail;

    /* RFC 5280 §4.2.1.9 basicConstraints, §4.2.1.1-2 authority/subject key identifiers. */
    int ca = sp->use == USE_CA;
    if ((rc = mbedtls_x509write_crt_set_basic_constraints(&w, ca, -1)) != 0 ||
        (rc = mbedtls_x509write_crt_set_subject_key_identifier(&w)) != 0 ||
        (rc = mbedtls_x509write_crt_set_authority_key_identifier(&w)) != 0)
        goto fail;

    /* §4.2.1.3 keyUsage: a CA signs certificates and CRLs; a TLS leaf with an ECDSA key only
     * signs (its handshake signature; ECDHE does the key exchange). */
    unsigned int ku = ca ? MBEDTLS_X509_KU_KEY_CERT_SIGN | MBEDTLS_X509_KU_CRL_SIGN
                         : MBEDTLS_X509_KU_DIGITAL_SIGNATURE;
    if ((rc = mbedtls_x509write_crt_set_key_usage(&w, ku)) != 0)
        goto fail;

    /* §4.2.1.12 extKeyUsage: serverAuth or clientAuth (RFC 5280 §4.2.1.12 id-kp 1 / 2). */
    if (!ca) {
        mbedtls_asn1_sequence eku;
        memset(&eku, 0, sizeof eku);
        eku.buf.tag = MBEDTLS_ASN1_OID;
        if (sp->use == USE_CLIENT) {
            eku.buf.p = (unsigned char *)MBEDTLS_OID_CLIENT_AUTH;
            eku.buf.len = MBEDTLS_OID_SIZE(MBEDTLS_OID_CLIENT_AUTH);
        } else {
            eku.buf.p = (unsigned char *)MBEDTLS_OID_SERVER_AUTH;
            eku.buf.len = MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH);
        }
        if ((rc = mbedtls_x509write_crt_set_ext_key_usage(&w, &eku)) != 0)
            goto fail;
    }

    /* §4.2.1.6 subjectAltName: what a client really checks the host name against. */
    if (sp->use == USE_SERVER) {
        if ((rc = mbedtls_x509write_crt_set_subject_alternative_name(&w, server_sans)) != 0)
            goto fail;
    } else if (sp->use == USE_WRONG_HOST) {
        static const char wrong[] = "not-the-server.example";
        mbedtls_x509_san_list one;
        memset(&one, 0, sizeof one);
        one.node.type = MBEDTLS_X509_SAN_DNS_NAME;
        one.node.san.unstructured_name.p = (unsigned char *)wrong;
        one.node.san.unstructured_name.len = sizeof wrong - 1;
        if ((rc = mbedtls_x509write_crt_set_subject_alternative_name(&w, &one)) != 0)
            goto fail;
    }

    step = "cannot sign";
    if ((rc = mbedtls_x509write_crt_pem(&w, it->crt, sizeof it->crt, mbedtls_ctr_drbg_random,
                                        &it->rng.drbg)) != 0)
        goto fail;
    mbedtls_x509write_crt_free(&w);
    return 0;
fail:
    mbedtls_x509write_crt_free(&w);
    return pki_fail_mbed(err, errlen, step, file, rc);
}

/* "O=x,CN=y" (the Mbed TLS input form) as "O=x, CN=y" (the form tlstrace shows names in). */
static void text_add_name(text *t, const char *name)
{
    for (const char *c = name; *c; c++)
        text_add(t, *c == ',' ? ", " : "%c", *c);
}

static void readme(text *t, const pki_host *hosts, size_t nhosts, const char *seed)
{
    text_add(t,
             "tlstrace classroom PKI\n"
             "======================\n\n"
             "DEMO KEYS - NEVER USE IN PRODUCTION.\n\n"
             "Every .key file here is a DEMO KEY - DO NOT USE IN PRODUCTION. These private keys\n"
             "are meant to be shown in class, published and copied: anyone who has them can\n"
             "impersonate every name below. Never trust root-ca.crt or other-ca.crt outside a\n"
             "demo.\n\n"
             "Made by `tlstrace pki` with Mbed TLS (x509write). Keys: ECDSA P-256, unencrypted\n"
             "PEM. Certificates: X.509 v3, signed with ecdsa-with-SHA256.\n");
    if (seed) {
        text_add(t,
                 "Generated deterministically from the seed \"%s\": the same command\n"
                 "gives the same files, byte for byte:\n    tlstrace pki DIR --seed \"%s\"",
                 seed, seed);
        for (size_t i = 0; i < nhosts; i++)
            text_add(t, " --host %s", hosts[i].name);
        text_add(t, "\n");
    } else {
        text_add(t, "Generated from fresh random numbers (no --seed).\n");
    }
    text_add(t, "\nNames in server.crt, expired.crt and other-server.crt (subjectAltName):\n   ");
    for (size_t i = 0; i < nhosts + 3; i++) {
        const char *name = i < 3 ? default_hosts[i] : hosts[i - 3].name;
        pki_host h;
        host_parse(name, &h);
        text_add(t, "%s %s:%s", i ? "," : "", h.iplen ? "IP" : "DNS", name);
    }
    text_add(t, "\n\nFiles\n-----\n");
    for (int i = 0; i < N_SPECS; i++) {
        char from[16], to[16];
        iso_date(specs[i].not_before, from, sizeof from);
        iso_date(specs[i].not_after, to, sizeof to);
        text_add(t, "\n%s.crt, %s.key\n    Subject: ", specs[i].name, specs[i].name);
        text_add_name(t, specs[i].subject);
        text_add(t, "\n    Issuer:  ");
        text_add_name(t, specs[specs[i].issuer].subject);
        text_add(t, "\n    Valid:   %s to %s\n    %s\n", from, to, specs[i].what);
    }
    text_add(t, "\nCheck them with openssl:\n"
                "    openssl x509 -noout -text -in server.crt\n"
                "    openssl verify -CAfile root-ca.crt server.crt client.crt   (OK)\n"
                "    openssl verify -CAfile root-ca.crt expired.crt             (expired)\n"
                "    openssl verify -CAfile root-ca.crt other-server.crt        (untrusted)\n");
}

int tt_pki_generate(const char *dir, const char *const *hosts, size_t nhosts, const char *seed,
                    char *err, size_t errlen)
{
    int rc = -1, ret;
    pki_item *items = NULL;
    pki_host *all = NULL; /* default names, then --host names, duplicates dropped */
    mbedtls_x509_san_list *sans = NULL;
    pki_host *given = NULL;
    size_t nall = 0, ngiven = 0;
    text readme_text = {0};
    mbedtls_entropy_context entropy;
    mbedtls_entropy_init(&entropy);

    if (err && errlen)
        err[0] = '\0';
    if (!dir || !*dir)
        return pki_fail(err, errlen, "no output directory given");
    if (nhosts && !hosts)
        return pki_fail(err, errlen, "host list missing");

    /* Mbed TLS 3.6: PSA must be up before any operation that may go through it. */
    if (psa_crypto_init() != PSA_SUCCESS)
        return pki_fail(err, errlen, "cannot initialise PSA crypto");

    all = calloc(nhosts + 3, sizeof *all);
    given = calloc(nhosts + 1, sizeof *given);
    sans = calloc(nhosts + 3, sizeof *sans);
    items = calloc(N_SPECS, sizeof *items);
    if (!all || !given || !sans || !items) {
        pki_fail(err, errlen, "out of memory");
        goto out;
    }
    for (int i = 0; i < N_SPECS; i++) {
        mbedtls_pk_init(&items[i].key);
        mbedtls_ctr_drbg_init(&items[i].rng.drbg);
    }

    /* The names of the server certificates: the demo names first, then each new --host. */
    for (size_t i = 0; i < nhosts + 3; i++) {
        const char *name = i < 3 ? default_hosts[i] : hosts[i - 3];
        pki_host h;
        if (!name || host_parse(name, &h) != 0) {
            char shown[72];
            host_printable(name ? name : "(null)", shown, sizeof shown);
            pki_fail(err, errlen, "host \"%s\" is neither a DNS name nor an IP address", shown);
            goto out;
        }
        int dup = 0;
        for (size_t j = 0; j < nall && !dup; j++)
            dup = host_same(&all[j], &h);
        if (dup)
            continue;
        all[nall++] = h;
        if (i >= 3)
            given[ngiven++] = h;
    }
    for (size_t i = 0; i < nall; i++) {
        mbedtls_x509_subject_alternative_name *n = &sans[i].node;
        if (all[i].iplen) {
            n->type = MBEDTLS_X509_SAN_IP_ADDRESS;
            n->san.unstructured_name.p = all[i].ip;
            n->san.unstructured_name.len = all[i].iplen;
        } else {
            n->type = MBEDTLS_X509_SAN_DNS_NAME;
            n->san.unstructured_name.p = (unsigned char *)all[i].name;
            n->san.unstructured_name.len = strlen(all[i].name);
        }
        /* x509write emits the list back to front: link it backwards so the certificate lists
         * the names in the order above. */
        sans[i].next = i > 0 ? &sans[i - 1] : NULL;
    }

    /* Keys first (issuers must exist before anything is signed), each from its own DRBG. */
    for (int i = 0; i < N_SPECS; i++) {
        pki_item *it = &items[i];
        char file[64];
        snprintf(file, sizeof file, "%s.key", specs[i].name);
        if ((ret = rng_seed(&it->rng, seed, &entropy, specs[i].name)) != 0) {
            pki_fail_mbed(err, errlen, "cannot seed the random generator for", file, ret);
            goto out;
        }
        if ((ret = mbedtls_pk_setup(&it->key, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY))) ||
            (ret = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(it->key),
                                       mbedtls_ctr_drbg_random, &it->rng.drbg)) ||
            (ret = mbedtls_pk_write_key_pem(&it->key, it->keypem, sizeof it->keypem))) {
            pki_fail_mbed(err, errlen, "cannot generate", file, ret);
            goto out;
        }
    }
    for (int i = 0; i < N_SPECS; i++)
        if (make_cert(items, i, &sans[nall - 1], err, errlen) != 0)
            goto out;

    readme(&readme_text, given, ngiven, seed);
    if (readme_text.oom) {
        pki_fail(err, errlen, "out of memory");
        goto out;
    }

    /* Everything exists in memory: now the files. Keys are private to their owner. */
    if (make_dirs(dir, err, errlen) != 0)
        goto out;
    for (int i = 0; i < N_SPECS; i++) {
        char kname[64], cname[64];
        snprintf(kname, sizeof kname, "%s.key", specs[i].name);
        snprintf(cname, sizeof cname, "%s.crt", specs[i].name);
        if (write_file(dir, kname, items[i].keypem, strlen((char *)items[i].keypem), 0600, err,
                       errlen) != 0 ||
            write_file(dir, cname, items[i].crt, strlen((char *)items[i].crt), 0644, err, errlen) !=
                0)
            goto out;
    }
    if (write_file(dir, "README.txt", readme_text.s, readme_text.n, 0644, err, errlen) != 0)
        goto out;
    rc = 0;

out:
    if (items) {
        for (int i = 0; i < N_SPECS; i++) {
            mbedtls_pk_free(&items[i].key);
            mbedtls_ctr_drbg_free(&items[i].rng.drbg);
            mbedtls_platform_zeroize(items[i].keypem, sizeof items[i].keypem);
            mbedtls_platform_zeroize(&items[i].rng.src, sizeof items[i].rng.src);
        }
        free(items);
    }
    mbedtls_entropy_free(&entropy);
    free(readme_text.s);
    free(sans);
    free(given);
    free(all);
    return rc;
}

static const char *const embedded_names[] = {"root-ca.crt", "server.crt", "server.key",
                                              "client.crt", "client.key", NULL};

int tt_pki_write_embedded(const char *dir, char *err, size_t errlen)
{
    for (int i = 0; embedded_names[i]; i++) {
        size_t len;
        const char *pem = tt_embedded_pki(embedded_names[i], &len);
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, embedded_names[i]);
        /* Keys: readable by the user only, as tlstrace pki writes them. */
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
        int bad = !pem || !f || fputs(pem, f) < 0;
        if (f)
            bad |= fclose(f) != 0;
        else if (fd >= 0)
            close(fd);
        if (bad) {
            snprintf(err, errlen, "cannot write %s", path);
            return -1;
        }
    }
    return 0;
}

void tt_pki_remove_embedded(const char *dir)
{
    char path[4096];
    for (int i = 0; embedded_names[i]; i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, embedded_names[i]);
        unlink(path);
    }
    rmdir(dir);
}
