import { App, Chart } from 'cdk8s';
import { CertificateRef, Listener, PlatformGateway } from '../../../../src';

export function build(app: App): void {
  new PlatformGateway(new Chart(app, 'gateway'), 'gateway', {
    metadata: { name: 'example-gateway' },
    gatewayClassName: 'prod',
    listeners: [
      Listener.http({ hostname: '*.example.com' }),
      Listener.https({ hostname: '*.example.com', certificateRefs: [CertificateRef.fromName('example-com')] }),
      Listener.https({ name: 'https-default-tls-mode', port: 8443, hostname: '*.foo.com', certificateRefs: [CertificateRef.fromName('foo-com')] }),
    ],
  });
}
