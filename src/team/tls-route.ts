import { Construct } from 'constructs';
import { Backend } from './backend';
import { IRoute } from '../core/route';
import { ImportedRoute } from './private/imported-route';
import { StreamRule } from './private/stream-rule';
import { RouteReferenceOptions, TeamRouteBase, TeamRouteBaseProps } from './route-base';
import { _touch } from '../core/epoch';

/**
 * The served versions of TLSRoute.
 */
export enum TlsRouteVersion {
  /** `v1`: standard channel. Hostnames are required. */
  V1 = 'v1',
  /** `v1alpha3`: experimental channel, deprecated. Hostnames are required. */
  V1ALPHA3 = 'v1alpha3',
  /** `v1alpha2`: experimental channel, deprecated; for implementations that serve only this version. */
  V1ALPHA2 = 'v1alpha2',
}

/**
 * Properties of a `TeamTlsRoute`.
 */
export interface TeamTlsRouteProps extends TeamRouteBaseProps {
  /**
   * The SNI hostnames the route serves (at least one for `v1` and `v1alpha3`), e.g. `db.example.com` or
   * `*.example.com`.
   * @default - none; add with `addHostname()`
   */
  readonly hostnames?: string[];

  /**
   * Where connections go (1–16 backends, split by weight).
   * @default - none; add with `addBackend()`
   */
  readonly backendRefs?: Backend[];

  /**
   * The name of the route's rule. Support: Extended.
   * @default - unnamed
   */
  readonly ruleName?: string;

  /**
   * The TLSRoute version to write.
   * @default TlsRouteVersion.V1
   */
  readonly version?: TlsRouteVersion;
}

/**
 * An app team's TLSRoute: routes TLS connections by SNI hostname, either passed through to the backend or
 * terminated at the Gateway (depending on the listener's TLS mode). A TLSRoute has exactly one rule, so its
 * backends are set on the route.
 *
 * Support: Extended.
 */
export class TeamTlsRoute extends TeamRouteBase {
  /** A TLSRoute that exists outside this app. */
  public static fromTlsRouteName(scope: Construct, id: string, name: string, options: RouteReferenceOptions = {}): IRoute {
    return new ImportedRoute(scope, id, 'TLSRoute', name, options.namespace);
  }

  /** The TLSRoute version written. */
  public readonly version: TlsRouteVersion;

  private readonly rule: StreamRule;

  public constructor(scope: Construct, id: string, props: TeamTlsRouteProps = {}) {
    const version = props.version ?? TlsRouteVersion.V1;
    super(scope, id, props, 'TLSRoute', `gateway.networking.k8s.io/${version}`);
    this.version = version;
    this.rule = new StreamRule(this.node.path, this.routeKind);
    this.rule.setName(props.ruleName);
    for (const h of props.hostnames ?? []) this.addHostname(h);
    for (const b of props.backendRefs ?? []) this.addBackend(b);
  }

  /** The hostnames of the route. */
  public get hostnames(): string[] {
    return [...this._hostnames];
  }

  /** The backends of the route. */
  public get backends(): Backend[] {
    return [...this.rule.backends];
  }

  /** Adds an SNI hostname (at most 1024). */
  public addHostname(hostname: string): void {
    _touch();
    this._addHostname(hostname, 1024);
  }

  /** Adds a backend (at most 16). A backend in another namespace gets a ReferenceGrant. */
  public addBackend(backend: Backend): void {
    _touch();
    this.rule.add(backend, (where) => this._useBackend(where, backend));
  }

  /** @internal */
  protected _renderRulesSpec(): any {
    return this.rule.render(this.routeNamespace);
  }

  /** @internal */
  protected _validateRules(): string[] {
    const problems = this.rule.problems();
    if (this.version !== TlsRouteVersion.V1ALPHA2 && this._hostnames.length === 0) {
      problems.unshift(`the TLSRoute has no hostnames (TLSRoute ${this.version} requires at least one): add one with addHostname().`);
    }
    return problems;
  }

  /** @internal */
  protected _allBackends(): Backend[] {
    return this.backends;
  }
}
