/* tlstrace demo: a traced client and server in one process, configured by a scenario. */
#include "tt_cli.h"
#include "tt_clock.h"
#include "tt_demo.h"
#include "tt_emit.h"
#include "tt_outputs.h"
#include "tt_scenario.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char demo_usage[] =
    "usage: tlstrace demo [--scenario NAME] [--tls 1.2|1.3] [--mutual] [--all]\n"
    "                     [--out FILE] [--format jsonl|text] [--verbose]\n"
    "                     [--pki DIR] [--seed TEXT] [--fixed-clock] [--keylog FILE]\n"
    "                     [--pcap FILE]\n"
    "                     [--ui ADDR:PORT]\n"
    "                     [--list-scenarios]\n"
    "\n"
    "Runs an Mbed TLS client and server in one process, joined in memory, and traces both:\n"
    "every state, record, handshake message (TLS 1.3's encrypted ones decrypted), certificate\n"
    "check, key exchange, secret label (never its value) and the outcome.\n"
    "\n"
    "  --scenario NAME    what to run (default: basic); see --list-scenarios\n"
    "  --tls 1.2|1.3      the TLS version (default: 1.3); for version-mismatch, the client's\n"
    "  --mutual           the server also requires a client certificate\n"
    "  --all              run every scenario in every version it supports, one trace\n"
    "  --out FILE         write the trace (JSON Lines) to FILE; stdout then shows the\n"
    "                     timeline when it is a terminal\n"
    "  --format F         stdout format: jsonl (default when piped) or text (default on a\n"
    "                     terminal: a two-column client | server timeline)\n"
    "  --verbose          text format: also show every record and secret label, every\n"
    "                     explanation and its sources (RFC sections, Mbed TLS behaviour)\n"
    "  --pki DIR          load certificates and keys from DIR (as written by 'tlstrace pki')\n"
    "                     instead of the classroom PKI built into tlstrace\n"
    "  --seed TEXT        seed the random generator: TLS 1.2 runs become byte-identical\n"
    "  --fixed-clock      freeze the clock: Mbed TLS sees 2026-01-01T00:00:00Z and event\n"
    "                     times are synthetic (250 us apart); with --seed, TLS 1.2 traces are\n"
    "                     byte-identical run to run (how fixtures/traces are recorded)\n"
    "  --keylog FILE      write the handshakes' secrets to FILE (mode 0600) in the NSS key log\n"
    "                     format Wireshark reads; secrets go nowhere else (never into events)\n"
    "  --pcap FILE        write the handshakes' bytes to FILE (pcapng, mode 0600) as TCP\n"
    "                     connections between documentation addresses (192.0.2.1 client,\n"
    "                     198.51.100.1:443 server, RFC 5737), with the key log inside, so that\n"
    "                     Wireshark and 'tlstrace capture' open them already decrypted\n"
    "  --ui ADDR:PORT     also stream the events to a running 'tlstrace ui' at ADDR:PORT\n"
    "  --list-scenarios   print each scenario with what it teaches, and exit\n"
    "\n"
    "Exit codes: 0 every handshake succeeded, 1 a handshake failed (the trace is complete),\n"
    "2 usage or input error (nothing written).\n";

static void list_scenarios(void)
{
    for (size_t i = 0; i < tt_scenarios_count; i++) {
        const tt_scenario *s = &tt_scenarios[i];
        printf("%-18s TLS %-8s %s\n", s->name,
               s->versions == (TT_TLS12 | TT_TLS13) ? "1.2, 1.3"
               : s->versions == TT_TLS13             ? "1.3"
                                                     : "1.2",
               s->teaches);
    }
}

typedef struct run { const tt_scenario *sc; int tls13; } run;

int tt_cmd_demo(int argc, char **argv)
{
    const char *scenario = "basic", *out_path = NULL, *format = NULL, *pki = NULL, *seed = NULL;
    const char *tls = "1.3", *ui = NULL, *keylog_path = NULL, *pcap_path = NULL;
    int mutual = 0, all = 0, verbose = 0, fixed_clock = 0;
    tt_args a;
    tt_args_init(&a, "demo", argc, argv);
    const char *arg;
    int is_opt;
    while ((arg = tt_args_next(&a, &is_opt))) {
        if (!is_opt)
            return tt_usage_error("demo", "unexpected argument '%s'", arg);
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            fputs(demo_usage, stdout);
            return TT_EXIT_OK;
        } else if (!strcmp(arg, "--list-scenarios")) {
            list_scenarios();
            return TT_EXIT_OK;
        } else if (!strcmp(arg, "--scenario")) {
            scenario = tt_args_value(&a);
        } else if (!strcmp(arg, "--tls")) {
            tls = tt_args_value(&a);
        } else if (!strcmp(arg, "--out")) {
            out_path = tt_args_value(&a);
        } else if (!strcmp(arg, "--format")) {
            format = tt_args_value(&a);
        } else if (!strcmp(arg, "--pki")) {
            pki = tt_args_value(&a);
        } else if (!strcmp(arg, "--seed")) {
            seed = tt_args_value(&a);
        } else if (!strcmp(arg, "--ui")) {
            ui = tt_args_value(&a);
        } else if (!strcmp(arg, "--keylog")) {
            keylog_path = tt_args_value(&a);
        } else if (!strcmp(arg, "--pcap")) {
            pcap_path = tt_args_value(&a);
        } else if (!strcmp(arg, "--mutual")) {
            mutual = 1;
        } else if (!strcmp(arg, "--fixed-clock")) {
            fixed_clock = 1;
        } else if (!strcmp(arg, "--all")) {
            all = 1;
        } else if (!strcmp(arg, "--verbose")) {
            verbose = 1;
        } else {
            return tt_usage_error("demo", "unknown option '%s'", arg);
        }
        if (a.failed)
            return TT_EXIT_USAGE;
    }
    if (strcmp(tls, "1.2") != 0 && strcmp(tls, "1.3") != 0)
        return tt_usage_error("demo", "--tls must be 1.2 or 1.3, not '%s'", tls);
    if (format && strcmp(format, "jsonl") != 0 && strcmp(format, "text") != 0)
        return tt_usage_error("demo", "--format must be jsonl or text, not '%s'", format);
    const tt_scenario *sc = tt_scenario_find(scenario);
    if (!sc)
        return tt_usage_error("demo", "unknown scenario '%s' (see --list-scenarios)", scenario);
    int tls13 = strcmp(tls, "1.3") == 0;
    if (!all && !(sc->versions & (tls13 ? TT_TLS13 : TT_TLS12)))
        return tt_usage_error("demo", "scenario %s runs only in TLS %s", sc->name,
                              tls13 ? "1.2" : "1.3");

    run runs[64];
    size_t nruns = 0;
    if (all) {
        for (size_t i = 0; i < tt_scenarios_count; i++)
            for (int v = 0; v < 2; v++)
                if (tt_scenarios[i].versions & (v ? TT_TLS13 : TT_TLS12))
                    runs[nruns++] = (run){&tt_scenarios[i], v};
    } else {
        runs[nruns++] = (run){sc, tls13};
    }

    /* Open the outputs (nothing is written yet), then load every configuration: bad certificate
     * or key files are input errors (exit 2) and must leave no output behind. */
    tt_demo_env *envs[64] = {0};
    tt_outputs out;
    tt_outputs_opts oo = {.cmd = "demo", .out_path = out_path, .ui = ui,
                          .keylog_path = keylog_path, .pcap_path = pcap_path, .format = format,
                          .verbose = verbose, .timeline = 1};
    if (tt_outputs_open(&out, &oo) != 0)
        return TT_EXIT_USAGE;
    int rc = TT_EXIT_OK;
    for (size_t i = 0; i < nruns && rc == TT_EXIT_OK; i++) {
        char err[512];
        tt_demo_opts o = {.scenario = runs[i].sc, .tls13 = runs[i].tls13, .mutual = mutual,
                          .pki_dir = pki, .seed = seed, .keylog = out.keylog,
                          .pcap = out.has_pcap ? &out.pcap : NULL,
                          .pcap_keylog = out.pcap_keylog};
        envs[i] = tt_demo_env_new(&o, err, sizeof(err));
        if (!envs[i]) {
            fprintf(stderr, "tlstrace demo: %s\n", err);
            rc = TT_EXIT_USAGE;
        }
    }
    uint64_t ticks = 0;
    if (fixed_clock) {
        tt_clock_freeze(TT_FIXED_TIME);
        out.em.clock = tt_clock_synthetic;
        out.em.clock_ctx = &ticks;
    }
    for (size_t i = 0; i < nruns && rc != TT_EXIT_USAGE; i++) {
        char session[64];
        snprintf(session, sizeof(session), "%s-tls%s%s", runs[i].sc->name,
                 runs[i].tls13 ? "1.3" : "1.2", mutual && !runs[i].sc->mutual ? "-mutual" : "");
        tt_demo_result res;
        if (tt_demo_handshake(envs[i], &out.em, session, &res) != 0) {
            fprintf(stderr, "tlstrace demo: %s: out of memory\n", session);
            rc = TT_EXIT_USAGE;
            break;
        }
        if (!(res.client_ok && res.server_ok))
            rc = TT_EXIT_FAILED;
    }
    rc = tt_outputs_close(&out, rc);
    for (size_t i = 0; i < nruns; i++)
        tt_demo_env_free(envs[i]);
    return rc;
}
