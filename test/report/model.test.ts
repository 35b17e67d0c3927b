import { Testing } from 'cdk8s';
import { topology } from './fixture';
import { ExamplesApp } from '../../examples/app';
import { MissingReferencePolicy } from '../../src';
import { buildGraph, LARGE_APP_LISTENERS, LARGE_APP_ROUTES, viewsOf } from '../../src/report/graph';
import { buildReportModel, RouteItem } from '../../src/report/model';

describe('report model', () => {
  const model = buildReportModel(topology());
  const route = (id: string) => model.byId.get(id) as RouteItem;

  test('GatewayClass → Gateway → listeners with port, protocol, hostname and TLS', () => {
    const gw = model.gateways[0];
    expect(gw.classId).toBe('gc:acme');
    expect(gw.listeners.map((l) => [l.name, l.port, l.protocol, l.hostname, l.tls])).toStrictEqual([
      ['http', 80, 'HTTP', '*.example.com', undefined],
      ['internal', 8080, 'HTTP', undefined, undefined],
      ['dup-a', 9000, 'HTTP', 'dup.example.com', undefined],
      ['dup-b', 9000, 'HTTPS', 'dup.example.com', 'Terminate (dup-cert)'],
    ]);
  });

  test('predicted status from the analysis: accepted, not accepted with the reason, conflicted', () => {
    expect(route('route:HTTPRoute:team-a/shop').state).toBe('ok');
    expect(route('route:HTTPRoute:team-b/sneaky')).toMatchObject({ state: 'error', reason: 'NotAllowedByListeners' });
    expect(route('route:HTTPRoute:team-b/blog')).toMatchObject({ state: 'error', reason: 'RefNotPermitted' });
    expect(model.byId.get('gw:infra/edge#dup-a')).toMatchObject({ state: 'conflicted', reason: 'ProtocolConflict' });
    expect(route('route:HTTPRoute:team-a/shop').status.parents[0].conditions[0]).toMatchObject({ type: 'Accepted', status: 'True' });
  });

  test('weights as percentages; cross-namespace backends carry the ReferenceGrant that allows them, or none', () => {
    const [split, search] = route('route:HTTPRoute:team-a/shop').rules;
    expect(split.backends.map((b) => [b.targetId, b.weight, b.percent])).toStrictEqual([['svc:team-a/cart-v1', 3, 75], ['svc:team-a/cart-v2', 1, 25]]);
    expect(search.backends[0].crossNamespace).toStrictEqual({ grant: 'shared/team-a-search' });
    expect(route('route:HTTPRoute:team-b/blog').rules[0].backends[0].crossNamespace).toStrictEqual({ grant: undefined });
  });

  test('a ReferenceGrant for another name or another namespace allows nothing', () => {
    const objs = topology().map((o) => (o.kind === 'ReferenceGrant' ? { ...o, spec: { ...o.spec, to: [{ group: '', kind: 'Service', name: 'other' }] } } : o));
    const m = buildReportModel(objs);
    expect((m.byId.get('route:HTTPRoute:team-a/shop') as RouteItem).rules[1].backends[0].crossNamespace).toStrictEqual({ grant: undefined });
    expect(m.byId.get('route:HTTPRoute:team-a/shop')!.state).toBe('error');
  });

  test('policies attach where they target; a missing target is a warning', () => {
    expect(model.policies.map((p) => [p.name, p.targetIds])).toStrictEqual([['search-tls', ['svc:shared/search']]]);
    const m = buildReportModel(topology().map((o) => (o.kind === 'BackendTLSPolicy' ? { ...o, spec: { ...o.spec, targetRefs: [{ group: '', kind: 'Service', name: 'gone' }] } } : o)));
    expect(m.policies[0]).toMatchObject({ state: 'warning', missingTargets: ['Service shared/gone'] });
  });

  test('findings from validation, analysis and other sources, placed on their objects', () => {
    const objs = [...topology(), {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'bad', namespace: 'team-a' },
      spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }], rules: [{ matches: [{ path: { type: 'Regex', value: '/x' } }] }] },
    }];
    const m = buildReportModel(objs, {
      extraFindings: [{ source: 'features', severity: 'warning', code: 'HTTPRouteRequestMirror', message: 'not supported by acme', object: { kind: 'HTTPRoute', namespace: 'team-a', name: 'shop' } }],
    });
    const bad = m.findings.filter((f) => f.objectId === 'route:HTTPRoute:team-a/bad');
    expect(bad.map((f) => [f.source, f.code])).toContainEqual(['validation', 'spec.rules[0].matches[0].path.type']);
    expect(m.findings.find((f) => f.source === 'features')).toMatchObject({ objectId: 'route:HTTPRoute:team-a/shop', objectLabel: 'HTTPRoute team-a/shop' });
    expect(m.byId.get('route:HTTPRoute:team-a/shop')!.state).toBe('warning');
    expect(m.findings.map((f) => f.severity)).toStrictEqual([...m.findings.map((f) => f.severity)].sort());
  });

  test('a routing table per listener: hostnames, matches, filters, backends with weight %', () => {
    expect(model.routing.get('gw:infra/edge#http')!.map((r) => [r.routeId, r.hostnames, r.matches, r.backends])).toStrictEqual([
      ['route:HTTPRoute:team-a/shop', ['shop.example.com'], ['PathPrefix /cart'], ['cart-v1:80 75%', 'cart-v2:80 25%']],
      ['route:HTTPRoute:team-a/shop', ['shop.example.com'], ['PathPrefix /search'], ['shared/search:80 100%']],
      ['route:HTTPRoute:team-b/blog', ['blog.example.com'], ['PathPrefix /'], ['shared/search:80 100%']],
    ]);
    expect(model.routing.has('gw:infra/edge#internal')).toBe(false);
  });

  test('ListenerSets hang under their Gateway with their listeners; routes attach to their listeners', () => {
    const objs = [
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'parent', namespace: 'infra' },
        spec: { gatewayClassName: 'x', allowedListeners: { namespaces: { from: 'All' } }, listeners: [{ name: 'foo', port: 80, protocol: 'HTTP' }] },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'ListenerSet',
        metadata: { name: 'team', namespace: 'team-1' },
        spec: { parentRef: { name: 'parent', namespace: 'infra' }, listeners: [{ name: 'first', port: 8080, protocol: 'HTTP', hostname: 'first.foo.com' }] },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'r', namespace: 'team-1' },
        spec: { parentRefs: [{ kind: 'ListenerSet', name: 'team' }], rules: [{ backendRefs: [{ name: 'svc', port: 80 }] }] },
      },
    ];
    const m = buildReportModel(objs, { missingReferences: MissingReferencePolicy.UNKNOWN });
    expect(m.listenerSets.map((l) => [l.id, l.parentId, l.state])).toStrictEqual([['ls:team-1/team', 'gw:infra/parent', 'ok']]);
    const r = m.byId.get('route:HTTPRoute:team-1/r') as RouteItem;
    expect(r.parents.map((p) => [p.gatewayId, p.listenerIds, p.accepted])).toStrictEqual([['ls:team-1/team', ['ls:team-1/team#first'], true]]);
    const g = buildGraph(m, viewsOf(m)[0]);
    expect(g.edges.filter((e) => e.to === 'ls:team-1/team' || e.to === r.id).map((e) => [e.from, e.style])).toStrictEqual([
      ['gw:infra/parent', 'attached'], ['ls:team-1/team#first', 'attached'],
    ]);
    expect(m.routing.get('ls:team-1/team#first')!.map((row) => row.hostnames)).toStrictEqual([['first.foo.com']]);
  });

  test('malformed objects do not crash the model', () => {
    const m = buildReportModel([null, 7, 'x', [], { kind: 'HTTPRoute' }, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'g' }, spec: { listeners: 'nope' } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { rules: [null, { backendRefs: [{ name: 7 }] }] } }]);
    expect(m.gateways.map((g) => g.name)).toStrictEqual(['g']);
    expect(m.routes.map((r) => r.name)).toStrictEqual(['r']);
    expect(m.findings.some((f) => f.source === 'validation')).toBe(true);
  });

  test('the examples app: every Gateway, listener and route in one view', () => {
    const app = Testing.app();
    new ExamplesApp(app, 10);
    const m = buildReportModel(app.charts.flatMap((c) => c.toJson()), { missingReferences: MissingReferencePolicy.UNKNOWN });
    expect(viewsOf(m).map((v) => v.id)).toStrictEqual(['all']);
    const g = buildGraph(m, viewsOf(m)[0]);
    expect(g.nodes.filter((n) => n.type === 'route').map((n) => n.id)).toStrictEqual(m.routes.map((r) => r.id));
    expect(g.nodes.filter((n) => n.type === 'listener')).toHaveLength(2);
    expect(m.routes.every((r) => r.state === 'ok')).toBe(true);
  });

  test(`above ${LARGE_APP_ROUTES} routes: an overview and one view per Gateway, routes collapsed per namespace`, () => {
    const objs: any[] = topology().filter((o) => o.kind !== 'HTTPRoute');
    for (let i = 0; i <= LARGE_APP_ROUTES; i++) {
      objs.push({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: `r${i}`, namespace: `team-${i % 3}` },
        spec: { parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'http' }], rules: [{ backendRefs: [{ name: `s${i}`, port: 80 }] }] },
      });
    }
    const m = buildReportModel(objs, { missingReferences: MissingReferencePolicy.UNKNOWN });
    const views = viewsOf(m);
    expect(views.map((v) => [v.id, v.detail])).toStrictEqual([['overview', 'groups'], ['gw:infra/edge', 'groups']]);
    const overview = buildGraph(m, views[0]);
    expect(overview.nodes.filter((n) => n.type === 'group').map((n) => [n.lines[0], n.members!.length])).toStrictEqual([
      ['⚠ 51 route(s) in team-0', 51], ['⚠ 50 route(s) in team-1', 50], ['⚠ 50 route(s) in team-2', 50],
    ]);
    // every route matches PathPrefix / on the same listener: the analysis warns that they shadow each other
    expect(overview.nodes.find((n) => n.type === 'group')!.state).toBe('warning');
    expect(buildGraph(m, views[1]).nodes.filter((n) => n.type === 'listener')).toHaveLength(4);
  });

  test(`above ${LARGE_APP_LISTENERS} listeners: per-Gateway views even with few routes`, () => {
    const gateways = [0, 1, 2].map((i) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: `g${i}`, namespace: 'infra' },
      spec: { gatewayClassName: 'acme', listeners: Array.from({ length: 64 }, (_, l) => ({ name: `l${l}`, port: 80, protocol: 'HTTP', hostname: `h${l}.g${i}.example.com` })) },
    }));
    const views = viewsOf(buildReportModel(gateways));
    expect(views.map((v) => v.id)).toStrictEqual(['overview', 'gw:infra/g0', 'gw:infra/g1', 'gw:infra/g2']);
    expect(viewsOf(buildReportModel(gateways.slice(0, 2))).map((v) => v.id)).toStrictEqual(['all']);
  });
});
