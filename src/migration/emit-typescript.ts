/**
 * Emitter 2: the migrated HTTPRoutes as a readable cdk8s program using this library (`TeamRoute`,
 * `Backend.fromName`, `PathMatch`, `HttpRouteFilter`, one chart per namespace), attached to the existing Gateway
 * (`PlatformGateway.fromGatewayName`). It synthesizes the same objects as `emitManifests` (test/migration checks it).
 *
 * Not expressible yet (the emitter throws `TypeScriptEmitError` naming the object): generated Gateways (use
 * `--gateway ns/name`), GRPCRoute/TLSRoute/BackendTLSPolicy, timeouts, sessionPersistence, queryParams matches,
 * RegularExpression header matches.
 */

/** The result cannot be written as a program yet; the message names the object and the part. */
export class TypeScriptEmitError extends Error {}

const q = (s: string): string => JSON.stringify(s);

/** A call of a library factory (`PathMatch.prefix("/api")`), printed by the emitter or made by `IngressMigration`. */
export interface L2Call {
  readonly call: string;
  readonly args: L2Value[];
}

/** A value of the L2 plan: a literal, an array, an object, or a factory call. */
export type L2Value = string | number | boolean | L2Value[] | { [key: string]: L2Value } | L2Call;

function isCall(v: unknown): v is L2Call {
  return typeof v === 'object' && v !== null && typeof (v as any).call === 'string' && Array.isArray((v as any).args);
}

const call = (name: string, ...args: L2Value[]): L2Call => ({ call: name, args });

/** The factories a plan may call (the printer names them, `IngressMigration` resolves them). */
export const L2_FACTORIES = [
  'PathMatch.exact', 'PathMatch.prefix', 'HeaderMatch.exact', 'HttpPathModifier.replaceFullPath', 'HttpPathModifier.replacePrefixMatch',
  'HttpRouteFilter.requestHeaderModifier', 'HttpRouteFilter.responseHeaderModifier', 'HttpRouteFilter.requestRedirect',
  'HttpRouteFilter.urlRewrite', 'HttpRouteFilter.cors', 'HttpRouteFilter.extensionRef', 'Backend.fromName', 'Duration.seconds',
] as const;

function headerMap(list: any[]): { [k: string]: L2Value } {
  const out: { [k: string]: L2Value } = {};
  for (const h of list) out[h.name] = h.value;
  return out;
}

function modifier(m: any): { [k: string]: L2Value } {
  return { ...(m.set ? { set: headerMap(m.set) } : {}), ...(m.add ? { add: headerMap(m.add) } : {}), ...(m.remove ? { remove: [...m.remove] } : {}) };
}

function pathModifier(p: any): L2Call {
  return p.type === 'ReplaceFullPath' ? call('HttpPathModifier.replaceFullPath', p.replaceFullPath) : call('HttpPathModifier.replacePrefixMatch', p.replacePrefixMatch);
}

function filterPlan(f: any, where: string): L2Call {
  switch (f.type) {
    case 'RequestHeaderModifier': return call('HttpRouteFilter.requestHeaderModifier', modifier(f.requestHeaderModifier));
    case 'ResponseHeaderModifier': return call('HttpRouteFilter.responseHeaderModifier', modifier(f.responseHeaderModifier));
    case 'RequestRedirect': {
      const r = f.requestRedirect;
      return call('HttpRouteFilter.requestRedirect', {
        ...(r.scheme ? { scheme: r.scheme } : {}),
        ...(r.hostname ? { hostname: r.hostname } : {}),
        ...(r.port ? { port: r.port } : {}),
        ...(r.path ? { path: pathModifier(r.path) } : {}),
        ...(r.statusCode ? { statusCode: r.statusCode } : {}),
      });
    }
    case 'URLRewrite': {
      const r = f.urlRewrite;
      return call('HttpRouteFilter.urlRewrite', { ...(r.hostname ? { hostname: r.hostname } : {}), ...(r.path ? { path: pathModifier(r.path) } : {}) });
    }
    case 'CORS': {
      const c = f.cors;
      const o: { [k: string]: L2Value } = {};
      for (const k of ['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders']) if (c[k]) o[k] = [...c[k]];
      if (c.allowCredentials) o.allowCredentials = true;
      if (c.maxAge !== undefined) o.maxAge = call('Duration.seconds', c.maxAge);
      return call('HttpRouteFilter.cors', o);
    }
    case 'ExtensionRef':
      return call('HttpRouteFilter.extensionRef', { group: f.extensionRef.group, kind: f.extensionRef.kind, name: f.extensionRef.name });
    default:
      throw new TypeScriptEmitError(`${where}: the ${f.type} filter cannot be written as TypeScript yet: use --output yaml`);
  }
}

function matchPlan(m: any, where: string): { [k: string]: L2Value } {
  const o: { [k: string]: L2Value } = {};
  if (m.path) {
    const f = m.path.type === 'Exact' ? 'PathMatch.exact' : m.path.type === 'PathPrefix' ? 'PathMatch.prefix' : undefined;
    if (!f) throw new TypeScriptEmitError(`${where}: a ${m.path.type} path match cannot be written as TypeScript yet: use --output yaml`);
    o.path = call(f, m.path.value);
  }
  if (m.headers) {
    if (m.headers.some((h: any) => h.type !== 'Exact')) throw new TypeScriptEmitError(`${where}: a RegularExpression header match cannot be written as TypeScript yet`);
    o.headers = m.headers.map((h: any) => call('HeaderMatch.exact', h.name, h.value));
  }
  if (m.method || m.queryParams) throw new TypeScriptEmitError(`${where}: method and queryParams matches cannot be written as TypeScript yet: use --output yaml`);
  return o;
}

/** The `addRule` options of an HTTPRoute rule manifest, as an L2 plan. */
export function rulePlan(r: any, where: string): { [k: string]: L2Value } {
  if (r.timeouts || r.sessionPersistence || r.name) throw new TypeScriptEmitError(`${where}: timeouts, sessionPersistence and rule names cannot be written as TypeScript yet: use --output yaml`);
  return {
    ...(r.matches ? { matches: r.matches.map((x: any) => matchPlan(x, where)) } : {}),
    ...(r.filters ? { filters: r.filters.map((f: any) => filterPlan(f, where)) } : {}),
    ...(r.backendRefs ? {
      backendRefs: r.backendRefs.map((b: any) => call('Backend.fromName', b.name, {
        port: b.port, ...(b.namespace ? { namespace: b.namespace } : {}), ...(b.weight !== undefined ? { weight: b.weight } : {}),
      })),
    } : {}),
  };
}

/** Checks that the manifests are HTTPRoutes only (what the TypeScript output and IngressMigration can build). */
export function checkBuildable(manifests: any[]): void {
  for (const m of manifests) {
    const where = `${m.kind} ${m.metadata.namespace}/${m.metadata.name}`;
    if (m.kind === 'Gateway') throw new TypeScriptEmitError(`${where}: generated Gateways cannot be written as TypeScript yet: pass --gateway ns/name (a PlatformGateway you already have), or use --output yaml`);
    if (m.kind !== 'HTTPRoute') throw new TypeScriptEmitError(`${where}: ${m.kind} cannot be written as TypeScript yet: use --output yaml`);
  }
}

/** Prints a plan value as TypeScript. */
function print(v: L2Value, indent = ''): string {
  if (isCall(v)) return `${v.call}(${v.args.map((a) => print(a, indent)).join(', ')})`;
  if (Array.isArray(v)) return `[${v.map((x) => print(x, indent)).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v).map(([k, x]) => `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : q(k)}: ${print(x, indent)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return typeof v === 'string' ? q(v) : String(v);
}

/** Makes a plan value with the given factories. */
export function buildPlan(v: L2Value, factories: { [name: string]: (...args: any[]) => any }): any {
  if (isCall(v)) {
    const f = factories[v.call];
    if (!f) throw new Error(`unknown factory ${v.call}`);
    return f(...v.args.map((a) => buildPlan(a, factories)));
  }
  if (Array.isArray(v)) return v.map((x) => buildPlan(x, factories));
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, buildPlan(x, factories)]));
  return v;
}

function ident(prefix: string, name: string): string {
  const parts = name.split(/[^A-Za-z0-9]+/).filter((p) => p);
  const camel = parts.map((p, i) => (i === 0 ? p.toLowerCase() : p[0].toUpperCase() + p.slice(1).toLowerCase())).join('');
  const id = prefix + camel[0].toUpperCase() + camel.slice(1);
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}

function usedFactories(v: L2Value, out: Set<string>): void {
  if (isCall(v)) { out.add(v.call.split('.')[0]); v.args.forEach((a) => usedFactories(a, out)); } else if (Array.isArray(v)) {v.forEach((x) => usedFactories(x, out));} else if (typeof v === 'object') {Object.values(v).forEach((x) => usedFactories(x, out));}
}

/**
 * The cdk8s program of `manifests` (the output of `emitManifests`) for routes attached to an existing Gateway.
 * `importFrom` is the module the program imports the library from.
 */
export function emitTypeScriptProgram(manifests: any[], importFrom = 'cdk8s-gateway-api'): string {
  const use = new Set<string>(['PlatformGateway', 'TeamRoute']);
  const body: string[] = [];
  const gateways = new Map<string, string>();
  const charts = new Map<string, string>();
  checkBuildable(manifests);
  body.push('const app = new App();', 'const platform = new Chart(app, \'platform\');');
  for (const m of manifests) {
    const ns = m.metadata.namespace;
    const where = `HTTPRoute ${ns}/${m.metadata.name}`;
    if (!charts.has(ns)) {
      const v = ident('chart', ns);
      charts.set(ns, v);
      body.push('', `// namespace ${ns}`, `const ${v} = new Chart(app, ${q(ns)}, { namespace: ${q(ns)} });`);
    }
    const chart = charts.get(ns)!;
    const route = ident('route', `${ns}-${m.metadata.name}`);
    const hostnames = m.spec.hostnames ? `, hostnames: [${m.spec.hostnames.map(q).join(', ')}]` : '';
    body.push(`const ${route} = new TeamRoute(${chart}, ${q(m.metadata.name)}, { metadata: { name: ${q(m.metadata.name)} }${hostnames} });`);
    for (const p of m.spec.parentRefs) {
      const gns = p.namespace ?? ns;
      const key = `${gns}/${p.name}`;
      if (!gateways.has(key)) {
        const v = ident('gateway', `${gns}-${p.name}`);
        gateways.set(key, v);
        body.splice(2, 0, `const ${v} = PlatformGateway.fromGatewayName(platform, ${q(key)}, ${q(p.name)}, { namespace: ${q(gns)} });`);
      }
      const opts = p.sectionName ? `, { sectionName: ${q(p.sectionName)} }` : p.port ? `, { port: ${p.port} }` : '';
      body.push(`${route}.attachTo(${gateways.get(key)}${opts});`);
    }
    m.spec.rules.forEach((r: any, i: number) => {
      const plan = rulePlan(r, `${where} rule ${i}`);
      usedFactories(plan, use);
      const lines = Object.entries(plan).map(([k, v]) => `  ${k}: ${print(v)},`);
      body.push(`${route}.addRule({\n${lines.join('\n')}\n});`);
    });
  }
  body.push('', 'app.synth();');
  const lib = [...use].sort();
  const cdk8s = ['App', 'Chart', ...(use.has('Duration') ? ['Duration'] : [])];
  return [
    '// Generated by `cdk8s-gateway-api migrate --output typescript`: the migrated routes as TeamRoutes, one chart per namespace.',
    `import { ${cdk8s.join(', ')} } from 'cdk8s';`,
    `import { ${lib.filter((x) => x !== 'Duration').join(', ')} } from '${importFrom}';`,
    '',
    ...body,
    '',
  ].join('\n');
}
