import { App, Chart } from 'cdk8s';
import { Backend, Listener, PlatformGateway, RouteKind, TeamTcpRoute } from '../../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'tcp');
  const gateway = new PlatformGateway(chart, 'gateway', {
    metadata: { name: 'my-tcp-gateway' },
    gatewayClassName: 'my-tcp-gateway-class',
    listeners: [
      Listener.tcp({ name: 'foo', port: 8080, allowedRoutes: { kinds: [RouteKind.TCP_ROUTE] } }),
      Listener.tcp({ name: 'bar', port: 8090, allowedRoutes: { kinds: [RouteKind.TCP_ROUTE] } }),
    ],
  });
  for (const [n, sectionName] of [[1, 'foo'], [2, 'bar']] as const) {
    const route = new TeamTcpRoute(chart, `tcp-app-${n}`, {
      metadata: { name: `tcp-app-${n}` },
      backendRefs: [Backend.fromName(`my-${sectionName}-service`, { port: 6000 })],
    });
    route.attachTo(gateway, { sectionName });
  }
}
