// Validates tlstrace traces (JSON Lines) against schema/event.schema.json with ajv (draft 2020-12),
// and checks what a schema cannot: seq contiguous from 1 in each file, sessions started before use.
// usage: node validate-events.mjs FILE_OR_DIR...   (directories: every *.jsonl inside)
// Exit 0 when every event of every file is valid, 1 otherwise, 2 on usage errors.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const schema = JSON.parse(fs.readFileSync(path.join(here, '..', '..', 'schema', 'event.schema.json'), 'utf8'));
// strict: unknown keywords and formats are errors; strictTypes is off because the per-type
// schemas (in $defs) rely on the root's "type": "object".
const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
const validate = ajv.compile(schema);

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: node validate-events.mjs FILE_OR_DIR...');
  process.exit(2);
}
const files = [];
for (const a of args) {
  if (!fs.existsSync(a)) {
    console.error(`${a}: no such file or directory`);
    process.exit(2);
  }
  if (fs.statSync(a).isDirectory()) {
    for (const f of fs.readdirSync(a).sort()) if (f.endsWith('.jsonl')) files.push(path.join(a, f));
  } else files.push(a);
}
if (files.length === 0) {
  console.error(`no .jsonl files in ${args.join(' ')}`);
  process.exit(2);
}

let events = 0, bad = 0;
const types = new Map();
for (const file of files) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  let expectSeq = 1;
  const started = new Set();
  lines.forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    let ev;
    try {
      ev = JSON.parse(line);
    } catch (e) {
      console.log(`${where}: not JSON: ${e.message}`);
      bad++;
      return;
    }
    events++;
    types.set(ev.type, (types.get(ev.type) ?? 0) + 1);
    if (!validate(ev)) {
      bad++;
      const specific = validate.errors.filter((e) => e.keyword !== 'if');
      for (const err of (specific.length ? specific : validate.errors).slice(0, 5))
        console.log(`${where}: ${ev.type ?? '?'}${err.instancePath} ${err.message} ${JSON.stringify(err.params)}`);
      return;
    }
    if (ev.seq !== expectSeq) {
      console.log(`${where}: seq ${ev.seq}, expected ${expectSeq}`);
      bad++;
    }
    expectSeq = ev.seq + 1;
    const key = `${ev.session}/${ev.side}`;
    if (ev.type === 'session_start') started.add(key);
    else if (!started.has(key)) {
      console.log(`${where}: ${ev.type} for ${key} before its session_start`);
      bad++;
    }
  });
}
const summary = [...types.entries()].sort().map(([t, n]) => `${t} ${n}`).join(', ');
console.log(`validated ${events} events in ${files.length} files (${summary}): ${bad === 0 ? 'all valid' : `${bad} invalid`}`);
process.exit(bad === 0 && events > 0 ? 0 : 1);
