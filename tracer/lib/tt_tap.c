/* The tap: BIO tee, record parser and decryptor, verify and export-keys callbacks, step loop.
 * Everything it reports comes from the bytes that crossed the BIO and from what Mbed TLS hands to
 * its callbacks; nothing is inferred from what a scenario expects. */
#include "tt_tap.h"
#include "tt_arena.h"
#include "tt_crypto.h"
#include "tt_explain.h"
#include "tt_tables.h"
#include "tt_wire.h"
#include "tt_words.h"
#include "tt_x509.h"

#include <stdlib.h>
#include <string.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/x509_crt.h>

/* Handshake messages longer than this are reported as malformed rather than buffered. */
#define TT_MAX_HANDSHAKE_MSG (64 * 1024)
#define TT_MAX_OFFERED 64

enum { LEVEL_PLAIN = 0, LEVEL_HANDSHAKE = 1, LEVEL_APP = 2, LEVELS = 3 };
static const char *const level_names[LEVELS] = {"plaintext", "handshake", "application"};

/* One direction of the connection as this endpoint sees it. */
typedef struct dir_state {
    const char *dir;            /* "sent" or "received" */
    int from_client;            /* 1 when the bytes in this direction are written by the client */
    uint8_t hdr[TT_RECORD_HEADER_LEN];
    size_t hdr_have;
    uint8_t *body;              /* fragment being collected (grown to the record's length) */
    size_t body_len, body_have, body_cap;
    uint8_t *plain;             /* decryption output (grown as needed) */
    size_t plain_cap;
    int broken;                 /* the bytes are not TLS records: stop parsing this direction */
    uint64_t records;           /* well-formed records seen in this direction */
    uint8_t first[24];          /* the first bytes of this direction (evidence for "not TLS") */
    size_t first_len;
    char error[96];             /* why the bytes stopped being TLS records, when broken */
    int late;                   /* the bytes now parsed were never read by Mbed TLS */
    tt_hs_reasm hs;             /* handshake message reassembly */
    int level;                  /* current protection level of this direction */
    tt_rkey keys[LEVELS];       /* [HANDSHAKE], [APP]: TLS 1.3 traffic keys; [APP]: TLS 1.2 keys */
    int tls12_ccs;              /* TLS 1.2: a ChangeCipherSpec went this way: later records encrypted */
} dir_state;

struct tt_tap {
    tt_tap_config cfg;
    char session[64];
    const char *side;
    mbedtls_ssl_context *ssl;
    void *bio;
    mbedtls_ssl_send_t *send;
    mbedtls_ssl_recv_t *recv;
    dir_state out, in;
    int last_state;
    uint64_t bytes;

    /* Facts from the bytes. */
    int tls13;                  /* the ServerHello selected TLS 1.3 */
    uint16_t version;           /* selected version (0 until the ServerHello) */
    uint16_t suite;             /* selected suite (0 until the ServerHello) */
    int hrr;                    /* a HelloRetryRequest was seen */
    uint8_t client_random[32], server_random[32];
    int have_client_random, have_server_random;
    uint16_t group;             /* the key-exchange group, 0 until known */
    long client_share_len, server_share_len; /* -1 until known */
    int kx_emitted;
    uint16_t offered_groups_shares[16];
    long offered_share_lens[16];
    size_t n_offered_shares;
    uint16_t offered_versions[TT_MAX_OFFERED];
    size_t n_offered_versions;
    uint16_t offered_suites[TT_MAX_OFFERED * 4];
    size_t n_offered_suites;
    int cert_requested;
    int client_cert_sent, client_cert_empty, client_cv_sent;
    int server_cv_sent, server_ske_signed; /* how the server proved who it is */
    int ems;                    /* the ServerHello agreed on extended_master_secret (RFC 7627) */
    int finished_sent;          /* this endpoint has written its Finished */
    char alpn[64];

    /* Alerts: the first fatal one in each direction (-1: none). */
    int alert_sent, alert_received;
    const char *alert_sent_prot, *alert_received_prot;
    int alert_sent_after_finished; /* the first fatal alert sent came after this side's Finished */
    int close_notify_sent, close_notify_received;

    uint32_t verify_flags;

    /* Secrets: kept to decrypt the records this endpoint sees; never emitted. Indexed by
     * mbedtls_ssl_key_export_type (0: TLS 1.2 master secret, 3..6: TLS 1.3 traffic secrets). */
    uint8_t secret[7][48];
    size_t secret_len[7];
    int tls12_prf_sha384;
    int tls12_keys_tried;

    int ended;                  /* handshake_done/failed emitted */
    int ok;
    char outcome[256];          /* the summary, or "cause: explanation" (for one-line reports) */
};

int tt_ssl_state(const mbedtls_ssl_context *ssl)
{
    /* Mbed TLS 3.6 has no public getter for the handshake state; ssl.h marks the field private and
     * warns that it may change. This is the only place tlstrace reads a private field. */
    return ssl->MBEDTLS_PRIVATE(state);
}

/* Literal keys are not copied (cJSON's CS variants): a trace is built of thousands of them. */
#define ADD_NUM(obj, key, v) cJSON_AddItemToObjectCS((obj), "" key "", cJSON_CreateNumber((double)(v)))
#define ADD_BOOL(obj, key, v) cJSON_AddItemToObjectCS((obj), "" key "", cJSON_CreateBool(v))
#define ADD_ITEM(obj, key, item) cJSON_AddItemToObjectCS((obj), "" key "", (item))

static void emit(tt_tap *t, const char *type, cJSON *body)
{
    tt_emit(t->cfg.em, t->session, t->side, type, body);
}

static cJSON *named_from(const tt_table *tab, uint32_t id)
{
    return tt_json_named(id, tt_name(tab, id));
}

/* ---------- key schedule bookkeeping ---------- */

/* Export type of this direction's secret for a TLS 1.3 level. */
static int secret_index(const dir_state *d, int level)
{
    if (level == LEVEL_HANDSHAKE)
        return d->from_client ? MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_HANDSHAKE_TRAFFIC_SECRET
                              : MBEDTLS_SSL_KEY_EXPORT_TLS1_3_SERVER_HANDSHAKE_TRAFFIC_SECRET;
    return d->from_client ? MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_APPLICATION_TRAFFIC_SECRET
                          : MBEDTLS_SSL_KEY_EXPORT_TLS1_3_SERVER_APPLICATION_TRAFFIC_SECRET;
}

/* Derives the keys of a level lazily: the secret may arrive before the tap has seen the
 * ServerHello that names the suite (a server exports while writing it). */
static int ensure_key(tt_tap *t, dir_state *d, int level)
{
    if (d->keys[level].ready)
        return 0;
    if (!t->suite)
        return -1;
    if (t->tls13) {
        int i = secret_index(d, level);
        if (!t->secret_len[i])
            return -1;
        return tt_rkey_tls13(&d->keys[level], t->suite, t->secret[i], t->secret_len[i]);
    }
    if (level != LEVEL_APP || !t->secret_len[0] || !t->have_client_random || !t->have_server_random)
        return -1;
    if (t->tls12_keys_tried)
        return -1;
    t->tls12_keys_tried = 1;
    tt_rkey cw, sw;
    if (tt_rkeys_tls12(&cw, &sw, t->suite, t->tls12_prf_sha384, t->secret[0], t->client_random,
                       t->server_random) != 0)
        return -1;
    dir_state *cd = t->out.from_client ? &t->out : &t->in;
    dir_state *sd = t->out.from_client ? &t->in : &t->out;
    cd->keys[LEVEL_APP] = cw;
    sd->keys[LEVEL_APP] = sw;
    return 0;
}

/* ---------- callbacks ---------- */

static const char *export_label(int type)
{
    switch (type) {
    case MBEDTLS_SSL_KEY_EXPORT_TLS12_MASTER_SECRET: return "CLIENT_RANDOM";
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_HANDSHAKE_TRAFFIC_SECRET:
        return "CLIENT_HANDSHAKE_TRAFFIC_SECRET";
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_SERVER_HANDSHAKE_TRAFFIC_SECRET:
        return "SERVER_HANDSHAKE_TRAFFIC_SECRET";
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_APPLICATION_TRAFFIC_SECRET:
        return "CLIENT_TRAFFIC_SECRET_0";
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_SERVER_APPLICATION_TRAFFIC_SECRET:
        return "SERVER_TRAFFIC_SECRET_0";
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_EARLY_SECRET: return "CLIENT_EARLY_TRAFFIC_SECRET";
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_EARLY_EXPORTER_SECRET: return "EARLY_EXPORTER_SECRET";
    default: return NULL;
    }
}

/* The note that explains a secret, from its export type (and, for the TLS 1.2 master secret,
 * whether the ServerHello agreed on extended_master_secret). */
static tt_note_id export_note(int type, int ems)
{
    switch (type) {
    case MBEDTLS_SSL_KEY_EXPORT_TLS12_MASTER_SECRET:
        return ems ? TT_NOTE_MASTER_EMS : TT_NOTE_MASTER_PLAIN;
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_HANDSHAKE_TRAFFIC_SECRET: return TT_NOTE_C_HS_TRAFFIC;
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_SERVER_HANDSHAKE_TRAFFIC_SECRET: return TT_NOTE_S_HS_TRAFFIC;
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_APPLICATION_TRAFFIC_SECRET: return TT_NOTE_C_AP_TRAFFIC;
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_SERVER_APPLICATION_TRAFFIC_SECRET: return TT_NOTE_S_AP_TRAFFIC;
    default: return TT_NOTE_OTHER_SECRET;
    }
}

static void on_export_keys(void *p, mbedtls_ssl_key_export_type type, const unsigned char *secret,
                           size_t secret_len, const unsigned char client_random[32],
                           const unsigned char server_random[32], mbedtls_tls_prf_types prf)
{
    tt_tap *t = p;
    int i = (int)type;
    if (i >= 0 && i < 7 && secret_len <= sizeof(t->secret[0])) {
        memcpy(t->secret[i], secret, secret_len);
        t->secret_len[i] = secret_len;
    }
    if (type == MBEDTLS_SSL_KEY_EXPORT_TLS12_MASTER_SECRET) {
        t->tls12_prf_sha384 = prf == MBEDTLS_SSL_TLS_PRF_SHA384;
        memcpy(t->client_random, client_random, 32);
        memcpy(t->server_random, server_random, 32);
        t->have_client_random = t->have_server_random = 1;
    }
    const char *label = export_label(i);
    if (t->cfg.keylog && label) {
        /* NSS key log format: LABEL <client_random hex> <secret hex>. */
        char cr[65], sec[97];
        tt_hex(client_random, 32, cr);
        tt_hex(secret, secret_len > 48 ? 48 : secret_len, sec);
        fprintf(t->cfg.keylog, "%s %s %s\n", label, cr, sec);
        fflush(t->cfg.keylog);
        mbedtls_platform_zeroize(sec, sizeof(sec));
    }
    /* The event names the secret and its size only: the value never leaves the tap. */
    cJSON *b = cJSON_CreateObject();
    tt_json_add_static(b, "label", label ? label : "UNKNOWN");
    ADD_NUM(b, "length", (double)secret_len);
    /* TLS 1.3: the hash follows from the secret's length; TLS 1.2: the master secret is always 48
     * bytes and the PRF's hash is the one Mbed TLS names (RFC 5246 §5, RFC 8446 §7.1). */
    int sha384 = type == MBEDTLS_SSL_KEY_EXPORT_TLS12_MASTER_SECRET ? prf == MBEDTLS_SSL_TLS_PRF_SHA384
                                                                    : secret_len == 48;
    tt_json_add_static(b, "hash", sha384 ? "SHA384" : "SHA256");
    tt_json_add_note(b, export_note(i, t->ems));
    emit(t, "secret", b);
}

static int on_verify(void *p, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    tt_tap *t = p;
    t->verify_flags |= *flags;
    cJSON *b = cJSON_CreateObject();
    ADD_NUM(b, "depth", depth);
    char err[160] = "";
    cJSON *desc = tt_x509_describe(crt->raw.p, crt->raw.len, err, sizeof(err));
    if (desc) {
        static const char *const keep[] = {"subject", "issuer", "serial", "not_before",
                                           "not_after", "key", "signature_algorithm", "is_ca",
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
    emit(t, "cert_verify", b);
    return 0; /* observe only: Mbed TLS decides */
}

/* ---------- messages ---------- */

static const char *hs_display(uint8_t type, int hrr)
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

static cJSON *field(cJSON *o, const char *name)
{
    return o ? cJSON_GetObjectItemCaseSensitive(o, name) : NULL;
}

static long num(cJSON *o, const char *name, long dflt)
{
    cJSON *v = field(o, name);
    return cJSON_IsNumber(v) ? (long)v->valuedouble : dflt;
}

/* The decoded data of the first extension of a given type, or NULL. */
static cJSON *ext_data(cJSON *fields, uint16_t type)
{
    cJSON *e;
    cJSON_ArrayForEach(e, field(fields, "extensions"))
    {
        if (num(field(e, "type"), "id", -1) == type)
            return field(e, "data");
    }
    return NULL;
}

static void maybe_emit_key_exchange(tt_tap *t)
{
    if (t->kx_emitted || !t->group || t->client_share_len < 0 || t->server_share_len < 0)
        return;
    t->kx_emitted = 1;
    cJSON *b = cJSON_CreateObject();
    ADD_ITEM(b, "group", named_from(&tt_groups, t->group));
    cJSON_AddStringToObject(b, "method", t->tls13 ? "TLS 1.3 key_share" : "TLS 1.2 ECDHE");
    ADD_NUM(b, "client_share_length", (double)t->client_share_len);
    ADD_NUM(b, "server_share_length", (double)t->server_share_len);
    const tt_named *g = tt_lookup(&tt_groups, t->group);
    if (g)
        tt_json_add_words(b, g->explain, g->src);
    emit(t, "key_exchange", b);
}

/* What a message tells the tap about the handshake (version, suite, randoms, shares, client auth). */
static void learn(tt_tap *t, dir_state *d, uint8_t type, const uint8_t *msg, size_t len,
                  cJSON *fields)
{
    if (type == 1 && len >= 4 + 2 + 32) { /* ClientHello: RFC 8446 §4.1.2 */
        memcpy(t->client_random, msg + 6, 32);
        t->have_client_random = 1;
        t->n_offered_suites = 0;
        cJSON *s;
        cJSON_ArrayForEach(s, field(fields, "cipher_suites"))
        {
            if (t->n_offered_suites < sizeof(t->offered_suites) / sizeof(t->offered_suites[0]))
                t->offered_suites[t->n_offered_suites++] = (uint16_t)num(s, "id", 0);
        }
        t->n_offered_versions = 0;
        cJSON *sv = ext_data(fields, 43), *v;
        cJSON_ArrayForEach(v, field(sv, "versions"))
        {
            if (t->n_offered_versions < TT_MAX_OFFERED)
                t->offered_versions[t->n_offered_versions++] = (uint16_t)num(v, "id", 0);
        }
        if (!sv) /* no supported_versions: legacy_version is the highest version offered */
            t->offered_versions[t->n_offered_versions++] =
                (uint16_t)num(field(fields, "legacy_version"), "id", 0);
        t->n_offered_shares = 0;
        cJSON *sh;
        cJSON_ArrayForEach(sh, field(ext_data(fields, 51), "shares"))
        {
            if (t->n_offered_shares < 16) {
                t->offered_groups_shares[t->n_offered_shares] =
                    (uint16_t)num(field(sh, "group"), "id", 0);
                t->offered_share_lens[t->n_offered_shares++] = num(sh, "key_exchange_length", -1);
            }
        }
    } else if (type == 2 && len >= 4 + 2 + 32) { /* ServerHello / HelloRetryRequest: §4.1.3 */
        cJSON *hrr = field(fields, "hello_retry_request");
        int is_hrr = cJSON_IsTrue(hrr);
        t->version = (uint16_t)num(field(fields, "selected_version"), "id", 0);
        t->tls13 = t->version == 0x0304;
        t->suite = (uint16_t)num(field(fields, "cipher_suite"), "id", 0);
        if (is_hrr) {
            t->hrr = 1;
            return;
        }
        memcpy(t->server_random, msg + 6, 32);
        t->have_server_random = 1;
        t->ems = ext_data(fields, 23) != NULL; /* extended_master_secret: RFC 7627 §5.1 */
        cJSON *ks = ext_data(fields, 51);
        if (ks) {
            t->group = (uint16_t)num(field(ks, "group"), "id", 0);
            t->server_share_len = num(ks, "key_exchange_length", -1);
            for (size_t i = 0; i < t->n_offered_shares; i++)
                if (t->offered_groups_shares[i] == t->group)
                    t->client_share_len = t->offered_share_lens[i];
            maybe_emit_key_exchange(t);
        }
    } else if (type == 12) { /* ServerKeyExchange (TLS 1.2): RFC 8422 §5.4 */
        t->server_ske_signed = num(fields, "signature_length", 0) > 0;
        long g = num(field(fields, "named_group"), "id", 0);
        if (g) {
            t->group = (uint16_t)g;
            t->server_share_len = num(fields, "public_key_length", -1);
        }
    } else if (type == 16) { /* ClientKeyExchange (TLS 1.2): RFC 8422 §5.7 */
        t->client_share_len = num(fields, "public_key_length", -1);
        maybe_emit_key_exchange(t);
    } else if (type == 13) {
        t->cert_requested = 1;
    } else if (type == 11 && d->from_client) {
        int n = cJSON_GetArraySize(field(fields, "certificates"));
        if (n > 0)
            t->client_cert_sent = 1;
        else
            t->client_cert_empty = 1;
    } else if (type == 15) {
        if (d->from_client)
            t->client_cv_sent = 1;
        else
            t->server_cv_sent = 1;
    } else if (type == 20) {
        if (d == &t->out)
            t->finished_sent = 1;
    } else if (type == 8) { /* EncryptedExtensions may carry the ALPN choice */
        cJSON *alpn = ext_data(fields, 16), *p;
        cJSON_ArrayForEach(p, field(alpn, "protocols"))
        {
            if (cJSON_IsString(p))
                snprintf(t->alpn, sizeof(t->alpn), "%s", p->valuestring);
        }
    }
}

static void on_handshake_message(tt_tap *t, dir_state *d, const uint8_t *msg, size_t len,
                                 int level)
{
    tt_wire_ctx ctx = {.tls13 = t->tls13, .cipher_suite = t->suite};
    tt_decoded dec;
    int rc = tt_wire_handshake(msg, len, &ctx, &dec);
    uint8_t type = msg[0];
    int hrr = type == 2 && cJSON_IsTrue(field(dec.fields, "hello_retry_request"));
    const tt_named *row = tt_lookup(&tt_handshake_types, type);
    tt_sender by = d->from_client ? TT_BY_CLIENT : TT_BY_SERVER;

    cJSON *b = cJSON_CreateObject();
    tt_json_add_static(b, "dir", d->dir);
    tt_json_add_static(b, "from", d->from_client ? "client" : "server");
    if (row)
        tt_json_add_static(b, "hs_type", row->name);
    else
        tt_json_add_static(b, "hs_type", "unknown");
    ADD_NUM(b, "hs_type_id", type);
    const char *disp = hs_display(type, hrr);
    tt_json_add_static(b, "label", disp ? disp : (row ? row->name : "unknown"));
    ADD_NUM(b, "length", (double)len);
    tt_json_add_static(b, "protection", level_names[level]);
    ADD_BOOL(b, "mutual_only", tt_handshake_mutual_only(type, by));
    if (row)
        tt_json_add_words(b, row->explain, row->src);
    /* A ClientHello this Mbed TLS endpoint wrote with an IP address as server_name. */
    if (type == 1 && d == &t->out && cJSON_IsTrue(field(ext_data(dec.fields, 0), "ip_address")))
        tt_json_add_deviation(b, &tt_deviations[TT_DEV_IP_ADDRESS_IN_SERVER_NAME]);

    learn(t, d, type, msg, len, dec.fields);

    ADD_ITEM(b, "fields", dec.fields);
    ADD_ITEM(b, "spans", dec.spans);
    if (rc != 0)
        cJSON_AddStringToObject(b, "error", dec.error[0] ? dec.error : "malformed message");
    ADD_ITEM(b, "hex", tt_json_hex(msg, len));
    emit(t, "message", b);
}

static void on_alert(tt_tap *t, dir_state *d, const uint8_t *p, size_t len, int level)
{
    tt_decoded dec;
    int rc = tt_wire_alert(p, len, &dec);
    cJSON *b = cJSON_CreateObject();
    tt_json_add_static(b, "dir", d->dir);
    tt_json_add_static(b, "from", d->from_client ? "client" : "server");
    tt_json_add_static(b, "protection", level_names[level]);
    int desc = len >= 2 ? p[1] : -1;
    if (rc == 0) {
        ADD_ITEM(b, "level", cJSON_DetachItemFromObject(dec.fields, "level"));
        cJSON_AddItemToObject(b, "description",
                              cJSON_DetachItemFromObject(dec.fields, "description"));
        const tt_named *row = tt_lookup(&tt_alerts, (uint32_t)desc);
        if (row)
            tt_json_add_words(b, row->explain, row->src);
        int outgoing = d == &t->out;
        if (outgoing && t->tls13 && desc != 0) {
            /* What this Mbed TLS endpoint did that the RFC does not ask for, from the bytes. */
            if (level == LEVEL_PLAIN && !t->cfg.is_server && t->have_server_random)
                tt_json_add_deviation(b, &tt_deviations[TT_DEV_PLAINTEXT_ALERT_AFTER_SERVER_HELLO]);
            if (desc == 41)
                tt_json_add_deviation(b, &tt_deviations[TT_DEV_NO_CERTIFICATE_ALERT_IN_TLS13]);
            if (level == LEVEL_HANDSHAKE && t->finished_sent)
                tt_json_add_deviation(b, &tt_deviations[TT_DEV_ALERT_AFTER_FINISHED_UNDER_HS_KEYS]);
        }
        if (desc == 0) {
            if (outgoing)
                t->close_notify_sent = 1;
            else
                t->close_notify_received = 1;
        } else {
            /* The first alert other than close_notify in each direction is the evidence. */
            if (outgoing && t->alert_sent < 0) {
                t->alert_sent = desc;
                t->alert_sent_prot = level_names[level];
                t->alert_sent_after_finished = t->finished_sent;
            } else if (!outgoing && t->alert_received < 0) {
                t->alert_received = desc;
                t->alert_received_prot = level_names[level];
            }
        }
    } else {
        cJSON_AddStringToObject(b, "error", dec.error);
    }
    ADD_ITEM(b, "hex", tt_json_hex(p, len));
    tt_decoded_free(&dec);
    emit(t, "alert", b);
}

/* Feeds the plaintext content of one record to the right decoder. */
static void on_content(tt_tap *t, dir_state *d, uint8_t ctype, const uint8_t *p, size_t len,
                       int level)
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
            on_handshake_message(t, d, msg, mlen, level);
            free(msg);
        }
        if (r < 0)
            d->broken = 1;
    } else if (ctype == 21) {
        on_alert(t, d, p, len, level);
    }
}

static uint8_t *grow(uint8_t **buf, size_t *cap, size_t need)
{
    if (*cap >= need)
        return *buf;
    uint8_t *n = realloc(*buf, need);
    if (!n)
        return NULL;
    *buf = n;
    *cap = need;
    return n;
}

/* TLS 1.3: find the key that authenticates this record, current level first, then the next ones
 * (a new epoch starts at sequence 0), then earlier ones (a late alert can still travel under the
 * handshake key). The AEAD tag is the proof: a record is only called decrypted when it verifies. */
static int decrypt13(tt_tap *t, dir_state *d, size_t *plen, uint8_t *inner)
{
    static const int order[LEVELS][2] = {{LEVEL_HANDSHAKE, LEVEL_APP},
                                         {LEVEL_HANDSHAKE, LEVEL_APP},
                                         {LEVEL_APP, LEVEL_HANDSHAKE}};
    const int *try = order[d->level];
    for (int i = 0; i < 2; i++) {
        int lv = try[i];
        if (ensure_key(t, d, lv) != 0)
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

static void on_record(tt_tap *t, dir_state *d)
{
    uint8_t ctype = d->hdr[0];
    uint16_t version = (uint16_t)(d->hdr[1] << 8 | d->hdr[2]);
    int level = LEVEL_PLAIN, decrypted = 0, encrypted = 0;
    uint8_t inner = ctype;
    size_t plen = 0;
    const uint8_t *content = d->body;
    size_t clen = d->body_len;

    if (!grow(&d->plain, &d->plain_cap, d->body_len + 1)) {
        d->broken = 1;
        return;
    }
    if (t->tls13 && ctype == 23) {
        encrypted = 1;
        int lv = decrypt13(t, d, &plen, &inner);
        if (lv >= 0) {
            level = lv;
            decrypted = 1;
        }
    } else if (!t->tls13 && d->tls12_ccs && ctype != 20) {
        /* TLS 1.2 (RFC 5246 §7.1): after ChangeCipherSpec every record in this direction is
         * protected by the connection keys derived from the master secret. */
        encrypted = 1;
        level = LEVEL_APP;
        if (ensure_key(t, d, LEVEL_APP) == 0 &&
            tt_rkey_decrypt(&d->keys[LEVEL_APP], d->hdr, d->body, d->body_len, d->plain, &plen,
                            &inner) == 0) {
            decrypted = 1;
        }
        d->keys[LEVEL_APP].seq++;
    }
    if (encrypted) {
        content = decrypted ? d->plain : NULL;
        clen = decrypted ? plen : 0;
    }

    cJSON *b = cJSON_CreateObject();
    tt_json_add_static(b, "dir", d->dir);
    tt_json_add_static(b, "from", d->from_client ? "client" : "server");
    ADD_ITEM(b, "content_type", named_from(&tt_content_types, ctype));
    ADD_ITEM(b, "version", named_from(&tt_versions, version));
    ADD_NUM(b, "length", d->body_len);
    tt_json_add_static(b, "protection", encrypted && !decrypted ? "encrypted" : level_names[level]);
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
        tt_json_add_note(b, t->tls13 ? TT_NOTE_CCS_TLS13 : TT_NOTE_CCS_TLS12);
        if (!t->tls13) {
            d->tls12_ccs = 1;
            d->keys[LEVEL_APP].seq = 0;
        }
    } else if (encrypted && !decrypted) {
        tt_json_add_note(b, TT_NOTE_UNDECRYPTED);
    } else if (d->late) {
        tt_json_add_note(b, TT_NOTE_READ_LATE);
    }
    emit(t, "record", b);

    if (content && (inner == 21 || inner == 22))
        on_content(t, d, inner, content, clen, level);
}

/* The tee: parse bytes as they cross the BIO. Mbed TLS reads exactly a header then a body in
 * stream mode, but other writers need not split that way, so this accepts any chunking. */
static void feed(tt_tap *t, dir_state *d, const uint8_t *p, size_t n)
{
    t->bytes += n;
    if (d->first_len < sizeof(d->first)) {
        size_t k = sizeof(d->first) - d->first_len;
        memcpy(d->first + d->first_len, p, k < n ? k : n);
        d->first_len += k < n ? k : n;
    }
    while (n > 0 && !d->broken) {
        if (d->hdr_have < TT_RECORD_HEADER_LEN) {
            size_t k = TT_RECORD_HEADER_LEN - d->hdr_have;
            if (k > n)
                k = n;
            memcpy(d->hdr + d->hdr_have, p, k);
            d->hdr_have += k;
            p += k;
            n -= k;
            if (d->hdr_have < TT_RECORD_HEADER_LEN)
                return;
            tt_record_hdr h;
            char err[160];
            if (tt_wire_record_header(d->hdr, TT_RECORD_HEADER_LEN, &h, err, sizeof(err)) != 0) {
                d->broken = 1;
                snprintf(d->error, sizeof(d->error), "%.95s", err);
                cJSON *b = cJSON_CreateObject();
                tt_json_add_static(b, "dir", d->dir);
                tt_json_add_static(b, "from", d->from_client ? "client" : "server");
                cJSON_AddStringToObject(b, "error", err);
                ADD_ITEM(b, "header_hex", tt_json_hex(d->hdr, TT_RECORD_HEADER_LEN));
                tt_json_add_note(b, TT_NOTE_NOT_A_RECORD);
                emit(t, "record", b);
                return;
            }
            d->body_len = h.length;
            d->body_have = 0;
            d->records++;
            if (!grow(&d->body, &d->body_cap, h.length ? h.length : 1)) {
                d->broken = 1;
                return;
            }
        }
        size_t k = d->body_len - d->body_have;
        if (k > n)
            k = n;
        memcpy(d->body + d->body_have, p, k);
        d->body_have += k;
        p += k;
        n -= k;
        if (d->body_have == d->body_len) {
            on_record(t, d);
            d->hdr_have = 0;
        }
    }
}

static int tee_send(void *ctx, const unsigned char *buf, size_t len)
{
    tt_tap *t = ctx;
    int r = t->send(t->bio, buf, len);
    if (r > 0) {
        tt_arena_begin();
        feed(t, &t->out, buf, (size_t)r);
        tt_arena_end();
    }
    return r;
}

static int tee_recv(void *ctx, unsigned char *buf, size_t len)
{
    tt_tap *t = ctx;
    int r = t->recv(t->bio, buf, len);
    if (r > 0) {
        tt_arena_begin();
        feed(t, &t->in, buf, (size_t)r);
        tt_arena_end();
    }
    return r;
}

/* ---------- public ---------- */

static void dir_init(dir_state *d, const char *dir, int from_client)
{
    memset(d, 0, sizeof(*d));
    d->dir = dir;
    d->from_client = from_client;
    tt_hs_reasm_init(&d->hs, TT_MAX_HANDSHAKE_MSG);
}

static void dir_free(dir_state *d)
{
    free(d->body);
    if (d->plain) {
        mbedtls_platform_zeroize(d->plain, d->plain_cap);
        free(d->plain);
    }
    tt_hs_reasm_free(&d->hs);
    for (int i = 0; i < LEVELS; i++)
        tt_rkey_free(&d->keys[i]);
}

tt_tap *tt_tap_new(const tt_tap_config *cfg)
{
    tt_tap *t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->cfg = *cfg;
    snprintf(t->session, sizeof(t->session), "%s", cfg->session);
    t->side = cfg->is_server ? "server" : "client";
    dir_init(&t->out, "sent", !cfg->is_server);
    dir_init(&t->in, "received", cfg->is_server);
    t->last_state = -1;
    t->client_share_len = t->server_share_len = -1;
    t->alert_sent = t->alert_received = -1;
    return t;
}

void tt_tap_free(tt_tap *t)
{
    if (!t)
        return;
    dir_free(&t->out);
    dir_free(&t->in);
    mbedtls_platform_zeroize(t, sizeof(*t));
    free(t);
}

void tt_tap_attach(tt_tap *t, mbedtls_ssl_context *ssl, void *bio, mbedtls_ssl_send_t *send,
                   mbedtls_ssl_recv_t *recv)
{
    t->ssl = ssl;
    t->bio = bio;
    t->send = send;
    t->recv = recv;
    mbedtls_ssl_set_bio(ssl, t, tee_send, tee_recv, NULL);
    mbedtls_ssl_set_verify(ssl, on_verify, t);
    mbedtls_ssl_set_export_keys_cb(ssl, on_export_keys, t);
}

static void emit_state(tt_tap *t, int from, int to)
{
    cJSON *b = cJSON_CreateObject();
    ADD_ITEM(b, "from", named_from(&tt_mbedtls_states, (uint32_t)from));
    ADD_ITEM(b, "to", named_from(&tt_mbedtls_states, (uint32_t)to));
    const tt_named *row = tt_lookup(&tt_mbedtls_states, (uint32_t)to);
    if (row)
        tt_json_add_words(b, row->explain, row->src);
    emit(t, "state", b);
}

int tt_tap_step(tt_tap *t)
{
    tt_arena_begin(); /* everything the step's callbacks build is gone when it returns */
    int before = tt_ssl_state(t->ssl);
    if (t->last_state < 0)
        t->last_state = before;
    int ret = mbedtls_ssl_handshake_step(t->ssl);
    int after = tt_ssl_state(t->ssl);
    if (after != t->last_state) {
        emit_state(t, t->last_state, after);
        t->last_state = after;
    }
    tt_arena_end();
    return ret;
}

int tt_tap_finished_stepping(const tt_tap *t)
{
    return tt_ssl_state(t->ssl) == MBEDTLS_SSL_HANDSHAKE_OVER;
}

int tt_tap_peer_alert(const tt_tap *t)
{
    return t->alert_received;
}

int tt_tap_sent_empty_certificate(const tt_tap *t)
{
    return !t->cfg.is_server && t->cert_requested && t->client_cert_empty;
}

int tt_tap_ok(const tt_tap *t)
{
    return t->ok;
}

size_t tt_tap_memory(const tt_tap *t)
{
    size_t m = sizeof(*t);
    const dir_state *ds[2] = {&t->out, &t->in};
    for (int i = 0; i < 2; i++)
        m += ds[i]->body_cap + ds[i]->plain_cap + ds[i]->hs.cap;
    return m;
}

static void emit_negotiated(tt_tap *t)
{
    cJSON *b = cJSON_CreateObject();
    int vnum = (int)mbedtls_ssl_get_version_number(t->ssl);
    uint16_t wire_version = vnum == MBEDTLS_SSL_VERSION_TLS1_3 ? 0x0304 : 0x0303;
    ADD_ITEM(b, "version", named_from(&tt_versions, wire_version));
    /* The suite as the ServerHello bytes say; Mbed TLS's own answer is added as a cross-check. */
    uint16_t suite = t->suite ? t->suite : (uint16_t)mbedtls_ssl_get_ciphersuite_id_from_ssl(t->ssl);
    const tt_suite *s = tt_suite_lookup(suite);
    cJSON *cs = tt_json_named(suite, s ? s->name : NULL);
    if (s) {
        cJSON_AddStringToObject(cs, "key_exchange", s->kx);
        cJSON_AddStringToObject(cs, "authentication", s->auth);
        cJSON_AddStringToObject(cs, "cipher", s->cipher);
        cJSON_AddStringToObject(cs, "hash", s->hash);
        tt_json_add_words(cs, s->explain, s->src);
    }
    ADD_ITEM(b, "cipher_suite", cs);
    cJSON_AddNumberToObject(b, "mbedtls_cipher_suite_id",
                            mbedtls_ssl_get_ciphersuite_id_from_ssl(t->ssl));
    if (t->group)
        ADD_ITEM(b, "group", named_from(&tt_groups, t->group));
    else
        cJSON_AddNullToObject(b, "group");
    const char *alpn = mbedtls_ssl_get_alpn_protocol(t->ssl);
    if (alpn)
        cJSON_AddStringToObject(b, "alpn", alpn);
    else
        cJSON_AddNullToObject(b, "alpn");
    ADD_BOOL(b, "client_cert_requested", t->cert_requested);
    int client_auth = t->cert_requested && t->client_cert_sent && t->client_cv_sent;
    ADD_BOOL(b, "client_authenticated", client_auth);
    ADD_BOOL(b, "hello_retry_request", t->hrr);
    cJSON_AddStringToObject(b, "mode", client_auth ? "mutual" : "basic");
    emit(t, "negotiated", b);

    char summary[400];
    tt_summary_facts sf = {.version = wire_version,
                           .suite = suite,
                           .group = t->group,
                           .server_cv = t->server_cv_sent,
                           .server_ske_signed = t->server_ske_signed,
                           .cert_requested = t->cert_requested,
                           .client_cert_sent = t->client_cert_sent,
                           .client_cv_sent = t->client_cv_sent};
    tt_src src = tt_words_summary(&sf, summary, sizeof(summary));
    snprintf(t->outcome, sizeof(t->outcome), "%s", summary);
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "summary", summary);
    tt_json_add_sources(d, src);
    emit(t, "handshake_done", d);
}

void tt_tap_end_handshake(tt_tap *t, int ret, int stalled, int post_handshake)
{
    if (t->ended && !post_handshake)
        return;
    t->ended = 1;
    if (ret == 0 && !stalled) {
        t->ok = 1;
        emit_negotiated(t);
        return;
    }
    t->ok = 0;
    tt_failure_facts f = {
        .is_server = t->cfg.is_server,
        .ret = stalled ? 0 : ret,
        .stalled = stalled,
        .post_handshake = post_handshake,
        .tls13 = t->tls13,
        .alert_sent = t->alert_sent,
        .alert_sent_protection = t->alert_sent_prot,
        .alert_received = t->alert_received,
        .alert_received_protection = t->alert_received_prot,
        .verify_flags = t->verify_flags,
        .cert_requested = t->cert_requested,
        .client_cert_empty = t->client_cert_empty,
        .client_cert_sent = t->client_cert_sent,
        .offered_versions = t->offered_versions,
        .n_offered_versions = t->n_offered_versions,
        .offered_suites = t->offered_suites,
        .n_offered_suites = t->n_offered_suites,
        .local_min_version = t->cfg.min_version,
        .local_max_version = t->cfg.max_version,
        .local_suites = t->cfg.suites,
        .local_authmode = t->cfg.authmode,
        .local_has_cert = t->cfg.has_own_cert,
        .peer_not_tls = t->in.broken && t->in.records == 0,
        .peer_first = t->in.first,
        .peer_first_len = t->in.first_len,
        .peer_record_error = t->in.error,
        .timeout_ms = t->cfg.timeout_ms,
        .state = tt_name(&tt_mbedtls_states, (uint32_t)tt_ssl_state(t->ssl)),
        .bytes_received = t->in.records || t->in.first_len,
        .alert_read_late = t->in.late && t->alert_received >= 0,
        .alert_sent_after_finished = t->alert_sent_after_finished,
        .transport_closes = t->cfg.transport_closes,
    };
    char explain[1024];
    tt_failure_words w = {0};
    const char *cause = tt_explain_failure(&f, explain, sizeof(explain), &w);
    if (f.alert_read_late) {
        size_t n = strlen(explain);
        snprintf(explain + n, sizeof(explain) - n,
                 " (Mbed TLS failed writing to the connection the %s had closed before it read "
                 "this alert; tlstrace read the alert from the socket afterwards.)",
                 t->cfg.is_server ? "client" : "server");
    }
    snprintf(t->outcome, sizeof(t->outcome), "%s: %.200s%s", cause, explain,
             strlen(explain) > 200 ? "..." : "");
    cJSON *b = cJSON_CreateObject();
    if (stalled)
        cJSON_AddNullToObject(b, "error");
    else
        ADD_ITEM(b, "error", tt_json_mbedtls_error(ret));
    ADD_ITEM(b, "state", named_from(&tt_mbedtls_states, (uint32_t)tt_ssl_state(t->ssl)));
    if (t->alert_sent >= 0) {
        cJSON *a = named_from(&tt_alerts, (uint32_t)t->alert_sent);
        cJSON_AddStringToObject(a, "protection", t->alert_sent_prot);
        ADD_ITEM(b, "alert_sent", a);
    } else {
        cJSON_AddNullToObject(b, "alert_sent");
    }
    if (t->alert_received >= 0) {
        cJSON *a = named_from(&tt_alerts, (uint32_t)t->alert_received);
        cJSON_AddStringToObject(a, "protection", t->alert_received_prot);
        ADD_ITEM(b, "alert_received", a);
    } else {
        cJSON_AddNullToObject(b, "alert_received");
    }
    if (t->verify_flags) {
        ADD_NUM(b, "verify_flags", t->verify_flags);
        ADD_ITEM(b, "verify_reasons", tt_json_verify_reasons(t->verify_flags));
    }
    ADD_BOOL(b, "stalled", stalled);
    ADD_BOOL(b, "post_handshake", post_handshake);
    cJSON_AddStringToObject(b, "cause", cause);
    cJSON_AddStringToObject(b, "explanation", explain);
    tt_json_add_sources(b, w.src);
    tt_json_add_deviation(b, w.deviation[0]);
    tt_json_add_deviation(b, w.deviation[1]);
    emit(t, "handshake_failed", b);
}

void tt_tap_received_after_failure(tt_tap *t, const uint8_t *p, size_t n)
{
    if (!n)
        return;
    t->in.late = 1;
    tt_arena_begin();
    feed(t, &t->in, p, n);
    tt_arena_end();
}

void tt_tap_fail_transport(tt_tap *t, const char *cause, const char *explanation, tt_src src)
{
    t->ended = 1;
    t->ok = 0;
    cJSON *b = cJSON_CreateObject();
    cJSON_AddNullToObject(b, "error");
    ADD_ITEM(b, "state", named_from(&tt_mbedtls_states, (uint32_t)tt_ssl_state(t->ssl)));
    cJSON_AddNullToObject(b, "alert_sent");
    cJSON_AddNullToObject(b, "alert_received");
    ADD_BOOL(b, "stalled", 0);
    ADD_BOOL(b, "post_handshake", 0);
    cJSON_AddStringToObject(b, "cause", cause);
    cJSON_AddStringToObject(b, "explanation", explanation);
    tt_json_add_sources(b, src);
    emit(t, "handshake_failed", b);
    snprintf(t->outcome, sizeof(t->outcome), "%s: %.200s%s", cause, explanation,
             strlen(explanation) > 200 ? "..." : "");
}

const char *tt_tap_outcome(const tt_tap *t)
{
    return t->outcome;
}

void tt_tap_session_end(tt_tap *t, const char *how)
{
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "outcome", t->ok ? "ok" : "failed");
    cJSON_AddStringToObject(b, "close", how);
    ADD_NUM(b, "bytes", (double)t->bytes);
    emit(t, "session_end", b);
}
