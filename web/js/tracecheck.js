// Opening a trace file the way `tlstrace validate` reads it, and saying what is wrong with it, line
// by line, in words a student understands. Pure: no DOM, no I/O; runs in the browser and in Node.
//
// A line is left out when validate would reject it as an event: not JSON as strict as validate
// reads it (nested deeper than 256 levels, a \u0000, a lone surrogate, a number longer than 63
// characters, not UTF-8), or not an event of schema v1 (schema/event.schema.json, checked by
// jsonschema.js against the schema itself, SCHEMA_V1). An event in the wrong place (a seq gap, an
// event of a handshake before its start or after its end, a handshake never ended) is kept, so
// that the diagram shows what there is, and reported: the page then says the trace is incomplete.

import { compileSchema, describe } from './jsonschema.js';
import { SCHEMA_V1 } from './schema-v1.js';

export const MAX_LINE_BYTES = 1 << 20; // validate's limit of one line (TT_TRACE_MAX_LINE)
export const MAX_DEPTH = 256; // validate's deepest nesting (TT_JSON_MAX_DEPTH)
const MAX_NUMBER = 63; // cJSON reads at most 63 characters of a number

let schemaCheck = null;

/** What is wrong with one parsed event against schema v1, in words, or null. */
export function schemaProblem(e) {
  schemaCheck ??= compileSchema(SCHEMA_V1);
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return `it is ${describe(e)}, not an event (a JSON object)`;
  if (Object.hasOwn(e, 'v') && e.v !== 1) {
    return `it was written for schema version ${describe(e.v)}; this page reads version 1`;
  }
  const p = schemaCheck(e);
  if (!p) return null;
  const type = typeof e.type === 'string' && p.path.length ? `in a "${e.type}" event, ` : '';
  return type + p.message;
}

/** The bytes of s in UTF-8. */
function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
}

const hex4 = (s, i) => (/^[0-9a-fA-F]{4}$/.test(s.slice(i, i + 4)) ? parseInt(s.slice(i, i + 4), 16) : -1);

/**
 * What makes one line unreadable for validate although JSON.parse may read it, or null:
 * {at (0-based UTF-16 offset), what}. JSON.parse finds the rest.
 */
export function strictJsonProblem(s) {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) { // a string
      for (i++; i < s.length; i++) {
        const d = s.charCodeAt(i);
        if (d === 0x22) break;
        if (d === 0) return { at: i, what: 'binary data (a NUL byte)' };
        if (d !== 0x5c) continue;
        if (s.charCodeAt(i + 1) !== 0x75) { i++; continue; } // \n, \", ...
        const cp = hex4(s, i + 2);
        if (cp === 0) return { at: i, what: 'a \\u0000 (a NUL character) in a string' };
        if (cp >= 0xdc00 && cp <= 0xdfff) return { at: i, what: 'half of a UTF-16 surrogate pair (\\u' + s.slice(i + 2, i + 6) + ') in a string' };
        if (cp >= 0xd800 && cp <= 0xdbff) {
          const lo = s.charCodeAt(i + 6) === 0x5c && s.charCodeAt(i + 7) === 0x75 ? hex4(s, i + 8) : -1;
          if (lo < 0xdc00 || lo > 0xdfff) return { at: i, what: 'half of a UTF-16 surrogate pair (\\u' + s.slice(i + 2, i + 6) + ') in a string' };
          i += 6;
        }
        i += 5;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_DEPTH) return { at: i, what: `brackets nested more than ${MAX_DEPTH} levels deep` };
    } else if (c === 0x7d || c === 0x5d) {
      if (depth > 0) depth--;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      while (i + 1 < s.length && /[0-9.eE+-]/.test(s[i + 1])) i++;
      if (i + 1 - start > MAX_NUMBER) return { at: start, what: `a number longer than ${MAX_NUMBER} characters` };
    } else if (c === 0) {
      return { at: i, what: 'binary data (a NUL byte)' };
    }
  }
  return null;
}

const sideWords = (side) => (side === 'server' ? 'server side' : 'client side');

/**
 * Reads a JSON Lines trace. Returns {events, problems, error}:
 *  - events: the events to show, in file order (what validate accepts as events);
 *  - problems: [{source, line, message, skipped}] in line order: `skipped` lines are left out,
 *    the others are kept but make the trace invalid or incomplete;
 *  - error: one sentence when nothing could be used (else null).
 * opts.invalidUtf8: the file's bytes were not all UTF-8 (the text then holds U+FFFD where they
 * were). Never throws.
 */
export function checkTrace(text, source = 'trace', opts = {}) {
  const events = [];
  const problems = [];
  if (typeof text !== 'string') return { events, problems, error: `${source}: not a text file` };
  const note = (line, message, skipped = false) => problems.push({ source, line, message, skipped });
  if (text.charCodeAt(0) === 0xfeff) {
    note(1, 'The file starts with a byte order mark (an invisible character some editors add); a trace never does. The page reads past it; tlstrace validate would not.');
    text = text.slice(1);
  }
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop(); // the newline that ends the last line
  let expect = null; // the seq the next event should have; null: take it as it comes
  const sessions = new Map(); // side + NUL + session → {open, line}
  const seen = new Map(); // session + NUL + seq → line
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    let line = lines[i];
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const skip = (why) => {
      note(n, `Line ${n} was left out: ${why}`, true);
      return null;
    };
    let e = null;
    if (line.trim() === '') {
      skip('it is empty (a trace has one event on each line).');
    } else if (line.length > MAX_LINE_BYTES / 4 && utf8Length(line) > MAX_LINE_BYTES) {
      skip(`it is longer than ${MAX_LINE_BYTES} bytes; no tlstrace event is that long.`);
    } else if (opts.invalidUtf8 && line.includes('\ufffd')) {
      skip('it holds bytes that are not text (not valid UTF-8).');
    } else {
      const strict = strictJsonProblem(line);
      if (strict) {
        const deep = /nested/.test(strict.what);
        skip(`${strict.what} at column ${[...line.slice(0, strict.at)].length + 1}` +
          (deep ? '; a tlstrace event never is, so this line is not an event from tlstrace.' : ', which tlstrace never writes.'));
      } else {
        try {
          e = JSON.parse(line);
        } catch (err) {
          skip(`it is not JSON (${String(err && err.message ? err.message : err).slice(0, 120)}).`);
        }
      }
    }
    if (e === null) {
      expect = null;
      continue;
    }
    const problem = schemaProblem(e);
    if (problem) {
      skip(`it is not a valid tlstrace event: ${problem}.`);
      expect = e && Number.isInteger(e.seq) && e.seq >= 1 ? e.seq + 1 : null;
      continue;
    }
    const key = e.session + '\u0000' + e.seq;
    if (seen.has(key)) {
      skip(`it repeats event ${e.seq} of handshake ${JSON.stringify(e.session)} (line ${seen.get(key)}).`);
      continue;
    }
    seen.set(key, n);
    // Its place in the trace: seq 1, 2, 3 ..., and its handshake started and not yet ended.
    if (expect !== null && e.seq !== expect) {
      note(n, e.seq > expect
        ? `Line ${n}: the event numbers jump from ${expect - 1} to ${e.seq}: ${e.seq - expect === 1 ? 'one event is' : `${e.seq - expect} events are`} missing before this line (the file was cut or edited), so what is shown around here may be incomplete.`
        : `Line ${n}: event number ${e.seq} comes after ${expect - 1}: the events are out of order here (the file was edited or joined from pieces).`);
    }
    expect = e.seq + 1;
    const sk = e.side + '\u0000' + e.session;
    const s = sessions.get(sk);
    const who = `handshake ${JSON.stringify(e.session)} (${sideWords(e.side)})`;
    if (e.type === 'session_start') {
      if (s && s.open) note(n, `Line ${n}: ${who} starts a second time while the first start (line ${s.line}) has not ended.`);
      else if (s) note(n, `Line ${n}: ${who} starts again after it ended (line ${s.endLine}); one session id should name one handshake.`);
      sessions.set(sk, { open: true, line: n });
    } else if (!s) {
      note(n, `Line ${n}: an event of ${who} comes before its start (session_start): the beginning of this handshake is missing.`);
      sessions.set(sk, { open: e.type !== 'session_end', line: n, endLine: n });
    } else if (!s.open) {
      note(n, `Line ${n}: an event of ${who} comes after its end (session_end, line ${s.endLine}).`);
    } else if (e.type === 'session_end') {
      s.open = false;
      s.endLine = n;
    }
    events.push(e);
  }
  for (const [sk, s] of sessions) {
    if (!s.open) continue;
    const [side, session] = sk.split('\u0000');
    note(lines.length, `The trace ends before handshake ${JSON.stringify(session)} (${sideWords(side)}, started at line ${s.line}) does: it has no end (session_end), so the recording may have been cut short.`);
  }
  let error = null;
  if (!events.length) {
    const first = problems.find((p) => p.skipped);
    error = first
      ? `${source}: no tlstrace events found; ${first.message.replace(/^Line (\d+) was left out: /, 'line $1: ')}` +
        (problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '')
      : `${source}: the file is empty`;
  }
  return { events, problems, error };
}
