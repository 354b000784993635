// Performance check (not a test): builds the page's model for a 200-session trace and prints how
// long that takes, and how long one step to the next message takes.
//
//   TLSTRACE_BIN=build/tlstrace node tests/web/bench-render.mjs [sessions]
//
// The trace is `tlstrace demo --all` run as often as needed, concatenated, with seq renumbered
// 1, 2, 3 … and each run's session ids made unique. Without TLSTRACE_BIN it repeats the traces of
// schema/examples/ instead.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseJsonl, buildModel } from '../../web/js/model.js';
import { buildDiagram } from '../../web/js/diagram.js';
import { createPlayback, itemPhase } from '../../web/js/playback.js';
import { buildNegotiation } from '../../web/js/negotiation.js';
import { buildChains } from '../../web/js/chain.js';
import { diagramSvg } from '../../web/js/view/diagram-svg.js';
import { detailsView } from '../../web/js/view/details.js';
import { EXAMPLES } from './helpers.mjs';

const want = Number(process.argv[2]) || 200;

function oneRun() {
  const bin = process.env.TLSTRACE_BIN;
  if (!bin) {
    return fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.jsonl')).sort()
      .map((f) => fs.readFileSync(path.join(EXAMPLES, f), 'utf8')).join('');
  }
  try {
    return execFileSync(bin, ['demo', '--all'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    if (err.status === 1 && err.stdout) return err.stdout; // some scenarios fail on purpose
    throw err;
  }
}

// Build the big trace as text, the way the page receives it.
const lines = [];
let seq = 0;
let sessions = 0;
for (let run = 1; sessions < want; run++) {
  const evs = oneRun().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const ids = [...new Set(evs.map((e) => e.session))];
  const keep = new Set(ids.slice(0, want - sessions));
  sessions += keep.size;
  for (const e of evs) {
    if (!keep.has(e.session)) continue;
    lines.push(JSON.stringify({ ...e, seq: ++seq, session: `${e.session}~run${run}` }));
  }
}
const text = lines.join('\n') + '\n';

const time = (fn) => {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t0) / 1e6];
};

const [parsed, tParse] = time(() => parseJsonl(text, 'bench'));
if (parsed.error || parsed.warnings.length) throw new Error(parsed.error || parsed.warnings[0].message);
const [model, tModel] = time(() => buildModel(parsed.events));
const big = model.sessions.reduce((a, b) => (b.items.length > a.items.length ? b : a));
const [, tAllDiagrams] = time(() => model.sessions.map((s) => buildDiagram(s)));
const [, tOneSession] = time(() => {
  const d = buildDiagram(big);
  diagramSvg(d);
  buildNegotiation(big);
  buildChains(big);
  return d;
});

// One step: cursor to the next message, the phases of every arrow, the details of the new message.
// Two passes over the session: the first includes the JIT warming up, the second does not.
function stepThrough() {
  const pb = createPlayback(big).toStart();
  const steps = [];
  for (;;) {
    const before = pb.index;
    const [, t] = time(() => {
      const cur = pb.stepMessage(1).current();
      for (const it of big.items) itemPhase(it, cur.seq, cur.item);
      if (cur.item !== null) detailsView(big, big.items[cur.item]);
    });
    if (pb.index === before) break;
    steps.push(t);
  }
  return steps;
}
const cold = stepThrough();
const warm = stepThrough().sort((a, b) => a - b);
const median = warm[warm.length >> 1];
const worst = warm[warm.length - 1];
const first = cold[0];

const f = (x) => `${x.toFixed(1)} ms`;
console.log(`trace: ${model.sessions.length} sessions, ${parsed.events.length} events, ${(text.length / 1048576).toFixed(1)} MiB (${process.env.TLSTRACE_BIN ? 'demo --all runs' : 'schema/examples, repeated'})`);
console.log(`parse JSON Lines:                   ${f(tParse)}`);
console.log(`build the model (all sessions):     ${f(tModel)}`);
console.log(`build every session's diagram:      ${f(tAllDiagrams)}`);
console.log(`open one session (${big.title}, ${big.items.length} arrows): diagram + SVG tree + negotiation + chains ${f(tOneSession)}`);
console.log(`step to the next message (cursor + arrow phases + details view, no DOM): median ${f(median)}, worst ${f(worst)} over ${warm.length} steps; the very first step (cold) ${f(first)}`);
