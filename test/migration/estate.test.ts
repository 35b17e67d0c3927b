/**
 * A generated estate (bench/ingress-estate.ts): 400 Ingresses of 50 teams, 80 of them with TLS (more listeners than
 * one Gateway may have), canaries, rewrites, CORS, timeouts, upstream-vhost, app-root and a never-converted annotation.
 */
import { App, Chart } from 'cdk8s';
import { generateIngresses } from '../../bench/ingress-estate';
import { IngressMigration } from '../../src';
import { migrateManifests } from '../../src/migration';
import { GatewayApiValidator } from '../../src/validation/validator';

const input = generateIngresses(400);
const result = migrateManifests(input);

test('a Gateway over 64 listeners is split, and the note says so', () => {
  const gateways = result.manifests.filter((m) => m.kind === 'Gateway');
  expect(gateways.map((g) => g.metadata.name)).toEqual(['nginx', 'nginx-2']);
  for (const g of gateways) expect(g.spec.listeners.length).toBeLessThanOrEqual(64);
  expect(result.model.notes.join('\n')).toContain('split into nginx, nginx-2');
});

test('every manifest validates clean', () => {
  const validator = new GatewayApiValidator();
  const errors = result.manifests.flatMap((m) => validator.validate(m).errors.map((e) => `${m.kind} ${m.metadata.namespace}/${m.metadata.name}: ${e.path}: ${e.message}`));
  expect(errors).toEqual([]);
});

test('every host and path routes as before; only limit-rps is not converted', () => {
  const { probes, differences } = result.verify();
  expect(probes).toBeGreaterThan(2000);
  expect(differences).toEqual([]);
  const notConverted = new Set(result.reports.flatMap((r) => r.items.filter((i) => i.status === 'not-converted').map((i) => i.key)));
  expect([...notConverted]).toEqual(['nginx.ingress.kubernetes.io/limit-rps']);
});

test('IngressMigration builds the whole estate (two split Gateways, 400 Ingresses) exactly as the YAML result', () => {
  const app = new App();
  const chart = new Chart(app, 'legacy');
  const migration = IngressMigration.fromManifests(chart, 'estate', input, { failOnNotConverted: false });
  expect(migration.gateways.map((g) => g.gatewayName)).toEqual(['nginx', 'nginx-2']);
  const key = (o: any): string => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`;
  const synthesized = new Map(app.charts.flatMap((c) => c.toJson()).map((o) => [key(o), o]));
  expect(synthesized.size).toBe(result.manifests.length);
  for (const m of result.manifests) expect(synthesized.get(key(m))).toEqual(m);
});
