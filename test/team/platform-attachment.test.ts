import { Chart, Testing } from 'cdk8s';
import { FakeGateway, validationErrors } from './support';
import { Backend, Listener, PlatformGateway, RouteNamespaces, TeamGrpcRoute, TeamRoute } from '../../src';

/** The attachment check with the platform persona's Gateway (src/platform), not a test double. */
describe('attaching to a PlatformGateway', () => {
  function setup() {
    const app = Testing.app();
    const infra = new Chart(app, 'infra', { namespace: 'infra' });
    const store = new Chart(app, 'store', { namespace: 'store' });
    const gateway = new PlatformGateway(infra, 'gateway', {
      metadata: { name: 'shared' },
      gatewayClassName: 'shared',
      listeners: [
        Listener.http({ hostname: '*.example.com', allowedRoutes: { namespaces: RouteNamespaces.same() } }),
        Listener.http({ name: 'public', port: 8080, hostname: '*.example.com', allowedRoutes: { namespaces: RouteNamespaces.all() } }),
      ],
    });
    return { app, infra, store, gateway };
  }

  test('passes synth when the listener admits the route', () => {
    const { app, store, gateway } = setup();
    const route = new TeamRoute(store, 'route', { hostnames: ['shop.example.com'], rules: [{ backendRefs: [Backend.fromName('shop', { port: 80 })] }] });
    route.attachTo(gateway, { sectionName: 'public' });
    expect(validationErrors(app)).toStrictEqual([]);
  });

  test('fails synth naming the listener and the allowedRoutes rule that rejects the route', () => {
    const { app, store, gateway } = setup();
    const route = new TeamRoute(store, 'route', { hostnames: ['shop.example.com'], rules: [{ backendRefs: [Backend.fromName('shop', { port: 80 })] }] });
    route.attachTo(gateway, { sectionName: 'http' });
    const errors = validationErrors(app);
    expect(errors.length).toBe(1);
    expect(errors[0]).toMatch(/^store\/route: /);
    expect(errors[0]).toMatch(/"http"/);
    expect(errors[0]).toMatch(/Same|same namespace/i);
    expect(() => app.synth()).toThrow(/\[store\/route\] store\/route: /);
  });

  test('fails synth when the route hostnames do not overlap the listener hostname', () => {
    const { app, store, gateway } = setup();
    new TeamRoute(store, 'route', { hostnames: ['shop.other.org'], rules: [{ backendRefs: [Backend.fromName('shop', { port: 80 })] }] })
      .attachTo(gateway, { sectionName: 'public' });
    expect(validationErrors(app).join('\n')).toMatch(/^store\/route: .*shop\.other\.org/);
  });

  test('writes the Gateway namespace in the parentRef of a route in another namespace', () => {
    const { app, store, gateway } = setup();
    new TeamGrpcRoute(store, 'route', { rules: [{ backendRefs: [Backend.fromName('api', { port: 50051 })] }] }).attachTo(gateway, { sectionName: 'public' });
    const route = app.charts.flatMap((c) => c.toJson()).find((o) => o.kind === 'GRPCRoute');
    expect(route.spec.parentRefs).toStrictEqual([{ name: 'shared', namespace: 'infra', sectionName: 'public' }]);
  });
});

describe('route checks per synth', () => {
  test('run once per synth although cdk8s validates the app once per chart, and again after a change', () => {
    const app = Testing.app();
    const charts = ['a', 'b', 'c'].map((ns) => new Chart(app, ns, { namespace: ns }));
    const gateway = new FakeGateway(charts[0], 'gw', { name: 'gw', namespace: 'a' });
    const route = new TeamRoute(charts[1], 'route', { metadata: { name: 'r' }, parents: [gateway] });
    route.addRule({ backendRefs: [Backend.fromName('svc', { port: 80 })] });
    app.synthYaml(); // 1 + 3 validation passes
    expect(gateway.requests).toHaveLength(1);

    // same synchronous run: a change to the route is seen at once
    gateway.rejections = ['listener "http" says no'];
    route.addHostname('r.example.com');
    expect(() => app.synthYaml()).toThrow(/b\/route: listener "http" says no/);
    expect(gateway.requests).toHaveLength(2);
  });
});
