import { App, Chart } from 'cdk8s';
import { CertificateRef, Listener, PlatformGateway } from '../../../src';

export function build(app: App): void {
  new PlatformGateway(new Chart(app, 'backend-tls'), 'gateway', {
    metadata: { name: 'backend-tls' },
    gatewayClassName: 'acme-lb',
    tls: { backendClientCertificateRef: CertificateRef.fromName('foo-example-cert') },
    listeners: [Listener.http({ name: 'foo-http', hostname: 'foo.example.com' })],
  });
}
