// The evidence's verdicts in words. The service decides the verdict from the 95 % interval of the difference;
// the page only words it, and never calls a difference supported unless the service's verdict is SUPPORTED.
import { points } from './format.js';

/** Below this many outcomes with a known client status on a side, the service's verdict is TOO_FEW. */
export const FEW_OUTCOMES = 10;

/** The difference and its interval, in points, as the verdicts quote it; empty without a difference. */
export const differenceShown = difference => (difference
  ? ` (${points(difference.value)}; 95 % interval ${points(difference.interval[0])} to ${points(difference.interval[1])})`
  : '');

/** What an entry of byTruth or byAdvice says, in words: { kind, text }; kind names the style. */
export function support({ difference, verdict }) {
  const range = differenceShown(difference);
  switch (verdict) {
    case 'SUPPORTED':
      return { kind: 'supported', text: `Supported: clients stayed more often when its advice was followed${range}.` };
    case 'CONTRADICTED':
      return { kind: 'contradicted', text: `Contradicted: clients stayed less often when its advice was followed${range}.` };
    case 'UNDECIDED':
      return { kind: 'undecided', text: `Cannot tell: the difference could be none at all${range}.` };
    case 'TOO_FEW':
      return { kind: 'unknown', text: `Too few outcomes to tell: fewer than ${FEW_OUTCOMES} with a known client status`
        + ` where its advice was followed, or where it was not${range}.` };
    default:
      return { kind: 'unknown', text: `No verdict: the service did not judge this difference${range}.` };
  }
}

/**
 * The error bars of one side of the evidence chart, one per truth in order: [row, low, high, rate, known] (known:
 * the outcomes whose client status is known, the sample behind the rate),
 * or [row] alone where no client status is known (no bar, no interval).
 */
export const intervalData = (entries, side) => entries.map((entry, row) => {
  const group = entry[side];
  return Array.isArray(group.retentionInterval) && group.retentionRate !== null && group.retentionRate !== undefined
    ? [row, group.retentionInterval[0], group.retentionInterval[1], group.retentionRate, group.known]
    : [row];
});
