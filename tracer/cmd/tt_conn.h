/* One TLS connection over a socket, traced or not: the handshake loop, reading what the peer
 * sends afterwards, and the close. Shared by connect (client) and serve (server). */
#ifndef TT_CONN_H
#define TT_CONN_H

#include <stddef.h>
#include <stdio.h>
#include "tt_endpoint.h"
#include "tt_net.h"
#include "tt_pcapng.h"
#include "tt_tap.h"

typedef struct tt_conn {
    mbedtls_ssl_context ssl;
    tt_net_sock sock;
    tt_tap *tap;           /* NULL: untraced */
    int handshake_ok;      /* the handshake succeeded and nothing refused it afterwards */
    int closed;            /* the peer closed: 1 close_notify, 2 end of stream */
    int failed;            /* a fatal error after the handshake */
    tt_pcap_tcp pcap;      /* --pcap: the connection's bytes as packets (when recording) */
    int recording, is_server;
} tt_conn;

/* Sets up ssl on the connected socket fd (not owned), with a tap when em != NULL (session_start
 * is the caller's). server_name: the name a client asks for and checks (NULL for a server).
 * Returns 0, or -1 when out of memory. */
int tt_conn_init(tt_conn *c, tt_endpoint *ep, int fd, int timeout_ms, const char *server_name,
                 tt_emitter *em, const char *session, FILE *keylog);

/* Writes every byte of the connection into w (--pcap) as a TCP connection between the socket's
 * real addresses, from now to tt_conn_finish. Call after tt_conn_init. */
void tt_conn_record(tt_conn *c, tt_pcapng_out *w, int is_server);

/* Runs the handshake to its end and reports it (handshake_done / handshake_failed). Returns 1
 * when it succeeded. */
int tt_conn_handshake(tt_conn *c);

/* Reads application data for up to wait_ms (the first byte) then quiet_ms between records.
 * Tickets are consumed; a fatal alert after a handshake reported complete is reported as its
 * failure (TLS 1.3: a server refusing the client's certificate). Returns bytes read into buf
 * (0: nothing came, the peer closed or failed: see closed/failed). */
size_t tt_conn_read(tt_conn *c, unsigned char *buf, size_t len, int wait_ms, int quiet_ms);

/* Writes all of buf; returns 0, or -1 (the connection failed). */
int tt_conn_write(tt_conn *c, const unsigned char *buf, size_t len);

/* Sends close_notify when the connection is still up, emits session_end, frees (not the fd). */
void tt_conn_finish(tt_conn *c);

#endif
