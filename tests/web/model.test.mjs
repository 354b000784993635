// events → sessions → handshake model, on real traces; parsing and its readable errors.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseJsonl, checkEvent, groupSessions, buildModel, buildSession, resolvePointer, checkSpans, toJsonl, eventIndexOfSeq } from '../../web/js/model.js';
import { exampleEvents, exampleNames, session, EXAMPLES, generatedEvents } from './helpers.mjs';

test('every example trace parses without a warning into one session', () => {
  const names = exampleNames();
  assert.ok(names.length >= 4, 'schema/examples has traces');
  for (const name of names) {
    const events = exampleEvents(name);
    const { sessions } = buildModel(events);
    assert.equal(sessions.length, 1, name);
    assert.deepEqual(sessions[0].warnings, [], name);
    // Demo traces hold both endpoints; connect traces the client only, serve the server only.
    if (name.startsWith('connect-')) {
      assert.match(sessions[0].id, /^connect-127\.0\.0\.1:\d+$/, name);
      assert.deepEqual(sessions[0].traced, ['client'], name);
    } else if (name.startsWith('serve-')) {
      assert.equal(sessions[0].id, 'serve-1', name);
      assert.deepEqual(sessions[0].traced, ['server'], name);
    } else if (name.startsWith('capture-')) { // seen on the network: each side's own bytes
      assert.equal(sessions[0].id, 'capture-1', name);
      assert.ok(sessions[0].capture, name);
    } else {
      assert.equal(sessions[0].id, name);
      assert.deepEqual(sessions[0].traced, ['client', 'server'], name);
    }
  }
});

test('a real peer traced from one side: connect against openssl, serve with curl', () => {
  for (const [name, side] of [['connect-openssl-mutual-tls1.3', 'client'], ['serve-curl-mutual', 'server']]) {
    const { sessions } = buildModel(exampleEvents(name));
    const s = sessions[0];
    assert.equal(s.sides[side].start.source, side === 'client' ? 'connect' : 'serve', name);
    assert.equal(s.scenario, null, `${name}: no demo scenario`);
    assert.equal(s.version, 'TLS 1.3', name);
    assert.equal(s.mode, 'mutual', name);
    assert.equal(s.outcome, 'ok', name);
    assert.equal(s.ended, true, name);
    assert.ok(s.sides[side].certVerify.length >= 1, `${name}: the ${side} checked its peer`);
  }
});

test('session model: sides, scenario, version, mode, negotiated, outcome', () => {
  const s = session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3');
  assert.equal(s.scenario.name, 'mutual');
  assert.equal(s.version, 'TLS 1.3');
  assert.equal(s.mode, 'mutual');
  assert.equal(s.outcome, 'ok');
  assert.equal(s.ended, true);
  assert.equal(s.negotiated.cipher_suite.name, 'TLS_CHACHA20_POLY1305_SHA256');
  assert.equal(s.keyExchange.group.name, 'x25519');
  assert.equal(s.sides.client.role, 'client');
  assert.equal(s.sides.server.config.verify_peer, 'required');
  assert.equal(s.sides.client.certVerify.length, 2);
  assert.equal(s.sides.server.certVerify.length, 2, 'the server checked the client chain');
  assert.ok(s.sides.client.states.length > 5);
  assert.equal(s.sides.client.states[0].to.name, 'CLIENT_HELLO');
  assert.equal(s.failures.length, 0);
  assert.equal(s.alerts.length, 2);
  assert.equal(s.title, 'mutual, TLS 1.3');
});

test('sent and received copies are paired: the item knows both seqs and that it was read', () => {
  const s = session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3');
  const ch = s.messages[0];
  assert.equal(ch.hs_type, 'client_hello');
  assert.equal(ch.sentSeq, 7);
  assert.equal(ch.recvSeq, 9);
  assert.equal(ch.read, true);
  assert.equal(ch.sent.hex, ch.received.hex);
  assert.equal(ch.mismatch, undefined);
  // The record it travelled in: 5-byte header, type handshake.
  assert.equal(ch.record.seq, 6);
  assert.equal(ch.record.header_hex.length, 10);
});

test('a one-sided trace (only the server traced) shows the client\'s messages from what the server received', () => {
  const events = exampleEvents('mutual-tls1.3').filter((e) => e.side === 'server');
  const { sessions } = buildModel(events);
  const s = sessions[0];
  assert.deepEqual(s.traced, ['server']);
  const labels = s.messages.map((m) => `${m.from[0]}:${m.label}`);
  assert.deepEqual(labels, ['c:ClientHello', 's:ServerHello', 's:EncryptedExtensions', 's:CertificateRequest', 's:Certificate', 's:CertificateVerify', 's:Finished', 'c:Certificate', 'c:CertificateVerify', 'c:Finished', 's:NewSessionTicket']);
  const fromClient = s.messages.filter((m) => m.from === 'client');
  for (const m of fromClient) {
    assert.equal(m.sent, null);
    assert.equal(m.received.dir, 'received');
  }
  // The untraced client's reading is unknown, not "never read".
  for (const m of s.messages.filter((x) => x.from === 'server')) assert.equal(m.read, null);
});

test('a repeated session id (the live server running a scenario twice) becomes two runs', () => {
  const a = exampleEvents('basic-tls1.2');
  const n = a.length;
  const b = a.map((e) => ({ ...e, seq: e.seq + n }));
  const groups = groupSessions([...a, ...b]);
  assert.deepEqual(groups.map((g) => g.key), ['basic-tls1.2', 'basic-tls1.2#2']);
  const { sessions } = buildModel([...a, ...b]);
  assert.equal(sessions[1].title, 'basic, TLS 1.2 (run 2)');
  assert.equal(sessions[1].messages.length, sessions[0].messages.length);
});

test('a live page lists sessions in the order they arrived, though producers count seq from 1', () => {
  // The live server's own runs carry its seq; each 'tlstrace serve/connect --ui' producer counts
  // from 1. A connection published after a run is newer and goes after it, whatever its seq.
  const run = exampleEvents('basic-tls1.2').map((e) => ({ ...e, session: 'run1-basic-tls1.2', seq: e.seq + 500 }));
  const peer = exampleEvents('serve-curl-mutual').map((e) => ({ ...e, session: 'serve-1@p2' }));
  const arrived = [...run.slice(0, 5), ...peer, ...run.slice(5)];
  const { sessions } = buildModel(arrived);
  assert.deepEqual(sessions.map((s) => s.key), ['run1-basic-tls1.2', 'serve-1@p2']);
  // Within each session the order is still by seq, whatever the arrival order.
  const shuffled = buildModel([...peer.slice().reverse(), ...run.slice().reverse()]);
  assert.deepEqual(shuffled.sessions.map((s) => s.key), ['serve-1@p2', 'run1-basic-tls1.2']);
  assert.deepEqual(shuffled.sessions[0].events.map((e) => e.seq), peer.map((e) => e.seq));
  assert.deepEqual(shuffled.sessions[1].events.map((e) => e.seq), run.map((e) => e.seq));
  assert.equal(shuffled.sessions[1].outcome, 'ok');
});

test('checkEvent: the fields the page relies on', () => {
  const msg = exampleEvents('mutual-tls1.3').find((e) => e.type === 'message');
  assert.equal(checkEvent(msg), null);
  assert.match(checkEvent({ ...msg, hex: 'ZZ' }), /hex/);
  assert.match(checkEvent({ ...msg, dir: 'received' }), /does not match/);
  assert.match(checkEvent({ ...msg, protection: 'encrypted' }), /protection/);
  assert.match(checkEvent({ ...msg, fields: [] }), /fields/);
  assert.match(checkEvent({ ...msg, type: 'bogus' }), /unknown event type/);
  assert.match(checkEvent({ ...msg, session: '' }), /session/);
});

test('JSON Pointer lookup and span checks', () => {
  const f = { a: [{ 'b/c': 1, 'd~e': 2 }] };
  assert.equal(resolvePointer(f, '/a/0/b~1c'), 1);
  assert.equal(resolvePointer(f, '/a/0/d~0e'), 2);
  assert.equal(resolvePointer(f, '/a/1'), undefined);
  assert.equal(resolvePointer(f, '/a/01'), undefined);
  assert.equal(resolvePointer(f, 'a'), undefined);
  const r = checkSpans({ fields: { x: 1 }, hex: '00112233', spans: [['/x', 0, 2], ['/x', 3, 2], ['/y', 0, 1], ['bad']] });
  assert.deepEqual(r.valid, [['/x', 0, 2]]);
  assert.equal(r.problems.length, 3);
});

test('a message whose received bytes differ from the sent bytes is flagged', () => {
  const events = exampleEvents('basic-tls1.2').map((e) => (e.type === 'message' && e.dir === 'received' && e.hs_type === 'finished' && e.side === 'server'
    ? { ...e, hex: e.hex.slice(0, -2) + '00' } : e));
  const s = session(events, 'basic-tls1.2');
  const fin = s.messages.find((m) => m.hs_type === 'finished' && m.from === 'client');
  assert.match(fin.mismatch, /differ/);
  assert.ok(s.warnings.some((w) => /differ/.test(w)));
});

test('toJsonl round-trips and eventIndexOfSeq finds events', () => {
  const events = exampleEvents('untrusted-ca-tls1.3');
  const again = parseJsonl(toJsonl(events), 'x').events;
  assert.deepEqual(again, events);
  const s = session(events, 'untrusted-ca-tls1.3');
  assert.equal(s.events[eventIndexOfSeq(s, 47)].seq, 47);
  assert.equal(eventIndexOfSeq(s, 9999), -1);
});

test('buildSession tolerates a session with only a session_start', () => {
  const start = exampleEvents('basic-tls1.2')[0];
  const s = buildSession({ key: 'k', id: 'k', run: 1, events: [start] });
  assert.equal(s.outcome, 'incomplete');
  assert.equal(s.items.length, 0);
  assert.equal(s.flights.length, 0);
});

test('every generated session builds, with each message once and the mutual-only ones flagged', () => {
  const events = generatedEvents();
  const { sessions } = buildModel(events);
  assert.ok(sessions.length >= 17, `${sessions.length} sessions`);
  for (const s of sessions) {
    const sent = events.filter((e) => e.session === s.id && e.type === 'message' && e.dir === 'sent').length;
    assert.equal(s.messages.length, sent, s.id);
    assert.deepEqual(s.warnings, [], s.id);
    for (const m of s.messages) {
      const mo = m.hs_type === 'certificate_request' || (m.from === 'client' && (m.hs_type === 'certificate' || m.hs_type === 'certificate_verify'));
      assert.equal(m.mutual_only, mo, `${s.id} ${m.label}`);
    }
  }
});
