import { App, Chart } from 'cdk8s';
import { AutoGrants, CertificateRef, Listener, PlatformGateway, ReferenceGrant, ReferenceGrants } from '../../../src';

export function build(app: App): void {
  // the certificate owner writes its own (broader) grant, so no automatic one
  ReferenceGrants.setAutoGrants(app, AutoGrants.OFF);
  new PlatformGateway(new Chart(app, 'gateway', { namespace: 'gateway-api-example-ns1' }), 'gateway', {
    metadata: { name: 'cross-namespace-tls-gateway' },
    gatewayClassName: 'example',
    listeners: [Listener.https({
      hostname: '*.example.com', certificateRefs: [CertificateRef.fromName('wildcard-example-com-cert', { namespace: 'gateway-api-example-ns2' })],
    })],
  });
  new ReferenceGrant(new Chart(app, 'certs', { namespace: 'gateway-api-example-ns2' }), 'grant', {
    metadata: { name: 'allow-ns1-gateways-to-ref-secrets' },
    from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'gateway-api-example-ns1' }],
    to: [{ group: '', kind: 'Secret' }],
  });
}
