// Diagram model → SVG vnode tree. Pure: the page renders the tree (ui/render.js), the export
// serializes it (vdom.toXml). Colours come in as a palette (the page reads its CSS custom
// properties), so the in-page diagram and the exported file look the same; the page's CSS classes
// on top add highlighting for playback and hover.

import { svg } from '../vdom.js';

export const DEFAULT_PALETTE = {
  background: '#ffffff',
  text: '#1b1f24',
  muted: '#5b6470',
  lane: '#8c959f',
  client: '#0b5cad',
  server: '#8a4b08',
  plaintext: '#b35900',
  handshake: '#6f42c1',
  application: '#1a7f37',
  encrypted: '#57606a',
  alert: '#c4162a',
  mutual: '#bf3989',
  band: '#f3f5f8',
  fail: '#c4162a',
  failBg: '#fff0f0',
};

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

function head(x2, y, dir, color) {
  const b = x2 - dir * 11;
  return svg('polygon', { points: `${x2},${y} ${b},${y - 5.5} ${b},${y + 5.5}`, fill: color, class: 'arrow-head' });
}

function itemColor(it, P) {
  if (it.kind === 'alert') return P.alert;
  return P[it.protection] || P.encrypted;
}

function arrowNode(it, P) {
  const dir = it.x2 > it.x1 ? 1 : -1;
  const color = itemColor(it, P);
  const midX = (Math.min(it.x1, it.x2) + Math.max(it.x1, it.x2)) / 2;
  const center = it.read === false ? (it.x1 + it.x2) / 2 : midX;
  const children = [svg('title', null, it.title)];
  // A generous transparent hit area, so the arrow is easy to click on a projector.
  children.push(svg('rect', {
    x: Math.min(it.x1, it.x2), y: it.y - (it.thin ? 14 : 24), width: Math.abs(it.x2 - it.x1), height: it.thin ? 24 : 42,
    fill: 'transparent', class: 'arrow-hit',
  }));
  const lineAttrs = {
    x1: it.x1, y1: it.y, x2: it.x2 - dir * 10, y2: it.y,
    stroke: color, 'stroke-width': it.thin ? 1.25 : 2.5, class: 'arrow-line',
  };
  if (it.kind === 'alert') lineAttrs['stroke-dasharray'] = '8 4';
  if (it.read === false) lineAttrs['stroke-dasharray'] = '3 4';
  children.push(svg('line', lineAttrs));
  children.push(head(it.x2, it.y, dir, color));
  if (it.read === false) {
    // A cross where the bytes stopped: the receiver never read them.
    const cx = it.x2 + dir * 12;
    children.push(svg('path', { d: `M${cx - 5},${it.y - 5}L${cx + 5},${it.y + 5}M${cx - 5},${it.y + 5}L${cx + 5},${it.y - 5}`, stroke: P.muted, 'stroke-width': 2, class: 'not-read-cross' }));
  }
  if (it.thin) {
    children.push(svg('text', {
      x: center, y: it.y - 5, 'text-anchor': 'middle', 'font-size': 11, fill: P.muted, class: 'arrow-label thin',
    }, `${it.label} · ${it.tag}${it.read === false ? ' · not read' : ''}`));
  } else {
    children.push(svg('text', {
      x: center, y: it.y - 8, 'text-anchor': 'middle', 'font-size': 15, 'font-weight': 600,
      fill: it.kind === 'alert' ? P.alert : P.text, class: 'arrow-label',
    }, it.label));
    children.push(svg('text', {
      x: center, y: it.y + 16, 'text-anchor': 'middle', 'font-size': 11, fill: color, class: 'arrow-tag',
    }, it.tag + (it.read === false ? ` · never read by the ${it.to}` : '')));
  }
  if (it.mutualOnly) {
    const bx = it.from === 'client' ? it.x1 + 10 : it.x1 - 92;
    children.push(svg('g', { class: 'mutual-badge' },
      svg('rect', { x: bx, y: it.y + 5, width: 82, height: 16, rx: 8, fill: P.mutual }),
      svg('text', { x: bx + 41, y: it.y + 17, 'text-anchor': 'middle', 'font-size': 10.5, 'font-weight': 600, fill: '#ffffff' }, 'mutual only'),
    ));
  }
  if (it.deviation) {
    // Mbed TLS differs from the RFC here: a badge on the far side of the label.
    const bx = it.from === 'client' ? it.x2 - 136 : it.x2 + 40;
    children.push(svg('g', { class: 'deviation-badge', 'data-testid': 'deviation-mark' },
      svg('rect', { x: bx, y: it.y + 5, width: 96, height: 16, rx: 8, fill: P.fail }),
      svg('text', { x: bx + 48, y: it.y + 17, 'text-anchor': 'middle', 'font-size': 10.5, 'font-weight': 600, fill: '#ffffff' }, 'differs from RFC'),
    ));
  }
  if (it.note) {
    children.push(svg('text', {
      x: center, y: it.y + 30, 'text-anchor': 'middle', 'font-size': 11, 'font-style': 'italic', fill: P.muted,
      class: 'arrow-note', 'data-testid': 'privacy-note',
    }, it.note.text));
  }
  if (it.failing) {
    const fx = it.read === false ? it.x2 : it.x2 + dir * 2;
    children.push(svg('g', { class: 'failing-mark' },
      svg('circle', { cx: fx + dir * 16, cy: it.y, r: 9, fill: P.fail }),
      svg('text', { x: fx + dir * 16, y: it.y + 4.5, 'text-anchor': 'middle', 'font-size': 13, 'font-weight': 700, fill: '#ffffff' }, '!'),
    ));
  }
  // Sequence number and time in the left margin, for engineers.
  children.push(svg('text', { x: 10, y: it.y + 4, 'font-size': 10, fill: P.muted, class: 'arrow-time' }, `#${it.seq}  ${it.time}`));
  return svg('g', {
    class: it.classes.join(' '),
    'data-testid': 'arrow',
    'data-idx': it.idx,
    'data-seq': it.seq,
    'data-hs-type': it.hsType,
    'data-kind': it.kind,
    'data-from': it.from,
    'data-protection': it.protection,
    'data-mutual-only': it.mutualOnly ? 'true' : 'false',
    'data-read': it.read === null ? 'unknown' : String(it.read),
    'data-failing': it.failing ? 'true' : 'false',
    tabindex: 0,
    role: 'button',
    'aria-label': it.title,
  }, children);
}

/** The SVG vnode of a diagram (diagram.buildDiagram). */
export function diagramSvg(d, palette = DEFAULT_PALETTE) {
  const P = { ...DEFAULT_PALETTE, ...palette };
  const kids = [];
  kids.push(svg('title', null, d.title));
  kids.push(svg('rect', { x: 0, y: 0, width: d.width, height: d.height, fill: P.background, class: 'diagram-bg' }));
  kids.push(svg('text', { x: d.width / 2, y: 22, 'text-anchor': 'middle', 'font-size': 15, 'font-weight': 600, fill: P.text, class: 'diagram-title' }, d.title));

  for (const f of d.flights) {
    const x = d.lanes[0].x - 14;
    const w = d.lanes[1].x - d.lanes[0].x + 28;
    kids.push(svg('g', { class: `flight flight-${f.from}`, 'data-flight': f.index },
      svg('rect', { x, y: f.y1, width: w, height: f.y2 - f.y1, rx: 6, fill: P.band, class: 'flight-band' }),
      svg('text', {
        x: f.from === 'client' ? x + 6 : x + w - 6, y: f.y1 + 12, 'text-anchor': f.from === 'client' ? 'start' : 'end',
        'font-size': 10, fill: P.muted, class: 'flight-label',
      }, f.label),
    ));
  }

  for (const lane of d.lanes) {
    const color = P[lane.side];
    kids.push(svg('g', { class: `lane lane-${lane.side}`, 'data-side': lane.side },
      svg('line', { x1: lane.x, y1: lane.top + lane.boxH, x2: lane.x, y2: d.laneBottom, stroke: color, 'stroke-width': 2, class: 'lane-line' }),
      svg('rect', { x: lane.x - 95, y: lane.top, width: 190, height: lane.boxH, rx: 8, fill: color, class: 'lane-box' }),
      svg('text', { x: lane.x, y: lane.top + 19, 'text-anchor': 'middle', 'font-size': 16, 'font-weight': 700, fill: '#ffffff' }, lane.title),
      svg('text', {
        x: lane.x, y: lane.top + 36, 'text-anchor': 'middle', 'font-size': 10.5, fill: '#ffffff', class: 'lane-state',
        'data-testid': 'lane-state', 'data-side': lane.side,
      }, lane.state),
    ));
  }

  for (const it of d.items) kids.push(arrowNode(it, P));

  for (const f of d.failures) {
    const b = f.box;
    const lines = f.lines.map((line, i) => svg('text', { x: b.x + 12, y: b.y + f.head + 10 + i * 16, 'font-size': 12.5, fill: P.text }, line));
    kids.push(svg('g', { class: 'failure', 'data-testid': 'failure-marker', 'data-side': f.side, 'data-cause': f.cause },
      svg('line', { x1: f.x, y1: f.y, x2: f.side === 'client' ? b.x : b.x + b.w, y2: b.y + 16, stroke: P.fail, 'stroke-width': 1.5 }),
      svg('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: 6, fill: P.failBg, stroke: P.fail, 'stroke-width': 1.5 }),
      svg('text', { x: b.x + 12, y: b.y + 20, 'font-size': 13.5, 'font-weight': 700, fill: P.fail, class: 'failure-title' }, f.title),
      f.subtitle ? svg('text', { x: b.x + 12, y: b.y + 36, 'font-size': 11, fill: P.muted, class: 'failure-subtitle' }, f.subtitle) : null,
      lines,
      svg('circle', { cx: f.x, cy: f.y, r: 11, fill: P.fail }),
      svg('path', { d: `M${f.x - 5},${f.y - 5}L${f.x + 5},${f.y + 5}M${f.x - 5},${f.y + 5}L${f.x + 5},${f.y - 5}`, stroke: '#ffffff', 'stroke-width': 2.5 }),
    ));
  }

  for (const e of d.legend) {
    const color = e.key === 'alert' ? P.alert : e.key === 'mutual' ? P.mutual : P[e.key];
    kids.push(svg('g', { class: 'legend-item' },
      svg('line', { x1: e.x, y1: e.y, x2: e.x + 34, y2: e.y, stroke: color, 'stroke-width': 3, 'stroke-dasharray': e.key === 'alert' ? '8 4' : null }),
      svg('text', { x: e.x + 42, y: e.y + 4, 'font-size': 12, fill: P.text }, e.label),
    ));
  }

  return svg('svg', {
    viewBox: `0 0 ${d.width} ${d.height}`,
    width: d.width,
    height: d.height,
    'font-family': FONT,
    role: 'group',
    'aria-label': d.title,
    class: 'diagram',
    'data-testid': 'diagram',
  }, kids);
}
