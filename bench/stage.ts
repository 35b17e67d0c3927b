/**
 * Runs one benchmark stage in this (fresh) process: builds the scenario, does `warmups` warm-up runs (default 1),
 * then `runs` timed runs of "construct the app + synthesize it to YAML", and prints one JSON line with the samples
 * and the peak RSS. The warm-up runs compile what a process compiles once (JIT, schemas, CEL programs); the cache of
 * CEL rule outcomes is emptied before every run, as each run stands for one `cdk8s synth`.
 * Usage (from bench/run.ts):
 *   node -r ts-node/register/transpile-only bench/stage.ts <stage> <routes> <runs> [layout] [warmups]
 */
import { App } from 'cdk8s';
import { buildScenario, ChartLayout } from './scenario';
import { ALL_STAGES } from './stages';
import { clearOutcomeCaches } from '../src/validation/cel';

function main(): void {
  const [stageName, routesArg, runsArg, layoutArg, warmupsArg] = process.argv.slice(2);
  const stage = ALL_STAGES[stageName];
  if (!stage) throw new Error(`unknown stage "${stageName}": use one of ${Object.keys(ALL_STAGES).join(', ')}`);
  if (layoutArg !== undefined && layoutArg !== 'namespace' && layoutArg !== 'persona') {
    throw new Error(`unknown chart layout "${layoutArg}": use namespace or persona`);
  }
  const scenario = buildScenario({ routes: Number(routesArg), layout: layoutArg as ChartLayout | undefined });
  const runs = Number(runsArg);
  const warmups = warmupsArg === undefined ? 1 : Number(warmupsArg);
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < warmups + runs; i++) {
    // a `cdk8s synth` is one synth in a fresh process: the validator's cache of rule outcomes (data, not compiled
    // code) must not carry over from the previous run, or the timed runs would not evaluate the rules they repeat
    clearOutcomeCaches();
    const start = process.hrtime.bigint();
    const app = new App({ outdir: 'bench-out-unused' });
    stage(app, scenario);
    bytes = app.synthYaml().length;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (i >= warmups) samples.push(ms);
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ stage: stageName, layout: scenario.layout, routes: scenario.routes.length, samples, peakRssMb: maxRssMb, yamlBytes: bytes }) + '\n');
}

main();
