import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  CertificateRef, LabelSelectorOperator, Listener, ListenerSet, ListenerNamespaces, PlatformGateway, RouteKind, RouteNamespaces,
} from '../../src';
import { hostnamesIntersect } from '../../src/platform/private/validation';

const cert = CertificateRef.fromName('tls');

function setup() {
  const app = Testing.app();
  const namespaces = new Chart(app, 'namespaces');
  new kplus.Namespace(namespaces, 'store', { metadata: { name: 'store', labels: { 'gateway-access': 'true' } } });
  new kplus.Namespace(namespaces, 'blog', { metadata: { name: 'blog' } });
  const infra = new Chart(app, 'infra', { namespace: 'infra' });
  const gw = new PlatformGateway(infra, 'gateway', {
    metadata: { name: 'shared' },
    gatewayClassName: 'shared',
    listeners: [
      Listener.http({ hostname: '*.example.com' }),
      Listener.https({ hostname: '*.example.com', certificateRefs: [cert], allowedRoutes: { namespaces: RouteNamespaces.withLabels({ 'gateway-access': 'true' }) } }),
      Listener.https({ name: 'partners', port: 8443, hostname: 'partners.example.com', certificateRefs: [cert], allowedRoutes: { namespaces: RouteNamespaces.named(['partner-a', 'partner-b']) } }),
      Listener.tlsPassthrough({ port: 9443, allowedRoutes: { namespaces: RouteNamespaces.all() } }),
      Listener.tcp({ port: 5432, allowedRoutes: { namespaces: RouteNamespaces.all() } }),
    ],
  });
  return { app, gw };
}

describe('PlatformGateway.checkRouteAttachment()', () => {
  test('accepts a route that one selected listener accepts', () => {
    const { gw } = setup();
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'infra' })).toStrictEqual([]);
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'store', sectionName: 'https', hostnames: ['shop.example.com'] })).toStrictEqual([]);
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'store', port: 443 })).toStrictEqual([]);
    expect(gw.checkRouteAttachment({ routeKind: 'TLSRoute', routeNamespace: 'anywhere' })).toStrictEqual([]);
    expect(gw.checkRouteAttachment({ routeKind: 'TCPRoute', routeNamespace: 'db', sectionName: 'tcp' })).toStrictEqual([]);
  });

  test('rejects a sectionName that names no listener', () => {
    const { gw } = setup();
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'infra', sectionName: 'htps' })).toStrictEqual([
      'Gateway infra/shared has no listener named "htps" (parentRef sectionName): use one of "http", "https", "partners", "tls", "tcp".',
    ]);
  });

  test('rejects a port with no listener, and a sectionName on another port', () => {
    const { gw } = setup();
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'infra', port: 8080 })).toStrictEqual([
      'Gateway infra/shared has no listener on port 8080 (parentRef port): its listeners use port 80, 443, 5432, 8443, 9443.',
    ]);
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'infra', sectionName: 'http', port: 443 })).toStrictEqual([
      'listener "http" of Gateway infra/shared listens on port 80, not 443 (parentRef port): fix the port or leave it unset.',
    ]);
  });

  test('rejects a route from another namespace on a Same listener', () => {
    const { gw } = setup();
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'store', sectionName: 'http' })).toStrictEqual([
      'listener "http" of Gateway infra/shared allows routes from its own namespace "infra" only (allowedRoutes.namespaces.from: Same); ' +
      'route namespace "store" is another: set allowedRoutes.namespaces on the listener (RouteNamespaces.all(), withLabels() or ' +
      "named(['store'])) or move the route to \"infra\".",
    ]);
  });

  test('rejects a route whose namespace (defined in the app) lacks the selector labels', () => {
    const { gw } = setup();
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'blog', sectionName: 'https' })).toStrictEqual([
      'listener "https" of Gateway infra/shared allows routes from namespaces with labels {gateway-access: "true"} only ' +
      '(allowedRoutes.namespaces.from: Selector); route namespace "blog" does not match (its labels: {kubernetes.io/metadata.name: "blog"}): ' +
      'label the namespace to match the selector or attach to another listener.',
    ]);
  });

  test('says nothing when the namespace labels are unknown', () => {
    const { gw } = setup();
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'not-in-the-app', sectionName: 'https' })).toStrictEqual([]);
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', sectionName: 'https' })).toStrictEqual([]);
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', sectionName: 'http' })).toStrictEqual([]);
  });

  test('decides named-namespace selectors without the namespace in the app', () => {
    const { gw } = setup();
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'partner-b', sectionName: 'partners' })).toStrictEqual([]);
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'partner-c', sectionName: 'partners' })).toStrictEqual([
      'listener "partners" of Gateway infra/shared allows routes from namespaces "partner-a", "partner-b" only (allowedRoutes.namespaces.from: Selector); ' +
      'route namespace "partner-c" does not match (its labels: {kubernetes.io/metadata.name: "partner-c"}): label the namespace to match the selector or attach to another listener.',
    ]);
  });

  test('rejects kinds the protocol does not serve, and kinds not listed in allowedRoutes.kinds', () => {
    const { gw } = setup();
    expect(gw.checkRouteAttachment({ routeKind: 'TCPRoute', routeNamespace: 'infra', sectionName: 'http' })).toStrictEqual([
      'listener "http" of Gateway infra/shared (protocol HTTP) accepts HTTPRoute, GRPCRoute routes only; a TCPRoute cannot attach: attach it to a listener with protocol TCP.',
    ]);
    const chart = new Chart(Testing.app(), 'c', { namespace: 'infra' });
    const only = new PlatformGateway(chart, 'g', { gatewayClassName: 'x', listeners: [Listener.http({ allowedRoutes: { kinds: [RouteKind.GRPC_ROUTE] } })] });
    expect(only.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'infra' })).toStrictEqual([
      expect.stringMatching(/^listener "http" of Gateway infra\/.* allows GRPCRoute routes only \(allowedRoutes.kinds\); a HTTPRoute cannot attach/),
    ]);
    expect(only.checkRouteAttachment({ routeKind: 'GRPCRoute', routeNamespace: 'infra' })).toStrictEqual([]);
  });

  test('accepts routes of other API groups on listeners without kinds, and any kind on custom protocols', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'infra' });
    const gw = new PlatformGateway(chart, 'g', {
      gatewayClassName: 'x',
      listeners: [Listener.http(), Listener.custom({ name: 'quic', protocol: 'example.com/quic', port: 4433 })],
    });
    expect(gw.checkRouteAttachment({ routeGroup: 'example.com', routeKind: 'FancyRoute', routeNamespace: 'infra', sectionName: 'http' })).toStrictEqual([]);
    expect(gw.checkRouteAttachment({ routeKind: 'UDPRoute', routeNamespace: 'infra', sectionName: 'quic' })).toStrictEqual([]);
  });

  test('rejects route hostnames that intersect no listener hostname', () => {
    const { gw } = setup();
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'infra', sectionName: 'http', hostnames: ['shop.example.org'] })).toStrictEqual([
      'listener "http" of Gateway infra/shared has hostname "*.example.com", which matches none of the route hostnames "shop.example.org": ' +
      'listener and route hostnames must intersect; fix the route hostnames or attach to another listener.',
    ]);
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'infra', sectionName: 'http', hostnames: ['example.org', '*.shop.example.com'] })).toStrictEqual([]);
  });

  test('returns the reasons of every selected listener when none accepts', () => {
    const { gw } = setup();
    const reasons = gw.checkRouteAttachment({ routeKind: 'UDPRoute', routeNamespace: 'infra' });
    // one per listener for the kind, plus the namespace rule of "partners"
    expect(reasons).toHaveLength(6);
    expect(reasons.filter((r) => r.includes('a UDPRoute cannot attach: attach it to a listener with protocol UDP.'))).toHaveLength(5);
    expect(reasons[3]).toMatch(/^listener "partners" of Gateway infra\/shared allows routes from namespaces "partner-a", "partner-b" only/);
  });

  test('takes listeners added after the route into account', () => {
    const { gw } = setup();
    const request = { routeKind: 'UDPRoute', routeNamespace: 'infra', sectionName: 'dns' };
    expect(gw.checkRouteAttachment(request)).toHaveLength(1);
    gw.addListener(Listener.udp({ name: 'dns', port: 53 }));
    expect(gw.checkRouteAttachment(request)).toStrictEqual([]);
  });

  test('supports matchExpressions against namespaces defined in the app', () => {
    const app = Testing.app();
    new kplus.Namespace(new Chart(app, 'ns'), 'a', { metadata: { name: 'team-a', labels: { tier: 'gold' } } });
    const gw = new PlatformGateway(new Chart(app, 'infra', { namespace: 'infra' }), 'g', {
      gatewayClassName: 'x',
      listeners: [Listener.http({
        allowedRoutes: {
          namespaces: RouteNamespaces.selector({
            matchExpressions: [
              { key: 'tier', operator: LabelSelectorOperator.NOT_IN, values: ['bronze'] },
              { key: 'legacy', operator: LabelSelectorOperator.DOES_NOT_EXIST },
            ],
          }),
        },
      })],
    });
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'team-a' })).toStrictEqual([]);
    new kplus.Namespace(new Chart(app, 'ns2'), 'b', { metadata: { name: 'team-b', labels: { tier: 'bronze' } } });
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'team-b' })).toStrictEqual([
      expect.stringContaining('allows routes from namespaces with tier not in (bronze) and no label legacy only'),
    ]);
  });
});

describe('PlatformGateway.fromGatewayName()', () => {
  test('without listeners accepts every attachment', () => {
    const chart = new Chart(Testing.app(), 'store', { namespace: 'store' });
    const gw = PlatformGateway.fromGatewayName(chart, 'shared', 'shared', { namespace: 'infra' });
    expect([gw.routeParentGroup, gw.routeParentKind, gw.routeParentName, gw.routeParentNamespace]).toStrictEqual(['gateway.networking.k8s.io', 'Gateway', 'shared', 'infra']);
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'store', sectionName: 'anything' })).toStrictEqual([]);
    expect(gw.checkListenerSetAttachment('store')).toStrictEqual([]);
  });

  test('with listeners checks attachments like a Gateway of the app', () => {
    const chart = new Chart(Testing.app(), 'store', { namespace: 'store' });
    const gw = PlatformGateway.fromGatewayName(chart, 'shared', 'shared', {
      namespace: 'infra',
      listeners: [Listener.https({ hostname: '*.example.com', allowedRoutes: { namespaces: RouteNamespaces.all() } }), Listener.http()],
      allowedListeners: { namespaces: ListenerNamespaces.same() },
    });
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'store', sectionName: 'https' })).toStrictEqual([]);
    expect(gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'store', sectionName: 'http' })).toStrictEqual([
      expect.stringContaining('listener "http" of Gateway infra/shared allows routes from its own namespace "infra" only'),
    ]);
    expect(gw.checkListenerSetAttachment('store')).toStrictEqual([
      'Gateway infra/shared allows ListenerSets from its own namespace "infra" only (allowedListeners.namespaces.from: Same); ' +
      'the ListenerSet is in namespace "store": allow its namespace on the Gateway or move the ListenerSet.',
    ]);
  });

  test('defaults the namespace to the chart namespace', () => {
    const chart = new Chart(Testing.app(), 'infra', { namespace: 'infra' });
    expect(PlatformGateway.fromGatewayName(chart, 'gw', 'shared').routeParentNamespace).toBe('infra');
  });

  test('fails if the name or a listener is invalid', () => {
    const chart = new Chart(Testing.app(), 'store', { namespace: 'store' });
    expect(() => PlatformGateway.fromGatewayName(chart, 'a', 'Shared')).toThrow(/name "Shared" is not a valid Kubernetes name/);
    expect(() => PlatformGateway.fromGatewayName(chart, 'b', 's', { listeners: [Listener.http(), Listener.http()] }))
      .toThrow('store/b: a listener named "http" already exists: listener names must be unique within the Gateway; give this one another name.');
  });
});

describe('ListenerSet attachment', () => {
  test('routes attach to ListenerSets with parentRefs[].kind ListenerSet', () => {
    const app = Testing.app();
    const gw = PlatformGateway.fromGatewayName(new Chart(app, 'infra', { namespace: 'infra' }), 'gw', 'shared');
    const ls = new ListenerSet(new Chart(app, 'store', { namespace: 'store' }), 'ls', {
      metadata: { name: 'store-listeners' },
      parentRef: gw,
      listeners: [Listener.https({ hostname: 'store.example.com', certificateRefs: [cert] })],
    });
    expect([ls.routeParentGroup, ls.routeParentKind, ls.routeParentName, ls.routeParentNamespace]).toStrictEqual(['gateway.networking.k8s.io', 'ListenerSet', 'store-listeners', 'store']);
    expect(ls.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'store', hostnames: ['store.example.com'] })).toStrictEqual([]);
    expect(ls.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'web' })).toStrictEqual([
      expect.stringMatching(/^listener "https" of ListenerSet store\/store-listeners allows routes from its own namespace "store" only/),
    ]);
  });
});

describe('hostnamesIntersect', () => {
  test.each([
    ['foo.example.com', 'foo.example.com', true],
    ['*.example.com', 'foo.example.com', true],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', 'example.com', false],
    ['foo.example.com', '*.example.com', true],
    ['*.example.com', '*.foo.example.com', true],
    ['*.foo.example.com', '*.example.com', true],
    ['*.example.com', '*.example.org', false],
    ['foo.example.com', 'bar.example.com', false],
    ['*.example.com', 'badexample.com', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(hostnamesIntersect(a, b)).toBe(expected);
  });
});
