import { App, Chart } from 'cdk8s';
import { HttpRouteFilter, RedirectScheme, RedirectStatusCode, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'http-filter-redirect' },
    parentRefs: [{ name: 'redirect-gateway', sectionName: 'http' }],
    hostnames: ['redirect.example'],
    rules: [{ filters: [HttpRouteFilter.requestRedirect({ scheme: RedirectScheme.HTTPS, statusCode: RedirectStatusCode.MOVED_PERMANENTLY_301 })] }],
  });
}
