/* libFuzzer target for the trace reader and validator (tracer/cmd/tt_trace.c): whatever the file holds,
 * no crash, no leak, and memory bounded by the line limit. See README.md here for how to run it.
 *
 * Input: one selector byte, then the file's bytes.
 *   selector bits 0-1  the line limit: 16, 256, 4096 or 1 MiB bytes
 *   selector bits 2-3  what is done with each line: 0 split only (RAW), 1 envelope (ENVELOPE,
 *                      with tt_validate_order), 2 parse + tt_validate_event, 3 tt_validate_trace
 *                      (the whole `tlstrace validate` path, report discarded)
 *   selector bit 4     the file is read 1 to 16 bytes at a time (sizes from the input) through a
 *                      stdio cookie, like a slow pipe; else all at once through fmemopen
 *   selector bit 5     RAW and ENVELOPE modes also parse each line on demand (tt_trace_parse)
 *   selector bit 6     events are taken from the reader (tt_trace_take_event) and freed here */
#define _GNU_SOURCE /* fopencookie */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "fuzz_check.h"
#include "tt_trace.h"

static const size_t max_lines[4] = {16, 256, 4096, (size_t)1 << 20};

/* A stream over the input that hands out a few bytes per read. */
typedef struct slow {
    const uint8_t *p;
    size_t n, off;
} slow;

static ssize_t slow_read(void *c, char *buf, size_t size)
{
    slow *s = c;
    if (s->off >= s->n)
        return 0;
    size_t k = 1 + (s->p[s->off] & 15);
    if (k > size)
        k = size;
    if (k > s->n - s->off)
        k = s->n - s->off;
    memcpy(buf, s->p + s->off, k);
    s->off += k;
    return (ssize_t)k;
}

static int slow_close(void *c)
{
    (void)c;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *devnull;
    if (size == 0)
        return 0;
    if (!devnull)
        devnull = fuzz_discard_stream();
    uint8_t sel = data[0];
    size_t max_line = max_lines[sel & 3];
    int mode = (sel >> 2) & 3, slow_reads = (sel >> 4) & 1, parse = (sel >> 5) & 1,
        take = (sel >> 6) & 1;
    const uint8_t *p = data + 1;
    size_t n = size - 1;

    slow s = {p, n, 0};
    FILE *f;
    if (slow_reads || n == 0) {
        cookie_io_functions_t io = {.read = slow_read, .close = slow_close};
        f = fopencookie(&s, "rb", io);
    } else {
        f = fmemopen((void *)p, n, "rb");
    }
    if (!f)
        return 0;
    tt_trace_reader *r = tt_trace_open_stream(f, "fuzz", 1, max_line);
    if (!r) {
        fclose(f);
        return 0;
    }
    if (mode == 3) {
        tt_validate_report rep;
        int rc = tt_validate_trace(r, "fuzz", devnull, 20, &rep);
        CHECK(rc == 0 || rc == 1);
        CHECK(rep.invalid <= rep.lines);
        CHECK(tt_trace_buffer_size(r) <= max_line + 2);
        tt_trace_close(r);
        return 0;
    }
    tt_trace_set_mode(r, mode == 0 ? TT_TRACE_RAW : mode == 1 ? TT_TRACE_ENVELOPE : TT_TRACE_PARSE);
    tt_validator *v = tt_validator_new();
    tt_trace_line l;
    char why[512];
    uint64_t last = 0;
    int rc;
    while ((rc = tt_trace_next(r, &l)) == 1) {
        CHECK(l.line_no == last + 1);
        last = l.line_no;
        CHECK(tt_trace_buffer_size(r) <= max_line + 2);
        if (l.text) {
            CHECK(l.len <= max_line);
            CHECK(l.text[l.len] == '\0');
        } else {
            CHECK(l.error && l.len > max_line);
        }
        if (l.env.ok)
            CHECK(l.env.session && l.env.type != TT_EV_UNKNOWN && l.env.seq >= 1);
        if (mode == 1 && v)
            (void)tt_validate_order(v, &l.env, why, sizeof(why));
        if (mode == 2)
            CHECK(!!l.error != !!l.ev);
        if (parse && mode < 2 && l.text)
            (void)tt_trace_parse(r, &l);
        if (l.ev && v) {
            (void)tt_validate_schema(l.ev, why, sizeof(why));
            if (mode == 2)
                (void)tt_validate_event(v, l.ev, why, sizeof(why));
        } else if (v && mode == 2) {
            tt_validate_skip(v);
        }
        if (take)
            cJSON_Delete(tt_trace_take_event(r, &l));
    }
    CHECK(rc == 0); /* memory streams do not fail */
    while (v && tt_validate_finish(v, why, sizeof(why)) != 0)
        ;
    tt_validator_free(v);
    tt_trace_close(r);
    return 0;
}
