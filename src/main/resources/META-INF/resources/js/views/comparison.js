// The previous answer beside this one: what flipped, the fields that changed, the rules that fire now or no longer.
import { $, adviceTag, el, show } from '../dom.js';
import { shown } from '../lib/format.js';
import { decidingReason, diffDeals, reasonChanges } from '../lib/deals.js';

export function renderComparison(previous, answer) {
  const section = $('#comparison');
  section.hidden = !previous;
  if (!previous) {
    return;
  }
  const before = previous.advice;
  const after = answer.advice;
  const deciding = decidingReason(after);
  const decidedBy = advice => decidingReason(advice)?.rule ?? 'no vote (WAIT by default)';
  const rows = [
    ['Advice', adviceTag(before.advice), adviceTag(after.advice), before.advice !== after.advice],
    ['Headline', before.headline, after.headline, before.headline !== after.headline],
    ['Revisit on', before.revisitOn ?? '—', after.revisitOn ?? '—', before.revisitOn !== after.revisitOn],
    ['Refer to', before.referTo ?? '—', after.referTo ?? '—', before.referTo !== after.referTo],
    ['Decided by', decidedBy(before), decidedBy(after), decidedBy(before) !== decidedBy(after)],
  ];
  const summary = before.advice === after.advice
    ? [`The advice stayed ${after.advice}.`]
    : [`The advice flipped from ${before.advice} to ${after.advice}`,
      deciding ? `, now decided by “${deciding.rule}” (${deciding.truth}).` : '.'];
  const dealChanges = diffDeals(previous.deal, answer.deal);
  const ruleChanges = reasonChanges(before, after);
  const rulesetChanged = before.ruleset.version !== after.ruleset.version;

  show($('#comparison-body'),
    el('p', { class: before.advice === after.advice ? 'flip-summary' : 'flip-summary flipped' }, summary),
    el('table', { class: 'side-by-side' },
      el('caption', { class: 'visually-hidden' }, 'The previous answer and this one, side by side'),
      el('thead', {}, el('tr', {}, el('td', {}), el('th', { scope: 'col' }, 'Previous'), el('th', { scope: 'col' }, 'Now'))),
      el('tbody', {}, rows.map(([label, old, now, changed]) => el('tr', { class: changed ? 'changed' : null },
        el('th', { scope: 'row' }, label, changed ? el('span', { class: 'changed-note' }, 'changed') : null),
        el('td', {}, old), el('td', {}, now))))),
    el('h4', {}, 'What changed in the deal'),
    dealChanges.length
      ? el('ul', { class: 'changes' }, dealChanges.map(change => el('li', {},
        el('code', {}, change.path), `: ${shown(change.before)} → ${shown(change.after)}`)))
      : el('p', { class: 'hint' }, 'Nothing: the same deal.'),
    rulesetChanged ? el('p', {}, `The rules changed too: version ${before.ruleset.version} → ${after.ruleset.version}.`) : null,
    el('h4', {}, 'Which rules changed'),
    ruleChanges.length
      ? el('ul', { class: 'changes' }, ruleChanges.map(change => el('li', {},
        el('strong', {}, `${change.kind}: `), `“${change.reasons[0].rule}” (${change.reasons[0].truth}`,
        change.reasons[0].advice ? `, votes ${change.reasons[0].advice}` : ', no vote', ')',
        change.kind === 'No longer fires' ? '' : `: ${change.reasons.map(reason => reason.explanation).join('; ')}`)))
      : el('p', { class: 'hint' }, 'The same rules fired, with the same explanations.'));
}
