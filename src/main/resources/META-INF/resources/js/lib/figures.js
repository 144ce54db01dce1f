// Counting for the charts and the matrix: the advice per day and the shadow's transitions.
import { codesInOrder } from './contract.js';

/**
 * The summary's days (GET /v1/decisions/summary) on the chart's days: counts by day, then advice (zero and
 * unknown days left out), and the total counted.
 */
export function countsByDay(days, summaryDays) {
  const counts = new Map(days.map(day => [day, new Map()]));
  let total = 0;
  for (const { day, ...byAdvice } of summaryDays) {
    const counted = counts.get(day);
    for (const [code, count] of Object.entries(byAdvice)) {
      if (counted && count > 0) {
        counted.set(code, count);
        total += count;
      }
    }
  }
  return { counts, total };
}

/** The chart's series: the order of advice, then any other advice the counts hold. */
export const mixCodes = (order, counts) => codesInOrder(order, [...counts.values()].flatMap(day => [...day.keys()]));

/**
 * The transition matrix: codes for rows and columns, and deals(from, to), where null stands for every advice
 * (so deals(from, null) is a row's total, deals(null, null) all compared deals).
 */
export function transitionMatrix(order, transitions) {
  const codes = codesInOrder(order, transitions.flatMap(transition => [transition.from, transition.to]));
  const deals = (from, to) => transitions
    .filter(transition => (from === null || transition.from === from) && (to === null || transition.to === to))
    .reduce((sum, transition) => sum + transition.deals, 0);
  return { codes, deals };
}

/** A cell's kind: none (no deal), same (the advice holds), flip. */
export const cellKind = (count, from, to) => (count === 0 ? 'none' : from === to ? 'same' : 'flip');
