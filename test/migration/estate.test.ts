/**
 * A generated estate (bench/ingress-estate.ts): 400 Ingresses of 50 teams, 80 of them with TLS (more listeners than
 * one Gateway may have), canaries, rewrites, CORS, timeouts, upstream-vhost, app-root and a never-converted annotation.
 */
import { generateIngresses } from '../../bench/ingress-estate';
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
