import { App, Chart } from 'cdk8s';
import { Backend, HttpRouteFilter, PathMatch, TeamRoute } from '../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'header-http-echo' },
    parentRefs: [{ name: 'acme-gw' }],
    rules: [{
      matches: [{ path: PathMatch.prefix('/remove-a-request-header') }],
      filters: [HttpRouteFilter.requestHeaderModifier({ remove: ['x-request-id'] })],
      backendRefs: [Backend.fromName('echo', { port: 8080 })],
    }],
  });
}
