// Building the page: everything the service says is put on it as text, never as HTML.
import { instantText } from './lib/format.js';

export const $ = selector => document.querySelector(selector);

/** Children as given, lists flattened; null, undefined and false stand for "nothing here". */
const present = children => children.flat(Infinity).filter(child => child !== null && child !== undefined && child !== false);

/** Builds an element; children are elements or strings (always text). */
export function el(tag, attributes = {}, ...children) {
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
export function show(element, ...children) {
  element.replaceChildren(...present(children));
}

export const instant = iso => el('time', { datetime: iso }, instantText(iso));

export const adviceTag = code => el('span', { class: `advice-tag advice-${code}` }, code);

const where = problem => (problem.line === null || problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`);

/** A refused load's problems: where (file and line) and what. */
export function problemList(problems) {
  return el('ul', { class: 'problems' }, problems.map(problem =>
    el('li', {}, el('code', { class: 'where' }, where(problem)), el('span', { class: 'message' }, problem.message))));
}

/** Shows a view (decisions, shadow, evidence, revisits), or only the reason it cannot be shown. */
export function viewShown(view, error) {
  const status = $(`#${view}-status`);
  status.textContent = error || '';
  status.classList.toggle('is-problem', Boolean(error));
  $(`#${view}-body`).hidden = Boolean(error);
}

/** A colour of the page's style sheet (--followed, --wait-edge, …). */
export const cssColour = name => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || undefined;

/** An advice's colour (--wait-edge, --no-sale-edge, …). */
export const adviceColour = code => cssColour(`--${code.toLowerCase().replace(/_/g, '-')}-edge`);

/** The chart of a box, made on first use; null (and the box says so) when the chart library did not load. */
export function chartIn(box) {
  if (typeof echarts === 'undefined') {
    show(box, el('p', { class: 'hint is-problem' }, 'The chart library did not load: the figures are in the table below.'));
    return null;
  }
  return echarts.getInstanceByDom(box) || echarts.init(box);
}

/**
 * A table with a caption, a row of column headings (text or elements), the body's rows and, if given, a foot
 * (a tfoot element).
 */
export const table = (attributes, caption, headings, rows, foot = null) => el('table', attributes, caption,
  el('thead', {}, el('tr', {}, headings.map(heading => (typeof heading === 'string' ? el('th', { scope: 'col' }, heading) : heading)))),
  el('tbody', {}, rows), foot);
