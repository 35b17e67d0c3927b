import { App, Chart } from 'cdk8s';
import { Backend, HttpMethod, TeamRoute } from '../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'example-route' },
    parentRefs: [{ name: 'example-gateway' }],
    rules: [
      { name: 'read-only', matches: [{ method: HttpMethod.GET }], backendRefs: [Backend.fromName('backend-mirror-svc', { port: 8080 })] },
      {
        name: 'write-only',
        matches: [{ method: HttpMethod.POST }, { method: HttpMethod.PATCH }, { method: HttpMethod.DELETE }],
        backendRefs: [Backend.fromName('backend-svc', { port: 8080 })],
      },
    ],
  });
}
