/**
 * The `cli` stage of `npm run bench`: the command-line tool as a user runs it, on the benchmark scenarios written
 * as one multi-document YAML file each (a GatewayClass, the Gateways, the HTTPRoutes and their ReferenceGrants).
 *
 * Per scenario size and round, each in a fresh Node process of the built package (lib/, `npx jsii` first):
 * - `validate`: `node lib/src/cli/main.js validate <file>`, wall time and peak RSS;
 * - `analyze`: `node lib/src/cli/main.js analyze --output table <file>`, wall time and peak RSS;
 * - `parse floor`: a process that only reads the same file and parses it with the fast parser (js-yaml `loadAll`);
 * - in-process, cold: one process parses the file, then times the first pass of `GatewayApiValidator.validate`
 *   (schema and CEL) over every object, and a second pass; another process does the same with the peer,
 *   `@kubernetes-models/gateway-api` (schema only, no CEL: `new HTTPRoute(obj).validate()`).
 * Ratios are taken within the same run: validate / parse floor, analyze / parse floor, our cold pass / the peer's;
 * in wall time and in CPU time (user + system), which drifts far less on a machine shared with other work.
 *
 * Standalone: `ts-node --transpile-only --project bench/tsconfig.json bench/cli.ts [--routes 1000,10000] [--rounds N] [--json]`
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { emitBaseline } from './baseline';
import { buildScenario } from './scenario';

const ROOT = path.resolve(__dirname, '..');
const MAIN = path.join(ROOT, 'lib', 'src', 'cli', 'main.js');
const TIME = '/usr/bin/time';

/**
 * One timed process: wall time (ms), CPU time (user + system, ms; NaN without /usr/bin/time), peak RSS (MB), exit
 * status and output size. On a machine shared with other work the CPU time drifts far less than the wall time.
 */
interface ProcessSample {
  readonly ms: number;
  readonly cpuMs: number;
  readonly rssMb: number;
  readonly status: number | null;
  readonly stdoutBytes: number;
}

/** The measurements of one scenario size (medians over the rounds; RSS: the maximum). */
export interface CliBenchRow {
  readonly routes: number;
  readonly documents: number;
  readonly fileMb: number;
  readonly validateMs: number;
  readonly validatePeakRssMb: number;
  readonly analyzeMs: number;
  readonly analyzePeakRssMb: number;
  readonly parseFloorMs: number;
  readonly parseFloorPeakRssMb: number;
  /** Our first (cold) in-process pass over the parsed objects, and a second pass. */
  readonly inProcessColdMs: number;
  readonly inProcessWarmMs: number;
  /** The peer's first (cold) pass and a second pass (schema only). */
  readonly peerColdMs: number;
  readonly peerWarmMs: number;
  readonly ratios: { readonly validate: number; readonly analyze: number; readonly coldVsPeer: number };
  /** The same ratios in CPU time (user + system): steadier than wall time on a machine shared with other work. */
  readonly cpuRatios: { readonly validate: number; readonly analyze: number; readonly coldVsPeer: number };
  readonly samplesMs: Record<string, number[]>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

/** The scenario as one YAML file (a GatewayClass first, then the objects of the baseline stage). */
export function writeScenarioYaml(routes: number, dir: string): { file: string; documents: number; bytes: number } {
  const scenario = buildScenario({ routes, layout: 'persona' });
  const app = new App({ outdir: path.join(dir, 'unused') });
  emitBaseline(app, scenario);
  const gatewayClass = 'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: bench\n' +
    'spec:\n  controllerName: example.com/bench\n';
  const yaml = [gatewayClass, app.synthYaml()].join('---\n');
  const file = path.join(dir, `cli-${routes}.yaml`);
  fs.writeFileSync(file, yaml);
  return { file, documents: yaml.split(/^---$/m).length, bytes: Buffer.byteLength(yaml) };
}

/** Runs `node <args>` in a fresh process: wall time and peak RSS (from /usr/bin/time, else from the process itself). */
function timeProcess(args: string[]): ProcessSample {
  const useTime = fs.existsSync(TIME);
  const rssFile = path.join(os.tmpdir(), `cdk8s-gateway-api-bench-rss-${process.pid}`);
  const [cmd, argv] = useTime
    ? [TIME, ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...args]]
    : [process.execPath, ['-r', rssPreload(), ...args]];
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: 'utf-8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  let rssKb: number;
  let cpuMs = NaN;
  if (useTime) {
    const [kb, user, sys] = fs.readFileSync(rssFile, 'utf-8').trim().split('\n').pop()!.split(' ').map(Number);
    rssKb = kb;
    cpuMs = (user + sys) * 1000;
    fs.rmSync(rssFile, { force: true });
  } else {
    const m = /@@maxrss (\d+)/.exec(r.stderr);
    rssKb = m ? Number(m[1]) : NaN;
  }
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr.slice(0, 2000)}`);
  }
  return { ms, cpuMs, rssMb: rssKb / 1024, status: r.status, stdoutBytes: r.stdout.length };
}

let preload: string | undefined;
/** A `-r` module that reports the process's peak RSS on stderr when it exits (where /usr/bin/time is missing). */
function rssPreload(): string {
  if (!preload) {
    preload = path.join(os.tmpdir(), `cdk8s-gateway-api-bench-rss-${process.pid}.js`);
    fs.writeFileSync(preload, "process.on('exit', () => require('fs').writeSync(2, '\\n@@maxrss ' + process.resourceUsage().maxRSS + '\\n'));\n");
  }
  return preload;
}

const PARSE_FLOOR = 'const t=require(\'fs\').readFileSync(process.argv[1],\'utf8\');const d=require(\'js-yaml\').loadAll(t,null,{schema:require(\'js-yaml\').CORE_SCHEMA});process.stdout.write(String(d.length))';

/** Our validator, in-process: parse (not timed), then a cold and a warm pass over every object. */
const IN_PROCESS = `
const y=require('js-yaml');
const objs=y.loadAll(require('fs').readFileSync(process.argv[1],'utf8'),null,{schema:y.CORE_SCHEMA}).filter(Boolean);
const { GatewayApiValidator } = require(${JSON.stringify(path.join(ROOT, 'lib', 'src', 'validation', 'validator.js'))});
const v = new GatewayApiValidator();
const pass = () => { const t=process.hrtime.bigint(); const c=process.cpuUsage(); let bad=0; for (const o of objs) if (!v.validate(o).valid) bad++; const u=process.cpuUsage(c); return [Number(process.hrtime.bigint()-t)/1e6, bad, (u.user+u.system)/1000]; };
const [cold, bad, coldCpu] = pass(); const [warm] = pass();
process.stdout.write(JSON.stringify({ cold, warm, bad, coldCpu, objects: objs.length }));`;

/** The peer, in-process (an ES module): the model class of each object's apiVersion and kind, then `validate()`. */
const PEER = `
import * as fs from 'fs';
import y from 'js-yaml';
const objs=y.loadAll(fs.readFileSync(process.argv[1],'utf8'),null,{schema:y.CORE_SCHEMA}).filter(Boolean);
const t0=process.hrtime.bigint();
const mods = {
  'gateway.networking.k8s.io/v1': await import('@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1'),
  'gateway.networking.k8s.io/v1beta1': await import('@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1'),
};
const importMs=Number(process.hrtime.bigint()-t0)/1e6;
const pass = () => { const t=process.hrtime.bigint(); const c=process.cpuUsage(); let bad=0; for (const o of objs) { const C=mods[o.apiVersion]?.[o.kind]; if (!C) throw new Error('no peer model for '+o.apiVersion+' '+o.kind); try { new C(o).validate(); } catch { bad++; } } const u=process.cpuUsage(c); return [Number(process.hrtime.bigint()-t)/1e6, bad, (u.user+u.system)/1000]; };
const [cold, bad, coldCpu] = pass(); const [warm] = pass();
process.stdout.write(JSON.stringify({ cold, warm, bad, coldCpu, importMs, objects: objs.length }));`;

function inProcess(kind: 'ours' | 'peer', file: string): { cold: number; warm: number; bad: number; coldCpu: number } {
  const args = kind === 'ours' ? ['-e', IN_PROCESS, file] : ['--input-type=module', '-e', PEER, file];
  const out = execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } });
  return JSON.parse(out);
}

/** Runs the stage for each size; `log` gets one line per measurement. */
export function runCliBench(opts: { routes: readonly number[]; rounds?: number; log?: (s: string) => void }): CliBenchRow[] {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npx jsii\` first (npm run bench does)`);
  const log = opts.log ?? (() => undefined);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-gateway-api-bench-cli-'));
  const rows: CliBenchRow[] = [];
  try {
    for (const routes of opts.routes) {
      const { file, documents, bytes } = writeScenarioYaml(routes, dir);
      const rounds = opts.rounds ?? (routes >= 10000 ? 2 : 3);
      const s: Record<string, number[]> = {};
      const rss: Record<string, number> = {};
      const add = (name: string, ms: number, mb?: number) => {
        (s[name] ??= []).push(ms);
        if (mb !== undefined) rss[name] = Math.max(rss[name] ?? 0, mb);
      };
      for (let round = 1; round <= rounds; round++) {
        const steps: Array<[string, () => void]> = [
          ['parseFloor', () => { const p = timeProcess(['-e', PARSE_FLOOR, file]); add('parseFloor', p.ms, p.rssMb); add('parseFloorCpu', p.cpuMs); }],
          ['validate', () => { const p = timeProcess([MAIN, 'validate', file]); add('validate', p.ms, p.rssMb); add('validateCpu', p.cpuMs); }],
          ['analyze', () => { const p = timeProcess([MAIN, 'analyze', '--output', 'table', file]); add('analyze', p.ms, p.rssMb); add('analyzeCpu', p.cpuMs); }],
          ['inProcess', () => { const r = inProcess('ours', file); add('inProcessCold', r.cold); add('inProcessWarm', r.warm); add('inProcessColdCpu', r.coldCpu); }],
          ['peer', () => { const r = inProcess('peer', file); add('peerCold', r.cold); add('peerWarm', r.warm); add('peerColdCpu', r.coldCpu); }],
        ];
        // the order rotates from round to round, so that drift affects every step alike
        for (let i = 0; i < steps.length; i++) {
          const [name, step] = steps[(i + round - 1) % steps.length];
          step();
          log(`  cli, ${routes} routes, round ${round}/${rounds}: ${name} ` +
            Object.entries(s).filter(([k]) => k.startsWith(name)).map(([k, v]) => `${k} ${Math.round(v[v.length - 1])} ms`).join(', '));
        }
      }
      const m = (k: string) => Math.round(median(s[k]));
      rows.push({
        routes,
        documents,
        fileMb: Number((bytes / 2 ** 20).toFixed(1)),
        validateMs: m('validate'),
        validatePeakRssMb: Math.round(rss.validate),
        analyzeMs: m('analyze'),
        analyzePeakRssMb: Math.round(rss.analyze),
        parseFloorMs: m('parseFloor'),
        parseFloorPeakRssMb: Math.round(rss.parseFloor),
        inProcessColdMs: m('inProcessCold'),
        inProcessWarmMs: m('inProcessWarm'),
        peerColdMs: m('peerCold'),
        peerWarmMs: m('peerWarm'),
        ratios: {
          validate: ratio(median(s.validate), median(s.parseFloor)),
          analyze: ratio(median(s.analyze), median(s.parseFloor)),
          coldVsPeer: ratio(median(s.inProcessCold), median(s.peerCold)),
        },
        cpuRatios: {
          validate: ratio(median(s.validateCpu), median(s.parseFloorCpu)),
          analyze: ratio(median(s.analyzeCpu), median(s.parseFloorCpu)),
          coldVsPeer: ratio(median(s.inProcessColdCpu), median(s.peerColdCpu)),
        },
        samplesMs: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.map((x) => Math.round(x))])),
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    if (preload) fs.rmSync(preload, { force: true });
  }
  return rows;
}

/** The stage's results as a Markdown table. */
export function formatCliTable(rows: readonly CliBenchRow[]): string {
  const lines = [
    '| cli scenario | parse floor ms | validate ms (RSS MB) | analyze ms (RSS MB) | validate / floor | analyze / floor | in-process cold ms (warm) | peer cold ms (warm) | cold / peer | CPU ratios: validate, analyze, cold / peer |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    lines.push(`| ${r.routes} routes, ${r.documents} documents, ${r.fileMb} MB | ${r.parseFloorMs} | ${r.validateMs} (${r.validatePeakRssMb}) | ` +
      `${r.analyzeMs} (${r.analyzePeakRssMb}) | ${r.ratios.validate}× | ${r.ratios.analyze}× | ${r.inProcessColdMs} (${r.inProcessWarmMs}) | ` +
      `${r.peerColdMs} (${r.peerWarmMs}) | ${r.ratios.coldVsPeer}× | ${r.cpuRatios.validate}×, ${r.cpuRatios.analyze}×, ${r.cpuRatios.coldVsPeer}× |`);
  }
  return lines.join('\n');
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const get = (name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const json = argv.includes('--json');
  const rows = runCliBench({
    routes: (get('--routes') ?? '1000,10000').split(',').map(Number),
    rounds: get('--rounds') === undefined ? undefined : Number(get('--rounds')),
    log: (line) => process.stderr.write(line + '\n'),
  });
  process.stdout.write(json ? JSON.stringify(rows, null, 2) + '\n' : formatCliTable(rows) + '\n');
}
