import { App, Chart } from 'cdk8s';
import { Backend, HttpPathModifier, HttpRouteFilter, PathMatch, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'http-filter-rewrite' },
    allowUnattached: true,
    hostnames: ['rewrite.example'],
    rules: [{
      matches: [{ path: PathMatch.prefix('/cardamom') }],
      filters: [HttpRouteFilter.urlRewrite({ hostname: 'elsewhere.example', path: HttpPathModifier.replaceFullPath('/fennel') })],
      backendRefs: [Backend.fromName('example-svc', { weight: 1, port: 80 })],
    }],
  });
}
