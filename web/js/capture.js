// Sessions seen on the network (`tlstrace capture`), and capture files opened in the page. Pure:
// no DOM; runs in the browser and in Node.
//
// A capture session has no traced endpoint: each side's events are what that side wrote, as the
// network carried it (side = from, dir = sent), with no Mbed TLS states; whether and when the
// receiver read something is not on the wire. The page draws it like any other session, with
// both lanes labelled "seen on the network".

export const SEEN_ON_NETWORK = 'seen on the network';

/** The largest capture the page uploads to `tlstrace ui` (the server's bound, tt_ws.h). */
export const MAX_CAPTURE_UPLOAD = 64 * 1024 * 1024;

const isObj = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);

/** 1 when a session_start event comes from `tlstrace capture`. */
export const isCaptureStart = (e) => isObj(e) && e.source === 'capture';

function endpoint(x) {
  if (!isObj(x) || typeof x.address !== 'string' || !Number.isInteger(x.port)) return null;
  return x.address.includes(':') ? `[${x.address}]:${x.port}` : `${x.address}:${x.port}`;
}

/**
 * What the capture says about a session's connection, from either side's session_start, or null
 * when the session is not a capture: {client, server, origin, link, firstSeen, rolesFrom}.
 */
export function captureInfo(sides) {
  const start = ['client', 'server'].map((s) => sides[s].start).find(isCaptureStart);
  if (!start) return null;
  const c = isObj(start.capture) ? start.capture : {};
  return {
    client: endpoint(c.client) || 'client',
    server: endpoint(c.server) || 'server',
    origin: typeof c.origin === 'string' ? c.origin : null,
    link: typeof c.link === 'string' ? c.link : null,
    firstSeen: typeof c.first_seen === 'string' ? c.first_seen : null,
    rolesFrom: typeof c.roles_from === 'string' ? c.roles_from : null,
  };
}

/** A capture session's title: "192.0.2.1:49152 → 198.51.100.1:443". */
export const captureTitle = (info) => `${info.client} → ${info.server}`;

const ROLES_FROM = {
  client_hello: 'the side that sent the ClientHello is the client',
  server_hello: 'the side that sent the ServerHello is the server (the capture began after the ClientHello)',
  syn: 'the side that opened the TCP connection (SYN) is the client',
  ports: 'the capture holds neither hello nor the TCP handshake: the side on the higher port is taken for the client',
};

/** Sentences for the states panel of a capture session. */
export function captureStatesText(info) {
  return [
    `Seen on the network: this connection was captured (${info.origin || 'a capture'}${info.link ? `, link type ${info.link}` : ''}), neither endpoint was traced, so there is no Mbed TLS state machine to show. Every message, alert and record is what the network carried; the outcome is inferred from the wire.`,
    ROLES_FROM[info.rolesFrom] ? `Which side is the client: ${ROLES_FROM[info.rolesFrom]}.` : null,
  ].filter(Boolean);
}

/** The note under a message of a capture session (the receiver's reading is not on the wire). */
export const captureReadNote = (item) => `Seen on the network, from the ${item.from} to the ${item.to}: when (or whether) the ${item.to} read it is not on the wire.`;

/** The label of a record the capture missed part of (record events with a gap). */
export const gapLabel = (e) => `Not captured: ${isObj(e.gap) && Number.isInteger(e.gap.bytes) ? e.gap.bytes : '?'} bytes`;

/** Words for a chain checked by tlstrace itself (`tlstrace capture --ca`), not by an endpoint. */
export function checkedByTlstrace(verifies) {
  const v = verifies.find((x) => x.checked_by === 'tlstrace');
  if (!v) return null;
  const at = typeof v.checked_at === 'string' ? v.checked_at : 'the capture\'s time';
  const name = typeof v.checked_name === 'string' ? ` for the name ${v.checked_name}` : '';
  return `Checked by tlstrace (tlstrace capture --ca), not by the endpoint: as Mbed TLS would check it, at ${at}${name}.`;
}

// --- capture files --------------------------------------------------------------------------------

/** 'pcap', 'pcapng' or null, from a file's first bytes (magic numbers, both byte orders). */
export function captureKind(bytes) {
  if (!bytes || bytes.length < 4) return null;
  const le = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
  const be = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  if (le === 0x0a0d0d0a) return 'pcapng';
  for (const m of [le, be]) if (m === 0xa1b2c3d4 || m === 0xa1b23c4d) return 'pcap';
  return null;
}

/** 1 when a file name looks like a capture (.pcap, .pcapng, .cap). */
export const isCaptureName = (name) => /\.(pcap|pcapng|cap)$/i.test(String(name));

/** What to say when a capture is opened where nothing can convert it. */
export const runCaptureText = (name) => `${name} is a capture, not a trace: run "tlstrace capture ${name} --out trace.jsonl" and open trace.jsonl, or open this page from "tlstrace ui", which converts captures.`;
