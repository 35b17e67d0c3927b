/**
 * Compilation of `x-kubernetes-validations` rules: parse, check every function and field reference against the
 * schema, plan; and, per schema node, the plan of its rules (what they observe of `self`, the uniqueness rules set
 * apart, the conjunction of the others).
 *
 * Rules that use `oldSelf` are transition rules, only evaluated on update: they are never evaluated here (there is
 * no old object at synth time). A rule that does not compile is reported as a warning and never evaluated.
 */
import type { CelResult, CelValue } from '@bufbuild/cel';
import type { AstExpr } from './ast';
import { FastAllPass, fastAllPass } from './fast';
import { parsed } from './parsed';
import { hasPrecompiledAst, precompiledSignatures, recordFunctionLookup } from './precompiled';
import { celEnvironment, celRuntime, liveSignatures } from './runtime';
import { passesUniqueKey, UniqueKey, uniqueKeyOf } from './unique-keys';
import { allSchemaKeys, K8sValidationRule } from '../bundle';
import { PathSegment } from '../paths';
import { KeyPlan, keyPlan, usageOf } from '../projection';
import { SchemaNode, schemaNode } from '../schema-node';

/** A planned CEL program. */
export type Program = (ctx: { self: CelValue }) => CelResult;

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


/** Operators the planner implements itself (not registered functions). */
const PLANNER_OPERATORS = new Set([
  '_[_]', '_[?_]', '_?_:_', '_&&_', '_||_', '@not_strictly_false', '__not_strictly_false__',
]);

type CheckType = SchemaNode | 'string' | undefined;

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
        const group = signatures(`${qualified}.${name}`);
        if (group) {
          for (const a of args) this.check(a, scope);
          if (!group.includes(`f${args.length}`)) {
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
    const group = signatures(name);
    if (!group) {
      this.problems.push(`undeclared reference to '${name}'`);
      return undefined;
    }
    const member = call.target !== undefined;
    if (!group.includes(`${member ? 'm' : 'f'}${args.length}`)) {
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

/**
 * The overloads of CEL function `name` in the environment, as `f<arity>` (global) and `m<arity>` (member): from the
 * build-time table when it has the name (the environment is then not loaded), else from the environment itself.
 */
function signatures(name: string): readonly string[] | undefined {
  recordFunctionLookup(name);
  const known = precompiledSignatures(name);
  return (known === undefined ? liveSignatures(name) : known) ?? undefined;
}

const PROGRAMS = new Map<string, Program>();

/** Plans not made yet: a program parsed at build time is planned on its first evaluation. */
const UNPLANNED = new Map<string, () => Program>();

/**
 * The planned program of `source`. A source of the build-time table (every rule of the bundled CRDs; a test plans
 * each of them) is planned on first evaluation, so that a run whose subjects pass the JavaScript fast path never
 * loads the CEL runtime; any other is planned now (a planning error is a compile error of the rule).
 */
function planned(source: string): Program {
  let program = PROGRAMS.get(source);
  if (!program) {
    const expr = parsed(source);
    if (hasPrecompiledAst(source)) {
      let made: Program | undefined;
      const make = (): Program => {
        made ??= celRuntime().plan(celEnvironment(), expr) as Program;
        UNPLANNED.delete(source);
        return made;
      };
      UNPLANNED.set(source, make);
      program = (ctx) => (made ?? make())(ctx);
    } else {
      program = celRuntime().plan(celEnvironment(), expr) as Program;
    }
    PROGRAMS.set(source, program);
  }
  return program;
}

/** Plans every program not planned yet (the test that every rule of the bundled CRDs plans). */
export function planAll(): void {
  for (const make of [...UNPLANNED.values()]) make();
}

/** Compiles a rule of `node`: parses it, checks every function and field reference against the schema, plans it. */
export function compileRule(rule: K8sValidationRule, node: SchemaNode): CompiledRule {
  const scope = new Map<string, CheckType>([['self', node]]);
  try {
    const checker = new RuleChecker();
    const exprs = [parsed(rule.rule).expr as AstExpr];
    if (rule.messageExpression) exprs.push(parsed(rule.messageExpression).expr as AstExpr);
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
  /**
   * The conjunction of every active rule translated to JavaScript on the JSON subject (see fast.ts): true only when
   * every rule is `true`; false decides nothing (the rules are then evaluated with CEL). Undefined when nothing of
   * the rules translates.
   */
  readonly fast?: FastAllPass;
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
    const parts = { condition: celRuntime().unparse(condition), then: celRuntime().unparse(then) };
    parsed(parts.condition);
    parsed(parts.then);
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

const COMPILED = new WeakMap<SchemaNode, NodeRules>();

/** The rules of `node`, compiled once. */
export function nodeRules(node: SchemaNode): NodeRules {
  let rules = COMPILED.get(node);
  if (!rules) {
    const all = node.rules.map((r) => compileRule(r, node));
    const active = all.filter((r) => r.program !== undefined);
    const recognized: UniqueKey[] = [];
    const rest: CompiledRule[] = [];
    for (const r of active) {
      const key = uniqueKeyOf(r.rule.rule, node);
      if (key) recognized.push(key);
      else rest.push(r);
    }
    // the shortcut of the CEL path, made on its first use (the conjunction is written with the CEL runtime)
    let shortcut: { readonly unique: readonly UniqueKey[]; readonly allPass?: Program } | undefined;
    const cel = () => {
      if (!shortcut) {
        let unique = recognized;
        let allPass = unique.length > 0 && rest.length === 1 ? rest[0].program : conjunction(rest);
        if (unique.length > 0 && rest.length > 0 && allPass === undefined) {
          // the other rules have no conjunction, so the fast path could not decide them: no fast path for this node
          unique = [];
          allPass = conjunction(active);
        }
        shortcut = { unique, allPass };
      }
      return shortcut;
    };
    // the projection key's plan, made on first use (the outcome cache): a run whose subjects pass the fast path has none
    let keys: KeyPlan | undefined;
    let selfFields: readonly string[] | undefined;
    const plan = () => (keys ??= keyPlan(usageOf(active.flatMap((r) => r.exprs ?? [])), node));
    // the JavaScript conjunction: uniqueness rules by their hash check (exact when it passes), the others translated;
    // written on first use (uncompiledRules compiles every rule of a schema, most nodes are never visited)
    let fast: { readonly fn?: FastAllPass } | undefined;
    const fastPath = () => {
      if (!fast) {
        const others = rest.length > 0 ? fastAllPass(rest.map((r) => r.exprs![0]), node) : undefined;
        let fn: FastAllPass | undefined = others;
        if (recognized.length > 0 && (rest.length === 0 || others !== undefined)) {
          fn = (value) => {
            for (const key of recognized) if (!passesUniqueKey(value, key)) return false;
            return others === undefined || others(value);
          };
        }
        fast = { fn };
      }
      return fast.fn;
    };
    rules = {
      all,
      active,
      get plan() {
        return plan();
      },
      get unique() {
        return cel().unique;
      },
      get allPass() {
        return cel().allPass;
      },
      get selfFields() {
        // the fields whose values the rules read (`self.f`), from the same analysis as the projection key
        selfFields ??= node.properties ? plan().fields.map(([name]) => name) : [];
        return selfFields;
      },
      get fast() {
        return fastPath();
      },
    };
    COMPILED.set(node, rules);
  }
  return rules;
}

/** The compiled rules of `node`. */
export function compiledRules(node: SchemaNode): readonly CompiledRule[] {
  return nodeRules(node).all;
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

/** Compiles the rules of every node of every bundled schema (the build-time table of parsed rules is made so). */
export function compileAllRules(): void {
  for (const key of allSchemaKeys()) {
    const visit = (n: SchemaNode): void => {
      if (!n.rulesBelow) return;
      // the CEL path's conjunction too (made on first use otherwise): its source is in the build-time table
      if (n.rules.length > 0) void nodeRules(n).allPass;
      for (const c of n.properties?.values() ?? []) visit(c);
      if (n.additional) visit(n.additional);
      if (n.items) visit(n.items);
    };
    visit(schemaNode(key));
  }
}
