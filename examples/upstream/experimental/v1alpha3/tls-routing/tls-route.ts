import { App, Chart } from 'cdk8s';
import { Backend, TeamTlsRoute, TlsRouteVersion } from '../../../../../src';

export function build(app: App): void {
  new TeamTlsRoute(new Chart(app, 'route'), 'route', {
    version: TlsRouteVersion.V1ALPHA3,
    metadata: { name: 'example-route' },
    parentRefs: [{ name: 'example-gateway', sectionName: 'tls' }],
    hostnames: ['example.com'],
    backendRefs: [Backend.fromName('example-svc', { port: 443 })],
  });
}
