/**
 * `x-kubernetes-validations` rules, evaluated with a real CEL engine (@bufbuild/cel) in an environment that adds
 * the Kubernetes CEL library functions the Gateway API CRDs use.
 *
 * Kubernetes semantics reproduced here:
 * - `self` is the value at the rule's schema node after pruning and defaulting; integers are CEL `int`,
 *   numbers `double`; undeclared fields are invisible; property names are escaped (`namespace` →
 *   `__namespace__`, `-` → `__dash__`, ...), map keys are not.
 * - Rules that use `oldSelf` are transition rules, only evaluated on update: they are skipped (there is no
 *   old object at synth time).
 * - The reported message is `messageExpression` (when it evaluates to a non-empty single-line string), else
 *   `message`, else `failed rule: <rule>`; `fieldPath` moves the reported path; an evaluation error is reported
 *   as `<error> evaluating rule: <message or rule>`.
 * - Library functions: the strings extension (`substring`, `split`, `lowerAscii`, ...), `isIP(string)`, and
 *   `format.<name>().validate(string)` (dns1123Label, dns1123Subdomain, dns1035Label, qualifiedName,
 *   labelValue). Kubernetes returns `optional<list<string>>` from `validate`; @bufbuild/cel has no optional type,
 *   so it is a list of the errors (empty when valid). This keeps the one comparison the CRDs make,
 *   `validate(x) == null`, exactly as in cel-go: an optional never equals null, and neither does a list.
 */
import {
  CelEnv, CelScalar, celEnv, celFunc, celList, celMap, celMethod, CelResult, CelValue, isCelError, isCelMap, listType, objectType, parse,
  plan, CelType, unparse,
} from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { K8sValidationRule } from './bundle';
import {
  isDns1035Label, isDns1123Label, isDns1123Subdomain, isIP, isQualifiedName, isValidLabelValue,
} from './k8s-formats';
import { PathSegment } from './paths';
import { compilePattern } from './patterns';
import { isPlainObject } from './prepare';
import { KeyPlan, keyPlan, ProjectionCache, projectionKey, usageOf } from './projection';
import { SchemaNode } from './schema-node';

const FORMAT_PREFIX = 'kubernetes.format.';

/** The named formats of the Kubernetes CEL `format` library that this engine provides. */
const FORMATS: { readonly [name: string]: (s: string) => string[] } = {
  dns1123Label: isDns1123Label,
  dns1123Subdomain: isDns1123Subdomain,
  dns1035Label: isDns1035Label,
  qualifiedName: isQualifiedName,
  labelValue: isValidLabelValue,
};

/** `matches()` patterns with RE2 semantics (see patterns.ts), compiled once each (the engine default recompiles per call). */
const RE2_CACHE = new Map<string, { test(s: string): boolean }>();
const re2 = {
  compile(pattern: string) {
    let compiled = RE2_CACHE.get(pattern);
    if (!compiled) {
      compiled = compilePattern(pattern);
      RE2_CACHE.set(pattern, compiled);
    }
    return compiled;
  },
};

const K8S_FUNCS = [
  celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, (s: string) => isIP(s)),
  ...Object.keys(FORMATS).map((name) =>
    celFunc(`format.${name}`, [], CelScalar.TYPE, () => objectType(FORMAT_PREFIX + name))),
  celMethod('validate', CelScalar.TYPE, [CelScalar.STRING], listType(CelScalar.STRING), function validate(this: CelType, s: string) {
    const fn = this.name.startsWith(FORMAT_PREFIX) ? FORMATS[this.name.slice(FORMAT_PREFIX.length)] : undefined;
    if (!fn) throw new Error(`no such overload: ${this.name}.validate(string)`);
    return celList(fn(s));
  }),
];

/** The CEL environment of CRD validation rules. */
export const CEL_ENV: CelEnv = celEnv({ funcs: [...strings, ...K8S_FUNCS], re2 });

type Program = (ctx: { self: CelValue }) => CelResult;

/** A rule ready to evaluate. */
export interface CompiledRule {
  readonly rule: K8sValidationRule;
  /** Transition rules (using `oldSelf`) are not evaluated on create. */
  readonly transition: boolean;
  readonly program?: Program;
  readonly messageProgram?: Program;
  /** `fieldPath`, parsed. */
  readonly fieldPath: readonly PathSegment[];
  /** Why the rule could not be compiled (parse or check error); such a rule is not evaluated. */
  readonly compileError?: string;
  /** The parsed rule and messageExpression. */
  readonly exprs?: readonly AstExpr[];
}

/** A rule's outcome on one subject: passed, or the message (at `fieldPath` or, for evaluation errors, not). */
type Outcome = null | { readonly message: string; readonly atFieldPath: boolean };

// ---------------------------------------------------------------------------------------------
// Compilation: parse, check every function/field reference, plan.
// ---------------------------------------------------------------------------------------------

/** Operators the planner implements itself (not registered functions). */
const PLANNER_OPERATORS = new Set([
  '_[_]', '_[?_]', '_?_:_', '_&&_', '_||_', '@not_strictly_false', '__not_strictly_false__',
]);

type CheckType = SchemaNode | 'string' | undefined;

interface AstExpr {
  readonly exprKind: { readonly case: string | undefined; readonly value?: any };
}

class RuleChecker {
  public readonly problems: string[] = [];
  public usesOldSelf = false;

  public check(expr: AstExpr, scope: ReadonlyMap<string, CheckType>): CheckType {
    const k = expr.exprKind;
    switch (k.case) {
      case 'constExpr':
        return undefined;
      case 'identExpr': {
        const name: string = k.value.name;
        if (name === 'oldSelf') {
          this.usesOldSelf = true;
          return scope.get('self');
        }
        if (!scope.has(name)) this.problems.push(`undeclared reference to '${name}'`);
        return scope.get(name);
      }
      case 'selectExpr': {
        const operand = this.check(k.value.operand, scope);
        return this.field(operand, k.value.field);
      }
      case 'callExpr':
        return this.call(k.value, scope);
      case 'listExpr':
        for (const e of k.value.elements) this.check(e, scope);
        return undefined;
      case 'structExpr':
        for (const entry of k.value.entries) {
          if (entry.keyKind?.case === 'mapKey') this.check(entry.keyKind.value, scope);
          if (entry.value) this.check(entry.value, scope);
        }
        return undefined;
      case 'comprehensionExpr': {
        const c = k.value;
        const range = this.check(c.iterRange, scope);
        const inner = new Map(scope);
        let element: CheckType;
        if (range !== undefined && range !== 'string') {
          if (range.type === 'array') element = range.items;
          else if (range.type === 'object') element = 'string';
        }
        inner.set(c.iterVar, element);
        if (c.iterVar2) inner.set(c.iterVar2, undefined);
        this.check(c.accuInit, scope);
        inner.set(c.accuVar, undefined);
        this.check(c.loopCondition, inner);
        this.check(c.loopStep, inner);
        const resultScope = new Map(scope);
        resultScope.set(c.accuVar, undefined);
        this.check(c.result, resultScope);
        return undefined;
      }
      default:
        this.problems.push(`unsupported expression ${String(k.case)}`);
        return undefined;
    }
  }

  private field(operand: CheckType, field: string): CheckType {
    if (operand === undefined || operand === 'string') return undefined;
    if (operand.properties) {
      const found = operand.celProperties.find(([, celName]) => celName === field);
      if (!found) {
        this.problems.push(`undefined field '${field}' (schema ${operand.location || '.'})`);
        return undefined;
      }
      return found[2];
    }
    if (operand.additional) return operand.additional;
    return undefined;
  }

  private call(call: any, scope: ReadonlyMap<string, CheckType>): CheckType {
    const name: string = call.function;
    const args: AstExpr[] = call.args;
    // qualified function names, e.g. format.dns1123Label()
    if (call.target) {
      const qualified = qualifiedName(call.target);
      if (qualified !== undefined && !scope.has(qualified.split('.')[0])) {
        const group = CEL_ENV.funcs.find(`${qualified}.${name}`);
        if (group) {
          for (const a of args) this.check(a, scope);
          if (![...group].some((f) => f.target === undefined && f.arguments.length === args.length)) {
            this.problems.push(`no matching overload for '${qualified}.${name}' with ${args.length} argument(s)`);
          }
          return undefined;
        }
      }
    }
    const target = call.target ? this.check(call.target, scope) : undefined;
    const argTypes = args.map((a) => this.check(a, scope));
    if (PLANNER_OPERATORS.has(name)) {
      if (name === '_[_]' && target === undefined && argTypes[0] !== undefined && argTypes[0] !== 'string') {
        const container = argTypes[0];
        return container.type === 'array' ? container.items : container.additional;
      }
      return undefined;
    }
    const group = CEL_ENV.funcs.find(name);
    if (!group) {
      this.problems.push(`undeclared reference to '${name}'`);
      return undefined;
    }
    const member = call.target !== undefined;
    if (![...group].some((f) => (f.target !== undefined) === member && f.arguments.length === args.length)) {
      this.problems.push(`found no matching overload for '${name}' with ${args.length} argument(s)${member ? ' on a target' : ''}`);
    }
    return undefined;
  }
}

function qualifiedName(expr: AstExpr): string | undefined {
  const k = expr.exprKind;
  if (k.case === 'identExpr') return k.value.name;
  if (k.case === 'selectExpr' && !k.value.testOnly) {
    const parent = qualifiedName(k.value.operand);
    return parent === undefined ? undefined : `${parent}.${k.value.field}`;
  }
  return undefined;
}

/** Parses a rule's `fieldPath` (`.a.b`, `['a.b']`) into segments. */
export function parseFieldPath(fieldPath: string): PathSegment[] {
  const segs: PathSegment[] = [];
  const re = /\.([A-Za-z_][A-Za-z0-9_-]*)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]/y;
  let pos = 0;
  while (pos < fieldPath.length) {
    re.lastIndex = pos;
    const m = re.exec(fieldPath);
    if (!m) throw new Error(`invalid fieldPath "${fieldPath}" at position ${pos}`);
    if (m[1] !== undefined) segs.push(m[1]);
    else if (m[2] !== undefined) segs.push(m[2].replace(/\\(.)/g, '$1'));
    else segs.push(Number(m[3]));
    pos = re.lastIndex;
  }
  return segs;
}

const PROGRAMS = new Map<string, Program>();

function planned(source: string): Program {
  let program = PROGRAMS.get(source);
  if (!program) {
    program = plan(CEL_ENV, parse(source)) as Program;
    PROGRAMS.set(source, program);
  }
  return program;
}

/** Compiles a rule of `node`: parses it, checks every function and field reference against the schema, plans it. */
export function compileRule(rule: K8sValidationRule, node: SchemaNode): CompiledRule {
  const scope = new Map<string, CheckType>([['self', node]]);
  try {
    const checker = new RuleChecker();
    const exprs = [parse(rule.rule).expr as AstExpr];
    if (rule.messageExpression) exprs.push(parse(rule.messageExpression).expr as AstExpr);
    for (const e of exprs) checker.check(e, scope);
    const fieldPath = rule.fieldPath ? parseFieldPath(rule.fieldPath) : [];
    if (checker.problems.length > 0) {
      return { rule, transition: checker.usesOldSelf, fieldPath, compileError: checker.problems.join('; ') };
    }
    if (checker.usesOldSelf) return { rule, transition: true, fieldPath };
    return {
      rule,
      transition: false,
      fieldPath,
      program: planned(rule.rule),
      messageProgram: rule.messageExpression ? planned(rule.messageExpression) : undefined,
      exprs,
    };
  } catch (e) {
    return { rule, transition: false, fieldPath: [], compileError: e instanceof Error ? e.message : String(e) };
  }
}

/** The rules of a node, ready to evaluate, with their outcome cache. */
export interface NodeRules {
  /** Every rule of the node (transition rules and rules that did not compile are not evaluated). */
  readonly all: readonly CompiledRule[];
  /** The rules evaluated on create. */
  readonly active: readonly CompiledRule[];
  /** What the active rules can observe of `self`, resolved against the node (see projection.ts). */
  readonly plan: KeyPlan;
  /** Outcomes of the active rules (in order) by projection key of the subject. */
  readonly outcomes: ProjectionCache<readonly Outcome[]>;
  /**
   * The active rules that are uniqueness rules (see `uniqueKeyOf`), checked on the JSON subject by hashing instead
   * of CEL's pairwise comprehension when the subject passes every rule (the fast path of `evaluateNodeRules`).
   */
  readonly unique: readonly UniqueKey[];
  /**
   * The conjunction of the other active rules (for two or more; the one rule's program for one when uniqueness rules
   * were set apart), evaluated first on a new subject: CEL's `&&` is `true` only when every operand is `true`, so
   * that one evaluation stands for all of them in the common case where the subject passes; any other result
   * evaluates the rules one by one for their own outcome and message.
   */
  readonly allPass?: Program;
  /**
   * The fields `f` that the rules select as `self.f`: `allPass` gets each one present as a variable named
   * `self.f`, which is how CEL resolves such a name first (a qualified identifier, then a field of `self`), so
   * that the interpreter does not look it up in vain (in the variables, then as a type) every time.
   */
  readonly selfFields: readonly string[];
}

/** The outcomes of rules that all passed, by number of rules. */
const ALL_PASSED: Array<readonly Outcome[]> = [];

function allPassed(count: number): readonly Outcome[] {
  return (ALL_PASSED[count] ??= Object.freeze(new Array<Outcome>(count).fill(null)));
}

/**
 * A rule of the form `condition ? then : true` (most "only for this type" rules are), split for `conjunction`; null
 * for other rules, or when a part cannot be written back as CEL source (e.g. it holds an expanded macro).
 */
function guardedRule(root: AstExpr): { readonly condition: string; readonly then: string } | null {
  if (root.exprKind.case !== 'callExpr' || root.exprKind.value.function !== '_?_:_') return null;
  const [condition, then, otherwise] = root.exprKind.value.args;
  if (otherwise?.exprKind.case !== 'constExpr' || otherwise.exprKind.value.constantKind.case !== 'boolValue'
    || otherwise.exprKind.value.constantKind.value !== true) return null;
  try {
    const parts = { condition: unparse(condition), then: unparse(then) };
    parse(parts.condition);
    parse(parts.then);
    return parts;
  } catch {
    return null;
  }
}

/**
 * One CEL program that is `true` only when every active rule is `true` (see `NodeRules.allPass`). Rules guarded by
 * the same condition (`c ? x1 : true`, `c ? x2 : true`) are merged into `c ? (x1 && x2) : true`, which is `true`
 * exactly when both rules are, and evaluates `c` once.
 */
function conjunction(active: readonly CompiledRule[]): Program | undefined {
  if (active.length < 2) return undefined;
  try {
    const terms: Array<string | { readonly condition: string; readonly thens: string[] }> = [];
    const byCondition = new Map<string, { readonly condition: string; readonly thens: string[] }>();
    for (const r of active) {
      // exprs[0]: the rule's expression, parsed when it was compiled
      const guarded = r.exprs ? guardedRule(r.exprs[0]) : null;
      if (!guarded) {
        terms.push(r.rule.rule);
        continue;
      }
      let group = byCondition.get(guarded.condition);
      if (!group) {
        group = { condition: guarded.condition, thens: [] };
        byCondition.set(guarded.condition, group);
        terms.push(group);
      }
      group.thens.push(guarded.then);
    }
    // each part on its own lines, so that a trailing `// comment` in a rule cannot swallow what follows
    const wrap = (x: string) => `(\n${x}\n)`;
    return planned(terms.map((t) => wrap(typeof t === 'string' ? t
      : `${wrap(t.condition)} ? (${t.thens.map(wrap).join(' && ')}) : true`)).join(' && '));
  } catch {
    return undefined;
  }
}

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
    parsed = parse(rule);
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

const COMPILED = new WeakMap<SchemaNode, NodeRules>();
const MAX_OUTCOMES_PER_NODE = 20_000;
const OUTCOME_MAPS: Array<ProjectionCache<readonly Outcome[]>> = [];

/** The rules of `node`, compiled once. */
export function nodeRules(node: SchemaNode): NodeRules {
  let rules = COMPILED.get(node);
  if (!rules) {
    const all = node.rules.map((r) => compileRule(r, node));
    const active = all.filter((r) => r.program !== undefined);
    const outcomes = new ProjectionCache<readonly Outcome[]>(MAX_OUTCOMES_PER_NODE);
    OUTCOME_MAPS.push(outcomes);
    const unique: UniqueKey[] = [];
    const rest: CompiledRule[] = [];
    for (const r of active) {
      const key = uniqueKeyOf(r.rule.rule, node);
      if (key) unique.push(key);
      else rest.push(r);
    }
    let allPass = unique.length > 0 && rest.length === 1 ? rest[0].program : conjunction(rest);
    if (unique.length > 0 && rest.length > 0 && allPass === undefined) {
      // the other rules have no conjunction, so the fast path could not decide them: no fast path for this node
      unique.length = 0;
      allPass = conjunction(active);
    }
    const keys = keyPlan(usageOf(active.flatMap((r) => r.exprs ?? [])), node);
    // the fields whose values the rules read (`self.f`), from the same analysis as the projection key
    const selfFields = node.properties ? keys.fields.map(([cel]) => cel) : [];
    rules = { all, active, plan: keys, outcomes, unique, allPass, selfFields };
    COMPILED.set(node, rules);
  }
  return rules;
}

/** The compiled rules of `node`. */
export function compiledRules(node: SchemaNode): readonly CompiledRule[] {
  return nodeRules(node).all;
}

// ---------------------------------------------------------------------------------------------
// Values: JSON → CEL, typed by the schema.
// ---------------------------------------------------------------------------------------------

/**
 * A JSON object seen by CEL through its schema: only declared properties (by their escaped CEL names), values
 * converted on first access. Rules usually read a few fields of a large subject, so most of it is never
 * converted.
 */
class SchemaObjectMap implements ReadonlyMap<string, CelValue> {
  private readonly converted = new Map<string, CelValue>();
  private names?: string[];

  public constructor(
    private readonly obj: Record<string, unknown>,
    private readonly node: SchemaNode | undefined,
    private readonly converter: CelValues,
    private readonly isRoot: boolean,
  ) {}

  public get size(): number {
    return this.keyList().length;
  }

  public get(name: string): CelValue | undefined {
    const done = this.converted.get(name);
    if (done !== undefined) return done;
    let value: CelValue | undefined;
    const node = this.node;
    if (node?.properties) {
      const entry = node.celByName.get(name);
      if (!entry || !Object.prototype.hasOwnProperty.call(this.obj, entry[0])) return undefined;
      value = this.isRoot && entry[0] === 'metadata'
        ? this.converter.rootMetadata(this.obj.metadata)
        : this.converter.of(this.obj[entry[0]], entry[1]);
    } else if (Object.prototype.hasOwnProperty.call(this.obj, name) && this.keyList().includes(name)) {
      value = this.converter.of(this.obj[name], node?.additional);
    }
    if (value !== undefined) this.converted.set(name, value);
    return value;
  }

  public has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  public keys(): MapIterator<string> {
    return this.keyList().values();
  }

  public *entries(): MapIterator<[string, CelValue]> {
    for (const k of this.keyList()) yield [k, this.get(k)!];
  }

  public *values(): MapIterator<CelValue> {
    for (const k of this.keyList()) yield this.get(k)!;
  }

  public forEach(callback: (value: CelValue, key: string, map: ReadonlyMap<string, CelValue>) => void, thisArg?: unknown): void {
    for (const k of this.keyList()) callback.call(thisArg, this.get(k)!, k, this);
  }

  public [Symbol.iterator](): MapIterator<[string, CelValue]> {
    return this.entries();
  }

  private keyList(): string[] {
    if (!this.names) {
      const node = this.node;
      if (node?.properties) {
        this.names = node.celProperties.filter(([json]) => Object.prototype.hasOwnProperty.call(this.obj, json)).map(([, cel]) => cel);
      } else if (node?.additional || !node || node.preserveUnknown) {
        this.names = Object.keys(this.obj);
      } else {
        // an object schema without properties: every field is pruned
        this.names = [];
      }
    }
    return this.names;
  }
}

/** Converts prepared JSON to CEL values typed by the schema; objects and arrays are converted once (by identity). */
export class CelValues {
  private readonly memo = new Map<object, CelValue>();

  public of(value: unknown, node: SchemaNode | undefined, isRoot = false): CelValue {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        if (!node || node.type === 'integer' || node.intOrString || (node.type === undefined && Number.isInteger(value))) {
          return Number.isSafeInteger(value) ? BigInt(value) : value;
        }
        return value;
      case 'object':
        break;
      default:
        return null;
    }
    if (value === null) return null;
    const cached = this.memo.get(value);
    if (cached !== undefined) return cached;
    let result: CelValue;
    if (Array.isArray(value)) {
      const items = node?.items;
      result = celList(value.map((x) => this.of(x, items)));
    } else {
      result = celMap(new SchemaObjectMap(value as Record<string, unknown>, node, this, isRoot));
    }
    this.memo.set(value, result);
    return result;
  }

  /** Rules at the root see only `metadata.name` and `metadata.generateName`, as in the API server. */
  public rootMetadata(metadata: unknown): CelValue {
    const entries = new Map<string, CelValue>();
    if (isPlainObject(metadata)) {
      for (const k of ['name', 'generateName']) {
        if (typeof metadata[k] === 'string') entries.set(k, metadata[k] as string);
      }
    }
    return celMap(entries);
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

/** A failed rule, at a path relative to the node where the walk started. */
export interface RuleViolation {
  readonly segs: PathSegment[];
  readonly message: string;
}

function ruleErrorString(rule: K8sValidationRule): string {
  return (rule.message ?? '').trim() || rule.rule.trim();
}

function ruleMessageOrDefault(rule: K8sValidationRule): string {
  const message = (rule.message ?? '').trim();
  return message.length > 0 ? message : `failed rule: ${rule.rule.trim()}`;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Evaluates one rule on `self` with CEL. */
function runRule(compiled: CompiledRule, self: CelValue): Outcome {
  const result = compiled.program!({ self });
  if (result === true) return null;
  if (isCelError(result)) {
    // cel-go's wording for the error rules hit most (a field the rule expects is absent)
    const text = errorText(result).replace(/^field not found: /, 'no such key: ');
    const message = text.startsWith('no such overload') || text.startsWith('no matching overload')
      ? `'${text}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleErrorString(compiled.rule)}`
      : `${text} evaluating rule: ${ruleErrorString(compiled.rule)}`;
    return { message, atFieldPath: false };
  }
  let message = ruleMessageOrDefault(compiled.rule);
  if (compiled.messageProgram) {
    const m = compiled.messageProgram({ self });
    if (typeof m === 'string' && m.trim().length > 0 && !m.includes('\n')) message = m.trim();
  }
  return { message, atFieldPath: true };
}

/** Forgets every cached outcome (the benchmark measures a cold process this way). */
export function clearOutcomeCaches(): void {
  for (const m of OUTCOME_MAPS) m.clear();
}
let outcomeCacheEnabled = true;

/**
 * Turns the per-rule outcome cache and the conjunction shortcut (see `NodeRules.allPass`) on or off (on by
 * default). Off, every rule is evaluated with CEL on every subject, one by one; the results are the same, only
 * slower (the tests compare both).
 */
export function setOutcomeCache(enabled: boolean): void {
  outcomeCacheEnabled = enabled;
}

/** Reused for every projection key: the cache copies nothing from it. Evaluation never reenters itself. */
const KEY_BUFFER: unknown[] = [];

/**
 * Outcome statistics since the process started (for the benchmark): rules evaluated one by one, rules answered from
 * the outcome cache, and nodes whose rules all passed in one evaluation of their conjunction.
 */
export const OUTCOME_STATS = { evaluations: 0, cached: 0, conjunctions: 0 };

/**
 * Evaluates the rules of one node on `value` (prepared JSON); violations are reported at `segs` (plus the rule's
 * `fieldPath`). Rules are evaluated with CEL only for a subject whose projection (what the rules can observe of
 * it) has not been seen before; the CEL value of the subject is built only then.
 */
export function evaluateNodeRules(
  rules: NodeRules, value: unknown, self: () => CelValue, segs: readonly PathSegment[], out: RuleViolation[],
): void {
  const active = rules.active;
  if (active.length === 0) return;
  let outcomes: readonly Outcome[] | undefined;
  let key: unknown[] | undefined;
  if (outcomeCacheEnabled) {
    key = KEY_BUFFER;
    key.length = 0;
    projectionKey(value, rules.plan, key);
    outcomes = rules.outcomes.get(key);
  }
  if (outcomes === undefined) {
    if (outcomeCacheEnabled && passesAll(rules, value, self)) {
      outcomes = allPassed(active.length);
      OUTCOME_STATS.conjunctions++;
    } else {
      const celSelf = self();
      outcomes = active.map((r) => runRule(r, celSelf));
      OUTCOME_STATS.evaluations += active.length;
    }
    if (key !== undefined) rules.outcomes.set(key, outcomes);
  } else {
    OUTCOME_STATS.cached += active.length;
  }
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i];
    if (outcome === null) continue;
    out.push({ segs: outcome.atFieldPath ? [...segs, ...active[i].fieldPath] : [...segs], message: outcome.message });
  }
}

/** The variables of `allPass`: `self`, and `self.f` for each field of `selfFields` that the subject has. */
function allPassBindings(rules: NodeRules, celSelf: CelValue): { self: CelValue } {
  const vars: { self: CelValue; [name: string]: CelValue } = { self: celSelf };
  if (rules.selfFields.length > 0 && isCelMap(celSelf)) {
    for (const f of rules.selfFields) {
      const v = celSelf.get(f);
      if (v !== undefined) vars[`self.${f}`] = v;
    }
  }
  return vars;
}

/**
 * The fast path: true when the subject passes every active rule of the node, decided by the uniqueness rules' hash
 * check and one evaluation of the other rules' conjunction; false when that cannot tell (the rules are then evaluated
 * one by one).
 */
function passesAll(rules: NodeRules, value: unknown, self: () => CelValue): boolean {
  if (rules.unique.length === 0 && rules.allPass === undefined) return false;
  for (const key of rules.unique) if (!passesUniqueKey(value, key)) return false;
  return rules.allPass === undefined || rules.allPass(allPassBindings(rules, self())) === true;
}

const UNCOMPILED = new WeakMap<SchemaNode, readonly string[]>();

/** The rules that could not be compiled, anywhere below `node` (reported as warnings, never evaluated). */
export function uncompiledRules(node: SchemaNode): readonly string[] {
  const known = UNCOMPILED.get(node);
  if (known) return known;
  const out: string[] = [];
  const visit = (n: SchemaNode): void => {
    if (!n.rulesBelow) return;
    for (const r of compiledRules(n)) {
      if (!r.program && !r.transition) out.push(`rule not evaluated (${r.compileError}): ${r.rule.rule}`);
    }
    for (const c of n.properties?.values() ?? []) visit(c);
    if (n.additional) visit(n.additional);
    if (n.items) visit(n.items);
  };
  visit(node);
  UNCOMPILED.set(node, out);
  return out;
}

/**
 * Walks prepared data along the schema and evaluates every rule whose subject is present, top-down; returns the
 * violations with paths from the root. Subtrees without rules are not visited.
 */
export function evaluateRules(data: unknown, root: SchemaNode): RuleViolation[] {
  const values = new CelValues();
  const out: RuleViolation[] = [];
  const segs: PathSegment[] = [];
  const walk = (value: unknown, node: SchemaNode, isRoot: boolean): void => {
    if (value === undefined || value === null) return;
    if (node.rules.length > 0) {
      evaluateNodeRules(nodeRules(node), value, () => values.of(value, node, isRoot), segs, out);
    }
    if (Array.isArray(value)) {
      const items = node.items;
      if (items?.rulesBelow) {
        for (let i = 0; i < value.length; i++) {
          segs.push(i);
          walk(value[i], items, false);
          segs.pop();
        }
      }
    } else if (isPlainObject(value)) {
      if (node.properties) {
        for (const [name, child] of node.properties) {
          if (!child.rulesBelow || !Object.prototype.hasOwnProperty.call(value, name)) continue;
          if (isRoot && (name === 'metadata' || name === 'status')) continue;
          segs.push(name);
          walk(value[name], child, false);
          segs.pop();
        }
      } else if (node.additional?.rulesBelow) {
        for (const k of Object.keys(value).sort()) {
          segs.push({ key: k });
          walk(value[k], node.additional, false);
          segs.pop();
        }
      }
    }
  };
  walk(data, root, true);
  return out;
}
