/**
 * The report model: what the HTML report, the DOT and the Mermaid diagrams show, built from plain manifests with the
 * engines (`GatewayApiAnalyzer` for predicted status and findings, `GatewayApiValidator` for CRD/CEL errors).
 * Engine-internal (not part of the jsii API): plain TypeScript.
 *
 * The model is a list of objects (one per Gateway API object and per listener, rule and backend) with stable ids,
 * so that other sources (the routing simulator, the capability lint) can add rows and findings that point at them.
 */
import { GatewayApiAnalyzer } from '../analysis/analyzer';
import { AnalysisOptions, FindingSeverity, MissingReferencePolicy } from '../analysis/types';
import { GatewayApiValidator } from '../validation/validator';

const GW = 'gateway.networking.k8s.io';
const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

/** How an object is predicted to fare, drawn as colour and icon. */
export type ReportState = 'ok' | 'error' | 'conflicted' | 'warning' | 'unknown';

/** The icon of each state (used in the diagram labels, the tables and the legend). */
export const STATE_ICON: Record<ReportState, string> = {
  ok: '\u2714', // ✔
  error: '\u2716', // ✖
  conflicted: '\u26A0', // ⚠
  warning: '\u26A0',
  unknown: '?',
};

/** One finding from any source (validation, analysis, or a later engine such as the capability lint). */
export interface ReportFinding {
  /** `validation`, `analysis`, `features`, ... */
  readonly source: string;
  readonly severity: 'error' | 'warning' | 'info';
  /** The object concerned (matched to a diagram node by kind, namespace and name). */
  readonly object?: { readonly group?: string; readonly kind: string; readonly namespace?: string; readonly name: string };
  /** Condition type and reason (`Accepted/NotAllowedByListeners`), a field path, or a rule code. */
  readonly code: string;
  readonly message: string;
  readonly fix?: string;
}

/** A finding placed in the model: the id of the node it is about, when there is one. */
export interface PlacedFinding extends ReportFinding {
  readonly objectId?: string;
  readonly objectLabel: string;
}

export interface ModelObject {
  /** Stable id (`gw:infra/shared-gateway`), used as the DOM/diagram id (after sanitising). */
  readonly id: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  state: ReportState;
  /** One-line reason when not ok (`NotAllowedByListeners`). */
  reason?: string;
  /** The predicted `status` stanza (Gateways, routes) or listener status entry. */
  status?: any;
  /** Words the search matches: hostnames, paths, Service names, namespaces. */
  search: string[];
}

export interface ListenerItem extends ModelObject {
  readonly gatewayId: string;
  readonly port?: number;
  readonly protocol: string;
  readonly hostname?: string;
  /** `Terminate (secret a, b)`, `Passthrough`, or undefined. */
  readonly tls?: string;
  readonly attachedRoutes: number;
}

/** A Gateway, or a ListenerSet (kind `ListenerSet`, drawn under its parent Gateway). */
export interface GatewayItem extends ModelObject {
  /** For a ListenerSet: the id of its parent Gateway. */
  readonly parentId?: string;
  readonly className: string;
  readonly classId?: string;
  readonly listeners: ListenerItem[];
}

export interface BackendRef {
  /** Id of the backend node (`svc:shared-services/search`). */
  readonly targetId: string;
  readonly port?: number;
  readonly weight: number;
  /** Share of the rule's traffic, 0-100, rounded to one decimal. */
  readonly percent: number;
  /** Set when the backend is in another namespace than the route. */
  readonly crossNamespace?: { readonly grant?: string };
}

export interface RuleItem extends ModelObject {
  readonly routeId: string;
  readonly index: number;
  readonly ruleName?: string;
  readonly matches: string[];
  readonly filters: string[];
  readonly backends: BackendRef[];
}

export interface ParentLink {
  /** The Gateway node. */
  readonly gatewayId: string;
  /** The listener nodes the route attaches to (empty when not accepted). */
  readonly listenerIds: string[];
  /** The listener asked for by sectionName, for drawing a not-accepted link. */
  readonly sectionListenerId?: string;
  readonly accepted: boolean;
  readonly reason: string;
  readonly parentMissing: boolean;
}

export interface RouteItem extends ModelObject {
  readonly hostnames: string[];
  readonly parents: ParentLink[];
  readonly rules: RuleItem[];
}

export interface BackendItem extends ModelObject {
  readonly group: string;
}

export interface GrantItem extends ModelObject {
  readonly from: string[];
  readonly to: string[];
}

export interface PolicyItem extends ModelObject {
  /** Ids of the targeted nodes that are in the model. */
  readonly targetIds: string[];
  /** Targets not in the model, as text. */
  readonly missingTargets: string[];
}

export interface ClassItem extends ModelObject {
  readonly controllerName?: string;
}

/** A row of the per-listener routing table. */
export interface RoutingRow {
  readonly routeId: string;
  readonly ruleId: string;
  readonly hostnames: string[];
  readonly matches: string[];
  readonly filters: string[];
  readonly backends: string[];
}

export interface ReportModel {
  readonly title: string;
  readonly classes: ClassItem[];
  readonly gateways: GatewayItem[];
  /** ListenerSets, each with the id of its parent Gateway. */
  readonly listenerSets: GatewayItem[];
  readonly routes: RouteItem[];
  readonly backends: BackendItem[];
  readonly grants: GrantItem[];
  readonly policies: PolicyItem[];
  readonly namespaces: string[];
  readonly findings: PlacedFinding[];
  /** Per listener id: the routes and rules that serve it (the routing simulator can replace these rows later). */
  readonly routing: Map<string, RoutingRow[]>;
  /** Every object by id. */
  readonly byId: Map<string, ModelObject>;
}

export interface ReportModelOptions extends AnalysisOptions {
  /** Title of the report. @default "Gateway API topology" */
  readonly title?: string;
  /** Findings of other engines (capability lint, ...), placed on their objects. */
  readonly extraFindings?: ReportFinding[];
  /** Skip the CRD/CEL validation (e.g. when synth ran it already). @default false */
  readonly skipValidation?: boolean;
}

function groupOf(apiVersion: unknown): string {
  return typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byNsName = (a: { namespace?: string; name: string }, b: { namespace?: string; name: string }) =>
  cmp(a.namespace ?? '', b.namespace ?? '') || cmp(a.name, b.name);

/** The id prefix of a kind. */
function idOf(group: string, kind: string, ns: string | undefined, name: string): string {
  if (group === '' && kind === 'Service') return `svc:${ns}/${name}`;
  if (group === GW && kind === 'Gateway') return `gw:${ns}/${name}`;
  if (group === GW && kind === 'ListenerSet') return `ls:${ns}/${name}`;
  if (group === GW && kind === 'GatewayClass') return `gc:${name}`;
  if (group === GW && ROUTE_KINDS.includes(kind)) return `route:${kind}:${ns}/${name}`;
  return `obj:${group}/${kind}:${ns ?? ''}/${name}`;
}

/** A condition's status and reason, from a `conditions` array. */
function condition(conds: any, type: string): { status?: string; reason?: string } {
  const c = Array.isArray(conds) ? conds.find((x: any) => x && x.type === type) : undefined;
  return { status: c?.status, reason: c?.reason };
}

function matchText(kind: string, m: any): string {
  const parts: string[] = [];
  if (kind === 'GRPCRoute') {
    if (m.method) parts.push(`${m.method.type ?? 'Exact'} ${m.method.service ?? '*'}/${m.method.method ?? '*'}`);
  } else {
    if (m.path) parts.push(`${m.path.type ?? 'PathPrefix'} ${m.path.value ?? '/'}`);
    if (m.method) parts.push(`method ${m.method}`);
    for (const q of m.queryParams ?? []) parts.push(`query ${q.name}${q.type === 'RegularExpression' ? '~' : '='}${q.value}`);
  }
  for (const h of m.headers ?? []) parts.push(`header ${h.name}${h.type === 'RegularExpression' ? '~' : '='}${h.value}`);
  return parts.length > 0 ? parts.join(', ') : 'PathPrefix /';
}

function filterText(f: any): string {
  const t = f?.type ?? '?';
  const hdr = (x: any) => [
    ...(x?.set ?? []).map((h: any) => `set ${h.name}: ${h.value}`),
    ...(x?.add ?? []).map((h: any) => `add ${h.name}: ${h.value}`),
    ...(x?.remove ?? []).map((h: string) => `remove ${h}`),
  ].join(', ');
  switch (t) {
    case 'RequestHeaderModifier': return `request headers: ${hdr(f.requestHeaderModifier)}`;
    case 'ResponseHeaderModifier': return `response headers: ${hdr(f.responseHeaderModifier)}`;
    case 'RequestRedirect': {
      const r = f.requestRedirect ?? {};
      const to = [r.scheme && `scheme ${r.scheme}`, r.hostname && `host ${r.hostname}`, r.port && `port ${r.port}`,
        r.path && `path ${r.path.replaceFullPath ?? r.path.replacePrefixMatch}`].filter(Boolean).join(' ');
      return `redirect ${r.statusCode ?? 302}${to ? ' ' + to : ''}`;
    }
    case 'URLRewrite': {
      const r = f.urlRewrite ?? {};
      return `rewrite${r.hostname ? ' host ' + r.hostname : ''}${r.path ? ' path ' + (r.path.replaceFullPath ?? r.path.replacePrefixMatch) : ''}`;
    }
    case 'RequestMirror': return `mirror to ${f.requestMirror?.backendRef?.name ?? '?'}`;
    case 'ExtensionRef': return `extension ${f.extensionRef?.kind ?? '?'} ${f.extensionRef?.name ?? ''}`;
    case 'CORS': return 'CORS';
    default: return t;
  }
}

/**
 * Builds the report model of `manifests` (plain objects: parsed YAML or an App's `toJson()`). Never throws on
 * malformed objects: what cannot be read is skipped and reported by the validation findings.
 */
export function buildReportModel(manifests: any[], options: ReportModelOptions = {}): ReportModel {
  const defaultNs = options.defaultNamespace ?? 'default';
  const objects = manifests.filter((m) => m !== null && typeof m === 'object' && !Array.isArray(m));
  const analysis = new GatewayApiAnalyzer().analyze(objects, options);
  const byId = new Map<string, ModelObject>();
  const add = <T extends ModelObject>(o: T): T => {
    byId.set(o.id, o);
    return o;
  };
  const nsOf = (o: any): string => (typeof o.metadata?.namespace === 'string' && o.metadata.namespace ? o.metadata.namespace : defaultNs);
  const nameOf = (o: any): string => String(o.metadata?.name ?? '');
  const analysed = analysis.objects.filter((o) => o && typeof o === 'object' && typeof o.kind === 'string');
  const ofKind = (kind: string, group = GW) => analysed
    .filter((o) => o.kind === kind && groupOf(o.apiVersion) === group && nameOf(o) !== '')
    .sort((a, b) => cmp(nsOf(a), nsOf(b)) || cmp(nameOf(a), nameOf(b)));
  const namespaces = new Set<string>();

  // ---- GatewayClasses
  const classes: ClassItem[] = ofKind('GatewayClass').map((o) => {
    const accepted = condition(o.status?.conditions, 'Accepted');
    return add<ClassItem>({
      id: idOf(GW, 'GatewayClass', undefined, nameOf(o)),
      kind: 'GatewayClass',
      name: nameOf(o),
      controllerName: o.spec?.controllerName,
      state: accepted.status === 'False' ? 'error' : 'ok',
      reason: accepted.status === 'False' ? accepted.reason : undefined,
      status: o.status,
      search: [nameOf(o)],
    });
  });
  const classIds = new Set(classes.map((c) => c.id));

  // ---- Gateways, ListenerSets and their listeners
  const listenerOwner = (o: any, kind: 'Gateway' | 'ListenerSet'): GatewayItem => {
    const ns = nsOf(o);
    namespaces.add(ns);
    const id = idOf(GW, kind, ns, nameOf(o));
    const accepted = condition(o.status?.conditions, 'Accepted');
    const listenerStatus: any[] = Array.isArray(o.status?.listeners) ? o.status.listeners : [];
    const listeners: ListenerItem[] = (Array.isArray(o.spec?.listeners) ? o.spec.listeners : []).map((l: any) => {
      const st = listenerStatus.find((s) => s?.name === l?.name);
      const acc = condition(st?.conditions, 'Accepted');
      const conflicted = condition(st?.conditions, 'Conflicted');
      const resolved = condition(st?.conditions, 'ResolvedRefs');
      const state: ReportState = conflicted.status === 'True' ? 'conflicted'
        : acc.status === 'False' || resolved.status === 'False' ? 'error' : st ? 'ok' : 'unknown';
      const certs = (l?.tls?.certificateRefs ?? []).map((c: any) => `${c.namespace && c.namespace !== ns ? c.namespace + '/' : ''}${c.name}`);
      const tls = l?.tls ? `${l.tls.mode ?? 'Terminate'}${certs.length ? ` (${certs.join(', ')})` : ''}` : undefined;
      return add<ListenerItem>({
        id: `${id}#${l?.name}`,
        kind: 'Listener',
        namespace: ns,
        name: String(l?.name ?? ''),
        gatewayId: id,
        port: typeof l?.port === 'number' ? l.port : undefined,
        protocol: String(l?.protocol ?? '?'),
        hostname: typeof l?.hostname === 'string' ? l.hostname : undefined,
        tls,
        attachedRoutes: st?.attachedRoutes ?? 0,
        state,
        reason: state === 'conflicted' ? conflicted.reason : state === 'error' ? (acc.status === 'False' ? acc.reason : resolved.reason) : undefined,
        status: st,
        search: [ns, String(l?.name ?? ''), ...(typeof l?.hostname === 'string' ? [l.hostname] : [])],
      });
    });
    const pr = o.spec?.parentRef;
    const parentId = kind === 'ListenerSet' && pr && typeof pr === 'object' ? idOf(GW, 'Gateway', String(pr.namespace ?? ns), String(pr.name)) : undefined;
    const parent = parentId ? byId.get(parentId) as GatewayItem | undefined : undefined;
    const className = kind === 'Gateway' ? String(o.spec?.gatewayClassName ?? '') : parent?.className ?? '';
    const classId = idOf(GW, 'GatewayClass', undefined, className);
    return add<GatewayItem>({
      id,
      kind,
      parentId,
      namespace: ns,
      name: nameOf(o),
      className,
      classId: classIds.has(classId) ? classId : undefined,
      listeners,
      status: o.status,
      state: accepted.status === 'False' ? 'error' : listeners.some((l) => l.state !== 'ok') ? 'warning' : o.status ? 'ok' : 'unknown',
      reason: accepted.status === 'False' ? accepted.reason
        : listeners.some((l) => l.state !== 'ok') ? `${listeners.filter((l) => l.state !== 'ok').length} listener(s) with problems` : undefined,
      search: [ns, nameOf(o), className],
    });
  };
  const gateways: GatewayItem[] = ofKind('Gateway').map((o) => listenerOwner(o, 'Gateway'));
  const listenerSets: GatewayItem[] = ofKind('ListenerSet').map((o) => listenerOwner(o, 'ListenerSet'));
  const listenerByKey = new Map<string, string>();
  for (const g of [...gateways, ...listenerSets]) for (const l of g.listeners) listenerByKey.set(`${g.namespace}/${g.name}/${l.name}`, l.id);

  // ---- ReferenceGrants (which one allows a cross-namespace reference)
  const grantObjs = ofKind('ReferenceGrant');
  const grants: GrantItem[] = grantObjs.map((o) => {
    const ns = nsOf(o);
    namespaces.add(ns);
    return add<GrantItem>({
      id: idOf(GW, 'ReferenceGrant', ns, nameOf(o)),
      kind: 'ReferenceGrant',
      namespace: ns,
      name: nameOf(o),
      state: 'ok',
      from: (o.spec?.from ?? []).map((f: any) => `${f?.kind} in ${f?.namespace}`),
      to: (o.spec?.to ?? []).map((t: any) => `${t?.kind}${t?.name ? ' ' + t.name : ''}`),
      search: [ns, nameOf(o)],
    });
  });
  // by `toNs|fromKind|fromNs`, in name order
  const grantIndex = new Map<string, any[]>();
  for (const o of grantObjs) {
    for (const f of Array.isArray(o.spec?.from) ? o.spec.from : []) {
      if ((f?.group ?? '') !== GW) continue;
      const k = `${nsOf(o)}|${f?.kind}|${f?.namespace}`;
      const list = grantIndex.get(k) ?? [];
      if (!list.includes(o)) list.push(o);
      grantIndex.set(k, list);
    }
  }
  /** The ReferenceGrant in `toNs` that lets `fromKind` objects of `fromNs` refer to `toKind` `toName` (spec: ReferenceGrant). */
  const grantFor = (fromKind: string, fromNs: string, toGroup: string, toKind: string, toName: string, toNs: string): string | undefined => {
    const g = (grantIndex.get(`${toNs}|${fromKind}|${fromNs}`) ?? []).find((o) => (Array.isArray(o.spec?.to) ? o.spec.to : [])
      .some((t: any) => (t?.group ?? '') === toGroup && t?.kind === toKind && (t?.name === undefined || t?.name === '' || t?.name === toName)));
    return g ? `${nsOf(g)}/${nameOf(g)}` : undefined;
  };

  // ---- backends (every Service or other kind a rule refers to, plus the Services of the input)
  const backendMap = new Map<string, BackendItem>();
  const backend = (group: string, kind: string, ns: string, name: string): BackendItem => {
    const id = idOf(group, kind, ns, name);
    let b = backendMap.get(id);
    if (!b) {
      namespaces.add(ns);
      b = add<BackendItem>({ id, kind, group, namespace: ns, name, state: 'ok', search: [ns, name] });
      backendMap.set(id, b);
    }
    return b;
  };
  const services = new Set(analysed.filter((o) => o.kind === 'Service' && groupOf(o.apiVersion) === '').map((o) => `${nsOf(o)}/${nameOf(o)}`));
  const missingPolicy = options.missingReferences ?? MissingReferencePolicy.ERROR;

  // ---- routes, rules and their backends
  const resultsByRoute = new Map<string, typeof analysis.routeResults>();
  for (const r of analysis.routeResults) {
    const k = idOf(r.route.group, r.route.kind, r.route.namespace, r.route.name);
    resultsByRoute.set(k, [...(resultsByRoute.get(k) ?? []), r]);
  }
  const routes: RouteItem[] = [];
  for (const kind of ROUTE_KINDS) {
    for (const o of ofKind(kind)) {
      const ns = nsOf(o);
      namespaces.add(ns);
      const id = idOf(GW, kind, ns, nameOf(o));
      const hostnames: string[] = Array.isArray(o.spec?.hostnames) ? o.spec.hostnames.map(String) : [];
      const parents: ParentLink[] = (resultsByRoute.get(id) ?? []).map((r) => {
        const gatewayId = idOf(r.parentRef.group, r.parentRef.kind, r.parentRef.namespace, r.parentRef.name);
        const reason = r.parentMissing ? (r.acceptedReason === 'NoMatchingParent' ? 'parent not found' : 'parent not in input')
          : r.accepted !== 'True' ? r.acceptedReason : r.resolvedRefs !== 'True' ? r.resolvedRefsReason : 'Accepted';
        return {
          gatewayId,
          listenerIds: r.attachedListeners.map((l) => listenerByKey.get(l)).filter((x): x is string => x !== undefined),
          sectionListenerId: r.parentRef.sectionName !== undefined
            ? listenerByKey.get(`${r.parentRef.namespace}/${r.parentRef.name}/${r.parentRef.sectionName}`) : undefined,
          accepted: r.accepted === 'True' && r.resolvedRefs === 'True',
          reason,
          parentMissing: r.parentMissing,
        };
      });
      const rules: RuleItem[] = (Array.isArray(o.spec?.rules) ? o.spec.rules : []).map((rule: any, i: number) => {
        const refs: any[] = Array.isArray(rule?.backendRefs) ? rule.backendRefs : [];
        const weights = refs.map((b) => (typeof b?.weight === 'number' ? b.weight : 1));
        const total = weights.reduce((a, b) => a + b, 0);
        const backends: BackendRef[] = refs.map((b, j) => {
          const group = String(b?.group ?? '');
          const bKind = String(b?.kind ?? 'Service');
          const bNs = String(b?.namespace ?? ns);
          const item = backend(group, bKind, bNs, String(b?.name ?? ''));
          if (group === '' && bKind === 'Service' && !services.has(`${bNs}/${b?.name}`)) {
            item.state = missingPolicy === MissingReferencePolicy.ERROR ? 'error' : 'unknown';
            item.reason = missingPolicy === MissingReferencePolicy.ERROR ? 'not in the input' : 'not in the input (assumed to exist)';
          }
          return {
            targetId: item.id,
            port: typeof b?.port === 'number' ? b.port : undefined,
            weight: weights[j],
            percent: total > 0 ? Math.round((weights[j] / total) * 1000) / 10 : 0,
            crossNamespace: bNs !== ns ? { grant: grantFor(kind, ns, group, bKind, String(b?.name ?? ''), bNs) } : undefined,
          };
        });
        const matchList: any[] = Array.isArray(rule?.matches) && rule.matches.length > 0 ? rule.matches : [{}];
        const matches: string[] = matchList.map((m: any) => matchText(kind, m ?? {}));
        if (kind === 'TLSRoute' || kind === 'TCPRoute' || kind === 'UDPRoute') matches.splice(0, matches.length);
        const filters: string[] = (Array.isArray(rule?.filters) ? rule.filters : []).map(filterText);
        return add<RuleItem>({
          id: `${id}#rule${i}`,
          kind: 'Rule',
          namespace: ns,
          name: rule?.name ? String(rule.name) : `rule ${i}`,
          ruleName: rule?.name,
          routeId: id,
          index: i,
          matches,
          filters,
          backends,
          state: 'ok',
          search: [...(rule?.matches ?? []).map((m: any) => m?.path?.value).filter((v: any) => typeof v === 'string')],
        });
      });
      const ok = parents.length > 0 && parents.every((p) => p.accepted);
      const anyUnknown = parents.some((p) => p.parentMissing && p.reason !== 'parent not found');
      const firstBad = parents.find((p) => !p.accepted);
      const route = add<RouteItem>({
        id,
        kind,
        namespace: ns,
        name: nameOf(o),
        hostnames,
        parents,
        rules,
        status: o.status,
        state: ok ? 'ok' : parents.length === 0 ? 'error' : anyUnknown && parents.every((p) => p.accepted || p.parentMissing) ? 'unknown' : 'error',
        reason: parents.length === 0 ? 'no parentRefs' : firstBad?.reason,
        search: [ns, nameOf(o), ...hostnames, ...rules.flatMap((r) => r.search),
          ...rules.flatMap((r) => r.backends.map((b) => byId.get(b.targetId)!.name))],
      });
      for (const r of rules) r.state = route.state;
      routes.push(route);
    }
  }

  // ---- policies: any object with spec.targetRef(s) (BackendTLSPolicy, implementation policies)
  const policies: PolicyItem[] = analysed
    .filter((o) => nameOf(o) !== '' && o.spec && (Array.isArray(o.spec.targetRefs) || (o.spec.targetRef && typeof o.spec.targetRef === 'object')))
    .sort((a, b) => cmp(a.kind, b.kind) || cmp(nsOf(a), nsOf(b)) || cmp(nameOf(a), nameOf(b)))
    .map((o) => {
      const ns = nsOf(o);
      namespaces.add(ns);
      const targetIds: string[] = [];
      const missingTargets: string[] = [];
      for (const t of Array.isArray(o.spec.targetRefs) ? o.spec.targetRefs : [o.spec.targetRef]) {
        if (!t || typeof t !== 'object') continue;
        let tid = idOf(String(t.group ?? ''), String(t.kind), ns, String(t.name));
        if (t.sectionName && byId.has(`${tid}#${t.sectionName}`)) tid = `${tid}#${t.sectionName}`;
        if (t.kind === 'Service' && (t.group ?? '') === '' && services.has(`${ns}/${t.name}`)) backend('', 'Service', ns, String(t.name));
        if (byId.has(tid)) targetIds.push(tid);
        else missingTargets.push(`${t.kind} ${ns}/${t.name}${t.sectionName ? '#' + t.sectionName : ''}`);
      }
      return add<PolicyItem>({
        id: idOf(groupOf(o.apiVersion), o.kind, ns, nameOf(o)),
        kind: o.kind,
        namespace: ns,
        name: nameOf(o),
        targetIds,
        missingTargets,
        status: o.status,
        state: missingTargets.length > 0 ? 'warning' : 'ok',
        reason: missingTargets.length > 0 ? `target not in the input: ${missingTargets.join(', ')}` : undefined,
        search: [ns, nameOf(o)],
      });
    });

  // ---- findings: analysis, validation, other sources
  const raw: ReportFinding[] = [];
  if (!options.skipValidation) {
    const validator = new GatewayApiValidator();
    for (const m of objects) {
      if (!GatewayApiValidator.isGatewayApiObject(m)) continue;
      const res = validator.validate(m);
      for (const e of res.errors) {
        raw.push({
          source: 'validation',
          severity: 'error',
          code: e.path || '(document)',
          message: e.message,
          object: res.kind && res.name ? { group: groupOf(res.apiVersion), kind: res.kind, namespace: res.namespace, name: res.name } : undefined,
        });
      }
    }
  }
  for (const f of analysis.findings) {
    raw.push({
      source: 'analysis',
      severity: f.severity === FindingSeverity.ERROR ? 'error' : 'warning',
      code: `${f.conditionType}/${f.reason}`,
      message: f.message,
      fix: f.fix,
      object: { group: f.objectRef.group, kind: f.objectRef.kind, namespace: f.objectRef.namespace, name: f.objectRef.name },
    });
  }
  raw.push(...(options.extraFindings ?? []));
  const sevRank = { error: 0, warning: 1, info: 2 };
  const findings: PlacedFinding[] = raw.map((f) => {
    const o = f.object;
    let objectId: string | undefined;
    if (o) {
      const ns = o.kind === 'GatewayClass' ? undefined : o.namespace ?? defaultNs;
      const id = idOf(o.group ?? (o.kind === 'Service' ? '' : GW), o.kind, ns, o.name);
      objectId = byId.has(id) ? id : undefined;
    }
    const objectLabel = o ? `${o.kind} ${o.namespace ? o.namespace + '/' : ''}${o.name}` : '(no object)';
    return { ...f, objectId, objectLabel };
  }).sort((a, b) => sevRank[a.severity] - sevRank[b.severity] || cmp(a.objectLabel, b.objectLabel)
    || cmp(a.source, b.source) || cmp(a.code, b.code) || cmp(a.message, b.message));
  // a warning finding on an accepted object shows as a warning
  for (const f of findings) {
    const obj = f.objectId ? byId.get(f.objectId) : undefined;
    if (obj && obj.state === 'ok') {
      obj.state = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : obj.state;
      obj.reason = obj.reason ?? f.code;
    }
  }

  // ---- routing table per listener
  const routing = new Map<string, RoutingRow[]>();
  for (const route of routes) {
    for (const p of route.parents) {
      for (const lid of p.listenerIds) {
        const l = byId.get(lid) as ListenerItem;
        const rows = routing.get(lid) ?? [];
        for (const rule of route.rules) {
          rows.push({
            routeId: route.id,
            ruleId: rule.id,
            hostnames: route.hostnames.length > 0 ? route.hostnames : [l.hostname ?? '*'],
            matches: rule.matches,
            filters: rule.filters,
            backends: rule.backends.map((b) => {
              const t = byId.get(b.targetId)!;
              return `${t.namespace !== route.namespace ? t.namespace + '/' : ''}${t.name}${b.port !== undefined ? ':' + b.port : ''} ${b.percent}%`;
            }),
          });
        }
        routing.set(lid, rows);
      }
    }
  }

  return {
    title: options.title ?? 'Gateway API topology',
    classes,
    gateways,
    listenerSets,
    routes,
    grants,
    policies,
    backends: [...backendMap.values()].sort((a, b) => cmp(a.id, b.id)),
    namespaces: [...namespaces].sort(cmp),
    findings,
    routing,
    byId,
  };
}

/** Stable sort helper shared by the emitters. */
export const _compare = cmp;
export { byNsName as _byNsName };
