/* Where a producing command's events go (demo, connect, serve): the trace file (--out, written
 * atomically), stdout (JSON Lines when piped, the timeline on a terminal or with --format text),
 * a running ui (--ui), the key log (--keylog: secrets, never events), and a capture of the
 * connections' bytes (--pcap: pcapng with the key log in a Decryption Secrets Block, written
 * atomically). One place opens them in order, wires the emitter's sinks, and at the end flushes,
 * checks and commits or removes. */
#ifndef TT_OUTPUTS_H
#define TT_OUTPUTS_H

#include <stdio.h>
#include "tt_cli.h"
#include "tt_emit.h"
#include "tt_pcapng.h"
#include "tt_text.h"
#include "tt_ws_pub.h"

typedef struct tt_outputs_opts {
    const char *cmd;          /* "demo", ... for messages */
    const char *out_path;     /* --out, or NULL */
    const char *ui;           /* --ui ADDR:PORT, or NULL */
    const char *keylog_path;  /* --keylog, or NULL */
    const char *pcap_path;    /* --pcap, or NULL */
    const char *format;       /* --format jsonl|text, or NULL: text on a terminal */
    int verbose;              /* --verbose: the timeline shows records and secrets too */
    int timeline;             /* 1: text means the two-column timeline; 0: the command prints its
                                 own text lines (serve), no event goes to stdout in text mode */
} tt_outputs_opts;

typedef struct tt_outputs {
    tt_outputs_opts o;
    FILE *keylog;             /* where the taps write secrets: the --keylog file, and with --pcap
                                 the capture's secrets block too; NULL when neither is asked */
    FILE *keylog_file;        /* the --keylog file itself */
    FILE *pcap_keylog;        /* --pcap: secrets for the capture only (the demo's server side) */
    tt_out pcap_file;         /* --pcap */
    tt_pcapng_out pcap;
    int has_pcap;
    tt_ws_pub *pub;
    tt_out trace;
    tt_emitter em;            /* ready to emit into after tt_outputs_open */
    int text;                 /* stdout is text (the command's own lines, or the timeline) */
    tt_jsonl_sink file_sink, stdout_jsonl;
    tt_text_sink stdout_text;
} tt_outputs;

/* Opens the key log, the ui connection and the trace file, in that order, and sets up the
 * emitter. Returns 0, or -1 after printing one line (nothing is left open or written). */
int tt_outputs_open(tt_outputs *out, const tt_outputs_opts *o);

/* Flushes and closes everything. Returns rc, or TT_EXIT_USAGE when an output failed (a line
 * says which; the trace file is then removed, as it is when rc is already TT_EXIT_USAGE). */
int tt_outputs_close(tt_outputs *out, int rc);

#endif
