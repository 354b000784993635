/* Events: the one model every producer emits and every consumer reads (schema/event.schema.json).
 * An emitter stamps the envelope (v, seq, t_us, session, side, type) and hands each event to its
 * sinks. seq is contiguous from 1 within one emitter (one trace). Thread-safe: serve (later) emits
 * from several connections into one trace. */
#ifndef TT_EMIT_H
#define TT_EMIT_H

#include <stdint.h>
#include <stdio.h>
#include <pthread.h>
#include <cjson/cJSON.h>

#define TT_SCHEMA_VERSION 1
#define TT_MAX_SINKS 4

/* A growable byte buffer. */
typedef struct tt_buf {
    char *p;
    size_t len, cap;
    int oom; /* an allocation failed: the content is incomplete */
} tt_buf;
void tt_buf_free(tt_buf *b);
/* Makes room for `extra` more bytes (and a NUL); returns 0, or -1 when out of memory. */
int tt_buf_reserve(tt_buf *b, size_t extra);

/* Appends the compact JSON text of `item` to b (what cJSON_PrintUnformatted prints, several times
 * faster: integers are written directly, strings escaped in one pass). Returns 0, -1 when out of
 * memory. */
int tt_json_serialize(const cJSON *item, tt_buf *b);

/* A sink receives each finished event (envelope first) as the tree and as its JSON text (one line,
 * no newline; serialized once for all sinks). It must keep neither; it returns 0, or -1 when it
 * could not write (the emitter remembers the first failure in `sink_failed`). */
typedef int (*tt_sink_fn)(void *ctx, const cJSON *ev, const char *json, size_t len);

/* The clock in microseconds; tests and reproducible fixtures install a fixed one. */
typedef uint64_t (*tt_clock_fn)(void *ctx);

typedef struct tt_emitter {
    pthread_mutex_t lock;
    uint64_t seq;        /* last seq handed out */
    uint64_t t0_us;      /* clock value at the first event */
    int started;
    tt_clock_fn clock;
    void *clock_ctx;
    struct { tt_sink_fn fn; void *ctx; } sinks[TT_MAX_SINKS];
    int nsinks;
    int sink_failed;     /* 1 after any sink returned -1 */
    int enabled;         /* 0: events are built and dropped (the untraced bench run never builds) */
    tt_buf text;         /* the serialized event, reused */
} tt_emitter;

void tt_emitter_init(tt_emitter *em);
void tt_emitter_destroy(tt_emitter *em);
/* Adds a sink; returns 0, or -1 when TT_MAX_SINKS are already set. */
int tt_emitter_add_sink(tt_emitter *em, tt_sink_fn fn, void *ctx);
/* Monotonic microseconds (CLOCK_MONOTONIC): the default clock. */
uint64_t tt_clock_monotonic(void *ctx);

/* Emits one event: takes ownership of `body` (an object whose items follow the envelope; may be
 * NULL) and frees it. */
void tt_emit(tt_emitter *em, const char *session, const char *side, const char *type, cJSON *body);

/* JSON Lines sink: one event per line on a FILE*, flushed per line when `flush` is set. */
typedef struct tt_jsonl_sink { FILE *f; int flush; } tt_jsonl_sink;
int tt_sink_jsonl(void *ctx, const cJSON *ev, const char *json, size_t len);

/* Null sink: serializes the event (as a real sink would) and counts the bytes. */
typedef struct tt_null_sink { uint64_t events, bytes; } tt_null_sink;
int tt_sink_null(void *ctx, const cJSON *ev, const char *json, size_t len);

/* Collecting sink: keeps a deep copy of every event in an array (tests). */
typedef struct tt_collect_sink { cJSON *events; } tt_collect_sink;
int tt_sink_collect(void *ctx, const cJSON *ev, const char *json, size_t len);

/* Small builders used throughout: {"id": id, "name": name-or-null}. `name` is referenced, not
 * copied: it must be a static string (a table row's name), as every coded value's name is. */
cJSON *tt_json_named(uint32_t id, const char *name);
/* Adds a string that outlives the event (a literal, a table's text, the tap's session name) under
 * a literal key, without copying either: most of an event's strings are such, and copying them
 * was a large part of the tracer's cost. */
void tt_json_add_static(cJSON *obj, const char *key, const char *value);

/* Lowercase hex of (p, n) as a new cJSON string. */
cJSON *tt_json_hex(const uint8_t *p, size_t n);
/* Writes lowercase hex of (p, n) into out (2n+1 bytes). */
void tt_hex(const uint8_t *p, size_t n, char *out);

#endif
