import { App, Chart } from 'cdk8s';
import {
  Backend, GatewayClass, HeaderMatch, HttpMethod, Listener, PathMatch, PlatformGateway, QueryParamMatch, TeamRoute,
} from '../../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'basic-http');
  const gatewayClass = new GatewayClass(chart, 'class', {
    metadata: { name: 'example' },
    controllerName: 'acme.io/gateway-controller',
    parametersRef: { name: 'example', group: 'acme.io', kind: 'Parameters' },
  });
  const gateway = new PlatformGateway(chart, 'gateway', { metadata: { name: 'my-gateway' }, gatewayClass, listeners: [Listener.http()] });
  new TeamRoute(chart, 'route', {
    metadata: { name: 'http-app-1' },
    parents: [gateway],
    hostnames: ['foo.com'],
    rules: [
      { matches: [{ path: PathMatch.prefix('/bar') }], backendRefs: [Backend.fromName('my-service1', { port: 8080 })] },
      {
        matches: [{
          headers: [HeaderMatch.exact('magic', 'foo')],
          queryParams: [QueryParamMatch.exact('great', 'example')],
          path: PathMatch.prefix('/some/thing'),
          method: HttpMethod.GET,
        }],
        backendRefs: [Backend.fromName('my-service2', { port: 8080 })],
      },
    ],
  });
}
