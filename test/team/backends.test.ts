import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as kplus33 from 'cdk8s-plus-33';
import { charts, objects, specOf, validationErrors } from './support';
import {
  AutoGrants, Backend, GrpcRouteFilter, HttpRouteFilter, ReferenceGrant, ReferenceGrants, TeamGrpcRoute, TeamRoute,
} from '../../src';

describe('Backend', () => {
  test('fromService infers the port of a single-port cdk8s-plus Service and takes its name', () => {
    const chart = Testing.chart();
    const service = new kplus.Service(chart, 'svc', { metadata: { name: 'store' }, ports: [{ port: 8080, targetPort: 80 }] });
    new TeamRoute(chart, 'route', { allowUnattached: true, rules: [{ backendRefs: [Backend.fromService(service)] }] });
    expect(Testing.synth(chart).find((o) => o.kind === 'HTTPRoute').spec.rules[0].backendRefs).toStrictEqual([{ name: 'store', port: 8080 }]);
  });

  test('fromService sees ports added to the Service later', () => {
    const chart = Testing.chart();
    const service = new kplus.Service(chart, 'svc', { metadata: { name: 'store' } });
    const backend = Backend.fromService(service);
    new TeamRoute(chart, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [backend] }] });
    service.bind(9090);
    expect(validationErrors(chart)).toStrictEqual([]);
    expect(backend.port).toBe(9090);
  });

  test('fails if the Service has several ports and none is chosen', () => {
    const chart = Testing.chart();
    const service = new kplus.Service(chart, 'svc', { metadata: { name: 'store' }, ports: [{ port: 80 }, { port: 443 }] });
    expect(() => Backend.fromService(service)).toThrow(
      'Backend.fromService(test/svc): Service "store" has 2 ports (80, 443): choose one with { port: 80 }.',
    );
  });

  test('fails synth if the Service gets a second port after the backend inferred the first', () => {
    const chart = Testing.chart();
    const service = new kplus.Service(chart, 'svc', { metadata: { name: 'store' }, ports: [{ port: 80 }] });
    new TeamRoute(chart, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromService(service)] }] });
    service.bind(443);
    expect(validationErrors(chart)).toStrictEqual([
      'test/route: backend "store": Service "store" has 2 ports (80, 443): choose one with { port: 80 }.',
    ]);
  });

  test('fails synth if the chosen port is not a port of the Service', () => {
    const chart = Testing.chart();
    const service = new kplus.Service(chart, 'svc', { metadata: { name: 'store' }, ports: [{ port: 80 }] });
    new TeamRoute(chart, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromService(service, { port: 8080 })] }] });
    expect(validationErrors(chart)).toStrictEqual(['test/route: backend "store": Service "store" has no port 8080 (its ports: 80): use one of them.']);
  });

  test('fromService accepts a Service of a later cdk8s-plus line', () => {
    const chart = Testing.chart();
    const service = new kplus33.Service(chart, 'svc', { metadata: { name: 'store' }, ports: [{ port: 8081 }] });
    new TeamRoute(chart, 'route', { allowUnattached: true, rules: [{ backendRefs: [Backend.fromService(service)] }] });
    expect(Testing.synth(chart).find((o) => o.kind === 'HTTPRoute').spec.rules[0].backendRefs).toStrictEqual([{ name: 'store', port: 8081 }]);
  });

  test('fromService accepts a plain v1 Service ApiObject', () => {
    const chart = Testing.chart();
    const service = new ApiObject(chart, 'svc', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'raw', namespace: 'shop' }, spec: { ports: [{ port: 5000 }] },
    });
    const backend = Backend.fromService(service);
    expect([backend.name, backend.namespace, backend.port]).toStrictEqual(['raw', 'shop', 5000]);
  });

  test('fails if fromService gets something other than a Service', () => {
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'deploy', { containers: [{ image: 'nginx' }] });
    expect(() => Backend.fromService(deployment)).toThrow(
      'Backend.fromService(test/deploy): expected a v1 Service, got apps/v1 Deployment: use Backend.fromResource() for other kinds.',
    );
  });

  test('fails if fromName has no port', () => {
    expect(() => Backend.fromName('store')).toThrow(
      'Backend.fromName("store"): port is required for a Service backend (the Gateway API has no default port): pass { port: 8080 } with the Service port.',
    );
  });

  test.each([[-1], [1_000_001], [1.5]])('fails if weight %p is out of range', (weight) => {
    expect(() => Backend.fromName('store', { port: 80, weight })).toThrow(
      `Backend.fromName("store"): weight ${weight} is out of range: use a whole number from 0 to 1000000 (weights are relative; ` +
      'a backend gets weight / sum of weights of the traffic).',
    );
  });

  test('fromResource writes group and kind as given', () => {
    const chart = Testing.chart();
    new TeamRoute(chart, 'route', {
      allowUnattached: true,
      rules: [{
        backendRefs: [
          Backend.fromResource({ kind: 'Service', name: 'store', port: 8080, weight: 90 }),
          Backend.fromResource({ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'store-global', port: 8080, weight: 10 }),
        ],
      }],
    });
    expect(Testing.synth(chart)[0].spec.rules[0].backendRefs).toStrictEqual([
      { kind: 'Service', name: 'store', port: 8080, weight: 90 },
      { group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'store-global', port: 8080, weight: 10 },
    ]);
  });

  test('fails if a core Service resource has no port', () => {
    expect(() => Backend.fromResource({ kind: 'Service', name: 'x' })).toThrow(/port is required for a Service backend/);
  });

  test('renders per-backend filters', () => {
    const chart = Testing.chart();
    new TeamRoute(chart, 'route', { allowUnattached: true }).addRule()
      .addBackend(Backend.fromName('a', { port: 80 }), { filters: [HttpRouteFilter.requestHeaderModifier({ set: { 'x-backend': 'a' } })] })
      .addBackend(Backend.fromName('b', { port: 80 }));
    const refs = Testing.synth(chart)[0].spec.rules[0].backendRefs;
    expect(refs[0].filters).toStrictEqual([
      { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-backend', value: 'a' }] } },
    ]);
    expect(refs[1].filters).toBeUndefined();
  });

  test('renders per-backend filters of a GRPCRoute', () => {
    const chart = Testing.chart();
    new TeamGrpcRoute(chart, 'route', { allowUnattached: true }).addRule()
      .addBackend(Backend.fromName('a', { port: 80 }), { filters: [GrpcRouteFilter.responseHeaderModifier({ remove: ['x-internal'] })] });
    expect(Testing.synth(chart)[0].spec.rules[0].backendRefs[0].filters).toStrictEqual([
      { type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['x-internal'] } },
    ]);
  });

  test('fails if a GRPCRoute backend gets an HTTPRoute filter (from JavaScript; TypeScript and jsii languages reject it at compile time)', () => {
    const chart = Testing.chart();
    const rule = new TeamGrpcRoute(chart, 'route').addRule();
    const httpOnly: any = HttpRouteFilter.urlRewrite({ hostname: 'x.example.com' });
    expect(() => rule.addBackend(Backend.fromName('a', { port: 80 }), { filters: [httpOnly] })).toThrow(
      'test/route: rule #1: addBackend("a"): filters: a GRPCRoute cannot use a URLRewrite filter of another route kind: use ' +
      'GrpcRouteFilter.requestHeaderModifier(), .responseHeaderModifier(), .requestMirror() or .extensionRef().',
    );
  });
});

describe('cross-namespace backends', () => {
  test('create a least-privilege ReferenceGrant in the backend namespace, in the chart that owns the Service (its consent)', () => {
    const { app, charts: [store, shared] } = charts('store', 'shared-services');
    const search = new kplus.Service(shared, 'search', { metadata: { name: 'search' }, ports: [{ port: 8080 }] });
    new TeamRoute(store, 'route', {
      metadata: { name: 'store' },
      parentRefs: [{ name: 'gw', namespace: 'infra' }],
      rules: [{ backendRefs: [Backend.fromService(search), Backend.fromName('search', { namespace: 'shared-services', port: 8080, weight: 0 })] }],
    });
    expect(validationErrors(app)).toStrictEqual([]);
    expect(specOf(app, 'HTTPRoute').rules[0].backendRefs).toStrictEqual([
      { name: 'search', namespace: 'shared-services', port: 8080 },
      { name: 'search', namespace: 'shared-services', port: 8080, weight: 0 },
    ]);
    const grants = objects(app).filter((o) => o.kind === 'ReferenceGrant');
    expect(grants).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'httproute-store-to-service-search', namespace: 'shared-services' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'store' }],
        to: [{ group: '', kind: 'Service', name: 'search' }],
      },
    }]);
    // the Service's owner (its chart) holds the grant, not the route's chart
    expect(shared.node.findAll().filter((c) => c instanceof ReferenceGrant).map((g) => (g as ReferenceGrant).name)).toStrictEqual(['httproute-store-to-service-search']);
    expect(store.node.findAll().filter((c) => c instanceof ReferenceGrant)).toStrictEqual([]);
  });

  test('fails if a named backend in another namespace has no grant (the default: its owner must consent)', () => {
    const { app, charts: [store] } = charts('store');
    new TeamRoute(store, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromName('pay', { namespace: 'payments', port: 80 })] }] });
    expect(app.node.findAll().filter((c) => c instanceof ReferenceGrant)).toStrictEqual([]);
    expect(validationErrors(app)).toStrictEqual([
      'store/route: the reference from HTTPRoute in namespace "store" to Service "payments/pay" needs a ReferenceGrant, which only the ' +
      'owner of namespace "payments" can give, and Service "pay" is only named here (not a construct of this app, whose chart would ' +
      'hold the grant). Add a ReferenceGrant in namespace "payments" with from: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", ' +
      'namespace: "store" }] and to: [{ group: "", kind: "Service", name: "pay" }]: in the owner\'s chart (new ReferenceGrant(...)), or ' +
      'declare it with ReferenceGrant.fromReferenceGrantName(...) when the owner applies it; or, when this app may write into that ' +
      'namespace, opt in with ReferenceGrants.setAutoGrants(scope, AutoGrants.REFERRER_CHART) to create it in this chart.',
    ]);
  });

  test('a named backend passes with a ReferenceGrant of the app in its namespace', () => {
    const { app, charts: [store, payments] } = charts('store', 'payments');
    new TeamRoute(store, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromName('pay', { namespace: 'payments', port: 80 })] }] });
    new ReferenceGrant(payments, 'grant', {
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'store' }],
      to: [{ group: '', kind: 'Service', name: 'pay' }],
    });
    expect(validationErrors(app)).toStrictEqual([]);
  });

  test('opt in: AutoGrants.REFERRER_CHART creates the grant of a named backend in the route\'s chart', () => {
    const { app, charts: [store] } = charts('store');
    ReferenceGrants.setAutoGrants(store, AutoGrants.REFERRER_CHART);
    new TeamRoute(store, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromName('pay', { namespace: 'payments', port: 80 })] }] });
    expect(validationErrors(app)).toStrictEqual([]);
    expect(store.node.findAll().filter((c) => c instanceof ReferenceGrant).map((g) => `${(g as ReferenceGrant).namespace}/${(g as ReferenceGrant).name}`))
      .toStrictEqual(['payments/httproute-store-to-service-pay']);
  });

  test('with REFERRER_CHART, a Service construct still gets its grant in its own chart', () => {
    const { app, charts: [store, shared] } = charts('store', 'shared');
    ReferenceGrants.setAutoGrants(app, AutoGrants.REFERRER_CHART);
    const search = new kplus.Service(shared, 'search', { metadata: { name: 'search' }, ports: [{ port: 8080 }] });
    new TeamRoute(store, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromService(search)] }] });
    expect(validationErrors(app)).toStrictEqual([]);
    expect(shared.node.findAll().filter((c) => c instanceof ReferenceGrant)).toHaveLength(1);
    expect(store.node.findAll().filter((c) => c instanceof ReferenceGrant)).toStrictEqual([]);
  });

  test('fails if the Service\'s owner turned automatic grants off for its chart (no consent), even for a Service construct', () => {
    const { app, charts: [store, shared] } = charts('store', 'shared');
    ReferenceGrants.setAutoGrants(shared, AutoGrants.OFF);
    const search = new kplus.Service(shared, 'search', { metadata: { name: 'search' }, ports: [{ port: 8080 }] });
    new TeamRoute(store, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromService(search)] }] });
    expect(app.node.findAll().filter((c) => c instanceof ReferenceGrant)).toStrictEqual([]);
    expect(validationErrors(app)).toStrictEqual([expect.stringContaining('store/route: the reference from HTTPRoute in namespace "store" to Service "shared/search" is not allowed by any ReferenceGrant (automatic grants are off)')]);
  });

  test('fails if setAutoGrants gets something else than an AutoGrants value (from JavaScript)', () => {
    const { app } = charts('store');
    expect(() => ReferenceGrants.setAutoGrants(app, true as any)).toThrow(
      '<app>: setAutoGrants(true): not an AutoGrants value: use AutoGrants.REFERENT_CHART, AutoGrants.REFERRER_CHART or AutoGrants.OFF.',
    );
  });

  test('grant the route kind that refers: a GRPCRoute gets a GRPCRoute grant', () => {
    const { app, charts: [store] } = charts('store');
    ReferenceGrants.setAutoGrants(app, AutoGrants.REFERRER_CHART);
    new TeamGrpcRoute(store, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromName('api', { namespace: 'apis', port: 50051 })] }] });
    const grant = objects(app).find((o) => o.kind === 'ReferenceGrant');
    expect(grant.metadata).toStrictEqual({ name: 'grpcroute-store-to-service-api', namespace: 'apis' });
    expect(grant.spec.from).toStrictEqual([{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'store' }]);
  });

  test('grant the mirror backend of a filter too, in the chart that owns it', () => {
    const { app, charts: [store, qa] } = charts('store', 'qa');
    const shadow = new kplus.Service(qa, 'shadow', { metadata: { name: 'shadow' }, ports: [{ port: 80 }] });
    new TeamRoute(store, 'route', {
      parentRefs: [{ name: 'gw' }],
      rules: [{
        backendRefs: [Backend.fromName('web', { port: 80 })],
        filters: [HttpRouteFilter.requestMirror({ backend: Backend.fromService(shadow) })],
      }],
    });
    expect(qa.node.findAll().filter((c) => c instanceof ReferenceGrant).map((g) => `${(g as ReferenceGrant).namespace}/${(g as ReferenceGrant).name}`))
      .toStrictEqual(['qa/httproute-store-to-service-shadow']);
    expect(specOf(app, 'HTTPRoute').rules[0].filters[0].requestMirror.backendRef).toStrictEqual({ name: 'shadow', namespace: 'qa', port: 80 });
  });

  test('fail synth naming the grant to add when automatic grants are off', () => {
    const { app, charts: [store] } = charts('store');
    ReferenceGrants.setAutoGrants(app, AutoGrants.OFF);
    new TeamRoute(store, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromName('search', { namespace: 'shared', port: 80 })] }] });
    expect(app.node.findAll().filter((c) => c instanceof ReferenceGrant)).toStrictEqual([]);
    expect(validationErrors(app)).toStrictEqual([
      'store/route: the reference from HTTPRoute in namespace "store" to Service "shared/search" is not allowed by any ReferenceGrant ' +
      '(automatic grants are off). Add a ReferenceGrant in namespace "shared" with from: [{ group: "gateway.networking.k8s.io", kind: ' +
      '"HTTPRoute", namespace: "store" }] and to: [{ group: "", kind: "Service", name: "search" }] (new ReferenceGrant(...), or ' +
      'ReferenceGrant.fromReferenceGrantName(...) when another team applies it), or turn automatic grants on with ReferenceGrants.setAutoGrants(scope, AutoGrants.REFERENT_CHART).',
    ]);
  });

  test('pass synth with automatic grants off when another team\'s grant allows the reference', () => {
    const { app, charts: [store] } = charts('store');
    ReferenceGrants.setAutoGrants(app, AutoGrants.OFF);
    new TeamRoute(store, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromName('search', { namespace: 'shared', port: 80 })] }] });
    ReferenceGrant.fromReferenceGrantName(store, 'existing', 'store-to-search', {
      namespace: 'shared',
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'store' }],
      to: [{ group: '', kind: 'Service', name: 'search' }],
    });
    expect(validationErrors(app)).toStrictEqual([]);
  });

  test('fail if the route has no namespace but the backend has one', () => {
    const chart = new Chart(Testing.app(), 'nons');
    const rule = new TeamRoute(chart, 'route').addRule();
    expect(() => rule.addBackend(Backend.fromName('search', { namespace: 'shared', port: 80 }))).toThrow(
      'nons/route: the HTTPRoute has no namespace but refers to Service "search" in namespace "shared": give the chart (or the object) a ' +
      'namespace so a ReferenceGrant can name it.',
    );
  });

  test('treat a Service without namespace as one in the route namespace', () => {
    const { app, charts: [noNs, store] } = charts(undefined, 'store');
    const service = new kplus.Service(noNs, 'svc', { metadata: { name: 'web' }, ports: [{ port: 80 }] });
    new TeamRoute(store, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromService(service)] }] });
    expect(specOf(app, 'HTTPRoute').rules[0].backendRefs).toStrictEqual([{ name: 'web', port: 80 }]);
    expect(objects(app).filter((o) => o.kind === 'ReferenceGrant')).toStrictEqual([]);
  });
});
