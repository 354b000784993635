// A cursor over the events of one session: step by event or by message, play/pause at a speed,
// seek; and what the cursor shows: each side's Mbed TLS state, the current message, which arrows
// are drawn. Pure: time comes in through tick(ms), so the page drives it with a timer and the tests
// drive it directly.

export const SPEEDS = [0.25, 0.5, 1, 2, 4];

/**
 * createPlayback(session, {seq, speed}) — session from model.buildSession.
 * The cursor starts at the event with seq `seq` (or the nearest before it), else at the last event.
 */
export function createPlayback(session, opts = {}) {
  const events = session.events;
  const n = events.length;
  // For each event index: index into each side's states (the last state event at or before it).
  const stateAt = { client: new Int32Array(n), server: new Int32Array(n) };
  const counters = { client: -1, server: -1 };
  for (let i = 0; i < n; i++) {
    const e = events[i];
    if (e.type === 'state') counters[e.side]++;
    stateAt.client[i] = counters.client;
    stateAt.server[i] = counters.server;
  }
  // Message stops: the event index at which each diagram item appears (its first event).
  const seqToIndex = new Map(events.map((e, i) => [e.seq, i]));
  const stops = session.items.map((it) => seqToIndex.get(it.seq)).filter((i) => i !== undefined).sort((a, b) => a - b);

  let index = n - 1;
  let playing = false;
  let speed = SPEEDS.includes(opts.speed) ? opts.speed : 1;
  let acc = 0;

  const clamp = (i) => Math.max(0, Math.min(n - 1, i));
  const indexOfSeq = (seq) => {
    let best = 0;
    for (let i = 0; i < n; i++) {
      if (events[i].seq <= seq) best = i;
      else break;
    }
    return best;
  };
  if (Number.isInteger(opts.seq)) index = indexOfSeq(opts.seq);

  const api = {
    get length() {
      return n;
    },
    get index() {
      return index;
    },
    get playing() {
      return playing;
    },
    get speed() {
      return speed;
    },
    get stops() {
      return stops.slice();
    },
    seek(i) {
      index = clamp(i);
      acc = 0;
      return api;
    },
    seekSeq(seq) {
      index = indexOfSeq(seq);
      acc = 0;
      return api;
    },
    stepEvent(d = 1) {
      index = clamp(index + Math.sign(d));
      return api;
    },
    /** Move to the next (d>0) or previous (d<0) message; at the first message, back goes to the start. */
    stepMessage(d = 1) {
      if (d > 0) {
        const next = stops.find((s) => s > index);
        index = next === undefined ? n - 1 : next;
      } else {
        let prev;
        for (const s of stops) if (s < index) prev = s;
        index = prev === undefined ? 0 : prev;
      }
      return api;
    },
    toStart() {
      index = 0;
      return api;
    },
    toEnd() {
      index = n - 1;
      return api;
    },
    play() {
      if (index >= n - 1) index = 0; // play at the end replays from the start
      playing = n > 0;
      acc = 0;
      return api;
    },
    pause() {
      playing = false;
      return api;
    },
    toggle() {
      return playing ? api.pause() : api.play();
    },
    setSpeed(x) {
      if (SPEEDS.includes(x)) speed = x;
      return api;
    },
    /** Advance time by ms while playing: one message per second at speed 1. Returns true if it moved. */
    tick(ms) {
      if (!playing) return false;
      acc += ms * speed;
      let moved = false;
      while (acc >= 1000 && playing) {
        acc -= 1000;
        api.stepMessage(1);
        moved = true;
        if (index >= n - 1) playing = false;
      }
      return moved;
    },
    /** What the cursor shows. */
    current() {
      const e = n ? events[index] : null;
      const seq = e ? e.seq : 0;
      const states = {};
      for (const side of ['client', 'server']) {
        const k = n ? stateAt[side][index] : -1;
        const st = session.sides[side].states[k];
        states[side] = st ? { index: k, id: st.to.id, name: st.to.name, explanation: st.explanation, seq: st.seq } : null;
      }
      let item = null;
      for (const it of session.items) if (it.seq <= seq) item = it.idx;
      return {
        index,
        seq,
        event: e,
        states,
        item,
        visible: session.items.filter((it) => it.seq <= seq).length,
        playing,
        speed,
        atStart: index <= 0,
        atEnd: index >= n - 1,
      };
    },
  };
  return api;
}

/**
 * Where an item is at a cursor seq: 'future' (not written yet), 'inflight' (written, not yet read
 * by a traced receiver), 'current' (the last item written), or 'past'.
 */
export function itemPhase(item, seq, currentIdx) {
  if (item.seq > seq) return 'future';
  if (item.idx === currentIdx) return 'current';
  if (item.sentSeq !== null && item.recvSeq !== null && item.recvSeq > seq) return 'inflight';
  return 'past';
}
