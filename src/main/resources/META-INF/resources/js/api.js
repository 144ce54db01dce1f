// The API as this page calls it: the analyst's own key on every call, and what a refusal means for a view.

const KEY_STORAGE = 'deal-advisor.api-key';

let key = '';
let recordsRead = null; // whether this key reads whole records: asked once per key

export const currentKey = () => key;

/** Takes a key (kept for this browser tab only); returns it trimmed. */
export function takeKey(value) {
  key = value.trim();
  recordsRead = null;
  if (key) {
    sessionStorage.setItem(KEY_STORAGE, key);
  } else {
    sessionStorage.removeItem(KEY_STORAGE);
  }
  return key;
}

export const storedKey = () => sessionStorage.getItem(KEY_STORAGE);

export function keyStatus(text, isProblem = false) {
  const status = document.getElementById('key-status');
  if (status.textContent !== text) { // each poll confirms the key: say it once
    status.textContent = text;
  }
  status.classList.toggle('is-problem', isProblem);
}

/** Said when the key is known but lacks the role qualify: the figures may still be read. */
export const WITHOUT_QUALIFY = 'Key accepted for reading figures. Qualifying deals, the scenarios and the live rules'
  + ' need the role “qualify”, which this key lacks.';

/**
 * Calls the API with the key. A call the workbench needs (role qualify) says on the page when the key is
 * refused; one that needs another role (`options.role`) leaves that to the view that made it.
 */
export async function callApi(path, options = {}) {
  const headers = { Accept: 'application/json', 'X-API-Key': key };
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
    keyStatus(WITHOUT_QUALIFY);
    document.dispatchEvent(new CustomEvent('workbench-refused'));
  }
  return response;
}

/**
 * A read that needs a role besides qualify: the body, or why this view cannot have it. `refusals` explains
 * the statuses that mean the view is not for this key or this service (403, 404).
 */
export async function readApi(path, refusals) {
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

/** The reason a refused read leaves the whole view empty, or null when only this read failed. */
export const refusal = answer => (answer.status === 403 || answer.status === 404 ? answer.explained : null);

/**
 * Whether this key reads whole decision records (role auditor), asked once per key: views hide what opens a
 * record from a key that may not, rather than offer it and show a refusal.
 */
export function readsRecords() {
  recordsRead ??= callApi('v1/decisions?limit=1', { role: true }).then(response => response.ok, () => {
    recordsRead = null; // unreachable: ask again next time
    return false;
  });
  return recordsRead;
}
