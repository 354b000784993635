/* tlstrace: an educational TLS handshake tracer built on Mbed TLS 3.6. */
#include "tt_cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: tlstrace <command> [options]\n"
    "\n"
    "Traces real TLS handshakes performed by Mbed TLS 3.6 and shows every state, message,\n"
    "certificate check, key exchange and alert.\n"
    "\n"
    "commands:\n"
    "  ui        serve the page on http://127.0.0.1:8080/ and stream events to it live\n"
    "  demo      run a client and a server in one process over memory, both traced\n"
    "  connect   trace an Mbed TLS client against a real server (HOST:PORT)\n"
    "  serve     trace an Mbed TLS server: every client that connects is a session\n"
    "  capture   any TLS connection: read pcap/pcapng files or capture live, same events\n"
    "  replay    play recorded traces again: to stdout, the terminal or the page\n"
    "  validate  check traces against event schema v1\n"
    "  pki       write the classroom PKI (root CA, server and client certificates, failure cases)\n"
    "  bench     measure the tracer's cost: traced vs untraced handshakes, memory per connection\n"
    "\n"
    "Run 'tlstrace <command> --help' for the options of a command.\n"
    "Exit codes: 0 success (the handshake succeeded), 1 the handshake failed (a trace was still\n"
    "written), 2 usage or input error.\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return TT_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return TT_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("tlstrace %s\n", TLSTRACE_VERSION);
        return TT_EXIT_OK;
    }
    if (strcmp(cmd, "ui") == 0)
        return tt_cmd_ui(argc - 1, argv + 1);
    if (strcmp(cmd, "demo") == 0)
        return tt_cmd_demo(argc - 1, argv + 1);
    if (strcmp(cmd, "connect") == 0)
        return tt_cmd_connect(argc - 1, argv + 1);
    if (strcmp(cmd, "serve") == 0)
        return tt_cmd_serve(argc - 1, argv + 1);
    if (strcmp(cmd, "capture") == 0)
        return tt_cmd_capture(argc - 1, argv + 1);
    if (strcmp(cmd, "replay") == 0)
        return tt_cmd_replay(argc - 1, argv + 1);
    if (strcmp(cmd, "validate") == 0)
        return tt_cmd_validate(argc - 1, argv + 1);
    if (strcmp(cmd, "pki") == 0)
        return tt_cmd_pki(argc - 1, argv + 1);
    if (strcmp(cmd, "bench") == 0)
        return tt_cmd_bench(argc - 1, argv + 1);
    fprintf(stderr, "tlstrace: unknown command '%s'\nTry 'tlstrace --help'.\n", cmd);
    return TT_EXIT_USAGE;
}
