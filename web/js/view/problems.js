// What is wrong with an opened trace file (tracecheck.js), as a list a student reads: one line per
// problem, with its line number; lines left out are marked. Pure vnode builder.

import { h } from '../vdom.js';

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** problems: checkTrace's [{line, message, skipped}]; source: the file's name. Null when none. */
export function problemsView(problems, source) {
  if (!problems || !problems.length) return null;
  const left = problems.filter((p) => p.skipped).length;
  const shown = problems.slice(0, 200);
  return h('details', { class: 'warnings problems', open: true, 'data-testid': 'warnings' },
    h('summary', { 'data-testid': 'problems-summary' },
      `${source} is not a valid trace: ${plural(problems.length, 'problem', 'problems')}` +
      (left ? `, ${plural(left, 'line', 'lines')} left out` : '')),
    h('p', { class: 'muted' }, 'The diagram shows what could be read. The command tlstrace validate checks a file the same way.'),
    h('ul', null, shown.map((p) => h('li', {
      class: p.skipped ? 'problem skipped' : 'problem',
      'data-testid': 'problem',
      'data-line': String(p.line),
      'data-skipped': p.skipped ? 'true' : 'false',
    }, p.message))),
    problems.length > shown.length ? h('p', null, `… and ${problems.length - shown.length} more.`) : null,
  );
}
