// Retention per truth as grouped horizontal bars, advice followed and not, each with its 95 % Wilson interval
// as an error bar: an ECharts custom series (the library's own way to draw error bars) beside each bar series,
// placed with the bars' own layout, and labelled with the rate and n: the outcomes whose client status is known,
// the sample behind the rate.
import { chartIn, cssColour, el } from '../dom.js';
import { percent, retentionShown } from '../lib/format.js';
import { intervalData } from '../lib/verdict.js';

const SIDES = [['Advice followed', 'followed', '--followed'], ['Advice not followed', 'notFollowed', '--not-followed']];
const BAR_GAP = '30%';
const BAR_CATEGORY_GAP = '20%';

/** The error bars of one side: a line from low to high with end caps, and the rate and count after it. */
function errorBars(name, side, index, entries, ink) {
  return {
    name, // the bars' name: the legend shows and hides both together
    type: 'custom',
    z: 3,
    encode: { x: [1, 2], y: 0 },
    data: intervalData(entries, side),
    renderItem: (params, api) => {
      if (Number.isNaN(api.value(1))) {
        return null; // no client status known: no bar, no interval
      }
      const layout = api.barLayout({ count: SIDES.length, barGap: BAR_GAP, barCategoryGap: BAR_CATEGORY_GAP })[index];
      const [low, y] = api.coord([api.value(1), api.value(0)]);
      const [high] = api.coord([api.value(2), api.value(0)]);
      const middle = y + layout.offsetCenter;
      const cap = Math.max(3, layout.width / 3);
      const style = { stroke: ink, lineWidth: 1.5 };
      const line = (x1, y1, x2, y2) => ({ type: 'line', shape: { x1, y1, x2, y2 }, style });
      return {
        type: 'group',
        children: [line(low, middle, high, middle), line(low, middle - cap, low, middle + cap), line(high, middle - cap, high, middle + cap),
          { type: 'text', style: { text: `${percent(api.value(3))} (n=${api.value(4)})`, x: high + 6, y: middle,
            verticalAlign: 'middle', fill: ink, font: '12px sans-serif' } }],
      };
    },
  };
}

export function renderEvidenceChart(box, byTruth) {
  box.hidden = !byTruth.length;
  if (!byTruth.length) {
    return;
  }
  box.style.height = `${6 + byTruth.length * 3.2}rem`;
  const chart = chartIn(box);
  if (!chart) {
    return;
  }
  chart.resize();
  const ink = cssColour('--ink');
  const datum = group => ({ value: group.retentionRate, outcomes: group.outcomes, retained: group.retained,
    known: group.known, retentionInterval: group.retentionInterval });
  chart.setOption({
    aria: { enabled: true },
    animation: false,
    legend: { top: 0, data: SIDES.map(([name]) => name) },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      // built as elements, so the service's words stay text
      formatter: points => el('div', {}, el('strong', {}, points[0].name),
        points.filter(point => point.seriesType === 'bar').map(point => el('div', {},
          `${point.seriesName}: ${retentionShown({ retentionRate: point.data.value, ...point.data })}`))),
    },
    grid: { left: 8, right: 110, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: value => percent(value) } },
    yAxis: { type: 'category', inverse: true, data: byTruth.map(entry => entry.truth) },
    series: [
      ...SIDES.map(([name, side, colour]) => ({ name, type: 'bar', barGap: BAR_GAP, barCategoryGap: BAR_CATEGORY_GAP,
        itemStyle: { color: cssColour(colour) }, data: byTruth.map(entry => datum(entry[side])) })),
      ...SIDES.map(([name, side], index) => errorBars(name, side, index, byTruth, ink)),
    ],
  }, true);
}
