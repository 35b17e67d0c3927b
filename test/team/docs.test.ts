import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import * as ts from 'typescript';
import { objects, validationErrors } from './support';

/** The ```ts snippets of docs/team.md, run as one program (with `app.synth()` left out), must synthesize cleanly. */
describe('docs/team.md', () => {
  const markdown = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'team.md'), 'utf-8');
  const snippets = [...markdown.matchAll(/```ts(?: [^\n]*)?\n([\s\S]*?)```/g)].map((m) => m[1]);

  function run(env: Record<string, string> = {}): App {
    const source = snippets.join('\n').replace(/^app\.synth\(\);$/m, '') + '\nmodule.exports = { app };\n';
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
    const mod: { exports: any } = { exports: {} };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = (id: string) => require(id === 'cdk8s-gateway-api' ? '../../src' : id);
    const fakeProcess = { env: { ...env } };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('require', 'module', 'exports', 'process', js)(load, mod, mod.exports, fakeProcess);
    return mod.exports.app;
  }

  test('has snippets', () => {
    expect(snippets.length).toBeGreaterThan(8);
  });

  test('the snippets synthesize without validation errors', () => {
    const app = run();
    expect(validationErrors(app)).toStrictEqual([]);
    const kinds = objects(app).map((o) => o.kind);
    expect(kinds).toEqual(expect.arrayContaining(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute', 'ReferenceGrant']));
  });

  test('the staged rollout stage comes from CANARY_PERCENT', () => {
    for (const percent of [5, 25, 50, 100]) {
      const checkout = objects(run({ CANARY_PERCENT: String(percent) })).find((o) => o.kind === 'HTTPRoute' && o.metadata.name === 'checkout');
      const weighted = checkout.spec.rules.find((r: any) => r.name === 'canary');
      expect(weighted.backendRefs.map((b: any) => b.weight)).toStrictEqual([100 - percent, percent]);
    }
  });
});
