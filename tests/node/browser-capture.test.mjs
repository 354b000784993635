// Captures in the page, in Debian's Chromium (playwright-core): a .pcapng chosen with the file
// picker of a page served by `tlstrace ui` is converted by the server (POST /capture, the code of
// `tlstrace capture`) and drawn like any session, both lanes labelled "seen on the network"; the
// same file in a page served by a plain static server says to run `tlstrace capture`; a file
// named .pcap that is not a capture is refused with one line. Screenshots: $TT_ARTIFACTS.
// Needs TLSTRACE_BIN, Debian's chromium and python3 (the static server).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { start, waitOutput, freePort, portOpen, stopAll } from './capture-procs.mjs';
import { needAll, tlstraceBin } from './tools.mjs';

const bin = tlstraceBin();
// A missing tool fails these tests, naming it (tests/node/tools.mjs), never skips them.
const { chromium: browserPath, python3 } = needAll({
  chromium: 'the browser tests; Debian\'s, driven by playwright-core',
  python3: 'a plain static server for the page (python3 -m http.server)' });
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = process.env.TT_ARTIFACTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tt-shots-'));
let uiUrl, staticUrl, browser, dir, pcap;
const pageErrors = [];

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-browser-cap-'));
  pcap = path.join(dir, 'mutual-tls13.pcapng');
  const r = spawnSync(bin, ['demo', '--scenario', 'mutual', '--tls', '1.3', '--pcap', pcap, '--out', path.join(dir, 'demo.jsonl')]);
  assert.equal(r.status, 0, String(r.stderr));
  const ui = start(bin, ['ui', '--listen', '127.0.0.1:0', '--web', path.join(root, 'web'), '--quiet']);
  uiUrl = (await waitOutput(ui, /open (http:\/\/\S+)/, 'tlstrace ui'))[1];
  const port = await freePort();
  start(python3, ['-m', 'http.server', '-b', '127.0.0.1', String(port), '-d', path.join(root, 'web')]);
  staticUrl = `http://127.0.0.1:${port}/`;
  await portOpen(port);
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});

after(async () => {
  if (browser) await browser.close();
  stopAll();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(url) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('[data-testid="file-input"]', { state: 'attached' });
  return page;
}

test('a .pcapng picked in a page of tlstrace ui is converted there and drawn, seen on the network', async () => {
  const page = await open(uiUrl);
  await page.setInputFiles('[data-testid="file-input"]', pcap);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="arrow"]').length > 0, null, { timeout: 20000 });
  const arrows = await page.$$eval('[data-testid="arrow"]', (as) => as.filter((a) => a.getAttribute('data-kind') === 'message')
    .map((a) => `${a.getAttribute('data-from')} ${a.getAttribute('data-hs-type')} ${a.getAttribute('data-read')}`));
  // The demo's own trace of the same run: the same messages, in the same order.
  const demo = fs.readFileSync(path.join(dir, 'demo.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    .filter((e) => e.type === 'message' && e.dir === 'sent').map((e) => `${e.from} ${e.hs_type}`);
  assert.deepEqual(arrows.map((a) => a.split(' ').slice(0, 2).join(' ')), demo);
  assert.ok(arrows.every((a) => !a.endsWith(' false')), 'no arrow drawn as "never read": reading is not on the wire');
  const lanes = await page.$$eval('[data-testid="lane-state"]', (ls) => ls.map((l) => l.textContent));
  assert.deepEqual(lanes, ['seen on the network', 'seen on the network']);
  const item = await page.textContent('[data-testid="session-item"].current');
  assert.match(item, /192\.0\.2\.1:\d+ → 198\.51\.100\.1:443/);
  assert.match(await page.textContent('[data-testid="notices"]'), /Opened mutual-tls13\.jsonl: 1 handshake/);
  await page.click('[data-testid="tab-states"]').catch(() => {});
  await page.screenshot({ path: path.join(artifacts, 'capture-in-page.png'), fullPage: true });
  await page.close();
  assert.deepEqual(pageErrors, []);
});

test('served by a static server, the page says to run tlstrace capture', async () => {
  const page = await open(staticUrl);
  await page.setInputFiles('[data-testid="file-input"]', pcap);
  await page.waitForFunction(() => /tlstrace capture/.test(document.querySelector('[data-testid="notices"]').textContent), null, { timeout: 20000 });
  assert.match(await page.textContent('[data-testid="notices"]'),
    /mutual-tls13\.pcapng is a capture, not a trace: run "tlstrace capture mutual-tls13\.pcapng --out trace\.jsonl"/);
  assert.equal(await page.$$eval('[data-testid="arrow"]', (a) => a.length), 0);
  await page.close();
});

test('a file named .pcap that is not a capture is refused in one line', async () => {
  const fake = path.join(dir, 'notes.pcap');
  fs.writeFileSync(fake, 'just some text\n');
  const page = await open(uiUrl);
  await page.setInputFiles('[data-testid="file-input"]', fake);
  await page.waitForFunction(() => /not a pcap or pcapng capture/.test(document.querySelector('[data-testid="notices"]').textContent), null, { timeout: 20000 });
  await page.close();
});
