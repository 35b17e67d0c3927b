import { App, Chart } from 'cdk8s';
import { Backend, PathMatch, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'store' },
    parentRefs: [{ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'store' }],
    rules: [{
      matches: [{ path: PathMatch.prefix('/cart') }],
      backendRefs: [Backend.fromResource({ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'cart' })],
    }],
  });
}
