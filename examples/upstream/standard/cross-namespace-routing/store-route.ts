import { App, Chart } from 'cdk8s';
import { Backend, PathMatch, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'store', { namespace: 'store-ns' }), 'store', {
    metadata: { name: 'store' },
    parentRefs: [{ name: 'shared-gateway', namespace: 'infra-ns' }],
    rules: [{ matches: [{ path: PathMatch.prefix('/store') }], backendRefs: [Backend.fromName('store', { port: 8080 })] }],
  });
}
