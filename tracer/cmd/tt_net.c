#define _GNU_SOURCE /* EAI_NODATA, accept4 */
#include "tt_net.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>

int tt_net_split(const char *s, int allow_port_only, char *host, size_t hostlen, char *port,
                 size_t portlen, char *err, size_t errlen)
{
    const char *colon = NULL, *hs = s, *he;
    if (s[0] == '[') {
        const char *close = strchr(s, ']');
        if (!close || close[1] != ':') {
            snprintf(err, errlen, "'%s' is not [ADDRESS]:PORT", s);
            return -1;
        }
        hs = s + 1;
        he = close;
        colon = close + 1;
    } else {
        colon = strrchr(s, ':');
        if (colon && strchr(s, ':') != colon) {
            snprintf(err, errlen, "'%s': write an IPv6 address as [ADDRESS]:PORT", s);
            return -1;
        }
        he = colon;
    }
    const char *p = colon ? colon + 1 : s;
    if (!colon) {
        if (!allow_port_only) {
            snprintf(err, errlen, "'%s' is not HOST:PORT", s);
            return -1;
        }
        hs = he = s;
    }
    size_t hl = (size_t)(he - hs);
    if ((colon && hl == 0 && !allow_port_only) || hl >= hostlen) {
        snprintf(err, errlen, "'%s': %s", s, hl ? "host name too long" : "missing host");
        return -1;
    }
    char *end;
    errno = 0;
    long n = *p ? strtol(p, &end, 10) : -1;
    if (!*p || *end || errno || n < 0 || n > 65535 || strlen(p) >= portlen) {
        snprintf(err, errlen, "'%s': the port must be a number from 0 to 65535", s);
        return -1;
    }
    memcpy(host, hs, hl);
    host[hl] = 0;
    snprintf(port, portlen, "%ld", n);
    return 0;
}

static void addr_name(const struct sockaddr *sa, char *out, size_t len)
{
    char a[INET6_ADDRSTRLEN] = "?";
    int port = 0;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        inet_ntop(AF_INET, &in->sin_addr, a, sizeof(a));
        port = ntohs(in->sin_port);
        snprintf(out, len, "%s:%d", a, port);
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
        inet_ntop(AF_INET6, &in6->sin6_addr, a, sizeof(a));
        port = ntohs(in6->sin6_port);
        snprintf(out, len, "[%s]:%d", a, port);
    } else {
        snprintf(out, len, "?");
    }
}

void tt_net_peer_name(int fd, int local, char *out, size_t len)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    int r = local ? getsockname(fd, (struct sockaddr *)&ss, &sl)
                  : getpeername(fd, (struct sockaddr *)&ss, &sl);
    if (r != 0)
        snprintf(out, len, "?");
    else
        addr_name((struct sockaddr *)&ss, out, len);
}

long long tt_net_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static tt_net_fault fault_of(int e)
{
    switch (e) {
    case ECONNREFUSED: return TT_NET_REFUSED;
    case ETIMEDOUT: return TT_NET_TIMEOUT;
    case ENETUNREACH:
    case EHOSTUNREACH: return TT_NET_UNREACHABLE;
    default: return TT_NET_OTHER;
    }
}

/* Non-blocking connect, waited for with poll until the deadline; the socket is blocking again on
 * success. Returns 0 or an errno. */
static int connect_until(int fd, const struct sockaddr *sa, socklen_t sl, long long deadline)
{
    int fl = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, fl | O_NONBLOCK);
    int r = connect(fd, sa, sl);
    if (r != 0 && errno != EINPROGRESS)
        return errno;
    if (r != 0) {
        for (;;) {
            long long left = deadline - tt_net_now_ms();
            if (left <= 0)
                return ETIMEDOUT;
            struct pollfd p = {.fd = fd, .events = POLLOUT};
            int n = poll(&p, 1, (int)left);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return errno;
            if (n == 0)
                return ETIMEDOUT;
            int soerr = 0;
            socklen_t el = sizeof(soerr);
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &el);
            if (soerr)
                return soerr;
            break;
        }
    }
    fcntl(fd, F_SETFL, fl);
    return 0;
}

int tt_net_connect(const char *host, const char *port, int timeout_ms, tt_net_error *e,
                   char *peer, size_t peerlen)
{
    memset(e, 0, sizeof(*e));
    snprintf(peer, peerlen, "%s:%s", host, port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_protocol = IPPROTO_TCP}, *res = NULL;
    int g = getaddrinfo(host, port, &hints, &res);
    if (g != 0) {
        e->fault = g == EAI_NONAME || g == EAI_NODATA || g == EAI_AGAIN || g == EAI_FAIL
                       ? TT_NET_NAME_NOT_RESOLVED
                       : TT_NET_OTHER;
        snprintf(e->text, sizeof(e->text), "cannot resolve '%s': %s", host,
                 g == EAI_SYSTEM ? strerror(errno) : gai_strerror(g));
        return -1;
    }
    long long deadline = tt_net_now_ms() + (timeout_ms > 0 ? timeout_ms : 24 * 3600 * 1000);
    int fd = -1, last = 0;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        addr_name(ai->ai_addr, peer, peerlen);
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            last = errno;
            continue;
        }
        last = connect_until(fd, ai->ai_addr, ai->ai_addrlen, deadline);
        if (last == 0)
            break;
        close(fd);
        fd = -1;
        if (last == ETIMEDOUT)
            break; /* the deadline is for the whole connection attempt */
    }
    freeaddrinfo(res);
    if (fd < 0) {
        e->fault = fault_of(last);
        if (last == ETIMEDOUT)
            snprintf(e->text, sizeof(e->text), "connect to %s: no answer within %d ms", peer,
                     timeout_ms);
        else
            snprintf(e->text, sizeof(e->text), "connect to %s: %s", peer, strerror(last));
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
}

int tt_net_listen(const char *host, const char *port, int backlog, char *bound, size_t boundlen,
                  char *err, size_t errlen)
{
    const char *h = host && *host ? host : "127.0.0.1";
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE}, *res = NULL;
    int g = getaddrinfo(h, port, &hints, &res);
    if (g != 0) {
        snprintf(err, errlen, "cannot resolve '%s': %s", h, gai_strerror(g));
        return -1;
    }
    int fd = -1, last = 0;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            last = errno;
            continue;
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, backlog) != 0) {
            last = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0) {
        snprintf(err, errlen, "cannot listen on %s:%s: %s", h, port, strerror(last));
        return -1;
    }
    tt_net_peer_name(fd, 1, bound, boundlen);
    return fd;
}

/* Waits for events on fd: 1 ready (or closed), 0 timeout, -1 error. timeout_ms < 0: forever,
 * 0: only a look at what is there now. */
static int wait_fd(int fd, short events, int timeout_ms)
{
    for (;;) {
        struct pollfd p = {.fd = fd, .events = events};
        int n = poll(&p, 1, timeout_ms);
        if (n < 0 && errno == EINTR)
            continue;
        return n < 0 ? -1 : n > 0;
    }
}

/* One full record as the most a receive may still take after the deadline (RFC 5246 §6.2.3:
 * 2^14 + 2048 bytes of ciphertext, plus its 5-byte header). */
#define LATE_BYTES_MAX (5 + 16384 + 2048)

/* Waits until the socket is ready for `events` within the socket's limits: its timeout, the
 * deadline, and the stop flag. 1 ready, 0 timed out (timed_out is set), -1 error. */
static int sock_wait(tt_net_sock *s, short events)
{
    s->timed_out = 0;
    long long wait = s->timeout_ms > 0 ? s->timeout_ms : -1;
    if (s->deadline_ms) {
        long long left = s->deadline_ms - tt_net_now_ms();
        if (left <= 0) {
            /* A last look: bytes already there are still read (a peer's alert that just came),
             * but no more than one record's worth, so a peer that never stops sending cannot
             * stretch the deadline (Mbed TLS skips warning alerts in a handshake). */
            if (events == POLLIN && s->late_bytes < LATE_BYTES_MAX)
                left = 0;
            else
                left = -1;
        }
        if (left < 0) {
            s->timed_out = 1;
            return 0;
        }
        if (wait < 0 || left < wait)
            wait = left;
    }
    long long end = tt_net_now_ms() + wait;
    for (;;) {
        /* Looked at before every wait, not only while idle: a peer that keeps the socket busy
         * must not keep a stopping server running. */
        if (s->stop && *s->stop) {
            s->timed_out = 1;
            return 0;
        }
        long long left = wait < 0 ? -1 : end - tt_net_now_ms();
        if (wait >= 0 && left < 0)
            left = 0;
        /* With a stop flag, wait in slices and look at it between them. */
        long long slice = s->stop && (left < 0 || left > 100) ? 100 : left;
        int w = wait_fd(s->fd, events, (int)slice);
        if (w != 0)
            return w;
        if (slice == left) { /* waited all that was left */
            s->timed_out = 1;
            return 0;
        }
    }
}

int tt_net_send(void *ctx, const unsigned char *buf, size_t len)
{
    tt_net_sock *s = ctx;
    s->timed_out = 0;
    int waited = 0;
    for (;;) {
        ssize_t n = send(s->fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n >= 0) {
            if (s->on_bytes && n > 0)
                s->on_bytes(s->on_bytes_ctx, 1, buf, (size_t)n);
            return (int)n;
        }
        if (errno == EINTR)
            continue;
        if ((errno == EAGAIN || errno == EWOULDBLOCK) && !waited) {
            /* A peer that stops reading has filled the socket's buffer: wait for room within
             * the same limits as a receive (timeout, deadline, stop flag), never in a blocking
             * send(), which would hold this connection's worker, and a stopping server, for
             * as long as the peer likes. */
            if (sock_wait(s, POLLOUT) == 0)
                return MBEDTLS_ERR_SSL_TIMEOUT;
            waited = 1;
            continue;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return MBEDTLS_ERR_SSL_WANT_WRITE;
        return errno == EPIPE || errno == ECONNRESET ? MBEDTLS_ERR_NET_CONN_RESET
                                                     : MBEDTLS_ERR_NET_SEND_FAILED;
    }
}

int tt_net_recv(void *ctx, unsigned char *buf, size_t len)
{
    tt_net_sock *s = ctx;
    int w = sock_wait(s, POLLIN);
    if (w == 0)
        return MBEDTLS_ERR_SSL_TIMEOUT;
    for (;;) {
        ssize_t n = recv(s->fd, buf, len, MSG_DONTWAIT);
        if (n >= 0) {
            if (s->deadline_ms && tt_net_now_ms() >= s->deadline_ms)
                s->late_bytes += (size_t)n;
            if (s->on_bytes && n > 0)
                s->on_bytes(s->on_bytes_ctx, 0, buf, (size_t)n);
            return (int)n; /* 0: the peer closed (Mbed TLS reports MBEDTLS_ERR_SSL_CONN_EOF) */
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return MBEDTLS_ERR_SSL_WANT_READ;
        return errno == ECONNRESET ? MBEDTLS_ERR_NET_CONN_RESET : MBEDTLS_ERR_NET_RECV_FAILED;
    }
}
