/**
 * What the API server does to a custom resource before validating it: null values of non-nullable fields are
 * pruned, then CRD defaults are applied (recursively, also inside defaulted values). The input is not modified.
 */
import { SchemaNode } from './schema-node';

/** Deeper documents are rejected up front (Gateway API schemas are less than 20 levels deep). */
export const MAX_DEPTH = 100;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own property, also for the name `__proto__` (a plain assignment would change the prototype). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function deepCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) setOwn(out, k, deepCopy(value[k]));
    return out;
  }
  return value;
}

/** Thrown by `prepare` for input nested deeper than MAX_DEPTH. */
export class TooDeepError extends Error {
  public constructor() {
    super(`nested more than ${MAX_DEPTH} levels deep`);
  }
}

/** A copy of a plain object's own properties (spread defines them, also one named `__proto__`, as own properties). */
function shallowCopy(value: Record<string, unknown>): Record<string, unknown> {
  return { ...value };
}

/**
 * `value` with non-nullable nulls pruned and defaults applied, guided by `node` (undefined below undeclared
 * fields: they are kept as they are and reported as unknown later). Copy-on-write: the input is never modified,
 * unchanged subtrees are shared with it. Throws TooDeepError beyond MAX_DEPTH levels.
 */
export function prepare(value: unknown, node: SchemaNode | undefined, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new TooDeepError();
  if (Array.isArray(value)) {
    const items = node?.items;
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const x = value[i];
      if (typeof x !== 'object' || x === null) continue;
      const p = prepare(x, items, depth + 1);
      if (p !== x) {
        out ??= value.slice();
        out[i] = p;
      }
    }
    return out ?? value;
  }
  if (!isPlainObject(value)) return value;
  let out: Record<string, unknown> | undefined;
  const properties = node?.properties;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (typeof v !== 'object') continue;
    const child = properties?.get(key) ?? node?.additional;
    if (v === null) {
      if (child !== undefined && !child.nullable) {
        out ??= shallowCopy(value);
        delete out[key];
      }
      continue;
    }
    const p = prepare(v, child, depth + 1);
    if (p !== v) {
      out ??= shallowCopy(value);
      setOwn(out, key, p);
    }
  }
  if (node) {
    for (const [key, def] of node.defaults) {
      if (hasOwn(out ?? value, key)) continue;
      out ??= shallowCopy(value);
      out[key] = prepare(deepCopy(def), properties!.get(key), depth + 1);
    }
  }
  return out ?? value;
}
