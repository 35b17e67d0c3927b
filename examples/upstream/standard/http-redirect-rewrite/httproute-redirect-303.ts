import { App, Chart } from 'cdk8s';
import { HttpMethod, HttpPathModifier, HttpRouteFilter, PathMatch, RedirectStatusCode, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'post-redirect-get' },
    parentRefs: [{ name: 'redirect-gateway' }],
    hostnames: ['forms.example.com'],
    rules: [{
      matches: [{ path: PathMatch.exact('/submit-form'), method: HttpMethod.POST }],
      filters: [HttpRouteFilter.requestRedirect({ path: HttpPathModifier.replaceFullPath('/thank-you'), statusCode: RedirectStatusCode.SEE_OTHER_303 })],
    }],
  });
}
