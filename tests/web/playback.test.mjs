// The playback cursor: stepping, seeking, playing at a speed, and each side's state at the cursor.

import test from 'node:test';
import assert from 'node:assert/strict';
import { createPlayback, itemPhase, SPEEDS } from '../../web/js/playback.js';
import { exampleEvents, session } from './helpers.mjs';

const mutual13 = () => session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3');

test('starts at the last event, with both sides in HANDSHAKE_OVER', () => {
  const s = mutual13();
  const pb = createPlayback(s);
  const cur = pb.current();
  assert.equal(cur.index, s.events.length - 1);
  assert.equal(cur.atEnd, true);
  assert.equal(cur.states.client.name, 'HANDSHAKE_OVER');
  assert.equal(cur.states.server.name, 'HANDSHAKE_OVER');
  assert.equal(cur.visible, s.items.length);
});

test('step by message from the start: ClientHello, ServerHello, ChangeCipherSpec, EncryptedExtensions …', () => {
  const s = mutual13();
  const pb = createPlayback(s).toStart();
  assert.equal(pb.current().item, null);
  assert.equal(pb.current().states.client, null, 'no state before the first state event');
  const labels = [];
  for (let i = 0; i < 4; i++) labels.push(s.items[pb.stepMessage(1).current().item].label);
  assert.deepEqual(labels, ['ClientHello', 'ServerHello', 'ChangeCipherSpec', 'EncryptedExtensions']);
  pb.stepMessage(-1);
  assert.equal(s.items[pb.current().item].label, 'ChangeCipherSpec');
  // Back from the first message goes to the very start.
  pb.seek(0).stepMessage(1).stepMessage(-1);
  assert.equal(pb.index, 0);
});

test('the current states of each side at the cursor', () => {
  const s = mutual13();
  const pb = createPlayback(s, { seq: 16 }); // the server writes its ServerHello
  let cur = pb.current();
  assert.equal(cur.seq, 16);
  assert.equal(s.items[cur.item].label, 'ServerHello');
  assert.equal(cur.states.client.name, 'SERVER_HELLO', 'the client waits for the ServerHello');
  assert.equal(cur.states.server.name, 'SERVER_CCS_AFTER_SERVER_HELLO');
  pb.seekSeq(75); // the client writes its CertificateVerify
  cur = pb.current();
  assert.equal(s.items[cur.item].label, 'CertificateVerify');
  assert.equal(s.items[cur.item].from, 'client');
  assert.equal(cur.states.client.name, 'CLIENT_FINISHED', 'a state names the step Mbed TLS does next');
  assert.equal(cur.states.server.name, 'CLIENT_CERTIFICATE_VERIFY', 'the server has checked the client certificate and waits for its signature');
  // seekSeq between events lands on the event before.
  const idx = pb.seekSeq(10000).index;
  assert.equal(idx, s.events.length - 1);
});

test('step by event and clamp at both ends', () => {
  const s = mutual13();
  const pb = createPlayback(s).toStart();
  pb.stepEvent(-1);
  assert.equal(pb.index, 0);
  pb.stepEvent(1).stepEvent(1);
  assert.equal(pb.index, 2);
  pb.toEnd().stepEvent(1).stepMessage(1);
  assert.equal(pb.index, s.events.length - 1);
});

test('play advances one message per second at speed 1, faster at speed 4, and stops at the end', () => {
  const s = mutual13();
  const pb = createPlayback(s);
  pb.play();
  assert.equal(pb.index, 0, 'play at the end replays from the start');
  assert.equal(pb.tick(999), false);
  assert.equal(pb.tick(1), true);
  assert.equal(s.items[pb.current().item].label, 'ClientHello');
  pb.setSpeed(4);
  pb.tick(500); // two messages
  assert.equal(s.items[pb.current().item].label, 'ChangeCipherSpec');
  pb.setSpeed(3); // not an offered speed: ignored
  assert.equal(pb.speed, 4);
  pb.tick(1000 * s.items.length);
  assert.equal(pb.playing, false);
  assert.equal(pb.current().atEnd, true);
  pb.pause();
  assert.equal(pb.tick(5000), false);
  assert.ok(SPEEDS.includes(1));
});

test('itemPhase: future, current, in flight, past', () => {
  const s = mutual13();
  const ch = s.items[0]; // sent at 7, received at 9
  assert.equal(itemPhase(ch, 6, null), 'future');
  assert.equal(itemPhase(ch, 7, 0), 'current');
  assert.equal(itemPhase(ch, 8, 5), 'inflight');
  assert.equal(itemPhase(ch, 9, 5), 'past');
});

test('a failed session: states at the failure', () => {
  const s = session(exampleEvents('untrusted-ca-tls1.3'), 'untrusted-ca-tls1.3');
  const f = s.failures.find((x) => x.side === 'client');
  const cur = createPlayback(s, { seq: f.seq }).current();
  assert.equal(cur.event.type, 'handshake_failed');
  assert.equal(cur.states.client.name, 'SERVER_CERTIFICATE', 'the step in which the client rejected the certificate');
  assert.equal(cur.states.client.name, f.state.name, 'the same state handshake_failed reports');
  assert.equal(s.items[cur.item].label, 'Alert unknown_ca');
});
