import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as kplus33 from 'cdk8s-plus-33';
import { KubeConfigMap, KubeSecret } from 'cdk8s-plus-33/lib/imports/k8s';
import { CaCertificateRef, CertificateRef, PolicyTarget } from '../../src';

// PolicyTarget.fromService, CertificateRef.fromSecret and CaCertificateRef.fromConfigMap/fromSecret take any construct
// that stands for the v1 object (any cdk8s-plus line, an L1, ...), like Backend.fromService.
describe('references to objects of the app take a structural IConstruct', () => {
  const chart = () => new Chart(Testing.app(), 'certs', { namespace: 'certs' });

  test('CertificateRef.fromSecret accepts Secrets of cdk8s-plus-28, cdk8s-plus-33 and a KubeSecret', () => {
    const c = chart();
    const refs = [
      CertificateRef.fromSecret(new kplus.Secret(c, 's28', { metadata: { name: 'tls-28' } })),
      CertificateRef.fromSecret(new kplus33.Secret(c, 's33', { metadata: { name: 'tls-33', namespace: 'pki' } })),
      CertificateRef.fromSecret(new KubeSecret(c, 'l1', { metadata: { name: 'tls-l1' } })),
    ];
    expect(refs.map((r) => [r.kind, r.name, r.namespace])).toStrictEqual([
      ['Secret', 'tls-28', 'certs'], ['Secret', 'tls-33', 'pki'], ['Secret', 'tls-l1', 'certs'],
    ]);
  });

  test('an imported cdk8s-plus Secret is taken to be in the referrer\'s namespace', () => {
    const ref = CertificateRef.fromSecret(kplus33.Secret.fromSecretName(chart(), 'imported', 'elsewhere-tls'));
    expect([ref.name, ref.namespace]).toStrictEqual(['elsewhere-tls', undefined]);
  });

  test('CaCertificateRef.fromConfigMap and fromSecret accept any cdk8s-plus line and L1s', () => {
    const c = chart();
    expect(CaCertificateRef.fromConfigMap(new kplus33.ConfigMap(c, 'ca', { metadata: { name: 'ca' } }))).toMatchObject({ kind: 'ConfigMap', name: 'ca', namespace: 'certs' });
    expect(CaCertificateRef.fromConfigMap(new KubeConfigMap(c, 'ca-l1', { metadata: { name: 'ca-l1' } }))).toMatchObject({ kind: 'ConfigMap', name: 'ca-l1' });
    expect(CaCertificateRef.fromSecret(new kplus33.Secret(c, 'ca-s', { metadata: { name: 'ca-s' } }))).toMatchObject({ kind: 'Secret', name: 'ca-s' });
  });

  test('PolicyTarget.fromService accepts a cdk8s-plus-33 Service and checks named ports', () => {
    const c = chart();
    const svc = new kplus33.Service(c, 'web', { metadata: { name: 'web' }, ports: [{ name: 'https', port: 443 }] });
    expect(PolicyTarget.fromService(svc, { sectionName: 'https' })).toMatchObject({ group: '', kind: 'Service', name: 'web', sectionName: 'https', namespace: 'certs' });
    expect(() => PolicyTarget.fromService(svc, { sectionName: 'http' })).toThrow('certs/web: PolicyTarget.fromService() sectionName "http" names no port of Service "web": use one of "https".');
  });

  test('fails if the construct is another kind of object', () => {
    const c = chart();
    const cm = new kplus33.ConfigMap(c, 'cm', { metadata: { name: 'cm' } });
    expect(() => CertificateRef.fromSecret(cm)).toThrow('CertificateRef.fromSecret(certs/cm): expected a v1 Secret, got v1 ConfigMap.');
    expect(() => PolicyTarget.fromService(cm)).toThrow('PolicyTarget.fromService(certs/cm): expected a v1 Service, got v1 ConfigMap.');
    expect(() => CaCertificateRef.fromConfigMap(c)).toThrow(/CaCertificateRef.fromConfigMap\(certs\): not a ConfigMap: pass a cdk8s-plus ConfigMap \(any cdk8s-plus line\)/);
  });
});
