/* The words of an event: its explanation, the sources of that explanation and, where Mbed TLS 3.6
 * departs from what the RFC asks, the deviation said both ways. Facts first, then words: the tap
 * decides what happened from the bytes and Mbed TLS (codes, labels, flags), and every sentence is
 * looked up here (or in tt_tables.h) from those facts, never written inside the tap. */
#ifndef TT_WORDS_H
#define TT_WORDS_H

#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "tt_source.h"

/* Where Mbed TLS 3.6 does something the RFC does not ask for: what the RFC asks, what Mbed TLS
 * does, and the sources of both. Events carry them as "deviations": [{id, rfc, mbedtls, sources}].
 */
typedef struct tt_deviation {
    const char *id;      /* snake_case, stable: tests and the page key on it */
    const char *rfc;     /* what the RFC asks, one or two sentences */
    const char *mbedtls; /* what Mbed TLS 3.6 does instead, and what follows */
    tt_src src;          /* RFC sections first, then the Mbed TLS function or code */
} tt_deviation;

typedef enum {
    TT_DEV_PLAINTEXT_ALERT_AFTER_SERVER_HELLO, /* a TLS 1.3 client's alert, in the clear */
    TT_DEV_ALERT_AFTER_FINISHED_UNDER_HS_KEYS, /* a TLS 1.3 server's alert after its Finished */
    TT_DEV_NO_CERTIFICATE_ALERT_IN_TLS13,      /* alert 41 instead of certificate_required */
    TT_DEV_NO_ALERT_FOR_MISSING_CLIENT_CERT,   /* TLS 1.2: no alert at all */
    TT_DEV_IP_ADDRESS_IN_SERVER_NAME,          /* SNI with an IP literal */
    TT_DEV_COUNT
} tt_deviation_id;
extern const tt_deviation tt_deviations[TT_DEV_COUNT];

/* Sentences the tap needs that are not a table row of tt_tables.h, keyed by what was seen. */
typedef enum {
    TT_NOTE_CCS_TLS12,     /* a TLS 1.2 ChangeCipherSpec record */
    TT_NOTE_CCS_TLS13,     /* a TLS 1.3 compatibility ChangeCipherSpec */
    TT_NOTE_UNDECRYPTED,   /* an encrypted record no key the tracer holds authenticates */
    TT_NOTE_READ_LATE,     /* a record Mbed TLS never read (it failed writing first) */
    TT_NOTE_NOT_A_RECORD,  /* bytes that are not a TLS record */
    TT_NOTE_MASTER_EMS,    /* TLS 1.2 master secret with extended_master_secret */
    TT_NOTE_MASTER_PLAIN,  /* TLS 1.2 master secret from the two randoms */
    TT_NOTE_C_HS_TRAFFIC,  /* TLS 1.3 client_handshake_traffic_secret */
    TT_NOTE_S_HS_TRAFFIC,  /* TLS 1.3 server_handshake_traffic_secret */
    TT_NOTE_C_AP_TRAFFIC,  /* TLS 1.3 client_application_traffic_secret_0 */
    TT_NOTE_S_AP_TRAFFIC,  /* TLS 1.3 server_application_traffic_secret_0 */
    TT_NOTE_OTHER_SECRET,  /* any other secret of the TLS 1.3 key schedule */
    TT_NOTE_SUMMARY_TLS13, /* the sources of a TLS 1.3 handshake_done summary */
    TT_NOTE_SUMMARY_TLS12, /* the sources of a TLS 1.2 handshake_done summary */
    TT_NOTE_COUNT
} tt_note_id;
typedef struct tt_note {
    const char *explain;
    tt_src src;
} tt_note;
extern const tt_note tt_notes[TT_NOTE_COUNT];

/* Adds "sources": [...] to obj, the strings referenced, not copied (they are static). Nothing
 * when src is NULL. */
void tt_json_add_sources(cJSON *obj, tt_src src);
/* Adds "explanation" and "sources" (both static, referenced). */
void tt_json_add_words(cJSON *obj, const char *explain, tt_src src);
/* Appends {"id", "rfc", "mbedtls", "sources"} (static, referenced) to obj's "deviations" array,
 * creating it. Nothing when d is NULL. */
void tt_json_add_deviation(cJSON *obj, const tt_deviation *d);
/* Adds the words of a note (tt_json_add_words of tt_notes[id]). */
void tt_json_add_note(cJSON *obj, tt_note_id id);

/* What the handshake_done summary says, as facts. */
typedef struct tt_summary_facts {
    uint16_t version;      /* 0x0303 / 0x0304 */
    uint16_t suite;        /* IANA cipher suite id */
    uint16_t group;        /* key-exchange group, 0 when none */
    int server_cv;         /* the server sent a CertificateVerify (TLS 1.3) */
    int server_ske_signed; /* the server signed a ServerKeyExchange (TLS 1.2) */
    int cert_requested;    /* a CertificateRequest crossed the wire */
    int client_cert_sent;  /* the client sent a non-empty Certificate */
    int client_cv_sent;    /* the client sent a CertificateVerify */
} tt_summary_facts;
/* Writes the one-sentence summary of a successful handshake into out (what was negotiated, and
 * which messages proved whom) and returns its sources. */
tt_src tt_words_summary(const tt_summary_facts *f, char *out, size_t len);

#endif
