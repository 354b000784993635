/* The transport of connect and serve: address parsing, network faults classified from real
 * sockets, the socket BIO's timeout and end of stream; and the causes explained from a real
 * peer's behaviour (tt_explain_failure is pure: facts in, cause and words out). */
#include <criterion/criterion.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>

#include "tt_explain.h"
#include "tt_net.h"

Test(net, split_accepts_host_port_forms_and_names_what_is_wrong)
{
    const struct { const char *in; int port_only; const char *host, *port, *err; } cases[] = {
        {"example.org:443", 0, "example.org", "443", NULL},
        {"127.0.0.1:8883", 0, "127.0.0.1", "8883", NULL},
        {"[::1]:8443", 0, "::1", "8443", NULL},
        {"8443", 1, "", "8443", NULL},
        {"0.0.0.0:0", 1, "0.0.0.0", "0", NULL},
        {"example.org", 0, NULL, NULL, "is not HOST:PORT"},
        {":443", 0, NULL, NULL, "missing host"},
        {"example.org:", 0, NULL, NULL, "port must be a number"},
        {"example.org:65536", 0, NULL, NULL, "port must be a number"},
        {"example.org:44x", 0, NULL, NULL, "port must be a number"},
        {"::1:443", 0, NULL, NULL, "[ADDRESS]:PORT"},
        {"[::1]443", 0, NULL, NULL, "[ADDRESS]:PORT"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char host[64] = "?", port[16] = "?", err[200] = "";
        int rc = tt_net_split(cases[i].in, cases[i].port_only, host, sizeof(host), port,
                              sizeof(port), err, sizeof(err));
        if (cases[i].err) {
            cr_expect_eq(rc, -1, "%s", cases[i].in);
            cr_expect(strstr(err, cases[i].err) != NULL, "%s: %s", cases[i].in, err);
        } else {
            cr_expect_eq(rc, 0, "%s: %s", cases[i].in, err);
            cr_expect_str_eq(host, cases[i].host, "%s", cases[i].in);
            cr_expect_str_eq(port, cases[i].port, "%s", cases[i].in);
        }
    }
}

Test(net, refused_and_unresolvable_are_told_apart)
{
    /* A port that was just free: listen on 0, note the port, close it. */
    char bound[64], err[200], peer[128];
    int l = tt_net_listen("127.0.0.1", "0", 1, bound, sizeof(bound), err, sizeof(err));
    cr_assert_geq(l, 0, "%s", err);
    close(l);
    tt_net_error e;
    int fd = tt_net_connect("127.0.0.1", strrchr(bound, ':') + 1, 2000, &e, peer, sizeof(peer));
    cr_expect_eq(fd, -1);
    cr_expect_eq(e.fault, TT_NET_REFUSED, "%s", e.text);
    cr_expect_str_eq(peer, bound);
    fd = tt_net_connect("no-such-host.invalid", "443", 2000, &e, peer, sizeof(peer));
    cr_expect_eq(fd, -1);
    cr_expect_eq(e.fault, TT_NET_NAME_NOT_RESOLVED, "%s", e.text);
    cr_expect(strstr(e.text, "no-such-host.invalid") != NULL, "%s", e.text);
}

Test(net, listen_and_connect_meet_and_name_both_ends)
{
    char bound[64], err[200], peer[128], local[128];
    int l = tt_net_listen(NULL, "0", 4, bound, sizeof(bound), err, sizeof(err));
    cr_assert_geq(l, 0, "%s", err);
    cr_expect(strncmp(bound, "127.0.0.1:", 10) == 0, "loopback by default, got %s", bound);
    tt_net_error e;
    int fd = tt_net_connect("127.0.0.1", strrchr(bound, ':') + 1, 2000, &e, peer, sizeof(peer));
    cr_assert_geq(fd, 0, "%s", e.text);
    int s = accept(l, NULL, NULL);
    cr_assert_geq(s, 0);
    tt_net_peer_name(s, 0, local, sizeof(local));
    char mine[128];
    tt_net_peer_name(fd, 1, mine, sizeof(mine));
    cr_expect_str_eq(local, mine);
    close(s);
    close(fd);
    close(l);
}

Test(net, the_socket_bio_times_out_then_sees_data_then_the_end)
{
    int sv[2];
    cr_assert_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    tt_net_sock s = {.fd = sv[0], .timeout_ms = 50};
    unsigned char buf[8];
    cr_expect_eq(tt_net_recv(&s, buf, sizeof(buf)), MBEDTLS_ERR_SSL_TIMEOUT);
    cr_expect_eq(s.timed_out, 1);
    cr_assert_eq(write(sv[1], "hi", 2), 2);
    cr_expect_eq(tt_net_recv(&s, buf, sizeof(buf)), 2);
    cr_expect_eq(s.timed_out, 0);
    cr_expect_eq(tt_net_send(&s, (const unsigned char *)"yo", 2), 2);
    cr_assert_eq(read(sv[1], buf, sizeof(buf)), 2);
    close(sv[1]);
    cr_expect_eq(tt_net_recv(&s, buf, sizeof(buf)), 0, "end of stream is 0 (Mbed TLS: CONN_EOF)");
    cr_expect_eq(tt_net_send(&s, (const unsigned char *)"yo", 2), MBEDTLS_ERR_NET_CONN_RESET);
    close(sv[0]);
}

static const char *explain(const tt_failure_facts *f, char *out)
{
    return tt_explain_failure(f, out, 768, NULL);
}

Test(net, causes_from_a_real_peers_behaviour)
{
    char out[768];
    static const uint8_t http[] = "HTTP/1.1 400 Bad Request\r\n";
    tt_failure_facts f = {.ret = MBEDTLS_ERR_SSL_INVALID_RECORD, .alert_sent = -1,
                          .alert_received = -1, .peer_not_tls = 1, .peer_first = http,
                          .peer_first_len = 5, .bytes_received = 1};
    cr_expect_str_eq(explain(&f, out), "not_tls");
    cr_expect(strstr(out, "\"HTTP/\"") != NULL, "the bytes are quoted: %s", out);

    f = (tt_failure_facts){.ret = MBEDTLS_ERR_SSL_TIMEOUT, .alert_sent = -1, .alert_received = -1,
                           .timeout_ms = 2500, .state = "SERVER_HELLO"};
    cr_expect_str_eq(explain(&f, out), "timeout");
    cr_expect(strstr(out, "2.500 s timeout") && strstr(out, "SERVER_HELLO") &&
                  strstr(out, "never answered the ClientHello"), "%s", out);

    f = (tt_failure_facts){.is_server = 1, .ret = MBEDTLS_ERR_SSL_CONN_EOF, .alert_sent = -1,
                           .alert_received = -1};
    cr_expect_str_eq(explain(&f, out), "peer_closed");
    cr_expect(strstr(out, "without sending a single byte") != NULL, "%s", out);

    f = (tt_failure_facts){.ret = MBEDTLS_ERR_NET_CONN_RESET, .alert_sent = -1,
                           .alert_received = -1, .bytes_received = 1};
    cr_expect_str_eq(explain(&f, out), "peer_closed");
    cr_expect(strstr(out, "reset") != NULL, "%s", out);

    /* The client sent an empty Certificate; the server answered handshake_failure (openssl, TLS
     * 1.2), or certificate_required after the client's handshake completed (TLS 1.3), or hung up. */
    f = (tt_failure_facts){.ret = MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, .alert_sent = -1,
                           .alert_received = 40, .cert_requested = 1, .client_cert_empty = 1};
    cr_expect_str_eq(explain(&f, out), "client_certificate_missing");
    cr_expect(strstr(out, "handshake_failure") != NULL, "%s", out);
    f.alert_received = 116;
    f.post_handshake = 1;
    f.tls13 = 1;
    cr_expect_str_eq(explain(&f, out), "client_certificate_missing");
    cr_expect(strstr(out, "certificate_required") && strstr(out, "already complete"), "%s", out);
    f = (tt_failure_facts){.ret = MBEDTLS_ERR_NET_CONN_RESET, .alert_sent = -1,
                           .alert_received = -1, .cert_requested = 1, .client_cert_empty = 1,
                           .bytes_received = 1};
    cr_expect_str_eq(explain(&f, out), "client_certificate_missing");
    cr_expect(strstr(out, "without a TLS alert") != NULL, "%s", out);

    /* The client did send a certificate and the server refused it. */
    f = (tt_failure_facts){.ret = MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE, .alert_sent = -1,
                           .alert_received = 48, .cert_requested = 1, .client_cert_sent = 1};
    cr_expect_str_eq(explain(&f, out), "client_certificate_rejected");
    cr_expect(strstr(out, "unknown_ca") != NULL, "%s", out);
}
