import { Grant, grantAllows, GrantIndex, grantOfManifest, Reference, referencePermitted } from '../../../src/core/spec';

const ref: Reference = {
  fromGroup: 'gateway.networking.k8s.io',
  fromKind: 'HTTPRoute',
  fromNamespace: 'store',
  toGroup: '',
  toKind: 'Service',
  toNamespace: 'backends',
  toName: 'search',
};
const grant = (over: Partial<Grant> = {}, from: any = {}, to: any = {}): Grant => ({
  namespace: 'backends',
  from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'store', ...from }],
  to: [{ group: '', kind: 'Service', ...to }],
  ...over,
});

describe('reference grants', () => {
  test.each<[string, Grant, boolean]>([
    ['a grant for every Service', grant(), true],
    ['a grant for that Service', grant({}, {}, { name: 'search' }), true],
    ['fails if the grant names another Service', grant({}, {}, { name: 'cart' }), false],
    ['fails if the grant is in another namespace', grant({ namespace: 'store' }), false],
    ['fails if the grant is from another namespace', grant({}, { namespace: 'cart' }), false],
    ['fails if the grant is from another kind', grant({}, { kind: 'GRPCRoute' }), false],
    ['fails if the grant is from another group', grant({}, { group: 'example.com' }), false],
    ['fails if the grant is to another kind', grant({}, {}, { kind: 'Secret' }), false],
    ['fails if the grant is to another group', grant({}, {}, { group: 'example.com' }), false],
    ['fails if the grant has no from', { namespace: 'backends', from: [], to: [{ group: '', kind: 'Service' }] }, false],
  ])('%s', (_, g, ok) => {
    expect(grantAllows(g, ref)).toBe(ok);
    expect(referencePermitted([g], ref)).toBe(ok);
    const index = new GrantIndex();
    index.add(g);
    expect(index.permits(ref)).toBe(ok);
  });

  test('a reference within one namespace needs no grant', () => {
    const local = { ...ref, toNamespace: 'store' };
    expect(referencePermitted([], local)).toBe(true);
    expect(new GrantIndex().permits(local)).toBe(true);
    expect(referencePermitted([], ref)).toBe(false);
  });

  test('grantOfManifest reads a ReferenceGrant, defaulting the groups to core', () => {
    const g = grantOfManifest({ spec: { from: [{ kind: 'HTTPRoute', namespace: 'store', group: 'gateway.networking.k8s.io' }], to: [{ kind: 'Service', name: 'search' }] } }, 'backends');
    expect(g).toEqual({ namespace: 'backends', from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'store' }], to: [{ group: '', kind: 'Service', name: 'search' }] });
    expect(grantAllows(g, ref)).toBe(true);
    expect(grantOfManifest({ spec: { from: 'x' } }, 'a')).toEqual({ namespace: 'a', from: [], to: [] });
  });
});
