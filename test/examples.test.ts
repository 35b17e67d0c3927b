import { Chart, Testing } from 'cdk8s';
import { ExamplesApp } from '../examples/app';
import { GatewayApiAnalysis } from '../src';

function synthExamples(canaryPercent = 10): any[] {
  const app = Testing.app();
  new ExamplesApp(app, canaryPercent);
  return app.charts.flatMap((c) => c.toJson());
}

describe('examples app', () => {
  const objects = synthExamples();
  const gatewayApi = objects.filter((o) => String(o.apiVersion).startsWith('gateway.networking.k8s.io/'));
  const find = (kind: string, name: string) => gatewayApi.find((o) => o.kind === kind && o.metadata.name === name);

  test('synthesizes the platform, the shared services and two app teams with the L2 constructs', () => {
    expect(gatewayApi.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`).sort()).toStrictEqual([
      'Gateway/infra/shared-gateway',
      'GatewayClass//shared',
      'HTTPRoute/blog/blog',
      'HTTPRoute/infra/shared-gateway-https-redirect',
      'HTTPRoute/store/store',
      'ReferenceGrant/shared-services/httproute-store-to-service-search',
    ]);
  });

  test('the app-team routes attach to the shared gateway HTTPS listener', () => {
    for (const name of ['store', 'blog']) {
      expect(find('HTTPRoute', name).spec.parentRefs).toStrictEqual([{ name: 'shared-gateway', namespace: 'infra', sectionName: 'https' }]);
    }
  });

  test('the canary splits traffic by weight and honours the always-canary header', () => {
    const rules = find('HTTPRoute', 'store').spec.rules;
    expect(rules.find((r: any) => r.name === 'canary').backendRefs).toStrictEqual([
      { name: 'store-v1', port: 8080, weight: 90 },
      { name: 'store-v2', port: 8080, weight: 10 },
    ]);
    expect(rules.find((r: any) => r.name === 'canary-header').matches).toStrictEqual([
      { headers: [{ name: 'x-canary', type: 'Exact', value: 'always' }] },
    ]);
    const next = synthExamples(25).find((o) => o.kind === 'HTTPRoute' && o.metadata.name === 'store');
    expect(next.spec.rules.find((r: any) => r.name === 'canary').backendRefs.map((b: any) => b.weight)).toStrictEqual([75, 25]);
  });

  test('the cross-namespace backend gets a least-privilege ReferenceGrant, in the chart of the Service\'s owner', () => {
    expect(find('ReferenceGrant', 'httproute-store-to-service-search').spec).toStrictEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'store' }],
      to: [{ group: '', kind: 'Service', name: 'search' }],
    });
    const app = Testing.app();
    new ExamplesApp(app, 10);
    const kindsOf = (chartId: string) => (app.node.findChild(chartId) as Chart).toJson().map((o: any) => o.kind);
    expect(kindsOf('shared-services')).toContain('ReferenceGrant');
    expect(kindsOf('store')).not.toContain('ReferenceGrant');
  });

  test('passes the synth-time checks: construct checks, CRD validation and attachment analysis', () => {
    const app = Testing.app();
    new ExamplesApp(app, 10);
    const analysis = GatewayApiAnalysis.enable(app);
    expect(() => app.synthYaml()).not.toThrow();
    const report = analysis.lastReport!;
    expect(report.errors()).toStrictEqual([]);
    expect(report.routeResults.map((r) => `${r.route.namespace}/${r.route.name} ${r.acceptedReason} ${r.resolvedRefsReason}`).sort()).toStrictEqual([
      'blog/blog Accepted ResolvedRefs',
      'infra/shared-gateway-https-redirect Accepted ResolvedRefs',
      'store/store Accepted ResolvedRefs',
    ]);
  });

  test('synth output is deterministic', () => {
    expect(synthExamples()).toStrictEqual(objects);
  });
});
