/**
 * The L2 stage: the scenario built with the persona constructs (PlatformGateway, TeamRoute, typed matches, filters
 * and backends; cross-namespace backends get their ReferenceGrants automatically). Emits the same manifests as
 * bench/baseline.ts.
 */
import { App, Duration } from 'cdk8s';
import {
  AutoGrants, Backend, CertificateRef, HeaderMatch, HttpMethod, HttpPathModifier, HttpRouteFilter, HttpRouteMatch, Listener,
  PathMatch, PlatformGateway, ReferenceGrants, RouteNamespaces, TeamRoute,
} from '../src';
import { ChartsByLayout, FilterModel, MatchModel, ScenarioModel } from './scenario';

function match(m: MatchModel): HttpRouteMatch {
  return {
    path: m.pathType === 'Exact' ? PathMatch.exact(m.path) : PathMatch.prefix(m.path),
    ...(m.method ? { method: m.method === 'GET' ? HttpMethod.GET : HttpMethod.POST } : {}),
    ...(m.headers ? { headers: m.headers.map((h) => HeaderMatch.exact(h.name, h.value)) } : {}),
  };
}

function filter(f: FilterModel): HttpRouteFilter {
  return f.type === 'RequestHeaderModifier'
    ? HttpRouteFilter.requestHeaderModifier({ set: Object.fromEntries(f.set!.map((h) => [h.name, h.value])) })
    : HttpRouteFilter.urlRewrite({ path: HttpPathModifier.replacePrefixMatch(f.prefix!) });
}

export function emitL2(app: App, scenario: ScenarioModel): void {
  const charts = new ChartsByLayout(app, scenario.layout);
  // the backends are named (the scenario has no Service objects): the app team's charts hold their grants, as in
  // bench/baseline.ts, which is the explicit opt-in since 1.0
  ReferenceGrants.setAutoGrants(app, AutoGrants.REFERRER_CHART);
  const gateways = new Map<string, PlatformGateway>();
  for (const gw of scenario.gateways) {
    const all = { namespaces: RouteNamespaces.all() };
    gateways.set(gw.name, new PlatformGateway(charts.chartFor('platform', gw.namespace), gw.name, {
      metadata: { name: gw.name, ...charts.explicitNamespace(gw.namespace) },
      gatewayClassName: 'bench',
      listeners: gw.listeners.map((l) => l.protocol === 'HTTPS'
        ? Listener.https({ name: l.name, hostname: l.hostname, certificateRefs: [CertificateRef.fromName(l.certName!)], allowedRoutes: all })
        : Listener.http({ name: l.name, hostname: l.hostname, allowedRoutes: all })),
    }));
  }

  for (const r of scenario.routes) {
    const route = new TeamRoute(charts.chartFor('apps', r.namespace), r.name, {
      metadata: { name: r.name, ...charts.explicitNamespace(r.namespace) },
      hostnames: [r.hostname],
    });
    route.attachTo(gateways.get(r.gateway.name)!, { sectionName: r.sectionName });
    for (const rule of r.rules) {
      route.addRule({
        name: rule.name,
        matches: rule.matches.map(match),
        filters: rule.filters.map(filter),
        backendRefs: rule.backends.map((b) => Backend.fromName(b.name, { namespace: b.namespace, port: b.port, weight: b.weight })),
        timeouts: rule.timeout ? { request: Duration.seconds(Number(rule.timeout.replace('s', ''))) } : undefined,
      });
    }
  }
}
