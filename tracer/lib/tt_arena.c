#include "tt_arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

/* Every block carries a 16-byte header saying where it came from, so free() knows. */
#define HDR 16
#define TAG_HEAP 0x48454150u  /* "HEAP" */
#define TAG_ARENA 0x4152454eu /* "AREN" */
#define CHUNK (16 * 1024)

typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    unsigned char mem[];
} chunk;

typedef struct arena {
    chunk *head;     /* current chunk first */
    int depth;       /* nesting of scopes */
    int suspended;
    size_t bytes;    /* chunk memory held */
    size_t used;     /* bytes handed out in this scope */
    size_t peak;     /* the largest `bytes` seen */
} arena;

static _Thread_local arena A;

static void *hook_malloc(size_t n)
{
    if (A.depth > 0 && !A.suspended) {
        size_t need = (HDR + n + 15) & ~(size_t)15;
        chunk *c = A.head;
        if (!c || c->used + need > c->cap) {
            size_t cap = need > CHUNK ? need : CHUNK;
            chunk *nc = malloc(sizeof(chunk) + cap);
            if (!nc)
                return NULL;
            nc->used = 0;
            nc->cap = cap;
            nc->next = A.head;
            A.head = nc;
            A.bytes += sizeof(chunk) + cap;
            if (A.bytes > A.peak)
                A.peak = A.bytes;
            c = nc;
        }
        unsigned char *p = c->mem + c->used;
        c->used += need;
        A.used += need;
        *(uint32_t *)p = TAG_ARENA;
        return p + HDR;
    }
    unsigned char *p = malloc(HDR + n);
    if (!p)
        return NULL;
    *(uint32_t *)p = TAG_HEAP;
    return p + HDR;
}

static void hook_free(void *q)
{
    if (!q)
        return;
    unsigned char *p = (unsigned char *)q - HDR;
    if (*(uint32_t *)p == TAG_HEAP) {
        *(uint32_t *)p = 0;
        free(p);
    }
    /* arena blocks go when the scope ends */
}

void tt_arena_install(void)
{
    cJSON_Hooks h = {hook_malloc, hook_free};
    cJSON_InitHooks(&h);
}

/* Before main(): every cJSON block must carry the header, so the hooks go in before the first
 * allocation of any program that links the tracer. */
__attribute__((constructor)) static void install_early(void)
{
    tt_arena_install();
}

void tt_arena_begin(void)
{
    A.depth++;
}

static void reset(void)
{
    /* Keep one chunk for the next scope; give the rest back. */
    chunk *c = A.head;
    if (!c)
        return;
    chunk *rest = c->next;
    c->next = NULL;
    c->used = 0;
    A.used = 0;
    A.bytes = sizeof(chunk) + c->cap;
    while (rest) {
        chunk *n = rest->next;
        free(rest);
        rest = n;
    }
}

void tt_arena_end(void)
{
    if (A.depth > 0 && --A.depth == 0)
        reset();
}

int tt_arena_active(void)
{
    return A.depth > 0 && !A.suspended;
}

int tt_arena_suspend(void)
{
    int saved = A.suspended;
    A.suspended = 1;
    return saved;
}

void tt_arena_resume(int saved)
{
    A.suspended = saved;
}

void tt_arena_release(void)
{
    while (A.head) {
        chunk *n = A.head->next;
        free(A.head);
        A.head = n;
    }
    A.bytes = 0;
}

size_t tt_arena_peak(void)
{
    return A.peak;
}
