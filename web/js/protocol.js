// The page side of the live protocol (web/README.md), the event store that dedupes resent events,
// and the URL pieces a teacher shares (?scenario=…&tls=…, #session/seq). Pure.

import { checkEvent } from './model.js';

export const WS_PATH = '/events';
export const WS_PROTOCOL = 'tlstrace-v1';
export const PROTOCOL_VERSION = 1;

const NAME_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const TLS_VERSIONS = ['1.2', '1.3'];

/**
 * Parse one text frame from the server. Returns {kind, ...} or {kind: 'invalid', error}.
 *   hello: {kind, protocol, scenarios: [{name, teaches, tls: [..]}]} (also for kind "scenarios",
 *          the answer to {"cmd":"list"})
 *   event: {kind, event}
 *   events: {kind, events: [...], invalid: count of events dropped as unusable}
 *   gap:   {kind, missed}
 *   error: {kind, error}
 *   run:   {kind, status, scenario, tls, mutual, session, error}
 */
export function parseServerMessage(text) {
  let m;
  try {
    m = JSON.parse(text);
  } catch {
    return { kind: 'invalid', error: 'the server sent a frame that is not JSON' };
  }
  if (!m || typeof m !== 'object' || Array.isArray(m)) return { kind: 'invalid', error: 'the server sent a frame that is not a JSON object' };
  switch (m.kind) {
    case 'hello':
    case 'scenarios': { // "scenarios": the answer to {"cmd":"list"}, same list, no protocol field
      if (m.kind === 'hello' && m.protocol !== PROTOCOL_VERSION) return { kind: 'invalid', error: `the server speaks protocol ${JSON.stringify(m.protocol)}, this page speaks ${PROTOCOL_VERSION}` };
      const scenarios = [];
      for (const s of Array.isArray(m.scenarios) ? m.scenarios : []) {
        if (!s || typeof s.name !== 'string' || !NAME_RE.test(s.name)) continue;
        const tls = Array.isArray(s.tls) ? s.tls.filter((v) => TLS_VERSIONS.includes(v)) : [];
        if (!tls.length) continue;
        scenarios.push({ name: s.name, teaches: typeof s.teaches === 'string' ? s.teaches : '', tls });
      }
      return { kind: 'hello', protocol: PROTOCOL_VERSION, scenarios };
    }
    case 'event': {
      const problem = checkEvent(m.event);
      if (problem) return { kind: 'invalid', error: `the server sent an event the page cannot use: ${problem}` };
      return { kind: 'event', event: m.event };
    }
    case 'events': {
      // A burst of events in one frame (the server batches consecutive events for each viewer).
      if (!Array.isArray(m.events)) return { kind: 'invalid', error: 'an events message without an events array' };
      const events = [];
      let invalid = 0;
      for (const e of m.events) {
        if (checkEvent(e)) invalid++;
        else events.push(e);
      }
      return { kind: 'events', events, invalid };
    }
    case 'gap':
      return { kind: 'gap', missed: Number.isInteger(m.missed) && m.missed >= 0 ? m.missed : null };
    case 'error':
      return { kind: 'error', error: typeof m.error === 'string' ? m.error.slice(0, 500) : 'the server reported an error' };
    case 'run':
      if (m.status !== 'started' && m.status !== 'finished') return { kind: 'invalid', error: 'a run message with an unknown status' };
      return {
        kind: 'run',
        status: m.status,
        scenario: typeof m.scenario === 'string' ? m.scenario : '',
        tls: typeof m.tls === 'string' ? m.tls : '',
        mutual: m.mutual === true,
        session: typeof m.session === 'string' ? m.session : '',
        error: typeof m.error === 'string' ? m.error.slice(0, 500) : null,
      };
    default:
      return { kind: 'invalid', error: `the server sent an unknown message kind ${JSON.stringify(String(m.kind)).slice(0, 40)}` };
  }
}

/** The command that runs a scenario; null (and no command) when the arguments are not valid. */
export function runCommand(scenario, tls, mutual) {
  if (typeof scenario !== 'string' || !NAME_RE.test(scenario) || !TLS_VERSIONS.includes(tls)) return null;
  const cmd = { cmd: 'run', scenario, tls };
  if (mutual === true) cmd.mutual = true;
  return JSON.stringify(cmd);
}

export function listCommand() {
  return JSON.stringify({ cmd: 'list' });
}

/**
 * How much of the live stream a page keeps, like the server's history (web/README.md): the most
 * recent sessions, whole, within both bounds. A classroom's page stays open for hours; without a
 * bound every event it ever received stayed in memory (31,000 events held 136 MB of heap).
 */
export const LIVE_LIMITS = { sessions: 100, events: 20000 };
const DROPPED_REMEMBERED = 5000;

/** Events received live or loaded, deduplicated by (session, seq). */
export class EventStore {
  constructor() {
    this.clear();
  }
  /** Add an event; false when it is already there, or its session was dropped (trim). */
  add(e) {
    const k = e.session + '\u0000' + e.seq;
    if (this.keys.has(k) || this.dropped.has(e.session)) return false;
    this.keys.add(k);
    this.events.push(e);
    this.perSession.set(e.session, (this.perSession.get(e.session) || 0) + 1);
    this.version++;
    return true;
  }
  addAll(list) {
    let n = 0;
    for (const e of list) if (this.add(e)) n++;
    return n;
  }
  clear() {
    this.events = [];
    this.keys = new Set();
    this.perSession = new Map(); // session id → events held, in the order each session first arrived
    this.dropped = new Set(); // ids of sessions trimmed away: the server may send them again
    this.version = (this.version || 0) + 1;
  }
  get size() {
    return this.events.length;
  }
  /**
   * Drops the oldest sessions (whole) until at most limits.sessions sessions and limits.events
   * events are held; the ids in `keep` (the session shown, the run asked for) stay whatever their
   * age. Returns {sessions, events}: how many were dropped.
   */
  trim(limits = LIVE_LIMITS, keep = new Set()) {
    let sessions = this.perSession.size;
    let events = this.events.length;
    const drop = new Set();
    for (const [id, n] of this.perSession) {
      if (sessions <= limits.sessions && events <= limits.events) break;
      if (keep.has(id)) continue;
      drop.add(id);
      sessions--;
      events -= n;
    }
    if (!drop.size) return { sessions: 0, events: 0 };
    const before = this.events.length;
    this.events = this.events.filter((e) => !drop.has(e.session));
    for (const id of drop) {
      this.perSession.delete(id);
      this.dropped.add(id);
    }
    this.keys = new Set(this.events.map((e) => e.session + '\u0000' + e.seq));
    for (const id of this.dropped) {
      if (this.dropped.size <= DROPPED_REMEMBERED) break;
      this.dropped.delete(id);
    }
    this.version++;
    return { sessions: drop.size, events: before - this.events.length };
  }
}

/** ?scenario=mutual&tls=1.3[&mutual=1] → {scenario, tls, mutual} or null (absent or not valid). */
export function runParams(search) {
  const p = new URLSearchParams(search || '');
  const scenario = p.get('scenario');
  if (scenario === null) return null;
  const tls = p.get('tls') || '1.3';
  if (!NAME_RE.test(scenario) || !TLS_VERSIONS.includes(tls)) return { invalid: true, scenario, tls };
  const m = p.get('mutual');
  return { scenario, tls, mutual: m === '1' || m === 'true' };
}

/** ?trace=relative/url.jsonl → the URL string, only when it is a same-origin http(s) URL. */
export function traceParam(search, base) {
  const p = new URLSearchParams(search || '');
  const t = p.get('trace');
  if (!t) return null;
  try {
    const u = new URL(t, base);
    const b = new URL(base);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin !== b.origin) return null;
    return u.href;
  } catch {
    return null;
  }
}

/** #<session>/<seq> for a message; session ids are percent-encoded (they may contain "/"). */
export function fragmentFor(sessionKey, seq) {
  return '#' + encodeURIComponent(sessionKey) + (Number.isInteger(seq) ? '/' + seq : '');
}

/** Parse "#<session>[/<seq>]" (also "#g-<term>" for glossary entries). */
export function parseFragment(hash) {
  const h = String(hash || '').replace(/^#/, '');
  if (!h) return null;
  if (h.startsWith('g-')) return { glossary: h.slice(2) };
  const slash = h.lastIndexOf('/');
  let sess = h;
  let seq = null;
  if (slash > 0 && /^[0-9]+$/.test(h.slice(slash + 1))) {
    sess = h.slice(0, slash);
    seq = Number(h.slice(slash + 1));
  }
  try {
    return { session: decodeURIComponent(sess), seq };
  } catch {
    return null;
  }
}

/** A file name made from a session id: only [A-Za-z0-9._-]. */
export function safeFileName(s, ext) {
  const base = String(s).replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 80) || 'trace';
  return `${base}.${ext}`;
}

/**
 * The fixture list served by `tlstrace ui` at /fixtures/index.json. Accepts
 * {"fixtures":[{"file","title"?,"teaches"?}]} or a plain array of file names or such objects;
 * keeps only plain relative file names ending in .jsonl.
 */
export function parseFixtureIndex(json) {
  const raw = Array.isArray(json) ? json : json && Array.isArray(json.fixtures) ? json.fixtures : [];
  const out = [];
  for (const f of raw) {
    const file = typeof f === 'string' ? f : f && (f.file || f.path || f.name);
    if (typeof file !== 'string' || !/^[A-Za-z0-9._-]+\.jsonl$/.test(file)) continue;
    out.push({
      file,
      title: f && typeof f.title === 'string' ? f.title : file.replace(/\.jsonl$/, ''),
      teaches: f && typeof f.teaches === 'string' ? f.teaches : '',
    });
  }
  return out;
}
