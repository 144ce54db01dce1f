// A decision as the service advised it: its reasons, actions and warnings, a record whose details are gone,
// and a record's live answer beside the shadow candidate's. Shared by the advice, decisions and shadow views.
import { readApi } from '../api.js';
import { adviceTag, el, instant, show } from '../dom.js';
import { outcomeShown } from '../lib/format.js';
import { statementOf } from '../rules.js';

/** The reasons, actions and warnings of an advice, under headings of the given level. */
export function adviceParticulars(advice, heading) {
  const code = advice.advice;
  return [
    el(heading, {}, 'Reasons'),
    el('table', { class: 'reasons' },
      el('caption', { class: 'visually-hidden' }, 'Every rule that fired, strongest vote first'),
      el('thead', {}, el('tr', {}, ['Rule', 'Truth', 'Vote', 'Explanation'].map(title => el('th', { scope: 'col' }, title)))),
      el('tbody', {}, advice.reasons.map(reason => el('tr', { class: reason.advice === code ? 'decides' : null },
        el('td', {}, reason.rule),
        el('td', {}, el('code', {}, reason.truth), statementOf(reason.truth) ? el('span', { class: 'statement' }, statementOf(reason.truth)) : null),
        el('td', {}, reason.advice ? [adviceTag(reason.advice), reason.advice === code ? el('span', { class: 'decides-note' }, 'counts') : null] : 'no vote'),
        el('td', {}, reason.explanation))))),
    advice.reasons.length ? null : el('p', { class: 'hint' }, 'No rule fired: without a vote the advice is WAIT.'),
    el(heading, {}, 'Actions'),
    advice.actions.length ? el('ul', { class: 'actions' }, advice.actions.map(action => el('li', {}, action))) : el('p', { class: 'hint' }, 'None.'),
    el(heading, {}, 'Warnings'),
    advice.warnings.length ? el('ul', { class: 'warnings' }, advice.warnings.map(warning => el('li', {}, warning))) : el('p', { class: 'hint' }, 'None.'),
  ];
}

/** A record's heading: its deal and decision id. */
export const recordHeading = (record, titleId) => el('h4', { id: titleId }, `Decision on deal ${record.dealId} `,
  el('code', { class: 'decision-id' }, record.decisionId));

const callerShown = record => `${record.caller ?? '—'}${record.channel ? ` (${record.channel})` : ''}`;

/** A record whose deal and advice expired or were erased: what it still holds (its summary is in the list). */
export function detailGone(record, titleId) {
  return el('section', { class: 'decision', 'aria-labelledby': titleId },
    recordHeading(record, titleId),
    el('p', { class: 'hint' }, record.detail === 'erased'
      ? 'Its deal and advice were erased on request; its summary (in the list) and its outcome stay.'
      : 'Its deal and advice are past the detail retention; its summary (in the list) and its outcome stay.'),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Decided at'), el('dd', {}, instant(record.decidedAt)),
      el('dt', {}, 'As of'), el('dd', {}, record.asOf),
      el('dt', {}, 'Caller'), el('dd', {}, callerShown(record)),
      record.shadow ? [el('dt', {}, 'Shadow candidate'), el('dd', {}, record.shadow.advice ?? '—')] : null,
      el('dt', {}, 'Outcome'), el('dd', {}, outcomeShown(record.outcome))));
}

/** A whole record's facts: when, as of, revisit or referral, ruleset, caller, outcome. */
export function recordFacts(record) {
  const advice = record.advice;
  return el('dl', { class: 'facts' },
    el('dt', {}, 'Decided at'), el('dd', {}, instant(record.decidedAt)),
    el('dt', {}, 'As of'), el('dd', {}, record.asOf),
    advice.revisitOn ? [el('dt', {}, 'Revisit on'), el('dd', {}, advice.revisitOn)] : null,
    advice.advice === 'REFER' ? [el('dt', {}, 'Refer to'), el('dd', {}, advice.referTo ?? 'no competitor that fits is known')] : null,
    el('dt', {}, 'Ruleset'), el('dd', {}, el('code', {}, advice.ruleset.version), ' loaded ', instant(advice.ruleset.loadedAt)),
    el('dt', {}, 'Caller'), el('dd', {}, callerShown(record)),
    el('dt', {}, 'Outcome'), el('dd', {}, outcomeShown(record.outcome)));
}

/** A decision's live answer and the candidate's, side by side; a reason found on one side only is marked. */
export function shadowComparison(record) {
  const live = record.advice;
  const candidate = record.shadow;
  const key = reason => JSON.stringify([reason.rule, reason.truth, reason.advice, reason.explanation]);
  const liveKeys = new Set(live.reasons.map(key));
  const candidateKeys = new Set(candidate.reasons.map(key));
  const side = (name, title, answer, version, reasons, otherKeys) => el('section', { class: `side side-${name}`, 'aria-label': title },
    el('p', { class: 'side-title' }, `${title} `, adviceTag(answer.advice)),
    el('p', { class: 'hint' }, 'Ruleset ', el('code', {}, version),
      answer.advice === 'REFER' ? `; refer to ${answer.referTo ?? 'nobody known'}` : '',
      answer.revisitOn ? `; revisit on ${answer.revisitOn}` : ''),
    reasons.length
      ? el('ol', { class: 'reason-list' }, reasons.map(reason => el('li', { class: otherKeys.has(key(reason)) ? null : 'only-here' },
        el('span', { class: 'rule' }, reason.rule), ' ', el('code', {}, reason.truth), ' ',
        reason.advice ? adviceTag(reason.advice) : el('span', { class: 'hint' }, 'no vote'),
        el('span', { class: 'explanation' }, reason.explanation),
        otherKeys.has(key(reason)) ? null : el('span', { class: 'only-note' }, 'only on this side'))))
      : el('p', { class: 'hint' }, 'No rule fired: without a vote the advice is WAIT.'));
  return el('div', { class: 'shadow-comparison' },
    el('p', { class: candidate.differs ? 'flip-summary flipped' : 'flip-summary' }, candidate.differs
      ? `The candidate would answer differently: ${live.advice} → ${candidate.advice}.`
      : 'The candidate would give the same answer.'),
    el('div', { class: 'sides' },
      side('live', 'Live', live, live.ruleset.version, live.reasons, candidateKeys),
      side('candidate', 'Candidate', candidate, candidate.rulesetVersion, candidate.reasons, liveKeys)));
}

/**
 * Reads a record (role auditor) and shows it in `box`, drawn by `render` (its heading's id is `titleId`), or
 * what remains of it, or why it cannot be opened.
 */
export async function openRecord(box, decisionId, titleId, render) {
  const answer = await readApi(`v1/decisions/${encodeURIComponent(decisionId)}`, {});
  if (answer.error) {
    show(box, el('p', { class: 'problem' }, {
      403: 'Opening a decision needs a key with the role “auditor”.',
      404: `Decision ${decisionId} is not known: records older than the retention are deleted.`,
    }[answer.status] || answer.error));
    return;
  }
  show(box, answer.body.detail ? detailGone(answer.body, titleId) : render(answer.body));
  box.focus();
}
