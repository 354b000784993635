// The page reads a trace file as `tlstrace validate` does (web/js/tracecheck.js, jsonschema.js) and
// says what is wrong with it, line by line: checked against the schema itself, ajv, every trace
// vector of tests/vectors/traces and (TLSTRACE_BIN, required) the C validator on mutated real traces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ROOT } from './helpers.mjs';
import { tlstraceBin } from '../node/tools.mjs';
import { checkTrace, schemaProblem, strictJsonProblem } from '../../web/js/tracecheck.js';
import { compileSchema } from '../../web/js/jsonschema.js';
import { SCHEMA_V1 } from '../../web/js/schema-v1.js';
import { parseJsonl } from '../../web/js/model.js';
import { problemsView } from '../../web/js/view/problems.js';
import { decodeUtf8 } from '../../web/js/ui/files.js';
import { textOf, findAll } from '../../web/js/vdom.js';

const SCHEMA_FILE = path.join(ROOT, 'schema', 'event.schema.json');
const VECTORS = path.join(ROOT, 'tests', 'vectors', 'traces');
const FIXTURES = path.join(ROOT, 'fixtures', 'traces');
const require = createRequire(path.join(ROOT, 'tests', 'node', 'package.json'));
const Ajv2020 = require('ajv/dist/2020.js');

const fixtureLines = (name) => fs.readFileSync(path.join(FIXTURES, name), 'utf8').split('\n').filter(Boolean);

// A small deterministic generator (xorshift32), so that a failure can be replayed.
function rng(seed) {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x % n;
  };
}

test('the page checks against schema/event.schema.json itself (web/js/schema-v1.js is up to date)', () => {
  const { $schema, $id, ...schema } = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
  assert.ok($schema && $id);
  assert.deepEqual(SCHEMA_V1, schema, 'web/js/schema-v1.js differs from the schema: run node scripts/web-schema.mjs');
});

test('jsonschema.js refuses a keyword it does not know instead of passing it', () => {
  assert.throws(() => compileSchema({ type: 'object', properties: { a: { multipleOf: 2 } } }), /multipleOf/);
  assert.throws(() => compileSchema({ $ref: '#/$defs/nope' })(1), /cannot resolve/);
});

// Every event of every fixture, and each mutated in one place: the page's schema check and ajv's
// verdicts agree on all of them.
test('jsonschema.js agrees with ajv on real events and on thousands of mutations of them', () => {
  const ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false });
  const ajvCheck = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')));
  const pageCheck = compileSchema(SCHEMA_V1);
  const events = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl')).flatMap((f) => fixtureLines(f).map((l) => JSON.parse(l)));
  const next = rng(9);
  const odd = [null, true, 0, -1, 1.5, 256, 18433, '', 'x', 'ABCD', 'abc', [], {}, [1, 2, 3], { id: 1, name: null }, 'library defaults'];
  // Every place in an event: [parent, key] pairs, depth first.
  const places = (o, out = []) => {
    if (o && typeof o === 'object') for (const k of Object.keys(o)) { out.push([o, k]); places(o[k], out); }
    return out;
  };
  let disagree = 0, invalid = 0, checked = 0;
  for (const base of events) {
    for (let m = 0; m < 12; m++) {
      const e = structuredClone(base);
      if (m > 0) {
        const all = places(e);
        const [parent, key] = all[next(all.length)];
        if (next(3) === 0 && !Array.isArray(parent)) delete parent[key];
        else parent[key] = structuredClone(odd[next(odd.length)]);
      }
      const a = ajvCheck(e);
      const p = pageCheck(e) === null;
      checked++;
      if (!a) invalid++;
      if (a !== p) {
        disagree++;
        assert.fail(`ajv says ${a ? 'valid' : 'invalid'}, the page ${p ? 'valid' : 'invalid'} (${JSON.stringify(pageCheck(e))}): ${JSON.stringify(e).slice(0, 400)}`);
      }
    }
  }
  assert.equal(disagree, 0);
  assert.ok(checked > 10000 && invalid > checked / 4, `${checked} events, ${invalid} invalid: the mutations must reach both verdicts`);
});

// tests/vectors/traces/*/NAME.expected is what tlstrace validate prints: the page finds a problem
// exactly where validate does (its first line), and none in a valid trace.
test('every trace vector: the page finds what validate finds, on the same line', () => {
  let n = 0;
  for (const dir of ['valid', 'invalid', 'stricter']) {
    for (const f of fs.readdirSync(path.join(VECTORS, dir)).filter((x) => x.endsWith('.jsonl'))) {
      const bytes = fs.readFileSync(path.join(VECTORS, dir, f));
      const { text, invalidUtf8 } = decodeUtf8(bytes);
      const r = checkTrace(text, f, { invalidUtf8 });
      const expected = fs.readFileSync(path.join(VECTORS, dir, f.replace(/\.jsonl$/, '.expected')), 'utf8');
      if (dir === 'valid') {
        assert.deepEqual(r.problems, [], `${dir}/${f}`);
      } else {
        const m = /^[^:\n]+:(\d+): /m.exec(expected);
        if (!m) { // "no events (the file is empty)": no line to name
          assert.match(r.error, /the file is empty/, `${dir}/${f}`);
          n++;
          continue;
        }
        assert.ok(r.problems.length > 0, `${dir}/${f}: the page saw nothing wrong; validate says ${expected}`);
        assert.ok(r.problems.some((p) => p.line === Number(m[1])),
          `${dir}/${f}: validate reports line ${m[1]}, the page lines ${r.problems.map((p) => p.line)}: ${r.problems.map((p) => p.message).join(' | ')}`);
        for (const p of r.problems) assert.match(p.message, /^(Line \d+|The file|The trace ends)/, 'each problem says where');
      }
      n++;
    }
  }
  assert.ok(n >= 60, `${n} vectors`);
});

test('issue 9: a seq gap is reported with its line, in words', () => {
  const lines = fixtureLines('mutual-tls1.3.jsonl');
  const r = checkTrace(lines.filter((_, i) => i !== 9 && i !== 10).join('\n') + '\n', 'gap.jsonl');
  assert.equal(r.error, null);
  assert.equal(r.events.length, lines.length - 2, 'every event that is there is shown');
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0].line, 10);
  assert.equal(r.problems[0].skipped, false);
  assert.match(r.problems[0].message, /^Line 10: the event numbers jump from 9 to 12: 2 events are missing before this line/);
});

test('issue 9: a line nested 100,000 levels deep is no handshake', () => {
  const deep = `{"v":1,"seq":1,"t_us":0,"session":"s","side":"client","type":"session_start","role":"client","source":"demo","config":{"versions":["TLS 1.3"],"cipher_suites":"library defaults","verify_peer":"required"},"library":{"mbedtls":"3.6.6","tlstrace":"0.1.0"},"x":${'['.repeat(100000)}${']'.repeat(100000)}}`;
  assert.doesNotThrow(() => JSON.parse(deep), 'JSON.parse reads it: the page must not rely on it');
  const r = checkTrace(deep + '\n', 'deep.jsonl');
  assert.equal(r.events.length, 0);
  assert.match(r.error, /^deep\.jsonl: no tlstrace events found; line 1: brackets nested more than 256 levels deep at column \d+; a tlstrace event never is/);
  assert.deepEqual(strictJsonProblem('[[1]]'), null);
  assert.match(strictJsonProblem('['.repeat(257) + ']'.repeat(257)).what, /more than 256/);
});

test('what JSON.parse reads but validate does not: each left out with its line and why', () => {
  const lines = fixtureLines('basic-tls1.2.jsonl');
  const k = lines.findIndex((l) => /"type":"message".*"label":"/.test(l));
  const n = k + 1;
  const cases = [
    [lines[k].replace('"label":"', '"label":"\\u0000'), /a \\u0000 \(a NUL character\)/],
    [lines[k].replace('"label":"', '"label":"\\ud800'), /half of a UTF-16 surrogate pair/],
    [lines[k].replace('"t_us":', '"t_us":' + '1'.repeat(64) + ',"x":'), /a number longer than 63 characters/],
    [lines[k].replace('"v":1', '"v":1.5'), /written for schema version 1\.5; this page reads version 1/],
    [lines[k].replace(/"seq":(\d+)/, '"seq":$1.5'), /"seq" should be a whole number, not \d+\.5/],
    ['', /it is empty/],
    ['{"v":1', /it is not JSON/],
    ['[1,2]', /it is an array, not an event/],
  ];
  for (const [line, re] of cases) {
    assert.notEqual(line, lines[k], 'the case changes the line');
    const r = checkTrace([...lines.slice(0, k), line, ...lines.slice(k + 1)].join('\n'), 'x.jsonl');
    const p = r.problems.find((q) => q.line === n);
    assert.ok(p && p.skipped, `line ${n} not left out for ${line.slice(0, 80)}: ${JSON.stringify(r.problems)}`);
    assert.match(p.message, new RegExp(`^Line ${n} was left out: `));
    assert.match(p.message, re);
  }
  // Not UTF-8: the bytes are replaced when decoded, and the line is named.
  const bytes = Buffer.concat([Buffer.from(lines.slice(0, k).join('\n') + '\n'), Buffer.from(lines[k].replace('"label":"', '"label":"\xff'), 'latin1'), Buffer.from('\n')]);
  const { text, invalidUtf8 } = decodeUtf8(bytes);
  assert.equal(invalidUtf8, true);
  assert.match(checkTrace(text, 'b.jsonl', { invalidUtf8 }).problems.find((p) => p.line === n).message, /not valid UTF-8/);
  // A byte order mark: named, and read past.
  const bom = checkTrace('\ufeff' + lines.join('\n'), 'bom.jsonl');
  assert.equal(bom.events.length, lines.length);
  assert.match(bom.problems[0].message, /byte order mark/);
});

test('events out of place are kept and named: before a start, after an end, never ended, repeated', () => {
  const lines = fixtureLines('basic-tls1.3.jsonl');
  const startClient = lines.findIndex((l) => /"side":"client","type":"session_start"/.test(l));
  const r = checkTrace(lines.filter((_, i) => i !== startClient).join('\n'), 'nostart.jsonl');
  assert.ok(r.problems.some((p) => /comes before its start \(session_start\): the beginning of this handshake is missing/.test(p.message)));
  assert.equal(r.problems.filter((p) => /comes before its start/.test(p.message)).length, 1, 'once per handshake');
  const cut = checkTrace(lines.slice(0, 20).join('\n') + '\n', 'cut.jsonl');
  assert.deepEqual(cut.problems.map((p) => p.line), [20, 20]);
  assert.match(cut.problems[0].message, /^The trace ends before handshake "basic-tls1\.3" \(client side, started at line 1\) does: it has no end/);
  const twice = checkTrace([...lines, lines[5]].join('\n'), 'twice.jsonl');
  assert.match(twice.problems.find((p) => p.line === lines.length + 1).message, /repeats event 6 of handshake "basic-tls1\.3" \(line 6\)/);
});

test('parseJsonl (model.js) reads as checkTrace does', () => {
  const lines = fixtureLines('basic-tls1.2.jsonl');
  const r = parseJsonl([lines[0], '{not json', ...lines.slice(1)].join('\r\n'), 'my.jsonl');
  assert.equal(r.events.length, lines.length);
  assert.deepEqual(r.warnings.map((w) => [w.source, w.line, w.skipped]), [['my.jsonl', 2, true]]);
  assert.match(parseJsonl('', 'empty.jsonl').error, /empty\.jsonl: the file is empty/);
  assert.match(parseJsonl('hello\nworld\n', 'notes.txt').error, /^notes\.txt: no tlstrace events found; line 1: it is not JSON .*\(and 1 more problem\)/);
  assert.match(parseJsonl(null, 'n').error, /not a text file/);
});

test('problemsView: every problem with its line; left-out lines marked', () => {
  assert.equal(problemsView([], 'f.jsonl'), null);
  const v = problemsView([
    { source: 'f.jsonl', line: 3, message: 'Line 3 was left out: it is not JSON.', skipped: true },
    { source: 'f.jsonl', line: 9, message: 'Line 9: the event numbers jump from 7 to 9: one event is missing.', skipped: false },
  ], 'f.jsonl');
  assert.match(textOf(v), /f\.jsonl is not a valid trace: 2 problems, 1 line left out/);
  const items = findAll(v, (n) => n.attrs && n.attrs['data-testid'] === 'problem');
  assert.deepEqual(items.map((n) => [n.attrs['data-line'], n.attrs['data-skipped']]), [['3', 'true'], ['9', 'false']]);
  assert.match(textOf(items[1]), /^Line 9: the event numbers jump/);
  // Text from a file stays text.
  assert.match(textOf(problemsView([{ line: 1, message: '<img src=x onerror=alert(1)>', skipped: true }], '<b>.jsonl')), /<img src=x/);
});

// The C validator and the page on the same files: real traces, each mutated in one place (a line
// removed, repeated, swapped, cut, nested, a field changed or removed). Same verdict on each.
test('the page and tlstrace validate agree on mutated real traces', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tt-tracecheck-'));
  const next = rng(2024);
  const base = fixtureLines('mutual-tls1.2.jsonl');
  const mutate = (lines) => {
    const l = lines.slice();
    const i = next(l.length);
    switch (next(10)) {
      case 0: l.splice(i, 1); break;
      case 1: l.splice(i, 0, l[i]); break;
      case 2: { const j = next(l.length); [l[i], l[j]] = [l[j], l[i]]; break; }
      case 3: l[i] = l[i].slice(0, next(l[i].length)); break;
      case 4: l[i] = l[i].replace(/\}$/, `,"deep":${'['.repeat(250 + next(12))}${']'.repeat(250)}}`); break;
      case 5: l[i] = l[i].replace(/"(\w+)":("[^"]*"|-?\d+|true|false|null)/, '"$1x":$2'); break;
      case 6: l[i] = l[i].replace(/:(\d+)([,}])/, (_, d, e) => `:${d}.5${e}`); break;
      case 7: l[i] = l[i].replace(/"hex":"([0-9a-f])/, '"hex":"X'); break;
      case 8: l.length = i + 1; break;
      default: l[i] = l[i].replace(/"session":"[^"]*"/, '"session":"other"'); break;
    }
    return l;
  };
  const files = [];
  for (let k = 0; k < 300; k++) {
    const f = path.join(dir, `m${k}.jsonl`);
    fs.writeFileSync(f, mutate(base).join('\n') + '\n');
    files.push(f);
  }
  const out = spawnSync(tlstraceBin(), ['validate', '--max-problems', '1', ...files], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout;
  let valid = 0;
  for (const f of files) {
    const summary = new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+ events, (.*)$`, 'm').exec(out);
    assert.ok(summary, `no verdict for ${f}`);
    const cValid = summary[1] === 'all valid';
    const page = checkTrace(fs.readFileSync(f, 'utf8'), path.basename(f));
    assert.equal(page.problems.length === 0, cValid, `${f}: validate says "${summary[1]}", the page ${JSON.stringify(page.problems.slice(0, 2))}`);
    valid += cValid;
  }
  assert.ok(valid > 10 && valid < 290, `${valid} of 300 valid: the mutations must reach both verdicts`);
  fs.rmSync(dir, { recursive: true });
});

test('schemaProblem: words for a student', () => {
  const msg = JSON.parse(fixtureLines('basic-tls1.3.jsonl').find((l) => /"type":"message"/.test(l)));
  assert.equal(schemaProblem(msg), null);
  const { hs_type: _, ...noHs } = msg;
  assert.equal(schemaProblem(noHs), 'in a "message" event, the field "hs_type" is missing');
  assert.match(schemaProblem({ ...msg, hex: 'ABCD' }), /"hex" should be bytes in lowercase hex/);
  assert.match(schemaProblem({ ...msg, type: 'teleport' }), /"type" is "teleport", which is none of/);
});
