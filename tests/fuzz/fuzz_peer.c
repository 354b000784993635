/* libFuzzer target for a hostile peer: the bytes a traced Mbed TLS endpoint receives over its
 * BIO. Everything connect and serve read from the network passes through here: Mbed TLS's own
 * parsing, and the tap's (record tee, handshake reassembly, decryption attempts, certificate
 * description, the failure explanation). See README.md here.
 *
 * Input: one selector byte, then the peer's byte stream.
 *   selector bit 0     0: the traced endpoint is a server (the input is a client's bytes, e.g. a
 *                      ClientHello); 1: a client (the input is a server's flight)
 *   selector bit 1     TLS 1.2 only (else 1.2 and 1.3)
 *   selector bits 2-4  the peer's bytes arrive in chunks of 1 << (bits) * 3 bytes (1 .. 2^21)
 * The endpoint steps until it fails, finishes, or waits for bytes the input does not have; then
 * the handshake is ended and the session closed exactly as serve and connect do. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tt_arena.h"
#include "tt_emit.h"
#include "tt_endpoint.h"
#include "tt_pki.h"
#include "tt_tap.h"

static tt_endpoint server[2], client[2];
static tt_emitter em;
static tt_null_sink null_sink;

typedef struct feed {
    const uint8_t *p;
    size_t n, off, chunk;
} feed;

static int peer_send(void *ctx, const unsigned char *buf, size_t len)
{
    (void)ctx;
    (void)buf;
    return (int)len; /* what the traced endpoint writes goes nowhere */
}

static int peer_recv(void *ctx, unsigned char *buf, size_t len)
{
    feed *f = ctx;
    if (f->off == f->n)
        return 0; /* the peer closed */
    size_t k = f->n - f->off;
    if (k > len)
        k = len;
    if (k > f->chunk)
        k = f->chunk;
    memcpy(buf, f->p + f->off, k);
    f->off += k;
    return (int)k;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char dir[] = "/tmp/tt-fuzz-peer-XXXXXX", a[256], b[256], c[256], d[256], e[256], err[512];
    if (!mkdtemp(dir) || tt_pki_write_embedded(dir, err, sizeof(err)) != 0)
        abort();
    snprintf(a, sizeof(a), "%s/root-ca.crt", dir);
    snprintf(b, sizeof(b), "%s/server.crt", dir);
    snprintf(c, sizeof(c), "%s/server.key", dir);
    snprintf(d, sizeof(d), "%s/client.crt", dir);
    snprintf(e, sizeof(e), "%s/client.key", dir);
    for (int v = 0; v < 2; v++) {
        /* The server asks for a client certificate (optional), so client Certificate messages
         * are parsed and verified too. */
        tt_endpoint_opts so = {.is_server = 1, .cert_file = b, .key_file = c, .ca_file = a,
                               .authmode = 1 /* MBEDTLS_SSL_VERIFY_OPTIONAL */,
                               .tls = v ? "1.2" : NULL};
        tt_endpoint_opts co = {.is_server = 0, .ca_file = a, .cert_file = d, .key_file = e,
                               .tls = v ? "1.2" : NULL};
        if (tt_endpoint_init(&server[v], &so, err, sizeof(err)) != 0 ||
            tt_endpoint_init(&client[v], &co, err, sizeof(err)) != 0) {
            fprintf(stderr, "fuzz_peer: %s\n", err);
            abort();
        }
    }
    tt_pki_remove_embedded(dir);
    tt_emitter_init(&em);
    tt_emitter_add_sink(&em, tt_sink_null, &null_sink);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t sel = data[0];
    int is_client = sel & 1, v12 = (sel >> 1) & 1;
    tt_endpoint *ep = is_client ? &client[v12] : &server[v12];
    feed f = {.p = data + 1, .n = size - 1, .chunk = (size_t)1 << (((sel >> 2) & 7) * 3)};
    mbedtls_ssl_context ssl;
    mbedtls_ssl_init(&ssl);
    if (mbedtls_ssl_setup(&ssl, &ep->conf) != 0 ||
        (is_client && mbedtls_ssl_set_hostname(&ssl, "tlstrace-demo.local") != 0))
        abort();
    tt_tap_config tc = tt_endpoint_tap_config(ep, &em, "fuzz", NULL, 1000);
    tt_tap *tap = tt_tap_new(&tc);
    if (!tap)
        abort();
    tt_tap_attach(tap, &ssl, &f, peer_send, peer_recv);
    int r = 0;
    for (int steps = 0; steps < 200 && !tt_tap_finished_stepping(tap); steps++) {
        r = tt_tap_step(tap);
        if (r != 0 && r != MBEDTLS_ERR_SSL_WANT_READ && r != MBEDTLS_ERR_SSL_WANT_WRITE)
            break;
        r = 0;
    }
    tt_tap_end_handshake(tap, r, r == 0 && !tt_tap_finished_stepping(tap), 0);
    tt_tap_session_end(tap, tt_tap_ok(tap) ? "eof" : "failed");
    tt_tap_free(tap);
    mbedtls_ssl_free(&ssl);
    return 0;
}
