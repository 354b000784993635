#include "tt_outputs.h"
#include "tt_endpoint.h"

#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

int tt_outputs_open(tt_outputs *out, const tt_outputs_opts *o)
{
    memset(out, 0, sizeof(*out));
    out->o = *o;
    if (o->keylog_path && !(out->keylog = tt_keylog_open(o->cmd, o->keylog_path)))
        return -1;
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
    if (out->keylog)
        fclose(out->keylog);
    out->pub = NULL;
    out->keylog = NULL;
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
    if (out->keylog && fclose(out->keylog) != 0 && rc != TT_EXIT_USAGE) {
        fprintf(stderr, "tlstrace %s: cannot write %s\n", cmd, out->o.keylog_path);
        rc = TT_EXIT_USAGE;
    }
    out->keylog = NULL;
    return rc;
}
