/**
 * Measures the HTML report at platform scale: `npx ts-node --transpile-only bench/report.ts [routes] [--browser]`.
 * Builds the benchmark scenario (bench/scenario.ts) with plain L1 classes, then times the report model, the DOT of
 * every view, Graphviz (wasm) and the page assembly, and prints the file size. With `--browser`, opens the file in
 * headless Chromium (/usr/bin/chromium) and times load → interactive (the page script sets `data-ready`), a search
 * and a click on a route. Not part of `npm test`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { emitBaseline } from './baseline';
import { buildScenario } from './scenario';
import { assembleHtml, reportViews } from '../src/report/html';
import { buildReportModel } from '../src/report/model';
import { renderSvgs } from '../src/report/svg';

async function main(): Promise<void> {
  const routes = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10000);
  const browser = process.argv.includes('--browser');
  const app = Testing.app();
  emitBaseline(app, buildScenario({ routes, layout: 'persona' }));
  const manifests = app.charts.flatMap((c) => c.toJson());
  const times: Record<string, number> = {};
  let t = Date.now();
  const lap = (name: string) => {
    times[name] = Date.now() - t;
    t = Date.now();
  };
  const model = buildReportModel(manifests, { missingReferences: 'unknown' as any });
  lap('model (analysis + validation)');
  const { views, graphs, dots } = reportViews(model);
  lap(`graphs + DOT (${views.length} views)`);
  const svgs = await renderSvgs(dots);
  lap('Graphviz wasm');
  const html = assembleHtml(model, views, graphs, svgs);
  lap('page');
  const file = path.resolve('test-reports', `report-${routes}.html`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, html);
  const total = Object.values(times).reduce((a, b) => a + b, 0);
  console.log(`${routes} routes, ${manifests.length} manifests: ${(html.length / 1e6).toFixed(1)} MB (${html.length} bytes) -> ${file}`);
  for (const [k, v] of Object.entries(times)) console.log(`  ${k}: ${v} ms`);
  console.log(`  generation total: ${total} ms`);
  if (!browser) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
  const { chromium } = require('playwright-core');
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await b.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e: Error) => errors.push(e.message));
    page.on('console', (m: any) => { if (m.type() === 'error') errors.push(m.text()); });
    const start = Date.now();
    await page.goto('file://' + file);
    const loaded = Date.now() - start;
    await page.waitForSelector('body[data-ready]', { timeout: 120000 });
    const ready = Date.now() - start;
    const s = Date.now();
    await page.fill('#search', 'app5.');
    await page.waitForSelector('#results a.obj');
    const searched = Date.now() - s;
    const c = Date.now();
    await page.click('#results a.obj');
    await page.waitForSelector('#status-yaml');
    const clicked = Date.now() - c;
    await page.screenshot({ path: path.resolve('test-reports', `report-${routes}.png`) });
    console.log(`  Chromium: load event ${loaded} ms, interactive ${ready} ms, search ${searched} ms, click to status ${clicked} ms, errors: ${errors.length ? errors.join('; ') : 'none'}`);
  } finally {
    await b.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
