// Deals and answers compared: what changed in a deal, which rules changed, what a scenario expects.
import { isPlainObject } from './format.js';

/** Leaf values by path, written as the API writes field paths: discovery.nothingNeeded, milestones[0].due. */
export function flatten(value, path = '', into = new Map()) {
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

/** Every leaf that differs between two deals: { path, before, after }, the new deal's paths first. */
export function diffDeals(before, after) {
  const old = flatten(before);
  const now = flatten(after);
  const paths = [...new Set([...now.keys(), ...old.keys()])];
  return paths.filter(path => JSON.stringify(old.get(path)) !== JSON.stringify(now.get(path)))
    .map(path => ({ path, before: old.get(path), after: now.get(path) }));
}

/** The rules that fire now and did not, fire differently, or no longer fire: { kind, reasons }. */
export function reasonChanges(before, after) {
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

/** The vote that settled the advice: reasons come strongest first, so it is the first vote for it. */
export const decidingReason = advice => advice.reasons.find(reason => reason.advice === advice.advice) || null;

/** A scenario's expectation in words: "WAIT, revisiting on 2026-12-15, citing DIAGNOSE_FIRST". */
export function describeExpectation(expect) {
  return [expect.advice,
    expect.referTo !== undefined ? `referring to ${expect.referTo ?? 'nobody'}` : null,
    expect.revisitOn !== undefined ? `revisiting on ${expect.revisitOn ?? 'no date'}` : null,
    expect.truths?.length ? `citing ${expect.truths.join(', ')}` : null].filter(Boolean).join(', ');
}

/** How the answer differs from what the scenario expects; empty when it is as expected. */
export function scenarioMismatches(expect, advice) {
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

export function getPath(target, path) {
  return path.reduce((holder, key) => (holder !== null && typeof holder === 'object' ? holder[key] : undefined), target);
}

/** Sets a field, creating the objects on its way; undefined removes it, which the API reads as unknown. */
export function setPath(target, path, value) {
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

/** "milestones[0].due" → ["milestones", "0", "due"]: the path of a problem's field. */
export const fieldPath = field => field.replace(/\[(\d+)]/g, '.$1').split('.').filter(Boolean);
