import { App, Chart } from 'cdk8s';
import { Backend, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'simple-split' },
    allowUnattached: true,
    rules: [{ backendRefs: [Backend.fromName('foo-v1', { port: 8080, weight: 90 }), Backend.fromName('foo-v2', { port: 8080, weight: 10 })] }],
  });
}
