/**
 * DOT → SVG with Graphviz compiled to WebAssembly (`@viz-js/viz`), at report-generation time, in Node.
 *
 * `@viz-js/viz` only has an asynchronous start (`instance()`). The CLI awaits it; a synchronous caller (cdk8s synth,
 * jsii languages) uses `renderSvgsSync`, which runs the same renderer in a child Node process.
 */
import { execFileSync } from 'child_process';

/** Graphviz output turned into an element that can sit inside HTML: no XML prolog, doctype, comments or namespace URLs. */
export function inlineSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>\s*/g, '')
    .replace(/<!DOCTYPE[^>]*>\s*/g, '')
    .replace(/<!--[\s\S]*?-->\s*/g, '')
    .replace(/\s+xmlns(:xlink)?="[^"]*"/g, '')
    .replace(/\s+xlink:title="[^"]*"/g, '')
    // node and edge titles are the diagram ids (n12, n3->n4): no use as tooltips; the page styles the font
    .replace(/<title>[^<]*<\/title>\s*/g, '')
    .replace(/ font-family="[^"]*"/g, '')
    .trim();
}

/** Renders each DOT text to an inline SVG (in order). */
export async function renderSvgs(dots: string[]): Promise<string[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const viz = await (require('@viz-js/viz') as { instance(): Promise<{ renderString(dot: string, o: { format: string }): string }> }).instance();
  return dots.map((dot) => inlineSvg(viz.renderString(dot, { format: 'svg' })));
}

/** The child process of `renderSvgsSync`: reads a JSON array of DOT texts on stdin, writes a JSON array of SVGs. */
const CHILD = `
const viz = require(process.argv[1]);
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const dots = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  viz.instance().then((v) => {
    process.stdout.write(JSON.stringify(dots.map((d) => v.renderString(d, { format: 'svg' }))));
  }).catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
});
`;

/**
 * Renders each DOT text to an inline SVG, synchronously: one child Node process (`process.execPath`) runs Graphviz
 * for all of them. Throws with Graphviz' message when rendering fails.
 */
export function renderSvgsSync(dots: string[]): string[] {
  const vizPath = require.resolve('@viz-js/viz');
  let out: string;
  try {
    out = execFileSync(process.execPath, ['-e', CHILD, vizPath], {
      input: JSON.stringify(dots),
      maxBuffer: 1024 * 1024 * 1024,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`gateway-api report: Graphviz (child process ${process.execPath}) failed: ${err.stderr || err.message}`);
  }
  return (JSON.parse(out) as string[]).map(inlineSvg);
}
