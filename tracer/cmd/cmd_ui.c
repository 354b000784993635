/* tlstrace ui: the page and the live event stream. */
#define _DEFAULT_SOURCE /* realpath */
#include "tt_cli.h"
#include "tt_ws.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char ui_usage[] =
    "usage: tlstrace ui [--listen ADDR:PORT] [--web DIR] [--fixtures DIR] [--allow-origin URL]...\n"
    "\n"
    "Serves the page on http://ADDR:PORT/ and streams events to it on a websocket; the page\n"
    "can ask for scenarios to run (validated and rate-limited). Runs until Ctrl-C.\n"
    "\n"
    "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080: this machine only). To show\n"
    "                      it to a classroom network, give that address explicitly, e.g.\n"
    "                      --listen 0.0.0.0:8080; PORT 0 picks a free port\n"
    "  --web DIR           the page's files (default: the web/ folder of this source tree)\n"
    "  --fixtures DIR      recorded traces the page offers (default: fixtures/traces when present)\n"
    "  --allow-origin URL  also accept websocket connections from pages of this origin\n"
    "                      (repeatable; by default only pages served by this server and\n"
    "                      opened by address or as localhost: a DNS name needs this flag)\n"
    "  --history-bytes N   bytes of recent events kept for late and slow viewers\n"
    "                      (default 16777216); a viewer that falls further behind gets a\n"
    "                      \"gap\" notice and the sessions still held, again\n"
    "  --quiet             no log lines\n"
    "\n"
    "Exit codes: 0 stopped by Ctrl-C, 2 usage error or cannot listen.\n";

static tt_ws *running;

static void on_signal(int sig)
{
    (void)sig;
    if (running)
        tt_ws_stop(running);
}

/* Finds DIR/NAME/probe beside the executable or up to three levels above it (the build tree
 * sits inside the source tree), else in the current directory. */
static int find_dir(const char *name, const char *probe, char *out, size_t outlen)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
        for (int up = 0; up < 4; up++) {
            char *slash = strrchr(exe, '/');
            if (!slash)
                break;
            *slash = '\0';
            int w = snprintf(out, outlen, "%s/%s/%s", exe, name, probe);
            if (w > 0 && (size_t)w < outlen && access(out, R_OK) == 0) {
                w = snprintf(out, outlen, "%s/%s", exe, name);
                return w > 0 && (size_t)w < outlen ? 0 : -1;
            }
        }
    }
    snprintf(out, outlen, "%s/%s", name, probe);
    if (access(out, R_OK) == 0 && realpath(name, out))
        return 0;
    return -1;
}

static int parse_listen(const char *v, char *iface, size_t len, int *port)
{
    const char *colon = strrchr(v, ':');
    if (!colon || colon == v)
        return -1;
    size_t n = (size_t)(colon - v);
    if (v[0] == '[' && n >= 2 && v[n - 1] == ']') { /* [::1]:8080 */
        v++;
        n -= 2;
    }
    if (n >= len)
        return -1;
    memcpy(iface, v, n);
    iface[n] = '\0';
    char *end;
    long p = strtol(colon + 1, &end, 10);
    if (!colon[1] || *end || p < 0 || p > 65535)
        return -1;
    *port = (int)p;
    return 0;
}

int tt_cmd_ui(int argc, char **argv)
{
    const char *listen = "127.0.0.1:8080", *web = NULL, *fixtures = NULL;
    const char *origins[17] = {0};
    int norigins = 0, quiet = 0;
    long history = 0;
    tt_args a;
    tt_args_init(&a, "ui", argc, argv);
    const char *arg, *v;
    int is_opt;
    while ((arg = tt_args_next(&a, &is_opt))) {
        if (!is_opt)
            return tt_usage_error("ui", "unexpected argument '%s'", arg);
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            fputs(ui_usage, stdout);
            return TT_EXIT_OK;
        } else if (!strcmp(arg, "--listen")) {
            if (!(listen = tt_args_value(&a)))
                return TT_EXIT_USAGE;
        } else if (!strcmp(arg, "--web")) {
            if (!(web = tt_args_value(&a)))
                return TT_EXIT_USAGE;
        } else if (!strcmp(arg, "--fixtures")) {
            if (!(fixtures = tt_args_value(&a)))
                return TT_EXIT_USAGE;
        } else if (!strcmp(arg, "--allow-origin")) {
            if (!(v = tt_args_value(&a)))
                return TT_EXIT_USAGE;
            if (norigins == 16)
                return tt_usage_error("ui", "at most 16 --allow-origin");
            origins[norigins++] = v;
        } else if (!strcmp(arg, "--history-bytes")) {
            if (!(v = tt_args_value(&a)))
                return TT_EXIT_USAGE;
            char *end;
            history = strtol(v, &end, 10);
            if (!*v || *end || history < 4096 || history > (1L << 30))
                return tt_usage_error("ui", "--history-bytes must be 4096..1073741824, not '%s'", v);
        } else if (!strcmp(arg, "--quiet")) {
            quiet = 1;
        } else {
            return tt_usage_error("ui", "unknown option '%s'", arg);
        }
    }
    char iface[128];
    int port;
    if (parse_listen(listen, iface, sizeof(iface), &port) != 0)
        return tt_usage_error("ui", "--listen wants ADDR:PORT (e.g. 127.0.0.1:8080), not '%s'",
                              listen);
    char web_dir[PATH_MAX], fix_dir[PATH_MAX];
    if (web) {
        char probe[PATH_MAX + 16];
        snprintf(probe, sizeof(probe), "%s/index.html", web);
        if (access(probe, R_OK) != 0 || !realpath(web, web_dir))
            return tt_usage_error("ui", "--web %s: no index.html there", web);
    } else if (find_dir("web", "index.html", web_dir, sizeof(web_dir)) != 0) {
        return tt_usage_error("ui", "cannot find the page (web/index.html); give --web DIR");
    }
    const char *fixtures_dir = NULL;
    if (fixtures) {
        if (!realpath(fixtures, fix_dir))
            return tt_usage_error("ui", "--fixtures %s: no such directory", fixtures);
        fixtures_dir = fix_dir;
    } else if (find_dir("fixtures/traces", "index.json", fix_dir, sizeof(fix_dir)) == 0) {
        fixtures_dir = fix_dir;
    }

    tt_ws_opts o = {.iface = iface, .port = port, .web_dir = web_dir,
                    .fixtures_dir = fixtures_dir, .origins = origins, .quiet = quiet,
                    .history_bytes = (size_t)history};
    char err[300];
    tt_ws *s = tt_ws_new(&o, err, sizeof(err));
    if (!s) {
        fprintf(stderr, "tlstrace ui: %s\n", err);
        return TT_EXIT_USAGE;
    }
    running = s;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    int loopback = !strncmp(iface, "127.", 4) || !strcmp(iface, "::1") || !strcmp(iface, "localhost");
    printf("tlstrace ui: open http://%s%s%s:%d/ (Ctrl-C to stop)\n", strchr(iface, ':') ? "[" : "",
           iface, strchr(iface, ':') ? "]" : "", tt_ws_port(s));
    if (!loopback)
        printf("tlstrace ui: listening beyond this machine: anyone who can reach %s can watch "
               "and run demos\n", iface);
    fflush(stdout);
    int rc = tt_ws_run(s);
    running = NULL;
    tt_ws_free(s);
    if (!quiet)
        fprintf(stderr, "tlstrace ui: stopped\n");
    return rc == 0 ? TT_EXIT_OK : TT_EXIT_USAGE;
}
