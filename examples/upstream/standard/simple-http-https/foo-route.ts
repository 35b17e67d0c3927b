import { App, Chart } from 'cdk8s';
import { Backend, PathMatch, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'foo' },
    parentRefs: [{ name: 'example-gateway', sectionName: 'https' }],
    hostnames: ['foo.example.com'],
    rules: [
      { matches: [{ path: PathMatch.prefix('/') }], backendRefs: [Backend.fromName('foo-app', { port: 80 })] },
      { matches: [{ path: PathMatch.prefix('/orders') }], backendRefs: [Backend.fromName('foo-orders-app', { port: 80 })] },
    ],
  });
}
