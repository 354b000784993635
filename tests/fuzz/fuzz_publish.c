/* libFuzzer target for the producers' publish path of `tlstrace ui` (tracer/cmd/tt_ws_cmd.c): an
 * event a producer publishes reaches every page only if `tlstrace validate` would accept it, and
 * what reaches the pages is valid as written. See README.md here.
 *
 * Input: one selector byte, then bytes.
 *   selector bit 0   0: the bytes are the event, sent as {"cmd":"publish","event":BYTES}
 *                    1: the bytes are the whole message
 *   selector bits 1-7  the producer's number
 *
 * What is checked, for every input:
 *   - an event the schema check rejects (tt_validate_schema on the message's "event") is refused;
 *   - an accepted event, as it goes to the pages, is strict JSON, passes the schema check, is in
 *     the session SESSION@pN of the producer, and a secret carries no key but the schema's. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "tt_trace.h"
#include "tt_ws_cmd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char head[] = "{\"cmd\":\"publish\",\"event\":";
    if (size == 0 || size > TT_WS_MAX_PUBLISH)
        return 0;
    unsigned producer = data[0] >> 1;
    size_t n = size - 1, len;
    char *msg = malloc(sizeof(head) + n + 1);
    if (!msg)
        return 0;
    if (data[0] & 1) {
        memcpy(msg, data + 1, n);
        len = n;
    } else {
        memcpy(msg, head, sizeof(head) - 1);
        memcpy(msg + sizeof(head) - 1, data + 1, n);
        msg[sizeof(head) - 1 + n] = '}';
        len = sizeof(head) + n;
    }
    tt_ws_cmd c;
    tt_ws_cmd_parse(msg, len, 1, producer, &c);
    CHECK(c.kind == TT_WS_CMD_PUBLISH || c.kind == TT_WS_CMD_ERROR);

    /* What validate says of the event the message carries (cJSON's first "event", as read). */
    char why[300];
    cJSON *cmd = tt_json_parse_strict(msg, len, TT_JSON_MAX_DEPTH + 1, why, sizeof(why));
    const cJSON *ev = cJSON_IsObject(cmd) ? cJSON_GetObjectItemCaseSensitive(cmd, "event") : NULL;
    if (!ev || tt_validate_schema(ev, why, sizeof(why)) != 0)
        CHECK(c.kind == TT_WS_CMD_ERROR);
    cJSON_Delete(cmd);

    if (c.kind == TT_WS_CMD_PUBLISH) {
        /* What the pages receive. */
        cJSON *out = tt_json_parse_strict(c.event.p, c.event.len, 0, why, sizeof(why));
        CHECK(out);
        CHECK(tt_validate_schema(out, why, sizeof(why)) == 0);
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(out, "session");
        char suffix[24];
        int sl = snprintf(suffix, sizeof(suffix), "@p%u", producer);
        size_t l = strlen(s->valuestring);
        CHECK(!strcmp(s->valuestring, c.session));
        CHECK(l > (size_t)sl && !strcmp(s->valuestring + l - (size_t)sl, suffix));
        /* The last "session" too: JSON.parse reads that one. */
        for (const cJSON *k = out->child; k; k = k->next)
            if (k->string && !strcmp(k->string, "session"))
                CHECK(cJSON_IsString(k) && !strcmp(k->valuestring, c.session));
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(out, "type");
        if (!strcmp(type->valuestring, "secret")) {
            static const char *const allowed[] = {"v",    "seq",        "t_us",  "session",
                                                  "side", "type",       "label", "length",
                                                  "hash", "explanation"};
            for (const cJSON *k = out->child; k; k = k->next) {
                int ok = 0;
                for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
                    ok |= !strcmp(k->string, allowed[i]);
                CHECK(ok);
            }
        }
        cJSON_Delete(out);
    }
    tt_ws_cmd_free(&c);
    free(msg);
    return 0;
}
