import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageModule } from './page-modules.mjs';

const format = await pageModule('lib/format.js');

test('a share is a whole percentage, rounded half up', () => {
  assert.equal(format.percent(0.925), '93 %');
  assert.equal(format.percent(0.5), '50 %');
  assert.equal(format.percent(0), '0 %');
  assert.equal(format.percent(1), '100 %');
  assert.equal(format.percent(17 / 24), '71 %');
});

test('a difference is in signed percentage points, with a true minus sign', () => {
  assert.equal(format.points(0.17), '+17 points');
  assert.equal(format.points(-0.135), '−14 points');
  assert.equal(format.points(0.455), '+46 points');
  assert.equal(format.points(0), '0 points');
  assert.equal(format.points(-0.004), '−0.4 points', 'below half a point, a tenth');
  assert.equal(format.points(0.001), '+0.1 points', 'a bound just above 0 never reads as 0');
  assert.equal(format.points(0.005), '+0.5 points', 'nor is rounded away from 0 to a whole point');
  assert.equal(format.points(0.01), '+1 point');
});

test('an interval follows its share in brackets, and is left out when there is none', () => {
  assert.equal(format.intervalShown([0.508, 0.851]), ' (51 %–85 %)');
  assert.equal(format.intervalShown([0.291, 0.768]), ' (29 %–77 %)');
  assert.equal(format.intervalShown(null), '');
  assert.equal(format.intervalShown(undefined), '');
});

test('an evidence group in words: rate, interval and counts, or that no client status is known', () => {
  assert.equal(format.retentionShown({ retentionRate: 17 / 24, retentionInterval: [0.508, 0.851], retained: 17, known: 24,
    outcomes: 24 }), '71 % kept (51 %–85 %): 17 of 24 clients whose status is known');
  assert.equal(format.retentionShown({ retentionRate: 34 / 50, retentionInterval: [0.541, 0.793], retained: 34, known: 50,
    outcomes: 67 }), '68 % kept (54 %–79 %): 34 of 50 clients whose status is known (67 outcomes)',
  'the sample behind the rate is the outcomes whose status is known');
  assert.equal(format.retentionShown({ retentionRate: null, retentionInterval: null, retained: 0, known: 0, outcomes: 3 }),
    'no client status known (3 outcomes)');
});

test('kept over known, and how many are not known', () => {
  assert.equal(format.keptOfKnown({ retained: 17, known: 24, outcomes: 24 }), '17 / 24');
  assert.equal(format.keptOfKnown({ retained: 34, known: 50, outcomes: 67 }), '34 / 50 (17 unknown)');
});

test('an instant is written as a UTC time to the second', () => {
  assert.equal(format.instantText('2026-11-23T10:15:30.123456Z'), '2026-11-23 10:15:30 UTC');
  assert.equal(format.instantText('2026-11-23T10:15:30Z'), '2026-11-23 10:15:30 UTC');
});

test('an outcome in a list of decisions', () => {
  assert.equal(format.outcomeShown({ result: 'BOUGHT_FROM_US', adviceFollowed: true }), 'BOUGHT_FROM_US, advice followed');
  assert.equal(format.outcomeShown({ result: 'BOUGHT_NOTHING', adviceFollowed: false }), 'BOUGHT_NOTHING, advice not followed');
  assert.equal(format.outcomeShown(null), '—');
});

test('a field value in the comparison: JSON, or "not set"', () => {
  assert.equal(format.shown(undefined), 'not set');
  assert.equal(format.shown(true), 'true');
  assert.equal(format.shown('SEAMLESS'), '"SEAMLESS"');
  assert.equal(format.shown(null), 'null');
});

test('a shadow transition with outcomes on both sides, in one sentence', () => {
  const transition = { from: 'PROCEED', to: 'WAIT', deals: 4, outcomes: {
    followed: { outcomes: 4, retained: 1, known: 3, retentionInterval: [0.061, 0.793] },
    notFollowed: { outcomes: 0, retained: 0, known: 0, retentionInterval: null } } };
  assert.equal(format.hasOutcomes(transition), true);
  assert.equal(format.transitionOutcomeText(transition), '4 deals would go from PROCEED to WAIT; under PROCEED, sellers who'
    + ' followed it kept 1 of 3 clients (6 %–79 %) (1 more with no client status yet), no outcome where it was not followed.');
  const unknownOnly = { ...transition, outcomes: { followed: transition.outcomes.followed,
    notFollowed: { outcomes: 2, retained: 0, known: 0, retentionInterval: null } } };
  assert.match(format.transitionOutcomeText(unknownOnly), /, no client status known yet where it was not followed \(2 outcomes\)\.$/);
  const none = { ...transition, outcomes: { followed: { outcomes: 0 }, notFollowed: { outcomes: 0 } } };
  assert.equal(format.hasOutcomes(none), false);
  assert.equal(format.hasOutcomes({ from: 'WAIT', to: 'PROCEED', deals: 2 }), false, 'a service that reports no outcomes');
});

test('the shadow counts, with the share that would change', () => {
  assert.equal(format.comparedText({ compared: 40, differ: 3, skipped: 1 }),
    '40 recorded decisions since this candidate was loaded; 3 would change (8 %); 1 skipped while the candidate was behind.');
  assert.equal(format.comparedText({ compared: 0, differ: 0, skipped: 0 }),
    '0 recorded decisions since this candidate was loaded; 0 would change; 0 skipped while the candidate was behind.');
});
