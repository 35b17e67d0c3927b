import { App, Chart } from 'cdk8s';
import { HttpRouteFilter, RedirectScheme, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'tls-redirect' },
    parentRefs: [{ name: 'example-gateway', sectionName: 'http' }],
    hostnames: ['foo.example.com', 'bar.example.com'],
    rules: [{ filters: [HttpRouteFilter.requestRedirect({ scheme: RedirectScheme.HTTPS, port: 443 })] }],
  });
}
