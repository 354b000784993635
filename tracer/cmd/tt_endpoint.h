/* One Mbed TLS endpoint configured from command-line options (connect: a client, serve: a server):
 * certificate files, versions, cipher suites, groups, ALPN, client authentication. Also the
 * `session_start` body every producer emits, built from what an endpoint was configured with. */
#ifndef TT_ENDPOINT_H
#define TT_ENDPOINT_H

#include <stdint.h>
#include <stdio.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_ticket.h>
#include <mbedtls/x509_crt.h>
#include "tt_emit.h"
#include "tt_tap.h"

/* What session_start says about one endpoint's configuration. */
typedef struct tt_config_desc {
    int min_version, max_version;   /* 0x0303 / 0x0304 */
    const int *suites;              /* 0-terminated, or NULL: the library defaults */
    const uint16_t *groups;         /* 0-terminated, or NULL: the library defaults */
    int authmode;                   /* MBEDTLS_SSL_VERIFY_* */
    const cJSON *trusted_ca;        /* subject string, or NULL */
    const cJSON *certificate;       /* subject string, or NULL */
    const char *server_name;        /* client: the name it asks for and checks, or NULL */
    const char *const *alpn;        /* NULL-terminated, or NULL */
    int session_tickets;
} tt_config_desc;

/* The `config` object of session_start. */
cJSON *tt_config_json(const tt_config_desc *d);
/* The subject of a parsed certificate as a cJSON string (null when it cannot be described). */
cJSON *tt_cert_subject(const mbedtls_x509_crt *crt);
/* "none" / "optional" / "required". */
const char *tt_authmode_name(int authmode);

typedef struct tt_endpoint_opts {
    int is_server;
    const char *ca_file, *ca_dir;   /* trusted roots (client: to check the server) */
    const char *cert_file, *key_file;
    const char *tls;                /* "1.2", "1.3" or NULL (both) */
    const char *alpn;               /* comma-separated, or NULL */
    const char *ciphers;            /* comma-separated IANA or Mbed TLS names / 0xNNNN, or NULL */
    const char *groups;             /* comma-separated IANA names (x25519, secp256r1, ...), or NULL */
    int authmode;                   /* server: NONE, OPTIONAL (--request-client-cert), REQUIRED */
} tt_endpoint_opts;

#define TT_MAX_LIST 32

typedef struct tt_endpoint {
    int is_server;
    mbedtls_ssl_config conf;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_ssl_ticket_context ticket;
    mbedtls_x509_crt ca, cert;
    mbedtls_pk_context key;
    int has_ca, has_cert;
    cJSON *ca_subject, *cert_subject;
    int min_version, max_version;
    int suites[TT_MAX_LIST + 1];
    uint16_t groups[TT_MAX_LIST + 1];
    char alpn_buf[256];
    const char *alpn[TT_MAX_LIST + 1];
    int authmode;
} tt_endpoint;

/* The options connect and serve share (--ca, --ca-dir, --cert, --key, --tls, --alpn, --ciphers,
 * --groups, and with `outputs` also --out, --ui, --keylog, --pcap, --format): when `arg` is one of them,
 * takes its value from `a` into eo (or the outputs) and returns 1; otherwise 0. */
struct tt_args;
struct tt_outputs_opts;
int tt_endpoint_option(struct tt_args *a, const char *arg, tt_endpoint_opts *eo,
                       struct tt_outputs_opts *outputs);

/* Loads the files and builds the configuration. Returns 0, or -1 with one line in err saying
 * which option or file and what is wrong ("--ca root.pem: cannot open: No such file..."). */
int tt_endpoint_init(tt_endpoint *ep, const tt_endpoint_opts *o, char *err, size_t errlen);
void tt_endpoint_free(tt_endpoint *ep);

/* A session_start body: role, source, the scenario (demo only, taken; or NULL), the config, the
 * library versions, the transport. */
cJSON *tt_session_start_body(int is_server, const char *source, cJSON *scenario,
                             const tt_config_desc *d, const char *transport);

/* The session_start body for a connection of this endpoint. */
cJSON *tt_endpoint_session_start(tt_endpoint *ep, const char *source, const char *server_name,
                                 const char *transport);

/* The tap configuration matching this endpoint. */
tt_tap_config tt_endpoint_tap_config(const tt_endpoint *ep, tt_emitter *em, const char *session,
                                     FILE *keylog, int timeout_ms);

/* Parses the certificates of the file given to option opt into crt. Returns 0, or -1 with one
 * line in err ("--ca root.pem: cannot open: ..."). */
int tt_load_certs(mbedtls_x509_crt *crt, const char *opt, const char *path, char *err,
                  size_t errlen);

/* Opens (creates, appends, mode 0600) an NSS key log file. NULL with a message on stderr when it
 * cannot ("tlstrace CMD: cannot write PATH: reason"). */
FILE *tt_keylog_open(const char *cmd, const char *path);

#endif
