/* Shared by the subcommands: option parsing, errors, output files. */
#ifndef TT_CLI_H
#define TT_CLI_H

#include <stdio.h>

/* Exit codes (README.md): */
#define TT_EXIT_OK 0        /* success; for demo/connect/serve: the handshake succeeded */
#define TT_EXIT_FAILED 1    /* the handshake failed (a trace was still written) */
#define TT_EXIT_USAGE 2     /* usage or input error: nothing was written */

/* Walks argv of one subcommand. Options take their value as "--opt VALUE" or "--opt=VALUE". */
typedef struct tt_args {
    const char *cmd;     /* "demo", ... for messages */
    int argc;
    char **argv;
    int i;               /* next argument */
    const char *opt;     /* the current option (without "=value") */
    char optbuf[64];
    const char *inline_value;
    int failed;          /* an error was printed */
} tt_args;

void tt_args_init(tt_args *a, const char *cmd, int argc, char **argv);
/* Next argument: returns the option name ("--tls") or a positional argument; NULL at the end. */
const char *tt_args_next(tt_args *a, int *is_option);
/* The value of the current option, or NULL after printing "needs a value". */
const char *tt_args_value(tt_args *a);
/* Prints "tlstrace CMD: MESSAGE" and the usage hint on stderr; returns TT_EXIT_USAGE. */
int tt_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An output file written atomically: to a temporary file beside it, renamed into place by
 * tt_out_commit, removed by tt_out_abort (so a failed run leaves no partial file behind). A path
 * that exists and is no regular file (/dev/null, /dev/stdout, a FIFO) is written directly: a file
 * renamed over it would replace the device. */
typedef struct tt_out {
    FILE *f;
    char *path, *tmp; /* tmp: NULL when written directly */
} tt_out;
/* Returns 0, or prints "tlstrace CMD: cannot write PATH: reason" and returns -1. */
int tt_out_open(tt_out *o, const char *cmd, const char *path);
int tt_out_commit(tt_out *o, const char *cmd);
void tt_out_abort(tt_out *o);

int tt_cmd_demo(int argc, char **argv);
int tt_cmd_pki(int argc, char **argv);
int tt_cmd_bench(int argc, char **argv);
int tt_cmd_ui(int argc, char **argv);
int tt_cmd_replay(int argc, char **argv);
int tt_cmd_validate(int argc, char **argv);
int tt_cmd_connect(int argc, char **argv);
int tt_cmd_serve(int argc, char **argv);
int tt_cmd_capture(int argc, char **argv);

#endif
