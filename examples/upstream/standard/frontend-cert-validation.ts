import { App, Chart } from 'cdk8s';
import { CaCertificateRef, CertificateRef, Listener, PlatformGateway } from '../../../src';

export function build(app: App): void {
  new PlatformGateway(new Chart(app, 'gateway'), 'gateway', {
    metadata: { name: 'client-validation-basic' },
    gatewayClassName: 'acme-lb',
    tls: {
      frontendValidation: { caCertificateRefs: [CaCertificateRef.fromConfigMapName('foo-example-com-ca-cert')] },
      frontendValidationPerPort: [{ port: 8443, caCertificateRefs: [CaCertificateRef.fromConfigMapName('bar-example-com-ca-cert')] }],
    },
    listeners: [
      Listener.https({ name: 'foo-https', hostname: 'foo.example.com', certificateRefs: [CertificateRef.fromName('foo-example-com-cert')] }),
      Listener.https({ name: 'bar-https', port: 8443, hostname: 'bar.example.com', certificateRefs: [CertificateRef.fromName('bar-example-com-cert')] }),
    ],
  });
}
