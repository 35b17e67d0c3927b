import { App, Chart, Duration } from 'cdk8s';
import { Backend, CorsMethod, HttpRouteFilter, PathMatch, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'cors-allow-credentials' },
    parentRefs: [{ name: 'same-namespace' }],
    rules: [{
      matches: [{ path: PathMatch.prefix('/cors-behavior-creds-true') }],
      backendRefs: [Backend.fromName('infra-backend-v1', { port: 8080 })],
      filters: [HttpRouteFilter.cors({
        allowOrigins: ['https://www.foo.com', 'https://*.bar.com'],
        allowMethods: [CorsMethod.GET, CorsMethod.OPTIONS],
        allowHeaders: ['*'],
        exposeHeaders: ['x-header-3', 'x-header-4'],
        allowCredentials: true,
        maxAge: Duration.hours(1),
      })],
    }],
  });
}
