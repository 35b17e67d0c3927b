import * as fs from 'fs';
import * as path from 'path';
import {
  ACCEPTED, GW, GW_V1, RESOLVED, brief, gateway, gatewayClass, httpRoute, listenerSet, listenerStatus, notAccepted,
  parentRef, platform, referenceGrant, route, routeConditions, rule, secret, service, statusOf,
} from './fixtures';
import { GatewayApiAnalyzer, MissingReferencePolicy } from '../../src/analysis';
import { _V1_6_1_CONDITION_CONSTANTS } from '../../src/analysis/conditions';

const analyzer = new GatewayApiAnalyzer();

function configMap(ns: string, name: string, data: Record<string, string> = { 'ca.crt': 'PEM' }): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data };
}

function policy(ns: string, name: string, spec: any, creationTimestamp?: string): any {
  return { apiVersion: GW_V1, kind: 'BackendTLSPolicy', metadata: { name, namespace: ns, ...(creationTimestamp ? { creationTimestamp } : {}) }, spec };
}

function tlsPolicy(name: string, extra: any = {}, caName = 'store-ca', creationTimestamp?: string): any {
  return policy('team-a', name, {
    targetRefs: [{ group: '', kind: 'Service', name: 'store', ...extra }],
    validation: { hostname: 'store.internal', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: caName }] },
  }, creationTimestamp);
}

const storeRoute = () => httpRoute('team-a', 'store', { parentRefs: [parentRef('https')], hostnames: ['store.example.com'], rules: [rule()] });

function findings(report: any): string[][] {
  return report.findings.map((f: any) => [f.severity, f.objectRef.kind, f.conditionType, f.reason]);
}

describe('BackendTLSPolicy status (GEP-1897)', () => {
  test('one ancestor per Gateway whose accepted routes reach the Service, in the upstream shape', () => {
    const report = analyzer.analyze([...platform(), configMap('team-a', 'store-ca'), storeRoute(), tlsPolicy('store-tls')]);
    expect(report.findings).toStrictEqual([]);
    const status = statusOf(report.objects, 'BackendTLSPolicy', 'team-a', 'store-tls');
    expect(Object.keys(status)).toStrictEqual(['ancestors']);
    expect(status.ancestors.map((a: any) => ({ ...a, conditions: brief(a.conditions) }))).toStrictEqual([{
      ancestorRef: { group: GW, kind: 'Gateway', namespace: 'infra', name: 'shared' },
      controllerName: 'example.net/gateway-controller',
      conditions: [ACCEPTED, RESOLVED],
    }]);
  });

  test('no route reaches the Service: an empty ancestors list (the policy is relevant to no Gateway)', () => {
    const report = analyzer.analyze([...platform(), configMap('team-a', 'store-ca'), tlsPolicy('store-tls')]);
    expect(statusOf(report.objects, 'BackendTLSPolicy', 'team-a', 'store-tls')).toStrictEqual({ ancestors: [] });
    // a route that is not accepted does not make its Gateway an ancestor
    const rejected = httpRoute('sandbox', 'store', { parentRefs: [parentRef('https')], rules: [rule({ name: 'store', namespace: 'team-a', port: 8080 })] });
    const r2 = analyzer.analyze([...platform(), configMap('team-a', 'store-ca'), rejected, tlsPolicy('store-tls')]);
    expect(statusOf(r2.objects, 'BackendTLSPolicy', 'team-a', 'store-tls').ancestors).toStrictEqual([]);
  });

  test('fails if the CA ConfigMap is missing: ResolvedRefs InvalidCACertificateRef and Accepted NoValidCACertificate (one error)', () => {
    const report = analyzer.analyze([...platform(), storeRoute(), tlsPolicy('store-tls')]);
    const a = statusOf(report.objects, 'BackendTLSPolicy', 'team-a', 'store-tls').ancestors[0];
    expect(brief(a.conditions)).toStrictEqual([notAccepted('NoValidCACertificate'), { type: 'ResolvedRefs', status: 'False', reason: 'InvalidCACertificateRef' }]);
    expect(findings(report)).toStrictEqual([['error', 'BackendTLSPolicy', 'ResolvedRefs', 'InvalidCACertificateRef']]);
    expect(report.findings[0].message).toMatch(/caCertificateRefs\[0\] ConfigMap "store-ca" does not exist in namespace "team-a".*NoValidCACertificate/);
    expect(report.findings[0].fix).toMatch(/kubectl create configmap/);
    // with a partial input, a ConfigMap outside the input is assumed to exist
    expect(analyzer.analyze([...platform(), storeRoute(), tlsPolicy('store-tls')], { missingReferences: MissingReferencePolicy.UNKNOWN }).findings).toStrictEqual([]);
  });

  test('InvalidCACertificateRef for a ConfigMap without ca.crt; InvalidKind for an unsupported kind; one valid ref keeps it Accepted', () => {
    const noKey = analyzer.analyze([...platform(), configMap('team-a', 'store-ca', { 'tls.crt': 'x' }), storeRoute(), tlsPolicy('store-tls')]);
    const a = statusOf(noKey.objects, 'BackendTLSPolicy', 'team-a', 'store-tls').ancestors[0];
    expect(a.conditions[1].reason).toBe('InvalidCACertificateRef');
    expect(a.conditions[1].message).toContain('has no key "ca.crt" (keys: tls.crt)');

    const kind = policy('team-a', 'k', { targetRefs: [{ group: '', kind: 'Service', name: 'store' }], validation: { hostname: 'h', caCertificateRefs: [{ group: 'example.com', kind: 'Bundle', name: 'b' }] } });
    const r = analyzer.analyze([...platform(), storeRoute(), kind]);
    expect(brief(statusOf(r.objects, 'BackendTLSPolicy', 'team-a', 'k').ancestors[0].conditions)).toStrictEqual([
      notAccepted('NoValidCACertificate'), { type: 'ResolvedRefs', status: 'False', reason: 'InvalidKind' },
    ]);

    const mixed = policy('team-a', 'm', {
      targetRefs: [{ group: '', kind: 'Service', name: 'store' }],
      validation: { hostname: 'h', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'store-ca' }, { group: '', kind: 'ConfigMap', name: 'gone' }] },
    });
    const m = analyzer.analyze([...platform(), configMap('team-a', 'store-ca'), storeRoute(), mixed]);
    expect(brief(statusOf(m.objects, 'BackendTLSPolicy', 'team-a', 'm').ancestors[0].conditions)).toStrictEqual([
      ACCEPTED, { type: 'ResolvedRefs', status: 'False', reason: 'InvalidCACertificateRef' },
    ]);
  });

  test('conflicts on the same Service and sectionName: the older policy wins, then the alphabetically first; with and without sectionName do not conflict', () => {
    const older = tlsPolicy('zz-older', {}, 'store-ca', '2025-01-01T00:00:00Z');
    const newer = tlsPolicy('aa-newer', {}, 'store-ca', '2026-01-01T00:00:00Z');
    const base = [...platform(), configMap('team-a', 'store-ca'), storeRoute()];
    const r = analyzer.analyze([...base, newer, older]);
    expect(statusOf(r.objects, 'BackendTLSPolicy', 'team-a', 'zz-older').ancestors[0].conditions[0].reason).toBe('Accepted');
    const lost = statusOf(r.objects, 'BackendTLSPolicy', 'team-a', 'aa-newer').ancestors[0].conditions[0];
    expect([lost.status, lost.reason]).toStrictEqual(['False', 'Conflicted']);
    expect(lost.message).toContain('BackendTLSPolicy team-a/zz-older also targets Service team-a/store and takes precedence: it is older');
    expect(findings(r)).toStrictEqual([['error', 'BackendTLSPolicy', 'Accepted', 'Conflicted']]);

    // no timestamps (manifests before apply): alphabetical by name
    const byName = analyzer.analyze([...base, tlsPolicy('b'), tlsPolicy('a')]);
    expect(statusOf(byName.objects, 'BackendTLSPolicy', 'team-a', 'a').ancestors[0].conditions[0].reason).toBe('Accepted');
    expect(statusOf(byName.objects, 'BackendTLSPolicy', 'team-a', 'b').ancestors[0].conditions[0].reason).toBe('Conflicted');

    const svc = service('team-a', 'store', [{ name: 'http', port: 8080 }]);
    const sectioned = [...base.filter((o) => !(o.kind === 'Service' && o.metadata.name === 'store')), svc];
    const both = analyzer.analyze([...sectioned, tlsPolicy('with', { sectionName: 'http' }), tlsPolicy('without')]);
    expect(both.findings).toStrictEqual([]);
    const same = analyzer.analyze([...sectioned, tlsPolicy('one', { sectionName: 'http' }), tlsPolicy('two', { sectionName: 'http' })]);
    expect(statusOf(same.objects, 'BackendTLSPolicy', 'team-a', 'two').ancestors[0].conditions[0].reason).toBe('Conflicted');
  });

  test('fails if sectionName is not a port name of the Service (TargetNotFound); a missing Service is a warning', () => {
    const r = analyzer.analyze([...platform(), configMap('team-a', 'store-ca'), storeRoute(), tlsPolicy('p', { sectionName: 'https' })]);
    const a = statusOf(r.objects, 'BackendTLSPolicy', 'team-a', 'p').ancestors[0].conditions[0];
    expect([a.status, a.reason]).toStrictEqual(['False', 'TargetNotFound']);
    expect(a.message).toContain('has no port named "https"');
    expect(findings(r)).toStrictEqual([['error', 'BackendTLSPolicy', 'Accepted', 'TargetNotFound']]);
  });

  test('wellKnownCACertificates has implementation-specific support: Accepted Unknown with the reason', () => {
    const p = policy('team-a', 'system', { targetRefs: [{ group: '', kind: 'Service', name: 'store' }], validation: { hostname: 'h', wellKnownCACertificates: 'System' } });
    const r = analyzer.analyze([...platform(), storeRoute(), p]);
    const c = statusOf(r.objects, 'BackendTLSPolicy', 'team-a', 'system').ancestors[0].conditions;
    expect(brief(c)).toStrictEqual([{ type: 'Accepted', status: 'Unknown', reason: 'Pending' }, RESOLVED]);
    expect(c[0].message).toMatch(/implementation-specific.*Invalid.*not knowable offline/);
  });

  test('a cross-namespace backend counts only with a ReferenceGrant; the policy lives in the Service\'s namespace', () => {
    const auth = policy('shared-services', 'auth-tls', { targetRefs: [{ group: '', kind: 'Service', name: 'auth' }], validation: { hostname: 'auth', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }] } });
    const r = httpRoute('team-a', 'auth', { parentRefs: [parentRef('https')], rules: [rule({ name: 'auth', namespace: 'shared-services', port: 8080 })] });
    const base = [...platform(), configMap('shared-services', 'ca'), r, auth];
    expect(statusOf(analyzer.analyze(base).objects, 'BackendTLSPolicy', 'shared-services', 'auth-tls').ancestors).toStrictEqual([]);
    const grant = referenceGrant('shared-services', 'g', [{ group: GW, kind: 'HTTPRoute', namespace: 'team-a' }], [{ group: '', kind: 'Service' }]);
    expect(statusOf(analyzer.analyze([...base, grant]).objects, 'BackendTLSPolicy', 'shared-services', 'auth-tls').ancestors.map((a: any) => a.ancestorRef.name)).toStrictEqual(['shared']);
  });
});

describe('Gateway TLS references', () => {
  const https = (extra: any = {}) => ({ name: 'https', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ name: 'cert' }] }, allowedRoutes: { namespaces: { from: 'All' } }, ...extra });
  const http = { name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } };
  const edgeRoute = (section: string) => httpRoute('team-a', `r-${section}`, { parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: section }], rules: [rule()] });

  test('a malformed certificate Secret: ResolvedRefs InvalidCertificateRef, Programmed False; routes still attach (attachedRoutes)', () => {
    for (const bad of [
      { ...secret('infra', 'cert'), data: { 'tls.crt': 'x' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cert', namespace: 'infra' }, type: 'Opaque', stringData: { 'ca.crt': 'x' } },
    ]) {
      const report = analyzer.analyze([...platform(), bad, gateway('infra', 'edge', [https()]), edgeRoute('https')]);
      const l = listenerStatus(report.objects, 'infra', 'edge', 'https');
      expect(brief(l.conditions)).toStrictEqual([
        { type: 'Accepted', status: 'True', reason: 'Accepted' },
        { type: 'Programmed', status: 'False', reason: 'Invalid' },
        { type: 'ResolvedRefs', status: 'False', reason: 'InvalidCertificateRef' },
        { type: 'Conflicted', status: 'False', reason: 'NoConflicts' },
      ]);
      expect(l.attachedRoutes).toBe(1);
      expect(l.conditions[2].message).toMatch(/certificateRef Secret infra\/cert has no (tls.key|tls.crt or tls.key) key \(keys: (tls.crt|ca.crt)\)/);
    }
    const ok = { ...secret('infra', 'cert'), data: { 'tls.crt': 'x', 'tls.key': 'y' } };
    expect(analyzer.analyze([...platform(), ok, gateway('infra', 'edge', [https()])]).findings).toStrictEqual([]);
    // no data in the input: the content is not known offline (filled in by cert-manager, an operator…), not an error
    const empty = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cert', namespace: 'infra' } };
    expect(analyzer.analyze([...platform(), empty, gateway('infra', 'edge', [https()])]).findings).toStrictEqual([]);
  });

  const withValidation = (validation: any, listeners = [http, https()]) => gateway('infra', 'edge', listeners, { tls: { frontend: { default: { validation } } } });

  test('frontend validation with a missing CA ConfigMap: the HTTPS listener is ResolvedRefs InvalidCACertificateRef, Accepted NoValidCACertificate; HTTP is untouched', () => {
    const report = analyzer.analyze([...platform(), secret('infra', 'cert'), withValidation({ caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'client-ca' }] })]);
    expect(brief(listenerStatus(report.objects, 'infra', 'edge', 'https').conditions)).toStrictEqual([
      { type: 'Accepted', status: 'False', reason: 'NoValidCACertificate' },
      { type: 'Programmed', status: 'False', reason: 'Invalid' },
      { type: 'ResolvedRefs', status: 'False', reason: 'InvalidCACertificateRef' },
      { type: 'Conflicted', status: 'False', reason: 'NoConflicts' },
    ]);
    expect(brief(listenerStatus(report.objects, 'infra', 'edge', 'http').conditions)[0]).toStrictEqual({ type: 'Accepted', status: 'True', reason: 'Accepted' });
    const gw = statusOf(report.objects, 'Gateway', 'infra', 'edge');
    expect(brief(gw.conditions)).toStrictEqual([
      { type: 'Accepted', status: 'True', reason: 'ListenersNotValid' },
      { type: 'Programmed', status: 'True', reason: 'Programmed' },
      { type: 'ResolvedRefs', status: 'False', reason: 'ListenersNotResolved' },
    ]);
    expect(findings(report)).toStrictEqual([['error', 'Gateway', 'Accepted', 'NoValidCACertificate'], ['error', 'Gateway', 'ResolvedRefs', 'InvalidCACertificateRef']]);
    expect(report.findings[1].fix).toMatch(/ca\.crt/);
    // present: resolves
    const fine = analyzer.analyze([...platform(), secret('infra', 'cert'), configMap('infra', 'client-ca'), withValidation({ caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'client-ca' }] })]);
    expect(fine.findings).toStrictEqual([]);
    expect(brief(statusOf(fine.objects, 'Gateway', 'infra', 'edge').conditions)[2]).toStrictEqual(RESOLVED);
  });

  test('frontend validation: InvalidCACertificateKind for an unsupported kind, RefNotPermitted across namespaces without a ReferenceGrant', () => {
    const kind = analyzer.analyze([...platform(), secret('infra', 'cert'), withValidation({ caCertificateRefs: [{ group: 'example.com', kind: 'Bundle', name: 'x' }] })]);
    expect(listenerStatus(kind.objects, 'infra', 'edge', 'https').conditions[2].reason).toBe('InvalidCACertificateKind');
    const cross = withValidation({ caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'client-ca', namespace: 'shared-services' }] });
    const base = [...platform(), secret('infra', 'cert'), configMap('shared-services', 'client-ca'), cross];
    expect(listenerStatus(analyzer.analyze(base).objects, 'infra', 'edge', 'https').conditions[2].reason).toBe('RefNotPermitted');
    const grant = referenceGrant('shared-services', 'ca', [{ group: GW, kind: 'Gateway', namespace: 'infra' }], [{ group: '', kind: 'ConfigMap', name: 'client-ca' }]);
    expect(analyzer.analyze([...base, grant]).findings).toStrictEqual([]);
  });

  test('perPort overrides the default for HTTPS listeners on that port', () => {
    const gw = gateway('infra', 'edge', [https(), https({ name: 'alt', port: 8443 })], {
      tls: {
        frontend: {
          default: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'gone' }] } },
          perPort: [{ port: 8443, tls: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'client-ca' }] } } }],
        },
      },
    });
    const report = analyzer.analyze([...platform(), secret('infra', 'cert'), configMap('infra', 'client-ca'), gw]);
    expect(listenerStatus(report.objects, 'infra', 'edge', 'https').conditions[0].reason).toBe('NoValidCACertificate');
    expect(listenerStatus(report.objects, 'infra', 'edge', 'alt').conditions[0].reason).toBe('Accepted');
    expect(listenerStatus(report.objects, 'infra', 'edge', 'https').conditions[2].message).toContain('spec.tls.frontend.default.validation.caCertificateRefs[0]');
  });

  test('AllowInsecureFallback: InsecureFrontendValidationMode True ConfigurationChanged and a warning', () => {
    const gw = withValidation({ mode: 'AllowInsecureFallback', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'client-ca' }] });
    const report = analyzer.analyze([...platform(), secret('infra', 'cert'), configMap('infra', 'client-ca'), gw]);
    expect(brief(statusOf(report.objects, 'Gateway', 'infra', 'edge').conditions)[3]).toStrictEqual({ type: 'InsecureFrontendValidationMode', status: 'True', reason: 'ConfigurationChanged' });
    expect(findings(report)).toStrictEqual([['warning', 'Gateway', 'InsecureFrontendValidationMode', 'ConfigurationChanged']]);
  });

  test('tls.backend.clientCertificateRef: InvalidClientCertificateRef (missing, wrong kind, malformed), RefNotPermitted; the Gateway stays Accepted', () => {
    const gw = (ref: any) => gateway('infra', 'edge', [http], { tls: { backend: { clientCertificateRef: ref } } });
    const cases: Array<[any, any[], string]> = [
      [{ name: 'client' }, [], 'InvalidClientCertificateRef'],
      [{ group: 'example.com', kind: 'Cert', name: 'client' }, [], 'InvalidClientCertificateRef'],
      [{ name: 'client' }, [{ ...secret('infra', 'client'), data: { 'ca.crt': 'x' } }], 'InvalidClientCertificateRef'],
      [{ name: 'client', namespace: 'shared-services' }, [secret('shared-services', 'client')], 'RefNotPermitted'],
    ];
    for (const [ref, extra, reason] of cases) {
      const report = analyzer.analyze([...platform(), ...extra, gw(ref)]);
      expect(brief(statusOf(report.objects, 'Gateway', 'infra', 'edge').conditions)).toStrictEqual([
        ACCEPTED, { type: 'Programmed', status: 'True', reason: 'Programmed' }, { type: 'ResolvedRefs', status: 'False', reason },
      ]);
      expect(findings(report)).toStrictEqual([['error', 'Gateway', 'ResolvedRefs', reason]]);
    }
    const ok = analyzer.analyze([...platform(), secret('infra', 'client'), gw({ name: 'client' })]);
    expect(brief(statusOf(ok.objects, 'Gateway', 'infra', 'edge').conditions)[2]).toStrictEqual(RESOLVED);
    // no spec.tls: no Gateway-level ResolvedRefs (the shape stays Accepted + Programmed)
    expect(statusOf(analyzer.analyze([...platform()]).objects, 'Gateway', 'infra', 'shared').conditions).toHaveLength(2);
  });
});

describe('OverlappingTLSConfig (conformance GatewayOverlappingTLSConfigHostnames)', () => {
  const l = (name: string, port: number, hostname?: string) => ({ name, protocol: 'HTTPS', port, ...(hostname ? { hostname } : {}), tls: { certificateRefs: [{ name: 'cert' }] } });

  test('overlapping hostnames on one port mark every listener involved; other ports, disjoint names and identical names (Conflicted) do not', () => {
    const gw = gateway('infra', 'edge', [
      l('foo-https', 443, 'foo.example.com'), l('bar-https', 443, 'bar.example.com'), l('wildcard-https', 443, '*.example.com'),
      l('not-overlapping-https', 443, 'foo.example.org'), l('not-overlapping-other-port', 8443, 'foo.example.com'),
    ]);
    const report = analyzer.analyze([...platform(), secret('infra', 'cert'), gw]);
    const overlap = (name: string) => listenerStatus(report.objects, 'infra', 'edge', name).conditions.find((c: any) => c.type === 'OverlappingTLSConfig');
    for (const name of ['foo-https', 'bar-https', 'wildcard-https']) {
      expect([overlap(name)?.status, overlap(name)?.reason]).toStrictEqual(['True', 'OverlappingHostnames']);
    }
    expect(overlap('not-overlapping-https')).toBeUndefined();
    expect(overlap('not-overlapping-other-port')).toBeUndefined();
    expect(overlap('wildcard-https').message).toContain('overlaps with listener "foo-https" of Gateway infra/edge (hostname foo.example.com), listener "bar-https"');
    expect(report.findings.map((f) => [f.severity, f.listener, f.reason])).toStrictEqual([
      ['warning', 'infra/edge/foo-https', 'OverlappingHostnames'], ['warning', 'infra/edge/bar-https', 'OverlappingHostnames'], ['warning', 'infra/edge/wildcard-https', 'OverlappingHostnames'],
    ]);
    // a ListenerSet listener is compared with the Gateway's listeners on its port
    const open = gateway('infra', 'open', [l('wild', 443, '*.example.com')], { allowedListeners: { namespaces: { from: 'All' } } });
    const ls = listenerSet('team-a', 'ls', { name: 'open', namespace: 'infra' }, [l('shop', 443, 'shop.example.com')]);
    const r2 = analyzer.analyze([...platform(), secret('infra', 'cert'), secret('team-a', 'cert'), open, ls]);
    expect(listenerStatus(r2.objects, 'team-a', 'ls', 'shop', 'ListenerSet').conditions[4].reason).toBe('OverlappingHostnames');
    expect(listenerStatus(r2.objects, 'infra', 'open', 'wild').conditions[4].reason).toBe('OverlappingHostnames');
  });
});

describe('GatewayClass parametersRef, Gateway parameters and what cannot be known offline', () => {
  const withParams = (ref: any) => ({ ...gatewayClass(), spec: { controllerName: 'example.net/gateway-controller', parametersRef: ref } });

  test('a parametersRef to nothing: the class is InvalidParameters; its Gateways stay Pending (Unknown) and say why', () => {
    const objects = [...platform().filter((o) => o.kind !== 'GatewayClass'), withParams({ group: 'example.net', kind: 'Config', name: 'lb' })];
    const report = analyzer.analyze(objects);
    expect(brief(statusOf(report.objects, 'GatewayClass', undefined, 'shared').conditions)).toStrictEqual([
      { type: 'Accepted', status: 'False', reason: 'InvalidParameters' },
      { type: 'SupportedVersion', status: 'Unknown', reason: 'Pending' },
    ]);
    const gw = statusOf(report.objects, 'Gateway', 'infra', 'shared').conditions;
    expect(brief(gw)).toStrictEqual([{ type: 'Accepted', status: 'Unknown', reason: 'Pending' }, { type: 'Programmed', status: 'Unknown', reason: 'Pending' }]);
    expect(gw[0].message).toMatch(/GatewayClass shared is not accepted \(InvalidParameters: spec.parametersRef example.net\/Config lb does not exist.\)/);
    expect(findings(report)).toStrictEqual([['error', 'GatewayClass', 'Accepted', 'InvalidParameters'], ['error', 'Gateway', 'Accepted', 'Pending']]);
    // routes to such a Gateway: Accepted Unknown (nothing says the controller reconciles them), not counted as attached
    const withRoute = analyzer.analyze([...objects, storeRoute()]);
    expect(routeConditions(withRoute.objects, 'team-a', 'store')).toStrictEqual([{ type: 'Accepted', status: 'Unknown', reason: 'Pending' }, RESOLVED]);
    expect(listenerStatus(withRoute.objects, 'infra', 'shared', 'https').attachedRoutes).toBe(0);
    expect(findings(withRoute)).toStrictEqual(findings(report));

    const cm = withParams({ group: '', kind: 'ConfigMap', name: 'lb', namespace: 'infra' });
    const present = analyzer.analyze([...objects.filter((o) => o.kind !== 'GatewayClass'), cm, configMap('infra', 'lb', {})]);
    expect(brief(statusOf(present.objects, 'GatewayClass', undefined, 'shared').conditions)[0]).toStrictEqual(ACCEPTED);
    expect(present.findings).toStrictEqual([]);
    const noNs = analyzer.analyze([...objects.filter((o) => o.kind !== 'GatewayClass'), withParams({ group: '', kind: 'ConfigMap', name: 'lb' })], { missingReferences: MissingReferencePolicy.UNKNOWN });
    expect(statusOf(noNs.objects, 'GatewayClass', undefined, 'shared').conditions[0].message).toContain('parametersRef.namespace is required');
  });

  test('a Gateway whose infrastructure.parametersRef points to nothing: Accepted False InvalidParameters, ListenerSets ParentNotAccepted', () => {
    const gw = gateway('infra', 'edge', [{ name: 'http', protocol: 'HTTP', port: 80 }], {
      infrastructure: { parametersRef: { group: 'example.net', kind: 'Config', name: 'edge' } },
      allowedListeners: { namespaces: { from: 'All' } },
    });
    const ls = listenerSet('team-a', 'ls', { name: 'edge', namespace: 'infra' }, [{ name: 'extra', protocol: 'HTTP', port: 8080 }]);
    const report = analyzer.analyze([...platform(), gw, ls]);
    expect(brief(statusOf(report.objects, 'Gateway', 'infra', 'edge').conditions)).toStrictEqual([notAccepted('InvalidParameters'), { type: 'Programmed', status: 'False', reason: 'Invalid' }]);
    expect(brief(statusOf(report.objects, 'ListenerSet', 'team-a', 'ls').conditions)[0]).toStrictEqual(notAccepted('ParentNotAccepted'));
  });

  test('static addresses: Programmed Unknown, with what only the implementation and network can tell', () => {
    const gw = gateway('infra', 'edge', [{ name: 'http', protocol: 'HTTP', port: 80 }], { addresses: [{ type: 'IPAddress', value: '10.0.0.7' }] });
    const c = statusOf(analyzer.analyze([...platform(), gw]).objects, 'Gateway', 'infra', 'edge').conditions;
    expect(brief(c)).toStrictEqual([ACCEPTED, { type: 'Programmed', status: 'Unknown', reason: 'Pending' }]);
    expect(c[1].message).toMatch(/IPAddress 10\.0\.0\.7.*UnsupportedAddress.*AddressNotAssigned.*AddressNotUsable.*not knowable offline/);
  });
});

describe('ListenerSet listener conflicts (GEP-1713 precedence)', () => {
  const edge = () => gateway('infra', 'edge', [{ name: 'http', protocol: 'HTTP', port: 80, hostname: 'www.example.com' }], { allowedListeners: { namespaces: { from: 'All' } } });
  const PORT_UNAVAILABLE = (conflict: string) => [
    { type: 'Accepted', status: 'False', reason: 'PortUnavailable' },
    { type: 'Programmed', status: 'False', reason: 'PortUnavailable' },
    { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' },
    { type: 'Conflicted', status: 'True', reason: conflict },
  ];

  test('a ListenerSet listener with the Gateway\'s port and hostname loses (HostnameConflict), naming the Gateway listener', () => {
    const ls = listenerSet('team-a', 'ls', { name: 'edge', namespace: 'infra' }, [
      { name: 'www', protocol: 'HTTP', port: 80, hostname: 'www.example.com' },
      { name: 'api', protocol: 'HTTP', port: 80, hostname: 'api.example.com' },
    ]);
    const report = analyzer.analyze([...platform(), edge(), ls]);
    const www = listenerStatus(report.objects, 'team-a', 'ls', 'www', 'ListenerSet');
    expect(brief(www.conditions)).toStrictEqual(PORT_UNAVAILABLE('HostnameConflict'));
    expect(www.conditions[3].message).toContain('by listener "http" of Gateway infra/edge (HTTP, hostname www.example.com), which takes precedence');
    expect(brief(statusOf(report.objects, 'ListenerSet', 'team-a', 'ls').conditions)[0]).toStrictEqual(ACCEPTED);
    expect(statusOf(report.objects, 'Gateway', 'infra', 'edge').attachedListenerSets).toBe(1);
  });

  test('between ListenerSets: the older wins; without timestamps namespace/name decides (not the input order)', () => {
    const a = listenerSet('team-b', 'a', { name: 'edge', namespace: 'infra' }, [{ name: 'api', protocol: 'HTTP', port: 8080, hostname: 'api.example.com' }]);
    const b = listenerSet('team-a', 'b', { name: 'edge', namespace: 'infra' }, [{ name: 'api', protocol: 'HTTP', port: 8080, hostname: 'api.example.com' }]);
    const byName = analyzer.analyze([...platform(), edge(), a, b]);
    // team-a/b sorts before team-b/a
    expect(brief(listenerStatus(byName.objects, 'team-b', 'a', 'api', 'ListenerSet').conditions)).toStrictEqual(PORT_UNAVAILABLE('HostnameConflict'));
    expect(listenerStatus(byName.objects, 'team-b', 'a', 'api', 'ListenerSet').conditions[3].message).toContain('listener "api" of ListenerSet team-a/b');
    expect(brief(statusOf(byName.objects, 'ListenerSet', 'team-b', 'a').conditions)[0]).toStrictEqual(notAccepted('ListenersNotValid'));
    expect(statusOf(byName.objects, 'Gateway', 'infra', 'edge').attachedListenerSets).toBe(1);

    a.metadata.creationTimestamp = '2025-01-01T00:00:00Z';
    b.metadata.creationTimestamp = '2026-01-01T00:00:00Z';
    const byAge = analyzer.analyze([...platform(), edge(), b, a]);
    expect(brief(listenerStatus(byAge.objects, 'team-a', 'b', 'api', 'ListenerSet').conditions)).toStrictEqual(PORT_UNAVAILABLE('HostnameConflict'));
    expect(brief(listenerStatus(byAge.objects, 'team-b', 'a', 'api', 'ListenerSet').conditions)[0]).toStrictEqual(ACCEPTED);
  });

  test('conflicts inside one ListenerSet mark every listener involved (ProtocolConflict)', () => {
    const ls = listenerSet('team-a', 'ls', { name: 'edge', namespace: 'infra' }, [
      { name: 'plain', protocol: 'HTTP', port: 9000 },
      { name: 'raw', protocol: 'TCP', port: 9000 },
    ]);
    const report = analyzer.analyze([...platform(), edge(), ls]);
    for (const l of ['plain', 'raw']) {
      expect(listenerStatus(report.objects, 'team-a', 'ls', l, 'ListenerSet').conditions[3].reason).toBe('ProtocolConflict');
    }
  });
});

describe('several TCP/UDP/TLS routes on one listener', () => {
  const l4 = () => gateway('infra', 'l4', [
    { name: 'tcp', protocol: 'TCP', port: 5432, allowedRoutes: { namespaces: { from: 'All' } } },
    { name: 'tls', protocol: 'TLS', port: 443, tls: { mode: 'Passthrough' }, allowedRoutes: { namespaces: { from: 'All' } } },
  ]);
  const tcp = (name: string, ts?: string) => {
    const r = route('TCPRoute', 'team-a', name, { parentRefs: [{ name: 'l4', namespace: 'infra', sectionName: 'tcp' }], rules: [rule()] });
    if (ts) r.metadata.creationTimestamp = ts;
    return r;
  };

  test('every TCPRoute is Accepted (attachedRoutes counts them); the ones that cannot receive traffic are warned about, with the spec\'s gap said', () => {
    const report = analyzer.analyze([...platform(), l4(), tcp('newer', '2026-01-01T00:00:00Z'), tcp('older', '2025-01-01T00:00:00Z')]);
    expect(routeConditions(report.objects, 'team-a', 'newer', 0, 'TCPRoute')).toStrictEqual([ACCEPTED, RESOLVED]);
    expect(routeConditions(report.objects, 'team-a', 'older', 0, 'TCPRoute')).toStrictEqual([ACCEPTED, RESOLVED]);
    expect(listenerStatus(report.objects, 'infra', 'l4', 'tcp').attachedRoutes).toBe(2);
    expect(findings(report)).toStrictEqual([['warning', 'TCPRoute', 'Shadowed', 'RouteShadowed']]);
    expect(report.findings[0].objectRef.name).toBe('newer');
    expect(report.findings[0].message).toMatch(/leaves the outcome to the implementation \(GEP-2644.*it would be TCPRoute team-a\/older/);
  });

  test('TLSRoutes: only the same SNI hostname on the same listener shadows', () => {
    const tls = (name: string, hostnames: string[]) => route('TLSRoute', 'team-a', name, { parentRefs: [{ name: 'l4', namespace: 'infra', sectionName: 'tls' }], hostnames, rules: [rule()] });
    const same = analyzer.analyze([...platform(), l4(), tls('a', ['db.example.com']), tls('b', ['db.example.com'])]);
    expect(findings(same)).toStrictEqual([['warning', 'TLSRoute', 'Shadowed', 'RouteShadowed']]);
    expect(same.findings[0].message).toContain('same SNI hostname db.example.com');
    expect(analyzer.analyze([...platform(), l4(), tls('a', ['db.example.com']), tls('b', ['cache.example.com'])]).findings).toStrictEqual([]);
  });
});

describe('mesh (GAMMA) routes: parentRef to a Service', () => {
  const meshRoute = (ns: string, name: string, pr: any, kind = 'HTTPRoute') => route(kind, ns, name, { parentRefs: [{ group: '', kind: 'Service', ...pr }], rules: [rule({ name: 'store', namespace: 'team-a', port: 8080 })] });

  test('a producer route (same namespace) and a consumer route (another namespace, no ReferenceGrant needed for the parent) are Accepted', () => {
    const grant = referenceGrant('team-a', 'b', [{ group: GW, kind: 'HTTPRoute', namespace: 'team-b' }], [{ group: '', kind: 'Service' }]);
    const report = analyzer.analyze([...platform(), grant, meshRoute('team-a', 'producer', { name: 'store', port: 8080 }), meshRoute('team-b', 'consumer', { name: 'store', namespace: 'team-a' })]);
    expect(report.findings).toStrictEqual([]);
    const p = statusOf(report.objects, 'HTTPRoute', 'team-a', 'producer').parents[0];
    expect(p.parentRef).toStrictEqual({ group: '', kind: 'Service', name: 'store', port: 8080 });
    expect(p.controllerName).toBe('unknown-controller/mesh');
    expect(brief(p.conditions)).toStrictEqual([ACCEPTED, RESOLVED]);
    expect(p.conditions[0].message).toContain('producer route');
    expect(statusOf(report.objects, 'HTTPRoute', 'team-b', 'consumer').parents[0].conditions[0].message).toContain('consumer route: applies only to requests from namespace "team-b"');
    expect(report.routeResults.map((r) => [r.route.name, r.accepted, r.parentMissing])).toStrictEqual([['producer', 'True', false], ['consumer', 'True', false]]);
  });

  test('fails if the port is not a port of the Service (NoMatchingParent); a missing Service gets no status entry', () => {
    const report = analyzer.analyze([...platform(), meshRoute('team-a', 'bad-port', { name: 'store', port: 9090 }), meshRoute('team-a', 'gone', { name: 'nope' })]);
    expect(routeConditions(report.objects, 'team-a', 'bad-port')).toStrictEqual([notAccepted('NoMatchingParent'), RESOLVED]);
    expect(statusOf(report.objects, 'HTTPRoute', 'team-a', 'gone')).toStrictEqual({ parents: [] });
    expect(findings(report)).toStrictEqual([['error', 'HTTPRoute', 'Accepted', 'NoMatchingParent'], ['error', 'HTTPRoute', 'Accepted', 'NoMatchingParent']]);
    expect(report.findings[0].message).toContain('has no port matching port 9090 (ports: 8080)');
    expect(analyzer.analyze([...platform(), meshRoute('team-a', 'gone', { name: 'nope' })], { missingReferences: MissingReferencePolicy.UNKNOWN }).findings).toStrictEqual([]);
  });

  test('mesh support of L4 routes is implementation-specific: Accepted Unknown', () => {
    const report = analyzer.analyze([...platform(), meshRoute('team-a', 'tcp', { name: 'store' }, 'TCPRoute')]);
    const c = statusOf(report.objects, 'TCPRoute', 'team-a', 'tcp').parents[0].conditions;
    expect(brief(c)[0]).toStrictEqual({ type: 'Accepted', status: 'Unknown', reason: 'Pending' });
    expect(c[0].message).toContain('implementation-specific');
  });
});

describe('docs/analysis.md lists every v1.6.1 condition type and reason constant', () => {
  test('each Go constant of conditions.ts has a row in the table', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'analysis.md'), 'utf-8');
    const missing = _V1_6_1_CONDITION_CONSTANTS.filter((c) => !doc.includes(`| \`${c.goName}\` |`));
    expect(missing.map((c) => c.goName)).toStrictEqual([]);
    expect(new Set(_V1_6_1_CONDITION_CONSTANTS.map((c) => c.goName)).size).toBe(_V1_6_1_CONDITION_CONSTANTS.length);
  });
});
