// Issue 9 in Debian's Chromium (playwright-core) against a real `tlstrace ui`: a trace file that
// validate rejects opens with what is wrong listed line by line (a seq gap, a line left out), a
// line nested 100,000 levels deep is no handshake, and the live page keeps at most LIVE_LIMITS
// sessions, telling the student, while the session shown stays. Needs TLSTRACE_BIN and
// /usr/bin/chromium (both fail the test when missing).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const bin = process.env.TLSTRACE_BIN;
const browserPath = '/usr/bin/chromium';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-strict-page-'));
const artifacts = process.env.TT_ARTIFACTS ?? tmp;
let server, url, port, browser, page;
const pageErrors = [];

before(async () => {
  assert.ok(bin, 'TLSTRACE_BIN must name the tlstrace executable (ctest sets it)');
  assert.ok(fs.existsSync(browserPath), `${browserPath} is missing: apt-get install chromium (scripts/setup.sh --test)`);
  server = spawn(bin, ['ui', '--listen', '127.0.0.1:0', '--web', path.join(root, 'web'), '--quiet'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise((resolve, reject) => {
    let buf = '';
    server.stdout.on('data', (d) => { buf += d; const m = buf.match(/open (http:\/\/\S+)/); if (m) resolve(m[1]); });
    server.on('exit', (c) => reject(new Error(`tlstrace ui exited with ${c}`)));
  });
  port = Number(new URL(url).port);
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGINT');
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function freshPage() {
  if (page) await page.close();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('[data-testid="connection-status"][data-state="online"]', { timeout: 15000 });
}

// Opens a file through the page's own file picker.
async function openFile(name, text) {
  await page.setInputFiles('[data-testid="file-input"]', { name, mimeType: 'application/jsonl', buffer: Buffer.from(text) });
}

const fixture = (name) => fs.readFileSync(path.join(root, 'fixtures', 'traces', name), 'utf8').split('\n').filter(Boolean);

test('a trace with a seq gap and a bad line opens, and says what is wrong on which line', async () => {
  await freshPage();
  const lines = fixture('mutual-tls1.3.jsonl');
  const k = lines.findIndex((l) => /"type":"message"/.test(l) && /"hs_type":"certificate"/.test(l));
  const broken = lines.map((l, i) => (i === k ? l.replace('"hs_type":', '"hs_typo":') : l)).filter((_, i) => i !== 40);
  await openFile('broken.jsonl', broken.join('\n') + '\n');
  await page.waitForSelector('[data-testid="problem"]', { timeout: 10000 });
  const summary = await page.textContent('[data-testid="problems-summary"]');
  assert.equal(summary, 'broken.jsonl is not a valid trace: 2 problems, 1 line left out');
  const problems = await page.$$eval('[data-testid="problem"]', (ps) => ps.map((p) => ({
    line: p.getAttribute('data-line'), skipped: p.getAttribute('data-skipped'), text: p.textContent,
  })));
  assert.equal(problems[0].line, String(k + 1));
  assert.equal(problems[0].skipped, 'true');
  assert.match(problems[0].text, new RegExp(`^Line ${k + 1} was left out: it is not a valid tlstrace event: in a "message" event, the field "hs_type" is missing`));
  assert.equal(problems[1].line, '41');
  assert.match(problems[1].text, /^Line 41: the event numbers jump from 40 to 42: one event is missing before this line/);
  // The rest is drawn, and the notice says the file is not valid.
  assert.ok(await page.locator('[data-testid="arrow"]').count() > 5);
  assert.match(await page.textContent('[data-testid="notices"]'), /Opened broken\.jsonl: 1 handshake, \d+ events\. It is not a valid trace: 2 problems \(1 line left out\), listed on the left\./);
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'trace-problems.png') });
});

test('a line nested 100,000 levels deep does not open as a handshake', async () => {
  await freshPage();
  const start = JSON.parse(fixture('basic-tls1.3.jsonl')[0]);
  const deep = JSON.stringify(start).slice(0, -1) + `,"x":${'['.repeat(100000)}${']'.repeat(100000)}}`;
  await openFile('deep.jsonl', deep + '\n');
  await page.waitForFunction(() => /Could not open/.test(document.querySelector('[data-testid="notices"]').textContent), null, { timeout: 10000 });
  assert.match(await page.textContent('[data-testid="notices"]'),
    /Could not open deep\.jsonl: no tlstrace events found; line 1: brackets nested more than 256 levels deep at column \d+; a tlstrace event never is/);
  assert.equal(await page.locator('[data-testid="session-item"]').count(), 0);
  assert.equal(await page.locator('[data-testid="arrow"]').count(), 0);
});

// A trace of `copies` x (every scenario of demo --all), each copy's sessions renamed, seq 1, 2, 3 ...
function manySessions(copies) {
  const base = fs.readFileSync(path.join(tmp, 'all.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const out = [];
  let seq = 0;
  for (let r = 0; r < copies; r++) for (const e of base) out.push(JSON.stringify({ ...e, seq: ++seq, session: `${e.session}-c${r}` }));
  return { text: out.join('\n') + '\n', last: `${base[base.length - 1].session}-c${copies - 1}`, sessions: copies * new Set(base.map((e) => e.session)).size };
}

function run(args, outFile) {
  return new Promise((resolve) => {
    const p = spawn(bin, args, { stdio: ['ignore', outFile ? fs.openSync(outFile, 'w') : 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    p.on('exit', (status) => resolve({ status, err }));
  });
}

test('the live page keeps the 100 most recent sessions, says so, and keeps the one shown', async () => {
  await freshPage();
  const all = await run(['demo', '--all'], path.join(tmp, 'all.jsonl'));
  assert.equal(all.status, 1, 'demo --all: some scenarios fail on purpose');
  // A first session, shown in the page: it must survive everything that follows.
  const first = path.join(tmp, 'first.jsonl');
  fs.writeFileSync(first, fixture('hello-retry-tls1.3.jsonl').join('\n') + '\n');
  assert.equal((await run(['replay', '--speed', '0', '--ui', `127.0.0.1:${port}`, first])).status, 0);
  const shown = page.locator('[data-testid="session-item"][data-session^="hello-retry-tls1.3@p"]');
  await shown.waitFor({ timeout: 15000 });
  await shown.locator('a').click();
  await page.waitForSelector('[data-testid="session-item"].current[data-session^="hello-retry-tls1.3@p"]');
  // Then 8 x the 17 sessions of demo --all.
  const many = manySessions(8);
  assert.ok(many.sessions > 100);
  fs.writeFileSync(path.join(tmp, 'many.jsonl'), many.text);
  const r = await run(['replay', '--speed', '0', '--ui', `127.0.0.1:${port}`, path.join(tmp, 'many.jsonl')]);
  assert.equal(r.status, 0, r.err);
  await page.waitForSelector(`[data-testid="session-item"][data-session^="${many.last}@p"]`, { timeout: 30000 });
  await page.waitForSelector('[data-testid="trim-notice"]');
  const ids = await page.$$eval('[data-testid="session-item"]', (s) => s.map((x) => x.getAttribute('data-session')));
  assert.ok(ids.length <= 101, `${ids.length} sessions listed`);
  assert.ok(ids.length >= 90, `${ids.length} sessions listed: the most recent are kept`);
  assert.ok(ids.some((id) => id.startsWith('hello-retry-tls1.3@p')), 'the session shown stays');
  assert.ok(ids.some((id) => id.startsWith(`${many.last}@p`)), 'the newest is there');
  assert.ok(!ids.some((id) => /-c0@p/.test(id)), 'the oldest went');
  assert.match(await page.textContent('[data-testid="trim-notice"]'),
    /This page keeps the 100 most recent handshakes \(at most 20000 events\), as the server does: \d+ older handshakes were dropped/);
  assert.ok(await page.locator('[data-testid="session-item"].current[data-session^="hello-retry-tls1.3@p"]').count() === 1, 'still shown');
  assert.deepEqual(pageErrors, []);
});
