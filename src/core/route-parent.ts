import { IConstruct } from 'constructs';

/**
 * What a route asks of its parent (a Gateway or a ListenerSet) when it attaches to it.
 */
export interface RouteAttachmentRequest {
  /**
   * The route's API group.
   * @default "gateway.networking.k8s.io"
   */
  readonly routeGroup?: string;

  /** The route's kind, e.g. `HTTPRoute`. */
  readonly routeKind: string;

  /**
   * The route's name, for messages.
   * @default - not named in messages
   */
  readonly routeName?: string;

  /**
   * The route's namespace.
   * @default - no namespace (the namespace of the kubectl context at apply time)
   */
  readonly routeNamespace?: string;

  /**
   * The `sectionName` of the parentRef: the listener name the route attaches to.
   * @default - every listener of the parent
   */
  readonly sectionName?: string;

  /**
   * The `port` of the parentRef: only listeners on this port.
   * @default - every port
   */
  readonly port?: number;

  /**
   * The route's hostnames.
   * @default - no hostnames (matches every listener hostname)
   */
  readonly hostnames?: string[];
}

/**
 * Something a route can attach to through a `parentRef`: a Gateway or a ListenerSet.
 *
 * The `routeParent*` members describe this object itself, as routes refer to it: for a ListenerSet, they are the
 * ListenerSet's own group, kind, name and namespace (not those of the Gateway it extends).
 */
export interface IRouteParent extends IConstruct {
  /** The API group of this object, written as `parentRefs[].group` by the routes that attach to it. */
  readonly routeParentGroup: string;

  /** The kind of this object (`Gateway` or `ListenerSet`), written as `parentRefs[].kind`. */
  readonly routeParentKind: string;

  /** The name of this object, written as `parentRefs[].name`. */
  readonly routeParentName: string;

  /**
   * The namespace of this object, written as `parentRefs[].namespace` when it differs from the route's.
   * @default - no namespace (the namespace of the kubectl context at apply time)
   */
  readonly routeParentNamespace?: string;

  /**
   * The names of the parent's listeners when this app defines them (a Gateway or ListenerSet of this app), used to
   * check a `sectionName` that names a listener (e.g. a policy target).
   * @default - undefined for a parent imported by name: its listeners are managed elsewhere and not checked
   */
  readonly ownedListenerNames?: string[];

  /**
   * Checks whether a route may attach to this parent the way `request` describes.
   *
   * Returns one message per reason the attachment would be rejected (for example a listener whose
   * `allowedRoutes` does not admit the route's namespace or kind, or a `sectionName` that names no listener);
   * an empty list when the attachment is allowed or when the parent's listeners are not known
   * (a parent imported by name without listeners). Called during synth validation, so listeners
   * added after the route was attached are taken into account.
   */
  checkRouteAttachment(request: RouteAttachmentRequest): string[];
}
