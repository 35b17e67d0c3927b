import { App, Chart } from 'cdk8s';
import { CertificateRef, Listener, PlatformGateway } from '../../../../src';

export function build(app: App): void {
  new PlatformGateway(new Chart(app, 'gateway'), 'gateway', {
    metadata: { name: 'redirect-gateway' },
    gatewayClassName: 'foo-lb',
    listeners: [Listener.http(), Listener.https({ certificateRefs: [CertificateRef.fromName('redirect-example')] })],
  });
}
