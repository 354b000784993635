// Small pure helpers shared by the views: text with glossary links, labels, badges.

import { h } from '../vdom.js';
import { linkTerms } from '../glossary.js';
import { PROTECTION, protectionTag } from '../explain.js';

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
