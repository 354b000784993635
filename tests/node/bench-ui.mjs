// Benchmark of `tlstrace ui`'s event stream.
//
// 1. Latency: N viewers (default 50) on loopback, spread over worker threads so that the measuring
//    side keeps up, watch runs of the server's own runner (mutual/basic, TLS 1.2/1.3, one run every
//    GAP_MS). Each event's emission time is its t_us on the server's monotonic clock, mapped to ours
//    by the smallest (arrival - t_us) seen; so every figure is emission -> arrival at that viewer,
//    with an error below that smallest latency (well under a millisecond on loopback).
// 2. Memory: one stalled viewer while 20 times the history budget is published through a producer
//    connection (as `--ui` does); the server's VmRSS before, at its peak and at the end.
//
// usage: TLSTRACE_BIN=build/release/tlstrace node tests/node/bench-ui.mjs [viewers] [runs]
//        GAP_MS=200 (time between runs), WORKERS=4
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

const SEQ = Buffer.from('{"v":1,"seq":');

// Reads (t_us) of every event in a frame without parsing the JSON: each event starts with its
// envelope {"v":1,"seq":N,"t_us":T,...}.
function tusOf(buf, out, now) {
  let i = 0;
  while ((i = buf.indexOf(SEQ, i)) >= 0) {
    i += SEQ.length;
    while (buf[i] >= 48 && buf[i] <= 57) i++;
    i += 8; // ,"t_us":
    let t = 0;
    while (buf[i] >= 48 && buf[i] <= 57) t = t * 10 + (buf[i++] - 48);
    out.push(t, now);
  }
}

if (!isMainThread) {
  const { port, count } = workerData;
  const arrivals = [];
  const socks = [];
  for (let k = 0; k < count; k++) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/events`, 'tlstrace-v1');
    ws.on('message', (d) => tusOf(d, arrivals, performance.timeOrigin + performance.now()));
    socks.push(new Promise((r) => ws.on('open', () => r(ws))));
  }
  const opened = await Promise.all(socks);
  parentPort.postMessage({ ready: true });
  parentPort.on('message', (m) => {
    if (m.done) {
      for (const ws of opened) ws.close();
      parentPort.postMessage({ arrivals });
    }
  });
} else {
  const bin = process.env.TLSTRACE_BIN;
  if (!bin) {
    console.error('set TLSTRACE_BIN to the tlstrace executable');
    process.exit(2);
  }
  const nViewers = Number(process.argv[2] ?? 50);
  const nRuns = Number(process.argv[3] ?? 20);
  const gapMs = Number(process.env.GAP_MS ?? 200);
  const nWorkers = Math.min(Number(process.env.WORKERS ?? 4), nViewers);
  const history = 4 << 20;

  const web = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-bench-web-'));
  fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>bench</title>\n');
  const server = spawn(bin, ['ui', '--listen', '127.0.0.1:0', '--web', web, '--quiet', '--history-bytes', String(history)],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) => {
    let buf = '';
    server.stdout.on('data', (d) => { buf += d; const m = buf.match(/:(\d+)\/ /); if (m) resolve(Number(m[1])); });
  });
  const rss = () => Number(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);
  const open = (proto) => new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/events`, proto);
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });

  // Phase 1: latency.
  const workers = [];
  for (let w = 0; w < nWorkers; w++) {
    const count = Math.floor(nViewers / nWorkers) + (w < nViewers % nWorkers ? 1 : 0);
    const worker = new Worker(new URL(import.meta.url), { workerData: { port, count } });
    workers.push({ worker, ready: new Promise((r) => worker.once('message', r)) });
  }
  await Promise.all(workers.map((w) => w.ready));
  // Runs are asked for by a few control connections in turn (each is rate-limited like a page).
  const controls = await Promise.all([0, 1, 2, 3, 4].map(() => open('tlstrace-v1')));
  const rssBefore = rss();
  const scenarios = [['mutual', '1.3'], ['basic', '1.3'], ['mutual', '1.2'], ['basic', '1.2']];
  for (let r = 0; r < nRuns; r++) {
    const [scenario, tls] = scenarios[r % scenarios.length];
    controls[r % controls.length].send(JSON.stringify({ cmd: 'run', scenario, tls }));
    await new Promise((res) => setTimeout(res, gapMs));
  }
  await new Promise((res) => setTimeout(res, 1000));
  const arrivals = [];
  for (const { worker } of workers) {
    const got = new Promise((r) => worker.once('message', r));
    worker.postMessage({ done: true });
    const { arrivals: a } = await got;
    for (let i = 0; i < a.length; i += 2) arrivals.push([a[i], a[i + 1]]);
    await worker.terminate();
  }
  for (const c of controls) c.close();
  let offset = Infinity;
  for (const [tus, t] of arrivals) offset = Math.min(offset, t - tus / 1000);
  const lat = arrivals.map(([tus, t]) => t - tus / 1000 - offset).sort((a, b) => a - b);
  const pct = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  console.log(`${nViewers} viewers (${nWorkers} worker threads), ${nRuns} runs of mutual/basic TLS 1.3/1.2 by the server's runner, one every ${gapMs} ms`);
  console.log(`delivered ${arrivals.length} event copies (${(arrivals.length / nViewers).toFixed(0)} events x ${nViewers} viewers)`);
  console.log(`emission -> arrival at every viewer: p50 ${pct(0.5).toFixed(2)} ms, p99 ${pct(0.99).toFixed(2)} ms, max ${lat.at(-1).toFixed(2)} ms (target p99 <= 20 ms)`);

  // Phase 2: one stalled viewer while 20x the history budget streams past.
  const stalled = await open('tlstrace-v1');
  stalled._socket.pause();
  const producer = await open('tlstrace-publish-v1');
  const trace = spawnSync(bin, ['demo', '--scenario', 'mutual'], { encoding: 'utf8' }).stdout
    .split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const cert = trace.find((e) => e.type === 'message' && e.hs_type === 'certificate');
  const bigLen = JSON.stringify({ cmd: 'publish', event: cert }).length;
  let sent = 0;
  const samples = [];
  for (let i = 0; sent < 20 * history; i++) {
    producer.send(JSON.stringify({ cmd: 'publish', event: { ...cert, session: `flood-${Math.floor(i / 50)}`, seq: i + 1 } }));
    sent += bigLen;
    if (i % 2000 === 1999) { await new Promise((res) => setTimeout(res, 50)); samples.push(rss()); }
  }
  await new Promise((res) => setTimeout(res, 500));
  samples.push(rss());
  console.log(`one stalled viewer, ${(sent / 1048576).toFixed(1)} MiB published (history budget ${(history / 1048576).toFixed(0)} MiB):`
    + ` server RSS ${(rssBefore / 1024).toFixed(1)} MiB before, ${(Math.max(...samples) / 1024).toFixed(1)} MiB peak,`
    + ` ${(samples.at(-1) / 1024).toFixed(1)} MiB at the end`);
  stalled.terminate();
  producer.close();
  server.kill('SIGINT');
  fs.rmSync(web, { recursive: true, force: true });
}
