import * as path from 'path';
import { createFeaturesCommand } from '../../src/cli/features';

const APP = path.join(__dirname, 'fixtures', 'traefik-app.yaml');

async function run(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let code = -1;
  const cmd = createFeaturesCommand({ stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readStdin: () => stdin }, (c) => { code = c; });
  cmd.exitOverride();
  await cmd.parseAsync(argv, { from: 'user' });
  return { code, out, err };
}

describe('cdk8s-gateway-api features', () => {
  test('json: the sorted features and the objects with their features and paths', async () => {
    const r = await run([APP, '--output', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.features).toEqual(['Gateway', 'GatewayPort8080', 'HTTPRoute', 'HTTPRouteNamedRouteRule', 'HTTPRouteQueryParamMatching', 'HTTPRouteRequestMirror']);
    expect(j.objects.map((o: any) => `${o.kind} ${o.namespace ?? ''}/${o.name}`)).toEqual(['Gateway infra/gw', 'GatewayClass /traefik', 'HTTPRoute store/api']);
    expect(j.objects[2].features).toContainEqual({
      feature: 'HTTPRouteRequestMirror', core: false, known: true, path: 'spec.rules[0].filters[0]', where: 'rule "mirror"', what: 'RequestMirror',
    });
    expect(j.implementation).toBeUndefined();
    expect(j.implementations).toBeUndefined();
  });

  test('--implementation: the report and the missing features; exit 1 when one is missing', async () => {
    const r = await run([APP, '--output', 'json', '--implementation', 'traefik']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.implementation).toMatchObject({
      name: 'traefik',
      version: 'v3.7',
      report: { file: 'v1.5/traefik-traefik/experimental-v3.7.0-default-report.yaml', gatewayApiVersion: 'v1.5.1', date: '2026-03-20T09:49:42+01:00' },
      missing: ['HTTPRouteNamedRouteRule', 'HTTPRouteRequestMirror'],
      claimed: 4,
    });
    const ok = await run([APP, '--output', 'json', '--implementation', 'envoy-gateway@1.8']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).implementation.missing).toEqual([]);
  });

  test('--implementations: every implementation ranked by the used features it claims', async () => {
    const j = JSON.parse((await run([APP, '--output', 'json', '--implementations'])).out);
    expect(j.implementations).toHaveLength(16);
    const claimed = j.implementations.map((i: any) => i.claimed);
    expect([...claimed].sort((a: number, b: number) => b - a)).toEqual(claimed);
    expect(j.implementations.find((i: any) => i.name === 'traefik').missing).toEqual(['HTTPRouteNamedRouteRule', 'HTTPRouteRequestMirror']);
  });

  test('text: a row per feature, a column per implementation, and the missing uses', async () => {
    const r = await run([APP, '--implementation', 'traefik@3.7']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^feature +level +objects +1\n/);
    expect(r.out).toMatch(/\nHTTPRouteRequestMirror +extended +1 +✗\n/);
    expect(r.out).toMatch(/\nHTTPRouteQueryParamMatching +extended +1 +✓\n/);
    expect(r.out).toContain('1  traefik v3.7 (conformance report v1.5.1, 2026-03-20)');
    expect(r.out).toContain('traefik v3.7 does not claim 2 of 6 used features:\n'
      + '  HTTPRoute store/api spec.rules[0].name: rule "mirror" uses a rule name (HTTPRouteNamedRouteRule)\n'
      + '  HTTPRoute store/api spec.rules[0].filters[0]: rule "mirror" uses RequestMirror (HTTPRouteRequestMirror)\n');
    const all = await run([APP]);
    expect(all.code).toBe(0);
    expect(all.out.split('\n')[0]).toMatch(/^feature +level +objects +1 +2 +.* 16$/);
    // GatewayPort8080: every implementation but the ones whose newest report does not claim it
    const row = all.out.split('\n').find((l) => l.startsWith('GatewayPort8080 '))!;
    expect(row.match(/[✓✗]/g)).toHaveLength(16);
  });

  test('unknown features show ? and do not fail --implementation', async () => {
    const tcp = 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TCPRoute\nmetadata: {name: t}\nspec: {parentRefs: [{name: gw}]}\n';
    const r = await run(['-', '--implementation', 'envoy-gateway'], tcp);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\nTCPRoute +unknown +1 +\?\n/);
    expect(r.out).toContain('envoy-gateway v1.8.0 claims every used feature; no conformance report mentions TCPRoute.');
  });

  test('usage errors and unreadable input exit 2 with a clear message and no output', async () => {
    for (const [argv, message] of [
      [[APP, '--output', 'yaml'], '--output must be text or json (got "yaml")'],
      [[APP, '--implementation', 'contour'], 'unknown Gateway API implementation "contour"'],
      [[APP, '--implementation', 'istio@1.27'], 'istio has no conformance report for version "1.27"'],
      [['/nonexistent/file.yaml'], 'cannot read /nonexistent/file.yaml'],
    ] as Array<[string[], string]>) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(message);
    }
    const bad = await run(['-'], 'kind: [unclosed');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('cannot read <stdin>');
  });
});
