import {
  ACCEPTED, GW, RESOLVED, httpRoute, notAccepted, notResolved, parentRef, platform, referenceGrant, route, routeConditions, rule,
  service, statusOf, gateway, listenerSet, namespace,
} from './fixtures';
import { FindingSeverity, GatewayApiAnalyzer, MissingReferencePolicy } from '../../src/analysis';

const analyzer = new GatewayApiAnalyzer();

describe('route Accepted', () => {
  test('a team route on a labelled namespace is accepted by both listeners', () => {
    const report = analyzer.analyze([
      ...platform(),
      httpRoute('team-a', 'store', { parentRefs: [parentRef()], hostnames: ['store.example.com'], rules: [rule()] }),
    ]);
    const parents = statusOf(report.objects, 'HTTPRoute', 'team-a', 'store').parents;
    expect(parents).toHaveLength(1);
    expect(parents[0].parentRef).toStrictEqual({ group: GW, kind: 'Gateway', namespace: 'infra', name: 'shared' });
    expect(parents[0].controllerName).toBe('example.net/gateway-controller');
    expect(routeConditions(report.objects, 'team-a', 'store')).toStrictEqual([ACCEPTED, RESOLVED]);
    expect(parents[0].conditions[0]).toStrictEqual({
      type: 'Accepted',
      status: 'True',
      reason: 'Accepted',
      message: 'Accepted by listener "http", listener "https".',
      lastTransitionTime: '1970-01-01T00:00:00Z',
    });
    expect(report.routeResults[0].attachedListeners).toStrictEqual(['infra/shared/http', 'infra/shared/https']);
    expect(report.findings).toStrictEqual([]);
  });

  test('NotAllowedByListeners: the namespace does not carry the selector label', () => {
    const report = analyzer.analyze([
      ...platform(),
      httpRoute('sandbox', 'experiment', { parentRefs: [parentRef('https')], hostnames: ['exp.example.com'], rules: [rule({ name: 'exp', port: 80 })] }),
      service('sandbox', 'exp', [{ port: 80 }]),
    ]);
    expect(routeConditions(report.objects, 'sandbox', 'experiment')).toStrictEqual([notAccepted('NotAllowedByListeners'), RESOLVED]);
    const [f] = report.errors();
    expect(f).toMatchObject({
      severity: FindingSeverity.ERROR,
      conditionType: 'Accepted',
      reason: 'NotAllowedByListeners',
      listener: 'infra/shared/https',
      objectRef: { group: GW, kind: 'HTTPRoute', namespace: 'sandbox', name: 'experiment' },
      parentRef: { group: GW, kind: 'Gateway', namespace: 'infra', name: 'shared', sectionName: 'https' },
    });
    expect(f.message).toContain('{gateway-access=true}');
    expect(f.fix).toContain('kubectl label namespace sandbox gateway-access=true');
  });

  test('NotAllowedByListeners: from Same (the default) rejects other namespaces', () => {
    const report = analyzer.analyze([
      ...platform(),
      gateway('infra', 'internal', [{ name: 'http', protocol: 'HTTP', port: 8080 }]),
      httpRoute('team-a', 'store', { parentRefs: [{ name: 'internal', namespace: 'infra' }], rules: [rule()] }),
      httpRoute('infra', 'status-page', { parentRefs: [{ name: 'internal' }], rules: [rule({ name: 'status', port: 8080 })] }),
      service('infra', 'status'),
    ]);
    expect(routeConditions(report.objects, 'team-a', 'store')).toStrictEqual([notAccepted('NotAllowedByListeners'), RESOLVED]);
    expect(routeConditions(report.objects, 'infra', 'status-page')).toStrictEqual([ACCEPTED, RESOLVED]);
  });

  test('NotAllowedByListeners: the route kind is not allowed on the listener', () => {
    const report = analyzer.analyze([
      ...platform(),
      gateway('infra', 'grpc-only', [{ name: 'grpc', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'GRPCRoute' }] } }]),
      httpRoute('team-a', 'store', { parentRefs: [{ name: 'grpc-only', namespace: 'infra' }], rules: [rule()] }),
      route('TCPRoute', 'team-a', 'db', { parentRefs: [parentRef('http')], rules: [rule()] }),
    ]);
    expect(routeConditions(report.objects, 'team-a', 'store')).toStrictEqual([notAccepted('NotAllowedByListeners'), RESOLVED]);
    expect(routeConditions(report.objects, 'team-a', 'db', 0, 'TCPRoute')).toStrictEqual([notAccepted('NotAllowedByListeners'), RESOLVED]);
  });

  test('Selector with matchExpressions and the implicit kubernetes.io/metadata.name label', () => {
    const objects = [
      ...platform(),
      gateway('infra', 'expr', [{
        name: 'http',
        protocol: 'HTTP',
        port: 80,
        allowedRoutes: { namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['team-a', 'team-b'] }, { key: 'frozen', operator: 'DoesNotExist' }] } } },
      }]),
      httpRoute('team-a', 'a', { parentRefs: [{ name: 'expr', namespace: 'infra' }], rules: [rule()] }),
      httpRoute('team-b', 'b', { parentRefs: [{ name: 'expr', namespace: 'infra' }], rules: [rule({ name: 'search', port: 8080 })] }),
      httpRoute('sandbox', 'c', { parentRefs: [{ name: 'expr', namespace: 'infra' }], rules: [] }),
    ];
    // team-b is frozen
    objects[2] = namespace('team-b', { 'gateway-access': 'true', 'frozen': 'yes' });
    const report = analyzer.analyze(objects);
    expect(routeConditions(report.objects, 'team-a', 'a')).toStrictEqual([ACCEPTED, RESOLVED]);
    expect(routeConditions(report.objects, 'team-b', 'b')).toStrictEqual([notAccepted('NotAllowedByListeners'), RESOLVED]);
    expect(routeConditions(report.objects, 'sandbox', 'c')).toStrictEqual([notAccepted('NotAllowedByListeners'), RESOLVED]);
  });

  test('NoMatchingListenerHostname: the route hostname is outside the listener wildcard', () => {
    const report = analyzer.analyze([
      ...platform(),
      httpRoute('team-a', 'store', { parentRefs: [parentRef('https')], hostnames: ['store.example.org', 'example.com'], rules: [rule()] }),
    ]);
    expect(routeConditions(report.objects, 'team-a', 'store')).toStrictEqual([notAccepted('NoMatchingListenerHostname'), RESOLVED]);
    expect(report.errors()[0].message).toContain('"https" (*.example.com)');
  });

  test('hostname intersection: a route wildcard narrower than the listener wildcard attaches', () => {
    const report = analyzer.analyze([
      ...platform(),
      httpRoute('team-a', 'store', { parentRefs: [parentRef('https')], hostnames: ['*.store.example.com'], rules: [rule()] }),
    ]);
    expect(routeConditions(report.objects, 'team-a', 'store')).toStrictEqual([ACCEPTED, RESOLVED]);
  });

  test('NoMatchingParent: sectionName or port that names no listener', () => {
    const report = analyzer.analyze([
      ...platform(),
      httpRoute('team-a', 'typo', { parentRefs: [parentRef('htps')], rules: [rule()] }),
      httpRoute('team-a', 'port', { parentRefs: [parentRef(undefined, { port: 8443 })], rules: [rule()] }),
      httpRoute('team-a', 'both', { parentRefs: [parentRef('http', { port: 443 })], rules: [rule()] }),
      httpRoute('team-a', 'ok-port', { parentRefs: [parentRef(undefined, { port: 443 })], hostnames: ['a.example.com'], rules: [rule()] }),
    ]);
    for (const name of ['typo', 'port', 'both']) {
      expect(routeConditions(report.objects, 'team-a', name)).toStrictEqual([notAccepted('NoMatchingParent'), RESOLVED]);
    }
    expect(routeConditions(report.objects, 'team-a', 'ok-port')).toStrictEqual([ACCEPTED, RESOLVED]);
    const typo = report.errors().find((f) => f.objectRef.name === 'typo')!;
    expect(typo.fix).toBe('Set sectionName to one of the listener names: "http" (port 80), "https" (port 443).');
  });

  test('a parent that is not in the input: no status entry, an error (or nothing when unknown)', () => {
    const objects = [...platform(), httpRoute('team-a', 'store', { parentRefs: [{ name: 'gone', namespace: 'infra' }], rules: [rule()] })];
    const strict = analyzer.analyze(objects);
    expect(statusOf(strict.objects, 'HTTPRoute', 'team-a', 'store')).toStrictEqual({ parents: [] });
    expect(strict.errors().map((f) => f.reason)).toStrictEqual(['NoMatchingParent']);
    const lenient = analyzer.analyze(objects, { missingReferences: MissingReferencePolicy.UNKNOWN });
    expect(lenient.findings).toStrictEqual([]);
    const external = analyzer.analyze(objects, { externalObjects: [{ group: GW, kind: 'Gateway', namespace: 'infra', name: 'gone' }] });
    expect(external.findings).toStrictEqual([]);
  });

  test('UnsupportedValue: every rule invalid rejects the route; some invalid rules are dropped (PartiallyInvalid)', () => {
    const report = analyzer.analyze([
      ...platform(),
      httpRoute('team-a', 'all-bad', { parentRefs: [parentRef('http')], rules: [rule(undefined, [{ path: { type: 'Regex', value: '/x' } }])] }),
      httpRoute('team-a', 'some-bad', {
        parentRefs: [parentRef('http')],
        rules: [rule(undefined, [{ path: { value: '/ok' } }]), { matches: [{ path: { value: '/bad' } }], filters: [{ type: 'Teleport' }], backendRefs: [{ name: 'store', port: 8080 }] }],
      }),
    ]);
    expect(routeConditions(report.objects, 'team-a', 'all-bad')).toStrictEqual([notAccepted('UnsupportedValue'), RESOLVED]);
    expect(routeConditions(report.objects, 'team-a', 'some-bad')).toStrictEqual([ACCEPTED, RESOLVED, { type: 'PartiallyInvalid', status: 'True', reason: 'UnsupportedValue' }]);
    const partial = statusOf(report.objects, 'HTTPRoute', 'team-a', 'some-bad').parents[0].conditions[2];
    expect(partial.message).toMatch(/^Dropped Rule\(s\) rules\[1\]/);
  });

  test('IncompatibleFilters: RequestRedirect with URLRewrite', () => {
    const report = analyzer.analyze([
      ...platform(),
      httpRoute('team-a', 'redirect', {
        parentRefs: [parentRef('http')],
        rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }, { type: 'URLRewrite', urlRewrite: { hostname: 'x' } }] }],
      }),
    ]);
    expect(routeConditions(report.objects, 'team-a', 'redirect')).toStrictEqual([notAccepted('IncompatibleFilters'), RESOLVED]);
  });

  test('one status entry per parentRef, in parentRefs order: one accepted, one rejected', () => {
    const report = analyzer.analyze([
      ...platform(),
      gateway('infra', 'internal', [{ name: 'http', protocol: 'HTTP', port: 80, hostname: 'internal.example.net', allowedRoutes: { namespaces: { from: 'All' } } }]),
      httpRoute('team-a', 'store', { parentRefs: [parentRef('http'), { name: 'internal', namespace: 'infra' }], hostnames: ['store.example.net'], rules: [rule()] }),
    ]);
    const parents = statusOf(report.objects, 'HTTPRoute', 'team-a', 'store').parents;
    expect(parents.map((p: any) => p.parentRef.name)).toStrictEqual(['shared', 'internal']);
    expect(parents.map((p: any) => p.conditions[0].reason)).toStrictEqual(['NoMatchingListenerHostname', 'NoMatchingListenerHostname']);
    const fixed = analyzer.analyze([
      ...platform(),
      gateway('infra', 'internal', [{ name: 'http', protocol: 'HTTP', port: 80, hostname: 'store.example.net', allowedRoutes: { namespaces: { from: 'All' } } }]),
      httpRoute('team-a', 'store', { parentRefs: [parentRef('http'), { name: 'internal', namespace: 'infra' }], hostnames: ['store.example.net'], rules: [rule()] }),
    ]);
    expect(routeConditions(fixed.objects, 'team-a', 'store', 0)).toStrictEqual([notAccepted('NoMatchingListenerHostname'), RESOLVED]);
    expect(routeConditions(fixed.objects, 'team-a', 'store', 1)).toStrictEqual([ACCEPTED, RESOLVED]);
  });
});

describe('route ResolvedRefs', () => {
  const crossNs = (grants: any[] = []) => analyzer.analyze([
    ...platform(),
    ...grants,
    httpRoute('team-a', 'store', { parentRefs: [parentRef('https')], hostnames: ['store.example.com'], rules: [rule({ name: 'auth', namespace: 'shared-services', port: 8080 })] }),
  ]);

  test('RefNotPermitted: a backend in shared-services without a ReferenceGrant', () => {
    const report = crossNs();
    expect(routeConditions(report.objects, 'team-a', 'store')).toStrictEqual([ACCEPTED, notResolved('RefNotPermitted')]);
    expect(report.errors()[0].fix).toContain('ReferenceGrant');
  });

  test('a ReferenceGrant for the route kind and namespace (named or whole kind) permits it', () => {
    const named = referenceGrant('shared-services', 'team-a-auth', [{ group: GW, kind: 'HTTPRoute', namespace: 'team-a' }], [{ group: '', kind: 'Service', name: 'auth' }]);
    const whole = referenceGrant('shared-services', 'team-a-all', [{ group: GW, kind: 'HTTPRoute', namespace: 'team-a' }], [{ group: '', kind: 'Service' }]);
    expect(routeConditions(crossNs([named]).objects, 'team-a', 'store')).toStrictEqual([ACCEPTED, RESOLVED]);
    expect(routeConditions(crossNs([whole]).objects, 'team-a', 'store')).toStrictEqual([ACCEPTED, RESOLVED]);
  });

  test('a ReferenceGrant for another kind, namespace, name or in the wrong namespace does not', () => {
    const grants = [
      referenceGrant('shared-services', 'grpc', [{ group: GW, kind: 'GRPCRoute', namespace: 'team-a' }], [{ group: '', kind: 'Service', name: 'auth' }]),
      referenceGrant('shared-services', 'team-b', [{ group: GW, kind: 'HTTPRoute', namespace: 'team-b' }], [{ group: '', kind: 'Service', name: 'auth' }]),
      referenceGrant('shared-services', 'other', [{ group: GW, kind: 'HTTPRoute', namespace: 'team-a' }], [{ group: '', kind: 'Service', name: 'billing' }]),
      referenceGrant('team-a', 'wrong-ns', [{ group: GW, kind: 'HTTPRoute', namespace: 'team-a' }], [{ group: '', kind: 'Service', name: 'auth' }]),
    ];
    expect(routeConditions(crossNs(grants).objects, 'team-a', 'store')).toStrictEqual([ACCEPTED, notResolved('RefNotPermitted')]);
  });

  test('InvalidKind: a backend that is not a core Service', () => {
    const report = analyzer.analyze([
      ...platform(),
      httpRoute('team-a', 'cm', { parentRefs: [parentRef('http')], rules: [rule({ kind: 'ConfigMap', name: 'store', port: 8080 })] }),
      httpRoute('team-a', 'custom', { parentRefs: [parentRef('http')], rules: [rule({ group: 'example.com', kind: 'Backend', name: 'store' })] }),
    ]);
    expect(routeConditions(report.objects, 'team-a', 'cm')).toStrictEqual([ACCEPTED, notResolved('InvalidKind')]);
    expect(routeConditions(report.objects, 'team-a', 'custom')).toStrictEqual([ACCEPTED, notResolved('InvalidKind')]);
  });

  test('BackendNotFound: a missing Service, a port the Service does not expose, a missing RequestMirror backend', () => {
    const report = analyzer.analyze([
      ...platform(),
      httpRoute('team-a', 'missing', { parentRefs: [parentRef('http')], rules: [rule({ name: 'nope', port: 8080 })] }),
      httpRoute('team-a', 'port', { parentRefs: [parentRef('http')], rules: [rule({ name: 'store', port: 9090 })] }),
      httpRoute('team-a', 'mirror', {
        parentRefs: [parentRef('http')],
        rules: [{ filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 8080 } } }], backendRefs: [{ name: 'store', port: 8080 }] }],
      }),
    ]);
    for (const name of ['missing', 'port', 'mirror']) {
      expect(routeConditions(report.objects, 'team-a', name)).toStrictEqual([ACCEPTED, notResolved('BackendNotFound')]);
    }
    expect(report.errors().find((f) => f.objectRef.name === 'port')!.message).toContain('has no port 9090');
  });

  test('missing references: unknown policy, complete namespaces and external objects', () => {
    const objects = [...platform(), httpRoute('team-a', 'missing', { parentRefs: [parentRef('http')], rules: [rule({ name: 'nope', port: 8080 })] })];
    expect(routeConditions(analyzer.analyze(objects, { missingReferences: MissingReferencePolicy.UNKNOWN }).objects, 'team-a', 'missing'))
      .toStrictEqual([ACCEPTED, RESOLVED]);
    expect(routeConditions(analyzer.analyze(objects, { missingReferences: MissingReferencePolicy.UNKNOWN, completeNamespaces: ['team-a'] }).objects, 'team-a', 'missing'))
      .toStrictEqual([ACCEPTED, notResolved('BackendNotFound')]);
    expect(routeConditions(analyzer.analyze(objects, { externalObjects: [{ kind: 'Service', namespace: 'team-a', name: 'nope' }] }).objects, 'team-a', 'missing'))
      .toStrictEqual([ACCEPTED, RESOLVED]);
  });

  test('UnsupportedProtocol: the Service port speaks a protocol the route kind cannot', () => {
    const report = analyzer.analyze([
      ...platform(),
      service('team-a', 'db', [{ port: 5432, appProtocol: 'postgresql' }]),
      service('team-a', 'ws', [{ port: 8080, appProtocol: 'kubernetes.io/ws' }]),
      httpRoute('team-a', 'db', { parentRefs: [parentRef('http')], rules: [rule({ name: 'db', port: 5432 })] }),
      httpRoute('team-a', 'ws', { parentRefs: [parentRef('http')], rules: [rule({ name: 'ws', port: 8080 })] }),
      route('GRPCRoute', 'team-a', 'grpc-ws', { parentRefs: [parentRef('http')], rules: [rule({ name: 'ws', port: 8080 })] }),
    ]);
    expect(routeConditions(report.objects, 'team-a', 'db')).toStrictEqual([ACCEPTED, notResolved('UnsupportedProtocol')]);
    expect(routeConditions(report.objects, 'team-a', 'ws')).toStrictEqual([ACCEPTED, RESOLVED]);
    expect(routeConditions(report.objects, 'team-a', 'grpc-ws', 0, 'GRPCRoute')).toStrictEqual([ACCEPTED, notResolved('UnsupportedProtocol')]);
  });
});

describe('other route kinds', () => {
  test('TLSRoute on a Passthrough TLS listener, TCPRoute and UDPRoute on theirs, each only where its kind is supported', () => {
    const report = analyzer.analyze([
      ...platform(),
      gateway('infra', 'l4', [
        { name: 'tls', protocol: 'TLS', port: 8443, hostname: '*.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: { namespaces: { from: 'All' } } },
        { name: 'tcp', protocol: 'TCP', port: 5432, allowedRoutes: { namespaces: { from: 'All' } } },
        { name: 'udp', protocol: 'UDP', port: 5432, allowedRoutes: { namespaces: { from: 'All' } } },
      ]),
      route('TLSRoute', 'team-a', 'tls', { parentRefs: [{ name: 'l4', namespace: 'infra' }], hostnames: ['db.example.com'], rules: [rule()] }),
      route('TLSRoute', 'team-a', 'tls-other', { parentRefs: [{ name: 'l4', namespace: 'infra' }], hostnames: ['db.example.org'], rules: [rule()] }),
      route('TCPRoute', 'team-a', 'tcp', { parentRefs: [{ name: 'l4', namespace: 'infra', sectionName: 'tcp' }], rules: [rule()] }),
      route('UDPRoute', 'team-a', 'udp', { parentRefs: [{ name: 'l4', namespace: 'infra', sectionName: 'tcp' }], rules: [rule()] }),
    ]);
    expect(routeConditions(report.objects, 'team-a', 'tls', 0, 'TLSRoute')).toStrictEqual([ACCEPTED, RESOLVED]);
    expect(routeConditions(report.objects, 'team-a', 'tls-other', 0, 'TLSRoute')).toStrictEqual([notAccepted('NoMatchingListenerHostname'), RESOLVED]);
    expect(routeConditions(report.objects, 'team-a', 'tcp', 0, 'TCPRoute')).toStrictEqual([ACCEPTED, RESOLVED]);
    expect(routeConditions(report.objects, 'team-a', 'udp', 0, 'UDPRoute')).toStrictEqual([notAccepted('NotAllowedByListeners'), RESOLVED]);
    const l4 = statusOf(report.objects, 'Gateway', 'infra', 'l4');
    expect(l4.listeners.map((l: any) => [l.name, l.attachedRoutes, l.conditions[3].reason])).toStrictEqual([
      ['tls', 1, 'NoConflicts'], ['tcp', 1, 'NoConflicts'], ['udp', 0, 'NoConflicts'],
    ]);
  });

  test('mesh parents (Service) are analysed as GAMMA routes (see attachment-complete.test.ts)', () => {
    const report = analyzer.analyze([...platform(), httpRoute('team-a', 'mesh', { parentRefs: [{ group: '', kind: 'Service', name: 'store' }], rules: [rule()] })]);
    const parents = statusOf(report.objects, 'HTTPRoute', 'team-a', 'mesh').parents;
    expect(parents.map((p: any) => [p.parentRef, p.controllerName, p.conditions.map((c: any) => c.reason)])).toStrictEqual([
      [{ group: '', kind: 'Service', name: 'store' }, 'unknown-controller/mesh', ['Accepted', 'ResolvedRefs']],
    ]);
    expect(report.findings).toStrictEqual([]);
  });
});

describe('determinism and inputs', () => {
  test('inputs are not modified; the output is the same twice; options set the transition time and default namespace', () => {
    const objects = [...platform(), httpRoute('team-a', 'store', { parentRefs: [parentRef()], rules: [rule()] })];
    const before = JSON.stringify(objects);
    const a = analyzer.analyze(objects);
    const b = analyzer.analyze(objects);
    expect(JSON.stringify(objects)).toBe(before);
    expect(a.objects).toStrictEqual(b.objects);
    expect(a.objects[0]).not.toBe(objects[0]);
    const c = analyzer.analyze(objects, { lastTransitionTime: '2026-01-01T00:00:00Z' });
    expect(statusOf(c.objects, 'HTTPRoute', 'team-a', 'store').parents[0].conditions[0].lastTransitionTime).toBe('2026-01-01T00:00:00Z');
  });

  test('fails if the engine writes into its inputs: deep-frozen inputs (with a prior status, ListenerSets) analyse like copies', () => {
    const deepFreeze = (x: any): any => {
      if (x && typeof x === 'object') {
        for (const v of Object.values(x)) deepFreeze(v);
        Object.freeze(x);
      }
      return x;
    };
    const build = () => [
      ...platform(),
      gateway('infra', 'edge', [{ name: 'http', protocol: 'HTTP', port: 80 }], { allowedListeners: { namespaces: { from: 'All' } } }),
      { ...listenerSet('team-a', 'extra', { name: 'edge', namespace: 'infra' }, [{ name: 'more', protocol: 'HTTP', port: 8080 }]), status: { listeners: [] } },
      { ...listenerSet('team-a', 'orphan', { name: 'missing', namespace: 'infra' }, [{ name: 'x', protocol: 'HTTP', port: 80 }]), status: { listeners: [] } },
      { ...httpRoute('team-a', 'store', { parentRefs: [parentRef()], rules: [rule()] }), status: { parents: [] } },
    ];
    const frozen = deepFreeze(build());
    const before = JSON.stringify(frozen);
    const report = analyzer.analyze(frozen);
    expect(JSON.stringify(frozen)).toBe(before);
    expect(report.objects).toStrictEqual(analyzer.analyze(build()).objects);
    expect(statusOf(report.objects, 'HTTPRoute', 'team-a', 'store').parents).toHaveLength(1);
  });

  test('objects without a namespace are in defaultNamespace', () => {
    const gw = gateway('x', 'gw', [{ name: 'http', protocol: 'HTTP', port: 80 }]);
    delete gw.metadata.namespace;
    const r = httpRoute('x', 'r', { parentRefs: [{ name: 'gw' }], rules: [rule({ name: 'svc', port: 8080 })] });
    delete r.metadata.namespace;
    const svc = service('apps', 'svc');
    const report = analyzer.analyze([gw, r, svc], { defaultNamespace: 'apps', missingReferences: MissingReferencePolicy.UNKNOWN });
    expect(routeConditions(report.objects, undefined as any, 'r')).toStrictEqual([ACCEPTED, RESOLVED]);
    expect(statusOf(report.objects, 'HTTPRoute', undefined, 'r').parents[0].controllerName).toBe('unknown-controller/shared');
  });
});

describe('schema-invalid shapes (the validator reports them) do not crash the analysis', () => {
  test.each([
    ['a null backendRef', { rules: [{ backendRefs: [null] }] }],
    ['backendRefs that is not a list', { rules: [{ backendRefs: 'store' }] }],
    ['rules that is not a list', { rules: { backendRefs: [] } }],
    ['a null match and queryParams that is not a list', { rules: [{ matches: [null, { queryParams: 'x', headers: [null] }] }] }],
  ])('%s', (_name, spec) => {
    const objects = [...platform(), httpRoute('team-a', 'bad', { parentRefs: [parentRef()], ...spec })];
    expect(() => analyzer.analyze(objects)).not.toThrow();
  });
});
