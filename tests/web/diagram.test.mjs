// The diagram's arrows, in order, with senders and protections — on the committed example traces,
// on every recorded trace in fixtures/traces, and on every scenario generated at test time.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildModel, parseJsonl } from '../../web/js/model.js';
import { buildDiagram, wrapText, visibleAt } from '../../web/js/diagram.js';
import { diagramSvg } from '../../web/js/view/diagram-svg.js';
import { byTestId, toXml } from '../../web/js/vdom.js';
import { exampleEvents, session, generatedEvents, ROOT } from './helpers.mjs';

const messages = (d) => d.items.filter((it) => it.kind === 'message').map((it) => `${it.from[0]}:${it.label}:${it.protection}${it.mutualOnly ? '*' : ''}`);

// Each scenario's handshake messages as the diagram must show them: sender, label, protection,
// * = mutual only. (From what Mbed TLS 3.6 really does; see README "Scenarios".)
const EXPECTED = {
  'basic-tls1.2': ['c:ClientHello:plaintext', 's:ServerHello:plaintext', 's:Certificate:plaintext', 's:ServerKeyExchange:plaintext', 's:ServerHelloDone:plaintext', 'c:ClientKeyExchange:plaintext', 'c:Finished:application', 's:NewSessionTicket:plaintext', 's:Finished:application'],
  'basic-tls1.3': ['c:ClientHello:plaintext', 's:ServerHello:plaintext', 's:EncryptedExtensions:handshake', 's:Certificate:handshake', 's:CertificateVerify:handshake', 's:Finished:handshake', 'c:Finished:handshake', 's:NewSessionTicket:application'],
  'mutual-tls1.2': ['c:ClientHello:plaintext', 's:ServerHello:plaintext', 's:Certificate:plaintext', 's:ServerKeyExchange:plaintext', 's:CertificateRequest:plaintext*', 's:ServerHelloDone:plaintext', 'c:Certificate:plaintext*', 'c:ClientKeyExchange:plaintext', 'c:CertificateVerify:plaintext*', 'c:Finished:application', 's:NewSessionTicket:plaintext', 's:Finished:application'],
  'mutual-tls1.3': ['c:ClientHello:plaintext', 's:ServerHello:plaintext', 's:EncryptedExtensions:handshake', 's:CertificateRequest:handshake*', 's:Certificate:handshake', 's:CertificateVerify:handshake', 's:Finished:handshake', 'c:Certificate:handshake*', 'c:CertificateVerify:handshake*', 'c:Finished:handshake', 's:NewSessionTicket:application'],
  'untrusted-ca-tls1.2': ['c:ClientHello:plaintext', 's:ServerHello:plaintext', 's:Certificate:plaintext', 's:ServerKeyExchange:plaintext', 's:ServerHelloDone:plaintext'],
  'untrusted-ca-tls1.3': ['c:ClientHello:plaintext', 's:ServerHello:plaintext', 's:EncryptedExtensions:handshake', 's:Certificate:handshake', 's:CertificateVerify:handshake', 's:Finished:handshake'],
  // A certificate the client rejects ends the handshake after the server's first flight, in
  // either version: the same arrows as an untrusted CA.
  'expired-tls1.2': ['c:ClientHello:plaintext', 's:ServerHello:plaintext', 's:Certificate:plaintext', 's:ServerKeyExchange:plaintext', 's:ServerHelloDone:plaintext'],
  'expired-tls1.3': ['c:ClientHello:plaintext', 's:ServerHello:plaintext', 's:EncryptedExtensions:handshake', 's:Certificate:handshake', 's:CertificateVerify:handshake', 's:Finished:handshake'],
  'wrong-host-tls1.2': ['c:ClientHello:plaintext', 's:ServerHello:plaintext', 's:Certificate:plaintext', 's:ServerKeyExchange:plaintext', 's:ServerHelloDone:plaintext'],
  'wrong-host-tls1.3': ['c:ClientHello:plaintext', 's:ServerHello:plaintext', 's:EncryptedExtensions:handshake', 's:Certificate:handshake', 's:CertificateVerify:handshake', 's:Finished:handshake'],
  'no-client-cert-tls1.2': ['c:ClientHello:plaintext', 's:ServerHello:plaintext', 's:Certificate:plaintext', 's:ServerKeyExchange:plaintext', 's:CertificateRequest:plaintext*', 's:ServerHelloDone:plaintext', 'c:Certificate:plaintext*', 'c:ClientKeyExchange:plaintext', 'c:Finished:application'],
  'no-client-cert-tls1.3': ['c:ClientHello:plaintext', 's:ServerHello:plaintext', 's:EncryptedExtensions:handshake', 's:CertificateRequest:handshake*', 's:Certificate:handshake', 's:CertificateVerify:handshake', 's:Finished:handshake', 'c:Certificate:handshake*', 'c:Finished:handshake'],
  // The server refuses the ClientHello itself: no ServerHello (RFC 8446 §4.1.1, RFC 5246 §7.4.1.3).
  'no-shared-cipher-tls1.2': ['c:ClientHello:plaintext'],
  'no-shared-cipher-tls1.3': ['c:ClientHello:plaintext'],
  'version-mismatch-tls1.2': ['c:ClientHello:plaintext'],
  'version-mismatch-tls1.3': ['c:ClientHello:plaintext'],
  'hello-retry-tls1.3': ['c:ClientHello:plaintext', 's:HelloRetryRequest:plaintext', 'c:ClientHello:plaintext', 's:ServerHello:plaintext', 's:EncryptedExtensions:handshake', 's:Certificate:handshake', 's:CertificateVerify:handshake', 's:Finished:handshake', 'c:Finished:handshake', 's:NewSessionTicket:application'],
};

// Alerts each scenario must draw: sender, description, protection.
const CLOSED = ['c:close_notify:application', 's:close_notify:application']; // RFC 8446 §6.1, RFC 5246 §7.2.1
const ALERTS = {
  'basic-tls1.2': CLOSED, 'basic-tls1.3': CLOSED, 'mutual-tls1.2': CLOSED, 'mutual-tls1.3': CLOSED, 'hello-retry-tls1.3': CLOSED,
  // The client refuses the server's certificate (RFC 8446 §6.2, RFC 5246 §7.2.2). In TLS 1.3 its
  // alert goes out as plaintext (Mbed TLS 3.6), and the server, expecting handshake keys, fails
  // to decrypt it: bad_record_mac.
  'untrusted-ca-tls1.2': ['c:unknown_ca:plaintext'],
  'untrusted-ca-tls1.3': ['c:unknown_ca:plaintext', 's:bad_record_mac:handshake'],
  'expired-tls1.2': ['c:certificate_expired:plaintext'],
  'expired-tls1.3': ['c:certificate_expired:plaintext', 's:bad_record_mac:handshake'],
  'wrong-host-tls1.2': ['c:bad_certificate:plaintext'],
  'wrong-host-tls1.3': ['c:bad_certificate:plaintext', 's:bad_record_mac:handshake'],
  // Mbed TLS 3.6: in TLS 1.2 the server fails on the empty Certificate without an alert (the client
  // waits); in TLS 1.3 it sends alert 41 (no_certificate, reserved since TLS 1.1) where RFC 8446
  // §4.4.2.4 says certificate_required, under its handshake keys, which the client, already on
  // application keys, cannot decrypt.
  'no-client-cert-tls1.2': [],
  'no-client-cert-tls1.3': ['s:no_certificate_RESERVED:handshake', 'c:bad_record_mac:application'],
  'no-shared-cipher-tls1.2': ['s:handshake_failure:plaintext'],
  'no-shared-cipher-tls1.3': ['s:handshake_failure:plaintext'],
  // A TLS 1.2 client to a TLS 1.3-only server: protocol_version (RFC 8446 §4.2.1); a TLS 1.3
  // client to a TLS 1.2-only server: Mbed TLS 3.6 answers handshake_failure.
  'version-mismatch-tls1.2': ['s:protocol_version:plaintext'],
  'version-mismatch-tls1.3': ['s:handshake_failure:plaintext'],
};
const alerts = (d) => d.items.filter((it) => it.kind === 'alert').map((it) => `${it.from[0]}:${it.label.replace(/^Alert /, '')}:${it.protection}`);

test('mutual TLS 1.3 example: arrows in order, with senders, protections and mutual-only marks', () => {
  const d = buildDiagram(session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3'));
  assert.deepEqual(messages(d), EXPECTED['mutual-tls1.3']);
  // The hs_type attributes the browser tests will read, in order.
  assert.deepEqual(d.items.filter((i) => i.kind === 'message').map((i) => i.hsType), [
    'client_hello', 'server_hello', 'encrypted_extensions', 'certificate_request', 'certificate', 'certificate_verify', 'finished',
    'certificate', 'certificate_verify', 'finished', 'new_session_ticket',
  ]);
});

test('basic TLS 1.2 example: arrows in order; ChangeCipherSpec drawn thin before each Finished', () => {
  const d = buildDiagram(session(exampleEvents('basic-tls1.2'), 'basic-tls1.2'));
  assert.deepEqual(messages(d), EXPECTED['basic-tls1.2']);
  const seq = d.items.filter((i) => i.kind === 'message' || i.kind === 'ccs').map((i) => `${i.from[0]}:${i.label}`);
  assert.ok(seq.indexOf('c:ChangeCipherSpec') === seq.indexOf('c:Finished') - 1, seq.join(' '));
  assert.ok(seq.indexOf('s:ChangeCipherSpec') === seq.lastIndexOf('s:Finished') - 1, seq.join(' '));
  for (const ccs of d.items.filter((i) => i.kind === 'ccs')) {
    assert.equal(ccs.thin, true);
    assert.equal(ccs.protection, 'plaintext');
  }
  for (const m of d.items.filter((i) => i.kind === 'message')) assert.equal(m.thin, false);
});

test('each message is drawn once although the trace holds it twice (sent and received)', () => {
  for (const name of ['mutual-tls1.3', 'basic-tls1.2', 'no-client-cert-tls1.2', 'untrusted-ca-tls1.3']) {
    const events = exampleEvents(name);
    const s = session(events, name);
    const sent = events.filter((e) => e.type === 'message' && e.dir === 'sent').length;
    assert.equal(s.messages.length, sent, name);
    for (const m of s.messages) assert.equal(m.sent.dir, 'sent');
  }
});

test('arrows go down the page, sender to receiver, and protection tags read as words', () => {
  const d = buildDiagram(session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3'));
  for (let i = 1; i < d.items.length; i++) assert.ok(d.items[i].y > d.items[i - 1].y);
  const lane = Object.fromEntries(d.lanes.map((l) => [l.side, l.x]));
  for (const it of d.items) {
    assert.equal(it.x1, lane[it.from]);
    if (it.read !== false) assert.equal(it.x2, lane[it.to]);
  }
  const tags = new Set(d.items.map((i) => i.tag));
  for (const t of ['plaintext', 'handshake keys', 'application keys']) assert.ok(tags.has(t), t);
});

test('flights group consecutive messages of one sender', () => {
  const s = session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3');
  assert.deepEqual(s.flights.map((f) => `${f.from}:${f.items.length}`), ['client:1', 'server:6', 'client:3', 'server:1']);
  const d = buildDiagram(s);
  for (const f of d.flights) assert.ok(f.y2 > f.y1);
});

test('untrusted CA, TLS 1.3: the alert unknown_ca goes out as plaintext, both failures are marked and explained', () => {
  const s = session(exampleEvents('untrusted-ca-tls1.3'), 'untrusted-ca-tls1.3');
  const d = buildDiagram(s);
  assert.deepEqual(messages(d), EXPECTED['untrusted-ca-tls1.3']);
  assert.deepEqual(alerts(d), ALERTS['untrusted-ca-tls1.3']);
  const unknownCa = d.items.find((i) => i.kind === 'alert' && i.label === 'Alert unknown_ca');
  assert.equal(unknownCa.from, 'client');
  assert.equal(unknownCa.protection, 'plaintext');
  assert.ok(unknownCa.classes.includes('alert-fatal'));
  assert.deepEqual(d.failures.map((f) => `${f.side}:${f.cause}`), ['client:untrusted_ca', 'server:plaintext_alert_under_encryption']);
  for (const f of d.failures) {
    assert.ok(f.lines.join(' ').length > 40, 'explanation shown');
    assert.ok(f.box.h > 0);
  }
  // The client failed on the server's Certificate; the server on the client's plaintext alert.
  const failing = d.items.filter((i) => i.failing).map((i) => `${i.from[0]}:${i.label}`);
  assert.deepEqual(failing, ['s:Certificate', 'c:Alert unknown_ca']);
  // The server's CertificateVerify and Finished were never read by the client.
  assert.deepEqual(d.items.filter((i) => i.read === false).map((i) => i.label), ['CertificateVerify', 'Finished', 'Alert bad_record_mac']);
  // The client's explanation is the handshake_failed text, word for word.
  const ev = exampleEvents('untrusted-ca-tls1.3').find((e) => e.type === 'handshake_failed' && e.side === 'client');
  assert.equal(d.failures[0].lines.join(' '), ev.explanation.split(/\s+/).join(' '));
});

test('no client certificate, TLS 1.2: the server fails on the empty Certificate, the client stalls', () => {
  const d = buildDiagram(session(exampleEvents('no-client-cert-tls1.2'), 'no-client-cert-tls1.2'));
  assert.deepEqual(messages(d), EXPECTED['no-client-cert-tls1.2']);
  assert.deepEqual(d.failures.map((f) => `${f.side}:${f.cause}`), ['server:client_certificate_missing', 'client:peer_silent']);
  assert.match(d.failures[1].title, /stalled/);
  assert.deepEqual(d.items.filter((i) => i.failing).map((i) => `${i.from[0]}:${i.label}`), ['c:Certificate']);
});

test('the SVG carries the stable test attributes and the failure marker', () => {
  const d = buildDiagram(session(exampleEvents('untrusted-ca-tls1.3'), 'untrusted-ca-tls1.3'));
  const tree = diagramSvg(d);
  const arrows = byTestId(tree, 'arrow');
  assert.equal(arrows.length, d.items.length);
  const first = arrows[0].attrs;
  assert.equal(first['data-hs-type'], 'client_hello');
  assert.equal(first['data-from'], 'client');
  assert.equal(first['data-protection'], 'plaintext');
  assert.equal(first['data-mutual-only'], 'false');
  assert.equal(byTestId(tree, 'failure-marker').length, 2);
  const xml = toXml(tree);
  assert.match(xml, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.ok(!/ on[a-z]+=/i.test(xml));
});

test('wrapText keeps words and respects the width', () => {
  const lines = wrapText('a bb ccc dddd eeeee ffffff', 8);
  assert.deepEqual(lines, ['a bb ccc', 'dddd', 'eeeee', 'ffffff']);
  assert.deepEqual(wrapText('x'.repeat(10), 4), ['xxxx', 'xxxx', 'xx']);
});

test('visibleAt: arrows written at or before a seq', () => {
  const d = buildDiagram(session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3'));
  assert.deepEqual(visibleAt(d, 16).map((i) => i.label), ['ClientHello', 'ServerHello']);
});

// One session checked against the tables above and the outcome its scenario must have.
function checkSession(s, where) {
  const d = buildDiagram(s);
  assert.ok(EXPECTED[s.id] && ALERTS[s.id], `${where}: ${s.id} has no expected arrows and alerts in this test`);
  assert.deepEqual(messages(d), EXPECTED[s.id], `${where}: ${s.id} messages`);
  assert.deepEqual(alerts(d), ALERTS[s.id], `${where}: ${s.id} alerts`);
  const shouldSucceed = /^(basic|mutual|hello-retry)-/.test(s.id);
  assert.equal(s.outcome, shouldSucceed ? 'ok' : 'failed', `${where}: ${s.id}`);
  assert.equal(d.failures.length, s.failures.length, s.id);
  if (s.outcome === 'ok') assert.equal(d.failures.length, 0, s.id);
  else assert.ok(d.failures.length >= 1, s.id);
  for (let i = 1; i < d.items.length; i++) assert.ok(d.items[i].y > d.items[i - 1].y, s.id);
}

test('every generated scenario: arrows, alerts and failures as Mbed TLS 3.6 really behaves', () => {
  const { sessions } = buildModel(generatedEvents());
  assert.deepEqual(sessions.map((s) => s.id).sort(), Object.keys(EXPECTED).sort(), 'demo --all runs every scenario in the tables, once');
  for (const s of sessions) checkSession(s, 'demo --all');
});

test('every recorded trace in fixtures/traces: arrows, alerts and failures as Mbed TLS 3.6 really behaves', () => {
  const dir = path.join(ROOT, 'fixtures', 'traces');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  assert.deepEqual(files, Object.keys(EXPECTED).map((id) => `${id}.jsonl`).sort(), 'one recorded trace per scenario in the tables');
  for (const f of files) {
    const { events, warnings, error } = parseJsonl(fs.readFileSync(path.join(dir, f), 'utf8'), f);
    assert.equal(error, null, f);
    assert.deepEqual(warnings, [], f);
    const { sessions } = buildModel(events);
    assert.deepEqual(sessions.map((s) => s.id), [f.replace(/\.jsonl$/, '')], f);
    checkSession(sessions[0], f);
  }
});
