/**
 * `--output typescript`: the program compiles against this library (type-checked) and synthesizes exactly the
 * objects of `--output yaml`, for the fixtures migrated onto an existing Gateway.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as yaml from 'js-yaml';
import * as ts from 'typescript';
import { IngressMigration, PlatformGateway } from '../../src';
import { emitTypeScriptProgram, L2_FACTORIES, TypeScriptEmitError } from '../../src/migration/emit-typescript';
import { _INGRESS_MIGRATION_FACTORIES } from '../../src/migration/ingress-migration';
import { migrateManifests } from '../../src/migration/migrate';

const DIR = path.join(__dirname, 'fixtures');
const GATEWAY = { namespace: 'infra', name: 'shared' };

function load(file: string): any[] {
  return (yaml.loadAll(fs.readFileSync(path.join(DIR, file), 'utf8')) as any[]).filter((o) => o);
}

/** Runs the program in memory (app.synth() replaced: no files) and returns the synthesized objects. */
function synth(program: string): any[] {
  const source = program.replace(/^app\.synth\(\);$/m, 'module.exports = { app };');
  const out = ts.transpileModule(source, {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  });
  expect(out.diagnostics ?? []).toEqual([]);
  const mod: { exports: any } = { exports: {} };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load_ = (id: string) => require(id === 'cdk8s-gateway-api' ? '../../src' : id);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('require', 'module', 'exports', out.outputText)(load_, mod, mod.exports);
  const app: App = mod.exports.app;
  return app.charts.flatMap((c) => c.toJson());
}

function byKey(objects: any[]): Map<string, any> {
  return new Map(objects.map((o) => [`${o.kind} ${o.metadata.namespace}/${o.metadata.name}`, o]));
}

const SUPPORTED = [
  'nginx/basic.yaml', 'nginx/app-root.yaml', 'nginx/canary-by-header.yaml', 'nginx/canary-by-header-always.yaml',
  'nginx/canary-weight.yaml', 'nginx/custom-headers.yaml', 'nginx/enable-cors.yaml', 'nginx/estate-existing-gateway.yaml',
  'nginx/force-ssl-redirect.yaml', 'nginx/permanent-redirect.yaml', 'nginx/rewrite-target-capture.yaml',
  'nginx/rewrite-target-full.yaml', 'nginx/ssl-redirect.yaml', 'nginx/temporal-redirect.yaml', 'nginx/upstream-vhost.yaml',
  'nginx/use-regex.yaml', 'nginx/x-forwarded-prefix.yaml', 'nginx/never-converted.yaml', 'traefik/middlewares.yaml',
];

describe.each(SUPPORTED)('%s with --gateway infra/shared', (file) => {
  test('the program synthesizes exactly the YAML result', () => {
    const result = migrateManifests(load(file), { gateway: GATEWAY });
    const synthesized = byKey(synth(emitTypeScriptProgram(result.manifests)));
    const expected = byKey(result.manifests);
    expect([...synthesized.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [k, v] of expected) expect(synthesized.get(k)).toEqual(v);
  });
});

test('the program type-checks against the library (estate fixture)', () => {
  const result = migrateManifests(load('nginx/estate-existing-gateway.yaml'), { gateway: GATEWAY });
  const root = path.join(__dirname, '..', '..');
  const file = path.join(root, 'test', '__migrate_program__.ts');
  const source = emitTypeScriptProgram(result.manifests, '../src');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    resolveJsonModule: true,
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => (path.resolve(f) === file ? source : read(f));
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => path.resolve(f) === file || exists(f);
  const program = ts.createProgram([file], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  expect(diagnostics).toEqual([]);
  expect(source).toContain('new TeamRoute(chartSearch, "search"');
});

test('what cannot be written as TypeScript yet is refused with the object named', () => {
  expect(() => emitTypeScriptProgram(migrateManifests(load('nginx/basic.yaml')).manifests)).toThrow(TypeScriptEmitError);
  expect(() => emitTypeScriptProgram(migrateManifests(load('nginx/basic.yaml')).manifests)).toThrow(/Gateway shop\/nginx: generated Gateways/);
  expect(() => emitTypeScriptProgram(migrateManifests(load('nginx/timeouts.yaml'), { gateway: GATEWAY }).manifests)).toThrow(/HTTPRoute team-a\/slow rule 0: timeouts/);
  expect(() => emitTypeScriptProgram(migrateManifests(load('nginx/backend-protocol-grpc.yaml'), { gateway: GATEWAY }).manifests)).toThrow(/GRPCRoute/);
});

describe('IngressMigration.fromManifests (library API)', () => {

  test.each(['nginx/estate-existing-gateway.yaml', 'nginx/enable-cors.yaml', 'traefik/middlewares.yaml', 'nginx/canary-by-header-always.yaml'])(
    '%s: the constructs synthesize exactly the YAML result', (file) => {
      const app = new App();
      const chart = new Chart(app, 'legacy');
      const gateway = PlatformGateway.fromGatewayName(chart, 'shared', 'shared', { namespace: 'infra' });
      const migration = IngressMigration.fromManifests(chart, 'ingresses', load(file), { gateway, failOnNotConverted: false });
      const expected = byKey(migrateManifests(load(file), { gateway: GATEWAY }).manifests);
      const synthesized = byKey(app.charts.flatMap((c) => c.toJson()));
      expect([...synthesized.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [k, v] of expected) expect(synthesized.get(k)).toEqual(v);
      expect(migration.routes.length).toBe(expected.size);
    });

  test('fails on what was not converted unless told otherwise; the error holds the report', () => {
    const chart = new Chart(new App(), 'legacy');
    const gateway = PlatformGateway.fromGatewayName(chart, 'shared', 'shared', { namespace: 'infra' });
    expect(() => IngressMigration.fromManifests(chart, 'x', load('nginx/timeouts.yaml'), { gateway })).toThrow(/legacy\/x: not everything could be converted[\s\S]*proxy-connect-timeout/);
    expect(() => IngressMigration.fromManifests(chart, 'y', load('nginx/basic.yaml'), { gateway, from: 'haproxy' })).toThrow(/from must be auto/);
  });

  test('every factory a plan can name can be built', () => {
    expect([..._INGRESS_MIGRATION_FACTORIES].sort()).toEqual([...L2_FACTORIES].sort());
  });
});
