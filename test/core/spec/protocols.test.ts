import {
  compatibleRouteKinds, defaultRouteKinds, familiesCanSharePort, isCoreProtocol, isDomainPrefixedProtocol, listenerRouteKinds,
  listenerTerminatesTls, protocolFamily, protocolsForRouteKind,
} from '../../../src/core/spec';

describe('listener protocols', () => {
  test.each<[string, string[] | undefined, string[] | undefined]>([
    ['HTTP', ['HTTPRoute', 'GRPCRoute'], ['HTTPRoute', 'GRPCRoute']],
    ['HTTPS', ['HTTPRoute', 'GRPCRoute'], ['HTTPRoute', 'GRPCRoute']],
    ['TLS', ['TLSRoute'], ['TLSRoute', 'TCPRoute']],
    ['TCP', ['TCPRoute'], ['TCPRoute']],
    ['UDP', ['UDPRoute'], ['UDPRoute']],
    ['example.com/quic', undefined, undefined],
    ['http', undefined, undefined],
  ])('%s: default kinds %p, compatible kinds %p', (p, defaults, compatible) => {
    expect(defaultRouteKinds(p)).toEqual(defaults);
    expect(compatibleRouteKinds(p)).toEqual(compatible);
    expect(isCoreProtocol(p)).toBe(defaults !== undefined);
  });

  test.each<[string, boolean]>([['example.com/quic', true], ['a.b/C1', true], ['quic', false], ['example.com/', false], [`${'a'.repeat(252)}.io/x`, false]])(
    'isDomainPrefixedProtocol(%p) is %p', (p, ok) => expect(isDomainPrefixedProtocol(p)).toBe(ok));

  test.each<[string[], boolean]>([
    [[], true], [['http'], true], [['http', 'http'], true], [['tcp', 'udp'], true],
    [['http', 'tls'], false], [['tcp', 'tls'], false], [['udp', 'http'], false],
  ])('families %p may share a port: %p', (f, ok) => expect(familiesCanSharePort(f)).toBe(ok));

  test.each<[string, string | undefined, boolean]>([
    ['HTTPS', undefined, true], ['TLS', undefined, true], ['TLS', 'Terminate', true], ['TLS', 'Passthrough', false],
    ['HTTP', undefined, false], ['TCP', 'Terminate', false], ['example.com/quic', undefined, false],
  ])('a %s listener with tls.mode %p terminates TLS: %p', (p, mode, yes) => expect(listenerTerminatesTls(p, mode)).toBe(yes));

  test('families and the protocols of a route kind', () => {
    expect(['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP', 'X'].map(protocolFamily)).toEqual(['http', 'tls', 'tls', 'tcp', 'udp', undefined]);
    expect(protocolsForRouteKind('GRPCRoute')).toEqual(['HTTP', 'HTTPS']);
    expect(protocolsForRouteKind('TCPRoute')).toEqual(['TCP']);
    expect(protocolsForRouteKind('Foo')).toEqual([]);
  });

  test.each<[string, any, { supported: string[] | undefined; invalid: string[] }]>([
    ['HTTP', undefined, { supported: ['HTTPRoute', 'GRPCRoute'], invalid: [] }],
    ['HTTP', [], { supported: ['HTTPRoute', 'GRPCRoute'], invalid: [] }],
    ['HTTP', [{ kind: 'HTTPRoute' }, { kind: 'HTTPRoute' }], { supported: ['HTTPRoute'], invalid: [] }],
    ['HTTP', [{ kind: 'TCPRoute' }], { supported: [], invalid: ['gateway.networking.k8s.io/TCPRoute'] }],
    ['HTTPS', [{ group: 'example.com', kind: 'HTTPRoute' }], { supported: [], invalid: ['example.com/HTTPRoute'] }],
    ['TLS', [{ kind: 'TCPRoute' }], { supported: ['TCPRoute'], invalid: [] }],
    ['example.com/quic', [{ kind: 'HTTPRoute' }], { supported: undefined, invalid: [] }],
  ])('%s listener with kinds %j', (p, kinds, out) => expect(listenerRouteKinds(p, kinds)).toEqual(out));
});
