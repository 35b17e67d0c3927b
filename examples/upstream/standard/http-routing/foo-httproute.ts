import { App, Chart } from 'cdk8s';
import { Backend, PathMatch, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'foo-route' },
    parentRefs: [{ name: 'example-gateway' }],
    hostnames: ['foo.example.com'],
    rules: [{ matches: [{ path: PathMatch.prefix('/login') }], backendRefs: [Backend.fromName('foo-svc', { port: 8080 })] }],
  });
}
