import { App, Chart } from 'cdk8s';
import { CertificateRef, Listener, PlatformGateway } from '../../../src';

export function build(app: App): void {
  new PlatformGateway(new Chart(app, 'gateway'), 'gateway', {
    metadata: { name: 'tls-basic' },
    gatewayClassName: 'example',
    listeners: ['foo', 'bar'].map((host) => Listener.https({
      name: `${host}-https`, hostname: `${host}.example.com`, certificateRefs: [CertificateRef.fromName(`${host}-example-com-cert`)],
    })),
  });
}
