/**
 * `npm run bench`: synth, validation and analysis at platform scale, measured against raw cdk8s in the same run.
 *
 * For each scenario (1,000 and 10,000 HTTPRoutes across 100 Gateways — every tenth with 64 listeners — and 200
 * namespaces) and each stage, a fresh Node process builds the app, does warm-up runs and one or more timed runs
 * of "construct + synthesize to YAML"; this is repeated over several rounds with the stages interleaved (in an
 * order that rotates from round to round). We report
 * the median over all timed runs, the peak RSS of the stage's processes and the ratio to the baseline stage
 * measured in the same rounds. Also: cold require() time of the package vs. require('cdk8s').
 *
 * Each scenario is measured in two chart layouts (see ChartLayout in bench/scenario.ts): one chart per namespace
 * (210 charts) and one chart per persona (2 charts). Next to the four stages, the diagnostic stage `wrapped` (the
 * baseline with one extra empty construct per object) shows what cdk8s charges for the constructs an L2 adds.
 *
 * Each scenario also reports every timed run (`samplesMs`) and, per round, the ratio of each stage's median to the
 * baseline's median in that round (`roundRatios`): the spread of those shows how much the machine drifted.
 *
 * Flags: --json (one JSON object on stdout), --rounds N (default 5), --runs N (timed runs per stage process and
 *        round, default 3 for 1k and 1 for 10k), --warmups N (warm-up runs per stage process, default 2 for 1k and 1
 *        for 10k: at 1k the first run after a single warm-up is still 10-20% slower in every stage, the JIT not done),
 *        --routes a,b (scenario sizes, default 1000,10000), --layouts namespace,persona (default both),
 *        --no-cli (skip the `cli` stage: the command-line tool on the scenarios as YAML files, see bench/cli.ts).
 *        --stages synth,route (default both): `route` is the routing simulator stage (bench/route.ts): indexing time,
 *        µs per request over 10,000 varied requests, and the per-request ratio of the largest to the smallest size.
 *        `--stages migrate` (also in the default) is the Ingress migration stage (bench/migrate.ts): 1,000 generated
 *        ingress-nginx Ingresses migrated (read, emit, feature detection, YAML) and verified with the simulator.
 *        `--stages cli` runs the `cli` stage alone (it also runs with `synth`, unless --no-cli), e.g.
 *        `--stages cli --routes 1000,10000 --rounds 3`.
 */
import { execFileSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { formatCliTable, runCliBench } from './cli';
import { checkEquivalence } from './equivalence';
import { MigrateBenchResult } from './migrate';
import { RouteBenchResult } from './route';
import { ChartLayout } from './scenario';
import { DIAGNOSTIC_STAGES, STAGES } from './stages';

const ROOT = path.resolve(__dirname, '..');

interface StageResult { stage: string; routes: number; samples: number[]; peakRssMb: number; yamlBytes: number }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function runStage(stage: string, routes: number, runs: number, layout: ChartLayout, warmups: number): StageResult {
  const out = execFileSync(process.execPath, [
    '--max-old-space-size=8192', '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'stage.ts'),
    stage, String(routes), String(runs), layout, String(warmups),
  ], { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, 'tsconfig.json') }, encoding: 'utf-8', maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function coldRequireMs(modulePath: string, runs = 7): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const script = `const t=process.hrtime.bigint();require(${JSON.stringify(modulePath)});` +
      'process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))';
    samples.push(Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf-8' })));
  }
  return median(samples);
}

const LAYOUTS: readonly ChartLayout[] = ['namespace', 'persona'];

function parseArgs(argv: string[]) {
  const opts = {
    json: false,
    runs: undefined as number | undefined,
    rounds: undefined as number | undefined,
    warmups: undefined as number | undefined,
    routes: [1000, 10000],
    layouts: [...LAYOUTS],
    cli: true,
    stages: ['synth', 'route', 'migrate'],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--runs') opts.runs = Number(argv[++i]);
    else if (a === '--rounds') opts.rounds = Number(argv[++i]);
    else if (a === '--warmups') opts.warmups = Number(argv[++i]);
    else if (a === '--routes') opts.routes = argv[++i].split(',').map(Number);
    else if (a === '--layouts') opts.layouts = argv[++i].split(',') as ChartLayout[];
    else if (a === '--no-cli') opts.cli = false;
    else if (a === '--stages') opts.stages = argv[++i].split(',');
    else throw new Error(`unknown argument "${a}": use --json, --runs N, --rounds N, --warmups N, --routes 1000,10000, --layouts namespace,persona, --no-cli, --stages synth,route,migrate,cli`);
  }
  const bad = opts.layouts.filter((l) => !LAYOUTS.includes(l));
  if (bad.length > 0) throw new Error(`unknown chart layout "${bad[0]}": use ${LAYOUTS.join(', ')}`);
  const badStage = opts.stages.find((s) => s !== 'synth' && s !== 'route' && s !== 'migrate' && s !== 'cli');
  if (badStage) throw new Error(`unknown stage group "${badStage}": use synth, route, migrate, cli`);
  return opts;
}

const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

function machine() {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
}

/** The route stage for one scenario size, in a fresh process (bench/route.ts). */
function runRouteStage(routes: number): RouteBenchResult {
  const out = execFileSync(process.execPath, [
    '--max-old-space-size=8192', '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'route.ts'), '--routes', String(routes), '--json',
  ], { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, 'tsconfig.json') }, encoding: 'utf-8', maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop()!)[0];
}

/** The migrate stage (1,000 generated Ingresses), in a fresh process (bench/migrate.ts). */
function migrateStage(log: (s: string) => void): MigrateBenchResult {
  const out = execFileSync(process.execPath, [
    '--max-old-space-size=8192', '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'migrate.ts'), '--ingresses', '1000', '--json',
  ], { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, 'tsconfig.json') }, encoding: 'utf-8', maxBuffer: 16 * 1024 * 1024 });
  const r: MigrateBenchResult = JSON.parse(out.trim().split('\n').pop()!);
  log(`  migrate stage: ${r.ingresses} Ingresses → ${r.objects} objects: migrate ${r.migrateMs} ms, verify ${r.verifyMs} ms (${r.probes} requests)`);
  return r;
}

function printMigrate(r: MigrateBenchResult, log: (s: string) => void): void {
  log('');
  log('| migrate stage | Gateway API objects | migrate ms | verify ms (requests) | --output typescript ms (lines) | differences | annotations not converted |');
  log('| --- | --- | --- | --- | --- | --- | --- |');
  log(`| ${r.ingresses} Ingresses | ${r.objects} | ${r.migrateMs} | ${r.verifyMs} (${r.probes}) | ${r.typescriptMs} (${r.typescriptLines}) | ${r.differences} | ${r.notConverted} |`);
}

function routeStage(opts: { routes: number[] }, log: (s: string) => void): any {
  const results = [...opts.routes].sort((a, b) => a - b).map((n) => {
    const r = runRouteStage(n);
    log(`  route stage, ${n} routes: index ${r.indexMs} ms, ${r.usPerRequest} µs/request over ${r.requests} requests`);
    return r;
  });
  const perRequestRatio = results.length > 1 ? Number((results[results.length - 1].usPerRequest / results[0].usPerRequest).toFixed(2)) : undefined;
  return { results, perRequestRatio };
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const log = (s: string) => { if (!opts.json) process.stdout.write(s + '\n'); else process.stderr.write(s + '\n'); };
  if (!opts.stages.includes('synth')) {
    const cli = opts.stages.includes('cli') && opts.cli ? runCliBench({ routes: opts.routes, rounds: opts.rounds === undefined ? undefined : Math.min(opts.rounds, 3), log }) : undefined;
    const route = opts.stages.includes('route') ? routeStage(opts, log) : undefined;
    const migrate = opts.stages.includes('migrate') ? migrateStage(log) : undefined;
    if (opts.json) {
      process.stdout.write(JSON.stringify({ machine: machine(), loadAverage: os.loadavg(), cli, route, migrate }, null, 2) + '\n');
    } else {
      if (cli) log(`machine: ${JSON.stringify(machine())}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}\n` + formatCliTable(cli));
      if (route) printRoute(route, log);
      if (migrate) printMigrate(migrate, log);
    }
    return;
  }
  const stageNames = Object.keys(STAGES); // baseline first
  const allNames = [...stageNames, ...Object.keys(DIAGNOSTIC_STAGES)];
  log('checking that every stage synthesizes the baseline YAML…');
  checkEquivalence();
  const scenarios: any[] = [];
  const scalingByLayout: Record<string, Record<string, number>> = {};
  const [small, large] = [Math.min(...opts.routes), Math.max(...opts.routes)];
  for (const layout of opts.layouts) {
    const byStage: Record<string, Record<number, number>> = {};
    for (const routes of opts.routes) {
      // stages are interleaved over rounds (baseline, l2, …, baseline, l2, …) so that drift in the machine's speed
      // affects every stage alike; each round is a fresh process per stage (warm-up runs, then the timed runs)
      const runs = opts.runs ?? (routes >= 10000 ? 1 : 3);
      const rounds = opts.rounds ?? 5;
      const warmups = opts.warmups ?? (routes >= 10000 ? 1 : 2);
      const row: any = { name: `${routes} routes, ${layout} charts`, layout, routes, warmups };
      const samples: Record<string, number[]> = {};
      const rss: Record<string, number> = {};
      const roundRatios: Record<string, number[]> = {};
      for (let round = 1; round <= rounds; round++) {
        const roundMs: Record<string, number> = {};
        // the order rotates from round to round, so that no stage always runs first or last in a round
        const order = allNames.map((_, i) => allNames[(i + round - 1) % allNames.length]);
        for (const stage of order) {
          const r = runStage(stage, routes, runs, layout, warmups);
          log(`  ${routes} routes, ${layout} charts, round ${round}/${rounds}: ${stage} (${runs} run${runs === 1 ? '' : 's'} after ${warmups} warm-up${warmups === 1 ? '' : 's'}): ` +
            `${r.samples.map((x) => Math.round(x)).join(', ')} ms`);
          (samples[stage] ??= []).push(...r.samples);
          rss[stage] = Math.max(rss[stage] ?? 0, r.peakRssMb);
          roundMs[stage] = median(r.samples);
        }
        for (const stage of allNames.slice(1)) (roundRatios[stage] ??= []).push(ratio(roundMs[stage], roundMs.baseline));
      }
      let peak = 0;
      for (const stage of allNames) {
        const ms = median(samples[stage]);
        row[`${stage}Ms`] = Math.round(ms);
        row[`${stage}PeakRssMb`] = Math.round(rss[stage]);
        peak = Math.max(peak, rss[stage]);
        (byStage[stage] ??= {})[routes] = ms;
      }
      row.samples = samples[allNames[0]].length;
      row.peakRssMb = Math.round(peak);
      row.ratios = Object.fromEntries(allNames.filter((s) => s !== 'baseline').map((s) => [s, ratio(row[`${s}Ms`], row.baselineMs)]));
      row.roundRatios = roundRatios;
      row.samplesMs = Object.fromEntries(allNames.map((s) => [s, samples[s].map((x) => Math.round(x))]));
      scenarios.push(row);
    }
    scalingByLayout[layout] = Object.fromEntries(allNames.map((s) => [s, ratio(byStage[s][large], byStage[s][small])]));
  }
  const result = {
    machine: machine(),
    scenarios,
    // the 10k/1k scaling of the first layout (one chart per namespace by default); every layout's in scalingByLayout
    scaling: scalingByLayout[opts.layouts[0]],
    scalingByLayout,
    coldRequireMs: Number(coldRequireMs('./lib/src/index.js').toFixed(1)),
    cdk8sRequireMs: Number(coldRequireMs('cdk8s').toFixed(1)),
    // the command-line tool on the same scenarios as YAML files, against its parse floor and the peer (bench/cli.ts)
    cli: opts.cli ? runCliBench({ routes: opts.routes, rounds: opts.rounds === undefined ? undefined : Math.min(opts.rounds, 3), log }) : [],
    ...(opts.stages.includes('route') ? { route: routeStage(opts, log) } : {}),
    ...(opts.stages.includes('migrate') ? { migrate: migrateStage(log) } : {}),
  };
  if (opts.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  log('');
  log(`machine: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGb} GiB, Node ${result.machine.node}`);
  log('| scenario | ' + allNames.map((s) => `${s} ms`).join(' | ') + ' | peak RSS MB | ' + allNames.slice(1).map((s) => `${s} / baseline`).join(' | ') + ' |');
  log('|' + ' --- |'.repeat(2 + allNames.length * 2 - 1));
  for (const row of scenarios) {
    log(`| ${row.name} | ` + allNames.map((s) => row[`${s}Ms`]).join(' | ') + ` | ${row.peakRssMb} | ` +
      allNames.slice(1).map((s) => `${row.ratios[s]}×`).join(' | ') + ' |');
  }
  for (const row of scenarios) {
    log(`per-round ratios, ${row.name}: ` + allNames.slice(1).map((s) => `${s} ${row.roundRatios[s].join('/')}`).join('; '));
  }
  for (const [layout, scaling] of Object.entries(scalingByLayout)) {
    log(`scaling ${large}/${small}, ${layout} charts: ` + allNames.map((s) => `${s} ${scaling[s]}×`).join(', '));
  }
  log(`cold require(): package ${result.coldRequireMs} ms, cdk8s ${result.cdk8sRequireMs} ms`);
  if (result.cli.length > 0) log('\n' + formatCliTable(result.cli));
  if (result.route) printRoute(result.route, log);
  if (result.migrate) printMigrate(result.migrate, log);
}

function printRoute(route: { results: RouteBenchResult[]; perRequestRatio?: number }, log: (s: string) => void): void {
  log('');
  log('| route stage | objects | indexing ms | µs / request (10,000 varied requests) |');
  log('| --- | --- | --- | --- |');
  for (const r of route.results) log(`| ${r.routes} routes | ${r.objects} | ${r.indexMs} | ${r.usPerRequest} |`);
  if (route.perRequestRatio !== undefined) log(`route stage per-request ratio ${route.results[route.results.length - 1].routes}/${route.results[0].routes}: ${route.perRequestRatio}× (target ≤ 2×)`);
}

main();
