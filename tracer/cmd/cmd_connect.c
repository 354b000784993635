/* tlstrace connect: a traced Mbed TLS client against any TLS server. */
#include "tt_cli.h"
#include "tt_conn.h"
#include "tt_endpoint.h"
#include "tt_net.h"
#include "tt_outputs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char connect_usage[] =
    "usage: tlstrace connect HOST:PORT [--ca FILE | --ca-dir DIR] [--cert FILE --key FILE]\n"
    "                       [--servername NAME] [--tls 1.2|1.3] [--alpn LIST]\n"
    "                       [--ciphers LIST] [--groups LIST] [--timeout S] [--send TEXT]\n"
    "                       [--keylog FILE] [--pcap FILE] [--out FILE] [--format jsonl|text]\n"
    "                       [--verbose]\n"
    "                       [--ui ADDR:PORT]\n"
    "\n"
    "Connects to a real TLS server (a web server, an MQTT broker, openssl s_server, ...) with a\n"
    "traced Mbed TLS client, shows the whole handshake, waits briefly for what the server sends\n"
    "right after it (TLS 1.3 tickets, or a late refusal of the client's certificate), and closes\n"
    "with close_notify.\n"
    "\n"
    "  --ca FILE          the root CA certificate(s) that must have signed the server's\n"
    "                     certificate (PEM or DER); default: the system's trust store\n"
    "  --ca-dir DIR       every certificate file in DIR is trusted\n"
    "  --cert F --key F   the client certificate and its key, for servers that require one\n"
    "  --servername NAME  the name to ask for (SNI) and to check in the server's certificate\n"
    "                     (default: HOST)\n"
    "  --tls 1.2|1.3      allow only this version (default: both)\n"
    "  --alpn LIST        offer these application protocols, e.g. h2,http/1.1 or mqtt\n"
    "  --ciphers LIST     offer only these cipher suites (IANA names or 0x1301 numbers)\n"
    "  --groups LIST      offer only these key-exchange groups (x25519, secp256r1, ...)\n"
    "  --timeout S        give up when the server is silent for S seconds (default: 10)\n"
    "  --send TEXT        after the handshake, send TEXT as application data and show the\n"
    "                     records that come back (read until the server closes or is quiet for\n"
    "                     0.5 s). Escapes: \\n \\r \\t \\\\ \\0 \\xHH (binary protocols, e.g. an MQTT\n"
    "                     CONNECT: \\x10\\x14\\x00\\x04MQTT\\x04\\x02\\x00\\x3c\\x00\\x08tlstrace)\n"
    "  --keylog FILE      append the connection's secrets to FILE (mode 0600) in the NSS key\n"
    "                     log format, so Wireshark can decrypt a capture of this connection\n"
    "  --pcap FILE        write the connection's bytes to FILE (pcapng, mode 0600, the key log\n"
    "                     inside: Wireshark and 'tlstrace capture' open it decrypted)\n"
    "  --out FILE         write the trace (JSON Lines) to FILE\n"
    "  --format F         stdout format: jsonl (default when piped) or text (on a terminal)\n"
    "  --verbose          text format: also show every record and secret label, every\n"
    "                     explanation and its sources (RFC sections, Mbed TLS behaviour)\n"
    "  --ui ADDR:PORT     also stream the events to a running 'tlstrace ui' at ADDR:PORT\n"
    "\n"
    "Exit codes: 0 the handshake succeeded, 1 it failed (network faults included; the trace\n"
    "says why), 2 usage or input error (nothing written).\n";

/* Decodes the escapes of --send into out; returns the length, or -1 with a reason in err. */
static long unescape(const char *s, unsigned char *out, size_t cap, char *err, size_t errlen)
{
    size_t n = 0;
    for (size_t i = 0; s[i]; i++) {
        if (n == cap) {
            snprintf(err, errlen, "--send: longer than %zu bytes", cap);
            return -1;
        }
        if (s[i] != '\\') {
            out[n++] = (unsigned char)s[i];
            continue;
        }
        char e = s[++i];
        switch (e) {
        case 'n': out[n++] = '\n'; break;
        case 'r': out[n++] = '\r'; break;
        case 't': out[n++] = '\t'; break;
        case '0': out[n++] = 0; break;
        case '\\': out[n++] = '\\'; break;
        case 'x': {
            int v = 0, k;
            for (k = 1; k <= 2; k++) {
                char h = s[i + (size_t)k];
                int d = h >= '0' && h <= '9' ? h - '0'
                        : h >= 'a' && h <= 'f' ? h - 'a' + 10
                        : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                               : -1;
                if (d < 0)
                    break;
                v = v * 16 + d;
            }
            if (k != 3) {
                snprintf(err, errlen, "--send: \\x at offset %zu needs two hex digits", i - 1);
                return -1;
            }
            out[n++] = (unsigned char)v;
            i += 2;
            break;
        }
        default:
            snprintf(err, errlen,
                     "--send: '\\%c' at offset %zu is not an escape (use \\n \\r \\t \\\\ \\0 \\xHH)",
                     e ? e : ' ', i - 1);
            return -1;
        }
    }
    return (long)n;
}

static const char *transport_cause(tt_net_fault f)
{
    switch (f) {
    case TT_NET_NAME_NOT_RESOLVED: return "name_not_resolved";
    case TT_NET_REFUSED: return "connection_refused";
    case TT_NET_TIMEOUT: return "timeout";
    case TT_NET_UNREACHABLE: return "network_unreachable";
    default: return "network_error";
    }
}

/* Where the transport explanations come from: TCP (RFC 9293) and the DNS (RFC 1034). */
static const tt_src src_dns = TT_SRC("RFC 1034");
static const tt_src src_tcp = TT_SRC("RFC 9293");

/* Writes the explanation of a fault before TLS started and returns its sources. */
static tt_src transport_explain(const tt_net_error *e, const char *host, const char *peer,
                                int timeout_ms, char *out, size_t len)
{
    switch (e->fault) {
    case TT_NET_NAME_NOT_RESOLVED:
        snprintf(out, len,
                 "The host name '%s' could not be turned into an address (%s), so no connection "
                 "was attempted and no TLS was spoken. Check the spelling, or the DNS.",
                 host, e->text);
        break;
    case TT_NET_REFUSED:
        snprintf(out, len,
                 "Nothing accepts connections on %s: the host refused the TCP connection, so no "
                 "TLS was spoken. The server is not running, or it listens on another port.",
                 peer);
        break;
    case TT_NET_TIMEOUT:
        snprintf(out, len,
                 "The TCP connection to %s was not answered within %d.%03d s, so no TLS was "
                 "spoken: the host is down, or a firewall silently drops the packets.",
                 peer, timeout_ms / 1000, timeout_ms % 1000);
        break;
    case TT_NET_UNREACHABLE:
        snprintf(out, len, "There is no route to %s (%s): no TLS was spoken.", peer, e->text);
        break;
    default:
        snprintf(out, len, "The TCP connection failed (%s): no TLS was spoken.", e->text);
        break;
    }
    return e->fault == TT_NET_NAME_NOT_RESOLVED ? src_dns : src_tcp;
}

int tt_cmd_connect(int argc, char **argv)
{
    const char *target = NULL, *servername = NULL, *timeout_s = "10", *send_text = NULL;
    tt_endpoint_opts eo = {.is_server = 0};
    tt_outputs_opts oo = {.cmd = "connect", .timeline = 1};
    tt_args a;
    tt_args_init(&a, "connect", argc, argv);
    const char *arg;
    int is_opt;
    while ((arg = tt_args_next(&a, &is_opt))) {
        if (!is_opt) {
            if (target)
                return tt_usage_error("connect", "unexpected argument '%s' (one HOST:PORT)", arg);
            target = arg;
            continue;
        }
        if (tt_endpoint_option(&a, arg, &eo, &oo)) {
            ;
        } else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            fputs(connect_usage, stdout);
            return TT_EXIT_OK;
        } else if (!strcmp(arg, "--servername")) {
            servername = tt_args_value(&a);
        } else if (!strcmp(arg, "--timeout")) {
            timeout_s = tt_args_value(&a);
        } else if (!strcmp(arg, "--send")) {
            send_text = tt_args_value(&a);
        } else if (!strcmp(arg, "--verbose")) {
            oo.verbose = 1;
        } else {
            return tt_usage_error("connect", "unknown option '%s'", arg);
        }
        if (a.failed)
            return TT_EXIT_USAGE;
    }
    if (!target)
        return tt_usage_error("connect", "missing HOST:PORT (e.g. broker.example:8883)");
    char host[256], port[16], err[512];
    if (tt_net_split(target, 0, host, sizeof(host), port, sizeof(port), err, sizeof(err)) != 0)
        return tt_usage_error("connect", "%s", err);
    if (oo.format && strcmp(oo.format, "jsonl") != 0 && strcmp(oo.format, "text") != 0)
        return tt_usage_error("connect", "--format must be jsonl or text, not '%s'", oo.format);
    char *end;
    double tsec = strtod(timeout_s, &end);
    if (*end || !(tsec > 0 && tsec <= 3600))
        return tt_usage_error("connect", "--timeout must be seconds from 0.001 to 3600, not '%s'",
                              timeout_s);
    int timeout_ms = (int)(tsec * 1000 + 0.5);
    if (timeout_ms < 1)
        timeout_ms = 1;
    if (servername && (!*servername || strlen(servername) > 253))
        return tt_usage_error("connect", "--servername must be a host name of 1 to 253 bytes");
    unsigned char *payload = NULL;
    long payload_len = 0;
    if (send_text) {
        payload = malloc(16384);
        if (!payload)
            return TT_EXIT_USAGE;
        payload_len = unescape(send_text, payload, 16384, err, sizeof(err));
        if (payload_len < 0) {
            free(payload);
            return tt_usage_error("connect", "%s", err);
        }
    }

    tt_endpoint ep;
    if (tt_endpoint_init(&ep, &eo, err, sizeof(err)) != 0) {
        fprintf(stderr, "tlstrace connect: %s\n", err);
        tt_endpoint_free(&ep);
        free(payload);
        return TT_EXIT_USAGE;
    }
    tt_outputs out;
    if (tt_outputs_open(&out, &oo) != 0) {
        tt_endpoint_free(&ep);
        free(payload);
        return TT_EXIT_USAGE;
    }
    tt_emitter *em = &out.em;
    int text = out.text;
    char session[64]; /* the tap keeps 63 bytes of a session name: cut long host names alike */
    snprintf(session, sizeof(session), "connect-%.40s:%.6s", host, port);
    const char *sni = servername ? servername : host;
    tt_conn c;
    int ok = 0, rc = TT_EXIT_USAGE;
    if (tt_conn_init(&c, &ep, -1, timeout_ms, sni, em, session, out.keylog) != 0) {
        fprintf(stderr, "tlstrace connect: out of memory\n");
        tt_conn_finish(&c);
        goto out;
    }
    tt_net_error ne;
    char peer[128], local[128], transport[300];
    int fd = tt_net_connect(host, port, timeout_ms, &ne, peer, sizeof(peer));
    if (fd < 0) {
        snprintf(transport, sizeof(transport), "tcp to %s (not connected)", peer);
        tt_emit(em, session, "client", "session_start",
                tt_endpoint_session_start(&ep, "connect", sni, transport));
        char explain[600];
        tt_src src = transport_explain(&ne, host, peer, timeout_ms, explain, sizeof(explain));
        tt_tap_fail_transport(c.tap, transport_cause(ne.fault), explain, src);
        if (!text)
            fprintf(stderr, "tlstrace connect: %s\n", ne.text);
    } else {
        c.sock.fd = fd;
        if (out.has_pcap)
            tt_conn_record(&c, &out.pcap, 0);
        tt_net_peer_name(fd, 1, local, sizeof(local));
        snprintf(transport, sizeof(transport), "tcp %s -> %s", local, peer);
        tt_emit(em, session, "client", "session_start",
                tt_endpoint_session_start(&ep, "connect", sni, transport));
        if (tt_conn_handshake(&c)) {
            unsigned char buf[16384];
            /* --send: read until the server closes or is quiet for 0.5 s, as --help says: a
             * server that answers nothing costs half a second, not the whole --timeout. */
            if (payload && tt_conn_write(&c, payload, (size_t)payload_len) == 0)
                tt_conn_read(&c, buf, sizeof(buf), timeout_ms < 500 ? timeout_ms : 500, 500);
            else
                tt_conn_read(&c, buf, sizeof(buf), timeout_ms < 500 ? timeout_ms : 500, 200);
        }
        ok = c.handshake_ok;
        if (!ok && !text)
            fprintf(stderr, "tlstrace connect: %s: handshake failed: %s\n", target,
                    tt_tap_outcome(c.tap));
    }
    tt_conn_finish(&c);
    if (fd >= 0)
        close(fd);
    rc = ok ? TT_EXIT_OK : TT_EXIT_FAILED;
out:
    rc = tt_outputs_close(&out, rc);
    tt_endpoint_free(&ep);
    free(payload);
    return rc;
}
