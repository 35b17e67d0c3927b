import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GatewayApiValidationPlugin, ValidationChannel } from '../../src/validation';

const ROOT = path.resolve(__dirname, '..', '..');
const CDK8S = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');

/** A cdk8s app (plain JavaScript) with one valid and one invalid HTTPRoute, plus a Service. */
const APP = `
const { App, Chart, ApiObject } = require(${JSON.stringify(path.join(ROOT, 'node_modules', 'cdk8s'))});
const app = new App();
const chart = new Chart(app, 'store', { namespace: 'store' });
new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'store' }, spec: { ports: [{ port: 8080 }] } });
new ApiObject(chart, 'good-route', {
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'good' },
  spec: { rules: [{ backendRefs: [{ name: 'store', port: 8080 }] }] },
});
new ApiObject(chart, 'bad-route', {
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'bad' },
  spec: { rules: [{ matches: [{ path: { type: 'PathPrefix', value: 'store' } }], backendRefs: [{ name: 'store' }] }] },
});
app.synth();
`;

/**
 * The plugin module cdk8s loads. In a project the \`package\` is the installed cdk8s-gateway-api; here it is a
 * shim that loads the plugin from the sources (the compiled lib/ may be stale while developing).
 */
const PLUGIN_SHIM = `
require(${JSON.stringify(path.join(ROOT, 'node_modules', 'ts-node'))}).register({ transpileOnly: true, project: ${JSON.stringify(path.join(ROOT, 'tsconfig.json'))} });
module.exports = require(${JSON.stringify(path.join(ROOT, 'src', 'validation', 'index.ts'))});
`;

function project(channel: string, app = APP): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gwapi-plugin-'));
  fs.writeFileSync(path.join(dir, 'app.js'), app);
  fs.writeFileSync(path.join(dir, 'plugin.js'), PLUGIN_SHIM);
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
    'language: typescript',
    'app: node app.js',
    'output: dist',
    'validations:',
    '  - package: ./plugin.js',
    '    version: 0.0.0',
    '    class: GatewayApiValidationPlugin',
    '    properties:',
    `      channel: ${channel}`,
    '',
  ].join('\n'));
  return dir;
}

function synth(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [CDK8S, 'synth', '--check-upgrade=false', ...args], {
    cwd: dir, encoding: 'utf-8', timeout: 60_000, env: { ...process.env, FORCE_COLOR: '0' },
  });
}

describe('cdk8s validation plugin', () => {
  test('cdk8s synth fails and reports the violations of an invalid HTTPRoute, with construct and field paths', () => {
    const dir = project('standard');
    try {
      const reportFile = path.join(dir, 'report.json');
      const r = synth(dir, '--validation-reports-output-file', reportFile);
      expect(r.status).toBe(2);
      const output = r.stdout + r.stderr;
      expect(output).toContain("HTTPRoute: value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']");
      expect(output).toContain('HTTPRoute: Must have port for Service reference');
      expect(output).toContain('Construct Path: store/bad-route');
      expect(output).toContain('> spec.rules[0].matches[0].path');
      const { reports: [report] } = JSON.parse(fs.readFileSync(reportFile, 'utf-8'));
      expect(report.summary).toMatchObject({
        status: 'failure',
        metadata: { 'gateway-api-version': 'v1.6.1', 'channel': 'standard', 'documents-validated': '2' },
      });
      expect(report.violations.map((v: any) => v.ruleName).sort()).toStrictEqual([
        'HTTPRoute: Must have port for Service reference',
        "HTTPRoute: value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']",
      ]);
      expect(report.violations[0].violatingConstructs[0]).toMatchObject({ resourceName: 'bad', constructPath: 'store/bad-route' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('cdk8s synth succeeds when the Gateway API objects are valid', () => {
    const dir = project('experimental', APP.replace(/new ApiObject\(chart, 'bad-route'[\s\S]*?\}\);\n/, ''));
    try {
      const r = synth(dir);
      expect(r.stdout + r.stderr).toContain('Validations ended succesfully');
      expect(r.status).toBe(0);
      expect(fs.readdirSync(path.join(dir, 'dist'))).toContain('store.k8s.yaml');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('GatewayApiValidationPlugin', () => {
  test('takes the channel from its properties', () => {
    expect(new GatewayApiValidationPlugin().channel).toBe(ValidationChannel.STANDARD);
    expect(new GatewayApiValidationPlugin({ channel: 'experimental' }).channel).toBe(ValidationChannel.EXPERIMENTAL);
  });

  test('fails if the channel property is unknown', () => {
    expect(() => new GatewayApiValidationPlugin({ channel: 'beta' })).toThrow(/invalid channel "beta" in the plugin properties: use standard or experimental/);
  });

  test('reports unreadable manifests and bad documents as violations', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gwapi-plugin-ctx-'));
    try {
      const file = path.join(dir, 'x.k8s.yaml');
      fs.writeFileSync(file, 'kind: [\n');
      const violations: any[] = [];
      let status = '';
      new GatewayApiValidationPlugin().validate({
        manifests: [file, path.join(dir, 'missing.k8s.yaml')],
        report: { addViolation: (v: any) => violations.push(v), submit: (s: string) => { status = s; } },
      });
      expect(status).toBe('failure');
      expect(violations.map((v) => v.ruleName)).toStrictEqual([
        expect.stringMatching(/^document: malformed YAML: /),
        'document: cannot read the file: no such file or directory',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
