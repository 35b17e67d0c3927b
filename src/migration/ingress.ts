/**
 * Reader 1: `networking.k8s.io/v1` Ingress (with IngressClass, `spec.defaultBackend`, TLS and the Services of the
 * input for ports by name) and the ingress-nginx annotations, into the migration model.
 * Semantics: https://kubernetes.io/docs/concepts/services-networking/ingress/ and
 * https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/
 */
import {
  IrBackend, IrBackendTls, IrGateway, IrRoute, IrRule, MigrationModel, OutcomeStatus, SourceLocation,
  SourceRef, SourceReport,
} from './model';
import {
  NGINX_CORS_DEFAULTS, NGINX_HTTPS_REDIRECT_CODE, NGINX_MAPPED, NGINX_NEVER, NGINX_PREFIX,
} from './nginx-annotations';
import { MigrateOptions, MigrationSource } from './options';
import { convertMiddlewares, listenerName, MiddlewareOutcome, resolveEntryPoints } from './traefik';
import { duration, ItemLog, slug } from './util';

type Obj = { [k: string]: any };
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);

interface Lookups {
  services: Map<string, Obj>;
  configMaps: Map<string, Obj>;
  ingressClasses: Map<string, Obj>;
  middlewares: Map<string, Obj>;
  defaultClass?: string;
}

function lookupsOf(objects: any[], defaultNamespace: string): Lookups {
  const services = new Map<string, Obj>();
  const configMaps = new Map<string, Obj>();
  const ingressClasses = new Map<string, Obj>();
  const middlewares = new Map<string, Obj>();
  let defaultClass: string | undefined;
  for (const o of objects) {
    if (!isObj(o) || !isObj(o.metadata) || typeof o.metadata.name !== 'string') continue;
    const key = `${o.metadata.namespace ?? defaultNamespace}/${o.metadata.name}`;
    if (o.kind === 'Service') {services.set(key, o);} else if (o.kind === 'ConfigMap') {configMaps.set(key, o);} else if (o.kind === 'Middleware' && /^traefik\.(io|containo\.us)\//.test(String(o.apiVersion))) {middlewares.set(key, o);} else if (o.kind === 'IngressClass') {
      ingressClasses.set(o.metadata.name, o);
      if (o.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true') defaultClass = o.metadata.name;
    }
  }
  return { services, configMaps, ingressClasses, middlewares, defaultClass };
}

/** The port number of a Service backend (`port.number`, or `port.name` looked up in the input Services). */
function portOf(svc: Obj, namespace: string, lookups: Lookups): number | string {
  const port = isObj(svc.port) ? svc.port : {};
  if (typeof port.number === 'number') return port.number;
  if (typeof port.name === 'string') {
    const s = lookups.services.get(`${namespace}/${svc.name}`);
    if (!s) return `port "${port.name}" of Service ${namespace}/${svc.name}: the Service is not in the input, so the name cannot be resolved to a number (add the Service manifest, or use port.number)`;
    const p = arr(s.spec?.ports).find((x) => x?.name === port.name);
    if (!p || typeof p.port !== 'number') return `Service ${namespace}/${svc.name} has no port named "${port.name}"`;
    return p.port;
  }
  return `the backend of Service ${namespace}/${svc.name} has no port`;
}

const REGEX_CHARS = /[.*+?()[\]{}|^$\\]/;

interface PathEntry {
  host?: string;
  path: string;
  pathType: string;
  backend: { namespace: string; name: string; port: number };
  field: string;
}

interface IngressInfo {
  ref: SourceRef;
  obj: Obj;
  ann: { [k: string]: string };
  className: string;
  log: ItemLog;
  outputs: string[];
  entries: PathEntry[];
  defaultBackend?: { namespace: string; name: string; port: number };
  tlsByHost: Map<string, string | undefined>;
  canary: boolean;
  /** @internal the lookups, for the Traefik annotations */
  __lookups?: Lookups;
  /** How this Ingress is read: by its IngressClass controller and annotations, or `--from`. */
  from: 'ingress-nginx' | 'traefik' | 'ingress';
}

const TRAEFIK_PREFIX = 'traefik.ingress.kubernetes.io/';

/** The dialect of an Ingress: `--from`, else its IngressClass controller, else its annotations and class name. */
function dialectOf(from: MigrationSource, className: string, ann: { [k: string]: string }, lookups: Lookups): 'ingress-nginx' | 'traefik' | 'ingress' {
  if (from !== 'auto') return from;
  const controller = lookups.ingressClasses.get(className)?.spec?.controller;
  if (controller === 'k8s.io/ingress-nginx') return 'ingress-nginx';
  if (controller === 'traefik.io/ingress-controller') return 'traefik';
  const keys = Object.keys(ann);
  if (keys.some((k) => k.startsWith(TRAEFIK_PREFIX)) || /traefik/i.test(className)) return 'traefik';
  if (keys.some((k) => k.startsWith(NGINX_PREFIX)) || /nginx/i.test(className)) return 'ingress-nginx';
  return 'ingress';
}

/** A rule under construction (canaries are merged into it). */
interface RuleDraft {
  host?: string;
  sourcePathKey: string;
  rule: IrRule;
  location: SourceLocation;
}

function annotationsOf(obj: Obj): { [k: string]: string } {
  const out: { [k: string]: string } = {};
  const a = obj.metadata?.annotations;
  if (isObj(a)) for (const [k, v] of Object.entries(a)) out[k] = typeof v === 'string' ? v : String(v);
  return out;
}

function seconds(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

function refString(kind: string, ns: string, name: string): string {
  return `${kind} ${ns}/${name}`;
}

/** The class of an Ingress: spec.ingressClassName, the legacy annotation, the default IngressClass. */
function classOf(obj: Obj, ann: { [k: string]: string }, lookups: Lookups): string {
  if (typeof obj.spec?.ingressClassName === 'string') return obj.spec.ingressClassName;
  if (ann['kubernetes.io/ingress.class']) return ann['kubernetes.io/ingress.class'];
  return lookups.defaultClass ?? 'default';
}

/**
 * Reads the Ingresses of `objects` into the migration model. Objects other than Ingress/IngressClass/Service/
 * Secret/ConfigMap are left to the other readers.
 */
export function readIngresses(objects: any[], options: MigrateOptions): MigrationModel {
  const from = options.from ?? 'auto';
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const lookups = lookupsOf(objects, defaultNamespace);
  const infos: IngressInfo[] = [];
  for (const o of objects) {
    if (!isObj(o) || o.kind !== 'Ingress') continue;
    if (!isObj(o.metadata) || typeof o.metadata.name !== 'string') continue;
    const namespace = o.metadata.namespace ?? defaultNamespace;
    const ref: SourceRef = { kind: 'Ingress', namespace, name: o.metadata.name };
    const log = new ItemLog();
    if (o.apiVersion !== 'networking.k8s.io/v1') {
      log.add('apiVersion', String(o.apiVersion), 'not-converted', `only networking.k8s.io/v1 Ingresses are read (got ${String(o.apiVersion)})`, 'convert it to networking.k8s.io/v1 first (kubectl convert)');
    }
    const ann = annotationsOf(o);
    const className = classOf(o, ann, lookups);
    const dialect = dialectOf(from, className, ann, lookups);
    const info: IngressInfo = {
      ref,
      obj: o,
      ann,
      className,
      log,
      outputs: [],
      entries: [],
      tlsByHost: new Map(),
      canary: dialect === 'ingress-nginx' && ann[NGINX_PREFIX + 'canary'] === 'true',
      from: dialect,
    };
    info.__lookups = lookups;
    readSpec(info, lookups);
    infos.push(info);
  }
  return build(infos, lookups, options, objects);
}

function useNginx(from: MigrationSource): boolean {
  return from === 'ingress-nginx';
}

function readSpec(info: IngressInfo, lookups: Lookups): void {
  const { obj, ref, log } = info;
  const spec = isObj(obj.spec) ? obj.spec : {};
  const backendOf = (b: any, field: string): { namespace: string; name: string; port: number } | undefined => {
    if (!isObj(b)) return undefined;
    if (isObj(b.resource)) {
      log.add(field + '.resource', `${b.resource.kind}/${b.resource.name}`, 'not-converted', 'a resource backend (not a Service) has no portable Gateway API equivalent', 'a backendRef to an implementation-specific kind, or an ExtensionRef filter');
      return undefined;
    }
    if (!isObj(b.service) || typeof b.service.name !== 'string') {
      log.add(field, undefined, 'not-converted', 'the backend names no Service');
      return undefined;
    }
    const port = portOf(b.service, ref.namespace, lookups);
    if (typeof port === 'string') {
      log.add(field + '.service.port', undefined, 'not-converted', port);
      return undefined;
    }
    return { namespace: ref.namespace, name: b.service.name, port };
  };
  if (spec.defaultBackend !== undefined) info.defaultBackend = backendOf(spec.defaultBackend, 'spec.defaultBackend');
  arr(spec.rules).forEach((rule: any, ri: number) => {
    const host = typeof rule?.host === 'string' && rule.host !== '' ? rule.host.toLowerCase() : undefined;
    arr(rule?.http?.paths).forEach((p: any, pi: number) => {
      const field = `spec.rules[${ri}].http.paths[${pi}]`;
      const backend = backendOf(p?.backend, field + '.backend');
      if (!backend) return;
      const path = typeof p.path === 'string' && p.path !== '' ? p.path : '/';
      const pathType = typeof p.pathType === 'string' ? p.pathType : 'ImplementationSpecific';
      info.entries.push({ host, path, pathType, backend, field });
    });
  });
  arr(spec.tls).forEach((t: any, ti: number) => {
    const secret = typeof t?.secretName === 'string' && t.secretName !== '' ? t.secretName : undefined;
    const hosts = arr(t?.hosts).filter((h) => typeof h === 'string').map((h: string) => h.toLowerCase());
    if (hosts.length === 0) {
      log.add(`spec.tls[${ti}]`, secret, 'not-converted', 'a TLS entry without hosts is the controller\'s default certificate: a Gateway listener needs a hostname or is the catch-all', 'add the hosts to spec.tls, or give the Gateway an HTTPS listener without hostname by hand');
    }
    for (const h of hosts) info.tlsByHost.set(h, secret);
    if (secret !== undefined && hosts.length) {
      log.add(`spec.tls[${ti}]`, `${hosts.join(',')}: ${secret}`, 'converted', `an HTTPS listener per host with certificateRefs Secret ${secret}`);
    }
    if (secret === undefined) {
      log.add(`spec.tls[${ti}]`, hosts.join(','), 'not-converted', 'a TLS entry without secretName uses the controller\'s default certificate, which has no Gateway API equivalent', 'name the certificate Secret (listener certificateRefs)');
    }
  });
}

interface NginxSettings {
  sslRedirect: (host: string | undefined) => boolean;
  redirect?: { url: string; code: number };
  appRoot?: string;
  regex: boolean;
  rewriteTarget?: string;
  upstreamVhost?: string;
  protocol: 'HTTP' | 'HTTPS' | 'GRPC' | 'GRPCS';
  cors?: any;
  timeouts?: { backendRequest?: string };
  sessionPersistence?: any;
  passthrough: boolean;
  requestHeaders: { name: string; value: string }[];
  responseHeaders: { name: string; value: string }[];
  backendTlsName?: string;
  backendTlsCa?: string;
}

function list(v: string): string[] {
  return v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Reads the ingress-nginx annotations of a (non-canary) Ingress into settings, logging every one. */
function nginxSettings(info: IngressInfo, lookups: Lookups, from: MigrationSource): NginxSettings {
  const { ann, log } = info;
  const a = (k: string): string | undefined => (useNginx(from) ? ann[NGINX_PREFIX + k] : undefined);
  const hasTls = (h: string | undefined): boolean => h !== undefined && info.tlsByHost.has(h);
  const force = a('force-ssl-redirect') === 'true';
  const sslRedirectOff = a('ssl-redirect') === 'false';
  const s: NginxSettings = {
    sslRedirect: (h) => force || (!sslRedirectOff && hasTls(h)),
    regex: a('use-regex') === 'true' || a('rewrite-target') !== undefined,
    protocol: 'HTTP',
    passthrough: a('ssl-passthrough') === 'true',
    requestHeaders: [],
    responseHeaders: [],
  };
  // every nginx annotation gets a line
  for (const [k, v] of Object.entries(ann).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    if (!k.startsWith(NGINX_PREFIX)) continue;
    const name = k.slice(NGINX_PREFIX.length);
    if (!useNginx(from)) {
      log.add(k, v, 'ignored', `read as ${from}: ingress-nginx annotations are not read`);
      continue;
    }
    if (info.canary && !name.startsWith('canary')) {
      log.add(k, v, 'ignored', 'ingress-nginx ignores this annotation on a canary Ingress (the main Ingress\'s settings apply)');
      continue;
    }
    if (NGINX_NEVER[name] !== undefined) {
      log.add(k, v, 'not-converted', 'no Gateway API equivalent', NGINX_NEVER[name]);
      continue;
    }
    if (!NGINX_MAPPED.has(name)) {
      log.add(k, v, 'not-converted', 'no known Gateway API mapping for this ingress-nginx annotation', 'check the ingress-nginx docs and your implementation\'s policies');
      continue;
    }
    if (info.canary) continue; // canary-* are logged when merged
    handleNginx(name, v, k, s, info, lookups, a);
  }
  return s;
}

function handleNginx(name: string, v: string, k: string, s: NginxSettings, info: IngressInfo, lookups: Lookups,
  a: (k: string) => string | undefined): void {
  const { log, ref } = info;
  switch (name) {
    case 'ssl-redirect':
      log.add(k, v, 'converted', v === 'false' ? 'no HTTP→HTTPS redirect route: the route attaches to the HTTP listener (and the HTTPS listeners of its TLS hosts)'
        : `an HTTPRoute on the HTTP listener redirects the TLS hosts to https (${NGINX_HTTPS_REDIRECT_CODE}, ingress-nginx's default http-redirect-code)`);
      return;
    case 'force-ssl-redirect':
      log.add(k, v, 'converted', v === 'true' ? `an HTTPRoute on the HTTP listener redirects every host of the Ingress to https (${NGINX_HTTPS_REDIRECT_CODE})` : 'no forced redirect');
      return;
    case 'permanent-redirect':
    case 'temporal-redirect': {
      const permanent = name === 'permanent-redirect';
      const codeRaw = a(permanent ? 'permanent-redirect-code' : 'temporal-redirect-code');
      const code = codeRaw !== undefined ? Number(codeRaw) : permanent ? 301 : 302;
      let url: URL | undefined;
      try {
        url = new URL(v);
      } catch {
        url = undefined;
      }
      if (!url || !/^https?:$/.test(url.protocol)) {
        log.add(k, v, 'not-converted', `"${v}" is not an absolute http(s) URL; RequestRedirect needs scheme, hostname and path`, 'a RequestRedirect filter written by hand');
        return;
      }
      if (![301, 302, 303, 307, 308].includes(code)) {
        log.add(k, v, 'not-converted', `redirect code ${code} is not one RequestRedirect allows (301, 302, 303, 307, 308)`);
        return;
      }
      if (s.redirect) {
        log.add(k, v, 'ignored', 'permanent-redirect takes precedence over temporal-redirect in ingress-nginx');
        return;
      }
      s.redirect = { url: v, code };
      log.add(k, v, url.search || url.hash ? 'caveat' : 'converted', `RequestRedirect (scheme ${url.protocol.slice(0, -1)}, hostname ${url.hostname}, ReplaceFullPath ${url.pathname}, statusCode ${code}) on every path${url.search ? '; the query string of the URL cannot be set by RequestRedirect (the request\'s is kept)' : ''}`);
      return;
    }
    case 'permanent-redirect-code':
    case 'temporal-redirect-code':
      log.add(k, v, 'converted', 'the statusCode of the RequestRedirect');
      return;
    case 'app-root':
      if (!v.startsWith('/')) {
        log.add(k, v, 'not-converted', 'app-root must be a path starting with /');
        return;
      }
      s.appRoot = v;
      log.add(k, v, 'converted', `a rule matching Exact / redirects (302, ReplaceFullPath ${v})`);
      return;
    case 'use-regex':
      log.add(k, v, 'converted', v === 'true' ? 'paths are read as ingress-nginx regular expressions (anchored at the start, case-insensitive); see each path' : 'paths are not regular expressions');
      return;
    case 'rewrite-target':
      s.rewriteTarget = v;
      return; // logged per path
    case 'upstream-vhost':
      s.upstreamVhost = v;
      log.add(k, v, 'converted', `URLRewrite hostname ${v}`);
      return;
    case 'canary':
    case 'canary-weight':
    case 'canary-weight-total':
    case 'canary-by-header':
    case 'canary-by-header-value':
      log.add(k, v, 'ignored', 'canary annotations only take effect together with nginx.ingress.kubernetes.io/canary: "true"');
      return;
    case 'backend-protocol': {
      const p = v.toUpperCase();
      if (p === 'HTTP') {
        log.add(k, v, 'converted', 'plain HTTP to the backends (the default)');
      } else if (p === 'HTTPS' || p === 'GRPC' || p === 'GRPCS') {
        s.protocol = p;
        log.add(k, v, p === 'GRPC' ? 'caveat' : 'caveat', p === 'HTTPS' ? 'a BackendTLSPolicy per backend Service; unlike ingress-nginx (proxy-ssl-verify off by default), a BackendTLSPolicy always validates the backend certificate'
          : p === 'GRPC' ? 'a GRPCRoute; set appProtocol: kubernetes.io/h2c on the Service port so that the implementation speaks HTTP/2 cleartext to the backend'
            : 'a GRPCRoute and a BackendTLSPolicy per backend Service (the certificate is validated, unlike ingress-nginx by default)');
      } else if (p === 'H2C') {
        log.add(k, v, 'caveat', 'set appProtocol: kubernetes.io/h2c on the Service port (HTTPRouteBackendProtocolH2C): Services are not emitted');
      } else {
        log.add(k, v, 'not-converted', `backend protocol ${v} has no Gateway API equivalent`, 'a TCPRoute/implementation-specific backend');
      }
      return;
    }
    case 'proxy-ssl-secret':
      s.backendTlsCa = v;
      log.add(k, v, 'caveat', 'the ca.crt of the Secret validates the backend certificate (BackendTLSPolicy caCertificateRefs, kind Secret: implementation-specific support; core support is a ConfigMap with ca.crt)');
      return;
    case 'proxy-ssl-name':
      s.backendTlsName = v;
      log.add(k, v, 'converted', `BackendTLSPolicy validation.hostname ${v} (the SNI and the name checked)`);
      return;
    case 'proxy-ssl-verify':
      log.add(k, v, v === 'on' ? 'converted' : 'caveat', v === 'on' ? 'BackendTLSPolicy always validates the backend certificate'
        : 'a BackendTLSPolicy always validates the backend certificate: without proxy-ssl-secret the system CAs are used (wellKnownCACertificates: System)');
      return;
    case 'proxy-ssl-server-name':
      log.add(k, v, 'converted', 'a BackendTLSPolicy always sends validation.hostname as SNI');
      return;
    case 'enable-cors': {
      if (v !== 'true') {
        log.add(k, v, 'converted', 'no CORS filter');
        return;
      }
      const origins = list(a('cors-allow-origin') ?? NGINX_CORS_DEFAULTS.origin);
      const methods = list(a('cors-allow-methods') ?? NGINX_CORS_DEFAULTS.methods).map((m) => m.toUpperCase());
      const headers = list(a('cors-allow-headers') ?? NGINX_CORS_DEFAULTS.headers);
      const expose = a('cors-expose-headers') !== undefined ? list(a('cors-expose-headers')!) : [];
      const credentials = (a('cors-allow-credentials') ?? NGINX_CORS_DEFAULTS.credentials) === 'true';
      const maxAge = Number(a('cors-max-age') ?? NGINX_CORS_DEFAULTS.maxAge);
      s.cors = {
        allowOrigins: origins,
        ...(credentials ? { allowCredentials: true } : {}),
        allowMethods: methods,
        allowHeaders: headers,
        ...(expose.length ? { exposeHeaders: expose } : {}),
        ...(Number.isInteger(maxAge) && maxAge > 0 ? { maxAge } : {}),
      };
      log.add(k, v, 'converted', `the CORS filter (origins ${origins.join(', ')}; defaults of the unset cors-* annotations are ingress-nginx's)`);
      return;
    }
    case 'cors-allow-origin':
    case 'cors-allow-methods':
    case 'cors-allow-headers':
    case 'cors-expose-headers':
    case 'cors-allow-credentials':
    case 'cors-max-age':
      log.add(k, v, a('enable-cors') === 'true' ? 'converted' : 'ignored', a('enable-cors') === 'true' ? 'a field of the CORS filter' : 'without enable-cors: "true" ingress-nginx ignores it');
      return;
    case 'proxy-read-timeout':
    case 'proxy-send-timeout': {
      const n = seconds(v);
      if (n === undefined) {
        log.add(k, v, 'not-converted', `"${v}" is not a number of seconds`);
        return;
      }
      const other = seconds(a(name === 'proxy-read-timeout' ? 'proxy-send-timeout' : 'proxy-read-timeout')) ?? 60;
      const t = Math.max(n, other);
      s.timeouts = { backendRequest: duration(t) };
      log.add(k, v, 'caveat', `timeouts.backendRequest ${duration(t)} (the larger of proxy-read-timeout and proxy-send-timeout, default 60): nginx's timeouts bound the time between two reads/writes, Gateway API's bounds the whole backend request`);
      return;
    }
    case 'proxy-connect-timeout':
      log.add(k, v, 'not-converted', 'Gateway API has no connect timeout (timeouts.request and timeouts.backendRequest bound the whole request)', POLICY_TIMEOUT);
      return;
    case 'affinity':
      if (v !== 'cookie') {
        log.add(k, v, 'not-converted', `affinity "${v}" is not cookie affinity`);
        return;
      }
      {
        const cookie = a('session-cookie-name') ?? 'INGRESSCOOKIE';
        const maxAge = seconds(a('session-cookie-max-age') ?? a('session-cookie-expires'));
        s.sessionPersistence = {
          sessionName: cookie,
          type: 'Cookie',
          ...(maxAge !== undefined ? { absoluteTimeout: duration(maxAge), cookieConfig: { lifetimeType: 'Permanent' } } : {}),
        };
        log.add(k, v, 'caveat', `sessionPersistence (type Cookie, sessionName ${cookie}): experimental channel (GEP-1619), the cookie value format is the implementation's`);
      }
      return;
    case 'affinity-mode':
      log.add(k, v, v === 'persistent' || v === 'balanced' ? 'caveat' : 'ignored', 'Gateway API sessionPersistence does not say how sessions move when endpoints change (implementation-specific)');
      return;
    case 'session-cookie-name':
    case 'session-cookie-max-age':
    case 'session-cookie-expires':
      log.add(k, v, a('affinity') === 'cookie' ? 'converted' : 'ignored', a('affinity') === 'cookie' ? 'a field of sessionPersistence' : 'without affinity: cookie ingress-nginx ignores it');
      return;
    case 'session-cookie-path':
      log.add(k, v, 'caveat', 'the cookie path is chosen by the implementation (sessionPersistence has no path field)');
      return;
    case 'ssl-passthrough':
      log.add(k, v, v === 'true' ? 'converted' : 'ignored', v === 'true' ? 'a TLSRoute on a TLS Passthrough listener per host (paths and other annotations do not apply, as in ingress-nginx)' : 'no passthrough');
      return;
    case 'x-forwarded-prefix':
      s.requestHeaders.push({ name: 'X-Forwarded-Prefix', value: v });
      log.add(k, v, 'converted', `RequestHeaderModifier set X-Forwarded-Prefix: ${v}`);
      return;
    case 'custom-headers': {
      const [cmNs, cmName] = v.includes('/') ? v.split('/', 2) : [ref.namespace, v];
      const cm = lookups.configMaps.get(`${cmNs}/${cmName}`);
      if (!cm || !isObj(cm.data)) {
        log.add(k, v, 'not-converted', `the ConfigMap ${cmNs}/${cmName} is not in the input: its headers cannot be read`, 'add the ConfigMap to the input, or write the ResponseHeaderModifier by hand');
        return;
      }
      const names = Object.keys(cm.data).sort();
      for (const n of names) s.responseHeaders.push({ name: n, value: String(cm.data[n]) });
      log.add(k, v, 'converted', `ResponseHeaderModifier set ${names.join(', ')} (from ConfigMap ${cmNs}/${cmName})`);
      return;
    }
    default:
      log.add(k, v, 'not-converted', 'no mapping');
  }
}

/** The name TLS to a backend checks (and sends as SNI): proxy-ssl-name, else the Service's cluster DNS name. */
function backendTlsHostname(s: NginxSettings, b: { namespace: string; name: string }): string {
  return s.backendTlsName ?? `${b.name}.${b.namespace}.svc.cluster.local`;
}

/** What the source does to a forwarded request besides routing it: header changes, CORS, timeouts, backend TLS. */
function sideEffects(
  s: NginxSettings, mw: MiddlewareOutcome | undefined, grpc: boolean, backend: { namespace: string; name: string },
): Partial<SourceLocation> {
  if (mw?.redirect) return {};
  const requestHeaders: { [name: string]: string | null } = { ...mw?.requestHeaders };
  for (const h of s.requestHeaders) requestHeaders[h.name] = h.value;
  const responseHeaders: { [name: string]: string | null } = { ...mw?.responseHeaders };
  for (const h of s.responseHeaders) responseHeaders[h.name] = h.value;
  const cors = s.cors ? { origins: s.cors.allowOrigins as string[], credentials: s.cors.allowCredentials === true } : mw?.cors;
  const tls = s.protocol === 'HTTPS' || s.protocol === 'GRPCS';
  return {
    ...(Object.keys(requestHeaders).length ? { requestHeaders } : {}),
    ...(Object.keys(responseHeaders).length ? { responseHeaders } : {}),
    ...(cors ? { cors } : {}),
    ...(s.timeouts && !grpc ? { timeouts: { ...s.timeouts } as { [name: string]: string } } : {}),
    ...(tls ? { backendTls: { sni: backendTlsHostname(s, backend) } } : {}),
  };
}

const POLICY_TIMEOUT = 'a backend traffic policy of your implementation (e.g. Envoy Gateway BackendTrafficPolicy timeout.tcp.connectTimeout)';

/** The matching of a path as the rule emits it, the source semantics, and the rewrite (or a reason it is lost). */
interface PathPlan {
  gw: { type: 'Exact' | 'PathPrefix' | 'RegularExpression'; value: string };
  src: SourceLocation['match'];
  rewrite?: any; // URLRewrite path
  srcRewrite?: SourceLocation['rewrite'];
  status: OutcomeStatus;
  message: string;
}

/** Plans one Ingress path under the ingress-nginx (or plain Ingress) semantics. */
function planPath(e: PathEntry, s: NginxSettings | undefined, nginx: boolean): PathPlan {
  const path = e.path;
  const target = s?.rewriteTarget;
  if (!s?.regex) {
    if (e.pathType === 'Exact') return { gw: { type: 'Exact', value: path }, src: { type: 'Exact', value: path }, status: 'converted', message: `Exact ${path}` };
    if (e.pathType === 'Prefix') return { gw: { type: 'PathPrefix', value: path }, src: { type: 'Prefix', value: path }, status: 'converted', message: `PathPrefix ${path} (both match element by element)` };
    // ImplementationSpecific
    if (nginx) {
      const same = path.endsWith('/');
      return {
        gw: { type: 'PathPrefix', value: path },
        src: { type: 'StringPrefix', value: path },
        status: same ? 'converted' : 'caveat',
        message: same ? `PathPrefix ${path} (an nginx prefix ending in / matches the same paths)`
          : `PathPrefix ${path}: ingress-nginx matches ImplementationSpecific paths as a string prefix (${path}x too), PathPrefix element by element`,
      };
    }
    return { gw: { type: 'PathPrefix', value: path }, src: { type: 'Prefix', value: path }, status: 'caveat', message: `PathPrefix ${path}: ImplementationSpecific is the controller's choice; read as Prefix` };
  }
  // ingress-nginx regex location: ~* ^<path>
  const literal = !REGEX_CHARS.test(path);
  if (literal) {
    const base: PathPlan = {
      gw: { type: 'PathPrefix', value: path },
      src: { type: 'Regex', value: path },
      status: path.endsWith('/') || path === '/' ? 'converted' : 'caveat',
      message: `PathPrefix ${path}${path.endsWith('/') ? '' : ': the nginx regex location ^' + path + ' also matches ' + path + 'x'}; nginx regex locations are case-insensitive`,
    };
    if (target === undefined) return base;
    if (!/\$\d/.test(target)) {
      return { ...base, rewrite: { type: 'ReplaceFullPath', replaceFullPath: target }, srcRewrite: { kind: 'full', target }, message: base.message + `; rewrite-target ${target} → URLRewrite ReplaceFullPath ${target}` };
    }
    return { ...base, srcRewrite: { kind: 'regex', target }, status: 'not-converted', message: `rewrite-target ${target} refers to capture groups the path ${path} does not have` };
  }
  // P(/|$)(.*) with T$2 → PathPrefix P + ReplacePrefixMatch T
  const m = /^(\/[^.*+?()[\]{}|^$\\]*?)\(\/\|\$\)\(\.\*\)$/.exec(path);
  if (m && target !== undefined) {
    const t = /^(\/?[^$]*)\$2$/.exec(target);
    if (t) {
      let repl = t[1] === '' ? '/' : t[1];
      if (repl.length > 1 && repl.endsWith('/')) repl = repl.slice(0, -1);
      return {
        gw: { type: 'PathPrefix', value: m[1] || '/' },
        src: { type: 'Regex', value: path },
        rewrite: { type: 'ReplacePrefixMatch', replacePrefixMatch: repl.startsWith('/') ? repl : '/' + repl },
        srcRewrite: { kind: 'regex', target },
        status: 'caveat',
        message: `PathPrefix ${m[1] || '/'} + URLRewrite ReplacePrefixMatch ${repl} (the capture-group form ${path} → ${target}); nginx regex locations are case-insensitive`,
      };
    }
  }
  return {
    gw: { type: 'RegularExpression', value: path + '.*' },
    src: { type: 'Regex', value: path },
    ...(target !== undefined ? { srcRewrite: { kind: 'regex', target } } : {}),
    status: 'not-converted',
    message: `the regex path ${path}${target !== undefined ? ` with rewrite-target ${target}` : ''} has no portable equivalent: emitted as a RegularExpression match (implementation-specific, RE2, case-sensitive)${target !== undefined ? ' without the rewrite' : ''}`,
  };
}

function build(infos: IngressInfo[], lookups: Lookups, options: MigrateOptions, objects: any[]): MigrationModel {
  const gateways = new Map<string, IrGateway & { listeners: any[] }>();
  const routes: IrRoute[] = [];
  const policies = new Map<string, IrBackendTls>();
  const locations: SourceLocation[] = [];
  const drafts = new Map<string, RuleDraft>(); // host|pathType|path → main rule (for canaries)

  const gatewayOf = (className: string, namespace: string): IrGateway & { listeners: any[] } => {
    const key = options.gateway ? `${options.gateway.namespace}/${options.gateway.name}` : `class:${className}`;
    let g = gateways.get(key);
    if (!g) {
      g = options.gateway
        ? { key, namespace: options.gateway.namespace, name: options.gateway.name, gatewayClassName: '', existing: true, listeners: [], routeNamespaces: new Set() }
        : { key, namespace: '', name: slug(className), gatewayClassName: options.gatewayClassName ?? className, existing: false, listeners: [], routeNamespaces: new Set() };
      gateways.set(key, g);
    }
    g.routeNamespaces.add(namespace);
    return g;
  };

  const mains = infos.filter((i) => !i.canary);
  const canaries = infos.filter((i) => i.canary);
  for (const info of mains) {
    const s = info.from === 'ingress-nginx' ? nginxSettings(info, lookups, info.from) : ignoreAll(info, info.from);
    const traefik = info.from === 'traefik' ? traefikSettings(info, options) : undefined;
    const nginx = info.from === 'ingress-nginx';
    const gw = gatewayOf(info.className, info.ref.namespace);
    info.log.add('spec.ingressClassName', info.className, 'converted', options.gateway ? `routes attach to the existing Gateway ${gw.namespace}/${gw.name}` : `the Gateway of IngressClass ${info.className} (gatewayClassName ${gw.gatewayClassName})`);
    // group entries by host
    const hosts = new Map<string | undefined, PathEntry[]>();
    for (const e of info.entries) {
      if (!hosts.has(e.host)) hosts.set(e.host, []);
      hosts.get(e.host)!.push(e);
    }
    if (info.defaultBackend && !hosts.has(undefined)) hosts.set(undefined, []);
    const multi = hosts.size > 1;
    for (const [host, entries] of hosts) {
      const routeName = multi ? `${info.ref.name}-${host ? slug(host) : 'default'}` : info.ref.name;
      const tls = host !== undefined && info.tlsByHost.has(host);
      const secret = host !== undefined ? info.tlsByHost.get(host) : undefined;
      if (tls && secret) {
        for (const port of traefik?.httpsPorts ?? [443]) addListener(gw, { role: 'https', port, protocol: 'HTTPS', hostname: host, certificate: { namespace: info.ref.namespace, name: secret } });
      }
      if (s.passthrough) {
        if (!host) {
          info.log.add(NGINX_PREFIX + 'ssl-passthrough', 'true', 'not-converted', 'passthrough needs a host (the SNI) in the rule');
          continue;
        }
        const first = entries[0];
        if (!first) continue;
        addListener(gw, { role: 'passthrough', port: 443, protocol: 'TLS', hostname: host });
        const r: IrRoute = {
          kind: 'TLSRoute',
          namespace: info.ref.namespace,
          name: routeName,
          gateway: gw.key,
          roles: ['passthrough'],
          hostnames: [host],
          rules: [{ matches: [], filters: [], backends: [first.backend] }],
          source: info.ref,
        };
        routes.push(r);
        info.outputs.push(refString('TLSRoute', r.namespace, r.name));
        locations.push({ source: info.ref, host, match: { type: 'Prefix', value: '/' }, backends: [{ ...first.backend, probability: 1 }], tls: true, passthrough: true });
        continue;
      }
      for (const port of traefik?.http ? traefik.httpPorts : [80]) addListener(gw, { role: 'http', port, protocol: 'HTTP' });
      const redirectToHttps = s.sslRedirect(host);
      const grpc = s.protocol === 'GRPC' || s.protocol === 'GRPCS';
      const rules: IrRule[] = [];
      const redirectRules: IrRule[] = [];
      const all = [...entries];
      const withDefault = host === undefined && info.defaultBackend;
      for (const e of all) {
        const plan = planPath(e, s, nginx);
        info.log.add(`${e.field}.path`, `${e.pathType} ${e.path}`, plan.status, plan.message);
        if (s.rewriteTarget !== undefined) info.log.add(NGINX_PREFIX + 'rewrite-target', s.rewriteTarget, plan.rewrite ? (plan.status === 'not-converted' ? 'caveat' : plan.status) : 'not-converted', `${e.field}: ${plan.rewrite ? 'URLRewrite ' + plan.rewrite.type : 'not rewritten'}`);
        const filters: any[] = [];
        let mw: MiddlewareOutcome | undefined;
        let backends: IrBackend[] = [e.backend];
        if (s.redirect) {
          const u = new URL(s.redirect.url);
          filters.push({
            type: 'RequestRedirect',
            requestRedirect: {
              scheme: u.protocol.slice(0, -1),
              hostname: u.hostname,
              ...(u.port ? { port: Number(u.port) } : {}),
              path: { type: 'ReplaceFullPath', replaceFullPath: u.pathname || '/' },
              statusCode: s.redirect.code,
            },
          });
          backends = [];
        } else {
          const rewrite: any = {};
          if (s.upstreamVhost) rewrite.hostname = s.upstreamVhost;
          if (plan.rewrite) rewrite.path = plan.rewrite;
          if (s.requestHeaders.length) filters.push({ type: 'RequestHeaderModifier', requestHeaderModifier: { set: s.requestHeaders } });
          if (s.responseHeaders.length) filters.push({ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: s.responseHeaders } });
          if (Object.keys(rewrite).length) filters.push({ type: 'URLRewrite', urlRewrite: rewrite });
          if (s.cors) filters.push({ type: 'CORS', cors: s.cors });
          if (traefik?.middlewares.length) {
            mw = convertMiddlewares(traefik.middlewares, info.__lookups!.middlewares, plan.gw.type === 'PathPrefix' ? plan.gw.value : undefined, info.log, `${TRAEFIK_PREFIX}router.middlewares (${e.field})`);
            filters.push(...mw.filters);
            if (mw.redirect) backends = [];
          }
        }
        const match: any = grpc ? grpcMatch(plan.gw) : { path: plan.gw };
        const rule: IrRule = {
          matches: match ? [match] : [],
          filters,
          backends,
          ...(s.timeouts && !grpc && backends.length ? { timeouts: s.timeouts } : {}),
          ...(s.sessionPersistence && backends.length ? { sessionPersistence: s.sessionPersistence } : {}),
        };
        rules.push(rule);
        if (redirectToHttps && !grpc) {
          redirectRules.push({ matches: [{ path: plan.gw }], filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: NGINX_HTTPS_REDIRECT_CODE } }], backends: [] });
        }
        const location: SourceLocation = {
          source: info.ref,
          host,
          match: plan.src,
          backends: backends.map((b) => ({ ...b, probability: 1 })),
          ...(redirectToHttps ? { httpsRedirectCode: NGINX_HTTPS_REDIRECT_CODE } : {}),
          ...(s.redirect ? { redirect: s.redirect } : {}),
          ...(s.appRoot ? { appRoot: s.appRoot } : {}),
          ...(plan.srcRewrite && !s.redirect ? { rewrite: plan.srcRewrite } : {}),
          ...(mw?.redirect?.scheme === 'https' ? { httpsRedirectCode: mw.redirect.code } : {}),
          ...(traefik && !traefik.http ? { httpsOnly: true } : {}),
          ...(traefikProbePort(traefik) !== undefined ? { port: traefikProbePort(traefik) } : {}),
          ...(mw?.rewrite?.kind === 'full' ? { rewrite: { kind: 'full' as const, target: mw.rewrite.value } } : {}),
          ...(mw?.rewrite?.kind === 'prefix' && plan.gw.type === 'PathPrefix' ? {
            match: { type: 'Regex' as const, value: `${plan.gw.value.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(.*)` },
            rewrite: { kind: 'regex' as const, target: `${mw.rewrite.value === '/' ? '' : mw.rewrite.value}$1` },
          } : {}),
          ...(s.upstreamVhost && !s.redirect ? { upstreamHost: s.upstreamVhost } : {}),
          tls,
          ...(grpc ? { grpc: true } : {}),
          ...(s.redirect ? {} : sideEffects(s, mw, grpc, e.backend)),
        };
        locations.push(location);
        drafts.set(`${host ?? ''}|${e.pathType}|${e.path}`, { host, sourcePathKey: e.path, rule, location });
        if (s.protocol === 'HTTPS' || s.protocol === 'GRPCS') addPolicy(policies, e.backend, s, info);
      }
      if (withDefault && info.defaultBackend) {
        const b = info.defaultBackend;
        rules.push({ matches: [{ path: { type: 'PathPrefix', value: '/' } }], filters: [], backends: [b] });
        info.log.add('spec.defaultBackend', `${b.name}:${b.port}`, 'caveat', 'a rule PathPrefix / on a route without hostnames: it catches the requests of hosts no route claims; ingress-nginx also sends unmatched paths of claimed hosts there');
        locations.push({ source: info.ref, match: { type: 'Prefix', value: '/' }, backends: [{ ...b, probability: 1 }], tls: false });
      }
      if (s.appRoot && !s.redirect) {
        const appRule: IrRule = { matches: [{ path: { type: 'Exact', value: '/' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: s.appRoot }, statusCode: 302 } }], backends: [] };
        rules.unshift(appRule);
        if (redirectToHttps) redirectRules.unshift(appRule);
      }
      if (rules.length === 0) continue;
      const hostnames = host ? [host] : [];
      const kind = grpc ? 'GRPCRoute' : 'HTTPRoute';
      const roles: ('http' | 'https')[] = [];
      if (traefik) {
        if (traefik.http) roles.push('http');
        if (traefik.https && tls && secret) roles.push('https');
      } else {
        if (!redirectToHttps) roles.push('http');
        if (tls && secret) roles.push('https');
      }
      if (roles.length === 0) roles.push('https');
      if (roles.length === 1 && roles[0] === 'https' && !gw.existing && !(tls && secret)) {
        // redirected to HTTPS, but the host has no certificate: the Gateway has no HTTPS listener to serve it on
        info.log.add(`spec.rules (host ${host ?? '*'})`, undefined, 'caveat', 'HTTP is redirected to HTTPS, but the host has no spec.tls secret: ingress-nginx serves it with its default certificate, a generated Gateway has no HTTPS listener for it (add spec.tls with a secretName, or attach to a Gateway with --gateway)');
      } else {
        const ports = traefik ? [...(roles.includes('http') ? traefik.httpPorts : []), ...(roles.includes('https') ? traefik.httpsPorts : [])] : [];
        const defaultPorts = ports.every((p) => p === 80 || p === 443);
        routes.push({
          kind,
          namespace: info.ref.namespace,
          name: routeName,
          gateway: gw.key,
          roles,
          ...(defaultPorts ? {} : { ports }),
          hostnames,
          rules,
          source: info.ref,
        });
        info.outputs.push(refString(kind, info.ref.namespace, routeName));
      }
      if (redirectToHttps && redirectRules.length) {
        const name = `${routeName}-https-redirect`;
        routes.push({ kind: 'HTTPRoute', namespace: info.ref.namespace, name, gateway: gw.key, roles: ['http'], hostnames, rules: redirectRules, source: info.ref });
        info.outputs.push(refString('HTTPRoute', info.ref.namespace, name));
      }
    }
  }
  for (const c of canaries) mergeCanary(c, drafts, locations);
  for (const r of routes) {
    (r as any).rules = r.rules.flatMap((rule: any) => {
      const extra = rule._canaryRules ?? [];
      delete rule._canaryRules;
      return [...extra, rule];
    });
  }
  const notes = splitLargeGateways(gateways, routes);
  // Gateway namespace: the common namespace of its routes, else default
  for (const g of gateways.values()) {
    if (!g.existing) {
      const nss = [...g.routeNamespaces].sort();
      (g as any).namespace = nss.length === 1 ? nss[0] : (options.defaultNamespace ?? 'default');
    }
  }
  for (const p of policies.values()) {
    const info = infos.find((i) => i.ref === p.source);
    info?.outputs.push(refString('BackendTLSPolicy', p.namespace, p.name));
  }
  const reports: SourceReport[] = infos.map((i) => ({ ...i.ref, items: i.log.items, outputs: i.outputs }));
  const lookupObjects = objects.filter((o) => isObj(o) && ['Service', 'Secret', 'ConfigMap'].includes(o.kind));
  return {
    gateways: [...gateways.values()], routes, policies: [...policies.values()], reports, locations, lookups: lookupObjects, notes,
  };
}

/** The most listeners a Gateway may have (the CRD's maxItems). */
export const MAX_LISTENERS = 64;

/**
 * Splits a generated Gateway with more than 64 listeners into several (`name`, `name-2`, …), each with the HTTP
 * listener and at most 63 others; a route moves to the Gateway holding its hostname's listener.
 */
function splitLargeGateways(gateways: Map<string, IrGateway & { listeners: any[] }>, routes: IrRoute[]): string[] {
  const notes: string[] = [];
  for (const g of [...gateways.values()]) {
    if (g.existing || g.listeners.length <= MAX_LISTENERS) continue;
    const http = g.listeners.filter((l) => l.role === 'http');
    const others = g.listeners.filter((l) => l.role !== 'http');
    const per = MAX_LISTENERS - http.length;
    const chunks: any[][] = [];
    for (let i = 0; i < others.length; i += per) chunks.push(others.slice(i, i + per));
    const parts = chunks.map((chunk, i) => {
      if (i === 0) {
        g.listeners.splice(0, g.listeners.length, ...http, ...chunk);
        return g;
      }
      const part = { ...g, key: `${g.key}#${i + 1}`, name: `${g.name}-${i + 1}`, listeners: [...http, ...chunk], routeNamespaces: new Set<string>() };
      gateways.set(part.key, part);
      return part;
    });
    const holder = new Map<string, typeof g>();
    for (const part of parts) for (const l of part.listeners) if (l.hostname) holder.set(l.hostname, part);
    for (const r of routes) {
      if (r.gateway !== g.key) continue;
      const part = r.hostnames.map((h) => holder.get(h)).find((x) => x !== undefined) ?? g;
      (r as any).gateway = part.key;
      part.routeNamespaces.add(r.namespace);
    }
    notes.push(`the IngressClass Gateway ${g.name} would have ${http.length + others.length} listeners, over the ${MAX_LISTENERS} a Gateway may have: split into ${parts.map((p) => p.name).join(', ')} (each has its own address: point each host's DNS at its Gateway), or use ListenerSets`);
  }
  return notes;
}

function ignoreAll(info: IngressInfo, from: MigrationSource): NginxSettings {
  for (const [k, v] of Object.entries(info.ann)) {
    if (k.startsWith(NGINX_PREFIX)) info.log.add(k, v, 'ignored', `read as ${from === 'ingress' ? 'a plain Ingress (--from ingress)' : from}: ingress-nginx annotations are not read`);
    if (k.startsWith(TRAEFIK_PREFIX) && from !== 'traefik') info.log.add(k, v, 'ignored', `read as ${from}: Traefik annotations are not read`);
  }
  return { sslRedirect: () => false, regex: false, protocol: 'HTTP', passthrough: false, requestHeaders: [], responseHeaders: [] };
}

interface TraefikIngressSettings {
  http: boolean;
  https: boolean;
  /** The ports of the HTTP and HTTPS listeners (the entry points'). */
  httpPorts: number[];
  httpsPorts: number[];
  middlewares: { namespace: string; name: string }[];
}

/** The port the equivalence check probes a Traefik-annotated Ingress on: its one entry point when not web/websecure. */
function traefikProbePort(t: TraefikIngressSettings | undefined): number | undefined {
  if (!t) return undefined;
  const ports = [...(t.http ? t.httpPorts : []), ...(t.https ? t.httpsPorts : [])];
  return ports.length === 1 && ports[0] !== 80 && ports[0] !== 443 ? ports[0] : undefined;
}

/** The `traefik.ingress.kubernetes.io/*` annotations of an Ingress read as Traefik. */
function traefikSettings(info: IngressInfo, options: MigrateOptions): TraefikIngressSettings {
  const out: TraefikIngressSettings = { http: true, https: true, httpPorts: [80], httpsPorts: [443], middlewares: [] };
  const eps = info.ann[TRAEFIK_PREFIX + 'router.entrypoints'];
  const tlsOn = info.ann[TRAEFIK_PREFIX + 'router.tls'] === 'true';
  for (const [k, v] of Object.entries(info.ann).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!k.startsWith(TRAEFIK_PREFIX)) continue;
    const name = k.slice(TRAEFIK_PREFIX.length);
    if (name === 'router.entrypoints') {
      const points = v.split(',').map((x) => x.trim()).filter((x) => x);
      // websecure (and, with router.tls, every entry point) serves HTTPS; the others HTTP. A router.tls router is
      // served over TLS only: on web (port 80) that is not an HTTP listener, so it is reported, not attached.
      const resolved = resolveEntryPoints(points, options, info.log, k).filter((ep) => {
        if (ep.udp) {
          info.log.add(k, ep.name, 'not-converted', `entry point ${ep.name} is UDP: an Ingress serves HTTP`);
          return false;
        }
        if (tlsOn && ep.name === 'web' && !options.entryPoints?.web) {
          info.log.add(k, ep.name, 'caveat', 'router.tls: Traefik serves the router on web (port 80) over TLS only: not attached to the HTTP listener');
          return false;
        }
        return true;
      });
      const secure = resolved.filter((ep) => ep.name === 'websecure' || tlsOn);
      out.httpPorts = resolved.filter((ep) => !secure.includes(ep)).map((ep) => ep.port);
      out.httpsPorts = secure.map((ep) => ep.port);
      out.http = out.httpPorts.length > 0;
      out.https = out.httpsPorts.length > 0;
      if (resolved.length) info.log.add(k, v, 'converted', `the route attaches to the listeners ${[...out.httpPorts.map((p) => `HTTP ${p}`), ...out.httpsPorts.map((p) => `HTTPS ${p}`)].join(', ')}`);
    } else if (name === 'router.tls') {
      info.log.add(k, v, 'converted', v === 'true' ? 'the HTTPS listeners of the spec.tls hosts' : 'no TLS');
    } else if (name === 'router.middlewares') {
      for (const item of v.split(',').map((x) => x.trim()).filter((x) => x)) {
        const ref = item.replace(/@kubernetescrd$/, '');
        const found = [...info.__lookups!.middlewares.keys()].find((key) => key.replace('/', '-') === ref);
        if (!found) {
          info.log.add(k, item, 'not-converted', `the Middleware ${item} is not in the input (or not a kubernetescrd one)`, 'add the Middleware manifest to the input');
          continue;
        }
        const [ns, n] = found.split('/');
        out.middlewares.push({ namespace: ns, name: n });
      }
    } else if (name === 'router.priority') {
      info.log.add(k, v, 'caveat', 'Gateway API has no priority: its precedence decides');
    } else {
      info.log.add(k, v, 'not-converted', 'no known Gateway API mapping for this Traefik annotation', 'check the Traefik docs and your implementation\'s policies');
    }
  }
  if (eps === undefined) {
    // every default entry point; with router.tls, served over TLS only (not on the HTTP listener)
    out.https = tlsOn;
    if (tlsOn) {
      out.http = false;
      out.httpPorts = [];
      info.log.add(TRAEFIK_PREFIX + 'router.tls', 'true', 'caveat', 'no router.entrypoints: Traefik serves the TLS router on every entry point over TLS only, so it is attached to the HTTPS listeners alone');
    }
  }
  return out;
}

function grpcMatch(p: { type: string; value: string }): any | undefined {
  const v = p.value.replace(/^\/+/, '').replace(/\/+$/, '');
  if (v === '') return undefined;
  const [service, method] = v.split('/');
  return { grpc: { service, ...(method ? { method } : {}) } };
}

function addListener(g: IrGateway & { listeners: any[] }, l: Omit<IrListener0, 'name'>): void {
  if (g.existing) return;
  const same = g.listeners.find((x) => x.port === l.port && x.protocol === l.protocol && x.hostname === l.hostname);
  if (same) return;
  g.listeners.push({ ...l, name: listenerName(l.role, l.port, l.hostname) });
}

type IrListener0 = IrGateway['listeners'][number];

function addPolicy(policies: Map<string, IrBackendTls>, b: { namespace: string; name: string }, s: NginxSettings, info: IngressInfo): void {
  const key = `${b.namespace}/${b.name}`;
  if (policies.has(key)) return;
  let caRef: { kind: string; name: string } | undefined;
  if (s.backendTlsCa) {
    const [ns, name] = s.backendTlsCa.includes('/') ? s.backendTlsCa.split('/', 2) : [b.namespace, s.backendTlsCa];
    if (ns !== b.namespace) {
      info.log.add(NGINX_PREFIX + 'proxy-ssl-secret', s.backendTlsCa, 'not-converted', `BackendTLSPolicy CA references are local: the Secret must be in ${b.namespace}, not ${ns}`, `copy ca.crt into a ConfigMap in ${b.namespace}`);
    } else {
      caRef = { kind: 'Secret', name };
    }
  }
  policies.set(key, {
    namespace: b.namespace,
    name: `${slug(b.name)}-backend-tls`,
    service: b.name,
    hostname: backendTlsHostname(s, b),
    ...(caRef ? { caRef } : {}),
    source: info.ref,
  });
}

function mergeCanary(c: IngressInfo, drafts: Map<string, RuleDraft>, locations: SourceLocation[]): void {
  const a = (k: string): string | undefined => c.ann[NGINX_PREFIX + k];
  // log the non-canary annotations as ignored
  nginxSettingsForCanary(c);
  const weight = a('canary-weight') !== undefined ? Number(a('canary-weight')) : 0;
  const total = a('canary-weight-total') !== undefined ? Number(a('canary-weight-total')) : 100;
  const header = a('canary-by-header');
  const headerValue = a('canary-by-header-value');
  if (!Number.isInteger(weight) || !Number.isInteger(total) || weight < 0 || total <= 0 || weight > total) {
    c.log.add(NGINX_PREFIX + 'canary-weight', a('canary-weight'), 'not-converted', `canary-weight must be an integer between 0 and canary-weight-total (${total})`);
    return;
  }
  c.log.add(NGINX_PREFIX + 'canary', 'true', 'converted', 'merged into the rules of the main Ingress with the same host and path');
  if (a('canary-weight') !== undefined) c.log.add(NGINX_PREFIX + 'canary-weight', a('canary-weight'), 'converted', `backendRefs weights ${total - weight} (main) / ${weight} (canary)`);
  if (a('canary-weight-total') !== undefined) c.log.add(NGINX_PREFIX + 'canary-weight-total', a('canary-weight-total'), 'converted', 'the sum of the weights');
  if (header !== undefined) {
    c.log.add(NGINX_PREFIX + 'canary-by-header', header, headerValue !== undefined ? 'converted' : 'caveat', headerValue !== undefined ? `a rule matching header ${header}: ${headerValue} goes to the canary only`
      : `a rule matching header ${header}: always goes to the canary only; the value never (main only) is the main rule's default`);
  }
  if (headerValue !== undefined) c.log.add(NGINX_PREFIX + 'canary-by-header-value', headerValue, header !== undefined ? 'converted' : 'ignored', header !== undefined ? 'the header match value' : 'needs canary-by-header');
  for (const e of c.entries) {
    const d = drafts.get(`${e.host ?? ''}|${e.pathType}|${e.path}`);
    if (!d) {
      c.log.add(`${e.field}`, `${e.host ?? '*'}${e.path}`, 'not-converted', 'no main Ingress has this host and path (ingress-nginx needs one to apply a canary)');
      continue;
    }
    const rule = d.rule as any;
    if (rule.backends.length === 0) {
      c.log.add(`${e.field}`, e.path, 'ignored', 'the main rule redirects: the canary gets no traffic');
      continue;
    }
    const main = rule.backends[0];
    const loc = d.location as any;
    if (weight > 0) {
      rule.backends = [{ ...main, weight: total - weight }, { ...e.backend, weight }];
      loc.backends = [{ ...main, probability: (total - weight) / total }, { ...e.backend, probability: weight / total }]
        .filter((b) => b.probability > 0);
    }
    if (header !== undefined) {
      const parentRoute = rule;
      const headerRule: IrRule = {
        matches: rule.matches.map((m: any) => ({ ...m, headers: [{ name: header, value: headerValue ?? 'always' }] })),
        filters: rule.filters,
        backends: [e.backend],
        ...(rule.timeouts ? { timeouts: rule.timeouts } : {}),
        ...(rule.sessionPersistence ? { sessionPersistence: rule.sessionPersistence } : {}),
      };
      void parentRoute;
      (d as any).canaryRules = [...((d as any).canaryRules ?? []), headerRule];
      rule._canaryRules = [...(rule._canaryRules ?? []), headerRule];
      if (header !== undefined && headerValue === undefined && weight > 0) {
        rule._canaryRules.push({ ...headerRule, matches: rule.matches.map((m: any) => ({ ...m, headers: [{ name: header, value: 'never' }] })), backends: [main] });
      }
      loc.canaryHeader = { name: header, ...(headerValue !== undefined ? { value: headerValue } : {}), backends: [e.backend] };
    }
    c.outputs.push(`(merged into the rules of ${d.location.source.kind} ${d.location.source.namespace}/${d.location.source.name})`);
  }
  void locations;
}

function nginxSettingsForCanary(c: IngressInfo): void {
  for (const [k, v] of Object.entries(c.ann)) {
    if (!k.startsWith(NGINX_PREFIX)) continue;
    const name = k.slice(NGINX_PREFIX.length);
    if (name.startsWith('canary')) {
      if (!['canary', 'canary-weight', 'canary-weight-total', 'canary-by-header', 'canary-by-header-value'].includes(name)) {
        c.log.add(k, v, 'not-converted', 'no Gateway API equivalent', name === 'canary-by-cookie' ? 'a header match on the Cookie header (RegularExpression, implementation-specific)' : 'a header match rule written by hand');
      }
      continue;
    }
    c.log.add(k, v, 'ignored', 'ingress-nginx ignores this annotation on a canary Ingress (the main Ingress\'s settings apply)');
  }
}
