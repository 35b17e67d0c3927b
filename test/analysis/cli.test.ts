import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { httpRoute, parentRef, platform, rule } from './fixtures';
import { createAnalyzeCommand } from '../../src/cli/analyze';
import { runCli } from '../../src/cli/cli';
import { sharedPath } from '../support/shared';

/** Runs `cdk8s-gateway-api analyze` (a leading "analyze" in `argv` is skipped) through the whole program. */
async function run(argv: string[], readFile?: (f: string) => string) {
  let stdout = '';
  let stderr = '';
  const args = argv[0] === 'analyze' ? argv : ['analyze', ...argv];
  const code = await runCli(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, ...(readFile ? { readFile } : {}) });
  return { code, stdout, stderr };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'analyze-cli-'));
  fs.mkdirSync(path.join(dir, 'teams', 'a'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'platform.yaml'), platform().map((o) => YAML.stringify(o)).join('---\n'));
  fs.writeFileSync(path.join(dir, 'teams', 'a', 'routes.json'), JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [httpRoute('team-a', 'store', { parentRefs: [parentRef('https')], hostnames: ['store.example.com'], rules: [rule()] })],
  }));
  fs.writeFileSync(path.join(dir, 'teams', 'a', 'notes.txt'), 'not a manifest');
  fs.writeFileSync(path.join(dir, 'sandbox.yaml'), YAML.stringify(httpRoute('sandbox', 'exp', { parentRefs: [parentRef('https')], rules: [] })));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cdk8s-gateway-api analyze', () => {
  test('yaml (default): every Gateway API object with its status, multi-document; the table on stderr; exit 1 on errors', async () => {
    const { code, stdout, stderr } = await run(['analyze', path.join(dir, 'platform.yaml'), path.join(dir, 'teams'), path.join(dir, 'sandbox.yaml')]);
    expect(code).toBe(1);
    const docs = YAML.parseAllDocuments(stdout).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toStrictEqual(['GatewayClass/shared', 'Gateway/shared', 'HTTPRoute/store', 'HTTPRoute/exp']);
    expect(docs[2].status.parents[0].conditions.map((c: any) => c.reason)).toStrictEqual(['Accepted', 'ResolvedRefs']);
    expect(docs[3].status.parents[0].conditions[0].reason).toBe('NotAllowedByListeners');
    expect(stderr).toMatch(/HTTPRoute\/sandbox\/exp\s+Gateway\/infra\/shared#https\s+False\s+True\s+NotAllowedByListeners/);
    expect(stderr).toContain('1 error(s), 0 warning(s).');
  });

  test('json output, --fail-on none', async () => {
    const { code, stdout } = await run(['--output', 'json', '--fail-on=none', dir]);
    expect(code).toBe(0);
    const objects = JSON.parse(stdout);
    expect(objects.find((o: any) => o.kind === 'Gateway').status.listeners.map((l: any) => l.attachedRoutes)).toStrictEqual([0, 1]);
  });

  test('table output goes to stdout; --fail-on warning', async () => {
    const clean = [path.join(dir, 'platform.yaml'), path.join(dir, 'teams')];
    const ok = await run(['--output', 'table', ...clean]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ROUTE\s+PARENT\s+ACCEPTED\s+RESOLVEDREFS\s+REASON\s+LISTENERS\n/);
    expect(ok.stderr).toBe('');
    const dup = YAML.stringify(httpRoute('team-b', 'steal', { parentRefs: [parentRef('https')], hostnames: ['store.example.com'], rules: [rule({ name: 'search', port: 8080 })] }));
    const files: { [f: string]: string } = { '/virtual/steal.yaml': dup };
    const read = (f: string) => files[f] ?? fs.readFileSync(f, 'utf8');
    expect((await run(['--output', 'table', ...clean, '/virtual/steal.yaml'], read)).code).toBe(0);
    const warned = await run(['--output', 'table', '--fail-on', 'warning', ...clean, '/virtual/steal.yaml'], read);
    expect(warned.code).toBe(1);
    expect(warned.stdout).toContain('HostnamePathConflict');
  });

  test('--missing-refs unknown on the upstream cross-namespace example', async () => {
    const example = sharedPath('examples', 'standard', 'cross-namespace-routing');
    expect((await run([example])).code).toBe(1);
    const { code, stderr } = await run(['--missing-refs', 'unknown', example]);
    expect(code).toBe(0);
    expect(stderr).toContain('0 error(s), 0 warning(s).');
  });

  test('--external declares objects owned elsewhere', async () => {
    const example = sharedPath('examples', 'standard', 'http-route-attachment');
    const strict = await run(['--output', 'table', example]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('BackendNotFound');
    expect(strict.stderr).toContain('note: GatewayClass "foo-lb" (of Gateways gateway-api-example-ns1/foo-gateway, gateway-api-example-ns1/prod-gateway) is not in the input; ' +
      'it is assumed to be installed in the cluster. Pass --external GatewayClass/foo-lb to declare it');
    const externals = ['--external', 'GatewayClass/foo-lb', '--external', 'Service/gateway-api-example-ns2/foo-svc'];
    const ok = await run(['--output', 'table', ...externals, example]);
    expect(ok.stdout).toContain('0 error(s), 0 warning(s).');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect((await run(['--external', 'Service', example])).code).toBe(2);
  });

  test('usage errors and unreadable input exit 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--output', 'xml', dir])).code).toBe(2);
    expect((await run(['--bogus', dir])).stderr).toContain('cdk8s-gateway-api analyze: unknown option \'--bogus\'');
    expect((await run(['--fail-on'])).code).toBe(2);
    const missing = await run([path.join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'kind: [unclosed');
    expect((await run([path.join(dir, 'broken.yaml')])).code).toBe(2);
    fs.rmSync(path.join(dir, 'broken.yaml'));
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: cdk8s-gateway-api analyze');
  });
});

describe('cdk8s-gateway-api analyze: BackendTLSPolicy status', () => {
  test('--output json prints BackendTLSPolicy objects with status.ancestors[].ancestorRef, controllerName and conditions', async () => {
    const file = path.join(dir, 'btls.yaml');
    const objects = [
      httpRoute('team-a', 'store', { parentRefs: [parentRef('https')], hostnames: ['store.example.com'], rules: [rule()] }),
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'BackendTLSPolicy',
        metadata: { name: 'store-tls', namespace: 'team-a' },
        spec: { targetRefs: [{ group: '', kind: 'Service', name: 'store' }], validation: { hostname: 'store.internal', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'store-ca' }] } },
      },
    ];
    fs.writeFileSync(file, objects.map((o) => YAML.stringify(o)).join('---\n'));
    const { code, stdout, stderr } = await run(['analyze', '--output', 'json', path.join(dir, 'platform.yaml'), file]);
    expect(code).toBe(1); // the CA ConfigMap is not in the input
    const policy = JSON.parse(stdout).find((o: any) => o.kind === 'BackendTLSPolicy');
    const ancestors = policy.status.ancestors.map((a: any) => ({ ...a, conditions: a.conditions.map((c: any) => [c.type, c.status, c.reason]) }));
    expect(ancestors).toStrictEqual([{
      ancestorRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra', name: 'shared' },
      controllerName: 'example.net/gateway-controller',
      conditions: [['Accepted', 'False', 'NoValidCACertificate'], ['ResolvedRefs', 'False', 'InvalidCACertificateRef']],
    }]);
    expect(stderr).toMatch(/BackendTLSPolicy\/team-a\/store-tls: ResolvedRefs InvalidCACertificateRef\n/);
  });
});

describe('the cdk8s-gateway-api bin', () => {
  test('createAnalyzeCommand runs on its own, with the same output and exit code as through the program', async () => {
    let stdout = '';
    let stderr = '';
    let code = -1;
    const args = ['--output', 'json', path.join(dir, 'platform.yaml'), path.join(dir, 'sandbox.yaml')];
    const cmd = createAnalyzeCommand({ stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } }, (c) => { code = c; });
    cmd.exitOverride();
    await cmd.parseAsync(args, { from: 'user' });
    const program = await run(['analyze', ...args]);
    expect(code).toBe(1);
    expect(code).toBe(program.code);
    expect(JSON.parse(stdout)).toStrictEqual(JSON.parse(program.stdout));
    expect(stderr).toBe(program.stderr);
  });

  test('fails with exit 2 and a message naming the document if a file holds malformed YAML', async () => {
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'kind: Gateway\n---\nspec: [unclosed\n');
    const { code, stderr } = await run(['analyze', bad]);
    expect(code).toBe(2);
    expect(stderr).toContain(`cannot read ${bad}: document 1: malformed YAML`);
  });
});
