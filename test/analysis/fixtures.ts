/** Plain-manifest builders for the analysis tests: a platform namespace `infra`, teams `team-a`/`team-b`, `shared-services`. */
export const GW = 'gateway.networking.k8s.io';
export const GW_V1 = `${GW}/v1`;

export function namespace(name: string, labels: Record<string, string> = {}): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export function gatewayClass(name = 'shared', controllerName = 'example.net/gateway-controller'): any {
  return { apiVersion: GW_V1, kind: 'GatewayClass', metadata: { name }, spec: { controllerName } };
}

export function gateway(namespaceName: string, name: string, listeners: any[], extra: any = {}): any {
  return { apiVersion: GW_V1, kind: 'Gateway', metadata: { name, namespace: namespaceName }, spec: { gatewayClassName: 'shared', listeners, ...extra } };
}

export function route(kind: string, namespaceName: string, name: string, spec: any): any {
  const version = kind === 'TCPRoute' || kind === 'UDPRoute' ? 'v1alpha2' : 'v1';
  return { apiVersion: `${GW}/${version}`, kind, metadata: { name, namespace: namespaceName }, spec };
}

export function httpRoute(namespaceName: string, name: string, spec: any): any {
  return route('HTTPRoute', namespaceName, name, spec);
}

export function service(namespaceName: string, name: string, ports: any[] = [{ port: 8080 }]): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: namespaceName }, spec: { ports } };
}

export function secret(namespaceName: string, name: string): any {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: namespaceName }, type: 'kubernetes.io/tls' };
}

export function referenceGrant(namespaceName: string, name: string, from: any[], to: any[]): any {
  return { apiVersion: `${GW}/v1beta1`, kind: 'ReferenceGrant', metadata: { name, namespace: namespaceName }, spec: { from, to } };
}

export function listenerSet(namespaceName: string, name: string, parent: any, listeners: any[]): any {
  return { apiVersion: GW_V1, kind: 'ListenerSet', metadata: { name, namespace: namespaceName }, spec: { parentRef: parent, listeners } };
}

/** The platform: `infra/shared` Gateway with http (80, *.example.com) and https (443, *.example.com) listeners open to labelled namespaces. */
export function platform(): any[] {
  return [
    namespace('infra'),
    namespace('team-a', { 'gateway-access': 'true' }),
    namespace('team-b', { 'gateway-access': 'true' }),
    namespace('shared-services'),
    namespace('sandbox'),
    gatewayClass(),
    secret('infra', 'wildcard-example-com'),
    gateway('infra', 'shared', [
      { name: 'http', protocol: 'HTTP', port: 80, hostname: '*.example.com', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { 'gateway-access': 'true' } } } } },
      {
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        hostname: '*.example.com',
        tls: { certificateRefs: [{ name: 'wildcard-example-com' }] },
        allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { 'gateway-access': 'true' } } } },
      },
    ]),
    service('team-a', 'store'),
    service('team-b', 'search'),
    service('shared-services', 'auth'),
  ];
}

export function parentRef(sectionName?: string, extra: any = {}): any {
  return { name: 'shared', namespace: 'infra', ...(sectionName ? { sectionName } : {}), ...extra };
}

export function rule(backend: any = { name: 'store', port: 8080 }, matches?: any[]): any {
  return { ...(matches ? { matches } : {}), backendRefs: [backend] };
}

/** The status object of `kind` `ns/name` in `objects`. */
export function statusOf(objects: any[], kind: string, ns: string | undefined, name: string): any {
  const o = objects.find((x) => x.kind === kind && x.metadata?.name === name && (ns === undefined || (x.metadata?.namespace ?? 'default') === ns));
  if (!o) throw new Error(`no ${kind} ${ns}/${name}`);
  return o.status;
}

/** Conditions without message/lastTransitionTime. */
export function brief(conditions: any[]): any[] {
  return conditions.map((c) => ({ type: c.type, status: c.status, reason: c.reason }));
}

export function routeConditions(objects: any[], ns: string, name: string, index = 0, kind = 'HTTPRoute'): any[] {
  return brief(statusOf(objects, kind, ns, name).parents[index].conditions);
}

export function listenerStatus(objects: any[], ns: string, gatewayName: string, listener: string, kind = 'Gateway'): any {
  return statusOf(objects, kind, ns, gatewayName).listeners.find((l: any) => l.name === listener);
}

export const ACCEPTED = { type: 'Accepted', status: 'True', reason: 'Accepted' };
export const RESOLVED = { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' };
export function notAccepted(reason: string) {
  return { type: 'Accepted', status: 'False', reason };
}
export function notResolved(reason: string) {
  return { type: 'ResolvedRefs', status: 'False', reason };
}
