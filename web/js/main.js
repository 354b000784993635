// The page: wires the pure modules (model, diagram, playback, views) to the DOM, the live
// websocket, files, keyboard and URL. All rendering goes through ui/render.js (text nodes only).

import { buildModel } from './model.js';
import { checkTrace } from './tracecheck.js';
import { buildDiagram } from './diagram.js';
import { createPlayback, itemPhase } from './playback.js';
import { buildNegotiation } from './negotiation.js';
import { buildChains } from './chain.js';
import { compareSessions, findPairs } from './compare.js';
import { buildKeySchedule } from './keyschedule.js';
import { buildSignatures } from './signatures.js';
import { EventStore, LIVE_LIMITS, runCommand, listCommand, runParams, traceParam, fragmentFor, parseFragment } from './protocol.js';
import { diagramSvg, DEFAULT_PALETTE } from './view/diagram-svg.js';
import { detailsView } from './view/details.js';
import {
  sessionListView, summaryView, failureView, statesView, negotiationView, chainView, compareView, glossaryView,
  keyScheduleView, signaturesView,
} from './view/panels.js';
import { problemsView } from './view/problems.js';
import { mount, el } from './ui/render.js';
import { LiveClient } from './ui/live.js';
import { readFile, fetchTrace, fetchFixtures, enableDrop, readCapture } from './ui/files.js';
import { SEEN_ON_NETWORK, isCaptureName } from './capture.js';
import { exportSvg, exportJsonl } from './ui/export.js';

const $ = (id) => document.getElementById(id);

const app = {
  store: new EventStore(),
  model: { sessions: [], byKey: new Map() },
  problems: [], // what is wrong with the opened file (tracecheck.js)
  problemSource: '',
  sourceName: 'trace',
  current: null, // session key
  session: null,
  diagram: null,
  playback: null,
  shownItem: undefined,
  renderedSig: '',
  followCursor: false, // false: the details show app.selectedIdx (first message after a load)
  selectedIdx: null,
  tab: 'details',
  live: null,
  scenarios: [],
  pendingRun: null, // {session id} to select when its events arrive
  pendingFragment: null,
  dropped: 0, // live sessions trimmed away (LIVE_LIMITS)
  dropNotice: null,
  rebuildQueued: false,
  lastRebuild: 0,
  timer: null,
  lastTick: 0,
  hexEls: [],
};

// --- notices ----------------------------------------------------------------------------------------

function notice(text, kind = 'info', sticky = false) {
  const box = $('notices');
  const p = el('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' });
  p.appendChild(document.createTextNode(text));
  const close = el('button', { type: 'button', class: 'notice-close', 'aria-label': 'Dismiss' }, '×');
  close.addEventListener('click', () => p.remove());
  p.appendChild(close);
  box.appendChild(p);
  while (box.children.length > 3) box.firstChild.remove();
  if (!sticky && kind !== 'error') setTimeout(() => p.remove(), 8000);
  return p;
}

// --- palette (CSS custom properties → SVG presentation attributes) ----------------------------------

const PALETTE_VARS = {
  background: '--c-bg', text: '--c-text', muted: '--c-muted', lane: '--c-lane', client: '--c-client', server: '--c-server',
  plaintext: '--c-plaintext', handshake: '--c-handshake', application: '--c-application', encrypted: '--c-encrypted',
  alert: '--c-alert', mutual: '--c-mutual', band: '--c-band', fail: '--c-fail', failBg: '--c-fail-bg',
};

// Read once per theme (page load, projector toggle): getComputedStyle forces a style recalculation.
let paletteCache = null;
function palette() {
  if (paletteCache) return paletteCache;
  const cs = getComputedStyle(document.documentElement);
  const p = { ...DEFAULT_PALETTE };
  for (const [k, v] of Object.entries(PALETTE_VARS)) {
    const val = cs.getPropertyValue(v).trim();
    if (/^#[0-9a-fA-F]{3,8}$|^rgba?\([0-9., ]+\)$/.test(val)) p[k] = val;
  }
  paletteCache = p;
  return p;
}

// --- loading ----------------------------------------------------------------------------------------

function loadText(text, name, invalidUtf8 = false) {
  const { events, problems, error } = checkTrace(text, name, { invalidUtf8 });
  if (error) {
    notice(`Could not open ${error}`, 'error');
    return false;
  }
  stopTimer();
  const frag = parseFragment(location.hash); // read before rebuilding rewrites it
  app.store.clear();
  app.store.addAll(events);
  app.problems = problems;
  app.sourceName = name.replace(/\.jsonl?$/i, '');
  app.problemSource = name;
  app.current = null;
  app.session = null;
  rebuild();
  if (frag && frag.session && app.model.byKey.has(frag.session)) selectSession(frag.session, frag.seq);
  else if (app.model.sessions.length) selectSession(app.model.sessions[0].key, null);
  const left = problems.filter((p) => p.skipped).length;
  notice(`Opened ${name}: ${app.model.sessions.length} handshake${app.model.sessions.length === 1 ? '' : 's'}, ${events.length} events` +
    (problems.length ? `. It is not a valid trace: ${problems.length} problem${problems.length === 1 ? '' : 's'}` +
      (left ? ` (${left} line${left === 1 ? '' : 's'} left out)` : '') + ', listed on the left' : '') + '.', problems.length ? 'warn' : 'info', problems.length > 0);
  return true;
}

async function openFile(file) {
  try {
    // A capture (pcap/pcapng) is converted by the server's tlstrace capture; a trace is read here.
    const { text, name, invalidUtf8 } = isCaptureName(file.name) ? await readCapture(file) : await readFile(file);
    loadText(text, name, invalidUtf8);
  } catch (err) {
    notice(String(err.message || err), 'error');
  }
}

async function openUrl(url) {
  try {
    const { text, name, invalidUtf8 } = await fetchTrace(url);
    if (loadText(text, name, invalidUtf8)) {
      // Make the address shareable: ?trace=<this trace>#<session>/<seq> opens the same view.
      const u = new URL(url);
      if (u.origin === location.origin) history.replaceState(null, '', `?trace=${encodeURIComponent(u.pathname + u.search)}${location.hash}`);
    }
  } catch (err) {
    notice(String(err.message || err), 'error');
  }
}

// --- model → screen ---------------------------------------------------------------------------------

function rebuild() {
  app.rebuildQueued = false;
  app.lastRebuild = performance.now();
  app.model = buildModel(app.store.events);
  const anything = app.model.sessions.length > 0;
  $('welcome').hidden = anything;
  $('playback').hidden = !anything;
  for (const id of ['export-svg', 'export-session', 'export-all']) $(id).disabled = !anything;
  mount($('warnings'), problemsView(app.problems, app.problemSource));
  if (app.pendingRun) {
    const matches = app.model.sessions.filter((s) => s.id === app.pendingRun.session);
    if (matches.length) {
      app.current = matches[matches.length - 1].key;
      app.pendingRun.key = app.current;
    }
  }
  if (!app.current || !app.model.byKey.has(app.current)) app.current = anything ? app.model.sessions[app.model.sessions.length - 1].key : null;
  renderSessionList();
  // Re-render the shown session only when it changed (live events for another session must not
  // reset what the reader is looking at).
  const s = app.current ? app.model.byKey.get(app.current) : null;
  const sig = s ? `${s.key}:${s.events.length}` : '';
  if (sig !== app.renderedSig || !app.session) renderSession();
  else {
    app.session = s;
    renderCompare();
  }
  const f = app.pendingFragment;
  if (f && app.model.byKey.has(f.session)) {
    app.pendingFragment = null;
    selectSession(f.session, f.seq);
  }
}

function scheduleRebuild() {
  if (app.rebuildQueued) return;
  app.rebuildQueued = true;
  const wait = Math.max(0, 80 - (performance.now() - app.lastRebuild));
  setTimeout(() => requestAnimationFrame(rebuild), wait);
}

function renderSessionList() {
  mount($('session-list'), sessionListView(app.model.sessions, app.current));
}

function renderSession(seekSeq = null) {
  const s = app.current ? app.model.byKey.get(app.current) : null;
  const prev = app.session;
  app.session = s;
  app.renderedSig = s ? `${s.key}:${s.events.length}` : '';
  if (!s) {
    mount($('summary'), null);
    mount($('diagram'), null);
    mount($('failure'), null);
    for (const p of ['details', 'states', 'negotiation', 'chain', 'keys', 'signatures', 'compare']) mount($(`panel-${p}`), null);
    renderCompare();
    return;
  }
  // Keep the cursor when the same session is rebuilt (live events); follow the end if it was there.
  let seq = null;
  if (prev && prev.key === s.key && app.playback) {
    const cur = app.playback.current();
    seq = cur.atEnd ? null : cur.seq;
  }
  const speed = app.playback ? app.playback.speed : 1;
  const wasPlaying = app.playback && app.playback.playing && prev && prev.key === s.key;
  app.playback = createPlayback(s, { seq: seekSeq !== null ? seekSeq : seq, speed });
  if (wasPlaying) app.playback.play();
  app.diagram = buildDiagram(s);
  mount($('summary'), summaryView(s));
  mount($('diagram'), diagramSvg(app.diagram, palette()));
  mount($('failure'), failureView(s));
  mount($('panel-states'), statesView(s));
  mount($('panel-negotiation'), negotiationView(buildNegotiation(s)));
  mount($('panel-chain'), chainView(buildChains(s)));
  mount($('panel-keys'), keyScheduleView(buildKeySchedule(s), s.key));
  mount($('panel-signatures'), signaturesView(buildSignatures(s), s.key));
  renderCompare();
  const scrub = $('scrubber');
  scrub.max = String(Math.max(0, s.events.length - 1));
  app.shownItem = undefined;
  updateCursor();
}

function renderCompare() {
  const pairs = findPairs(app.model.sessions);
  const version = app.session && app.session.version;
  const pair = pairs.find((p) => p.version === version) || pairs[0] || null;
  const canRun = !!(app.live && app.live.online && app.scenarios.some((x) => x.name === 'basic') && app.scenarios.some((x) => x.name === 'mutual'));
  const tls = version && /1\.2/.test(version) ? '1.2' : '1.3';
  mount($('panel-compare'), compareView(pair ? compareSessions(pair.basic, pair.mutual) : null, { canRun, tls }));
}

function renderDetails(idx) {
  const s = app.session;
  const item = idx === null || idx === undefined ? null : s.items[idx];
  const link = item ? fragmentFor(s.key, item.seq) : null;
  mount($('panel-details'), detailsView(s, item, { link }));
  app.hexEls = Array.from($('panel-details').querySelectorAll('.hx'));
}

/** Apply the playback cursor to everything on screen. */
function updateCursor() {
  const s = app.session;
  if (!s || !app.playback) return;
  const cur = app.playback.current();
  const svgRoot = $('diagram').querySelector('svg');
  if (svgRoot) {
    for (const g of svgRoot.querySelectorAll('[data-testid="arrow"]')) {
      const it = s.items[Number(g.getAttribute('data-idx'))];
      const phase = itemPhase(it, cur.seq, cur.item);
      g.classList.toggle('phase-future', phase === 'future');
      g.classList.toggle('phase-current', phase === 'current');
      g.classList.toggle('phase-inflight', phase === 'inflight');
    }
    for (const f of svgRoot.querySelectorAll('[data-testid="failure-marker"]')) {
      const fail = s.failures.find((x) => x.side === f.getAttribute('data-side'));
      f.classList.toggle('phase-future', !!fail && fail.seq > cur.seq);
    }
    for (const t of svgRoot.querySelectorAll('[data-testid="lane-state"]')) {
      const side = t.getAttribute('data-side');
      const st = cur.states[side];
      t.textContent = s.capture ? SEEN_ON_NETWORK : !s.sides[side].traced ? 'not traced' : st ? st.name || `state ${st.id}` : 'not started';
    }
  }
  const fp = $('failure').firstChild;
  if (fp) fp.classList.toggle('phase-future', s.failures.every((f) => f.seq > cur.seq));
  for (const li of $('panel-states').querySelectorAll('[data-testid="state"]')) {
    const side = li.getAttribute('data-side');
    const i = Number(li.getAttribute('data-state-index'));
    const at = cur.states[side] ? cur.states[side].index : -1;
    li.classList.toggle('current', i === at);
    li.classList.toggle('future', i > at);
    if (i === at) {
      li.setAttribute('aria-current', 'step');
      if (app.tab === 'states' && !$('panel-states').hidden) scrollWithin($('panel-states'), li);
    } else li.removeAttribute('aria-current');
  }
  $('scrubber').value = String(cur.index);
  const ev = cur.event;
  const item = cur.item !== null ? s.items[cur.item] : null;
  $('position').textContent = `event ${cur.index + 1} of ${s.events.length} (seq ${cur.seq}, ${ev ? ev.side + ' ' + ev.type.replace(/_/g, ' ') : ''})` +
    (item ? ` · message ${s.items.filter((x) => x.seq <= cur.seq).length} of ${s.items.length}: ${item.label}` : '');
  const playBtn = document.querySelector('[data-action="play"]');
  playBtn.textContent = cur.playing ? '❚❚ Pause' : '▶ Play';
  playBtn.setAttribute('data-testid', cur.playing ? 'pause' : 'play');
  playBtn.setAttribute('aria-pressed', cur.playing ? 'true' : 'false');
  const show = app.followCursor ? cur.item : app.selectedIdx;
  if (svgRoot) {
    for (const g of svgRoot.querySelectorAll('[data-testid="arrow"]')) g.classList.toggle('selected', Number(g.getAttribute('data-idx')) === show);
  }
  if (show !== app.shownItem) {
    app.shownItem = show;
    renderDetails(show);
    const g = svgRoot && show !== null ? svgRoot.querySelector(`[data-testid="arrow"][data-idx="${show}"]`) : null;
    if (g && cur.playing && typeof g.scrollIntoView === 'function') g.scrollIntoView({ block: 'nearest' });
  }
  const shown = show !== null ? s.items[show] : null;
  const frag = fragmentFor(s.key, shown ? shown.seq : null);
  if (location.hash !== frag) history.replaceState(null, '', frag);
}

/** Scroll a panel (only the panel, not the page) so that an element in it is visible. */
function scrollWithin(panel, elem) {
  const p = panel.getBoundingClientRect();
  const r = elem.getBoundingClientRect();
  if (r.top < p.top) panel.scrollTop -= p.top - r.top + 8;
  else if (r.bottom > p.bottom) panel.scrollTop += r.bottom - p.bottom + 8;
}

function selectSession(key, seq) {
  if (!app.model.byKey.has(key)) return;
  stopTimer();
  app.current = key;
  app.playback = null;
  const s = app.model.byKey.get(key);
  if (Number.isInteger(seq)) {
    app.followCursor = true; // a link to a message: the cursor is there and the details follow it
  } else {
    app.followCursor = false; // the whole handshake, with the first message's details
    app.selectedIdx = s.items.length ? 0 : null;
  }
  renderSessionList();
  renderSession(Number.isInteger(seq) ? seq : null);
}

// --- playback timer ---------------------------------------------------------------------------------

function startTimer() {
  if (app.timer) return;
  app.lastTick = performance.now();
  app.timer = setInterval(() => {
    const now = performance.now();
    const moved = app.playback && app.playback.tick(now - app.lastTick);
    app.lastTick = now;
    if (moved) updateCursor();
    if (!app.playback || !app.playback.playing) {
      stopTimer();
      updateCursor();
    }
  }, 50);
}

function stopTimer() {
  if (app.timer) clearInterval(app.timer);
  app.timer = null;
}

function act(action, shift) {
  const pb = app.playback;
  if (!pb) return;
  app.followCursor = true;
  switch (action) {
    case 'start': pb.pause().toStart(); break;
    case 'end': pb.pause().toEnd(); break;
    case 'back': pb.pause(); shift ? pb.stepEvent(-1) : pb.stepMessage(-1); break;
    case 'forward': pb.pause(); shift ? pb.stepEvent(1) : pb.stepMessage(1); break;
    case 'play':
      pb.toggle();
      if (pb.playing) startTimer();
      break;
    default: return;
  }
  if (!pb.playing) stopTimer();
  updateCursor();
}

// --- hover: field ↔ bytes ---------------------------------------------------------------------------

function clearHighlight() {
  for (const e of $('panel-details').querySelectorAll('.hl')) e.classList.remove('hl');
  const info = $('panel-details').querySelector('.hover-info');
  if (info) info.remove();
}

function highlightRange(off, len) {
  for (let i = off; i < off + len && i < app.hexEls.length; i++) app.hexEls[i].classList.add('hl');
}

function onDetailsHover(e) {
  const panel = $('panel-details');
  const field = e.target.closest && e.target.closest('.field');
  const byte = e.target.closest && e.target.closest('.hx');
  if (!field && !byte) return;
  clearHighlight();
  if (field && panel.contains(field)) {
    field.classList.add('hl');
    if (field.hasAttribute('data-off')) highlightRange(Number(field.getAttribute('data-off')), Number(field.getAttribute('data-len')));
    return;
  }
  if (byte) {
    byte.classList.add('hl');
    const ptr = byte.getAttribute('data-ptr');
    if (ptr === null) return;
    let node = null;
    for (const f of panel.querySelectorAll('.field')) if (f.getAttribute('data-ptr') === ptr) { node = f; break; }
    if (node) {
      node.classList.add('hl');
      if (node.hasAttribute('data-off')) highlightRange(Number(node.getAttribute('data-off')), Number(node.getAttribute('data-len')));
      const val = node.querySelector('.field-value');
      const exp = node.querySelector('.field-explain');
      const info = el('p', { class: 'hover-info', 'data-testid': 'hover-info' });
      info.textContent = `byte ${byte.getAttribute('data-off')} → ${ptr.startsWith('#') ? 'header ' + ptr.slice(1) : ptr}${val ? ' = ' + val.textContent : ''}${exp ? ' — ' + exp.textContent : ''}`;
      const wrap = panel.querySelector('.hex-wrap');
      if (wrap) wrap.appendChild(info);
    }
  }
}

// --- tabs -------------------------------------------------------------------------------------------

function showTab(name) {
  app.tab = name;
  for (const b of document.querySelectorAll('[role="tab"]')) {
    const on = b.getAttribute('data-tab') === name;
    b.setAttribute('aria-selected', on ? 'true' : 'false');
    b.tabIndex = on ? 0 : -1;
  }
  for (const p of document.querySelectorAll('[role="tabpanel"]')) p.hidden = p.id !== `panel-${name}`;
}

function showGlossary(id) {
  showTab('glossary');
  const dt = document.getElementById(`g-${id}`);
  if (dt) {
    for (const x of document.querySelectorAll('.glossary dt.flash')) x.classList.remove('flash');
    dt.classList.add('flash');
    dt.scrollIntoView({ block: 'start' });
    dt.focus({ preventScroll: true });
  }
}

// --- live -------------------------------------------------------------------------------------------

function onLiveMessage(m) {
  switch (m.kind) {
    case 'hello':
      if (!m.scenarios.length) app.live.send(listCommand()); // ask again; the server may still be starting
      app.scenarios = m.scenarios;
      fillScenarios();
      $('live-controls').hidden = false;
      maybeRunFromUrl();
      renderCompare();
      break;
    case 'event':
      if (app.store.add(m.event)) {
        trimLive();
        scheduleRebuild();
      }
      break;
    case 'events': {
      let added = false;
      for (const e of m.events) added = app.store.add(e) || added;
      if (added) {
        trimLive();
        scheduleRebuild();
      }
      if (m.invalid) notice(`The live server sent ${m.invalid} event(s) the page cannot use; they were skipped.`, 'warn');
      break;
    }
    case 'gap':
      notice(`The page fell behind the live server${m.missed !== null ? ` (${m.missed} events missed)` : ''}; it is resending recent handshakes.`, 'warn');
      break;
    case 'error':
      notice(`Server: ${m.error}`, 'error');
      break;
    case 'run':
      if (m.status === 'started') {
        app.pendingRun = { session: m.session, started: true };
        notice(`Running ${m.scenario}, TLS ${m.tls}${m.mutual && m.scenario !== 'mutual' ? ' (the server requires a client certificate)' : ''}…`);
      } else if (m.error) {
        notice(`The run of ${m.scenario}, TLS ${m.tls} could not start: ${m.error}`, 'error');
        app.pendingRun = null;
      } else {
        notice(`Finished ${m.scenario}, TLS ${m.tls}: step through it with ← →, or press Space to play.`);
        app.pendingRun = { session: m.session, finished: true };
        rebuild();
        afterRun();
      }
      break;
    default:
      notice(m.error || 'The live server sent something the page does not understand.', 'warn');
  }
}

/** Keeps the live stream within LIVE_LIMITS: the oldest sessions go, the one shown stays. */
function trimLive() {
  const keep = new Set();
  const shown = app.current && app.model.byKey.get(app.current);
  if (shown) keep.add(shown.id);
  if (app.pendingRun) keep.add(app.pendingRun.session);
  const d = app.store.trim(LIVE_LIMITS, keep);
  if (!d.sessions) return;
  app.dropped += d.sessions;
  const text = `This page keeps the ${LIVE_LIMITS.sessions} most recent handshakes (at most ${LIVE_LIMITS.events} events), ` +
    `as the server does: ${app.dropped} older handshake${app.dropped === 1 ? ' was' : 's were'} dropped from the list. ` +
    'The one you are looking at stays; "Export all" saves what the page holds.';
  if (app.dropNotice && app.dropNotice.isConnected) app.dropNotice.firstChild.data = text;
  else {
    app.dropNotice = notice(text, 'warn', true);
    app.dropNotice.setAttribute('data-testid', 'trim-notice');
  }
}

function afterRun() {
  const mode = $('after-run').value;
  const key = app.pendingRun && app.pendingRun.key;
  app.pendingRun = null;
  if (!key || !app.model.byKey.has(key)) return;
  selectSession(key, null);
  if (mode === 'start') act('start');
  else if (mode === 'play') {
    app.playback.toStart();
    act('play');
  }
}

function fillScenarios() {
  const sel = $('scenario-select');
  const keep = sel.value;
  sel.replaceChildren();
  for (const s of app.scenarios) {
    const o = el('option', { value: s.name, title: s.teaches }, s.name);
    sel.appendChild(o);
  }
  if (app.scenarios.some((s) => s.name === keep)) sel.value = keep;
  syncTls();
}

function syncTls() {
  const s = app.scenarios.find((x) => x.name === $('scenario-select').value);
  const tlsSel = $('tls-select');
  for (const o of tlsSel.options) o.disabled = !!s && !s.tls.includes(o.value);
  if (tlsSel.selectedOptions[0] && tlsSel.selectedOptions[0].disabled) {
    const ok = Array.from(tlsSel.options).find((o) => !o.disabled);
    if (ok) tlsSel.value = ok.value;
  }
  $('scenario-select').title = s ? s.teaches : '';
}

function run(scenario, tls, mutual) {
  const s = app.scenarios.find((x) => x.name === scenario);
  if (!s) return notice(`The live server has no scenario named "${scenario}".`, 'error');
  if (!s.tls.includes(tls)) return notice(`Scenario ${scenario} does not run over TLS ${tls}.`, 'error');
  const cmd = runCommand(scenario, tls, mutual);
  if (!app.live.send(cmd)) notice('Not connected to the live server.', 'error');
}

let ranFromUrl = false;
function maybeRunFromUrl() {
  if (ranFromUrl) return;
  ranFromUrl = true;
  const p = runParams(location.search);
  if (!p) return;
  if (p.invalid) return notice('The link asks to run a scenario, but its scenario or TLS version is not valid.', 'error');
  $('scenario-select').value = p.scenario;
  $('tls-select').value = p.tls;
  $('mutual-check').checked = p.mutual;
  run(p.scenario, p.tls, p.mutual);
}

// --- projector --------------------------------------------------------------------------------------

function setProjector(on) {
  document.documentElement.classList.toggle('projector', on);
  paletteCache = null;
  $('projector-toggle').setAttribute('aria-pressed', on ? 'true' : 'false');
  try {
    localStorage.setItem('tlstrace.projector', on ? '1' : '0');
  } catch {
    /* storage may be off (file://, private mode): the toggle still works */
  }
  if (app.session) {
    const seq = app.playback ? app.playback.current().seq : null;
    mount($('diagram'), diagramSvg(app.diagram, palette()));
    if (seq !== null) app.playback.seekSeq(seq);
    app.shownItem = undefined;
    updateCursor();
  }
}

// --- wiring -----------------------------------------------------------------------------------------

function onFragment() {
  const f = parseFragment(location.hash);
  if (!f) return;
  if (f.glossary) return showGlossary(f.glossary);
  if (!app.model.byKey.has(f.session)) {
    app.pendingFragment = f;
    return;
  }
  if (f.session !== app.current) selectSession(f.session, f.seq);
  else if (f.seq !== null) {
    app.playback.pause().seekSeq(f.seq);
    app.followCursor = true;
    updateCursor();
  }
}

function onKey(e) {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (t && (t.tagName === 'SELECT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
  if (t && t.tagName === 'INPUT') {
    if (t.type !== 'range' && t.type !== 'checkbox') return;
    if (t.type === 'range' && e.key !== ' ') return; // the scrubber keeps its own arrow keys
  }
  switch (e.key) {
    case ' ': e.preventDefault(); act('play'); break;
    case 'ArrowRight': e.preventDefault(); act('forward', e.shiftKey); break;
    case 'ArrowLeft': e.preventDefault(); act('back', e.shiftKey); break;
    case 'Home': e.preventDefault(); act('start'); break;
    case 'End': e.preventDefault(); act('end'); break;
    case 'p': case 'P': setProjector(!document.documentElement.classList.contains('projector')); break;
    default: break;
  }
}

function init() {
  document.documentElement.classList.add('js-ready');
  let proj = new URLSearchParams(location.search).get('projector') === '1';
  try {
    if (!proj) proj = localStorage.getItem('tlstrace.projector') === '1';
  } catch {
    /* no storage */
  }
  if (proj) setProjector(true);
  mount($('panel-glossary'), glossaryView());
  renderDetailsEmpty();

  $('file-input').addEventListener('change', (e) => {
    const f = e.target.files && e.target.files[0];
    if (f) openFile(f);
    e.target.value = '';
  });
  enableDrop(document.body, $('drop-overlay'), openFile);

  document.querySelector('.playback').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-action]');
    if (b) act(b.getAttribute('data-action'), e.shiftKey);
  });
  $('speed').addEventListener('change', (e) => {
    if (app.playback) app.playback.setSpeed(Number(e.target.value));
  });
  $('scrubber').addEventListener('input', (e) => {
    if (!app.playback) return;
    app.playback.pause().seek(Number(e.target.value));
    app.followCursor = true;
    stopTimer();
    updateCursor();
  });
  $('diagram').addEventListener('click', (e) => {
    const g = e.target.closest && e.target.closest('[data-testid="arrow"]');
    if (!g || !app.session) return;
    const it = app.session.items[Number(g.getAttribute('data-idx'))];
    stopTimer();
    app.playback.pause().seekSeq(it.seq);
    app.followCursor = true;
    updateCursor();
    showTab('details');
  });
  $('diagram').addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    const g = e.target.closest && e.target.closest('[data-testid="arrow"]');
    if (g) g.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
  const details = $('panel-details');
  details.addEventListener('mouseover', onDetailsHover);
  details.addEventListener('focusin', onDetailsHover);
  details.addEventListener('mouseleave', clearHighlight);
  document.querySelector('.tabs').addEventListener('click', (e) => {
    const b = e.target.closest('[role="tab"]');
    if (b) showTab(b.getAttribute('data-tab'));
  });
  document.querySelector('.tabs').addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.stopPropagation();
    const tabs = Array.from(document.querySelectorAll('[role="tab"]'));
    const i = tabs.findIndex((t) => t.getAttribute('data-tab') === app.tab);
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    showTab(next.getAttribute('data-tab'));
    next.focus();
  });
  $('projector-toggle').addEventListener('click', () => setProjector(!document.documentElement.classList.contains('projector')));
  $('export-svg').addEventListener('click', () => {
    if (app.diagram) exportSvg(app.session.key, diagramSvg(app.diagram, palette()));
  });
  $('export-session').addEventListener('click', () => {
    if (app.session) exportJsonl(app.session.key, app.session.events);
  });
  $('export-all').addEventListener('click', () => {
    if (app.store.size) exportJsonl(app.sourceName || 'trace', app.store.events);
  });
  $('live-controls').addEventListener('submit', (e) => {
    e.preventDefault();
    run($('scenario-select').value, $('tls-select').value, $('mutual-check').checked);
  });
  $('scenario-select').addEventListener('change', syncTls);
  $('panel-compare').addEventListener('click', (e) => {
    const b = e.target.closest('[data-action="run-compare"]');
    if (!b) return;
    const tls = app.session && /1\.2/.test(app.session.version || '') ? '1.2' : '1.3';
    run('basic', tls, false);
    setTimeout(() => run('mutual', tls, false), 300);
  });
  window.addEventListener('hashchange', onFragment);
  document.addEventListener('keydown', onKey);

  // Sources: the fixture list, ?trace=, the live server.
  fetchFixtures().then((list) => {
    if (!list.length) return;
    const sel = $('fixture-select');
    for (const f of list) sel.appendChild(el('option', { value: f.file, title: f.teaches }, f.title));
    $('fixtures-label').hidden = false;
    sel.addEventListener('change', () => {
      if (sel.value) openUrl(new URL('/fixtures/' + sel.value, location.href).href);
    });
  });
  const t = traceParam(location.search, location.href);
  if (t) openUrl(t);
  else if (new URLSearchParams(location.search).get('trace')) notice('The ?trace= address must be on this same server.', 'error');

  app.live = new LiveClient({
    message: onLiveMessage,
    status: (state, text) => {
      const s = $('conn-status');
      s.textContent = text;
      s.setAttribute('data-state', state);
      if (state !== 'online') $('live-controls').hidden = true;
      if (state === 'offline' && runParams(location.search)) notice('This link runs a scenario on a live tlstrace ui server, and none is connected. You can still open a trace file.', 'warn', true);
    },
  });
  app.live.connect();
}

function renderDetailsEmpty() {
  mount($('panel-details'), detailsView(null, null));
}

init();
