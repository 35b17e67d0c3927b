import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { CertificateRef, Listener, ListenerNamespaces, ListenerSet, PlatformGateway } from '../../../../src';

export function build(app: App): void {
  new PlatformGateway(new Chart(app, 'gateway'), 'gateway', {
    metadata: { name: 'parent-gateway' },
    gatewayClassName: 'example',
    allowedListeners: { namespaces: ListenerNamespaces.withLabels({ 'belongs-to': 'shared-gateway' }) },
    listeners: [Listener.http({ name: 'foo', hostname: 'foo.com' })],
  });
  for (const team of ['first', 'second']) {
    const namespace = team === 'first' ? 'team-1-ns' : 'team-2-ns';
    const chart = new Chart(app, namespace, { namespace });
    new kplus.Namespace(new Chart(app, `${namespace}-ns`), 'ns', { metadata: { name: namespace, labels: { 'belongs-to': 'shared-gateway' } } });
    new ListenerSet(chart, 'listeners', {
      metadata: { name: `${team}-workload-listeners` },
      parentRef: PlatformGateway.fromGatewayName(chart, 'parent', 'parent-gateway', { namespace: 'default' }),
      listeners: [Listener.https({
        name: team, hostname: `${team}.foo.com`, certificateRefs: [CertificateRef.fromName(`${team}-workload-cert`)],
      })],
    });
  }
}
