// What a test needs from the machine, found or failed by name. A missing tool fails the tests that
// need it, never skips them: scripts/setup.sh --test installs every tool asked for here, and ctest
// fails any test whose output says "MISSING TOOL:" or shows a skip (tests/CMakeLists.txt), so a
// suite that passes has run everything.
import fs from 'node:fs';
import path from 'node:path';

// Debian puts daemons (mosquitto) in the sbin directories, which a user's PATH may leave out.
const SBIN = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

const executable = (f) => {
  try {
    fs.accessSync(f, fs.constants.X_OK);
    return fs.statSync(f).isFile();
  } catch {
    return false;
  }
};

/** The absolute path of the executable `name` on PATH (or in an sbin directory), or null. */
export function which(name) {
  for (const d of [...(process.env.PATH ?? '').split(':'), ...SBIN]) {
    const f = path.resolve(d || '.', name);
    if (executable(f)) return f;
  }
  return null;
}

/** The absolute path of the executable `name`; throws "MISSING TOOL: name (why) ..." without it. */
export function need(name, why) {
  return needAll({ [name]: why })[name];
}

/**
 * { name: why, ... } → { name: absolute path, ... }; throws naming every tool that is missing,
 * one "MISSING TOOL: name (why) ..." line each.
 */
export function needAll(tools) {
  const found = Object.fromEntries(Object.keys(tools).map((n) => [n, which(n)]));
  const missing = Object.keys(tools).filter((n) => !found[n]);
  if (missing.length) {
    throw new Error(missing.map((n) => `MISSING TOOL: ${n} (${tools[n]}) is not on PATH; scripts/setup.sh --test installs it`)
      .join('\n'));
  }
  return found;
}

/** The tlstrace executable under test ($TLSTRACE_BIN, which ctest sets); throws without it. */
export function tlstraceBin() {
  const bin = process.env.TLSTRACE_BIN;
  if (!bin || !executable(bin)) {
    throw new Error(`MISSING TOOL: tlstrace: TLSTRACE_BIN ${bin ? `(${bin}) is not an executable` : 'is not set'}; ` +
      'ctest sets it to the built tlstrace (run the tests with scripts/test.sh or ctest)');
  }
  return bin;
}
