/* What the fuzz targets share: CHECK(cond) stops the run where a property does not hold (a trap,
 * which libFuzzer reports as a crash and keeps the input for). */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            __builtin_trap();                                                                      \
    } while (0)

#endif
