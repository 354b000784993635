// The page in a real browser (Debian's Chromium driven by playwright-core) against a real
// `tlstrace ui`: runs basic and mutual in TLS 1.2 and 1.3 from the page's own controls and checks
// the diagram's arrows and their order, the mutual-only marks, the details and hex views, the
// certificate chain, a failure's alert and explanation, the Content-Security-Policy, and that
// hostile text from a trace stays text. Screenshots go to $TT_ARTIFACTS (default: a temp dir).
// Needs TLSTRACE_BIN and Debian's chromium on PATH: without either, every test here fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { need, tlstraceBin } from './tools.mjs';

const bin = tlstraceBin();
const browserPath = need('chromium', 'the browser tests; Debian\'s, driven by playwright-core');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = process.env.TT_ARTIFACTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tt-shots-'));
let server, url, browser, page;
const cspViolations = [];
const pageErrors = [];

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  server = spawn(bin, ['ui', '--listen', '127.0.0.1:0', '--web', path.join(root, 'web'),
    '--fixtures', path.join(root, 'fixtures', 'traces'), '--quiet'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise((resolve, reject) => {
    let buf = '';
    server.stdout.on('data', (d) => { buf += d; const m = buf.match(/open (http:\/\/\S+)/); if (m) resolve(m[1]); });
    server.on('exit', (c) => reject(new Error(`tlstrace ui exited with ${c}`)));
  });
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('console', (m) => { if (/Content.Security.Policy|Refused to/i.test(m.text())) cspViolations.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('[data-testid="run-button"]:not([disabled])', { state: 'visible', timeout: 15000 });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGINT');
  console.log(`screenshots: ${artifacts}`);
});

// Runs a scenario from the page's controls and waits until its diagram is drawn.
async function runFromPage(scenario, tls, mutual = false) {
  await page.selectOption('[data-testid="scenario-select"]', scenario);
  await page.selectOption('[data-testid="tls-select"]', tls);
  const box = page.locator('[data-testid="mutual-check"]');
  if ((await box.isChecked()) !== mutual) await box.click();
  const before = await page.$$eval('[data-testid="session-item"]', (s) => s.map((x) => x.getAttribute('data-session')));
  await page.click('[data-testid="run-button"]');
  // The new session is selected after the run; once every traced side has ended, the list and the
  // diagram were drawn from all of its events (they are rendered together).
  await page.waitForFunction((old) => {
    const cur = document.querySelector('[data-testid="session-item"].current[data-ended="true"]');
    return cur && !old.includes(cur.getAttribute('data-session'))
      && document.querySelectorAll('[data-testid="arrow"]').length > 0;
  }, before, { timeout: 20000 });
}

async function arrows() {
  return page.$$eval('[data-testid="arrow"]', (as) => as.map((a) => ({
    hs: a.getAttribute('data-hs-type'), kind: a.getAttribute('data-kind'), from: a.getAttribute('data-from'),
    protection: a.getAttribute('data-protection'), mutualOnly: a.getAttribute('data-mutual-only') === 'true',
  })));
}

const msgs = (as) => as.filter((a) => a.kind === 'message').map((a) => `${a.from}:${a.hs}:${a.protection}`);

// From RFC 8446 §2 and RFC 5246 §7.3 (with ECDHE and a session ticket), as in tests/unit/test_scenarios.c.
const expected = {
  'basic 1.3': ['client:client_hello:plaintext', 'server:server_hello:plaintext', 'server:encrypted_extensions:handshake',
    'server:certificate:handshake', 'server:certificate_verify:handshake', 'server:finished:handshake',
    'client:finished:handshake', 'server:new_session_ticket:application'],
  'mutual 1.3': ['client:client_hello:plaintext', 'server:server_hello:plaintext', 'server:encrypted_extensions:handshake',
    'server:certificate_request:handshake', 'server:certificate:handshake', 'server:certificate_verify:handshake',
    'server:finished:handshake', 'client:certificate:handshake', 'client:certificate_verify:handshake',
    'client:finished:handshake', 'server:new_session_ticket:application'],
  'basic 1.2': ['client:client_hello:plaintext', 'server:server_hello:plaintext', 'server:certificate:plaintext',
    'server:server_key_exchange:plaintext', 'server:server_hello_done:plaintext', 'client:client_key_exchange:plaintext',
    'client:finished:application', 'server:new_session_ticket:plaintext', 'server:finished:application'],
  'mutual 1.2': ['client:client_hello:plaintext', 'server:server_hello:plaintext', 'server:certificate:plaintext',
    'server:server_key_exchange:plaintext', 'server:certificate_request:plaintext', 'server:server_hello_done:plaintext',
    'client:certificate:plaintext', 'client:client_key_exchange:plaintext', 'client:certificate_verify:plaintext',
    'client:finished:application', 'server:new_session_ticket:plaintext', 'server:finished:application'],
};

for (const [name, want] of Object.entries(expected)) {
  const [scenario, tls] = name.split(' ');
  test(`${name}: the diagram draws every message in order, with its sender and protection`, async () => {
    await runFromPage(scenario, tls);
    const as = await arrows();
    assert.deepEqual(msgs(as), want);
    const marked = as.filter((a) => a.mutualOnly).map((a) => `${a.from}:${a.hs}`);
    assert.deepEqual(marked, scenario === 'mutual'
      ? ['server:certificate_request', 'client:certificate', 'client:certificate_verify'] : []);
    await page.screenshot({ path: path.join(artifacts, `diagram-${scenario}-tls${tls}.png`), fullPage: true });
  });
}

test('details: a message\'s fields and bytes, hovering a field highlights its bytes', async () => {
  await runFromPage('mutual', '1.3');
  await page.locator('[data-testid="arrow"][data-hs-type="client_hello"]').first().click();
  await page.click('[data-testid="tab-details"]');
  await page.waitForSelector('[data-testid="tab-details"][aria-selected="true"]');
  await page.waitForSelector('[data-testid="details-title"]');
  assert.match(await page.textContent('[data-testid="details-title"]'), /ClientHello/);
  const nFields = await page.locator('[data-testid="field"]').count();
  const nBytes = await page.locator('[data-testid="hex-byte"]').count();
  assert.ok(nFields > 10, `${nFields} fields`);
  assert.ok(nBytes > 100, `${nBytes} bytes shown`);
  const field = page.locator('[data-testid="field"][data-ptr="/random"]').first();
  const off = Number(await field.getAttribute('data-off'));
  const len = Number(await field.getAttribute('data-len'));
  assert.equal(len, 32); // RFC 8446 §4.1.2: Random random (32 bytes)
  await field.hover();
  const lit = await page.$$eval('[data-testid="hex-byte"]', (bs) => bs
    .filter((b) => b.matches('.hl, .highlight, [data-highlight="true"], .lit, .on'))
    .map((b) => Number(b.getAttribute('data-off'))));
  assert.equal(lit.length, 32, `highlighted ${lit.length} bytes`);
  assert.equal(Math.min(...lit), off);
  await page.screenshot({ path: path.join(artifacts, 'details-client-hello.png'), fullPage: true });
});

test('the certificate chain: root CA, then the leaf, each verified in words', async () => {
  await page.click('[data-testid="tab-chain"]');
  await page.waitForSelector('[data-testid="chain-item"]');
  const subjects = await page.$$eval('[data-testid="chain-subject"]', (s) => s.map((x) => x.textContent));
  assert.ok(subjects.some((s) => /tlstrace demo root CA/.test(s)), subjects.join(' | '));
  assert.ok(subjects.some((s) => /tlstrace-demo\.local/.test(s)), subjects.join(' | '));
  await page.screenshot({ path: path.join(artifacts, 'chain.png'), fullPage: true });
});

test('a failure: untrusted CA, TLS 1.3 — the alert and the explanation beside the failing step', async () => {
  await runFromPage('untrusted-ca', '1.3');
  const as = await arrows();
  const alert = as.find((a) => a.kind === 'alert' && a.from === 'client');
  assert.ok(alert, JSON.stringify(as));
  assert.equal(alert.protection, 'plaintext');
  await page.waitForSelector('[data-testid="failure-explanation"]');
  const text = (await page.$$eval('[data-testid="failure-explanation"]', (e) => e.map((x) => x.textContent))).join(' ');
  assert.match(text, /does not trust/);
  assert.match(text, /unknown_ca/);
  assert.ok(await page.locator('[data-testid="failure-marker"]').count() > 0);
  await page.screenshot({ path: path.join(artifacts, 'failure-untrusted-ca-tls1.3.png'), fullPage: true });
});

// Runs tlstrace (serve or connect) without blocking the page; resolves with its exit status.
function runBin(args, onStderr) {
  return new Promise((resolve) => {
    const p = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; if (onStderr) onStderr(err); });
    p.on('exit', (status) => resolve({ status, err }));
  });
}

test('real peers: serve and connect publish live, each connection is a session on the page', async () => {
  const pki = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-pki-'));
  assert.equal(spawnSync(bin, ['pki', pki]).status, 0);
  const ui = new URL(url).host;
  const f = (n) => path.join(pki, n);
  let servePort;
  const listening = new Promise((resolve) => {
    servePort = runBin(['serve', '127.0.0.1:0', '--cert', f('server.crt'), '--key', f('server.key'), '--ca', f('root-ca.crt'),
      '--require-client-cert', '--connections', '1', '--ui', ui], (err) => {
      const m = err.match(/listening on 127\.0\.0\.1:(\d+)/);
      if (m) resolve(m[1]);
    });
  });
  const port = await listening;
  const client = await runBin(['connect', `127.0.0.1:${port}`, '--ca', f('root-ca.crt'), '--cert', f('client.crt'),
    '--key', f('client.key'), '--tls', '1.3', '--ui', ui]);
  assert.equal(client.status, 0, client.err);
  assert.equal((await servePort).status, 0);
  const want = [`connect-127.0.0.1:${port}`, 'serve-1'];
  await page.waitForFunction((w) => w.every((name) => [...document.querySelectorAll('[data-testid="session-item"]')]
    .some((s) => (s.getAttribute('data-session') || '').startsWith(`${name}@`))), want, { timeout: 15000 });
  // The client's view of a real server: every message crossed its BIO, in order.
  for (const name of want) {
    const item = `[data-testid="session-item"][data-session^="${name}@"]`;
    await page.locator(item).first().click();
    // Selecting goes through the URL fragment, and a loaded CI machine can take longer than a fixed
    // pause: wait until this session is the current one and complete, and its diagram is drawn.
    await page.waitForSelector(`${item}.current[data-ended="true"]`, { timeout: 10000 }).catch(async (e) => {
      const items = await page.$$eval('[data-testid="session-item"]', (s) => s.map((x) =>
        `${x.getAttribute('data-session')} ${x.className} ended=${x.getAttribute('data-ended')}`));
      throw new Error(`${e.message}\nsession list: ${items.join(' | ')}\nlocation: ${page.url()}`);
    });
    assert.equal(await page.getAttribute(item, 'data-outcome'), 'ok', name);
    assert.deepEqual(msgs(await arrows()).filter((m) => !m.includes('new_session_ticket')),
      expected['mutual 1.3'].filter((m) => !m.includes('new_session_ticket')), name);
    await page.screenshot({ path: path.join(artifacts, `real-peer-${name.replace(/[^a-z0-9-]/gi, '_')}.png`), fullPage: true });
  }
  fs.rmSync(pki, { recursive: true, force: true });
});

test('while live events stream in, a held click still selects its session, and new sessions go last', async () => {
  // A class's connections redraw the page every 80 ms; a person's click lasts ~100 ms. The press
  // and the release must land on the same element however many redraws happen in between.
  const ui = new URL(url).host;
  const old = await page.$$eval('[data-testid="session-item"]', (s) => s.map((x) => x.getAttribute('data-session')));
  assert.ok(old.length >= 4, old.join(' | '));
  let streaming = true;
  const stream = (async () => {
    let runs = 0;
    while (streaming || runs < 2) {
      const r = await runBin(['demo', '--all', '--ui', ui]);
      assert.equal(r.status, 1, r.err); // --all includes the failure scenarios
      runs++;
    }
    return runs;
  })();
  try {
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="session-item"]')]
      .some((s) => /^(?!serve-|connect-).*@p\d+$/.test(s.getAttribute('data-session') || '')), null, { timeout: 15000 });
    for (const key of [old[0], old[3], old[1]]) {
      const item = page.locator(`[data-testid="session-item"][data-session="${key}"] a`);
      await item.scrollIntoViewIfNeeded();
      const box = await item.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.waitForTimeout(300);
      await page.mouse.up();
      await page.waitForSelector(`[data-testid="session-item"][data-session="${key}"].current`, { timeout: 5000 });
      assert.equal(decodeURIComponent(new URL(page.url()).hash.slice(1)).replace(/\/\d+$/, ''), key);
    }
  } finally {
    streaming = false;
  }
  const runs = await stream;
  const perRun = new Set(spawnSync(bin, ['demo', '--all'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)
    .map((l) => JSON.parse(l).session)).size;
  // Everything published arrives (the tests after this one count sessions), each session whole.
  await page.waitForFunction((n) => {
    const items = [...document.querySelectorAll('[data-testid="session-item"]')];
    return items.length === n && items.every((x) => x.getAttribute('data-ended') === 'true');
  }, old.length + runs * perRun, { timeout: 20000 });
  // Every published session came after the ones already listed, in the order they arrived.
  const now = await page.$$eval('[data-testid="session-item"]', (s) => s.map((x) => x.getAttribute('data-session')));
  assert.deepEqual(now.slice(0, old.length), old);
  assert.ok(now.slice(old.length).every((k) => /@p\d+$/.test(k)), now.slice(old.length).join(' | '));
});

// The messages of a recorded trace as the diagram must draw them: each message once, from the
// sender's "sent" event, in the order they were written (read from the file, not from the page).
function sentMessages(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    .filter((e) => e.type === 'message' && e.dir === 'sent').sort((a, b) => a.seq - b.seq)
    .map((e) => `${e.from}:${e.hs_type}:${e.protection}`);
}

test('the Recorded list: each trace chosen from it comes from tlstrace ui and draws its handshake', async () => {
  const index = JSON.parse(fs.readFileSync(path.join(root, 'fixtures', 'traces', 'index.json'), 'utf8')).fixtures;
  const options = await page.$$eval('[data-testid="fixture-select"] option', (os) => os.filter((o) => o.value)
    .map((o) => ({ value: o.value, title: o.textContent })));
  assert.deepEqual(options, index.map((f) => ({ value: f.file, title: f.title })));
  const fetched = [];
  const onResponse = (r) => { if (new URL(r.url()).pathname.startsWith('/fixtures/')) fetched.push(`${r.status()} ${new URL(r.url()).pathname}`); };
  page.on('response', onResponse);
  try {
    for (const { file } of index) {
      const id = file.replace(/\.jsonl$/, '');
      await page.selectOption('[data-testid="fixture-select"]', file);
      // Opening a trace replaces what the page shows: its one session is listed, current, ended,
      // and its diagram drawn.
      await page.waitForFunction((want) => {
        const items = [...document.querySelectorAll('[data-testid="session-item"]')];
        return items.length === 1 && items[0].getAttribute('data-session') === want && items[0].matches('.current[data-ended="true"]')
          && document.querySelectorAll('[data-testid="arrow"]').length > 0;
      }, id, { timeout: 10000 }).catch(async (e) => {
        const notices = await page.textContent('[data-testid="notices"]');
        throw new Error(`${file}: ${e.message}\nnotices: ${notices}`);
      });
      assert.deepEqual(msgs(await arrows()), sentMessages(path.join(root, 'fixtures', 'traces', file)), file);
      assert.equal(new URL(page.url()).searchParams.get('trace'), `/fixtures/${file}`);
      assert.equal(await page.locator('[data-testid="notices"] .notice.error').count(), 0,
        await page.textContent('[data-testid="notices"]'));
    }
  } finally {
    page.off('response', onResponse);
  }
  assert.deepEqual(fetched, index.map((f) => `200 /fixtures/${f.file}`));
  await page.screenshot({ path: path.join(artifacts, 'recorded-last.png'), fullPage: true });
});

test('a recorded fixture opened with the file picker draws what the live run drew', async () => {
  await page.setInputFiles('[data-testid="file-input"]', path.join(root, 'fixtures', 'traces', 'mutual-tls1.3.jsonl'));
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="session-item"]')]
    .some((s) => s.getAttribute('data-session') === 'mutual-tls1.3'), null, { timeout: 10000 });
  await page.locator('[data-testid="session-item"][data-session="mutual-tls1.3"]').first().click();
  await page.waitForSelector('[data-testid="session-item"][data-session="mutual-tls1.3"].current[data-ended="true"]');
  assert.deepEqual(msgs(await arrows()), expected['mutual 1.3']);
  await page.screenshot({ path: path.join(artifacts, 'fixture-mutual-tls1.3.png'), fullPage: true });
});

test('a file that is not a trace gets a readable message, not a blank page', async () => {
  const file = path.join(os.tmpdir(), `tt-not-a-trace-${process.pid}.jsonl`);
  fs.writeFileSync(file, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0xff, 10, 0x7b, 0x22, 10]));
  const before = await page.$$eval('[data-testid="session-item"]', (s) => s.map((x) => x.getAttribute('data-session')));
  await page.setInputFiles('[data-testid="file-input"]', file);
  // The page answers with an error notice naming the file and the line that is wrong.
  const name = path.basename(file);
  const shown = await page.waitForFunction((n) => [...document.querySelectorAll('[data-testid="notices"] .notice.error')]
    .map((p) => p.textContent).find((t) => t.includes(n)), name, { timeout: 10000 }).catch(async (e) => {
    throw new Error(`no error notice names ${name}: ${e.message}\nnotices: ${await page.textContent('[data-testid="notices"]')}`);
  });
  assert.match(await shown.jsonValue(), /line 1\b/);
  assert.deepEqual(await page.$$eval('[data-testid="session-item"]', (s) => s.map((x) => x.getAttribute('data-session'))), before);
  assert.ok(await page.locator('[data-testid="arrow"]').count() > 0, 'the page went blank');
  await page.screenshot({ path: path.join(artifacts, 'not-a-trace.png'), fullPage: true });
  fs.unlinkSync(file);
});

test('hostile text in an opened trace stays text, and nothing broke the page\'s CSP', async () => {
  const r = spawnSync(bin, ['demo', '--scenario', 'basic'], { encoding: 'utf8' });
  const evil = '<img src=x onerror="window.__pwned=1">';
  const lines = r.stdout.split('\n').filter(Boolean).map((l) => {
    const e = JSON.parse(l);
    if (e.type === 'cert_verify') e.subject = `CN=${evil}`;
    if (e.type === 'session_start') e.session = e.session + evil;
    else e.session = e.session + evil;
    return JSON.stringify(e);
  });
  const file = path.join(os.tmpdir(), `tt-evil-${process.pid}.jsonl`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  await page.setInputFiles('[data-testid="file-input"]', file);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="session-item"]')]
    .some((s) => (s.getAttribute('data-session') || '').includes('<img')), null, { timeout: 10000 });
  await page.locator('[data-testid="session-item"]').last().click();
  await page.click('[data-testid="tab-chain"]');
  await page.waitForFunction((e) => [...document.querySelectorAll('[data-testid="chain-subject"]')]
    .some((x) => x.textContent.includes(e)), evil, { timeout: 10000 }).catch(async (e) => {
    const shown = (await page.$$eval('[data-testid="chain-subject"]', (x) => x.map((el) => el.textContent))).join(' | ');
    throw new Error(`the subject is not shown as text: ${shown} (${e.message})`);
  });
  await page.screenshot({ path: path.join(artifacts, 'hostile-trace.png'), fullPage: true });
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  fs.unlinkSync(file);
  assert.deepEqual(cspViolations, []);
  assert.deepEqual(pageErrors, []);
});
