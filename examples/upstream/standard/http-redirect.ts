import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  Backend, CertificateRef, GatewayClass, HttpRouteFilter, Listener, PathMatch, PlatformGateway, RedirectScheme, TeamRoute,
} from '../../../src';

export function build(app: App): void {
  const cluster = new Chart(app, 'cluster');
  const gatewayClass = new GatewayClass(cluster, 'class', {
    metadata: { name: 'filter-lb' },
    controllerName: 'acme.io/gateway-controller',
    parametersRef: { name: 'example', group: 'acme.io', kind: 'Parameters' },
  });
  new kplus.Namespace(cluster, 'namespace', { metadata: { name: 'gateway-api-example-ns1' } });

  const chart = new Chart(app, 'example', { namespace: 'gateway-api-example-ns1' });
  const gateway = new PlatformGateway(chart, 'gateway', {
    metadata: { name: 'my-filter-gateway' },
    gatewayClass,
    listeners: [Listener.http(), Listener.https({ certificateRefs: [CertificateRef.fromName('example-com-cert')] })],
  });
  const hostnames = ['my-filter.example.com'];
  new TeamRoute(chart, 'redirect', {
    metadata: { name: 'http-filter-1' },
    hostnames,
    rules: [{ filters: [HttpRouteFilter.requestRedirect({ scheme: RedirectScheme.HTTPS })] }],
  }).attachTo(gateway, { sectionName: 'http' });
  new TeamRoute(chart, 'route', {
    metadata: { name: 'http-filter-2' },
    hostnames,
    rules: [{ matches: [{ path: PathMatch.prefix('/') }], backendRefs: [Backend.fromName('my-filter-svc1', { weight: 1, port: 80 })] }],
  }).attachTo(gateway, { sectionName: 'https' });
}
