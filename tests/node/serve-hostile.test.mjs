// `tlstrace serve` against hostile clients, all at once: random bytes, a record header that
// promises more than it sends, a malformed ClientHello, silence, a trickle of one byte at a time,
// an immediate hang-up, a client that never reads, a stream of warning alerts. Each such session
// ends with its cause; a real client (curl) served at the same time still succeeds; the server
// stops cleanly on SIGINT and its trace file is complete and valid. Needs TLSTRACE_BIN; run under the ASan/UBSan build by scripts/test.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { needAll, tlstraceBin } from './tools.mjs';

const bin = tlstraceBin();
const { curl: CURL, openssl: OPENSSL, python3: PYTHON } = needAll({
  curl: 'a real client served next to the hostile ones', openssl: 'an idle real client',
  python3: 'a TLS client that never reads' });

// Opens a connection, runs `act(socket)`, resolves when the server closes it (or after 10 s).
function client(port, act) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    const t0 = Date.now();
    let done = false;
    const end = (how) => { if (!done) { done = true; clearInterval(s.trickle); clearImmediate(s.pump); resolve({ how, ms: Date.now() - t0 }); } };
    s.on('error', () => end('error'));
    s.on('close', () => end('closed'));
    s.on('data', () => {});
    s.setTimeout(10000, () => { s.destroy(); end('client timeout'); });
    s.on('connect', () => act(s));
  });
}

// The kernel's view of the loopback TCP connection from localPort to remotePort (/proc/net/tcp):
// bytes sent and not yet acknowledged (tx), received and not yet read by the program (rx); null
// when there is no such connection.
function tcpQueues(localPort, remotePort) {
  for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const lp = parseInt(f[1].split(':')[1], 16), rp = parseInt(f[2].split(':')[1], 16);
    if (lp !== localPort || rp !== remotePort) continue;
    const [tx, rx] = f[4].split(':').map((h) => parseInt(h, 16));
    return { tx, rx };
  }
  return null;
}

// A PKI in a fresh directory and `tlstrace serve` on a free port with its trace in dir/trace.jsonl.
// Resolves once it listens: { dir, f (a PKI file's path), out, serve, port, exited, stderr() }.
async function startServe(prefix, extra) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  assert.equal(spawnSync(bin, ['pki', path.join(dir, 'pki')]).status, 0);
  const f = (n) => path.join(dir, 'pki', n);
  const out = path.join(dir, 'trace.jsonl');
  const serve = spawn(bin, ['serve', '127.0.0.1:0', '--cert', f('server.crt'), '--key', f('server.key'),
    ...extra, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const port = await new Promise((resolve, reject) => {
    serve.stderr.on('data', (d) => { stderr += d; const m = stderr.match(/listening on 127\.0\.0\.1:(\d+)/); if (m) resolve(Number(m[1])); });
    serve.on('exit', (c) => reject(new Error(`serve exited with ${c}: ${stderr}`)));
  });
  const exited = new Promise((resolve) => serve.on('exit', (code) => resolve(code)));
  return { dir, f, out, serve, port, exited, stderr: () => stderr };
}

test('serve survives hostile clients and keeps serving real ones', { timeout: 120000 }, async () => {
  const { dir, f, out, serve, port, exited, stderr } = await startServe('tt-hostile-', ['--timeout', '1', '--max-clients', '16']);

  const hostile = [];
  for (let i = 0; i < 12; i++) hostile.push(['random', (s) => s.write(crypto.randomBytes(1 + crypto.randomInt(4000)))]);
  hostile.push(['promises more', (s) => s.end(Buffer.from([0x16, 0x03, 0x01, 0x40, 0x00, 1, 2, 3]))]);
  hostile.push(['oversized record', (s) => s.write(Buffer.from([0x16, 0x03, 0x03, 0xff, 0xff]))]);
  // A handshake record holding a ClientHello whose length runs past the record.
  hostile.push(['malformed hello', (s) => s.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x08, 0x01, 0xff, 0xff, 0xff, 0x03, 0x03, 0, 0]))]);
  hostile.push(['silent', () => {}]);
  hostile.push(['hang-up', (s) => s.destroy()]);
  hostile.push(['plain http', (s) => s.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n')]);
  // A ClientHello record of 69 bytes, one byte every 100 ms: 6.9 s in all, each byte well within
  // any per-read timeout, so only a deadline on the whole handshake (--timeout 1) can cut it.
  const TRICKLE_MS = 100;
  const trickleHello = Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x00, 0x40, 0x01, 0x00, 0x00, 0x3c, 0x03, 0x03]),
    Buffer.alloc(58)]);
  let trickled = 0;
  hostile.push(['trickle', (s) => {
    s.trickle = setInterval(() => {
      if (trickled < trickleHello.length && !s.destroyed) s.write(trickleHello.subarray(trickled, ++trickled));
    }, TRICKLE_MS);
  }]);

  const curl = () => new Promise((resolve) => {
    const p = spawn(CURL, ['-sS', '--max-time', '20', '--cacert', f('root-ca.crt'), `https://localhost:${port}/`]);
    let body = '';
    p.stdout.on('data', (d) => { body += d; });
    p.on('exit', (code) => resolve({ code, body }));
  });
  const [results, real1, real2] = await Promise.all([
    Promise.all(hostile.map(([, act]) => client(port, act))), curl(), curl()]);
  for (const r of [real1, real2]) {
    assert.equal(r.code, 0);
    assert.match(r.body, /traced as session serve-\d+/);
  }
  const trickle = results[hostile.findIndex(([n]) => n === 'trickle')];
  assert.equal(trickle.how, 'closed', 'the server hung up on the trickle');
  // Cut by the deadline, long before the trickle's end (a per-read timeout would have let all of
  // it through, 6.9 s, and then waited for more).
  assert.ok(trickled < trickleHello.length, `the whole trickle got through (${trickled} bytes in ${trickle.ms} ms)`);
  assert.ok(trickle.ms < 3500, `a trickle held its slot ${trickle.ms} ms (timeout 1 s for the whole handshake)`);

  serve.kill('SIGINT');
  const code = await exited;
  assert.equal(code, 1, `some handshakes failed, so exit 1 (stderr: ${stderr()})`);
  assert.match(stderr(), new RegExp(`${hostile.length + 2} connection\\(s\\): 2 ok, ${hostile.length} failed`));

  const v = spawnSync(bin, ['validate', out], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stdout + v.stderr);
  const events = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  events.forEach((e, i) => assert.equal(e.seq, i + 1));
  const sessions = new Map();
  for (const e of events) {
    if (!sessions.has(e.session)) sessions.set(e.session, []);
    sessions.get(e.session).push(e);
  }
  assert.equal(sessions.size, hostile.length + 2);
  const causes = [];
  for (const [name, evs] of sessions) {
    assert.equal(evs[0].type, 'session_start', name);
    assert.equal(evs.at(-1).type, 'session_end', name);
    const failed = evs.find((e) => e.type === 'handshake_failed');
    if (failed) causes.push(failed.cause);
    else assert.ok(evs.find((e) => e.type === 'handshake_done'), name);
  }
  // Every hostile client's session says why it failed, in words the schema knows.
  assert.equal(causes.length, hostile.length);
  for (const c of ['not_tls', 'timeout', 'peer_closed']) assert.ok(causes.includes(c), `${c} in ${causes}`);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('Ctrl-C ends idle connections cleanly at once, not after their timeout', { timeout: 60000 }, async () => {
  const { dir, f, out, serve, port, exited, stderr } = await startServe('tt-stop-', ['--timeout', '30']);
  // A class's idle client: connected, handshake done, typing nothing (stdin stays open).
  const idle = spawn(OPENSSL, ['s_client', '-connect', `127.0.0.1:${port}`, '-CAfile', f('root-ca.crt'), '-verify_return_error'],
    { stdio: ['pipe', 'pipe', 'pipe'] });
  await new Promise((resolve) => {
    let o = '';
    idle.stdout.on('data', (d) => { o += d; if (/Verify return code: 0/.test(o)) resolve(); });
  });
  const t0 = Date.now();
  serve.kill('SIGINT');
  const code = await exited;
  const ms = Date.now() - t0;
  idle.kill();
  assert.equal(code, 0, stderr());
  assert.ok(ms < 10000, `serve took ${ms} ms to stop with an idle connection (its timeout is 30 s)`);
  const events = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const end = events.find((e) => e.type === 'session_end');
  assert.deepEqual([end.outcome, end.close], ['ok', 'close_notify']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a client that never reads what serve echoes cannot hold its worker, nor keep Ctrl-C waiting', { timeout: 60000 }, async (t) => {
  const { dir, f, out, serve, port, exited, stderr } = await startServe('tt-noread-', ['--timeout', '30']);
  t.after(() => serve.kill('SIGKILL')); // whatever fails below, nothing is left running
  // A client that shrinks its receive buffer (as anyone may), sends 2.2 MB and never reads:
  // serve's echo fills the connection and its send waits for room that never comes.
  const py = [
    'import socket, ssl, sys, time',
    's = socket.socket()',
    's.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)',
    's.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 536)',
    's.connect(("127.0.0.1", int(sys.argv[1])))',
    'c = ssl.create_default_context(cafile=sys.argv[2]).wrap_socket(s, server_hostname="localhost")',
    'print("handshake", c.getsockname()[1], flush=True)',
    'c.sendall(b"a" * 2200000)',
    'time.sleep(60)',
  ].join('\n');
  const c = spawn(PYTHON, ['-c', py, String(port), f('root-ca.crt')], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => c.kill('SIGKILL'));
  let said = '';
  const clientPort = await new Promise((resolve, reject) => {
    c.stdout.on('data', (d) => {
      said += d;
      const m = /handshake (\d+)\n/.exec(said);
      if (m) resolve(Number(m[1]));
    });
    c.on('exit', (code) => reject(new Error(`the client exited (${code}) before its handshake: ${said}`)));
  });
  // serve is stuck writing to it when its side of the connection holds echo bytes the client never
  // acknowledges and client bytes serve does not read (it is waiting for room to write), and
  // nothing moves: the same queues in 5 looks 100 ms apart.
  let last = '', same = 0, looks = 0;
  for (; same < 5; looks++) {
    assert.ok(looks < 300, `serve never got stuck writing (its queues: ${last})`);
    await new Promise((r) => setTimeout(r, 100));
    const q = tcpQueues(port, clientPort);
    const now = q ? `tx ${q.tx} rx ${q.rx}` : 'no connection';
    same = q && q.tx > 0 && q.rx > 0 && now === last ? same + 1 : 0;
    last = now;
  }
  const t0 = Date.now();
  serve.kill('SIGINT');
  const stopped = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 15000))]);
  const ms = Date.now() - t0;
  if (stopped === 'still running') serve.kill('SIGKILL');
  c.kill();
  assert.notEqual(stopped, 'still running', `serve did not stop within 15 s of Ctrl-C (${stderr()})`);
  assert.ok(ms < 10000, `serve took ${ms} ms to stop`);
  const events = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(events.some((e) => e.type === 'handshake_done'), 'the handshake was traced');
  assert.ok(events.some((e) => e.type === 'session_end'), 'and the session ended');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a stream of warning alerts cannot stretch the handshake past --timeout', { timeout: 60000 }, async () => {
  // Mbed TLS skips warning alerts during a handshake, so this stream never lets the handshake
  // move on or fail; only the deadline ends it. 100,000 alerts are there at once and more keep
  // coming, so that bytes are always waiting: a deadline that still reads whatever has arrived
  // is never reached.
  const { dir, out, port, exited } = await startServe('tt-alerts-', ['--timeout', '1', '--connections', '1']);
  const alert = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x5a]); // warning, user_canceled
  const r = await client(port, (s) => {
    s.write(Buffer.concat(Array(100000).fill(alert)));
    const pump = () => {
      if (s.destroyed) return;
      if (s.writableLength < 65536) s.write(Buffer.concat(Array(64).fill(alert)));
      s.pump = setImmediate(pump);
    };
    pump();
  });
  // Closed or reset (serve closes with our unread alerts in its buffer): either way, it hung up.
  assert.notEqual(r.how, 'client timeout', `serve did not hang up within 10 s`);
  assert.ok(r.ms < 4000, `the handshake ran ${r.ms} ms against a 1 s --timeout`);
  assert.equal(await exited, 1);
  // The trace is large (every alert is in it): its end holds the outcome.
  const fd = fs.openSync(out, 'r');
  const size = fs.fstatSync(fd).size;
  const tail = Buffer.alloc(Math.min(size, 16384));
  fs.readSync(fd, tail, 0, tail.length, size - tail.length);
  fs.closeSync(fd);
  const failed = tail.toString().split('\n').filter((l) => l.includes('"handshake_failed"')).map((l) => JSON.parse(l))[0];
  assert.ok(failed, 'the handshake failed');
  assert.equal(failed.cause, 'timeout', JSON.stringify(failed).slice(0, 300));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('out of file descriptors, serve waits instead of spinning', { timeout: 60000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-emfile-'));
  assert.equal(spawnSync(bin, ['pki', path.join(dir, 'pki')]).status, 0);
  const f = (n) => path.join(dir, 'pki', n);
  // 16 descriptors: a few connections use them all, and the rest wait in the listen queue.
  const serve = spawn('sh', ['-c', 'ulimit -n 16 && exec "$0" "$@"', bin, 'serve', '127.0.0.1:0', '--cert', f('server.crt'),
    '--key', f('server.key'), '--timeout', '20'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const port = await new Promise((resolve) => serve.stderr.on('data', (d) => {
    err += d; const m = err.match(/listening on 127\.0\.0\.1:(\d+)/); if (m) resolve(Number(m[1]));
  }));
  const socks = [];
  for (let i = 0; i < 20; i++) socks.push(net.connect(port, '127.0.0.1').on('error', () => {}));
  // Wait until serve really is out of descriptors: every number below its limit of 16 is open
  // (the other clients wait in the listen queue).
  const limit = /^Max open files\s+(\d+)/m.exec(fs.readFileSync(`/proc/${serve.pid}/limits`, 'utf8'));
  assert.equal(Number(limit?.[1]), 16, 'the descriptor limit is set');
  const free = () => {
    const open = new Set(fs.readdirSync(`/proc/${serve.pid}/fd`).map(Number));
    return Array.from({ length: 16 }, (_, fd) => fd).filter((fd) => !open.has(fd));
  };
  for (let i = 0; free().length > 0; i++) {
    assert.ok(i < 200, `serve still has descriptors ${free()} free with 20 clients waiting`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const ticks = () => fs.readFileSync(`/proc/${serve.pid}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).map(Number).reduce((a, b) => a + b);
  const t0 = ticks();
  await new Promise((r) => setTimeout(r, 2000)); // the CPU time serve uses in 2 s, out of descriptors
  const used = ticks() - t0; // in 1/100 s
  assert.deepEqual(free(), [], 'serve was out of descriptors all along');
  for (const s of socks) s.destroy();
  serve.kill('SIGINT');
  await new Promise((r) => serve.on('exit', r));
  assert.ok(used < 50, `serve used ${used / 100} s of CPU in 2 s while out of descriptors`);
  fs.rmSync(dir, { recursive: true, force: true });
});
