import { RoutingRequest, RoutingSimulator } from '../../src';
import { gateway, GW, httpRoute, parentRef, platform, referenceGrant, route, secret, service } from '../analysis/fixtures';

const sim = (objects: any[]) => RoutingSimulator.fromManifests(objects);
const req = (r: Partial<RoutingRequest> & { path?: string }): RoutingRequest => ({ path: '/', ...r }) as RoutingRequest;
const ts = (o: any, creationTimestamp: string) => ({ ...o, metadata: { ...o.metadata, creationTimestamp } });

/** Routes of team-a on the shared https listener; the backend name tells which rule got the request. */
function world(...routes: any[]): any[] {
  const names = new Set<string>();
  for (const r of routes) for (const rule of r.spec.rules ?? []) for (const b of rule.backendRefs ?? []) names.add(`${b.namespace ?? r.metadata.namespace}/${b.name}`);
  const services = [...names].filter((n) => !n.includes('/missing') && !['team-a/store', 'team-b/search', 'shared-services/auth'].includes(n)).map((n) => service(n.split('/')[0], n.split('/')[1]));
  return [...platform(), ...services, ...routes];
}

function to(name: string, extra: any = {}): any {
  return { name, port: 8080, ...extra };
}

describe('HTTPRoute precedence', () => {
  const cases: Array<{ name: string; routes: any[]; request: Partial<RoutingRequest>; backend: string | null; status?: number; why?: RegExp }> = [
    {
      name: 'Exact path over a longer prefix',
      routes: [httpRoute('team-a', 'r', {
        parentRefs: [parentRef()],
        hostnames: ['store.example.com'],
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/api/items/long' } }], backendRefs: [to('prefix')] },
          { matches: [{ path: { type: 'Exact', value: '/api/items/long' } }], backendRefs: [to('exact')] },
        ],
      })],
      request: { host: 'store.example.com', path: '/api/items/long' },
      backend: 'exact',
      why: /Exact path match takes precedence/,
    },
    {
      name: 'longest prefix wins',
      routes: [httpRoute('team-a', 'r', {
        parentRefs: [parentRef()],
        hostnames: ['store.example.com'],
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [to('root')] },
          { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [to('api')] },
        ],
      })],
      request: { host: 'store.example.com', path: '/api/v1' },
      backend: 'api',
      why: /rule 1 of HTTPRoute team-a\/r: PathPrefix \/api is the longest prefix/,
    },
    {
      name: 'prefixes match whole path segments',
      routes: [httpRoute('team-a', 'r', {
        parentRefs: [parentRef()],
        hostnames: ['store.example.com'],
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [to('root')] },
          { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [to('api')] },
        ],
      })],
      request: { host: 'store.example.com', path: '/apiary' },
      backend: 'root',
    },
    {
      name: 'a trailing slash of a prefix is ignored',
      routes: [httpRoute('team-a', 'r', {
        parentRefs: [parentRef()],
        hostnames: ['store.example.com'],
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/api/' } }], backendRefs: [to('api')] },
        ],
      })],
      request: { host: 'store.example.com', path: '/api' },
      backend: 'api',
    },
    {
      name: 'method match over none',
      routes: [httpRoute('team-a', 'r', {
        parentRefs: [parentRef()],
        hostnames: ['store.example.com'],
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [to('any')] },
          { matches: [{ path: { type: 'PathPrefix', value: '/api' }, method: 'POST' }], backendRefs: [to('post')] },
        ],
      })],
      request: { host: 'store.example.com', path: '/api', method: 'POST' },
      backend: 'post',
      why: /it has a method match/,
    },
    {
      name: 'most header matches',
      routes: [httpRoute('team-a', 'r', {
        parentRefs: [parentRef()],
        hostnames: ['store.example.com'],
        rules: [
          { matches: [{ headers: [{ name: 'x-a', value: '1' }] }], backendRefs: [to('one')] },
          { matches: [{ headers: [{ name: 'x-a', value: '1' }, { name: 'X-B', value: '2' }] }], backendRefs: [to('two')] },
        ],
      })],
      request: { host: 'store.example.com', path: '/', headers: { 'X-A': '1', 'x-b': '2' } },
      backend: 'two',
      why: /more header matches \(2 > 1\)/,
    },
    {
      name: 'most query param matches',
      routes: [httpRoute('team-a', 'r', {
        parentRefs: [parentRef()],
        hostnames: ['store.example.com'],
        rules: [
          { matches: [{ queryParams: [{ name: 'a', value: '1' }] }], backendRefs: [to('one')] },
          { matches: [{ queryParams: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }] }], backendRefs: [to('two')] },
        ],
      })],
      request: { host: 'store.example.com', path: '/?a=1&b=2' },
      backend: 'two',
      why: /more query param matches/,
    },
    {
      name: 'header count beats query count',
      routes: [httpRoute('team-a', 'r', {
        parentRefs: [parentRef()],
        hostnames: ['store.example.com'],
        rules: [
          { matches: [{ queryParams: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }] }], backendRefs: [to('query')] },
          { matches: [{ headers: [{ name: 'x-a', value: '1' }] }], backendRefs: [to('header')] },
        ],
      })],
      request: { host: 'store.example.com', path: '/?a=1&b=2', headers: { 'x-a': '1' } },
      backend: 'header',
    },
    {
      name: 'the oldest route wins a tie across routes',
      routes: [
        ts(httpRoute('team-a', 'a-newer', { parentRefs: [parentRef()], hostnames: ['store.example.com'], rules: [{ backendRefs: [to('newer')] }] }), '2024-02-01T00:00:00Z'),
        ts(httpRoute('team-a', 'z-older', { parentRefs: [parentRef()], hostnames: ['store.example.com'], rules: [{ backendRefs: [to('older')] }] }), '2024-01-01T00:00:00Z'),
      ],
      request: { host: 'store.example.com', path: '/' },
      backend: 'older',
      why: /the route is older/,
    },
    {
      name: 'same age: namespace/name alphabetically',
      routes: [
        httpRoute('team-b', 'a', { parentRefs: [parentRef()], hostnames: ['store.example.com'], rules: [{ backendRefs: [to('b-first', { namespace: 'team-b' })] }] }),
        httpRoute('team-a', 'z', { parentRefs: [parentRef()], hostnames: ['store.example.com'], rules: [{ backendRefs: [to('a-first')] }] }),
      ],
      request: { host: 'store.example.com', path: '/' },
      backend: 'a-first',
      why: /team-a\/z comes first alphabetically/,
    },
    {
      name: 'full tie within a route: the first rule',
      routes: [httpRoute('team-a', 'r', {
        parentRefs: [parentRef()],
        hostnames: ['store.example.com'],
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/x' } }], backendRefs: [to('first')] },
          { matches: [{ path: { type: 'PathPrefix', value: '/x' } }], backendRefs: [to('second')] },
        ],
      })],
      request: { host: 'store.example.com', path: '/x' },
      backend: 'first',
      why: /rule 0 comes first in the route/,
    },
    {
      name: 'exact hostname over wildcard hostname, whatever the path',
      routes: [
        httpRoute('team-a', 'wild', { parentRefs: [parentRef()], hostnames: ['*.example.com'], rules: [{ matches: [{ path: { type: 'Exact', value: '/a' } }], backendRefs: [to('wild')] }] }),
        httpRoute('team-a', 'exact', { parentRefs: [parentRef()], hostnames: ['store.example.com'], rules: [{ backendRefs: [to('exact')] }] }),
      ],
      request: { host: 'store.example.com', path: '/a' },
      backend: 'exact',
      why: /hostname store.example.com is more specific than \*.example.com/,
    },
    {
      name: 'no rule matches: 404',
      routes: [httpRoute('team-a', 'r', { parentRefs: [parentRef()], hostnames: ['store.example.com'], rules: [{ matches: [{ path: { type: 'Exact', value: '/a' } }], backendRefs: [to('a')] }] })],
      request: { host: 'store.example.com', path: '/b' },
      backend: null,
      status: 404,
      why: /no rule of HTTPRoute team-a\/r matches GET \/b: 404/,
    },
    {
      name: 'host of no route: 404',
      routes: [httpRoute('team-a', 'r', { parentRefs: [parentRef()], hostnames: ['store.example.com'], rules: [{ backendRefs: [to('a')] }] })],
      request: { host: 'other.example.com', path: '/' },
      backend: null,
      status: 404,
    },
    {
      name: 'regular expression paths rank after prefixes and are matched whole',
      routes: [httpRoute('team-a', 'r', {
        parentRefs: [parentRef()],
        hostnames: ['store.example.com'],
        rules: [
          { matches: [{ path: { type: 'RegularExpression', value: '/items/[0-9]+' } }], backendRefs: [to('regex')] },
          { matches: [{ path: { type: 'PathPrefix', value: '/other' } }], backendRefs: [to('prefix')] },
        ],
      })],
      request: { host: 'store.example.com', path: '/items/42' },
      backend: 'regex',
    },
  ];

  test.each(cases)('$name', ({ routes, request, backend, status, why }) => {
    const r = sim(world(...routes)).simulate(req({ scheme: 'https', ...request }));
    expect(r.statusCode).toBe(status ?? 200);
    expect(r.backends.map((b) => b.name)).toStrictEqual(backend ? [backend] : []);
    if (why) expect(r.explanation.join('\n')).toMatch(why);
  });

  test('a RegularExpression decision is reported as implementation-specific; an Exact one is not', () => {
    const objects = world(httpRoute('team-a', 'r', {
      parentRefs: [parentRef()],
      hostnames: ['store.example.com'],
      rules: [
        { matches: [{ path: { type: 'RegularExpression', value: '/items/.*' } }], backendRefs: [to('regex')] },
        { matches: [{ path: { type: 'Exact', value: '/x' } }], backendRefs: [to('exact')] },
      ],
    }));
    const s = sim(objects);
    expect(s.simulate(req({ host: 'store.example.com', path: '/items/1' })).implementationSpecific).toBe(true);
    expect(s.simulate(req({ host: 'store.example.com', path: '/x' })).implementationSpecific).toBe(false);
    expect(s.simulate(req({ host: 'store.example.com', path: '/items' })).statusCode).toBe(404);
  });

  test('a less specific hostname catches what the exact one does not match, reported as implementation-specific', () => {
    const s = sim(world(
      httpRoute('team-a', 'wild', { parentRefs: [parentRef()], hostnames: ['*.example.com'], rules: [{ backendRefs: [to('wild')] }] }),
      httpRoute('team-a', 'exact', { parentRefs: [parentRef()], hostnames: ['store.example.com'], rules: [{ matches: [{ path: { type: 'Exact', value: '/only' } }], backendRefs: [to('exact')] }] }),
    ));
    const r = s.simulate(req({ host: 'store.example.com', path: '/other' }));
    expect(r.backends.map((b) => b.name)).toStrictEqual(['wild']);
    expect(r.implementationSpecific).toBe(true);
    expect(r.explanation.join('\n')).toMatch(/virtual host per hostname answer 404/);
  });

  test('only Accepted parentRefs take part: a route from a namespace the listener does not allow is ignored', () => {
    const r = sim(world(httpRoute('sandbox', 'r', { parentRefs: [parentRef()], hostnames: ['store.example.com'], rules: [{ backendRefs: [to('store')] }] })))
      .simulate(req({ host: 'store.example.com', path: '/' }));
    expect(r.statusCode).toBe(404);
  });

  test('a rule the analysis predicts as dropped (PartiallyInvalid) does not take part', () => {
    const objects = world(httpRoute('team-a', 'r', {
      parentRefs: [parentRef()],
      hostnames: ['store.example.com'],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/a' } }], filters: [{ type: 'Unknown' }], backendRefs: [to('dropped')] },
        { backendRefs: [to('kept')] },
      ],
    }));
    expect(sim(objects).simulate(req({ host: 'store.example.com', path: '/a' })).backends.map((b) => b.name)).toStrictEqual(['kept']);
  });
});

describe('listener selection', () => {
  const objects = [
    ...platform(),
    gateway('infra', 'other', [{ name: 'exact', protocol: 'HTTP', port: 80, hostname: 'api.example.com', allowedRoutes: { namespaces: { from: 'All' } } }]),
    httpRoute('team-a', 'wild', { parentRefs: [parentRef('http')], rules: [{ backendRefs: [to('store')] }] }),
    httpRoute('team-b', 'api', { parentRefs: [{ name: 'other', namespace: 'infra' }], rules: [{ backendRefs: [to('search')] }] }),
  ];
  const s = sim(objects);

  test.each([
    { host: 'api.example.com', gateway: undefined, expected: 'infra/other exact', backend: 'search' },
    { host: 'www.example.com', gateway: undefined, expected: 'infra/shared http', backend: 'store' },
    { host: 'api.example.com', gateway: { namespace: 'infra', name: 'shared' }, expected: 'infra/shared http', backend: 'store' },
  ])('host $host, gateway $gateway → $expected', ({ host, gateway: gw, expected, backend }) => {
    const r = s.simulate(req({ host, gateway: gw }));
    expect(`${r.gateway?.namespace}/${r.gateway?.name} ${r.listener}`).toBe(expected);
    expect(r.backends.map((b) => b.name)).toStrictEqual([backend]);
  });

  test('the explanation names the listener and how the host matched', () => {
    expect(s.simulate(req({ host: 'www.example.com' })).explanation[0]).toBe('listener http (HTTP port 80) of Gateway infra/shared: host www.example.com matches *.example.com');
  });

  test('HTTP with no listener hostname matching: 404; no listener on the port: 0', () => {
    expect(s.simulate(req({ host: 'example.org' })).statusCode).toBe(404);
    expect(s.simulate(req({ host: 'www.example.com', port: 8080 })).statusCode).toBe(0);
  });

  test('HTTPS without a listener for the SNI: the handshake is refused (0)', () => {
    const r = s.simulate(req({ scheme: 'https', host: 'example.org' }));
    expect(r.statusCode).toBe(0);
    expect(r.explanation.join('\n')).toMatch(/TLS handshake refused/);
  });

  test('a host of null (the Gateway address) only matches listeners and routes without hostnames', () => {
    const objs = [...platform(), gateway('infra', 'ip', [{ name: 'any', protocol: 'HTTP', port: 8080, allowedRoutes: { namespaces: { from: 'All' } } }]),
      httpRoute('team-a', 'nohost', { parentRefs: [{ name: 'ip', namespace: 'infra' }], rules: [{ backendRefs: [to('store')] }] }),
      httpRoute('team-b', 'withhost', { parentRefs: [{ name: 'ip', namespace: 'infra' }], hostnames: ['a.example.com'], rules: [{ backendRefs: [to('search')] }] })];
    const t = sim(objs);
    expect(t.simulate(req({ port: 8080 })).backends.map((b) => b.name)).toStrictEqual(['store']);
    expect(t.simulate(req({ port: 8080, host: '10.0.0.1' })).backends.map((b) => b.name)).toStrictEqual(['store']);
    expect(t.simulate(req({ port: 8080, host: 'a.example.com' })).backends.map((b) => b.name)).toStrictEqual(['search']);
    expect(s.simulate(req({ port: 80 })).statusCode).toBe(404); // the shared listeners all have hostnames
  });

  test('ListenerSet listeners are merged into their Gateway', () => {
    const gw = gateway('infra', 'ls-gw', [{ name: 'http', protocol: 'HTTP', port: 80, hostname: 'base.example.net', allowedRoutes: { namespaces: { from: 'All' } } }],
      { allowedListeners: { namespaces: { from: 'All' } } });
    const ls = { apiVersion: `${GW}/v1`, kind: 'ListenerSet', metadata: { name: 'team-a-listeners', namespace: 'team-a' }, spec: { parentRef: { name: 'ls-gw', namespace: 'infra' }, listeners: [{ name: 'shop', protocol: 'HTTP', port: 80, hostname: 'shop.example.net' }] } };
    const r1 = httpRoute('team-a', 'shop', { parentRefs: [{ kind: 'ListenerSet', name: 'team-a-listeners' }], rules: [{ backendRefs: [to('store')] }] });
    const t = sim([...platform(), gw, ls, r1]);
    const r = t.simulate(req({ host: 'shop.example.net' }));
    expect(r.gateway).toStrictEqual({ namespace: 'infra', name: 'ls-gw' });
    expect(r.listener).toBe('shop');
    expect(r.explanation[0]).toMatch(/listener shop of ListenerSet team-a\/team-a-listeners/);
    expect(r.backends.map((b) => b.name)).toStrictEqual(['store']);
  });

  test('client certificate required by the Gateway (AllowValidOnly): refused without one, accepted with one; AllowInsecureFallback accepts', () => {
    const withValidation = (mode?: string) => [
      ...platform().map((o) => (o.kind === 'Gateway' ? { ...o, spec: { ...o.spec, tls: { frontend: { default: { validation: { caCertificateRefs: [{ kind: 'ConfigMap', name: 'ca', group: '' }], ...(mode ? { mode } : {}) } } } } } } : o)),
      httpRoute('team-a', 'r', { parentRefs: [parentRef()], rules: [{ backendRefs: [to('store')] }] }),
      // the CA bundle the validation refers to (without it the analysis reports NoValidCACertificate and the listener is not programmed)
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ca', namespace: 'infra' }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----' } },
    ];
    const t = sim(withValidation());
    const none = t.simulate(req({ scheme: 'https', host: 'store.example.com' }));
    expect(none.statusCode).toBe(0);
    expect(none.explanation.join('\n')).toMatch(/requires a client certificate/);
    expect(t.simulate(req({ scheme: 'https', host: 'store.example.com', clientCertificate: true })).statusCode).toBe(200);
    expect(t.simulate(req({ host: 'store.example.com' })).statusCode).toBe(200); // plain HTTP listener: no client certificate
    expect(sim(withValidation('AllowInsecureFallback')).simulate(req({ scheme: 'https', host: 'store.example.com' })).statusCode).toBe(200);
  });
});

describe('filters', () => {
  function one(filters: any[], request: Partial<RoutingRequest>, matches?: any[], backendRefs: any[] = [to('store')]) {
    const objects = world(httpRoute('team-a', 'r', { parentRefs: [parentRef()], hostnames: ['store.example.com'], rules: [{ ...(matches ? { matches } : {}), filters, backendRefs }] }));
    return sim(objects).simulate(req({ host: 'store.example.com', ...request }));
  }
  const prefix = (value: string) => [{ path: { type: 'PathPrefix', value } }];

  test.each([
    { name: 'scheme only: well-known port of the scheme', redirect: { scheme: 'https' }, request: { path: '/a?x=1' }, location: 'https://store.example.com/a?x=1', port: 443, code: 302 },
    { name: 'hostname only: listener port, default port left out', redirect: { hostname: 'www.example.com', statusCode: 301 }, request: { path: '/a' }, location: 'http://www.example.com/a', port: 80, code: 301 },
    { name: 'explicit port that is not the default', redirect: { port: 8443, scheme: 'https' }, request: { path: '/' }, location: 'https://store.example.com:8443/', port: 8443, code: 302 },
    { name: 'explicit port 443 with https: left out', redirect: { port: 443, scheme: 'https' }, request: { path: '/' }, location: 'https://store.example.com/', port: 443, code: 302 },
    { name: 'no scheme, https request on 443: listener port', redirect: { hostname: 'x.example.com' }, request: { scheme: 'https', path: '/' }, location: 'https://x.example.com/', port: 443, code: 302 },
    { name: 'scheme http from https: port 80', redirect: { scheme: 'http' }, request: { scheme: 'https', path: '/p' }, location: 'http://store.example.com/p', port: 80, code: 302 },
    { name: 'ReplaceFullPath', redirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/new' } }, request: { path: '/old/x?q=1' }, location: 'http://store.example.com/new?q=1', port: 80, code: 302 },
    { name: 'ReplacePrefixMatch', redirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } }, matches: prefix('/v1'), request: { path: '/v1/items' }, location: 'http://store.example.com/v2/items', port: 80, code: 302 },
    { name: 'ReplacePrefixMatch to /', redirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } }, matches: prefix('/v1'), request: { path: '/v1/items' }, location: 'http://store.example.com/items', port: 80, code: 302 },
    { name: 'ReplacePrefixMatch of the whole path', redirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } }, matches: prefix('/v1'), request: { path: '/v1' }, location: 'http://store.example.com/v2', port: 80, code: 302 },
    { name: 'everything', redirect: { scheme: 'https', hostname: 'new.example.com', port: 8443, path: { type: 'ReplaceFullPath', replaceFullPath: '/' }, statusCode: 308 }, request: { path: '/x' }, location: 'https://new.example.com:8443/', port: 8443, code: 308 },
  ])('RequestRedirect: $name', ({ redirect, request, location, port, code, matches }) => {
    const r = one([{ type: 'RequestRedirect', requestRedirect: redirect }], request, matches, []);
    expect(r.statusCode).toBe(code);
    expect(r.redirect?.location).toBe(location);
    expect(r.redirect?.port).toBe(port);
    expect(r.backends).toStrictEqual([]);
    expect(r.requestAtBackend).toBeUndefined();
  });

  test.each([
    { name: 'ReplaceFullPath', rewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/full' } }, matches: prefix('/api'), path: '/api/v1?x=1', expected: '/full?x=1', host: 'store.example.com' },
    { name: 'ReplacePrefixMatch', rewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v1' } }, matches: prefix('/api/v1'), path: '/api/v1/items', expected: '/v1/items', host: 'store.example.com' },
    { name: 'ReplacePrefixMatch with /', rewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } }, matches: prefix('/api'), path: '/api', expected: '/', host: 'store.example.com' },
    { name: 'ReplacePrefixMatch from a trailing-slash prefix', rewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/xyz' } }, matches: prefix('/foo/'), path: '/foo/bar', expected: '/xyz/bar', host: 'store.example.com' },
    { name: 'hostname', rewrite: { hostname: 'internal.svc' }, matches: undefined, path: '/a', expected: '/a', host: 'internal.svc' },
    { name: 'hostname and path', rewrite: { hostname: 'internal.svc', path: { type: 'ReplaceFullPath', replaceFullPath: '/b' } }, matches: undefined, path: '/a', expected: '/b', host: 'internal.svc' },
  ])('URLRewrite: $name', ({ rewrite, matches, path, expected, host }) => {
    const r = one([{ type: 'URLRewrite', urlRewrite: rewrite }], { path }, matches);
    expect(r.statusCode).toBe(200);
    expect(r.requestAtBackend?.path).toBe(expected);
    expect(r.requestAtBackend?.host).toBe(host);
  });

  test('URLRewrite is explained as old → new', () => {
    const r = one([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v1' } } }], { path: '/api/v1' }, prefix('/api/v1'));
    expect(r.explanation).toContain('URLRewrite: /api/v1 → /v1');
  });

  test('RequestHeaderModifier: set, add (appends), remove; names are case-insensitive', () => {
    const r = one([{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-Set', value: 'new' }], add: [{ name: 'X-Add', value: 'b' }], remove: ['X-Gone'] } }],
      { headers: { 'x-set': 'old', 'X-Add': 'a', 'x-gone': '1', 'x-kept': 'k' } });
    expect(r.requestAtBackend?.headers).toStrictEqual({ 'x-add': 'a,b', 'x-kept': 'k', 'x-set': 'new' });
  });

  test('ResponseHeaderModifier applies to the headers the backend answers with', () => {
    const r = one([{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'Cache-Control', value: 'no-store' }], add: [{ name: 'X-Served-By', value: 'gw' }], remove: ['server'] } }],
      { backendResponseHeaders: { 'Server': 'nginx', 'cache-control': 'max-age=60', 'x-served-by': 'pod' } });
    expect(r.responseHeaders).toStrictEqual({ 'cache-control': 'no-store', 'x-served-by': 'pod,gw' });
  });

  test.each([
    { mirror: { backendRef: { name: 'shadow', port: 8080 } }, percent: 100 },
    { mirror: { backendRef: { name: 'shadow', port: 8080 }, percent: 25 }, percent: 25 },
    { mirror: { backendRef: { name: 'shadow', port: 8080 }, fraction: { numerator: 1, denominator: 3 } }, percent: 33.333333 },
    { mirror: { backendRef: { name: 'shadow', port: 8080 }, fraction: { numerator: 5 } }, percent: 5 },
  ])('RequestMirror → $percent%', ({ mirror, percent }) => {
    const r = one([{ type: 'RequestMirror', requestMirror: mirror }], {});
    expect(r.mirrors).toStrictEqual([{ namespace: 'team-a', name: 'shadow', port: 8080, percent }]);
    expect(r.backends.map((b) => b.name)).toStrictEqual(['store']);
  });

  describe('CORS', () => {
    const corsFilter = (extra: any = {}) => [{ type: 'CORS', cors: { allowOrigins: ['https://*.example.com', 'http://app.test:8080'], allowMethods: ['GET', 'PUT'], allowHeaders: ['x-token'], exposeHeaders: ['x-trace'], ...extra } }];
    test('preflight from an allowed origin: the Gateway answers with the spec headers', () => {
      const r = one(corsFilter({ allowCredentials: true, maxAge: 600 }), { method: 'OPTIONS', headers: { 'Origin': 'https://shop.example.com', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'x-token' } });
      expect(r.statusCode).toBe(200);
      expect(r.backends).toStrictEqual([]);
      expect(r.responseHeaders).toStrictEqual({
        'access-control-allow-credentials': 'true',
        'access-control-allow-headers': 'x-token',
        'access-control-allow-methods': 'GET, PUT',
        'access-control-allow-origin': 'https://shop.example.com',
        'access-control-max-age': '600',
      });
    });
    test('preflight: max-age defaults to 5; no allow-headers without a request for them', () => {
      const r = one(corsFilter(), { method: 'OPTIONS', headers: { 'Origin': 'http://app.test:8080', 'Access-Control-Request-Method': 'GET' } });
      expect(r.responseHeaders['access-control-max-age']).toBe('5');
      expect(r.responseHeaders['access-control-allow-headers']).toBeUndefined();
      expect(r.responseHeaders['access-control-allow-credentials']).toBeUndefined();
    });
    test('preflight from an origin not allowed: no CORS headers', () => {
      const r = one(corsFilter(), { method: 'OPTIONS', headers: { 'Origin': 'http://app.test', 'Access-Control-Request-Method': 'GET' } });
      expect(r.statusCode).toBe(200);
      expect(r.responseHeaders).toStrictEqual({});
    });
    test('simple request from an allowed origin: forwarded, CORS headers added to the response', () => {
      const r = one(corsFilter(), { headers: { Origin: 'https://a.b.example.com' }, backendResponseHeaders: { 'content-type': 'text/html' } });
      expect(r.statusCode).toBe(200);
      expect(r.backends.map((b) => b.name)).toStrictEqual(['store']);
      expect(r.responseHeaders).toStrictEqual({ 'access-control-allow-origin': 'https://a.b.example.com', 'access-control-expose-headers': 'x-trace', 'content-type': 'text/html' });
    });
    test('a wildcard origin with credentials echoes the origin, never *', () => {
      const r = one([{ type: 'CORS', cors: { allowOrigins: ['*'], allowCredentials: true } }], { headers: { Origin: 'https://evil.test' } });
      expect(r.responseHeaders['access-control-allow-origin']).toBe('https://evil.test');
    });
  });

  test('ExtensionRef is reported, not simulated', () => {
    const r = one([{ type: 'ExtensionRef', extensionRef: { group: 'example.net', kind: 'RateLimit', name: 'gold' } }], {});
    expect(r.implementationSpecific).toBe(true);
    expect(r.explanation.join('\n')).toMatch(/ExtensionRef example.net\/RateLimit gold: .*not simulated/);
  });

  test('filters on a backendRef apply to that backend only', () => {
    const r = one([], {}, undefined, [to('store', { weight: 1, filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-b', value: 'v1' }] } }] }), to('store2', { weight: 1 })]);
    expect(r.backends[0].requestAtBackend?.headers).toStrictEqual({ 'x-b': 'v1' });
    expect(r.backends[1].requestAtBackend).toBeUndefined();
    expect(r.requestAtBackend?.headers).toStrictEqual({});
  });

  test('timeouts and retry are reported', () => {
    const objects = world(httpRoute('team-a', 'r', { parentRefs: [parentRef()], rules: [{ timeouts: { request: '10s', backendRequest: '2s' }, retry: { attempts: 3, backoff: '100ms', codes: [503] }, backendRefs: [to('store')] }] }));
    const r = sim(objects).simulate(req({ host: 'store.example.com' }));
    expect(r.timeouts).toStrictEqual({ request: '10s', backendRequest: '2s' });
    expect(r.retry).toStrictEqual({ attempts: 3, backoff: '100ms', codes: [503] });
  });
});

describe('backends', () => {
  function rules(backendRefs: any[], extra: any[] = []) {
    return sim([...world(httpRoute('team-a', 'r', { parentRefs: [parentRef()], rules: [{ backendRefs }] })), ...extra])
      .simulate(req({ host: 'store.example.com' }));
  }

  test.each([
    { weights: [90, 10], probabilities: [0.9, 0.1] },
    { weights: [1, 1, 2], probabilities: [0.25, 0.25, 0.5] },
    { weights: [undefined, undefined], probabilities: [0.5, 0.5] },
    { weights: [0, 5], probabilities: [0, 1] },
  ])('weights $weights → probabilities $probabilities', ({ weights, probabilities }) => {
    const r = rules(weights.map((w, i) => to(`b${i}`, w === undefined ? {} : { weight: w })));
    expect(r.backends.map((b) => b.probability)).toStrictEqual(probabilities);
    expect(r.statusCode).toBe(200);
    expect(r.errorProbability).toBe(0);
  });

  test.each([
    { name: 'not found', ref: { name: 'missing', port: 8080 }, reason: 'BackendNotFound' },
    { name: 'no such port', ref: { name: 'store', port: 9999 }, reason: 'BackendNotFound' },
    { name: 'unsupported kind', ref: { group: 'example.net', kind: 'Bucket', name: 'b' }, reason: 'InvalidKind' },
    { name: 'cross-namespace without a grant', ref: { name: 'search', namespace: 'team-b', port: 8080 }, reason: 'RefNotPermitted' },
  ])('invalid backend ($name): its share gets 500', ({ ref, reason }) => {
    const r = rules([{ ...ref, weight: 3 }, to('store', { weight: 1 })]);
    expect(r.backends[0].invalidReason).toBe(reason);
    expect(r.errorProbability).toBe(0.75);
    expect(r.statusCode).toBe(200);
    const only = rules([ref]);
    expect(only.statusCode).toBe(500);
    expect(only.errorProbability).toBe(1);
  });

  test('cross-namespace backend with a ReferenceGrant is valid', () => {
    const grant = referenceGrant('team-b', 'allow', [{ group: GW, kind: 'HTTPRoute', namespace: 'team-a' }], [{ group: '', kind: 'Service', name: 'search' }]);
    const r = rules([{ name: 'search', namespace: 'team-b', port: 8080 }], [grant]);
    expect(r.statusCode).toBe(200);
    expect(r.backends[0].invalidReason).toBeUndefined();
  });

  test('every weight 0: 500; no backendRefs: 500', () => {
    expect(rules([to('store', { weight: 0 })]).statusCode).toBe(500);
    expect(rules([]).statusCode).toBe(500);
  });

  test('appProtocol h2c and WebSocket are reported', () => {
    const svc = service('team-a', 'ws', [{ port: 8080, appProtocol: 'kubernetes.io/ws', name: 'web' }]);
    const r = sim([...platform(), svc, httpRoute('team-a', 'r', { parentRefs: [parentRef()], rules: [{ backendRefs: [to('ws')] }] })]).simulate(req({ host: 'store.example.com' }));
    expect(r.backends[0].appProtocol).toBe('kubernetes.io/ws');
    expect(r.explanation.join('\n')).toMatch(/WebSocket/);
  });

  test('BackendTLSPolicy gives the SNI toward the backend', () => {
    const policy = { apiVersion: `${GW}/v1`, kind: 'BackendTLSPolicy', metadata: { name: 'store-tls', namespace: 'team-a' }, spec: { targetRefs: [{ group: '', kind: 'Service', name: 'store' }], validation: { hostname: 'store.internal', wellKnownCACertificates: 'System' } } };
    const r = sim([...world(httpRoute('team-a', 'r', { parentRefs: [parentRef()], rules: [{ backendRefs: [to('store')] }] })), policy]).simulate(req({ host: 'store.example.com' }));
    expect(r.backendTls).toStrictEqual({ sni: 'store.internal', policy: 'team-a/store-tls' });
  });
});

describe('gRPC', () => {
  const grpcRoute = (name: string, spec: any) => route('GRPCRoute', 'team-a', name, { parentRefs: [parentRef()], hostnames: ['grpc.example.com'], ...spec });
  const objects = world(
    grpcRoute('catalog', {
      rules: [
        { matches: [{ method: { service: 'store.v1.Catalog' } }], backendRefs: [to('catalog')] },
        { matches: [{ method: { service: 'store.v1.Catalog', method: 'Get' } }], backendRefs: [to('catalog-get')] },
        { matches: [{ method: { type: 'RegularExpression', service: 'store\\.v2\\..*' } }], backendRefs: [to('v2')] },
        { matches: [{ method: { service: 'store.v1.Catalog' }, headers: [{ name: 'x-canary', value: 'true' }] }], backendRefs: [to('canary')] },
      ],
    }),
  );
  const s = sim(objects);
  test.each([
    { grpc: { service: 'store.v1.Catalog', method: 'List' }, backend: 'catalog', status: 'OK' },
    { grpc: { service: 'store.v1.Catalog', method: 'Get' }, backend: 'catalog-get', status: 'OK' },
    { grpc: { service: 'store.v2.Catalog', method: 'Get' }, backend: 'v2', status: 'OK' },
    { grpc: { service: 'store.v1.Catalog', method: 'List' }, headers: { 'x-canary': 'true' }, backend: 'canary', status: 'OK' },
    { grpc: { service: 'other.Svc', method: 'X' }, backend: null, status: 'UNIMPLEMENTED' },
  ])('$grpc.service/$grpc.method $headers → $backend ($status)', ({ grpc, headers, backend, status }) => {
    const r = s.simulate(req({ host: 'grpc.example.com', grpc, headers, path: undefined as any }));
    expect(r.grpcStatus).toBe(status);
    expect(r.backends.map((b) => b.name)).toStrictEqual(backend ? [backend] : []);
    expect(r.route?.kind).toBe(backend ? 'GRPCRoute' : undefined);
  });
  test('a gRPC call to a hostname only HTTPRoutes claim is matched as an HTTP/2 POST', () => {
    const objs = world(httpRoute('team-a', 'h2', {
      parentRefs: [parentRef()],
      hostnames: ['h2.example.com'],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/store.v1.Catalog' }, method: 'POST' }], backendRefs: [to('grpc-over-http')] },
      ],
    }));
    const r = sim(objs).simulate(req({ host: 'h2.example.com', grpc: { service: 'store.v1.Catalog', method: 'List' }, path: undefined as any }));
    expect(r.route?.kind).toBe('HTTPRoute');
    expect(r.grpcStatus).toBe('OK');
    expect(r.requestAtBackend?.headers['content-type']).toBe('application/grpc');
  });
  test('plain HTTP to a hostname only GRPCRoutes claim: 404, explained', () => {
    const r = s.simulate(req({ host: 'grpc.example.com', path: '/index.html' }));
    expect(r.statusCode).toBe(404);
    expect(r.explanation.join('\n')).toMatch(/only GRPCRoutes/);
  });
  test('the gRPC method can come from the path', () => {
    const r = s.simulate(req({ host: 'grpc.example.com', protocol: 'grpc', path: '/store.v1.Catalog/Get' }));
    expect(r.backends.map((b) => b.name)).toStrictEqual(['catalog-get']);
  });
});

describe('TLS, TCP and UDP routes', () => {
  const objects = [
    ...platform(),
    secret('infra', 'term'),
    gateway('infra', 'edge', [
      { name: 'pass', protocol: 'TLS', port: 8443, hostname: '*.pass.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: { namespaces: { from: 'All' } } },
      { name: 'tcp', protocol: 'TCP', port: 5432, allowedRoutes: { namespaces: { from: 'All' } } },
      { name: 'udp', protocol: 'UDP', port: 53, allowedRoutes: { namespaces: { from: 'All' } } },
    ]),
    route('TLSRoute', 'team-a', 'db', { parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'pass' }], hostnames: ['db.pass.example.com'], rules: [{ backendRefs: [to('store')] }] }),
    route('TLSRoute', 'team-b', 'any', { parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'pass' }], rules: [{ backendRefs: [to('search')] }] }),
    route('TCPRoute', 'team-a', 'pg', { parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'tcp' }], rules: [{ backendRefs: [to('store')] }] }),
    route('UDPRoute', 'team-b', 'dns', { parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'udp' }], rules: [{ backendRefs: [to('search')] }] }),
  ];
  const s = sim(objects);
  test.each([
    { request: { scheme: 'https', port: 8443, host: 'db.pass.example.com' }, route: 'TLSRoute team-a/db', status: 200 },
    { request: { scheme: 'https', port: 8443, host: 'x.pass.example.com' }, route: 'TLSRoute team-b/any', status: 200 },
    { request: { scheme: 'https', port: 8443, sni: 'db.pass.example.com', host: 'ignored.example.com' }, route: 'TLSRoute team-a/db', status: 200 },
    { request: { scheme: 'https', port: 8443, host: 'db.example.org' }, route: 'none', status: 0 },
    { request: { protocol: 'tcp', port: 5432 }, route: 'TCPRoute team-a/pg', status: 200 },
    { request: { protocol: 'udp', port: 53 }, route: 'UDPRoute team-b/dns', status: 200 },
  ])('$request → $route', ({ request, route: expected, status }) => {
    const r = s.simulate(req(request));
    expect(r.route ? `${r.route.kind} ${r.route.namespace}/${r.route.name}` : 'none').toBe(expected);
    expect(r.statusCode).toBe(status);
  });
  test('passthrough is explained', () => {
    expect(s.simulate(req({ scheme: 'https', port: 8443, host: 'db.pass.example.com' })).explanation.join('\n')).toMatch(/TLS passthrough/);
  });
});

describe('robustness', () => {
  const s = sim(platform());
  test.each([
    { request: { path: 'no-slash' }, error: /must be a string starting with "\/"/ },
    { request: { path: '/', scheme: 'ftp' }, error: /scheme "ftp"/ },
    { request: { path: '/', port: 70000 }, error: /port 70000/ },
    { request: { path: '/', gateway: { namespace: 'x', name: 'y' } }, error: /Gateway x\/y is not in the input/ },
  ])('a malformed request gets an error, never a throw: $error', ({ request, error }) => {
    const r = s.simulate(request as any);
    expect(r.error).toMatch(error);
    expect(r.toJson().error).toMatch(error);
    expect(r.statusCode).toBe(0);
  });
  test('toJson follows the contract: absent parts are null', () => {
    const json = s.simulate(req({ host: 'nothing.example.com' })).toJson();
    expect(json).toMatchObject({ gateway: { namespace: 'infra', name: 'shared' }, listener: 'http', route: null, rule: null, statusCode: 404, backends: [], redirect: null, requestAtBackend: null, mirrors: [], backendTls: null });
    expect(json.error).toBeUndefined();
  });
});
