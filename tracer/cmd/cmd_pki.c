/* tlstrace pki: writes the classroom PKI with Mbed TLS's x509write API. */
#include "tt_cli.h"
#include "tt_pki.h"

#include <stdio.h>
#include <string.h>

static const char pki_usage[] =
    "usage: tlstrace pki DIR [--host NAME]... [--seed TEXT]\n"
    "\n"
    "Writes a demo PKI into DIR (created if missing): root-ca, server, client, expired,\n"
    "other-ca, other-server and wrong-host certificates (.crt) and keys (.key), in PEM that\n"
    "openssl, curl and mosquitto accept, plus README.txt. DEMO KEYS: never use in production.\n"
    "\n"
    "  --host NAME   add a DNS name or IP address to the server certificate (repeatable);\n"
    "                tlstrace-demo.local, localhost and 127.0.0.1 are always included\n"
    "  --seed TEXT   deterministic keys and certificates (the committed fixtures use\n"
    "                --seed \"tlstrace classroom pki v1\"); without it, fresh random keys\n"
    "\n"
    "Exit codes: 0 written, 2 usage error or a file could not be written.\n";

int tt_cmd_pki(int argc, char **argv)
{
    const char *dir = NULL, *seed = NULL;
    const char *hosts[32];
    size_t nhosts = 0;
    tt_args a;
    tt_args_init(&a, "pki", argc, argv);
    const char *arg;
    int is_opt;
    while ((arg = tt_args_next(&a, &is_opt))) {
        if (!is_opt) {
            if (dir)
                return tt_usage_error("pki", "unexpected argument '%s' (one DIR only)", arg);
            dir = arg;
        } else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            fputs(pki_usage, stdout);
            return TT_EXIT_OK;
        } else if (!strcmp(arg, "--host")) {
            const char *h = tt_args_value(&a);
            if (!h)
                return TT_EXIT_USAGE;
            if (nhosts == sizeof(hosts) / sizeof(hosts[0]))
                return tt_usage_error("pki", "at most %zu --host names", nhosts);
            if (!*h || strlen(h) > 253)
                return tt_usage_error("pki", "--host '%s' is not a host name or address", h);
            hosts[nhosts++] = h;
        } else if (!strcmp(arg, "--seed")) {
            seed = tt_args_value(&a);
            if (!seed)
                return TT_EXIT_USAGE;
        } else {
            return tt_usage_error("pki", "unknown option '%s'", arg);
        }
    }
    if (!dir)
        return tt_usage_error("pki", "missing DIR");
    char err[512];
    if (tt_pki_generate(dir, hosts, nhosts, seed, err, sizeof(err)) != 0) {
        fprintf(stderr, "tlstrace pki: %s\n", err);
        return TT_EXIT_USAGE;
    }
    printf("wrote the demo PKI to %s (DEMO KEYS - never use in production)\n", dir);
    return TT_EXIT_OK;
}
