/* tlstrace bench: what tracing costs. N untraced and N traced in-process handshakes of the same
 * configuration, in alternating batches (so a noisy machine hurts both alike), events serialized
 * to a null sink; then the rates, their ratio, and the tracer's memory per traced connection. */
#include "tt_cli.h"
#include "tt_demo.h"
#include "tt_emit.h"
#include "tt_arena.h"
#include "tt_scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char bench_usage[] =
    "usage: tlstrace bench [--handshakes N] [--scenario NAME] [--tls 1.2|1.3] [--batch N]\n"
    "\n"
    "Runs N untraced and N traced in-process handshakes (default 200 each, scenario mutual,\n"
    "TLS 1.3) in alternating batches, and prints both rates, the ratio of traced to untraced\n"
    "time (target <= 1.05 for mutual TLS 1.3), and the tracer's memory per traced connection\n"
    "(target <= 64 KiB beyond Mbed TLS's own).\n"
    "\n"
    "  --handshakes N   handshakes per mode (default 200)\n"
    "  --scenario NAME  the scenario to run (default mutual)\n"
    "  --tls 1.2|1.3    the version (default 1.3)\n"
    "  --batch N        handshakes per batch before switching mode (default 10)\n"
    "  --only MODE      run only 'traced' or only 'untraced' handshakes: for instruction\n"
    "                   counts that the machine's noise cannot move, compare\n"
    "                   valgrind --tool=callgrind tlstrace bench --only traced (then untraced)\n"
    "  --serve          benchmark 'tlstrace serve' instead: see 'tlstrace bench --serve --help'\n"
    "  --capture        benchmark 'tlstrace capture' against tshark, and --pcap: see\n"
    "                   'tlstrace bench --capture --help'\n";

static int parse_count(const char *s, long *out, long max)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 1 || v > max)
        return -1;
    *out = v;
    return 0;
}

int tt_bench_serve(int argc, char **argv);
int tt_bench_capture(int argc, char **argv);

int tt_cmd_bench(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--serve"))
            return tt_bench_serve(argc, argv);
        else if (!strcmp(argv[i], "--capture"))
            return tt_bench_capture(argc, argv);
    const char *scenario = "mutual", *tls = "1.3";
    long n = 200, batch = 10;
    int only = -1; /* -1 both, 0 untraced, 1 traced */
    tt_args a;
    tt_args_init(&a, "bench", argc, argv);
    const char *arg, *v;
    int is_opt;
    while ((arg = tt_args_next(&a, &is_opt))) {
        if (!is_opt)
            return tt_usage_error("bench", "unexpected argument '%s'", arg);
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            fputs(bench_usage, stdout);
            return TT_EXIT_OK;
        } else if (!strcmp(arg, "--handshakes")) {
            if (!(v = tt_args_value(&a)))
                return TT_EXIT_USAGE;
            if (parse_count(v, &n, 1000000) != 0)
                return tt_usage_error("bench", "--handshakes must be 1..1000000, not '%s'", v);
        } else if (!strcmp(arg, "--batch")) {
            if (!(v = tt_args_value(&a)))
                return TT_EXIT_USAGE;
            if (parse_count(v, &batch, 100000) != 0)
                return tt_usage_error("bench", "--batch must be 1..100000, not '%s'", v);
        } else if (!strcmp(arg, "--only")) {
            if (!(v = tt_args_value(&a)))
                return TT_EXIT_USAGE;
            if (!strcmp(v, "traced"))
                only = 1;
            else if (!strcmp(v, "untraced"))
                only = 0;
            else
                return tt_usage_error("bench", "--only must be traced or untraced, not '%s'", v);
        } else if (!strcmp(arg, "--scenario")) {
            if (!(scenario = tt_args_value(&a)))
                return TT_EXIT_USAGE;
        } else if (!strcmp(arg, "--tls")) {
            if (!(tls = tt_args_value(&a)))
                return TT_EXIT_USAGE;
        } else {
            return tt_usage_error("bench", "unknown option '%s'", arg);
        }
    }
    if (strcmp(tls, "1.2") != 0 && strcmp(tls, "1.3") != 0)
        return tt_usage_error("bench", "--tls must be 1.2 or 1.3, not '%s'", tls);
    const tt_scenario *sc = tt_scenario_find(scenario);
    if (!sc)
        return tt_usage_error("bench", "unknown scenario '%s' (see tlstrace demo --list-scenarios)",
                              scenario);
    int tls13 = strcmp(tls, "1.3") == 0;
    if (!(sc->versions & (tls13 ? TT_TLS13 : TT_TLS12)))
        return tt_usage_error("bench", "scenario %s does not run in TLS %s", sc->name, tls);

    char err[512];
    tt_demo_opts o = {.scenario = sc, .tls13 = tls13};
    tt_demo_env *env = tt_demo_env_new(&o, err, sizeof(err));
    if (!env) {
        fprintf(stderr, "tlstrace bench: %s\n", err);
        return TT_EXIT_USAGE;
    }
    tt_emitter em;
    tt_emitter_init(&em);
    tt_null_sink null = {0};
    tt_emitter_add_sink(&em, tt_sink_null, &null);

    double t_untraced = 0, t_traced = 0;
    long done_u = 0, done_t = 0, ok = 0;
    tt_demo_result res;
    /* One untraced warm-up so that first-use costs (PSA init, tables) fall on neither side. */
    tt_demo_handshake(env, NULL, "warmup", &res);
    if (only == 0)
        done_t = n;
    if (only == 1)
        done_u = n;
    while (done_u < n || done_t < n) {
        for (int mode = 0; mode < 2; mode++) {
            long *done = mode ? &done_t : &done_u;
            long k = n - *done < batch ? n - *done : batch;
            uint64_t t0 = tt_clock_monotonic(NULL);
            for (long i = 0; i < k; i++) {
                char session[32];
                snprintf(session, sizeof(session), "bench-%ld", *done + i + 1);
                if (tt_demo_handshake(env, mode ? &em : NULL, session, &res) != 0) {
                    fprintf(stderr, "tlstrace bench: out of memory\n");
                    tt_emitter_destroy(&em);
                    tt_demo_env_free(env);
                    return TT_EXIT_USAGE;
                }
                ok += res.client_ok && res.server_ok;
            }
            double dt = (double)(tt_clock_monotonic(NULL) - t0) / 1e6;
            if (mode)
                t_traced += dt;
            else
                t_untraced += dt;
            *done += k;
        }
    }
    uint64_t events = null.events, bytes = null.bytes;
    long runs = only < 0 ? 2 * n : n;
    if (only >= 0) {
        double t = only ? t_traced : t_untraced;
        printf("scenario %s, TLS %s: %ld %s handshakes only\n", sc->name, tls, n,
               only ? "traced" : "untraced");
        printf("%s %8.1f handshakes/s  (%.3f ms each)\n", only ? "traced:  " : "untraced:", n / t,
               1e3 * t / n);
    } else {
        /* Events are built in a per-thread arena (tt_arena.c): its peak is their memory. */
        size_t peak_bytes = tt_arena_peak();
        double ratio = t_traced / t_untraced;
        printf("scenario %s, TLS %s: %ld untraced and %ld traced handshakes, alternating batches "
               "of %ld\n", sc->name, tls, n, n, batch);
        printf("untraced: %8.1f handshakes/s  (%.3f ms each)\n", n / t_untraced,
               1e3 * t_untraced / n);
        printf("traced:   %8.1f handshakes/s  (%.3f ms each); %.1f events and %.1f KiB of JSON "
               "per handshake\n", n / t_traced, 1e3 * t_traced / n, (double)events / n,
               (double)bytes / 1024.0 / n);
        printf("ratio traced/untraced time: %.3f (target <= 1.05)\n", ratio);
        size_t tap = tt_demo_peak_tap_memory(env), text = em.text.cap;
        printf("tracer memory per traced connection: %.1f KiB peak (tap buffers, keys and state: "
               "%.1f KiB; events being built: %.1f KiB; their JSON text: %.1f KiB) (target <= 64 "
               "KiB)\n", (tap + peak_bytes + text) / 1024.0, tap / 1024.0, peak_bytes / 1024.0,
               text / 1024.0);
    }
    if (ok != runs && sc->expect_ok)
        printf("warning: %ld of %ld handshakes failed\n", runs - ok, runs);
    tt_emitter_destroy(&em);
    tt_demo_env_free(env);
    return TT_EXIT_OK;
}
