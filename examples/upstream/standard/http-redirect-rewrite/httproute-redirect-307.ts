import { App, Chart } from 'cdk8s';
import { HttpPathModifier, HttpRouteFilter, PathMatch, RedirectStatusCode, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'method-preserving-redirect' },
    parentRefs: [{ name: 'redirect-gateway' }],
    hostnames: ['api.example.com'],
    rules: [{
      matches: [{ path: PathMatch.prefix('/api/v1') }],
      filters: [HttpRouteFilter.requestRedirect({ path: HttpPathModifier.replaceFullPath('/api/v2'), statusCode: RedirectStatusCode.TEMPORARY_REDIRECT_307 })],
    }],
  });
}
