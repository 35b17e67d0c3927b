/**
 * Equivalence: every host and path of every source object is asked of the routing simulator on the migrated
 * configuration and compared with what the source does (modelled from the Ingress / ingress-nginx semantics).
 */
import { DEFAULT_ROLE_PORTS, IrGateway, IrRoute, MigrationDifference, MigrationModel, SourceLocation } from './model';
import { listenerName } from './traefik';
import { MissingReferencePolicy } from '../analysis/types';
import { _normalizePrefix, _prefixMatches } from '../core/spec/precedence';
import { RoutingResult } from '../routing/result';
import { RoutingSimulator } from '../routing/simulator';
import { RoutingRequest } from '../routing/types';

interface Probe {
  scheme: 'http' | 'https';
  host: string;
  path: string;
  method?: string;
  /** The query string, without `?`. */
  query?: string;
  headers?: { [k: string]: string };
  /** Headers the backend answers with (to observe a response header being removed). */
  backendResponseHeaders?: { [k: string]: string };
  grpc?: boolean;
  passthrough?: boolean;
  /** The port, when not the scheme's default. */
  port?: number;
  /** A TCP or UDP connection to a port. */
  stream?: { protocol: 'tcp' | 'udp'; port: number };
  location: SourceLocation;
}

type Outcome =
  | { kind: 'forward'; backends: string[]; path: string; host: string; extras: string[] }
  | { kind: 'redirect'; location: string; code: number }
  | { kind: 'none' };

const UNCLAIMED = 'unclaimed.migration.invalid';

function probeHost(host: string | undefined): string {
  if (host === undefined) return UNCLAIMED;
  return host.startsWith('*.') ? `probe.${host.slice(2)}` : host;
}

function samplePaths(l: SourceLocation): string[] {
  const v = l.match.value;
  switch (l.match.type) {
    case 'Exact':
      return v === '/' ? ['/'] : [v, v.replace(/\/+$/, '') + '/x'];
    case 'Prefix': {
      const n = _normalizePrefix(v);
      return n === '/' ? ['/', '/x'] : [n, n + '/x'];
    }
    case 'StringPrefix':
      return v.endsWith('/') ? [v, v + 'x'] : [v, v + '/x', v + 'x'];
    case 'Regex': {
      const example = regexExample(v);
      const cut = v.search(/[.*+?()[\]{}|^$\\]/);
      const lit = cut < 0 ? v : v.slice(0, cut);
      const base = lit === '' ? '/' : lit;
      return [...new Set([base, base.replace(/\/+$/, '') + '/x/y', ...(base.endsWith('/') ? [] : [base + 'x']), ...(example ? [example] : [])])];
    }
  }
}

/** A path the ingress-nginx regex location `^value` matches, from the common constructs (`[0-9]+`, `(.*)`, `(/|$)`, …). */
function regexExample(value: string): string | undefined {
  const e = value
    .replace(/\(\/\|\$\)/g, '/').replace(/\[0-9\]\+|\\d\+/g, '1').replace(/\[a-z\]\+|\[a-zA-Z\]\+|\\w\+/g, 'a')
    .replace(/\(\.\*\)\??|\.\*/g, 'x').replace(/\(\.\+\)|\.\+/g, 'x').replace(/[()?^$]/g, '');
  if (!e.startsWith('/') || /[[\]{}|\\*+]/.test(e)) return undefined;
  try {
    return new RegExp('^' + value, 'i').test(e) ? e : undefined;
  } catch {
    return undefined;
  }
}

function matches(l: SourceLocation, path: string): boolean {
  const v = l.match.value;
  switch (l.match.type) {
    case 'Exact': return path === v;
    case 'Prefix': return _prefixMatches(v, path);
    case 'StringPrefix': return path.startsWith(v);
    case 'Regex':
      try {
        return new RegExp('^' + v, 'i').test(path);
      } catch {
        return false;
      }
  }
}

function hostMatches(pattern: string, host: string): boolean {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return pattern === host;
}

/** The location of the source that serves a request: the host's server (exact, then wildcard, then default), Exact first, then the longest path. */
function sourceLocation(index: LocationIndex, p: Probe): SourceLocation | undefined {
  const locs = [...(index.byHost.get(p.host) ?? []), ...index.wildcardOrDefault];
  const kind = (l: SourceLocation): string => (l.passthrough ? 'tls' : l.grpc ? 'grpc' : 'http');
  const want = p.passthrough ? 'tls' : p.grpc ? 'grpc' : 'http';
  const usable = locs.filter((l) => !(l.httpsOnly && p.scheme === 'http')).filter((l) => (l.port ?? 0) === (p.port ?? 0)).filter((l) => kind(l) === want || (want === 'grpc' && kind(l) === 'http') || (want === 'http' && kind(l) === 'grpc'));
  let server = usable.filter((l) => l.host === p.host);
  if (server.length === 0) {
    const wild = usable.filter((l) => l.host !== undefined && l.host.startsWith('*.') && hostMatches(l.host, p.host));
    const best = wild.map((l) => l.host!.length).sort((a, b) => b - a)[0];
    server = wild.filter((l) => l.host!.length === best);
  }
  if (server.length === 0) server = usable.filter((l) => l.host === undefined);
  if (p.passthrough) return server[0];
  const hits = server.filter((l) => matches(l, p.path) && conditionsHold(l, p));
  const exact = hits.find((l) => l.match.type === 'Exact');
  if (exact) return exact;
  return hits.sort((a, b) => b.match.value.length - a.match.value.length || conditionCount(b) - conditionCount(a))[0];
}

function conditionCount(l: SourceLocation): number {
  const c = l.conditions;
  return c ? (c.method ? 1 : 0) + (c.headers?.length ?? 0) + (c.query?.length ?? 0) : 0;
}

function valueMatches(c: { value: string; type: 'Exact' | 'RegularExpression' }, v: string | undefined): boolean {
  if (v === undefined) return false;
  if (c.type === 'Exact') return v === c.value;
  try {
    return new RegExp(`^(?:${c.value})$`).test(v);
  } catch {
    return false;
  }
}

/** Whether the request meets the location's extra conditions (Traefik Method/Header/Query matchers). */
function conditionsHold(l: SourceLocation, p: Probe): boolean {
  const c = l.conditions;
  if (!c) return true;
  if (c.method && (p.method ?? 'GET') !== c.method) return false;
  const headers = lower(p.headers);
  if ((c.headers ?? []).some((h) => !valueMatches(h, headers[h.name.toLowerCase()]))) return false;
  const query = new URLSearchParams(p.query ?? '');
  return (c.query ?? []).every((q) => valueMatches(q, query.get(q.name) ?? undefined));
}

function lower(h: { [k: string]: string } | undefined): { [k: string]: string } {
  const out: { [k: string]: string } = {};
  for (const [k, v] of Object.entries(h ?? {})) out[k.toLowerCase()] = v;
  return out;
}

/** The headers that differ between `before` and `after` (lower-case names), as `name: value` or `name removed`. */
function headerDelta(before: { [k: string]: string }, after: { [k: string]: string }): string[] {
  const out: string[] = [];
  for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (after[k] === undefined) out.push(`${k} removed`);
    else if (before[k] !== after[k]) out.push(`${k}: ${after[k]}`);
  }
  return out;
}

/** `headers` (lower-case names) after the source's header changes: a null value removes the header. */
function withHeaderChanges(headers: { [name: string]: string }, changes: { [name: string]: string | null } | undefined): { [name: string]: string } {
  const after = { ...headers };
  for (const [k, v] of Object.entries(changes ?? {})) {
    if (v === null) delete after[k.toLowerCase()];
    else after[k.toLowerCase()] = v;
  }
  return after;
}

/** What the source does besides choosing the backend: header changes, CORS, timeouts, backend TLS. */
function expectedExtras(l: SourceLocation, p: Probe): string[] {
  const out: string[] = [];
  const req = lower(p.headers);
  const reqDelta = headerDelta(req, withHeaderChanges(req, l.requestHeaders));
  if (reqDelta.length) out.push(`request headers ${reqDelta.join(', ')}`);
  const resp = lower(p.backendResponseHeaders);
  const respDelta = headerDelta(resp, withHeaderChanges(resp, l.responseHeaders));
  if (respDelta.length) out.push(`response headers ${respDelta.join(', ')}`);
  const origin = req.origin;
  if (origin !== undefined && l.cors && (l.cors.origins.includes('*') || l.cors.origins.includes(origin))) {
    out.push(`CORS allows ${origin}${l.cors.credentials ? ' with credentials' : ''}`);
  }
  if (l.timeouts && Object.keys(l.timeouts).length) out.push(`timeouts ${Object.entries(l.timeouts).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (l.backendTls) out.push(`TLS to the backend with SNI ${l.backendTls.sni}`);
  return out;
}

/** The same, as the simulator reports it for the result. */
function actualExtras(r: RoutingResult, p: Probe): string[] {
  const out: string[] = [];
  const req = lower(p.headers);
  const reqDelta = headerDelta(req, lower(r.requestAtBackend?.headers));
  if (reqDelta.length) out.push(`request headers ${reqDelta.join(', ')}`);
  const respAfter = Object.fromEntries(Object.entries(lower(r.responseHeaders)).filter(([k]) => !k.startsWith('access-control-')));
  const respDelta = headerDelta(lower(p.backendResponseHeaders), respAfter);
  if (respDelta.length) out.push(`response headers ${respDelta.join(', ')}`);
  const allowOrigin = r.responseHeaders['access-control-allow-origin'];
  if (req.origin !== undefined && allowOrigin !== undefined) {
    out.push(`CORS allows ${req.origin}${r.responseHeaders['access-control-allow-credentials'] === 'true' ? ' with credentials' : ''}`);
  }
  if (r.timeouts && Object.keys(r.timeouts).length) out.push(`timeouts ${Object.entries(r.timeouts).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (r.backendTls) out.push(`TLS to the backend with SNI ${r.backendTls.sni}`);
  return out;
}

function backendKey(b: { namespace: string; name: string; port?: number }, probability: number): string {
  return `${b.namespace}/${b.name}:${b.port ?? '?'} ${Math.round(probability * 1000) / 10}%`;
}

/** The locations by exact host; wildcard and host-less ones apart (few). */
interface LocationIndex {
  byHost: Map<string, SourceLocation[]>;
  wildcardOrDefault: SourceLocation[];
  streams: SourceLocation[];
}

function indexLocations(locs: SourceLocation[]): LocationIndex {
  const byHost = new Map<string, SourceLocation[]>();
  const wildcardOrDefault: SourceLocation[] = [];
  const streams: SourceLocation[] = [];
  for (const l of locs) {
    if (l.stream) {
      streams.push(l);
      continue;
    }
    if (l.host === undefined || l.host.startsWith('*.')) {wildcardOrDefault.push(l);} else {
      if (!byHost.has(l.host)) byHost.set(l.host, []);
      byHost.get(l.host)!.push(l);
    }
  }
  return { byHost, wildcardOrDefault, streams };
}

function expected(index: LocationIndex, p: Probe): Outcome {
  if (p.stream) {
    const s = index.streams.find((x) => x.stream!.protocol === p.stream!.protocol && x.stream!.port === p.stream!.port);
    return s ? { kind: 'forward', backends: s.backends.map((b) => backendKey(b, b.probability)).sort(), path: '', host: '', extras: [] } : { kind: 'none' };
  }
  const l = sourceLocation(index, p);
  if (!l) return { kind: 'none' };
  if (l.passthrough) return { kind: 'forward', backends: l.backends.map((b) => backendKey(b, b.probability)).sort(), path: '', host: '', extras: [] };
  if (l.appRoot && p.path === '/') return { kind: 'redirect', location: `${p.scheme}://${p.host}${l.appRoot}`, code: 302 };
  if (l.httpsRedirectCode && p.scheme === 'http') return { kind: 'redirect', location: `https://${p.host}${p.path}`, code: l.httpsRedirectCode };
  if (l.redirect) {
    const u = new URL(l.redirect.url);
    return { kind: 'redirect', location: `${u.protocol}//${u.host}${u.pathname}`, code: l.redirect.code };
  }
  let backends = l.backends.filter((b) => b.probability > 0).map((b) => backendKey(b, b.probability));
  if (l.canaryHeader) {
    const v = p.headers?.[l.canaryHeader.name];
    if (v !== undefined && v === (l.canaryHeader.value ?? 'always')) backends = l.canaryHeader.backends.map((b) => backendKey(b, 1));
    else if (v === 'never' && l.canaryHeader.value === undefined) backends = [backendKey(l.backends[0], 1)];
  }
  let path = p.path;
  if (l.rewrite?.kind === 'full') path = l.rewrite.target;
  if (l.rewrite?.kind === 'regex') {
    const m = new RegExp('^' + l.match.value, 'i').exec(p.path);
    if (m) path = l.rewrite.target.replace(/\$(\d)/g, (_, n) => m[Number(n)] ?? '');
    if (!path.startsWith('/')) path = '/' + path;
  }
  return { kind: 'forward', backends: backends.sort(), path, host: l.upstreamHost ?? p.host, extras: expectedExtras(l, p) };
}

function describe(o: Outcome): string {
  switch (o.kind) {
    case 'none': return 'no route (404)';
    case 'redirect': return `redirect ${o.code} to ${o.location}`;
    case 'forward': return `forward to ${o.backends.join(', ')}${o.path ? ` as ${o.host}${o.path}` : ''}${o.extras.map((e) => `; ${e}`).join('')}`;
  }
}

function requestOf(p: Probe): RoutingRequest {
  if (p.passthrough) return { scheme: 'https', host: p.host, sni: p.host, path: '/', protocol: 'tcp' as any };
  const headers = p.headers ? { ...p.headers } : undefined;
  return {
    scheme: p.scheme,
    host: p.host,
    path: p.query ? `${p.path}?${p.query}` : p.path,
    ...(p.port ? { port: p.port } : {}),
    ...(p.method ? { method: p.method } : {}),
    ...(headers ? { headers } : {}),
    ...(p.backendResponseHeaders ? { backendResponseHeaders: { ...p.backendResponseHeaders } } : {}),
    ...(p.grpc ? { protocol: 'grpc' } : {}),
  };
}

function actual(sim: RoutingSimulator, p: Probe, gateway?: { namespace: string; name: string }): Outcome {
  const g = gateway ? { gateway } : {};
  const r = p.stream
    ? sim.simulate({ ...g, protocol: p.stream.protocol, port: p.stream.port, path: '/' })
    : p.passthrough
      ? sim.simulate({ ...g, scheme: 'https', host: p.host, sni: p.host, path: '/', ...(p.port ? { port: p.port } : {}) })
      : sim.simulate({ ...g, ...requestOf(p) });
  if (r.redirect) return { kind: 'redirect', location: r.redirect.location.replace(/\?.*$/, ''), code: r.redirect.statusCode };
  if (r.statusCode === 200 && r.backends.length) {
    const backends = r.backends.filter((b) => b.probability > 0).map((b) => backendKey(b, b.probability)).sort();
    if (p.passthrough || p.stream) return { kind: 'forward', backends, path: '', host: '', extras: [] };
    const at = r.requestAtBackend;
    return { kind: 'forward', backends, path: (at?.path ?? p.path).replace(/\?.*$/, ''), host: at?.host ?? p.host, extras: actualExtras(r, p) };
  }
  return { kind: 'none' };
}

/**
 * A stand-in for an existing Gateway (`--gateway`) that is not in the input: HTTP on 80, HTTPS on 443, from all
 * namespaces, plus a listener for each other port and role the routes use (Traefik entry points, TLS passthrough).
 */
function standIn(g: IrGateway, routes: IrRoute[]): any {
  const all = { namespaces: { from: 'All' } };
  const listeners: any[] = [
    { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all },
    { name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'stand-in' }] }, allowedRoutes: all },
  ];
  const seen = new Set(['http/80', 'https/443']);
  for (const r of routes) {
    for (const role of r.roles) {
      for (const port of r.ports ?? [DEFAULT_ROLE_PORTS[role] ?? 0]) {
        for (const host of role === 'passthrough' ? r.hostnames : [undefined]) {
          const key = `${role}/${port}/${host ?? ''}`;
          if (seen.has(key) || (role !== 'passthrough' && seen.has(`${role}/${port}`))) continue;
          seen.add(key);
          const name = listenerName(role, port, host);
          if (role === 'http') listeners.push({ name, port, protocol: 'HTTP', allowedRoutes: all });
          else if (role === 'https') listeners.push({ name, port, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'stand-in' }] }, allowedRoutes: all });
          else if (role === 'passthrough') listeners.push({ name, port, protocol: 'TLS', hostname: host, tls: { mode: 'Passthrough' }, allowedRoutes: { ...all, kinds: [{ kind: 'TLSRoute' }] } });
          else listeners.push({ name, port, protocol: role.toUpperCase(), allowedRoutes: all });
        }
      }
    }
  }
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { namespace: g.namespace, name: g.name },
    spec: { gatewayClassName: 'migration-verify', listeners },
  };
}

/** The probes of a model: every host and path of every source location, on HTTP (and HTTPS when served). */
export function probesOf(model: MigrationModel): Probe[] {
  const out: Probe[] = [];
  const seen = new Set<string>();
  for (const l of model.locations) {
    const host = probeHost(l.host);
    if (l.stream) {
      out.push({ scheme: 'http', host: '', path: '/', stream: l.stream, location: l });
      continue;
    }
    if (l.passthrough) {
      out.push({ scheme: 'https', host, path: '/', passthrough: true, ...(l.port ? { port: l.port } : {}), location: l });
      continue;
    }
    const paths = l.grpc ? [grpcPath(l.match.value)] : samplePaths(l);
    for (const path of paths) {
      for (const scheme of (l.tls ? ['http', 'https'] : ['http']) as ('http' | 'https')[]) {
        for (const v of variantsOf(l)) {
          const key = `${scheme} ${host}:${l.port ?? ''} ${path} ${JSON.stringify(v)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ scheme, host, path, ...v, ...(l.grpc ? { grpc: true } : {}), ...(l.port ? { port: l.port } : {}), location: l });
        }
      }
    }
  }
  return out;
}

type Variant = Pick<Probe, 'method' | 'query' | 'headers' | 'backendResponseHeaders'>;

/** A value a Traefik regexp matcher accepts, for the common shapes (a literal, `a|b`, `[0-9]+`, `.*`). */
function sampleValue(c: { value: string; type: 'Exact' | 'RegularExpression' }): string | undefined {
  if (c.type === 'Exact') return c.value;
  const first = c.value.replace(/^\^|\$$/g, '').split('|')[0].replace(/^\(|\)$/g, '');
  const e = first.replace(/\[0-9\]\+|\\d\+/g, '1').replace(/\.\*|\.\+/g, 'x').replace(/\[a-z\]\+/g, 'a');
  return valueMatches(c, e) ? e : undefined;
}

/**
 * The request variants of a location: the plain request (carrying the headers the source removes, so that removal
 * shows), the canary header, an allowed and a refused CORS origin, and for extra conditions (Traefik matchers) a
 * request meeting them all and one missing each.
 */
function variantsOf(l: SourceLocation): Variant[] {
  const headers: { [k: string]: string } = {};
  for (const [k, v] of Object.entries(l.requestHeaders ?? {})) if (v === null) headers[k] = 'probe';
  const backendResponseHeaders: { [k: string]: string } = {};
  for (const [k, v] of Object.entries(l.responseHeaders ?? {})) if (v === null) backendResponseHeaders[k] = 'probe';
  const base: Variant = {
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(Object.keys(backendResponseHeaders).length ? { backendResponseHeaders } : {}),
  };
  const c = l.conditions;
  const meeting: Variant = { ...base };
  if (c) {
    const h = { ...(base.headers ?? {}) };
    for (const x of c.headers ?? []) {
      const value = sampleValue(x);
      if (value === undefined) return [];
      h[x.name] = value;
    }
    const q: string[] = [];
    for (const x of c.query ?? []) {
      const value = sampleValue(x);
      if (value === undefined) return [];
      q.push(`${encodeURIComponent(x.name)}=${encodeURIComponent(value)}`);
    }
    Object.assign(meeting, { ...(c.method ? { method: c.method } : {}), ...(Object.keys(h).length ? { headers: h } : {}), ...(q.length ? { query: q.join('&') } : {}) });
  }
  const out: Variant[] = [meeting];
  const withHeader = (v: Variant, name: string, value: string): Variant => ({ ...v, headers: { ...(v.headers ?? {}), [name]: value } });
  if (l.canaryHeader) out.push(withHeader(meeting, l.canaryHeader.name, l.canaryHeader.value ?? 'always'));
  if (l.cors) {
    const allowed = l.cors.origins.find((o) => o !== '*') ?? 'https://any.example';
    out.push(withHeader(meeting, 'Origin', allowed));
    if (!l.cors.origins.includes('*')) out.push(withHeader(meeting, 'Origin', 'https://refused.example'));
  }
  if (c) {
    if (c.method) out.push({ ...meeting, method: c.method === 'GET' ? 'POST' : 'GET' });
    for (const x of c.headers ?? []) {
      const h = { ...(meeting.headers ?? {}) };
      delete h[x.name];
      out.push({ ...meeting, headers: h });
    }
    for (const x of c.query ?? []) {
      const rest = (meeting.query ?? '').split('&').filter((kv) => kv && !kv.startsWith(`${encodeURIComponent(x.name)}=`));
      const { query: _q, ...noQuery } = meeting;
      out.push(rest.length ? { ...noQuery, query: rest.join('&') } : noQuery);
    }
  }
  return out;
}

function grpcPath(value: string): string {
  const v = value.replace(/^\/+|\/+$/g, '');
  if (v === '') return '/probe.v1.Probe/Call';
  return v.includes('/') ? `/${v}` : `/${v}/Call`;
}

function describeProbe(p: Probe): string {
  if (p.stream) return `${p.stream.protocol.toUpperCase()} connection to port ${p.stream.port}`;
  if (p.passthrough) return `TLS connection with SNI ${p.host}${p.port ? ` on port ${p.port}` : ''}`;
  const h = p.headers ? ' ' + Object.entries(p.headers).map(([k, v]) => `-H '${k}: ${v}'`).join(' ') : '';
  const b = p.backendResponseHeaders ? ` (the backend answers with ${Object.keys(p.backendResponseHeaders).join(', ')})` : '';
  return `${p.grpc ? 'gRPC' : p.method ?? 'GET'} ${p.scheme}://${p.host}${p.port ? `:${p.port}` : ''}${p.path}${p.query ? `?${p.query}` : ''}${h}${b}`;
}

/** Asks the simulator every probe of `model` on `manifests` (the result) and returns the differences. */
export function verifyMigration(model: MigrationModel, manifests: any[], input: any[]): { probes: number; differences: MigrationDifference[] } {
  const extra: any[] = [];
  for (const g of model.gateways) {
    if (!g.existing) continue;
    const inInput = input.find((o) => o?.kind === 'Gateway' && o.metadata?.name === g.name && (o.metadata?.namespace ?? 'default') === g.namespace);
    extra.push(inInput ?? standIn(g, model.routes.filter((r) => r.gateway === g.key)));
  }
  const sim = RoutingSimulator.fromManifests([...manifests, ...model.lookups, ...extra], { missingReferences: MissingReferencePolicy.UNKNOWN });
  const differences: MigrationDifference[] = [];
  const probes = probesOf(model);
  const index = indexLocations(model.locations);
  // with several Gateways (several addresses), a host's DNS points at the Gateway of its routes
  const byKey = new Map(model.gateways.map((g) => [g.key, g]));
  const hostGateway = new Map<string, { namespace: string; name: string }>();
  if (model.gateways.length > 1) {
    for (const r of model.routes) {
      const g = byKey.get(r.gateway)!;
      for (const h of r.hostnames) if (!hostGateway.has(probeHost(h))) hostGateway.set(probeHost(h), { namespace: g.namespace, name: g.name });
    }
  }
  for (const p of probes) {
    const e = expected(index, p);
    const a = actual(sim, p, hostGateway.get(p.host));
    const de = describe(e);
    const da = describe(a);
    if (de !== da) {
      differences.push({
        source: `${p.location.source.kind} ${p.location.source.namespace}/${p.location.source.name}`,
        request: describeProbe(p),
        expected: de,
        actual: da,
      });
    }
  }
  return { probes: probes.length, differences };
}
