import { App, Chart } from 'cdk8s';
import { CertificateRef, Listener, PlatformGateway, RouteNamespaces } from '../../../../src';

export function build(app: App): void {
  new PlatformGateway(new Chart(app, 'infra', { namespace: 'infra-ns' }), 'gateway', {
    metadata: { name: 'shared-gateway' },
    gatewayClassName: 'shared-gateway-class',
    listeners: [Listener.https({
      hostname: 'foo.example.com',
      certificateRefs: [CertificateRef.fromName('foo-example-com')],
      allowedRoutes: { namespaces: RouteNamespaces.withLabels({ 'shared-gateway-access': 'true' }) },
    })],
  });
}
