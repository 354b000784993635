// Processes for the capture tests: start one with its output collected, wait for a line of it,
// for its end (killing it when it hangs), run one to completion; free loopback ports, and waiting
// until something accepts connections on one. Every process started is killed by stopAll().
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const procs = new Set();

/** Kills every process started here that is still running. */
export function stopAll() {
  for (const p of procs) p.kill('SIGKILL');
}

export function start(cmd, args, opts = {}) {
  const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], ...opts });
  procs.add(p);
  p.out = '';
  p.err = '';
  p.stdout.setEncoding('utf8').on('data', (d) => { p.out += d; p.emit('output'); });
  p.stderr.setEncoding('utf8').on('data', (d) => { p.err += d; p.emit('output'); });
  p.stdin.on('error', () => {});
  p.done = new Promise((resolve) => {
    p.on('error', (e) => { p.err += String(e); });
    p.on('close', (status, signal) => {
      procs.delete(p);
      resolve({ status, signal, stdout: p.out, stderr: p.err });
    });
  });
  return p;
}

export function waitOutput(p, re, what, ms = 30000) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn, v) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      p.off('output', check);
      fn(v);
    };
    const check = () => {
      const m = (p.out + '\n' + p.err).match(re);
      if (m) finish(resolve, m);
    };
    const timer = setTimeout(() => finish(reject, new Error(`${what}: no ${re} after ${ms} ms; stderr: ${p.err.slice(-600)}`)), ms);
    p.on('output', check);
    p.done.then(() => { check(); finish(reject, new Error(`${what} exited before printing ${re}: ${p.err.slice(-600)}`)); });
    check();
  });
}

export async function finished(p, what, ms = 60000) {
  let timer;
  const r = await Promise.race([p.done, new Promise((res) => { timer = setTimeout(res, ms, null); })]);
  clearTimeout(timer);
  if (r) return r;
  p.kill('SIGKILL');
  await p.done;
  assert.fail(`${what} did not exit within ${ms} ms; stderr: ${p.err.slice(-600)}`);
}

export async function run(cmd, args, { input = '', env, ms } = {}) {
  const p = start(cmd, args, env ? { env: { ...process.env, ...env } } : {});
  p.stdin.end(input);
  return finished(p, `${path.basename(cmd)} ${args.slice(0, 3).join(' ')}`, ms);
}

export async function freePort() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

export async function portOpen(port, host = '127.0.0.1', ms = 20000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, host, () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) assert.fail(`nothing accepts on ${host}:${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
