/* NSS key log files (SSLKEYLOGFILE), read: the secrets curl, Firefox, Chromium, openssl
 * s_client -keylogfile, gnutls and tlstrace itself write, so that a capture of their connections
 * can be decrypted. One line per secret: "LABEL <client_random hex> <secret hex>"; lines starting
 * with '#' are comments. Format:
 * https://nss-crypto.org/reference/security/nss/legacy/key_log_format (the IETF
 * draft-ietf-tls-keylogfile describes the same).
 *
 * Pure apart from tt_keylog_read_file: text in, secrets by client random out. The secrets stay in
 * this table (zeroed when freed): never in events. */
#ifndef TT_KEYLOG_H
#define TT_KEYLOG_H

#include <stddef.h>
#include <stdint.h>

/* The labels tlstrace uses. */
typedef enum tt_kl_label {
    TT_KL_CLIENT_RANDOM = 0, /* TLS 1.2: the 48-byte master secret */
    TT_KL_CLIENT_HS,         /* CLIENT_HANDSHAKE_TRAFFIC_SECRET */
    TT_KL_SERVER_HS,         /* SERVER_HANDSHAKE_TRAFFIC_SECRET */
    TT_KL_CLIENT_APP,        /* CLIENT_TRAFFIC_SECRET_0 */
    TT_KL_SERVER_APP,        /* SERVER_TRAFFIC_SECRET_0 */
    TT_KL_LABELS
} tt_kl_label;

/* The NSS label of a tt_kl_label ("CLIENT_RANDOM", ...). */
const char *tt_kl_label_name(tt_kl_label l);

#define TT_KEYLOG_MAX_SECRET 48
#define TT_KEYLOG_MAX_ENTRIES 262144 /* client randoms kept (about 300 bytes each) */

typedef struct tt_keylog_stats {
    uint64_t lines;   /* lines read, comments and blanks included */
    uint64_t secrets; /* secrets stored (a repeated line counts once) */
    uint64_t
        ignored;  /* well-formed lines with labels tlstrace does not use (EXPORTER_SECRET, ...) */
    uint64_t bad; /* malformed lines (skipped) */
    uint64_t dropped;        /* secrets not stored: TT_KEYLOG_MAX_ENTRIES client randoms reached */
    uint64_t first_bad_line; /* line number of the first malformed line, 0 when none */
    const char *first_bad_reason; /* why it is malformed (static) */
} tt_keylog_stats;

typedef struct tt_keylog tt_keylog;

/* Returns an empty key log (free with tt_keylog_free), or NULL when out of memory. */
tt_keylog *tt_keylog_new(void);
void tt_keylog_free(tt_keylog *k);

/* Feeds text in any chunking: each complete line ('\n', optionally "\r\n") is parsed. */
void tt_keylog_feed(tt_keylog *k, const char *p, size_t n);
/* Parses a last line that has no newline (the end of a file that is complete). */
void tt_keylog_end(tt_keylog *k);

/* The secret of `label` for the connection with this client random: copies it into out and
 * returns its length (32 or 48), or returns 0 when the key log has none. */
size_t tt_keylog_get(const tt_keylog *k, const uint8_t client_random[32], tt_kl_label label,
                     uint8_t out[TT_KEYLOG_MAX_SECRET]);

const tt_keylog_stats *tt_keylog_get_stats(const tt_keylog *k);

/* Reads what has been appended to the file at path since the last call with this path (a file
 * that shrank is read again from its start). With `complete`, a last line without newline is
 * parsed too (an offline file); otherwise it waits for its newline (a file still being written).
 * Returns 1 when new lines were read, 0 when nothing changed, -1 with a reason in err when the
 * file cannot be read. */
int tt_keylog_read_file(tt_keylog *k, const char *path, int complete, char *err, size_t errlen);

#endif
