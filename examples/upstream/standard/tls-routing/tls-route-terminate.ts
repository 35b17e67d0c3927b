import { App, Chart } from 'cdk8s';
import { Backend, TeamTlsRoute } from '../../../../src';

export function build(app: App): void {
  new TeamTlsRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'bar-route' },
    parentRefs: [{ name: 'example-gateway', sectionName: 'tls-terminate' }],
    hostnames: ['bar.example.com'],
    backendRefs: [Backend.fromName('bar-svc', { port: 8080 })],
  });
}
