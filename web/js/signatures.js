// Who signs what in one session, from the messages it really contains (RFC 8446 §4.4.3; RFC 5246
// §7.4.3, §7.4.8), and the TLS 1.3 downgrade sentinel in ServerHello.random (RFC 8446 §4.1.3),
// flagged when the wire parser found it. Pure.

import { isNamed } from './explain.js';

const WORDS = {
  cv13: {
    text: 'signs the transcript hash of every handshake message so far (the chosen version, suite and key shares included), with a context string that names the signer\'s role.',
    sources: ['RFC 8446 §4.4.3'] },
  cv12: {
    text: 'signs all the handshake messages it has sent and received so far.',
    sources: ['RFC 5246 §7.4.8'] },
  ske: {
    text: 'signs only the two hello randoms and its key-exchange parameters: not the chosen cipher suite or version, so an attacker who tampers with the hellos is caught only by Finished, later (why downgrade attacks on TLS 1.2 could work).',
    sources: ['RFC 5246 §7.4.3', 'RFC 8422 §5.4', 'RFC 5246 Appendix F.1.2'] },
  rsa: {
    text: 'signs nothing: with RSA key transport the server proves it holds its key by decrypting the premaster secret, which shows only in its Finished.',
    sources: ['RFC 5246 §7.4.7.1', 'RFC 5246 Appendix F.1.1.2'] },
  ca: {
    text: 'Each certificate is signed by its issuer, a CA; the Certificates tab shows that check.',
    sources: ['RFC 5280 §4.1.1.3', 'RFC 5280 §6.1'] },
  sentinelPresent: {
    text: 'The server\'s random ends with the downgrade sentinel "DOWNGRD": this server supports TLS 1.3 but negotiated an older version. A TLS 1.3 client that sees it must abort, since an attacker may have removed TLS 1.3 from its ClientHello; the random is covered by the server\'s signature, so the attacker cannot erase the sentinel.',
    sources: ['RFC 8446 §4.1.3'] },
  sentinelAbsent12: {
    text: 'No downgrade sentinel in the server\'s random: the server did not announce TLS 1.3 support while negotiating TLS 1.2 (a TLS 1.3-capable server must, RFC 8446).',
    sources: ['RFC 8446 §4.1.3'] },
  sentinelAbsent13: {
    text: 'TLS 1.3 was negotiated: no downgrade sentinel is expected in the server\'s random.',
    sources: ['RFC 8446 §4.1.3'] },
};

/** Every sentence of this module (for the source test). */
export function allWords() {
  return Object.entries(WORDS).map(([k, w]) => ({ where: `signatures.${k}`, text: w.text, sources: w.sources }));
}

/**
 * {rows: [{who, message, idx, seq, scheme, text, sources}], sentinel: {value, idx, flagged, text,
 * sources} | null, ca: {text, sources}}.
 */
export function buildSignatures(session) {
  const rows = [];
  const tls13 = session.version === 'TLS 1.3';
  for (const m of session.messages) {
    const scheme = m.fields && isNamed(m.fields.signature_scheme) ? m.fields.signature_scheme : null;
    if (m.hs_type === 'certificate_verify') {
      const w = tls13 ? WORDS.cv13 : WORDS.cv12;
      rows.push({ who: m.from, message: m.label, idx: m.idx, seq: m.seq, scheme, text: w.text, sources: w.sources });
    } else if (m.hs_type === 'server_key_exchange' && m.fields && Number.isInteger(m.fields.signature_length)) {
      rows.push({ who: 'server', message: m.label, idx: m.idx, seq: m.seq, scheme, text: WORDS.ske.text, sources: WORDS.ske.sources });
    }
  }
  const suite = session.negotiated && session.negotiated.cipher_suite;
  if (!tls13 && suite && suite.key_exchange === 'RSA') {
    rows.push({ who: 'server', message: null, idx: null, seq: null, scheme: null, text: WORDS.rsa.text, sources: WORDS.rsa.sources });
  }
  const sh = session.messages.find((m) => m.hs_type === 'server_hello' && !(m.fields && m.fields.hello_retry_request));
  let sentinel = null;
  if (sh && sh.fields && 'downgrade_sentinel' in sh.fields) {
    const value = typeof sh.fields.downgrade_sentinel === 'string' ? sh.fields.downgrade_sentinel : null;
    const w = value ? WORDS.sentinelPresent : tls13 ? WORDS.sentinelAbsent13 : WORDS.sentinelAbsent12;
    sentinel = { value, flagged: !!value, idx: sh.idx, seq: sh.seq, text: w.text, sources: w.sources };
  }
  return { rows, sentinel, ca: WORDS.ca };
}
