/* The tlstrace executable as a user runs it: exit codes, one-line errors, output files, and the
 * guard against exporting Mbed TLS symbols (see shared notes: libgit2 under Criterion binds to
 * them otherwise). */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt_test_util.h"

#define TLSTRACE TT_BINARY_DIR "/tlstrace"

typedef struct result {
    int code;
    char *out, *err;
} result;

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return strdup("");
    char *b = tt_test_read_all(f, NULL);
    fclose(f);
    return b;
}

/* Runs "tlstrace ARGS" through the shell with stdout and stderr captured. */
static result run(const char *args)
{
    char dir[] = "/tmp/tt-cli-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char cmd[4096], o[128], e[128];
    snprintf(o, sizeof(o), "%s/out", dir);
    snprintf(e, sizeof(e), "%s/err", dir);
    snprintf(cmd, sizeof(cmd), "%s %s >%s 2>%s </dev/null", TLSTRACE, args, o, e);
    int st = system(cmd);
    result r = {WIFEXITED(st) ? WEXITSTATUS(st) : -1, slurp(o), slurp(e)};
    unlink(o);
    unlink(e);
    rmdir(dir);
    return r;
}

static void done(result *r)
{
    free(r->out);
    free(r->err);
}

static int lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

Test(cli, help_lists_every_command)
{
    result r = run("--help");
    cr_expect_eq(r.code, 0);
    cr_expect(strstr(r.out, "ui") && strstr(r.out, "demo") && strstr(r.out, "pki") &&
              strstr(r.out, "bench"));
    done(&r);
}

Test(cli, each_command_help_documents_its_options)
{
    const struct { const char *cmd; const char *opts[16]; } cases[] = {
        {"demo", {"--scenario", "--tls", "--mutual", "--all", "--out", "--format", "--verbose",
                  "--pki", "--seed", "--fixed-clock", "--keylog", "--ui", "--list-scenarios",
                  NULL}},
        {"ui", {"--listen", "--web", "--fixtures", "--allow-origin", "--history-bytes", "--quiet",
                NULL}},
        {"pki", {"--host", "--seed", NULL}},
        {"bench", {"--handshakes", "--scenario", "--tls", "--batch", "--only", NULL}},
        {"replay", {"--speed", "--step", "--format", "--ui", "--strict", "--stats", NULL}},
        {"connect", {"--ca", "--ca-dir", "--cert", "--key", "--servername", "--tls", "--alpn",
                     "--ciphers", "--groups", "--timeout", "--send", "--keylog", "--out",
                     "--format", "--ui", NULL}},
        {"serve", {"--cert", "--key", "--ca", "--request-client-cert", "--require-client-cert",
                   "--tls", "--max-clients", "--timeout", "--connections", "--keylog", "--out",
                   "--format", "--ui", NULL}},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char args[64];
        snprintf(args, sizeof(args), "%s --help", cases[i].cmd);
        result r = run(args);
        cr_expect_eq(r.code, 0, "%s", args);
        for (const char *const *o = cases[i].opts; *o; o++)
            cr_expect(strstr(r.out, *o) != NULL, "%s does not document %s", args, *o);
        done(&r);
    }
}

Test(cli, unknown_command_is_a_usage_error)
{
    result r = run("frobnicate");
    cr_expect_eq(r.code, 2);
    cr_expect(strstr(r.err, "unknown command 'frobnicate'") != NULL, "%s", r.err);
    cr_expect_eq(lines(r.err), 2, "error + hint, got: %s", r.err);
    done(&r);
}

Test(cli, demo_rejects_bad_flags_with_one_line_and_a_hint)
{
    const struct { const char *args, *needle; } cases[] = {
        {"demo --bogus", "unknown option '--bogus'"},
        {"demo --scenario nope", "unknown scenario 'nope'"},
        {"demo --tls 1.1", "--tls must be 1.2 or 1.3"},
        {"demo --format xml", "--format must be jsonl or text"},
        {"demo --scenario", "option '--scenario' needs a value"},
        {"demo --scenario hello-retry --tls 1.2", "runs only in TLS 1.3"},
        {"demo extra", "unexpected argument 'extra'"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        result r = run(cases[i].args);
        cr_expect_eq(r.code, 2, "%s -> %d", cases[i].args, r.code);
        cr_expect(strstr(r.err, cases[i].needle) != NULL, "%s: %s", cases[i].args, r.err);
        cr_expect(strstr(r.err, "Try 'tlstrace demo --help'") != NULL);
        cr_expect_eq(lines(r.err), 2, "%s: %s", cases[i].args, r.err);
        cr_expect_str_eq(r.out, "");
        done(&r);
    }
}

Test(cli, connect_and_serve_reject_bad_flags_with_one_line_and_a_hint)
{
    const struct { const char *cmd, *args, *needle; } cases[] = {
        {"connect", "connect", "missing HOST:PORT"},
        {"connect", "connect example.org", "is not HOST:PORT"},
        {"connect", "connect example.org:99999", "port must be a number"},
        {"connect", "connect ::1:443", "[ADDRESS]:PORT"},
        {"connect", "connect a:1 b:2", "unexpected argument 'b:2'"},
        {"connect", "connect a:1 --timeout 0", "--timeout must be seconds"},
        {"connect", "connect a:1 --send '\\q'", "'\\q' at offset 0 is not an escape"},
        {"connect", "connect a:1 --send '\\x4'", "needs two hex digits"},
        {"connect", "connect a:1 --format xml", "--format must be jsonl or text"},
        {"connect", "connect a:1 --bogus", "unknown option '--bogus'"},
        {"serve", "serve", "missing [ADDR:]PORT"},
        {"serve", "serve 8443 --max-clients 0", "--max-clients must be a number"},
        {"serve", "serve 8443 --request-client-cert --require-client-cert", "exclude each other"},
        {"serve", "serve host:port", "port must be a number"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        result r = run(cases[i].args);
        char hint[64];
        snprintf(hint, sizeof(hint), "Try 'tlstrace %s --help'", cases[i].cmd);
        cr_expect_eq(r.code, 2, "%s -> %d", cases[i].args, r.code);
        cr_expect(strstr(r.err, cases[i].needle) != NULL, "%s: %s", cases[i].args, r.err);
        cr_expect(strstr(r.err, hint) != NULL, "%s: %s", cases[i].args, r.err);
        cr_expect_eq(lines(r.err), 2, "%s: %s", cases[i].args, r.err);
        cr_expect_str_eq(r.out, "");
        done(&r);
    }
}

/* Copies tmpl into out with every '@' replaced by dir. */
static void subst(char *out, size_t len, const char *tmpl, const char *dir)
{
    size_t o = 0;
    for (const char *p = tmpl; *p && o + 1 < len; p++) {
        if (*p != '@') {
            out[o++] = *p;
            continue;
        }
        for (const char *d = dir; *d && o + 1 < len; d++)
            out[o++] = *d;
    }
    out[o] = 0;
}

/* Input errors in certificate and key options: one line naming the option, the file and the
 * reason; exit 2; no trace file left behind. */
Test(cli, connect_and_serve_bad_files_name_option_and_file_and_leave_no_output)
{
    char dir[] = "/tmp/tt-cli-files-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "%s pki %s/pki >/dev/null", TLSTRACE, dir);
    cr_assert_eq(system(cmd), 0);
    const struct { const char *args, *needle; } cases[] = {
        {"connect 127.0.0.1:1 --ca @/nope.crt", "--ca @/nope.crt: cannot open: No such file"},
        {"connect 127.0.0.1:1 --ca @/pki/root-ca.key", "--ca @/pki/root-ca.key: X509"},
        {"connect 127.0.0.1:1 --ca @/pki/root-ca.crt --cert @/pki/client.crt", "go together"},
        {"connect 127.0.0.1:1 --ca @/pki/root-ca.crt --cert @/pki/client.crt --key "
         "@/pki/server.key", "does not belong to the certificate"},
        {"connect 127.0.0.1:1 --ca @/pki", "--ca @/pki: is a directory"},
        {"connect 127.0.0.1:1 --ca @/pki/root-ca.crt --ciphers TLS_NOPE", "'TLS_NOPE' is not a "
                                                                            "cipher suite"},
        {"connect 127.0.0.1:1 --ca @/pki/root-ca.crt --groups ffdhe1", "'ffdhe1' is not a "
                                                                       "named group"},
        {"serve 0 --cert @/pki/server.crt", "go together"},
        {"serve 0", "a server needs --cert FILE and --key FILE"},
        {"serve 0 --cert @/pki/server.crt --key @/pki/server.key --require-client-cert",
         "needs --ca FILE"},
        {"serve 0 --cert @/pki/server.key --key @/pki/server.key", "--cert @/pki/server.key"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char args[1024], needle[512], out[300];
        snprintf(out, sizeof(out), "%s/trace.jsonl", dir);
        subst(args, sizeof(args), cases[i].args, dir);
        size_t n = strlen(args);
        snprintf(args + n, sizeof(args) - n, " --out %s", out);
        subst(needle, sizeof(needle), cases[i].needle, dir);
        result r = run(args);
        cr_expect_eq(r.code, 2, "%s -> %d: %s", args, r.code, r.err);
        cr_expect(strstr(r.err, needle) != NULL, "%s: want '%s' in: %s", args, needle, r.err);
        cr_expect_eq(lines(r.err), 1, "%s: %s", args, r.err);
        cr_expect_neq(access(out, F_OK), 0, "%s left %s behind", args, out);
        done(&r);
    }
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}

/* A network fault is a failed handshake, not a usage error: exit 1 and the trace says why. */
Test(cli, connect_refused_exits_1_and_the_trace_says_why)
{
    /* Written where the schema test validates every event the suite produced. */
    char args[1024], out[600];
    snprintf(out, sizeof(out), "%s/events", TT_BINARY_DIR);
    mkdir(out, 0755);
    snprintf(out, sizeof(out), "%s/events/cli-connect-refused.jsonl", TT_BINARY_DIR);
    /* Port 1 on loopback: nothing listens there. */
    snprintf(args, sizeof(args), "connect 127.0.0.1:1 --ca %s/fixtures/pki/root-ca.crt --out %s",
             TT_SOURCE_DIR, out);
    result r = run(args);
    cr_expect_eq(r.code, 1, "%s", r.err);
    char *trace = slurp(out);
    cr_expect(strstr(trace, "\"type\":\"session_start\"") != NULL, "%s", trace);
    cr_expect(strstr(trace, "\"cause\":\"connection_refused\"") != NULL, "%s", trace);
    cr_expect(strstr(trace, "\"error\":null") != NULL, "%s", trace);
    cr_expect(strstr(trace, "\"type\":\"session_end\"") != NULL, "%s", trace);
    cr_expect(strstr(r.err, "Connection refused") != NULL, "%s", r.err);
    cr_expect_eq(lines(r.err), 1, "%s", r.err);
    free(trace);
    done(&r);
}

Test(cli, ui_rejects_bad_flags_with_one_line_and_a_hint)
{
    const struct { const char *args, *needle; } cases[] = {
        {"ui --listen nonsense", "--listen wants ADDR:PORT"},
        {"ui --listen 127.0.0.1:99999", "--listen wants ADDR:PORT"},
        {"ui --web /nonexistent-web-dir", "no index.html there"},
        {"ui --history-bytes 12", "--history-bytes must be"},
        {"ui --bogus", "unknown option '--bogus'"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        result r = run(cases[i].args);
        cr_expect_eq(r.code, 2, "%s -> %d", cases[i].args, r.code);
        cr_expect(strstr(r.err, cases[i].needle) != NULL, "%s: %s", cases[i].args, r.err);
        cr_expect_eq(lines(r.err), 2, "%s: %s", cases[i].args, r.err);
        done(&r);
    }
}

Test(cli, demo_basic_writes_json_lines_and_exits_0)
{
    result r = run("demo --scenario basic --tls 1.3");
    cr_expect_eq(r.code, 0, "%s", r.err);
    cr_expect_str_eq(r.err, "");
    /* Every line is one JSON object; the last one ends a session. */
    int n = 0;
    char *save = NULL;
    const char *last = NULL;
    for (char *line = strtok_r(r.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        cJSON *ev = cJSON_Parse(line);
        cr_assert_not_null(ev, "line %d is not JSON: %.80s", n + 1, line);
        cr_expect_eq(cJSON_GetObjectItem(ev, "seq")->valueint, n + 1);
        last = strcmp(tt_test_str(ev, "type"), "session_end") == 0 ? "session_end" : "other";
        cJSON_Delete(ev);
        n++;
    }
    cr_expect_gt(n, 30);
    cr_expect_str_eq(last, "session_end");
    done(&r);
}

Test(cli, demo_failure_exits_1_and_keeps_the_trace)
{
    char path[] = "/tmp/tt-cli-trace-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    char args[256];
    snprintf(args, sizeof(args), "demo --scenario expired --out %s", path);
    result r = run(args);
    cr_expect_eq(r.code, 1, "%s", r.err);
    char *trace = slurp(path);
    cr_expect(strstr(trace, "\"handshake_failed\"") != NULL);
    cr_expect(strstr(trace, "\"certificate_expired\"") != NULL);
    /* keep it for the schema test */
    cJSON *arr = cJSON_CreateArray();
    char *save = NULL;
    for (char *line = strtok_r(trace, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        cJSON_AddItemToArray(arr, cJSON_Parse(line));
    tt_test_save(arr, "cli-expired");
    cJSON_Delete(arr);
    free(trace);
    unlink(path);
    done(&r);
}

Test(cli, demo_text_format_draws_two_columns)
{
    result r = run("demo --scenario mutual --format text");
    cr_expect_eq(r.code, 0);
    cr_expect(strstr(r.out, "CLIENT") && strstr(r.out, "| SERVER"), "%s", r.out);
    cr_expect(strstr(r.out, "ClientHello [plaintext] ==>") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "<== CertificateRequest [handshake] (mutual only)") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, "DONE:") != NULL);
    done(&r);
}

Test(cli, demo_lists_every_scenario)
{
    result r = run("demo --list-scenarios");
    cr_expect_eq(r.code, 0);
    const char *names[] = {"basic", "mutual", "untrusted-ca", "expired", "wrong-host",
                           "no-client-cert", "no-shared-cipher", "version-mismatch", "hello-retry"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        cr_expect(strstr(r.out, names[i]) != NULL, "%s missing", names[i]);
    cr_expect_eq(lines(r.out), (int)(sizeof(names) / sizeof(names[0])));
    done(&r);
}

Test(cli, demo_unwritable_out_is_an_input_error)
{
    result r = run("demo --out /nonexistent-dir/trace.jsonl");
    cr_expect_eq(r.code, 2);
    cr_expect(strstr(r.err, "cannot write /nonexistent-dir/trace.jsonl") != NULL, "%s", r.err);
    cr_expect_eq(lines(r.err), 1);
    done(&r);
}

Test(cli, demo_bad_pki_files_name_the_file_and_leave_no_output)
{
    char dir[] = "/tmp/tt-cli-pki-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char args[512], path[256], outp[256];
    /* A missing directory. */
    snprintf(outp, sizeof(outp), "%s/trace.jsonl", dir);
    snprintf(args, sizeof(args), "demo --pki %s/missing --out %s", dir, outp);
    result r = run(args);
    cr_expect_eq(r.code, 2);
    cr_expect(strstr(r.err, "/missing/") != NULL && strstr(r.err, "cannot open") != NULL, "%s",
              r.err);
    cr_expect_eq(lines(r.err), 1, "%s", r.err);
    cr_expect_neq(access(outp, F_OK), 0, "a partial trace was left behind");
    done(&r);
    /* A real PKI with a garbage server certificate. */
    snprintf(args, sizeof(args), "pki %s/p", dir);
    r = run(args);
    cr_assert_eq(r.code, 0, "%s", r.err);
    done(&r);
    snprintf(path, sizeof(path), "%s/p/server.crt", dir);
    FILE *f = fopen(path, "w");
    fputs("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n", f);
    fclose(f);
    snprintf(args, sizeof(args), "demo --pki %s/p --out %s", dir, outp);
    r = run(args);
    cr_expect_eq(r.code, 2);
    cr_expect(strstr(r.err, "server.crt") != NULL, "%s", r.err);
    cr_expect_eq(lines(r.err), 1, "%s", r.err);
    cr_expect_neq(access(outp, F_OK), 0);
    done(&r);
    /* A key that is not a key. */
    snprintf(args, sizeof(args), "pki %s/p", dir);
    r = run(args);
    done(&r);
    snprintf(path, sizeof(path), "%s/p/server.key", dir);
    f = fopen(path, "w");
    fputs("garbage\n", f);
    fclose(f);
    snprintf(args, sizeof(args), "demo --pki %s/p", dir);
    r = run(args);
    cr_expect_eq(r.code, 2);
    cr_expect(strstr(r.err, "server.key") != NULL, "%s", r.err);
    done(&r);
    snprintf(args, sizeof(args), "rm -rf %s", dir);
    cr_expect_eq(system(args), 0);
}

Test(cli, pki_host_names_reach_the_certificate_a_demo_with_that_pki_presents)
{
    char dir[] = "/tmp/tt-cli-pki-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char args[512];
    snprintf(args, sizeof(args), "pki %s --host device.example --host 10.0.0.7", dir);
    result r = run(args);
    cr_expect_eq(r.code, 0, "%s", r.err);
    done(&r);
    snprintf(args, sizeof(args), "demo --pki %s --scenario mutual --tls 1.2", dir);
    r = run(args);
    cr_expect_eq(r.code, 0, "%s", r.err);
    /* The server's certificate, as the server sent it and as the client received it, names the
     * demo's names and then the two --host names, a DNS name and an IP address. */
    const char *san = "\"san\":[\"DNS:tlstrace-demo.local\",\"DNS:localhost\",\"IP:127.0.0.1\","
                      "\"DNS:device.example\",\"IP:10.0.0.7\"]";
    const char *first = strstr(r.out, san), *names = strstr(r.out, "\"san\":");
    cr_expect(first && strstr(first + 1, san),
              "the server certificate's names in two messages: %.200s",
              names ? names : "(no san at all)");
    done(&r);
    snprintf(args, sizeof(args), "rm -rf %s", dir);
    cr_expect_eq(system(args), 0);
}

Test(cli, pki_unwritable_dir_is_an_error)
{
    result r = run("pki /proc/tlstrace-cannot-write-here");
    cr_expect_eq(r.code, 2);
    cr_expect(strstr(r.err, "/proc/tlstrace-cannot-write-here") != NULL, "%s", r.err);
    cr_expect_eq(lines(r.err), 1, "%s", r.err);
    done(&r);
}

/* The figure after `label` in bench's output (0 when absent). */
static double figure(const char *out, const char *label)
{
    const char *p = strstr(out, label);
    return p ? strtod(p + strlen(label), NULL) : 0;
}

Test(cli, bench_prints_rates_ratio_and_memory)
{
    result r = run("bench --handshakes 4 --batch 2");
    cr_expect_eq(r.code, 0, "%s", r.err);
    cr_expect(strstr(r.out, "scenario mutual, TLS 1.3: 4 untraced and 4 traced handshakes") != NULL,
              "%s", r.out);
    cr_expect_null(strstr(r.out, "failed"), "%s", r.out);
    /* Each rate and its time per handshake are the same measurement: rate x ms = 1000. */
    double u_rate = figure(r.out, "untraced:"), u_ms = figure(r.out, "handshakes/s  (");
    const char *traced = strstr(r.out, "\ntraced:");
    cr_assert_not_null(traced, "%s", r.out);
    double t_rate = figure(traced, "traced:"), t_ms = figure(traced, "handshakes/s  (");
    cr_expect(u_rate > 0 && t_rate > 0, "%s", r.out);
    cr_expect(fabs(u_rate * u_ms / 1000 - 1) < 0.01, "untraced %.1f/s, %.3f ms", u_rate, u_ms);
    cr_expect(fabs(t_rate * t_ms / 1000 - 1) < 0.01, "traced %.1f/s, %.3f ms", t_rate, t_ms);
    /* The ratio is traced time over untraced time (as printed, to 3 decimals). */
    double ratio = figure(r.out, "ratio traced/untraced time: ");
    cr_expect(ratio > 0 && fabs(ratio - t_ms / u_ms) < 0.002, "ratio %.3f, times %.3f / %.3f",
              ratio, t_ms, u_ms);
    /* Each traced handshake produced the whole trace of that handshake: the events and about the
     * JSON of `demo` for the same scenario (its timestamps differ in width). */
    result d = run("demo --scenario mutual --tls 1.3");
    cr_assert_eq(d.code, 0, "%s", d.err);
    double events = figure(traced, "ms each); ");
    double kib = figure(traced, "events and ");
    cr_expect_eq((int)events, lines(d.out), "bench traced %.1f events, demo writes %d", events,
                 lines(d.out));
    cr_expect(fabs(kib * 1024 / (double)strlen(d.out) - 1) < 0.1,
              "%.1f KiB per handshake, demo %zu bytes", kib, strlen(d.out));
    done(&d);
    double mem = figure(r.out, "tracer memory per traced connection: ");
    cr_expect(mem > 0, "%s", r.out);
    done(&r);
    r = run("bench --handshakes 0");
    cr_expect_eq(r.code, 2);
    done(&r);
}

/* Mbed TLS 3.6 symbols must not be exported from anything that links it (shared notes). */
static int exported_mbedtls_symbols(const char *exe)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "nm -D --defined-only %s | grep -c ' mbedtls_'", exe);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    int n = -1;
    if (fscanf(p, "%d", &n) != 1)
        n = -1;
    pclose(p);
    return n;
}

Test(cli, no_mbedtls_symbol_is_exported)
{
    const char *exes[] = {TLSTRACE, TT_BINARY_DIR "/tests/test_scenarios",
                          TT_BINARY_DIR "/tests/test_cli", TT_BINARY_DIR "/tests/test_pki"};
    for (size_t i = 0; i < sizeof(exes) / sizeof(exes[0]); i++) {
        cr_assert_eq(access(exes[i], X_OK), 0, "%s not built", exes[i]);
        cr_expect_eq(exported_mbedtls_symbols(exes[i]), 0, "%s exports mbedtls_ symbols", exes[i]);
    }
}

/* ---------- replay and validate ---------- */

#define FIXTURE(name) TT_SOURCE_DIR "/fixtures/traces/" name

Test(cli, replay_passes_a_fixture_through_byte_for_byte)
{
    result r = run("replay --speed 0 --format jsonl " FIXTURE("mutual-tls1.3.jsonl"));
    cr_expect_eq(r.code, 0, "%s", r.err);
    char *orig = slurp(FIXTURE("mutual-tls1.3.jsonl"));
    cr_expect_str_eq(r.out, orig);
    free(orig);
    done(&r);
}

Test(cli, replay_joins_files_into_one_trace_with_contiguous_seq)
{
    result r = run("replay --speed 0 --format jsonl " FIXTURE("basic-tls1.2.jsonl") " "
                   FIXTURE("expired-tls1.3.jsonl"));
    cr_expect_eq(r.code, 0, "%s", r.err);
    int n = 0;
    char *save = NULL;
    cJSON *all = cJSON_CreateArray();
    for (char *line = strtok_r(r.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        cJSON *ev = cJSON_Parse(line);
        cr_assert_not_null(ev);
        cr_expect_eq(cJSON_GetObjectItem(ev, "seq")->valueint, ++n);
        cJSON_AddItemToArray(all, ev);
    }
    cr_expect_gt(n, 80);
    tt_test_save(all, "cli-replay-joined");
    cJSON_Delete(all);
    done(&r);
}

Test(cli, replay_skips_invalid_lines_naming_file_and_line_or_stops_with_strict)
{
    char *orig = slurp(FIXTURE("basic-tls1.3.jsonl"));
    /* Cut the 4th line in half: invalid JSON there. */
    char *p = orig;
    for (int i = 0; i < 3; i++)
        p = strchr(p, '\n') + 1;
    char *end4 = strchr(p, '\n');
    memmove(p + 20, end4, strlen(end4) + 1);
    char *path = tt_test_temp_with("tt-cli-trace", orig, strlen(orig));
    char args[256];
    snprintf(args, sizeof(args), "replay --speed 0 --format jsonl %s", path);
    result r = run(args);
    cr_expect_eq(r.code, 1);
    char where[300];
    snprintf(where, sizeof(where), "%s:4: invalid JSON", path);
    cr_expect(strstr(r.err, where) != NULL, "%s", r.err);
    cr_expect(strstr(r.err, "(skipped)") != NULL);
    cr_expect_eq(lines(r.out), (int)(lines(orig)) - 1, "the other events are replayed");
    done(&r);
    snprintf(args, sizeof(args), "replay --speed 0 --strict --format jsonl %s", path);
    r = run(args);
    cr_expect_eq(r.code, 1);
    cr_expect_eq(lines(r.out), 3, "stops at the first invalid line");
    done(&r);
    unlink(path);
    free(path);
    free(orig);
}

Test(cli, replay_and_validate_refuse_what_is_not_a_trace)
{
    char *empty = tt_test_temp_with("tt-cli-trace", "", 0);
    static const unsigned char bin[] = {0x7f, 'E', 'L', 'F', 0, 1, 2, 3, 0xff, 0xfe, '\n'};
    char *binary = tt_test_temp_with("tt-cli-trace", (const char *)bin, sizeof(bin));
    char args[256];
    snprintf(args, sizeof(args), "replay %s", empty);
    result r = run(args);
    cr_expect_eq(r.code, 1);
    cr_expect(strstr(r.err, "no events (the file is empty)") != NULL, "%s", r.err);
    done(&r);
    snprintf(args, sizeof(args), "replay %s", binary);
    r = run(args);
    cr_expect_eq(r.code, 1);
    cr_expect(strstr(r.err, ":1: not text") != NULL, "%s", r.err);
    done(&r);
    snprintf(args, sizeof(args), "validate %s", binary);
    r = run(args);
    cr_expect_eq(r.code, 1);
    cr_expect(strstr(r.out, ":1: ") != NULL || strstr(r.err, ":1: ") != NULL, "%s%s", r.out, r.err);
    done(&r);
    r = run("replay /nonexistent-trace.jsonl");
    cr_expect_eq(r.code, 2);
    cr_expect(strstr(r.err, "/nonexistent-trace.jsonl: No such file or directory") != NULL, "%s", r.err);
    done(&r);
    r = run("validate /nonexistent-trace.jsonl");
    cr_expect_eq(r.code, 2);
    cr_expect(strstr(r.err, "No such file or directory") != NULL, "%s", r.err);
    done(&r);
    r = run("replay --step " FIXTURE("basic-tls1.3.jsonl"));
    cr_expect_eq(r.code, 2, "--step without a terminal");
    done(&r);
    unlink(empty);
    unlink(binary);
    free(empty);
    free(binary);
}

Test(cli, validate_accepts_every_fixture_and_names_file_and_line_of_a_seq_gap)
{
    /* Every committed trace, each named on its own line as valid. */
    result r = run("validate " TT_SOURCE_DIR "/fixtures/traces/*.jsonl");
    cr_expect_eq(r.code, 0, "%s%s", r.out, r.err);
    int fixtures = 0;
    DIR *d = opendir(TT_SOURCE_DIR "/fixtures/traces");
    cr_assert_not_null(d);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t n = strlen(e->d_name);
        if (n > 6 && strcmp(e->d_name + n - 6, ".jsonl") == 0) {
            char want[600];
            snprintf(want, sizeof(want), "/fixtures/traces/%s: ", e->d_name);
            const char *at = strstr(r.out, want), *eol = at ? strchr(at, '\n') : NULL;
            cr_expect(eol && eol - at > 11 && memcmp(eol - 11, ", all valid", 11) == 0,
                      "%s is not reported valid: %s", e->d_name, r.out);
            fixtures++;
        }
    }
    closedir(d);
    cr_expect_geq(fixtures, 17);
    cr_expect_eq(lines(r.out), fixtures, "%s", r.out);
    done(&r);
    char *orig = slurp(FIXTURE("basic-tls1.2.jsonl"));
    char *p = strchr(orig, '\n') + 1; /* drop line 2: seq 3 comes after seq 1 */
    char *end2 = strchr(p, '\n') + 1;
    memmove(p, end2, strlen(end2) + 1);
    char *path = tt_test_temp_with("tt-cli-trace", orig, strlen(orig));
    char args[256], where[300];
    snprintf(args, sizeof(args), "validate %s", path);
    r = run(args);
    cr_expect_eq(r.code, 1);
    snprintf(where, sizeof(where), "%s:2: seq 3, expected 2", path);
    cr_expect(strstr(r.out, where) != NULL || strstr(r.err, where) != NULL, "%s%s", r.out, r.err);
    done(&r);
    unlink(path);
    free(path);
    free(orig);
}

Test(cli, replay_step_waits_for_a_key_per_message)
{
    /* script(1) gives replay the terminal --step needs; two key presses, then q. */
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "(sleep 0.5; printf ' '; sleep 0.3; printf ' '; sleep 0.3; printf q) | "
             "script -qec '%s replay --step --format jsonl %s' /dev/null 2>/dev/null | "
             "tr '\\r' '\\n' | grep -c '\"type\":\"message\"'",
             TLSTRACE, FIXTURE("basic-tls1.3.jsonl"));
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    int messages = -1;
    cr_assert_eq(fscanf(p, "%d", &messages), 1);
    pclose(p);
    /* One message shown per key press: the third press (q) stops after the third message. */
    cr_expect_eq(messages, 3, "%d messages replayed", messages);
}

/* The client random of the ClientHello the client sent, from a trace (hex), into out (65 bytes). */
static void client_random_of(const char *trace, char out[65])
{
    out[0] = 0;
    char *copy = strdup(trace), *save = NULL;
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        cJSON *ev = cJSON_Parse(line);
        if (ev && !strcmp(tt_test_str(ev, "type"), "message") &&
            !strcmp(tt_test_str(ev, "hs_type"), "client_hello") &&
            !strcmp(tt_test_str(ev, "dir"), "sent")) {
            snprintf(out, 65, "%s", tt_test_str(cJSON_GetObjectItem(ev, "fields"), "random"));
            cJSON_Delete(ev);
            break;
        }
        cJSON_Delete(ev);
    }
    free(copy);
}

static void check_keylog(int tls13)
{
    char dir[] = "/tmp/tt-cli-keylog-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char args[1024], klog[128], trace_path[128];
    snprintf(klog, sizeof(klog), "%s/keys.log", dir);
    snprintf(trace_path, sizeof(trace_path), "%s/trace.jsonl", dir);
    snprintf(args, sizeof(args), "demo --scenario mutual --tls %s --keylog %s --out %s",
             tls13 ? "1.3" : "1.2", klog, trace_path);
    result r = run(args);
    cr_expect_eq(r.code, 0, "%s", r.err);
    done(&r);
    struct stat st;
    cr_assert_eq(stat(klog, &st), 0);
    cr_expect_eq(st.st_mode & 0777, 0600, "a key log holds secrets: mode %o", st.st_mode & 0777);
    char *keys = slurp(klog), *trace = slurp(trace_path), random[65];
    client_random_of(trace, random);
    cr_assert_eq(strlen(random), 64, "no ClientHello random in the trace");
    /* NSS key log format: LABEL <client random, 32 bytes hex> <secret hex>. */
    const char *want13[] = {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                            "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0"};
    int n = 0;
    char *save = NULL;
    for (char *line = strtok_r(keys, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
        char label[64], cr[80], secret[160];
        cr_assert_eq(sscanf(line, "%63s %79s %159s", label, cr, secret), 3, "%s", line);
        cr_expect_str_eq(label, tls13 ? (n < 4 ? want13[n] : "?") : "CLIENT_RANDOM");
        cr_expect_str_eq(cr, random, "the key log's client random is the ClientHello's");
        /* TLS 1.3: the suite's hash length (32 or 48 bytes); TLS 1.2: the 48-byte master secret. */
        size_t len = strlen(secret);
        cr_expect(tls13 ? (len == 64 || len == 96) : len == 96, "%s: %zu hex digits", label, len);
        /* Secrets go only to the key log: never into the trace. */
        cr_expect_null(strstr(trace, secret), "the %s value is in the trace", label);
    }
    cr_expect_eq(n, tls13 ? 4 : 1);
    free(keys);
    free(trace);
    snprintf(args, sizeof(args), "rm -rf %s", dir);
    cr_expect_eq(system(args), 0);
}

Test(cli, demo_keylog_has_the_labels_randoms_and_lengths_and_secrets_stay_out_of_the_trace)
{
    check_keylog(1);
    check_keylog(0);
}
