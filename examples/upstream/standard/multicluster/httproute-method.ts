import { App, Chart } from 'cdk8s';
import { Backend, HttpMethod, TeamRoute } from '../../../../src';

export function build(app: App): void {
  const serviceImport = (name: string) => Backend.fromResource({ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name, port: 8080 });
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'api' },
    parentRefs: [{ name: 'api-gw' }],
    rules: [
      { matches: [HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE].map((method) => ({ method })), backendRefs: [serviceImport('api-primary')] },
      { backendRefs: [serviceImport('api-replicas')] },
    ],
  });
}
