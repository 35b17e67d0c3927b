/**
 * `--output typescript` and `IngressMigration`: for every fixture (with its own options, and attached to an existing
 * Gateway), the emitted program type-checks against the local library (all programs in one TypeScript program),
 * runs, and synthesizes exactly the objects of `--output yaml`; `IngressMigration.fromManifests` builds the same.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as yaml from 'js-yaml';
import * as ts from 'typescript';
import { GatewayApiValidation, IngressMigration, PlatformGateway, ValidationChannel } from '../../src';
import { emitTypeScriptProgram, namesOf, planOf } from '../../src/migration/emit-typescript';
import { _INGRESS_MIGRATION_CLASSES } from '../../src/migration/ingress-migration';
import { migrateManifests } from '../../src/migration/migrate';

const DIR = path.join(__dirname, 'fixtures');
const ROOT = path.join(__dirname, '..', '..');
const GATEWAY = { namespace: 'infra', name: 'shared' };

function fixtures(): string[] {
  const out: string[] = [];
  for (const sub of fs.readdirSync(DIR).sort()) {
    const d = path.join(DIR, sub);
    if (fs.statSync(d).isDirectory()) for (const f of fs.readdirSync(d).sort()) if (f.endsWith('.yaml')) out.push(`${sub}/${f}`);
  }
  return out;
}

function load(file: string): { objects: any[]; options: any } {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const options = text.split('\n').map((l) => /^#\s*options:\s*(.+)$/.exec(l.trim())).filter((m) => m)
    .reduce((acc, m) => ({ ...acc, ...JSON.parse(m![1]) }), {});
  return { objects: (yaml.loadAll(text) as any[]).filter((o) => o), options };
}

function byKey(objects: any[]): Map<string, any> {
  return new Map(objects.map((o) => [`${o.kind} ${o.metadata.namespace}/${o.metadata.name}`, o]));
}

/** Runs `fn` with process.stderr.write captured; returns what was written. */
function captureStderr(fn: () => void): string {
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    fn();
    return spy.mock.calls.map((c) => String(c[0])).join('');
  } finally {
    spy.mockRestore();
  }
}

/** Runs a transpiled program in memory (app.synth() replaced: no files) and returns the synthesized objects and stderr. */
function synth(program: string): { objects: any[]; stderr: string } {
  const source = program.replace(/^app\.synth\(\);$/m, 'module.exports = { app };');
  const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
  const mod: { exports: any } = { exports: {} };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const requireFn = (id: string) => require(id === 'cdk8s-gateway-api' ? '../../src' : id);
  let objects: any[] = [];
  const stderr = captureStderr(() => {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('require', 'module', 'exports', out.outputText)(requireFn, mod, mod.exports);
    const app: App = mod.exports.app;
    objects = app.charts.flatMap((c) => c.toJson());
  });
  return { objects, stderr };
}

interface Case {
  readonly name: string;
  readonly file: string;
  readonly options: any;
  readonly manifests: any[];
  readonly program: string;
}

const CASES: Case[] = fixtures().flatMap((file) => {
  const { objects, options } = load(file);
  const variants: [string, any][] = [[file, options]];
  if (!options.gateway) variants.push([`${file} --gateway infra/shared`, { ...options, gatewayClassName: undefined, gateway: GATEWAY }]);
  return variants.map(([name, o]) => {
    const manifests = migrateManifests(objects, o).manifests;
    return { name, file, options: o, manifests, program: emitTypeScriptProgram(manifests, { input: objects }) };
  });
});

test('every program type-checks against the library (one TypeScript program for all)', () => {
  const dir = path.join(ROOT, 'test', '__migrate_programs__');
  const files = new Map(CASES.map((c, i) => [path.join(dir, `p${i}.ts`), c]));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    resolveJsonModule: true,
    noUnusedLocals: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const source = (f: string) => files.get(path.resolve(f))!.program.replace("from 'cdk8s-gateway-api'", "from '../../src'");
  host.readFile = (f) => (files.has(path.resolve(f)) ? source(f) : read(f));
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => files.has(path.resolve(f)) || exists(f);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) => (files.has(path.resolve(f)) ? ts.createSourceFile(f, source(f), lang) : getSource(f, lang, ...rest));
  const program = ts.createProgram([...files.keys()], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.has(path.resolve(d.file.fileName)))
    .map((d) => `${files.get(path.resolve(d.file!.fileName))!.name}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  expect(diagnostics).toEqual([]);
});

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  test('the program synthesizes exactly the YAML result', () => {
    const { objects, stderr } = synth(c.program);
    const synthesized = byKey(objects);
    const expected = byKey(c.manifests);
    expect([...synthesized.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [k, v] of expected) expect(synthesized.get(k)).toEqual(v);
    // the only warning: the listeners of the existing Gateway are unknown (the program cannot declare them)
    const warnings = stderr.split('\n').filter((l) => l);
    const known = load(c.file).objects.some((o) => o.kind === 'Gateway');
    if (c.options.gateway && !known) for (const w of warnings) expect(w).toMatch(/^warning: .*whose listeners are unknown/);
    else expect(warnings).toEqual([]);
  });

  test('IngressMigration.fromManifests builds the same objects', () => {
    const app = new App();
    if (c.manifests.some((m) => (m.spec?.rules ?? []).some((r: any) => r.sessionPersistence))) {
      GatewayApiValidation.enable(app, { channel: ValidationChannel.EXPERIMENTAL });
    }
    const chart = new Chart(app, 'legacy');
    const gateway = c.options.gateway ? PlatformGateway.fromGatewayName(chart, 'shared', c.options.gateway.name, { namespace: c.options.gateway.namespace }) : undefined;
    let migration: IngressMigration | undefined;
    captureStderr(() => {
      migration = IngressMigration.fromManifests(chart, 'ingresses', load(c.file).objects, {
        ...(gateway ? { gateway } : {}),
        ...(c.options.gatewayClassName ? { gatewayClassName: c.options.gatewayClassName } : {}),
        ...(c.options.entryPoints ? { entryPoints: c.options.entryPoints } : {}),
        failOnNotConverted: false,
      });
    });
    let synthesized = new Map<string, any>();
    captureStderr(() => {
      synthesized = byKey(app.charts.flatMap((x) => x.toJson()));
    });
    const expected = byKey(c.manifests);
    expect([...synthesized.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [k, v] of expected) expect(synthesized.get(k)).toEqual(v);
    expect(migration!.routes.length).toBe(c.manifests.filter((m) => m.kind.endsWith('Route')).length);
  });
});

test('every class and enum a plan names is known to IngressMigration', () => {
  const names = new Set(CASES.flatMap((c) => namesOf(planOf(c.manifests))));
  for (const n of names) expect(_INGRESS_MIGRATION_CLASSES).toContain(n);
  // the fixtures exercise the route kinds and L2s the emitter maps to
  for (const n of ['PlatformGateway', 'TeamRoute', 'CanaryRoute', 'TeamGrpcRoute', 'TeamTlsRoute', 'BackendTlsPolicy', 'ReferenceGrant']) expect(names).toContain(n);
});

test('a readable program: one chart per namespace, Listener factories, CanaryRoute for a weighted split', () => {
  const c = CASES.find((x) => x.name === 'nginx/canary-weight.yaml')!;
  expect(c.program).toContain('new PlatformGateway(');
  expect(c.program).toContain('Listener.http(');
  expect(c.program).toContain('new CanaryRoute(');
  expect(c.program).toMatch(/stableWeight: \d+/);
  const charts = c.program.match(/new Chart\(app, "[^"]+", \{ namespace/g) ?? [];
  expect(charts.length).toBe(new Set(c.manifests.map((m) => m.metadata.namespace)).size);
});

describe('IngressMigration.fromManifests options', () => {
  test('fails on what was not converted unless told otherwise; the error holds the report', () => {
    const chart = new Chart(new App(), 'legacy');
    const gateway = PlatformGateway.fromGatewayName(chart, 'shared', 'shared', { namespace: 'infra' });
    expect(() => IngressMigration.fromManifests(chart, 'x', load('nginx/timeouts.yaml').objects, { gateway })).toThrow(/legacy\/x: not everything could be converted[\s\S]*proxy-connect-timeout/);
    expect(() => IngressMigration.fromManifests(chart, 'y', load('nginx/basic.yaml').objects, { gateway, from: 'haproxy' })).toThrow(/from must be auto/);
    expect(() => IngressMigration.fromManifests(chart, 'z', load('nginx/basic.yaml').objects, { gateway, gatewayClassName: 'eg' })).toThrow(/at most one of gateway/);
  });
});

test.each(['nginx/canary-by-header-always.yaml', 'nginx/multi-namespace-tls.yaml', 'traefik/tcp-udp.yaml', 'nginx/affinity-cookie.yaml'])(
  '%s: the program (snapshot, for review of its readability)', (file) => {
    expect(CASES.find((c) => c.name === file)!.program).toMatchSnapshot();
  });

test('an existing Gateway found in the input gets its listeners declared (synth checks the attachments)', () => {
  const c = CASES.find((x) => x.name === 'nginx/gateway-in-input.yaml')!;
  expect(c.program).toContain('PlatformGateway.fromGatewayName(platform, "infra/shared", "shared", {');
  expect(c.program).toMatch(/Listener\.https\(\{\s+name: "https-wildcard",\s+hostname: "\*\.example\.com",\s+allowedRoutes: \{ namespaces: RouteNamespaces\.all\(\) \},\s+\}\)/);
  expect(c.program).toContain('synth checks the attachments');
});
