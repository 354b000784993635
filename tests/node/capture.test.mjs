// tlstrace capture and --pcap against the real thing.
//
// 1. Real peers, neither of them Mbed TLS, captured by tshark on loopback while they talk:
//    openssl s_server with gnutls-cli and curl, mosquitto with mosquitto_pub; TLS 1.2 and 1.3,
//    basic and mutual, a client that rejects the server's CA, a plain-HTTP connection among
//    them. `tlstrace capture` of that file must agree with tshark's dissector, connection by
//    connection and field by field (handshake types per direction in order, versions, cipher
//    suite, group, alerts, which records were decrypted), with the key log and without.
// 2. The same capture re-wrapped in every link layer tlstrace decodes (and one it does not).
// 3. `tlstrace capture -i lo` live, with a key log that grows while it captures; and without
//    the right to capture, one line and exit 2.
// 4. The --pcap round trip: every demo scenario written as pcapng (key log inside), read back by
//    `tlstrace capture` with the same messages, order and bytes as the run's own trace, and by
//    tshark, decrypted with no key-log option.
// 5. Bad input: not a capture, a missing file, a damaged file, usage errors.
//
// Every peer listens on a free loopback port. Capturing needs root (or CAP_NET_RAW): CI runs as
// root; without it these tests fail, loudly. Needs TLSTRACE_BIN and the peers and tools named below.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LINKTYPE, readPcap, writePcap, wrap, ipOfEthernet } from './pcap-util.mjs';
import { start, waitOutput, finished, run, freePort, portOpen, stopAll } from './capture-procs.mjs';
import { needAll, tlstraceBin } from './tools.mjs';

const bin = tlstraceBin();
// A missing peer or tool fails the suite here, naming it, instead of skipping the tests that need
// it: scripts/setup.sh --test installs them all.
const N = needAll({
  openssl: 's_server, the TLS server of the captures', curl: 'a TLS and HTTP client',
  tshark: 'captures on loopback and the dissector tlstrace is compared with',
  'gnutls-cli': 'a TLS client that is not OpenSSL', mosquitto: 'an MQTT broker over TLS',
  mosquitto_pub: 'an MQTT client over TLS', setpriv: 'runs tlstrace capture without the right to capture' });
const T = {
  openssl: N.openssl, curl: N.curl, tshark: N.tshark, gnutls: N['gnutls-cli'], mosquitto: N.mosquitto,
  mosquittoPub: N.mosquitto_pub, setpriv: N.setpriv,
};

test('the tests can capture on loopback (they run as root in CI)', () => {
  assert.equal(process.getuid(), 0, 'capturing on lo needs root (or CAP_NET_RAW): run the suite as root, as CI does');
});

// ---- processes -------------------------------------------------------------------------------

let dir;

const parse = (text) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
const f = (name) => path.join(dir, name);
const pki = (name) => path.join(dir, 'pki', name);

// ---- what tshark and tlstrace say about one capture ------------------------------------------

const FIELDS = ['tcp.stream', 'tcp.srcport', 'tcp.dstport', 'tls.record.length', 'tls.record.content_type',
  'tls.record.opaque_type', 'tls.handshake.type', 'tls.handshake.extensions.supported_version',
  'tls.handshake.version', 'tls.handshake.ciphersuite', 'tls.handshake.extensions_key_share_group',
  'tls.handshake.server_named_curve', 'tls.alert_message.level', 'tls.alert_message.desc'];

const nums = (s) => (s ? s.split(',').filter(Boolean).map((x) => Number(x)) : []);

// tshark's view, by client port: for each direction the handshake types in order, the alerts,
// how many records were encrypted and how many of those it decrypted; and the ServerHello's
// version, suite and group.
async function tsharkView(file, keylog) {
  const args = ['-r', file, '-Y', 'tls', '-T', 'fields', '-E', 'separator=\t', '-E', 'aggregator=,', '-E', 'occurrence=a'];
  if (keylog) args.push('-o', `tls.keylog_file:${keylog}`);
  for (const x of FIELDS) args.push('-e', x);
  const r = await run(T.tshark, args);
  assert.equal(r.status, 0, r.stderr);
  const conns = new Map();
  for (const line of r.stdout.split('\n').filter(Boolean)) {
    const v = Object.fromEntries(line.split('\t').map((x, i) => [FIELDS[i], x]));
    const stream = Number(v['tcp.stream']);
    if (!conns.has(stream)) {
      conns.set(stream, { stream, clientPort: null, serverPort: null, dirs: { client: null, server: null } });
    }
    const c = conns.get(stream);
    const types = nums(v['tls.handshake.type']);
    const sport = Number(v['tcp.srcport']), dport = Number(v['tcp.dstport']);
    if (c.clientPort === null) { c.clientPort = sport; c.serverPort = dport; } // the first TLS frame is the client's
    const side = sport === c.clientPort ? 'client' : 'server';
    const d = c.dirs[side] ??= { hs: [], alerts: [], encrypted: 0, decrypted: 0 };
    d.hs.push(...types);
    const levels = nums(v['tls.alert_message.level']), descs = nums(v['tls.alert_message.desc']);
    descs.forEach((desc, i) => d.alerts.push(`${levels[i]}/${desc}`));
    // TLS 1.3 hides the content type: an opaque record tshark decrypted shows its inner type.
    const records = nums(v['tls.record.length']).length;
    const opaque = nums(v['tls.record.opaque_type']).length;
    const ctypes = nums(v['tls.record.content_type']).length;
    d.encrypted += opaque;
    d.decrypted += Math.max(0, ctypes - (records - opaque));
    if (side === 'server' && types.includes(2)) {
      const sv = nums(v['tls.handshake.extensions.supported_version']);
      c.version = sv.length ? sv.at(-1) : nums(v['tls.handshake.version'])[0];
      c.suite = nums(v['tls.handshake.ciphersuite']).at(-1);
      const g = nums(v['tls.handshake.extensions_key_share_group']);
      if (g.length) c.group = g.at(-1);
    }
    if (side === 'server' && types.includes(12)) c.group = nums(v['tls.handshake.server_named_curve'])[0];
  }
  return new Map([...conns.values()].map((c) => [c.clientPort, c]));
}

// tlstrace's view of the same, by client port.
function tlstraceView(events) {
  const bySession = new Map();
  for (const e of events) {
    if (!bySession.has(e.session)) bySession.set(e.session, []);
    bySession.get(e.session).push(e);
  }
  const out = new Map();
  for (const evs of bySession.values()) {
    const st = evs.find((e) => e.type === 'session_start');
    const c = { events: evs, dirs: {} };
    for (const side of ['client', 'server']) {
      const mine = evs.filter((e) => e.from === side);
      c.dirs[side] = {
        hs: mine.filter((e) => e.type === 'message').map((e) => e.hs_type_id),
        alerts: mine.filter((e) => e.type === 'alert' && e.level).map((e) => `${e.level.id}/${e.description.id}`),
        records: mine.filter((e) => e.type === 'record'),
      };
    }
    const sh = evs.find((e) => e.type === 'message' && e.hs_type === 'server_hello' && !e.fields.hello_retry_request)
      ?? evs.find((e) => e.type === 'message' && e.hs_type === 'server_hello');
    if (sh) {
      c.version = sh.fields.selected_version.id;
      c.suite = sh.fields.cipher_suite.id;
      const ks = (sh.fields.extensions ?? []).find((x) => x.type.id === 51);
      if (ks) c.group = ks.data.group?.id ?? ks.data.selected_group?.id;
    }
    const ske = evs.find((e) => e.type === 'message' && e.hs_type === 'server_key_exchange');
    if (ske?.fields.named_group) c.group = ske.fields.named_group.id;
    out.set(st.capture.client.port, c);
  }
  return out;
}

// Field by field, one connection: tshark (t) and tlstrace (m) must say the same.
function agree(name, t, m, tls13) {
  assert.ok(t, `${name}: tshark saw no such connection`);
  assert.ok(m, `${name}: tlstrace made no session of it`);
  for (const side of ['client', 'server']) {
    const td = t.dirs[side] ?? { hs: [], alerts: [], encrypted: 0, decrypted: 0 };
    const md = m.dirs[side];
    assert.deepEqual(md.hs, td.hs, `${name}: handshake types written by the ${side}`);
    assert.deepEqual(md.alerts, td.alerts, `${name}: alerts written by the ${side}`);
    if (tls13) {
      // Which records were decrypted: TLS 1.3 records are opaque to both until decrypted.
      const enc = md.records.filter((r) => r.content_type?.id === 23);
      const dec = enc.filter((r) => r.decrypted);
      assert.equal(enc.length, td.encrypted, `${name}: encrypted records written by the ${side}`);
      assert.equal(dec.length, td.decrypted, `${name}: records written by the ${side} that were decrypted`);
    }
  }
  assert.equal(m.version, t.version, `${name}: version`);
  assert.equal(m.suite, t.suite, `${name}: cipher suite`);
  assert.equal(m.group, t.group, `${name}: group`);
}

// ---- the capture: every peer, one tshark -----------------------------------------------------

const conns = []; // {name, port (the client's), tls, keyed, expect}
let capFile, keylog, withKeys, withoutKeys, tWithKeys, tWithoutKeys;

function mosquittoConf(port, requireCert) {
  const file = f(`mosquitto-${port}.conf`);
  fs.writeFileSync(file, [`listener ${port} 127.0.0.1`, `cafile ${pki('root-ca.crt')}`,
    `certfile ${pki('server.crt')}`, `keyfile ${pki('server.key')}`,
    `require_certificate ${requireCert}`, 'allow_anonymous true', 'user root', ''].join('\n'));
  return file;
}

// The client's port of the newest connection to `port`, from ss (the tests run clients one at
// a time, so this names the connection each client made).
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-capture-'));
  let r = spawnSync(bin, ['pki', path.join(dir, 'pki'), '--seed', 'tlstrace capture test'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  keylog = f('keys.log');
  fs.writeFileSync(keylog, '');

  // Servers: openssl s_server per version and mode, mosquitto basic and requiring certificates,
  // an IPv6 s_server, and a plain HTTP server (not TLS: tlstrace must skip it silently).
  const servers = {};
  const sServer = async (key, args, host = '127.0.0.1') => {
    const port = await freePort();
    const p = start(T.openssl, ['s_server', '-accept', host === '::1' ? `[::1]:${port}` : `${host}:${port}`,
      '-cert', pki('server.crt'), '-key', pki('server.key'), '-www', '-quiet', ...args]);
    await portOpen(port, host);
    servers[key] = { port, p };
  };
  const verify = ['-Verify', '1', '-CAfile', pki('root-ca.crt')];
  await sServer('s13', ['-tls1_3']);
  await sServer('s12', ['-tls1_2']);
  await sServer('m13', ['-tls1_3', ...verify]);
  await sServer('m12', ['-tls1_2', ...verify]);
  await sServer('v6', ['-tls1_3'], '::1');
  for (const [key, req] of [['mq', 'false'], ['mqm', 'true']]) {
    const port = await freePort();
    const p = start(T.mosquitto, ['-c', mosquittoConf(port, req)]);
    await portOpen(port);
    servers[key] = { port, p };
  }
  const httpPort = await freePort();
  const http = start('python3', ['-m', 'http.server', '-b', '127.0.0.1', String(httpPort)], { cwd: dir });
  await portOpen(httpPort);
  servers.http = { port: httpPort, p: http };

  capFile = f('peers.pcapng');
  const filter = Object.values(servers).map((s) => `tcp port ${s.port}`).join(' or ');
  const tshark = start(T.tshark, ['-i', 'lo', '-f', filter, '-w', capFile, '-P']);
  await waitOutput(tshark, /Capturing on/, 'tshark -i lo');
  // "Capturing on" comes before the capture really runs, and packets still in the kernel's
  // buffer when tshark stops are lost: knock on the HTTP port until tshark prints (-P) a new
  // packet of it, before the first client and after the last.
  const knock = async () => {
    const syn = `→ ${httpPort} [SYN]`;
    const seen = tshark.out.split(syn).length;
    for (const deadline = Date.now() + 20000; tshark.out.split(syn).length === seen;) {
      assert.ok(Date.now() < deadline, `tshark printed no new packet: ${tshark.err}`);
      await portOpen(httpPort);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await knock();

  // Clients, one at a time. Each connection is named by the client port ss reports while it
  // is open... simpler and race-free: by order, since tshark and tlstrace both report the client
  // port, and each client below makes exactly one TLS connection to its server.
  const gnutls = (args) => [...args, '--x509cafile', pki('root-ca.crt')];
  const withCert = ['--x509certfile', pki('client.crt'), '--x509keyfile', pki('client.key')];
  const v12 = ['--priority', 'NORMAL:-VERS-ALL:+VERS-TLS1.2'];
  const v13 = ['--priority', 'NORMAL:-VERS-ALL:+VERS-TLS1.3'];
  const req = 'GET / HTTP/1.0\r\n\r\n';
  const env = { SSLKEYLOGFILE: keylog };
  // mosquitto's --tls-version and tls_version set a minimum; OpenSSL's own configuration caps
  // the client at TLS 1.2.
  const max12 = f('openssl-max-tls12.cnf');
  fs.writeFileSync(max12, ['openssl_conf = c', '[c]', 'ssl_conf = s', '[s]', 'system_default = d', '[d]',
    'MaxProtocol = TLSv1.2', ''].join('\n'));
  const mq12 = { OPENSSL_CONF: max12 };
  const plan = [
    ['gnutls-cli, TLS 1.3, basic', 's13', '1.3', true, () => run(T.gnutls, gnutls([...v13, '-p', String(servers.s13.port), 'localhost']), { input: req, env })],
    ['gnutls-cli, TLS 1.2, basic', 's12', '1.2', true, () => run(T.gnutls, gnutls([...v12, '-p', String(servers.s12.port), 'localhost']), { input: req, env })],
    ['gnutls-cli, TLS 1.3, mutual', 'm13', '1.3', true, () => run(T.gnutls, gnutls([...v13, ...withCert, '-p', String(servers.m13.port), 'localhost']), { input: req, env })],
    ['gnutls-cli, TLS 1.2, mutual', 'm12', '1.2', true, () => run(T.gnutls, gnutls([...v12, ...withCert, '-p', String(servers.m12.port), 'localhost']), { input: req, env })],
    ['curl, TLS 1.3', 's13', '1.3', true, () => run(T.curl, ['-sS', '--cacert', pki('root-ca.crt'), `https://localhost:${servers.s13.port}/`, '-o', '/dev/null'], { env })],
    ['curl, TLS 1.2', 's12', '1.2', true, () => run(T.curl, ['-sS', '--tlsv1.2', '--tls-max', '1.2', '--cacert', pki('root-ca.crt'), `https://localhost:${servers.s12.port}/`, '-o', '/dev/null'], { env })],
    ['curl rejecting the server CA, TLS 1.3', 's13', '1.3', true, () => run(T.curl, ['-sS', '--cacert', pki('other-ca.crt'), `https://localhost:${servers.s13.port}/`, '-o', '/dev/null'], { env })],
    ['curl rejecting the server CA, TLS 1.2', 's12', '1.2', true, () => run(T.curl, ['-sS', '--tlsv1.2', '--tls-max', '1.2', '--cacert', pki('other-ca.crt'), `https://localhost:${servers.s12.port}/`, '-o', '/dev/null'], { env })],
    ['gnutls-cli over IPv6, TLS 1.3', 'v6', '1.3', true, () => run(T.gnutls, gnutls([...v13, '-p', String(servers.v6.port), '::1', '--verify-hostname', 'localhost']), { input: req, env })],
    ['mosquitto_pub, TLS 1.3', 'mq', '1.3', false, () => run(T.mosquittoPub, ['-h', '127.0.0.1', '-p', String(servers.mq.port), '--cafile', pki('root-ca.crt'), '--tls-version', 'tlsv1.3', '-t', 't', '-m', 'hello'])],
    ['mosquitto_pub, TLS 1.2', 'mq', '1.2', false, () => run(T.mosquittoPub, ['-h', '127.0.0.1', '-p', String(servers.mq.port), '--cafile', pki('root-ca.crt'), '-t', 't', '-m', 'hello'], { env: mq12 })],
    ['mosquitto_pub, TLS 1.2, mutual', 'mqm', '1.2', false, () => run(T.mosquittoPub, ['-h', '127.0.0.1', '-p', String(servers.mqm.port), '--cafile', pki('root-ca.crt'), '--cert', pki('client.crt'), '--key', pki('client.key'), '-t', 't', '-m', 'hello'], { env: mq12 })],
    ['mosquitto_pub, TLS 1.3, mutual', 'mqm', '1.3', false, () => run(T.mosquittoPub, ['-h', '127.0.0.1', '-p', String(servers.mqm.port), '--cafile', pki('root-ca.crt'), '--cert', pki('client.crt'), '--key', pki('client.key'), '--tls-version', 'tlsv1.3', '-t', 't', '-m', 'hello'])],
  ];
  for (const [name, server, tls, keyed, go] of plan) {
    const res = await go();
    conns.push({ name, server, serverPort: servers[server].port, tls, keyed, status: res.status, stderr: res.stderr });
  }
  await run(T.curl, ['-sS', `http://127.0.0.1:${httpPort}/`, '-o', '/dev/null']);

  await knock();
  tshark.kill('SIGINT');
  const tr = await finished(tshark, 'tshark');
  assert.ok(fs.statSync(capFile).size > 0, `tshark wrote nothing: ${tr.stderr}`);
  for (const s of Object.values(servers)) s.p.kill('SIGTERM');

  const cap = async (args) => {
    const out = f(`trace-${args.length}.jsonl`);
    const res = await run(bin, ['capture', capFile, '--out', out, ...args]);
    return { ...res, events: fs.existsSync(out) ? parse(fs.readFileSync(out, 'utf8')) : [], file: out };
  };
  withKeys = await cap(['--keylog', keylog, '--ca', pki('root-ca.crt')]);
  withoutKeys = await cap([]);
  tWithKeys = await tsharkView(capFile, keylog);
  tWithoutKeys = await tsharkView(capFile, null);
});

after(() => {
  stopAll();
  if (dir && !process.env.TT_KEEP) fs.rmSync(dir, { recursive: true, force: true });
});

// The tlstrace session and tshark connection of the n-th planned client, matched by the client
// port both report, in the order the clients ran.
function matched(i, keyed) {
  const mine = keyed ? tlstraceView(withKeys.events) : tlstraceView(withoutKeys.events);
  const theirs = keyed ? tWithKeys : tWithoutKeys;
  const c = conns[i];
  // Connections to this server, in the order they were made (client ports as both saw them).
  const ports = [...theirs.values()].filter((x) => x.serverPort === c.serverPort).map((x) => x.clientPort);
  const nth = conns.slice(0, i).filter((x) => x.serverPort === c.serverPort).length;
  const port = ports[nth];
  return { t: theirs.get(port), m: mine.get(port) };
}

test('tlstrace capture reads the whole capture: one session per TLS connection, the HTTP one skipped', () => {
  assert.equal(withKeys.status, 1, `a handshake failed in it (curl rejecting the CA): ${withKeys.stderr}`);
  const starts = withKeys.events.filter((e) => e.type === 'session_start');
  assert.equal(starts.length, 2 * conns.length, 'two session_start (client, server) per TLS connection');
  assert.ok(starts.every((e) => e.source === 'capture' && !('config' in e)));
  assert.ok(!withKeys.events.some((e) => e.type === 'state'), 'no state events: no endpoint was traced');
  const r = spawnSync(bin, ['validate', withKeys.file, withoutKeys.file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const v = spawnSync('node', [path.join(path.dirname(new URL(import.meta.url).pathname), 'validate-events.mjs'), withKeys.file, withoutKeys.file], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stdout + v.stderr);
});

for (let i = 0; i < 13; i++) {
  for (const keyed of [true, false]) {
    test(`agrees with tshark: connection ${i + 1} ${keyed ? 'with' : 'without'} the key log`, () => {
      const c = conns[i];
      const withKey = keyed && c.keyed;
      const { t, m } = matched(i, keyed);
      agree(`${c.name} (${keyed ? 'key log' : 'no key log'})`, t, m, c.tls === '1.3');
      // What each case must show, beyond agreeing.
      const evs = m.events;
      const msgs = evs.filter((e) => e.type === 'message');
      if (withKey && c.tls === '1.3') {
        assert.ok(msgs.some((e) => e.hs_type === 'encrypted_extensions' && e.protection === 'handshake'), `${c.name}: EncryptedExtensions decrypted`);
      }
      if (!withKey && c.tls === '1.3') {
        const opaque = evs.filter((e) => e.type === 'record' && e.protection === 'encrypted');
        assert.ok(opaque.length > 0 && opaque.every((e) => /cannot tell which|key log/.test(e.explanation)),
          `${c.name}: encrypted records say what is inside and why they cannot be read`);
      }
      if (/mutual/.test(c.name) && (withKey || c.tls === '1.2')) {
        assert.ok(msgs.some((e) => e.hs_type === 'certificate_request'), `${c.name}: CertificateRequest`);
        const cert = msgs.find((e) => e.hs_type === 'certificate' && e.from === 'client');
        assert.ok(cert && cert.fields.certificates.length > 0, `${c.name}: the client's certificate`);
      }
      if (/rejecting/.test(c.name)) {
        assert.notEqual(c.status, 0, `${c.name}: the client failed`);
        const failed = evs.filter((e) => e.type === 'handshake_failed');
        assert.equal(failed.length, 2, `${c.name}: both sides failed`);
        const client = failed.find((e) => e.side === 'client');
        assert.equal(client.cause, 'untrusted_ca', client.explanation);
        assert.equal(client.inferred_from_wire, true);
        assert.match(client.explanation, /Inferred from the wire/);
        assert.ok(!evs.some((e) => e.type === 'handshake_done'));
      } else if (withKey || c.tls === '1.2') {
        for (const side of ['client', 'server']) {
          assert.ok(evs.some((e) => e.type === 'handshake_done' && e.side === side), `${c.name}: the ${side}'s handshake is done`);
          assert.equal(evs.find((e) => e.type === 'session_end' && e.side === side).outcome, 'ok', `${c.name}: ${side} outcome`);
        }
        const neg = evs.find((e) => e.type === 'negotiated');
        assert.equal(neg.mode, /mutual/.test(c.name) ? 'mutual' : 'basic', `${c.name}: mode`);
      } else {
        // TLS 1.3 without the key log: whether it succeeded is not on the wire.
        assert.ok(!evs.some((e) => e.type === 'handshake_done' || e.type === 'handshake_failed'), `${c.name}: no outcome claimed`);
        assert.ok(evs.filter((e) => e.type === 'session_end').every((e) => e.outcome === 'unknown'));
      }
      if (withKey && !/rejecting/.test(c.name) && !/IPv6/.test(c.name)) {
        // --ca: the server's chain checked by tlstrace for the name the client asked for.
        const cv = evs.filter((e) => e.type === 'cert_verify');
        assert.ok(cv.length >= 2 && cv.every((e) => e.checked_by === 'tlstrace' && e.ok), `${c.name}: chain checked`);
        assert.equal(cv.find((e) => e.depth === 0).checked_name, 'localhost');
      }
    });
  }
}

test('TLS 1.2 application data: tlstrace decrypts what tshark follows, byte for byte in size', async () => {
  for (const i of [0, 1, 4, 5].filter((k) => conns[k].tls === '1.2')) {
    const { t, m } = matched(i, true);
    const r = await run(T.tshark, ['-r', capFile, '-o', `tls.keylog_file:${keylog}`, '-q', '-z', `follow,tls,raw,${t.stream}`]);
    // follow prints each direction's decrypted chunks as hex, the server's indented by a tab.
    let client = 0, server = 0;
    for (const line of r.stdout.split('\n')) {
      if (!/^\t?[0-9a-f]+$/.test(line)) continue;
      if (line.startsWith('\t')) server += (line.length - 1) / 2;
      else client += line.length / 2;
    }
    const appBytes = (side) => m.dirs[side].records.filter((e) => e.decrypted && e.inner_content_type?.id === 23)
      .reduce((n, e) => n + e.plaintext_length, 0);
    assert.ok(client + server > 0, `${conns[i].name}: tshark followed nothing`);
    assert.equal(appBytes('client'), client, `${conns[i].name}: client application bytes`);
    assert.equal(appBytes('server'), server, `${conns[i].name}: server application bytes`);
  }
});

// ---- link layers -------------------------------------------------------------------------------

test('every link layer tlstrace decodes gives the same sessions; another one is named and refused', async () => {
  const classic = f('peers.pcap');
  let r = await run(T.tshark, ['-r', capFile, '-F', 'pcap', '-w', classic]);
  assert.equal(r.status, 0, r.stderr);
  const src = readPcap(fs.readFileSync(classic));
  assert.equal(src.linktype, LINKTYPE.ETHERNET, 'tshark -i lo writes Ethernet frames');
  const ips = src.frames.map((fr) => ({ ...fr, ip: ipOfEthernet(fr.data) })).filter((fr) => fr.ip);
  const baseline = (await run(bin, ['capture', classic])).stdout;
  const msgs = (text) => parse(text).filter((e) => e.type === 'message').map((e) => `${e.session} ${e.from} ${e.hex}`);
  const expected = msgs(baseline);
  assert.ok(expected.length > 20);
  const variants = [
    ['Ethernet with stacked VLAN tags', LINKTYPE.ETHERNET, { vlan: true }],
    ['BSD loopback (host order)', LINKTYPE.NULL], ['OpenBSD loopback', LINKTYPE.LOOP],
    ['raw IP', LINKTYPE.RAW], ['Linux cooked (SLL)', LINKTYPE.LINUX_SLL],
    ['Linux cooked v2 (SLL2)', LINKTYPE.LINUX_SLL2],
  ];
  for (const [name, lt, opts] of variants) {
    const file = f(`link-${lt}.pcap`);
    fs.writeFileSync(file, writePcap(lt, ips.map((fr) => ({ ...fr, data: wrap(lt, fr.ip, opts) }))));
    r = await run(bin, ['capture', file]);
    assert.equal(r.status, 1, `${name}: ${r.stderr}`);
    assert.deepEqual(msgs(r.stdout), expected, `${name}: the same messages`);
  }
  // IPv4-only link type: the IPv6 connection's frames do not belong there.
  const v4 = ips.filter((fr) => fr.ip[0] >> 4 === 4);
  const file = f('link-ipv4.pcap');
  fs.writeFileSync(file, writePcap(LINKTYPE.IPV4, v4.map((fr) => ({ ...fr, data: fr.ip }))));
  r = await run(bin, ['capture', file]);
  assert.equal(parse(r.stdout).filter((e) => e.type === 'session_start').length, 2 * (conns.length - 1));
  // 802.11 frames: one line naming the link type, exit 2, and the other files are still read.
  const wifi = f('wifi.pcap');
  fs.writeFileSync(wifi, writePcap(LINKTYPE.IEEE802_11, [{ sec: 1, usec: 0, data: Buffer.alloc(40) }]));
  r = await run(bin, ['capture', wifi, classic, '--out', f('wifi.jsonl')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /wifi\.pcap: link type IEEE802_11 \(105\) is not decoded/);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.deepEqual(msgs(fs.readFileSync(f('wifi.jsonl'), 'utf8')), expected, 'the other file was read');
});

// ---- live --------------------------------------------------------------------------------------

test('tlstrace capture -i lo follows a connection live, reading a key log as it grows', async () => {
  const port = await freePort();
  const srv = start(T.openssl, ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', pki('server.crt'),
    '-key', pki('server.key'), '-www', '-quiet', '-tls1_3']);
  await portOpen(port);
  const keys = f('live-keys.log');
  fs.writeFileSync(keys, '# written while tlstrace captures\n');
  const out = f('live.jsonl');
  const cap = start(bin, ['capture', '-i', 'lo', '--bpf', `tcp port ${port}`, '--keylog', keys, '--out', out]);
  await waitOutput(cap, /capturing on lo with the filter tcp port \d+/, 'tlstrace capture -i lo');
  const c = await run(T.curl, ['-sS', '--cacert', pki('root-ca.crt'), `https://localhost:${port}/`, '-o', '/dev/null'],
    { env: { SSLKEYLOGFILE: keys } });
  assert.equal(c.status, 0, c.stderr);
  cap.kill('SIGINT');
  const r = await finished(cap, 'tlstrace capture -i lo');
  srv.kill('SIGTERM');
  assert.equal(r.status, 0, r.stderr);
  const evs = parse(fs.readFileSync(out, 'utf8'));
  const types = evs.filter((e) => e.type === 'message').map((e) => `${e.from} ${e.hs_type}`);
  assert.deepEqual(types.slice(0, 7), ['client client_hello', 'server server_hello', 'server encrypted_extensions',
    'server certificate', 'server certificate_verify', 'server finished', 'client finished'],
  'the handshake, decrypted with secrets written after the capture started');
  assert.equal(evs.find((e) => e.type === 'session_start').capture.origin, 'interface lo');
  assert.ok(evs.filter((e) => e.type === 'handshake_done').length === 2);
});

test('without the right to capture: one line saying so, exit 2, nothing written', async () => {
  const r = await run(T.setpriv, ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all',
    bin, 'capture', '-i', 'lo']);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^tlstrace capture: capturing on lo is not permitted: run as root, or give tlstrace the CAP_NET_RAW capability/);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.equal(r.stdout, '');
});

// ---- --pcap round trip -------------------------------------------------------------------------

test('--pcap: every demo scenario read back by tlstrace capture and by tshark, decrypted from the file alone', async () => {
  const pcap = f('demo-all.pcapng'), trace = f('demo-all.jsonl');
  let r = await run(bin, ['demo', '--all', '--pcap', pcap, '--out', trace]);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(fs.statSync(pcap).mode & 0o777, 0o600, 'the capture holds the secrets: 0600');
  const demo = parse(fs.readFileSync(trace, 'utf8'));
  const demoSessions = [...new Set(demo.map((e) => e.session))];
  r = await run(bin, ['capture', pcap]);
  const cap = parse(r.stdout);
  const capSessions = [...new Set(cap.map((e) => e.session))];
  assert.equal(capSessions.length, demoSessions.length, 'one session per demo run');
  const t = await tsharkView(pcap, null);
  const tByOrder = [...t.values()];
  demoSessions.forEach((name, i) => {
    const d = demo.filter((e) => e.session === name);
    const c = cap.filter((e) => e.session === capSessions[i]);
    const sent = (evs, type) => evs.filter((e) => e.type === type && e.dir === 'sent');
    // The same messages, in the same order, with the same bytes.
    assert.deepEqual(sent(c, 'message').map((e) => [e.from, e.hs_type, e.protection, e.hex]),
      sent(d, 'message').map((e) => [e.from, e.hs_type, e.protection, e.hex]), `${name}: messages`);
    assert.deepEqual(sent(c, 'alert').map((e) => [e.from, e.description?.id, e.protection]),
      sent(d, 'alert').map((e) => [e.from, e.description?.id, e.protection]), `${name}: alerts`);
    assert.deepEqual(sent(c, 'record').map((e) => [e.from, e.header_hex, e.decrypted]),
      sent(d, 'record').map((e) => [e.from, e.header_hex, e.decrypted]), `${name}: records`);
    // The outcome from the wire never contradicts the endpoints' own.
    for (const side of ['client', 'server']) {
      const dOk = d.some((e) => e.side === side && e.type === 'handshake_done') && !d.some((e) => e.side === side && e.type === 'handshake_failed');
      const cEnd = c.find((e) => e.side === side && e.type === 'session_end').outcome;
      assert.ok(cEnd === 'unknown' || (cEnd === 'ok') === dOk, `${name}: ${side} was ${dOk ? 'ok' : 'failed'}, the capture says ${cEnd}`);
    }
    // tshark decrypts it with the secrets block alone (no -o tls.keylog_file).
    const tc = tByOrder[i];
    for (const side of ['client', 'server']) {
      assert.deepEqual(tc.dirs[side]?.hs ?? [], sent(d, 'message').filter((e) => e.from === side).map((e) => e.hs_type_id),
        `${name}: tshark's handshake types from the ${side}`);
    }
  });
});

// ---- bad input ---------------------------------------------------------------------------------

test('bad input: one line saying what and where, exit 2; a damaged file keeps what came before', async () => {
  const text = f('notes.txt');
  fs.writeFileSync(text, 'not a capture\n');
  const cases = [
    [['capture', text], /notes\.txt: not a pcap or pcapng capture/],
    [['capture', f('missing.pcap')], /missing\.pcap: cannot open: No such file/],
    [['capture', dir], /is a directory, not a capture file/],
    [['capture'], /give capture files, or -i IFACE/],
    [['capture', text, '--bpf', 'tcp'], /--bpf filters a live capture: it needs -i IFACE/],
    [['capture', text, '-i', 'lo'], /either files or -i IFACE, not both/],
    [['capture', text, '--max-connections', '0'], /--max-connections must be a number from 1/],
    [['capture', text, '--keylog', f('nokeys.log')], /--keylog cannot read the key log .*nokeys\.log/],
    [['capture', '-i', 'no-such-interface0'], /no-such-interface0/],
    [['capture', '-i', 'lo', '--bpf', 'tcp port'], /--bpf 'tcp port': /],
  ];
  for (const [args, re] of cases) {
    const r = await run(bin, args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re, args.join(' '));
    assert.ok(r.stderr.trim().split('\n').length <= 2, `${args.join(' ')}: ${r.stderr}`);
  }
  // Cut in the middle of a frame: the frames before it are still read and the trace is kept.
  const whole = fs.readFileSync(f('peers.pcap'));
  const cut = f('cut.pcap');
  fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6) + 7));
  const out = f('cut.jsonl');
  const r = await run(bin, ['capture', cut, '--out', out]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /cut\.pcap: damaged after frame \d+: .*\(the frames before it were read\)/);
  assert.ok(parse(fs.readFileSync(out, 'utf8')).some((e) => e.type === 'message'));
});
