#include "tt_emit.h"
#include "tt_arena.h"

#include <stdint.h>
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
    tt_buf_free(&em->text);
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
    cJSON_AddItemToObjectCS(ev, "v", cJSON_CreateNumber(TT_SCHEMA_VERSION));
    cJSON_AddItemToObjectCS(ev, "seq", cJSON_CreateNumber((double)em->seq));
    cJSON_AddItemToObjectCS(ev, "t_us",
                            cJSON_CreateNumber((double)(now >= em->t0_us ? now - em->t0_us : 0)));
    /* session, side and type outlive the event (it is serialized and freed below) */
    tt_json_add_static(ev, "session", session);
    tt_json_add_static(ev, "side", side);
    tt_json_add_static(ev, "type", type);
    if (body && body->child) {
        /* Move the body's items after the envelope: splice the body's list onto ev's (cJSON keeps
         * a doubly linked list whose head's prev points to the tail). */
        cJSON *head = ev->child, *tail = head->prev, *bhead = body->child, *btail = bhead->prev;
        tail->next = bhead;
        bhead->prev = tail;
        head->prev = btail;
        body->child = NULL;
    }
    cJSON_Delete(body);
    em->text.len = 0;
    if (tt_json_serialize(ev, &em->text) != 0) {
        em->sink_failed = 1;
    } else {
        /* Sinks may keep what they allocate (the collecting sink duplicates the event). */
        int saved = tt_arena_suspend();
        for (int i = 0; i < em->nsinks; i++)
            if (em->sinks[i].fn(em->sinks[i].ctx, ev, em->text.p, em->text.len) != 0)
                em->sink_failed = 1;
        tt_arena_resume(saved);
    }
    pthread_mutex_unlock(&em->lock);
    /* Inside an arena scope the whole tree goes when the scope ends. */
    if (!tt_arena_active())
        cJSON_Delete(ev);
}

int tt_sink_jsonl(void *ctx, const cJSON *ev, const char *json, size_t len)
{
    tt_jsonl_sink *s = ctx;
    (void)ev;
    int ok = fwrite(json, 1, len, s->f) == len && fputc('\n', s->f) != EOF;
    if (ok && s->flush)
        ok = fflush(s->f) == 0;
    return ok ? 0 : -1;
}

int tt_sink_null(void *ctx, const cJSON *ev, const char *json, size_t len)
{
    tt_null_sink *s = ctx;
    (void)ev;
    (void)json;
    s->events++;
    s->bytes += len + 1;
    return 0;
}

int tt_sink_collect(void *ctx, const cJSON *ev, const char *json, size_t len)
{
    tt_collect_sink *s = ctx;
    (void)json;
    (void)len;
    if (!s->events)
        s->events = cJSON_CreateArray();
    cJSON_AddItemToArray(s->events, cJSON_Duplicate(ev, 1));
    return 0;
}

/* ---------- JSON text ---------- */

void tt_buf_free(tt_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof(*b));
}

int tt_buf_reserve(tt_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *n = realloc(b->p, cap);
    if (!n) {
        b->oom = 1;
        return -1;
    }
    b->p = n;
    b->cap = cap;
    return 0;
}

/* Appends n bytes (the buffer is NUL-terminated by tt_json_serialize at the end). */
static int buf_put(tt_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap && tt_buf_reserve(b, n) != 0)
        return -1;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    return 0;
}

static int buf_putc(tt_buf *b, char c)
{
    if (b->len + 2 > b->cap && tt_buf_reserve(b, 1) != 0)
        return -1;
    b->p[b->len++] = c;
    return 0;
}

/* RFC 8259 §7: escape the quote, the backslash and control characters; UTF-8 passes as is. Runs
 * of bytes that need nothing (all of a hex string) are copied at once. */
static int put_string(tt_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    size_t n = strlen(s);
    if (tt_buf_reserve(b, 6 * n + 2) != 0)
        return -1;
    char *o = b->p + b->len;
    *o++ = '"';
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        const unsigned char *run = p;
        /* Eight bytes at a time while none of them is a control character, '"' or '\\'
         * (the classic "has a zero byte / a byte below n" word tricks). */
        const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
        while (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
            uint64_t hit = ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((bs - ones) & ~bs);
            if (hit & highs)
                break;
            p += 8;
        }
        while (p < end && *p >= 0x20 && *p != '"' && *p != '\\')
            p++;
        memcpy(o, run, (size_t)(p - run));
        o += p - run;
        if (p == end)
            break;
        unsigned char c = *p++;
        *o++ = '\\';
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        default:
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    *o++ = '"';
    b->len = (size_t)(o - b->p);
    return 0;
}

static int put_number(tt_buf *b, double d)
{
    char tmp[32];
    int n;
    if (d != d || d - d != 0) { /* NaN or infinity: JSON has neither (cJSON prints null) */
        return buf_put(b, "null", 4);
    } else if (d >= -9007199254740992.0 && d <= 9007199254740992.0 && d == (double)(long long)d) {
        /* integers (every number tlstrace emits): written exactly, without printf */
        long long v = (long long)d;
        unsigned long long u = v < 0 ? (unsigned long long)(-v) : (unsigned long long)v;
        char *e = tmp + sizeof(tmp), *p = e;
        do {
            *--p = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (v < 0)
            *--p = '-';
        return buf_put(b, p, (size_t)(e - p));
    }
    n = snprintf(tmp, sizeof(tmp), "%.17g", d);
    return buf_put(b, tmp, (size_t)n);
}

static int serialize(const cJSON *item, tt_buf *b)
{
    if (!item)
        return buf_put(b, "null", 4);
    switch (item->type & 0xFF) {
    case cJSON_False: return buf_put(b, "false", 5);
    case cJSON_True: return buf_put(b, "true", 4);
    case cJSON_NULL: return buf_put(b, "null", 4);
    case cJSON_Number: return put_number(b, item->valuedouble);
    case cJSON_String: return put_string(b, item->valuestring ? item->valuestring : "");
    case cJSON_Raw: return buf_put(b, item->valuestring, strlen(item->valuestring));
    case cJSON_Array:
    case cJSON_Object: {
        int obj = (item->type & 0xFF) == cJSON_Object;
        if (buf_putc(b, obj ? '{' : '[') != 0)
            return -1;
        for (const cJSON *c = item->child; c; c = c->next) {
            if (c != item->child && buf_putc(b, ',') != 0)
                return -1;
            if (obj && (put_string(b, c->string ? c->string : "") != 0 || buf_putc(b, ':') != 0))
                return -1;
            if (serialize(c, b) != 0)
                return -1;
        }
        return buf_putc(b, obj ? '}' : ']');
    }
    default: return buf_put(b, "null", 4);
    }
}

int tt_json_serialize(const cJSON *item, tt_buf *b)
{
    if (serialize(item, b) != 0 || tt_buf_reserve(b, 0) != 0)
        return -1;
    b->p[b->len] = '\0';
    return 0;
}

cJSON *tt_json_named(uint32_t id, const char *name)
{
    /* Constant keys and a referenced name: no string is copied (these objects are the most
     * numerous in a trace). */
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObjectCS(o, "id", cJSON_CreateNumber(id));
    cJSON_AddItemToObjectCS(o, "name", name ? cJSON_CreateStringReference(name) : cJSON_CreateNull());
    return o;
}

void tt_json_add_static(cJSON *obj, const char *key, const char *value)
{
    cJSON_AddItemToObjectCS(obj, key, cJSON_CreateStringReference(value));
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
    /* A raw JSON value, quotes included: hex needs no escaping, so the serializer copies it as is
     * (message bytes are the bulk of a trace). Allocated with cJSON's allocator, which frees it. */
    cJSON *s = cJSON_CreateRaw("\"\"");
    char *buf = s ? cJSON_malloc(2 * n + 3) : NULL;
    if (!buf) {
        cJSON_Delete(s);
        return cJSON_CreateNull();
    }
    buf[0] = '"';
    tt_hex(p, n, buf + 1);
    buf[2 * n + 1] = '"';
    buf[2 * n + 2] = '\0';
    cJSON_free(s->valuestring);
    s->valuestring = buf;
    return s;
}
