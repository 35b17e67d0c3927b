/**
 * `x-kubernetes-validations` rules, evaluated with a real CEL engine (@bufbuild/cel) in an environment that adds
 * the Kubernetes CEL library functions the Gateway API CRDs use. One concern per module:
 * - library.ts: the Kubernetes CEL library (the CEL environment);
 * - compile.ts: rules compiled and checked against the schema, and each node's plan;
 * - unique-keys.ts: list uniqueness rules checked by hashing;
 * - outcome-cache.ts: the cache of rule outcomes by projection key;
 * - values.ts: JSON seen by CEL through the schema;
 * - fast.ts: the conjunction of a node's rules translated to JavaScript, to pass subjects without CEL;
 * - evaluate.ts: the walk that evaluates the rules of an object.
 */
export { CEL_ENV } from './library';
export { compileRule, compiledRules, nodeRules, parseFieldPath, uncompiledRules } from './compile';
export type { CompiledRule, NodeRules } from './compile';
export { passesUniqueKey, uniqueKeyOf } from './unique-keys';
export type { UniqueKey } from './unique-keys';
export { clearOutcomeCaches, OUTCOME_STATS, OutcomeCache, SHARED_OUTCOMES } from './outcome-cache';
export type { OutcomeStats } from './outcome-cache';
export type { CelValues } from './values';
export { evaluateNodeRules, evaluateRules, visitRuleSubjects } from './evaluate';
export { fastAllPassSource } from './fast';
export type { FastAllPass } from './fast';
export type { RuleViolation } from './evaluate';
