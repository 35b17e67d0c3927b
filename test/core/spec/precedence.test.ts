import {
  _compareGrpcMatches, _compareHostnames, _compareHttpMatches, _compareRouteAge, _GrpcMatchRank, _hostKeys, _HttpMatchRank,
  _httpPrecedenceReason, _normalizePrefix, _prefixMatches, _replacePrefix,
} from '../../../src/core/spec/precedence';

describe('PathPrefix matching (element by element)', () => {
  test.each([
    ['/', '/', true], ['/', '/anything/at/all', true], ['/foo', '/foo', true], ['/foo', '/foo/bar', true],
    ['/foo', '/foobar', false], ['/foo/', '/foo', true], ['/foo/', '/foo/bar', true], ['/foo/bar', '/foo', false],
    ['/foo//', '/foo/x', true], ['/FOO', '/foo', false],
  ])('prefix %s, path %s → %s', (prefix, path, expected) => {
    expect(_prefixMatches(prefix as string, path as string)).toBe(expected);
  });
  test('a trailing slash is dropped, / stays /', () => {
    expect([_normalizePrefix('/a/'), _normalizePrefix('/'), _normalizePrefix('//'), _normalizePrefix('/a')]).toStrictEqual(['/a', '/', '/', '/a']);
  });
});

describe('ReplacePrefixMatch (the spec examples)', () => {
  test.each([
    ['/foo', '/xyz', '/foo', '/xyz'], ['/foo', '/xyz', '/foo/bar', '/xyz/bar'], ['/foo', '/xyz/', '/foo/bar', '/xyz/bar'],
    ['/foo/', '/xyz', '/foo/bar', '/xyz/bar'], ['/foo', '/', '/foo', '/'], ['/foo', '/', '/foo/bar', '/bar'],
    ['/foo/', '/', '/foo/bar', '/bar'], ['/', '/api', '/x', '/api/x'], ['/', '/api', '/', '/api'], ['/foo', '', '/foo/bar', '/bar'],
  ])('prefix %s → %s: %s becomes %s', (prefix, replacement, path, expected) => {
    expect(_replacePrefix(prefix, replacement, path)).toBe(expected);
  });
});

describe('hostname precedence', () => {
  test.each([
    ['a.example.com', '*.example.com', -1], ['*.a.example.com', '*.example.com', -1], ['*.example.com', '*', -1],
    ['a.example.com', 'a.example.com', 0], ['*', 'b.example.com', 1], ['longer.example.com', 'x.example.com', -1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(_compareHostnames(a as string, b as string))).toBe(sign);
  });
  test('the keys of a host, most specific first', () => {
    expect(_hostKeys('a.b.example.com')).toStrictEqual(['a.b.example.com', '*.b.example.com', '*.example.com', '*.com']);
    expect(_hostKeys('localhost')).toStrictEqual(['localhost']);
  });
});

describe('route age', () => {
  test.each([
    [{ namespace: 'b', name: 'x', creationTimestamp: '2024-01-01T00:00:00Z' }, { namespace: 'a', name: 'x', creationTimestamp: '2024-02-01T00:00:00Z' }, -1],
    [{ namespace: 'b', name: 'x' }, { namespace: 'a', name: 'x', creationTimestamp: '2024-02-01T00:00:00Z' }, 1],
    [{ namespace: 'a', name: 'z' }, { namespace: 'b', name: 'a' }, -1],
    [{ namespace: 'a', name: 'x', creationTimestamp: '2024-01-01T00:00:00+01:00' }, { namespace: 'a', name: 'y', creationTimestamp: '2024-01-01T00:00:00Z' }, -1],
  ])('%j vs %j', (a, b, sign) => {
    expect(Math.sign(_compareRouteAge(a, b))).toBe(sign);
  });
});

describe('HTTPRoute match precedence, criterion by criterion', () => {
  const base: _HttpMatchRank = { namespace: 'ns', name: 'r', hostname: 'a.example.com', pathType: 'PathPrefix', pathValue: '/', hasMethod: false, headers: 0, queryParams: 0, ruleIndex: 0, matchIndex: 0 };
  test.each<[string, Partial<_HttpMatchRank>, Partial<_HttpMatchRank>, RegExp]>([
    ['exact host over wildcard', { hostname: 'a.example.com' }, { hostname: '*.example.com', pathType: 'Exact' }, /more specific/],
    ['Exact over PathPrefix', { pathType: 'Exact', pathValue: '/a' }, { pathValue: '/a/b/c' }, /Exact path match/],
    ['longer prefix', { pathValue: '/api' }, { pathValue: '/' }, /PathPrefix \/api is longer than \//],
    ['PathPrefix over RegularExpression', { pathValue: '/' }, { pathType: 'RegularExpression', pathValue: '/very/long/.*' }, /implementation-specific/],
    ['method', { hasMethod: true }, { headers: 3 }, /method match/],
    ['headers', { headers: 2 }, { headers: 1, queryParams: 5 }, /more header matches/],
    ['query params', { queryParams: 1 }, {}, /more query param/],
    ['older route', { name: 'z', creationTimestamp: '2020-01-01T00:00:00Z' }, { name: 'a', creationTimestamp: '2021-01-01T00:00:00Z' }, /older/],
    ['namespace/name', { namespace: 'a', name: 'z' }, { namespace: 'b', name: 'a' }, /a\/z comes first alphabetically/],
    ['rule order', { ruleIndex: 0 }, { ruleIndex: 1 }, /rule 0 comes first/],
    ['match order', { matchIndex: 0 }, { matchIndex: 1 }, /match 0 comes first/],
  ])('%s', (_name, a, b, why) => {
    const ra = { ...base, ...a };
    const rb = { ...base, ...b };
    expect(_compareHttpMatches(ra, rb)).toBeLessThan(0);
    expect(_compareHttpMatches(rb, ra)).toBeGreaterThan(0);
    expect(_httpPrecedenceReason(ra, rb)).toMatch(why);
  });
  test('a full tie', () => {
    expect(_compareHttpMatches(base, { ...base })).toBe(0);
    expect(_httpPrecedenceReason(base, { ...base })).toBeUndefined();
  });
});

describe('GRPCRoute match precedence', () => {
  const base: _GrpcMatchRank = { namespace: 'ns', name: 'r', hostname: '*', serviceChars: 0, methodChars: 0, headers: 0, ruleIndex: 0, matchIndex: 0 };
  test.each<[string, Partial<_GrpcMatchRank>, Partial<_GrpcMatchRank>]>([
    ['hostname first', { hostname: 'a.example.com' }, { serviceChars: 20 }],
    ['longer service', { serviceChars: 12 }, { serviceChars: 5, methodChars: 10 }],
    ['longer method', { methodChars: 4 }, { headers: 3 }],
    ['headers', { headers: 1 }, {}],
    ['older', { creationTimestamp: '2020-01-01T00:00:00Z' }, { creationTimestamp: '2022-01-01T00:00:00Z' }],
  ])('%s', (_name, a, b) => {
    expect(_compareGrpcMatches({ ...base, ...a }, { ...base, ...b })).toBeLessThan(0);
  });
});
