'use strict';
// The analysts' page: an ordinary caller of the public API with the analyst's own key, and of nothing else (health
// and metrics are on the management port, for operators). Everything the service says is put on the page as text,
// never as HTML.

const KEY_STORAGE = 'deal-advisor.api-key';
const POLL_MILLIS = 3000;
const ADVICE = {
  PROCEED: { symbol: '✓', meaning: 'Go ahead: explain how the client gets the outcome they want, and invite them to start.' },
  WAIT: { symbol: '‖', meaning: 'Do not push: do the named work first, or let the client reach their own milestones.' },
  REFER: { symbol: '↗', meaning: 'Our offering does not fit: recommend someone else’s. Lose the sale, save the client.' },
  NO_SALE: { symbol: '✕', meaning: 'Tell the client they do not need this. The best sale can be no sale.' },
};

const state = {
  key: '',
  contract: null, // the served OpenAPI document: the deal's fields and the advice codes come from it
  contractRead: null, // settles once the contract has been read, or could not be
  dealForm: null,
  contractError: null,
  deal: { id: 'WHAT-IF-1', client: {}, offering: {} },
  jsonError: null,
  scenarios: [],
  scenario: null,
  answer: null,
  previous: null,
  ruleset: null,
  truths: [],
  firings: null,
  reloadErrorShown: null,
  unreachable: false,
  pollTimer: null,
  mix: null, // decisions per UTC day and advice, for the chart
  history: null, // the decisions listed: { dealId, decisions, next }
  shadow: null, // GET /v1/shadow: the candidate against the live rules
  evidence: null, // GET /v1/evidence (retention by advice and truth, advice followed or not) and its from, to
};

const $ = selector => document.querySelector(selector);

/** Children as given, lists flattened; null, undefined and false stand for "nothing here". */
const present = children => children.flat(Infinity).filter(child => child !== null && child !== undefined && child !== false);

/** Builds an element; children are elements or strings (always text). */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  element.append(...present(children));
  return element;
}

/** Replaces what an element shows, taking children as el() does. */
function show(element, ...children) {
  element.replaceChildren(...present(children));
}

const isPlainObject = value => value !== null && typeof value === 'object' && !Array.isArray(value);
const shown = value => (value === undefined ? 'not set' : JSON.stringify(value));
const instant = iso => el('time', { datetime: iso }, iso.replace(/\.\d+Z$/, 'Z').replace('T', ' ').replace('Z', ' UTC'));
const where = problem => (problem.line === null || problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`);

// ---------------------------------------------------------------------------------------------- the API

async function callApi(path, options = {}) {
  const headers = { Accept: 'application/json', 'X-API-Key': state.key };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method: options.method || 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 401) {
    keyStatus('The service did not accept this key.', true);
  } else if (response.status === 403 && !options.role) {
    keyStatus('This key lacks the role “qualify” that the workbench needs.', true);
  } // a call that needs another role says so where its answer is shown
  return response;
}

function keyStatus(text, isProblem = false) {
  const status = $('#key-status');
  if (status.textContent !== text) { // each poll confirms the key: say it once
    status.textContent = text;
  }
  status.classList.toggle('is-problem', isProblem);
}

function useKey(key) {
  state.key = key.trim();
  if (state.key) {
    sessionStorage.setItem(KEY_STORAGE, state.key);
    keyStatus('Checking the key…');
    state.ruleset = null;
    refreshRuleset();
    loadDecisions();
    loadShadow();
    loadEvidence();
  } else {
    sessionStorage.removeItem(KEY_STORAGE);
    keyStatus('Enter a key to use the page.', true);
  }
}

// ------------------------------------------------------------------------------------- the live ruleset

async function refreshRuleset() {
  if (!state.key) {
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
    state.unreachable = true;
    $('#ruleset-news').textContent = 'The service cannot be reached; trying again.';
    return;
  }
  if (state.unreachable) {
    state.unreachable = false;
    $('#ruleset-news').textContent = 'The service answers again.';
  }
  keyStatus('Key accepted.');
  const previous = state.ruleset;
  const reloaded = !previous || previous.loadedAt !== ruleset.loadedAt;
  state.ruleset = ruleset;
  renderReloadError(ruleset);
  if (previous && reloaded) {
    show($('#ruleset-news'), 'Rules reloaded at ', instant(ruleset.loadedAt),
      previous.version === ruleset.version ? ' (same version).' : `: version ${previous.version} → ${ruleset.version}.`);
  }
  if (reloaded) {
    await state.contractRead; // the order of advice may come from it
    state.firings = countFirings(ruleset.rules);
    await Promise.all([loadTruths(), loadScenarios()]);
    renderRuleset();
    renderAdviceMix(); // its series follow the order of advice
    if (state.shadow) {
      renderShadow(); // the matrix follows the order of advice too
    }
    if (state.evidence) {
      renderEvidence(); // with the truths' statements
    }
  }
}

function schedulePoll() {
  clearTimeout(state.pollTimer);
  state.pollTimer = setTimeout(async () => {
    if (!document.hidden) {
      await refreshRuleset();
    }
    schedulePoll();
  }, POLL_MILLIS);
}

async function loadTruths() {
  const response = await callApi('v1/truths');
  if (response.ok) {
    state.truths = (await response.json()).truths;
  }
}

/** Fire counts per rule, as GET /v1/ruleset reports them, or null when it does not. */
async function loadFirings() {
  try {
    const response = await callApi('v1/ruleset');
    state.firings = response.ok ? countFirings((await response.json()).rules) : null;
  } catch (unavailable) {
    state.firings = null;
  }
}

function countFirings(rules) {
  const counts = new Map();
  for (const rule of rules || []) {
    if (Number.isFinite(rule.firings)) {
      counts.set(rule.name, rule.firings);
    }
  }
  return counts.size ? counts : null;
}

function renderReloadError(ruleset) {
  const failure = ruleset.lastReloadError;
  const signature = failure ? JSON.stringify(failure) : null;
  if (signature === state.reloadErrorShown) {
    return; // unchanged: leave the live region quiet
  }
  state.reloadErrorShown = signature;
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

/** A refused load's problems: where (file and line) and what. */
function problemList(problems) {
  return el('ul', { class: 'problems' }, problems.map(problem =>
    el('li', {}, el('code', { class: 'where' }, where(problem)), el('span', { class: 'message' }, problem.message))));
}

function renderRuleset() {
  const ruleset = state.ruleset;
  const filesWereOpen = $('#ruleset-files')?.open;
  show($('#ruleset-summary'), el('dl', { class: 'facts' },
    el('dt', {}, 'Version'), el('dd', {}, el('code', {}, ruleset.version)),
    el('dt', {}, 'Loaded at'), el('dd', {}, instant(ruleset.loadedAt)),
    el('dt', {}, 'Rules'), el('dd', {}, `${ruleset.rules.length} rules citing ${state.truths.length} truths`),
    el('dt', {}, 'Strongest advice first'), el('dd', { id: 'advice-order' }, orderShown()),
    el('dt', {}, 'Files'), el('dd', {}, el('details', { id: 'ruleset-files', open: filesWereOpen },
      el('summary', {}, `${ruleset.files.length} files`),
      el('ul', { class: 'files' }, ruleset.files.map(file => el('li', {}, el('code', {}, file))))))));

  const counted = state.firings !== null;
  show($('#truths'), el('h3', { class: 'truths-title' }, 'Truths and the rules that cite them'),
    counted ? el('p', { class: 'hint' }, 'Fired: times each rule fired since the service started.') : null,
    el('div', { class: 'truth-grid' }, state.truths.map(truth => {
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
            counted ? el('td', { class: 'number' }, String(state.firings.get(rule.name) || 0)) : null)))));
    })));
}

/**
 * The advice codes, strongest first, and where that order was read: the live rules' precedence, or, from a
 * service that does not report it, the contract's AdviceCode enum (listed strongest first).
 */
function adviceOrder() {
  if (Array.isArray(state.ruleset?.precedence)) {
    return { codes: state.ruleset.precedence, source: 'the live rules' };
  }
  const codes = state.contract?.components?.schemas?.AdviceCode?.enum;
  return Array.isArray(codes) ? { codes, source: 'the contract' } : { codes: [], source: null };
}

function orderShown() {
  const { codes, source } = adviceOrder();
  if (!codes.length) {
    return 'not known';
  }
  return [codes.flatMap((code, index) => (index ? [' > ', adviceTag(code)] : [adviceTag(code)])),
    el('span', { class: 'hint' }, ` (from ${source})`)];
}

function adviceTag(code) {
  return el('span', { class: `advice-tag advice-${code}` }, code);
}

// ------------------------------------------------------------------------------------------ scenarios

async function loadScenarios() {
  const response = await callApi('v1/scenarios');
  if (!response.ok) {
    return;
  }
  state.scenarios = (await response.json()).scenarios;
  const select = $('#scenario');
  const chosen = select.value;
  const order = adviceOrder().codes;
  const groups = order.map(code => el('optgroup', { label: `Expect ${code}` },
    state.scenarios.filter(scenario => scenario.expect.advice === code)
      .map(scenario => el('option', { value: scenario.file }, scenario.name))));
  const others = state.scenarios.filter(scenario => !order.includes(scenario.expect.advice))
    .map(scenario => el('option', { value: scenario.file }, scenario.name));
  show(select, el('option', { value: '' }, 'Your own deal'),
    groups.filter(group => group.children.length), others);
  select.value = state.scenarios.some(scenario => scenario.file === chosen) ? chosen : '';
}

function pickScenario(file) {
  state.scenario = state.scenarios.find(scenario => scenario.file === file) || null;
  if (state.scenario) {
    setDeal(structuredClone(state.scenario.deal));
  }
  renderScenarioNote();
}

function renderScenarioNote() {
  const scenario = state.scenario;
  const note = $('#scenario-note');
  if (!scenario) {
    note.textContent = 'Fill in the deal below, or pick one of the analysts’ scenarios.';
    return;
  }
  show(note, el('code', {}, scenario.file), ` expects ${describeExpectation(scenario.expect)}.`,
    diffDeals(scenario.deal, state.deal).length ? ' You have changed the deal since.' : '');
}

function describeExpectation(expect) {
  return [expect.advice,
    expect.referTo !== undefined ? `referring to ${expect.referTo ?? 'nobody'}` : null,
    expect.revisitOn !== undefined ? `revisiting on ${expect.revisitOn ?? 'no date'}` : null,
    expect.truths?.length ? `citing ${expect.truths.join(', ')}` : null].filter(Boolean).join(', ');
}

/** How the answer differs from what the scenario expects; empty when it is as expected. */
function scenarioMismatches(expect, advice) {
  const mismatches = [];
  if (expect.advice !== advice.advice) {
    mismatches.push(`advice ${expect.advice} expected`);
  }
  if (expect.referTo !== undefined && expect.referTo !== advice.referTo) {
    mismatches.push(`referTo ${expect.referTo} expected`);
  }
  if (expect.revisitOn !== undefined && expect.revisitOn !== advice.revisitOn) {
    mismatches.push(`revisitOn ${expect.revisitOn} expected`);
  }
  const cited = new Set(advice.reasons.map(reason => reason.truth));
  for (const truth of expect.truths || []) {
    if (!cited.has(truth)) {
      mismatches.push(`${truth} expected among the reasons`);
    }
  }
  return mismatches;
}

// ---------------------------------------------------------------------------------- the served contract

const SCHEMA_REF = '#/components/schemas/';

/** The contract the service serves; the deal form and the fallback order of advice are read from it. */
async function loadContract() {
  try {
    const response = await fetch('q/openapi?format=json', { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(`GET /q/openapi answered ${response.status}`);
    }
    state.contract = await response.json();
    state.dealForm = dealFormFrom(state.contract.components.schemas);
    state.contractError = null;
  } catch (error) {
    state.contractError = error.message;
  }
  renderDealForm();
}

/** A schema with its $ref to a component followed, and that component's name (null when inline). */
function resolved(schemas, schema) {
  const ref = schema?.$ref;
  if (typeof ref === 'string' && ref.startsWith(SCHEMA_REF)) {
    const name = ref.slice(SCHEMA_REF.length);
    return { name, schema: schemas[name] || {} };
  }
  return { name: null, schema: schema || {} };
}

/** "relationshipYears" → "Relationship years": the label of a member the contract gives no title. */
function humanize(key) {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const isObjectSchema = schema => schema.type === 'object' || (schema.type === undefined && schema.properties !== undefined);

/**
 * The form's sections from the Deal schema: its plain members first, then one section per object member,
 * then one per list of objects, each in the contract's order.
 */
function dealFormFrom(schemas) {
  const deal = schemas.Deal;
  const main = { legend: deal.title || 'Deal', fields: [] };
  const objects = [];
  const lists = [];
  for (const [key, member] of Object.entries(deal.properties || {})) {
    const { name, schema } = resolved(schemas, member);
    const items = schema.type === 'array' ? resolved(schemas, schema.items) : null;
    if (isObjectSchema(schema)) {
      objects.push({ legend: schema.title || name || humanize(key), hint: schema.description, object: key,
        fields: fieldsOf(schemas, schema) });
    } else if (items && isObjectSchema(items.schema)) {
      lists.push({ legend: schema.title || humanize(key), hint: schema.description, list: key,
        noun: (items.schema.title || items.name || 'item').toLowerCase(), fields: fieldsOf(schemas, items.schema) });
    } else {
      main.fields.push(fieldOf(key, schema, deal.required));
    }
  }
  return [main, ...objects, ...lists];
}

function fieldsOf(schemas, objectSchema) {
  return Object.entries(objectSchema.properties || {})
    .map(([key, member]) => fieldOf(key, resolved(schemas, member).schema, objectSchema.required));
}

/** One member as a form field: its kind of control and the limits the control can enforce. */
function fieldOf(key, schema, required = []) {
  const field = { key, label: schema.title || humanize(key), required: required.includes(key), hint: hintOf(schema) };
  if (Array.isArray(schema.enum)) {
    return { ...field, kind: 'choice', values: schema.enum.filter(value => value !== null) };
  }
  switch (schema.type) {
    case 'boolean':
      return { ...field, kind: 'boolean' };
    case 'integer':
    case 'number': {
      // OpenAPI 3.0 marks an excluded bound with a flag; the input's min and max always include theirs.
      const min = schema.exclusiveMinimum === true ? undefined : schema.minimum;
      const max = schema.exclusiveMaximum === true ? undefined : schema.maximum;
      const fraction = schema.type === 'number' && min !== undefined && max !== undefined && max - min <= 1;
      return { ...field, kind: schema.type, min, max, step: schema.type === 'integer' ? '1' : fraction ? '0.01' : 'any' };
    }
    case 'string':
      return { ...field, kind: schema.format === 'date' ? 'date' : 'text', maxLength: schema.maxLength };
    default:
      return { ...field, kind: 'json' }; // a nested object or list: edited in the JSON tab
  }
}

/** The member's description, its range when both ends are included, and its example. */
function hintOf(schema) {
  const parts = [];
  if (schema.description) {
    parts.push(schema.description.replace(/`/g, '').replace(/\s+/g, ' ').trim());
  }
  if (schema.minimum !== undefined && schema.maximum !== undefined && schema.exclusiveMinimum !== true
    && schema.exclusiveMaximum !== true) {
    parts.push(`From ${schema.minimum} to ${schema.maximum}.`);
  }
  if (schema.example !== undefined && typeof schema.example !== 'object') {
    parts.push(`E.g. ${schema.example}.`);
  }
  return parts.join(' ') || null;
}

// ------------------------------------------------------------------------------------- the deal editor

function setDeal(deal) {
  state.deal = deal;
  renderDealForm();
  writeDealJson();
}

function writeDealJson() {
  state.jsonError = null;
  $('#deal-json').value = JSON.stringify(state.deal, null, 2);
  $('#json-status').textContent = '';
}

function getPath(target, path) {
  return path.reduce((holder, key) => (holder !== null && typeof holder === 'object' ? holder[key] : undefined), target);
}

/** Sets a field, creating the objects on its way; undefined removes it, which the API reads as unknown. */
function setPath(target, path, value) {
  let holder = target;
  for (const key of path.slice(0, -1)) {
    if (holder[key] === null || typeof holder[key] !== 'object') {
      holder[key] = {};
    }
    holder = holder[key];
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    delete holder[last];
  } else {
    holder[last] = value;
  }
}

const fieldId = path => `f-${path.join('-')}`;

function renderDealForm() {
  if (!state.dealForm) {
    show($('#panel-form'), el('p', { class: state.contractError ? 'hint is-problem' : 'hint' }, state.contractError
      ? `The deal's fields could not be read from the service's contract (${state.contractError}). Edit the deal in the JSON tab.`
      : 'Reading the deal’s fields from the service’s contract…'));
    return;
  }
  show($('#panel-form'), ...state.dealForm.map(section => (section.list ? listFieldset(section) : objectFieldset(section))));
}

const sectionHint = section => (section.hint ? el('p', { class: 'hint' }, section.hint.replace(/`/g, '').trim()) : null);

function objectFieldset(section) {
  const holder = section.object ? state.deal[section.object] : state.deal;
  const fieldset = el('fieldset', { class: 'group' }, el('legend', {}, section.legend), sectionHint(section));
  if (holder !== undefined && holder !== null && !isPlainObject(holder)) {
    fieldset.append(el('p', { class: 'hint' }, `“${section.object}” is not an object; edit it as JSON.`));
    return fieldset;
  }
  const base = section.object ? [section.object] : [];
  fieldset.append(el('div', { class: 'fields' }, section.fields.map(field => fieldControl(field, [...base, field.key]))));
  return fieldset;
}

function listFieldset(section) {
  const items = state.deal[section.list];
  const fieldset = el('fieldset', { class: 'group list' }, el('legend', {}, section.legend), sectionHint(section));
  if (items !== undefined && items !== null && !Array.isArray(items)) {
    fieldset.append(el('p', { class: 'hint' }, `“${section.list}” is not a list; edit it as JSON.`));
    return fieldset;
  }
  (items || []).forEach((item, index) => {
    const name = `${section.noun} ${index + 1}`;
    fieldset.append(el('fieldset', { class: 'item' }, el('legend', {}, name[0].toUpperCase() + name.slice(1)),
      isPlainObject(item)
        ? el('div', { class: 'fields' }, section.fields.map(field => fieldControl(field, [section.list, index, field.key])))
        : el('p', { class: 'hint' }, 'Not an object; edit it as JSON.'),
      el('button', { type: 'button', class: 'quiet', 'data-remove': section.list, 'data-index': index }, `Remove ${name}`)));
  });
  fieldset.append(el('button', { type: 'button', class: 'quiet', 'data-add': section.list }, `Add ${section.noun}`));
  return fieldset;
}

function fieldControl(field, path) {
  const id = fieldId(path);
  const value = getPath(state.deal, path);
  if (field.kind === 'json') {
    return el('div', { class: 'field' }, el('p', { id, class: 'hint' }, `${field.label}: edit it in the JSON tab.`));
  }
  const control = field.kind === 'boolean' || field.kind === 'choice' ? selectControl(field, value) : inputControl(field, value);
  control.id = id;
  control.dataset.path = JSON.stringify(path);
  control.dataset.kind = field.kind;
  control.required = Boolean(field.required);
  const hintId = field.hint ? `${id}-hint` : null;
  if (hintId) {
    control.setAttribute('aria-describedby', hintId);
  }
  return el('div', { class: 'field' },
    el('label', { for: id }, field.label, field.required ? el('span', { class: 'required' }, ' (required)') : null),
    control,
    hintId ? el('span', { id: hintId, class: 'hint' }, field.hint) : null);
}

/** Yes/no and enum fields; "not known" leaves the field out. A value the API would refuse is still shown. */
function selectControl(field, value) {
  const options = field.kind === 'boolean'
    ? [['', 'not known'], ['true', 'yes'], ['false', 'no']]
    : [['', 'not known'], ...field.values.map(code => [code, code])];
  const wanted = field.kind === 'boolean' ? 'boolean' : 'string';
  const current = value === undefined || value === null ? '' : typeof value === wanted ? String(value) : JSON.stringify(value);
  if (!options.some(([option]) => option === current)) {
    options.push([current, `${current} (not allowed)`]);
  }
  const select = el('select', {}, options.map(([option, text]) => el('option', { value: option }, text)));
  select.value = current;
  return select;
}

function inputControl(field, value) {
  const numeric = field.kind === 'number' || field.kind === 'integer';
  const input = el('input', { type: numeric ? 'number' : field.kind, spellcheck: 'false', min: field.min,
    max: field.max, step: field.step, maxlength: field.maxLength });
  if (typeof value === (numeric ? 'number' : 'string')) {
    input.value = String(value);
  }
  return input;
}

function readControl(control) {
  const raw = control.value;
  if (raw === '') {
    return undefined;
  }
  switch (control.dataset.kind) {
    case 'boolean': return raw === 'true';
    case 'number':
    case 'integer': return Number(raw);
    default: return raw;
  }
}

function onFieldEdited(event) {
  const control = event.target;
  if (!control.dataset.path) {
    return;
  }
  setPath(state.deal, JSON.parse(control.dataset.path), readControl(control));
  control.removeAttribute('aria-invalid');
  writeDealJson();
  renderScenarioNote();
}

function onListButton(event) {
  const button = event.target.closest('[data-add], [data-remove]');
  if (!button) {
    return;
  }
  const list = button.dataset.add || button.dataset.remove;
  const section = state.dealForm.find(candidate => candidate.list === list);
  if (!Array.isArray(state.deal[list])) {
    state.deal[list] = [];
  }
  const items = state.deal[list];
  if (button.dataset.add) {
    items.push({});
  } else {
    items.splice(Number(button.dataset.index), 1);
  }
  renderDealForm();
  writeDealJson();
  renderScenarioNote();
  const focusAfter = button.dataset.add ? `#${fieldId([list, items.length - 1, section.fields[0].key])}` : `[data-add="${list}"]`;
  $(focusAfter).focus();
}

function onJsonEdited() {
  try {
    const parsed = JSON.parse($('#deal-json').value);
    if (!isPlainObject(parsed)) {
      throw new Error('a deal is a JSON object, { … }');
    }
    state.deal = parsed;
    state.jsonError = null;
    $('#json-status').textContent = '';
    renderDealForm();
    renderScenarioNote();
  } catch (error) {
    state.jsonError = error.message;
    $('#json-status').textContent = `Not valid JSON yet: ${error.message}`;
  }
}

function showTab(name, focus = false) {
  for (const tab of ['form', 'json']) {
    const selected = tab === name;
    const button = $(`#tab-${tab}`);
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    $(`#panel-${tab}`).hidden = !selected;
  }
  if (focus) {
    $(`#tab-${name}`).focus();
  }
}

function onTabKey(event) {
  const next = { ArrowLeft: 'form', ArrowRight: 'json', Home: 'form', End: 'json' }[event.key];
  if (next) {
    event.preventDefault();
    showTab(next, true);
  }
}

// ---------------------------------------------------------------------------------------- qualifying

async function qualify() {
  if (!state.key) {
    keyStatus('Enter an API key first.', true);
    $('#api-key').focus();
    return;
  }
  if (state.jsonError) {
    showTab('json');
    $('#deal-json').focus();
    return;
  }
  const deal = structuredClone(state.deal);
  let response;
  let body;
  try {
    response = await callApi('v1/qualifications', { method: 'POST', body: deal });
    body = await response.json();
  } catch (unreachable) {
    renderProblem({ title: 'The service cannot be reached', detail: 'Check that it is running, then try again.' });
    return;
  }
  document.querySelectorAll('[aria-invalid="true"]').forEach(control => control.removeAttribute('aria-invalid'));
  if (!response.ok) {
    renderProblem(body);
    return;
  }
  const fromScenario = state.scenario && diffDeals(state.scenario.deal, deal).length === 0 ? state.scenario : null;
  state.previous = state.answer;
  state.answer = { deal, advice: body, scenario: fromScenario };
  renderAnswer();
  renderComparison();
  await loadFirings();
  if (state.ruleset) {
    renderRuleset();
  }
}

function renderProblem(problem) {
  const errors = problem.errors || [];
  for (const error of errors) {
    const path = error.field.replace(/\[(\d+)]/g, '.$1').split('.').filter(Boolean);
    document.getElementById(fieldId(path))?.setAttribute('aria-invalid', 'true');
  }
  show($('#verdict'), el('div', { class: 'problem' },
    el('p', { class: 'problem-title' }, problem.status ? `${problem.status} · ${problem.title}` : problem.title),
    el('p', {}, problem.detail),
    errors.length ? el('ul', {}, errors.map(error => el('li', {}, el('code', {}, error.field || '(the deal)'), ` ${error.message}`))) : null));
  show($('#verdict-details'));
  $('#comparison').hidden = true;
}

/** The vote that settled the advice: reasons come strongest first, so it is the first vote for it. */
const decidingReason = advice => advice.reasons.find(reason => reason.advice === advice.advice) || null;

function statementOf(code) {
  return state.truths.find(truth => truth.code === code)?.statement;
}

function renderAnswer() {
  const { advice, scenario } = state.answer;
  const code = advice.advice;
  const facts = [];
  if (code === 'WAIT') {
    facts.push(['Revisit on', advice.revisitOn ?? 'no date known']);
  }
  if (code === 'REFER') {
    facts.push(['Refer to', advice.referTo ?? 'no competitor that fits is known']);
  }
  let expectation = null;
  if (scenario) {
    const mismatches = scenarioMismatches(scenario.expect, advice);
    expectation = el('p', { class: mismatches.length ? 'expectation is-problem' : 'expectation' },
      mismatches.length ? `Not what the scenario expects: ${mismatches.join('; ')}.` : 'As the scenario expects.');
  }
  show($('#verdict'), el('div', { class: `verdict advice-${code}` },
    el('p', { class: 'advice-code' }, el('span', { class: 'advice-symbol', 'aria-hidden': 'true' }, ADVICE[code]?.symbol), code),
    ADVICE[code] ? el('p', { class: 'advice-meaning' }, ADVICE[code].meaning) : null,
    el('p', { class: 'headline' }, advice.headline),
    facts.length ? el('dl', { class: 'facts' }, facts.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)])) : null,
    expectation));

  show($('#verdict-details'),
    adviceParticulars(advice, 'h3'),
    el('p', { class: 'hint stamp' }, `Deal ${advice.dealId}, decided by ruleset ${advice.ruleset.version} loaded `, instant(advice.ruleset.loadedAt), '.'));
}

/** The reasons, actions and warnings of an advice, under headings of the given level. */
function adviceParticulars(advice, heading) {
  const code = advice.advice;
  return [
    el(heading, {}, 'Reasons'),
    el('table', { class: 'reasons' },
      el('caption', { class: 'visually-hidden' }, 'Every rule that fired, strongest vote first'),
      el('thead', {}, el('tr', {}, ['Rule', 'Truth', 'Vote', 'Explanation'].map(title => el('th', { scope: 'col' }, title)))),
      el('tbody', {}, advice.reasons.map(reason => el('tr', { class: reason.advice === code ? 'decides' : null },
        el('td', {}, reason.rule),
        el('td', {}, el('code', {}, reason.truth), statementOf(reason.truth) ? el('span', { class: 'statement' }, statementOf(reason.truth)) : null),
        el('td', {}, reason.advice ? [adviceTag(reason.advice), reason.advice === code ? el('span', { class: 'decides-note' }, 'counts') : null] : 'no vote'),
        el('td', {}, reason.explanation))))),
    advice.reasons.length ? null : el('p', { class: 'hint' }, 'No rule fired: without a vote the advice is WAIT.'),
    el(heading, {}, 'Actions'),
    advice.actions.length ? el('ul', { class: 'actions' }, advice.actions.map(action => el('li', {}, action))) : el('p', { class: 'hint' }, 'None.'),
    el(heading, {}, 'Warnings'),
    advice.warnings.length ? el('ul', { class: 'warnings' }, advice.warnings.map(warning => el('li', {}, warning))) : el('p', { class: 'hint' }, 'None.'),
  ];
}

// ---------------------------------------------------------------------------------------- comparison

/** Leaf values by path, written as the API writes field paths: discovery.nothingNeeded, milestones[0].due. */
function flatten(value, path = '', into = new Map()) {
  if (Array.isArray(value) && value.length) {
    value.forEach((item, index) => flatten(item, `${path}[${index}]`, into));
  } else if (isPlainObject(value) && Object.keys(value).length) {
    for (const [key, item] of Object.entries(value)) {
      flatten(item, path ? `${path}.${key}` : key, into);
    }
  } else {
    into.set(path, value);
  }
  return into;
}

function diffDeals(before, after) {
  const old = flatten(before);
  const now = flatten(after);
  const paths = [...new Set([...now.keys(), ...old.keys()])];
  return paths.filter(path => JSON.stringify(old.get(path)) !== JSON.stringify(now.get(path)))
    .map(path => ({ path, before: old.get(path), after: now.get(path) }));
}

function reasonChanges(before, after) {
  const byRule = advice => advice.reasons.reduce((rules, reason) => rules.set(reason.rule, [...(rules.get(reason.rule) || []), reason]), new Map());
  const old = byRule(before);
  const now = byRule(after);
  const changes = [];
  for (const [rule, reasons] of now) {
    if (!old.has(rule)) {
      changes.push({ kind: 'Now fires', reasons });
    } else if (JSON.stringify(old.get(rule)) !== JSON.stringify(reasons)) {
      changes.push({ kind: 'Fires differently', reasons });
    }
  }
  for (const [rule, reasons] of old) {
    if (!now.has(rule)) {
      changes.push({ kind: 'No longer fires', reasons });
    }
  }
  return changes;
}

function renderComparison() {
  const section = $('#comparison');
  section.hidden = !state.previous;
  if (!state.previous) {
    return;
  }
  const before = state.previous.advice;
  const after = state.answer.advice;
  const deciding = decidingReason(after);
  const decidedBy = advice => decidingReason(advice)?.rule ?? 'no vote (WAIT by default)';
  const rows = [
    ['Advice', adviceTag(before.advice), adviceTag(after.advice), before.advice !== after.advice],
    ['Headline', before.headline, after.headline, before.headline !== after.headline],
    ['Revisit on', before.revisitOn ?? '—', after.revisitOn ?? '—', before.revisitOn !== after.revisitOn],
    ['Refer to', before.referTo ?? '—', after.referTo ?? '—', before.referTo !== after.referTo],
    ['Decided by', decidedBy(before), decidedBy(after), decidedBy(before) !== decidedBy(after)],
  ];
  const summary = before.advice === after.advice
    ? [`The advice stayed ${after.advice}.`]
    : [`The advice flipped from ${before.advice} to ${after.advice}`,
      deciding ? `, now decided by “${deciding.rule}” (${deciding.truth}).` : '.'];
  const dealChanges = diffDeals(state.previous.deal, state.answer.deal);
  const ruleChanges = reasonChanges(before, after);
  const rulesetChanged = before.ruleset.version !== after.ruleset.version;

  show($('#comparison-body'),
    el('p', { class: before.advice === after.advice ? 'flip-summary' : 'flip-summary flipped' }, summary),
    el('table', { class: 'side-by-side' },
      el('caption', { class: 'visually-hidden' }, 'The previous answer and this one, side by side'),
      el('thead', {}, el('tr', {}, el('td', {}), el('th', { scope: 'col' }, 'Previous'), el('th', { scope: 'col' }, 'Now'))),
      el('tbody', {}, rows.map(([label, old, now, changed]) => el('tr', { class: changed ? 'changed' : null },
        el('th', { scope: 'row' }, label, changed ? el('span', { class: 'changed-note' }, 'changed') : null),
        el('td', {}, old), el('td', {}, now))))),
    el('h4', {}, 'What changed in the deal'),
    dealChanges.length
      ? el('ul', { class: 'changes' }, dealChanges.map(change => el('li', {},
        el('code', {}, change.path), `: ${shown(change.before)} → ${shown(change.after)}`)))
      : el('p', { class: 'hint' }, 'Nothing: the same deal.'),
    rulesetChanged ? el('p', {}, `The rules changed too: version ${before.ruleset.version} → ${after.ruleset.version}.`) : null,
    el('h4', {}, 'Which rules changed'),
    ruleChanges.length
      ? el('ul', { class: 'changes' }, ruleChanges.map(change => el('li', {},
        el('strong', {}, `${change.kind}: `), `“${change.reasons[0].rule}” (${change.reasons[0].truth}`,
        change.reasons[0].advice ? `, votes ${change.reasons[0].advice}` : ', no vote', ')',
        change.kind === 'No longer fires' ? '' : `: ${change.reasons.map(reason => reason.explanation).join('; ')}`)))
      : el('p', { class: 'hint' }, 'The same rules fired, with the same explanations.'));
}

// ---------------------------------------------------------------------------------------------- decisions

const MIX_DAYS = 30;
const DAY_MILLIS = 86_400_000;
const HISTORY_PAGE = 20;

/**
 * A read that needs a role besides qualify: the body, or why this view cannot have it. `refusals` explains
 * the statuses that mean the view is not for this key or this service (403, 404).
 */
async function readApi(path, refusals) {
  let response;
  try {
    response = await callApi(path, { role: true });
  } catch (unreachable) {
    return { status: 0, error: 'The service cannot be reached; try again.' };
  }
  const body = await response.json().catch(() => null);
  if (response.ok) {
    return { body };
  }
  const explained = { 401: 'The service did not accept this key.', ...refusals }[response.status];
  const errors = Array.isArray(body?.errors) ? body.errors.map(error => `${error.field}: ${error.message}`).join('; ') : '';
  const problem = body && body.title
    ? `${body.status ?? response.status} · ${body.title}${body.detail ? `: ${body.detail}` : ''}${errors ? ` (${errors})` : ''}`
    : null;
  return { status: response.status, error: problem || explained || `The service answered ${response.status}.`, explained };
}

const DECISIONS_REFUSED = {
  403: 'This key lacks the role “auditor” that reading decisions needs.',
  404: 'This service keeps no decision records: GET /v1/decisions answered 404 (Not Found).',
};

/** A call to the decision records (role auditor). */
const readDecisions = path => readApi(path, DECISIONS_REFUSED);

/** Shows a view (decisions, shadow, evidence), or only the reason it cannot be shown. */
function viewShown(view, error) {
  const status = $(`#${view}-status`);
  status.textContent = error || '';
  status.classList.toggle('is-problem', Boolean(error));
  $(`#${view}-body`).hidden = Boolean(error);
}

/** The reason a refused read leaves the whole view empty, or null when only this read failed. */
const refusal = answer => (answer.status === 403 || answer.status === 404 ? answer.explained : null);

async function loadDecisions() {
  state.mix = null;
  state.history = null;
  show($('#decision-detail'));
  $('#decisions-status').textContent = 'Reading the decisions…';
  if (await loadAdviceMix()) {
    return; // refused: the view says why
  }
  await searchHistory($('#history-deal').value.trim());
}

/** The UTC days of the chart, oldest first, ending today. */
function mixDays(now = Date.now()) {
  const today = Math.floor(now / DAY_MILLIS) * DAY_MILLIS;
  return Array.from({ length: MIX_DAYS }, (_, index) => new Date(today - (MIX_DAYS - 1 - index) * DAY_MILLIS).toISOString().slice(0, 10));
}

/**
 * The decisions of the last 30 days counted by day and advice, as the database counts them
 * (GET /v1/decisions/summary): one call, however many decisions; returns the refusal, if any.
 */
async function loadAdviceMix() {
  const days = mixDays();
  const counts = new Map(days.map(day => [day, new Map()]));
  const answer = await readDecisions(`v1/decisions/summary?${new URLSearchParams({ from: days[0] })}`);
  if (answer.error) {
    viewShown('decisions', refusal(answer) || answer.error);
    return answer;
  }
  let total = 0;
  for (const { day, ...byAdvice } of answer.body.days) {
    const shown = counts.get(day);
    for (const [code, count] of Object.entries(byAdvice)) {
      if (shown && count > 0) {
        shown.set(code, count);
        total += count;
      }
    }
  }
  viewShown('decisions', null);
  state.mix = { days, counts, total };
  renderAdviceMix();
  return null;
}

/** The series of the chart: the order of advice, then any other advice the records hold. */
function mixCodes() {
  const order = adviceOrder().codes;
  const recorded = new Set([...state.mix.counts.values()].flatMap(day => [...day.keys()]));
  return [...order, ...[...recorded].filter(code => !order.includes(code)).sort()];
}

/** An advice's colour, from the page's style sheet (--wait-edge, --no-sale-edge, …). */
function adviceColour(code) {
  const name = `--${code.toLowerCase().replace(/_/g, '-')}-edge`;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || undefined;
}

function renderAdviceMix() {
  if (!state.mix) {
    return;
  }
  const { days, counts, total } = state.mix;
  const codes = mixCodes();
  const count = (day, code) => counts.get(day).get(code) || 0;
  $('#mix-note').textContent = `${total} decisions from ${days[0]} to ${days[days.length - 1]} (UTC days).`;
  const box = $('#mix-chart');
  if (typeof echarts === 'undefined') {
    show(box, el('p', { class: 'hint is-problem' }, 'The chart library did not load: the figures are in the table below.'));
  } else {
    const chart = echarts.getInstanceByDom(box) || echarts.init(box);
    chart.setOption({
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
  }
  const busy = days.filter(day => counts.get(day).size).reverse();
  show($('#mix-table'), busy.length
    ? el('table', { class: 'mix' },
      el('caption', { class: 'visually-hidden' }, 'Decisions per day and advice, newest day first'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Day'), codes.map(code => el('th', { scope: 'col', class: 'number' }, code)),
        el('th', { scope: 'col', class: 'number' }, 'All'))),
      el('tbody', {}, busy.map(day => el('tr', {}, el('th', { scope: 'row' }, day),
        codes.map(code => el('td', { class: 'number' }, String(count(day, code)))),
        el('td', { class: 'number' }, String(codes.reduce((sum, code) => sum + count(day, code), 0)))))))
    : el('p', { class: 'hint' }, 'No decision in these 30 days.'));
}

async function searchHistory(dealId, cursor = null) {
  const query = new URLSearchParams({ limit: String(HISTORY_PAGE) });
  if (dealId) {
    query.set('dealId', dealId);
  }
  if (cursor) {
    query.set('cursor', cursor);
  }
  const answer = await readDecisions(`v1/decisions?${query}`);
  if (answer.error) {
    if (refusal(answer)) {
      viewShown('decisions', refusal(answer));
    } else {
      show($('#history-list'), el('p', { class: 'problem' }, answer.error));
    }
    return;
  }
  const earlier = cursor && state.history ? state.history.decisions : [];
  state.history = { dealId, decisions: [...earlier, ...answer.body.decisions], next: answer.body.next };
  renderHistory();
}

const outcomeShown = outcome => (outcome && typeof outcome === 'object'
  ? `${outcome.result ?? '?'}, advice ${outcome.adviceFollowed ? 'followed' : 'not followed'}`
  : '—');

function renderHistory() {
  const { dealId, decisions, next } = state.history;
  if (!decisions.length) {
    show($('#history-list'), el('p', { class: 'hint' }, dealId ? `No decision is recorded for deal ${dealId}.` : 'No decision is recorded yet.'));
    return;
  }
  show($('#history-list'),
    el('table', { class: 'history' },
      el('caption', {}, dealId ? `Decisions on deal ${dealId}, newest first` : 'The latest decisions, newest first'),
      el('thead', {}, el('tr', {}, ['Decided at', 'Deal', 'As of', 'Advice', 'Refer to / revisit on', 'Ruleset', 'Caller', 'Outcome', '']
        .map(heading => el('th', { scope: 'col' }, heading)))),
      el('tbody', {}, decisions.map(decision => el('tr', { 'data-decision': decision.decisionId },
        el('td', {}, instant(decision.decidedAt)),
        el('td', {}, decision.dealId),
        el('td', {}, decision.asOf),
        el('td', {}, adviceTag(decision.advice)),
        el('td', {}, decision.referTo ?? decision.revisitOn ?? '—'),
        el('td', {}, el('code', {}, decision.rulesetVersion)),
        el('td', {}, decision.caller ?? '—'),
        el('td', {}, outcomeShown(decision.outcome)),
        el('td', {}, el('button', { type: 'button', class: 'quiet', 'data-open': decision.decisionId,
          'aria-label': `Open the decision of ${decision.decidedAt} on deal ${decision.dealId}` }, 'Open')))))),
    next ? el('button', { type: 'button', class: 'quiet', 'data-older': next }, 'Show older decisions') : null);
}

async function openDecision(decisionId) {
  const answer = await readDecisions(`v1/decisions/${encodeURIComponent(decisionId)}`);
  const box = $('#decision-detail');
  if (answer.error) {
    show(box, el('p', { class: 'problem' }, answer.status === 404
      ? `Decision ${decisionId} is not known: records older than the retention are deleted.`
      : answer.error));
    return;
  }
  const record = answer.body;
  if (record.detail) {
    show(box, detailGone(record, 'decision-title'));
    box.focus();
    return;
  }
  const advice = record.advice;
  show(box, el('section', { class: 'decision', 'aria-labelledby': 'decision-title' },
    el('h4', { id: 'decision-title' }, `Decision on deal ${record.dealId} `, el('code', { class: 'decision-id' }, record.decisionId)),
    el('div', { class: `verdict advice-${advice.advice}` },
      el('p', { class: 'advice-code' }, advice.advice),
      el('p', { class: 'headline' }, advice.headline)),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Decided at'), el('dd', {}, instant(record.decidedAt)),
      el('dt', {}, 'As of'), el('dd', {}, record.asOf),
      advice.revisitOn ? [el('dt', {}, 'Revisit on'), el('dd', {}, advice.revisitOn)] : null,
      advice.advice === 'REFER' ? [el('dt', {}, 'Refer to'), el('dd', {}, advice.referTo ?? 'no competitor that fits is known')] : null,
      el('dt', {}, 'Ruleset'), el('dd', {}, el('code', {}, advice.ruleset.version), ' loaded ', instant(advice.ruleset.loadedAt)),
      el('dt', {}, 'Caller'), el('dd', {}, `${record.caller ?? '—'}${record.channel ? ` (${record.channel})` : ''}`),
      el('dt', {}, 'Outcome'), el('dd', {}, outcomeShown(record.outcome))),
    adviceParticulars(advice, 'h5'),
    record.shadow ? [el('h5', {}, 'Beside the shadow candidate'), shadowComparison(record)] : null));
  box.focus();
}

function onHistoryClick(event) {
  const open = event.target.closest('[data-open]');
  if (open) {
    openDecision(open.dataset.open);
    return;
  }
  const older = event.target.closest('[data-older]');
  if (older && state.history) {
    searchHistory(state.history.dealId, older.dataset.older);
  }
}

// ------------------------------------------------------------------------------------------------ shadow

const SHADOW_REFUSED = {
  403: 'This key lacks the role “rules-admin”, “analyst” or “auditor” that the shadow view needs.',
  404: 'This service runs no shadow comparison: GET /v1/shadow answered 404 (Not Found).',
};

async function loadShadow() {
  const answer = await readApi('v1/shadow', SHADOW_REFUSED);
  if (answer.error) {
    state.shadow = null;
    viewShown('shadow', refusal(answer) || answer.error);
    return;
  }
  state.shadow = answer.body;
  viewShown('shadow', null);
  renderShadow();
}

const percent = share => `${Math.round(share * 100)} %`;

function renderShadow() {
  const { live, candidate, compared, differ, skipped, transitions, examples } = state.shadow;
  $('#shadow-transitions').hidden = !candidate;
  $('#shadow-changes').hidden = !candidate;
  if (!candidate) {
    show($('#shadow-summary'), el('div', { class: 'shadow-off-note' },
      el('p', {}, el('strong', {}, 'Shadow is off: '), 'no candidate ruleset is decided beside the live one',
        live?.version ? [' (', el('code', {}, live.version), ')'] : null, '.'),
      el('p', {}, 'To switch it on, start the service with ', el('code', {}, 'deal-advisor.shadow.dir'),
        ' naming a candidate rules folder, e.g. ', el('code', {}, '-Ddeal-advisor.shadow.dir=../rules-candidate'),
        ' or the environment variable ', el('code', {}, 'DEAL_ADVISOR_SHADOW_DIR'),
        '. The candidate is loaded, validated and reloaded like the live rules; it never changes an answer.')));
    return;
  }
  const refused = candidate.lastReloadError;
  show($('#shadow-summary'),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Live rules'), el('dd', {}, el('code', {}, live.version)),
      el('dt', {}, 'Candidate'), el('dd', { id: 'shadow-candidate' }, candidate.version
        ? [el('code', {}, candidate.version), ' loaded ', candidate.loadedAt ? instant(candidate.loadedAt) : 'at an unknown time']
        : el('span', { class: 'is-problem' }, 'none loaded: its rules were refused')),
      el('dt', {}, 'Folder'), el('dd', {}, el('code', {}, candidate.dir)),
      el('dt', {}, 'Compared'), el('dd', { id: 'shadow-counts' },
        `${compared} recorded decisions since this candidate was loaded; ${differ} would change`,
        compared ? ` (${percent(differ / compared)})` : '',
        `; ${skipped} skipped while the candidate was behind.`)),
    refused ? el('section', { class: 'problem candidate-refused', 'aria-labelledby': 'candidate-refused-title' },
      el('p', { class: 'problem-title', id: 'candidate-refused-title' }, 'The candidate’s last change was refused'),
      el('p', {}, 'Refused at ', instant(refused.at), candidate.version
        ? `; still comparing version ${candidate.version}.` : '; no candidate is compared until its rules load.'),
      problemList(refused.problems)) : null);
  show($('#shadow-matrix'), transitions.length
    ? el('div', {}, transitionMatrix(transitions), transitionOutcomes(transitions))
    : el('p', { class: 'hint' }, 'No recorded decision has been compared yet: qualify deals, then update.'));
  show($('#shadow-examples'), examples.length
    ? el('table', { class: 'examples' },
      el('caption', {}, 'The latest deals whose answer would change, newest first'),
      el('thead', {}, el('tr', {}, ['Deal', 'Live', 'Candidate', ''].map(heading => el('th', { scope: 'col' }, heading)))),
      el('tbody', {}, examples.map(example => el('tr', { 'data-decision': example.decisionId },
        el('td', {}, example.dealId),
        el('td', {}, adviceTag(example.from)),
        el('td', {}, adviceTag(example.to)),
        el('td', {}, el('button', { type: 'button', class: 'quiet', 'data-example': example.decisionId,
          'aria-label': `Open the decision on deal ${example.dealId}, ${example.from} live, ${example.to} candidate` }, 'Open'))))))
    : el('p', { class: 'hint' }, 'No compared deal would change.'));
}

/** What became of each transition's deals under the live advice, where outcomes were reported. */
function transitionOutcomes(transitions) {
  const kept = (group, side) => (group.outcomes
    ? `sellers who ${side} it kept ${group.retained} of ${group.outcomes} clients${intervalShown(group.retentionInterval)}`
    : `no outcome where it was ${side === 'followed' ? 'followed' : 'not followed'}`);
  const reported = transitions.filter(transition => transition.outcomes
    && transition.outcomes.followed.outcomes + transition.outcomes.notFollowed.outcomes > 0);
  return reported.length
    ? el('ul', { class: 'transition-outcomes' }, reported.map(({ from, to, deals, outcomes }) => el('li',
      { 'data-from': from, 'data-to': to },
      `${deals} deals would go from ${from} to ${to}; under ${from}, ${kept(outcomes.followed, 'followed')},`
        + ` ${kept(outcomes.notFollowed, 'did not follow')}.`)))
    : el('p', { class: 'hint' }, 'No outcome has been reported yet for the deals whose advice would change.');
}

/** Deals by live advice (rows) and candidate advice (columns), both strongest first, with totals. */
function transitionMatrix(transitions) {
  const order = adviceOrder().codes;
  const seen = transitions.flatMap(transition => [transition.from, transition.to]);
  const codes = [...order, ...[...new Set(seen)].filter(code => !order.includes(code)).sort()];
  const deals = (from, to) => transitions
    .filter(transition => (from === null || transition.from === from) && (to === null || transition.to === to))
    .reduce((sum, transition) => sum + transition.deals, 0);
  const cell = (from, to) => {
    const count = deals(from, to);
    const kind = count === 0 ? 'none' : from === to ? 'same' : 'flip';
    return el('td', { class: `number cell-${kind}`, 'data-from': from, 'data-to': to }, String(count));
  };
  return el('table', { class: 'matrix' },
    el('caption', {}, 'Compared decisions: rows are the live advice, columns the candidate’s'),
    el('thead', {}, el('tr', {}, el('td', { class: 'corner' }, 'live ↓ candidate →'),
      codes.map(code => el('th', { scope: 'col' }, adviceTag(code))), el('th', { scope: 'col', class: 'number' }, 'All'))),
    el('tbody', {}, codes.map(from => el('tr', {}, el('th', { scope: 'row' }, adviceTag(from)),
      codes.map(to => cell(from, to)), el('td', { class: 'number total' }, String(deals(from, null)))))),
    el('tfoot', {}, el('tr', {}, el('th', { scope: 'row' }, 'All'),
      codes.map(to => el('td', { class: 'number total' }, String(deals(null, to)))),
      el('td', { class: 'number total' }, String(deals(null, null))))));
}

async function openShadowExample(decisionId) {
  const box = $('#shadow-detail');
  const answer = await readDecisions(`v1/decisions/${encodeURIComponent(decisionId)}`);
  if (answer.error) {
    show(box, el('p', { class: 'problem' }, {
      403: 'Opening a decision needs a key with the role “auditor”.',
      404: `Decision ${decisionId} is not known: records older than the retention are deleted.`,
    }[answer.status] || answer.error));
    return;
  }
  const record = answer.body;
  if (record.detail) {
    show(box, detailGone(record, 'example-title'));
    box.focus();
    return;
  }
  show(box, el('section', { class: 'decision', 'aria-labelledby': 'example-title' },
    el('h4', { id: 'example-title' }, `Decision on deal ${record.dealId} `, el('code', { class: 'decision-id' }, record.decisionId)),
    el('p', { class: 'hint' }, 'Decided at ', instant(record.decidedAt), `, as of ${record.asOf}.`),
    record.shadow ? shadowComparison(record) : el('p', { class: 'hint' }, 'This record holds no answer of the candidate.')));
  box.focus();
}

/** A record whose deal and advice expired or were erased: what it still holds (its summary is in the list). */
function detailGone(record, titleId) {
  return el('section', { class: 'decision', 'aria-labelledby': titleId },
    el('h4', { id: titleId }, `Decision on deal ${record.dealId} `, el('code', { class: 'decision-id' }, record.decisionId)),
    el('p', { class: 'hint' }, record.detail === 'erased'
      ? 'Its deal and advice were erased on request; its summary (in the list) and its outcome stay.'
      : 'Its deal and advice are past the detail retention; its summary (in the list) and its outcome stay.'),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Decided at'), el('dd', {}, instant(record.decidedAt)),
      el('dt', {}, 'As of'), el('dd', {}, record.asOf),
      el('dt', {}, 'Caller'), el('dd', {}, `${record.caller ?? '—'}${record.channel ? ` (${record.channel})` : ''}`),
      record.shadow ? [el('dt', {}, 'Shadow candidate'), el('dd', {}, record.shadow.advice ?? '—')] : null,
      el('dt', {}, 'Outcome'), el('dd', {}, outcomeShown(record.outcome))));
}

/** A decision's live answer and the candidate's, side by side; a reason found on one side only is marked. */
function shadowComparison(record) {
  const live = record.advice;
  const candidate = record.shadow;
  const key = reason => JSON.stringify([reason.rule, reason.truth, reason.advice, reason.explanation]);
  const liveKeys = new Set(live.reasons.map(key));
  const candidateKeys = new Set(candidate.reasons.map(key));
  const side = (name, title, answer, version, reasons, otherKeys) => el('section', { class: `side side-${name}`, 'aria-label': title },
    el('p', { class: 'side-title' }, `${title} `, adviceTag(answer.advice)),
    el('p', { class: 'hint' }, 'Ruleset ', el('code', {}, version),
      answer.advice === 'REFER' ? `; refer to ${answer.referTo ?? 'nobody known'}` : '',
      answer.revisitOn ? `; revisit on ${answer.revisitOn}` : ''),
    reasons.length
      ? el('ol', { class: 'reason-list' }, reasons.map(reason => el('li', { class: otherKeys.has(key(reason)) ? null : 'only-here' },
        el('span', { class: 'rule' }, reason.rule), ' ', el('code', {}, reason.truth), ' ',
        reason.advice ? adviceTag(reason.advice) : el('span', { class: 'hint' }, 'no vote'),
        el('span', { class: 'explanation' }, reason.explanation),
        otherKeys.has(key(reason)) ? null : el('span', { class: 'only-note' }, 'only on this side'))))
      : el('p', { class: 'hint' }, 'No rule fired: without a vote the advice is WAIT.'));
  return el('div', { class: 'shadow-comparison' },
    el('p', { class: candidate.differs ? 'flip-summary flipped' : 'flip-summary' }, candidate.differs
      ? `The candidate would answer differently: ${live.advice} → ${candidate.advice}.`
      : 'The candidate would give the same answer.'),
    el('div', { class: 'sides' },
      side('live', 'Live', live, live.ruleset.version, live.reasons, candidateKeys),
      side('candidate', 'Candidate', candidate, candidate.rulesetVersion, candidate.reasons, liveKeys)));
}

function onShadowClick(event) {
  const open = event.target.closest('[data-example]');
  if (open) {
    openShadowExample(open.dataset.example);
  }
}

// ----------------------------------------------------------------------------------------------- evidence

const EVIDENCE_REFUSED = {
  403: 'This key lacks the role “analyst” or “auditor” that reading the evidence needs.',
  404: 'This service does not measure outcomes: GET /v1/evidence answered 404 (Not Found).',
};
/** Below this many outcomes on a side, a difference in retention says little: the page says so. */
const FEW_OUTCOMES = 10;

async function loadEvidence() {
  const query = new URLSearchParams();
  for (const bound of ['from', 'to']) {
    const value = $(`#evidence-${bound}`).value;
    if (value) {
      query.set(bound, value);
    }
  }
  const answer = await readApi(`v1/evidence${[...query].length ? `?${query}` : ''}`, EVIDENCE_REFUSED);
  if (answer.error) {
    state.evidence = null;
    viewShown('evidence', refusal(answer) || answer.error);
    return;
  }
  state.evidence = { ...answer.body, from: query.get('from'), to: query.get('to') };
  viewShown('evidence', null);
  renderEvidence();
}

const retentionShown = group => (group.retentionRate === null || group.retentionRate === undefined
  ? `no client status known (${group.outcomes} outcomes)`
  : `${percent(group.retentionRate)} kept${intervalShown(group.retentionInterval)}: ${group.retained} of`
    + ` ${group.outcomes} outcomes`);

const points = value => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.round(Math.abs(value) * 100)} points`;

/**
 * What one truth's figures say about it, in words: the service's verdict, read from the 95 % interval of the
 * difference, so the page never calls a difference supported that the data cannot tell from none.
 */
function support({ difference, verdict }) {
  const range = difference ? ` (${points(difference.value)}; 95 % interval ${points(difference.interval[0])}`
    + ` to ${points(difference.interval[1])})` : '';
  switch (verdict) {
    case 'SUPPORTED':
      return { kind: 'supported', text: `Supported: clients stayed more often when its advice was followed${range}.` };
    case 'CONTRADICTED':
      return { kind: 'contradicted', text: `Contradicted: clients stayed less often when its advice was followed${range}.` };
    case 'UNDECIDED':
      return { kind: 'undecided', text: `Cannot tell: the difference could be none at all${range}.` };
    default:
      return { kind: 'unknown', text: `Too few outcomes to tell: fewer than ${FEW_OUTCOMES} with a known client status`
        + ` where its advice was followed, or where it was not${range}.` };
  }
}

const intervalShown = interval => (interval ? ` (${percent(interval[0])}–${percent(interval[1])})` : '');

function renderEvidence() {
  const { decisions, withOutcome, byAdvice, byTruth, from, to } = state.evidence;
  $('#evidence-summary').textContent = `${withOutcome} of ${decisions} decisions`
    + `${from || to ? ` (decided${from ? ` from ${from}` : ''}${to ? ` until ${to}` : ''})` : ''}`
    + ' have a reported outcome.';
  renderEvidenceChart(byTruth);
  const groupCells = group => [
    el('td', { class: 'number' }, group.retentionRate === null ? '—'
      : `${percent(group.retentionRate)}${intervalShown(group.retentionInterval)}`),
    el('td', { class: 'number' }, `${group.retained} / ${group.outcomes}`),
    el('td', { class: 'results' }, Object.entries(group.results || {}).map(([result, count]) => `${result} ${count}`).join(', ')),
  ];
  const groupHeadings = side => [`Kept (95 % interval), ${side}`, `Kept / outcomes, ${side}`, `Results, ${side}`]
    .map((heading, index) => el('th', { scope: 'col', class: index < 2 ? 'number' : null }, heading));
  show($('#evidence-truths'), byTruth.length
    ? el('table', { class: 'evidence' },
      el('caption', {}, 'Per truth: the decisions its rules voted for, by whether the seller followed the advice'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Truth'), groupHeadings('followed'), groupHeadings('not followed'),
        el('th', { scope: 'col' }, 'What the data says'))),
      el('tbody', {}, byTruth.map(entry => {
        const verdict = support(entry);
        return el('tr', { 'data-truth': entry.truth },
          el('th', { scope: 'row' }, el('code', {}, entry.truth),
            statementOf(entry.truth) ? el('span', { class: 'statement' }, statementOf(entry.truth)) : null),
          groupCells(entry.followed), groupCells(entry.notFollowed),
          el('td', { class: `support support-${verdict.kind}` }, verdict.text));
      })))
    : el('p', { class: 'hint' }, 'No outcome has been reported on these decisions yet.'));
  show($('#evidence-advice'), byAdvice.length
    ? el('table', { class: 'evidence' },
      el('caption', { class: 'visually-hidden' }, 'Per advice, by whether the seller followed it'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Advice'), groupHeadings('followed'), groupHeadings('not followed'),
        el('th', { scope: 'col' }, 'What the data says'))),
      el('tbody', {}, byAdvice.map(entry => {
        const verdict = support(entry);
        return el('tr', { 'data-advice': entry.advice },
          el('th', { scope: 'row' }, adviceTag(entry.advice)), groupCells(entry.followed), groupCells(entry.notFollowed),
          el('td', { class: `support support-${verdict.kind}` }, verdict.text));
      })))
    : el('p', { class: 'hint' }, 'No outcome has been reported on these decisions yet.'));
}

/** Retention per truth as grouped horizontal bars, each labelled with its rate and its number of outcomes. */
function renderEvidenceChart(byTruth) {
  const box = $('#evidence-chart');
  box.hidden = !byTruth.length;
  if (!byTruth.length) {
    return;
  }
  if (typeof echarts === 'undefined') {
    show(box, el('p', { class: 'hint is-problem' }, 'The chart library did not load: the figures are in the table below.'));
    return;
  }
  box.style.height = `${6 + byTruth.length * 3.2}rem`;
  const chart = echarts.getInstanceByDom(box) || echarts.init(box);
  chart.resize();
  const datum = group => ({ value: group.retentionRate, outcomes: group.outcomes, retained: group.retained,
    retentionInterval: group.retentionInterval });
  const label = { show: true, position: 'right',
    formatter: ({ data }) => (data.value === null ? '' : `${percent(data.value)} (n=${data.outcomes})`) };
  const colour = name => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || undefined;
  chart.setOption({
    aria: { enabled: true },
    animation: false,
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      // built as elements, so the service's words stay text
      formatter: points => el('div', {}, el('strong', {}, points[0].name),
        points.map(point => el('div', {}, `${point.seriesName}: ${retentionShown({ retentionRate: point.data.value, ...point.data })}`))),
    },
    grid: { left: 8, right: 96, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: value => percent(value) } },
    yAxis: { type: 'category', inverse: true, data: byTruth.map(entry => entry.truth) },
    series: [
      { name: 'Advice followed', type: 'bar', label, itemStyle: { color: colour('--followed') },
        data: byTruth.map(entry => datum(entry.followed)) },
      { name: 'Advice not followed', type: 'bar', label, itemStyle: { color: colour('--not-followed') },
        data: byTruth.map(entry => datum(entry.notFollowed)) },
    ],
  }, true);
}

// --------------------------------------------------------------------------------------------- start

function start() {
  $('#key-form').addEventListener('submit', event => {
    event.preventDefault();
    useKey($('#api-key').value);
  });
  $('#scenario').addEventListener('change', event => pickScenario(event.target.value));
  $('#deal-form').addEventListener('submit', event => {
    event.preventDefault();
    qualify();
  });
  const formPanel = $('#panel-form');
  formPanel.addEventListener('input', onFieldEdited);
  formPanel.addEventListener('change', onFieldEdited);
  formPanel.addEventListener('click', onListButton);
  const json = $('#deal-json');
  json.addEventListener('input', onJsonEdited);
  json.addEventListener('keydown', event => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      $('#deal-form').requestSubmit();
    }
  });
  for (const tab of ['form', 'json']) {
    $(`#tab-${tab}`).addEventListener('click', () => showTab(tab));
    $(`#tab-${tab}`).addEventListener('keydown', onTabKey);
  }
  $('#history-form').addEventListener('submit', event => {
    event.preventDefault();
    show($('#decision-detail'));
    searchHistory($('#history-deal').value.trim());
  });
  $('#history-list').addEventListener('click', onHistoryClick);
  $('#mix-refresh').addEventListener('click', () => loadAdviceMix());
  $('#shadow-refresh').addEventListener('click', () => loadShadow());
  $('#shadow-examples').addEventListener('click', onShadowClick);
  $('#evidence-form').addEventListener('submit', event => {
    event.preventDefault();
    loadEvidence();
  });
  window.addEventListener('resize', () => {
    if (typeof echarts !== 'undefined') {
      for (const chart of ['#mix-chart', '#evidence-chart']) {
        echarts.getInstanceByDom($(chart))?.resize();
      }
    }
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
      refreshRuleset();
    }
  });

  setDeal(state.deal);
  state.contractRead = loadContract();
  renderScenarioNote();
  const storedKey = sessionStorage.getItem(KEY_STORAGE);
  if (storedKey) {
    $('#api-key').value = storedKey;
    useKey(storedKey);
  }
  schedulePoll();
}

start();
