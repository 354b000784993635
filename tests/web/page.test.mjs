// Static checks of web/: what a strict Content-Security-Policy (script-src 'self'; style-src 'self')
// and "works offline" require, and that every module import resolves.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { WEB, ROOT } from './helpers.mjs';

function files(dir, ext) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p, ext));
    else if (!ext || p.endsWith(ext)) out.push(p);
  }
  return out;
}

const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
const jsFiles = files(path.join(WEB, 'js'), '.js');

test('index.html: no inline script, no inline style, no inline handler', () => {
  const scripts = html.match(/<script\b[^>]*>/g) || [];
  assert.ok(scripts.length >= 1);
  for (const s of scripts) assert.match(s, /\bsrc="js\/[a-z/.-]+\.js"/, s);
  assert.ok(!/<script\b[^>]*>\s*\S/.test(html.replace(/<script\b[^>]*src=[^>]*><\/script>/g, '')), 'a script with a body');
  assert.ok(!/<style\b/i.test(html), '<style> element');
  assert.ok(!/\sstyle\s*=/i.test(html), 'style attribute');
  assert.ok(!/\son[a-z]+\s*=/i.test(html), 'inline event handler');
  assert.ok(!/\b(?:src|href)="(?:https?:)?\/\//i.test(html), 'nothing fetched from the network');
});

test('JavaScript: no HTML parsing of strings, no eval, nothing fetched from the network', () => {
  for (const f of jsFiles) {
    const src = fs.readFileSync(f, 'utf8');
    const rel = path.relative(ROOT, f);
    for (const bad of [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\beval\s*\(/, /new Function\s*\(/, /\.style\.cssText/, /setAttribute\(\s*['"]style/]) {
      assert.ok(!bad.test(src), `${rel}: ${bad}`);
    }
    for (const m of src.matchAll(/['"`](https?:\/\/[^'"`]*)/g)) {
      // XML namespaces, and the rfc-editor.org base of the sources' plain links (sources.js): a
      // link the reader may follow, never something the page fetches.
      assert.match(m[1], /^(http:\/\/www\.w3\.org\/|https:\/\/www\.rfc-editor\.org\/rfc\/rfc$)/, `${rel}: network URL ${m[1]}`);
    }
  }
});

test('every relative import in web/js resolves to a file', () => {
  for (const f of [...jsFiles]) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\bfrom\s+['"](\.[^'"]+)['"]/g)) {
      const target = path.resolve(path.dirname(f), m[1]);
      assert.ok(fs.existsSync(target), `${path.relative(ROOT, f)} imports ${m[1]}`);
    }
  }
  assert.ok(fs.existsSync(path.join(WEB, 'js', 'main.js')));
  assert.ok(fs.existsSync(path.join(WEB, 'css', 'page.css')));
});

test('pure modules import no DOM code', async () => {
  for (const name of ['model', 'diagram', 'compare', 'playback', 'glossary', 'explain', 'bytes', 'negotiation', 'chain', 'protocol', 'vdom']) {
    const src = fs.readFileSync(path.join(WEB, 'js', `${name}.js`), 'utf8');
    assert.ok(!/\bdocument\.|\bwindow\.|from '\.\/ui\//.test(src), `${name}.js touches the DOM`);
    await import(path.join(WEB, 'js', `${name}.js`)); // loads in Node
  }
});

test('page.css: colours as custom properties, a print stylesheet and a projector mode', () => {
  const css = fs.readFileSync(path.join(WEB, 'css', 'page.css'), 'utf8');
  for (const v of ['--c-client', '--c-server', '--c-plaintext', '--c-handshake', '--c-application', '--c-alert']) assert.ok(css.includes(`${v}:`), v);
  assert.match(css, /@media print/);
  assert.match(css, /\.projector\b/);
  assert.ok(!/@import|url\(\s*['"]?https?:/i.test(css), 'nothing fetched from the network');
});

test('stable data-testid hooks for the browser tests', () => {
  for (const id of ['scenario-select', 'tls-select', 'run-button', 'play', 'step-back', 'step-forward', 'to-start', 'to-end', 'speed', 'scrubber',
    'file-input', 'projector-toggle', 'export-svg', 'export-session', 'connection-status']) {
    assert.ok(html.includes(`data-testid="${id}"`), id);
  }
});

test('no absolute paths of a build machine in web/ or tests/web/', () => {
  const re = new RegExp(['/wo' + 'rk/', '/tm' + 'p/', '/ho' + 'me/', '/ro' + 'ot/'].join('|'));
  for (const f of [...files(WEB), ...files(path.join(ROOT, 'tests', 'web'))]) {
    assert.ok(!re.test(fs.readFileSync(f, 'utf8')), path.relative(ROOT, f));
  }
});
