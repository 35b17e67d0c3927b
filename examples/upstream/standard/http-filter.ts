import { App, Chart } from 'cdk8s';
import { Backend, HttpRouteFilter, TeamRoute } from '../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'http-filter-1' },
    allowUnattached: true,
    hostnames: ['my.filter.com'],
    rules: [{
      filters: [HttpRouteFilter.requestHeaderModifier({ add: { 'my-header': 'foo' } })],
      backendRefs: [Backend.fromName('my-filter-svc1', { weight: 1, port: 80 })],
    }],
  });
}
