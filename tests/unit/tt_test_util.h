/* Helpers for the integration tests: run demo scenarios into a collecting sink, keep every trace
 * under <build>/events/ for the schema validation test, and query the events. */
#ifndef TT_TEST_UTIL_H
#define TT_TEST_UTIL_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdio.h>

/* Runs one demo handshake of scenario `name` in TLS 1.3 (tls13=1) or 1.2, returns the events as a
 * cJSON array (caller frees), and writes them to <build>/events/<test>-<name>-<tls>.jsonl. */
cJSON *tt_test_run_demo(const char *name, int tls13, int mutual, const char *test);

/* The messages of one side as "dir:hs_type:protection" strings joined by spaces, e.g.
 * "sent:client_hello:plaintext received:server_hello:plaintext ..." (caller frees). */
char *tt_test_message_sequence(const cJSON *events, const char *side);

/* The first event of `type` for `side` (NULL side: any), or NULL. */
const cJSON *tt_test_find(const cJSON *events, const char *side, const char *type);
/* Number of events of `type` for `side`. */
int tt_test_count(const cJSON *events, const char *side, const char *type);
/* String field `key` of event ev, or "" */
const char *tt_test_str(const cJSON *ev, const char *key);

/* Writes events as JSON Lines to <build>/events/<name>.jsonl. */
void tt_test_save(const cJSON *events, const char *name);

/* Everything left to read from f, NUL-terminated (caller frees); its length in *len if len. Does
 * not close f. */
char *tt_test_read_all(FILE *f, size_t *len);

/* A new temporary file (/tmp/<prefix>-XXXXXX) holding (data, n); returns its path (free it,
 * unlink it). Fails the test if it cannot. */
char *tt_test_temp_with(const char *prefix, const void *data, size_t n);

/* Fails the test, naming the tool, when `name` is not an executable on PATH: "MISSING TOOL: name
 * (why) ...". A test never skips for a missing tool (tests/CMakeLists.txt). */
void tt_test_need_tool(const char *name, const char *why);

#endif
