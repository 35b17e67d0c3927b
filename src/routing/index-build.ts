/**
 * The routing index: built once from plain manifests and the attachment analysis, so that a request only looks at
 * the listeners of its port and the rules of the hostnames it can match. Internal.
 */
import { GatewayApiAnalyzer } from '../analysis/analyzer';
import { _GATEWAY_GROUP, _referenceRules } from '../analysis/engine';
import { AnalysisFinding, AnalysisOptions } from '../analysis/types';
import { intersectHostnames as _intersectHostnames } from '../core/spec/hostnames';
import {
  _compareGrpcMatches, _compareHttpMatches, _compareRouteAge, _GrpcMatchRank, _HttpMatchRank, _normalizePrefix,
  _PathType,
} from '../core/spec/precedence';
import { compilePattern, Matcher } from '../validation/patterns';

const GW = _GATEWAY_GROUP;

/** A regular expression matched against a whole value (RE2 semantics, as Envoy-based implementations use). */
export interface FullMatcher {
  readonly source: string;
  /** The compile error, when the expression is not valid RE2. */
  readonly error?: string;
  test(value: string): boolean;
}

export function fullMatcher(source: string): FullMatcher {
  let m: Matcher;
  try {
    m = compilePattern(`^(?:${source})$`);
  } catch (e) {
    return { source, test: () => false, error: (e as Error).message };
  }
  return { source, test: (v: string) => m.test(v) };
}

export interface ValueMatch {
  readonly name: string;
  readonly exact?: string;
  readonly regex?: FullMatcher;
}

export interface RouteEntry {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly obj: any;
  readonly creationTimestamp?: string;
  /** rules the analysis predicts as dropped (PartiallyInvalid) */
  readonly droppedRules: Set<number>;
}

export interface HttpCandidate {
  readonly rank: _HttpMatchRank;
  readonly route: RouteEntry;
  readonly rule: any;
  readonly ruleIndex: number;
  readonly matchIndex: number;
  readonly hostname: string;
  readonly pathType: _PathType;
  readonly pathValue: string;
  readonly pathRegex?: FullMatcher;
  readonly method?: string;
  readonly headers: ValueMatch[];
  readonly query: ValueMatch[];
  readonly desc: string;
}

export interface GrpcCandidate {
  readonly rank: _GrpcMatchRank;
  readonly route: RouteEntry;
  readonly rule: any;
  readonly ruleIndex: number;
  readonly matchIndex: number;
  readonly hostname: string;
  readonly service?: string;
  readonly method?: string;
  readonly regex: boolean;
  readonly serviceRegex?: FullMatcher;
  readonly methodRegex?: FullMatcher;
  readonly headers: ValueMatch[];
  readonly desc: string;
}

export interface RouteAttachment {
  readonly route: RouteEntry;
  readonly hostname: string;
}

export interface ListenerEntry {
  readonly ownerKind: string;
  readonly ownerNamespace: string;
  readonly ownerName: string;
  readonly gateway: GatewayEntry;
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly hostname?: string;
  readonly tlsMode?: string;
  readonly http: Map<string, HttpCandidate[]>;
  readonly grpc: Map<string, GrpcCandidate[]>;
  readonly tls: Map<string, RouteAttachment[]>;
  readonly l4: RouteEntry[];
}

export interface GatewayEntry {
  readonly namespace: string;
  readonly name: string;
  readonly obj: any;
  readonly listeners: ListenerEntry[];
}

export interface BackendTlsPolicyEntry {
  readonly namespace: string;
  readonly name: string;
  readonly obj: any;
  readonly sectionName?: string;
}

export interface RoutingIndex {
  readonly defaultNamespace: string;
  readonly gateways: Map<string, GatewayEntry>;
  /** port → listeners of every Gateway (sorted by gateway namespace/name, then listener order) */
  readonly byPort: Map<number, ListenerEntry[]>;
  /** port → listener hostname ('' for none) → listeners, in the order of `byPort` */
  readonly byPortHost: Map<number, Map<string, ListenerEntry[]>>;
  readonly services: Map<string, any>;
  readonly backendTls: Map<string, BackendTlsPolicyEntry[]>;
  readonly refs: ReturnType<typeof _referenceRules>;
  readonly routeCount: number;
  /** route rules the analysis already reports as shadowed (`Kind|ns/name|rule`) */
  readonly shadowedByAnalysis: Set<string>;
  /** the analysis' findings (used by findRoutingFindings) */
  readonly listeners: ListenerEntry[];
}

function groupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

function condTrue(conditions: any, type: string): boolean {
  return Array.isArray(conditions) && conditions.some((c: any) => c?.type === type && c.status === 'True');
}

function stringMap(v: any): { [k: string]: string } {
  return v && typeof v === 'object' ? v : {};
}

function valueMatches(list: any, lowerNames: boolean): ValueMatch[] {
  if (!Array.isArray(list)) return [];
  const seen = new Set<string>();
  const out: ValueMatch[] = [];
  for (const h of list) {
    if (!h || typeof h.name !== 'string') continue;
    const name = lowerNames ? h.name.toLowerCase() : h.name;
    // the spec: when several entries name the same header/param, only the first one is considered
    if (seen.has(name)) continue;
    seen.add(name);
    const value = String(h.value ?? '');
    out.push(h.type === 'RegularExpression' ? { name, regex: fullMatcher(value) } : { name, exact: value });
  }
  return out;
}

function describeValues(what: string, list: ValueMatch[]): string {
  return list.map((v) => `${what} ${v.name}${v.regex ? ` ~ /${v.regex.source}/` : `=${v.exact}`}`).join(', ');
}

/**
 * Builds the index of `objects`. `analyzed`: the attachment analysis of the same objects with the same options, when
 * the caller has it already (the `analyze` command), so that it is not computed twice.
 */
export function buildRoutingIndex(objects: any[], options: AnalysisOptions, analyzed?: ReturnType<GatewayApiAnalyzer['analyze']>): RoutingIndex {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  let report: ReturnType<GatewayApiAnalyzer['analyze']>;
  try {
    report = analyzed ?? new GatewayApiAnalyzer().analyze(objects, options);
  } catch (e) {
    // the analysis expects schema-valid objects
    throw new Error(`the attachment analysis cannot read the input (validate it first: cdk8s-gateway-api validate): ${(e as Error).name}: ${(e as Error).message}`);
  }
  const refs = _referenceRules(objects, options);
  const nsOf = (o: any) => (typeof o?.metadata?.namespace === 'string' && o.metadata.namespace !== '' ? o.metadata.namespace : defaultNamespace);

  const gateways = new Map<string, GatewayEntry>();
  const listenerByKey = new Map<string, ListenerEntry>();
  const routesByKey = new Map<string, any>();
  const services = new Map<string, any>();
  const backendTls = new Map<string, BackendTlsPolicyEntry[]>();
  const listenerSets: any[] = [];
  const allListeners: ListenerEntry[] = [];

  const addListener = (gw: GatewayEntry, ownerKind: string, ownerNs: string, ownerName: string, spec: any, status: any) => {
    if (!spec || typeof spec.name !== 'string') return;
    // only listeners the analysis predicts as Programmed take connections
    if (!condTrue(status?.conditions, 'Programmed')) return;
    const l: ListenerEntry = {
      ownerKind,
      ownerNamespace: ownerNs,
      ownerName,
      gateway: gw,
      name: spec.name,
      port: Number(spec.port),
      protocol: String(spec.protocol),
      hostname: spec.hostname || undefined,
      tlsMode: spec.protocol === 'HTTPS' ? 'Terminate' : spec.protocol === 'TLS' ? (spec.tls?.mode ?? 'Terminate') : undefined,
      http: new Map(),
      grpc: new Map(),
      tls: new Map(),
      l4: [],
    };
    gw.listeners.push(l);
    allListeners.push(l);
    listenerByKey.set(`${ownerKind}|${ownerNs}/${ownerName}/${l.name}`, l);
  };

  for (const o of report.objects) {
    if (!o || typeof o !== 'object' || typeof o.kind !== 'string') continue;
    const group = groupOf(o.apiVersion);
    const ns = nsOf(o);
    const name = o.metadata?.name ?? '';
    if (group === '' && o.kind === 'Service') services.set(`${ns}/${name}`, o);
    if (group !== GW) continue;
    if (o.kind === 'Gateway') {
      if (!condTrue(o.status?.conditions, 'Accepted')) continue;
      const gw: GatewayEntry = { namespace: ns, name, obj: o, listeners: [] };
      gateways.set(`${ns}/${name}`, gw);
      const statuses = new Map<string, any>((o.status?.listeners ?? []).map((s: any) => [s.name, s]));
      for (const l of o.spec?.listeners ?? []) addListener(gw, 'Gateway', ns, name, l, statuses.get(l?.name));
    } else if (o.kind === 'ListenerSet') {
      listenerSets.push(o);
    } else if (o.kind === 'BackendTLSPolicy') {
      for (const t of o.spec?.targetRefs ?? []) {
        if ((t?.group ?? '') !== '' || t?.kind !== 'Service') continue;
        const k = `${ns}/${t.name}`;
        push(backendTls, k, { namespace: ns, name, obj: o, sectionName: t.sectionName });
      }
    } else if (['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'].includes(o.kind)) {
      routesByKey.set(`${o.kind}|${ns}/${name}`, o);
    }
  }
  for (const o of listenerSets) {
    if (!condTrue(o.status?.conditions, 'Accepted')) continue;
    const pr = o.spec?.parentRef ?? {};
    const gw = gateways.get(`${pr.namespace ?? nsOf(o)}/${pr.name}`);
    if (!gw) continue;
    const statuses = new Map<string, any>((o.status?.listeners ?? []).map((s: any) => [s.name, s]));
    for (const l of o.spec?.listeners ?? []) addListener(gw, 'ListenerSet', nsOf(o), o.metadata?.name ?? '', l, statuses.get(l?.name));
  }
  // BackendTLSPolicy conflicts: the oldest policy wins (the spec's policy precedence)
  for (const list of backendTls.values()) {
    list.sort((a, b) => _compareRouteAge(
      { namespace: a.namespace, name: a.name, creationTimestamp: a.obj.metadata?.creationTimestamp },
      { namespace: b.namespace, name: b.name, creationTimestamp: b.obj.metadata?.creationTimestamp }));
  }

  // ---- routes: only the parentRefs the analysis predicts as Accepted take part --------------------------------
  const routeEntries = new Map<string, RouteEntry>();
  const attached = new Set<string>();
  for (const r of report.routeResults) {
    if (r.accepted !== 'True') continue;
    const rk = `${r.route.kind}|${r.route.namespace}/${r.route.name}`;
    const obj = routesByKey.get(rk);
    if (!obj) continue;
    let route = routeEntries.get(rk);
    if (!route) {
      route = {
        kind: r.route.kind,
        namespace: r.route.namespace ?? defaultNamespace,
        name: r.route.name,
        obj,
        creationTimestamp: typeof obj.metadata?.creationTimestamp === 'string' ? obj.metadata.creationTimestamp : undefined,
        droppedRules: droppedRules(obj),
      };
      routeEntries.set(rk, route);
    }
    for (const id of r.attachedListeners) {
      const listener = listenerByKey.get(`${r.parentRef.kind}|${id}`);
      if (!listener) continue;
      const ak = `${rk}|${r.parentRef.kind}|${id}`;
      if (attached.has(ak)) continue; // two parentRefs to the same listener
      attached.add(ak);
      attach(listener, route);
    }
  }
  for (const l of allListeners) {
    for (const list of l.http.values()) list.sort((a, b) => _compareHttpMatches(a.rank, b.rank));
    for (const list of l.grpc.values()) list.sort((a, b) => _compareGrpcMatches(a.rank, b.rank));
    for (const list of l.tls.values()) list.sort((a, b) => _compareRouteAge(a.route, b.route));
    l.l4.sort((a, b) => _compareRouteAge(a, b));
  }

  const byPort = new Map<number, ListenerEntry[]>();
  const sortedGateways = [...gateways.values()].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  for (const gw of sortedGateways) {
    for (const l of gw.listeners) push(byPort, l.port, l);
  }
  const byPortHost = new Map<number, Map<string, ListenerEntry[]>>();
  for (const [port, list] of byPort) {
    const m = new Map<string, ListenerEntry[]>();
    for (const l of list) push(m, l.hostname ?? '', l);
    byPortHost.set(port, m);
  }
  return {
    defaultNamespace,
    gateways,
    byPort,
    byPortHost,
    services,
    backendTls,
    refs,
    routeCount: routeEntries.size,
    listeners: allListeners,
    shadowedByAnalysis: shadowedRules(report.findings),
  };
}

/** The rules the analysis' own overlap warnings (`Shadowed`) are about: `Kind ns/name rules[i] match …`. */
function shadowedRules(findings: AnalysisFinding[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings) {
    if (f.conditionType !== 'Shadowed') continue;
    const m = /^(\w+) ([^/\s]+)\/(\S+) rules\[(\d+)\]/.exec(f.message);
    if (m) out.add(`${m[1]}|${m[2]}/${m[3]}|${m[4]}`);
  }
  return out;
}

/** Rules the analysis predicts as dropped: the PartiallyInvalid condition names them (`Dropped Rule(s) rules[1], …:`). */
function droppedRules(obj: any): Set<number> {
  const out = new Set<number>();
  for (const p of obj.status?.parents ?? []) {
    for (const c of p.conditions ?? []) {
      if (c.type !== 'PartiallyInvalid' || c.status !== 'True') continue;
      const head = String(c.message).split(':')[0];
      for (const m of head.matchAll(/rules\[(\d+)\]/g)) out.add(Number(m[1]));
    }
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function attach(l: ListenerEntry, route: RouteEntry): void {
  const spec = route.obj.spec ?? {};
  if (route.kind === 'TCPRoute' || route.kind === 'UDPRoute') {
    l.l4.push(route);
    return;
  }
  const routeHostnames = Array.isArray(spec.hostnames) ? spec.hostnames.map((h: string) => String(h).toLowerCase()) : undefined;
  const hostnames = _intersectHostnames(l.hostname, routeHostnames);
  if (route.kind === 'TLSRoute') {
    for (const h of hostnames) push(l.tls, h, { route, hostname: h });
    return;
  }
  const rules: any[] = Array.isArray(spec.rules) && spec.rules.length > 0 ? spec.rules : route.kind === 'HTTPRoute' ? [{}] : [{}];
  const order = { namespace: route.namespace, name: route.name, creationTimestamp: route.creationTimestamp };
  rules.forEach((rule: any, ruleIndex: number) => {
    if (route.droppedRules.has(ruleIndex)) return;
    const matches: any[] = Array.isArray(rule?.matches) && rule.matches.length > 0 ? rule.matches : [{}];
    matches.forEach((m: any, matchIndex: number) => {
      for (const hostname of hostnames) {
        if (route.kind === 'HTTPRoute') {
          const c = httpCandidate(route, rule, ruleIndex, m ?? {}, matchIndex, hostname, order);
          push(l.http, hostname, c);
        } else if (route.kind === 'GRPCRoute') {
          const c = grpcCandidate(route, rule, ruleIndex, m ?? {}, matchIndex, hostname, order);
          push(l.grpc, hostname, c);
        }
      }
    });
  });
}

function httpCandidate(route: RouteEntry, rule: any, ruleIndex: number, m: any, matchIndex: number, hostname: string, order: any): HttpCandidate {
  const pathType: _PathType = m.path?.type === 'Exact' || m.path?.type === 'RegularExpression' ? m.path.type : 'PathPrefix';
  const raw = typeof m.path?.value === 'string' ? m.path.value : '/';
  const pathValue = pathType === 'PathPrefix' ? _normalizePrefix(raw) : raw;
  const headers = valueMatches(m.headers, true);
  const query = valueMatches(m.queryParams, false);
  const method = typeof m.method === 'string' ? m.method : undefined;
  const parts = [`${pathType} ${pathValue}`];
  if (method) parts.push(`method ${method}`);
  if (headers.length) parts.push(describeValues('header', headers));
  if (query.length) parts.push(describeValues('query', query));
  return {
    rank: { ...order, hostname, pathType, pathValue, hasMethod: !!method, headers: headers.length, queryParams: query.length, ruleIndex, matchIndex },
    route,
    rule,
    ruleIndex,
    matchIndex,
    hostname,
    pathType,
    pathValue,
    ...(pathType === 'RegularExpression' ? { pathRegex: fullMatcher(raw) } : {}),
    method,
    headers,
    query,
    desc: parts.join(', '),
  };
}

function grpcCandidate(route: RouteEntry, rule: any, ruleIndex: number, m: any, matchIndex: number, hostname: string, order: any): GrpcCandidate {
  const regex = m.method?.type === 'RegularExpression';
  const service = typeof m.method?.service === 'string' ? m.method.service : undefined;
  const method = typeof m.method?.method === 'string' ? m.method.method : undefined;
  const headers = valueMatches(m.headers, true);
  const parts = [service || method ? `${regex ? 'RegularExpression' : 'Exact'} ${service ?? '*'}/${method ?? '*'}` : 'every method'];
  if (headers.length) parts.push(describeValues('header', headers));
  return {
    rank: {
      ...order, hostname, serviceChars: service?.length ?? 0, methodChars: method?.length ?? 0, headers: headers.length, ruleIndex, matchIndex,
    },
    route,
    rule,
    ruleIndex,
    matchIndex,
    hostname,
    service,
    method,
    regex,
    ...(regex && service !== undefined ? { serviceRegex: fullMatcher(service) } : {}),
    ...(regex && method !== undefined ? { methodRegex: fullMatcher(method) } : {}),
    headers,
    desc: parts.join(', '),
  };
}

export { stringMap };
