import { App, Chart } from 'cdk8s';
import { HttpPathModifier, HttpRouteFilter, PathMatch, RedirectStatusCode, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'http-filter-redirect' },
    allowUnattached: true,
    hostnames: ['redirect.example'],
    rules: [{
      matches: [{ path: PathMatch.prefix('/cayenne') }],
      filters: [HttpRouteFilter.requestRedirect({ path: HttpPathModifier.replaceFullPath('/paprika'), statusCode: RedirectStatusCode.FOUND_302 })],
    }],
  });
}
