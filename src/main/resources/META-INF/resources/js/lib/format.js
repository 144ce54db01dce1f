// How the page words figures: shares, differences, intervals, outcomes. Pure functions (no page, no service), so
// that Node's test runner checks them: src/test/js.

export const isPlainObject = value => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A value as the comparison shows it: JSON, or "not set" for a field the deal leaves out. */
export const shown = value => (value === undefined ? 'not set' : JSON.stringify(value));

/** 0.925 → "93 %". */
export const percent = share => `${Math.round(share * 100)} %`;

/**
 * A difference of two shares in percentage points, signed: 0.17 → "+17 points", -0.135 → "−14 points", 0 → "0 points";
 * below one point, in tenths: 0.004 → "+0.4 points", 0.005 → "+0.5 points", so a bound near 0 is neither shown as 0
 * nor rounded away from it.
 */
export function points(value) {
  const whole = Math.round(Math.abs(value) * 100);
  if (Math.abs(value) < 0.01 && value !== 0) {
    return `${value > 0 ? '+' : '−'}${Math.max(0.1, Math.round(Math.abs(value) * 1000) / 10)} points`;
  }
  return `${whole === 0 ? '' : value > 0 ? '+' : '−'}${whole} point${whole === 1 ? '' : 's'}`;
}

/** An interval of shares, after the share it belongs to: [0.508, 0.851] → " (51 %–85 %)"; nothing when null. */
export const intervalShown = interval => (interval ? ` (${percent(interval[0])}–${percent(interval[1])})` : '');

/** "2026-11-23T10:15:30.123456Z" → "2026-11-23 10:15:30 UTC". */
export const instantText = iso => iso.replace(/\.\d+Z$/, 'Z').replace('T', ' ').replace('Z', ' UTC');

/**
 * Kept over the outcomes whose client status is known, the sample behind the rate, and how many are not known:
 * "17 / 24", "2 / 3 (1 unknown)".
 */
export const keptOfKnown = group => `${group.retained} / ${group.known}`
  + (group.outcomes > group.known ? ` (${group.outcomes - group.known} unknown)` : '');

/** A GROUP of the evidence in words: its rate, interval and counts, or that no client status is known. */
export const retentionShown = group => (group.retentionRate === null || group.retentionRate === undefined
  ? `no client status known (${group.outcomes} outcomes)`
  : `${percent(group.retentionRate)} kept${intervalShown(group.retentionInterval)}: ${group.retained} of`
    + ` ${group.known} clients whose status is known${group.outcomes > group.known
      ? ` (${group.outcomes} outcomes)` : ''}`);

/** A recorded outcome in a list of decisions. */
export const outcomeShown = outcome => (isPlainObject(outcome)
  ? `${outcome.result ?? '?'}, advice ${outcome.adviceFollowed ? 'followed' : 'not followed'}`
  : '—');

/** What became of a shadow transition's deals under the live advice, in one sentence. */
export function transitionOutcomeText({ from, to, deals, outcomes }) {
  const kept = (group, followed) => {
    const side = followed ? 'followed' : 'not followed';
    if (!group.outcomes) {
      return `no outcome where it was ${side}`;
    }
    if (!group.known) {
      return `no client status known yet where it was ${side} (${group.outcomes} outcomes)`;
    }
    return `sellers who ${followed ? 'followed' : 'did not follow'} it kept ${group.retained} of ${group.known}`
      + ` clients${intervalShown(group.retentionInterval)}${group.outcomes > group.known
        ? ` (${group.outcomes - group.known} more with no client status yet)` : ''}`;
  };
  return `${deals} deals would go from ${from} to ${to}; under ${from}, ${kept(outcomes.followed, true)},`
    + ` ${kept(outcomes.notFollowed, false)}.`;
}

/** Whether any of a transition's deals has an outcome on either side. */
export const hasOutcomes = transition => Boolean(transition.outcomes)
  && transition.outcomes.followed.outcomes + transition.outcomes.notFollowed.outcomes > 0;

/** The shadow's counts in one sentence. */
export const comparedText = ({ compared, differ, skipped }) => `${compared} recorded decisions since this candidate`
  + ` was loaded; ${differ} would change${compared ? ` (${percent(differ / compared)})` : ''}; ${skipped} skipped while`
  + ' the candidate was behind.';
