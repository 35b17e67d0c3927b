import { App, Chart } from 'cdk8s';
import { Backend, PathMatch, TeamRoute } from '../../../src';

export function build(app: App): void {
  const route = new TeamRoute(new Chart(app, 'route'), 'route', { metadata: { name: 'my-app' }, allowUnattached: true });
  for (const [prefix, service] of [['/mypath', 'my-service-1'], ['/mypath-012', 'my-service-2'], ['/my%20path/123', 'my-service-3']]) {
    route.addRule({ matches: [{ path: PathMatch.prefix(prefix) }], backendRefs: [Backend.fromName(service, { port: 8080 })] });
  }
}
