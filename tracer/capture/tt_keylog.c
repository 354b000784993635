/* NSS key log files (see tt_keylog.h): an open-addressing table keyed by client random. */
#include "tt_keylog.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define LINE_MAX_LEN 512 /* the longest valid line is about 140 bytes */

typedef struct entry {
    int used;
    uint8_t random[32];
    uint8_t len[TT_KL_LABELS];
    uint8_t secret[TT_KL_LABELS][TT_KEYLOG_MAX_SECRET];
} entry;

struct tt_keylog {
    entry *tab;
    size_t cap, count; /* cap: a power of two, kept at most half full */
    char line[LINE_MAX_LEN + 1];
    size_t line_len;
    int line_too_long;
    tt_keylog_stats st;
    /* tt_keylog_read_file: the file being followed */
    char *path;
    long long offset;
    long long ino;
};

static const char *const label_names[TT_KL_LABELS] = {
    [TT_KL_CLIENT_RANDOM] = "CLIENT_RANDOM",
    [TT_KL_CLIENT_HS] = "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
    [TT_KL_SERVER_HS] = "SERVER_HANDSHAKE_TRAFFIC_SECRET",
    [TT_KL_CLIENT_APP] = "CLIENT_TRAFFIC_SECRET_0",
    [TT_KL_SERVER_APP] = "SERVER_TRAFFIC_SECRET_0",
};

/* Labels of the format that tlstrace does not need (read, counted, not stored). */
static const char *const other_labels[] = {"CLIENT_EARLY_TRAFFIC_SECRET",
                                           "EARLY_EXPORTER_SECRET",
                                           "EXPORTER_SECRET",
                                           "RSA",
                                           "CLIENT_TRAFFIC_SECRET_1",
                                           NULL};

const char *tt_kl_label_name(tt_kl_label l)
{
    return (unsigned)l < TT_KL_LABELS ? label_names[l] : "?";
}

tt_keylog *tt_keylog_new(void)
{
    tt_keylog *k = calloc(1, sizeof(*k));
    if (!k)
        return NULL;
    k->cap = 64;
    k->tab = calloc(k->cap, sizeof(entry));
    if (!k->tab) {
        free(k);
        return NULL;
    }
    return k;
}

static void zero_free(void *p, size_t n)
{
    if (!p)
        return;
    volatile uint8_t *v = p;
    for (size_t i = 0; i < n; i++)
        v[i] = 0;
    free(p);
}

void tt_keylog_free(tt_keylog *k)
{
    if (!k)
        return;
    zero_free(k->tab, k->cap * sizeof(entry));
    free(k->path);
    zero_free(k, sizeof(*k));
}

static size_t slot_of(const uint8_t random[32], size_t cap)
{
    uint64_t h = 0;
    memcpy(&h, random, 8); /* the client random is random: its first bytes are a fine hash */
    return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

static entry *find(const tt_keylog *k, const uint8_t random[32])
{
    for (size_t i = slot_of(random, k->cap);; i = (i + 1) & (k->cap - 1)) {
        entry *e = &k->tab[i];
        if (!e->used || memcmp(e->random, random, 32) == 0)
            return e;
    }
}

static int grow(tt_keylog *k)
{
    size_t ncap = k->cap * 2;
    entry *n = calloc(ncap, sizeof(entry));
    if (!n)
        return -1;
    entry *old = k->tab;
    size_t ocap = k->cap;
    k->tab = n;
    k->cap = ncap;
    for (size_t i = 0; i < ocap; i++)
        if (old[i].used)
            *find(k, old[i].random) = old[i];
    zero_free(old, ocap * sizeof(entry));
    return 0;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* Decodes exactly n hex characters of s into out; returns 0, or -1. */
static int unhex(const char *s, size_t n, uint8_t *out)
{
    if (n % 2)
        return -1;
    for (size_t i = 0; i < n; i += 2) {
        int hi = hexval(s[i]), lo = hexval(s[i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

static void bad(tt_keylog *k, const char *why)
{
    k->st.bad++;
    if (!k->st.first_bad_line) {
        k->st.first_bad_line = k->st.lines;
        k->st.first_bad_reason = why;
    }
}

/* One line, without its newline: "LABEL <64 hex> <64 or 96 hex>". */
static void parse_line(tt_keylog *k, char *s, size_t n)
{
    k->st.lines++;
    if (n && s[n - 1] == '\r')
        n--;
    s[n] = '\0';
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i == n || s[i] == '#')
        return;
    char *f[4];
    size_t fl[4], nf = 0;
    while (i < n && nf < 4) {
        f[nf] = s + i;
        while (i < n && s[i] != ' ' && s[i] != '\t')
            i++;
        fl[nf] = (size_t)(s + i - f[nf]);
        nf++;
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
    }
    if (nf != 3) {
        bad(k, "a key log line is LABEL CLIENT_RANDOM SECRET (three fields)");
        return;
    }
    int label = -1;
    for (int l = 0; l < TT_KL_LABELS; l++)
        if (strlen(label_names[l]) == fl[0] && memcmp(label_names[l], f[0], fl[0]) == 0)
            label = l;
    if (label < 0) {
        for (const char *const *o = other_labels; *o; o++)
            if (strlen(*o) == fl[0] && memcmp(*o, f[0], fl[0]) == 0) {
                k->st.ignored++;
                return;
            }
        bad(k, "unknown label");
        return;
    }
    uint8_t random[32], secret[TT_KEYLOG_MAX_SECRET];
    if (fl[1] != 64 || unhex(f[1], 64, random) != 0) {
        bad(k, "the client random is not 64 hex digits");
        return;
    }
    size_t slen = fl[2] / 2;
    int want48 = label == TT_KL_CLIENT_RANDOM;
    if ((want48 ? fl[2] != 96 : (fl[2] != 64 && fl[2] != 96)) || unhex(f[2], fl[2], secret) != 0) {
        bad(k, want48 ? "the master secret is not 96 hex digits"
                      : "the secret is not 64 or 96 hex digits");
        return;
    }
    entry *e = find(k, random);
    if (!e->used) {
        if (k->count >= TT_KEYLOG_MAX_ENTRIES) {
            k->st.dropped++;
            return;
        }
        if ((k->count + 1) * 2 > k->cap) {
            if (grow(k) != 0) {
                k->st.dropped++;
                return;
            }
            e = find(k, random);
        }
        e->used = 1;
        memcpy(e->random, random, 32);
        k->count++;
    }
    if (!e->len[label])
        k->st.secrets++;
    memcpy(e->secret[label], secret, slen);
    e->len[label] = (uint8_t)slen;
    memset(secret, 0, sizeof(secret));
}

void tt_keylog_feed(tt_keylog *k, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '\n') {
            if (k->line_too_long) {
                k->st.lines++;
                bad(k, "a line longer than 512 bytes");
            } else {
                parse_line(k, k->line, k->line_len);
            }
            k->line_len = 0;
            k->line_too_long = 0;
            continue;
        }
        if (k->line_len < LINE_MAX_LEN)
            k->line[k->line_len++] = c;
        else
            k->line_too_long = 1;
    }
}

void tt_keylog_end(tt_keylog *k)
{
    if (k->line_len || k->line_too_long)
        tt_keylog_feed(k, "\n", 1);
}

size_t tt_keylog_get(const tt_keylog *k, const uint8_t client_random[32], tt_kl_label label,
                     uint8_t out[TT_KEYLOG_MAX_SECRET])
{
    if (!k || (unsigned)label >= TT_KL_LABELS)
        return 0;
    const entry *e = find(k, client_random);
    if (!e->used || !e->len[label])
        return 0;
    memcpy(out, e->secret[label], e->len[label]);
    return e->len[label];
}

const tt_keylog_stats *tt_keylog_get_stats(const tt_keylog *k)
{
    return &k->st;
}

int tt_keylog_read_file(tt_keylog *k, const char *path, int complete, char *err, size_t errlen)
{
    if (!k->path || strcmp(k->path, path) != 0) {
        free(k->path);
        k->path = strdup(path);
        k->offset = 0;
        k->ino = -1;
        k->line_len = 0;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot read the key log %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        snprintf(err, errlen, "the key log %s is not a regular file", path);
        fclose(f);
        return -1;
    }
    if ((long long)sb.st_ino != k->ino || sb.st_size < k->offset) {
        k->ino = (long long)sb.st_ino; /* replaced or truncated: read it again from its start */
        k->offset = 0;
        k->line_len = 0;
    }
    int got = 0;
    if (sb.st_size > k->offset && fseeko(f, (off_t)k->offset, SEEK_SET) == 0) {
        char buf[65536];
        size_t r;
        while ((r = fread(buf, 1, sizeof(buf), f)) > 0) {
            tt_keylog_feed(k, buf, r);
            k->offset += (long long)r;
            got = 1;
        }
        if (ferror(f)) {
            snprintf(err, errlen, "cannot read the key log %s: %s", path, strerror(errno));
            fclose(f);
            return -1;
        }
    }
    if (complete)
        tt_keylog_end(k);
    fclose(f);
    return got;
}
