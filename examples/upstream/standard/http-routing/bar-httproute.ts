import { App, Chart } from 'cdk8s';
import { Backend, HeaderMatch, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'bar-route' },
    parentRefs: [{ name: 'example-gateway' }],
    hostnames: ['bar.example.com'],
    rules: [
      { matches: [{ headers: [HeaderMatch.exact('env', 'canary')] }], backendRefs: [Backend.fromName('bar-svc-canary', { port: 8080 })] },
      { backendRefs: [Backend.fromName('bar-svc', { port: 8080 })] },
    ],
  });
}
