import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

export function build(app: App): void {
  const chart = new Chart(app, 'namespaces');
  for (const name of ['foo', 'bar']) new kplus.Namespace(chart, name, { metadata: { name } });
}
