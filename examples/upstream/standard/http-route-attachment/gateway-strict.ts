import { App, Chart } from 'cdk8s';
import { Listener, PlatformGateway, RouteKind, RouteNamespaces } from '../../../../src';

export function build(app: App): void {
  new PlatformGateway(new Chart(app, 'gateway', { namespace: 'gateway-api-example-ns1' }), 'gateway', {
    metadata: { name: 'foo-gateway' },
    gatewayClassName: 'foo-lb',
    listeners: [Listener.http({
      name: 'prod-web',
      allowedRoutes: { kinds: [RouteKind.HTTP_ROUTE], namespaces: RouteNamespaces.named(['gateway-api-example-ns2']) },
    })],
  });
}
