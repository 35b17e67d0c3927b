import { Construct } from 'constructs';
import { Backend } from './backend';
import { IRoute } from '../core/route';
import { ImportedRoute } from './private/imported-route';
import { StreamRule } from './private/stream-rule';
import { RouteReferenceOptions, TeamRouteBase, TeamRouteBaseProps } from './route-base';
import { _touch } from '../core/epoch';

/**
 * Properties of a `TeamTcpRoute`.
 */
export interface TeamTcpRouteProps extends TeamRouteBaseProps {
  /**
   * Where connections go (1–16 backends, split by weight); more can be added with `addBackend()`.
   * @default - none; add with `addBackend()`
   */
  readonly backendRefs?: Backend[];

  /**
   * The name of the route's rule. Support: Extended.
   * @default - unnamed
   */
  readonly ruleName?: string;
}

/**
 * An app team's TCPRoute (gateway.networking.k8s.io/v1): forwards TCP connections of a listener to backends.
 * A TCPRoute has exactly one rule, so its backends are set on the route.
 *
 * Support: Extended.
 */
export class TeamTcpRoute extends TeamRouteBase {
  /** A TCPRoute that exists outside this app. */
  public static fromTcpRouteName(scope: Construct, id: string, name: string, options: RouteReferenceOptions = {}): IRoute {
    return new ImportedRoute(scope, id, 'TCPRoute', name, options.namespace);
  }

  private readonly rule: StreamRule;

  public constructor(scope: Construct, id: string, props: TeamTcpRouteProps = {}) {
    super(scope, id, props, 'TCPRoute', 'gateway.networking.k8s.io/v1');
    _touch();
    this.rule = new StreamRule(this.node.path, this.routeKind);
    this.rule.setName(props.ruleName);
    for (const b of props.backendRefs ?? []) this.addBackend(b);
  }

  /** The backends of the route. */
  public get backends(): Backend[] {
    return [...this.rule.backends];
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
    return this.rule.problems();
  }

  /** @internal */
  protected _allBackends(): Backend[] {
    return this.backends;
  }
}
