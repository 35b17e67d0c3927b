import { reportedFeatures, CORE_FEATURE_PROFILES } from '../../src/features/catalogue';
import { detectFeatures, NOT_DETECTABLE } from '../../src/features/detect';

const V1 = 'gateway.networking.k8s.io/v1';

function gateway(spec: any): any {
  return { apiVersion: V1, kind: 'Gateway', metadata: { name: 'gw', namespace: 'infra' }, spec: { gatewayClassName: 'c', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }], ...spec } };
}
function route(spec: any, meta: any = {}): any {
  return { apiVersion: V1, kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'app', ...meta }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], ...spec } };
}
function meshRoute(spec: any, parent: any = { group: '', kind: 'Service', name: 'svc' }): any {
  return { apiVersion: V1, kind: 'HTTPRoute', metadata: { name: 'm', namespace: 'app' }, spec: { parentRefs: [parent], ...spec } };
}
function rule(r: any): any {
  return { rules: [r] };
}
function filter(f: any): any {
  return rule({ filters: [f], backendRefs: [{ name: 'svc', port: 80 }] });
}
function service(appProtocol?: string): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'app' }, spec: { ports: [{ port: 80, ...(appProtocol ? { appProtocol } : {}) }] } };
}

/** For every feature name: a minimal manifest set that triggers it, one that does not, and the triggering field. */
const CASES: { [feature: string]: { uses: any[]; not: any[]; path: string } } = {
  // Gateway
  Gateway: { uses: [gateway({})], not: [route({})], path: 'kind' },
  GatewayPort8080: { uses: [gateway({ listeners: [{ name: 'alt', port: 8080, protocol: 'HTTP' }] })], not: [gateway({})], path: 'spec.listeners[0].port' },
  GatewayStaticAddresses: { uses: [gateway({ addresses: [{ type: 'IPAddress', value: '10.0.0.1' }] })], not: [gateway({})], path: 'spec.addresses[0]' },
  GatewayAddressEmpty: { uses: [gateway({ addresses: [{ type: 'IPAddress' }] })], not: [gateway({ addresses: [{ value: '10.0.0.1' }] })], path: 'spec.addresses[0]' },
  GatewayInfrastructurePropagation: { uses: [gateway({ infrastructure: { labels: { team: 'a' } } })], not: [gateway({ infrastructure: {} })], path: 'spec.infrastructure.labels' },
  GatewayHTTPListenerIsolation: {
    uses: [gateway({ listeners: [{ name: 'all', port: 80, protocol: 'HTTP' }, { name: 'foo', port: 80, protocol: 'HTTP', hostname: 'foo.example.com' }] })],
    not: [gateway({ listeners: [{ name: 'a', port: 80, protocol: 'HTTP', hostname: 'a.example.com' }, { name: 'b', port: 80, protocol: 'HTTP', hostname: 'b.example.com' }] })],
    path: 'spec.listeners[1].hostname',
  },
  GatewayHTTPSListenerDetectMisdirectedRequests: {
    uses: [gateway({ listeners: [{ name: 'a', port: 443, protocol: 'HTTPS', hostname: 'a.example.com' }, { name: 'b', port: 443, protocol: 'HTTPS', hostname: 'b.example.com' }] })],
    not: [gateway({ listeners: [{ name: 'a', port: 443, protocol: 'HTTPS', hostname: 'a.example.com' }, { name: 'b', port: 8443, protocol: 'HTTPS', hostname: 'b.example.com' }] })],
    path: 'spec.listeners[1].hostname',
  },
  GatewayFrontendClientCertificateValidation: {
    uses: [gateway({ tls: { frontend: { default: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }] } } } } })],
    not: [gateway({ tls: { frontend: { default: {} } } })],
    path: 'spec.tls.frontend.default.validation',
  },
  GatewayFrontendClientCertificateValidationInsecureFallback: {
    uses: [gateway({ tls: { frontend: { perPort: [{ port: 443, tls: { validation: { caCertificateRefs: [], mode: 'AllowInsecureFallback' } } }] } } })],
    not: [gateway({ tls: { frontend: { perPort: [{ port: 443, tls: { validation: { caCertificateRefs: [], mode: 'AllowValidOnly' } } }] } } })],
    path: 'spec.tls.frontend.perPort[0].tls.validation.mode',
  },
  GatewayBackendClientCertificate: {
    uses: [gateway({ tls: { backend: { clientCertificateRef: { name: 'client' } } } })],
    not: [gateway({ tls: { backend: {} } })],
    path: 'spec.tls.backend.clientCertificateRef',
  },
  ListenerSet: {
    uses: [{ apiVersion: V1, kind: 'ListenerSet', metadata: { name: 'ls' }, spec: { parentRef: { name: 'gw' }, listeners: [] } }],
    not: [gateway({})],
    path: 'kind',
  },
  TLSRouteModeTerminate: {
    uses: [gateway({ listeners: [{ name: 'tls', port: 443, protocol: 'TLS', tls: { mode: 'Terminate', certificateRefs: [{ name: 'c' }] } }] })],
    not: [gateway({ listeners: [{ name: 'tls', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' } }] })],
    path: 'spec.listeners[0].tls.mode',
  },
  TLSRouteModeMixed: {
    uses: [gateway({
      listeners: [
        { name: 'pass', port: 443, protocol: 'TLS', hostname: 'a.example.com', tls: { mode: 'Passthrough' } },
        { name: 'term', port: 443, protocol: 'TLS', hostname: 'b.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'c' }] } },
      ],
    })],
    not: [gateway({
      listeners: [
        { name: 'pass', port: 443, protocol: 'TLS', hostname: 'a.example.com', tls: { mode: 'Passthrough' } },
        { name: 'term', port: 8443, protocol: 'TLS', hostname: 'b.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'c' }] } },
      ],
    })],
    path: 'spec.listeners[1].tls.mode',
  },
  // routes
  HTTPRoute: { uses: [route({})], not: [meshRoute({})], path: 'kind' },
  GRPCRoute: { uses: [{ apiVersion: V1, kind: 'GRPCRoute', metadata: { name: 'g' }, spec: { parentRefs: [{ name: 'gw' }] } }], not: [route({})], path: 'kind' },
  TLSRoute: { uses: [{ apiVersion: V1, kind: 'TLSRoute', metadata: { name: 't' }, spec: { parentRefs: [{ name: 'gw' }] } }], not: [route({})], path: 'kind' },
  ReferenceGrant: { uses: [{ apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'rg' }, spec: {} }], not: [route({})], path: 'kind' },
  HTTPRouteQueryParamMatching: { uses: [route(rule({ matches: [{ queryParams: [{ name: 'a', value: 'b' }] }] }))], not: [route(rule({ matches: [{ path: { value: '/' } }] }))], path: 'spec.rules[0].matches[0].queryParams' },
  HTTPRouteMethodMatching: { uses: [route(rule({ matches: [{ method: 'GET' }] }))], not: [route(rule({ matches: [{ headers: [{ name: 'a', value: 'b' }] }] }))], path: 'spec.rules[0].matches[0].method' },
  HTTPRouteResponseHeaderModification: {
    uses: [route(filter({ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'a', value: 'b' }] } }))],
    not: [route(filter({ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] } }))],
    path: 'spec.rules[0].filters[0]',
  },
  HTTPRouteBackendRequestHeaderModification: {
    uses: [route(rule({ backendRefs: [{ name: 'svc', port: 80, filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] } }] }] }))],
    not: [route(filter({ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] } }))],
    path: 'spec.rules[0].backendRefs[0].filters[0]',
  },
  HTTPRouteSchemeRedirect: { uses: [route(filter({ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }))], not: [route(filter({ type: 'RequestRedirect', requestRedirect: { hostname: 'a.example.com' } }))], path: 'spec.rules[0].filters[0].requestRedirect.scheme' },
  HTTPRoutePortRedirect: { uses: [route(filter({ type: 'RequestRedirect', requestRedirect: { port: 8443 } }))], not: [route(filter({ type: 'RequestRedirect', requestRedirect: { hostname: 'a.example.com' } }))], path: 'spec.rules[0].filters[0].requestRedirect.port' },
  HTTPRoutePathRedirect: { uses: [route(filter({ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/x' } } }))], not: [route(filter({ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }))], path: 'spec.rules[0].filters[0].requestRedirect.path' },
  HTTPRoute303RedirectStatusCode: { uses: [route(filter({ type: 'RequestRedirect', requestRedirect: { statusCode: 303 } }))], not: [route(filter({ type: 'RequestRedirect', requestRedirect: { statusCode: 302 } }))], path: 'spec.rules[0].filters[0].requestRedirect.statusCode' },
  HTTPRoute307RedirectStatusCode: { uses: [route(filter({ type: 'RequestRedirect', requestRedirect: { statusCode: 307 } }))], not: [route(filter({ type: 'RequestRedirect', requestRedirect: { statusCode: 301 } }))], path: 'spec.rules[0].filters[0].requestRedirect.statusCode' },
  HTTPRoute308RedirectStatusCode: { uses: [route(filter({ type: 'RequestRedirect', requestRedirect: { statusCode: 308 } }))], not: [route(filter({ type: 'RequestRedirect', requestRedirect: {} }))], path: 'spec.rules[0].filters[0].requestRedirect.statusCode' },
  HTTPRouteHostRewrite: { uses: [route(filter({ type: 'URLRewrite', urlRewrite: { hostname: 'x' } }))], not: [route(filter({ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }))], path: 'spec.rules[0].filters[0].urlRewrite.hostname' },
  HTTPRoutePathRewrite: { uses: [route(filter({ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }))], not: [route(filter({ type: 'URLRewrite', urlRewrite: { hostname: 'x' } }))], path: 'spec.rules[0].filters[0].urlRewrite.path' },
  HTTPRouteRequestMirror: { uses: [route(filter({ type: 'RequestMirror', requestMirror: { backendRef: { name: 'm', port: 80 } } }))], not: [route(rule({ backendRefs: [{ name: 'svc', port: 80 }] }))], path: 'spec.rules[0].filters[0]' },
  HTTPRouteRequestMultipleMirrors: {
    uses: [route(rule({ filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'a', port: 80 } } }, { type: 'RequestMirror', requestMirror: { backendRef: { name: 'b', port: 80 } } }] }))],
    not: [route(filter({ type: 'RequestMirror', requestMirror: { backendRef: { name: 'm', port: 80 } } }))],
    path: 'spec.rules[0].filters[1]',
  },
  HTTPRouteRequestPercentageMirror: {
    uses: [route(filter({ type: 'RequestMirror', requestMirror: { backendRef: { name: 'm', port: 80 }, percent: 10 } }))],
    not: [route(filter({ type: 'RequestMirror', requestMirror: { backendRef: { name: 'm', port: 80 } } }))],
    path: 'spec.rules[0].filters[0].requestMirror.percent',
  },
  HTTPRouteRequestTimeout: { uses: [route(rule({ timeouts: { request: '10s' } }))], not: [route(rule({ timeouts: { backendRequest: '1s' } }))], path: 'spec.rules[0].timeouts.request' },
  HTTPRouteBackendTimeout: { uses: [route(rule({ timeouts: { backendRequest: '1s' } }))], not: [route(rule({ timeouts: { request: '10s' } }))], path: 'spec.rules[0].timeouts.backendRequest' },
  HTTPRouteParentRefPort: { uses: [route({ parentRefs: [{ name: 'gw', namespace: 'infra', port: 80, sectionName: 'http' }] })], not: [route({ parentRefs: [{ name: 'gw', sectionName: 'http' }] })], path: 'spec.parentRefs[0].port' },
  HTTPRouteDestinationPortMatching: { uses: [route({ parentRefs: [{ name: 'gw', port: 8080 }] })], not: [route({ parentRefs: [{ name: 'gw', port: 8080, sectionName: 'alt' }] })], path: 'spec.parentRefs[0].port' },
  HTTPRouteBackendProtocolH2C: { uses: [route(rule({ backendRefs: [{ name: 'svc', port: 80 }] })), service('kubernetes.io/h2c')], not: [route(rule({ backendRefs: [{ name: 'svc', port: 80 }] })), service('http')], path: 'spec.rules[0].backendRefs[0].port' },
  HTTPRouteBackendProtocolWebSocket: { uses: [route(rule({ backendRefs: [{ name: 'svc', port: 80 }] })), service('kubernetes.io/ws')], not: [route(rule({ backendRefs: [{ name: 'svc', port: 80 }] })), service()], path: 'spec.rules[0].backendRefs[0].port' },
  HTTPRouteNamedRouteRule: { uses: [route(rule({ name: 'api' }))], not: [route(rule({}))], path: 'spec.rules[0].name' },
  HTTPRouteCORS: { uses: [route(filter({ type: 'CORS', cors: { allowOrigins: ['https://a.example.com'] } }))], not: [route(filter({ type: 'RequestHeaderModifier', requestHeaderModifier: {} }))], path: 'spec.rules[0].filters[0]' },
  // BackendTLSPolicy
  BackendTLSPolicy: {
    uses: [{ apiVersion: V1, kind: 'BackendTLSPolicy', metadata: { name: 'p' }, spec: { targetRefs: [{ group: '', kind: 'Service', name: 'svc' }], validation: { hostname: 'svc', wellKnownCACertificates: 'System' } } }],
    not: [route({})],
    path: 'kind',
  },
  BackendTLSPolicySANValidation: {
    uses: [{ apiVersion: V1, kind: 'BackendTLSPolicy', metadata: { name: 'p' }, spec: { validation: { hostname: 'svc', subjectAltNames: [{ type: 'Hostname', hostname: 'svc' }] } } }],
    not: [{ apiVersion: V1, kind: 'BackendTLSPolicy', metadata: { name: 'p' }, spec: { validation: { hostname: 'svc' } } }],
    path: 'spec.validation.subjectAltNames',
  },
  // mesh
  Mesh: { uses: [meshRoute({})], not: [route({})], path: 'spec.parentRefs[0]' },
  MeshConsumerRoute: { uses: [meshRoute({}, { group: '', kind: 'Service', name: 'svc', namespace: 'other' })], not: [meshRoute({}, { group: '', kind: 'Service', name: 'svc', namespace: 'app' })], path: 'spec.parentRefs[0].namespace' },
  MeshHTTPRouteQueryParamMatching: { uses: [meshRoute(rule({ matches: [{ queryParams: [{ name: 'a', value: 'b' }] }] }))], not: [route(rule({ matches: [{ queryParams: [{ name: 'a', value: 'b' }] }] }))], path: 'spec.rules[0].matches[0].queryParams' },
  MeshHTTPRouteNamedRouteRule: { uses: [meshRoute(rule({ name: 'a' }))], not: [route(rule({ name: 'a' }))], path: 'spec.rules[0].name' },
  MeshHTTPRouteRedirectPath: { uses: [meshRoute(filter({ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/x' } } }))], not: [route(filter({ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/x' } } }))], path: 'spec.rules[0].filters[0].requestRedirect.path' },
  MeshHTTPRouteRedirectPort: { uses: [meshRoute(filter({ type: 'RequestRedirect', requestRedirect: { port: 8080 } }))], not: [meshRoute(filter({ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }))], path: 'spec.rules[0].filters[0].requestRedirect.port' },
  MeshHTTPRouteSchemeRedirect: { uses: [meshRoute(filter({ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }))], not: [meshRoute(filter({ type: 'RequestRedirect', requestRedirect: { port: 8080 } }))], path: 'spec.rules[0].filters[0].requestRedirect.scheme' },
  MeshHTTPRouteRewritePath: { uses: [meshRoute(filter({ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }))], not: [meshRoute(filter({ type: 'URLRewrite', urlRewrite: { hostname: 'x' } }))], path: 'spec.rules[0].filters[0].urlRewrite.path' },
  MeshHTTPRouteBackendRequestHeaderModification: {
    uses: [meshRoute(rule({ backendRefs: [{ name: 'svc', port: 80, filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] } }] }] }))],
    not: [meshRoute(filter({ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] } }))],
    path: 'spec.rules[0].backendRefs[0].filters[0]',
  },
  // no report mentions these (they are reported as unknown)
  TCPRoute: { uses: [{ apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'TCPRoute', metadata: { name: 't' }, spec: {} }], not: [route({})], path: 'kind' },
  UDPRoute: { uses: [{ apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'UDPRoute', metadata: { name: 'u' }, spec: {} }], not: [route({})], path: 'kind' },
  HTTPRouteRetries: { uses: [route(rule({ retry: { attempts: 2 } }))], not: [route(rule({}))], path: 'spec.rules[0].retry' },
  GRPCRouteNamedRouteRule: {
    uses: [{ apiVersion: V1, kind: 'GRPCRoute', metadata: { name: 'g' }, spec: { rules: [{ name: 'x' }] } }],
    not: [{ apiVersion: V1, kind: 'GRPCRoute', metadata: { name: 'g' }, spec: { rules: [{}] } }],
    path: 'spec.rules[0].name',
  },
};

function usesOf(objects: any[], feature: string) {
  return detectFeatures(objects).objects.flatMap((o) => o.uses).filter((u) => u.feature === feature);
}

describe('detectFeatures: every feature name', () => {
  test('every name of the universe and every core feature is detected or documented as not detectable', () => {
    const names = [...reportedFeatures(), ...Object.keys(CORE_FEATURE_PROFILES)];
    const uncovered = names.filter((n) => CASES[n] === undefined && NOT_DETECTABLE[n] === undefined);
    expect(uncovered).toEqual([]);
    // the not-detectable list has only names of the universe, each with a reason, and none that is detected
    for (const [name, reason] of Object.entries(NOT_DETECTABLE)) {
      expect(names).toContain(name);
      expect(reason.length).toBeGreaterThan(20);
      expect(CASES[name]).toBeUndefined();
    }
  });

  test.each(Object.keys(CASES).sort())('%s: triggered by its field, not by the near miss', (feature) => {
    const c = CASES[feature];
    const hits = usesOf(c.uses, feature);
    expect(hits.map((u) => u.path)).toContain(c.path);
    expect(usesOf(c.not, feature)).toEqual([]);
  });
});

describe('detectFeatures: results', () => {
  test('core features are reported as core, names no report mentions as unknown', () => {
    const uses = detectFeatures([route(rule({ retry: { attempts: 1 }, filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'm' } } }] }))]).objects[0].uses;
    const by = (f: string) => uses.find((u) => u.feature === f)!;
    expect(by('HTTPRoute')).toMatchObject({ core: true, known: true });
    expect(by('HTTPRouteRequestMirror')).toMatchObject({ core: false, known: true, where: 'rule 0', what: 'RequestMirror' });
    expect(by('HTTPRouteRetries')).toMatchObject({ core: false, known: false });
  });

  test('objects are sorted and listed even without features; non-Gateway-API objects are left out', () => {
    const d = detectFeatures([
      route({}, { name: 'b' }),
      service(),
      { apiVersion: V1, kind: 'GatewayClass', metadata: { name: 'c' }, spec: { controllerName: 'x/y' } },
      route({}, { name: 'a' }),
      null, 'junk', { kind: 'HTTPRoute' },
    ]);
    expect(d.objects.map((o) => `${o.kind}/${o.name}`)).toEqual(['GatewayClass/c', 'HTTPRoute/a', 'HTTPRoute/b']);
    expect(d.objects[0].uses).toEqual([]);
    expect(d.features).toEqual(['HTTPRoute']);
  });

  test('a route attached to both a Gateway and a Service gets both names of a feature', () => {
    const r = route({ parentRefs: [{ name: 'gw' }, { group: '', kind: 'Service', name: 'svc' }], ...rule({ name: 'n' }) });
    expect(detectFeatures([r]).features).toEqual(['HTTPRoute', 'HTTPRouteNamedRouteRule', 'Mesh', 'MeshHTTPRouteNamedRouteRule']);
  });

  test('appProtocol is read from the Service in the route namespace (default namespace when none)', () => {
    const r = route(rule({ backendRefs: [{ name: 'svc', port: 80 }] }), { namespace: undefined });
    const svcDefault = { ...service('kubernetes.io/h2c'), metadata: { name: 'svc' } };
    expect(detectFeatures([r, svcDefault]).features).toContain('HTTPRouteBackendProtocolH2C');
    expect(detectFeatures([r, service('kubernetes.io/h2c')]).features).not.toContain('HTTPRouteBackendProtocolH2C');
  });

  test('malformed objects do not throw', () => {
    expect(() => detectFeatures([
      { apiVersion: V1, kind: 'HTTPRoute', metadata: 'x', spec: { rules: 'no', parentRefs: [null, 3] } },
      { apiVersion: V1, kind: 'Gateway', spec: { listeners: [null, { port: 'x' }], addresses: 'a', tls: { frontend: { perPort: 'x' } } } },
    ])).not.toThrow();
  });
});
