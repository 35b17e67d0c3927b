import { App, Chart } from 'cdk8s';
import { BackendTlsPolicy, CaCertificateRef, PolicyTarget } from '../../../../src';

export function build(app: App): void {
  new BackendTlsPolicy(new Chart(app, 'policy'), 'policy', {
    metadata: { name: 'tls-upstream-auth' },
    targetRefs: [PolicyTarget.fromServiceName('auth')],
    validation: { hostname: 'auth.example.com', caCertificateRefs: [CaCertificateRef.fromConfigMapName('auth-cert')] },
  });
}
