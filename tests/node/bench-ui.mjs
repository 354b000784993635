// Benchmark of `tlstrace ui`'s event stream: 50 viewers on loopback, events published by a producer
// connection (as `--ui` does) from a real `demo --all` trace, one handshake's worth of events at a
// time. Prints the time from an event's emission (its send by the producer) to its arrival at every
// viewer, p50/p99/max, and the server's memory (VmRSS) with one stalled viewer while far more than
// its history budget streams past.
// usage: TLSTRACE_BIN=build/release/tlstrace node tests/node/bench-ui.mjs [viewers] [rounds]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

const bin = process.env.TLSTRACE_BIN;
if (!bin) {
  console.error('set TLSTRACE_BIN to the tlstrace executable');
  process.exit(2);
}
const nViewers = Number(process.argv[2] ?? 50);
const rounds = Number(process.argv[3] ?? 3);
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

const trace = spawnSync(bin, ['demo', '--all'], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout
  .split('\n').filter(Boolean).map((l) => JSON.parse(l));
const bySession = new Map();
for (const e of trace) { if (!bySession.has(e.session)) bySession.set(e.session, []); bySession.get(e.session).push(e); }

const open = (proto) => new Promise((resolve, reject) => {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/events`, proto);
  ws.on('open', () => resolve(ws));
  ws.on('error', reject);
});

const sentAt = new Map(); // key -> time
const latencies = [];
let expected = 0, arrived = 0;
const viewers = [];
for (let i = 0; i < nViewers; i++) {
  const v = await open('tlstrace-v1');
  v.on('message', (d) => {
    const t = performance.now();
    // The envelope leads every event message: read seq and session without parsing the rest, so
    // that 50 viewers in one Node process measure the server rather than JSON.parse.
    const head = d.toString('latin1', 0, 300);
    const mm = head.match(/^\{"kind":"event","event":\{"v":1,"seq":(\d+),"t_us":\d+,"session":"([^"]*)"/);
    if (!mm) return;
    const key = `${mm[2]}#${mm[1]}`;
    const s = sentAt.get(key);
    if (s !== undefined) { latencies.push(t - s); arrived++; }
  });
  viewers.push(v);
}
const producer = await open('tlstrace-publish-v1');

// Phase 1: latency with every viewer reading.
const rssBefore = rss();
let n = 0;
for (let r = 0; r < rounds; r++) {
  for (const [session, evs] of bySession) {
    for (const e of evs) {
      const ev = { ...e, session: `${session}-r${r}` };
      sentAt.set(`${ev.session}@p${nViewers + 1}#${ev.seq}`, performance.now());
      producer.send(JSON.stringify({ cmd: 'publish', event: ev }));
      n++;
    }
    expected += evs.length * nViewers;
    await new Promise((res) => setTimeout(res, 20)); // the next handshake
  }
}
for (let i = 0; i < 400 && arrived < expected; i++) await new Promise((res) => setTimeout(res, 25));
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(`${nViewers} viewers, ${n} events published in ${rounds * bySession.size} handshakes (one every 20 ms)`);
console.log(`delivered ${arrived} of ${expected} event copies`);
console.log(`emission -> arrival: p50 ${pct(0.5).toFixed(2)} ms, p99 ${pct(0.99).toFixed(2)} ms, max ${latencies.at(-1).toFixed(2)} ms (target p99 <= 20 ms)`);

// Phase 2: one stalled viewer while 20x the history budget streams past.
for (const v of viewers.slice(1)) v.close();
viewers[0]._socket.pause();
const big = JSON.stringify({ cmd: 'publish', event: trace.find((e) => e.type === 'message' && e.hs_type === 'certificate') });
const bigLen = big.length;
const target = 20 * history;
let sent = 0, i = 0;
const rssSamples = [];
while (sent < target) {
  const ev = JSON.parse(big).event;
  ev.session = `flood-${Math.floor(i / 50)}`;
  ev.seq = i + 1;
  producer.send(JSON.stringify({ cmd: 'publish', event: ev }));
  sent += bigLen;
  i++;
  if (i % 2000 === 0) { await new Promise((res) => setTimeout(res, 50)); rssSamples.push(rss()); }
}
await new Promise((res) => setTimeout(res, 500));
rssSamples.push(rss());
console.log(`one stalled viewer, ${(sent / 1048576).toFixed(1)} MiB published (history budget ${(history / 1048576).toFixed(0)} MiB):`
  + ` server RSS ${(rssBefore / 1024).toFixed(1)} MiB before, ${(Math.max(...rssSamples) / 1024).toFixed(1)} MiB peak,`
  + ` ${(rssSamples.at(-1) / 1024).toFixed(1)} MiB at the end`);
viewers[0].terminate();
producer.close();
server.kill('SIGINT');
