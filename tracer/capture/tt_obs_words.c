/* The words of a connection seen on the network (tt_obs_words.h). Every sentence names its
 * sources: RFC sections, the key log format's draft, and Mbed TLS where tlstrace checks or
 * decrypts with it. What only the wire can tell is said to be inferred from the wire. */
#include "tt_obs_words.h"
#include "tt_tables.h"

#include <stdio.h>
#include <string.h>

/* clang-format off */
const tt_note tt_obs_notes[TT_OBS_NOTE_COUNT] = {
    [TT_OBS_SECRET_TLS13] = {
        "Found in the key log (--keylog) under this connection's client random: an endpoint "
        "wrote it there (SSLKEYLOGFILE). tlstrace derives the record keys of this side from it, "
        "as the endpoint did, to decrypt its records; the value goes nowhere else.",
        TT_SRC("draft-ietf-tls-keylogfile", "RFC 8446 §7.1", "RFC 8446 §7.3")},
    [TT_OBS_SECRET_TLS12] = {
        "The TLS 1.2 master secret, found in the key log (--keylog) on the CLIENT_RANDOM line of "
        "this connection's client random: an endpoint wrote it there (SSLKEYLOGFILE). tlstrace "
        "derives both sides' record keys from it, as the endpoints did; the value goes nowhere "
        "else.",
        TT_SRC("draft-ietf-tls-keylogfile", "RFC 5246 §8.1", "RFC 5246 §6.3")},
    [TT_OBS_RECORD_PART_MISSED] = {
        "The capture missed part of this record (lost packets, or a capture that could not keep "
        "up): tlstrace shows what is missing instead of guessing it. The records after it are "
        "read again from the next record header, which this record's length locates.",
        TT_SRC("RFC 9293 §3.4", "RFC 8446 §5.1", "RFC 5246 §6.2.1")},
    [TT_OBS_HEADER_MISSED] = {
        "The capture missed bytes where a record header was: without it, where the next record "
        "starts is unknown, so tlstrace stops reading this direction rather than guess.",
        TT_SRC("RFC 9293 §3.4", "RFC 8446 §5.1", "RFC 5246 §6.2.1")},
    [TT_OBS_NOT_A_RECORD] = {
        "These bytes are not a TLS record: this side does not speak TLS here, or the stream is "
        "corrupted. tlstrace stops reading this direction.",
        TT_SRC("RFC 8446 §5.1", "RFC 5246 §6.2.1")},
    [TT_OBS_TLS13_NO_KEYLOG] = {
        "Encrypted (TLS 1.3): after the ServerHello every record is protected, and TLS 1.3 even "
        "hides the real content type inside the encryption. This one holds handshake messages "
        "(the server's EncryptedExtensions, Certificate, CertificateVerify and Finished; the "
        "client's Finished, and its Certificate if asked), a ticket, an alert or application "
        "data; tlstrace cannot tell which. The keys come from the (EC)DHE exchange, which an "
        "observer cannot compute: give tlstrace the key log (--keylog) an endpoint wrote "
        "(SSLKEYLOGFILE) to read it.",
        TT_SRC("RFC 8446 §5.2", "RFC 8446 §7.3", "draft-ietf-tls-keylogfile")},
    [TT_OBS_TLS13_NO_KEY] = {
        "Encrypted (TLS 1.3), and no key from the key log authenticates it: the key log has no "
        "secrets for this connection's client random (another connection's key log?), or this "
        "record's key is one it does not hold.",
        TT_SRC("RFC 8446 §5.2", "draft-ietf-tls-keylogfile")},
    [TT_OBS_TLS12_FINISHED] = {
        "Encrypted (TLS 1.2): the first record after ChangeCipherSpec is this side's Finished, "
        "protected with the keys both sides derived from the master secret. Without the key log "
        "(--keylog) tlstrace cannot read it.",
        TT_SRC("RFC 5246 §7.4.9", "RFC 5246 §7.1", "RFC 5246 §6.3")},
    [TT_OBS_TLS12_ALERT] = {
        "An encrypted alert (TLS 1.2 shows that a record is an alert, not which one): "
        "close_notify at the end of a connection, or an error. Without the key log (--keylog) "
        "tlstrace cannot read it.",
        TT_SRC("RFC 5246 §6.2.1", "RFC 5246 §7.2")},
    [TT_OBS_TLS12_DATA] = {
        "Encrypted (TLS 1.2) with the keys derived from the master secret. Without the key log "
        "(--keylog) tlstrace cannot read it.",
        TT_SRC("RFC 5246 §6.2.3", "RFC 5246 §6.3")},
    [TT_OBS_TLS12_OLD_VERSION] = {
        "Encrypted (after this side's ChangeCipherSpec) under TLS 1.0 or 1.1, which are "
        "deprecated: tlstrace decrypts TLS 1.2 and 1.3 only, so it stays encrypted.",
        TT_SRC("RFC 8996", "RFC 5246 §6.2.3")},
    [TT_OBS_TLS12_NOT_AEAD] = {
        "Encrypted (TLS 1.2, after this side's ChangeCipherSpec) with a CBC (or other non-AEAD) "
        "cipher suite: tlstrace decrypts only AEAD suites (GCM, CCM, ChaCha20-Poly1305), whose "
        "tag tells a right key from a wrong one, so it stays encrypted.",
        TT_SRC("RFC 5246 §6.2.3.2", "RFC 5246 §6.2.3.3")},
    [TT_OBS_TLS12_NO_MASTER] = {
        "Encrypted (TLS 1.2, after this side's ChangeCipherSpec): the key log has no "
        "CLIENT_RANDOM line for this connection's client random, so it stays encrypted.",
        TT_SRC("draft-ietf-tls-keylogfile", "RFC 5246 §8.1")},
    [TT_OBS_TLS12_NO_CIPHER] = {
        "Encrypted (TLS 1.2, after this side's ChangeCipherSpec) with a cipher this build of "
        "Mbed TLS does not provide, so tlstrace cannot decrypt it and it stays encrypted.",
        TT_SRC("RFC 5246 §6.3", "Mbed TLS 3.6 behaviour: mbedtls_cipher_info_from_type "
               "(NULL for a cipher left out of the build)")},
    [TT_OBS_CHAIN_CHECKED] = {
        "Checked by tlstrace, not by the endpoint: the chain that crossed the wire was verified "
        "offline against the --ca file as Mbed TLS verifies a peer's chain, at the capture's time "
        "and for the name the client asked for (SNI). The endpoint's own check is not on the "
        "wire: it may trust other CAs, or not check at all.",
        TT_SRC("RFC 5280 §6.1", "RFC 6125 §6",
               "Mbed TLS 3.6 behaviour: mbedtls_x509_crt_verify (the verify callback reports "
               "each certificate, root first)")},
    [TT_OBS_END_IDLE] = {
        "tlstrace stopped following this connection: nothing crossed it for the idle time "
        "(--idle), so it was closed in the trace to bound memory. A later packet of it starts a "
        "new session.",
        TT_SRC("RFC 9293 §3.6")},
    [TT_OBS_END_EVICTED] = {
        "tlstrace stopped following this connection: too many connections were open at once "
        "(--max-connections) and this one had been quiet the longest.",
        TT_SRC("RFC 9293 §3.6")},
    [TT_OBS_END_CAPTURE] = {
        "The capture ended while this connection was still open (no FIN or RST had crossed it).",
        TT_SRC("RFC 9293 §3.6")},
    [TT_OBS_END_RST] = {
        "The connection was reset (TCP RST): it ended at once, for both sides.",
        TT_SRC("RFC 9293 §3.5.3")},
    [TT_OBS_UNKNOWN_HIDDEN] = {
        "TLS 1.3 without the key log: the Finished messages and any alert are encrypted, so "
        "whether the handshake succeeded cannot be seen on the wire.",
        TT_SRC("RFC 8446 §4.4.4", "RFC 8446 §5.2")},
    [TT_OBS_UNKNOWN_LOSSY] = {
        "The capture missed bytes of this connection (missing_bytes), among them what would "
        "show how the handshake ended.",
        TT_SRC("RFC 9293 §3.4", "RFC 8446 §4.4.4", "RFC 5246 §7.4.9")},
    [TT_OBS_UNKNOWN_INCOMPLETE] = {
        "The capture holds no complete handshake for this connection: it ends before both "
        "Finished messages or an alert.",
        TT_SRC("RFC 8446 §4.4.4", "RFC 5246 §7.4.9")},
};

/* The sources of a summary: TLS 1.3 / 1.2, Finished read or inferred from ChangeCipherSpec. */
static const tt_src done_src[2][2] = {
    {TT_SRC("RFC 5246 §7.4.9", "RFC 5246 §7.1", "RFC 5246 §6.3"),
     TT_SRC("RFC 5246 §7.4.9", "RFC 5246 §7.4.2", "RFC 5246 §7.4.8")},
    {TT_SRC("RFC 8446 §4.4.4", "RFC 8446 Appendix D.4"),
     TT_SRC("RFC 8446 §4.4.4", "RFC 8446 §4.4.2", "RFC 8446 §4.4.3")},
};

/* The sources of each failure kind, before the alert's own: [kind][0 TLS 1.2, 1 TLS 1.3]. */
static const tt_src fail_src[][2] = {
    [TT_OBS_FAIL_HELLO_REFUSED] = {TT_SRC("RFC 5246 §7.4.1.3"), TT_SRC("RFC 8446 §4.1.1")},
    [TT_OBS_FAIL_CERT_REQUIRED] = {TT_SRC("RFC 5246 §7.4.6", "RFC 5246 §7.2.2"),
                                   TT_SRC("RFC 8446 §4.4.2.4", "RFC 8446 §6.2")},
    [TT_OBS_FAIL_ALERT_SENT] = {TT_SRC("RFC 5246 §7.2.2"), TT_SRC("RFC 8446 §6.2")},
    [TT_OBS_FAIL_ALERT_RECEIVED] = {TT_SRC("RFC 5246 §7.2.2"), TT_SRC("RFC 8446 §6.2")},
    [TT_OBS_FAIL_CLOSED_EMPTY_CERT] = {TT_SRC("RFC 5246 §7.4.6", "RFC 5246 §7.2.2"),
                                       TT_SRC("RFC 8446 §4.4.2.4", "RFC 8446 §6.2")},
    [TT_OBS_FAIL_CLOSED] = {TT_SRC("RFC 5246 §7.2.2", "RFC 9293 §3.6"),
                            TT_SRC("RFC 8446 §6.2", "RFC 9293 §3.6")},
    [TT_OBS_FAIL_NOT_TLS] = {TT_SRC("RFC 5246 §6.2.1"), TT_SRC("RFC 8446 §5.1")},
};
/* clang-format on */

static const char *const side_names[2] = {"client", "server"};

void tt_obs_add_note(cJSON *obj, tt_obs_note_id id)
{
    tt_json_add_words(obj, tt_obs_notes[id].explain, tt_obs_notes[id].src);
}

tt_src tt_obs_words_done(const tt_obs_done_facts *f, char *out, size_t len)
{
    const tt_suite *s = tt_suite_lookup(f->suite);
    const char *version = tt_name(&tt_versions, f->version);
    const char *group = f->group ? tt_name(&tt_groups, f->group) : NULL;
    const char *seen = f->finished_read
                           ? "both Finished messages were decrypted"
                           : "both sides sent ChangeCipherSpec and an encrypted handshake record "
                             "(their Finished, which the key log would let tlstrace read)";
    const char *me = side_names[f->who & 1], *peer = side_names[!(f->who & 1)];
    char how[200];
    switch (f->how) {
    case TT_OBS_DONE_WROTE_SECOND:
        snprintf(how, sizeof(how), "the %s wrote the second one", me);
        break;
    case TT_OBS_DONE_WROTE_AFTER:
        snprintf(how, sizeof(how), "the %s went on writing after the %s's Finished", me, peer);
        break;
    default:
        snprintf(how, sizeof(how),
                 "the %s wrote the first Finished and then closed the connection without an alert",
                 me);
        break;
    }
    snprintf(out, len, "%s with %s%s%s; %s. Inferred from the wire: %s; %s.",
             version ? version : "TLS", s ? s->name : "an unknown cipher suite",
             f->group ? ", key exchange over " : "",
             f->group ? (group ? group : "an unknown group") : "",
             f->mutual ? "both sides proved who they are (mutual authentication)"
                       : "only the server proved who it is (basic authentication)",
             seen, how);
    return done_src[f->version == 0x0304][f->finished_read != 0];
}

/* Adds "sources": the references of each list in turn (NULL lists skipped), each once. */
static void add_sources(cJSON *obj, const tt_src *lists, size_t n)
{
    cJSON *list = cJSON_CreateArray();
    for (size_t l = 0; l < n; l++) {
        for (size_t i = 0; lists[l] && lists[l][i]; i++) {
            int dup = 0;
            const cJSON *it;
            cJSON_ArrayForEach(it, list) dup |= strcmp(it->valuestring, lists[l][i]) == 0;
            if (!dup)
                cJSON_AddItemToArray(list, cJSON_CreateStringReference(lists[l][i]));
        }
    }
    cJSON_AddItemToObjectCS(obj, "sources", list);
}

void tt_obs_add_failure(cJSON *obj, const tt_obs_fail_facts *f)
{
    const tt_named *a = f->alert >= 0 ? tt_lookup(&tt_alerts, (uint32_t)f->alert) : NULL;
    const char *alert = a ? a->name : "(unknown)";
    const char *alert_words = a ? a->explain : "an alert tlstrace has no words for.";
    const char *actor = side_names[f->actor & 1], *other = side_names[!(f->actor & 1)];
    char text[900];
    size_t n = 0;
    switch (f->kind) {
    case TT_OBS_FAIL_HELLO_REFUSED:
        n = (size_t)snprintf(text, sizeof(text),
                             "The server refused the ClientHello with the alert handshake_failure: "
                             "it found nothing it could accept in it. Usual reasons: no cipher "
                             "suite, version, group or signature algorithm in common (the "
                             "ClientHello shows what the client offered; the server's "
                             "configuration is not on the wire).");
        break;
    case TT_OBS_FAIL_CERT_REQUIRED:
        n = (size_t)snprintf(
            text, sizeof(text),
            "The server asked for a client certificate (mutual "
            "authentication)%s and ended the handshake with the alert %s: it "
            "requires clients to prove who they are.",
            f->client_cert_empty ? ", the client answered with an empty Certificate," : "", alert);
        break;
    case TT_OBS_FAIL_ALERT_SENT:
        n = (size_t)snprintf(text, sizeof(text),
                             "The %s ended the handshake with the fatal alert %s: %s", actor, alert,
                             alert_words);
        break;
    case TT_OBS_FAIL_ALERT_RECEIVED:
        n = (size_t)snprintf(text, sizeof(text),
                             "The %s ended the handshake with the fatal alert %s: %s A fatal "
                             "alert ends the connection for the %s that receives it too.",
                             actor, alert, alert_words, other);
        break;
    case TT_OBS_FAIL_CLOSED_EMPTY_CERT:
        n = (size_t)snprintf(text, sizeof(text),
                             "The server asked for a client certificate (mutual authentication), "
                             "the client sent an empty Certificate, and the server then %s "
                             "without a TLS alert. It gave no reason, but hanging up right after "
                             "an empty Certificate is how some servers (mosquitto with "
                             "require_certificate) refuse it.",
                             f->rst ? "reset the connection (TCP RST)"
                                    : "closed the connection (TCP FIN)");
        break;
    case TT_OBS_FAIL_CLOSED:
        n = (size_t)snprintf(
            text, sizeof(text),
            "The %s %s before the handshake finished, without a TLS alert "
            "saying why.",
            actor, f->rst ? "reset the connection (TCP RST)" : "closed the connection (TCP FIN)");
        break;
    case TT_OBS_FAIL_NOT_TLS:
        n = (size_t)snprintf(text, sizeof(text),
                             "The %s's bytes are not TLS records: it does not speak TLS on this "
                             "connection (a plain-text protocol on a TLS port, or the wrong port).",
                             actor);
        break;
    }
    if (n < sizeof(text))
        snprintf(text + n, sizeof(text) - n,
                 " (Inferred from the wire: tlstrace saw the bytes, not the endpoint's own "
                 "reasons.)");
    cJSON_AddStringToObject(obj, "explanation", text);
    /* The version's sections; both versions' before a ServerHello settles it. */
    tt_src lists[3] = {fail_src[f->kind][f->tls13 != 0], f->tls13 < 0 ? fail_src[f->kind][0] : NULL,
                       a ? a->src : NULL};
    add_sources(obj, lists, 3);
}
