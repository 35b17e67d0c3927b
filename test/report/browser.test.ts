/**
 * The HTML report as a person uses it, in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
 * every Gateway, listener and route drawn; search highlights; click shows the predicted status; no console errors,
 * no network requests. Screenshots go to test-reports/report/ (not committed).
 * Outside CI the suite is skipped when Chromium is not installed; in CI (`.ci/run` installs it) it must run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { emitBaseline } from '../../bench/baseline';
import { buildScenario } from '../../bench/scenario';
import { ExamplesApp } from '../../examples/app';
import { MissingReferencePolicy } from '../../src';
import { diagramKeys } from '../../src/report/graph';
import { renderHtml } from '../../src/report/html';
import { buildReportModel, ReportModel } from '../../src/report/model';

const CHROMIUM = '/usr/bin/chromium';
const OUT = path.resolve(__dirname, '..', '..', 'test-reports', 'report');
const haveChromium = fs.existsSync(CHROMIUM);
const suite = haveChromium || process.env.CI ? describe : describe.skip;

async function write(model: ReportModel, name: string): Promise<string> {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, name);
  fs.writeFileSync(file, await renderHtml(model));
  return file;
}

suite('HTML report in headless Chromium', () => {
  let browser: any;
  beforeAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60000);
  afterAll(async () => browser?.close());

  /** Opens `file` and records console errors, page errors and every request. */
  async function open(file: string) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m: any) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e: Error) => errors.push(e.message));
    page.on('request', (r: any) => requests.push(r.url()));
    const started = Date.now();
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    return { page, errors, requests, readyMs: Date.now() - started };
  }

  test('the examples app: diagram, search, status on click; no console errors, no requests', async () => {
    const app = Testing.app();
    new ExamplesApp(app, 10);
    const model = buildReportModel(app.charts.flatMap((c) => c.toJson()), { missingReferences: MissingReferencePolicy.UNKNOWN, title: 'Examples app' });
    const file = await write(model, 'examples.html');
    const { page, errors, requests } = await open(file);
    const keys = diagramKeys(model);

    // every Gateway, listener and route is a node of the diagram, labelled with its name
    const expected = [
      ...model.gateways.map((g) => [keys.get(g.id)!, `Gateway ${g.name}`]),
      ...model.gateways.flatMap((g) => g.listeners.map((l) => [keys.get(l.id)!, `listener ${l.name}`])),
      ...model.routes.map((r) => [keys.get(r.id)!, `${r.kind} ${r.name}`]),
    ];
    expect(expected.length).toBe(1 + 2 + 3);
    for (const [key, text] of expected) {
      expect(await page.locator(`#diagram svg g.node#${key}`).textContent()).toContain(text);
    }

    // searching a hostname highlights its route (and only the objects that match)
    const store = keys.get('route:HTTPRoute:store/store')!;
    const blog = keys.get('route:HTTPRoute:blog/blog')!;
    await page.fill('#search', 'store.example.com');
    expect(await page.getAttribute(`#${store}`, 'class')).toContain('hit');
    expect(await page.getAttribute(`#${blog}`, 'class')).not.toContain('hit');
    expect(await page.textContent('#matches')).toBe('1 match(es), 1 in this view');
    await page.screenshot({ path: path.join(OUT, 'examples-search.png') });
    await page.fill('#search', '');
    expect(await page.getAttribute(`#${store}`, 'class')).not.toContain('hit');

    // clicking a route shows its predicted status
    await page.click(`#${store}`);
    const status = await page.textContent('#status-yaml');
    expect(status).toContain('status:\n  parents:\n    - parentRef:');
    expect(status).toContain('sectionName: https');
    expect(status).toMatch(/- type: Accepted\n\s+status: "True"\n\s+reason: Accepted/);
    expect(await page.textContent('#details h2')).toBe('HTTPRoute store/store');
    expect(await page.getAttribute(`#${store}`, 'class')).toContain('selected');

    // the routing table of the HTTPS listener lists the canary split
    expect(await page.textContent('#routing-tables')).toContain('store-v1:8080 90%');
    await page.screenshot({ path: path.join(OUT, 'examples.png') });

    expect(errors).toStrictEqual([]);
    expect(requests).toStrictEqual([`file://${file}`]);
    await page.close();
  }, 120000);

  test('a findings link selects its object; a not-accepted route is red with its reason', async () => {
    const app = Testing.app();
    new ExamplesApp(app, 10);
    const objs = app.charts.flatMap((c) => c.toJson()).filter((o) => !(o.kind === 'ReferenceGrant'));
    const model = buildReportModel(objs, { missingReferences: MissingReferencePolicy.UNKNOWN });
    const file = await write(model, 'examples-no-grant.html');
    const { page, errors } = await open(file);
    const store = diagramKeys(model).get('route:HTTPRoute:store/store')!;
    expect(await page.getAttribute(`#${store}`, 'class')).toContain('st-error');
    await page.click('#findings-body a.obj');
    expect(await page.textContent('#details h2')).toBe('HTTPRoute store/store');
    expect(await page.textContent('#details')).toContain('RefNotPermitted');
    expect(errors).toStrictEqual([]);
    await page.close();
  }, 120000);

  test('a large app: per-Gateway views with a selector, groups, search across views', async () => {
    const app = Testing.app();
    emitBaseline(app, buildScenario({ routes: 300, gateways: 3, namespaces: 6, layout: 'persona' }));
    const model = buildReportModel(app.charts.flatMap((c) => c.toJson()), { missingReferences: MissingReferencePolicy.UNKNOWN });
    const file = await write(model, 'large.html');
    const { page, errors, requests, readyMs } = await open(file);
    expect(readyMs).toBeLessThan(15000);
    expect(await page.locator('#view option').allTextContents()).toStrictEqual([
      'Overview (3 Gateways, 300 routes)', 'Gateway infra-0/gw-0 (100 routes)', 'Gateway infra-1/gw-1 (100 routes)', 'Gateway infra-2/gw-2 (100 routes)',
    ]);
    expect(await page.locator('#diagram g.node.group').count()).toBeGreaterThan(0);
    await page.fill('#search', 'route-7');
    await page.click('#results a.obj[data-obj="route:HTTPRoute:team-001/route-7"]');
    expect(await page.inputValue('#view')).toBe('2');
    expect(await page.textContent('#details h2')).toBe('HTTPRoute team-001/route-7');
    expect(await page.textContent('#status-yaml')).toContain('name: gw-1');
    expect(await page.locator('#diagram g.node.selected').count()).toBe(1);
    await page.selectOption('#view', '3');
    expect(await page.locator('#routing-tables details').count()).toBe(4);
    expect(errors).toStrictEqual([]);
    expect(requests).toStrictEqual([`file://${file}`]);
    await page.close();
  }, 180000);
});
