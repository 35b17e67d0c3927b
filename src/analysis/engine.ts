/**
 * The attachment analysis engine: pure functions over plain manifest objects (no constructs).
 *
 * It predicts the status a conformant Gateway API v1.6.1 controller would write for Gateways, ListenerSets and
 * routes, from the objects alone. See docs/analysis.md for the semantics and the spec sections they follow.
 */
import { _describeSelector, _intersectHostnames, _LabelSelector, _selectorMatches } from './match';
import {
  AnalysisFinding, AnalysisObjectRef, AnalysisOptions, AnalysisParentRef, FindingSeverity, MissingReferencePolicy,
  RouteParentResult,
} from './types';

/** @internal */
export const _GATEWAY_GROUP = 'gateway.networking.k8s.io';
/** @internal */
export const _DEFAULT_TRANSITION_TIME = '1970-01-01T00:00:00Z';
/** @internal */
export const _ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];
/** Kinds whose status the analysis writes. @internal */
export const _ANALYSED_KINDS = ['Gateway', 'ListenerSet', ..._ROUTE_KINDS];

const GW = _GATEWAY_GROUP;
const CLUSTER_SCOPED = new Set(['Namespace', 'GatewayClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass', 'Node', 'IngressClass']);

/** Core protocols: the family (for port sharing) and the route kinds a conformant implementation supports. */
const PROTOCOLS: { [protocol: string]: { family: string; kinds: string[] } } = {
  HTTP: { family: 'http', kinds: ['HTTPRoute', 'GRPCRoute'] },
  HTTPS: { family: 'tls', kinds: ['HTTPRoute', 'GRPCRoute'] },
  TLS: { family: 'tls', kinds: ['TLSRoute'] },
  TCP: { family: 'tcp', kinds: ['TCPRoute'] },
  UDP: { family: 'udp', kinds: ['UDPRoute'] },
};

const HOSTNAME_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);

/** appProtocol values (Service ports) an HTTP-based route can speak to. */
const APP_PROTOCOLS: { [routeKind: string]: Set<string> } = {
  HTTPRoute: new Set(['http', 'https', 'h2c', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss']),
  GRPCRoute: new Set(['grpc', 'http', 'https', 'h2c', 'kubernetes.io/h2c']),
};

const HTTP_FILTERS = new Set(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'RequestRedirect', 'URLRewrite', 'ExtensionRef', 'CORS', 'ExternalAuth']);
const GRPC_FILTERS = new Set(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'ExtensionRef']);
const PATH_TYPES = new Set(['Exact', 'PathPrefix', 'RegularExpression']);
const VALUE_MATCH_TYPES = new Set(['Exact', 'RegularExpression']);
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

/** A condition as written in status. @internal */
export interface _Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime: string;
}

interface Ctx {
  readonly defaultNamespace: string;
  readonly missing: MissingReferencePolicy;
  readonly completeNamespaces: Set<string>;
  readonly ltt: string;
  readonly exists: Set<string>;
  readonly index: Map<string, any>;
  readonly nsLabels: Map<string, { [k: string]: string }>;
  readonly grants: Set<string>;
  readonly findings: AnalysisFinding[];
}

interface ListenerInfo {
  readonly id: string;
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly hostname?: string;
  readonly spec: any;
  readonly ownerKind: string;
  readonly ownerNs: string;
  readonly ownerName: string;
  readonly family?: string;
  supportedKinds: string[];
  accepted: _Condition;
  resolvedRefs: _Condition;
  conflicted: _Condition;
  programmed?: _Condition;
  certProblem: boolean;
  attachedRoutes: number;
}

interface GatewayInfo {
  readonly obj: any;
  readonly ns: string;
  readonly name: string;
  readonly className: string;
  readonly controllerName: string;
  readonly listeners: ListenerInfo[];
  readonly byName: Map<string, ListenerInfo>;
  accepted: boolean;
  attachedListenerSets: number;
  hasListenerSets: boolean;
  /** port → families and hostname keys already claimed (for ListenerSet merging). */
  readonly ports: Map<number, { families: Set<string>; hosts: Set<string> }>;
}

interface ListenerSetInfo {
  readonly obj: any;
  readonly ns: string;
  readonly name: string;
  readonly order: number;
  gateway?: GatewayInfo;
  accepted: boolean;
  readonly listeners: ListenerInfo[];
}

interface RouteInfo {
  readonly obj: any;
  readonly kind: string;
  readonly ns: string;
  readonly name: string;
  readonly order: number;
  readonly ref: AnalysisObjectRef;
  /** accepted attachments: listener + effective hostnames */
  readonly attachments: Array<{ listener: ListenerInfo; hosts: string[]; parentRef: AnalysisParentRef }>;
  readonly invalidRules: Set<number>;
}

/** The raw result of an analysis. @internal */
export interface _EngineResult {
  readonly objects: any[];
  readonly findings: AnalysisFinding[];
  readonly routes: RouteParentResult[];
}

function key(group: string, kind: string, ns: string, name: string): string {
  return `${group}|${kind}|${ns}|${name}`;
}

function groupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

function cond(ctx: Ctx, type: string, status: string, reason: string, message: string): _Condition {
  return { type, status, reason, message, lastTransitionTime: ctx.ltt };
}

function listenerDesc(l: ListenerInfo): string {
  return `listener "${l.name}" of ${l.ownerKind} ${l.ownerNs}/${l.ownerName} (${l.protocol} port ${l.port}, hostname ${l.hostname ?? '(any)'})`;
}

/**
 * Analyses `inputs` and returns deep copies with a `status` stanza on Gateways, ListenerSets and routes.
 * @internal
 */
export function _analyze(inputs: any[], options: AnalysisOptions = {}): _EngineResult {
  const ctx: Ctx = {
    defaultNamespace: options.defaultNamespace ?? 'default',
    missing: options.missingReferences ?? MissingReferencePolicy.ERROR,
    completeNamespaces: new Set(options.completeNamespaces ?? []),
    ltt: options.lastTransitionTime ?? _DEFAULT_TRANSITION_TIME,
    exists: new Set(),
    index: new Map(),
    nsLabels: new Map(),
    grants: new Set(),
    findings: [],
  };

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
    const group = groupOf(obj.apiVersion);
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
        if (_ROUTE_KINDS.includes(obj.kind)) routeObjs.push({ obj, order });
    }
  });
  for (const e of options.externalObjects ?? []) {
    const ns = CLUSTER_SCOPED.has(e.kind) ? '' : (e.namespace ?? ctx.defaultNamespace);
    ctx.exists.add(key(e.group ?? '', e.kind, ns, e.name));
  }

  // ---- Gateways -------------------------------------------------------------------------------------
  const gateways = new Map<string, GatewayInfo>();
  for (const obj of gatewayObjs) {
    const gw = analyzeGateway(ctx, obj, gatewayClasses);
    gateways.set(key(GW, 'Gateway', gw.ns, gw.name), gw);
  }

  // ---- ListenerSets (merged into their parent Gateway, oldest first) --------------------------------
  const listenerSets = new Map<string, ListenerSetInfo>();
  for (const { obj, order } of listenerSetObjs.sort((a, b) => precedence(a, b))) {
    const ls = analyzeListenerSet(ctx, obj, order, gateways);
    listenerSets.set(key(GW, 'ListenerSet', ls.ns, ls.name), ls);
  }

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

  for (const p of policies) analyzeBackendTlsPolicy(ctx, p);

  return { objects, findings: ctx.findings, routes: results };
}

function nsOf(ctx: Ctx, obj: any): string {
  if (CLUSTER_SCOPED.has(obj.kind)) return '';
  const ns = obj.metadata?.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : ctx.defaultNamespace;
}

/** Oldest first (creationTimestamp when both have one), then input order, then namespace/name. */
function precedence(a: { obj: any; order: number }, b: { obj: any; order: number }): number {
  const ta = a.obj.metadata?.creationTimestamp;
  const tb = b.obj.metadata?.creationTimestamp;
  if (typeof ta === 'string' && typeof tb === 'string' && ta !== tb) return ta < tb ? -1 : 1;
  if (a.order !== b.order) return a.order - b.order;
  const na = `${a.obj.metadata?.namespace ?? ''}/${a.obj.metadata?.name ?? ''}`;
  const nb = `${b.obj.metadata?.namespace ?? ''}/${b.obj.metadata?.name ?? ''}`;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

function objRef(ctx: Ctx, obj: any): AnalysisObjectRef {
  const ns = nsOf(ctx, obj);
  return { group: groupOf(obj.apiVersion), kind: obj.kind, name: obj.metadata?.name ?? '', ...(ns ? { namespace: ns } : {}) };
}

function finding(ctx: Ctx, f: AnalysisFinding): void {
  ctx.findings.push(f);
}

// ---- references --------------------------------------------------------------------------------------

function indexGrant(ctx: Ctx, obj: any, ns: string): void {
  for (const f of obj.spec?.from ?? []) {
    for (const t of obj.spec?.to ?? []) {
      ctx.grants.add(`${f.group ?? ''}|${f.kind}|${f.namespace}|${ns}|${t.group ?? ''}|${t.kind}|${t.name ?? '*'}`);
    }
  }
}

function grantAllows(
  ctx: Ctx, fromGroup: string, fromKind: string, fromNs: string, toGroup: string, toKind: string, toName: string, toNs: string,
): boolean {
  const base = `${fromGroup}|${fromKind}|${fromNs}|${toNs}|${toGroup}|${toKind}|`;
  return ctx.grants.has(base + toName) || ctx.grants.has(base + '*');
}

type RefState = 'found' | 'missing' | 'unknown';

function refState(ctx: Ctx, group: string, kind: string, ns: string, name: string): RefState {
  if (ctx.exists.has(key(group, kind, ns, name))) return 'found';
  if (ctx.missing === MissingReferencePolicy.ERROR) return 'missing';
  if (ns !== '' && ctx.completeNamespaces.has(ns)) return 'missing';
  return 'unknown';
}

function namespaceLabels(ctx: Ctx, ns: string): { [k: string]: string } {
  return { ...(ctx.nsLabels.get(ns) ?? {}), 'kubernetes.io/metadata.name': ns };
}

// ---- Gateways and listeners -----------------------------------------------------------------------------

function analyzeGateway(ctx: Ctx, obj: any, classes: Map<string, any>): GatewayInfo {
  const ns = nsOf(ctx, obj);
  const name = obj.metadata?.name ?? '';
  const className = obj.spec?.gatewayClassName ?? '';
  const cls = classes.get(className);
  const controllerName = cls?.spec?.controllerName ?? `unknown-controller/${className}`;
  if (!cls && refState(ctx, GW, 'GatewayClass', '', className) === 'missing') {
    finding(ctx, {
      severity: FindingSeverity.ERROR,
      objectRef: objRef(ctx, obj),
      conditionType: 'Accepted',
      reason: 'Pending',
      message: `Gateway ${ns}/${name}: GatewayClass "${className}" is not in the input, so no controller would reconcile this Gateway (its status would stay Pending).`,
      fix: `Create the GatewayClass "${className}", fix spec.gatewayClassName, or declare the class as an external object.`,
    });
  }
  const gw: GatewayInfo = {
    obj,
    ns,
    name,
    className,
    controllerName,
    listeners: [],
    byName: new Map(),
    accepted: true,
    attachedListenerSets: 0,
    hasListenerSets: obj.spec?.allowedListeners !== undefined,
    ports: new Map(),
  };
  for (const l of obj.spec?.listeners ?? []) {
    const info = analyzeListener(ctx, l, 'Gateway', ns, name);
    gw.listeners.push(info);
    gw.byName.set(info.name, info);
  }
  gatewayConflicts(ctx, gw.listeners);
  for (const l of gw.listeners) {
    if (!l.family) continue;
    const p = gw.ports.get(l.port) ?? { families: new Set<string>(), hosts: new Set<string>() };
    p.families.add(l.family);
    p.hosts.add(hostKey(l));
    gw.ports.set(l.port, p);
  }
  for (const l of gw.listeners) finishListener(ctx, l, obj);
  const invalid = gw.listeners.filter((l) => !listenerValid(l));
  gw.accepted = gw.listeners.length === 0 || invalid.length < gw.listeners.length;
  return gw;
}

function listenerValid(l: ListenerInfo): boolean {
  return l.accepted.status === 'True' && l.resolvedRefs.status === 'True' && l.conflicted.status === 'False';
}

function analyzeListener(ctx: Ctx, l: any, ownerKind: string, ownerNs: string, ownerName: string): ListenerInfo {
  const name = String(l.name ?? '');
  const protocol = String(l.protocol ?? '');
  const port = Number(l.port);
  const proto = PROTOCOLS[protocol];
  const id = `${ownerNs}/${ownerName}/${name}`;
  const info: ListenerInfo = {
    id,
    name,
    port,
    protocol,
    hostname: l.hostname || undefined,
    spec: l,
    ownerKind,
    ownerNs,
    ownerName,
    family: proto?.family,
    supportedKinds: [],
    accepted: cond(ctx, 'Accepted', 'True', 'Accepted', 'Listener is accepted.'),
    resolvedRefs: cond(ctx, 'ResolvedRefs', 'True', 'ResolvedRefs', 'All references are resolved.'),
    conflicted: cond(ctx, 'Conflicted', 'False', 'NoConflicts', 'No conflicts.'),
    certProblem: false,
    attachedRoutes: 0,
  };
  if (!proto) {
    info.accepted = cond(ctx, 'Accepted', 'False', 'UnsupportedProtocol', `Protocol "${protocol}" is not supported (supported: ${Object.keys(PROTOCOLS).join(', ')}).`);
    return info;
  }

  const problems: Array<{ reason: string; message: string }> = [];
  // TLS certificate references (HTTPS, and TLS in Terminate mode)
  const mode = l.tls?.mode ?? 'Terminate';
  if (protocol === 'HTTPS' || (protocol === 'TLS' && mode === 'Terminate')) {
    for (const ref of l.tls?.certificateRefs ?? []) {
      const group = ref.group ?? '';
      const kind = ref.kind ?? 'Secret';
      const ns = ref.namespace ?? ownerNs;
      const what = `certificateRef ${kind} ${ns}/${ref.name}`;
      if (!(group === '' && kind === 'Secret')) {
        problems.push({ reason: 'InvalidCertificateRef', message: `${what}: kind ${group ? group + '/' : ''}${kind} is not supported (use a core Secret).` });
      } else if (ns !== ownerNs && !grantAllows(ctx, GW, ownerKind, ownerNs, '', 'Secret', ref.name, ns)) {
        problems.push({ reason: 'RefNotPermitted', message: `${what} is in another namespace and no ReferenceGrant in "${ns}" allows ${ownerKind}s from "${ownerNs}" to refer to it.` });
      } else if (refState(ctx, '', 'Secret', ns, ref.name) === 'missing') {
        problems.push({ reason: 'InvalidCertificateRef', message: `${what} does not exist.` });
      }
    }
    if (problems.length > 0) info.certProblem = true;
  }
  // route kinds
  const kinds = l.allowedRoutes?.kinds;
  if (Array.isArray(kinds) && kinds.length > 0) {
    const invalid: string[] = [];
    for (const k of kinds) {
      const group = k.group ?? GW;
      if (group === GW && proto.kinds.includes(k.kind)) {
        if (!info.supportedKinds.includes(k.kind)) info.supportedKinds.push(k.kind);
      } else {
        invalid.push(`${group}/${k.kind}`);
      }
    }
    if (invalid.length > 0) {
      problems.push({ reason: 'InvalidRouteKinds', message: `Route kinds ${invalid.join(', ')} are not supported on a ${protocol} listener (supported: ${proto.kinds.join(', ')}).` });
    }
  } else {
    info.supportedKinds = [...proto.kinds];
  }
  if (problems.length > 0) {
    info.resolvedRefs = cond(ctx, 'ResolvedRefs', 'False', problems[0].reason, problems.map((p) => p.message).join(' '));
  }
  return info;
}

function hostKey(l: ListenerInfo): string {
  return l.family === 'tcp' || l.family === 'udp' ? `${l.family}|` : `${l.family}|${l.hostname ?? ''}`;
}

function compatibleFamilies(families: Iterable<string>): boolean {
  const set = new Set(families);
  if (set.size <= 1) return true;
  for (const f of set) if (f !== 'tcp' && f !== 'udp') return false;
  return true;
}

/** Conflicts among the listeners of one Gateway: every listener involved is marked. */
function gatewayConflicts(ctx: Ctx, listeners: ListenerInfo[]): void {
  const byPort = new Map<number, ListenerInfo[]>();
  for (const l of listeners) {
    if (!l.family) continue;
    const list = byPort.get(l.port) ?? [];
    list.push(l);
    byPort.set(l.port, list);
  }
  for (const [port, list] of byPort) {
    if (!compatibleFamilies(list.map((l) => l.family!))) {
      const protocols = [...new Set(list.map((l) => l.protocol))].join(', ');
      for (const l of list) {
        l.conflicted = cond(ctx, 'Conflicted', 'True', 'ProtocolConflict', `Port ${port} is used by listeners with incompatible protocols (${protocols}).`);
      }
      continue;
    }
    const byHost = new Map<string, ListenerInfo[]>();
    for (const l of list) {
      const k = hostKey(l);
      byHost.set(k, [...(byHost.get(k) ?? []), l]);
    }
    for (const same of byHost.values()) {
      if (same.length < 2) continue;
      for (const l of same) {
        const others = same.filter((o) => o !== l).map((o) => `"${o.name}"`).join(', ');
        l.conflicted = cond(ctx, 'Conflicted', 'True', 'HostnameConflict', `Listener ${others} on port ${port} has the same protocol family and hostname (${l.hostname ?? 'none'}).`);
      }
    }
  }
}

/** Programmed, and the findings of one listener. */
function finishListener(ctx: Ctx, l: ListenerInfo, owner: any): void {
  const ok = l.accepted.status === 'True' && l.conflicted.status === 'False' && !l.certProblem && l.supportedKinds.length > 0;
  l.programmed = ok
    ? cond(ctx, 'Programmed', 'True', 'Programmed', 'Listener is programmed.')
    : l.accepted.reason === 'PortUnavailable'
      ? cond(ctx, 'Programmed', 'False', 'PortUnavailable', l.accepted.message)
      : cond(ctx, 'Programmed', 'False', 'Invalid', 'Listener is invalid: see its other conditions.');
  const fixes: { [reason: string]: string } = {
    UnsupportedProtocol: 'Use one of the core protocols HTTP, HTTPS, TLS, TCP, UDP.',
    InvalidCertificateRef: 'Point tls.certificateRefs at an existing core Secret of type kubernetes.io/tls.',
    RefNotPermitted: 'Add a ReferenceGrant in the Secret\'s namespace that allows this Gateway/ListenerSet namespace to refer to the Secret.',
    InvalidRouteKinds: 'Only list route kinds that the listener protocol supports in allowedRoutes.kinds.',
    ProtocolConflict: 'Use a different port for listeners of incompatible protocols.',
    PortUnavailable: 'Use a port/hostname that no listener of higher precedence (the Gateway\'s own, older ListenerSets) uses.',
    Invalid: 'Fix the listener\'s references (see its ResolvedRefs condition).',
    HostnameConflict: 'Give each listener on this port a distinct hostname.',
  };
  for (const c of [l.accepted, l.resolvedRefs, l.conflicted]) {
    if (c === l.accepted && (c.reason === 'PortUnavailable' || c.reason === 'Invalid')) continue; // reported by Conflicted / ResolvedRefs
    const bad = c.type === 'Conflicted' ? c.status === 'True' : c.status !== 'True';
    if (!bad) continue;
    finding(ctx, {
      severity: FindingSeverity.ERROR,
      objectRef: objRef(ctx, owner),
      listener: l.id,
      conditionType: c.type,
      reason: c.reason,
      message: `${listenerDesc(l)}: ${c.message}`,
      fix: fixes[c.reason],
    });
  }
}

function analyzeListenerSet(ctx: Ctx, obj: any, order: number, gateways: Map<string, GatewayInfo>): ListenerSetInfo {
  const ns = nsOf(ctx, obj);
  const name = obj.metadata?.name ?? '';
  const ls: ListenerSetInfo = { obj, ns, name, order, accepted: false, listeners: [] };
  const pr = obj.spec?.parentRef ?? {};
  const pGroup = pr.group ?? GW;
  const pKind = pr.kind ?? 'Gateway';
  const pNs = pr.namespace ?? ns;
  const gw = pGroup === GW && pKind === 'Gateway' ? gateways.get(key(GW, 'Gateway', pNs, pr.name)) : undefined;
  const ref = objRef(ctx, obj);
  if (!gw) {
    if (refState(ctx, pGroup, pKind, pNs, pr.name) === 'missing') {
      finding(ctx, {
        severity: FindingSeverity.ERROR,
        objectRef: ref,
        conditionType: 'Accepted',
        reason: 'NotAllowed',
        message: `ListenerSet ${ns}/${name}: parent ${pKind} ${pNs}/${pr.name} is not in the input; no controller would accept it.`,
        fix: 'Fix spec.parentRef, or declare the Gateway as an external object.',
      });
    }
    return ls;
  }
  ls.gateway = gw;
  gw.hasListenerSets = true;
  const allowed = gw.obj.spec?.allowedListeners?.namespaces ?? {};
  const from = allowed.from ?? 'None';
  let notAllowed: string | undefined;
  if (from === 'None') {notAllowed = `Gateway ${gw.ns}/${gw.name} does not allow ListenerSets (spec.allowedListeners.namespaces.from is None, the default).`;} else if (from === 'Same' && ns !== gw.ns) {notAllowed = `Gateway ${gw.ns}/${gw.name} only allows ListenerSets from its own namespace "${gw.ns}".`;} else if (from === 'Selector' && !_selectorMatches(allowed.selector, namespaceLabels(ctx, ns))) {
    notAllowed = `Gateway ${gw.ns}/${gw.name} only allows ListenerSets from namespaces matching ${_describeSelector(allowed.selector)}; namespace "${ns}" has labels ${JSON.stringify(namespaceLabels(ctx, ns))}.`;
  }
  const write = (accepted: _Condition, programmed: _Condition) => {
    obj.status = { ...(obj.status ?? {}), conditions: [accepted, programmed] };
  };
  if (notAllowed) {
    write(cond(ctx, 'Accepted', 'False', 'NotAllowed', notAllowed), cond(ctx, 'Programmed', 'False', 'NotAllowed', notAllowed));
    finding(ctx, {
      severity: FindingSeverity.ERROR,
      objectRef: ref,
      conditionType: 'Accepted',
      reason: 'NotAllowed',
      message: `ListenerSet ${ns}/${name}: ${notAllowed}`,
      fix: `Ask the owner of Gateway ${gw.ns}/${gw.name} to allow namespace "${ns}" in spec.allowedListeners (or label the namespace to match its selector).`,
    });
    return ls;
  }
  if (!gw.accepted) {
    const msg = `Parent Gateway ${gw.ns}/${gw.name} is not accepted.`;
    write(cond(ctx, 'Accepted', 'False', 'ParentNotAccepted', msg), cond(ctx, 'Programmed', 'False', 'ParentNotAccepted', msg));
    finding(ctx, { severity: FindingSeverity.ERROR, objectRef: ref, conditionType: 'Accepted', reason: 'ParentNotAccepted', message: `ListenerSet ${ns}/${name}: parent Gateway ${gw.ns}/${gw.name} is not accepted.` });
    return ls;
  }
  for (const l of obj.spec?.listeners ?? []) {
    const info = analyzeListener(ctx, l, 'ListenerSet', ns, name);
    ls.listeners.push(info);
    // merge into the parent: Gateway listeners and older ListenerSets take precedence
    if (info.family) {
      const p = gw.ports.get(info.port);
      if (p && !compatibleFamilies([...p.families, info.family])) {
        info.conflicted = cond(ctx, 'Conflicted', 'True', 'ProtocolConflict', `Port ${info.port} is already used on Gateway ${gw.ns}/${gw.name} by a listener with an incompatible protocol.`);
        info.accepted = cond(ctx, 'Accepted', 'False', 'PortUnavailable', info.conflicted.message);
      } else if (p && p.hosts.has(hostKey(info))) {
        info.conflicted = cond(ctx, 'Conflicted', 'True', 'HostnameConflict', `Port ${info.port} and hostname ${info.hostname ?? '(none)'} are already used on Gateway ${gw.ns}/${gw.name} by a listener that takes precedence.`);
        info.accepted = cond(ctx, 'Accepted', 'False', 'PortUnavailable', info.conflicted.message);
      } else {
        const q = p ?? { families: new Set<string>(), hosts: new Set<string>() };
        q.families.add(info.family);
        q.hosts.add(hostKey(info));
        gw.ports.set(info.port, q);
      }
    }
  }
  // conflicts within the ListenerSet itself are caught by the merge above (same port/hostname registered twice)
  for (const l of ls.listeners) {
    // a ListenerSet listener whose references do not resolve is not accepted (GEP-1713 conformance)
    if (l.accepted.status === 'True' && l.resolvedRefs.status !== 'True' && l.certProblem) {
      l.accepted = cond(ctx, 'Accepted', 'False', 'Invalid', l.resolvedRefs.message);
    }
    finishListener(ctx, l, obj);
  }
  const invalid = ls.listeners.filter((l) => !listenerValid(l)).length;
  ls.accepted = ls.listeners.length > 0 && invalid < ls.listeners.length;
  if (ls.accepted) gw.attachedListenerSets++;
  if (ls.accepted) {
    write(cond(ctx, 'Accepted', 'True', 'Accepted', invalid === 0 ? 'ListenerSet is accepted.' : `ListenerSet is accepted; ${invalid} of ${ls.listeners.length} listener(s) are not valid.`),
      cond(ctx, 'Programmed', 'True', 'Programmed', 'ListenerSet is programmed.'));
  } else {
    const msg = `None of the ${ls.listeners.length} listener(s) is valid.`;
    write(cond(ctx, 'Accepted', 'False', 'ListenersNotValid', msg), cond(ctx, 'Programmed', 'False', 'ListenersNotValid', msg));
    finding(ctx, { severity: FindingSeverity.ERROR, objectRef: ref, conditionType: 'Accepted', reason: 'ListenersNotValid', message: `ListenerSet ${ns}/${name}: ${msg}` });
  }
  return ls;
}

function listenerStatus(l: ListenerInfo): any {
  return {
    name: l.name,
    supportedKinds: l.supportedKinds.map((kind) => ({ group: GW, kind })),
    attachedRoutes: l.attachedRoutes,
    conditions: [l.accepted, l.programmed, l.resolvedRefs, l.conflicted],
  };
}

function writeGatewayStatus(ctx: Ctx, gw: GatewayInfo): void {
  const invalid = gw.listeners.filter((l) => !listenerValid(l)).length;
  const accepted = invalid === 0
    ? cond(ctx, 'Accepted', 'True', 'Accepted', 'Gateway is accepted.')
    : cond(ctx, 'Accepted', gw.accepted ? 'True' : 'False', 'ListenersNotValid', `${invalid} of ${gw.listeners.length} listener(s) are not valid.`);
  const programmed = gw.accepted
    ? cond(ctx, 'Programmed', 'True', 'Programmed', 'Gateway is programmed.')
    : cond(ctx, 'Programmed', 'False', 'Invalid', 'Gateway is not accepted.');
  gw.obj.status = {
    ...(gw.obj.status ?? {}),
    conditions: [accepted, programmed],
    listeners: gw.listeners.map(listenerStatus),
    ...(gw.hasListenerSets ? { attachedListenerSets: gw.attachedListenerSets } : {}),
  };
}

function writeListenerSetStatus(ls: ListenerSetInfo): void {
  if (!ls.obj.status || ls.listeners.length === 0) return;
  ls.obj.status = { ...ls.obj.status, listeners: ls.listeners.map(listenerStatus) };
}

// ---- routes ----------------------------------------------------------------------------------------------

function analyzeRoute(
  ctx: Ctx, obj: any, order: number, gateways: Map<string, GatewayInfo>, listenerSets: Map<string, ListenerSetInfo>,
  results: RouteParentResult[],
): RouteInfo {
  const ns = nsOf(ctx, obj);
  const name = obj.metadata?.name ?? '';
  const kind: string = obj.kind;
  const ref = objRef(ctx, obj);
  const route: RouteInfo = { obj, kind, ns, name, order, ref, attachments: [], invalidRules: new Set() };
  const refs = resolveBackendRefs(ctx, obj, kind, ns);
  const rules: any[] = Array.isArray(obj.spec?.rules) ? obj.spec.rules : [];
  const ruleProblems = checkRules(kind, rules);
  for (const p of ruleProblems) route.invalidRules.add(p.rule);
  const allRulesInvalid = rules.length > 0 && route.invalidRules.size === rules.length;
  const hostnames: string[] | undefined = HOSTNAME_KINDS.has(kind) ? obj.spec?.hostnames : undefined;
  const parents: any[] = [];

  for (const pr of obj.spec?.parentRefs ?? []) {
    const group = pr.group ?? GW;
    const pKind = pr.kind ?? 'Gateway';
    const pNs = pr.namespace ?? ns;
    const parentRef: AnalysisParentRef = {
      group,
      kind: pKind,
      name: pr.name,
      namespace: pNs,
      ...(pr.sectionName !== undefined ? { sectionName: pr.sectionName } : {}),
      ...(pr.port !== undefined ? { port: pr.port } : {}),
    };
    const statusRef = {
      group,
      kind: pKind,
      ...(pr.namespace !== undefined ? { namespace: pr.namespace } : {}),
      name: pr.name,
      ...(pr.sectionName !== undefined ? { sectionName: pr.sectionName } : {}),
      ...(pr.port !== undefined ? { port: pr.port } : {}),
    };
    if (group !== GW || (pKind !== 'Gateway' && pKind !== 'ListenerSet')) continue; // e.g. mesh (Service) parents: not analysed

    let gw: GatewayInfo | undefined;
    let candidates: ListenerInfo[] = [];
    let parentProblem: string | undefined;
    if (pKind === 'Gateway') {
      gw = gateways.get(key(GW, 'Gateway', pNs, pr.name));
      candidates = gw?.listeners ?? [];
    } else {
      const ls = listenerSets.get(key(GW, 'ListenerSet', pNs, pr.name));
      if (ls) {
        gw = ls.gateway;
        candidates = ls.listeners;
        if (!ls.accepted) parentProblem = `ListenerSet ${pNs}/${pr.name} is not attached to a Gateway (see its Accepted condition).`;
      }
    }
    const exists = pKind === 'Gateway' ? !!gw : listenerSets.has(key(GW, 'ListenerSet', pNs, pr.name));
    if (!exists) {
      const state = refState(ctx, GW, pKind, pNs, pr.name);
      if (state === 'missing') {
        finding(ctx, {
          severity: FindingSeverity.ERROR,
          objectRef: ref,
          parentRef,
          conditionType: 'Accepted',
          reason: 'NoMatchingParent',
          message: `${kind} ${ns}/${name}: parent ${pKind} ${pNs}/${pr.name} is not in the input, so no controller would attach the route (no status entry would be written).`,
          fix: `Fix parentRefs (name/namespace), or declare ${pKind} ${pNs}/${pr.name} as an external object.`,
        });
      }
      results.push({ route: ref, parentRef, controllerName: '', accepted: 'Unknown', acceptedReason: state === 'missing' ? 'NoMatchingParent' : 'Pending', resolvedRefs: 'Unknown', resolvedRefsReason: 'Pending', attachedListeners: [], parentMissing: true });
      continue;
    }
    const controllerName = gw?.controllerName ?? 'unknown-controller/unknown';

    let accepted: _Condition;
    let fix: string | undefined;
    let considered: ListenerInfo[] = [];
    if (parentProblem) {
      accepted = cond(ctx, 'Accepted', 'False', 'NoMatchingParent', parentProblem);
      fix = 'Make the ListenerSet attach to its Gateway first.';
    } else {
      const matched = candidates.filter((l) =>
        (pr.sectionName === undefined || l.name === pr.sectionName) && (pr.port === undefined || l.port === pr.port));
      if (matched.length === 0) {
        const available = candidates.map((l) => `"${l.name}" (port ${l.port})`).join(', ') || 'none';
        const asked = [pr.sectionName !== undefined ? `sectionName "${pr.sectionName}"` : '', pr.port !== undefined ? `port ${pr.port}` : ''].filter((s) => s).join(' and ');
        accepted = cond(ctx, 'Accepted', 'False', 'NoMatchingParent', `No listener of ${pKind} ${pNs}/${pr.name} matches ${asked || 'the parentRef'}; listeners: ${available}.`);
        fix = `Set sectionName to one of the listener names: ${available}.`;
      } else {
        considered = matched;
        const why: string[] = [];
        const allowed = matched.filter((l) => {
          const w = routeAllowed(ctx, l, kind, ns);
          if (w) why.push(`${listenerDesc(l)}: ${w}`);
          return !w;
        });
        if (allowed.length === 0) {
          accepted = cond(ctx, 'Accepted', 'False', 'NotAllowedByListeners', why.join(' '));
          fix = allowedFix(matched[0], kind, ns);
        } else {
          considered = allowed;
          const withHosts: Array<{ listener: ListenerInfo; hosts: string[] }> = [];
          for (const l of allowed) {
            const hosts = HOSTNAME_KINDS.has(kind) ? _intersectHostnames(l.hostname, hostnames) : ['*'];
            if (hosts.length > 0) withHosts.push({ listener: l, hosts });
          }
          if (withHosts.length === 0) {
            const ls = allowed.map((l) => `"${l.name}" (${l.hostname ?? 'any'})`).join(', ');
            accepted = cond(ctx, 'Accepted', 'False', 'NoMatchingListenerHostname', `Route hostnames ${JSON.stringify(hostnames ?? [])} do not intersect the hostname of any allowed listener: ${ls}.`);
            fix = `Use a hostname covered by listener ${ls}, or attach to a listener whose hostname covers ${JSON.stringify(hostnames ?? [])}.`;
          } else if (allRulesInvalid) {
            accepted = cond(ctx, 'Accepted', 'False', ruleProblems[0].reason, `All rules are invalid: ${ruleProblems.map((p) => p.message).join(' ')}`);
            fix = 'Use the values and filter combinations of Gateway API v1.6.1.';
          } else {
            accepted = cond(ctx, 'Accepted', 'True', 'Accepted', `Accepted by ${withHosts.map((w) => `listener "${w.listener.name}"`).join(', ')}.`);
            for (const w of withHosts) {
              w.listener.attachedRoutes++;
              route.attachments.push({ listener: w.listener, hosts: w.hosts, parentRef });
            }
          }
        }
      }
    }
    const conditions: _Condition[] = [accepted, refs];
    if (accepted.status === 'True' && ruleProblems.length > 0) {
      const dropped = [...route.invalidRules].sort((a, b) => a - b).map((i) => `rules[${i}]`).join(', ');
      conditions.push(cond(ctx, 'PartiallyInvalid', 'True', 'UnsupportedValue', `Dropped Rule(s) ${dropped}: ${ruleProblems.map((p) => p.message).join(' ')}`));
      finding(ctx, { severity: FindingSeverity.WARNING, objectRef: ref, parentRef, conditionType: 'PartiallyInvalid', reason: 'UnsupportedValue', message: `${kind} ${ns}/${name}: ${conditions[2].message}` });
    }
    parents.push({ parentRef: statusRef, controllerName, conditions });
    const listenerNote = considered.length > 0 ? ` Listener(s) considered: ${considered.map((l) => l.id).join(', ')}.` : '';
    if (accepted.status !== 'True') {
      finding(ctx, {
        severity: FindingSeverity.ERROR,
        objectRef: ref,
        parentRef,
        listener: considered[0]?.id,
        conditionType: 'Accepted',
        reason: accepted.reason,
        message: `${kind} ${ns}/${name} is not accepted by ${pKind} ${pNs}/${pr.name}: ${accepted.message}${listenerNote}`,
        fix,
      });
    }
    if (refs.status !== 'True') {
      finding(ctx, {
        severity: FindingSeverity.ERROR,
        objectRef: ref,
        parentRef,
        conditionType: 'ResolvedRefs',
        reason: refs.reason,
        message: `${kind} ${ns}/${name}: ${refs.message}`,
        fix: refFix(refs.reason),
      });
    }
    results.push({
      route: ref,
      parentRef,
      controllerName,
      accepted: accepted.status,
      acceptedReason: accepted.reason,
      resolvedRefs: refs.status,
      resolvedRefsReason: refs.reason,
      attachedListeners: accepted.status === 'True' ? route.attachments.filter((a) => a.parentRef === parentRef).map((a) => a.listener.id) : [],
      parentMissing: false,
    });
  }
  obj.status = { ...(obj.status ?? {}), parents };
  return route;
}

/** Why `l` does not allow a route of `kind` from `ns`; undefined when it does. */
function routeAllowed(ctx: Ctx, l: ListenerInfo, kind: string, ns: string): string | undefined {
  if (!l.supportedKinds.includes(kind)) return `it does not allow ${kind} (allowed kinds: ${l.supportedKinds.join(', ') || 'none'}).`;
  const nsSpec = l.spec.allowedRoutes?.namespaces ?? {};
  const from = nsSpec.from ?? 'Same';
  if (from === 'All') return undefined;
  if (from === 'Same') return ns === l.ownerNs ? undefined : `it only allows routes from its own namespace "${l.ownerNs}" (allowedRoutes.namespaces.from: Same), and the route is in "${ns}".`;
  if (from === 'Selector') {
    const labels = namespaceLabels(ctx, ns);
    if (_selectorMatches(nsSpec.selector, labels)) return undefined;
    const known = ctx.nsLabels.has(ns) ? '' : ` (namespace "${ns}" is not in the input: only its implicit label was considered)`;
    return `it only allows routes from namespaces matching ${_describeSelector(nsSpec.selector)}, and namespace "${ns}" has labels ${JSON.stringify(labels)}${known}.`;
  }
  return `allowedRoutes.namespaces.from "${from}" is not supported.`;
}

function allowedFix(l: ListenerInfo, kind: string, ns: string): string {
  if (!l.supportedKinds.includes(kind)) return `Attach the ${kind} to a listener whose protocol supports it, or add ${kind} to allowedRoutes.kinds of ${l.id}.`;
  const nsSpec = l.spec.allowedRoutes?.namespaces ?? {};
  if ((nsSpec.from ?? 'Same') === 'Selector') {
    const labels = Object.entries(nsSpec.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
    return labels
      ? `Label namespace "${ns}" with ${labels} (kubectl label namespace ${ns} ${labels}), or ask the owner of ${l.id} to widen allowedRoutes.namespaces.`
      : `Make namespace "${ns}" match the selector of ${l.id}, or ask its owner to widen allowedRoutes.namespaces.`;
  }
  return `Ask the owner of ${l.id} to allow namespace "${ns}" (allowedRoutes.namespaces.from: Selector or All), or move the route to namespace "${l.ownerNs}".`;
}

function refFix(reason: string): string | undefined {
  switch (reason) {
    case 'RefNotPermitted': return 'Add a ReferenceGrant in the backend\'s namespace that allows this route kind from the route\'s namespace.';
    case 'InvalidKind': return 'Refer to a core Service (group "", kind Service).';
    case 'BackendNotFound': return 'Create the Service (with that port), fix the backendRef, or declare the Service as an external object.';
    case 'UnsupportedProtocol': return 'Set the Service port appProtocol to a protocol the route kind can speak (e.g. http, kubernetes.io/h2c), or remove it.';
    default: return undefined;
  }
}

/** Every backendRef of a route (rule backends and RequestMirror backends), with where it is. */
function backendRefsOf(obj: any): Array<{ ref: any; where: string }> {
  const out: Array<{ ref: any; where: string }> = [];
  const mirrors = (filters: any, where: string) => {
    if (!Array.isArray(filters)) return;
    filters.forEach((f: any, i: number) => {
      if (f?.type === 'RequestMirror' && f.requestMirror?.backendRef) out.push({ ref: f.requestMirror.backendRef, where: `${where}.filters[${i}].requestMirror.backendRef` });
    });
  };
  (obj.spec?.rules ?? []).forEach((rule: any, r: number) => {
    mirrors(rule?.filters, `rules[${r}]`);
    (rule?.backendRefs ?? []).forEach((b: any, i: number) => {
      out.push({ ref: b, where: `rules[${r}].backendRefs[${i}]` });
      mirrors(b?.filters, `rules[${r}].backendRefs[${i}]`);
    });
  });
  return out;
}

function resolveBackendRefs(ctx: Ctx, obj: any, kind: string, ns: string): _Condition {
  const problems: Array<{ reason: string; message: string }> = [];
  for (const { ref, where } of backendRefsOf(obj)) {
    const group = ref.group ?? '';
    const bKind = ref.kind ?? 'Service';
    const bNs = ref.namespace ?? ns;
    const what = `${where} ${bKind} ${bNs}/${ref.name}`;
    if (!(group === '' && bKind === 'Service')) {
      problems.push({ reason: 'InvalidKind', message: `${what}: kind ${group ? group + '/' : ''}${bKind} is not a supported backend (core Service).` });
      continue;
    }
    if (bNs !== ns && !grantAllows(ctx, GW, kind, ns, '', 'Service', ref.name, bNs)) {
      problems.push({ reason: 'RefNotPermitted', message: `${what} is in another namespace and no ReferenceGrant in "${bNs}" allows ${kind}s from "${ns}" to refer to it.` });
      continue;
    }
    const state = refState(ctx, '', 'Service', bNs, ref.name);
    if (state === 'missing') {
      problems.push({ reason: 'BackendNotFound', message: `${what} does not exist.` });
      continue;
    }
    if (state !== 'found') continue;
    const svc = ctx.index.get(key('', 'Service', bNs, ref.name));
    const ports: any[] = svc?.spec?.ports;
    if (!svc || !Array.isArray(ports) || svc.spec?.type === 'ExternalName') continue;
    const port = ports.find((p) => p.port === ref.port);
    if (ref.port !== undefined && !port) {
      problems.push({ reason: 'BackendNotFound', message: `${what}: the Service has no port ${ref.port} (ports: ${ports.map((p) => p.port).join(', ')}).` });
      continue;
    }
    const allowedProtocols = APP_PROTOCOLS[kind];
    if (port?.appProtocol && allowedProtocols && !allowedProtocols.has(String(port.appProtocol).toLowerCase())) {
      problems.push({ reason: 'UnsupportedProtocol', message: `${what}: port ${ref.port} has appProtocol "${port.appProtocol}", which a ${kind} cannot speak.` });
    }
  }
  if (problems.length === 0) return cond(ctx, 'ResolvedRefs', 'True', 'ResolvedRefs', 'All references are resolved.');
  const shown = problems.slice(0, 5).map((p) => p.message);
  if (problems.length > 5) shown.push(`(${problems.length - 5} more)`);
  return cond(ctx, 'ResolvedRefs', 'False', problems[0].reason, shown.join(' '));
}

/** Rules a conformant controller would drop: unknown enum values (UnsupportedValue), RequestRedirect + URLRewrite (IncompatibleFilters). */
function checkRules(kind: string, rules: any[]): Array<{ rule: number; reason: string; message: string }> {
  const out: Array<{ rule: number; reason: string; message: string }> = [];
  if (kind !== 'HTTPRoute' && kind !== 'GRPCRoute') return out;
  rules.forEach((rule: any, r: number) => {
    const bad: string[] = [];
    const filterTypes = kind === 'HTTPRoute' ? HTTP_FILTERS : GRPC_FILTERS;
    const filters: any[] = [...(rule?.filters ?? []), ...(rule?.backendRefs ?? []).flatMap((b: any) => b?.filters ?? [])];
    for (const f of filters) if (!filterTypes.has(f?.type)) bad.push(`filter type "${f?.type}"`);
    for (const m of rule?.matches ?? []) {
      if (kind === 'HTTPRoute') {
        if (m.path?.type !== undefined && !PATH_TYPES.has(m.path.type)) bad.push(`path match type "${m.path.type}"`);
        if (m.method !== undefined && !HTTP_METHODS.has(m.method)) bad.push(`method "${m.method}"`);
        for (const q of m.queryParams ?? []) if (q.type !== undefined && !VALUE_MATCH_TYPES.has(q.type)) bad.push(`query param match type "${q.type}"`);
      } else if (m.method?.type !== undefined && !VALUE_MATCH_TYPES.has(m.method.type)) {
        bad.push(`method match type "${m.method.type}"`);
      }
      for (const h of m.headers ?? []) if (h.type !== undefined && !VALUE_MATCH_TYPES.has(h.type)) bad.push(`header match type "${h.type}"`);
    }
    if (bad.length > 0) {
      out.push({ rule: r, reason: 'UnsupportedValue', message: `rules[${r}]: unsupported ${bad.join(', ')}.` });
      return;
    }
    const types = new Set((rule?.filters ?? []).map((f: any) => f?.type));
    if (types.has('RequestRedirect') && types.has('URLRewrite')) {
      out.push({ rule: r, reason: 'IncompatibleFilters', message: `rules[${r}]: RequestRedirect and URLRewrite cannot be used together.` });
    }
  });
  return out;
}

// ---- overlaps: shadowed rules and hostname+path claimed by two teams --------------------------------

function normPath(type: string, value: string): string {
  if (type === 'PathPrefix' && value.length > 1 && value.endsWith('/')) return value.replace(/\/+$/, '') || '/';
  return value;
}

/** Match keys of one rule: full key (for shadowing) and path key (for cross-team claims). */
function matchKeys(kind: string, rule: any): Array<{ full: string; path: string; desc: string }> {
  const matches: any[] = Array.isArray(rule?.matches) && rule.matches.length > 0 ? rule.matches : [{}];
  return matches.map((m: any) => {
    const headers = (m.headers ?? []).map((h: any) => `${h.type ?? 'Exact'}:${String(h.name).toLowerCase()}=${h.value}`).sort().join(',');
    if (kind === 'GRPCRoute') {
      const method = m.method ? `${m.method.type ?? 'Exact'}:${m.method.service ?? '*'}/${m.method.method ?? '*'}` : '*';
      return { full: `${method}|${headers}`, path: method, desc: `gRPC method ${method}${headers ? ` headers ${headers}` : ''}` };
    }
    const type = m.path?.type ?? 'PathPrefix';
    const value = normPath(type, m.path?.value ?? '/');
    const query = (m.queryParams ?? []).map((q: any) => `${q.type ?? 'Exact'}:${q.name}=${q.value}`).sort().join(',');
    const path = `${type} ${value}`;
    const full = `${path}|${m.method ?? ''}|${headers}|${query}`;
    const extra = [m.method ? `method ${m.method}` : '', headers ? `headers ${headers}` : '', query ? `query ${query}` : ''].filter((s) => s).join(', ');
    return { full, path, desc: `${path}${extra ? ` (${extra})` : ''}` };
  });
}

function detectOverlaps(ctx: Ctx, routes: RouteInfo[]): void {
  // Routes are in precedence order (oldest/input order first): the first claimant of a key wins.
  const firstFull = new Map<string, { route: RouteInfo; rule: number }>();
  const firstPath = new Map<string, { route: RouteInfo; rule: number }>();
  const reported = new Set<string>();
  for (const route of routes) {
    if (route.kind !== 'HTTPRoute' && route.kind !== 'GRPCRoute') continue;
    // an HTTPRoute without rules gets the API-server default rule: PathPrefix /
    const rules: any[] = Array.isArray(route.obj.spec?.rules) && route.obj.spec.rules.length > 0 ? route.obj.spec.rules : route.kind === 'HTTPRoute' ? [{}] : [];
    const keysByRule = rules.map((rule) => matchKeys(route.kind, rule));
    for (const { listener, hosts, parentRef } of route.attachments) {
      for (const host of hosts) {
        const prefix = `${route.kind}\u0000${listener.id}\u0000${host}\u0000`;
        keysByRule.forEach((keys, r) => {
          if (route.invalidRules.has(r)) return;
          for (const k of keys) {
            const fk = prefix + k.full;
            const winner = firstFull.get(fk);
            if (!winner) {
              firstFull.set(fk, { route, rule: r });
            } else if (!(winner.route === route && winner.rule === r)) {
              const crossTeam = winner.route.ns !== route.ns;
              const dedupe = `${route.ns}/${route.name}#${r}|${winner.route.ns}/${winner.route.name}#${winner.rule}|${k.full}`;
              if (!reported.has(dedupe)) {
                reported.add(dedupe);
                const by = winner.route === route ? `rules[${winner.rule}] of the same route` : `rules[${winner.rule}] of ${winner.route.kind} ${winner.route.ns}/${winner.route.name}`;
                finding(ctx, {
                  severity: FindingSeverity.WARNING,
                  objectRef: route.ref,
                  parentRef,
                  listener: listener.id,
                  conditionType: 'Shadowed',
                  reason: crossTeam ? 'HostnamePathConflict' : 'RuleShadowed',
                  message: `${route.kind} ${route.ns}/${route.name} rules[${r}] match ${k.desc} on hostname ${host} is shadowed by ${by}, which has the same match and takes precedence (older, or earlier in the input), on ${listenerDesc(listener)}.`,
                  fix: crossTeam ? 'Agree which team owns this hostname and path; remove or narrow one of the routes.' : 'Remove the duplicate match or make it more specific.',
                });
              }
            }
            const pk = prefix + k.path;
            const claim = firstPath.get(pk);
            if (!claim) {
              firstPath.set(pk, { route, rule: r });
            } else if (claim.route.ns !== route.ns && winner === undefined) {
              // different match conditions on the same hostname + path, claimed from another namespace
              const dedupe = `claim|${route.ns}/${route.name}|${claim.route.ns}/${claim.route.name}|${host}|${k.path}`;
              if (!reported.has(dedupe)) {
                reported.add(dedupe);
                finding(ctx, {
                  severity: FindingSeverity.WARNING,
                  objectRef: route.ref,
                  parentRef,
                  listener: listener.id,
                  conditionType: 'Shadowed',
                  reason: 'HostnamePathConflict',
                  message: `${route.kind} ${route.ns}/${route.name} (namespace "${route.ns}") and ${claim.route.kind} ${claim.route.ns}/${claim.route.name} (namespace "${claim.route.ns}") both route hostname ${host} ${k.path} on ${listenerDesc(listener)}; requests are split by match precedence.`,
                  fix: 'Agree which team owns this hostname and path; give each team its own hostname or path prefix.',
                });
              }
            }
          }
        });
      }
    }
  }
}

// ---- BackendTLSPolicy (findings only) --------------------------------------------------------------------

function analyzeBackendTlsPolicy(ctx: Ctx, obj: any): void {
  const ns = nsOf(ctx, obj);
  const ref = objRef(ctx, obj);
  for (const c of obj.spec?.validation?.caCertificateRefs ?? []) {
    const group = c.group ?? '';
    if (group !== '' || (c.kind !== 'ConfigMap' && c.kind !== 'Secret')) {
      finding(ctx, { severity: FindingSeverity.ERROR, objectRef: ref, conditionType: 'ResolvedRefs', reason: 'InvalidKind', message: `BackendTLSPolicy ${ns}/${obj.metadata?.name}: caCertificateRef kind ${c.kind} is not supported (use a core ConfigMap).` });
    } else if (refState(ctx, '', c.kind, ns, c.name) === 'missing') {
      finding(ctx, { severity: FindingSeverity.ERROR, objectRef: ref, conditionType: 'ResolvedRefs', reason: 'InvalidCACertificateRef', message: `BackendTLSPolicy ${ns}/${obj.metadata?.name}: caCertificateRef ${c.kind} ${ns}/${c.name} does not exist.`, fix: `Create the ${c.kind} ${ns}/${c.name} with the CA certificate (key ca.crt).` });
    }
  }
  for (const t of obj.spec?.targetRefs ?? []) {
    if ((t.group ?? '') === '' && t.kind === 'Service' && refState(ctx, '', 'Service', ns, t.name) === 'missing') {
      finding(ctx, { severity: FindingSeverity.WARNING, objectRef: ref, conditionType: 'Accepted', reason: 'TargetNotFound', message: `BackendTLSPolicy ${ns}/${obj.metadata?.name}: target Service ${ns}/${t.name} does not exist; the policy applies to nothing.` });
    }
  }
}

/**
 * The analysis' own reference rules over `objects`, for the routing simulator (which needs them per backendRef):
 * ReferenceGrant permission and whether a referent exists (`found`, `missing` or `unknown`, per `options`).
 * @internal
 */
export function _referenceRules(objects: any[], options: AnalysisOptions = {}) {
  const ctx = _analyzeContext(options);
  for (const obj of objects) {
    if (!obj || typeof obj !== 'object' || typeof obj.kind !== 'string') continue;
    const group = groupOf(obj.apiVersion);
    const ns = nsOf(ctx, obj);
    ctx.exists.add(key(group, obj.kind, ns, obj.metadata?.name ?? ''));
    if (group === GW && obj.kind === 'ReferenceGrant') indexGrant(ctx, obj, ns);
  }
  for (const e of options.externalObjects ?? []) ctx.exists.add(key(e.group ?? '', e.kind, CLUSTER_SCOPED.has(e.kind) ? '' : (e.namespace ?? ctx.defaultNamespace), e.name));
  return {
    grantAllows: (fromGroup: string, fromKind: string, fromNs: string, toGroup: string, toKind: string, toName: string, toNs: string) =>
      grantAllows(ctx, fromGroup, fromKind, fromNs, toGroup, toKind, toName, toNs),
    refState: (group: string, kind: string, ns: string, name: string): RefState => refState(ctx, group, kind, ns, name),
  };
}

function _analyzeContext(options: AnalysisOptions): Ctx {
  return {
    defaultNamespace: options.defaultNamespace ?? 'default', missing: options.missingReferences ?? MissingReferencePolicy.ERROR,
    completeNamespaces: new Set(options.completeNamespaces ?? []), ltt: _DEFAULT_TRANSITION_TIME, exists: new Set(), index: new Map(),
    nsLabels: new Map(), grants: new Set(), findings: [],
  };
}
