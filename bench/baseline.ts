/**
 * The baseline: the scenario's manifests emitted with plain cdk8s L1 classes (no L2 logic), the way a user would
 * write them by hand. It emits exactly what the L2 emitter emits (including the least-privilege ReferenceGrants
 * the L2 creates automatically), so the two stages synthesize the same YAML.
 */
import { App } from 'cdk8s';
import { gatewayapi } from '../src';
import { ChartsByLayout, RouteModel, ScenarioModel } from './scenario';

function routeSpec(route: RouteModel): gatewayapi.HttpRouteSpec {
  const sameNs = route.gateway.namespace === route.namespace;
  return {
    parentRefs: [{ name: route.gateway.name, ...(sameNs ? {} : { namespace: route.gateway.namespace }), sectionName: route.sectionName }],
    hostnames: [route.hostname],
    rules: route.rules.map((rule) => ({
      name: rule.name,
      matches: rule.matches.map((m) => ({
        path: { type: m.pathType as gatewayapi.HttpRouteSpecRulesMatchesPathType, value: m.path },
        ...(m.method ? { method: m.method as gatewayapi.HttpRouteSpecRulesMatchesMethod } : {}),
        ...(m.headers ? {
          headers: m.headers.map((h) => ({ type: gatewayapi.HttpRouteSpecRulesMatchesHeadersType.EXACT, name: h.name, value: h.value })),
        } : {}),
      })),
      ...(rule.filters.length > 0 ? {
        filters: rule.filters.map((f) => f.type === 'RequestHeaderModifier'
          ? { type: gatewayapi.HttpRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER, requestHeaderModifier: { set: f.set } }
          : {
            type: gatewayapi.HttpRouteSpecRulesFiltersType.URL_REWRITE,
            urlRewrite: { path: { type: gatewayapi.HttpRouteSpecRulesFiltersUrlRewritePathType.REPLACE_PREFIX_MATCH, replacePrefixMatch: f.prefix } },
          }),
      } : {}),
      backendRefs: rule.backends.map((b) => ({
        name: b.name,
        ...(b.namespace ? { namespace: b.namespace } : {}),
        port: b.port,
        ...(b.weight !== undefined ? { weight: b.weight } : {}),
      })),
      ...(rule.timeout ? { timeouts: { request: rule.timeout } } : {}),
    })),
  };
}

export function emitBaseline(app: App, scenario: ScenarioModel): void {
  const charts = new ChartsByLayout(app, scenario.layout);
  for (const gw of scenario.gateways) {
    new gatewayapi.Gateway(charts.chartFor('platform', gw.namespace), gw.name, {
      metadata: { name: gw.name, ...charts.explicitNamespace(gw.namespace) },
      spec: {
        gatewayClassName: 'bench',
        listeners: gw.listeners.map((l) => ({
          name: l.name,
          protocol: l.protocol,
          port: l.port,
          hostname: l.hostname,
          allowedRoutes: { namespaces: { from: gatewayapi.GatewaySpecListenersAllowedRoutesNamespacesFrom.ALL } },
          ...(l.certName ? { tls: { certificateRefs: [{ group: '', kind: 'Secret', name: l.certName }] } } : {}),
        })),
      },
    });
  }

  const grants = new Set<string>();
  for (const route of scenario.routes) {
    const chart = charts.chartFor('apps', route.namespace);
    new gatewayapi.HttpRoute(chart, route.name, {
      metadata: { name: route.name, ...charts.explicitNamespace(route.namespace) },
      spec: routeSpec(route),
    });
    for (const b of route.rules.flatMap((r) => r.backends)) {
      if (!b.namespace || b.namespace === route.namespace) continue;
      const name = `httproute-${route.namespace}-to-service-${b.name}`;
      if (grants.has(`${b.namespace}/${name}`)) continue;
      grants.add(`${b.namespace}/${name}`);
      new gatewayapi.ReferenceGrant(chart, `ReferenceGrant-${b.namespace}-${name}`, {
        metadata: { name, namespace: b.namespace },
        spec: {
          from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: route.namespace }],
          to: [{ group: '', kind: 'Service', name: b.name }],
        },
      });
    }
  }
}
