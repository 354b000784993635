// Certificate chains: for each side that checked its peer's certificate, the chain from the root CA
// down to the leaf, from Mbed TLS's verify callback (cert_verify events, one per certificate, root
// first) and the x509 fields of the Certificate message; and the verdict in words. Pure.

import { other } from './model.js';
import { checkedByTlstrace } from './capture.js';

const str = (x) => (typeof x === 'string' ? x : null);
const sideName = (s) => (s === 'client' ? 'client' : 'server');

function keyText(k) {
  if (!k || typeof k !== 'object') return null;
  const parts = [];
  if (typeof k.type === 'string') parts.push(k.type);
  if (Number.isInteger(k.bits)) parts.push(`${k.bits} bits`);
  if (typeof k.curve === 'string') parts.push(k.curve);
  return parts.join(', ') || null;
}

function certInfo(c) {
  return {
    subject: str(c.subject),
    issuer: str(c.issuer),
    serial: str(c.serial),
    not_before: str(c.not_before),
    not_after: str(c.not_after),
    key: keyText(c.key),
    signature_algorithm: str(c.signature_algorithm),
    is_ca: c.is_ca === true,
    self_signed: c.self_signed === true,
    san: Array.isArray(c.san) ? c.san.filter((s) => typeof s === 'string') : [],
  };
}

// What a verifier checks, and what it does not, in these demos (Mbed TLS 3.6's x509_crt_verify_chain
// and the endpoints' configuration: no CRL is given to mbedtls_ssl_conf_ca_chain).
const CHECKS = {
  validity: {
    text: 'Validity dates: checked for every certificate of the chain, the trusted CA\'s included, against the verifier\'s own clock. A device whose clock is wrong (no battery-backed clock, no time sync yet) rejects good certificates or accepts expired ones.',
    sources: ['RFC 5280 §6.1.3', 'Mbed TLS 3.6 behaviour: x509_crt_verify_chain (mbedtls_time for every certificate)'] },
  validityOffline: {
    text: 'Validity dates: checked by tlstrace (tlstrace capture --ca) for every certificate of the chain, the trusted CA\'s included, at the time of the capture, not by the clock of the machine reading it. The endpoint checked against its own clock, which the wire does not show.',
    sources: ['RFC 5280 §6.1.3', 'RFC 5280 §4.1.2.5'] },
  signatures: {
    text: 'Signatures and trust: each certificate must be signed by the next one up, and the chain must reach a certificate of the verifier\'s trusted list.',
    sources: ['RFC 5280 §6.1', 'Mbed TLS 3.6 behaviour: x509_crt_find_parent'] },
  revocation: {
    text: 'Revocation: not checked in these demos. No certificate revocation list (CRL) is configured, and Mbed TLS 3.6 does not implement OCSP stapling, so a revoked certificate would pass.',
    sources: ['RFC 5280 §6.3', 'RFC 6066 §8', 'Mbed TLS 3.6 behaviour: mbedtls_ssl_conf_ca_chain with no CRL'] },
  nameClient: {
    text: 'Host name: the client checks the name it asked for (SNI) against the certificate\'s subjectAltName entries (Mbed TLS 3.6 reads the subject CN only when there is no subjectAltName).',
    sources: ['RFC 6125 §6.4.4', 'RFC 9525', 'Mbed TLS 3.6 behaviour: x509_crt_verify_name'] },
  nameServer: {
    text: 'Name: none. TLS gives a client no name to check: the server checks the client\'s chain only, and mapping the certificate to a user is the application\'s job.',
    sources: ['RFC 8446 §4.4.2.4', 'RFC 5246 §7.4.6', 'Mbed TLS 3.6 behaviour: mbedtls_ssl_set_hostname is a client setting'] },
  verdict: {
    text: '', sources: ['RFC 5280 §6.1', 'RFC 8446 §4.4.2.4', 'RFC 5246 §7.4.2'] },
};

/** Every sentence of this module's tables (for the source test). */
export function allWords() {
  return Object.entries(CHECKS).filter(([, w]) => w.text).map(([k, w]) => ({ where: `chain.${k}`, text: w.text, sources: w.sources }));
}

function roleOf(info, depth) {
  if (info.is_ca && info.self_signed) return 'root CA';
  if (info.is_ca) return 'intermediate CA';
  return depth === 0 || depth === null ? 'leaf' : 'certificate';
}

/**
 * Chains checked in a session: [{verifier, owner, items, sentCount, trustedCa, verifyPeer, ok,
 * verdict, reasons, certMessageIdx, empty}], items ordered root → leaf, each
 * {depth, role, source, checked, ok, reasons:[{name, explain}], subject, issuer, ...}.
 */
export function buildChains(session) {
  const chains = [];
  for (const verifier of ['client', 'server']) {
    const owner = other(verifier);
    const side = session.sides[verifier];
    const certMsg = session.messages.find((m) => m.hs_type === 'certificate' && m.from === owner) || null;
    const verifies = side.certVerify.slice().sort((a, b) => b.depth - a.depth || a.seq - b.seq);
    if (!certMsg && verifies.length === 0) continue;
    const sent = certMsg && Array.isArray(certMsg.fields.certificates)
      ? certMsg.fields.certificates.map((c, i) => ({ pos: i, x509: c && typeof c.x509 === 'object' && c.x509 ? c.x509 : null, error: c && str(c.x509_error) }))
      : [];
    const matchSent = (info) => sent.find((s) => s.x509 && s.x509.serial === info.serial && s.x509.subject === info.subject) || null;
    const used = new Set();
    const items = [];
    for (const v of verifies) {
      const info = certInfo(v);
      const m = matchSent(info);
      if (m) used.add(m.pos);
      if (m && m.x509 && info.san.length === 0) info.san = certInfo(m.x509).san;
      items.push({
        ...info,
        depth: v.depth,
        role: roleOf(info, v.depth),
        source: m ? `sent in the ${owner}'s Certificate message (position ${m.pos})` : `from the ${verifier}'s trusted CA certificates`,
        checked: true,
        ok: v.ok === true,
        reasons: Array.isArray(v.reasons) ? v.reasons.filter((r) => r && typeof r.explain === 'string').map((r) => ({ name: String(r.name), explain: r.explain })) : [],
        seq: v.seq,
      });
    }
    // Certificates that were sent but never reached the verify callback (e.g. a CA certificate
    // after an unknown issuer, or a side that failed before checking).
    const unchecked = sent.filter((s) => !used.has(s.pos) && s.x509);
    for (const s of unchecked.reverse()) {
      const info = certInfo(s.x509);
      items.unshift({
        ...info,
        depth: s.pos,
        role: roleOf(info, s.pos),
        source: `sent in the ${owner}'s Certificate message (position ${s.pos})`,
        checked: false,
        ok: null,
        reasons: [],
        seq: null,
      });
    }
    items.sort((a, b) => b.depth - a.depth);
    // A chain whose top is not a self-signed root: the issuer is missing (unknown to the verifier).
    const top = items[0];
    let missingIssuer = null;
    if (top && !top.self_signed && top.issuer) {
      missingIssuer = {
        subject: top.issuer,
        text: `No certificate for "${top.issuer}" was sent, and it is not among the ${verifier}'s trusted CA certificates${side.config && typeof side.config.trusted_ca === 'string' ? ` (it trusts "${side.config.trusted_ca}")` : ''}, so the chain stops here.`,
        sources: CHECKS.signatures.sources,
      };
    }
    const checked = items.filter((i) => i.checked);
    const bad = checked.filter((i) => !i.ok);
    const empty = !!certMsg && sent.length === 0;
    const failure = session.failures.find((f) => f.side === verifier) || null;
    let verdict;
    let ok = null;
    const whose = `the ${owner}'s`;
    if (empty) {
      verdict = `The ${owner} sent an empty Certificate message: it has no certificate to prove who it is.`;
      ok = false;
    } else if (checked.length === 0) {
      const why = side.config && side.config.verify_peer === 'none'
        ? `the ${verifier} is configured not to check its peer (verify_peer none)`
        : session.capture ? `the capture does not show the ${verifier}'s own check (tlstrace capture --ca FILE checks it offline)`
          : !side.traced ? `the ${verifier} is not traced` : failure ? `the ${verifier} stopped before checking it` : `no check was reported`;
      verdict = `${whose[0].toUpperCase() + whose.slice(1)} certificate was not checked here: ${why}.`;
    } else if (checkedByTlstrace(verifies)) {
      ok = bad.length === 0;
      const reasons = [];
      for (const b of bad) for (const r of b.reasons) if (!reasons.includes(r.explain)) reasons.push(r.explain);
      verdict = `${checkedByTlstrace(verifies)} ${ok ? `The chain is valid: each certificate correctly signed by its issuer and valid then, ending at the given root CA.` : `It is not valid: ${reasons.join('; ') || 'Mbed TLS reported a problem'}.`}`;
    } else if (bad.length === 0) {
      ok = true;
      verdict = `The ${verifier} accepted ${whose} certificate: each certificate is correctly signed by its issuer and within its validity dates, the chain reaches a CA certificate the ${verifier} trusts${verifier === 'client' ? ', and the leaf is valid for the host name the client asked for' : ''}.`;
    } else {
      ok = false;
      const reasons = [];
      for (const b of bad) for (const r of b.reasons) if (!reasons.includes(r.explain)) reasons.push(r.explain);
      verdict = `The ${verifier} rejected ${whose} certificate: ${reasons.join('; ') || 'Mbed TLS reported a problem'}.`;
    }
    chains.push({
      verifier,
      owner,
      items,
      missingIssuer,
      sentCount: sent.length,
      trustedCa: side.config && typeof side.config.trusted_ca === 'string' ? side.config.trusted_ca : null,
      verifyPeer: side.config && typeof side.config.verify_peer === 'string' ? side.config.verify_peer : null,
      serverName: verifier === 'client' && side.config && typeof side.config.server_name === 'string' ? side.config.server_name : null,
      ok,
      verdict,
      verdictSources: CHECKS.verdict.sources,
      checks: [checkedByTlstrace(verifies) ? CHECKS.validityOffline : CHECKS.validity, CHECKS.signatures, CHECKS.revocation, verifier === 'client' ? CHECKS.nameClient : CHECKS.nameServer],
      empty,
      certMessageIdx: certMsg ? certMsg.idx : null,
      title: `${sideName(owner)[0].toUpperCase() + sideName(owner).slice(1)} certificate, checked by ${checkedByTlstrace(verifies) ? 'tlstrace (offline)' : `the ${verifier}`}`,
    });
  }
  return chains;
}
