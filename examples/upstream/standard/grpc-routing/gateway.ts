import { App, Chart } from 'cdk8s';
import { Backend, CertificateRef, Listener, PlatformGateway, TeamGrpcRoute } from '../../../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'example');
  const gateway = new PlatformGateway(chart, 'gateway', {
    metadata: { name: 'example-gateway' },
    gatewayClassName: 'example-gateway-class',
    listeners: [Listener.https({ name: 'grpc', port: 50051, certificateRefs: [CertificateRef.fromName('example-com-cert')] })],
  });
  new TeamGrpcRoute(chart, 'route', {
    metadata: { name: 'example-route' },
    parents: [gateway],
    hostnames: ['example.com'],
    rules: [{ backendRefs: [Backend.fromName('example-svc', { port: 50051 })] }],
  });
}
