// The analysts' scenarios: picked as a starting deal, grouped by the advice they expect.
import { callApi } from '../api.js';
import { $, el, show } from '../dom.js';
import { describeExpectation, diffDeals } from '../lib/deals.js';
import { adviceOrder } from '../rules.js';
import { currentDeal, setDeal } from './deal-editor.js';

const view = { scenarios: [], scenario: null };

export async function loadScenarios() {
  const response = await callApi('v1/scenarios');
  if (!response.ok) {
    return;
  }
  view.scenarios = (await response.json()).scenarios;
  const select = $('#scenario');
  const chosen = select.value;
  const order = adviceOrder().codes;
  const option = scenario => el('option', { value: scenario.file }, scenario.name);
  const groups = order.map(code => el('optgroup', { label: `Expect ${code}` },
    view.scenarios.filter(scenario => scenario.expect.advice === code).map(option)));
  const others = view.scenarios.filter(scenario => !order.includes(scenario.expect.advice)).map(option);
  show(select, el('option', { value: '' }, 'Your own deal'), groups.filter(group => group.children.length), others);
  select.value = view.scenarios.some(scenario => scenario.file === chosen) ? chosen : '';
}

function pickScenario(file) {
  view.scenario = view.scenarios.find(scenario => scenario.file === file) || null;
  if (view.scenario) {
    setDeal(structuredClone(view.scenario.deal));
  }
  renderScenarioNote();
}

/** The scenario a deal is, unchanged, or null. */
export const scenarioOf = deal => (view.scenario && diffDeals(view.scenario.deal, deal).length === 0 ? view.scenario : null);

export function renderScenarioNote() {
  const scenario = view.scenario;
  const note = $('#scenario-note');
  if (!scenario) {
    note.textContent = 'Fill in the deal below, or pick one of the analysts’ scenarios.';
    return;
  }
  show(note, el('code', {}, scenario.file), ` expects ${describeExpectation(scenario.expect)}.`,
    diffDeals(scenario.deal, currentDeal()).length ? ' You have changed the deal since.' : '');
}

export function startScenarios() {
  $('#scenario').addEventListener('change', event => pickScenario(event.target.value));
  renderScenarioNote();
}
