/**
 * Evaluation of `x-kubernetes-validations` rules on prepared (pruned and defaulted) data, as the API server does on
 * create:
 * - `self` is the value at the rule's schema node (see values.ts);
 * - the reported message is `messageExpression` (when it evaluates to a non-empty single-line string), else
 *   `message`, else `failed rule: <rule>`; `fieldPath` moves the reported path; an evaluation error is reported
 *   as `<error> evaluating rule: <message or rule>`.
 */
import type { CelValue } from '@bufbuild/cel';
import { CompiledRule, NodeRules, nodeRules } from './compile';
import { allPassed, Outcome, OutcomeCache, SHARED_OUTCOMES } from './outcome-cache';
import { celRuntime } from './runtime';
import { passesUniqueKey } from './unique-keys';
import { CelValues } from './values';
import { K8sValidationRule } from '../bundle';
import { PathSegment } from '../paths';
import { isPlainObject } from '../prepare';
import { ProjectionCache, projectionKey } from '../projection';
import { SchemaNode } from '../schema-node';

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
  if (celRuntime().isCelError(result)) {
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


/** Reused for every projection key: the cache copies nothing from it. Evaluation never reenters itself. */
const KEY_BUFFER: unknown[] = [];

/**
 * Evaluates the rules of one node on `value` (prepared JSON); violations are reported at `segs` (plus the rule's
 * `fieldPath`). Rules are evaluated with CEL only for a subject whose projection (what the rules can observe of
 * it) has not been seen before; the CEL value of the subject is built only then.
 */
export function evaluateNodeRules(
  rules: NodeRules, value: unknown, self: () => CelValue, segs: readonly PathSegment[], out: RuleViolation[],
  cache: OutcomeCache = SHARED_OUTCOMES,
): void {
  const active = rules.active;
  if (active.length === 0) return;
  // most subjects pass every rule: the JavaScript conjunction says so without CEL, a projection key or the cache
  if (cache.enabled && rules.fast !== undefined && rules.fast(value)) {
    cache.stats.conjunctions++;
    return;
  }
  let outcomes: readonly Outcome[] | undefined;
  let key: unknown[] | undefined;
  let byKey: ProjectionCache<readonly Outcome[]> | undefined;
  if (cache.enabled) {
    key = KEY_BUFFER;
    key.length = 0;
    projectionKey(value, rules.plan, key);
    byKey = cache.of(rules);
    outcomes = byKey.get(key);
  }
  if (outcomes === undefined) {
    if (cache.enabled && passesAll(rules, value, self)) {
      outcomes = allPassed(active.length);
      cache.stats.conjunctions++;
    } else {
      const celSelf = self();
      outcomes = active.map((r) => runRule(r, celSelf));
      cache.stats.evaluations += active.length;
    }
    if (key !== undefined) byKey!.set(key, outcomes);
  } else {
    cache.stats.cached += active.length;
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
  if (rules.selfFields.length > 0 && celRuntime().isCelMap(celSelf)) {
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

const RULE_CHILDREN = new WeakMap<SchemaNode, ReadonlyArray<readonly [string, SchemaNode]>>();

/** The declared properties of `node` with rules at or below them, in schema order (computed once per node). */
function withRulesBelow(node: SchemaNode): ReadonlyArray<readonly [string, SchemaNode]> {
  let children = RULE_CHILDREN.get(node);
  if (!children) {
    children = [...(node.properties ?? [])].filter(([, child]) => child.rulesBelow);
    RULE_CHILDREN.set(node, children);
  }
  return children;
}

/**
 * Walks prepared data along the schema, top-down, and calls `visit` for every present value whose node has rules,
 * with its path (the array is reused: copy it to keep it). Subtrees without rules are not visited; neither are the
 * root's `metadata` and `status`.
 */
export function visitRuleSubjects(
  data: unknown, root: SchemaNode, visit: (value: unknown, node: SchemaNode, segs: readonly PathSegment[], isRoot: boolean) => void,
): void {
  const segs: PathSegment[] = [];
  const walk = (value: unknown, node: SchemaNode, isRoot: boolean): void => {
    if (value === undefined || value === null) return;
    if (node.rules.length > 0) visit(value, node, segs, isRoot);
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
        for (const [name, child] of withRulesBelow(node)) {
          if (!Object.prototype.hasOwnProperty.call(value, name)) continue;
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
}

/**
 * Evaluates every rule whose subject is present in prepared data (see `visitRuleSubjects`); returns the violations
 * with paths from the root.
 */
export function evaluateRules(data: unknown, root: SchemaNode, cache: OutcomeCache = SHARED_OUTCOMES): RuleViolation[] {
  const values = new CelValues();
  const out: RuleViolation[] = [];
  visitRuleSubjects(data, root, (value, node, segs, isRoot) => {
    evaluateNodeRules(nodeRules(node), value, () => values.of(value, node, isRoot), segs, out, cache);
  });
  return out;
}
