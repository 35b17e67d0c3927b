import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { gatewayapi } from '../src';

/** The cluster-scoped Namespaces, in a chart without a namespace. App-team namespaces opt in to the shared Gateway. */
export class NamespacesChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new kplus.Namespace(this, 'infra', { metadata: { name: 'infra' } });
    new kplus.Namespace(this, 'shared-services', { metadata: { name: 'shared-services' } });
    new kplus.Namespace(this, 'store', { metadata: { name: 'store', labels: { 'gateway-access': 'true' } } });
  }
}

/**
 * The platform team's chart: the shared GatewayClass and Gateway in the `infra` namespace.
 * App-team namespaces labelled `gateway-access: "true"` may attach routes.
 */
export class PlatformChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'infra' });

    new gatewayapi.GatewayClass(this, 'class', {
      metadata: { name: 'shared' },
      spec: {
        controllerName: 'example.net/gateway-controller',
        description: 'Shared internet-facing gateways',
      },
    });

    new gatewayapi.Gateway(this, 'gateway', {
      metadata: { name: 'shared-gateway' },
      spec: {
        gatewayClassName: 'shared',
        listeners: [
          {
            name: 'http',
            protocol: 'HTTP',
            port: 80,
            hostname: '*.example.com',
            allowedRoutes: { namespaces: { from: gatewayapi.GatewaySpecListenersAllowedRoutesNamespacesFrom.SAME } },
          },
          {
            name: 'https',
            protocol: 'HTTPS',
            port: 443,
            hostname: '*.example.com',
            tls: {
              mode: gatewayapi.GatewaySpecListenersTlsMode.TERMINATE,
              certificateRefs: [{ kind: 'Secret', name: 'wildcard-example-com' }],
            },
            allowedRoutes: {
              namespaces: {
                from: gatewayapi.GatewaySpecListenersAllowedRoutesNamespacesFrom.SELECTOR,
                selector: { matchLabels: { 'gateway-access': 'true' } },
              },
            },
          },
        ],
      },
    });

    // Redirect every plain-HTTP request to HTTPS.
    new gatewayapi.HttpRoute(this, 'http-to-https', {
      metadata: { name: 'http-to-https' },
      spec: {
        parentRefs: [{ name: 'shared-gateway', sectionName: 'http' }],
        rules: [
          {
            filters: [
              {
                type: gatewayapi.HttpRouteSpecRulesFiltersType.REQUEST_REDIRECT,
                requestRedirect: {
                  scheme: gatewayapi.HttpRouteSpecRulesFiltersRequestRedirectScheme.HTTPS,
                  statusCode: 301,
                },
              },
            ],
          },
        ],
      },
    });
  }
}

/** Options of an app team's chart. */
interface TeamChartProps {
  readonly namespace: string;
  readonly hostname: string;
}

/** An app team: its namespace, its Deployment and Service, and the HTTPRoute that attaches to the shared Gateway. */
export class StoreTeamChart extends Chart {
  constructor(scope: Construct, id: string, props: TeamChartProps) {
    super(scope, id, { namespace: props.namespace });

    const stable = new kplus.Deployment(this, 'store-v1', {
      containers: [{ image: 'ghcr.io/example/store:1.4.0', portNumber: 8080, securityContext: { ensureNonRoot: false } }],
    });
    const canary = new kplus.Deployment(this, 'store-v2', {
      containers: [{ image: 'ghcr.io/example/store:1.5.0', portNumber: 8080, securityContext: { ensureNonRoot: false } }],
    });
    const stableSvc = stable.exposeViaService({ name: 'store-v1', ports: [{ port: 8080 }] });
    const canarySvc = canary.exposeViaService({ name: 'store-v2', ports: [{ port: 8080 }] });

    new gatewayapi.HttpRoute(this, 'route', {
      metadata: { name: 'store' },
      spec: {
        parentRefs: [{ name: 'shared-gateway', namespace: 'infra', sectionName: 'https' }],
        hostnames: [props.hostname],
        rules: [
          {
            name: 'canary',
            matches: [{ path: { type: gatewayapi.HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: '/' } }],
            backendRefs: [
              { name: stableSvc.name, port: 8080, weight: 90 },
              { name: canarySvc.name, port: 8080, weight: 10 },
            ],
          },
          {
            name: 'search',
            matches: [{ path: { type: gatewayapi.HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: '/search' } }],
            // the search service is run by the shared-services team in another namespace
            backendRefs: [{ name: 'search', namespace: 'shared-services', port: 9000 }],
            timeouts: { request: '10s' },
          },
        ],
      },
    });
  }
}

/** The shared-services team owns `search` and grants the store team's HTTPRoutes access to exactly that Service. */
export class SharedServicesChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shared-services' });
    const search = new kplus.Deployment(this, 'search', {
      containers: [{ image: 'ghcr.io/example/search:3.2.1', portNumber: 9000, securityContext: { ensureNonRoot: false } }],
    });
    search.exposeViaService({ name: 'search', ports: [{ port: 9000 }] });

    new gatewayapi.ReferenceGrant(this, 'grant', {
      metadata: { name: 'store-routes-to-search' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'store' }],
        to: [{ group: '', kind: 'Service', name: 'search' }],
      },
    });
  }
}

/** Builds the whole examples app into `app`: the platform chart and the app teams' charts. */
export function buildExamplesApp(app: App): void {
  new NamespacesChart(app, 'namespaces');
  new PlatformChart(app, 'platform');
  new SharedServicesChart(app, 'shared-services');
  new StoreTeamChart(app, 'store', { namespace: 'store', hostname: 'store.example.com' });
}
