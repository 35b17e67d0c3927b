/**
 * Benchmark: validating 10,000 varied HTTPRoutes vs synthesizing the same objects with cdk8s, in one process.
 *
 *   npx ts-node bench/validate.ts [count]
 *
 * Reports the one-time schema/CEL compile cost separately, then the median of several rounds of
 * (a) raw synth: a Chart with one cdk8s ApiObject per route, then chart.toJson() (what Testing.synth does), and
 * (b) validation of the synthesized manifests with GatewayApiValidator.validateAll,
 * and the ratio (b)/(a). The target is at most 0.5: validation adds at most half of the synth time.
 */
import { ApiObject, Testing } from 'cdk8s';
import { HttpRoute } from '../imports/standard/gateway.networking.k8s.io';
import { GatewayApiValidator } from '../src/validation';
import { clearOutcomeCaches, OUTCOME_STATS } from '../src/validation/cel';

const COUNT = Number(process.argv[2] ?? 10_000);
const ROUNDS = 5;

const FILTERS = [
  (i: number) => ({ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-route', value: `r${i}` }], remove: ['x-debug'] } }),
  (i: number) => ({ type: 'ResponseHeaderModifier', responseHeaderModifier: { add: [{ name: 'x-served-by', value: `svc-${i % 50}` }] } }),
  (i: number) => ({ type: 'URLRewrite', urlRewrite: { hostname: `internal-${i % 7}.example.com`, path: { type: 'ReplaceFullPath', replaceFullPath: `/v${i % 3}/index` } } }),
  (i: number) => ({ type: 'RequestMirror', requestMirror: { backendRef: { name: `mirror-${i % 20}`, port: 8080 }, percent: i % 100 } }),
];

/** A varied HTTPRoute: 1-4 rules, 1-3 matches per rule, headers/query/method matches, filters, weighted backends. */
export function route(i: number): any {
  const rules = [];
  const ruleCount = 1 + (i % 4);
  for (let r = 0; r < ruleCount; r++) {
    const matches = [];
    for (let m = 0; m <= (i + r) % 3; m++) {
      const match: any = { path: { type: m % 2 === 0 ? 'PathPrefix' : 'Exact', value: `/api/v${r}/team-${i % 97}/item${m}` } };
      if ((i + m) % 2 === 0) match.headers = [{ name: 'x-tenant', value: `tenant-${i % 13}` }];
      if ((i + m) % 3 === 0) match.queryParams = [{ type: 'Exact', name: 'version', value: String(m) }];
      if ((i + m) % 5 === 0) match.method = 'GET';
      matches.push(match);
    }
    const rule: any = {
      matches,
      backendRefs: [
        { name: `svc-${i}-${r}`, port: 8080 + (r % 3), weight: 90 },
        { name: `svc-${i}-${r}-canary`, port: 8080 + (r % 3), weight: 10 },
      ],
    };
    if ((i + r) % 2 === 0) rule.filters = [FILTERS[(i + r) % FILTERS.length](i)];
    if (r === 0 && i % 7 === 0) rule.timeouts = { request: '10s', backendRequest: '5s' };
    rules.push(rule);
  }
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: `route-${i}`, namespace: `team-${i % 10}`, labels: { app: `app-${i % 100}` } },
    spec: {
      parentRefs: [{ name: 'shared-gateway', namespace: 'infra', sectionName: i % 2 === 0 ? 'https' : 'http' }],
      hostnames: [`app-${i}.example.com`, ...(i % 3 === 0 ? [`*.team-${i % 10}.example.com`] : [])],
      rules,
    },
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function main(): void {
  const validator = new GatewayApiValidator();

  const compileMs = time(() => validator.validate(route(1)));

  let synthesized: any[] = [];
  const synthTimes: number[] = [];
  const l1Times: number[] = [];
  const validateTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // new routes every round (other names, hostnames and services), and a cold rule-outcome cache, so that no
    // round profits from an earlier one
    const manifests = Array.from({ length: COUNT }, (_, i) => route(round * COUNT + i));
    clearOutcomeCaches();
    synthTimes.push(time(() => {
      const chart = Testing.chart();
      manifests.forEach((m, i) => new ApiObject(chart, `route${i}`, m));
      synthesized = Testing.synth(chart);
    }));
    // for reference: the same routes through the L1 class (what most users write)
    l1Times.push(time(() => {
      const chart = Testing.chart();
      manifests.forEach((m, i) => new HttpRoute(chart, `route${i}`, { metadata: m.metadata, spec: m.spec }));
      Testing.synth(chart);
    }));
    let invalid = 0;
    validateTimes.push(time(() => {
      for (const r of validator.validateAll(synthesized)) if (!r.valid) invalid++;
    }));
    if (invalid > 0) throw new Error(`${invalid} of the benchmark routes are invalid: fix the generator`);
  }
  const stats = { ...OUTCOME_STATS };
  const synthMs = median(synthTimes);
  const validateMs = median(validateTimes);
  const ratio = validateMs / synthMs;
  const fmt = (n: number) => n.toFixed(0).padStart(6);
  process.stdout.write([
    `HTTPRoutes:                    ${COUNT}`,
    `first validate (compile):      ${fmt(compileMs)} ms`,
    `raw synth (median of ${ROUNDS}):      ${fmt(synthMs)} ms`,
    `validation (median of ${ROUNDS}):     ${fmt(validateMs)} ms  (${(validateMs * 1000 / COUNT).toFixed(1)} µs/route)`,
    `ratio validation / synth:      ${ratio.toFixed(2)}  (target <= 0.50: ${ratio <= 0.5 ? 'met' : 'NOT met'})`,
    `for reference, L1 synth:       ${fmt(median(l1Times))} ms  (ratio ${(validateMs / median(l1Times)).toFixed(2)})`,
    `CEL rule outcomes:             ${stats.evaluations} evaluated with CEL, ${stats.cached} from the outcome cache ` +
      `(${(100 * stats.cached / Math.max(1, stats.cached + stats.evaluations)).toFixed(1)}% cached)`,
    '',
  ].join('\n'));
}

main();
