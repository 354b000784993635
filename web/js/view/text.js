// Small pure helpers shared by the views: text with glossary links, labels, badges.

import { h } from '../vdom.js';
import { linkTerms } from '../glossary.js';
import { PROTECTION, protectionTag } from '../explain.js';
import { cleanSources, sourceUrl } from '../sources.js';

/** A sentence with its glossary terms as links to #g-<id> (text only; the href is ours). */
export function linked(text, skip) {
  return linkTerms(text, skip).map((seg) =>
    seg.term ? h('a', { href: `#g-${seg.term}`, class: 'term', 'data-term': seg.term }, seg.text) : seg.text,
  );
}

/** A coloured protection tag: "plaintext" / "handshake keys" / "application keys". */
export function protectionBadge(p) {
  const known = PROTECTION[p] ? p : 'encrypted';
  return h('span', { class: `badge prot prot-${known}`, title: PROTECTION[known].text, 'data-protection': known }, protectionTag(known));
}

export const sideLabel = (s) => (s === 'client' ? 'Client' : 'Server');

export function sideBadge(s) {
  return h('span', { class: `badge side side-${s === 'server' ? 'server' : 'client'}` }, sideLabel(s));
}

/** Milliseconds with two decimals from microseconds. */
export function ms(us) {
  return Number.isFinite(us) ? `${(us / 1000).toFixed(2)} ms` : '';
}

/** The sources of a sentence as small links ("[RFC 8446 §4.1.2, Mbed TLS 3.6 behaviour: …]"):
 * RFC references link to their rfc-editor.org section, the others stay text. Null when none. */
export function sourcesView(sources) {
  const list = cleanSources(sources);
  if (!list.length) return null;
  const parts = [];
  list.forEach((s, i) => {
    if (i) parts.push('; ');
    const url = sourceUrl(s);
    parts.push(url ? h('a', { href: url, class: 'source', 'data-testid': 'source-link', rel: 'noopener noreferrer' }, s) : h('span', { class: 'source' }, s));
  });
  return h('span', { class: 'sources small', 'data-testid': 'sources' }, ' [', parts, ']');
}

/** A sentence with its glossary links, then its sources. */
export function sourced(text, sources, skip) {
  return [linked(text, skip), sourcesView(sources)];
}

/** The deviations of an event: a "Mbed TLS differs from the RFC here" badge and both sides. */
export function deviationsView(deviations) {
  const list = Array.isArray(deviations) ? deviations.filter((d) => d && typeof d.rfc === 'string' && typeof d.mbedtls === 'string') : [];
  if (!list.length) return null;
  return list.map((d) => h('div', { class: 'deviation', 'data-testid': 'deviation', 'data-deviation': typeof d.id === 'string' ? d.id : '' },
    h('span', { class: 'badge deviation-badge' }, 'Mbed TLS differs from the RFC here'),
    h('p', { class: 'small' }, h('strong', null, 'The RFC: '), d.rfc),
    h('p', { class: 'small' }, h('strong', null, 'Mbed TLS 3.6: '), d.mbedtls, sourcesView(d.sources)),
  ));
}
