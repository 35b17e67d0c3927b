import { App, Chart } from 'cdk8s';
import { Backend, HttpRouteFilter, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'http-filter-mirror', labels: { gateway: 'mirror-gateway' } },
    parentRefs: [{ name: 'mirror-gateway' }],
    hostnames: ['mirror.example'],
    rules: [{
      backendRefs: [Backend.fromName('foo-v1', { port: 8080 })],
      filters: [HttpRouteFilter.requestMirror({ backend: Backend.fromName('foo-v2', { port: 8080 }) })],
    }],
  });
}
