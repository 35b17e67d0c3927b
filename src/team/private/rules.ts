/**
 * Internal rule helpers shared by the HTTPRoute and GRPCRoute rules.
 */
import type { IRoute } from '../../core/route';
import type { Backend } from '../backend';
import type { RouteFilterConfig } from '../filters';
import type { PathMatch } from '../matches';
import { aKind, checkSubdomain, duplicates, fail, q } from './validate';
import { incompatibleFilters, UNIQUE_FILTER_TYPES } from '../../core/spec/filters';

/** The route of a `RuleList` (`TeamRouteBase`'s hooks). */
export interface RuleRoute extends IRoute {
  _useBackend(where: string, backend: Backend): void;
  _useFilter(where: string, filter: RouteFilterConfig): void;
}

/** A filter of either kind (`HttpRouteFilter`, `GrpcRouteFilter`), as far as the rules need it. */
export interface BindableFilter {
  readonly type: string;
  bind(route: IRoute): RouteFilterConfig;
}

/**
 * What a rule needs from its route. One per route, shared by its rules (a class rather than an object of closures:
 * thousands of routes each holding closures cost memory and garbage-collection time).
 */
export class RuleHost {
  constructor(
    /** The route's construct path. */
    public readonly path: string,
    private readonly route: RuleRoute,
    private readonly rules: RuleList<ListedRule>,
  ) {}

  public get routeKind(): string {
    return this.route.routeKind;
  }

  public get routeNamespace(): string | undefined {
    return this.route.routeNamespace;
  }

  /** Records the backend's ReferenceGrant. */
  public useBackend(where: string, backend: Backend): void {
    this.route._useBackend(where, backend);
  }

  /** Binds the filter to the route and records the grants of the backends it refers to. */
  public bindFilter(where: string, filter: BindableFilter): RouteFilterConfig {
    const config = filter.bind(this.route);
    this.route._useFilter(where, config);
    return config;
  }

  /** The number of matches of every rule of the route. */
  public totalMatches(): number {
    return this.rules.totalMatches();
  }
}


/** The CRD rules of a `filters` list, checked after `filters` changed. */
export function checkFilterList(where: string, filters: Array<{ readonly type: string }>): void {
  if (filters.length > 16) fail(where, `${filters.length} filters: a rule or backend can have at most 16.`);
  const dups = duplicates(filters, (f) => f.type).filter((t) => UNIQUE_FILTER_TYPES.includes(t));
  if (dups.length > 0) {
    fail(where, `the ${dups[0]} filter is listed twice: it may appear once per list (only ExtensionRef, RequestMirror and ` +
      'ExternalAuth can repeat); merge the two.');
  }
  if (incompatibleFilters(filters.map((f) => f.type))) {
    fail(where, 'RequestRedirect and URLRewrite cannot both be used: a redirect answers the client, a rewrite changes the forwarded ' +
      'request; keep one.');
  }
}

/**
 * The CEL rule for `ReplacePrefixMatch` path modifiers: the rule must have at most one match (none means the
 * default `PathPrefix /`), and its path, when set, must be a `PathPrefix`.
 */
export function prefixModifierProblem(filters: RouteFilterConfig[], matches: Array<{ readonly path?: PathMatch }>): string | undefined {
  const modifier = filters.find((f) => (f.manifest.requestRedirect ?? f.manifest.urlRewrite)?.path?.type === 'ReplacePrefixMatch');
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

/** What `RuleList` needs of a rule. */
export interface ListedRule {
  readonly name?: string;
  readonly backends: Backend[];
  _matchCount(): number;
  _render(): any;
  _problems(index: number): string[];
}

/**
 * The rules of an HTTPRoute or GRPCRoute: at most 16, unique names, rendered and checked at synth. It also builds
 * the `RuleHost` the rules use to reach their route.
 */
export class RuleList<R extends ListedRule> {
  // replaced (concat), never pushed to: an array that grows by push() or a spread reserves room for 17
  private items: R[] = [];

  constructor(private readonly routeKind: string) {}

  /** The host for the rules of `route` (whose construct path is `path`), counting matches across this list. */
  public host(path: string, route: RuleRoute): RuleHost {
    return new RuleHost(path, route, this);
  }

  /** The number of matches of every rule. */
  public totalMatches(): number {
    return this.items.reduce((n, r) => n + r._matchCount(), 0);
  }

  /** A copy of the rules. */
  public get all(): R[] {
    return [...this.items];
  }

  /** Checks the limit and the name, then adds the rule made by `create(index)`. */
  public add(where: string, name: string | undefined, create: (index: number) => R): R {
    if (this.items.length >= 16) fail(where, `${aKind(this.routeKind)} can have at most 16 rules: split it into several routes.`);
    checkRuleName(where, name, this.items.map((r) => r.name));
    const rule = create(this.items.length);
    this.items = this.items.concat([rule]);
    return rule;
  }

  /** The `rules` of the spec. */
  public render(): any {
    return { rules: this.items.length > 0 ? this.items.map((r) => r._render()) : undefined };
  }

  /** Synth-time problems: no rules at all, and each rule's own. */
  public problems(): string[] {
    if (this.items.length === 0) return [`the ${this.routeKind} has no rules: add one with addRule().`];
    return this.items.flatMap((r, i) => r._problems(i));
  }

  /** The backends of every rule. */
  public backends(): Backend[] {
    return this.items.flatMap((r) => r.backends);
  }
}
