import * as fs from 'fs';
import * as YAML from 'yaml';
import { ACCEPTED, RESOLVED, brief, listenerStatus, notAccepted, notResolved, routeConditions, statusOf } from './fixtures';
import { GatewayApiAnalyzer, MissingReferencePolicy } from '../../src/analysis';
import { listFiles, sharedPath } from '../support/shared';

/** The objects of the upstream examples in `dirs` (under examples/standard). */
function load(...entries: string[]): any[] {
  const out: any[] = [];
  for (const entry of entries) {
    const p = sharedPath('examples', 'standard', entry);
    const files = fs.statSync(p).isDirectory() ? listFiles(p) : [p];
    for (const f of files) for (const d of YAML.parseAllDocuments(fs.readFileSync(f, 'utf8'))) if (d.toJS()) out.push(d.toJS());
  }
  return out;
}

const analyzer = new GatewayApiAnalyzer();
const UNKNOWN = { missingReferences: MissingReferencePolicy.UNKNOWN };

describe('upstream v1.6.1 examples', () => {
  const together = () => load('cross-namespace-routing', 'http-route-attachment', 'simple-http-https');

  test('cross-namespace-routing, http-route-attachment and simple-http-https analysed together: every route attaches', () => {
    const report = analyzer.analyze(together(), UNKNOWN);
    expect(report.findings).toStrictEqual([]);
    for (const [ns, name] of [['site-ns', 'home'], ['site-ns', 'login'], ['store-ns', 'store'], ['gateway-api-example-ns2', 'my-route'], ['default', 'foo'], ['default', 'bar'], ['default', 'tls-redirect']]) {
      expect(routeConditions(report.objects, ns, name)).toStrictEqual([ACCEPTED, RESOLVED]);
    }
    expect(statusOf(report.objects, 'Gateway', 'infra-ns', 'shared-gateway').listeners.map((l: any) => [l.name, l.attachedRoutes])).toStrictEqual([['https', 3]]);
    expect(statusOf(report.objects, 'Gateway', 'default', 'example-gateway').listeners.map((l: any) => [l.name, l.attachedRoutes]))
      .toStrictEqual([['http', 1], ['https', 2], ['https-default-tls-mode', 0]]);
    // selected by the implicit kubernetes.io/metadata.name label of a namespace that is not in the input
    expect(listenerStatus(report.objects, 'gateway-api-example-ns1', 'foo-gateway', 'prod-web').attachedRoutes).toBe(1);
    expect(listenerStatus(report.objects, 'gateway-api-example-ns1', 'prod-gateway', 'prod-web').attachedRoutes).toBe(0);
    const home = statusOf(report.objects, 'HTTPRoute', 'site-ns', 'home').parents[0];
    expect(home.parentRef).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra-ns', name: 'shared-gateway' });
    expect(home.controllerName).toBe('unknown-controller/shared-gateway-class');
  });

  test('with missing references as errors, the absent Services and Secrets show up', () => {
    const report = analyzer.analyze(together());
    expect(routeConditions(report.objects, 'store-ns', 'store')).toStrictEqual([ACCEPTED, notResolved('BackendNotFound')]);
    expect(listenerStatus(report.objects, 'infra-ns', 'shared-gateway', 'https').conditions[2].reason).toBe('InvalidCertificateRef');
    expect(new Set(report.errors().map((f) => f.reason))).toStrictEqual(new Set(['Pending', 'InvalidCertificateRef', 'BackendNotFound']));
  });

  test('moving the store route to the unlabelled no-external-access namespace detaches it', () => {
    const objects = together();
    const store = objects.find((o) => o.kind === 'HTTPRoute' && o.metadata.name === 'store');
    store.metadata.namespace = 'no-external-access';
    const report = analyzer.analyze(objects, UNKNOWN);
    expect(routeConditions(report.objects, 'no-external-access', 'store')).toStrictEqual([notAccepted('NotAllowedByListeners'), RESOLVED]);
    expect(statusOf(report.objects, 'Gateway', 'infra-ns', 'shared-gateway').listeners[0].attachedRoutes).toBe(2);
  });

  test('tls-routing and tcp-routing: TLSRoutes on Passthrough and Terminate TLS listeners, a TCPRoute', () => {
    const tls = analyzer.analyze(load('tls-routing'), UNKNOWN);
    expect(routeConditions(tls.objects, 'default', 'foo-route', 0, 'TLSRoute')).toStrictEqual([ACCEPTED, RESOLVED]);
    expect(routeConditions(tls.objects, 'default', 'bar-route', 0, 'TLSRoute')).toStrictEqual([ACCEPTED, RESOLVED]);
    const tcp = analyzer.analyze(load('tcp-routing'), UNKNOWN);
    expect(routeConditions(tcp.objects, 'default', 'tcp-app-1', 0, 'TCPRoute')).toStrictEqual([ACCEPTED, RESOLVED]);
  });

  test('listenerset: both ListenerSets are selected by the Gateway\'s allowedListeners and attached', () => {
    const report = analyzer.analyze(load('listenerset'), UNKNOWN);
    expect(statusOf(report.objects, 'Gateway', 'default', 'parent-gateway').attachedListenerSets).toBe(2);
    for (const [ns, name] of [['team-1-ns', 'first-workload-listeners'], ['team-2-ns', 'second-workload-listeners']]) {
      expect(brief(statusOf(report.objects, 'ListenerSet', ns, name).conditions)).toStrictEqual([
        { type: 'Accepted', status: 'True', reason: 'Accepted' },
        { type: 'Programmed', status: 'True', reason: 'Programmed' },
      ]);
    }
  });

  test('tls-cert-cross-namespace: the ReferenceGrant lets the Gateway use the Secret of another namespace', () => {
    const report = analyzer.analyze(load('tls-cert-cross-namespace.yaml'), UNKNOWN);
    expect(listenerStatus(report.objects, 'gateway-api-example-ns1', 'cross-namespace-tls-gateway', 'https').conditions[2].reason).toBe('ResolvedRefs');
    const withoutGrant = analyzer.analyze(load('tls-cert-cross-namespace.yaml').filter((o) => o.kind !== 'ReferenceGrant'), UNKNOWN);
    expect(listenerStatus(withoutGrant.objects, 'gateway-api-example-ns1', 'cross-namespace-tls-gateway', 'https').conditions[2].reason).toBe('RefNotPermitted');
  });
});
