import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CliIo, runCli } from '../../src/cli/cli';
import { MAX_FILE_BYTES } from '../../src/validation/documents';
import { sharedPath } from '../support/shared';

const ROOT = path.resolve(__dirname, '..', '..');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(args: string[], stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, readStdin: () => stdin };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const VALID_ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: good
  namespace: apps
spec:
  rules:
  - backendRefs:
    - name: svc
      port: 80
`;

const INVALID_ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: bad
spec:
  rules:
  - backendRefs:
    - name: svc
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: svc
`;

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gwapi-cli-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

describe('cdk8s-gateway-api validate', () => {
  test('validate --help prints the usage of validate and exits 0', async () => {
    const r = await cli(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: cdk8s-gateway-api validate \[options\] \[paths\.\.\.\]\n/);
    const flat = r.stdout.replace(/\s+/g, ' '); // the help wraps at the terminal's width
    for (const option of ['-c, --channel <channel>', '(choices: "standard", "experimental", default: "standard")', '-o, --output <format>', '-h, --help']) {
      expect(flat).toContain(option);
    }
    expect(flat).toContain('Exit status: 0 when every manifest is valid, 1 when at least one is invalid, 2 on a usage error');
    expect((await cli(['help', 'validate'])).stdout).toBe(r.stdout);
  });

  test.each([
    [['validate'], 'validate: no file or directory to validate'],
    [['validate', '--channel', 'beta', 'x.yaml'], 'validate: option \'-c, --channel <channel>\' argument \'beta\' is invalid. Allowed choices are standard, experimental.'],
    [['validate', '--output=xml', 'x.yaml'], 'validate: option \'-o, --output <format>\' argument \'xml\' is invalid. Allowed choices are text, json.'],
    [['validate', '--channel'], 'validate: option \'-c, --channel <channel>\' argument missing'],
    [['validate', '--verbose', 'x.yaml'], 'validate: unknown option \'--verbose\''],
  ])('fails with exit 2 for usage error %j', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(`cdk8s-gateway-api ${message}\n`)).toBe(true);
    expect(r.stderr).toContain('Usage: cdk8s-gateway-api validate');
  });

  test('exits 0 when every manifest is valid, and reports other kinds as skipped', async () => {
    const file = write('ok.yaml', `${VALID_ROUTE}---\n${SERVICE}`);
    const r = await cli(['validate', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      `${file}#0 HTTPRoute apps/good: valid`,
      `${file}#1 Service svc: skipped (not a Gateway API object)`,
      '2 documents: 1 valid, 0 invalid, 1 skipped (Gateway API v1.6.1, standard channel)',
      '',
    ].join('\n'));
  });

  test('fails with exit 1 and lists field path and message for an invalid manifest', async () => {
    const file = write('bad.yaml', INVALID_ROUTE);
    const r = await cli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}#0 HTTPRoute bad: 1 error\n  spec.rules[0].backendRefs[0]: Must have port for Service reference\n`);
  });

  test('--output json prints one array with file, index, object, validity and errors', async () => {
    const file = write('mixed.yaml', `${VALID_ROUTE}---\n${INVALID_ROUTE}`);
    const r = await cli(['validate', '--output', 'json', file]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toStrictEqual([
      { file, index: 0, apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', namespace: 'apps', name: 'good', valid: true, skipped: false, errors: [] },
      {
        file,
        index: 1,
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        namespace: null,
        name: 'bad',
        valid: false,
        skipped: false,
        errors: [{ path: 'spec.rules[0].backendRefs[0]', message: 'Must have port for Service reference' }],
      },
    ]);
  });

  test('searches directories recursively for .yaml, .yml and .json files, in sorted order', async () => {
    const root = path.join(dir, 'tree');
    write('tree/b/route.yml', VALID_ROUTE);
    write('tree/a.json', JSON.stringify([JSON.parse(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }))]));
    write('tree/c/d/route.yaml', INVALID_ROUTE);
    write('tree/notes.txt', 'not a manifest');
    const r = await cli(['validate', '-o', 'json', root]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).map((x: any) => `${path.relative(root, x.file)}#${x.index} ${x.valid}`))
      .toStrictEqual(['a.json#0 true', 'b/route.yml#0 true', 'c/d/route.yaml#0 false']);
  });

  test('--channel experimental accepts experimental fields that the standard channel rejects', async () => {
    const file = write('retry.yaml', VALID_ROUTE.replace('  - backendRefs:', '  - retry:\n      attempts: 2\n    backendRefs:'));
    expect((await cli(['validate', file])).code).toBe(1);
    expect((await cli(['validate', '--channel', 'experimental', file])).code).toBe(0);
    expect((await cli(['validate', '--channel=experimental', file])).stdout).toContain('(Gateway API v1.6.1, experimental channel)');
  });

  test('reads standard input for -', async () => {
    const r = await cli(['validate', '-o', 'json', '-'], INVALID_ROUTE);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ file: '<stdin>', index: 0, valid: false });
  });

  test('validates the release examples clean, and rejects the invalid examples', async () => {
    expect((await cli(['validate', sharedPath('examples', 'standard')])).code).toBe(0);
    expect((await cli(['validate', '--channel', 'experimental', sharedPath('examples', 'experimental')])).code).toBe(0);
    const r = await cli(['validate', '-o', 'json', sharedPath('invalid-examples', 'standard')]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).every((x: any) => !x.valid)).toBe(true);
  });
});

describe('files that are not Kubernetes objects', () => {
  test('cdk8s\'s construct-metadata.json next to the manifests is skipped with a note, and the run passes', async () => {
    write('dist/app.k8s.yaml', VALID_ROUTE);
    const metadata = write('dist/construct-metadata.json', JSON.stringify({ version: '1.0.0', resources: { 'apps-good-c8a1b2c3': { path: 'app/apps/good' } } }));
    const r = await cli(['validate', path.join(dir, 'dist')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${metadata}#0: skipped (not a Kubernetes manifest: no document has apiVersion, kind or metadata ` +
      '(e.g. the construct-metadata.json that cdk8s writes next to the manifests))\n');
    expect(r.stdout).toContain('2 documents: 1 valid, 0 invalid, 1 skipped');
    const json = JSON.parse((await cli(['validate', '-o', 'json', metadata])).stdout);
    expect(json).toStrictEqual([{
      file: metadata,
      index: 0,
      apiVersion: null,
      kind: null,
      namespace: null,
      name: null,
      valid: true,
      skipped: true,
      skipReason: expect.stringMatching(/^not a Kubernetes manifest/),
      errors: [],
    }]);
  });

  test('JSON and YAML without apiVersion/kind (an array, or several documents) are skipped too, also on stdin', async () => {
    const array = write('settings.json', JSON.stringify([{ name: 'a' }, { name: 'b' }]));
    expect((await cli(['validate', array])).stdout).toContain(`${array}#0: skipped (not a Kubernetes manifest`);
    const yaml = write('values.yaml', 'replicas: 2\n---\nimage: nginx\n');
    expect((await cli(['validate', yaml])).code).toBe(0);
    expect((await cli(['validate', '-'], '{"version": "1.0.0"}')).stdout).toContain('<stdin>#0: skipped (not a Kubernetes manifest');
  });

  test('fails if a document lacks apiVersion and kind in a file that holds manifests, or has metadata', async () => {
    const mixed = write('mixed-non-object.yaml', `${VALID_ROUTE}---\nname: forgot-everything\n`);
    const r = await cli(['validate', mixed]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${mixed}#1: 2 errors\n  apiVersion: Required value`);
    const noKind = write('no-kind.yaml', 'metadata:\n  name: x\nspec: {}\n');
    expect((await cli(['validate', noKind])).code).toBe(1);
    const notAnObject = write('scalar.json', '"text"');
    expect((await cli(['validate', notAnObject])).code).toBe(1);
  });
});

describe('bad input', () => {
  test('each bad document gets one clear error naming file and index, and the others are still checked', async () => {
    const file = write('bad-input.yaml', [
      VALID_ROUTE,
      'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: x\nspec: {}\n', // malformed
      '# nothing here\n', // empty
      '- just\n- a list\n', // not an object
      'metadata:\n  name: nokind\n', // no apiVersion/kind
      'apiVersion: gateway.networking.k8s.io/v9\nkind: HTTPRoute\nmetadata:\n  name: future\n', // unknown version
      INVALID_ROUTE,
    ].join('---\n'));
    const r = await cli(['validate', '-o', 'json', file]);
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.stdout);
    expect(reports.map((x: any) => [x.index, x.valid, x.errors.map((e: any) => `${e.path}: ${e.message}`)])).toStrictEqual([
      [0, true, []],
      [1, false, [': malformed YAML: Flow map in block collection must be sufficiently indented and end with a } at line 15, column 1']],
      [2, false, [': empty document (only a --- separator, comments or whitespace): remove it or add the manifest']],
      [3, false, [': the document is a list, not a Kubernetes object (a mapping with apiVersion, kind and metadata)']],
      [4, false, [
        'apiVersion: Required value: apiVersion is required (e.g. "gateway.networking.k8s.io/v1")',
        'kind: Required value: kind is required (e.g. "HTTPRoute")',
      ]],
      [5, false, [expect.stringMatching(/^apiVersion: Invalid value: "gateway.networking.k8s.io\/v9": HTTPRoute has no version v9/)]],
      [6, false, ['spec.rules[0].backendRefs[0]: Must have port for Service reference']],
    ]);
    expect(r.stdout).not.toMatch(/\n\s+at /); // no stack traces
  });

  test('an empty document after the last manifest (a trailing ---) is skipped', async () => {
    const file = write('trailing.yaml', `${VALID_ROUTE}---\n`);
    const r = await cli(['validate', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${file}#1: skipped (empty document after the last manifest)`);
  });

  test('fails if a file has no manifest at all', async () => {
    const file = write('empty.yaml', '# only a comment\n');
    const r = await cli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}#0: 1 error\n  the file contains no manifest (it is empty or only has comments and --- separators)`);
  });

  test('fails if the JSON is malformed', async () => {
    const file = write('broken.json', '{"apiVersion": ');
    const r = await cli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/broken\.json#0: 1 error\n {2}malformed JSON: /);
  });

  test('fails with exit 2 if a file does not exist', async () => {
    const missing = path.join(dir, 'missing.yaml');
    const r = await cli(['validate', write('fine.yaml', VALID_ROUTE), missing]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${missing}#0: 1 error\n  cannot read the file: no such file or directory`);
    expect(r.stdout).toContain('fine.yaml#0 HTTPRoute apps/good: valid');
  });

  test('fails with exit 2 if a file is larger than 10 MB, without reading it', async () => {
    const big = path.join(dir, 'big.yaml');
    fs.writeFileSync(big, Buffer.alloc(MAX_FILE_BYTES + 1, 0x20));
    const r = await cli(['validate', big]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${big}#0: 1 error\n  the file is ${MAX_FILE_BYTES + 1} bytes, larger than the 10 MB limit; split it into smaller files`);
  });

  test('fails if a document is nested absurdly deep, without crashing', async () => {
    const file = write('deep.yaml', `${VALID_ROUTE}---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: deep}\nspec: ${'['.repeat(20000)}${']'.repeat(20000)}\n---\n${INVALID_ROUTE}`);
    const r = await cli(['validate', '-o', 'json', file]);
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.stdout);
    expect(reports.map((x: any) => x.valid)).toStrictEqual([true, false, false]);
    expect(reports[1].errors[0].message).toMatch(/nested too deeply|nests more than 100 levels/);
    const json = write('deep.json', `{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"x"},"spec":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`);
    expect(JSON.parse((await cli(['validate', '-o', 'json', json])).stdout)[0].errors).toStrictEqual([
      { path: '', message: 'the object nests more than 100 levels deep; no Gateway API object is that deep, it was not validated' },
    ]);
  });
});

describe('the real executable', () => {
  test('runs as a process with the documented exit codes', async () => {
    const file = write('proc.yaml', INVALID_ROUTE);
    const compiled = path.join(ROOT, 'lib', 'src', 'cli', 'main.js');
    const source = path.join(ROOT, 'src', 'cli', 'main.ts');
    // the compiled bin when it is up to date, else the source through ts-node
    const upToDate = fs.existsSync(compiled) && fs.statSync(compiled).mtimeMs >= fs.statSync(path.join(ROOT, 'src', 'cli', 'cli.ts')).mtimeMs;
    const args = upToDate ? [compiled] : ['-r', 'ts-node/register/transpile-only', source];
    const run = (extra: string[]) => spawnSync(process.execPath, [...args, ...extra], { cwd: ROOT, encoding: 'utf-8', timeout: 30_000 });
    const invalid = run(['validate', file]);
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toContain('spec.rules[0].backendRefs[0]: Must have port for Service reference');
    const usage = run(['validate']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('no file or directory to validate');
    expect(fs.readFileSync(upToDate ? compiled : source, 'utf-8').startsWith('#!/usr/bin/env node')).toBe(true);
  });
});
