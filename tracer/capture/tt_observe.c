/* A TLS connection seen on the network (see tt_observe.h).
 *
 * Each TCP direction is cut into records (RFC 8446 §5.1, RFC 5246 §6.2.1); records are decrypted
 * when the key log holds their secrets (the AEAD tag is the proof: tt_crypto.c), and their
 * content goes to the shared wire parser (tt_wire.c). The outcome is inferred from what crossed
 * the wire: the two Finished messages, what each side wrote after them, the alerts, and how the
 * TCP connection ended. Where the wire cannot tell (TLS 1.3 without the key log hides even which
 * records are handshake messages), the trace says it does not know rather than guess. */
#include "tt_observe.h"
#include "tt_crypto.h"
#include "tt_explain.h"
#include "tt_link.h"
#include "tt_obs_words.h"
#include "tt_tables.h"
#include "tt_wire.h"
#include "tt_x509.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/version.h>

#define MAX_HANDSHAKE_MSG (64 * 1024)
#define MAX_OFFERED 16

enum { LV_PLAIN = 0, LV_HS = 1, LV_APP = 2, LVS = 3 };
static const char *const lv_names[LVS] = {"plaintext", "handshake", "application"};
enum { CLIENT = 0, SERVER = 1 };
static const char *const side_names[2] = {"client", "server"};

#define ADD_NUM(obj, key, v)                                                                       \
    cJSON_AddItemToObjectCS((obj), "" key "", cJSON_CreateNumber((double)(v)))
#define ADD_BOOL(obj, key, v) cJSON_AddItemToObjectCS((obj), "" key "", cJSON_CreateBool(v))
#define ADD_ITEM(obj, key, item) cJSON_AddItemToObjectCS((obj), "" key "", (item))

/* One direction of the connection: the bytes one side wrote. */
typedef struct odir {
    int who;        /* CLIENT or SERVER: the writer */
    uint8_t pre[6]; /* the first bytes, before the connection is known to be TLS */
    size_t pre_len;
    uint8_t hdr[TT_RECORD_HEADER_LEN];
    size_t hdr_have;
    uint8_t *body;
    size_t body_len, body_have, body_cap;
    uint64_t lost; /* bytes of the current record the capture missed */
    uint8_t *plain;
    size_t plain_cap;
    int broken; /* the record boundary is lost (or the bytes are not TLS) */
    uint64_t records, bytes, missing;
    tt_hs_reasm hs;
    int level; /* TLS 1.3: the newest key level that authenticated a record */
    tt_rkey keys[LVS];
    int ccs;            /* TLS 1.2: this side sent ChangeCipherSpec */
    uint64_t since_ccs; /* records written since */
    int finished;       /* this side's Finished was seen (or, encrypted, inferred) */
    int finished_inferred;
    int wrote_after_peer_fin; /* a record other than an alert, written after the peer's Finished */
} odir;

/* What arrived while records wait for their secrets (live capture), in arrival order. */
typedef struct held_chunk {
    struct held_chunk *next;
    int dir;
    uint64_t missing; /* a gap (no bytes) */
    size_t n;
    uint8_t data[];
} held_chunk;

struct tt_obs {
    tt_obs_config cfg;
    tt_tcp_conn_info info;
    char session[64];
    char origin[200];
    char link[32];
    int state;      /* 0 undecided, 1 TLS, 2 not TLS */
    odir d[2];      /* by TCP direction */
    int client_dir; /* the TCP direction the client writes */
    const char *roles_from;

    /* Facts from the bytes. */
    int hello_seen; /* a ClientHello */
    int tls13;
    uint16_t version, suite;
    int server_hello_seen, hrr;
    uint8_t client_random[32], server_random[32];
    int have_cr, have_sr;
    uint16_t group;
    long cshare, sshare;
    int kx_emitted;
    uint16_t offered_groups[MAX_OFFERED];
    long offered_lens[MAX_OFFERED];
    size_t n_offered;
    int cert_requested, client_cert_sent, client_cert_empty, client_cv;
    char alpn[64];
    char sni[256];
    int first_fin;            /* who wrote the first Finished, -1 before */
    int tls12_keys;           /* 0 not tried, 1 derived, -1 not possible (why: tls12_why) */
    tt_obs_note_id tls12_why; /* the TT_OBS_TLS12_* note that says why */
    int secret_emitted[TT_KL_LABELS];

    /* Outcome, per side (CLIENT, SERVER). */
    int done[2], failed[2];
    int alert[2]; /* first fatal alert each side wrote, -1 none */
    const char *alert_prot[2];
    int close_notify[2];
    int any_failed;
    uint64_t bytes;

    /* Live capture: records held until the key log has their secrets (see should_hold). */
    held_chunk *held, **held_tail;
    size_t held_bytes;
    int holding, holds, hold_dir;
    uint64_t hold_until;
};

static void emit(tt_obs *o, int who, const char *type, cJSON *body)
{
    tt_emit(o->cfg.em, o->session, side_names[who], type, body);
}

static cJSON *named_from(const tt_table *tab, uint32_t id)
{
    return tt_json_named(id, tt_name(tab, id));
}

static cJSON *field(cJSON *x, const char *name)
{
    return x ? cJSON_GetObjectItemCaseSensitive(x, name) : NULL;
}

static long num(cJSON *x, const char *name, long dflt)
{
    cJSON *v = field(x, name);
    return cJSON_IsNumber(v) ? (long)v->valuedouble : dflt;
}

/* The decoded data of the first extension of a type, or NULL. */
static cJSON *ext(cJSON *fields, uint16_t type)
{
    cJSON *e;
    cJSON_ArrayForEach(e, field(fields, "extensions"))
    {
        if (num(field(e, "type"), "id", -1) == type)
            return field(e, "data");
    }
    return NULL;
}

static void iso_time(uint64_t us, char *out, size_t n)
{
    time_t t = (time_t)(us / 1000000u);
    struct tm tm;
    if (!gmtime_r(&t, &tm)) {
        snprintf(out, n, "?");
        return;
    }
    /* The ranges stated (gmtime_r's, and years of four digits) bound the text: 27 bytes. */
    snprintf(out, n, "%04u-%02u-%02uT%02u:%02u:%02u.%06uZ", (unsigned)(tm.tm_year + 1900) % 10000u,
             (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u,
             (unsigned)tm.tm_hour % 100u, (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u,
             (unsigned)(us % 1000000u));
}

/* ---------- the start: is it TLS, and who is the client ---------- */

static void emit_session_start(tt_obs *o, int who)
{
    const int cd = o->client_dir;
    char c[80], s[80], t[200], when[40];
    tt_link_endpoint(o->info.family, o->info.addr[cd], o->info.port[cd], c, sizeof(c));
    tt_link_endpoint(o->info.family, o->info.addr[!cd], o->info.port[!cd], s, sizeof(s));
    snprintf(t, sizeof(t), "tcp %s -> %s", c, s);
    iso_time(o->info.ts_us, when, sizeof(when));

    cJSON *b = cJSON_CreateObject();
    tt_json_add_static(b, "role", side_names[who]);
    tt_json_add_static(b, "source", "capture");
    cJSON *cap = cJSON_CreateObject();
    for (int k = 0; k < 2; k++) {
        int dir = k == CLIENT ? cd : !cd;
        cJSON *ep = cJSON_CreateObject();
        char a[64];
        tt_link_address(o->info.family, o->info.addr[dir], a, sizeof(a));
        cJSON_AddStringToObject(ep, "address", a);
        ADD_NUM(ep, "port", o->info.port[dir]);
        cJSON_AddItemToObjectCS(cap, k == CLIENT ? "client" : "server", ep);
    }
    tt_json_add_static(cap, "ip", o->info.family == 6 ? "IPv6" : "IPv4");
    cJSON_AddStringToObject(cap, "origin", o->origin);
    cJSON_AddStringToObject(cap, "link", o->link);
    cJSON_AddStringToObject(cap, "first_seen", when);
    ADD_NUM(cap, "first_seen_us", (double)o->info.ts_us);
    ADD_BOOL(cap, "syn_seen", o->info.syn_seen);
    tt_json_add_static(cap, "roles_from", o->roles_from);
    ADD_ITEM(b, "capture", cap);
    cJSON *lib = cJSON_CreateObject();
    cJSON_AddStringToObject(lib, "mbedtls", MBEDTLS_VERSION_STRING);
    cJSON_AddStringToObject(lib, "tlstrace", TLSTRACE_VERSION);
    ADD_ITEM(b, "library", lib);
    cJSON_AddStringToObject(b, "transport", t);
    emit(o, who, "session_start", b);
}

/* Decides from the first bytes of `dir`: a TLS record header (RFC 8446 §5.1) or not. The client
 * is the side whose first handshake message is a ClientHello (or whose peer's is a ServerHello);
 * without one, the side that sent the SYN; without that, the side on the higher port. */
static int detect(tt_obs *o, int dir)
{
    odir *d = &o->d[dir];
    tt_record_hdr h;
    char err[160];
    if (tt_wire_record_header(d->pre, TT_RECORD_HEADER_LEN, &h, err, sizeof(err)) != 0 ||
        h.length == 0 || h.type == 24)
        return -1;
    if (h.type == 22 && d->pre[5] == 1) {
        o->client_dir = dir;
        o->roles_from = "client_hello";
    } else if (h.type == 22 && d->pre[5] == 2) {
        o->client_dir = !dir;
        o->roles_from = "server_hello";
    } else if (o->info.syn_seen) {
        o->client_dir = 0;
        o->roles_from = "syn";
    } else {
        o->client_dir = o->info.port[0] > o->info.port[1] ? 0 : 1;
        o->roles_from = "ports";
    }
    o->d[o->client_dir].who = CLIENT;
    o->d[!o->client_dir].who = SERVER;
    o->state = 1;
    snprintf(o->session, sizeof(o->session), "%s-%u", o->cfg.session_prefix,
             ++*o->cfg.session_counter);
    emit_session_start(o, CLIENT);
    emit_session_start(o, SERVER);
    return 0;
}

tt_obs *tt_obs_new(const tt_obs_config *cfg)
{
    tt_obs *o = calloc(1, sizeof(*o));
    if (!o)
        return NULL;
    o->cfg = *cfg;
    o->info = *cfg->info;
    snprintf(o->origin, sizeof(o->origin), "%s", cfg->origin ? cfg->origin : "?");
    snprintf(o->link, sizeof(o->link), "%s", cfg->link ? cfg->link : "?");
    o->cshare = o->sshare = -1;
    o->first_fin = -1;
    o->alert[0] = o->alert[1] = -1;
    for (int i = 0; i < 2; i++)
        tt_hs_reasm_init(&o->d[i].hs, MAX_HANDSHAKE_MSG);
    return o;
}

void tt_obs_free(tt_obs *o)
{
    if (!o)
        return;
    for (int i = 0; i < 2; i++) {
        odir *d = &o->d[i];
        free(d->body);
        if (d->plain) {
            mbedtls_platform_zeroize(d->plain, d->plain_cap);
            free(d->plain);
        }
        tt_hs_reasm_free(&d->hs);
        for (int l = 0; l < LVS; l++)
            tt_rkey_free(&d->keys[l]);
    }
    while (o->held) {
        held_chunk *c = o->held;
        o->held = c->next;
        free(c);
    }
    free(o); /* the keys were zeroized by tt_rkey_free, the plaintext above */
}

/* ---------- keys from the key log ---------- */

static void emit_secret(tt_obs *o, tt_kl_label l, size_t len)
{
    if (o->secret_emitted[l])
        return;
    o->secret_emitted[l] = 1;
    int who = l == TT_KL_SERVER_HS || l == TT_KL_SERVER_APP ? SERVER : CLIENT;
    cJSON *b = cJSON_CreateObject();
    tt_json_add_static(b, "label", tt_kl_label_name(l));
    ADD_NUM(b, "length", (double)len);
    /* TLS 1.3: the hash follows from the secret's length; TLS 1.2: the master secret is always
     * 48 bytes and the PRF's hash is the suite's (RFC 5246 §5, RFC 8446 §7.1). */
    const tt_suite *s = tt_suite_lookup(o->suite);
    int sha384 = l == TT_KL_CLIENT_RANDOM ? s && s->hash && !strcmp(s->hash, "SHA384") : len == 48;
    tt_json_add_static(b, "hash", sha384 ? "SHA384" : "SHA256");
    tt_obs_add_note(b, l == TT_KL_CLIENT_RANDOM ? TT_OBS_SECRET_TLS12 : TT_OBS_SECRET_TLS13);
    emit(o, who, "secret", b);
}

static size_t get_secret(tt_obs *o, tt_kl_label l, uint8_t out[TT_KEYLOG_MAX_SECRET])
{
    if (!o->cfg.keylog || !o->have_cr)
        return 0;
    size_t n = tt_keylog_get(o->cfg.keylog, o->client_random, l, out);
    if (!n && o->cfg.reload_keys) {
        o->cfg.reload_keys(o->cfg.reload_ctx);
        n = tt_keylog_get(o->cfg.keylog, o->client_random, l, out);
    }
    if (n)
        emit_secret(o, l, n);
    return n;
}

/* TLS 1.3 (RFC 8446 §7.3): the keys of one direction and level, from its traffic secret. */
static int key13(tt_obs *o, odir *d, int level)
{
    if (d->keys[level].ready)
        return 0;
    if (!o->suite || level == LV_PLAIN)
        return -1;
    tt_kl_label l = level == LV_HS ? (d->who == CLIENT ? TT_KL_CLIENT_HS : TT_KL_SERVER_HS)
                                   : (d->who == CLIENT ? TT_KL_CLIENT_APP : TT_KL_SERVER_APP);
    uint8_t secret[TT_KEYLOG_MAX_SECRET];
    size_t n = get_secret(o, l, secret);
    int rc = n ? tt_rkey_tls13(&d->keys[level], o->suite, secret, n) : -1;
    mbedtls_platform_zeroize(secret, sizeof(secret));
    return rc;
}

/* TLS 1.2 (RFC 5246 §6.3): both directions' keys from the master secret. */
static int keys12(tt_obs *o)
{
    if (o->tls12_keys)
        return o->tls12_keys > 0 ? 0 : -1;
    const tt_suite *s = tt_suite_lookup(o->suite);
    if (o->version != 0x0303) {
        o->tls12_keys = -1;
        o->tls12_why = TT_OBS_TLS12_OLD_VERSION;
        return -1;
    }
    if (!s || !s->aead) {
        o->tls12_keys = -1;
        o->tls12_why = TT_OBS_TLS12_NOT_AEAD;
        return -1;
    }
    uint8_t master[TT_KEYLOG_MAX_SECRET];
    size_t n = o->have_sr ? get_secret(o, TT_KL_CLIENT_RANDOM, master) : 0;
    if (n != 48) {
        mbedtls_platform_zeroize(master, sizeof(master));
        if (!o->cfg.reload_keys) {
            o->tls12_keys = -1;
            o->tls12_why = TT_OBS_TLS12_NO_MASTER;
        }
        return -1;
    }
    odir *cd = &o->d[o->client_dir], *sd = &o->d[!o->client_dir];
    int sha384 = s->hash && strcmp(s->hash, "SHA384") == 0;
    int rc = tt_rkeys_tls12(&cd->keys[LV_APP], &sd->keys[LV_APP], o->suite, sha384, master,
                            o->client_random, o->server_random);
    mbedtls_platform_zeroize(master, sizeof(master));
    o->tls12_keys = rc == 0 ? 1 : -1;
    if (rc != 0)
        o->tls12_why = TT_OBS_TLS12_NO_CIPHER;
    return rc;
}

/* ---------- facts from messages ---------- */

static void maybe_key_exchange(tt_obs *o, int who)
{
    if (o->kx_emitted || !o->group || o->cshare < 0 || o->sshare < 0)
        return;
    o->kx_emitted = 1;
    for (int k = 0; k < 2; k++) {
        cJSON *b = cJSON_CreateObject();
        ADD_ITEM(b, "group", named_from(&tt_groups, o->group));
        tt_json_add_static(b, "method", o->tls13 ? "TLS 1.3 key_share" : "TLS 1.2 ECDHE");
        ADD_NUM(b, "client_share_length", (double)o->cshare);
        ADD_NUM(b, "server_share_length", (double)o->sshare);
        const tt_named *g = tt_lookup(&tt_groups, o->group);
        if (g)
            tt_json_add_words(b, g->explain, g->src);
        emit(o, k, "key_exchange", b);
    }
    (void)who;
}

static void learn(tt_obs *o, odir *d, uint8_t type, const uint8_t *msg, size_t len, cJSON *f)
{
    if (type == 1 && len >= 38) { /* ClientHello, RFC 8446 §4.1.2 */
        o->hello_seen = 1;
        memcpy(o->client_random, msg + 6, 32);
        o->have_cr = 1;
        o->n_offered = 0;
        cJSON *sh;
        cJSON_ArrayForEach(sh, field(ext(f, 51), "shares"))
        {
            if (o->n_offered < MAX_OFFERED) {
                o->offered_groups[o->n_offered] = (uint16_t)num(field(sh, "group"), "id", 0);
                o->offered_lens[o->n_offered++] = num(sh, "key_exchange_length", -1);
            }
        }
        cJSON *first = cJSON_GetArrayItem(field(ext(f, 0), "server_name_list"), 0);
        cJSON *host = field(first, "host_name");
        if (cJSON_IsString(host) && !strchr(host->valuestring, '\\'))
            snprintf(o->sni, sizeof(o->sni), "%s", host->valuestring);
    } else if (type == 2 && len >= 38) { /* ServerHello / HelloRetryRequest, §4.1.3 */
        o->version = (uint16_t)num(field(f, "selected_version"), "id", 0);
        o->tls13 = o->version == 0x0304;
        o->suite = (uint16_t)num(field(f, "cipher_suite"), "id", 0);
        if (cJSON_IsTrue(field(f, "hello_retry_request"))) {
            o->hrr = 1;
            return;
        }
        o->server_hello_seen = 1;
        memcpy(o->server_random, msg + 6, 32);
        o->have_sr = 1;
        cJSON *ks = ext(f, 51);
        if (ks) {
            o->group = (uint16_t)num(field(ks, "group"), "id", 0);
            o->sshare = num(ks, "key_exchange_length", -1);
            for (size_t i = 0; i < o->n_offered; i++)
                if (o->offered_groups[i] == o->group)
                    o->cshare = o->offered_lens[i];
            maybe_key_exchange(o, d->who);
        }
        cJSON *alpn = ext(f, 16), *p;
        cJSON_ArrayForEach(p, field(alpn, "protocols"))
        {
            if (cJSON_IsString(p))
                snprintf(o->alpn, sizeof(o->alpn), "%s", p->valuestring);
        }
    } else if (type == 8) { /* EncryptedExtensions: the ALPN choice in TLS 1.3 */
        cJSON *alpn = ext(f, 16), *p;
        cJSON_ArrayForEach(p, field(alpn, "protocols"))
        {
            if (cJSON_IsString(p))
                snprintf(o->alpn, sizeof(o->alpn), "%s", p->valuestring);
        }
    } else if (type == 12) { /* ServerKeyExchange, RFC 8422 §5.4 */
        long g = num(field(f, "named_group"), "id", 0);
        if (g) {
            o->group = (uint16_t)g;
            o->sshare = num(f, "public_key_length", -1);
        }
    } else if (type == 16) { /* ClientKeyExchange, RFC 8422 §5.7 */
        o->cshare = num(f, "public_key_length", -1);
        maybe_key_exchange(o, d->who);
    } else if (type == 13) {
        o->cert_requested = 1;
    } else if (type == 11 && d->who == CLIENT) {
        if (cJSON_GetArraySize(field(f, "certificates")) > 0)
            o->client_cert_sent = 1;
        else
            o->client_cert_empty = 1;
    } else if (type == 15 && d->who == CLIENT) {
        o->client_cv = 1;
    }
}

/* ---------- certificate chains checked offline (--ca) ---------- */

typedef struct verify_ctx {
    tt_obs *o;
    int verifier;
    uint64_t at_us;
    const char *name;
} verify_ctx;

/* Compares a certificate time with a capture time: <0 before, 0 equal, >0 after. */
static int cmp_time(const mbedtls_x509_time *t, const struct tm *now)
{
    int a[6] = {t->year, t->mon, t->day, t->hour, t->min, t->sec};
    int b[6] = {now->tm_year + 1900, now->tm_mon + 1, now->tm_mday,
                now->tm_hour,        now->tm_min,     now->tm_sec};
    for (int i = 0; i < 6; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* Mbed TLS's verify callback, root first: the validity flags are recomputed for the capture's
 * time (Mbed TLS checks against the clock of the machine running tlstrace), then the check is
 * reported as tlstrace's, not the endpoint's. */
static int on_verify(void *p, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    verify_ctx *v = p;
    time_t secs = (time_t)(v->at_us / 1000000u);
    struct tm now;
    if (gmtime_r(&secs, &now)) {
        *flags &= ~(uint32_t)(MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE);
        if (cmp_time(&crt->valid_to, &now) < 0)
            *flags |= MBEDTLS_X509_BADCERT_EXPIRED;
        if (cmp_time(&crt->valid_from, &now) > 0)
            *flags |= MBEDTLS_X509_BADCERT_FUTURE;
    }
    cJSON *b = cJSON_CreateObject();
    ADD_NUM(b, "depth", depth);
    char err[160] = "";
    cJSON *desc = tt_x509_describe(crt->raw.p, crt->raw.len, err, sizeof(err));
    if (desc) {
        static const char *const keep[] = {"subject",
                                           "issuer",
                                           "serial",
                                           "not_before",
                                           "not_after",
                                           "key",
                                           "signature_algorithm",
                                           "is_ca",
                                           "self_signed"};
        for (size_t k = 0; k < sizeof(keep) / sizeof(keep[0]); k++) {
            cJSON *it = cJSON_DetachItemFromObjectCaseSensitive(desc, keep[k]);
            if (it)
                cJSON_AddItemToObject(b, keep[k], it);
        }
        cJSON_Delete(desc);
    } else {
        cJSON_AddStringToObject(b, "describe_error", err);
    }
    ADD_NUM(b, "flags", *flags);
    ADD_ITEM(b, "reasons", tt_json_verify_reasons(*flags));
    ADD_BOOL(b, "ok", *flags == 0);
    tt_json_add_static(b, "role", depth == 0 ? "leaf" : "issuer");
    tt_json_add_static(b, "checked_by", "tlstrace");
    char when[40];
    iso_time(v->at_us, when, sizeof(when));
    cJSON_AddStringToObject(b, "checked_at", when);
    if (v->name)
        cJSON_AddStringToObject(b, "checked_name", v->name);
    else
        cJSON_AddNullToObject(b, "checked_name");
    tt_obs_add_note(b, TT_OBS_CHAIN_CHECKED);
    emit(v->o, v->verifier, "cert_verify", b);
    return 0;
}

/* RFC 8446 §4.4.2 / RFC 5246 §7.4.2: the DER certificates of a Certificate message, checked
 * against --ca as Mbed TLS checks a peer's chain (the leaf against the name the client asked
 * for, every certificate at the capture's time). */
static void check_chain(tt_obs *o, odir *d, const uint8_t *msg, size_t len)
{
    if (!o->cfg.ca)
        return;
    tt_reader r;
    tt_reader_init(&r, msg + 4, len - 4);
    if (o->tls13) {
        uint8_t ctx_len = tt_read_u8(&r, "certificate_request_context length");
        tt_read_bytes(&r, ctx_len, "certificate_request_context");
    }
    uint32_t list = tt_read_u24(&r, "certificate_list length");
    mbedtls_x509_crt chain;
    mbedtls_x509_crt_init(&chain);
    int n = 0;
    size_t end = r.pos + list;
    while (!r.failed && r.pos < end && n < 16) {
        uint32_t cl = tt_read_u24(&r, "cert_data length");
        const uint8_t *der = tt_read_bytes(&r, cl, "cert_data");
        if (o->tls13) {
            uint16_t el = tt_read_u16(&r, "extensions length");
            tt_read_bytes(&r, el, "extensions");
        }
        if (der && mbedtls_x509_crt_parse_der(&chain, der, cl) == 0)
            n++;
    }
    if (n > 0) {
        verify_ctx v = {.o = o,
                        .verifier = d->who == SERVER ? CLIENT : SERVER,
                        .at_us = *o->cfg.now_us,
                        .name = d->who == SERVER && o->sni[0] ? o->sni : NULL};
        uint32_t flags = 0;
        mbedtls_x509_crt_verify(&chain, o->cfg.ca, NULL, v.name, &flags, on_verify, &v);
    }
    mbedtls_x509_crt_free(&chain);
}

/* ---------- the outcome ---------- */

static const char *hs_label(uint8_t type, int hrr)
{
    switch (type) {
    case 1: return "ClientHello";
    case 2: return hrr ? "HelloRetryRequest" : "ServerHello";
    case 4: return "NewSessionTicket";
    case 5: return "EndOfEarlyData";
    case 8: return "EncryptedExtensions";
    case 11: return "Certificate";
    case 12: return "ServerKeyExchange";
    case 13: return "CertificateRequest";
    case 14: return "ServerHelloDone";
    case 15: return "CertificateVerify";
    case 16: return "ClientKeyExchange";
    case 20: return "Finished";
    case 24: return "KeyUpdate";
    default: return NULL;
    }
}

static void emit_done(tt_obs *o, int who, tt_obs_done_how how)
{
    if (o->done[who] || o->failed[who])
        return;
    o->done[who] = 1;
    const tt_suite *s = tt_suite_lookup(o->suite);
    cJSON *b = cJSON_CreateObject();
    ADD_ITEM(b, "version", named_from(&tt_versions, o->version));
    cJSON *cs = tt_json_named(o->suite, s ? s->name : NULL);
    if (s) {
        cJSON_AddStringToObject(cs, "key_exchange", s->kx);
        cJSON_AddStringToObject(cs, "authentication", s->auth);
        cJSON_AddStringToObject(cs, "cipher", s->cipher);
        cJSON_AddStringToObject(cs, "hash", s->hash);
        tt_json_add_words(cs, s->explain, s->src);
    }
    ADD_ITEM(b, "cipher_suite", cs);
    if (o->group)
        ADD_ITEM(b, "group", named_from(&tt_groups, o->group));
    else
        cJSON_AddNullToObject(b, "group");
    if (o->alpn[0])
        cJSON_AddStringToObject(b, "alpn", o->alpn);
    else
        cJSON_AddNullToObject(b, "alpn");
    ADD_BOOL(b, "client_cert_requested", o->cert_requested);
    int mutual = o->cert_requested && o->client_cert_sent && o->client_cv;
    ADD_BOOL(b, "client_authenticated", mutual);
    ADD_BOOL(b, "hello_retry_request", o->hrr);
    cJSON_AddStringToObject(b, "mode", mutual ? "mutual" : "basic");
    ADD_BOOL(b, "inferred_from_wire", 1);
    emit(o, who, "negotiated", b);

    const odir *c = &o->d[o->client_dir], *sv = &o->d[!o->client_dir];
    tt_obs_done_facts f = {.version = o->version,
                           .suite = o->suite,
                           .group = o->group,
                           .mutual = mutual,
                           .finished_read = !c->finished_inferred && !sv->finished_inferred,
                           .how = how,
                           .who = who};
    char summary[600];
    tt_src src = tt_obs_words_done(&f, summary, sizeof(summary));
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "summary", summary);
    tt_json_add_sources(d, src);
    ADD_BOOL(d, "inferred_from_wire", 1);
    emit(o, who, "handshake_done", d);
}

static void emit_failed(tt_obs *o, int who, const char *cause, tt_obs_fail_facts *f)
{
    if (o->failed[who])
        return;
    o->failed[who] = 1;
    o->any_failed = 1;
    cJSON *b = cJSON_CreateObject();
    cJSON_AddNullToObject(b, "error");
    cJSON_AddNullToObject(b, "state");
    for (int k = 0; k < 2; k++) {
        int writer = k == 0 ? who : !who; /* alert_sent: by `who`; alert_received: by its peer */
        if (o->alert[writer] >= 0) {
            cJSON *a = named_from(&tt_alerts, (uint32_t)o->alert[writer]);
            cJSON_AddStringToObject(a, "protection", o->alert_prot[writer]);
            cJSON_AddItemToObjectCS(b, k == 0 ? "alert_sent" : "alert_received", a);
        } else {
            cJSON_AddNullToObject(b, k == 0 ? "alert_sent" : "alert_received");
        }
    }
    ADD_BOOL(b, "stalled", 0);
    ADD_BOOL(b, "post_handshake", o->done[who]);
    cJSON_AddStringToObject(b, "cause", cause);
    f->tls13 = o->server_hello_seen ? o->tls13 : -1;
    tt_obs_add_failure(b, f);
    ADD_BOOL(b, "inferred_from_wire", 1);
    emit(o, who, "handshake_failed", b);
}

/* The cause a fatal alert gives, from the alert and what crossed the wire before it. */
static const char *alert_cause(const tt_obs *o, int who, int desc)
{
    int by_server = who == SERVER;
    int about_client_cert = by_server && o->client_cert_sent;
    switch (desc) {
    case 48: return about_client_cert ? "client_certificate_rejected" : "untrusted_ca";
    case 45: return about_client_cert ? "client_certificate_rejected" : "certificate_expired";
    case 42:
    case 43:
    case 44:
    case 46: return about_client_cert ? "client_certificate_rejected" : "bad_certificate";
    case 116:
    case 41: return "client_certificate_missing";
    case 70: return "version_mismatch";
    case 40:
        return by_server && o->cert_requested && o->client_cert_empty ? "client_certificate_missing"
                                                                      : "handshake_failure";
    default: return "handshake_failure";
    }
}

static void on_fatal_alert(tt_obs *o, int who, int desc)
{
    const char *cause = alert_cause(o, who, desc);
    int cert_missing = !strcmp(cause, "client_certificate_missing");
    tt_obs_fail_facts f = {.kind = TT_OBS_FAIL_ALERT_SENT,
                           .actor = who,
                           .alert = desc,
                           .client_cert_empty = o->client_cert_empty};
    if (!strcmp(cause, "handshake_failure") && who == SERVER && !o->server_hello_seen && desc == 40)
        f.kind = TT_OBS_FAIL_HELLO_REFUSED;
    else if (cert_missing)
        f.kind = TT_OBS_FAIL_CERT_REQUIRED;
    emit_failed(o, who, cause, &f);
    f.kind = TT_OBS_FAIL_ALERT_RECEIVED;
    emit_failed(o, !who, cert_missing ? cause : "peer_alert", &f);
}

/* After each record: has a side now finished its handshake? The side that writes the second
 * Finished has checked the first; the side that wrote the first is done once it goes on
 * writing (data, tickets) after the second, which it would not do had it rejected it. */
static void progress(tt_obs *o, odir *d)
{
    odir *c = &o->d[o->client_dir], *s = &o->d[!o->client_dir];
    if (!c->finished || !s->finished)
        return;
    int second = o->first_fin == CLIENT ? SERVER : CLIENT;
    emit_done(o, second, TT_OBS_DONE_WROTE_SECOND);
    if (d->who == o->first_fin && d->wrote_after_peer_fin)
        emit_done(o, o->first_fin, TT_OBS_DONE_WROTE_AFTER);
}

static void saw_finished(tt_obs *o, odir *d, int inferred)
{
    if (d->finished)
        return;
    d->finished = 1;
    d->finished_inferred = inferred;
    if (o->first_fin < 0)
        o->first_fin = d->who;
}

/* ---------- records and their content ---------- */

static void on_message(tt_obs *o, odir *d, const uint8_t *msg, size_t len, int level)
{
    tt_wire_ctx ctx = {.tls13 = o->tls13, .cipher_suite = o->suite};
    tt_decoded dec;
    int rc = tt_wire_handshake(msg, len, &ctx, &dec);
    uint8_t type = msg[0];
    int hrr = type == 2 && cJSON_IsTrue(field(dec.fields, "hello_retry_request"));
    const tt_named *row = tt_lookup(&tt_handshake_types, type);
    cJSON *b = cJSON_CreateObject();
    tt_json_add_static(b, "dir", "sent");
    tt_json_add_static(b, "from", side_names[d->who]);
    tt_json_add_static(b, "hs_type", row ? row->name : "unknown");
    ADD_NUM(b, "hs_type_id", type);
    const char *label = hs_label(type, hrr);
    tt_json_add_static(b, "label", label ? label : row ? row->name : "unknown");
    ADD_NUM(b, "length", (double)len);
    tt_json_add_static(b, "protection", lv_names[level]);
    ADD_BOOL(b, "mutual_only",
             tt_handshake_mutual_only(type, d->who == CLIENT ? TT_BY_CLIENT : TT_BY_SERVER));
    if (row)
        tt_json_add_words(b, row->explain, row->src);
    learn(o, d, type, msg, len, dec.fields);
    ADD_ITEM(b, "fields", dec.fields);
    ADD_ITEM(b, "spans", dec.spans);
    if (rc != 0)
        cJSON_AddStringToObject(b, "error", dec.error[0] ? dec.error : "malformed message");
    ADD_ITEM(b, "hex", tt_json_hex(msg, len));
    emit(o, d->who, "message", b);
    if (type == 11 && rc == 0)
        check_chain(o, d, msg, len);
    if (type == 20)
        saw_finished(o, d, 0);
    else if (type == 4 && o->d[o->client_dir].finished && d->who == SERVER)
        d->wrote_after_peer_fin = 1; /* a ticket after the client's Finished (TLS 1.3) */
}

static void on_alert(tt_obs *o, odir *d, const uint8_t *p, size_t len, int level)
{
    tt_decoded dec;
    int rc = tt_wire_alert(p, len, &dec);
    cJSON *b = cJSON_CreateObject();
    tt_json_add_static(b, "dir", "sent");
    tt_json_add_static(b, "from", side_names[d->who]);
    tt_json_add_static(b, "protection", lv_names[level]);
    if (rc == 0) {
        ADD_ITEM(b, "level", cJSON_DetachItemFromObject(dec.fields, "level"));
        ADD_ITEM(b, "description", cJSON_DetachItemFromObject(dec.fields, "description"));
        const tt_named *row = tt_lookup(&tt_alerts, p[1]);
        if (row)
            tt_json_add_words(b, row->explain, row->src);
    } else {
        cJSON_AddStringToObject(b, "error", dec.error);
    }
    ADD_ITEM(b, "hex", tt_json_hex(p, len));
    tt_decoded_free(&dec);
    emit(o, d->who, "alert", b);
    if (rc != 0)
        return;
    /* RFC 8446 §6: close_notify (0) and user_canceled (90) end a connection, not a handshake;
     * any other alert is an error (TLS 1.2 warnings aside, which no implementation here sends
     * during a handshake without failing it). */
    if (p[1] == 0) {
        o->close_notify[d->who] = 1;
    } else if (p[0] == 2 && p[1] != 90 && o->alert[d->who] < 0) {
        o->alert[d->who] = p[1];
        o->alert_prot[d->who] = lv_names[level];
        on_fatal_alert(o, d->who, p[1]);
    }
}

static void on_content(tt_obs *o, odir *d, uint8_t ctype, const uint8_t *p, size_t len, int level)
{
    if (ctype == 22) {
        if (tt_hs_reasm_push(&d->hs, p, len) != 0) {
            d->broken = 1;
            return;
        }
        uint8_t *msg;
        size_t mlen;
        int r;
        while ((r = tt_hs_reasm_next(&d->hs, &msg, &mlen)) == 1) {
            on_message(o, d, msg, mlen, level);
            free(msg);
        }
        if (r < 0)
            d->broken = 1;
    } else if (ctype == 21) {
        on_alert(o, d, p, len, level);
    }
}

static int grow(uint8_t **buf, size_t *cap, size_t need)
{
    if (*cap >= need)
        return 0;
    uint8_t *n = realloc(*buf, need);
    if (!n)
        return -1;
    *buf = n;
    *cap = need;
    return 0;
}

/* TLS 1.3: the key that authenticates this record (the current level first, then the next:
 * each epoch restarts at sequence number 0; a late alert may still use the handshake key). */
static int decrypt13(tt_obs *o, odir *d, size_t *plen, uint8_t *inner)
{
    static const int order[LVS][2] = {{LV_HS, LV_APP}, {LV_HS, LV_APP}, {LV_APP, LV_HS}};
    for (int i = 0; i < 2; i++) {
        int lv = order[d->level][i];
        if (key13(o, d, lv) != 0)
            continue;
        if (tt_rkey_decrypt(&d->keys[lv], d->hdr, d->body, d->body_len, d->plain, plen, inner) ==
            0) {
            d->keys[lv].seq++;
            if (lv > d->level)
                d->level = lv;
            return lv;
        }
    }
    return -1;
}

/* ---------- holding records for secrets not written yet (live) ---------- */

/* 1 when a secret this direction needs next is missing from the key log (after reading it again):
 * the endpoint may still be writing it. */
static int should_hold(tt_obs *o, odir *d)
{
    if (!o->cfg.hold_us || !o->cfg.keylog || o->holds >= 8 || !o->have_cr)
        return 0;
    uint8_t s[TT_KEYLOG_MAX_SECRET];
    tt_kl_label need[2];
    int n = 0;
    if (o->tls13) {
        need[n++] = d->who == CLIENT ? TT_KL_CLIENT_HS : TT_KL_SERVER_HS;
        need[n++] = d->who == CLIENT ? TT_KL_CLIENT_APP : TT_KL_SERVER_APP;
    } else if (o->tls12_keys == 0) {
        need[n++] = TT_KL_CLIENT_RANDOM;
    }
    if (o->cfg.reload_keys)
        o->cfg.reload_keys(o->cfg.reload_ctx);
    int missing = 0;
    for (int i = 0; i < n; i++)
        missing |= tt_keylog_get(o->cfg.keylog, o->client_random, need[i], s) == 0;
    mbedtls_platform_zeroize(s, sizeof(s));
    return missing;
}

/* Appends bytes (or a gap) of direction dir to what is held; -1 past 1 MiB (or out of memory). */
static int hold(tt_obs *o, int dir, const uint8_t *a, size_t an, const uint8_t *b, size_t bn,
                uint64_t missing)
{
    if (o->held_bytes + an + bn > 1024 * 1024)
        return -1;
    held_chunk *c = malloc(sizeof(*c) + an + bn);
    if (!c)
        return -1;
    c->next = NULL;
    c->dir = dir;
    c->missing = missing;
    c->n = an + bn;
    if (an)
        memcpy(c->data, a, an);
    if (bn)
        memcpy(c->data + an, b, bn);
    if (!o->held)
        o->held_tail = &o->held;
    *o->held_tail = c;
    o->held_tail = &c->next;
    o->held_bytes += c->n;
    return 0;
}

/* Holds the current record of d (header and body), and from now on everything that arrives, in
 * both directions (so that the trace keeps the order the network had). Returns 0, or -1 (the
 * record is then read as it is). */
static int start_hold(tt_obs *o, odir *d)
{
    if (hold(o, (int)(d - o->d), d->hdr, TT_RECORD_HEADER_LEN, d->body, d->body_len, 0) != 0)
        return -1;
    o->holding = 1;
    o->holds++;
    o->hold_dir = (int)(d - o->d);
    o->hold_until = *o->cfg.now_us + o->cfg.hold_us;
    if (o->cfg.held)
        o->cfg.held(o->cfg.reload_ctx, o);
    return 0;
}

static void consume(tt_obs *o, odir *d, const uint8_t *p, size_t n);
static void cut(tt_obs *o, odir *d, const uint8_t *p, size_t n);
static void gap(tt_obs *o, int dir, uint64_t missing);

int tt_obs_release(tt_obs *o, int force)
{
    if (!o->holding)
        return 0;
    if (!force && *o->cfg.now_us < o->hold_until && should_hold(o, &o->d[o->hold_dir]))
        return 1;
    /* Read it all again in arrival order; a record still without its secret is then shown
     * encrypted, or held again (at most 8 times per connection). */
    o->holding = 0;
    if (force)
        o->holds = 8;
    held_chunk *c = o->held;
    o->held = NULL;
    o->held_bytes = 0;
    o->d[o->hold_dir].hdr_have = 0; /* the held record is read again from its header */
    while (c) {
        held_chunk *next = c->next;
        if (c->missing)
            gap(o, c->dir, c->missing);
        else
            consume(o, &o->d[c->dir], c->data, c->n);
        free(c);
        c = next;
    }
    return o->holding;
}

/* What an encrypted record holds, said without its keys: the note that says it. */
static tt_obs_note_id opaque_note(const tt_obs *o, const odir *d, uint8_t ctype)
{
    if (o->tls13)
        return !o->cfg.keylog || tt_keylog_get_stats(o->cfg.keylog)->secrets == 0
                   ? TT_OBS_TLS13_NO_KEYLOG
                   : TT_OBS_TLS13_NO_KEY;
    if (o->tls12_keys < 0)
        return o->tls12_why;
    if (d->since_ccs == 1 && ctype == 22)
        return TT_OBS_TLS12_FINISHED;
    return ctype == 21 ? TT_OBS_TLS12_ALERT : TT_OBS_TLS12_DATA;
}

static void on_record(tt_obs *o, odir *d)
{
    uint8_t ctype = d->hdr[0];
    uint16_t version = (uint16_t)(d->hdr[1] << 8 | d->hdr[2]);
    int level = LV_PLAIN, decrypted = 0, encrypted = 0;
    uint8_t inner = ctype;
    size_t plen = 0;
    const uint8_t *content = d->body;
    size_t clen = d->body_len;
    d->records++;
    if (d->ccs)
        d->since_ccs++;
    if (grow(&d->plain, &d->plain_cap, d->body_len + 1) != 0) {
        d->broken = 1;
        return;
    }

    cJSON *b = cJSON_CreateObject();
    tt_json_add_static(b, "dir", "sent");
    tt_json_add_static(b, "from", side_names[d->who]);
    if (d->lost) {
        /* Part of this record was never captured: its bytes cannot be decoded or decrypted,
         * but it still used one sequence number of its key. */
        char err[200];
        snprintf(err, sizeof(err), "%llu of this record's %zu bytes were not captured",
                 (unsigned long long)d->lost, d->body_len);
        cJSON_AddStringToObject(b, "error", err);
        ADD_ITEM(b, "content_type", named_from(&tt_content_types, ctype));
        ADD_NUM(b, "length", d->body_len);
        ADD_ITEM(b, "header_hex", tt_json_hex(d->hdr, TT_RECORD_HEADER_LEN));
        cJSON *gap = cJSON_CreateObject();
        ADD_NUM(gap, "bytes", (double)d->lost);
        ADD_ITEM(b, "gap", gap);
        tt_obs_add_note(b, TT_OBS_RECORD_PART_MISSED);
        emit(o, d->who, "record", b);
        if (o->tls13 && ctype == 23)
            d->keys[d->level].seq++;
        else if (!o->tls13 && d->ccs)
            d->keys[LV_APP].seq++;
        tt_hs_reasm_free(&d->hs);
        tt_hs_reasm_init(&d->hs, MAX_HANDSHAKE_MSG);
        d->lost = 0;
        return;
    }

    if (o->tls13 && ctype == 23) {
        encrypted = 1;
        int lv = decrypt13(o, d, &plen, &inner);
        if (lv >= 0) {
            level = lv;
            decrypted = 1;
        }
    } else if (!o->tls13 && d->ccs && ctype != 20) {
        /* RFC 5246 §7.1: after ChangeCipherSpec every record of this side is protected. */
        encrypted = 1;
        level = LV_APP;
        if (keys12(o) == 0 && tt_rkey_decrypt(&d->keys[LV_APP], d->hdr, d->body, d->body_len,
                                              d->plain, &plen, &inner) == 0)
            decrypted = 1;
        d->keys[LV_APP].seq++;
    }
    if (encrypted && !decrypted && should_hold(o, d) && start_hold(o, d) == 0) {
        /* The key log may get this record's secret in a moment: keep it for then. */
        cJSON_Delete(b);
        d->records--;
        if (d->ccs)
            d->since_ccs--;
        if (!o->tls13)
            d->keys[LV_APP].seq--;
        return;
    }
    if (encrypted) {
        content = decrypted ? d->plain : NULL;
        clen = decrypted ? plen : 0;
    }
    ADD_ITEM(b, "content_type", named_from(&tt_content_types, ctype));
    ADD_ITEM(b, "version", named_from(&tt_versions, version));
    ADD_NUM(b, "length", d->body_len);
    tt_json_add_static(b, "protection", encrypted && !decrypted ? "encrypted" : lv_names[level]);
    ADD_BOOL(b, "decrypted", decrypted);
    if (decrypted) {
        ADD_ITEM(b, "inner_content_type", named_from(&tt_content_types, inner));
        ADD_NUM(b, "plaintext_length", (double)plen);
    }
    ADD_ITEM(b, "header_hex", tt_json_hex(d->hdr, TT_RECORD_HEADER_LEN));
    if (ctype == 20 && !encrypted) {
        tt_decoded dec;
        tt_wire_ccs(d->body, d->body_len, &dec);
        ADD_ITEM(b, "fields", dec.fields);
        if (dec.error[0])
            cJSON_AddStringToObject(b, "error", dec.error);
        cJSON_Delete(dec.spans);
        tt_json_add_note(b, o->tls13 ? TT_NOTE_CCS_TLS13 : TT_NOTE_CCS_TLS12);
        if (!o->tls13 && o->server_hello_seen) {
            d->ccs = 1;
            d->since_ccs = 0;
            d->keys[LV_APP].seq = 0;
        }
    } else if (encrypted && !decrypted) {
        tt_obs_add_note(b, opaque_note(o, d, ctype));
    }
    emit(o, d->who, "record", b);

    /* What the record says about the handshake's progress. */
    odir *peer = &o->d[d->who == CLIENT ? !o->client_dir : o->client_dir];
    uint8_t real = decrypted ? inner : ctype;
    if (encrypted && !decrypted && !o->tls13 && ctype == 22 && d->since_ccs == 1)
        saw_finished(o, d, 1); /* TLS 1.2: the first record after CCS is the Finished */
    if (peer->finished && d->finished && real != 21 &&
        !(real == 22 && decrypted && content && clen && content[0] == 20))
        d->wrote_after_peer_fin = 1;
    if (content && (inner == 21 || inner == 22))
        on_content(o, d, inner, content, clen, level);
    progress(o, d);
}

/* A direction's bytes: counted, then read (or held, while records wait for their secrets). */
static void feed(tt_obs *o, odir *d, const uint8_t *p, size_t n)
{
    d->bytes += n;
    o->bytes += n;
    consume(o, d, p, n);
}

static void consume(tt_obs *o, odir *d, const uint8_t *p, size_t n)
{
    if (o->holding) {
        if (hold(o, (int)(d - o->d), p, n, NULL, 0, 0) == 0)
            return;
        tt_obs_release(o, 1); /* too much waiting: read it all as it is */
    }
    cut(o, d, p, n);
}

/* Cuts one direction's bytes into records (what is held waits with it). */
/* Moves up to want - *have bytes from (*p, *n) to dst + *have. */
static void take(uint8_t *dst, size_t *have, size_t want, const uint8_t **p, size_t *n)
{
    size_t k = want - *have < *n ? want - *have : *n;
    memcpy(dst + *have, *p, k);
    *have += k;
    *p += k;
    *n -= k;
}

/* A record event for bytes that cannot be read as records any more (this direction stops). */
static void emit_unreadable(tt_obs *o, odir *d, const char *err, size_t hdr_len, uint64_t gap,
                            tt_obs_note_id why)
{
    d->broken = 1;
    cJSON *b = cJSON_CreateObject();
    tt_json_add_static(b, "dir", "sent");
    tt_json_add_static(b, "from", side_names[d->who]);
    cJSON_AddStringToObject(b, "error", err);
    ADD_ITEM(b, "header_hex", tt_json_hex(d->hdr, hdr_len));
    if (gap) {
        cJSON *g = cJSON_CreateObject();
        ADD_NUM(g, "bytes", (double)gap);
        ADD_ITEM(b, "gap", g);
    }
    tt_obs_add_note(b, why);
    emit(o, d->who, "record", b);
}

static void cut(tt_obs *o, odir *d, const uint8_t *p, size_t n)
{
    while (n > 0 && !d->broken) {
        if (d->hdr_have < TT_RECORD_HEADER_LEN) {
            take(d->hdr, &d->hdr_have, TT_RECORD_HEADER_LEN, &p, &n);
            if (d->hdr_have < TT_RECORD_HEADER_LEN)
                return;
            tt_record_hdr h;
            char err[160];
            if (tt_wire_record_header(d->hdr, TT_RECORD_HEADER_LEN, &h, err, sizeof(err)) != 0) {
                emit_unreadable(o, d, err, TT_RECORD_HEADER_LEN, 0, TT_OBS_NOT_A_RECORD);
                if (d->records == 0 && !o->failed[d->who]) {
                    tt_obs_fail_facts f = {
                        .kind = TT_OBS_FAIL_NOT_TLS, .actor = d->who, .alert = -1};
                    emit_failed(o, !d->who, "not_tls", &f);
                    emit_failed(o, d->who, "not_tls", &f);
                }
                return;
            }
            d->body_len = h.length;
            d->body_have = 0;
            if (grow(&d->body, &d->body_cap, h.length ? h.length : 1) != 0) {
                d->broken = 1;
                return;
            }
        }
        take(d->body, &d->body_have, d->body_len, &p, &n);
        if (d->body_have == d->body_len) {
            on_record(o, d);
            d->hdr_have = 0;
            if (o->holding) { /* this record now waits: what follows it waits too */
                if (!n || hold(o, (int)(d - o->d), p, n, NULL, 0, 0) == 0)
                    return;
                tt_obs_release(o, 1);
            }
        }
    }
}

int tt_obs_data(tt_obs *o, int dir, const uint8_t *p, size_t n)
{
    if (o->state == 2)
        return 1;
    odir *d = &o->d[dir];
    if (o->state == 0) {
        size_t k = sizeof(d->pre) - d->pre_len;
        if (k > n)
            k = n;
        memcpy(d->pre + d->pre_len, p, k);
        d->pre_len += k;
        p += k;
        n -= k;
        /* A handshake record's sixth byte is the message type: wait for it. */
        if (d->pre_len < TT_RECORD_HEADER_LEN || (d->pre_len < sizeof(d->pre) && d->pre[0] == 22))
            return 0;
        if (detect(o, dir) != 0) {
            o->state = 2;
            return 1;
        }
        odir *other = &o->d[!dir];
        feed(o, d, d->pre, d->pre_len);
        if (other->pre_len)
            feed(o, other, other->pre, other->pre_len);
    }
    if (n)
        feed(o, d, p, n);
    return 0;
}

void tt_obs_gap(tt_obs *o, int dir, uint64_t missing)
{
    if (o->state != 1) {
        o->state = 2; /* a gap before the first record: its start was not captured */
        return;
    }
    if (o->holding) {
        if (hold(o, dir, NULL, 0, NULL, 0, missing) == 0)
            return;
        tt_obs_release(o, 1);
    }
    gap(o, dir, missing);
}

static void gap(tt_obs *o, int dir, uint64_t missing)
{
    odir *d = &o->d[dir];
    if (o->holding) { /* held again while reading what was held */
        if (hold(o, dir, NULL, 0, NULL, 0, missing) == 0)
            return;
        tt_obs_release(o, 1);
    }
    d->missing += missing;
    if (d->broken)
        return;
    /* Inside a record whose length is known, the next header's place is known too. */
    if (d->hdr_have == TT_RECORD_HEADER_LEN && missing <= d->body_len - d->body_have) {
        size_t k = (size_t)missing;
        memset(d->body + d->body_have, 0, k);
        d->body_have += k;
        d->lost += k;
        if (d->body_have == d->body_len) {
            on_record(o, d);
            d->hdr_have = 0;
        }
        return;
    }
    char err[200];
    snprintf(err, sizeof(err), "%llu bytes were not captured, across a record header",
             (unsigned long long)missing);
    emit_unreadable(o, d, err, d->hdr_have, missing, TT_OBS_HEADER_MISSED);
}

/* How each side's session ends, and the outcome when the handshake was not decided. */
void tt_obs_close(tt_obs *o, tt_tcp_close how, int by)
{
    if (o->state != 1)
        return;
    tt_obs_release(o, 1);
    odir *c = &o->d[o->client_dir], *s = &o->d[!o->client_dir];
    int closer = by < 0 ? -1 : o->d[by].who;
    int clean = how == TT_TCP_CLOSE_FIN || how == TT_TCP_CLOSE_RST;
    if (c->finished && s->finished && o->first_fin >= 0 && clean && o->alert[o->first_fin] < 0)
        emit_done(o, o->first_fin, TT_OBS_DONE_CLOSED);
    int hs_started = o->hello_seen;
    int decided = o->done[CLIENT] || o->failed[CLIENT] || o->done[SERVER] || o->failed[SERVER];
    int hidden = o->tls13 && !c->keys[LV_HS].ready && !s->keys[LV_HS].ready;
    int lossy = c->missing || s->missing; /* what the capture missed may be what decided it */
    if (hs_started && !decided && clean && closer >= 0 && !hidden && !lossy) {
        tt_obs_fail_facts f = {.kind = TT_OBS_FAIL_CLOSED,
                               .actor = closer,
                               .alert = -1,
                               .rst = how == TT_TCP_CLOSE_RST};
        if (closer == SERVER && o->cert_requested && o->client_cert_empty) {
            f.kind = TT_OBS_FAIL_CLOSED_EMPTY_CERT;
            emit_failed(o, SERVER, "client_certificate_missing", &f);
            emit_failed(o, CLIENT, "client_certificate_missing", &f);
        } else {
            emit_failed(o, closer, "handshake_failure", &f);
            emit_failed(o, !closer, "peer_closed", &f);
        }
    }
    for (int who = 0; who < 2; who++) {
        cJSON *b = cJSON_CreateObject();
        const char *outcome = o->failed[who] ? "failed" : o->done[who] ? "ok" : "unknown";
        cJSON_AddStringToObject(b, "outcome", outcome);
        const char *close = o->close_notify[who]      ? "close_notify"
                            : how == TT_TCP_CLOSE_FIN ? "eof"
                                                      : tt_tcp_close_name(how);
        cJSON_AddStringToObject(b, "close", close);
        ADD_NUM(b, "bytes", (double)o->d[who == CLIENT ? o->client_dir : !o->client_dir].bytes);
        int ex = -1;
        switch (how) {
        case TT_TCP_CLOSE_IDLE: ex = TT_OBS_END_IDLE; break;
        case TT_TCP_CLOSE_EVICTED: ex = TT_OBS_END_EVICTED; break;
        case TT_TCP_CLOSE_END: ex = TT_OBS_END_CAPTURE; break;
        case TT_TCP_CLOSE_RST: ex = TT_OBS_END_RST; break;
        default: break;
        }
        if (ex < 0 && !strcmp(outcome, "unknown"))
            ex = hidden  ? TT_OBS_UNKNOWN_HIDDEN
                 : lossy ? TT_OBS_UNKNOWN_LOSSY
                         : TT_OBS_UNKNOWN_INCOMPLETE;
        if (ex >= 0)
            tt_obs_add_note(b, (tt_obs_note_id)ex);
        uint64_t miss = o->d[who == CLIENT ? o->client_dir : !o->client_dir].missing;
        if (miss)
            ADD_NUM(b, "missing_bytes", (double)miss);
        emit(o, who, "session_end", b);
    }
}

int tt_obs_is_tls(const tt_obs *o)
{
    return o->state == 1;
}

int tt_obs_failed(const tt_obs *o)
{
    return o->any_failed;
}

size_t tt_obs_memory(const tt_obs *o)
{
    size_t m = sizeof(*o);
    for (int i = 0; i < 2; i++)
        m += o->d[i].body_cap + o->d[i].plain_cap + o->d[i].hs.cap;
    return m;
}
