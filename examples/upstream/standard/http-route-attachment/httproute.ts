import { App, Chart } from 'cdk8s';
import { Backend, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route', { namespace: 'gateway-api-example-ns2' }), 'route', {
    metadata: { name: 'my-route' },
    parentRefs: [{ kind: 'Gateway', name: 'foo-gateway', namespace: 'gateway-api-example-ns1' }],
    rules: [{ backendRefs: [Backend.fromName('foo-svc', { port: 8080 })] }],
  });
}
