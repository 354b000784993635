// Issue 10: every sentence true and sourced. Checks, on the page's own tables and on real traces
// (the schema examples, the recorded fixtures, and every scenario generated at test time): that no
// sentence lacks a well-formed source, that each deviation is said both ways, that the facts behind
// the corrected sentences hold in the bytes of the trace (not the wording), and the key-schedule and
// who-signs-what models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, exampleNames, exampleEvents, session, generatedEvents } from './helpers.mjs';
import { parseJsonl, buildModel } from '../../web/js/model.js';
import { validSources, sourceUrl, SOURCE_RE } from '../../web/js/sources.js';
import { allWords as explainWords } from '../../web/js/explain.js';
import { GLOSSARY } from '../../web/js/glossary.js';
import { MUTUAL_PROOFS } from '../../web/js/compare.js';
import { allWords as chainWords, buildChains } from '../../web/js/chain.js';
import { allWords as ksWords, buildKeySchedule } from '../../web/js/keyschedule.js';
import { allWords as sigWords, buildSignatures } from '../../web/js/signatures.js';
import { PANEL_WORDS } from '../../web/js/view/panels.js';
import { CLIENT_CERT_PRIVACY } from '../../web/js/diagram.js';

const fixtureEvents = (name) => {
  const file = path.join(ROOT, 'fixtures', 'traces', `${name}.jsonl`);
  const { events, warnings, error } = parseJsonl(fs.readFileSync(file, 'utf8'), file);
  assert.ok(!error && !warnings.length, `${file}: ${error || (warnings[0] && warnings[0].message)}`);
  return events;
};
const fixtureNames = () => fs.readdirSync(path.join(ROOT, 'fixtures', 'traces')).filter((f) => f.endsWith('.jsonl')).map((f) => f.replace(/\.jsonl$/, ''));

test('every sentence of the page\'s own tables names a well-formed source', () => {
  const words = [
    ...explainWords(),
    ...GLOSSARY.map((g) => ({ where: `glossary.${g.id}`, text: g.text, sources: g.sources })),
    ...Object.entries(MUTUAL_PROOFS).map(([k, v]) => ({ where: `compare.${k}`, text: v.text, sources: v.sources })),
    ...chainWords(), ...ksWords(), ...sigWords(),
    ...Object.entries(PANEL_WORDS).map(([k, v]) => ({ where: `panels.${k}`, text: v.text, sources: v.sources })),
    ...Object.entries(CLIENT_CERT_PRIVACY).map(([k, v]) => ({ where: `diagram.${k}`, text: v.text, sources: v.sources })),
  ];
  assert.ok(words.length > 180, `only ${words.length} sentences found`);
  for (const w of words) {
    assert.ok(typeof w.text === 'string' && w.text.length > 5, `${w.where}: no sentence`);
    assert.ok(validSources(w.sources), `${w.where}: sources ${JSON.stringify(w.sources)}`);
  }
});

test('source references: the documented forms pass, others fail, and RFC sections become rfc-editor links', () => {
  for (const ok of ['RFC 8446 §4.4.3', 'RFC 8446 Appendix D.4', 'RFC 7627', 'draft-ietf-tls-esni', 'FIPS 203', 'Mbed TLS 3.6 behaviour: mbedtls_ssl_parse_certificate']) assert.match(ok, SOURCE_RE);
  for (const bad of ['RFC 8446', 'RFC 5246', 'RFC 8446 §4.', 'see RFC 8446', 'Mbed TLS 3.6 behaviour: ', '<img src=x>', 'RFC 8446 §4.1 javascript:']) assert.doesNotMatch(bad, SOURCE_RE);
  assert.equal(sourceUrl('RFC 8446 §4.4.3'), 'https://www.rfc-editor.org/rfc/rfc8446#section-4.4.3');
  assert.equal(sourceUrl('RFC 8446 Appendix D.4'), 'https://www.rfc-editor.org/rfc/rfc8446#appendix-D.4');
  assert.equal(sourceUrl('Mbed TLS 3.6 behaviour: x'), null);
});

// Every explaining text of a trace has its sources; every deviation is said both ways.
function checkTraceWords(events, where) {
  let deviations = 0;
  for (const e of events) {
    const at = `${where} seq ${e.seq} ${e.type}`;
    const texts = [['explanation', e], ['summary', e]];
    if (e.type === 'session_start' && e.scenario) texts.push(['teaches', e.scenario]);
    if (e.type === 'negotiated' && e.cipher_suite && e.cipher_suite.explanation) texts.push(['explanation', e.cipher_suite]);
    for (const [key, o] of texts) {
      if (typeof o[key] === 'string') assert.ok(validSources(o.sources), `${at}: "${key}" without sources`);
    }
    for (const r of [...(e.reasons || []), ...(e.verify_reasons || [])]) assert.ok(validSources(r.sources), `${at}: reason ${r.name} without sources`);
    for (const d of e.deviations || []) {
      deviations++;
      assert.ok(d.rfc.length > 20 && d.mbedtls.length > 20, `${at}: ${d.id} not said both ways`);
      assert.ok(validSources(d.sources), `${at}: ${d.id} sources`);
      assert.ok(d.sources.some((s) => s.startsWith('RFC ')) && d.sources.some((s) => s.startsWith('Mbed TLS 3.6 behaviour: ')), `${at}: ${d.id} names the RFC and Mbed TLS`);
    }
  }
  return deviations;
}

test('every explanation in the examples and fixtures names its sources', () => {
  for (const n of exampleNames()) checkTraceWords(exampleEvents(n), `example ${n}`);
  let devs = 0;
  for (const n of fixtureNames()) devs += checkTraceWords(fixtureEvents(n), `fixture ${n}`);
  assert.ok(devs >= 4, 'the fixtures show Mbed TLS\'s deviations');
});

test('every explanation of every generated scenario names its sources', () => {
  checkTraceWords(generatedEvents(), 'demo --all');
});

const messageNames = ['ClientHello', 'ServerHello', 'EncryptedExtensions', 'CertificateRequest', 'CertificateVerify', 'Certificate', 'ServerKeyExchange', 'ClientKeyExchange', 'ServerHelloDone', 'Finished', 'NewSessionTicket'];
const named = (text) => {
  const found = new Set();
  let rest = String(text);
  for (const n of messageNames) { // longest names first where they overlap (CertificateVerify, Certificate)
    if (new RegExp(`\\b${n}\\b`).test(rest)) { found.add(n); rest = rest.replace(new RegExp(`\\b${n}\\b`, 'g'), ''); }
  }
  return found;
};

for (const v of ['1.2', '1.3']) {
  test(`mutual TLS ${v}: the scenario and the summary name only messages the trace contains, from the right side`, () => {
    const s = session(fixtureEvents(`mutual-tls${v}`), `mutual-tls${v}`);
    const have = new Set(s.messages.map((m) => m.label));
    for (const text of [s.scenario.teaches, s.sides.client.done.summary]) {
      for (const n of named(text)) assert.ok(have.has(n), `"${text}" names ${n}, absent from the trace`);
    }
    const serverCV = s.messages.some((m) => m.from === 'server' && m.hs_type === 'certificate_verify');
    assert.equal(serverCV, v === '1.3', 'a server CertificateVerify only in TLS 1.3');
    // What the summary says the server proved with is what it sent.
    assert.equal(/server with its Certificate and CertificateVerify/.test(s.sides.client.done.summary), serverCV);
    assert.equal(/signature on the ServerKeyExchange/.test(s.sides.client.done.summary), s.messages.some((m) => m.hs_type === 'server_key_exchange'));
    // The client certificate's privacy follows its protection on the wire.
    const cc = s.messages.find((m) => m.from === 'client' && m.hs_type === 'certificate');
    assert.equal(cc.protection, v === '1.2' ? 'plaintext' : 'handshake');
    assert.match(s.scenario.teaches, v === '1.2' ? /in the clear/ : /encrypted/);
  });
}

test('TLS 1.2 master secret: the explanation says extended master secret exactly when the ServerHello agreed on it, and the hash is the PRF\'s', () => {
  for (const n of ['basic-tls1.2', 'mutual-tls1.2']) {
    const s = session(fixtureEvents(n), n);
    const sh = s.messages.find((m) => m.hs_type === 'server_hello');
    const ems = sh.fields.extensions.some((x) => x.type.id === 23);
    const suiteHash = /SHA384$/.test(s.negotiated.cipher_suite.name) ? 'SHA384' : 'SHA256';
    for (const side of ['client', 'server']) {
      const m = s.sides[side].secrets.find((x) => x.label === 'CLIENT_RANDOM');
      assert.equal(/extended_master_secret/.test(m.explanation), ems, n);
      assert.equal(m.hash, suiteHash, `${n}: the TLS 1.2 PRF hash`);
    }
  }
});

test('no-client-cert TLS 1.2: no alert on the wire, the deviation said, and the waiting follows the transport', () => {
  const s = session(fixtureEvents('no-client-cert-tls1.2'), 'no-client-cert-tls1.2');
  assert.equal(s.alerts.filter((a) => a.from === 'server').length, 0, 'the server sent no alert');
  const f = s.failures.find((x) => x.side === 'server');
  assert.deepEqual(f.deviations.map((d) => d.id), ['no_alert_for_missing_client_certificate']);
  const memory = /^memory/.test(s.sides.server.transport);
  assert.equal(/left waiting/.test(f.explanation), memory);
  assert.ok(s.failures.find((x) => x.side === 'client').stalled, 'the demo client really stalled');
});

test('no-client-cert TLS 1.3: alert 41 after the server\'s Finished under its handshake keys, both deviations marked', () => {
  const s = session(fixtureEvents('no-client-cert-tls1.3'), 'no-client-cert-tls1.3');
  const alert = s.alerts.find((a) => a.from === 'server' && a.fatal);
  assert.equal(alert.description.id, 41);
  assert.equal(alert.protection, 'handshake');
  const fin = s.messages.find((m) => m.from === 'server' && m.hs_type === 'finished');
  assert.ok(fin.seq < alert.seq, 'the server had sent its Finished');
  assert.deepEqual(alert.deviations.map((d) => d.id).sort(), ['alert_after_finished_under_handshake_keys', 'no_certificate_alert_in_tls13']);
  assert.ok(s.failures.find((x) => x.side === 'client').post_handshake);
});

test('untrusted-ca TLS 1.3: the client\'s plaintext alert after the ServerHello is marked as a deviation', () => {
  const s = session(fixtureEvents('untrusted-ca-tls1.3'), 'untrusted-ca-tls1.3');
  const alert = s.alerts.find((a) => a.from === 'client');
  const sh = s.messages.find((m) => m.hs_type === 'server_hello');
  assert.equal(alert.protection, 'plaintext');
  assert.ok(sh.recvSeq < alert.seq, 'the client had read the ServerHello');
  assert.deepEqual(alert.deviations.map((d) => d.id), ['plaintext_alert_after_server_hello']);
  // TLS 1.2 has no such deviation: the alert is meant to be in the clear there.
  const s12 = session(fixtureEvents('untrusted-ca-tls1.2'), 'untrusted-ca-tls1.2');
  assert.equal(s12.alerts.find((a) => a.from === 'client').deviations.length, 0);
});

test('wrong-host: the flag is cn_mismatch and the bad_certificate alert\'s explanation covers a name mismatch', () => {
  for (const v of ['1.2', '1.3']) {
    const s = session(fixtureEvents(`wrong-host-tls${v}`), `wrong-host-tls${v}`);
    const f = s.failures.find((x) => x.side === 'client');
    assert.ok(f.verify_reasons.some((r) => r.name === 'cn_mismatch'));
    const alert = s.alerts.find((a) => a.from === 'client');
    assert.equal(alert.description.name, 'bad_certificate');
    assert.match(alert.explanation, /names do not match the host name/);
    assert.ok(alert.sources.some((x) => /mbedtls_ssl_verify_certificate/.test(x)));
  }
});

for (const v of ['1.2', '1.3']) {
  test(`key schedule TLS ${v}: rungs from the secret events, each traffic secret linked to the records it protects`, () => {
    const s = session(fixtureEvents(`mutual-tls${v}`), `mutual-tls${v}`);
    const ks = buildKeySchedule(s);
    assert.equal(ks.version, `TLS ${v}`);
    const labels = new Set([...s.sides.client.secrets, ...s.sides.server.secrets].map((x) => x.label));
    for (const r of ks.rungs) {
      assert.equal(r.seen.length > 0, !!r.label && labels.has(r.label), r.id);
      for (const p of r.protects) {
        const it = s.items[p.idx];
        assert.equal(it.seq, p.seq);
      }
    }
    const seen = ks.rungs.filter((r) => r.seen.length).map((r) => r.id);
    assert.deepEqual(seen, v === '1.3' ? ['c_hs', 's_hs', 'c_ap', 's_ap'] : ['master']);
    for (const id of v === '1.3' ? ['c_hs', 's_hs', 'c_ap', 's_ap'] : ['client_write', 'server_write']) {
      const r = ks.rungs.find((x) => x.id === id);
      assert.ok(r.protects.length > 0, `${id} protects records`);
      const want = { c_hs: 'handshake', s_hs: 'handshake' }[id] || 'application';
      assert.ok(r.protects.every((p) => s.items[p.idx].protection === want));
    }
    if (v === '1.2') assert.equal(ks.rungs.find((r) => r.id === 'master').name, ks.ems ? 'extended master secret' : 'master secret');
  });
}

test('who signs what: TLS 1.3 CertificateVerify from the server, TLS 1.2 a signed ServerKeyExchange; no sentinel in the demo', () => {
  const s13 = session(fixtureEvents('basic-tls1.3'), 'basic-tls1.3');
  const g13 = buildSignatures(s13);
  assert.deepEqual(g13.rows.map((r) => `${r.who}:${r.message}`), ['server:CertificateVerify']);
  assert.equal(g13.sentinel.flagged, false);
  const s12 = session(fixtureEvents('mutual-tls1.2'), 'mutual-tls1.2');
  const g12 = buildSignatures(s12);
  assert.deepEqual(g12.rows.map((r) => `${r.who}:${r.message}`), ['server:ServerKeyExchange', 'client:CertificateVerify']);
  assert.match(g12.rows[0].text, /not the chosen cipher suite/);
  // The demo's TLS 1.2 server accepts TLS 1.2 only: it must not (and does not) set the sentinel.
  assert.equal(s12.messages.find((m) => m.hs_type === 'server_hello').fields.downgrade_sentinel, null);
  assert.equal(g12.sentinel.flagged, false);
});

test('certificate checks: every chain says what the verifier checked, the host name only on the client', () => {
  const s = session(fixtureEvents('mutual-tls1.3'), 'mutual-tls1.3');
  for (const c of buildChains(s)) {
    const texts = c.checks.map((k) => k.text).join(' ');
    assert.match(texts, /own clock/);
    assert.match(texts, /Revocation: not checked/);
    assert.equal(/Host name: the client checks/.test(texts), c.verifier === 'client');
  }
});

test('the model keeps sources and deviations next to the words', () => {
  const m = buildModel(fixtureEvents('no-client-cert-tls1.3'));
  const s = m.sessions[0];
  assert.ok(s.items.filter((it) => it.kind === 'message').every((it) => validSources(it.sources)));
  assert.ok(s.sides.client.states.every((st) => validSources(st.sources)));
});
