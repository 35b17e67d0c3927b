import { App, Chart } from 'cdk8s';
import { Backend, GatewayClass, HeaderMatch, Listener, PathMatch, PlatformGateway, TeamRoute } from '../../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'default-match');
  const gatewayClass = new GatewayClass(chart, 'class', { metadata: { name: 'default-match-example' }, controllerName: 'acme.io/gateway-controller' });
  const gateway = new PlatformGateway(chart, 'gateway', { metadata: { name: 'default-match-gw' }, gatewayClass, listeners: [Listener.http()] });
  new TeamRoute(chart, 'route', {
    metadata: { name: 'default-match-route', labels: { app: 'default-match' } },
    parents: [gateway],
    hostnames: ['default-match.com'],
    rules: [
      {
        matches: [{ headers: [HeaderMatch.exact('magic', 'default-match')] }],
        backendRefs: [Backend.fromResource({ group: 'acme.io', kind: 'CustomBackend', name: 'my-custom-resource', port: 8080 })],
      },
      { matches: [{ path: PathMatch.exact('/example/exact') }], backendRefs: [Backend.fromName('my-service-2', { port: 8080 })] },
    ],
  });
}
