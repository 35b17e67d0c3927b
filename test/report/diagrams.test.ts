import { topology } from './fixture';
import { GatewayApiReport } from '../../src';
import { dotString, toDot } from '../../src/report/dot';
import { Graph } from '../../src/report/graph';
import { mermaidString, toMermaid } from '../../src/report/mermaid';

const hostile: Graph = {
  title: 'a "quoted" title',
  nodes: [
    { id: 'x', key: 'n0', type: 'route', state: 'error', namespace: 'ns', lines: ['say "hi"\\n', 'line\nbreak', '<b>&</b> #1 | `x`'] },
    { id: 'y', key: 'n1', type: 'backend', state: 'ok', namespace: 'ns', lines: ['y'] },
  ],
  edges: [{ from: 'x', to: 'y', style: 'grantMissing', label: 'a|b "c"' }],
};

describe('DOT', () => {
  test('escapes quotes and backslashes, turns line breaks into \\n and drops control characters', () => {
    expect(dotString('say "hi"\\n')).toBe('"say \\"hi\\"\\\\n"');
    expect(dotString('a\nb\tc\u0001d')).toBe('"a\\nb cd"');
    expect(dotString('<b>&</b>')).toBe('"<b>&</b>"');
    const dot = toDot(hostile);
    expect(dot).toContain('label="say \\"hi\\"\\\\n\\nline\\nbreak\\n<b>&</b> #1 | `x`"');
    expect(dot).toContain('label="a \\"quoted\\" title"');
    expect(dot).toContain('n0 -> n1 [color="#c62828", style=bold, penwidth=2, fontcolor="#c62828", label="a|b \\"c\\""]');
  });

  test('hostile names cannot break out of a quoted DOT string (each line has balanced unescaped quotes)', () => {
    for (const line of toDot(hostile).split('\n')) {
      const unescaped = line.replace(/\\\\/g, '').replace(/\\"/g, '').split('"').length - 1;
      expect(unescaped % 2).toBe(0);
    }
  });

  test('draws namespaces as clusters, predicted status as colour and icon, weights as percentages, grants on the edge', () => {
    const dot = GatewayApiReport.dot(topology());
    expect(dot).toMatch(/subgraph cluster_\d+ \{\n {4}label="namespace infra"/);
    expect(dot).toContain('label="namespace team-a"');
    expect(dot).toMatch(/class="route st-ok".*label="✔ HTTPRoute shop\\nshop.example.com\\nAccepted"/);
    expect(dot).toMatch(/class="route st-error".*label="✖ HTTPRoute sneaky\\n\(listener hostname\)\\nNotAllowedByListeners"/);
    expect(dot).toMatch(/class="listener st-conflicted".*label="⚠ listener dup-a\\nHTTP :9000\\nhost dup.example.com\\n0 route\(s\)\\nConflicted: ProtocolConflict"/);
    expect(dot).toContain('label="75% :80"');
    expect(dot).toContain('label="25% :80"');
    expect(dot).toContain('style=bold, fontcolor="#2e7d32", label="100% :80\\nReferenceGrant shared/team-a-search"');
    expect(dot).toContain('penwidth=2, fontcolor="#c62828", label="100% :80\\nno ReferenceGrant"');
    expect(dot).toMatch(/style=dotted, arrowhead=odot, fontcolor="#6a1b9a", label="targets"/);
  });

  test('same input, same bytes; input order does not change the output', () => {
    const a = GatewayApiReport.dot(topology());
    expect(GatewayApiReport.dot(topology())).toBe(a);
    expect(GatewayApiReport.dot([...topology()].reverse())).toBe(a);
  });

  test('--gateway draws one Gateway; an unknown one is an error that lists the Gateways', () => {
    const objs = [...topology(), {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'other', namespace: 'infra' },
      spec: { gatewayClassName: 'acme', listeners: [{ name: 'x', port: 81, protocol: 'HTTP' }] },
    }];
    expect(GatewayApiReport.dot(objs)).toContain('Gateway other');
    const one = GatewayApiReport.dot(objs, { gateway: 'infra/edge' });
    expect(one).not.toContain('Gateway other');
    expect(one).toContain('Gateway edge');
    expect(() => GatewayApiReport.dot(objs, { gateway: 'infra/nope' })).toThrow('no Gateway "infra/nope" in the input (Gateways: infra/edge, infra/other); use namespace/name');
    expect(() => GatewayApiReport.dot(objs, { detail: 'some' })).toThrow('detail must be one of full, routes, groups (got "some")');
  });

  test('detail groups collapses routes into one node per namespace with counts', () => {
    const dot = GatewayApiReport.dot(topology(), { detail: 'groups' });
    expect(dot).toContain('label="✔ 1 route(s) in team-a"');
    expect(dot).toContain('label="✖ 2 route(s) in team-b\\n2 not accepted"');
    expect(dot).not.toContain('HTTPRoute shop');
  });
});

describe('Mermaid', () => {
  test('escapes quotes, #, &, <, >, |, backticks and backslashes as entity codes and line breaks as <br>', () => {
    expect(mermaidString('say "hi"')).toBe('"say #quot;hi#quot;"');
    expect(mermaidString('<b>&</b> #1 | `x`')).toBe('"#lt;b#gt;#amp;#lt;/b#gt; #35;1 #124; #96;x#96;"');
    expect(mermaidString('a\nb\u0000')).toBe('"a<br>b"');
    expect(mermaidString('C:\\new \\d')).toBe('"C:#92;\u2060new #92;d"');
    const m = toMermaid(hostile);
    expect(m).toContain('n0("say #quot;hi#quot;#92;\u2060n<br>line<br>break<br>#lt;b#gt;#amp;#lt;/b#gt; #35;1 #124; #96;x#96;")');
    expect(m).toContain('n0 ==>|"a#124;b #quot;c#quot;"| n1');
    expect(m).toContain('linkStyle 0 stroke:#c62828,stroke-width:3px');
    // no raw quote, < or > inside any label
    for (const label of m.match(/"[^"\n]*"/g) ?? []) expect(label.slice(1, -1).replace(/<br>/g, '')).not.toMatch(/[<>]/);
  });

  test('a flowchart with namespace subgraphs, state classes and coloured links', () => {
    const m = GatewayApiReport.mermaid(topology());
    expect(m.startsWith('---\ntitle: "Gateway API topology"\n---\nflowchart LR\n')).toBe(true);
    expect(m).toMatch(/ {2}subgraph ns\d+\["namespace team-b"\]\n/);
    expect(m).toContain('-->|"75% :80"|');
    expect(m).toContain('==>|"100% :80<br>no ReferenceGrant"|');
    expect(m).toMatch(/class [n\d,]+ error\n/);
    expect(m).toContain('classDef conflicted fill:#fff3e0,stroke:#ef6c00');
    const subgraphs = (m.match(/subgraph /g) ?? []).length;
    expect((m.match(/^ {2}end$/gm) ?? []).length).toBe(subgraphs);
  });

  test('same input, same bytes; input order does not change the output', () => {
    const a = GatewayApiReport.mermaid(topology());
    expect(GatewayApiReport.mermaid(topology())).toBe(a);
    expect(GatewayApiReport.mermaid([...topology()].reverse())).toBe(a);
  });
});
