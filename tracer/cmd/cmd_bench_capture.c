/* tlstrace bench --capture: what reading captures costs, and what --pcap costs.
 *
 * 1. Writes two captures with the demo's endpoints (--pcap): N handshakes, and N/4, each followed
 *    by application data (default 1,000 handshakes and 100 KiB each: about 100 MB), alternating
 *    mutual TLS 1.3 and TLS 1.2, the key log inside (a Decryption Secrets Block).
 * 2. Reads each with `tlstrace capture FILE` (a child process, JSON Lines to /dev/null) and the
 *    larger with `tshark -r FILE -Y tls -T fields -e tls.handshake.type`, in the same run: wall
 *    time, throughput, the ratio, and each process's peak memory (getrusage of the child), which
 *    must not grow with the capture.
 * 3. Runs traced handshakes with and without --pcap in alternating batches: the cost of --pcap
 *    relative to a traced handshake. */
/* wait4() (the child's peak memory) is a BSD call. */
#define _DEFAULT_SOURCE 1
#include "tt_cli.h"
#include "tt_demo.h"
#include "tt_emit.h"
#include "tt_outputs.h"
#include "tt_scenario.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char bench_capture_usage[] =
    "usage: tlstrace bench --capture [--handshakes N] [--app-bytes N] [--pcap-handshakes N]\n"
    "                                [--dir DIR] [--tshark PATH]\n"
    "\n"
    "Writes captures with the demo's endpoints (N handshakes and N/4, each followed by\n"
    "--app-bytes of application data, the key log inside; AES-128-GCM and ChaCha20-Poly1305,\n"
    "segments of 1460 bytes as on an Ethernet network and of 16 KiB as on loopback), reads each\n"
    "with 'tlstrace capture' and the larger with 'tshark -r FILE -Y tls -T fields' in the same\n"
    "run, and prints, worst first, the throughputs, their ratio (target: tlstrace >= 10x\n"
    "tshark), the peak memory of each read (must not grow with the capture); then the cost of\n"
    "--pcap relative to a traced handshake (target <= 2 %).\n"
    "\n"
    "  --handshakes N       handshakes in the larger capture (default 1000)\n"
    "  --app-bytes N        application data per handshake, half each way (default 102400)\n"
    "  --pcap-handshakes N  traced handshakes per mode for the --pcap cost (default 300)\n"
    "  --dir DIR            write the captures there and keep them (default: a temporary\n"
    "                       directory, removed at the end)\n"
    "  --tshark PATH        the tshark to compare with (default: tshark on PATH)\n";

typedef struct child_run {
    double seconds;
    long maxrss_kib;
    int status;
} child_run;

/* Runs argv with stdout (and stderr unless keep_err) to /dev/null; its wall time and peak RSS. */
static int run_child(char *const argv[], child_run *r)
{
    uint64_t t0 = tt_clock_monotonic(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execvp(argv[0], argv);
        _exit(127);
    }
    int st;
    struct rusage ru;
    if (wait4(pid, &st, 0, &ru) != pid)
        return -1;
    r->seconds = (double)(tt_clock_monotonic(NULL) - t0) / 1e6;
    r->maxrss_kib = ru.ru_maxrss;
    r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return 0;
}

/* The cipher suites of a benchmark capture: AES-GCM (what browsers negotiate on x86 with AES
 * instructions), or ChaCha20-Poly1305 (what the demo's endpoints prefer). */
static const int suites_gcm[] = {0x1301, 0xC02B, 0}, suites_chacha[] = {0x1303, 0xCCA9, 0};

/* Writes a capture of n handshakes with app_bytes each into path. */
static int write_capture(const char *path, long n, size_t app_bytes, const int *suites,
                         unsigned mss)
{
    tt_outputs out;
    tt_outputs_opts oo = {.cmd = "bench", .pcap_path = path, .format = "text", .timeline = 0};
    if (tt_outputs_open(&out, &oo) != 0)
        return -1;
    out.em.enabled = 0; /* the taps run (they write the key log); no event is built */
    const tt_scenario *sc = tt_scenario_find("mutual");
    tt_demo_env *env[2];
    char err[512];
    int rc = 0;
    for (int v = 0; v < 2; v++) {
        tt_demo_opts o = {.scenario = sc,
                          .tls13 = v,
                          .keylog = out.keylog,
                          .pcap = &out.pcap,
                          .pcap_keylog = out.pcap_keylog,
                          .app_bytes = app_bytes,
                          .suites = suites,
                          .pcap_mss = mss};
        if (!(env[v] = tt_demo_env_new(&o, err, sizeof(err)))) {
            fprintf(stderr, "tlstrace bench: %s\n", err);
            rc = -1;
        }
    }
    for (long i = 0; i < n && rc == 0; i++) {
        tt_demo_result res;
        if (tt_demo_handshake(env[(i + 1) % 2], &out.em, "bench", &res) != 0 ||
            !(res.client_ok && res.server_ok))
            rc = -1;
    }
    for (int v = 0; v < 2; v++)
        tt_demo_env_free(env[v]);
    return tt_outputs_close(&out, rc ? TT_EXIT_USAGE : TT_EXIT_OK) == TT_EXIT_OK ? rc : -1;
}

/* Traced handshakes with and without --pcap (to /dev/null), alternating batches: the ratio of
 * their times. */
static int pcap_cost(long n, double *ratio, double *ms_plain, double *ms_pcap)
{
    /* The capture goes to a temporary file, removed at the end. */
    char tmp[] = "/tmp/tt-bench-pcap-XXXXXX";
    int fd = mkstemp(tmp);
    if (fd < 0)
        return -1;
    close(fd);
    tt_outputs out;
    tt_outputs_opts oo = {.cmd = "bench", .pcap_path = tmp, .format = "text", .timeline = 0};
    if (tt_outputs_open(&out, &oo) != 0) {
        unlink(tmp);
        return -1;
    }
    tt_emitter em;
    tt_emitter_init(&em);
    tt_null_sink null = {0};
    tt_emitter_add_sink(&em, tt_sink_null, &null);
    const tt_scenario *sc = tt_scenario_find("mutual");
    char err[512];
    tt_demo_opts plain = {.scenario = sc, .tls13 = 1};
    tt_demo_opts with = {.scenario = sc,
                         .tls13 = 1,
                         .keylog = out.keylog,
                         .pcap = &out.pcap,
                         .pcap_keylog = out.pcap_keylog};
    tt_demo_env *env[2] = {tt_demo_env_new(&plain, err, sizeof(err)),
                           tt_demo_env_new(&with, err, sizeof(err))};
    int rc = env[0] && env[1] ? 0 : -1;
    double t[2] = {0, 0};
    tt_demo_result res;
    if (rc == 0)
        tt_demo_handshake(env[0], &em, "warmup", &res);
    for (long done = 0; rc == 0 && done < n; done += 10) {
        for (int mode = 0; mode < 2; mode++) {
            uint64_t t0 = tt_clock_monotonic(NULL);
            for (int i = 0; i < 10; i++)
                if (tt_demo_handshake(env[mode], &em, "bench", &res) != 0)
                    rc = -1;
            t[mode] += (double)(tt_clock_monotonic(NULL) - t0) / 1e6;
        }
    }
    *ratio = t[1] / t[0];
    *ms_plain = 1e3 * t[0] / (double)n;
    *ms_pcap = 1e3 * t[1] / (double)n;
    for (int m = 0; m < 2; m++)
        tt_demo_env_free(env[m]);
    tt_emitter_destroy(&em);
    tt_outputs_close(&out, TT_EXIT_USAGE); /* removes the capture */
    unlink(tmp);
    return rc;
}

static int count_arg(const char *opt, const char *v, long lo, long hi, long *out)
{
    char *end;
    long n = v ? strtol(v, &end, 10) : 0;
    if (!v || !*v || *end || n < lo || n > hi) {
        tt_usage_error("bench", "%s must be a number from %ld to %ld", opt, lo, hi);
        return -1;
    }
    *out = n;
    return 0;
}

int tt_bench_capture(int argc, char **argv)
{
    long n = 1000, app = 102400, npcap = 300;
    const char *keep = NULL, *tshark = "tshark";
    tt_args a;
    tt_args_init(&a, "bench", argc, argv);
    const char *arg;
    int is_opt;
    while ((arg = tt_args_next(&a, &is_opt))) {
        if (!is_opt)
            return tt_usage_error("bench", "unexpected argument '%s'", arg);
        if (!strcmp(arg, "--capture"))
            continue;
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            fputs(bench_capture_usage, stdout);
            return TT_EXIT_OK;
        }
        const char *v = tt_args_value(&a);
        if (a.failed)
            return TT_EXIT_USAGE;
        if (!strcmp(arg, "--handshakes")) {
            if (count_arg(arg, v, 4, 1000000, &n) != 0)
                return TT_EXIT_USAGE;
        } else if (!strcmp(arg, "--app-bytes")) {
            if (count_arg(arg, v, 0, 64L << 20, &app) != 0)
                return TT_EXIT_USAGE;
        } else if (!strcmp(arg, "--pcap-handshakes")) {
            if (count_arg(arg, v, 10, 1000000, &npcap) != 0)
                return TT_EXIT_USAGE;
        } else if (!strcmp(arg, "--dir")) {
            keep = v;
        } else if (!strcmp(arg, "--tshark")) {
            tshark = v;
        } else {
            return tt_usage_error("bench", "unknown option '%s'", arg);
        }
    }
    char dir[4096];
    if (keep) {
        snprintf(dir, sizeof(dir), "%s", keep);
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
            fprintf(stderr, "tlstrace bench: --dir %s: %s\n", dir, strerror(errno));
            return TT_EXIT_USAGE;
        }
    } else {
        snprintf(dir, sizeof(dir), "%s/tt-bench-capture-XXXXXX",
                 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
        if (!mkdtemp(dir)) {
            fprintf(stderr, "tlstrace bench: cannot make a temporary directory: %s\n",
                    strerror(errno));
            return TT_EXIT_USAGE;
        }
    }
    char self[4096];
    ssize_t sl = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (sl <= 0) {
        fprintf(stderr, "tlstrace bench: cannot find its own executable\n");
        return TT_EXIT_USAGE;
    }
    self[sl] = '\0';
    int rc = TT_EXIT_OK;

    /* One capture pair per cipher family and segment size; reported worst first. */
    enum { FAMILIES = 4 };
    struct family {
        const char *name;
        const int *suites;
        unsigned mss;
        char small[4200], large[4200];
        double mb_s, mb_l, ratio;
        child_run cs, cl, ts;
    } fam[FAMILIES] = {
        {.name = "AES-128-GCM, 1460-byte segments (an Ethernet network)",
         .suites = suites_gcm,
         .mss = 1460},
        {.name = "ChaCha20-Poly1305, 1460-byte segments", .suites = suites_chacha, .mss = 1460},
        {.name = "AES-128-GCM, 16 KiB segments (loopback-like)",
         .suites = suites_gcm,
         .mss = 16384},
        {.name = "ChaCha20-Poly1305, 16 KiB segments", .suites = suites_chacha, .mss = 16384},
    };
    printf("mutual TLS 1.3 and TLS 1.2 handshakes, alternating, each followed by %ld bytes of "
           "application data, the key log inside the capture (tlstrace and tshark both "
           "decrypt)\n",
           app);
    for (int f = 0; f < FAMILIES; f++) {
        struct family *F = &fam[f];
        snprintf(F->small, sizeof(F->small), "%s/bench-%d-%ld.pcapng", dir, f, n / 4);
        snprintf(F->large, sizeof(F->large), "%s/bench-%d-%ld.pcapng", dir, f, n);
        if (write_capture(F->small, n / 4, (size_t)app, F->suites, F->mss) != 0 ||
            write_capture(F->large, n, (size_t)app, F->suites, F->mss) != 0) {
            fprintf(stderr, "tlstrace bench: could not write the captures in %s\n", dir);
            return TT_EXIT_USAGE;
        }
        struct stat s1, s2;
        stat(F->small, &s1);
        stat(F->large, &s2);
        F->mb_s = (double)s1.st_size / 1e6;
        F->mb_l = (double)s2.st_size / 1e6;
        char *cap_small[] = {self, "capture", F->small, NULL};
        char *cap_large[] = {self, "capture", F->large, NULL};
        char *tsh[] = {(char *)tshark,       "-r", F->large, "-Y", "tls", "-T", "fields", "-e",
                       "tls.handshake.type", NULL};
        if (run_child(cap_small, &F->cs) != 0 || run_child(cap_large, &F->cl) != 0 ||
            run_child(tsh, &F->ts) != 0) {
            fprintf(stderr, "tlstrace bench: cannot run the readers\n");
            return TT_EXIT_USAGE;
        }
        if (F->cs.status != 0 || F->cl.status != 0) {
            fprintf(stderr, "tlstrace bench: tlstrace capture exited with %d / %d\n", F->cs.status,
                    F->cl.status);
            rc = TT_EXIT_FAILED;
        }
        if (F->ts.status == 127) {
            fprintf(stderr, "tlstrace bench: tshark not found (%s): apt-get install tshark\n",
                    tshark);
            return TT_EXIT_FAILED;
        }
        F->ratio = F->ts.seconds / F->cl.seconds;
    }
    int order[FAMILIES] = {0, 1, 2, 3};
    for (int i = 1; i < FAMILIES; i++) /* worst ratio first */
        for (int j = i; j > 0 && fam[order[j]].ratio < fam[order[j - 1]].ratio; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (int k = 0; k < FAMILIES; k++) {
        struct family *F = &fam[order[k]];
        printf("%s:\n", F->name);
        printf("  tlstrace capture: %ld handshakes, %6.1f MB in %5.2f s = %6.1f MB/s, %6.0f "
               "handshakes/s, peak memory %5.1f MiB\n",
               n / 4, F->mb_s, F->cs.seconds, F->mb_s / F->cs.seconds,
               (double)(n / 4) / F->cs.seconds, F->cs.maxrss_kib / 1024.0);
        printf("  tlstrace capture: %ld handshakes, %6.1f MB in %5.2f s = %6.1f MB/s, %6.0f "
               "handshakes/s, peak memory %5.1f MiB\n",
               n, F->mb_l, F->cl.seconds, F->mb_l / F->cl.seconds, (double)n / F->cl.seconds,
               F->cl.maxrss_kib / 1024.0);
        printf("  tshark -r -Y tls -T fields: %6.1f MB in %5.2f s = %6.1f MB/s, peak memory %.1f "
               "MiB (exit %d)\n",
               F->mb_l, F->ts.seconds, F->mb_l / F->ts.seconds, F->ts.maxrss_kib / 1024.0,
               F->ts.status);
        printf("  throughput ratio tlstrace/tshark: %.1fx (target >= 10x)\n", F->ratio);
        printf("  peak memory of tlstrace capture: %.1f MiB at %.1f MB, %.1f MiB at %.1f MB (must "
               "not grow with the capture)\n",
               F->cs.maxrss_kib / 1024.0, F->mb_s, F->cl.maxrss_kib / 1024.0, F->mb_l);
        if (!keep) {
            unlink(F->small);
            unlink(F->large);
        }
    }

    double ratio, ms_plain, ms_pcap;
    if (pcap_cost(npcap, &ratio, &ms_plain, &ms_pcap) != 0) {
        fprintf(stderr, "tlstrace bench: the --pcap runs failed\n");
        rc = TT_EXIT_FAILED;
    } else {
        printf("--pcap: %ld traced mutual TLS 1.3 handshakes each way, alternating batches of 10: "
               "%.3f ms without, %.3f ms with; cost %+.2f %% (target <= 2 %%)\n",
               npcap, ms_plain, ms_pcap, (ratio - 1) * 100);
    }
    if (!keep)
        rmdir(dir);
    return rc;
}
