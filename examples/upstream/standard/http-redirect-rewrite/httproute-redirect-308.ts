import { App, Chart } from 'cdk8s';
import { HttpPathModifier, HttpRouteFilter, PathMatch, RedirectStatusCode, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'permanent-method-preserving-redirect' },
    parentRefs: [{ name: 'redirect-gateway' }],
    hostnames: ['api.example.com'],
    rules: [{
      matches: [{ path: PathMatch.prefix('/old-api') }],
      filters: [HttpRouteFilter.requestRedirect({ path: HttpPathModifier.replaceFullPath('/new-api'), statusCode: RedirectStatusCode.PERMANENT_REDIRECT_308 })],
    }],
  });
}
