import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CliIo, runCli, USAGE } from '../../src/cli/cli';
import { MAX_FILE_BYTES } from '../../src/validation/documents';
import { sharedPath } from '../support/shared';

const ROOT = path.resolve(__dirname, '..', '..');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: string[], stdin = ''): Run {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, readStdin: () => stdin };
  const code = runCli(args, io);
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
  test('--help prints the usage and exits 0', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(USAGE);
    expect(r.stdout).toContain('Usage: cdk8s-gateway-api validate [--channel standard|experimental] [--output text|json]');
    expect(cli(['validate', '--help']).stdout).toBe(USAGE);
  });

  test.each([
    [[], 'missing command'],
    [['check', 'x.yaml'], 'unknown command "check"'],
    [['validate'], 'no file or directory to validate'],
    [['validate', '--channel', 'beta', 'x.yaml'], 'invalid --channel "beta": use standard or experimental'],
    [['validate', '--output=xml', 'x.yaml'], 'invalid --output "xml": use text or json'],
    [['validate', '--channel'], 'option --channel needs a value'],
    [['validate', '--verbose', 'x.yaml'], 'unknown option "--verbose"'],
  ])('fails with exit 2 for usage error %j', (args, message) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`cdk8s-gateway-api: ${message}`);
    expect(r.stderr).toContain('Usage:');
  });

  test('exits 0 when every manifest is valid, and reports other kinds as skipped', () => {
    const file = write('ok.yaml', `${VALID_ROUTE}---\n${SERVICE}`);
    const r = cli(['validate', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      `${file}#0 HTTPRoute apps/good: valid`,
      `${file}#1 Service svc: skipped (not a Gateway API object)`,
      '2 documents: 1 valid, 0 invalid, 1 skipped (Gateway API v1.6.1, standard channel)',
      '',
    ].join('\n'));
  });

  test('fails with exit 1 and lists field path and message for an invalid manifest', () => {
    const file = write('bad.yaml', INVALID_ROUTE);
    const r = cli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}#0 HTTPRoute bad: 1 error\n  spec.rules[0].backendRefs[0]: Must have port for Service reference\n`);
  });

  test('--output json prints one array with file, index, object, validity and errors', () => {
    const file = write('mixed.yaml', `${VALID_ROUTE}---\n${INVALID_ROUTE}`);
    const r = cli(['validate', '--output', 'json', file]);
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

  test('searches directories recursively for .yaml, .yml and .json files, in sorted order', () => {
    const root = path.join(dir, 'tree');
    write('tree/b/route.yml', VALID_ROUTE);
    write('tree/a.json', JSON.stringify([JSON.parse(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }))]));
    write('tree/c/d/route.yaml', INVALID_ROUTE);
    write('tree/notes.txt', 'not a manifest');
    const r = cli(['validate', '-o', 'json', root]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).map((x: any) => `${path.relative(root, x.file)}#${x.index} ${x.valid}`))
      .toStrictEqual(['a.json#0 true', 'b/route.yml#0 true', 'c/d/route.yaml#0 false']);
  });

  test('--channel experimental accepts experimental fields that the standard channel rejects', () => {
    const file = write('retry.yaml', VALID_ROUTE.replace('  - backendRefs:', '  - retry:\n      attempts: 2\n    backendRefs:'));
    expect(cli(['validate', file]).code).toBe(1);
    expect(cli(['validate', '--channel', 'experimental', file]).code).toBe(0);
    expect(cli(['validate', '--channel=experimental', file]).stdout).toContain('(Gateway API v1.6.1, experimental channel)');
  });

  test('reads standard input for -', () => {
    const r = cli(['validate', '-o', 'json', '-'], INVALID_ROUTE);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ file: '<stdin>', index: 0, valid: false });
  });

  test('validates the release examples clean, and rejects the invalid examples', () => {
    expect(cli(['validate', sharedPath('examples', 'standard')]).code).toBe(0);
    expect(cli(['validate', '--channel', 'experimental', sharedPath('examples', 'experimental')]).code).toBe(0);
    const r = cli(['validate', '-o', 'json', sharedPath('invalid-examples', 'standard')]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).every((x: any) => !x.valid)).toBe(true);
  });
});

describe('bad input', () => {
  test('each bad document gets one clear error naming file and index, and the others are still checked', () => {
    const file = write('bad-input.yaml', [
      VALID_ROUTE,
      'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: x\nspec: {}\n', // malformed
      '# nothing here\n', // empty
      '- just\n- a list\n', // not an object
      'metadata:\n  name: nokind\n', // no apiVersion/kind
      'apiVersion: gateway.networking.k8s.io/v9\nkind: HTTPRoute\nmetadata:\n  name: future\n', // unknown version
      INVALID_ROUTE,
    ].join('---\n'));
    const r = cli(['validate', '-o', 'json', file]);
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

  test('an empty document after the last manifest (a trailing ---) is skipped', () => {
    const file = write('trailing.yaml', `${VALID_ROUTE}---\n`);
    const r = cli(['validate', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${file}#1: skipped (empty document after the last manifest)`);
  });

  test('fails if a file has no manifest at all', () => {
    const file = write('empty.yaml', '# only a comment\n');
    const r = cli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}#0: 1 error\n  the file contains no manifest (it is empty or only has comments and --- separators)`);
  });

  test('fails if the JSON is malformed', () => {
    const file = write('broken.json', '{"apiVersion": ');
    const r = cli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/broken\.json#0: 1 error\n {2}malformed JSON: /);
  });

  test('fails with exit 2 if a file does not exist', () => {
    const missing = path.join(dir, 'missing.yaml');
    const r = cli(['validate', write('fine.yaml', VALID_ROUTE), missing]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${missing}#0: 1 error\n  cannot read the file: no such file or directory`);
    expect(r.stdout).toContain('fine.yaml#0 HTTPRoute apps/good: valid');
  });

  test('fails with exit 2 if a file is larger than 10 MB, without reading it', () => {
    const big = path.join(dir, 'big.yaml');
    fs.writeFileSync(big, Buffer.alloc(MAX_FILE_BYTES + 1, 0x20));
    const r = cli(['validate', big]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${big}#0: 1 error\n  the file is ${MAX_FILE_BYTES + 1} bytes, larger than the 10 MB limit; split it into smaller files`);
  });

  test('fails if a document is nested absurdly deep, without crashing', () => {
    const file = write('deep.yaml', `${VALID_ROUTE}---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: deep}\nspec: ${'['.repeat(20000)}${']'.repeat(20000)}\n---\n${INVALID_ROUTE}`);
    const r = cli(['validate', '-o', 'json', file]);
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.stdout);
    expect(reports.map((x: any) => x.valid)).toStrictEqual([true, false, false]);
    expect(reports[1].errors[0].message).toMatch(/nested too deeply|nests more than 100 levels/);
    const json = write('deep.json', `{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"x"},"spec":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`);
    expect(JSON.parse(cli(['validate', '-o', 'json', json]).stdout)[0].errors).toStrictEqual([
      { path: '', message: 'the object nests more than 100 levels deep; no Gateway API object is that deep, it was not validated' },
    ]);
  });
});

describe('the real executable', () => {
  test('runs as a process with the documented exit codes', () => {
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
