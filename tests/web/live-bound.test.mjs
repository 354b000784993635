// The page's live store is bounded like the server's history (web/js/protocol.js, LIVE_LIMITS):
// the oldest sessions go whole, the one shown stays, and a dropped session the server sends again
// (after a gap, or to a reloaded page) does not come back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventStore, LIVE_LIMITS } from '../../web/js/protocol.js';
import { buildModel } from '../../web/js/model.js';
import { exampleEvents } from './helpers.mjs';

// n copies of a real session, renamed s0 … s(n-1), in arrival order.
function sessions(n) {
  const evs = exampleEvents('basic-tls1.2');
  const out = [];
  for (let i = 0; i < n; i++) for (const e of evs) out.push({ ...e, session: `s${i}` });
  return { out, per: evs.length };
}

test('the oldest sessions are dropped whole, down to the session bound', () => {
  const { out, per } = sessions(12);
  const store = new EventStore();
  store.addAll(out);
  const d = store.trim({ sessions: 5, events: 1e9 });
  assert.deepEqual(d, { sessions: 7, events: 7 * per });
  assert.equal(store.size, 5 * per);
  assert.deepEqual(buildModel(store.events).sessions.map((s) => s.id), ['s7', 's8', 's9', 's10', 's11']);
  assert.ok(buildModel(store.events).sessions.every((s) => s.events.length === per), 'each kept session is whole');
});

test('the event bound holds too, and the session shown is kept however old', () => {
  const { out, per } = sessions(10);
  const store = new EventStore();
  store.addAll(out);
  const d = store.trim({ sessions: 100, events: 3 * per }, new Set(['s0']));
  assert.equal(d.sessions, 7);
  assert.deepEqual([...new Set(store.events.map((e) => e.session))], ['s0', 's8', 's9']);
  assert.ok(store.size <= 3 * per);
});

test('a dropped session sent again is not taken back; a new one is', () => {
  const { out, per } = sessions(4);
  const store = new EventStore();
  store.addAll(out);
  store.trim({ sessions: 2, events: 1e9 });
  assert.equal(store.addAll(out), 0, 'the server resends everything it holds after a gap');
  assert.equal(store.size, 2 * per);
  assert.equal(store.addAll(sessions(5).out.filter((e) => e.session === 's4')), per);
  assert.equal(store.trim({ sessions: 2, events: 1e9 }).sessions, 1);
  assert.deepEqual([...new Set(store.events.map((e) => e.session))], ['s3', 's4']);
  store.clear();
  assert.equal(store.addAll(out), 4 * per, 'opening a file starts afresh');
});

test('the limits are those web/README.md promises', () => {
  assert.deepEqual(LIVE_LIMITS, { sessions: 100, events: 20000 });
  const store = new EventStore();
  assert.deepEqual(store.trim(), { sessions: 0, events: 0 }, 'nothing to drop');
});
