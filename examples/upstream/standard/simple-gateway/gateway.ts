import { App, Chart } from 'cdk8s';
import { Listener, PlatformGateway, RouteNamespaces } from '../../../../src';

export function build(app: App): void {
  new PlatformGateway(new Chart(app, 'gateway'), 'gateway', {
    metadata: { name: 'prod-web' },
    gatewayClassName: 'example',
    listeners: [Listener.http({ name: 'prod-web-gw', allowedRoutes: { namespaces: RouteNamespaces.same() } })],
  });
}
