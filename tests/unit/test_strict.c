/* What reaches a page is what `tlstrace validate` accepts: the websocket commands and published
 * events of `tlstrace ui` (tt_ws_cmd.c), and what `tlstrace replay` writes (tt_replay.c), each
 * checked with real events from the recorded fixtures. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt_replay.h"
#include "tt_trace.h"
#include "tt_ws_cmd.h"

#define FIXTURE(name) TT_SOURCE_DIR "/fixtures/traces/" name

/* The first event of `type` in a fixture, as a compact JSON text (caller frees). */
static char *fixture_event(const char *file, const char *type)
{
    char err[256];
    tt_trace_reader *r = tt_trace_open(file, 0, err, sizeof(err));
    cr_assert_not_null(r, "%s", err);
    tt_trace_line l;
    char *found = NULL;
    while (!found && tt_trace_next(r, &l) == 1) {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(l.ev, "type");
        if (cJSON_IsString(t) && !strcmp(t->valuestring, type)) {
            char *j = cJSON_PrintUnformatted(l.ev); /* from cJSON's allocator: cJSON_free */
            found = strdup(j);
            cJSON_free(j);
        }
    }
    tt_trace_close(r);
    cr_assert_not_null(found, "no %s event in %s", type, file);
    return found;
}

/* {"cmd":"publish","event":EVENT} sent by producer 3; returns the decision (free it). */
static tt_ws_cmd publish(const char *event)
{
    char *msg = malloc(strlen(event) + 64);
    cr_assert_not_null(msg);
    sprintf(msg, "{\"cmd\":\"publish\",\"event\":%s}", event);
    tt_ws_cmd c;
    tt_ws_cmd_parse(msg, strlen(msg), 1, 3, &c);
    free(msg);
    return c;
}

/* The event text with the first occurrence of `from` replaced by `to` (caller frees). */
static char *replace(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    cr_assert_not_null(at, "%s not in %s", from, s);
    char *o = malloc(strlen(s) + strlen(to) + 1);
    cr_assert_not_null(o);
    sprintf(o, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
    return o;
}

Test(ws_cmd, a_real_event_of_each_type_is_published_in_the_producers_session)
{
    static const char *const types[] = {"session_start",  "state",        "record", "message",
                                        "cert_verify",    "key_exchange", "secret", "negotiated",
                                        "handshake_done", "session_end"};
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        char *ev = fixture_event(FIXTURE("mutual-tls1.3.jsonl"), types[i]);
        tt_ws_cmd c = publish(ev);
        cr_assert_eq(c.kind, TT_WS_CMD_PUBLISH, "%s refused: %s", types[i], c.error);
        cr_expect_not(c.rate_limited, "a producer's events are bounded by size, not by rate");
        cr_expect_str_eq(c.session, "mutual-tls1.3@p3");
        /* What the pages receive is valid as it stands. */
        char why[256];
        cJSON *out = tt_json_parse_strict(c.event.p, c.event.len, 0, why, sizeof(why));
        cr_assert_not_null(out, "%s", why);
        cr_expect_eq(tt_validate_schema(out, why, sizeof(why)), 0, "%s: %s", types[i], why);
        cJSON_Delete(out);
        tt_ws_cmd_free(&c);
        free(ev);
    }
}

/* Issue 9: "v": 1.5 passed because the check read cJSON's valueint (1). Every number of the
 * envelope is read as the schema reads it. */
Test(ws_cmd, refuses_numbers_the_schema_refuses)
{
    char *ev = fixture_event(FIXTURE("basic-tls1.3.jsonl"), "state");
    static const struct {
        const char *from, *to, *expect;
    } cases[] = {
        {"\"v\":1,", "\"v\":1.5,", "event.v must be 1"},
        {"\"v\":1,", "\"v\":1.0000001,", "event.v must be 1"},
        {"\"seq\":", "\"seq\":0.5,\"x\":", "event.seq must be an integer >= 1"},
        {"\"seq\":", "\"seq\":1e400,\"x\":", "event.seq must be an integer >= 1"},
        {"\"seq\":", "\"seq\":-3,\"x\":", "event.seq must be an integer >= 1"},
        {"\"t_us\":", "\"t_us\":-1,\"x\":", "not valid (schema v1)"},
        {"\"t_us\":", "\"t_us\":2.5,\"x\":", "not valid (schema v1)"},
        {"\"from\":{\"id\":", "\"from\":{\"id\":0.5,\"x\":", "not valid (schema v1)"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *bad = replace(ev, cases[i].from, cases[i].to);
        tt_ws_cmd c = publish(bad);
        cr_expect_eq(c.kind, TT_WS_CMD_ERROR, "accepted: %s", bad);
        cr_expect(strstr(c.error, cases[i].expect), "%s: %s", bad, c.error);
        tt_ws_cmd_free(&c);
        free(bad);
    }
    /* 1.0 is the number 1 for JSON.parse and the schema alike. */
    char *one = replace(ev, "\"v\":1,", "\"v\":1.0,");
    tt_ws_cmd c = publish(one);
    cr_expect_eq(c.kind, TT_WS_CMD_PUBLISH, "%s", c.error);
    tt_ws_cmd_free(&c);
    free(one);
    free(ev);
}

Test(ws_cmd, refuses_an_event_validate_refuses)
{
    char *ev = fixture_event(FIXTURE("basic-tls1.3.jsonl"), "message");
    static const struct {
        const char *from, *to, *expect;
    } cases[] = {
        {"\"hs_type\":", "\"hs_typo\":", "missing required field \"hs_type\""},
        {"\"protection\":\"plaintext\"", "\"protection\":\"maybe\"", "protection"},
        {"\"hex\":\"", "\"hex\":\"zz", "hex"},
        /* What cJSON would read differently from JSON.parse, or not at all. */
        {"\"label\":\"", "\"label\":\"\\u0000", "NUL"},
        {"\"label\":\"", "\"label\":\"\\ud800", "lone UTF-16 surrogate"},
        {"\"fields\":{", "\"fields\":{\"n\":01,", "malformed number"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *bad = replace(ev, cases[i].from, cases[i].to);
        tt_ws_cmd c = publish(bad);
        cr_expect_eq(c.kind, TT_WS_CMD_ERROR, "accepted: %.200s", bad);
        cr_expect(strstr(c.error, cases[i].expect), "%s", c.error);
        tt_ws_cmd_free(&c);
        free(bad);
    }
    free(ev);
}

/* Validate reads 256 levels of nesting; a published event is one level down in its command. */
Test(ws_cmd, nesting_as_deep_as_validate_reads_and_no_deeper)
{
    char *ev = fixture_event(FIXTURE("basic-tls1.3.jsonl"), "message");
    for (int depth = 255; depth <= 257; depth++) {
        /* fields:{"x": [[[...]]]}: the event is 1, fields 2, then depth - 2 arrays. */
        size_t n = (size_t)depth - 2;
        char *nest = malloc(2 * n + 32);
        cr_assert_not_null(nest);
        strcpy(nest, "\"fields\":{\"x\":");
        memset(nest + strlen(nest), '[', n);
        nest[14 + n] = '\0';
        memset(nest + 14 + n, ']', n);
        nest[14 + 2 * n] = '\0';
        strcat(nest, "},\"old\":{");
        char *deep = replace(ev, "\"fields\":{", nest);
        char why[256];
        cJSON *line = tt_json_parse_strict(deep, strlen(deep), 0, why, sizeof(why));
        int valid = line && tt_validate_schema(line, why, sizeof(why)) == 0;
        cJSON_Delete(line);
        tt_ws_cmd c = publish(deep);
        cr_expect_eq(valid, depth <= 256, "depth %d: %s", depth, why);
        cr_expect_eq(c.kind == TT_WS_CMD_PUBLISH, valid, "depth %d: %s", depth, c.error);
        tt_ws_cmd_free(&c);
        free(deep);
        free(nest);
    }
    free(ev);
}

Test(ws_cmd, a_page_command_is_strict_json_too)
{
    static const struct {
        const char *text, *expect;
    } cases[] = {
        {"{\"cmd\":\"list\"} {\"cmd\":\"run\"}", "text after the event"},
        {"{\"cmd\":\"list\",}", "not a JSON object"},
        {"{\"cmd\":\"run\",\"scenario\":\"basic\",\"tls\":\"1.3\",\"mutual\":1}", "\"mutual\""},
        {"{\"cmd\":\"run\",\"scenario\":\"basic\",\"tls\":1.3}", "\"tls\" must be"},
        {"{\"cmd\":\"run\",\"scenario\":\"hello-retry\",\"tls\":\"1.2\"}",
         "does not run in TLS 1.2"},
        {"\xef\xbb\xbf{\"cmd\":\"list\"}", "byte order mark"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        tt_ws_cmd c;
        tt_ws_cmd_parse(cases[i].text, strlen(cases[i].text), 0, 1, &c);
        cr_expect_eq(c.kind, TT_WS_CMD_ERROR, "accepted: %s", cases[i].text);
        cr_expect(strstr(c.error, cases[i].expect), "%s: %s", cases[i].text, c.error);
        cr_expect(c.rate_limited);
        tt_ws_cmd_free(&c);
    }
    const char *run = "{\"cmd\":\"run\",\"scenario\":\"basic\",\"tls\":\"1.2\",\"mutual\":true}";
    tt_ws_cmd c;
    tt_ws_cmd_parse(run, strlen(run), 0, 1, &c);
    cr_assert_eq(c.kind, TT_WS_CMD_RUN, "%s", c.error);
    cr_expect_str_eq(c.scenario->name, "basic");
    cr_expect(!c.tls13 && c.mutual);
    tt_ws_cmd_free(&c);
}

/* ---------- replay ---------- */

typedef struct replayed {
    char *out; /* the lines written */
    size_t len;
    char report[4096]; /* "LINE: why" for each line reported, and "end: why" */
    int skipped, noted, unclosed;
} replayed;

/* Replays the files (texts) through tt_replay as `tlstrace replay` does. */
static replayed replay_texts(const char *const *files, int nfiles, size_t max_line)
{
    replayed rr = {0};
    rr.out = calloc(1, 1);
    tt_replay *rp = tt_replay_new(max_line);
    cr_assert_not_null(rp);
    for (int i = 0; i < nfiles; i++) {
        FILE *f = fmemopen((void *)files[i], strlen(files[i]), "rb");
        cr_assert_not_null(f);
        tt_trace_reader *r = tt_trace_open_stream(f, "t", 1, max_line);
        tt_replay_begin_file(rp);
        tt_trace_line l;
        tt_replay_out o;
        char why[512];
        size_t k = strlen(rr.report);
        while (tt_trace_next(r, &l) == 1) {
            tt_replay_verdict v = tt_replay_line(rp, &l, &o, why, sizeof(why));
            if (v != TT_REPLAY_WRITE)
                k += (size_t)snprintf(rr.report + k, sizeof(rr.report) - k, "%llu: %s\n",
                                      (unsigned long long)l.line_no, why);
            rr.skipped += v == TT_REPLAY_SKIP;
            rr.noted += v == TT_REPLAY_NOTED;
            if (v == TT_REPLAY_SKIP)
                continue;
            rr.out = realloc(rr.out, rr.len + o.len + 2);
            memcpy(rr.out + rr.len, o.text, o.len);
            rr.len += o.len;
            rr.out[rr.len++] = '\n';
            rr.out[rr.len] = '\0';
        }
        while (tt_replay_end_file(rp, why, sizeof(why)) != 0) {
            rr.unclosed++;
            k += (size_t)snprintf(rr.report + k, sizeof(rr.report) - k, "end: %s\n", why);
        }
        tt_trace_close(r);
    }
    tt_replay_free(rp);
    return rr;
}

/* tlstrace validate's verdict on a text: 0 valid. */
static int validate_text(const char *text, size_t len, tt_validate_report *rep)
{
    FILE *f = len ? fmemopen((void *)text, len, "rb") : tmpfile(); /* (empty) */
    FILE *devnull = tmpfile();                                      /* the report, unread */
    tt_trace_reader *r = tt_trace_open_stream(f, "out", 1, 0);
    int rc = tt_validate_trace(r, "out", devnull, 0, rep);
    tt_trace_close(r);
    fclose(devnull);
    return rc;
}

static char *read_fixture(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *b = malloc((size_t)n + 1);
    cr_assert_eq(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = '\0';
    fclose(f);
    return b;
}

/* Issue 9: a line nested 100,000 levels deep went through replay, and its output failed validate.
 */
Test(replay, skips_a_line_nested_deeper_than_validate_reads)
{
    size_t n = 100000;
    char *deep = malloc(2 * n + 256);
    int k = sprintf(deep, "{\"v\":1,\"seq\":1,\"t_us\":0,\"session\":\"s\",\"side\":\"client\","
                          "\"type\":\"session_start\",\"x\":");
    memset(deep + k, '[', n);
    memset(deep + k + n, ']', n);
    strcpy(deep + k + 2 * n, "}\n");
    const char *files[] = {deep};
    replayed rr = replay_texts(files, 1, 0);
    cr_expect_eq(rr.skipped, 1);
    cr_expect_eq(rr.len, 0, "nothing written");
    cr_expect(strstr(rr.report, "1: invalid JSON at column") &&
                  strstr(rr.report, "nested deeper than 256 levels"),
              "%s", rr.report);
    free(rr.out);
    free(deep);
}

Test(replay, a_valid_trace_goes_through_unchanged)
{
    char *t = read_fixture(FIXTURE("hello-retry-tls1.3.jsonl"));
    const char *files[] = {t};
    replayed rr = replay_texts(files, 1, 0);
    cr_expect_str_eq(rr.report, "");
    cr_expect_str_eq(rr.out, t);
    free(rr.out);
    free(t);
}

/* An invalid session_start is skipped, and so is everything of its session after it: the output
 * never holds an event of a session it did not start. */
Test(replay, what_follows_a_skipped_line_is_checked_against_what_was_written)
{
    char *t = read_fixture(FIXTURE("basic-tls1.3.jsonl"));
    /* The client's session_start (line 1) loses its role: invalid. */
    char *bad = replace(t, "\"role\":\"client\"", "\"role\":\"teacher\"");
    const char *files[] = {bad};
    replayed rr = replay_texts(files, 1, 0);
    tt_validate_report rep;
    cr_expect_eq(validate_text(rr.out, rr.len, &rep), 0, "%s", rr.report);
    cr_expect_eq(rep.invalid, 0);
    cr_expect(strstr(rr.report, "1: session_start: ") != NULL, "%s", rr.report);
    cr_expect(strstr(rr.report, "before its session_start") != NULL, "%s", rr.report);
    cr_expect_gt(rr.skipped, 10, "every client event skipped");
    cr_expect_eq(rr.unclosed, 0, "%s", rr.report);
    free(rr.out);
    free(bad);
    free(t);
}

Test(replay, joined_files_get_contiguous_seq_and_distinct_sessions)
{
    char *a = read_fixture(FIXTURE("basic-tls1.3.jsonl"));
    const char *files[] = {a, a, a};
    replayed rr = replay_texts(files, 3, 0);
    cr_expect_str_eq(rr.report, "");
    tt_validate_report rep;
    cr_expect_eq(validate_text(rr.out, rr.len, &rep), 0);
    cr_expect(strstr(rr.out, "\"session\":\"basic-tls1.3~2\""),
              "the second file's session renamed");
    cr_expect(strstr(rr.out, "\"session\":\"basic-tls1.3~3\""), "the third file's session renamed");
    free(rr.out);
    free(a);
}

/* A session_start line in tlstrace's layout (tests/vectors/traces/valid/minimal.jsonl's). */
static void start_line(char *buf, size_t n, int seq, const char *session)
{
    snprintf(buf, n,
             "{\"v\":1,\"seq\":%d,\"t_us\":0,\"session\":\"%s\",\"side\":\"client\",\"type\":"
             "\"session_start\",\"role\":\"client\",\"source\":\"demo\",\"config\":{\"versions\":"
             "[\"TLS 1.3\"],\"cipher_suites\":\"library defaults\",\"verify_peer\":\"required\"},"
             "\"library\":{\"mbedtls\":\"3.6.6\",\"tlstrace\":\"0.1.0\"}}\n",
             seq, session);
}

Test(replay, a_gap_is_reported_and_a_cut_trace_leaves_its_sessions_open)
{
    char text[1024];
    start_line(text, sizeof(text), 1, "s");
    strcat(text, "{\"v\":1,\"seq\":3,\"t_us\":20,\"session\":\"s\",\"side\":\"client\",\"type\":"
                 "\"handshake_done\",\"summary\":\"x\"}\n");
    const char *files[] = {text};
    replayed rr = replay_texts(files, 1, 0);
    cr_expect_eq(rr.noted, 1);
    cr_expect_eq(rr.skipped, 0);
    cr_expect(strstr(rr.report, "2: seq 3, expected 2: events are missing before this line "
                                "(replayed, with seq 2)"),
              "%s", rr.report);
    cr_expect(strstr(rr.report, "end: session s/client has no session_end"), "%s", rr.report);
    tt_validate_report rep;
    validate_text(rr.out, rr.len, &rep);
    cr_expect_eq(rep.invalid, 0, "every line written is valid");
    cr_expect_eq(rep.unclosed, 1);
    free(rr.out);
}

/* A line with "seq" twice: JSON.parse and validate read the last one; renumbering must not leave
 * the old value there. */
Test(replay, renumbering_replaces_every_seq_key)
{
    char text[1024];
    start_line(text, sizeof(text), 1, "s");
    strcat(text, "{\"v\":1,\"seq\":7,\"t_us\":1,\"session\":\"s\",\"side\":\"client\",\"type\":"
                 "\"session_end\",\"outcome\":\"ok\",\"close\":\"close_notify\",\"bytes\":1,"
                 "\"seq\":2}\n");
    /* After the first file's line, everything is renumbered (seq 1 is the second file's first). */
    char first[1024];
    start_line(first, sizeof(first), 1, "f");
    strcat(first, "{\"v\":1,\"seq\":2,\"t_us\":1,\"session\":\"f\",\"side\":\"client\",\"type\":"
                  "\"session_end\",\"outcome\":\"ok\",\"close\":\"close_notify\",\"bytes\":1}\n");
    const char *files[] = {first, text};
    replayed rr = replay_texts(files, 2, 0);
    cr_expect_str_eq(rr.report, "");
    tt_validate_report rep;
    cr_expect_eq(validate_text(rr.out, rr.len, &rep), 0, "%s", rr.out);
    cr_expect(strstr(rr.out, "\"seq\":4") && !strstr(rr.out, "\"seq\":2}") &&
                  !strstr(rr.out, "\"seq\":7"),
              "%s", rr.out);
    free(rr.out);
}

/* seq written as 10e-1 is 1, as JSON.parse reads it; renumbered, it must not become 5e-1. */
Test(replay, renumbering_rewrites_a_seq_written_in_another_form)
{
    char text[2048], first[1024];
    start_line(first, sizeof(first), 1, "f");
    start_line(text, sizeof(text), 1, "s");
    char *odd = replace(text, "\"seq\":1,", "\"seq\":10e-1,");
    char *odd2 = replace(odd, "\"session\":\"s\"", "\"session\":\"t\"");
    char both[4096];
    snprintf(both, sizeof(both), "%s%s", odd, odd2);
    /* (two files: the second's lines are renumbered 2 and 3) */
    char *second = replace(both, "\"seq\":10e-1,\"t_us\":0,\"session\":\"t\"",
                           "\"seq\":2.0,\"t_us\":0,\"session\":\"t\"");
    const char *files[] = {first, second};
    replayed rr = replay_texts(files, 2, 0);
    cr_expect_str_eq(rr.report, "end: session f/client has no session_end (started at seq 1)\n"
                                "end: session s/client has no session_end (started at seq 2)\n"
                                "end: session t/client has no session_end (started at seq 3)\n");
    tt_validate_report rep;
    validate_text(rr.out, rr.len, &rep);
    cr_expect_eq(rep.invalid, 0, "%s", rr.out);
    free(rr.out);
    free(second);
    free(odd2);
    free(odd);
}

/* Renumbering makes a line longer: never past the limit the output is read with. */
Test(replay, a_line_renumbering_would_make_too_long_is_skipped)
{
    /* Nine one-digit lines of the same length, then a second file whose line becomes seq 10. */
    char first[4096] = "", l[512];
    for (int i = 1; i <= 9; i++) {
        char name[2] = {(char)('a' + i), 0};
        start_line(l, sizeof(l), i, name);
        strcat(first, l);
    }
    start_line(l, sizeof(l), 1, "s");
    const char *files[] = {first, l};
    replayed rr = replay_texts(files, 2, strlen(l) - 1);
    cr_expect(strstr(rr.report, "1: with seq 10, the line would be longer than"), "%s", rr.report);
    cr_expect_eq(rr.skipped, 1);
    free(rr.out);
}
