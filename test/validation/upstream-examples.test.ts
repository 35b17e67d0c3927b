import * as path from 'path';
import { documents, experimental, standard } from './helpers';
import { GatewayApiValidator } from '../../src/validation';
import { listFiles, sharedPath } from '../support/shared';

/**
 * Every invalid example of the release, with the violations the API server reports for it: [field path, message
 * substring]. The message is the CRD's own (x-kubernetes-validations message or OpenAPI violation).
 */
const INVALID: { [file: string]: Array<[string, string]> } = {
  'standard/gateway/duplicate-listeners.yaml': [
    ['spec.listeners', 'Listener name must be unique within the Gateway'],
    ['spec.listeners[1]', 'Duplicate value: {"name":"same"}'],
  ],
  'standard/gateway/hostname-tcp.yaml': [['spec.listeners', "hostname must not be specified for protocols ['TCP', 'UDP']"]],
  'standard/gateway/hostname-udp.yaml': [['spec.listeners', "hostname must not be specified for protocols ['TCP', 'UDP']"]],
  'standard/gateway/invalid-addresses.yaml': [
    ['spec.addresses[0]', 'spec.addresses[0] in body must validate one and only one schema (oneOf). Found none valid'],
    ['spec.addresses[5]', 'spec.addresses[5].value must be of type ipv4: "1.1.1"'],
    ['spec.addresses[8]', 'spec.addresses[8].value must be of type ipv4: "256.255.255.255"'],
    ['spec.addresses[9]', 'Hostname value must be empty or contain only valid characters'],
  ],
  'standard/gateway/invalid-listener-name.yaml': [['spec.listeners[0].name', 'Invalid value: "bad>": spec.listeners[0].name in body should match']],
  'standard/gateway/invalid-listener-port.yaml': [['spec.listeners[0].port', 'Invalid value: 123456789: spec.listeners[0].port in body should be less than or equal to 65535']],
  'standard/gateway/invalid-tls-mode.yaml': [['spec.listeners', 'tls mode must be Terminate for protocol HTTPS']],
  'standard/gateway/tlsconfig-tcp.yaml': [['spec.listeners', "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"]],
  'standard/gatewayclass/invalid-controller.yaml': [['spec.controllerName', 'Invalid value: "example": spec.controllerName in body should match']],
  'standard/httproute/duplicate-header-match.yaml': [['spec.rules[0].matches[0].headers[1]', 'Duplicate value: {"name":"foo"}']],
  'standard/httproute/duplicate-query-match.yaml': [['spec.rules[0].matches[0].queryParams[1]', 'Duplicate value: {"name":"foo"}']],
  'standard/httproute/httproute-portless-backend.yaml': [['spec.rules[0].backendRefs[0]', 'Must have port for Service reference']],
  'standard/httproute/httproute-portless-service.yaml': [['spec.rules[0].backendRefs[0]', 'Must have port for Service reference']],
  'standard/httproute/invalid-backend-group.yaml': [['spec.rules[0].backendRefs[0].group', 'Invalid value: "*": spec.rules[0].backendRefs[0].group in body should match']],
  'standard/httproute/invalid-backend-kind.yaml': [['spec.rules[0].backendRefs[0].kind', 'Invalid value: "*": spec.rules[0].backendRefs[0].kind in body should match']],
  'standard/httproute/invalid-backend-port.yaml': [['spec.rules[0].backendRefs[0].port', 'should be less than or equal to 65535']],
  'standard/httproute/invalid-filter-duplicate-header.yaml': [['spec.rules[0].filters[0].requestHeaderModifier.remove[1]', 'Duplicate value: "foo"']],
  'standard/httproute/invalid-filter-duplicate.yaml': [['spec.rules[0].filters', 'RequestHeaderModifier filter cannot be repeated']],
  'standard/httproute/invalid-filter-empty.yaml': [['spec.rules[0].filters[0]', 'filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type']],
  'standard/httproute/invalid-filter-wrong-field.yaml': [
    ['spec.rules[0].filters[0]', 'filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type'],
    ['spec.rules[0].filters[0]', 'filter.requestRedirect must be nil if the filter.type is not RequestRedirect'],
  ],
  'standard/httproute/invalid-header-name.yaml': [['spec.rules[0].matches[0].headers[0].name', 'Invalid value: "magic/": spec.rules[0].matches[0].headers[0].name in body should match']],
  'standard/httproute/invalid-hostname.yaml': [['spec.hostnames[0]', 'Invalid value: "http://a<": spec.hostnames[0] in body should match']],
  'standard/httproute/invalid-httpredirect-hostname.yaml': [
    ['spec.rules[0].filters[0].requestRedirect.hostname', 'Invalid value: "*.gateway.networking.k8s.io"'],
    ['spec.rules[0]', 'RequestRedirect filter must not be used together with backendRefs'],
  ],
  'standard/httproute/invalid-method.yaml': [['spec.rules[0].matches[0].method', 'Unsupported value: "NOTREAL": supported values: "GET", "HEAD"']],
  'standard/httproute/invalid-path-alphanum-specialchars-mix.yaml': [['spec.rules[0].matches[0].path', "must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types ['Exact', 'PathPrefix']"]],
  'standard/httproute/invalid-path-specialchars.yaml': [['spec.rules[0].matches[0].path', "must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types ['Exact', 'PathPrefix']"]],
  'standard/httproute/invalid-request-redirect-with-backendref.yaml': [['spec.rules[0]', 'RequestRedirect filter must not be used together with backendRefs']],
  'standard/referencegrant/missing-from.yaml': [['spec.from', 'Required value']],
  'standard/referencegrant/missing-ns.yaml': [['spec.from[0].namespace', 'Required value']],
  'standard/referencegrant/missing-to.yaml': [['spec.to', 'Required value']],
  'standard/tlsroute/invalid-hostname.yaml': [
    ['spec.hostnames', 'Hostnames must be valid based on RFC-1123'],
    ['spec.hostnames[0]', 'spec.hostnames[0] in body should match'],
  ],
  'standard/tlsroute/no-hostname.yaml': [['spec.hostnames', 'Required value']],
  'experimental/httproute/invalid-filter-externalauth-bad-http-path.yaml': [['spec.rules[0].filters[0].externalAuth.http.path', 'Invalid value: "/[]"']],
  'experimental/httproute/invalid-filter-externalauth-empty.yaml': [['spec.rules[0].filters[0]', 'filter.externalAuth must be specified for ExternalAuth filter.type']],
  'experimental/httproute/invalid-filter-externalauth-no-protocol.yaml': [['spec.rules[0].filters[0].externalAuth.protocol', 'Required value']],
  'experimental/httproute/invalid-header-value.yaml': [['spec.rules[0].filters[0].responseHeaderModifier.add[0].value', "in body should match '^[!-~]+([\\t ]?[!-~]+)*$'"]],
};

function validatorFor(relative: string): GatewayApiValidator {
  return relative.startsWith('experimental/') ? experimental : standard;
}

describe('invalid examples of the release', () => {
  const base = sharedPath('invalid-examples');
  const files = listFiles(base).map((f) => path.relative(base, f));

  test('every invalid example has expected messages in the table', () => {
    expect(files.filter((f) => !(f in INVALID))).toStrictEqual([]);
    expect(Object.keys(INVALID).filter((f) => !files.includes(f))).toStrictEqual([]);
  });

  test.each(Object.entries(INVALID))('fails for %s with the CRD message', (relative, expected) => {
    const docs = documents(path.join(base, relative));
    expect(docs).toHaveLength(1);
    const result = validatorFor(relative).validate(docs[0]);
    expect(result.skipped).toBe(false);
    expect(result.valid).toBe(false);
    for (const [field, message] of expected) {
      expect(result.errors).toContainEqual({ path: field, message: expect.stringContaining(message) });
    }
  });
});

describe('examples of the release', () => {
  const base = sharedPath('examples');
  const files = listFiles(base).map((f) => path.relative(base, f));

  test('there are examples of both channels', () => {
    expect(files.filter((f) => f.startsWith('standard/')).length).toBeGreaterThan(50);
    expect(files.filter((f) => f.startsWith('experimental/')).length).toBeGreaterThan(5);
  });

  test.each(files)('%s validates clean in its channel', (relative) => {
    const results = validatorFor(relative).validateAll(documents(path.join(base, relative)));
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => !r.valid).map((r) => ({ kind: r.kind, name: r.name, errors: r.errors }))).toStrictEqual([]);
  });

  test('the examples contain Gateway API objects of every standard kind that has one', () => {
    const kinds = new Set(files.filter((f) => f.startsWith('standard/'))
      .flatMap((f) => documents(path.join(base, f)))
      .filter((d) => GatewayApiValidator.isGatewayApiObject(d))
      .map((d) => d.kind));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['BackendTLSPolicy', 'GRPCRoute', 'Gateway', 'GatewayClass', 'HTTPRoute', 'ListenerSet', 'ReferenceGrant', 'TCPRoute', 'TLSRoute', 'UDPRoute']));
  });
});
