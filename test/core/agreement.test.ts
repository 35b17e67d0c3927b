/**
 * Agreement: the L2 attachment check (`IRouteParent.checkRouteAttachment`, run at synth) and the analysis engine
 * (`GatewayApiAnalyzer`, on the synthesized manifests) answer "does this route attach to this parent, and if not,
 * why" alike, over one table of cases. Both call `core/spec/attachment`; this test keeps their wording layers
 * from drifting.
 */
import { ApiObject, Chart, Testing } from 'cdk8s';
import {
  CertificateRef, GatewayApiAnalyzer, IRouteParent, LabelSelectorOperator, Listener, ListenerNamespaces, ListenerSet,
  MissingReferencePolicy, PlatformGateway, RouteAttachmentRequest, RouteKind, RouteNamespaces,
} from '../../src';

const cert = CertificateRef.fromName('tls');

interface Case {
  readonly name: string;
  readonly listeners: Listener[];
  /** Attach to a ListenerSet (in namespace `infra`) holding the listeners, instead of the Gateway. */
  readonly listenerSet?: boolean;
  readonly request: RouteAttachmentRequest;
  /** The upstream reason; `Accepted` when the route attaches. */
  readonly reason: 'Accepted' | 'NoMatchingParent' | 'NotAllowedByListeners' | 'NoMatchingListenerHostname';
}

const http = Listener.http;
const all = { namespaces: RouteNamespaces.all() };
const CASES: Case[] = [
  // namespaces
  { name: 'Same: the route in the listener namespace', listeners: [http()], request: { routeKind: 'HTTPRoute', routeNamespace: 'infra' }, reason: 'Accepted' },
  { name: 'Same: fails if the route is in another namespace', listeners: [http()], request: { routeKind: 'HTTPRoute', routeNamespace: 'store' }, reason: 'NotAllowedByListeners' },
  { name: 'All: any namespace', listeners: [http({ allowedRoutes: all })], request: { routeKind: 'HTTPRoute', routeNamespace: 'store' }, reason: 'Accepted' },
  { name: 'Selector: a namespace with the labels', listeners: [http({ allowedRoutes: { namespaces: RouteNamespaces.withLabels({ team: 'store' }) } })], request: { routeKind: 'HTTPRoute', routeNamespace: 'store' }, reason: 'Accepted' },
  { name: 'Selector: fails if the namespace lacks the labels', listeners: [http({ allowedRoutes: { namespaces: RouteNamespaces.withLabels({ team: 'store' }) } })], request: { routeKind: 'HTTPRoute', routeNamespace: 'blog' }, reason: 'NotAllowedByListeners' },
  { name: 'Selector: named namespaces', listeners: [http({ allowedRoutes: { namespaces: RouteNamespaces.named(['store', 'blog']) } })], request: { routeKind: 'HTTPRoute', routeNamespace: 'blog' }, reason: 'Accepted' },
  { name: 'Selector: fails if not among the named namespaces', listeners: [http({ allowedRoutes: { namespaces: RouteNamespaces.named(['store']) } })], request: { routeKind: 'HTTPRoute', routeNamespace: 'blog' }, reason: 'NotAllowedByListeners' },
  {
    name: 'Selector: NotIn expression',
    listeners: [http({ allowedRoutes: { namespaces: RouteNamespaces.selector({ matchExpressions: [{ key: 'team', operator: LabelSelectorOperator.NOT_IN, values: ['store'] }] }) } })],
    request: { routeKind: 'HTTPRoute', routeNamespace: 'blog' },
    reason: 'Accepted',
  },
  // kinds
  { name: 'fails if the protocol does not serve the kind', listeners: [http()], request: { routeKind: 'TCPRoute', routeNamespace: 'infra' }, reason: 'NotAllowedByListeners' },
  { name: 'GRPCRoute on an HTTP listener', listeners: [http()], request: { routeKind: 'GRPCRoute', routeNamespace: 'infra' }, reason: 'Accepted' },
  { name: 'fails if allowedRoutes.kinds does not list the kind', listeners: [http({ allowedRoutes: { kinds: [RouteKind.GRPC_ROUTE] } })], request: { routeKind: 'HTTPRoute', routeNamespace: 'infra' }, reason: 'NotAllowedByListeners' },
  { name: 'TLSRoute on a TLS passthrough listener', listeners: [Listener.tlsPassthrough({ allowedRoutes: all })], request: { routeKind: 'TLSRoute', routeNamespace: 'store' }, reason: 'Accepted' },
  { name: 'TCPRoute on a TLS listener that lists it', listeners: [Listener.tlsPassthrough({ allowedRoutes: { kinds: [RouteKind.TCP_ROUTE] } })], request: { routeKind: 'TCPRoute', routeNamespace: 'infra' }, reason: 'Accepted' },
  { name: 'TCPRoute on a TCP listener', listeners: [Listener.tcp({ port: 5432 })], request: { routeKind: 'TCPRoute', routeNamespace: 'infra' }, reason: 'Accepted' },
  { name: 'fails if a UDPRoute targets a TCP listener', listeners: [Listener.tcp({ port: 5432 })], request: { routeKind: 'UDPRoute', routeNamespace: 'infra' }, reason: 'NotAllowedByListeners' },
  // sectionName and port
  { name: 'sectionName selects the admitting listener', listeners: [http(), http({ name: 'public', port: 8080, allowedRoutes: all })], request: { routeKind: 'HTTPRoute', routeNamespace: 'store', sectionName: 'public' }, reason: 'Accepted' },
  { name: 'fails if sectionName selects the refusing listener', listeners: [http(), http({ name: 'public', port: 8080, allowedRoutes: all })], request: { routeKind: 'HTTPRoute', routeNamespace: 'store', sectionName: 'http' }, reason: 'NotAllowedByListeners' },
  { name: 'fails if sectionName names no listener', listeners: [http()], request: { routeKind: 'HTTPRoute', routeNamespace: 'infra', sectionName: 'htps' }, reason: 'NoMatchingParent' },
  { name: 'port selects a listener', listeners: [http(), http({ name: 'public', port: 8080, allowedRoutes: all })], request: { routeKind: 'HTTPRoute', routeNamespace: 'store', port: 8080 }, reason: 'Accepted' },
  { name: 'fails if no listener is on the port', listeners: [http()], request: { routeKind: 'HTTPRoute', routeNamespace: 'infra', port: 8080 }, reason: 'NoMatchingParent' },
  { name: 'fails if the named listener is on another port', listeners: [http()], request: { routeKind: 'HTTPRoute', routeNamespace: 'infra', sectionName: 'http', port: 443 }, reason: 'NoMatchingParent' },
  { name: 'one admitting listener of several is enough', listeners: [http(), Listener.https({ certificateRefs: [cert], allowedRoutes: all })], request: { routeKind: 'HTTPRoute', routeNamespace: 'store' }, reason: 'Accepted' },
  // hostnames
  { name: 'a wildcard listener hostname covers the route hostname', listeners: [http({ hostname: '*.example.com' })], request: { routeKind: 'HTTPRoute', routeNamespace: 'infra', hostnames: ['shop.example.com'] }, reason: 'Accepted' },
  { name: 'fails if the wildcard does not cover the bare domain', listeners: [http({ hostname: '*.example.com' })], request: { routeKind: 'HTTPRoute', routeNamespace: 'infra', hostnames: ['example.com'] }, reason: 'NoMatchingListenerHostname' },
  { name: 'a route wildcard intersects a precise listener hostname', listeners: [http({ hostname: 'shop.example.com' })], request: { routeKind: 'HTTPRoute', routeNamespace: 'infra', hostnames: ['*.example.com'] }, reason: 'Accepted' },
  { name: 'fails if the precise hostnames differ', listeners: [http({ hostname: 'shop.example.com' })], request: { routeKind: 'HTTPRoute', routeNamespace: 'infra', hostnames: ['blog.example.com', 'other.org'] }, reason: 'NoMatchingListenerHostname' },
  { name: 'a listener without hostname takes every route hostname', listeners: [http()], request: { routeKind: 'HTTPRoute', routeNamespace: 'infra', hostnames: ['a.example.com'] }, reason: 'Accepted' },
  {
    name: 'fails for hostnames when the admitting listener does not intersect (the refusing one does)',
    listeners: [http({ hostname: 'a.example.com' }), http({ name: 'public', port: 8080, hostname: 'b.example.com', allowedRoutes: all })],
    request: { routeKind: 'HTTPRoute', routeNamespace: 'store', hostnames: ['a.example.com'] },
    reason: 'NoMatchingListenerHostname',
  },
  // ListenerSet
  { name: 'ListenerSet: a route in its namespace', listenerSet: true, listeners: [http({ name: 'extra', port: 8081 })], request: { routeKind: 'HTTPRoute', routeNamespace: 'infra' }, reason: 'Accepted' },
  { name: 'ListenerSet: fails if the route is in another namespace', listenerSet: true, listeners: [http({ name: 'extra', port: 8081 })], request: { routeKind: 'HTTPRoute', routeNamespace: 'store' }, reason: 'NotAllowedByListeners' },
  { name: 'ListenerSet: fails if sectionName names no listener of the set', listenerSet: true, listeners: [http({ name: 'extra', port: 8081 })], request: { routeKind: 'HTTPRoute', routeNamespace: 'infra', sectionName: 'http' }, reason: 'NoMatchingParent' },
  { name: 'ListenerSet: hostnames', listenerSet: true, listeners: [http({ name: 'extra', port: 8081, hostname: '*.shop.example.com', allowedRoutes: all })], request: { routeKind: 'HTTPRoute', routeNamespace: 'store', hostnames: ['a.blog.example.com'] }, reason: 'NoMatchingListenerHostname' },
];

/** An app with labelled namespaces `store` and `blog`, and the parent of the case in namespace `infra`. */
function build(c: Case): { parent: IRouteParent; manifests: any[] } {
  const app = Testing.app();
  const namespaces = new Chart(app, 'namespaces');
  new ApiObject(namespaces, 'store', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'store', labels: { team: 'store' } } });
  new ApiObject(namespaces, 'blog', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'blog', labels: { team: 'blog' } } });
  const infra = new Chart(app, 'infra', { namespace: 'infra' });
  const gw = new PlatformGateway(infra, 'gateway', {
    metadata: { name: 'shared' },
    gatewayClassName: 'shared',
    listeners: c.listenerSet ? [http()] : c.listeners,
    ...(c.listenerSet ? { allowedListeners: { namespaces: ListenerNamespaces.same() } } : {}),
  });
  const parent: IRouteParent = c.listenerSet
    ? new ListenerSet(infra, 'set', { metadata: { name: 'extra' }, parentRef: gw, listeners: c.listeners })
    : gw;
  return { parent, manifests: app.charts.flatMap((chart) => chart.toJson()) };
}

/** The reason the L2 check gives, read from its messages (one or more per listener). */
function l2Reason(messages: string[]): Case['reason'] {
  if (messages.length === 0) return 'Accepted';
  if (messages.some((m) => /has no listener (named|on port)|listens on port \d+, not/.test(m))) return 'NoMatchingParent';
  const byListener = new Map<string, string[]>();
  for (const m of messages) {
    const who = /^listener "([^"]+)"/.exec(m)?.[1] ?? '';
    byListener.set(who, [...(byListener.get(who) ?? []), m]);
  }
  const onlyHostnames = [...byListener.values()].some((ms) => ms.every((m) => m.includes('matches none of the route hostnames')));
  return onlyHostnames ? 'NoMatchingListenerHostname' : 'NotAllowedByListeners';
}

function analysisResult(c: Case, parent: IRouteParent, manifests: any[]): { accepted: string; reason: string } {
  const r = c.request;
  const route = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: r.routeKind,
    metadata: { name: 'route', namespace: r.routeNamespace },
    spec: {
      parentRefs: [{
        kind: parent.routeParentKind,
        name: parent.routeParentName,
        namespace: parent.routeParentNamespace,
        ...(r.sectionName !== undefined ? { sectionName: r.sectionName } : {}),
        ...(r.port !== undefined ? { port: r.port } : {}),
      }],
      ...(r.hostnames ? { hostnames: r.hostnames } : {}),
      rules: [{}],
    },
  };
  const report = new GatewayApiAnalyzer().analyze([...manifests, route], { missingReferences: MissingReferencePolicy.UNKNOWN });
  const result = report.routeResults.find((x) => x.route.name === 'route');
  if (!result) throw new Error(`no analysis result for ${c.name}`);
  return { accepted: result.accepted, reason: result.acceptedReason };
}

describe('the L2 attachment check and the analysis agree', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { parent, manifests } = build(c);
    const messages = parent.checkRouteAttachment(c.request);
    const analysis = analysisResult(c, parent, manifests);
    expect({ l2: l2Reason(messages), analysis: analysis.reason }).toEqual({ l2: c.reason, analysis: c.reason });
    expect(analysis.accepted).toBe(c.reason === 'Accepted' ? 'True' : 'False');
  });

  test('the table covers every reason, both parent kinds and every allowedRoutes.namespaces.from', () => {
    expect(new Set(CASES.map((c) => c.reason)).size).toBe(4);
    expect(CASES.some((c) => c.listenerSet)).toBe(true);
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  test('where they differ by design: a namespace the app does not define (labels unknown)', () => {
    const c: Case = {
      name: 'unknown namespace',
      listeners: [http({ allowedRoutes: { namespaces: RouteNamespaces.withLabels({ team: 'store' }) } })],
      request: { routeKind: 'HTTPRoute', routeNamespace: 'elsewhere' },
      reason: 'Accepted',
    };
    const { parent, manifests } = build(c);
    // the L2 check reports only what is certain; the analysis judges the namespace by its implicit label alone
    expect(parent.checkRouteAttachment(c.request)).toEqual([]);
    expect(analysisResult(c, parent, manifests).reason).toBe('NotAllowedByListeners');
  });
});
