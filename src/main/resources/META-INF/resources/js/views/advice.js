// Qualifying the deal being edited: the advice in words, the reasons, and the comparison with the answer before.
import { callApi, currentKey, keyStatus } from '../api.js';
import { $, el, instant, show } from '../dom.js';
import { fieldPath, scenarioMismatches } from '../lib/deals.js';
import { renderComparison } from './comparison.js';
import { currentDeal, jsonInvalid } from './deal-editor.js';
import { fieldId } from './deal-form.js';
import { adviceParticulars } from './record.js';
import { refreshFirings } from './ruleset.js';
import { scenarioOf } from './scenarios.js';

const ADVICE = {
  PROCEED: { symbol: '✓', meaning: 'Go ahead: explain how the client gets the outcome they want, and invite them to start.' },
  WAIT: { symbol: '‖', meaning: 'Do not push: do the named work first, or let the client reach their own milestones.' },
  REFER: { symbol: '↗', meaning: 'Our offering does not fit: recommend someone else’s. Lose the sale, save the client.' },
  NO_SALE: { symbol: '✕', meaning: 'Tell the client they do not need this. The best sale can be no sale.' },
};

const view = { answer: null, previous: null };

async function qualify() {
  if (!currentKey()) {
    keyStatus('Enter an API key first.', true);
    $('#api-key').focus();
    return;
  }
  if (jsonInvalid()) {
    return;
  }
  const deal = currentDeal();
  let response;
  let body;
  try {
    response = await callApi('v1/qualifications', { method: 'POST', body: deal });
    body = await response.json();
  } catch (unreachable) {
    renderProblem({ title: 'The service cannot be reached', detail: 'Check that it is running, then try again.' });
    return;
  }
  document.querySelectorAll('[aria-invalid="true"]').forEach(control => control.removeAttribute('aria-invalid'));
  if (!response.ok) {
    renderProblem(body);
    return;
  }
  view.previous = view.answer;
  view.answer = { deal, advice: body, scenario: scenarioOf(deal) };
  renderAnswer();
  renderComparison(view.previous, view.answer);
  await refreshFirings();
}

function renderProblem(problem) {
  const errors = problem.errors || [];
  for (const error of errors) {
    document.getElementById(fieldId(fieldPath(error.field)))?.setAttribute('aria-invalid', 'true');
  }
  show($('#verdict'), el('div', { class: 'problem' },
    el('p', { class: 'problem-title' }, problem.status ? `${problem.status} · ${problem.title}` : problem.title),
    el('p', {}, problem.detail),
    errors.length ? el('ul', {}, errors.map(error => el('li', {}, el('code', {}, error.field || '(the deal)'), ` ${error.message}`))) : null));
  show($('#verdict-details'));
  $('#comparison').hidden = true;
}

function renderAnswer() {
  const { advice, scenario } = view.answer;
  const code = advice.advice;
  const facts = [];
  if (code === 'WAIT') {
    facts.push(['Revisit on', advice.revisitOn ?? 'no date known']);
  }
  if (code === 'REFER') {
    facts.push(['Refer to', advice.referTo ?? 'no competitor that fits is known']);
  }
  let expectation = null;
  if (scenario) {
    const mismatches = scenarioMismatches(scenario.expect, advice);
    expectation = el('p', { class: mismatches.length ? 'expectation is-problem' : 'expectation' },
      mismatches.length ? `Not what the scenario expects: ${mismatches.join('; ')}.` : 'As the scenario expects.');
  }
  show($('#verdict'), el('div', { class: `verdict advice-${code}` },
    el('p', { class: 'advice-code' }, el('span', { class: 'advice-symbol', 'aria-hidden': 'true' }, ADVICE[code]?.symbol), code),
    ADVICE[code] ? el('p', { class: 'advice-meaning' }, ADVICE[code].meaning) : null,
    el('p', { class: 'headline' }, advice.headline),
    facts.length ? el('dl', { class: 'facts' }, facts.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)])) : null,
    expectation));

  show($('#verdict-details'),
    adviceParticulars(advice, 'h3'),
    el('p', { class: 'hint stamp' }, `Deal ${advice.dealId}, decided by ruleset ${advice.ruleset.version} loaded `, instant(advice.ruleset.loadedAt), '.'));
}

/** A key without the role qualify: Qualify is off, and the advice panel says why. */
export function qualifyRefused() {
  $('#deal-form button.qualify').disabled = true;
  show($('#verdict'), el('p', { class: 'hint' }, 'Qualifying a deal needs a key with the role “qualify”.'));
}

export function startAdvice() {
  $('#deal-form').addEventListener('submit', event => {
    event.preventDefault();
    qualify();
  });
}

/** A new key may qualify again. */
export function resetAdvice() {
  $('#deal-form button.qualify').disabled = false;
}
