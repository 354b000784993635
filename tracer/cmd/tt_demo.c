/* The demo engine: two Mbed TLS endpoints in one process over memory, stepped in turn the way Mbed
 * TLS's own tests drive them (mbedtls_ssl_handshake_step in a loop), each observed by a tap. */
#include "tt_demo.h"
#include "tt_words.h"
#include "tt_endpoint.h"
#include "tt_tables.h"
#include "tt_tap.h"
#include "tt_x509.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_ticket.h>
#include <mbedtls/version.h>
#include <mbedtls/x509_crt.h>
#include <psa/crypto.h>

/* ---------- in-memory pipe ---------- */

typedef struct pipe_buf {
    uint8_t *data;
    size_t len, cap, off;
    uint64_t total;     /* bytes ever written: progress detection */
    int closed;
} pipe_buf;

/* One endpoint's view: it writes to `tx` and reads from `rx`; with --pcap, what it writes also
 * goes into the capture (the bytes "on the wire" between the two). */
typedef struct endpoint_io {
    pipe_buf *tx, *rx;
    tt_pcap_tcp *pcap;
    int is_client;
} endpoint_io;

static int pipe_send(void *ctx, const unsigned char *buf, size_t len)
{
    endpoint_io *io = ctx;
    pipe_buf *p = io->tx;
    if (p->off > 0 && p->off == p->len)
        p->off = p->len = 0;
    if (p->len + len > p->cap) {
        size_t ncap = p->cap ? p->cap : 4096;
        while (ncap < p->len + len)
            ncap *= 2;
        uint8_t *n = realloc(p->data, ncap);
        if (!n)
            return MBEDTLS_ERR_SSL_ALLOC_FAILED;
        p->data = n;
        p->cap = ncap;
    }
    memcpy(p->data + p->len, buf, len);
    p->len += len;
    p->total += len;
    if (io->pcap)
        tt_pcap_tcp_data(io->pcap, io->is_client, buf, len, tt_pcap_now_us());
    return (int)len;
}

static int pipe_recv(void *ctx, unsigned char *buf, size_t len)
{
    endpoint_io *io = ctx;
    pipe_buf *p = io->rx;
    size_t avail = p->len - p->off;
    if (avail == 0)
        return MBEDTLS_ERR_SSL_WANT_READ;
    if (len > avail)
        len = avail;
    memcpy(buf, p->data + p->off, len);
    p->off += len;
    return (int)len;
}

/* ---------- environment ---------- */

typedef struct side_conf {
    mbedtls_ssl_config conf;
    mbedtls_x509_crt ca;
    mbedtls_x509_crt cert;
    mbedtls_pk_context key;
    int has_ca, has_cert;
    cJSON *ca_subject, *cert_subject; /* described once, for every session_start */
    int suites[8];
    int min_version, max_version; /* wire values 0x0303/0x0304 */
    int authmode;                 /* MBEDTLS_SSL_VERIFY_*: does this side check its peer */
    uint16_t groups[8];
} side_conf;

struct tt_demo_env {
    tt_demo_opts o;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_ssl_ticket_context ticket;
    side_conf client, server;
    int mutual;
    size_t peak_tap_mem;
};

/* Handshakes written to captures so far (every env): each gets its own client port. */
static unsigned pcap_runs;

static int load_file(const char *dir, const char *name, unsigned char **buf, size_t *len,
                     char *err, size_t errlen)
{
    if (!dir) {
        const char *s = tt_embedded_pki(name, len);
        if (!s) {
            snprintf(err, errlen, "built-in PKI: no file %s", name);
            return -1;
        }
        *buf = (unsigned char *)strdup(s);
        *len = strlen(s) + 1; /* Mbed TLS wants the NUL counted for PEM */
        return *buf ? 0 : -1;
    }
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 4096, n = 0;
    unsigned char *b = malloc(cap + 1);
    while (b) {
        size_t r = fread(b + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
        if (n == cap) {
            if (cap >= (1u << 20)) {
                snprintf(err, errlen, "%s: larger than 1 MiB, not a certificate or key", path);
                free(b);
                fclose(f);
                return -1;
            }
            unsigned char *nb = realloc(b, cap * 2 + 1);
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
    }
    int rerr = ferror(f);
    fclose(f);
    if (!b || rerr) {
        snprintf(err, errlen, "%s: cannot read", path);
        free(b);
        return -1;
    }
    b[n] = 0;
    *buf = b;
    *len = n + 1;
    return 0;
}

static void mbedtls_err(char *err, size_t errlen, const char *where, const char *name, int rc)
{
    char text[128];
    mbedtls_strerror(rc, text, sizeof(text));
    snprintf(err, errlen, "%s%s%s: %s (-0x%04X)", where ? where : "built-in PKI", where ? "/" : " ",
             name, text, (unsigned)-rc);
}

static int load_cert(tt_demo_env *env, mbedtls_x509_crt *crt, const char *stem, char *err,
                     size_t errlen)
{
    char name[64];
    snprintf(name, sizeof(name), "%s.crt", stem);
    unsigned char *buf;
    size_t len;
    if (load_file(env->o.pki_dir, name, &buf, &len, err, errlen) != 0)
        return -1;
    int rc = mbedtls_x509_crt_parse(crt, buf, len);
    free(buf);
    if (rc != 0) {
        mbedtls_err(err, errlen, env->o.pki_dir, name, rc);
        return -1;
    }
    return 0;
}

static int load_key(tt_demo_env *env, mbedtls_pk_context *pk, const char *stem, char *err,
                    size_t errlen)
{
    char name[64];
    snprintf(name, sizeof(name), "%s.key", stem);
    unsigned char *buf;
    size_t len;
    if (load_file(env->o.pki_dir, name, &buf, &len, err, errlen) != 0)
        return -1;
    int rc = mbedtls_pk_parse_key(pk, buf, len, NULL, 0, mbedtls_ctr_drbg_random, &env->drbg);
    mbedtls_platform_zeroize(buf, len);
    free(buf);
    if (rc != 0) {
        mbedtls_err(err, errlen, env->o.pki_dir, name, rc);
        return -1;
    }
    return 0;
}

/* A fixed-seed entropy source: reproducible bytes for recorded traces (TLS 1.2 only: the TLS 1.3
 * key shares come from PSA's own generator, see the notes). */
static int fixed_entropy(void *p, unsigned char *out, size_t len)
{
    const char *seed = p;
    size_t n = strlen(seed);
    for (size_t i = 0; i < len; i++)
        out[i] = (unsigned char)(n ? seed[i % n] ^ (unsigned char)i : (unsigned char)i);
    return 0;
}

static void side_init(side_conf *s)
{
    memset(s, 0, sizeof(*s));
    mbedtls_ssl_config_init(&s->conf);
    mbedtls_x509_crt_init(&s->ca);
    mbedtls_x509_crt_init(&s->cert);
    mbedtls_pk_init(&s->key);
}

static void side_free(side_conf *s)
{
    cJSON_Delete(s->ca_subject);
    cJSON_Delete(s->cert_subject);
    mbedtls_ssl_config_free(&s->conf);
    mbedtls_x509_crt_free(&s->ca);
    mbedtls_x509_crt_free(&s->cert);
    mbedtls_pk_free(&s->key);
}

static void copy_list(int *dst, size_t cap, const int *src)
{
    size_t i = 0;
    if (src)
        for (; src[i] && i + 1 < cap; i++)
            dst[i] = src[i];
    dst[i] = 0;
}

static int setup_side(tt_demo_env *env, side_conf *s, int is_server, char *err, size_t errlen)
{
    const tt_scenario *sc = env->o.scenario;
    int rc = mbedtls_ssl_config_defaults(&s->conf, is_server ? MBEDTLS_SSL_IS_SERVER
                                                             : MBEDTLS_SSL_IS_CLIENT,
                                         MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
    if (rc != 0) {
        mbedtls_err(err, errlen, NULL, "ssl config", rc);
        return -1;
    }
    mbedtls_ssl_conf_rng(&s->conf, mbedtls_ctr_drbg_random, &env->drbg);

    /* Versions: one version per run; version-mismatch gives the server the other one. */
    int v = env->o.tls13 ? 0x0304 : 0x0303;
    if (sc->version_split && is_server)
        v = env->o.tls13 ? 0x0303 : 0x0304;
    s->min_version = s->max_version = v;
    mbedtls_ssl_conf_min_tls_version(&s->conf, (mbedtls_ssl_protocol_version)v);
    mbedtls_ssl_conf_max_tls_version(&s->conf, (mbedtls_ssl_protocol_version)v);

    const int *suites = env->o.suites ? env->o.suites
                        : env->o.tls13 ? (is_server ? sc->server_suites13 : sc->client_suites13)
                                       : (is_server ? sc->server_suites12 : sc->client_suites12);
    if (suites) {
        copy_list(s->suites, sizeof(s->suites) / sizeof(s->suites[0]), suites);
        mbedtls_ssl_conf_ciphersuites(&s->conf, s->suites);
    }
    const uint16_t *groups = is_server ? sc->server_groups : sc->client_groups;
    if (groups) {
        size_t i = 0;
        for (; groups[i] && i + 1 < sizeof(s->groups) / sizeof(s->groups[0]); i++)
            s->groups[i] = groups[i];
        s->groups[i] = 0;
        mbedtls_ssl_conf_groups(&s->conf, s->groups);
    }

    if (is_server) {
        if (load_cert(env, &s->cert, sc->server_cert, err, errlen) != 0 ||
            load_key(env, &s->key, sc->server_cert, err, errlen) != 0)
            return -1;
        s->has_cert = 1;
        if (env->mutual) {
            if (load_cert(env, &s->ca, "root-ca", err, errlen) != 0)
                return -1;
            s->has_ca = 1;
            mbedtls_ssl_conf_ca_chain(&s->conf, &s->ca, NULL);
            s->authmode = MBEDTLS_SSL_VERIFY_REQUIRED;
        } else {
            s->authmode = MBEDTLS_SSL_VERIFY_NONE;
        }
        mbedtls_ssl_conf_authmode(&s->conf, s->authmode);
        rc = mbedtls_ssl_conf_own_cert(&s->conf, &s->cert, &s->key);
        if (rc == 0)
            rc = mbedtls_ssl_ticket_setup(&env->ticket, mbedtls_ctr_drbg_random, &env->drbg,
                                          MBEDTLS_CIPHER_AES_256_GCM, 86400);
        if (rc != 0) {
            mbedtls_err(err, errlen, NULL, "server config", rc);
            return -1;
        }
        /* Session tickets: the server then sends NewSessionTicket (TLS 1.2 and 1.3). */
        mbedtls_ssl_conf_session_tickets_cb(&s->conf, mbedtls_ssl_ticket_write,
                                            mbedtls_ssl_ticket_parse, &env->ticket);
    } else {
        if (load_cert(env, &s->ca, sc->client_ca, err, errlen) != 0)
            return -1;
        s->has_ca = 1;
        mbedtls_ssl_conf_ca_chain(&s->conf, &s->ca, NULL);
        s->authmode = MBEDTLS_SSL_VERIFY_REQUIRED;
        mbedtls_ssl_conf_authmode(&s->conf, s->authmode);
        if (sc->client_has_cert) {
            if (load_cert(env, &s->cert, "client", err, errlen) != 0 ||
                load_key(env, &s->key, "client", err, errlen) != 0)
                return -1;
            s->has_cert = 1;
            rc = mbedtls_ssl_conf_own_cert(&s->conf, &s->cert, &s->key);
            if (rc != 0) {
                mbedtls_err(err, errlen, NULL, "client config", rc);
                return -1;
            }
        }
        /* A TLS 1.3 client ignores NewSessionTicket unless told to report it. */
        mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(
            &s->conf, MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
    }
    return 0;
}

tt_demo_env *tt_demo_env_new(const tt_demo_opts *o, char *err, size_t errlen)
{
    tt_demo_env *env = calloc(1, sizeof(*env));
    if (!env) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    env->o = *o;
    env->mutual = o->mutual || o->scenario->mutual;
    psa_status_t ps = psa_crypto_init(); /* TLS 1.3 in Mbed TLS 3.6 runs on PSA */
    mbedtls_entropy_init(&env->entropy);
    mbedtls_ctr_drbg_init(&env->drbg);
    mbedtls_ssl_ticket_init(&env->ticket);
    side_init(&env->client);
    side_init(&env->server);
    int rc;
    if (o->seed)
        rc = mbedtls_ctr_drbg_seed(&env->drbg, fixed_entropy, (void *)o->seed,
                                   (const unsigned char *)"tlstrace", 8);
    else
        rc = mbedtls_ctr_drbg_seed(&env->drbg, mbedtls_entropy_func, &env->entropy,
                                   (const unsigned char *)"tlstrace", 8);
    if (ps != PSA_SUCCESS || rc != 0) {
        snprintf(err, errlen, "cannot initialise the random generator");
        goto fail;
    }
    if (setup_side(env, &env->client, 0, err, errlen) != 0 ||
        setup_side(env, &env->server, 1, err, errlen) != 0)
        goto fail;
    return env;
fail:
    tt_demo_env_free(env);
    return NULL;
}

void tt_demo_env_free(tt_demo_env *env)
{
    if (!env)
        return;
    side_free(&env->client);
    side_free(&env->server);
    mbedtls_ssl_ticket_free(&env->ticket);
    mbedtls_ctr_drbg_free(&env->drbg);
    mbedtls_entropy_free(&env->entropy);
    free(env);
}

size_t tt_demo_peak_tap_memory(const tt_demo_env *env)
{
    return env->peak_tap_mem;
}

/* ---------- session_start ---------- */

static void emit_session_start(tt_demo_env *env, tt_emitter *em, const char *session,
                               int is_server, const char *hostname)
{
    side_conf *s = is_server ? &env->server : &env->client;
    const tt_scenario *sc = env->o.scenario;
    cJSON *scn = cJSON_CreateObject();
    cJSON_AddStringToObject(scn, "name", sc->name);
    /* The sentence true in both versions, then what this version adds. */
    const char *more = env->o.tls13 ? sc->teaches_tls13 : sc->teaches_tls12;
    char teaches[800];
    snprintf(teaches, sizeof(teaches), "%s%s%s", sc->teaches, more ? " " : "", more ? more : "");
    cJSON_AddStringToObject(scn, "teaches", teaches);
    tt_json_add_sources(scn, sc->src);
    cJSON_AddStringToObject(scn, "tls", env->o.tls13 ? "1.3" : "1.2");
    cJSON_AddBoolToObject(scn, "mutual", env->mutual);
    if (s->has_ca && !s->ca_subject)
        s->ca_subject = tt_cert_subject(&s->ca);
    if (s->has_cert && !s->cert_subject)
        s->cert_subject = tt_cert_subject(&s->cert);
    tt_config_desc d = {
        .min_version = s->min_version,
        .max_version = s->max_version,
        .suites = s->suites,
        .groups = s->groups,
        .authmode = s->authmode,
        .trusted_ca = s->ca_subject,
        .certificate = s->cert_subject,
        .server_name = hostname,
        .session_tickets = 1,
    };
    cJSON *b = tt_session_start_body(is_server, "demo", scn, &d,
                                     "memory (client and server in one process)");
    tt_emit(em, session, is_server ? "server" : "client", "session_start", b);
}

/* ---------- one run ---------- */

typedef struct endpoint {
    mbedtls_ssl_context ssl;
    endpoint_io io;
    tt_tap *tap;
    int done, ok, ret, stalled;
    side_conf *conf;
    int is_server;
} endpoint;

static int step(endpoint *e)
{
    if (e->tap)
        return tt_tap_step(e->tap);
    return mbedtls_ssl_handshake_step(&e->ssl);
}

static void finish(endpoint *e, int ret, int stalled)
{
    e->done = 1;
    e->ret = ret;
    e->stalled = stalled;
    e->ok = ret == 0 && !stalled;
    if (e->tap)
        tt_tap_end_handshake(e->tap, ret, stalled, 0);
}

static int is_want(int r)
{
    return r == MBEDTLS_ERR_SSL_WANT_READ || r == MBEDTLS_ERR_SSL_WANT_WRITE;
}

/* Reads whatever is pending, skipping tickets; returns bytes read, 0 when nothing is pending, or
 * an Mbed TLS error. A TLS 1.3 client can consume a NewSessionTicket record and still answer
 * WANT_READ (it reports the ticket on the next call), so WANT_READ only ends the loop once the
 * pipe is empty. */
static int read_app(endpoint *e, unsigned char *buf, size_t len)
{
    for (int i = 0; i < 16; i++) {
        int r = mbedtls_ssl_read(&e->ssl, buf, len);
        if (r == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
            continue;
        if (r == MBEDTLS_ERR_SSL_WANT_READ) {
            if (e->io.rx->len > e->io.rx->off || mbedtls_ssl_get_bytes_avail(&e->ssl) > 0)
                continue;
            return 0;
        }
        return r;
    }
    return 0;
}

static void track_mem(tt_demo_env *env, endpoint *e)
{
    if (e->tap) {
        size_t m = tt_tap_memory(e->tap);
        if (m > env->peak_tap_mem)
            env->peak_tap_mem = m;
    }
}

int tt_demo_handshake(tt_demo_env *env, tt_emitter *em, const char *session, tt_demo_result *res)
{
    static const char hostname[] = "tlstrace-demo.local";
    pipe_buf c2s = {0}, s2c = {0};
    endpoint ep[2]; /* [0] client, [1] server */
    int rc = -1;
    memset(ep, 0, sizeof(ep));
    memset(res, 0, sizeof(*res));
    /* RFC 5737 documentation addresses: TEST-NET-1 for the client, TEST-NET-2 for the server. */
    static const uint8_t client_ip[4] = {192, 0, 2, 1}, server_ip[4] = {198, 51, 100, 1};
    tt_pcap_tcp wire;
    if (env->o.pcap) {
        unsigned n = __atomic_fetch_add(&pcap_runs, 1, __ATOMIC_RELAXED);
        tt_pcap_tcp_init(&wire, env->o.pcap, 4, client_ip, (uint16_t)(49152 + n % 16384),
                         server_ip, 443);
        if (env->o.pcap_mss)
            wire.mss = (uint16_t)env->o.pcap_mss;
    }
    for (int i = 0; i < 2; i++) {
        endpoint *e = &ep[i];
        e->is_server = i;
        e->conf = i ? &env->server : &env->client;
        e->io.tx = i ? &s2c : &c2s;
        e->io.rx = i ? &c2s : &s2c;
        e->io.pcap = env->o.pcap ? &wire : NULL;
        e->io.is_client = !i;
        mbedtls_ssl_init(&e->ssl);
        if (mbedtls_ssl_setup(&e->ssl, &e->conf->conf) != 0)
            goto out;
        if (!i && mbedtls_ssl_set_hostname(&e->ssl, hostname) != 0)
            goto out;
        if (em) {
            emit_session_start(env, em, session, i, i ? NULL : hostname);
            tt_tap_config tc = {
                .em = em,
                .session = session,
                .is_server = i,
                .min_version = (uint16_t)e->conf->min_version,
                .max_version = (uint16_t)e->conf->max_version,
                .suites = e->conf->suites[0] ? e->conf->suites : NULL,
                .authmode = e->conf->authmode,
                .has_own_cert = e->conf->has_cert,
                /* Both ends derive the same secrets: the client's tap writes the key log
                 * (and the server's, only into a capture). */
                .keylog = i ? env->o.pcap_keylog : env->o.keylog,
                /* The memory link stays open after a failure: the peer keeps waiting. */
                .transport_closes = 0,
            };
            e->tap = tt_tap_new(&tc);
            if (!e->tap)
                goto out;
            tt_tap_attach(e->tap, &e->ssl, &e->io, pipe_send, pipe_recv);
        } else {
            mbedtls_ssl_set_bio(&e->ssl, &e->io, pipe_send, pipe_recv, NULL);
        }
    }

    /* Step both endpoints in turn until each is over or failed. When a full round changes nothing
     * (no state moved, no byte written, both waiting to read), the waiting endpoint would wait
     * forever: it is ended as stalled. */
    for (int round = 0; round < 10000 && !(ep[0].done && ep[1].done); round++) {
        uint64_t bytes_before = c2s.total + s2c.total;
        int states_before[2] = {tt_ssl_state(&ep[0].ssl), tt_ssl_state(&ep[1].ssl)};
        int stepped_ok = 0;
        for (int i = 0; i < 2; i++) {
            endpoint *e = &ep[i];
            if (e->done)
                continue;
            int r = step(e);
            track_mem(env, e);
            if (r == 0 && tt_ssl_state(&e->ssl) == MBEDTLS_SSL_HANDSHAKE_OVER)
                finish(e, 0, 0);
            else if (r == 0)
                stepped_ok = 1;
            else if (!is_want(r))
                finish(e, r, 0);
        }
        int moved = c2s.total + s2c.total != bytes_before ||
                    tt_ssl_state(&ep[0].ssl) != states_before[0] ||
                    tt_ssl_state(&ep[1].ssl) != states_before[1];
        if (!moved && !stepped_ok) {
            for (int i = 0; i < 2; i++)
                if (!ep[i].done)
                    finish(&ep[i], 0, 1);
        }
    }

    unsigned char buf[512];
    if (ep[0].ok && ep[1].ok) {
        /* A short exchange under the application keys, then close_notify both ways. */
        static const char ping[] = "hello from the tlstrace demo client";
        static const char pong[] = "hello from the tlstrace demo server";
        mbedtls_ssl_write(&ep[0].ssl, (const unsigned char *)ping, sizeof(ping) - 1);
        read_app(&ep[1], buf, sizeof(buf));
        mbedtls_ssl_write(&ep[1].ssl, (const unsigned char *)pong, sizeof(pong) - 1);
        read_app(&ep[0], buf, sizeof(buf));
        /* Bulk data (bench --capture): half from each side, in full records. */
        static unsigned char bulk[16384], sink[16384];
        for (int from = 0; from < 2; from++) {
            size_t left = env->o.app_bytes / 2;
            while (left > 0) {
                size_t k = left < sizeof(bulk) ? left : sizeof(bulk);
                int r = mbedtls_ssl_write(&ep[from].ssl, bulk, k);
                if (r <= 0)
                    break;
                left -= (size_t)r;
                while (read_app(&ep[!from], sink, sizeof(sink)) > 0)
                    ;
            }
        }
        mbedtls_ssl_close_notify(&ep[0].ssl);
        read_app(&ep[1], buf, sizeof(buf));
        mbedtls_ssl_close_notify(&ep[1].ssl);
        read_app(&ep[0], buf, sizeof(buf));
    } else {
        /* An endpoint whose handshake Mbed TLS reported complete while its peer failed (TLS 1.3:
         * the client finishes before the server checks its certificate) learns it on its first
         * read. */
        for (int i = 0; i < 2; i++) {
            endpoint *e = &ep[i];
            if (!e->ok)
                continue;
            int r = read_app(e, buf, sizeof(buf));
            if (r < 0) {
                e->ok = 0;
                if (e->tap)
                    tt_tap_end_handshake(e->tap, r, 0, 1);
            }
        }
    }
    for (int i = 0; i < 2; i++) {
        track_mem(env, &ep[i]);
        if (ep[i].tap)
            tt_tap_session_end(ep[i].tap, ep[i].ok ? "close_notify"
                                          : ep[i].stalled ? "stalled"
                                                          : "failed");
    }
    res->client_ok = ep[0].ok;
    res->server_ok = ep[1].ok;
    if (env->o.pcap)
        tt_pcap_tcp_close(&wire, tt_pcap_now_us());
    rc = 0;
out:
    for (int i = 0; i < 2; i++) {
        tt_tap_free(ep[i].tap);
        mbedtls_ssl_free(&ep[i].ssl);
    }
    free(c2s.data);
    free(s2c.data);
    return rc;
}
