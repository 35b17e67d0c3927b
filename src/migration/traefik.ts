/**
 * Reader 2: the Traefik CRDs `IngressRoute`, `Middleware` and `TraefikService` (`traefik.io/v1alpha1`, also the older
 * `traefik.containo.us/v1alpha1`) into the migration model.
 * Semantics: https://doc.traefik.io/traefik/routing/providers/kubernetes-crd/ ,
 * https://doc.traefik.io/traefik/routing/routers/#rule , https://doc.traefik.io/traefik/middlewares/overview/
 */
import { IrBackend, IrGateway, IrListener, IrRoute, IrRule, MigrationModel, SourceLocation, SourceRef } from './model';
import { MigrateOptions } from './options';
import { parseTraefikRule, RuleMatcher, RuleSyntaxError, toDnf } from './traefik-rule';
import { ItemLog, slug } from './util';

type Obj = { [k: string]: any };
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);

const TRAEFIK_GROUPS = ['traefik.io/v1alpha1', 'traefik.containo.us/v1alpha1'];

/** Whether an object is a Traefik CRD object. */
export function isTraefikObject(o: any): boolean {
  return isObj(o) && TRAEFIK_GROUPS.includes(o.apiVersion);
}

/** The Gateway API equivalents of the middlewares with one, applied to a rule. */
export interface MiddlewareOutcome {
  filters: any[];
  redirect?: { scheme?: string; port?: number; code: number };
  rewrite?: { kind: 'full' | 'prefix'; value: string };
  /** Request headers set (a value) or removed (null), as the source does it (for the equivalence check). */
  requestHeaders: { [name: string]: string | null };
  /** Response headers set or removed. */
  responseHeaders: { [name: string]: string | null };
  /** The CORS filter's origins and credentials. */
  cors?: { origins: string[]; credentials: boolean };
}

/** The CORS fields of Traefik's headers middleware (accessControl*). */
const TRAEFIK_CORS_FIELDS = [
  'accessControlAllowCredentials', 'accessControlAllowHeaders', 'accessControlAllowMethods', 'accessControlAllowOriginList',
  'accessControlExposeHeaders', 'accessControlMaxAge',
];

/** The headers-middleware fields that set a fixed response header, with the header (reported, with the ResponseHeaderModifier to write). */
function securityHeader(field: string, v: any, conf: Obj): string | undefined {
  switch (field) {
    case 'frameDeny': return v === true ? 'X-Frame-Options: DENY' : undefined;
    case 'customFrameOptionsValue': return `X-Frame-Options: ${v}`;
    case 'contentTypeNosniff': return v === true ? 'X-Content-Type-Options: nosniff' : undefined;
    case 'browserXssFilter': return v === true ? 'X-XSS-Protection: 1; mode=block' : undefined;
    case 'customBrowserXSSValue': return `X-XSS-Protection: ${v}`;
    case 'contentSecurityPolicy': return `Content-Security-Policy: ${v}`;
    case 'contentSecurityPolicyReportOnly': return `Content-Security-Policy-Report-Only: ${v}`;
    case 'referrerPolicy': return `Referrer-Policy: ${v}`;
    case 'permissionsPolicy': return `Permissions-Policy: ${v}`;
    case 'stsSeconds': return `Strict-Transport-Security: max-age=${v}${conf.stsIncludeSubdomains ? '; includeSubDomains' : ''}${conf.stsPreload ? '; preload' : ''}`;
  }
  return undefined;
}

const ORIGIN = /^(\*|https?:\/\/(\*\.)?[a-z0-9.-]+(:[0-9]+)?)$/i;
const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', '*'];

/** The CORS filter of a headers middleware's accessControl* fields, or why it cannot be written. */
function corsOf(conf: Obj): { cors: any } | { problem: string } {
  const strings = (v: unknown): string[] => arr(v).filter((x) => typeof x === 'string');
  const origins = strings(conf.accessControlAllowOriginList);
  const methods = strings(conf.accessControlAllowMethods).map((m) => m.toUpperCase());
  const bad = origins.filter((o) => !ORIGIN.test(o));
  if (bad.length) return { problem: `accessControlAllowOriginList ${bad.join(', ')}: CORS allowOrigins are <scheme>://<host>[:<port>] (host may start with *.) or *` };
  const badMethods = methods.filter((m) => !CORS_METHODS.includes(m));
  if (badMethods.length) return { problem: `accessControlAllowMethods ${badMethods.join(', ')}: not a method the CORS filter allows` };
  const maxAge = conf.accessControlMaxAge !== undefined ? Number(conf.accessControlMaxAge) : undefined;
  if (maxAge !== undefined && (!Number.isInteger(maxAge) || maxAge < 1)) return { problem: `accessControlMaxAge ${conf.accessControlMaxAge}: the CORS maxAge is a whole number of seconds, at least 1` };
  return {
    cors: {
      ...(origins.length ? { allowOrigins: origins } : {}),
      ...(conf.accessControlAllowCredentials === true ? { allowCredentials: true } : {}),
      ...(methods.length ? { allowMethods: methods } : {}),
      ...(strings(conf.accessControlAllowHeaders).length ? { allowHeaders: strings(conf.accessControlAllowHeaders) } : {}),
      ...(strings(conf.accessControlExposeHeaders).length ? { exposeHeaders: strings(conf.accessControlExposeHeaders) } : {}),
      ...(maxAge !== undefined ? { maxAge } : {}),
    },
  };
}

/**
 * Converts the middlewares of a router, in order, logging each: `redirectScheme` → RequestRedirect,
 * `stripPrefix`/`replacePath`/`addPrefix` → URLRewrite, `headers` (custom request/response headers) → header
 * modifiers; any other → an ExtensionRef to the Middleware (Traefik's Gateway provider runs it), reported.
 */
export function convertMiddlewares(refs: { namespace: string; name: string }[], middlewares: Map<string, Obj>, pathPrefix: string | undefined,
  log: ItemLog, field: string): MiddlewareOutcome {
  const out: MiddlewareOutcome = { filters: [], requestHeaders: {}, responseHeaders: {} };
  let cors: any;
  const rewrite: any = {};
  const reqSet: any[] = [];
  const reqRemove: string[] = [];
  const respSet: any[] = [];
  const respRemove: string[] = [];
  for (const ref of refs) {
    const key = `${field} ${ref.namespace}/${ref.name}`;
    const m = middlewares.get(`${ref.namespace}/${ref.name}`);
    if (!m) {
      log.add(key, undefined, 'not-converted', `the Middleware ${ref.namespace}/${ref.name} is not in the input`, 'add the Middleware manifest to the input');
      continue;
    }
    const spec = isObj(m.spec) ? m.spec : {};
    const type = Object.keys(spec)[0];
    const conf = spec[type] ?? {};
    switch (type) {
      case 'redirectScheme': {
        const scheme = typeof conf.scheme === 'string' ? conf.scheme : undefined;
        const port = conf.port !== undefined ? Number(conf.port) : undefined;
        const code = conf.permanent === true ? 301 : 302;
        out.redirect = { ...(scheme ? { scheme } : {}), ...(port ? { port } : {}), code };
        out.filters.push({ type: 'RequestRedirect', requestRedirect: { ...(scheme ? { scheme } : {}), ...(port ? { port } : {}), statusCode: code } });
        log.add(key, 'redirectScheme', 'caveat', `RequestRedirect scheme ${scheme ?? '(kept)'}${port ? ` port ${port}` : ''} ${code}; Traefik only redirects requests whose scheme differs (the rule on the HTTP listener does the same) and answers non-GET requests with ${conf.permanent === true ? 308 : 307}`);
        break;
      }
      case 'stripPrefix': {
        const prefixes = arr(conf.prefixes).filter((p) => typeof p === 'string');
        const p = prefixes.find((x) => pathPrefix !== undefined && x.replace(/\/+$/, '') === pathPrefix.replace(/\/+$/, ''));
        if (prefixes.length === 1 && p !== undefined) {
          rewrite.path = { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' };
          reqSet.push({ name: 'X-Forwarded-Prefix', value: p.replace(/\/+$/, '') });
          out.rewrite = { kind: 'prefix', value: '/' };
          log.add(key, 'stripPrefix', 'converted', `URLRewrite ReplacePrefixMatch / of PathPrefix ${pathPrefix}, and X-Forwarded-Prefix: ${p.replace(/\/+$/, '')} as Traefik sets it`);
        } else {
          log.add(key, 'stripPrefix', 'not-converted', `stripPrefix ${prefixes.join(', ')} maps to ReplacePrefixMatch only when the rule's PathPrefix is that one prefix${pathPrefix ? ` (the rule's is ${pathPrefix})` : ' (the rule has no PathPrefix)'}`, 'split the router per prefix');
        }
        break;
      }
      case 'replacePath':
        if (typeof conf.path === 'string') {
          rewrite.path = { type: 'ReplaceFullPath', replaceFullPath: conf.path };
          out.rewrite = { kind: 'full', value: conf.path };
          log.add(key, 'replacePath', 'converted', `URLRewrite ReplaceFullPath ${conf.path} (Traefik also sets X-Replaced-Path with the original path: not reproduced)`);
        }
        break;
      case 'addPrefix':
        if (typeof conf.prefix === 'string' && pathPrefix !== undefined) {
          const base = pathPrefix === '/' ? '' : pathPrefix.replace(/\/+$/, '');
          const value = (conf.prefix.replace(/\/+$/, '') + base) || '/';
          rewrite.path = { type: 'ReplacePrefixMatch', replacePrefixMatch: value };
          out.rewrite = { kind: 'prefix', value };
          log.add(key, 'addPrefix', 'converted', `URLRewrite ReplacePrefixMatch ${value} of PathPrefix ${pathPrefix}`);
        } else {
          log.add(key, 'addPrefix', 'not-converted', 'addPrefix maps to ReplacePrefixMatch only on a rule with a PathPrefix', 'add a PathPrefix to the rule');
        }
        break;
      case 'headers': {
        for (const [k, v] of Object.entries(isObj(conf.customRequestHeaders) ? conf.customRequestHeaders : {}).sort()) {
          if (v === '') reqRemove.push(k); else reqSet.push({ name: k, value: String(v) });
        }
        for (const [k, v] of Object.entries(isObj(conf.customResponseHeaders) ? conf.customResponseHeaders : {}).sort()) {
          if (v === '') respRemove.push(k); else respSet.push({ name: k, value: String(v) });
        }
        const custom = ['customRequestHeaders', 'customResponseHeaders'].filter((f) => conf[f] !== undefined);
        if (custom.length) log.add(key, `headers ${custom.join(', ')}`, 'converted', 'RequestHeaderModifier / ResponseHeaderModifier (an empty value removes the header, as in Traefik)');
        const corsFields = Object.keys(conf).filter((f) => TRAEFIK_CORS_FIELDS.includes(f)).sort();
        if (corsFields.length) {
          const c = corsOf(conf);
          if ('problem' in c) {
            log.add(key, `headers ${corsFields.join(', ')}`, 'not-converted', c.problem, 'the CORS filter written by hand');
          } else {
            cors = c.cors;
            log.add(key, `headers ${corsFields.join(', ')}`, 'converted', 'the CORS filter (Traefik, like the filter, answers preflight requests itself)');
          }
        }
        for (const f of Object.keys(conf).filter((x) => !custom.includes(x) && !TRAEFIK_CORS_FIELDS.includes(x)).sort()) {
          const header = securityHeader(f, conf[f], conf);
          if (f === 'stsIncludeSubdomains' || f === 'stsPreload') continue; // part of stsSeconds
          log.add(key, `headers ${f}`, 'not-converted',
            header ? `Traefik adds ${header}${f === 'stsSeconds' ? ' on HTTPS requests only (unless forceSTSHeader)' : ''}; the headers middleware's security options are not converted`
              : f === 'accessControlAllowOriginListRegex' ? 'CORS allowOrigins take names with a leading *. wildcard, not regular expressions'
                : `${f} has no Gateway API equivalent`,
            header ? `a ResponseHeaderModifier setting ${header}, or a security-headers policy of your implementation` : 'a policy of your implementation');
        }
        break;
      }
      default:
        out.filters.push({ type: 'ExtensionRef', extensionRef: { group: 'traefik.io', kind: 'Middleware', name: ref.name } });
        log.add(key, type ?? '(empty)', 'not-converted', `no standard filter for ${type}: an ExtensionRef to the Middleware (works on Traefik's Gateway API provider only, in the route's namespace)`, type === 'forwardAuth' ? 'the ExternalAuth filter (experimental, GEP-1494)' : 'a policy of your Gateway API implementation');
    }
  }
  if (reqSet.length || reqRemove.length) out.filters.unshift({ type: 'RequestHeaderModifier', requestHeaderModifier: { ...(reqSet.length ? { set: reqSet } : {}), ...(reqRemove.length ? { remove: reqRemove } : {}) } });
  if (respSet.length || respRemove.length) out.filters.push({ type: 'ResponseHeaderModifier', responseHeaderModifier: { ...(respSet.length ? { set: respSet } : {}), ...(respRemove.length ? { remove: respRemove } : {}) } });
  if (Object.keys(rewrite).length && !out.redirect) out.filters.push({ type: 'URLRewrite', urlRewrite: rewrite });
  if (cors && !out.redirect) {
    out.filters.push({ type: 'CORS', cors });
    out.cors = { origins: cors.allowOrigins ?? [], credentials: cors.allowCredentials === true };
  }
  for (const h of reqSet) out.requestHeaders[h.name] = h.value;
  for (const h of reqRemove) out.requestHeaders[h] = null;
  for (const h of respSet) out.responseHeaders[h.name] = h.value;
  for (const h of respRemove) out.responseHeaders[h] = null;
  return out;
}

/** A Traefik entry point: its port and transport. */
export interface EntryPoint {
  readonly name: string;
  readonly port: number;
  readonly udp: boolean;
}

/** Traefik's usual entry points (its Helm chart's): web on 80, websecure on 443. */
export const DEFAULT_ENTRY_POINTS: { readonly [name: string]: { port: number } } = { web: { port: 80 }, websecure: { port: 443 } };

/** The entry points of `names` (the `--entrypoint` options, then the defaults); unknown ones are logged not-converted. */
export function resolveEntryPoints(names: string[], options: MigrateOptions, log: ItemLog, field: string): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const name of names) {
    const ep = options.entryPoints?.[name] ?? DEFAULT_ENTRY_POINTS[name];
    if (!ep) {
      log.add(field, name, 'not-converted', `entry point ${name} is not known (web is port 80, websecure 443): its port cannot be guessed`, `pass --entrypoint ${name}=<port>[/udp] (IngressMigration/migrateManifests: entryPoints)`);
      continue;
    }
    out.push({ name, port: ep.port, udp: (ep as any).protocol === 'udp' });
  }
  return out;
}

/** The listener name of a role on a port (the default ports keep the short names). */
export function listenerName(role: IrListener['role'], port: number, hostname: string | undefined): string {
  const host = slug(hostname ?? 'any');
  switch (role) {
    case 'http': return port === 80 ? 'http' : `http-${port}`;
    case 'https': return port === 443 ? `https-${host}` : `https-${port}-${host}`;
    case 'passthrough': return port === 443 ? `tls-${host}` : `tls-${port}-${host}`;
    default: return `${role}-${port}`;
  }
}

interface Conjunct {
  hosts: string[];
  path?: { type: 'Exact' | 'PathPrefix' | 'RegularExpression'; value: string };
  method?: string;
  headers: { name: string; value: string; type: 'Exact' | 'RegularExpression' }[];
  query: { name: string; value: string; type: 'Exact' | 'RegularExpression' }[];
  problems: string[];
}

function conjunctOf(ms: RuleMatcher[]): Conjunct {
  const c: Conjunct = { hosts: [], headers: [], query: [], problems: [] };
  for (const m of ms) {
    const v = m.values;
    if (m.negated) { c.problems.push(`!${m.name}: Gateway API matches cannot be negated`); continue; }
    switch (m.name) {
      case 'Host': c.hosts.push(v[0].toLowerCase()); break;
      case 'HostRegexp': c.problems.push(`HostRegexp(${v[0]}): route hostnames are names or *. wildcards, not regular expressions`); break;
      case 'Path':
      case 'PathPrefix':
      case 'PathRegexp':
        if (c.path) c.problems.push(`two path matchers in one alternative (${m.name}(${v[0]}))`);
        else c.path = { type: m.name === 'Path' ? 'Exact' : m.name === 'PathPrefix' ? 'PathPrefix' : 'RegularExpression', value: v[0] };
        break;
      case 'Method':
        if (c.method) c.problems.push('two Method matchers in one alternative'); else c.method = v[0].toUpperCase();
        break;
      case 'Header':
      case 'HeaderRegexp':
        c.headers.push({ name: v[0], value: v[1] ?? '', type: m.name === 'Header' ? 'Exact' : 'RegularExpression' });
        break;
      case 'Query':
      case 'QueryRegexp':
        c.query.push({ name: v[0], value: v[1] ?? '', type: m.name === 'Query' ? 'Exact' : 'RegularExpression' });
        break;
      default:
        c.problems.push(`${m.name}(${v.join(', ')}) has no Gateway API match`);
    }
  }
  if (new Set(c.hosts).size > 1) c.problems.push(`Host(${c.hosts.join(') && Host(')}) can never match`);
  return c;
}

/** Reads the IngressRoutes of `objects`; the Gateway is the `traefik` one (or `--gateway`). */
export function readTraefik(objects: any[], options: MigrateOptions): MigrationModel {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const middlewares = new Map<string, Obj>();
  const traefikServices = new Map<string, Obj>();
  const services = new Map<string, Obj>();
  for (const o of objects) {
    if (!isObj(o) || !isObj(o.metadata) || typeof o.metadata.name !== 'string') continue;
    const key = `${o.metadata.namespace ?? defaultNamespace}/${o.metadata.name}`;
    if (isTraefikObject(o) && o.kind === 'Middleware') middlewares.set(key, o);
    if (isTraefikObject(o) && o.kind === 'TraefikService') traefikServices.set(key, o);
    if (o.kind === 'Service' && o.apiVersion === 'v1') services.set(key, o);
  }
  const gateway: IrGateway = options.gateway
    ? { key: `${options.gateway.namespace}/${options.gateway.name}`, namespace: options.gateway.namespace, name: options.gateway.name, gatewayClassName: '', existing: true, listeners: [], routeNamespaces: new Set() }
    : { key: 'class:traefik', namespace: '', name: 'traefik', gatewayClassName: options.gatewayClassName ?? 'traefik', existing: false, listeners: [], routeNamespaces: new Set() };
  const listeners = gateway.listeners as IrListener[];
  const addListener = (l: Omit<IrListener, 'name'>): void => {
    if (gateway.existing || listeners.some((x) => x.port === l.port && x.protocol === l.protocol && x.hostname === l.hostname)) return;
    listeners.push({ ...l, name: listenerName(l.role, l.port, l.hostname) });
  };
  const routes: IrRoute[] = [];
  const reports: any[] = [];
  const locations: SourceLocation[] = [];
  for (const o of objects) {
    if (!isTraefikObject(o) || !isObj(o.metadata) || typeof o.metadata.name !== 'string') continue;
    const namespace = o.metadata.namespace ?? defaultNamespace;
    const ref: SourceRef = { kind: o.kind, namespace, name: o.metadata.name };
    if (o.kind === 'Middleware' || o.kind === 'TraefikService') continue; // reported where used
    const log = new ItemLog();
    const outputs: string[] = [];
    reports.push({ ...ref, items: log.items, outputs });
    if (o.kind === 'IngressRouteTCP' || o.kind === 'IngressRouteUDP') {
      gateway.routeNamespaces.add(namespace);
      readStreamRoute(o, ref, log, outputs, { options, gateway, addListener, routes, locations, traefikServices, services });
      continue;
    }
    if (o.kind !== 'IngressRoute') {
      log.add('kind', o.kind, 'not-converted', `${o.kind} is not read (IngressRoute, IngressRouteTCP, IngressRouteUDP, Middleware and TraefikService are)`, 'the Gateway API route kind of its protocol');
      continue;
    }
    gateway.routeNamespaces.add(namespace);
    const spec = isObj(o.spec) ? o.spec : {};
    const entryPoints: string[] = arr(spec.entryPoints).filter((e) => typeof e === 'string');
    const tls = isObj(spec.tls) ? spec.tls : undefined;
    // a router with tls serves TLS requests only, on each of its entry points; without, plain HTTP only
    const httpPorts: number[] = [];
    const httpsPorts: number[] = [];
    for (const ep of resolveEntryPoints(entryPoints.length ? entryPoints : ['web', 'websecure'], options, log, 'spec.entryPoints')) {
      if (ep.udp) {
        log.add('spec.entryPoints', ep.name, 'not-converted', `entry point ${ep.name} is UDP: an IngressRoute serves HTTP`, 'an IngressRouteUDP');
      } else if (tls && ep.name === 'web' && !options.entryPoints?.web) {
        log.add('spec.entryPoints', ep.name, 'caveat', 'the router has tls, so Traefik serves it on web (port 80) over TLS only: not attached to the HTTP listener (redirect HTTP with PlatformGateway.redirectHttpToHttps if web redirects to websecure)');
      } else if (!tls && ep.name === 'websecure' && !options.entryPoints?.websecure) {
        log.add('spec.tls', undefined, 'caveat', 'websecure without tls: Traefik serves the router on port 443 only with TLS configured on the entry point; no HTTPS listener is generated');
      } else {
        (tls ? httpsPorts : httpPorts).push(ep.port);
      }
    }
    const roles: ('http' | 'https')[] = [...(httpPorts.length ? ['http' as const] : []), ...(httpsPorts.length ? ['https' as const] : [])];
    log.add('spec.entryPoints', entryPoints.join(',') || '(all)', roles.length ? 'converted' : 'not-converted',
      roles.length ? `listeners: ${[...httpPorts.map((p) => `HTTP ${p}`), ...httpsPorts.map((p) => `HTTPS ${p}`)].join(', ')}${entryPoints.length ? '' : ' (an IngressRoute without entryPoints listens on every default entry point)'}`
        : 'no listener serves the router');
    if (tls) {
      if (tls.certResolver !== undefined) log.add('spec.tls.certResolver', String(tls.certResolver), 'not-converted', 'ACME resolvers are Traefik configuration', 'cert-manager with Gateway support (the cert-manager.io/issuer annotation on the Gateway) issuing the listener Secrets');
      if (tls.secretName !== undefined) log.add('spec.tls.secretName', String(tls.secretName), 'converted', 'an HTTPS listener per host with certificateRefs Secret ' + tls.secretName);
      if (tls.options !== undefined) log.add('spec.tls.options', JSON.stringify(tls.options), 'not-converted', 'TLSOption objects are Traefik configuration', 'the listener tls.options of your implementation');
    }
    const httpsRole = httpsPorts.length > 0;
    const ports = [...httpPorts, ...httpsPorts];
    const defaultPorts = httpPorts.every((p) => p === 80) && httpsPorts.every((p) => p === 443);
    const probePort = !defaultPorts && ports.length === 1 ? ports[0] : undefined;
    arr(spec.routes).forEach((r: any, ri: number) => {
      const field = `spec.routes[${ri}]`;
      if (typeof r?.match !== 'string') {
        log.add(`${field}.match`, undefined, 'not-converted', 'the route has no match rule');
        return;
      }
      let dnf: RuleMatcher[][];
      try {
        dnf = toDnf(parseTraefikRule(r.match));
      } catch (e) {
        if (!(e instanceof RuleSyntaxError)) throw e;
        log.add(`${field}.match`, r.match, 'not-converted', `the rule does not parse: ${e.message}`);
        return;
      }
      if (r.priority !== undefined) log.add(`${field}.priority`, String(r.priority), 'caveat', 'Gateway API has no priority: its precedence (hostname, Exact, longest PathPrefix, method, headers, query) decides');
      const backends = backendsOf(arr(r.services), namespace, traefikServices, services, log, `${field}.services`);
      const conjuncts = dnf.map(conjunctOf);
      const byHosts = new Map<string, Conjunct[]>();
      for (const c of conjuncts) {
        if (c.problems.length) {
          log.add(`${field}.match`, r.match, 'not-converted', c.problems.join('; '), 'split the router into rules Gateway API can express');
          continue;
        }
        const k = [...new Set(c.hosts)].sort().join(',');
        if (!byHosts.has(k)) byHosts.set(k, []);
        byHosts.get(k)!.push(c);
      }
      const stringPrefix = conjuncts.some((c) => c.path?.type === 'PathPrefix' && !c.path.value.endsWith('/'));
      log.add(`${field}.match`, r.match, stringPrefix ? 'caveat' : 'converted', `${conjuncts.length} alternative${conjuncts.length === 1 ? '' : 's'} → ${byHosts.size} route${byHosts.size === 1 ? '' : 's'}${stringPrefix ? '; PathPrefix in Traefik is a string prefix (/api matches /apix), in Gateway API element-wise' : ''}`);
      let gi = 0;
      for (const [hostKey, cs] of byHosts) {
        const hostnames = hostKey ? hostKey.split(',') : [];
        for (const port of httpsPorts) for (const h of hostnames) addListener({ role: 'https', port, protocol: 'HTTPS', hostname: h, ...(tls?.secretName ? { certificate: { namespace, name: tls.secretName } } : {}) });
        for (const port of httpPorts) addListener({ role: 'http', port, protocol: 'HTTP' });
        const name = `${o.metadata.name}-${ri}${byHosts.size > 1 ? `-${gi}` : ''}`;
        gi++;
        const pathPrefix = cs.length === 1 && cs[0].path?.type === 'PathPrefix' ? cs[0].path.value : cs.length === 1 && !cs[0].path ? '/' : undefined;
        const mw = convertMiddlewares(arr(r.middlewares).filter(isObj).map((m: any) => ({ namespace: m.namespace ?? namespace, name: m.name })), middlewares, pathPrefix, log, `${field}.middlewares`);
        const rule: IrRule = {
          matches: cs.map((c) => ({
            ...(c.path ? { path: c.path } : {}),
            ...(c.method ? { method: c.method } : {}),
            ...(c.headers.length ? { headers: c.headers } : {}),
            ...(c.query.length ? { queryParams: c.query } : {}),
          })),
          filters: mw.filters,
          backends: mw.redirect ? [] : backends,
        };
        const rRoles = [...(roles.includes('http') ? ['http' as const] : []), ...(httpsRole && hostnames.length ? ['https' as const] : [])];
        if (rRoles.length === 0) continue;
        routes.push({ kind: 'HTTPRoute', namespace, name, gateway: gateway.key, roles: rRoles, ...(defaultPorts ? {} : { ports }), hostnames, rules: [rule], source: ref });
        outputs.push(`HTTPRoute ${namespace}/${name}`);
        for (const c of cs) {
          if (c.path?.type === 'RegularExpression') continue; // Go regular expressions: not probed
          const total = backends.reduce((s, b) => s + (b.weight ?? 1), 0);
          for (const host of c.hosts.length ? [c.hosts[0]] : [undefined]) {
            locations.push({
              source: ref,
              host,
              match: c.path ? { type: c.path.type === 'Exact' ? 'Exact' : 'StringPrefix', value: c.path.value } : { type: 'Prefix', value: '/' },
              backends: mw.redirect ? [] : backends.map((b) => ({
                namespace: b.namespace, name: b.name, port: b.port, probability: total ? (b.weight ?? 1) / total : 0,
              })),
              ...(mw.redirect && mw.redirect.scheme === 'https' ? { httpsRedirectCode: mw.redirect.code } : {}),
              ...(mw.rewrite?.kind === 'full' ? { rewrite: { kind: 'full' as const, target: mw.rewrite.value } } : {}),
              ...(mw.rewrite?.kind === 'prefix' && c.path ? { rewrite: { kind: 'regex' as const, target: `${mw.rewrite.value === '/' ? '' : mw.rewrite.value}$1` } } : {}),
              tls: httpsRole && !!host,
              ...(!roles.includes('http') ? { httpsOnly: true } : {}),
              ...(probePort !== undefined ? { port: probePort } : {}),
              ...(!mw.redirect && Object.keys(mw.requestHeaders).length ? { requestHeaders: mw.requestHeaders } : {}),
              ...(!mw.redirect && Object.keys(mw.responseHeaders).length ? { responseHeaders: mw.responseHeaders } : {}),
              ...(mw.cors ? { cors: mw.cors } : {}),
              ...(c.method || c.headers.length || c.query.length ? {
                conditions: {
                  ...(c.method ? { method: c.method } : {}),
                  ...(c.headers.length ? { headers: c.headers } : {}),
                  ...(c.query.length ? { query: c.query } : {}),
                },
              } : {}),
            });
            if (mw.rewrite?.kind === 'prefix' && c.path) {
              // the rewrite as a regex over the prefix: ^<prefix>(.*) → <replacement>$1
              const l = locations[locations.length - 1] as any;
              l.match = { type: 'Regex', value: `${escapeRegex(c.path.value.replace(/\/+$/, ''))}(.*)` };
            }
          }
        }
      }
    });
  }
  if (!gateway.existing) {
    const nss = [...gateway.routeNamespaces];
    (gateway as any).namespace = nss.length === 1 ? nss[0] : defaultNamespace;
  }
  const lookups = objects.filter((o) => isObj(o) && ['Service', 'Secret', 'ConfigMap'].includes(o.kind));
  return { gateways: routes.length ? [gateway] : [], routes, policies: [], reports, locations, lookups, notes: [] };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function backendsOf(list: any[], namespace: string, traefikServices: Map<string, Obj>, services: Map<string, Obj>,
  log: ItemLog, field: string): IrBackend[] {
  const out: IrBackend[] = [];
  list.forEach((s: any, i: number) => {
    if (!isObj(s) || typeof s.name !== 'string') return;
    const ns = s.namespace ?? namespace;
    if (s.kind === 'TraefikService') {
      const ts = traefikServices.get(`${ns}/${s.name}`);
      const weighted = ts?.spec?.weighted;
      if (!ts || !isObj(weighted)) {
        log.add(`${field}[${i}]`, s.name, 'not-converted', ts ? 'only weighted TraefikServices are converted (mirroring/highestRandomWeight are not)' : `the TraefikService ${ns}/${s.name} is not in the input`, ts?.spec?.mirroring ? 'the RequestMirror filter (extended)' : 'backendRefs written by hand');
        return;
      }
      for (const w of arr(weighted.services)) {
        const port = portOf(w, w.namespace ?? ns, services);
        if (port === undefined) { log.add(`${field}[${i}]`, w.name, 'not-converted', `no port for Service ${w.name}`); continue; }
        out.push({ namespace: w.namespace ?? ns, name: w.name, port, weight: typeof w.weight === 'number' ? w.weight : 1 });
      }
      log.add(`${field}[${i}]`, `TraefikService ${s.name}`, 'converted', `weighted backendRefs ${arr(weighted.services).map((w: any) => `${w.name}:${w.weight ?? 1}`).join(', ')}`);
      return;
    }
    const port = portOf(s, ns, services);
    if (port === undefined) { log.add(`${field}[${i}]`, s.name, 'not-converted', `no port (or a port name not found in the input Services) for Service ${ns}/${s.name}`); return; }
    out.push({ namespace: ns, name: s.name, port, ...(typeof s.weight === 'number' ? { weight: s.weight } : {}) });
  });
  return out;
}

function portOf(s: Obj, ns: string, services: Map<string, Obj>): number | undefined {
  if (typeof s.port === 'number') return s.port;
  if (typeof s.port === 'string') {
    if (/^\d+$/.test(s.port)) return Number(s.port);
    const svc = services.get(`${ns}/${s.name}`);
    const p = arr(svc?.spec?.ports).find((x: any) => x?.name === s.port);
    return typeof p?.port === 'number' ? p.port : undefined;
  }
  return undefined;
}

interface StreamContext {
  options: MigrateOptions;
  gateway: IrGateway;
  addListener: (l: Omit<IrListener, 'name'>) => void;
  routes: IrRoute[];
  locations: SourceLocation[];
  traefikServices: Map<string, Obj>;
  services: Map<string, Obj>;
}

/**
 * An IngressRouteTCP or IngressRouteUDP: `HostSNI(`*`)` without TLS → a TCPRoute on a TCP listener of each entry
 * point's port; `HostSNI(`host`)` with `tls.passthrough` → a TLSRoute on a TLS Passthrough listener per host; an
 * IngressRouteUDP → a UDPRoute on a UDP listener. TLS termination of TCP, other matchers (ClientIP, ALPN,
 * HostSNIRegexp) and entry points that are not known are reported.
 */
function readStreamRoute(o: Obj, ref: SourceRef, log: ItemLog, outputs: string[], ctx: StreamContext): void {
  const udp = o.kind === 'IngressRouteUDP';
  const spec = isObj(o.spec) ? o.spec : {};
  const names: string[] = arr(spec.entryPoints).filter((e) => typeof e === 'string');
  if (names.length === 0) {
    log.add('spec.entryPoints', undefined, 'not-converted', `an ${o.kind} without entryPoints uses every ${udp ? 'UDP' : 'TCP'} entry point, which are not known here`, 'list its entry points and pass --entrypoint name=port' + (udp ? '/udp' : ''));
    return;
  }
  const eps = resolveEntryPoints(names, ctx.options, log, 'spec.entryPoints').filter((ep) => {
    if (ep.udp === udp) return true;
    log.add('spec.entryPoints', ep.name, 'not-converted', `entry point ${ep.name} is ${ep.udp ? 'UDP' : 'TCP'}, the ${o.kind} needs ${udp ? 'UDP' : 'TCP'}`, `declare it with --entrypoint ${ep.name}=<port>${udp ? '/udp' : ''}`);
    return false;
  });
  if (eps.length === 0) return;
  const tls = isObj(spec.tls) ? spec.tls : undefined;
  const passthrough = tls?.passthrough === true;
  if (tls && !udp) {
    if (!passthrough) {
      log.add('spec.tls', JSON.stringify(tls), 'not-converted', 'TLS terminated by Traefik for a TCP router', 'a TLSRoute on a TLS listener in mode Terminate (Listener.tlsTerminate, extended support), written by hand');
      return;
    }
    log.add('spec.tls.passthrough', 'true', 'converted', 'TLSRoutes on TLS Passthrough listeners (the backend terminates TLS)');
  }
  arr(spec.routes).forEach((r: any, ri: number) => {
    const field = `spec.routes[${ri}]`;
    const backends = backendsOf(arr(r?.services), ref.namespace, ctx.traefikServices, ctx.services, log, `${field}.services`);
    if (backends.length === 0) return;
    const total = backends.reduce((sum, b) => sum + (b.weight ?? 1), 0);
    const shares = backends.map((b) => ({ namespace: b.namespace, name: b.name, port: b.port, probability: total ? (b.weight ?? 1) / total : 0 }));
    const name = arr(spec.routes).length > 1 ? `${ref.name}-${ri}` : ref.name;
    if (r?.priority !== undefined) log.add(`${field}.priority`, String(r.priority), 'caveat', 'Gateway API has no priority: the listener (port, SNI) decides');
    if (udp) {
      for (const ep of eps) ctx.addListener({ role: 'udp', port: ep.port, protocol: 'UDP' });
      ctx.routes.push({ kind: 'UDPRoute', namespace: ref.namespace, name, gateway: ctx.gateway.key, roles: ['udp'], ports: eps.map((e) => e.port), hostnames: [], rules: [{ matches: [], filters: [], backends }], source: ref });
      outputs.push(`UDPRoute ${ref.namespace}/${name}`);
      log.add(field, undefined, 'converted', `a UDPRoute on UDP ${eps.map((e) => e.port).join(', ')}`);
      for (const ep of eps) ctx.locations.push({ source: ref, match: { type: 'Prefix', value: '/' }, backends: shares, tls: false, stream: { protocol: 'udp', port: ep.port } });
      return;
    }
    let dnf: RuleMatcher[][];
    try {
      dnf = toDnf(parseTraefikRule(String(r?.match ?? '')));
    } catch (e) {
      if (!(e instanceof RuleSyntaxError)) throw e;
      log.add(`${field}.match`, String(r?.match), 'not-converted', `the rule does not parse: ${e.message}`);
      return;
    }
    const hosts: string[] = [];
    for (const alt of dnf) {
      for (const m of alt) {
        if (m.name !== 'HostSNI' || m.negated) {
          log.add(`${field}.match`, r.match, 'not-converted', `${m.negated ? '!' : ''}${m.name}(${m.values.join(', ')}): a TCP route matches the SNI only (the listener hostname and TLSRoute hostnames)`, 'a policy of your implementation (ClientIP: a NetworkPolicy or load balancer source ranges)');
          return;
        }
        hosts.push(m.values[0].toLowerCase());
      }
    }
    const any = hosts.length === 0 || hosts.includes('*');
    if (!passthrough && !any) {
      log.add(`${field}.match`, r.match, 'not-converted', 'HostSNI with a name needs TLS (the SNI is read from the TLS handshake)', 'set tls.passthrough, or match HostSNI(`*`)');
      return;
    }
    if (!passthrough || any) {
      for (const ep of eps) ctx.addListener({ role: 'tcp', port: ep.port, protocol: 'TCP' });
      ctx.routes.push({ kind: 'TCPRoute', namespace: ref.namespace, name, gateway: ctx.gateway.key, roles: ['tcp'], ports: eps.map((e) => e.port), hostnames: [], rules: [{ matches: [], filters: [], backends }], source: ref });
      outputs.push(`TCPRoute ${ref.namespace}/${name}`);
      log.add(`${field}.match`, r.match, passthrough ? 'caveat' : 'converted', `a TCPRoute on TCP ${eps.map((e) => e.port).join(', ')}${passthrough ? ' (HostSNI(`*`) with passthrough forwards every connection: a TCP listener does the same, without reading the SNI)' : ''}`);
      for (const ep of eps) ctx.locations.push({ source: ref, match: { type: 'Prefix', value: '/' }, backends: shares, tls: false, stream: { protocol: 'tcp', port: ep.port } });
      return;
    }
    const hostnames = [...new Set(hosts)].sort();
    for (const ep of eps) for (const h of hostnames) ctx.addListener({ role: 'passthrough', port: ep.port, protocol: 'TLS', hostname: h });
    ctx.routes.push({ kind: 'TLSRoute', namespace: ref.namespace, name, gateway: ctx.gateway.key, roles: ['passthrough'], ports: eps.map((e) => e.port), hostnames, rules: [{ matches: [], filters: [], backends }], source: ref });
    outputs.push(`TLSRoute ${ref.namespace}/${name}`);
    log.add(`${field}.match`, r.match, 'converted', `a TLSRoute for ${hostnames.join(', ')} on TLS Passthrough ${eps.map((e) => e.port).join(', ')}`);
    for (const ep of eps) {
      for (const h of hostnames) {
        ctx.locations.push({ source: ref, host: h, match: { type: 'Prefix', value: '/' }, backends: shares, tls: true, passthrough: true, ...(ep.port !== 443 ? { port: ep.port } : {}) });
      }
    }
  });
}
