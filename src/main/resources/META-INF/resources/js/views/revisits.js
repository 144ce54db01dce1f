// Due for a revisit: the deals whose latest decision was to wait until a day on or before the one chosen
// (GET /v1/revisits, roles qualify, analyst and auditor), soonest first, a page at a time.
import { readApi, refusal } from '../api.js';
import { $, el, instant, show, table, viewShown } from '../dom.js';
import { dueText, utcDay } from '../lib/dates.js';

const REVISITS_PAGE = 20;
const REVISITS_REFUSED = {
  403: 'This key lacks the role “qualify”, “analyst” or “auditor” that the revisit list needs.',
  404: 'This service lists no revisits: GET /v1/revisits answered 404 (Not Found).',
};

const view = { dueBy: null, revisits: [], next: null, today: null };

/** Reads the first page for the day chosen (today when none), or the next page after `cursor`. */
export async function loadRevisits(cursor = null) {
  const dueBy = cursor ? view.dueBy : $('#revisits-due').value || utcDay();
  const query = new URLSearchParams({ dueBy, limit: String(REVISITS_PAGE) });
  if (cursor) {
    query.set('cursor', cursor);
  }
  const answer = await readApi(`v1/revisits?${query}`, REVISITS_REFUSED);
  if (answer.error) {
    if (!cursor || refusal(answer)) {
      viewShown('revisits', refusal(answer) || answer.error);
    } else {
      show($('#revisits-list'), el('p', { class: 'problem' }, answer.error));
    }
    return;
  }
  viewShown('revisits', null);
  view.revisits = cursor ? [...view.revisits, ...answer.body.revisits] : answer.body.revisits;
  Object.assign(view, { dueBy, next: answer.body.next, today: utcDay() });
  renderRevisits();
}

function renderRevisits() {
  const { dueBy, revisits, next, today } = view;
  if (!revisits.length) {
    show($('#revisits-list'), el('p', { class: 'hint' }, `No deal is due for a revisit by ${dueBy}.`));
    return;
  }
  show($('#revisits-list'),
    table({ class: 'revisits' }, el('caption', {}, `Deals due for a revisit by ${dueBy}, soonest first`),
      ['Deal', 'Revisit on', 'Headline', 'Decided at'],
      revisits.map(revisit => el('tr', { 'data-deal': revisit.dealId, 'data-decision': revisit.decisionId },
        el('td', {}, revisit.dealId),
        el('td', {}, el('time', { datetime: revisit.revisitOn }, revisit.revisitOn),
          el('span', { class: revisit.revisitOn < today ? 'due overdue' : 'due' }, dueText(revisit.revisitOn, today))),
        el('td', {}, revisit.headline ?? el('span', { class: 'hint' }, 'not kept: the record’s details expired or were erased')),
        el('td', {}, instant(revisit.decidedAt))))),
    el('p', { class: 'hint', id: 'revisits-count' }, `${revisits.length} shown${next ? '; more are due' : ''}.`),
    next ? el('button', { type: 'button', class: 'quiet', 'data-more': next }, 'More') : null);
}

export function startRevisits() {
  $('#revisits-form').addEventListener('submit', event => {
    event.preventDefault();
    loadRevisits();
  });
  $('#revisits-list').addEventListener('click', event => {
    const more = event.target.closest('[data-more]');
    if (more) {
      more.disabled = true;
      loadRevisits(more.dataset.more);
    }
  });
}
