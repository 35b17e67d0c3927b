import { App, Chart } from 'cdk8s';
import { Backend, HttpRouteFilter, PathMatch, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'cors-allow-credentials' },
    parentRefs: [{ name: 'same-namespace' }],
    rules: [{
      matches: [{ path: PathMatch.prefix('/cors-behavior-creds-false') }],
      backendRefs: [Backend.fromName('infra-backend-v1', { port: 8080 })],
      filters: [HttpRouteFilter.cors({ allowOrigins: ['*'], allowCredentials: false })],
    }],
  });
}
