// fixtures/traces must be what scripts/fixtures.sh records today: every trace is regenerated and
// compared with the committed one. TLS 1.2 must be identical but for the NewSessionTicket's ticket
// and the server's Finished that hashes it (Mbed TLS stamps the ticket with mbedtls_ms_time(), a
// clock the tracer cannot freeze); TLS 1.3 is compared once the bytes that derive from its key
// shares (PSA draws them from its own generator, not the seeded one) are normalised.
// Every fixture also validates against the schema (schema_validates_every_event covers that).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tlstraceBin } from './tools.mjs';

const bin = tlstraceBin();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const committed = path.join(root, 'fixtures', 'traces');

const read = (f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const isHex = (v) => typeof v === 'string' && v.length >= 8 && /^[0-9a-f]+$/.test(v);
const VARIABLE13 = new Set(['length', 'plaintext_length', 'signature_length', 'ticket_length', 'bytes']);

// TLS 1.3: bytes and the sizes that follow from them are replaced; names, order, types, protection,
// causes and every other field must match.
function normalise13(v, key) {
  if (Array.isArray(v)) return key === 'spans' ? '#spans' : v.map((x) => normalise13(x));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise13(x, k)]));
  if (isHex(v)) return '#hex';
  if (typeof v === 'number' && VARIABLE13.has(key)) return '#n';
  return v;
}

// TLS 1.2: only the ticket and the server's Finished (whose verify_data hashes the ticket).
function normalise12(e) {
  if (e.type === 'message' && e.hs_type === 'new_session_ticket') return { ...e, hex: '#ticket' };
  if (e.type === 'message' && e.hs_type === 'finished' && e.from === 'server')
    return { ...e, hex: '#finished', fields: { ...e.fields, verify_data: '#finished' } };
  return e;
}

test('scripts/fixtures.sh reproduces fixtures/traces', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-fixtures-'));
  const r = spawnSync('bash', [path.join(root, 'scripts', 'fixtures.sh'), bin, out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = fs.readdirSync(committed).filter((f) => f.endsWith('.jsonl')).sort();
  assert.deepEqual(fs.readdirSync(out).filter((f) => f.endsWith('.jsonl')).sort(), files);
  assert.ok(files.length >= 17, `${files.length} fixtures`);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, 'index.json'))), JSON.parse(fs.readFileSync(path.join(committed, 'index.json'))));
  for (const f of files) {
    const a = read(path.join(committed, f)), b = read(path.join(out, f));
    assert.equal(b.length, a.length, `${f}: ${b.length} events, committed ${a.length}`);
    const tls13 = f.includes('tls1.3');
    a.forEach((ev, i) => {
      const x = tls13 ? normalise13(ev) : normalise12(ev);
      const y = tls13 ? normalise13(b[i]) : normalise12(b[i]);
      assert.deepEqual(y, x, `${f}: event ${i + 1} (${ev.type}) differs`);
    });
    if (!tls13) {
      // Byte-identical lines apart from the two normalised messages.
      const la = fs.readFileSync(path.join(committed, f), 'utf8').split('\n');
      const lb = fs.readFileSync(path.join(out, f), 'utf8').split('\n');
      const differing = la.filter((l, i) => l !== lb[i]).map((l) => JSON.parse(l)).map((e) => `${e.hs_type}/${e.from}`);
      for (const d of differing) assert.ok(d === 'new_session_ticket/server' || d === 'finished/server', `${f}: ${d} differs`);
    }
  }
  fs.rmSync(out, { recursive: true, force: true });
});
