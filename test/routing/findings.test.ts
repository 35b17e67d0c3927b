import { GatewayApiAnalyzer, RoutingSimulator } from '../../src';
import { runCli } from '../../src/cli/cli';
import { findRoutingFindings } from '../../src/routing/findings';
import { gateway, httpRoute, parentRef, platform, route } from '../analysis/fixtures';

const to = (name: string) => ({ name, port: 8080 });
const ts = (o: any, creationTimestamp: string) => ({ ...o, metadata: { ...o.metadata, creationTimestamp } });

function unreachable(...routes: any[]): string[] {
  return findRoutingFindings([...platform(), ...routes]).filter((f) => f.reason === 'RuleUnreachable').map((f) => f.message.split(' can never')[0]);
}

describe('unreachable rules', () => {
  const host = { parentRefs: [parentRef()], hostnames: ['store.example.com'] };
  test.each([
    {
      name: 'a regular expression behind a catch-all prefix',
      routes: [httpRoute('team-a', 'r', {
        ...host,
        rules: [
          { backendRefs: [to('store')] },
          { matches: [{ path: { type: 'RegularExpression', value: '/items/.*' } }], backendRefs: [to('store')] },
        ],
      })],
      expected: ['rules[1] of HTTPRoute team-a/r'],
    },
    {
      name: 'an identical match in a newer route of another team',
      routes: [
        ts(httpRoute('team-a', 'old', { ...host, rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [to('store')] }] }), '2024-01-01T00:00:00Z'),
        ts(httpRoute('team-b', 'new', { ...host, rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api/' } }], backendRefs: [{ name: 'search', port: 8080 }] }] }), '2024-06-01T00:00:00Z'),
      ],
      expected: [], // the analysis' own RuleShadowed/HostnamePathConflict warning: not reported twice
    },
    {
      name: 'a header regular expression covering an exact value (same rank, earlier rule)',
      routes: [httpRoute('team-a', 'r', {
        ...host,
        rules: [
          { matches: [{ headers: [{ name: 'x-v', type: 'RegularExpression', value: 'v[0-9]+' }] }], backendRefs: [to('store')] },
          { matches: [{ headers: [{ name: 'X-V', value: 'v2' }] }], backendRefs: [to('store')] },
        ],
      })],
      expected: ['rules[1] of HTTPRoute team-a/r'],
    },
    {
      name: 'every match of the rule covered, by different rules',
      routes: [httpRoute('team-a', 'r', {
        ...host,
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/a' }, headers: [{ name: 'x', type: 'RegularExpression', value: '.*' }] }], backendRefs: [to('store')] },
          { matches: [{ path: { type: 'PathPrefix', value: '/b' }, headers: [{ name: 'x', type: 'RegularExpression', value: '.*' }] }], backendRefs: [to('store')] },
          { matches: [{ path: { type: 'PathPrefix', value: '/a' }, headers: [{ name: 'x', value: '1' }] }, { path: { type: 'PathPrefix', value: '/b' }, headers: [{ name: 'x', value: '2' }] }], backendRefs: [to('store')] },
        ],
      })],
      expected: ['rules[2] of HTTPRoute team-a/r'],
    },
    {
      name: 'an invalid RE2 expression',
      routes: [httpRoute('team-a', 'r', { ...host, rules: [{ matches: [{ path: { type: 'RegularExpression', value: '/(a' } }], backendRefs: [to('store')] }] })],
      expected: ['rules[0] of HTTPRoute team-a/r'],
    },
    {
      name: 'not: a longer prefix, a method, a header, another hostname (all reachable)',
      routes: [
        httpRoute('team-a', 'r', {
          ...host,
          rules: [
            { backendRefs: [to('store')] },
            { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [to('store')] },
            { matches: [{ method: 'POST' }], backendRefs: [to('store')] },
            { matches: [{ headers: [{ name: 'x-a', value: '1' }] }], backendRefs: [to('store')] },
          ],
        }),
        httpRoute('team-b', 'wild', { parentRefs: [parentRef()], hostnames: ['*.example.com'], rules: [{ backendRefs: [{ name: 'search', port: 8080 }] }] }),
      ],
      expected: [],
    },
    {
      name: 'not: a match only partly covered (a prefix narrower than the request space)',
      routes: [httpRoute('team-a', 'r', {
        ...host,
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/api/v1' } }], backendRefs: [to('store')] },
          { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [to('store')] },
        ],
      })],
      expected: [],
    },
    {
      name: 'gRPC: a service match behind an identical one',
      routes: [
        route('GRPCRoute', 'team-a', 'g', {
          ...host,
          rules: [
            { matches: [{ method: { service: 'a.B' } }], backendRefs: [to('store')] },
            { matches: [{ method: { service: 'a.B' } }], backendRefs: [to('store')] },
            { matches: [{ method: { service: 'a.B', method: 'Get' } }], backendRefs: [to('store')] },
          ],
        }),
      ],
      expected: [], // identical matches: the analysis' RuleShadowed
    },
  ])('$name', ({ routes, expected }) => {
    expect(unreachable(...routes)).toStrictEqual(expected);
  });

  test('identical matches are reported once, by the analysis (RuleShadowed), not again as RuleUnreachable', () => {
    const objects = [...platform(), httpRoute('team-a', 'r', {
      ...host,
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/a' } }], backendRefs: [to('store')] },
        { matches: [{ path: { type: 'PathPrefix', value: '/a' } }], backendRefs: [to('store')] },
      ],
    })];
    expect(new GatewayApiAnalyzer().analyze(objects).warnings().map((f) => f.reason)).toStrictEqual(['RuleShadowed']);
    expect(findRoutingFindings(objects)).toStrictEqual([]);
  });

  test('the message names the rules that take the requests and the fix', () => {
    const f = findRoutingFindings([...platform(), httpRoute('team-a', 'r', {
      ...host,
      rules: [
        { backendRefs: [to('store')] },
        { matches: [{ path: { type: 'RegularExpression', value: '/x' } }], backendRefs: [to('store')] },
      ],
    })]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', conditionType: 'Shadowed', reason: 'RuleUnreachable', objectRef: { kind: 'HTTPRoute', namespace: 'team-a', name: 'r' } });
    expect(f[0].message).toMatch(/taken first by rules\[0\] of HTTPRoute team-a\/r/);
  });
});

describe('hostnames two Gateways claim', () => {
  test('a listener hostname on two Gateways is reported once, on the second Gateway', () => {
    const objects = [...platform(), gateway('infra', 'zz-other', [{ name: 'web', protocol: 'HTTP', port: 8080, hostname: '*.example.com' }]),
      gateway('infra', 'distinct', [{ name: 'web', protocol: 'HTTP', port: 80, hostname: 'api.example.org' }])];
    const f = RoutingSimulator.fromManifests(objects).findings();
    expect(f.map((x) => `${x.reason} ${x.objectRef.namespace}/${x.objectRef.name}`)).toStrictEqual(['HostnameClaimedByTwoGateways infra/zz-other']);
    expect(f[0].message).toMatch(/hostname \*\.example\.com is claimed by listener\(s\) web \(port 8080\) of Gateway infra\/zz-other and by listener\(s\) http \(port 80\), https \(port 443\) of Gateway infra\/shared/);
  });
  test('no finding for one Gateway with two listeners on the same hostname', () => {
    expect(findRoutingFindings(platform())).toStrictEqual([]);
  });
});

test('analyze reports the routing warnings', async () => {
  const objects = [...platform(), httpRoute('team-a', 'r', {
    parentRefs: [parentRef()],
    rules: [
      { backendRefs: [to('store')] },
      { matches: [{ path: { type: 'RegularExpression', value: '/x' } }], backendRefs: [to('store')] },
    ],
  })];
  let out = '';
  let err = '';
  const code = await runCli(['analyze', '--output', 'table', '--fail-on', 'warning', '-'], {
    stdout: (s: string) => { out += s; }, stderr: (s: string) => { err += s; }, readStdin: () => JSON.stringify(objects),
  });
  expect(err).toBe('');
  expect(out).toMatch(/warning\s+HTTPRoute\/team-a\/r: Shadowed RuleUnreachable/);
  expect(code).toBe(1);
});
