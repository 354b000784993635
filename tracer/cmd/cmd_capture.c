/* tlstrace capture: any TLS connection, not only ours. Reads pcap/pcapng files or captures live,
 * and turns every TCP connection that carries TLS into a session of the same events. */
#include "tt_capture.h"
#include "tt_cli.h"
#include "tt_endpoint.h"
#include "tt_outputs.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char capture_usage[] =
    "usage: tlstrace capture FILE... [options]\n"
    "       tlstrace capture -i IFACE [--bpf FILTER] [options]\n"
    "options: [--keylog FILE] [--ca FILE] [--out FILE] [--format jsonl|text] [--verbose]\n"
    "         [--ui ADDR:PORT] [--max-connections N] [--idle S]\n"
    "\n"
    "Shows the TLS handshakes in a capture (tcpdump, Wireshark, tshark: pcap or pcapng), or on a\n"
    "network interface, as the same events as a traced handshake: every record and handshake\n"
    "message decoded, alerts, what was negotiated and the outcome, inferred from the wire. Any\n"
    "TCP connection whose first bytes are a TLS record is a session, whatever its port. Neither\n"
    "endpoint is traced: there are no Mbed TLS states, and the page labels both sides \"seen on\n"
    "the network\".\n"
    "\n"
    "  FILE...            capture files (pcap or pcapng; link types Ethernet with VLAN tags,\n"
    "                     Linux cooked SLL/SLL2 as 'tcpdump -i any' writes, BSD loopback, raw IP)\n"
    "  -i IFACE           capture live on IFACE (e.g. lo, eth0, any) until Ctrl-C; needs root or\n"
    "                     the CAP_NET_RAW capability\n"
    "  --bpf FILTER       with -i: a capture filter, e.g. 'tcp port 443'\n"
    "  --keylog FILE      decrypt with an NSS key log (SSLKEYLOGFILE of curl, Firefox, Chromium;\n"
    "                     openssl s_client -keylogfile; gnutls; tlstrace --keylog). With -i it is\n"
    "                     read again as it grows. A pcapng file's own secrets block is used too\n"
    "  --ca FILE          check the certificate chains on the wire against this root CA (as\n"
    "                     Mbed TLS would, at the capture's time, for the name the client asked\n"
    "                     for); shown as checked by tlstrace, not by the endpoint\n"
    "  --out FILE         write the trace (JSON Lines) to FILE\n"
    "  --format F         stdout format: jsonl (default when piped) or text (on a terminal)\n"
    "  --verbose          text format: also show every record and secret label\n"
    "  --ui ADDR:PORT     also stream the events to a running 'tlstrace ui' at ADDR:PORT\n"
    "  --max-connections N  TCP connections followed at once (default 1024; more: the quietest\n"
    "                     is closed in the trace, which says so)\n"
    "  --idle S           close connections silent for S seconds of capture time (default 300)\n"
    "\n"
    "Memory is bounded by --max-connections, never by the size of the capture.\n"
    "Exit codes: 0 every handshake seen succeeded (or its outcome cannot be seen), 1 a handshake\n"
    "failed, 2 usage or input error (a file that is not a capture, damaged, or of a link type\n"
    "tlstrace does not decode: one line says which; the trace of what could be read is kept).\n";

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static void print_notice(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "tlstrace capture: %s\n", line);
}

/* Parses an integer option in [lo, hi]; returns -1 after printing the error. */
static long long int_option(const char *opt, const char *v, long long lo, long long hi)
{
    char *end;
    long long n = strtoll(v, &end, 10);
    if (!*v || *end || n < lo || n > hi) {
        tt_usage_error("capture", "%s must be a number from %lld to %lld, not '%s'", opt, lo, hi,
                       v);
        return -1;
    }
    return n;
}

int tt_cmd_capture(int argc, char **argv)
{
    const char *iface = NULL, *bpf = NULL, *keylog_path = NULL, *ca_path = NULL;
    const char *max_conns = "1024", *idle = "300";
    tt_outputs_opts oo = {.cmd = "capture", .timeline = 1};
    const char **files = calloc((size_t)argc + 1, sizeof(*files));
    int nfiles = 0;
    if (!files)
        return TT_EXIT_USAGE;
    tt_args a;
    tt_args_init(&a, "capture", argc, argv);
    const char *arg;
    int is_opt, rc = TT_EXIT_USAGE;
    while ((arg = tt_args_next(&a, &is_opt))) {
        if (!is_opt) {
            files[nfiles++] = arg;
            continue;
        }
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            fputs(capture_usage, stdout);
            free(files);
            return TT_EXIT_OK;
        } else if (!strcmp(arg, "-i") || !strcmp(arg, "--interface")) {
            iface = tt_args_value(&a);
        } else if (!strcmp(arg, "--bpf")) {
            bpf = tt_args_value(&a);
        } else if (!strcmp(arg, "--keylog")) {
            keylog_path = tt_args_value(&a);
        } else if (!strcmp(arg, "--ca")) {
            ca_path = tt_args_value(&a);
        } else if (!strcmp(arg, "--out")) {
            oo.out_path = tt_args_value(&a);
        } else if (!strcmp(arg, "--format")) {
            oo.format = tt_args_value(&a);
        } else if (!strcmp(arg, "--ui")) {
            oo.ui = tt_args_value(&a);
        } else if (!strcmp(arg, "--verbose")) {
            oo.verbose = 1;
        } else if (!strcmp(arg, "--max-connections")) {
            max_conns = tt_args_value(&a);
        } else if (!strcmp(arg, "--idle")) {
            idle = tt_args_value(&a);
        } else {
            tt_usage_error("capture", "unknown option '%s'", arg);
            goto out_args;
        }
        if (a.failed)
            goto out_args;
    }
    if (!iface && nfiles == 0) {
        tt_usage_error("capture", "give capture files, or -i IFACE to capture live");
        goto out_args;
    }
    if (iface && nfiles) {
        tt_usage_error("capture", "either files or -i IFACE, not both");
        goto out_args;
    }
    if (bpf && !iface) {
        tt_usage_error("capture", "--bpf filters a live capture: it needs -i IFACE");
        goto out_args;
    }
    if (oo.format && strcmp(oo.format, "jsonl") != 0 && strcmp(oo.format, "text") != 0) {
        tt_usage_error("capture", "--format must be jsonl or text, not '%s'", oo.format);
        goto out_args;
    }
    long long nconn = int_option("--max-connections", max_conns, 1, 1000000);
    long long idle_s = nconn < 0 ? -1 : int_option("--idle", idle, 1, 86400);
    if (nconn < 0 || idle_s < 0)
        goto out_args;

    char err[1024];
    tt_keylog *kl = NULL;
    mbedtls_x509_crt ca;
    mbedtls_x509_crt_init(&ca);
    int have_ca = 0;
    if (keylog_path) {
        kl = tt_keylog_new();
        if (!kl) {
            fprintf(stderr, "tlstrace capture: out of memory\n");
            goto out_keys;
        }
        if (tt_keylog_read_file(kl, keylog_path, !iface, err, sizeof(err)) < 0) {
            /* Capturing live, the browser may create its key log only when it starts. */
            if (!iface || access(keylog_path, F_OK) == 0) {
                fprintf(stderr, "tlstrace capture: --keylog %s\n", err);
                goto out_keys;
            }
            fprintf(stderr,
                    "tlstrace capture: the key log %s does not exist yet: it is read as "
                    "soon as it does\n",
                    keylog_path);
        }
        const tt_keylog_stats *ks = tt_keylog_get_stats(kl);
        if (ks->bad)
            fprintf(stderr, "tlstrace capture: %s:%llu: %s (%llu malformed line%s skipped)\n",
                    keylog_path, (unsigned long long)ks->first_bad_line, ks->first_bad_reason,
                    (unsigned long long)ks->bad, ks->bad > 1 ? "s" : "");
        if (!iface && ks->secrets == 0)
            fprintf(stderr, "tlstrace capture: --keylog %s holds no secrets\n", keylog_path);
    }
    if (ca_path) {
        if (tt_load_certs(&ca, "--ca", ca_path, err, sizeof(err)) != 0) {
            fprintf(stderr, "tlstrace capture: %s\n", err);
            goto out_keys;
        }
        have_ca = 1;
    }

    tt_outputs out;
    if (tt_outputs_open(&out, &oo) != 0)
        goto out_keys;
    tt_capture_opts co = {
        .em = &out.em,
        .keylog = kl,
        .keylog_path = iface ? keylog_path : NULL,
        .ca = have_ca ? &ca : NULL,
        .max_conns = (size_t)nconn,
        .idle_us = (uint64_t)idle_s * 1000000u,
        .notice = print_notice,
    };
    tt_capture *cap = tt_capture_new(&co);
    int input_error = 0;
    if (!cap) {
        fprintf(stderr, "tlstrace capture: out of memory\n");
        rc = tt_outputs_close(&out, TT_EXIT_USAGE);
        goto out_keys;
    }
    if (iface) {
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_signal;
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        int r = tt_capture_live(cap, iface, bpf, &stop_flag, err, sizeof(err));
        if (r < 0) {
            fprintf(stderr, "tlstrace capture: %s\n", err);
            input_error = 1;
        }
        if (r == -2 || (r < 0 && tt_capture_get_stats(cap)->packets == 0)) {
            tt_capture_free(cap);
            rc = tt_outputs_close(&out, TT_EXIT_USAGE);
            goto out_keys;
        }
    } else {
        for (int i = 0; i < nfiles; i++) {
            if (tt_capture_read_path(cap, files[i], err, sizeof(err)) != 0) {
                fprintf(stderr, "tlstrace capture: %s\n", err);
                input_error = 1;
            }
        }
    }
    tt_capture_finish(cap);
    const tt_capture_stats *st = tt_capture_get_stats(cap);
    if (st->sessions == 0 && !input_error)
        fprintf(stderr,
                "tlstrace capture: no TLS connection found (%llu frames, %llu TCP connections)\n",
                (unsigned long long)st->packets, (unsigned long long)st->connections);
    else if (isatty(STDERR_FILENO))
        fprintf(stderr, "tlstrace capture: %llu TLS session%s (%llu failed) in %llu frames\n",
                (unsigned long long)st->sessions, st->sessions == 1 ? "" : "s",
                (unsigned long long)st->failed, (unsigned long long)st->packets);
    rc = st->failed ? TT_EXIT_FAILED : TT_EXIT_OK;
    tt_capture_free(cap);
    rc = tt_outputs_close(&out, rc);
    if (input_error)
        rc = TT_EXIT_USAGE;
out_keys:
    tt_keylog_free(kl);
    mbedtls_x509_crt_free(&ca);
out_args:
    free(files);
    return rc;
}
