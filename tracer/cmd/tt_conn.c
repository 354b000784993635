#include "tt_conn.h"
#include "tt_arena.h"

#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <mbedtls/net_sockets.h>

int tt_conn_init(tt_conn *c, tt_endpoint *ep, int fd, int timeout_ms, const char *server_name,
                 tt_emitter *em, const char *session, FILE *keylog)
{
    memset(c, 0, sizeof(*c));
    mbedtls_ssl_init(&c->ssl);
    c->sock.fd = fd;
    c->sock.timeout_ms = timeout_ms;
    if (mbedtls_ssl_setup(&c->ssl, &ep->conf) != 0)
        return -1;
    if (server_name && mbedtls_ssl_set_hostname(&c->ssl, server_name) != 0)
        return -1;
    if (em) {
        tt_tap_config tc = tt_endpoint_tap_config(ep, em, session, keylog, timeout_ms);
        c->tap = tt_tap_new(&tc);
        if (!c->tap)
            return -1;
        tt_tap_attach(c->tap, &c->ssl, &c->sock, tt_net_send, tt_net_recv);
    } else {
        mbedtls_ssl_set_bio(&c->ssl, &c->sock, tt_net_send, tt_net_recv, NULL);
    }
    return 0;
}

static void record_bytes(void *ctx, int sent, const unsigned char *p, size_t n)
{
    tt_conn *c = ctx;
    /* A client's sends and a server's receives are the client's bytes. */
    tt_pcap_tcp_data(&c->pcap, sent != c->is_server, p, n, tt_pcap_now_us());
}

/* The address and port of a socket end (peer: 1 for the remote one); the family, or 0. */
static int sock_addr(int fd, int peer, uint8_t addr[16], uint16_t *port)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    if ((peer ? getpeername(fd, (struct sockaddr *)&ss, &sl)
              : getsockname(fd, (struct sockaddr *)&ss, &sl)) != 0)
        return 0;
    if (ss.ss_family == AF_INET) {
        const struct sockaddr_in *a = (const struct sockaddr_in *)&ss;
        memcpy(addr, &a->sin_addr, 4);
        *port = ntohs(a->sin_port);
        return 4;
    }
    if (ss.ss_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)&ss;
        memcpy(addr, &a->sin6_addr, 16);
        *port = ntohs(a->sin6_port);
        return 6;
    }
    return 0;
}

void tt_conn_record(tt_conn *c, tt_pcapng_out *w, int is_server)
{
    uint8_t local[16] = {0}, remote[16] = {0};
    uint16_t lport = 0, rport = 0;
    int fam = sock_addr(c->sock.fd, 0, local, &lport);
    if (!w || !fam || sock_addr(c->sock.fd, 1, remote, &rport) != fam)
        return;
    if (is_server)
        tt_pcap_tcp_init(&c->pcap, w, (uint8_t)fam, remote, rport, local, lport);
    else
        tt_pcap_tcp_init(&c->pcap, w, (uint8_t)fam, local, lport, remote, rport);
    c->is_server = is_server;
    c->recording = 1;
    tt_pcap_tcp_open(&c->pcap, tt_pcap_now_us());
    c->sock.on_bytes = record_bytes;
    c->sock.on_bytes_ctx = c;
}

/* After a failed write the peer has closed; what it sent before closing (typically the fatal
 * alert saying why) may still wait in the socket, unread by Mbed TLS. */
static void read_what_is_left(tt_conn *c)
{
    unsigned char buf[4096];
    if (!c->tap)
        return;
    for (int i = 0; i < 16; i++) {
        ssize_t n = recv(c->sock.fd, buf, sizeof(buf), MSG_DONTWAIT);
        if (n <= 0)
            break;
        if (c->sock.on_bytes)
            c->sock.on_bytes(c->sock.on_bytes_ctx, 0, buf, (size_t)n);
        tt_tap_received_after_failure(c->tap, buf, (size_t)n);
    }
}

static int write_failed(int r)
{
    return r == MBEDTLS_ERR_NET_CONN_RESET || r == MBEDTLS_ERR_NET_SEND_FAILED;
}

static int is_want(int r)
{
    return r == MBEDTLS_ERR_SSL_WANT_READ || r == MBEDTLS_ERR_SSL_WANT_WRITE;
}

int tt_conn_handshake(tt_conn *c)
{
    int r = 0;
    /* The whole handshake must finish within the timeout, not merely each read. */
    if (c->sock.timeout_ms > 0)
        c->sock.deadline_ms = tt_net_now_ms() + c->sock.timeout_ms;
    c->sock.late_bytes = 0;
    if (c->tap) {
        while (!tt_tap_finished_stepping(c->tap)) {
            r = tt_tap_step(c->tap);
            if (r != 0 && !is_want(r))
                break;
            r = 0;
        }
        if (write_failed(r))
            read_what_is_left(c);
        tt_tap_end_handshake(c->tap, r, 0, 0);
    } else {
        do
            r = mbedtls_ssl_handshake(&c->ssl);
        while (is_want(r));
    }
    c->sock.deadline_ms = 0;
    c->handshake_ok = r == 0;
    c->failed = r != 0;
    return c->handshake_ok;
}

size_t tt_conn_read(tt_conn *c, unsigned char *buf, size_t len, int wait_ms, int quiet_ms)
{
    size_t got = 0;
    int saved = c->sock.timeout_ms;
    c->sock.timeout_ms = wait_ms;
    while (!c->closed && !c->failed && got < len) {
        int r = mbedtls_ssl_read(&c->ssl, buf + got, len - got);
        if (r > 0) {
            got += (size_t)r;
            c->sock.timeout_ms = quiet_ms;
            continue;
        }
        if (r == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET || is_want(r))
            continue;
        if (r == MBEDTLS_ERR_SSL_TIMEOUT)
            break; /* nothing more for now: not an error after the handshake */
        if (r == 0 || r == MBEDTLS_ERR_SSL_CONN_EOF) {
            c->closed = 2;
            break;
        }
        if (r == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
            c->closed = 1;
            break;
        }
        /* The peer refused after Mbed TLS had reported success (TLS 1.3: a client learns on its
         * first read that the server rejected its certificate), or the connection broke. */
        c->failed = 1;
        if (c->handshake_ok && c->tap) {
            if (write_failed(r))
                read_what_is_left(c);
            tt_tap_end_handshake(c->tap, r, 0, 1);
        }
        c->handshake_ok = 0;
    }
    c->sock.timeout_ms = saved;
    return got;
}

/* A write failed after the handshake: the peer has closed. If it refused this endpoint (TLS 1.3:
 * the server checks the client's certificate after the client's Finished), its alert was sent
 * first: let Mbed TLS read it, or read it from the socket, and report the refusal. A refusal only
 * with evidence (an alert, or a certificate asked for and not given): a peer that merely went
 * away leaves the handshake a success. */
static void report_refusal_after_write(tt_conn *c, int r)
{
    unsigned char tmp[256];
    int saved = c->sock.timeout_ms, rr = 0;
    c->sock.timeout_ms = 200;
    for (int i = 0; i < 8; i++) { /* tickets may come before the alert */
        rr = mbedtls_ssl_read(&c->ssl, tmp, sizeof(tmp));
        if (rr != MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
            break;
    }
    c->sock.timeout_ms = saved;
    if (rr >= 0 || rr == MBEDTLS_ERR_SSL_TIMEOUT || is_want(rr))
        rr = r;
    if (write_failed(rr))
        read_what_is_left(c);
    if (rr == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE || tt_tap_peer_alert(c->tap) >= 0 ||
        tt_tap_sent_empty_certificate(c->tap)) {
        tt_tap_end_handshake(c->tap, rr, 0, 1);
        c->handshake_ok = 0;
    }
}

int tt_conn_write(tt_conn *c, const unsigned char *buf, size_t len)
{
    size_t off = 0;
    while (off < len) {
        int r = mbedtls_ssl_write(&c->ssl, buf + off, len - off);
        if (is_want(r))
            continue;
        if (r <= 0) {
            if (c->handshake_ok && c->tap)
                report_refusal_after_write(c, r);
            c->closed = 2;
            c->failed = 1;
            return -1;
        }
        off += (size_t)r;
    }
    return 0;
}

void tt_conn_finish(tt_conn *c)
{
    int sent_close = 0;
    if (c->handshake_ok && !c->failed && c->closed != 2) {
        int saved = c->sock.timeout_ms;
        c->sock.timeout_ms = 1000;
        sent_close = mbedtls_ssl_close_notify(&c->ssl) == 0;
        c->sock.timeout_ms = saved;
    }
    if (c->tap) {
        tt_tap_session_end(c->tap, !c->handshake_ok ? "failed"
                                   : c->closed == 1 || sent_close ? "close_notify"
                                                                  : "eof");
        tt_tap_free(c->tap);
        c->tap = NULL;
    }
    if (c->recording) {
        tt_pcap_tcp_close(&c->pcap, tt_pcap_now_us());
        c->recording = 0;
        c->sock.on_bytes = NULL;
    }
    mbedtls_ssl_free(&c->ssl);
}
