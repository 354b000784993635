/* The forms a source reference may take (tt_source.h), checked the way the schema's pattern does:
 *   ^(RFC [0-9]{1,5}( §[0-9]+(\.[0-9]+)*| Appendix [A-Z](\.[0-9]+)*)?|draft-[a-z0-9-]+|FIPS [0-9]+
 *    |Mbed TLS 3\.6 behaviour: .+)$   and not a whole "RFC 8446" or "RFC 5246". */
#include "tt_source.h"

#include <string.h>

/* Length of a run of decimal digits at p. */
static size_t digits(const char *p)
{
    return strspn(p, "0123456789");
}

/* 1 when p is ( "." digits+ )* and nothing else. */
static int dotted_tail(const char *p)
{
    while (*p == '.') {
        size_t n = digits(p + 1);
        if (n == 0)
            return 0;
        p += 1 + n;
    }
    return *p == '\0';
}

int tt_source_valid(const char *s)
{
    static const char mbed[] = "Mbed TLS 3.6 behaviour: ";
    static const char sect[] = " \xc2\xa7"; /* " §" in UTF-8 */
    if (!s)
        return 0;
    if (strncmp(s, mbed, sizeof(mbed) - 1) == 0) {
        const char *rest = s + sizeof(mbed) - 1;
        return *rest && strchr(rest, '\n') == NULL && strchr(rest, '\r') == NULL;
    }
    if (strncmp(s, "draft-", 6) == 0)
        return s[6] && strspn(s + 6, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(s + 6);
    if (strncmp(s, "FIPS ", 5) == 0)
        return s[5] && digits(s + 5) == strlen(s + 5);
    if (strncmp(s, "RFC ", 4) != 0)
        return 0;
    const char *p = s + 4;
    size_t n = digits(p);
    if (n == 0 || n > 5)
        return 0;
    if (p[n] == '\0') /* a whole RFC: never the two cores, whose sections are always named */
        return strcmp(p, "8446") != 0 && strcmp(p, "5246") != 0;
    p += n;
    if (strncmp(p, sect, sizeof(sect) - 1) == 0) {
        p += sizeof(sect) - 1;
        n = digits(p);
        return n > 0 && dotted_tail(p + n);
    }
    if (strncmp(p, " Appendix ", 10) == 0) {
        p += 10;
        return *p >= 'A' && *p <= 'Z' && dotted_tail(p + 1);
    }
    return 0;
}
