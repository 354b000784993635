/* Protocol knowledge as tables (see tt_tables.h). One designated-initializer row per value:
 * IANA number, IANA name, one plain sentence. Sources: the IANA "TLS Parameters" registries,
 * RFC 8446, RFC 5246, and for Mbed TLS values its headers (ssl.h, x509.h, ssl_ciphersuites.h).
 * tests/unit/test_tables.c checks the invariants: every row named and explained, unique ids,
 * unique names, the suite table sorted (tt_suite_lookup uses bsearch). */
#include "tt_tables.h"

#include <stdlib.h>

#define TT_TABLE(var, what_, rows_)                                                                \
    const tt_table var = {                                                                         \
        .what = (what_), .rows = (rows_), .count = sizeof(rows_) / sizeof((rows_)[0])}

const tt_named *tt_lookup(const tt_table *t, uint32_t id)
{
    /* The tables are small (at most ~100 rows) and looked up a few times per message. */
    for (size_t i = 0; t != NULL && i < t->count; i++)
        if (t->rows[i].id == id)
            return &t->rows[i];
    return NULL;
}

const char *tt_name(const tt_table *t, uint32_t id)
{
    const tt_named *row = tt_lookup(t, id);
    return row ? row->name : NULL;
}

int tt_is_grease(uint16_t v)
{
    /* RFC 8701 §2: 0x0A0A, 0x1A1A, ... 0xFAFA; both bytes equal, low nibbles 0xA. */
    return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

/* The rows stay one per value, laid out by hand: clang-format would put every field of every
 * row on its own line. */
/* clang-format off */

/* --- Record content types (RFC 8446 §5.1, RFC 6520) ----------------------------------------- */
static const tt_named content_type_rows[] = {
    {.id = 20, .name = "change_cipher_spec", .src = TT_SRC("RFC 5246 §7.1", "RFC 8446 Appendix D.4"),
     .explain = "Announces that the records after it are protected with the newly agreed keys "
                "(in TLS 1.3 it is only sent for middlebox compatibility and means nothing)."},
    {.id = 21, .name = "alert", .src = TT_SRC("RFC 8446 §6", "RFC 5246 §7.2"),
     .explain = "Carries a warning or an error, such as close_notify or handshake_failure."},
    {.id = 22, .name = "handshake", .src = TT_SRC("RFC 8446 §4", "RFC 5246 §7.4"),
     .explain = "Carries the handshake messages that negotiate the version, the keys and who "
                "is who."},
    {.id = 23, .name = "application_data", .src = TT_SRC("RFC 8446 §5.2", "RFC 5246 §10"),
     .explain = "Carries protected application data; in TLS 1.3 every encrypted record looks "
                "like this from the outside, whatever it really contains."},
    {.id = 24, .name = "heartbeat", .src = TT_SRC("RFC 6520"),
     .explain = "Carries a keep-alive request or response (RFC 6520), rarely used since the "
                "Heartbleed bug."},
};
TT_TABLE(tt_content_types, "content type", content_type_rows);

/* --- Handshake types (RFC 8446 §4, RFC 5246 §7.4, IANA) ------------------------------------ */
static const tt_named handshake_type_rows[] = {
    {.id = 0, .name = "hello_request", .src = TT_SRC("RFC 5246 §7.4.1.1"),
     .explain = "TLS 1.2 and older: the server asks the client to start a new handshake "
                "(renegotiation)."},
    {.id = 1, .name = "client_hello", .src = TT_SRC("RFC 8446 §4.1.2", "RFC 5246 §7.4.1.2"),
     .explain = "The client's opening message: the versions, cipher suites and extensions it "
                "supports, and a fresh random value."},
    {.id = 2, .name = "server_hello", .src = TT_SRC("RFC 8446 §4.1.3", "RFC 5246 §7.4.1.3"),
     .explain = "The server's answer: the version and cipher suite it chose and its own random "
                "value; in TLS 1.3 it carries only the extensions needed to agree on keys "
                "(supported_versions, key_share, pre_shared_key), the rest goes into "
                "EncryptedExtensions."},
    {.id = 3, .name = "hello_verify_request", .src = TT_SRC("RFC 6347 §4.2.1"),
     .explain = "DTLS only: the server sends a cookie the client must echo, proving its address "
                "is real before the server does any expensive work."},
    {.id = 4, .name = "new_session_ticket", .src = TT_SRC("RFC 8446 §4.6.1", "RFC 5077 §3.3"),
     .explain = "The server gives the client a ticket, protected by a long-lived key only the "
                "server holds, that the client can present later to resume the session without a "
                "full handshake (TLS 1.2: sent in the clear just before the server's "
                "ChangeCipherSpec; TLS 1.3: sent encrypted after the handshake)."},
    {.id = 5, .name = "end_of_early_data", .src = TT_SRC("RFC 8446 §4.5"),
     .explain = "TLS 1.3: the client marks the end of the 0-RTT data it sent before the "
                "handshake finished."},
    {.id = 6, .name = "hello_retry_request_RESERVED", .src = TT_SRC("RFC 8446 §4.1.4", "RFC 8446 Appendix B.3"),
     .explain = "Reserved: used by TLS 1.3 drafts; the final HelloRetryRequest is a ServerHello "
                "with a special random value."},
    {.id = 8, .name = "encrypted_extensions", .src = TT_SRC("RFC 8446 §4.3.1"),
     .explain = "TLS 1.3: the server's first encrypted message, holding the extensions that do "
                "not need to travel in the clear (such as ALPN)."},
    {.id = 9, .name = "request_connection_id", .src = TT_SRC("RFC 9147"),
     .explain = "DTLS 1.3: an endpoint asks its peer for more connection IDs (RFC 9147)."},
    {.id = 10, .name = "new_connection_id", .src = TT_SRC("RFC 9147"),
     .explain = "DTLS 1.3: an endpoint gives its peer new connection IDs to use (RFC 9147)."},
    {.id = 11, .name = "certificate", .src = TT_SRC("RFC 8446 §4.4.2", "RFC 5246 §7.4.2"),
     .explain = "The sender's certificate chain: its own certificate first, then the CA "
                "certificates that link it to a trusted root."},
    {.id = 12, .name = "server_key_exchange", .src = TT_SRC("RFC 5246 §7.4.3", "RFC 8422 §5.4"),
     .explain = "TLS 1.2 and older: the server's fresh key-exchange parameters (for ECDHE or "
                "DHE), signed with its certificate's private key; PSK suites send a key hint "
                "instead."},
    {.id = 13, .name = "certificate_request", .src = TT_SRC("RFC 8446 §4.3.2", "RFC 5246 §7.4.4"),
     .explain = "The server asks the client to prove who it is with a certificate, and says "
                "which signature algorithms it accepts and, optionally, which CAs it trusts (a "
                "list in TLS 1.2, the certificate_authorities extension in TLS 1.3)."},
    {.id = 14, .name = "server_hello_done", .src = TT_SRC("RFC 5246 §7.4.5"),
     .explain = "TLS 1.2 and older: the server has sent its whole first flight and now waits "
                "for the client."},
    {.id = 15, .name = "certificate_verify", .src = TT_SRC("RFC 8446 §4.4.3", "RFC 5246 §7.4.8"),
     .explain = "A signature over the handshake messages so far (in TLS 1.3 their transcript "
                "hash), made with the private key of the certificate just sent: it proves the "
                "sender owns that certificate. TLS 1.2 has it only from the client; a TLS 1.2 "
                "server signs its ServerKeyExchange instead."},
    {.id = 16, .name = "client_key_exchange", .src = TT_SRC("RFC 5246 §7.4.7", "RFC 8422 §5.7"),
     .explain = "TLS 1.2 and older: the client's part of the key exchange, its (EC)DH public "
                "key or a secret encrypted to the server's RSA key."},
    {.id = 20, .name = "finished", .src = TT_SRC("RFC 8446 §4.4.4", "RFC 5246 §7.4.9"),
     .explain = "A MAC over the hash of every handshake message so far, keyed from the "
                "handshake's secrets (TLS 1.3: a finished_key from the sender's handshake traffic "
                "secret; TLS 1.2: the master secret), not from the record keys: it proves both "
                "sides saw the same messages and derived the same secrets."},
    {.id = 21, .name = "certificate_url", .src = TT_SRC("RFC 6066 §5"),
     .explain = "The client sends URLs where its certificates can be fetched, instead of the "
                "certificates themselves (RFC 6066)."},
    {.id = 22, .name = "certificate_status", .src = TT_SRC("RFC 6066 §8"),
     .explain = "TLS 1.2: the server staples an OCSP response showing its certificate has not "
                "been revoked (RFC 6066)."},
    {.id = 23, .name = "supplemental_data", .src = TT_SRC("RFC 4680"),
     .explain = "Extra application data exchanged during the handshake (RFC 4680)."},
    {.id = 24, .name = "key_update", .src = TT_SRC("RFC 8446 §4.6.3"),
     .explain = "TLS 1.3: the sender switches to new traffic keys, and may ask the peer to do "
                "the same."},
    {.id = 25, .name = "compressed_certificate", .src = TT_SRC("RFC 8879"),
     .explain = "A Certificate message compressed with zlib, brotli or zstd (RFC 8879)."},
    {.id = 254, .name = "message_hash", .src = TT_SRC("RFC 8446 §4.4.1"),
     .explain = "Never sent: after a HelloRetryRequest, TLS 1.3 replaces the first ClientHello "
                "in the transcript by this message holding its hash."},
};
TT_TABLE(tt_handshake_types, "handshake type", handshake_type_rows);

/* Who sends each handshake type (RFC 8446 §4, RFC 5246 §7.4, RFC 6066 §5 and §8). */
static const struct {
    uint8_t type;
    tt_sender by;
} handshake_senders[] = {
    {0, TT_BY_SERVER},  {1, TT_BY_CLIENT},  {2, TT_BY_SERVER},  {3, TT_BY_SERVER},
    {4, TT_BY_SERVER},  {5, TT_BY_CLIENT},  {6, TT_BY_SERVER},  {8, TT_BY_SERVER},
    {9, TT_BY_EITHER},  {10, TT_BY_EITHER}, {11, TT_BY_EITHER}, {12, TT_BY_SERVER},
    {13, TT_BY_SERVER}, {14, TT_BY_SERVER}, {15, TT_BY_EITHER}, {16, TT_BY_CLIENT},
    {20, TT_BY_EITHER}, {21, TT_BY_CLIENT}, {22, TT_BY_SERVER}, {23, TT_BY_EITHER},
    {24, TT_BY_EITHER}, {25, TT_BY_EITHER},
    /* 254 message_hash is never sent: no row, so 0. */
};

/* clang-format on */

tt_sender tt_handshake_sender(uint8_t hs_type)
{
    for (size_t i = 0; i < sizeof(handshake_senders) / sizeof(handshake_senders[0]); i++)
        if (handshake_senders[i].type == hs_type)
            return handshake_senders[i].by;
    return (tt_sender)0;
}

int tt_handshake_mutual_only(uint8_t hs_type, tt_sender by)
{
    switch (hs_type) {
    case 13: /* certificate_request: the server asks (RFC 8446 §4.3.2, RFC 5246 §7.4.4) */
        return by == TT_BY_SERVER;
    case 11: /* the client's certificate, or its URL / compressed forms */
    case 15: /* the client's certificate_verify */
    case 21:
    case 25: return by == TT_BY_CLIENT;
    default: return 0;
    }
}

/* clang-format off */

/* --- Extensions (IANA "TLS ExtensionType Values") ------------------------------------------- */
static const tt_named extension_rows[] = {
    {.id = 0, .name = "server_name", .src = TT_SRC("RFC 6066 §3"),
     .explain = "The host name the client wants to reach (SNI), so that one server can host "
                "many sites, each with its own certificate."},
    {.id = 1, .name = "max_fragment_length", .src = TT_SRC("RFC 6066 §4"),
     .explain = "Asks for smaller records (512 to 4096 bytes) to save memory on small "
                "devices (RFC 6066)."},
    {.id = 2, .name = "client_certificate_url", .src = TT_SRC("RFC 6066 §5"),
     .explain = "The client would like to send URLs of its certificates instead of the "
                "certificates (RFC 6066)."},
    {.id = 3, .name = "trusted_ca_keys", .src = TT_SRC("RFC 6066 §6"),
     .explain = "The client lists the CA keys it trusts so the server can pick a matching "
                "certificate (RFC 6066)."},
    {.id = 4, .name = "truncated_hmac", .src = TT_SRC("RFC 6066 §7", "RFC 7366"),
     .explain = "Asks for record MACs cut to 10 bytes to save bandwidth; insecure and no longer "
                "used."},
    {.id = 5, .name = "status_request", .src = TT_SRC("RFC 6066 §8"),
     .explain = "The client asks the server to staple an OCSP response proving its certificate "
                "has not been revoked."},
    {.id = 6, .name = "user_mapping", .src = TT_SRC("RFC 4681"),
     .explain = "Carries hints that help the server map the client to a user account "
                "(RFC 4681)."},
    {.id = 7, .name = "client_authz", .src = TT_SRC("RFC 5878"),
     .explain = "The client offers formats of authorization data it can send (RFC 5878)."},
    {.id = 8, .name = "server_authz", .src = TT_SRC("RFC 5878"),
     .explain = "The server offers formats of authorization data it can send (RFC 5878)."},
    {.id = 9, .name = "cert_type", .src = TT_SRC("RFC 6091"),
     .explain = "Negotiates OpenPGP keys instead of X.509 certificates (RFC 6091); obsolete."},
    {.id = 10, .name = "supported_groups", .src = TT_SRC("RFC 8446 §4.2.7", "RFC 8422 §5.1.1", "RFC 7919 §2"),
     .explain = "The elliptic curves and finite-field groups the sender supports for the key "
                "exchange."},
    {.id = 11, .name = "ec_point_formats", .src = TT_SRC("RFC 8422 §5.1.2"),
     .explain = "TLS 1.2: the encodings of elliptic-curve points the sender accepts (in "
                "practice only uncompressed)."},
    {.id = 12, .name = "srp", .src = TT_SRC("RFC 5054"),
     .explain = "The client's user name for a Secure Remote Password handshake (RFC 5054)."},
    {.id = 13, .name = "signature_algorithms", .src = TT_SRC("RFC 8446 §4.2.3", "RFC 5246 §7.4.1.4.1"),
     .explain = "The signature algorithms the sender accepts in the handshake (and in "
                "certificates, unless signature_algorithms_cert says otherwise)."},
    {.id = 14, .name = "use_srtp", .src = TT_SRC("RFC 5764"),
     .explain = "Negotiates keys for SRTP media encryption (DTLS-SRTP, used by WebRTC, "
                "RFC 5764)."},
    {.id = 15, .name = "heartbeat", .src = TT_SRC("RFC 6520"),
     .explain = "Says whether the peer may send heartbeat keep-alive messages (RFC 6520)."},
    {.id = 16, .name = "application_layer_protocol_negotiation", .src = TT_SRC("RFC 7301"),
     .explain = "ALPN: the application protocols the client can speak (such as h2 or "
                "http/1.1); the server picks one (RFC 7301)."},
    {.id = 17, .name = "status_request_v2", .src = TT_SRC("RFC 6961"),
     .explain = "Asks for OCSP responses for every certificate of the chain (RFC 6961); "
                "obsolete."},
    {.id = 18, .name = "signed_certificate_timestamp", .src = TT_SRC("RFC 6962"),
     .explain = "Certificate Transparency: proof that the server's certificate was recorded in "
                "public logs (RFC 6962)."},
    {.id = 19, .name = "client_certificate_type", .src = TT_SRC("RFC 7250"),
     .explain = "Which kind of client credential is used: an X.509 certificate or a raw public "
                "key (RFC 7250)."},
    {.id = 20, .name = "server_certificate_type", .src = TT_SRC("RFC 7250"),
     .explain = "Which kind of server credential is used: an X.509 certificate or a raw public "
                "key (RFC 7250)."},
    {.id = 21, .name = "padding", .src = TT_SRC("RFC 7685"),
     .explain = "Zero bytes that only make the ClientHello longer, to get around servers that "
                "choke on some sizes (RFC 7685)."},
    {.id = 22, .name = "encrypt_then_mac", .src = TT_SRC("RFC 7366"),
     .explain = "TLS 1.2 CBC suites: encrypt first, then MAC the ciphertext, which defeats "
                "padding-oracle attacks (RFC 7366)."},
    {.id = 23, .name = "extended_master_secret", .src = TT_SRC("RFC 7627 §4", "RFC 7627 §5.1"),
     .explain = "TLS 1.2: the master secret is derived from the hash of the handshake messages "
                "up to and including ClientKeyExchange (the session hash) instead of the two "
                "randoms, which stops the triple-handshake attack (RFC 7627)."},
    {.id = 24, .name = "token_binding", .src = TT_SRC("RFC 8472"),
     .explain = "Negotiates Token Binding, which ties tokens such as cookies to the TLS "
                "connection (RFC 8472)."},
    {.id = 25, .name = "cached_info", .src = TT_SRC("RFC 7924"),
     .explain = "Lets the client skip data it has cached, such as the server's certificate "
                "(RFC 7924)."},
    {.id = 27, .name = "compress_certificate", .src = TT_SRC("RFC 8879"),
     .explain = "The algorithms the sender can use to decompress certificates (RFC 8879)."},
    {.id = 28, .name = "record_size_limit", .src = TT_SRC("RFC 8449"),
     .explain = "The largest record the sender is willing to receive (RFC 8449)."},
    {.id = 29, .name = "pwd_protect", .src = TT_SRC("RFC 8492"),
     .explain = "A password-based handshake with the user name hidden from eavesdroppers "
                "(RFC 8492)."},
    {.id = 30, .name = "pwd_clear", .src = TT_SRC("RFC 8492"),
     .explain = "A password-based handshake with the user name sent in the clear (RFC 8492)."},
    {.id = 31, .name = "password_salt", .src = TT_SRC("RFC 8492"),
     .explain = "The salt for a password-based handshake (RFC 8492)."},
    {.id = 32, .name = "ticket_pinning", .src = TT_SRC("RFC 8672"),
     .explain = "Pins the server's identity to a ticket for later connections (RFC 8672)."},
    {.id = 33, .name = "tls_cert_with_extern_psk", .src = TT_SRC("RFC 8773"),
     .explain = "TLS 1.3: authenticate with a certificate and an external pre-shared key "
                "together (RFC 8773)."},
    {.id = 34, .name = "delegated_credential", .src = TT_SRC("RFC 9345"),
     .explain = "Lets a server use a short-lived credential signed by its certificate's key "
                "(RFC 9345)."},
    {.id = 35, .name = "session_ticket", .src = TT_SRC("RFC 5077 §3.2"),
     .explain = "TLS 1.2 session tickets (RFC 5077): empty to ask for a ticket, filled to "
                "present one and resume a session."},
    {.id = 41, .name = "pre_shared_key", .src = TT_SRC("RFC 8446 §4.2.11"),
     .explain = "TLS 1.3: the client offers pre-shared keys or resumption tickets with binders "
                "proving it knows them; the server names the one it picked."},
    {.id = 42, .name = "early_data", .src = TT_SRC("RFC 8446 §4.2.10"),
     .explain = "TLS 1.3: the client sends, or the server accepts, 0-RTT data before the "
                "handshake is over."},
    {.id = 43, .name = "supported_versions", .src = TT_SRC("RFC 8446 §4.2.1"),
     .explain = "TLS 1.3: the versions the client supports, or the one the server chose; it "
                "replaces the old version field."},
    {.id = 44, .name = "cookie", .src = TT_SRC("RFC 8446 §4.2.2"),
     .explain = "TLS 1.3: a value the server sends in a HelloRetryRequest and the client must "
                "echo in its second ClientHello."},
    {.id = 45, .name = "psk_key_exchange_modes", .src = TT_SRC("RFC 8446 §4.2.9"),
     .explain = "TLS 1.3: whether resuming may use the pre-shared key alone or must add a "
                "fresh (EC)DHE exchange."},
    {.id = 47, .name = "certificate_authorities", .src = TT_SRC("RFC 8446 §4.2.4"),
     .explain = "The CAs the sender trusts, to help the peer choose which certificate to "
                "send."},
    {.id = 48, .name = "oid_filters", .src = TT_SRC("RFC 8446 §4.2.5"),
     .explain = "TLS 1.3 CertificateRequest: certificate extension values the client's "
                "certificate must have."},
    {.id = 49, .name = "post_handshake_auth", .src = TT_SRC("RFC 8446 §4.2.6"),
     .explain = "TLS 1.3: the client agrees to be asked for a certificate after the "
                "handshake."},
    {.id = 50, .name = "signature_algorithms_cert", .src = TT_SRC("RFC 8446 §4.2.3"),
     .explain = "The signature algorithms the sender accepts in certificates, when they differ "
                "from signature_algorithms."},
    {.id = 51, .name = "key_share", .src = TT_SRC("RFC 8446 §4.2.8"),
     .explain = "TLS 1.3: (EC)DHE public keys, one per group the client guesses the server "
                "will take, or the one the server chose."},
    {.id = 52, .name = "transparency_info", .src = TT_SRC("RFC 9162"),
     .explain = "Certificate Transparency 2.0 information (RFC 9162)."},
    {.id = 53, .name = "connection_id_deprecated", .src = TT_SRC("RFC 9146"),
     .explain = "An early code point for DTLS connection IDs, replaced by 54."},
    {.id = 54, .name = "connection_id", .src = TT_SRC("RFC 9146"),
     .explain = "DTLS: connection IDs let a connection survive a change of IP address or port "
                "(RFC 9146)."},
    {.id = 55, .name = "external_id_hash", .src = TT_SRC("RFC 8844"),
     .explain = "Ties a WebRTC identity to the DTLS handshake (RFC 8844)."},
    {.id = 56, .name = "external_session_id", .src = TT_SRC("RFC 8844"),
     .explain = "Ties a WebRTC session to the DTLS handshake (RFC 8844)."},
    {.id = 57, .name = "quic_transport_parameters", .src = TT_SRC("RFC 9001"),
     .explain = "QUIC: the transport parameters of a QUIC connection, carried inside the TLS "
                "handshake (RFC 9001)."},
    {.id = 58, .name = "ticket_request", .src = TT_SRC("RFC 9149"),
     .explain = "TLS 1.3: how many session tickets the client would like to receive "
                "(RFC 9149)."},
    {.id = 59, .name = "dnssec_chain", .src = TT_SRC("RFC 9102"),
     .explain = "A DNSSEC chain that authenticates the server's DANE record (RFC 9102)."},
    {.id = 256, .name = "ecjpake_kkpp", .src = TT_SRC("draft-cragie-tls-ecjpake", "Mbed TLS 3.6 behaviour: MBEDTLS_TLS_EXT_ECJPAKE_KKPP"),
     .explain = "Mbed TLS's own, unregistered extension that carries the first EC J-PAKE "
                "round."},
    {.id = 0xfe0d, .name = "encrypted_client_hello", .src = TT_SRC("draft-ietf-tls-esni"),
     .explain = "Encrypted Client Hello: the real ClientHello, host name included, is encrypted "
                "to a key the server published in the DNS."},
    {.id = 0xff01, .name = "renegotiation_info", .src = TT_SRC("RFC 5746 §3.2"),
     .explain = "TLS 1.2: ties a renegotiation to the handshake before it, which prevents the "
                "renegotiation attack (RFC 5746)."},
};
TT_TABLE(tt_extensions, "extension", extension_rows);

/* --- Supported groups (IANA "TLS Supported Groups"; RFC 8422, RFC 7919, RFC 8446 §4.2.7) ---- */
#define TT_OLD_CURVE(n, s) \
    {.id = (n), .name = (s), .src = TT_SRC("RFC 4492 §5.1.1", "RFC 8422 §5.1.1"), \
     .explain = "An old elliptic curve from RFC 4492, deprecated by RFC 8422; not used by " \
                "modern TLS."}
static const tt_named group_rows[] = {
    TT_OLD_CURVE(1, "sect163k1"),  TT_OLD_CURVE(2, "sect163r1"),  TT_OLD_CURVE(3, "sect163r2"),
    TT_OLD_CURVE(4, "sect193r1"),  TT_OLD_CURVE(5, "sect193r2"),  TT_OLD_CURVE(6, "sect233k1"),
    TT_OLD_CURVE(7, "sect233r1"),  TT_OLD_CURVE(8, "sect239k1"),  TT_OLD_CURVE(9, "sect283k1"),
    TT_OLD_CURVE(10, "sect283r1"), TT_OLD_CURVE(11, "sect409k1"), TT_OLD_CURVE(12, "sect409r1"),
    TT_OLD_CURVE(13, "sect571k1"), TT_OLD_CURVE(14, "sect571r1"), TT_OLD_CURVE(15, "secp160k1"),
    TT_OLD_CURVE(16, "secp160r1"), TT_OLD_CURVE(17, "secp160r2"), TT_OLD_CURVE(18, "secp192k1"),
    TT_OLD_CURVE(19, "secp192r1"), TT_OLD_CURVE(20, "secp224k1"), TT_OLD_CURVE(21, "secp224r1"),
    TT_OLD_CURVE(22, "secp256k1"),
    {.id = 23, .name = "secp256r1", .src = TT_SRC("RFC 8422 §5.1.1", "RFC 8446 §4.2.7"),
     .explain = "The NIST P-256 elliptic curve, the most widely used curve for ECDHE and "
                "ECDSA."},
    {.id = 24, .name = "secp384r1", .src = TT_SRC("RFC 8422 §5.1.1", "RFC 8446 §4.2.7"),
     .explain = "The NIST P-384 elliptic curve: slower than P-256, for a higher security "
                "level."},
    {.id = 25, .name = "secp521r1", .src = TT_SRC("RFC 8422 §5.1.1", "RFC 8446 §4.2.7"),
     .explain = "The NIST P-521 elliptic curve, the largest of the NIST prime curves."},
    {.id = 26, .name = "brainpoolP256r1", .src = TT_SRC("RFC 7027"),
     .explain = "The 256-bit Brainpool curve (RFC 7027), for TLS 1.2 and older only."},
    {.id = 27, .name = "brainpoolP384r1", .src = TT_SRC("RFC 7027"),
     .explain = "The 384-bit Brainpool curve (RFC 7027), for TLS 1.2 and older only."},
    {.id = 28, .name = "brainpoolP512r1", .src = TT_SRC("RFC 7027"),
     .explain = "The 512-bit Brainpool curve (RFC 7027), for TLS 1.2 and older only."},
    {.id = 29, .name = "x25519", .src = TT_SRC("RFC 8422 §5.1.1", "RFC 7748"),
     .explain = "Diffie-Hellman on Curve25519 (RFC 7748): fast, hard to get wrong, and the "
                "most common TLS 1.3 key share."},
    {.id = 30, .name = "x448", .src = TT_SRC("RFC 8422 §5.1.1", "RFC 7748"),
     .explain = "Diffie-Hellman on Curve448 (RFC 7748), a higher security level than X25519."},
    {.id = 31, .name = "brainpoolP256r1tls13", .src = TT_SRC("RFC 8734"),
     .explain = "The 256-bit Brainpool curve for TLS 1.3 (RFC 8734)."},
    {.id = 32, .name = "brainpoolP384r1tls13", .src = TT_SRC("RFC 8734"),
     .explain = "The 384-bit Brainpool curve for TLS 1.3 (RFC 8734)."},
    {.id = 33, .name = "brainpoolP512r1tls13", .src = TT_SRC("RFC 8734"),
     .explain = "The 512-bit Brainpool curve for TLS 1.3 (RFC 8734)."},
    {.id = 41, .name = "curveSM2", .src = TT_SRC("RFC 8998"),
     .explain = "The Chinese SM2 elliptic curve (RFC 8998)."},
    {.id = 256, .name = "ffdhe2048", .src = TT_SRC("RFC 7919 §2", "RFC 7919 Appendix A.1"),
     .explain = "Finite-field Diffie-Hellman with the standard 2048-bit group of RFC 7919."},
    {.id = 257, .name = "ffdhe3072", .src = TT_SRC("RFC 7919 §2", "RFC 7919 Appendix A.2"),
     .explain = "Finite-field Diffie-Hellman with the standard 3072-bit group of RFC 7919."},
    {.id = 258, .name = "ffdhe4096", .src = TT_SRC("RFC 7919 §2", "RFC 7919 Appendix A.3"),
     .explain = "Finite-field Diffie-Hellman with the standard 4096-bit group of RFC 7919."},
    {.id = 259, .name = "ffdhe6144", .src = TT_SRC("RFC 7919 §2", "RFC 7919 Appendix A.4"),
     .explain = "Finite-field Diffie-Hellman with the standard 6144-bit group of RFC 7919."},
    {.id = 260, .name = "ffdhe8192", .src = TT_SRC("RFC 7919 §2", "RFC 7919 Appendix A.5"),
     .explain = "Finite-field Diffie-Hellman with the standard 8192-bit group of RFC 7919."},
    {.id = 0x0200, .name = "MLKEM512", .src = TT_SRC("draft-ietf-tls-mlkem", "FIPS 203"),
     .explain = "Post-quantum key exchange with ML-KEM-512 alone (FIPS 203)."},
    {.id = 0x0201, .name = "MLKEM768", .src = TT_SRC("draft-ietf-tls-mlkem", "FIPS 203"),
     .explain = "Post-quantum key exchange with ML-KEM-768 alone (FIPS 203)."},
    {.id = 0x0202, .name = "MLKEM1024", .src = TT_SRC("draft-ietf-tls-mlkem", "FIPS 203"),
     .explain = "Post-quantum key exchange with ML-KEM-1024 alone (FIPS 203)."},
    {.id = 0x11eb, .name = "SecP256r1MLKEM768", .src = TT_SRC("draft-ietf-tls-ecdhe-mlkem", "FIPS 203"),
     .explain = "Hybrid key exchange: P-256 ECDH plus post-quantum ML-KEM-768; the key stays "
                "safe as long as either one holds."},
    {.id = 0x11ec, .name = "X25519MLKEM768", .src = TT_SRC("draft-ietf-tls-ecdhe-mlkem", "FIPS 203"),
     .explain = "Hybrid key exchange: X25519 plus post-quantum ML-KEM-768; the key stays safe as "
                "long as either one holds."},
    {.id = 0x11ed, .name = "SecP384r1MLKEM1024", .src = TT_SRC("draft-ietf-tls-ecdhe-mlkem", "FIPS 203"),
     .explain = "Hybrid key exchange: P-384 ECDH plus post-quantum ML-KEM-1024; the key stays "
                "safe as long as either one holds."},
    {.id = 0x6399, .name = "X25519Kyber768Draft00", .src = TT_SRC("draft-tls-westerbaan-xyber768d00"),
     .explain = "An experimental hybrid of X25519 and draft Kyber-768, replaced by "
                "X25519MLKEM768."},
    {.id = 0xff01, .name = "arbitrary_explicit_prime_curves", .src = TT_SRC("RFC 8422 §5.1.1"),
     .explain = "TLS 1.2 and older: curve parameters sent in full instead of by name; "
                "deprecated by RFC 8422."},
    {.id = 0xff02, .name = "arbitrary_explicit_char2_curves", .src = TT_SRC("RFC 8422 §5.1.1"),
     .explain = "TLS 1.2 and older: binary curve parameters sent in full instead of by name; "
                "deprecated by RFC 8422."},
};
TT_TABLE(tt_groups, "group", group_rows);

/* --- Signature schemes (IANA "TLS SignatureScheme"; RFC 8446 §4.2.3; TLS 1.2 pairs of
 *     RFC 5246 §7.4.1.4.1 where RFC 8446 leaves them unnamed) ---------------------------------- */
static const tt_named sig_scheme_rows[] = {
    {.id = 0x0201, .name = "rsa_pkcs1_sha1", .src = TT_SRC("RFC 8446 §4.2.3", "RFC 9155"),
     .explain = "RSA PKCS#1 v1.5 signature with SHA-1: legacy, SHA-1 is no longer safe for "
                "signatures."},
    {.id = 0x0202, .name = "dsa_sha1_RESERVED", .src = TT_SRC("RFC 5246 §7.4.1.4.1", "RFC 8446 §4.2.3"),
     .explain = "TLS 1.2 only: DSA with SHA-1; forbidden in TLS 1.3."},
    {.id = 0x0203, .name = "ecdsa_sha1", .src = TT_SRC("RFC 8446 §4.2.3", "RFC 9155"),
     .explain = "ECDSA signature with SHA-1: legacy, SHA-1 is no longer safe for signatures."},
    {.id = 0x0301, .name = "rsa_pkcs1_sha224", .src = TT_SRC("RFC 5246 §7.4.1.4.1", "RFC 8446 §4.2.3"),
     .explain = "TLS 1.2 only: RSA PKCS#1 v1.5 with SHA-224; not allowed in TLS 1.3."},
    {.id = 0x0302, .name = "dsa_sha224", .src = TT_SRC("RFC 5246 §7.4.1.4.1", "RFC 8446 §4.2.3"),
     .explain = "TLS 1.2 only: DSA with SHA-224; not allowed in TLS 1.3."},
    {.id = 0x0303, .name = "ecdsa_sha224", .src = TT_SRC("RFC 5246 §7.4.1.4.1", "RFC 8446 §4.2.3"),
     .explain = "TLS 1.2 only: ECDSA with SHA-224; not allowed in TLS 1.3."},
    {.id = 0x0401, .name = "rsa_pkcs1_sha256", .src = TT_SRC("RFC 8446 §4.2.3", "RFC 5246 §7.4.1.4.1"),
     .explain = "RSA PKCS#1 v1.5 signature with SHA-256; TLS 1.3 allows it only in "
                "certificates, not in CertificateVerify."},
    {.id = 0x0402, .name = "dsa_sha256_RESERVED", .src = TT_SRC("RFC 5246 §7.4.1.4.1", "RFC 8446 §4.2.3"),
     .explain = "TLS 1.2 only: DSA with SHA-256; forbidden in TLS 1.3."},
    {.id = 0x0403, .name = "ecdsa_secp256r1_sha256", .src = TT_SRC("RFC 8446 §4.2.3", "RFC 5246 §7.4.1.4.1"),
     .explain = "ECDSA on the P-256 curve with SHA-256 (in TLS 1.2: ECDSA with SHA-256 on any "
                "curve)."},
    {.id = 0x0501, .name = "rsa_pkcs1_sha384", .src = TT_SRC("RFC 8446 §4.2.3", "RFC 5246 §7.4.1.4.1"),
     .explain = "RSA PKCS#1 v1.5 signature with SHA-384; TLS 1.3 allows it only in "
                "certificates, not in CertificateVerify."},
    {.id = 0x0502, .name = "dsa_sha384_RESERVED", .src = TT_SRC("RFC 5246 §7.4.1.4.1", "RFC 8446 §4.2.3"),
     .explain = "TLS 1.2 only: DSA with SHA-384; forbidden in TLS 1.3."},
    {.id = 0x0503, .name = "ecdsa_secp384r1_sha384", .src = TT_SRC("RFC 8446 §4.2.3", "RFC 5246 §7.4.1.4.1"),
     .explain = "ECDSA on the P-384 curve with SHA-384 (in TLS 1.2: ECDSA with SHA-384 on any "
                "curve)."},
    {.id = 0x0601, .name = "rsa_pkcs1_sha512", .src = TT_SRC("RFC 8446 §4.2.3", "RFC 5246 §7.4.1.4.1"),
     .explain = "RSA PKCS#1 v1.5 signature with SHA-512; TLS 1.3 allows it only in "
                "certificates, not in CertificateVerify."},
    {.id = 0x0602, .name = "dsa_sha512_RESERVED", .src = TT_SRC("RFC 5246 §7.4.1.4.1", "RFC 8446 §4.2.3"),
     .explain = "TLS 1.2 only: DSA with SHA-512; forbidden in TLS 1.3."},
    {.id = 0x0603, .name = "ecdsa_secp521r1_sha512", .src = TT_SRC("RFC 8446 §4.2.3", "RFC 5246 §7.4.1.4.1"),
     .explain = "ECDSA on the P-521 curve with SHA-512 (in TLS 1.2: ECDSA with SHA-512 on any "
                "curve)."},
    {.id = 0x0708, .name = "sm2sig_sm3", .src = TT_SRC("RFC 8998"),
     .explain = "The Chinese SM2 signature with the SM3 hash (RFC 8998)."},
    {.id = 0x0804, .name = "rsa_pss_rsae_sha256", .src = TT_SRC("RFC 8446 §4.2.3"),
     .explain = "RSA-PSS signature with SHA-256 made with an ordinary RSA key; the usual RSA "
                "signature in TLS 1.3."},
    {.id = 0x0805, .name = "rsa_pss_rsae_sha384", .src = TT_SRC("RFC 8446 §4.2.3"),
     .explain = "RSA-PSS signature with SHA-384 made with an ordinary RSA key."},
    {.id = 0x0806, .name = "rsa_pss_rsae_sha512", .src = TT_SRC("RFC 8446 §4.2.3"),
     .explain = "RSA-PSS signature with SHA-512 made with an ordinary RSA key."},
    {.id = 0x0807, .name = "ed25519", .src = TT_SRC("RFC 8446 §4.2.3"),
     .explain = "EdDSA signature on Curve25519 (Ed25519): fast, deterministic, 64 bytes long."},
    {.id = 0x0808, .name = "ed448", .src = TT_SRC("RFC 8446 §4.2.3"),
     .explain = "EdDSA signature on Curve448 (Ed448), a higher security level than Ed25519."},
    {.id = 0x0809, .name = "rsa_pss_pss_sha256", .src = TT_SRC("RFC 8446 §4.2.3"),
     .explain = "RSA-PSS signature with SHA-256 made with an RSA key that its certificate "
                "restricts to PSS."},
    {.id = 0x080a, .name = "rsa_pss_pss_sha384", .src = TT_SRC("RFC 8446 §4.2.3"),
     .explain = "RSA-PSS signature with SHA-384 made with an RSA key that its certificate "
                "restricts to PSS."},
    {.id = 0x080b, .name = "rsa_pss_pss_sha512", .src = TT_SRC("RFC 8446 §4.2.3"),
     .explain = "RSA-PSS signature with SHA-512 made with an RSA key that its certificate "
                "restricts to PSS."},
    {.id = 0x081a, .name = "ecdsa_brainpoolP256r1tls13_sha256", .src = TT_SRC("RFC 8734"),
     .explain = "TLS 1.3: ECDSA on the 256-bit Brainpool curve with SHA-256 (RFC 8734)."},
    {.id = 0x081b, .name = "ecdsa_brainpoolP384r1tls13_sha384", .src = TT_SRC("RFC 8734"),
     .explain = "TLS 1.3: ECDSA on the 384-bit Brainpool curve with SHA-384 (RFC 8734)."},
    {.id = 0x081c, .name = "ecdsa_brainpoolP512r1tls13_sha512", .src = TT_SRC("RFC 8734"),
     .explain = "TLS 1.3: ECDSA on the 512-bit Brainpool curve with SHA-512 (RFC 8734)."},
    {.id = 0x0904, .name = "mldsa44", .src = TT_SRC("draft-ietf-tls-mldsa", "FIPS 204"),
     .explain = "Post-quantum ML-DSA-44 signature (FIPS 204)."},
    {.id = 0x0905, .name = "mldsa65", .src = TT_SRC("draft-ietf-tls-mldsa", "FIPS 204"),
     .explain = "Post-quantum ML-DSA-65 signature (FIPS 204)."},
    {.id = 0x0906, .name = "mldsa87", .src = TT_SRC("draft-ietf-tls-mldsa", "FIPS 204"),
     .explain = "Post-quantum ML-DSA-87 signature (FIPS 204)."},
};
TT_TABLE(tt_sig_schemes, "signature scheme", sig_scheme_rows);

/* --- Alerts (RFC 8446 §6, RFC 5246 §7.2, IANA "TLS Alerts") --------------------------------- */
static const tt_named alert_level_rows[] = {
    {.id = 1, .name = "warning", .src = TT_SRC("RFC 5246 §7.2", "RFC 8446 §6"),
     .explain = "Level 1. In TLS 1.2 a warning leaves the connection open unless the receiver "
                "decides otherwise (close_notify is sent at this level and still closes it); in "
                "TLS 1.3 the level means nothing: the alert type decides, and only close_notify "
                "and user_canceled are not errors."},
    {.id = 2, .name = "fatal", .src = TT_SRC("RFC 5246 §7.2", "RFC 8446 §6"),
     .explain = "Level 2: an error; the connection is closed at once (TLS 1.3 treats every alert "
                "but close_notify and user_canceled as fatal, whatever its level)."},
};
TT_TABLE(tt_alert_levels, "alert level", alert_level_rows);

static const tt_named alert_rows[] = {
    {.id = 0, .name = "close_notify", .src = TT_SRC("RFC 8446 §6.1", "RFC 5246 §7.2.1"),
     .explain = "The sender is closing the connection cleanly; it will send nothing more."},
    {.id = 10, .name = "unexpected_message", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "A message arrived that does not belong at this point of the protocol."},
    {.id = 20, .name = "bad_record_mac", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "A record failed its integrity check when decrypted: wrong keys, or the data "
                "was changed on the way."},
    {.id = 21, .name = "decryption_failed_RESERVED", .src = TT_SRC("RFC 5246 §7.2.2"),
     .explain = "An old TLS 1.0 alert for badly padded records, no longer sent because it "
                "helped attackers."},
    {.id = 22, .name = "record_overflow", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "A record was longer than the protocol allows."},
    {.id = 30, .name = "decompression_failure_RESERVED", .src = TT_SRC("RFC 5246 §7.2.2", "RFC 8446 §6"),
     .explain = "An old alert for data that would not decompress; TLS compression is no longer "
                "used."},
    {.id = 40, .name = "handshake_failure", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "The sender found no set of security parameters it accepts, for example no "
                "cipher suite both sides support."},
    {.id = 41, .name = "no_certificate_RESERVED", .src = TT_SRC("RFC 5246 §7.2.2", "RFC 8446 Appendix B.2", "Mbed TLS 3.6 behaviour: ssl_tls13_validate_certificate (MBEDTLS_SSL_ALERT_MSG_NO_CERT)"),
     .explain = "SSL 3.0's alert for a client with no certificate; TLS reserves the number and "
                "never sends it (TLS 1.3 has certificate_required for this, yet Mbed TLS 3.6 "
                "still sends 41 when a required client certificate is missing)."},
    {.id = 42, .name = "bad_certificate", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2", "Mbed TLS 3.6 behaviour: mbedtls_ssl_verify_certificate (BADCERT_CN_MISMATCH)"),
     .explain = "A certificate was corrupt, a signature in it did not verify, or the like; Mbed "
                "TLS 3.6 also sends it when the certificate's names do not match the host name "
                "the client asked for."},
    {.id = 43, .name = "unsupported_certificate", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "A certificate was of a type the sender does not support."},
    {.id = 44, .name = "certificate_revoked", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "A certificate was revoked by the CA that issued it."},
    {.id = 45, .name = "certificate_expired", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "A certificate has expired or is not valid yet."},
    {.id = 46, .name = "certificate_unknown", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "Some other problem with a certificate made it unacceptable."},
    {.id = 47, .name = "illegal_parameter", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "A field in a handshake message was out of range or did not agree with other "
                "fields."},
    {.id = 48, .name = "unknown_ca", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "The certificate chain does not lead to a CA the sender trusts."},
    {.id = 49, .name = "access_denied", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "The certificate was valid, but the sender's access policy refused the "
                "connection."},
    {.id = 50, .name = "decode_error", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "A message could not be decoded: a field was out of range or a length was "
                "wrong."},
    {.id = 51, .name = "decrypt_error", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "A cryptographic check in the handshake failed, such as a signature or the "
                "Finished message."},
    {.id = 52, .name = "too_many_cids_requested", .src = TT_SRC("RFC 9147"),
     .explain = "DTLS 1.3: the peer asked for more connection IDs than the sender will give "
                "(RFC 9147)."},
    {.id = 60, .name = "export_restriction_RESERVED", .src = TT_SRC("RFC 5246 §7.2.2"),
     .explain = "An obsolete alert from the days of weakened export cryptography."},
    {.id = 70, .name = "protocol_version", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "The sender does not support, or refuses, the protocol version the peer "
                "offered."},
    {.id = 71, .name = "insufficient_security", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "The peer offered only parameters weaker than the sender requires."},
    {.id = 80, .name = "internal_error", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "The sender hit a problem of its own that is not the peer's fault, such as "
                "running out of memory."},
    {.id = 86, .name = "inappropriate_fallback", .src = TT_SRC("RFC 7507"),
     .explain = "The client retried with a lower version although the server supports a higher "
                "one: a possible downgrade attack (RFC 7507)."},
    {.id = 90, .name = "user_canceled", .src = TT_SRC("RFC 8446 §6.1", "RFC 5246 §7.2.2"),
     .explain = "The sender's user or application cancelled the handshake."},
    {.id = 100, .name = "no_renegotiation", .src = TT_SRC("RFC 5246 §7.2.2", "RFC 8446 Appendix B.2"),
     .explain = "TLS 1.2 and older: the sender refuses to renegotiate (reserved in TLS 1.3)."},
    {.id = 109, .name = "missing_extension", .src = TT_SRC("RFC 8446 §6.2"),
     .explain = "TLS 1.3: the peer's message lacks an extension that is required."},
    {.id = 110, .name = "unsupported_extension", .src = TT_SRC("RFC 8446 §6.2", "RFC 5246 §7.2.2"),
     .explain = "The peer's message holds an extension that is not allowed there, or that was "
                "never offered."},
    {.id = 111, .name = "certificate_unobtainable_RESERVED", .src = TT_SRC("RFC 6066 §5"),
     .explain = "Obsolete: the server could not fetch a certificate from a URL the client "
                "gave (RFC 6066)."},
    {.id = 112, .name = "unrecognized_name", .src = TT_SRC("RFC 6066 §3", "RFC 8446 §6.2"),
     .explain = "The server does not know the host name the client asked for in server_name "
                "(SNI)."},
    {.id = 113, .name = "bad_certificate_status_response", .src = TT_SRC("RFC 6066 §8", "RFC 8446 §6.2"),
     .explain = "The OCSP response the server stapled was invalid or not acceptable."},
    {.id = 114, .name = "bad_certificate_hash_value_RESERVED", .src = TT_SRC("RFC 6066 §5"),
     .explain = "Obsolete: a certificate fetched from a URL did not match the hash the client "
                "gave."},
    {.id = 115, .name = "unknown_psk_identity", .src = TT_SRC("RFC 4279", "RFC 8446 §6.2"),
     .explain = "The server does not know the pre-shared key identity the client offered."},
    {.id = 116, .name = "certificate_required", .src = TT_SRC("RFC 8446 §6.2", "RFC 8446 §4.4.2.4"),
     .explain = "TLS 1.3: the server requires a client certificate, but the client sent "
                "none."},
    {.id = 120, .name = "no_application_protocol", .src = TT_SRC("RFC 7301", "RFC 8446 §6.2"),
     .explain = "The server supports none of the application protocols the client offered in "
                "ALPN."},
    {.id = 121, .name = "ech_required", .src = TT_SRC("draft-ietf-tls-esni"),
     .explain = "The client wanted Encrypted Client Hello, but the server did not use it."},
};
TT_TABLE(tt_alerts, "alert", alert_rows);

/* --- Versions (RFC 8446 §4.2.1, RFC 5246 Appendix E) --------------------------------------- */
static const tt_named version_rows[] = {
    {.id = 0x0300, .name = "SSL 3.0", .src = TT_SRC("RFC 6101", "RFC 7568"),
     .explain = "SSL 3.0 (1996), broken by the POODLE attack and prohibited by RFC 7568."},
    {.id = 0x0301, .name = "TLS 1.0", .src = TT_SRC("RFC 2246", "RFC 8996"),
     .explain = "TLS 1.0 (1999), deprecated by RFC 8996 and refused by modern software."},
    {.id = 0x0302, .name = "TLS 1.1", .src = TT_SRC("RFC 4346", "RFC 8996"),
     .explain = "TLS 1.1 (2006), deprecated by RFC 8996 and refused by modern software."},
    {.id = 0x0303, .name = "TLS 1.2", .src = TT_SRC("RFC 5246 §1", "RFC 8446 §4.2.1"),
     .explain = "TLS 1.2 (2008, RFC 5246), still widely used; TLS 1.3 messages also carry it "
                "as their legacy version."},
    {.id = 0x0304, .name = "TLS 1.3", .src = TT_SRC("RFC 8446 §1.2", "RFC 8446 §2.2", "RFC 8446 §2.3"),
     .explain = "TLS 1.3 (2018, RFC 8446): a shorter handshake, encrypted after the ServerHello; "
                "every full handshake uses a fresh (EC)DHE exchange, so it has forward secrecy "
                "(a resumption with the PSK alone, psk_ke, and 0-RTT early data do not)."},
};
TT_TABLE(tt_versions, "version", version_rows);

/* --- TLS 1.2 ClientCertificateType (RFC 5246 §7.4.4, RFC 8422 §5.5, IANA) ------------------- */
static const tt_named cert_type_rows[] = {
    {.id = 1, .name = "rsa_sign", .src = TT_SRC("RFC 5246 §7.4.4"),
     .explain = "A certificate with an RSA key that can sign."},
    {.id = 2, .name = "dss_sign", .src = TT_SRC("RFC 5246 §7.4.4"),
     .explain = "A certificate with a DSA key that can sign."},
    {.id = 3, .name = "rsa_fixed_dh", .src = TT_SRC("RFC 5246 §7.4.4"),
     .explain = "A certificate holding a fixed Diffie-Hellman key, signed with RSA."},
    {.id = 4, .name = "dss_fixed_dh", .src = TT_SRC("RFC 5246 §7.4.4"),
     .explain = "A certificate holding a fixed Diffie-Hellman key, signed with DSA."},
    {.id = 5, .name = "rsa_ephemeral_dh_RESERVED", .src = TT_SRC("RFC 5246 §7.4.4"),
     .explain = "Reserved: an SSL 3.0 code point that is no longer used."},
    {.id = 6, .name = "dss_ephemeral_dh_RESERVED", .src = TT_SRC("RFC 5246 §7.4.4"),
     .explain = "Reserved: an SSL 3.0 code point that is no longer used."},
    {.id = 20, .name = "fortezza_dms_RESERVED", .src = TT_SRC("RFC 5246 §7.4.4"),
     .explain = "Reserved: the Fortezza cards of SSL 3.0, no longer used."},
    {.id = 64, .name = "ecdsa_sign", .src = TT_SRC("RFC 8422 §5.5"),
     .explain = "A certificate with an elliptic-curve key that can sign with ECDSA."},
    {.id = 65, .name = "rsa_fixed_ecdh", .src = TT_SRC("RFC 4492 §5.5", "RFC 8422 §5.5"),
     .explain = "A certificate holding a fixed ECDH key, signed with RSA (deprecated)."},
    {.id = 66, .name = "ecdsa_fixed_ecdh", .src = TT_SRC("RFC 4492 §5.5", "RFC 8422 §5.5"),
     .explain = "A certificate holding a fixed ECDH key, signed with ECDSA (deprecated)."},
    {.id = 67, .name = "gost_sign256", .src = TT_SRC("RFC 9189"),
     .explain = "A certificate with a 256-bit GOST R 34.10-2012 key (RFC 9189)."},
    {.id = 68, .name = "gost_sign512", .src = TT_SRC("RFC 9189"),
     .explain = "A certificate with a 512-bit GOST R 34.10-2012 key (RFC 9189)."},
};
TT_TABLE(tt_cert_types, "client certificate type", cert_type_rows);

/* --- Mbed TLS handshake states (enum mbedtls_ssl_states in mbedtls/ssl.h, 3.6) --------------
 * A state is a step of Mbed TLS's handshake loop, used by both sides: the sentence says what each
 * side does in it. A state is passed even when its message is not sent ("writes or skips"). */
static const tt_named mbedtls_state_rows[] = {
    {.id = 0, .name = "HELLO_REQUEST", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_states (ssl.h)"),
     .explain = "The starting point: nothing has been sent yet and both sides prepare for the "
                "ClientHello."},
    {.id = 1, .name = "CLIENT_HELLO", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_handshake_client_step", "RFC 8446 §4.1.2"),
     .explain = "The client writes its ClientHello; the server reads and checks it."},
    {.id = 2, .name = "SERVER_HELLO", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_handshake_client_step", "RFC 8446 §4.1.3"),
     .explain = "The server writes its ServerHello; the client reads it and learns the chosen "
                "version and cipher suite."},
    {.id = 3, .name = "SERVER_CERTIFICATE", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_parse_certificate", "RFC 8446 §4.4.2"),
     .explain = "The server writes its Certificate and the client reads and verifies the chain "
                "(both skip it for suites without certificates, such as PSK)."},
    {.id = 4, .name = "SERVER_KEY_EXCHANGE", .src = TT_SRC("Mbed TLS 3.6 behaviour: ssl_parse_server_key_exchange (ssl_tls12_client.c)", "RFC 5246 §7.4.3"),
     .explain = "TLS 1.2: the server writes or skips ServerKeyExchange (sent for ECDHE, DHE and "
                "some PSK suites); the client reads it, checking its signature when it has one, "
                "or skips it."},
    {.id = 5, .name = "CERTIFICATE_REQUEST", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_handshake_client_step", "RFC 8446 §4.3.2", "RFC 5246 §7.4.4"),
     .explain = "The server writes or skips CertificateRequest (sent only when it wants a client "
                "certificate); the client checks whether one arrived."},
    {.id = 6, .name = "SERVER_HELLO_DONE", .src = TT_SRC("Mbed TLS 3.6 behaviour: ssl_parse_server_hello_done (ssl_tls12_client.c)", "RFC 5246 §7.4.5"),
     .explain = "TLS 1.2: the server writes ServerHelloDone; the client reads it and knows the "
                "server's flight is over."},
    {.id = 7, .name = "CLIENT_CERTIFICATE", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_write_certificate", "RFC 5246 §7.4.6", "RFC 8446 §4.4.2"),
     .explain = "If the server asked for one, the client writes its Certificate (possibly "
                "empty) and the server reads and verifies it; otherwise both pass through "
                "without a message."},
    {.id = 8, .name = "CLIENT_KEY_EXCHANGE", .src = TT_SRC("Mbed TLS 3.6 behaviour: ssl_write_client_key_exchange (ssl_tls12_client.c)", "RFC 5246 §7.4.7", "RFC 5246 §8.1"),
     .explain = "TLS 1.2: the client writes ClientKeyExchange with its key share or encrypted "
                "secret; the server reads it, and both compute the master secret."},
    {.id = 9, .name = "CERTIFICATE_VERIFY", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_handshake_client_step", "RFC 5246 §7.4.8", "RFC 8446 §4.4.3"),
     .explain = "TLS 1.2: the client writes CertificateVerify if it sent a certificate and the "
                "server checks it; TLS 1.3: the server writes its CertificateVerify and the "
                "client checks it."},
    {.id = 10, .name = "CLIENT_CHANGE_CIPHER_SPEC", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_write_change_cipher_spec", "RFC 5246 §7.1"),
     .explain = "TLS 1.2: the client writes ChangeCipherSpec and starts protecting what it sends "
                "with the new keys; the server reads it and does the same for what it "
                "receives."},
    {.id = 11, .name = "CLIENT_FINISHED", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_write_finished", "RFC 8446 §4.4.4", "RFC 5246 §7.4.9"),
     .explain = "The client writes its Finished message; the server reads and checks it."},
    {.id = 12, .name = "SERVER_CHANGE_CIPHER_SPEC", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_write_change_cipher_spec", "RFC 5246 §7.1"),
     .explain = "TLS 1.2: the server writes ChangeCipherSpec and starts protecting what it "
                "sends with the new keys; the client reads it."},
    {.id = 13, .name = "SERVER_FINISHED", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_write_finished", "RFC 8446 §4.4.4", "RFC 5246 §7.4.9"),
     .explain = "The server writes its Finished message; the client reads and checks it."},
    {.id = 14, .name = "FLUSH_BUFFERS", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_flush_output"),
     .explain = "The endpoint makes sure everything it has written has really been sent."},
    {.id = 15, .name = "HANDSHAKE_WRAPUP", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_handshake_wrapup"),
     .explain = "The endpoint frees the handshake's working data and keeps only what the "
                "session needs."},
    {.id = 16, .name = "NEW_SESSION_TICKET", .src = TT_SRC("Mbed TLS 3.6 behaviour: ssl_write_new_session_ticket (ssl_tls12_server.c)", "RFC 5077 §3.3"),
     .explain = "TLS 1.2: the server writes a NewSessionTicket if the client asked for tickets, "
                "and the client reads it."},
    {.id = 17, .name = "SERVER_HELLO_VERIFY_REQUEST_SENT", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_handshake_server_step", "RFC 6347 §4.2.1"),
     .explain = "DTLS: the server has sent a HelloVerifyRequest cookie and waits for a new "
                "ClientHello that echoes it."},
    {.id = 18, .name = "HELLO_RETRY_REQUEST", .src = TT_SRC("Mbed TLS 3.6 behaviour: ssl_tls13_write_hello_retry_request (ssl_tls13_server.c)", "RFC 8446 §4.1.4"),
     .explain = "TLS 1.3: the server writes a HelloRetryRequest because it needs a key share "
                "for another group (or a cookie); the client will send a second ClientHello."},
    {.id = 19, .name = "ENCRYPTED_EXTENSIONS", .src = TT_SRC("Mbed TLS 3.6 behaviour: ssl_tls13_write_encrypted_extensions (ssl_tls13_server.c)", "RFC 8446 §4.3.1"),
     .explain = "TLS 1.3: the server writes EncryptedExtensions, its first encrypted message; "
                "the client reads it."},
    {.id = 20, .name = "END_OF_EARLY_DATA", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_tls13_handshake_client_step", "RFC 8446 §4.5"),
     .explain = "TLS 1.3: the client writes or skips EndOfEarlyData (sent only after 0-RTT data "
                "the server accepted); the server reads it if it expects one."},
    {.id = 21, .name = "CLIENT_CERTIFICATE_VERIFY", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_tls13_write_certificate_verify", "RFC 8446 §4.4.3"),
     .explain = "TLS 1.3: the client writes CertificateVerify to prove it owns the certificate "
                "it sent (skipped when it sent none); the server checks it."},
    {.id = 22, .name = "CLIENT_CCS_AFTER_SERVER_FINISHED", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_tls13_write_change_cipher_spec", "RFC 8446 Appendix D.4"),
     .explain = "TLS 1.3 middlebox compatibility: the client writes a dummy ChangeCipherSpec "
                "before its second flight, unless it already sent one."},
    {.id = 23, .name = "CLIENT_CCS_BEFORE_2ND_CLIENT_HELLO", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_tls13_write_change_cipher_spec", "RFC 8446 Appendix D.4"),
     .explain = "TLS 1.3 middlebox compatibility: after a HelloRetryRequest the client writes a "
                "dummy ChangeCipherSpec before its second ClientHello."},
    {.id = 24, .name = "SERVER_CCS_AFTER_SERVER_HELLO", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_tls13_write_change_cipher_spec", "RFC 8446 Appendix D.4"),
     .explain = "TLS 1.3 middlebox compatibility: the server writes a dummy ChangeCipherSpec "
                "right after its ServerHello."},
    {.id = 25, .name = "CLIENT_CCS_AFTER_CLIENT_HELLO", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_tls13_write_change_cipher_spec", "RFC 8446 Appendix D.4"),
     .explain = "TLS 1.3 middlebox compatibility: the client writes a dummy ChangeCipherSpec "
                "right after a ClientHello that carries 0-RTT early data."},
    {.id = 26, .name = "SERVER_CCS_AFTER_HELLO_RETRY_REQUEST", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_tls13_write_change_cipher_spec", "RFC 8446 Appendix D.4"),
     .explain = "TLS 1.3 middlebox compatibility: the server writes a dummy ChangeCipherSpec "
                "right after its HelloRetryRequest."},
    {.id = 27, .name = "HANDSHAKE_OVER", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_is_handshake_over", "RFC 8446 §4.4.4"),
     .explain = "The handshake is complete: application data can flow."},
    {.id = 28, .name = "TLS1_3_NEW_SESSION_TICKET", .src = TT_SRC("Mbed TLS 3.6 behaviour: ssl_tls13_write_new_session_ticket (ssl_tls13_server.c)", "RFC 8446 §4.6.1"),
     .explain = "TLS 1.3, after the handshake: the server prepares and writes a "
                "NewSessionTicket, or the client processes one it received."},
    {.id = 29, .name = "TLS1_3_NEW_SESSION_TICKET_FLUSH", .src = TT_SRC("Mbed TLS 3.6 behaviour: mbedtls_ssl_tls13_handshake_server_step"),
     .explain = "TLS 1.3: the server makes sure the NewSessionTicket it wrote has really been "
                "sent."},
};
TT_TABLE(tt_mbedtls_states, "Mbed TLS state", mbedtls_state_rows);

/* --- X.509 verification flags (MBEDTLS_X509_BADCERT_* / BADCRL_* in mbedtls/x509.h) --------- */
static const tt_named verify_flag_rows[] = {
    {.id = 0x01, .name = "expired", .src = TT_SRC("Mbed TLS 3.6 behaviour: x509_crt_verify_chain (x509_crt.c), MBEDTLS_X509_BADCERT_EXPIRED", "RFC 5280 §6.1.3"),
     .explain = "the certificate's validity period has ended, by the verifier's own clock"},
    {.id = 0x02, .name = "revoked", .src = TT_SRC("Mbed TLS 3.6 behaviour: x509_crt_verify_chain (x509_crt.c), MBEDTLS_X509_BADCERT_REVOKED", "RFC 5280 §6.3"),
     .explain = "the certificate is listed as revoked in a certificate revocation list (CRL)"},
    {.id = 0x04, .name = "cn_mismatch", .src = TT_SRC("Mbed TLS 3.6 behaviour: x509_crt_verify_name (x509_crt.c), MBEDTLS_X509_BADCERT_CN_MISMATCH", "RFC 6125 §6.4.4", "RFC 9525"),
     .explain = "the host name the client asked for is not among the certificate's "
                "subjectAltName entries (Mbed TLS 3.6 looks at the subject CN only when the "
                "certificate has no subjectAltName)"},
    {.id = 0x08, .name = "not_trusted", .src = TT_SRC("Mbed TLS 3.6 behaviour: x509_crt_verify_chain (x509_crt.c), MBEDTLS_X509_BADCERT_NOT_TRUSTED", "RFC 5280 §6.1"),
     .explain = "the certificate is not correctly signed by a trusted CA: its chain does not "
                "lead to a certificate in the verifier's trusted list"},
    {.id = 0x10, .name = "crl_not_trusted", .src = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_X509_BADCRL_NOT_TRUSTED", "RFC 5280 §6.3.3"),
     .explain = "the certificate revocation list is not correctly signed by a trusted CA"},
    {.id = 0x20, .name = "crl_expired", .src = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_X509_BADCRL_EXPIRED", "RFC 5280 §6.3.3"),
     .explain = "the certificate revocation list is out of date"},
    {.id = 0x40, .name = "missing", .src = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_X509_BADCERT_MISSING (mbedtls_ssl_parse_certificate)"),
     .explain = "no certificate was received"},
    {.id = 0x80, .name = "skip_verify", .src = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_X509_BADCERT_SKIP_VERIFY"),
     .explain = "certificate verification was skipped"},
    {.id = 0x100, .name = "other", .src = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_X509_BADCERT_OTHER"),
     .explain = "another reason, set by the application's verify callback"},
    {.id = 0x200, .name = "future", .src = TT_SRC("Mbed TLS 3.6 behaviour: x509_crt_verify_chain (x509_crt.c), MBEDTLS_X509_BADCERT_FUTURE", "RFC 5280 §6.1.3"),
     .explain = "the certificate's validity period has not started yet, by the verifier's own "
                "clock"},
    {.id = 0x400, .name = "crl_future", .src = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_X509_BADCRL_FUTURE"),
     .explain = "the certificate revocation list's issue date is in the future"},
    {.id = 0x800, .name = "key_usage", .src = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_X509_BADCERT_KEY_USAGE", "RFC 5280 §4.2.1.3"),
     .explain = "the certificate's keyUsage extension does not allow this use of its key"},
    {.id = 0x1000, .name = "ext_key_usage", .src = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_X509_BADCERT_EXT_KEY_USAGE", "RFC 5280 §4.2.1.12"),
     .explain = "the certificate's extendedKeyUsage extension does not allow this role (such as "
                "serverAuth or clientAuth)"},
    {.id = 0x2000, .name = "ns_cert_type", .src = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_X509_BADCERT_NS_CERT_TYPE"),
     .explain = "the certificate's old Netscape certificate-type extension does not allow this "
                "use"},
    {.id = 0x4000, .name = "bad_md", .src = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_X509_BADCERT_BAD_MD (x509_profile_check_md_alg)"),
     .explain = "the certificate is signed with a hash algorithm the verification profile does "
                "not accept (such as SHA-1)"},
    {.id = 0x8000, .name = "bad_pk", .src = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_X509_BADCERT_BAD_PK (x509_profile_check_pk_alg)"),
     .explain = "the certificate is signed with a public-key algorithm the verification profile "
                "does not accept"},
    {.id = 0x10000, .name = "bad_key", .src = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_X509_BADCERT_BAD_KEY (x509_profile_check_key)"),
     .explain = "the certificate's key, or the key that signed it, is not acceptable under the "
                "verification profile (such as an RSA key that is too short or a curve that is "
                "not allowed)"},
    {.id = 0x20000, .name = "crl_bad_md", .src = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_X509_BADCRL_BAD_MD"),
     .explain = "the certificate revocation list is signed with a hash algorithm the profile "
                "does not accept"},
    {.id = 0x40000, .name = "crl_bad_pk", .src = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_X509_BADCRL_BAD_PK"),
     .explain = "the certificate revocation list is signed with a public-key algorithm the "
                "profile does not accept"},
    {.id = 0x80000, .name = "crl_bad_key", .src = TT_SRC("Mbed TLS 3.6 behaviour: MBEDTLS_X509_BADCRL_BAD_KEY"),
     .explain = "the certificate revocation list is signed with a key the profile does not "
                "accept"},
};
TT_TABLE(tt_verify_flags, "verify flag", verify_flag_rows);

/* --- Smaller code lists found inside messages and extensions -------------------------------- */
static const tt_named compression_method_rows[] = {
    {.id = 0, .name = "null", .src = TT_SRC("RFC 5246 §6.2.2", "RFC 8446 §4.1.2"),
     .explain = "No compression: the only method TLS 1.3 allows and the only safe one."},
    {.id = 1, .name = "DEFLATE", .src = TT_SRC("RFC 3749", "RFC 7457"),
     .explain = "DEFLATE compression (RFC 3749), abandoned after the CRIME attack."},
    {.id = 64, .name = "LZS", .src = TT_SRC("RFC 3943"),
     .explain = "LZS compression (RFC 3943), abandoned like all TLS compression."},
};
TT_TABLE(tt_compression_methods, "compression method", compression_method_rows);

static const tt_named sni_name_type_rows[] = {
    {.id = 0, .name = "host_name", .src = TT_SRC("RFC 6066 §3"),
     .explain = "A DNS host name, in ASCII, without a trailing dot (RFC 6066 §3)."},
};
TT_TABLE(tt_sni_name_types, "server name type", sni_name_type_rows);

static const tt_named max_fragment_length_rows[] = {
    {.id = 1, .name = "2^9", .src = TT_SRC("RFC 6066 §4"), .explain = "Records of at most 512 bytes of plaintext."},
    {.id = 2, .name = "2^10", .src = TT_SRC("RFC 6066 §4"), .explain = "Records of at most 1024 bytes of plaintext."},
    {.id = 3, .name = "2^11", .src = TT_SRC("RFC 6066 §4"), .explain = "Records of at most 2048 bytes of plaintext."},
    {.id = 4, .name = "2^12", .src = TT_SRC("RFC 6066 §4"), .explain = "Records of at most 4096 bytes of plaintext."},
};
TT_TABLE(tt_max_fragment_lengths, "max fragment length", max_fragment_length_rows);

static const tt_named status_type_rows[] = {
    {.id = 1, .name = "ocsp", .src = TT_SRC("RFC 6066 §8"),
     .explain = "One OCSP response about the server's own certificate (RFC 6066 §8)."},
    {.id = 2, .name = "ocsp_multi", .src = TT_SRC("RFC 6961"),
     .explain = "OCSP responses for every certificate of the chain (RFC 6961), obsolete."},
};
TT_TABLE(tt_status_types, "certificate status type", status_type_rows);

static const tt_named point_format_rows[] = {
    {.id = 0, .name = "uncompressed", .src = TT_SRC("RFC 8422 §5.1.2"),
     .explain = "A point is sent as both of its coordinates, x and y."},
    {.id = 1, .name = "ansiX962_compressed_prime", .src = TT_SRC("RFC 8422 §5.1.2"),
     .explain = "Points on prime curves sent as x and one bit of y; deprecated by RFC 8422."},
    {.id = 2, .name = "ansiX962_compressed_char2", .src = TT_SRC("RFC 8422 §5.1.2"),
     .explain = "Points on binary curves sent as x and one bit of y; deprecated by RFC 8422."},
};
TT_TABLE(tt_point_formats, "EC point format", point_format_rows);

static const tt_named ec_curve_type_rows[] = {
    {.id = 1, .name = "explicit_prime", .src = TT_SRC("RFC 8422 §5.4"),
     .explain = "The curve's parameters are sent in full (a prime curve); deprecated by "
                "RFC 8422."},
    {.id = 2, .name = "explicit_char2", .src = TT_SRC("RFC 8422 §5.4"),
     .explain = "The curve's parameters are sent in full (a binary curve); deprecated by "
                "RFC 8422."},
    {.id = 3, .name = "named_curve", .src = TT_SRC("RFC 8422 §5.4"),
     .explain = "The curve is named by its two-byte group number."},
};
TT_TABLE(tt_ec_curve_types, "EC curve type", ec_curve_type_rows);

static const tt_named srtp_profile_rows[] = {
    {.id = 0x0001, .name = "SRTP_AES128_CM_HMAC_SHA1_80", .src = TT_SRC("RFC 5764"),
     .explain = "SRTP with AES-128 in counter mode and an 80-bit HMAC-SHA1 tag (RFC 5764)."},
    {.id = 0x0002, .name = "SRTP_AES128_CM_HMAC_SHA1_32", .src = TT_SRC("RFC 5764"),
     .explain = "SRTP with AES-128 in counter mode and a 32-bit HMAC-SHA1 tag (RFC 5764)."},
    {.id = 0x0005, .name = "SRTP_NULL_HMAC_SHA1_80", .src = TT_SRC("RFC 5764"),
     .explain = "SRTP without encryption, with an 80-bit HMAC-SHA1 tag (RFC 5764)."},
    {.id = 0x0006, .name = "SRTP_NULL_HMAC_SHA1_32", .src = TT_SRC("RFC 5764"),
     .explain = "SRTP without encryption, with a 32-bit HMAC-SHA1 tag (RFC 5764)."},
    {.id = 0x0007, .name = "SRTP_AEAD_AES_128_GCM", .src = TT_SRC("RFC 7714"),
     .explain = "SRTP with AES-128-GCM (RFC 7714)."},
    {.id = 0x0008, .name = "SRTP_AEAD_AES_256_GCM", .src = TT_SRC("RFC 7714"),
     .explain = "SRTP with AES-256-GCM (RFC 7714)."},
};
TT_TABLE(tt_srtp_profiles, "SRTP protection profile", srtp_profile_rows);

static const tt_named heartbeat_mode_rows[] = {
    {.id = 1, .name = "peer_allowed_to_send", .src = TT_SRC("RFC 6520"),
     .explain = "The peer may send heartbeat requests to the sender."},
    {.id = 2, .name = "peer_not_allowed_to_send", .src = TT_SRC("RFC 6520"),
     .explain = "The peer must not send heartbeat requests to the sender."},
};
TT_TABLE(tt_heartbeat_modes, "heartbeat mode", heartbeat_mode_rows);

static const tt_named cert_format_rows[] = {
    {.id = 0, .name = "X509", .src = TT_SRC("RFC 7250"), .explain = "An ordinary X.509 certificate."},
    {.id = 1, .name = "OpenPGP", .src = TT_SRC("RFC 6091", "RFC 7250"), .explain = "An OpenPGP key (RFC 6091), obsolete."},
    {.id = 2, .name = "RawPublicKey", .src = TT_SRC("RFC 7250"),
     .explain = "A bare public key without a certificate, trusted by prior arrangement "
                "(RFC 7250)."},
};
TT_TABLE(tt_cert_formats, "certificate type", cert_format_rows);

static const tt_named cert_compression_rows[] = {
    {.id = 1, .name = "zlib", .src = TT_SRC("RFC 8879"), .explain = "Compression with zlib (DEFLATE)."},
    {.id = 2, .name = "brotli", .src = TT_SRC("RFC 8879"), .explain = "Compression with Brotli."},
    {.id = 3, .name = "zstd", .src = TT_SRC("RFC 8879"), .explain = "Compression with Zstandard."},
};
TT_TABLE(tt_cert_compression, "certificate compression algorithm", cert_compression_rows);

static const tt_named psk_mode_rows[] = {
    {.id = 0, .name = "psk_ke", .src = TT_SRC("RFC 8446 §4.2.9", "RFC 8446 §2.2"),
     .explain = "Resume with the pre-shared key alone: quick, but without forward secrecy."},
    {.id = 1, .name = "psk_dhe_ke", .src = TT_SRC("RFC 8446 §4.2.9", "RFC 8446 §2.2"),
     .explain = "Resume with the pre-shared key plus a fresh (EC)DHE exchange, keeping forward "
                "secrecy."},
};
TT_TABLE(tt_psk_modes, "PSK key exchange mode", psk_mode_rows);

static const tt_named key_update_request_rows[] = {
    {.id = 0, .name = "update_not_requested", .src = TT_SRC("RFC 8446 §4.6.3"),
     .explain = "Only the sender changes keys; the peer need not answer."},
    {.id = 1, .name = "update_requested", .src = TT_SRC("RFC 8446 §4.6.3"),
     .explain = "The sender changes keys and asks the peer to change its own keys too."},
};
TT_TABLE(tt_key_update_requests, "key update request", key_update_request_rows);

static const tt_named cert_chain_type_rows[] = {
    {.id = 0, .name = "individual_certs", .src = TT_SRC("RFC 6066 §5"),
     .explain = "Each URL points to one DER certificate."},
    {.id = 1, .name = "pkipath", .src = TT_SRC("RFC 6066 §5"),
     .explain = "One URL points to the whole chain as a PkiPath."},
};
TT_TABLE(tt_cert_chain_types, "certificate chain type", cert_chain_type_rows);

static const tt_named ech_type_rows[] = {
    {.id = 0, .name = "outer", .src = TT_SRC("draft-ietf-tls-esni"),
     .explain = "The public, outer ClientHello carrying the encrypted inner one."},
    {.id = 1, .name = "inner", .src = TT_SRC("draft-ietf-tls-esni"),
     .explain = "The real ClientHello, only ever seen after decryption."},
};
TT_TABLE(tt_ech_types, "ECH type", ech_type_rows);

/* --- Cipher suites (IANA "TLS Cipher Suites"; every suite of mbedtls/ssl_ciphersuites.h 3.6,
 *     the ones OpenSSL 3.0 and GnuTLS offer, and the two signalling values) -------------------
 * Sorted by id: tt_suite_lookup() uses bsearch. The sentences are generated per family (key
 * exchange; cipher; MAC or PRF hash); CCM suites use the SHA-256 PRF (RFC 6655 §3, RFC 7251). */
const tt_suite tt_suites[] = {
    {.id = 0x0000, .name = "TLS_NULL_WITH_NULL_NULL", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "NULL", .auth = "NULL", .cipher = "NULL", .hash = "NULL",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "The 'no suite yet' value every connection starts with: no key exchange, no encryption, no MAC."},
    {.id = 0x0001, .name = "TLS_RSA_WITH_NULL_MD5", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "RSA", .auth = "RSA", .cipher = "NULL", .hash = "MD5",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 and older: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; records are NOT encrypted, anyone on the network can read them, and HMAC-MD5 only authenticates them."},
    {.id = 0x0002, .name = "TLS_RSA_WITH_NULL_SHA", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "RSA", .auth = "RSA", .cipher = "NULL", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 and older: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-1 only authenticates them."},
    {.id = 0x0004, .name = "TLS_RSA_WITH_RC4_128_MD5", .src = TT_SRC("RFC 5246 Appendix A.5", "RFC 7465"),
     .kx = "RSA", .auth = "RSA", .cipher = "RC4_128", .hash = "MD5",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; the RC4 stream cipher, broken and banned since RFC 7465, encrypts every record, and HMAC-MD5 authenticates it."},
    {.id = 0x0005, .name = "TLS_RSA_WITH_RC4_128_SHA", .src = TT_SRC("RFC 5246 Appendix A.5", "RFC 7465"),
     .kx = "RSA", .auth = "RSA", .cipher = "RC4_128", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; the RC4 stream cipher, broken and banned since RFC 7465, encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x000A, .name = "TLS_RSA_WITH_3DES_EDE_CBC_SHA", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "RSA", .auth = "RSA", .cipher = "3DES_EDE_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 24, .tag_len = 0,
     .explain = "TLS 1.2 and older: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; the obsolete Triple-DES cipher (64-bit blocks) in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0013, .name = "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "DHE", .auth = "DSS", .cipher = "3DES_EDE_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 24, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its DSA key; the obsolete Triple-DES cipher (64-bit blocks) in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0016, .name = "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "DHE", .auth = "RSA", .cipher = "3DES_EDE_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 24, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; the obsolete Triple-DES cipher (64-bit blocks) in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x002C, .name = "TLS_PSK_WITH_NULL_SHA", .src = TT_SRC("RFC 4785"),
     .kx = "PSK", .auth = "PSK", .cipher = "NULL", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 and older: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-1 only authenticates them."},
    {.id = 0x002D, .name = "TLS_DHE_PSK_WITH_NULL_SHA", .src = TT_SRC("RFC 4785"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "NULL", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 and older: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-1 only authenticates them."},
    {.id = 0x002E, .name = "TLS_RSA_PSK_WITH_NULL_SHA", .src = TT_SRC("RFC 4785"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "NULL", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 and older: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-1 only authenticates them."},
    {.id = 0x002F, .name = "TLS_RSA_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "RSA", .auth = "RSA", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0032, .name = "TLS_DHE_DSS_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "DHE", .auth = "DSS", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its DSA key; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0033, .name = "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "DHE", .auth = "RSA", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0034, .name = "TLS_DH_anon_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "DHE", .auth = "anon", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: an unauthenticated Diffie-Hellman exchange: nobody proves who they are, so a man in the middle goes unnoticed; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0035, .name = "TLS_RSA_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "RSA", .auth = "RSA", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0038, .name = "TLS_DHE_DSS_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "DHE", .auth = "DSS", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its DSA key; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0039, .name = "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "DHE", .auth = "RSA", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x003A, .name = "TLS_DH_anon_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "DHE", .auth = "anon", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: an unauthenticated Diffie-Hellman exchange: nobody proves who they are, so a man in the middle goes unnoticed; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x003B, .name = "TLS_RSA_WITH_NULL_SHA256", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "RSA", .auth = "RSA", .cipher = "NULL", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-256 only authenticates them."},
    {.id = 0x003C, .name = "TLS_RSA_WITH_AES_128_CBC_SHA256", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "RSA", .auth = "RSA", .cipher = "AES_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; AES-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x003D, .name = "TLS_RSA_WITH_AES_256_CBC_SHA256", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "RSA", .auth = "RSA", .cipher = "AES_256_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; AES-256 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x0040, .name = "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "DHE", .auth = "DSS", .cipher = "AES_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its DSA key; AES-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x0041, .name = "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", .src = TT_SRC("RFC 5932"),
     .kx = "RSA", .auth = "RSA", .cipher = "CAMELLIA_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0044, .name = "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA", .src = TT_SRC("RFC 5932"),
     .kx = "DHE", .auth = "DSS", .cipher = "CAMELLIA_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its DSA key; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0045, .name = "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", .src = TT_SRC("RFC 5932"),
     .kx = "DHE", .auth = "RSA", .cipher = "CAMELLIA_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0046, .name = "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA", .src = TT_SRC("RFC 5932"),
     .kx = "DHE", .auth = "anon", .cipher = "CAMELLIA_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: an unauthenticated Diffie-Hellman exchange: nobody proves who they are, so a man in the middle goes unnoticed; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0067, .name = "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "DHE", .auth = "RSA", .cipher = "AES_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x006A, .name = "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "DHE", .auth = "DSS", .cipher = "AES_256_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its DSA key; AES-256 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x006B, .name = "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "DHE", .auth = "RSA", .cipher = "AES_256_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-256 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x006C, .name = "TLS_DH_anon_WITH_AES_128_CBC_SHA256", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "DHE", .auth = "anon", .cipher = "AES_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: an unauthenticated Diffie-Hellman exchange: nobody proves who they are, so a man in the middle goes unnoticed; AES-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x006D, .name = "TLS_DH_anon_WITH_AES_256_CBC_SHA256", .src = TT_SRC("RFC 5246 Appendix A.5"),
     .kx = "DHE", .auth = "anon", .cipher = "AES_256_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: an unauthenticated Diffie-Hellman exchange: nobody proves who they are, so a man in the middle goes unnoticed; AES-256 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x0084, .name = "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", .src = TT_SRC("RFC 5932"),
     .kx = "RSA", .auth = "RSA", .cipher = "CAMELLIA_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0087, .name = "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA", .src = TT_SRC("RFC 5932"),
     .kx = "DHE", .auth = "DSS", .cipher = "CAMELLIA_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its DSA key; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0088, .name = "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA", .src = TT_SRC("RFC 5932"),
     .kx = "DHE", .auth = "RSA", .cipher = "CAMELLIA_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0089, .name = "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA", .src = TT_SRC("RFC 5932"),
     .kx = "DHE", .auth = "anon", .cipher = "CAMELLIA_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: an unauthenticated Diffie-Hellman exchange: nobody proves who they are, so a man in the middle goes unnoticed; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x008C, .name = "TLS_PSK_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 4279"),
     .kx = "PSK", .auth = "PSK", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x008D, .name = "TLS_PSK_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 4279"),
     .kx = "PSK", .auth = "PSK", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0090, .name = "TLS_DHE_PSK_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 4279"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0091, .name = "TLS_DHE_PSK_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 4279"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0094, .name = "TLS_RSA_PSK_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 4279"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x0095, .name = "TLS_RSA_PSK_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 4279"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0x009C, .name = "TLS_RSA_WITH_AES_128_GCM_SHA256", .src = TT_SRC("RFC 5288 §3"),
     .kx = "RSA", .auth = "RSA", .cipher = "AES_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; AES-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0x009D, .name = "TLS_RSA_WITH_AES_256_GCM_SHA384", .src = TT_SRC("RFC 5288 §3"),
     .kx = "RSA", .auth = "RSA", .cipher = "AES_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; AES-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0x009E, .name = "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", .src = TT_SRC("RFC 5288 §3"),
     .kx = "DHE", .auth = "RSA", .cipher = "AES_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0x009F, .name = "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", .src = TT_SRC("RFC 5288 §3"),
     .kx = "DHE", .auth = "RSA", .cipher = "AES_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0x00A2, .name = "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", .src = TT_SRC("RFC 5288 §3"),
     .kx = "DHE", .auth = "DSS", .cipher = "AES_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its DSA key; AES-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0x00A3, .name = "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", .src = TT_SRC("RFC 5288 §3"),
     .kx = "DHE", .auth = "DSS", .cipher = "AES_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its DSA key; AES-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0x00A6, .name = "TLS_DH_anon_WITH_AES_128_GCM_SHA256", .src = TT_SRC("RFC 5288 §3"),
     .kx = "DHE", .auth = "anon", .cipher = "AES_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: an unauthenticated Diffie-Hellman exchange: nobody proves who they are, so a man in the middle goes unnoticed; AES-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0x00A7, .name = "TLS_DH_anon_WITH_AES_256_GCM_SHA384", .src = TT_SRC("RFC 5288 §3"),
     .kx = "DHE", .auth = "anon", .cipher = "AES_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: an unauthenticated Diffie-Hellman exchange: nobody proves who they are, so a man in the middle goes unnoticed; AES-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0x00A8, .name = "TLS_PSK_WITH_AES_128_GCM_SHA256", .src = TT_SRC("RFC 5487"),
     .kx = "PSK", .auth = "PSK", .cipher = "AES_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; AES-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0x00A9, .name = "TLS_PSK_WITH_AES_256_GCM_SHA384", .src = TT_SRC("RFC 5487"),
     .kx = "PSK", .auth = "PSK", .cipher = "AES_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; AES-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0x00AA, .name = "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", .src = TT_SRC("RFC 5487"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "AES_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; AES-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0x00AB, .name = "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384", .src = TT_SRC("RFC 5487"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "AES_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; AES-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0x00AC, .name = "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", .src = TT_SRC("RFC 5487"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "AES_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; AES-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0x00AD, .name = "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384", .src = TT_SRC("RFC 5487"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "AES_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; AES-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0x00AE, .name = "TLS_PSK_WITH_AES_128_CBC_SHA256", .src = TT_SRC("RFC 5487"),
     .kx = "PSK", .auth = "PSK", .cipher = "AES_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; AES-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x00AF, .name = "TLS_PSK_WITH_AES_256_CBC_SHA384", .src = TT_SRC("RFC 5487"),
     .kx = "PSK", .auth = "PSK", .cipher = "AES_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; AES-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0x00B0, .name = "TLS_PSK_WITH_NULL_SHA256", .src = TT_SRC("RFC 5487"),
     .kx = "PSK", .auth = "PSK", .cipher = "NULL", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-256 only authenticates them."},
    {.id = 0x00B1, .name = "TLS_PSK_WITH_NULL_SHA384", .src = TT_SRC("RFC 5487"),
     .kx = "PSK", .auth = "PSK", .cipher = "NULL", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-384 only authenticates them."},
    {.id = 0x00B2, .name = "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256", .src = TT_SRC("RFC 5487"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "AES_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; AES-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x00B3, .name = "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384", .src = TT_SRC("RFC 5487"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "AES_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; AES-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0x00B4, .name = "TLS_DHE_PSK_WITH_NULL_SHA256", .src = TT_SRC("RFC 5487"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "NULL", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-256 only authenticates them."},
    {.id = 0x00B5, .name = "TLS_DHE_PSK_WITH_NULL_SHA384", .src = TT_SRC("RFC 5487"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "NULL", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-384 only authenticates them."},
    {.id = 0x00B6, .name = "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256", .src = TT_SRC("RFC 5487"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "AES_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; AES-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x00B7, .name = "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384", .src = TT_SRC("RFC 5487"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "AES_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; AES-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0x00B8, .name = "TLS_RSA_PSK_WITH_NULL_SHA256", .src = TT_SRC("RFC 5487"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "NULL", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-256 only authenticates them."},
    {.id = 0x00B9, .name = "TLS_RSA_PSK_WITH_NULL_SHA384", .src = TT_SRC("RFC 5487"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "NULL", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-384 only authenticates them."},
    {.id = 0x00BA, .name = "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256", .src = TT_SRC("RFC 5932"),
     .kx = "RSA", .auth = "RSA", .cipher = "CAMELLIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x00BD, .name = "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256", .src = TT_SRC("RFC 5932"),
     .kx = "DHE", .auth = "DSS", .cipher = "CAMELLIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its DSA key; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x00BE, .name = "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", .src = TT_SRC("RFC 5932"),
     .kx = "DHE", .auth = "RSA", .cipher = "CAMELLIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x00BF, .name = "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256", .src = TT_SRC("RFC 5932"),
     .kx = "DHE", .auth = "anon", .cipher = "CAMELLIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: an unauthenticated Diffie-Hellman exchange: nobody proves who they are, so a man in the middle goes unnoticed; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x00C0, .name = "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256", .src = TT_SRC("RFC 5932"),
     .kx = "RSA", .auth = "RSA", .cipher = "CAMELLIA_256_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x00C3, .name = "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256", .src = TT_SRC("RFC 5932"),
     .kx = "DHE", .auth = "DSS", .cipher = "CAMELLIA_256_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its DSA key; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x00C4, .name = "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256", .src = TT_SRC("RFC 5932"),
     .kx = "DHE", .auth = "RSA", .cipher = "CAMELLIA_256_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x00C5, .name = "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256", .src = TT_SRC("RFC 5932"),
     .kx = "DHE", .auth = "anon", .cipher = "CAMELLIA_256_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: an unauthenticated Diffie-Hellman exchange: nobody proves who they are, so a man in the middle goes unnoticed; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0x00FF, .name = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", .src = TT_SRC("RFC 5746 §3.3"),
     .kx = "(signal)", .auth = "(signal)", .cipher = "(signal)", .hash = "(signal)",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "Not a real cipher suite: the client signals that it supports secure renegotiation (RFC 5746), like an empty renegotiation_info extension."},
    {.id = 0x1301, .name = "TLS_AES_128_GCM_SHA256", .src = TT_SRC("RFC 8446 Appendix B.4"),
     .kx = "(negotiated separately)", .auth = "(negotiated separately)", .cipher = "AES_128_GCM", .hash = "SHA256",
     .tls13 = 1, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "A TLS 1.3 suite: AES-128 in GCM mode encrypts and authenticates every record and SHA-256 is the hash for HKDF key derivation; key exchange and authentication are negotiated separately."},
    {.id = 0x1302, .name = "TLS_AES_256_GCM_SHA384", .src = TT_SRC("RFC 8446 Appendix B.4"),
     .kx = "(negotiated separately)", .auth = "(negotiated separately)", .cipher = "AES_256_GCM", .hash = "SHA384",
     .tls13 = 1, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "A TLS 1.3 suite: AES-256 in GCM mode encrypts and authenticates every record and SHA-384 is the hash for HKDF key derivation; key exchange and authentication are negotiated separately."},
    {.id = 0x1303, .name = "TLS_CHACHA20_POLY1305_SHA256", .src = TT_SRC("RFC 8446 Appendix B.4"),
     .kx = "(negotiated separately)", .auth = "(negotiated separately)", .cipher = "CHACHA20_POLY1305", .hash = "SHA256",
     .tls13 = 1, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "A TLS 1.3 suite: ChaCha20 encrypts and Poly1305 authenticates every record and SHA-256 is the hash for HKDF key derivation; key exchange and authentication are negotiated separately."},
    {.id = 0x1304, .name = "TLS_AES_128_CCM_SHA256", .src = TT_SRC("RFC 8446 Appendix B.4"),
     .kx = "(negotiated separately)", .auth = "(negotiated separately)", .cipher = "AES_128_CCM", .hash = "SHA256",
     .tls13 = 1, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "A TLS 1.3 suite: AES-128 in CCM mode encrypts and authenticates every record and SHA-256 is the hash for HKDF key derivation; key exchange and authentication are negotiated separately."},
    {.id = 0x1305, .name = "TLS_AES_128_CCM_8_SHA256", .src = TT_SRC("RFC 8446 Appendix B.4"),
     .kx = "(negotiated separately)", .auth = "(negotiated separately)", .cipher = "AES_128_CCM_8", .hash = "SHA256",
     .tls13 = 1, .aead = 1, .key_len = 16, .tag_len = 8,
     .explain = "A TLS 1.3 suite: AES-128 in CCM mode with a short 8-byte tag (made for small devices) encrypts and authenticates every record and SHA-256 is the hash for HKDF key derivation; key exchange and authentication are negotiated separately."},
    {.id = 0x5600, .name = "TLS_FALLBACK_SCSV", .src = TT_SRC("RFC 7507"),
     .kx = "(signal)", .auth = "(signal)", .cipher = "(signal)", .hash = "(signal)",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "Not a real cipher suite: the client signals that it is retrying with a lower version than it supports, so a server that supports more must refuse (RFC 7507)."},
    {.id = 0xC001, .name = "TLS_ECDH_ECDSA_WITH_NULL_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDH", .auth = "ECDSA", .cipher = "NULL", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 and older: the server's certificate (signed with ECDSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-1 only authenticates them."},
    {.id = 0xC004, .name = "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDH", .auth = "ECDSA", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: the server's certificate (signed with ECDSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC005, .name = "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDH", .auth = "ECDSA", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: the server's certificate (signed with ECDSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC006, .name = "TLS_ECDHE_ECDSA_WITH_NULL_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "NULL", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-1 only authenticates them."},
    {.id = 0xC007, .name = "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 7465"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "RC4_128", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; the RC4 stream cipher, broken and banned since RFC 7465, encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC008, .name = "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "3DES_EDE_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 24, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; the obsolete Triple-DES cipher (64-bit blocks) in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC009, .name = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC00A, .name = "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC00B, .name = "TLS_ECDH_RSA_WITH_NULL_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDH", .auth = "RSA", .cipher = "NULL", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 and older: the server's certificate (signed with RSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-1 only authenticates them."},
    {.id = 0xC00E, .name = "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDH", .auth = "RSA", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: the server's certificate (signed with RSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC00F, .name = "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDH", .auth = "RSA", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: the server's certificate (signed with RSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC010, .name = "TLS_ECDHE_RSA_WITH_NULL_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "NULL", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-1 only authenticates them."},
    {.id = 0xC011, .name = "TLS_ECDHE_RSA_WITH_RC4_128_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 7465"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "RC4_128", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; the RC4 stream cipher, broken and banned since RFC 7465, encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC012, .name = "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "3DES_EDE_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 24, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; the obsolete Triple-DES cipher (64-bit blocks) in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC013, .name = "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC014, .name = "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC015, .name = "TLS_ECDH_anon_WITH_NULL_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDHE", .auth = "anon", .cipher = "NULL", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 and older: an unauthenticated elliptic-curve Diffie-Hellman exchange: nobody proves who they are, so a man in the middle goes unnoticed; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-1 only authenticates them."},
    {.id = 0xC018, .name = "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDHE", .auth = "anon", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: an unauthenticated elliptic-curve Diffie-Hellman exchange: nobody proves who they are, so a man in the middle goes unnoticed; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC019, .name = "TLS_ECDH_anon_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 4492 §6", "RFC 8422 §6"),
     .kx = "ECDHE", .auth = "anon", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: an unauthenticated elliptic-curve Diffie-Hellman exchange: nobody proves who they are, so a man in the middle goes unnoticed; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC01D, .name = "TLS_SRP_SHA_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 5054"),
     .kx = "SRP", .auth = "SRP", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: the Secure Remote Password protocol lets both sides prove they know a password without sending it; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC01E, .name = "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 5054"),
     .kx = "SRP", .auth = "RSA", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: the Secure Remote Password protocol proves the password and the server also signs with its RSA key; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC01F, .name = "TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 5054"),
     .kx = "SRP", .auth = "DSS", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: the Secure Remote Password protocol proves the password and the server also signs with its DSA key; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC020, .name = "TLS_SRP_SHA_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 5054"),
     .kx = "SRP", .auth = "SRP", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: the Secure Remote Password protocol lets both sides prove they know a password without sending it; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC021, .name = "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 5054"),
     .kx = "SRP", .auth = "RSA", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: the Secure Remote Password protocol proves the password and the server also signs with its RSA key; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC022, .name = "TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 5054"),
     .kx = "SRP", .auth = "DSS", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: the Secure Remote Password protocol proves the password and the server also signs with its DSA key; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC023, .name = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", .src = TT_SRC("RFC 5289"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "AES_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; AES-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC024, .name = "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", .src = TT_SRC("RFC 5289"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "AES_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; AES-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC025, .name = "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256", .src = TT_SRC("RFC 5289"),
     .kx = "ECDH", .auth = "ECDSA", .cipher = "AES_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: the server's certificate (signed with ECDSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; AES-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC026, .name = "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384", .src = TT_SRC("RFC 5289"),
     .kx = "ECDH", .auth = "ECDSA", .cipher = "AES_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: the server's certificate (signed with ECDSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; AES-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC027, .name = "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", .src = TT_SRC("RFC 5289"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "AES_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC028, .name = "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", .src = TT_SRC("RFC 5289"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "AES_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC029, .name = "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256", .src = TT_SRC("RFC 5289"),
     .kx = "ECDH", .auth = "RSA", .cipher = "AES_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: the server's certificate (signed with RSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; AES-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC02A, .name = "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384", .src = TT_SRC("RFC 5289"),
     .kx = "ECDH", .auth = "RSA", .cipher = "AES_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: the server's certificate (signed with RSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; AES-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC02B, .name = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", .src = TT_SRC("RFC 5289"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "AES_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; AES-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC02C, .name = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", .src = TT_SRC("RFC 5289"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "AES_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; AES-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC02D, .name = "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256", .src = TT_SRC("RFC 5289"),
     .kx = "ECDH", .auth = "ECDSA", .cipher = "AES_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: the server's certificate (signed with ECDSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; AES-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC02E, .name = "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384", .src = TT_SRC("RFC 5289"),
     .kx = "ECDH", .auth = "ECDSA", .cipher = "AES_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: the server's certificate (signed with ECDSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; AES-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC02F, .name = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", .src = TT_SRC("RFC 5289"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "AES_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC030, .name = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", .src = TT_SRC("RFC 5289"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "AES_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC031, .name = "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", .src = TT_SRC("RFC 5289"),
     .kx = "ECDH", .auth = "RSA", .cipher = "AES_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: the server's certificate (signed with RSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; AES-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC032, .name = "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", .src = TT_SRC("RFC 5289"),
     .kx = "ECDH", .auth = "RSA", .cipher = "AES_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: the server's certificate (signed with RSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; AES-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC035, .name = "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA", .src = TT_SRC("RFC 5489"),
     .kx = "ECDHE_PSK", .auth = "PSK", .cipher = "AES_128_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 and older: a pre-shared key is mixed with a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange for forward secrecy; AES-128 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC036, .name = "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA", .src = TT_SRC("RFC 5489"),
     .kx = "ECDHE_PSK", .auth = "PSK", .cipher = "AES_256_CBC", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 and older: a pre-shared key is mixed with a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange for forward secrecy; AES-256 in CBC mode encrypts every record, and HMAC-SHA-1 authenticates it."},
    {.id = 0xC037, .name = "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", .src = TT_SRC("RFC 5489"),
     .kx = "ECDHE_PSK", .auth = "PSK", .cipher = "AES_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange for forward secrecy; AES-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC038, .name = "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384", .src = TT_SRC("RFC 5489"),
     .kx = "ECDHE_PSK", .auth = "PSK", .cipher = "AES_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange for forward secrecy; AES-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC039, .name = "TLS_ECDHE_PSK_WITH_NULL_SHA", .src = TT_SRC("RFC 5489"),
     .kx = "ECDHE_PSK", .auth = "PSK", .cipher = "NULL", .hash = "SHA1",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 and older: a pre-shared key is mixed with a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange for forward secrecy; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-1 only authenticates them."},
    {.id = 0xC03A, .name = "TLS_ECDHE_PSK_WITH_NULL_SHA256", .src = TT_SRC("RFC 5489"),
     .kx = "ECDHE_PSK", .auth = "PSK", .cipher = "NULL", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange for forward secrecy; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-256 only authenticates them."},
    {.id = 0xC03B, .name = "TLS_ECDHE_PSK_WITH_NULL_SHA384", .src = TT_SRC("RFC 5489"),
     .kx = "ECDHE_PSK", .auth = "PSK", .cipher = "NULL", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 0, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange for forward secrecy; records are NOT encrypted, anyone on the network can read them, and HMAC-SHA-384 only authenticates them."},
    {.id = 0xC03C, .name = "TLS_RSA_WITH_ARIA_128_CBC_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "RSA", .auth = "RSA", .cipher = "ARIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; ARIA-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC03D, .name = "TLS_RSA_WITH_ARIA_256_CBC_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "RSA", .auth = "RSA", .cipher = "ARIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; ARIA-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC044, .name = "TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "DHE", .auth = "RSA", .cipher = "ARIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; ARIA-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC045, .name = "TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "DHE", .auth = "RSA", .cipher = "ARIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; ARIA-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC048, .name = "TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "ARIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; ARIA-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC049, .name = "TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "ARIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; ARIA-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC04A, .name = "TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "ECDH", .auth = "ECDSA", .cipher = "ARIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: the server's certificate (signed with ECDSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; ARIA-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC04B, .name = "TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "ECDH", .auth = "ECDSA", .cipher = "ARIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: the server's certificate (signed with ECDSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; ARIA-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC04C, .name = "TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "ARIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; ARIA-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC04D, .name = "TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "ARIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; ARIA-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC04E, .name = "TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "ECDH", .auth = "RSA", .cipher = "ARIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: the server's certificate (signed with RSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; ARIA-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC04F, .name = "TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "ECDH", .auth = "RSA", .cipher = "ARIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: the server's certificate (signed with RSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; ARIA-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC050, .name = "TLS_RSA_WITH_ARIA_128_GCM_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "RSA", .auth = "RSA", .cipher = "ARIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; ARIA-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC051, .name = "TLS_RSA_WITH_ARIA_256_GCM_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "RSA", .auth = "RSA", .cipher = "ARIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; ARIA-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC052, .name = "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "DHE", .auth = "RSA", .cipher = "ARIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; ARIA-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC053, .name = "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "DHE", .auth = "RSA", .cipher = "ARIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; ARIA-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC056, .name = "TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "DHE", .auth = "DSS", .cipher = "ARIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its DSA key; ARIA-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC057, .name = "TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "DHE", .auth = "DSS", .cipher = "ARIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its DSA key; ARIA-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC05C, .name = "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "ARIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; ARIA-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC05D, .name = "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "ARIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; ARIA-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC05E, .name = "TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "ECDH", .auth = "ECDSA", .cipher = "ARIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: the server's certificate (signed with ECDSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; ARIA-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC05F, .name = "TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "ECDH", .auth = "ECDSA", .cipher = "ARIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: the server's certificate (signed with ECDSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; ARIA-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC060, .name = "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "ARIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; ARIA-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC061, .name = "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "ARIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; ARIA-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC062, .name = "TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "ECDH", .auth = "RSA", .cipher = "ARIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: the server's certificate (signed with RSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; ARIA-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC063, .name = "TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "ECDH", .auth = "RSA", .cipher = "ARIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: the server's certificate (signed with RSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; ARIA-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC064, .name = "TLS_PSK_WITH_ARIA_128_CBC_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "PSK", .auth = "PSK", .cipher = "ARIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; ARIA-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC065, .name = "TLS_PSK_WITH_ARIA_256_CBC_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "PSK", .auth = "PSK", .cipher = "ARIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; ARIA-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC066, .name = "TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "ARIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; ARIA-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC067, .name = "TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "ARIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; ARIA-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC068, .name = "TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "ARIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; ARIA-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC069, .name = "TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "ARIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; ARIA-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC06A, .name = "TLS_PSK_WITH_ARIA_128_GCM_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "PSK", .auth = "PSK", .cipher = "ARIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; ARIA-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC06B, .name = "TLS_PSK_WITH_ARIA_256_GCM_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "PSK", .auth = "PSK", .cipher = "ARIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; ARIA-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC06C, .name = "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "ARIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; ARIA-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC06D, .name = "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "ARIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; ARIA-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC06E, .name = "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "ARIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; ARIA-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC06F, .name = "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "ARIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; ARIA-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC070, .name = "TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256", .src = TT_SRC("RFC 6209"),
     .kx = "ECDHE_PSK", .auth = "PSK", .cipher = "ARIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange for forward secrecy; ARIA-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC071, .name = "TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384", .src = TT_SRC("RFC 6209"),
     .kx = "ECDHE_PSK", .auth = "PSK", .cipher = "ARIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange for forward secrecy; ARIA-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC072, .name = "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "CAMELLIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC073, .name = "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "CAMELLIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC074, .name = "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "ECDH", .auth = "ECDSA", .cipher = "CAMELLIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: the server's certificate (signed with ECDSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC075, .name = "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "ECDH", .auth = "ECDSA", .cipher = "CAMELLIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: the server's certificate (signed with ECDSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC076, .name = "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "CAMELLIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC077, .name = "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "CAMELLIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC078, .name = "TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "ECDH", .auth = "RSA", .cipher = "CAMELLIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: the server's certificate (signed with RSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC079, .name = "TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "ECDH", .auth = "RSA", .cipher = "CAMELLIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: the server's certificate (signed with RSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC07A, .name = "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "RSA", .auth = "RSA", .cipher = "CAMELLIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; Camellia-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC07B, .name = "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "RSA", .auth = "RSA", .cipher = "CAMELLIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; Camellia-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC07C, .name = "TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "DHE", .auth = "RSA", .cipher = "CAMELLIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; Camellia-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC07D, .name = "TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "DHE", .auth = "RSA", .cipher = "CAMELLIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; Camellia-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC086, .name = "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "CAMELLIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; Camellia-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC087, .name = "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "CAMELLIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; Camellia-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC088, .name = "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "ECDH", .auth = "ECDSA", .cipher = "CAMELLIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: the server's certificate (signed with ECDSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; Camellia-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC089, .name = "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "ECDH", .auth = "ECDSA", .cipher = "CAMELLIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: the server's certificate (signed with ECDSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; Camellia-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC08A, .name = "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "CAMELLIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; Camellia-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC08B, .name = "TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "CAMELLIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; Camellia-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC08C, .name = "TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "ECDH", .auth = "RSA", .cipher = "CAMELLIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: the server's certificate (signed with RSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; Camellia-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC08D, .name = "TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "ECDH", .auth = "RSA", .cipher = "CAMELLIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: the server's certificate (signed with RSA) holds a fixed elliptic-curve Diffie-Hellman key, so there is no forward secrecy; Camellia-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC08E, .name = "TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "PSK", .auth = "PSK", .cipher = "CAMELLIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; Camellia-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC08F, .name = "TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "PSK", .auth = "PSK", .cipher = "CAMELLIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; Camellia-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC090, .name = "TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "CAMELLIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; Camellia-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC091, .name = "TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "CAMELLIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; Camellia-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC092, .name = "TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "CAMELLIA_128_GCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; Camellia-128 in GCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC093, .name = "TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "CAMELLIA_256_GCM", .hash = "SHA384",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; Camellia-256 in GCM mode encrypts and authenticates every record, and SHA-384 drives the key derivation (PRF)."},
    {.id = 0xC094, .name = "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "PSK", .auth = "PSK", .cipher = "CAMELLIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC095, .name = "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "PSK", .auth = "PSK", .cipher = "CAMELLIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC096, .name = "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "CAMELLIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC097, .name = "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "CAMELLIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC098, .name = "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "CAMELLIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC099, .name = "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "CAMELLIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC09A, .name = "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256", .src = TT_SRC("RFC 6367"),
     .kx = "ECDHE_PSK", .auth = "PSK", .cipher = "CAMELLIA_128_CBC", .hash = "SHA256",
     .tls13 = 0, .aead = 0, .key_len = 16, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange for forward secrecy; Camellia-128 in CBC mode encrypts every record, and HMAC-SHA-256 authenticates it."},
    {.id = 0xC09B, .name = "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384", .src = TT_SRC("RFC 6367"),
     .kx = "ECDHE_PSK", .auth = "PSK", .cipher = "CAMELLIA_256_CBC", .hash = "SHA384",
     .tls13 = 0, .aead = 0, .key_len = 32, .tag_len = 0,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange for forward secrecy; Camellia-256 in CBC mode encrypts every record, and HMAC-SHA-384 authenticates it."},
    {.id = 0xC09C, .name = "TLS_RSA_WITH_AES_128_CCM", .src = TT_SRC("RFC 6655"),
     .kx = "RSA", .auth = "RSA", .cipher = "AES_128_CCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; AES-128 in CCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC09D, .name = "TLS_RSA_WITH_AES_256_CCM", .src = TT_SRC("RFC 6655"),
     .kx = "RSA", .auth = "RSA", .cipher = "AES_256_CCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; AES-256 in CCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC09E, .name = "TLS_DHE_RSA_WITH_AES_128_CCM", .src = TT_SRC("RFC 6655"),
     .kx = "DHE", .auth = "RSA", .cipher = "AES_128_CCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-128 in CCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC09F, .name = "TLS_DHE_RSA_WITH_AES_256_CCM", .src = TT_SRC("RFC 6655"),
     .kx = "DHE", .auth = "RSA", .cipher = "AES_256_CCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-256 in CCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0A0, .name = "TLS_RSA_WITH_AES_128_CCM_8", .src = TT_SRC("RFC 6655"),
     .kx = "RSA", .auth = "RSA", .cipher = "AES_128_CCM_8", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 8,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; AES-128 in CCM mode with a short 8-byte tag (made for small devices) encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0A1, .name = "TLS_RSA_WITH_AES_256_CCM_8", .src = TT_SRC("RFC 6655"),
     .kx = "RSA", .auth = "RSA", .cipher = "AES_256_CCM_8", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 8,
     .explain = "TLS 1.2 only: the client encrypts the premaster secret to the server's RSA key (no forward secrecy) and that RSA certificate authenticates the server; AES-256 in CCM mode with a short 8-byte tag (made for small devices) encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0A2, .name = "TLS_DHE_RSA_WITH_AES_128_CCM_8", .src = TT_SRC("RFC 6655"),
     .kx = "DHE", .auth = "RSA", .cipher = "AES_128_CCM_8", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 8,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-128 in CCM mode with a short 8-byte tag (made for small devices) encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0A3, .name = "TLS_DHE_RSA_WITH_AES_256_CCM_8", .src = TT_SRC("RFC 6655"),
     .kx = "DHE", .auth = "RSA", .cipher = "AES_256_CCM_8", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 8,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; AES-256 in CCM mode with a short 8-byte tag (made for small devices) encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0A4, .name = "TLS_PSK_WITH_AES_128_CCM", .src = TT_SRC("RFC 6655"),
     .kx = "PSK", .auth = "PSK", .cipher = "AES_128_CCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; AES-128 in CCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0A5, .name = "TLS_PSK_WITH_AES_256_CCM", .src = TT_SRC("RFC 6655"),
     .kx = "PSK", .auth = "PSK", .cipher = "AES_256_CCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; AES-256 in CCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0A6, .name = "TLS_DHE_PSK_WITH_AES_128_CCM", .src = TT_SRC("RFC 6655"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "AES_128_CCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; AES-128 in CCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0A7, .name = "TLS_DHE_PSK_WITH_AES_256_CCM", .src = TT_SRC("RFC 6655"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "AES_256_CCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; AES-256 in CCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0A8, .name = "TLS_PSK_WITH_AES_128_CCM_8", .src = TT_SRC("RFC 6655"),
     .kx = "PSK", .auth = "PSK", .cipher = "AES_128_CCM_8", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 8,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; AES-128 in CCM mode with a short 8-byte tag (made for small devices) encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0A9, .name = "TLS_PSK_WITH_AES_256_CCM_8", .src = TT_SRC("RFC 6655"),
     .kx = "PSK", .auth = "PSK", .cipher = "AES_256_CCM_8", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 8,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; AES-256 in CCM mode with a short 8-byte tag (made for small devices) encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0AA, .name = "TLS_PSK_DHE_WITH_AES_128_CCM_8", .src = TT_SRC("RFC 6655"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "AES_128_CCM_8", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 8,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; AES-128 in CCM mode with a short 8-byte tag (made for small devices) encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0AB, .name = "TLS_PSK_DHE_WITH_AES_256_CCM_8", .src = TT_SRC("RFC 6655"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "AES_256_CCM_8", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 8,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; AES-256 in CCM mode with a short 8-byte tag (made for small devices) encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0AC, .name = "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", .src = TT_SRC("RFC 7251"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "AES_128_CCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; AES-128 in CCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0AD, .name = "TLS_ECDHE_ECDSA_WITH_AES_256_CCM", .src = TT_SRC("RFC 7251"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "AES_256_CCM", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; AES-256 in CCM mode encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0AE, .name = "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", .src = TT_SRC("RFC 7251"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "AES_128_CCM_8", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 8,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; AES-128 in CCM mode with a short 8-byte tag (made for small devices) encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0AF, .name = "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", .src = TT_SRC("RFC 7251"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "AES_256_CCM_8", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 8,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; AES-256 in CCM mode with a short 8-byte tag (made for small devices) encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xC0FF, .name = "TLS_ECJPAKE_WITH_AES_128_CCM_8", .src = TT_SRC("draft-cragie-tls-ecjpake", "Mbed TLS 3.6 behaviour: MBEDTLS_TLS_ECJPAKE_WITH_AES_128_CCM_8"),
     .kx = "ECJPAKE", .auth = "ECJPAKE", .cipher = "AES_128_CCM_8", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 16, .tag_len = 8,
     .explain = "TLS 1.2 only: EC J-PAKE lets both sides prove they know a shared password without sending it (an experimental Mbed TLS suite, not IANA-registered); AES-128 in CCM mode with a short 8-byte tag (made for small devices) encrypts and authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xCCA8, .name = "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", .src = TT_SRC("RFC 7905"),
     .kx = "ECDHE", .auth = "RSA", .cipher = "CHACHA20_POLY1305", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its RSA key; ChaCha20 encrypts and Poly1305 authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xCCA9, .name = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", .src = TT_SRC("RFC 7905"),
     .kx = "ECDHE", .auth = "ECDSA", .cipher = "CHACHA20_POLY1305", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange gives forward secrecy and the server signs it with its ECDSA key; ChaCha20 encrypts and Poly1305 authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xCCAA, .name = "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", .src = TT_SRC("RFC 7905"),
     .kx = "DHE", .auth = "RSA", .cipher = "CHACHA20_POLY1305", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a fresh finite-field Diffie-Hellman (DHE) exchange gives forward secrecy and the server signs it with its RSA key; ChaCha20 encrypts and Poly1305 authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xCCAB, .name = "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256", .src = TT_SRC("RFC 7905"),
     .kx = "PSK", .auth = "PSK", .cipher = "CHACHA20_POLY1305", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: both sides prove themselves with a key they already share (pre-shared key), with no forward secrecy; ChaCha20 encrypts and Poly1305 authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xCCAC, .name = "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", .src = TT_SRC("RFC 7905"),
     .kx = "ECDHE_PSK", .auth = "PSK", .cipher = "CHACHA20_POLY1305", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh elliptic-curve Diffie-Hellman (ECDHE) exchange for forward secrecy; ChaCha20 encrypts and Poly1305 authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xCCAD, .name = "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256", .src = TT_SRC("RFC 7905"),
     .kx = "DHE_PSK", .auth = "PSK", .cipher = "CHACHA20_POLY1305", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a fresh finite-field Diffie-Hellman (DHE) exchange for forward secrecy; ChaCha20 encrypts and Poly1305 authenticates every record, and SHA-256 drives the key derivation (PRF)."},
    {.id = 0xCCAE, .name = "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256", .src = TT_SRC("RFC 7905"),
     .kx = "RSA_PSK", .auth = "RSA+PSK", .cipher = "CHACHA20_POLY1305", .hash = "SHA256",
     .tls13 = 0, .aead = 1, .key_len = 32, .tag_len = 16,
     .explain = "TLS 1.2 only: a pre-shared key is mixed with a secret the client encrypts to the server's RSA key, and the server's RSA certificate authenticates it; ChaCha20 encrypts and Poly1305 authenticates every record, and SHA-256 drives the key derivation (PRF)."},
};
/* clang-format on */
const size_t tt_suites_count = sizeof(tt_suites) / sizeof(tt_suites[0]);

static int suite_cmp(const void *key, const void *row)
{
    uint16_t id = *(const uint16_t *)key;
    const tt_suite *s = row;
    return (id > s->id) - (id < s->id);
}

const tt_suite *tt_suite_lookup(uint16_t id)
{
    return bsearch(&id, tt_suites, tt_suites_count, sizeof(tt_suites[0]), suite_cmp);
}
