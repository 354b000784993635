/* tlstrace ui: POST /capture, a capture file (pcap or pcapng) from the page's file picker,
 * converted by the code of `tlstrace capture` (tt_capture_convert) and answered as a JSON Lines
 * trace the page opens like any other. Bounded: the upload (TT_WS_CAPTURE_MAX_UPLOAD, checked
 * from Content-Length before a byte is read) and the trace; same-origin pages only (the checks
 * of the event stream: Origin and Host); anything else gets a status and one line of text. */
#include "tt_ws.h"
#include "tt_capture.h"

#include <libwebsockets.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TRACE (256u << 20) /* what the page opens at most (web/js/ui/files.js) */

/* Per request (lws zeroes it when the HTTP connection starts). */
typedef struct per_session_data__capture {
    uint8_t *body; /* the upload */
    size_t len, want;
    tt_buf reply; /* the trace, or one line of error */
    size_t sent;
    int status;
    int replying;
} per_session_data__capture;

size_t tt_ws_capture_pss_size(void)
{
    return sizeof(per_session_data__capture);
}

static void reset(per_session_data__capture *pss)
{
    free(pss->body);
    tt_buf_free(&pss->reply);
    memset(pss, 0, sizeof(*pss));
}

/* Starts a reply: status and text; the body goes out from LWS_CALLBACK_HTTP_WRITEABLE. */
static int reply(struct lws *wsi, per_session_data__capture *pss, int status, const char *type)
{
    unsigned char hdr[LWS_PRE + 512], *start = hdr + LWS_PRE, *p = start, *end = hdr + sizeof(hdr);
    pss->status = status;
    pss->replying = 1;
    if (lws_add_http_common_headers(wsi, (unsigned)status, type, pss->reply.len, &p, end) ||
        lws_finalize_write_http_header(wsi, start, &p, end))
        return -1;
    lws_callback_on_writable(wsi);
    return 0;
}

static int fail(struct lws *wsi, per_session_data__capture *pss, int status, const char *line)
{
    pss->reply.len = 0;
    size_t n = strlen(line);
    if (tt_buf_reserve(&pss->reply, n + 1) != 0)
        return -1;
    memcpy(pss->reply.p, line, n);
    pss->reply.p[n] = '\n';
    pss->reply.len = n + 1;
    return reply(wsi, pss, status, "text/plain; charset=utf-8");
}

int tt_ws_capture_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                           size_t len)
{
    per_session_data__capture *pss = user;
    switch (reason) {
    case LWS_CALLBACK_HTTP: {
        reset(pss);
        if (lws_hdr_total_length(wsi, WSI_TOKEN_POST_URI) <= 0)
            return fail(wsi, pss, 405, "POST a pcap or pcapng file to /capture");
        if (!tt_ws_same_origin(wsi))
            return fail(wsi, pss, 403, "uploads are accepted from this server's own pages only");
        char cl[32] = "";
        if (lws_hdr_copy(wsi, cl, sizeof(cl), WSI_TOKEN_HTTP_CONTENT_LENGTH) <= 0)
            return fail(wsi, pss, 411, "the upload needs a Content-Length");
        char *endp;
        unsigned long long n = strtoull(cl, &endp, 10);
        if (*endp || n == 0)
            return fail(wsi, pss, 400, "the upload is empty");
        if (n > TT_WS_CAPTURE_MAX_UPLOAD) {
            char line[160];
            snprintf(line, sizeof(line),
                     "the capture is larger than %u MiB: convert it with 'tlstrace capture FILE "
                     "--out trace.jsonl' and open the trace",
                     (unsigned)(TT_WS_CAPTURE_MAX_UPLOAD >> 20));
            return fail(wsi, pss, 413, line);
        }
        pss->want = (size_t)n;
        pss->body = malloc(pss->want);
        if (!pss->body)
            return fail(wsi, pss, 503, "out of memory");
        return 0;
    }
    case LWS_CALLBACK_HTTP_BODY:
        if (pss->replying || !pss->body)
            return 0;
        if (len > pss->want - pss->len)
            return fail(wsi, pss, 400, "the upload is longer than its Content-Length");
        memcpy(pss->body + pss->len, in, len);
        pss->len += len;
        return 0;
    case LWS_CALLBACK_HTTP_BODY_COMPLETION: {
        if (pss->replying)
            return 0;
        if (pss->len != pss->want)
            return fail(wsi, pss, 400, "the upload is shorter than its Content-Length");
        char err[600], arg[80];
        const char *v = lws_get_urlarg_by_name(wsi, "name=", arg, sizeof(arg));
        char shown[64];
        snprintf(shown, sizeof(shown), "%s", v && *v ? v : "upload");
        for (char *c = shown; *c; c++) /* the name goes into messages: keep it plain */
            if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                  (*c >= '0' && *c <= '9') || *c == '.' || *c == '-' || *c == '_'))
                *c = '_';
        if (tt_capture_convert(pss->body, pss->len, shown, &pss->reply, MAX_TRACE, err,
                               sizeof(err)) != 0)
            return fail(wsi, pss, 422, err);
        free(pss->body);
        pss->body = NULL;
        return reply(wsi, pss, 200, "application/x-ndjson");
    }
    case LWS_CALLBACK_HTTP_WRITEABLE: {
        if (!pss->replying)
            return 0;
        size_t left = pss->reply.len - pss->sent, k = left > 32768 ? 32768 : left;
        unsigned char buf[LWS_PRE + 32768];
        memcpy(buf + LWS_PRE, pss->reply.p + pss->sent, k);
        int final = k == left;
        if (lws_write(wsi, buf + LWS_PRE, k, final ? LWS_WRITE_HTTP_FINAL : LWS_WRITE_HTTP) !=
            (int)k)
            return -1;
        pss->sent += k;
        if (!final) {
            lws_callback_on_writable(wsi);
            return 0;
        }
        reset(pss);
        return lws_http_transaction_completed(wsi) ? -1 : 0;
    }
    case LWS_CALLBACK_CLOSED_HTTP: reset(pss); return 0;
    default: return lws_callback_http_dummy(wsi, reason, user, in, len);
    }
}
