// Negotiation: what the client offered (ClientHello) against what the server chose (ServerHello,
// the negotiated event), read from the trace's decoded fields. Pure.

import { isNamed } from './explain.js';

function extensions(msg) {
  return msg && msg.fields && Array.isArray(msg.fields.extensions) ? msg.fields.extensions : [];
}

/** The data of the extension with this IANA name in a message, or null. */
export function extData(msg, name) {
  for (const x of extensions(msg)) {
    if (x && isNamed(x.type) && x.type.name === name) return x.data && typeof x.data === 'object' ? x.data : {};
  }
  return null;
}

const list = (v) => (Array.isArray(v) ? v.filter(isNamed) : []);
const firstList = (d, ...keys) => {
  if (!d) return [];
  for (const k of keys) if (Array.isArray(d[k])) return list(d[k]);
  return [];
};

/** 1.3 from "TLS 1.3" (or 0x0304), for ordering versions. */
export function versionRank(v) {
  if (isNamed(v)) return v.id;
  const m = /(\d+)\.(\d+)/.exec(String(v));
  return m ? 0x0300 + Number(m[2]) + 1 : 0;
}

const vname = (v) => (isNamed(v) ? v.name || `0x${v.id.toString(16)}` : String(v));

/**
 * The negotiation view model of a session. Every list is made of {id, name, chosen} entries.
 */
export function buildNegotiation(session) {
  const msgs = session.messages;
  const realSH = msgs.find((m) => m.hs_type === 'server_hello' && !m.fields.hello_retry_request) || null;
  const hrr = msgs.find((m) => m.hs_type === 'server_hello' && m.fields.hello_retry_request === true) || null;
  const hellos = msgs.filter((m) => m.hs_type === 'client_hello');
  // The ClientHello the server answered: the last one written before the real ServerHello.
  const ch = realSH ? hellos.filter((m) => m.seq < realSH.seq).pop() || hellos[0] || null : hellos[hellos.length - 1] || null;
  const neg = session.negotiated;
  const clientCfg = session.sides.client.config;
  const serverCfg = session.sides.server.config;

  // Versions (RFC 8446 §4.2.1: the server picks one of the client's supported_versions; without
  // the extension, legacy_version is the client's highest and the server picks at most that).
  const sv = extData(ch, 'supported_versions');
  let offered = firstList(sv, 'versions');
  const offeredFrom = offered.length ? 'supported_versions extension' : 'legacy_version (the client\'s highest)';
  if (!offered.length && ch && isNamed(ch.fields.legacy_version)) offered = [ch.fields.legacy_version];
  const chosenVersion = neg ? neg.version : realSH && isNamed(realSH.fields.selected_version) ? realSH.fields.selected_version : null;
  const serverAccepts = serverCfg && Array.isArray(serverCfg.versions) ? serverCfg.versions.map(String) : null;
  const clientAccepts = clientCfg && Array.isArray(clientCfg.versions) ? clientCfg.versions.map(String) : null;
  let common = null;
  if (serverAccepts && clientAccepts) common = clientAccepts.filter((v) => serverAccepts.includes(v));
  let versionRule;
  if (chosenVersion) {
    versionRule = `The server chose ${vname(chosenVersion)}: the highest version both sides support.`;
  } else if (common && common.length === 0) {
    versionRule = `No version in common: the client accepts ${clientAccepts.join(', ')}, the server ${serverAccepts.join(', ')}. The server picks the highest version both support, and there is none.`;
  } else {
    versionRule = 'No version was chosen: the server never answered with a ServerHello.';
  }

  // Cipher suites: the server picks one from the client's list (its own preference order).
  const chosenSuite = neg ? neg.cipher_suite : realSH && isNamed(realSH.fields.cipher_suite) ? realSH.fields.cipher_suite : null;
  const suites = list(ch && ch.fields.cipher_suites).map((s) => ({ ...s, chosen: !!chosenSuite && s.id === chosenSuite.id }));
  const serverSuites = serverCfg ? serverCfg.cipher_suites : null;

  // Groups: the client's supported_groups and the key shares it sent; the one used.
  const groupsOffered = firstList(extData(ch, 'supported_groups'), 'named_group_list', 'groups');
  const ks = extData(ch, 'key_share');
  const shares = ks && Array.isArray(ks.shares) ? ks.shares.filter((x) => x && isNamed(x.group)).map((x) => x.group) : [];
  const ske = msgs.find((m) => m.hs_type === 'server_key_exchange');
  const shKs = extData(realSH, 'key_share');
  const chosenGroup = (neg && isNamed(neg.group) ? neg.group : null) ||
    (shKs && isNamed(shKs.group) ? shKs.group : null) ||
    (ske && isNamed(ske.fields.named_group) ? ske.fields.named_group : null) ||
    (session.keyExchange && isNamed(session.keyExchange.group) ? session.keyExchange.group : null);
  const hrrKs = extData(hrr, 'key_share');
  const hrrGroup = hrrKs && isNamed(hrrKs.selected_group) ? hrrKs.selected_group : null;

  const sigs = firstList(extData(ch, 'signature_algorithms'), 'supported_signature_algorithms', 'schemes');
  const sni = [];
  const sn = extData(ch, 'server_name');
  if (sn) {
    for (const n of Array.isArray(sn.server_name_list) ? sn.server_name_list : []) if (n && typeof n.host_name === 'string') sni.push(n.host_name);
    for (const n of Array.isArray(sn.names) ? sn.names : []) if (typeof n === 'string') sni.push(n);
  }
  const alpnD = extData(ch, 'application_layer_protocol_negotiation');
  const alpnOffered = alpnD && Array.isArray(alpnD.protocols) ? alpnD.protocols.filter((p) => typeof p === 'string') : [];

  // The chosen suite in parts. TLS 1.3 suites leave key exchange and authentication out: show
  // what was really used for them (the group, and the servers' CertificateVerify scheme).
  let parts = null;
  if (neg && neg.cipher_suite) {
    const cs = neg.cipher_suite;
    parts = {
      name: cs.name,
      id: cs.id,
      key_exchange: typeof cs.key_exchange === 'string' ? cs.key_exchange : null,
      authentication: typeof cs.authentication === 'string' ? cs.authentication : null,
      cipher: typeof cs.cipher === 'string' ? cs.cipher : null,
      hash: typeof cs.hash === 'string' ? cs.hash : null,
      explanation: typeof cs.explanation === 'string' ? cs.explanation : '',
      sources: Array.isArray(cs.sources) ? cs.sources : [],
      keyExchangeUsed: chosenGroup ? `${session.keyExchange && session.keyExchange.method ? session.keyExchange.method + ' over ' : ''}${vname(chosenGroup)}` : null,
      authenticationUsed: null,
    };
    const scv = msgs.find((m) => m.hs_type === 'certificate_verify' && m.from === 'server');
    const sigFrom = scv || ske;
    if (sigFrom && isNamed(sigFrom.fields.signature_scheme)) parts.authenticationUsed = `server signs with ${vname(sigFrom.fields.signature_scheme)}`;
  }

  const secrets = {};
  for (const side of ['client', 'server']) {
    secrets[side] = session.sides[side].secrets.map((s) => ({
      label: String(s.label),
      length: s.length,
      hash: s.hash,
      explanation: typeof s.explanation === 'string' ? s.explanation : '',
      sources: Array.isArray(s.sources) ? s.sources : [],
    }));
  }

  return {
    clientHelloIdx: ch ? ch.idx : null,
    serverHelloIdx: realSH ? realSH.idx : null,
    version: {
      offered: offered.map((v) => ({ ...v, chosen: !!chosenVersion && v.id === chosenVersion.id })),
      offeredFrom,
      chosen: chosenVersion,
      clientAccepts,
      serverAccepts,
      common,
      rule: versionRule,
    },
    cipherSuites: { offered: suites, chosen: chosenSuite, serverConfig: serverSuites },
    groups: {
      offered: groupsOffered.map((g) => ({ ...g, chosen: !!chosenGroup && g.id === chosenGroup.id })),
      keyShares: shares.map((g) => ({ ...g, chosen: !!chosenGroup && g.id === chosenGroup.id })),
      chosen: chosenGroup,
      helloRetry: hrr ? { group: hrrGroup, idx: hrr.idx } : null,
    },
    signatureAlgorithms: sigs,
    sni,
    alpn: { offered: alpnOffered, chosen: neg && typeof neg.alpn === 'string' ? neg.alpn : null },
    suiteParts: parts,
    keyExchange: session.keyExchange
      ? {
          group: session.keyExchange.group,
          method: String(session.keyExchange.method || ''),
          client_share_length: session.keyExchange.client_share_length,
          server_share_length: session.keyExchange.server_share_length,
          explanation: typeof session.keyExchange.explanation === 'string' ? session.keyExchange.explanation : '',
          sources: Array.isArray(session.keyExchange.sources) ? session.keyExchange.sources : [],
        }
      : null,
    secrets,
    mode: session.mode,
    clientCertRequested: neg ? neg.client_cert_requested === true : session.messages.some((m) => m.hs_type === 'certificate_request'),
    clientAuthenticated: neg ? neg.client_authenticated === true : false,
  };
}
