// The deal as a form: one control per member of the contract's Deal schema, lists with add and remove.
import { el } from '../dom.js';
import { isPlainObject } from '../lib/format.js';
import { getPath } from '../lib/deals.js';

export const fieldId = path => `f-${path.join('-')}`;

const sectionHint = section => (section.hint ? el('p', { class: 'hint' }, section.hint.replace(/`/g, '').trim()) : null);

/** The fieldsets of a deal: a section of plain members or of an object member, or a list of objects. */
export const fieldsets = (sections, deal) => sections.map(section => (section.list ? listFieldset(section, deal) : objectFieldset(section, deal)));

function objectFieldset(section, deal) {
  const holder = section.object ? deal[section.object] : deal;
  const fieldset = el('fieldset', { class: 'group' }, el('legend', {}, section.legend), sectionHint(section));
  if (holder !== undefined && holder !== null && !isPlainObject(holder)) {
    fieldset.append(el('p', { class: 'hint' }, `“${section.object}” is not an object; edit it as JSON.`));
    return fieldset;
  }
  const base = section.object ? [section.object] : [];
  fieldset.append(el('div', { class: 'fields' }, section.fields.map(field => fieldControl(field, [...base, field.key], deal))));
  return fieldset;
}

function listFieldset(section, deal) {
  const items = deal[section.list];
  const fieldset = el('fieldset', { class: 'group list' }, el('legend', {}, section.legend), sectionHint(section));
  if (items !== undefined && items !== null && !Array.isArray(items)) {
    fieldset.append(el('p', { class: 'hint' }, `“${section.list}” is not a list; edit it as JSON.`));
    return fieldset;
  }
  (items || []).forEach((item, index) => {
    const name = `${section.noun} ${index + 1}`;
    fieldset.append(el('fieldset', { class: 'item' }, el('legend', {}, name[0].toUpperCase() + name.slice(1)),
      isPlainObject(item)
        ? el('div', { class: 'fields' }, section.fields.map(field => fieldControl(field, [section.list, index, field.key], deal)))
        : el('p', { class: 'hint' }, 'Not an object; edit it as JSON.'),
      el('button', { type: 'button', class: 'quiet', 'data-remove': section.list, 'data-index': index }, `Remove ${name}`)));
  });
  fieldset.append(el('button', { type: 'button', class: 'quiet', 'data-add': section.list }, `Add ${section.noun}`));
  return fieldset;
}

function fieldControl(field, path, deal) {
  const id = fieldId(path);
  const value = getPath(deal, path);
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

/** A control's value as the deal holds it; undefined for an empty control (the member is left out). */
export function readControl(control) {
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
