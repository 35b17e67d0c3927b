import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  BackendTlsPolicy, CaCertificateRef, Listener, PlatformGateway, PolicyTarget, SubjectAltName, WellKnownCaCertificates,
} from '../../src';
import { chartIn, json, validationErrors } from '../platform/helpers';

describe('BackendTlsPolicy', () => {
  test('synthesizes a policy with CA certificates, SANs and options', () => {
    const chart = chartIn('store');
    const svc = new kplus.Service(chart, 'auth', { metadata: { name: 'auth' }, ports: [{ name: 'https', port: 443 }] });
    const ca = new kplus.ConfigMap(chart, 'ca', { metadata: { name: 'auth-ca' }, data: { 'ca.crt': 'x' } });
    const policy = new BackendTlsPolicy(chart, 'policy', {
      metadata: { name: 'auth-tls' },
      targetRefs: [PolicyTarget.fromService(svc, { sectionName: 'https' })],
      validation: {
        hostname: 'auth.example.com',
        caCertificateRefs: [CaCertificateRef.fromConfigMap(ca)],
        subjectAltNames: [SubjectAltName.hostname('auth.example.com'), SubjectAltName.uri('spiffe://cluster.local/ns/store/sa/auth')],
      },
      options: { 'example.com/min-tls': '1.3' },
    });
    expect(json(policy)).toMatchSnapshot();
    expect(json(policy).spec).toStrictEqual({
      targetRefs: [{ group: '', kind: 'Service', name: 'auth', sectionName: 'https' }],
      validation: {
        hostname: 'auth.example.com',
        caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'auth-ca' }],
        subjectAltNames: [{ type: 'Hostname', hostname: 'auth.example.com' }, { type: 'URI', uri: 'spiffe://cluster.local/ns/store/sa/auth' }],
      },
      options: { 'example.com/min-tls': '1.3' },
    });
    expect(validationErrors(chart)).toStrictEqual([]);
  });

  test('well-known CA certificates and targets added later', () => {
    const chart = chartIn('store');
    const policy = new BackendTlsPolicy(chart, 'policy', { validation: { hostname: 'dev.example.com', wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM } });
    policy.addTarget(PolicyTarget.fromServiceName('dev'));
    policy.addTarget(PolicyTarget.of({ group: 'example.com', kind: 'Backend', name: 'ext' }));
    expect(json(policy).spec).toStrictEqual({
      targetRefs: [{ group: '', kind: 'Service', name: 'dev' }, { group: 'example.com', kind: 'Backend', name: 'ext' }],
      validation: { hostname: 'dev.example.com', wellKnownCACertificates: 'System' },
    });
    expect(WellKnownCaCertificates.of('example.com/corp-cas').value).toBe('example.com/corp-cas');
  });

  test('the same Service may be targeted on several ports with sectionNames', () => {
    const policy = new BackendTlsPolicy(chartIn('store'), 'policy', {
      targetRefs: [PolicyTarget.fromServiceName('api', { sectionName: 'grpc' }), PolicyTarget.fromServiceName('api', { sectionName: 'https' })],
      validation: { hostname: 'api.example.com', wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM },
    });
    expect(json(policy).spec.targetRefs.map((t: any) => t.sectionName)).toStrictEqual(['grpc', 'https']);
  });

  describe('errors', () => {
    const v = { hostname: 'a.example.com', wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM };

    test('fails if both or neither of caCertificateRefs and wellKnownCaCertificates are set', () => {
      expect(() => new BackendTlsPolicy(chartIn('s'), 'p', { validation: { hostname: 'a.example.com' } }))
        .toThrow("test/p: validation has neither caCertificateRefs nor wellKnownCaCertificates: set one, e.g. caCertificateRefs: [CaCertificateRef.fromConfigMapName('backend-ca')] or wellKnownCaCertificates: WellKnownCaCertificates.SYSTEM.");
      expect(() => new BackendTlsPolicy(chartIn('s'), 'p', { validation: { ...v, caCertificateRefs: [CaCertificateRef.fromConfigMapName('ca')] } }))
        .toThrow('test/p: validation has both caCertificateRefs and wellKnownCaCertificates: set exactly one of them.');
      const p = new BackendTlsPolicy(chartIn('s'), 'p', { validation: v });
      expect(() => p.addCaCertificateRef(CaCertificateRef.fromConfigMapName('ca'))).toThrow(/the policy uses wellKnownCaCertificates "System"; set exactly one of them/);
    });

    test('fails if the hostname is a wildcard or invalid', () => {
      expect(() => new BackendTlsPolicy(chartIn('s'), 'p', { validation: { ...v, hostname: '*.example.com' } })).toThrow(/validation.hostname "\*.example.com" is not a valid hostname.*without wildcards/);
    });

    test('fails if a target is in another namespace', () => {
      const app = Testing.app();
      const svc = new kplus.Service(new Chart(app, 'other', { namespace: 'other' }), 'svc', { ports: [{ port: 443 }] });
      const p = new BackendTlsPolicy(new Chart(app, 'store', { namespace: 'store' }), 'p', { validation: v });
      expect(() => p.addTarget(PolicyTarget.fromService(svc))).toThrow(/store\/p: target Service ".*" is in namespace "other" but the policy is in namespace "store": policies attach to objects in their own namespace only; create the policy in "other"./);
    });

    test('fails if a CA certificate is in another namespace', () => {
      const p = new BackendTlsPolicy(chartIn('store'), 'p', { validation: { hostname: 'a.example.com', caCertificateRefs: [CaCertificateRef.fromConfigMapName('ok')] } });
      expect(() => p.addCaCertificateRef(CaCertificateRef.fromConfigMapName('ca', { namespace: 'pki' }))).toThrow(/CA certificate ConfigMap "ca" is in namespace "pki" but BackendTLSPolicy caCertificateRefs must be in the policy's own namespace \("store"\)/);
    });

    test('fails if targets are repeated or mix whole and section targets', () => {
      const p = new BackendTlsPolicy(chartIn('s'), 'p', { validation: v, targetRefs: [PolicyTarget.fromServiceName('a')] });
      expect(() => p.addTarget(PolicyTarget.fromServiceName('a'))).toThrow('test/p: target Service "a" is listed twice: list each target once.');
      expect(() => p.addTarget(PolicyTarget.fromServiceName('a', { sectionName: 'https' }))).toThrow(/Service "a" is targeted both as a whole and by sectionName/);
    });

    test('fails if a Service target names no port', () => {
      const chart = chartIn('s');
      const svc = new kplus.Service(chart, 'svc', { metadata: { name: 'api' }, ports: [{ name: 'http', port: 80 }] });
      expect(() => PolicyTarget.fromService(svc, { sectionName: 'https' })).toThrow('test/svc: PolicyTarget.fromService() sectionName "https" names no port of Service "api": use one of "http".');
    });

    test('fails if limits are exceeded', () => {
      const p = new BackendTlsPolicy(chartIn('s'), 'p', { validation: { hostname: 'a.example.com', caCertificateRefs: [...Array(8).keys()].map((i) => CaCertificateRef.fromConfigMapName(`ca${i}`)) } });
      expect(() => p.addCaCertificateRef(CaCertificateRef.fromConfigMapName('ca9'))).toThrow(/at most 8 caCertificateRefs/);
      for (let i = 0; i < 16; i++) p.addTarget(PolicyTarget.fromServiceName(`s${i}`));
      expect(() => p.addTarget(PolicyTarget.fromServiceName('s16'))).toThrow(/at most 16 targets/);
      for (let i = 0; i < 5; i++) p.addSubjectAltName(SubjectAltName.hostname(`h${i}.example.com`));
      expect(() => p.addSubjectAltName(SubjectAltName.hostname('h5.example.com'))).toThrow(/at most 5 subjectAltNames/);
    });

    test('fails if SANs, well-known names or options are invalid', () => {
      expect(() => SubjectAltName.uri('not a uri')).toThrow(/"not a uri" is not a URI with a scheme and authority/);
      expect(() => SubjectAltName.hostname('Auth')).toThrow(/hostname "Auth" is not a valid hostname/);
      expect(() => WellKnownCaCertificates.of('corporate')).toThrow(/"corporate" is not valid: use "System" or a domain-prefixed name/);
      expect(() => new BackendTlsPolicy(chartIn('s'), 'p', { validation: v, options: { 'bad key!': 'x' } })).toThrow(/options key "bad key!" is not valid/);
    });

    test('fails at synth without targets', () => {
      const chart = chartIn('s');
      new BackendTlsPolicy(chart, 'p', { metadata: { name: 'x' }, validation: v });
      expect(validationErrors(chart)).toStrictEqual([
        'Gateway API v1.6.1 validation (standard channel) found 1 problem:',
        'test/p/Resource (BackendTLSPolicy s/x) spec.targetRefs: Invalid value: 0: spec.targetRefs in body should have at least 1 items',
        'test/p: BackendTLSPolicy "x" has no targets: add one with targetRefs: [...] or addTarget(PolicyTarget.fromService(svc)).',
      ]);
    });
  });
});

describe('PolicyTarget', () => {
  test('from a Gateway, a route and by name', () => {
    const chart = chartIn('infra');
    const gw = new PlatformGateway(chart, 'gw', { metadata: { name: 'shared' }, gatewayClassName: 'x', listeners: [Listener.http()] });
    const t = PolicyTarget.fromGateway(gw, { sectionName: 'http' });
    expect([t.group, t.kind, t.name, t.sectionName, t.namespace]).toStrictEqual(['gateway.networking.k8s.io', 'Gateway', 'shared', 'http', 'infra']);
    const route = Object.assign(new ApiObject(chart, 'r', { apiVersion: 'v1', kind: 'X' }), {
      routeGroup: 'gateway.networking.k8s.io', routeKind: 'HTTPRoute', routeName: 'store', routeNamespace: 'infra',
    });
    const r = PolicyTarget.fromRoute(route, { sectionName: 'canary' });
    expect([r.group, r.kind, r.name, r.sectionName, r.namespace]).toStrictEqual(['gateway.networking.k8s.io', 'HTTPRoute', 'store', 'canary', 'infra']);
    expect(() => PolicyTarget.of({ group: '', kind: 'Service', name: 'a', sectionName: 'Bad_Section' })).toThrow(/sectionName "Bad_Section" is not valid/);
  });
});
