import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { allReports, claimOf, ClaimStatus, reportedFeatures } from '../../src/features/catalogue';
import { CONTROLLERS } from '../../src/features/controllers';
import { Implementation } from '../../src/features/implementation';
import { renderImplementationsDoc } from '../../src/features/matrix';

const ROOT = path.join(__dirname, '..', '..');
const DOC = path.join(ROOT, 'docs', 'implementations.md');
const REPORTS = path.join(ROOT, '..', 'shared', 'gateway-api-v1.6.1', 'conformance-reports');

function replaceSection(text: string, name: string, body: string): string {
  const re = new RegExp(`(<!-- ${name}:begin[^>]*-->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!re.test(text)) throw new Error(`docs/implementations.md has no ${name} markers`);
  return text.replace(re, (_, begin, end) => `${begin}${body}\n${end}`);
}

describe('docs/implementations.md', () => {
  test('the generated sections are current', () => {
    const current = fs.readFileSync(DOC, 'utf8');
    const sections = renderImplementationsDoc();
    let expected = current;
    for (const [name, body] of Object.entries(sections)) expected = replaceSection(expected, name, body);
    if (process.env.UPDATE_IMPLEMENTATIONS_DOC) fs.writeFileSync(DOC, expected);
    else expect(current).toBe(expected);
  });

  test('every controller name is in the doc with its source', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    for (const c of CONTROLLERS) {
      expect(doc).toContain(`\`${c.controllerName}\``);
      if (c.source.startsWith('https://')) expect(doc).toContain(c.source);
    }
  });
});

describe('the catalogue', () => {
  const haveReports = fs.existsSync(REPORTS);
  (haveReports ? test : test.skip)('regenerating it from the reports reproduces the committed file, with every report', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-')), 'catalogue-data.json');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-feature-catalogue.js')], {
      env: { ...process.env, GATEWAY_API_CATALOGUE_OUT: out }, stdio: 'pipe',
    });
    expect(fs.readFileSync(out, 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'src', 'features', 'catalogue-data.json'), 'utf8'));
    const files = execFileSync('find', [REPORTS, '-name', '*.yaml']).toString().trim().split('\n')
      .map((f) => path.relative(REPORTS, f)).sort();
    expect(allReports().map((r) => r.file).sort()).toEqual(files);
  });

  test('a missing reports folder fails the script with a message naming the variable', () => {
    expect(() => execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-feature-catalogue.js')], {
      env: { ...process.env, GATEWAY_API_REPORTS_DIR: '/nonexistent', GATEWAY_API_CATALOGUE_OUT: '/dev/null' }, stdio: 'pipe',
    })).toThrow(/GATEWAY_API_REPORTS_DIR/);
  });

  // facts read from the report files themselves
  test('known facts of the reports', () => {
    const report = (file: string) => allReports().find((r) => r.file === file)!;
    const traefik37 = report('v1.5/traefik-traefik/experimental-v3.7.0-default-report.yaml');
    expect(claimOf(traefik37, 'HTTPRoutePortRedirect')).toBe(ClaimStatus.SUPPORTED);
    expect(claimOf(traefik37, 'HTTPRouteRequestMirror')).toBe(ClaimStatus.NOT_CLAIMED);
    expect(claimOf(traefik37, 'TLSRouteModeTerminate')).toBe(ClaimStatus.SUPPORTED);
    expect(traefik37).toMatchObject({ version: 'v3.7', gatewayAPIVersion: 'v1.5.1', channel: 'experimental', date: '2026-03-20T09:49:42+01:00' });
    // Traefik v3.6 ran GATEWAY-GRPC (core only): GRPCRoute claimed; no mesh profile: Mesh not claimed
    const traefik36 = report('v1.4.0/traefik-traefik/experimental-v3.6.0-default-report.yaml');
    expect(claimOf(traefik36, 'GRPCRoute')).toBe(ClaimStatus.SUPPORTED);
    expect(claimOf(traefik36, 'Mesh')).toBe(ClaimStatus.NOT_CLAIMED);
    // Istio 1.28 ran MESH-HTTP; GKE 1.35 ran only GATEWAY-HTTP (no TLSRoute)
    expect(Implementation.named('istio').supportOf('Mesh')).toBe('supported');
    expect(Implementation.named('gke-gateway').supportOf('TLSRoute')).toBe('not-claimed');
    expect(Implementation.named('gke-gateway').report.version).toBe('1.35.2-gke.1751000');
    // the cilium v1.4.0 report starts with editor debris ("<Right>apiVersion") and is still read
    expect(report('v1.4.0/cilium/experimental-v1.19.0-pre.2-default-report.yaml').gatewayAPIVersion).toBe('v1.4.0');
    expect(reportedFeatures()).toHaveLength(46);
    expect(claimOf(traefik37, 'TCPRoute')).toBe(ClaimStatus.UNKNOWN);
  });
});
