import { App, Chart } from 'cdk8s';
import { Listener, PlatformGateway, RouteKind } from '../../../../src';

export function build(app: App): void {
  new PlatformGateway(new Chart(app, 'gateway'), 'gateway', {
    metadata: { name: 'my-udp-gateway' },
    gatewayClassName: 'my-udp-gateway-class',
    listeners: [Listener.udp({ name: 'foo', port: 8080, allowedRoutes: { kinds: [RouteKind.UDP_ROUTE] } })],
  });
}
