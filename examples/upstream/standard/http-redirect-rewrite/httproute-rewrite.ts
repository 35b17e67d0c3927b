import { App, Chart } from 'cdk8s';
import { Backend, HttpRouteFilter, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'http-filter-rewrite' },
    allowUnattached: true,
    hostnames: ['rewrite.example'],
    rules: [{
      filters: [HttpRouteFilter.urlRewrite({ hostname: 'elsewhere.example' })],
      backendRefs: [Backend.fromName('example-svc', { weight: 1, port: 80 })],
    }],
  });
}
