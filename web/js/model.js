// Events → sessions → handshake model. Pure: no DOM, no I/O; runs in the browser and in Node.
//
// A trace is JSON Lines of schema v1 events (schema/README.md). In a two-sided trace (tlstrace
// demo) every handshake message appears twice: "sent" by one side and "received" by the other.
// The model keeps ONE item per message, taken from the sender's "sent" event, and falls back to
// the receiver's "received" event when the sender was not traced (e.g. a trace of a real server
// talking to an untraced client). Sent and received events are paired per sender, in order: TLS
// runs over an ordered byte stream, so the k-th message a side wrote is the k-th its peer read.
//
// Everything in a trace is untrusted text. This module never interprets strings as markup; it only
// copies them into plain objects that the views render as text.

import { captureInfo, captureTitle, gapLabel } from './capture.js';
import { checkTrace } from './tracecheck.js';

export const SCHEMA_VERSION = 1;
export const SIDES = ['client', 'server'];
export const EVENT_TYPES = [
  'session_start', 'state', 'record', 'message', 'cert_verify', 'key_exchange', 'secret',
  'negotiated', 'alert', 'handshake_done', 'handshake_failed', 'session_end',
];
export const PROTECTIONS = ['plaintext', 'handshake', 'application', 'encrypted'];

const TYPE_SET = new Set(EVENT_TYPES);
const HEX_RE = /^(?:[0-9a-f]{2})*$/;

export const other = (side) => (side === 'client' ? 'server' : 'client');

function isObj(x) {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}
function isInt(x) {
  return Number.isInteger(x);
}
function isNamed(x) {
  return isObj(x) && isInt(x.id) && (x.name === null || typeof x.name === 'string');
}

/**
 * What is wrong with one parsed event, in a few words, or null when the page can use it.
 * This checks what the page relies on (the envelope and the fields it reads); the full schema is
 * checked by tests/node/validate-events.mjs.
 */
export function checkEvent(e) {
  if (!isObj(e)) return 'not a JSON object';
  if (e.v !== SCHEMA_VERSION) return `"v" is ${JSON.stringify(e.v)}, expected ${SCHEMA_VERSION} (schema version)`;
  if (!isInt(e.seq) || e.seq < 1) return '"seq" must be an integer of at least 1';
  if (!isInt(e.t_us) || e.t_us < 0) return '"t_us" must be a non-negative integer';
  if (typeof e.session !== 'string' || e.session.length === 0 || [...e.session].length > 128) { // characters, as the schema counts
    return '"session" must be a string of 1 to 128 characters';
  }
  if (e.side !== 'client' && e.side !== 'server') return '"side" must be "client" or "server"';
  if (!TYPE_SET.has(e.type)) return `unknown event type ${JSON.stringify(String(e.type)).slice(0, 60)}`;
  const dirFrom = () => {
    if (e.dir !== 'sent' && e.dir !== 'received') return '"dir" must be "sent" or "received"';
    if (e.from !== 'client' && e.from !== 'server') return '"from" must be "client" or "server"';
    if ((e.dir === 'sent') !== (e.from === e.side)) return `"dir" ${e.dir} does not match "from" ${e.from} seen by ${e.side}`;
    return null;
  };
  switch (e.type) {
    case 'state':
      if (!isNamed(e.from) || !isNamed(e.to)) return 'state: "from" and "to" must be {id, name}';
      return null;
    case 'record': {
      const d = dirFrom();
      if (d) return 'record: ' + d;
      if (typeof e.header_hex !== 'string' || !HEX_RE.test(e.header_hex)) return 'record: "header_hex" must be lowercase hex';
      if (e.error === undefined) {
        if (!isNamed(e.content_type)) return 'record: "content_type" must be {id, name}';
        if (!PROTECTIONS.includes(e.protection)) return 'record: unknown "protection"';
        if (!isInt(e.length) || e.length < 0) return 'record: "length" must be a non-negative integer';
      }
      return null;
    }
    case 'message': {
      const d = dirFrom();
      if (d) return 'message: ' + d;
      if (typeof e.hs_type !== 'string') return 'message: "hs_type" must be a string';
      if (typeof e.label !== 'string' || !e.label) return 'message: "label" must be a non-empty string';
      if (!['plaintext', 'handshake', 'application'].includes(e.protection)) return 'message: unknown "protection"';
      if (!isObj(e.fields)) return 'message: "fields" must be an object';
      if (!Array.isArray(e.spans)) return 'message: "spans" must be an array';
      if (typeof e.hex !== 'string' || !HEX_RE.test(e.hex)) return 'message: "hex" must be lowercase hex';
      return null;
    }
    case 'alert': {
      const d = dirFrom();
      if (d) return 'alert: ' + d;
      if (!['plaintext', 'handshake', 'application'].includes(e.protection)) return 'alert: unknown "protection"';
      if (typeof e.hex !== 'string' || !HEX_RE.test(e.hex)) return 'alert: "hex" must be lowercase hex';
      if (e.error === undefined && (!isNamed(e.level) || !isNamed(e.description))) return 'alert: "level" and "description" must be {id, name}';
      return null;
    }
    case 'cert_verify':
      if (!isInt(e.depth) || e.depth < 0) return 'cert_verify: "depth" must be a non-negative integer';
      if (typeof e.ok !== 'boolean') return 'cert_verify: "ok" must be a boolean';
      return null;
    case 'handshake_failed':
      if (typeof e.cause !== 'string') return 'handshake_failed: "cause" must be a string';
      if (typeof e.explanation !== 'string') return 'handshake_failed: "explanation" must be a string';
      return null;
    case 'negotiated':
      if (!isNamed(e.version)) return 'negotiated: "version" must be {id, name}';
      if (!isNamed(e.cipher_suite)) return 'negotiated: "cipher_suite" must be {id, name}';
      return null;
    default:
      return null;
  }
}

/**
 * Parse JSON Lines text as `tlstrace validate` reads it (tracecheck.js): {events, warnings, error},
 * warnings being checkTrace's problems ({source, line, message, skipped}). Never throws.
 */
export function parseJsonl(text, source = 'trace') {
  const { events, problems, error } = checkTrace(text, source);
  return { events, warnings: problems, error };
}

/**
 * Split events into sessions. Events are ordered by seq. A session id may be reused (the live
 * server running the same scenario twice): a second session_start from a side that already started
 * begins a new run of that id. Returns [{key, id, run, events}] in the order in which each session's
 * first event appears in `events`.
 */
export function groupSessions(events) {
  // Within a session, events go by seq. Sessions go in the order their first event arrived: a live
  // page mixes seq spaces (its own runs, and each 'tlstrace serve/connect/demo --ui' producer counts
  // from 1), and a new connection belongs at the end of the list, not among the old ones. For a
  // file, which is in seq order, the two orders agree.
  const order = events.map((_, i) => i).sort((i, j) => events[i].seq - events[j].seq || i - j);
  const current = new Map(); // id -> group
  const runs = new Map(); // id -> run count
  const groups = [];
  for (const i of order) {
    const e = events[i];
    let g = current.get(e.session);
    if (!g || (e.type === 'session_start' && g.started.has(e.side))) {
      const run = (runs.get(e.session) || 0) + 1;
      runs.set(e.session, run);
      g = { key: run === 1 ? e.session : `${e.session}#${run}`, id: e.session, run, events: [], started: new Set() };
      current.set(e.session, g);
      groups.push(g);
    }
    if (e.type === 'session_start') g.started.add(e.side);
    g.events.push(e);
    g.first = Math.min(g.first ?? i, i);
  }
  groups.sort((a, b) => a.first - b.first);
  return groups.map(({ key, id, run, events: evs }) => ({ key, id, run, events: evs }));
}

// --- pairing sent/received events into one item each ---------------------------------------------

function pairBySender(events) {
  const lists = {
    client: { sent: [], received: [] },
    server: { sent: [], received: [] },
  };
  for (const e of events) lists[e.from][e.dir].push(e);
  const pairs = [];
  for (const from of SIDES) {
    const { sent, received } = lists[from];
    const n = Math.max(sent.length, received.length);
    for (let k = 0; k < n; k++) pairs.push({ from, k, sent: sent[k] || null, received: received[k] || null });
  }
  return pairs;
}

function recordKind(e) {
  if (e.error !== undefined) return 'opaque';
  const ct = e.content_type.id;
  if (ct === 20) return 'ccs';
  if (e.protection === 'encrypted' || (ct === 23 && !e.decrypted && e.protection !== 'plaintext')) return 'opaque';
  const inner = e.inner_content_type && isInt(e.inner_content_type.id) ? e.inner_content_type.id : ct;
  if (inner === 23) return 'data';
  return null; // handshake and alert records are shown through their message/alert events
}

/** Byte length of a lowercase hex string. */
export const hexLength = (hex) => (typeof hex === 'string' ? hex.length >> 1 : 0);

/**
 * Check a message's spans against its hex: returns {valid: [[ptr, off, len]], problems: [text]}.
 * A valid span lies inside the message bytes and its pointer names a field that exists.
 */
export function checkSpans(msg) {
  const size = hexLength(msg.hex);
  const valid = [];
  const problems = [];
  for (const s of Array.isArray(msg.spans) ? msg.spans : []) {
    if (!Array.isArray(s) || s.length !== 3 || typeof s[0] !== 'string' || !isInt(s[1]) || !isInt(s[2])) {
      problems.push('a span is not [json_pointer, offset, length]');
      continue;
    }
    const [ptr, off, len] = s;
    if (off < 0 || len < 0 || off + len > size) {
      problems.push(`span ${ptr} (offset ${off}, length ${len}) is outside the ${size} message bytes`);
      continue;
    }
    if (resolvePointer(msg.fields, ptr) === undefined) {
      problems.push(`span ${ptr} names no decoded field`);
      continue;
    }
    valid.push([ptr, off, len]);
  }
  return { valid, problems };
}

/** RFC 6901 JSON Pointer lookup; undefined when absent. */
export function resolvePointer(obj, ptr) {
  if (ptr === '') return obj;
  if (typeof ptr !== 'string' || ptr.charCodeAt(0) !== 47 /* / */) return undefined;
  let cur = obj;
  let start = 1;
  const n = ptr.length;
  while (start <= n) {
    let end = ptr.indexOf('/', start);
    if (end < 0) end = n;
    let k = ptr.slice(start, end);
    if (k.indexOf('~') >= 0) k = k.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) {
      // An array index: digits, no leading zero.
      if (k.length === 0 || (k.length > 1 && k.charCodeAt(0) === 48)) return undefined;
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        if (c < 48 || c > 57) return undefined;
      }
      cur = cur[+k];
    } else {
      if (!Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
      cur = cur[k];
    }
    if (cur === undefined) return undefined;
    start = end + 1;
  }
  return cur;
}

// --- the handshake model of one session ------------------------------------------------------------

function newSide(side) {
  return {
    side,
    traced: false,
    start: null,
    role: side,
    config: null,
    library: null,
    source: null,
    transport: null,
    states: [],
    certVerify: [],
    keyExchange: null,
    secrets: [],
    negotiated: null,
    done: null,
    failed: null,
    end: null,
  };
}

function namedText(x) {
  if (!isObj(x)) return null;
  return typeof x.name === 'string' ? x.name : `unknown (${x.id})`;
}

function itemFromMessage(p) {
  const e = p.sent || p.received;
  const it = {
    kind: 'message',
    from: p.from,
    to: other(p.from),
    nth: p.k,
    hs_type: e.hs_type,
    hs_type_id: isInt(e.hs_type_id) ? e.hs_type_id : null,
    label: e.label,
    protection: e.protection,
    mutual_only: e.mutual_only === true,
    explanation: typeof e.explanation === 'string' ? e.explanation : '',
    sources: Array.isArray(e.sources) ? e.sources : [],
    deviations: Array.isArray(e.deviations) ? e.deviations : [],
    fields: e.fields,
    spans: e.spans,
    hex: e.hex,
    length: isInt(e.length) ? e.length : hexLength(e.hex),
    error: typeof e.error === 'string' ? e.error : null,
  };
  const { valid, problems } = checkSpans(e);
  it.validSpans = valid;
  it.spanProblems = problems;
  if (p.sent && p.received && p.sent.hex !== p.received.hex) {
    it.mismatch = 'the bytes the receiver decoded differ from the bytes the sender wrote';
  }
  return it;
}

function itemFromAlert(p) {
  const e = p.sent || p.received;
  const level = namedText(e.level);
  const desc = namedText(e.description);
  return {
    kind: 'alert',
    from: p.from,
    to: other(p.from),
    nth: p.k,
    label: e.error !== undefined ? 'Alert (malformed)' : `Alert ${desc}`,
    level,
    description: isObj(e.description) ? e.description : null,
    fatal: isObj(e.level) && e.level.id === 2,
    protection: e.protection,
    explanation: typeof e.explanation === 'string' ? e.explanation : '',
    sources: Array.isArray(e.sources) ? e.sources : [],
    deviations: Array.isArray(e.deviations) ? e.deviations : [],
    error: typeof e.error === 'string' ? e.error : null,
    hex: e.hex,
    length: hexLength(e.hex),
    fields: e.error !== undefined ? {} : { level: e.level, description: e.description },
    spans: e.error !== undefined ? [] : [['/level', 0, 1], ['/description', 1, 1]],
  };
}

function itemFromRecord(p, kind) {
  const e = p.sent || p.received;
  const base = {
    kind,
    from: p.from,
    to: other(p.from),
    nth: p.k,
    protection: e.protection || 'encrypted',
    explanation: typeof e.explanation === 'string' ? e.explanation : '',
    sources: Array.isArray(e.sources) ? e.sources : [],
    error: typeof e.error === 'string' ? e.error : null,
    hex: e.header_hex,
    length: isInt(e.length) ? e.length : 0,
    record: e,
  };
  if (kind === 'ccs') {
    return { ...base, label: 'ChangeCipherSpec', fields: isObj(e.fields) ? e.fields : {} };
  }
  if (kind === 'data') {
    const n = isInt(e.plaintext_length) ? e.plaintext_length : e.length;
    return { ...base, label: `Application data (${n} bytes)` };
  }
  if (e.gap !== undefined) return { ...base, label: gapLabel(e) };
  return { ...base, label: e.error !== undefined ? 'Not a TLS record' : `Encrypted record (${e.length} bytes)` };
}

/**
 * The handshake model of one session's events (already sorted by seq; see groupSessions).
 * See web/README.md for the shape.
 */
export function buildSession(group) {
  const events = group.events;
  const sides = { client: newSide('client'), server: newSide('server') };
  const warnings = [];
  const streams = { message: [], alert: [], ccs: [], record: [] };

  for (const e of events) {
    const s = sides[e.side];
    s.traced = true;
    switch (e.type) {
      case 'session_start':
        s.start = e;
        s.role = e.role === 'server' || e.role === 'client' ? e.role : e.side;
        s.config = isObj(e.config) ? e.config : null;
        s.library = isObj(e.library) ? e.library : null;
        s.source = typeof e.source === 'string' ? e.source : null;
        s.transport = typeof e.transport === 'string' ? e.transport : null;
        break;
      case 'state':
        s.states.push({ seq: e.seq, t_us: e.t_us, from: e.from, to: e.to, explanation: typeof e.explanation === 'string' ? e.explanation : '', sources: Array.isArray(e.sources) ? e.sources : [] });
        break;
      case 'record': {
        const kind = recordKind(e);
        if (kind === 'ccs') streams.ccs.push(e);
        else if (kind) streams.record.push(e);
        break;
      }
      case 'message':
        streams.message.push(e);
        break;
      case 'alert':
        streams.alert.push(e);
        break;
      case 'cert_verify':
        s.certVerify.push(e);
        break;
      case 'key_exchange':
        if (!s.keyExchange) s.keyExchange = e;
        break;
      case 'secret':
        s.secrets.push(e);
        break;
      case 'negotiated':
        s.negotiated = e;
        break;
      case 'handshake_done':
        s.done = e;
        break;
      case 'handshake_failed':
        if (!s.failed) s.failed = e;
        break;
      case 'session_end':
        s.end = e;
        break;
      default:
        break;
    }
  }

  // One item per message / alert / ChangeCipherSpec / other record, ordered by when it was written.
  const items = [];
  const add = (pairs, make) => {
    for (const p of pairs) {
      const it = make(p);
      const first = p.sent || p.received;
      it.sent = p.sent;
      it.received = p.received;
      it.sentSeq = p.sent ? p.sent.seq : null;
      it.recvSeq = p.received ? p.received.seq : null;
      it.seq = first.seq;
      it.t_us = first.t_us;
      items.push(it);
    }
  };
  add(pairBySender(streams.message), itemFromMessage);
  add(pairBySender(streams.alert), itemFromAlert);
  add(pairBySender(streams.ccs), (p) => itemFromRecord(p, 'ccs'));
  add(pairBySender(streams.record), (p) => itemFromRecord(p, recordKind(p.sent || p.received)));
  items.sort((a, b) => a.seq - b.seq);

  // The record each message travelled in: the last record of the same side, direction and writer
  // before the message event (records come first in the trace, then the messages they carry).
  const recordsBySide = { client: [], server: [] };
  for (const e of events) if (e.type === 'record') recordsBySide[e.side].push(e);
  for (const it of items) {
    if (it.kind !== 'message' && it.kind !== 'alert') continue;
    const ev = it.sent || it.received;
    const recs = recordsBySide[ev.side];
    let found = null;
    for (let i = recs.length - 1; i >= 0; i--) {
      const r = recs[i];
      if (r.seq < ev.seq && r.dir === ev.dir && r.from === ev.from) {
        found = r;
        break;
      }
    }
    it.record = found;
  }

  // Was each item read by its receiver? true / false (the receiver is traced, finished, and never
  // read it: it had already failed or closed) / null (the receiver is not traced, or still running;
  // or the session was seen on the network, where reading is not visible).
  const capture = captureInfo(sides);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    it.idx = i;
    const rx = sides[it.to];
    if (it.received) it.read = true;
    else if (rx.traced && (rx.end || rx.failed) && !capture) it.read = false;
    else it.read = null;
    it.key = `${it.kind}:${it.from}:${it.nth}`;
    if (it.mismatch) warnings.push(`${it.label} (seq ${it.seq}): ${it.mismatch}`);
    for (const p of it.spanProblems || []) warnings.push(`${it.label} (seq ${it.seq}): ${p}`);
  }

  const messages = items.filter((it) => it.kind === 'message');

  // Flights: consecutive handshake messages from the same sender (RFC 8446 §2, RFC 5246 §7.3).
  const flights = [];
  for (const m of messages) {
    const last = flights[flights.length - 1];
    if (last && last.from === m.from) last.items.push(m.idx);
    else flights.push({ index: flights.length, from: m.from, items: [m.idx] });
    m.flight = flights[flights.length - 1].index;
  }
  for (const it of items) if (it.flight === undefined) it.flight = null;

  // Failures: each side's handshake_failed, the step it failed at (the last item it had read).
  const failures = [];
  for (const side of SIDES) {
    const f = sides[side].failed;
    if (!f) continue;
    let failingItem = null;
    if (!f.stalled) {
      let best = -1;
      for (const it of items) {
        if (it.to === side && it.recvSeq !== null && it.recvSeq < f.seq && it.recvSeq > best) {
          best = it.recvSeq;
          failingItem = it.idx;
        }
      }
    }
    // Where the failure goes on the timeline: after the last item written before it.
    let after = -1;
    for (const it of items) if (it.seq < f.seq) after = it.idx;
    failures.push({
      side,
      seq: f.seq,
      t_us: f.t_us,
      cause: f.cause,
      explanation: f.explanation,
      sources: Array.isArray(f.sources) ? f.sources : [],
      deviations: Array.isArray(f.deviations) ? f.deviations : [],
      error: isObj(f.error) ? f.error : null,
      state: isObj(f.state) ? f.state : null,
      alert_sent: isObj(f.alert_sent) ? f.alert_sent : null,
      alert_received: isObj(f.alert_received) ? f.alert_received : null,
      stalled: f.stalled === true,
      post_handshake: f.post_handshake === true,
      verify_reasons: Array.isArray(f.verify_reasons) ? f.verify_reasons : [],
      failingItem,
      after,
    });
  }
  failures.sort((a, b) => a.seq - b.seq);

  const scenario = (() => {
    for (const side of SIDES) {
      const sc = sides[side].start && sides[side].start.scenario;
      if (isObj(sc)) return sc;
    }
    return null;
  })();
  const negotiated = sides.client.negotiated || sides.server.negotiated || null;
  if (sides.client.negotiated && sides.server.negotiated) {
    const a = sides.client.negotiated;
    const b = sides.server.negotiated;
    if (a.version.id !== b.version.id || a.cipher_suite.id !== b.cipher_suite.id) {
      warnings.push('client and server report different negotiated parameters');
    }
  }
  const serverHello = messages.find((m) => m.hs_type === 'server_hello' && !(m.fields && m.fields.hello_retry_request));
  const version =
    (negotiated && namedText(negotiated.version)) ||
    (serverHello && isObj(serverHello.fields.selected_version) && namedText(serverHello.fields.selected_version)) ||
    (scenario && typeof scenario.tls === 'string' ? `TLS ${scenario.tls}` : null);

  const traced = SIDES.filter((s) => sides[s].traced);
  let outcome = 'incomplete';
  if (failures.length) outcome = 'failed';
  else if (traced.length && traced.every((s) => sides[s].done)) outcome = 'ok';
  const ended = traced.length > 0 && traced.every((s) => sides[s].end);
  // Seen on the network, ended, neither success nor failure visible (TLS 1.3 without the key log).
  if (outcome === 'incomplete' && capture && ended) outcome = 'unknown';

  // basic or mutual: what the handshake settled when it succeeded; otherwise what it attempted
  // (a CertificateRequest on the wire means the server asked the client to authenticate).
  const requested = messages.some((m) => m.hs_type === 'certificate_request');
  let mode;
  if (outcome === 'ok' && negotiated && (negotiated.mode === 'mutual' || negotiated.mode === 'basic')) mode = negotiated.mode;
  else if (requested) mode = 'mutual';
  else if (negotiated && (negotiated.mode === 'mutual' || negotiated.mode === 'basic')) mode = negotiated.mode;
  else mode = scenario && scenario.mutual === true ? 'mutual' : 'basic';

  const title = scenario && typeof scenario.name === 'string'
    ? `${scenario.name}${version ? ', ' + version : ''}${group.run > 1 ? ` (run ${group.run})` : ''}`
    : capture ? `${captureTitle(capture)}${version ? ', ' + version : ''}`
      : `${group.id}${group.run > 1 ? ` (run ${group.run})` : ''}`;

  return {
    key: group.key,
    id: group.id,
    run: group.run || 1,
    title,
    events,
    firstSeq: events.length ? events[0].seq : 0,
    lastSeq: events.length ? events[events.length - 1].seq : 0,
    sides,
    traced,
    capture,
    scenario,
    version,
    mode,
    negotiated,
    keyExchange: sides.client.keyExchange || sides.server.keyExchange || null,
    items,
    messages,
    flights,
    failures,
    alerts: items.filter((it) => it.kind === 'alert'),
    outcome,
    ended,
    warnings,
  };
}

/** Build every session of a list of events. Returns {sessions, byKey}. */
export function buildModel(events) {
  const sessions = groupSessions(events).map(buildSession);
  const byKey = new Map(sessions.map((s) => [s.key, s]));
  return { sessions, byKey };
}

/** Index of the event with this seq in a session (or -1). */
export function eventIndexOfSeq(session, seq) {
  const evs = session.events;
  let lo = 0;
  let hi = evs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (evs[mid].seq === seq) return mid;
    if (evs[mid].seq < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Serialize events back to JSON Lines (for export). */
export function toJsonl(events) {
  return events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '');
}
