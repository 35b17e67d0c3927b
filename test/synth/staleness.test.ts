/**
 * Staleness between two synths in one synchronous run: cdk8s validates the whole app once per chart, so the
 * synth-time checks reuse their result while nothing changed. A change through any mutator of the library's
 * constructs must be seen by the very next synth, with no turn of the event loop in between.
 */
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import * as gatewayapi from '../../imports/standard/gateway.networking.k8s.io';
import { BackendTlsPolicy, CaCertificateRef, PolicyAttachment, PolicyTarget, ReferenceGrant } from '../../src';
import { CheckMode } from '../../src/core';
import { GatewayApiAnalysis, GatewayApiValidation } from '../../src/synth';
import { GatewayApiValidator } from '../../src/validation';

/** The Gateway "shared" with one HTTP listener on port 80 that admits routes from `namespaces`. */
function sharedGateway(scope: Chart, namespaces: gatewayapi.GatewaySpecListenersAllowedRoutesNamespaces): void {
  new gatewayapi.Gateway(scope, 'gateway', {
    metadata: { name: 'shared' },
    spec: { gatewayClassName: 'shared', listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces } }] },
  });
}

/** A Gateway in infra, a Service in shared, and an HTTPRoute in team-a whose backend is that Service. */
function crossNamespaceApp(): { app: App; shared: Chart } {
  const app = new App();
  const platform = new Chart(app, 'platform', { namespace: 'infra' });
  sharedGateway(platform, { from: gatewayapi.GatewaySpecListenersAllowedRoutesNamespacesFrom.ALL });
  const shared = new Chart(app, 'shared', { namespace: 'shared' });
  new ApiObject(shared, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'store' }, spec: { ports: [{ port: 8080 }] } });
  const team = new Chart(app, 'team', { namespace: 'team-a' });
  new gatewayapi.HttpRoute(team, 'route', {
    metadata: { name: 'store' },
    spec: {
      parentRefs: [{ name: 'shared', namespace: 'infra' }],
      rules: [{ backendRefs: [{ name: 'store', namespace: 'shared', port: 8080 }] }],
    },
  });
  GatewayApiAnalysis.enable(app, { completeNamespaces: ['infra', 'shared', 'team-a'] });
  return { app, shared };
}

describe('the synth-time checks see every library mutator in the same synchronous run', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => { stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterEach(() => stderr.mockRestore());

  test.each([
    ['addFrom', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'other' }], to: [{ group: '', kind: 'Service' }] },
      (g: ReferenceGrant) => g.addFrom({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'team-a' })],
    ['addTo', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'team-a' }], to: [{ group: '', kind: 'Secret' }] },
      (g: ReferenceGrant) => g.addTo({ group: '', kind: 'Service', name: 'store' })],
  ])('ReferenceGrant.%s between two synths: the second synth passes', (_name, props, complete) => {
    const { app, shared } = crossNamespaceApp();
    const grant = new ReferenceGrant(shared, 'grant', props);
    expect(() => app.synthYaml()).toThrow(/RefNotPermitted/);
    complete(grant);
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('BackendTlsPolicy.addTarget between two synths: the second synth sees the second policy on the Service', () => {
    const { app, shared } = crossNamespaceApp();
    new ReferenceGrant(shared, 'grant', {
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'team-a' }],
      to: [{ group: '', kind: 'Service' }],
    });
    new ApiObject(shared, 'ca', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ca' }, data: { 'ca.crt': 'PEM' } });
    const target = PolicyTarget.fromServiceName('store');
    new BackendTlsPolicy(shared, 'first', { metadata: { name: 'first' }, targetRefs: [target], validation: { hostname: 'store.example.com', caCertificateRefs: [CaCertificateRef.fromConfigMapName('ca')] } });
    const second = new BackendTlsPolicy(shared, 'second', {
      metadata: { name: 'second' },
      targetRefs: [PolicyTarget.fromServiceName('other')],
      validation: { hostname: 'store.example.com', caCertificateRefs: [CaCertificateRef.fromConfigMapName('ca')] },
    });
    expect(() => app.synthYaml()).not.toThrow();
    second.addTarget(target);
    expect(() => app.synthYaml()).toThrow(/shared\/second\/Resource: \[Accepted=Conflicted\]/);
  });

  test('PolicyAttachment.addToSpec between two synths: validation of the second synth reads the new spec', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'team-a' });
    GatewayApiValidation.enable(app, { mode: CheckMode.ERROR });
    const policy = new PolicyAttachment(chart, 'policy', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'BackendTLSPolicy',
      targetRefs: [PolicyTarget.fromServiceName('store')],
      spec: { validation: { hostname: 'store.example.com', wellKnownCACertificates: 'System' } },
    });
    expect(() => app.synthYaml()).not.toThrow();
    policy.addToSpec('validation.hostname', 'NOT A HOSTNAME');
    expect(() => app.synthYaml()).toThrow(/hostname/);
  });

  test.each([
    ['a JSON patch on the L1 object of an L2 between two synths: the second synth validates the patched object',
      (grant: ReferenceGrant) => grant.apiObject.addJsonPatch(JsonPatch.replace('/spec/from/0/namespace', 'NOT_A_NAMESPACE')),
      /c\/grant\/Resource \(ReferenceGrant shared\/[^)]*\) spec.from\[0\].namespace/],
    ['a metadata change on the L1 object of an L2 between two synths: the second synth validates it',
      (grant: ReferenceGrant) => grant.apiObject.metadata.addLabel('tier', 'not a label value!'),
      /metadata.labels: Invalid value: "not a label value!"/],
  ])('%s', (_name, change, error) => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'shared' });
    const grant = new ReferenceGrant(chart, 'grant', {
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'team-a' }],
      to: [{ group: '', kind: 'Service' }],
    });
    expect(() => app.synthYaml()).not.toThrow();
    change(grant);
    expect(() => app.synthYaml()).toThrow(error);
  });

  test('an object added three levels deep between two synths: the second synth validates it', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'team-a' });
    GatewayApiValidation.enable(app);
    const outer = new Construct(chart, 'outer');
    const inner = new Construct(outer, 'inner');
    new Construct(inner, 'placeholder');
    expect(() => app.synthYaml()).not.toThrow();
    new gatewayapi.HttpRoute(inner, 'route', { metadata: { name: 'store' }, spec: { hostnames: ['NOT A HOSTNAME'] } });
    expect(() => app.synthYaml()).toThrow(/c\/outer\/inner\/route \(HTTPRoute team-a\/store\) spec.hostnames\[0\]/);
  });

  test('a JSON patch on a plain L1 object between two synths: the second synth validates the patched object', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'team-a' });
    GatewayApiValidation.enable(app);
    const route = new gatewayapi.HttpRoute(chart, 'route', { metadata: { name: 'store' }, spec: { hostnames: ['store.example.com'] } });
    expect(() => app.synthYaml()).not.toThrow();
    route.addJsonPatch(JsonPatch.replace('/spec/hostnames/0', 'NOT A HOSTNAME'));
    expect(() => app.synthYaml()).toThrow(/c\/route \(HTTPRoute team-a\/store\) spec.hostnames\[0\]/);
  });

  test('a Namespace label added between two synths: the analysis of the second synth admits the route', () => {
    const app = new App();
    const platform = new Chart(app, 'platform', { namespace: 'infra' });
    const ns = new ApiObject(platform, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    sharedGateway(platform, { from: gatewayapi.GatewaySpecListenersAllowedRoutesNamespacesFrom.SELECTOR, selector: { matchLabels: { access: 'yes' } } });
    const team = new Chart(app, 'team', { namespace: 'team-a' });
    new gatewayapi.HttpRoute(team, 'route', { metadata: { name: 'store' }, spec: { parentRefs: [{ name: 'shared', namespace: 'infra' }] } });
    GatewayApiAnalysis.enable(app);
    expect(() => app.synthYaml()).toThrow(/NotAllowedByListeners/);
    ns.metadata.addLabel('access', 'yes');
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('the checks run once per synth of an app with many charts, and again after a change', () => {
    const app = new App();
    for (let i = 0; i < 5; i++) {
      const chart = new Chart(app, `c${i}`, { namespace: `ns-${i}` });
      new ReferenceGrant(chart, 'grant', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'team-a' }], to: [{ group: '', kind: 'Service' }] });
    }
    const validate = jest.spyOn(GatewayApiValidator.prototype, 'validate');
    try {
      app.synthYaml();
      expect(validate).toHaveBeenCalledTimes(5); // one per object, not per object and chart (6 passes)
      app.synthYaml();
      expect(validate).toHaveBeenCalledTimes(5); // nothing changed
      new ApiObject(new Construct(new Construct(app.node.findChild('c0'), 'a'), 'b'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
      app.synthYaml();
      expect(validate.mock.calls.length).toBeGreaterThan(5);
    } finally {
      validate.mockRestore();
    }
  });
});
