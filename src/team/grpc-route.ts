import { Construct } from 'constructs';
import { Backend } from './backend';
import { GrpcRouteFilter, RouteFilterConfig } from './filters';
import { GrpcRouteMatch } from './matches';
import { ImportedRoute } from './private/imported-route';
import { checkFilterList, RuleHost, RuleList, ruleLabel, zeroWeightProblem } from './private/rules';
import { compact, duplicates, fail, q } from './private/validate';
import { RouteReferenceOptions, TeamRouteBase, TeamRouteBaseProps } from './route-base';
import { SessionPersistence } from './session-persistence';
import { _touch } from '../core/epoch';
import { IRoute } from '../core/route';

/**
 * A rule of a GRPCRoute (`rules[]`).
 */
export interface GrpcRouteRuleOptions {
  /**
   * The rule name, unique in the route. Support: Extended.
   * @default - unnamed
   */
  readonly name?: string;

  /**
   * The requests the rule matches (any of them).
   * @default - every request
   */
  readonly matches?: GrpcRouteMatch[];

  /**
   * Filters applied to matching requests (`GrpcRouteFilter`).
   * @default - none
   */
  readonly filters?: GrpcRouteFilter[];

  /**
   * Where matching requests go, split by weight.
   * @default - none
   */
  readonly backendRefs?: Backend[];

  /**
   * Session persistence. Experimental channel only. Support: Extended.
   * @default - none
   */
  readonly sessionPersistence?: SessionPersistence;
}

/**
 * Options of a backend of a GRPCRoute rule (`GrpcRouteRule.addBackend()`).
 */
export interface GrpcBackendRefOptions {
  /**
   * Filters applied only to requests sent to this backend (`backendRefs[].filters`), at most 16.
   *
   * Support: Implementation-specific.
   * @default - no filters
   */
  readonly filters?: GrpcRouteFilter[];
}

/**
 * A rule of a `TeamGrpcRoute`, returned by `addRule()`; its mutators return the rule so calls chain.
 */
export class GrpcRouteRule {
  /** @internal */
  public static _create(host: RuleHost, index: number, name: string | undefined): GrpcRouteRule {
    return new GrpcRouteRule(host, index, name);
  }

  /**
   * The rule name.
   * @default - unnamed
   */
  public readonly name?: string;

  private readonly host: RuleHost;
  private readonly index: number;
  // replaced (concat), never pushed to, by the mutators: an array that grows by push() or a spread reserves room for 17
  private _matches: GrpcRouteMatch[] = [];
  private _filters: GrpcRouteFilter[] = [];
  private _filterConfigs: RouteFilterConfig[] = [];
  private _backends: Backend[] = [];
  private _backendFilters: RouteFilterConfig[][] = [];
  private sessionPersistenceSpec?: SessionPersistence;

  private constructor(host: RuleHost, index: number, name: string | undefined) {
    this.host = host;
    this.index = index;
    this.name = name;
  }

  /** Where messages about the rule point: the route's path and the rule. */
  private get where(): string {
    return `${this.host.path}: ${ruleLabel(this.name, this.index)}`;
  }

  /** The matches of the rule. */
  public get matches(): GrpcRouteMatch[] {
    return [...this._matches];
  }

  /** The backends of the rule. */
  public get backends(): Backend[] {
    return [...this._backends];
  }

  /** Adds a match (at most 64 per rule, 128 per route). */
  public addMatch(match: GrpcRouteMatch): GrpcRouteRule {
    _touch();
    const where = `${this.where}: addMatch()`;
    if (this._matches.length >= 64) fail(where, 'a rule can have at most 64 matches: split it into several rules.');
    if (this.host.totalMatches() >= 128) fail(where, 'a route can have at most 128 matches in all its rules: split it into several routes.');
    const headers = match.headers ?? [];
    if (headers.length > 16) fail(where, `${headers.length} header matches: a match can have at most 16.`);
    const dups = duplicates(headers, (h) => h.name.toLowerCase());
    if (dups.length > 0) fail(where, `header ${q(dups[0])} is matched twice (header names are case-insensitive): keep one match per header.`);
    this._matches = this._matches.concat([match]);
    return this;
  }

  /** Adds a filter (`GrpcRouteFilter`); header modifiers may appear once each. */
  public addFilter(filter: GrpcRouteFilter): GrpcRouteRule {
    _touch();
    const where = `${this.where}: addFilter(${filter.type})`;
    checkGrpcFilter(where, filter);
    const filters = this._filters.concat([filter]);
    checkFilterList(where, filters);
    const config = this.host.bindFilter(where, filter);
    this._filters = filters;
    this._filterConfigs = this._filterConfigs.concat([config]);
    return this;
  }

  /**
   * Adds a backend (at most 16 per rule), with filters for the requests sent to it. A backend in another namespace
   * needs a ReferenceGrant (see `ReferenceGrants`).
   */
  public addBackend(backend: Backend, options: GrpcBackendRefOptions = {}): GrpcRouteRule {
    _touch();
    const where = `${this.where}: addBackend("${backend.name}")`;
    if (this._backends.length >= 16) fail(where, 'a rule can have at most 16 backends.');
    const filters = options.filters ?? [];
    for (const f of filters) checkGrpcFilter(`${where}: filters`, f);
    checkFilterList(`${where}: filters`, filters);
    const configs = filters.map((f) => this.host.bindFilter(`${where}: filter ${f.type}`, f));
    this.host.useBackend(where, backend);
    this._backends = this._backends.concat([backend]);
    this._backendFilters = this._backendFilters.concat([configs]);
    return this;
  }

  /** The filters of the rule. */
  public get filters(): GrpcRouteFilter[] {
    return [...this._filters];
  }

  /** Sets session persistence. Experimental channel only. Support: Extended. */
  public configureSessionPersistence(sessionPersistence: SessionPersistence): GrpcRouteRule {
    _touch();
    this.sessionPersistenceSpec = sessionPersistence;
    return this;
  }

  /** @internal */
  public _apply(options: GrpcRouteRuleOptions): void {
    for (const m of options.matches ?? []) this.addMatch(m);
    for (const f of options.filters ?? []) this.addFilter(f);
    for (const b of options.backendRefs ?? []) this.addBackend(b);
    if (options.sessionPersistence) this.configureSessionPersistence(options.sessionPersistence);
  }

  /** @internal */
  public _matchCount(): number {
    return this._matches.length;
  }

  /** @internal */
  public _problems(index: number): string[] {
    const zero = zeroWeightProblem(ruleLabel(this.name, index), this._backends);
    return zero ? [zero] : [];
  }

  /** @internal */
  public _render(): any {
    const ns = this.host.routeNamespace;
    return compact({
      name: this.name,
      matches: this._matches.length > 0 ? this._matches.map((m) => compact({
        method: m.method?._render(),
        headers: m.headers && m.headers.length > 0 ? m.headers.map((h) => h._render()) : undefined,
      })) : undefined,
      filters: this._filterConfigs.length > 0 ? this._filterConfigs.map((f) => ({ ...f.manifest })) : undefined,
      backendRefs: this._backends.length > 0 ? this._backends.map((b, i) => b._renderRuleRef(ns, this._backendFilters[i])) : undefined,
      sessionPersistence: this.sessionPersistenceSpec?._render(),
    });
  }
}

/**
 * Properties of a `TeamGrpcRoute`.
 */
export interface TeamGrpcRouteProps extends TeamRouteBaseProps {
  /**
   * Hostnames the route serves (the `:authority`), at most 16. Support: Core.
   * @default - every hostname of the listeners
   */
  readonly hostnames?: string[];

  /**
   * The rules (at most 16).
   * @default - none; add with `addRule()`
   */
  readonly rules?: GrpcRouteRuleOptions[];
}

/**
 * An app team's GRPCRoute (gateway.networking.k8s.io/v1): routes gRPC calls by service, method and metadata.
 *
 * Support: Extended (a Gateway supports GRPCRoute when it lists it in its listeners' supported kinds).
 */
export class TeamGrpcRoute extends TeamRouteBase {
  /** A GRPCRoute that exists outside this app. */
  public static fromGrpcRouteName(scope: Construct, id: string, name: string, options: RouteReferenceOptions = {}): IRoute {
    return new ImportedRoute(scope, id, 'GRPCRoute', name, options.namespace);
  }

  private readonly _rules = new RuleList<GrpcRouteRule>('GRPCRoute');
  private readonly ruleHost: RuleHost;

  public constructor(scope: Construct, id: string, props: TeamGrpcRouteProps = {}) {
    super(scope, id, props, 'GRPCRoute', 'gateway.networking.k8s.io/v1');
    _touch();
    this.ruleHost = this._rules.host(this._path, this);
    for (const h of props.hostnames ?? []) this.addHostname(h);
    for (const r of props.rules ?? []) this.addRule(r);
  }

  /** The hostnames of the route. */
  public get hostnames(): string[] {
    return [...this._hostnames];
  }

  /** The rules of the route. */
  public get rules(): GrpcRouteRule[] {
    return this._rules.all;
  }

  /** Adds a hostname (at most 16). */
  public addHostname(hostname: string): void {
    _touch();
    this._addHostname(hostname, 16);
  }

  /** Adds a rule (at most 16) and returns it. */
  public addRule(options: GrpcRouteRuleOptions = {}): GrpcRouteRule {
    _touch();
    const where = `${this._path}: addRule(${options.name !== undefined ? q(options.name) : ''})`;
    const rule = this._rules.add(where, options.name, (index) => GrpcRouteRule._create(this.ruleHost, index, options.name));
    rule._apply(options);
    return rule;
  }

  /** @internal */
  protected _renderRulesSpec(): any {
    return this._rules.render();
  }

  /** @internal */
  protected _validateRules(): string[] {
    return this._rules.problems();
  }

  /** @internal */
  protected _allBackends(): Backend[] {
    return this._rules.backends();
  }
}

/** For JavaScript callers (TypeScript and the jsii languages check the type): only `GrpcRouteFilter`s. */
function checkGrpcFilter(where: string, filter: GrpcRouteFilter): void {
  if (!(filter instanceof GrpcRouteFilter)) {
    fail(where, `a GRPCRoute cannot use a ${(filter as any)?.type} filter of another route kind: use GrpcRouteFilter.requestHeaderModifier(), ` +
      '.responseHeaderModifier(), .requestMirror() or .extensionRef().');
  }
}
