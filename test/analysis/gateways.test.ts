import {
  ACCEPTED, GW, RESOLVED, brief, gateway, httpRoute, listenerSet, listenerStatus, namespace, notAccepted, parentRef, platform,
  referenceGrant, routeConditions, rule, secret, statusOf,
} from './fixtures';
import { GatewayApiAnalyzer, MissingReferencePolicy } from '../../src/analysis';
import { _intersectHostnames, _selectorMatches } from '../../src/analysis/match';

const analyzer = new GatewayApiAnalyzer();

const LISTENER_OK = [
  { type: 'Accepted', status: 'True', reason: 'Accepted' },
  { type: 'Programmed', status: 'True', reason: 'Programmed' },
  { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' },
  { type: 'Conflicted', status: 'False', reason: 'NoConflicts' },
];

describe('Gateway status', () => {
  test('the exact upstream shape: conditions, listeners with supportedKinds and attachedRoutes', () => {
    const report = analyzer.analyze([
      ...platform(),
      httpRoute('team-a', 'store', { parentRefs: [parentRef()], hostnames: ['store.example.com'], rules: [rule()] }),
      httpRoute('team-b', 'search', { parentRefs: [parentRef('https')], hostnames: ['search.example.com'], rules: [rule({ name: 'search', port: 8080 })] }),
      httpRoute('sandbox', 'rejected', { parentRefs: [parentRef('https')], rules: [] }),
    ]);
    const status = statusOf(report.objects, 'Gateway', 'infra', 'shared');
    expect(Object.keys(status)).toStrictEqual(['conditions', 'listeners']);
    expect(brief(status.conditions)).toStrictEqual([
      { type: 'Accepted', status: 'True', reason: 'Accepted' },
      { type: 'Programmed', status: 'True', reason: 'Programmed' },
    ]);
    expect(status.listeners.map((l: any) => ({ ...l, conditions: brief(l.conditions) }))).toStrictEqual([
      { name: 'http', supportedKinds: [{ group: GW, kind: 'HTTPRoute' }, { group: GW, kind: 'GRPCRoute' }], attachedRoutes: 1, conditions: LISTENER_OK },
      { name: 'https', supportedKinds: [{ group: GW, kind: 'HTTPRoute' }, { group: GW, kind: 'GRPCRoute' }], attachedRoutes: 2, conditions: LISTENER_OK },
    ]);
  });

  test('ResolvedRefs InvalidCertificateRef: a missing Secret or an unsupported kind (Programmed False, Gateway ListenersNotValid)', () => {
    const objects = platform().filter((o) => o.kind !== 'Secret');
    const report = analyzer.analyze(objects);
    expect(brief(listenerStatus(report.objects, 'infra', 'shared', 'https').conditions)).toStrictEqual([
      { type: 'Accepted', status: 'True', reason: 'Accepted' },
      { type: 'Programmed', status: 'False', reason: 'Invalid' },
      { type: 'ResolvedRefs', status: 'False', reason: 'InvalidCertificateRef' },
      { type: 'Conflicted', status: 'False', reason: 'NoConflicts' },
    ]);
    expect(brief(statusOf(report.objects, 'Gateway', 'infra', 'shared').conditions)).toStrictEqual([
      { type: 'Accepted', status: 'True', reason: 'ListenersNotValid' },
      { type: 'Programmed', status: 'True', reason: 'Programmed' },
    ]);
    expect(report.errors().map((f) => [f.listener, f.conditionType, f.reason])).toStrictEqual([['infra/shared/https', 'ResolvedRefs', 'InvalidCertificateRef']]);
    // unknown policy: a Secret not in the input is assumed to exist
    expect(analyzer.analyze(objects, { missingReferences: MissingReferencePolicy.UNKNOWN }).findings).toStrictEqual([]);

    const wrongKind = analyzer.analyze([...platform(), gateway('infra', 'gw', [{ name: 'https', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ kind: 'ConfigMap', name: 'cert' }] } }])]);
    expect(listenerStatus(wrongKind.objects, 'infra', 'gw', 'https').conditions[2].reason).toBe('InvalidCertificateRef');
  });

  test('ResolvedRefs RefNotPermitted: a certificate in another namespace needs a ReferenceGrant from Gateways', () => {
    const gw = gateway('infra', 'gw', [{ name: 'https', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ name: 'store-cert', namespace: 'team-a' }] } }]);
    const without = analyzer.analyze([...platform(), secret('team-a', 'store-cert'), gw]);
    expect(listenerStatus(without.objects, 'infra', 'gw', 'https').conditions[2]).toMatchObject({ type: 'ResolvedRefs', status: 'False', reason: 'RefNotPermitted' });
    const grant = referenceGrant('team-a', 'gateways', [{ group: GW, kind: 'Gateway', namespace: 'infra' }], [{ group: '', kind: 'Secret', name: 'store-cert' }]);
    const withGrant = analyzer.analyze([...platform(), secret('team-a', 'store-cert'), gw, grant]);
    expect(brief(listenerStatus(withGrant.objects, 'infra', 'gw', 'https').conditions)).toStrictEqual(LISTENER_OK);
  });

  test('ResolvedRefs InvalidRouteKinds: only the valid kinds are listed in supportedKinds', () => {
    const report = analyzer.analyze([
      ...platform(),
      gateway('infra', 'gw', [
        { name: 'mixed', protocol: 'HTTP', port: 80, allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }, { kind: 'TCPRoute' }, { group: 'example.com', kind: 'FooRoute' }] } },
        { name: 'none', protocol: 'TCP', port: 9000, allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } },
      ]),
    ]);
    const mixed = listenerStatus(report.objects, 'infra', 'gw', 'mixed');
    expect(mixed.supportedKinds).toStrictEqual([{ group: GW, kind: 'HTTPRoute' }]);
    expect(brief(mixed.conditions)).toStrictEqual([
      { type: 'Accepted', status: 'True', reason: 'Accepted' },
      { type: 'Programmed', status: 'True', reason: 'Programmed' },
      { type: 'ResolvedRefs', status: 'False', reason: 'InvalidRouteKinds' },
      { type: 'Conflicted', status: 'False', reason: 'NoConflicts' },
    ]);
    const none = listenerStatus(report.objects, 'infra', 'gw', 'none');
    expect(none.supportedKinds).toStrictEqual([]);
    expect(none.conditions[1].reason).toBe('Invalid');
  });

  test('Conflicted: HostnameConflict (same port, protocol and hostname) and ProtocolConflict (HTTP and HTTPS on one port)', () => {
    const report = analyzer.analyze([
      ...platform(),
      gateway('infra', 'gw', [
        { name: 'a', protocol: 'HTTP', port: 80, hostname: 'a.example.com' },
        { name: 'a-again', protocol: 'HTTP', port: 80, hostname: 'a.example.com' },
        { name: 'b', protocol: 'HTTP', port: 80, hostname: 'b.example.com' },
        { name: 'plain', protocol: 'HTTP', port: 8443 },
        { name: 'tls', protocol: 'HTTPS', port: 8443, tls: { certificateRefs: [{ name: 'wildcard-example-com' }] } },
        { name: 'tcp', protocol: 'TCP', port: 53 },
        { name: 'udp', protocol: 'UDP', port: 53 },
      ]),
    ]);
    const conflicted = (n: string) => brief(listenerStatus(report.objects, 'infra', 'gw', n).conditions).slice(1).filter((c) => c.type !== 'ResolvedRefs');
    expect(conflicted('a')).toStrictEqual([{ type: 'Programmed', status: 'False', reason: 'Invalid' }, { type: 'Conflicted', status: 'True', reason: 'HostnameConflict' }]);
    expect(conflicted('a-again')).toStrictEqual([{ type: 'Programmed', status: 'False', reason: 'Invalid' }, { type: 'Conflicted', status: 'True', reason: 'HostnameConflict' }]);
    expect(conflicted('b')).toStrictEqual([{ type: 'Programmed', status: 'True', reason: 'Programmed' }, { type: 'Conflicted', status: 'False', reason: 'NoConflicts' }]);
    expect(conflicted('plain')).toStrictEqual([{ type: 'Programmed', status: 'False', reason: 'Invalid' }, { type: 'Conflicted', status: 'True', reason: 'ProtocolConflict' }]);
    expect(conflicted('tls')[1]).toStrictEqual({ type: 'Conflicted', status: 'True', reason: 'ProtocolConflict' });
    expect(conflicted('tcp')[1]).toStrictEqual({ type: 'Conflicted', status: 'False', reason: 'NoConflicts' });
    expect(conflicted('udp')[1]).toStrictEqual({ type: 'Conflicted', status: 'False', reason: 'NoConflicts' });
  });

  test('Accepted UnsupportedProtocol; a Gateway whose listeners are all invalid is not accepted', () => {
    const report = analyzer.analyze([...platform(), gateway('infra', 'gw', [{ name: 'quic', protocol: 'example.com/QUIC', port: 443 }]),
      httpRoute('infra', 'r', { parentRefs: [{ name: 'gw' }], rules: [] })]);
    expect(brief(listenerStatus(report.objects, 'infra', 'gw', 'quic').conditions).slice(0, 2)).toStrictEqual([
      { type: 'Accepted', status: 'False', reason: 'UnsupportedProtocol' },
      { type: 'Programmed', status: 'False', reason: 'Invalid' },
    ]);
    expect(brief(statusOf(report.objects, 'Gateway', 'infra', 'gw').conditions)).toStrictEqual([
      { type: 'Accepted', status: 'False', reason: 'ListenersNotValid' },
      { type: 'Programmed', status: 'False', reason: 'Invalid' },
    ]);
    expect(routeConditions(report.objects, 'infra', 'r')).toStrictEqual([notAccepted('NotAllowedByListeners'), RESOLVED]);
  });

  test('a GatewayClass missing from the input is an error; its controllerName is used when present', () => {
    const report = analyzer.analyze(platform().filter((o) => o.kind !== 'GatewayClass'));
    expect(report.errors().map((f) => [f.objectRef.kind, f.reason])).toStrictEqual([['Gateway', 'Pending']]);
    expect(analyzer.analyze(platform().filter((o) => o.kind !== 'GatewayClass'), { externalObjects: [{ group: GW, kind: 'GatewayClass', name: 'shared' }] }).findings).toStrictEqual([]);
  });
});

describe('ListenerSet (GEP-1713 conformance expectations)', () => {
  const base = (from: any) => [
    ...platform(),
    namespace('team-a', { 'gateway-access': 'true', 'listeners': 'yes' }),
    gateway('infra', 'edge', [{ name: 'http', protocol: 'HTTP', port: 80, hostname: 'edge.example.com' }], { allowedListeners: { namespaces: from } }),
    secret('team-a', 'store-cert'),
    listenerSet('team-a', 'store-listeners', { name: 'edge', namespace: 'infra' }, [
      { name: 'store', protocol: 'HTTPS', port: 443, hostname: 'store.example.com', tls: { certificateRefs: [{ name: 'store-cert' }] } },
      { name: 'clash', protocol: 'HTTP', port: 80, hostname: 'edge.example.com' },
    ]),
    httpRoute('team-a', 'store', { parentRefs: [{ kind: 'ListenerSet', name: 'store-listeners', sectionName: 'store' }], rules: [rule()] }),
    httpRoute('team-a', 'via-gateway', { parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'store' }], rules: [rule()] }),
  ];
  const SELECTED = { from: 'Selector', selector: { matchLabels: { listeners: 'yes' } } };
  const PORT_UNAVAILABLE = (conflict: string) => [
    { type: 'Accepted', status: 'False', reason: 'PortUnavailable' },
    { type: 'Programmed', status: 'False', reason: 'PortUnavailable' },
    { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' },
    { type: 'Conflicted', status: 'True', reason: conflict },
  ];

  test('an allowed ListenerSet is merged into its Gateway; a listener clashing with the Gateway\'s is PortUnavailable/Conflicted; routes attach to the ListenerSet', () => {
    const report = analyzer.analyze(base(SELECTED));
    const ls = statusOf(report.objects, 'ListenerSet', 'team-a', 'store-listeners');
    expect(brief(ls.conditions)).toStrictEqual([
      { type: 'Accepted', status: 'True', reason: 'Accepted' },
      { type: 'Programmed', status: 'True', reason: 'Programmed' },
    ]);
    expect(ls.listeners.map((l: any) => ({ ...l, conditions: brief(l.conditions) }))).toStrictEqual([
      { name: 'store', supportedKinds: [{ group: GW, kind: 'HTTPRoute' }, { group: GW, kind: 'GRPCRoute' }], attachedRoutes: 1, conditions: LISTENER_OK },
      { name: 'clash', supportedKinds: [{ group: GW, kind: 'HTTPRoute' }, { group: GW, kind: 'GRPCRoute' }], attachedRoutes: 0, conditions: PORT_UNAVAILABLE('HostnameConflict') },
    ]);
    // the Gateway's own listener takes precedence and stays valid
    expect(brief(listenerStatus(report.objects, 'infra', 'edge', 'http').conditions)).toStrictEqual(LISTENER_OK);
    expect(brief(statusOf(report.objects, 'Gateway', 'infra', 'edge').conditions)).toStrictEqual([
      { type: 'Accepted', status: 'True', reason: 'Accepted' },
      { type: 'Programmed', status: 'True', reason: 'Programmed' },
    ]);
    expect(statusOf(report.objects, 'Gateway', 'infra', 'edge').attachedListenerSets).toBe(1);
    expect(routeConditions(report.objects, 'team-a', 'store')).toStrictEqual([ACCEPTED, RESOLVED]);
    expect(statusOf(report.objects, 'HTTPRoute', 'team-a', 'store').parents[0].parentRef).toStrictEqual({ group: GW, kind: 'ListenerSet', name: 'store-listeners', sectionName: 'store' });
    // a route naming the Gateway only sees the Gateway's own listeners
    expect(routeConditions(report.objects, 'team-a', 'via-gateway')).toStrictEqual([notAccepted('NoMatchingParent'), RESOLVED]);
  });

  test('a Gateway without allowedListeners (None) or from Same rejects the ListenerSet (NotAllowed)', () => {
    for (const from of [{ from: 'None' }, { from: 'Same' }]) {
      const report = analyzer.analyze(base(from));
      const ls = statusOf(report.objects, 'ListenerSet', 'team-a', 'store-listeners');
      expect(brief(ls.conditions)).toStrictEqual([
        { type: 'Accepted', status: 'False', reason: 'NotAllowed' },
        { type: 'Programmed', status: 'False', reason: 'NotAllowed' },
      ]);
      expect(statusOf(report.objects, 'Gateway', 'infra', 'edge').attachedListenerSets).toBe(0);
      expect(routeConditions(report.objects, 'team-a', 'store')).toStrictEqual([notAccepted('NoMatchingParent'), RESOLVED]);
    }
  });

  test('ListenerSets merge oldest first: the newer one\'s only listener conflicts (ListenersNotValid, not counted)', () => {
    const older = listenerSet('team-b', 'older', { name: 'edge', namespace: 'infra' }, [{ name: 'api', protocol: 'HTTP', port: 8080, hostname: 'api.example.com' }]);
    older.metadata.creationTimestamp = '2025-01-01T00:00:00Z';
    const newer = listenerSet('team-a', 'newer', { name: 'edge', namespace: 'infra' }, [{ name: 'api', protocol: 'TCP', port: 8080 }]);
    newer.metadata.creationTimestamp = '2026-01-01T00:00:00Z';
    const report = analyzer.analyze([...platform(), gateway('infra', 'edge', [], { allowedListeners: { namespaces: { from: 'All' } } }), newer, older]);
    expect(brief(statusOf(report.objects, 'ListenerSet', 'team-b', 'older').conditions)[0]).toStrictEqual({ type: 'Accepted', status: 'True', reason: 'Accepted' });
    const n = statusOf(report.objects, 'ListenerSet', 'team-a', 'newer');
    expect(brief(n.conditions)).toStrictEqual([
      { type: 'Accepted', status: 'False', reason: 'ListenersNotValid' },
      { type: 'Programmed', status: 'False', reason: 'ListenersNotValid' },
    ]);
    expect(brief(n.listeners[0].conditions)).toStrictEqual(PORT_UNAVAILABLE('ProtocolConflict'));
    expect(statusOf(report.objects, 'Gateway', 'infra', 'edge').attachedListenerSets).toBe(1);
  });

  test('ReferenceGrants are not inherited: a grant to the Gateway does not cover the ListenerSet\'s listener', () => {
    const objects = [
      ...platform(),
      secret('shared-services', 'cert'),
      gateway('infra', 'edge', [{ name: 'http', protocol: 'HTTP', port: 80 }], { allowedListeners: { namespaces: { from: 'All' } } }),
      referenceGrant('shared-services', 'gateways', [{ group: GW, kind: 'Gateway', namespace: 'infra' }], [{ group: '', kind: 'Secret' }]),
      listenerSet('team-a', 'ls', { name: 'edge', namespace: 'infra' }, [
        { name: 'tls', protocol: 'HTTPS', port: 443, hostname: 'a.example.com', tls: { certificateRefs: [{ name: 'cert', namespace: 'shared-services' }] } },
        { name: 'plain', protocol: 'HTTP', port: 80, hostname: 'a.example.com' },
      ]),
    ];
    const report = analyzer.analyze(objects);
    const ls = statusOf(report.objects, 'ListenerSet', 'team-a', 'ls');
    expect(brief(ls.conditions)).toStrictEqual([
      { type: 'Accepted', status: 'True', reason: 'Accepted' },
      { type: 'Programmed', status: 'True', reason: 'Programmed' },
    ]);
    expect(brief(ls.listeners[0].conditions)).toStrictEqual([
      { type: 'Accepted', status: 'False', reason: 'Invalid' },
      { type: 'Programmed', status: 'False', reason: 'Invalid' },
      { type: 'ResolvedRefs', status: 'False', reason: 'RefNotPermitted' },
      { type: 'Conflicted', status: 'False', reason: 'NoConflicts' },
    ]);
    const granted = analyzer.analyze([...objects, referenceGrant('shared-services', 'ls', [{ group: GW, kind: 'ListenerSet', namespace: 'team-a' }], [{ group: '', kind: 'Secret', name: 'cert' }])]);
    expect(brief(statusOf(granted.objects, 'ListenerSet', 'team-a', 'ls').listeners[0].conditions)).toStrictEqual(LISTENER_OK);
  });

  test('allowedRoutes Same on a ListenerSet listener means the ListenerSet\'s namespace', () => {
    const report = analyzer.analyze([
      ...platform(),
      gateway('infra', 'edge', [], { allowedListeners: { namespaces: { from: 'All' } } }),
      listenerSet('team-a', 'ls', { name: 'edge', namespace: 'infra' }, [{ name: 'http', protocol: 'HTTP', port: 80 }]),
      httpRoute('team-a', 'same', { parentRefs: [{ kind: 'ListenerSet', name: 'ls' }], rules: [rule()] }),
      httpRoute('team-b', 'other', { parentRefs: [{ kind: 'ListenerSet', name: 'ls', namespace: 'team-a' }], rules: [rule({ name: 'search', port: 8080 })] }),
    ]);
    expect(routeConditions(report.objects, 'team-a', 'same')).toStrictEqual([ACCEPTED, RESOLVED]);
    expect(routeConditions(report.objects, 'team-b', 'other')).toStrictEqual([notAccepted('NotAllowedByListeners'), RESOLVED]);
  });
});

describe('overlaps (warnings)', () => {
  test('RuleShadowed: an identical match later in the same namespace; HostnamePathConflict: two teams on the same hostname and path', () => {
    const report = analyzer.analyze([
      ...platform(),
      httpRoute('team-a', 'store', {
        parentRefs: [parentRef()],
        hostnames: ['shop.example.com'],
        rules: [rule(undefined, [{ path: { type: 'PathPrefix', value: '/cart' } }]), rule(undefined, [{ path: { type: 'PathPrefix', value: '/cart/' } }])],
      }),
      httpRoute('team-a', 'store-v2', { parentRefs: [parentRef('https')], hostnames: ['shop.example.com'], rules: [rule(undefined, [{ path: { type: 'Exact', value: '/checkout' } }])] }),
      httpRoute('team-a', 'store-dup', { parentRefs: [parentRef('https')], hostnames: ['shop.example.com'], rules: [rule(undefined, [{ path: { type: 'Exact', value: '/checkout' } }])] }),
      httpRoute('team-b', 'search', {
        parentRefs: [parentRef('https')],
        hostnames: ['shop.example.com'],
        rules: [rule({ name: 'search', port: 8080 }, [{ path: { type: 'PathPrefix', value: '/cart' }, headers: [{ name: 'x-team', value: 'b' }] }])],
      }),
      // different hostnames or paths: no warning
      httpRoute('team-b', 'other', { parentRefs: [parentRef('https')], hostnames: ['search.example.com'], rules: [rule({ name: 'search', port: 8080 }, [{ path: { value: '/cart' } }])] }),
    ]);
    expect(report.errors()).toStrictEqual([]);
    expect(report.warnings().map((f) => [f.objectRef.namespace, f.objectRef.name, f.conditionType, f.reason])).toStrictEqual([
      ['team-a', 'store', 'Shadowed', 'RuleShadowed'],
      ['team-a', 'store-dup', 'Shadowed', 'RuleShadowed'],
      ['team-b', 'search', 'Shadowed', 'HostnamePathConflict'],
    ]);
    expect(report.warnings()[0].message).toContain('rules[1] match PathPrefix /cart on hostname shop.example.com is shadowed by rules[0] of the same route');
    expect(report.warnings()[1].message).toContain('shadowed by rules[0] of HTTPRoute team-a/store-v2');
  });

  test('precedence: creationTimestamp first, then input order', () => {
    const older = httpRoute('team-b', 'older', { parentRefs: [parentRef('https')], hostnames: ['x.example.com'], rules: [rule({ name: 'search', port: 8080 })] });
    older.metadata.creationTimestamp = '2025-01-01T00:00:00Z';
    const newer = httpRoute('team-a', 'newer', { parentRefs: [parentRef('https')], hostnames: ['x.example.com'], rules: [rule()] });
    newer.metadata.creationTimestamp = '2026-01-01T00:00:00Z';
    const report = analyzer.analyze([...platform(), newer, older]);
    expect(report.warnings().map((f) => [f.objectRef.name, f.reason])).toStrictEqual([['newer', 'HostnamePathConflict']]);
  });
});

describe('hostnames and selectors', () => {
  test.each([
    [undefined, undefined, ['*']],
    [undefined, ['a.example.com'], ['a.example.com']],
    ['*.example.com', undefined, ['*.example.com']],
    ['*.example.com', ['a.example.com', 'a.b.example.com', 'example.com', 'a.example.org'], ['a.example.com', 'a.b.example.com']],
    ['a.example.com', ['*.example.com'], ['a.example.com']],
    ['a.example.com', ['*.a.example.com'], []],
    ['*.example.com', ['*.b.example.com'], ['*.b.example.com']],
    ['*.b.example.com', ['*.example.com'], ['*.b.example.com']],
    ['*.example.com', ['*.example.org'], []],
    ['a.example.com', ['A.example.com'], []],
  ])('listener %s x route %j = %j', (listener, route, expected) => {
    expect(_intersectHostnames(listener, route)).toStrictEqual(expected);
  });

  test('label selectors: matchLabels and every operator', () => {
    const labels = { 'team': 'a', 'tier': 'prod', 'kubernetes.io/metadata.name': 'team-a' };
    expect(_selectorMatches({}, labels)).toBe(true);
    expect(_selectorMatches({ matchLabels: { team: 'a' } }, labels)).toBe(true);
    expect(_selectorMatches({ matchLabels: { team: 'b' } }, labels)).toBe(false);
    expect(_selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['prod', 'stage'] }] }, labels)).toBe(true);
    expect(_selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['prod'] }] }, labels)).toBe(false);
    expect(_selectorMatches({ matchExpressions: [{ key: 'missing', operator: 'NotIn', values: ['x'] }] }, labels)).toBe(true);
    expect(_selectorMatches({ matchExpressions: [{ key: 'team', operator: 'Exists' }] }, labels)).toBe(true);
    expect(_selectorMatches({ matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, labels)).toBe(false);
    expect(_selectorMatches({ matchExpressions: [{ key: 'missing', operator: 'In', values: ['x'] }] }, labels)).toBe(false);
  });
});

describe('overlaps: defaults and attachment to conflicted listeners', () => {
  test('an HTTPRoute without rules claims PathPrefix / (the API-server default rule)', () => {
    const report = analyzer.analyze([
      ...platform(),
      httpRoute('team-a', 'catch-all', { parentRefs: [parentRef('http')], hostnames: ['www.example.com'] }),
      httpRoute('team-b', 'root', { parentRefs: [parentRef('http')], hostnames: ['www.example.com'], rules: [rule({ name: 'search', port: 8080 }, [{ path: { type: 'PathPrefix', value: '/' } }])] }),
    ]);
    expect(report.warnings().map((f) => [f.objectRef.name, f.reason])).toStrictEqual([['root', 'HostnamePathConflict']]);
  });

  test('routes still attach to (and are counted on) a conflicted listener', () => {
    const report = analyzer.analyze([
      ...platform(),
      gateway('infra', 'gw', [
        { name: 'a', protocol: 'HTTP', port: 80, hostname: 'a.example.com', allowedRoutes: { namespaces: { from: 'All' } } },
        { name: 'a-again', protocol: 'HTTP', port: 80, hostname: 'a.example.com' },
      ]),
      httpRoute('team-a', 'r', { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'a' }], rules: [rule()] }),
    ]);
    expect(routeConditions(report.objects, 'team-a', 'r')).toStrictEqual([ACCEPTED, RESOLVED]);
    expect(listenerStatus(report.objects, 'infra', 'gw', 'a').attachedRoutes).toBe(1);
  });
});

describe('BackendTLSPolicy and GRPCRoute', () => {
  test('BackendTLSPolicy: a missing CA ConfigMap is an error, a missing target Service a warning', () => {
    const policy = {
      apiVersion: `${GW}/v1`,
      kind: 'BackendTLSPolicy',
      metadata: { name: 'auth-tls', namespace: 'shared-services' },
      spec: { targetRefs: [{ group: '', kind: 'Service', name: 'auth' }, { group: '', kind: 'Service', name: 'gone' }], validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }], hostname: 'auth.internal' } },
    };
    const report = analyzer.analyze([...platform(), policy]);
    expect(report.findings.map((f) => [f.severity, f.conditionType, f.reason])).toStrictEqual([
      ['error', 'ResolvedRefs', 'InvalidCACertificateRef'],
      ['warning', 'Accepted', 'TargetNotFound'],
    ]);
    const ca = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ca', namespace: 'shared-services' }, data: { 'ca.crt': '...' } };
    expect(analyzer.analyze([...platform(), policy, ca]).errors()).toStrictEqual([]);
  });

  test('GRPCRoute: attaches to HTTP/HTTPS listeners; identical method matches from two teams conflict', () => {
    const grpc = (ns: string, name: string, backend: string) => ({
      apiVersion: `${GW}/v1`,
      kind: 'GRPCRoute',
      metadata: { name, namespace: ns },
      spec: { parentRefs: [parentRef('https')], hostnames: ['api.example.com'], rules: [{ matches: [{ method: { service: 'shop.Cart', method: 'Add' } }], backendRefs: [{ name: backend, port: 8080 }] }] },
    });
    const report = analyzer.analyze([...platform(), grpc('team-a', 'cart', 'store'), grpc('team-b', 'cart-copy', 'search')]);
    expect(routeConditions(report.objects, 'team-a', 'cart', 0, 'GRPCRoute')).toStrictEqual([ACCEPTED, RESOLVED]);
    expect(report.warnings().map((f) => [f.objectRef.name, f.reason])).toStrictEqual([['cart-copy', 'HostnamePathConflict']]);
  });
});
