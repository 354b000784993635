// The other panels as pure vnode builders: session list and summary, failure explanation, state
// machines, negotiation, certificate chains, basic-vs-mutual comparison, glossary. (A file's problems: problems.js.)

import { h } from '../vdom.js';
import { namedValue } from '../explain.js';
import { GLOSSARY } from '../glossary.js';
import { linked, protectionBadge, sideBadge, sideLabel, sourcesView, deviationsView } from './text.js';
import { fragmentFor } from '../protocol.js';
import { captureStatesText } from '../capture.js';

// The fixed sentences of these panels, each with its sources (tests/web/lessons.test.mjs checks
// that none lacks one).
export const PANEL_WORDS = {
  states: { text: 'Each side\'s Mbed TLS state machine, in order. States are Mbed TLS\'s internal steps, not messages: some are passed without sending or receiving anything. The highlighted state is where the side is at the playback position.', sources: ['Mbed TLS 3.6 behaviour: mbedtls_ssl_states (ssl.h), mbedtls_ssl_handshake_step'] },
  suitePick: { text: 'The server picks one suite from the client\'s list.', sources: ['RFC 8446 §4.1.3', 'RFC 5246 §7.4.1.3'] },
  hrr: { text: 'the client\'s first key share was not acceptable.', sources: ['RFC 8446 §4.1.4'] },
  mutualLine: { text: 'Mutual handshake: the server asked for a client certificate.', sources: ['RFC 8446 §4.3.2', 'RFC 5246 §7.4.4'] },
  basicLine: { text: 'Basic handshake: only the server proves who it is.', sources: ['RFC 8446 §4.4.2', 'RFC 5246 §7.4.2'] },
  compare: { text: 'A mutual handshake adds exactly the messages below; everything else is the same.', sources: ['RFC 8446 §4.3.2', 'RFC 5246 §7.4.4', 'RFC 5246 §7.4.6', 'RFC 5246 §7.4.8'] },
  postHandshake: { text: 'Mbed TLS had already reported the handshake complete on this side; the first read afterwards failed.', sources: ['RFC 8446 §4.4.2.4', 'Mbed TLS 3.6 behaviour: mbedtls_ssl_read after mbedtls_ssl_handshake returned 0'] },
  signatures: { text: 'Who signs what: a signature proves the signer holds the private key of its certificate, and binds exactly what it covers.', sources: ['RFC 8446 §4.4.3', 'RFC 5246 §7.4.3'] },
};

// --- sessions --------------------------------------------------------------------------------------

const OUTCOME = { ok: 'succeeded', failed: 'failed', incomplete: 'in progress', unknown: 'outcome not on the wire' };

// "run 5" for the live server's ids (run5-mutual-tls1.3), else the id itself.
function runLabel(s) {
  const m = /^run([0-9]+)-/.exec(s.id);
  const base = m ? `run ${m[1]}` : s.id;
  return s.run > 1 ? `${base} (${s.run})` : base;
}

export function sessionListView(sessions, currentKey) {
  if (!sessions.length) {
    return h('p', { class: 'muted', 'data-testid': 'session-list-empty' }, 'No handshake loaded yet.');
  }
  // Several runs of one scenario share a title: then show each one's session id too.
  const titles = new Map();
  for (const s of sessions) titles.set(s.title, (titles.get(s.title) || 0) + 1);
  return h('ol', { class: 'session-list', 'data-testid': 'session-list' },
    sessions.map((s) => h('li', {
      class: `session-item outcome-${s.outcome}${s.key === currentKey ? ' current' : ''}`,
      'data-testid': 'session-item',
      'data-session': s.key,
      'data-outcome': s.outcome,
      'data-ended': s.ended ? 'true' : 'false',
    },
    h('a', { href: '#' + encodeURIComponent(s.key), 'aria-current': s.key === currentKey ? 'true' : null },
      h('span', { class: 'session-title' }, s.title),
      h('span', { class: `badge outcome outcome-${s.outcome}` }, OUTCOME[s.outcome]),
      h('span', { class: 'session-mode muted' }, s.mode, titles.get(s.title) > 1 ? ` · ${runLabel(s)}` : ''),
    ))),
  );
}

export function summaryView(session) {
  const bits = [];
  if (session.scenario && session.scenario.teaches) {
    bits.push(h('p', { class: 'teaches', 'data-testid': 'teaches' }, linked(session.scenario.teaches), sourcesView(session.scenario.sources)));
  }
  const done = session.sides.client.done || session.sides.server.done;
  if (session.outcome === 'ok' && done && typeof done.summary === 'string') {
    bits.push(h('p', { class: 'outcome-line ok', 'data-testid': 'outcome' }, '✓ ', linked(done.summary), sourcesView(done.sources)));
  } else if (session.outcome === 'failed') {
    const causes = session.failures.map((f) => `${sideLabel(f.side).toLowerCase()}: ${f.cause}`).join('; ');
    bits.push(h('p', { class: 'outcome-line failed', 'data-testid': 'outcome' }, `✕ The handshake failed (${causes}). See the explanation under the diagram.`));
  } else if (session.outcome === 'unknown') {
    const end = session.sides.client.end || session.sides.server.end;
    bits.push(h('p', { class: 'outcome-line', 'data-testid': 'outcome' },
      linked(end && typeof end.explanation === 'string' ? end.explanation : 'How the handshake ended is not on the wire.')));
  } else {
    bits.push(h('p', { class: 'outcome-line', 'data-testid': 'outcome' }, 'The handshake is still in progress.'));
  }
  const lib = session.sides.client.library || session.sides.server.library;
  const src = session.sides.client.source || session.sides.server.source;
  const meta = [
    session.version,
    `${session.mode} handshake`,
    lib && typeof lib.mbedtls === 'string' ? `Mbed TLS ${lib.mbedtls}` : null,
    src ? `source: ${src}` : null,
    session.capture ? 'seen on the network, no endpoint traced' : `traced: ${session.traced.join(' and ') || 'nothing'}`,
  ].filter(Boolean).join(' · ');
  bits.push(h('p', { class: 'muted small' }, meta));
  return h('div', { class: 'summary' }, bits);
}

// --- failure ----------------------------------------------------------------------------------------

export function failureView(session) {
  if (!session.failures.length) return null;
  return h('section', { class: 'failure-panel', 'data-testid': 'failure-explanation', 'aria-live': 'polite' },
    h('h2', null, 'Why the handshake failed'),
    session.failures.map((f) => h('article', { class: `failure-side side-${f.side}`, 'data-side': f.side, 'data-cause': f.cause },
      h('h3', null, sideBadge(f.side), ' ', f.stalled ? 'stalled' : 'failed', ': ', h('code', null, f.cause)),
      h('p', { class: 'explain' }, linked(f.explanation), sourcesView(f.sources)),
      deviationsView(f.deviations),
      h('dl', { class: 'facts' },
        f.error ? [h('dt', null, 'Mbed TLS error'), h('dd', null, h('code', null, f.error.hex), ' ', f.error.name || '', f.error.text ? ` — ${f.error.text}` : '')] : null,
        f.state ? [h('dt', null, 'In state'), h('dd', null, h('code', null, f.state.name || String(f.state.id)))] : null,
        f.alert_sent ? [h('dt', null, 'Alert sent'), h('dd', null, namedValue(f.alert_sent), ' ', protectionBadge(f.alert_sent.protection))] : null,
        f.alert_received ? [h('dt', null, 'Alert received'), h('dd', null, namedValue(f.alert_received), ' ', protectionBadge(f.alert_received.protection))] : null,
        f.verify_reasons.length ? [h('dt', null, 'Certificate check'), h('dd', null, h('ul', null, f.verify_reasons.map((r) => h('li', null, h('code', null, String(r.name)), ': ', String(r.explain), sourcesView(r.sources)))))] : null,
        f.post_handshake ? [h('dt', null, 'Note'), h('dd', null, PANEL_WORDS.postHandshake.text, sourcesView(PANEL_WORDS.postHandshake.sources))] : null,
      ),
    )),
  );
}

// --- state machines ---------------------------------------------------------------------------------

export function statesView(session) {
  if (session.capture) {
    return h('section', { class: 'states', 'data-testid': 'states' },
      captureStatesText(session.capture).map((t) => h('p', { class: 'muted', 'data-testid': 'capture-note' }, linked(t))));
  }
  return h('section', { class: 'states', 'data-testid': 'states' },
    h('p', { class: 'muted' }, linked(PANEL_WORDS.states.text), sourcesView(PANEL_WORDS.states.sources)),
    h('div', { class: 'state-columns' },
      ['client', 'server'].map((side) => {
        const s = session.sides[side];
        return h('div', { class: `state-column side-${side}` },
          h('h3', null, sideBadge(side), s.library && s.library.mbedtls ? h('span', { class: 'muted small' }, ` Mbed TLS ${s.library.mbedtls}`) : null),
          !s.traced ? h('p', { class: 'muted' }, 'This side is not traced.') :
            h('ol', { class: 'state-list', 'data-testid': 'state-list', 'data-side': side },
              s.states.map((st, i) => h('li', {
                class: 'state',
                'data-testid': 'state',
                'data-side': side,
                'data-state-index': i,
                'data-seq': st.seq,
              },
              h('code', { class: 'state-name' }, st.to.name || `state ${st.to.id}`),
              st.explanation ? h('span', { class: 'state-explain' }, ' — ', st.explanation, sourcesView(st.sources)) : null,
              ))),
        );
      }),
    ),
  );
}

// --- negotiation ------------------------------------------------------------------------------------

function chips(list, emptyText) {
  if (!list.length) return h('span', { class: 'muted' }, emptyText);
  return h('ul', { class: 'chips' }, list.map((x) => h('li', { class: 'chip' + (x.chosen ? ' chosen' : ''), 'data-chosen': x.chosen ? 'true' : 'false' },
    namedValue(x), x.chosen ? h('span', { class: 'chosen-mark' }, ' ✓ chosen') : null)));
}

export function negotiationView(n) {
  const v = n.version;
  const rows = [];
  const serverLine = (text) => h('div', { class: 'muted small' }, text);
  rows.push(h('tr', { 'data-testid': 'neg-version' },
    h('th', { scope: 'row' }, 'Version'),
    h('td', null, chips(v.offered, 'none'), h('div', { class: 'muted small' }, `from the ClientHello's ${v.offeredFrom}`),
      v.clientAccepts ? h('div', { class: 'muted small' }, `client configured for: ${v.clientAccepts.join(', ')}`) : null),
    h('td', null, v.chosen ? h('strong', null, namedValue(v.chosen)) : h('span', { class: 'muted' }, 'none'),
      h('div', { class: 'small' }, v.rule),
      v.serverAccepts ? serverLine(`server configured for: ${v.serverAccepts.join(', ')}`) : null),
  ));
  const sc = n.cipherSuites.serverConfig;
  rows.push(h('tr', { 'data-testid': 'neg-suites' },
    h('th', { scope: 'row' }, linked('Cipher suites')),
    h('td', null, chips(n.cipherSuites.offered, 'none')),
    h('td', null, n.cipherSuites.chosen ? h('strong', { class: 'mono' }, namedValue(n.cipherSuites.chosen)) : h('span', { class: 'muted' }, 'none'),
      h('div', { class: 'small' }, PANEL_WORDS.suitePick.text, sourcesView(PANEL_WORDS.suitePick.sources)),
      Array.isArray(sc) ? serverLine(`server configured for: ${sc.map((x) => namedValue(x)).join(', ')}`) : typeof sc === 'string' ? serverLine(`server configured for: ${sc}`) : null),
  ));
  rows.push(h('tr', { 'data-testid': 'neg-groups' },
    h('th', { scope: 'row' }, 'Groups'),
    h('td', null, chips(n.groups.offered, 'not listed'),
      n.groups.keyShares.length ? h('div', { class: 'small' }, linked('Key shares sent in advance: '), n.groups.keyShares.map((g) => namedValue(g)).join(', ')) : null),
    h('td', null, n.groups.chosen ? h('strong', { class: 'mono' }, namedValue(n.groups.chosen)) : h('span', { class: 'muted' }, 'none'),
      n.groups.helloRetry ? h('div', { class: 'small' }, linked(`The server sent a HelloRetryRequest asking for ${n.groups.helloRetry.group ? namedValue(n.groups.helloRetry.group) : 'another group'}: ${PANEL_WORDS.hrr.text}`), sourcesView(PANEL_WORDS.hrr.sources)) : null),
  ));
  if (n.signatureAlgorithms.length) {
    rows.push(h('tr', null, h('th', { scope: 'row' }, linked('Signature algorithms')), h('td', null, chips(n.signatureAlgorithms, '')), h('td', null, '')));
  }
  if (n.sni.length) rows.push(h('tr', null, h('th', { scope: 'row' }, linked('SNI')), h('td', null, n.sni.join(', ')), h('td', null, '')));
  if (n.alpn.offered.length || n.alpn.chosen) {
    rows.push(h('tr', null, h('th', { scope: 'row' }, 'ALPN'), h('td', null, n.alpn.offered.join(', ') || '—'), h('td', null, n.alpn.chosen || 'none')));
  }
  const table = h('table', { class: 'negotiation', 'data-testid': 'negotiation' },
    h('thead', null, h('tr', null, h('th', null, ''), h('th', null, 'Client offered (ClientHello)'), h('th', null, 'Chosen'))),
    h('tbody', null, rows),
  );
  let parts = null;
  if (n.suiteParts) {
    const p = n.suiteParts;
    const row = (label, val, used) => h('tr', null, h('th', { scope: 'row' }, label), h('td', null, val || '—', used ? h('div', { class: 'muted small' }, 'used here: ', used) : null));
    parts = h('section', { class: 'suite-parts', 'data-testid': 'suite-parts' },
      h('h3', null, 'The chosen cipher suite, part by part: ', h('code', null, p.name || String(p.id))),
      h('table', { class: 'parts' }, h('tbody', null,
        row('Key exchange', p.key_exchange, p.keyExchangeUsed),
        row('Authentication', p.authentication, p.authenticationUsed),
        row('Record cipher', p.cipher),
        row('Hash', p.hash),
      )),
      p.explanation ? h('p', { class: 'explain' }, linked(p.explanation), sourcesView(p.sources)) : null,
    );
  }
  const kx = n.keyExchange ? h('section', { class: 'kx', 'data-testid': 'key-exchange' },
    h('h3', null, linked('Key exchange')),
    h('p', null, `${n.keyExchange.method} over ${namedValue(n.keyExchange.group)}: client share ${n.keyExchange.client_share_length} bytes, server share ${n.keyExchange.server_share_length} bytes.`),
    n.keyExchange.explanation ? h('p', { class: 'explain' }, linked(n.keyExchange.explanation), sourcesView(n.keyExchange.sources)) : null,
  ) : null;
  const secrets = ['client', 'server'].some((s) => n.secrets[s].length) ? h('section', { class: 'secrets' },
    h('h3', null, 'Secrets derived (names only — the values never leave the endpoints)'),
    h('div', { class: 'state-columns' }, ['client', 'server'].map((side) => h('div', null,
      h('h4', null, sideBadge(side)),
      h('ul', { class: 'plain' }, n.secrets[side].map((s) => h('li', null, h('code', null, s.label), ` (${s.length} bytes, ${s.hash})`, s.explanation ? h('div', { class: 'small muted' }, s.explanation, sourcesView(s.sources)) : null))),
    ))),
  ) : null;
  const auth = h('p', { class: 'auth-line' },
    n.mode === 'mutual' ? [linked(`Mutual handshake: the server asked for a client certificate${n.clientAuthenticated ? ' and the client proved who it is.' : '.'}`), sourcesView(PANEL_WORDS.mutualLine.sources)]
      : [linked(`Basic handshake: only the server proves who it is${n.clientCertRequested ? ' (a client certificate was requested but not provided)' : ''}.`), sourcesView(PANEL_WORDS.basicLine.sources)]);
  return h('section', { class: 'negotiation-panel' }, auth, table, parts, kx, secrets);
}

// --- certificate chains -----------------------------------------------------------------------------

export function chainView(chains) {
  if (!chains.length) {
    return h('p', { class: 'muted', 'data-testid': 'chains-empty' }, 'No certificate was sent or checked in this handshake (it stopped before the Certificate message).');
  }
  return h('section', { class: 'chains' }, chains.map((c) => h('article', { class: 'chain', 'data-testid': 'chain', 'data-verifier': c.verifier },
    h('h3', null, c.title),
    h('p', { class: `verdict ${c.ok === true ? 'ok' : c.ok === false ? 'bad' : 'unknown'}`, 'data-testid': 'chain-verdict' }, c.ok === true ? '✓ ' : c.ok === false ? '✕ ' : '', linked(c.verdict), sourcesView(c.verdictSources)),
    h('ul', { class: 'checks small', 'data-testid': 'chain-checks' }, (c.checks || []).map((k) => h('li', null, linked(k.text), sourcesView(k.sources)))),
    h('p', { class: 'muted small' },
      c.trustedCa ? [linked(`The ${c.verifier} trusts this root CA: `), h('span', { class: 'dn' }, c.trustedCa), '. '] : null,
      c.verifyPeer ? `It checks its peer: ${c.verifyPeer}. ` : null,
      c.serverName ? ['It expects the host name ', h('span', { class: 'dn' }, c.serverName), '.'] : null,
    ),
    c.missingIssuer ? h('div', { class: 'chain-item missing', 'data-testid': 'chain-item', 'data-role': 'missing' },
      h('div', { class: 'chain-role' }, 'unknown issuer'),
      h('div', { class: 'dn' }, c.missingIssuer.subject),
      h('p', { class: 'small' }, c.missingIssuer.text, sourcesView(c.missingIssuer.sources)),
    ) : null,
    h('ol', { class: 'chain-items' }, c.items.map((it, i) => h('li', {
      class: `chain-item ${it.ok === true ? 'ok' : it.ok === false ? 'bad' : 'unchecked'}`,
      'data-testid': 'chain-item',
      'data-role': it.role,
      'data-depth': it.depth,
    },
    i > 0 || c.missingIssuer ? h('div', { class: 'chain-link', 'aria-hidden': 'true' }, '↓ signed') : null,
    h('div', { class: 'chain-role' }, it.role, it.checked ? '' : ' (not checked)'),
    h('dl', { class: 'facts' },
      h('dt', null, 'Subject'), h('dd', { class: 'dn', 'data-testid': 'chain-subject' }, it.subject || '—'),
      h('dt', null, 'Issuer'), h('dd', { class: 'dn' }, it.issuer || '—'),
      h('dt', null, 'Valid'), h('dd', null, `${it.not_before || '?'} to ${it.not_after || '?'}`),
      h('dt', null, 'Key'), h('dd', null, it.key || '—'),
      it.signature_algorithm ? [h('dt', null, 'Signed with'), h('dd', null, it.signature_algorithm)] : null,
      it.serial ? [h('dt', null, 'Serial'), h('dd', { class: 'mono' }, it.serial)] : null,
      it.san.length ? [h('dt', null, 'Names (SAN)'), h('dd', null, it.san.join(', '))] : null,
      h('dt', null, 'Where from'), h('dd', null, it.source),
      h('dt', null, 'Result'), h('dd', { 'data-testid': 'chain-result' },
        it.ok === true ? '✓ accepted' : it.ok === false ? ['✕ rejected', h('ul', null, it.reasons.map((r) => h('li', null, h('code', null, r.name), ': ', r.explain, sourcesView(r.sources))))] : 'not checked'),
    ),
    ))),
  )));
}

// --- basic vs mutual --------------------------------------------------------------------------------

export function compareView(cmp, opts = {}) {
  if (!cmp) {
    return h('section', { class: 'compare empty', 'data-testid': 'compare' },
      h('p', null, linked('To compare a basic and a mutual handshake, load a trace that holds both for the same TLS version (for example `tlstrace demo --all`), or run both from the live controls.')),
      opts.canRun ? h('p', null, h('button', { type: 'button', 'data-action': 'run-compare', 'data-testid': 'run-compare' }, `Run basic and mutual (TLS ${opts.tls || '1.3'})`)) : null,
    );
  }
  const cell = (m) => (m ? h('div', { class: `cmp-msg from-${m.from}` }, sideBadge(m.from), ' ', h('span', { class: 'cmp-label' }, m.label), ' ', protectionBadge(m.protection)) : h('div', { class: 'cmp-gap muted' }, '—'));
  return h('section', { class: 'compare', 'data-testid': 'compare', 'data-version': cmp.version },
    h('p', null, linked(`${cmp.version}: the same handshake without and with client authentication. A mutual handshake adds exactly ${cmp.added.length} messages; everything else is the same.`), sourcesView(PANEL_WORDS.compare.sources)),
    h('table', { class: 'compare-table' },
      h('thead', null, h('tr', null, h('th', null, h('a', { href: '#' + encodeURIComponent(cmp.basicKey) }, 'Basic: ', cmp.basicTitle)), h('th', null, h('a', { href: '#' + encodeURIComponent(cmp.mutualKey) }, 'Mutual: ', cmp.mutualTitle)))),
      h('tbody', null, cmp.rows.map((r) => h('tr', { class: r.added ? 'added' : '', 'data-testid': 'compare-row', 'data-added': r.added ? 'true' : 'false' },
        h('td', null, cell(r.basic)), h('td', null, cell(r.mutual), r.added ? h('span', { class: 'badge mutual' }, 'added') : null)))),
    ),
    h('h3', null, 'What each added message proves'),
    h('ul', { class: 'proofs' }, cmp.added.map((a) => h('li', { 'data-testid': 'compare-added', 'data-hs-type': a.hs_type, 'data-from': a.from },
      h('strong', null, `${sideLabel(a.from)} ${a.label}`), ': ', linked(a.proves), sourcesView(a.sources)))),
    cmp.consistent ? null : h('p', { class: 'note warn' }, 'Note: these two handshakes differ by more than the mutual-only messages (different scenarios?).'),
  );
}

// --- glossary ---------------------------------------------------------------------------------------

export function glossaryView() {
  return h('section', { class: 'glossary', 'data-testid': 'glossary' },
    h('dl', null, GLOSSARY.map((g) => [
      h('dt', { id: `g-${g.id}`, 'data-term': g.id, tabindex: -1 }, g.term),
      h('dd', null, linked(g.text, [g.id]), sourcesView(g.sources)),
    ])),
  );
}

// --- key schedule -----------------------------------------------------------------------------------

const link = (key, x) => h('a', { href: fragmentFor(key, x.seq), class: 'item-link', 'data-testid': 'protects-link', 'data-seq': x.seq }, `${sideLabel(x.from)} ${x.label}`);

/** The key-schedule panel (keyschedule.js): each rung, whether the trace saw it, what it protects. */
export function keyScheduleView(ks, sessionKey) {
  if (!ks) return h('p', { class: 'muted', 'data-testid': 'key-schedule-empty' }, 'No version was negotiated in this handshake: no key schedule to show.');
  return h('section', { class: 'key-schedule', 'data-testid': 'key-schedule', 'data-version': ks.version },
    h('p', { class: 'muted small' }, ks.note, sourcesView(ks.noteSources)),
    ks.kx ? h('p', { class: 'small' }, linked(`The key exchange: ${ks.kx.method} over ${namedValue(ks.kx.group)}.`)) : null,
    h('ol', { class: 'ladder' }, ks.rungs.map((r) => h('li', {
      class: `rung ${r.seen.length ? 'seen' : r.exported ? 'missing' : 'internal'}`,
      'data-testid': 'ks-rung', 'data-rung': r.id, 'data-seen': r.seen.length ? 'true' : 'false',
    },
    h('div', { class: 'rung-head' },
      h('strong', null, r.name),
      r.label ? [' ', h('code', { class: 'small' }, r.label)] : null,
      ' ', h('span', { class: 'badge small' }, r.seen.length ? `derived (seq ${r.seen.map((x) => x.seq).join(', ')})` : r.exported ? 'not seen in this trace' : 'inside Mbed TLS, not exported'),
    ),
    r.from.length ? h('div', { class: 'muted small' }, 'from: ', r.from.join(' + ')) : null,
    h('p', { class: 'small' }, linked(r.text), sourcesView(r.sources)),
    r.protects.length ? h('div', { class: 'small protects', 'data-testid': 'ks-protects' }, 'protects: ', r.protects.map((x, i) => [i ? ', ' : '', link(sessionKey, x)])) : null,
    r.tickets.length ? h('div', { class: 'small' }, 'tickets: ', r.tickets.map((x, i) => [i ? ', ' : '', link(sessionKey, x)])) : null,
    ))),
    ks.ticketsTls12.length ? h('p', { class: 'small' }, linked('TLS 1.2 session tickets are not derived from these secrets: the server encrypts the session state (the master secret included) with a long-lived ticket key of its own, and the NewSessionTicket travels in the clear before its ChangeCipherSpec: '),
      ks.ticketsTls12.map((x, i) => [i ? ', ' : '', link(sessionKey, x)]), sourcesView(['RFC 5077 §3.3', 'RFC 5077 §4'])) : null,
  );
}

// --- who signs what ---------------------------------------------------------------------------------

/** The "who signs what" panel (signatures.js), with the downgrade sentinel flagged when present. */
export function signaturesView(sig, sessionKey) {
  return h('section', { class: 'signatures', 'data-testid': 'signatures' },
    h('p', { class: 'muted small' }, PANEL_WORDS.signatures.text, sourcesView(PANEL_WORDS.signatures.sources)),
    sig.rows.length ? h('ul', { class: 'plain' }, sig.rows.map((r) => h('li', { 'data-testid': 'signature-row', 'data-who': r.who },
      h('strong', null, sideLabel(r.who)), r.message ? [' in ', link(sessionKey, { seq: r.seq, from: r.who, label: r.message })] : null,
      r.scheme ? [' (', h('code', null, namedValue(r.scheme)), ')'] : null, ': ', linked(r.text), sourcesView(r.sources)))) :
      h('p', { class: 'muted' }, 'No handshake signature in this trace (it stopped before one).'),
    h('p', { class: 'small' }, linked(sig.ca.text), sourcesView(sig.ca.sources)),
    sig.sentinel ? h('p', {
      class: `sentinel${sig.sentinel.flagged ? ' flagged' : ''}`, 'data-testid': 'downgrade-sentinel', 'data-flagged': sig.sentinel.flagged ? 'true' : 'false',
    }, sig.sentinel.flagged ? h('span', { class: 'badge deviation-badge' }, `downgrade sentinel: ${sig.sentinel.value}`) : null, ' ', linked(sig.sentinel.text), sourcesView(sig.sentinel.sources)) : null,
  );
}
