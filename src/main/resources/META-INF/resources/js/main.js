// The analysts' page: an ordinary caller of the public API with the analyst's own key, and of nothing else (health
// and metrics are on the management port, for operators). Each view is a module that keeps its own state; this
// one starts them and hands them the key.
import { $ } from './dom.js';
import { currentKey, keyStatus, storedKey, takeKey } from './api.js';
import { onRulesChanged, readContract } from './rules.js';
import { qualifyRefused, resetAdvice, startAdvice } from './views/advice.js';
import { renderAdviceMix } from './views/advice-mix.js';
import { onDealEdited, renderDealForm, startDealEditor } from './views/deal-editor.js';
import { loadDecisions, startDecisions } from './views/decisions.js';
import { loadEvidence, renderEvidence, startEvidence } from './views/evidence.js';
import { loadRevisits, startRevisits } from './views/revisits.js';
import { forgetRuleset, refreshRuleset, rulesetRefused, schedulePoll } from './views/ruleset.js';
import { loadScenarios, renderScenarioNote, startScenarios } from './views/scenarios.js';
import { loadShadow, renderShadow, startShadow } from './views/shadow.js';

function useKey(value) {
  if (!takeKey(value)) {
    keyStatus('Enter a key to use the page.', true);
    return;
  }
  keyStatus('Checking the key…');
  forgetRuleset();
  resetAdvice();
  refreshRuleset();
  loadDecisions();
  loadShadow();
  loadEvidence();
  loadRevisits();
}

function start() {
  $('#key-form').addEventListener('submit', event => {
    event.preventDefault();
    useKey($('#api-key').value);
  });
  startDealEditor();
  startScenarios();
  startAdvice();
  startDecisions();
  startShadow();
  startEvidence();
  startRevisits();
  onDealEdited(renderScenarioNote);
  // the order of advice and the truths' statements come with the rules: what shows them follows a reload
  onRulesChanged(() => {
    renderAdviceMix();
    renderShadow();
    renderEvidence();
    return loadScenarios();
  });
  document.addEventListener('workbench-refused', () => {
    qualifyRefused();
    rulesetRefused();
  });
  window.addEventListener('resize', () => {
    if (typeof echarts !== 'undefined') {
      for (const chart of ['#mix-chart', '#evidence-chart']) {
        echarts.getInstanceByDom($(chart))?.resize();
      }
    }
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && currentKey()) {
      refreshRuleset();
    }
  });
  readContract().then(renderDealForm);
  const key = storedKey();
  if (key) {
    $('#api-key').value = key;
    useKey(key);
  }
  schedulePoll();
}

start();
