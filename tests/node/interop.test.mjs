// tlstrace against real, independent TLS implementations: `tlstrace connect` against openssl
// s_server and mosquitto (MQTT over TLS), `tlstrace serve` against curl and openssl s_client, the
// key log compared with the one OpenSSL writes for the same connection, and the network faults a
// client meets before TLS starts. Every peer is started here on a free loopback port and stopped
// here. Every trace written to stdout is kept and, in the last test, checked with both validators
// (`tlstrace validate` and tests/node/validate-events.mjs, ajv against the schema).
// Needs TLSTRACE_BIN (the tlstrace executable); openssl, curl and mosquitto from Debian.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { needAll, tlstraceBin } from './tools.mjs';

const bin = tlstraceBin();
const here = path.dirname(fileURLToPath(import.meta.url));
// A missing peer fails the suite instead of skipping its tests: scripts/setup.sh --test installs
// them all, and a test that silently skips is a test that cannot fail.
const { openssl: OPENSSL, curl: CURL, mosquitto: MOSQUITTO } = needAll({
  openssl: 's_server and s_client, the reference peers', curl: 'a real client of serve',
  mosquitto: 'an MQTT broker over TLS' });

let dir, pki, tracesDir;
const traces = []; // every trace file written, validated by the last test
const procs = new Set(); // every process still running, killed in after()

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-interop-'));
  tracesDir = path.join(dir, 'traces');
  fs.mkdirSync(tracesDir);
  const r = spawnSync(bin, ['pki', path.join(dir, 'pki'), '--seed', 'tlstrace interop test'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  pki = (name) => path.join(dir, 'pki', name);
});

after(() => {
  for (const p of procs) p.kill('SIGKILL');
  if (dir && !process.env.TT_KEEP) fs.rmSync(dir, { recursive: true, force: true });
});

// ---- processes -------------------------------------------------------------------------------

// Starts a process with piped stdio; p.out / p.err accumulate its output, p.done resolves with
// { status, signal, stdout, stderr } once it has exited and its pipes are closed.
function start(cmd, args, opts = {}) {
  const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], ...opts });
  procs.add(p);
  p.out = '';
  p.err = '';
  p.stdout.setEncoding('utf8').on('data', (d) => { p.out += d; p.emit('output'); });
  p.stderr.setEncoding('utf8').on('data', (d) => { p.err += d; p.emit('output'); });
  p.stdin.on('error', () => {}); // EPIPE when it exits before reading what we wrote
  p.done = new Promise((resolve) => {
    p.on('error', (e) => { p.err += String(e); });
    p.on('close', (status, signal) => {
      procs.delete(p);
      resolve({ status, signal, stdout: p.out, stderr: p.err });
    });
  });
  return p;
}

// Resolves with the match once the process's output matches re; rejects when it exits first or
// after ms.
function waitOutput(p, re, what, ms = 30000) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn, v) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      p.off('output', check);
      fn(v);
    };
    const check = () => {
      const m = (p.out + '\n' + p.err).match(re);
      if (m) finish(resolve, m);
    };
    const timer = setTimeout(() => finish(reject, new Error(`${what}: no ${re} after ${ms} ms; stderr: ${p.err.slice(-600)}`)), ms);
    p.on('output', check);
    p.done.then(() => {
      check();
      finish(reject, new Error(`${what} exited (${p.exitCode ?? p.signalCode}) before printing ${re}; stderr: ${p.err.slice(-600)}`));
    });
    check();
  });
}

// Waits for the process to exit; kills it (and fails) when it has not after ms.
async function finished(p, what, ms = 30000) {
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(resolve, ms, null); });
  const r = await Promise.race([p.done, timeout]);
  clearTimeout(timer);
  if (r) return r;
  p.kill('SIGKILL');
  await p.done;
  assert.fail(`${what} did not exit within ${ms} ms; stdout: ${p.out.slice(-600)} stderr: ${p.err.slice(-600)}`);
}

// Runs a command to completion (stdin closed at once).
async function run(cmd, args, what = path.basename(cmd), ms = 30000) {
  const p = start(cmd, args);
  p.stdin.end();
  return finished(p, what, ms);
}

async function freePort() {
  const s = net.createServer();
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address();
  await new Promise((resolve) => s.close(resolve));
  return port;
}

// Resolves once something accepts TCP connections on the port (polling, up to ms).
async function portOpen(port, p, what, ms = 20000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (p.exitCode !== null || p.signalCode !== null) assert.fail(`${what} exited: ${p.err.slice(-800)}`);
    if (Date.now() > deadline) assert.fail(`${what}: nothing accepts on port ${port} after ${ms} ms: ${p.err.slice(-800)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---- traces ----------------------------------------------------------------------------------

const parse = (text) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l));

function keepTrace(name, text) {
  const f = path.join(tracesDir, `${String(traces.length + 1).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '_')}.jsonl`);
  fs.writeFileSync(f, text);
  traces.push(f);
  return f;
}

// `tlstrace connect TARGET ARGS...`: its exit status, stderr, stdout trace (kept) and events.
async function connect(name, target, args, ms = 30000) {
  const r = await run(bin, ['connect', target, ...args], `tlstrace connect (${name})`, ms);
  keepTrace(`connect-${name}`, r.stdout);
  return { ...r, events: parse(r.stdout) };
}

const clientArgs = (...extra) => ['--ca', pki('root-ca.crt'), ...extra];
const withCert = () => ['--cert', pki('client.crt'), '--key', pki('client.key')];
const ofType = (evs, type) => evs.filter((e) => e.type === type);
const one = (evs, type) => {
  const found = ofType(evs, type);
  assert.equal(found.length, 1, `expected one ${type}, got ${found.length}`);
  return found[0];
};
// The handshake messages of a trace in order, from the endpoint's point of view.
const messages = (evs) => ofType(evs, 'message').map((e) => `${e.dir} ${e.hs_type}`);
const describe = (r) => `exit ${r.status}; stderr: ${r.stderr.slice(-500)}`;

// seq contiguous from 1 over the whole stream; every session starts with session_start, ends with
// session_end, and says how its handshake went (handshake_done and/or handshake_failed) before it
// ends. Returns the events grouped by session.
function checkStream(evs) {
  assert.ok(evs.length > 0, 'empty trace');
  evs.forEach((e, i) => assert.equal(e.seq, i + 1, `event ${i + 1} has seq ${e.seq}`));
  const sessions = new Map();
  for (const e of evs) {
    if (!sessions.has(e.session)) sessions.set(e.session, []);
    sessions.get(e.session).push(e);
  }
  for (const [name, s] of sessions) {
    assert.equal(s[0].type, 'session_start', `${name} does not begin with session_start`);
    assert.equal(s.at(-1).type, 'session_end', `${name} does not end with session_end`);
    assert.equal(ofType(s, 'session_start').length, 1, `${name}: several session_start`);
    assert.equal(ofType(s, 'session_end').length, 1, `${name}: several session_end`);
    assert.ok(s.some((e) => e.type === 'handshake_done' || e.type === 'handshake_failed'), `${name}: no outcome`);
    const end = s.at(-1);
    assert.equal(end.outcome, s.some((e) => e.type === 'handshake_failed') ? 'failed' : 'ok', `${name}: outcome`);
  }
  return sessions;
}

// ---- openssl -------------------------------------------------------------------------------

const snake = (camel) => camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

// openssl -msg prints every message from its own (the server's) point of view: `<<<` what it
// received, `>>>` what it sent. Both are turned around here into the client's point of view, so
// they compare with a `tlstrace connect` trace directly. TLS 1.3's encrypted handshake messages
// appear decrypted ("InnerContent" lines, then the inner "Handshake" line); RecordHeader,
// InnerContent and ChangeCipherSpec lines are not handshake messages and are skipped.
function opensslMsg(out) {
  const flip = { '<<<': 'sent', '>>>': 'received' };
  const msgs = [], alerts = [];
  for (const line of out.split('\n')) {
    let m = line.match(/^(<<<|>>>) [^,]+, Handshake \[length [0-9a-f]+\], (\w+)/);
    if (m) msgs.push(`${flip[m[1]]} ${snake(m[2])}`);
    m = line.match(/^(<<<|>>>) [^,]+, Alert \[length [0-9a-f]+\], (fatal|warning) (\w+)/);
    if (m) alerts.push({ dir: flip[m[1]], level: m[2], name: m[3] });
  }
  return { msgs, alerts };
}

// openssl s_server for one connection, on a free port it picks itself (-accept 127.0.0.1:0 prints
// "ACCEPT 127.0.0.1:PORT"). Its stdin stays open: at EOF on stdin s_server stops serving.
async function sServer(args) {
  const p = start(OPENSSL, ['s_server', '-accept', '127.0.0.1:0', '-naccept', '1', '-msg', ...args]);
  const m = await waitOutput(p, /^ACCEPT 127\.0\.0\.1:(\d+)\s*$/m, 'openssl s_server');
  p.port = Number(m[1]);
  return p;
}
const serverCert = (name) => ['-cert', pki(`${name}.crt`), '-key', pki(`${name}.key`)];
const sslVersion = (tls) => (tls === '1.2' ? '-tls1_2' : '-tls1_3');
const requireCert = () => ['-Verify', '1', '-CAfile', pki('root-ca.crt')];

// The page `tlstrace serve` answers an HTTP request with names the connection's session.
const PAGE = /traced as session (serve-\d+)/;

// openssl s_client against `tlstrace serve`: sends an HTTP request and ends once the page came
// back (then closes stdin, which makes s_client send close_notify and exit). With request: false
// it sends nothing and waits for the server to end the connection.
function sClient(port, args, { request = true } = {}) {
  const p = start(OPENSSL, ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost',
    '-CAfile', pki('root-ca.crt'), '-verify_return_error', '-brief', ...args]);
  if (request) {
    p.stdin.write('GET / HTTP/1.0\r\nHost: localhost\r\n\r\n');
    waitOutput(p, PAGE, 'openssl s_client').then(() => p.stdin.end(), () => {});
  }
  return p;
}

async function startServe(args) {
  const p = start(bin, ['serve', '127.0.0.1:0', '--cert', pki('server.crt'), '--key', pki('server.key'), ...args]);
  p.stdin.end();
  const m = await waitOutput(p, /tlstrace serve: listening on 127\.0\.0\.1:(\d+)/, 'tlstrace serve');
  p.port = Number(m[1]);
  return p;
}

// ---- 1. handshakes against openssl s_server ----------------------------------------------------

test('connect against openssl s_server: TLS 1.2 and 1.3, basic and mutual, the same messages as openssl saw',
  { timeout: 120000 }, async () => {
    const cases = [];
    for (const tls of ['1.2', '1.3']) for (const mutual of [false, true]) cases.push({ tls, mutual });
    await Promise.all(cases.map(async ({ tls, mutual }) => {
      const name = `${mutual ? 'mutual' : 'basic'}-tls${tls}`;
      const srv = await sServer([...serverCert('server'), sslVersion(tls), ...(mutual ? requireCert() : [])]);
      const r = await connect(`s_server-${name}`, `127.0.0.1:${srv.port}`,
        clientArgs('--servername', 'localhost', '--tls', tls, ...(mutual ? withCert() : [])));
      const s = await finished(srv, `s_server (${name})`);
      assert.equal(r.status, 0, `${name}: ${describe(r)}`);
      checkStream(r.events);
      one(r.events, 'handshake_done');
      assert.equal(ofType(r.events, 'handshake_failed').length, 0, name);
      const neg = one(r.events, 'negotiated');
      assert.equal(neg.version.name, `TLS ${tls}`, name);
      assert.equal(neg.mode, mutual ? 'mutual' : 'basic', name);
      assert.equal(neg.client_authenticated, mutual, name);
      assert.equal(neg.client_cert_requested, mutual, name);
      // TLS 1.3 suites have one name in both worlds (TLS 1.2's are OpenSSL's own names).
      if (tls === '1.3') assert.match(s.stdout, new RegExp(`^CIPHER is ${neg.cipher_suite.name}$`, 'm'), name);

      // The handshake messages, in order and by direction, are the ones openssl printed. Neither
      // list has ChangeCipherSpec (a record of its own content type, not a handshake message) nor
      // the RecordHeader/InnerContent lines openssl prints for each record. Both include what
      // follows the handshake: TLS 1.3's NewSessionTickets (two from OpenSSL), and TLS 1.2's
      // NewSessionTicket, which the server sends between the client's Finished and its own.
      const theirs = opensslMsg(s.stdout);
      assert.ok(theirs.msgs.length >= 6, `${name}: openssl printed ${theirs.msgs.length} messages:\n${s.stdout.slice(0, 800)}`);
      assert.deepEqual(messages(r.events), theirs.msgs, name);
      if (mutual) assert.ok(messages(r.events).includes('sent certificate_verify'), name);
      // The close_notify tlstrace sends at the end is the alert s_server received. (s_server's own
      // close_notify in answer may come after tlstrace has closed: it is not compared.)
      assert.deepEqual(ofType(r.events, 'alert').filter((a) => a.dir === 'sent').map((a) => a.description.name),
        theirs.alerts.filter((a) => a.dir === 'sent').map((a) => a.name), name);
      assert.deepEqual(theirs.alerts.filter((a) => a.dir === 'sent').map((a) => a.name), ['close_notify'], name);
    }));
  });

// ---- 2. failures against openssl s_server --------------------------------------------------------

test('connect against openssl s_server: untrusted CA, expired, wrong host, no client certificate',
  { timeout: 120000 }, async () => {
    const cases = [];
    for (const tls of ['1.2', '1.3']) {
      cases.push({ name: `untrusted-ca-tls${tls}`, tls, cert: 'other-server', cause: 'untrusted_ca', sent: 'unknown_ca' });
      cases.push({ name: `expired-tls${tls}`, tls, cert: 'expired', cause: 'certificate_expired', sent: 'certificate_expired' });
      cases.push({ name: `wrong-host-tls${tls}`, tls, cert: 'wrong-host', cause: 'hostname_mismatch', sent: 'bad_certificate',
        args: ['--servername', 'tlstrace-demo.local'] });
      // TLS 1.2: OpenSSL refuses the empty Certificate with handshake_failure. TLS 1.3: the client
      // has finished its handshake when the server reads that Certificate; OpenSSL's answer is
      // certificate_required, which the client reads after its handshake_done.
      cases.push({ name: `no-client-cert-tls${tls}`, tls, cert: 'server', cause: 'client_certificate_missing',
        received: tls === '1.2' ? 'handshake_failure' : 'certificate_required', server: requireCert() });
    }
    await Promise.all(cases.map(async (c) => {
      const srv = await sServer([...serverCert(c.cert), sslVersion(c.tls), ...(c.server ?? [])]);
      const r = await connect(`s_server-${c.name}`, `127.0.0.1:${srv.port}`,
        clientArgs('--tls', c.tls, ...(c.args ?? ['--servername', 'localhost'])));
      const s = await finished(srv, `s_server (${c.name})`);
      assert.equal(r.status, 1, `${c.name}: ${describe(r)}`);
      checkStream(r.events);
      const failed = one(r.events, 'handshake_failed');
      assert.equal(failed.cause, c.cause, `${c.name}: ${failed.explanation}`);
      assert.equal(failed.alert_sent?.name ?? null, c.sent ?? null, `${c.name}: alert_sent`);
      assert.equal(failed.alert_received?.name ?? null, c.received ?? null, `${c.name}: alert_received`);
      const postHandshake = c.tls === '1.3' && c.cause === 'client_certificate_missing';
      assert.equal(failed.post_handshake, postHandshake, c.name);
      assert.equal(ofType(r.events, 'handshake_done').length, postHandshake ? 1 : 0, c.name);
      if (postHandshake) assert.ok(one(r.events, 'handshake_done').seq < failed.seq, c.name);

      // The fatal alert tlstrace says it sent is the one s_server printed as received, and the one
      // it says it received is the one s_server printed as sent.
      const theirs = opensslMsg(s.stdout);
      const fatal = (dir) => theirs.alerts.find((a) => a.dir === dir && a.level === 'fatal')?.name ?? null;
      assert.equal(fatal('sent'), failed.alert_sent?.name ?? null, `${c.name}: s_server printed:\n${theirs.alerts.map((a) => JSON.stringify(a)).join('\n')}`);
      assert.equal(fatal('received'), failed.alert_received?.name ?? null, `${c.name}: the alert s_server sent`);
      // A message is read only after it was written, and the handshake stops at the first error:
      // what one side printed as received is the start of what the other printed as sent. (s_server
      // sends its whole flight although the client stops reading at the refused Certificate; the
      // Mbed TLS client sends ClientKeyExchange and Finished after its empty Certificate although
      // OpenSSL gives up on reading that Certificate.)
      const ours = messages(r.events);
      const dirOf = (list, dir) => list.filter((m) => m.startsWith(`${dir} `));
      const isPrefix = (a, b) => a.length <= b.length && a.every((m, i) => m === b[i]);
      assert.ok(isPrefix(dirOf(ours, 'received'), dirOf(theirs.msgs, 'received')),
        `${c.name}: tlstrace received ${dirOf(ours, 'received')}, s_server sent ${dirOf(theirs.msgs, 'received')}`);
      assert.ok(isPrefix(dirOf(theirs.msgs, 'sent'), dirOf(ours, 'sent')),
        `${c.name}: tlstrace sent ${dirOf(ours, 'sent')}, s_server received ${dirOf(theirs.msgs, 'sent')}`);
      assert.ok(ours.includes('received certificate'), c.name);
    }));
  });

// ---- 3. MQTT over TLS: mosquitto -----------------------------------------------------------------

// An MQTT 3.1.1 CONNECT (clean session, keep-alive 60 s) in --send's escapes.
function mqttConnect(clientId) {
  const hex = (n) => `\\x${n.toString(16).padStart(2, '0')}`;
  assert.ok(clientId.length < 100);
  return `\\x10${hex(10 + 2 + clientId.length)}\\x00\\x04MQTT\\x04\\x02\\x00\\x3c\\x00${hex(clientId.length)}${clientId}`;
}
// The broker's answer, a CONNACK, is 4 bytes: 0x20 0x02 flags return-code.
const connack = (evs) => evs.filter((e) => e.type === 'record' && e.dir === 'received' && e.decrypted &&
  (e.inner_content_type?.name ?? e.content_type.name) === 'application_data' && e.plaintext_length === 4);

test('connect to mosquitto over TLS: MQTT CONNECT, basic and with a client certificate',
  { timeout: 120000 }, async (t) => {
    const [open, mutual] = [await freePort(), await freePort()];
    const tlsFiles = [`cafile ${pki('root-ca.crt')}`, `certfile ${pki('server.crt')}`, `keyfile ${pki('server.key')}`];
    const conf = path.join(dir, 'mosquitto.conf');
    fs.writeFileSync(conf, [
      // Started as root, mosquitto switches to the user "mosquitto", who cannot read the keys in
      // our private temporary directory: stay the user we are.
      `user ${os.userInfo().username}`,
      'per_listener_settings false', 'allow_anonymous true', 'persistence false', 'log_dest stderr',
      `listener ${open} 127.0.0.1`, ...tlsFiles, 'require_certificate false',
      `listener ${mutual} 127.0.0.1`, ...tlsFiles, 'require_certificate true', 'use_identity_as_username false',
      '',
    ].join('\n'));
    const broker = start(MOSQUITTO, ['-c', conf]);
    broker.stdin.end();
    try {
      await portOpen(open, broker, 'mosquitto');
      await portOpen(mutual, broker, 'mosquitto');
      const cases = [
        { name: 'basic-tls1.3', port: open, tls: '1.3', id: 'tt-basic-13', mode: 'basic' },
        { name: 'basic-tls1.2', port: open, tls: '1.2', id: 'tt-basic-12', mode: 'basic' },
        { name: 'mutual-tls1.3', port: mutual, tls: '1.3', id: 'tt-mutual-13', mode: 'mutual', cert: true },
        { name: 'mutual-tls1.2', port: mutual, tls: '1.2', id: 'tt-mutual-12', mode: 'mutual', cert: true },
        // Without --send: connect only reads after its handshake, and reads mosquitto's refusal
        // (with --send, see below).
        { name: 'no-client-cert-tls1.3', port: mutual, tls: '1.3', cause: 'client_certificate_missing' },
      ];
      await Promise.all(cases.map(async (c) => {
        const r = await connect(`mosquitto-${c.name}`, `127.0.0.1:${c.port}`, clientArgs('--servername', 'localhost',
          '--tls', c.tls, ...(c.id ? ['--send', mqttConnect(c.id)] : []), ...(c.cert ? withCert() : [])));
        checkStream(r.events);
        if (c.cause) {
          assert.equal(r.status, 1, `${c.name}: ${describe(r)}`);
          const failed = one(r.events, 'handshake_failed');
          assert.equal(failed.cause, c.cause, `${c.name}: ${failed.explanation}`);
          // TLS 1.3: the client's handshake is complete before mosquitto reads its empty
          // Certificate; the refusal (certificate_required) is read after handshake_done.
          assert.equal(failed.post_handshake, true, c.name);
          assert.equal(failed.alert_received?.name, 'certificate_required', c.name);
          assert.equal(connack(r.events).length, 0, c.name);
        } else {
          assert.equal(r.status, 0, `${c.name}: ${describe(r)}`);
          one(r.events, 'handshake_done');
          const neg = one(r.events, 'negotiated');
          assert.equal(neg.version.name, `TLS ${c.tls}`, c.name);
          assert.equal(neg.mode, c.mode, c.name);
          // The CONNECT went out as application data (2 + 20 + client id bytes)...
          assert.ok(r.events.some((e) => e.type === 'record' && e.dir === 'sent' &&
            (e.inner_content_type?.name ?? e.content_type.name) === 'application_data' &&
            e.plaintext_length === 12 + c.id.length + 2), `${c.name}: no CONNECT record`);
          // ...and the CONNACK came back.
          assert.equal(connack(r.events).length, 1, `${c.name}: no 4-byte application-data record received`);
        }
      }));

      // A client without a certificate, sending its CONNECT. mosquitto refuses the empty
      // Certificate with a fatal alert and closes at once, with unread bytes from the client in its
      // socket, so the kernel resets the connection. The client's next write then fails (EPIPE)
      // while the alert is still unread in its own socket; the trace must still name the alert:
      // - TLS 1.3: the write is the --send data, after handshake_done: Mbed TLS reads the pending
      //   alert, and the refusal is reported after the handshake (post_handshake);
      // - TLS 1.2: Mbed TLS writes ClientKeyExchange, ChangeCipherSpec and Finished as separate
      //   records and a later one fails; tlstrace reads the alert left in the socket.
      for (const tls of ['1.3', '1.2']) {
        await t.test(`no client certificate, --send, TLS ${tls}`, {
        }, async () => {
          const r = await connect(`mosquitto-no-client-cert-send-tls${tls}`, `127.0.0.1:${mutual}`,
            clientArgs('--servername', 'localhost', '--tls', tls, '--send', mqttConnect(`tt-nocert-${tls}`)));
          assert.equal(r.status, 1, describe(r));
          checkStream(r.events);
          const failed = one(r.events, 'handshake_failed');
          assert.equal(failed.alert_received?.name, tls === '1.3' ? 'certificate_required' : 'handshake_failure', failed.explanation);
          assert.equal(failed.cause, 'client_certificate_missing', failed.explanation);
        });
      }
    } finally {
      broker.kill('SIGTERM');
      const b = await finished(broker, 'mosquitto');
      // The broker saw the MQTT sessions of the clients that got a CONNACK.
      for (const id of ['tt-basic-13', 'tt-basic-12', 'tt-mutual-13', 'tt-mutual-12'])
        assert.match(b.stderr, new RegExp(`New client connected from 127\\.0\\.0\\.1:\\d+ as ${id} `), `mosquitto log:\n${b.stderr}`);
      assert.doesNotMatch(b.stderr, /as tt-nocert/);
    }
  });

// ---- 4. curl and openssl s_client against tlstrace serve -----------------------------------------

test('serve: curl, s_client with and without a certificate, and a plaintext client, all at once',
  { timeout: 120000 }, async () => {
    const serve = await startServe(['--ca', pki('root-ca.crt'), '--request-client-cert', '--connections', '7', '--timeout', '20']);
    const clients = [
      { name: 'curl-tls1.3', tls: '1.3', mode: 'basic', curl: ['--tlsv1.3'] },
      { name: 'curl-tls1.2', tls: '1.2', mode: 'basic', curl: ['--tlsv1.2', '--tls-max', '1.2'] },
      { name: 's_client-cert-tls1.3', tls: '1.3', mode: 'mutual', sclient: ['-tls1_3', '-cert', pki('client.crt'), '-key', pki('client.key')] },
      { name: 's_client-cert-tls1.2', tls: '1.2', mode: 'mutual', sclient: ['-tls1_2', '-cert', pki('client.crt'), '-key', pki('client.key')] },
      { name: 's_client-tls1.3', tls: '1.3', mode: 'basic', sclient: ['-tls1_3'] },
      { name: 's_client-tls1.2', tls: '1.2', mode: 'basic', sclient: ['-tls1_2'] },
    ];
    const garbage = new Promise((resolve, reject) => {
      // Plain HTTP to the TLS port: that session fails as not_tls, and serve goes on serving.
      const s = net.connect(serve.port, '127.0.0.1', () => {
        s.localPortSeen = s.localPort;
        s.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
      });
      let got = '';
      s.on('data', (d) => { got += d.toString('latin1'); });
      s.on('error', () => {}); // a reset is fine too
      s.on('close', () => resolve({ port: s.localPortSeen, got }));
      setTimeout(() => { s.destroy(); reject(new Error('serve did not close the plaintext connection')); }, 30000).unref();
    });
    const results = await Promise.all(clients.map(async (c) => {
      const r = c.curl
        ? await run(CURL, ['-sS', '--max-time', '30', '--cacert', pki('root-ca.crt'), ...c.curl, `https://localhost:${serve.port}/`], c.name, 40000)
        : await finished(sClient(serve.port, c.sclient), c.name);
      assert.equal(r.status, 0, `${c.name}: ${describe(r)}\n${r.stdout.slice(-500)}`);
      const m = r.stdout.match(PAGE);
      assert.ok(m, `${c.name}: no page in its output:\n${r.stdout.slice(-800)}`);
      return { ...c, session: m[1] };
    }));
    const plain = await garbage;
    const s = await finished(serve, 'tlstrace serve');
    keepTrace('serve-mixed', s.stdout);
    assert.equal(s.status, 1, `serve exits 1 because one connection failed: ${describe(s)}`);
    assert.match(s.stderr, /7 connection\(s\): 6 ok, 1 failed/);

    const sessions = checkStream(parse(s.stdout));
    assert.deepEqual([...sessions.keys()].sort(), ['serve-1', 'serve-2', 'serve-3', 'serve-4', 'serve-5', 'serve-6', 'serve-7']);
    assert.equal(new Set(results.map((c) => c.session)).size, clients.length, 'two clients were given the same session');
    for (const c of results) {
      const evs = sessions.get(c.session);
      assert.ok(evs.every((e) => e.side === 'server'), c.name);
      one(evs, 'handshake_done');
      assert.equal(ofType(evs, 'handshake_failed').length, 0, c.name);
      const neg = one(evs, 'negotiated');
      assert.equal(neg.version.name, `TLS ${c.tls}`, c.name);
      assert.equal(neg.mode, c.mode, `${c.name} (${c.session})`);
      assert.equal(neg.client_cert_requested, true, c.name);
      // The client's Certificate: the client certificate (mutual), or empty.
      const cert = ofType(evs, 'message').find((e) => e.dir === 'received' && e.hs_type === 'certificate');
      assert.ok(cert, `${c.name}: no client Certificate message`);
      assert.equal(messages(evs).includes('received certificate_verify'), c.mode === 'mutual', c.name);
      assert.equal(one(evs, 'session_end').outcome, 'ok', c.name);
    }
    // The plaintext client's session: by its port in session_start's transport.
    const bad = [...sessions.entries()].find(([, evs]) => evs[0].transport?.endsWith(`127.0.0.1:${plain.port}`));
    assert.ok(bad, `no session for the plaintext client (port ${plain.port})`);
    assert.ok(!results.some((c) => c.session === bad[0]));
    const failed = one(bad[1], 'handshake_failed');
    assert.equal(failed.cause, 'not_tls', failed.explanation);
    assert.equal(ofType(bad[1], 'handshake_done').length, 0);
  });

test('serve --require-client-cert: s_client without a certificate is refused, one with a certificate is not',
  { timeout: 120000 }, async () => {
    const serve = await startServe(['--ca', pki('root-ca.crt'), '--require-client-cert', '--connections', '3', '--timeout', '20']);
    const clients = [
      { name: 'cert-tls1.3', p: sClient(serve.port, ['-tls1_3', '-cert', pki('client.crt'), '-key', pki('client.key')]) },
      // Without a certificate: s_client is left to end when serve refuses it.
      { name: 'nocert-tls1.3', p: sClient(serve.port, ['-tls1_3'], { request: false }) },
      { name: 'nocert-tls1.2', p: sClient(serve.port, ['-tls1_2'], { request: false }) },
    ];
    const done = await Promise.all(clients.map((c) => finished(c.p, c.name)));
    assert.equal(done[0].status, 0, `with a certificate: ${describe(done[0])}`);
    const session = done[0].stdout.match(PAGE)?.[1];
    assert.ok(session, done[0].stdout);
    const s = await finished(serve, 'tlstrace serve');
    keepTrace('serve-require', s.stdout);
    assert.equal(s.status, 1, describe(s));
    const sessions = checkStream(parse(s.stdout));
    assert.equal(sessions.size, 3);
    const versions = [];
    for (const [name, evs] of sessions) {
      if (name === session) {
        one(evs, 'handshake_done');
        assert.equal(one(evs, 'negotiated').mode, 'mutual');
        assert.equal(ofType(evs, 'handshake_failed').length, 0);
        continue;
      }
      const failed = one(evs, 'handshake_failed');
      assert.equal(failed.cause, 'client_certificate_missing', `${name}: ${failed.explanation}`);
      assert.equal(failed.error?.name, 'MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE', name);
      assert.equal(ofType(evs, 'handshake_done').length, 0, name);
      // The client's Certificate was empty, and it is the last thing serve read.
      const cert = ofType(evs, 'message').filter((e) => e.dir === 'received' && e.hs_type === 'certificate');
      assert.equal(cert.length, 1, name);
      const tls13 = messages(evs).includes('sent encrypted_extensions');
      versions.push(tls13 ? '1.3' : '1.2');
      // What Mbed TLS 3.6 does (see the no-client-cert scenario in README.md): in TLS 1.2 it sends
      // no alert; in TLS 1.3 it sends alert 41 (no_certificate, an SSL 3.0 code TLS 1.3 reserves)
      // under its handshake keys, although the client, having read the server's Finished, now
      // expects the server's application keys: OpenSSL cannot decrypt it ("bad record mac").
      if (tls13) {
        assert.equal(failed.alert_sent?.id, 41, name);
        assert.equal(failed.alert_sent?.protection, 'handshake', name);
      } else assert.equal(failed.alert_sent, null, name);
    }
    // Both versions were refused, and both s_clients failed.
    assert.deepEqual(versions.sort(), ['1.2', '1.3']);
    assert.notEqual(done[1].status, 0, describe(done[1]));
    assert.notEqual(done[2].status, 0, describe(done[2]));
  });

// ---- 5. key logs -------------------------------------------------------------------------------

const TLS13_LABELS = ['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0', 'SERVER_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_TRAFFIC_SECRET_0'];

// The NSS key log lines of a file, as [label, client_random, secret]; OpenSSL starts its file
// with a comment line, and also logs EXPORTER_SECRET (TLS 1.3), which Mbed TLS does not export.
function keylog(file, { openssl = false } = {}) {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const rows = lines.map((l) => l.split(' '));
  for (const r of rows) {
    assert.equal(r.length, 3, `${file}: ${r.join(' ')}`);
    assert.match(r[1], /^[0-9a-f]{64}$/i);
    assert.match(r[2], /^[0-9a-f]+$/i);
  }
  return rows.filter((r) => !(openssl && r[0] === 'EXPORTER_SECRET')).map((r) => r.map((x, i) => (i ? x.toLowerCase() : x)));
}
const sortRows = (rows) => rows.map((r) => r.join(' ')).sort();

// Checks our key log rows of one connection: labels and secret sizes by version and suite, the
// client random is the ClientHello's, and no secret appears anywhere in the trace.
function checkKeylogRows(rows, evs, traceText, what) {
  const neg = one(evs, 'negotiated');
  const hello = ofType(evs, 'message').find((e) => e.hs_type === 'client_hello');
  assert.ok(hello, `${what}: no ClientHello`);
  assert.ok(rows.every((r) => r[1] === hello.fields.random), `${what}: the key log's client random is not the ClientHello's ${hello.fields.random}`);
  if (neg.version.name === 'TLS 1.2') {
    assert.deepEqual(rows.map((r) => r[0]), ['CLIENT_RANDOM'], what);
    assert.equal(rows[0][2].length, 2 * 48, `${what}: the master secret is 48 bytes`);
  } else {
    assert.deepEqual(rows.map((r) => r[0]).sort(), TLS13_LABELS, what);
    const size = /SHA384$/.test(neg.cipher_suite.name) ? 48 : 32;
    for (const r of rows) assert.equal(r[2].length, 2 * size, `${what}: ${r[0]} with ${neg.cipher_suite.name}`);
  }
  // The secret events name the same secrets (labels only).
  assert.deepEqual(ofType(evs, 'secret').map((e) => e.label).sort(), rows.map((r) => r[0]).sort(), what);
  const lower = traceText.toLowerCase();
  for (const r of rows) assert.ok(!lower.includes(r[2]), `${what}: the ${r[0]} value is in the trace`);
}
const mode600 = (f) => assert.equal((fs.statSync(f).mode & 0o777).toString(8), '600', `${f} mode`);

test('key log: connect --keylog and serve --keylog write what OpenSSL writes for the same connection',
  { timeout: 120000 }, async () => {
    // connect against s_server -keylogfile, in TLS 1.3 (with a SHA-384 suite: 48-byte secrets)
    // and TLS 1.2.
    const connects = [
      { name: 'tls1.3', tls: '1.3', args: ['--ciphers', 'TLS_AES_256_GCM_SHA384'] },
      { name: 'tls1.2', tls: '1.2', args: [] },
    ];
    const serveCase = async () => {
      // serve --keylog with two s_client -keylogfile, TLS 1.3 (default suite) and TLS 1.2.
      const ours = path.join(dir, 'keylog-serve.txt');
      const serve = await startServe(['--keylog', ours, '--connections', '2', '--timeout', '20']);
      const cl = ['1.3', '1.2'].map((tls) => {
        const f = path.join(dir, `keylog-s_client-tls${tls}.txt`);
        return { tls, f, p: sClient(serve.port, [sslVersion(tls), '-keylogfile', f]) };
      });
      const cr = await Promise.all(cl.map((c) => finished(c.p, `s_client ${c.tls}`)));
      cr.forEach((r, i) => assert.equal(r.status, 0, `s_client ${cl[i].tls}: ${describe(r)}`));
      const s = await finished(serve, 'tlstrace serve --keylog');
      keepTrace('serve-keylog', s.stdout);
      assert.equal(s.status, 0, describe(s));
      mode600(ours);
      const rows = keylog(ours);
      const sessions = checkStream(parse(s.stdout));
      assert.equal(sessions.size, 2);
      for (const c of cl) {
        const theirs = keylog(c.f, { openssl: true });
        assert.ok(theirs.length > 0, `s_client ${c.tls} wrote no key log`);
        const random = theirs[0][1];
        const mine = rows.filter((r) => r[1] === random);
        assert.deepEqual(sortRows(mine), sortRows(theirs), `serve, s_client TLS ${c.tls}`);
        const evs = [...sessions.values()].find((e) => ofType(e, 'message').some((m) => m.hs_type === 'client_hello' && m.fields.random === random));
        assert.ok(evs, `no session has the client random ${random}`);
        checkKeylogRows(mine, evs, s.stdout, `serve, s_client TLS ${c.tls}`);
      }
      assert.equal(rows.length, 4 + 1, 'serve logged more than the two connections');
    };
    await Promise.all([serveCase(), ...connects.map(async (c) => {
      const theirsFile = path.join(dir, `keylog-s_server-${c.name}.txt`);
      const oursFile = path.join(dir, `keylog-connect-${c.name}.txt`);
      const srv = await sServer([...serverCert('server'), sslVersion(c.tls), '-keylogfile', theirsFile]);
      const r = await connect(`keylog-${c.name}`, `127.0.0.1:${srv.port}`,
        clientArgs('--servername', 'localhost', '--tls', c.tls, '--keylog', oursFile, ...c.args));
      await finished(srv, `s_server (${c.name})`);
      assert.equal(r.status, 0, `${c.name}: ${describe(r)}`);
      mode600(oursFile);
      const ours = keylog(oursFile);
      assert.deepEqual(sortRows(ours), sortRows(keylog(theirsFile, { openssl: true })), `connect ${c.name}`);
      checkKeylogRows(ours, r.events, r.stdout, `connect ${c.name}`);
      if (c.tls === '1.3') assert.equal(one(r.events, 'negotiated').cipher_suite.name, 'TLS_AES_256_GCM_SHA384');
    })]);
  });

// ---- 6. network faults ---------------------------------------------------------------------------

// A server for one test that is closed afterwards, sockets included.
async function listen(server) {
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => {}); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

test('connect: network faults before and around TLS', { timeout: 120000 }, async () => {
  const silent = await listen(net.createServer(() => {})); // accepts and never answers
  const web = await listen(http.createServer((req, res) => res.end('plain http\n'))); // answers the ClientHello with HTTP 400
  const closer = await listen(net.createServer((s) => s.once('data', () => s.end()))); // closes after the first data
  const refused = await freePort(); // nothing listens there any more
  try {
    const cases = [
      { name: 'refused', target: `127.0.0.1:${refused}`, cause: 'connection_refused' },
      { name: 'unresolved', target: 'no-such-host.invalid:443', cause: 'name_not_resolved' },
      { name: 'silent', target: `127.0.0.1:${silent.port}`, cause: 'timeout', args: ['--timeout', '0.5'] },
      { name: 'http', target: `127.0.0.1:${web.port}`, cause: 'not_tls' },
      { name: 'closes', target: `127.0.0.1:${closer.port}`, cause: 'peer_closed' },
    ];
    await Promise.all(cases.map(async (c) => {
      const r = await connect(`fault-${c.name}`, c.target, clientArgs(...(c.args ?? [])));
      assert.equal(r.status, 1, `${c.name}: ${describe(r)}`);
      checkStream(r.events);
      const failed = one(r.events, 'handshake_failed');
      assert.equal(failed.cause, c.cause, `${c.name}: ${failed.explanation}`);
      assert.equal(ofType(r.events, 'handshake_done').length, 0, c.name);
      assert.match(r.stderr, new RegExp(c.cause === 'name_not_resolved' ? 'resolve' : c.cause === 'connection_refused' ? 'refused' : c.cause), c.name);
      if (['connection_refused', 'name_not_resolved'].includes(c.cause)) {
        // No TLS was spoken: no ClientHello, no bytes, no Mbed TLS error.
        assert.equal(ofType(r.events, 'message').length, 0, c.name);
        assert.equal(failed.error, null, c.name);
        assert.equal(one(r.events, 'session_end').bytes, 0, c.name);
      } else {
        assert.deepEqual(messages(r.events), ['sent client_hello'], c.name);
      }
    }));
  } finally {
    await Promise.all([silent.close(), web.close(), closer.close()]);
  }
});

// ---- every trace, both validators -------------------------------------------------------------

test('every trace written above validates (tlstrace validate, and the schema with ajv)', { timeout: 60000 }, async () => {
  assert.ok(traces.length >= 25, `only ${traces.length} traces were written`);
  const [c, js] = await Promise.all([
    run(bin, ['validate', ...traces], 'tlstrace validate'),
    run(process.execPath, [path.join(here, 'validate-events.mjs'), ...traces], 'validate-events.mjs'),
  ]);
  assert.equal(c.status, 0, `tlstrace validate:\n${c.stdout}${c.stderr}`);
  assert.equal(js.status, 0, `validate-events.mjs:\n${js.stdout}${js.stderr}`);
});
