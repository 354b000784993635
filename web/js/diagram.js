// Handshake model → diagram model: two lanes (client, server), one arrow per handshake message in
// the order it was written, grouped by flight, plus thin ChangeCipherSpec and application-data
// arrows, alerts in their own style, and a marker + explanation where a side failed.
// Pure: coordinates and strings only; view/diagram-svg.js draws it.

import { protectionTag, PROTECTION } from './explain.js';
import { SEEN_ON_NETWORK } from './capture.js';

export const LAYOUT = {
  width: 780,
  laneX: { client: 160, server: 660 },
  titleY: 22,
  laneTop: 34,
  laneBoxH: 44,
  firstY: 118,
  rowMessage: 48,
  rowThin: 30,
  flightGap: 14,
  calloutChars: 66,
  calloutLine: 16,
  notReadFraction: 0.62,
};

/** Split text into lines of at most maxChars (breaking at spaces; long words are cut). */
export function wrapText(text, maxChars) {
  const words = String(text).split(/\s+/).filter(Boolean);
  const lines = [];
  let cur = '';
  for (let w of words) {
    while (w.length > maxChars) {
      if (cur) {
        lines.push(cur);
        cur = '';
      }
      lines.push(w.slice(0, maxChars));
      w = w.slice(maxChars);
    }
    if (!cur) cur = w;
    else if (cur.length + 1 + w.length <= maxChars) cur += ' ' + w;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur) lines.push(cur);
  return lines;
}

const sideName = (s) => (s === 'client' ? 'Client' : 'Server');

/** "+1.35 ms" from microseconds. */
export function timeLabel(us) {
  if (!Number.isFinite(us)) return '';
  return us >= 1000000 ? `+${(us / 1e6).toFixed(2)} s` : `+${(us / 1000).toFixed(2)} ms`;
}

function arrowTitle(it) {
  const who = `${sideName(it.from)} → ${sideName(it.to)}`;
  const prot = PROTECTION[it.protection] ? PROTECTION[it.protection].text : '';
  let t = `${it.label}: ${who}. ${prot}`;
  if (it.kind === 'message' && it.mutual_only) t += ' Sent only in a mutual handshake.';
  if (it.read === false) t += ` The ${it.to} never read it: it had already stopped.`;
  if (Array.isArray(it.deviations) && it.deviations.length) t += ' Mbed TLS differs from the RFC here (see the message details).';
  return t;
}

// The one sentence the diagram adds under the client's Certificate: who can see it on the wire.
export const CLIENT_CERT_PRIVACY = {
  plaintext: {
    text: 'In the clear: anyone on the path sees who the client is (TLS 1.2).',
    sources: ['RFC 5246 §7.4.6', 'RFC 5246 §7.3'] },
  encrypted: {
    text: 'Encrypted: an eavesdropper cannot see who the client is (TLS 1.3).',
    sources: ['RFC 8446 §4.4.2', 'RFC 8446 Appendix E.1'] },
};

/** The privacy note of an item: the client's non-empty Certificate, or null. */
export function clientCertNote(it) {
  if (it.kind !== 'message' || it.from !== 'client' || it.hs_type !== 'certificate') return null;
  const certs = it.fields && Array.isArray(it.fields.certificates) ? it.fields.certificates : [];
  if (!certs.length) return null;
  return it.protection === 'plaintext' ? CLIENT_CERT_PRIVACY.plaintext : CLIENT_CERT_PRIVACY.encrypted;
}

function failureTitle(f) {
  return `✕ ${sideName(f.side)} ${f.stalled ? 'stalled' : 'failed'}: ${f.cause}`;
}

function failureSubtitle(f) {
  const parts = [];
  if (f.error) parts.push(`${f.error.name || 'Mbed TLS error'} ${f.error.hex}`);
  if (f.state && f.state.name) parts.push(`in state ${f.state.name}`);
  return parts.join(' ');
}

/**
 * Build the diagram of one session model (model.buildSession). Options: {width}.
 * Returns {width, height, title, subtitle, lanes, items, flights, failures, legend}.
 */
export function buildDiagram(session, opts = {}) {
  const L = { ...LAYOUT, ...opts };
  const width = L.width;
  const xs = L.laneX;
  const items = [];
  const failures = [];
  const flights = [];
  let y = L.firstY;
  let prevFlight = null;
  const failuresAfter = new Map();
  for (const f of session.failures) {
    if (!failuresAfter.has(f.after)) failuresAfter.set(f.after, []);
    failuresAfter.get(f.after).push(f);
  }
  const failingIdx = new Set(session.failures.map((f) => f.failingItem).filter((i) => i !== null));

  const placeFailures = (afterIdx) => {
    for (const f of failuresAfter.get(afterIdx) || []) {
      const lines = wrapText(f.explanation, L.calloutChars);
      const subtitle = failureSubtitle(f);
      const boxX = xs.client + 24;
      const boxW = xs.server - xs.client - 48;
      const head = subtitle ? 44 : 28;
      const boxH = head + lines.length * L.calloutLine + 8;
      const markerY = y + 8;
      failures.push({
        side: f.side,
        cause: f.cause,
        seq: f.seq,
        x: xs[f.side],
        y: markerY,
        title: failureTitle(f),
        subtitle,
        head,
        lines,
        box: { x: boxX, y: markerY + 6, w: boxW, h: boxH },
      });
      y += boxH + 28;
    }
  };

  placeFailures(-1);
  for (const it of session.items) {
    const thin = it.kind === 'ccs' || it.kind === 'data' || it.kind === 'opaque';
    if (it.kind === 'message' && prevFlight !== null && it.flight !== prevFlight) y += L.flightGap;
    if (it.kind === 'message') prevFlight = it.flight;
    const rowH = (thin ? L.rowThin : L.rowMessage) + (clientCertNote(it) ? 14 : 0);
    const ay = y + (thin ? 16 : 26);
    const x1 = xs[it.from];
    const full = xs[it.to];
    const x2 = it.read === false ? x1 + (full - x1) * L.notReadFraction : full;
    const classes = ['arrow', `kind-${it.kind}`, `prot-${it.protection}`, `from-${it.from}`];
    if (it.kind === 'message' && it.mutual_only) classes.push('mutual-only');
    if (it.kind === 'alert') classes.push(it.fatal ? 'alert-fatal' : 'alert-warning');
    if (it.read === false) classes.push('not-read');
    if (failingIdx.has(it.idx)) classes.push('failing');
    items.push({
      idx: it.idx,
      key: it.key,
      kind: it.kind,
      from: it.from,
      to: it.to,
      y: ay,
      x1,
      x2,
      label: it.label,
      tag: protectionTag(it.protection),
      protection: it.protection,
      mutualOnly: it.kind === 'message' && it.mutual_only === true,
      hsType: it.kind === 'message' ? it.hs_type : it.kind,
      seq: it.seq,
      sentSeq: it.sentSeq,
      recvSeq: it.recvSeq,
      read: it.read,
      failing: failingIdx.has(it.idx),
      flight: it.flight,
      thin,
      time: timeLabel(it.t_us),
      classes,
      title: arrowTitle(it),
      deviation: Array.isArray(it.deviations) && it.deviations.length > 0,
      note: clientCertNote(it),
    });
    y += rowH;
    placeFailures(it.idx);
  }

  // Flight bands: from the first to the last message of each flight.
  for (const fl of session.flights) {
    const first = items[fl.items[0]];
    const last = items[fl.items[fl.items.length - 1]];
    flights.push({
      index: fl.index,
      from: fl.from,
      y1: first.y - 30,
      y2: last.y + 18,
      label: `flight ${fl.index + 1} · ${fl.from}`,
    });
  }

  const legendY = y + 20;
  const legend = [
    { key: 'plaintext', label: 'plaintext', cls: 'prot-plaintext' },
    { key: 'handshake', label: 'handshake keys', cls: 'prot-handshake' },
    { key: 'application', label: 'application keys', cls: 'prot-application' },
    { key: 'alert', label: 'alert', cls: 'kind-alert' },
    { key: 'mutual', label: 'mutual only', cls: 'mutual-only' },
  ].map((e, i) => ({ ...e, x: 30 + i * 148, y: legendY }));

  const lastStates = {};
  for (const side of ['client', 'server']) {
    const st = session.sides[side].states;
    lastStates[side] = st.length ? st[st.length - 1].to.name || `state ${st[st.length - 1].to.id}` : '';
  }
  const lanes = ['client', 'server'].map((side) => {
    const s = session.sides[side];
    return {
      side,
      x: xs[side],
      title: sideName(side),
      traced: s.traced,
      state: session.capture ? SEEN_ON_NETWORK : s.traced ? lastStates[side] : 'not traced',
      top: L.laneTop,
      boxH: L.laneBoxH,
    };
  });

  const height = legendY + 30;
  const outcome = session.outcome === 'ok' ? 'handshake succeeded' : session.outcome === 'failed' ? 'handshake failed'
    : session.outcome === 'unknown' ? 'outcome not on the wire' : 'in progress';
  return {
    width,
    height,
    title: `${session.title} — ${session.mode} handshake, ${outcome}`,
    lanes,
    laneBottom: legendY - 8,
    items,
    flights,
    failures,
    legend,
  };
}

/** The diagram items visible at a playback position (seq of the cursor): written at or before it. */
export function visibleAt(diagram, seq) {
  return diagram.items.filter((it) => it.seq <= seq);
}
