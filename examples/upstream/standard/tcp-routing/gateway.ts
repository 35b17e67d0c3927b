import { App, Chart } from 'cdk8s';
import { Listener, PlatformGateway, RouteKind } from '../../../../src';

export function build(app: App): void {
  new PlatformGateway(new Chart(app, 'gateway'), 'gateway', {
    metadata: { name: 'my-tcp-gateway' },
    gatewayClassName: 'my-tcp-gateway-class',
    listeners: [Listener.tcp({ name: 'foo', port: 8080, allowedRoutes: { kinds: [RouteKind.TCP_ROUTE] } })],
  });
}
