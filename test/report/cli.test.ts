import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { topology } from './fixture';
import { createReportCommand } from '../../src/cli/report';

async function run(argv: string[], stdin?: string): Promise<{ code: number | undefined; out: string; err: string }> {
  let out = '';
  let err = '';
  let code: number | undefined;
  const cmd = createReportCommand({ stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readStdin: () => stdin ?? '' }, (c) => { code = c; });
  cmd.exitOverride();
  try {
    await cmd.parseAsync(argv, { from: 'user' });
  } catch (e) {
    code = (e as { exitCode?: number }).exitCode;
  }
  return { code, out, err };
}

describe('cdk8s-gateway-api report', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-cli-'));
  const input = path.join(dir, 'app.yaml');
  fs.writeFileSync(input, topology().map((o) => YAML.stringify(o)).join('---\n'));

  test('--format mermaid and dot write to stdout, the same bytes as the library', async () => {
    const m = await run(['--format', 'mermaid', input]);
    expect(m.code).toBe(0);
    expect(m.out).toMatch(/^---\ntitle: "Gateway API topology"\n---\nflowchart LR\n/);
    expect(m.out).toContain('HTTPRoute shop');
    const d = await run(['--format', 'dot', '--gateway', 'infra/edge', '--detail', 'routes', '-'], fs.readFileSync(input, 'utf8'));
    expect(d.code).toBe(0);
    expect(d.out.startsWith('digraph gatewayapi {')).toBe(true);
    expect(d.out).not.toContain('rule 0');
    expect((await run(['--format', 'dot', input])).out).toBe((await run(['--format', 'dot', input])).out);
  });

  test('html (the default) writes one self-contained file to -o', async () => {
    const file = path.join(dir, 'out', 'report.html');
    const r = await run(['-o', file, '--title', 'Shop <edge>', input]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/wrote .*report.html \(\d+ bytes\)/);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; script-src \'unsafe-inline\'; img-src data:">');
    expect(html).toContain('<title>Shop &lt;edge&gt;</title>');
    expect(html).toMatch(/\\u003csvg width=\\"[\d.]+pt\\"/); // in the page data (JSON, < escaped)
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<(link|img|iframe)\b|\bsrc=/);
  }, 60000);

  test('fails with exit 2 and writes nothing for unreadable input, an unknown Gateway or a bad format', async () => {
    const file = path.join(dir, 'never.html');
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'a: [');
    const r1 = await run(['-o', file, bad]);
    expect(r1.code).toBe(2);
    expect(r1.err).toContain(`cannot read ${bad}`);
    const r2 = await run(['--format', 'mermaid', '--gateway', 'x/y', input]);
    expect(r2.code).toBe(2);
    expect(r2.out).toBe('');
    expect(r2.err).toContain('no Gateway "x/y" in the input (Gateways: infra/edge)');
    const r3 = await run(['--format', 'svg', input]);
    expect(r3.code).not.toBe(0);
    expect(r3.err).toContain("argument 'svg' is invalid. Allowed choices are html, mermaid, dot");
    const r4 = await run(['-o', file, '--gateway', 'infra/edge', input]);
    expect(r4.code).toBe(2);
    expect(r4.err).toContain('--gateway and --detail apply to --format mermaid|dot');
    expect(fs.existsSync(file)).toBe(false);
  });
});
