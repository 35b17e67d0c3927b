import { App, Chart } from 'cdk8s';
import { Backend, PathMatch, TeamRoute } from '../../../../src';

export function build(app: App): void {
  const site = new Chart(app, 'site', { namespace: 'site-ns' });
  const parentRefs = [{ name: 'shared-gateway', namespace: 'infra-ns' }];
  new TeamRoute(site, 'home', { metadata: { name: 'home' }, parentRefs, rules: [{ backendRefs: [Backend.fromName('home', { port: 8080 })] }] });
  new TeamRoute(site, 'login', {
    metadata: { name: 'login' },
    parentRefs,
    rules: [{
      matches: [{ path: PathMatch.prefix('/login') }],
      backendRefs: [Backend.fromName('login-v1', { port: 8080, weight: 90 }), Backend.fromName('login-v2', { port: 8080, weight: 10 })],
    }],
  });
}
