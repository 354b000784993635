/* libFuzzer target for the whole capture path of `tlstrace capture`: a pcap or pcapng file
 * (libpcap's reader, then tracer/capture: the secrets-block scan, link layers, IPv4/IPv6, TCP
 * reassembly, TLS detection, records, decryption attempts, the wire parser, the outcome, the
 * events). See README.md here.
 *
 * Input: the capture file's bytes. Malformed blocks, truncated packets, snaplen cuts and absurd
 * lengths must end in a clean error or a trace, never a crash, a leak or unbounded memory. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tt_capture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    FILE *f = fmemopen((void *)data, size, "rb");
    if (!f)
        return 0;
    tt_emitter em;
    tt_emitter_init(&em);
    tt_null_sink sink = {0};
    tt_emitter_add_sink(&em, tt_sink_null, &sink);
    /* Small limits, so that the bounds are reached by small inputs too. */
    tt_capture_opts o = {.em = &em, .max_conns = 4, .conn_bytes = 4096, .idle_us = 1000000};
    tt_capture *c = tt_capture_new(&o);
    if (c) {
        char err[512];
        tt_capture_read(c, f, "fuzz", err, sizeof(err)); /* takes f over */
        tt_capture_finish(c);
        tt_capture_free(c);
    } else {
        fclose(f);
    }
    tt_emitter_destroy(&em);
    return 0;
}
