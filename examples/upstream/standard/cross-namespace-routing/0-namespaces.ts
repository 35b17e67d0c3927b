import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

export function build(app: App): void {
  const chart = new Chart(app, 'namespaces');
  for (const name of ['infra-ns', 'site-ns', 'store-ns']) {
    new kplus.Namespace(chart, name, { metadata: { name, labels: { 'shared-gateway-access': 'true' } } });
  }
  new kplus.Namespace(chart, 'no-external-access', { metadata: { name: 'no-external-access' } });
}
