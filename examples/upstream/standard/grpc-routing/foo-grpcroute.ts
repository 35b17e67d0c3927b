import { App, Chart } from 'cdk8s';
import { Backend, GrpcMethodMatch, TeamGrpcRoute } from '../../../../src';

export function build(app: App): void {
  new TeamGrpcRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'foo-route' },
    parentRefs: [{ name: 'example-gateway' }],
    hostnames: ['foo.example.com'],
    rules: [{
      matches: [{ method: GrpcMethodMatch.exact({ service: 'com.example', method: 'Login' }) }],
      backendRefs: [Backend.fromName('foo-svc', { port: 50051 })],
    }],
  });
}
