// The deal being edited, as a form and as JSON, kept in step; this view owns the deal.
import { $, el, show } from '../dom.js';
import { isPlainObject } from '../lib/format.js';
import { setPath } from '../lib/deals.js';
import { dealForm } from '../rules.js';
import { fieldId, fieldsets, readControl } from './deal-form.js';

const view = { deal: { id: 'WHAT-IF-1', client: {}, offering: {} }, jsonError: null };
const editedListeners = new Set();

/** Calls `listener` after every edit of the deal, in the form or as JSON. */
export const onDealEdited = listener => editedListeners.add(listener);
const edited = () => editedListeners.forEach(listener => listener());

/** A copy of the deal as it stands. */
export const currentDeal = () => structuredClone(view.deal);

/** The JSON tab's error, if its text is not a deal yet: qualifying waits for it, focused. */
export function jsonInvalid() {
  if (!view.jsonError) {
    return false;
  }
  showTab('json');
  $('#deal-json').focus();
  return true;
}

export function setDeal(deal) {
  view.deal = deal;
  renderDealForm();
  writeDealJson();
}

function writeDealJson() {
  view.jsonError = null;
  $('#deal-json').value = JSON.stringify(view.deal, null, 2);
  $('#json-status').textContent = '';
}

export function renderDealForm() {
  const { sections, error } = dealForm();
  if (!sections) {
    show($('#panel-form'), el('p', { class: error ? 'hint is-problem' : 'hint' }, error
      ? `The deal's fields could not be read from the service's contract (${error}). Edit the deal in the JSON tab.`
      : 'Reading the deal’s fields from the service’s contract…'));
    return;
  }
  show($('#panel-form'), ...fieldsets(sections, view.deal));
}

function onFieldEdited(event) {
  const control = event.target;
  if (!control.dataset.path) {
    return;
  }
  setPath(view.deal, JSON.parse(control.dataset.path), readControl(control));
  control.removeAttribute('aria-invalid');
  writeDealJson();
  edited();
}

function onListButton(event) {
  const button = event.target.closest('[data-add], [data-remove]');
  if (!button) {
    return;
  }
  const list = button.dataset.add || button.dataset.remove;
  const section = dealForm().sections.find(candidate => candidate.list === list);
  if (!Array.isArray(view.deal[list])) {
    view.deal[list] = [];
  }
  const items = view.deal[list];
  if (button.dataset.add) {
    items.push({});
  } else {
    items.splice(Number(button.dataset.index), 1);
  }
  renderDealForm();
  writeDealJson();
  edited();
  const focusAfter = button.dataset.add ? `#${fieldId([list, items.length - 1, section.fields[0].key])}` : `[data-add="${list}"]`;
  $(focusAfter).focus();
}

function onJsonEdited() {
  try {
    const parsed = JSON.parse($('#deal-json').value);
    if (!isPlainObject(parsed)) {
      throw new Error('a deal is a JSON object, { … }');
    }
    view.deal = parsed;
    view.jsonError = null;
    $('#json-status').textContent = '';
    renderDealForm();
    edited();
  } catch (error) {
    view.jsonError = error.message;
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

export function startDealEditor() {
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
  setDeal(view.deal);
}
