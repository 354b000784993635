// Getting a trace into the page without a server: the file picker, drag-and-drop, ?trace=URL and
// the fixture list of `tlstrace ui` (/fixtures/index.json; absent elsewhere, which is fine).

import { parseFixtureIndex } from '../protocol.js';
import { MAX_CAPTURE_UPLOAD, captureKind, runCaptureText } from '../capture.js';

export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * The text of a file's bytes as UTF-8, and whether they all were: {text, invalidUtf8}. A byte
 * order mark is kept (tracecheck.js reports it, as `tlstrace validate` does).
 */
export function decodeUtf8(bytes) {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), invalidUtf8: false };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), invalidUtf8: true };
  }
}

/** Read a File; resolves {text, name, invalidUtf8} or rejects with a readable Error. */
export async function readFile(file) {
  if (file.size > MAX_FILE_BYTES) {
    throw new Error(`${file.name}: ${Math.round(file.size / 1048576)} MB is more than this page opens (${MAX_FILE_BYTES / 1048576} MB)`);
  }
  let bytes;
  try {
    bytes = await file.arrayBuffer();
  } catch (err) {
    throw new Error(`${file.name}: could not be read (${err && err.message ? err.message : 'unknown error'})`);
  }
  return { ...decodeUtf8(bytes), name: file.name };
}

/**
 * A capture file (pcap/pcapng): checked here (size, magic number), then converted by the
 * `tlstrace ui` that served this page (POST /capture, the code of `tlstrace capture`). Resolves
 * {text, name, invalidUtf8} (the trace, then read like any file), or rejects with a readable
 * Error; served by anything else, the error says to run `tlstrace capture`.
 */
export async function readCapture(file) {
  if (location.protocol !== 'http:' && location.protocol !== 'https:') throw new Error(runCaptureText(file.name));
  if (file.size > MAX_CAPTURE_UPLOAD) {
    throw new Error(`${file.name}: ${Math.round(file.size / 1048576)} MB is more than this page converts (${MAX_CAPTURE_UPLOAD / 1048576} MB): run "tlstrace capture ${file.name} --out trace.jsonl" and open trace.jsonl`);
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!captureKind(bytes)) throw new Error(`${file.name}: not a pcap or pcapng capture (its first bytes are not a capture file's)`);
  let res;
  try {
    res = await fetch(`/capture?name=${encodeURIComponent(file.name)}`, {
      method: 'POST', body: bytes, credentials: 'same-origin', headers: { 'Content-Type': 'application/octet-stream' },
    });
  } catch {
    throw new Error(`${file.name}: the server could not be reached to convert it`);
  }
  // Only tlstrace ui's converter answers with a trace or one line of text; anything else (a static
  // server's 404 or 501 page) means nothing here converts captures.
  if (!/^(application\/x-ndjson|text\/plain)/.test(res.headers.get('content-type') || '')) {
    throw new Error(runCaptureText(file.name));
  }
  const body = decodeUtf8(await res.arrayBuffer());
  if (!res.ok) throw new Error(body.text.split('\n')[0].slice(0, 400) || `${file.name}: the server answered ${res.status}`);
  return { ...body, name: file.name.replace(/\.(pcapng|pcap|cap)$/i, '') + '.jsonl' };
}

/** Fetch a same-origin trace URL; resolves {text, name, invalidUtf8}. */
export async function fetchTrace(url) {
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'trace');
  let res;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new Error(`${name}: could not be fetched`);
  }
  if (!res.ok) throw new Error(`${name}: the server answered ${res.status}`);
  return { ...decodeUtf8(await res.arrayBuffer()), name };
}

/** The fixture list, or [] when there is none (404, file://, not JSON). */
export async function fetchFixtures() {
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return [];
  try {
    const res = await fetch('/fixtures/index.json', { credentials: 'same-origin' });
    if (!res.ok) return [];
    return parseFixtureIndex(await res.json());
  } catch {
    return [];
  }
}

/** Wire drag-and-drop of a file anywhere on the page. onFile(File). */
export function enableDrop(target, overlay, onFile) {
  let depth = 0;
  const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');
  target.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    overlay.hidden = false;
  });
  target.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  target.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  target.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const f = e.dataTransfer.files && e.dataTransfer.files[0];
    if (f) onFile(f);
  });
}
