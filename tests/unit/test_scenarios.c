/* Every demo scenario in both versions, end to end through real Mbed TLS handshakes: the exact
 * message sequence each side reports (type, direction, protection), the outcome, and the failure
 * cause. The expected sequences are written from RFC 8446 §2 / RFC 5246 §7.3 and the Mbed TLS
 * behaviour documented in the project notes, not copied from the tracer's output. */
#include <criterion/criterion.h>
#include <string.h>

#include "tt_test_util.h"

/* TLS 1.3, RFC 8446 §2 Figure 1, as the client sees it. The NewSessionTicket arrives after the
 * handshake, under the server's application keys. */
#define C13_HELLO "sent:client_hello:plaintext received:server_hello:plaintext "
#define S13_HELLO "received:client_hello:plaintext sent:server_hello:plaintext "

static void check_seq(const cJSON *ev, const char *side, const char *expected)
{
    char *got = tt_test_message_sequence(ev, side);
    cr_expect_str_eq(got, expected, "%s sequence:\n got      %s\n expected %s", side, got, expected);
    free(got);
}

static const cJSON *failed(const cJSON *ev, const char *side)
{
    const cJSON *f = tt_test_find(ev, side, "handshake_failed");
    cr_assert_not_null(f, "%s has no handshake_failed event", side);
    return f;
}

static const char *alert_name(const cJSON *f, const char *key)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(f, key);
    return cJSON_IsObject(a) ? tt_test_str(a, "name") : "(none)";
}

static const char *alert_prot(const cJSON *f, const char *key)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(f, key);
    return cJSON_IsObject(a) ? tt_test_str(a, "protection") : "(none)";
}

static void expect_done(const cJSON *ev, const char *side)
{
    cr_expect_not_null(tt_test_find(ev, side, "handshake_done"), "%s did not finish", side);
    cr_expect_null(tt_test_find(ev, side, "handshake_failed"), "%s failed", side);
}

Test(scenario, basic_tls13_sequences_and_outcome)
{
    cJSON *ev = tt_test_run_demo("basic", 1, 0, "scenario");
    cr_assert_not_null(ev);
    check_seq(ev, "client",
              C13_HELLO "received:encrypted_extensions:handshake received:certificate:handshake "
                        "received:certificate_verify:handshake received:finished:handshake "
                        "sent:finished:handshake received:new_session_ticket:application");
    check_seq(ev, "server",
              S13_HELLO "sent:encrypted_extensions:handshake sent:certificate:handshake "
                        "sent:certificate_verify:handshake sent:finished:handshake "
                        "received:finished:handshake sent:new_session_ticket:application");
    expect_done(ev, "client");
    expect_done(ev, "server");
    const cJSON *n = tt_test_find(ev, "client", "negotiated");
    cr_assert_not_null(n);
    cr_expect_str_eq(tt_test_str(n, "mode"), "basic");
    cr_expect_str_eq(tt_test_str(cJSON_GetObjectItem(n, "version"), "name"), "TLS 1.3");
    cr_expect(cJSON_IsFalse(cJSON_GetObjectItem(n, "client_authenticated")));
    cJSON_Delete(ev);
}

Test(scenario, mutual_tls13_sequences_and_outcome)
{
    cJSON *ev = tt_test_run_demo("mutual", 1, 0, "scenario");
    cr_assert_not_null(ev);
    check_seq(ev, "client",
              C13_HELLO "received:encrypted_extensions:handshake "
                        "received:certificate_request:handshake received:certificate:handshake "
                        "received:certificate_verify:handshake received:finished:handshake "
                        "sent:certificate:handshake sent:certificate_verify:handshake "
                        "sent:finished:handshake received:new_session_ticket:application");
    check_seq(ev, "server",
              S13_HELLO "sent:encrypted_extensions:handshake sent:certificate_request:handshake "
                        "sent:certificate:handshake sent:certificate_verify:handshake "
                        "sent:finished:handshake received:certificate:handshake "
                        "received:certificate_verify:handshake received:finished:handshake "
                        "sent:new_session_ticket:application");
    expect_done(ev, "client");
    expect_done(ev, "server");
    const cJSON *n = tt_test_find(ev, "server", "negotiated");
    cr_assert_not_null(n);
    cr_expect_str_eq(tt_test_str(n, "mode"), "mutual");
    cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(n, "client_authenticated")));
    /* The server checked the client's chain: a cert_verify on the server side, depth 0 ok. */
    const cJSON *cv = tt_test_find(ev, "server", "cert_verify");
    cr_assert_not_null(cv);
    cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(cv, "ok")));
    cJSON_Delete(ev);
}

Test(scenario, mutual_tls13_marks_exactly_the_mutual_only_messages)
{
    cJSON *ev = tt_test_run_demo("mutual", 1, 0, "mutual-only");
    cr_assert_not_null(ev);
    const cJSON *e;
    int marked = 0;
    cJSON_ArrayForEach(e, ev)
    {
        if (strcmp(tt_test_str(e, "type"), "message") || strcmp(tt_test_str(e, "side"), "client"))
            continue;
        const char *t = tt_test_str(e, "hs_type"), *from = tt_test_str(e, "from");
        int expect = !strcmp(t, "certificate_request") ||
                     (!strcmp(from, "client") &&
                      (!strcmp(t, "certificate") || !strcmp(t, "certificate_verify")));
        cr_expect_eq(cJSON_IsTrue(cJSON_GetObjectItem(e, "mutual_only")), expect, "%s from %s", t,
                     from);
        marked += expect;
    }
    cr_expect_eq(marked, 3);
    cJSON_Delete(ev);
}

Test(scenario, basic_tls12_sequences_and_outcome)
{
    cJSON *ev = tt_test_run_demo("basic", 0, 0, "scenario");
    cr_assert_not_null(ev);
    /* RFC 5246 §7.3 with ECDHE (RFC 8422) and a session ticket (RFC 5077 §3.3): the server's
     * NewSessionTicket precedes its ChangeCipherSpec, so it is plaintext. */
    check_seq(ev, "client",
              "sent:client_hello:plaintext received:server_hello:plaintext "
              "received:certificate:plaintext received:server_key_exchange:plaintext "
              "received:server_hello_done:plaintext sent:client_key_exchange:plaintext "
              "sent:finished:application received:new_session_ticket:plaintext "
              "received:finished:application");
    check_seq(ev, "server",
              "received:client_hello:plaintext sent:server_hello:plaintext "
              "sent:certificate:plaintext sent:server_key_exchange:plaintext "
              "sent:server_hello_done:plaintext received:client_key_exchange:plaintext "
              "received:finished:application sent:new_session_ticket:plaintext "
              "sent:finished:application");
    expect_done(ev, "client");
    expect_done(ev, "server");
    cJSON_Delete(ev);
}

Test(scenario, mutual_tls12_sequences_and_outcome)
{
    cJSON *ev = tt_test_run_demo("mutual", 0, 0, "scenario");
    cr_assert_not_null(ev);
    check_seq(ev, "client",
              "sent:client_hello:plaintext received:server_hello:plaintext "
              "received:certificate:plaintext received:server_key_exchange:plaintext "
              "received:certificate_request:plaintext received:server_hello_done:plaintext "
              "sent:certificate:plaintext sent:client_key_exchange:plaintext "
              "sent:certificate_verify:plaintext sent:finished:application "
              "received:new_session_ticket:plaintext received:finished:application");
    expect_done(ev, "client");
    expect_done(ev, "server");
    const cJSON *n = tt_test_find(ev, "client", "negotiated");
    cr_assert_not_null(n);
    cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(n, "client_authenticated")));
    cJSON_Delete(ev);
}

Test(scenario, tls13_finished_is_decoded_with_verify_data)
{
    cJSON *ev = tt_test_run_demo("basic", 1, 0, "finished");
    cr_assert_not_null(ev);
    const cJSON *e;
    int finished = 0;
    cJSON_ArrayForEach(e, ev)
    {
        if (strcmp(tt_test_str(e, "type"), "message") || strcmp(tt_test_str(e, "hs_type"), "finished"))
            continue;
        const cJSON *vd = cJSON_GetObjectItem(cJSON_GetObjectItem(e, "fields"), "verify_data");
        cr_assert(cJSON_IsString(vd));
        /* TLS_AES_128_GCM_SHA256 (the default first choice): HMAC-SHA256, 32 bytes = 64 hex. */
        cr_expect_eq(strlen(vd->valuestring), 64);
        finished++;
    }
    cr_expect_eq(finished, 4); /* two Finished messages, each seen by both sides */
    cJSON_Delete(ev);
}

Test(scenario, secrets_are_labelled_in_order_and_never_valued)
{
    cJSON *ev = tt_test_run_demo("basic", 1, 0, "secrets");
    cr_assert_not_null(ev);
    const char *want[] = {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                          "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0"};
    size_t i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, ev)
    {
        if (strcmp(tt_test_str(e, "type"), "secret") || strcmp(tt_test_str(e, "side"), "client"))
            continue;
        cr_assert_lt(i, 4);
        cr_expect_str_eq(tt_test_str(e, "label"), want[i]);
        i++;
        /* Only label, length, hash and their words (explanation, sources) beyond the envelope. */
        const cJSON *k;
        cJSON_ArrayForEach(k, e)
        {
            const char *name = k->string;
            cr_expect(!strcmp(name, "v") || !strcmp(name, "seq") || !strcmp(name, "t_us") ||
                          !strcmp(name, "session") || !strcmp(name, "side") ||
                          !strcmp(name, "type") || !strcmp(name, "label") ||
                          !strcmp(name, "length") || !strcmp(name, "hash") ||
                          !strcmp(name, "explanation") || !strcmp(name, "sources"),
                      "unexpected key %s in a secret event", name);
        }
    }
    cr_expect_eq(i, 4);
    cJSON_Delete(ev);
}

Test(scenario, key_exchange_reports_group_and_share_sizes)
{
    for (int tls13 = 0; tls13 < 2; tls13++) {
        cJSON *ev = tt_test_run_demo("basic", tls13, 0, "kx");
        cr_assert_not_null(ev);
        const cJSON *kx = tt_test_find(ev, "client", "key_exchange");
        cr_assert_not_null(kx, "no key_exchange in TLS 1.%d", tls13 ? 3 : 2);
        const char *g = tt_test_str(cJSON_GetObjectItem(kx, "group"), "name");
        int cs = cJSON_GetObjectItem(kx, "client_share_length")->valueint;
        int ss = cJSON_GetObjectItem(kx, "server_share_length")->valueint;
        /* basic sets no groups, so both sides keep Mbed TLS 3.6's default list, x25519 first: the
         * group is x25519, whose shares are 32 bytes (RFC 7748 §6.1; RFC 8446 §4.2.8.2; RFC 8422
         * §5.4 for TLS 1.2's ECDHE). Any other group here is a change to look at. */
        cr_expect_str_eq(g, "x25519", "TLS 1.%d", tls13 ? 3 : 2);
        cr_expect(cs == 32 && ss == 32, "x25519 shares %d/%d in TLS 1.%d", cs, ss, tls13 ? 3 : 2);
        /* Both sides saw the same exchange. */
        const cJSON *skx = tt_test_find(ev, "server", "key_exchange");
        cr_assert_not_null(skx, "the server has no key_exchange in TLS 1.%d", tls13 ? 3 : 2);
        cr_expect_str_eq(tt_test_str(cJSON_GetObjectItem(skx, "group"), "name"), "x25519");
        cr_expect_eq(cJSON_GetObjectItem(skx, "client_share_length")->valueint, cs);
        cr_expect_eq(cJSON_GetObjectItem(skx, "server_share_length")->valueint, ss);
        cJSON_Delete(ev);
    }
}

static void check_cert_failure(const char *scenario, const char *cause, const char *alert)
{
    for (int tls13 = 0; tls13 < 2; tls13++) {
        cJSON *ev = tt_test_run_demo(scenario, tls13, 0, "scenario");
        cr_assert_not_null(ev);
        const cJSON *f = failed(ev, "client");
        cr_expect_str_eq(tt_test_str(f, "cause"), cause, "TLS 1.%d", tls13 ? 3 : 2);
        cr_expect_str_eq(alert_name(f, "alert_sent"), alert);
        /* The notes: a TLS 1.3 client rejecting the server's flight sends its alert in
         * plaintext; in TLS 1.2 there are no keys yet either. */
        cr_expect_str_eq(alert_prot(f, "alert_sent"), "plaintext");
        cr_expect_str_eq(tt_test_str(cJSON_GetObjectItem(f, "error"), "hex"), "-0x2700");
        const cJSON *sf = failed(ev, "server");
        cr_expect_str_eq(alert_name(sf, "alert_received"), alert);
        if (tls13)
            cr_expect_str_eq(tt_test_str(sf, "cause"), "plaintext_alert_under_encryption");
        else
            cr_expect_str_eq(tt_test_str(sf, "cause"), "peer_alert");
        cJSON_Delete(ev);
    }
}

Test(scenario, untrusted_ca_fails_with_unknown_ca)
{
    check_cert_failure("untrusted-ca", "untrusted_ca", "unknown_ca");
}

Test(scenario, expired_fails_with_certificate_expired)
{
    check_cert_failure("expired", "certificate_expired", "certificate_expired");
}

Test(scenario, wrong_host_fails_with_bad_certificate)
{
    check_cert_failure("wrong-host", "hostname_mismatch", "bad_certificate");
}

Test(scenario, untrusted_ca_cert_verify_names_not_trusted)
{
    cJSON *ev = tt_test_run_demo("untrusted-ca", 1, 0, "verify");
    cr_assert_not_null(ev);
    const cJSON *cv = tt_test_find(ev, "client", "cert_verify");
    cr_assert_not_null(cv);
    cr_expect_eq(cJSON_GetObjectItem(cv, "depth")->valueint, 0);
    cr_expect(cJSON_IsFalse(cJSON_GetObjectItem(cv, "ok")));
    const cJSON *r = cJSON_GetArrayItem(cJSON_GetObjectItem(cv, "reasons"), 0);
    cr_expect_str_eq(tt_test_str(r, "name"), "not_trusted");
    cJSON_Delete(ev);
}

Test(scenario, no_client_cert_tls13_client_learns_after_its_handshake)
{
    cJSON *ev = tt_test_run_demo("no-client-cert", 1, 0, "scenario");
    cr_assert_not_null(ev);
    const cJSON *sf = failed(ev, "server");
    cr_expect_str_eq(tt_test_str(sf, "cause"), "client_certificate_missing");
    cr_expect_str_eq(tt_test_str(cJSON_GetObjectItem(sf, "error"), "hex"), "-0x7480");
    /* The server's alert travels under its handshake keys (notes §3). */
    cr_expect_str_eq(alert_prot(sf, "alert_sent"), "handshake");
    /* Mbed TLS reported the client's handshake complete first; its first read then fails. */
    cr_expect_not_null(tt_test_find(ev, "client", "handshake_done"));
    const cJSON *cf = failed(ev, "client");
    cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(cf, "post_handshake")));
    cr_expect_str_eq(tt_test_str(cJSON_GetObjectItem(cf, "error"), "hex"), "-0x7180");
    cr_expect_str_eq(alert_prot(cf, "alert_received"), "handshake");
    cJSON_Delete(ev);
}

Test(scenario, no_client_cert_tls12_server_is_silent_and_client_stalls)
{
    cJSON *ev = tt_test_run_demo("no-client-cert", 0, 0, "scenario");
    cr_assert_not_null(ev);
    const cJSON *sf = failed(ev, "server");
    cr_expect_str_eq(tt_test_str(sf, "cause"), "client_certificate_missing");
    cr_expect_str_eq(alert_name(sf, "alert_sent"), "(none)");
    const cJSON *cf = failed(ev, "client");
    cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(cf, "stalled")));
    cr_expect_str_eq(tt_test_str(cf, "cause"), "peer_silent");
    cr_expect_eq(tt_test_count(ev, "client", "session_end"), 1);
    cr_expect_eq(tt_test_count(ev, "server", "session_end"), 1);
    cJSON_Delete(ev);
}

Test(scenario, no_shared_cipher_server_refuses)
{
    for (int tls13 = 0; tls13 < 2; tls13++) {
        cJSON *ev = tt_test_run_demo("no-shared-cipher", tls13, 0, "scenario");
        cr_assert_not_null(ev);
        const cJSON *sf = failed(ev, "server");
        cr_expect_str_eq(tt_test_str(sf, "cause"), "no_shared_cipher_suite", "TLS 1.%d",
                         tls13 ? 3 : 2);
        cr_expect_str_eq(alert_name(sf, "alert_sent"), "handshake_failure");
        const cJSON *cf = failed(ev, "client");
        cr_expect_str_eq(tt_test_str(cf, "cause"), "peer_alert");
        cr_expect_str_eq(alert_name(cf, "alert_received"), "handshake_failure");
        check_seq(ev, "client", "sent:client_hello:plaintext");
        cJSON_Delete(ev);
    }
}

Test(scenario, version_mismatch_both_directions)
{
    /* --tls 1.2: a TLS 1.2-only client meets a TLS 1.3-only server: protocol_version (70).
     * --tls 1.3: a TLS 1.3-only client meets a TLS 1.2-only server: handshake_failure (40). */
    const char *alerts[2] = {"protocol_version", "handshake_failure"};
    for (int tls13 = 0; tls13 < 2; tls13++) {
        cJSON *ev = tt_test_run_demo("version-mismatch", tls13, 0, "scenario");
        cr_assert_not_null(ev);
        const cJSON *sf = failed(ev, "server");
        cr_expect_str_eq(tt_test_str(sf, "cause"), "version_mismatch", "client TLS 1.%d",
                         tls13 ? 3 : 2);
        cr_expect_str_eq(alert_name(sf, "alert_sent"), alerts[tls13]);
        cr_expect_str_eq(tt_test_str(failed(ev, "client"), "cause"), "peer_alert");
        cJSON_Delete(ev);
    }
}

Test(scenario, hello_retry_request_then_success)
{
    cJSON *ev = tt_test_run_demo("hello-retry", 1, 0, "scenario");
    cr_assert_not_null(ev);
    char *seq = tt_test_message_sequence(ev, "client");
    cr_expect(strncmp(seq,
                      "sent:client_hello:plaintext received:server_hello:plaintext "
                      "sent:client_hello:plaintext received:server_hello:plaintext ",
                      strlen("sent:client_hello:plaintext received:server_hello:plaintext "
                             "sent:client_hello:plaintext received:server_hello:plaintext ")) == 0,
              "%s", seq);
    free(seq);
    const cJSON *first_sh = NULL, *e;
    cJSON_ArrayForEach(e, ev)
    {
        if (!strcmp(tt_test_str(e, "type"), "message") && !strcmp(tt_test_str(e, "side"), "client") &&
            !strcmp(tt_test_str(e, "hs_type"), "server_hello")) {
            first_sh = e;
            break;
        }
    }
    cr_assert_not_null(first_sh);
    cr_expect_str_eq(tt_test_str(first_sh, "label"), "HelloRetryRequest");
    expect_done(ev, "client");
    const cJSON *n = tt_test_find(ev, "client", "negotiated");
    cr_expect(cJSON_IsTrue(cJSON_GetObjectItem(n, "hello_retry_request")));
    cr_expect_str_eq(tt_test_str(cJSON_GetObjectItem(n, "group"), "name"), "x25519");
    cJSON_Delete(ev);
}

Test(scenario, every_event_has_a_contiguous_seq_and_both_sides_end)
{
    cJSON *ev = tt_test_run_demo("mutual", 1, 0, "envelope");
    cr_assert_not_null(ev);
    int expect = 1;
    const cJSON *e;
    cJSON_ArrayForEach(e, ev)
    {
        cr_expect_eq(cJSON_GetObjectItem(e, "seq")->valueint, expect);
        cr_expect_eq(cJSON_GetObjectItem(e, "v")->valueint, 1);
        expect++;
    }
    /* Each side starts once and ends once, its session_end its last event. */
    const char *sides[] = {"client", "server"};
    for (int i = 0; i < 2; i++) {
        cr_expect_eq(tt_test_count(ev, sides[i], "session_start"), 1, "%s", sides[i]);
        cr_expect_eq(tt_test_count(ev, sides[i], "session_end"), 1, "%s", sides[i]);
        const cJSON *last = NULL;
        cJSON_ArrayForEach(e, ev)
        {
            if (!strcmp(tt_test_str(e, "side"), sides[i]))
                last = e;
        }
        cr_expect_str_eq(tt_test_str(last, "type"), "session_end", "%s", sides[i]);
    }
    cJSON_Delete(ev);
}
