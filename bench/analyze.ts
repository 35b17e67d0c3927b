/**
 * Attachment analysis at platform scale: `npx ts-node bench/analyze.ts`.
 *
 * Generates N HTTPRoutes over N/100 Gateways (2 listeners each, Selector namespaces, TLS Secrets), N/50 team
 * namespaces with Services, cross-namespace backends with ReferenceGrants, and a few duplicate matches (so the
 * overlap detection has work), then times GatewayApiAnalyzer.analyze() for 1k and 10k routes and prints the
 * 10k/1k ratio (linear: about 10).
 */
import { performance } from 'perf_hooks';
import { GatewayApiAnalyzer } from '../src/analysis';

const GW = 'gateway.networking.k8s.io';

export function generate(routes: number): any[] {
  const gateways = Math.max(1, Math.round(routes / 100));
  const teams = Math.max(2, Math.round(routes / 50));
  const out: any[] = [
    { apiVersion: `${GW}/v1`, kind: 'GatewayClass', metadata: { name: 'shared' }, spec: { controllerName: 'example.net/gateway' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'infra' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shared-services' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'auth', namespace: 'shared-services' }, spec: { ports: [{ port: 8080 }] } },
  ];
  for (let g = 0; g < gateways; g++) {
    out.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `cert-${g}`, namespace: 'infra' } });
    const allowedRoutes = { namespaces: { from: 'Selector', selector: { matchLabels: { 'gateway-access': 'true' } } } };
    out.push({
      apiVersion: `${GW}/v1`,
      kind: 'Gateway',
      metadata: { name: `gw-${g}`, namespace: 'infra' },
      spec: {
        gatewayClassName: 'shared',
        listeners: [
          { name: 'http', protocol: 'HTTP', port: 80, hostname: `*.zone${g}.example.com`, allowedRoutes },
          { name: 'https', protocol: 'HTTPS', port: 443, hostname: `*.zone${g}.example.com`, tls: { certificateRefs: [{ name: `cert-${g}` }] }, allowedRoutes },
        ],
      },
    });
  }
  for (let t = 0; t < teams; t++) {
    const ns = `team-${t}`;
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: t % 10 === 7 ? {} : { 'gateway-access': 'true' } } });
    out.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'app', namespace: ns }, spec: { ports: [{ port: 8080 }] } });
    out.push({
      apiVersion: `${GW}/v1beta1`,
      kind: 'ReferenceGrant',
      metadata: { name: `from-${ns}`, namespace: 'shared-services' },
      spec: { from: [{ group: GW, kind: 'HTTPRoute', namespace: ns }], to: [{ group: '', kind: 'Service', name: 'auth' }] },
    });
  }
  for (let r = 0; r < routes; r++) {
    const g = r % gateways;
    const ns = `team-${r % teams}`;
    // every 20th round over the Gateways reuses the hostnames of the previous round (same Gateway, another team):
    // 5% of the routes overlap, work for the overlap detection
    const dup = Math.floor(r / gateways) % 20 === 19;
    const host = `app${dup ? r - gateways : r}.zone${g}.example.com`;
    out.push({
      apiVersion: `${GW}/v1`,
      kind: 'HTTPRoute',
      metadata: { name: `route-${r}`, namespace: ns },
      spec: {
        parentRefs: [{ name: `gw-${g}`, namespace: 'infra', sectionName: r % 2 === 0 ? 'https' : undefined }],
        hostnames: [host],
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'app', port: 8080 }] },
          { matches: [{ path: { type: 'Exact', value: '/login' }, method: 'POST' }], backendRefs: [{ name: 'auth', namespace: 'shared-services', port: 8080 }] },
          { matches: [{ path: { type: 'PathPrefix', value: '/api' }, headers: [{ name: 'x-version', value: 'v2' }] }], backendRefs: [{ name: 'app', port: 8080 }] },
        ],
      },
    });
  }
  return JSON.parse(JSON.stringify(out)); // drop undefined fields like YAML would
}

function time(objects: any[], runs: number): { median: number; errors: number; warnings: number } {
  const analyzer = new GatewayApiAnalyzer();
  const times: number[] = [];
  let report = analyzer.analyze(objects);
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    report = analyzer.analyze(objects);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], errors: report.errors().length, warnings: report.warnings().length };
}

function main(): void {
  time(generate(500), 2); // warm-up (JIT)
  const results: Array<{ routes: number; objects: number; ms: number; errors: number; warnings: number }> = [];
  for (const routes of [1_000, 10_000]) {
    const objects = generate(routes);
    const t = time(objects, 5);
    results.push({ routes, objects: objects.length, ms: t.median, errors: t.errors, warnings: t.warnings });
  }
  for (const r of results) {
    console.log(`${String(r.routes).padStart(6)} routes / ${String(r.routes / 100).padStart(3)} gateways (${r.objects} objects): ${r.ms.toFixed(1)} ms median of 5 (${r.errors} errors, ${r.warnings} warnings)`);
  }
  console.log(`10k/1k ratio: ${(results[1].ms / results[0].ms).toFixed(2)} (linear = 10)`);
}

if (require.main === module) main();
