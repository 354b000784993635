// What `tlstrace ui` serves over HTTP, as a browser receives it: every file of the page with its
// Content-Type, every recorded trace that /fixtures/index.json lists (200, the committed bytes,
// JSON on every line), and the security headers on each answer (the Content-Security-Policy the
// page is written for, nosniff). A browser refuses a module script or a stylesheet of the wrong
// type, and the page cannot open a trace the server will not send (it once answered 415).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tlstraceBin } from './tools.mjs';

const bin = tlstraceBin();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const web = path.join(root, 'web');
const fixtures = path.join(root, 'fixtures', 'traces');

// The type each kind of file must be served with. A new kind of file in web/ needs its row here
// (and tlstrace ui must know its type: tracer/cmd/tt_ws.c).
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript', // module scripts: a browser refuses them under a non-JavaScript type
  '.css': 'text/css',
  '.json': 'application/json',
  '.jsonl': 'application/jsonl',
};

let server, base;

before(async () => {
  server = spawn(bin, ['ui', '--listen', '127.0.0.1:0', '--web', web, '--fixtures', fixtures, '--quiet'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    let buf = '';
    server.stdout.on('data', (d) => { buf += d; const m = buf.match(/open (http:\/\/\S+?)\/? /); if (m) resolve(m[1]); });
    server.on('exit', (c) => reject(new Error(`tlstrace ui exited with ${c}`)));
  });
});

after(() => server?.kill('SIGINT'));

// GET base+urlPath; resolves { status, type, headers, body (Buffer) }.
async function get(urlPath) {
  const res = await fetch(base + urlPath);
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: (res.headers.get('content-type') ?? '').split(';')[0].trim(), headers: res.headers, body };
}

// The headers every answer carries, whatever the file.
function checkSecurityHeaders(r, what) {
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  const csp = r.headers.get('content-security-policy');
  assert.ok(csp, `${what}: no Content-Security-Policy`);
  const dir = Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean)
    .map((d) => { const [k, ...v] = d.split(/\s+/); return [k, v]; }));
  // Nothing loads unless allowed; scripts and styles only from files of this server (no inline
  // code, no eval), no framing: what web/README.md says the page is written for.
  assert.deepEqual(dir['default-src'], ["'none'"], `${what}: ${csp}`);
  assert.deepEqual(dir['script-src'], ["'self'"], `${what}: ${csp}`);
  assert.deepEqual(dir['style-src'], ["'self'"], `${what}: ${csp}`);
  assert.ok(dir['connect-src']?.includes("'self'"), `${what}: ${csp}`);
  assert.deepEqual(dir['frame-ancestors'], ["'none'"], `${what}: ${csp}`);
  assert.ok(!/unsafe-(inline|eval)/.test(csp), `${what}: ${csp}`);
}

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory()
    ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

test('every file of the page is served whole, with its type and the security headers', async () => {
  const files = filesUnder(web).filter((f) => path.basename(f) !== 'README.md');
  assert.ok(files.some((f) => f.endsWith('.html')) && files.some((f) => f.endsWith('.js')) && files.some((f) => f.endsWith('.css')));
  for (const f of files) {
    const rel = path.relative(web, f).split(path.sep).join('/');
    const want = TYPES[path.extname(f)];
    assert.ok(want, `web/${rel}: no expected type for ${path.extname(f)} files in this test`);
    const r = await get(`/${rel}`);
    assert.equal(r.status, 200, `/${rel}`);
    assert.equal(r.type, want, `/${rel}`);
    assert.ok(r.body.equals(fs.readFileSync(f)), `/${rel}: not the file's bytes`);
    checkSecurityHeaders(r, `/${rel}`);
  }
  const home = await get('/');
  assert.equal(home.status, 200);
  assert.equal(home.type, 'text/html');
  assert.ok(home.body.equals(fs.readFileSync(path.join(web, 'index.html'))));
  checkSecurityHeaders(home, '/');
});

test('every recorded trace in /fixtures/index.json is served: 200, application/jsonl, the committed bytes, JSON on every line', async () => {
  const idx = await get('/fixtures/index.json');
  assert.equal(idx.status, 200);
  assert.equal(idx.type, 'application/json');
  checkSecurityHeaders(idx, '/fixtures/index.json');
  const { fixtures: list } = JSON.parse(idx.body.toString('utf8'));
  // The index names every committed trace, once.
  const committed = fs.readdirSync(fixtures).filter((f) => f.endsWith('.jsonl')).sort();
  assert.deepEqual(list.map((e) => e.file).sort(), committed);
  for (const { file } of list) {
    const r = await get(`/fixtures/${encodeURIComponent(file)}`);
    assert.equal(r.status, 200, `/fixtures/${file}`);
    assert.equal(r.type, 'application/jsonl', `/fixtures/${file}`);
    checkSecurityHeaders(r, `/fixtures/${file}`);
    assert.ok(r.body.equals(fs.readFileSync(path.join(fixtures, file))), `/fixtures/${file}: not the committed bytes`);
    const lines = r.body.toString('utf8').split('\n');
    assert.equal(lines.pop(), '', `/fixtures/${file}: the last line has no newline`);
    lines.forEach((l, i) => assert.doesNotThrow(() => JSON.parse(l), `/fixtures/${file}:${i + 1}`));
    assert.ok(lines.length > 0, `/fixtures/${file} is empty`);
  }
});
