import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  Backend, CertificateRef, CertManagerIssuer, GatewayApiAnalysis, GatewayApiAnalyzer, Listener, MissingReferencePolicy,
  PathMatch, PlatformGateway, RouteNamespaces, TeamRoute,
} from '../../src';
import { runCli } from '../../src/cli/cli';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

/** A platform Gateway on a class installed with the controller, with cert-manager certificates, and a team route. */
function buildApp(outdir: string, analysis: { completeNamespaces?: string[] } = {}): App {
  const app = new App({ outdir });
  const namespaces = new Chart(app, 'namespaces');
  new kplus.Namespace(namespaces, 'store', { metadata: { name: 'store', labels: { 'gateway-access': 'true' } } });
  const infra = new Chart(app, 'infra', { namespace: 'infra' });
  const gateway = new PlatformGateway(infra, 'gateway', {
    metadata: { name: 'shared' },
    gatewayClassName: 'envoy',
    listeners: [Listener.https({
      hostname: '*.example.com',
      certificateRefs: [CertificateRef.fromName('wildcard-example-com')],
      allowedRoutes: { namespaces: RouteNamespaces.withLabels({ 'gateway-access': 'true' }) },
    })],
    certManager: CertManagerIssuer.clusterIssuer('letsencrypt'),
  });
  const store = new Chart(app, 'store', { namespace: 'store' });
  const web = new kplus.Service(store, 'web', { metadata: { name: 'web' }, ports: [{ port: 8080 }] });
  const route = new TeamRoute(store, 'api', { metadata: { name: 'store-api' }, hostnames: ['store.example.com'] });
  route.attachTo(gateway, { sectionName: 'https' });
  route.addRule({ matches: [{ path: PathMatch.prefix('/') }] }).addBackend(Backend.fromService(web));
  GatewayApiAnalysis.enable(app, analysis);
  return app;
}

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gwapi-agree-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('analyze on the synthesized output agrees with analysis at synth', () => {
  test('a cert-manager Gateway on a platform GatewayClass: synth passes, and validate and analyze exit 0 on dist/', async () => {
    const dist = path.join(dir, 'dist');
    // strict at synth for the Gateway's namespace: the certificate Secret must exist, and does (cert-manager makes it)
    const app = buildApp(dist, { completeNamespaces: ['infra', 'store'] });
    app.synth();
    expect(GatewayApiAnalysis.enable(app).lastReport?.findings).toStrictEqual([]);
    fs.writeFileSync(path.join(dist, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources: {} }));

    const analyzed = await cli(['analyze', '-o', 'table', dist]);
    expect(analyzed.code).toBe(0);
    expect(analyzed.stdout).toContain('0 error(s), 0 warning(s).');
    expect(analyzed.stdout).toMatch(/HTTPRoute\/store\/store-api\s+Gateway\/infra\/shared#https\s+True\s+True\s+Accepted/);
    // the GatewayClass installed with the controller: one actionable line, not an error
    expect(analyzed.stderr).toBe('cdk8s-gateway-api analyze: note: GatewayClass "envoy" (of Gateway infra/shared) is not in the input; ' +
      'it is assumed to be installed in the cluster. Pass --external GatewayClass/envoy to declare it, or add its manifest to the input.\n');
    const declared = await cli(['analyze', '-o', 'table', '--external', 'GatewayClass/envoy', dist]);
    expect(declared.code).toBe(0);
    expect(declared.stderr).toBe('');

    const validated = await cli(['validate', dist]);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain('construct-metadata.json#0: skipped (not a Kubernetes manifest');
  });

  test('the certificate Secret counts as existing only where cert-manager creates it', () => {
    const gateway = (annotations: Record<string, string>, listener: any) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'infra', annotations },
      spec: { gatewayClassName: 'envoy', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', hostname: 'a.example.com', tls: { certificateRefs: [{ name: 'cert' }] }, ...listener }] },
    });
    const reasons = (objects: any[]) => new GatewayApiAnalyzer().analyze(objects, {
      missingReferences: MissingReferencePolicy.ERROR,
      externalObjects: [{ group: 'gateway.networking.k8s.io', kind: 'GatewayClass', name: 'envoy' }],
    }).findings.map((f) => `${f.reason}: ${f.message}`);
    const missing = 'InvalidCertificateRef: listener "https" of Gateway infra/gw (HTTPS port 443, hostname a.example.com): certificateRef Secret infra/cert does not exist.';
    expect(reasons([gateway({ 'cert-manager.io/cluster-issuer': 'letsencrypt' }, {})])).toStrictEqual([]);
    expect(reasons([gateway({ 'cert-manager.io/issuer': 'local-ca' }, {})])).toStrictEqual([]);
    // fails if the Gateway has no issuer annotation, or cert-manager would not issue for the listener
    expect(reasons([gateway({}, {})])).toStrictEqual([missing]);
    expect(reasons([gateway({ 'cert-manager.io/cluster-issuer': 'letsencrypt' }, { hostname: undefined })]))
      .toStrictEqual([missing.replace('hostname a.example.com', 'hostname (any)')]);
  });

  test('the summary shows each finding with its message and fix, route findings included', async () => {
    const dist = path.join(dir, 'broken');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'route.yaml'), [
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: HTTPRoute',
      'metadata: {name: orphan, namespace: store}',
      'spec:',
      '  parentRefs: [{name: shared, namespace: infra}]',
      '  rules: [{backendRefs: [{name: web, port: 8080}]}]',
      '',
    ].join('\n'));
    const r = await cli(['analyze', '-o', 'table', dist]);
    expect(r.code).toBe(1);
    const findings = r.stdout.slice(r.stdout.indexOf('FINDINGS\n'));
    expect(findings).toMatch(/^FINDINGS\nerror {4}HTTPRoute\/store\/orphan -> Gateway\/infra\/shared: Accepted NoMatchingParent\n {9}\S.*\n {9}fix: \S/);
    expect(findings.endsWith('\n1 error(s), 0 warning(s).\n')).toBe(true);
  });
});
