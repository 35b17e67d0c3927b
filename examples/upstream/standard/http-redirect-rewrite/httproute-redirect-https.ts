import { App, Chart } from 'cdk8s';
import { Backend, TeamRoute } from '../../../../src';

export function build(app: App): void {
  new TeamRoute(new Chart(app, 'route'), 'route', {
    metadata: { name: 'https-route', labels: { gateway: 'redirect-gateway' } },
    parentRefs: [{ name: 'redirect-gateway', sectionName: 'https' }],
    hostnames: ['redirect.example'],
    rules: [{ backendRefs: [Backend.fromName('example-svc', { port: 80 })] }],
  });
}
