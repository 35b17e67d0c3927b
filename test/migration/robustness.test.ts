import { migrateManifests } from '../../src/migration/migrate';

describe('malformed input: reported, never a crash', () => {
  test.each([
    [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'a' }, spec: null }],
    [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'a' }, spec: { rules: 'nope', tls: [null, 3] } }],
    [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'a', annotations: { 'nginx.ingress.kubernetes.io/canary-weight': 7 } }, spec: { rules: [{ host: 5, http: { paths: [null, { backend: {} }] } }] } }],
    [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'a', annotations: { 'nginx.ingress.kubernetes.io/permanent-redirect': 'not a url' } }, spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } }] } }],
    [{ apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'r' }, spec: { routes: [{ match: 'Host(`a`' }, { match: 42 }, null] } }],
    [{ apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'r' }, spec: null }],
    [null], ['text'], [[1, 2]], [{ kind: 'Ingress' }],
  ])('%j', (obj) => {
    const result = migrateManifests([obj]);
    expect(Array.isArray(result.manifests)).toBe(true);
    expect(() => result.verify()).not.toThrow();
  });

  test('an unparseable Traefik rule is named with its position', () => {
    const r = migrateManifests([{ apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'r', namespace: 'x' }, spec: { routes: [{ match: 'Host(`a`) &&' }] } }]);
    expect(r.reports[0].items.find((i) => i.key === 'spec.routes[0].match')?.message).toContain('unexpected end of rule at 12');
    expect(r.complete).toBe(false);
  });

  test('an invalid permanent-redirect URL is reported, the route still routes', () => {
    const r = migrateManifests([{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'a', annotations: { 'nginx.ingress.kubernetes.io/permanent-redirect': '/relative' } }, spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } }] } }]);
    expect(r.reports[0].items.find((i) => i.key === 'nginx.ingress.kubernetes.io/permanent-redirect')?.status).toBe('not-converted');
    expect(r.verify().differences).toEqual([]);
  });
});
