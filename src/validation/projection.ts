/**
 * Which parts of `self` a CEL rule can observe, and a key that captures exactly those parts.
 *
 * A rule is a pure function of its subject. Most rules read only a few fields (`self.type`, `has(self.port)`,
 * the `type` of every filter, ...), so two subjects that agree on those fields get the same outcome. The
 * evaluator keys its per-rule result cache with `projectionKey`, and evaluates the rule with CEL only for a
 * projection it has not seen: in a large app, the same path-match shapes, filter types and parent references
 * repeat across hundreds of routes.
 *
 * The analysis is conservative: whenever a value of `self` is used in any way other than selecting a field,
 * testing presence, indexing, taking its size or iterating it, the whole value (its JSON) goes into the key.
 */
import type { AstExpr } from './cel/ast';
import { hasOwn, isPlainObject } from './prepare';
import { SchemaNode } from './schema-node';

/** What a rule observes of one value. */
export class Usage {
  /** The whole value (its JSON) is observed. */
  public whole = false;
  /** The size is observed (lists always include their length; for objects, the number of fields). */
  public size = false;
  /** Fields whose presence is tested (`has(x.f)`), by CEL name. */
  public readonly presence = new Set<string>();
  /** Fields whose values are read (`x.f`), by CEL name; absence is observed too (it is an error). */
  public readonly fields = new Map<string, Usage>();
  /** The elements (a list iterated or indexed); for an object, iteration means its keys: the whole object. */
  public elements?: Usage;

  public field(name: string): Usage {
    let u = this.fields.get(name);
    if (!u) {
      u = new Usage();
      this.fields.set(name, u);
    }
    return u;
  }

  public element(): Usage {
    if (!this.elements) this.elements = new Usage();
    return this.elements;
  }
}

type Env = ReadonlyMap<string, Usage | undefined>;

function constantString(expr: AstExpr): string | undefined {
  const k = expr.exprKind;
  if (k.case === 'constExpr' && k.value.constantKind?.case === 'stringValue') return k.value.constantKind.value;
  return undefined;
}

/** Records what `expr` reads of `self`; returns the usage node of the value it denotes, if it is part of `self`. */
function analyze(expr: AstExpr, env: Env): Usage | undefined {
  const k = expr.exprKind;
  switch (k.case) {
    case 'identExpr':
      return env.get(k.value.name);
    case 'selectExpr': {
      const base = analyze(k.value.operand, env);
      if (!base) return undefined;
      if (k.value.testOnly) {
        base.presence.add(k.value.field);
        return undefined;
      }
      return base.field(k.value.field);
    }
    case 'callExpr': {
      const call = k.value;
      const args: AstExpr[] = call.args;
      if (call.function === '_[_]' && !call.target && args.length === 2) {
        const base = analyze(args[0], env);
        const key = constantString(args[1]);
        consume(args[1], env);
        if (!base) return undefined;
        return key !== undefined ? base.field(key) : base.element();
      }
      if (call.function === 'size' && ((call.target && args.length === 0) || (!call.target && args.length === 1))) {
        const base = analyze(call.target ?? args[0], env);
        if (base) base.size = true;
        return undefined;
      }
      if (call.target) consume(call.target, env);
      for (const a of args) consume(a, env);
      return undefined;
    }
    case 'comprehensionExpr': {
      const c = k.value;
      const range = analyze(c.iterRange, env);
      const kept = range ? filteredElements(c) : undefined;
      if (range && kept) {
        // `range.filter(x, pred)`: a sub-list of range's elements; only pred reads them
        const inner = new Map(env);
        inner.set(c.iterVar, range.element());
        consume(kept, inner);
        return range;
      }
      const inner = new Map(env);
      inner.set(c.iterVar, range ? range.element() : undefined);
      if (c.iterVar2) {
        // two-variable comprehensions: be conservative
        if (range) range.whole = true;
        inner.set(c.iterVar2, undefined);
      }
      inner.set(c.accuVar, undefined);
      consume(c.accuInit, env);
      consume(c.loopCondition, inner);
      consume(c.loopStep, inner);
      const resultEnv = new Map(env);
      resultEnv.set(c.accuVar, undefined);
      consume(c.result, resultEnv);
      return undefined;
    }
    case 'listExpr':
      for (const e of k.value.elements) consume(e, env);
      return undefined;
    case 'structExpr':
      for (const entry of k.value.entries) {
        if (entry.keyKind?.case === 'mapKey') consume(entry.keyKind.value, env);
        if (entry.value) consume(entry.value, env);
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The predicate of a comprehension shaped like the `filter` macro expansion
 * (`[]`, `pred ? @result + [x] : @result`, result `@result`), or undefined.
 */
function filteredElements(c: any): AstExpr | undefined {
  const isIdent = (e: AstExpr | undefined, name: string) => e?.exprKind.case === 'identExpr' && e.exprKind.value.name === name;
  const init = c.accuInit?.exprKind;
  if (init?.case !== 'listExpr' || init.value.elements.length !== 0) return undefined;
  if (!isIdent(c.result, c.accuVar)) return undefined;
  const step = c.loopStep?.exprKind;
  if (step?.case !== 'callExpr' || step.value.function !== '_?_:_' || step.value.args.length !== 3) return undefined;
  const [pred, add, keep] = step.value.args as AstExpr[];
  if (!isIdent(keep, c.accuVar)) return undefined;
  const addK = add.exprKind;
  if (addK.case !== 'callExpr' || addK.value.function !== '_+_' || !isIdent(addK.value.args[0], c.accuVar)) return undefined;
  const list = addK.value.args[1]?.exprKind;
  if (list?.case !== 'listExpr' || list.value.elements.length !== 1 || !isIdent(list.value.elements[0], c.iterVar)) return undefined;
  const cond = c.loopCondition?.exprKind;
  if (cond?.case !== 'constExpr' || cond.value.constantKind?.value !== true) return undefined;
  return pred;
}

/** Analyzes `expr` used as a value: if it denotes part of `self`, all of that part is observed. */
function consume(expr: AstExpr | undefined, env: Env): void {
  if (!expr) return;
  const u = analyze(expr, env);
  if (u) u.whole = true;
}

/** What the expressions (a rule and its messageExpression) observe of `self`. */
export function usageOf(exprs: readonly AstExpr[]): Usage {
  const root = new Usage();
  const env = new Map<string, Usage | undefined>([['self', root]]);
  for (const e of exprs) consume(e, env);
  // the rule's result is the value of the expression, not of self: `consume` marked self whole only if the
  // expression *is* self (or passes it whole somewhere), which is what we want
  return root;
}

/** A usage resolved against the schema: JSON names of the fields, the nodes below, as arrays. */
export interface KeyPlan {
  readonly whole: boolean;
  readonly size: boolean;
  /** Presence tests: [CEL name, JSON name (undefined: CEL cannot see it, always absent)]. */
  readonly presence: ReadonlyArray<readonly [string, string | undefined]>;
  /** Values read: [CEL name, JSON name, plan of the value]. */
  readonly fields: ReadonlyArray<readonly [string, string | undefined, KeyPlan]>;
  readonly elements?: KeyPlan;
  /** For `size` of an object: its visible fields (declared properties), or undefined for every key (a map). */
  readonly visible?: readonly string[];
}

/** Resolves `usage` (of a value at schema `node`) into a plan. */
export function keyPlan(usage: Usage, node: SchemaNode | undefined): KeyPlan {
  const resolve = (celName: string): [string | undefined, SchemaNode | undefined] => {
    if (node?.properties) {
      const entry = node.celByName.get(celName);
      return entry ? [entry[0], entry[1]] : [undefined, undefined];
    }
    return [celName, node?.additional];
  };
  return {
    whole: usage.whole,
    size: usage.size,
    presence: [...usage.presence].map((n) => [n, resolve(n)[0]] as const),
    fields: [...usage.fields].map(([n, u]) => {
      const [json, child] = resolve(n);
      return [n, json, keyPlan(u, child)] as const;
    }),
    elements: usage.elements ? keyPlan(usage.elements, node?.items) : undefined,
    visible: node?.properties ? node.celProperties.map(([json]) => json) : undefined,
  };
}

/** Marks a field that is absent. */
const ABSENT = Symbol('absent');
/** Marks the start of a list (followed by its length). */
const LIST = Symbol('list');
/** Marks an object. */
const OBJECT = Symbol('object');
/** Marks a list or object taken whole (followed by its JSON). */
const JSON_TEXT = Symbol('json');

/**
 * Appends to `out` the parts of `value` (prepared JSON) that `plan` observes, as primitive components: two values
 * with equal component sequences get equal rule outcomes. Components are the data's own strings and numbers
 * (no string building), so looking them up is cheap.
 */
export function projectionKey(value: unknown, plan: KeyPlan, out: unknown[]): void {
  if (plan.whole) {
    if (typeof value === 'object' && value !== null) out.push(JSON_TEXT, JSON.stringify(value));
    else out.push(value);
    return;
  }
  if (Array.isArray(value)) {
    // reading fields of a list is an error whatever it holds, but keep such odd rules exact
    if (plan.fields.length > 0 || plan.presence.length > 0) {
      out.push(JSON_TEXT, JSON.stringify(value));
      return;
    }
    out.push(LIST, value.length);
    const el = plan.elements;
    if (el) for (const x of value) projectionKey(x, el, out);
    return;
  }
  if (isPlainObject(value)) {
    // iterating an object yields its keys: take all of it
    if (plan.elements) {
      out.push(JSON_TEXT, JSON.stringify(value));
      return;
    }
    out.push(OBJECT);
    if (plan.size) {
      out.push(plan.visible ? plan.visible.reduce((n, json) => (hasOwn(value, json) ? n + 1 : n), 0) : Object.keys(value).length);
    }
    for (const [, json] of plan.presence) out.push(json !== undefined && hasOwn(value, json));
    for (const [, json, sub] of plan.fields) {
      if (json !== undefined && hasOwn(value, json)) projectionKey(value[json], sub, out);
      else out.push(ABSENT);
    }
    return;
  }
  // a scalar (or a value of the wrong type: reported by the schema check, the rules are then not evaluated)
  out.push(value);
}

/** A trie of component sequences (see projectionKey) to values. */
export class ProjectionCache<T> {
  private root = new Map<unknown, unknown>();
  private count = 0;

  public constructor(private readonly maxEntries: number) {}

  public get size(): number {
    return this.count;
  }

  public get(key: readonly unknown[]): T | undefined {
    let node: Map<unknown, unknown> | undefined = this.root;
    const last = key.length - 1;
    for (let i = 0; i < last; i++) {
      node = node.get(key[i]) as Map<unknown, unknown> | undefined;
      if (node === undefined) return undefined;
    }
    return node.get(key[last]) as T | undefined;
  }

  public set(key: readonly unknown[], value: T): void {
    if (this.count >= this.maxEntries) this.clear();
    let node = this.root;
    const last = key.length - 1;
    for (let i = 0; i < last; i++) {
      let next = node.get(key[i]) as Map<unknown, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        node.set(key[i], next);
      }
      node = next;
    }
    if (!node.has(key[last])) this.count++;
    node.set(key[last], value);
  }

  public clear(): void {
    this.root = new Map();
    this.count = 0;
  }
}
