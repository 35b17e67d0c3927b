#!/usr/bin/env node
/**
 * Regenerates docs/report-screenshot.png: the HTML report of the examples app (examples/app.ts) in headless Chromium
 * (/usr/bin/chromium, or $CHROMIUM), with the store route selected so the side panel shows its predicted status.
 * Usage: node scripts/report-screenshot.js   (also writes test-reports/report/examples-screenshot.html)
 */
const fs = require('fs');
const path = require('path');
require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
const { Testing } = require('cdk8s');
const { ExamplesApp } = require('../examples/app');
const { MissingReferencePolicy } = require('../src');
const { buildReportModel } = require('../src/report/model');
const { renderHtml } = require('../src/report/html');
const { chromium } = require('playwright-core');

async function main() {
  const root = path.resolve(__dirname, '..');
  const app = Testing.app();
  new ExamplesApp(app, 10);
  const model = buildReportModel(app.charts.flatMap((c) => c.toJson()), {
    missingReferences: MissingReferencePolicy.UNKNOWN,
    title: 'Examples app: Gateway API topology',
  });
  const html = await renderHtml(model);
  const file = path.join(root, 'test-reports', 'report', 'examples-screenshot.html');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, html);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 760 }, deviceScaleFactor: 2 });
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-ready="true"]');
    // select the store route (as a click on it would) and show the whole diagram
    await page.evaluate(() => document.querySelector('a.obj[data-obj="route:HTTPRoute:store/store"]').click());
    await page.waitForSelector('#status-yaml');
    await page.click('#zoom-fit');
    await page.evaluate(() => { window.scrollTo(0, 0); document.getElementById('panel').scrollTop = 0; });
    const out = path.join(root, 'docs', 'report-screenshot.png');
    await page.screenshot({ path: out });
    console.log(`wrote ${path.relative(root, out)}`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
