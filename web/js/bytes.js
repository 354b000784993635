// Bytes and the fields that explain them. Pure: builds the field tree of a message (each node with
// its JSON Pointer, one-line explanation and byte span) and the map from each byte back to the
// innermost field that covers it — the two halves of "hover a field, see its bytes; hover a byte,
// see its field".

import { fieldWords, namedValue, isNamed, HEADER_FIELDS, RECORD_HEADER_FIELDS } from './explain.js';

/** Bytes of a lowercase hex string as an array of two-character strings. */
export function hexBytes(hex) {
  const out = [];
  if (typeof hex !== 'string') return out;
  for (let i = 0; i + 1 < hex.length; i += 2) out.push(hex.slice(i, i + 2));
  return out;
}

/** Rows of `perRow` bytes: [{offset, bytes: [{off, hex}]}]. */
export function hexRows(hex, perRow = 16) {
  const bytes = hexBytes(hex);
  const rows = [];
  for (let off = 0; off < bytes.length; off += perRow) {
    rows.push({ offset: off, bytes: bytes.slice(off, off + perRow).map((b, i) => ({ off: off + i, hex: b })) });
  }
  return rows;
}

/** "0x00a4" style offset label. */
export const offsetLabel = (n) => n.toString(16).padStart(4, '0');

const HEXISH = new Set(['random', 'session_id', 'verify_data', 'ticket_nonce', 'renegotiated_connection', 'hex', 'certificate_request_context']);

function shortHex(s) {
  const n = s.length >> 1;
  if (n === 0) return '(empty)';
  if (s.length <= 24) return `${s} (${n} byte${n === 1 ? '' : 's'})`;
  return `${s.slice(0, 8)}…${s.slice(-8)} (${n} bytes)`;
}

function escPtr(k) {
  return String(k).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** All spans of an item: the header ones we add, then the trace's valid ones: [[ptr, off, len]]. */
export function itemSpans(item) {
  const size = (item.hex || '').length >> 1;
  const out = [];
  const header = item.kind === 'message' ? HEADER_FIELDS : item.kind === 'alert' ? [] : RECORD_HEADER_FIELDS;
  for (const h of header) if (h.off + h.len <= size) out.push([h.ptr, h.off, h.len]);
  if (item.kind === 'message') for (const s of item.validSpans || []) out.push(s);
  else if (item.kind === 'alert') for (const s of item.spans || []) if (s[1] + s[2] <= size) out.push(s);
  return out;
}

/**
 * For each byte of the item, the index (into `spans`) of the smallest span covering it, or -1.
 * Returns {spans, owner: Int32Array}.
 */
export function byteOwners(item) {
  const spans = itemSpans(item);
  const size = (item.hex || '').length >> 1;
  const owner = new Int32Array(size).fill(-1);
  const order = spans.map((s, i) => i).sort((a, b) => spans[b][2] - spans[a][2]);
  for (const i of order) {
    const [, off, len] = spans[i];
    for (let b = off; b < off + len && b < size; b++) owner[b] = i;
  }
  return { spans, owner };
}

function valueText(key, v) {
  if (v === null) return 'null';
  if (isNamed(v)) return namedValue(v);
  if (typeof v === 'string') return HEXISH.has(key) && /^[0-9a-f]*$/.test(v) ? shortHex(v) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `${v.length} item${v.length === 1 ? '' : 's'}`;
  return '';
}

function nodeLabel(parentKey, key, v) {
  if (parentKey === 'extensions' && v && typeof v === 'object' && v.type) {
    const t = v.type;
    return `extension ${isNamed(t) && typeof t.name === 'string' ? t.name : 'unknown'}`;
  }
  if (/^[0-9]+$/.test(String(key))) return `[${key}]`;
  return String(key);
}

/**
 * The field tree of an item (message, alert or record): [{ptr, label, value, explain, span, children}].
 * `span` is [offset, length] in the item's hex, or null when the trace gives no span for it.
 */
export function fieldTree(item) {
  const spanOf = new Map();
  for (const [ptr, off, len] of itemSpans(item)) if (!spanOf.has(ptr)) spanOf.set(ptr, [off, len]);
  const hsType = item.kind === 'message' ? item.hs_type : item.kind;
  const roots = [];
  const header = item.kind === 'message' ? HEADER_FIELDS : item.kind === 'alert' ? [] : RECORD_HEADER_FIELDS;
  const size = (item.hex || '').length >> 1;
  for (const hdr of header) {
    if (hdr.off + hdr.len > size) continue;
    let value = item.hex.slice(hdr.off * 2, (hdr.off + hdr.len) * 2);
    if (hdr.ptr === '#msg_type') value = `${item.hs_type} (${item.hs_type_id ?? parseInt(value, 16)})`;
    if (hdr.ptr === '#length' || hdr.ptr === '#record_length') value = `${parseInt(value, 16)} bytes`;
    if (hdr.ptr === '#content_type' && item.record && item.record.content_type) value = namedValue(item.record.content_type);
    if (hdr.ptr === '#version' && item.record && item.record.version) value = namedValue(item.record.version);
    roots.push({ ptr: hdr.ptr, label: hdr.label, value, explain: hdr.text, sources: hdr.sources, span: [hdr.off, hdr.len], children: [] });
  }
  const walk = (v, ptr, key, parentKey, extName) => {
    const words = fieldWords(hsType, ptr, extName);
    const node = {
      ptr,
      label: nodeLabel(parentKey, key, v),
      value: valueText(key, v),
      explain: words.text,
      sources: words.sources,
      span: spanOf.get(ptr) || null,
      children: [],
    };
    if (v && typeof v === 'object' && !isNamed(v)) {
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
      for (const [k, child] of entries) {
        let ext = extName;
        if (key === 'extensions' || parentKey === 'extensions') {
          // ptr /extensions/N: remember the extension's name for its sub-fields.
          const extObj = parentKey === 'extensions' ? v : child;
          if (extObj && extObj.type && isNamed(extObj.type) && typeof extObj.type.name === 'string') ext = extObj.type.name;
        }
        node.children.push(walk(child, `${ptr}/${escPtr(k)}`, k, key, ext));
      }
      if (node.value === '' && parentKey === 'certificates' && v.x509 && typeof v.x509.subject === 'string') {
        node.value = v.x509.subject;
      }
    }
    return node;
  };
  const fields = item.fields && typeof item.fields === 'object' ? item.fields : {};
  for (const [k, v] of Object.entries(fields)) roots.push(walk(v, `/${escPtr(k)}`, k, null, null));
  return roots;
}

/** Flatten a field tree depth-first (for lookups and tests). */
export function flattenTree(nodes, out = []) {
  for (const n of nodes) {
    out.push(n);
    flattenTree(n.children, out);
  }
  return out;
}
