/**
 * The `migrate` stage of the benchmark: the Ingress migration at estate scale.
 *
 * 1,000 generated ingress-nginx Ingresses (by default) over 50 team namespaces: one host each (every fifth with TLS),
 * 2-4 paths (Prefix, Exact, ImplementationSpecific ending in /, every seventh the capture-group rewrite form), a
 * canary Ingress (weight) for every tenth, CORS / timeouts / upstream-vhost / app-root / a never-converted
 * annotation spread over the rest. We time `migrateManifests` (read, emit, feature detection) plus the YAML dump,
 * `verify()` (every host and path of every Ingress asked of the routing simulator) and `--output typescript` (the
 * program of the result), median of the passes.
 *
 * Usage: ts-node bench/migrate.ts [--ingresses 1000] [--passes 3] [--json]
 * (bench/run.ts runs it in a fresh process: `npm run bench -- --stages migrate`).
 */
import { performance } from 'perf_hooks';
import * as yaml from 'js-yaml';
import { generateIngresses } from './ingress-estate';

// Under ts-node, `require('./catalogue')` (src/features/detect.ts) would resolve to catalogue.json before
// catalogue.ts (Node tries the extensions in registration order): move .json after .ts before loading src/.
const extensions: { [ext: string]: any } = require.extensions;
const jsonLoader = extensions['.json'];
delete extensions['.json'];
extensions['.json'] = jsonLoader;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { migrateManifests } = require('../src/migration') as typeof import('../src/migration');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { emitTypeScriptProgram } = require('../src/migration/emit-typescript') as typeof import('../src/migration/emit-typescript');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface MigrateBenchResult {
  ingresses: number;
  objects: number;
  migrateMs: number;
  verifyMs: number;
  /** `--output typescript`: the program of the result (plan and print). */
  typescriptMs: number;
  typescriptLines: number;
  probes: number;
  differences: number;
  notConverted: number;
}

export function benchMigrate(count: number, passes: number): MigrateBenchResult {
  const input = generateIngresses(count);
  migrateManifests(input).verify(); // warm-up (JIT)
  const migrateSamples: number[] = [];
  const verifySamples: number[] = [];
  const tsSamples: number[] = [];
  let last: any;
  let verified: any;
  let program = '';
  for (let p = 0; p < passes; p++) {
    const t0 = performance.now();
    last = migrateManifests(input);
    last.manifests.map((m: any) => yaml.dump(m, { noRefs: true })).join('---\n');
    const t1 = performance.now();
    verified = last.verify();
    const t2 = performance.now();
    program = emitTypeScriptProgram(last.manifests);
    const t3 = performance.now();
    migrateSamples.push(t1 - t0);
    verifySamples.push(t2 - t1);
    tsSamples.push(t3 - t2);
  }
  return {
    ingresses: input.length,
    objects: last.manifests.length,
    migrateMs: Number(median(migrateSamples).toFixed(1)),
    verifyMs: Number(median(verifySamples).toFixed(1)),
    typescriptMs: Number(median(tsSamples).toFixed(1)),
    typescriptLines: program.split('\n').length,
    probes: verified.probes,
    differences: verified.differences.length,
    notConverted: last.reports.reduce((n: number, r: any) => n + r.items.filter((i: any) => i.status === 'not-converted').length, 0),
  };
}

function main(): void {
  const argv = process.argv.slice(2);
  let count = 1000;
  let passes = 3;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--ingresses') count = Number(argv[++i]);
    else if (a === '--passes') passes = Number(argv[++i]);
    else if (a === '--json') json = true;
    else throw new Error(`unknown argument "${a}": use --ingresses N, --passes N, --json`);
  }
  const r = benchMigrate(count, passes);
  if (json) {
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  console.log(`${r.ingresses} Ingresses → ${r.objects} Gateway API objects: migrate ${r.migrateMs} ms, verify ${r.verifyMs} ms (${r.probes} requests, ${r.differences} differences), --output typescript ${r.typescriptMs} ms (${r.typescriptLines} lines), ${r.notConverted} annotations not converted`);
}

if (require.main === module) main();
