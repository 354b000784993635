/* The trace reader and validator (tracer/cmd/tt_trace.c) and `tlstrace validate`
 * (tracer/cmd/cmd_validate.c): every bad input the issue lists gets its message with file and line,
 * memory stays bounded on a 100 MB line and on binary data, the golden output of every vector in
 * tests/vectors/traces/, the schema walked to prove that every "required" and "enum" is checked,
 * and agreement with ajv (tests/node/validate-events.mjs) on the same inputs. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt_cli.h"
#include "tt_trace.h"
#include "tt_test_util.h"

#ifndef TT_SOURCE_DIR
#error "TT_SOURCE_DIR must name the repository root (CMake defines it for tests)"
#endif

#define VECTORS TT_SOURCE_DIR "/tests/vectors/traces"
#define EXAMPLES TT_SOURCE_DIR "/schema/examples"
#define NODE_SCRIPT TT_SOURCE_DIR "/tests/node/validate-events.mjs"

/* ---------- helpers ---------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s: %s", path, strerror(errno));
    char *b = tt_test_read_all(f, len);
    fclose(f);
    return b;
}

/* Everything written to f (a tmpfile), then closes it. Not open_memstream: its buffer comes from
 * libc's own malloc, which the ASan build cannot free (the executables hide ASan's malloc with
 * -Wl,--exclude-libs,ALL). */
static char *drain(FILE *f)
{
    cr_assert_eq(fflush(f), 0);
    rewind(f);
    char *b = tt_test_read_all(f, NULL);
    fclose(f);
    return b;
}

/* Validates the file at path as `name`; returns what was printed (caller frees). */
static char *validate_path(const char *path, const char *name, unsigned max_shown, int *rc,
                           tt_validate_report *rep)
{
    char err[512];
    tt_trace_reader *r = tt_trace_open(path, 0, err, sizeof(err));
    cr_assert_not_null(r, "%s", err);
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    *rc = tt_validate_trace(r, name, f, max_shown, rep);
    tt_trace_close(r);
    return drain(f);
}

/* Validates `text` as the file "t.jsonl". */
static char *validate_text(const char *text, int *rc)
{
    char *path = tt_test_temp_with("tt-trace", text, strlen(text));
    char *out = validate_path(path, "t.jsonl", 20, rc, NULL);
    unlink(path);
    free(path);
    return out;
}

#define SS(seq)                                                                                    \
    "{\"v\":1,\"seq\":" #seq ",\"t_us\":0,\"session\":\"s\",\"side\":\"client\","                  \
    "\"type\":\"session_start\",\"role\":\"client\",\"source\":\"demo\",\"config\":{\"versions\":" \
    "[\"TLS 1.3\"],\"cipher_suites\":\"library defaults\",\"verify_peer\":\"required\"},"          \
    "\"library\":{\"mbedtls\":\"3.6.6\",\"tlstrace\":\"0.1.0\"}}\n"
#define HD(seq)                                                                                    \
    "{\"v\":1,\"seq\":" #seq ",\"t_us\":20,\"session\":\"s\",\"side\":\"client\","                 \
    "\"type\":\"handshake_done\",\"summary\":\"x\"}\n"
#define SE(seq)                                                                                    \
    "{\"v\":1,\"seq\":" #seq ",\"t_us\":30,\"session\":\"s\",\"side\":\"client\","                 \
    "\"type\":\"session_end\",\"outcome\":\"ok\",\"close\":\"close_notify\",\"bytes\":1}\n"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.jsonl files of dir, sorted; returns their count, names in *names (free each and it). */
static size_t list_jsonl(const char *dir, char ***names)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "cannot open %s", dir);
    size_t n = 0, cap = 16;
    char **v = malloc(cap * sizeof(char *));
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 7 || strcmp(e->d_name + len - 6, ".jsonl") != 0)
            continue;
        if (n == cap)
            v = realloc(v, (cap *= 2) * sizeof(char *));
        v[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(v, n, sizeof(char *), cmp_str);
    *names = v;
    return n;
}

static void free_names(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static long max_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* The comparison with ajv needs node and the npm package; without them the test fails, naming
 * what is missing (never skips). */
static void need_node_and_ajv(void)
{
    tt_test_need_tool("node", "the comparison with ajv");
    if (access(TT_SOURCE_DIR "/tests/node/node_modules/ajv/package.json", R_OK) != 0)
        cr_assert_fail("MISSING TOOL: ajv (the npm package, in tests/node/node_modules) is not "
                       "installed; scripts/setup.sh --test installs it");
}

/* Runs the ajv script on `args`; returns its output (caller frees) and exit status in *status. */
static char *run_node(const char *args, int *status)
{
    char cmd[4096];
    snprintf(cmd, sizeof(cmd), "node '%s' %s 2>&1", NODE_SCRIPT, args);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    char *b = tt_test_read_all(p, NULL);
    int st = pclose(p);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return b;
}

/* Whether the ajv script's output has a problem at ".../WHERE" ("file.jsonl:" for any line of
 * a file, "file.jsonl:2:" for one line). */
static int node_flags(const char *out, const char *where)
{
    char pat[512];
    snprintf(pat, sizeof(pat), "/%s", where);
    return strstr(out, pat) != NULL;
}

/* ---------- the inputs the issue lists ---------- */

Test(trace, rejects_truncated_last_line)
{
    int rc;
    char *out = validate_text(SS(1) "{\"v\":1,\"seq\":2,\"t_us\":5,\"ses", &rc);
    cr_assert_eq(rc, 1);
    cr_assert_str_eq(
        out, "t.jsonl:2: invalid JSON at column 29: the line ends before the event does\n"
             "t.jsonl:2: warning: the last line has no newline: the trace may be cut short\n"
             "t.jsonl:2: session s/client has no session_end (started at seq 1)\n"
             "t.jsonl: 2 events, 1 invalid, 1 session without session_end\n");
    free(out);
}

Test(trace, reads_a_last_line_without_newline_with_a_warning)
{
    int rc;
    char *out =
        validate_text(SS(1) HD(2) "{\"v\":1,\"seq\":3,\"t_us\":30,\"session\":\"s\","
                                  "\"side\":\"client\",\"type\":\"session_end\",\"outcome\":\"ok\","
                                  "\"close\":\"eof\",\"bytes\":1}",
                      &rc);
    cr_assert_eq(rc, 0, "a complete last line is valid: %s", out);
    cr_assert_str_eq(
        out, "t.jsonl:3: warning: the last line has no newline: the trace may be cut short\n"
             "t.jsonl: 3 events, all valid\n");
    free(out);
}

Test(trace, rejects_invalid_json_with_its_column)
{
    int rc;
    char *out = validate_text(SS(1) "{\"v\":1,\"seq\":2 \"t_us\":5}\n" SE(3), &rc);
    cr_assert_eq(rc, 1);
    cr_assert_str_eq(out, "t.jsonl:2: invalid JSON at column 16\n"
                          "t.jsonl: 3 events, 1 invalid\n");
    free(out);
}

Test(trace, rejects_unknown_event_type)
{
    int rc;
    char *out = validate_text(SS(1) "{\"v\":1,\"seq\":2,\"t_us\":5,\"session\":\"s\",\"side\":"
                                    "\"client\",\"type\":\"teleport\"}\n" SE(3),
                              &rc);
    cr_assert_eq(rc, 1);
    cr_assert_str_eq(out, "t.jsonl:2: type \"teleport\" is unknown\n"
                          "t.jsonl: 3 events, 1 invalid\n");
    free(out);
}

Test(trace, rejects_seq_gap)
{
    int rc;
    char *out = validate_text(SS(1) HD(3) SE(4), &rc);
    cr_assert_eq(rc, 1);
    cr_assert_str_eq(out, "t.jsonl:2: seq 3, expected 2\nt.jsonl: 3 events, 1 invalid\n");
    free(out);
}

Test(trace, rejects_wrong_schema_version)
{
    int rc;
    char *out = validate_text("{\"v\":2,\"seq\":1,\"t_us\":0,\"session\":\"s\",\"side\":\"client\","
                              "\"type\":\"handshake_done\",\"summary\":\"x\"}\n",
                              &rc);
    cr_assert_eq(rc, 1);
    cr_assert_str_eq(out, "t.jsonl:1: v is 2: this tlstrace reads schema v1\n"
                          "t.jsonl: 1 event, 1 invalid\n");
    free(out);
}

Test(trace, reports_an_empty_file)
{
    int rc;
    char *out = validate_text("", &rc);
    cr_assert_eq(rc, 1, "a trace with no events is not a valid trace");
    cr_assert_str_eq(out, "t.jsonl: no events (the file is empty)\n");
    free(out);
}

Test(trace, reports_a_missing_file_and_a_directory)
{
    char err[512];
    cr_assert_null(tt_trace_open("/nonexistent/x.jsonl", 0, err, sizeof(err)));
    cr_assert_str_eq(err, "/nonexistent/x.jsonl: No such file or directory");
    cr_assert_null(tt_trace_open(VECTORS, 0, err, sizeof(err)));
    cr_assert_str_eq(err, VECTORS ": Is a directory");
}

Test(trace, rejects_nul_bytes_and_invalid_utf8)
{
    static const char text[] =
        SS(1) "{\"v\":1,\"seq\":2,\"t_us\":5,\"session\":\"s\",\"side\":"
              "\"client\",\"type\":\"handshake_done\",\"summary\":\"\xff\"}\n"
              "hello\0world\n" SE(3);
    char *path = tt_test_temp_with("tt-trace", text, sizeof(text) - 1);
    int rc;
    char *out = validate_path(path, "t.jsonl", 20, &rc, NULL);
    cr_assert_eq(rc, 1);
    /* Line 4's seq is taken as it comes: lines 2 and 3 were no events, they are not gaps. */
    cr_assert_str_eq(out, "t.jsonl:2: not text (binary data?): byte 0xff at column 90\n"
                          "t.jsonl:3: not text (binary data?): byte 0x00 at column 6\n"
                          "t.jsonl: 4 events, 2 invalid\n");
    free(out);
    unlink(path);
    free(path);
}

/* Writes a trace whose second line is a handshake_done of `mib` MiB, without holding it. */
static char *write_huge_line_trace(size_t mib)
{
    char *path = tt_test_temp_with("tt-trace", "", 0);
    FILE *f = fopen(path, "wb");
    static char chunk[1 << 20];
    memset(chunk, 'a', sizeof(chunk));
    fputs(SS(1) "{\"v\":1,\"seq\":2,\"t_us\":5,\"session\":\"s\",\"side\":\"client\","
                "\"type\":\"handshake_done\",\"summary\":\"",
          f);
    for (size_t i = 0; i < mib; i++)
        cr_assert_eq(fwrite(chunk, 1, sizeof(chunk), f), sizeof(chunk));
    fputs("\"}\n" SE(3), f);
    cr_assert_eq(fclose(f), 0);
    return path;
}

Test(trace, skips_a_100_MB_line_with_bounded_memory, .timeout = 120)
{
    char *path = write_huge_line_trace(100);
    long rss0 = max_rss_kib();
    char err[512];
    tt_trace_reader *r = tt_trace_open(path, 0, err, sizeof(err));
    cr_assert_not_null(r);
    tt_trace_line l;
    cr_assert_eq(tt_trace_next(r, &l), 1);
    cr_assert_null(l.error);
    cr_assert_eq(tt_trace_next(r, &l), 1);
    cr_assert_eq(l.line_no, 2);
    cr_assert_null(l.text, "an over-long line is not kept");
    cr_assert_str_eq(l.error, "longer than 1048576 bytes");
    cr_assert_gt(l.len, (size_t)100 << 20);
    cr_assert_eq(tt_trace_next(r, &l), 1);
    cr_assert_eq(l.line_no, 3);
    cr_assert_null(l.error, "the line after it is read: %s", l.error);
    cr_assert_eq(tt_trace_next(r, &l), 0);
    cr_assert_leq(tt_trace_buffer_size(r), TT_TRACE_MAX_LINE + 2);
    tt_trace_close(r);
    long grew = max_rss_kib() - rss0;
    cr_assert_lt(grew, 32 * 1024, "reading a 100 MB line grew the peak RSS by %ld KiB", grew);

    int rc;
    char *out = validate_path(path, "big.jsonl", 20, &rc, NULL);
    cr_assert_eq(rc, 1);
    cr_assert_str_eq(out, "big.jsonl:2: longer than 1048576 bytes\n"
                          "big.jsonl: 3 events, 1 invalid\n");
    free(out);
    unlink(path);
    free(path);
}

/* n bytes of xorshift noise; newlines replaced unless keep_newlines. */
static unsigned char *noise(size_t n, int keep_newlines)
{
    unsigned char *b = malloc(n);
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        b[i] = (unsigned char)(x >> 32);
        if (!keep_newlines && b[i] == '\n')
            b[i] = 0xFF;
    }
    return b;
}

Test(trace, rejects_a_binary_file_with_bounded_memory, .timeout = 60)
{
    /* 3 MiB without a newline: one line, too long and not text. */
    size_t n = 3 << 20;
    unsigned char *b = noise(n, 0);
    char *path = tt_test_temp_with("tt-trace", b, n);
    free(b);
    long rss0 = max_rss_kib();
    int rc;
    char *out = validate_path(path, "bin", 20, &rc, NULL);
    cr_assert_eq(rc, 1);
    cr_assert_str_eq(out,
                     "bin:1: not text (binary data?), and longer than 1048576 bytes\n"
                     "bin:1: warning: the last line has no newline: the trace may be cut short\n"
                     "bin: 1 event, 1 invalid\n");
    free(out);
    unlink(path);
    free(path);

    /* 1 MiB with newlines where they fall: every line invalid, at most 20 shown. */
    n = 1 << 20;
    b = noise(n, 1);
    path = tt_test_temp_with("tt-trace", b, n);
    free(b);
    tt_validate_report rep;
    out = validate_path(path, "bin", 20, &rc, &rep);
    cr_assert_eq(rc, 1);
    cr_assert_gt(rep.lines, 1000);
    cr_assert_eq(rep.invalid, rep.lines, "%llu of %llu lines", (unsigned long long)rep.invalid,
                 (unsigned long long)rep.lines);
    int printed = 0;
    for (char *s = out; *s; s++)
        printed += *s == '\n';
    char tail[128];
    snprintf(tail, sizeof(tail),
             "bin: ... %llu more problems not shown\nbin: %llu events, %llu "
             "invalid\n",
             (unsigned long long)rep.lines - 20, (unsigned long long)rep.lines,
             (unsigned long long)rep.lines);
    cr_assert(strstr(out, tail), "%s", out);
    cr_assert_eq(strncmp(out, "bin:1: ", 7), 0);
    cr_assert_eq(printed, 20 + rep.no_newline + 2,
                 "20 problems, [the last line's warning,] the count of the rest, the summary: %s",
                 out);
    cr_assert_lt(max_rss_kib() - rss0, 32 * 1024);
    free(out);
    unlink(path);
    free(path);
}

Test(trace, rejects_a_secret_with_any_other_property)
{
    static const char *const extra[] = {"value", "secret", "key", "Label", "hex", "bytes"};
    for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
        char ev[512], why[256];
        snprintf(ev, sizeof(ev),
                 "{\"v\":1,\"seq\":2,\"t_us\":5,\"session\":\"s\",\"side\":"
                 "\"client\",\"type\":\"secret\",\"label\":\"CLIENT_RANDOM\",\"length\":48,"
                 "\"hash\":\"SHA384\",\"explanation\":\"x\",\"%s\":\"00\"}",
                 extra[i]);
        cJSON *j = cJSON_Parse(ev);
        cr_assert_eq(tt_validate_schema(j, why, sizeof(why)), -1, "%s accepted", extra[i]);
        char want[200];
        snprintf(want, sizeof(want),
                 "secret: property \"%s\" is not allowed: a secret event "
                 "names a secret, never its value",
                 extra[i]);
        cr_assert_str_eq(why, want);
        cJSON_DeleteItemFromObjectCaseSensitive(j, extra[i]);
        cr_assert_eq(tt_validate_schema(j, why, sizeof(why)), 0, "%s", why);
        cJSON_Delete(j);
    }
}

Test(trace, reports_sessions_never_closed_in_start_order)
{
    int rc;
    char *out = validate_text(
        "{\"v\":1,\"seq\":1,\"t_us\":0,\"session\":\"b\\u001b[31m\",\"side\":\"server\",\"type\":"
        "\"session_start\",\"role\":\"server\",\"source\":\"demo\",\"config\":{\"versions\":"
        "[\"TLS 1.3\"],\"cipher_suites\":\"library defaults\",\"verify_peer\":\"none\"},"
        "\"library\":{\"mbedtls\":\"3.6.6\",\"tlstrace\":\"0.1.0\"}}\n" SS(2),
        &rc);
    cr_assert_eq(rc, 1);
    cr_assert_str_eq(out,
                     "t.jsonl:2: session b\\x1b[31m/server has no session_end (started at seq 1)\n"
                     "t.jsonl:2: session s/client has no session_end (started at seq 2)\n"
                     "t.jsonl: 2 events, 0 invalid, 2 sessions without session_end\n");
    free(out);
}

Test(trace, reads_standard_input)
{
    char *path = tt_test_temp_with("tt-trace", SS(1) HD(2) SE(3), strlen(SS(1) HD(2) SE(3)));
    cr_assert_not_null(freopen(path, "rb", stdin));
    char err[256];
    tt_trace_reader *r = tt_trace_open("-", 0, err, sizeof(err));
    cr_assert_not_null(r);
    cr_assert_str_eq(tt_trace_name(r), "<stdin>");
    FILE *f = tmpfile();
    cr_assert_eq(tt_validate_trace(r, tt_trace_name(r), f, 20, NULL), 0);
    tt_trace_close(r);
    char *out = drain(f);
    cr_assert_str_eq(out, "<stdin>: 3 events, all valid\n");
    free(out);
    unlink(path);
    free(path);
}

/* ---------- the reader ---------- */

Test(trace, line_of_max_line_bytes_is_accepted_one_more_is_not)
{
    for (int final_newline = 0; final_newline < 2; final_newline++) {
        char text[400];
        memset(text, 'x', sizeof(text));
        /* line 1: 100 bytes, line 2: 101 bytes, line 3: 100 bytes (last) */
        text[100] = '\n';
        text[100 + 1 + 101] = '\n';
        size_t n = 100 + 1 + 101 + 1 + 100;
        if (final_newline)
            text[n++] = '\n';
        char *path = tt_test_temp_with("tt-trace", text, n);
        char err[256];
        tt_trace_reader *r = tt_trace_open(path, 100, err, sizeof(err));
        tt_trace_set_mode(r, TT_TRACE_RAW);
        tt_trace_line l;
        cr_assert_eq(tt_trace_next(r, &l), 1);
        cr_assert_eq(l.len, 100);
        cr_assert_null(l.error);
        cr_assert_eq(l.text[100], '\0');
        cr_assert_eq(tt_trace_next(r, &l), 1);
        cr_assert_null(l.text);
        cr_assert_eq(l.len, 101);
        cr_assert_str_eq(l.error, "longer than 100 bytes");
        cr_assert_eq(tt_trace_next(r, &l), 1);
        cr_assert_eq(l.line_no, 3);
        cr_assert_eq(l.len, 100);
        cr_assert_null(l.error);
        cr_assert_eq(l.no_newline, !final_newline);
        cr_assert_eq(tt_trace_next(r, &l), 0);
        cr_assert_eq(tt_trace_next(r, &l), 0, "the end stays the end");
        cr_assert_leq(tt_trace_buffer_size(r), 102);
        tt_trace_close(r);
        unlink(path);
        free(path);
    }
}

/* Lines of lengths 0, 1, 2, ... 300 and some around the 64 KiB read size, each filled with a
 * byte that names its line: every one comes back whole, in order, whatever the boundaries. */
static unsigned char *varied_lines(size_t *n, size_t *lines)
{
    static const size_t big[] = {65533, 65534, 65535, 65536, 65537, 131072, 200000};
    size_t cap = 2 << 20, k = 0, count = 0;
    unsigned char *b = malloc(cap);
    for (size_t i = 0; i < 300 + sizeof(big) / sizeof(big[0]); i++, count++) {
        size_t len = i < 300 ? i : big[i - 300];
        memset(b + k, 'a' + (int)(count % 26), len);
        k += len;
        b[k++] = '\n';
    }
    *n = k;
    *lines = count;
    return b;
}

static void check_varied(tt_trace_reader *r, size_t lines)
{
    static const size_t big[] = {65533, 65534, 65535, 65536, 65537, 131072, 200000};
    tt_trace_line l;
    for (size_t i = 0; i < lines; i++) {
        cr_assert_eq(tt_trace_next(r, &l), 1, "line %zu", i + 1);
        size_t len = i < 300 ? i : big[i - 300];
        cr_assert_eq(l.line_no, i + 1);
        cr_assert_eq(l.len, len, "line %zu: %zu bytes, expected %zu", i + 1, l.len, len);
        cr_assert_eq(l.text[len], '\0');
        for (size_t j = 0; j < len; j++)
            if (l.text[j] != 'a' + (int)(i % 26))
                cr_assert_fail("line %zu byte %zu", i + 1, j);
    }
    cr_assert_eq(tt_trace_next(r, &l), 0);
}

Test(trace, splits_lines_across_buffer_boundaries)
{
    size_t n, lines;
    unsigned char *b = varied_lines(&n, &lines);
    char *path = tt_test_temp_with("tt-trace", b, n);
    char err[256];
    tt_trace_reader *r = tt_trace_open(path, 0, err, sizeof(err));
    tt_trace_set_mode(r, TT_TRACE_RAW);
    check_varied(r, lines);
    tt_trace_close(r);
    /* The same through stdio (no descriptor): fmemopen. */
    FILE *f = fmemopen(b, n, "rb");
    r = tt_trace_open_stream(f, "mem", 1, 0);
    tt_trace_set_mode(r, TT_TRACE_RAW);
    check_varied(r, lines);
    tt_trace_close(r);
    unlink(path);
    free(path);
    free(b);
}

Test(trace, reads_a_pipe_in_small_pieces)
{
    size_t n, lines;
    unsigned char *b = varied_lines(&n, &lines);
    int fds[2];
    cr_assert_eq(pipe(fds), 0);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) { /* the writer: 1 to 4096 bytes per write */
        close(fds[0]);
        size_t off = 0, step = 1;
        while (off < n) {
            size_t k = step < n - off ? step : n - off;
            if (write(fds[1], b + off, k) != (ssize_t)k)
                _exit(1);
            off += k;
            step = step * 7 % 4096 + 1;
        }
        _exit(0);
    }
    close(fds[1]);
    tt_trace_reader *r = tt_trace_open_stream(fdopen(fds[0], "rb"), "pipe", 1, 0);
    tt_trace_set_mode(r, TT_TRACE_RAW);
    check_varied(r, lines);
    tt_trace_close(r);
    int st;
    waitpid(pid, &st, 0);
    cr_assert_eq(st, 0);
    free(b);
}

Test(trace, parse_mode_hands_out_events_in_place)
{
    char *path = tt_test_temp_with("tt-trace", SS(1) "\r\n" HD(2), strlen(SS(1) "\r\n" HD(2)));
    char err[256];
    tt_trace_reader *r = tt_trace_open(path, 0, err, sizeof(err));
    tt_trace_line l;
    cr_assert_eq(tt_trace_next(r, &l), 1);
    cr_assert_not_null(l.ev);
    cr_assert(l.env.ok);
    cr_assert_eq(l.env.type, TT_EV_SESSION_START);
    cr_assert_str_eq(l.env.session, "s");
    cr_assert_eq(l.env.seq, 1);
    cr_assert_eq(l.env.server, 0);
    cr_assert_eq(tt_trace_next(r, &l), 1, "an empty line");
    cr_assert_eq(l.len, 1, "the \\r of \\r\\n is kept");
    cr_assert_str_eq(l.error, "empty line (expected one event per line)");
    cr_assert_eq(tt_trace_next(r, &l), 1);
    cr_assert_eq(l.env.type, TT_EV_HANDSHAKE_DONE);
    cJSON *kept = tt_trace_take_event(r, &l);
    cr_assert_not_null(kept);
    cr_assert_null(l.ev);
    cr_assert_eq(tt_trace_next(r, &l), 0);
    tt_trace_close(r);
    cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(kept, "summary")->valuestring, "x",
                     "a taken event outlives the reader");
    cJSON_Delete(kept);
    unlink(path);
    free(path);
}

/* Reads every line of path in ENVELOPE mode and in PARSE mode: the envelopes must be equal. */
static uint64_t compare_envelopes(const char *path)
{
    char err[256];
    tt_trace_reader *a = tt_trace_open(path, 0, err, sizeof(err));
    tt_trace_reader *b = tt_trace_open(path, 0, err, sizeof(err));
    tt_trace_set_mode(a, TT_TRACE_ENVELOPE);
    tt_trace_line la, lb;
    int ra, rb;
    while ((ra = tt_trace_next(a, &la)) == 1) {
        rb = tt_trace_next(b, &lb);
        cr_assert_eq(rb, 1);
        cr_assert_null(la.error, "%s:%llu: %s", path, (unsigned long long)la.line_no, la.error);
        cr_assert_null(la.ev, "ENVELOPE mode hands out no tree");
        cr_assert(la.env.ok && lb.env.ok);
        cr_assert_eq(la.env.seq, lb.env.seq);
        cr_assert_eq(la.env.t_us, lb.env.t_us);
        cr_assert_eq(la.env.server, lb.env.server);
        cr_assert_eq(la.env.type, lb.env.type);
        cr_assert_str_eq(la.env.session, lb.env.session);
    }
    cr_assert_eq(ra, 0);
    cr_assert_eq(tt_trace_next(b, &lb), 0);
    uint64_t slow = tt_trace_slow_envelopes(a);
    tt_trace_close(a);
    tt_trace_close(b);
    return slow;
}

Test(trace, envelope_mode_reads_the_writer_layout_without_parsing)
{
    char **names;
    size_t n = list_jsonl(EXAMPLES, &names);
    cr_assert_geq(n, 4);
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", EXAMPLES, names[i]);
        cr_assert_eq(compare_envelopes(path), 0,
                     "%s: a line of tlstrace's own layout needed a "
                     "full parse",
                     names[i]);
    }
    free_names(names, n);
}

Test(trace, envelope_mode_falls_back_for_other_layouts)
{
    const char *path = VECTORS "/valid/envelope-other-layout.jsonl";
    cr_assert_eq(compare_envelopes(path), 3);
    char err[256];
    tt_trace_reader *r = tt_trace_open(path, 0, err, sizeof(err));
    tt_trace_set_mode(r, TT_TRACE_ENVELOPE);
    tt_trace_line l;
    cr_assert_eq(tt_trace_next(r, &l), 1);
    cr_assert_str_eq(l.env.session, "caf\xc3\xa9/\"1\"", "escapes decoded");
    cr_assert_eq(tt_trace_parse(r, &l), 0, "parsed on demand");
    cr_assert(cJSON_IsObject(l.ev));
    tt_trace_close(r);
}

Test(trace, envelope_mode_says_what_is_wrong)
{
    static const struct {
        const char *line, *error;
    } cases[] = {
        {"{\"v\":2,\"seq\":1,\"t_us\":0,\"session\":\"s\",\"side\":\"client\",\"type\":\"state\"}",
         "v is 2: this tlstrace reads schema v1"},
        {"{\"v\":1,\"seq\":0,\"t_us\":0,\"session\":\"s\",\"side\":\"client\",\"type\":\"state\"}",
         "seq is 0: expected an integer >= 1"},
        {"{\"v\":1,\"seq\":1,\"t_us\":0,\"session\":\"s\",\"side\":\"client\",\"type\":\"x\"}",
         "type \"x\" is unknown"},
        {"{\"v\":1,\"seq\":1,\"t_us\":0,\"session\":\"s\",\"side\":\"client\"}",
         "missing required field \"type\""},
        {"{\"v\":1,\"seq\":1,\"t_us\":0,\"session\":\"s\",\"side\":\"client\",\"type\":\"state\"",
         "invalid JSON at column 69: the line ends before the event does"},
        {"[]", "the line is an array, not an event (a JSON object)"},
        {"\x80", "not text (binary data?): byte 0x80 at column 1"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *path = tt_test_temp_with("tt-trace", cases[i].line, strlen(cases[i].line));
        char err[256];
        tt_trace_reader *r = tt_trace_open(path, 0, err, sizeof(err));
        tt_trace_set_mode(r, TT_TRACE_ENVELOPE);
        tt_trace_line l;
        cr_assert_eq(tt_trace_next(r, &l), 1);
        cr_assert_not_null(l.error, "%s", cases[i].line);
        cr_assert_str_eq(l.error, cases[i].error);
        cr_assert_eq(l.env.ok, 0);
        tt_trace_close(r);
        unlink(path);
        free(path);
    }
}

/* ---------- the validator ---------- */

Test(trace, event_type_names_round_trip)
{
    for (int t = TT_EV_UNKNOWN + 1; t < TT_EV_COUNT; t++) {
        const char *name = tt_event_type_name((tt_event_type)t);
        cr_assert_not_null(name);
        cr_assert_eq((int)tt_event_type_from(name, strlen(name)), t);
    }
    cr_assert_null(tt_event_type_name(TT_EV_UNKNOWN));
    cr_assert_eq(tt_event_type_from("state ", 6), TT_EV_UNKNOWN);
}

Test(trace, validator_keeps_many_sessions)
{
    tt_validator *v = tt_validator_new();
    char why[512], ev[512];
    double seq = 1;
    for (int round = 0; round < 3; round++) /* start all, then one event each, then end all */
        for (int i = 0; i < 5000; i++) {
            static const char *const types[] = {"session_start", "handshake_done", "session_end"};
            snprintf(ev, sizeof(ev),
                     "{\"v\":1,\"seq\":%.0f,\"t_us\":0,\"session\":\"s%d\","
                     "\"side\":\"%s\",\"type\":\"%s\"}",
                     seq++, i / 2, i % 2 ? "server" : "client", types[round]);
            cJSON *j = cJSON_Parse(ev);
            int rc = tt_validate_event(v, j, why, sizeof(why));
            cJSON_Delete(j);
            /* Events without their required fields: only those messages are expected. */
            cr_assert(rc == 0 || strstr(why, "missing required field"), "%s: %s", ev, why);
        }
    cr_assert_eq(tt_validate_finish(v, why, sizeof(why)), 0, "%s", why);
    tt_validator_free(v);
}

Test(trace, validator_resynchronises_after_a_lost_line)
{
    tt_validator *v = tt_validator_new();
    char why[256];
    cJSON *a = cJSON_Parse(SS(1)), *b = cJSON_Parse(SE(5));
    cr_assert_eq(tt_validate_event(v, a, why, sizeof(why)), 0, "%s", why);
    tt_validate_skip(v);
    cr_assert_eq(tt_validate_event(v, b, why, sizeof(why)), 0, "after a lost line: %s", why);
    cr_assert_eq(tt_validate_finish(v, why, sizeof(why)), 0);
    cJSON_Delete(a);
    cJSON_Delete(b);
    tt_validator_free(v);
}

/* ---------- golden output and examples ---------- */

Test(trace, schema_examples_are_valid)
{
    char **names;
    size_t n = list_jsonl(EXAMPLES, &names);
    cr_assert_geq(n, 4);
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", EXAMPLES, names[i]);
        int rc;
        tt_validate_report rep;
        char *out = validate_path(path, names[i], 20, &rc, &rep);
        cr_assert_eq(rc, 0, "%s", out);
        cr_assert_gt(rep.lines, 50);
        free(out);
    }
    free_names(names, n);
}

Test(trace, every_vector_prints_its_golden_output)
{
    static const char *const dirs[] = {"valid", "invalid", "stricter"};
    size_t total = 0;
    for (size_t d = 0; d < 3; d++) {
        char dir[1024];
        snprintf(dir, sizeof(dir), "%s/%s", VECTORS, dirs[d]);
        char **names;
        size_t n = list_jsonl(dir, &names);
        cr_assert_geq(n, 5, "%s", dir);
        for (size_t i = 0; i < n; i++, total++) {
            char path[1200], name[300], golden[1200];
            snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
            snprintf(name, sizeof(name), "%s/%s", dirs[d], names[i]);
            snprintf(golden, sizeof(golden), "%s/%.*s.expected", dir, (int)(strlen(names[i]) - 6),
                     names[i]);
            int rc;
            char *out = validate_path(path, name, 20, &rc, NULL);
            char *want = slurp(golden, NULL);
            cr_expect_str_eq(out, want, "%s", name);
            cr_expect_eq(rc, d == 0 ? 0 : 1, "%s: %s", name, out);
            free(out);
            free(want);
        }
        free_names(names, n);
    }
    cr_assert_geq(total, 60);
}

/* Each vector directory and the schema examples, with the verdict ajv's script must give:
 * valid/ and the examples both accept, invalid/ both reject, stricter/ only tlstrace rejects
 * (the script checks neither session_end nor what cJSON cannot represent). */
Test(trace, agrees_with_ajv_on_every_vector, .timeout = 120)
{
    need_node_and_ajv();
    static const struct {
        const char *dir;
        int c_valid, node_valid;
    } sets[] = {
        {EXAMPLES, 1, 1},
        {VECTORS "/valid", 1, 1},
        {VECTORS "/invalid", 0, 0},
        {VECTORS "/stricter", 0, 1},
    };
    for (size_t s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
        int status;
        char args[1200];
        snprintf(args, sizeof(args), "'%s'", sets[s].dir);
        char *out = run_node(args, &status);
        char **names;
        size_t n = list_jsonl(sets[s].dir, &names);
        for (size_t i = 0; i < n; i++) {
            char path[1200];
            snprintf(path, sizeof(path), "%s/%s", sets[s].dir, names[i]);
            int rc;
            char *c_out = validate_path(path, names[i], 20, &rc, NULL);
            char where[300];
            snprintf(where, sizeof(where), "%s:", names[i]);
            int node_valid = !node_flags(out, where);
            if (strcmp(names[i], "empty.jsonl") == 0) { /* no line to flag: its own run */
                int st;
                char a[1300];
                snprintf(a, sizeof(a), "'%s'", path);
                free(run_node(a, &st));
                node_valid = st == 0;
            }
            cr_expect_eq(rc == 0, sets[s].c_valid, "tlstrace on %s: %s", path, c_out);
            cr_expect_eq(node_valid, sets[s].node_valid, "ajv on %s: %s", path, out);
            free(c_out);
        }
        free_names(names, n);
        free(out);
    }
}

/* ---------- the schema, walked ---------- */

/* A change to one event that the schema forbids: delete a required field, or put a value outside
 * an enum or const. */
typedef struct mutation {
    char type[32];   /* the event type it applies to; "" for every type (the envelope) */
    char key[6][40]; /* the path from the event; "#" is an array's first item */
    int depth;
    int op; /* 'd' delete, 'e' enum, 'c' const */
} mutation;

#define MAX_MUTATIONS 400
#define BAD_VALUE "zz-not-in-schema"

static const cJSON *field(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

static void add_mutation(mutation *m, int *n, const char *type, char key[][40], int depth,
                         const char *last, int op)
{
    cr_assert_lt(*n, MAX_MUTATIONS);
    mutation *x = &m[(*n)++];
    memset(x, 0, sizeof(*x));
    snprintf(x->type, sizeof(x->type), "%s", type);
    for (int i = 0; i < depth; i++)
        snprintf(x->key[i], sizeof(x->key[i]), "%s", key[i]);
    x->depth = depth;
    if (last)
        snprintf(x->key[x->depth++], sizeof(x->key[0]), "%s", last);
    x->op = op;
}

static void walk(const cJSON *schema, const cJSON *node, const char *type, char key[][40],
                 int depth, mutation *m, int *n)
{
    if (!cJSON_IsObject(node) || depth >= 5)
        return;
    const cJSON *ref = field(node, "$ref");
    if (cJSON_IsString(ref)) {
        cr_assert_eq(strncmp(ref->valuestring, "#/$defs/", 8), 0);
        walk(schema, field(field(schema, "$defs"), ref->valuestring + 8), type, key, depth, m, n);
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, field(node, "required"))
        add_mutation(m, n, type, key, depth, it->valuestring, 'd');
    if (field(node, "enum") && depth > 0)
        add_mutation(m, n, type, key, depth, NULL, 'e');
    if (field(node, "const") && depth > 0)
        add_mutation(m, n, type, key, depth, NULL, 'c');
    cJSON_ArrayForEach(it, field(node, "properties"))
    {
        snprintf(key[depth], 40, "%s", it->string);
        walk(schema, it, type, key, depth + 1, m, n);
    }
    if (cJSON_IsObject(field(node, "items"))) {
        snprintf(key[depth], 40, "#");
        walk(schema, field(node, "items"), type, key, depth + 1, m, n);
    }
    static const char *const groups[] = {"allOf", "oneOf", "anyOf"};
    for (int g = 0; g < 3; g++)
        cJSON_ArrayForEach(it, field(node, groups[g]))
        {
            /* The root's allOf: {"if": {type: const T}, "then": {$ref to T}} */
            const cJSON *t = field(field(field(field(it, "if"), "properties"), "type"), "const");
            walk(schema, it, cJSON_IsString(t) ? t->valuestring : type, key, depth, m, n);
        }
    if (field(node, "then"))
        walk(schema, field(node, "then"), type, key, depth, m, n);
}

/* The value at the mutation's path (all of it, or all but the last key), or NULL. */
static cJSON *resolve(cJSON *ev, const mutation *x, int upto)
{
    cJSON *o = ev;
    for (int i = 0; i < upto && o; i++)
        o = strcmp(x->key[i], "#") == 0 ? (cJSON_IsArray(o) ? cJSON_GetArrayItem(o, 0) : NULL)
            : cJSON_IsObject(o)         ? cJSON_GetObjectItemCaseSensitive(o, x->key[i])
                                        : NULL;
    return o;
}

/* Applies x to a copy of ev; NULL when ev does not have the path. */
static cJSON *mutate(const cJSON *ev, const mutation *x)
{
    const cJSON *t = field(ev, "type");
    if (x->type[0] && (!cJSON_IsString(t) || strcmp(t->valuestring, x->type) != 0))
        return NULL;
    cJSON *c = cJSON_Duplicate(ev, 1);
    cJSON *parent = resolve(c, x, x->depth - 1);
    const char *last = x->key[x->depth - 1];
    cJSON *target = resolve(c, x, x->depth);
    if (!parent || !target || strcmp(last, "#") == 0) {
        cJSON_Delete(c);
        return NULL;
    }
    if (x->op == 'd')
        cJSON_DeleteItemFromObjectCaseSensitive(parent, last);
    else
        cJSON_ReplaceItemInObjectCaseSensitive(parent, last, cJSON_CreateString(BAD_VALUE));
    return c;
}

/* "config.versions[0].id" */
static void dotted(const mutation *x, char *out, size_t n)
{
    size_t k = 0;
    out[0] = '\0';
    for (int i = 0; i < x->depth && k < n; i++)
        k += (size_t)(strcmp(x->key[i], "#") == 0
                          ? snprintf(out + k, n - k, "[0]")
                          : snprintf(out + k, n - k, "%s%s", k ? "." : "", x->key[i]));
}

/* Every event of the schema examples and of the valid vectors. */
static cJSON *event_pool(void)
{
    cJSON *pool = cJSON_CreateArray();
    const char *dirs[] = {EXAMPLES, VECTORS "/valid"};
    for (int d = 0; d < 2; d++) {
        char **names;
        size_t n = list_jsonl(dirs[d], &names);
        for (size_t i = 0; i < n; i++) {
            char path[1200];
            snprintf(path, sizeof(path), "%s/%s", dirs[d], names[i]);
            char err[256];
            tt_trace_reader *r = tt_trace_open(path, 0, err, sizeof(err));
            tt_trace_line l;
            while (tt_trace_next(r, &l) == 1)
                if (l.ev)
                    cJSON_AddItemToArray(pool, tt_trace_take_event(r, &l));
            tt_trace_close(r);
        }
        free_names(names, n);
    }
    return pool;
}

static int schema_mutations(mutation *m)
{
    char *text = slurp(TT_SOURCE_DIR "/schema/event.schema.json", NULL);
    cJSON *schema = cJSON_Parse(text);
    free(text);
    cr_assert_not_null(schema);
    char key[6][40];
    int n = 0;
    walk(schema, schema, "", key, 0, m, &n);
    cJSON_Delete(schema);
    return n;
}

Test(trace, checks_every_required_field_and_enum_of_the_schema)
{
    static mutation m[MAX_MUTATIONS];
    int n = schema_mutations(m);
    cr_assert_gt(n, 100, "the walk found only %d required fields and enums", n);
    cJSON *pool = event_pool();
    int uncovered = 0;
    for (int i = 0; i < n; i++) {
        char path[256], why[512];
        dotted(&m[i], path, sizeof(path));
        int applied = 0;
        const cJSON *ev;
        cJSON_ArrayForEach(ev, pool)
        {
            cJSON *bad = mutate(ev, &m[i]);
            if (!bad)
                continue;
            applied = 1;
            cr_assert_eq(tt_validate_schema(ev, why, sizeof(why)), 0, "%s", why);
            int rc = tt_validate_schema(bad, why, sizeof(why));
            char *s = cJSON_PrintUnformatted(bad);
            cr_expect_eq(rc, -1, "%s %s (%c) accepted: %s", m[i].type, path, m[i].op, s);
            if (m[i].op == 'd') {
                char want[300];
                snprintf(want, sizeof(want), "missing required field \"%s\"", path);
                cr_expect(strstr(why, want), "%s: \"%s\" does not say %s", s, why, want);
            } else {
                cr_expect(strstr(why, path) && strstr(why, BAD_VALUE),
                          "%s: \"%s\" does not name %s", s, why, path);
            }
            cJSON_free(s);
            cJSON_Delete(bad);
            break;
        }
        if (!applied) {
            uncovered++;
            cr_log_warn("no example or valid vector has %s %s: add one", m[i].type, path);
        }
    }
    cr_expect_eq(uncovered, 0, "%d required fields or enums of the schema were not tried",
                 uncovered);
    cJSON_Delete(pool);
}

/* The same mutations through the ajv script: it must reject each one too (so both validators
 * read the schema alike), and accept the events unchanged. */
Test(trace, ajv_rejects_the_same_mutations, .timeout = 120)
{
    need_node_and_ajv();
    static mutation m[MAX_MUTATIONS];
    int n = schema_mutations(m);
    cJSON *pool = event_pool();
    char dir[] = "/tmp/tt-trace-mut-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    int files = 0;
    char(*where)[64] = calloc((size_t)n * 2, 64);
    for (int i = 0; i < n; i++) {
        const cJSON *ev;
        cJSON_ArrayForEach(ev, pool)
        {
            cJSON *bad = mutate(ev, &m[i]);
            if (!bad)
                continue;
            /* The file: a session_start of the event's (session, side) at seq 1 unless the
             * event is one, then the event with the next seq. */
            for (int control = 0; control < 2; control++) {
                cJSON *e = cJSON_Duplicate(control ? ev : bad, 1);
                char path[200];
                snprintf(path, sizeof(path), "%s/%s%03d.jsonl", dir, control ? "ok" : "bad", i);
                FILE *f = fopen(path, "w");
                int line = 1;
                const cJSON *type = field(ev, "type");
                if (strcmp(type->valuestring, "session_start") != 0) {
                    cJSON *start = cJSON_Duplicate(cJSON_GetArrayItem(pool, 0), 1);
                    cJSON_ReplaceItemInObjectCaseSensitive(start, "seq", cJSON_CreateNumber(1));
                    cJSON_ReplaceItemInObjectCaseSensitive(
                        start, "session", cJSON_Duplicate(field(ev, "session"), 1));
                    cJSON_ReplaceItemInObjectCaseSensitive(start, "side",
                                                           cJSON_Duplicate(field(ev, "side"), 1));
                    char *s = cJSON_PrintUnformatted(start);
                    fprintf(f, "%s\n", s);
                    cJSON_free(s);
                    cJSON_Delete(start);
                    line = 2;
                }
                if (field(e, "seq"))
                    cJSON_ReplaceItemInObjectCaseSensitive(e, "seq", cJSON_CreateNumber(line));
                char *s = cJSON_PrintUnformatted(e);
                fprintf(f, "%s\n", s);
                cJSON_free(s);
                fclose(f);
                cJSON_Delete(e);
                snprintf(where[files++], 64, "%s%03d.jsonl:%d:", control ? "ok" : "bad", i, line);
            }
            cJSON_Delete(bad);
            break;
        }
    }
    int status;
    char args[300];
    snprintf(args, sizeof(args), "'%s'", dir);
    char *out = run_node(args, &status);
    for (int i = 0; i < files; i++) {
        int flagged = node_flags(out, where[i]);
        if (where[i][0] == 'b')
            cr_expect(flagged, "ajv accepted %s", where[i]);
        else
            cr_expect(!flagged, "ajv rejected the unchanged %s", where[i]);
    }
    cr_assert_gt(files, 200);
    free(out);
    free(where);
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
    cJSON_Delete(pool);
}

/* ---------- tlstrace validate ---------- */

typedef struct cli_result {
    int code;
    char *out, *err;
} cli_result;

/* Runs tt_cmd_validate with stdout and stderr captured. */
static cli_result run_validate(int argc, const char **argv)
{
    char o[] = "/tmp/tt-trace-out-XXXXXX", e[] = "/tmp/tt-trace-err-XXXXXX";
    int fo = mkstemp(o), fe = mkstemp(e);
    fflush(stdout);
    fflush(stderr);
    int so = dup(1), se = dup(2);
    dup2(fo, 1);
    dup2(fe, 2);
    cli_result r;
    r.code = tt_cmd_validate(argc, (char **)argv);
    fflush(stdout);
    fflush(stderr);
    dup2(so, 1);
    dup2(se, 2);
    close(so);
    close(se);
    close(fo);
    close(fe);
    r.out = slurp(o, NULL);
    r.err = slurp(e, NULL);
    unlink(o);
    unlink(e);
    return r;
}

static void cli_done(cli_result *r)
{
    free(r->out);
    free(r->err);
}

Test(cli, validate_exit_codes_and_messages)
{
    const char *ok = VECTORS "/valid/minimal.jsonl", *bad = VECTORS "/invalid/seq-gap.jsonl";

    cli_result r = run_validate(2, (const char *[]){"validate", ok, NULL});
    cr_expect_eq(r.code, TT_EXIT_OK);
    cr_expect_str_eq(r.out, VECTORS "/valid/minimal.jsonl: 3 events, all valid\n");
    cr_expect_str_eq(r.err, "");
    cli_done(&r);

    r = run_validate(3, (const char *[]){"validate", ok, bad, NULL});
    cr_expect_eq(r.code, TT_EXIT_FAILED);
    cr_expect(strstr(r.out, VECTORS "/invalid/seq-gap.jsonl:2: seq 3, expected 2\n"), "%s", r.out);
    cli_done(&r);

    r = run_validate(4, (const char *[]){"validate", ok, "/nonexistent.jsonl", bad, NULL});
    cr_expect_eq(r.code, TT_EXIT_USAGE, "a missing file is an input error, even among others");
    cr_expect_str_eq(r.err, "tlstrace validate: /nonexistent.jsonl: No such file or directory\n");
    cr_expect(strstr(r.out, "seq-gap.jsonl: 3 events, 1 invalid"),
              "the other files are still "
              "checked: %s",
              r.out);
    cli_done(&r);

    r = run_validate(1, (const char *[]){"validate", NULL});
    cr_expect_eq(r.code, TT_EXIT_USAGE);
    cr_expect(strstr(r.err, "tlstrace validate: missing FILE"), "%s", r.err);
    cli_done(&r);

    r = run_validate(3, (const char *[]){"validate", "--frobnicate", ok, NULL});
    cr_expect_eq(r.code, TT_EXIT_USAGE);
    cr_expect(strstr(r.err, "unknown option '--frobnicate'"), "%s", r.err);
    cli_done(&r);

    r = run_validate(4, (const char *[]){"validate", "--max-line", "12", ok, NULL});
    cr_expect_eq(r.code, TT_EXIT_USAGE);
    cli_done(&r);

    r = run_validate(4, (const char *[]){"validate", "--max-problems=1", "--max-line=64",
                                         VECTORS "/invalid/session-empty.jsonl", NULL});
    cr_expect_eq(r.code, TT_EXIT_FAILED);
    cr_expect(strstr(r.out, ":1: longer than 64 bytes\n"), "%s", r.out);
    cr_expect(strstr(r.out, ": ... 2 more problems not shown\n"), "%s", r.out);
    cli_done(&r);

    r = run_validate(2, (const char *[]){"validate", "--help", NULL});
    cr_expect_eq(r.code, TT_EXIT_OK);
    static const char *const documented[] = {
        "FILE:LINE: what is wrong", "--max-problems", "--max-line",
        "'-' reads standard input", "session_end",    "Exit codes: 0"};
    for (size_t i = 0; i < sizeof(documented) / sizeof(documented[0]); i++)
        cr_expect(strstr(r.out, documented[i]), "--help does not mention %s", documented[i]);
    cli_done(&r);
}

Test(trace, order_checks_from_envelopes_alone)
{
    tt_validator *v = tt_validator_new();
    char why[256];
    tt_trace_envelope e = {.ok = 1, .seq = 1, .session = "s", .type = TT_EV_SESSION_START};
    cr_assert_eq(tt_validate_order(v, &e, why, sizeof(why)), 0, "%s", why);
    e.seq = 3;
    e.type = TT_EV_STATE;
    cr_assert_eq(tt_validate_order(v, &e, why, sizeof(why)), -1);
    cr_assert_str_eq(why, "seq 3, expected 2");
    e.seq = 4;
    e.server = 1;
    cr_assert_eq(tt_validate_order(v, &e, why, sizeof(why)), -1);
    cr_assert_str_eq(why, "state for session s/server before its session_start");
    e.seq = 5;
    e.server = 0;
    e.type = TT_EV_SESSION_END;
    cr_assert_eq(tt_validate_order(v, &e, why, sizeof(why)), 0, "%s", why);
    e.seq = 6;
    e.type = TT_EV_ALERT;
    cr_assert_eq(tt_validate_order(v, &e, why, sizeof(why)), -1);
    cr_assert_str_eq(why, "alert for session s/client after its session_end");
    e.ok = 0;
    cr_assert_eq(tt_validate_order(v, &e, why, sizeof(why)), -1);
    cr_assert_eq(tt_validate_finish(v, why, sizeof(why)), 0);
    tt_validator_free(v);
}
