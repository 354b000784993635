// The glossary, and the page side of the live protocol, URL parameters and fragments.

import test from 'node:test';
import assert from 'node:assert/strict';
import { GLOSSARY, entry, linkTerms } from '../../web/js/glossary.js';
import {
  parseServerMessage, runCommand, listCommand, EventStore, runParams, traceParam, fragmentFor, parseFragment, safeFileName, parseFixtureIndex,
} from '../../web/js/protocol.js';
import { renumbered, svgFileText } from '../../web/js/ui/export.js';
import { svg } from '../../web/js/vdom.js';
import { exampleEvents } from './helpers.mjs';

test('the glossary has every term the page promises, each explained, ids unique', () => {
  for (const id of ['handshake', 'basic-handshake', 'mutual-handshake', 'cipher-suite', 'pki', 'certificate-authority', 'root-ca',
    'public-key', 'private-key', 'mbedtls', 'record', 'alert', 'key-share', 'finished', 'hello-retry-request']) {
    const e = entry(id);
    assert.ok(e, id);
    assert.ok(e.text.length > 80, `${id} is explained`);
    assert.ok(e.phrases.length > 0, `${id} can be linked`);
  }
  assert.equal(new Set(GLOSSARY.map((g) => g.id)).size, GLOSSARY.length);
  assert.equal(entry('nope'), null);
});

test('linkTerms links each term once, longest phrase first, at word boundaries', () => {
  const segs = linkTerms('The root CA certificate signs; a root CA certificate again; CAs and cipher suites.');
  const linked = segs.filter((s) => s.term).map((s) => `${s.term}:${s.text}`);
  // "certificate" inside the first "root CA certificate" belongs to the longer phrase; its next
  // free occurrence links to the certificate entry.
  assert.deepEqual(linked, ['root-ca:root CA certificate', 'certificate:certificate', 'certificate-authority:CAs', 'cipher-suite:cipher suites']);
  assert.equal(segs.map((s) => s.text).join(''), 'The root CA certificate signs; a root CA certificate again; CAs and cipher suites.');
  assert.deepEqual(linkTerms('CAST and TLSv1').filter((s) => s.term), [], 'no partial words');
  assert.deepEqual(linkTerms('the handshake', ['handshake']).filter((s) => s.term), []);
});

test('server messages: hello, event, gap, error, run; anything else is "invalid", never a throw', () => {
  const ev = exampleEvents('basic-tls1.2')[0];
  const hello = parseServerMessage(JSON.stringify({ kind: 'hello', protocol: 1, scenarios: [
    { name: 'mutual', teaches: 'x', tls: ['1.2', '1.3'] }, { name: '<b>bad</b>', tls: ['1.3'] }, { name: 'old', tls: ['1.0'] }] }));
  assert.deepEqual(hello, { kind: 'hello', protocol: 1, scenarios: [{ name: 'mutual', teaches: 'x', tls: ['1.2', '1.3'] }] });
  assert.equal(parseServerMessage(JSON.stringify({ kind: 'hello', protocol: 2 })).kind, 'invalid');
  assert.deepEqual(parseServerMessage(JSON.stringify({ kind: 'event', event: ev })), { kind: 'event', event: ev });
  assert.equal(parseServerMessage(JSON.stringify({ kind: 'event', event: { ...ev, v: 9 } })).kind, 'invalid');
  assert.deepEqual(parseServerMessage('{"kind":"gap","missed":12}'), { kind: 'gap', missed: 12 });
  assert.deepEqual(parseServerMessage('{"kind":"error","error":"unknown scenario"}'), { kind: 'error', error: 'unknown scenario' });
  assert.deepEqual(parseServerMessage('{"kind":"run","status":"started","scenario":"mutual","tls":"1.3","mutual":true,"session":"run1-mutual-tls1.3"}'),
    { kind: 'run', status: 'started', scenario: 'mutual', tls: '1.3', mutual: true, session: 'run1-mutual-tls1.3', error: null });
  assert.equal(parseServerMessage('{"kind":"run","status":"finished","scenario":"x","tls":"1.3","session":"s","error":"no PKI"}').error, 'no PKI');
  // The answer to {"cmd":"list"} carries the same list under kind "scenarios".
  assert.deepEqual(parseServerMessage('{"kind":"scenarios","scenarios":[{"name":"basic","teaches":"t","tls":["1.3"]}]}'),
    { kind: 'hello', protocol: 1, scenarios: [{ name: 'basic', teaches: 't', tls: ['1.3'] }] });
  // A gap may say more than "missed"; the page needs only that.
  assert.deepEqual(parseServerMessage('{"kind":"gap","missed":3,"resume":"the oldest session still held is sent again"}'), { kind: 'gap', missed: 3 });
  for (const bad of ['nope', '[]', '{"kind":"run","status":"maybe"}', '{"kind":"x"}', 'null']) assert.equal(parseServerMessage(bad).kind, 'invalid', bad);
});

test('commands: run is validated before it is sent', () => {
  assert.equal(runCommand('mutual', '1.3'), '{"cmd":"run","scenario":"mutual","tls":"1.3"}');
  assert.equal(runCommand('basic', '1.2', true), '{"cmd":"run","scenario":"basic","tls":"1.2","mutual":true}');
  assert.equal(runCommand('mutual', '1.1'), null);
  assert.equal(runCommand('"; rm -rf', '1.3'), null);
  assert.equal(listCommand(), '{"cmd":"list"}');
});

test('the event store dedupes resent events by (session, seq)', () => {
  const evs = exampleEvents('basic-tls1.2');
  const store = new EventStore();
  assert.equal(store.addAll(evs), evs.length);
  assert.equal(store.addAll(evs.slice(10, 30)), 0, 'after a gap the server resends recent sessions');
  assert.equal(store.add({ ...evs[0], session: 'other' }), true);
  assert.equal(store.size, evs.length + 1);
  store.clear();
  assert.equal(store.size, 0);
});

test('URL parameters: ?scenario=&tls= runs, ?trace= only same-origin', () => {
  assert.deepEqual(runParams('?scenario=mutual&tls=1.3'), { scenario: 'mutual', tls: '1.3', mutual: false });
  assert.deepEqual(runParams('?scenario=basic&tls=1.2&mutual=1'), { scenario: 'basic', tls: '1.2', mutual: true });
  assert.equal(runParams('?tls=1.3'), null);
  assert.equal(runParams('?scenario=mutual&tls=9').invalid, true);
  assert.equal(runParams('?scenario=<x>').invalid, true);
  const base = 'http://127.0.0.1:8080/index.html';
  assert.equal(traceParam('?trace=fixtures/a.jsonl', base), 'http://127.0.0.1:8080/fixtures/a.jsonl');
  assert.equal(traceParam('?trace=https://example.com/a.jsonl', base), null);
  assert.equal(traceParam('?trace=javascript:alert(1)', base), null);
  assert.equal(traceParam('?trace=//evil.example/a', base), null);
  assert.equal(traceParam('', base), null);
});

test('fragments: #session/seq round-trips, even with "/" in the session id; #g-term opens the glossary', () => {
  assert.equal(fragmentFor('mutual-tls1.3', 34), '#mutual-tls1.3/34');
  assert.deepEqual(parseFragment('#mutual-tls1.3/34'), { session: 'mutual-tls1.3', seq: 34 });
  assert.deepEqual(parseFragment(fragmentFor('a/b#2', 7)), { session: 'a/b#2', seq: 7 });
  assert.deepEqual(parseFragment('#basic-tls1.2'), { session: 'basic-tls1.2', seq: null });
  assert.deepEqual(parseFragment('#g-pki'), { glossary: 'pki' });
  assert.equal(parseFragment(''), null);
  assert.equal(parseFragment('#%E0%A4%A'), null);
});

test('export helpers: safe file names, renumbered traces, standalone SVG text', () => {
  assert.equal(safeFileName('mutual-tls1.3', 'svg'), 'mutual-tls1.3.svg');
  assert.equal(safeFileName('../../etc/passwd', 'jsonl'), 'etc_passwd.jsonl');
  assert.equal(safeFileName('<img src=x>', 'svg'), 'img_src_x_.svg');
  const evs = exampleEvents('basic-tls1.2').slice(5, 9);
  assert.deepEqual(renumbered(evs).map((e) => e.seq), [1, 2, 3, 4]);
  assert.equal(evs[0].seq, 6, 'the originals are not changed');
  assert.match(svgFileText(svg('svg', { width: 1 })), /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns=/);
});

test('the fixture index: only plain .jsonl names', () => {
  assert.deepEqual(parseFixtureIndex({ fixtures: [{ file: 'mutual-tls1.3.jsonl', title: 'Mutual', teaches: 't' }, { file: '../x.jsonl' }, { file: 'a.sh' }] }),
    [{ file: 'mutual-tls1.3.jsonl', title: 'Mutual', teaches: 't' }]);
  assert.deepEqual(parseFixtureIndex(['basic-tls1.2.jsonl']), [{ file: 'basic-tls1.2.jsonl', title: 'basic-tls1.2', teaches: '' }]);
  assert.deepEqual(parseFixtureIndex(null), []);
});
