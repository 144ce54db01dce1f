// The live ruleset: its version, files, truths and rules with their fire counts, and a refused reload at the
// top of the page. Polled every few seconds while the tab is visible.
import { callApi, currentKey, keyStatus } from '../api.js';
import { $, adviceTag, el, instant, problemList, show } from '../dom.js';
import { adviceOrder, readContract, rulesChanged, truths } from '../rules.js';

const POLL_MILLIS = 3000;

const view = { ruleset: null, firings: null, reloadErrorShown: null, unreachable: false, pollTimer: null };

/** Fire counts per rule, as GET /v1/ruleset reports them, or null when it does not. */
function countFirings(rules) {
  const counts = new Map();
  for (const rule of rules || []) {
    if (Number.isFinite(rule.firings)) {
      counts.set(rule.name, rule.firings);
    }
  }
  return counts.size ? counts : null;
}

/** Forgets the ruleset shown, so that the next read counts as a reload (a new key). */
export function forgetRuleset() {
  view.ruleset = null;
}

export async function refreshRuleset() {
  if (!currentKey()) {
    return;
  }
  let ruleset;
  try {
    const response = await callApi('v1/ruleset');
    if (!response.ok) {
      return;
    }
    ruleset = await response.json();
  } catch (unreachable) {
    view.unreachable = true;
    $('#ruleset-news').textContent = 'The service cannot be reached; trying again.';
    return;
  }
  if (view.unreachable) {
    view.unreachable = false;
    $('#ruleset-news').textContent = 'The service answers again.';
  }
  keyStatus('Key accepted.');
  const previous = view.ruleset;
  const reloaded = !previous || previous.loadedAt !== ruleset.loadedAt;
  view.ruleset = ruleset;
  renderReloadError(ruleset);
  if (previous && reloaded) {
    show($('#ruleset-news'), 'Rules reloaded at ', instant(ruleset.loadedAt),
      previous.version === ruleset.version ? ' (same version).' : `: version ${previous.version} → ${ruleset.version}.`);
  }
  if (reloaded) {
    await readContract(); // the order of advice may come from it
    view.firings = countFirings(ruleset.rules);
    const response = await callApi('v1/truths');
    await rulesChanged(ruleset, response.ok ? (await response.json()).truths : truths()); // the scenarios too
    renderRuleset();
  }
}

/** Reads the fire counts again (after a qualification) and shows them. */
export async function refreshFirings() {
  try {
    const response = await callApi('v1/ruleset');
    view.firings = response.ok ? countFirings((await response.json()).rules) : null;
  } catch (unavailable) {
    view.firings = null;
  }
  if (view.ruleset) {
    renderRuleset();
  }
}

export function schedulePoll() {
  clearTimeout(view.pollTimer);
  view.pollTimer = setTimeout(async () => {
    if (!document.hidden) {
      await refreshRuleset();
    }
    schedulePoll();
  }, POLL_MILLIS);
}

/** A key without the role qualify: the panel says what it would show, without a banner. */
export function rulesetRefused() {
  show($('#ruleset-summary'), el('p', { class: 'hint' }, 'Reading the live rules needs a key with the role “qualify”.'));
  show($('#truths'));
}

function renderReloadError(ruleset) {
  const failure = ruleset.lastReloadError;
  const signature = failure ? JSON.stringify(failure) : null;
  if (signature === view.reloadErrorShown) {
    return; // unchanged: leave the live region quiet
  }
  view.reloadErrorShown = signature;
  const region = $('#reload-error');
  if (!failure) {
    show(region);
    return;
  }
  show(region, el('section', { class: 'reload-error', 'aria-labelledby': 'reload-error-title' },
    el('h2', { id: 'reload-error-title' }, 'Your last rule change was not loaded'),
    el('p', {}, 'Reload refused at ', instant(failure.at), `. Still serving version ${ruleset.version}, loaded `,
      instant(ruleset.loadedAt), '. Fix the file and save it: the service reloads by itself.'),
    problemList(failure.problems)));
}

function orderShown() {
  const { codes, source } = adviceOrder();
  if (!codes.length) {
    return 'not known';
  }
  return [codes.flatMap((code, index) => (index ? [' > ', adviceTag(code)] : [adviceTag(code)])),
    el('span', { class: 'hint' }, ` (from ${source})`)];
}

function renderRuleset() {
  const { ruleset, firings } = view;
  const filesWereOpen = $('#ruleset-files')?.open;
  show($('#ruleset-summary'), el('dl', { class: 'facts' },
    el('dt', {}, 'Version'), el('dd', {}, el('code', {}, ruleset.version)),
    el('dt', {}, 'Loaded at'), el('dd', {}, instant(ruleset.loadedAt)),
    el('dt', {}, 'Rules'), el('dd', {}, `${ruleset.rules.length} rules citing ${truths().length} truths`),
    el('dt', {}, 'Strongest advice first'), el('dd', { id: 'advice-order' }, orderShown()),
    el('dt', {}, 'Files'), el('dd', {}, el('details', { id: 'ruleset-files', open: filesWereOpen },
      el('summary', {}, `${ruleset.files.length} files`),
      el('ul', { class: 'files' }, ruleset.files.map(file => el('li', {}, el('code', {}, file))))))));

  const counted = firings !== null;
  show($('#truths'), el('h3', { class: 'truths-title' }, 'Truths and the rules that cite them'),
    counted ? el('p', { class: 'hint' }, 'Fired: times each rule fired since the service started.') : null,
    el('div', { class: 'truth-grid' }, truths().map(truth => {
      const rules = ruleset.rules.filter(rule => rule.truth === truth.code);
      return el('article', { class: 'truth' },
        el('h4', {}, el('code', {}, truth.code)),
        el('p', { class: 'statement' }, truth.statement),
        el('p', { class: 'hint' }, `Seed: ${truth.source}`),
        el('table', {},
          el('caption', { class: 'visually-hidden' }, `Rules citing ${truth.code}`),
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Rule'), el('th', { scope: 'col' }, 'Votes'),
            counted ? el('th', { scope: 'col', class: 'number' }, 'Fired') : null)),
          el('tbody', {}, rules.map(rule => el('tr', {},
            el('td', {}, rule.name, el('span', { class: 'file' }, rule.file)),
            el('td', {}, rule.advice ? adviceTag(rule.advice) : 'no vote'),
            counted ? el('td', { class: 'number' }, String(firings.get(rule.name) || 0)) : null)))));
    })));
}
