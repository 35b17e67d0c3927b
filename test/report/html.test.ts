import { topology } from './fixture';
import { REPORT_CSP, renderHtml } from '../../src/report/html';
import { buildReportModel } from '../../src/report/model';

describe('HTML report', () => {
  test('hostile text from the manifests cannot close the data script or inject markup', async () => {
    const objs = topology().map((o) => (o.metadata?.name === 'shop'
      ? { ...o, spec: { ...o.spec, rules: [{ matches: [{ headers: [{ name: 'x', value: '</script><img src=x onerror=alert(1)> http://evil.example' }] }], backendRefs: [{ name: 'cart-v1', port: 80 }] }] } }
      : o));
    const html = await renderHtml(buildReportModel(objs, { title: '<b>"Team" & co</b>' }));
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).toContain('<title>&lt;b&gt;&quot;Team&quot; &amp; co&lt;/b&gt;</title>');
    // the header value is in the page data and in the SVG, escaped
    expect(html).toContain('\\u003c/script>\\u003cimg src=x onerror=alert(1)> http://evil.example');
    expect(html).toContain(`content="${REPORT_CSP}"`);
  }, 60000);

  test('Graphviz draws backslashes and quotes of the manifests literally', async () => {
    const objs = topology().map((o) => (o.metadata?.name === 'shop'
      ? { ...o, spec: { ...o.spec, rules: [{ matches: [{ headers: [{ name: 'x', type: 'RegularExpression', value: '\\N"\\l\\d+' }] }], backendRefs: [{ name: 'cart-v1', port: 80 }] }] } }
      : o));
    const html = await renderHtml(buildReportModel(objs));
    // in the SVG (inside the page data, as JSON): header x~\N"\l\d+
    expect(html).toContain('header x~\\\\N&quot;\\\\l\\\\d+');
  }, 60000);

  test('same input, same page', async () => {
    const a = await renderHtml(buildReportModel(topology()));
    expect(await renderHtml(buildReportModel([...topology()].reverse()))).toBe(a);
  }, 60000);
});
