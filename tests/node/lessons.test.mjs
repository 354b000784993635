// Issue 10 end to end: the page shows the key-schedule panel for TLS 1.2 and 1.3 (its rungs from
// the trace's secret events, each linked to the records it protects), the sources as rfc-editor.org
// links and the "Mbed TLS differs from the RFC here" badge, in Debian's Chromium against a real
// `tlstrace ui`; and, against real peers on loopback, the facts behind the corrected sentences:
// connect --send stops after 0.5 s of quiet, the TLS 1.3 downgrade sentinel is read from the bytes
// (openssl's and Mbed TLS's), an IP address as server_name is marked, and serve's TLS 1.2 refusal
// of a missing client certificate says the connection is closed, not that the client waits.
// Needs TLSTRACE_BIN, /usr/bin/chromium, openssl. Screenshots go to $TT_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { needAll, tlstraceBin } from './tools.mjs';

const bin = tlstraceBin();
const { chromium: browserPath } = needAll({
  chromium: 'the browser tests; Debian\'s, driven by playwright-core',
  openssl: 'openssl s_server, the real peer of the --send, sentinel and serve checks',
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = process.env.TT_ARTIFACTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tt-shots-'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-lessons-'));
let ui, url, browser, page;
const pageErrors = [];

// A missing tool fails loudly (the project's rule), it never skips.
before(async () => {
  assert.equal(spawnSync(bin, ['pki', path.join(tmp, 'pki'), '--seed', 'lessons']).status, 0);
  fs.mkdirSync(artifacts, { recursive: true });
  ui = spawn(bin, ['ui', '--listen', '127.0.0.1:0', '--web', path.join(root, 'web'),
    '--fixtures', path.join(root, 'fixtures', 'traces'), '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise((resolve, reject) => {
    let buf = '';
    ui.stdout.on('data', (d) => { buf += d; const m = buf.match(/open (http:\/\/\S+)/); if (m) resolve(m[1]); });
    ui.on('exit', (c) => reject(new Error(`tlstrace ui exited with ${c}`)));
  });
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

after(async () => {
  if (browser) await browser.close();
  if (ui) ui.kill('SIGINT');
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`screenshots: ${artifacts}`);
});

async function openFixture(name) {
  await page.goto(`${url}?trace=${encodeURIComponent(`/fixtures/${name}.jsonl`)}`);
  await page.waitForSelector('[data-testid="arrow"]', { timeout: 15000 });
}

for (const v of ['1.3', '1.2']) {
  test(`the key-schedule panel, TLS ${v}: rungs from the secret events, linked to the diagram`, async () => {
    await openFixture(`mutual-tls${v}`);
    await page.click('[data-testid="tab-keys"]');
    const panel = page.locator('[data-testid="key-schedule"]');
    await panel.waitFor({ state: 'visible' });
    assert.equal(await panel.getAttribute('data-version'), `TLS ${v}`);
    const seen = await page.$$eval('[data-testid="ks-rung"][data-seen="true"]', (r) => r.map((x) => x.getAttribute('data-rung')));
    assert.deepEqual(seen, v === '1.3' ? ['c_hs', 's_hs', 'c_ap', 's_ap'] : ['master']);
    // Every sentence of the panel names its sources; RFC ones link to rfc-editor.org.
    const rungs = await page.$$eval('[data-testid="ks-rung"]', (r) => r.map((x) => !!x.querySelector('[data-testid="sources"]')));
    assert.ok(rungs.length >= 5 && rungs.every(Boolean), 'each rung has its sources');
    const hrefs = await page.$$eval('[data-testid="key-schedule"] [data-testid="source-link"]', (a) => a.map((x) => x.getAttribute('href')));
    assert.ok(hrefs.length && hrefs.every((h) => /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+#(section|appendix)-/.test(h)));
    await page.screenshot({ path: path.join(artifacts, `lessons-key-schedule-tls${v}.png`) });
    // A record a secret protects: its link selects that message on the diagram.
    const link = page.locator('[data-testid="ks-protects"] [data-testid="protects-link"]').last();
    const seq = await link.getAttribute('data-seq');
    const label = (await link.textContent()).replace(/^(Client|Server) /, '');
    await link.click();
    await page.waitForFunction((s) => location.hash.endsWith(`/${s}`), seq);
    await page.click('[data-testid="tab-details"]');
    assert.equal((await page.textContent('[data-testid="details-title"]')).trim(), label);
    assert.equal(await page.getAttribute('[data-testid="details"]', 'data-seq'), seq);
    assert.deepEqual(pageErrors, []);
  });
}

test('the page shows Mbed TLS\'s deviation both ways, with a badge on the arrow and in the details', async () => {
  await openFixture('no-client-cert-tls1.3');
  const marks = page.locator('[data-testid="deviation-mark"]');
  assert.ok(await marks.count() >= 1);
  const arrow = page.locator('[data-testid="arrow"]', { has: page.locator('[data-testid="deviation-mark"]') }).first();
  await arrow.click();
  const dev = page.locator('[data-testid="details"] [data-testid="deviation"]');
  assert.ok(await dev.count() >= 1);
  const text = await dev.first().textContent();
  assert.match(text, /Mbed TLS differs from the RFC here/);
  assert.match(text, /The RFC:/);
  assert.match(text, /Mbed TLS 3\.6:/);
  // The failure under the diagram says it too.
  assert.ok(await page.locator('[data-testid="failure-explanation"] [data-testid="deviation"]').count() >= 1);
  await page.click('[data-testid="tab-signatures"]');
  assert.equal(await page.getAttribute('[data-testid="downgrade-sentinel"]', 'data-flagged'), 'false');
  await page.screenshot({ path: path.join(artifacts, 'lessons-deviation-tls1.3.png') });
});

// ---------- real peers ----------

const pki = (f) => path.join(tmp, 'pki', f);
const freePort = () => new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });
const waitPort = async (port) => {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((r) => { const c = net.connect(port, '127.0.0.1', () => { c.destroy(); r(true); }); c.on('error', () => r(false)); });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${port}`);
};
const events = (file) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

// openssl s_server that says nothing after the handshake (its stdin stays open, so it stays up).
async function silentServer(extra = []) {
  const port = await freePort();
  const p = spawn('openssl', ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', pki('server.crt'), '-key', pki('server.key'), '-quiet', ...extra], { stdio: ['pipe', 'ignore', 'ignore'] });
  await waitPort(port);
  return { port, stop: () => p.kill() };
}

function connect(port, args) {
  const out = path.join(tmp, `connect-${port}-${Math.random().toString(36).slice(2)}.jsonl`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(bin, ['connect', `127.0.0.1:${port}`, '--ca', pki('root-ca.crt'), '--out', out, ...args], { encoding: 'utf8', timeout: 30000 });
  return { status: r.status, ms: Number(process.hrtime.bigint() - t0) / 1e6, events: events(out), stderr: r.stderr };
}

test('connect --send against a server that answers nothing stops after 0.5 s of quiet, not --timeout', async () => {
  const srv = await silentServer();
  try {
    const r = connect(srv.port, ['--servername', 'tlstrace-demo.local', '--timeout', '10', '--send', 'hello\\n']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.events.some((e) => e.type === 'record' && e.dir === 'sent' && e.inner_content_type && e.inner_content_type.id === 23), 'the data was sent');
    assert.ok(r.ms < 3000, `took ${r.ms} ms with --timeout 10`);
  } finally { srv.stop(); }
});

test('the downgrade sentinel is read from openssl\'s ServerHello when a TLS 1.2 client meets a TLS 1.3 server', async () => {
  const srv = await silentServer();
  try {
    const r = connect(srv.port, ['--servername', 'tlstrace-demo.local', '--tls', '1.2']);
    assert.equal(r.status, 0, r.stderr);
    const sh = r.events.find((e) => e.type === 'message' && e.hs_type === 'server_hello');
    assert.equal(sh.fields.random.slice(-16), Buffer.from('DOWNGRD\x01', 'latin1').toString('hex'), 'the bytes carry it');
    assert.equal(sh.fields.downgrade_sentinel, 'tls12');
    const r13 = connect(srv.port, ['--servername', 'tlstrace-demo.local', '--tls', '1.3']);
    assert.equal(r13.events.find((e) => e.type === 'message' && e.hs_type === 'server_hello').fields.downgrade_sentinel, null);
  } finally { srv.stop(); }
});

test('an IP address as server_name is marked as Mbed TLS\'s deviation (RFC 6066 §3)', async () => {
  const srv = await silentServer();
  try {
    const r = connect(srv.port, ['--timeout', '5']);
    const ch = r.events.find((e) => e.type === 'message' && e.hs_type === 'client_hello');
    const sni = ch.fields.extensions.find((x) => x.type.id === 0);
    assert.equal(sni.data.server_name_list[0].host_name, '127.0.0.1');
    assert.equal(sni.data.ip_address, true);
    assert.deepEqual(ch.deviations.map((d) => d.id), ['ip_address_in_server_name']);
    const r2 = connect(srv.port, ['--servername', 'tlstrace-demo.local']);
    assert.equal(r2.events.find((e) => e.type === 'message' && e.hs_type === 'client_hello').deviations, undefined);
  } finally { srv.stop(); }
});

test('serve, TLS 1.2, client certificate required and missing: Mbed TLS sets the sentinel, sends no alert, and the trace says the connection closes', async () => {
  const out = path.join(tmp, 'serve.jsonl');
  const s = spawn(bin, ['serve', '127.0.0.1:0', '--cert', pki('server.crt'), '--key', pki('server.key'), '--ca', pki('root-ca.crt'),
    '--require-client-cert', '--connections', '1', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    s.stderr.on('data', (d) => { buf += d; const m = buf.match(/listening on 127\.0\.0\.1:(\d+)/); if (m) resolve(Number(m[1])); });
    s.on('exit', (c) => reject(new Error(`serve exited with ${c}`)));
  });
  const c = spawnSync('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-tls1_2', '-CAfile', pki('root-ca.crt')], { input: '', encoding: 'utf8', timeout: 20000 });
  assert.notEqual(c.status, null, 'openssl s_client finished');
  await new Promise((r) => s.on('exit', r));
  const ev = events(out);
  const sh = ev.find((e) => e.type === 'message' && e.hs_type === 'server_hello');
  assert.equal(sh.fields.downgrade_sentinel, 'tls12', 'a TLS 1.3-capable Mbed TLS server negotiating TLS 1.2');
  assert.equal(ev.filter((e) => e.type === 'alert' && e.dir === 'sent').length, 0, 'no alert');
  const f = ev.find((e) => e.type === 'handshake_failed');
  assert.equal(f.cause, 'client_certificate_missing');
  assert.match(f.explanation, /closes the connection/);
  assert.doesNotMatch(f.explanation, /left waiting/);
  assert.deepEqual(f.deviations.map((d) => d.id), ['no_alert_for_missing_client_certificate']);
  assert.equal(spawnSync(bin, ['validate', out]).status, 0);
});
