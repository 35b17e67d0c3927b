import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  Backend, CanaryRoute, CertificateRef, CertManagerIssuer, GatewayClass, HeaderMatch, HttpRouteFilter, IRouteParent,
  Listener, PathMatch, PlatformGateway, RouteNamespaces, TeamRoute,
} from '../src';

// This app is also translated to Python and Java by jsii-rosetta (examples/python, examples/java; see
// scripts/translate-examples.js), and is written so that the translations are correct code: classes only at the top
// level, plain constructor parameters and methods between them. No props interfaces, object literals of an unnamed
// type, static members, default parameter values or public fields read by another class: rosetta does not translate
// those faithfully.

/** The cluster-scoped Namespaces, in a chart without a namespace. App-team namespaces opt in to the shared Gateway. */
export class NamespacesChart extends Chart {
  /**
   * @param gatewayAccess the label that lets a namespace's routes attach to the shared Gateway's HTTPS listener
   */
  constructor(scope: Construct, id: string, gatewayAccess: { [key: string]: string }) {
    super(scope, id);
    new kplus.Namespace(this, 'infra', { metadata: { name: 'infra' } });
    new kplus.Namespace(this, 'shared-services', { metadata: { name: 'shared-services' } });
    new kplus.Namespace(this, 'store', { metadata: { name: 'store', labels: gatewayAccess } });
    new kplus.Namespace(this, 'blog', { metadata: { name: 'blog', labels: gatewayAccess } });
  }
}

/**
 * The platform team's chart: the GatewayClass and the shared internet-facing Gateway in `infra`, with an HTTP
 * listener that only redirects to HTTPS and an HTTPS listener for every namespace labelled `gateway-access: "true"`.
 */
export class PlatformChart extends Chart {
  private readonly gateway: PlatformGateway;

  /**
   * @param gatewayAccess the namespace label that the HTTPS listener accepts routes from
   */
  constructor(scope: Construct, id: string, gatewayAccess: { [key: string]: string }) {
    super(scope, id, { namespace: 'infra' });

    const gatewayClass = new GatewayClass(this, 'class', {
      metadata: { name: 'shared' },
      controllerName: 'example.net/gateway-controller',
      description: 'Shared internet-facing gateways',
    });

    this.gateway = new PlatformGateway(this, 'gateway', {
      metadata: { name: 'shared-gateway' },
      gatewayClass,
      listeners: [
        Listener.http({ hostname: '*.example.com' }),
        Listener.https({
          hostname: '*.example.com',
          certificateRefs: [CertificateRef.fromName('wildcard-example-com')],
          allowedRoutes: { namespaces: RouteNamespaces.withLabels(gatewayAccess) },
        }),
      ],
      certManager: CertManagerIssuer.clusterIssuer('letsencrypt'),
    });
    // Every plain-HTTP request is redirected to HTTPS (an HTTPRoute on the HTTP listener).
    this.gateway.redirectHttpToHttps();
  }

  /** The shared Gateway, for the app teams' routes. */
  public sharedGateway(): PlatformGateway {
    return this.gateway;
  }
}

/**
 * The shared-services team owns the `search` Service that other teams route to across namespaces. The
 * ReferenceGrant that lets the store team's route reach it is written into this chart (the referent's owner
 * consents), not into the store team's chart: see `ReferenceGrants` and `AutoGrants`.
 */
export class SharedServicesChart extends Chart {
  private readonly search: kplus.Service;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shared-services' });
    const search = new kplus.Deployment(this, 'search', {
      containers: [{ image: 'ghcr.io/example/search:3.2.1', portNumber: 9000, securityContext: { ensureNonRoot: false } }],
    });
    this.search = search.exposeViaService({ name: 'search', ports: [{ port: 9000 }] });
  }

  /** The `search` Service, for other teams' routes. */
  public searchService(): kplus.Service {
    return this.search;
  }
}

/**
 * The store team releases v2 as a canary: a weighted split between the stable and canary Services, plus an
 * "always canary" header for testers. `/search` goes to the shared-services team's Service in another namespace:
 * the least-privilege ReferenceGrant it needs goes into the shared-services chart, the owner of that Service. (A
 * Service that is only named, `Backend.fromName('x', { namespace })`, would fail synth until a known grant allows
 * it: its owner has to consent.)
 */
export class StoreTeamChart extends Chart {
  /**
   * @param gateway the Gateway the store's route attaches to (its `https` listener)
   * @param search the shared-services team's `search` Service
   * @param canaryPercent the share of the store traffic that reaches the canary, in percent
   */
  constructor(scope: Construct, id: string, gateway: IRouteParent, search: kplus.Service, canaryPercent: number) {
    super(scope, id, { namespace: 'store' });

    const stable = new kplus.Deployment(this, 'store-v1', {
      containers: [{ image: 'ghcr.io/example/store:1.4.0', portNumber: 8080, securityContext: { ensureNonRoot: false } }],
    });
    const canary = new kplus.Deployment(this, 'store-v2', {
      containers: [{ image: 'ghcr.io/example/store:1.5.0', portNumber: 8080, securityContext: { ensureNonRoot: false } }],
    });

    const route = new CanaryRoute(this, 'route', {
      metadata: { name: 'store' },
      hostnames: ['store.example.com'],
      stable: Backend.fromService(stable.exposeViaService({ name: 'store-v1', ports: [{ port: 8080 }] })),
      canary: Backend.fromService(canary.exposeViaService({ name: 'store-v2', ports: [{ port: 8080 }] })),
      canaryHeader: HeaderMatch.exact('x-canary', 'always'),
    });
    route.attachTo(gateway, { sectionName: 'https' });
    route.updateCanaryPercent(canaryPercent);

    route.addRule({ name: 'search', matches: [{ path: PathMatch.prefix('/search') }] })
      .addBackend(Backend.fromService(search))
      .configureTimeouts({ request: Duration.seconds(10) });
  }
}

/** The blog team: one HTTPRoute with a header filter and a request timeout. */
export class BlogTeamChart extends Chart {
  /**
   * @param gateway the Gateway the blog's route attaches to (its `https` listener)
   */
  constructor(scope: Construct, id: string, gateway: IRouteParent) {
    super(scope, id, { namespace: 'blog' });

    const blog = new kplus.Deployment(this, 'blog', {
      containers: [{ image: 'ghcr.io/example/blog:2.0.3', portNumber: 3000, securityContext: { ensureNonRoot: false } }],
    });
    const service = blog.exposeViaService({ name: 'blog', ports: [{ port: 3000 }] });

    const route = new TeamRoute(this, 'route', { metadata: { name: 'blog' }, hostnames: ['blog.example.com'] });
    route.attachTo(gateway, { sectionName: 'https' });
    route.addRule({ name: 'pages', matches: [{ path: PathMatch.prefix('/') }] })
      .addFilter(HttpRouteFilter.responseHeaderModifier({ set: { 'cache-control': 'public, max-age=300' } }))
      .addBackend(Backend.fromService(service))
      .configureTimeouts({ request: Duration.seconds(5) });
  }
}

/**
 * The whole examples app, built into `app`: namespaces, the platform, the shared services and two app teams
 * (`main.ts` builds it with a 10 % canary).
 */
export class ExamplesApp {
  /**
   * @param canaryPercent the share of the store traffic that reaches the canary, in percent
   */
  constructor(app: App, canaryPercent: number) {
    // The label that app-team namespaces carry to be allowed on the shared Gateway's HTTPS listener.
    const gatewayAccess = { 'gateway-access': 'true' };
    new NamespacesChart(app, 'namespaces', gatewayAccess);
    const platform = new PlatformChart(app, 'platform', gatewayAccess);
    const shared = new SharedServicesChart(app, 'shared-services');
    new StoreTeamChart(app, 'store', platform.sharedGateway(), shared.searchService(), canaryPercent);
    new BlogTeamChart(app, 'blog', platform.sharedGateway());
  }
}
