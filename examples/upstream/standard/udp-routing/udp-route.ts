import { App, Chart } from 'cdk8s';
import { Backend, TeamUdpRoute } from '../../../../src';

export function build(app: App): void {
  new TeamUdpRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'udp-app-1' },
    parentRefs: [{ name: 'my-udp-gateway', sectionName: 'foo' }],
    backendRefs: [Backend.fromName('my-foo-service', { port: 6000 })],
  });
}
