/* Reading traces (JSON Lines) with bounded memory, and validating them against schema v1.
 *
 * The reader keeps one buffer. Lines are found with memchr and handed out in place (the '\n'
 * becomes the NUL that ends the text); the unread tail moves to the front only when no whole line
 * is left. A line longer than the limit is skipped to its newline without being kept, so neither
 * a 100 MB line nor a binary file without newlines makes the buffer grow past max_line + 2.
 *
 * JSON is parsed by cJSON after a strict pass over the text (json_check), because cJSON accepts
 * more than JSON does and the verdicts must match what ajv says of the same file (the tests
 * compare them): it skips any byte <= 0x20 as whitespace, allows raw control characters in
 * strings, numbers like 01 or 1., a leading byte order mark, and cuts strings at \u0000. The pass
 * rejects those, and also what cJSON rejects with a less helpful message (numbers longer than 63
 * characters, lone UTF-16 surrogates, deep nesting), and NUL bytes and invalid UTF-8 ("not text").
 * Where tlstrace is stricter than JSON.parse + ajv (a \u0000, a lone surrogate, a number longer
 * than 63 characters, nesting deeper than 256, invalid UTF-8 which Node replaces with U+FFFD), it
 * rejects what they accept, never the other way round.
 *
 * The validator follows schema/event.schema.json as tables: one row per field (name, kind,
 * required, range, enum values, nested fields) and one row per event type; the first failure is
 * kept and later checks do nothing (BearSSL's sticky error). Objects are read as JSON.parse reads
 * them: keys are case-sensitive and, when a key repeats, the last one counts. */
#include "tt_trace.h"
#include "tt_source.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------- event types ---------- */

static const char *const type_names[TT_EV_COUNT] = {
    [TT_EV_SESSION_START] = "session_start",
    [TT_EV_STATE] = "state",
    [TT_EV_RECORD] = "record",
    [TT_EV_MESSAGE] = "message",
    [TT_EV_CERT_VERIFY] = "cert_verify",
    [TT_EV_KEY_EXCHANGE] = "key_exchange",
    [TT_EV_SECRET] = "secret",
    [TT_EV_NEGOTIATED] = "negotiated",
    [TT_EV_ALERT] = "alert",
    [TT_EV_HANDSHAKE_DONE] = "handshake_done",
    [TT_EV_HANDSHAKE_FAILED] = "handshake_failed",
    [TT_EV_SESSION_END] = "session_end",
};

const char *tt_event_type_name(tt_event_type t)
{
    return (t > TT_EV_UNKNOWN && t < TT_EV_COUNT) ? type_names[t] : NULL;
}

tt_event_type tt_event_type_from(const char *s, size_t n)
{
    for (int t = TT_EV_UNKNOWN + 1; t < TT_EV_COUNT; t++)
        if (strlen(type_names[t]) == n && memcmp(type_names[t], s, n) == 0)
            return (tt_event_type)t;
    return TT_EV_UNKNOWN;
}

/* ---------- text ---------- */

/* Length of the well-formed UTF-8 sequence at p (n bytes available; RFC 3629 §4: no overlong
 * forms, no UTF-16 surrogates, nothing above U+10FFFF), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F))
            return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
            return 0;
        return 4;
    }
    return 0;
}

/* Offset of the first byte in p[0, limit) that makes it no text (a NUL, or not UTF-8; sequences
 * may run on up to `avail` bytes), or limit. 32 or 8 ASCII bytes at a time when it can. */
static size_t text_scan(const unsigned char *p, size_t limit, size_t avail)
{
    const uint64_t hi = 0x8080808080808080ull, ones = 0x0101010101010101ull;
    size_t i = 0;
    while (i < limit) {
        while (i + 32 <= limit) {
            uint64_t w[4], z = 0, any = 0;
            memcpy(w, p + i, 32);
            for (int k = 0; k < 4; k++) {
                any |= w[k];
                z |= (w[k] - ones) & ~w[k];
            }
            if ((any | z) & hi)
                break;
            i += 32;
        }
        if (i + 8 <= limit) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (!(w & hi) && !((w - ones) & ~w & hi)) { /* all ASCII, no zero byte */
                i += 8;
                continue;
            }
        }
        if (p[i] == 0)
            return i;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_len(p + i, avail - i);
        if (!k)
            return i;
        i += k;
    }
    return limit;
}

/* Characters (code points) in the first n bytes of UTF-8 text: bytes that do not continue one. */
static size_t utf8_chars(const unsigned char *p, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += (p[i] & 0xC0) != 0x80;
    return k;
}

static int hex4(const unsigned char *p, size_t n)
{
    if (n < 4)
        return -1;
    int v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char c = p[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v << 4 | d;
    }
    return v;
}

enum { JC_OK, JC_BINARY, JC_SYNTAX };

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* What is wrong at a byte, for the messages that need the byte itself. */
static const char CTRL_IN_STRING[] = "a control character in a string";
static const char CTRL[] = "a control character";

/* The strict pass over one line before cJSON sees it (RFC 8259 §§2, 6, 7, 8.1). Returns JC_OK, or
 * JC_BINARY / JC_SYNTAX with the offset in *at and, for JC_SYNTAX, what in *detail. Structure
 * (brackets, commas, colons, literals) is left to cJSON. *open_at is where the text starts to be
 * unfinished (a string never closed, or the end with brackets still open), else SIZE_MAX: a
 * parse error there or later means the line was cut short. */
static int json_check(const unsigned char *p, size_t n, int max_depth, size_t *at,
                      const char **detail, size_t *open_at)
{
    size_t i = 0;
    int depth = 0;
    *detail = NULL;
    *open_at = SIZE_MAX;
    while (i < n) {
        unsigned char c = p[i];
        if (c == '"') { /* a string: RFC 8259 §7 */
            size_t s = i++;
            for (;;) {
                while (i < n && p[i] >= 0x20 && p[i] < 0x80 && p[i] != '"' && p[i] != '\\')
                    i++;
                if (i >= n) {
                    *open_at = s;
                    return JC_OK;
                }
                c = p[i];
                if (c == '"') {
                    i++;
                    break;
                }
                if (c == '\\') {
                    unsigned char e = i + 1 < n ? p[i + 1] : 0;
                    if (e == 'u') {
                        int cp = hex4(p + i + 2, n - i - 2);
                        *at = i;
                        if (cp < 0)
                            return *detail = "a \\u escape needs four hex digits", JC_SYNTAX;
                        if (cp == 0) /* C strings end there: cJSON would cut the string */
                            return *detail = "\\u0000 (a NUL character) in a string", JC_SYNTAX;
                        if (cp >= 0xDC00 && cp <= 0xDFFF)
                            return *detail = "a lone UTF-16 surrogate in a string", JC_SYNTAX;
                        if (cp >= 0xD800 && cp <= 0xDBFF) {
                            int lo = i + 7 < n && p[i + 6] == '\\' && p[i + 7] == 'u'
                                         ? hex4(p + i + 8, n - i - 8)
                                         : -1;
                            if (lo < 0xDC00 || lo > 0xDFFF)
                                return *detail = "a lone UTF-16 surrogate in a string", JC_SYNTAX;
                            i += 12;
                        } else {
                            i += 6;
                        }
                    } else if (e && strchr("\"\\/bfnrt", e)) {
                        i += 2;
                    } else {
                        *at = i;
                        return *detail = "an unknown escape in a string", JC_SYNTAX;
                    }
                    continue;
                }
                *at = i;
                if (c == 0)
                    return JC_BINARY;
                if (c < 0x20)
                    return *detail = CTRL_IN_STRING, JC_SYNTAX;
                size_t k = utf8_len(p + i, n - i);
                if (!k)
                    return JC_BINARY;
                i += k;
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == ',' || c == ':') {
            i++;
        } else if (c == '{' || c == '[') {
            if (++depth > max_depth) {
                *at = i;
                return *detail = "nested too deep", JC_SYNTAX;
            }
            i++;
        } else if (c == '}' || c == ']') {
            if (depth > 0)
                depth--;
            i++;
        } else if (c == '-' || is_digit(c)) { /* a number: RFC 8259 §6 */
            size_t s = i;
            int ok = 1;
            if (p[i] == '-')
                i++;
            if (i < n && p[i] == '0')
                i++;
            else if (i < n && p[i] >= '1' && p[i] <= '9')
                while (i < n && is_digit(p[i]))
                    i++;
            else
                ok = 0;
            if (ok && i < n && p[i] == '.') {
                i++;
                ok = i < n && is_digit(p[i]);
                while (i < n && is_digit(p[i]))
                    i++;
            }
            if (ok && i < n && (p[i] == 'e' || p[i] == 'E')) {
                i++;
                if (i < n && (p[i] == '+' || p[i] == '-'))
                    i++;
                ok = i < n && is_digit(p[i]);
                while (i < n && is_digit(p[i]))
                    i++;
            }
            if (ok && i < n && (is_digit(p[i]) || strchr(".eE+-", p[i])))
                ok = 0; /* 01, 1.2.3, 1e5e ... */
            *at = s;
            if (!ok)
                return *detail = "a malformed number", JC_SYNTAX;
            if (i - s > 63) /* cJSON reads at most 63 characters of a number */
                return *detail = "a number longer than 63 characters", JC_SYNTAX;
        } else if (c >= 'a' && c <= 'z') { /* true, false, null: cJSON checks the letters */
            while (i < n && p[i] >= 'a' && p[i] <= 'z')
                i++;
        } else if (c < 0x20) {
            *at = i;
            if (c == 0)
                return JC_BINARY;
            return *detail = CTRL, JC_SYNTAX;
        } else if (c >= 0x80) {
            *at = i;
            if (!utf8_len(p + i, n - i))
                return JC_BINARY;
            if (n - i >= 3 && p[i] == 0xEF && p[i + 1] == 0xBB && p[i + 2] == 0xBF)
                return *detail = "a byte order mark (U+FEFF), which JSON text never starts with",
                       JC_SYNTAX;
            return *detail = "a character outside any string", JC_SYNTAX;
        } else {
            i++; /* other ASCII: cJSON rejects it where it does not belong */
        }
    }
    if (depth > 0)
        *open_at = n ? n - 1 : 0;
    return JC_OK;
}

/* ---------- the reader ---------- */

#define READ_CHUNK ((size_t)64 << 10)
#define SESSION_MAX_CHARS 128
#define SESSION_MAX_BYTES (4 * SESSION_MAX_CHARS)

struct tt_trace_reader {
    FILE *f;
    int fd; /* read(2) on it when the stream has one, else fread */
    int own;
    char *name;
    char *buf; /* unread bytes are buf[start, end); buf[end] is always writable */
    size_t cap, start, end, scanned; /* scanned: bytes after start known to hold no '\n' */
    size_t max_line, cap_max;
    uint64_t line_no;
    uint64_t slow_envelopes; /* ENVELOPE mode: lines that needed a full parse */
    int eof, failed;
    tt_trace_mode mode;
    cJSON *ev; /* the current line's event, until the next call */
    char *ioerr;
    char errbuf[192];
    char session[SESSION_MAX_BYTES + 1];
};

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

tt_trace_reader *tt_trace_open_stream(FILE *f, const char *name, int own, size_t max_line)
{
    tt_trace_reader *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    r->max_line = max_line ? max_line : TT_TRACE_MAX_LINE;
    if (r->max_line > SIZE_MAX / 4)
        r->max_line = SIZE_MAX / 4;
    r->cap_max = r->max_line + 2; /* the longest line, one byte past it, and the NUL */
    r->cap = r->cap_max < READ_CHUNK ? r->cap_max : READ_CHUNK;
    r->buf = malloc(r->cap);
    r->name = dup_str(name ? name : "-");
    if (!r->buf || !r->name) {
        free(r->buf);
        free(r->name);
        free(r);
        return NULL;
    }
    r->f = f;
    r->own = own;
    r->fd = fileno(f);
    r->mode = TT_TRACE_PARSE;
    return r;
}

tt_trace_reader *tt_trace_open(const char *path, size_t max_line, char *err, size_t errlen)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    struct stat st;
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: %s", path, strerror(EISDIR));
        if (!is_stdin)
            fclose(f);
        return NULL;
    }
    tt_trace_reader *r = tt_trace_open_stream(f, is_stdin ? "<stdin>" : path, !is_stdin, max_line);
    if (!r) {
        snprintf(err, errlen, "%s: %s", path, strerror(ENOMEM));
        if (!is_stdin)
            fclose(f);
    }
    return r;
}

void tt_trace_close(tt_trace_reader *r)
{
    if (!r)
        return;
    if (r->own && r->f)
        fclose(r->f);
    cJSON_Delete(r->ev);
    free(r->buf);
    free(r->name);
    free(r->ioerr);
    free(r);
}

void tt_trace_set_mode(tt_trace_reader *r, tt_trace_mode mode)
{
    r->mode = mode;
}

const char *tt_trace_name(const tt_trace_reader *r)
{
    return r->name;
}

const char *tt_trace_io_error(const tt_trace_reader *r)
{
    return r->ioerr;
}

size_t tt_trace_buffer_size(const tt_trace_reader *r)
{
    return r->cap;
}

uint64_t tt_trace_slow_envelopes(const tt_trace_reader *r)
{
    return r->slow_envelopes;
}

cJSON *tt_trace_take_event(tt_trace_reader *r, tt_trace_line *out)
{
    cJSON *ev = r->ev;
    r->ev = NULL;
    out->ev = NULL;
    return ev;
}

/* Reads up to n bytes into p: returns the count, 0 at the end, -1 on error (recorded). */
static long read_some(tt_trace_reader *r, char *p, size_t n)
{
    if (r->fd >= 0) {
        for (;;) {
            ssize_t k = read(r->fd, p, n);
            if (k >= 0)
                return (long)k;
            if (errno != EINTR)
                break;
        }
    } else {
        size_t k = fread(p, 1, n, r->f);
        if (k > 0 || !ferror(r->f))
            return (long)k;
    }
    int e = errno ? errno : EIO;
    size_t len = strlen(r->name) + 128;
    free(r->ioerr);
    r->ioerr = malloc(len);
    if (r->ioerr)
        snprintf(r->ioerr, len, "%s: %s", r->name, strerror(e));
    r->failed = 1;
    return -1;
}

/* ---------- envelopes ---------- */

/* Reads an unsigned decimal of at most 15 digits (below 2^53: exact as a JSON number) at p[*i]. */
static int fast_uint(const char *p, size_t n, size_t *i, int zero_ok, uint64_t *v)
{
    size_t s = *i, k = s;
    uint64_t x = 0;
    while (k < n && is_digit((unsigned char)p[k]) && k - s < 16)
        x = x * 10 + (uint64_t)(p[k++] - '0');
    size_t digits = k - s;
    if (digits == 0 || digits > 15 || (p[s] == '0' && (digits > 1 || !zero_ok)))
        return -1;
    *i = k;
    *v = x;
    return 0;
}

static int fast_lit(const char *p, size_t n, size_t *i, const char *lit, size_t len)
{
    if (n - *i < len || memcmp(p + *i, lit, len) != 0)
        return -1;
    *i += len;
    return 0;
}
#define LIT(s) s, sizeof(s) - 1

/* The writer's envelope, byte for byte: {"v":1,"seq":N,"t_us":T,"session":"S","side":"D",
 * "type":"Y" then ',' or '}'. Returns 0 and fills env, or -1 when the line is laid out otherwise
 * (escapes in the session, other key order, spaces, an unknown type ...): the caller then parses
 * it. The line is known to be text. */
static int envelope_fast(tt_trace_reader *r, const char *p, size_t n, tt_trace_envelope *env)
{
    size_t i = 0;
    if (fast_lit(p, n, &i, LIT("{\"v\":1,\"seq\":")) || fast_uint(p, n, &i, 0, &env->seq) ||
        fast_lit(p, n, &i, LIT(",\"t_us\":")) || fast_uint(p, n, &i, 1, &env->t_us) ||
        fast_lit(p, n, &i, LIT(",\"session\":\"")))
        return -1;
    size_t s = i;
    while (i < n && p[i] != '"' && p[i] != '\\' && (unsigned char)p[i] >= 0x20)
        i++;
    size_t slen = i - s;
    if (i >= n || p[i] != '"' || slen == 0 || slen > SESSION_MAX_BYTES ||
        utf8_chars((const unsigned char *)p + s, slen) > SESSION_MAX_CHARS)
        return -1;
    i++;
    if (fast_lit(p, n, &i, LIT(",\"side\":\"")))
        return -1;
    if (fast_lit(p, n, &i, LIT("client\"")) == 0)
        env->server = 0;
    else if (fast_lit(p, n, &i, LIT("server\"")) == 0)
        env->server = 1;
    else
        return -1;
    if (fast_lit(p, n, &i, LIT(",\"type\":\"")))
        return -1;
    size_t t = i;
    while (i < n && ((p[i] >= 'a' && p[i] <= 'z') || p[i] == '_'))
        i++;
    if (i + 1 >= n || p[i] != '"' || (p[i + 1] != ',' && p[i + 1] != '}'))
        return -1;
    env->type = tt_event_type_from(p + t, i - t);
    if (env->type == TT_EV_UNKNOWN)
        return -1;
    memcpy(r->session, p + s, slen);
    r->session[slen] = '\0';
    env->session = r->session;
    env->ok = 1;
    return 0;
}

/* ---------- checking values (the validator's engine) ---------- */

/* One check in progress: its first failure sticks. */
typedef struct ck {
    char *why;
    size_t whylen;
    int failed;
    const char *prefix; /* "message: ", or "" for the envelope */
} ck;

__attribute__((format(printf, 2, 3))) static void ck_fail(ck *c, const char *fmt, ...)
{
    if (c->failed)
        return;
    c->failed = 1;
    if (!c->why || !c->whylen)
        return;
    int n = snprintf(c->why, c->whylen, "%s", c->prefix);
    if (n < 0 || (size_t)n >= c->whylen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->why + n, c->whylen - (size_t)n, fmt, ap);
    va_end(ap);
}

/* Appends s to out (size n, used *k) with control characters, C1 controls, quotes, backslashes
 * and bytes that are not UTF-8 escaped, at most max_chars characters then "...": text from a
 * trace goes to a terminal. */
static void put_escaped(char *out, size_t n, size_t *k, const char *s, size_t max_chars)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), chars = 0;
    for (size_t i = 0; i < len && *k + 12 < n;) {
        if (chars++ == max_chars) {
            *k += (size_t)snprintf(out + *k, n - *k, "...");
            return;
        }
        unsigned char c = p[i];
        size_t sl = utf8_len(p + i, len - i);
        if (c == '"' || c == '\\') {
            out[(*k)++] = '\\';
            out[(*k)++] = (char)c;
            i++;
        } else if (c >= 0x20 && c < 0x7F) {
            out[(*k)++] = (char)c;
            i++;
        } else if (sl >= 2 && !(c == 0xC2 && p[i + 1] < 0xA0)) { /* not U+0080..U+009F */
            memcpy(out + *k, p + i, sl);
            *k += sl;
            i += sl;
        } else {
            *k += (size_t)snprintf(out + *k, n - *k, "\\x%02x", c);
            i++;
        }
    }
    out[*k < n ? *k : n - 1] = '\0';
}

/* A number as JavaScript would print it for integers (no exponent below 1e21), else %.17g. */
static void fmt_num(double d, char *out, size_t n)
{
    if (isfinite(d) && floor(d) == d && fabs(d) < 1e21)
        snprintf(out, n, "%.0f", d);
    else
        snprintf(out, n, "%.17g", d);
}

/* A short, safe rendering of a JSON value for messages: "magic", 42, true, null, an object. */
static const char *describe(const cJSON *x, char *out, size_t n)
{
    size_t k = 0;
    if (cJSON_IsString(x) && x->valuestring) {
        out[k++] = '"';
        put_escaped(out, n - 1, &k, x->valuestring, 40);
        out[k++] = '"';
        out[k] = '\0';
    } else if (cJSON_IsNumber(x)) {
        fmt_num(x->valuedouble, out, n);
    } else if (cJSON_IsBool(x)) {
        snprintf(out, n, "%s", cJSON_IsTrue(x) ? "true" : "false");
    } else if (cJSON_IsNull(x)) {
        snprintf(out, n, "null");
    } else if (cJSON_IsArray(x)) {
        snprintf(out, n, "an array");
    } else if (cJSON_IsObject(x)) {
        snprintf(out, n, "an object");
    } else {
        snprintf(out, n, "invalid");
    }
    return out;
}

static int is_int(const cJSON *x)
{
    return cJSON_IsNumber(x) && isfinite(x->valuedouble) && floor(x->valuedouble) == x->valuedouble;
}

static int is_str(const cJSON *x)
{
    return cJSON_IsString(x) && x->valuestring;
}

/* What a field must be. */
enum kind {
    K_ANY,    /* present, anything (the envelope keys a secret event may carry) */
    K_STRING, /* lo..hi characters when lim says so */
    K_INT,    /* lo..hi when lim says so */
    K_BOOL,
    K_ENUM,   /* one of values */
    K_OBJECT, /* with the fields in sub (none: any object) */
    K_ARRAY,  /* at least lo items (lim LO), each as *sub */
    K_HEX,    /* lowercase hex, whole bytes: ^([0-9a-f]{2})*$ */
    K_ERRHEX, /* an Mbed TLS error code: ^-?0x[0-9A-F]{4}$ */
    K_SUITES, /* "library defaults", or an array of coded values */
    K_SPANS,  /* [[json_pointer, offset, length], ...] */
    K_SOURCE, /* a source reference (tt_source_valid: the schema's $defs/sources pattern) */
    K_ID,     /* snake_case id: ^[a-z0-9_]+$ */
};
#define LO 1
#define HI 2

typedef struct fspec {
    const char *name;
    unsigned char kind;
    unsigned char req;  /* required */
    unsigned char null; /* null is accepted too */
    unsigned char lim;  /* LO, HI: lo and hi apply */
    double lo, hi;
    const char *const *values; /* K_ENUM, NULL-terminated */
    const struct fspec *sub;   /* K_OBJECT: fields, ending with a {NULL} row; K_ARRAY: the item */
} fspec;

#define MAX_FIELDS 24 /* the most fields one fspec table holds (checked below each table) */

/* Where a value is, kept on the stack as the checks descend and spelled out ("config.versions[0]")
 * only when one fails. */
typedef struct jpath {
    const struct jpath *up;
    const char *key; /* a field's name, or NULL for an array item */
    size_t index;
} jpath;

static size_t path_str(const jpath *p, char *out, size_t n)
{
    if (!p) {
        out[0] = '\0';
        return 0;
    }
    size_t k = path_str(p->up, out, n);
    if (k >= n)
        return k;
    int w = p->key ? snprintf(out + k, n - k, "%s%s", k ? "." : "", p->key)
                   : snprintf(out + k, n - k, "[%zu]", p->index);
    return w < 0 ? k : k + (size_t)w;
}

#define PATH(p, buf) (path_str((p), (buf), sizeof(buf)), (buf))

static void check_value(ck *c, const cJSON *x, const fspec *f, const jpath *path);

/* Checks obj's fields against the table fs (obj is an object). With `closed`, a key that is in
 * neither fs nor `also` is an error. */
static void check_fields(ck *c, const cJSON *obj, const fspec *fs, const jpath *path, int closed,
                         const char *const *also)
{
    const cJSON *vals[MAX_FIELDS] = {0};
    for (const cJSON *it = obj->child; it && !c->failed; it = it->next) {
        const char *key = it->string ? it->string : "";
        size_t i = 0;
        while (fs[i].name && (fs[i].name[0] != key[0] || strcmp(fs[i].name, key) != 0))
            i++;
        if (fs[i].name && i < MAX_FIELDS) {
            vals[i] = it; /* a repeated key: the last one counts, as in JSON.parse */
            continue;
        }
        int allowed = !closed;
        for (const char *const *a = also; !allowed && a && *a; a++)
            allowed = strcmp(*a, key) == 0;
        if (!allowed) {
            char k[200];
            size_t kk = 0;
            put_escaped(k, sizeof(k), &kk, key, 40);
            ck_fail(c,
                    "property \"%s\" is not allowed: a secret event names a secret, never "
                    "its value",
                    k);
        }
    }
    for (size_t i = 0; fs[i].name && !c->failed; i++) {
        jpath p = {path, fs[i].name, 0};
        if (vals[i]) {
            check_value(c, vals[i], &fs[i], &p);
        } else if (fs[i].req) {
            char b[256];
            ck_fail(c, "missing required field \"%s\"", PATH(&p, b));
        }
    }
}

static void list_values(const char *const *v, char *out, size_t n)
{
    size_t count = 0, k = 0;
    while (v[count])
        count++;
    out[0] = '\0';
    for (size_t i = 0; i < count && k < n; i++) {
        if (i == 6 && count > 7) {
            snprintf(out + k, n - k, " ... (%zu values in all)", count);
            return;
        }
        k += (size_t)snprintf(out + k, n - k, "%s%s",
                              i == 0           ? ""
                              : i + 1 == count ? " or "
                                               : ", ",
                              v[i]);
    }
}

/* "PATH is VALUE: expected WHAT" */
static void fail_is(ck *c, const cJSON *x, const jpath *path, const char *expected, int null)
{
    char d[200], b[256];
    ck_fail(c, "%s is %s: expected %s%s", PATH(path, b), describe(x, d, sizeof(d)), expected,
            null ? " or null" : "");
}

static void check_int_range(ck *c, const cJSON *x, const fspec *f, const jpath *path)
{
    double v = x->valuedouble;
    if ((!(f->lim & LO) || v >= f->lo) && (!(f->lim & HI) || v <= f->hi))
        return;
    char what[96], lo[32], hi[32];
    fmt_num(f->lo, lo, sizeof(lo));
    fmt_num(f->hi, hi, sizeof(hi));
    if ((f->lim & LO) && (f->lim & HI))
        snprintf(what, sizeof(what), "an integer from %s to %s", lo, hi);
    else if (f->lim & LO)
        snprintf(what, sizeof(what), "an integer >= %s", lo);
    else
        snprintf(what, sizeof(what), "an integer <= %s", hi);
    fail_is(c, x, path, what, 0);
}

static void check_string_length(ck *c, const cJSON *x, const fspec *f, const jpath *path)
{
    size_t len = utf8_chars((const unsigned char *)x->valuestring, strlen(x->valuestring));
    if ((!(f->lim & LO) || len >= f->lo) && (!(f->lim & HI) || len <= f->hi))
        return;
    char what[96];
    if (f->lim & HI)
        snprintf(what, sizeof(what), "a string of %.0f to %.0f characters", f->lo, f->hi);
    else
        snprintf(what, sizeof(what), "a non-empty string");
    fail_is(c, x, path, what, 0);
}

static int hex_ok(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return 0;
    return n % 2 == 0;
}

static int errhex_ok(const char *s)
{
    if (*s == '-')
        s++;
    if (s[0] != '0' || s[1] != 'x')
        return 0;
    for (int i = 2; i < 6; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'F')))
            return 0;
    return s[6] == '\0';
}

/* message.spans: [[json_pointer, offset, length], ...] (prefixItems, exactly three items) */
static void check_spans(ck *c, const cJSON *x, const jpath *path)
{
    static const fspec offset = {.kind = K_INT, .lim = LO, .lo = 0};
    size_t i = 0;
    for (const cJSON *it = x->child; it && !c->failed; it = it->next, i++) {
        jpath p = {path, NULL, i};
        const cJSON *ptr = it->child, *off = ptr ? ptr->next : NULL, *len = off ? off->next : NULL;
        if (!cJSON_IsArray(it) || !len || len->next) {
            fail_is(c, it, &p, "[json_pointer, offset, length]", 0);
            return;
        }
        jpath p0 = {&p, NULL, 0}, p1 = {&p, NULL, 1}, p2 = {&p, NULL, 2};
        if (!is_str(ptr) || (ptr->valuestring[0] && ptr->valuestring[0] != '/')) {
            fail_is(c, ptr, &p0, "a JSON Pointer (\"\" or starting with \"/\")", 0);
            return;
        }
        check_value(c, off, &offset, &p1);
        check_value(c, len, &offset, &p2);
    }
}

static const fspec named_item[1]; /* below */

static void check_value(ck *c, const cJSON *x, const fspec *f, const jpath *path)
{
    if (c->failed || (f->null && cJSON_IsNull(x)))
        return;
    switch (f->kind) {
    case K_ANY: break;
    case K_STRING:
        if (!is_str(x))
            fail_is(c, x, path, "a string", f->null);
        else if (f->lim)
            check_string_length(c, x, f, path);
        break;
    case K_INT:
        if (!is_int(x))
            fail_is(c, x, path, "an integer", f->null);
        else
            check_int_range(c, x, f, path);
        break;
    case K_BOOL:
        if (!cJSON_IsBool(x))
            fail_is(c, x, path, "true or false", f->null);
        break;
    case K_ENUM: {
        for (const char *const *v = f->values; is_str(x) && *v; v++)
            if (strcmp(*v, x->valuestring) == 0)
                return;
        char l[400];
        list_values(f->values, l, sizeof(l));
        fail_is(c, x, path, l, f->null);
        break;
    }
    case K_HEX:
        if (!is_str(x) || !hex_ok(x->valuestring))
            fail_is(c, x, path, "lowercase hex (pairs of 0-9a-f)", f->null);
        break;
    case K_ERRHEX:
        if (!is_str(x) || !errhex_ok(x->valuestring))
            fail_is(c, x, path, "an error code like \"-0x2700\"", f->null);
        break;
    case K_OBJECT:
        if (!cJSON_IsObject(x))
            fail_is(c, x, path, "an object", f->null);
        else if (f->sub)
            check_fields(c, x, f->sub, path, 0, NULL);
        break;
    case K_ARRAY: {
        if (!cJSON_IsArray(x)) {
            fail_is(c, x, path, "an array", f->null);
            break;
        }
        size_t i = 0;
        for (const cJSON *it = x->child; it && !c->failed; it = it->next, i++) {
            jpath p = {path, NULL, i};
            check_value(c, it, f->sub, &p);
        }
        if ((f->lim & LO) && i < f->lo) {
            char b[256];
            ck_fail(c, "%s is empty: expected at least %.0f item%s", PATH(path, b), f->lo,
                    f->lo == 1 ? "" : "s");
        }
        break;
    }
    case K_SUITES:
        if (is_str(x) && strcmp(x->valuestring, "library defaults") == 0)
            break;
        if (!cJSON_IsArray(x)) {
            fail_is(c, x, path, "\"library defaults\" or an array of {id, name}", 0);
        } else {
            const fspec item = {.kind = K_ARRAY, .sub = named_item};
            check_value(c, x, &item, path);
        }
        break;
    case K_SPANS:
        if (!cJSON_IsArray(x))
            fail_is(c, x, path, "an array", 0);
        else
            check_spans(c, x, path);
        break;
    case K_SOURCE:
        if (!is_str(x) || !tt_source_valid(x->valuestring))
            fail_is(c, x, path,
                    "a source like \"RFC 8446 §4.4.3\" or \"Mbed TLS 3.6 behaviour: ...\"", 0);
        break;
    case K_ID:
        if (!is_str(x) || !x->valuestring[0] ||
            strspn(x->valuestring, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(x->valuestring))
            fail_is(c, x, path, "a snake_case id", 0);
        break;
    }
}

/* ---------- schema v1 as tables (schema/event.schema.json) ---------- */

static const char *const sides[] = {"client", "server", NULL};
static const char *const dirs[] = {"sent", "received", NULL};
static const char *const protections[] = {"plaintext", "handshake", "application", "encrypted",
                                          NULL};
/* message and alert: never "encrypted" (the tracer decodes only what it could decrypt) */
static const char *const msg_protections[] = {"plaintext", "handshake", "application", NULL};
static const char *const tls_versions[] = {"1.2", "1.3", NULL};
static const char *const verify_modes[] = {"none", "optional", "required", NULL};
static const char *const hs_types[] = {"hello_request",
                                       "client_hello",
                                       "server_hello",
                                       "hello_verify_request",
                                       "new_session_ticket",
                                       "end_of_early_data",
                                       "encrypted_extensions",
                                       "certificate",
                                       "server_key_exchange",
                                       "certificate_request",
                                       "server_hello_done",
                                       "certificate_verify",
                                       "client_key_exchange",
                                       "finished",
                                       "certificate_url",
                                       "certificate_status",
                                       "supplemental_data",
                                       "key_update",
                                       "compressed_certificate",
                                       "ekt_key",
                                       "message_hash",
                                       "unknown",
                                       NULL};
static const char *const cert_roles[] = {"leaf", "issuer", NULL};
static const char *const checkers[] = {"endpoint", "tlstrace", NULL};
static const char *const secret_labels[] = {"CLIENT_RANDOM",
                                            "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
                                            "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                                            "CLIENT_TRAFFIC_SECRET_0",
                                            "SERVER_TRAFFIC_SECRET_0",
                                            "CLIENT_EARLY_TRAFFIC_SECRET",
                                            "EARLY_EXPORTER_SECRET",
                                            "UNKNOWN",
                                            NULL};
static const char *const secret_hashes[] = {"SHA256", "SHA384", NULL};
static const char *const modes[] = {"basic", "mutual", NULL};
static const char *const causes[] = {"untrusted_ca",
                                     "certificate_expired",
                                     "certificate_not_yet_valid",
                                     "hostname_mismatch",
                                     "bad_certificate",
                                     "client_certificate_missing",
                                     "client_certificate_rejected",
                                     "no_shared_cipher_suite",
                                     "version_mismatch",
                                     "peer_alert",
                                     "plaintext_alert_under_encryption",
                                     "peer_silent",
                                     "peer_closed",
                                     "not_tls",
                                     "timeout",
                                     "name_not_resolved",
                                     "connection_refused",
                                     "network_unreachable",
                                     "network_error",
                                     "handshake_failure",
                                     NULL};
static const char *const outcomes[] = {"ok", "failed", "unknown", NULL};
static const char *const closes[] = {"close_notify", "failed",  "stalled",     "eof", "rst",
                                     "idle",         "evicted", "capture_end", NULL};

/* $defs/named: a coded value */
static const fspec named[] = {
    {.name = "id", .kind = K_INT, .req = 1, .lim = LO, .lo = 0},
    {.name = "name", .kind = K_STRING, .req = 1, .null = 1},
    {.name = NULL},
};
static const fspec named_item[1] = {{.kind = K_OBJECT, .sub = named}};
#define NAMED(n, r)                                                                                \
    {                                                                                              \
        .name = n, .kind = K_OBJECT, .req = r, .sub = named                                        \
    }

/* $defs/reasons */
/* $defs/sources: where a sentence comes from */
static const fspec source_item[] = {{.kind = K_SOURCE}};
#define SOURCES                                                                                    \
    {                                                                                              \
        .name = "sources", .kind = K_ARRAY, .req = 0, .lim = LO, .lo = 1, .sub = source_item       \
    }

/* $defs/deviations: where Mbed TLS departs from the RFC */
static const fspec deviation[] = {
    {.name = "id", .kind = K_ID, .req = 1},
    {.name = "rfc", .kind = K_STRING, .req = 1, .lim = LO, .lo = 1},
    {.name = "mbedtls", .kind = K_STRING, .req = 1, .lim = LO, .lo = 1},
    {.name = "sources", .kind = K_ARRAY, .req = 1, .lim = LO, .lo = 1, .sub = source_item},
    {.name = NULL},
};
static const fspec deviation_item[] = {{.kind = K_OBJECT, .sub = deviation}};
#define DEVIATIONS                                                                                 \
    {                                                                                              \
        .name = "deviations", .kind = K_ARRAY, .req = 0, .lim = LO, .lo = 1, .sub = deviation_item \
    }

static const fspec reason[] = {
    {.name = "flag", .kind = K_INT, .req = 1, .lim = LO, .lo = 1},
    {.name = "name", .kind = K_STRING, .req = 1},
    {.name = "explain", .kind = K_STRING, .req = 1, .lim = LO, .lo = 1},
    SOURCES,
    {.name = NULL},
};
static const fspec reason_item[] = {{.kind = K_OBJECT, .sub = reason}};

/* $defs/mbedtls_error */
static const fspec mbedtls_error[] = {
    {.name = "code", .kind = K_INT, .req = 1, .lim = HI, .hi = 0},
    {.name = "hex", .kind = K_ERRHEX, .req = 1},
    {.name = "name", .kind = K_STRING, .req = 1, .null = 1},
    {.name = "text", .kind = K_STRING, .req = 1},
    {.name = NULL},
};

/* $defs/alert_ref */
static const fspec alert_ref[] = {
    {.name = "id", .kind = K_INT, .req = 1, .lim = LO | HI, .lo = 0, .hi = 255},
    {.name = "name", .kind = K_STRING, .req = 1, .null = 1},
    {.name = "protection", .kind = K_ENUM, .req = 1, .values = protections},
    {.name = NULL},
};

static const fspec string_item[] = {{.kind = K_STRING}};

static const fspec scenario[] = {
    {.name = "name", .kind = K_STRING, .req = 1},
    {.name = "teaches", .kind = K_STRING, .req = 1},
    {.name = "tls", .kind = K_ENUM, .req = 1, .values = tls_versions},
    {.name = "mutual", .kind = K_BOOL, .req = 1},
    SOURCES,
    {.name = NULL},
};
static const fspec config[] = {
    {.name = "versions", .kind = K_ARRAY, .req = 1, .lim = LO, .lo = 1, .sub = string_item},
    {.name = "cipher_suites", .kind = K_SUITES, .req = 1},
    {.name = "groups", .kind = K_SUITES, .req = 0},
    {.name = "verify_peer", .kind = K_ENUM, .req = 1, .values = verify_modes},
    {.name = "trusted_ca", .kind = K_STRING, .req = 0, .null = 1},
    {.name = "certificate", .kind = K_STRING, .req = 0, .null = 1},
    {.name = "server_name", .kind = K_STRING, .req = 0},
    {.name = "alpn", .kind = K_ARRAY, .req = 0, .sub = string_item},
    {.name = "session_tickets", .kind = K_BOOL, .req = 0},
    {.name = NULL},
};
static const fspec library[] = {
    {.name = "mbedtls", .kind = K_STRING, .req = 1},
    {.name = "tlstrace", .kind = K_STRING, .req = 1},
    {.name = NULL},
};

/* tlstrace capture: a connection seen on the network (no endpoint configuration to show). */
static const fspec endpoint_addr[] = {
    {.name = "address", .kind = K_STRING, .req = 1},
    {.name = "port", .kind = K_INT, .req = 1, .lim = LO | HI, .lo = 0, .hi = 65535},
    {.name = NULL},
};
static const char *const ip_versions[] = {"IPv4", "IPv6", NULL};
static const char *const roles_from[] = {"client_hello", "server_hello", "syn", "ports", NULL};
static const fspec capture_info[] = {
    {.name = "client", .kind = K_OBJECT, .req = 1, .sub = endpoint_addr},
    {.name = "server", .kind = K_OBJECT, .req = 1, .sub = endpoint_addr},
    {.name = "ip", .kind = K_ENUM, .req = 0, .values = ip_versions},
    {.name = "origin", .kind = K_STRING, .req = 0},
    {.name = "link", .kind = K_STRING, .req = 0},
    {.name = "first_seen", .kind = K_STRING, .req = 0},
    {.name = "first_seen_us", .kind = K_INT, .req = 0, .lim = LO, .lo = 0},
    {.name = "syn_seen", .kind = K_BOOL, .req = 0},
    {.name = "roles_from", .kind = K_ENUM, .req = 0, .values = roles_from},
    {.name = NULL},
};
static const fspec f_session_start[] = {
    {.name = "role", .kind = K_ENUM, .req = 1, .values = sides},
    {.name = "source", .kind = K_STRING, .req = 1},
    {.name = "scenario", .kind = K_OBJECT, .req = 0, .sub = scenario},
    /* required, except from tlstrace capture (source "capture"): checked in check_schema */
    {.name = "config", .kind = K_OBJECT, .req = 0, .sub = config},
    {.name = "library", .kind = K_OBJECT, .req = 1, .sub = library},
    {.name = "transport", .kind = K_STRING, .req = 0},
    {.name = "capture", .kind = K_OBJECT, .req = 0, .sub = capture_info},
    {.name = NULL},
};
static const fspec f_state[] = {
    NAMED("from", 1),
    NAMED("to", 1),
    {.name = "explanation", .kind = K_STRING, .req = 0},
    SOURCES,
    {.name = NULL},
};
static const fspec gap_info[] = {
    {.name = "bytes", .kind = K_INT, .req = 1, .lim = LO, .lo = 1},
    {.name = NULL},
};
static const fspec f_record[] = {
    {.name = "dir", .kind = K_ENUM, .req = 1, .values = dirs},
    {.name = "from", .kind = K_ENUM, .req = 1, .values = sides},
    {.name = "header_hex", .kind = K_HEX, .req = 1},
    NAMED("content_type", 0),
    NAMED("version", 0),
    {.name = "length",
     .kind = K_INT,
     .req = 0,
     .lim = LO | HI,
     .lo = 0,
     .hi = 18432}, /* 2^14 + 2048: RFC 5246 §6.2.3 */
    {.name = "protection", .kind = K_ENUM, .req = 0, .values = protections},
    {.name = "decrypted", .kind = K_BOOL, .req = 0},
    NAMED("inner_content_type", 0),
    {.name = "plaintext_length", .kind = K_INT, .req = 0, .lim = LO, .lo = 0},
    {.name = "fields", .kind = K_OBJECT, .req = 0},
    {.name = "error", .kind = K_STRING, .req = 0},
    {.name = "explanation", .kind = K_STRING, .req = 0},
    {.name = "gap", .kind = K_OBJECT, .req = 0, .sub = gap_info},
    SOURCES,
    {.name = NULL},
};
static const char *const record_unless_error[] = {"content_type", "version",   "length",
                                                  "protection",   "decrypted", NULL};
static const fspec f_message[] = {
    {.name = "dir", .kind = K_ENUM, .req = 1, .values = dirs},
    {.name = "from", .kind = K_ENUM, .req = 1, .values = sides},
    {.name = "hs_type", .kind = K_ENUM, .req = 1, .values = hs_types},
    {.name = "hs_type_id", .kind = K_INT, .req = 1, .lim = LO | HI, .lo = 0, .hi = 255},
    {.name = "label", .kind = K_STRING, .req = 1, .lim = LO, .lo = 1},
    {.name = "length",
     .kind = K_INT,
     .req = 1,
     .lim = LO,
     .lo = 4}, /* the handshake header: RFC 8446 §4 */
    {.name = "protection", .kind = K_ENUM, .req = 1, .values = msg_protections},
    {.name = "mutual_only", .kind = K_BOOL, .req = 1},
    {.name = "explanation", .kind = K_STRING, .req = 0},
    SOURCES,
    DEVIATIONS,
    {.name = "fields", .kind = K_OBJECT, .req = 1},
    {.name = "spans", .kind = K_SPANS, .req = 1},
    {.name = "error", .kind = K_STRING, .req = 0},
    {.name = "hex", .kind = K_HEX, .req = 1},
    {.name = NULL},
};
static const fspec f_cert_verify[] = {
    {.name = "depth", .kind = K_INT, .req = 1, .lim = LO, .lo = 0},
    {.name = "subject", .kind = K_STRING, .req = 0},
    {.name = "issuer", .kind = K_STRING, .req = 0},
    {.name = "serial", .kind = K_STRING, .req = 0},
    {.name = "not_before", .kind = K_STRING, .req = 0},
    {.name = "not_after", .kind = K_STRING, .req = 0},
    {.name = "key", .kind = K_OBJECT, .req = 0},
    {.name = "signature_algorithm", .kind = K_STRING, .req = 0},
    {.name = "is_ca", .kind = K_BOOL, .req = 0},
    {.name = "self_signed", .kind = K_BOOL, .req = 0},
    {.name = "describe_error", .kind = K_STRING, .req = 0},
    {.name = "flags", .kind = K_INT, .req = 1, .lim = LO, .lo = 0},
    {.name = "reasons", .kind = K_ARRAY, .req = 1, .sub = reason_item},
    {.name = "ok", .kind = K_BOOL, .req = 1},
    {.name = "role", .kind = K_ENUM, .req = 1, .values = cert_roles},
    {.name = "checked_by", .kind = K_ENUM, .req = 0, .values = checkers},
    {.name = "checked_at", .kind = K_STRING, .req = 0},
    {.name = "checked_name", .kind = K_STRING, .req = 0, .null = 1},
    {.name = NULL},
};
static const fspec f_key_exchange[] = {
    NAMED("group", 1),
    {.name = "method", .kind = K_STRING, .req = 1},
    {.name = "client_share_length", .kind = K_INT, .req = 1, .lim = LO, .lo = 0},
    {.name = "server_share_length", .kind = K_INT, .req = 1, .lim = LO, .lo = 0},
    {.name = "explanation", .kind = K_STRING, .req = 0},
    SOURCES,
    {.name = NULL},
};
static const fspec f_secret[] = {
    {.name = "label", .kind = K_ENUM, .req = 1, .values = secret_labels},
    {.name = "length", .kind = K_INT, .req = 1, .lim = LO | HI, .lo = 1, .hi = 64},
    {.name = "hash", .kind = K_ENUM, .req = 1, .values = secret_hashes},
    {.name = "explanation", .kind = K_STRING, .req = 0},
    SOURCES,
    {.name = NULL},
};
static const char *const envelope_keys[] = {"v", "seq", "t_us", "session", "side", "type", NULL};
static const fspec cipher_suite[] = {
    {.name = "id", .kind = K_INT, .req = 1, .lim = LO, .lo = 0},
    {.name = "name", .kind = K_STRING, .req = 1, .null = 1},
    {.name = "key_exchange", .kind = K_STRING, .req = 0},
    {.name = "authentication", .kind = K_STRING, .req = 0},
    {.name = "cipher", .kind = K_STRING, .req = 0},
    {.name = "hash", .kind = K_STRING, .req = 0},
    {.name = "explanation", .kind = K_STRING, .req = 0},
    SOURCES,
    {.name = NULL},
};
static const fspec f_negotiated[] = {
    NAMED("version", 1),
    {.name = "cipher_suite", .kind = K_OBJECT, .req = 1, .sub = cipher_suite},
    {.name = "mbedtls_cipher_suite_id", .kind = K_INT, .req = 0},
    {.name = "group", .kind = K_OBJECT, .req = 1, .null = 1, .sub = named},
    {.name = "alpn", .kind = K_STRING, .req = 1, .null = 1},
    {.name = "client_cert_requested", .kind = K_BOOL, .req = 0},
    {.name = "client_authenticated", .kind = K_BOOL, .req = 1},
    {.name = "hello_retry_request", .kind = K_BOOL, .req = 0},
    {.name = "mode", .kind = K_ENUM, .req = 1, .values = modes},
    {.name = "inferred_from_wire", .kind = K_BOOL, .req = 0},
    {.name = NULL},
};
static const fspec f_alert[] = {
    {.name = "dir", .kind = K_ENUM, .req = 1, .values = dirs},
    {.name = "from", .kind = K_ENUM, .req = 1, .values = sides},
    {.name = "protection", .kind = K_ENUM, .req = 1, .values = msg_protections},
    NAMED("level", 0),
    NAMED("description", 0),
    {.name = "explanation", .kind = K_STRING, .req = 0},
    SOURCES,
    DEVIATIONS,
    {.name = "error", .kind = K_STRING, .req = 0},
    {.name = "hex", .kind = K_HEX, .req = 1},
    {.name = NULL},
};
static const char *const alert_unless_error[] = {"level", "description", NULL};
static const fspec f_handshake_done[] = {
    {.name = "summary", .kind = K_STRING, .req = 1, .lim = LO, .lo = 1},
    SOURCES,
    {.name = "inferred_from_wire", .kind = K_BOOL, .req = 0},
    {.name = NULL},
};
static const fspec f_handshake_failed[] = {
    {.name = "error", .kind = K_OBJECT, .req = 1, .null = 1, .sub = mbedtls_error},
    /* null when no Mbed TLS endpoint was traced (tlstrace capture) */
    {.name = "state", .kind = K_OBJECT, .req = 1, .null = 1, .sub = named},
    {.name = "alert_sent", .kind = K_OBJECT, .req = 1, .null = 1, .sub = alert_ref},
    {.name = "alert_received", .kind = K_OBJECT, .req = 1, .null = 1, .sub = alert_ref},
    {.name = "verify_flags", .kind = K_INT, .req = 0, .lim = LO, .lo = 1},
    {.name = "verify_reasons", .kind = K_ARRAY, .req = 0, .sub = reason_item},
    {.name = "stalled", .kind = K_BOOL, .req = 1},
    {.name = "post_handshake", .kind = K_BOOL, .req = 1},
    {.name = "cause", .kind = K_ENUM, .req = 1, .values = causes},
    {.name = "explanation", .kind = K_STRING, .req = 1, .lim = LO, .lo = 1},
    SOURCES,
    DEVIATIONS,
    {.name = "inferred_from_wire", .kind = K_BOOL, .req = 0},
    {.name = NULL},
};
static const fspec f_session_end[] = {
    {.name = "outcome", .kind = K_ENUM, .req = 1, .values = outcomes},
    {.name = "close", .kind = K_ENUM, .req = 1, .values = closes},
    {.name = "bytes", .kind = K_INT, .req = 1, .lim = LO, .lo = 0},
    {.name = "explanation", .kind = K_STRING, .req = 0},
    SOURCES,
    {.name = "missing_bytes", .kind = K_INT, .req = 0, .lim = LO, .lo = 1},
    {.name = NULL},
};

#define FITS(t) _Static_assert(sizeof(t) / sizeof(t[0]) <= MAX_FIELDS + 1, #t " has too many rows")
FITS(named);
FITS(deviation);
FITS(reason);
FITS(mbedtls_error);
FITS(alert_ref);
FITS(scenario);
FITS(config);
FITS(library);
FITS(endpoint_addr);
FITS(capture_info);
FITS(gap_info);
FITS(cipher_suite);
FITS(f_session_start);
FITS(f_state);
FITS(f_record);
FITS(f_message);
FITS(f_cert_verify);
FITS(f_key_exchange);
FITS(f_secret);
FITS(f_negotiated);
FITS(f_alert);
FITS(f_handshake_done);
FITS(f_handshake_failed);
FITS(f_session_end);

/* One row per event type: its fields, whether nothing else may appear (secrets), and the fields
 * required unless the event has "error" (the schema's if/then). */
static const struct type_rule {
    const fspec *fields;
    int closed;
    const char *const *unless_error;
} type_rules[TT_EV_COUNT] = {
    [TT_EV_SESSION_START] = {.fields = f_session_start},
    [TT_EV_STATE] = {.fields = f_state},
    [TT_EV_RECORD] = {.fields = f_record, .unless_error = record_unless_error},
    [TT_EV_MESSAGE] = {.fields = f_message},
    [TT_EV_CERT_VERIFY] = {.fields = f_cert_verify},
    [TT_EV_KEY_EXCHANGE] = {.fields = f_key_exchange},
    [TT_EV_SECRET] = {.fields = f_secret, .closed = 1},
    [TT_EV_NEGOTIATED] = {.fields = f_negotiated},
    [TT_EV_ALERT] = {.fields = f_alert, .unless_error = alert_unless_error},
    [TT_EV_HANDSHAKE_DONE] = {.fields = f_handshake_done},
    [TT_EV_HANDSHAKE_FAILED] = {.fields = f_handshake_failed},
    [TT_EV_SESSION_END] = {.fields = f_session_end},
};

/* The envelope, as far as it is valid. */
typedef struct envelope {
    const cJSON *seq, *session, *side; /* each set only when valid */
    tt_event_type type;                /* TT_EV_UNKNOWN unless valid */
} envelope;

static const fspec f_envelope[] = {
    {.name = "v", .kind = K_ANY, .req = 1},
    {.name = "seq", .kind = K_INT, .req = 1, .lim = LO, .lo = 1},
    {.name = "t_us", .kind = K_INT, .req = 1, .lim = LO, .lo = 0},
    {.name = "session",
     .kind = K_STRING,
     .req = 1,
     .lim = LO | HI,
     .lo = 1,
     .hi = SESSION_MAX_CHARS},
    {.name = "side", .kind = K_ENUM, .req = 1, .values = sides},
    {.name = "type", .kind = K_ANY, .req = 1},
    {.name = NULL},
};

/* Last occurrence of key in obj, case-sensitive (JSON.parse keeps the last of repeated keys). */
static const cJSON *get(const cJSON *obj, const char *key)
{
    const cJSON *found = NULL;
    for (const cJSON *it = obj->child; it; it = it->next)
        if (it->string && strcmp(it->string, key) == 0)
            found = it;
    return found;
}

/* Checks the envelope of ev (an object) into c, and reports in env what of it is valid (the
 * validator keeps its state with what it can, even when the event is invalid). */
static void check_envelope(ck *c, const cJSON *ev, envelope *env)
{
    char d[200];
    memset(env, 0, sizeof(*env));
    const cJSON *v = get(ev, "v"), *type = get(ev, "type");
    /* The version first: the rest means something else in another version. */
    if (cJSON_IsNumber(v) && v->valuedouble != 1)
        ck_fail(c, "v is %s: this tlstrace reads schema v1", describe(v, d, sizeof(d)));
    else if (v && !cJSON_IsNumber(v))
        ck_fail(c, "v is %s: expected the number 1", describe(v, d, sizeof(d)));
    check_fields(c, ev, f_envelope, NULL, 0, NULL);
    /* Each part again on its own, for env (cheap: six lookups). */
    ck quiet = {0};
    const cJSON *x = get(ev, "seq");
    if (x && (check_value(&quiet, x, &f_envelope[1], NULL), !quiet.failed))
        env->seq = x;
    quiet.failed = 0;
    x = get(ev, "session");
    if (x && (check_value(&quiet, x, &f_envelope[3], NULL), !quiet.failed))
        env->session = x;
    quiet.failed = 0;
    x = get(ev, "side");
    if (x && (check_value(&quiet, x, &f_envelope[4], NULL), !quiet.failed))
        env->side = x;
    if (is_str(type))
        env->type = tt_event_type_from(type->valuestring, strlen(type->valuestring));
    if (c->failed)
        return;
    jpath tp = {NULL, "type", 0};
    if (!is_str(type))
        fail_is(c, type, &tp, "a string", 0);
    else if (env->type == TT_EV_UNKNOWN)
        ck_fail(c, "type %s is unknown", describe(type, d, sizeof(d)));
}

static void check_schema(ck *c, const cJSON *ev, envelope *env)
{
    char d[200];
    memset(env, 0, sizeof(*env));
    if (!cJSON_IsObject(ev)) {
        ck_fail(c, "the line is %s, not an event (a JSON object)", describe(ev, d, sizeof(d)));
        return;
    }
    check_envelope(c, ev, env);
    if (c->failed)
        return;
    const struct type_rule *t = &type_rules[env->type];
    char prefix[40];
    snprintf(prefix, sizeof(prefix), "%s: ", type_names[env->type]);
    c->prefix = prefix;
    check_fields(c, ev, t->fields, NULL, t->closed, envelope_keys);
    if (t->unless_error && !c->failed && !get(ev, "error"))
        for (const char *const *f = t->unless_error; *f && !c->failed; f++)
            if (!get(ev, *f))
                ck_fail(c, "missing required field \"%s\" (required unless \"error\" is present)",
                        *f);
    /* The schema's if/then/else: a capture's session_start has "capture", others "config". */
    if (env->type == TT_EV_SESSION_START && !c->failed) {
        const cJSON *src = get(ev, "source");
        int capture = is_str(src) && strcmp(src->valuestring, "capture") == 0;
        if (capture && !get(ev, "capture"))
            ck_fail(c, "missing required field \"capture\" (required when \"source\" is "
                       "\"capture\")");
        else if (!capture && !get(ev, "config"))
            ck_fail(c, "missing required field \"config\" (required unless \"source\" is "
                       "\"capture\")");
    }
    c->prefix = "";
}

int tt_validate_schema(const cJSON *ev, char *why, size_t whylen)
{
    ck c = {why, whylen, 0, ""};
    envelope env;
    if (why && whylen)
        why[0] = '\0';
    check_schema(&c, ev, &env);
    return c.failed ? -1 : 0;
}

/* ---------- the reader: lines ---------- */

static void set_error(tt_trace_reader *r, tt_trace_line *out, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_error(tt_trace_reader *r, tt_trace_line *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->errbuf, sizeof(r->errbuf), fmt, ap);
    va_end(ap);
    out->error = r->errbuf;
}

static int blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
            return 0;
    return 1;
}

/* "not text" or "invalid JSON" for a bad byte at offset `at` of p, into err. */
static void text_error(char *err, size_t errlen, const unsigned char *p, int kind, size_t at,
                       const char *detail, int max_depth)
{
    size_t col = utf8_chars(p, at) + 1;
    if (kind == JC_BINARY)
        snprintf(err, errlen, "not text (binary data?): byte 0x%02x at column %zu", p[at], col);
    else if (detail == CTRL_IN_STRING)
        snprintf(err, errlen,
                 "invalid JSON at column %zu: a control character (0x%02x) in a string: "
                 "write it as \\u%04x",
                 col, p[at], p[at]);
    else if (detail == CTRL)
        snprintf(err, errlen, "invalid JSON at column %zu: a control character (0x%02x)", col,
                 p[at]);
    else if (detail && !strcmp(detail, "nested too deep"))
        snprintf(err, errlen, "invalid JSON at column %zu: nested deeper than %d levels", col,
                 max_depth);
    else if (detail)
        snprintf(err, errlen, "invalid JSON at column %zu: %s", col, detail);
    else
        snprintf(err, errlen, "invalid JSON at column %zu", col);
}

cJSON *tt_json_parse_strict(const char *text, size_t n, int max_depth, char *err, size_t errlen)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t at = 0, open_at;
    const char *detail;
    if (max_depth <= 0)
        max_depth = TT_JSON_MAX_DEPTH;
    int kind = json_check(p, n, max_depth, &at, &detail, &open_at);
    if (kind != JC_OK) {
        text_error(err, errlen, p, kind, at, detail, max_depth);
        return NULL;
    }
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithLengthOpts(text, n, &end, 0);
    if (!j) {
        /* cJSON points at the failing byte, or at the last one when it ran out of text. */
        at = end && end >= text && end < text + n ? (size_t)(end - text) : n;
        while (at < n && (p[at] == ' ' || p[at] == '\t' || p[at] == '\r'))
            at++; /* to the token that is wrong */
        if (at >= open_at)
            text_error(err, errlen, p, JC_SYNTAX, n, "the line ends before the event does", 0);
        else
            text_error(err, errlen, p, JC_SYNTAX, at, NULL, 0);
        return NULL;
    }
    at = (size_t)(end - text);
    if (!blank(end, n - at)) {
        cJSON_Delete(j);
        text_error(err, errlen, p, JC_SYNTAX, at, "text after the event", 0);
        return NULL;
    }
    return j;
}

/* Envelope from a parsed event (PARSE mode, or ENVELOPE mode's fallback): env->ok when valid,
 * else the reason in *why. */
static void envelope_from_json(tt_trace_reader *r, const cJSON *ev, tt_trace_envelope *env,
                               char *why, size_t whylen)
{
    memset(env, 0, sizeof(*env));
    ck c = {why, whylen, 0, ""};
    envelope e = {0};
    if (!cJSON_IsObject(ev)) {
        char d[64];
        ck_fail(&c, "the line is %s, not an event (a JSON object)", describe(ev, d, sizeof(d)));
        return;
    }
    check_envelope(&c, ev, &e);
    if (c.failed)
        return;
    double seq = e.seq->valuedouble, t = get(ev, "t_us")->valuedouble;
    env->seq = seq >= 18446744073709551615.0 ? UINT64_MAX : (uint64_t)seq;
    env->t_us = t >= 18446744073709551615.0 ? UINT64_MAX : (uint64_t)t;
    size_t n = strlen(e.session->valuestring);
    memcpy(r->session, e.session->valuestring, n + 1); /* n <= SESSION_MAX_BYTES: 128 chars */
    env->session = r->session;
    env->server = strcmp(e.side->valuestring, "server") == 0;
    env->type = e.type;
    env->ok = 1;
}

/* Parses out->text into r->ev. Returns 0, or -1 with out->error set. */
static int parse_line(tt_trace_reader *r, tt_trace_line *out)
{
    if (blank(out->text, out->len)) {
        set_error(r, out, "empty line (expected one event per line)");
        return -1;
    }
    r->ev = tt_json_parse_strict(out->text, out->len, 0, r->errbuf, sizeof(r->errbuf));
    if (!r->ev) {
        out->error = r->errbuf;
        return -1;
    }
    out->ev = r->ev;
    return 0;
}

int tt_trace_parse(tt_trace_reader *r, tt_trace_line *out)
{
    if (out->ev)
        return 0;
    if (!out->text) {
        if (!out->error)
            set_error(r, out, "no line");
        return -1;
    }
    out->error = NULL;
    if (parse_line(r, out) != 0)
        return -1;
    char why[8];
    envelope_from_json(r, r->ev, &out->env, why, sizeof(why));
    return 0;
}

/* What the mode asks of one line of text. */
static void process(tt_trace_reader *r, tt_trace_line *out)
{
    if (r->mode == TT_TRACE_RAW)
        return;
    if (r->mode == TT_TRACE_PARSE) {
        if (parse_line(r, out) == 0) {
            char why[8];
            envelope_from_json(r, r->ev, &out->env, why, sizeof(why));
        }
        return;
    }
    /* TT_TRACE_ENVELOPE */
    const unsigned char *p = (const unsigned char *)out->text;
    size_t bad = text_scan(p, out->len, out->len);
    if (bad < out->len) {
        text_error(r->errbuf, sizeof(r->errbuf), p, JC_BINARY, bad, NULL, 0);
        out->error = r->errbuf;
        return;
    }
    if (envelope_fast(r, out->text, out->len, &out->env) == 0)
        return;
    r->slow_envelopes++;
    if (parse_line(r, out) != 0)
        return;
    char why[sizeof(r->errbuf)];
    envelope_from_json(r, r->ev, &out->env, why, sizeof(why));
    cJSON_Delete(r->ev);
    r->ev = NULL;
    out->ev = NULL;
    if (!out->env.ok)
        set_error(r, out, "%s", why);
}

/* Skips the rest of a line longer than the limit, without keeping it. Returns 1, or -1. */
static int skip_long_line(tt_trace_reader *r, tt_trace_line *out)
{
    /* Is what we hold of it text? (A sequence cut at the end of what we hold is not an error.) */
    const unsigned char *p = (const unsigned char *)r->buf + r->start;
    size_t held = r->end - r->start, limit = held > 4 ? held - 4 : 0;
    size_t bad = text_scan(p, limit, held);
    size_t total = held;
    r->start = r->end = r->scanned = 0;
    for (;;) {
        long k = read_some(r, r->buf, r->cap - 1);
        if (k < 0)
            return -1;
        if (k == 0) {
            r->eof = 1;
            out->no_newline = 1;
            break;
        }
        char *nl = memchr(r->buf, '\n', (size_t)k);
        if (nl) {
            total += (size_t)(nl - r->buf);
            r->start = (size_t)(nl - r->buf) + 1;
            r->end = (size_t)k;
            break;
        }
        total += (size_t)k;
    }
    out->line_no = ++r->line_no;
    out->text = NULL;
    out->len = total;
    if (bad < limit)
        set_error(r, out, "not text (binary data?), and longer than %zu bytes", r->max_line);
    else
        set_error(r, out, "longer than %zu bytes", r->max_line);
    return 1;
}

int tt_trace_next(tt_trace_reader *r, tt_trace_line *out)
{
    cJSON_Delete(r->ev);
    r->ev = NULL;
    memset(out, 0, sizeof(*out));
    if (r->failed)
        return -1;
    for (;;) {
        char *from = r->buf + r->start + r->scanned;
        char *nl = memchr(from, '\n', r->end - r->start - r->scanned);
        if (nl) {
            *nl = '\0';
            out->text = r->buf + r->start;
            out->len = (size_t)(nl - out->text);
            out->line_no = ++r->line_no;
            r->start = (size_t)(nl - r->buf) + 1;
            r->scanned = 0;
            if (out->len > r->max_line) { /* it fit the buffer's slack: still too long */
                out->text = NULL;
                set_error(r, out, "longer than %zu bytes", r->max_line);
                return 1;
            }
            process(r, out);
            return 1;
        }
        r->scanned = r->end - r->start;
        if (r->scanned > r->max_line)
            return skip_long_line(r, out);
        if (r->eof) {
            if (r->scanned == 0)
                return 0;
            r->buf[r->end] = '\0';
            out->text = r->buf + r->start;
            out->len = r->end - r->start;
            out->line_no = ++r->line_no;
            out->no_newline = 1;
            r->start = r->end;
            r->scanned = 0;
            process(r, out);
            return 1;
        }
        /* No whole line left: move the partial one to the front, grow if it fills the buffer
         * (never past cap_max), and read more. */
        if (r->start > 0) {
            memmove(r->buf, r->buf + r->start, r->end - r->start);
            r->end -= r->start;
            r->start = 0;
        }
        if (r->end + 1 >= r->cap && r->cap < r->cap_max) {
            size_t cap = r->cap * 2 < r->cap_max ? r->cap * 2 : r->cap_max;
            char *b = realloc(r->buf, cap);
            if (!b) {
                free(r->ioerr);
                r->ioerr = malloc(strlen(r->name) + 64);
                if (r->ioerr)
                    sprintf(r->ioerr, "%s: %s", r->name, strerror(ENOMEM));
                r->failed = 1;
                return -1;
            }
            r->buf = b;
            r->cap = cap;
        }
        size_t room = r->cap - 1 - r->end;
        long k = read_some(r, r->buf + r->end, room < READ_CHUNK * 4 ? room : READ_CHUNK * 4);
        if (k < 0)
            return -1;
        if (k == 0)
            r->eof = 1;
        r->end += (size_t)k;
    }
}

/* ---------- the validator: across a trace ---------- */

#define MAX_OPEN_SESSIONS 65536

/* One (session, side) seen in the trace. Once closed, only its hash is kept: a trace of many
 * sessions costs 24 bytes for each finished one. */
typedef struct sess {
    uint64_t h;       /* 0: empty slot */
    char *name;       /* the session id while open; NULL once closed */
    double start_seq; /* seq of its session_start, -1 when unknown */
    unsigned char server, open;
} sess;

struct tt_validator {
    double expect; /* next seq; -1 after a line that was no event */
    sess *tab;
    size_t cap, used, open;
    sess **unclosed; /* built by tt_validate_finish */
    size_t nunclosed, next_unclosed;
    int finishing;
};

tt_validator *tt_validator_new(void)
{
    tt_validator *v = calloc(1, sizeof(*v));
    if (!v)
        return NULL;
    v->expect = 1;
    v->cap = 64;
    v->tab = calloc(v->cap, sizeof(sess));
    if (!v->tab) {
        free(v);
        return NULL;
    }
    return v;
}

void tt_validator_free(tt_validator *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->cap; i++)
        free(v->tab[i].name);
    free(v->tab);
    free(v->unclosed);
    free(v);
}

void tt_validate_skip(tt_validator *v)
{
    v->expect = -1;
}

static uint64_t sess_hash(const char *s, int server)
{
    uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a, then a final mix */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    h ^= (uint64_t)(server + 1) * 0x9e3779b97f4a7c15ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h ? h : 1;
}

static sess *sess_find(tt_validator *v, const char *name, int server, uint64_t h)
{
    for (size_t i = h & (v->cap - 1);; i = (i + 1) & (v->cap - 1)) {
        sess *e = &v->tab[i];
        if (!e->h)
            return e; /* the empty slot where it would go */
        if (e->h == h && e->server == server && (!e->name || strcmp(e->name, name) == 0))
            return e;
    }
}

static int sess_grow(tt_validator *v)
{
    size_t cap = v->cap * 2;
    sess *t = calloc(cap, sizeof(sess));
    if (!t)
        return -1;
    for (size_t i = 0; i < v->cap; i++) {
        if (!v->tab[i].h)
            continue;
        size_t j = v->tab[i].h & (cap - 1);
        while (t[j].h)
            j = (j + 1) & (cap - 1);
        t[j] = v->tab[i];
    }
    free(v->tab);
    v->tab = t;
    v->cap = cap;
    return 0;
}

/* "SESSION/SIDE" for messages, escaped. Returns out. */
static const char *session_name(const char *session, int server, char *out, size_t n)
{
    size_t k = 0;
    put_escaped(out, n - 8, &k, session, SESSION_MAX_CHARS);
    snprintf(out + k, n - k, "/%s", server ? "server" : "client");
    return out;
}

/* What a schema cannot check: seq 1, 2, 3 ... within one trace (have_seq 0: the event has none,
 * the next one is taken as it comes), and each (session, side) started before it is used, ended
 * once, and not used after its end (session NULL: the event names none). */
static void check_order(tt_validator *v, ck *c, int have_seq, double seq, const char *session,
                        int server, tt_event_type type)
{
    if (have_seq) {
        if (v->expect >= 0 && seq != v->expect) {
            char a[32], b[32];
            fmt_num(seq, a, sizeof(a));
            fmt_num(v->expect, b, sizeof(b));
            ck_fail(c, "seq %s, expected %s", a, b);
        }
        v->expect = seq + 1;
    } else {
        v->expect = -1;
    }
    if (!session || type == TT_EV_UNKNOWN)
        return;
    uint64_t h = sess_hash(session, server);
    sess *e = sess_find(v, session, server, h);
    char sn[SESSION_MAX_BYTES * 2 + 16], s0[32];
    const char *tn = type_names[type];
#define SN session_name(session, server, sn, sizeof(sn))
    if (type == TT_EV_SESSION_START) {
        if (e->h && e->open)
            ck_fail(c, "session_start for session %s, which started already (seq %s)", SN,
                    (fmt_num(e->start_seq, s0, sizeof(s0)), s0));
        else if (e->h)
            ck_fail(c,
                    "session_start for session %s after its session_end (a session id names "
                    "one handshake)",
                    SN);
        else if (v->open >= MAX_OPEN_SESSIONS)
            ck_fail(c, "session %s: more than %d sessions open at once", SN, MAX_OPEN_SESSIONS);
        else if (!(e->name = dup_str(session)))
            ck_fail(c, "out of memory");
        else {
            e->h = h;
            e->server = (unsigned char)server;
            e->open = 1;
            e->start_seq = have_seq ? seq : -1;
            v->open++;
            if (++v->used * 2 > v->cap && sess_grow(v) != 0)
                ck_fail(c, "out of memory");
        }
    } else if (!e->h) {
        ck_fail(c, "%s for session %s before its session_start", tn, SN);
    } else if (!e->open) {
        ck_fail(c, "%s for session %s after its session_end", tn, SN);
    } else if (type == TT_EV_SESSION_END) {
        free(e->name);
        e->name = NULL;
        e->open = 0;
        v->open--;
    }
#undef SN
}

int tt_validate_event(tt_validator *v, const cJSON *ev, char *why, size_t whylen)
{
    ck c = {why, whylen, 0, ""};
    envelope env;
    if (why && whylen)
        why[0] = '\0';
    check_schema(&c, ev, &env);
    check_order(v, &c, env.seq != NULL, env.seq ? env.seq->valuedouble : 0,
                env.session && env.side ? env.session->valuestring : NULL,
                env.side && strcmp(env.side->valuestring, "server") == 0, env.type);
    return c.failed ? -1 : 0;
}

int tt_validate_order(tt_validator *v, const tt_trace_envelope *env, char *why, size_t whylen)
{
    ck c = {why, whylen, 0, ""};
    if (why && whylen)
        why[0] = '\0';
    if (!env->ok) {
        v->expect = -1;
        ck_fail(&c, "no v1 envelope");
        return -1;
    }
    check_order(v, &c, 1, (double)env->seq, env->session, env->server, env->type);
    return c.failed ? -1 : 0;
}

static int by_start(const void *a, const void *b)
{
    const sess *x = *(const sess *const *)a, *y = *(const sess *const *)b;
    return (x->start_seq > y->start_seq) - (x->start_seq < y->start_seq);
}

int tt_validate_finish(tt_validator *v, char *why, size_t whylen)
{
    if (!v->finishing) {
        v->finishing = 1;
        v->unclosed = malloc((v->open ? v->open : 1) * sizeof(sess *));
        if (!v->unclosed)
            return 0;
        for (size_t i = 0; i < v->cap; i++)
            if (v->tab[i].h && v->tab[i].open)
                v->unclosed[v->nunclosed++] = &v->tab[i];
        qsort(v->unclosed, v->nunclosed, sizeof(sess *), by_start);
    }
    if (v->next_unclosed >= v->nunclosed)
        return 0;
    const sess *e = v->unclosed[v->next_unclosed++];
    char name[SESSION_MAX_BYTES * 2 + 16], s0[64], num[32];
    size_t k = 0;
    put_escaped(name, sizeof(name), &k, e->name, SESSION_MAX_CHARS);
    s0[0] = '\0';
    if (e->start_seq >= 0)
        snprintf(s0, sizeof(s0), " (started at seq %s)",
                 (fmt_num(e->start_seq, num, sizeof(num)), num));
    if (why && whylen)
        snprintf(why, whylen, "session %s/%s has no session_end%s", name,
                 e->server ? "server" : "client", s0);
    return -1;
}

/* ---------- a whole trace ---------- */

typedef struct shown {
    FILE *out;
    const char *name;
    unsigned max, shown;
    uint64_t hidden;
} shown;

static void problem(shown *s, uint64_t line, const char *what)
{
    if (s->max && s->shown >= s->max) {
        s->hidden++;
        return;
    }
    s->shown++;
    fprintf(s->out, "%s:%llu: %s\n", s->name, (unsigned long long)line, what);
}

int tt_validate_trace(tt_trace_reader *r, const char *name, FILE *out, unsigned max_shown,
                      tt_validate_report *rep)
{
    tt_validate_report local;
    if (!rep)
        rep = &local;
    memset(rep, 0, sizeof(*rep));
    tt_validator *v = tt_validator_new();
    if (!v) {
        fprintf(out, "%s: out of memory\n", name);
        return -1;
    }
    shown s = {out, name, max_shown, 0, 0};
    char why[512];
    tt_trace_line l;
    int rc;
    uint64_t last = 0;
    while ((rc = tt_trace_next(r, &l)) == 1) {
        rep->lines++;
        last = l.line_no;
        if (l.error) {
            rep->invalid++;
            problem(&s, l.line_no, l.error);
            tt_validate_skip(v);
        } else if (tt_validate_event(v, l.ev, why, sizeof(why)) != 0) {
            rep->invalid++;
            problem(&s, l.line_no, why);
        }
        if (l.no_newline) {
            rep->no_newline = 1;
            fprintf(out,
                    "%s:%llu: warning: the last line has no newline: the trace may be cut "
                    "short\n",
                    name, (unsigned long long)l.line_no);
        }
    }
    if (rc < 0) {
        tt_validator_free(v);
        return -1;
    }
    while (tt_validate_finish(v, why, sizeof(why)) != 0) {
        rep->unclosed++;
        problem(&s, last, why);
    }
    tt_validator_free(v);
    if (s.hidden)
        fprintf(out, "%s: ... %llu more problem%s not shown\n", name, (unsigned long long)s.hidden,
                s.hidden == 1 ? "" : "s");
    if (rep->lines == 0) {
        fprintf(out, "%s: no events (the file is empty)\n", name);
        return 1;
    }
    fprintf(out, "%s: %llu event%s, ", name, (unsigned long long)rep->lines,
            rep->lines == 1 ? "" : "s");
    if (!rep->invalid && !rep->unclosed) {
        fprintf(out, "all valid\n");
        return 0;
    }
    fprintf(out, "%llu invalid", (unsigned long long)rep->invalid);
    if (rep->unclosed)
        fprintf(out, ", %llu session%s without session_end", (unsigned long long)rep->unclosed,
                rep->unclosed == 1 ? "" : "s");
    fputc('\n', out);
    return 1;
}
