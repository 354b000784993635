/* One websocket message of `tlstrace ui` → what the server does with it (tt_ws_cmd.h). */
#include "tt_ws_cmd.h"
#include "tt_trace.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Makes *out an error reply; returns -1. */
static int fail(tt_ws_cmd *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(tt_ws_cmd *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->error, sizeof(out->error), fmt, ap);
    va_end(ap);
    out->kind = TT_WS_CMD_ERROR;
    return -1;
}

static int is_str(const cJSON *x, const char *s)
{
    return cJSON_IsString(x) && x->valuestring && !strcmp(x->valuestring, s);
}

/* An integral JSON number: 1 and 1.0 are, 1.5 and 1e400 (infinite for a double) are not. Numbers
 * are read from valuedouble only: cJSON's valueint truncates 1.5 to 1 and saturates 1e30. */
static int is_int(const cJSON *x)
{
    return cJSON_IsNumber(x) && isfinite(x->valuedouble) && floor(x->valuedouble) == x->valuedouble;
}

static const char *const event_types[] = {
    "session_start",    "state",       "record",     "message", "cert_verify",
    "key_exchange",     "secret",      "negotiated", "alert",   "handshake_done",
    "handshake_failed", "session_end", NULL};

/* A published event: the envelope first (the words producers know), then everything `tlstrace
 * validate` checks of one event; the session renamed per producer so that two producers (or two
 * runs of one) never mix. Returns 0 with out->event and out->session filled, or -1 with the reason
 * in out->error. */
static int check_published(cJSON *ev, unsigned producer, tt_ws_cmd *out)
{
    if (!cJSON_IsObject(ev))
        return fail(out, "publish: 'event' must be an object");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(ev, "v");
    const cJSON *seq = cJSON_GetObjectItemCaseSensitive(ev, "seq");
    cJSON *session = cJSON_GetObjectItemCaseSensitive(ev, "session");
    const cJSON *side = cJSON_GetObjectItemCaseSensitive(ev, "side");
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(ev, "type");
    if (!cJSON_IsNumber(v) || v->valuedouble != 1)
        return fail(out, "publish: event.v must be 1");
    if (!is_int(seq) || seq->valuedouble < 1)
        return fail(out, "publish: event.seq must be an integer >= 1");
    if (!cJSON_IsString(session) || !session->valuestring[0] ||
        strlen(session->valuestring) > TT_WS_MAX_SESSION)
        return fail(out, "publish: event.session must be a string of 1..%d bytes",
                    TT_WS_MAX_SESSION);
    if (!is_str(side, "client") && !is_str(side, "server"))
        return fail(out, "publish: event.side must be client or server");
    int known = 0;
    for (const char *const *t = event_types; *t; t++)
        known |= is_str(type, *t);
    if (!known)
        return fail(out, "publish: unknown event.type");
    /* cJSON finds the first of two equal keys, a browser's JSON.parse keeps the last: with a
     * second "session" or "type" an event would pass these checks as one thing and reach the
     * page as another (in another producer's session). */
    static const char *const envelope[] = {"v", "seq", "t_us", "session", "side", "type"};
    int seen[6] = {0};
    for (const cJSON *c = ev->child; c; c = c->next)
        for (int i = 0; i < 6; i++)
            if (c->string && !strcmp(c->string, envelope[i]) && seen[i]++)
                return fail(out, "publish: the event has a key twice");
    if (is_str(type, "secret")) {
        /* The schema's keys only: a secret's value must never reach a page. */
        static const char *const allowed[] = {"v",    "seq",         "t_us",   "session",
                                              "side", "type",        "label",  "length",
                                              "hash", "explanation", "sources"};
        for (const cJSON *c = ev->child; c; c = c->next) {
            int ok = 0;
            for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]) && c->string; i++)
                ok |= !strcmp(c->string, allowed[i]);
            if (!ok)
                return fail(out, "publish: a secret event carries its label, length and hash only");
        }
    }
    /* Everything else `tlstrace validate` checks of one event: what reaches a page is a valid
     * event, as a recorded trace's lines are. */
    char why[200];
    if (tt_validate_schema(ev, why, sizeof(why)) != 0)
        return fail(out, "publish: the event is not valid (schema v1): %s", why);
    snprintf(out->session, sizeof(out->session), "%s@p%u", session->valuestring, producer);
    if (!cJSON_SetValuestring(session, out->session))
        return fail(out, "publish: out of memory");
    out->event.len = 0;
    if (tt_json_serialize(ev, &out->event) != 0)
        return fail(out, "publish: out of memory");
    out->kind = TT_WS_CMD_PUBLISH;
    return 0;
}

/* A run: a known scenario in a version it offers. Returns 0, or -1 with out->error. */
static int check_run(const cJSON *c, tt_ws_cmd *out)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(c, "scenario");
    const cJSON *tls = cJSON_GetObjectItemCaseSensitive(c, "tls");
    const cJSON *mutual = cJSON_GetObjectItemCaseSensitive(c, "mutual");
    const tt_scenario *sc = cJSON_IsString(name) ? tt_scenario_find(name->valuestring) : NULL;
    int tls13 = is_str(tls, "1.3"), tls12 = is_str(tls, "1.2");
    if (!sc)
        return fail(out, "unknown scenario");
    if (!tls12 && !tls13)
        return fail(out, "\"tls\" must be \"1.2\" or \"1.3\"");
    if (!(sc->versions & (tls13 ? TT_TLS13 : TT_TLS12)))
        return fail(out, "scenario %s does not run in TLS %s", sc->name, tls13 ? "1.3" : "1.2");
    if (mutual && !cJSON_IsBool(mutual))
        return fail(out, "\"mutual\" must be true or false");
    out->kind = TT_WS_CMD_RUN;
    out->scenario = sc;
    out->tls13 = tls13;
    out->mutual = cJSON_IsTrue(mutual);
    return 0;
}

void tt_ws_cmd_parse(const char *text, size_t len, int is_producer, unsigned producer,
                     tt_ws_cmd *out)
{
    memset(out, 0, sizeof(*out));
    out->rate_limited = 1;
    char why[200];
    /* One level more than a trace line: a published event sits inside the command. */
    cJSON *c = tt_json_parse_strict(text, len, TT_JSON_MAX_DEPTH + 1, why, sizeof(why));
    const cJSON *cmd = cJSON_IsObject(c) ? cJSON_GetObjectItemCaseSensitive(c, "cmd") : NULL;
    int publish = is_str(cmd, "publish");
    out->rate_limited = !(is_producer && publish);
    if (!c)
        fail(out, "not a JSON object (%s)", why);
    else if (!cJSON_IsObject(c))
        fail(out, "not a JSON object");
    else if (!cJSON_IsString(cmd))
        fail(out, "missing \"cmd\"");
    else if (is_producer != publish)
        fail(out, is_producer ? "a producer connection (" TT_WS_PUBLISH ") may only publish"
                              : "publish needs the " TT_WS_PUBLISH " subprotocol");
    else if (publish && len > TT_WS_MAX_PUBLISH)
        fail(out, "message larger than %d bytes", TT_WS_MAX_PUBLISH);
    else if (publish)
        check_published(cJSON_GetObjectItemCaseSensitive(c, "event"), producer, out);
    else if (len > TT_WS_MAX_COMMAND)
        fail(out, "command larger than %d bytes", TT_WS_MAX_COMMAND);
    else if (!strcmp(cmd->valuestring, "list"))
        out->kind = TT_WS_CMD_LIST;
    else if (!strcmp(cmd->valuestring, "run"))
        check_run(c, out);
    else
        fail(out, "unknown command");
    cJSON_Delete(c);
}

void tt_ws_cmd_free(tt_ws_cmd *c)
{
    tt_buf_free(&c->event);
}
