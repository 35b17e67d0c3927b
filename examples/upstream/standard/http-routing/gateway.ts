import { App, Chart } from 'cdk8s';
import { Backend, Listener, PlatformGateway, TeamRoute } from '../../../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'example');
  const gateway = new PlatformGateway(chart, 'gateway', {
    metadata: { name: 'example-gateway' },
    gatewayClassName: 'example-gateway-class',
    listeners: [Listener.http()],
  });
  new TeamRoute(chart, 'route', {
    metadata: { name: 'example-route' },
    parents: [gateway],
    hostnames: ['example.com'],
    rules: [{ backendRefs: [Backend.fromName('example-svc', { port: 80 })] }],
  });
}
