// The glossary, in our own words, and a helper that finds glossary terms inside a sentence so the
// page can link them. Pure.

/**
 * Entries: id (URL fragment #g-<id>), term, phrases that link to it in other text, and the text.
 * Order is the reading order of the glossary panel.
 */
export const GLOSSARY = [
  {
    id: 'tls',
    term: 'TLS',
    phrases: ['TLS'],
    text: 'Transport Layer Security: the protocol that protects most connections on the internet (https, MQTT over TLS, mail…). It gives privacy (encryption), integrity (no undetected changes) and authentication (you know who is at the other end). TLS 1.2 (2008) and TLS 1.3 (2018) are in use today.',
    sources: ['RFC 8446 §1', 'RFC 5246 §1'],
  },
  {
    id: 'handshake',
    term: 'Handshake',
    phrases: ['handshake'],
    text: 'The conversation at the start of a TLS connection. The two sides agree on a version and a cipher suite, exchange keys, and at least the server proves who it is. Only after it succeeds does application data flow, encrypted.',
    sources: ['RFC 8446 §2', 'RFC 5246 §7.3'],
  },
  {
    id: 'basic-handshake',
    term: 'Basic handshake (server-only authentication)',
    phrases: ['basic handshake', 'basic authentication', 'server-only'],
    text: 'The usual kind of handshake: only the server shows a certificate and proves it owns the matching private key. The client stays anonymous at the TLS level (it may log in later, inside the connection). This is what a web browser does.',
    sources: ['RFC 8446 §2', 'RFC 5246 §7.3'],
  },
  {
    id: 'mutual-handshake',
    term: 'Mutual handshake (mutual TLS, mTLS)',
    phrases: ['mutual handshake', 'mutual authentication', 'mutual TLS', 'mTLS'],
    text: 'A handshake where the client proves who it is too. The server sends a CertificateRequest; the client answers with its own Certificate and a CertificateVerify signature. In TLS 1.2 the client\'s certificate crosses the network in the clear (anyone on the path sees who the client is); TLS 1.3 encrypts it under the handshake keys. Common between machines: devices talking to an MQTT broker, services talking to services.',
    sources: ['RFC 8446 §4.3.2', 'RFC 8446 §4.4.2', 'RFC 8446 §4.4.3', 'RFC 5246 §7.4.4', 'RFC 5246 §7.4.6', 'RFC 5246 §7.4.8'],
  },
  {
    id: 'cipher-suite',
    term: 'Cipher suite',
    phrases: ['cipher suites', 'cipher suite'],
    text: 'A named bundle of algorithms used together. A TLS 1.2 suite names four parts: the key exchange (e.g. ECDHE), the authentication (e.g. ECDSA), the record cipher (e.g. AES-128-GCM) and the hash (e.g. SHA-256). A TLS 1.3 suite names only the cipher and the hash; key exchange and authentication are negotiated separately. The client lists the suites it supports; the server picks one.',
    sources: ['RFC 8446 §4.1.2', 'RFC 8446 Appendix B.4', 'RFC 5246 Appendix A.5'],
  },
  {
    id: 'pki',
    term: 'PKI (public key infrastructure)',
    phrases: ['PKI', 'public key infrastructure'],
    text: 'The system that lets strangers trust public keys: certificate authorities sign certificates, and everyone keeps a small set of root CA certificates they trust. tlstrace ships a small classroom PKI (a root CA, server and client certificates, and deliberately bad ones); its keys are public demo keys, never for production.',
    sources: ['RFC 5280 §3'],
  },
  {
    id: 'certificate',
    term: 'Certificate (X.509)',
    phrases: ['certificates', 'certificate'],
    text: 'A signed statement binding a name (the subject, e.g. a host name) to a public key, valid between two dates, signed by an issuer (a certificate authority). Anyone can copy a certificate: it proves nothing until its owner also shows it holds the private key (CertificateVerify, or the TLS 1.2 key exchange signature).',
    sources: ['RFC 5280 §4.1', 'RFC 8446 §4.4.2'],
  },
  {
    id: 'certificate-chain',
    term: 'Certificate chain',
    phrases: ['certificate chain', 'chain'],
    text: 'The path from a certificate up to a trusted root: the leaf (the server\'s or client\'s own certificate) was signed by a CA, whose certificate was signed by another CA… up to a root CA certificate the checking side already trusts. Each link is checked: signature, validity dates, and whether the issuer may act as a CA.',
    sources: ['RFC 5280 §6.1', 'RFC 8446 §4.4.2'],
  },
  {
    id: 'certificate-authority',
    term: 'Certificate authority (CA)',
    phrases: ['certificate authorities', 'certificate authority', 'CAs', 'CA'],
    text: 'An organisation (or, in a lab, a key on your disk) that signs certificates after checking who asks for them. Trusting a CA means accepting every certificate it signs, so the list of trusted CAs is the heart of TLS security.',
    sources: ['RFC 5280 §3.1'],
  },
  {
    id: 'root-ca',
    term: 'Root CA certificate',
    phrases: ['root CA certificate', 'root CA'],
    text: 'A CA certificate installed in advance on the side that checks (the "trust store", or the --ca file of an embedded device). It is usually self-signed, which proves nothing by itself: it is trusted because someone put it there, not because of a signature. Strictly, what a verifier trusts is a trust anchor, which need not be a root: Mbed TLS accepts a chain that reaches any certificate of its trusted list. A chain is valid only if it ends at one.',
    sources: ['RFC 5280 §6.1.1', 'Mbed TLS 3.6 behaviour: x509_crt_verify_chain (a parent in the trusted list ends the chain)'],
  },
  {
    id: 'public-key',
    term: 'Public key',
    phrases: ['public keys', 'public key'],
    text: 'The half of a key pair that can be shown to everyone. It checks signatures made with the private key (and, for key exchange, combines with the peer\'s key into a shared secret). A certificate carries a public key.',
    sources: ['RFC 5280 §4.1.2.7'],
  },
  {
    id: 'private-key',
    term: 'Private key',
    phrases: ['private keys', 'private key'],
    text: 'The half of a key pair that never leaves its owner. Signing with it is how a side proves it owns a certificate. Whoever steals it can impersonate the owner, which is why the demo keys are marked "not for production".',
    sources: ['RFC 8446 §4.4.3', 'RFC 5246 §7.4.8'],
  },
  {
    id: 'signature',
    term: 'Signature',
    phrases: ['signatures', 'signature'],
    text: 'A value only the holder of a private key can compute over some data, and anyone with the public key can check. CAs sign certificates. In the handshake, TLS 1.3 CertificateVerify signs the transcript so far; in TLS 1.2 the server signs only its ServerKeyExchange (the two randoms and its key-exchange parameters, not the chosen suite) and signs nothing at all with RSA key transport, where decrypting the premaster secret is its proof, while a TLS 1.2 client signs the handshake messages in CertificateVerify.',
    sources: ['RFC 8446 §4.4.3', 'RFC 5246 §7.4.3', 'RFC 5246 §7.4.8', 'RFC 5246 §7.4.7.1', 'RFC 5280 §4.1.1.3'],
  },
  {
    id: 'mbedtls',
    term: 'Mbed TLS',
    phrases: ['Mbed TLS', 'mbedtls'],
    text: 'A small open-source TLS library in C, common in embedded devices. tlstrace runs real Mbed TLS 3.6 clients and servers and watches them: the states shown here are Mbed TLS\'s internal steps, and the error codes (like -0x2700) are its own.',
    sources: ['Mbed TLS 3.6 behaviour: mbedtls_ssl_handshake_step, mbedtls_strerror'],
  },
  {
    id: 'state',
    term: 'State (Mbed TLS state machine)',
    phrases: ['state machine', 'states'],
    text: 'Mbed TLS runs a handshake as a series of steps (CLIENT_HELLO, SERVER_CERTIFICATE, …). Each step writes or reads at most one kind of message, but some steps are passed without any message (a basic TLS 1.2 client still passes CLIENT_CERTIFICATE). The states explain where an endpoint was when something happened.',
    sources: ['Mbed TLS 3.6 behaviour: mbedtls_ssl_states (ssl.h)'],
  },
  {
    id: 'record',
    term: 'Record',
    phrases: ['records', 'record'],
    text: 'The unit TLS sends on the wire: a 5-byte header (content type, a legacy version, a length) followed by up to 16 KiB of data. Handshake messages, alerts and application data all travel inside records. Once keys are in place, each record is encrypted and authenticated (in TLS 1.3 even its real content type is hidden inside).',
    sources: ['RFC 8446 §5.1', 'RFC 8446 §5.2', 'RFC 5246 §6.2'],
  },
  {
    id: 'flight',
    term: 'Flight',
    phrases: ['flights', 'flight'],
    text: 'The messages one side sends in a row before it waits for the other. A TLS 1.3 handshake takes one round trip: the client\'s first flight, the server\'s flight, the client\'s last flight.',
    sources: ['RFC 8446 §2', 'RFC 5246 §7.3'],
  },
  {
    id: 'protection',
    term: 'Plaintext, handshake keys, application keys',
    phrases: ['plaintext', 'handshake keys', 'application keys'],
    text: 'How a message was protected on the wire. Plaintext: readable by anyone on the path (the hellos always are). Handshake keys: TLS 1.3 encrypts the rest of the handshake, right after the hellos, with keys from the key exchange. Application keys: the keys that protect the data; in TLS 1.2 they start after ChangeCipherSpec, so only the Finished messages of the handshake are encrypted.',
    sources: ['RFC 8446 §2', 'RFC 8446 §7.3', 'RFC 5246 §7.1'],
  },
  {
    id: 'key-share',
    term: 'Key share (key exchange)',
    phrases: ['key shares', 'key share', 'key exchange'],
    text: 'Each side makes a fresh Diffie-Hellman key pair and sends the public half; combining its own private half with the peer\'s public half gives both the same secret, which an eavesdropper cannot compute. In TLS 1.3 the client sends its share in the ClientHello (the key_share extension), guessing a group the server accepts; in TLS 1.2 the shares travel in ServerKeyExchange and ClientKeyExchange.',
    sources: ['RFC 8446 §4.2.8', 'RFC 8422 §5.4', 'RFC 5246 §7.4.3'],
  },
  {
    id: 'forward-secrecy',
    term: 'Forward secrecy',
    phrases: ['forward secrecy'],
    text: 'Because the key exchange keys are fresh for each connection and thrown away, stealing a server\'s private key later does not decrypt connections recorded earlier. Every full TLS 1.3 handshake has it, since its only key exchange is (EC)DHE; a TLS 1.3 resumption with the pre-shared key alone (psk_ke) and 0-RTT early data do not. In TLS 1.2 only the (EC)DHE suites have it.',
    sources: ['RFC 8446 §2.2', 'RFC 8446 §2.3', 'RFC 8446 Appendix E.1', 'RFC 5246 Appendix F.1.1.2'],
  },
  {
    id: 'finished',
    term: 'Finished',
    phrases: ['Finished'],
    text: 'The last handshake message of each side: a MAC over the hash of every handshake message so far, keyed from the handshake\'s secrets (not from the record keys). If an attacker changed, removed or added any handshake message, or the secrets differ, the values do not match and the handshake fails. ChangeCipherSpec and alerts are not handshake messages: Finished does not cover them.',
    sources: ['RFC 8446 §4.4.4', 'RFC 5246 §7.4.9'],
  },
  {
    id: 'hello-retry-request',
    term: 'HelloRetryRequest',
    phrases: ['HelloRetryRequest'],
    text: 'TLS 1.3: a ServerHello that says "try again". Usually the client guessed a key-share group the server does not want: the server names the group it accepts, and the client sends a second ClientHello with a key share for it. A server may also send one to make the client echo a cookie. The first ClientHello is then replaced in the transcript by a message_hash holding its hash. It costs one extra round trip.',
    sources: ['RFC 8446 §4.1.4', 'RFC 8446 §4.4.1'],
  },
  {
    id: 'change-cipher-spec',
    term: 'ChangeCipherSpec',
    phrases: ['ChangeCipherSpec'],
    text: 'A one-byte record. In TLS 1.2 it means "from my next record on, I encrypt with the new keys". In TLS 1.3 it means nothing and the peer ignores it: it is sent only so that old middleboxes see a familiar-looking handshake.',
    sources: ['RFC 5246 §7.1', 'RFC 8446 Appendix D.4'],
  },
  {
    id: 'alert',
    term: 'Alert',
    phrases: ['alerts', 'alert'],
    text: 'A 2-byte message that reports a problem or a clean close: a level (warning or fatal) and a description (e.g. unknown_ca, bad_record_mac, close_notify). A fatal alert ends the connection; close_notify closes it cleanly although its level is warning, and TLS 1.3 ignores the level altogether. Alerts say little on purpose, so the side that sent one usually knows more than the side that received it.',
    sources: ['RFC 8446 §6', 'RFC 5246 §7.2'],
  },
  {
    id: 'sni',
    term: 'SNI (server name indication)',
    phrases: ['SNI', 'server_name'],
    text: 'The host name the client puts in its ClientHello, so a server with many names can pick the right certificate. It travels in plaintext, and it must be a DNS name, never an IP address. The client then checks that the certificate is valid for that name; the server checks no name of the client.',
    sources: ['RFC 6066 §3', 'RFC 6125 §6.4'],
  },
  {
    id: 'session-ticket',
    term: 'Session ticket',
    phrases: ['session tickets', 'session ticket', 'NewSessionTicket'],
    text: 'A blob the server gives the client (NewSessionTicket) so that the next connection can skip the full handshake and resume with a shared secret. The server protects it with a long-lived key of its own, so whoever steals that key can open the tickets, and the sessions resumed with them. In TLS 1.2 the NewSessionTicket message itself travels in the clear, just before the server\'s ChangeCipherSpec; in TLS 1.3 it arrives after the handshake, under the application keys.',
    sources: ['RFC 5077 §3.3', 'RFC 5077 §4', 'RFC 8446 §4.6.1'],
  },
];

const BY_ID = new Map(GLOSSARY.map((g) => [g.id, g]));

/** The entry with this id, or null. */
export function entry(id) {
  return BY_ID.get(id) || null;
}

// Phrases, longest first, compiled once. Case-sensitive for acronyms and message names, otherwise not.
const PHRASES = GLOSSARY.flatMap((g) => g.phrases.map((p) => ({ id: g.id, phrase: p })))
  .sort((a, b) => b.phrase.length - a.phrase.length)
  .map((p) => {
    const exact = /[A-Z]/.test(p.phrase);
    const body = p.phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return { ...p, re: new RegExp(`(^|[^A-Za-z0-9_])(${body})(?![A-Za-z0-9_])`, exact ? 'g' : 'gi') };
  });

/**
 * Split a sentence into segments, linking glossary terms: [{text}, {text, term}]. Each term is
 * linked once per sentence (its first occurrence); `skip` lists term ids not to link (e.g. the
 * entry being shown).
 */
export function linkTerms(text, skip = []) {
  const s = String(text);
  const taken = []; // [start, end, id]
  const used = new Set(skip);
  for (const p of PHRASES) {
    if (used.has(p.id)) continue;
    p.re.lastIndex = 0;
    let m;
    while ((m = p.re.exec(s))) {
      const start = m.index + m[1].length;
      const end = start + m[2].length;
      if (!taken.some(([a, b]) => start < b && end > a)) {
        taken.push([start, end, p.id]);
        used.add(p.id);
        break;
      }
    }
  }
  taken.sort((a, b) => a[0] - b[0]);
  const out = [];
  let pos = 0;
  for (const [a, b, id] of taken) {
    if (a > pos) out.push({ text: s.slice(pos, a) });
    out.push({ text: s.slice(a, b), term: id });
    pos = b;
  }
  if (pos < s.length) out.push({ text: s.slice(pos) });
  return out;
}
