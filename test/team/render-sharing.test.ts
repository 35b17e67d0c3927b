import { ApiObject, ApiObjectMetadataDefinition, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { Backend, CheckMode, GatewayApiAnalysis, TeamRoute } from '../../src';

/** The HTTPRoutes of one `app.synthYaml()` (two synths in one synchronous run are what a stale render would break). */
function routes(app: App): any[] {
  return app.synthYaml().split('\n---\n').map((doc) => doc.trim()).filter((doc) => doc.includes('kind: HTTPRoute'));
}

function appWithAnalysis(): { app: App; chart: Chart } {
  const a = Testing.app();
  GatewayApiAnalysis.enable(a, { mode: CheckMode.WARN });
  return { app: a, chart: new Chart(a, 'team', { namespace: 'team' }) };
}

describe('the written manifest of an L2 route reuses the render its synth-time checks made', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => { stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterEach(() => stderr.mockRestore());

  test('each route is rendered once per synth, for the validation, the analysis and the written manifest', () => {
    const { app: a, chart } = appWithAnalysis();
    const route = new TeamRoute(chart, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromName('store', { port: 8080 })] }] });
    const spy = jest.spyOn(ApiObject.prototype, 'toJson');
    try {
      a.synthYaml();
      expect(spy.mock.contexts.filter((c) => c === route.apiObject)).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });

  // The app-wide analysis renders every object of the app; `Testing.synth(chart)` writes one chart. A render kept
  // for an object of another chart must not be written after that object changed outside the library.
  function twoCharts() {
    const { app: a, chart } = appWithAnalysis();
    const other = new Chart(a, 'other', { namespace: 'other' });
    const first = new TeamRoute(chart, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromName('store', { port: 8080 })] }] });
    return { chart, other, first };
  }
  const routeOf = (chart: Chart) => Testing.synth(chart).find((o) => o.kind === 'HTTPRoute');

  test('fails if a JSON patch added between two synths in the same run were not written', () => {
    const { chart, other } = twoCharts();
    const route = new TeamRoute(other, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromName('store', { port: 8080 })] }] });
    routeOf(chart);
    ApiObject.of(route).addJsonPatch(JsonPatch.add('/metadata/annotations', { patched: 'yes' }));
    expect(routeOf(other).metadata.annotations).toStrictEqual({ patched: 'yes' });
  });

  test.each([
    ['a label', (m: ApiObjectMetadataDefinition) => m.addLabel('tier', 'gold'), { labels: { tier: 'gold' } }],
    ['an annotation', (m: ApiObjectMetadataDefinition) => m.addAnnotation('owner', 'team'), { annotations: { owner: 'team' } }],
    ['a finalizer', (m: ApiObjectMetadataDefinition) => m.addFinalizers('example.com/keep'), { finalizers: ['example.com/keep'] }],
    ['an owner reference', (m: ApiObjectMetadataDefinition) => m.addOwnerReference({ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: '1' }),
      { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: '1' }] }],
    ['another field', (m: ApiObjectMetadataDefinition) => m.add('generateName', 'route-'), { generateName: 'route-' }],
  ])('fails if metadata changed between two synths in the same run (%s) were not written', (_what, change, expected) => {
    const { chart, other } = twoCharts();
    const route = new TeamRoute(other, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromName('store', { port: 8080 })] }] });
    routeOf(chart);
    change(route.apiObject.metadata);
    expect(routeOf(other).metadata).toMatchObject(expected);
  });

  test('fails if a Service port changed between two synths in the same run were not written (routes reading Services render afresh)', () => {
    const { chart, other } = twoCharts();
    const service = new ApiObject(other, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'store' }, spec: { ports: [{ port: 8080 }] } });
    new TeamRoute(other, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromService(service)] }] });
    routeOf(chart);
    service.addJsonPatch(JsonPatch.replace('/spec/ports/0/port', 9090));
    expect(routeOf(other).spec.rules[0].backendRefs).toStrictEqual([{ name: 'store', port: 9090 }]);
  });

  test('a change through the library between two synths in the same run is written', () => {
    const { app: a, chart } = appWithAnalysis();
    const route = new TeamRoute(chart, 'route', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [Backend.fromName('store', { port: 8080 })] }] });
    expect(routes(a)[0]).not.toContain('extra.example.com');
    route.addHostname('extra.example.com');
    expect(routes(a)[0]).toContain('extra.example.com');
  });
});
