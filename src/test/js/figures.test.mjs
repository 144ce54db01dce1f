import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageModule } from './page-modules.mjs';

const figures = await pageModule('lib/figures.js');
const contract = await pageModule('lib/contract.js');

const ORDER = ['NO_SALE', 'REFER', 'WAIT', 'PROCEED'];

test('the summary’s days are counted on the chart’s days; days outside and zero counts are left out', () => {
  const days = ['2026-12-02', '2026-12-03', '2026-12-04'];
  const { counts, total } = figures.countsByDay(days, [
    { day: '2026-12-01', PROCEED: 9, WAIT: 0, REFER: 0, NO_SALE: 0 },
    { day: '2026-12-02', PROCEED: 3, WAIT: 1, REFER: 0, NO_SALE: 0 },
    { day: '2026-12-04', PROCEED: 0, WAIT: 2, REFER: 1, NO_SALE: 4, LATER_ADVICE: 1 },
  ]);
  assert.equal(total, 12);
  assert.deepEqual([...counts].map(([day, byAdvice]) => [day, Object.fromEntries(byAdvice)]), [
    ['2026-12-02', { PROCEED: 3, WAIT: 1 }], ['2026-12-03', {}], ['2026-12-04', { WAIT: 2, REFER: 1, NO_SALE: 4, LATER_ADVICE: 1 }]]);
  assert.deepEqual(figures.mixCodes(ORDER, counts), [...ORDER, 'LATER_ADVICE'], 'an advice the page does not know comes last');
});

test('the transition matrix: rows and columns in the order of advice, cells, totals', () => {
  const transitions = [{ from: 'PROCEED', to: 'WAIT', deals: 4 }, { from: 'PROCEED', to: 'PROCEED', deals: 30 },
    { from: 'WAIT', to: 'WAIT', deals: 7 }, { from: 'REFER', to: 'ESCALATE', deals: 1 }];
  const { codes, deals } = figures.transitionMatrix(ORDER, transitions);
  assert.deepEqual(codes, [...ORDER, 'ESCALATE']);
  assert.equal(deals('PROCEED', 'WAIT'), 4);
  assert.equal(deals('WAIT', 'PROCEED'), 0);
  assert.equal(deals('PROCEED', null), 34, 'a row’s total');
  assert.equal(deals(null, 'WAIT'), 11, 'a column’s total');
  assert.equal(deals(null, null), 42, 'every compared deal');
  assert.equal(figures.cellKind(deals('PROCEED', 'WAIT'), 'PROCEED', 'WAIT'), 'flip');
  assert.equal(figures.cellKind(30, 'PROCEED', 'PROCEED'), 'same');
  assert.equal(figures.cellKind(0, 'WAIT', 'PROCEED'), 'none');
});

test('the order of advice: the live rules’ precedence, else the contract’s enum, else none', () => {
  const served = { components: { schemas: { AdviceCode: { enum: ['REFER', 'WAIT', 'NO_SALE', 'PROCEED'] } } } };
  assert.deepEqual(contract.adviceOrder({ precedence: ORDER }, served), { codes: ORDER, source: 'the live rules' });
  assert.deepEqual(contract.adviceOrder({}, served), { codes: ['REFER', 'WAIT', 'NO_SALE', 'PROCEED'], source: 'the contract' });
  assert.deepEqual(contract.adviceOrder(null, null), { codes: [], source: null });
});

test('the deal form is read from the contract: plain members, then objects, then lists of objects', () => {
  const schemas = {
    Deal: { required: ['id'], properties: {
      id: { type: 'string', maxLength: 64, description: 'The `deal` id.', example: 'OPP-1' },
      client: { $ref: '#/components/schemas/Client' },
      milestones: { type: 'array', title: 'Milestones', items: { $ref: '#/components/schemas/Milestone' } },
      asOf: { type: 'string', format: 'date' } } },
    Client: { type: 'object', required: ['relationshipYears'], properties: {
      relationshipYears: { type: 'integer', minimum: 0, maximum: 100 },
      share: { type: 'number', minimum: 0, maximum: 1 },
      churned: { type: 'boolean' },
      size: { type: 'string', enum: ['SMALL', 'LARGE', null] } } },
    Milestone: { type: 'object', title: 'Milestone', properties: { due: { type: 'string', format: 'date' },
      weight: { type: 'number', minimum: 0, exclusiveMaximum: true, maximum: 10 } } },
  };
  const [main, client, milestones] = contract.dealFormFrom(schemas);
  assert.deepEqual(main.fields.map(field => [field.key, field.kind, field.required]), [['id', 'text', true], ['asOf', 'date', false]]);
  assert.equal(main.fields[0].hint, 'The deal id. E.g. OPP-1.');
  assert.equal(client.legend, 'Client');
  assert.deepEqual(client.fields.map(field => [field.label, field.kind, field.min, field.max, field.step]), [
    ['Relationship years', 'integer', 0, 100, '1'], ['Share', 'number', 0, 1, '0.01'],
    ['Churned', 'boolean', undefined, undefined, undefined], ['Size', 'choice', undefined, undefined, undefined]]);
  assert.deepEqual(client.fields[3].values, ['SMALL', 'LARGE']);
  assert.equal(client.fields[0].hint, 'From 0 to 100.');
  assert.equal(milestones.list, 'milestones');
  assert.equal(milestones.noun, 'milestone');
  assert.deepEqual(milestones.fields.map(field => [field.key, field.max, field.step]), [['due', undefined, undefined], ['weight', undefined, 'any']]);
  assert.equal(contract.humanize('relationshipYears'), 'Relationship years');
});
