#include "tt_text.h"

#include <string.h>

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL;
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const cJSON *obj(const cJSON *o, const char *k)
{
    return o ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL;
}

static const char *name_of(const cJSON *o, const char *k)
{
    const char *n = str(obj(o, k), "name");
    return n ? n : "?";
}

/* The plaintext length of an application-data record, or -1 for any other record. */
static long app_data_length(const cJSON *ev)
{
    const cJSON *inner = obj(ev, "inner_content_type"), *ct = obj(ev, "content_type");
    const cJSON *id = obj(inner ? inner : ct, "id");
    if (!cJSON_IsNumber(id) || id->valueint != 23)
        return -1;
    const cJSON *n = obj(ev, inner ? "plaintext_length" : "length");
    return cJSON_IsNumber(n) ? (long)n->valuedouble : -1;
}

/* Characters on screen of (p, n): UTF-8 continuation bytes take no column ("§" is two bytes). */
static size_t display_width(const char *p, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)p[i] & 0xc0) != 0x80;
    return w;
}

/* Prints `text` in the client (left) or server (right) column; long text wraps inside its column
 * (between characters, never inside one), continuation lines indented. */
static void column(tt_text_sink *s, int right, const char *text)
{
    int w = s->width >= 60 ? s->width : 100;
    int colw = (w - 3) / 2;
    size_t len = strlen(text);
    size_t pos = 0;
    int first = 1;
    do {
        int indent = first ? 0 : 4;
        size_t room = (size_t)(colw - indent);
        /* the longest prefix that fits `room` characters */
        size_t n = 0, chars = 0;
        while (pos + n < len && chars < room) {
            n++;
            while (pos + n < len && ((unsigned char)text[pos + n] & 0xc0) == 0x80)
                n++;
            chars++;
        }
        if (pos + n < len) {
            /* break after a space when one is in the second half of the line */
            for (size_t k = n; k > n / 2; k--)
                if (text[pos + k - 1] == ' ') {
                    n = k;
                    break;
                }
        }
        size_t shown = display_width(text + pos, n);
        int pad = colw - indent - (int)shown;
        if (right)
            fprintf(s->f, "%*s | %*s%.*s\n", colw, "", indent, "", (int)n, text + pos);
        else
            fprintf(s->f, "%*s%.*s%*s |\n", indent, "", (int)n, text + pos, pad > 0 ? pad : 0, "");
        pos += n;
        while (pos < len && text[pos] == ' ')
            pos++;
        first = 0;
    } while (pos < len);
}

static void full(tt_text_sink *s, const char *text)
{
    fprintf(s->f, "%s\n", text);
}

/* "[RFC 8446 §4.1.2; RFC 5246 §7.4.1.2]" from a "sources" array, into out. */
static void sources_text(const cJSON *src, char *out, size_t len)
{
    size_t n = 0;
    const cJSON *it;
    out[0] = 0;
    cJSON_ArrayForEach(it, src)
    {
        if (!cJSON_IsString(it) || n + 3 >= len)
            continue;
        int w = snprintf(out + n, len - n, "%s%s", n ? "; " : "[", it->valuestring);
        n = w > 0 && (size_t)w < len - n ? n + (size_t)w : len - 1;
    }
    if (n && n + 1 < len)
        snprintf(out + n, len - n, "]");
}

/* The words of an event under its line: each deviation from the RFC always (one line, both ways
 * with --verbose), the explanation and its sources with --verbose. `what` names the text. */
static void words(tt_text_sink *s, int right, const cJSON *ev, const char *what)
{
    char line[1400], src[600];
    const cJSON *d;
    cJSON_ArrayForEach(d, obj(ev, "deviations"))
    {
        snprintf(line, sizeof(line), "  ! Mbed TLS differs from the RFC here (%s)",
                 str(d, "id") ? str(d, "id") : "?");
        column(s, right, line);
        if (!s->verbose)
            continue;
        sources_text(obj(d, "sources"), src, sizeof(src));
        snprintf(line, sizeof(line), "    RFC: %s", str(d, "rfc") ? str(d, "rfc") : "?");
        column(s, right, line);
        snprintf(line, sizeof(line), "    Mbed TLS 3.6: %s %s", str(d, "mbedtls") ? str(d, "mbedtls") : "?",
                 src);
        column(s, right, line);
    }
    if (!s->verbose)
        return;
    const char *text = str(ev, what);
    sources_text(obj(ev, "sources"), src, sizeof(src));
    if (text && *text) {
        snprintf(line, sizeof(line), "    %s %s", text, src);
        column(s, right, line);
    } else if (src[0]) {
        snprintf(line, sizeof(line), "    %s", src);
        column(s, right, line);
    }
}

int tt_sink_text(void *ctx, const cJSON *ev, const char *json, size_t len)
{
    (void)json;
    (void)len;
    tt_text_sink *s = ctx;
    const char *type = str(ev, "type"), *side = str(ev, "side"), *session = str(ev, "session");
    if (!type || !side || !session)
        return 0;
    int right = strcmp(side, "server") == 0;
    char line[1600];

    if (strcmp(session, s->session) != 0) {
        /* Sessions can interleave (a capture, serve): say whose lines follow. */
        if (s->session[0] && strcmp(type, "session_start") != 0) {
            snprintf(line, sizeof(line), "(session %s)", session);
            full(s, line);
        }
        snprintf(s->session, sizeof(s->session), "%s", session);
        s->sides_seen = 0;
    }
    if (strcmp(type, "session_start") == 0) {
        s->sides_seen |= right ? 2 : 1;
        const cJSON *sc = obj(ev, "scenario");
        if (!right || !(s->sides_seen & 1)) {
            int w = s->width >= 60 ? s->width : 100;
            fprintf(s->f, "%.*s\n", w, "================================================================"
                                       "====================================================");
            if (sc) {
                snprintf(line, sizeof(line), "session %s - scenario %s, TLS %s%s", session,
                         str(sc, "name") ? str(sc, "name") : "?", str(sc, "tls") ? str(sc, "tls") : "?",
                         cJSON_IsTrue(obj(sc, "mutual")) ? ", mutual" : "");
                full(s, line);
                if (str(sc, "teaches"))
                    full(s, str(sc, "teaches"));
                char src[600];
                sources_text(obj(sc, "sources"), src, sizeof(src));
                if (s->verbose && src[0])
                    full(s, src);
            } else {
                snprintf(line, sizeof(line), "session %s", session);
                full(s, line);
            }
            fprintf(s->f, "%-*s | %s\n", (w - 3) / 2, "CLIENT", "SERVER");
        }
        return 0;
    }
    if (strcmp(type, "state") == 0) {
        snprintf(line, sizeof(line), "  state -> %s", name_of(ev, "to"));
        column(s, right, line);
        words(s, right, ev, "explanation");
    } else if (strcmp(type, "message") == 0) {
        const char *dir = str(ev, "dir");
        int sent = dir && strcmp(dir, "sent") == 0;
        if (!sent && s->sides_seen == 3)
            return 0;
        const char *label = str(ev, "label"), *prot = str(ev, "protection");
        const char *err = str(ev, "error");
        const cJSON *mo = obj(ev, "mutual_only");
        snprintf(line, sizeof(line), "%s%s [%s]%s%s%s%s", sent ? (right ? "<== " : "") : "(received) ",
                 label ? label : "?", prot ? prot : "?", cJSON_IsTrue(mo) ? " (mutual only)" : "",
                 err ? " MALFORMED: " : "", err ? err : "", sent && !right ? " ==>" : "");
        column(s, right, line);
        words(s, right, ev, "explanation");
    } else if (strcmp(type, "alert") == 0) {
        const char *dir = str(ev, "dir");
        int sent = dir && strcmp(dir, "sent") == 0;
        if (!sent && s->sides_seen == 3)
            return 0;
        snprintf(line, sizeof(line), "%sALERT %s %s [%s]%s", sent ? (right ? "<== " : "") : "(received) ",
                 name_of(ev, "level"), name_of(ev, "description"),
                 str(ev, "protection") ? str(ev, "protection") : "?", sent && !right ? " ==>" : "");
        column(s, right, line);
        words(s, right, ev, "explanation");
    } else if (strcmp(type, "cert_verify") == 0) {
        const cJSON *depth = obj(ev, "depth");
        const cJSON *reasons = obj(ev, "reasons"), *r;
        snprintf(line, sizeof(line), "  verify depth %d %s: %s", cJSON_IsNumber(depth) ? depth->valueint : -1,
                 str(ev, "subject") ? str(ev, "subject") : "?",
                 cJSON_IsTrue(obj(ev, "ok")) ? "ok" : "REJECTED");
        column(s, right, line);
        cJSON_ArrayForEach(r, reasons)
        {
            char src[600] = "";
            if (s->verbose)
                sources_text(obj(r, "sources"), src, sizeof(src));
            snprintf(line, sizeof(line), "    - %s%s%s", str(r, "explain") ? str(r, "explain") : "?",
                     src[0] ? " " : "", src);
            column(s, right, line);
        }
    } else if (strcmp(type, "key_exchange") == 0) {
        const cJSON *c = obj(ev, "client_share_length"), *sv = obj(ev, "server_share_length");
        snprintf(line, sizeof(line), "  key exchange %s (shares: client %d, server %d bytes)",
                 name_of(ev, "group"), cJSON_IsNumber(c) ? c->valueint : -1,
                 cJSON_IsNumber(sv) ? sv->valueint : -1);
        column(s, right, line);
        words(s, right, ev, "explanation");
    } else if (strcmp(type, "record") == 0 && !s->verbose && app_data_length(ev) >= 0) {
        /* Application data is what the handshake was for: shown without --verbose, by size. */
        const char *dir = str(ev, "dir");
        int sent = dir && strcmp(dir, "sent") == 0;
        if (!sent && s->sides_seen == 3)
            return 0;
        const char *prot = str(ev, "protection");
        int opaque = prot && strcmp(prot, "encrypted") == 0; /* TLS 1.3 without its keys */
        snprintf(line, sizeof(line), "%s%s, %ld bytes [%s]%s",
                 sent ? (right ? "<== " : "") : "(received) ",
                 opaque ? "encrypted record" : "application data", app_data_length(ev),
                 prot ? prot : "?", sent && !right ? " ==>" : "");
        column(s, right, line);
    } else if (strcmp(type, "secret") == 0 || strcmp(type, "record") == 0) {
        if (!s->verbose)
            return 0;
        if (strcmp(type, "secret") == 0)
            snprintf(line, sizeof(line), "  secret derived: %s", str(ev, "label") ? str(ev, "label") : "?");
        else
            snprintf(line, sizeof(line), "  record %s %s %s", str(ev, "dir") ? str(ev, "dir") : "?",
                     name_of(ev, "content_type"), str(ev, "protection") ? str(ev, "protection") : "?");
        column(s, right, line);
        words(s, right, ev, "explanation");
    } else if (strcmp(type, "handshake_done") == 0) {
        snprintf(line, sizeof(line), "  DONE: %s", str(ev, "summary") ? str(ev, "summary") : "");
        column(s, right, line);
        words(s, right, ev, NULL);
    } else if (strcmp(type, "handshake_failed") == 0) {
        const cJSON *e = obj(ev, "error");
        snprintf(line, sizeof(line), "  FAILED (%s)%s%s: %s", str(ev, "cause") ? str(ev, "cause") : "?",
                 e && str(e, "hex") ? " " : "", e && str(e, "hex") ? str(e, "hex") : "",
                 str(ev, "explanation") ? str(ev, "explanation") : "");
        column(s, right, line);
        words(s, right, ev, NULL);
    } else if (strcmp(type, "session_end") == 0) {
        snprintf(line, sizeof(line), "  end: %s (%s)", str(ev, "outcome") ? str(ev, "outcome") : "?",
                 str(ev, "close") ? str(ev, "close") : "?");
        column(s, right, line);
    }
    return ferror(s->f) ? -1 : 0;
}
