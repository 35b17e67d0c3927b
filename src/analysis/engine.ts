/**
 * The attachment analysis engine: pure functions over plain manifest objects (no constructs).
 *
 * It predicts the status a conformant Gateway API v1.6.1 controller would write for Gateways, ListenerSets and
 * routes, from the objects alone. See docs/analysis.md for the semantics and the spec sections they follow.
 *
 * This module orchestrates one run; each concern has its own module: context.ts (the run's state), gateways.ts,
 * listener-sets.ts, routes.ts, references.ts, overlaps.ts and backend-tls.ts. The attachment-analysis modules
 * (attachment-context.ts and the modules that take an `_AttachmentContext`: GatewayClass parameters, Gateway TLS
 * references, ListenerSet conflicts, overlapping TLS, L4 and mesh routes, BackendTLSPolicy status) get this run's
 * services through `ctx.ext`. The spec rules themselves (attachment, hostnames, selectors, protocols, grants) are in
 * core/spec.
 */
import { _AttachmentContext } from './attachment-context';
import { analyzeBackendTlsPolicies } from './backend-tls';
import {
  _DEFAULT_TRANSITION_TIME, CLUSTER_SCOPED, cond, Ctx, finding, GatewayInfo, GW, key, ListenerInfo, ListenerSetInfo, nsOf, objRef, precedence,
  refState,
  RouteInfo,
} from './context';
import { _analyzeGatewayClass } from './gateway-class-params';
import { analyzeGateway, writeGatewayStatus } from './gateways';
import { _detectL4Shadowing } from './l4-routes';
import { _listenerSetOrder } from './listener-conflicts';
import { analyzeListenerSet, writeListenerSetStatus } from './listener-sets';
import { _markOverlappingTls } from './overlapping-tls';
import { detectOverlaps } from './overlaps';
import { grantAllows, indexGrant } from './references';
import { analyzeRoute } from './routes';
import { AnalysisFinding, AnalysisOptions, MissingReferencePolicy, RouteParentResult } from './types';

export { _GATEWAY_GROUP } from './context';
import { GrantIndex } from '../core/spec/grants';
import { groupOfApiVersion, ROUTE_KINDS } from '../core/spec/names';

/** The raw result of an analysis. @internal */
export interface _EngineResult {
  readonly objects: any[];
  readonly findings: AnalysisFinding[];
  readonly routes: RouteParentResult[];
}

/**
 * Analyses `inputs` and returns shallow copies of them (see below) with a `status` stanza on Gateways,
 * ListenerSets and routes.
 * @internal
 */
export function _analyze(inputs: any[], options: AnalysisOptions = {}): _EngineResult {
  const ctx = newContext(options);

  // the engine only ever replaces an object's top-level `status` (with a new object), so a shallow copy keeps the
  // inputs unmodified; the returned objects share their other fields with the inputs
  const objects: any[] = inputs.map((o) => (o === null || typeof o !== 'object' || Array.isArray(o) ? o : { ...o }));
  const gatewayClasses = new Map<string, any>();
  const gatewayObjs: any[] = [];
  const listenerSetObjs: Array<{ obj: any; order: number }> = [];
  const routeObjs: Array<{ obj: any; order: number }> = [];
  const policies: any[] = [];

  // ---- index ------------------------------------------------------------------------------------
  objects.forEach((obj, order) => {
    if (!obj || typeof obj !== 'object' || typeof obj.kind !== 'string') return;
    const group = groupOfApiVersion(obj.apiVersion);
    const name = obj.metadata?.name ?? '';
    const ns = nsOf(ctx, obj);
    ctx.exists.add(key(group, obj.kind, ns, name));
    ctx.index.set(key(group, obj.kind, ns, name), obj);
    if (group === '' && obj.kind === 'Namespace') ctx.nsLabels.set(name, obj.metadata?.labels ?? {});
    if (group !== GW) return;
    switch (obj.kind) {
      case 'GatewayClass': gatewayClasses.set(name, obj); break;
      case 'Gateway': gatewayObjs.push(obj); break;
      case 'ListenerSet': listenerSetObjs.push({ obj, order }); break;
      case 'ReferenceGrant': indexGrant(ctx, obj, ns); break;
      case 'BackendTLSPolicy': policies.push(obj); break;
      default:
        if (ROUTE_KINDS.includes(obj.kind)) routeObjs.push({ obj, order });
    }
  });
  addExternalObjects(ctx, options);

  // ---- GatewayClasses (parametersRef) -------------------------------------------------------------
  for (const cls of gatewayClasses.values()) _analyzeGatewayClass(ctx.ext, cls);

  // ---- Gateways -------------------------------------------------------------------------------------
  const gateways = new Map<string, GatewayInfo>();
  for (const obj of gatewayObjs) {
    const gw = analyzeGateway(ctx, obj, gatewayClasses);
    gateways.set(key(GW, 'Gateway', gw.ns, gw.name), gw);
  }

  // ---- ListenerSets (merged into their parent Gateway, oldest first) --------------------------------
  const listenerSets = new Map<string, ListenerSetInfo>();
  for (const { obj, order } of _listenerSetOrder(ctx.ext, listenerSetObjs)) {
    const ls = analyzeListenerSet(ctx, obj, order, gateways);
    listenerSets.set(key(GW, 'ListenerSet', ls.ns, ls.name), ls);
  }
  for (const gw of gateways.values()) _markOverlappingTls(ctx.ext, gw.ports.values() as Iterable<ListenerInfo[]>); // the claims are the listener records

  // ---- routes ---------------------------------------------------------------------------------------
  const routes: RouteInfo[] = [];
  const results: RouteParentResult[] = [];
  for (const { obj, order } of routeObjs.sort((a, b) => precedence(a, b))) {
    routes.push(analyzeRoute(ctx, obj, order, gateways, listenerSets, results));
  }

  // ---- statuses of Gateways and ListenerSets (after routes: attachedRoutes) -------------------------
  for (const gw of gateways.values()) writeGatewayStatus(ctx, gw);
  for (const ls of listenerSets.values()) writeListenerSetStatus(ls);

  // ---- overlaps (warnings) --------------------------------------------------------------------------
  detectOverlaps(ctx, routes);
  _detectL4Shadowing(ctx.ext, routes);

  // ---- BackendTLSPolicies: ancestors are the Gateways whose accepted routes reach the targeted Service ---------
  analyzeBackendTlsPolicies(ctx, policies, routes, gateways, listenerSets);

  return { objects, findings: ctx.findings, routes: results };
}

/** This run's services for the attachment-analysis modules (attachment-context.ts). */
function attachmentContext(ctx: Ctx): _AttachmentContext {
  return {
    defaultNamespace: ctx.defaultNamespace,
    cond: (type, status, reason, message) => cond(ctx, type, status, reason, message),
    report: (f) => finding(ctx, f),
    refState: (group, kind, ns, name) => refState(ctx, group, kind, ns, name),
    lookup: (group, kind, ns, name) => ctx.index.get(key(group, kind, ns, name)),
    grantAllows: (fg, fk, fns, tg, tk, tn, tns) => grantAllows(ctx, fg, fk, fns, tg, tk, tn, tns),
    namespaceOf: (obj) => nsOf(ctx, obj),
    refOf: (obj) => objRef(ctx, obj),
  };
}

/** A fresh run state for `options`. */
function newContext(options: AnalysisOptions): Ctx {
  const ctx: Ctx = {
    defaultNamespace: options.defaultNamespace ?? 'default',
    missing: options.missingReferences ?? MissingReferencePolicy.ERROR,
    completeNamespaces: new Set(options.completeNamespaces ?? []),
    ltt: options.lastTransitionTime ?? _DEFAULT_TRANSITION_TIME,
    exists: new Set(),
    index: new Map(),
    nsLabels: new Map(),
    grants: new GrantIndex(),
    findings: [],
    ext: undefined as unknown as _AttachmentContext,
  };
  ctx.ext = attachmentContext(ctx);
  return ctx;
}

/** The objects the options declare as existing outside the input. */
function addExternalObjects(ctx: Ctx, options: AnalysisOptions): void {
  for (const e of options.externalObjects ?? []) {
    const ns = CLUSTER_SCOPED.has(e.kind) ? '' : (e.namespace ?? ctx.defaultNamespace);
    ctx.exists.add(key(e.group ?? '', e.kind, ns, e.name));
  }
}

/**
 * The analysis' own rules for references, for the routing simulator: whether a referent exists (or may) and whether
 * a ReferenceGrant of `objects` permits a reference, so that both engines answer alike.
 * @internal
 */
export function _referenceRules(objects: any[], options: AnalysisOptions = {}) {
  const ctx = newContext(options);
  for (const obj of objects) {
    if (!obj || typeof obj !== 'object' || typeof obj.kind !== 'string') continue;
    const group = groupOfApiVersion(obj.apiVersion);
    const ns = nsOf(ctx, obj);
    ctx.exists.add(key(group, obj.kind, ns, obj.metadata?.name ?? ''));
    if (group === GW && obj.kind === 'ReferenceGrant') indexGrant(ctx, obj, ns);
  }
  addExternalObjects(ctx, options);
  return {
    grantAllows: (fromGroup: string, fromKind: string, fromNs: string, toGroup: string, toKind: string, toName: string, toNs: string) =>
      grantAllows(ctx, fromGroup, fromKind, fromNs, toGroup, toKind, toName, toNs),
    refState: (group: string, kind: string, ns: string, name: string) => refState(ctx, group, kind, ns, name),
  };
}
