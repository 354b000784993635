// Basic vs mutual handshake of the same TLS version, side by side: which messages the mutual one
// adds, and what each of them proves. Pure. The messages come from real traces (never typed here);
// only the "what it proves" sentences are ours.

/** What each message a mutual handshake adds proves, in one sentence, with its sources.
 * Keys: "from:hs_type". */
export const MUTUAL_PROOFS = {
  'server:certificate_request': {
    text: 'Proves nothing by itself: it is the server telling the client "prove who you are", with the signature algorithms it will accept and, optionally, the CAs it trusts (a list in TLS 1.2, the certificate_authorities extension in TLS 1.3).',
    sources: ['RFC 8446 §4.3.2', 'RFC 8446 §4.2.4', 'RFC 5246 §7.4.4'],
  },
  'client:certificate': {
    text: 'Shows the client\'s certificate chain: a certificate authority the server trusts vouches that this public key belongs to the name in the certificate. In TLS 1.2 it crosses the network in the clear; TLS 1.3 encrypts it.',
    sources: ['RFC 8446 §4.4.2', 'RFC 5246 §7.4.6'],
  },
  'client:certificate_verify': {
    text: 'Proves the client holds the private key of that certificate: it signs the handshake messages so far, which a copied certificate alone could not do.',
    sources: ['RFC 8446 §4.4.3', 'RFC 5246 §7.4.8'],
  },
};

const keyOf = (m) => `${m.from}:${m.hs_type}`;

/** Longest common subsequence alignment of two message lists by (sender, type). */
function align(a, b) {
  const n = a.length;
  const m = b.length;
  const dp = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i][j] = keyOf(a[i]) === keyOf(b[j]) ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
  }
  const rows = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && keyOf(a[i]) === keyOf(b[j])) {
      rows.push({ basic: a[i++], mutual: b[j++] });
    } else if (j < m && (i >= n || dp[i][j + 1] >= dp[i + 1][j])) {
      rows.push({ basic: null, mutual: b[j++] });
    } else {
      rows.push({ basic: a[i++], mutual: null });
    }
  }
  return rows;
}

const summary = (m) => ({
  idx: m.idx,
  from: m.from,
  hs_type: m.hs_type,
  label: m.label,
  protection: m.protection,
  mutual_only: m.mutual_only,
});

/**
 * Compare a basic and a mutual session (model sessions). Returns
 * {version, rows: [{basic, mutual, added}], added: [{from, hs_type, label, protection, proves}],
 *  mutualOnly: [...same for messages flagged mutual_only], consistent}
 * where `consistent` says the alignment's additions are exactly the messages the trace flags
 * mutual_only.
 */
export function compareSessions(basic, mutual) {
  const aligned = align(basic.messages, mutual.messages);
  const rows = aligned.map((r) => ({
    basic: r.basic ? summary(r.basic) : null,
    mutual: r.mutual ? summary(r.mutual) : null,
    added: !r.basic && !!r.mutual,
  }));
  const withProof = (m) => {
    const p = MUTUAL_PROOFS[keyOf(m)];
    return { ...summary(m), proves: p ? p.text : '', sources: p ? p.sources : [] };
  };
  const added = aligned.filter((r) => !r.basic && r.mutual).map((r) => withProof(r.mutual));
  const mutualOnly = mutual.messages.filter((m) => m.mutual_only).map(withProof);
  const sameSet = added.length === mutualOnly.length && added.every((a, k) => a.idx === mutualOnly[k].idx);
  const removed = aligned.filter((r) => r.basic && !r.mutual);
  return {
    version: mutual.version || basic.version,
    basicTitle: basic.title,
    mutualTitle: mutual.title,
    basicKey: basic.key,
    mutualKey: mutual.key,
    rows,
    added,
    mutualOnly,
    consistent: sameSet && removed.length === 0,
  };
}

// How well a session stands for its mode: a scenario named after the mode ("basic", "mutual")
// beats any other; a handshake without HelloRetryRequest beats one with it.
function typicality(s) {
  let score = 0;
  if (s.scenario && s.scenario.name === s.mode) score += 2;
  if (!(s.negotiated && s.negotiated.hello_retry_request) && !s.messages.some((m) => m.fields && m.fields.hello_retry_request === true)) score += 1;
  return score;
}

/**
 * Pairs of loaded sessions to compare: for each version, the most typical successful basic and
 * mutual sessions (the latest one on a tie). Returns [{version, basic, mutual}].
 */
export function findPairs(sessions) {
  const byVersion = new Map();
  for (const s of sessions) {
    if (!s.version || s.outcome !== 'ok') continue;
    if (!byVersion.has(s.version)) byVersion.set(s.version, {});
    const slot = byVersion.get(s.version);
    const cur = slot[s.mode];
    if (!cur || typicality(s) >= typicality(cur)) slot[s.mode] = s;
  }
  const out = [];
  for (const [version, p] of byVersion) if (p.basic && p.mutual) out.push({ version, basic: p.basic, mutual: p.mutual });
  return out.sort((a, b) => a.version.localeCompare(b.version));
}
