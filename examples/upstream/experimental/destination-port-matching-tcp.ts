import { App, Chart } from 'cdk8s';
import { Backend, TeamTcpRoute } from '../../../src';

export function build(app: App): void {
  new TeamTcpRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'destination-port-matching-example' },
    parentRefs: [{ name: 'my-mesh', group: 'example.io', kind: 'Mesh', port: 8000 }],
    backendRefs: [Backend.fromName('my-service', { port: 8080 })],
  });
}
