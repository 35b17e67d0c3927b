import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Backend, CertificateRef, Listener, ListenerSet, PlatformGateway, RouteNamespaces, TeamRoute } from '../../src';

/** Runs the synth-time checks (what `app.synth()` does) and returns the errors and the warnings they recorded. */
function check(app: App): { errors: string[]; warnings: string[] } {
  const all = app.node.findAll();
  const errors = all.flatMap((c) => c.node.validate());
  const warnings = app.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'gateway-api:warning').map((m) => String(m.data)));
  return { errors, warnings };
}

/** An HTTPRoute with one rule, to attach. */
function apiRoute(scope: Chart, name: string): TeamRoute {
  const r = new TeamRoute(scope, 'api', { metadata: { name } });
  r.addRule().addBackend(Backend.fromName('web', { port: 80 }));
  return r;
}

describe('warnings at synth where a check cannot be made', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());

  test('an attachment to an imported Gateway whose listeners are unknown warns (once) and says to declare them', () => {
    const app = Testing.app();
    const store = new Chart(app, 'store', { namespace: 'store' });
    const gw = PlatformGateway.fromGatewayName(store, 'shared', 'shared', { namespace: 'infra' });
    apiRoute(store, 'api').attachTo(gw, { sectionName: 'htps' });
    const { errors, warnings } = check(app);
    expect(errors).toStrictEqual([]);
    const expected = 'store/shared: HTTPRoute store/api attaches to Gateway infra/shared (sectionName "htps"), whose listeners are unknown, ' +
      'so synth cannot check the attachment (listener name and port, allowed route kinds and namespaces, hostnames): declare them with ' +
      "PlatformGateway.fromGatewayName(scope, id, 'shared', { listeners: [...] }).";
    expect(warnings).toStrictEqual([expected]);
    check(app); // a second synth does not repeat it
    expect(stderr.mock.calls.map((c) => String(c[0]))).toStrictEqual([`warning: ${expected}\n`]);
  });

  test('with the listeners declared there is no warning, and the typo fails synth', () => {
    const app = Testing.app();
    const store = new Chart(app, 'store', { namespace: 'store' });
    const gw = PlatformGateway.fromGatewayName(store, 'shared', 'shared', {
      namespace: 'infra',
      listeners: [Listener.https({ hostname: '*.example.com', allowedRoutes: { namespaces: RouteNamespaces.all() } })],
    });
    apiRoute(store, 'api').attachTo(gw, { sectionName: 'htps' });
    const { errors, warnings } = check(app);
    expect(warnings).toStrictEqual([]);
    expect(errors).toStrictEqual(['store/api: Gateway infra/shared has no listener named "htps" (parentRef sectionName): use one of "https".']);
  });

  test('an imported ListenerSet without listeners warns too', () => {
    const app = Testing.app();
    const store = new Chart(app, 'store', { namespace: 'store' });
    const ls = ListenerSet.fromListenerSetName(store, 'ls', 'store-listeners');
    apiRoute(store, 'api').attachTo(ls);
    expect(check(app).warnings).toStrictEqual([
      'store/ls: HTTPRoute store/api attaches to ListenerSet store/store-listeners, whose listeners are unknown, so synth cannot check ' +
      'the attachment (listener name and port, allowed route kinds and namespaces, hostnames): declare them with ' +
      "ListenerSet.fromListenerSetName(scope, id, 'store-listeners', { listeners: [...] }).",
    ]);
  });

  test('a route namespace whose labels are unknown (no Namespace in the app) warns when a listener selects by label', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra', { namespace: 'infra' });
    const gw = new PlatformGateway(infra, 'gateway', {
      metadata: { name: 'shared' },
      gatewayClassName: 'internet',
      listeners: [Listener.https({
        hostname: '*.example.com',
        certificateRefs: [CertificateRef.fromName('wildcard')],
        allowedRoutes: { namespaces: RouteNamespaces.withLabels({ 'gateway-access': 'true' }) },
      })],
    });
    const blog = new Chart(app, 'blog', { namespace: 'blog' });
    apiRoute(blog, 'posts').attachTo(gw);
    const { errors, warnings } = check(app);
    expect(errors.filter((e) => !e.startsWith('Gateway API'))).toStrictEqual([]);
    expect(warnings).toStrictEqual([
      'infra/gateway: listener "https" of Gateway infra/shared admits routes from namespaces with labels {gateway-access: "true"} only ' +
      '(allowedRoutes.namespaces.from: Selector), but the labels of namespace "blog" are unknown (no Namespace object of that name in the app), ' +
      'so synth cannot check that HTTPRoute blog/posts may attach: declare the namespace with its labels, e.g. ' +
      "new kplus.Namespace(chart, 'blog', { metadata: { name: 'blog', labels: { ... } } }) in a chart without a namespace.",
    ]);
  });

  test('a route without a namespace warns that it has none (not a namespace named "undefined") when a listener selects by label', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra', { namespace: 'infra' });
    const gw = new PlatformGateway(infra, 'gateway', {
      metadata: { name: 'shared' },
      gatewayClassName: 'internet',
      listeners: [Listener.http({ allowedRoutes: { namespaces: RouteNamespaces.withLabels({ 'gateway-access': 'true' }) } })],
    });
    const anywhere = new Chart(app, 'anywhere');
    apiRoute(anywhere, 'posts').attachTo(gw);
    const { warnings } = check(app);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('but HTTPRoute posts has no namespace (it lands in whatever namespace it is applied to)');
    expect(warnings[0]).not.toContain('undefined');
  });

  test('with the Namespace declared there is no warning, and a namespace without the label fails synth', () => {
    const app = Testing.app();
    const namespaces = new Chart(app, 'namespaces');
    new kplus.Namespace(namespaces, 'blog', { metadata: { name: 'blog', labels: { team: 'blog' } } });
    const infra = new Chart(app, 'infra', { namespace: 'infra' });
    const gw = new PlatformGateway(infra, 'gateway', {
      metadata: { name: 'shared' },
      gatewayClassName: 'internet',
      listeners: [Listener.http({ allowedRoutes: { namespaces: RouteNamespaces.withLabels({ 'gateway-access': 'true' }) } })],
    });
    apiRoute(new Chart(app, 'blog', { namespace: 'blog' }), 'posts').attachTo(gw);
    const { errors, warnings } = check(app);
    expect(warnings).toStrictEqual([]);
    expect(errors).toStrictEqual([expect.stringContaining('blog/api: listener "http" of Gateway infra/shared allows routes from namespaces with labels {gateway-access: "true"} only')]);
  });
});
