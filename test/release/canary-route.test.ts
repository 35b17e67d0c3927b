import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Backend, CanaryRoute, HeaderMatch, HttpRouteFilter, PathMatch } from '../../src';
import { charts, FakeGateway, objects, validationErrors } from '../team/support';

function checkoutApp() {
  const { app, charts: [infra, shop] } = charts('infra', 'shop');
  const gateway = new FakeGateway(infra, 'gw', { name: 'shared', namespace: 'infra' });
  const stable = new kplus.Service(shop, 'stable', { metadata: { name: 'checkout-stable' }, ports: [{ port: 8080 }] });
  const canary = new kplus.Service(shop, 'canary', { metadata: { name: 'checkout-canary' }, ports: [{ port: 8080 }] });
  return { app, shop, gateway, stable: Backend.fromService(stable), canary: Backend.fromService(canary) };
}

const routeOf = (app: any) => objects(app).find((o) => o.kind === 'HTTPRoute');

describe('CanaryRoute', () => {
  test('renders the weighted rule and the header rule', () => {
    const { app, shop, gateway, stable, canary } = checkoutApp();
    new CanaryRoute(shop, 'route', {
      metadata: { name: 'checkout' },
      parents: [gateway],
      hostnames: ['checkout.example.com'],
      stable,
      canary,
      canaryWeight: 5,
      stableWeight: 95,
      canaryHeader: HeaderMatch.exact('x-canary', 'always'),
    });
    expect(validationErrors(app)).toStrictEqual([]);
    const route = routeOf(app);
    expect(route.spec.rules).toStrictEqual([
      {
        name: 'canary-header',
        matches: [{ headers: [{ name: 'x-canary', type: 'Exact', value: 'always' }] }],
        backendRefs: [{ name: 'checkout-canary', port: 8080 }],
      },
      {
        name: 'canary',
        backendRefs: [{ name: 'checkout-stable', port: 8080, weight: 95 }, { name: 'checkout-canary', port: 8080, weight: 5 }],
      },
    ]);
    expect(route).toMatchSnapshot();
  });

  test('starts with all traffic on stable', () => {
    const { app, shop, stable, canary } = checkoutApp();
    const route = new CanaryRoute(shop, 'route', { parentRefs: [{ name: 'gw', namespace: 'infra' }], stable, canary });
    expect(route.weights).toStrictEqual({ stable: 100, canary: 0 });
    expect(routeOf(app).spec.rules[0].backendRefs.map((b: any) => b.weight)).toStrictEqual([100, 0]);
  });

  test.each([[5], [25], [50], [100]])('shifts %i percent to the canary with updateCanaryPercent', (percent) => {
    const { app, shop, stable, canary } = checkoutApp();
    const route = new CanaryRoute(shop, 'route', { parentRefs: [{ name: 'gw', namespace: 'infra' }], stable, canary });
    route.updateCanaryPercent(percent);
    expect(routeOf(app).spec.rules[0].backendRefs.map((b: any) => b.weight)).toStrictEqual([100 - percent, percent]);
    expect(validationErrors(app)).toStrictEqual([]);
  });

  test('sets both weights with updateWeights, e.g. only the canary weight', () => {
    const { app, shop, stable, canary } = checkoutApp();
    const route = new CanaryRoute(shop, 'route', { parentRefs: [{ name: 'gw', namespace: 'infra' }], stable, canary, stableWeight: 900 });
    route.updateWeights(route.weights.stable, 100);
    expect(route.weights).toStrictEqual({ stable: 900, canary: 100 });
    expect(routeOf(app).spec.rules[0].backendRefs.map((b: any) => b.weight)).toStrictEqual([900, 100]);
  });

  test('combines the header with every match of the weighted rule and copies its filters and timeouts', () => {
    const { app, shop, stable, canary } = checkoutApp();
    new CanaryRoute(shop, 'route', {
      parentRefs: [{ name: 'gw', namespace: 'infra' }],
      stable,
      canary,
      ruleName: 'checkout',
      matches: [{ path: PathMatch.prefix('/checkout') }, { path: PathMatch.prefix('/cart') }],
      filters: [HttpRouteFilter.requestHeaderModifier({ set: { 'x-app': 'checkout' } })],
      timeouts: { request: Duration.seconds(5) },
      canaryHeader: HeaderMatch.exact('x-canary', 'always'),
    });
    const [header, weighted] = routeOf(app).spec.rules;
    expect(header.name).toBe('checkout-header');
    expect(header.matches).toStrictEqual([
      { path: { type: 'PathPrefix', value: '/checkout' }, headers: [{ name: 'x-canary', type: 'Exact', value: 'always' }] },
      { path: { type: 'PathPrefix', value: '/cart' }, headers: [{ name: 'x-canary', type: 'Exact', value: 'always' }] },
    ]);
    expect(header.filters).toStrictEqual(weighted.filters);
    expect(header.timeouts).toStrictEqual({ request: '5s' });
    expect(weighted.name).toBe('checkout');
  });

  test('keeps extra rules after the canary rules', () => {
    const { app, shop, stable, canary } = checkoutApp();
    new CanaryRoute(shop, 'route', {
      parentRefs: [{ name: 'gw', namespace: 'infra' }],
      stable,
      canary,
      rules: [{ name: 'admin', matches: [{ path: PathMatch.prefix('/admin') }], backendRefs: [Backend.fromName('checkout-stable', { port: 8080 })] }],
    });
    expect(routeOf(app).spec.rules.map((r: any) => r.name)).toStrictEqual(['canary', 'admin']);
  });

  test('fails if both weights are 0', () => {
    const { shop, stable, canary } = checkoutApp();
    const route = new CanaryRoute(shop, 'route', { parentRefs: [{ name: 'gw', namespace: 'infra' }], stable, canary, stableWeight: 0, canaryWeight: 10 });
    expect(() => route.updateWeights(route.weights.stable, 0)).toThrow(
      'shop/route: updateWeights(0, 0): stable and canary weights are both 0, so no request would be served: give one of them a weight above 0 ' +
      '(e.g. updateCanaryPercent(0) for all traffic on stable).',
    );
  });

  test('fails if a weight is out of range', () => {
    const { shop, stable, canary } = checkoutApp();
    expect(() => new CanaryRoute(shop, 'route', { stable, canary, canaryWeight: 2_000_000 })).toThrow(
      'shop/route: canary: weight 2000000 is out of range: use a whole number from 0 to 1000000',
    );
  });

  test('fails if the percent is not 0 to 100', () => {
    const { shop, stable, canary } = checkoutApp();
    const route = new CanaryRoute(shop, 'route', { stable, canary });
    expect(() => route.updateCanaryPercent(150)).toThrow('shop/route: updateCanaryPercent(150): percent 150 is out of range: use a whole number from 0 to 100.');
  });

  test('fails if a backend carries its own weight', () => {
    const { shop, stable, canary } = checkoutApp();
    expect(() => new CanaryRoute(shop, 'route', { stable: stable.withWeight(90), canary })).toThrow(
      'shop/route: the stable backend "checkout-stable" has weight 90: a CanaryRoute sets the weights itself; use stableWeight (or updateWeights()) instead.',
    );
  });

  test('fails if stable and canary are the same backend', () => {
    const { shop, stable } = checkoutApp();
    expect(() => new CanaryRoute(shop, 'route', { stable, canary: stable })).toThrow(
      'shop/route: stable and canary are the same backend ("checkout-stable"): point the canary at the new release\'s Service.',
    );
  });

  test('fails if the header is already matched by the weighted rule', () => {
    const { shop, stable, canary } = checkoutApp();
    expect(() => new CanaryRoute(shop, 'route', {
      stable, canary, matches: [{ headers: [HeaderMatch.exact('x-canary', 'no')] }], canaryHeader: HeaderMatch.exact('x-canary', 'always'),
    })).toThrow(/rule "canary-header": addMatch\(\): header "x-canary" is matched twice/);
  });

  test('is a TeamRoute: fails synth without a parent', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'shop' });
    const route = new CanaryRoute(chart, 'route', { stable: Backend.fromName('a', { port: 80 }), canary: Backend.fromName('b', { port: 80 }) });
    expect(validationErrors(app)).toStrictEqual([
      `c/route: HTTPRoute "${route.routeName}" is not attached to any parent, so it handles no traffic: call attachTo(gateway) or set ` +
      'parents / parentRefs (or allowUnattached: true when another tool attaches it).',
    ]);
  });
});
