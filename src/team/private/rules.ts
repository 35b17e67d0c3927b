/**
 * Internal rule helpers shared by the HTTPRoute and GRPCRoute rules.
 */
import type { Backend } from '../backend';
import type { RouteFilter } from '../filters';
import type { PathMatch } from '../matches';
import { checkSubdomain, duplicates, fail, q } from './validate';

/** What a rule needs from its route. */
export interface RuleHost {
  /** The route's construct path. */
  readonly path: string;
  readonly routeKind: string;
  readonly routeNamespace?: string;
  /** Checks the backend's filters for the route kind and records its ReferenceGrant. */
  useBackend(where: string, backend: Backend): void;
  /** Checks the filter for the route kind and records the grants of the backends it refers to. */
  useFilter(where: string, filter: RouteFilter): void;
  /** The number of matches of every rule of the route. */
  totalMatches(): number;
}

/** Filter types a rule (or backend) may list only once. */
const UNIQUE_FILTERS = ['CORS', 'RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite'];

/** The CRD rules of a `filters` list, checked after `filters` changed. */
export function checkFilterList(where: string, filters: RouteFilter[]): void {
  if (filters.length > 16) fail(where, `${filters.length} filters: a rule or backend can have at most 16.`);
  const dups = duplicates(filters, (f) => f.type).filter((t) => UNIQUE_FILTERS.includes(t));
  if (dups.length > 0) {
    fail(where, `the ${dups[0]} filter is listed twice: it may appear once per list (only ExtensionRef, RequestMirror and ` +
      'ExternalAuth can repeat); merge the two.');
  }
  const types = filters.map((f) => f.type);
  if (types.includes('RequestRedirect') && types.includes('URLRewrite')) {
    fail(where, 'RequestRedirect and URLRewrite cannot both be used: a redirect answers the client, a rewrite changes the forwarded ' +
      'request; keep one.');
  }
}

/**
 * The CEL rule for `ReplacePrefixMatch` path modifiers: the rule must have at most one match (none means the
 * default `PathPrefix /`), and its path, when set, must be a `PathPrefix`.
 */
export function prefixModifierProblem(filters: RouteFilter[], matches: Array<{ readonly path?: PathMatch }>): string | undefined {
  const modifier = filters.find((f) => f._spec.pathModifier?.type === 'ReplacePrefixMatch');
  if (!modifier) return undefined;
  const prefix = matches.length === 1 && (matches[0].path === undefined || matches[0].path.type === 'PathPrefix');
  if (matches.length <= 1 && (matches.length === 0 || prefix)) return undefined;
  return `the ${modifier.type} filter uses HttpPathModifier.replacePrefixMatch(), which needs exactly one match with a ` +
    `PathMatch.prefix() path, but the rule has ${matches.length === 1 ? `${matches[0].path!.type === 'Exact' ? 'an' : 'a'} ${matches[0].path!.type} path match` : `${matches.length} matches`}: ` +
    'split the rule so each prefix has its own rule, or use HttpPathModifier.replaceFullPath().';
}

export function checkRuleName(where: string, name: string | undefined, existing: Array<string | undefined>): void {
  if (name === undefined) return;
  checkSubdomain(where, 'rule name', name);
  if (existing.includes(name)) fail(where, `rule name ${q(name)} is already used in this route: rule names must be unique.`);
}

/** A label for a rule in messages: `rule "name"` or `rule #2`. */
export function ruleLabel(name: string | undefined, index: number): string {
  return name !== undefined ? `rule "${name}"` : `rule #${index + 1}`;
}

/** All backends in one rule having weight 0 means the rule answers every request with an error. */
export function zeroWeightProblem(label: string, backends: Backend[]): string | undefined {
  if (backends.length === 0 || backends.some((b) => b.weight === undefined || b.weight > 0)) return undefined;
  return `${label}: every backend has weight 0, so the rule answers every request with an error: give at least one backend a weight above 0.`;
}
