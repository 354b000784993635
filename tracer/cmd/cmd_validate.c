/* tlstrace validate: checks traces against schema v1 with nothing else installed. */
#include "tt_cli.h"
#include "tt_trace.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char validate_usage[] =
    "usage: tlstrace validate [--max-problems N] [--max-line BYTES] FILE...\n"
    "\n"
    "Checks each trace (JSON Lines, one event per line; '-' reads standard input) against\n"
    "schema v1 (schema/event.schema.json, schema/README.md):\n"
    "  - each line is one JSON object, UTF-8 text, at most BYTES long;\n"
    "  - the envelope: v is 1, seq an integer >= 1, t_us >= 0, session 1 to 128 characters,\n"
    "    side client or server, type one of the 12 event types;\n"
    "  - each type's required fields, their types, ranges, enums and hex strings; a secret\n"
    "    event carries nothing beyond its label, length, hash and explanation;\n"
    "  - seq is 1, 2, 3 ... without gaps; a session_start of each (session, side) comes before\n"
    "    its other events, its session_end closes it, and every session is closed by the end.\n"
    "\n"
    "For each problem it prints 'FILE:LINE: what is wrong', then one line per file:\n"
    "'FILE: N events, all valid' or 'FILE: N events, K invalid'. A last line without a newline\n"
    "is read, with a warning (the trace may have been cut short).\n"
    "\n"
    "  --max-problems N  problems printed per file (default 20; 0: all); the rest are counted\n"
    "  --max-line BYTES  longest line accepted (default 1048576); a longer one is skipped\n"
    "                    without being read into memory, and reported\n"
    "\n"
    "Exit codes: 0 every event of every file is valid, 1 something is invalid (or a file holds\n"
    "no events), 2 usage error, or a file is missing or unreadable.\n";

/* A positive decimal that fits `max`; returns 0, or -1. */
static int parse_count(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    errno = 0;
    if (!*s || *s == '-' || *s == '+')
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

int tt_cmd_validate(int argc, char **argv)
{
    unsigned long long max_problems = 20, max_line = TT_TRACE_MAX_LINE;
    const char **files = calloc((size_t)argc + 1, sizeof(char *));
    size_t nfiles = 0;
    if (!files) {
        fprintf(stderr, "tlstrace validate: out of memory\n");
        return TT_EXIT_USAGE;
    }
    int rc = TT_EXIT_OK;
    tt_args a;
    tt_args_init(&a, "validate", argc, argv);
    const char *arg;
    int is_opt;
    while ((arg = tt_args_next(&a, &is_opt))) {
        if (!is_opt) {
            files[nfiles++] = arg;
        } else if (!strcmp(arg, "--")) {
            while (a.i < a.argc)
                files[nfiles++] = a.argv[a.i++];
        } else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            fputs(validate_usage, stdout);
            goto out;
        } else if (!strcmp(arg, "--max-problems")) {
            const char *v = tt_args_value(&a);
            if (!v) {
                rc = TT_EXIT_USAGE;
                goto out;
            }
            if (parse_count(v, 1000000000ull, &max_problems) != 0) {
                rc = tt_usage_error("validate",
                                    "--max-problems '%s' is not a number from 0 to "
                                    "1000000000",
                                    v);
                goto out;
            }
        } else if (!strcmp(arg, "--max-line")) {
            const char *v = tt_args_value(&a);
            if (!v) {
                rc = TT_EXIT_USAGE;
                goto out;
            }
            if (parse_count(v, 1ull << 30, &max_line) != 0 || max_line < 64) {
                rc = tt_usage_error("validate",
                                    "--max-line '%s' is not a number of bytes from "
                                    "64 to 1073741824",
                                    v);
                goto out;
            }
        } else {
            rc = tt_usage_error("validate", "unknown option '%s'", arg);
            goto out;
        }
    }
    if (nfiles == 0) {
        rc = tt_usage_error("validate", "missing FILE (a trace, or '-' for standard input)");
        goto out;
    }

    /* Every file is checked even after a missing one; the worst outcome decides the exit code. */
    int invalid = 0, unusable = 0;
    for (size_t i = 0; i < nfiles; i++) {
        char err[512];
        tt_trace_reader *r = tt_trace_open(files[i], (size_t)max_line, err, sizeof(err));
        if (!r) {
            fflush(stdout);
            fprintf(stderr, "tlstrace validate: %s\n", err);
            unusable = 1;
            continue;
        }
        int v = tt_validate_trace(r, tt_trace_name(r), stdout, (unsigned)max_problems, NULL);
        if (v < 0) {
            fflush(stdout);
            fprintf(stderr, "tlstrace validate: %s\n",
                    tt_trace_io_error(r) ? tt_trace_io_error(r) : "out of memory");
            unusable = 1;
        } else if (v > 0) {
            invalid = 1;
        }
        tt_trace_close(r);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "tlstrace validate: cannot write the report: %s\n", strerror(errno));
        unusable = 1;
    }
    rc = unusable ? TT_EXIT_USAGE : invalid ? TT_EXIT_FAILED : TT_EXIT_OK;
out:
    free(files);
    return rc;
}
