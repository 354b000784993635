/* Reading traces: a streaming JSON Lines reader whose memory stays bounded whatever the input, and
 * the validator of schema v1 (schema/event.schema.json, plus what a schema cannot say: seq
 * contiguous from 1, each (session, side) started before it is used and ended once).
 * Used by `tlstrace validate`; replay reads traces with the same reader.
 *
 *     char err[256];
 *     tt_trace_reader *r = tt_trace_open("trace.jsonl", TT_TRACE_MAX_LINE, err, sizeof(err));
 *     tt_trace_line l;
 *     while (r && tt_trace_next(r, &l) == 1)
 *         if (!l.error)
 *             use(l.ev);             // owned by the reader: freed by the next call
 *     tt_trace_close(r);
 */
#ifndef TT_TRACE_H
#define TT_TRACE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cjson/cJSON.h>

/* Default limit of one line (one event), without its newline. The largest events tlstrace writes
 * (a Certificate message with its chain in hex) are a few tens of KiB. */
#define TT_TRACE_MAX_LINE ((size_t)1 << 20)

/* The event types of schema v1, in the schema's order. */
typedef enum tt_event_type {
    TT_EV_UNKNOWN = 0,
    TT_EV_SESSION_START,
    TT_EV_STATE,
    TT_EV_RECORD,
    TT_EV_MESSAGE,
    TT_EV_CERT_VERIFY,
    TT_EV_KEY_EXCHANGE,
    TT_EV_SECRET,
    TT_EV_NEGOTIATED,
    TT_EV_ALERT,
    TT_EV_HANDSHAKE_DONE,
    TT_EV_HANDSHAKE_FAILED,
    TT_EV_SESSION_END,
    TT_EV_COUNT
} tt_event_type;

/* "session_start", ...; NULL for TT_EV_UNKNOWN or out of range. Static strings. */
const char *tt_event_type_name(tt_event_type t);
/* The type named by (s, n), or TT_EV_UNKNOWN. */
tt_event_type tt_event_type_from(const char *s, size_t n);

/* Deepest nesting of arrays and objects a trace line may have (cJSON stops at 1000; events nest
 * about 6 deep). */
#define TT_JSON_MAX_DEPTH 256

/* Parses one JSON text (a trace line, a websocket command) as strictly as the reader does: what
 * JSON.parse accepts and cJSON reads the same way (no \u0000, no lone surrogate, no number longer
 * than 63 characters, UTF-8 only), nested at most max_depth levels (<= 0: TT_JSON_MAX_DEPTH), and
 * nothing after the value. Returns the tree (the caller frees it with cJSON_Delete), or NULL with
 * one line in err (e.g. "invalid JSON at column 17: a malformed number"). An empty text is
 * "invalid JSON at column 1". */
cJSON *tt_json_parse_strict(const char *text, size_t len, int max_depth, char *err, size_t errlen);

/* ---------- the reader ---------- */

/* How much of each line the reader looks at. */
typedef enum tt_trace_mode {
    TT_TRACE_RAW,      /* split lines only: text and len; nothing checked, nothing parsed */
    TT_TRACE_ENVELOPE, /* the line is text (UTF-8, no NUL) and starts with a v1 envelope, read
                        * into `env`: fast for the writer's own layout ({"v":1,"seq":N,"t_us":T,
                        * "session":"...","side":"...","type":"..."...), a full parse otherwise.
                        * The rest of the line is NOT checked: it may not even be JSON. */
    TT_TRACE_PARSE,    /* the default: the line is checked as JSON text (strictly: what
                        * JSON.parse accepts, see tt_trace.c) and parsed into `ev`; `env` is
                        * filled when the envelope is valid. No schema check: see tt_validator. */
} tt_trace_mode;

/* The envelope of one event. Valid only when `ok` is 1. */
typedef struct tt_trace_envelope {
    int ok;
    uint64_t seq; /* >= 1 (saturates at UINT64_MAX for absurd values) */
    uint64_t t_us;
    const char *session; /* NUL-terminated, escapes decoded; valid until the next tt_trace_next */
    int server;          /* side: 0 client, 1 server */
    tt_event_type type;  /* never TT_EV_UNKNOWN when ok */
} tt_trace_envelope;

/* One line of a trace. Every pointer in it belongs to the reader and stays valid until the next
 * tt_trace_next, tt_trace_take_event or tt_trace_close on that reader. */
typedef struct tt_trace_line {
    uint64_t line_no;      /* 1 for the first line */
    const char *text;      /* the line without its '\n' (a '\r' before it is kept), NUL-terminated;
                            * NULL for a line longer than the limit (its bytes are not kept) */
    size_t len;            /* bytes of the line without '\n' (for an over-long line too) */
    int no_newline;        /* the input ended without a final newline after this line: it is read
                            * all the same, but the trace may have been cut short */
    const char *error;     /* NULL, or what makes this line no event, without "line N: " (e.g.
                            * "longer than 1048576 bytes", "invalid JSON at column 17") */
    cJSON *ev;             /* TT_TRACE_PARSE: the event (an object, an array, ... as the line says),
                            * or NULL when `error` is set. Freed by the reader on the next call; to
                            * keep it, call tt_trace_take_event. */
    tt_trace_envelope env; /* TT_TRACE_ENVELOPE and TT_TRACE_PARSE */
} tt_trace_line;

typedef struct tt_trace_reader tt_trace_reader;

/* Opens PATH ("-" is standard input, not closed by tt_trace_close) for reading with lines of at
 * most max_line bytes (0: TT_TRACE_MAX_LINE). Returns the reader (free with tt_trace_close), or
 * NULL with "PATH: reason" in err (e.g. "trace.jsonl: No such file or directory",
 * "dir: Is a directory"). The buffer grows with the longest line read, up to max_line + 2 bytes,
 * never beyond. */
tt_trace_reader *tt_trace_open(const char *path, size_t max_line, char *err, size_t errlen);
/* The same over a stream the caller opened (a pipe, fmemopen, ...). `name` is copied and used in
 * I/O error messages; with own = 1 the reader fcloses f. A stream with a file descriptor is read
 * with read(2), past stdio's buffer: do not read from f before. Returns NULL when out of memory
 * (f is then left open). */
tt_trace_reader *tt_trace_open_stream(FILE *f, const char *name, int own, size_t max_line);
/* Closes the file (when the reader owns it) and frees everything, including the last `ev` unless
 * it was taken. NULL is accepted. */
void tt_trace_close(tt_trace_reader *r);

/* Chooses what tt_trace_next does with each line from now on (default TT_TRACE_PARSE). */
void tt_trace_set_mode(tt_trace_reader *r, tt_trace_mode mode);

/* Reads the next line into *out. Returns 1 (a line, which may carry an error), 0 at the end of
 * the input, -1 on a read error (tt_trace_io_error says which; the reader is then finished). */
int tt_trace_next(tt_trace_reader *r, tt_trace_line *out);
/* Parses the current line fully, as TT_TRACE_PARSE would have (for a caller reading in RAW or
 * ENVELOPE mode that wants one event's tree). Returns 0 and sets out->ev, or -1 and sets
 * out->error. Idempotent. */
int tt_trace_parse(tt_trace_reader *r, tt_trace_line *out);
/* Hands the current line's event to the caller, who frees it with cJSON_Delete; sets out->ev to
 * NULL. Returns NULL when there is none. */
cJSON *tt_trace_take_event(tt_trace_reader *r, tt_trace_line *out);

/* The name given at open ("<stdin>" for "-"). */
const char *tt_trace_name(const tt_trace_reader *r);
/* After tt_trace_next returned -1: "NAME: reason". Else NULL. */
const char *tt_trace_io_error(const tt_trace_reader *r);
/* Bytes the reader holds for its buffer now (tests check that it stays bounded). */
size_t tt_trace_buffer_size(const tt_trace_reader *r);
/* TT_TRACE_ENVELOPE: how many lines so far were not in the writer's layout and were parsed in
 * full to find their envelope (0 for a trace tlstrace wrote: tests check the fast path). */
uint64_t tt_trace_slow_envelopes(const tt_trace_reader *r);

/* ---------- the validator ---------- */

/* Checks one event against schema/event.schema.json alone: the envelope, the type, and the
 * type's fields (required, types, ranges, enums, patterns, a secret's closed property set).
 * Returns 0 when valid, -1 with one line in why (e.g. "message: missing required field
 * \"hs_type\""). */
int tt_validate_schema(const cJSON *ev, char *why, size_t whylen);

/* State across one trace: the seq expected next and every (session, side) seen. */
typedef struct tt_validator tt_validator;
/* Returns a validator (free with tt_validator_free), or NULL when out of memory. */
tt_validator *tt_validator_new(void);
void tt_validator_free(tt_validator *v);

/* Validates the trace's next event: the schema (as tt_validate_schema), then seq (1, 2, 3 ...
 * within one trace: "seq 5, expected 4"), then its session: a session_start per (session, side)
 * before its other events, a session_end closes it, nothing of it afterwards. Returns 0 when
 * valid, -1 with the first problem in why. An invalid event still moves the state on when it can
 * (its seq, its session's start or end), so one mistake is reported once. */
int tt_validate_event(tt_validator *v, const cJSON *ev, char *why, size_t whylen);
/* The same order checks (seq, sessions) from an envelope alone, without the schema: for a reader
 * in TT_TRACE_ENVELOPE mode (replay). Returns 0, or -1 with why. Use one of tt_validate_event and
 * tt_validate_order per validator, not both. */
int tt_validate_order(tt_validator *v, const tt_trace_envelope *env, char *why, size_t whylen);
/* Tells the validator that a line of the trace was no event (invalid JSON, ...): the next seq is
 * taken as it comes instead of being reported as a gap. */
void tt_validate_skip(tt_validator *v);
/* After the last event: returns -1 with one unclosed session in why ("session s/client has no
 * session_end (started at seq 3)"), once per such session in the order they started, then 0. */
int tt_validate_finish(tt_validator *v, char *why, size_t whylen);

/* ---------- a whole trace ---------- */

typedef struct tt_validate_report {
    uint64_t lines;    /* lines read (each should be one event) */
    uint64_t invalid;  /* lines that are no valid event */
    uint64_t unclosed; /* sessions without session_end */
    int no_newline;    /* the last line had no newline */
} tt_validate_report;

/* Validates every line of r (which must be in TT_TRACE_PARSE mode, the default), printing
 * "NAME:LINE: what is wrong" to out for each problem (at most max_shown; 0 for all, then
 * "NAME: ... N more problems not shown") and a last line "NAME: N events, all valid" or
 * "NAME: N events, K invalid[, S sessions without session_end]" ("NAME: no events (the file is
 * empty)"). Returns 0 when the trace is valid, 1 when not (an empty trace is not), -1 on a read
 * error (tt_trace_io_error; nothing more is printed). rep may be NULL. */
int tt_validate_trace(tt_trace_reader *r, const char *name, FILE *out, unsigned max_shown,
                      tt_validate_report *rep);

#endif
