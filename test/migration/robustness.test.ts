import { migrateManifests } from '../../src/migration/migrate';

describe('malformed input: reported, never a crash', () => {
  test.each([
    [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'a' }, spec: null }],
    [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'a' }, spec: { rules: 'nope', tls: [null, 3] } }],
    [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'a', annotations: { 'nginx.ingress.kubernetes.io/canary-weight': 7 } }, spec: { rules: [{ host: 5, http: { paths: [null, { backend: {} }] } }] } }],
    [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'a', annotations: { 'nginx.ingress.kubernetes.io/permanent-redirect': 'not a url' } }, spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } }] } }],
    [{ apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'r' }, spec: { routes: [{ match: 'Host(`a`' }, { match: 42 }, null] } }],
    [{ apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'r' }, spec: null }],
    [{ apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRouteTCP', metadata: { name: 't' }, spec: { entryPoints: ['web', 7], routes: [null, { match: 5 }, { match: 'HostSNI(`*`)', services: 'x' }], tls: 'yes' } }],
    [{ apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRouteTCP', metadata: { name: 't' }, spec: { entryPoints: ['websecure'], routes: [{ match: 'HostSNI(`a.example.com`) && ClientIP(`10.0.0.0/8`)', services: [{ name: 's', port: 1 }] }], tls: { passthrough: true } } }],
    [{ apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRouteUDP', metadata: { name: 'u' }, spec: { entryPoints: ['web'], routes: [{ services: [null, { name: 's' }] }] } }],
    [{ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'h' }, spec: { headers: { customRequestHeaders: 'x', accessControlAllowOriginList: ['not an origin', 3], accessControlMaxAge: -1 } } }],
    [null], ['text'], [[1, 2]], [{ kind: 'Ingress' }],
  ])('%j', (obj) => {
    const result = migrateManifests([obj], { entryPoints: { web: { port: 80 } } });
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

test('a malformed headers middleware is reported: a bad origin is not turned into a CORS filter', () => {
  const mw = { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'h', namespace: 'x' }, spec: { headers: { accessControlAllowOriginList: ['not an origin'] } } };
  const route = { apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'r', namespace: 'x' }, spec: { entryPoints: ['web'], routes: [{ match: 'Host(`a.example.com`)', middlewares: [{ name: 'h' }], services: [{ name: 's', port: 80 }] }] } };
  const r = migrateManifests([mw, route]);
  expect(r.reports[0].items.find((i) => i.key === 'spec.routes[0].middlewares x/h')?.message).toContain('accessControlAllowOriginList not an origin');
  expect(JSON.stringify(r.manifests)).not.toContain('"CORS"');
  expect(r.verify().differences).toEqual([]);
});
