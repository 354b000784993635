// The websocket server of `tlstrace ui`, driven by real websocket clients (the npm `ws` package):
// several viewers, a late joiner, a stalled viewer, invalid and oversized commands, floods, the
// Origin check, and `demo --ui` publishing into it. Needs TLSTRACE_BIN (the tlstrace executable).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { tlstraceBin } from './tools.mjs';

const bin = tlstraceBin();
let server, port, webDir;
const servers = [];

async function startServer(extra = []) {
  webDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'tt-web-'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>tlstrace test</title>\n');
  const p = spawn(bin, ['ui', '--listen', '127.0.0.1:0', '--web', webDir, '--quiet', ...extra],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  servers.push(p);
  const url = await new Promise((resolve, reject) => {
    let buf = '';
    p.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/open (http:\/\/[^ ]+)/);
      if (m) resolve(m[1]);
    });
    p.on('exit', (code) => reject(new Error(`tlstrace ui exited with ${code}`)));
  });
  return { proc: p, port: Number(new URL(url).port) };
}

// Runs tlstrace without blocking the event loop (the viewers must keep reading meanwhile).
function run(args) {
  return new Promise((resolve) => {
    const p = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => { stderr += d; });
    p.stdout.resume();
    p.on('exit', (status) => resolve({ status, stderr }));
  });
}

// A viewer that records every message it receives.
function viewer(p = port, headers = {}) {
  const ws = new WebSocket(`ws://127.0.0.1:${p}/events`, 'tlstrace-v1', { headers });
  ws.msgs = [];
  ws.waiters = [];
  ws.frames = 0;
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    ws.frames++;
    // A batch of events is recorded as the single events it carries.
    const items = m.kind === 'events' ? m.events.map((event) => ({ kind: 'event', event, batched: true })) : [m];
    for (const it of items) {
      ws.msgs.push(it);
      for (const w of [...ws.waiters]) if (w.pred(it)) { ws.waiters.splice(ws.waiters.indexOf(w), 1); w.resolve(it); }
    }
  });
  ws.opened = new Promise((resolve, reject) => { ws.on('open', resolve); ws.on('error', reject); });
  return ws;
}

// Resolves with the first message (from index `from` of those received) that matches.
function waitFor(ws, pred, ms = 60000, from = 0) {
  const found = ws.msgs.slice(from).find(pred);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const w = { pred, resolve };
    ws.waiters.push(w);
    setTimeout(() => {
      // What did come: how many of each kind since `from`, and every error's words.
      const kinds = {};
      for (const m of ws.msgs.slice(from)) kinds[m.kind] = (kinds[m.kind] || 0) + 1;
      const errors = ws.msgs.slice(from).filter((m) => m.kind === 'error').map((m) => m.error);
      reject(new Error(`timed out waiting for ${pred.toString().slice(0, 120)}; since message ${from} of ${ws.msgs.length}: ${JSON.stringify(kinds)}, errors ${JSON.stringify(errors.slice(-3))}, last: ${JSON.stringify(ws.msgs.slice(-3).map((m) => m.kind === 'event' ? [m.event.session, m.event.type, m.event.side] : m.kind === 'scenarios' ? 'scenarios' : m)).slice(0, 300)}`));
    }, ms).unref();
  });
}

const finished = (session) => (m) => m.kind === 'run' && m.status === 'finished' && (!session || m.session === session);

before(async () => {
  ({ proc: server, port } = await startServer());
});

after(() => {
  for (const p of servers) p.kill('SIGINT');
});

test('every viewer gets the hello, then every event of a run, in order', async () => {
  const vs = [viewer(), viewer(), viewer()];
  await Promise.all(vs.map((v) => v.opened));
  await Promise.all(vs.map((v) => waitFor(v, (m) => m.kind === 'hello')));
  assert.ok(vs[0].msgs[0].scenarios.some((s) => s.name === 'mutual' && s.tls.includes('1.3')));
  vs[0].send(JSON.stringify({ cmd: 'run', scenario: 'mutual', tls: '1.3' }));
  const started = await waitFor(vs[0], (m) => m.kind === 'run' && m.status === 'started');
  await Promise.all(vs.map((v) => waitFor(v, finished(started.session))));
  for (const v of vs) {
    const evs = v.msgs.filter((m) => m.kind === 'event' && m.event.session === started.session).map((m) => m.event);
    assert.ok(evs.length > 50, `only ${evs.length} events`);
    for (let i = 1; i < evs.length; i++) assert.ok(evs[i].seq > evs[i - 1].seq, 'events out of order');
    const types = evs.filter((e) => e.type === 'message' && e.side === 'client' && e.dir === 'sent').map((e) => e.hs_type);
    assert.deepEqual(types, ['client_hello', 'certificate', 'certificate_verify', 'finished']);
    assert.equal(evs.filter((e) => e.type === 'handshake_done').length, 2);
    // Bursts are batched: far fewer frames than events.
    assert.ok(v.frames < v.msgs.length, `${v.frames} frames for ${v.msgs.length} messages`);
    assert.ok(!evs.some((e) => e.type === 'secret' && Object.keys(e).some((k) => /value|secret_hex/.test(k))));
  }
  vs.forEach((v) => v.close());
});

test('a viewer that joins late receives the recent sessions', async () => {
  const a = viewer();
  await a.opened;
  a.send(JSON.stringify({ cmd: 'run', scenario: 'basic', tls: '1.2' }));
  const done = await waitFor(a, (m) => finished()(m) && m.scenario === 'basic' && m.tls === '1.2');
  const late = viewer();
  await late.opened;
  await waitFor(late, (m) => m.kind === 'event' && m.event.session === done.session && m.event.type === 'session_end' && m.event.side === 'server');
  a.close();
  late.close();
});

test('invalid, unknown and oversized commands get an error reply and start nothing', async () => {
  // A server of its own: every run it ever announces is one this test caused.
  const own = await startServer();
  const v = viewer(own.port);
  await v.opened;
  await waitFor(v, (m) => m.kind === 'hello');
  const bad = [
    ['not json at all', /not a JSON object/],
    ['[1,2,3]', /not a JSON object/],
    [JSON.stringify({ nocmd: 1 }), /missing "cmd"/],
    [JSON.stringify({ cmd: 'explode' }), /unknown command/],
    [JSON.stringify({ cmd: 'run', scenario: 'nope', tls: '1.3' }), /unknown scenario/],
    [JSON.stringify({ cmd: 'run', scenario: 'basic', tls: '1.1' }), /"tls" must be/],
    [JSON.stringify({ cmd: 'run', scenario: 'hello-retry', tls: '1.2' }), /does not run in TLS 1.2/],
    [JSON.stringify({ cmd: 'run', scenario: 'basic', tls: '1.3', mutual: 'yes' }), /"mutual" must be/],
    [JSON.stringify({ cmd: 'list', pad: 'x'.repeat(5000) }), /larger than 4096/],
    ['x'.repeat(300 * 1024), /larger than 4096/], // a page's commands are small; only producers send more
    [JSON.stringify({ cmd: 'publish', event: { v: 1 } }), /publish needs the tlstrace-publish-v1 subprotocol/],
  ];
  for (const [text, re] of bad) {
    const before = v.msgs.length;
    v.send(text);
    const reply = await waitFor(v, (m) => v.msgs.indexOf(m) >= before && m.kind === 'error');
    assert.match(reply.error, re, `for ${text.slice(0, 60)}`);
  }
  // Nothing was started by any of them. The server runs what it accepts in order, one run at a
  // time, announcing each before it runs: a run accepted by mistake above would be announced
  // before this control run, which must be the first and only run of this server.
  v.send(JSON.stringify({ cmd: 'run', scenario: 'basic', tls: '1.2' }));
  await waitFor(v, (m) => m.kind === 'run' && m.status === 'finished');
  const runs = v.msgs.filter((m) => m.kind === 'run').map((m) => `${m.status} ${m.session}`);
  assert.deepEqual(runs, ['started run1-basic-tls1.2', 'finished run1-basic-tls1.2']);
  v.send(Buffer.from([1, 2, 3]), { binary: true });
  assert.match((await waitFor(v, (m) => m.kind === 'error' && /binary/.test(m.error))).error, /binary/);
  v.close();
});

test('a producer may only publish well-formed v1 events', async () => {
  const p = new WebSocket(`ws://127.0.0.1:${port}/events`, 'tlstrace-publish-v1');
  const msgs = [];
  p.on('message', (d) => msgs.push(JSON.parse(d.toString())));
  await new Promise((resolve, reject) => { p.on('open', resolve); p.on('error', reject); });
  const base = { v: 1, seq: 1, t_us: 0, session: 's', side: 'client', type: 'state' };
  const cases = [
    [{ cmd: 'run', scenario: 'basic', tls: '1.3' }, /may only publish/],
    [{ cmd: 'publish', event: 'x' }, /'event' must be an object/],
    [{ cmd: 'publish', event: { ...base, v: 2 } }, /event.v must be 1/],
    [{ cmd: 'publish', event: { ...base, seq: 0 } }, /event.seq/],
    [{ cmd: 'publish', event: { ...base, side: 'middle' } }, /event.side/],
    [{ cmd: 'publish', event: { ...base, type: 'teleport' } }, /unknown event.type/],
    [{ cmd: 'publish', event: { ...base, session: '' } }, /event.session/],
    // A second "session" (or "type") would pass the checks as the first and reach the page as
    // the second (JSON.parse keeps the last): into another producer's session.
    [`{"cmd":"publish","event":${JSON.stringify(base).slice(0, -1)},"session":"run1-basic-tls1.3"}}`, /key twice/],
    [`{"cmd":"publish","event":${JSON.stringify(base).slice(0, -1)},"type":"secret"}}`, /key twice/],
    // A secret event never carries more than its label, length and hash.
    [{ cmd: 'publish', event: { ...base, type: 'secret', label: 'CLIENT_RANDOM', length: 48, hash: 'SHA256', value: '00ff' } }, /label, length and hash only/],
    ['x'.repeat(300 * 1024), /larger than 262144/],
  ];
  for (const [c, re] of cases) {
    const n = msgs.length;
    p.send(typeof c === 'string' ? c : JSON.stringify(c));
    for (let i = 0; i < 100 && msgs.length === n; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(msgs.length, n + 1, `no reply to ${JSON.stringify(c)}`);
    assert.equal(msgs[n].kind, 'error');
    assert.match(msgs[n].error, re);
  }
  // A producer is sent no hello and no history.
  assert.ok(!msgs.some((m) => m.kind !== 'error'));
  p.close();
});

test('a flood of commands is answered with rate-limit errors and the viewer stays connected', async () => {
  const v = viewer();
  await v.opened;
  // All 200 frames in one TCP write: the server reads them at once, so its reply queue for this
  // viewer (8 places) is full before it can send anything, and the rate-limit error must still
  // take a place. (Sent one by one, the server often drained the queue in between, which hid
  // that an error was dropped from a full queue.)
  // The hello is out and the reply queue empty: a `list` sent now is answered.
  await waitFor(v, (m) => m.kind === 'hello');
  v.send(JSON.stringify({ cmd: 'list' }));
  await waitFor(v, (m) => m.kind === 'scenarios');
  let mark = v.msgs.length;
  v._socket.cork();
  for (let i = 0; i < 200; i++) v.send(JSON.stringify({ cmd: 'list' }));
  v._socket.uncork();
  const limited = await waitFor(v, (m) => m.kind === 'error', 15000, mark);
  assert.match(limited.error, /too many commands/);
  const answered = v.msgs.slice(mark).filter((m) => m.kind === 'scenarios').length;
  assert.ok(answered >= 1 && answered <= 40, `${answered} of the 200 were answered (a burst of 40 is allowed)`);
  // Each step looks only at what arrived after it began: earlier answers must not count.
  await new Promise((r) => setTimeout(r, 2500)); // the command budget refills (20/s, bursts of 40)
  mark = v.msgs.length;
  for (let i = 0; i < 8; i++) v.send(JSON.stringify({ cmd: 'run', scenario: 'basic', tls: '1.3' }));
  const refused = await waitFor(v, (m) => m.kind === 'error', 60000, mark);
  assert.match(refused.error, /too many runs|queued|busy/, refused.error);
  await waitFor(v, (m) => m.kind === 'run' && m.status === 'finished', 60000, mark);
  mark = v.msgs.length;
  v.send(JSON.stringify({ cmd: 'list' }));
  await waitFor(v, (m) => m.kind === 'scenarios', 10000, mark);
  assert.equal(v.readyState, WebSocket.OPEN);
  v.close();
});

test('a page from another origin cannot open the websocket', async () => {
  const v = viewer(port, { Origin: 'http://evil.example' });
  await assert.rejects(v.opened);
  // DNS rebinding: another site's name pointed at this machine makes Origin and Host agree.
  const rebound = viewer(port, { Origin: `http://evil.example:${port}`, Host: `evil.example:${port}` });
  await assert.rejects(rebound.opened);
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
    const ok = viewer(port, { Origin: `http://${host}`, Host: host });
    await ok.opened;
    ok.close();
  }
  // A name the teacher allowed is accepted.
  const { port: p2 } = await startServer(['--allow-origin', 'http://teacher.example:8080']);
  const named = viewer(p2, { Origin: 'http://teacher.example:8080', Host: 'teacher.example:8080' });
  await named.opened;
  named.close();
});

test('a stalled viewer never blocks the others; it gets a gap notice and the sessions again', async () => {
  const small = await startServer(['--history-bytes', '2000000']);
  const stalled = viewer(small.port);
  const live = viewer(small.port);
  await Promise.all([stalled.opened, live.opened]);
  await waitFor(stalled, (m) => m.kind === 'hello');
  stalled._socket.pause(); // stop reading: the server's writes to it back up
  // Producers publish far more than the history holds.
  for (let i = 0; i < 8; i++) {
    const r = await run(['demo', '--all', '--ui', `127.0.0.1:${small.port}`]);
    assert.equal(r.status, 1, r.stderr); // some scenarios fail by design
  }
  // The live viewer got everything published, promptly.
  const lastOfRun = (m) => m.kind === 'event' && /^version-mismatch-tls1.3@p/.test(m.event.session) && m.event.type === 'session_end' && m.event.side === 'server';
  for (let i = 0; i < 1200 && live.msgs.filter(lastOfRun).length < 8; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(live.msgs.filter(lastOfRun).length, 8);
  assert.ok(!live.msgs.some((m) => m.kind === 'gap'), 'the reading viewer was told it missed events');
  const publishedSessions = new Set(live.msgs.filter((m) => m.kind === 'event').map((m) => m.event.session));
  assert.ok(publishedSessions.size >= 8 * 17, `live viewer saw ${publishedSessions.size} sessions`);
  stalled._socket.resume();
  const gap = await waitFor(stalled, (m) => m.kind === 'gap');
  assert.ok(gap.missed > 0);
  // After the gap it receives whole sessions again: the first event after it starts a session.
  const gapAt = stalled.msgs.indexOf(gap);
  const after = await waitFor(stalled, (m) => m.kind === 'event' && stalled.msgs.indexOf(m) > gapAt);
  assert.equal(after.event.type, 'session_start');
  stalled.close();
  live.close();
});

test('demo --ui publishes a whole run into the page stream', async () => {
  const v = viewer();
  await v.opened;
  const r = await run(['demo', '--scenario', 'expired', '--tls', '1.3', '--ui', `127.0.0.1:${port}`]);
  assert.equal(r.status, 1, r.stderr);
  const failed = await waitFor(v, (m) => m.kind === 'event' && m.event.type === 'handshake_failed' && m.event.side === 'client' && /^expired-tls1.3@p/.test(m.event.session));
  assert.equal(failed.event.cause, 'certificate_expired');
  v.close();
});

test('replay --ui streams a recorded fixture into the page stream', async () => {
  const v = viewer();
  await v.opened;
  const fixture = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'fixtures', 'traces', 'no-client-cert-tls1.2.jsonl');
  const r = await run(['replay', '--speed', '0', '--format', 'jsonl', '--ui', `127.0.0.1:${port}`, fixture]);
  assert.equal(r.status, 0, r.stderr);
  const failed = await waitFor(v, (m) => m.kind === 'event' && m.event.type === 'handshake_failed' && m.event.side === 'client' && /^no-client-cert-tls1.2@p/.test(m.event.session));
  assert.equal(failed.event.cause, 'peer_silent');
  v.close();
});

test('demo --ui to nothing is an input error', async () => {
  const r = await run(['demo', '--ui', '127.0.0.1:1']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot reach a 'tlstrace ui' there/);
});
