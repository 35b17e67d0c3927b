/**
 * Deterministic platform-scale scenarios for the benchmarks: Gateways with listeners, app-team namespaces with
 * HTTPRoutes (varied matches, filters, weighted and cross-namespace backends), described as plain data so the
 * baseline (raw L1) and the L2 emitters produce the same manifests from the same input.
 */
import { App, Chart } from 'cdk8s';

export interface ListenerModel {
  readonly name: string;
  readonly protocol: 'HTTP' | 'HTTPS';
  readonly port: number;
  readonly hostname: string;
  readonly certName?: string;
}

export interface GatewayModel {
  readonly name: string;
  readonly namespace: string;
  readonly listeners: ListenerModel[];
}

export interface HeaderModel { readonly name: string; readonly value: string }

export interface MatchModel {
  readonly pathType: 'PathPrefix' | 'Exact';
  readonly path: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: HeaderModel[];
}

export interface FilterModel {
  readonly type: 'RequestHeaderModifier' | 'URLRewrite';
  readonly set?: HeaderModel[];
  readonly prefix?: string;
}

export interface BackendModel {
  readonly name: string;
  /** set when the backend lives in another namespace than the route */
  readonly namespace?: string;
  readonly port: number;
  readonly weight?: number;
}

export interface RuleModel {
  readonly name: string;
  readonly matches: MatchModel[];
  readonly filters: FilterModel[];
  readonly backends: BackendModel[];
  readonly timeout?: string;
}

export interface RouteModel {
  readonly name: string;
  readonly namespace: string;
  readonly gateway: GatewayModel;
  readonly sectionName: string;
  readonly hostname: string;
  readonly rules: RuleModel[];
}

/**
 * How the objects are spread over cdk8s charts:
 * - `namespace`: one chart per namespace (10 platform charts for the Gateways, 200 team charts for the routes);
 *   cdk8s validates the whole app once per chart it writes, so its own synth cost grows with charts × constructs.
 * - `persona`: one chart for the platform team and one for the app teams, each object naming its namespace.
 */
export type ChartLayout = 'namespace' | 'persona';

export interface ScenarioModel {
  readonly name: string;
  readonly layout: ChartLayout;
  readonly namespaces: string[];
  readonly gateways: GatewayModel[];
  readonly routes: RouteModel[];
  /** the namespace that owns the shared Services reached across namespaces */
  readonly sharedNamespace: string;
}

/** A small deterministic PRNG (mulberry32), so every run builds the same scenario. */
/* eslint-disable no-bitwise */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/* eslint-enable no-bitwise */

export interface ScenarioOptions {
  readonly routes: number;
  readonly gateways?: number;
  readonly namespaces?: number;
  /** every n-th Gateway gets 64 listeners (the CRD maximum) */
  readonly bigGatewayEvery?: number;
  /** @default 'namespace' */
  readonly layout?: ChartLayout;
}

/**
 * The chart for an object of `persona` in `namespace`, created on first use; `explicitNamespace` is the namespace the
 * object must name itself (the persona layout's charts have none).
 */
export class ChartsByLayout {
  private readonly charts = new Map<string, Chart>();
  constructor(private readonly app: App, private readonly layout: ChartLayout) {}

  public chartFor(persona: 'platform' | 'apps', namespace: string): Chart {
    const id = this.layout === 'persona' ? persona : namespace;
    let chart = this.charts.get(id);
    if (!chart) {
      chart = new Chart(this.app, id, this.layout === 'persona' ? {} : { namespace });
      this.charts.set(id, chart);
    }
    return chart;
  }

  public explicitNamespace(namespace: string): { namespace?: string } {
    return this.layout === 'persona' ? { namespace } : {};
  }
}

export function buildScenario(opts: ScenarioOptions): ScenarioModel {
  const rnd = prng(opts.routes * 7919 + 17);
  const gatewayCount = opts.gateways ?? 100;
  const nsCount = opts.namespaces ?? 200;
  const bigEvery = opts.bigGatewayEvery ?? 10;
  const namespaces = Array.from({ length: nsCount }, (_, i) => `team-${String(i).padStart(3, '0')}`);

  const gateways: GatewayModel[] = Array.from({ length: gatewayCount }, (_, g) => {
    const domain = `gw${g}.example.com`;
    const count = g % bigEvery === 0 ? 64 : 4;
    const listeners: ListenerModel[] = [];
    for (let l = 0; l < count; l++) {
      const https = l % 2 === 1;
      listeners.push({
        name: `${https ? 'https' : 'http'}-${l}`,
        protocol: https ? 'HTTPS' : 'HTTP',
        port: https ? 443 : 80,
        hostname: `*.l${l}.${domain}`,
        ...(https ? { certName: `cert-l${l}-gw${g}` } : {}),
      });
    }
    return { name: `gw-${g}`, namespace: `infra-${g % 10}`, listeners };
  });

  const routes: RouteModel[] = [];
  for (let r = 0; r < opts.routes; r++) {
    const namespace = namespaces[r % nsCount];
    const gateway = gateways[r % gatewayCount];
    const listener = gateway.listeners[Math.floor(rnd() * gateway.listeners.length)];
    const ruleCount = 1 + Math.floor(rnd() * 3);
    const rules: RuleModel[] = [];
    for (let k = 0; k < ruleCount; k++) {
      const matches: MatchModel[] = [{
        pathType: rnd() < 0.7 ? 'PathPrefix' : 'Exact',
        path: `/svc${r}/p${k}`,
        ...(rnd() < 0.3 ? { method: rnd() < 0.5 ? 'GET' as const : 'POST' as const } : {}),
        ...(rnd() < 0.3 ? { headers: [{ name: 'x-tenant', value: `t${r % 13}` }] } : {}),
      }];
      const filters: FilterModel[] = [];
      if (rnd() < 0.4) filters.push({ type: 'RequestHeaderModifier', set: [{ name: 'x-route', value: `r${r}` }] });
      // ReplacePrefixMatch needs a PathPrefix match (a CRD rule)
      if (rnd() < 0.2 && matches[0].pathType === 'PathPrefix') filters.push({ type: 'URLRewrite', prefix: '/' });
      const backends: BackendModel[] = [];
      const roll = rnd();
      if (roll < 0.25) {
        backends.push({ name: `app-${r}-v1`, port: 8080, weight: 90 }, { name: `app-${r}-v2`, port: 8080, weight: 10 });
      } else if (roll < 0.4) {
        backends.push({ name: `shared-${r % 50}`, namespace: 'shared-services', port: 9000 });
      } else {
        backends.push({ name: `app-${r}`, port: 8080 });
      }
      rules.push({ name: `rule-${k}`, matches, filters, backends, ...(rnd() < 0.3 ? { timeout: '10s' } : {}) });
    }
    routes.push({
      name: `route-${r}`,
      namespace,
      gateway,
      sectionName: listener.name,
      hostname: listener.hostname.replace('*', `app${r}`),
      rules,
    });
  }
  const layout = opts.layout ?? 'namespace';
  return { name: `${opts.routes} routes, ${layout} charts`, layout, namespaces, gateways, routes, sharedNamespace: 'shared-services' };
}
