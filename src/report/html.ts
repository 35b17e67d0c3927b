/**
 * The self-contained HTML report: the diagrams (Graphviz SVG rendered here, in Node), the data the page script needs
 * (objects, predicted status, routing rows, findings) as inline JSON, and the inline CSS and script.
 */
import { CSS, JS } from './client';
import { toDot } from './dot';
import { buildGraph, diagramKeys, Graph, viewsOf, ViewSpec } from './graph';
import { ListenerItem, ReportModel, RouteItem, RuleItem, STATE_ICON } from './model';
import { renderSvgs, renderSvgsSync } from './svg';

/** The page's Content-Security-Policy: nothing may be loaded; inline styles and scripts and `data:` images only. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON that can sit inside a `<script type="application/json">` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The DOT text of every view, and the views. */
export function reportViews(model: ReportModel): { views: ViewSpec[]; graphs: Graph[]; dots: string[] } {
  const keys = diagramKeys(model);
  const views = viewsOf(model);
  const graphs = views.map((v) => buildGraph(model, v, keys));
  return { views, graphs, dots: graphs.map(toDot) };
}

function detailsOf(model: ReportModel, id: string): string | undefined {
  const o = model.byId.get(id)!;
  if (o.kind === 'Listener') {
    const l = o as ListenerItem;
    return [`protocol: ${l.protocol}`, `port: ${l.port ?? '-'}`, `hostname: ${l.hostname ?? '*'}`, ...(l.tls ? [`tls: ${l.tls}`] : []), `attachedRoutes: ${l.attachedRoutes}`].join('\n');
  }
  if (o.kind === 'Rule') {
    const r = o as RuleItem;
    return [`matches: ${r.matches.join('; ') || '-'}`, `filters: ${r.filters.join('; ') || '-'}`,
      ...r.backends.map((b) => {
        const t = model.byId.get(b.targetId)!;
        const cross = b.crossNamespace ? (b.crossNamespace.grant ? ` (allowed by ReferenceGrant ${b.crossNamespace.grant})` : ' (no ReferenceGrant allows it)') : '';
        return `backend: ${t.kind} ${t.namespace}/${t.name}${b.port !== undefined ? ':' + b.port : ''} weight ${b.weight} = ${b.percent}%${cross}`;
      })].join('\n');
  }
  if ('hostnames' in o) {
    const r = o as RouteItem;
    return [`hostnames: ${r.hostnames.join(', ') || '(from the listener)'}`, ...r.parents.map((p) => `parent ${p.gatewayId.replace(/^gw:/, 'Gateway ').replace(/^ls:/, 'ListenerSet ')}: ${p.reason}`)].join('\n');
  }
  return undefined;
}

/** Assembles the HTML page from the model and the SVG of each view. */
export function assembleHtml(model: ReportModel, views: ViewSpec[], graphs: Graph[], svgs: string[], generator = 'cdk8s-gateway-api report'): string {
  const findingIndex = new Map<string, number[]>();
  model.findings.forEach((f, i) => {
    if (f.objectId) findingIndex.set(f.objectId, [...(findingIndex.get(f.objectId) ?? []), i]);
  });
  const objects: Record<string, any> = {};
  // predicted statuses repeat (the same parentRef and conditions for every route of a listener): each distinct
  // object or array is stored once in `shared` and referred to as {"$": index}
  const shared: any[] = [];
  const sharedIndex = new Map<string, number>();
  const intern = (v: any): any => {
    if (v === null || typeof v !== 'object') return v;
    const inner = Array.isArray(v) ? v.map(intern) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, intern(x)]));
    const key = JSON.stringify(inner);
    let i = sharedIndex.get(key);
    if (i === undefined) {
      i = shared.length;
      shared.push(inner);
      sharedIndex.set(key, i);
    }
    return { $: i };
  };
  for (const [id, o] of model.byId) {
    objects[id] = {
      k: o.kind,
      ns: o.namespace,
      n: o.name,
      st: o.state,
      r: o.reason,
      s: o.search.concat([o.kind, o.name]).join(' ').toLowerCase(),
      status: o.status === undefined ? undefined : intern(o.status),
      f: findingIndex.get(id),
      d: detailsOf(model, id),
    };
  }
  const viewData = views.map((v, i) => {
    const keyToId: Record<string, string> = {};
    for (const n of graphs[i].nodes) {
      keyToId[n.key] = n.id;
      if (n.members) objects[n.id] = { k: 'Group', ns: n.namespace, n: `${n.members.length} route(s)`, st: n.state, s: '', g: n.members };
    }
    const owners = [...model.gateways, ...model.listenerSets]
      .filter((g) => v.gatewayId === undefined || g.id === v.gatewayId || g.parentId === v.gatewayId);
    const listeners = owners.flatMap((g) => g.listeners.map((l) => l.id));
    return { id: v.id, title: v.title, svg: svgs[i], keys: keyToId, listeners: v.id === 'overview' ? [] : listeners, open: v.detail === 'full' };
  });
  const listeners: Record<string, any> = {};
  for (const g of [...model.gateways, ...model.listenerSets]) {
    for (const l of g.listeners) {
      const rows = (model.routing.get(l.id) ?? []).map((r) => [r.routeId, r.hostnames, r.matches, r.filters, r.backends]);
      listeners[l.id] = { desc: `${l.protocol}${l.port !== undefined ? ' :' + l.port : ''} ${l.hostname ?? '*'}${l.tls ? ' TLS ' + l.tls : ''}`, rows };
    }
  }
  const findings = model.findings.map((f) => ({
    sev: f.severity, src: f.source, code: f.code, msg: f.message, fix: f.fix, obj: f.objectId, label: f.objectLabel,
  }));
  const data = { views: viewData, objects, listeners, findings, shared };

  const count = (st: string) => model.routes.filter((r) => r.state === st).length;
  const errors = model.findings.filter((f) => f.severity === 'error').length;
  const warnings = model.findings.filter((f) => f.severity === 'warning').length;
  const selector = views.length > 1
    ? `<label>View <select id="view">${views.map((v, i) => `<option value="${i}">${escapeHtml(v.title)}</option>`).join('')}</select></label>`
    : '';
  const legend = (['ok', 'error', 'conflicted', 'unknown'] as const).map((s) =>
    `<span><i class="sw ${s}"></i>${STATE_ICON[s]} ${s === 'ok' ? 'Accepted' : s === 'error' ? 'not Accepted / error' : s === 'conflicted' ? 'Conflicted' : 'unknown'}</span>`).join('')
    + '<span style="color:#c62828">\u2501 cross-namespace, no ReferenceGrant</span><span style="color:#2e7d32">\u2501 allowed by a ReferenceGrant</span>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(generator)}">
<title>${escapeHtml(model.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(model.title)}</h1>
<div class="counts"><span>${model.gateways.length} Gateway(s)</span><span>${model.routes.length} route(s): ${count('ok')} ${STATE_ICON.ok} ${count('error')} ${STATE_ICON.error} ${count('unknown')} ?</span><span>${errors} error(s), ${warnings} warning(s)</span></div>
<input id="search" type="search" placeholder="Search host, path, Service or namespace" aria-label="Search">
<span id="matches"></span>
${selector}
</header>
<main>
<section id="diagram-pane">
<div id="diagram" role="img" aria-label="Topology diagram"></div>
<div id="zoom"><button id="zoom-in" title="Zoom in">+</button><button id="zoom-out" title="Zoom out">\u2212</button><button id="zoom-fit" title="Fit">\u2922</button></div>
<div class="legend">${legend}</div>
</section>
<aside id="panel"><ul id="results"></ul><div id="details"><h2>Details</h2><p class="muted">Click a node, a route or a finding to see its predicted status. Search highlights the matching nodes.</p></div></aside>
</main>
<section class="tables">
<h2 id="findings">Findings (${model.findings.length})</h2>
<table><thead><tr><th>Severity</th><th>Source</th><th>Object</th><th>Condition / field</th><th>Message</th></tr></thead><tbody id="findings-body"></tbody></table>
<h2 id="routing">Routing per listener</h2>
<div id="routing-tables"></div>
</section>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>${JS}</script>
</body>
</html>
`;
}

/** The HTML report of `model` (Graphviz in this process, asynchronously). */
export async function renderHtml(model: ReportModel): Promise<string> {
  const { views, graphs, dots } = reportViews(model);
  return assembleHtml(model, views, graphs, await renderSvgs(dots));
}

/** The HTML report of `model`, synchronously (Graphviz in a child process). */
export function renderHtmlSync(model: ReportModel): string {
  const { views, graphs, dots } = reportViews(model);
  return assembleHtml(model, views, graphs, renderSvgsSync(dots));
}

