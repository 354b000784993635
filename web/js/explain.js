// Words the page adds to a trace: what each protection means, and one line for each decoded field
// and extension. Pure data + small lookups, no DOM. The trace itself carries the explanation of
// each message, state, alert, failure and cipher suite; these tables explain the FIELDS, which the
// trace only names. Written for a student; accurate enough for an engineer (RFC sections cited).

/** Short tag drawn on each arrow, and a sentence for tooltips and the legend. */
export const PROTECTION = {
  plaintext: {
    tag: 'plaintext',
    text: 'Sent in the clear: anyone on the path can read these bytes (they are still covered by the Finished check later).',
  },
  handshake: {
    tag: 'handshake keys',
    text: 'Encrypted with the TLS 1.3 handshake traffic keys, derived from the key exchange right after the hellos: an eavesdropper cannot read it.',
  },
  application: {
    tag: 'application keys',
    text: 'Encrypted with the keys that also protect the application data (TLS 1.3 application traffic keys; in TLS 1.2 the connection keys switched on by ChangeCipherSpec).',
  },
  encrypted: {
    tag: 'encrypted',
    text: 'Encrypted with keys the tracer does not hold: only the record header and the length are visible.',
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
  'legacy_version': 'The version field of the old hello format. TLS 1.3 freezes it at TLS 1.2 (0x0303) and puts the real versions in the supported_versions extension (RFC 8446 §4.1.2).',
  'random': '32 fresh random bytes from the sender. Both randoms go into the key derivation, so every handshake gets new keys.',
  'session_id': 'In TLS 1.2, an id for resuming an earlier session. TLS 1.3 only echoes it back, for compatibility with middleboxes.',
  'client_hello.cipher_suites': 'The cipher suites the client can use, in its order of preference. The server picks one.',
  'client_hello.compression_methods': 'Compression methods the client offers. Only "null" (no compression) is safe and allowed today.',
  'extensions': 'Extensions: optional blocks (type, length, data) that add features and carry most of the negotiation.',
  'server_hello.cipher_suite': 'The one cipher suite the server chose from the client\'s list.',
  'server_hello.compression_method': 'The compression the server chose: always "null" (none).',
  'hello_retry_request': 'True when this ServerHello is really a HelloRetryRequest: the server asks the client to say hello again (RFC 8446 §4.1.4).',
  'selected_version': 'The TLS version the server chose (from supported_versions, or legacy_version in TLS 1.2).',
  'certificate_request_context': 'TLS 1.3: an id that ties a Certificate to the CertificateRequest it answers; empty during the handshake.',
  'certificates': 'The certificate chain: the sender\'s own certificate first, then CA certificates that link it to a root.',
  'certificate.length': 'Size of this certificate in bytes.',
  'x509': 'One X.509 certificate (DER bytes), described below: who it names, who signed it, when it is valid, its public key.',
  'subject': 'Whom the certificate names (the owner of the public key).',
  'issuer': 'Which certificate authority signed this certificate.',
  'serial': 'The number the issuing CA gave this certificate; unique per CA.',
  'not_before': 'The certificate is not valid before this time (UTC).',
  'not_after': 'The certificate is not valid after this time (UTC): it has expired.',
  'key': 'The public key inside the certificate: the peer proves it owns the matching private key.',
  'type': 'The key algorithm (or, in an extension, its type number).',
  'bits': 'Key size in bits.',
  'curve': 'The elliptic curve of the key.',
  'signature_algorithm': 'The algorithm the issuer used to sign this certificate.',
  'san': 'Subject Alternative Names: the host names and addresses this certificate is valid for. The client checks the name it asked for against this list.',
  'is_ca': 'Whether this certificate may sign other certificates (it belongs to a certificate authority).',
  'self_signed': 'Signed with its own key: this is how a root CA certificate looks.',
  'version': 'The X.509 format version (3 for modern certificates).',
  'x509_error': 'The certificate bytes could not be described.',
  'curve_type': 'How the curve is named: named_curve means a standard group given by its number.',
  'named_group': 'The group (curve) of the server\'s ephemeral Diffie-Hellman key.',
  'server_key_exchange.public_key_length': 'The server\'s ephemeral public key (its length byte, then the key). Fresh for each handshake: this gives forward secrecy.',
  'client_key_exchange.public_key_length': 'The client\'s ephemeral public key (its length byte, then the key). With the server\'s key it gives both sides the same premaster secret.',
  'encrypted_premaster_length': 'The premaster secret encrypted with the server\'s RSA key (no forward secrecy).',
  'signature_scheme': 'The signature algorithm used (key type + hash).',
  'server_key_exchange.signature_length': 'The server\'s signature over both randoms and its key-exchange parameters, made with its certificate\'s private key.',
  'certificate_verify.signature_length': 'The signature itself (its length, then the bytes), made with the private key of the certificate sent just before.',
  'signature_length': 'The signature (its length, then the bytes).',
  'certificate_types': 'TLS 1.2: the kinds of client key the server accepts.',
  'signature_schemes': 'The signature algorithms the sender accepts.',
  'certificate_authorities': 'The CAs the server trusts: the client should send a certificate issued by one of them.',
  'verify_data': 'A MAC over every handshake message so far, keyed from the new secrets. The peer computes the same value: any tampering or key mismatch shows here.',
  'ticket_lifetime': 'How long, in seconds, the client may keep the ticket.',
  'ticket_age_add': 'TLS 1.3: a random number that hides the ticket\'s age when it is used again.',
  'ticket_nonce': 'TLS 1.3: makes each ticket\'s resumption secret different.',
  'ticket_length': 'The ticket (its length, then the bytes): encrypted by the server, opaque to the client.',
  'value': 'The ChangeCipherSpec byte (always 1).',
  'level': 'Alert level: warning (1) or fatal (2). A fatal alert ends the connection.',
  'description': 'Which alert it is.',
};

// Extension-level lines, keyed by the extension's IANA name.
const EXTENSION = {
  server_name: 'SNI: the host name the client wants to reach; it is sent in the clear and lets one server host many names.',
  supported_versions: 'The TLS versions offered (ClientHello) or chosen (ServerHello). This is how TLS 1.3 is negotiated.',
  supported_groups: 'The key-exchange groups (elliptic curves and finite-field groups) the client supports, in order of preference.',
  signature_algorithms: 'The signature algorithms the sender accepts in CertificateVerify (and ServerKeyExchange).',
  signature_algorithms_cert: 'The signature algorithms the sender accepts inside certificates.',
  key_share: 'TLS 1.3: Diffie-Hellman public keys sent in advance, so the keys exist after one round trip.',
  psk_key_exchange_modes: 'TLS 1.3: how a resumed session may use its pre-shared key (with or without a new Diffie-Hellman exchange).',
  ec_point_formats: 'TLS 1.2: the point formats for elliptic-curve keys (uncompressed in practice).',
  session_ticket: 'TLS 1.2: asks for (empty) or presents a session ticket, to resume without a full handshake.',
  renegotiation_info: 'TLS 1.2: binds a renegotiation to the previous handshake, a fix for an old attack.',
  application_layer_protocol_negotiation: 'ALPN: the application protocols the client speaks (e.g. h2, mqtt); the server picks one.',
  extended_master_secret: 'TLS 1.2: mixes the whole handshake into the master secret (RFC 7627), a fix for an old attack.',
  encrypt_then_mac: 'TLS 1.2 CBC suites: MAC the encrypted record rather than the plaintext (RFC 7366).',
  max_fragment_length: 'Asks for smaller records, useful for devices with little memory.',
  record_size_limit: 'The largest record the sender is willing to receive.',
  pre_shared_key: 'TLS 1.3: offers (or accepts) a pre-shared key, e.g. from a session ticket.',
  early_data: 'TLS 1.3: 0-RTT data sent before the handshake finishes.',
  cookie: 'TLS 1.3: a value the server asks the client to echo in its second ClientHello.',
  status_request: 'Asks the server to staple an OCSP response (a fresh "not revoked" statement) to its certificate.',
  padding: 'Filler bytes that give the ClientHello a size that some middleboxes handle better.',
  certificate_authorities: 'The CAs the sender trusts.',
};

// Lines for keys inside extension data and for list items.
const EXT_DATA = {
  server_name_list: 'The list of names (in practice one host name).',
  name_type: 'The kind of name: host_name (0).',
  host_name: 'The host name, as the client typed it. The server\'s certificate must be valid for it.',
  names: 'The host names asked for.',
  versions: 'The versions the client offers, preferred first.',
  selected_version: 'The version the server chose.',
  selected: 'The version the server chose.',
  shares: 'The public keys the client sends in advance, one per group it guesses the server will accept.',
  group: 'The Diffie-Hellman group of this key share.',
  key_exchange_length: 'The public key (its 2-byte length, then the key bytes).',
  selected_group: 'HelloRetryRequest: the group the server wants; the client must send a key share for it.',
  named_group_list: 'The groups, preferred first.',
  groups: 'The groups, preferred first.',
  supported_signature_algorithms: 'The signature schemes, preferred first.',
  schemes: 'The signature schemes, preferred first.',
  ke_modes: 'psk_dhe_ke (resume with a fresh Diffie-Hellman exchange) and/or psk_ke (resume with the key alone).',
  ec_point_format_list: 'The point formats.',
  ticket_length: 'Length of the ticket carried (0 = "I support tickets, send me one").',
  renegotiated_connection: 'Empty on a first handshake.',
  protocols: 'The application protocol names.',
  hex: 'The extension\'s raw bytes (not decoded by tlstrace).',
};

const ITEM = {
  cipher_suites: 'A cipher suite the client offers.',
  compression_methods: 'A compression method the client offers.',
  certificates: 'One certificate of the chain (0 is the sender\'s own).',
  certificate_types: 'A kind of key the server accepts.',
  signature_schemes: 'A signature scheme the sender accepts.',
  certificate_authorities: 'A CA name the server trusts (its distinguished name).',
  san: 'A name this certificate is valid for.',
  versions: 'A version the client offers.',
  shares: 'One key share.',
  named_group_list: 'A group the client supports.',
  groups: 'A group the client supports.',
  supported_signature_algorithms: 'A signature scheme the sender accepts.',
  schemes: 'A signature scheme the sender accepts.',
  ke_modes: 'A pre-shared-key mode.',
  ec_point_format_list: 'A point format.',
  server_name_list: 'One name.',
  protocols: 'An application protocol.',
};

/** Split a JSON Pointer into its keys. */
export function pointerParts(ptr) {
  if (ptr === '') return [];
  return ptr.slice(1).split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * One line explaining the field at `ptr` of a message of type hsType, or '' when we have none.
 * `ext` is the extension's type name when the field is inside an extension.
 */
export function explainField(hsType, ptr, extName) {
  const parts = pointerParts(ptr);
  if (!parts.length) return '';
  const last = parts[parts.length - 1];
  const parent = parts.length > 1 ? parts[parts.length - 2] : null;
  const isIndex = /^[0-9]+$/.test(last);
  // Inside an extension: /extensions/N[/...]
  if (parts[0] === 'extensions' && parts.length >= 2) {
    if (parts.length === 2) {
      return EXTENSION[extName] || 'An extension tlstrace does not describe.';
    }
    if (parts.length === 3) {
      if (last === 'type') return 'The extension\'s type number.';
      if (last === 'length') return 'The length of the extension\'s data, in bytes.';
      if (last === 'data') return EXTENSION[extName] || 'The extension\'s data.';
    }
    if (isIndex) return ITEM[parent] || '';
    if (extName === 'key_share' && last === 'key_exchange_length') return EXT_DATA.key_exchange_length;
    return EXT_DATA[last] || FIELD[last] || '';
  }
  if (isIndex) return ITEM[parent] || '';
  if (parent === 'key') return FIELD[last] || '';
  return FIELD[`${hsType}.${last}`] || FIELD[last] || EXT_DATA[last] || '';
}

/** Explanation of an extension, by its IANA name. */
export function explainExtension(name) {
  return EXTENSION[name] || '';
}

/** The synthetic fields for the 4-byte handshake header (RFC 8446 §4, RFC 5246 §7.4). */
export const HEADER_FIELDS = [
  { ptr: '#msg_type', label: 'msg_type', off: 0, len: 1, text: 'The handshake message type (1 byte).' },
  { ptr: '#length', label: 'length', off: 1, len: 3, text: 'The length of the message body that follows (3 bytes).' },
];

/** The synthetic fields of a record header (RFC 8446 §5.1, RFC 5246 §6.2.1). */
export const RECORD_HEADER_FIELDS = [
  { ptr: '#content_type', label: 'content_type', off: 0, len: 1, text: 'What the record carries: 20 ChangeCipherSpec, 21 alert, 22 handshake, 23 application data (TLS 1.3 encrypts everything as 23 and hides the real type inside).' },
  { ptr: '#version', label: 'legacy_record_version', off: 1, len: 2, text: 'A version number kept for old middleboxes; the real version was negotiated in the hellos.' },
  { ptr: '#record_length', label: 'length', off: 3, len: 2, text: 'The number of bytes of the record body that follows.' },
];
