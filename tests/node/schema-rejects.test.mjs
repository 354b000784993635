// The ajv validator (validate-events.mjs) must reject each known-bad trace in tests/node/invalid/
// for its own reason, at its line, with exit code 1: a validator that cannot load, or that rejects
// for another reason, must not count as a rejection. Without this, schema_validates_every_event
// proves nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const script = path.join(here, 'validate-events.mjs');
const invalid = path.join(here, 'invalid');

// file → [line, what the validator must say is wrong there]
const WHY = {
  'bad-protection.jsonl': [2, 'message/protection must be equal to one of the allowed values'],
  'event-before-session-start.jsonl': [1, 'state for s/client before its session_start'],
  'secret-with-value.jsonl': [2, 'secret must NOT have additional properties {"additionalProperty":"value"}'],
  'seq-gap.jsonl': [2, 'seq 3, expected 2'],
  'unknown-cause.jsonl': [2, 'handshake_failed/cause must be equal to one of the allowed values'],
  'wrong-version.jsonl': [1, 'session_start/v must be equal to constant {"allowedValue":1}'],
};

const validate = (...files) => spawnSync(process.execPath, [script, ...files], { encoding: 'utf8' });

test('every invalid trace has its expected reason here, and every reason its file', () => {
  const files = fs.readdirSync(invalid).filter((f) => f.endsWith('.jsonl')).sort();
  assert.deepEqual(files, Object.keys(WHY).sort());
});

for (const [file, [line, why]] of Object.entries(WHY)) {
  test(`${file} is rejected: line ${line}: ${why}`, () => {
    const f = path.join(invalid, file);
    const r = validate(f);
    assert.equal(r.status, 1, `exit ${r.status}\n${r.stdout}${r.stderr}`);
    const problems = r.stdout.split('\n').filter((l) => l.startsWith(`${f}:`));
    assert.equal(problems.length, 1, r.stdout);
    assert.ok(problems[0].startsWith(`${f}:${line}: ${why}`), `got: ${problems[0]}\nwant: ${f}:${line}: ${why}`);
    assert.match(r.stdout, /: 1 invalid\n$/);
  });
}

test('the same validator accepts valid traces (it loads, and rejects only what is wrong)', () => {
  const r = validate(path.join(here, '..', '..', 'schema', 'examples'));
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /: all valid\n$/);
});
