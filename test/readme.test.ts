import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import * as ts from 'typescript';
import * as YAML from 'yaml';

/**
 * The ```ts snippets of README.md form one program: it must compile against the library, synthesize, and pass the
 * synth-time validation and attachment analysis it enables.
 */
describe('README.md', () => {
  const markdown = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf-8');
  // (` fixture=NAME` names the jsii-rosetta fixture the snippet compiles with in the other languages, see rosetta/)
  const snippets = [...markdown.matchAll(/```ts(?: fixture=[\w-]+)?\n([\s\S]*?)```/g)].map((m) => m[1]);
  /** The Install section's files, fenced as ```<lang> <file name> (scripts/package-smoke.sh reads them the same way). */
  const installFile = (lang: string, name: string): string => {
    const found = [...markdown.matchAll(new RegExp('```' + lang + ' ' + name.replace('.', '\\.') + '(?: fixture=[\\w-]+)?\\n([\\s\\S]*?)```', 'g'))];
    expect(found).toHaveLength(1);
    return found[0][1];
  };

  function run(env: Record<string, string> = {}, program = snippets.join('\n')): App {
    // `app.synth()` would write files; the test synthesizes in memory instead
    const source = program.replace(/^app\.synth\(\);$/m, '') + '\nmodule.exports = { app };\n';
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

  let previousProgram: ts.Program | undefined;
  function typeCheck(source: string): string[] {
    const root = path.join(__dirname, '..');
    const file = path.join(root, 'test', '__readme_program__.ts');
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
    // reuses the library's parsed files from the previous check
    const program = ts.createProgram([file], options, host, previousProgram);
    previousProgram = program;
    return ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName && path.resolve(d.file.fileName) === file)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  test('the program type-checks against the library', () => {
    expect(typeCheck(snippets.join('\n'))).toStrictEqual([]);
  });

  describe('Install: the user\'s main.ts, cdk8s.yaml and tsconfig.json', () => {
    test('main.ts type-checks against the library, and a wrong shape does not', () => {
      const main = installFile('ts', 'main.ts');
      expect(typeCheck(main)).toStrictEqual([]);
      // the README says this form does not compile
      const wrong = main.replace("HttpPathModifier.replacePrefixMatch('/')", "{ replacePrefixMatch: '/' }");
      expect(wrong).not.toBe(main);
      expect(typeCheck(wrong).length).toBeGreaterThan(0);
    });

    test('main.ts synthesizes with the shapes it shows, and passes validation and analysis', () => {
      const main = installFile('ts', 'main.ts');
      expect(main).toMatch(/^app\.synth\(\);$/m);
      const app = run({}, main);
      app.synthYaml(); // runs the validations: schema/CEL and the analysis the program enables
      const objects = app.charts.flatMap((c) => c.toJson());
      const route = objects.find((o) => o.kind === 'HTTPRoute' && o.metadata.name === 'shop');
      const rule = (name: string) => route.spec.rules.find((r: any) => r.name === name);
      expect(rule('api').filters).toStrictEqual([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }]);
      expect(rule('moved').filters[0]).toMatchObject({ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/products' } } });
      expect(rule('moved').backendRefs ?? []).toStrictEqual([]);
      expect(rule('beta').matches).toStrictEqual([
        { path: { type: 'PathPrefix', value: '/' }, headers: [{ type: 'Exact', name: 'x-beta', value: 'true' }] },
        { path: { type: 'PathPrefix', value: '/' }, queryParams: [{ type: 'Exact', name: 'beta', value: 'true' }] },
      ]);
      const grant = objects.find((o) => o.kind === 'ReferenceGrant');
      expect(grant.metadata.namespace).toBe('shared-services');
      expect(grant.spec).toStrictEqual({
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
        to: [{ group: '', kind: 'Service', name: 'search' }],
      });
      const gateway = objects.find((o) => o.kind === 'Gateway');
      expect(gateway.metadata.annotations).toStrictEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    });

    test('cdk8s.yaml runs main.ts and configures the validation plugin; tsconfig.json is JSON', () => {
      const config = YAML.parse(installFile('yaml', 'cdk8s.yaml'));
      expect(config).toMatchObject({ language: 'typescript', app: 'npx ts-node main.ts', output: 'dist' });
      expect(config.validations).toStrictEqual([{
        package: './node_modules/cdk8s-gateway-api', version: '0.0.0', class: 'GatewayApiValidationPlugin', properties: { channel: 'standard' },
      }]);
      const tsconfig = JSON.parse(installFile('json', 'tsconfig.json'));
      expect(tsconfig.compilerOptions).toMatchObject({ module: 'commonjs', strict: true });
    });

    test('the install line pins the supported TypeScript and names the TypeScript 7 failure', () => {
      expect(markdown).toContain('npm install --save-dev cdk8s-cli ts-node typescript@~5.9 @types/node');
      expect(markdown).toContain('Cannot read properties of undefined (reading \'fileExists\')');
      expect(markdown.indexOf('## Install')).toBeLessThan(markdown.indexOf('## By persona'));
      expect(markdown.indexOf('## Install')).toBeLessThan(markdown.indexOf('## Development'));
    });
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
