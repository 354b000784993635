// The key schedule of one session, built from its `secret` events (names only: the trace never
// holds a value) and from what the handshake shows: TLS 1.3's ladder (RFC 8446 §7.1) or TLS 1.2's
// premaster → (extended) master secret → key block (RFC 5246 §8.1, §6.3; RFC 7627). Each rung
// says whether the trace saw it (a secret event, by side and seq), what it comes from, and which
// records of the diagram its keys protect. Pure.

import { extData } from './negotiation.js';

const byLabel = (session, label) => {
  const seen = [];
  for (const side of ['client', 'server']) {
    for (const s of session.sides[side].secrets) if (s.label === label) seen.push({ side, seq: s.seq });
  }
  return seen;
};

// The items (messages, alerts, records) one direction wrote under a protection.
const protectedBy = (session, from, protection) =>
  session.items.filter((it) => it.from === from && it.protection === protection)
    .map((it) => ({ idx: it.idx, seq: it.seq, label: it.label, from: it.from }));

const TLS13 = [
  { id: 'early_secret', name: 'Early Secret', label: null, from: [],
    text: 'HKDF-Extract of a pre-shared key, or of zeros when there is none (a full handshake, as here). Mbed TLS keeps it inside: it is not exported.',
    sources: ['RFC 8446 §7.1'] },
  { id: 'handshake_secret', name: 'Handshake Secret', label: null, from: ['early_secret', 'kx'],
    text: 'HKDF-Extract of the (EC)DHE shared secret, salted with Derive-Secret(Early Secret, "derived"). Not exported.',
    sources: ['RFC 8446 §7.1', 'RFC 8446 §7.4'] },
  { id: 'c_hs', name: 'client_handshake_traffic_secret', label: 'CLIENT_HANDSHAKE_TRAFFIC_SECRET', from: ['handshake_secret'],
    protects: ['client', 'handshake'],
    text: 'Derive-Secret(Handshake Secret, "c hs traffic", ClientHello..ServerHello): its keys protect the client\'s handshake messages after the ServerHello.',
    sources: ['RFC 8446 §7.1', 'RFC 8446 §7.3'] },
  { id: 's_hs', name: 'server_handshake_traffic_secret', label: 'SERVER_HANDSHAKE_TRAFFIC_SECRET', from: ['handshake_secret'],
    protects: ['server', 'handshake'],
    text: 'Derive-Secret(Handshake Secret, "s hs traffic", ClientHello..ServerHello): its keys protect the server\'s messages from EncryptedExtensions to Finished.',
    sources: ['RFC 8446 §7.1', 'RFC 8446 §7.3'] },
  { id: 'master_secret', name: 'Master Secret', label: null, from: ['handshake_secret'],
    text: 'HKDF-Extract of zeros, salted with Derive-Secret(Handshake Secret, "derived"). Not exported.',
    sources: ['RFC 8446 §7.1'] },
  { id: 'c_ap', name: 'client_application_traffic_secret_0', label: 'CLIENT_TRAFFIC_SECRET_0', from: ['master_secret'],
    protects: ['client', 'application'],
    text: 'Derive-Secret(Master Secret, "c ap traffic", ClientHello..server Finished): its keys protect what the client sends after its Finished.',
    sources: ['RFC 8446 §7.1', 'RFC 8446 §7.3'] },
  { id: 's_ap', name: 'server_application_traffic_secret_0', label: 'SERVER_TRAFFIC_SECRET_0', from: ['master_secret'],
    protects: ['server', 'application'],
    text: 'Derive-Secret(Master Secret, "s ap traffic", ClientHello..server Finished): its keys protect what the server sends after its Finished, tickets included.',
    sources: ['RFC 8446 §7.1', 'RFC 8446 §7.3'] },
  { id: 'exporter', name: 'exporter_master_secret', label: null, from: ['master_secret'],
    text: 'Derive-Secret(Master Secret, "exp master", ClientHello..server Finished), for keying material an application exports. Mbed TLS 3.6 gives no export callback for it.',
    sources: ['RFC 8446 §7.1', 'RFC 8446 §7.5', 'Mbed TLS 3.6 behaviour: mbedtls_ssl_key_export_type has no exporter secret'] },
  { id: 'resumption', name: 'resumption_master_secret', label: null, from: ['master_secret'],
    tickets: true,
    text: 'Derive-Secret(Master Secret, "res master", ClientHello..client Finished): each NewSessionTicket\'s pre-shared key is derived from it and the ticket\'s nonce. The ticket itself is protected by a long-lived key of the server\'s. Not exported.',
    sources: ['RFC 8446 §7.1', 'RFC 8446 §4.6.1'] },
];

const TLS12 = (ems) => [
  { id: 'premaster', name: 'premaster secret', label: null, from: ['kx'],
    text: 'The (EC)DHE shared secret (or, with RSA key transport, a random value the client encrypts to the server\'s key). Mbed TLS keeps it inside: it is not exported.',
    sources: ['RFC 5246 §8.1.1', 'RFC 5246 §8.1.2', 'RFC 8422 §5.10'] },
  ems
    ? { id: 'master', name: 'extended master secret', label: 'CLIENT_RANDOM', from: ['premaster', 'session_hash'],
        text: 'PRF(premaster secret, "extended master secret", session hash): both sides agreed on extended_master_secret, so the master secret is bound to the hash of the handshake messages up to and including ClientKeyExchange, not only to the randoms.',
        sources: ['RFC 7627 §3', 'RFC 7627 §4'] }
    : { id: 'master', name: 'master secret', label: 'CLIENT_RANDOM', from: ['premaster', 'randoms'],
        text: 'PRF(premaster secret, "master secret", client random + server random).',
        sources: ['RFC 5246 §8.1'] },
  { id: 'key_block', name: 'key block', label: null, from: ['master'],
    text: 'PRF(master secret, "key expansion", server random + client random), cut into each direction\'s write key and IV (and MAC key for CBC suites). tlstrace derives it itself from the exported master secret to decrypt the records.',
    sources: ['RFC 5246 §6.3'] },
  { id: 'client_write', name: 'client write key and IV', label: null, from: ['key_block'], protects: ['client', 'application'],
    text: 'Protects every record the client sends after its ChangeCipherSpec.',
    sources: ['RFC 5246 §6.3', 'RFC 5246 §7.1'] },
  { id: 'server_write', name: 'server write key and IV', label: null, from: ['key_block'], protects: ['server', 'application'],
    text: 'Protects every record the server sends after its ChangeCipherSpec.',
    sources: ['RFC 5246 §6.3', 'RFC 5246 §7.1'] },
];

/** Every sentence of this module (for the source test). */
export function allWords() {
  return [...TLS13, ...TLS12(true), ...TLS12(false)].map((r) => ({ where: `keyschedule.${r.id}`, text: r.text, sources: r.sources }));
}

/**
 * The key schedule view model: {version, ems, rungs: [{id, name, label, from, seen, exported,
 * protects: [{idx, seq, label, from}], tickets: [...], text, sources}], kx, note}. null when the
 * session did not get as far as choosing a version.
 */
export function buildKeySchedule(session) {
  const v = session.version;
  if (v !== 'TLS 1.3' && v !== 'TLS 1.2') return null;
  const tls13 = v === 'TLS 1.3';
  const sh = session.messages.find((m) => m.hs_type === 'server_hello' && !(m.fields && m.fields.hello_retry_request));
  const ems = !tls13 && !!extData(sh, 'extended_master_secret');
  const rows = tls13 ? TLS13 : TLS12(ems);
  const tickets = session.messages.filter((m) => m.hs_type === 'new_session_ticket').map((m) => ({ idx: m.idx, seq: m.seq, label: m.label, from: m.from }));
  const kx = session.keyExchange;
  const rungs = rows.map((r) => {
    const seen = r.label ? byLabel(session, r.label) : [];
    return {
      id: r.id,
      name: r.name,
      label: r.label,
      from: r.from,
      seen,
      exported: !!r.label,
      protects: r.protects ? protectedBy(session, r.protects[0], r.protects[1]) : [],
      tickets: r.tickets ? tickets : [],
      text: r.text,
      sources: r.sources,
    };
  });
  return {
    version: v,
    ems,
    rungs,
    kx: kx && kx.group ? { group: kx.group, method: String(kx.method || '') } : null,
    ticketsTls12: !tls13 ? tickets : [],
    note: 'Names only: the trace holds which secrets were derived, never their values (those go only to a key log file you ask for).',
    noteSources: ['RFC 8446 §7.1', 'Mbed TLS 3.6 behaviour: mbedtls_ssl_set_export_keys_cb'],
  };
}
