/* libFuzzer target for the wire parser (tracer/lib/tt_wire.c) and, through Certificate messages, the
 * certificate reader (tracer/lib/tt_x509.c). See README.md here for how to build and run it.
 *
 * Input: one selector byte, then the bytes under test.
 *   selector bit 0     ctx.tls13
 *   selector bits 1-4  ctx.cipher_suite, an index into `suites` below (key exchanges differ)
 *   selector bit 5     feed the reassembler in chunks whose sizes come from the input itself
 *   selector bits 6-7  the reassembler's maximum message size (small to huge)
 * The bytes go to every entry point: the record header, a handshake message, an alert, a
 * change_cipher_spec, and the reassembler whose complete messages are decoded in turn. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "tt_wire.h"

static const uint16_t suites[16] = {
    0x0000,                 /* not known yet */
    0x1301, 0x1302, 0x1303, /* TLS 1.3 */
    0xc02b, 0xc02f, 0xc030, /* ECDHE */
    0x009e,                 /* DHE */
    0x009c,                 /* RSA */
    0x00a8,                 /* PSK */
    0xc037,                 /* ECDHE_PSK */
    0x00aa,                 /* DHE_PSK */
    0x00ac,                 /* RSA_PSK */
    0x0034,                 /* DH_anon */
    0xc018,                 /* ECDH_anon */
    0xc0ff,                 /* EC J-PAKE (not decoded) */
};

static const size_t reasm_max[4] = {64, 4096, 16384 + 4, 1 << 20};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t sel = data[0];
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    tt_wire_ctx ctx = {.tls13 = sel & 1, .cipher_suite = suites[(sel >> 1) & 15]};
    tt_decoded d;

    tt_record_hdr hdr;
    char err[128];
    (void)tt_wire_record_header(p, n, &hdr, err, sizeof(err));

    (void)tt_wire_handshake(p, n, &ctx, &d);
    tt_decoded_free(&d);
    (void)tt_wire_alert(p, n, &d);
    tt_decoded_free(&d);
    (void)tt_wire_ccs(p, n, &d);
    tt_decoded_free(&d);

    /* Reassembly: the whole input at once, or in chunks of 1..16 bytes (sizes from the input). */
    tt_hs_reasm r;
    tt_hs_reasm_init(&r, reasm_max[sel >> 6]);
    size_t off = 0;
    while (off < n) {
        size_t chunk = (sel & 0x20) ? 1 + (p[off] & 15) : n;
        if (chunk > n - off)
            chunk = n - off;
        if (tt_hs_reasm_push(&r, p + off, chunk) != 0)
            break;
        off += chunk;
        uint8_t *msg;
        size_t len;
        int rc;
        while ((rc = tt_hs_reasm_next(&r, &msg, &len)) == 1) {
            (void)tt_wire_handshake(msg, len, &ctx, &d);
            tt_decoded_free(&d);
            free(msg);
        }
        if (rc < 0)
            break;
    }
    (void)tt_hs_reasm_pending(&r);
    tt_hs_reasm_free(&r);
    return 0;
}
