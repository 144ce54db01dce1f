// The decisions view: the advice per day for every key that reads figures; a deal's history and its records
// only for a key with the role auditor (a key without it does not see them offered).
import { readApi, readsRecords, refusal } from '../api.js';
import { $, adviceTag, el, instant, show, table } from '../dom.js';
import { outcomeShown } from '../lib/format.js';
import { forgetAdviceMix, loadAdviceMix } from './advice-mix.js';
import { adviceParticulars, openRecord, recordFacts, recordHeading, shadowComparison } from './record.js';

const HISTORY_PAGE = 20;
const HISTORY_REFUSED = {
  403: 'This key lacks the role “auditor” that reading decisions needs.',
  404: 'This service keeps no decision records: GET /v1/decisions answered 404 (Not Found).',
};

const view = { history: null }; // the decisions listed: { dealId, decisions, next }

export async function loadDecisions() {
  forgetAdviceMix();
  view.history = null;
  show($('#decision-detail'));
  $('#decisions-status').textContent = 'Reading the decisions…';
  if (await loadAdviceMix()) {
    return; // refused: the view says why
  }
  const records = await readsRecords();
  $('#history-section').hidden = !records;
  $('#history-note').hidden = records;
  if (records) {
    await searchHistory($('#history-deal').value.trim());
  }
}

async function searchHistory(dealId, cursor = null) {
  const query = new URLSearchParams({ limit: String(HISTORY_PAGE) });
  if (dealId) {
    query.set('dealId', dealId);
  }
  if (cursor) {
    query.set('cursor', cursor);
  }
  const answer = await readApi(`v1/decisions?${query}`, HISTORY_REFUSED);
  if (answer.error) {
    show($('#history-list'), el('p', { class: 'problem' }, refusal(answer) || answer.error));
    return;
  }
  const earlier = cursor && view.history ? view.history.decisions : [];
  view.history = { dealId, decisions: [...earlier, ...answer.body.decisions], next: answer.body.next };
  renderHistory();
}

function renderHistory() {
  const { dealId, decisions, next } = view.history;
  if (!decisions.length) {
    show($('#history-list'), el('p', { class: 'hint' }, dealId ? `No decision is recorded for deal ${dealId}.` : 'No decision is recorded yet.'));
    return;
  }
  show($('#history-list'),
    table({ class: 'history' }, el('caption', {}, dealId ? `Decisions on deal ${dealId}, newest first` : 'The latest decisions, newest first'),
      ['Decided at', 'Deal', 'As of', 'Advice', 'Refer to / revisit on', 'Ruleset', 'Caller', 'Outcome', ''],
      decisions.map(decision => el('tr', { 'data-decision': decision.decisionId },
        el('td', {}, instant(decision.decidedAt)),
        el('td', {}, decision.dealId),
        el('td', {}, decision.asOf),
        el('td', {}, adviceTag(decision.advice)),
        el('td', {}, decision.referTo ?? decision.revisitOn ?? '—'),
        el('td', {}, el('code', {}, decision.rulesetVersion)),
        el('td', {}, decision.caller ?? '—'),
        el('td', {}, outcomeShown(decision.outcome)),
        el('td', {}, el('button', { type: 'button', class: 'quiet', 'data-open': decision.decisionId,
          'aria-label': `Open the decision of ${decision.decidedAt} on deal ${decision.dealId}` }, 'Open'))))),
    next ? el('button', { type: 'button', class: 'quiet', 'data-older': next }, 'Show older decisions') : null);
}

const wholeRecord = record => el('section', { class: 'decision', 'aria-labelledby': 'decision-title' },
  recordHeading(record, 'decision-title'),
  el('div', { class: `verdict advice-${record.advice.advice}` },
    el('p', { class: 'advice-code' }, record.advice.advice),
    el('p', { class: 'headline' }, record.advice.headline)),
  recordFacts(record),
  adviceParticulars(record.advice, 'h5'),
  record.shadow ? [el('h5', {}, 'Beside the shadow candidate'), shadowComparison(record)] : null);

function onHistoryClick(event) {
  const open = event.target.closest('[data-open]');
  if (open) {
    openRecord($('#decision-detail'), open.dataset.open, 'decision-title', wholeRecord);
    return;
  }
  const older = event.target.closest('[data-older]');
  if (older && view.history) {
    searchHistory(view.history.dealId, older.dataset.older);
  }
}

export function startDecisions() {
  $('#history-form').addEventListener('submit', event => {
    event.preventDefault();
    show($('#decision-detail'));
    searchHistory($('#history-deal').value.trim());
  });
  $('#history-list').addEventListener('click', onHistoryClick);
  $('#mix-refresh').addEventListener('click', () => loadAdviceMix());
}
