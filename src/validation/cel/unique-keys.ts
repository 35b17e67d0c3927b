/**
 * Uniqueness rules of lists (`self.all(x, self.exists_one(y, ...))`), recognised in a rule's AST and checked by
 * hashing the items' keys instead of CEL's pairwise comprehension.
 */
import { parsed as parsedRule } from './parsed';
import { isPlainObject } from '../prepare';
import { SchemaNode } from '../schema-node';

/**
 * A uniqueness rule of a list, in the form the Gateway API CRDs use for listeners:
 * `self.all(x, self.exists_one(y, <conjunction of terms>))`, each term either `x.f == y.f` (a required field) or
 * `has(x.f) && has(y.f) ? x.f == y.f : !has(x.f) && !has(y.f)` (an optional one). It holds exactly when no two items
 * have the same key (the tuple of those fields, absent ones included), which hashing finds in one pass where CEL
 * compares every pair (4,096 comparisons per rule for a 64-listener Gateway).
 */
export interface UniqueKey {
  /** The key's fields: JSON name (equal to the CEL name) and whether the field may be absent. */
  readonly fields: ReadonlyArray<{ readonly name: string; readonly optional: boolean }>;
}

/** The uniqueness key of `rule` on the list `node`, or undefined when the rule does not have that exact form. */
export function uniqueKeyOf(rule: string, node: SchemaNode): UniqueKey | undefined {
  const item = node.items;
  if (node.type !== 'array' || !item?.properties) return undefined;
  let parsed: any;
  try {
    parsed = parsedRule(rule);
  } catch {
    return undefined;
  }
  const macros: Record<string, any> = parsed.sourceInfo?.macroCalls ?? {};
  // macro calls are kept unexpanded in the source info; a nested one is an empty expression with the call's id
  const unmacro = (e: any): any => (e?.exprKind?.case === undefined && macros[String(e?.id)] !== undefined ? macros[String(e.id)] : e);
  const call = (e: any, fn: string, argc: number): any[] | undefined => {
    const x = unmacro(e);
    if (x?.exprKind?.case !== 'callExpr' || x.exprKind.value.function !== fn || x.exprKind.value.args.length !== argc) return undefined;
    return x.exprKind.value.args;
  };
  const ident = (e: any): string | undefined => (e?.exprKind?.case === 'identExpr' ? e.exprKind.value.name : undefined);
  const comprehension = (e: any, fn: string): { v: string; body: any } | undefined => {
    const x = unmacro(e);
    if (x?.exprKind?.case !== 'callExpr' || x.exprKind.value.function !== fn || ident(x.exprKind.value.target) !== 'self') return undefined;
    const args = x.exprKind.value.args;
    const v = args.length === 2 ? ident(args[0]) : undefined;
    return v === undefined ? undefined : { v, body: args[1] };
  };
  const outer = comprehension(macros[String(parsed.expr?.id)], 'all');
  const inner = outer && comprehension(outer.body, 'exists_one');
  if (!outer || !inner || outer.v === inner.v || outer.v === 'self' || inner.v === 'self') return undefined;
  /** `v.f` (a plain select, as in `has(v.f)`'s argument): f, else undefined. */
  const field = (e: any, v: string): string | undefined => {
    const x = unmacro(e);
    if (x?.exprKind?.case !== 'selectExpr' || ident(x.exprKind.value.operand) !== v || x.exprKind.value.testOnly) return undefined;
    return x.exprKind.value.field;
  };
  const has = (e: any, v: string): string | undefined => {
    const args = call(e, 'has', 1);
    return args ? field(args[0], v) : undefined;
  };
  /** `a op b` (either way round) where `test` finds the same field f in `a` for x and in `b` for y: f, else undefined. */
  const pairOf = (e: any, op: string, test: (operand: any, v: string) => string | undefined): string | undefined => {
    const args = call(e, op, 2);
    if (!args) return undefined;
    for (const [a, b] of [[args[0], args[1]], [args[1], args[0]]]) {
      const f = test(a, outer.v);
      if (f !== undefined && test(b, inner.v) === f) return f;
    }
    return undefined;
  };
  const fields: Array<{ name: string; optional: boolean }> = [];
  const term = (e: any): boolean => {
    const both = call(e, '_&&_', 2);
    if (both) return term(both[0]) && term(both[1]);
    const f = pairOf(e, '_==_', field);
    if (f !== undefined) {
      fields.push({ name: f, optional: false });
      return true;
    }
    const cond = call(e, '_?_:_', 3);
    if (!cond) return false;
    const g = pairOf(cond[0], '_&&_', has);
    const notHas = (x: any, v: string) => {
      const args = call(x, '!_', 1);
      return args ? has(args[0], v) : undefined;
    };
    if (g === undefined || pairOf(cond[1], '_==_', field) !== g || pairOf(cond[2], '_&&_', notHas) !== g) return false;
    fields.push({ name: g, optional: true });
    return true;
  };
  if (!term(inner.body) || fields.length === 0) return undefined;
  // CEL sees exactly the JSON field: a declared property whose CEL name is its JSON name
  if (!fields.every((f) => item.celByName.get(f.name)?.[0] === f.name)) return undefined;
  return { fields };
}

/**
 * Whether the JSON list `value` passes the uniqueness rule `key`: every item an object whose key fields are strings
 * or numbers (each field of one type throughout; required fields present), and no key twice. `false` also means
 * "not decided here" (an item CEL would raise an error on, e.g. a missing required field): the rules are then
 * evaluated with CEL, which gives the outcome and the message.
 */
export function passesUniqueKey(value: unknown, key: UniqueKey): boolean {
  if (!Array.isArray(value)) return false;
  const types: Array<string | undefined> = key.fields.map(() => undefined);
  const seen = new Set<string>();
  for (const item of value) {
    if (!isPlainObject(item)) return false;
    const parts: unknown[] = [];
    for (let i = 0; i < key.fields.length; i++) {
      const { name, optional } = key.fields[i];
      const v = Object.prototype.hasOwnProperty.call(item, name) ? item[name] : undefined;
      if (v === undefined) {
        if (!optional) return false;
        parts.push(null);
        continue;
      }
      const t = typeof v;
      if ((t !== 'string' && t !== 'number') || (types[i] !== undefined && types[i] !== t)) return false;
      types[i] = t;
      parts.push(v);
    }
    const k = JSON.stringify(parts);
    if (seen.has(k)) return false;
    seen.add(k);
  }
  return true;
}
