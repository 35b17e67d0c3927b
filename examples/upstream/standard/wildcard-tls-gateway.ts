import { App, Chart } from 'cdk8s';
import { CertificateRef, Listener, PlatformGateway } from '../../../src';

export function build(app: App): void {
  new PlatformGateway(new Chart(app, 'gateway'), 'gateway', {
    metadata: { name: 'wildcard-tls-gateway' },
    gatewayClassName: 'example',
    listeners: [
      Listener.https({ name: 'foo-https', hostname: 'foo.example.com', certificateRefs: [CertificateRef.fromName('foo-example-com-cert')] }),
      Listener.https({ name: 'wildcard-https', hostname: '*.example.com', certificateRefs: [CertificateRef.fromName('wildcard-example-com-cert')] }),
    ],
  });
}
