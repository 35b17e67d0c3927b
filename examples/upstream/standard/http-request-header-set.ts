import { App, Chart } from 'cdk8s';
import { Backend, HttpRouteFilter, PathMatch, TeamRoute } from '../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'header-http-echo' },
    parentRefs: [{ name: 'acme-gw' }],
    rules: [{
      matches: [{ path: PathMatch.prefix('/edit-a-request-header') }],
      filters: [HttpRouteFilter.requestHeaderModifier({ set: { 'my-header-name': 'my-new-header-value' } })],
      backendRefs: [Backend.fromName('echo', { port: 8080 })],
    }],
  });
}
