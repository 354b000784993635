#include "tt_emit.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t tt_clock_monotonic(void *ctx)
{
    (void)ctx;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void tt_emitter_init(tt_emitter *em)
{
    memset(em, 0, sizeof(*em));
    pthread_mutex_init(&em->lock, NULL);
    em->clock = tt_clock_monotonic;
    em->enabled = 1;
}

void tt_emitter_destroy(tt_emitter *em)
{
    pthread_mutex_destroy(&em->lock);
}

int tt_emitter_add_sink(tt_emitter *em, tt_sink_fn fn, void *ctx)
{
    if (em->nsinks >= TT_MAX_SINKS)
        return -1;
    em->sinks[em->nsinks].fn = fn;
    em->sinks[em->nsinks].ctx = ctx;
    em->nsinks++;
    return 0;
}

void tt_emit(tt_emitter *em, const char *session, const char *side, const char *type, cJSON *body)
{
    if (!em->enabled) {
        cJSON_Delete(body);
        return;
    }
    cJSON *ev = cJSON_CreateObject();
    pthread_mutex_lock(&em->lock);
    uint64_t now = em->clock(em->clock_ctx);
    if (!em->started) {
        em->t0_us = now;
        em->started = 1;
    }
    em->seq++;
    cJSON_AddNumberToObject(ev, "v", TT_SCHEMA_VERSION);
    cJSON_AddNumberToObject(ev, "seq", (double)em->seq);
    cJSON_AddNumberToObject(ev, "t_us", (double)(now >= em->t0_us ? now - em->t0_us : 0));
    cJSON_AddStringToObject(ev, "session", session);
    cJSON_AddStringToObject(ev, "side", side);
    cJSON_AddStringToObject(ev, "type", type);
    if (body) {
        /* Move the body's items after the envelope (ownership passes to ev). */
        while (body->child) {
            cJSON *item = cJSON_DetachItemViaPointer(body, body->child);
            cJSON_AddItemToObject(ev, item->string, item);
            /* cJSON_AddItemToObject duplicated the key; the detached item keeps its own. */
        }
        cJSON_Delete(body);
    }
    for (int i = 0; i < em->nsinks; i++)
        if (em->sinks[i].fn(em->sinks[i].ctx, ev) != 0)
            em->sink_failed = 1;
    pthread_mutex_unlock(&em->lock);
    cJSON_Delete(ev);
}

int tt_sink_jsonl(void *ctx, const cJSON *ev)
{
    tt_jsonl_sink *s = ctx;
    char *line = cJSON_PrintUnformatted(ev);
    if (!line)
        return -1;
    int ok = fputs(line, s->f) >= 0 && fputc('\n', s->f) != EOF;
    cJSON_free(line);
    if (ok && s->flush)
        ok = fflush(s->f) == 0;
    return ok ? 0 : -1;
}

int tt_sink_null(void *ctx, const cJSON *ev)
{
    tt_null_sink *s = ctx;
    char *line = cJSON_PrintUnformatted(ev);
    if (!line)
        return -1;
    s->events++;
    s->bytes += strlen(line) + 1;
    cJSON_free(line);
    return 0;
}

int tt_sink_collect(void *ctx, const cJSON *ev)
{
    tt_collect_sink *s = ctx;
    if (!s->events)
        s->events = cJSON_CreateArray();
    cJSON_AddItemToArray(s->events, cJSON_Duplicate(ev, 1));
    return 0;
}

cJSON *tt_json_named(uint32_t id, const char *name)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "id", id);
    if (name)
        cJSON_AddStringToObject(o, "name", name);
    else
        cJSON_AddNullToObject(o, "name");
    return o;
}

void tt_hex(const uint8_t *p, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = '\0';
}

cJSON *tt_json_hex(const uint8_t *p, size_t n)
{
    char stackbuf[257];
    char *buf = n <= 128 ? stackbuf : malloc(2 * n + 1);
    if (!buf)
        return cJSON_CreateNull();
    tt_hex(p, n, buf);
    cJSON *s = cJSON_CreateString(buf);
    if (buf != stackbuf)
        free(buf);
    return s;
}
