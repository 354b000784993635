/* Endpoints from options: files are checked one by one so that an error names the option, the
 * file and the reason; nothing is guessed (no default CA besides the system's bundle). */
#include "tt_endpoint.h"
#include "tt_cli.h"
#include "tt_outputs.h"
#include "tt_tables.h"
#include "tt_x509.h"

#include <ctype.h>
#include <stddef.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <mbedtls/error.h>
#include <mbedtls/ssl_ciphersuites.h>
#include <mbedtls/version.h>
#include <psa/crypto.h>

/* The trust store curl and openssl use on Debian, when neither --ca nor --ca-dir is given. */
#define TT_SYSTEM_CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

const char *tt_authmode_name(int m)
{
    return m == MBEDTLS_SSL_VERIFY_REQUIRED ? "required"
           : m == MBEDTLS_SSL_VERIFY_OPTIONAL ? "optional"
                                              : "none";
}

cJSON *tt_cert_subject(const mbedtls_x509_crt *crt)
{
    char err[128];
    cJSON *d = tt_x509_describe(crt->raw.p, crt->raw.len, err, sizeof(err));
    cJSON *s = d ? cJSON_DetachItemFromObject(d, "subject") : NULL;
    cJSON_Delete(d);
    return s ? s : cJSON_CreateNull();
}

cJSON *tt_config_json(const tt_config_desc *d)
{
    cJSON *cfg = cJSON_CreateObject();
    cJSON *vers = cJSON_AddArrayToObject(cfg, "versions");
    for (int v = d->min_version; v <= d->max_version; v++)
        cJSON_AddItemToArray(vers, cJSON_CreateString(tt_name(&tt_versions, (uint32_t)v)));
    if (d->suites && d->suites[0]) {
        cJSON *a = cJSON_AddArrayToObject(cfg, "cipher_suites");
        for (const int *p = d->suites; *p; p++) {
            const tt_suite *row = tt_suite_lookup((uint16_t)*p);
            cJSON_AddItemToArray(a, tt_json_named((uint32_t)*p, row ? row->name : NULL));
        }
    } else {
        cJSON_AddStringToObject(cfg, "cipher_suites", "library defaults");
    }
    if (d->groups && d->groups[0]) {
        cJSON *a = cJSON_AddArrayToObject(cfg, "groups");
        for (const uint16_t *p = d->groups; *p; p++)
            cJSON_AddItemToArray(a, tt_json_named(*p, tt_name(&tt_groups, *p)));
    } else {
        cJSON_AddStringToObject(cfg, "groups", "library defaults");
    }
    cJSON_AddStringToObject(cfg, "verify_peer", tt_authmode_name(d->authmode));
    cJSON_AddItemToObject(cfg, "trusted_ca",
                          d->trusted_ca ? cJSON_Duplicate(d->trusted_ca, 1) : cJSON_CreateNull());
    cJSON_AddItemToObject(cfg, "certificate",
                          d->certificate ? cJSON_Duplicate(d->certificate, 1) : cJSON_CreateNull());
    if (d->server_name)
        cJSON_AddStringToObject(cfg, "server_name", d->server_name);
    if (d->alpn && d->alpn[0]) {
        cJSON *a = cJSON_AddArrayToObject(cfg, "alpn");
        for (const char *const *p = d->alpn; *p; p++)
            cJSON_AddItemToArray(a, cJSON_CreateString(*p));
    }
    cJSON_AddBoolToObject(cfg, "session_tickets", d->session_tickets);
    return cfg;
}

/* ---------- options ---------- */

static int file_readable(const char *opt, const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "%s %s: cannot open: %s", opt, path, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s %s: is a directory, not a PEM or DER file", opt, path);
        return -1;
    }
    if (access(path, R_OK) != 0) {
        snprintf(err, errlen, "%s %s: cannot read: %s", opt, path, strerror(errno));
        return -1;
    }
    return 0;
}

static void tls_error(char *err, size_t errlen, const char *opt, const char *path, int rc)
{
    char text[160];
    mbedtls_strerror(rc, text, sizeof(text));
    snprintf(err, errlen, "%s %s: %s (-0x%04X)", opt, path, text, (unsigned)-rc);
}

int tt_load_certs(mbedtls_x509_crt *crt, const char *opt, const char *path, char *err,
                  size_t errlen)
{
    if (file_readable(opt, path, err, errlen) != 0)
        return -1;
    int rc = mbedtls_x509_crt_parse_file(crt, path);
    if (rc < 0) {
        tls_error(err, errlen, opt, path, rc);
        return -1;
    }
    if (rc > 0 || !crt->raw.p) {
        snprintf(err, errlen, "%s %s: %d certificate(s) in it could not be parsed", opt, path,
                 rc > 0 ? rc : 1);
        return -1;
    }
    return 0;
}

/* Splits a comma-separated list in place into at most TT_MAX_LIST trimmed items. */
static int split_list(char *s, char **items, const char *opt, char *err, size_t errlen)
{
    int n = 0;
    for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ",")) {
        while (isspace((unsigned char)*tok))
            tok++;
        size_t l = strlen(tok);
        while (l && isspace((unsigned char)tok[l - 1]))
            tok[--l] = 0;
        if (!l)
            continue;
        if (n == TT_MAX_LIST) {
            snprintf(err, errlen, "%s: at most %d items", opt, TT_MAX_LIST);
            return -1;
        }
        items[n++] = tok;
    }
    if (!n) {
        snprintf(err, errlen, "%s: empty list", opt);
        return -1;
    }
    return n;
}

/* A cipher suite by IANA name (TLS_AES_128_GCM_SHA256), Mbed TLS name (TLS-AES-128-GCM-SHA256)
 * or number (0x1301); 0 when unknown or not built into this Mbed TLS. */
static int suite_id(const char *name)
{
    int id = 0;
    if (name[0] == '0' && (name[1] == 'x' || name[1] == 'X')) {
        char *end;
        long v = strtol(name, &end, 16);
        id = *end || v <= 0 || v > 0xFFFF ? 0 : (int)v;
    } else {
        /* IANA names first (Mbed TLS spells TLS 1.3's TLS1-3-AES-128-GCM-SHA256), then Mbed
         * TLS's own spelling of any suite. */
        for (size_t i = 0; i < tt_suites_count && !id; i++)
            if (strcasecmp(tt_suites[i].name, name) == 0)
                id = tt_suites[i].id;
        if (id)
            return mbedtls_ssl_ciphersuite_from_id(id) ? id : 0;
        char m[128];
        snprintf(m, sizeof(m), "%s", name);
        for (char *p = m; *p; p++)
            *p = *p == '_' ? '-' : (char)toupper((unsigned char)*p);
        id = mbedtls_ssl_get_ciphersuite_id(m);
    }
    return id && mbedtls_ssl_ciphersuite_from_id(id) ? id : 0;
}

static int parse_lists(tt_endpoint *ep, const tt_endpoint_opts *o, char *err, size_t errlen)
{
    char buf[1024], *items[TT_MAX_LIST];
    if (o->ciphers) {
        snprintf(buf, sizeof(buf), "%s", o->ciphers);
        int n = split_list(buf, items, "--ciphers", err, errlen);
        if (n < 0)
            return -1;
        for (int i = 0; i < n; i++) {
            ep->suites[i] = suite_id(items[i]);
            if (!ep->suites[i]) {
                snprintf(err, errlen,
                         "--ciphers: '%s' is not a cipher suite this Mbed TLS implements (write "
                         "IANA names such as TLS_AES_128_GCM_SHA256, or 0x1301)",
                         items[i]);
                return -1;
            }
        }
        ep->suites[n] = 0;
        mbedtls_ssl_conf_ciphersuites(&ep->conf, ep->suites);
    }
    if (o->groups) {
        snprintf(buf, sizeof(buf), "%s", o->groups);
        int n = split_list(buf, items, "--groups", err, errlen);
        if (n < 0)
            return -1;
        for (int i = 0; i < n; i++) {
            uint16_t id = 0;
            for (size_t r = 0; r < tt_groups.count && !id; r++)
                if (strcasecmp(tt_groups.rows[r].name, items[i]) == 0)
                    id = (uint16_t)tt_groups.rows[r].id;
            if (!id) {
                snprintf(err, errlen,
                         "--groups: '%s' is not a named group (write IANA names such as x25519, "
                         "secp256r1, secp384r1)",
                         items[i]);
                return -1;
            }
            ep->groups[i] = id;
        }
        ep->groups[n] = 0;
        mbedtls_ssl_conf_groups(&ep->conf, ep->groups);
    }
    if (o->alpn) {
        snprintf(ep->alpn_buf, sizeof(ep->alpn_buf), "%s", o->alpn);
        int n = split_list(ep->alpn_buf, items, "--alpn", err, errlen);
        if (n < 0)
            return -1;
        for (int i = 0; i < n; i++) {
            if (strlen(items[i]) > 255) {
                snprintf(err, errlen, "--alpn: a protocol name is at most 255 bytes");
                return -1;
            }
            ep->alpn[i] = items[i];
        }
        ep->alpn[n] = NULL;
        int rc = mbedtls_ssl_conf_alpn_protocols(&ep->conf, ep->alpn);
        if (rc != 0) {
            tls_error(err, errlen, "--alpn", o->alpn, rc);
            return -1;
        }
    }
    return 0;
}

int tt_endpoint_init(tt_endpoint *ep, const tt_endpoint_opts *o, char *err, size_t errlen)
{
    memset(ep, 0, sizeof(*ep));
    ep->is_server = o->is_server;
    mbedtls_ssl_config_init(&ep->conf);
    mbedtls_entropy_init(&ep->entropy);
    mbedtls_ctr_drbg_init(&ep->drbg);
    mbedtls_ssl_ticket_init(&ep->ticket);
    mbedtls_x509_crt_init(&ep->ca);
    mbedtls_x509_crt_init(&ep->cert);
    mbedtls_pk_init(&ep->key);

    if (psa_crypto_init() != PSA_SUCCESS ||
        mbedtls_ctr_drbg_seed(&ep->drbg, mbedtls_entropy_func, &ep->entropy,
                              (const unsigned char *)"tlstrace", 8) != 0) {
        snprintf(err, errlen, "cannot initialise the random generator");
        return -1;
    }
    int rc = mbedtls_ssl_config_defaults(&ep->conf,
                                         o->is_server ? MBEDTLS_SSL_IS_SERVER : MBEDTLS_SSL_IS_CLIENT,
                                         MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
    if (rc != 0) {
        tls_error(err, errlen, "ssl", "config", rc);
        return -1;
    }
    mbedtls_ssl_conf_rng(&ep->conf, mbedtls_ctr_drbg_random, &ep->drbg);

    ep->min_version = 0x0303;
    ep->max_version = 0x0304;
    if (o->tls) {
        if (strcmp(o->tls, "1.2") && strcmp(o->tls, "1.3")) {
            snprintf(err, errlen, "--tls must be 1.2 or 1.3, not '%s'", o->tls);
            return -1;
        }
        ep->min_version = ep->max_version = strcmp(o->tls, "1.3") ? 0x0303 : 0x0304;
    }
    mbedtls_ssl_conf_min_tls_version(&ep->conf, (mbedtls_ssl_protocol_version)ep->min_version);
    mbedtls_ssl_conf_max_tls_version(&ep->conf, (mbedtls_ssl_protocol_version)ep->max_version);
    if (parse_lists(ep, o, err, errlen) != 0)
        return -1;

    if ((o->cert_file != NULL) != (o->key_file != NULL)) {
        snprintf(err, errlen, "--cert and --key go together: give both files or neither");
        return -1;
    }
    if (o->is_server && !o->cert_file) {
        snprintf(err, errlen, "a server needs --cert FILE and --key FILE (try 'tlstrace pki DIR')");
        return -1;
    }
    if (o->cert_file) {
        if (tt_load_certs(&ep->cert, "--cert", o->cert_file, err, errlen) != 0 ||
            file_readable("--key", o->key_file, err, errlen) != 0)
            return -1;
        rc = mbedtls_pk_parse_keyfile(&ep->key, o->key_file, NULL, mbedtls_ctr_drbg_random,
                                      &ep->drbg);
        if (rc != 0) {
            tls_error(err, errlen, "--key", o->key_file, rc);
            return -1;
        }
        rc = mbedtls_pk_check_pair(&ep->cert.pk, &ep->key, mbedtls_ctr_drbg_random, &ep->drbg);
        if (rc != 0) {
            snprintf(err, errlen, "--key %s: does not belong to the certificate in --cert %s",
                     o->key_file, o->cert_file);
            return -1;
        }
        rc = mbedtls_ssl_conf_own_cert(&ep->conf, &ep->cert, &ep->key);
        if (rc != 0) {
            tls_error(err, errlen, "--cert", o->cert_file, rc);
            return -1;
        }
        ep->has_cert = 1;
    }

    /* Trusted roots: a client always checks the server; a server checks clients when asked to. */
    ep->authmode = o->is_server ? o->authmode : MBEDTLS_SSL_VERIFY_REQUIRED;
    const char *ca_file = o->ca_file;
    if (!ca_file && !o->ca_dir && !o->is_server) {
        if (access(TT_SYSTEM_CA_BUNDLE, R_OK) != 0) {
            snprintf(err, errlen, "no trusted CA: give --ca FILE (the root CA certificate that "
                                  "signed the server's certificate)");
            return -1;
        }
        ca_file = TT_SYSTEM_CA_BUNDLE;
    }
    if (o->is_server && o->authmode != MBEDTLS_SSL_VERIFY_NONE && !ca_file && !o->ca_dir) {
        snprintf(err, errlen, "checking client certificates needs --ca FILE: the root CA that "
                              "signs them");
        return -1;
    }
    if (ca_file && tt_load_certs(&ep->ca, "--ca", ca_file, err, errlen) != 0)
        return -1;
    if (o->ca_dir) {
        rc = mbedtls_x509_crt_parse_path(&ep->ca, o->ca_dir);
        if (rc < 0 || !ep->ca.raw.p) {
            if (rc < 0)
                tls_error(err, errlen, "--ca-dir", o->ca_dir, rc);
            else
                snprintf(err, errlen, "--ca-dir %s: no certificate found in it", o->ca_dir);
            return -1;
        }
    }
    if (ca_file || o->ca_dir) {
        ep->has_ca = 1;
        mbedtls_ssl_conf_ca_chain(&ep->conf, &ep->ca, NULL);
    }
    mbedtls_ssl_conf_authmode(&ep->conf, ep->authmode);

    if (o->is_server) {
        rc = mbedtls_ssl_ticket_setup(&ep->ticket, mbedtls_ctr_drbg_random, &ep->drbg,
                                      MBEDTLS_CIPHER_AES_256_GCM, 86400);
        if (rc != 0) {
            tls_error(err, errlen, "ssl", "tickets", rc);
            return -1;
        }
        mbedtls_ssl_conf_session_tickets_cb(&ep->conf, mbedtls_ssl_ticket_write,
                                            mbedtls_ssl_ticket_parse, &ep->ticket);
    } else {
        /* A TLS 1.3 client ignores NewSessionTicket unless told to report it. */
        mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(
            &ep->conf, MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
    }
    if (ep->has_ca)
        ep->ca_subject = tt_cert_subject(&ep->ca);
    if (ep->has_cert)
        ep->cert_subject = tt_cert_subject(&ep->cert);
    return 0;
}

void tt_endpoint_free(tt_endpoint *ep)
{
    cJSON_Delete(ep->ca_subject);
    cJSON_Delete(ep->cert_subject);
    mbedtls_ssl_config_free(&ep->conf);
    mbedtls_ssl_ticket_free(&ep->ticket);
    mbedtls_x509_crt_free(&ep->ca);
    mbedtls_x509_crt_free(&ep->cert);
    mbedtls_pk_free(&ep->key);
    mbedtls_ctr_drbg_free(&ep->drbg);
    mbedtls_entropy_free(&ep->entropy);
}

cJSON *tt_session_start_body(int is_server, const char *source, cJSON *scenario,
                             const tt_config_desc *d, const char *transport)
{
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "role", is_server ? "server" : "client");
    cJSON_AddStringToObject(b, "source", source);
    if (scenario)
        cJSON_AddItemToObject(b, "scenario", scenario);
    cJSON_AddItemToObject(b, "config", tt_config_json(d));
    cJSON *lib = cJSON_AddObjectToObject(b, "library");
    char ver[32];
    mbedtls_version_get_string(ver);
    cJSON_AddStringToObject(lib, "mbedtls", ver);
    cJSON_AddStringToObject(lib, "tlstrace", TLSTRACE_VERSION);
    cJSON_AddStringToObject(b, "transport", transport);
    return b;
}

cJSON *tt_endpoint_session_start(tt_endpoint *ep, const char *source, const char *server_name,
                                 const char *transport)
{
    tt_config_desc d = {
        .min_version = ep->min_version,
        .max_version = ep->max_version,
        .suites = ep->suites,
        .groups = ep->groups,
        .authmode = ep->authmode,
        .trusted_ca = ep->ca_subject,
        .certificate = ep->cert_subject,
        .server_name = server_name,
        .alpn = ep->alpn,
        .session_tickets = 1,
    };
    return tt_session_start_body(ep->is_server, source, NULL, &d, transport);
}

int tt_endpoint_option(tt_args *a, const char *arg, tt_endpoint_opts *eo,
                       tt_outputs_opts *outputs)
{
    static const struct { const char *name; size_t off; int out; } opts[] = {
        {"--ca", offsetof(tt_endpoint_opts, ca_file), 0},
        {"--ca-dir", offsetof(tt_endpoint_opts, ca_dir), 0},
        {"--cert", offsetof(tt_endpoint_opts, cert_file), 0},
        {"--key", offsetof(tt_endpoint_opts, key_file), 0},
        {"--tls", offsetof(tt_endpoint_opts, tls), 0},
        {"--alpn", offsetof(tt_endpoint_opts, alpn), 0},
        {"--ciphers", offsetof(tt_endpoint_opts, ciphers), 0},
        {"--groups", offsetof(tt_endpoint_opts, groups), 0},
        {"--out", offsetof(tt_outputs_opts, out_path), 1},
        {"--ui", offsetof(tt_outputs_opts, ui), 1},
        {"--keylog", offsetof(tt_outputs_opts, keylog_path), 1},
        {"--pcap", offsetof(tt_outputs_opts, pcap_path), 1},
        {"--format", offsetof(tt_outputs_opts, format), 1},
    };
    for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
        if (strcmp(arg, opts[i].name) != 0 || (opts[i].out && !outputs))
            continue;
        char *base = opts[i].out ? (char *)outputs : (char *)eo;
        const char *v = tt_args_value(a);
        memcpy(base + opts[i].off, &v, sizeof(v));
        return 1;
    }
    return 0;
}

tt_tap_config tt_endpoint_tap_config(const tt_endpoint *ep, tt_emitter *em, const char *session,
                                     FILE *keylog, int timeout_ms)
{
    tt_tap_config tc = {
        .em = em,
        .session = session,
        .is_server = ep->is_server,
        .min_version = (uint16_t)ep->min_version,
        .max_version = (uint16_t)ep->max_version,
        .suites = ep->suites[0] ? ep->suites : NULL,
        .authmode = ep->authmode,
        .has_own_cert = ep->has_cert,
        .keylog = keylog,
        .timeout_ms = timeout_ms,
        /* connect and serve run over TCP and close the socket as soon as a handshake fails
         * (tt_conn_finish), so a peer waiting for more sees the connection end. */
        .transport_closes = 1,
    };
    return tc;
}

FILE *tt_keylog_open(const char *cmd, const char *path)
{
    /* Secrets: readable by the user only. Appended, as key log files are. */
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    FILE *f = fd >= 0 ? fdopen(fd, "a") : NULL;
    if (!f) {
        fprintf(stderr, "tlstrace %s: cannot write %s: %s\n", cmd, path, strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    return f;
}
