import { Duration, Lazy, Testing } from 'cdk8s';
import { experimentalChart } from './support';
import {
  Backend, CorsMethod, ExternalAuthProtocol, GrpcMethodMatch, HeaderMatch, HttpPathModifier, HttpRouteFilter, IRoute,
  PathMatch, QueryParamMatch, RedirectScheme, RedirectStatusCode, TeamRoute,
} from '../../src';

describe('PathMatch', () => {
  test('renders the three match types', () => {
    expect([PathMatch.exact('/login'), PathMatch.prefix('/my%20path/123'), PathMatch.regex('/v[0-9]+/.*')].map((p) => [p.type, p.value]))
      .toStrictEqual([['Exact', '/login'], ['PathPrefix', '/my%20path/123'], ['RegularExpression', '/v[0-9]+/.*']]);
  });

  test.each([
    ['store', 'PathMatch.prefix("store"): path must start with "/": use "/store".'],
    ['/a//b', 'PathMatch.prefix("/a//b"): path must not contain "//": use "/a/b".'],
    ['/a/./b', 'PathMatch.prefix("/a/./b"): path must not contain "/./" (dot segments are not normalized): write the resolved path.'],
    ['/a/../b', 'PathMatch.prefix("/a/../b"): path must not contain "/../" (dot segments are not normalized): write the resolved path.'],
    ['/a/..', 'PathMatch.prefix("/a/.."): path must not end with "/.." (dot segments are not normalized): write the resolved path.'],
    ['/a/%2Fb', 'PathMatch.prefix("/a/%2Fb"): path must not contain an encoded "/" ("%2F"): use a literal "/".'],
    ['/a#top', 'PathMatch.prefix("/a#top"): path must not contain "#": a URL fragment is never sent to the server.'],
    ['/my path', 'PathMatch.prefix("/my path"): path contains characters that must be percent-encoded (" "): use "/my%20path".'],
    ['', 'PathMatch.prefix(""): path is empty: set a value.'],
  ])('fails if the path %j breaks the CRD path rules', (path, message) => {
    expect(() => PathMatch.prefix(path)).toThrow(message);
  });

  test('fails if an exact path is longer than 1024 characters', () => {
    expect(() => PathMatch.exact('/' + 'a'.repeat(1024))).toThrow(/path ".*…" is 1025 characters long: use at most 1024\./);
  });

  test('accepts any regular expression (the dialect is the implementation\'s)', () => {
    expect(PathMatch.regex('(?i)/API/.*').value).toBe('(?i)/API/.*');
  });
});

describe('HeaderMatch and QueryParamMatch', () => {
  test('fails if a header name is not an HTTP token', () => {
    expect(() => HeaderMatch.exact('x env', 'a')).toThrow(
      'HeaderMatch.exact("x env", "a"): header name "x env" contains characters not allowed in an HTTP token (" "): ' +
      "use letters, digits and !#$%&'*+-.^_`|~ only.",
    );
  });

  test('fails if a header value is empty', () => {
    expect(() => HeaderMatch.exact('x-env', '')).toThrow('HeaderMatch.exact("x-env", ""): header value is empty: set a value.');
  });

  test('fails if a query parameter value is longer than 1024 characters', () => {
    expect(() => QueryParamMatch.exact('q', 'x'.repeat(1025))).toThrow(/query parameter value ".*" is 1025 characters long: use at most 1024/);
  });
});

describe('GrpcMethodMatch', () => {
  test('renders exact matches without the default type and regex matches with it', () => {
    expect(GrpcMethodMatch.exact({ service: 'com.example.User', method: 'Login' })._render()).toStrictEqual({ service: 'com.example.User', method: 'Login' });
    expect(GrpcMethodMatch.regex({ service: 'com\\.example\\..*' })._render()).toStrictEqual({ type: 'RegularExpression', service: 'com\\.example\\..*' });
  });

  test('fails if neither service nor method is set', () => {
    expect(() => GrpcMethodMatch.exact({})).toThrow(
      'GrpcMethodMatch.exact({}): set service, method or both (e.g. { service: "com.example.User", method: "Login" }).',
    );
  });

  test('fails if an exact service is not a gRPC service name', () => {
    expect(() => GrpcMethodMatch.exact({ service: 'com/example' })).toThrow(
      /service "com\/example" is not a fully qualified gRPC service name: use dot-separated identifiers/,
    );
  });

  test('fails if an exact method is not a gRPC method name', () => {
    expect(() => GrpcMethodMatch.exact({ service: 'a.B', method: 'Log-in' })).toThrow(/method "Log-in" is not a gRPC method name/);
  });
});

describe('HttpRouteFilter', () => {
  const route = { routeNamespace: 'store' } as IRoute;
  // bind() leaves references to backends lazy (resolved at synth): resolve them as cdk8s does
  const render = (f: HttpRouteFilter) => JSON.parse(JSON.stringify(f.bind(route).manifest, (_k, v) => (v instanceof Lazy ? v.produce() : v)));

  test('renders header modifiers from maps', () => {
    expect(render(HttpRouteFilter.requestHeaderModifier({ set: { 'x-a': '1' }, add: { 'x-b': '2', 'x-c': '3' }, remove: ['x-d'] }))).toStrictEqual({
      type: 'RequestHeaderModifier',
      requestHeaderModifier: { set: [{ name: 'x-a', value: '1' }], add: [{ name: 'x-b', value: '2' }, { name: 'x-c', value: '3' }], remove: ['x-d'] },
    });
  });

  test('fails if a header modifier changes nothing', () => {
    expect(() => HttpRouteFilter.responseHeaderModifier({})).toThrow(
      'HttpRouteFilter.responseHeaderModifier(): nothing to change: set at least one of set, add or remove.',
    );
  });

  test('fails if a header modifier sets the same header twice (case-insensitive)', () => {
    expect(() => HttpRouteFilter.requestHeaderModifier({ set: { 'X-A': '1', 'x-a': '2' } })).toThrow(
      'HttpRouteFilter.requestHeaderModifier(): set has header "x-a" more than once (header names are case-insensitive): keep one.',
    );
  });

  test('fails if a header value has a line break', () => {
    expect(() => HttpRouteFilter.requestHeaderModifier({ add: { 'x-a': 'a\r\nb' } })).toThrow(/contains a line break/);
  });

  test('renders a redirect with a path modifier', () => {
    expect(render(HttpRouteFilter.requestRedirect({
      scheme: RedirectScheme.HTTPS,
      hostname: 'example.com',
      port: 443,
      statusCode: RedirectStatusCode.MOVED_PERMANENTLY_301,
      path: HttpPathModifier.replaceFullPath('/new'),
    }))).toStrictEqual({
      type: 'RequestRedirect',
      requestRedirect: { scheme: 'https', hostname: 'example.com', port: 443, statusCode: 301, path: { type: 'ReplaceFullPath', replaceFullPath: '/new' } },
    });
  });

  test('fails if the redirect status is not a redirect (from JavaScript: the enum types reject it at compile time)', () => {
    expect(() => HttpRouteFilter.requestRedirect({ scheme: RedirectScheme.HTTPS, statusCode: 200 as any })).toThrow(
      'HttpRouteFilter.requestRedirect(): statusCode 200 is not a redirect status: use a RedirectStatusCode (301, 302, 303, 307 or 308).',
    );
  });

  test('fails if the redirect scheme is not http or https', () => {
    expect(() => HttpRouteFilter.requestRedirect({ scheme: 'HTTPS://' as any })).toThrow(
      'HttpRouteFilter.requestRedirect(): scheme "HTTPS://" is not supported: use RedirectScheme.HTTP ("http") or RedirectScheme.HTTPS ("https") ("https").',
    );
  });

  test('fails if the redirect points back to the same URL', () => {
    expect(() => HttpRouteFilter.requestRedirect({ statusCode: RedirectStatusCode.MOVED_PERMANENTLY_301 })).toThrow(/a redirect loop/);
  });

  test('fails if a redirect hostname has a wildcard', () => {
    expect(() => HttpRouteFilter.requestRedirect({ hostname: '*.example.com' })).toThrow(/hostname "\*\.example\.com" is not a valid RFC 1123 name/);
  });

  test('fails if a rewrite rewrites nothing', () => {
    expect(() => HttpRouteFilter.urlRewrite({})).toThrow('HttpRouteFilter.urlRewrite(): nothing to rewrite: set hostname, path or both.');
  });

  test('fails if a path modifier does not start with /', () => {
    expect(() => HttpPathModifier.replacePrefixMatch('v2')).toThrow('HttpPathModifier.replacePrefixMatch("v2"): prefix must start with "/": use "/v2".');
  });

  test('renders a mirror with a fraction and leaves the backend namespace out when it is the route\'s', () => {
    expect(render(HttpRouteFilter.requestMirror({ backend: Backend.fromName('shadow', { namespace: 'store', port: 80 }), fraction: { numerator: 1, denominator: 1000 } })))
      .toStrictEqual({ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 80 }, fraction: { numerator: 1, denominator: 1000 } } });
  });

  test('fails if a mirror sets both percent and fraction', () => {
    expect(() => HttpRouteFilter.requestMirror({ backend: Backend.fromName('m', { port: 80 }), percent: 5, fraction: { numerator: 1 } }))
      .toThrow('HttpRouteFilter.requestMirror(): set percent or fraction, not both.');
  });

  test('fails if a mirror fraction is above 1', () => {
    expect(() => HttpRouteFilter.requestMirror({ backend: Backend.fromName('m', { port: 80 }), fraction: { numerator: 150 } }))
      .toThrow('HttpRouteFilter.requestMirror(): fraction 150/100 is more than 1: the numerator must be at most the denominator.');
  });

  test('fails if a mirror backend has a weight', () => {
    expect(() => HttpRouteFilter.requestMirror({ backend: Backend.fromName('m', { port: 80, weight: 5 }) }))
      .toThrow('HttpRouteFilter.requestMirror(): backend "m" has a weight: weights only apply to backendRefs, remove it.');
  });

  test('renders CORS with maxAge in seconds', () => {
    expect(render(HttpRouteFilter.cors({
      allowOrigins: ['https://www.foo.com', 'https://*.bar.com'],
      allowMethods: [CorsMethod.GET, CorsMethod.OPTIONS],
      allowHeaders: ['*'],
      exposeHeaders: ['x-header-3'],
      allowCredentials: true,
      maxAge: Duration.hours(1),
    }))).toStrictEqual({
      type: 'CORS',
      cors: {
        allowOrigins: ['https://www.foo.com', 'https://*.bar.com'],
        allowMethods: [CorsMethod.GET, CorsMethod.OPTIONS],
        allowHeaders: ['*'],
        exposeHeaders: ['x-header-3'],
        allowCredentials: true,
        maxAge: 3600,
      },
    });
  });

  test('fails if a CORS origin is not an origin', () => {
    expect(() => HttpRouteFilter.cors({ allowOrigins: ['www.foo.com'] })).toThrow(/allowOrigins entry "www.foo.com" is not an origin: use "<scheme>:\/\/<host>\[:<port>\]"/);
  });

  test('fails if "*" is combined with other origins', () => {
    expect(() => HttpRouteFilter.cors({ allowOrigins: ['*', 'https://a.com'] })).toThrow(
      'HttpRouteFilter.cors(): allowOrigins has "*" next to other values: "*" already allows everything, use it alone.',
    );
  });

  test('fails if a CORS method is lower-case', () => {
    expect(() => HttpRouteFilter.cors({ allowMethods: ['get' as any] })).toThrow(/allowMethods entry "get" is not supported: .* \(method names are upper-case: "GET"\)/);
  });

  test('fails if CORS maxAge is below one second', () => {
    expect(() => HttpRouteFilter.cors({ maxAge: Duration.millis(500) })).toThrow(/maxAge 500 millis must be a whole number of seconds, at least 1/);
  });

  test('renders the experimental external auth filter for HTTP and gRPC', () => {
    const backend = Backend.fromName('authz', { port: 9000 });
    expect(render(HttpRouteFilter.externalAuth({ backend, protocol: ExternalAuthProtocol.HTTP, path: '/check', allowedHeaders: ['x-user'] })))
      .toStrictEqual({
        type: 'ExternalAuth',
        externalAuth: { protocol: 'HTTP', backendRef: { name: 'authz', port: 9000 }, http: { path: '/check', allowedHeaders: ['x-user'] } },
      });
    expect(render(HttpRouteFilter.externalAuth({ backend, protocol: ExternalAuthProtocol.GRPC, forwardBodyMaxSize: 1024 })))
      .toStrictEqual({
        type: 'ExternalAuth',
        externalAuth: { protocol: 'GRPC', backendRef: { name: 'authz', port: 9000 }, grpc: {}, forwardBody: { maxSize: 1024 } },
      });
  });

  test('keeps the empty grpc object of a gRPC external auth filter in the manifest (the CRD requires it)', () => {
    const chart = experimentalChart();
    new TeamRoute(chart, 'route', { allowUnattached: true }).addRule()
      .addFilter(HttpRouteFilter.externalAuth({ backend: Backend.fromName('authz', { port: 9000 }), protocol: ExternalAuthProtocol.GRPC }));
    expect(Testing.synth(chart)[0].spec.rules[0].filters[0].externalAuth.grpc).toStrictEqual({});
  });

  test('fails if HTTP-only external auth options are used with gRPC', () => {
    expect(() => HttpRouteFilter.externalAuth({ backend: Backend.fromName('a', { port: 1 }), protocol: ExternalAuthProtocol.GRPC, path: '/x' }))
      .toThrow('HttpRouteFilter.externalAuth(): path is only for protocol HTTP: remove it or use ExternalAuthProtocol.HTTP.');
  });

  test('fails if an extension filter kind is invalid', () => {
    expect(() => HttpRouteFilter.extensionRef({ group: 'example.com', kind: '1Plugin', name: 'x' })).toThrow(/kind "1Plugin" is not a valid kind/);
  });
});
