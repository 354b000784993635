// Message details: header, explanation, the record it travelled in, the decoded fields as a tree
// (each with its one-line explanation) and the bytes in a hex view. Every tree node and every
// byte carries data-ptr, so hovering one highlights the other (ui/main.js does the hovering).
// Pure vnode builder.

import { h } from '../vdom.js';
import { fieldTree, hexRows, byteOwners, offsetLabel } from '../bytes.js';
import { namedValue } from '../explain.js';
import { clientCertNote } from '../diagram.js';
import { linked, protectionBadge, sideBadge, sideLabel, ms, sourcesView, deviationsView } from './text.js';
import { captureReadNote } from '../capture.js';

function treeNode(n, depth) {
  const row = [
    h('span', { class: 'field-name' }, n.label),
    n.value !== '' ? h('span', { class: 'field-value' }, n.value) : null,
    n.span ? h('span', { class: 'field-span', title: `bytes ${n.span[0]} to ${n.span[0] + n.span[1] - 1} of the message` }, `@${n.span[0]}+${n.span[1]}`) : null,
  ];
  const attrs = {
    class: 'field' + (n.span ? '' : ' no-span'),
    'data-testid': 'field',
    'data-ptr': n.ptr,
    role: 'treeitem',
  };
  if (n.span) {
    attrs['data-off'] = n.span[0];
    attrs['data-len'] = n.span[1];
  }
  const explain = n.explain ? h('div', { class: 'field-explain' }, linked(n.explain), sourcesView(n.sources)) : null;
  if (!n.children.length) {
    return h('li', { ...attrs, tabindex: 0 }, h('div', { class: 'field-row' }, row), explain);
  }
  return h('li', attrs,
    h('details', { open: depth < 1 ? true : null },
      h('summary', { class: 'field-row', tabindex: 0 }, row),
      explain,
      h('ul', { role: 'group' }, n.children.map((c) => treeNode(c, depth + 1))),
    ),
  );
}

function printable(hex) {
  const c = parseInt(hex, 16);
  return c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
}

/** The hex view of an item: rows of 16 bytes, each byte tagged with its innermost field. */
export function hexView(item, testid = 'hex-view') {
  const { spans, owner } = byteOwners(item);
  const rows = hexRows(item.hex || '');
  return h('div', { class: 'hex', 'data-testid': testid, role: 'table', 'aria-label': 'message bytes in hexadecimal' },
    rows.map((r) => h('div', { class: 'hex-row', role: 'row' },
      h('span', { class: 'hex-off' }, offsetLabel(r.offset)),
      h('span', { class: 'hex-bytes' }, r.bytes.map((b) => {
        const o = owner[b.off];
        const a = { class: 'hx', 'data-testid': 'hex-byte', 'data-off': b.off };
        if (o >= 0) a['data-ptr'] = spans[o][0];
        return h('span', a, b.hex);
      })),
      h('span', { class: 'hex-ascii', 'aria-hidden': 'true' }, r.bytes.map((b) => printable(b.hex)).join('')),
    )),
  );
}

function recordLine(item) {
  const r = item.record;
  if (!r || !r.content_type) return null;
  const parts = [`content type ${namedValue(r.content_type)}`];
  if (r.version) parts.push(`legacy version ${namedValue(r.version)}`);
  parts.push(`${r.length} bytes`);
  let how;
  if (r.decrypted && r.inner_content_type) {
    how = `The tracer decrypted it (the authentication tag checked out) with the ${r.protection === 'handshake' ? 'handshake' : 'application'} keys; inside, the real content type is ${namedValue(r.inner_content_type)}${Number.isInteger(r.plaintext_length) ? `, ${r.plaintext_length} bytes of plaintext` : ''}.`;
  } else if (r.decrypted) {
    how = 'The tracer decrypted it (the authentication tag checked out).';
  } else if (r.protection === 'plaintext') {
    how = 'Not encrypted: these bytes crossed the wire exactly as shown.';
  } else {
    how = 'Encrypted with keys the tracer does not hold.';
  }
  return h('div', { class: 'record-info', 'data-testid': 'record-info' },
    h('p', null, h('strong', null, 'Travelled in a record: '), parts.join(', '), '. ', how),
    r.header_hex ? h('p', { class: 'record-header' }, 'Record header bytes: ', h('code', null, r.header_hex.match(/../g).join(' '))) : null,
  );
}

/** The details panel of one item of a session; null item → a hint. */
export function detailsView(session, item, opts = {}) {
  if (!item) {
    return h('section', { class: 'details empty', 'data-testid': 'details' },
      h('p', { class: 'hint' }, 'Click an arrow in the diagram (or step with → ) to see the message: every field explained, and its bytes.'),
    );
  }
  const meta = [
    `seq ${item.seq}`,
    item.t_us !== undefined ? `at ${ms(item.t_us)}` : null,
    `${item.length} bytes${item.kind === 'message' ? ' (with the 4-byte handshake header)' : item.kind === 'alert' ? '' : ' in the record'}`,
  ].filter(Boolean).join(' · ');
  const notes = [];
  if (item.kind === 'message' && item.mutual_only) {
    notes.push(h('p', { class: 'note mutual' }, h('span', { class: 'badge mutual' }, 'mutual only'), ' ', linked('Sent only because the server asked the client to authenticate: a basic handshake has no such message.'), sourcesView(['RFC 8446 §4.3.2', 'RFC 5246 §7.4.4'])));
  }
  const privacy = clientCertNote(item);
  if (privacy) {
    notes.push(h('p', { class: 'note privacy', 'data-testid': 'privacy-note' }, linked(privacy.text), sourcesView(privacy.sources)));
  }
  if (item.read === false) {
    notes.push(h('p', { class: 'note not-read' }, `The ${item.to} never read this ${item.kind === 'message' ? 'message' : 'record'}: it had already stopped (see the failure).`));
  }
  if (session.capture) {
    notes.push(h('p', { class: 'note', 'data-testid': 'capture-note' }, captureReadNote(item)));
  } else if (item.sent && !item.received && item.read === null && session.sides[item.to].traced) {
    notes.push(h('p', { class: 'note' }, `Not read by the ${item.to} yet.`));
  }
  if (!item.sent) {
    notes.push(h('p', { class: 'note' }, `The ${item.from} is not traced: this is what the ${item.to} received.`));
  }
  if (item.mismatch) notes.push(h('p', { class: 'note warn' }, item.mismatch + '.'));
  if (item.error) notes.push(h('p', { class: 'note warn' }, 'Malformed: ', item.error));
  for (const p of item.spanProblems || []) notes.push(h('p', { class: 'note warn' }, 'Trace problem: ', p));

  const tree = fieldTree(item);
  return h('section', { class: `details kind-${item.kind}`, 'data-testid': 'details', 'data-idx': item.idx, 'data-seq': item.seq },
    h('header', { class: 'details-head' },
      h('h2', { 'data-testid': 'details-title' }, item.label),
      h('div', { class: 'details-meta' },
        sideBadge(item.from), h('span', { class: 'arrow-sym', 'aria-label': 'to' }, ' → '), sideBadge(item.to), ' ',
        protectionBadge(item.protection), ' ',
        h('span', { class: 'muted' }, meta),
      ),
      opts.link ? h('p', { class: 'permalink' }, h('a', { href: opts.link, 'data-testid': 'permalink' }, 'Link to this message')) : null,
    ),
    item.explanation ? h('p', { class: 'explain', 'data-testid': 'details-explanation' }, linked(item.explanation), sourcesView(item.sources)) : null,
    deviationsView(item.deviations),
    notes,
    recordLine(item),
    h('div', { class: 'bytes-panel' },
      h('div', { class: 'tree-wrap' },
        h('h3', null, 'Fields'),
        tree.length
          ? h('ul', { class: 'tree', role: 'tree', 'data-testid': 'field-tree', 'aria-label': `${item.label} fields` }, tree.map((n) => treeNode(n, 0)))
          : h('p', { class: 'muted' }, 'No decoded fields.'),
      ),
      h('div', { class: 'hex-wrap' },
        h('h3', null, item.kind === 'message' ? 'Bytes (the handshake message)' : item.kind === 'alert' ? 'Bytes (the alert)' : 'Bytes (the record header)'),
        item.hex ? hexView(item) : h('p', { class: 'muted' }, 'No bytes in the trace.'),
        h('p', { class: 'hint small' }, 'Hover a field to light up its bytes; hover a byte to find its field.'),
      ),
    ),
  );
}

export { sideLabel };
