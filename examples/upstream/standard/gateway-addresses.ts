import { App, Chart } from 'cdk8s';
import { GatewayAddress, Listener, PlatformGateway, RouteNamespaces } from '../../../src';

const IPS = [
  '1200:0000:AB00:1234:0000:2552:7777:1313', '21DA:D3:0:2F3B:2AA:FF:FE28:9C5A', '2001:db8:3c4d:15:0:d234:3eee::', '1234::',
  '1.1.1.1', '1.2.3.4', '0.0.0.0', '9.255.255.255', '11.0.0.0', '255.255.255.255',
];

export function build(app: App): void {
  new PlatformGateway(new Chart(app, 'gateway'), 'gateway', {
    metadata: { name: 'gateway-addresses' },
    gatewayClassName: 'example',
    addresses: [...IPS.map((ip) => GatewayAddress.ipAddress(ip)), GatewayAddress.hostname('example.com')],
    listeners: [Listener.http({ name: 'prod-web-gw', allowedRoutes: { namespaces: RouteNamespaces.same() } })],
  });
}
