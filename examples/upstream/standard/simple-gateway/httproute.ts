import { App, Chart } from 'cdk8s';
import { Backend, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'foo' },
    parentRefs: [{ name: 'prod-web' }],
    rules: [{ backendRefs: [Backend.fromName('foo-svc', { port: 8080 })] }],
  });
}
