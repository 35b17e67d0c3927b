import { errorsOf, experimental, gateway, httpRoute, RULES_NOT_CHECKED, standard, V1 } from './helpers';
import { ValidationChannel } from '../../src/validation';

const backend = { name: 'svc', port: 8080 };

describe('Gateway listeners', () => {
  test('a valid HTTPS listener passes', () => {
    expect(errorsOf(gateway({
      listeners: [{ name: 'https', protocol: 'HTTPS', port: 443, hostname: '*.example.com', tls: { certificateRefs: [{ name: 'cert' }] } }],
    }))).toStrictEqual([]);
  });

  test('fails if two listeners have the same name', () => {
    expect(errorsOf(gateway({ listeners: [{ name: 'a', protocol: 'HTTP', port: 80 }, { name: 'a', protocol: 'HTTP', port: 8080 }] })))
      .toStrictEqual([
        'spec.listeners: Listener name must be unique within the Gateway',
        'spec.listeners[1]: Duplicate value: {"name":"a"}',
      ]);
  });

  test('fails if two listeners share port, protocol and hostname', () => {
    expect(errorsOf(gateway({ listeners: [{ name: 'a', protocol: 'HTTP', port: 80 }, { name: 'b', protocol: 'HTTP', port: 80 }] })))
      .toStrictEqual(['spec.listeners: Combination of port, protocol and hostname must be unique for each listener']);
  });

  test('fails if a TCP listener has a hostname', () => {
    expect(errorsOf(gateway({ listeners: [{ name: 'tcp', protocol: 'TCP', port: 9000, hostname: 'a.example.com' }] })))
      .toStrictEqual(["spec.listeners: hostname must not be specified for protocols ['TCP', 'UDP']"]);
  });

  test('fails if the listener port is out of range', () => {
    expect(errorsOf(gateway({ listeners: [{ name: 'a', protocol: 'HTTP', port: 0 }] })))
      .toStrictEqual(['spec.listeners[0].port: Invalid value: 0: spec.listeners[0].port in body should be greater than or equal to 1']);
  });

  test('fails if the listener name is not a DNS subdomain', () => {
    expect(errorsOf(gateway({ listeners: [{ name: 'Web', protocol: 'HTTP', port: 80 }] }))[0])
      .toMatch(/^spec\.listeners\[0\]\.name: Invalid value: "Web": spec\.listeners\[0\]\.name in body should match '/);
  });

  test('fails if there are more than 64 listeners, and skips the rules like the API server', () => {
    const listeners = Array.from({ length: 65 }, (_, i) => ({ name: `l${i}`, protocol: 'HTTP', port: 1000 + i }));
    expect(errorsOf(gateway({ listeners }))).toStrictEqual([
      'spec.listeners: Too many: 65: must have at most 64 items',
      RULES_NOT_CHECKED,
    ]);
  });
});

describe('Gateway TLS', () => {
  test('fails if an HTTPS listener uses Passthrough', () => {
    expect(errorsOf(gateway({ listeners: [{ name: 'a', protocol: 'HTTPS', port: 443, tls: { mode: 'Passthrough' } }] })))
      .toStrictEqual(['spec.listeners: tls mode must be Terminate for protocol HTTPS']);
  });

  test('fails if a TLS listener has no tls mode', () => {
    expect(errorsOf(gateway({ listeners: [{ name: 'a', protocol: 'TLS', port: 443, hostname: 'a.example.com' }] })))
      .toStrictEqual(['spec.listeners: tls mode must be set for protocol TLS']);
  });

  test('fails if Terminate has empty certificateRefs and no options', () => {
    expect(errorsOf(gateway({ listeners: [{ name: 'a', protocol: 'HTTPS', port: 443, tls: { mode: 'Terminate', certificateRefs: [], options: {} } }] })))
      .toStrictEqual(['spec.listeners[0].tls: certificateRefs or options must be specified when mode is Terminate']);
  });

  test('fails if Terminate has neither field: the rule reads an absent field, an evaluation error as in cel-go', () => {
    // size(self.certificateRefs) on an absent field is "no such key" in the API server too
    expect(errorsOf(gateway({ listeners: [{ name: 'a', protocol: 'HTTPS', port: 443, tls: { mode: 'Terminate' } }] })))
      .toStrictEqual(['spec.listeners[0].tls: no such key: certificateRefs evaluating rule: certificateRefs or options must be specified when mode is Terminate']);
  });

  test('applies the default tls mode (Terminate) before the rules', () => {
    // mode defaults to Terminate, so the certificateRefs rule applies even though mode is not written
    expect(errorsOf(gateway({ listeners: [{ name: 'a', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [] } }] })))
      .toStrictEqual(['spec.listeners[0].tls: no such key: options evaluating rule: certificateRefs or options must be specified when mode is Terminate']);
  });

  test('fails if an unknown tls mode is used', () => {
    expect(errorsOf(gateway({ listeners: [{ name: 'a', protocol: 'TLS', port: 443, tls: { mode: 'Terminated' } }] })))
      .toStrictEqual([
        'spec.listeners[0].tls.mode: Unsupported value: "Terminated": supported values: "Terminate", "Passthrough"',
        RULES_NOT_CHECKED,
      ]);
  });
});

describe('HTTPRoute matches', () => {
  const route = (path: any) => httpRoute({ rules: [{ matches: [{ path }], backendRefs: [backend] }] });

  test('a PathPrefix match passes', () => {
    expect(errorsOf(route({ type: 'PathPrefix', value: '/api' }))).toStrictEqual([]);
  });

  test('fails if the path is not absolute', () => {
    expect(errorsOf(route({ type: 'PathPrefix', value: 'api' }))).toStrictEqual([
      "spec.rules[0].matches[0].path: value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']",
    ]);
  });

  test.each([
    ['/a//b', "must not contain '//' when type one of ['Exact', 'PathPrefix']"],
    ['/a/./b', "must not contain '/./' when type one of ['Exact', 'PathPrefix']"],
    ['/a/../b', "must not contain '/../' when type one of ['Exact', 'PathPrefix']"],
    ['/a%2fb', "must not contain '%2f' when type one of ['Exact', 'PathPrefix']"],
    ['/a#b', "must not contain '#' when type one of ['Exact', 'PathPrefix']"],
    ['/a/..', "must not end with '/..' when type one of ['Exact', 'PathPrefix']"],
  ])('fails if the path is %s', (value, message) => {
    expect(errorsOf(route({ type: 'Exact', value }))).toContain(`spec.rules[0].matches[0].path: ${message}`);
  });

  test('RegularExpression paths are not checked for path characters', () => {
    expect(errorsOf(route({ type: 'RegularExpression', value: '^/api/v[0-9]+$' }))).toStrictEqual([]);
  });

  test('applies the default path match (PathPrefix /) when matches have no path', () => {
    expect(errorsOf(httpRoute({ rules: [{ matches: [{ method: 'GET' }], backendRefs: [backend] }] }))).toStrictEqual([]);
  });

  test('fails if a header match is repeated', () => {
    expect(errorsOf(httpRoute({ rules: [{ matches: [{ headers: [{ name: 'x', value: '1' }, { name: 'x', value: '2' }] }] }] })))
      .toStrictEqual(['spec.rules[0].matches[0].headers[1]: Duplicate value: {"name":"x"}']);
  });

  test('fails if there are too many matches across rules', () => {
    const rules = Array.from({ length: 3 }, () => ({ matches: Array.from({ length: 64 }, (_, i) => ({ path: { type: 'PathPrefix', value: `/p${i}` } })) }));
    expect(errorsOf(httpRoute({ rules }))).toStrictEqual([
      'spec.rules: While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128',
    ]);
  });
});

describe('HTTPRoute filters', () => {
  const route = (filters: any[], extra: any = {}) => httpRoute({ rules: [{ filters, backendRefs: [backend], ...extra }] });

  test('fails if the filter field does not match the filter type', () => {
    expect(errorsOf(route([{ type: 'RequestHeaderModifier', responseHeaderModifier: { set: [{ name: 'x', value: 'y' }] } }]))).toStrictEqual([
      'spec.rules[0].filters[0]: filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type',
      'spec.rules[0].filters[0]: filter.responseHeaderModifier must be nil if the filter.type is not ResponseHeaderModifier',
    ]);
  });

  test('fails if RequestRedirect and URLRewrite are combined', () => {
    expect(errorsOf(httpRoute({
      rules: [{
        filters: [
          { type: 'RequestRedirect', requestRedirect: { scheme: 'https' } },
          { type: 'URLRewrite', urlRewrite: { hostname: 'b.example.com' } },
        ],
      }],
    }))).toStrictEqual(['spec.rules[0].filters: May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both']);
  });

  test('fails if a redirect is used with backendRefs', () => {
    expect(errorsOf(route([{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }])))
      .toStrictEqual(['spec.rules[0]: RequestRedirect filter must not be used together with backendRefs']);
  });

  test('fails if ReplacePrefixMatch is used without a single PathPrefix match', () => {
    expect(errorsOf(route(
      [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } }],
      { matches: [{ path: { type: 'Exact', value: '/v1' } }] },
    ))).toStrictEqual(['spec.rules[0]: When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified']);
  });

  test('fails if the rewrite path type does not match the field', () => {
    expect(errorsOf(route([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replacePrefixMatch: '/v2' } } }]))).toStrictEqual([
      "spec.rules[0].filters[0].urlRewrite.path: replaceFullPath must be specified when type is set to 'ReplaceFullPath'",
      "spec.rules[0].filters[0].urlRewrite.path: type must be 'ReplacePrefixMatch' when replacePrefixMatch is set",
    ]);
  });

  test('fails if a mirror sets both percent and fraction', () => {
    expect(errorsOf(route([{ type: 'RequestMirror', requestMirror: { backendRef: backend, percent: 10, fraction: { numerator: 1, denominator: 10 } } }])))
      .toStrictEqual(['spec.rules[0].filters[0].requestMirror: Only one of percent or fraction may be specified in HTTPRequestMirrorFilter']);
  });

  test('fails if a mirror fraction is above 1', () => {
    expect(errorsOf(route([{ type: 'RequestMirror', requestMirror: { backendRef: backend, fraction: { numerator: 20, denominator: 10 } } }])))
      .toStrictEqual(['spec.rules[0].filters[0].requestMirror.fraction: numerator must be less than or equal to denominator']);
  });

  test('fails if a CORS origin wildcard is combined with others', () => {
    expect(errorsOf(route([{ type: 'CORS', cors: { allowOrigins: ['*', 'https://a.example.com'] } }])))
      .toStrictEqual(["spec.rules[0].filters[0].cors.allowOrigins: AllowOrigins cannot contain '*' alongside other origins"]);
  });

  test('fails if a header value has a line break (experimental channel)', () => {
    const withBreak = route([{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x', value: 'a\nb' }] } }]);
    expect(errorsOf(withBreak)).toStrictEqual([]);
    expect(errorsOf(withBreak, experimental)[0])
      .toMatch(/^spec\.rules\[0\]\.filters\[0\]\.requestHeaderModifier\.set\[0\]\.value: Invalid value: "a\\nb": .* in body should match/);
  });
});

describe('HTTPRoute timeouts', () => {
  const route = (timeouts: any) => httpRoute({ rules: [{ timeouts, backendRefs: [backend] }] });

  test('valid timeouts pass', () => {
    expect(errorsOf(route({ request: '10s', backendRequest: '5s' }))).toStrictEqual([]);
  });

  test('fails if backendRequest is longer than request', () => {
    expect(errorsOf(route({ request: '1s', backendRequest: '1m' })))
      .toStrictEqual(['spec.rules[0].timeouts: backendRequest timeout cannot be longer than request timeout']);
  });

  test('a zero request timeout disables the comparison', () => {
    expect(errorsOf(route({ request: '0s', backendRequest: '1h' }))).toStrictEqual([]);
  });

  test('fails if a timeout is not a Gateway API duration', () => {
    expect(errorsOf(route({ request: '1.5s' })))
      .toStrictEqual(['spec.rules[0].timeouts.request: Invalid value: "1.5s": spec.rules[0].timeouts.request in body should match \'^([0-9]{1,5}(h|m|s|ms)){1,4}$\'']);
  });
});

describe('backendRefs', () => {
  test('fails if a Service backend has no port (kind and group are defaulted first)', () => {
    expect(errorsOf(httpRoute({ rules: [{ backendRefs: [{ name: 'svc' }] }] })))
      .toStrictEqual(['spec.rules[0].backendRefs[0]: Must have port for Service reference']);
  });

  test('a backend of another kind needs no port', () => {
    expect(errorsOf(httpRoute({ rules: [{ backendRefs: [{ group: 'example.com', kind: 'Bucket', name: 'b' }] }] }))).toStrictEqual([]);
  });

  test('fails if the weight is negative', () => {
    expect(errorsOf(httpRoute({ rules: [{ backendRefs: [{ ...backend, weight: -1 }] }] })))
      .toStrictEqual(['spec.rules[0].backendRefs[0].weight: Invalid value: -1: spec.rules[0].backendRefs[0].weight in body should be greater than or equal to 0']);
  });

  test('fails if the port is a string', () => {
    expect(errorsOf(httpRoute({ rules: [{ backendRefs: [{ name: 'svc', port: '8080' }] }] }))).toStrictEqual([
      'spec.rules[0].backendRefs[0].port: Invalid value: "8080": spec.rules[0].backendRefs[0].port in body must be of type integer: "string"',
      RULES_NOT_CHECKED,
    ]);
  });

  test('fails if two parentRefs point to the same parent without sectionName', () => {
    expect(errorsOf(httpRoute({ parentRefs: [{ name: 'gw' }, { name: 'gw', sectionName: 'https' }] }))).toStrictEqual([
      'spec.parentRefs: sectionName must be specified when parentRefs includes 2 or more references to the same parent',
    ]);
  });

  test('parentRefs in different namespaces are different parents (namespace is __namespace__ in the rule)', () => {
    expect(errorsOf(httpRoute({ parentRefs: [{ name: 'gw', namespace: 'a' }, { name: 'gw', namespace: 'b' }] }))).toStrictEqual([]);
  });
});

describe('ReferenceGrant', () => {
  const grant = (spec: any) => ({ apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'g', namespace: 'ns' }, spec });

  test('a grant passes', () => {
    expect(errorsOf(grant({ from: [{ group: V1.split('/')[0], kind: 'HTTPRoute', namespace: 'apps' }], to: [{ group: '', kind: 'Service' }] }))).toStrictEqual([]);
  });

  test('fails if from has no namespace', () => {
    expect(errorsOf(grant({ from: [{ group: '', kind: 'HTTPRoute' }], to: [{ group: '', kind: 'Service' }] })))
      .toStrictEqual(['spec.from[0].namespace: Required value', RULES_NOT_CHECKED]);
  });

  test('fails if to is empty', () => {
    expect(errorsOf(grant({ from: [{ group: '', kind: 'HTTPRoute', namespace: 'x' }], to: [] })))
      .toStrictEqual(['spec.to: Invalid value: 0: spec.to in body should have at least 1 items']);
  });
});

describe('BackendTLSPolicy', () => {
  const policy = (validation: any, targetRefs: any[] = [{ group: '', kind: 'Service', name: 'svc' }]) => ({
    apiVersion: V1, kind: 'BackendTLSPolicy', metadata: { name: 'p', namespace: 'ns' }, spec: { targetRefs, validation },
  });

  test('a policy with a CA certificate passes', () => {
    expect(errorsOf(policy({ hostname: 'svc.example.com', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }] }))).toStrictEqual([]);
  });

  test('fails if neither CA certificates nor well-known CAs are set', () => {
    expect(errorsOf(policy({ hostname: 'svc.example.com' })))
      .toStrictEqual(['spec.validation: must specify either CACertificateRefs or WellKnownCACertificates']);
  });

  test('fails if both CA certificates and well-known CAs are set', () => {
    expect(errorsOf(policy({ hostname: 'a.example.com', wellKnownCACertificates: 'System', caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }] })))
      .toStrictEqual(['spec.validation: must not contain both CACertificateRefs and WellKnownCACertificates']);
  });

  test('fails if a Hostname subjectAltName has no hostname', () => {
    expect(errorsOf(policy({ hostname: 'a.example.com', wellKnownCACertificates: 'System', subjectAltNames: [{ type: 'Hostname' }] })))
      .toStrictEqual(['spec.validation.subjectAltNames[0]: SubjectAltName element must contain Hostname, if Type is set to Hostname']);
  });

  test('fails if two targetRefs point to the same target without sectionName', () => {
    expect(errorsOf(policy({ hostname: 'a.example.com', wellKnownCACertificates: 'System' }, [
      { group: '', kind: 'Service', name: 'svc' }, { group: '', kind: 'Service', name: 'svc', sectionName: 'https' },
    ]))).toStrictEqual(['spec.targetRefs: sectionName must be specified when targetRefs includes 2 or more references to the same target']);
  });
});

describe('TLSRoute hostnames (isIP)', () => {
  const tlsRoute = (hostnames: string[]) => ({ apiVersion: V1, kind: 'TLSRoute', metadata: { name: 't', namespace: 'ns' }, spec: { hostnames, rules: [{ backendRefs: [backend] }] } });

  test('fails if a hostname is an IP address', () => {
    expect(errorsOf(tlsRoute(['10.0.0.1']))).toContain('spec.hostnames: Hostnames cannot contain an IP');
  });

  test('a wildcard hostname passes', () => {
    expect(errorsOf(tlsRoute(['*.example.com']))).toStrictEqual([]);
  });

  test('fails if the wildcard is not the first label', () => {
    expect(errorsOf(tlsRoute(['a.*.example.com']))).toContain(
      'spec.hostnames: Wildcards on hostnames must be the first label, and the rest of hostname must be valid based on RFC-1123',
    );
  });
});

describe('unknown fields and channels', () => {
  test('fails if a field is not in the schema, with a suggestion', () => {
    expect(errorsOf(httpRoute({ hostname: ['a.example.com'] }))).toStrictEqual([
      'spec.hostname: unknown field "spec.hostname" (did you mean "hostnames"?): it is not declared in the schema, and the API server would drop it silently',
    ]);
  });

  test('fails if an experimental field is used with the standard channel, naming the channel', () => {
    const route = httpRoute({ rules: [{ retry: { attempts: 2 }, backendRefs: [backend] }] });
    expect(errorsOf(route)).toStrictEqual([
      'spec.rules[0].retry: field "spec.rules[0].retry" is only in the experimental channel of Gateway API v1.6.1: validate with the experimental channel (GatewayApiValidation channel EXPERIMENTAL, or --channel experimental) and install the experimental CRDs in the cluster, or remove it',
    ]);
    expect(errorsOf(route, experimental)).toStrictEqual([]);
  });

  test('fails if an experimental enum value is used with the standard channel', () => {
    const route = httpRoute({ rules: [{ filters: [{ type: 'ExternalAuth', externalAuth: { protocol: 'HTTP', http: {}, backendRef: backend } }], backendRefs: [backend] }] });
    const errors = errorsOf(route);
    expect(errors).toContainEqual(expect.stringMatching(/^spec\.rules\[0\]\.filters\[0\]\.type: Unsupported value: "ExternalAuth": supported values: .*; "ExternalAuth" is only in the experimental channel/));
    expect(errorsOf(route, experimental)).toStrictEqual([]);
  });

  test('fails if an experimental-only kind is used with the standard channel', () => {
    const mesh = { apiVersion: 'gateway.networking.x-k8s.io/v1alpha1', kind: 'XMesh', metadata: { name: 'm' }, spec: { controllerName: 'example.com/mesh' } };
    expect(errorsOf(mesh)).toStrictEqual([
      'kind: XMesh (gateway.networking.x-k8s.io/v1alpha1) is only in the experimental channel of Gateway API v1.6.1: validate with the experimental channel (GatewayApiValidation channel EXPERIMENTAL, or --channel experimental) and install the experimental CRDs in the cluster',
    ]);
    expect(errorsOf(mesh, experimental)).toStrictEqual([]);
  });

  test('fails if a version is only served by the experimental channel', () => {
    const route = { apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'TLSRoute', metadata: { name: 't' }, spec: { hostnames: ['a.example.com'], rules: [{ backendRefs: [backend] }] } };
    expect(errorsOf(route)[0]).toMatch(/^apiVersion: Invalid value: "gateway.networking.k8s.io\/v1alpha2": TLSRoute v1alpha2 is not served by the standard channel CRDs .* use gateway.networking.k8s.io\/v1, or validate with the experimental channel/);
    const result = experimental.validate(route);
    expect(result.valid).toBe(true);
    expect(result.warnings).toStrictEqual([expect.stringContaining('The v1alpha2 version of TLSRoute has been deprecated')]);
  });
});

describe('experimental kinds', () => {
  const xbackend = (port: any) => ({
    apiVersion: 'gateway.networking.x-k8s.io/v1alpha1',
    kind: 'XBackend',
    metadata: { name: 'b', namespace: 'ns' },
    spec: { type: 'ExternalHostname', externalHostname: { hostname: 'api.example.com' }, port },
  });

  test('an XBackend with an unnamed port passes', () => {
    expect(errorsOf(xbackend({ port: 443 }), experimental)).toStrictEqual([]);
  });

  test('fails if an XBackend port has a name, as in the API server (the v1.6.1 rule compares an optional with null)', () => {
    // `format.dns1123Label().validate(self) == null` is never true in cel-go: validate returns an optional, and an
    // optional never equals null. The API server therefore rejects every non-empty port name; so do we.
    expect(errorsOf(xbackend({ name: 'https', port: 443 }), experimental)).toStrictEqual(['spec.port.name: Name must be a valid DNS label']);
  });

  test('fails if the external hostname is a cluster-local name', () => {
    expect(errorsOf({ ...xbackend({ port: 443 }), spec: { type: 'ExternalHostname', externalHostname: { hostname: 'svc.ns.svc.cluster.local' }, port: { port: 443 } } }, experimental))
      .toStrictEqual(['spec.externalHostname.hostname: hostname must not be an IP address or end with .cluster.local']);
  });
});

describe('metadata', () => {
  test('fails if the name is not a DNS subdomain', () => {
    expect(errorsOf({ ...httpRoute({}), metadata: { name: 'My_Route' } })[0])
      .toMatch(/^metadata\.name: Invalid value: "My_Route": a lowercase RFC 1123 subdomain must consist of/);
  });

  test('fails if there is no name', () => {
    expect(errorsOf({ ...httpRoute({}), metadata: {} })).toStrictEqual(['metadata.name: Required value: name or generateName is required']);
  });

  test('fails if a metadata field is misspelled', () => {
    expect(errorsOf({ ...httpRoute({}), metadata: { name: 'r', label: { a: 'b' } } })).toStrictEqual([
      'metadata.label: unknown field "metadata.label" (did you mean "labels"?): it is not a field of ObjectMeta, and the API server would drop it silently',
    ]);
  });

  test('fails if a label value is invalid', () => {
    expect(errorsOf({ ...httpRoute({}), metadata: { name: 'r', labels: { app: 'has space' } } })[0])
      .toMatch(/^metadata\.labels: Invalid value: "has space": a valid label must be an empty string or consist of/);
  });
});

describe('results', () => {
  test('errors are ordered by path, deterministically', () => {
    const route = httpRoute({
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: 'b' } }], backendRefs: [{ name: 's' }] },
        { matches: [{ path: { type: 'PathPrefix', value: 'a' } }], backendRefs: [{ name: 's' }] },
      ],
      hostnames: ['UPPER.example.com'],
    });
    const first = errorsOf(route);
    expect(first.map((l) => l.split(':')[0])).toStrictEqual([
      'spec.hostnames[0]', 'spec.rules[0].backendRefs[0]', 'spec.rules[0].matches[0].path', 'spec.rules[1].backendRefs[0]', 'spec.rules[1].matches[0].path',
    ]);
    expect(errorsOf(JSON.parse(JSON.stringify(route)))).toStrictEqual(first);
  });

  test('skips objects of other API groups', () => {
    const result = standard.validate({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } });
    expect(result).toMatchObject({ valid: true, skipped: true, errors: [], kind: 'Service' });
  });

  test('does not modify the manifest (defaults are applied to a copy)', () => {
    const route = httpRoute({ rules: [{ backendRefs: [backend] }] });
    const before = JSON.stringify(route);
    standard.validate(route);
    expect(JSON.stringify(route)).toBe(before);
  });

  test('reports name, namespace and channel', () => {
    expect(experimental.validate(httpRoute({}, 'r1'))).toMatchObject({
      valid: true, skipped: false, channel: ValidationChannel.EXPERIMENTAL, apiVersion: V1, kind: 'HTTPRoute', name: 'r1', namespace: 'default',
    });
  });
});

describe('bad manifests', () => {
  test.each([
    [null, 'the document is null, not a Kubernetes object'],
    [[1, 2], 'the document is a list, not a Kubernetes object'],
    ['text', 'the document is a string, not a Kubernetes object'],
  ])('fails if the manifest is %j', (manifest, message) => {
    expect(errorsOf(manifest)).toStrictEqual([`: ${message} (a mapping with apiVersion, kind and metadata)`]);
  });

  test('fails if apiVersion and kind are missing', () => {
    expect(errorsOf({ metadata: { name: 'x' } })).toStrictEqual([
      'apiVersion: Required value: apiVersion is required (e.g. "gateway.networking.k8s.io/v1")',
      'kind: Required value: kind is required (e.g. "HTTPRoute")',
    ]);
  });

  test('fails if the Gateway API version is unknown', () => {
    expect(errorsOf({ ...httpRoute({}), apiVersion: 'gateway.networking.k8s.io/v2' })).toStrictEqual([
      'apiVersion: Invalid value: "gateway.networking.k8s.io/v2": HTTPRoute has no version v2 in the standard channel of Gateway API v1.6.1; use gateway.networking.k8s.io/v1 or gateway.networking.k8s.io/v1beta1',
    ]);
  });

  test('fails if the kind is unknown, with a suggestion', () => {
    expect(errorsOf({ ...httpRoute({}), kind: 'HttpRoute' })[0]).toMatch(/^kind: Invalid value: "HttpRoute": no kind "HttpRoute" in gateway.networking.k8s.io .*\(did you mean "HTTPRoute"\?\)/);
  });

  test('fails if the object is nested absurdly deep, without overflowing the stack', () => {
    let deep: any = { leaf: true };
    for (let i = 0; i < 100_000; i++) deep = { nested: deep };
    expect(errorsOf(httpRoute(deep))).toStrictEqual([': the object nests more than 100 levels deep; no Gateway API object is that deep, it was not validated']);
  });
});
