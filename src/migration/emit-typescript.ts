/**
 * Emitter 2: the migration result as a readable cdk8s program using this library's L2 constructs, one chart per
 * namespace: `PlatformGateway` + `Listener` factories for generated Gateways (`PlatformGateway.fromGatewayName` for
 * `--gateway`), `TeamRoute` (or `CanaryRoute` for a plain weighted split), `TeamGrpcRoute`, `TeamTlsRoute`,
 * `TeamTcpRoute`, `TeamUdpRoute`, `BackendTlsPolicy` and `ReferenceGrant`, with `Backend.fromName`, `PathMatch`,
 * `HttpRouteFilter`, … It synthesizes exactly the objects of `emitManifests` (test/migration checks every fixture).
 *
 * The emitter reads the manifests and builds a plan (`L2Statement[]`): plain data that the printer writes as
 * TypeScript and `IngressMigration` executes with the real classes, so the program and the library API cannot drift.
 */
import { usesExperimentalChannel } from './emit-yaml';

/** The result cannot be written as a program; the message names the object and the part. */
export class TypeScriptEmitError extends Error {}

/** A call of a library factory (`PathMatch.prefix("/api")`). */
export interface L2Call {
  readonly call: string;
  readonly args: L2Value[];
}

/** A variable of the program (a Gateway a route attaches to). */
export interface L2Ref {
  readonly ref: string;
}

/** An enum member or static constant (`RedirectScheme.HTTPS`, `RouteKind.TLS_ROUTE`). */
export interface L2Member {
  readonly member: string;
}

/** A value of the plan: a literal, an array, an object, a factory call, a variable or an enum member. */
export type L2Value = string | number | boolean | L2Value[] | { [key: string]: L2Value } | L2Call | L2Ref | L2Member;

/** One statement of the plan. */
export type L2Statement =
  /** `const <bind> = new Chart(app, <namespace>, { namespace })` */
  | { readonly op: 'chart'; readonly bind: string; readonly namespace: string }
  /** `const <bind> = PlatformGateway.fromGatewayName(platform, "<ns>/<name>", <name>, { namespace })` */
  | { readonly op: 'import-gateway'; readonly bind: string; readonly namespace: string; readonly name: string; readonly listeners?: L2Value[] }
  /** `const <bind> = new <cls>(<chart>, <id>, <props>)` */
  | { readonly op: 'new'; readonly bind: string; readonly cls: string; readonly chart: string; readonly namespace: string; readonly id: string; readonly props: L2Value }
  /** `<target>.<method>(<args>)` */
  | { readonly op: 'call'; readonly target: string; readonly method: string; readonly args: L2Value[] };

const isObject = (v: unknown): v is { [k: string]: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCall = (v: unknown): v is L2Call => isObject(v) && typeof v.call === 'string' && Array.isArray(v.args);
const isRef = (v: unknown): v is L2Ref => isObject(v) && typeof v.ref === 'string' && Object.keys(v).length === 1;
const isMember = (v: unknown): v is L2Member => isObject(v) && typeof v.member === 'string' && Object.keys(v).length === 1;

const call = (name: string, ...args: L2Value[]): L2Call => ({ call: name, args });
const member = (name: string): L2Member => ({ member: name });
const ref = (name: string): L2Ref => ({ ref: name });

/** Leaves out undefined fields (the plan holds only what the manifest sets). */
function obj(fields: { [k: string]: L2Value | undefined }): { [k: string]: L2Value } {
  const out: { [k: string]: L2Value } = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// values

const DURATION_UNITS: [string, number][] = [['hours', 3_600_000], ['minutes', 60_000], ['seconds', 1000], ['millis', 1]];

/** A Gateway API Duration (`90s`, `1h30m`) as a cdk8s `Duration` factory call in the largest exact unit. */
function durationPlan(value: string, where: string): L2Call {
  const re = /([0-9]+)(ms|h|m|s)/g;
  let ms = 0;
  let m: RegExpExecArray | null;
  let seen = '';
  while ((m = re.exec(value)) !== null) {
    ms += Number(m[1]) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as 'h']!;
    seen += m[0];
  }
  if (seen !== value || value === '') throw new TypeScriptEmitError(`${where}: "${value}" is not a Gateway API duration`);
  for (const [unit, size] of DURATION_UNITS) if (ms % size === 0) return call(`Duration.${unit}`, ms / size);
  return call('Duration.millis', ms);
}

const REDIRECT_CODES: { [code: number]: string } = {
  301: 'MOVED_PERMANENTLY_301', 302: 'FOUND_302', 303: 'SEE_OTHER_303', 307: 'TEMPORARY_REDIRECT_307', 308: 'PERMANENT_REDIRECT_308',
};
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];

function enumMember(enumName: string, value: string, allowed: string[], where: string): L2Member {
  if (!allowed.includes(value)) throw new TypeScriptEmitError(`${where}: ${JSON.stringify(value)} is not a ${enumName}`);
  return member(`${enumName}.${value}`);
}

function headerMap(list: any[]): { [k: string]: L2Value } {
  const out: { [k: string]: L2Value } = {};
  for (const h of list) out[h.name] = h.value;
  return out;
}

function modifier(m: any): { [k: string]: L2Value } {
  return obj({ set: m.set ? headerMap(m.set) : undefined, add: m.add ? headerMap(m.add) : undefined, remove: m.remove ? [...m.remove] : undefined });
}

function pathModifier(p: any): L2Call {
  return p.type === 'ReplaceFullPath' ? call('HttpPathModifier.replaceFullPath', p.replaceFullPath) : call('HttpPathModifier.replacePrefixMatch', p.replacePrefixMatch);
}

function filterPlan(f: any, grpc: boolean, where: string): L2Call {
  const cls = grpc ? 'GrpcRouteFilter' : 'HttpRouteFilter';
  switch (f.type) {
    case 'RequestHeaderModifier': return call(`${cls}.requestHeaderModifier`, modifier(f.requestHeaderModifier));
    case 'ResponseHeaderModifier': return call(`${cls}.responseHeaderModifier`, modifier(f.responseHeaderModifier));
    case 'ExtensionRef': return call(`${cls}.extensionRef`, { group: f.extensionRef.group, kind: f.extensionRef.kind, name: f.extensionRef.name });
  }
  if (!grpc) {
    switch (f.type) {
      case 'RequestRedirect': {
        const r = f.requestRedirect;
        return call('HttpRouteFilter.requestRedirect', obj({
          scheme: r.scheme ? enumMember('RedirectScheme', String(r.scheme).toUpperCase(), ['HTTP', 'HTTPS'], where) : undefined,
          hostname: r.hostname,
          port: r.port,
          path: r.path ? pathModifier(r.path) : undefined,
          statusCode: r.statusCode ? enumMember('RedirectStatusCode', REDIRECT_CODES[r.statusCode] ?? String(r.statusCode), Object.values(REDIRECT_CODES), where) : undefined,
        }));
      }
      case 'URLRewrite':
        return call('HttpRouteFilter.urlRewrite', obj({ hostname: f.urlRewrite.hostname, path: f.urlRewrite.path ? pathModifier(f.urlRewrite.path) : undefined }));
      case 'CORS': {
        const c = f.cors;
        return call('HttpRouteFilter.cors', obj({
          allowOrigins: c.allowOrigins ? [...c.allowOrigins] : undefined,
          allowMethods: c.allowMethods ? c.allowMethods.map((m: string) => (m === '*' ? member('CorsMethod.ALL') : enumMember('CorsMethod', m, METHODS, where))) : undefined,
          allowHeaders: c.allowHeaders ? [...c.allowHeaders] : undefined,
          exposeHeaders: c.exposeHeaders ? [...c.exposeHeaders] : undefined,
          allowCredentials: c.allowCredentials !== undefined ? c.allowCredentials : undefined,
          maxAge: c.maxAge !== undefined ? durationPlan(`${c.maxAge}s`, where) : undefined,
        }));
      }
    }
  }
  throw new TypeScriptEmitError(`${where}: the ${f.type} filter of a ${grpc ? 'GRPCRoute' : 'HTTPRoute'} has no factory in this library`);
}

function typedMatch(cls: string, h: any, where: string): L2Call {
  if (h.type === 'RegularExpression') return call(`${cls}.regex`, h.name, h.value);
  if (h.type === undefined || h.type === 'Exact') return call(`${cls}.exact`, h.name, h.value);
  throw new TypeScriptEmitError(`${where}: a ${h.type} match has no factory in this library`);
}

function httpMatchPlan(m: any, where: string): { [k: string]: L2Value } {
  let path: L2Call | undefined;
  if (m.path) {
    const f = { Exact: 'PathMatch.exact', PathPrefix: 'PathMatch.prefix', RegularExpression: 'PathMatch.regex' }[m.path.type as 'Exact'];
    if (!f) throw new TypeScriptEmitError(`${where}: a ${m.path.type} path match has no factory in this library`);
    path = call(f, m.path.value);
  }
  return obj({
    path,
    headers: m.headers ? m.headers.map((h: any) => typedMatch('HeaderMatch', h, where)) : undefined,
    queryParams: m.queryParams ? m.queryParams.map((h: any) => typedMatch('QueryParamMatch', h, where)) : undefined,
    method: m.method ? enumMember('HttpMethod', m.method, METHODS, where) : undefined,
  });
}

function grpcMatchPlan(m: any, where: string): { [k: string]: L2Value } {
  return obj({
    method: m.method ? call(m.method.type === 'RegularExpression' ? 'GrpcMethodMatch.regex' : 'GrpcMethodMatch.exact', obj({ service: m.method.service, method: m.method.method })) : undefined,
    headers: m.headers ? m.headers.map((h: any) => typedMatch('HeaderMatch', h, where)) : undefined,
  });
}

function backendPlan(b: any, withWeight = true): L2Call {
  return call('Backend.fromName', b.name, obj({ namespace: b.namespace, port: b.port, weight: withWeight ? b.weight : undefined }));
}

function sessionPersistencePlan(s: any, where: string): L2Call {
  const options = obj({
    sessionName: s.sessionName,
    absoluteTimeout: s.absoluteTimeout ? durationPlan(s.absoluteTimeout, where) : undefined,
    lifetime: s.cookieConfig?.lifetimeType ? member(`CookieLifetime.${s.cookieConfig.lifetimeType === 'Permanent' ? 'PERMANENT' : 'SESSION'}`) : undefined,
  });
  if (s.idleTimeout) throw new TypeScriptEmitError(`${where}: sessionPersistence.idleTimeout has no option in SessionPersistence`);
  return call(s.type === 'Header' ? 'SessionPersistence.header' : 'SessionPersistence.cookie', options);
}

/** The options of an HTTPRoute/GRPCRoute rule manifest (`addRule()` / `rules: [...]`). */
function rulePlan(r: any, grpc: boolean, where: string): { [k: string]: L2Value } {
  return obj({
    name: r.name,
    matches: r.matches ? r.matches.map((m: any) => (grpc ? grpcMatchPlan(m, where) : httpMatchPlan(m, where))) : undefined,
    filters: r.filters ? r.filters.map((f: any) => filterPlan(f, grpc, where)) : undefined,
    backendRefs: r.backendRefs ? r.backendRefs.map((b: any) => backendPlan(b)) : undefined,
    timeouts: r.timeouts ? obj({
      request: r.timeouts.request ? durationPlan(r.timeouts.request, where) : undefined,
      backendRequest: r.timeouts.backendRequest ? durationPlan(r.timeouts.backendRequest, where) : undefined,
    }) : undefined,
    sessionPersistence: r.sessionPersistence ? sessionPersistencePlan(r.sessionPersistence, where) : undefined,
  });
}

const ROUTE_KINDS: { [kind: string]: string } = {
  HTTPRoute: 'HTTP_ROUTE', GRPCRoute: 'GRPC_ROUTE', TLSRoute: 'TLS_ROUTE', TCPRoute: 'TCP_ROUTE', UDPRoute: 'UDP_ROUTE',
};

function allowedRoutesPlan(l: any, where: string): { [k: string]: L2Value } | undefined {
  const a = l.allowedRoutes;
  if (!a) return undefined;
  const from = a.namespaces?.from;
  if (from !== undefined && from !== 'All' && from !== 'Same') throw new TypeScriptEmitError(`${where}: listener ${l.name}: allowedRoutes from ${from} is not written by the emitter`);
  const kinds = (a.kinds ?? []).map((k: any) => {
    if ((k.group ?? 'gateway.networking.k8s.io') !== 'gateway.networking.k8s.io' || !ROUTE_KINDS[k.kind]) throw new TypeScriptEmitError(`${where}: listener ${l.name}: route kind ${k.kind} is not written by the emitter`);
    return member(`RouteKind.${ROUTE_KINDS[k.kind]}`);
  });
  return obj({
    namespaces: from === 'All' ? call('RouteNamespaces.all') : from === 'Same' ? call('RouteNamespaces.same') : undefined,
    kinds: a.kinds ? kinds : undefined,
  });
}

function listenerPlan(l: any, where: string, withCertificates = true): L2Call {
  const allowedRoutes = allowedRoutesPlan(l, where);
  const certs = (withCertificates ? l.tls?.certificateRefs ?? [] : []).map((c: any) => call('CertificateRef.fromName', c.name, ...(c.namespace ? [{ namespace: c.namespace }] : [])));
  switch (l.protocol) {
    case 'HTTP':
      return call('Listener.http', obj({ name: l.name !== 'http' ? l.name : undefined, port: l.port !== 80 ? l.port : undefined, hostname: l.hostname, allowedRoutes }));
    case 'HTTPS':
      return call('Listener.https', obj({ name: l.name, port: l.port !== 443 ? l.port : undefined, hostname: l.hostname, certificateRefs: certs.length ? certs : undefined, allowedRoutes }));
    case 'TLS':
      if (l.tls?.mode !== 'Passthrough') break;
      return call('Listener.tlsPassthrough', obj({ name: l.name, port: l.port !== 443 ? l.port : undefined, hostname: l.hostname, allowedRoutes }));
    case 'TCP':
      return call('Listener.tcp', obj({ name: l.name, port: l.port, allowedRoutes }));
    case 'UDP':
      return call('Listener.udp', obj({ name: l.name, port: l.port, allowedRoutes }));
  }
  throw new TypeScriptEmitError(`${where}: listener ${l.name} (${l.protocol}) has no factory in this library`);
}

// ---------------------------------------------------------------------------------------------------------------
// the plan

function ident(prefix: string, name: string): string {
  const parts = name.split(/[^A-Za-z0-9]+/).filter((p) => p);
  const camel = parts.map((p) => p[0].toUpperCase() + p.slice(1).toLowerCase()).join('');
  return `${prefix}${camel}`;
}

const ROUTE_CLASSES: { [kind: string]: string } = {
  HTTPRoute: 'TeamRoute', GRPCRoute: 'TeamGrpcRoute', TLSRoute: 'TeamTlsRoute', TCPRoute: 'TeamTcpRoute', UDPRoute: 'TeamUdpRoute',
};

/**
 * The plan of `manifests` (the output of `emitManifests`): charts (one per namespace, sorted), the imported Gateways,
 * then per namespace its Gateways, ReferenceGrants, routes (with their attachments) and BackendTLSPolicies, in the
 * order of the manifests.
 */
export function planOf(manifests: any[], input: any[] = []): L2Statement[] {
  const out: L2Statement[] = [];
  const vars = new Set<string>();
  const fresh = (base: string): string => {
    let v = base;
    for (let i = 2; vars.has(v); i++) v = `${base}${i}`;
    vars.add(v);
    return v;
  };
  const namespaces = [...new Set(manifests.map((m) => m.metadata.namespace as string))].sort();
  const charts = new Map<string, string>();
  const ids = new Map<string, Set<string>>();
  for (const ns of namespaces) {
    charts.set(ns, fresh(ident('chart', ns)));
    ids.set(ns, new Set());
  }
  const idIn = (ns: string, kind: string, name: string): string => {
    const used = ids.get(ns)!;
    const id = used.has(name) ? `${kind}-${name}` : name;
    used.add(id);
    return id;
  };
  const gateways = new Map<string, string>();
  for (const m of manifests) {
    if (m.kind === 'Gateway') gateways.set(`${m.metadata.namespace}/${m.metadata.name}`, fresh(ident('gateway', `${m.metadata.namespace}-${m.metadata.name}`)));
  }
  // the Gateways the routes attach to that the result does not create (--gateway)
  for (const m of manifests) {
    for (const p of m.spec?.parentRefs ?? []) {
      const gatewayKey = `${p.namespace ?? m.metadata.namespace}/${p.name}`;
      if (gateways.has(gatewayKey)) continue;
      const bind = fresh(ident('gateway', gatewayKey));
      gateways.set(gatewayKey, bind);
      const namespace = p.namespace ?? m.metadata.namespace;
      const listeners = knownListeners(input, namespace, p.name);
      out.push({ op: 'import-gateway', bind, namespace, name: p.name, ...(listeners ? { listeners } : {}) });
    }
  }
  for (const ns of namespaces) out.push({ op: 'chart', bind: charts.get(ns)!, namespace: ns });
  // the Gateways first (routes of any namespace refer to them), then each namespace's objects
  const ordered = [...manifests.filter((m) => m.kind === 'Gateway'), ...namespaces.flatMap((ns) => manifests.filter((m) => m.kind !== 'Gateway' && m.metadata.namespace === ns))];
  {
    for (const m of ordered) {
      const ns: string = m.metadata.namespace;
      const chart = charts.get(ns)!;
      const where = `${m.kind} ${ns}/${m.metadata.name}`;
      const metadata = { name: m.metadata.name, namespace: ns };
      const id = idIn(ns, m.kind, m.metadata.name);
      if (m.kind === 'Gateway') {
        out.push({
          op: 'new',
          bind: gateways.get(`${ns}/${m.metadata.name}`)!,
          cls: 'PlatformGateway',
          chart,
          namespace: ns,
          id,
          props: { metadata, gatewayClassName: m.spec.gatewayClassName, listeners: m.spec.listeners.map((l: any) => listenerPlan(l, where)) },
        });
      } else if (m.kind === 'ReferenceGrant') {
        out.push({
          op: 'new',
          bind: fresh(ident('grant', `${ns}-${m.metadata.name}`)),
          cls: 'ReferenceGrant',
          chart,
          namespace: ns,
          id,
          props: { metadata, from: m.spec.from.map((f: any) => ({ ...f })), to: m.spec.to.map((t: any) => ({ ...t })) },
        });
      } else if (m.kind === 'BackendTLSPolicy') {
        const v = m.spec.validation;
        out.push({
          op: 'new',
          bind: fresh(ident('policy', `${ns}-${m.metadata.name}`)),
          cls: 'BackendTlsPolicy',
          chart,
          namespace: ns,
          id,
          props: {
            metadata,
            targetRefs: m.spec.targetRefs.map((t: any) => call('PolicyTarget.fromServiceName', t.name)),
            validation: obj({
              hostname: v.hostname,
              caCertificateRefs: v.caCertificateRefs ? v.caCertificateRefs.map((c: any) => call(c.kind === 'Secret' ? 'CaCertificateRef.fromSecretName' : 'CaCertificateRef.fromConfigMapName', c.name)) : undefined,
              wellKnownCaCertificates: v.wellKnownCACertificates ? member('WellKnownCaCertificates.SYSTEM') : undefined,
            }),
          },
        });
      } else if (ROUTE_CLASSES[m.kind]) {
        const bind = fresh(ident('route', `${ns}-${m.metadata.name}`));
        out.push({ op: 'new', bind, cls: routeClass(m), chart, namespace: ns, id, props: routeProps(m, where) });
        for (const p of m.spec.parentRefs) {
          const gateway = gateways.get(`${p.namespace ?? ns}/${p.name}`)!;
          const options = obj({ sectionName: p.sectionName, port: p.port });
          out.push({ op: 'call', target: bind, method: 'attachTo', args: Object.keys(options).length ? [ref(gateway), options] : [ref(gateway)] });
        }
      } else {
        throw new TypeScriptEmitError(`${where}: ${m.kind} has no construct in this library`);
      }
    }
  }
  return out;
}

/**
 * The listeners of an existing Gateway found in the input, as `Listener` factories without certificates (what the
 * attachment checks need), so that synth checks the routes against them; undefined when it is not in the input or a
 * listener cannot be written (the program then declares none, and synth warns).
 */
function knownListeners(input: any[], namespace: string, name: string): L2Value[] | undefined {
  const g = input.find((o) => isObject(o) && o.kind === 'Gateway' && String(o.apiVersion).startsWith('gateway.networking.k8s.io/')
    && isObject(o.metadata) && o.metadata.name === name && (o.metadata.namespace ?? 'default') === namespace);
  const listeners = Array.isArray(g?.spec?.listeners) ? g.spec.listeners : undefined;
  if (!listeners) return undefined;
  try {
    return listeners.map((l: any) => listenerPlan(l, `Gateway ${namespace}/${name}`, false));
  } catch (e) {
    if (e instanceof TypeScriptEmitError) return undefined;
    throw e;
  }
}

function routeClass(m: any): string {
  if (m.kind === 'HTTPRoute' && m.spec.rules.some((r: any) => r.name === 'canary')) return 'CanaryRoute';
  return ROUTE_CLASSES[m.kind];
}

function routeProps(m: any, where: string): { [k: string]: L2Value } {
  const metadata = { name: m.metadata.name, namespace: m.metadata.namespace };
  const hostnames = m.spec.hostnames ? [...m.spec.hostnames] : undefined;
  const rules: any[] = m.spec.rules ?? [];
  switch (routeClass(m)) {
    case 'CanaryRoute': {
      const split = rules.find((r) => r.name === 'canary');
      const header = rules.find((r) => r.name === 'canary-header');
      const rest = rules.filter((r) => r !== split && r !== header);
      const [stable, canary] = split.backendRefs;
      const extra = header ? header.matches[0].headers[header.matches[0].headers.length - 1] : undefined;
      const base = rulePlan(split, false, `${where} rule canary`);
      return obj({
        metadata,
        hostnames,
        stable: backendPlan(stable, false),
        canary: backendPlan(canary, false),
        stableWeight: stable.weight,
        canaryWeight: canary.weight,
        matches: base.matches,
        filters: base.filters,
        timeouts: base.timeouts,
        canaryHeader: extra ? typedMatch('HeaderMatch', extra, `${where} rule canary-header`) : undefined,
        rules: rest.length ? rest.map((r) => rulePlan(r, false, `${where} rule ${rules.indexOf(r)}`)) : undefined,
      });
    }
    case 'TeamRoute':
    case 'TeamGrpcRoute':
      return obj({ metadata, hostnames, rules: rules.map((r, i) => rulePlan(r, m.kind === 'GRPCRoute', `${where} rule ${i}`)) });
    default: {
      if (rules.length !== 1) throw new TypeScriptEmitError(`${where}: a ${m.kind} of this library has one rule, this one has ${rules.length}`);
      return obj({ metadata, hostnames, ruleName: rules[0].name, backendRefs: (rules[0].backendRefs ?? []).map((b: any) => backendPlan(b)) });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// printing

const q = (s: string): string => JSON.stringify(s);
const WIDTH = 110;

function printInline(v: L2Value): string {
  if (isCall(v)) return `${v.call}(${v.args.map(printInline).join(', ')})`;
  if (isRef(v)) return v.ref;
  if (isMember(v)) return v.member;
  if (Array.isArray(v)) return `[${v.map(printInline).join(', ')}]`;
  if (isObject(v)) {
    const entries = Object.entries(v).map(([k, x]) => `${key(k)}: ${printInline(x)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return typeof v === 'string' ? q(v) : String(v);
}

function key(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : q(k);
}

/** Prints a value on one line when it fits, else one element or field per line. */
function print(v: L2Value, indent: string, used: number): string {
  const inline = printInline(v);
  if (indent.length + used + inline.length <= WIDTH) return inline;
  const inner = indent + '  ';
  if (isCall(v)) {
    if (v.args.length === 1) return `${v.call}(${print(v.args[0], indent, used + v.call.length + 1)})`;
    return `${v.call}(\n${v.args.map((a) => inner + print(a, inner, 0)).join(',\n')},\n${indent})`;
  }
  if (Array.isArray(v)) return `[\n${v.map((x) => inner + print(x, inner, 0)).join(',\n')},\n${indent}]`;
  if (isObject(v) && !isRef(v) && !isMember(v)) {
    return `{\n${Object.entries(v).map(([k, x]) => `${inner}${key(k)}: ${print(x, inner, key(k).length + 2)}`).join(',\n')},\n${indent}}`;
  }
  return inline;
}

function collect(v: L2Value, out: Set<string>): void {
  if (isCall(v)) {
    out.add(v.call.split('.')[0]);
    v.args.forEach((a) => collect(a, out));
  } else if (isMember(v)) {
    out.add(v.member.split('.')[0]);
  } else if (Array.isArray(v)) {
    v.forEach((x) => collect(x, out));
  } else if (isObject(v) && !isRef(v)) {
    Object.values(v).forEach((x) => collect(x as L2Value, out));
  }
}

function refsOf(v: L2Value, out: Set<string>): void {
  if (isRef(v)) out.add(v.ref);
  else if (isCall(v)) v.args.forEach((a) => refsOf(a, out));
  else if (Array.isArray(v)) v.forEach((x) => refsOf(x, out));
  else if (isObject(v) && !isMember(v)) Object.values(v).forEach((x) => refsOf(x as L2Value, out));
}

/** The props as the program writes them: `metadata.namespace` is left to the chart when it is the chart's. */
function programProps(s: Extract<L2Statement, { op: 'new' }>): L2Value {
  const p = s.props as { [k: string]: any };
  if (!isObject(p) || !isObject(p.metadata) || p.metadata.namespace !== s.namespace) return p;
  const { namespace: _ns, ...metadata } = p.metadata;
  return { ...p, metadata } as L2Value;
}

/** Options of `emitTypeScriptProgram`. */
export interface EmitOptions {
  /** The module the program imports the library from. @default 'cdk8s-gateway-api' */
  readonly importFrom?: string;
  /** The migration's input: an existing Gateway found there gets its listeners declared (attachments are then checked). */
  readonly input?: any[];
}

/** The cdk8s program of `manifests` (the output of `emitManifests`). */
export function emitTypeScriptProgram(manifests: any[], options: EmitOptions = {}): string {
  const importFrom = options.importFrom ?? 'cdk8s-gateway-api';
  const plan = planOf(manifests, options.input);
  const used = new Set<string>();
  const charts = new Map<string, string>(); // declared when first used
  const body: string[] = ['const app = new App();'];
  if (usesExperimentalChannel(manifests)) {
    used.add('GatewayApiValidation');
    used.add('ValidationChannel');
    body.push('// sessionPersistence is in the experimental channel: validate with it (and install the experimental CRDs)');
    body.push('GatewayApiValidation.enable(app, { channel: ValidationChannel.EXPERIMENTAL });');
  }
  // variables the program reads (the others are not bound: `new X(...)` alone)
  const read = new Set<string>();
  for (const s of plan) {
    if (s.op === 'call') {
      read.add(s.target);
      s.args.forEach((a) => refsOf(a, read));
    }
  }
  const imports = plan.filter((s): s is Extract<L2Statement, { op: 'import-gateway' }> => s.op === 'import-gateway');
  if (imports.length) {
    body.push('', imports.every((s) => s.listeners)
      ? '// the existing Gateway the routes attach to, with its listeners (from the input): synth checks the attachments'
      : '// the existing Gateway the routes attach to (its listeners are not in the input: synth warns that it cannot check the attachments)');
    body.push("const platform = new Chart(app, 'platform');");
  }
  for (const s of plan) {
    switch (s.op) {
      case 'import-gateway': {
        used.add('PlatformGateway');
        const reference: { [k: string]: L2Value } = { namespace: s.namespace, ...(s.listeners ? { listeners: s.listeners } : {}) };
        collect(reference, used);
        const head = `const ${s.bind} = PlatformGateway.fromGatewayName(platform, ${q(`${s.namespace}/${s.name}`)}, ${q(s.name)}, `;
        body.push(`${head}${print(reference, '', head.length)});`);
        break;
      }
      case 'chart':
        charts.set(s.bind, s.namespace);
        break;
      case 'new': {
        used.add(s.cls);
        if (charts.has(s.chart)) {
          const ns = charts.get(s.chart)!;
          charts.delete(s.chart);
          body.push('', `// namespace ${ns}`, `const ${s.chart} = new Chart(app, ${q(ns)}, { namespace: ${q(ns)} });`);
        }
        const props = programProps(s);
        collect(props, used);
        const head = `${read.has(s.bind) ? `const ${s.bind} = ` : ''}new ${s.cls}(${s.chart}, ${q(s.id)}, `;
        body.push(`${head}${print(props, '', head.length)});`);
        break;
      }
      case 'call': {
        s.args.forEach((a) => collect(a, used));
        body.push(`${s.target}.${s.method}(${s.args.map(printInline).join(', ')});`);
        break;
      }
    }
  }
  body.push('', 'app.synth();');
  const cdk8s = ['App', 'Chart', ...(used.has('Duration') ? ['Duration'] : [])];
  const lib = [...used].filter((x) => x !== 'Duration').sort();
  return [
    '// Generated by `cdk8s-gateway-api migrate --output typescript`: the migrated Gateway API objects as this library\'s',
    '// constructs, one chart per namespace. `cdk8s synth` writes exactly the manifests of `--output yaml`.',
    `import { ${cdk8s.join(', ')} } from 'cdk8s';`,
    `import { ${lib.join(', ')} } from '${importFrom}';`,
    '',
    ...body,
    '',
  ].join('\n');
}

/** The library names a plan value refers to (classes, enums), for the program's import and the builders' tables. */
export function namesOf(plan: L2Statement[]): string[] {
  const out = new Set<string>();
  for (const s of plan) {
    if (s.op === 'new') {
      out.add(s.cls);
      collect(s.props, out);
    }
    if (s.op === 'call') s.args.forEach((a) => collect(a, out));
    if (s.op === 'import-gateway') {
      out.add('PlatformGateway');
      (s.listeners ?? []).forEach((l) => collect(l, out));
    }
  }
  return [...out].sort();
}

/**
 * Makes a plan value with the given classes (`Class.factory(...)` and `Enum.MEMBER` are looked up in `classes`) and
 * variables.
 */
export function buildValue(v: L2Value, classes: { [name: string]: any }, vars: Map<string, unknown>): any {
  if (isCall(v)) {
    const [cls, fn] = v.call.split('.');
    const target = classes[cls];
    if (!target || typeof target[fn] !== 'function') throw new Error(`migration plan: unknown factory ${v.call}`);
    return target[fn](...v.args.map((a) => buildValue(a, classes, vars)));
  }
  if (isRef(v)) {
    if (!vars.has(v.ref)) throw new Error(`migration plan: unknown variable ${v.ref}`);
    return vars.get(v.ref);
  }
  if (isMember(v)) {
    const [cls, name] = v.member.split('.');
    if (!classes[cls] || !(name in classes[cls])) throw new Error(`migration plan: unknown member ${v.member}`);
    return classes[cls][name];
  }
  if (Array.isArray(v)) return v.map((x) => buildValue(x, classes, vars));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, buildValue(x as L2Value, classes, vars)]));
  return v;
}
