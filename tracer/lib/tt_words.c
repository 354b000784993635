/* Words looked up by facts (tt_words.h): the deviations of Mbed TLS 3.6 from the RFCs, the tap's
 * notes, and the summary of a successful handshake. Every sentence names its sources; the
 * Mbed TLS ones were read in the 3.6.6 sources (library/ssl_tls.c, ssl_tls13_*.c, ssl_client.c). */
#include "tt_words.h"
#include "tt_tables.h"

#include <stdio.h>
#include <string.h>

/* clang-format off */
const tt_deviation tt_deviations[TT_DEV_COUNT] = {
    [TT_DEV_PLAINTEXT_ALERT_AFTER_SERVER_HELLO] = {
        .id = "plaintext_alert_after_server_hello",
        .rfc = "A TLS 1.3 client that sends an alert about the server's messages after the "
               "ServerHello SHOULD first switch to its handshake traffic keys; from then on the "
               "server expects every record from the client to be encrypted.",
        .mbedtls = "Mbed TLS 3.6 installs the client's outgoing handshake keys only when it writes "
                   "its Certificate or Finished, so an earlier alert goes out as plaintext, and a "
                   "server that already decrypts can only fail on it with a bad record MAC.",
        .src = TT_SRC("RFC 8446 Appendix A.1", "RFC 8446 §6",
                      "Mbed TLS 3.6 behaviour: ssl_tls13_write_client_certificate "
                      "(the first mbedtls_ssl_set_outbound_transform of a client)"),
    },
    [TT_DEV_ALERT_AFTER_FINISHED_UNDER_HS_KEYS] = {
        .id = "alert_after_finished_under_handshake_keys",
        .rfc = "Every record a TLS 1.3 endpoint sends after its Finished, including a server's "
               "alert about the client's Certificate or CertificateVerify, MUST be protected with "
               "its application traffic keys.",
        .mbedtls = "Mbed TLS 3.6 switches its outgoing keys to the application keys only at the "
                   "handshake wrap-up, so this alert went out under the server's handshake keys; "
                   "a client that follows the RFC cannot decrypt it and reports bad_record_mac.",
        .src = TT_SRC("RFC 8446 §4.4.4",
                      "Mbed TLS 3.6 behaviour: mbedtls_ssl_tls13_handshake_wrapup "
                      "(the outgoing application keys are installed there)"),
    },
    [TT_DEV_NO_CERTIFICATE_ALERT_IN_TLS13] = {
        .id = "no_certificate_alert_in_tls13",
        .rfc = "A TLS 1.3 server that requires a client certificate and receives an empty "
               "Certificate message ends the handshake with certificate_required (116); alert "
               "41 (no_certificate) is reserved and never sent.",
        .mbedtls = "Mbed TLS 3.6 sends alert 41 instead, which other implementations report as "
                   "an unknown or unexpected alert.",
        .src = TT_SRC("RFC 8446 §4.4.2.4", "RFC 8446 Appendix B.2",
                      "Mbed TLS 3.6 behaviour: ssl_tls13_validate_certificate "
                      "(MBEDTLS_SSL_ALERT_MSG_NO_CERT)"),
    },
    [TT_DEV_NO_ALERT_FOR_MISSING_CLIENT_CERT] = {
        .id = "no_alert_for_missing_client_certificate",
        .rfc = "A TLS 1.2 server that receives no client certificate either continues without "
               "client authentication or ends the handshake with a fatal handshake_failure "
               "alert; the side that detects an error tells its peer with an alert.",
        .mbedtls = "Mbed TLS 3.6 ends the handshake with MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE "
                   "and sends no alert, so the client is never told why.",
        .src = TT_SRC("RFC 5246 §7.4.6", "RFC 5246 §7.2.2",
                      "Mbed TLS 3.6 behaviour: mbedtls_ssl_parse_certificate "
                      "(MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE, no alert)"),
    },
    [TT_DEV_IP_ADDRESS_IN_SERVER_NAME] = {
        .id = "ip_address_in_server_name",
        .rfc = "server_name carries DNS host names only: literal IPv4 and IPv6 addresses are not "
               "permitted in it.",
        .mbedtls = "Mbed TLS 3.6 sends whatever name mbedtls_ssl_set_hostname was given, an IP "
                   "address included (and checks the certificate's IP addresses against it).",
        .src = TT_SRC("RFC 6066 §3", "Mbed TLS 3.6 behaviour: ssl_write_hostname_ext (ssl_client.c)"),
    },
};

const tt_note tt_notes[TT_NOTE_COUNT] = {
    [TT_NOTE_CCS_TLS12] = {
        "ChangeCipherSpec: from the next record on, this side protects what it sends with the "
        "keys just derived from the master secret.",
        TT_SRC("RFC 5246 §7.1", "RFC 5246 §6.3")},
    [TT_NOTE_CCS_TLS13] = {
        "ChangeCipherSpec in TLS 1.3 means nothing: it is sent only for middlebox compatibility "
        "and the peer drops it; it is not a handshake message, so Finished does not cover it.",
        TT_SRC("RFC 8446 Appendix D.4", "RFC 8446 §5")},
    [TT_NOTE_UNDECRYPTED] = {
        "Encrypted, and the tracer has no key that authenticates it: only the header and the "
        "length are visible.",
        TT_SRC("RFC 8446 §5.2", "RFC 5246 §6.2.3")},
    [TT_NOTE_READ_LATE] = {
        "Mbed TLS never read this record: it failed while writing, because the peer had closed "
        "the connection after sending it. tlstrace read it from the socket afterwards.",
        TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_ERR_NET_SEND_FAILED / MBEDTLS_ERR_NET_CONN_RESET "
               "end the handshake before the peer's alert is read")},
    [TT_NOTE_NOT_A_RECORD] = {
        "These bytes are not a TLS record: the peer does not speak TLS here, or the stream is "
        "corrupted.",
        TT_SRC("RFC 8446 §5.1", "RFC 5246 §6.2.1")},
    [TT_NOTE_MASTER_EMS] = {
        "The TLS 1.2 master secret. Both sides computed it from the premaster secret of the key "
        "exchange and, because both agreed on extended_master_secret, the hash of the handshake "
        "messages up to and including ClientKeyExchange (the session hash). The key block that "
        "protects every record after ChangeCipherSpec is derived from it.",
        TT_SRC("RFC 7627 §3", "RFC 7627 §4", "RFC 5246 §6.3")},
    [TT_NOTE_MASTER_PLAIN] = {
        "The TLS 1.2 master secret. Both sides computed it from the premaster secret of the key "
        "exchange and the two hello randoms (no extended_master_secret was agreed). The key "
        "block that protects every record after ChangeCipherSpec is derived from it.",
        TT_SRC("RFC 5246 §8.1", "RFC 5246 §6.3")},
    [TT_NOTE_C_HS_TRAFFIC] = {
        "TLS 1.3 client handshake traffic secret, from the handshake secret and the hash of "
        "ClientHello..ServerHello: its keys protect the client's handshake messages after the "
        "ServerHello (its Certificate, CertificateVerify and Finished).",
        TT_SRC("RFC 8446 §7.1", "RFC 8446 §7.3")},
    [TT_NOTE_S_HS_TRAFFIC] = {
        "TLS 1.3 server handshake traffic secret, from the handshake secret and the hash of "
        "ClientHello..ServerHello: its keys protect the server's messages from EncryptedExtensions "
        "to Finished; from here on an eavesdropper sees only ciphertext.",
        TT_SRC("RFC 8446 §7.1", "RFC 8446 §7.3")},
    [TT_NOTE_C_AP_TRAFFIC] = {
        "TLS 1.3 client application traffic secret, from the master secret and the hash of the "
        "handshake up to the server's Finished: its keys protect what the client sends after its "
        "own Finished.",
        TT_SRC("RFC 8446 §7.1", "RFC 8446 §7.3")},
    [TT_NOTE_S_AP_TRAFFIC] = {
        "TLS 1.3 server application traffic secret, from the master secret and the hash of the "
        "handshake up to the server's Finished: its keys protect what the server sends after its "
        "Finished, NewSessionTicket included.",
        TT_SRC("RFC 8446 §7.1", "RFC 8446 §7.3")},
    [TT_NOTE_OTHER_SECRET] = {
        "A secret derived by the TLS 1.3 key schedule.",
        TT_SRC("RFC 8446 §7.1")},
    [TT_NOTE_SUMMARY_TLS13] = {
        "", TT_SRC("RFC 8446 §4.4.2", "RFC 8446 §4.4.3", "RFC 8446 §4.3.2")},
    [TT_NOTE_SUMMARY_TLS12] = {
        "", TT_SRC("RFC 5246 §7.4.2", "RFC 5246 §7.4.3", "RFC 5246 §7.4.4", "RFC 5246 §7.4.8")},
};
/* clang-format on */

void tt_json_add_sources(cJSON *obj, tt_src src)
{
    if (!src || !src[0])
        return;
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; src[i]; i++)
        cJSON_AddItemToArray(a, cJSON_CreateStringReference(src[i]));
    cJSON_AddItemToObjectCS(obj, "sources", a);
}

void tt_json_add_words(cJSON *obj, const char *explain, tt_src src)
{
    if (explain && *explain)
        cJSON_AddItemToObjectCS(obj, "explanation", cJSON_CreateStringReference(explain));
    tt_json_add_sources(obj, src);
}

void tt_json_add_deviation(cJSON *obj, const tt_deviation *d)
{
    if (!d)
        return;
    cJSON *list = cJSON_GetObjectItemCaseSensitive(obj, "deviations");
    if (!list) {
        list = cJSON_CreateArray();
        cJSON_AddItemToObjectCS(obj, "deviations", list);
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObjectCS(o, "id", cJSON_CreateStringReference(d->id));
    cJSON_AddItemToObjectCS(o, "rfc", cJSON_CreateStringReference(d->rfc));
    cJSON_AddItemToObjectCS(o, "mbedtls", cJSON_CreateStringReference(d->mbedtls));
    tt_json_add_sources(o, d->src);
    cJSON_AddItemToArray(list, o);
}

void tt_json_add_note(cJSON *obj, tt_note_id id)
{
    tt_json_add_words(obj, tt_notes[id].explain, tt_notes[id].src);
}

tt_src tt_words_summary(const tt_summary_facts *f, char *out, size_t len)
{
    const tt_suite *s = tt_suite_lookup(f->suite);
    const char *group = f->group ? tt_name(&tt_groups, f->group) : NULL;
    int tls13 = f->version == 0x0304;
    int mutual = f->cert_requested && f->client_cert_sent && f->client_cv_sent;
    const char *server_proof =
        tls13 ? (f->server_cv ? "the server with its Certificate and CertificateVerify"
                              : "the server without a certificate (no CertificateVerify was sent)")
        : f->server_ske_signed ? "the server with its Certificate and its signature on the "
                                 "ServerKeyExchange"
                               : "the server with its Certificate only (no signed "
                                 "ServerKeyExchange: its Finished shows it could use the key)";
    snprintf(out, len, "%s with %s%s%s; %s: %s%s.", tt_name(&tt_versions, f->version),
             s ? s->name : "an unknown cipher suite", f->group ? ", key exchange over " : "",
             f->group ? (group ? group : "an unknown group") : "",
             mutual ? "both sides proved who they are (mutual authentication)"
                    : "only the server proved who it is (basic authentication)",
             server_proof,
             mutual ? "; the client answered the server's CertificateRequest with its Certificate "
                      "and CertificateVerify"
             : f->cert_requested ? "; the server's CertificateRequest got no client certificate"
                                 : "");
    return tt_notes[tls13 ? TT_NOTE_SUMMARY_TLS13 : TT_NOTE_SUMMARY_TLS12].src;
}
