/* Where a sentence comes from. Every explaining sentence tlstrace ships names its sources: the
 * tables carry them as a column, and events carry them next to the text ("sources"). */
#ifndef TT_SOURCE_H
#define TT_SOURCE_H

/* A NULL-terminated list of references, each one of
 *   "RFC 8446 §4.4.3", "RFC 8446 Appendix D.4"  a section of an RFC (always for RFC 8446 and 5246),
 *   "RFC 7627"                                   a whole RFC that is about the one value described,
 *   "draft-ietf-tls-esni", "FIPS 203"            a draft or a standard outside the RFC series,
 *   "Mbed TLS 3.6 behaviour: <function or code>" what Mbed TLS itself does.
 * The same forms as the pattern of "sources" in schema/event.schema.json. */
typedef const char *const *tt_src;
/* A list of references as a static array (use at file scope only: a compound literal inside a
 * function lives only as long as its block). */
#define TT_SRC(...) ((const char *const[]){__VA_ARGS__, NULL})

/* 1 when s is one reference of the forms above, 0 otherwise (NULL included). */
int tt_source_valid(const char *s);

#endif
