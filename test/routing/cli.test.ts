import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createRouteCommand } from '../../src/cli/route';
import { httpRoute, parentRef, platform } from '../analysis/fixtures';

const manifests = [
  ...platform(),
  httpRoute('team-a', 'store', {
    parentRefs: [parentRef()],
    hostnames: ['store.example.com'],
    rules: [
      { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }], backendRefs: [{ name: 'store', port: 8080 }] },
      { matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'x-canary', value: 'always' }] }], backendRefs: [{ name: 'store', port: 8080 }] },
    ],
  }),
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'route-cli-'));
const file = path.join(dir, 'all.json');
fs.writeFileSync(file, JSON.stringify(manifests));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let code = -1;
  const cmd = createRouteCommand({ stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readStdin: () => stdin ?? '' }, (c) => { code = c; });
  try {
    await cmd.parseAsync(argv, { from: 'user' });
  } catch {
    // commander's usage errors: the exit code is set before the throw
  }
  return { code, out, err };
}

describe('cdk8s-gateway-api route', () => {
  test('one URL: text with the decision and the explanation', async () => {
    const r = await run(['https://store.example.com/api/items?x=1', file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('GET https://store.example.com/api/items?x=1 → 200');
    expect(r.out).toContain('gateway:   infra/shared, listener https');
    expect(r.out).toContain('route:     HTTPRoute team-a/store, rule 0');
    expect(r.out).toContain('at backend: GET store.example.com/items?x=1');
    expect(r.out).toContain('  - URLRewrite: /api/items → /items');
  });

  test('-X, -H, --gateway and --output json', async () => {
    const r = await run(['-X', 'post', '-H', 'X-Canary: always', '--gateway', 'infra/shared', '--output', 'json', 'http://store.example.com/cart', file]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.rule).toStrictEqual({ index: 1 });
    expect(json.requestAtBackend).toStrictEqual({ method: 'POST', host: 'store.example.com', path: '/cart', headers: { 'x-canary': 'always' } });
  });

  test('--sni and --grpc reach the request', async () => {
    const r = await run(['--sni', 'other.example.org', '--output', 'json', 'https://store.example.com/', file]);
    expect(JSON.parse(r.out).statusCode).toBe(0);
    const g = await run(['--grpc', 'store.v1.Catalog/List', '--output', 'json', 'https://store.example.com', file]);
    expect(JSON.parse(g.out).grpcStatus).toBe('UNIMPLEMENTED');
  });

  test('batch: a JSON array of requests in, a JSON array of results out, in order; manifests from stdin', async () => {
    const requestsFile = path.join(dir, 'requests.json');
    fs.writeFileSync(requestsFile, JSON.stringify([
      { host: 'store.example.com', path: '/api/x', scheme: 'https' },
      { host: 'nowhere.example.com', path: '/' },
      { path: 'bad' },
    ]));
    const r = await run(['--requests', requestsFile, '--output', 'json', '-'], JSON.stringify(manifests));
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.map((x: any) => x.statusCode)).toStrictEqual([200, 404, 0]);
    expect(json[2].error).toMatch(/path/);
    expect(json[1].route).toBeNull();
  });

  test.each([
    { argv: ['https://store.example.com/'], why: /no manifest inputs/ },
    { argv: [], why: /missing|error/ },
    { argv: ['--gateway', 'nope', 'http://a.example.com/', 'x'], why: /--gateway must be namespace\/name/ },
    { argv: ['-H', 'novalue', 'http://a.example.com/', 'x'], why: /-H must be 'name: value'/ },
    { argv: ['--grpc', 'nomethod', 'http://a.example.com/', 'x'], why: /--grpc must be service\/method/ },
    { argv: ['ftp://a.example.com/', 'x'], why: /scheme "ftp"/ },
    { argv: ['--output', 'yaml', 'http://a.example.com/', 'x'], why: /yaml/ },
    { argv: ['--unknown', 'http://a.example.com/', 'x'], why: /unknown option/ },
    { argv: ['--requests', '-', '-'], why: /standard input cannot hold both/ },
    { argv: ['--requests', 'r.json', '-X', 'GET', 'x'], why: /applies to a single URL/ },
  ])('usage error → exit 2: $argv', async ({ argv, why }) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(why);
    expect(r.out).toBe('');
  });

  test.each([
    { name: 'a missing manifest file', argv: ['http://a.example.com/', path.join(dir, 'missing.yaml')], why: /cannot read/ },
    { name: 'a requests file that is not JSON', argv: ['--requests', '-', '--output', 'json', file], stdin: '{oops', why: /not JSON/ },
    { name: 'a requests file that is not an array', argv: ['--requests', '-', '--output', 'json', file], stdin: '{"path":"/"}', why: /expected a JSON array/ },
  ])('unreadable input → exit 2, no output: $name', async ({ argv, stdin, why }) => {
    const r = await run(argv, stdin);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(why);
    expect(r.out).toBe('');
  });

  test('--help exits 0 and documents the contract', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--requests <file.json\|->/);
    expect(r.out).toMatch(/Exit codes: 0 when the simulation ran/);
  });
});
