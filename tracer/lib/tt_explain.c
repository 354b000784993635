#include "tt_explain.h"
#include "tt_tables.h"

#include <stdio.h>
#include <string.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509.h>

/* The Mbed TLS error codes a handshake can end with, by macro name (ssl.h, x509.h). */
static const struct {
    int code;
    const char *name;
} error_names[] = {
    {MBEDTLS_ERR_X509_CERT_VERIFY_FAILED, "MBEDTLS_ERR_X509_CERT_VERIFY_FAILED"},
    {MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT, "MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT"},
    {MBEDTLS_ERR_X509_INVALID_FORMAT, "MBEDTLS_ERR_X509_INVALID_FORMAT"},
    {MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG, "MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG"},
    {MBEDTLS_ERR_X509_SIG_MISMATCH, "MBEDTLS_ERR_X509_SIG_MISMATCH"},
    {MBEDTLS_ERR_SSL_INVALID_MAC, "MBEDTLS_ERR_SSL_INVALID_MAC"},
    {MBEDTLS_ERR_SSL_INVALID_RECORD, "MBEDTLS_ERR_SSL_INVALID_RECORD"},
    {MBEDTLS_ERR_SSL_CONN_EOF, "MBEDTLS_ERR_SSL_CONN_EOF"},
    {MBEDTLS_ERR_SSL_DECODE_ERROR, "MBEDTLS_ERR_SSL_DECODE_ERROR"},
    {MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE, "MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE"},
    {MBEDTLS_ERR_SSL_UNSUPPORTED_EXTENSION, "MBEDTLS_ERR_SSL_UNSUPPORTED_EXTENSION"},
    {MBEDTLS_ERR_SSL_NO_APPLICATION_PROTOCOL, "MBEDTLS_ERR_SSL_NO_APPLICATION_PROTOCOL"},
    {MBEDTLS_ERR_SSL_PRIVATE_KEY_REQUIRED, "MBEDTLS_ERR_SSL_PRIVATE_KEY_REQUIRED"},
    {MBEDTLS_ERR_SSL_CA_CHAIN_REQUIRED, "MBEDTLS_ERR_SSL_CA_CHAIN_REQUIRED"},
    {MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE, "MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE"},
    {MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE"},
    {MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY, "MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY"},
    {MBEDTLS_ERR_SSL_BAD_CERTIFICATE, "MBEDTLS_ERR_SSL_BAD_CERTIFICATE"},
    {MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET, "MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET"},
    {MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION, "MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION"},
    {MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE, "MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE"},
    {MBEDTLS_ERR_SSL_INTERNAL_ERROR, "MBEDTLS_ERR_SSL_INTERNAL_ERROR"},
    {MBEDTLS_ERR_SSL_WANT_READ, "MBEDTLS_ERR_SSL_WANT_READ"},
    {MBEDTLS_ERR_SSL_WANT_WRITE, "MBEDTLS_ERR_SSL_WANT_WRITE"},
    {MBEDTLS_ERR_SSL_TIMEOUT, "MBEDTLS_ERR_SSL_TIMEOUT"},
    {MBEDTLS_ERR_SSL_UNEXPECTED_RECORD, "MBEDTLS_ERR_SSL_UNEXPECTED_RECORD"},
    {MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER, "MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER"},
    {MBEDTLS_ERR_SSL_BAD_CONFIG, "MBEDTLS_ERR_SSL_BAD_CONFIG"},
    {MBEDTLS_ERR_SSL_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME,
     "MBEDTLS_ERR_SSL_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME"},
    {MBEDTLS_ERR_SSL_ALLOC_FAILED, "MBEDTLS_ERR_SSL_ALLOC_FAILED"},
    {MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE, "MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE"},
    {MBEDTLS_ERR_SSL_BAD_INPUT_DATA, "MBEDTLS_ERR_SSL_BAD_INPUT_DATA"},
    {MBEDTLS_ERR_NET_CONN_RESET, "MBEDTLS_ERR_NET_CONN_RESET"},
    {MBEDTLS_ERR_NET_RECV_FAILED, "MBEDTLS_ERR_NET_RECV_FAILED"},
    {MBEDTLS_ERR_NET_SEND_FAILED, "MBEDTLS_ERR_NET_SEND_FAILED"},
};

const char *tt_mbedtls_error_name(int code)
{
    for (size_t i = 0; i < sizeof(error_names) / sizeof(error_names[0]); i++)
        if (error_names[i].code == code)
            return error_names[i].name;
    return NULL;
}

cJSON *tt_json_mbedtls_error(int code)
{
    cJSON *o = cJSON_CreateObject();
    char hex[16], text[200];
    snprintf(hex, sizeof(hex), "%s0x%04X", code < 0 ? "-" : "", (unsigned)(code < 0 ? -code : code));
    mbedtls_strerror(code, text, sizeof(text));
    cJSON_AddNumberToObject(o, "code", code);
    cJSON_AddStringToObject(o, "hex", hex);
    const char *name = tt_mbedtls_error_name(code);
    if (name)
        cJSON_AddStringToObject(o, "name", name);
    else
        cJSON_AddNullToObject(o, "name");
    cJSON_AddStringToObject(o, "text", text);
    return o;
}

static const tt_src unknown_flag_src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_x509_crt_verify_info");

cJSON *tt_json_verify_reasons(uint32_t flags)
{
    cJSON *a = cJSON_CreateArray();
    for (uint32_t bit = 1; bit && bit <= flags; bit <<= 1) {
        if (!(flags & bit))
            continue;
        const tt_named *row = tt_lookup(&tt_verify_flags, bit);
        cJSON *r = cJSON_CreateObject();
        cJSON_AddNumberToObject(r, "flag", bit);
        cJSON_AddStringToObject(r, "name", row ? row->name : "unknown");
        cJSON_AddStringToObject(r, "explain", row ? row->explain : "An unnamed verification flag.");
        tt_json_add_sources(r, row ? row->src : unknown_flag_src);
        cJSON_AddItemToArray(a, r);
    }
    return a;
}

/* The sources of each kind of failure explanation (file scope: they outlive the event). */
static const tt_src src_untrusted = TT_SRC("RFC 5280 §6.1", "RFC 8446 §4.4.2.4", "RFC 5246 §7.4.2",
                                           "Mbed TLS 3.6 behaviour: mbedtls_ssl_verify_certificate "
                                           "(MBEDTLS_X509_BADCERT_NOT_TRUSTED -> unknown_ca)");
static const tt_src src_validity = TT_SRC("RFC 5280 §4.1.2.5", "RFC 5280 §6.1.3",
                                          "Mbed TLS 3.6 behaviour: x509_crt_verify_chain "
                                          "(checks every certificate against mbedtls_time)");
static const tt_src src_name = TT_SRC("RFC 6125 §6.4.4", "RFC 9525",
                                      "Mbed TLS 3.6 behaviour: x509_crt_verify_name (subjectAltName, "
                                      "CN only without it); mbedtls_ssl_verify_certificate "
                                      "(CN_MISMATCH -> bad_certificate)");
static const tt_src src_bad_cert = TT_SRC("RFC 8446 §4.4.2.4", "RFC 5246 §7.4.2",
                                          "Mbed TLS 3.6 behaviour: mbedtls_ssl_verify_certificate");
static const tt_src src_stalled = TT_SRC("RFC 5246 §7.4.6", "RFC 8446 §4.4.2.4",
                                         "Mbed TLS 3.6 behaviour: MBEDTLS_ERR_SSL_WANT_READ "
                                         "(the endpoint waits for its peer)");
static const tt_src src_not_tls = TT_SRC("RFC 8446 §5.1", "RFC 5246 §6.2.1",
                                         "Mbed TLS 3.6 behaviour: MBEDTLS_ERR_SSL_INVALID_RECORD");
static const tt_src src_timeout = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_ERR_SSL_TIMEOUT "
                                         "(the transport's timeout)");
static const tt_src src_closed = TT_SRC("RFC 8446 §6.1", "RFC 5246 §7.2.1",
                                        "Mbed TLS 3.6 behaviour: MBEDTLS_ERR_SSL_CONN_EOF / "
                                        "MBEDTLS_ERR_NET_CONN_RESET");
static const tt_src src_cert_missing_hangup = TT_SRC("RFC 5246 §7.4.6", "RFC 8446 §4.4.2.4",
                                                     "Mbed TLS 3.6 behaviour: "
                                                     "MBEDTLS_ERR_NET_CONN_RESET / CONN_EOF");
static const tt_src src_no_client_cert = TT_SRC("RFC 5246 §7.4.6", "RFC 8446 §4.4.2.4",
                                                "Mbed TLS 3.6 behaviour: "
                                                "MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE");
static const tt_src src_version = TT_SRC("RFC 8446 §4.2.1", "RFC 8446 Appendix D", "RFC 5246 §7.4.1.3",
                                         "Mbed TLS 3.6 behaviour: MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION / "
                                         "MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE");
static const tt_src src_no_suite = TT_SRC("RFC 8446 §4.1.1", "RFC 5246 §7.4.1.3",
                                          "Mbed TLS 3.6 behaviour: MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE");
static const tt_src src_plain_alert = TT_SRC("RFC 8446 Appendix A.1", "RFC 8446 §5.2",
                                             "Mbed TLS 3.6 behaviour: MBEDTLS_ERR_SSL_INVALID_MAC");
static const tt_src src_post_hs = TT_SRC("RFC 8446 §4.4.4", "RFC 8446 §4.4.2.4",
                                         "Mbed TLS 3.6 behaviour: MBEDTLS_ERR_SSL_INVALID_MAC on the "
                                         "first mbedtls_ssl_read");
static const tt_src src_cert_refused = TT_SRC("RFC 8446 §4.4.2.4", "RFC 5246 §7.4.6", "RFC 8446 §6.2",
                                              "Mbed TLS 3.6 behaviour: "
                                              "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE");
static const tt_src src_peer_alert = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2",
                                            "Mbed TLS 3.6 behaviour: "
                                            "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE");
static const tt_src src_other = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_strerror");

static int has_u16(const uint16_t *v, size_t n, uint16_t x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return 1;
    return 0;
}

static const char *alert_name(int d)
{
    const char *n = d >= 0 ? tt_name(&tt_alerts, (uint32_t)d) : NULL;
    return n ? n : "unknown";
}

/* Cause from the certificate verification flags (the first that explains the rejection). */
static const char *cause_from_flags(uint32_t f, int is_server, char *out, size_t len, tt_src *src)
{
    const char *whose = is_server ? "The client's certificate" : "The server's certificate";
    if (f & MBEDTLS_X509_BADCERT_NOT_TRUSTED) {
        snprintf(out, len,
                 "%s was issued by a certificate authority this side does not trust: no root CA "
                 "certificate it was given signed the chain, so the peer could be anyone.",
                 whose);
        *src = src_untrusted;
        return "untrusted_ca";
    }
    if (f & MBEDTLS_X509_BADCERT_EXPIRED) {
        snprintf(out, len,
                 "%s has expired: its validity period ended before the time on this side's own "
                 "clock, so it can no longer be used to prove an identity.",
                 whose);
        *src = src_validity;
        return "certificate_expired";
    }
    if (f & MBEDTLS_X509_BADCERT_FUTURE) {
        snprintf(out, len,
                 "%s is not valid yet: by this side's own clock, its validity period has not "
                 "started.",
                 whose);
        *src = src_validity;
        return "certificate_not_yet_valid";
    }
    if (f & MBEDTLS_X509_BADCERT_CN_MISMATCH) {
        snprintf(out, len,
                 "%s is valid, but for another name: the host name the client asked for is not "
                 "among the certificate's subject alternative names (Mbed TLS 3.6 reads the CN "
                 "only when there are none), so it belongs to a different server.",
                 whose);
        *src = src_name;
        return "hostname_mismatch";
    }
    snprintf(out, len, "%s did not pass verification (see the reasons).", whose);
    *src = src_bad_cert;
    return "bad_certificate";
}

/* Printable excerpt of untrusted bytes: ASCII as is, the rest as '.'. */
static void printable(const uint8_t *p, size_t n, char *out, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < len; i++)
        out[o++] = p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"' && p[i] != '\\' ? (char)p[i] : '.';
    out[o] = 0;
}

/* Sets the words' sources and returns the cause: every branch below ends with it. */
static const char *said(tt_failure_words *w, tt_src src, const char *cause)
{
    w->src = src;
    return cause;
}

const char *tt_explain_failure(const tt_failure_facts *f, char *out, size_t len,
                               tt_failure_words *w)
{
    const char *me = f->is_server ? "server" : "client";
    const char *peer = f->is_server ? "client" : "server";
    char buf[600];
    tt_failure_words ignored;
    if (!w)
        w = &ignored;
    memset(w, 0, sizeof(*w));

    if (f->stalled) {
        if (f->is_server == 0 && f->cert_requested && !f->tls13) {
            snprintf(out, len,
                     "The server asked for a client certificate, got an empty one, and then sent "
                     "nothing more, not even an alert (a TLS 1.2 Mbed TLS 3.6 server ends the "
                     "handshake this way), so this client would wait until its timeout; tlstrace "
                     "stopped waiting because no more bytes could arrive.");
            return said(w, src_stalled, "peer_silent");
        }
        snprintf(out, len,
                 "The %s was still waiting for the %s, but the %s had stopped and no more bytes "
                 "could arrive; a real %s would wait until its timeout. tlstrace stopped waiting.",
                 me, peer, peer, me);
        return said(w, src_stalled, "peer_silent");
    }

    /* A header that looks like TLS (content type 20..24, version 3.x) but is still invalid: say
     * what is wrong with it rather than "not TLS at all". */
    if (f->peer_not_tls && f->peer_first_len >= 2 && f->peer_first[0] >= 20 &&
        f->peer_first[0] <= 24 && f->peer_first[1] == 3) {
        snprintf(out, len,
                 "The %s's first bytes start like a TLS record header, but the header is invalid "
                 "(%s): a broken or hostile TLS implementation, or a corrupted stream. TLS cannot "
                 "continue after a malformed record.",
                 peer, f->peer_record_error && *f->peer_record_error ? f->peer_record_error : "?");
        return said(w, src_not_tls, "not_tls");
    }

    if (f->peer_not_tls) {
        char seen[3 * 24 + 1];
        printable(f->peer_first, f->peer_first_len, seen, sizeof(seen));
        if (f->is_server)
            snprintf(out, len,
                     "The client sent bytes that are not a TLS record (\"%s\"): it is not speaking "
                     "TLS to this port. A plain-text request (http:// instead of https://, or MQTT "
                     "on the TLS port) looks like this.",
                     seen);
        else
            snprintf(out, len,
                     "The server answered with bytes that are not a TLS record (\"%s\"): it does "
                     "not speak TLS on this port. Check the port: plain HTTP is usually 80 and "
                     "HTTPS 443; plain MQTT is 1883 and MQTT over TLS 8883.",
                     seen);
        return said(w, src_not_tls, "not_tls");
    }

    if (f->ret == MBEDTLS_ERR_SSL_TIMEOUT) {
        snprintf(out, len,
                 "The handshake did not finish within the %s's %d.%03d s timeout: it was waiting "
                 "for the %s's next message (in state %s), so it gave up. %s",
                 me, f->timeout_ms / 1000, f->timeout_ms % 1000, peer, f->state ? f->state : "?",
                 f->bytes_received ? "The peer stopped (or slowed to a trickle) in the middle of the handshake."
                 : f->is_server ? "The client connected but never sent a ClientHello."
                                : "The server accepted the connection but never answered the "
                                  "ClientHello: it may not speak TLS on this port, or be stuck.");
        return said(w, src_timeout, "timeout");
    }

    /* No alert, but the evidence: the server asked for a certificate, got an empty one, and hung
     * up (a TLS 1.2 Mbed TLS server does this; most others send handshake_failure first). */
    if (!f->is_server && f->cert_requested && f->client_cert_empty && f->alert_received < 0 &&
        (f->ret == MBEDTLS_ERR_NET_CONN_RESET || f->ret == MBEDTLS_ERR_SSL_CONN_EOF)) {
        snprintf(out, len,
                 "The server asked for a client certificate (mutual authentication), this client "
                 "had none and sent an empty Certificate message, and the server then %s the "
                 "connection without a TLS alert. It gave no reason, but hanging up right after an "
                 "empty Certificate is how some servers refuse a missing client certificate.",
                 f->ret == MBEDTLS_ERR_NET_CONN_RESET ? "reset (TCP RST)" : "closed");
        return said(w, src_cert_missing_hangup, "client_certificate_missing");
    }

    if (f->ret == MBEDTLS_ERR_NET_CONN_RESET && f->alert_received < 0) {
        snprintf(out, len,
                 "The %s reset the connection (TCP RST) before the handshake finished: it closed "
                 "abruptly, without a TLS alert saying why.",
                 peer);
        return said(w, src_closed, "peer_closed");
    }

    if (f->ret == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED || (f->verify_flags && f->alert_sent >= 0)) {
        tt_src src = NULL;
        const char *cause =
            cause_from_flags(f->verify_flags, f->is_server, buf, sizeof(buf), &src);
        int plain13 = f->alert_sent_protection &&
                      strcmp(f->alert_sent_protection, "plaintext") == 0 && f->tls13 &&
                      !f->is_server;
        if (f->alert_sent >= 0)
            snprintf(out, len, "%s The %s refused to continue and sent the alert %s%s.", buf, me,
                     alert_name(f->alert_sent),
                     plain13 ? " as plaintext: RFC 8446 asks a client to switch to its handshake "
                               "keys before such an alert, but Mbed TLS 3.6 has not installed them "
                               "yet at this point, so the server cannot read it"
                             : "");
        else
            snprintf(out, len, "%s", buf);
        if (plain13 && f->alert_sent >= 0)
            w->deviation[0] = &tt_deviations[TT_DEV_PLAINTEXT_ALERT_AFTER_SERVER_HELLO];
        return said(w, src, cause);
    }

    if (f->ret == MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE) {
        int under_hs_keys = f->tls13 && f->alert_sent >= 0 && f->alert_sent_after_finished &&
                            f->alert_sent_protection &&
                            strcmp(f->alert_sent_protection, "handshake") == 0;
        const char *then =
            f->alert_sent >= 0 ? ""
            : f->transport_closes
                ? " Mbed TLS 3.6 sends no alert here in TLS 1.2, where RFC 5246 lets a server "
                  "either go on without client authentication or send handshake_failure; "
                  "this server then closes the connection, so the client sees it end without being "
                  "told why."
                : " Mbed TLS 3.6 sends no alert here in TLS 1.2, where RFC 5246 lets a server "
                  "either go on without client authentication or send handshake_failure, "
                  "and the demo's in-memory link stays open, so the client, which has already sent "
                  "its Finished, is left waiting for the server's answer.";
        snprintf(out, len,
                 "This server requires a client certificate (mutual authentication), but the client "
                 "answered the CertificateRequest with an empty Certificate message: it has no "
                 "certificate to prove who it is.%s%s%s",
                 then,
                 f->alert_sent == 41 && f->tls13
                     ? " Mbed TLS 3.6 refuses with alert 41 (no_certificate, an SSL 3.0 alert that "
                       "TLS retired); RFC 8446 names certificate_required (116) for this."
                     : "",
                 under_hs_keys
                     ? " It sends the alert under its handshake keys although it has already sent "
                       "its Finished, after which RFC 8446 requires the application keys: a client "
                       "that follows the RFC cannot decrypt it and reports bad_record_mac."
                     : "");
        if (f->alert_sent < 0 && !f->tls13)
            w->deviation[0] = &tt_deviations[TT_DEV_NO_ALERT_FOR_MISSING_CLIENT_CERT];
        if (f->alert_sent == 41 && f->tls13)
            w->deviation[0] = &tt_deviations[TT_DEV_NO_CERTIFICATE_ALERT_IN_TLS13];
        if (under_hs_keys)
            w->deviation[1] = &tt_deviations[TT_DEV_ALERT_AFTER_FINISHED_UNDER_HS_KEYS];
        return said(w, src_no_client_cert, "client_certificate_missing");
    }

    if (f->ret == MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION ||
        (f->is_server && f->n_offered_versions &&
         !has_u16(f->offered_versions, f->n_offered_versions, f->local_max_version) &&
         !has_u16(f->offered_versions, f->n_offered_versions, f->local_min_version) &&
         f->ret == MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE)) {
        snprintf(out, len,
                 "The two sides share no TLS version: the client offered %s, while the server "
                 "accepts only %s%s%s. The server refused with the alert %s.",
                 f->n_offered_versions == 1 ? tt_name(&tt_versions, f->offered_versions[0])
                                            : "other versions",
                 tt_name(&tt_versions, f->local_min_version),
                 f->local_min_version != f->local_max_version ? " to " : "",
                 f->local_min_version != f->local_max_version
                     ? tt_name(&tt_versions, f->local_max_version)
                     : "",
                 alert_name(f->alert_sent));
        if (f->ret == MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE && f->local_max_version < 0x0304) {
            size_t n = strlen(out);
            snprintf(out + n, len > n ? len - n : 0,
                     " (The ClientHello's legacy_version says TLS 1.2 and its supported_versions "
                     "extension says TLS 1.3 only; a server that speaks only TLS 1.2 finds no "
                     "cipher suite it can use and answers handshake_failure rather than "
                     "protocol_version.)");
        }
        return said(w, src_version, "version_mismatch");
    }

    if (f->ret == MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE && f->is_server && f->local_suites &&
        f->n_offered_suites) {
        int shared = 0;
        for (const int *s = f->local_suites; *s; s++)
            shared |= has_u16(f->offered_suites, f->n_offered_suites, (uint16_t)*s);
        if (!shared) {
            /* Name the real suites offered (not the signalling values or GREASE). */
            char names[300] = "";
            size_t real = 0, used = 0;
            for (size_t i = 0; i < f->n_offered_suites; i++) {
                uint16_t id = f->offered_suites[i];
                if (id == 0x00FF || id == 0x5600 || tt_is_grease(id))
                    continue;
                real++;
                const tt_suite *row = tt_suite_lookup(id);
                if (real <= 3 && used < sizeof(names)) {
                    int n = snprintf(names + used, sizeof(names) - used, "%s%s", real > 1 ? ", " : "",
                                     row ? row->name : "an unknown suite");
                    used += n > 0 ? (size_t)n : 0;
                }
            }
            snprintf(buf, sizeof(buf), "%s%s", names, real > 3 ? ", ..." : "");
            snprintf(out, len,
                     "None of the cipher suites the client offered (%s) is one this server is "
                     "configured to use, so there is no common way to protect the connection: the "
                     "server ended the handshake with the alert %s.",
                     buf, alert_name(f->alert_sent));
            return said(w, src_no_suite, "no_shared_cipher_suite");
        }
    }

    if (f->ret == MBEDTLS_ERR_SSL_INVALID_MAC && f->alert_received >= 0 &&
        f->alert_received_protection && strcmp(f->alert_received_protection, "plaintext") == 0) {
        snprintf(out, len,
                 "The %s rejected the handshake and sent the alert %s, but as plaintext, where "
                 "RFC 8446 asks for its handshake keys (a TLS 1.3 Mbed TLS 3.6 client has not "
                 "installed them yet at that point). This %s was already expecting encrypted "
                 "records, could not authenticate it, and failed with a bad record MAC instead "
                 "of reading the alert.",
                 peer, alert_name(f->alert_received), me);
        return said(w, src_plain_alert, "plaintext_alert_under_encryption");
    }

    if (f->ret == MBEDTLS_ERR_SSL_INVALID_MAC && f->post_handshake && f->alert_received >= 0) {
        snprintf(out, len,
                 "Mbed TLS reported this %s's handshake as complete (in TLS 1.3 the client "
                 "finishes before the server has checked the client's certificate), but the %s "
                 "then rejected the handshake with the alert %s. The alert was protected with the "
                 "%s's handshake keys, where RFC 8446 requires its application keys after its "
                 "Finished, while this %s had already switched to the application keys, so it "
                 "failed with a bad record MAC instead of reading it.",
                 me, peer, alert_name(f->alert_received), peer, me);
        if (f->alert_received == 41) {
            size_t n = strlen(out);
            snprintf(out + n, len > n ? len - n : 0,
                     " Alert 41 (no_certificate) means the server wanted a client certificate "
                     "and got none.");
        }
        return said(w, src_post_hs,
                    f->alert_received == 116 || f->alert_received == 41 ? "client_certificate_missing"
                                                                        : "peer_alert");
    }

    /* This client had no certificate to give, the server asked for one and then refused: that
     * is what a server requiring client certificates does (openssl: handshake_failure in TLS 1.2,
     * certificate_required in TLS 1.3, after this client already reported success). */
    if (!f->is_server && f->cert_requested && f->client_cert_empty && f->alert_received >= 0 &&
        (f->ret == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE || f->post_handshake ||
         f->alert_read_late)) {
        snprintf(out, len,
                 "The server asked for a client certificate (mutual authentication), this client "
                 "had none and sent an empty Certificate message, and the server then ended the "
                 "connection with the alert %s: it requires clients to prove who they are.%s",
                 alert_name(f->alert_received),
                 f->post_handshake ? " In TLS 1.3 the client's handshake is already complete when "
                                     "the server checks its certificate, so the refusal arrives on "
                                     "the first read after it."
                                   : "");
        return said(w, src_cert_refused, "client_certificate_missing");
    }

    if (!f->is_server && f->client_cert_sent && f->alert_received >= 0 &&
        (f->alert_received == 42 || f->alert_received == 43 || f->alert_received == 44 ||
         f->alert_received == 45 || f->alert_received == 46 || f->alert_received == 48) &&
        (f->ret == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE || f->post_handshake ||
         f->alert_read_late)) {
        const tt_named *a = tt_lookup(&tt_alerts, (uint32_t)f->alert_received);
        snprintf(out, len,
                 "The server rejected this client's certificate with the alert %s: %s",
                 alert_name(f->alert_received), a ? a->explain : "");
        return said(w, src_cert_refused, "client_certificate_rejected");
    }

    if ((f->ret == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE || f->alert_read_late) &&
        f->alert_received >= 0) {
        const tt_named *a = tt_lookup(&tt_alerts, (uint32_t)f->alert_received);
        snprintf(out, len, "The %s ended the handshake with the fatal alert %s: %s", peer,
                 alert_name(f->alert_received), a ? a->explain : "");
        return said(w, src_peer_alert, "peer_alert");
    }

    if (f->ret == MBEDTLS_ERR_SSL_CONN_EOF || f->ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
        if (!f->bytes_received && f->is_server)
            snprintf(out, len,
                     "The client connected and closed the connection without sending a single "
                     "byte: no TLS was spoken (port scanners and health checks do this).");
        else
            snprintf(out, len, "The %s closed the connection before the handshake finished%s.",
                     peer, f->bytes_received ? "" : ", without sending anything");
        return said(w, src_closed, "peer_closed");
    }

    char text[160];
    mbedtls_strerror(f->ret, text, sizeof(text));
    snprintf(out, len, "Mbed TLS ended the handshake with %s (%s)%s%s%s",
             tt_mbedtls_error_name(f->ret) ? tt_mbedtls_error_name(f->ret) : "an error", text,
             f->alert_sent >= 0 ? " and sent the alert " : ".",
             f->alert_sent >= 0 ? alert_name(f->alert_sent) : "", f->alert_sent >= 0 ? "." : "");
    return said(w, src_other, "handshake_failure");
}
