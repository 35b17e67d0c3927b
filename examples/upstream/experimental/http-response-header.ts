import { App, Chart } from 'cdk8s';
import { Backend, HttpRouteFilter, PathMatch, TeamRoute } from '../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'response-header-modifier' },
    parentRefs: [{ name: 'acme-gw' }],
    rules: [{
      matches: [{ path: PathMatch.prefix('/add-multiple-response-headers') }],
      filters: [HttpRouteFilter.responseHeaderModifier({
        add: {
          'X-Header-Add-1': 'header-add-1',
          'X-Header-Add-2': 'header-add-2',
          'X-Header-Add-3': 'header-add-3',
          'Content-Disposition': 'attachment; filename="example_file.txt"',
        },
      })],
      backendRefs: [Backend.fromName('echo', { port: 8080 })],
    }],
  });
}
