// Issue 9, section 3, against the real programs: `tlstrace ui` refuses what `tlstrace validate`
// refuses (a published "v": 1.5, a websocket that names no subprotocol, a file whose real path
// leaves --web), and what `tlstrace replay` writes always validates, by tlstrace validate and by
// ajv with the schema. Needs TLSTRACE_BIN (the tlstrace executable).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const bin = process.env.TLSTRACE_BIN;
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const fixtures = path.join(root, 'fixtures', 'traces');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-strict-'));
let server;
let port;

function startUi(webDir) {
  const p = spawn(bin, ['ui', '--listen', '127.0.0.1:0', '--web', webDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  p.stderrText = '';
  p.stderr.on('data', (d) => { p.stderrText += d; });
  return new Promise((resolve, reject) => {
    let buf = '';
    p.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/open http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ proc: p, port: Number(m[1]) });
    });
    p.on('exit', (code) => reject(new Error(`tlstrace ui exited with ${code}: ${p.stderrText}`)));
  });
}

// Resolves when `pred(stderr so far)` holds (the server logs each refusal on one line).
async function stderrShows(p, re, ms = 10000) {
  const t0 = Date.now();
  while (!re.test(p.stderrText)) {
    if (Date.now() - t0 > ms) throw new Error(`stderr never matched ${re}: ${p.stderrText}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function get(p, urlPath) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: p, path: urlPath }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    }).on('error', reject);
  });
}

before(async () => {
  assert.ok(bin, 'TLSTRACE_BIN must name the tlstrace executable (ctest sets it)');
  // A copy of the page with three links: one to a file outside (refused), one to a directory
  // outside (refused), one to a file inside (served).
  const web = path.join(tmp, 'web');
  fs.cpSync(path.join(root, 'web'), web, { recursive: true });
  fs.writeFileSync(path.join(tmp, 'outside-secret.txt'), 'not for the class\n');
  fs.symlinkSync(path.join(tmp, 'outside-secret.txt'), path.join(web, 'leak.txt'));
  fs.symlinkSync(tmp, path.join(web, 'up'));
  fs.mkdirSync(path.join(web, 'inner'));
  fs.symlinkSync(path.join('..', 'index.html'), path.join(web, 'inner', 'again.html'));
  ({ proc: server, port } = await startUi(web));
});

after(() => {
  if (server) server.kill('SIGINT');
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('--web: a file whose real path leaves the web root is refused; a link inside it is served', async () => {
  const leak = await get(port, '/leak.txt');
  assert.equal(leak.status, 404);
  assert.doesNotMatch(leak.body, /not for the class/);
  const up = await get(port, '/up/outside-secret.txt');
  assert.equal(up.status, 404);
  assert.doesNotMatch(up.body, /not for the class/);
  await stderrShows(server, /refused .*leak\.txt: its real path leaves the served directories/);
  const inside = await get(port, '/inner/again.html');
  assert.equal(inside.status, 200);
  assert.match(inside.body, /<html/i);
  assert.equal((await get(port, '/')).status, 200);
});

test('a websocket that names no subprotocol is refused, and gets nothing', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/events`);
  const got = [];
  ws.on('message', (d) => got.push(String(d)));
  const outcome = await new Promise((resolve) => {
    ws.on('open', () => resolve('open'));
    ws.on('error', (e) => resolve(`error: ${e.message}`));
    ws.on('close', () => resolve('closed'));
  });
  assert.notEqual(outcome, 'open');
  assert.deepEqual(got, []);
  await stderrShows(server, /refused a websocket without a subprotocol/);
  // A page's own websocket still opens and is greeted.
  const page = new WebSocket(`ws://127.0.0.1:${port}/events`, 'tlstrace-v1');
  const hello = await new Promise((resolve, reject) => {
    page.on('message', (d) => resolve(JSON.parse(String(d))));
    page.on('error', reject);
  });
  assert.equal(hello.kind, 'hello');
  page.close();
});

// A producer's events, one at a time; resolves with the server's error reply, or null when the
// event was accepted (it then reaches a viewer).
test('a producer\'s event is published only when validate accepts it', async () => {
  const viewer = new WebSocket(`ws://127.0.0.1:${port}/events`, 'tlstrace-v1');
  const seen = [];
  viewer.on('message', (d) => {
    const m = JSON.parse(String(d));
    for (const e of m.kind === 'events' ? m.events : m.kind === 'event' ? [m.event] : []) seen.push(e);
  });
  await new Promise((resolve, reject) => { viewer.on('open', resolve); viewer.on('error', reject); });
  const producer = new WebSocket(`ws://127.0.0.1:${port}/events`, 'tlstrace-publish-v1');
  const errors = [];
  producer.on('message', (d) => errors.push(JSON.parse(String(d))));
  await new Promise((resolve, reject) => { producer.on('open', resolve); producer.on('error', reject); });

  const lines = fs.readFileSync(path.join(fixtures, 'basic-tls1.3.jsonl'), 'utf8').split('\n').filter(Boolean);
  const state = JSON.parse(lines.find((l) => JSON.parse(l).type === 'state'));
  const message = JSON.parse(lines.find((l) => JSON.parse(l).type === 'message'));
  const bad = [
    [{ ...state, v: 1.5, session: 'v15' }, /event\.v must be 1/],
    [{ ...state, seq: 2.5, session: 'seq25' }, /event\.seq must be an integer/],
    [{ ...state, t_us: -1, session: 'tneg' }, /not valid \(schema v1\).*t_us/],
    [{ ...message, hs_type: undefined, session: 'nohs' }, /not valid \(schema v1\).*hs_type/],
    [{ ...message, fields: { deep: JSON.parse('['.repeat(300) + ']'.repeat(300)) }, session: 'deep' }, /nested deeper than 257 levels/],
  ];
  for (const [ev, re] of bad) {
    const n = errors.length;
    producer.send(JSON.stringify({ cmd: 'publish', event: ev }));
    const t0 = Date.now();
    while (errors.length === n && Date.now() - t0 < 10000) await new Promise((r) => setTimeout(r, 10));
    assert.equal(errors.length, n + 1, `no reply to ${ev.session}`);
    assert.equal(errors[n].kind, 'error');
    assert.match(errors[n].error, re);
  }
  // A valid event goes through, renamed into the producer's session.
  producer.send(JSON.stringify({ cmd: 'publish', event: { ...state, session: 'fine' } }));
  const t0 = Date.now();
  while (!seen.some((e) => e.session.startsWith('fine@p')) && Date.now() - t0 < 10000) await new Promise((r) => setTimeout(r, 10));
  assert.ok(seen.some((e) => e.session.startsWith('fine@p')), 'the valid event reached the viewer');
  assert.ok(!seen.some((e) => /^(v15|seq25|tneg|nohs|deep)@/.test(e.session)), 'no refused event reached the viewer');
  producer.close();
  viewer.close();
});

// tlstrace validate and ajv (tests/node/validate-events.mjs) on a file; returns [validate status, ajv status].
function validateBoth(file) {
  const v = spawnSync(bin, ['validate', file], { encoding: 'utf8' });
  const a = spawnSync(process.execPath, [path.join(here, 'validate-events.mjs'), file], { encoding: 'utf8' });
  return [v.status, a.status, v.stdout + a.stdout + a.stderr];
}

function replay(files) {
  const r = spawnSync(bin, ['replay', '--speed', '0', '--format', 'jsonl', ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const out = path.join(tmp, `replayed-${Math.random().toString(36).slice(2)}.jsonl`);
  fs.writeFileSync(out, r.stdout);
  return { status: r.status, stderr: r.stderr, out };
}

test('replay: what it writes always validates, and it exits 1 when its input did not', () => {
  const good = fs.readFileSync(path.join(fixtures, 'mutual-tls1.3.jsonl'), 'utf8');
  const lines = good.split('\n').filter(Boolean);
  const deep = `{"v":1,"seq":1,"t_us":0,"session":"deep","side":"client","type":"session_start","x":${'['.repeat(100000)}${']'.repeat(100000)}}`;
  const noHs = JSON.parse(lines.find((l) => JSON.parse(l).type === 'message'));
  delete noHs.hs_type;
  const cases = {
    // Issue 9's line: nested 100,000 levels deep.
    deep: [deep, ...lines].join('\n') + '\n',
    'missing-field': lines.map((l) => (JSON.parse(l).seq === noHs.seq ? JSON.stringify(noHs) : l)).join('\n') + '\n',
    'seq-gap': lines.filter((_, i) => i !== 7).join('\n') + '\n',
    'cut-short': lines.slice(0, 30).join('\n') + '\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    const f = path.join(tmp, `${name}.jsonl`);
    fs.writeFileSync(f, text);
    assert.notEqual(spawnSync(bin, ['validate', f]).status, 0, `${name}: the input is meant to be invalid`);
    const r = replay([f]);
    assert.equal(r.status, 1, `${name}: exit ${r.status}; ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`${name}\\.jsonl:\\d+: `), `${name}: FILE:LINE: what`);
    const [vs, as, why] = validateBoth(r.out);
    if (name === 'cut-short') {
      // Every line valid; the sessions the input left open stay open (and replay said so).
      assert.match(r.stderr, /has no session_end .*: the trace may be cut short/);
      assert.match(spawnSync(bin, ['validate', r.out], { encoding: 'utf8' }).stdout, /30 events, 0 invalid, 2 sessions without session_end/);
    } else {
      assert.equal(vs, 0, `${name}: replay's output fails validate: ${why}`);
      assert.equal(as, 0, `${name}: replay's output fails ajv: ${why}`);
    }
  }
  // Valid traces joined (the same one twice): one valid trace, exit 0, the repeat renamed.
  const f = path.join(fixtures, 'basic-tls1.2.jsonl');
  const r = replay([f, f]);
  assert.equal(r.status, 0, r.stderr);
  const [vs, as, why] = validateBoth(r.out);
  assert.equal(vs, 0, why);
  assert.equal(as, 0, why);
  assert.match(fs.readFileSync(r.out, 'utf8'), /"session":"basic-tls1\.2~2"/);
});

// --out writes through a temporary file renamed into place; renamed over /dev/null (as root) it
// replaced the device with a regular file, which then held everything written "to /dev/null".
test('--out to a device or a pipe writes into it and leaves it what it was', async () => {
  const fifo = path.join(tmp, 'pipe');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo (coreutils)');
  const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
  let got = '';
  reader.stdout.on('data', (d) => { got += d; });
  const read = new Promise((resolve) => reader.on('exit', resolve));
  const demo = spawnSync(bin, ['demo', '--scenario', 'basic', '--tls', '1.3', '--out', fifo], { encoding: 'utf8' });
  const stillFifo = fs.statSync(fifo).isFIFO();
  if (!stillFifo) reader.kill(); // nothing will ever open the pipe for writing
  assert.ok(stillFifo, 'still a pipe');
  assert.equal(demo.status, 0, demo.stderr);
  await read;
  assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.startsWith('pipe.tmp-')), [], 'no temporary file left');
  const lines = got.split('\n').filter(Boolean);
  assert.ok(lines.length > 50 && lines.every((l) => JSON.parse(l).v === 1), `${lines.length} events came through the pipe`);
});
