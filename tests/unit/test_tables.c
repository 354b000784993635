/* Unit tests of the protocol tables (tracer/lib/tt_tables.c): every table is walked for its
 * invariants, and the values that come from Mbed TLS are checked against its own headers. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <string.h>

#include <mbedtls/ssl.h>
#include <mbedtls/ssl_ciphersuites.h>
#include <mbedtls/x509.h>

#include "tt_tables.h"

static const tt_table *const all_tables[] = {
    &tt_content_types,
    &tt_handshake_types,
    &tt_extensions,
    &tt_groups,
    &tt_sig_schemes,
    &tt_alert_levels,
    &tt_alerts,
    &tt_versions,
    &tt_mbedtls_states,
    &tt_verify_flags,
    &tt_cert_types,
    &tt_compression_methods,
    &tt_sni_name_types,
    &tt_max_fragment_lengths,
    &tt_status_types,
    &tt_point_formats,
    &tt_ec_curve_types,
    &tt_srtp_profiles,
    &tt_heartbeat_modes,
    &tt_cert_formats,
    &tt_cert_compression,
    &tt_psk_modes,
    &tt_key_update_requests,
    &tt_cert_chain_types,
    &tt_ech_types,
};
#define N_TABLES (sizeof(all_tables) / sizeof(all_tables[0]))

/* A plain line: no control characters, no surrounding spaces, not too long for a tooltip. */
static int plain_line(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max || isspace((unsigned char)s[0]) || isspace((unsigned char)s[n - 1]))
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return 0;
    return strstr(s, "  ") == NULL;
}

/* snake_case, allowing the IANA "_RESERVED" suffix. */
static int snake_case(const char *s)
{
    const char *end = strstr(s, "_RESERVED");
    size_t n = end && end[9] == '\0' ? (size_t)(end - s) : strlen(s);
    if (n == 0 || !islower((unsigned char)s[0]))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '_')
            return 0;
    return 1;
}

Test(tables, every_row_is_named_and_explained)
{
    for (size_t t = 0; t < N_TABLES; t++) {
        cr_assert_not_null(all_tables[t]->what);
        cr_assert_gt(all_tables[t]->count, 0, "%s table is empty", all_tables[t]->what);
        for (size_t i = 0; i < all_tables[t]->count; i++) {
            const tt_named *r = &all_tables[t]->rows[i];
            cr_assert(r->name && plain_line(r->name, 64), "%s %u: bad name", all_tables[t]->what,
                      r->id);
            cr_assert(r->explain && plain_line(r->explain, 400), "%s %s: bad explanation",
                      all_tables[t]->what, r->name);
        }
    }
}

/* Every sentence names where it comes from (issue 10): at least one reference, each well formed,
 * no reference twice in a row. */
static void assert_sources(tt_src src, const char *what, const char *name)
{
    cr_assert(src && src[0], "%s %s: no source", what, name);
    for (size_t k = 0; src[k]; k++) {
        cr_assert(tt_source_valid(src[k]), "%s %s: malformed source '%s'", what, name, src[k]);
        for (size_t j = 0; j < k; j++)
            cr_assert_str_neq(src[j], src[k], "%s %s: source '%s' twice", what, name, src[k]);
    }
}

Test(tables, every_row_and_suite_names_its_source)
{
    for (size_t t = 0; t < N_TABLES; t++)
        for (size_t i = 0; i < all_tables[t]->count; i++)
            assert_sources(all_tables[t]->rows[i].src, all_tables[t]->what,
                           all_tables[t]->rows[i].name);
    for (size_t i = 0; i < tt_suites_count; i++)
        assert_sources(tt_suites[i].src, "cipher suite", tt_suites[i].name);
}

Test(tables, source_references_have_one_of_the_documented_forms)
{
    static const char *const good[] = {"RFC 8446 §4.4.3", "RFC 8446 Appendix D.4", "RFC 8446 Appendix B",
                                       "RFC 7627", "RFC 5280 §6.1.1", "draft-ietf-tls-esni",
                                       "FIPS 203", "Mbed TLS 3.6 behaviour: mbedtls_ssl_parse_certificate"};
    static const char *const bad[] = {"", "RFC 8446", "RFC 5246", "RFC", "RFC §4", "RFC 8446 §",
                                      "RFC 8446 §4.", "RFC 8446 §x", "RFC 8446 section 4",
                                      "RFC 8446 Appendix", "rfc 8446 §4", "Mbed TLS 3.6 behaviour: ",
                                      "Mbed TLS does this", "draft-", "draft-IETF", "FIPS", "FIPS x",
                                      "RFC 8446 §4.1 (d)", "see RFC 8446"};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        cr_assert(tt_source_valid(good[i]), "'%s' should be accepted", good[i]);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        cr_assert_not(tt_source_valid(bad[i]), "'%s' should be refused", bad[i]);
    cr_assert_not(tt_source_valid(NULL));
}

Test(tables, ids_are_unique)
{
    for (size_t t = 0; t < N_TABLES; t++)
        for (size_t i = 0; i < all_tables[t]->count; i++)
            for (size_t j = i + 1; j < all_tables[t]->count; j++)
                cr_assert_neq(all_tables[t]->rows[i].id, all_tables[t]->rows[j].id,
                              "%s: id %u twice", all_tables[t]->what, all_tables[t]->rows[i].id);
}

Test(tables, names_are_unique)
{
    for (size_t t = 0; t < N_TABLES; t++)
        for (size_t i = 0; i < all_tables[t]->count; i++)
            for (size_t j = i + 1; j < all_tables[t]->count; j++)
                cr_assert_str_neq(all_tables[t]->rows[i].name, all_tables[t]->rows[j].name,
                                  "%s: name twice", all_tables[t]->what);
}

Test(tables, explanations_are_sentences_and_flags_are_phrases)
{
    for (size_t t = 0; t < N_TABLES; t++) {
        for (size_t i = 0; i < all_tables[t]->count; i++) {
            const char *e = all_tables[t]->rows[i].explain;
            char last = e[strlen(e) - 1];
            if (all_tables[t] == &tt_verify_flags) {
                /* shown after "because": lowercase, no final period */
                cr_assert(islower((unsigned char)e[0]) && last != '.', "flag: %s", e);
            } else {
                cr_assert(isupper((unsigned char)e[0]) || isdigit((unsigned char)e[0]), "%s: %s",
                          all_tables[t]->what, e);
                cr_assert_eq(last, '.', "%s: %s", all_tables[t]->what, e);
            }
        }
    }
}

Test(tables, protocol_names_are_snake_case)
{
    const tt_table *snake[] = {&tt_content_types, &tt_handshake_types, &tt_extensions,
                               &tt_alerts,        &tt_alert_levels,    &tt_cert_types,
                               &tt_verify_flags,  &tt_psk_modes,       &tt_key_update_requests};
    for (size_t t = 0; t < sizeof(snake) / sizeof(snake[0]); t++)
        for (size_t i = 0; i < snake[t]->count; i++)
            cr_assert(snake_case(snake[t]->rows[i].name), "%s: %s", snake[t]->what,
                      snake[t]->rows[i].name);
}

Test(tables, lookup_finds_every_row_and_nothing_else)
{
    for (size_t t = 0; t < N_TABLES; t++) {
        for (size_t i = 0; i < all_tables[t]->count; i++) {
            const tt_named *r = &all_tables[t]->rows[i];
            cr_assert_eq(tt_lookup(all_tables[t], r->id), r);
            cr_assert_str_eq(tt_name(all_tables[t], r->id), r->name);
        }
    }
    cr_assert_null(tt_lookup(&tt_handshake_types, 7));
    cr_assert_null(tt_name(&tt_alerts, 255));
    cr_assert_null(tt_name(&tt_extensions, 0x0a0a)); /* GREASE is not a table row */
    cr_assert_null(tt_lookup(NULL, 1));
}

Test(tables, content_types_are_20_to_24)
{
    const char *names[] = {"change_cipher_spec", "alert", "handshake", "application_data",
                           "heartbeat"};
    cr_assert_eq(tt_content_types.count, 5);
    for (uint32_t i = 0; i < 5; i++)
        cr_assert_str_eq(tt_name(&tt_content_types, 20 + i), names[i]);
}

struct want {
    uint32_t id;
    const char *name;
};

static void expect_rows(const tt_table *t, const struct want *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *got = tt_name(t, w[i].id);
        cr_assert_not_null(got, "%s 0x%x (%s) missing", t->what, w[i].id, w[i].name);
        cr_assert_str_eq(got, w[i].name, "%s 0x%x", t->what, w[i].id);
    }
}
#define EXPECT_ROWS(t, arr) expect_rows((t), (arr), sizeof(arr) / sizeof((arr)[0]))

Test(tables, handshake_types_have_their_iana_numbers)
{
    static const struct want w[] = {
        {0, "hello_request"},        {1, "client_hello"},       {2, "server_hello"},
        {3, "hello_verify_request"}, {4, "new_session_ticket"}, {5, "end_of_early_data"},
        {8, "encrypted_extensions"}, {11, "certificate"},       {12, "server_key_exchange"},
        {13, "certificate_request"}, {14, "server_hello_done"}, {15, "certificate_verify"},
        {16, "client_key_exchange"}, {20, "finished"},          {21, "certificate_url"},
        {22, "certificate_status"},  {24, "key_update"},        {25, "compressed_certificate"},
        {254, "message_hash"},
    };
    EXPECT_ROWS(&tt_handshake_types, w);
}

Test(tables, extensions_have_their_iana_numbers)
{
    static const struct want w[] = {
        {0, "server_name"},
        {1, "max_fragment_length"},
        {5, "status_request"},
        {10, "supported_groups"},
        {11, "ec_point_formats"},
        {13, "signature_algorithms"},
        {14, "use_srtp"},
        {15, "heartbeat"},
        {16, "application_layer_protocol_negotiation"},
        {18, "signed_certificate_timestamp"},
        {19, "client_certificate_type"},
        {20, "server_certificate_type"},
        {21, "padding"},
        {22, "encrypt_then_mac"},
        {23, "extended_master_secret"},
        {27, "compress_certificate"},
        {28, "record_size_limit"},
        {35, "session_ticket"},
        {41, "pre_shared_key"},
        {42, "early_data"},
        {43, "supported_versions"},
        {44, "cookie"},
        {45, "psk_key_exchange_modes"},
        {47, "certificate_authorities"},
        {48, "oid_filters"},
        {49, "post_handshake_auth"},
        {50, "signature_algorithms_cert"},
        {51, "key_share"},
        {0xfe0d, "encrypted_client_hello"},
        {0xff01, "renegotiation_info"},
    };
    EXPECT_ROWS(&tt_extensions, w);
    /* and the Mbed TLS constants agree */
    cr_assert_str_eq(tt_name(&tt_extensions, MBEDTLS_TLS_EXT_KEY_SHARE), "key_share");
    cr_assert_str_eq(tt_name(&tt_extensions, MBEDTLS_TLS_EXT_RECORD_SIZE_LIMIT),
                     "record_size_limit");
    cr_assert_str_eq(tt_name(&tt_extensions, MBEDTLS_TLS_EXT_RENEGOTIATION_INFO),
                     "renegotiation_info");
}

Test(tables, groups_have_their_iana_numbers)
{
    static const struct want w[] = {
        {23, "secp256r1"},
        {24, "secp384r1"},
        {25, "secp521r1"},
        {26, "brainpoolP256r1"},
        {27, "brainpoolP384r1"},
        {28, "brainpoolP512r1"},
        {29, "x25519"},
        {30, "x448"},
        {31, "brainpoolP256r1tls13"},
        {32, "brainpoolP384r1tls13"},
        {33, "brainpoolP512r1tls13"},
        {256, "ffdhe2048"},
        {257, "ffdhe3072"},
        {258, "ffdhe4096"},
        {259, "ffdhe6144"},
        {260, "ffdhe8192"},
        {0x11eb, "SecP256r1MLKEM768"},
        {0x11ec, "X25519MLKEM768"},
        {0x11ed, "SecP384r1MLKEM1024"},
    };
    EXPECT_ROWS(&tt_groups, w);
    cr_assert_str_eq(tt_name(&tt_groups, MBEDTLS_SSL_IANA_TLS_GROUP_X25519), "x25519");
    cr_assert_str_eq(tt_name(&tt_groups, MBEDTLS_SSL_IANA_TLS_GROUP_FFDHE8192), "ffdhe8192");
}

Test(tables, signature_schemes_have_their_iana_numbers)
{
    static const struct want w[] = {
        {0x0201, "rsa_pkcs1_sha1"},
        {0x0203, "ecdsa_sha1"},
        {0x0303, "ecdsa_sha224"},
        {0x0401, "rsa_pkcs1_sha256"},
        {0x0501, "rsa_pkcs1_sha384"},
        {0x0601, "rsa_pkcs1_sha512"},
        {0x0403, "ecdsa_secp256r1_sha256"},
        {0x0503, "ecdsa_secp384r1_sha384"},
        {0x0603, "ecdsa_secp521r1_sha512"},
        {0x0804, "rsa_pss_rsae_sha256"},
        {0x0805, "rsa_pss_rsae_sha384"},
        {0x0806, "rsa_pss_rsae_sha512"},
        {0x0807, "ed25519"},
        {0x0808, "ed448"},
        {0x0809, "rsa_pss_pss_sha256"},
        {0x080a, "rsa_pss_pss_sha384"},
        {0x080b, "rsa_pss_pss_sha512"},
        {0x081a, "ecdsa_brainpoolP256r1tls13_sha256"},
        {0x081b, "ecdsa_brainpoolP384r1tls13_sha384"},
        {0x081c, "ecdsa_brainpoolP512r1tls13_sha512"},
    };
    EXPECT_ROWS(&tt_sig_schemes, w);
    cr_assert_str_eq(tt_name(&tt_sig_schemes, MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA256),
                     "rsa_pss_rsae_sha256");
    cr_assert_str_eq(tt_name(&tt_sig_schemes, MBEDTLS_TLS1_3_SIG_ED25519), "ed25519");
}

Test(tables, alerts_have_their_iana_numbers_and_mbedtls_agrees)
{
    static const struct {
        int mbed;
        const char *name;
    } w[] = {
        {MBEDTLS_SSL_ALERT_MSG_CLOSE_NOTIFY, "close_notify"},
        {MBEDTLS_SSL_ALERT_MSG_UNEXPECTED_MESSAGE, "unexpected_message"},
        {MBEDTLS_SSL_ALERT_MSG_BAD_RECORD_MAC, "bad_record_mac"},
        {MBEDTLS_SSL_ALERT_MSG_RECORD_OVERFLOW, "record_overflow"},
        {MBEDTLS_SSL_ALERT_MSG_HANDSHAKE_FAILURE, "handshake_failure"},
        {MBEDTLS_SSL_ALERT_MSG_BAD_CERT, "bad_certificate"},
        {MBEDTLS_SSL_ALERT_MSG_UNSUPPORTED_CERT, "unsupported_certificate"},
        {MBEDTLS_SSL_ALERT_MSG_CERT_REVOKED, "certificate_revoked"},
        {MBEDTLS_SSL_ALERT_MSG_CERT_EXPIRED, "certificate_expired"},
        {MBEDTLS_SSL_ALERT_MSG_CERT_UNKNOWN, "certificate_unknown"},
        {MBEDTLS_SSL_ALERT_MSG_ILLEGAL_PARAMETER, "illegal_parameter"},
        {MBEDTLS_SSL_ALERT_MSG_UNKNOWN_CA, "unknown_ca"},
        {MBEDTLS_SSL_ALERT_MSG_ACCESS_DENIED, "access_denied"},
        {MBEDTLS_SSL_ALERT_MSG_DECODE_ERROR, "decode_error"},
        {MBEDTLS_SSL_ALERT_MSG_DECRYPT_ERROR, "decrypt_error"},
        {MBEDTLS_SSL_ALERT_MSG_PROTOCOL_VERSION, "protocol_version"},
        {MBEDTLS_SSL_ALERT_MSG_INSUFFICIENT_SECURITY, "insufficient_security"},
        {MBEDTLS_SSL_ALERT_MSG_INTERNAL_ERROR, "internal_error"},
        {MBEDTLS_SSL_ALERT_MSG_INAPROPRIATE_FALLBACK, "inappropriate_fallback"},
        {MBEDTLS_SSL_ALERT_MSG_USER_CANCELED, "user_canceled"},
        {MBEDTLS_SSL_ALERT_MSG_NO_RENEGOTIATION, "no_renegotiation"},
        {MBEDTLS_SSL_ALERT_MSG_MISSING_EXTENSION, "missing_extension"},
        {MBEDTLS_SSL_ALERT_MSG_UNSUPPORTED_EXT, "unsupported_extension"},
        {MBEDTLS_SSL_ALERT_MSG_UNRECOGNIZED_NAME, "unrecognized_name"},
        {MBEDTLS_SSL_ALERT_MSG_UNKNOWN_PSK_IDENTITY, "unknown_psk_identity"},
        {MBEDTLS_SSL_ALERT_MSG_CERT_REQUIRED, "certificate_required"},
        {MBEDTLS_SSL_ALERT_MSG_NO_APPLICATION_PROTOCOL, "no_application_protocol"},
    };
    for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
        cr_assert_str_eq(tt_name(&tt_alerts, (uint32_t)w[i].mbed), w[i].name);
    cr_assert_str_eq(tt_name(&tt_alert_levels, MBEDTLS_SSL_ALERT_LEVEL_WARNING), "warning");
    cr_assert_str_eq(tt_name(&tt_alert_levels, MBEDTLS_SSL_ALERT_LEVEL_FATAL), "fatal");
}

Test(tables, versions_are_ssl3_to_tls13)
{
    static const struct want w[] = {{0x0300, "SSL 3.0"},
                                    {0x0301, "TLS 1.0"},
                                    {0x0302, "TLS 1.1"},
                                    {0x0303, "TLS 1.2"},
                                    {0x0304, "TLS 1.3"}};
    EXPECT_ROWS(&tt_versions, w);
    cr_assert_eq(tt_versions.count, 5);
}

Test(tables, client_certificate_types_have_their_iana_numbers)
{
    static const struct want w[] = {
        {1, "rsa_sign"},    {2, "dss_sign"},        {3, "rsa_fixed_dh"},     {4, "dss_fixed_dh"},
        {64, "ecdsa_sign"}, {65, "rsa_fixed_ecdh"}, {66, "ecdsa_fixed_ecdh"}};
    EXPECT_ROWS(&tt_cert_types, w);
}

Test(tables, mbedtls_states_0_to_29_match_ssl_h)
{
    static const struct {
        int id;
        const char *name;
    } w[] = {
        {MBEDTLS_SSL_HELLO_REQUEST, "HELLO_REQUEST"},
        {MBEDTLS_SSL_CLIENT_HELLO, "CLIENT_HELLO"},
        {MBEDTLS_SSL_SERVER_HELLO, "SERVER_HELLO"},
        {MBEDTLS_SSL_SERVER_CERTIFICATE, "SERVER_CERTIFICATE"},
        {MBEDTLS_SSL_SERVER_KEY_EXCHANGE, "SERVER_KEY_EXCHANGE"},
        {MBEDTLS_SSL_CERTIFICATE_REQUEST, "CERTIFICATE_REQUEST"},
        {MBEDTLS_SSL_SERVER_HELLO_DONE, "SERVER_HELLO_DONE"},
        {MBEDTLS_SSL_CLIENT_CERTIFICATE, "CLIENT_CERTIFICATE"},
        {MBEDTLS_SSL_CLIENT_KEY_EXCHANGE, "CLIENT_KEY_EXCHANGE"},
        {MBEDTLS_SSL_CERTIFICATE_VERIFY, "CERTIFICATE_VERIFY"},
        {MBEDTLS_SSL_CLIENT_CHANGE_CIPHER_SPEC, "CLIENT_CHANGE_CIPHER_SPEC"},
        {MBEDTLS_SSL_CLIENT_FINISHED, "CLIENT_FINISHED"},
        {MBEDTLS_SSL_SERVER_CHANGE_CIPHER_SPEC, "SERVER_CHANGE_CIPHER_SPEC"},
        {MBEDTLS_SSL_SERVER_FINISHED, "SERVER_FINISHED"},
        {MBEDTLS_SSL_FLUSH_BUFFERS, "FLUSH_BUFFERS"},
        {MBEDTLS_SSL_HANDSHAKE_WRAPUP, "HANDSHAKE_WRAPUP"},
        {MBEDTLS_SSL_NEW_SESSION_TICKET, "NEW_SESSION_TICKET"},
        {MBEDTLS_SSL_SERVER_HELLO_VERIFY_REQUEST_SENT, "SERVER_HELLO_VERIFY_REQUEST_SENT"},
        {MBEDTLS_SSL_HELLO_RETRY_REQUEST, "HELLO_RETRY_REQUEST"},
        {MBEDTLS_SSL_ENCRYPTED_EXTENSIONS, "ENCRYPTED_EXTENSIONS"},
        {MBEDTLS_SSL_END_OF_EARLY_DATA, "END_OF_EARLY_DATA"},
        {MBEDTLS_SSL_CLIENT_CERTIFICATE_VERIFY, "CLIENT_CERTIFICATE_VERIFY"},
        {MBEDTLS_SSL_CLIENT_CCS_AFTER_SERVER_FINISHED, "CLIENT_CCS_AFTER_SERVER_FINISHED"},
        {MBEDTLS_SSL_CLIENT_CCS_BEFORE_2ND_CLIENT_HELLO, "CLIENT_CCS_BEFORE_2ND_CLIENT_HELLO"},
        {MBEDTLS_SSL_SERVER_CCS_AFTER_SERVER_HELLO, "SERVER_CCS_AFTER_SERVER_HELLO"},
        {MBEDTLS_SSL_CLIENT_CCS_AFTER_CLIENT_HELLO, "CLIENT_CCS_AFTER_CLIENT_HELLO"},
        {MBEDTLS_SSL_SERVER_CCS_AFTER_HELLO_RETRY_REQUEST, "SERVER_CCS_AFTER_HELLO_RETRY_REQUEST"},
        {MBEDTLS_SSL_HANDSHAKE_OVER, "HANDSHAKE_OVER"},
        {MBEDTLS_SSL_TLS1_3_NEW_SESSION_TICKET, "TLS1_3_NEW_SESSION_TICKET"},
        {MBEDTLS_SSL_TLS1_3_NEW_SESSION_TICKET_FLUSH, "TLS1_3_NEW_SESSION_TICKET_FLUSH"},
    };
    cr_assert_eq(sizeof(w) / sizeof(w[0]), 30);
    cr_assert_eq(tt_mbedtls_states.count, 30, "one row per state, no more");
    for (int i = 0; i < 30; i++) {
        cr_assert_eq(w[i].id, i, "ssl.h moved %s", w[i].name);
        cr_assert_str_eq(tt_name(&tt_mbedtls_states, (uint32_t)i), w[i].name);
    }
}

Test(tables, verify_flags_match_x509_h)
{
    static const struct {
        uint32_t bit;
        const char *name;
    } w[] = {
        {MBEDTLS_X509_BADCERT_EXPIRED, "expired"},
        {MBEDTLS_X509_BADCERT_REVOKED, "revoked"},
        {MBEDTLS_X509_BADCERT_CN_MISMATCH, "cn_mismatch"},
        {MBEDTLS_X509_BADCERT_NOT_TRUSTED, "not_trusted"},
        {MBEDTLS_X509_BADCRL_NOT_TRUSTED, "crl_not_trusted"},
        {MBEDTLS_X509_BADCRL_EXPIRED, "crl_expired"},
        {MBEDTLS_X509_BADCERT_MISSING, "missing"},
        {MBEDTLS_X509_BADCERT_SKIP_VERIFY, "skip_verify"},
        {MBEDTLS_X509_BADCERT_OTHER, "other"},
        {MBEDTLS_X509_BADCERT_FUTURE, "future"},
        {MBEDTLS_X509_BADCRL_FUTURE, "crl_future"},
        {MBEDTLS_X509_BADCERT_KEY_USAGE, "key_usage"},
        {MBEDTLS_X509_BADCERT_EXT_KEY_USAGE, "ext_key_usage"},
        {MBEDTLS_X509_BADCERT_NS_CERT_TYPE, "ns_cert_type"},
        {MBEDTLS_X509_BADCERT_BAD_MD, "bad_md"},
        {MBEDTLS_X509_BADCERT_BAD_PK, "bad_pk"},
        {MBEDTLS_X509_BADCERT_BAD_KEY, "bad_key"},
        {MBEDTLS_X509_BADCRL_BAD_MD, "crl_bad_md"},
        {MBEDTLS_X509_BADCRL_BAD_PK, "crl_bad_pk"},
        {MBEDTLS_X509_BADCRL_BAD_KEY, "crl_bad_key"},
    };
    cr_assert_eq(tt_verify_flags.count, sizeof(w) / sizeof(w[0]));
    for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
        cr_assert_str_eq(tt_name(&tt_verify_flags, w[i].bit), w[i].name);
    for (size_t i = 0; i < tt_verify_flags.count; i++) {
        uint32_t b = tt_verify_flags.rows[i].id;
        cr_assert(b != 0 && (b & (b - 1)) == 0, "one bit per flag");
    }
}

Test(handshake, senders_follow_the_rfcs)
{
    cr_assert_eq(tt_handshake_sender(1), TT_BY_CLIENT);
    cr_assert_eq(tt_handshake_sender(2), TT_BY_SERVER);
    cr_assert_eq(tt_handshake_sender(8), TT_BY_SERVER);
    cr_assert_eq(tt_handshake_sender(11), TT_BY_EITHER);
    cr_assert_eq(tt_handshake_sender(12), TT_BY_SERVER);
    cr_assert_eq(tt_handshake_sender(13), TT_BY_SERVER);
    cr_assert_eq(tt_handshake_sender(15), TT_BY_EITHER);
    cr_assert_eq(tt_handshake_sender(16), TT_BY_CLIENT);
    cr_assert_eq(tt_handshake_sender(20), TT_BY_EITHER);
    cr_assert_eq(tt_handshake_sender(4), TT_BY_SERVER);
    cr_assert_eq(tt_handshake_sender(7), 0, "unknown type");
    cr_assert_eq(tt_handshake_sender(254), 0, "message_hash is never sent");
    /* every named type except message_hash has a sender */
    for (size_t i = 0; i < tt_handshake_types.count; i++)
        if (tt_handshake_types.rows[i].id != 254)
            cr_assert_neq(tt_handshake_sender((uint8_t)tt_handshake_types.rows[i].id), 0, "%s",
                          tt_handshake_types.rows[i].name);
}

Test(handshake, mutual_only_marks_what_client_authentication_adds)
{
    cr_assert(tt_handshake_mutual_only(13, TT_BY_SERVER));
    cr_assert(tt_handshake_mutual_only(11, TT_BY_CLIENT));
    cr_assert(tt_handshake_mutual_only(15, TT_BY_CLIENT));
    cr_assert_not(tt_handshake_mutual_only(11, TT_BY_SERVER));
    cr_assert_not(tt_handshake_mutual_only(15, TT_BY_SERVER));
    cr_assert_not(tt_handshake_mutual_only(1, TT_BY_CLIENT));
    cr_assert_not(tt_handshake_mutual_only(20, TT_BY_CLIENT));
}

Test(grease, recognises_the_sixteen_rfc8701_values_only)
{
    int count = 0;
    for (uint32_t v = 0; v <= 0xffff; v++)
        if (tt_is_grease((uint16_t)v)) {
            count++;
            cr_assert_eq(v & 0x0f0f, 0x0a0a);
            cr_assert_eq(v >> 8, v & 0xff);
        }
    cr_assert_eq(count, 16);
    cr_assert(tt_is_grease(0x0a0a));
    cr_assert(tt_is_grease(0xfafa));
    cr_assert_not(tt_is_grease(0x0a1a));
    cr_assert_not(tt_is_grease(0x1301));
}

/* --- Cipher suites ------------------------------------------------------------------------ */

Test(suites, sorted_by_id_without_duplicates)
{
    cr_assert_gt(tt_suites_count, 200);
    for (size_t i = 1; i < tt_suites_count; i++)
        cr_assert_lt(tt_suites[i - 1].id, tt_suites[i].id, "at 0x%04x", tt_suites[i].id);
    for (size_t i = 0; i < tt_suites_count; i++)
        for (size_t j = i + 1; j < tt_suites_count; j++)
            cr_assert_str_neq(tt_suites[i].name, tt_suites[j].name);
}

Test(suites, every_suite_has_its_parts_and_a_sentence)
{
    for (size_t i = 0; i < tt_suites_count; i++) {
        const tt_suite *s = &tt_suites[i];
        cr_assert(s->name && strncmp(s->name, "TLS_", 4) == 0, "0x%04x", s->id);
        cr_assert(s->kx && s->kx[0], "%s", s->name);
        cr_assert(s->auth && s->auth[0], "%s", s->name);
        cr_assert(s->cipher && s->cipher[0], "%s", s->name);
        cr_assert(s->hash && s->hash[0], "%s", s->name);
        cr_assert(s->explain && plain_line(s->explain, 400), "%s", s->name);
        cr_assert_eq(s->explain[strlen(s->explain) - 1], '.', "%s", s->name);
        cr_assert_eq(tt_suite_lookup(s->id), s);
    }
    cr_assert_null(tt_suite_lookup(0x0a0a));
    cr_assert_null(tt_suite_lookup(0xffff));
}

Test(suites, tls13_suites_are_flagged_and_only_they)
{
    static const struct want w[] = {
        {0x1301, "TLS_AES_128_GCM_SHA256"},       {0x1302, "TLS_AES_256_GCM_SHA384"},
        {0x1303, "TLS_CHACHA20_POLY1305_SHA256"}, {0x1304, "TLS_AES_128_CCM_SHA256"},
        {0x1305, "TLS_AES_128_CCM_8_SHA256"},
    };
    for (size_t i = 0; i < 5; i++) {
        const tt_suite *s = tt_suite_lookup((uint16_t)w[i].id);
        cr_assert_not_null(s);
        cr_assert_str_eq(s->name, w[i].name);
        cr_assert_eq(s->tls13, 1);
        cr_assert_eq(s->aead, 1);
        cr_assert_str_eq(s->kx, "(negotiated separately)");
        cr_assert_str_eq(s->auth, "(negotiated separately)");
    }
    for (size_t i = 0; i < tt_suites_count; i++)
        cr_assert_eq(tt_suites[i].tls13, (tt_suites[i].id >> 8) == 0x13, "%s", tt_suites[i].name);
    cr_assert_eq(tt_suite_lookup(0x1305)->tag_len, 8);
    cr_assert_str_eq(tt_suite_lookup(0x1302)->hash, "SHA384");
}

Test(suites, aead_key_and_tag_lengths_agree_with_the_cipher)
{
    for (size_t i = 0; i < tt_suites_count; i++) {
        const tt_suite *s = &tt_suites[i];
        int aead =
            strstr(s->cipher, "GCM") || strstr(s->cipher, "CCM") || strstr(s->cipher, "POLY1305");
        cr_assert_eq(s->aead, aead, "%s", s->name);
        if (aead)
            cr_assert_eq(s->tag_len, strstr(s->cipher, "CCM_8") ? 8 : 16, "%s", s->name);
        else
            cr_assert_eq(s->tag_len, 0, "%s", s->name);
        if (strstr(s->cipher, "_128"))
            cr_assert_eq(s->key_len, 16, "%s", s->name);
        else if (strstr(s->cipher, "_256") || strstr(s->cipher, "CHACHA20"))
            cr_assert_eq(s->key_len, 32, "%s", s->name);
        else if (strcmp(s->cipher, "NULL") == 0 || s->cipher[0] == '(')
            cr_assert_eq(s->key_len, 0, "%s", s->name);
        /* the name spells the cipher out */
        if (s->cipher[0] != '(' && s->id != 0)
            cr_assert_not_null(strstr(s->name, s->cipher), "%s / %s", s->name, s->cipher);
    }
}

Test(suites, tls12_names_agree_with_key_exchange_and_authentication)
{
    for (size_t i = 0; i < tt_suites_count; i++) {
        const tt_suite *s = &tt_suites[i];
        if (s->tls13 || s->kx[0] == '(' || s->id == 0)
            continue;
        cr_assert_not_null(strstr(s->name, "_WITH_"), "%s", s->name);
        if (strcmp(s->kx, "ECDHE") == 0 && strcmp(s->auth, "anon") != 0)
            cr_assert(strncmp(s->name, "TLS_ECDHE_", 10) == 0, "%s", s->name);
        if (strcmp(s->kx, "DHE") == 0 && strcmp(s->auth, "anon") != 0)
            cr_assert(strncmp(s->name, "TLS_DHE_", 8) == 0, "%s", s->name);
        if (strcmp(s->kx, "RSA") == 0)
            cr_assert(strncmp(s->name, "TLS_RSA_WITH_", 13) == 0, "%s", s->name);
        if (strcmp(s->kx, "PSK") == 0)
            cr_assert(strncmp(s->name, "TLS_PSK_WITH_", 13) == 0, "%s", s->name);
        if (strcmp(s->auth, "anon") == 0)
            cr_assert_not_null(strstr(s->name, "_anon_"), "%s", s->name);
    }
}

/* Every suite id Mbed TLS 3.6 defines, with its IANA name. */
static const struct {
    uint16_t id;
    const char *name;
} mbedtls_suites[] = {
    {MBEDTLS_TLS_RSA_WITH_NULL_MD5, "TLS_RSA_WITH_NULL_MD5"},
    {MBEDTLS_TLS_RSA_WITH_NULL_SHA, "TLS_RSA_WITH_NULL_SHA"},
    {MBEDTLS_TLS_PSK_WITH_NULL_SHA, "TLS_PSK_WITH_NULL_SHA"},
    {MBEDTLS_TLS_DHE_PSK_WITH_NULL_SHA, "TLS_DHE_PSK_WITH_NULL_SHA"},
    {MBEDTLS_TLS_RSA_PSK_WITH_NULL_SHA, "TLS_RSA_PSK_WITH_NULL_SHA"},
    {MBEDTLS_TLS_RSA_WITH_AES_128_CBC_SHA, "TLS_RSA_WITH_AES_128_CBC_SHA"},
    {MBEDTLS_TLS_DHE_RSA_WITH_AES_128_CBC_SHA, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"},
    {MBEDTLS_TLS_RSA_WITH_AES_256_CBC_SHA, "TLS_RSA_WITH_AES_256_CBC_SHA"},
    {MBEDTLS_TLS_DHE_RSA_WITH_AES_256_CBC_SHA, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"},
    {MBEDTLS_TLS_RSA_WITH_NULL_SHA256, "TLS_RSA_WITH_NULL_SHA256"},
    {MBEDTLS_TLS_RSA_WITH_AES_128_CBC_SHA256, "TLS_RSA_WITH_AES_128_CBC_SHA256"},
    {MBEDTLS_TLS_RSA_WITH_AES_256_CBC_SHA256, "TLS_RSA_WITH_AES_256_CBC_SHA256"},
    {MBEDTLS_TLS_RSA_WITH_CAMELLIA_128_CBC_SHA, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA"},
    {MBEDTLS_TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA"},
    {MBEDTLS_TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"},
    {MBEDTLS_TLS_DHE_RSA_WITH_AES_256_CBC_SHA256, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"},
    {MBEDTLS_TLS_RSA_WITH_CAMELLIA_256_CBC_SHA, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA"},
    {MBEDTLS_TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA"},
    {MBEDTLS_TLS_PSK_WITH_AES_128_CBC_SHA, "TLS_PSK_WITH_AES_128_CBC_SHA"},
    {MBEDTLS_TLS_PSK_WITH_AES_256_CBC_SHA, "TLS_PSK_WITH_AES_256_CBC_SHA"},
    {MBEDTLS_TLS_DHE_PSK_WITH_AES_128_CBC_SHA, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA"},
    {MBEDTLS_TLS_DHE_PSK_WITH_AES_256_CBC_SHA, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA"},
    {MBEDTLS_TLS_RSA_PSK_WITH_AES_128_CBC_SHA, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA"},
    {MBEDTLS_TLS_RSA_PSK_WITH_AES_256_CBC_SHA, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA"},
    {MBEDTLS_TLS_RSA_WITH_AES_128_GCM_SHA256, "TLS_RSA_WITH_AES_128_GCM_SHA256"},
    {MBEDTLS_TLS_RSA_WITH_AES_256_GCM_SHA384, "TLS_RSA_WITH_AES_256_GCM_SHA384"},
    {MBEDTLS_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"},
    {MBEDTLS_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"},
    {MBEDTLS_TLS_PSK_WITH_AES_128_GCM_SHA256, "TLS_PSK_WITH_AES_128_GCM_SHA256"},
    {MBEDTLS_TLS_PSK_WITH_AES_256_GCM_SHA384, "TLS_PSK_WITH_AES_256_GCM_SHA384"},
    {MBEDTLS_TLS_DHE_PSK_WITH_AES_128_GCM_SHA256, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256"},
    {MBEDTLS_TLS_DHE_PSK_WITH_AES_256_GCM_SHA384, "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384"},
    {MBEDTLS_TLS_RSA_PSK_WITH_AES_128_GCM_SHA256, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256"},
    {MBEDTLS_TLS_RSA_PSK_WITH_AES_256_GCM_SHA384, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384"},
    {MBEDTLS_TLS_PSK_WITH_AES_128_CBC_SHA256, "TLS_PSK_WITH_AES_128_CBC_SHA256"},
    {MBEDTLS_TLS_PSK_WITH_AES_256_CBC_SHA384, "TLS_PSK_WITH_AES_256_CBC_SHA384"},
    {MBEDTLS_TLS_PSK_WITH_NULL_SHA256, "TLS_PSK_WITH_NULL_SHA256"},
    {MBEDTLS_TLS_PSK_WITH_NULL_SHA384, "TLS_PSK_WITH_NULL_SHA384"},
    {MBEDTLS_TLS_DHE_PSK_WITH_AES_128_CBC_SHA256, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256"},
    {MBEDTLS_TLS_DHE_PSK_WITH_AES_256_CBC_SHA384, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384"},
    {MBEDTLS_TLS_DHE_PSK_WITH_NULL_SHA256, "TLS_DHE_PSK_WITH_NULL_SHA256"},
    {MBEDTLS_TLS_DHE_PSK_WITH_NULL_SHA384, "TLS_DHE_PSK_WITH_NULL_SHA384"},
    {MBEDTLS_TLS_RSA_PSK_WITH_AES_128_CBC_SHA256, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256"},
    {MBEDTLS_TLS_RSA_PSK_WITH_AES_256_CBC_SHA384, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384"},
    {MBEDTLS_TLS_RSA_PSK_WITH_NULL_SHA256, "TLS_RSA_PSK_WITH_NULL_SHA256"},
    {MBEDTLS_TLS_RSA_PSK_WITH_NULL_SHA384, "TLS_RSA_PSK_WITH_NULL_SHA384"},
    {MBEDTLS_TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256"},
    {MBEDTLS_TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256"},
    {MBEDTLS_TLS_ECDH_ECDSA_WITH_NULL_SHA, "TLS_ECDH_ECDSA_WITH_NULL_SHA"},
    {MBEDTLS_TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA"},
    {MBEDTLS_TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_NULL_SHA, "TLS_ECDHE_ECDSA_WITH_NULL_SHA"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"},
    {MBEDTLS_TLS_ECDH_RSA_WITH_NULL_SHA, "TLS_ECDH_RSA_WITH_NULL_SHA"},
    {MBEDTLS_TLS_ECDH_RSA_WITH_AES_128_CBC_SHA, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA"},
    {MBEDTLS_TLS_ECDH_RSA_WITH_AES_256_CBC_SHA, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_NULL_SHA, "TLS_ECDHE_RSA_WITH_NULL_SHA"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"},
    {MBEDTLS_TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256"},
    {MBEDTLS_TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"},
    {MBEDTLS_TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256"},
    {MBEDTLS_TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
    {MBEDTLS_TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256, "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256"},
    {MBEDTLS_TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384, "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"},
    {MBEDTLS_TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256, "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256"},
    {MBEDTLS_TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384, "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384"},
    {MBEDTLS_TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA"},
    {MBEDTLS_TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA"},
    {MBEDTLS_TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256"},
    {MBEDTLS_TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384"},
    {MBEDTLS_TLS_ECDHE_PSK_WITH_NULL_SHA, "TLS_ECDHE_PSK_WITH_NULL_SHA"},
    {MBEDTLS_TLS_ECDHE_PSK_WITH_NULL_SHA256, "TLS_ECDHE_PSK_WITH_NULL_SHA256"},
    {MBEDTLS_TLS_ECDHE_PSK_WITH_NULL_SHA384, "TLS_ECDHE_PSK_WITH_NULL_SHA384"},
    {MBEDTLS_TLS_RSA_WITH_ARIA_128_CBC_SHA256, "TLS_RSA_WITH_ARIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_RSA_WITH_ARIA_256_CBC_SHA384, "TLS_RSA_WITH_ARIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256, "TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384, "TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256, "TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384, "TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256, "TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384, "TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256, "TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384, "TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256, "TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384, "TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_RSA_WITH_ARIA_128_GCM_SHA256, "TLS_RSA_WITH_ARIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_RSA_WITH_ARIA_256_GCM_SHA384, "TLS_RSA_WITH_ARIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256, "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384, "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256, "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384, "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256, "TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384, "TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256, "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384, "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256, "TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384, "TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_PSK_WITH_ARIA_128_CBC_SHA256, "TLS_PSK_WITH_ARIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_PSK_WITH_ARIA_256_CBC_SHA384, "TLS_PSK_WITH_ARIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256, "TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384, "TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256, "TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384, "TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_PSK_WITH_ARIA_128_GCM_SHA256, "TLS_PSK_WITH_ARIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_PSK_WITH_ARIA_256_GCM_SHA384, "TLS_PSK_WITH_ARIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256, "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384, "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256, "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384, "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256, "TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384, "TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256,
     "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384,
     "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256,
     "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384,
     "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256,
     "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384,
     "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256,
     "TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384,
     "TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256, "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384, "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256, "TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384, "TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256,
     "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384,
     "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256,
     "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384,
     "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256,
     "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384,
     "TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256,
     "TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384,
     "TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256, "TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384, "TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256, "TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384, "TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256, "TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256"},
    {MBEDTLS_TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384, "TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384"},
    {MBEDTLS_TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256, "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384, "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256, "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384, "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256, "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384, "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256,
     "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256"},
    {MBEDTLS_TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384,
     "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384"},
    {MBEDTLS_TLS_RSA_WITH_AES_128_CCM, "TLS_RSA_WITH_AES_128_CCM"},
    {MBEDTLS_TLS_RSA_WITH_AES_256_CCM, "TLS_RSA_WITH_AES_256_CCM"},
    {MBEDTLS_TLS_DHE_RSA_WITH_AES_128_CCM, "TLS_DHE_RSA_WITH_AES_128_CCM"},
    {MBEDTLS_TLS_DHE_RSA_WITH_AES_256_CCM, "TLS_DHE_RSA_WITH_AES_256_CCM"},
    {MBEDTLS_TLS_RSA_WITH_AES_128_CCM_8, "TLS_RSA_WITH_AES_128_CCM_8"},
    {MBEDTLS_TLS_RSA_WITH_AES_256_CCM_8, "TLS_RSA_WITH_AES_256_CCM_8"},
    {MBEDTLS_TLS_DHE_RSA_WITH_AES_128_CCM_8, "TLS_DHE_RSA_WITH_AES_128_CCM_8"},
    {MBEDTLS_TLS_DHE_RSA_WITH_AES_256_CCM_8, "TLS_DHE_RSA_WITH_AES_256_CCM_8"},
    {MBEDTLS_TLS_PSK_WITH_AES_128_CCM, "TLS_PSK_WITH_AES_128_CCM"},
    {MBEDTLS_TLS_PSK_WITH_AES_256_CCM, "TLS_PSK_WITH_AES_256_CCM"},
    {MBEDTLS_TLS_DHE_PSK_WITH_AES_128_CCM, "TLS_DHE_PSK_WITH_AES_128_CCM"},
    {MBEDTLS_TLS_DHE_PSK_WITH_AES_256_CCM, "TLS_DHE_PSK_WITH_AES_256_CCM"},
    {MBEDTLS_TLS_PSK_WITH_AES_128_CCM_8, "TLS_PSK_WITH_AES_128_CCM_8"},
    {MBEDTLS_TLS_PSK_WITH_AES_256_CCM_8, "TLS_PSK_WITH_AES_256_CCM_8"},
    {MBEDTLS_TLS_DHE_PSK_WITH_AES_128_CCM_8, "TLS_DHE_PSK_WITH_AES_128_CCM_8"},
    {MBEDTLS_TLS_DHE_PSK_WITH_AES_256_CCM_8, "TLS_DHE_PSK_WITH_AES_256_CCM_8"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_CCM, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_CCM, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8"},
    {MBEDTLS_TLS_ECJPAKE_WITH_AES_128_CCM_8, "TLS_ECJPAKE_WITH_AES_128_CCM_8"},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
     "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
     "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"},
    {MBEDTLS_TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
     "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
    {MBEDTLS_TLS_PSK_WITH_CHACHA20_POLY1305_SHA256, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {MBEDTLS_TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
     "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {MBEDTLS_TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
     "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {MBEDTLS_TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256,
     "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {MBEDTLS_TLS1_3_AES_128_GCM_SHA256, "TLS_AES_128_GCM_SHA256"},
    {MBEDTLS_TLS1_3_AES_256_GCM_SHA384, "TLS_AES_256_GCM_SHA384"},
    {MBEDTLS_TLS1_3_CHACHA20_POLY1305_SHA256, "TLS_CHACHA20_POLY1305_SHA256"},
    {MBEDTLS_TLS1_3_AES_128_CCM_SHA256, "TLS_AES_128_CCM_SHA256"},
    {MBEDTLS_TLS1_3_AES_128_CCM_8_SHA256, "TLS_AES_128_CCM_8_SHA256"},
};

Test(suites, every_mbedtls_suite_is_present_with_its_iana_name)
{
    cr_assert_eq(sizeof(mbedtls_suites) / sizeof(mbedtls_suites[0]), 190);
    for (size_t i = 0; i < sizeof(mbedtls_suites) / sizeof(mbedtls_suites[0]); i++) {
        const tt_suite *s = tt_suite_lookup(mbedtls_suites[i].id);
        cr_assert_not_null(s, "%s missing", mbedtls_suites[i].name);
        if (mbedtls_suites[i].id == 0xC0AA || mbedtls_suites[i].id == 0xC0AB)
            /* IANA (RFC 6655) spells these two TLS_PSK_DHE_..., Mbed TLS DHE_PSK */
            cr_assert(strncmp(s->name, "TLS_PSK_DHE_WITH_", 17) == 0, "%s", s->name);
        else
            cr_assert_str_eq(s->name, mbedtls_suites[i].name);
    }
}

Test(suites, openssl_default_suites_and_signalling_values_are_present)
{
    /* `openssl ciphers -V` (OpenSSL 3.0 DEFAULT) */
    static const uint16_t ids[] = {
        0x1302, 0x1303, 0x1301, 0xC02C, 0xC030, 0x009F, 0xCCA9, 0xCCA8, 0xCCAA, 0xC02B,
        0xC02F, 0x009E, 0xC024, 0xC028, 0x006B, 0xC023, 0xC027, 0x0067, 0xC00A, 0xC014,
        0x0039, 0xC009, 0xC013, 0x0033, 0x00AD, 0x00AB, 0xCCAE, 0xCCAD, 0xCCAC, 0x009D,
        0x00A9, 0xCCAB, 0x00AC, 0x00AA, 0x009C, 0x00A8, 0x003D, 0x003C, 0xC038, 0xC036,
        0xC021, 0xC020, 0x00B7, 0x00B3, 0x0095, 0x0091, 0x0035, 0x00AF, 0x008D, 0xC037,
        0xC035, 0xC01E, 0xC01D, 0x00B6, 0x00B2, 0x0094, 0x0090, 0x002F, 0x00AE, 0x008C,
    };
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
        cr_assert_not_null(tt_suite_lookup(ids[i]), "0x%04x missing", ids[i]);
    cr_assert_str_eq(tt_suite_lookup(0x00ff)->name, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    cr_assert_str_eq(tt_suite_lookup(0x5600)->name, "TLS_FALLBACK_SCSV");
    cr_assert_str_eq(tt_suite_lookup(0xc02f)->kx, "ECDHE");
    cr_assert_str_eq(tt_suite_lookup(0xc02f)->auth, "RSA");
    cr_assert_str_eq(tt_suite_lookup(0xc02f)->cipher, "AES_128_GCM");
    cr_assert_str_eq(tt_suite_lookup(0xc02f)->hash, "SHA256");
    cr_assert_str_eq(tt_suite_lookup(0x009c)->kx, "RSA");
    cr_assert_str_eq(tt_suite_lookup(0x009e)->kx, "DHE");
    cr_assert_str_eq(tt_suite_lookup(0x0035)->hash, "SHA1");
}
