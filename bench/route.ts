/**
 * The `route` stage of the benchmark: the routing simulator at platform scale.
 *
 * For each scenario size (bench/scenario.ts: 1,000 or 10,000 HTTPRoutes over 100 Gateways, every tenth with 64
 * listeners), the scenario's manifests (the baseline app's `toJson()`) are indexed by `RoutingSimulator.fromManifests`
 * (which runs the attachment analysis), then 10,000 varied requests are simulated, four warm-up passes and then the
 * timed passes: matching paths under prefixes, exact paths, methods and headers, rewrites, weighted and
 * cross-namespace backends, unknown paths (404) and unknown hosts. We report the indexing time, µs per request (median of the timed passes) and the
 * 10k/1k ratio of the per-request cost (target ≤ 2×: the cost of a request must not grow with the number of routes).
 *
 * Usage: ts-node bench/route.ts [--routes 1000,10000] [--requests 10000] [--passes 5] [--json]
 * (bench/run.ts runs it in a fresh process per size: `npm run bench -- --stages route`).
 */
import { performance } from 'perf_hooks';
import { App } from 'cdk8s';
import { emitBaseline } from './baseline';
import { buildScenario, prng, ScenarioModel } from './scenario';
import { MissingReferencePolicy, RoutingRequest, RoutingSimulator } from '../src';


/** `count` varied requests over the routes of `scenario`, deterministic. */
export function requestsFor(scenario: ScenarioModel, count: number): RoutingRequest[] {
  const rnd = prng(4242);
  const out: RoutingRequest[] = [];
  for (let i = 0; i < count; i++) {
    const route = scenario.routes[Math.floor(rnd() * scenario.routes.length)];
    const listener = route.gateway.listeners.find((l) => l.name === route.sectionName)!;
    const rule = route.rules[Math.floor(rnd() * route.rules.length)];
    const m = rule.matches[0];
    const roll = rnd();
    const host = roll < 0.05 ? `unknown${i}.example.org` : route.hostname;
    const path = roll < 0.15 ? '/nothing/here' : m.pathType === 'Exact' ? m.path : `${m.path}/item/${i}?page=${i % 7}`;
    out.push({
      gateway: rnd() < 0.5 ? { namespace: route.gateway.namespace, name: route.gateway.name } : undefined,
      scheme: listener.protocol === 'HTTPS' ? 'https' : 'http',
      host,
      path,
      method: m.method ?? (rnd() < 0.5 ? 'GET' : 'POST'),
      headers: { ...(m.headers ? Object.fromEntries(m.headers.map((h) => [h.name, h.value])) : {}), 'user-agent': 'bench' },
    });
  }
  return JSON.parse(JSON.stringify(out)); // drop undefined fields like a JSON requests file would
}

export function manifestsFor(scenario: ScenarioModel): any[] {
  const app = new App({ outdir: 'bench-out-unused' });
  emitBaseline(app, scenario);
  return app.charts.flatMap((c) => c.toJson());
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface RouteBenchResult {
  routes: number;
  objects: number;
  indexMs: number;
  requests: number;
  usPerRequest: number;
  statusCounts: Record<string, number>;
}

export function benchRoute(routes: number, requestCount: number, passes: number): RouteBenchResult {
  const scenario = buildScenario({ routes });
  const objects = manifestsFor(scenario);
  const requests = requestsFor(scenario, requestCount);
  const options = { missingReferences: MissingReferencePolicy.UNKNOWN }; // the scenario has no Services or Secrets
  RoutingSimulator.fromManifests(objects, options); // warm-up (JIT)
  const t0 = performance.now();
  const sim = RoutingSimulator.fromManifests(objects, options);
  const indexMs = performance.now() - t0;
  const statusCounts: Record<string, number> = {};
  for (const r of sim.simulateAll(requests)) statusCounts[r.statusCode] = (statusCounts[r.statusCode] ?? 0) + 1;
  // warm-up passes: the first passes over 10,000 requests still run partly unoptimized code
  for (let w = 0; w < 3; w++) for (const r of requests) sim.simulate(r);
  const samples: number[] = [];
  for (let p = 0; p < passes; p++) {
    const start = performance.now();
    for (const r of requests) sim.simulate(r);
    samples.push(((performance.now() - start) * 1000) / requests.length);
  }
  return {
    routes,
    objects: objects.length,
    indexMs: Number(indexMs.toFixed(1)),
    requests: requests.length,
    usPerRequest: Number(median(samples).toFixed(2)),
    statusCounts,
  };
}

function main(): void {
  const argv = process.argv.slice(2);
  let routes = [1000, 10000];
  let requests = 10000;
  let passes = 5;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--routes') routes = argv[++i].split(',').map(Number);
    else if (a === '--requests') requests = Number(argv[++i]);
    else if (a === '--passes') passes = Number(argv[++i]);
    else if (a === '--json') json = true;
    else throw new Error(`unknown argument "${a}": use --routes 1000,10000, --requests N, --passes N, --json`);
  }
  const results = routes.map((n) => benchRoute(n, requests, passes));
  if (json) {
    process.stdout.write(JSON.stringify(results) + '\n');
    return;
  }
  for (const r of results) {
    console.log(`${String(r.routes).padStart(6)} routes (${r.objects} objects): index ${r.indexMs} ms, ${r.usPerRequest} µs/request over ${r.requests} requests (status ${JSON.stringify(r.statusCounts)})`);
  }
  if (results.length > 1) {
    const small = results[0];
    const large = results[results.length - 1];
    console.log(`per-request ratio ${large.routes}/${small.routes}: ${(large.usPerRequest / small.usPerRequest).toFixed(2)}× (target ≤ 2×)`);
  }
}

if (require.main === module) main();
