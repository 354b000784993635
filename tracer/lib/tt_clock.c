/* The one place that replaces a C library function: time(). Mbed TLS 3.6 (Debian's build has no
 * MBEDTLS_PLATFORM_TIME_ALT) calls time() directly for the TLS 1.2 ServerHello random and for
 * certificate validity; the archives are linked into our executables, so this definition is the
 * one they use. Unfrozen, it is the real time. */
#include "tt_clock.h"

#include <stdatomic.h>

static _Atomic long long frozen;

void tt_clock_freeze(time_t when)
{
    atomic_store(&frozen, (long long)when);
}

time_t time(time_t *t)
{
    long long f = atomic_load(&frozen);
    time_t v;
    if (f) {
        v = (time_t)f;
    } else {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        v = ts.tv_sec;
    }
    if (t)
        *t = v;
    return v;
}

uint64_t tt_clock_synthetic(void *ctx)
{
    uint64_t *n = ctx;
    return (*n)++ * TT_FIXED_STEP_US;
}
