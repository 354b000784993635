/* Event-building memory: while the tap builds and emits events (inside one Mbed TLS step or BIO
 * call), cJSON allocates from a per-thread arena that is reset in one go afterwards, instead of
 * one malloc and one free per node. cJSON's hooks point here for the whole process; outside an
 * arena scope (and while sinks run) they are plain malloc/free. */
#ifndef TT_ARENA_H
#define TT_ARENA_H

#include <stddef.h>

/* Installs the hooks (once, before any cJSON use). */
void tt_arena_install(void);
/* Enters / leaves an arena scope (nestable); leaving the outermost scope resets the arena, so
 * nothing allocated inside may be kept beyond it. */
void tt_arena_begin(void);
void tt_arena_end(void);
/* 1 while inside a scope (tt_emit then skips freeing the event node by node). */
int tt_arena_active(void);
/* Suspends the scope (sinks may keep what they allocate) and resumes it. */
int tt_arena_suspend(void);
void tt_arena_resume(int saved);
/* Frees this thread's arena memory (before a thread or the process ends). */
void tt_arena_release(void);
/* Largest arena footprint seen on this thread, in bytes (bench). */
size_t tt_arena_peak(void);

#endif
