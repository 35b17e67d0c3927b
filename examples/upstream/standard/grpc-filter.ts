import { App, Chart } from 'cdk8s';
import { Backend, GrpcRouteFilter, TeamGrpcRoute } from '../../../src';

export function build(app: App): void {
  new TeamGrpcRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'grpc-filter-1' },
    allowUnattached: true,
    hostnames: ['my.filter.com'],
    rules: [{
      filters: [GrpcRouteFilter.requestHeaderModifier({ add: { 'my-header': 'foo' } })],
      backendRefs: [Backend.fromName('my-filter-svc1', { weight: 1, port: 50051 })],
    }],
  });
}
