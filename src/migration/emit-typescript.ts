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

function ident(prefix: string, name: string): string {
  const parts = name.split(/[^A-Za-z0-9]+/).filter((p) => p);
  const camel = parts.map((p, i) => (i === 0 ? p.toLowerCase() : p[0].toUpperCase() + p.slice(1).toLowerCase())).join('');
  const id = prefix + camel[0].toUpperCase() + camel.slice(1);
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}

function headerMap(list: any[]): string {
  return `{ ${list.map((h: any) => `${q(h.name)}: ${q(h.value)}`).join(', ')} }`;
}

function modifier(m: any): string {
  const parts: string[] = [];
  if (m.set) parts.push(`set: ${headerMap(m.set)}`);
  if (m.add) parts.push(`add: ${headerMap(m.add)}`);
  if (m.remove) parts.push(`remove: [${m.remove.map(q).join(', ')}]`);
  return `{ ${parts.join(', ')} }`;
}

function pathModifier(p: any): string {
  return p.type === 'ReplaceFullPath' ? `HttpPathModifier.replaceFullPath(${q(p.replaceFullPath)})` : `HttpPathModifier.replacePrefixMatch(${q(p.replacePrefixMatch)})`;
}

function filterCode(f: any, where: string, use: Set<string>): string {
  switch (f.type) {
    case 'RequestHeaderModifier': return `HttpRouteFilter.requestHeaderModifier(${modifier(f.requestHeaderModifier)})`;
    case 'ResponseHeaderModifier': return `HttpRouteFilter.responseHeaderModifier(${modifier(f.responseHeaderModifier)})`;
    case 'RequestRedirect': {
      const r = f.requestRedirect;
      const parts: string[] = [];
      if (r.scheme) parts.push(`scheme: ${q(r.scheme)}`);
      if (r.hostname) parts.push(`hostname: ${q(r.hostname)}`);
      if (r.port) parts.push(`port: ${r.port}`);
      if (r.path) { parts.push(`path: ${pathModifier(r.path)}`); use.add('HttpPathModifier'); }
      if (r.statusCode) parts.push(`statusCode: ${r.statusCode}`);
      return `HttpRouteFilter.requestRedirect({ ${parts.join(', ')} })`;
    }
    case 'URLRewrite': {
      const r = f.urlRewrite;
      const parts: string[] = [];
      if (r.hostname) parts.push(`hostname: ${q(r.hostname)}`);
      if (r.path) { parts.push(`path: ${pathModifier(r.path)}`); use.add('HttpPathModifier'); }
      return `HttpRouteFilter.urlRewrite({ ${parts.join(', ')} })`;
    }
    case 'CORS': {
      const c = f.cors;
      const parts: string[] = [];
      for (const k of ['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders']) if (c[k]) parts.push(`${k}: [${c[k].map(q).join(', ')}]`);
      if (c.allowCredentials) parts.push('allowCredentials: true');
      if (c.maxAge !== undefined) { parts.push(`maxAge: Duration.seconds(${c.maxAge})`); use.add('Duration'); }
      return `HttpRouteFilter.cors({ ${parts.join(', ')} })`;
    }
    case 'ExtensionRef': {
      const e = f.extensionRef;
      return `HttpRouteFilter.extensionRef({ group: ${q(e.group)}, kind: ${q(e.kind)}, name: ${q(e.name)} })`;
    }
    default:
      throw new TypeScriptEmitError(`${where}: the ${f.type} filter cannot be written as TypeScript yet: use --output yaml`);
  }
}

function matchCode(m: any, where: string, use: Set<string>): string {
  const parts: string[] = [];
  if (m.path) {
    const f = m.path.type === 'Exact' ? 'exact' : m.path.type === 'PathPrefix' ? 'prefix' : undefined;
    if (!f) throw new TypeScriptEmitError(`${where}: a ${m.path.type} path match cannot be written as TypeScript yet: use --output yaml`);
    parts.push(`path: PathMatch.${f}(${q(m.path.value)})`);
  }
  if (m.headers) {
    if (m.headers.some((h: any) => h.type !== 'Exact')) throw new TypeScriptEmitError(`${where}: a RegularExpression header match cannot be written as TypeScript yet`);
    parts.push(`headers: [${m.headers.map((h: any) => `HeaderMatch.exact(${q(h.name)}, ${q(h.value)})`).join(', ')}]`);
    use.add('HeaderMatch');
  }
  if (m.method || m.queryParams) throw new TypeScriptEmitError(`${where}: method and queryParams matches cannot be written as TypeScript yet: use --output yaml`);
  return `{ ${parts.join(', ')} }`;
}

/**
 * The cdk8s program of `manifests` (the output of `emitManifests`) for routes attached to an existing Gateway.
 * `importFrom` is the module the program imports the library from.
 */
export function emitTypeScriptProgram(manifests: any[], importFrom = 'cdk8s-gateway-api'): string {
  const use = new Set<string>(['PlatformGateway', 'TeamRoute', 'Backend', 'PathMatch', 'HttpRouteFilter']);
  const body: string[] = [];
  const gateways = new Map<string, string>();
  const charts = new Map<string, string>();
  for (const m of manifests) {
    const where = `${m.kind} ${m.metadata.namespace}/${m.metadata.name}`;
    if (m.kind === 'Gateway') throw new TypeScriptEmitError(`${where}: generated Gateways cannot be written as TypeScript yet: pass --gateway ns/name (a PlatformGateway you already have), or use --output yaml`);
    if (m.kind !== 'HTTPRoute') throw new TypeScriptEmitError(`${where}: ${m.kind} cannot be written as TypeScript yet: use --output yaml`);
  }
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
        body.splice(2, 0, `const ${v} = PlatformGateway.fromGatewayName(platform, ${q(key)}, { name: ${q(p.name)}, namespace: ${q(gns)} });`);
      }
      const opts = p.sectionName ? `, { sectionName: ${q(p.sectionName)} }` : p.port ? `, { port: ${p.port} }` : '';
      body.push(`${route}.attachTo(${gateways.get(key)}${opts});`);
    }
    m.spec.rules.forEach((r: any, i: number) => {
      const rw = `${where} rule ${i}`;
      if (r.timeouts || r.sessionPersistence || r.name) throw new TypeScriptEmitError(`${rw}: timeouts, sessionPersistence and rule names cannot be written as TypeScript yet: use --output yaml`);
      const parts: string[] = [];
      if (r.matches) parts.push(`  matches: [${r.matches.map((x: any) => matchCode(x, rw, use)).join(', ')}],`);
      if (r.filters) parts.push(`  filters: [\n${r.filters.map((f: any) => `    ${filterCode(f, rw, use)},`).join('\n')}\n  ],`);
      if (r.backendRefs) {
        parts.push(`  backendRefs: [${r.backendRefs.map((b: any) => {
          const o = [`port: ${b.port}`, ...(b.namespace ? [`namespace: ${q(b.namespace)}`] : []), ...(b.weight !== undefined ? [`weight: ${b.weight}`] : [])];
          return `Backend.fromName(${q(b.name)}, { ${o.join(', ')} })`;
        }).join(', ')}],`);
      }
      body.push(`${route}.addRule({\n${parts.join('\n')}\n});`);
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
