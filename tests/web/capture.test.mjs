// The page's model of sessions seen on the network (`tlstrace capture`): generated at test time
// from the demo's own handshakes written as pcapng (--pcap) and read back by `tlstrace capture`,
// with a packet removed (a gap); and the capture-file helpers of web/js/capture.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseJsonl, buildModel } from '../../web/js/model.js';
import { buildDiagram } from '../../web/js/diagram.js';
import { buildChains } from '../../web/js/chain.js';
import { SEEN_ON_NETWORK, captureKind, isCaptureName, runCaptureText } from '../../web/js/capture.js';
import { ROOT } from './helpers.mjs';
import { validSources } from '../../web/js/sources.js';
import { need, tlstraceBin } from '../node/tools.mjs';

// Both are needed by every test here: a missing one fails them (never a skip).
const bin = tlstraceBin();
const editcap = need('editcap', 'removes a packet from a capture (Debian\'s tshark package)');

// The events of `tlstrace capture` on the demo's handshake written with --pcap (edited by editcap
// with pcapArgs first, when given).
function capturedEvents(args, pcapArgs = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-webcap-'));
  const pcap = path.join(dir, 'c.pcapng');
  const demo = spawnSync(bin, ['demo', ...args, '--pcap', pcap, '--out', path.join(dir, 'demo.jsonl')], { encoding: 'utf8' });
  assert.ok(demo.status === 0 || demo.status === 1, demo.stderr);
  let file = pcap;
  if (pcapArgs.length) {
    file = path.join(dir, 'edited.pcapng');
    execFileSync(editcap, [pcap, file, ...pcapArgs]);
  }
  const r = spawnSync(bin, ['capture', file, '--ca', path.join(ROOT, 'fixtures', 'pki', 'root-ca.crt')], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  const { events, warnings, error } = parseJsonl(r.stdout, 'capture');
  assert.equal(error, null);
  assert.deepEqual(warnings, []);
  return events;
}

const captured = (args, pcapArgs = []) => buildModel(capturedEvents(args, pcapArgs)).sessions;

test('a capture session: both lanes seen on the network, reading unknown, titled by its endpoints', () => {
  const [s] = captured(['--scenario', 'mutual', '--tls', '1.3']);
  assert.ok(s.capture);
  assert.match(s.title, /^192\.0\.2\.1:\d+ → 198\.51\.100\.1:443, TLS 1\.3$/);
  assert.equal(s.outcome, 'ok');
  assert.equal(s.mode, 'mutual');
  assert.deepEqual(s.messages.map((m) => `${m.from} ${m.hs_type}`), [
    'client client_hello', 'server server_hello', 'server encrypted_extensions', 'server certificate_request',
    'server certificate', 'server certificate_verify', 'server finished', 'client certificate',
    'client certificate_verify', 'client finished', 'server new_session_ticket']);
  assert.ok(s.items.every((it) => it.read === null), 'whether the receiver read it is not on the wire');
  const d = buildDiagram(s, {});
  assert.deepEqual(d.lanes.map((l) => l.state), [SEEN_ON_NETWORK, SEEN_ON_NETWORK]);
  assert.ok(d.items.length >= s.messages.length);
  const chains = buildChains(s);
  const server = chains.find((c) => c.owner === 'server');
  assert.match(server.title, /checked by tlstrace \(offline\)/);
  assert.equal(server.ok, true);
  assert.match(server.verdict, /not by the endpoint/);
  assert.match(server.checks[0].text, /at the time of the capture/, 'validity is checked at the capture\'s time, not the reader\'s clock');
});

test('a packet the capture lost: a "Not captured" item from its sender, not guessed over', () => {
  // Frame 8 of a basic TLS 1.2 demo capture is the server's Certificate record.
  const [s] = captured(['--scenario', 'basic', '--tls', '1.2'], ['8']);
  const gap = s.items.find((it) => /^Not captured: \d+ bytes$/.test(it.label));
  assert.ok(gap, `a gap item among ${s.items.map((it) => it.label).join(', ')}`);
  assert.equal(gap.from, 'server');
});

test('capture files are told apart from traces by name and by their first bytes', () => {
  assert.equal(captureKind(Uint8Array.from([0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0])), 'pcapng');
  assert.equal(captureKind(Uint8Array.from([0xd4, 0xc3, 0xb2, 0xa1])), 'pcap');
  assert.equal(captureKind(Uint8Array.from([0xa1, 0xb2, 0xc3, 0xd4])), 'pcap');
  assert.equal(captureKind(Uint8Array.from([0x4d, 0x3c, 0xb2, 0xa1])), 'pcap');
  assert.equal(captureKind(new TextEncoder().encode('{"v":1}')), null);
  assert.equal(captureKind(Uint8Array.from([0x0a])), null);
  assert.ok(isCaptureName('x.pcapng') && isCaptureName('X.PCAP') && isCaptureName('a.cap'));
  assert.ok(!isCaptureName('trace.jsonl'));
  assert.match(runCaptureText('lab.pcapng'), /tlstrace capture lab\.pcapng --out trace\.jsonl/);
});

// Issue 10 for captures: every sentence a capture's events carry names its sources, on success and
// failure, with the key log and without it (--discard-all-secrets: the records stay encrypted).
test('every explanation of a captured session names its sources, with and without the key log', () => {
  const runs = [
    [['--scenario', 'mutual', '--tls', '1.3'], []],
    [['--scenario', 'mutual', '--tls', '1.3'], ['--discard-all-secrets']],
    [['--scenario', 'untrusted-ca', '--tls', '1.2'], []],
    [['--scenario', 'basic', '--tls', '1.2'], ['--discard-all-secrets']],
    [['--scenario', 'no-client-cert', '--tls', '1.3'], []],
    [['--scenario', 'basic', '--tls', '1.2'], ['8']],
  ];
  const kinds = new Set();
  for (const [args, edit] of runs) {
    for (const e of capturedEvents(args, edit)) {
      const at = `${args.join(' ')} ${edit.join(' ')}: seq ${e.seq} ${e.type}`;
      for (const key of ['explanation', 'summary']) {
        if (typeof e[key] === 'string') {
          assert.ok(validSources(e.sources), `${at}: "${key}" without sources: ${JSON.stringify(e.sources)}`);
          kinds.add(`${e.type}.${key}`);
        }
      }
      if (e.cipher_suite && typeof e.cipher_suite.explanation === 'string') assert.ok(validSources(e.cipher_suite.sources), `${at}: cipher suite`);
      for (const r of e.reasons || []) assert.ok(validSources(r.sources), `${at}: reason ${r.name}`);
    }
  }
  // The runs reach every kind of event that explains itself in a capture.
  for (const k of ['message.explanation', 'record.explanation', 'alert.explanation', 'secret.explanation',
    'key_exchange.explanation', 'cert_verify.explanation', 'handshake_done.summary',
    'handshake_failed.explanation', 'session_end.explanation']) assert.ok(kinds.has(k), `no ${k} among ${[...kinds].join(', ')}`);
});
