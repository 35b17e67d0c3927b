import { App, Chart } from 'cdk8s';
import { Backend, TeamTcpRoute } from '../../../../src';

export function build(app: App): void {
  new TeamTcpRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'tcp-app-1' },
    parentRefs: [{ name: 'my-tcp-gateway', sectionName: 'foo' }],
    backendRefs: [Backend.fromName('my-foo-service', { port: 6000 })],
  });
}
