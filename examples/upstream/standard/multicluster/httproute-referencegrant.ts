import { App, Chart } from 'cdk8s';
import { AutoGrants, Backend, PathMatch, ReferenceGrant, ReferenceGrants, TeamRoute } from '../../../../src';

export function build(app: App): void {
  // The upstream grant shares every ServiceImport of "bar" with the HTTPRoutes of "foo" (an automatic grant would name
  // the one ServiceImport), so this program turns automatic grants off and declares that grant.
  const chart = new Chart(app, 'foo', { namespace: 'foo' });
  ReferenceGrants.setAutoGrants(chart, AutoGrants.OFF);
  new TeamRoute(chart, 'route', {
    metadata: { name: 'foo' },
    allowUnattached: true,
    rules: [{
      matches: [{ path: PathMatch.prefix('/bar') }],
      backendRefs: [Backend.fromResource({ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'bar', namespace: 'bar' })],
    }],
  });
  new ReferenceGrant(chart, 'grant', {
    metadata: { name: 'bar', namespace: 'bar' },
    from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'foo' }],
    to: [{ group: 'multicluster.x-k8s.io', kind: 'ServiceImport' }],
  });
}
