import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { json, validationErrors } from './helpers';
import {
  AutoGrants, CertificateRef, Listener, ListenerNamespaces, ListenerSet, PlatformGateway, ReferenceGrants,
} from '../../src';

function setup(allowed?: ListenerNamespaces) {
  const app = Testing.app();
  const gw = new PlatformGateway(new Chart(app, 'infra', { namespace: 'infra' }), 'gateway', {
    metadata: { name: 'shared' },
    gatewayClassName: 'shared',
    listeners: [Listener.http()],
    allowedListeners: allowed ? { namespaces: allowed } : undefined,
  });
  const store = new Chart(app, 'store', { namespace: 'store' });
  return { app, gw, store };
}

describe('ListenerSet', () => {
  test('synthesizes a ListenerSet attached to a Gateway in another namespace', () => {
    const { gw, store } = setup(ListenerNamespaces.all());
    const ls = new ListenerSet(store, 'listeners', {
      metadata: { name: 'store-listeners' },
      parentRef: gw,
      listeners: [Listener.https({ hostname: 'store.example.com', certificateRefs: [CertificateRef.fromName('store-cert')] })],
    });
    expect(json(ls)).toMatchSnapshot();
    expect(json(ls).spec).toStrictEqual({
      parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared', namespace: 'infra' },
      listeners: [{
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        hostname: 'store.example.com',
        tls: { certificateRefs: [{ group: '', kind: 'Secret', name: 'store-cert' }] },
      }],
    });
    expect(validationErrors(store)).toStrictEqual([]);
    expect(ls.parentGateway).toBe(gw);
  });

  test('omits the parentRef namespace when the Gateway is in the same namespace', () => {
    const { gw } = setup(ListenerNamespaces.same());
    const ls = new ListenerSet(gw.node.scope as Chart, 'ls', { parentRef: gw, listeners: [Listener.http({ name: 'extra', port: 8080 })] });
    expect(json(ls).spec.parentRef).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared' });
    expect(validationErrors(gw.node.scope!)).toStrictEqual([]);
  });

  test('listener names need only be unique within the ListenerSet; addListener() validates eagerly', () => {
    const { gw, store } = setup(ListenerNamespaces.all());
    const ls = new ListenerSet(store, 'ls', { parentRef: gw, listeners: [Listener.http()] });
    expect(() => ls.addListener(Listener.http())).toThrow('store/ls: a listener named "http" already exists: listener names must be unique within the ListenerSet; give this one another name.');
    expect(() => ls.addListener(Listener.https({ name: 'h' }))).toThrow(/store\/ls: listener "h" terminates TLS but has no certificateRefs/);
    ls.addListener(Listener.http({ name: 'alt', port: 8080 }));
    expect(ls.listeners.map((l) => l.name)).toStrictEqual(['http', 'alt']);
  });

  test('cross-namespace certificates get a ReferenceGrant from ListenerSet (in the chart that owns the Secret)', () => {
    const { gw, store } = setup(ListenerNamespaces.all());
    const certs = new Chart(store.node.root as any, 'certs', { namespace: 'certs' });
    const secret = new kplus.Secret(certs, 'c', { metadata: { name: 'c' } });
    new ListenerSet(store, 'ls', { parentRef: gw, listeners: [Listener.https({ certificateRefs: [CertificateRef.fromSecret(secret)] })] });
    const grants = certs.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && c.kind === 'ReferenceGrant');
    expect(grants.map((g) => g.toJson().spec)).toStrictEqual([{
      from: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', namespace: 'store' }],
      to: [{ group: '', kind: 'Secret', name: 'c' }],
    }]);
  });

  test('fails at synth if the Gateway allows no ListenerSets (the default)', () => {
    const { gw, store } = setup();
    new ListenerSet(store, 'ls', { metadata: { name: 'store-listeners' }, parentRef: gw, listeners: [Listener.http()] });
    expect(validationErrors(store)).toStrictEqual([
      'store/ls: ListenerSet "store-listeners" cannot attach to its parent: Gateway infra/shared does not allow ListenerSets ' +
      '(allowedListeners.namespaces.from: None, the default): set allowedListeners: { namespaces: ListenerNamespaces.same() } ' +
      '(or all(), withLabels(), named()) on the Gateway.',
    ]);
  });

  test('fails at synth if the Gateway allows its own namespace only', () => {
    const { gw, store } = setup(ListenerNamespaces.same());
    new ListenerSet(store, 'ls', { metadata: { name: 'x' }, parentRef: gw, listeners: [Listener.http()] });
    expect(validationErrors(store)).toStrictEqual([expect.stringContaining('Gateway infra/shared allows ListenerSets from its own namespace "infra" only')]);
  });

  test('honours a label selector when the namespace is defined in the app', () => {
    const { app, gw, store } = setup(ListenerNamespaces.withLabels({ 'belongs-to': 'shared' }));
    new ListenerSet(store, 'ls', { metadata: { name: 'x' }, parentRef: gw, listeners: [Listener.http()] });
    // namespace unknown: cannot be decided
    expect(validationErrors(store)).toStrictEqual([]);
    const ns = new kplus.Namespace(new Chart(app, 'ns'), 'store', { metadata: { name: 'store' } });
    expect(validationErrors(store)).toStrictEqual([
      'store/ls: ListenerSet "x" cannot attach to its parent: Gateway infra/shared allows ListenerSets from namespaces with labels ' +
      '{belongs-to: "shared"} only (allowedListeners.namespaces.from: Selector); namespace "store" does not match ' +
      '(its labels: {kubernetes.io/metadata.name: "store"}): label the namespace to match.',
    ]);
    ns.metadata.addLabel('belongs-to', 'shared');
    expect(validationErrors(store)).toStrictEqual([]);
  });

  test('fails at synth without listeners', () => {
    const { gw, store } = setup(ListenerNamespaces.all());
    new ListenerSet(store, 'ls', { metadata: { name: 'x' }, parentRef: gw });
    expect(validationErrors(store)).toEqual(expect.arrayContaining([
      'store/ls: ListenerSet "x" has no listeners: add one with listeners: [...] or addListener().',
      expect.stringMatching(/^store\/ls\/Resource \(ListenerSet store\/x\) spec.listeners: .*at least 1 items/),
    ]));
  });

  test('fails if the parent Gateway has no namespace but the ListenerSet has one', () => {
    const app = Testing.app();
    const gw = new PlatformGateway(new Chart(app, 'infra'), 'gw', { gatewayClassName: 'x', listeners: [Listener.http()] });
    expect(() => new ListenerSet(new Chart(app, 'store', { namespace: 'store' }), 'ls', { parentRef: gw }))
      .toThrow(/store\/ls: the parent Gateway ".*" has no namespace while the ListenerSet is in namespace "store"/);
  });

  test('fromListenerSetName() refers to a ListenerSet owned elsewhere', () => {
    const chart = new Chart(Testing.app(), 'web', { namespace: 'web' });
    const unknown = ListenerSet.fromListenerSetName(chart, 'a', 'store-listeners', { namespace: 'store' });
    expect([unknown.routeParentKind, unknown.routeParentName, unknown.routeParentNamespace]).toStrictEqual(['ListenerSet', 'store-listeners', 'store']);
    expect([unknown.listenerSetName, unknown.listenerSetNamespace]).toStrictEqual(['store-listeners', 'store']);
    expect(unknown.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'web' })).toStrictEqual([]);
    const known = ListenerSet.fromListenerSetName(chart, 'b', 'store-listeners', { namespace: 'store', listeners: [Listener.http()] });
    expect(known.checkRouteAttachment({ routeKind: 'HTTPRoute', routeNamespace: 'web' })).toStrictEqual([
      expect.stringContaining('listener "http" of ListenerSet store/store-listeners allows routes from its own namespace "store" only'),
    ]);
  });

  test('automatic grants off: fails at synth naming the grant', () => {
    const { gw, store } = setup(ListenerNamespaces.all());
    ReferenceGrants.setAutoGrants(store, AutoGrants.OFF);
    new ListenerSet(store, 'ls', { parentRef: gw, listeners: [Listener.https({ certificateRefs: [CertificateRef.fromName('c', { namespace: 'certs' })] })] });
    expect(validationErrors(store)).toStrictEqual([expect.stringContaining('store/ls: the reference from ListenerSet in namespace "store" to Secret "certs/c" is not allowed by any ReferenceGrant')]);
  });
});
