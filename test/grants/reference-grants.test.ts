import { ApiObject, Chart, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AutoGrants, ReferenceGrant, ReferenceGrants } from '../../src';

function errors(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.validate());
}

function grantsIn(scope: IConstruct): any[] {
  return scope.node.root.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && c.kind === 'ReferenceGrant').map((g) => g.toJson());
}

const ref = {
  fromGroup: 'gateway.networking.k8s.io',
  fromKind: 'HTTPRoute',
  fromNamespace: 'store',
  toGroup: '',
  toKind: 'Service',
  toName: 'search',
  toNamespace: 'shared-services',
};

describe('ReferenceGrant', () => {
  test('synthesizes a v1 ReferenceGrant in the chart namespace', () => {
    const chart = new Chart(Testing.app(), 'shared', { namespace: 'shared-services' });
    const grant = new ReferenceGrant(chart, 'grant', {
      metadata: { name: 'store-to-search' },
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'store' }],
      to: [{ group: '', kind: 'Service', name: 'search' }],
    });
    grant.addFrom({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'store' }); // duplicate: ignored
    expect(grant.apiObject.toJson()).toMatchSnapshot();
    expect(grant.apiObject.toJson().apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect([grant.name, grant.namespace]).toStrictEqual(['store-to-search', 'shared-services']);
    expect(grant.allows(ref)).toBe(true);
    expect(grant.allows({ ...ref, toName: 'other' })).toBe(false);
    expect(grant.allows({ ...ref, fromNamespace: 'web' })).toBe(false);
    expect(errors(chart)).toStrictEqual([]);
  });

  test('a grant without a name in "to" allows every object of the kind', () => {
    const chart = new Chart(Testing.app(), 'shared', { namespace: 'shared-services' });
    const grant = new ReferenceGrant(chart, 'grant', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'store' }], to: [{ group: '', kind: 'Service' }] });
    expect(grant.allows({ ...ref, toName: 'anything' })).toBe(true);
  });

  test('fails at synth without from or to', () => {
    const chart = new Chart(Testing.app(), 'shared', { namespace: 'shared-services' });
    new ReferenceGrant(chart, 'grant', { metadata: { name: 'g' } });
    expect(errors(chart)).toStrictEqual([
      'Gateway API v1.6.1 validation (standard channel) found 2 problems:',
      'shared/grant/Resource (ReferenceGrant shared-services/g) spec.from: Invalid value: 0: spec.from in body should have at least 1 items',
      'shared/grant/Resource (ReferenceGrant shared-services/g) spec.to: Invalid value: 0: spec.to in body should have at least 1 items',
      'shared/grant: ReferenceGrant "g" has no "from" entry: add one with addFrom({ group, kind, namespace }).',
      'shared/grant: ReferenceGrant "g" has no "to" entry: add one with addTo({ group, kind, name }).',
    ]);
  });

  test('fails if entries are invalid', () => {
    const chart = new Chart(Testing.app(), 'shared', { namespace: 'shared-services' });
    const grant = new ReferenceGrant(chart, 'grant');
    expect(() => grant.addFrom({ group: '', kind: '', namespace: 'a' })).toThrow(/from.kind is empty/);
    expect(() => grant.addFrom({ group: '', kind: 'HTTPRoute', namespace: 'Store' })).toThrow(/from.namespace "Store" is not a valid namespace name/);
    expect(() => grant.addTo({ group: '', kind: 'Service', name: 'Bad_Name' })).toThrow(/to.name "Bad_Name" is not a valid Kubernetes name/);
  });
});

describe('ReferenceGrants.ensure()', () => {
  test('creates one least-privilege grant per reference, in the referent\'s chart, and reuses it', () => {
    const app = Testing.app();
    const store = new Chart(app, 'store', { namespace: 'store' });
    const shared = new Chart(app, 'shared', { namespace: 'shared-services' });
    const search = new ApiObject(shared, 'search', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'search' } });
    ReferenceGrants.ensure(store, ref, search);
    ReferenceGrants.ensure(store, ref, search);
    expect(shared.toJson().filter((o: any) => o.kind === 'ReferenceGrant').map((o: any) => o.metadata.name)).toStrictEqual(['httproute-store-to-service-search']);
    expect(store.toJson()).toStrictEqual([]);
    expect(grantsIn(store)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'httproute-store-to-service-search', namespace: 'shared-services' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'store' }],
        to: [{ group: '', kind: 'Service', name: 'search' }],
      },
    }]);
  });

  test('does nothing for same-namespace references', () => {
    const store = new Chart(Testing.app(), 'store', { namespace: 'store' });
    ReferenceGrants.ensure(store, { ...ref, toNamespace: 'store' });
    expect(grantsIn(store)).toStrictEqual([]);
  });

  test('with automatic grants off, fails at synth unless a known grant allows the reference', () => {
    const app = Testing.app();
    ReferenceGrants.setAutoGrants(app, AutoGrants.OFF);
    const store = new Chart(app, 'store', { namespace: 'store' });
    expect(ReferenceGrants.autoGrantsFor(store)).toBe(AutoGrants.OFF);
    ReferenceGrants.ensure(store, ref);
    expect(grantsIn(store)).toStrictEqual([]);
    expect(errors(store)).toStrictEqual([expect.stringContaining('store: the reference from HTTPRoute in namespace "store" to Service "shared-services/search" is not allowed by any ReferenceGrant (automatic grants are off). Add a ReferenceGrant in namespace "shared-services"')]);
    ReferenceGrant.fromReferenceGrantName(store, 'existing', 'store-to-search', {
      namespace: 'shared-services',
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'store' }],
      to: [{ group: '', kind: 'Service', name: 'search' }],
    });
    expect(errors(store)).toStrictEqual([]);
  });

  test('the nearest scope setting wins', () => {
    const app = Testing.app();
    ReferenceGrants.setAutoGrants(app, AutoGrants.OFF);
    const store = new Chart(app, 'store', { namespace: 'store' });
    ReferenceGrants.setAutoGrants(store, AutoGrants.REFERENT_CHART);
    expect(ReferenceGrants.autoGrantsFor(store)).toBe(AutoGrants.REFERENT_CHART);
    expect(ReferenceGrants.autoGrantsFor(new Chart(app, 'other'))).toBe(AutoGrants.OFF);
  });

  test('fails if a namespace is missing', () => {
    const store = new Chart(Testing.app(), 'store', { namespace: 'store' });
    expect(() => ReferenceGrants.ensure(store, { ...ref, fromNamespace: '' })).toThrow(/the HTTPRoute has no namespace but refers to Service "search" in namespace "shared-services"/);
    expect(() => ReferenceGrants.ensure(store, { ...ref, toNamespace: '' })).toThrow(/Service "search" has no namespace while the HTTPRoute is in namespace "store"/);
  });
});

describe('automatic grant names', () => {
  test('qualify kinds outside the usual groups, so different groups never share a grant', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'team', { namespace: 'store' });
    ReferenceGrants.setAutoGrants(chart, AutoGrants.REFERRER_CHART); // named referents: grants in the referrer's chart
    ReferenceGrants.ensure(chart, {
      fromGroup: 'gateway.networking.k8s.io',
      fromKind: 'HTTPRoute',
      fromNamespace: 'store',
      toGroup: '',
      toKind: 'Service',
      toName: 'search',
      toNamespace: 'shared',
    });
    ReferenceGrants.ensure(chart, {
      fromGroup: 'gateway.networking.k8s.io',
      fromKind: 'HTTPRoute',
      fromNamespace: 'store',
      toGroup: 'multicluster.x-k8s.io',
      toKind: 'ServiceImport',
      toName: 'search',
      toNamespace: 'shared',
    });
    expect(chart.toJson().map((o: any) => o.metadata.name)).toStrictEqual([
      'httproute-store-to-service-search',
      'httproute-store-to-serviceimport.multicluster.x-k8s.io-search',
    ]);
  });

  test('fails if a namespace is longer than 63 characters', () => {
    const chart = Testing.chart();
    expect(() => ReferenceGrant.fromReferenceGrantName(chart, 'g', 'g', { namespace: 'n'.repeat(64), from: [], to: [] })).toThrow(/namespace "n{64}" is not a valid namespace name: use at most 63/);
  });
});
