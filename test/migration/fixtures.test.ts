/**
 * Every fixture under test/migration/fixtures (written from the ingress-nginx annotation docs): the YAML result and
 * the report are snapshotted, every manifest validates clean against the v1.6.1 CRDs, and the routing-simulator
 * equivalence holds, or shows exactly the differences the fixture declares.
 *
 * A fixture declares its expectations in leading comments:
 *   # expect-not-converted: <full annotation name or field>   (repeatable; none: the migration is complete)
 *   # expect-differences: <n>                                 (default 0)
 *   # options: {"gateway": {"namespace": "infra", "name": "shared"}}
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { formatMigrationReport, migrateManifests } from '../../src/migration';
import { NGINX_MAPPED, NGINX_NEVER, NGINX_PREFIX } from '../../src/migration/nginx-annotations';
import { ValidationChannel } from '../../src/validation/types';
import { GatewayApiValidator } from '../../src/validation/validator';

const DIR = path.join(__dirname, 'fixtures');

function fixtures(): string[] {
  const out: string[] = [];
  for (const sub of fs.readdirSync(DIR).sort()) {
    const d = path.join(DIR, sub);
    if (!fs.statSync(d).isDirectory()) continue;
    for (const f of fs.readdirSync(d).sort()) if (f.endsWith('.yaml')) out.push(`${sub}/${f}`);
  }
  return out;
}

function header(text: string, key: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = new RegExp(`^#\\s*${key}:\\s*(.+)$`).exec(line.trim());
    if (m) out.push(m[1].trim());
  }
  return out;
}

const standard = new GatewayApiValidator();
const experimental = new GatewayApiValidator({ channel: ValidationChannel.EXPERIMENTAL });

describe.each(fixtures())('%s', (file) => {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const objects = (yaml.loadAll(text) as any[]).filter((o) => o);
  const options = header(text, 'options').reduce((acc, o) => ({ ...acc, ...JSON.parse(o) }), {});
  const result = migrateManifests(objects, options);
  const { probes, differences } = result.verify();

  test('YAML and report snapshot', () => {
    expect(result.manifests.map((m) => yaml.dump(m, { noRefs: true, sortKeys: false })).join('---\n')).toMatchSnapshot();
    expect(formatMigrationReport(result, differences, probes)).toMatchSnapshot();
  });

  test('validates clean against the CRDs', () => {
    const validator = result.experimental ? experimental : standard;
    const errors = result.manifests.flatMap((m) => validator.validate(m).errors.map((e) => `${m.kind} ${m.metadata.name}: ${e.path}: ${e.message}`));
    expect(errors).toEqual([]);
  });

  test('reports exactly the declared not-converted items', () => {
    const declared = header(text, 'expect-not-converted').sort();
    const notConverted = [...new Set(result.reports.flatMap((r) => r.items.filter((i) => i.status === 'not-converted').map((i) => i.key)))].sort();
    expect(notConverted).toEqual(declared);
    expect(result.complete).toBe(declared.length === 0);
  });

  test('routes like the source (routing simulator)', () => {
    expect(probes).toBeGreaterThan(0);
    const declared = Number(header(text, 'expect-differences')[0] ?? '0');
    if (differences.length !== declared) {
      throw new Error(`expected ${declared} differences, got ${differences.length}:\n${differences.map((d) => `${d.request}: expected ${d.expected}, got ${d.actual}`).join('\n')}`);
    }
  });
});

test('the fixtures cover every mapped and every never-converted ingress-nginx annotation', () => {
  const text = fixtures().map((f) => fs.readFileSync(path.join(DIR, f), 'utf8')).join('\n');
  const missing = [...NGINX_MAPPED, ...Object.keys(NGINX_NEVER)].filter((a) => !text.includes(`${NGINX_PREFIX}${a}:`));
  expect(missing).toEqual([]);
});

test('the fixtures cover every Traefik middleware with a standard equivalent, ExtensionRef ones, and the route kinds', () => {
  const objects = fixtures().filter((f) => f.startsWith('traefik/')).flatMap((f) => (yaml.loadAll(fs.readFileSync(path.join(DIR, f), 'utf8')) as any[]).filter((o) => o));
  const middlewares = new Set(objects.filter((o) => o.kind === 'Middleware').map((o) => Object.keys(o.spec)[0]));
  for (const m of ['redirectScheme', 'stripPrefix', 'replacePath', 'addPrefix', 'headers', 'forwardAuth', 'rateLimit', 'ipAllowList', 'basicAuth']) expect(middlewares).toContain(m);
  const kinds = new Set(objects.map((o) => o.kind));
  for (const k of ['IngressRoute', 'IngressRouteTCP', 'IngressRouteUDP', 'TraefikService', 'Ingress']) expect(kinds).toContain(k);
  const annotations = new Set(objects.flatMap((o) => Object.keys(o.metadata?.annotations ?? {})));
  for (const a of ['router.entrypoints', 'router.tls', 'router.middlewares', 'router.priority']) expect(annotations).toContain(`traefik.ingress.kubernetes.io/${a}`);
});
