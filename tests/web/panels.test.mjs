// Certificate chains, negotiation, states, details and failure panels built from real traces.

import test from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../web/js/model.js';
import { buildChains } from '../../web/js/chain.js';
import { buildNegotiation, versionRank } from '../../web/js/negotiation.js';
import { detailsView } from '../../web/js/view/details.js';
import { chainView, failureView, statesView, negotiationView, sessionListView, summaryView, glossaryView } from '../../web/js/view/panels.js';
import { byTestId, textOf, findAll } from '../../web/js/vdom.js';
import { exampleEvents, session, generatedEvents } from './helpers.mjs';

test('mutual TLS 1.3: two chains, root CA → leaf, both accepted', () => {
  const chains = buildChains(session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3'));
  assert.deepEqual(chains.map((c) => `${c.verifier} checks ${c.owner}`), ['client checks server', 'server checks client']);
  for (const c of chains) {
    assert.equal(c.ok, true);
    assert.deepEqual(c.items.map((i) => i.role), ['root CA', 'leaf']);
    assert.match(c.items[0].source, /trusted CA certificates/, 'the root came from the trust store, not the wire');
    assert.match(c.items[1].source, /Certificate message/);
    assert.equal(c.items[0].subject, c.items[1].issuer);
    assert.match(c.verdict, /accepted/);
  }
  assert.deepEqual(chains[0].items[1].san, ['DNS:tlstrace-demo.local', 'DNS:localhost', 'IP:127.0.0.1']);
  assert.equal(chains[0].serverName, 'tlstrace-demo.local');
  const v = chainView(chains);
  assert.equal(byTestId(v, 'chain-item').length, 4);
});

test('untrusted CA: the leaf is rejected in words, and the unknown issuer is shown', () => {
  const [c] = buildChains(session(exampleEvents('untrusted-ca-tls1.3'), 'untrusted-ca-tls1.3'));
  assert.equal(c.verifier, 'client');
  assert.equal(c.ok, false);
  assert.deepEqual(c.items.map((i) => `${i.role}:${i.ok}`), ['leaf:false']);
  assert.match(c.items[0].reasons[0].explain, /not correctly signed by a trusted CA/);
  assert.match(c.verdict, /rejected/);
  assert.match(c.missingIssuer.subject, /other root CA/);
  assert.match(c.missingIssuer.text, /tlstrace demo root CA/, 'says which root the client does trust');
  const v = chainView([c]);
  assert.deepEqual(byTestId(v, 'chain-item').map((n) => n.attrs['data-role']), ['missing', 'leaf']);
});

test('no client certificate: the empty Certificate message is said in words', () => {
  const chains = buildChains(session(exampleEvents('no-client-cert-tls1.2'), 'no-client-cert-tls1.2'));
  const server = chains.find((c) => c.verifier === 'server');
  assert.equal(server.empty, true);
  assert.equal(server.ok, false);
  assert.match(server.verdict, /empty Certificate message/);
});

test('negotiation: offered vs chosen, the rule, and the suite in parts', () => {
  const n = buildNegotiation(session(exampleEvents('basic-tls1.2'), 'basic-tls1.2'));
  assert.equal(n.version.chosen.name, 'TLS 1.2');
  assert.match(n.version.rule, /highest version both sides support/);
  assert.equal(n.cipherSuites.chosen.name, 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256');
  assert.equal(n.cipherSuites.offered.filter((s) => s.chosen).length, 1);
  assert.ok(n.cipherSuites.offered.length > 3);
  assert.equal(n.groups.chosen.name, 'x25519');
  assert.deepEqual(
    [n.suiteParts.key_exchange, n.suiteParts.authentication, n.suiteParts.cipher, n.suiteParts.hash],
    ['ECDHE', 'ECDSA', 'CHACHA20_POLY1305', 'SHA256'],
  );
  assert.deepEqual(n.sni, ['tlstrace-demo.local']);
  assert.deepEqual(n.secrets.client.map((s) => s.label), ['CLIENT_RANDOM']);
  const v = negotiationView(n);
  for (const id of ['negotiation', 'neg-version', 'neg-suites', 'neg-groups', 'suite-parts', 'key-exchange']) assert.equal(byTestId(v, id).length, 1, id);
});

test('negotiation, TLS 1.3: key exchange and authentication are shown as really used', () => {
  const n = buildNegotiation(session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3'));
  assert.deepEqual(n.version.offered.map((v) => v.name), ['TLS 1.3']);
  assert.equal(n.version.offeredFrom, 'supported_versions extension');
  assert.match(n.suiteParts.key_exchange, /negotiated separately/);
  assert.match(n.suiteParts.keyExchangeUsed, /x25519/);
  assert.match(n.suiteParts.authenticationUsed, /ecdsa_secp256r1_sha256/);
  assert.deepEqual(n.groups.keyShares.map((g) => `${g.name}:${g.chosen}`), ['x25519:true']);
  assert.equal(n.clientAuthenticated, true);
  assert.ok(versionRank({ id: 772, name: 'TLS 1.3' }) > versionRank('TLS 1.2'));
});

test('states view: one ordered list per side with the Mbed TLS state names', () => {
  const s = session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3');
  const v = statesView(s);
  const lists = byTestId(v, 'state-list');
  assert.deepEqual(lists.map((l) => l.attrs['data-side']), ['client', 'server']);
  const states = byTestId(v, 'state').filter((n) => n.attrs['data-side'] === 'client');
  assert.equal(states.length, s.sides.client.states.length);
  assert.equal(textOf(states[0]).split(' ')[0], 'CLIENT_HELLO');
});

test('details view: the tree, one hex byte per message byte, and field ↔ byte links', () => {
  const s = session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3');
  const ch = s.messages[0];
  const v = detailsView(s, ch, { link: '#mutual-tls1.3/7' });
  assert.equal(byTestId(v, 'field-tree').length, 1);
  const bytes = byTestId(v, 'hex-byte');
  assert.equal(bytes.length, ch.length);
  const fieldPtrs = new Set(byTestId(v, 'field').map((n) => n.attrs['data-ptr']));
  for (const b of bytes) if (b.attrs['data-ptr']) assert.ok(fieldPtrs.has(b.attrs['data-ptr']), b.attrs['data-ptr']);
  const random = byTestId(v, 'field').find((n) => n.attrs['data-ptr'] === '/random');
  assert.equal(random.attrs['data-off'], 6);
  assert.equal(random.attrs['data-len'], 32);
  assert.match(textOf(v), /Travelled in a record/);
  assert.equal(byTestId(v, 'permalink')[0].attrs.href, '#mutual-tls1.3/7');
  assert.match(textOf(detailsView(s, null)), /Click an arrow/);
});

test('details view of a message the receiver never read says so', () => {
  const s = session(exampleEvents('untrusted-ca-tls1.3'), 'untrusted-ca-tls1.3');
  const fin = s.messages.find((m) => m.hs_type === 'finished');
  assert.match(textOf(detailsView(s, fin)), /The client never read this message/);
});

test('failure view: both sides\' causes, error codes and alerts', () => {
  const s = session(exampleEvents('untrusted-ca-tls1.3'), 'untrusted-ca-tls1.3');
  const v = failureView(s);
  assert.equal(v.attrs['data-testid'], 'failure-explanation');
  const t = textOf(v);
  for (const want of ['untrusted_ca', 'plaintext_alert_under_encryption', '-0x2700', '-0x7180', 'unknown_ca (0x30)', 'SERVER_CERTIFICATE']) assert.ok(t.includes(want), want);
  assert.equal(failureView(session(exampleEvents('basic-tls1.2'), 'basic-tls1.2')), null);
});

test('session list, summary and glossary views', () => {
  const events = [...exampleEvents('basic-tls1.2'), ...exampleEvents('untrusted-ca-tls1.3').map((e) => ({ ...e, seq: e.seq + 500 }))];
  const { sessions } = buildModel(events);
  const list = sessionListView(sessions, sessions[1].key);
  const items = byTestId(list, 'session-item');
  assert.deepEqual(items.map((i) => i.attrs['data-outcome']), ['ok', 'failed']);
  assert.ok(items[1].attrs.class.includes('current'));
  assert.match(textOf(summaryView(sessions[0])), /TLS 1\.2 with TLS_ECDHE_ECDSA/);
  assert.match(textOf(summaryView(sessions[1])), /failed \(client: untrusted_ca/);
  const g = glossaryView();
  assert.ok(findAll(g, (n) => n.tag === 'dt').length >= 15);
});

test('every generated session: the chain view shows each certificate checked, the negotiation view what the server chose', () => {
  const { sessions } = buildModel(generatedEvents());
  assert.ok(sessions.length >= 17, `${sessions.length} sessions`);
  for (const s of sessions) {
    const chains = buildChains(s);
    const n = buildNegotiation(s);
    const cv = chainView(chains);
    if (!chains.length) assert.equal(byTestId(cv, 'chains-empty').length, 1, s.id);
    assert.equal(byTestId(cv, 'chain').length, chains.length, s.id);
    assert.deepEqual(byTestId(cv, 'chain-subject').map(textOf), chains.flatMap((c) => c.items.map((i) => i.subject || '—')), s.id);
    // Each verdict in words, then its sources in brackets (issue 10: every sentence names them).
    const verdicts = byTestId(cv, 'chain-verdict').map(textOf);
    assert.deepEqual(verdicts.map((v) => v.replace(/ \[[^\]]*\]$/, '')), chains.map((c) => `${c.ok === true ? '✓ ' : c.ok === false ? '✕ ' : ''}${c.verdict}`), s.id);
    for (const v of verdicts) assert.match(v, /\[(RFC \d+|Mbed TLS)[^\]]*\]$/, `${s.id}: a verdict without its sources: ${v}`);
    const nv = negotiationView(n);
    const chosen = (id) => textOf(byTestId(nv, id)[0]);
    // What the negotiated event says (from Mbed TLS), shown as chosen; or "none" with no choice.
    const neg = s.events.find((e) => e.type === 'negotiated');
    if (s.outcome === 'ok') {
      assert.ok(neg, s.id);
      assert.ok(chains.length > 0 && chains.every((c) => c.ok === true), s.id);
      assert.deepEqual(n.version.chosen, neg.version, s.id);
      assert.equal(n.cipherSuites.chosen.id, neg.cipher_suite.id, s.id);
      assert.ok(chosen('neg-version').includes(neg.version.name), `${s.id}: ${chosen('neg-version')}`);
      assert.ok(chosen('neg-suites').includes(neg.cipher_suite.name), `${s.id}: ${chosen('neg-suites')}`);
      assert.ok(chosen('neg-groups').includes(neg.group.name), `${s.id}: ${chosen('neg-groups')}`);
    }
    if (s.id.startsWith('version-mismatch')) {
      assert.equal(n.version.chosen, null, s.id);
      assert.match(n.version.rule, /No version in common/, s.id);
      assert.match(chosen('neg-version'), /No version in common/, s.id);
    }
    if (s.id.startsWith('expired')) assert.match(chains[0].verdict, /validity/, s.id);
    if (s.id.startsWith('wrong-host')) assert.match(chains[0].verdict, /host name/, s.id);
    if (s.id === 'hello-retry-tls1.3') assert.ok(n.groups.helloRetry, s.id);
  }
});
