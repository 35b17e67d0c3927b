/**
 * Emitter 1: the migration model as Gateway API v1.6.1 manifests (plain objects, deterministic order).
 */
import { DEFAULT_ROLE_PORTS, IrGateway, IrListener, IrRoute, IrRule, MigrationModel } from './model';

const V1 = 'gateway.networking.k8s.io/v1';

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const KIND_ORDER = ['Gateway', 'ReferenceGrant', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute', 'BackendTLSPolicy'];

/** Whether manifests use experimental-channel fields (rules[].sessionPersistence). */
export function usesExperimentalChannel(manifests: any[]): boolean {
  return manifests.some((m) => (m.spec?.rules ?? []).some((r: any) => r.sessionPersistence !== undefined));
}

/** Sorts manifests by kind (Gateways first), then namespace and name. */
export function sortManifests(manifests: any[]): any[] {
  return manifests.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)
    || cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmp(a.metadata.name, b.metadata.name));
}

/** A listener, in the shape the library's `Listener` factories render (so `--output typescript` synthesizes the same). */
function listenerManifest(g: IrGateway, l: IrListener): any {
  const from = [...g.routeNamespaces].some((ns) => ns !== g.namespace) ? 'All' : 'Same';
  const out: any = { name: l.name, protocol: l.protocol, port: l.port };
  if (l.hostname) out.hostname = l.hostname;
  if (l.protocol === 'HTTPS' && l.certificate) {
    out.tls = {
      certificateRefs: [{ group: '', kind: 'Secret', name: l.certificate.name, ...(l.certificate.namespace !== g.namespace ? { namespace: l.certificate.namespace } : {}) }],
    };
  }
  if (l.protocol === 'TLS') out.tls = { mode: 'Passthrough' };
  out.allowedRoutes = { namespaces: { from }, ...(l.protocol === 'TLS' ? { kinds: [{ kind: 'TLSRoute' }] } : {}) };
  return out;
}

function listenerOrder(a: IrListener, b: IrListener): number {
  const rank = (l: IrListener): number => ['http', 'https', 'passthrough', 'tcp', 'udp'].indexOf(l.role);
  return rank(a) - rank(b) || a.port - b.port || cmp(a.name, b.name);
}

/** The parentRefs of a route. */
export function parentRefsOf(r: IrRoute, g: IrGateway): any[] {
  const base = { name: g.name, ...(g.namespace !== r.namespace ? { namespace: g.namespace } : {}) };
  if (g.existing) {
    if (r.ports) return [...new Set(r.ports)].sort((a, b) => a - b).map((port) => ({ ...base, port }));
    if (r.roles.includes('http') && (r.roles.includes('https'))) return [base];
    if (r.roles.includes('passthrough') || r.roles.includes('https')) return [{ ...base, port: 443 }];
    return [{ ...base, port: 80 }];
  }
  const names: string[] = [];
  for (const role of r.roles) {
    for (const l of g.listeners) {
      if (l.role !== role) continue;
      if (r.ports ? !r.ports.includes(l.port) : l.port !== DEFAULT_ROLE_PORTS[role]) continue;
      if (role === 'http' || role === 'tcp' || role === 'udp' || r.hostnames.length === 0 || (l.hostname !== undefined && r.hostnames.includes(l.hostname))) names.push(l.name);
    }
  }
  return [...new Set(names)].sort().map((sectionName) => ({ ...base, sectionName }));
}

function ruleManifest(r: IrRoute, rule: IrRule): any {
  const out: any = {};
  if (rule.name) out.name = rule.name;
  const matches = rule.matches.map((m) => {
    const o: any = {};
    if (r.kind === 'GRPCRoute') {
      if (m.grpc) o.method = { ...m.grpc };
    } else {
      if (m.path) o.path = { type: m.path.type, value: m.path.value };
      if (m.method) o.method = m.method;
    }
    if (m.headers?.length) o.headers = m.headers.map((h) => ({ type: h.type ?? 'Exact', name: h.name, value: h.value }));
    if (m.queryParams?.length) o.queryParams = m.queryParams.map((h) => ({ type: h.type ?? 'Exact', name: h.name, value: h.value }));
    return o;
  }).filter((o) => Object.keys(o).length > 0);
  if (matches.length) out.matches = matches;
  if (rule.filters.length) out.filters = rule.filters;
  if (rule.backends.length) {
    out.backendRefs = rule.backends.map((b) => ({
      name: b.name,
      ...(b.namespace !== r.namespace ? { namespace: b.namespace } : {}),
      port: b.port,
      ...(b.weight !== undefined ? { weight: b.weight } : {}),
    }));
  }
  if (rule.timeouts) out.timeouts = rule.timeouts;
  if (rule.sessionPersistence) out.sessionPersistence = rule.sessionPersistence;
  return out;
}

/**
 * The ReferenceGrants a result needs: a generated Gateway's certificate Secret in another namespace, a route's backend
 * Service in another namespace. One grant per (referent namespace, referrer kind, referrer namespace), named
 * `from-<kind>-<namespace>`, listing exactly the objects referred to (least privilege).
 */
export function grantsOf(model: MigrationModel): any[] {
  const grants = new Map<string, any>();
  const need = (toNamespace: string, fromKind: string, fromNamespace: string, toKind: string, toName: string): void => {
    if (toNamespace === fromNamespace) return;
    const key = `${toNamespace}|${fromKind}|${fromNamespace}`;
    let grant = grants.get(key);
    if (!grant) {
      grant = {
        apiVersion: V1,
        kind: 'ReferenceGrant',
        metadata: { name: `from-${fromKind.toLowerCase()}-${fromNamespace}`, namespace: toNamespace },
        spec: { from: [{ group: 'gateway.networking.k8s.io', kind: fromKind, namespace: fromNamespace }], to: [] as any[] },
      };
      grants.set(key, grant);
    }
    if (!grant.spec.to.some((t: any) => t.kind === toKind && t.name === toName)) grant.spec.to.push({ group: '', kind: toKind, name: toName });
  };
  for (const g of model.gateways) {
    if (g.existing) continue;
    for (const l of g.listeners) if (l.certificate) need(l.certificate.namespace, 'Gateway', g.namespace, 'Secret', l.certificate.name);
  }
  for (const r of model.routes) for (const rule of r.rules) for (const b of rule.backends) need(b.namespace, r.kind, r.namespace, 'Service', b.name);
  for (const grant of grants.values()) grant.spec.to.sort((a: any, b: any) => cmp(a.kind, b.kind) || cmp(a.name, b.name));
  return [...grants.values()];
}

/** The Gateway API manifests of a migration model. */
export function emitManifests(model: MigrationModel): any[] {
  const out: any[] = [];
  const byKey = new Map(model.gateways.map((g) => [g.key, g]));
  for (const g of model.gateways) {
    if (g.existing) continue;
    out.push({
      apiVersion: V1,
      kind: 'Gateway',
      metadata: { name: g.name, namespace: g.namespace },
      spec: { gatewayClassName: g.gatewayClassName, listeners: [...g.listeners].sort(listenerOrder).map((l) => listenerManifest(g, l)) },
    });
  }
  out.push(...grantsOf(model));
  for (const r of model.routes) {
    const g = byKey.get(r.gateway)!;
    const spec: any = { parentRefs: parentRefsOf(r, g) };
    if (r.hostnames.length) spec.hostnames = r.hostnames;
    spec.rules = r.rules.map((rule) => ruleManifest(r, rule));
    out.push({ apiVersion: V1, kind: r.kind, metadata: { name: r.name, namespace: r.namespace }, spec });
  }
  for (const p of model.policies) {
    out.push({
      apiVersion: V1,
      kind: 'BackendTLSPolicy',
      metadata: { name: p.name, namespace: p.namespace },
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: p.service }],
        validation: {
          hostname: p.hostname,
          ...(p.caRef ? { caCertificateRefs: [{ group: '', kind: p.caRef.kind, name: p.caRef.name }] } : { wellKnownCACertificates: 'System' }),
        },
      },
    });
  }
  return sortManifests(out);
}
