/** A small topology with every state the report draws (plain manifests). */
const GW = 'gateway.networking.k8s.io/v1';

export function topology(): any[] {
  return [
    { apiVersion: GW, kind: 'GatewayClass', metadata: { name: 'acme' }, spec: { controllerName: 'acme.io/gateway' } },
    {
      apiVersion: GW,
      kind: 'Gateway',
      metadata: { name: 'edge', namespace: 'infra' },
      spec: {
        gatewayClassName: 'acme',
        listeners: [
          { name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com', allowedRoutes: { namespaces: { from: 'All' } } },
          { name: 'internal', port: 8080, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } },
          { name: 'dup-a', port: 9000, protocol: 'HTTP', hostname: 'dup.example.com' },
          { name: 'dup-b', port: 9000, protocol: 'HTTPS', hostname: 'dup.example.com', tls: { certificateRefs: [{ name: 'dup-cert' }] } },
        ],
      },
    },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'dup-cert', namespace: 'infra' }, type: 'kubernetes.io/tls' },
    {
      apiVersion: GW,
      kind: 'HTTPRoute',
      metadata: { name: 'shop', namespace: 'team-a' },
      spec: {
        parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'http' }],
        hostnames: ['shop.example.com'],
        rules: [
          { name: 'split', matches: [{ path: { type: 'PathPrefix', value: '/cart' } }], backendRefs: [{ name: 'cart-v1', port: 80, weight: 3 }, { name: 'cart-v2', port: 80, weight: 1 }] },
          { matches: [{ path: { type: 'PathPrefix', value: '/search' } }], backendRefs: [{ name: 'search', namespace: 'shared', port: 80 }] },
        ],
      },
    },
    {
      apiVersion: GW,
      kind: 'HTTPRoute',
      metadata: { name: 'blog', namespace: 'team-b' },
      spec: {
        parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'http' }],
        hostnames: ['blog.example.com'],
        rules: [{ backendRefs: [{ name: 'search', namespace: 'shared', port: 80 }] }],
      },
    },
    {
      apiVersion: GW,
      kind: 'HTTPRoute',
      metadata: { name: 'sneaky', namespace: 'team-b' },
      spec: { parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'internal' }], rules: [{ backendRefs: [{ name: 'blog', port: 80 }] }] },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'team-a-search', namespace: 'shared' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'team-a' }], to: [{ group: '', kind: 'Service', name: 'search' }] },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'cart-v1', namespace: 'team-a' }, spec: { ports: [{ port: 80 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'cart-v2', namespace: 'team-a' }, spec: { ports: [{ port: 80 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'search', namespace: 'shared' }, spec: { ports: [{ port: 80 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'blog', namespace: 'team-b' }, spec: { ports: [{ port: 80 }] } },
    {
      apiVersion: GW,
      kind: 'BackendTLSPolicy',
      metadata: { name: 'search-tls', namespace: 'shared' },
      spec: { targetRefs: [{ group: '', kind: 'Service', name: 'search' }], validation: { wellKnownCACertificates: 'System', hostname: 'search.shared' } },
    },
  ];
}
