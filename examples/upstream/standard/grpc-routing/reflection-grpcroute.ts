import { App, Chart } from 'cdk8s';
import { Backend, GrpcMethodMatch, TeamGrpcRoute } from '../../../../src';

export function build(app: App): void {
  const fooSvc = Backend.fromName('foo-svc', { port: 50051 });
  new TeamGrpcRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'foo-route' },
    parentRefs: [{ name: 'example-gateway' }],
    hostnames: ['foo.example.com'],
    rules: [
      { matches: [{ method: GrpcMethodMatch.exact({ service: 'com.example.User', method: 'Login' }) }], backendRefs: [fooSvc] },
      { matches: [{ method: GrpcMethodMatch.exact({ service: 'grpc.reflection.v1.ServerReflection' }) }], backendRefs: [fooSvc] },
    ],
  });
}
