/**
 * Route attachment (Gateway API v1.6.1, `ParentReference`, `Listener.allowedRoutes`, GEP-1713 `allowedListeners`):
 * which listeners of a parent a route's parentRef selects, whether each admits the route's kind and namespace,
 * the hostnames the route gets on each, and the upstream reason when it attaches to none:
 *
 * - `NoMatchingParent`: `sectionName` / `port` select no listener;
 * - `NotAllowedByListeners`: no selected listener admits the route's kind and namespace;
 * - `NoMatchingListenerHostname`: the listeners that admit it have no hostname in common with the route.
 *
 * Pure: no imports from the project. Both the L2 synth check (`IRouteParent.checkRouteAttachment`) and the analysis
 * engine call it; `test/core/agreement.test.ts` keeps them in step.
 */
import { intersectHostnames } from './hostnames';
import { KnownLabels, LabelSelector, matchLabelSelector, namespaceLabels } from './labels';
import { GATEWAY_GROUP, HOSTNAME_ROUTE_KINDS } from './names';
import { listenerRouteKinds, RouteGroupKind } from './protocols';

/** The upstream reasons of a route's `Accepted` condition that attachment decides. */
export enum AttachmentReason {
  ACCEPTED = 'Accepted',
  NO_MATCHING_PARENT = 'NoMatchingParent',
  NOT_ALLOWED_BY_LISTENERS = 'NotAllowedByListeners',
  NO_MATCHING_LISTENER_HOSTNAME = 'NoMatchingListenerHostname',
}

/** `allowedRoutes.namespaces` / `allowedListeners.namespaces`: `from` (Same, All, Selector, None) and the selector. */
export interface NamespacesFrom {
  readonly from?: string;
  readonly selector?: LabelSelector;
}

/** A listener as attachment sees it (the same for a Gateway's and a ListenerSet's listeners). */
export interface AttachmentListener {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly hostname?: string;
  /** The namespace of the Gateway or ListenerSet that owns the listener; undefined when not known. */
  readonly namespace?: string;
  readonly allowedRoutes?: {
    readonly namespaces?: NamespacesFrom;
    readonly kinds?: readonly RouteGroupKind[];
  };
}

/** The route side of an attachment. */
export interface AttachingRoute {
  /** @default gateway.networking.k8s.io */
  readonly group?: string;
  readonly kind: string;
  /** undefined when not known (the namespace of the kubectl context at apply time). */
  readonly namespace?: string;
  /** `spec.hostnames` (only read for HTTPRoute, GRPCRoute and TLSRoute). */
  readonly hostnames?: readonly string[];
}

/** The listener-selecting part of a parentRef. */
export interface ParentSection {
  readonly sectionName?: string;
  readonly port?: number;
}

/** What is known about the labels of a namespace (see `KnownLabels`). */
export type NamespaceLabelsOf = (namespace: string) => KnownLabels;

/**
 * Whether an object in `namespace` is admitted by `namespaces` of an owner in `ownerNamespace`: true, false, or
 * undefined when it cannot be decided (a namespace unknown, or labels the selector needs unknown).
 * `defaultFrom` is `Same` for `allowedRoutes` and `None` for `allowedListeners`.
 */
export function namespaceAdmitted(
  namespaces: NamespacesFrom | undefined, defaultFrom: string, ownerNamespace: string | undefined,
  namespace: string | undefined, labelsOf: NamespaceLabelsOf,
): boolean | undefined {
  const from = namespaces?.from ?? defaultFrom;
  switch (from) {
    case 'All': return true;
    case 'None': return false;
    case 'Same':
      return namespace === undefined || ownerNamespace === undefined ? undefined : namespace === ownerNamespace;
    case 'Selector': {
      if (namespace === undefined) return undefined;
      // the name label is always known: decide from it alone when it suffices (no label lookup)
      const quick = matchLabelSelector(namespaces?.selector, { labels: namespaceLabels(namespace), complete: false });
      return quick !== undefined ? quick : matchLabelSelector(namespaces?.selector, labelsOf(namespace));
    }
    default: return false;
  }
}

/**
 * Whether `listener` admits routes of `group`/`kind`: an explicit `allowedRoutes.kinds` entry the protocol can serve,
 * or one of the protocol's default kinds. For an implementation-specific protocol, or a route kind outside the
 * Gateway API group, only an explicit entry decides; undefined when nothing does.
 */
export function routeKindAdmitted(listener: AttachmentListener, group: string, kind: string): boolean | undefined {
  const kinds = listener.allowedRoutes?.kinds;
  const explicit = kinds !== undefined && kinds.length > 0;
  const { supported } = listenerRouteKinds(listener.protocol, kinds);
  if (group !== GATEWAY_GROUP || supported === undefined) {
    return explicit ? kinds!.some((k) => (k.group ?? GATEWAY_GROUP) === group && k.kind === kind) : undefined;
  }
  return supported.includes(kind);
}

/** Which part of a parentRef selected no listener. */
export type Unmatched = 'sectionName' | 'port' | 'listeners';

/** The listeners a parentRef selects, and which field selected none. */
export function selectListeners<L extends AttachmentListener>(listeners: readonly L[], section: ParentSection): {
  selected: L[];
  /**
   * `sectionName` when no listener has that name, `port` when none of those left is on that port, `listeners` when
   * the parent has no listeners at all.
   */
  unmatched?: Unmatched;
} {
  if (listeners.length === 0) return { selected: [], unmatched: 'listeners' };
  let selected = [...listeners];
  if (section.sectionName !== undefined) {
    selected = selected.filter((l) => l.name === section.sectionName);
    if (selected.length === 0) return { selected, unmatched: 'sectionName' };
  }
  if (section.port !== undefined) {
    selected = selected.filter((l) => l.port === section.port);
    if (selected.length === 0) return { selected, unmatched: 'port' };
  }
  return { selected };
}

/** The verdict of one selected listener. */
export interface ListenerVerdict<L extends AttachmentListener = AttachmentListener> {
  readonly listener: L;
  /** undefined: cannot be decided (implementation-specific protocol). */
  readonly kindAdmitted: boolean | undefined;
  /** undefined: cannot be decided (unknown namespace or labels). */
  readonly namespaceAdmitted: boolean | undefined;
  /** The route's effective hostnames on this listener (`*` for any); empty when they do not intersect. */
  readonly hostnames: string[];
  /** Not rejected for its kind or namespace (undecidable counts as admitted). */
  readonly admitted: boolean;
  /** Admitted and with hostnames in common: the route attaches to this listener. */
  readonly attaches: boolean;
}

/** The verdict of one parentRef. */
export interface AttachmentVerdict<L extends AttachmentListener = AttachmentListener> {
  readonly accepted: boolean;
  readonly reason: AttachmentReason;
  /** Set when the reason is NoMatchingParent. */
  readonly unmatched?: Unmatched;
  /** Every listener the parentRef selects, in listener order. */
  readonly listeners: ListenerVerdict<L>[];
}

/** Options of an attachment check. */
export interface AttachmentOptions {
  /**
   * What an undecidable kind or namespace counts as: `admit` (the L2 check: only report what is certain) or
   * `reject` (the analysis: a conformant implementation supports the core protocols only).
   * @default 'admit'
   */
  readonly undecided?: 'admit' | 'reject';
}

/** The verdict of one listener for `route`. */
export function listenerVerdict<L extends AttachmentListener>(
  listener: L, route: AttachingRoute, labelsOf: NamespaceLabelsOf, options: AttachmentOptions = {},
): ListenerVerdict<L> {
  const kind = routeKindAdmitted(listener, route.group ?? GATEWAY_GROUP, route.kind);
  const ns = namespaceAdmitted(listener.allowedRoutes?.namespaces, 'Same', listener.namespace, route.namespace, labelsOf);
  const hostnames = HOSTNAME_ROUTE_KINDS.includes(route.kind) ? intersectHostnames(listener.hostname, route.hostnames) : ['*'];
  const ok = (v: boolean | undefined) => (v === undefined ? options.undecided !== 'reject' : v);
  const admitted = ok(kind) && ok(ns);
  return { listener, kindAdmitted: kind, namespaceAdmitted: ns, hostnames, admitted, attaches: admitted && hostnames.length > 0 };
}

/**
 * Whether `route` attaches through a parentRef (`section`) to a parent with `listeners`, and the upstream reason
 * when it does not. Reasons are checked in the spec's order: NoMatchingParent, then NotAllowedByListeners (kind or
 * namespace, over every selected listener), then NoMatchingListenerHostname (over the listeners that admit it).
 */
export function checkAttachment<L extends AttachmentListener>(
  listeners: readonly L[], section: ParentSection, route: AttachingRoute, labelsOf: NamespaceLabelsOf, options: AttachmentOptions = {},
): AttachmentVerdict<L> {
  const { selected, unmatched } = selectListeners(listeners, section);
  if (unmatched) return { accepted: false, reason: AttachmentReason.NO_MATCHING_PARENT, unmatched, listeners: [] };
  const verdicts = selected.map((l) => listenerVerdict(l, route, labelsOf, options));
  if (verdicts.some((v) => v.attaches)) return { accepted: true, reason: AttachmentReason.ACCEPTED, listeners: verdicts };
  const reason = verdicts.some((v) => v.admitted)
    ? AttachmentReason.NO_MATCHING_LISTENER_HOSTNAME
    : AttachmentReason.NOT_ALLOWED_BY_LISTENERS;
  return { accepted: false, reason, listeners: verdicts };
}

/**
 * Whether a Gateway in `gatewayNamespace` admits a ListenerSet in `listenerSetNamespace` (`spec.allowedListeners`,
 * GEP-1713; `from` defaults to None): true, false, or undefined when it cannot be decided.
 */
export function listenerSetAdmitted(
  allowedListeners: NamespacesFrom | undefined, gatewayNamespace: string | undefined,
  listenerSetNamespace: string | undefined, labelsOf: NamespaceLabelsOf,
): boolean | undefined {
  return namespaceAdmitted(allowedListeners, 'None', gatewayNamespace, listenerSetNamespace, labelsOf);
}
