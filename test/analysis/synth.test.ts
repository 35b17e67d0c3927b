import { ApiObject, App, Chart } from 'cdk8s';
import * as gatewayapi from '../../imports/standard/gateway.networking.k8s.io';
import {
  AutoGrants, Backend, BackendTlsPolicy, CaCertificateRef, Listener, ListenerNamespaces, ListenerSet, PlatformGateway,
  PolicyTarget, ReferenceGrant, ReferenceGrants, RouteNamespaces, TeamRoute,
} from '../../src';
import { GatewayApiAnalyzer } from '../../src/analysis';
import { CheckMode } from '../../src/core';
import { GatewayApiAnalysis } from '../../src/synth';

/** A platform chart (infra) and a team chart (team-a), as separate charts of one App. */
function app(teamNamespace: string, labelled: boolean): { app: App; team: Chart } {
  const a = new App();
  const platform = new Chart(a, 'platform', { namespace: 'infra' });
  new ApiObject(platform, 'ns-team', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: teamNamespace, labels: labelled ? { 'gateway-access': 'true' } : {} },
  });
  new gatewayapi.Gateway(platform, 'gateway', {
    metadata: { name: 'shared' },
    spec: {
      gatewayClassName: 'shared',
      listeners: [{
        name: 'http',
        protocol: 'HTTP',
        port: 80,
        hostname: '*.example.com',
        allowedRoutes: { namespaces: { from: gatewayapi.GatewaySpecListenersAllowedRoutesNamespacesFrom.SELECTOR, selector: { matchLabels: { 'gateway-access': 'true' } } } },
      }],
    },
  });
  const team = new Chart(a, 'team', { namespace: teamNamespace });
  new ApiObject(team, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'store' }, spec: { ports: [{ port: 8080 }] } });
  new gatewayapi.HttpRoute(team, 'route', {
    metadata: { name: 'store' },
    spec: {
      parentRefs: [{ name: 'shared', namespace: 'infra', sectionName: 'http' }],
      hostnames: ['store.example.com'],
      rules: [{ backendRefs: [{ name: 'store', port: 8080 }] }],
    },
  });
  return { app: a, team };
}

describe('GatewayApiAnalysis.enable', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => { stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterEach(() => stderr.mockRestore());

  test('a route that attaches: synth succeeds and the report is available', () => {
    const { app: a } = app('team-a', true);
    const analysis = GatewayApiAnalysis.enable(a);
    expect(GatewayApiAnalysis.enable(a)).toBe(analysis);
    expect(() => a.synthYaml()).not.toThrow();
    expect(analysis.lastReport!.routeResults.map((r) => [r.route.name, r.accepted, r.resolvedRefs])).toStrictEqual([['store', 'True', 'True']]);
  });

  test('a route that would not be Accepted fails synth with the construct path, reason, listener and fix', () => {
    const { team } = app('team-a', false);
    GatewayApiAnalysis.enable(team); // enabling on a chart analyses the whole App
    expect(() => (team.node.root as App).synthYaml()).toThrow(
      /team\/route: \[Accepted=NotAllowedByListeners\] HTTPRoute team-a\/store is not accepted by Gateway infra\/shared: .*Listener\(s\) considered: infra\/shared\/http\. Fix: Label namespace "team-a" with gateway-access=true/,
    );
  });

  test('completeNamespaces turns a missing backend into BackendNotFound; WARN mode prints instead of failing', () => {
    const { app: a, team } = app('team-a', true);
    team.node.tryRemoveChild('svc');
    GatewayApiAnalysis.enable(a, { completeNamespaces: ['team-a'], mode: CheckMode.WARN });
    expect(() => a.synthYaml()).not.toThrow();
    const printed = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(printed).toContain('team/route: [ResolvedRefs=BackendNotFound]');

    const strict = app('team-a', true);
    strict.team.node.tryRemoveChild('svc');
    GatewayApiAnalysis.enable(strict.app, { completeNamespaces: ['team-a'] });
    expect(() => strict.app.synthYaml()).toThrow(/\[ResolvedRefs=BackendNotFound\]/);
  });

  test('a second enable merges its options, like GatewayApiValidation.enable', () => {
    const { app: a, team } = app('team-a', true);
    team.node.tryRemoveChild('svc');
    const first = GatewayApiAnalysis.enable(a, { completeNamespaces: ['team-a'], mode: CheckMode.WARN });
    expect(a.synthYaml()).toBeDefined(); // WARN: printed only
    const second = GatewayApiAnalysis.enable(a, { mode: CheckMode.ERROR });
    expect(second).toBe(first);
    expect(second.mode).toBe(CheckMode.ERROR);
    // completeNamespaces (given first, left out second) is kept: the missing Service is an error now
    expect(() => a.synthYaml()).toThrow(/\[ResolvedRefs=BackendNotFound\]/);
    GatewayApiAnalysis.enable(a, {}); // nothing given: nothing changes
    expect(second.mode).toBe(CheckMode.ERROR);
  });

  test('OFF does not analyse; the mode can be set on the instance', () => {
    const { app: a } = app('team-a', false); // the route would be NotAllowedByListeners
    const analysis = GatewayApiAnalysis.of(a);
    analysis.mode = CheckMode.OFF;
    expect(() => a.synthYaml()).not.toThrow();
    expect(analysis.lastReport).toBeUndefined();
    analysis.mode = CheckMode.ERROR;
    expect(() => a.synthYaml()).toThrow(/\[Accepted=NotAllowedByListeners\]/);
  });

  test('fails if the mode is not a CheckMode', () => {
    const { app: a } = app('team-a', true);
    expect(() => GatewayApiAnalysis.enable(a, { mode: 'loud' as CheckMode })).toThrow(/unknown analysis mode "loud"/);
  });
});

describe('GatewayApiAnalysis per synth', () => {
  test('analyses the app once per synth, although cdk8s validates once per chart', () => {
    const { app: a } = app('team-a', true);
    GatewayApiAnalysis.enable(a);
    const analyze = jest.spyOn(GatewayApiAnalyzer.prototype, 'analyze');
    try {
      a.synthYaml();
      expect(analyze).toHaveBeenCalledTimes(1);
    } finally {
      analyze.mockRestore();
    }
  });

  test('analyses again when constructs were added since the last synth', async () => {
    const { app: a, team } = app('team-a', true);
    const analysis = GatewayApiAnalysis.enable(a);
    a.synthYaml();
    expect(analysis.lastReport?.errors()).toStrictEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    new gatewayapi.HttpRoute(team, 'late', {
      metadata: { name: 'late' },
      spec: { parentRefs: [{ name: 'shared', namespace: 'infra', sectionName: 'nope' }], rules: [{ backendRefs: [{ name: 'store', port: 8080 }] }] },
    });
    expect(() => a.synthYaml()).toThrow(/NoMatchingParent/);
  });
});

describe('GatewayApiAnalysis with the L2 constructs', () => {
  test('counts grants declared with ReferenceGrant.fromReferenceGrantName() as present in the cluster', () => {
    const a = new App();
    const infra = new Chart(a, 'infra', { namespace: 'infra' });
    const gw = new PlatformGateway(infra, 'gw', {
      metadata: { name: 'shared' },
      gatewayClassName: 'shared',
      listeners: [Listener.http({ hostname: '*.example.com', allowedRoutes: { namespaces: RouteNamespaces.all() } })],
    });
    const team = new Chart(a, 'team', { namespace: 'checkout' });
    ReferenceGrants.setAutoGrants(team, AutoGrants.OFF);
    new TeamRoute(team, 'pay', { metadata: { name: 'pay' }, parents: [gw], rules: [{ backendRefs: [Backend.fromName('payments', { namespace: 'payments', port: 8080 })] }] });
    const analysis = GatewayApiAnalysis.enable(a);
    ReferenceGrant.fromReferenceGrantName(team, 'grant', 'checkout-routes', {
      namespace: 'payments',
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'checkout' }],
      to: [{ group: '', kind: 'Service', name: 'payments' }],
    });
    a.synthYaml();
    expect(analysis.lastReport!.routeResults.map((r) => [r.resolvedRefsReason, r.acceptedReason])).toStrictEqual([['ResolvedRefs', 'Accepted']]);
  });
});

describe('GatewayApiAnalysis fails synth for the issue-13 L2 constructs', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => { stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterEach(() => stderr.mockRestore());

  function platform(a: App, allowed?: ListenerNamespaces): PlatformGateway {
    return new PlatformGateway(new Chart(a, 'infra', { namespace: 'infra' }), 'gw', {
      metadata: { name: 'shared' },
      gatewayClassName: 'shared',
      listeners: [Listener.http({ hostname: '*.example.com', allowedRoutes: { namespaces: RouteNamespaces.all() } })],
      allowedListeners: allowed ? { namespaces: allowed } : undefined,
    });
  }

  test('fails if a BackendTlsPolicy names a CA ConfigMap that does not exist (in a namespace the App owns)', () => {
    const build = (withCa: boolean) => {
      const a = new App();
      const gw = platform(a);
      const team = new Chart(a, 'team', { namespace: 'store' });
      new ApiObject(team, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'auth' }, spec: { ports: [{ name: 'https', port: 443 }] } });
      if (withCa) new ApiObject(team, 'ca', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'auth-ca' }, data: { 'ca.crt': 'PEM' } });
      new TeamRoute(team, 'route', { metadata: { name: 'auth' }, parents: [gw], hostnames: ['auth.example.com'], rules: [{ backendRefs: [Backend.fromName('auth', { port: 443 })] }] });
      new BackendTlsPolicy(team, 'tls', {
        metadata: { name: 'auth-tls' },
        targetRefs: [PolicyTarget.fromServiceName('auth')],
        validation: { hostname: 'auth.store.svc', caCertificateRefs: [CaCertificateRef.fromConfigMapName('auth-ca')] },
      });
      const analysis = GatewayApiAnalysis.enable(a, { completeNamespaces: ['store'] });
      return { a, analysis };
    };
    const broken = build(false);
    expect(() => broken.a.synthYaml()).toThrow(
      /team\/tls\/Resource: \[ResolvedRefs=InvalidCACertificateRef\] BackendTLSPolicy store\/auth-tls: validation.caCertificateRefs\[0\] ConfigMap "auth-ca" does not exist in namespace "store"\..*Fix: Create the ConfigMap in namespace "store"/,
    );
    const fine = build(true);
    expect(() => fine.a.synthYaml()).not.toThrow();
    const policy = fine.analysis.lastReport!.objects.find((o) => o.kind === 'BackendTLSPolicy');
    expect(policy.status.ancestors.map((x: any) => [x.ancestorRef.name, x.conditions.map((c: any) => c.reason)])).toStrictEqual([['shared', ['Accepted', 'ResolvedRefs']]]);
  });

  test('fails if a ListenerSet listener conflicts with a listener of its Gateway (port and hostname taken)', () => {
    const a = new App();
    const gw = platform(a, ListenerNamespaces.all());
    new ListenerSet(new Chart(a, 'team', { namespace: 'store' }), 'ls', {
      metadata: { name: 'store-listeners' },
      parentRef: gw,
      listeners: [
        Listener.http({ name: 'clash', hostname: '*.example.com' }),
        Listener.http({ name: 'own', hostname: 'store.shop.io' }),
      ],
    });
    GatewayApiAnalysis.enable(a);
    expect(() => a.synthYaml()).toThrow(
      /team\/ls\/Resource: \[Conflicted=HostnameConflict\] listener "clash" of ListenerSet store\/store-listeners .*already used on Gateway infra\/shared by listener "http" of Gateway infra\/shared .*which takes precedence\. Fix: Give each listener on this port a distinct hostname\./,
    );
  });
});
