/**
 * One request through the routing index: connection → listener → route/rule → filters → backends. Internal.
 */
import {
  FullMatcher, GrpcCandidate, HttpCandidate, ListenerEntry, RouteEntry, RoutingIndex, ValueMatch, stringMap,
} from './index-build';
import { _RoutingResultData, RoutingResult } from './result';
import {
  RoutingBackend, RoutingBackendTls, RoutingMirror, RoutingRedirect, RoutingRequest, RoutingRequestAtBackend,
} from './types';
import { _GATEWAY_GROUP } from '../analysis/engine';
import { _grpcPrecedenceReason, _hostKeys, _httpPrecedenceReason, _prefixMatches, _replacePrefix } from '../core/spec/precedence';

const GW = _GATEWAY_GROUP;
const DEFAULT_PORTS: { [scheme: string]: number } = { http: 80, https: 443 };

/** A normalized request. */
interface Req {
  scheme: string;
  port: number;
  host?: string;
  sni?: string;
  method: string;
  path: string; // without query
  query: string; // '' or '?...'
  queryParams: Map<string, string>;
  headers: { [name: string]: string };
  protocol: string;
  grpc?: { service: string; method: string };
  backendResponseHeaders: { [name: string]: string };
  clientCertificate: boolean;
}

class Trail {
  public readonly lines: string[] = [];
  public implementationSpecific = false;
  public add(line: string): void {
    this.lines.push(line);
  }
  public implSpecific(line: string): void {
    this.implementationSpecific = true;
    this.lines.push(`${line} (implementation-specific)`);
  }
}

function hostOf(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let h = String(value).trim().toLowerCase();
  if (h.startsWith('[')) return h; // IPv6 literal
  const colon = h.lastIndexOf(':');
  if (colon >= 0 && /^\d+$/.test(h.slice(colon + 1))) h = h.slice(0, colon);
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h === '' ? undefined : h;
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
}

function lowerHeaders(h: any): { [name: string]: string } {
  const out: { [name: string]: string } = {};
  for (const [k, v] of Object.entries(stringMap(h))) out[k.toLowerCase()] = String(v);
  return out;
}

function sortedHeaders(h: { [name: string]: string }): { [name: string]: string } {
  const out: { [name: string]: string } = {};
  for (const k of Object.keys(h).sort()) out[k] = h[k];
  return out;
}

/** Normalizes a request; throws an Error naming the bad field. */
function normalize(r: RoutingRequest): Req {
  if (!r || typeof r !== 'object') throw new Error('the request must be an object with at least a "path"');
  const grpcGiven = r.grpc !== undefined && r.grpc !== null;
  const protocol = String(r.protocol ?? (grpcGiven ? 'grpc' : 'http')).toLowerCase();
  if (!['http', 'grpc', 'tcp', 'udp'].includes(protocol)) throw new Error(`request.protocol "${r.protocol}" is not supported: use http, grpc, tcp or udp`);
  const scheme = String(r.scheme ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') throw new Error(`request.scheme "${r.scheme}" is not supported: use http or https`);
  let rawPath = r.path;
  let grpc: { service: string; method: string } | undefined;
  if (protocol === 'grpc') {
    if (grpcGiven) {
      if (typeof r.grpc!.service !== 'string' || typeof r.grpc!.method !== 'string') throw new Error('request.grpc needs "service" and "method" strings');
      grpc = { service: r.grpc!.service, method: r.grpc!.method };
      if (rawPath === undefined || rawPath === null) rawPath = `/${grpc.service}/${grpc.method}`;
    } else {
      const m = /^\/([^/]+)\/([^/?]+)/.exec(String(rawPath ?? ''));
      if (!m) throw new Error(`request.path "${rawPath}" is not a gRPC path /service/method, and request.grpc is not set`);
      grpc = { service: m[1], method: m[2] };
    }
  }
  if (protocol === 'tcp' || protocol === 'udp') rawPath = rawPath ?? '/';
  if (typeof rawPath !== 'string' || !rawPath.startsWith('/')) throw new Error(`request.path ${JSON.stringify(rawPath)} must be a string starting with "/" (the path and query string)`);
  const q = rawPath.indexOf('?');
  const path = q < 0 ? rawPath : rawPath.slice(0, q);
  const query = q < 0 ? '' : rawPath.slice(q);
  const queryParams = new Map<string, string>();
  if (query.length > 1) {
    for (const part of query.slice(1).split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const name = decode(eq < 0 ? part : part.slice(0, eq));
      const value = eq < 0 ? '' : decode(part.slice(eq + 1));
      if (!queryParams.has(name)) queryParams.set(name, value); // the first value: implementations differ beyond it
    }
  }
  const port = r.port ?? DEFAULT_PORTS[scheme];
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`request.port ${JSON.stringify(r.port)} must be an integer from 1 to 65535`);
  let host = hostOf(r.host);
  // an IP literal is the Gateway's address: hostnames (never IPs) do not match it
  if (host !== undefined && isIp(host)) host = undefined;
  return {
    scheme,
    port,
    host,
    sni: scheme === 'https' ? (r.sni !== undefined && r.sni !== null ? hostOf(r.sni) : host) : undefined,
    method: String(r.method ?? (protocol === 'grpc' ? 'POST' : 'GET')).toUpperCase(),
    path,
    query,
    queryParams,
    headers: lowerHeaders(r.headers),
    protocol,
    grpc,
    backendResponseHeaders: lowerHeaders(r.backendResponseHeaders),
    clientCertificate: r.clientCertificate === true,
  };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function empty(trail: Trail, statusCode: number, extra: Partial<_RoutingResultData> = {}): RoutingResult {
  return RoutingResult._of({
    statusCode,
    backends: [],
    responseHeaders: {},
    mirrors: [],
    explanation: trail.lines,
    implementationSpecific: trail.implementationSpecific,
    errorProbability: statusCode === 0 || statusCode >= 500 ? 1 : 0,
    ...extra,
  });
}

/** The gRPC status a client sees for an HTTP status (gRPC's "HTTP to gRPC status code mapping"). */
function grpcStatusOf(status: number): string {
  switch (status) {
    case 0: return 'UNAVAILABLE';
    case 200: return 'OK';
    case 400: return 'INTERNAL';
    case 401: return 'UNAUTHENTICATED';
    case 403: return 'PERMISSION_DENIED';
    case 404: return 'UNIMPLEMENTED';
    case 429: case 502: case 503: case 504: return 'UNAVAILABLE';
    default: return 'UNKNOWN';
  }
}

/** How specifically a listener hostname matches a name: [exact?, length]; undefined when it does not match. */
function listenerMatch(l: ListenerEntry, name: string | undefined): [number, number] | undefined {
  if (!l.hostname) return [0, 0];
  if (name === undefined) return undefined;
  if (l.hostname === name) return [2, name.length];
  if (l.hostname.startsWith('*.') && name.endsWith(l.hostname.slice(1)) && name.length > l.hostname.length - 1) return [1, l.hostname.length];
  return undefined;
}

function listenerLabel(l: ListenerEntry): string {
  const owner = l.ownerKind === 'Gateway' ? '' : ` of ListenerSet ${l.ownerNamespace}/${l.ownerName}`;
  return `listener ${l.name}${owner}`;
}

/** Simulates `request` on `index`. */
export function simulateRequest(index: RoutingIndex, request: RoutingRequest): RoutingResult {
  const trail = new Trail();
  let req: Req;
  try {
    req = normalize(request);
  } catch (e) {
    trail.add(`not simulated: ${(e as Error).message}`);
    return empty(trail, 0, { error: (e as Error).message });
  }

  // ---- connection: Gateway and listener ----------------------------------------------------------------
  const protocols = req.protocol === 'tcp' ? ['TCP'] : req.protocol === 'udp' ? ['UDP'] : req.scheme === 'https' ? ['HTTPS', 'TLS'] : ['HTTP'];
  let listeners: ListenerEntry[];
  if (request.gateway) {
    const gw = index.gateways.get(`${request.gateway.namespace}/${request.gateway.name}`);
    if (!gw) {
      const msg = `Gateway ${request.gateway.namespace}/${request.gateway.name} is not in the input, or the analysis predicts it is not Accepted`;
      trail.add(msg);
      return withGrpc(req, empty(trail, 0, { error: msg }));
    }
    listeners = gw.listeners.filter((l) => l.port === req.port);
  } else {
    // only the listeners whose hostname can match the name (or that have none): independent of the Gateway count
    const byHost = index.byPortHost.get(req.port);
    const name = protocols.includes('HTTP') ? req.host : protocols.includes('HTTPS') ? req.sni : undefined;
    const keys = name === undefined ? [''] : [..._hostKeys(name), ''];
    listeners = byHost ? keys.flatMap((k) => byHost.get(k) ?? []) : [];
    if (listeners.length === 0) listeners = index.byPort.get(req.port) ?? []; // for the explanation of the refusal
  }
  const onPort = listeners;
  listeners = listeners.filter((l) => protocols.includes(l.protocol));
  const where = request.gateway ? `Gateway ${request.gateway.namespace}/${request.gateway.name}` : 'any Gateway';
  if (listeners.length === 0) {
    const others = onPort.length > 0 ? ` (port ${req.port} has ${[...new Set(onPort.map((l) => l.protocol))].join('/')} listeners)` : '';
    trail.add(`connection refused: no programmed ${protocols.join('/')} listener on port ${req.port} of ${where}${others}`);
    return withGrpc(req, empty(trail, 0));
  }
  const name = protocols.includes('HTTP') ? req.host : protocols.includes('HTTPS') ? req.sni : undefined;
  let best: ListenerEntry | undefined;
  let bestRank: [number, number] | undefined;
  const tied: ListenerEntry[] = [];
  for (const l of listeners) {
    const rank = listenerMatch(l, name);
    if (!rank) continue;
    const cmp = bestRank ? (rank[0] - bestRank[0]) || (rank[1] - bestRank[1]) : 1;
    if (cmp > 0) {
      best = l;
      bestRank = rank;
      tied.length = 0;
    } else if (cmp === 0) {
      tied.push(l);
    }
  }
  const nameDesc = protocols.includes('HTTP') ? `host ${req.host ?? '(none: the Gateway address)'}` : req.protocol === 'tcp' || req.protocol === 'udp' ? 'the connection' : `SNI ${req.sni ?? '(none)'}`;
  if (!best) {
    const all = [...new Set(listeners.map((l) => l.hostname ?? '(any)'))];
    const hostnames = all.length > 8 ? `${all.slice(0, 8).join(', ')} and ${all.length - 8} more` : all.join(', ');
    if (protocols.includes('HTTP')) {
      trail.add(`no listener on port ${req.port} of ${where} matches ${nameDesc} (listener hostnames: ${hostnames}): 404`);
      return withGrpc(req, empty(trail, 404));
    }
    trail.add(`TLS handshake refused: no listener on port ${req.port} of ${where} matches ${nameDesc} (listener hostnames: ${hostnames})`);
    return withGrpc(req, empty(trail, 0));
  }
  const l = best;
  const gwRef = { namespace: l.gateway.namespace, name: l.gateway.name };
  const how = !l.hostname ? 'the listener has no hostname (it matches every name)' : bestRank![0] === 2 ? `${nameDesc} is the listener hostname` : `${nameDesc} matches ${l.hostname}`;
  trail.add(`${listenerLabel(l)} (${l.protocol} port ${l.port}) of Gateway ${gwRef.namespace}/${gwRef.name}: ${how}`);
  const otherGateways = tied.filter((t) => t.gateway !== l.gateway);
  if (otherGateways.length > 0) {
    trail.add(`also claimed as specifically by ${otherGateways.map((t) => `Gateway ${t.gateway.namespace}/${t.gateway.name} listener ${t.name}`).join(', ')}: `
      + `each Gateway has its own address, the client reaches the one it dials; ${gwRef.namespace}/${gwRef.name} was taken (alphabetical). Set request.gateway to choose`);
  }
  const base: Partial<_RoutingResultData> = { gateway: gwRef, listener: l.name };

  // ---- client certificate (Gateway spec.tls.frontend, GEP-91) -----------------------------------------------
  if (l.tlsMode === 'Terminate') {
    const frontend = l.gateway.obj.spec?.tls?.frontend;
    const perPort = Array.isArray(frontend?.perPort) ? frontend.perPort.find((p: any) => p?.port === l.port) : undefined;
    const validation = perPort?.tls?.validation ?? frontend?.default?.validation;
    if (validation && Array.isArray(validation.caCertificateRefs) && validation.caCertificateRefs.length > 0) {
      const mode = validation.mode ?? 'AllowValidOnly';
      const source = perPort ? `spec.tls.frontend.perPort[port ${l.port}]` : 'spec.tls.frontend.default';
      if (req.clientCertificate) {
        trail.add(`client certificate presented and required by ${source} (assumed valid for its CA)`);
      } else if (mode === 'AllowValidOnly') {
        trail.add(`TLS handshake refused: ${source} requires a client certificate (mode AllowValidOnly) and the client presents none`);
        return withGrpc(req, empty(trail, 0, base));
      } else {
        trail.add(`no client certificate: accepted anyway, ${source} mode is ${mode}`);
      }
    }
  }
  if (req.scheme === 'https' && l.protocol === 'HTTPS' && req.host !== req.sni) {
    trail.implSpecific(`the Host header (${req.host ?? 'none'}) differs from the SNI (${req.sni ?? 'none'}): routes are matched on the Host; some implementations answer 421 Misdirected Request instead`);
  }

  if (l.protocol === 'TLS') return tlsRoute(index, req, l, trail, base);
  if (l.protocol === 'TCP' || l.protocol === 'UDP') return l4Route(index, req, l, trail, base);
  const keys = hostKeysOf(req);
  const claimed = (lists: Map<string, unknown[]>) => keys.some((k) => (lists.get(k)?.length ?? 0) > 0);
  if (req.protocol === 'grpc') {
    if (!claimed(l.grpc) && claimed(l.http)) {
      // the spec lets only one route kind own a hostname on a listener; a gRPC call is an HTTP/2 POST
      trail.add(`no GRPCRoute on ${listenerLabel(l)} claims ${req.host ?? 'the Gateway address'}, HTTPRoutes do: the gRPC call is matched as the HTTP/2 request POST ${req.path}`);
      const asHttp: Req = { ...req, method: 'POST', headers: { 'content-type': 'application/grpc', ...req.headers } };
      return withGrpc(req, httpRoute(index, asHttp, l, trail, base));
    }
    return grpcRoute(index, req, l, trail, base);
  }
  if (!claimed(l.http) && claimed(l.grpc)) {
    trail.add(`only GRPCRoutes on ${listenerLabel(l)} claim ${req.host ?? 'the Gateway address'}: send the request with protocol grpc to match them; as plain HTTP it matches nothing: 404`);
    return empty(trail, 404, base);
  }
  return httpRoute(index, req, l, trail, base);
}

function withGrpc(req: Req, r: RoutingResult): RoutingResult {
  if (req.protocol !== 'grpc') return r;
  return RoutingResult._of({ ...(r as any), grpcStatus: grpcStatusOf(r.statusCode) });
}

function valuesMatch(list: ValueMatch[], get: (name: string) => string | undefined): boolean {
  for (const v of list) {
    const actual = get(v.name);
    if (actual === undefined) return false;
    if (v.regex ? !v.regex.test(actual) : actual !== v.exact) return false;
  }
  return true;
}

function httpMatches(c: HttpCandidate, req: Req): boolean {
  if (c.pathType === 'Exact') {
    if (req.path !== c.pathValue) return false;
  } else if (c.pathType === 'PathPrefix') {
    if (!_prefixMatches(c.pathValue, req.path)) return false;
  } else if (!c.pathRegex!.test(req.path)) {
    return false;
  }
  if (c.method !== undefined && c.method !== req.method) return false;
  if (!valuesMatch(c.headers, (n) => req.headers[n])) return false;
  return valuesMatch(c.query, (n) => req.queryParams.get(n));
}

function grpcMatches(c: GrpcCandidate, req: Req): boolean {
  const g = req.grpc!;
  if (c.regex) {
    if (c.serviceRegex && !c.serviceRegex.test(g.service)) return false;
    if (c.methodRegex && !c.methodRegex.test(g.method)) return false;
  } else {
    if (c.service !== undefined && c.service !== g.service) return false;
    if (c.method !== undefined && c.method !== g.method) return false;
  }
  return valuesMatch(c.headers, (n) => req.headers[n]);
}

function hostKeysOf(req: Req): string[] {
  return req.host === undefined ? ['*'] : [..._hostKeys(req.host), '*'];
}

function routeLabel(r: RouteEntry): string {
  return `${r.kind} ${r.namespace}/${r.name}`;
}

function regexNotes(list: FullMatcher[], trail: Trail): void {
  for (const m of list) if (m.error) trail.add(`regular expression /${m.source}/ is not valid RE2 (${m.error}): it matches nothing`);
}

/** The first candidate (in precedence order) over the host keys that matches, and the runner-up. */
function select<C extends { route: RouteEntry; ruleIndex: number }>(
  lists: Map<string, C[]>, keys: string[], matches: (c: C) => boolean,
): { winner?: C; runnerUp?: C; winnerKey?: string; firstKey?: string } {
  let winner: C | undefined;
  let winnerKey: string | undefined;
  let firstKey: string | undefined;
  for (const k of keys) {
    const list = lists.get(k);
    if (!list || list.length === 0) continue;
    firstKey ??= k;
    for (const c of list) {
      if (!matches(c)) continue;
      if (!winner) {
        winner = c;
        winnerKey = k;
      } else if (c.route !== winner.route || c.ruleIndex !== winner.ruleIndex) {
        return { winner, runnerUp: c, winnerKey, firstKey };
      }
    }
  }
  return { winner, winnerKey, firstKey };
}

function httpRoute(index: RoutingIndex, req: Req, l: ListenerEntry, trail: Trail, base: Partial<_RoutingResultData>): RoutingResult {
  const keys = hostKeysOf(req);
  const { winner, runnerUp, winnerKey, firstKey } = select(l.http, keys, (c) => httpMatches(c, req));
  if (!winner) {
    const routes = new Set<string>();
    for (const k of keys) for (const c of l.http.get(k) ?? []) routes.add(routeLabel(c.route));
    trail.add(routes.size === 0
      ? `no HTTPRoute attached to ${listenerLabel(l)} has a hostname matching ${req.host ?? '(no host)'}: 404`
      : `no rule of ${[...routes].sort().join(', ')} matches ${req.method} ${req.path}${req.query}: 404`);
    return empty(trail, 404, base);
  }
  if (winner.pathRegex) regexNotes([winner.pathRegex], trail);
  const ruleName = typeof winner.rule?.name === 'string' ? winner.rule.name : undefined;
  const ruleLabel = `rule ${winner.ruleIndex}${ruleName ? ` (${ruleName})` : ''} of ${routeLabel(winner.route)}`;
  const hostWhy = winner.hostname === '*' ? 'no hostnames' : winner.hostname === req.host ? `hostname ${winner.hostname}` : `hostname ${winner.hostname} matches ${req.host}`;
  let why: string;
  if (!runnerUp) {
    why = `${winner.desc} matches (${hostWhy}); no other rule matches`;
  } else {
    why = `${winner.desc} matches (${hostWhy}) and wins over ${runnerUp.ruleIndex === winner.ruleIndex && runnerUp.route === winner.route ? '' : `rule ${runnerUp.ruleIndex} of ${routeLabel(runnerUp.route)} `}(${runnerUp.desc}): ${_httpPrecedenceReason(winner.rank, runnerUp.rank) ?? 'tie'}`;
    if (winner.pathType === 'PathPrefix' && runnerUp.pathType === 'PathPrefix' && winner.pathValue.length > runnerUp.pathValue.length && winner.hostname === runnerUp.hostname) {
      why = `PathPrefix ${winner.pathValue} is the longest prefix (over ${runnerUp.pathValue} of ${runnerUp.route === winner.route ? `rule ${runnerUp.ruleIndex}` : `rule ${runnerUp.ruleIndex} of ${routeLabel(runnerUp.route)}`})`;
    }
  }
  trail.add(`${ruleLabel}: ${why}`);
  if (winner.pathType === 'RegularExpression' || runnerUp?.pathType === 'RegularExpression') {
    trail.implSpecific('the precedence of RegularExpression path matches is left to implementations: here they rank after every Exact and PathPrefix match');
  }
  if (winnerKey !== firstKey) {
    trail.implSpecific(`routes with the more specific hostname ${firstKey} are attached but none of their rules matches; this follows the spec's precedence across hostnames, while implementations that pick one virtual host per hostname answer 404`);
  }
  return applyRule(index, req, l, trail, base, winner.route, winner.rule, winner.ruleIndex, winner.pathType === 'PathPrefix' ? winner.pathValue : undefined, winner.pathType);
}

function grpcRoute(index: RoutingIndex, req: Req, l: ListenerEntry, trail: Trail, base: Partial<_RoutingResultData>): RoutingResult {
  const keys = hostKeysOf(req);
  const { winner, runnerUp, winnerKey, firstKey } = select(l.grpc, keys, (c) => grpcMatches(c, req));
  const g = req.grpc!;
  if (!winner) {
    const routes = new Set<string>();
    for (const k of keys) for (const c of l.grpc.get(k) ?? []) routes.add(routeLabel(c.route));
    trail.add(routes.size === 0
      ? `no GRPCRoute attached to ${listenerLabel(l)} has a hostname matching ${req.host ?? '(no host)'}: 404, gRPC status UNIMPLEMENTED`
      : `no rule of ${[...routes].sort().join(', ')} matches ${g.service}/${g.method}: 404, gRPC status UNIMPLEMENTED`);
    return withGrpc(req, empty(trail, 404, base));
  }
  regexNotes([winner.serviceRegex, winner.methodRegex].filter((x): x is FullMatcher => !!x), trail);
  const ruleName = typeof winner.rule?.name === 'string' ? winner.rule.name : undefined;
  const ruleLabel = `rule ${winner.ruleIndex}${ruleName ? ` (${ruleName})` : ''} of ${routeLabel(winner.route)}`;
  trail.add(`${ruleLabel}: ${winner.desc} matches ${g.service}/${g.method}${runnerUp ? ` and wins over rule ${runnerUp.ruleIndex} of ${routeLabel(runnerUp.route)} (${runnerUp.desc}): ${_grpcPrecedenceReason(winner.rank, runnerUp.rank) ?? 'tie'}` : ''}`);
  if (winner.regex) trail.implSpecific('RegularExpression method matching (RE2 syntax assumed)');
  if (winnerKey !== firstKey) {
    trail.implSpecific(`routes with the more specific hostname ${firstKey} are attached but none of their rules matches; implementations that pick one virtual host per hostname answer UNIMPLEMENTED`);
  }
  return withGrpc(req, applyRule(index, req, l, trail, base, winner.route, winner.rule, winner.ruleIndex, undefined, undefined));
}

function tlsRoute(index: RoutingIndex, req: Req, l: ListenerEntry, trail: Trail, base: Partial<_RoutingResultData>): RoutingResult {
  const keys = req.sni === undefined ? ['*'] : [..._hostKeys(req.sni), '*'];
  for (const k of keys) {
    const list = l.tls.get(k);
    if (!list || list.length === 0) continue;
    const chosen = list[0];
    trail.add(`${routeLabel(chosen.route)}: hostname ${k === '*' ? '(any)' : k} matches SNI ${req.sni ?? '(none)'}${list.length > 1 ? `; it takes precedence over ${list.slice(1).map((a) => routeLabel(a.route)).join(', ')} (oldest, then namespace/name)` : ''}`);
    trail.add(l.tlsMode === 'Passthrough'
      ? 'TLS passthrough: the Gateway does not terminate TLS; the backend receives the encrypted stream and the client\'s SNI'
      : 'TLS terminated at the Gateway; the backend receives the decrypted stream');
    return applyL4(index, l, trail, base, chosen.route);
  }
  trail.add(`no TLSRoute attached to ${listenerLabel(l)} matches SNI ${req.sni ?? '(none)'}: connection refused`);
  return empty(trail, 0, base);
}

function l4Route(index: RoutingIndex, req: Req, l: ListenerEntry, trail: Trail, base: Partial<_RoutingResultData>): RoutingResult {
  if (l.l4.length === 0) {
    trail.add(`no ${l.protocol === 'TCP' ? 'TCPRoute' : 'UDPRoute'} is attached to ${listenerLabel(l)}: connection refused`);
    return empty(trail, 0, base);
  }
  const chosen = l.l4[0];
  trail.add(`${routeLabel(chosen)} is attached to ${listenerLabel(l)}${req.protocol === 'udp' ? ' (datagrams)' : ''}`);
  if (l.l4.length > 1) {
    trail.implSpecific(`${l.l4.length} routes are attached to the same ${l.protocol} listener; ${routeLabel(chosen)} is taken (oldest, then namespace/name)`);
  }
  return applyL4(index, l, trail, base, chosen);
}

function applyL4(index: RoutingIndex, l: ListenerEntry, trail: Trail, base: Partial<_RoutingResultData>, route: RouteEntry): RoutingResult {
  const rules: any[] = Array.isArray(route.obj.spec?.rules) ? route.obj.spec.rules : [];
  const rule = rules[0] ?? {};
  if (rules.length > 1) trail.add(`${routeLabel(route)} has ${rules.length} rules; the first one is used`);
  const backends = resolveBackends(index, route, rule, trail, undefined);
  const routeRef = { kind: route.kind, namespace: route.namespace, name: route.name };
  const ruleRef = { index: 0, ...(typeof rule.name === 'string' ? { name: rule.name } : {}) };
  const err = backends.errorProbability;
  trail.add(err >= 1 ? 'no valid backend: the connection is refused' : err > 0 ? `${pct(err)} of the connections go to invalid backends and are refused` : 'connection forwarded');
  void l;
  return RoutingResult._of({
    ...base,
    route: routeRef,
    rule: ruleRef,
    statusCode: err >= 1 ? 0 : 200,
    backends: backends.list,
    responseHeaders: {},
    mirrors: [],
    backendTls: backends.tls,
    explanation: trail.lines,
    implementationSpecific: trail.implementationSpecific,
    errorProbability: err,
  });
}

function pct(p: number): string {
  return `${Number((p * 100).toFixed(2))}%`;
}

// ---- filters ---------------------------------------------------------------------------------------------

function applyHeaderModifier(headers: { [name: string]: string }, f: any, label: string, trail: Trail): void {
  const changes: string[] = [];
  for (const h of f?.set ?? []) {
    if (typeof h?.name !== 'string') continue;
    headers[h.name.toLowerCase()] = String(h.value ?? '');
    changes.push(`set ${h.name}: ${h.value}`);
  }
  for (const h of f?.add ?? []) {
    if (typeof h?.name !== 'string') continue;
    const n = h.name.toLowerCase();
    headers[n] = headers[n] !== undefined ? `${headers[n]},${h.value ?? ''}` : String(h.value ?? '');
    changes.push(`add ${h.name}: ${h.value}`);
  }
  for (const n of f?.remove ?? []) {
    if (typeof n !== 'string') continue;
    delete headers[n.toLowerCase()];
    changes.push(`remove ${n}`);
  }
  trail.add(`${label}: ${changes.length ? changes.join('; ') : 'no change'}`);
}

function originParts(origin: string): { scheme: string; host: string; port: number } | undefined {
  const m = /^(https?):\/\/([^/:]+|\[[^\]]+\])(?::(\d+))?$/i.exec(origin.trim());
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  return { scheme, host: m[2].toLowerCase(), port: m[3] ? Number(m[3]) : DEFAULT_PORTS[scheme] };
}

/** Whether `origin` matches an allowOrigins entry (the spec: `*` alone matches all; `*` in the host is greedy to the left). */
function originAllowed(allowed: string, origin: string): boolean {
  if (allowed === '*') return true;
  const o = originParts(origin);
  const m = /^(https?):\/\/([^/:]+)(?::(\d+))?$/i.exec(allowed.trim());
  if (!o || !m) return false;
  const scheme = m[1].toLowerCase();
  if (scheme !== o.scheme) return false;
  const port = m[3] ? Number(m[3]) : DEFAULT_PORTS[scheme];
  if (port !== o.port) return false;
  const host = m[2].toLowerCase();
  if (host === '*') return true;
  if (host.includes('*')) {
    const i = host.indexOf('*');
    const suffix = host.slice(i + 1);
    const prefix = host.slice(0, i);
    return o.host.startsWith(prefix) && o.host.endsWith(suffix) && o.host.length >= prefix.length + suffix.length;
  }
  return host === o.host;
}

interface CorsOutcome {
  preflight: boolean;
  allowed: boolean;
  headers: { [name: string]: string };
}

function cors(f: any, req: Req, trail: Trail): CorsOutcome | undefined {
  const origin = req.headers.origin;
  const preflight = req.method === 'OPTIONS' && origin !== undefined && req.headers['access-control-request-method'] !== undefined;
  if (origin === undefined) {
    trail.add('CORS: the request has no Origin header, so it is not a cross-origin request: no CORS headers');
    return undefined;
  }
  const allowOrigins: string[] = Array.isArray(f?.allowOrigins) ? f.allowOrigins.map(String) : [];
  const credentials = f?.allowCredentials === true;
  const allowed = allowOrigins.some((a) => originAllowed(a, origin));
  const headers: { [name: string]: string } = {};
  if (!allowed) {
    trail.add(`CORS: origin ${origin} is not in allowOrigins [${allowOrigins.join(', ')}]: no CORS headers${preflight ? ' (the preflight is answered without them, so the browser blocks the request)' : ''}`);
    if (preflight) trail.implSpecific('CORS: a denied preflight may also be answered with 403');
    return { preflight, allowed, headers };
  }
  headers['access-control-allow-origin'] = origin;
  if (credentials) headers['access-control-allow-credentials'] = 'true';
  if (preflight) {
    const reqMethod = req.headers['access-control-request-method'];
    const methods: string[] = Array.isArray(f?.allowMethods) ? f.allowMethods.map(String) : [];
    if (methods.length > 0) headers['access-control-allow-methods'] = methods.includes('*') ? reqMethod : methods.join(', ');
    const reqHeaders = req.headers['access-control-request-headers'];
    const allowHeaders: string[] = Array.isArray(f?.allowHeaders) ? f.allowHeaders.map(String) : [];
    if (reqHeaders !== undefined && allowHeaders.length > 0) {
      headers['access-control-allow-headers'] = allowHeaders.includes('*') ? reqHeaders : allowHeaders.join(', ');
    }
    headers['access-control-max-age'] = String(typeof f?.maxAge === 'number' ? f.maxAge : 5);
    const safelisted = ['GET', 'HEAD', 'POST'];
    const methodOk = safelisted.includes(reqMethod) || methods.includes('*') || methods.includes(reqMethod);
    trail.add(`CORS preflight: origin ${origin} is allowed; the Gateway answers the OPTIONS request itself${methodOk ? '' : ` (method ${reqMethod} is not in allowMethods: the browser will block it)`}`);
    trail.implSpecific('CORS: the preflight status is 200 here; 204 is conformant too. The Allow-Origin (and a `*` in allowMethods/allowHeaders) echo the request, which the spec allows in every case');
  } else {
    const expose: string[] = Array.isArray(f?.exposeHeaders) ? f.exposeHeaders.map(String) : [];
    if (expose.length > 0) headers['access-control-expose-headers'] = expose.includes('*') && credentials ? expose.filter((h) => h !== '*').join(', ') : expose.join(', ');
    if (headers['access-control-expose-headers'] === '') delete headers['access-control-expose-headers'];
    trail.add(`CORS: origin ${origin} is allowed: ${Object.keys(headers).join(', ')} added to the response`);
  }
  return { preflight, allowed, headers };
}

function rewritePath(kind: 'URLRewrite' | 'RequestRedirect', p: any, path: string, prefix: string | undefined, pathType: string | undefined, trail: Trail): string {
  if (!p || typeof p !== 'object') return path;
  if (p.type === 'ReplaceFullPath' && typeof p.replaceFullPath === 'string') return p.replaceFullPath;
  if (p.type === 'ReplacePrefixMatch' && typeof p.replacePrefixMatch === 'string') {
    if (prefix === undefined) {
      trail.add(`${kind}: ReplacePrefixMatch needs a PathPrefix match, and the matched rule matches ${pathType ?? 'no path'}: the path is kept (the API server rejects this combination)`);
      return path;
    }
    return _replacePrefix(prefix, p.replacePrefixMatch, path);
  }
  return path;
}

interface ResolvedBackends {
  list: RoutingBackend[];
  errorProbability: number;
  tls?: RoutingBackendTls;
}

function resolveBackends(
  index: RoutingIndex, route: RouteEntry, rule: any, trail: Trail, requestAtBackend: RoutingRequestAtBackend | undefined, req?: Req,
): ResolvedBackends {
  const refs: any[] = Array.isArray(rule?.backendRefs) ? rule.backendRefs : [];
  if (refs.length === 0) return { list: [], errorProbability: 1 };
  const weights = refs.map((b) => (typeof b?.weight === 'number' ? b.weight : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const list: RoutingBackend[] = [];
  let errorProbability = total === 0 ? 1 : 0;
  let best: { p: number; tls?: RoutingBackendTls } | undefined;
  refs.forEach((b, i) => {
    const group = typeof b?.group === 'string' ? b.group : '';
    const kind = typeof b?.kind === 'string' ? b.kind : 'Service';
    const namespace = typeof b?.namespace === 'string' ? b.namespace : route.namespace;
    const name = String(b?.name ?? '');
    const port = typeof b?.port === 'number' ? b.port : undefined;
    const weight = weights[i];
    const probability = total === 0 ? 0 : weight / total;
    const what = `backend ${namespace}/${name}${port !== undefined ? `:${port}` : ''}`;
    let invalidReason: string | undefined;
    let appProtocol: string | undefined;
    let tls: RoutingBackendTls | undefined;
    if (!(group === '' && kind === 'Service')) {
      invalidReason = 'InvalidKind';
      trail.add(`${what}: kind ${group ? group + '/' : ''}${kind} is not supported (core Service only): its share gets 500`);
    } else if (namespace !== route.namespace && !index.refs.grantAllows(GW, route.kind, route.namespace, '', 'Service', name, namespace)) {
      invalidReason = 'RefNotPermitted';
      trail.add(`${what}: in another namespace and no ReferenceGrant in "${namespace}" allows ${route.kind}s from "${route.namespace}": its share gets 500`);
    } else {
      const state = index.refs.refState('', 'Service', namespace, name);
      if (state === 'missing') {
        invalidReason = 'BackendNotFound';
        trail.add(`${what}: the Service does not exist: its share gets 500`);
      } else if (state === 'unknown') {
        trail.add(`${what}: the Service is not in the input; assumed to exist`);
        // its ports are unknown: a policy for the whole Service still applies
        tls = backendTlsOf(index, namespace, name, undefined, what, trail);
      } else {
        const svc = index.services.get(`${namespace}/${name}`);
        const ports: any[] = Array.isArray(svc?.spec?.ports) ? svc.spec.ports : [];
        const sp = ports.find((p) => p?.port === port);
        if (svc?.spec?.type !== 'ExternalName' && ports.length > 0 && port !== undefined && !sp) {
          invalidReason = 'BackendNotFound';
          trail.add(`${what}: the Service has no port ${port} (ports: ${ports.map((p) => p?.port).join(', ')}): its share gets 500`);
        }
        if (sp?.appProtocol) {
          appProtocol = String(sp.appProtocol);
          const ap = appProtocol.toLowerCase();
          if (ap === 'kubernetes.io/h2c' || ap === 'h2c') trail.add(`${what}: appProtocol ${appProtocol}: the Gateway speaks HTTP/2 over cleartext (h2c) to it`);
          else if (ap === 'kubernetes.io/ws' || ap === 'kubernetes.io/wss') trail.add(`${what}: appProtocol ${appProtocol}: WebSocket upgrades are forwarded to it`);
          else trail.add(`${what}: appProtocol ${appProtocol}`);
        }
        tls = backendTlsOf(index, namespace, name, sp?.name, what, trail);
      }
    }
    if (!invalidReason && weight === 0) trail.add(`${what}: weight 0, it gets no requests`);
    if (invalidReason) errorProbability += probability;
    let perBackend: RoutingRequestAtBackend | undefined;
    if (Array.isArray(b?.filters) && b.filters.length > 0 && requestAtBackend && req) {
      const headers = { ...requestAtBackend.headers };
      let host = requestAtBackend.host;
      let path = requestAtBackend.path;
      for (const f of b.filters) {
        if (f?.type === 'RequestHeaderModifier') applyHeaderModifier(headers, f.requestHeaderModifier, `${what} filter RequestHeaderModifier`, trail);
        else if (f?.type === 'URLRewrite' && typeof f.urlRewrite?.hostname === 'string') host = f.urlRewrite.hostname;
        else if (f?.type === 'URLRewrite' && f.urlRewrite?.path?.type === 'ReplaceFullPath') path = f.urlRewrite.path.replaceFullPath + req.query;
        else trail.add(`${what} filter ${f?.type}: reported, not simulated on a backendRef`);
      }
      perBackend = { method: requestAtBackend.method, ...(host !== undefined ? { host } : {}), path, headers: sortedHeaders(headers) };
    }
    const entry: RoutingBackend = {
      group,
      kind,
      namespace,
      name,
      ...(port !== undefined ? { port } : {}),
      weight,
      probability,
      ...(invalidReason ? { invalidReason } : {}),
      ...(appProtocol ? { appProtocol } : {}),
      ...(tls ? { tls } : {}),
      ...(perBackend ? { requestAtBackend: perBackend } : {}),
    };
    list.push(entry);
    if (!invalidReason && probability > 0 && (!best || probability > best.p)) best = { p: probability, tls };
  });
  if (total === 0) trail.add('every backendRef has weight 0: no backend gets requests, so every request gets 500');
  else if (list.length > 1) trail.add(`weights ${weights.join('/')}: ${list.map((b) => `${b.namespace}/${b.name} ${pct(b.probability)}`).join(', ')}`);
  return { list, errorProbability: Math.min(1, Number(errorProbability.toFixed(10))), tls: best?.tls };
}

function backendTlsOf(
  index: RoutingIndex, namespace: string, name: string, portName: string | undefined, what: string, trail: Trail,
): RoutingBackendTls | undefined {
  const policies = index.backendTls.get(`${namespace}/${name}`);
  if (!policies) return undefined;
  // a policy for the port (sectionName) takes precedence over one for the whole Service
  const chosen = policies.find((p) => p.sectionName !== undefined && p.sectionName === portName) ?? policies.find((p) => p.sectionName === undefined);
  if (!chosen) return undefined;
  const v = chosen.obj.spec?.validation ?? {};
  const sni = typeof v.hostname === 'string' ? v.hostname : '';
  const sans: string[] = (Array.isArray(v.subjectAltNames) ? v.subjectAltNames : [])
    .map((s: any) => (s?.type === 'URI' ? s.uri : s?.hostname)).filter((s: any) => typeof s === 'string');
  trail.add(`${what}: BackendTLSPolicy ${chosen.namespace}/${chosen.name}: TLS to the backend with SNI ${sni}${sans.length ? `, certificate validated against ${sans.join(', ')}` : ', certificate validated against that hostname'}`);
  const others = policies.filter((p) => p !== chosen && p.sectionName === chosen.sectionName);
  if (others.length > 0) trail.add(`${what}: BackendTLSPolicy ${others.map((p) => `${p.namespace}/${p.name}`).join(', ')} also target it and lose (oldest, then namespace/name wins)`);
  return { sni, policy: `${chosen.namespace}/${chosen.name}`, ...(sans.length ? { subjectAltNames: sans } : {}) };
}

function applyRule(
  index: RoutingIndex, req: Req, l: ListenerEntry, trail: Trail, base: Partial<_RoutingResultData>, route: RouteEntry, rule: any,
  ruleIndex: number, prefix: string | undefined, pathType: string | undefined,
): RoutingResult {
  const routeRef = { kind: route.kind, namespace: route.namespace, name: route.name };
  const ruleRef = { index: ruleIndex, ...(typeof rule?.name === 'string' ? { name: rule.name } : {}) };
  const headers = { ...req.headers };
  let host = req.host;
  let path = req.path;
  const mirrors: RoutingMirror[] = [];
  const responseHeaders = { ...req.backendResponseHeaders };
  let redirect: RoutingRedirect | undefined;
  let preflight: CorsOutcome | undefined;
  let corsHeaders: { [name: string]: string } = {};
  const filters: any[] = Array.isArray(rule?.filters) ? rule.filters : [];
  for (const f of filters) {
    switch (f?.type) {
      case 'RequestHeaderModifier':
        applyHeaderModifier(headers, f.requestHeaderModifier, 'RequestHeaderModifier', trail);
        break;
      case 'ResponseHeaderModifier':
        applyHeaderModifier(responseHeaders, f.responseHeaderModifier, 'ResponseHeaderModifier (on the backend\'s response headers)', trail);
        break;
      case 'RequestRedirect': {
        const r = f.requestRedirect ?? {};
        const scheme = typeof r.scheme === 'string' ? r.scheme : req.scheme;
        const rhost = typeof r.hostname === 'string' ? r.hostname : (req.host ?? '');
        let port: number;
        let portWhy: string;
        if (typeof r.port === 'number') {
          port = r.port;
          portWhy = `port ${port} from the filter`;
        } else if (typeof r.scheme === 'string') {
          port = DEFAULT_PORTS[scheme] ?? l.port;
          portWhy = `port ${port}, the well-known port of ${scheme}`;
        } else {
          port = l.port;
          portWhy = `port ${port}, the listener port`;
        }
        const rpath = rewritePath('RequestRedirect', r.path, req.path, prefix, pathType, trail);
        const statusCode = typeof r.statusCode === 'number' ? r.statusCode : 302;
        const showPort = !(DEFAULT_PORTS[scheme] === port);
        const location = `${scheme}://${rhost}${showPort ? `:${port}` : ''}${rpath}${req.query}`;
        redirect = { scheme, host: rhost, port, path: rpath + req.query, statusCode, location };
        trail.add(`RequestRedirect: ${statusCode} to ${location} (${portWhy}${showPort ? '' : ', left out of the Location as the default port of ' + scheme})`);
        if (!rhost) trail.add('RequestRedirect: the request had no Host and the filter no hostname: the Location host is the Gateway address, unknown here');
        break;
      }
      case 'URLRewrite': {
        const r = f.urlRewrite ?? {};
        if (typeof r.hostname === 'string') {
          trail.add(`URLRewrite: host ${host ?? '(none)'} → ${r.hostname}`);
          host = r.hostname;
        }
        if (r.path) {
          const next = rewritePath('URLRewrite', r.path, path, prefix, pathType, trail);
          trail.add(`URLRewrite: ${path} → ${next}`);
          path = next;
        }
        break;
      }
      case 'RequestMirror': {
        const m = f.requestMirror ?? {};
        const b = m.backendRef ?? {};
        let percent = 100;
        if (typeof m.percent === 'number') percent = m.percent;
        else if (m.fraction && typeof m.fraction.numerator === 'number') percent = (100 * m.fraction.numerator) / (typeof m.fraction.denominator === 'number' && m.fraction.denominator > 0 ? m.fraction.denominator : 100);
        const mirror: RoutingMirror = { namespace: typeof b.namespace === 'string' ? b.namespace : route.namespace, name: String(b.name ?? ''), ...(typeof b.port === 'number' ? { port: b.port } : {}), percent: Number(percent.toFixed(6)) };
        mirrors.push(mirror);
        trail.add(`RequestMirror: ${mirror.percent}% of the requests are copied to ${mirror.namespace}/${mirror.name}${mirror.port !== undefined ? `:${mirror.port}` : ''} (responses ignored)`);
        break;
      }
      case 'CORS': {
        const outcome = cors(f.cors, req, trail);
        if (outcome) {
          corsHeaders = { ...corsHeaders, ...outcome.headers };
          if (outcome.preflight) preflight = outcome;
        }
        break;
      }
      case 'ExtensionRef': {
        const e = f.extensionRef ?? {};
        trail.implSpecific(`ExtensionRef ${e.group ? e.group + '/' : ''}${e.kind ?? '?'} ${e.name ?? '?'}: an implementation-specific filter, reported, not simulated`);
        break;
      }
      case 'ExternalAuth':
        trail.implSpecific('ExternalAuth: the request is sent to the auth service first; its answer is not simulated (assumed allowed)');
        break;
      default:
        trail.add(`filter ${f?.type}: unknown, ignored`);
    }
  }
  const timeouts = rule?.timeouts && typeof rule.timeouts === 'object' ? Object.fromEntries(Object.entries(rule.timeouts).filter(([, v]) => typeof v === 'string')) as { [k: string]: string } : undefined;
  const retry = rule?.retry && typeof rule.retry === 'object'
    ? { ...(typeof rule.retry.attempts === 'number' ? { attempts: rule.retry.attempts } : {}), ...(typeof rule.retry.backoff === 'string' ? { backoff: rule.retry.backoff } : {}), codes: Array.isArray(rule.retry.codes) ? rule.retry.codes : [] }
    : undefined;
  const extra = { ...(timeouts && Object.keys(timeouts).length ? { timeouts } : {}), ...(retry ? { retry } : {}) };
  if (timeouts && Object.keys(timeouts).length) trail.add(`timeouts: ${Object.entries(timeouts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (retry) trail.add(`retry: ${retry.attempts ?? 'default'} attempts${retry.backoff ? `, backoff ${retry.backoff}` : ''}${retry.codes.length ? ` on ${retry.codes.join(', ')}` : ''}`);
  if (rule?.sessionPersistence) trail.add(`session persistence: ${rule.sessionPersistence.type ?? 'Cookie'}${rule.sessionPersistence.sessionName ? ` ${rule.sessionPersistence.sessionName}` : ''} (reported, not simulated)`);
  const common = { ...base, route: routeRef, rule: ruleRef, ...extra };

  if (preflight) {
    return RoutingResult._of({
      ...common,
      statusCode: 200,
      backends: [],
      responseHeaders: sortedHeaders(corsHeaders),
      mirrors: [],
      explanation: trail.lines,
      implementationSpecific: trail.implementationSpecific,
      errorProbability: 0,
    });
  }
  if (redirect) {
    return RoutingResult._of({
      ...common,
      statusCode: redirect.statusCode,
      backends: [],
      redirect,
      responseHeaders: sortedHeaders({ ...corsHeaders, location: redirect.location }),
      mirrors,
      explanation: trail.lines,
      implementationSpecific: trail.implementationSpecific,
      errorProbability: 0,
    });
  }
  const requestAtBackend: RoutingRequestAtBackend = {
    method: req.method, ...(host !== undefined ? { host } : {}), path: path + req.query, headers: sortedHeaders(headers),
  };
  const backends = resolveBackends(index, route, rule, trail, requestAtBackend, req);
  let statusCode = 200;
  if (backends.list.length === 0) {
    statusCode = 500;
    trail.add('the rule has no backendRefs and no filter that answers: 500');
  } else if (backends.errorProbability >= 1) {
    statusCode = 500;
    trail.add('no valid backend: every request gets 500');
  } else if (backends.errorProbability > 0) {
    trail.add(`${pct(backends.errorProbability)} of the requests would go to an invalid backend and get 500; the rest are forwarded`);
  } else {
    trail.add(`forwarded to ${backends.list.filter((b) => b.probability > 0).map((b) => `${b.namespace}/${b.name}${b.port !== undefined ? `:${b.port}` : ''}`).join(', ')}`);
  }
  return RoutingResult._of({
    ...common,
    statusCode,
    backends: backends.list,
    requestAtBackend: statusCode === 500 ? undefined : requestAtBackend,
    responseHeaders: statusCode === 500 ? {} : sortedHeaders({ ...responseHeaders, ...corsHeaders }),
    mirrors,
    backendTls: backends.tls,
    explanation: trail.lines,
    implementationSpecific: trail.implementationSpecific,
    errorProbability: backends.list.length === 0 ? 1 : backends.errorProbability,
  });
}
