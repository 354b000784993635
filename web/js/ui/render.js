// vnode (vdom.js) → real DOM. The only place that creates elements from view descriptions:
// text always goes through createTextNode, elements through createElementNS, attributes through
// setAttribute after attributeAllowed() (no on* handlers, no script URLs, no inline style).

import { attributeAllowed } from '../vdom.js';

export function render(node) {
  if (typeof node === 'string') return document.createTextNode(node);
  const el = document.createElementNS(node.ns, node.tag);
  for (const [k, v] of Object.entries(node.attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (!attributeAllowed(k, v)) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of node.children) el.appendChild(render(c));
  return el;
}

/** The attributes render() would set for a vnode, as name → string. */
function wantedAttrs(node) {
  const out = new Map();
  for (const [k, v] of Object.entries(node.attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (!attributeAllowed(k, v)) continue;
    out.set(k, v === true ? '' : String(v));
  }
  return out;
}

/** Make an element's attributes and children those of a vnode of the same tag, in place. */
function patchElement(el, node) {
  const want = wantedAttrs(node);
  for (const a of [...el.attributes]) if (!want.has(a.name)) el.removeAttribute(a.name);
  for (const [k, v] of want) if (el.getAttribute(k) !== v) el.setAttribute(k, v);
  patchChildren(el, node.children);
}

function patchChildren(parent, nodes) {
  const have = [...parent.childNodes];
  nodes.forEach((node, i) => {
    const d = have[i];
    if (!d) parent.appendChild(render(node));
    else if (typeof node === 'string' && d.nodeType === Node.TEXT_NODE) {
      if (d.data !== node) d.data = node;
    } else if (typeof node !== 'string' && d.nodeType === Node.ELEMENT_NODE &&
               d.namespaceURI === node.ns && d.localName === node.tag) {
      patchElement(d, node);
    } else parent.replaceChild(render(node), d);
  });
  for (let i = have.length - 1; i >= nodes.length; i--) have[i].remove();
}

/**
 * Make the children of a container the rendering of one vnode (or nothing). The result is what a
 * fresh render() would give, but elements that are still there are updated in place, not
 * replaced: live events redraw the page every 80 ms, and a replaced element loses a click whose
 * press and release straddle the redraw, the keyboard focus and the hover.
 */
export function mount(container, node) {
  patchChildren(container, node ? [node] : []);
  return container.firstChild;
}

/** Shorthand: element with text. */
export function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (attributeAllowed(k, v)) e.setAttribute(k, String(v));
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
