import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import * as ts from 'typescript';

/**
 * The ```ts snippets of README.md form one program: it must compile against the library, synthesize, and pass the
 * synth-time validation and attachment analysis it enables.
 */
describe('README.md', () => {
  const markdown = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf-8');
  const snippets = [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

  function run(env: Record<string, string> = {}): App {
    // `app.synth()` would write files; the test synthesizes in memory instead
    const source = snippets.join('\n').replace(/^app\.synth\(\);$/m, '') + '\nmodule.exports = { app };\n';
    const out = ts.transpileModule(source, {
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
    });
    expect(out.diagnostics ?? []).toStrictEqual([]);
    const mod: { exports: any } = { exports: {} };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = (id: string) => require(id === 'cdk8s-gateway-api' ? '../src' : id);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('require', 'module', 'exports', 'process', out.outputText)(load, mod, mod.exports, { env });
    return mod.exports.app;
  }

  test('the program type-checks against the library', () => {
    const root = path.join(__dirname, '..');
    const file = path.join(root, 'test', '__readme_program__.ts');
    const source = snippets.join('\n');
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      types: ['node'],
      baseUrl: root,
      paths: { 'cdk8s-gateway-api': ['src/index.ts'] },
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile;
    host.readFile = (f) => (path.resolve(f) === file ? source : readFile(f));
    const fileExists = host.fileExists;
    host.fileExists = (f) => path.resolve(f) === file || fileExists(f);
    const program = ts.createProgram([file], options, host);
    const problems = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName && path.resolve(d.file.fileName) === file)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toStrictEqual([]);
  });

  test('has the persona snippets', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(7);
  });

  test('the program synthesizes and passes validation and analysis', () => {
    const app = run();
    const yaml = app.synthYaml();
    expect(yaml).toContain('kind: ReferenceGrant');
    const objects = app.charts.flatMap((c) => c.toJson());
    const names = objects.filter((o) => String(o.apiVersion).startsWith('gateway.networking.k8s.io/')).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names).toEqual(expect.arrayContaining([
      'GatewayClass/internet', 'Gateway/shared', 'HTTPRoute/shared-https-redirect', 'HTTPRoute/store-api', 'HTTPRoute/checkout',
      'HTTPRoute/pay', 'ReferenceGrant/httproute-store-to-service-search', 'BackendTLSPolicy/' + objects.find((o) => o.kind === 'BackendTLSPolicy').metadata.name,
    ]));
  });

  test('the staged rollout takes its stage from CANARY_PERCENT', () => {
    const weights = (env: Record<string, string>) => run(env).charts.flatMap((c) => c.toJson())
      .find((o) => o.kind === 'HTTPRoute' && o.metadata.name === 'checkout')
      .spec.rules.find((r: any) => r.name === 'canary').backendRefs.map((b: any) => b.weight);
    expect(weights({})).toStrictEqual([95, 5]);
    expect(weights({ CANARY_PERCENT: '50' })).toStrictEqual([50, 50]);
  });
});
