import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageModule } from './page-modules.mjs';

const dates = await pageModule('lib/dates.js');
const at = iso => Date.parse(iso);

test('the UTC day of an instant, whatever the hour', () => {
  assert.equal(dates.utcDay(at('2026-11-23T00:00:00Z')), '2026-11-23');
  assert.equal(dates.utcDay(at('2026-11-23T23:59:59.999Z')), '2026-11-23');
  assert.equal(dates.utcDay(at('2026-11-23T23:30:00-05:00')), '2026-11-24', 'late evening in New York is tomorrow in UTC');
});

test('days are added across months, years and leap days', () => {
  assert.equal(dates.addDays('2026-11-30', 1), '2026-12-01');
  assert.equal(dates.addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(dates.addDays('2028-03-01', -1), '2028-02-29');
  assert.equal(dates.addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(dates.daysBetween('2026-12-20', '2027-01-03'), 14);
  assert.equal(dates.daysBetween('2027-01-03', '2026-12-20'), -14);
});

test('the chart’s 30 days end today and start 29 days before, each once', () => {
  const days = dates.lastDays(30, at('2026-12-04T23:24:53Z'));
  assert.equal(days.length, 30);
  assert.equal(days[0], '2026-11-05');
  assert.equal(days[29], '2026-12-04');
  assert.equal(new Set(days).size, 30);
  assert.deepEqual(dates.lastDays(3, at('2027-01-01T00:00:01Z')), ['2026-12-30', '2026-12-31', '2027-01-01']);
});

test('a range of days as a query and in words; empty bounds are left out', () => {
  assert.equal(String(dates.rangeQuery('2026-11-01', '2026-12-01')), 'from=2026-11-01&to=2026-12-01');
  assert.equal(String(dates.rangeQuery('', '2026-12-01')), 'to=2026-12-01');
  assert.equal(String(dates.rangeQuery('', '')), '');
  assert.equal(dates.rangeText('2026-11-01', '2026-12-01'), ' (decided from 2026-11-01 until 2026-12-01)');
  assert.equal(dates.rangeText('2026-11-01', ''), ' (decided from 2026-11-01)');
  assert.equal(dates.rangeText(null, '2026-12-01'), ' (decided until 2026-12-01)');
  assert.equal(dates.rangeText('', ''), '');
});

test('a revisit day against today: due today, due in so many days, or overdue', () => {
  assert.equal(dates.dueText('2026-12-04', '2026-12-04'), 'due today');
  assert.equal(dates.dueText('2026-12-05', '2026-12-04'), 'due in 1 day');
  assert.equal(dates.dueText('2026-12-15', '2026-12-04'), 'due in 11 days');
  assert.equal(dates.dueText('2026-12-03', '2026-12-04'), '1 day overdue');
  assert.equal(dates.dueText('2026-11-04', '2026-12-04'), '30 days overdue');
});
