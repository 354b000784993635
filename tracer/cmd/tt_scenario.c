#include "tt_scenario.h"

#include <string.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_ciphersuites.h>

/* no-shared-cipher: each side allows exactly one suite, and they differ. */
static const int client_aes256_12[] = {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, 0};
static const int server_aes128_12[] = {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, 0};
static const int client_aes256_13[] = {MBEDTLS_TLS1_3_AES_256_GCM_SHA384, 0};
static const int server_aes128_13[] = {MBEDTLS_TLS1_3_AES_128_GCM_SHA256, 0};

/* hello-retry: the client's first key share (secp256r1) is not a group the server accepts. */
static const uint16_t client_groups_hrr[] = {MBEDTLS_SSL_IANA_TLS_GROUP_SECP256R1,
                                                   MBEDTLS_SSL_IANA_TLS_GROUP_X25519, 0};
static const uint16_t server_groups_hrr[] = {MBEDTLS_SSL_IANA_TLS_GROUP_X25519, 0};

const tt_scenario tt_scenarios[] = {
    {
        .name = "basic",
        .teaches = "Basic handshake: only the server proves who it is, with a certificate the "
                   "client checks against the CA certificates it trusts.",
        .teaches_tls12 = "In TLS 1.2 the server signs its ServerKeyExchange (the two randoms and its "
                         "key-exchange parameters) with its certificate's key.",
        .teaches_tls13 = "In TLS 1.3 the server signs the transcript of the handshake in its "
                         "CertificateVerify.",
        .src = TT_SRC("RFC 8446 §4.4.2", "RFC 8446 §4.4.3", "RFC 5246 §7.4.2", "RFC 5246 §7.4.3",
                      "RFC 5280 §6.1"),
        .versions = TT_TLS12 | TT_TLS13, .expect_ok = 1,
        .server_cert = "server", .client_ca = "root-ca", .client_has_cert = 1,
    },
    {
        .name = "mutual",
        .teaches = "Mutual handshake: the server adds a CertificateRequest, and the client proves "
                   "who it is too, with its own Certificate and a CertificateVerify signature.",
        .teaches_tls12 = "In TLS 1.2 the server proves itself with its Certificate and its signed "
                         "ServerKeyExchange (it sends no CertificateVerify), and the client's "
                         "certificate crosses the network in the clear.",
        .teaches_tls13 = "In TLS 1.3 the server proves itself with its Certificate and "
                         "CertificateVerify, and the client's certificate travels encrypted under "
                         "the handshake keys.",
        .src = TT_SRC("RFC 8446 §4.3.2", "RFC 8446 §4.4.2", "RFC 8446 §4.4.3", "RFC 5246 §7.4.4",
                      "RFC 5246 §7.4.6", "RFC 5246 §7.4.8", "RFC 5246 §7.4.3"),
        .versions = TT_TLS12 | TT_TLS13, .mutual = 1, .expect_ok = 1,
        .server_cert = "server", .client_ca = "root-ca", .client_has_cert = 1,
    },
    {
        .name = "untrusted-ca",
        .teaches = "The server's certificate is signed by a CA the client does not trust, so the "
                   "client refuses to continue.",
        .src = TT_SRC("RFC 5280 §6.1", "RFC 8446 §4.4.2.4", "RFC 5246 §7.4.2"),
        .versions = TT_TLS12 | TT_TLS13,
        .server_cert = "other-server", .client_ca = "root-ca", .client_has_cert = 1,
    },
    {
        .name = "expired",
        .teaches = "A certificate is only valid between two dates, checked against the verifier's "
                   "own clock: an expired server certificate is rejected even though the right CA "
                   "signed it.",
        .src = TT_SRC("RFC 5280 §4.1.2.5", "RFC 5280 §6.1.3"),
        .versions = TT_TLS12 | TT_TLS13,
        .server_cert = "expired", .client_ca = "root-ca", .client_has_cert = 1,
    },
    {
        .name = "wrong-host",
        .teaches = "A valid certificate for another name proves nothing about this server: the "
                   "client checks the host name it asked for.",
        .src = TT_SRC("RFC 6125 §6.4", "RFC 8446 §4.4.2.4"),
        .versions = TT_TLS12 | TT_TLS13,
        .server_cert = "wrong-host", .client_ca = "root-ca", .client_has_cert = 1,
    },
    {
        .name = "no-client-cert",
        .teaches = "The server requires a client certificate and the client has none: mutual "
                   "authentication fails (and Mbed TLS reports it differently in 1.2 and 1.3).",
        .teaches_tls12 = "In TLS 1.2 the Mbed TLS server sends no alert at all.",
        .teaches_tls13 = "In TLS 1.3 the client's handshake already reports success when the "
                         "server refuses it, with alert 41 under its handshake keys.",
        .src = TT_SRC("RFC 5246 §7.4.6", "RFC 8446 §4.4.2.4",
                      "Mbed TLS 3.6 behaviour: MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE"),
        .versions = TT_TLS12 | TT_TLS13, .mutual = 1,
        .server_cert = "server", .client_ca = "root-ca", .client_has_cert = 0,
    },
    {
        .name = "no-shared-cipher",
        .teaches = "Client and server must agree on a cipher suite: when no suite is on both "
                   "lists, the server ends the handshake.",
        .src = TT_SRC("RFC 8446 §4.1.1", "RFC 5246 §7.4.1.3"),
        .versions = TT_TLS12 | TT_TLS13,
        .server_cert = "server", .client_ca = "root-ca", .client_has_cert = 1,
        .client_suites12 = client_aes256_12, .server_suites12 = server_aes128_12,
        .client_suites13 = client_aes256_13, .server_suites13 = server_aes128_13,
    },
    {
        .name = "version-mismatch",
        .teaches = "Client and server must share a TLS version: a TLS 1.2-only and a TLS 1.3-only "
                   "endpoint cannot talk (--tls picks the client's version).",
        .src = TT_SRC("RFC 8446 §4.2.1", "RFC 8446 Appendix D"),
        .versions = TT_TLS12 | TT_TLS13, .version_split = 1,
        .server_cert = "server", .client_ca = "root-ca", .client_has_cert = 1,
    },
    {
        .name = "hello-retry",
        .teaches = "TLS 1.3 HelloRetryRequest: the client guessed a key-share group the server "
                   "does not accept, so the server asks it to say hello again with another one (a "
                   "server may also ask for a cookie this way); the first ClientHello then enters "
                   "the transcript as its hash, message_hash.",
        .src = TT_SRC("RFC 8446 §4.1.4", "RFC 8446 §4.4.1"),
        .versions = TT_TLS13, .expect_ok = 1,
        .server_cert = "server", .client_ca = "root-ca", .client_has_cert = 1,
        .client_groups = client_groups_hrr, .server_groups = server_groups_hrr,
    },
};

const size_t tt_scenarios_count = sizeof(tt_scenarios) / sizeof(tt_scenarios[0]);

const tt_scenario *tt_scenario_find(const char *name)
{
    for (size_t i = 0; i < tt_scenarios_count; i++)
        if (strcmp(tt_scenarios[i].name, name) == 0)
            return &tt_scenarios[i];
    return NULL;
}
