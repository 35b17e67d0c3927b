import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  Backend, BackendTlsPolicy, CanaryRoute, CaCertificateRef, CertificateRef, CertManagerIssuer, GatewayApiAnalysis,
  GatewayClass, HeaderMatch, HttpRouteFilter, Listener, PathMatch, PlatformGateway, PolicyAttachment, PolicyTarget,
  ReferenceGrant, ReferenceGrants, RouteNamespaces, TeamRoute,
} from '/work/h-cli/src';

const app = new App({ outdir: '/tmp/hcli/dist' });
const namespaces = new Chart(app, 'namespaces'); // Namespaces are cluster-scoped: a chart without a namespace
for (const name of ['store', 'checkout']) {
  new kplus.Namespace(namespaces, name, { metadata: { name, labels: { 'gateway-access': 'true' } } });
}

const infra = new Chart(app, 'infra', { namespace: 'infra' });

const gateway = new PlatformGateway(infra, 'gateway', {
  metadata: { name: 'shared' },
  gatewayClass: new GatewayClass(infra, 'class', { metadata: { name: 'internet' }, controllerName: 'example.net/gateway-controller' }),
  listeners: [
    Listener.http({ hostname: '*.example.com' }),
    Listener.https({
      hostname: '*.example.com',
      certificateRefs: [CertificateRef.fromName('wildcard-example-com')],
      allowedRoutes: { namespaces: RouteNamespaces.withLabels({ 'gateway-access': 'true' }) },
    }),
  ],
  certManager: CertManagerIssuer.clusterIssuer('letsencrypt'),
});
gateway.redirectHttpToHttps(); // an HTTPRoute on the HTTP listener: 301 to https

const store = new Chart(app, 'store', { namespace: 'store' });
const web = new kplus.Service(store, 'web', { metadata: { name: 'web' }, ports: [{ port: 8080 }] });

const api = new TeamRoute(store, 'api', { metadata: { name: 'store-api' }, hostnames: ['store.example.com'] });
api.attachTo(gateway, { sectionName: 'https' });
api.addRule({ name: 'api', matches: [{ path: PathMatch.prefix('/api') }] })
  .addFilter(HttpRouteFilter.requestHeaderModifier({ set: { 'x-team': 'store' } }))
  .addBackend(Backend.fromService(web))                   // port inferred: the Service has exactly one
  .configureTimeouts({ request: Duration.seconds(10) });

const stable = new kplus.Service(store, 'stable', { metadata: { name: 'checkout-stable' }, ports: [{ port: 8080 }] });
const next = new kplus.Service(store, 'next', { metadata: { name: 'checkout-canary' }, ports: [{ port: 8080 }] });

const checkout = new CanaryRoute(store, 'checkout', {
  metadata: { name: 'checkout' },
  parents: [gateway],
  hostnames: ['checkout.example.com'],
  stable: Backend.fromService(stable),
  canary: Backend.fromService(next),
  canaryHeader: HeaderMatch.exact('x-canary', 'always'),
});
checkout.updateCanaryPercent(Number(process.env.CANARY_PERCENT ?? '5'));

const shared = new Chart(app, 'shared', { namespace: 'shared-services' });
const search = new kplus.Service(shared, 'search', { metadata: { name: 'search' }, ports: [{ port: 9000 }] });
api.addRule({ name: 'search', matches: [{ path: PathMatch.prefix('/search') }] }).addBackend(Backend.fromService(search));
// → ReferenceGrant shared-services/httproute-store-to-service-search

const payments = new Chart(app, 'payments-team', { namespace: 'checkout' });
ReferenceGrants.setAutoGrants(payments, false);
new TeamRoute(payments, 'pay', {
  metadata: { name: 'pay' },
  parents: [gateway],
  hostnames: ['pay.example.com'],
  rules: [{ backendRefs: [Backend.fromName('payments', { namespace: 'payments', port: 8080 })] }],
});
ReferenceGrant.fromExisting(payments, 'payments-grant', {
  name: 'checkout-routes', namespace: 'payments',
  from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'checkout' }],
  to: [{ group: '', kind: 'Service', name: 'payments' }],
});

new BackendTlsPolicy(store, 'web-tls', {
  targetRefs: [PolicyTarget.fromService(web)],
  validation: { hostname: 'web.store.svc.cluster.local', caCertificateRefs: [CaCertificateRef.fromConfigMapName('web-ca')] },
});

// any vendor's direct-attachment policy, with typed targetRefs
new PolicyAttachment(store, 'retries', {
  apiVersion: 'gateway.envoyproxy.io/v1alpha1',
  kind: 'BackendTrafficPolicy',
  targetRefs: [PolicyTarget.fromRoute(api)],
  spec: { retry: { numRetries: 3 } },
});

GatewayApiAnalysis.enable(app);
app.synth();
