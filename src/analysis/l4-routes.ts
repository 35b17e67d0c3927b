/**
 * Several TCPRoutes, UDPRoutes or TLSRoutes on one listener. Attachment does not depend on other routes (each is
 * `Accepted` when the listener allows it), but only one route can receive a given connection: a TCP or UDP listener
 * cannot tell connections apart, a TLS listener only by SNI hostname. The analysis reports the routes that never
 * receive traffic as warnings (never written into status). Internal.
 *
 * - TLSRoute: routes whose effective hostname (listener ∩ route) is identical on the same listener: the spec's route
 *   precedence applies (`AllowedRoutes`: oldest, then `namespace/name`), the later route is shadowed for that host.
 * - TCPRoute/UDPRoute: Gateway API v1.6.1 does not define the outcome (GEP-2644 lists "multiple TCP routes attaching
 *   to the same listener" as an open question): implementations may reject, merge or pick one. The warning says so,
 *   and names the route the spec's general precedence would keep.
 */
import { _AttachmentContext } from './attachment-context';
import { AnalysisObjectRef, AnalysisParentRef, FindingSeverity } from './types';

/** The fields of an analysed route this check reads. @internal */
export interface _L4Route {
  readonly kind: string;
  readonly ns: string;
  readonly name: string;
  readonly ref: AnalysisObjectRef;
  readonly attachments: ReadonlyArray<{
    readonly listener: { readonly id: string };
    readonly hosts: string[];
    readonly parentRef: AnalysisParentRef;
  }>;
}

const L4_KINDS = new Set(['TCPRoute', 'UDPRoute', 'TLSRoute']);

/**
 * Reports routes shadowed on a shared L4 listener. `routes` must be in precedence order (oldest first).
 * @internal
 */
export function _detectL4Shadowing(ctx: _AttachmentContext, routes: readonly _L4Route[]): void {
  const first = new Map<string, _L4Route>();
  const reported = new Set<string>();
  for (const route of routes) {
    if (!L4_KINDS.has(route.kind)) continue;
    for (const { listener, hosts, parentRef } of route.attachments) {
      const keys = route.kind === 'TLSRoute' ? hosts.map((h) => ({ key: `${route.kind}\u0000${listener.id}\u0000${h}`, host: h })) : [{ key: `${route.kind}\u0000${listener.id}`, host: undefined }];
      for (const { key, host } of keys) {
        const winner = first.get(key);
        if (!winner) {
          first.set(key, route);
          continue;
        }
        if (winner === route) continue;
        const dedupe = `${key}\u0000${route.ns}/${route.name}`;
        if (reported.has(dedupe)) continue;
        reported.add(dedupe);
        const other = `${winner.kind} ${winner.ns}/${winner.name}`;
        const self = `${route.kind} ${route.ns}/${route.name}`;
        const message = host !== undefined
          ? `${self} is Accepted on listener ${listener.id}, but ${other} has the same SNI hostname ${host} there and takes precedence (older, or earlier in the input; then namespace/name): ${self} receives no connections for ${host}.`
          : `${self} is Accepted on listener ${listener.id}, like ${other}; a ${route.kind === 'TCPRoute' ? 'TCP' : 'UDP'} listener cannot tell connections apart, so only one of them can receive traffic. Gateway API v1.6.1 leaves the outcome to the implementation (GEP-2644 open question: reject, merge or pick one); by the spec's route precedence (older, or earlier in the input; then namespace/name) it would be ${other}.`;
        ctx.report({
          severity: FindingSeverity.WARNING,
          objectRef: route.ref,
          parentRef,
          listener: listener.id,
          conditionType: 'Shadowed',
          reason: 'RouteShadowed',
          message,
          fix: host !== undefined
            ? `Give ${self} another hostname, or remove one of the routes.`
            : `Give each ${route.kind} its own listener (port), or merge the backends into one route.`,
        });
      }
    }
  }
}
