import { App, Chart } from 'cdk8s';
import { Backend, HeaderMatch, TeamGrpcRoute } from '../../../../src';

export function build(app: App): void {
  new TeamGrpcRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'bar-route' },
    parentRefs: [{ name: 'example-gateway' }],
    hostnames: ['bar.example.com'],
    rules: [
      { matches: [{ headers: [HeaderMatch.exact('env', 'canary')] }], backendRefs: [Backend.fromName('bar-svc-canary', { port: 50051 })] },
      { backendRefs: [Backend.fromName('bar-svc', { port: 50051 })] },
    ],
  });
}
