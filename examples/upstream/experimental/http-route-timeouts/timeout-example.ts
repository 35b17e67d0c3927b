import { App, Chart, Duration } from 'cdk8s';
import { Backend, PathMatch, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'timeout-example' },
    parentRefs: [{ name: 'example-gateway' }],
    rules: [{
      matches: [{ path: PathMatch.prefix('/timeout') }],
      timeouts: { request: Duration.seconds(10), backendRequest: Duration.seconds(2) },
      backendRefs: [Backend.fromName('timeout-svc', { port: 8080 })],
    }],
  });
}
