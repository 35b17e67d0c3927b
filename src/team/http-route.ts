import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend } from './backend';
import { HttpRouteFilter, RouteFilterConfig } from './filters';
import { HttpRouteMatch } from './matches';
import { ImportedRoute } from './private/imported-route';
import {
  checkFilterList, prefixModifierProblem, RuleHost, RuleList, ruleLabel, zeroWeightProblem,
} from './private/rules';
import { checkInteger, compact, duplicates, fail, gatewayDuration, q } from './private/validate';
import { RouteReferenceOptions, TeamRouteBase, TeamRouteBaseProps } from './route-base';
import { SessionPersistence } from './session-persistence';
import { _touch } from '../core/epoch';
import { IRoute } from '../core/route';

/**
 * Timeouts of an HTTPRoute rule (`rules[].timeouts`). Support: Extended.
 */
export interface HttpRouteTimeouts {
  /**
   * The time the gateway has to answer a client request, from the end of the request headers to the end of the
   * response; `Duration.seconds(0)` disables the timeout.
   * @default - implementation-specific
   */
  readonly request?: Duration;

  /**
   * The time of one request from the gateway to a backend (each retry included); at most `request`.
   * @default - implementation-specific
   */
  readonly backendRequest?: Duration;
}

/**
 * Retries of an HTTPRoute rule (`rules[].retry`).
 *
 * Experimental channel only: needs the experimental Gateway API CRDs. Support: Extended.
 */
export interface HttpRouteRetry {
  /**
   * HTTP status codes (400–599) to retry, e.g. `[502, 503]`.
   * @default - implementation-specific
   */
  readonly codes?: number[];

  /**
   * The most retries of one request (at least 1).
   * @default - implementation-specific
   */
  readonly attempts?: number;

  /**
   * The least time between retries.
   * @default - implementation-specific
   */
  readonly backoff?: Duration;
}

/**
 * A rule of an HTTPRoute (`rules[]`): which requests it matches, how they are filtered, and where they go.
 */
export interface HttpRouteRuleOptions {
  /**
   * The rule name, unique in the route; policies and progressive-delivery tools can target a named rule
   * (`sectionName`). Support: Extended.
   * @default - unnamed
   */
  readonly name?: string;

  /**
   * The requests the rule matches (any of them).
   * @default - every request (`PathPrefix /`)
   */
  readonly matches?: HttpRouteMatch[];

  /**
   * Filters applied to matching requests, in order (`HttpRouteFilter`). Support: Core.
   * @default - none
   */
  readonly filters?: HttpRouteFilter[];

  /**
   * Where matching requests go, split by weight. A rule without backends (and without a redirect) answers 500.
   * @default - none
   */
  readonly backendRefs?: Backend[];

  /**
   * Request timeouts. Support: Extended.
   * @default - implementation-specific
   */
  readonly timeouts?: HttpRouteTimeouts;

  /**
   * Retries. Experimental channel only. Support: Extended.
   * @default - implementation-specific
   */
  readonly retry?: HttpRouteRetry;

  /**
   * Session persistence. Experimental channel only. Support: Extended.
   * @default - none
   */
  readonly sessionPersistence?: SessionPersistence;
}

/**
 * Options of a backend of an HTTPRoute rule (`HttpRouteRule.addBackend()`).
 */
export interface HttpBackendRefOptions {
  /**
   * Filters applied only to requests sent to this backend (`backendRefs[].filters`), at most 16.
   *
   * Support: Implementation-specific (Extended for the filter types of the rule-level filters).
   * @default - no filters
   */
  readonly filters?: HttpRouteFilter[];
}

/**
 * A rule of a `TeamRoute`, returned by `addRule()`. Its mutators return the rule, so calls chain:
 * `route.addRule({ name: 'api' }).addMatch({ path: PathMatch.prefix('/api') }).addBackend(api)`.
 */
export class HttpRouteRule {
  /** @internal */
  public static _create(host: RuleHost, index: number, name: string | undefined): HttpRouteRule {
    return new HttpRouteRule(host, index, name);
  }

  /**
   * The rule name.
   * @default - unnamed
   */
  public readonly name?: string;

  private readonly host: RuleHost;
  private readonly index: number;
  // replaced (concat), never pushed to, by the mutators: an array that grows by push() or a spread reserves room for 17
  private _matches: HttpRouteMatch[] = [];
  private _filters: HttpRouteFilter[] = [];
  private _filterConfigs: RouteFilterConfig[] = [];
  private _backends: Backend[] = [];
  private _backendFilters: RouteFilterConfig[][] = [];
  private timeoutsSpec?: any;
  private retrySpec?: any;
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

  /** Applies the options of `addRule()` through the mutators. @internal */
  public _apply(options: HttpRouteRuleOptions): void {
    for (const m of options.matches ?? []) this.addMatch(m);
    for (const f of options.filters ?? []) this.addFilter(f);
    for (const b of options.backendRefs ?? []) this.addBackend(b);
    if (options.timeouts) this.configureTimeouts(options.timeouts);
    if (options.retry) this.configureRetry(options.retry);
    if (options.sessionPersistence) this.configureSessionPersistence(options.sessionPersistence);
  }

  /** The matches of the rule. */
  public get matches(): HttpRouteMatch[] {
    return [...this._matches];
  }

  /** The filters of the rule. */
  public get filters(): HttpRouteFilter[] {
    return [...this._filters];
  }

  /** The backends of the rule. */
  public get backends(): Backend[] {
    return [...this._backends];
  }

  /** Adds a match (the rule matches when any of its matches does). At most 64 per rule and 128 per route. */
  public addMatch(match: HttpRouteMatch): HttpRouteRule {
    _touch();
    const where = `${this.where}: addMatch()`;
    if (this._matches.length >= 64) fail(where, 'a rule can have at most 64 matches: split it into several rules.');
    if (this.host.totalMatches() >= 128) fail(where, 'a route can have at most 128 matches in all its rules: split it into several routes.');
    const headers = match.headers ?? [];
    if (headers.length > 16) fail(where, `${headers.length} header matches: a match can have at most 16.`);
    const dupHeaders = duplicates(headers, (h) => h.name.toLowerCase());
    if (dupHeaders.length > 0) {
      fail(where, `header ${q(dupHeaders[0])} is matched twice (header names are case-insensitive): keep one match per header, ` +
        'or use HeaderMatch.regex() to accept several values.');
    }
    const params = match.queryParams ?? [];
    if (params.length > 16) fail(where, `${params.length} query parameter matches: a match can have at most 16.`);
    const dupParams = duplicates(params, (p) => p.name);
    if (dupParams.length > 0) {
      fail(where, `query parameter ${q(dupParams[0])} is matched twice: keep one match per parameter, or use QueryParamMatch.regex().`);
    }
    const matches = this._matches.concat([match]);
    const problem = prefixModifierProblem(this.allFilters(), matches);
    if (problem) fail(where, problem);
    this._matches = matches;
    return this;
  }

  /**
   * Adds a filter (`HttpRouteFilter`). Each type may appear once, except ExtensionRef, RequestMirror and
   * ExternalAuth; RequestRedirect excludes URLRewrite and backends.
   */
  public addFilter(filter: HttpRouteFilter): HttpRouteRule {
    _touch();
    const where = `${this.where}: addFilter(${filter.type})`;
    if (!(filter instanceof HttpRouteFilter)) fail(where, 'not an HttpRouteFilter: create HTTPRoute filters with HttpRouteFilter.*().');
    const filters = this._filters.concat([filter]);
    checkFilterList(where, filters);
    if (filter.type === 'RequestRedirect' && this._backends.length > 0) {
      fail(where, 'a rule with a RequestRedirect filter cannot have backendRefs (it answers the client itself), but it has ' +
        `${this._backends.map((b) => `"${b.name}"`).join(', ')}: remove the backends or the redirect.`);
    }
    const config = this.host.bindFilter(where, filter);
    const problem = prefixModifierProblem([config], this._matches);
    if (problem) fail(where, problem);
    this._filters = filters;
    this._filterConfigs = this._filterConfigs.concat([config]);
    return this;
  }

  /**
   * Adds a backend (at most 16 per rule), with filters for the requests sent to it. A backend in another namespace
   * needs a ReferenceGrant (see `ReferenceGrants`).
   */
  public addBackend(backend: Backend, options: HttpBackendRefOptions = {}): HttpRouteRule {
    _touch();
    const where = `${this.where}: addBackend("${backend.name}")`;
    if (this._filters.some((f) => f.type === 'RequestRedirect')) {
      fail(where, 'the rule has a RequestRedirect filter, which answers the client itself, so it cannot have backendRefs: ' +
        'remove the backend or the redirect.');
    }
    if (this._backends.length >= 16) fail(where, 'a rule can have at most 16 backends.');
    const filters = options.filters ?? [];
    for (const f of filters) {
      if (!(f instanceof HttpRouteFilter)) fail(`${where}: filters`, 'not an HttpRouteFilter: create HTTPRoute filters with HttpRouteFilter.*().');
    }
    checkFilterList(`${where}: filters`, filters);
    const configs = filters.map((f) => this.host.bindFilter(`${where}: filter ${f.type}`, f));
    const problem = prefixModifierProblem(configs, this._matches);
    if (problem) fail(where, problem);
    this.host.useBackend(where, backend);
    this._backends = this._backends.concat([backend]);
    this._backendFilters = this._backendFilters.concat([configs]);
    return this;
  }

  /** Sets the timeouts (replacing earlier ones). Support: Extended. */
  public configureTimeouts(timeouts: HttpRouteTimeouts): HttpRouteRule {
    _touch();
    const where = `${this.where}: timeouts`;
    const request = timeouts.request ? gatewayDuration(where, 'request', timeouts.request) : undefined;
    const backendRequest = timeouts.backendRequest ? gatewayDuration(where, 'backendRequest', timeouts.backendRequest) : undefined;
    if (timeouts.request && timeouts.backendRequest) {
      const req = timeouts.request.toMilliseconds();
      if (req !== 0 && timeouts.backendRequest.toMilliseconds() > req) {
        fail(where, `backendRequest ${backendRequest} is longer than request ${request}: a backend request is part of the client ` +
          `request, so use at most ${request} (or raise request).`);
      }
    }
    this.timeoutsSpec = compact({ request, backendRequest });
    return this;
  }

  /** Sets the retry policy (replacing an earlier one). Experimental channel only. Support: Extended. */
  public configureRetry(retry: HttpRouteRetry): HttpRouteRule {
    _touch();
    const where = `${this.where}: retry`;
    const codes = retry.codes ?? [];
    for (const c of codes) checkInteger(where, 'code', c, 400, 599);
    const dups = duplicates(codes, (c) => String(c));
    if (dups.length > 0) fail(where, `code ${dups[0]} is listed twice: list each code once.`);
    if (retry.attempts !== undefined) checkInteger(where, 'attempts', retry.attempts, 1, 2_147_483_647);
    this.retrySpec = compact({
      codes: codes.length > 0 ? [...codes] : undefined,
      attempts: retry.attempts,
      backoff: retry.backoff ? gatewayDuration(where, 'backoff', retry.backoff) : undefined,
    });
    return this;
  }

  /** Sets session persistence (replacing an earlier one). Experimental channel only. Support: Extended. */
  public configureSessionPersistence(sessionPersistence: SessionPersistence): HttpRouteRule {
    _touch();
    this.sessionPersistenceSpec = sessionPersistence;
    return this;
  }

  /** Replaces the weight of the backend at `index`. @internal */
  public _setBackendWeight(index: number, weight: number): void {
    this._backends[index] = this._backends[index].withWeight(weight);
  }

  /** @internal */
  public _matchCount(): number {
    return this._matches.length;
  }

  /** Problems visible only at synth. @internal */
  public _problems(index: number): string[] {
    const zero = zeroWeightProblem(ruleLabel(this.name, index), this._backends);
    return zero ? [zero] : [];
  }

  /** @internal */
  public _render(): any {
    const ns = this.host.routeNamespace;
    return compact({
      name: this.name,
      matches: this._matches.length > 0 ? this._matches.map(renderHttpMatch) : undefined,
      filters: this._filterConfigs.length > 0 ? this._filterConfigs.map((f) => ({ ...f.manifest })) : undefined,
      backendRefs: this._backends.length > 0 ? this._backends.map((b, i) => b._renderRuleRef(ns, this._backendFilters[i])) : undefined,
      timeouts: this.timeoutsSpec && Object.keys(this.timeoutsSpec).length > 0 ? { ...this.timeoutsSpec } : undefined,
      retry: this.retrySpec ? { ...this.retrySpec } : undefined,
      sessionPersistence: this.sessionPersistenceSpec?._render(),
    });
  }

  private allFilters(): RouteFilterConfig[] {
    return [...this._filterConfigs, ...this._backendFilters.flat()];
  }
}

function renderHttpMatch(m: HttpRouteMatch): any {
  return compact({
    path: m.path?._render(),
    headers: m.headers && m.headers.length > 0 ? m.headers.map((h) => h._render()) : undefined,
    queryParams: m.queryParams && m.queryParams.length > 0 ? m.queryParams.map((p) => p._render()) : undefined,
    method: m.method,
  });
}

/**
 * Properties of a `TeamRoute`.
 */
export interface TeamRouteProps extends TeamRouteBaseProps {
  /**
   * Hostnames the route serves (the Host header), e.g. `store.example.com` or `*.example.com`; at most 16.
   * They must overlap the hostnames of the listeners the route attaches to. Support: Core.
   * @default - every hostname of the listeners
   */
  readonly hostnames?: string[];

  /**
   * The rules (at most 16); more can be added with `addRule()`.
   * @default - none; add with `addRule()`
   */
  readonly rules?: HttpRouteRuleOptions[];
}

/**
 * An app team's HTTPRoute (gateway.networking.k8s.io/v1): attaches to a platform Gateway (or ListenerSet) and
 * routes matching HTTP requests to the team's Services.
 *
 * ```ts
 * const route = new TeamRoute(chart, 'store', { parents: [gateway], hostnames: ['store.example.com'] });
 * route.addRule({ matches: [{ path: PathMatch.prefix('/') }], backendRefs: [Backend.fromService(store)] });
 * ```
 *
 * Support: Core.
 */
export class TeamRoute extends TeamRouteBase {
  /** An HTTPRoute that exists outside this app, for policies and grants that refer to it. */
  public static fromHttpRouteName(scope: Construct, id: string, name: string, options: RouteReferenceOptions = {}): IRoute {
    return new ImportedRoute(scope, id, 'HTTPRoute', name, options.namespace);
  }

  private readonly _rules = new RuleList<HttpRouteRule>('HTTPRoute');
  private readonly ruleHost: RuleHost;

  public constructor(scope: Construct, id: string, props: TeamRouteProps = {}) {
    super(scope, id, props, 'HTTPRoute', 'gateway.networking.k8s.io/v1');
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
  public get rules(): HttpRouteRule[] {
    return this._rules.all;
  }

  /** Adds a hostname (at most 16). Support: Core. */
  public addHostname(hostname: string): void {
    _touch();
    this._addHostname(hostname, 16);
  }

  /**
   * Adds a rule (at most 16) and returns it, so matches, filters and backends can be chained onto it.
   */
  public addRule(options: HttpRouteRuleOptions = {}): HttpRouteRule {
    _touch();
    const where = `${this._path}: addRule(${options.name !== undefined ? q(options.name) : ''})`;
    const rule = this._rules.add(where, options.name, (index) => HttpRouteRule._create(this.ruleHost, index, options.name));
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
