// Spans map fields to bytes inside the message; the field tree and the byte→field map agree.

import test from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, resolvePointer } from '../../web/js/model.js';
import { fieldTree, flattenTree, byteOwners, hexRows, hexBytes, itemSpans } from '../../web/js/bytes.js';
import { explainField } from '../../web/js/explain.js';
import { exampleEvents, exampleNames, session, generatedEvents } from './helpers.mjs';

function checkAllSpans(sessions) {
  let n = 0;
  for (const s of sessions) {
    for (const m of s.messages) {
      const size = m.hex.length / 2;
      assert.equal(size, m.length, `${s.id} ${m.label}: length matches the hex`);
      assert.deepEqual(m.spanProblems, [], `${s.id} ${m.label}`);
      assert.equal(m.validSpans.length, m.spans.length, `${s.id} ${m.label}: every span valid`);
      for (const [ptr, off, len] of m.spans) {
        assert.ok(off >= 4, `${s.id} ${m.label} ${ptr}: after the 4-byte header`);
        assert.ok(off + len <= size, `${s.id} ${m.label} ${ptr}: inside the message`);
        assert.notEqual(resolvePointer(m.fields, ptr), undefined, `${s.id} ${m.label} ${ptr}: names a field`);
        n++;
      }
    }
  }
  return n;
}

test('every span of every example message lies inside its hex and names a field', () => {
  let n = 0;
  for (const name of exampleNames()) n += checkAllSpans(buildModel(exampleEvents(name)).sessions);
  assert.ok(n > 300, `${n} spans checked`);
});

test('span bytes are the field\'s value: random, cipher suites, legacy_version', () => {
  const ch = session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3').messages[0];
  const bytesOf = (ptr) => {
    const [, off, len] = ch.spans.find((s) => s[0] === ptr);
    return ch.hex.slice(off * 2, (off + len) * 2);
  };
  assert.equal(bytesOf('/random'), ch.fields.random);
  assert.equal(parseInt(bytesOf('/legacy_version'), 16), ch.fields.legacy_version.id);
  ch.fields.cipher_suites.forEach((cs, i) => assert.equal(parseInt(bytesOf(`/cipher_suites/${i}`), 16), cs.id));
  // The vector's span covers its 2-byte length prefix and the suites.
  assert.equal(parseInt(bytesOf('/cipher_suites').slice(0, 4), 16), ch.fields.cipher_suites.length * 2);
  // The handshake header: type 1, 3-byte length of the body.
  assert.equal(ch.hex.slice(0, 2), '01');
  assert.equal(parseInt(ch.hex.slice(2, 8), 16), ch.length - 4);
});

test('the field tree: header nodes, every span-bearing field present, explanations for the main fields', () => {
  const ch = session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3').messages[0];
  const tree = fieldTree(ch);
  assert.deepEqual(tree.slice(0, 2).map((n) => n.ptr), ['#msg_type', '#length']);
  const flat = flattenTree(tree);
  const ptrs = new Set(flat.map((n) => n.ptr));
  for (const [ptr] of ch.spans) assert.ok(ptrs.has(ptr), ptr);
  const byPtr = new Map(flat.map((n) => [n.ptr, n]));
  for (const p of ['/legacy_version', '/random', '/session_id', '/cipher_suites', '/extensions']) {
    assert.ok(byPtr.get(p).explain.length > 20, `${p} explained`);
    assert.ok(byPtr.get(p).span, `${p} has bytes`);
  }
  assert.equal(byPtr.get('/cipher_suites/0').value, 'TLS_CHACHA20_POLY1305_SHA256 (0x1303)');
  assert.equal(byPtr.get('/extensions/0').label, 'extension server_name');
  assert.match(byPtr.get('/extensions/0').explain, /host name/);
  assert.equal(byPtr.get('/extensions/0/data/server_name_list/0/host_name').value, 'tlstrace-demo.local');
  assert.match(byPtr.get('/random').value, /\(32 bytes\)$/);
});

test('byte owners: each byte points to the smallest field covering it', () => {
  const ch = session(exampleEvents('mutual-tls1.3'), 'mutual-tls1.3').messages[0];
  const { spans, owner } = byteOwners(ch);
  assert.equal(owner.length, ch.length);
  const ptrAt = (b) => (owner[b] >= 0 ? spans[owner[b]][0] : null);
  assert.equal(ptrAt(0), '#msg_type');
  assert.equal(ptrAt(2), '#length');
  assert.equal(ptrAt(10), '/random');
  const [, off] = ch.spans.find((s) => s[0] === '/cipher_suites/1');
  assert.equal(ptrAt(off), '/cipher_suites/1');
  const [, voff] = ch.spans.find((s) => s[0] === '/cipher_suites');
  assert.equal(ptrAt(voff), '/cipher_suites', 'the length prefix belongs to the vector');
  // Every byte of a ClientHello is explained by some field.
  assert.ok(Array.from(owner).every((o) => o >= 0));
});

test('certificate, alert and record items get trees and bytes too', () => {
  const s = session(exampleEvents('untrusted-ca-tls1.3'), 'untrusted-ca-tls1.3');
  const cert = s.messages.find((m) => m.hs_type === 'certificate');
  const flat = flattenTree(fieldTree(cert));
  const subj = flat.find((n) => n.ptr === '/certificates/0/x509/subject');
  assert.match(subj.value, /tlstrace other PKI/);
  assert.match(subj.explain, /names/);
  const alert = s.alerts.find((a) => a.from === 'client');
  assert.deepEqual(itemSpans(alert), [['/level', 0, 1], ['/description', 1, 1]]);
  assert.deepEqual(flattenTree(fieldTree(alert)).map((n) => n.value), ['fatal (0x02)', 'unknown_ca (0x30)']);
  const ccs = s.items.find((i) => i.kind === 'ccs');
  const t = fieldTree(ccs);
  assert.deepEqual(t.map((n) => n.ptr), ['#content_type', '#version', '#record_length', '/value']);
  assert.equal(t[0].value, 'change_cipher_spec (0x14)');
});

test('hex rows', () => {
  assert.deepEqual(hexBytes('0a0b0c'), ['0a', '0b', '0c']);
  const rows = hexRows('00'.repeat(20), 16);
  assert.equal(rows.length, 2);
  assert.equal(rows[1].offset, 16);
  assert.equal(rows[1].bytes[3].off, 19);
});

test('explainField: extension fields use the extension\'s name', () => {
  assert.match(explainField('client_hello', '/extensions/2', 'key_share'), /Diffie-Hellman/);
  assert.match(explainField('client_hello', '/extensions/2/data/shares/0/key_exchange_length', 'key_share'), /public key/);
  assert.match(explainField('server_hello', '/cipher_suite'), /chose/);
  assert.match(explainField('client_hello', '/cipher_suites/3'), /offers/);
  assert.equal(explainField('client_hello', '/nothing_known'), '');
});

test('every span of every generated message lies inside its hex', () => {
  const n = checkAllSpans(buildModel(generatedEvents()).sessions);
  assert.ok(n > 1000, `${n} spans`);
});
