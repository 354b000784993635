/* tlstrace serve: a traced Mbed TLS server; every connection is its own session. */
#include "tt_cli.h"
#include "tt_endpoint.h"
#include "tt_net.h"
#include "tt_serve.h"
#include "tt_outputs.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char serve_usage[] =
    "usage: tlstrace serve [ADDR:]PORT --cert FILE --key FILE [--ca FILE]\n"
    "                     [--request-client-cert | --require-client-cert] [--tls 1.2|1.3]\n"
    "                     [--alpn LIST] [--ciphers LIST] [--groups LIST] [--max-clients N]\n"
    "                     [--timeout S] [--connections N] [--keylog FILE] [--pcap FILE]\n"
    "                     [--out FILE] [--format jsonl|text] [--ui ADDR:PORT]\n"
    "\n"
    "A traced Mbed TLS server: every connection (curl, openssl s_client, a browser, a device)\n"
    "is its own session in the stream, many at once. After the handshake it answers an HTTP\n"
    "request with a short page and echoes anything else, until the client closes or is quiet\n"
    "for --timeout. ADDR defaults to 127.0.0.1 (this machine only); give 0.0.0.0 to let a\n"
    "class connect. PORT 0 picks a free port. Stops on Ctrl-C, or after --connections N.\n"
    "\n"
    "  --cert F --key F        the server's certificate (chain) and key (see 'tlstrace pki')\n"
    "  --ca FILE               the root CA client certificates must chain to\n"
    "  --request-client-cert   ask clients for a certificate; check it when one is sent\n"
    "  --require-client-cert   mutual authentication: refuse clients without a valid one\n"
    "  --tls 1.2|1.3           accept only this version (default: both)\n"
    "  --alpn LIST             accept these application protocols\n"
    "  --ciphers LIST          accept only these cipher suites (IANA names or 0x1301)\n"
    "  --groups LIST           accept only these key-exchange groups\n"
    "  --max-clients N         connections handled at once (default 64; more wait in the\n"
    "                          listen queue, nobody is refused)\n"
    "  --timeout S             give up on a client silent for S seconds (default 10)\n"
    "  --connections N         exit after N connections were handled\n"
    "  --keylog FILE           append every connection's secrets to FILE (mode 0600, NSS key\n"
    "                          log format for Wireshark)\n"
    "  --pcap FILE             write every connection's bytes to FILE (pcapng, mode 0600, the\n"
    "                          key log inside: Wireshark and 'tlstrace capture' decrypt it)\n"
    "  --out FILE              write the trace (JSON Lines) to FILE (complete when serve exits)\n"
    "  --format F              stdout: jsonl (default when piped) or text (on a terminal: one\n"
    "                          line per connection)\n"
    "  --ui ADDR:PORT          also stream the events to a running 'tlstrace ui'\n"
    "\n"
    "The address actually listened on is printed on stderr: 'tlstrace serve: listening on\n"
    "ADDR:PORT'.\n"
    "Exit codes: 0 every handshake succeeded, 1 at least one failed (the trace is complete),\n"
    "2 usage or input error (nothing written).\n";

static tt_serve *g_server;

static void on_signal(int sig)
{
    (void)sig;
    if (g_server)
        tt_serve_request_stop(g_server);
}

static void print_line(void *ctx, const char *session, const char *peer, int ok,
                       const char *outcome)
{
    FILE *f = ctx;
    fprintf(f, "%s from %s: %s %s\n", session, peer, ok ? "ok:" : "FAILED", outcome);
    fflush(f);
}

static int parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || !*s || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

int tt_cmd_serve(int argc, char **argv)
{
    const char *target = NULL, *timeout_s = "10", *max_s = "64", *conn_s = "0";
    tt_endpoint_opts eo = {.is_server = 1, .authmode = 0};
    tt_outputs_opts oo = {.cmd = "serve", .timeline = 0};
    int request = 0, require = 0;
    tt_args a;
    tt_args_init(&a, "serve", argc, argv);
    const char *arg;
    int is_opt;
    while ((arg = tt_args_next(&a, &is_opt))) {
        if (!is_opt) {
            if (target)
                return tt_usage_error("serve", "unexpected argument '%s' (one [ADDR:]PORT)", arg);
            target = arg;
            continue;
        }
        if (tt_endpoint_option(&a, arg, &eo, &oo)) {
            ;
        } else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            fputs(serve_usage, stdout);
            return TT_EXIT_OK;
        } else if (!strcmp(arg, "--request-client-cert")) {
            request = 1;
        } else if (!strcmp(arg, "--require-client-cert")) {
            require = 1;
        } else if (!strcmp(arg, "--max-clients")) {
            max_s = tt_args_value(&a);
        } else if (!strcmp(arg, "--timeout")) {
            timeout_s = tt_args_value(&a);
        } else if (!strcmp(arg, "--connections")) {
            conn_s = tt_args_value(&a);
        } else {
            return tt_usage_error("serve", "unknown option '%s'", arg);
        }
        if (a.failed)
            return TT_EXIT_USAGE;
    }
    if (!target)
        return tt_usage_error("serve", "missing [ADDR:]PORT (e.g. 8443, or 0.0.0.0:8443)");
    char host[256], port[16], err[512];
    if (tt_net_split(target, 1, host, sizeof(host), port, sizeof(port), err, sizeof(err)) != 0)
        return tt_usage_error("serve", "%s", err);
    if (request && require)
        return tt_usage_error("serve", "--request-client-cert and --require-client-cert exclude "
                                       "each other");
    if (oo.format && strcmp(oo.format, "jsonl") != 0 && strcmp(oo.format, "text") != 0)
        return tt_usage_error("serve", "--format must be jsonl or text, not '%s'", oo.format);
    int max_clients, connections;
    if (parse_int(max_s, 1, 1024, &max_clients) != 0)
        return tt_usage_error("serve", "--max-clients must be a number from 1 to 1024");
    if (parse_int(conn_s, 0, 1000000000, &connections) != 0)
        return tt_usage_error("serve", "--connections must be a number (0: no limit)");
    char *end;
    double tsec = strtod(timeout_s, &end);
    if (*end || !(tsec > 0 && tsec <= 3600))
        return tt_usage_error("serve", "--timeout must be seconds from 0.001 to 3600, not '%s'",
                              timeout_s);
    eo.authmode = require ? MBEDTLS_SSL_VERIFY_REQUIRED
                  : request ? MBEDTLS_SSL_VERIFY_OPTIONAL
                            : MBEDTLS_SSL_VERIFY_NONE;

    tt_endpoint ep;
    if (tt_endpoint_init(&ep, &eo, err, sizeof(err)) != 0) {
        fprintf(stderr, "tlstrace serve: %s\n", err);
        tt_endpoint_free(&ep);
        return TT_EXIT_USAGE;
    }
    tt_outputs out;
    if (tt_outputs_open(&out, &oo) != 0) {
        tt_endpoint_free(&ep);
        return TT_EXIT_USAGE;
    }
    int rc = TT_EXIT_USAGE;
    tt_serve_opts so = {
        .host = host,
        .port = port,
        .max_clients = max_clients,
        .timeout_ms = (int)(tsec * 1000 + 0.5) ? (int)(tsec * 1000 + 0.5) : 1,
        .connections = connections,
        .keylog = out.keylog,
        .pcap = out.has_pcap ? &out.pcap : NULL,
        .on_done = out.text ? print_line : NULL,
        .on_done_ctx = stdout,
    };
    char bound[128];
    tt_serve *s = tt_serve_start(&ep, &so, &out.em, bound, sizeof(bound), err, sizeof(err));
    if (!s) {
        fprintf(stderr, "tlstrace serve: %s\n", err);
        goto out;
    }
    fprintf(stderr, "tlstrace serve: listening on %s\n", bound);
    g_server = s;
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    tt_serve_wait(s);
    tt_serve_stats st;
    g_server = NULL; /* before it is freed: signals come only to this thread (tt_serve.c) */
    tt_serve_stop(s, &st);
    fprintf(stderr, "tlstrace serve: %llu connection(s): %llu ok, %llu failed\n",
            (unsigned long long)st.accepted, (unsigned long long)st.ok,
            (unsigned long long)st.failed);
    rc = st.failed ? TT_EXIT_FAILED : TT_EXIT_OK;
out:
    rc = tt_outputs_close(&out, rc);
    tt_endpoint_free(&ep);
    return rc;
}
