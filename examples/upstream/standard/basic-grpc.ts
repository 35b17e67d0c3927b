import { App, Chart } from 'cdk8s';
import {
  Backend, CertificateRef, GatewayClass, GrpcMethodMatch, HeaderMatch, Listener, PlatformGateway, TeamGrpcRoute,
} from '../../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'basic-grpc');
  const gatewayClass = new GatewayClass(chart, 'class', {
    metadata: { name: 'example' },
    controllerName: 'acme.io/gateway-controller',
    parametersRef: { name: 'example', group: 'acme.io', kind: 'Parameters' },
  });
  const gateway = new PlatformGateway(chart, 'gateway', {
    metadata: { name: 'my-gateway' },
    gatewayClass,
    listeners: [Listener.https({ port: 50051, certificateRefs: [CertificateRef.fromName('example-com-cert')] })],
  });
  const myService = (n: number) => Backend.fromName(`my-service${n}`, { port: 50051 });
  new TeamGrpcRoute(chart, 'route', {
    metadata: { name: 'grpc-app-1' },
    parents: [gateway],
    hostnames: ['example.com'],
    rules: [
      { matches: [{ method: GrpcMethodMatch.exact({ service: 'com.example.User', method: 'Login' }) }], backendRefs: [myService(1)] },
      {
        matches: [{ headers: [HeaderMatch.exact('magic', 'foo')], method: GrpcMethodMatch.exact({ service: 'com.example.Things', method: 'DoThing' }) }],
        backendRefs: [myService(2)],
      },
    ],
  });
}
