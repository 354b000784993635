/* The words of a connection seen on the network (tt_observe.c): every sentence a capture's events
 * carry, with its sources, looked up by what the wire showed. Facts first, then words, as for the
 * tap (tt_words.h): the observer decides what happened from the bytes, and the sentences live here,
 * never inside it. */
#ifndef TT_OBS_WORDS_H
#define TT_OBS_WORDS_H

#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "tt_words.h"

/* Sentences keyed by one fact each (tt_note: explain and src, static). */
typedef enum {
    TT_OBS_SECRET_TLS13,       /* a TLS 1.3 secret found in the key log */
    TT_OBS_SECRET_TLS12,       /* the TLS 1.2 master secret (CLIENT_RANDOM) found in it */
    TT_OBS_RECORD_PART_MISSED, /* a gap inside a record whose length is known */
    TT_OBS_HEADER_MISSED,      /* a gap across a record header: the direction stops */
    TT_OBS_NOT_A_RECORD,       /* bytes that are not a record header: the direction stops */
    TT_OBS_TLS13_NO_KEYLOG,    /* a TLS 1.3 encrypted record, no key log given */
    TT_OBS_TLS13_NO_KEY,       /* a TLS 1.3 encrypted record no key of the key log opens */
    TT_OBS_TLS12_FINISHED,     /* TLS 1.2: the first record after ChangeCipherSpec */
    TT_OBS_TLS12_ALERT,        /* TLS 1.2: an encrypted alert */
    TT_OBS_TLS12_DATA,         /* TLS 1.2: any other encrypted record */
    TT_OBS_TLS12_OLD_VERSION,  /* TLS 1.0/1.1 after ChangeCipherSpec: not decrypted */
    TT_OBS_TLS12_NOT_AEAD,     /* a CBC (non-AEAD) suite: not decrypted */
    TT_OBS_TLS12_NO_MASTER,    /* the key log has no CLIENT_RANDOM line for the connection */
    TT_OBS_TLS12_NO_CIPHER,    /* Mbed TLS has no cipher for the suite */
    TT_OBS_CHAIN_CHECKED,      /* a cert_verify of tlstrace capture --ca */
    TT_OBS_END_IDLE,           /* session_end: nothing for --idle seconds */
    TT_OBS_END_EVICTED,        /* session_end: too many open connections */
    TT_OBS_END_CAPTURE,        /* session_end: the capture ended first */
    TT_OBS_END_RST,            /* session_end: a TCP reset */
    TT_OBS_UNKNOWN_HIDDEN,     /* outcome unknown: TLS 1.3 without the key log */
    TT_OBS_UNKNOWN_LOSSY,      /* outcome unknown: the capture missed bytes */
    TT_OBS_UNKNOWN_INCOMPLETE, /* outcome unknown: no complete handshake captured */
    TT_OBS_NOTE_COUNT
} tt_obs_note_id;
extern const tt_note tt_obs_notes[TT_OBS_NOTE_COUNT];

/* Adds the words of a note ("explanation", "sources"; static, referenced) to obj. */
void tt_obs_add_note(cJSON *obj, tt_obs_note_id id);

/* How a side's handshake_done was decided from the wire. */
typedef enum {
    TT_OBS_DONE_WROTE_SECOND, /* it wrote the second Finished, after checking the first */
    TT_OBS_DONE_WROTE_AFTER,  /* it wrote the first Finished, then went on writing after the second
                               */
    TT_OBS_DONE_CLOSED,       /* it wrote the first Finished, then closed without an alert */
} tt_obs_done_how;

/* What a capture's handshake_done summary says, as facts. */
typedef struct tt_obs_done_facts {
    uint16_t version, suite, group; /* group 0: none */
    int mutual;                     /* a CertificateRequest answered with Certificate and CV */
    int finished_read;              /* 1: both Finished decrypted; 0: inferred from CCS + records */
    tt_obs_done_how how;
    int who; /* 0 client, 1 server: the side this summary is for */
} tt_obs_done_facts;
/* Writes the summary into out and returns its sources (static). */
tt_src tt_obs_words_done(const tt_obs_done_facts *f, char *out, size_t len);

/* Why a side's handshake_failed was decided from the wire. */
typedef enum {
    TT_OBS_FAIL_HELLO_REFUSED,     /* the server's handshake_failure alert before any ServerHello */
    TT_OBS_FAIL_CERT_REQUIRED,     /* an alert after a CertificateRequest went unanswered */
    TT_OBS_FAIL_ALERT_SENT,        /* this side sent the fatal alert */
    TT_OBS_FAIL_ALERT_RECEIVED,    /* its peer sent the fatal alert */
    TT_OBS_FAIL_CLOSED_EMPTY_CERT, /* the server hung up after an empty client Certificate */
    TT_OBS_FAIL_CLOSED,            /* a side closed (FIN or RST) mid-handshake without an alert */
    TT_OBS_FAIL_NOT_TLS,           /* a side's first bytes are not TLS records */
} tt_obs_fail_kind;

/* What a capture's handshake_failed explanation says, as facts. */
typedef struct tt_obs_fail_facts {
    tt_obs_fail_kind kind;
    int tls13;             /* the ServerHello chose TLS 1.3 (1) or 1.2 (0); -1 before it */
    int actor;             /* 0 client, 1 server: who sent the alert, closed, or is not TLS */
    int alert;             /* the alert's description, -1 none */
    int client_cert_empty; /* the client answered the CertificateRequest with no certificate */
    int rst;               /* closed with a TCP RST (else FIN) */
} tt_obs_fail_facts;
/* Writes the explanation (ending with what it was inferred from) into out and adds "explanation"
 * (copied) and "sources" to obj. */
void tt_obs_add_failure(cJSON *obj, const tt_obs_fail_facts *f);

#endif
