import { App, Chart } from 'cdk8s';
import { Backend, PathMatch, TeamRoute } from '../../../../src';

export function build(app: App): void {
  const serviceImport = (name: string) => Backend.fromResource({ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name, port: 8080 });
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'store' },
    parentRefs: [{ name: 'external-http' }],
    rules: [
      { matches: [{ path: PathMatch.prefix('/west') }], backendRefs: [serviceImport('store-west')] },
      { matches: [{ path: PathMatch.prefix('/east') }], backendRefs: [serviceImport('store-east')] },
      { backendRefs: [serviceImport('store')] },
    ],
  });
}
