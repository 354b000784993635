// Benchmark: the page's JavaScript heap in Chromium after a long live stream. A page is opened on
// a real `tlstrace ui`, then `tlstrace replay --speed 0 --ui` streams COPIES x the sessions of
// `demo --all` (each copy renamed) into it; the heap is measured after a forced garbage collection
// (Chrome DevTools Protocol: HeapProfiler.collectGarbage, Runtime.getHeapUsage), idle and at the end.
// The page keeps at most LIVE_LIMITS (web/js/protocol.js) of the stream, so the heap at the end
// must not follow the length of the stream. WEB=dir measures another copy of the page (an older
// commit's web/, for a before/after).
// usage: TLSTRACE_BIN=build/release/tlstrace node tests/node/bench-page-memory.mjs [COPIES=30]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const bin = process.env.TLSTRACE_BIN;
if (!bin) throw new Error('set TLSTRACE_BIN to the tlstrace executable');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const web = process.env.WEB || path.join(root, 'web');
const copies = Number(process.argv[2] || 30);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-bench-page-'));

function run(args, stdout = 'ignore') {
  return new Promise((resolve) => {
    const p = spawn(bin, args, { stdio: ['ignore', stdout, 'inherit'] });
    p.on('exit', (status) => resolve(status));
  });
}

const allFile = path.join(tmp, 'all.jsonl');
await run(['demo', '--all'], fs.openSync(allFile, 'w'));
const base = fs.readFileSync(allFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const lines = [];
let seq = 0;
for (let r = 0; r < copies; r++) for (const e of base) lines.push(JSON.stringify({ ...e, seq: ++seq, session: `${e.session}-c${r}` }));
const trace = path.join(tmp, 'stream.jsonl');
fs.writeFileSync(trace, lines.join('\n') + '\n');
const sessions = copies * new Set(base.map((e) => e.session)).size;
const last = `${base[base.length - 1].session}-c${copies - 1}`;

const server = spawn(bin, ['ui', '--listen', '127.0.0.1:0', '--web', web, '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let buf = '';
  server.stdout.on('data', (d) => { buf += d; const m = buf.match(/open (http:\/\/\S+)/); if (m) resolve(m[1]); });
  server.on('exit', (c) => reject(new Error(`tlstrace ui exited with ${c}`)));
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url);
  await page.waitForSelector('[data-testid="connection-status"][data-state="online"]', { timeout: 15000 });
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 1048576;
  };
  const idle = await heap();
  const t0 = Date.now();
  const status = await run(['replay', '--speed', '0', '--ui', url.replace(/^http:\/\/|\/$/g, ''), trace]);
  if (status !== 0) throw new Error(`replay exited with ${status}`);
  await page.waitForSelector(`[data-testid="session-item"][data-session^="${last}@p"]`, { timeout: 600000 });
  await page.waitForTimeout(1000); // the last redraw
  const secs = (Date.now() - t0) / 1000;
  const end = await heap();
  const listed = await page.locator('[data-testid="session-item"]').count();
  console.log(`page ${process.env.WEB ? 'WEB=' + web : 'web/'}: ${lines.length} events in ${sessions} sessions streamed in ${secs.toFixed(1)} s; ` +
    `JS heap after GC: idle ${idle.toFixed(1)} MB, at the end ${end.toFixed(1)} MB; sessions listed ${listed}`);
} finally {
  await browser.close();
  server.kill('SIGINT');
  fs.rmSync(tmp, { recursive: true, force: true });
}
