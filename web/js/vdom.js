// A tiny description of DOM/SVG trees as plain data, so that everything the page shows can be
// built (and tested) without a browser.
//
//   h('div', {class: 'x', 'data-testid': 'arrow'}, 'text', h('span', null, 'more'))
//   svg('line', {x1: 0, y1: 0, x2: 10, y2: 0})
//
// A vnode is {tag, ns, attrs, children}; a child is a vnode or a string. Strings are always text:
// the renderer (ui/render.js) turns them into text nodes and toXml() escapes them, so a
// certificate subject like "<img src=x onerror=...>" stays a string of characters, never markup.
//
// Attribute names are fixed by our code, never taken from a trace; the renderer and toXml() refuse
// event-handler attributes (on*) and any URL attribute that is not a fragment, a blob: URL or an
// rfc-editor.org section address built by sources.js.

import { SOURCE_URL_RE } from './sources.js';

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const HTML_NS = 'http://www.w3.org/1999/xhtml';

function pushChildren(out, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false || c === true) continue;
    if (Array.isArray(c)) pushChildren(out, c);
    else if (typeof c === 'string') out.push(c);
    else if (typeof c === 'number') out.push(String(c));
    else if (typeof c === 'object' && typeof c.tag === 'string') out.push(c);
    else out.push(String(c));
  }
  return out;
}

/** An HTML element description. attrs may be null; children are vnodes, strings, arrays or null. */
export function h(tag, attrs, ...children) {
  return { tag, ns: HTML_NS, attrs: attrs || {}, children: pushChildren([], children) };
}

/** An SVG element description (same shape, SVG namespace). */
export function svg(tag, attrs, ...children) {
  return { tag, ns: SVG_NS, attrs: attrs || {}, children: pushChildren([], children) };
}

const URL_ATTRS = new Set(['href', 'xlink:href', 'src', 'action', 'formaction']);

/** Whether our renderer may set this attribute with this value (no handlers, no script URLs). */
export function attributeAllowed(name, value) {
  const n = String(name).toLowerCase();
  if (!/^[a-z][a-z0-9:_.-]*$/.test(n)) return false;
  if (n.startsWith('on')) return false;
  if (n === 'style' || n === 'srcdoc') return false;
  if (URL_ATTRS.has(n)) {
    const v = String(value);
    // Fragments, blobs, and the rfc-editor.org sections the sources link to (sources.js).
    return v.startsWith('#') || v.startsWith('blob:') || (n === 'href' && SOURCE_URL_RE.test(v));
  }
  return true;
}

// XML 1.0 forbids most C0 control characters even as character references.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Escape a string for XML text or a double-quoted attribute value. */
export function escapeXml(s) {
  return String(s)
    .replace(XML_INVALID, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Serialize a vnode tree to XML text (used for the SVG export). */
export function toXml(node, isRoot = true) {
  if (typeof node === 'string') return escapeXml(node);
  let out = '<' + node.tag;
  if (isRoot && node.ns === SVG_NS && node.tag === 'svg' && !('xmlns' in node.attrs)) {
    out += ' xmlns="' + SVG_NS + '"';
  }
  for (const [k, v] of Object.entries(node.attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (!attributeAllowed(k, v)) continue;
    out += ' ' + k + '="' + escapeXml(v === true ? '' : v) + '"';
  }
  if (node.children.length === 0) return out + '/>';
  out += '>';
  for (const c of node.children) out += toXml(c, false);
  return out + '</' + node.tag + '>';
}

/** All text of a tree, concatenated (for tests and for titles). */
export function textOf(node) {
  if (typeof node === 'string') return node;
  return node.children.map(textOf).join('');
}

/** Depth-first list of the vnodes matching a predicate. */
export function findAll(node, pred, out = []) {
  if (typeof node === 'string') return out;
  if (pred(node)) out.push(node);
  for (const c of node.children) findAll(c, pred, out);
  return out;
}

/** Vnodes carrying data-testid=id. */
export function byTestId(node, id) {
  return findAll(node, (n) => n.attrs['data-testid'] === id);
}
