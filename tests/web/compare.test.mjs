// Basic vs mutual: a mutual handshake adds exactly CertificateRequest and the client's Certificate
// and CertificateVerify, each with a sentence on what it proves.

import test from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../web/js/model.js';
import { compareSessions, findPairs, MUTUAL_PROOFS } from '../../web/js/compare.js';
import { compareView } from '../../web/js/view/panels.js';
import { byTestId, textOf } from '../../web/js/vdom.js';
import { exampleEvents, session, generatedEvents } from './helpers.mjs';

const ADDED = ['server:certificate_request', 'client:certificate', 'client:certificate_verify'];

test('the mutual-only set of a real mutual TLS 1.3 trace is exactly the three messages', () => {
  const s = session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3');
  assert.deepEqual(s.messages.filter((m) => m.mutual_only).map((m) => `${m.from}:${m.hs_type}`), ADDED);
});

test('comparing a session with itself adds nothing; without its mutual-only messages, exactly those come back', () => {
  const mutual = session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3');
  const same = compareSessions(mutual, mutual);
  assert.equal(same.added.length, 0);
  assert.equal(same.consistent, false, 'the mutual-only messages were not "added" by the alignment');
  // A basic look-alike made from the same trace: drop the mutual-only messages.
  const basicLike = { ...mutual, title: 'basic-like', messages: mutual.messages.filter((m) => !m.mutual_only) };
  const cmp = compareSessions(basicLike, mutual);
  assert.deepEqual(cmp.added.map((a) => `${a.from}:${a.hs_type}`), ADDED);
  assert.equal(cmp.consistent, true);
  for (const a of cmp.added) assert.ok(a.proves.length > 40, a.label);
});

test('the proof sentences exist for exactly the three added messages', () => {
  assert.deepEqual(Object.keys(MUTUAL_PROOFS).sort(), ADDED.slice().sort());
  assert.match(MUTUAL_PROOFS['client:certificate_verify'].text, /private key/);
});

test('findPairs needs a basic and a mutual session of the same version', () => {
  const sessions = buildModel([...exampleEvents('basic-tls1.2'), ...exampleEvents('mutual-tls1.3').map((e) => ({ ...e, seq: e.seq + 1000 }))]).sessions;
  assert.deepEqual(findPairs(sessions), []);
  const view = compareView(null, { canRun: true, tls: '1.3' });
  assert.equal(byTestId(view, 'run-compare').length, 1);
  assert.match(textOf(view), /load a trace that holds both/);
});

test('basic vs mutual from generated traces, TLS 1.2 and TLS 1.3', () => {
  const { sessions } = buildModel(generatedEvents());
  const pairs = findPairs(sessions);
  assert.deepEqual(pairs.map((p) => p.version), ['TLS 1.2', 'TLS 1.3']);
  for (const p of pairs) {
    assert.equal(p.basic.scenario.name, 'basic', 'the basic scenario is preferred over hello-retry');
    assert.equal(p.mutual.scenario.name, 'mutual');
    const cmp = compareSessions(p.basic, p.mutual);
    assert.deepEqual(cmp.added.map((a) => `${a.from}:${a.hs_type}`), ADDED, p.version);
    assert.deepEqual(cmp.mutualOnly.map((a) => `${a.from}:${a.hs_type}`), ADDED, p.version);
    assert.equal(cmp.consistent, true, p.version);
    assert.equal(cmp.rows.length, p.mutual.messages.length);
    const view = compareView(cmp);
    assert.equal(byTestId(view, 'compare-added').length, 3);
    assert.equal(byTestId(view, 'compare-row').filter((r) => r.attrs['data-added'] === 'true').length, 3);
  }
});
