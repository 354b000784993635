/* Time, made reproducible on request. Recorded fixtures must come out byte-identical when they are
 * regenerated, so `demo --fixed-clock` freezes two clocks:
 *  - the wall clock Mbed TLS reads with time(): the TLS 1.2 ServerHello random starts with it, and
 *    certificate validity is checked against it;
 *  - the emitter's clock: event times (t_us) become synthetic, TT_FIXED_STEP_US apart. */
#ifndef TT_CLOCK_H
#define TT_CLOCK_H

#include <stdint.h>
#include <time.h>

#define TT_FIXED_TIME 1767225600 /* 2026-01-01T00:00:00Z: inside the classroom PKI's validity */
#define TT_FIXED_STEP_US 250

/* Freezes time() at `when` for the whole process (0 unfreezes). */
void tt_clock_freeze(time_t when);
/* An emitter clock (tt_clock_fn) that advances TT_FIXED_STEP_US per call; ctx: a uint64_t. */
uint64_t tt_clock_synthetic(void *ctx);

#endif
