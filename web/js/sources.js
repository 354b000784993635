// Where a sentence comes from. Every explaining sentence the page shows names its sources: the
// trace carries them next to its text ("sources", schema/README.md), and the page's own tables
// carry them as a second column. Pure: the forms, a check, and the rfc-editor.org address of a
// reference (a plain link; the page itself fetches nothing).

/** The forms of a reference, as in schema/event.schema.json ($defs/sources). */
export const SOURCE_RE = /^(RFC (?!8446$|5246$)[0-9]{1,5}|RFC [0-9]{1,5} (§[0-9]+(\.[0-9]+)*|Appendix [A-Z](\.[0-9]+)*)|draft-[a-z0-9-]+|FIPS [0-9]+|Mbed TLS 3\.6 behaviour: [^\r\n]+)$/;

/** True when list is a non-empty array of well-formed references. */
export function validSources(list) {
  return Array.isArray(list) && list.length > 0 && list.every((s) => typeof s === 'string' && SOURCE_RE.test(s));
}

/** The references of a list that are well formed (anything else from a trace is dropped). */
export function cleanSources(list) {
  return Array.isArray(list) ? list.filter((s) => typeof s === 'string' && SOURCE_RE.test(s)) : [];
}

// The only address the page links out to: a plain link for the reader, never fetched.
const RFC_BASE = 'https://www.rfc-editor.org/rfc/rfc';
const RFC_RE = /^RFC ([0-9]{1,5})(?: §([0-9]+(?:\.[0-9]+)*)| Appendix ([A-Z](?:\.[0-9]+)*))?$/;

/**
 * The rfc-editor.org address of an RFC reference (section or appendix anchor), or null for other
 * references. Built only from the digits and letters the pattern captured, never from raw text.
 */
export function sourceUrl(s) {
  const m = RFC_RE.exec(String(s));
  if (!m) return null;
  const base = RFC_BASE + String(Number(m[1]));
  if (m[2]) return `${base}#section-${m[2]}`;
  if (m[3]) return `${base}#appendix-${m[3]}`;
  return base;
}

/** The address pattern sourceUrl produces (vdom.js lets these through, and nothing else). */
export const SOURCE_URL_RE = /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc[0-9]{1,5}(#(section|appendix)-[0-9A-Z.]+)?$/;
