/**
 * Mermaid flowchart text of a report graph, for docs and pull-request comments (GitHub and GitLab render it).
 */
import { STATE_COLOURS } from './dot';
import { EdgeStyle, Graph, GraphNode } from './graph';
import { _compare as cmp } from './model';

/**
 * A Mermaid double-quoted label: characters Mermaid or its HTML labels treat specially become entity codes
 * (`#quot;`, `#lt;`, `#gt;`, `#amp;`, `#35;`, `#124;`, `#96;`, `#92;`), line breaks become `<br>`, and a
 * backslash-n keeps its backslash and n apart with an invisible word joiner (U+2060).
 */
export function mermaidString(text: string): string {
  let out = '';
  let previous = '';
  for (const ch of text) {
    // Mermaid turns a backslash-n into a line break, even as #92;n: a word joiner (invisible) keeps them apart
    if (ch === 'n' && previous === '\\') out += '\u2060';
    previous = ch;
    switch (ch) {
      case '"': out += '#quot;'; break;
      case '#': out += '#35;'; break;
      case '&': out += '#amp;'; break;
      case '<': out += '#lt;'; break;
      case '>': out += '#gt;'; break;
      case '|': out += '#124;'; break;
      case '`': out += '#96;'; break;
      case '\\': out += '#92;'; break;
      case '\n': out += '<br>'; break;
      case '\r': case '\t': out += ' '; break;
      default:
        if (ch >= ' ' && ch !== '\u007f') out += ch;
    }
  }
  return `"${out}"`;
}

const ARROWS: Record<EdgeStyle, string> = {
  class: '-->',
  listener: '---',
  attached: '-->',
  notAccepted: '-.->',
  rule: '-->',
  backend: '-->',
  grantOk: '==>',
  grantMissing: '==>',
  policy: '-.->',
};

const EDGE_COLOURS: Partial<Record<EdgeStyle, string>> = {
  attached: '#2e7d32',
  notAccepted: '#c62828',
  backend: '#1565c0',
  grantOk: '#2e7d32',
  grantMissing: '#c62828',
  policy: '#6a1b9a',
};

function nodeText(n: GraphNode): string {
  const label = mermaidString(n.lines.join('\n'));
  switch (n.type) {
    case 'gateway': case 'class': return `${n.key}([${label}])`;
    case 'route': return `${n.key}(${label})`;
    case 'group': return `${n.key}[[${label}]]`;
    case 'backend': return `${n.key}[(${label})]`;
    case 'policy': return `${n.key}>${label}]`;
    default: return `${n.key}[${label}]`;
  }
}

/** The Mermaid flowchart of `graph`. Same graph, same bytes. */
export function toMermaid(graph: Graph): string {
  const out: string[] = ['---', `title: ${mermaidString(graph.title)}`, '---', 'flowchart LR'];
  const byNs = new Map<string, GraphNode[]>();
  for (const n of graph.nodes) {
    if (n.namespace === undefined) out.push(`  ${nodeText(n)}`);
    else byNs.set(n.namespace, [...(byNs.get(n.namespace) ?? []), n]);
  }
  let i = 0;
  for (const ns of [...byNs.keys()].sort(cmp)) {
    out.push(`  subgraph ns${i++}[${mermaidString(`namespace ${ns}`)}]`);
    for (const n of byNs.get(ns)!) out.push(`    ${nodeText(n)}`);
    out.push('  end');
  }
  const keyOf = new Map(graph.nodes.map((n) => [n.id, n.key]));
  const styles: string[] = [];
  let e = 0;
  for (const edge of graph.edges) {
    const from = keyOf.get(edge.from);
    const to = keyOf.get(edge.to);
    if (!from || !to) continue;
    out.push(`  ${from} ${ARROWS[edge.style]}${edge.label ? `|${mermaidString(edge.label)}|` : ''} ${to}`);
    const colour = EDGE_COLOURS[edge.style];
    if (colour) styles.push(`  linkStyle ${e} stroke:${colour}${edge.style === 'grantMissing' ? ',stroke-width:3px' : ''}`);
    e++;
  }
  out.push(...styles);
  for (const [state, c] of Object.entries(STATE_COLOURS)) out.push(`  classDef ${state} fill:${c.fill},stroke:${c.stroke},color:#212121`);
  const byState = new Map<string, string[]>();
  for (const n of graph.nodes) byState.set(n.state, [...(byState.get(n.state) ?? []), n.key]);
  for (const state of [...byState.keys()].sort(cmp)) out.push(`  class ${byState.get(state)!.join(',')} ${state}`);
  return out.join('\n') + '\n';
}
