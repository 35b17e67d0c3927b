import { App, Chart } from 'cdk8s';
import { BackendTlsPolicy, PolicyTarget, WellKnownCaCertificates } from '../../../../src';

export function build(app: App): void {
  new BackendTlsPolicy(new Chart(app, 'policy'), 'policy', {
    metadata: { name: 'tls-upstream-dev' },
    targetRefs: [PolicyTarget.fromServiceName('dev')],
    validation: { hostname: 'dev.example.com', wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM },
  });
}
