import { IConstruct } from 'constructs';

/**
 * A Gateway API route (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute or UDPRoute) defined or imported in this app,
 * as policies and grants need to refer to it.
 */
export interface IRoute extends IConstruct {
  /** The route's API group (`gateway.networking.k8s.io`). */
  readonly routeGroup: string;

  /** The route's kind, e.g. `HTTPRoute`. */
  readonly routeKind: string;

  /** The route's name. */
  readonly routeName: string;

  /**
   * The route's namespace.
   * @default - no namespace (the namespace of the kubectl context at apply time)
   */
  readonly routeNamespace?: string;
}
