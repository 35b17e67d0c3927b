import { NamespaceSelector } from './namespace-selector';
import { copySelector, namedSelector } from './private/selector';
import { checkGroup, checkKind } from './private/validation';
import { GATEWAY_GROUP } from '../core/spec/names';


/**
 * The namespaces whose routes may attach to a listener (`allowedRoutes.namespaces`).
 *
 * Support: Core.
 */
export class RouteNamespaces {
  /** Only routes in the listener's own namespace (`from: Same`); what the API server uses when unset. */
  public static same(): RouteNamespaces {
    return new RouteNamespaces('Same');
  }

  /** Routes in every namespace (`from: All`). */
  public static all(): RouteNamespaces {
    return new RouteNamespaces('All');
  }

  /**
   * Routes in the namespaces that carry all these labels (`from: Selector` with `matchLabels`), e.g.
   * `{ 'gateway-access': 'true' }`.
   */
  public static withLabels(labels: { [key: string]: string }): RouteNamespaces {
    return new RouteNamespaces('Selector', copySelector('RouteNamespaces.withLabels()', { matchLabels: labels }));
  }

  /** Routes in the namespaces a label selector selects (`from: Selector`). */
  public static selector(selector: NamespaceSelector): RouteNamespaces {
    return new RouteNamespaces('Selector', copySelector('RouteNamespaces.selector()', selector));
  }

  /**
   * Routes in the named namespaces only: a selector on the `kubernetes.io/metadata.name` label that Kubernetes puts
   * on every namespace (`matchLabels` for one name, an `In` expression for several).
   */
  public static named(names: string[]): RouteNamespaces {
    return new RouteNamespaces('Selector', namedSelector('RouteNamespaces.named()', names));
  }

  /** @internal */
  public readonly _from: string;
  /** @internal */
  public readonly _selector?: NamespaceSelector;

  private constructor(from: string, selector?: NamespaceSelector) {
    this._from = from;
    this._selector = selector;
  }
}

/**
 * A kind of route (`allowedRoutes.kinds[]`): its API group and kind.
 */
export class RouteKind {
  /** HTTPRoute (gateway.networking.k8s.io). */
  public static readonly HTTP_ROUTE = new RouteKind(GATEWAY_GROUP, 'HTTPRoute');
  /** GRPCRoute (gateway.networking.k8s.io). */
  public static readonly GRPC_ROUTE = new RouteKind(GATEWAY_GROUP, 'GRPCRoute');
  /** TLSRoute (gateway.networking.k8s.io). */
  public static readonly TLS_ROUTE = new RouteKind(GATEWAY_GROUP, 'TLSRoute');
  /** TCPRoute (gateway.networking.k8s.io). */
  public static readonly TCP_ROUTE = new RouteKind(GATEWAY_GROUP, 'TCPRoute');
  /** UDPRoute (gateway.networking.k8s.io). */
  public static readonly UDP_ROUTE = new RouteKind(GATEWAY_GROUP, 'UDPRoute');

  /**
   * Any route kind, e.g. an implementation-specific one.
   * @param kind the route kind, e.g. `HTTPRoute`
   * @param group the route's API group (default `gateway.networking.k8s.io`)
   */
  public static of(kind: string, group?: string): RouteKind {
    const g = group ?? GATEWAY_GROUP;
    checkKind('RouteKind.of()', 'kind', kind);
    checkGroup('RouteKind.of()', 'group', g);
    return new RouteKind(g, kind);
  }

  /** The route's API group. */
  public readonly group: string;
  /** The route's kind. */
  public readonly kind: string;

  private constructor(group: string, kind: string) {
    this.group = group;
    this.kind = kind;
  }
}

/**
 * Which routes may attach to a listener (`allowedRoutes`): from which namespaces, and of which kinds.
 *
 * Support: Core.
 */
export interface AllowedRoutes {
  /**
   * The namespaces whose routes may attach.
   * @default - routes in the listener's own namespace only (the API server's default, `from: Same`; not written out)
   */
  readonly namespaces?: RouteNamespaces;

  /**
   * The route kinds that may attach (at most 8); each must suit the listener's protocol.
   * @default - the kinds the protocol implies: HTTPRoute and GRPCRoute for HTTP and HTTPS, TLSRoute for TLS,
   * TCPRoute for TCP, UDPRoute for UDP
   */
  readonly kinds?: RouteKind[];
}
