import * as fs from 'fs';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { GatewayApiValidation, Implementation, CheckMode } from '../../src';
import { implementationsOf } from '../../src/features/lint';

const V1 = 'gateway.networking.k8s.io/v1';

/** A Traefik GatewayClass, a Gateway and a route whose rule "mirror" mirrors requests (Traefik v3.7 does not claim it). */
function traefikApp(opts: { classController?: string } = {}): { app: App; store: Chart } {
  const app = Testing.app();
  const infra = new Chart(app, 'infra');
  new ApiObject(infra, 'class', { apiVersion: V1, kind: 'GatewayClass', metadata: { name: 'traefik' }, spec: { controllerName: opts.classController ?? 'traefik.io/gateway-controller' } });
  new ApiObject(infra, 'gw', {
    apiVersion: V1,
    kind: 'Gateway',
    metadata: { name: 'gw', namespace: 'infra' },
    spec: { gatewayClassName: 'traefik', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] },
  });
  const store = new Chart(app, 'store', { namespace: 'store' });
  new ApiObject(store, 'api', {
    apiVersion: V1,
    kind: 'HTTPRoute',
    metadata: { name: 'api' },
    spec: {
      parentRefs: [{ name: 'gw', namespace: 'infra' }],
      rules: [{
        name: 'mirror',
        filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 80 } } }],
        backendRefs: [{ name: 'api', port: 80 }],
      }],
    },
  });
  return { app, store };
}

function synthError(app: App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the synth to fail');
}

function stderrOf(fn: () => void): string[] {
  const lines: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((m: string) => { lines.push(m); });
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

describe('feature lint at synth', () => {
  test('fails the synth when the GatewayClass controller\'s report does not claim a feature in use, naming path, field, feature and report', () => {
    const { app } = traefikApp();
    GatewayApiValidation.enable(app);
    const message = synthError(app);
    expect(message).toContain('store/api (HTTPRoute store/api) spec.rules[0].filters[0]: rule "mirror" uses RequestMirror (HTTPRouteRequestMirror), '
      + 'which traefik v3.7 does not claim (conformance report v1.5.1, 2026-03-20)');
    // rule names are not claimed by traefik v3.7 either; features it claims are not reported
    expect(message).toContain('(HTTPRouteNamedRouteRule)');
    expect(message).not.toContain('(HTTPRoute)');
  });

  test('in WARN mode the same findings are warnings and the synth goes on', () => {
    const { app } = traefikApp();
    GatewayApiValidation.enable(app, { mode: CheckMode.WARN });
    const errors = stderrOf(() => app.synth());
    expect(errors.join('\n')).toContain('warning: Gateway API v1.6.1 validation');
    expect(errors.join('\n')).toContain('which traefik v3.7 does not claim (conformance report v1.5.1, 2026-03-20)');
    expect(fs.readdirSync(app.outdir).sort()).toEqual(['infra.k8s.yaml', 'store.k8s.yaml']);
  });

  test('an explicit implementation overrides the controller name; one that claims every feature passes', () => {
    const { app, store } = traefikApp({ classController: 'example.com/unknown' });
    GatewayApiValidation.enable(app);
    GatewayApiValidation.of(store).implementation = Implementation.named('envoy-gateway');
    expect(() => app.synth()).not.toThrow();
    GatewayApiValidation.of(store).implementation = Implementation.named('traefik', '3.6');
    expect(synthError(app)).toContain('which traefik v3.6 does not claim (conformance report v1.4.0, 2025-10-31)');
  });

  test('enable() takes the implementation as an option (as other languages\' docs show it), and fails with it', () => {
    const { app, store } = traefikApp({ classController: 'example.com/unknown' });
    GatewayApiValidation.enable(app, { implementation: Implementation.named('envoy-gateway') });
    expect(GatewayApiValidation.of(store).implementation?.name).toBe('envoy-gateway');
    expect(() => app.synth()).not.toThrow();
    GatewayApiValidation.enable(store, { implementation: Implementation.named('traefik', '3.6') });
    expect(synthError(app)).toContain('which traefik v3.6 does not claim (conformance report v1.4.0, 2025-10-31)');
    GatewayApiValidation.enable(store, { mode: CheckMode.WARN });
    expect(GatewayApiValidation.of(store).implementation?.report.version).toMatch(/^v3\.6/);
  });

  test('an unknown controller and no explicit implementation: no feature check', () => {
    const { app } = traefikApp({ classController: 'example.com/gateway-controller' });
    GatewayApiValidation.enable(app);
    expect(() => app.synth()).not.toThrow();
  });

  test('a chart inherits the App\'s implementation', () => {
    const { app, store } = traefikApp({ classController: 'example.com/unknown' });
    GatewayApiValidation.enable(app).implementation = Implementation.named('traefik');
    expect(GatewayApiValidation.of(store).implementation?.name).toBe('traefik');
    expect(synthError(app)).toContain('(HTTPRouteRequestMirror)');
  });

  test('features no report mentions are warnings, never errors', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    GatewayApiValidation.enable(app).implementation = Implementation.named('envoy-gateway');
    new ApiObject(chart, 'tcp', { apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'TCPRoute', metadata: { name: 't' }, spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 's', port: 1 }] }] } });
    GatewayApiValidation.of(app).channel = 'experimental' as any;
    const errors = stderrOf(() => app.synth());
    expect(errors.join('\n')).toContain('c/tcp (TCPRoute t) kind: the TCPRoute uses a TCPRoute (TCPRoute), which no conformance report mentions: whether envoy-gateway v1.8.0 supports it is unknown');
  });
});

describe('Implementation', () => {
  test('named() takes the newest report, or the one of a version; fails naming what exists', () => {
    expect(Implementation.named('envoy-gateway').report).toMatchObject({ version: 'v1.8.0', gatewayApiVersion: 'v1.5.1', mode: 'default' });
    expect(Implementation.named('Envoy Gateway', '1.6').report.version).toBe('v1.6.0');
    expect(Implementation.named('nginx-gateway-fabric').report.version).toBe('v2.6.0');
    expect(() => Implementation.named('istio', '1.27')).toThrow('istio has no conformance report for version "1.27"; reports exist for 1.28');
    expect(() => Implementation.named('contour')).toThrow(/unknown Gateway API implementation "contour": the conformance reports know agentgateway, /);
  });

  test('fromControllerName() resolves known controllers only', () => {
    expect(Implementation.fromControllerName('istio.io/gateway-controller')?.name).toBe('istio');
    expect(Implementation.fromControllerName('example.com/x')).toBeUndefined();
  });
});

describe('implementationsOf', () => {
  const cls = (name: string, controllerName: string) => ({ apiVersion: V1, kind: 'GatewayClass', metadata: { name }, spec: { controllerName } });
  const gw = (name: string, className: string) => ({ apiVersion: V1, kind: 'Gateway', metadata: { name, namespace: 'infra' }, spec: { gatewayClassName: className, listeners: [] } });
  const rt = (...parents: string[]) => ({ apiVersion: V1, kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'infra' }, spec: { parentRefs: parents.map((name) => ({ name })) } });
  const names = (m: Map<number, Implementation[]>, i: number) => m.get(i)?.map((x) => x.name);

  test('objects are checked against the implementation of the class that serves them, else against every known one', () => {
    const objs = [
      cls('t', 'traefik.io/gateway-controller'), cls('e', 'gateway.envoyproxy.io/gatewayclass-controller'), cls('other', 'example.com/x'),
      gw('gt', 't'), gw('ge', 'e'), gw('go', 'other'),
      rt('gt'), rt('gt', 'ge'), rt('go'), rt('elsewhere'),
      { apiVersion: V1, kind: 'BackendTLSPolicy', metadata: { name: 'p' }, spec: {} },
    ];
    const m = implementationsOf(objs);
    expect(names(m, 0)).toEqual(['traefik']);
    expect(m.has(2)).toBe(false); // a class of an unknown controller
    expect(names(m, 3)).toEqual(['traefik']);
    expect(m.has(5)).toBe(false); // a Gateway of that class
    expect(names(m, 6)).toEqual(['traefik']);
    expect(names(m, 7)).toEqual(['envoy-gateway', 'traefik']);
    expect(m.has(8)).toBe(false); // a route attached only to that Gateway
    expect(names(m, 9)).toEqual(['envoy-gateway', 'traefik']); // its Gateway is not in the input
    expect(names(m, 10)).toEqual(['envoy-gateway', 'traefik']);
  });

  test('no known controller: nothing is checked', () => {
    expect(implementationsOf([cls('other', 'example.com/x'), gw('g', 'other'), rt('g')]).size).toBe(0);
  });
});
