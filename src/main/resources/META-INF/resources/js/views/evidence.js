// The evidence: do clients stay when sellers follow the advice? Per truth and per advice, the retention with
// its 95 % interval on both sides, and the service's verdict in words (roles analyst and auditor).
import { readApi, refusal } from '../api.js';
import { $, adviceTag, el, show, table, viewShown } from '../dom.js';
import { rangeQuery, rangeText } from '../lib/dates.js';
import { intervalShown, keptOfKnown, percent } from '../lib/format.js';
import { support } from '../lib/verdict.js';
import { statementOf } from '../rules.js';
import { renderEvidenceChart } from './evidence-chart.js';

const EVIDENCE_REFUSED = {
  403: 'This key lacks the role “analyst” or “auditor” that reading the evidence needs.',
  404: 'This service does not measure outcomes: GET /v1/evidence answered 404 (Not Found).',
};

const view = { evidence: null }; // GET /v1/evidence, with the range asked for (from, to)

export async function loadEvidence() {
  const query = rangeQuery($('#evidence-from').value, $('#evidence-to').value);
  const answer = await readApi(`v1/evidence${[...query].length ? `?${query}` : ''}`, EVIDENCE_REFUSED);
  if (answer.error) {
    view.evidence = null;
    viewShown('evidence', refusal(answer) || answer.error);
    return;
  }
  view.evidence = { ...answer.body, from: query.get('from'), to: query.get('to') };
  viewShown('evidence', null);
  renderEvidence();
}

const groupCells = group => [
  el('td', { class: 'number' }, group.retentionRate === null || group.retentionRate === undefined ? '—'
    : `${percent(group.retentionRate)}${intervalShown(group.retentionInterval)}`),
  el('td', { class: 'number' }, keptOfKnown(group)),
  el('td', { class: 'results' }, Object.entries(group.results || {}).map(([result, count]) => `${result} ${count}`).join(', ')),
];

const groupHeadings = side => [`Kept (95 % interval), ${side}`, `Kept / status known, ${side}`, `Results, ${side}`]
  .map((heading, index) => el('th', { scope: 'col', class: index < 2 ? 'number' : null }, heading));

/** One table of entries (per truth or per advice): both sides, then what the data says. */
function evidenceTable(entries, caption, first, rowOf) {
  if (!entries.length) {
    return el('p', { class: 'hint' }, 'No outcome has been reported on these decisions yet.');
  }
  return table({ class: 'evidence' }, caption,
    [first, ...groupHeadings('followed'), ...groupHeadings('not followed'), 'What the data says'],
    entries.map(entry => {
      const verdict = support(entry);
      const [attributes, heading] = rowOf(entry);
      return el('tr', attributes, el('th', { scope: 'row' }, heading), groupCells(entry.followed), groupCells(entry.notFollowed),
        el('td', { class: `support support-${verdict.kind}` }, verdict.text));
    }));
}

export function renderEvidence() {
  if (!view.evidence) {
    return;
  }
  const { decisions, withOutcome, byAdvice, byTruth, from, to } = view.evidence;
  $('#evidence-summary').textContent = `${withOutcome} of ${decisions} decisions${rangeText(from, to)} have a reported outcome.`;
  renderEvidenceChart($('#evidence-chart'), byTruth);
  show($('#evidence-truths'), evidenceTable(byTruth,
    el('caption', {}, 'Per truth: the decisions its rules voted for, by whether the seller followed the advice'), 'Truth',
    entry => [{ 'data-truth': entry.truth }, [el('code', {}, entry.truth),
      statementOf(entry.truth) ? el('span', { class: 'statement' }, statementOf(entry.truth)) : null]]));
  show($('#evidence-advice'), evidenceTable(byAdvice,
    el('caption', { class: 'visually-hidden' }, 'Per advice, by whether the seller followed it'), 'Advice',
    entry => [{ 'data-advice': entry.advice }, adviceTag(entry.advice)]));
}

export function startEvidence() {
  $('#evidence-form').addEventListener('submit', event => {
    event.preventDefault();
    loadEvidence();
  });
}
