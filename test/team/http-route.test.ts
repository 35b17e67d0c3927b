import { ApiObject, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { charts, experimentalChart, FakeGateway, objects, specOf, validationErrors } from './support';
import {
  Backend, CheckMode, CookieLifetime, GatewayApiValidation, HeaderMatch, HttpMethod, HttpPathModifier, HttpRouteFilter, PathMatch,
  QueryParamMatch, RedirectScheme, SessionPersistence, TeamRoute,
} from '../../src';

describe('TeamRoute', () => {
  test('renders a complete HTTPRoute', () => {
    const { app, charts: [infra, store] } = charts('infra', 'store');
    const gateway = new FakeGateway(infra, 'gw', { name: 'shared', namespace: 'infra' });
    const route = new TeamRoute(store, 'route', {
      metadata: { name: 'store', labels: { team: 'store' } },
      parents: [gateway],
      hostnames: ['store.example.com'],
    });
    route.addRule({ name: 'login' })
      .addMatch({ path: PathMatch.exact('/login'), method: HttpMethod.POST })
      .addFilter(HttpRouteFilter.requestHeaderModifier({ set: { 'x-team': 'store' }, remove: ['x-debug'] }))
      .addBackend(Backend.fromName('auth', { port: 8080 }))
      .configureTimeouts({ request: Duration.seconds(10), backendRequest: Duration.millis(1500) });
    route.addRule({
      matches: [{ path: PathMatch.prefix('/'), headers: [HeaderMatch.regex('x-version', 'v[12]')], queryParams: [QueryParamMatch.exact('debug', '1')] }],
      backendRefs: [Backend.fromName('store-v1', { port: 80, weight: 90 }), Backend.fromName('store-v2', { port: 80, weight: 10 })],
    });
    expect(validationErrors(app)).toStrictEqual([]);
    const [obj] = objects(app).filter((o) => o.kind === 'HTTPRoute');
    expect(obj.metadata).toStrictEqual({ name: 'store', namespace: 'store', labels: { team: 'store' } });
    expect(obj.spec.parentRefs).toStrictEqual([{ name: 'shared', namespace: 'infra' }]);
    expect(obj.spec.rules[0].timeouts).toStrictEqual({ request: '10s', backendRequest: '1500ms' });
    expect(obj).toMatchSnapshot();
  });

  test('leaves namespace, group and kind out of a parentRef when they are the defaults', () => {
    const { app, charts: [infra] } = charts('infra');
    const gateway = new FakeGateway(infra, 'gw', { name: 'shared', namespace: 'infra' });
    const listenerSet = new FakeGateway(infra, 'ls', { name: 'team-listeners', namespace: 'infra', kind: 'ListenerSet' });
    const route = new TeamRoute(infra, 'route', { rules: [{ backendRefs: [Backend.fromName('a', { port: 80 })] }] });
    route.attachTo(gateway, { sectionName: 'https', port: 443 });
    route.attachTo(listenerSet);
    expect(specOf(app, 'HTTPRoute').parentRefs).toStrictEqual([
      { name: 'shared', sectionName: 'https', port: 443 },
      { kind: 'ListenerSet', name: 'team-listeners' },
    ]);
  });

  test('writes parentRefs by name as given', () => {
    const chart = Testing.chart();
    new TeamRoute(chart, 'route', {
      parentRefs: [
        { name: 'gw', sectionName: 'http' },
        { name: 'store', group: 'multicluster.x-k8s.io', kind: 'ServiceImport' },
        { name: 'other', namespace: 'infra', kind: 'Gateway', group: 'gateway.networking.k8s.io' },
      ],
      rules: [{ backendRefs: [Backend.fromName('a', { port: 80 })] }],
    });
    expect(Testing.synth(chart)[0].spec.parentRefs).toStrictEqual([
      { name: 'gw', sectionName: 'http' },
      { group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'store' },
      { name: 'other', namespace: 'infra', kind: 'Gateway', group: 'gateway.networking.k8s.io' },
    ]);
  });

  test('asks each parent at synth whether it accepts the route, with the route hostnames added after attaching', () => {
    const { app, charts: [infra, store] } = charts('infra', 'store');
    const gateway = new FakeGateway(infra, 'gw', { name: 'shared', namespace: 'infra' });
    const route = new TeamRoute(store, 'route', { rules: [{ backendRefs: [Backend.fromName('a', { port: 80 })] }] });
    route.attachTo(gateway, { sectionName: 'https' });
    route.addHostname('store.example.com');
    expect(validationErrors(app)).toStrictEqual([]);
    expect(gateway.requests).toStrictEqual([{
      routeGroup: 'gateway.networking.k8s.io',
      routeKind: 'HTTPRoute',
      routeName: route.routeName,
      routeNamespace: 'store',
      sectionName: 'https',
      port: undefined,
      hostnames: ['store.example.com'],
    }]);
  });

  test('fails synth with the parent\'s reasons, prefixed with the route path, when the listener rejects the route', () => {
    const { app, charts: [infra, store] } = charts('infra', 'store');
    const gateway = new FakeGateway(infra, 'gw', {
      name: 'shared',
      namespace: 'infra',
      reject: ['listener "https" of Gateway "infra/shared" does not allow routes from namespace "store" (allowedRoutes.namespaces.from: Same)'],
    });
    new TeamRoute(store, 'route', { parents: [gateway], rules: [{ backendRefs: [Backend.fromName('a', { port: 80 })] }] });
    expect(validationErrors(app)).toStrictEqual([
      'store/route: listener "https" of Gateway "infra/shared" does not allow routes from namespace "store" (allowedRoutes.namespaces.from: Same)',
    ]);
    expect(() => app.synth()).toThrow(/\[store\/route\] store\/route: listener "https" of Gateway "infra\/shared" does not allow/);
  });

  test('fails synth if the route has no parent', () => {
    const chart = Testing.chart();
    new TeamRoute(chart, 'route', { metadata: { name: 'lonely' }, rules: [{ backendRefs: [Backend.fromName('a', { port: 80 })] }] });
    expect(validationErrors(chart)).toStrictEqual([
      'test/route: HTTPRoute "lonely" is not attached to any parent, so it handles no traffic: call attachTo(gateway) or set parents / ' +
      'parentRefs (or allowUnattached: true when another tool attaches it).',
    ]);
  });

  test('passes synth without parent when allowUnattached is set', () => {
    const chart = Testing.chart();
    new TeamRoute(chart, 'route', { allowUnattached: true, rules: [{ backendRefs: [Backend.fromName('a', { port: 80 })] }] });
    expect(validationErrors(chart)).toStrictEqual([]);
  });

  test('fails synth if the route has no rules', () => {
    const chart = Testing.chart();
    new TeamRoute(chart, 'route', { parentRefs: [{ name: 'gw' }] });
    expect(validationErrors(chart)).toStrictEqual(['test/route: the HTTPRoute has no rules: add one with addRule().']);
  });

  test('fails if the parent has no namespace while the route has one', () => {
    const { charts: [noNs, store] } = charts(undefined, 'store');
    const gateway = new FakeGateway(noNs, 'gw', { name: 'shared' });
    const route = new TeamRoute(store, 'route');
    expect(() => route.attachTo(gateway)).toThrow(
      'store/route: attachTo(chart0/gw): Gateway "shared" has no namespace while the HTTPRoute is in namespace "store": ' +
      "give the Gateway's chart a namespace (or set it on the Gateway) so the parentRef can name it.",
    );
  });

  test('fails if the route attaches twice to the same listener', () => {
    const chart = Testing.chart();
    const route = new TeamRoute(chart, 'route', { parentRefs: [{ name: 'gw', sectionName: 'http' }] });
    expect(() => route.addParentRef({ name: 'gw', sectionName: 'http' })).toThrow(
      'test/route: parentRef "gw": the route is already attached to Gateway "gw" (sectionName "http"): attach once.',
    );
  });

  test('fails if the route attaches to a whole Gateway and to one of its listeners', () => {
    const chart = Testing.chart();
    const route = new TeamRoute(chart, 'route', { parentRefs: [{ name: 'gw' }] });
    expect(() => route.addParentRef({ name: 'gw', sectionName: 'https' })).toThrow(/every attachment must set the same of sectionName and port/);
  });

  test('attaches to two listeners of the same Gateway', () => {
    const chart = Testing.chart();
    new TeamRoute(chart, 'route', {
      parentRefs: [{ name: 'gw', sectionName: 'http' }, { name: 'gw', sectionName: 'https' }],
      rules: [{ backendRefs: [Backend.fromName('a', { port: 80 })] }],
    });
    expect(Testing.synth(chart)[0].spec.parentRefs).toStrictEqual([{ name: 'gw', sectionName: 'http' }, { name: 'gw', sectionName: 'https' }]);
  });

  test('fails if sectionName is not a valid listener name', () => {
    const chart = Testing.chart();
    expect(() => new TeamRoute(chart, 'route', { parentRefs: [{ name: 'gw', sectionName: 'HTTPS' }] })).toThrow(
      'test/route: parentRef "gw": sectionName "HTTPS" is not a valid RFC 1123 name: use "https".',
    );
  });

  test('fails if a parentRef port is out of range', () => {
    const chart = Testing.chart();
    expect(() => new TeamRoute(chart, 'route', { parentRefs: [{ name: 'gw', port: 70000 }] })).toThrow(
      'test/route: parentRef "gw": port 70000 is out of range: use a whole number from 1 to 65535.',
    );
  });

  test.each([
    ['Store.Example.com', 'hostname "Store.Example.com" is not valid: use "store.example.com".'],
    ['10.0.0.1', 'hostname "10.0.0.1" is an IP address: route hostnames must be DNS names (e.g. "app.example.com").'],
    ['foo.*.example.com', 'hostname "foo.*.example.com" is not valid: a wildcard must be the whole first label, e.g. "*.example.com".'],
    ['example.com:443', 'hostname "example.com:443" is not valid: leave the port out: use "example.com".'],
  ])('fails if hostname %s is invalid', (hostname, message) => {
    const chart = Testing.chart();
    const route = new TeamRoute(chart, 'route');
    expect(() => route.addHostname(hostname)).toThrow(`test/route: addHostname(${JSON.stringify(hostname)}): ${message}`);
  });

  test('fails if a hostname is listed twice', () => {
    const chart = Testing.chart();
    expect(() => new TeamRoute(chart, 'route', { hostnames: ['a.example.com', 'a.example.com'] })).toThrow(
      'test/route: addHostname("a.example.com"): hostname "a.example.com" is already listed: list it once.',
    );
  });

  test('fails if more than 16 hostnames', () => {
    const chart = Testing.chart();
    const hostnames = Array.from({ length: 17 }, (_, i) => `h${i}.example.com`);
    expect(() => new TeamRoute(chart, 'route', { hostnames })).toThrow('test/route: addHostname("h16.example.com"): an HTTPRoute can have at most 16 hostnames.');
  });

  test('fails if more than 16 rules', () => {
    const chart = Testing.chart();
    const route = new TeamRoute(chart, 'route');
    for (let i = 0; i < 16; i++) route.addRule({ backendRefs: [Backend.fromName('a', { port: 80 })] });
    expect(() => route.addRule()).toThrow('test/route: addRule(): an HTTPRoute can have at most 16 rules: split it into several routes.');
  });

  test('fails if two rules have the same name', () => {
    const chart = Testing.chart();
    const route = new TeamRoute(chart, 'route', { rules: [{ name: 'api' }] });
    expect(() => route.addRule({ name: 'api' })).toThrow(
      'test/route: addRule("api"): rule name "api" is already used in this route: rule names must be unique.',
    );
  });

  test('fails if a rule name is not a valid name', () => {
    const chart = Testing.chart();
    expect(() => new TeamRoute(chart, 'route', { rules: [{ name: 'Read_Only' }] })).toThrow(
      /addRule\("Read_Only"\): rule name "Read_Only" is not a valid RFC 1123 name/,
    );
  });

  test('fails if a rule has more than 64 matches', () => {
    const chart = Testing.chart();
    const rule = new TeamRoute(chart, 'route').addRule({ name: 'many' });
    for (let i = 0; i < 64; i++) rule.addMatch({ path: PathMatch.exact(`/p${i}`) });
    expect(() => rule.addMatch({ path: PathMatch.exact('/last') })).toThrow(
      'test/route: rule "many": addMatch(): a rule can have at most 64 matches: split it into several rules.',
    );
  });

  test('fails if the route has more than 128 matches in all rules', () => {
    const chart = Testing.chart();
    const route = new TeamRoute(chart, 'route');
    for (let r = 0; r < 2; r++) {
      route.addRule({ matches: Array.from({ length: 64 }, (_, i) => ({ path: PathMatch.exact(`/r${r}/${i}`) })) });
    }
    expect(() => route.addRule({ matches: [{ path: PathMatch.exact('/more') }] })).toThrow(
      'test/route: rule #3: addMatch(): a route can have at most 128 matches in all its rules: split it into several routes.',
    );
  });

  test('fails if a match lists the same header twice (case-insensitive)', () => {
    const chart = Testing.chart();
    const rule = new TeamRoute(chart, 'route').addRule();
    expect(() => rule.addMatch({ headers: [HeaderMatch.exact('X-Env', 'a'), HeaderMatch.exact('x-env', 'b')] })).toThrow(
      'test/route: rule #1: addMatch(): header "x-env" is matched twice (header names are case-insensitive): keep one match per header, ' +
      'or use HeaderMatch.regex() to accept several values.',
    );
  });

  test('fails if a match lists the same query parameter twice', () => {
    const chart = Testing.chart();
    const rule = new TeamRoute(chart, 'route').addRule();
    expect(() => rule.addMatch({ queryParams: [QueryParamMatch.exact('page', '1'), QueryParamMatch.regex('page', '\\d+')] })).toThrow(
      /query parameter "page" is matched twice/,
    );
  });

  test('fails if a rule with a redirect gets a backend', () => {
    const chart = Testing.chart();
    const rule = new TeamRoute(chart, 'route').addRule().addFilter(HttpRouteFilter.requestRedirect({ scheme: RedirectScheme.HTTPS }));
    expect(() => rule.addBackend(Backend.fromName('web', { port: 80 }))).toThrow(
      'test/route: rule #1: addBackend("web"): the rule has a RequestRedirect filter, which answers the client itself, so it cannot have ' +
      'backendRefs: remove the backend or the redirect.',
    );
  });

  test('fails if a rule with backends gets a redirect', () => {
    const chart = Testing.chart();
    const rule = new TeamRoute(chart, 'route').addRule({ backendRefs: [Backend.fromName('web', { port: 80 })] });
    expect(() => rule.addFilter(HttpRouteFilter.requestRedirect({ scheme: RedirectScheme.HTTPS }))).toThrow(
      /rule #1: addFilter\(RequestRedirect\): a rule with a RequestRedirect filter cannot have backendRefs .* but it has "web"/,
    );
  });

  test('fails if RequestRedirect and URLRewrite are both used', () => {
    const chart = Testing.chart();
    const rule = new TeamRoute(chart, 'route').addRule().addFilter(HttpRouteFilter.urlRewrite({ hostname: 'a.example.com' }));
    expect(() => rule.addFilter(HttpRouteFilter.requestRedirect({ scheme: RedirectScheme.HTTPS }))).toThrow(
      'test/route: rule #1: addFilter(RequestRedirect): RequestRedirect and URLRewrite cannot both be used: a redirect answers the client, ' +
      'a rewrite changes the forwarded request; keep one.',
    );
  });

  test('fails if a filter type that may appear once is repeated', () => {
    const chart = Testing.chart();
    const rule = new TeamRoute(chart, 'route').addRule().addFilter(HttpRouteFilter.requestHeaderModifier({ set: { a: '1' } }));
    expect(() => rule.addFilter(HttpRouteFilter.requestHeaderModifier({ add: { b: '2' } }))).toThrow(
      'test/route: rule #1: addFilter(RequestHeaderModifier): the RequestHeaderModifier filter is listed twice: it may appear once per list ' +
      '(only ExtensionRef, RequestMirror and ExternalAuth can repeat); merge the two.',
    );
  });

  test('allows repeated ExtensionRef and RequestMirror filters', () => {
    const chart = Testing.chart();
    const rule = new TeamRoute(chart, 'route', { parentRefs: [{ name: 'gw' }] }).addRule({ backendRefs: [Backend.fromName('a', { port: 80 })] });
    rule.addFilter(HttpRouteFilter.extensionRef({ group: 'example.com', kind: 'Plugin', name: 'one' }))
      .addFilter(HttpRouteFilter.extensionRef({ group: 'example.com', kind: 'Plugin', name: 'two' }))
      .addFilter(HttpRouteFilter.requestMirror({ backend: Backend.fromName('m1', { port: 80 }) }))
      .addFilter(HttpRouteFilter.requestMirror({ backend: Backend.fromName('m2', { port: 80 }), percent: 10 }));
    expect(Testing.synth(chart)[0].spec.rules[0].filters.map((f: any) => f.type)).toStrictEqual([
      'ExtensionRef', 'ExtensionRef', 'RequestMirror', 'RequestMirror',
    ]);
  });

  test('fails if replacePrefixMatch is used with a rule that has two matches', () => {
    const chart = Testing.chart();
    const rule = new TeamRoute(chart, 'route').addRule({ matches: [{ path: PathMatch.prefix('/a') }, { path: PathMatch.prefix('/b') }] });
    expect(() => rule.addFilter(HttpRouteFilter.urlRewrite({ path: HttpPathModifier.replacePrefixMatch('/c') }))).toThrow(
      'test/route: rule #1: addFilter(URLRewrite): the URLRewrite filter uses HttpPathModifier.replacePrefixMatch(), which needs exactly one ' +
      'match with a PathMatch.prefix() path, but the rule has 2 matches: split the rule so each prefix has its own rule, or use ' +
      'HttpPathModifier.replaceFullPath().',
    );
  });

  test('fails if replacePrefixMatch is used with an Exact path match added later', () => {
    const chart = Testing.chart();
    const rule = new TeamRoute(chart, 'route').addRule()
      .addFilter(HttpRouteFilter.requestRedirect({ path: HttpPathModifier.replacePrefixMatch('/new') }));
    expect(() => rule.addMatch({ path: PathMatch.exact('/old') })).toThrow(/the rule has an Exact path match/);
  });

  test('allows replacePrefixMatch with no match (the default PathPrefix /) or one prefix match', () => {
    const chart = Testing.chart();
    const route = new TeamRoute(chart, 'route');
    route.addRule().addFilter(HttpRouteFilter.urlRewrite({ path: HttpPathModifier.replacePrefixMatch('/v2') }));
    route.addRule({ matches: [{ path: PathMatch.prefix('/api') }] })
      .addFilter(HttpRouteFilter.urlRewrite({ path: HttpPathModifier.replacePrefixMatch('/v2') }));
    expect(route.rules.length).toBe(2);
  });

  test.each([
    ['10s', Duration.seconds(10)],
    ['500ms', Duration.millis(500)],
    ['90m', Duration.minutes(90)],
    ['2h', Duration.hours(2)],
    ['90s', Duration.seconds(90)],
    ['27h46m40s123ms', Duration.millis(100_000_123)],
    ['0s', Duration.seconds(0)],
  ])('writes a timeout as the Gateway API duration %s', (expected, duration) => {
    const chart = Testing.chart();
    new TeamRoute(chart, 'route', { allowUnattached: true }).addRule().configureTimeouts({ request: duration });
    expect(Testing.synth(chart)[0].spec.rules[0].timeouts).toStrictEqual({ request: expected });
  });

  test('fails if backendRequest is longer than request', () => {
    const chart = Testing.chart();
    const rule = new TeamRoute(chart, 'route').addRule({ name: 'slow' });
    expect(() => rule.configureTimeouts({ request: Duration.seconds(5), backendRequest: Duration.seconds(10) })).toThrow(
      'test/route: rule "slow": timeouts: backendRequest 10s is longer than request 5s: a backend request is part of the client request, ' +
      'so use at most 5s (or raise request).',
    );
  });

  test('allows any backendRequest when the request timeout is disabled (0s)', () => {
    const chart = Testing.chart();
    new TeamRoute(chart, 'route', { allowUnattached: true }).addRule()
      .configureTimeouts({ request: Duration.seconds(0), backendRequest: Duration.seconds(30) });
    expect(Testing.synth(chart)[0].spec.rules[0].timeouts).toStrictEqual({ request: '0s', backendRequest: '30s' });
  });

  test('fails if a timeout is not whole milliseconds', () => {
    const chart = Testing.chart();
    const rule = new TeamRoute(chart, 'route').addRule();
    expect(() => rule.configureTimeouts({ request: Duration.millis(1.5) })).toThrow(/request .* cannot be written as a Gateway API duration/);
  });

  test('renders the experimental retry and session persistence', () => {
    const chart = experimentalChart();
    new TeamRoute(chart, 'route', { allowUnattached: true }).addRule({
      retry: { codes: [502, 503], attempts: 3, backoff: Duration.millis(100) },
      sessionPersistence: SessionPersistence.cookie({
        sessionName: 'sid', absoluteTimeout: Duration.hours(8), lifetime: CookieLifetime.PERMANENT,
      }),
    });
    const rule = Testing.synth(chart)[0].spec.rules[0];
    expect(rule.retry).toStrictEqual({ codes: [502, 503], attempts: 3, backoff: '100ms' });
    expect(rule.sessionPersistence).toStrictEqual({
      type: 'Cookie', sessionName: 'sid', absoluteTimeout: '8h', cookieConfig: { lifetimeType: 'Permanent' },
    });
  });

  test('fails if a retry code is not an HTTP error status', () => {
    const chart = Testing.chart();
    const rule = new TeamRoute(chart, 'route').addRule();
    expect(() => rule.configureRetry({ codes: [200] })).toThrow(
      'test/route: rule #1: retry: code 200 is out of range: use a whole number from 400 to 599.',
    );
  });

  test('fails if a permanent session cookie has no absolute timeout', () => {
    expect(() => SessionPersistence.cookie({ lifetime: CookieLifetime.PERMANENT })).toThrow(
      'SessionPersistence.cookie(): a Permanent cookie needs absoluteTimeout: set it (e.g. Duration.hours(8)) or use CookieLifetime.SESSION.',
    );
  });

  test('fails synth if every backend of a rule has weight 0', () => {
    const chart = Testing.chart();
    new TeamRoute(chart, 'route', {
      parentRefs: [{ name: 'gw' }],
      rules: [{ name: 'split', backendRefs: [Backend.fromName('a', { port: 80, weight: 0 }), Backend.fromName('b', { port: 80, weight: 0 })] }],
    });
    expect(validationErrors(chart)).toStrictEqual([
      'test/route: rule "split": every backend has weight 0, so the rule answers every request with an error: give at least one backend a weight above 0.',
    ]);
  });

  test('exposes the L1 object for JSON patches', () => {
    const chart = experimentalChart();
    const route = new TeamRoute(chart, 'route', { allowUnattached: true, rules: [{ backendRefs: [Backend.fromName('a', { port: 80 })] }] });
    ApiObject.of(route).addJsonPatch(JsonPatch.add('/spec/useDefaultGateways', 'All'));
    expect(route.apiObject).toBe(ApiObject.of(route));
    expect(Testing.synth(chart)[0].spec.useDefaultGateways).toBe('All');
  });

  test('takes its namespace from metadata, else from its chart', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'store' });
    expect(new TeamRoute(chart, 'a').routeNamespace).toBe('store');
    expect(new TeamRoute(chart, 'b', { metadata: { namespace: 'other' } }).routeNamespace).toBe('other');
    expect(new TeamRoute(Testing.chart(), 'c').routeNamespace).toBeUndefined();
  });

  test('fromHttpRouteName returns an IRoute', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'store' });
    const route = TeamRoute.fromHttpRouteName(chart, 'imported', 'checkout');
    expect([route.routeGroup, route.routeKind, route.routeName, route.routeNamespace]).toStrictEqual([
      'gateway.networking.k8s.io', 'HTTPRoute', 'checkout', 'store',
    ]);
    expect(Testing.synth(chart)).toStrictEqual([]);
  });

  test('fails if metadata.name is not a valid name', () => {
    expect(() => new TeamRoute(Testing.chart(), 'route', { metadata: { name: 'My_Route' } })).toThrow(/metadata.name "My_Route" is not a valid Kubernetes name/);
  });

  test('synthesizes deterministically', () => {
    const build = () => {
      const { app, charts: [infra, store, shared] } = charts('infra', 'store', 'shared');
      const gateway = new FakeGateway(infra, 'gw', { name: 'shared', namespace: 'infra' });
      const x = new kplus.Service(shared, 'x', { metadata: { name: 'x' }, ports: [{ port: 80 }] });
      new TeamRoute(store, 'route', {
        parents: [gateway],
        hostnames: ['b.example.com', 'a.example.com'],
        rules: [{ backendRefs: [Backend.fromService(x), Backend.fromName('y', { port: 81 })] }],
      });
      return objects(app);
    };
    expect(build()).toStrictEqual(build());
  });
});

describe('synth-time validation of L2 objects', () => {
  test('fails synth if an escape-hatch patch makes the route invalid for the cluster (on by default for L2 charts)', () => {
    const chart = Testing.chart();
    const route = new TeamRoute(chart, 'route', { allowUnattached: true, rules: [{ backendRefs: [Backend.fromName('a', { port: 80 })] }] });
    ApiObject.of(route).addJsonPatch(JsonPatch.add('/spec/rules/0/backendRefs/0/port', 70000));
    expect(() => Testing.synth(chart)).toThrow(
      /test\/route\/Resource \(HTTPRoute test-route-c88d80d5\) spec.rules\[0\].backendRefs\[0\].port: Invalid value: 70000: .*less than or equal to 65535/,
    );
  });

  test('warns instead of failing when the chart opts out', () => {
    const chart = Testing.chart();
    GatewayApiValidation.of(chart).mode = CheckMode.WARN;
    const route = new TeamRoute(chart, 'route', { allowUnattached: true, rules: [{ backendRefs: [Backend.fromName('a', { port: 80 })] }] });
    ApiObject.of(route).addJsonPatch(JsonPatch.add('/spec/rules/0/backendRefs/0/port', 70000));
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(Testing.synth(chart)[0].spec.rules[0].backendRefs[0].port).toBe(70000);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('spec.rules[0].backendRefs[0].port: Invalid value: 70000');
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('synth-time validation within one synchronous run', () => {
  test('sees a change made to an L2 construct after a synth', () => {
    const app = Testing.app();
    const [, b] = ['a', 'b'].map((ns) => new Chart(app, ns, { namespace: ns }));
    const route = new TeamRoute(b, 'route', { metadata: { name: 'r' }, allowUnattached: true });
    route.addRule({ backendRefs: [Backend.fromName('a', { port: 80 })] });
    expect(() => app.synthYaml()).not.toThrow();
    // retry is experimental-only; the charts validate against the standard channel
    route.addRule({ backendRefs: [Backend.fromName('b', { port: 80 })], retry: { attempts: 2 } });
    expect(() => app.synthYaml()).toThrow(/spec.rules\[1\].retry: field "spec.rules\[1\].retry" is only in the experimental channel/);
  });

  test('sees an L1 object added to a chart after a synth', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'a', { namespace: 'a' });
    new TeamRoute(chart, 'route', { metadata: { name: 'r' }, allowUnattached: true, rules: [{ backendRefs: [Backend.fromName('a', { port: 80 })] }] });
    expect(() => app.synthYaml()).not.toThrow();
    new ApiObject(chart, 'raw', {
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'raw' }, spec: { hostnames: ['Not A Hostname'] },
    });
    expect(() => app.synthYaml()).toThrow(/a\/raw \(HTTPRoute a\/raw\) spec.hostnames\[0\]/);
  });
});
