import { ApiObject, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { chartIn, json, synthApp, validationErrors } from './helpers';
import {
  AutoGrants, CaCertificateRef, CertificateRef, CertManagerIssuer, FrontendValidationMode, GatewayAddress,
  GatewayClass, LabelSelectorOperator, Listener, ListenerNamespaces, PlatformGateway, PolicyAttachment, PolicyTarget,
  RedirectStatusCode, ReferenceGrant, ReferenceGrants, RouteKind, RouteNamespaces,
} from '../../src';

const cert = CertificateRef.fromName('wildcard-example-com');

function gateway(chart: Chart, props: Partial<ConstructorParameters<typeof PlatformGateway>[2]> = {}): PlatformGateway {
  return new PlatformGateway(chart, 'gateway', { metadata: { name: 'shared' }, gatewayClassName: 'shared', ...props });
}

describe('PlatformGateway', () => {
  test('synthesizes a Gateway with HTTP and HTTPS listeners', () => {
    const chart = chartIn('infra');
    const gw = gateway(chart, {
      listeners: [
        Listener.http({ hostname: '*.example.com' }),
        Listener.https({
          hostname: '*.example.com',
          certificateRefs: [cert],
          allowedRoutes: { namespaces: RouteNamespaces.withLabels({ 'gateway-access': 'true' }) },
        }),
      ],
    });
    expect(json(gw)).toMatchSnapshot();
    expect(json(gw).spec.listeners).toStrictEqual([
      { name: 'http', protocol: 'HTTP', port: 80, hostname: '*.example.com' },
      {
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        hostname: '*.example.com',
        tls: { certificateRefs: [{ group: '', kind: 'Secret', name: 'wildcard-example-com' }] },
        allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { 'gateway-access': 'true' } } } },
      },
    ]);
    expect(validationErrors(chart)).toStrictEqual([]);
  });

  test('implements IRouteParent', () => {
    const gw = gateway(chartIn('infra'), { listeners: [Listener.http()] });
    expect([gw.routeParentGroup, gw.routeParentKind, gw.routeParentName, gw.routeParentNamespace]).toStrictEqual(['gateway.networking.k8s.io', 'Gateway', 'shared', 'infra']);
    expect([gw.gatewayName, gw.gatewayNamespace]).toStrictEqual(['shared', 'infra']);
  });

  test('listeners added later are rendered, in order', () => {
    const gw = gateway(chartIn('infra'), { listeners: [Listener.http()] });
    gw.addListener(Listener.tcp({ port: 5432, name: 'postgres' }));
    expect(json(gw).spec.listeners.map((l: any) => l.name)).toStrictEqual(['http', 'postgres']);
    expect(gw.listeners.map((l) => l.name)).toStrictEqual(['http', 'postgres']);
  });

  test('the per-protocol factories set protocol, port, name and TLS mode', () => {
    const gw = gateway(chartIn('infra'), {
      listeners: [
        Listener.http({ port: 8080 }),
        Listener.https({ certificateRefs: [cert] }),
        Listener.tlsPassthrough({ port: 8443, hostname: 'db.example.com' }),
        Listener.tlsTerminate({ name: 'tls-term', port: 9443, certificateRefs: [cert], tlsOptions: { 'example.com/min-version': '1.3' } }),
        Listener.tcp({ port: 5432 }),
        Listener.udp({ port: 53 }),
        Listener.custom({ name: 'quic', protocol: 'example.com/quic', port: 4433, allowedRoutes: { kinds: [RouteKind.of('QuicRoute', 'example.com')] } }),
      ],
    });
    expect(json(gw).spec.listeners).toStrictEqual([
      { name: 'http', protocol: 'HTTP', port: 8080 },
      { name: 'https', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ group: '', kind: 'Secret', name: 'wildcard-example-com' }] } },
      { name: 'tls', protocol: 'TLS', port: 8443, hostname: 'db.example.com', tls: { mode: 'Passthrough' } },
      {
        name: 'tls-term',
        protocol: 'TLS',
        port: 9443,
        tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'wildcard-example-com' }], options: { 'example.com/min-version': '1.3' } },
      },
      { name: 'tcp', protocol: 'TCP', port: 5432 },
      { name: 'udp', protocol: 'UDP', port: 53 },
      { name: 'quic', protocol: 'example.com/quic', port: 4433, allowedRoutes: { kinds: [{ group: 'example.com', kind: 'QuicRoute' }] } },
    ]);
  });

  test('an HTTPS listener may get its certificate from tlsOptions alone', () => {
    const gw = gateway(chartIn('infra'), { listeners: [Listener.https({ tlsOptions: { 'vendor.example/cert-source': 'acm' } })] });
    expect(json(gw).spec.listeners[0].tls).toStrictEqual({ options: { 'vendor.example/cert-source': 'acm' } });
  });

  test.each([
    ['same', RouteNamespaces.same(), { from: 'Same' }],
    ['all', RouteNamespaces.all(), { from: 'All' }],
    ['one name', RouteNamespaces.named(['store']), { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'store' } } }],
    ['several names', RouteNamespaces.named(['store', 'web']), {
      from: 'Selector',
      selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['store', 'web'] }] },
    }],
    ['a selector', RouteNamespaces.selector({
      matchLabels: { env: 'prod' },
      matchExpressions: [{ key: 'team', operator: LabelSelectorOperator.EXISTS }],
    }), { from: 'Selector', selector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'team', operator: 'Exists' }] } }],
  ])('allowedRoutes.namespaces: %s', (_name, namespaces, expected) => {
    const gw = gateway(chartIn('infra'), { listeners: [Listener.http({ allowedRoutes: { namespaces } })] });
    expect(json(gw).spec.listeners[0].allowedRoutes).toStrictEqual({ namespaces: expected });
  });

  test('route kinds of the gateway group are written without group', () => {
    const gw = gateway(chartIn('infra'), { listeners: [Listener.http({ allowedRoutes: { kinds: [RouteKind.HTTP_ROUTE, RouteKind.GRPC_ROUTE] } })] });
    expect(json(gw).spec.listeners[0].allowedRoutes).toStrictEqual({ kinds: [{ kind: 'HTTPRoute' }, { kind: 'GRPCRoute' }] });
  });

  test('addresses, infrastructure and allowedListeners', () => {
    const gw = gateway(chartIn('infra'), {
      listeners: [Listener.http()],
      addresses: [GatewayAddress.ipAddress('203.0.113.10'), GatewayAddress.hostname('lb.example.com'), GatewayAddress.namedAddress('my-ip'), GatewayAddress.of('example.com/pool')],
      infrastructure: { labels: { team: 'platform' }, annotations: { 'example.com/lb': 'internal' }, parametersRef: { group: '', kind: 'ConfigMap', name: 'gw-params' } },
      allowedListeners: { namespaces: ListenerNamespaces.named(['team-a']) },
    });
    const spec = json(gw).spec;
    expect(spec.addresses).toStrictEqual([
      { type: 'IPAddress', value: '203.0.113.10' }, { type: 'Hostname', value: 'lb.example.com' },
      { type: 'NamedAddress', value: 'my-ip' }, { type: 'example.com/pool' },
    ]);
    expect(spec.infrastructure).toStrictEqual({ labels: { team: 'platform' }, annotations: { 'example.com/lb': 'internal' }, parametersRef: { group: '', kind: 'ConfigMap', name: 'gw-params' } });
    expect(spec.allowedListeners).toStrictEqual({ namespaces: { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'team-a' } } } });
  });

  test('gateway TLS: backend client certificate and frontend validation per port', () => {
    const gw = gateway(chartIn('infra'), {
      listeners: [Listener.https({ certificateRefs: [cert] }), Listener.https({ name: 'admin', port: 8443, certificateRefs: [cert] })],
      tls: {
        backendClientCertificateRef: CertificateRef.fromName('gateway-client'),
        frontendValidation: { caCertificateRefs: [CaCertificateRef.fromConfigMapName('client-ca')] },
      },
    });
    gw.addFrontendValidationForPort({ port: 8443, caCertificateRefs: [CaCertificateRef.fromSecretName('admin-ca')], mode: FrontendValidationMode.ALLOW_INSECURE_FALLBACK });
    expect(json(gw).spec.tls).toStrictEqual({
      backend: { clientCertificateRef: { group: '', kind: 'Secret', name: 'gateway-client' } },
      frontend: {
        default: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'client-ca' }] } },
        perPort: [{ port: 8443, tls: { validation: { caCertificateRefs: [{ group: '', kind: 'Secret', name: 'admin-ca' }], mode: 'AllowInsecureFallback' } } }],
      },
    });
  });

  test('cert-manager and external-dns annotations', () => {
    const gw = gateway(chartIn('infra'), {
      metadata: { name: 'shared', annotations: { owner: 'platform' } },
      listeners: [Listener.https({ hostname: 'example.com', certificateRefs: [cert] })],
      certManager: CertManagerIssuer.clusterIssuer('letsencrypt'),
      externalDns: { hostnames: ['*.example.com', 'example.com'], target: 'lb.example.com', ttl: Duration.minutes(5) },
    });
    expect(json(gw).metadata.annotations).toStrictEqual({
      'owner': 'platform',
      'cert-manager.io/cluster-issuer': 'letsencrypt',
      'external-dns.alpha.kubernetes.io/hostname': '*.example.com,example.com',
      'external-dns.alpha.kubernetes.io/target': 'lb.example.com',
      'external-dns.alpha.kubernetes.io/ttl': '300',
    });
    const other = gateway(chartIn('infra'), { listeners: [Listener.http()], certManager: CertManagerIssuer.issuer('ca-issuer') });
    expect(json(other).metadata.annotations).toStrictEqual({ 'cert-manager.io/issuer': 'ca-issuer' });
  });

  test('a GatewayClass construct can be used as the class', () => {
    const chart = chartIn('infra');
    const cls = new GatewayClass(chart, 'class', { metadata: { name: 'internet' }, controllerName: 'example.net/gateway-controller' });
    const gw = new PlatformGateway(chart, 'gw', { gatewayClass: cls, listeners: [Listener.http()] });
    expect(json(gw).spec.gatewayClassName).toBe('internet');
    expect(gw.gatewayClassName).toBe('internet');
    const imported = GatewayClass.fromGatewayClassName(chart, 'existing', 'existing-class');
    expect(json(new PlatformGateway(chart, 'gw2', { gatewayClass: imported, listeners: [Listener.http()] })).spec.gatewayClassName).toBe('existing-class');
  });

  test('the ApiObject is the escape hatch for JSON patches', () => {
    const gw = gateway(chartIn('infra'), { listeners: [Listener.http()] });
    ApiObject.of(gw).addJsonPatch(JsonPatch.add('/spec/listeners/0/port', 8080));
    expect(json(gw).spec.listeners[0].port).toBe(8080);
    expect(gw.apiObject).toBe(gw.node.findChild('Resource'));
  });

  test('output is deterministic', () => {
    const build = () => {
      const chart = chartIn('infra');
      const secret = new kplus.Secret(new Chart(chart.node.root as any, 'certs', { namespace: 'certs' }), 'c', { metadata: { name: 'c' } });
      const certificateRefs = [CertificateRef.fromSecret(secret)];
      gateway(chart, { listeners: [Listener.http(), Listener.https({ certificateRefs })] }).redirectHttpToHttps();
      return synthApp(chart);
    };
    expect(build()).toStrictEqual(build());
  });

  describe('errors', () => {
    test('fails if a listener port is out of range', () => {
      const chart = chartIn('infra', 'infra');
      expect(() => new PlatformGateway(chart, 'gateway', { gatewayClassName: 'x', listeners: [Listener.https({ port: 70000, certificateRefs: [cert] })] }))
        .toThrow('infra/gateway: listener "https" port 70000 is out of range: use 1..65535.');
    });

    test('fails if both or neither of gatewayClassName and gatewayClass are set', () => {
      const chart = chartIn('infra');
      const cls = GatewayClass.fromGatewayClassName(chart, 'cls', 'a');
      expect(() => new PlatformGateway(chart, 'a', {})).toThrow(/set exactly one of gatewayClassName .* and gatewayClass .*; neither is set/);
      expect(() => new PlatformGateway(chart, 'b', { gatewayClassName: 'a', gatewayClass: cls })).toThrow(/both are set/);
    });

    test('fails if a Gateway has no listeners at synth', () => {
      const chart = chartIn('infra');
      gateway(chart);
      expect(validationErrors(chart)).toStrictEqual([
        'Gateway API v1.6.1 validation (standard channel) found 1 problem:',
        'test/gateway/Resource (Gateway infra/shared) spec.listeners: Invalid value: 0: spec.listeners in body should have at least 1 items',
        'test/gateway: Gateway "shared" has no listeners: add one with listeners: [...] or addListener(), e.g. Listener.http().',
      ]);
    });

    test.each([
      ['an invalid hostname', Listener.http({ hostname: 'foo_bar.example.com' }), /listener "http" hostname "foo_bar.example.com" is not a valid hostname/],
      ['an upper-case hostname', Listener.http({ hostname: 'Foo.Example.com' }), /is not a valid hostname \(did you mean "foo.example.com"\?\)/],
      ['a wildcard in the middle', Listener.http({ hostname: 'foo.*.com' }), /is not a valid hostname/],
      ['an IP as hostname', Listener.http({ hostname: '10.0.0.1' }), /listener "http" hostname "10.0.0.1" is an IP address, not a hostname/],
      ['an invalid name', Listener.http({ name: 'Web_1' }), /listener name "Web_1" is not valid/],
      ['an HTTPS listener without certificates', Listener.https({}), /listener "https" terminates TLS but has no certificateRefs: add one/],
      ['a TLS Terminate listener without certificates', Listener.tlsTerminate({}), /listener "tls" terminates TLS but has no certificateRefs/],
      ['a Passthrough listener with certificates', Listener.tlsPassthrough({ certificateRefs: [cert] }), /is a TLS Passthrough listener, which ignores certificateRefs/],
      ['incompatible route kinds', Listener.tcp({ port: 1, allowedRoutes: { kinds: [RouteKind.HTTP_ROUTE] } }), /listener "tcp" \(protocol TCP\) cannot serve HTTPRoutes \(allowedRoutes.kinds\): use "TCPRoute"/],
      ['an unknown gateway route kind', Listener.http({ allowedRoutes: { kinds: [RouteKind.of('HttpRoute')] } }), /"HttpRoute", which is not a Gateway API route kind/],
      ['a route kind listed twice', Listener.http({ allowedRoutes: { kinds: [RouteKind.HTTP_ROUTE, RouteKind.HTTP_ROUTE] } }), /lists HTTPRoute twice/],
      ['more than 8 route kinds', Listener.custom({ name: 'x', protocol: 'a.io/x', port: 1, allowedRoutes: { kinds: [...Array(9).keys()].map((i) => RouteKind.of(`K${i}`, 'a.io')) } }), /has 9 entries, more than the 8 allowed/],
      ['a custom protocol without domain', Listener.custom({ name: 'x', protocol: 'quic', port: 1 }), /protocol "quic" is not valid: implementation-specific protocols are domain-prefixed/],
      ['a core protocol through custom()', Listener.custom({ name: 'x', protocol: 'http', port: 1 }), /is a core protocol: use Listener.http\(\)/],
      ['too many TLS options', Listener.https({ tlsOptions: Object.fromEntries([...Array(17).keys()].map((i) => [`a.io/k${i}`, 'v'])) }), /tlsOptions has 17 entries, more than the 16 allowed/],
    ])('fails if a listener has %s', (_name, listener, message) => {
      expect(() => gateway(chartIn('infra'), { listeners: [listener] })).toThrow(message);
    });

    test('fails if a TCP listener has a hostname (custom factory)', () => {
      // the TCP factory has no hostname; a custom listener with a hostname is fine
      expect(() => gateway(chartIn('infra'), { listeners: [Listener.custom({ name: 'x', protocol: 'a.io/x', port: 1, hostname: 'a.example.com' })] })).not.toThrow();
    });

    test('fails if listener names are not unique', () => {
      expect(() => gateway(chartIn('infra'), { listeners: [Listener.http(), Listener.http({ port: 8080 })] }))
        .toThrow('test/gateway: a listener named "http" already exists: listener names must be unique within the Gateway; give this one another name.');
    });

    test('fails if two listeners share port, protocol and hostname', () => {
      expect(() => gateway(chartIn('infra'), { listeners: [Listener.http({ name: 'a' }), Listener.http({ name: 'b' })] }))
        .toThrow(/listener "b" has the same port \(80\), protocol \(HTTP\) and hostname \(none\) as listener "a": listeners must be distinct/);
      expect(() => gateway(chartIn('infra'), { listeners: [Listener.http({ name: 'a', hostname: 'a.example.com' }), Listener.http({ name: 'b', hostname: 'b.example.com' })] }))
        .not.toThrow();
    });

    test('fails if a TCP listener shares its port with an HTTP listener', () => {
      expect(() => gateway(chartIn('infra'), { listeners: [Listener.http({ port: 8080 }), Listener.tcp({ port: 8080 })] }))
        .toThrow(/listener "tcp" \(TCP\) shares port 8080 with listener "http" \(HTTP\)/);
    });

    test('fails if more than 64 listeners are added', () => {
      const gw = gateway(chartIn('infra'), { listeners: [...Array(64).keys()].map((i) => Listener.http({ name: `l${i}`, port: i + 1 })) });
      expect(() => gw.addListener(Listener.http({ name: 'one-more', port: 9999 }))).toThrow(/a Gateway has at most 64 listeners \(use a ListenerSet for more\)/);
    });

    test.each([
      ['an invalid IP', () => GatewayAddress.ipAddress('1.2.3.256'), /"1.2.3.256" is not an IPv4 or IPv6 address/],
      ['an invalid hostname address', () => GatewayAddress.hostname('-lb.example.com'), /address "-lb.example.com" is not a valid hostname/],
      ['an invalid address type', () => GatewayAddress.of('Pool'), /type "Pool" is not valid/],
      ['an empty selector', () => RouteNamespaces.selector({}), /the namespace selector is empty/],
      ['an In expression without values', () => RouteNamespaces.selector({ matchExpressions: [{ key: 'a', operator: LabelSelectorOperator.IN }] }), /operator In\) has no values/],
      ['an Exists expression with values', () => ListenerNamespaces.selector({ matchExpressions: [{ key: 'a', operator: LabelSelectorOperator.EXISTS, values: ['x'] }] }), /must not have values/],
      ['an invalid label key', () => RouteNamespaces.withLabels({ 'bad key': 'x' }), /key "bad key" is not valid/],
      ['an invalid namespace name', () => RouteNamespaces.named(['Store']), /namespace "Store" is not a valid namespace/],
      ['an invalid certificate name', () => CertificateRef.fromName(''), /name "" is not a valid name/],
      ['an invalid certificate namespace', () => CertificateRef.fromName('a', { namespace: 'Certs' }), /namespace "Certs" is not a valid namespace/],
      ['an invalid issuer name', () => CertManagerIssuer.clusterIssuer('Lets Encrypt'), /name "Lets Encrypt" is not a valid Kubernetes name/],
    ])('fails if given %s', (_name, fn, message) => {
      expect(fn).toThrow(message);
    });

    test('fails if an address is listed twice or more than 16 are given', () => {
      expect(() => gateway(chartIn('infra'), { listeners: [Listener.http()], addresses: [GatewayAddress.ipAddress('1.1.1.1'), GatewayAddress.ipAddress('1.1.1.1')] }))
        .toThrow(/address IPAddress "1.1.1.1" is listed twice/);
      const many = [...Array(17).keys()].map((i) => GatewayAddress.ipAddress(`10.0.0.${i}`));
      expect(() => gateway(chartIn('infra'), { listeners: [Listener.http()], addresses: many })).toThrow(/at most 16 addresses/);
    });

    test('fails if infrastructure is invalid', () => {
      const labels = Object.fromEntries([...Array(9).keys()].map((i) => [`l${i}`, 'v']));
      expect(() => gateway(chartIn('infra'), { infrastructure: { labels } })).toThrow(/infrastructure.labels has 9 entries, more than the 8 allowed/);
      expect(() => gateway(chartIn('infra'), { infrastructure: { labels: { a: 'not valid!' } } })).toThrow(/value "not valid!" of "a" is not a valid label value/);
      expect(() => gateway(chartIn('infra'), { infrastructure: { parametersRef: { group: '', kind: 'ConfigMap', name: 'p', namespace: 'x' } } }))
        .toThrow(/infrastructure.parametersRef cannot have a namespace/);
    });

    test('fails if per-port frontend validation has no default, repeats a port or has no CA', () => {
      expect(() => gateway(chartIn('infra'), { tls: { frontendValidationPerPort: [{ port: 443, caCertificateRefs: [CaCertificateRef.fromConfigMapName('a')] }] } }))
        .toThrow(/per-port client-certificate validation \(port 443\) needs a default: set tls.frontendValidation/);
      const gw = gateway(chartIn('infra'), { tls: { frontendValidation: { caCertificateRefs: [CaCertificateRef.fromConfigMapName('a')] } } });
      gw.addFrontendValidationForPort({ port: 443, caCertificateRefs: [CaCertificateRef.fromConfigMapName('b')] });
      expect(() => gw.addFrontendValidationForPort({ port: 443, caCertificateRefs: [CaCertificateRef.fromConfigMapName('c')] })).toThrow(/port 443 already has client-certificate validation/);
      expect(() => gateway(chartIn('infra'), { tls: { frontendValidation: { caCertificateRefs: [] } } })).toThrow(/has 0 caCertificateRefs: give 1 to 16/);
    });

    test('fails if annotations conflict or externalDns is empty or invalid', () => {
      expect(() => gateway(chartIn('infra'), { metadata: { annotations: { 'cert-manager.io/cluster-issuer': 'other' } }, certManager: CertManagerIssuer.clusterIssuer('le') }))
        .toThrow(/certManager sets annotation "cert-manager.io\/cluster-issuer" to "le" but metadata.annotations has "other"/);
      expect(() => gateway(chartIn('infra'), { externalDns: {} })).toThrow(/externalDns is empty/);
      expect(() => gateway(chartIn('infra'), { externalDns: { ttl: Duration.millis(500) } })).toThrow(/externalDns ttl of 0.5 seconds is not valid/);
      expect(() => gateway(chartIn('infra'), { externalDns: { hostnames: ['a b'] } })).toThrow(/externalDns hostname "a b" is not a valid hostname/);
    });

    test('fails at synth if certManager is set but no listener can get a certificate', () => {
      const chart = chartIn('infra');
      gateway(chart, { listeners: [Listener.http(), Listener.https({ certificateRefs: [cert] })], certManager: CertManagerIssuer.clusterIssuer('le') });
      expect(validationErrors(chart)).toStrictEqual([
        'test/gateway: certManager is set but no listener gets a certificate from it: cert-manager issues certificates only for HTTPS ' +
        '(or TLS Terminate) listeners with a hostname and a Secret in certificateRefs; add a hostname to those listeners or remove certManager.',
      ]);
    });

    test('fails if metadata.name or gatewayClassName are invalid', () => {
      expect(() => gateway(chartIn('infra'), { metadata: { name: 'Shared' } })).toThrow(/metadata.name "Shared" is not a valid Kubernetes name/);
      expect(() => new PlatformGateway(chartIn('infra'), 'g', { gatewayClassName: 'Bad Class' })).toThrow(/gatewayClassName "Bad Class" is not a valid Kubernetes name/);
    });
  });

  describe('cross-namespace certificates', () => {
    test('create a least-privilege ReferenceGrant for a named certificate with the REFERRER_CHART opt-in', () => {
      const chart = chartIn('infra');
      ReferenceGrants.setAutoGrants(chart, AutoGrants.REFERRER_CHART);
      gateway(chart, {
        listeners: [
          Listener.https({ hostname: 'a.example.com', certificateRefs: [CertificateRef.fromName('wildcard', { namespace: 'certs' })] }),
          Listener.https({ name: 'b', hostname: 'b.example.com', certificateRefs: [CertificateRef.fromName('wildcard', { namespace: 'certs' })] }),
        ],
      });
      const objects = synthApp(chart);
      const gw = objects.find((o) => o.kind === 'Gateway');
      expect(gw.spec.listeners[0].tls.certificateRefs).toStrictEqual([{ group: '', kind: 'Secret', name: 'wildcard', namespace: 'certs' }]);
      const grants = objects.filter((o) => o.kind === 'ReferenceGrant');
      expect(grants).toStrictEqual([{
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'ReferenceGrant',
        metadata: { name: 'gateway-infra-to-secret-wildcard', namespace: 'certs' },
        spec: {
          from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }],
          to: [{ group: '', kind: 'Secret', name: 'wildcard' }],
        },
      }]);
      expect(validationErrors(chart)).toStrictEqual([]);
    });

    test('CA certificates and the backend client certificate get grants too, in the chart that owns them', () => {
      const chart = chartIn('infra');
      const pki = new Chart(chart.node.root as any, 'pki', { namespace: 'pki' });
      gateway(chart, {
        listeners: [Listener.http()],
        tls: {
          backendClientCertificateRef: CertificateRef.fromSecret(new kplus.Secret(pki, 'client', { metadata: { name: 'client' } })),
          frontendValidation: { caCertificateRefs: [CaCertificateRef.fromConfigMap(new kplus.ConfigMap(pki, 'ca', { metadata: { name: 'client-ca' } }))] },
        },
      });
      const grants = pki.toJson().filter((o: any) => o.kind === 'ReferenceGrant');
      expect(grants.map((g: any) => [g.metadata.namespace, g.spec.to])).toStrictEqual([
        ['pki', [{ group: '', kind: 'Secret', name: 'client' }]],
        ['pki', [{ group: '', kind: 'ConfigMap', name: 'client-ca' }]],
      ]);
      expect(chart.toJson().filter((o: any) => o.kind === 'ReferenceGrant')).toStrictEqual([]);
    });

    test('fails if a named certificate in another namespace has no grant (the default: its owner must consent)', () => {
      const chart = chartIn('infra');
      gateway(chart, { listeners: [Listener.https({ certificateRefs: [CertificateRef.fromName('partner', { namespace: 'partner-certs' })] })] });
      expect(validationErrors(chart)).toStrictEqual([
        'test/gateway: the reference from Gateway in namespace "infra" to Secret "partner-certs/partner" needs a ReferenceGrant, which only the ' +
        'owner of namespace "partner-certs" can give, and Secret "partner" is only named here (not a construct of this app, whose chart ' +
        'would hold the grant). Add a ReferenceGrant in namespace "partner-certs" with from: [{ group: "gateway.networking.k8s.io", kind: ' +
        '"Gateway", namespace: "infra" }] and to: [{ group: "", kind: "Secret", name: "partner" }]: in the owner\'s chart (new ' +
        'ReferenceGrant(...)), or declare it with ReferenceGrant.fromReferenceGrantName(...) when the owner applies it; or, when this app may ' +
        'write into that namespace, opt in with ReferenceGrants.setAutoGrants(scope, AutoGrants.REFERRER_CHART) to create it in this chart.',
      ]);
    });

    test('a certificate in the Gateway namespace is written without namespace and needs no grant', () => {
      const chart = chartIn('infra');
      const gw = gateway(chart, { listeners: [Listener.https({ certificateRefs: [CertificateRef.fromName('c', { namespace: 'infra' })] })] });
      expect(json(gw).spec.listeners[0].tls.certificateRefs).toStrictEqual([{ group: '', kind: 'Secret', name: 'c' }]);
      expect(synthApp(chart).filter((o) => o.kind === 'ReferenceGrant')).toStrictEqual([]);
    });

    test('a cdk8s-plus Secret in another chart is referred to in its namespace', () => {
      const app = Testing.app();
      const certs = new Chart(app, 'certs', { namespace: 'certs' });
      const secret = new kplus.TlsSecret(certs, 'tls', { metadata: { name: 'site-tls' }, tlsCert: 'x', tlsKey: 'y' });
      const local = new kplus.TlsSecret(new Chart(app, 'infra-secrets', { namespace: 'infra' }), 'local', { metadata: { name: 'local-tls' }, tlsCert: 'x', tlsKey: 'y' });
      const imported = kplus.Secret.fromSecretName(certs, 'imported', 'imported-tls');
      const gw = gateway(new Chart(app, 'infra', { namespace: 'infra' }), {
        listeners: [Listener.https({
          certificateRefs: [CertificateRef.fromSecret(secret), CertificateRef.fromSecret(local), CertificateRef.fromSecret(imported)],
        })],
      });
      expect(json(gw).spec.listeners[0].tls.certificateRefs).toStrictEqual([
        { group: '', kind: 'Secret', name: 'site-tls', namespace: 'certs' },
        { group: '', kind: 'Secret', name: 'local-tls' },
        { group: '', kind: 'Secret', name: 'imported-tls' },
      ]);
    });

    test('fails at synth with the grant to add when automatic grants are off', () => {
      const chart = chartIn('infra');
      ReferenceGrants.setAutoGrants(chart, AutoGrants.OFF);
      gateway(chart, { listeners: [Listener.https({ certificateRefs: [CertificateRef.fromName('wildcard', { namespace: 'certs' })] })] });
      expect(chart.node.findAll().filter((c) => c instanceof ApiObject && c.kind === 'ReferenceGrant')).toStrictEqual([]);
      expect(validationErrors(chart)).toStrictEqual([
        'test/gateway: the reference from Gateway in namespace "infra" to Secret "certs/wildcard" is not allowed by any ReferenceGrant ' +
        '(automatic grants are off). Add a ReferenceGrant in namespace "certs" with from: [{ group: "gateway.networking.k8s.io", ' +
        'kind: "Gateway", namespace: "infra" }] and to: [{ group: "", kind: "Secret", name: "wildcard" }] (new ReferenceGrant(...), ' +
        'or ReferenceGrant.fromReferenceGrantName(...) when another team applies it), or turn automatic grants on with ReferenceGrants.setAutoGrants(scope, AutoGrants.REFERENT_CHART).',
      ]);
    });

    test('automatic grants off, and an existing grant allows the reference', () => {
      const chart = chartIn('infra');
      ReferenceGrants.setAutoGrants(chart, AutoGrants.OFF);
      ReferenceGrant.fromReferenceGrantName(chart, 'existing', 'gateways-to-certs', {
        namespace: 'certs',
        from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }],
        to: [{ group: '', kind: 'Secret' }],
      });
      gateway(chart, { listeners: [Listener.https({ certificateRefs: [CertificateRef.fromName('wildcard', { namespace: 'certs' })] })] });
      expect(validationErrors(chart)).toStrictEqual([]);
    });

    test('fails if a Gateway without namespace refers to a certificate in a namespace', () => {
      expect(() => gateway(chartIn(), { listeners: [Listener.https({ certificateRefs: [CertificateRef.fromName('c', { namespace: 'certs' })] })] }))
        .toThrow('test/gateway: the Gateway has no namespace but refers to Secret "c" in namespace "certs": give the chart (or the object) a namespace so a ReferenceGrant can name it.');
    });
  });

  describe('redirectHttpToHttps()', () => {
    test('adds an HTTPRoute that redirects the HTTP listeners to https', () => {
      const chart = chartIn('infra');
      const gw = gateway(chart, {
        listeners: [
          Listener.http({ hostname: '*.example.com' }),
          Listener.http({ name: 'http-alt', port: 8080, hostname: 'example.com' }),
          Listener.https({ hostname: '*.example.com', certificateRefs: [cert] }),
        ],
      });
      const route = gw.redirectHttpToHttps();
      expect(route).toBe(gw.node.findChild('HttpsRedirect'));
      expect(route.apiObject.toJson()).toStrictEqual({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'shared-https-redirect', namespace: 'infra' },
        spec: {
          parentRefs: [{ name: 'shared', sectionName: 'http' }, { name: 'shared', sectionName: 'http-alt' }],
          hostnames: ['*.example.com', 'example.com'],
          rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
        },
      });
      expect(validationErrors(chart)).toStrictEqual([]);
    });

    test('options: name, sectionNames, status code and port; no hostnames when a listener has none', () => {
      const gw = gateway(chartIn('infra'), { listeners: [Listener.http(), Listener.http({ name: 'other', port: 81 })] });
      const route = gw.redirectHttpToHttps({ name: 'to-https', sectionNames: ['http'], statusCode: RedirectStatusCode.PERMANENT_REDIRECT_308, port: 8443 });
      expect(route.apiObject.toJson().spec).toStrictEqual({
        parentRefs: [{ name: 'shared', sectionName: 'http' }],
        rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 308, port: 8443 } }] }],
      });
      expect(route.apiObject.toJson().metadata.name).toBe('to-https');
    });

    test('returns a route construct that a policy can target', () => {
      const chart = chartIn('infra');
      const gw = gateway(chart, { listeners: [Listener.http()] });
      const route = gw.redirectHttpToHttps();
      expect([route.routeGroup, route.routeKind, route.routeName, route.routeNamespace])
        .toStrictEqual(['gateway.networking.k8s.io', 'HTTPRoute', 'shared-https-redirect', 'infra']);
      new PolicyAttachment(chart, 'timeouts', {
        apiVersion: 'gateway.envoyproxy.io/v1alpha1',
        kind: 'BackendTrafficPolicy',
        targetRefs: [PolicyTarget.fromRoute(route)],
        spec: { timeout: { http: { requestTimeout: '5s' } } },
      });
      const policy = Testing.synth(chart).find((o: any) => o.kind === 'BackendTrafficPolicy');
      expect(policy.spec.targetRefs).toStrictEqual([{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'shared-https-redirect' }]);
    });

    test('fails if called twice or with a bad status code', () => {
      const gw = gateway(chartIn('infra'), { listeners: [Listener.http()] });
      expect(() => gw.redirectHttpToHttps({ statusCode: 200 as any })).toThrow(/statusCode 200 is not a redirect status: use a RedirectStatusCode \(301, 302, 303, 307 or 308\)/);
      gw.redirectHttpToHttps();
      expect(() => gw.redirectHttpToHttps()).toThrow(/redirectHttpToHttps\(\) was already called/);
    });

    test('fails at synth if there is no HTTP listener, or a named one is not HTTP or missing', () => {
      const chart = chartIn('infra');
      gateway(chart, { listeners: [Listener.https({ certificateRefs: [cert] })] }).redirectHttpToHttps();
      expect(validationErrors(chart)).toStrictEqual([
        'test/gateway: redirectHttpToHttps() was called but the Gateway has no HTTP listener to redirect: add Listener.http().',
      ]);
      const chart2 = chartIn('infra');
      gateway(chart2, { listeners: [Listener.https({ certificateRefs: [cert] })] }).redirectHttpToHttps({ sectionNames: ['https', 'nope'] });
      expect(validationErrors(chart2)).toStrictEqual([
        'test/gateway: redirectHttpToHttps() names listener "https", which is HTTPS, not HTTP: name HTTP listeners only.',
        'test/gateway: redirectHttpToHttps() names listener "nope", which does not exist: use one of the HTTP listeners.',
      ]);
    });

    test('fails at synth if the HTTP listener does not admit the redirect route', () => {
      const chart = chartIn('infra');
      gateway(chart, { listeners: [Listener.http({ allowedRoutes: { kinds: [RouteKind.GRPC_ROUTE] } })] }).redirectHttpToHttps();
      expect(validationErrors(chart)).toStrictEqual([
        'test/gateway: the HTTPS redirect route cannot attach: listener "http" of Gateway infra/shared allows GRPCRoute routes only ' +
        '(allowedRoutes.kinds); a HTTPRoute cannot attach: add its kind to allowedRoutes.kinds or attach to another listener.',
      ]);
    });
  });
});

describe('GatewayClass', () => {
  test('is cluster-scoped even in a namespaced chart', () => {
    const chart = chartIn('infra');
    const cls = new GatewayClass(chart, 'class', {
      metadata: { name: 'internet' },
      controllerName: 'example.net/gateway-controller',
      description: 'Internet-facing gateways',
      parametersRef: { group: 'example.net', kind: 'GatewayConfig', name: 'internet', namespace: 'gateway-system' },
    });
    expect(json(cls)).toStrictEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'internet' },
      spec: {
        controllerName: 'example.net/gateway-controller',
        description: 'Internet-facing gateways',
        parametersRef: { group: 'example.net', kind: 'GatewayConfig', name: 'internet', namespace: 'gateway-system' },
      },
    });
    expect(cls.gatewayClassName).toBe('internet');
    expect(json(new GatewayClass(chartIn(), 'c', { metadata: { name: 'x' }, controllerName: 'a.io/b' })).metadata).toStrictEqual({ name: 'x' });
  });

  test('fails if controllerName, description, namespace or parametersRef are invalid', () => {
    const chart = chartIn('infra');
    expect(() => new GatewayClass(chart, 'a', { controllerName: 'gateway-controller' }))
      .toThrow('test/a: controllerName "gateway-controller" is not a domain-prefixed path: use e.g. "example.net/gateway-controller".');
    expect(() => new GatewayClass(chart, 'b', { controllerName: 'a.io/b', description: 'x'.repeat(65) })).toThrow(/description is 65 characters long, more than the 64 allowed/);
    expect(() => new GatewayClass(chart, 'c', { controllerName: 'a.io/b', metadata: { namespace: 'x' } })).toThrow(/GatewayClass is cluster-scoped and cannot have metadata.namespace/);
    expect(() => new GatewayClass(chart, 'd', { controllerName: 'a.io/b', parametersRef: { group: '', kind: 'Config Map', name: 'x' } })).toThrow(/parametersRef.kind "Config Map" is not a valid kind/);
    expect(() => GatewayClass.fromGatewayClassName(chart, 'e', 'Bad')).toThrow(/gatewayClassName "Bad" is not a valid Kubernetes name/);
  });
});
