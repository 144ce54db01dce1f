import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageModule } from './page-modules.mjs';

const deals = await pageModule('lib/deals.js');

const reason = (rule, truth, advice, explanation = `${rule} fired`) => ({ rule, truth, advice, explanation });

test('a deal flattens to its leaves, written as the API writes field paths', () => {
  const flat = deals.flatten({ id: 'OPP-1', discovery: { nothingNeeded: false, wants: [] },
    milestones: [{ name: 'Security review', due: '2026-12-15' }], client: {} });
  assert.deepEqual([...flat], [['id', 'OPP-1'], ['discovery.nothingNeeded', false], ['discovery.wants', []],
    ['milestones[0].name', 'Security review'], ['milestones[0].due', '2026-12-15'], ['client', {}]]);
});

test('two deals differ in the leaves changed, added and removed', () => {
  const before = { id: 'A', discovery: { nothingNeeded: false }, milestones: [{ due: '2026-12-15' }, { due: '2027-01-10' }] };
  const after = { id: 'A', discovery: { nothingNeeded: true }, milestones: [{ due: '2026-12-15' }], offering: { fit: 'SEAMLESS' } };
  assert.deepEqual(deals.diffDeals(before, after), [
    { path: 'discovery.nothingNeeded', before: false, after: true },
    { path: 'offering.fit', before: undefined, after: 'SEAMLESS' },
    { path: 'milestones[1].due', before: '2027-01-10', after: undefined },
  ]);
  assert.deepEqual(deals.diffDeals(before, structuredClone(before)), []);
});

test('rules that now fire, fire differently or no longer fire', () => {
  const before = { advice: 'PROCEED', reasons: [reason('Wanted upgrade', 'WANTS_OVER_NEEDS', 'PROCEED'),
    reason('Diagnosed', 'DIAGNOSE_FIRST', null), reason('Fits', 'FITS_EXISTING_INFRASTRUCTURE', 'PROCEED')] };
  const after = { advice: 'NO_SALE', reasons: [reason('Nothing needed', 'BEST_SALE_NO_SALE', 'NO_SALE'),
    reason('Diagnosed', 'DIAGNOSE_FIRST', null, 'diagnosed again'), reason('Fits', 'FITS_EXISTING_INFRASTRUCTURE', 'PROCEED')] };
  assert.deepEqual(deals.reasonChanges(before, after).map(change => [change.kind, change.reasons[0].rule]), [
    ['Now fires', 'Nothing needed'], ['Fires differently', 'Diagnosed'], ['No longer fires', 'Wanted upgrade']]);
  assert.equal(deals.decidingReason(after).rule, 'Nothing needed');
  assert.equal(deals.decidingReason({ advice: 'WAIT', reasons: [] }), null);
});

test('a scenario’s expectation in words, and how an answer misses it', () => {
  const expect = { advice: 'WAIT', revisitOn: '2026-12-15', truths: ['NO_PUSH_BEFORE_MILESTONES'] };
  assert.equal(deals.describeExpectation(expect), 'WAIT, revisiting on 2026-12-15, citing NO_PUSH_BEFORE_MILESTONES');
  assert.equal(deals.describeExpectation({ advice: 'REFER', referTo: null }), 'REFER, referring to nobody');
  const answer = { advice: 'WAIT', revisitOn: '2026-12-16', referTo: null, reasons: [reason('Review first', 'DIAGNOSE_FIRST', 'WAIT')] };
  assert.deepEqual(deals.scenarioMismatches(expect, answer),
    ['revisitOn 2026-12-15 expected', 'NO_PUSH_BEFORE_MILESTONES expected among the reasons']);
  assert.deepEqual(deals.scenarioMismatches({ advice: 'WAIT' }, answer), []);
});

test('a path is read and set, objects made on the way, undefined removing the member', () => {
  const deal = { client: { name: 'Acme' }, milestones: [{ due: '2026-12-15' }] };
  assert.equal(deals.getPath(deal, ['milestones', 0, 'due']), '2026-12-15');
  assert.equal(deals.getPath(deal, ['offering', 'fit']), undefined);
  deals.setPath(deal, ['offering', 'fit'], 'SEAMLESS');
  deals.setPath(deal, ['client', 'name'], undefined);
  assert.deepEqual(deal, { client: {}, milestones: [{ due: '2026-12-15' }], offering: { fit: 'SEAMLESS' } });
  assert.deepEqual(deals.fieldPath('milestones[0].due'), ['milestones', '0', 'due']);
  assert.deepEqual(deals.fieldPath('discovery.nothingNeeded'), ['discovery', 'nothingNeeded']);
});
