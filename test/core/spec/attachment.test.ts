import {
  AttachingRoute, AttachmentListener, AttachmentReason, checkAttachment, KnownLabels, listenerSetAdmitted, namespaceAdmitted,
  namespaceLabels, ParentSection, routeKindAdmitted,
} from '../../../src/core/spec';

const NS: { [ns: string]: { [k: string]: string } } = { store: { team: 'store' }, cart: { team: 'cart' } };
const labelsOf = (ns: string): KnownLabels => ({ labels: namespaceLabels(ns, NS[ns]), complete: ns in NS });

const http = (over: Partial<AttachmentListener> = {}): AttachmentListener => ({ name: 'http', port: 80, protocol: 'HTTP', namespace: 'infra', ...over });
const route = (over: Partial<AttachingRoute> = {}): AttachingRoute => ({ kind: 'HTTPRoute', namespace: 'infra', ...over });
const selector = (team: string) => ({ namespaces: { from: 'Selector', selector: { matchLabels: { team } } } });

describe('route attachment', () => {
  const CASES: Array<[string, AttachmentListener[], ParentSection, AttachingRoute, AttachmentReason, string[][]?]> = [
    ['same namespace, default allowedRoutes', [http()], {}, route(), AttachmentReason.ACCEPTED, [['*']]],
    ['fails if another namespace with from: Same', [http()], {}, route({ namespace: 'store' }), AttachmentReason.NOT_ALLOWED_BY_LISTENERS],
    ['from: All admits another namespace', [http({ allowedRoutes: { namespaces: { from: 'All' } } })], {}, route({ namespace: 'store' }), AttachmentReason.ACCEPTED],
    ['from: Selector admits a matching namespace', [http({ allowedRoutes: selector('store') })], {}, route({ namespace: 'store' }), AttachmentReason.ACCEPTED],
    ['fails if the namespace does not match the selector', [http({ allowedRoutes: selector('store') })], {}, route({ namespace: 'cart' }), AttachmentReason.NOT_ALLOWED_BY_LISTENERS],
    ['an unknown namespace cannot be decided (admitted)', [http({ allowedRoutes: selector('store') })], {}, route({ namespace: 'other' }), AttachmentReason.ACCEPTED],
    ['fails if the kind is not served by the protocol', [http()], {}, route({ kind: 'TCPRoute' }), AttachmentReason.NOT_ALLOWED_BY_LISTENERS],
    ['fails if the kind is not listed', [http({ allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }] } })], {}, route(), AttachmentReason.NOT_ALLOWED_BY_LISTENERS],
    ['a listed kind is admitted', [http({ allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }] } })], {}, route({ kind: 'GRPCRoute' }), AttachmentReason.ACCEPTED],
    ['a TCPRoute on a TLS listener that lists it', [http({ protocol: 'TLS', allowedRoutes: { kinds: [{ kind: 'TCPRoute' }] } })], {}, route({ kind: 'TCPRoute' }), AttachmentReason.ACCEPTED],
    ['fails if sectionName names no listener', [http()], { sectionName: 'https' }, route(), AttachmentReason.NO_MATCHING_PARENT],
    ['fails if port matches no listener', [http()], { port: 443 }, route(), AttachmentReason.NO_MATCHING_PARENT],
    ['fails if the parent has no listeners', [], {}, route(), AttachmentReason.NO_MATCHING_PARENT],
    ['sectionName picks one listener', [http(), http({ name: 'other', port: 8080, allowedRoutes: { namespaces: { from: 'All' } } })], { sectionName: 'other' }, route({ namespace: 'store' }), AttachmentReason.ACCEPTED],
    ['one admitting listener is enough', [http(), http({ name: 'all', port: 8080, allowedRoutes: { namespaces: { from: 'All' } } })], {}, route({ namespace: 'store' }), AttachmentReason.ACCEPTED],
    ['wildcard listener hostname covers the route', [http({ hostname: '*.example.com' })], {}, route({ hostnames: ['a.example.com'] }), AttachmentReason.ACCEPTED, [['a.example.com']]],
    ['fails if hostnames do not intersect', [http({ hostname: '*.example.com' })], {}, route({ hostnames: ['example.com'] }), AttachmentReason.NO_MATCHING_LISTENER_HOSTNAME],
    ['the kind reason wins over the hostname reason', [http({ hostname: 'a.com' })], {}, route({ kind: 'TLSRoute', hostnames: ['b.com'] }), AttachmentReason.NOT_ALLOWED_BY_LISTENERS],
    ['hostnames are ignored for TCPRoute', [http({ protocol: 'TCP', port: 9000, hostname: 'a.com' })], {}, route({ kind: 'TCPRoute', hostnames: ['b.com'] }), AttachmentReason.ACCEPTED, [['*']]],
  ];
  test.each(CASES.map((c) => [c[0], c] as const))('%s', (_, [, listeners, section, r, reason, hosts]) => {
    const verdict = checkAttachment(listeners, section, r, labelsOf);
    expect(verdict.reason).toBe(reason);
    expect(verdict.accepted).toBe(reason === AttachmentReason.ACCEPTED);
    if (hosts) expect(verdict.listeners.map((l) => l.hostnames)).toEqual(hosts);
  });

  test.each<[string | undefined, string | undefined, string | undefined, boolean | undefined]>([
    ['Same', 'a', 'a', true], ['Same', 'a', 'b', false], ['Same', undefined, 'b', undefined], ['Same', 'a', undefined, undefined],
    ['All', 'a', 'b', true], ['None', 'a', 'a', false], ['Bogus', 'a', 'a', false], [undefined, 'a', 'b', false],
  ])('namespaceAdmitted(from %p, owner %p, namespace %p) is %p', (from, owner, ns, out) => {
    expect(namespaceAdmitted(from ? { from } : undefined, 'Same', owner, ns, labelsOf)).toBe(out);
  });

  test.each<[string | undefined, string, string, boolean | undefined]>([
    [undefined, 'infra', 'infra', false], ['Same', 'infra', 'infra', true], ['Same', 'infra', 'store', false], ['All', 'infra', 'store', true],
  ])('listenerSetAdmitted(from %p, gateway %p, listener set %p) is %p (None by default)', (from, gw, ls, out) => {
    expect(listenerSetAdmitted(from ? { from } : undefined, gw, ls, labelsOf)).toBe(out);
  });

  test('route kinds of another group or a custom protocol are decided by the explicit list only', () => {
    const custom = http({ protocol: 'example.com/quic' });
    expect(routeKindAdmitted(custom, 'gateway.networking.k8s.io', 'HTTPRoute')).toBeUndefined();
    expect(routeKindAdmitted({ ...custom, allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } }, 'gateway.networking.k8s.io', 'HTTPRoute')).toBe(true);
    expect(routeKindAdmitted(http(), 'example.com', 'FooRoute')).toBeUndefined();
    expect(routeKindAdmitted(http({ allowedRoutes: { kinds: [{ group: 'example.com', kind: 'FooRoute' }] } }), 'example.com', 'FooRoute')).toBe(true);
    expect(routeKindAdmitted(http({ allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } }), 'example.com', 'FooRoute')).toBe(false);
  });
});
