/* What `tlstrace replay` lets through: every line it writes is an event `tlstrace validate`
 * accepts, in an order it accepts, so that its output is one valid trace (whole, when the input
 * was). Pure: lines in, lines out, no I/O and no clock, so that tests/fuzz/fuzz_replay.c feeds it
 * anything and validates what comes out.
 *
 *     tt_replay *rp = tt_replay_new(0);
 *     for each file:
 *         tt_replay_begin_file(rp);
 *         for each line l of a reader in TT_TRACE_PARSE mode:
 *             switch (tt_replay_line(rp, &l, &out, why, sizeof(why))) { ... }
 *         while (tt_replay_end_file(rp, why, sizeof(why)) != 0) report(why);
 *     tt_replay_free(rp);
 *
 * What it changes, and only when it must: seq is renumbered 1, 2, 3 ... over everything written
 * (files joined, lines skipped); a session id that an earlier file already used is renamed
 * ID~2 (~3, ...), because a session id names one handshake in a trace. */
#ifndef TT_REPLAY_H
#define TT_REPLAY_H

#include <stddef.h>

#include "tt_trace.h"

typedef struct tt_replay tt_replay;

/* Returns a new filter (free with tt_replay_free), or NULL when out of memory. Lines are written
 * at most max_line bytes long (0: TT_TRACE_MAX_LINE), the limit of the reader that validates
 * them: a line that renumbering or renaming would make longer is skipped. */
tt_replay *tt_replay_new(size_t max_line);
void tt_replay_free(tt_replay *rp);

/* Starts the next file: its sessions and its seq are its own (each file must be a valid trace). */
void tt_replay_begin_file(tt_replay *rp);

typedef enum tt_replay_verdict {
    TT_REPLAY_SKIP = 0,  /* the line is no valid event, or not in order: why says what */
    TT_REPLAY_WRITE = 1, /* write out->text */
    TT_REPLAY_NOTED = 2, /* write out->text, and report why: the input is not contiguous here
                          * (a seq gap or a step back), which the renumbering hides */
} tt_replay_verdict;

typedef struct tt_replay_out {
    const char *text; /* the event's JSON text, one line without '\n'; valid until the next
                       * call (it may be the reader's line itself) */
    size_t len;
    const cJSON *ev;       /* the event's tree, as written (seq and session changed in it too) */
    tt_trace_envelope env; /* the envelope as written */
} tt_replay_out;

/* Takes one line from a reader in TT_TRACE_PARSE mode (tt_trace_next's result: l->error or
 * l->ev) and says what to do with it, with one line in why for SKIP and NOTED. */
tt_replay_verdict tt_replay_line(tt_replay *rp, tt_trace_line *l, tt_replay_out *out, char *why,
                                 size_t whylen);

/* After a file's last line: returns -1 with one session of that file left without session_end in
 * why, once per such session, then 0. Output that ends with such sessions is valid line by line,
 * but not as a whole trace (`validate` reports them too). */
int tt_replay_end_file(tt_replay *rp, char *why, size_t whylen);

#endif
