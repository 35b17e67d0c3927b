/**
 * Graphviz DOT text of a report graph: namespaces as clusters, predicted status as colour and icon.
 */
import { EdgeStyle, Graph, GraphNode } from './graph';
import { _compare as cmp } from './model';

/** Fill, border and font colours of each state. */
export const STATE_COLOURS: Record<string, { fill: string; stroke: string }> = {
  ok: { fill: '#e8f5e9', stroke: '#2e7d32' },
  error: { fill: '#ffebee', stroke: '#c62828' },
  conflicted: { fill: '#fff3e0', stroke: '#ef6c00' },
  warning: { fill: '#fff8e1', stroke: '#f9a825' },
  unknown: { fill: '#eceff1', stroke: '#607d8b' },
};

const SHAPES: Record<string, string> = {
  class: 'box, style="rounded,filled,bold"',
  gateway: 'box, style="rounded,filled,bold"',
  listener: 'box, style="filled"',
  route: 'box, style="rounded,filled"',
  rule: 'note, style="filled"',
  backend: 'box, style="filled"',
  policy: 'box, style="dashed,filled"',
  group: 'box3d, style="filled"',
};

const EDGE_ATTRS: Record<EdgeStyle, string> = {
  class: 'color="#455a64"',
  listener: 'color="#455a64", arrowhead=none',
  attached: 'color="#2e7d32"',
  notAccepted: 'color="#c62828", style=dashed, fontcolor="#c62828"',
  rule: 'color="#546e7a"',
  backend: 'color="#1565c0", fontcolor="#1565c0"',
  grantOk: 'color="#2e7d32", style=bold, fontcolor="#2e7d32"',
  grantMissing: 'color="#c62828", style=bold, penwidth=2, fontcolor="#c62828"',
  policy: 'color="#6a1b9a", style=dotted, arrowhead=odot, fontcolor="#6a1b9a"',
};

/**
 * A DOT double-quoted string: `\` and `"` escaped, line breaks as `\n` (centred lines), other control characters
 * dropped. Graphviz escapes `<`, `>` and `&` itself when it writes SVG.
 */
export function dotString(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r' || ch === '\t') out += ' ';
    else if (ch < ' ' || ch === '\u007f') continue;
    else out += ch;
  }
  return `"${out}"`;
}

function nodeLine(n: GraphNode, indent: string): string {
  const c = STATE_COLOURS[n.state];
  return `${indent}${n.key} [id=${dotString(n.key)}, class=${dotString(`${n.type} st-${n.state}`)}, shape=${SHAPES[n.type] ?? 'box, style=filled'}, `
    + `fillcolor=${dotString(c.fill)}, color=${dotString(c.stroke)}, label=${dotString(n.lines.join('\n'))}];`;
}

/** The DOT text of `graph`. Same graph, same bytes: nodes in graph order, clusters by namespace name. */
export function toDot(graph: Graph): string {
  const out: string[] = [];
  out.push('digraph gatewayapi {');
  out.push(`  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.25, ranksep=0.6, label=${dotString(graph.title)}, labelloc=t];`);
  out.push('  node [fontname="Helvetica", fontsize=10, margin="0.12,0.06"];');
  out.push('  edge [fontname="Helvetica", fontsize=9];');
  const byNs = new Map<string, GraphNode[]>();
  for (const n of graph.nodes) {
    if (n.namespace === undefined) out.push(nodeLine(n, '  '));
    else byNs.set(n.namespace, [...(byNs.get(n.namespace) ?? []), n]);
  }
  let i = 0;
  for (const ns of [...byNs.keys()].sort(cmp)) {
    out.push(`  subgraph cluster_${i++} {`);
    out.push(`    label=${dotString(`namespace ${ns}`)}; style="rounded,dashed"; color="#90a4ae"; fontcolor="#455a64";`);
    for (const n of byNs.get(ns)!) out.push(nodeLine(n, '    '));
    out.push('  }');
  }
  const keyOf = new Map(graph.nodes.map((n) => [n.id, n.key]));
  for (const e of graph.edges) {
    const from = keyOf.get(e.from);
    const to = keyOf.get(e.to);
    if (!from || !to) continue;
    out.push(`  ${from} -> ${to} [${EDGE_ATTRS[e.style]}${e.label ? `, label=${dotString(e.label)}` : ''}];`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}
