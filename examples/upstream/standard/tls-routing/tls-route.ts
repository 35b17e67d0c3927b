import { App, Chart } from 'cdk8s';
import { Backend, TeamTlsRoute } from '../../../../src';

export function build(app: App): void {
  new TeamTlsRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'foo-route' },
    parentRefs: [{ name: 'example-gateway', sectionName: 'tls' }],
    hostnames: ['foo.example.com'],
    backendRefs: [Backend.fromName('foo-svc', { port: 443 })],
  });
}
