import { Testing } from 'cdk8s';
import { buildExamplesApp } from '../examples/app';

describe('examples app', () => {
  const app = Testing.app();
  buildExamplesApp(app);
  const objects = app.charts.flatMap((c) => c.toJson());
  const gatewayApi = objects.filter((o) => String(o.apiVersion).startsWith('gateway.networking.k8s.io/'));

  test('synthesizes Gateway API objects of the platform and the teams', () => {
    expect(gatewayApi.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`).sort()).toStrictEqual([
      'Gateway/infra/shared-gateway',
      'GatewayClass/infra/shared',
      'HTTPRoute/infra/http-to-https',
      'HTTPRoute/store/store',
      'ReferenceGrant/shared-services/store-routes-to-search',
    ]);
  });

  test('the store route attaches to the shared gateway HTTPS listener', () => {
    const route = gatewayApi.find((o) => o.kind === 'HTTPRoute' && o.metadata.name === 'store');
    expect(route.spec.parentRefs).toStrictEqual([{ name: 'shared-gateway', namespace: 'infra', sectionName: 'https' }]);
  });

  test('synth output is deterministic', () => {
    const again = Testing.app();
    buildExamplesApp(again);
    expect(again.charts.flatMap((c) => c.toJson())).toStrictEqual(objects);
  });
});
