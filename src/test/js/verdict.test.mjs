import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageModule } from './page-modules.mjs';

const { FEW_OUTCOMES, differenceShown, intervalData, support } = await pageModule('lib/verdict.js');

// OWN_YOUR_MISTAKES in the run: 17 of 24 kept (followed) against 7 of 13, difference 0.170 with the
// Newcombe interval [-0.135, 0.455]: the data cannot tell.
const undecided = { verdict: 'UNDECIDED', difference: { value: 0.170, interval: [-0.135, 0.455] } };
// DIAGNOSE_FIRST: 96/123 against 30/51, difference interval [0.044, 0.343].
const supported = { verdict: 'SUPPORTED', difference: { value: 96 / 123 - 30 / 51, interval: [0.044, 0.343] } };

test('a supported difference is called supported, with the difference and its interval in points', () => {
  assert.deepEqual(support(supported), { kind: 'supported',
    text: 'Supported: clients stayed more often when its advice was followed (+19 points; 95 % interval +4 points to +34 points).' });
});

test('an interval that holds 0 is "cannot tell", never supported', () => {
  const words = support(undecided);
  assert.deepEqual(words, { kind: 'undecided',
    text: 'Cannot tell: the difference could be none at all (+17 points; 95 % interval −14 points to +46 points).' });
  assert.doesNotMatch(words.text, /support/i);
});

test('a contradicted difference says clients stayed less often', () => {
  assert.deepEqual(support({ verdict: 'CONTRADICTED', difference: { value: -0.3, interval: [-0.52, -0.06] } }), {
    kind: 'contradicted',
    text: 'Contradicted: clients stayed less often when its advice was followed (−30 points; 95 % interval −52 points to −6 points).' });
});

test('too few outcomes, with or without a difference', () => {
  assert.equal(FEW_OUTCOMES, 10);
  assert.deepEqual(support({ verdict: 'TOO_FEW', difference: null }), { kind: 'unknown',
    text: 'Too few outcomes to tell: fewer than 10 with a known client status where its advice was followed, or where it was not.' });
  assert.match(support({ verdict: 'TOO_FEW', difference: { value: 1, interval: [0.2, 1] } }).text,
    /^Too few outcomes to tell: .* \(\+100 points; 95 % interval \+20 points to \+100 points\)\.$/);
});

test('only the verdict SUPPORTED is ever worded as supported, whatever the difference looks like', () => {
  for (const verdict of ['CONTRADICTED', 'UNDECIDED', 'TOO_FEW', null, undefined, 'SOMETHING_NEW']) {
    // a difference well above 0 that a later service might still not call supported
    const { kind, text } = support({ verdict, difference: { value: 0.4, interval: [0.2, 0.6] } });
    assert.notEqual(kind, 'supported', String(verdict));
    assert.doesNotMatch(text, /support/i, String(verdict));
  }
  assert.equal(support({ verdict: undefined, difference: null }).text, 'No verdict: the service did not judge this difference.');
});

test('the difference in words is empty without a difference', () => {
  assert.equal(differenceShown(null), '');
  assert.equal(differenceShown({ value: 0.0549, interval: [-0.0051, 0.1149] }), ' (+5 points; 95 % interval −0.5 points to +11 points)');
});

test('error bars: one per truth in order, with low, high, rate and known outcomes; none where no client status is known', () => {
  const byTruth = [
    { truth: 'OWN_YOUR_MISTAKES', followed: { retentionRate: 17 / 24, retentionInterval: [0.508, 0.851], known: 24, outcomes: 30 },
      notFollowed: { retentionRate: 7 / 13, retentionInterval: [0.291, 0.768], known: 13, outcomes: 13 } },
    { truth: 'BEST_SALE_NO_SALE', followed: { retentionRate: null, retentionInterval: null, known: 0, outcomes: 2 },
      notFollowed: { retentionRate: 1, retentionInterval: [0.2065, 1], known: 1, outcomes: 1 } },
  ];
  assert.deepEqual(intervalData(byTruth, 'followed'), [[0, 0.508, 0.851, 17 / 24, 24], [1]]);
  assert.deepEqual(intervalData(byTruth, 'notFollowed'), [[0, 0.291, 0.768, 7 / 13, 13], [1, 0.2065, 1, 1, 1]]);
});
