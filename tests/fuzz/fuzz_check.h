/* What the fuzz targets share: CHECK(cond) stops the run where a property does not hold, naming
 * it (libFuzzer reports the abort as a crash and keeps the input). */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: CHECK(%s) does not hold\n", __FILE__, __LINE__, #cond);         \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#ifdef _GNU_SOURCE
/* A stream with nothing to read, and one that takes every write and keeps nothing: in memory, so
 * that no target depends on /dev/null (fopencookie: for targets that define _GNU_SOURCE). */
static inline ssize_t fuzz_read_nothing(void *c, char *buf, size_t n)
{
    (void)c, (void)buf, (void)n;
    return 0;
}
static inline ssize_t fuzz_write_away(void *c, const char *buf, size_t n)
{
    (void)c, (void)buf;
    return (ssize_t)n;
}
static inline FILE *fuzz_empty_stream(void)
{
    return fopencookie(NULL, "rb", (cookie_io_functions_t){.read = fuzz_read_nothing});
}
static inline FILE *fuzz_discard_stream(void)
{
    return fopencookie(NULL, "w", (cookie_io_functions_t){.write = fuzz_write_away});
}
#endif

#endif
