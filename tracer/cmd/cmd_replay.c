/* tlstrace replay: plays recorded traces again, with their timing, to stdout, the terminal or the
 * page. Streaming: one line in memory at a time, whatever the size of the trace. */
#include "tt_cli.h"
#include "tt_emit.h"
#include "tt_text.h"
#include "tt_trace.h"
#include "tt_ws_pub.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const char replay_usage[] =
    "usage: tlstrace replay FILE... [--speed X | --step] [--format jsonl|text] [--ui ADDR:PORT]\n"
    "                       [--verbose] [--strict] [--stats]\n"
    "\n"
    "Plays recorded traces (JSON Lines, schema v1) again: to stdout as JSON Lines (when piped),\n"
    "as the two-column timeline (on a terminal, or --format text), and/or to a running\n"
    "'tlstrace ui' page (--ui). FILE may be '-' for standard input. Files are read as a stream:\n"
    "memory does not grow with their size.\n"
    "\n"
    "  --speed X        play with the recorded timing, X times as fast (default 1; 0: as fast\n"
    "                   as possible; 2: twice as fast; 0.5: half speed)\n"
    "  --step           one handshake message at a time: press Enter (or Space) for the next,\n"
    "                   q to stop (needs a terminal)\n"
    "  --format F       stdout format: jsonl or text (default: text on a terminal, else jsonl)\n"
    "  --verbose        text format: also show records, secrets, every explanation and its\n"
    "                   sources (RFC sections, Mbed TLS behaviour)\n"
    "  --ui ADDR:PORT   also stream the events to a running 'tlstrace ui'\n"
    "  --strict         stop at the first invalid line (default: skip it with a warning)\n"
    "  --stats          at the end, print to stderr the events replayed, their rate and the\n"
    "                   peak memory of the process (scripts/bench-replay.sh uses it)\n"
    "\n"
    "Each line's envelope (v, seq, t_us, session, side, type) and its place in the trace (seq\n"
    "contiguous, a session started before it is used and not after it ended) are checked; the\n"
    "lines are passed on as they are. 'tlstrace validate' checks every field.\n"
    "With several files, or lines skipped, seq is renumbered so that the output is one valid\n"
    "trace.\n"
    "\n"
    "Exit codes: 0 every line was replayed, 1 invalid lines were skipped (or --strict stopped),\n"
    "2 usage error or a file that cannot be read.\n";

/* The light checks replay makes per line: the envelope and its order within the file. Only the
 * sessions still open are remembered (a session_end forgets its session), so memory follows the
 * number of sessions in progress, not the length of the trace. */
typedef struct order_check {
    uint64_t next_seq;
    char **open;  /* "c/session" or "s/session" */
    size_t n, cap;
} order_check;

static void order_free(order_check *o)
{
    for (size_t i = 0; i < o->n; i++)
        free(o->open[i]);
    free(o->open);
    memset(o, 0, sizeof(*o));
}

/* Returns NULL when the event may be replayed, else why not. */
static const char *order_event(order_check *o, const tt_trace_envelope *e, char *why, size_t len)
{
    const char *side = e->server ? "server" : "client";
    if (o->next_seq && e->seq != o->next_seq) {
        snprintf(why, len, "seq %llu, expected %llu", (unsigned long long)e->seq,
                 (unsigned long long)o->next_seq);
        o->next_seq = e->seq + 1;
        return why;
    }
    o->next_seq = e->seq + 1;
    size_t i;
    for (i = 0; i < o->n; i++)
        if (o->open[i][0] == side[0] && !strcmp(o->open[i] + 2, e->session))
            break;
    if (e->type == TT_EV_SESSION_START) {
        if (i < o->n) {
            snprintf(why, len, "a second session_start for %s/%s", e->session, side);
            return why;
        }
        if (o->n == o->cap) {
            size_t cap = o->cap ? o->cap * 2 : 16;
            char **k = realloc(o->open, cap * sizeof(*k));
            if (!k)
                return "out of memory";
            o->open = k;
            o->cap = cap;
        }
        size_t klen = strlen(e->session) + 3;
        if (!(o->open[o->n] = malloc(klen)))
            return "out of memory";
        snprintf(o->open[o->n], klen, "%c/%s", side[0], e->session);
        o->n++;
        return NULL;
    }
    if (i == o->n) {
        snprintf(why, len, "%s for %s/%s, which is not open (no session_start, or after its "
                           "session_end)", tt_event_type_name(e->type), e->session, side);
        return why;
    }
    if (e->type == TT_EV_SESSION_END) {
        free(o->open[i]);
        o->open[i] = o->open[--o->n];
    }
    return NULL;
}

static void sleep_us(uint64_t us)
{
    struct timespec ts = {(time_t)(us / 1000000), (long)(us % 1000000) * 1000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* --step: waits for a key on the terminal; returns 0 to go on, 1 to stop. */
static int wait_key(FILE *tty)
{
    fprintf(stderr, "-- Enter or Space: next message, q: stop --\r");
    fflush(stderr);
    int c = fgetc(tty);
    fprintf(stderr, "%60s\r", "");
    return c == EOF || c == 'q' || c == 'Q' || c == 4;
}

/* Replaces the seq of a line written in tlstrace's layout ({"v":1,"seq":N,...}); returns 0, or -1
 * when the line has another layout. */
static int renumber(const char *text, size_t len, uint64_t seq, tt_buf *out)
{
    static const char head[] = "{\"v\":1,\"seq\":";
    size_t hl = sizeof(head) - 1;
    if (len < hl || memcmp(text, head, hl) != 0)
        return -1;
    size_t p = hl;
    while (p < len && text[p] >= '0' && text[p] <= '9')
        p++;
    if (p == hl)
        return -1;
    char num[24];
    int n = snprintf(num, sizeof(num), "%llu", (unsigned long long)seq);
    out->len = 0;
    if (tt_buf_reserve(out, len + 24) != 0)
        return -1;
    memcpy(out->p, text, hl);
    memcpy(out->p + hl, num, (size_t)n);
    memcpy(out->p + hl + n, text + p, len - p);
    out->len = hl + (size_t)n + (len - p);
    out->p[out->len] = '\0';
    return 0;
}

int tt_cmd_replay(int argc, char **argv)
{
    const char *files[256];
    int nfiles = 0, step = 0, strict = 0, stats = 0, verbose = 0;
    double speed = 1.0;
    const char *format = NULL, *ui = NULL, *v;
    tt_args a;
    tt_args_init(&a, "replay", argc, argv);
    const char *arg;
    int is_opt, speed_given = 0;
    while ((arg = tt_args_next(&a, &is_opt))) {
        if (!is_opt || !strcmp(arg, "-")) {
            if (nfiles == 256)
                return tt_usage_error("replay", "at most 256 files");
            files[nfiles++] = arg;
        } else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            fputs(replay_usage, stdout);
            return TT_EXIT_OK;
        } else if (!strcmp(arg, "--speed")) {
            if (!(v = tt_args_value(&a)))
                return TT_EXIT_USAGE;
            char *end;
            speed = strtod(v, &end);
            if (!*v || *end || !(speed >= 0) || speed > 1e6)
                return tt_usage_error("replay", "--speed must be a number >= 0, not '%s'", v);
            speed_given = 1;
        } else if (!strcmp(arg, "--step")) {
            step = 1;
        } else if (!strcmp(arg, "--strict")) {
            strict = 1;
        } else if (!strcmp(arg, "--stats")) {
            stats = 1;
        } else if (!strcmp(arg, "--verbose")) {
            verbose = 1;
        } else if (!strcmp(arg, "--format")) {
            if (!(format = tt_args_value(&a)))
                return TT_EXIT_USAGE;
            if (strcmp(format, "jsonl") && strcmp(format, "text"))
                return tt_usage_error("replay", "--format must be jsonl or text, not '%s'", format);
        } else if (!strcmp(arg, "--ui")) {
            if (!(ui = tt_args_value(&a)))
                return TT_EXIT_USAGE;
        } else {
            return tt_usage_error("replay", "unknown option '%s'", arg);
        }
    }
    if (!nfiles)
        return tt_usage_error("replay", "missing FILE");
    if (step && speed_given)
        return tt_usage_error("replay", "--step and --speed exclude each other");
    FILE *tty = NULL;
    if (step && !(tty = fopen("/dev/tty", "r")))
        return tt_usage_error("replay", "--step needs a terminal to read key presses from");

    int text = format ? !strcmp(format, "text") : isatty(STDOUT_FILENO);
    tt_text_sink text_sink = {.f = stdout, .width = 100, .verbose = verbose};
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 60)
        text_sink.width = ws.ws_col > 200 ? 200 : ws.ws_col;
    tt_ws_pub *pub = NULL;
    int rc = TT_EXIT_OK;
    if (ui) {
        char err[400];
        if (!(pub = tt_ws_pub_new(ui, err, sizeof(err)))) {
            fprintf(stderr, "tlstrace replay: %s\n", err);
            if (tty)
                fclose(tty);
            return TT_EXIT_USAGE;
        }
    }
    /* The terminal in --step mode: one key at a time, without echo. */
    struct termios saved;
    int raw = 0;
    if (tty && tcgetattr(fileno(tty), &saved) == 0) {
        struct termios t = saved;
        t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        raw = tcsetattr(fileno(tty), TCSANOW, &t) == 0;
    }

    tt_buf line = {0};
    uint64_t out_seq = 0, skipped = 0, replayed = 0, t0 = tt_clock_monotonic(NULL);
    int stop = 0;
    for (int fi = 0; fi < nfiles && !stop; fi++) {
        char err[512], why[300];
        tt_trace_reader *r = tt_trace_open(files[fi], 0, err, sizeof(err));
        if (!r) {
            fprintf(stderr, "tlstrace replay: %s\n", err);
            rc = TT_EXIT_USAGE;
            break;
        }
        /* Full parse only when something needs the tree (the timeline); JSON Lines and the page
         * get the line as it is. */
        tt_trace_set_mode(r, text ? TT_TRACE_PARSE : TT_TRACE_ENVELOPE);
        order_check oc = {.next_seq = 1};
        uint64_t prev_t = 0;
        int have_prev = 0;
        tt_trace_line l;
        int got, l_seen = 0;
        while (!stop && (got = tt_trace_next(r, &l)) == 1) {
            l_seen = 1;
            const char *bad = l.error;
            if (!bad && !l.env.ok)
                bad = "not a tlstrace event (no v1 envelope)";
            if (bad)
                oc.next_seq = 0; /* a line that is no event: take the next seq as it comes */
            else
                bad = order_event(&oc, &l.env, why, sizeof(why));
            if (bad) {
                fprintf(stderr, "%s:%llu: %s%s\n", tt_trace_name(r), (unsigned long long)l.line_no,
                        bad, strict ? "" : " (skipped)");
                skipped++;
                if (strict)
                    stop = 1;
                continue;
            }
            if (l.no_newline)
                fprintf(stderr, "%s:%llu: the last line has no newline: the trace may be cut short\n",
                        tt_trace_name(r), (unsigned long long)l.line_no);
            /* Timing: the recorded gap between events, scaled. */
            if (!step && speed > 0 && have_prev && l.env.t_us > prev_t)
                sleep_us((uint64_t)((double)(l.env.t_us - prev_t) / speed));
            prev_t = l.env.t_us;
            have_prev = 1;
            const char *out = l.text;
            size_t outlen = l.len;
            out_seq++;
            /* The output is one valid trace: seq renumbered when files were joined or lines
             * skipped (a valid single trace passes through unchanged). */
            if (l.env.seq != out_seq) {
                if (renumber(l.text, l.len, out_seq, &line) == 0) {
                    out = line.p;
                    outlen = line.len;
                } else if (tt_trace_parse(r, &l) == 0 && cJSON_IsObject(l.ev)) {
                    cJSON_ReplaceItemInObject(l.ev, "seq", cJSON_CreateNumber((double)out_seq));
                    line.len = 0;
                    tt_json_serialize(l.ev, &line);
                    out = line.p;
                    outlen = line.len;
                }
            }
            if (text) {
                if (l.ev)
                    tt_sink_text(&text_sink, l.ev, out, outlen);
            } else {
                fwrite(out, 1, outlen, stdout);
                fputc('\n', stdout);
            }
            if (pub && tt_sink_ws_pub(pub, l.ev, out, outlen) != 0) {
                fprintf(stderr, "tlstrace replay: lost the connection to the ui server at %s\n", ui);
                rc = TT_EXIT_USAGE;
                stop = 1;
            }
            replayed++;
            if (step && l.env.type == TT_EV_MESSAGE) {
                fflush(stdout);
                stop = wait_key(tty);
            }
        }
        if (!stop && got == 0 && !l_seen) {
            fprintf(stderr, "%s: no events (the file is empty)\n", tt_trace_name(r));
            skipped++;
        }
        if (!stop && got < 0) {
            fprintf(stderr, "tlstrace replay: %s\n", tt_trace_io_error(r));
            rc = TT_EXIT_USAGE;
        }
        order_free(&oc);
        tt_trace_close(r);
    }
    fflush(stdout);
    if (raw)
        tcsetattr(fileno(tty), TCSANOW, &saved);
    if (tty)
        fclose(tty);
    if (pub && tt_ws_pub_close(pub, 10000) != 0 && rc == TT_EXIT_OK) {
        fprintf(stderr, "tlstrace replay: not every event reached the ui server at %s\n", ui);
        rc = TT_EXIT_USAGE;
    }
    tt_buf_free(&line);
    if (ferror(stdout) && rc == TT_EXIT_OK) {
        fprintf(stderr, "tlstrace replay: cannot write to stdout\n");
        rc = TT_EXIT_USAGE;
    }
    if (stats) {
        double secs = (double)(tt_clock_monotonic(NULL) - t0) / 1e6;
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr, "replayed %llu events in %.3f s: %.0f events/s; peak memory %ld KiB\n",
                (unsigned long long)replayed, secs, secs > 0 ? (double)replayed / secs : 0.0,
                ru.ru_maxrss);
    }
    if (rc == TT_EXIT_OK && skipped)
        rc = TT_EXIT_FAILED;
    if (skipped)
        fprintf(stderr, "tlstrace replay: %llu events replayed, %llu invalid lines %s\n",
                (unsigned long long)replayed, (unsigned long long)skipped,
                strict ? "(stopped at the first)" : "skipped");
    return rc;
}
