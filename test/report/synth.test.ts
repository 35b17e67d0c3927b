import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { ExamplesApp } from '../../examples/app';
import { GatewayApiAnalysis, GatewayApiReport, gatewayapi } from '../../src';
import { renderSvgs, renderSvgsSync } from '../../src/report/svg';

describe('GatewayApiReport.enable', () => {
  test('writes the HTML report of the App at synth (Graphviz in a child process), once per synth', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-synth-'));
    const file = path.join(dir, 'nested', 'gateway-api-report.html');
    const app = Testing.app();
    new ExamplesApp(app, 10);
    const report = GatewayApiReport.enable(app, { file, title: 'Examples' });
    expect(GatewayApiReport.enable(app)).toBe(report);
    expect(report.file).toBe(file);
    expect(fs.existsSync(file)).toBe(false);
    app.synth();
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('<title>Examples</title>');
    for (const name of ['shared-gateway', 'HTTPRoute store', 'HTTPRoute blog', 'listener https']) expect(html).toContain(name);
    // missing references are unknown at synth (the Secret comes from cert-manager): no findings
    expect(html).toContain('<h2 id="findings">Findings (0)</h2>');
    const mtime = fs.statSync(file).mtimeMs;
    fs.writeFileSync(file, 'stale');
    app.synth(); // the same synchronous run: cdk8s validates once per chart; the report is written once
    expect(fs.readFileSync(file, 'utf8')).toBe('stale');
    await new Promise((resolve) => setImmediate(resolve));
    app.synth();
    expect(fs.readFileSync(file, 'utf8')).toBe(html);
    expect(fs.statSync(file).mtimeMs).toBeGreaterThanOrEqual(mtime);
  }, 120000);

  test('the synchronous renderer (child process) draws what the in-process renderer draws, and reports Graphviz errors', async () => {
    const dot = 'digraph { a -> b [label="x"] }';
    expect(renderSvgsSync([dot])).toStrictEqual(await renderSvgs([dot]));
    expect(() => renderSvgsSync(['digraph { a -> }'])).toThrow(/Graphviz \(child process .*\) failed: .*syntax error/s);
  }, 60000);

  test('the report is written even when synth then fails on analysis errors, and shows why', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-synth-')), 'report.html');
    const app = Testing.app();
    new ExamplesApp(app, 10);
    const chart = new Chart(app, 'stray', { namespace: 'stray' });
    new gatewayapi.HttpRoute(chart, 'route', {
      metadata: { name: 'stray' },
      spec: { parentRefs: [{ name: 'shared-gateway', namespace: 'infra', sectionName: 'https' }], rules: [{}] },
    });
    GatewayApiAnalysis.enable(app);
    GatewayApiReport.enable(app, { file });
    expect(() => app.synth()).toThrow(/NotAllowedByListeners/);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('"code":"Accepted/NotAllowedByListeners"');
    expect(html).toContain('✖ HTTPRoute stray');
  }, 120000);

  test('the default file is dist/gateway-api-report.html', () => {
    const app = Testing.app();
    expect(GatewayApiReport.enable(app).file).toBe(path.join('dist', 'gateway-api-report.html'));
  });
});
