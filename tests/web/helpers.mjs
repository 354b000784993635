// Shared helpers for the page's Node tests: real traces from schema/examples/ and fixtures/traces/,
// and every scenario generated at test time by the tlstrace binary in TLSTRACE_BIN (ctest sets
// it; without it the tests that need it fail, naming it).

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseJsonl, buildModel } from '../../web/js/model.js';
import { tlstraceBin } from '../node/tools.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const EXAMPLES = path.join(ROOT, 'schema', 'examples');
export const WEB = path.join(ROOT, 'web');

/** Events of schema/examples/<name>.jsonl (throws on any skipped line: examples must be clean). */
export function exampleEvents(name) {
  const file = path.join(EXAMPLES, `${name}.jsonl`);
  const { events, warnings, error } = parseJsonl(fs.readFileSync(file, 'utf8'), file);
  if (error || warnings.length) throw new Error(`${file}: ${error || warnings[0].message}`);
  return events;
}

export function exampleNames() {
  return fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.jsonl')).map((f) => f.replace(/\.jsonl$/, '')).sort();
}

/** The model's session with this id from a list of events. */
export function session(events, id) {
  const m = buildModel(events);
  const s = m.sessions.find((x) => x.id === id);
  if (!s) throw new Error(`no session ${id} (have ${m.sessions.map((x) => x.id).join(', ')})`);
  return s;
}

let cache = null;
/** Events of `$TLSTRACE_BIN demo --all` (exit code 1 is expected: some scenarios fail on purpose). */
export function generatedEvents() {
  if (cache) return cache;
  const bin = tlstraceBin();
  let out;
  try {
    out = execFileSync(bin, ['demo', '--all'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    if (err.status === 1 && typeof err.stdout === 'string' && err.stdout.length) out = err.stdout;
    else throw err;
  }
  const { events, warnings, error } = parseJsonl(out, 'demo --all');
  if (error || warnings.length) throw new Error(`demo --all: ${error || warnings[0].message}`);
  cache = events;
  return events;
}
