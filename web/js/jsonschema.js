// A JSON Schema (draft 2020-12) checker for the keywords schema/event.schema.json uses, so that the
// page checks a trace against the same schema as `tlstrace validate` and ajv, with no dependency.
// Pure. A keyword it does not know is an error when the checker is made (never a silent pass): a
// schema that grows a new keyword fails the tests until this file learns it.

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$comment', 'examples', 'default']);
const KNOWN = new Set([
  'type', 'required', 'properties', 'additionalProperties', 'enum', 'const', 'minimum', 'maximum',
  'minLength', 'maxLength', 'pattern', 'items', 'prefixItems', 'minItems', 'maxItems', 'allOf', 'oneOf',
  'not', 'if', 'then', 'else', '$ref', '$defs',
]);

/** The type names of JSON Schema for a parsed JSON value. */
function typeOf(x) {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  return typeof x === 'number' ? 'number' : typeof x;
}

function hasType(x, t) {
  if (t === 'integer') return typeof x === 'number' && Number.isInteger(x);
  return typeOf(x) === t;
}

/** Equality of JSON values, as `const` and `enum` compare them. */
function same(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
}

/** A short rendering of a value for messages: "magic", 42, true, null, an object, an array. */
export function describe(x) {
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? x.slice(0, 40) + '…' : x);
  if (typeof x === 'number' || typeof x === 'boolean' || x === null) return String(x);
  return Array.isArray(x) ? 'an array' : 'an object';
}

const TYPE_WORDS = {
  string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false',
  object: 'an object', array: 'a list', null: 'null',
};

/** "config.versions", "spans[2][0]": where a value sits in an event. */
function where(path) {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : (s ? '.' : '') + p;
  return s || 'the event';
}

function checkKeywords(schema, at) {
  if (typeof schema === 'boolean') return;
  for (const k of Object.keys(schema)) {
    if (!KNOWN.has(k) && !ANNOTATIONS.has(k)) throw new Error(`jsonschema.js does not know the keyword "${k}" (at ${at})`);
  }
  for (const k of ['properties', '$defs']) {
    for (const [name, sub] of Object.entries(schema[k] || {})) checkKeywords(sub, `${at}/${k}/${name}`);
  }
  for (const k of ['allOf', 'oneOf', 'prefixItems']) (schema[k] || []).forEach((sub, i) => checkKeywords(sub, `${at}/${k}/${i}`));
  for (const k of ['items', 'not', 'if', 'then', 'else', 'additionalProperties']) {
    if (schema[k] !== undefined) checkKeywords(schema[k], `${at}/${k}`);
  }
}

/**
 * Makes a checker for `root` (a parsed schema). Returns check(value) → null when the value is
 * valid, else {path, message}: the first problem found, in words ("the field \"hs_type\" is
 * missing", "\"length\" is 3, less than the smallest allowed, 4").
 */
export function compileSchema(root) {
  checkKeywords(root, '#');
  const resolve = (ref) => {
    const m = /^#\/\$defs\/([^/]+)$/.exec(ref);
    if (!m || !root.$defs || !Object.hasOwn(root.$defs, m[1])) throw new Error(`jsonschema.js cannot resolve ${ref}`);
    return root.$defs[m[1]];
  };
  const patterns = new Map();
  const regex = (p) => {
    if (!patterns.has(p)) patterns.set(p, new RegExp(p, 'u'));
    return patterns.get(p);
  };

  // Returns the first problem of x against schema s, or null.
  function check(s, x, path) {
    if (s === true) return null;
    if (s === false) return { path, message: `${JSON.stringify(where(path))} is not allowed here` };
    const name = JSON.stringify(where(path));
    if (s.$ref) {
      const p = check(resolve(s.$ref), x, path);
      if (p) return p;
    }
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (!types.some((t) => hasType(x, t))) {
        return { path, message: `${name} should be ${types.map((t) => TYPE_WORDS[t]).join(' or ')}, not ${describe(x)}` };
      }
    }
    if (s.const !== undefined && !same(x, s.const)) return { path, message: `${name} is ${describe(x)}, not ${describe(s.const)}` };
    if (s.enum && !s.enum.some((v) => same(x, v))) {
      const list = s.enum.map(describe);
      return { path, message: `${name} is ${describe(x)}, which is none of ${list.length > 8 ? list.slice(0, 8).join(', ') + ', …' : list.join(', ')}` };
    }
    if (typeof x === 'number') {
      if (s.minimum !== undefined && x < s.minimum) return { path, message: `${name} is ${x}, less than the smallest allowed, ${s.minimum}` };
      if (s.maximum !== undefined && x > s.maximum) return { path, message: `${name} is ${x}, more than the largest allowed, ${s.maximum}` };
    }
    if (typeof x === 'string') {
      const n = s.minLength !== undefined || s.maxLength !== undefined ? [...x].length : 0; // characters, not UTF-16 units
      if (s.minLength !== undefined && n < s.minLength) return { path, message: n === 0 ? `${name} is empty` : `${name} is shorter than ${s.minLength} characters` };
      if (s.maxLength !== undefined && n > s.maxLength) return { path, message: `${name} is longer than ${s.maxLength} characters` };
      if (s.pattern !== undefined && !regex(s.pattern).test(x)) {
        const hex = s.pattern === '^([0-9a-f]{2})*$';
        return { path, message: hex ? `${name} should be bytes in lowercase hex (pairs of 0-9a-f), not ${describe(x)}` : `${name} is not in the expected form (${s.pattern}): ${describe(x)}` };
      }
    }
    if (Array.isArray(x)) {
      if (s.minItems !== undefined && x.length < s.minItems) return { path, message: `${name} has ${x.length} item${x.length === 1 ? '' : 's'}, fewer than ${s.minItems}` };
      if (s.maxItems !== undefined && x.length > s.maxItems) return { path, message: `${name} has ${x.length} items, more than ${s.maxItems}` };
      const pre = s.prefixItems || [];
      for (let i = 0; i < x.length; i++) {
        const sub = i < pre.length ? pre[i] : s.items;
        if (sub === undefined) continue;
        const p = check(sub, x[i], [...path, i]);
        if (p) return p;
      }
    }
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
      for (const k of s.required || []) {
        if (!Object.hasOwn(x, k)) return { path: [...path, k], message: `the field ${JSON.stringify(where([...path, k]))} is missing` };
      }
      const props = s.properties || {};
      for (const [k, sub] of Object.entries(props)) {
        if (!Object.hasOwn(x, k)) continue;
        const p = check(sub, x[k], [...path, k]);
        if (p) return p;
      }
      if (s.additionalProperties !== undefined) {
        for (const k of Object.keys(x)) {
          if (Object.hasOwn(props, k)) continue;
          const p = check(s.additionalProperties, x[k], [...path, k]);
          if (p) return p;
        }
      }
    }
    for (const sub of s.allOf || []) {
      const p = check(sub, x, path);
      if (p) return p;
    }
    if (s.oneOf) {
      const ok = s.oneOf.filter((sub) => !check(sub, x, path)).length;
      if (ok !== 1) return { path, message: ok ? `${name} matches more than one of its allowed forms` : `${name} is ${describe(x)}, which is none of its allowed forms` };
    }
    if (s.not !== undefined && !check(s.not, x, path)) return { path, message: `${name} is ${describe(x)}, which is not allowed` };
    if (s.if !== undefined) {
      const branch = check(s.if, x, path) ? s.else : s.then;
      if (branch !== undefined) {
        const p = check(branch, x, path);
        if (p) return p;
      }
    }
    return null;
  }
  return (value) => check(root, value, []);
}
