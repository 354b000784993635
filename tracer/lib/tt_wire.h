/* The wire parser: TLS records and handshake messages as pure functions over byte buffers.
 * No Mbed TLS types, no I/O; the only allocation is the cJSON output. Everything here is reachable
 * from the fuzz target (tests/fuzz/fuzz_wire.c) and from test vectors (tests/unit/test_wire.c). */
#ifndef TT_WIRE_H
#define TT_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>

/* A reader over (p, len). The first failure sticks: later reads return 0 and read nothing, and
 * `failed` keeps the offset and the name of the field that did not fit (BearSSL-style). */
typedef struct tt_reader {
    const uint8_t *p;
    size_t len;
    size_t pos;
    int failed;           /* 0 until a read runs past the end or a length is inconsistent */
    size_t fail_at;       /* offset of the first failure */
    const char *fail_what;/* the field that failed, e.g. "cipher_suites length" */
} tt_reader;

void tt_reader_init(tt_reader *r, const uint8_t *p, size_t len);
uint8_t tt_read_u8(tt_reader *r, const char *what);
uint16_t tt_read_u16(tt_reader *r, const char *what);
uint32_t tt_read_u24(tt_reader *r, const char *what);
uint32_t tt_read_u32(tt_reader *r, const char *what);
/* Returns a pointer to the next n bytes and advances, or NULL (and fails) when fewer remain. */
const uint8_t *tt_read_bytes(tt_reader *r, size_t n, const char *what);
/* Marks the reader failed at its current position (first failure only). */
void tt_reader_fail(tt_reader *r, const char *what);

/* RFC 8446 §5.1 / RFC 5246 §6.2.1: the 5-byte record header. */
typedef struct tt_record_hdr {
    uint8_t type;      /* 20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data */
    uint16_t version;  /* legacy_record_version */
    uint16_t length;   /* length of the fragment that follows */
} tt_record_hdr;
#define TT_RECORD_HEADER_LEN 5
/* Largest fragment a record may carry: 2^14 plaintext + 2048 expansion (RFC 5246 §6.2.3; TLS 1.3
 * allows 2^14 + 256, which is smaller). */
#define TT_RECORD_MAX_FRAGMENT (16384 + 2048)

/* Parses a record header from at least 5 bytes. Returns 0, or -1 with a reason in err when the
 * content type is not 20..24, the major version is not 3, or the length exceeds
 * TT_RECORD_MAX_FRAGMENT. */
int tt_wire_record_header(const uint8_t *p, size_t len, tt_record_hdr *out, char *err, size_t errlen);

/* What the parser must know that is not in the message itself. */
typedef struct tt_wire_ctx {
    int tls13;             /* 1 once TLS 1.3 is the negotiated version (Certificate, CertificateRequest,
                              NewSessionTicket and CertificateVerify framing depend on it) */
    uint16_t cipher_suite; /* the selected suite, 0 when not known yet (TLS 1.2 ServerKeyExchange
                              and ClientKeyExchange formats depend on its key exchange) */
} tt_wire_ctx;

/* The result of a decode. `fields` and `spans` are always set after a call (possibly empty), and
 * belong to the caller (cJSON_Delete both). */
typedef struct tt_decoded {
    cJSON *fields;   /* object of decoded fields, see below */
    cJSON *spans;    /* array of [json_pointer, offset, length]: where the bytes of each field are,
                        offsets from the first byte given to the decoder (for handshake messages:
                        the first byte of the 4-byte handshake header) */
    char error[192]; /* "" when well formed; otherwise one line: what is wrong and at which offset.
                        Fields decoded before the error are kept. */
} tt_decoded;

/* Frees fields and spans and zeroes the struct. */
void tt_decoded_free(tt_decoded *d);

/* Decodes one whole handshake message (4-byte header + body). Returns 0 when well formed, -1 when
 * not (out->error says why). Field conventions (see schema/README.md):
 *   a coded value is an object {"id": N, "name": "iana_name"} (name null when unknown);
 *   byte strings are lowercase hex strings; lengths are numbers of bytes.
 * Message fields by type — client_hello: legacy_version, random, session_id, cipher_suites[],
 * compression_methods[], extensions[]; server_hello: legacy_version, random, session_id,
 * cipher_suite, compression_method, extensions[], hello_retry_request (bool), selected_version;
 * each extension: {"type": {id,name}, "length": N, "data": {decoded, per type}}; certificate:
 * [certificate_request_context (1.3)], certificates[] of {"length", "x509": {tt_x509_describe},
 * "extensions" (1.3)} or "x509_error"; server_key_exchange: curve_type, named_group, public_key_length,
 * signature_scheme, signature_length (ECDHE) / p_length, g_length, public_key_length, ... (DHE);
 * certificate_request: certificate_types[] + signature_schemes[] + certificate_authorities[] (1.2),
 * certificate_request_context + extensions[] (1.3); server_hello_done: {}; client_key_exchange:
 * public_key_length (ECDHE/DHE) or encrypted_premaster_length (RSA); certificate_verify:
 * signature_scheme, signature_length; finished: verify_data; new_session_ticket: ticket_lifetime,
 * [ticket_age_add, ticket_nonce, extensions] (1.3), ticket_length; encrypted_extensions: extensions[].
 * Key-share data: client {"shares": [{"group", "key_exchange_length"}]}, server {"group",
 * "key_exchange_length"}, HelloRetryRequest {"selected_group"}. */
int tt_wire_handshake(const uint8_t *msg, size_t len, const tt_wire_ctx *ctx, tt_decoded *out);

/* Decodes an alert fragment (2 bytes: level, description; RFC 8446 §6). Fields: level {id,name},
 * description {id,name}, explanation (the table's sentence). */
int tt_wire_alert(const uint8_t *p, size_t len, tt_decoded *out);

/* Decodes a change_cipher_spec fragment (must be the single byte 1, RFC 5246 §7.1). Fields: value. */
int tt_wire_ccs(const uint8_t *p, size_t len, tt_decoded *out);

/* Handshake reassembly (RFC 8446 §5.1: messages may be split across records, and several may share
 * one record). Bytes are pushed as records arrive; complete messages come out in order. */
typedef struct tt_hs_reasm {
    uint8_t *buf;
    size_t len, cap;
    size_t max;      /* refuse to buffer more than this (a message longer than this is an error) */
} tt_hs_reasm;
void tt_hs_reasm_init(tt_hs_reasm *r, size_t max);
void tt_hs_reasm_free(tt_hs_reasm *r);
/* Appends bytes; returns 0, or -1 when the buffered message would exceed max (or out of memory). */
int tt_hs_reasm_push(tt_hs_reasm *r, const uint8_t *p, size_t len);
/* When a whole message is buffered, copies it out: *msg points to a malloc'd copy the caller frees,
 * *len its length (4-byte header included); returns 1. Returns 0 when no complete message is
 * buffered, -1 when the buffered header announces a message longer than max. */
int tt_hs_reasm_next(tt_hs_reasm *r, uint8_t **msg, size_t *len);
/* 1 when bytes of an incomplete message are buffered. */
int tt_hs_reasm_pending(const tt_hs_reasm *r);

#endif
