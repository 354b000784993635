/* libFuzzer target for what `tlstrace replay` writes (tracer/cmd/tt_replay.c): whatever the input
 * files hold, every line written is an event `tlstrace validate` accepts, in an order it accepts;
 * and a file validate accepts goes through unchanged, with nothing reported. See README.md here.
 *
 * Input: one selector byte, then the files' bytes, separated by the byte 0xFF (never part of
 * UTF-8 text, so never of a valid line): at most 3 files.
 *   selector bits 0-1  the reader's line limit: 16, 256, 4096 or 1 MiB bytes
 *
 * The output (the written lines, one per line) is then validated as a whole: no invalid line, and
 * exactly the sessions replay reported as left open are without session_end. */
#define _GNU_SOURCE /* fopencookie */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt_emit.h"
#include "tt_replay.h"
#include "fuzz_check.h"
#include "tt_trace.h"

static const size_t max_lines[4] = {16, 256, 4096, (size_t)1 << 20};

/* Validates a whole trace held in memory, report into rep. Returns tt_validate_trace's result. */
static int validate_mem(const char *p, size_t n, size_t max_line, tt_validate_report *rep)
{
    static FILE *devnull;
    if (!devnull)
        devnull = fuzz_discard_stream();
    FILE *f = n ? fmemopen((void *)p, n, "rb") : fuzz_empty_stream();
    CHECK(f);
    tt_trace_reader *r = tt_trace_open_stream(f, "fuzz", 1, max_line);
    CHECK(r);
    int rc = tt_validate_trace(r, "fuzz", devnull, 20, rep);
    tt_trace_close(r);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t max_line = max_lines[data[0] & 3];
    const char *p = (const char *)data + 1;
    size_t n = size - 1;

    tt_replay *rp = tt_replay_new(max_line);
    CHECK(rp);
    tt_buf out = {0};
    uint64_t written = 0, unclosed = 0;
    int files = 0, single_clean = 0;
    char why[512];
    while (files < 3) {
        const char *sep = files < 2 ? memchr(p, 0xFF, n) : NULL;
        size_t fl = sep ? (size_t)(sep - p) : n;
        FILE *f = fl ? fmemopen((void *)p, fl, "rb") : fuzz_empty_stream();
        CHECK(f);
        tt_trace_reader *r = tt_trace_open_stream(f, "fuzz", 1, max_line);
        CHECK(r);
        tt_replay_begin_file(rp);
        tt_trace_line l;
        tt_replay_out o;
        uint64_t problems = 0, lines = 0;
        int got;
        while ((got = tt_trace_next(r, &l)) == 1) {
            lines++;
            tt_replay_verdict v = tt_replay_line(rp, &l, &o, why, sizeof(why));
            if (v != TT_REPLAY_WRITE) {
                CHECK(why[0]);
                problems++;
            }
            if (v == TT_REPLAY_SKIP)
                continue;
            CHECK(o.env.seq == written + 1);
            written++;
            CHECK(tt_buf_reserve(&out, o.len + 1) == 0);
            memcpy(out.p + out.len, o.text, o.len);
            out.len += o.len;
            out.p[out.len++] = '\n';
        }
        CHECK(got == 0);
        while (tt_replay_end_file(rp, why, sizeof(why)) != 0) {
            unclosed++;
            problems++;
        }
        tt_trace_close(r);
        files++;
        /* One file: replay reports nothing exactly when validate finds nothing wrong. */
        if (files == 1 && !sep) {
            tt_validate_report rep;
            int valid = validate_mem(p, fl, max_line, &rep) == 0;
            CHECK(valid == (problems == 0 && lines > 0));
            single_clean = valid;
        }
        if (!sep)
            break;
        p = sep + 1;
        n -= fl + 1;
    }
    tt_replay_free(rp);

    /* The output as a whole, read with the same line limit. */
    tt_validate_report rep;
    int rc = validate_mem(out.p, out.len, max_line, &rep);
    CHECK(rep.invalid == 0);
    CHECK(rep.lines == written);
    CHECK(rep.unclosed == unclosed);
    CHECK(rc == (written && !unclosed ? 0 : 1));
    /* A valid file goes through unchanged (but for a newline added at the end). */
    if (single_clean) {
        size_t in = size - 1;
        CHECK(out.len == in || (out.len == in + 1 && ((const char *)data)[size - 1] != '\n'));
        CHECK(!memcmp(out.p, data + 1, in < out.len ? in : out.len));
    }
    tt_buf_free(&out);
    return 0;
}
