import {
  groupOfApiVersion, isApiGroup, isApiKind, isDns1123Label, isDns1123Subdomain, isLabelKey, isLabelValue, isPortNumber,
  DOMAIN_PREFIXED_PATH, DOMAIN_PREFIXED_PROTOCOL, WILDCARD_HOSTNAME,
} from '../../../src/core/spec';

describe('names', () => {
  test.each<[string, boolean]>([
    ['store', true], ['a', true], ['a-1', true], ['1a', true], ['a'.repeat(63), true],
    ['', false], ['a'.repeat(64), false], ['Store', false], ['-a', false], ['a-', false], ['a.b', false], ['a_b', false],
  ])('isDns1123Label(%p) is %p', (v, ok) => expect(isDns1123Label(v)).toBe(ok));

  test.each<[string, boolean]>([
    ['store', true], ['a.b.c', true], ['x'.repeat(253), true],
    ['', false], ['x'.repeat(254), false], ['a..b', false], ['.a', false], ['a.', false], ['A.b', false], ['*.a', false],
  ])('isDns1123Subdomain(%p) is %p', (v, ok) => expect(isDns1123Subdomain(v)).toBe(ok));

  test.each<[string, boolean]>([
    ['', true], ['gateway.networking.k8s.io', true], ['example.com', true],
    ['Example.com', false], ['a/b', false], ['x'.repeat(254), false],
  ])('isApiGroup(%p) is %p', (v, ok) => expect(isApiGroup(v)).toBe(ok));

  test.each<[string, boolean]>([
    ['Service', true], ['HTTPRoute', true], ['a-B1', true], ['x'.repeat(63), true],
    ['', false], ['1Plugin', false], ['Config Map', false], ['A-', false], ['x'.repeat(64), false],
  ])('isApiKind(%p) is %p', (v, ok) => expect(isApiKind(v)).toBe(ok));

  test.each<[string, boolean]>([
    ['team', true], ['kubernetes.io/metadata.name', true], ['a_b.c-d', true], ['x'.repeat(63), true],
    ['', false], ['x'.repeat(64), false], ['-a', false], ['/a', false], ['A.io/b', false], [`${'a'.repeat(253)}/b`, false],
  ])('isLabelKey(%p) is %p', (v, ok) => expect(isLabelKey(v)).toBe(ok));

  test.each<[string, boolean]>([
    ['', true], ['a', true], ['A_b.c-1', true], ['x'.repeat(63), true],
    ['x'.repeat(64), false], ['-a', false], ['a b', false],
  ])('isLabelValue(%p) is %p', (v, ok) => expect(isLabelValue(v)).toBe(ok));

  test.each<[number, boolean]>([[1, true], [80, true], [65535, true], [0, false], [65536, false], [1.5, false], [NaN, false], [-1, false]])(
    'isPortNumber(%p) is %p', (v, ok) => expect(isPortNumber(v)).toBe(ok));

  test.each<[unknown, string]>([
    ['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io'], ['v1', ''], [undefined, ''], [42, ''], ['apps/v1', 'apps'],
  ])('groupOfApiVersion(%p) is %p', (v, g) => expect(groupOfApiVersion(v)).toBe(g));

  test.each<[RegExp, string, boolean]>([
    [WILDCARD_HOSTNAME, '*.example.com', true], [WILDCARD_HOSTNAME, 'a.example.com', true],
    [WILDCARD_HOSTNAME, '*', false], [WILDCARD_HOSTNAME, 'a.*.com', false], [WILDCARD_HOSTNAME, '*.*.com', false],
    [DOMAIN_PREFIXED_PATH, 'example.net/gateway-controller', true], [DOMAIN_PREFIXED_PATH, 'gateway-controller', false],
    [DOMAIN_PREFIXED_PROTOCOL, 'example.com/quic', true], [DOMAIN_PREFIXED_PROTOCOL, 'example.com/qu-ic', false],
    [DOMAIN_PREFIXED_PROTOCOL, 'quic', false],
  ])('%p matches %p: %p', (re, v, ok) => expect(re.test(v)).toBe(ok));
});
