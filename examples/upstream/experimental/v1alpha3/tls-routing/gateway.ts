import { App, Chart } from 'cdk8s';
import { Listener, PlatformGateway } from '../../../../../src';

export function build(app: App): void {
  new PlatformGateway(new Chart(app, 'gateway'), 'gateway', {
    metadata: { name: 'example-gateway' },
    gatewayClassName: 'example-gateway-class',
    listeners: [Listener.tlsPassthrough()],
  });
}
