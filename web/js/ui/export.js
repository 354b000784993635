// Downloads: the diagram as a standalone SVG file, the trace as JSON Lines. Blob + a temporary
// download link; nothing leaves the machine.

import { toXml } from '../vdom.js';
import { safeFileName } from '../protocol.js';

export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** The SVG file text of a diagram vnode. */
export function svgFileText(svgNode) {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + toXml(svgNode) + '\n';
}

/** Events renumbered 1, 2, 3 … in seq order, so the exported file is a valid trace on its own. */
export function renumbered(events) {
  return events.slice().sort((a, b) => a.seq - b.seq).map((e, i) => ({ ...e, seq: i + 1 }));
}

export function exportSvg(sessionKey, svgNode) {
  download(safeFileName(sessionKey, 'svg'), 'image/svg+xml', svgFileText(svgNode));
}

export function exportJsonl(name, events) {
  const text = renumbered(events).map((e) => JSON.stringify(e)).join('\n') + '\n';
  download(safeFileName(name, 'jsonl'), 'application/x-ndjson', text);
}
