import { Testing } from 'cdk8s';
import { charts, experimentalChart, FakeGateway, validationErrors } from './support';
import {
  Backend, GrpcMethodMatch, GrpcRouteFilter, HeaderMatch, HttpRouteFilter, SessionPersistence, TeamGrpcRoute, TeamTcpRoute, TeamTlsRoute,
  TeamUdpRoute, TlsRouteVersion,
} from '../../src';

describe('TeamGrpcRoute', () => {
  test('renders a GRPCRoute', () => {
    const chart = experimentalChart();
    const route = new TeamGrpcRoute(chart, 'route', {
      metadata: { name: 'foo-route' },
      parentRefs: [{ name: 'example-gateway' }],
      hostnames: ['foo.example.com'],
    });
    route.addRule({ name: 'login' })
      .addMatch({ method: GrpcMethodMatch.exact({ service: 'com.example.User', method: 'Login' }) })
      .addMatch({ headers: [HeaderMatch.exact('env', 'canary')] })
      .addFilter(GrpcRouteFilter.requestHeaderModifier({ add: { 'x-route': 'login' } }))
      .addBackend(Backend.fromName('foo-svc', { port: 50051 }));
    route.addRule({ sessionPersistence: SessionPersistence.header({ sessionName: 'x-session' }) })
      .addBackend(Backend.fromName('foo-svc', { port: 50051 }));
    expect(validationErrors(chart)).toStrictEqual([]);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('fails if a rule gets an HTTP-only filter', () => {
    const chart = Testing.chart();
    const rule = new TeamGrpcRoute(chart, 'route').addRule({ name: 'api' });
    const cors: any = HttpRouteFilter.cors({ allowOrigins: ['*'] }); // a compile error in TypeScript and the jsii languages
    expect(() => rule.addFilter(cors)).toThrow(
      'test/route: rule "api": addFilter(CORS): a GRPCRoute cannot use a CORS filter of another route kind: use ' +
      'GrpcRouteFilter.requestHeaderModifier(), .responseHeaderModifier(), .requestMirror() or .extensionRef().',
    );
  });

  test('fails if a rule gets an HTTPRoute filter of a type gRPC also has (from JavaScript)', () => {
    const chart = Testing.chart();
    const filter: any = HttpRouteFilter.responseHeaderModifier({ remove: ['x-internal'] });
    expect(() => new TeamGrpcRoute(chart, 'route').addRule().addFilter(filter)).toThrow(/a GRPCRoute cannot use a ResponseHeaderModifier filter of another route kind/);
    new TeamGrpcRoute(chart, 'route2').addRule().addFilter(GrpcRouteFilter.responseHeaderModifier({ remove: ['x-internal'] }));
  });

  test('fails if a match lists the same header twice', () => {
    const chart = Testing.chart();
    const rule = new TeamGrpcRoute(chart, 'route').addRule();
    expect(() => rule.addMatch({ headers: [HeaderMatch.exact('env', 'a'), HeaderMatch.regex('ENV', 'b.*')] })).toThrow(
      'test/route: rule #1: addMatch(): header "env" is matched twice (header names are case-insensitive): keep one match per header.',
    );
  });

  test('fails synth if it has no rules', () => {
    const chart = Testing.chart();
    new TeamGrpcRoute(chart, 'route', { parentRefs: [{ name: 'gw' }] });
    expect(validationErrors(chart)).toStrictEqual(['test/route: the GRPCRoute has no rules: add one with addRule().']);
  });

  test('asks the parent about a GRPCRoute', () => {
    const { app, charts: [infra] } = charts('infra');
    const gateway = new FakeGateway(infra, 'gw', { name: 'gw', namespace: 'infra', reject: ['listener "http" does not allow GRPCRoute'] });
    new TeamGrpcRoute(infra, 'route', { parents: [gateway], rules: [{ backendRefs: [Backend.fromName('a', { port: 1 })] }] });
    expect(validationErrors(app)).toStrictEqual(['infra/route: listener "http" does not allow GRPCRoute']);
    expect(gateway.requests[0].routeKind).toBe('GRPCRoute');
  });
});

describe('TeamTlsRoute', () => {
  test('renders a v1 TLSRoute with one rule', () => {
    const chart = Testing.chart();
    new TeamTlsRoute(chart, 'route', {
      metadata: { name: 'foo-route' },
      parentRefs: [{ name: 'example-gateway', sectionName: 'tls' }],
      hostnames: ['foo.example.com'],
      ruleName: 'passthrough',
      backendRefs: [Backend.fromName('foo-svc', { port: 443 })],
    });
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TLSRoute',
      metadata: { name: 'foo-route' },
      spec: {
        parentRefs: [{ name: 'example-gateway', sectionName: 'tls' }],
        hostnames: ['foo.example.com'],
        rules: [{ name: 'passthrough', backendRefs: [{ name: 'foo-svc', port: 443 }] }],
      },
    }]);
  });

  test('writes older served versions', () => {
    const chart = experimentalChart();
    new TeamTlsRoute(chart, 'a', { version: TlsRouteVersion.V1ALPHA2, allowUnattached: true, backendRefs: [Backend.fromName('x', { port: 443 })] });
    new TeamTlsRoute(chart, 'b', { version: TlsRouteVersion.V1ALPHA3, allowUnattached: true, hostnames: ['x.example.com'], backendRefs: [Backend.fromName('x', { port: 443 })] });
    expect(Testing.synth(chart).map((o) => o.apiVersion)).toStrictEqual(['gateway.networking.k8s.io/v1alpha2', 'gateway.networking.k8s.io/v1alpha3']);
    expect(validationErrors(chart)).toStrictEqual([]);
  });

  test('fails synth if a v1 TLSRoute has no hostnames or no backends', () => {
    const chart = Testing.chart();
    new TeamTlsRoute(chart, 'route', { parentRefs: [{ name: 'gw' }] });
    expect(validationErrors(chart)).toEqual(expect.arrayContaining([
      'test/route: the TLSRoute has no hostnames (TLSRoute v1 requires at least one): add one with addHostname().',
      'test/route: the TLSRoute has no backends: add one with addBackend() (or backendRefs).',
      expect.stringMatching(/^test\/route\/Resource \(TLSRoute .*\) spec.hostnames: Required value$/),
    ]));
  });

  test('fails if the rule name is invalid', () => {
    expect(() => new TeamTlsRoute(Testing.chart(), 'route', { ruleName: 'Bad Name' })).toThrow(/ruleName: rule name "Bad Name" is not a valid RFC 1123 name/);
  });
});

describe('TeamTcpRoute and TeamUdpRoute', () => {
  test('render one rule with weighted backends', () => {
    const chart = Testing.chart();
    const tcp = new TeamTcpRoute(chart, 'tcp', { metadata: { name: 'tcp-app-1' }, parentRefs: [{ name: 'gw', sectionName: 'foo' }] });
    tcp.addBackend(Backend.fromName('a', { port: 6000, weight: 3 }));
    tcp.addBackend(Backend.fromName('b', { port: 6000, weight: 1 }));
    new TeamUdpRoute(chart, 'udp', {
      metadata: { name: 'udp-app-1' }, parentRefs: [{ name: 'gw', sectionName: 'dns' }], backendRefs: [Backend.fromName('dns', { port: 53 })],
    });
    expect(Testing.synth(chart).map((o) => [o.apiVersion, o.kind, o.spec.rules])).toStrictEqual([
      ['gateway.networking.k8s.io/v1', 'TCPRoute', [{ backendRefs: [{ name: 'a', port: 6000, weight: 3 }, { name: 'b', port: 6000, weight: 1 }] }]],
      ['gateway.networking.k8s.io/v1', 'UDPRoute', [{ backendRefs: [{ name: 'dns', port: 53 }] }]],
    ]);
  });

  test('fails if a TCPRoute gets more than 16 backends', () => {
    const route = new TeamTcpRoute(Testing.chart(), 'route');
    for (let i = 0; i < 16; i++) route.addBackend(Backend.fromName(`b${i}`, { port: 1 }));
    expect(() => route.addBackend(Backend.fromName('b16', { port: 1 }))).toThrow('test/route: addBackend("b16"): a TCPRoute can have at most 16 backends.');
  });

  test('fails synth if a UDPRoute has no backends', () => {
    const chart = Testing.chart();
    new TeamUdpRoute(chart, 'route', { parentRefs: [{ name: 'gw' }] });
    expect(validationErrors(chart)).toEqual(expect.arrayContaining([
      'test/route: the UDPRoute has no backends: add one with addBackend() (or backendRefs).',
      expect.stringMatching(/^test\/route\/Resource \(UDPRoute .*\) spec.rules: Required value$/),
    ]));
  });

  test('fromXName imports return the kind', () => {
    const chart = Testing.chart();
    expect([
      TeamGrpcRoute.fromGrpcRouteName(chart, 'g', 'g').routeKind,
      TeamTlsRoute.fromTlsRouteName(chart, 't', 't').routeKind,
      TeamTcpRoute.fromTcpRouteName(chart, 'c', 'c').routeKind,
      TeamUdpRoute.fromUdpRouteName(chart, 'u', 'u', { namespace: 'ns' }).routeNamespace,
    ]).toStrictEqual(['GRPCRoute', 'TLSRoute', 'TCPRoute', 'ns']);
  });
});
