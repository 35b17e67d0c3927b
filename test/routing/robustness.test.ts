import * as fs from 'fs';
import * as path from 'path';
import { GatewayApiAnalyzer, MissingReferencePolicy, RoutingRequest, RoutingSimulator } from '../../src';
import { parseManifestText } from '../../src/cli/input';
import { findRoutingFindings } from '../../src/routing/findings';
import { collectFiles } from '../../src/validation/documents';
import { gateway, httpRoute, parentRef, platform } from '../analysis/fixtures';

describe('hostile input', () => {
  const junk: any[] = [
    null, 42, 'text', [], { kind: 'Gateway' }, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'g' }, spec: { listeners: 'nope' } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'team-a' }, spec: { parentRefs: [parentRef()], hostnames: 'x', rules: [null, { matches: 'bad', filters: [null, { type: 'RequestRedirect' }], backendRefs: [{ weight: 'x' }] }] } },
    httpRoute('team-a', 'weird', { parentRefs: [parentRef()], rules: [{ matches: [{ path: { type: 'RegularExpression', value: '(' } }, { headers: [{ name: 5 }], queryParams: [{ value: 3 }] }], filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }], backendRefs: [{ name: 'store', port: 8080 }] }] }),
  ];
  test('manifests of the wrong shape do not crash the index, the requests or the findings', () => {
    const sim = RoutingSimulator.fromManifests([...platform(), ...junk]);
    for (const p of ['/', '/a?x=1&x=2&%zz', '/weird']) {
      for (const host of ['store.example.com', undefined, 'EXAMPLE.com.', '[::1]:8080']) {
        const r = sim.simulate({ path: p, host, headers: { 'x-a': '1' } });
        expect(typeof r.statusCode).toBe('number');
      }
    }
    expect(() => findRoutingFindings([...platform(), ...junk])).not.toThrow();
  });
  test('schema-invalid shapes (the validator reports them) neither throw nor route: the rest of the input still does', () => {
    const bad = httpRoute('team-a', 'bad', { hostnames: ['bad.example.com'], parentRefs: [parentRef()], rules: [{ matches: [{ queryParams: 'x', headers: [null] }], backendRefs: [null] }] });
    const sim = RoutingSimulator.fromManifests([...platform(), bad]);
    const r = sim.simulate({ host: 'bad.example.com', path: '/?x=1' });
    expect(r.error).toBeUndefined();
    expect({ status: r.statusCode, backends: r.backends.map((b) => b.name) }).toStrictEqual({ status: 500, backends: [''] }); // an invalid backendRef: 500
  });
  test('a non-array input is a clear error', () => {
    expect(() => RoutingSimulator.fromManifests({} as any)).toThrow(/objects must be an array/);
  });
  test('request fields of the wrong type give an error result, never a throw', () => {
    const sim = RoutingSimulator.fromManifests(platform());
    for (const bad of [null, 5, { path: 5 }, { path: '/', protocol: 'smtp' }, { path: '/', grpc: { service: 1 } }, { protocol: 'grpc', path: '/nogrpc' }, { path: '/', port: 1.5 }]) {
      const r = sim.simulate(bad as any);
      expect(r.error).toBeDefined();
      expect(r.statusCode).toBe(0);
    }
  });
});

describe('agreement with the analysis, on the upstream v1.6.1 examples', () => {
  const root = path.join(__dirname, '..', '..', '..', 'shared', 'gateway-api-v1.6.1', 'examples');
  const files = fs.existsSync(root) ? collectFiles([root]).filter((f) => /\.ya?ml$/.test(f)) : [];
  const usable = (f: string) => {
    try {
      return parseManifestText(fs.readFileSync(f, 'utf8'), f);
    } catch {
      return undefined;
    }
  };
  const cases = files.map((f) => ({ file: path.relative(root, f), objects: usable(f) })).filter((c) => c.objects && c.objects.some((o) => o?.kind === 'HTTPRoute'));

  test('there are upstream examples with HTTPRoutes', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  test.each(cases)('$file: a request built from each accepted rule match is handled by a route (never refused)', ({ objects }) => {
    const options = { missingReferences: MissingReferencePolicy.UNKNOWN };
    const report = new GatewayApiAnalyzer().analyze(objects!, options);
    const sim = RoutingSimulator.fromManifests(objects!, options);
    let checked = 0;
    for (const rr of report.routeResults) {
      if (rr.route.kind !== 'HTTPRoute' || rr.accepted !== 'True') continue;
      const routeObj = objects!.find((o) => o.kind === 'HTTPRoute' && o.metadata?.name === rr.route.name);
      const gw = objects!.find((o) => o.kind === 'Gateway' && o.metadata?.name === rr.parentRef.name);
      if (!routeObj || !gw) continue;
      for (const id of rr.attachedListeners) {
        const listener = (gw.spec.listeners ?? []).find((l: any) => l.name === id.split('/')[2]);
        if (!listener || listener.protocol === 'TLS') continue;
        const routeHost: string | undefined = (routeObj.spec.hostnames ?? [])[0] ?? listener.hostname;
        const host = routeHost?.replace(/^\*/, 'x');
        for (const rule of routeObj.spec.rules ?? [{}]) {
          const m = (rule.matches ?? [{}])[0] ?? {};
          if (m.path?.type === 'RegularExpression' || (m.headers ?? []).some((h: any) => h.type === 'RegularExpression')
            || (m.queryParams ?? []).some((q: any) => q.type === 'RegularExpression')) continue;
          const query = (m.queryParams ?? []).map((q: any) => `${q.name}=${q.value}`).join('&');
          const request: RoutingRequest = {
            gateway: { namespace: rr.parentRef.namespace, name: rr.parentRef.name },
            port: listener.port,
            scheme: listener.protocol === 'HTTPS' ? 'https' : 'http',
            host,
            path: `${m.path?.value ?? '/'}${query ? `?${query}` : ''}`,
            method: m.method,
            headers: Object.fromEntries((m.headers ?? []).map((h: any) => [h.name, h.value])),
          };
          const result = sim.simulate(request);
          expect({ request, route: result.route?.kind, statusCode: result.statusCode === 0 ? 'refused' : 'answered' })
            .toStrictEqual({ request, route: 'HTTPRoute', statusCode: 'answered' });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(0);
  });

  test('per-backend reasons agree with the analysis ResolvedRefs reason', () => {
    const objects = [...platform(), httpRoute('team-a', 'r', { parentRefs: [parentRef()], rules: [{ backendRefs: [{ name: 'search', namespace: 'team-b', port: 8080 }] }] }),
      httpRoute('team-a', 'm', { parentRefs: [parentRef()], hostnames: ['m.example.com'], rules: [{ backendRefs: [{ name: 'missing', port: 8080 }] }] }),
      httpRoute('team-a', 'k', { parentRefs: [parentRef()], hostnames: ['k.example.com'], rules: [{ backendRefs: [{ group: 'x.io', kind: 'Bucket', name: 'b' }] }] }),
      gateway('infra', 'unused', [])];
    const report = new GatewayApiAnalyzer().analyze(objects);
    const sim = RoutingSimulator.fromManifests(objects);
    for (const [name, host] of [['r', 'store.example.com'], ['m', 'm.example.com'], ['k', 'k.example.com']]) {
      const analysis = report.routeResults.find((x) => x.route.name === name)!.resolvedRefsReason;
      const routed = sim.simulate({ host, path: '/' });
      expect(routed.backends[0].invalidReason).toBe(analysis);
      expect(routed.statusCode).toBe(500);
    }
  });
});
