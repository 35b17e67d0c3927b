/**
 * Feature detection: which Gateway API conformance features a set of plain manifests uses, and where.
 *
 * `detectFeatures(objects)` maps every Gateway API object to the feature names the conformance reports use
 * (`HTTPRouteRequestMirror`, `GatewayPort8080`, …) and records, per use, the object and the field path that triggered
 * it. Services the routes reference are read for `appProtocol` (HTTPRouteBackendProtocolH2C/WebSocket). It works on
 * plain manifest objects only (never on constructs), so the synth-time lint, the CLI, the routing simulator and the
 * migration all call the same function. See docs/implementations.md for the mapping.
 */
import { isCoreFeature, isKnownFeature } from './catalogue';
import { _intersectHostname } from '../analysis/match';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
const GATEWAY_X_GROUP = 'gateway.networking.x-k8s.io';

/** One use of a feature by one object. */
export interface FeatureUse {
  /** The conformance feature name, e.g. `HTTPRouteRequestMirror`. */
  readonly feature: string;
  /** True for a core feature of a conformance profile (Gateway, HTTPRoute, GRPCRoute, TLSRoute, ReferenceGrant, Mesh). */
  readonly core: boolean;
  /** False when no conformance report mentions the feature (e.g. TCPRoute): no implementation can be checked for it. */
  readonly known: boolean;
  /** The field path that triggered it, in the API server's notation, e.g. `spec.rules[0].filters[1]`. */
  readonly path: string;
  /** Where in the object, for messages, e.g. `rule "mirror"` or `listener "http"`. */
  readonly where: string;
  /** What is used, for messages, e.g. `RequestMirror` or `port 8080`. */
  readonly what: string;
}

/** The features one Gateway API object uses. */
export interface ObjectFeatures {
  readonly apiVersion: string;
  readonly kind: string;
  /** `metadata.namespace` (undefined when the manifest has none). */
  readonly namespace?: string;
  readonly name: string;
  /** The position of the object in the input. */
  readonly index: number;
  /** Every use, sorted by feature name, then path. */
  readonly uses: FeatureUse[];
}

/** The outcome of `detectFeatures`. */
export interface FeatureDetection {
  /** Every Gateway API object of the input (also those that use no feature), sorted by kind, namespace, name. */
  readonly objects: ObjectFeatures[];
  /** The sorted, distinct feature names used. */
  readonly features: string[];
}

/** Options of `detectFeatures`. */
export interface DetectOptions {
  /**
   * The namespace of objects without `metadata.namespace`, to find the Services routes reference.
   * @default 'default'
   */
  readonly defaultNamespace?: string;
}

/**
 * The conformance feature names that cannot be detected from manifests, with the reason. Every name of the
 * catalogue's universe is either detected by `detectFeatures` or listed here (a test enforces it).
 */
export const NOT_DETECTABLE: { readonly [feature: string]: string } = {
  MeshClusterIPMatching:
    'whether mesh clients address a Service by its cluster IP (rather than its DNS name) is runtime behaviour, not configuration',
};

type Obj = { [key: string]: any };

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

function groupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** Whether a manifest is a Gateway API object (either API group). */
export function isGatewayApiManifest(m: unknown): boolean {
  if (!isObj(m)) return false;
  const g = groupOf(m.apiVersion);
  return (g === GATEWAY_GROUP || g === GATEWAY_X_GROUP) && typeof m.kind === 'string';
}

function named(kind: string, value: unknown, index: number): string {
  return typeof value === 'string' && value !== '' ? `${kind} "${value}"` : `${kind} ${index}`;
}

/** A parentRef's target kind: Gateway (default), ListenerSet, Service (mesh), or another kind. */
function parentKind(ref: Obj): string {
  const group = ref.group === undefined ? GATEWAY_GROUP : ref.group;
  const kind = ref.kind === undefined ? 'Gateway' : ref.kind;
  if ((group === '' || group === 'core') && kind === 'Service') return 'Service';
  if (group === GATEWAY_GROUP || group === GATEWAY_X_GROUP) return kind === 'XListenerSet' ? 'ListenerSet' : kind;
  return `${group}/${kind}`;
}

class Collector {
  public readonly uses: FeatureUse[] = [];
  private readonly seen = new Set<string>();

  public add(feature: string, path: string, where: string, what: string): void {
    const key = `${feature}\0${path}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.uses.push({ feature, core: isCoreFeature(feature), known: isKnownFeature(feature), path, where, what });
  }
}

interface Context {
  /** Services by `namespace/name`. */
  readonly services: Map<string, Obj>;
  readonly defaultNamespace: string;
}

// ------------------------------------------------------------------------------------------------------------------
// Gateway and ListenerSet
// ------------------------------------------------------------------------------------------------------------------

function listenerFeatures(listeners: any[], base: string, out: Collector): void {
  listeners.forEach((l, i) => {
    if (!isObj(l)) return;
    const path = `${base}[${i}]`;
    const where = named('listener', l.name, i);
    if (l.port === 8080) out.add('GatewayPort8080', `${path}.port`, where, 'port 8080');
    if (l.protocol === 'TLS' && isObj(l.tls) && l.tls.mode === 'Terminate') {
      out.add('TLSRouteModeTerminate', `${path}.tls.mode`, where, 'TLS mode Terminate');
    }
  });
  // listeners sharing a port
  const byPort = new Map<number, number[]>();
  listeners.forEach((l, i) => {
    if (!isObj(l) || typeof l.port !== 'number') return;
    byPort.set(l.port, [...(byPort.get(l.port) ?? []), i]);
  });
  for (const indexes of byPort.values()) {
    if (indexes.length < 2) continue;
    // a TLS port with both Passthrough and Terminate listeners
    const tls = indexes.filter((i) => listeners[i].protocol === 'TLS');
    const modes = new Set(tls.map((i) => (isObj(listeners[i].tls) && listeners[i].tls.mode) || 'Terminate'));
    if (modes.has('Passthrough') && modes.has('Terminate')) {
      const i = tls.find((j) => ((isObj(listeners[j].tls) && listeners[j].tls.mode) || 'Terminate') === 'Terminate')!;
      out.add('TLSRouteModeMixed', `${base}[${i}].tls.mode`, named('listener', listeners[i].name, i),
        `Passthrough and Terminate TLS listeners on port ${listeners[i].port}`);
    }
    // HTTP(S) listeners whose hostnames overlap: requests must reach only the most specific listener's routes
    for (const protocol of ['HTTP', 'HTTPS']) {
      const same = indexes.filter((i) => listeners[i].protocol === protocol);
      for (const i of same) {
        const hi: string | undefined = listeners[i].hostname || undefined;
        const overlaps = same.some((j) => j !== i && overlapsMoreGeneral(hi, listeners[j].hostname || undefined));
        if (overlaps) {
          out.add('GatewayHTTPListenerIsolation', `${base}[${i}].hostname`, named('listener', listeners[i].name, i),
            `${protocol} listeners with overlapping hostnames on port ${listeners[i].port}`);
        }
      }
    }
    // HTTPS listeners with distinct hostnames on one port: a client reusing a connection for another host gets 421
    const https = indexes.filter((i) => listeners[i].protocol === 'HTTPS');
    const hostnames = new Set(https.map((i) => listeners[i].hostname || '*'));
    if (https.length >= 2 && hostnames.size >= 2) {
      const i = https[1];
      out.add('GatewayHTTPSListenerDetectMisdirectedRequests', `${base}[${i}].hostname`, named('listener', listeners[i].name, i),
        `HTTPS listeners with different hostnames on port ${listeners[i].port}`);
    }
  }
}

/** Whether `specific` is matched by a more general (or equal but distinct listener's) hostname `general`. */
function overlapsMoreGeneral(specific: string | undefined, general: string | undefined): boolean {
  if (general === undefined) return specific !== undefined;
  if (specific === undefined) return false;
  if (specific === general) return false;
  return _intersectHostname(general, specific) === specific;
}

function gatewayFeatures(m: Obj, out: Collector): void {
  out.add('Gateway', 'kind', 'the Gateway', 'a Gateway');
  const spec = isObj(m.spec) ? m.spec : {};
  listenerFeatures(arr(spec.listeners), 'spec.listeners', out);
  arr(spec.addresses).forEach((a, i) => {
    if (!isObj(a)) return;
    if (typeof a.value === 'string' && a.value !== '') {
      out.add('GatewayStaticAddresses', `spec.addresses[${i}]`, `address ${i}`, `static address ${a.value}`);
    } else {
      out.add('GatewayAddressEmpty', `spec.addresses[${i}]`, `address ${i}`, `an address of type ${a.type ?? 'IPAddress'} without a value`);
    }
  });
  if (isObj(spec.infrastructure)) {
    for (const f of ['labels', 'annotations']) {
      if (isObj(spec.infrastructure[f]) && Object.keys(spec.infrastructure[f]).length > 0) {
        out.add('GatewayInfrastructurePropagation', `spec.infrastructure.${f}`, 'the infrastructure', `infrastructure ${f}`);
      }
    }
  }
  if (isObj(spec.allowedListeners)) out.add('ListenerSet', 'spec.allowedListeners', 'the Gateway', 'allowedListeners');
  const tls = isObj(spec.tls) ? spec.tls : {};
  if (isObj(tls.backend) && isObj(tls.backend.clientCertificateRef)) {
    out.add('GatewayBackendClientCertificate', 'spec.tls.backend.clientCertificateRef', 'the Gateway', 'a backend client certificate');
  }
  if (isObj(tls.frontend)) {
    const validations: Array<[string, Obj]> = [];
    if (isObj(tls.frontend.default) && isObj(tls.frontend.default.validation)) {
      validations.push(['spec.tls.frontend.default.validation', tls.frontend.default.validation]);
    }
    arr(tls.frontend.perPort).forEach((p, i) => {
      if (isObj(p) && isObj(p.tls) && isObj(p.tls.validation)) validations.push([`spec.tls.frontend.perPort[${i}].tls.validation`, p.tls.validation]);
    });
    for (const [path, v] of validations) {
      out.add('GatewayFrontendClientCertificateValidation', path, 'the Gateway', 'client certificate validation');
      if (v.mode === 'AllowInsecureFallback') {
        out.add('GatewayFrontendClientCertificateValidationInsecureFallback', `${path}.mode`, 'the Gateway', 'validation mode AllowInsecureFallback');
      }
    }
  }
}

function listenerSetFeatures(m: Obj, out: Collector): void {
  out.add('ListenerSet', 'kind', 'the ListenerSet', 'a ListenerSet');
  const spec = isObj(m.spec) ? m.spec : {};
  listenerFeatures(arr(spec.listeners), 'spec.listeners', out);
}

// ------------------------------------------------------------------------------------------------------------------
// Routes
// ------------------------------------------------------------------------------------------------------------------

interface Parents {
  /** Attached to a Gateway or ListenerSet (the Gateway profiles' feature names apply). */
  readonly gateway: boolean;
  /** Attached to a Service (the mesh profiles' feature names apply). */
  readonly mesh: boolean;
}

function routeParents(m: Obj, kind: string, ctx: Context, out: Collector): Parents {
  const spec = isObj(m.spec) ? m.spec : {};
  const refs = arr(spec.parentRefs);
  let gateway = false;
  let mesh = false;
  refs.forEach((ref, i) => {
    if (!isObj(ref)) return;
    const pk = parentKind(ref);
    const path = `spec.parentRefs[${i}]`;
    const where = `parentRef ${i}`;
    if (pk === 'Service') {
      mesh = true;
      out.add('Mesh', path, where, `a ${kind} attached to Service ${ref.name}`);
      const routeNs = m.metadata?.namespace ?? ctx.defaultNamespace;
      if (typeof ref.namespace === 'string' && ref.namespace !== routeNs) {
        out.add('MeshConsumerRoute', `${path}.namespace`, where, `a consumer route for Service ${ref.namespace}/${ref.name}`);
      }
      return;
    }
    gateway = true;
    if (pk === 'ListenerSet') out.add('ListenerSet', `${path}.kind`, where, 'a ListenerSet parent');
    if (kind === 'HTTPRoute' && typeof ref.port === 'number') {
      out.add('HTTPRouteParentRefPort', `${path}.port`, where, `parentRef port ${ref.port}`);
      if (ref.sectionName === undefined) {
        out.add('HTTPRouteDestinationPortMatching', `${path}.port`, where, `matching listeners by destination port ${ref.port}`);
      }
    }
  });
  // a route without parentRefs attaches to nothing; its features still describe what it would need
  if (refs.length === 0) gateway = true;
  return { gateway, mesh };
}

/** Adds `gatewayName` for Gateway parents and `meshName` (when the mesh profile has one) for Service parents. */
function addFor(
  parents: Parents, out: Collector, gatewayName: string, meshName: string | undefined, path: string, where: string, what: string,
): void {
  if (parents.gateway || meshName === undefined) out.add(gatewayName, path, where, what);
  if (parents.mesh && meshName !== undefined) out.add(meshName, path, where, what);
}

function httpFilterFeatures(filters: any[], base: string, where: string, parents: Parents, out: Collector, backendLevel: boolean): void {
  let mirrors = 0;
  filters.forEach((f, k) => {
    if (!isObj(f)) return;
    const path = `${base}[${k}]`;
    switch (f.type) {
      case 'RequestHeaderModifier':
        if (backendLevel) {
          addFor(parents, out, 'HTTPRouteBackendRequestHeaderModification', 'MeshHTTPRouteBackendRequestHeaderModification', path, where,
            'a RequestHeaderModifier on a backendRef');
        }
        break;
      case 'ResponseHeaderModifier':
        out.add('HTTPRouteResponseHeaderModification', path, where, 'ResponseHeaderModifier');
        break;
      case 'RequestRedirect': {
        const r = isObj(f.requestRedirect) ? f.requestRedirect : {};
        if (r.scheme !== undefined) addFor(parents, out, 'HTTPRouteSchemeRedirect', 'MeshHTTPRouteSchemeRedirect', `${path}.requestRedirect.scheme`, where, 'a scheme redirect');
        if (r.port !== undefined) addFor(parents, out, 'HTTPRoutePortRedirect', 'MeshHTTPRouteRedirectPort', `${path}.requestRedirect.port`, where, 'a port redirect');
        if (r.path !== undefined) addFor(parents, out, 'HTTPRoutePathRedirect', 'MeshHTTPRouteRedirectPath', `${path}.requestRedirect.path`, where, 'a path redirect');
        if (r.statusCode === 303 || r.statusCode === 307 || r.statusCode === 308) {
          out.add(`HTTPRoute${r.statusCode}RedirectStatusCode`, `${path}.requestRedirect.statusCode`, where, `redirect status code ${r.statusCode}`);
        }
        break;
      }
      case 'URLRewrite': {
        const r = isObj(f.urlRewrite) ? f.urlRewrite : {};
        if (r.hostname !== undefined) out.add('HTTPRouteHostRewrite', `${path}.urlRewrite.hostname`, where, 'a host rewrite');
        if (r.path !== undefined) addFor(parents, out, 'HTTPRoutePathRewrite', 'MeshHTTPRouteRewritePath', `${path}.urlRewrite.path`, where, 'a path rewrite');
        break;
      }
      case 'RequestMirror': {
        mirrors++;
        out.add('HTTPRouteRequestMirror', path, where, 'RequestMirror');
        if (mirrors === 2) out.add('HTTPRouteRequestMultipleMirrors', path, where, 'several RequestMirror filters');
        const r = isObj(f.requestMirror) ? f.requestMirror : {};
        if (r.percent !== undefined || r.fraction !== undefined) {
          out.add('HTTPRouteRequestPercentageMirror', `${path}.requestMirror.${r.percent !== undefined ? 'percent' : 'fraction'}`, where,
            'a percentage mirror');
        }
        break;
      }
      case 'CORS':
        out.add('HTTPRouteCORS', path, where, 'a CORS filter');
        break;
      default:
        break;
    }
  });
}

const APP_PROTOCOLS: { readonly [appProtocol: string]: [string, string] } = {
  'kubernetes.io/h2c': ['HTTPRouteBackendProtocolH2C', 'HTTP/2 over cleartext (appProtocol kubernetes.io/h2c)'],
  'kubernetes.io/ws': ['HTTPRouteBackendProtocolWebSocket', 'WebSocket (appProtocol kubernetes.io/ws)'],
  'kubernetes.io/wss': ['HTTPRouteBackendProtocolWebSocket', 'WebSocket over TLS (appProtocol kubernetes.io/wss)'],
};

function backendProtocol(m: Obj, ref: Obj, path: string, where: string, ctx: Context, out: Collector): void {
  const group = ref.group ?? '';
  const kind = ref.kind ?? 'Service';
  if ((group !== '' && group !== 'core') || kind !== 'Service' || typeof ref.name !== 'string') return;
  const ns = ref.namespace ?? m.metadata?.namespace ?? ctx.defaultNamespace;
  const svc = ctx.services.get(`${ns}/${ref.name}`);
  if (!svc || !isObj(svc.spec)) return;
  const port = arr(svc.spec.ports).find((p) => isObj(p) && (ref.port === undefined ? true : p.port === ref.port));
  if (!isObj(port) || typeof port.appProtocol !== 'string') return;
  const known = APP_PROTOCOLS[port.appProtocol];
  if (known) out.add(known[0], `${path}.port`, `${where} (Service ${ns}/${ref.name} port ${port.port})`, known[1]);
}

function httpRouteFeatures(m: Obj, ctx: Context, out: Collector): void {
  const parents = routeParents(m, 'HTTPRoute', ctx, out);
  if (parents.gateway) out.add('HTTPRoute', 'kind', 'the HTTPRoute', 'an HTTPRoute');
  const spec = isObj(m.spec) ? m.spec : {};
  arr(spec.rules).forEach((rule, i) => {
    if (!isObj(rule)) return;
    const base = `spec.rules[${i}]`;
    const where = named('rule', rule.name, i);
    if (typeof rule.name === 'string') addFor(parents, out, 'HTTPRouteNamedRouteRule', 'MeshHTTPRouteNamedRouteRule', `${base}.name`, where, 'a rule name');
    arr(rule.matches).forEach((match, j) => {
      if (!isObj(match)) return;
      if (arr(match.queryParams).length > 0) {
        addFor(parents, out, 'HTTPRouteQueryParamMatching', 'MeshHTTPRouteQueryParamMatching', `${base}.matches[${j}].queryParams`, where, 'query parameter matching');
      }
      if (match.method !== undefined) out.add('HTTPRouteMethodMatching', `${base}.matches[${j}].method`, where, 'method matching');
    });
    httpFilterFeatures(arr(rule.filters), `${base}.filters`, where, parents, out, false);
    arr(rule.backendRefs).forEach((ref, j) => {
      if (!isObj(ref)) return;
      const refPath = `${base}.backendRefs[${j}]`;
      httpFilterFeatures(arr(ref.filters), `${refPath}.filters`, `${where} backendRef ${j}`, parents, out, true);
      backendProtocol(m, ref, refPath, `${where} backendRef ${j}`, ctx, out);
    });
    if (isObj(rule.timeouts)) {
      if (rule.timeouts.request !== undefined) out.add('HTTPRouteRequestTimeout', `${base}.timeouts.request`, where, 'a request timeout');
      if (rule.timeouts.backendRequest !== undefined) out.add('HTTPRouteBackendTimeout', `${base}.timeouts.backendRequest`, where, 'a backend request timeout');
    }
    if (isObj(rule.retry)) out.add('HTTPRouteRetries', `${base}.retry`, where, 'retries');
  });
}

function grpcRouteFeatures(m: Obj, ctx: Context, out: Collector): void {
  const parents = routeParents(m, 'GRPCRoute', ctx, out);
  if (parents.gateway) out.add('GRPCRoute', 'kind', 'the GRPCRoute', 'a GRPCRoute');
  const spec = isObj(m.spec) ? m.spec : {};
  arr(spec.rules).forEach((rule, i) => {
    if (isObj(rule) && typeof rule.name === 'string') out.add('GRPCRouteNamedRouteRule', `spec.rules[${i}].name`, named('rule', rule.name, i), 'a rule name');
  });
}

function simpleRouteFeatures(m: Obj, kind: string, ctx: Context, out: Collector): void {
  routeParents(m, kind, ctx, out);
  out.add(kind, 'kind', `the ${kind}`, `a ${kind}`);
}

function backendTLSPolicyFeatures(m: Obj, out: Collector): void {
  out.add('BackendTLSPolicy', 'kind', 'the BackendTLSPolicy', 'a BackendTLSPolicy');
  const v = isObj(m.spec) && isObj(m.spec.validation) ? m.spec.validation : {};
  if (arr(v.subjectAltNames).length > 0) {
    out.add('BackendTLSPolicySANValidation', 'spec.validation.subjectAltNames', 'the validation', 'subjectAltNames');
  }
}

// ------------------------------------------------------------------------------------------------------------------

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The conformance features `objects` use. Accepts any parsed manifests: non-Gateway-API objects are ignored except
 * Services (read for the `appProtocol` of route backends); malformed objects contribute what can be read from them.
 */
export function detectFeatures(objects: readonly unknown[], options: DetectOptions = {}): FeatureDetection {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const services = new Map<string, Obj>();
  for (const o of objects) {
    if (isObj(o) && o.kind === 'Service' && (o.apiVersion === 'v1') && isObj(o.metadata) && typeof o.metadata.name === 'string') {
      services.set(`${o.metadata.namespace ?? defaultNamespace}/${o.metadata.name}`, o);
    }
  }
  const ctx: Context = { services, defaultNamespace };
  const result: ObjectFeatures[] = [];
  objects.forEach((o, index) => {
    if (!isGatewayApiManifest(o)) return;
    const m = o as Obj;
    const out = new Collector();
    switch (m.kind) {
      case 'Gateway': gatewayFeatures(m, out); break;
      case 'ListenerSet':
      case 'XListenerSet': listenerSetFeatures(m, out); break;
      case 'HTTPRoute': httpRouteFeatures(m, ctx, out); break;
      case 'GRPCRoute': grpcRouteFeatures(m, ctx, out); break;
      case 'TLSRoute':
      case 'TCPRoute':
      case 'UDPRoute': simpleRouteFeatures(m, m.kind, ctx, out); break;
      case 'BackendTLSPolicy': backendTLSPolicyFeatures(m, out); break;
      case 'ReferenceGrant': out.add('ReferenceGrant', 'kind', 'the ReferenceGrant', 'a ReferenceGrant'); break;
      default: break;
    }
    const meta = isObj(m.metadata) ? m.metadata : {};
    result.push({
      apiVersion: m.apiVersion,
      kind: m.kind,
      namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
      name: typeof meta.name === 'string' ? meta.name : '',
      index,
      uses: out.uses.sort((a, b) => compareText(a.feature, b.feature) || compareText(a.path, b.path)),
    });
  });
  result.sort((a, b) => compareText(a.kind, b.kind) || compareText(a.namespace ?? '', b.namespace ?? '')
    || compareText(a.name, b.name) || a.index - b.index);
  const features = [...new Set(result.flatMap((r) => r.uses.map((u) => u.feature)))].sort(compareText);
  return { objects: result, features };
}
