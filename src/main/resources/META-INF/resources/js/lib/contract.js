// What the page reads from the service's served contract (GET /q/openapi): the deal form and the order of advice.

const SCHEMA_REF = '#/components/schemas/';

/** A schema with its $ref to a component followed, and that component's name (null when inline). */
export function resolved(schemas, schema) {
  const ref = schema?.$ref;
  if (typeof ref === 'string' && ref.startsWith(SCHEMA_REF)) {
    const name = ref.slice(SCHEMA_REF.length);
    return { name, schema: schemas[name] || {} };
  }
  return { name: null, schema: schema || {} };
}

/** "relationshipYears" → "Relationship years": the label of a member the contract gives no title. */
export function humanize(key) {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const isObjectSchema = schema => schema.type === 'object' || (schema.type === undefined && schema.properties !== undefined);

/**
 * The form's sections from the Deal schema: its plain members first, then one section per object member,
 * then one per list of objects, each in the contract's order.
 */
export function dealFormFrom(schemas) {
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
export function fieldOf(key, schema, required = []) {
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
export function hintOf(schema) {
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

/**
 * The advice codes, strongest first, and where that order was read: the live rules' precedence, or, from a
 * service that does not report it, the contract's AdviceCode enum (listed strongest first).
 */
export function adviceOrder(ruleset, contract) {
  if (Array.isArray(ruleset?.precedence)) {
    return { codes: ruleset.precedence, source: 'the live rules' };
  }
  const codes = contract?.components?.schemas?.AdviceCode?.enum;
  return Array.isArray(codes) ? { codes, source: 'the contract' } : { codes: [], source: null };
}

/** The codes in the order of advice, then any other code seen, alphabetically. */
export const codesInOrder = (order, seen) => [...order, ...[...new Set(seen)].filter(code => !order.includes(code)).sort()];
