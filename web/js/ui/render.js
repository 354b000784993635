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

/** Replace the children of a container with the rendering of one vnode (or nothing). */
export function mount(container, node) {
  container.replaceChildren();
  if (node) container.appendChild(render(node));
  return container.firstChild;
}

/** Shorthand: element with text. */
export function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (attributeAllowed(k, v)) e.setAttribute(k, String(v));
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
