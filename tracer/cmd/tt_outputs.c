/* fopencookie: the key log stream that feeds both the --keylog file and the --pcap secrets. */
#define _GNU_SOURCE 1
#include "tt_outputs.h"
#include "tt_endpoint.h"

#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

/* The taps write each secret as one line and flush: each write goes to the --keylog file (if
 * any) and to the capture's pending secrets, written before its next packet. */
static ssize_t keylog_tee_write(void *cookie, const char *buf, size_t n)
{
    tt_outputs *out = cookie;
    if (out->keylog_file &&
        (fwrite(buf, 1, n, out->keylog_file) != n || fflush(out->keylog_file) != 0))
        return -1;
    tt_pcapng_secrets(&out->pcap, buf, n);
    return (ssize_t)n;
}

static ssize_t pcap_secrets_write(void *cookie, const char *buf, size_t n)
{
    tt_outputs *out = cookie;
    tt_pcapng_secrets(&out->pcap, buf, n);
    return (ssize_t)n;
}

static int open_pcap(tt_outputs *out, const tt_outputs_opts *o)
{
    if (tt_out_open(&out->pcap_file, o->cmd, o->pcap_path) != 0)
        return -1;
    if (tt_pcapng_open(&out->pcap, out->pcap_file.f) != 0) {
        fprintf(stderr, "tlstrace %s: cannot write %s\n", o->cmd, o->pcap_path);
        tt_pcapng_close(&out->pcap);
        tt_out_abort(&out->pcap_file);
        return -1;
    }
    out->has_pcap = 1;
    cookie_io_functions_t io = {.write = keylog_tee_write}, io2 = {.write = pcap_secrets_write};
    out->keylog = fopencookie(out, "w", io);
    out->pcap_keylog = fopencookie(out, "w", io2);
    if (!out->keylog || !out->pcap_keylog) {
        fprintf(stderr, "tlstrace %s: out of memory\n", o->cmd);
        return -1;
    }
    return 0;
}

/* Finishes the capture file: removed (abort), or committed. Returns 0, or -1 after saying why. */
static int close_pcap(tt_outputs *out, int abort)
{
    if (!out->has_pcap)
        return 0;
    int bad = tt_pcapng_close(&out->pcap) != 0;
    out->has_pcap = 0;
    if (abort) {
        tt_out_abort(&out->pcap_file);
        return 0;
    }
    if (bad) {
        fprintf(stderr, "tlstrace %s: cannot write %s\n", out->o.cmd, out->o.pcap_path);
        tt_out_abort(&out->pcap_file);
        return -1;
    }
    /* A capture holds the key log: readable by the user only, as a key log file is. */
    fchmod(fileno(out->pcap_file.f), 0600);
    return tt_out_commit(&out->pcap_file, out->o.cmd);
}

int tt_outputs_open(tt_outputs *out, const tt_outputs_opts *o)
{
    memset(out, 0, sizeof(*out));
    out->o = *o;
    if (o->keylog_path && !(out->keylog_file = tt_keylog_open(o->cmd, o->keylog_path)))
        return -1;
    out->keylog = out->keylog_file;
    if (o->pcap_path && open_pcap(out, o) != 0)
        goto fail;
    if (o->ui) {
        char err[400];
        if (!(out->pub = tt_ws_pub_new(o->ui, err, sizeof(err)))) {
            fprintf(stderr, "tlstrace %s: %s\n", o->cmd, err);
            goto fail;
        }
    }
    if (o->out_path && tt_out_open(&out->trace, o->cmd, o->out_path) != 0)
        goto fail;

    int tty = isatty(STDOUT_FILENO);
    out->text = o->format ? strcmp(o->format, "text") == 0 : tty;
    tt_emitter_init(&out->em);
    out->file_sink = (tt_jsonl_sink){.f = out->trace.f, .flush = 0};
    out->stdout_jsonl = (tt_jsonl_sink){.f = stdout, .flush = 1};
    out->stdout_text = (tt_text_sink){.f = stdout, .width = 100, .verbose = o->verbose};
    struct winsize ws;
    if (tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 60)
        out->stdout_text.width = ws.ws_col > 200 ? 200 : ws.ws_col;
    if (out->trace.f)
        tt_emitter_add_sink(&out->em, tt_sink_jsonl, &out->file_sink);
    /* stdout: the timeline on a terminal (even with --out) or when asked for; JSON Lines when
     * piped, unless the events already go to a file or the ui. */
    if (out->text && o->timeline && (!o->out_path || tty || o->format))
        tt_emitter_add_sink(&out->em, tt_sink_text, &out->stdout_text);
    else if (!out->text && !o->out_path && !o->ui)
        tt_emitter_add_sink(&out->em, tt_sink_jsonl, &out->stdout_jsonl);
    if (out->pub)
        tt_emitter_add_sink(&out->em, tt_sink_ws_pub, out->pub);
    return 0;
fail:
    if (out->pub)
        tt_ws_pub_close(out->pub, 0);
    if (out->keylog && out->keylog != out->keylog_file)
        fclose(out->keylog);
    if (out->pcap_keylog)
        fclose(out->pcap_keylog);
    out->pcap_keylog = NULL;
    close_pcap(out, 1);
    if (out->keylog_file)
        fclose(out->keylog_file);
    out->pub = NULL;
    out->keylog = out->keylog_file = NULL;
    return -1;
}

int tt_outputs_close(tt_outputs *out, int rc)
{
    const char *cmd = out->o.cmd;
    fflush(stdout);
    if (out->pub && tt_ws_pub_close(out->pub, 10000) != 0 && rc != TT_EXIT_USAGE) {
        fprintf(stderr, "tlstrace %s: not every event reached the ui server at %s\n", cmd,
                out->o.ui);
        rc = TT_EXIT_USAGE;
    }
    out->pub = NULL;
    if (out->em.sink_failed && rc != TT_EXIT_USAGE) {
        fprintf(stderr, "tlstrace %s: cannot write the trace%s%s\n", cmd,
                out->o.out_path ? " to " : "", out->o.out_path ? out->o.out_path : "");
        rc = TT_EXIT_USAGE;
    }
    if (out->trace.f) {
        if (rc == TT_EXIT_USAGE)
            tt_out_abort(&out->trace);
        else if (tt_out_commit(&out->trace, cmd) != 0)
            rc = TT_EXIT_USAGE;
    }
    tt_emitter_destroy(&out->em);
    /* The tee first (it writes into the key log file and the capture), then those. */
    if (out->keylog && out->keylog != out->keylog_file && fclose(out->keylog) != 0 &&
        rc != TT_EXIT_USAGE) {
        fprintf(stderr, "tlstrace %s: cannot write %s\n", cmd, out->o.keylog_path);
        rc = TT_EXIT_USAGE;
    }
    if (out->pcap_keylog)
        fclose(out->pcap_keylog);
    out->pcap_keylog = NULL;
    if (close_pcap(out, rc == TT_EXIT_USAGE) != 0)
        rc = TT_EXIT_USAGE;
    if (out->keylog_file && fclose(out->keylog_file) != 0 && rc != TT_EXIT_USAGE) {
        fprintf(stderr, "tlstrace %s: cannot write %s\n", cmd, out->o.keylog_path);
        rc = TT_EXIT_USAGE;
    }
    out->keylog = out->keylog_file = NULL;
    return rc;
}
