/**
 * BackendTLSPolicy: the engine's pass over the policies. Their ancestors are the Gateways whose accepted routes send
 * traffic to a targeted Service; backend-tls-policies.ts writes `status.ancestors` and reports the findings.
 * Part of the analysis engine (see engine.ts); internal.
 */
import { _AncestorGateway, _analyzeBackendTlsPolicies, _serviceAncestors } from './backend-tls-policies';
import { Ctx, GatewayInfo, GW, key, ListenerSetInfo, RouteInfo } from './context';
import { backendRefsOf } from './references';

/** Writes the predicted status of every BackendTLSPolicy of `policies`, after the routes are analysed. */
export function analyzeBackendTlsPolicies(
  ctx: Ctx, policies: any[], routes: RouteInfo[], gateways: Map<string, GatewayInfo>, listenerSets: Map<string, ListenerSetInfo>,
): void {
  if (policies.length === 0) return;
  const reach = routes.map((r) => ({
    kind: r.kind, namespace: r.ns, backendRefs: backendRefsOf(r.obj).map((b) => b.ref), gateways: routeGateways(r, gateways, listenerSets),
  }));
  _analyzeBackendTlsPolicies(ctx.ext, policies, _serviceAncestors(ctx.ext, reach));
}

/** The Gateways that accept `route` (through their own listeners or an attached ListenerSet's). */
function routeGateways(route: RouteInfo, gateways: Map<string, GatewayInfo>, listenerSets: Map<string, ListenerSetInfo>): _AncestorGateway[] {
  const out = new Map<string, _AncestorGateway>();
  for (const { listener: l } of route.attachments) {
    const gw = l.ownerKind === 'Gateway'
      ? gateways.get(key(GW, 'Gateway', l.ownerNs, l.ownerName))
      : listenerSets.get(key(GW, 'ListenerSet', l.ownerNs, l.ownerName))?.gateway;
    if (gw) out.set(`${gw.ns}/${gw.name}`, { namespace: gw.ns, name: gw.name, controllerName: gw.controllerName });
  }
  return [...out.values()];
}
