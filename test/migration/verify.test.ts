/**
 * `--verify` finds what a wrong result would change: each test removes one part of a correct result and checks that
 * the equivalence lists a difference with the request that shows it.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { migrateManifests } from '../../src/migration';
import { verifyMigration } from '../../src/migration/verify';

function load(file: string): { objects: any[]; options: any } {
  const text = fs.readFileSync(path.join(__dirname, 'fixtures', file), 'utf8');
  const m = /^# options: (.*)$/m.exec(text);
  return { objects: (yaml.loadAll(text) as any[]).filter((o) => o), options: m ? JSON.parse(m[1]) : {} };
}

/** The differences after `tamper` changed a copy of the correct result. */
function differencesAfter(file: string, tamper: (manifests: any[]) => any[]): { request: string; expected: string; actual: string }[] {
  const { objects, options } = load(file);
  const result = migrateManifests(objects, options);
  expect(result.verify().differences).toEqual([]);
  const copy = JSON.parse(JSON.stringify(result.manifests));
  return verifyMigration(result.model, tamper(copy), objects).differences;
}

const rules = (ms: any[], kind = 'HTTPRoute'): any[] => ms.filter((m) => m.kind === kind).flatMap((m) => m.spec.rules);

test('a lost request header change shows, with the request that carries the removed header', () => {
  const d = differencesAfter('traefik/headers-cors.yaml', (ms) => {
    for (const r of rules(ms)) r.filters = r.filters.filter((f: any) => f.type !== 'RequestHeaderModifier');
    return ms;
  });
  expect(d.length).toBeGreaterThan(0);
  expect(d[0].request).toContain("-H 'X-Debug: probe'");
  expect(d[0].expected).toContain('request headers x-debug removed, x-gateway: traefik');
  expect(d[0].actual).not.toContain('request headers');
});

test('a lost response header change shows', () => {
  const d = differencesAfter('traefik/headers-cors.yaml', (ms) => {
    for (const r of rules(ms)) r.filters = r.filters.filter((f: any) => f.type !== 'ResponseHeaderModifier');
    return ms;
  });
  expect(d[0].request).toContain('(the backend answers with Server)');
  expect(d[0].expected).toContain('response headers server removed, x-served-by: shop');
});

test('a lost or wider CORS filter shows, with the Origin of the request', () => {
  const lost = differencesAfter('traefik/headers-cors.yaml', (ms) => {
    for (const r of rules(ms)) r.filters = r.filters.filter((f: any) => f.type !== 'CORS');
    return ms;
  });
  expect(lost.map((x) => x.request).join('\n')).toContain("-H 'Origin: https://app.example.com'");
  expect(lost[0].expected).toContain('CORS allows https://app.example.com with credentials');
  const wider = differencesAfter('traefik/headers-cors.yaml', (ms) => {
    for (const r of rules(ms)) for (const f of r.filters) if (f.type === 'CORS') f.cors.allowOrigins = ['*'];
    return ms;
  });
  expect(wider.map((x) => x.request).join('\n')).toContain("-H 'Origin: https://refused.example'");
});

test('lost timeouts show', () => {
  const d = differencesAfter('nginx/timeouts.yaml', (ms) => {
    for (const r of rules(ms)) delete r.timeouts;
    return ms;
  });
  expect(d.length).toBeGreaterThan(0);
  expect(d[0].expected).toMatch(/timeouts backendRequest \d+[hms]/);
});

test('a lost BackendTLSPolicy shows', () => {
  const d = differencesAfter('nginx/backend-protocol-https.yaml', (ms) => ms.filter((m) => m.kind !== 'BackendTLSPolicy'));
  expect(d.length).toBeGreaterThan(0);
  expect(d[0].expected).toContain('TLS to the backend with SNI');
});

test('Traefik Method/Header/Query matchers are probed with matching and non-matching requests', () => {
  const noMethod = differencesAfter('traefik/matchers.yaml', (ms) => {
    for (const r of rules(ms)) for (const m of r.matches ?? []) delete m.method;
    return ms;
  });
  expect(noMethod.map((x) => x.request).join('\n')).toMatch(/^GET http:\/\/orders\.example\.com\/orders\/ -H 'X-Api-Version: 2'$/m);
  const noQuery = differencesAfter('traefik/matchers.yaml', (ms) => {
    for (const r of rules(ms)) for (const m of r.matches ?? []) delete m.queryParams;
    return ms;
  });
  expect(noQuery.length).toBeGreaterThan(0);
  expect(noQuery[0].expected).toContain('shop/orders:80');
  const noHeader = differencesAfter('traefik/matchers.yaml', (ms) => {
    for (const r of rules(ms)) for (const m of r.matches ?? []) delete m.headers;
    return ms;
  });
  expect(noHeader.map((x) => x.request).join('\n')).toContain('GET http://orders.example.com/search/');
});

test('TCP and UDP routes are probed by port', () => {
  const d = differencesAfter('traefik/tcp-udp.yaml', (ms) => ms.filter((m) => m.kind !== 'UDPRoute'));
  expect(d).toEqual([expect.objectContaining({ request: 'UDP connection to port 53', actual: 'no route (404)' })]);
});
