import { App, Chart } from 'cdk8s';
import { Backend, TeamGrpcRoute } from '../../../../src';

export function build(app: App): void {
  new TeamGrpcRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'foo-route', labels: { gateway: 'prod-web-gw' } },
    allowUnattached: true,
    hostnames: ['foo.example.com'],
    rules: [{ backendRefs: [Backend.fromName('foo-v1', { port: 50051, weight: 90 }), Backend.fromName('foo-v2', { port: 50051, weight: 10 })] }],
  });
}
