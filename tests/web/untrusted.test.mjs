// Everything in a trace is untrusted: certificate names, SNI, ALPN, error texts, labels, even
// session ids. A crafted trace full of markup must come out of the pure layer as text only: no
// element made from it, no attribute name from it, no handler, no URL but our own fragments.

import { SOURCE_URL_RE } from '../../web/js/sources.js';
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../web/js/model.js';
import { buildDiagram } from '../../web/js/diagram.js';
import { buildChains } from '../../web/js/chain.js';
import { buildNegotiation } from '../../web/js/negotiation.js';
import { diagramSvg } from '../../web/js/view/diagram-svg.js';
import { detailsView } from '../../web/js/view/details.js';
import { chainView, failureView, statesView, negotiationView, sessionListView, summaryView } from '../../web/js/view/panels.js';
import { findAll, toXml, attributeAllowed, h, textOf } from '../../web/js/vdom.js';
import { exampleEvents } from './helpers.mjs';

const EVIL = '<img src=x onerror=alert(1)>';
const EVIL2 = '"><script>alert(2)</script>';

// Put the evil strings everywhere a trace carries free text.
function craft(events) {
  const walk = (v, key) => {
    if (typeof v === 'string') {
      if (['subject', 'issuer', 'host_name', 'explanation', 'explain', 'teaches', 'trusted_ca', 'certificate', 'server_name', 'text', 'summary', 'label'].includes(key)) {
        return `${v} ${EVIL} ${EVIL2}`;
      }
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, key === 'san' ? 'subject' : key));
    if (v && typeof v === 'object') {
      const o = {};
      for (const [k, x] of Object.entries(v)) o[k] = walk(x, k);
      return o;
    }
    return v;
  };
  return events.map((e) => {
    const c = walk(e, null);
    c.session = `xss${EVIL}`;
    if (c.type === 'message' && c.fields && typeof c.fields === 'object') c.fields[EVIL] = EVIL2; // an evil field name
    return c;
  });
}

const ALLOWED_TAGS = new Set([
  // html
  'section', 'header', 'h2', 'h3', 'h4', 'div', 'p', 'span', 'strong', 'code', 'a', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'details',
  'summary', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'article', 'button',
  // svg
  'svg', 'title', 'rect', 'text', 'g', 'line', 'polygon', 'path', 'circle',
]);

function assertSafe(tree, where) {
  for (const n of findAll(tree, () => true)) {
    assert.ok(ALLOWED_TAGS.has(n.tag), `${where}: unexpected element <${n.tag}>`);
    for (const [k, v] of Object.entries(n.attrs)) {
      assert.ok(!/^on/i.test(k), `${where}: handler attribute ${k}`);
      assert.ok(/^[a-zA-Z][a-zA-Z0-9-]*$/.test(k), `${where}: attribute name ${k} is ours`);
      // A fragment, or a source's rfc-editor.org section built by sources.js from digits only.
      if (k === 'href') assert.ok(String(v).startsWith('#') || SOURCE_URL_RE.test(String(v)), `${where}: href ${v}`);
      if (k === 'style') assert.fail(`${where}: inline style`);
    }
  }
}

function allViews(s) {
  const d = buildDiagram(s);
  const views = [
    ['diagram', diagramSvg(d)],
    ['chains', chainView(buildChains(s))],
    ['negotiation', negotiationView(buildNegotiation(s))],
    ['states', statesView(s)],
    ['summary', summaryView(s)],
    ['sessions', sessionListView([s], s.key)],
  ];
  const f = failureView(s);
  if (f) views.push(['failure', f]);
  for (const it of s.items) views.push([`details ${it.label.slice(0, 20)}`, detailsView(s, it, { link: '#' + encodeURIComponent(s.key) + '/' + it.seq })]);
  return views;
}

for (const name of ['mutual-tls1.3', 'untrusted-ca-tls1.3']) {
  test(`crafted ${name}: markup in every string stays text in every view`, () => {
    const { sessions } = buildModel(craft(exampleEvents(name)));
    assert.equal(sessions.length, 1);
    const s = sessions[0];
    let shown = 0;
    for (const [where, tree] of allViews(s)) {
      assertSafe(tree, where);
      const text = textOf(tree);
      if (text.includes(EVIL)) shown++;
    }
    assert.ok(shown >= 5, `the evil text is displayed (as text) in ${shown} views`);
    // The certificate subject reaches the chain view as a text node, character for character.
    const chain = chainView(buildChains(s));
    const subjects = findAll(chain, (n) => n.attrs['data-testid'] === 'chain-subject');
    assert.ok(subjects.length > 0);
    for (const n of subjects) {
      assert.equal(n.children.length, 1);
      assert.equal(typeof n.children[0], 'string');
      assert.ok(n.children[0].includes(EVIL));
    }
    // The exported SVG escapes it.
    const xml = toXml(diagramSvg(buildDiagram(s)));
    assert.ok(!xml.includes('<img'), 'no <img in the SVG file');
    assert.ok(!xml.includes('<script'), 'no <script in the SVG file');
    assert.ok(xml.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });
}

test('the vnode layer refuses handlers, script URLs and inline styles, and escapes text', () => {
  assert.equal(attributeAllowed('onclick', 'x'), false);
  assert.equal(attributeAllowed('ONload', 'x'), false);
  assert.equal(attributeAllowed('href', 'javascript:alert(1)'), false);
  assert.equal(attributeAllowed('href', '#g-pki'), true);
  assert.equal(attributeAllowed('href', 'blob:http://x/y'), true);
  assert.equal(attributeAllowed('style', 'color:red'), false);
  assert.equal(attributeAllowed('a b', 'x'), false);
  assert.equal(attributeAllowed('data-ptr', EVIL), true, 'any value is fine in a data attribute (set with setAttribute)');
  const xml = toXml(h('p', { onclick: 'x', title: EVIL2, href: 'javascript:1' }, EVIL, '\u0000'));
  assert.equal(xml, '<p title="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;">&lt;img src=x onerror=alert(1)&gt;\ufffd</p>');
});
