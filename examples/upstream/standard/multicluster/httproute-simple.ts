import { App, Chart } from 'cdk8s';
import { Backend, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'store' },
    parentRefs: [{ name: 'external-http' }],
    rules: [{ backendRefs: [Backend.fromResource({ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'store', port: 8080 })] }],
  });
}
