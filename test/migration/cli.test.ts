import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { createMigrateCommand } from '../../src/cli/migrate';

const FIXTURES = path.join(__dirname, 'fixtures', 'nginx');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let code = -1;
  const cmd = createMigrateCommand({ stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readStdin: () => stdin ?? '' }, (c) => { code = c; });
  try {
    await cmd.parseAsync(argv, { from: 'user' });
  } catch {
    // commander's usage errors: the exit code is set before the throw
  }
  return { code, out, err };
}

describe('cdk8s-gateway-api migrate', () => {
  test('a fully converted Ingress: YAML on stdout, the report on stderr, exit 0', async () => {
    const r = await run([path.join(FIXTURES, 'basic.yaml')]);
    expect(r.code).toBe(0);
    const docs = yaml.loadAll(r.out) as any[];
    expect(docs.map((d) => `${d.kind} ${d.metadata.name}`)).toEqual([
      'Gateway nginx', 'HTTPRoute store-default', 'HTTPRoute store-store-example-com', 'HTTPRoute store-store-example-com-https-redirect',
    ]);
    // Services are lookups, not re-emitted
    expect(docs.some((d) => d.kind === 'Service')).toBe(false);
    expect(r.err).toContain('Ingress shop/store → HTTPRoute shop/store-store-example-com');
  });

  test('a never-converted annotation: exit 1, the output is still printed, the report names the annotation', async () => {
    const r = await run([path.join(FIXTURES, 'timeouts.yaml')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('kind: HTTPRoute');
    expect(r.err).toContain('nginx.ingress.kubernetes.io/proxy-connect-timeout');
    expect(r.err).toMatch(/not converted \(1\)/);
  });

  test('--verify: exit 1 and the request that shows a difference', async () => {
    const r = await run(['--verify', path.join(FIXTURES, 'rewrite-target-full.yaml')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('GET http://legacy.example.com/legacyx: expected forward to team-a/app:80 100% as legacy.example.com/, got no route (404)');
  });

  test('--verify passes on an equivalent migration', async () => {
    const r = await run(['--verify', path.join(FIXTURES, 'canary-weight.yaml')]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/equivalence: \d+ requests route the same/);
  });

  test('--gateway attaches to an existing Gateway (no Gateway emitted), --report-json writes the report', async () => {
    const report = path.join(tmp, 'report.json');
    const r = await run(['--gateway', 'infra/shared', '--report-json', report, path.join(FIXTURES, 'upstream-vhost.yaml')]);
    expect(r.code).toBe(0);
    const docs = yaml.loadAll(r.out) as any[];
    expect(docs.map((d) => d.kind)).toEqual(['HTTPRoute']);
    expect(docs[0].spec.parentRefs).toEqual([{ name: 'shared', namespace: 'infra', port: 80 }]);
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    expect(json.sources[0].items.map((i: any) => i.key)).toContain('nginx.ingress.kubernetes.io/upstream-vhost');
    expect(json.complete).toBe(true);
  });

  test('--gateway-class names the GatewayClass; standard input with -', async () => {
    const r = await run(['--gateway-class', 'eg', '-'], fs.readFileSync(path.join(FIXTURES, 'app-root.yaml'), 'utf8'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('gatewayClassName: eg');
  });

  test('usage errors and unreadable input: exit 2, nothing on stdout', async () => {
    expect((await run(['--gateway', 'infra/shared', '--gateway-class', 'eg', path.join(FIXTURES, 'basic.yaml')])).code).toBe(2);
    expect((await run(['--gateway', 'noslash', path.join(FIXTURES, 'basic.yaml')])).code).toBe(2);
    expect((await run(['--output', 'xml', path.join(FIXTURES, 'basic.yaml')])).code).toBe(2);
    expect((await run(['--from', 'haproxy', path.join(FIXTURES, 'basic.yaml')])).code).toBe(2);
    const missing = await run([path.join(tmp, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.out).toBe('');
    const bad = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(bad, 'kind: [unclosed');
    const broken = await run([bad]);
    expect(broken.code).toBe(2);
    expect(broken.err).toContain(bad);
    expect(broken.out).toBe('');
  });

  test('--output typescript: a program of the library\'s constructs on stdout, attached to --gateway or with generated PlatformGateways', async () => {
    const r = await run(['--output', 'typescript', '--gateway', 'infra/shared', path.join(FIXTURES, 'upstream-vhost.yaml')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('PlatformGateway.fromGatewayName(platform, "infra/shared"');
    expect(r.out).toContain('HttpRouteFilter.urlRewrite({ hostname: "internal.example.svc" })');
    const generated = await run(['--output', 'typescript', path.join(FIXTURES, 'upstream-vhost.yaml')]);
    expect(generated.code).toBe(0);
    expect(generated.out).toContain('new PlatformGateway(chartTeamA, "nginx"');
    expect(generated.out).toContain('Listener.http(');
    expect(generated.out).not.toContain('fromGatewayName');
  });

  test('--entrypoint declares Traefik entry points (TCP/UDP too); a malformed one is a usage error', async () => {
    const file = path.join(__dirname, 'fixtures', 'traefik', 'tcp-udp.yaml');
    const r = await run(['--entrypoint', 'postgres=5432', '--entrypoint', 'dns=53/udp', '--verify', file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('kind: TCPRoute');
    expect(r.out).toContain('kind: UDPRoute');
    expect(r.err).toContain('equivalence: 3 requests route the same');
    const unknown = await run([file]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('NOT       spec.entryPoints="postgres": entry point postgres is not known');
    const bad = await run(['--entrypoint', 'postgres:5432', file]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--entrypoint must be name=port');
  });

  test('--from traefik reads IngressRoutes', async () => {
    const r = await run(['--from', 'traefik', '--verify', path.join(__dirname, 'fixtures', 'traefik', 'traefikservice-weighted.yaml')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('NOT       spec.tls.certResolver="letsencrypt"');
    expect(r.out).toContain('weight: 9');
  });

  test('--from ingress: ingress-nginx annotations are reported as ignored', async () => {
    const r = await run(['--from', 'ingress', path.join(FIXTURES, 'app-root.yaml')]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('ignored   nginx.ingress.kubernetes.io/app-root="/app1": read as a plain Ingress (--from ingress)');
    expect(r.out).not.toContain('RequestRedirect');
  });
});
