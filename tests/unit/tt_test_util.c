#include "tt_test_util.h"
#include "tt_demo.h"
#include "tt_emit.h"
#include "tt_scenario.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *tt_test_read_all(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0, r;
    char *b = malloc(cap + 1);
    while ((r = fread(b + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap)
            b = realloc(b, (cap *= 2) + 1);
    }
    b[n] = '\0';
    if (len)
        *len = n;
    return b;
}

char *tt_test_temp_with(const char *prefix, const void *data, size_t n)
{
    char path[256];
    snprintf(path, sizeof(path), "/tmp/%s-XXXXXX", prefix);
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, data, n), (ssize_t)n);
    close(fd);
    return strdup(path);
}

void tt_test_need_tool(const char *name, const char *why)
{
    const char *path = getenv("PATH");
    char *dirs = strdup(path ? path : "");
    int found = 0;
    for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d && !found;
         d = strtok_r(NULL, ":", &save)) {
        char f[4096];
        struct stat st;
        snprintf(f, sizeof(f), "%s/%s", *d ? d : ".", name);
        found = stat(f, &st) == 0 && S_ISREG(st.st_mode) && access(f, X_OK) == 0;
    }
    free(dirs);
    if (!found)
        cr_assert_fail("MISSING TOOL: %s (%s) is not on PATH; scripts/setup.sh --test installs it",
                       name, why);
}

void tt_test_save(const cJSON *events, const char *name)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/events", TT_BINARY_DIR);
    mkdir(path, 0755);
    snprintf(path, sizeof(path), "%s/events/%s.jsonl", TT_BINARY_DIR, name);
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    const cJSON *ev;
    cJSON_ArrayForEach(ev, events)
    {
        char *s = cJSON_PrintUnformatted(ev);
        fprintf(f, "%s\n", s);
        cJSON_free(s);
    }
    fclose(f);
}

cJSON *tt_test_run_demo(const char *name, int tls13, int mutual, const char *test)
{
    const tt_scenario *sc = tt_scenario_find(name);
    if (!sc)
        return NULL;
    char err[512];
    tt_demo_opts o = {.scenario = sc, .tls13 = tls13, .mutual = mutual};
    tt_demo_env *env = tt_demo_env_new(&o, err, sizeof(err));
    if (!env) {
        fprintf(stderr, "%s\n", err);
        return NULL;
    }
    tt_emitter em;
    tt_emitter_init(&em);
    tt_collect_sink col = {0};
    tt_emitter_add_sink(&em, tt_sink_collect, &col);
    char session[64];
    snprintf(session, sizeof(session), "%s-tls%s", name, tls13 ? "1.3" : "1.2");
    tt_demo_result res;
    tt_demo_handshake(env, &em, session, &res);
    tt_emitter_destroy(&em);
    tt_demo_env_free(env);
    char file[256];
    snprintf(file, sizeof(file), "%s-%s-tls%s%s", test, name, tls13 ? "1.3" : "1.2",
             mutual ? "-mutual" : "");
    tt_test_save(col.events, file);
    return col.events;
}

const char *tt_test_str(const cJSON *ev, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(ev, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

char *tt_test_message_sequence(const cJSON *events, const char *side)
{
    size_t cap = 4096, len = 0;
    char *out = calloc(1, cap);
    const cJSON *ev;
    cJSON_ArrayForEach(ev, events)
    {
        if (strcmp(tt_test_str(ev, "type"), "message") != 0 ||
            strcmp(tt_test_str(ev, "side"), side) != 0)
            continue;
        char item[128];
        int n = snprintf(item, sizeof(item), "%s%s:%s:%s", len ? " " : "", tt_test_str(ev, "dir"),
                         tt_test_str(ev, "hs_type"), tt_test_str(ev, "protection"));
        if (len + (size_t)n + 1 > cap) {
            cap *= 2;
            out = realloc(out, cap);
        }
        memcpy(out + len, item, (size_t)n + 1);
        len += (size_t)n;
    }
    return out;
}

const cJSON *tt_test_find(const cJSON *events, const char *side, const char *type)
{
    const cJSON *ev;
    cJSON_ArrayForEach(ev, events)
    {
        if (strcmp(tt_test_str(ev, "type"), type) == 0 &&
            (!side || strcmp(tt_test_str(ev, "side"), side) == 0))
            return ev;
    }
    return NULL;
}

int tt_test_count(const cJSON *events, const char *side, const char *type)
{
    int n = 0;
    const cJSON *ev;
    cJSON_ArrayForEach(ev, events)
    {
        if (strcmp(tt_test_str(ev, "type"), type) == 0 &&
            (!side || strcmp(tt_test_str(ev, "side"), side) == 0))
            n++;
    }
    return n;
}
