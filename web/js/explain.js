// Words the page adds to a trace: what each protection means, and one line for each decoded field
// and extension. Pure data + small lookups, no DOM. The trace itself carries the explanation of
// each message, state, alert, failure and cipher suite; these tables explain the FIELDS, which the
// trace only names. Written for a student; accurate enough for an engineer (RFC sections cited).

/** Short tag drawn on each arrow, and a sentence for tooltips and the legend. */
export const PROTECTION = {
  plaintext: {
    tag: 'plaintext',
    text: 'Sent in the clear: anyone on the path can read these bytes. A handshake message sent in the clear is still covered by the Finished check later; ChangeCipherSpec and alerts are not handshake messages, so nothing checks them.',
    sources: ['RFC 8446 §4.4.4', 'RFC 8446 §4.4.1', 'RFC 5246 §7.4.9'],
  },
  handshake: {
    tag: 'handshake keys',
    text: 'Encrypted with the TLS 1.3 handshake traffic keys, derived from the key exchange right after the hellos: an eavesdropper cannot read it.',
    sources: ['RFC 8446 §7.1', 'RFC 8446 §7.3'],
  },
  application: {
    tag: 'application keys',
    text: 'Encrypted with the keys that also protect the application data (TLS 1.3 application traffic keys; in TLS 1.2 the connection keys switched on by ChangeCipherSpec).',
    sources: ['RFC 8446 §7.3', 'RFC 5246 §6.3', 'RFC 5246 §7.1'],
  },
  encrypted: {
    tag: 'encrypted',
    text: 'Encrypted with keys the tracer does not hold: only the record header and the length are visible.',
    sources: ['RFC 8446 §5.2', 'RFC 5246 §6.2.3'],
  },
};

export function protectionTag(p) {
  return (PROTECTION[p] || PROTECTION.encrypted).tag;
}

/** "TLS_AES_128_GCM_SHA256 (0x1301)"; an unknown name says so, the number is always kept. */
export function namedValue(x) {
  if (x === null || typeof x !== 'object' || !Number.isInteger(x.id)) return String(x);
  const hex = '0x' + x.id.toString(16).padStart(x.id > 0xff ? 4 : 2, '0');
  return `${typeof x.name === 'string' ? x.name : 'unknown'} (${hex})`;
}

export function isNamed(x) {
  return x !== null && typeof x === 'object' && !Array.isArray(x) && Number.isInteger(x.id) &&
    'name' in x && Object.keys(x).length === 2;
}

// One line per field name. Keys "hs_type.field" win over plain "field".
const FIELD = {
  'legacy_version': ['The version field of the old hello format. TLS 1.3 freezes it at TLS 1.2 (0x0303) and puts the real versions in the supported_versions extension (RFC 8446 §4.1.2).', ['RFC 8446 §4.1.2', 'RFC 5246 §7.4.1.2']],
  'random': ['32 fresh random bytes from the sender. Both randoms go into the key derivation, so every handshake gets new keys.', ['RFC 8446 §4.1.2', 'RFC 5246 §8.1']],
  'session_id': ['In TLS 1.2, an id for resuming an earlier session. TLS 1.3 only echoes it back, for compatibility with middleboxes.', ['RFC 8446 §4.1.2', 'RFC 5246 §7.4.1.2']],
  'client_hello.cipher_suites': ['The cipher suites the client can use, in its order of preference. The server picks one.', ['RFC 8446 §4.1.2', 'RFC 5246 §7.4.1.2']],
  'client_hello.compression_methods': ['Compression methods the client offers. Only "null" (no compression) is safe and allowed today.', ['RFC 8446 §4.1.2', 'RFC 5246 §6.2.2']],
  'extensions': ['Extensions: optional blocks (type, length, data) that add features and carry most of the negotiation.', ['RFC 8446 §4.2', 'RFC 5246 §7.4.1.4']],
  'server_hello.cipher_suite': ['The one cipher suite the server chose from the client\'s list.', ['RFC 8446 §4.1.3', 'RFC 5246 §7.4.1.3']],
  'server_hello.compression_method': ['The compression the server chose: always "null" (none).', ['RFC 8446 §4.1.3', 'RFC 5246 §7.4.1.3']],
  'downgrade_sentinel': ['Whether the last 8 bytes of the server\'s random are "DOWNGRD" + 01 (TLS 1.2) or 00 (older): a TLS 1.3 server that had to negotiate an older version must say so there, inside the signed random, so a TLS 1.3 client notices an attacker forcing the downgrade. null: no sentinel.', ['RFC 8446 §4.1.3']],
  'hello_retry_request': ['True when this ServerHello is really a HelloRetryRequest: the server asks the client to say hello again (RFC 8446 §4.1.4).', ['RFC 8446 §4.1.3', 'RFC 8446 §4.1.4']],
  'selected_version': ['The TLS version the server chose (from supported_versions, or legacy_version in TLS 1.2).', ['RFC 8446 §4.2.1', 'RFC 5246 §7.4.1.3']],
  'certificate_request_context': ['TLS 1.3: an id that ties a Certificate to the CertificateRequest it answers; empty during the handshake.', ['RFC 8446 §4.4.2']],
  'certificates': ['The certificate chain: the sender\'s own certificate first, then CA certificates that link it to a root.', ['RFC 8446 §4.4.2', 'RFC 5246 §7.4.2']],
  'certificate.length': ['Size of this certificate in bytes.', ['RFC 8446 §4.4.2']],
  'x509': ['One X.509 certificate (DER bytes), described below: who it names, who signed it, when it is valid, its public key.', ['RFC 5280 §4.1']],
  'subject': ['Whom the certificate names (the owner of the public key).', ['RFC 5280 §4.1.2.6']],
  'issuer': ['Which certificate authority signed this certificate.', ['RFC 5280 §4.1.2.4']],
  'serial': ['The number the issuing CA gave this certificate; unique per CA.', ['RFC 5280 §4.1.2.2']],
  'not_before': ['The certificate is not valid before this time (UTC).', ['RFC 5280 §4.1.2.5']],
  'not_after': ['The last moment (UTC) the certificate is valid: a verifier whose own clock is later rejects it as expired.', ['RFC 5280 §4.1.2.5']],
  'key': ['The public key inside the certificate: the peer proves it owns the matching private key.', ['RFC 5280 §4.1.2.7']],
  'type': ['The key algorithm (or, in an extension, its type number).', ['RFC 5280 §4.1.2.7']],
  'bits': ['Key size in bits.', ['RFC 5280 §4.1.2.7']],
  'curve': ['The elliptic curve of the key.', ['RFC 5480']],
  'signature_algorithm': ['The algorithm the issuer used to sign this certificate.', ['RFC 5280 §4.1.1.2']],
  'san': ['Subject Alternative Names: the host names and addresses this certificate is valid for. The client checks the name it asked for against this list.', ['RFC 5280 §4.2.1.6', 'RFC 6125 §6.4.4']],
  'is_ca': ['Whether this certificate may sign other certificates (it belongs to a certificate authority).', ['RFC 5280 §4.2.1.9']],
  'self_signed': ['Signed with its own key: this is how a root CA certificate looks.', ['RFC 5280 §6.1']],
  'version': ['The X.509 format version (3 for modern certificates).', ['RFC 5280 §4.1.2.1']],
  'x509_error': ['The certificate bytes could not be described.', ['RFC 5280 §4.1']],
  'curve_type': ['How the curve is named: named_curve means a standard group given by its number.', ['RFC 8422 §5.4']],
  'named_group': ['The group (curve) of the server\'s ephemeral Diffie-Hellman key.', ['RFC 8422 §5.4']],
  'server_key_exchange.public_key_length': ['The server\'s ephemeral public key (its length byte, then the key). Fresh for each handshake: this gives forward secrecy.', ['RFC 8422 §5.4', 'RFC 5246 §7.4.3']],
  'client_key_exchange.public_key_length': ['The client\'s ephemeral public key (its length byte, then the key). With the server\'s key it gives both sides the same premaster secret.', ['RFC 8422 §5.7', 'RFC 5246 §7.4.7.2']],
  'encrypted_premaster_length': ['The premaster secret encrypted with the server\'s RSA key (no forward secrecy).', ['RFC 5246 §7.4.7.1']],
  'signature_scheme': ['The signature algorithm used (key type + hash).', ['RFC 8446 §4.2.3', 'RFC 5246 §7.4.1.4.1']],
  'server_key_exchange.signature_length': ['The server\'s signature over both randoms and its key-exchange parameters, made with its certificate\'s private key.', ['RFC 5246 §7.4.3', 'RFC 8422 §5.4']],
  'certificate_verify.signature_length': ['The signature itself (its length, then the bytes), made with the private key of the certificate sent just before.', ['RFC 8446 §4.4.3', 'RFC 5246 §7.4.8']],
  'signature_length': ['The signature (its length, then the bytes).', ['RFC 8446 §4.4.3', 'RFC 5246 §7.4.8']],
  'certificate_types': ['TLS 1.2: the kinds of client key the server accepts.', ['RFC 5246 §7.4.4']],
  'signature_schemes': ['The signature algorithms the sender accepts.', ['RFC 5246 §7.4.4', 'RFC 8446 §4.2.3']],
  'certificate_authorities': ['The CAs the server trusts: the client should send a certificate that chains to one of them (a list in a TLS 1.2 CertificateRequest, an extension in TLS 1.3).', ['RFC 5246 §7.4.4', 'RFC 8446 §4.2.4']],
  'verify_data': ['A MAC over the hash of every handshake message so far, keyed from the handshake\'s secrets (not from the record keys). The peer computes the same value: any tampering or key mismatch shows here.', ['RFC 8446 §4.4.4', 'RFC 5246 §7.4.9']],
  'ticket_lifetime': ['How long, in seconds, the client may keep the ticket.', ['RFC 8446 §4.6.1', 'RFC 5077 §3.3']],
  'ticket_age_add': ['TLS 1.3: a random number that hides the ticket\'s age when it is used again.', ['RFC 8446 §4.6.1']],
  'ticket_nonce': ['TLS 1.3: makes each ticket\'s resumption secret different.', ['RFC 8446 §4.6.1']],
  'ticket_length': ['The ticket (its length, then the bytes): encrypted by the server, opaque to the client.', ['RFC 8446 §4.6.1', 'RFC 5077 §3.3', 'RFC 5077 §4']],
  'value': ['The ChangeCipherSpec byte (always 1).', ['RFC 5246 §7.1', 'RFC 8446 Appendix D.4']],
  'level': ['Alert level: warning (1) or fatal (2). In TLS 1.2 a fatal alert ends the connection and close_notify, though sent as a warning, closes it too; TLS 1.3 ignores the level: the alert type decides.', ['RFC 8446 §6', 'RFC 5246 §7.2']],
  'description': ['Which alert it is.', ['RFC 8446 §6', 'RFC 5246 §7.2']],
};

// Extension-level lines, keyed by the extension's IANA name.
const EXTENSION = {
  server_name: ['SNI: the host name the client wants to reach; it is sent in the clear and lets one server host many names.', ['RFC 6066 §3']],
  supported_versions: ['The TLS versions offered (ClientHello) or chosen (ServerHello). This is how TLS 1.3 is negotiated.', ['RFC 8446 §4.2.1']],
  supported_groups: ['The key-exchange groups (elliptic curves and finite-field groups) the client supports, in order of preference.', ['RFC 8446 §4.2.7', 'RFC 8422 §5.1.1']],
  signature_algorithms: ['The signature algorithms the sender accepts in CertificateVerify and ServerKeyExchange, and also for the signatures inside certificates unless signature_algorithms_cert is sent too.', ['RFC 8446 §4.2.3', 'RFC 5246 §7.4.1.4.1']],
  signature_algorithms_cert: ['The signature algorithms the sender accepts inside certificates.', ['RFC 8446 §4.2.3']],
  key_share: ['TLS 1.3: Diffie-Hellman public keys sent in advance, so the keys exist after one round trip.', ['RFC 8446 §4.2.8']],
  psk_key_exchange_modes: ['TLS 1.3: how a resumed session may use its pre-shared key (with or without a new Diffie-Hellman exchange).', ['RFC 8446 §4.2.9']],
  ec_point_formats: ['TLS 1.2: the point formats for elliptic-curve keys (uncompressed in practice).', ['RFC 8422 §5.1.2']],
  session_ticket: ['TLS 1.2: asks for (empty) or presents a session ticket, to resume without a full handshake.', ['RFC 5077 §3.2']],
  renegotiation_info: ['TLS 1.2: binds a renegotiation to the previous handshake, a fix for an old attack.', ['RFC 5746 §3.2']],
  application_layer_protocol_negotiation: ['ALPN: the application protocols the client speaks (e.g. h2, mqtt); the server picks one.', ['RFC 7301']],
  extended_master_secret: ['TLS 1.2: the master secret is derived from the hash of the handshake messages up to and including ClientKeyExchange (the session hash) instead of the two randoms (RFC 7627), a fix for the triple-handshake attack.', ['RFC 7627 §4', 'RFC 7627 §5.1']],
  encrypt_then_mac: ['TLS 1.2 CBC suites: MAC the encrypted record rather than the plaintext (RFC 7366).', ['RFC 7366']],
  max_fragment_length: ['Asks for smaller records, useful for devices with little memory.', ['RFC 6066 §4']],
  record_size_limit: ['The largest record the sender is willing to receive.', ['RFC 8449']],
  pre_shared_key: ['TLS 1.3: offers (or accepts) a pre-shared key, e.g. from a session ticket.', ['RFC 8446 §4.2.11']],
  early_data: ['TLS 1.3: 0-RTT data sent before the handshake finishes.', ['RFC 8446 §4.2.10']],
  cookie: ['TLS 1.3: a value the server asks the client to echo in its second ClientHello.', ['RFC 8446 §4.2.2']],
  status_request: ['Asks the server to staple an OCSP response (a fresh "not revoked" statement) to its certificate.', ['RFC 6066 §8']],
  padding: ['Filler bytes that give the ClientHello a size that some middleboxes handle better.', ['RFC 7685']],
  certificate_authorities: ['The CAs the sender trusts.', ['RFC 8446 §4.2.4']],
};

// Lines for keys inside extension data and for list items.
const EXT_DATA = {
  server_name_list: ['The list of names (in practice one host name).', ['RFC 6066 §3']],
  name_type: ['The kind of name: host_name (0).', ['RFC 6066 §3']],
  ip_address: ['The name is an IP address literal, which server_name does not permit (RFC 6066 §3 allows DNS host names only).', ['RFC 6066 §3']],
  host_name: ['The host name, as the client typed it. The server\'s certificate must be valid for it.', ['RFC 6066 §3']],
  names: ['The host names asked for.', ['RFC 6066 §3']],
  versions: ['The versions the client offers, preferred first.', ['RFC 8446 §4.2.1']],
  selected_version: ['The version the server chose.', ['RFC 8446 §4.2.1']],
  selected: ['The version the server chose.', ['RFC 8446 §4.2.1']],
  shares: ['The public keys the client sends in advance, one per group it guesses the server will accept.', ['RFC 8446 §4.2.8']],
  group: ['The Diffie-Hellman group of this key share.', ['RFC 8446 §4.2.8']],
  key_exchange_length: ['The public key (its 2-byte length, then the key bytes).', ['RFC 8446 §4.2.8']],
  selected_group: ['HelloRetryRequest: the group the server wants; the client must send a key share for it.', ['RFC 8446 §4.2.8', 'RFC 8446 §4.1.4']],
  named_group_list: ['The groups, preferred first.', ['RFC 8446 §4.2.7']],
  groups: ['The groups, preferred first.', ['RFC 8446 §4.2.7']],
  supported_signature_algorithms: ['The signature schemes, preferred first.', ['RFC 8446 §4.2.3']],
  schemes: ['The signature schemes, preferred first.', ['RFC 8446 §4.2.3']],
  ke_modes: ['psk_dhe_ke (resume with a fresh Diffie-Hellman exchange) and/or psk_ke (resume with the key alone).', ['RFC 8446 §4.2.9']],
  ec_point_format_list: ['The point formats.', ['RFC 8422 §5.1.2']],
  ticket_length: ['Length of the ticket carried (0 = "I support tickets, send me one").', ['RFC 5077 §3.2']],
  renegotiated_connection: ['Empty on a first handshake.', ['RFC 5746 §3.2']],
  protocols: ['The application protocol names.', ['RFC 7301']],
  hex: ['The extension\'s raw bytes (not decoded by tlstrace).', ['RFC 8446 §4.2']],
};

const ITEM = {
  cipher_suites: ['A cipher suite the client offers.', ['RFC 8446 §4.1.2']],
  compression_methods: ['A compression method the client offers.', ['RFC 5246 §7.4.1.2']],
  certificates: ['One certificate of the chain (0 is the sender\'s own).', ['RFC 8446 §4.4.2']],
  certificate_types: ['A kind of key the server accepts.', ['RFC 5246 §7.4.4']],
  signature_schemes: ['A signature scheme the sender accepts.', ['RFC 8446 §4.2.3']],
  certificate_authorities: ['A CA name the server trusts (its distinguished name).', ['RFC 8446 §4.2.4']],
  san: ['A name this certificate is valid for.', ['RFC 5280 §4.2.1.6']],
  versions: ['A version the client offers.', ['RFC 8446 §4.2.1']],
  shares: ['One key share.', ['RFC 8446 §4.2.8']],
  named_group_list: ['A group the client supports.', ['RFC 8446 §4.2.7']],
  groups: ['A group the client supports.', ['RFC 8446 §4.2.7']],
  supported_signature_algorithms: ['A signature scheme the sender accepts.', ['RFC 8446 §4.2.3']],
  schemes: ['A signature scheme the sender accepts.', ['RFC 8446 §4.2.3']],
  ke_modes: ['A pre-shared-key mode.', ['RFC 8446 §4.2.9']],
  ec_point_format_list: ['A point format.', ['RFC 8422 §5.1.2']],
  server_name_list: ['One name.', ['RFC 6066 §3']],
  protocols: ['An application protocol.', ['RFC 7301']],
};

/** Split a JSON Pointer into its keys. */
export function pointerParts(ptr) {
  if (ptr === '') return [];
  return ptr.slice(1).split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const NONE = ['', []];
const GENERIC = {
  ext: ['An extension tlstrace does not describe.', ['RFC 8446 §4.2']],
  type: ['The extension\'s type number.', ['RFC 8446 §4.2', 'RFC 5246 §7.4.1.4']],
  length: ['The length of the extension\'s data, in bytes.', ['RFC 8446 §4.2', 'RFC 5246 §7.4.1.4']],
  data: ['The extension\'s data.', ['RFC 8446 §4.2']],
};

/**
 * The words for the field at `ptr` of a message of type hsType: {text, sources}, text '' when we
 * have none. `extName` is the extension's type name when the field is inside an extension.
 */
export function fieldWords(hsType, ptr, extName) {
  const pick = (e) => ({ text: e[0], sources: e[1] });
  const parts = pointerParts(ptr);
  if (!parts.length) return pick(NONE);
  const last = parts[parts.length - 1];
  const parent = parts.length > 1 ? parts[parts.length - 2] : null;
  const isIndex = /^[0-9]+$/.test(last);
  // Inside an extension: /extensions/N[/...]
  if (parts[0] === 'extensions' && parts.length >= 2) {
    if (parts.length === 2) return pick(EXTENSION[extName] || GENERIC.ext);
    if (parts.length === 3) {
      if (last === 'type') return pick(GENERIC.type);
      if (last === 'length') return pick(GENERIC.length);
      if (last === 'data') return pick(EXTENSION[extName] || GENERIC.data);
    }
    if (isIndex) return pick(ITEM[parent] || NONE);
    return pick(EXT_DATA[last] || FIELD[last] || NONE);
  }
  if (isIndex) return pick(ITEM[parent] || NONE);
  if (parent === 'key') return pick(FIELD[last] || NONE);
  return pick(FIELD[`${hsType}.${last}`] || FIELD[last] || EXT_DATA[last] || NONE);
}

/** One line explaining the field at `ptr` (fieldWords without the sources). */
export function explainField(hsType, ptr, extName) {
  return fieldWords(hsType, ptr, extName).text;
}

/** Explanation of an extension, by its IANA name. */
export function explainExtension(name) {
  return EXTENSION[name] ? EXTENSION[name][0] : '';
}

/** Every sentence of this module with its sources (for the test that no sentence lacks one). */
export function allWords() {
  const out = [];
  for (const [k, v] of Object.entries(PROTECTION)) out.push({ where: `PROTECTION.${k}`, text: v.text, sources: v.sources });
  for (const [name, t] of Object.entries({ FIELD, EXTENSION, EXT_DATA, ITEM, GENERIC })) {
    for (const [k, v] of Object.entries(t)) out.push({ where: `${name}.${k}`, text: v[0], sources: v[1] });
  }
  for (const f of [...HEADER_FIELDS, ...RECORD_HEADER_FIELDS]) out.push({ where: f.ptr, text: f.text, sources: f.sources });
  return out;
}

/** The synthetic fields for the 4-byte handshake header (RFC 8446 §4, RFC 5246 §7.4). */
export const HEADER_FIELDS = [
  { ptr: '#msg_type', label: 'msg_type', off: 0, len: 1, text: 'The handshake message type (1 byte).', sources: ['RFC 8446 §4', 'RFC 5246 §7.4'] },
  { ptr: '#length', label: 'length', off: 1, len: 3, text: 'The length of the message body that follows (3 bytes).', sources: ['RFC 8446 §4', 'RFC 5246 §7.4'] },
];

/** The synthetic fields of a record header (RFC 8446 §5.1, RFC 5246 §6.2.1). */
export const RECORD_HEADER_FIELDS = [
  { ptr: '#content_type', label: 'content_type', off: 0, len: 1, text: 'What the record carries: 20 ChangeCipherSpec, 21 alert, 22 handshake, 23 application data (TLS 1.3 encrypts everything as 23 and hides the real type inside).', sources: ['RFC 8446 §5.1', 'RFC 8446 §5.2', 'RFC 5246 §6.2.1'] },
  { ptr: '#version', label: 'legacy_record_version', off: 1, len: 2, text: 'The record\'s version field. In TLS 1.2 it is the protocol version in use (0x0303 once the hellos are done). TLS 1.3 freezes it at 0x0303 (0x0301 allowed in the first ClientHello) and ignores it: the real version is negotiated in supported_versions.', sources: ['RFC 5246 §6.2.1', 'RFC 8446 §5.1'] },
  { ptr: '#record_length', label: 'length', off: 3, len: 2, text: 'The number of bytes of the record body that follows.', sources: ['RFC 8446 §5.1', 'RFC 5246 §6.2.1'] },
];
