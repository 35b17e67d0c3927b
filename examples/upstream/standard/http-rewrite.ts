import { App, Chart } from 'cdk8s';
import { HttpPathModifier, HttpRouteFilter, TeamRoute } from '../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route', { namespace: 'gateway-api-example-ns1' }), 'route', {
    metadata: { name: 'http-filter-1' },
    parentRefs: [{ name: 'my-filter-gateway', sectionName: 'http' }],
    hostnames: ['my-filter.example.com'],
    rules: [{ filters: [HttpRouteFilter.urlRewrite({ path: HttpPathModifier.replaceFullPath('/foo') })] }],
  });
}
