/**
 * The shared state of one analysis run (the index of the input, the findings) and the small helpers every part uses.
 * Part of the analysis engine (see engine.ts); internal.
 */
import { _AttachmentContext, _Cond } from './attachment-context';
import { _PortClaims } from './listener-conflicts';
import { AnalysisFinding, AnalysisObjectRef, AnalysisParentRef, MissingReferencePolicy } from './types';
import { GrantIndex } from '../core/spec/grants';
import { KnownLabels, namespaceLabels as withNameLabel } from '../core/spec/labels';
import { GATEWAY_GROUP, groupOfApiVersion } from '../core/spec/names';

/** @internal */
export const _GATEWAY_GROUP = GATEWAY_GROUP;

/** @internal */
export const _DEFAULT_TRANSITION_TIME = '1970-01-01T00:00:00Z';

export const GW = _GATEWAY_GROUP;

export const CLUSTER_SCOPED = new Set(['Namespace', 'GatewayClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass', 'Node', 'IngressClass']);

/** A condition as written in status (one shape for the engine and the attachment-analysis modules). @internal */
export type _Condition = _Cond;

export interface Ctx {
  readonly defaultNamespace: string;
  readonly missing: MissingReferencePolicy;
  readonly completeNamespaces: Set<string>;
  readonly ltt: string;
  readonly exists: Set<string>;
  readonly index: Map<string, any>;
  readonly nsLabels: Map<string, { [k: string]: string }>;
  readonly grants: GrantIndex;
  readonly findings: AnalysisFinding[];
  /**
   * This run's services for the attachment-analysis modules (BackendTLSPolicy, TLS references, parameters,
   * ListenerSet conflicts, L4 and mesh routes), which import nothing from the engine; engine.ts builds it.
   */
  ext: _AttachmentContext;
}

export interface ListenerInfo {
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
  /** OverlappingTLSConfig (negative polarity: only when True; see overlapping-tls.ts). */
  overlappingTls?: _Condition;
  certProblem: boolean;
  attachedRoutes: number;
}

export interface GatewayInfo {
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
  /** port → the listeners that hold it, in precedence order (for ListenerSet merging; listener-conflicts.ts). */
  readonly ports: _PortClaims;
  /** Accepted/Programmed decided by the class' or the Gateway's parameters (see gateway-class-params.ts). */
  paramConditions?: { accepted: _Condition; programmed: _Condition };
}

export interface ListenerSetInfo {
  readonly obj: any;
  readonly ns: string;
  readonly name: string;
  readonly order: number;
  gateway?: GatewayInfo;
  accepted: boolean;
  readonly listeners: ListenerInfo[];
}

export interface RouteInfo {
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

export function key(group: string, kind: string, ns: string, name: string): string {
  return `${group}|${kind}|${ns}|${name}`;
}

export function cond(ctx: Ctx, type: string, status: string, reason: string, message: string): _Condition {
  return { type, status, reason, message, lastTransitionTime: ctx.ltt };
}

export function listenerDesc(l: ListenerInfo): string {
  return `listener "${l.name}" of ${l.ownerKind} ${l.ownerNs}/${l.ownerName} (${l.protocol} port ${l.port}, hostname ${l.hostname ?? '(any)'})`;
}

export function nsOf(ctx: Ctx, obj: any): string {
  if (CLUSTER_SCOPED.has(obj.kind)) return '';
  const ns = obj.metadata?.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : ctx.defaultNamespace;
}

/** Oldest first (creationTimestamp when both have one), then input order, then namespace/name. */
export function precedence(a: { obj: any; order: number }, b: { obj: any; order: number }): number {
  const ta = a.obj.metadata?.creationTimestamp;
  const tb = b.obj.metadata?.creationTimestamp;
  if (typeof ta === 'string' && typeof tb === 'string' && ta !== tb) return ta < tb ? -1 : 1;
  if (a.order !== b.order) return a.order - b.order;
  const na = `${a.obj.metadata?.namespace ?? ''}/${a.obj.metadata?.name ?? ''}`;
  const nb = `${b.obj.metadata?.namespace ?? ''}/${b.obj.metadata?.name ?? ''}`;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

export function objRef(ctx: Ctx, obj: any): AnalysisObjectRef {
  const ns = nsOf(ctx, obj);
  return { group: groupOfApiVersion(obj.apiVersion), kind: obj.kind, name: obj.metadata?.name ?? '', ...(ns ? { namespace: ns } : {}) };
}

export function finding(ctx: Ctx, f: AnalysisFinding): void {
  ctx.findings.push(f);
}

type RefState = 'found' | 'missing' | 'unknown';

export function refState(ctx: Ctx, group: string, kind: string, ns: string, name: string): RefState {
  if (ctx.exists.has(key(group, kind, ns, name))) return 'found';
  if (ctx.missing === MissingReferencePolicy.ERROR) return 'missing';
  if (ns !== '' && ctx.completeNamespaces.has(ns)) return 'missing';
  return 'unknown';
}

export function namespaceLabels(ctx: Ctx, ns: string): { [k: string]: string } {
  return withNameLabel(ns, ctx.nsLabels.get(ns));
}

/** What the analysis knows of a namespace's labels: everything it will know (a namespace not in the input has its name label only). */
export function knownLabels(ctx: Ctx, ns: string): KnownLabels {
  return { labels: namespaceLabels(ctx, ns), complete: true };
}
