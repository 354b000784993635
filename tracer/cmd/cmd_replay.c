/* tlstrace replay: plays recorded traces again, with their timing, to stdout, the terminal or the
 * page. Streaming: one line in memory at a time, whatever the size of the trace; what goes out is
 * decided by tt_replay.c. */
#include "tt_arena.h"
#include "tt_cli.h"
#include "tt_emit.h"
#include "tt_text.h"
#include "tt_replay.h"
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
    "memory grows by a few hundred bytes per session, never with the number of events.\n"
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
    "Each line is checked as 'tlstrace validate' checks it (JSON, every field, the order of\n"
    "its session); a line that fails is skipped with FILE:LINE: what, so that every line written\n"
    "is a valid event, in a valid order. seq is renumbered when files are joined or lines\n"
    "skipped, and a session id an earlier file used is renamed ID~2: the output is one valid\n"
    "trace, whole when each input was (sessions a file leaves without session_end are reported).\n"
    "\n"
    "Exit codes: 0 every file was a valid trace and every line was replayed (the output is then\n"
    "a valid trace), 1 an input was not (lines skipped, seq not contiguous, sessions without\n"
    "session_end, or --strict stopped at the first problem), 2 usage error or a file that\n"
    "cannot be read.\n";

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

/* What one run of replay plays to, and what it counted. */
typedef struct player {
    tt_replay *rp;
    int strict, step, text;
    double speed;
    FILE *tty;
    tt_text_sink *text_sink;
    tt_ws_pub *pub;
    const char *ui;
    uint64_t prev_t;
    int have_prev;
    uint64_t problems, skipped, replayed;
    int rc;
} player;

/* Plays one line of r (reported, skipped or written to every output). Returns 1 to stop. */
static int play_line(player *pl, tt_trace_reader *r, tt_trace_line *l)
{
    char why[512];
    tt_replay_out o;
    tt_replay_verdict verdict = tt_replay_line(pl->rp, l, &o, why, sizeof(why));
    if (verdict != TT_REPLAY_WRITE) {
        fprintf(stderr, "%s:%llu: %s%s\n", tt_trace_name(r), (unsigned long long)l->line_no, why,
                verdict == TT_REPLAY_NOTED || pl->strict ? "" : " (skipped)");
        pl->problems++;
        pl->skipped += verdict == TT_REPLAY_SKIP;
        if (pl->strict)
            return 1;
        if (verdict == TT_REPLAY_SKIP)
            return 0;
    }
    if (l->no_newline)
        fprintf(stderr, "%s:%llu: the last line has no newline: the trace may be cut short\n",
                tt_trace_name(r), (unsigned long long)l->line_no);
    /* Timing: the recorded gap between events, scaled. */
    if (!pl->step && pl->speed > 0 && pl->have_prev && o.env.t_us > pl->prev_t)
        sleep_us((uint64_t)((double)(o.env.t_us - pl->prev_t) / pl->speed));
    pl->prev_t = o.env.t_us;
    pl->have_prev = 1;
    if (pl->text) {
        tt_sink_text(pl->text_sink, o.ev, o.text, o.len);
    } else {
        fwrite(o.text, 1, o.len, stdout);
        fputc('\n', stdout);
    }
    pl->replayed++;
    if (pl->pub && tt_sink_ws_pub(pl->pub, o.ev, o.text, o.len) != 0) {
        fprintf(stderr, "tlstrace replay: lost the connection to the ui server at %s\n", pl->ui);
        pl->rc = TT_EXIT_USAGE;
        return 1;
    }
    if (pl->step && o.env.type == TT_EV_MESSAGE) {
        fflush(stdout);
        return wait_key(pl->tty);
    }
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

    tt_replay *rp = tt_replay_new(0);
    player pl = {.rp = rp, .strict = strict, .step = step, .text = text, .speed = speed,
                 .tty = tty, .text_sink = &text_sink, .pub = pub, .ui = ui, .rc = TT_EXIT_OK};
    uint64_t t0 = tt_clock_monotonic(NULL);
    int stop = !rp;
    if (!rp) {
        fprintf(stderr, "tlstrace replay: out of memory\n");
        pl.rc = TT_EXIT_USAGE;
    }
    for (int fi = 0; fi < nfiles && !stop; fi++) {
        char err[512], why[512];
        tt_trace_reader *r = tt_trace_open(files[fi], 0, err, sizeof(err));
        if (!r) {
            fprintf(stderr, "tlstrace replay: %s\n", err);
            pl.rc = TT_EXIT_USAGE;
            break;
        }
        /* Every line is parsed and checked as validate checks it (tt_replay.c), so that what
         * goes out is always valid. */
        tt_trace_set_mode(r, TT_TRACE_PARSE);
        tt_replay_begin_file(rp);
        pl.have_prev = 0;
        tt_trace_line l;
        int got, l_seen = 0;
        unsigned long long last_line = 0;
        while (!stop) {
            /* The nodes of one line's tree come from the arena, reset after the line: one bump
             * allocation each instead of a malloc and a free (tt_arena.h). */
            tt_arena_begin();
            got = tt_trace_next(r, &l);
            if (got == 1) {
                l_seen = 1;
                last_line = l.line_no;
                stop = play_line(&pl, r, &l);
            }
            (void)tt_trace_take_event(r, &l); /* freed with the arena, not node by node */
            tt_arena_end();
            if (got != 1)
                break;
        }
        if (!stop && got == 0 && !l_seen) {
            fprintf(stderr, "%s: no events (the file is empty)\n", tt_trace_name(r));
            pl.problems++;
        }
        if (!stop && got < 0) {
            fprintf(stderr, "tlstrace replay: %s\n", tt_trace_io_error(r));
            pl.rc = TT_EXIT_USAGE;
        }
        /* Sessions the file left open: the output holds them as they are (cut short). */
        while (!stop && got >= 0 && tt_replay_end_file(rp, why, sizeof(why)) != 0) {
            fprintf(stderr, "%s:%llu: %s: the trace may be cut short\n", tt_trace_name(r), last_line,
                    why);
            pl.problems++;
        }
        tt_trace_close(r);
    }
    tt_replay_free(rp);
    rc = pl.rc;
    fflush(stdout);
    if (raw)
        tcsetattr(fileno(tty), TCSANOW, &saved);
    if (tty)
        fclose(tty);
    if (pub && tt_ws_pub_close(pub, 10000) != 0 && rc == TT_EXIT_OK) {
        fprintf(stderr, "tlstrace replay: not every event reached the ui server at %s\n", ui);
        pl.rc = TT_EXIT_USAGE;
    }
    if (ferror(stdout) && rc == TT_EXIT_OK) {
        fprintf(stderr, "tlstrace replay: cannot write to stdout\n");
        pl.rc = TT_EXIT_USAGE;
    }
    if (stats) {
        double secs = (double)(tt_clock_monotonic(NULL) - t0) / 1e6;
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr, "replayed %llu events in %.3f s: %.0f events/s; peak memory %ld KiB\n",
                (unsigned long long)pl.replayed, secs, secs > 0 ? (double)pl.replayed / secs : 0.0,
                ru.ru_maxrss);
    }
    if (rc == TT_EXIT_OK && pl.problems)
        rc = TT_EXIT_FAILED;
    if (pl.problems)
        fprintf(stderr, "tlstrace replay: %llu events replayed, %llu invalid lines %s%s\n",
                (unsigned long long)pl.replayed, (unsigned long long)pl.skipped,
                strict ? "(stopped at the first problem)" : "skipped",
                pl.problems > pl.skipped ? ", and the input is no valid trace (see above)" : "");
    return rc;
}
