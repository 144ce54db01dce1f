// The advice per UTC day over the last 30 days, as the database counts it (GET /v1/decisions/summary, roles
// analyst and auditor): a stacked bar chart and the same figures as a table.
import { readApi, refusal } from '../api.js';
import { $, adviceColour, chartIn, el, show, table, viewShown } from '../dom.js';
import { lastDays } from '../lib/dates.js';
import { countsByDay, mixCodes } from '../lib/figures.js';
import { adviceOrder } from '../rules.js';

const MIX_DAYS = 30;
const SUMMARY_REFUSED = {
  403: 'This key lacks the role “auditor” that reading decisions needs (or “analyst”, for the advice per day).',
  404: 'This service keeps no decision records: GET /v1/decisions answered 404 (Not Found).',
};

const view = { mix: null }; // { days, counts, total }

export const forgetAdviceMix = () => { view.mix = null; };

/** Reads the counts and draws them; returns the refusal that leaves the decisions view empty, if any. */
export async function loadAdviceMix() {
  const days = lastDays(MIX_DAYS);
  const answer = await readApi(`v1/decisions/summary?${new URLSearchParams({ from: days[0] })}`, SUMMARY_REFUSED);
  if (answer.error) {
    viewShown('decisions', refusal(answer) || answer.error);
    return answer;
  }
  viewShown('decisions', null);
  view.mix = { days, ...countsByDay(days, answer.body.days) };
  renderAdviceMix();
  return null;
}

export function renderAdviceMix() {
  if (!view.mix) {
    return;
  }
  const { days, counts, total } = view.mix;
  const codes = mixCodes(adviceOrder().codes, counts);
  const count = (day, code) => counts.get(day).get(code) || 0;
  $('#mix-note').textContent = `${total} decisions from ${days[0]} to ${days[days.length - 1]} (UTC days).`;
  const chart = chartIn($('#mix-chart'));
  chart?.setOption({
    aria: { enabled: true }, // a written description of the chart for screen readers
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: days, axisLabel: { formatter: day => day.slice(5) } },
    yAxis: { type: 'value', minInterval: 1 },
    series: codes.map(code => ({
      name: code, type: 'bar', stack: 'advice', emphasis: { focus: 'series' },
      itemStyle: { color: adviceColour(code) }, data: days.map(day => count(day, code)),
    })),
  }, true);
  const busy = days.filter(day => counts.get(day).size).reverse();
  show($('#mix-table'), busy.length
    ? table({ class: 'mix' }, el('caption', { class: 'visually-hidden' }, 'Decisions per day and advice, newest day first'),
      ['Day', ...codes.map(code => el('th', { scope: 'col', class: 'number' }, code)), el('th', { scope: 'col', class: 'number' }, 'All')],
      busy.map(day => el('tr', {}, el('th', { scope: 'row' }, day),
        codes.map(code => el('td', { class: 'number' }, String(count(day, code)))),
        el('td', { class: 'number' }, String(codes.reduce((sum, code) => sum + count(day, code), 0))))))
    : el('p', { class: 'hint' }, 'No decision in these 30 days.'));
}
