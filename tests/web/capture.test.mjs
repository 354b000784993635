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
import { SKIP_GENERATED, ROOT } from './helpers.mjs';

function captured(args, pcapArgs = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-webcap-'));
  const pcap = path.join(dir, 'c.pcapng');
  spawnSync(process.env.TLSTRACE_BIN, ['demo', ...args, '--pcap', pcap, '--out', path.join(dir, 'demo.jsonl')]);
  let file = pcap;
  if (pcapArgs.length) {
    file = path.join(dir, 'edited.pcapng');
    execFileSync('editcap', [pcap, file, ...pcapArgs]);
  }
  const r = spawnSync(process.env.TLSTRACE_BIN, ['capture', file, '--ca', path.join(ROOT, 'fixtures', 'pki', 'root-ca.crt')], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  const { events, warnings, error } = parseJsonl(r.stdout, 'capture');
  assert.equal(error, null);
  assert.deepEqual(warnings, []);
  return buildModel(events).sessions;
}

test('a capture session: both lanes seen on the network, reading unknown, titled by its endpoints', { skip: SKIP_GENERATED }, () => {
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
});

test('a packet the capture lost: a "Not captured" item from its sender, not guessed over', { skip: SKIP_GENERATED }, () => {
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
