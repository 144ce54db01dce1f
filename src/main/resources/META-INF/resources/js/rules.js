// What every view may need to know of the rules: the served contract (the deal's fields, the advice codes), the
// live ruleset's order of advice and the truths' statements. The ruleset view keeps it current; views that
// depend on it subscribe, and are drawn again when it changes.
import { adviceOrder as orderOf, dealFormFrom } from './lib/contract.js';

const known = { contract: null, contractError: null, dealForm: null, ruleset: null, truths: [] };
const listeners = new Set();
let contractRead = null;

/** Calls `listener` whenever the rules change (a reload, the truths read); it may return a promise. */
export const onRulesChanged = listener => listeners.add(listener);

/** Takes the rules as read, and settles once every listener has done with them. */
export function rulesChanged(ruleset, truths) {
  known.ruleset = ruleset;
  known.truths = truths;
  return Promise.all([...listeners].map(listener => listener()));
}

/** The contract the service serves, read once; settles when it was read or could not be. */
export function readContract() {
  contractRead ??= (async () => {
    try {
      const response = await fetch('q/openapi?format=json', { headers: { Accept: 'application/json' } });
      if (!response.ok) {
        throw new Error(`GET /q/openapi answered ${response.status}`);
      }
      known.contract = await response.json();
      known.dealForm = dealFormFrom(known.contract.components.schemas);
    } catch (error) {
      known.contractError = error.message;
    }
  })();
  return contractRead;
}

/** The deal form's sections read from the contract, or null with the reason (null while it is read). */
export const dealForm = () => ({ sections: known.dealForm, error: known.contractError });

/** The advice codes, strongest first, and where the order was read. */
export const adviceOrder = () => orderOf(known.ruleset, known.contract);

export const truths = () => known.truths;

export const statementOf = code => known.truths.find(truth => truth.code === code)?.statement;
