import {
  compareHostnameSpecificity, hostnameMatches, hostnamesIntersect, intersectHostname, intersectHostnames, isIpv4Like, isIpv6Like,
} from '../../../src/core/spec';

describe('hostnames', () => {
  test.each<[string, string, boolean]>([
    ['a.example.com', 'a.example.com', true],
    ['a.example.com', 'b.example.com', false],
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'aexample.com', false],
    ['*.example.com', '.example.com', false],
  ])('hostnameMatches(%p, %p) is %p', (p, h, ok) => expect(hostnameMatches(p, h)).toBe(ok));

  test.each<[string, string, string | undefined]>([
    ['a.example.com', 'a.example.com', 'a.example.com'],
    ['a.example.com', 'b.example.com', undefined],
    ['*.example.com', 'a.example.com', 'a.example.com'],
    ['a.example.com', '*.example.com', 'a.example.com'],
    ['*.example.com', 'example.com', undefined],
    ['*.example.com', '*.example.com', '*.example.com'],
    ['*.example.com', '*.a.example.com', '*.a.example.com'],
    ['*.a.example.com', '*.example.com', '*.a.example.com'],
    ['*.a.example.com', '*.b.example.com', undefined],
    ['*.example.com', '*.example.org', undefined],
  ])('intersectHostname(%p, %p) is %p (and symmetric for hostnamesIntersect)', (a, b, out) => {
    expect(intersectHostname(a, b)).toBe(out);
    expect(hostnamesIntersect(a, b)).toBe(out !== undefined);
    expect(hostnamesIntersect(b, a)).toBe(out !== undefined);
  });

  test.each<[string | undefined, string[] | undefined, string[]]>([
    [undefined, undefined, ['*']],
    [undefined, [], ['*']],
    [undefined, ['a.com', '*.b.com'], ['a.com', '*.b.com']],
    ['*.example.com', undefined, ['*.example.com']],
    ['*.example.com', [], ['*.example.com']],
    ['*.example.com', ['a.example.com', 'other.org', '*.example.com', 'a.example.com'], ['a.example.com', '*.example.com']],
    ['a.example.com', ['b.example.com'], []],
    ['a.example.com', ['*.example.com'], ['a.example.com']],
  ])('intersectHostnames(%p, %p) is %p', (l, r, out) => expect(intersectHostnames(l, r)).toEqual(out));

  test('orders hostnames from the most to the least specific, deterministically', () => {
    const hosts = [undefined, '*.example.com', 'b.example.com', '*.a.example.com', 'a.example.com', 'x.a.example.com', '*'];
    expect([...hosts].sort(compareHostnameSpecificity)).toEqual([
      'x.a.example.com', 'a.example.com', 'b.example.com', '*.a.example.com', '*.example.com', '*', undefined,
    ]);
  });

  test.each<[string, boolean, boolean]>([
    ['10.0.0.1', true, false], ['a.b.c.d', false, false], ['::1', false, true], ['fe80::1:2', false, true], ['abc.def', false, false],
  ])('%p: IPv4-like %p, IPv6-like %p', (h, v4, v6) => {
    expect(isIpv4Like(h)).toBe(v4);
    expect(isIpv6Like(h)).toBe(v6);
  });
});
