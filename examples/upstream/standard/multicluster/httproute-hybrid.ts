import { App, Chart } from 'cdk8s';
import { Backend, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'store' },
    parentRefs: [{ name: 'external-http' }],
    rules: [{
      backendRefs: [
        Backend.fromResource({ kind: 'Service', name: 'store', port: 8080, weight: 90 }),
        Backend.fromResource({ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'store-global', port: 8080, weight: 10 }),
      ],
    }],
  });
}
