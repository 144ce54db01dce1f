// The shadow candidate: its version or refused change, the matrix of live advice against the candidate's, what
// became of the deals that would change, and the latest of them (opened side by side with the role auditor).
import { readApi, readsRecords, refusal } from '../api.js';
import { $, adviceTag, el, instant, problemList, show, table, viewShown } from '../dom.js';
import { comparedText, hasOutcomes, transitionOutcomeText } from '../lib/format.js';
import { cellKind, transitionMatrix } from '../lib/figures.js';
import { adviceOrder } from '../rules.js';
import { openRecord, recordHeading, shadowComparison } from './record.js';

const SHADOW_REFUSED = {
  403: 'This key lacks the role “rules-admin”, “analyst” or “auditor” that the shadow view needs.',
  404: 'This service runs no shadow comparison: GET /v1/shadow answered 404 (Not Found).',
};

const view = { shadow: null, records: false }; // GET /v1/shadow, and whether this key may open its examples

export async function loadShadow() {
  const [answer, records] = await Promise.all([readApi('v1/shadow', SHADOW_REFUSED), readsRecords()]);
  if (answer.error) {
    view.shadow = null;
    viewShown('shadow', refusal(answer) || answer.error);
    return;
  }
  view.shadow = answer.body;
  view.records = records;
  viewShown('shadow', null);
  renderShadow();
}

const shadowOff = live => el('div', { class: 'shadow-off-note' },
  el('p', {}, el('strong', {}, 'Shadow is off: '), 'no candidate ruleset is decided beside the live one',
    live?.version ? [' (', el('code', {}, live.version), ')'] : null, '.'),
  el('p', {}, 'To switch it on, start the service with ', el('code', {}, 'deal-advisor.shadow.dir'),
    ' naming a candidate rules folder, e.g. ', el('code', {}, '-Ddeal-advisor.shadow.dir=../rules-candidate'),
    ' or the environment variable ', el('code', {}, 'DEAL_ADVISOR_SHADOW_DIR'),
    '. The candidate is loaded, validated and reloaded like the live rules; it never changes an answer.'));

export function renderShadow() {
  if (!view.shadow) {
    return;
  }
  const { live, candidate, transitions, examples } = view.shadow;
  $('#shadow-transitions').hidden = !candidate;
  $('#shadow-changes').hidden = !candidate;
  if (!candidate) {
    show($('#shadow-summary'), shadowOff(live));
    return;
  }
  const refused = candidate.lastReloadError;
  show($('#shadow-summary'),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Live rules'), el('dd', {}, el('code', {}, live.version)),
      el('dt', {}, 'Candidate'), el('dd', { id: 'shadow-candidate' }, candidate.version
        ? [el('code', {}, candidate.version), ' loaded ', candidate.loadedAt ? instant(candidate.loadedAt) : 'at an unknown time']
        : el('span', { class: 'is-problem' }, 'none loaded: its rules were refused')),
      el('dt', {}, 'Folder'), el('dd', {}, el('code', {}, candidate.dir)),
      el('dt', {}, 'Compared'), el('dd', { id: 'shadow-counts' }, comparedText(view.shadow))),
    refused ? el('section', { class: 'problem candidate-refused', 'aria-labelledby': 'candidate-refused-title' },
      el('p', { class: 'problem-title', id: 'candidate-refused-title' }, 'The candidate’s last change was refused'),
      el('p', {}, 'Refused at ', instant(refused.at), candidate.version
        ? `; still comparing version ${candidate.version}.` : '; no candidate is compared until its rules load.'),
      problemList(refused.problems)) : null);
  show($('#shadow-matrix'), transitions.length
    ? el('div', {}, matrixTable(transitions), transitionOutcomes(transitions))
    : el('p', { class: 'hint' }, 'No recorded decision has been compared yet: qualify deals, then update.'));
  show($('#shadow-examples'), examples.length ? examplesTable(examples) : el('p', { class: 'hint' }, 'No compared deal would change.'));
}

function examplesTable(examples) {
  const open = example => el('button', { type: 'button', class: 'quiet', 'data-example': example.decisionId,
    'aria-label': `Open the decision on deal ${example.dealId}, ${example.from} live, ${example.to} candidate` }, 'Open');
  return [table({ class: 'examples' }, el('caption', {}, 'The latest deals whose answer would change, newest first'),
    ['Deal', 'Live', 'Candidate', ...(view.records ? [''] : [])],
    examples.map(example => el('tr', { 'data-decision': example.decisionId },
      el('td', {}, example.dealId), el('td', {}, adviceTag(example.from)), el('td', {}, adviceTag(example.to)),
      view.records ? el('td', {}, open(example)) : null))),
  view.records ? null : el('p', { class: 'hint', id: 'shadow-examples-note' },
    'Opening a decision, with both reason lists, needs a key with the role “auditor”.')];
}

/** What became of each transition's deals under the live advice, where outcomes were reported. */
function transitionOutcomes(transitions) {
  const reported = transitions.filter(hasOutcomes);
  return reported.length
    ? el('ul', { class: 'transition-outcomes' }, reported.map(transition => el('li',
      { 'data-from': transition.from, 'data-to': transition.to }, transitionOutcomeText(transition))))
    : el('p', { class: 'hint' }, 'No outcome has been reported yet for the deals whose advice would change.');
}

/** Deals by live advice (rows) and candidate advice (columns), both strongest first, with totals. */
function matrixTable(transitions) {
  const { codes, deals } = transitionMatrix(adviceOrder().codes, transitions);
  const cell = (from, to) => {
    const count = deals(from, to);
    return el('td', { class: `number cell-${cellKind(count, from, to)}`, 'data-from': from, 'data-to': to }, String(count));
  };
  const total = count => el('td', { class: 'number total' }, String(count));
  return table({ class: 'matrix' }, el('caption', {}, 'Compared decisions: rows are the live advice, columns the candidate’s'),
    [el('td', { class: 'corner' }, 'live ↓ candidate →'), ...codes.map(code => el('th', { scope: 'col' }, adviceTag(code))),
      el('th', { scope: 'col', class: 'number' }, 'All')],
    codes.map(from => el('tr', {}, el('th', { scope: 'row' }, adviceTag(from)), codes.map(to => cell(from, to)),
      total(deals(from, null)))),
    el('tfoot', {}, el('tr', {}, el('th', { scope: 'row' }, 'All'), codes.map(to => total(deals(null, to))), total(deals(null, null)))));
}

const exampleRecord = record => el('section', { class: 'decision', 'aria-labelledby': 'example-title' },
  recordHeading(record, 'example-title'),
  el('p', { class: 'hint' }, 'Decided at ', instant(record.decidedAt), `, as of ${record.asOf}.`),
  record.shadow ? shadowComparison(record) : el('p', { class: 'hint' }, 'This record holds no answer of the candidate.'));

export function startShadow() {
  $('#shadow-refresh').addEventListener('click', () => loadShadow());
  $('#shadow-examples').addEventListener('click', event => {
    const open = event.target.closest('[data-example]');
    if (open) {
      openRecord($('#shadow-detail'), open.dataset.example, 'example-title', exampleRecord);
    }
  });
}
