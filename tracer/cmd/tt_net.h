/* TCP for connect and serve: name resolution and connection with a deadline, a listening socket,
 * and Mbed TLS BIO callbacks on a socket that wait at most a timeout for the peer. Network faults
 * are classified (refused, not resolved, timed out, ...) so that a trace can explain them. */
#ifndef TT_NET_H
#define TT_NET_H

#include <stddef.h>

/* What went wrong before TLS could start. */
typedef enum tt_net_fault {
    TT_NET_OK = 0,
    TT_NET_NAME_NOT_RESOLVED, /* getaddrinfo found no address */
    TT_NET_REFUSED,           /* ECONNREFUSED: nothing listens on that port */
    TT_NET_TIMEOUT,           /* no answer to the TCP handshake before the deadline */
    TT_NET_UNREACHABLE,       /* ENETUNREACH / EHOSTUNREACH */
    TT_NET_OTHER,
} tt_net_fault;

typedef struct tt_net_error {
    tt_net_fault fault;
    char text[200];           /* one line: "connect to 127.0.0.1:9: Connection refused" */
} tt_net_error;

/* Splits "HOST:PORT", "[V6]:PORT" (or, with allow_port_only, "PORT") into host (empty when only a
 * port was given) and port. Returns 0, or -1 with a reason in err. */
int tt_net_split(const char *s, int allow_port_only, char *host, size_t hostlen, char *port,
                 size_t portlen, char *err, size_t errlen);

/* Resolves host and connects to the first address that answers, within timeout_ms overall.
 * Returns a connected blocking socket, or -1 with e filled. `peer` receives "ADDR:PORT" of the
 * address connected to (or tried last). */
int tt_net_connect(const char *host, const char *port, int timeout_ms, tt_net_error *e,
                   char *peer, size_t peerlen);

/* Binds and listens on host (empty: 127.0.0.1, loopback only, as `tlstrace ui` does) and port
 * ("0": any free port). Returns the socket, or -1 with a one-line reason in err. `bound` receives
 * "ADDR:PORT" as actually bound. */
int tt_net_listen(const char *host, const char *port, int backlog, char *bound, size_t boundlen,
                  char *err, size_t errlen);

/* "ADDR:PORT" of a socket's peer or local end. */
void tt_net_peer_name(int fd, int local, char *out, size_t len);

/* A connected socket as an Mbed TLS BIO: receives wait at most timeout_ms (0: forever) for the
 * peer, then fail with MBEDTLS_ERR_SSL_TIMEOUT; so do sends that find the socket's buffer full
 * (a peer that does not read). */
typedef struct tt_net_sock {
    int fd;
    int timeout_ms;
    long long deadline_ms;    /* CLOCK_MONOTONIC ms after which receives time out at once (0: none):
                                 a peer trickling one byte at a time cannot hold a slot forever */
    const volatile int *stop; /* when set and non-zero, a waiting receive gives up at once (as a
                                 timeout): a server being stopped ends its idle connections */
    int timed_out;            /* the last receive (or send) hit the timeout */
    size_t late_bytes;        /* received after deadline_ms (a last look, bounded); reset it
                                 with the deadline */
    /* Called with the bytes each send and receive moved (sent: 1 for a send), e.g. to write
     * them to a capture file (--pcap); NULL: nothing. */
    void (*on_bytes)(void *ctx, int sent, const unsigned char *p, size_t n);
    void *on_bytes_ctx;
} tt_net_sock;

int tt_net_send(void *ctx, const unsigned char *buf, size_t len);
int tt_net_recv(void *ctx, unsigned char *buf, size_t len);

/* Now on CLOCK_MONOTONIC, in ms (for deadline_ms). */
long long tt_net_now_ms(void);

#endif
