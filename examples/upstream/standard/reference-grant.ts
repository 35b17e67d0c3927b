import { App, Chart } from 'cdk8s';
import { ReferenceGrant } from '../../../src';

export function build(app: App): void {
  new ReferenceGrant(new Chart(app, 'grant'), 'grant', {
    metadata: { name: 'allow-prod-traffic' },
    from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'prod' }],
    to: [{ group: '', kind: 'Service' }],
  });
}
