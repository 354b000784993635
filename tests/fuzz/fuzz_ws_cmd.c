/* libFuzzer target for the websocket command parser of `tlstrace ui` (tracer/cmd/tt_ws_cmd.c):
 * whatever a page (or anything that reaches the websocket) sends, one decision, no crash, no
 * leak, and nothing is run that the protocol (web/README.md) does not allow. See README.md here.
 *
 * Input: one selector byte, then the message's text.
 *   selector bit 0   0: from a viewer (subprotocol tlstrace-v1), 1: from a producer
 *                    (tlstrace-publish-v1; fuzz_publish.c goes deeper into events) */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "tt_trace.h"
#include "tt_ws_cmd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    int producer = data[0] & 1;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    tt_ws_cmd c;
    tt_ws_cmd_parse(text, len, producer, 7, &c);
    /* Only a producer's publish escapes the command rate limit. */
    CHECK(c.rate_limited == !(producer && c.kind == TT_WS_CMD_PUBLISH) ||
          (producer && c.kind == TT_WS_CMD_ERROR));
    if (c.kind == TT_WS_CMD_ERROR) {
        /* One line of text, never empty. */
        CHECK(c.error[0] && strlen(c.error) < sizeof(c.error) && !strchr(c.error, '\n'));
    } else {
        /* Nothing is done with a message that is not strict JSON, or too large. */
        char why[200];
        cJSON *j = tt_json_parse_strict(text, len, TT_JSON_MAX_DEPTH + 1, why, sizeof(why));
        CHECK(cJSON_IsObject(j));
        cJSON_Delete(j);
        CHECK(len <= (c.kind == TT_WS_CMD_PUBLISH ? TT_WS_MAX_PUBLISH : TT_WS_MAX_COMMAND));
        /* Viewers list and run; producers publish, and nothing else. */
        CHECK(producer == (c.kind == TT_WS_CMD_PUBLISH));
    }
    if (c.kind == TT_WS_CMD_RUN) {
        /* A scenario of the table, in a version it offers. */
        CHECK(c.scenario && c.scenario >= tt_scenarios &&
              c.scenario < tt_scenarios + tt_scenarios_count);
        CHECK(c.scenario->versions & (c.tls13 ? TT_TLS13 : TT_TLS12));
        CHECK(c.mutual == 0 || c.mutual == 1);
    }
    if (c.kind == TT_WS_CMD_PUBLISH)
        CHECK(c.event.len > 0 && c.session[0]);
    tt_ws_cmd_free(&c);
    return 0;
}
