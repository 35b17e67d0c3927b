/**
 * Every public method of the library's constructs (and of the route rules they hand out) either changes nothing the
 * synth-time checks read (QUERIES) or makes the next synth check afresh, even in the same synchronous run. The list of
 * methods comes from the classes themselves, so a new method fails here until it is classified and, for a mutator,
 * shown to change the fingerprint that begins a new pass of the synth runner (src/core/epoch.ts, src/synth/runner.ts).
 */
import { App, Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as lib from '../../src';
import {
  Backend, BackendTlsPolicy, CaCertificateRef, CanaryRoute, CertificateRef, GatewayAddress, HeaderMatch, HttpRouteFilter,
  Listener, ListenerSet, PathMatch, PlatformGateway, PolicyAttachment, PolicyTarget, ReferenceGrant, RouteNamespaces,
  SessionPersistence, SubjectAltName, TeamGrpcRoute, TeamRoute, TeamTcpRoute, TeamTlsRoute, TeamUdpRoute,
} from '../../src';
import { _synthFingerprint } from '../../src/core/epoch';

interface World { app: App; infra: Chart; team: Chart; gw: PlatformGateway }

function world(): World {
  const app = new App();
  const infra = new Chart(app, 'infra', { namespace: 'infra' });
  const team = new Chart(app, 'team', { namespace: 'team' });
  const gw = new PlatformGateway(infra, 'gw', {
    gatewayClassName: 'internet',
    tls: { frontendValidation: { caCertificateRefs: [CaCertificateRef.fromConfigMapName('ca')] } },
    listeners: [Listener.http({ allowedRoutes: { namespaces: RouteNamespaces.all() } })],
  });
  return { app, infra, team, gw };
}

const backend = () => Backend.fromName('store', { port: 8080 });

/** Methods that read only: calling them must not make the checks run again. */
const QUERIES = new Set([
  'ReferenceGrant.allows',
  'PlatformGateway.checkRouteAttachment', 'PlatformGateway.checkListenerSetAttachment', 'ListenerSet.checkRouteAttachment',
  'CanaryRoute.checkWeights', // a private helper of the constructor and updateWeights
  'HttpRouteRule.allFilters',
  'IngressMigration.build', // a private helper of the constructor
]);

/** One call of each mutator on a fresh app: returns the app, after the call. */
const MUTATORS: Record<string, (w: World) => () => unknown> = {
  'ReferenceGrant.addFrom': (w) => { const o = new ReferenceGrant(w.infra, 'g', { to: [{ group: '', kind: 'Service' }] }); return () => o.addFrom({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'team' }); },
  'ReferenceGrant.addTo': (w) => { const o = new ReferenceGrant(w.infra, 'g', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'team' }] }); return () => o.addTo({ group: '', kind: 'Service' }); },
  'PlatformGateway.addListener': (w) => { const o = w.gw; return () => o.addListener(Listener.http({ name: 'alt', port: 8080 })); },
  'PlatformGateway.addAddress': (w) => { const o = w.gw; return () => o.addAddress(GatewayAddress.ipAddress('10.0.0.1')); },
  'PlatformGateway.addFrontendValidationForPort': (w) => {
    w.gw.addListener(Listener.https({ name: 'tls', hostname: 'a.example.com', certificateRefs: [CertificateRef.fromName('cert')] }));
    return () => w.gw.addFrontendValidationForPort({ port: 443, caCertificateRefs: [CaCertificateRef.fromConfigMapName('ca')] });
  },
  'PlatformGateway.redirectHttpToHttps': (w) => { const o = w.gw; return () => o.redirectHttpToHttps(); },
  'ListenerSet.addListener': (w) => { const o = new ListenerSet(w.infra, 'ls', { parentRef: w.gw, listeners: [Listener.http({ name: 'a', port: 81 })] }); return () => o.addListener(Listener.http({ name: 'b', port: 82 })); },
  'BackendTlsPolicy.addTarget': (w) => { const o = tlsPolicy(w); return () => o.addTarget(PolicyTarget.fromServiceName('other')); },
  'BackendTlsPolicy.addCaCertificateRef': (w) => { const o = tlsPolicy(w); return () => o.addCaCertificateRef(CaCertificateRef.fromConfigMapName('ca2')); },
  'BackendTlsPolicy.addSubjectAltName': (w) => { const o = tlsPolicy(w); return () => o.addSubjectAltName(SubjectAltName.hostname('b.example.com')); },
  'PolicyAttachment.addTarget': (w) => { const o = vendorPolicy(w); return () => o.addTarget(PolicyTarget.fromServiceName('other')); },
  'PolicyAttachment.addToSpec': (w) => { const o = vendorPolicy(w); return () => o.addToSpec('timeout', '10s'); },
  'TeamRouteBase.attachTo': (w) => { const o = new TeamRoute(w.team, 'r'); return () => lib.TeamRouteBase.prototype.attachTo.call(o, w.gw); },
  'TeamRouteBase.addParentRef': (w) => { const o = new TeamRoute(w.team, 'r'); return () => lib.TeamRouteBase.prototype.addParentRef.call(o, { name: 'gw', namespace: 'infra' }); },
  'TeamRoute.addHostname': (w) => { const o = new TeamRoute(w.team, 'r'); return () => o.addHostname('a.example.com'); },
  'TeamRoute.addRule': (w) => { const o = new TeamRoute(w.team, 'r'); return () => o.addRule({ backendRefs: [backend()] }); },
  'HttpRouteRule.addMatch': (w) => { const o = new TeamRoute(w.team, 'r').addRule(); return () => o.addMatch({ path: PathMatch.prefix('/a') }); },
  'HttpRouteRule.addFilter': (w) => { const o = new TeamRoute(w.team, 'r').addRule(); return () => o.addFilter(HttpRouteFilter.requestHeaderModifier({ set: { a: 'b' } })); },
  'HttpRouteRule.addBackend': (w) => { const o = new TeamRoute(w.team, 'r').addRule(); return () => o.addBackend(backend()); },
  'HttpRouteRule.configureTimeouts': (w) => { const o = new TeamRoute(w.team, 'r').addRule(); return () => o.configureTimeouts({ request: Duration.seconds(5) }); },
  'HttpRouteRule.configureRetry': (w) => { const o = new TeamRoute(w.team, 'r').addRule(); return () => o.configureRetry({ attempts: 2 }); },
  'HttpRouteRule.configureSessionPersistence': (w) => { const o = new TeamRoute(w.team, 'r').addRule(); return () => o.configureSessionPersistence(SessionPersistence.cookie()); },
  'TeamGrpcRoute.addHostname': (w) => { const o = new TeamGrpcRoute(w.team, 'r'); return () => o.addHostname('a.example.com'); },
  'TeamGrpcRoute.addRule': (w) => { const o = new TeamGrpcRoute(w.team, 'r'); return () => o.addRule({ backendRefs: [backend()] }); },
  'GrpcRouteRule.addMatch': (w) => { const o = new TeamGrpcRoute(w.team, 'r').addRule(); return () => o.addMatch({ headers: [HeaderMatch.exact('a', 'b')] }); },
  'GrpcRouteRule.addFilter': (w) => { const o = new TeamGrpcRoute(w.team, 'r').addRule(); return () => o.addFilter(lib.GrpcRouteFilter.requestHeaderModifier({ set: { a: 'b' } })); },
  'GrpcRouteRule.addBackend': (w) => { const o = new TeamGrpcRoute(w.team, 'r').addRule(); return () => o.addBackend(backend()); },
  'GrpcRouteRule.configureSessionPersistence': (w) => { const o = new TeamGrpcRoute(w.team, 'r').addRule(); return () => o.configureSessionPersistence(SessionPersistence.header()); },
  'TeamTlsRoute.addHostname': (w) => { const o = new TeamTlsRoute(w.team, 'r'); return () => o.addHostname('a.example.com'); },
  'TeamTlsRoute.addBackend': (w) => { const o = new TeamTlsRoute(w.team, 'r'); return () => o.addBackend(backend()); },
  'TeamTcpRoute.addBackend': (w) => { const o = new TeamTcpRoute(w.team, 'r'); return () => o.addBackend(backend()); },
  'TeamUdpRoute.addBackend': (w) => { const o = new TeamUdpRoute(w.team, 'r'); return () => o.addBackend(backend()); },
  'CanaryRoute.updateCanaryPercent': (w) => { const o = canary(w); return () => o.updateCanaryPercent(30); },
  'CanaryRoute.updateWeights': (w) => { const o = canary(w); return () => o.updateWeights(70, 30); },
  'CanaryRoute.addHostname': (w) => { const o = canary(w); return () => o.addHostname('a.example.com'); },
  'CanaryRoute.addRule': (w) => { const o = canary(w); return () => o.addRule({ backendRefs: [backend()] }); },
  'CanaryRoute.attachTo': (w) => { const o = canary(w); return () => o.attachTo(w.gw); },
  'CanaryRoute.addParentRef': (w) => { const o = canary(w); return () => o.addParentRef({ name: 'other', namespace: 'infra' }); },
  'TeamRoute.attachTo': (w) => { const o = new TeamRoute(w.team, 'r'); return () => o.attachTo(w.gw); },
  'TeamRoute.addParentRef': (w) => { const o = new TeamRoute(w.team, 'r'); return () => o.addParentRef({ name: 'gw', namespace: 'infra' }); },
  'TeamGrpcRoute.attachTo': (w) => { const o = new TeamGrpcRoute(w.team, 'r'); return () => o.attachTo(w.gw); },
  'TeamGrpcRoute.addParentRef': (w) => { const o = new TeamGrpcRoute(w.team, 'r'); return () => o.addParentRef({ name: 'gw', namespace: 'infra' }); },
  'TeamTlsRoute.attachTo': (w) => { const o = new TeamTlsRoute(w.team, 'r'); return () => o.attachTo(imported(w)); },
  'TeamTlsRoute.addParentRef': (w) => { const o = new TeamTlsRoute(w.team, 'r'); return () => o.addParentRef({ name: 'gw', namespace: 'infra' }); },
  'TeamTcpRoute.attachTo': (w) => { const o = new TeamTcpRoute(w.team, 'r'); return () => o.attachTo(imported(w)); },
  'TeamTcpRoute.addParentRef': (w) => { const o = new TeamTcpRoute(w.team, 'r'); return () => o.addParentRef({ name: 'gw', namespace: 'infra' }); },
  'TeamUdpRoute.attachTo': (w) => { const o = new TeamUdpRoute(w.team, 'r'); return () => o.attachTo(imported(w)); },
  'TeamUdpRoute.addParentRef': (w) => { const o = new TeamUdpRoute(w.team, 'r'); return () => o.addParentRef({ name: 'gw', namespace: 'infra' }); },
};

/** The Gateway of the world, imported without its listeners (any route kind may attach, unchecked). */
function imported(w: World): lib.IRouteParent {
  return PlatformGateway.fromGatewayName(w.team, 'imported', 'gw', { namespace: 'infra' });
}

function tlsPolicy(w: World): BackendTlsPolicy {
  return new BackendTlsPolicy(w.team, 'p', {
    targetRefs: [PolicyTarget.fromServiceName('store')],
    validation: { hostname: 'store.example.com', caCertificateRefs: [CaCertificateRef.fromConfigMapName('ca')] },
  });
}

function vendorPolicy(w: World): PolicyAttachment {
  return new PolicyAttachment(w.team, 'p', { apiVersion: 'example.com/v1', kind: 'TimeoutPolicy', targetRefs: [PolicyTarget.fromServiceName('store')] });
}

function canary(w: World): CanaryRoute {
  return new CanaryRoute(w.team, 'r', { parentRefs: [{ name: 'gw', namespace: 'infra' }], stable: backend(), canary: Backend.fromName('store-canary', { port: 8080 }) });
}

/** `Class.method` of every public method of the library's constructs and route rules. */
function publicMethods(): string[] {
  const out: string[] = [];
  for (const [name, cls] of Object.entries(lib)) {
    if (typeof cls !== 'function' || !cls.prototype) continue;
    const stateful = cls.prototype instanceof Construct || name === 'HttpRouteRule' || name === 'GrpcRouteRule';
    if (!stateful) continue;
    for (const key of Object.getOwnPropertyNames(cls.prototype)) {
      const d = Object.getOwnPropertyDescriptor(cls.prototype, key)!;
      if (key === 'constructor' || key.startsWith('_') || key === 'toJson' || typeof d.value !== 'function') continue;
      out.push(`${name}.${key}`);
    }
  }
  // inherited methods are listed under each class that inherits them (a subclass may override them)
  for (const sub of ['TeamRoute', 'TeamGrpcRoute', 'TeamTlsRoute', 'TeamTcpRoute', 'TeamUdpRoute', 'CanaryRoute']) {
    for (const m of ['attachTo', 'addParentRef']) if (!out.includes(`${sub}.${m}`)) out.push(`${sub}.${m}`);
  }
  for (const m of ['addHostname', 'addRule']) if (!out.includes(`CanaryRoute.${m}`)) out.push(`CanaryRoute.${m}`);
  return out.sort();
}

describe('every public method of the constructs is a classified query or a mutator the checks see', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => { stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterEach(() => stderr.mockRestore());

  test('each public method is listed as a query or a mutator (fails when a new method is not classified)', () => {
    const unclassified = publicMethods().filter((m) => !QUERIES.has(m) && !(m in MUTATORS));
    expect(unclassified).toStrictEqual([]);
  });

  test.each(Object.keys(MUTATORS).sort())('%s makes the next synth check afresh', (name) => {
    const w = world();
    const call = MUTATORS[name](w);
    const before = _synthFingerprint(w.app);
    call();
    expect(_synthFingerprint(w.app)).not.toBe(before);
  });

  test('queries leave the fingerprint alone', () => {
    const w = world();
    const grant = new ReferenceGrant(w.infra, 'g', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'team' }], to: [{ group: '', kind: 'Service' }] });
    const route = new TeamRoute(w.team, 'r');
    const rule = route.addRule({ filters: [HttpRouteFilter.requestHeaderModifier({ set: { a: 'b' } })] });
    const before = _synthFingerprint(w.app);
    grant.allows({ fromGroup: 'gateway.networking.k8s.io', fromKind: 'HTTPRoute', fromNamespace: 'team', toGroup: '', toKind: 'Service', toName: 'x', toNamespace: 'infra' });
    w.gw.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'team' });
    (rule as any).allFilters(); // TypeScript-private, but a method at run time
    expect(_synthFingerprint(w.app)).toBe(before);
  });
});
