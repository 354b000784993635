// The websocket to `tlstrace ui` (protocol in web/README.md). Connects only when the page was
// served over http(s); a page opened from a file, or from a static server without /events, stays
// offline quietly. Reconnects with a growing delay once it has been connected.

import { WS_PATH, WS_PROTOCOL, parseServerMessage } from '../protocol.js';

export class LiveClient {
  /** handlers: {message(parsed), status(state, text)} — state is connecting|online|offline|closed. */
  constructor(handlers) {
    this.handlers = handlers;
    this.ws = null;
    this.everConnected = false;
    this.retry = 0;
    this.timer = null;
  }

  static available() {
    return typeof WebSocket !== 'undefined' && (location.protocol === 'http:' || location.protocol === 'https:');
  }

  connect() {
    if (!LiveClient.available()) {
      this.handlers.status('offline', 'No live server (the page was opened from a file): open a trace instead.');
      return;
    }
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`;
    let ws;
    try {
      ws = new WebSocket(url, WS_PROTOCOL);
    } catch {
      this.handlers.status('offline', 'No live server: open a trace instead.');
      return;
    }
    this.ws = ws;
    this.handlers.status('connecting', 'Connecting to the live server…');
    ws.addEventListener('open', () => {
      if (ws.protocol && ws.protocol !== WS_PROTOCOL) {
        this.handlers.status('offline', `The server answered with an unexpected subprotocol; live mode is off.`);
        ws.close();
        return;
      }
      this.everConnected = true;
      this.retry = 0;
      this.handlers.status('online', 'Connected to the live server.');
    });
    ws.addEventListener('message', (ev) => {
      if (typeof ev.data !== 'string') return;
      this.handlers.message(parseServerMessage(ev.data));
    });
    ws.addEventListener('close', () => {
      this.ws = null;
      if (!this.everConnected) {
        this.handlers.status('offline', 'No live server here: open a trace file, or start `tlstrace ui` and open its address.');
        return;
      }
      const delay = Math.min(10000, 1000 * 2 ** this.retry++);
      this.handlers.status('closed', `Disconnected from the live server; retrying in ${Math.round(delay / 1000)} s…`);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.connect(), delay);
    });
  }

  get online() {
    return !!this.ws && this.ws.readyState === WebSocket.OPEN;
  }

  /** Send a command string (protocol.runCommand / listCommand); false when offline. */
  send(text) {
    if (!text || !this.online) return false;
    this.ws.send(text);
    return true;
  }
}
