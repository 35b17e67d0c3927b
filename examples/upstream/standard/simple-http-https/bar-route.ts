import { App, Chart } from 'cdk8s';
import { Backend, PathMatch, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'bar' },
    parentRefs: [{ name: 'example-gateway', sectionName: 'https' }],
    hostnames: ['bar.example.com'],
    rules: [{ matches: [{ path: PathMatch.prefix('/') }], backendRefs: [Backend.fromName('bar-app', { port: 80 })] }],
  });
}
