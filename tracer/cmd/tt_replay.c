/* What `tlstrace replay` lets through (tt_replay.h).
 *
 * Each line is checked as `tlstrace validate` checks it: strict JSON, the schema, and its order in
 * the output (a session started before it is used and not after its end), on the event as it will
 * be written. A line that fails is skipped and changes nothing, so whatever follows is checked
 * against what was really written. Memory follows the number of sessions (a few hundred bytes
 * each, most of it the validator's), never the number of events. */
#include "tt_replay.h"
#include "tt_emit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SESSION_MAX_CHARS 128 /* schema v1: session is 1..128 characters */

/* A set of 64-bit hashes (0 is never one): open addressing, grows at half full. */
typedef struct hset {
    uint64_t *tab;
    size_t cap, used;
} hset;

static int hset_has(const hset *s, uint64_t h)
{
    if (!s->cap)
        return 0;
    for (size_t i = h & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        if (s->tab[i] == h)
            return 1;
        if (!s->tab[i])
            return 0;
    }
}

static int hset_add(hset *s, uint64_t h)
{
    if ((s->used + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        uint64_t *t = calloc(cap, sizeof(*t));
        if (!t)
            return -1;
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->tab[i])
                continue;
            size_t j = s->tab[i] & (cap - 1);
            while (t[j])
                j = (j + 1) & (cap - 1);
            t[j] = s->tab[i];
        }
        free(s->tab);
        s->tab = t;
        s->cap = cap;
    }
    size_t i = h & (s->cap - 1);
    while (s->tab[i] && s->tab[i] != h)
        i = (i + 1) & (s->cap - 1);
    if (!s->tab[i])
        s->used++;
    s->tab[i] = h;
    return 0;
}

static void hset_free(hset *s)
{
    free(s->tab);
    memset(s, 0, sizeof(*s));
}

/* A session renamed in the current file: its id there and the id written. */
typedef struct renaming {
    char *from, *to;
} renaming;

struct tt_replay {
    tt_validator *v;    /* the current file's output: order checks on what is written */
    uint64_t written;   /* the seq of the last event written */
    size_t max_line;    /* the longest line written */
    uint64_t in_expect; /* the input seq expected next in this file; 0: take it as it comes */
    hset used;          /* every session id written so far, as hashes */
    hset seen;          /* the session ids of the current file met so far, as hashes */
    renaming *renamed;  /* the current file's renamed sessions (rare: linear search) */
    size_t nrenamed, caprenamed;
    char session[4 * SESSION_MAX_CHARS + 1]; /* the session written, for out->env */
    tt_buf text;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a, then a final mix */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h ? h : 1;
}

tt_replay *tt_replay_new(size_t max_line)
{
    tt_replay *rp = calloc(1, sizeof(*rp));
    if (rp && !(rp->v = tt_validator_new())) {
        free(rp);
        return NULL;
    }
    if (rp)
        rp->max_line = max_line ? max_line : TT_TRACE_MAX_LINE;
    return rp;
}

static void forget_file(tt_replay *rp)
{
    for (size_t i = 0; i < rp->nrenamed; i++) {
        free(rp->renamed[i].from);
        free(rp->renamed[i].to);
    }
    rp->nrenamed = 0;
    hset_free(&rp->seen);
}

void tt_replay_free(tt_replay *rp)
{
    if (!rp)
        return;
    forget_file(rp);
    free(rp->renamed);
    hset_free(&rp->used);
    tt_validator_free(rp->v);
    tt_buf_free(&rp->text);
    free(rp);
}

void tt_replay_begin_file(tt_replay *rp)
{
    forget_file(rp);
    rp->in_expect = 0;
    tt_validator *v = tt_validator_new();
    if (v) {
        tt_validator_free(rp->v);
        rp->v = v;
    }
    /* (Out of memory: the previous file's validator stays, which only checks more.) The output's
     * seq goes on from the last file's: the validator takes the first as it comes. */
    tt_validate_skip(rp->v);
}

/* The first `chars` characters of UTF-8 text s: its length in bytes. */
static size_t utf8_prefix(const char *s, size_t chars)
{
    size_t i = 0;
    while (s[i] && chars) {
        i++;
        while ((s[i] & 0xC0) == 0x80)
            i++;
        chars--;
    }
    return i;
}

/* The id this file's session `id` is written under: itself, unless an earlier file (or a rename
 * in this one) already wrote it. Returns NULL when out of memory. */
static const char *session_out(tt_replay *rp, const char *id)
{
    uint64_t h = hash_str(id);
    for (size_t i = 0; i < rp->nrenamed; i++)
        if (!strcmp(rp->renamed[i].from, id))
            return rp->renamed[i].to;
    if (hset_has(&rp->seen, h))
        return id;
    if (hset_add(&rp->seen, h) != 0)
        return NULL;
    if (!hset_has(&rp->used, h))
        return hset_add(&rp->used, h) == 0 ? id : NULL;
    /* Taken: ID~2, ID~3 ... within the schema's 128 characters. */
    char to[sizeof(rp->session) + 24];
    for (unsigned n = 2;; n++) {
        char suffix[16];
        int sl = snprintf(suffix, sizeof(suffix), "~%u", n);
        size_t keep = utf8_prefix(id, SESSION_MAX_CHARS - (size_t)sl);
        snprintf(to, sizeof(to), "%.*s%s", (int)keep, id, suffix);
        if (!hset_has(&rp->used, hash_str(to)))
            break;
    }
    if (rp->nrenamed == rp->caprenamed) {
        size_t cap = rp->caprenamed ? rp->caprenamed * 2 : 8;
        renaming *r = realloc(rp->renamed, cap * sizeof(*r));
        if (!r)
            return NULL;
        rp->renamed = r;
        rp->caprenamed = cap;
    }
    renaming *r = &rp->renamed[rp->nrenamed];
    if (!(r->from = strdup(id)) || !(r->to = strdup(to)) || hset_add(&rp->used, hash_str(to))) {
        free(r->from);
        free(r->to);
        return NULL;
    }
    rp->nrenamed++;
    return r->to;
}

/* Replaces every member `key` of object o (JSON.parse would read the last of several) by one. */
static int set_member(cJSON *o, const char *key, cJSON *value)
{
    if (!value)
        return -1;
    while (cJSON_GetObjectItemCaseSensitive(o, key))
        cJSON_DeleteItemFromObjectCaseSensitive(o, key);
    cJSON_AddItemToObject(o, key, value);
    return 0;
}

static size_t members_named(const cJSON *o, const char *key)
{
    size_t n = 0;
    for (const cJSON *c = o->child; c; c = c->next)
        n += c->string && !strcmp(c->string, key);
    return n;
}

/* Writes seq into the text of a line in tlstrace's layout ({"v":1,"seq":N,...) without parsing
 * it again. Returns 0, or -1 when the line has another layout. */
static int renumber_text(const char *text, size_t len, uint64_t seq, tt_buf *out)
{
    static const char head[] = "{\"v\":1,\"seq\":";
    size_t hl = sizeof(head) - 1;
    if (len < hl || memcmp(text, head, hl) != 0)
        return -1;
    size_t p = hl;
    while (p < len && text[p] >= '0' && text[p] <= '9')
        p++;
    /* Digits alone: "10e-1" (1) or "1.0" are left to the tree. */
    if (p == hl || p == len || (text[p] != ',' && text[p] != '}'))
        return -1;
    char num[24];
    int n = snprintf(num, sizeof(num), "%llu", (unsigned long long)seq);
    out->len = 0;
    if (tt_buf_reserve(out, len + 24) != 0)
        return -1;
    memcpy(out->p, text, hl);
    memcpy(out->p + hl, num, (size_t)n);
    memcpy(out->p + hl + n, text + p, len - p);
    out->len = hl + (size_t)n + (len - p);
    out->p[out->len] = '\0';
    return 0;
}

tt_replay_verdict tt_replay_line(tt_replay *rp, tt_trace_line *l, tt_replay_out *out, char *why,
                                 size_t whylen)
{
    memset(out, 0, sizeof(*out));
    why[0] = '\0';
    if (l->error || !l->ev) {
        snprintf(why, whylen, "%s", l->error ? l->error : "no event");
        rp->in_expect = 0; /* a line that is no event: the next seq is taken as it comes */
        return TT_REPLAY_SKIP;
    }
    /* The input's own order, as validate sees it: the seq of an event that has one moves on. */
    uint64_t expect = rp->in_expect;
    rp->in_expect = l->env.ok && l->env.seq < UINT64_MAX ? l->env.seq + 1 : 0;
    if (tt_validate_schema(l->ev, why, whylen) != 0)
        return TT_REPLAY_SKIP;
    if (!l->env.ok) { /* (a valid event has a valid envelope) */
        snprintf(why, whylen, "no v1 envelope");
        return TT_REPLAY_SKIP;
    }
    /* The event as it will be written: the next seq, its session under its output id. */
    const char *session = session_out(rp, l->env.session);
    if (!session) {
        snprintf(why, whylen, "out of memory");
        return TT_REPLAY_SKIP;
    }
    tt_trace_envelope env = l->env;
    env.seq = rp->written + 1;
    snprintf(rp->session, sizeof(rp->session), "%s", session);
    env.session = rp->session;
    /* Its text: the line itself, or rewritten where seq or session change. */
    const char *text = l->text;
    size_t len = l->len;
    int renamed = strcmp(session, l->env.session) != 0;
    if (env.seq != l->env.seq || renamed) {
        cJSON *ev = l->ev;
        if (!renamed && members_named(ev, "seq") == 1 &&
            renumber_text(l->text, l->len, env.seq, &rp->text) == 0) {
            cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(ev, "seq"), (double)env.seq);
        } else {
            rp->text.len = 0;
            if (set_member(ev, "seq", cJSON_CreateNumber((double)env.seq)) != 0 ||
                (renamed && set_member(ev, "session", cJSON_CreateString(session)) != 0) ||
                tt_json_serialize(ev, &rp->text) != 0) {
                snprintf(why, whylen, "out of memory");
                return TT_REPLAY_SKIP;
            }
        }
        text = rp->text.p;
        len = rp->text.len;
    }
    if (len > rp->max_line) {
        snprintf(why, whylen, "with seq %llu%s, the line would be longer than %zu bytes",
                 (unsigned long long)env.seq, renamed ? " and its session renamed" : "",
                 rp->max_line);
        return TT_REPLAY_SKIP;
    }
    /* Last, its order in the output: an event that fails changes nothing. */
    if (tt_validate_order(rp->v, &env, why, whylen) != 0) {
        tt_validate_skip(rp->v); /* nothing was written: the next seq is still written + 1 */
        return TT_REPLAY_SKIP;
    }
    rp->written++;
    out->env = env;
    out->ev = l->ev;
    out->text = text;
    out->len = len;
    if (expect && l->env.seq != expect) {
        snprintf(why, whylen, "seq %llu, expected %llu: %s (replayed, with seq %llu)",
                 (unsigned long long)l->env.seq, (unsigned long long)expect,
                 l->env.seq > expect ? "events are missing before this line"
                                     : "this event is out of order",
                 (unsigned long long)env.seq);
        return TT_REPLAY_NOTED;
    }
    return TT_REPLAY_WRITE;
}

int tt_replay_end_file(tt_replay *rp, char *why, size_t whylen)
{
    return tt_validate_finish(rp->v, why, whylen);
}
