import { Duration, Lazy } from 'cdk8s';
import type { Backend } from './backend';
import {
  checkAbsolutePath, checkGroup, checkHttpToken, checkInteger, checkKind, checkLength, checkPort, checkSubdomain,
  compact, duplicates, fail, q,
} from './private/validate';
import type { IRoute } from '../core/route';

/**
 * Changes to request or response headers (`requestHeaderModifier` / `responseHeaderModifier`).
 * Header names are case-insensitive; each name may appear once per list.
 */
export interface HeaderModifierOptions {
  /**
   * Headers to set, replacing any value the message has, e.g. `{ 'x-env': 'prod' }`.
   * @default - none
   */
  readonly set?: { [name: string]: string };

  /**
   * Headers to add, appending to any value the message has.
   * @default - none
   */
  readonly add?: { [name: string]: string };

  /**
   * Names of headers to remove.
   * @default - none
   */
  readonly remove?: string[];
}

/**
 * How a redirect or rewrite changes the request path.
 */
export class HttpPathModifier {
  /**
   * Replaces the whole path with `path`, e.g. `/login` → `/auth/login`.
   */
  public static replaceFullPath(path: string): HttpPathModifier {
    checkAbsolutePath(`HttpPathModifier.replaceFullPath(${q(path)})`, 'path', path);
    return new HttpPathModifier('ReplaceFullPath', path);
  }

  /**
   * Replaces the part of the path matched by the rule's `PathMatch.prefix()` with `prefix`, keeping the rest:
   * with a `/api` prefix match and `replacePrefixMatch('/v2')`, `/api/users` becomes `/v2/users`.
   * The rule must have exactly one match, with a `PathPrefix` path (or none, which means `PathPrefix /`).
   */
  public static replacePrefixMatch(prefix: string): HttpPathModifier {
    checkAbsolutePath(`HttpPathModifier.replacePrefixMatch(${q(prefix)})`, 'prefix', prefix);
    return new HttpPathModifier('ReplacePrefixMatch', prefix);
  }

  /** `ReplaceFullPath` or `ReplacePrefixMatch`. */
  public readonly type: string;

  /** The replacement path or prefix. */
  public readonly value: string;

  private constructor(type: string, value: string) {
    this.type = type;
    this.value = value;
  }

  /** @internal */
  public _render(): any {
    return this.type === 'ReplaceFullPath'
      ? { type: this.type, replaceFullPath: this.value }
      : { type: this.type, replacePrefixMatch: this.value };
  }
}

/**
 * The scheme of a redirect (`requestRedirect.scheme`).
 */
export enum RedirectScheme {
  /** `http` */
  HTTP = 'http',
  /** `https` */
  HTTPS = 'https',
}

/**
 * The status code of a redirect (`requestRedirect.statusCode`).
 */
export enum RedirectStatusCode {
  /** 301 Moved Permanently. Support: Core. */
  MOVED_PERMANENTLY_301 = 301,
  /** 302 Found (the Gateway API default). Support: Core. */
  FOUND_302 = 302,
  /** 303 See Other. Support: Extended. */
  SEE_OTHER_303 = 303,
  /** 307 Temporary Redirect (keeps the method and body). Support: Extended. */
  TEMPORARY_REDIRECT_307 = 307,
  /** 308 Permanent Redirect (keeps the method and body). Support: Extended. */
  PERMANENT_REDIRECT_308 = 308,
}

/**
 * A method a CORS filter allows (`cors.allowMethods[]`).
 */
export enum CorsMethod {
  /** GET */
  GET = 'GET',
  /** HEAD */
  HEAD = 'HEAD',
  /** POST */
  POST = 'POST',
  /** PUT */
  PUT = 'PUT',
  /** DELETE */
  DELETE = 'DELETE',
  /** CONNECT */
  CONNECT = 'CONNECT',
  /** OPTIONS */
  OPTIONS = 'OPTIONS',
  /** TRACE */
  TRACE = 'TRACE',
  /** PATCH */
  PATCH = 'PATCH',
  /** `*`: every method (alone in the list). */
  ALL = '*',
}

/**
 * A redirect response (`requestRedirect`). Fields left unset keep the request's value.
 */
export interface RequestRedirectOptions {
  /**
   * The scheme of the redirect. Support: Extended.
   * @default - the request's scheme
   */
  readonly scheme?: RedirectScheme;

  /**
   * The hostname of the redirect (no wildcards). Support: Core.
   * @default - the request's Host header
   */
  readonly hostname?: string;

  /**
   * How the path changes. Support: Extended.
   * @default - the request's path
   */
  readonly path?: HttpPathModifier;

  /**
   * The port of the redirect. Support: Extended.
   * @default - the listener's port, or the well-known port of `scheme` when the scheme changes
   */
  readonly port?: number;

  /**
   * The status code. Support: Core (301, 302), Extended (303, 307, 308).
   * @default - 302 (the Gateway API default; not written)
   */
  readonly statusCode?: RedirectStatusCode;
}

/**
 * A rewrite of the request before it is forwarded (`urlRewrite`). Support: Extended.
 */
export interface UrlRewriteOptions {
  /**
   * The Host header to send to the backend.
   * @default - unchanged
   */
  readonly hostname?: string;

  /**
   * How the path changes.
   * @default - unchanged
   */
  readonly path?: HttpPathModifier;
}

/**
 * The share of requests to mirror, as a fraction `numerator / denominator`.
 */
export interface MirrorFraction {
  /** Numerator (0 or more, at most the denominator). */
  readonly numerator: number;

  /**
   * Denominator (1 or more).
   * @default 100
   */
  readonly denominator?: number;
}

/**
 * A copy of requests sent to another backend whose responses are ignored (`requestMirror`). Support: Extended.
 */
export interface RequestMirrorOptions {
  /** Where to send the copies (no weight, no filters). */
  readonly backend: Backend;

  /**
   * The percentage of requests to mirror (0–100). Only one of `percent` and `fraction`.
   * @default - every request
   */
  readonly percent?: number;

  /**
   * The share of requests to mirror as a fraction. Only one of `percent` and `fraction`.
   * @default - every request
   */
  readonly fraction?: MirrorFraction;
}

/**
 * Cross-origin resource sharing (`cors`). Support: Extended.
 */
export interface CorsOptions {
  /**
   * Allowed origins, e.g. `https://app.example.com`, `https://*.example.com` or `*` (all origins, alone).
   * @default - no cross-origin requests allowed
   */
  readonly allowOrigins?: string[];

  /**
   * Allowed methods, e.g. `[CorsMethod.GET, CorsMethod.POST]`, or `[CorsMethod.ALL]`.
   * @default - implementation default
   */
  readonly allowMethods?: CorsMethod[];

  /**
   * Request headers the client may send, or `*` (alone).
   * @default - none beyond the CORS-safelisted headers
   */
  readonly allowHeaders?: string[];

  /**
   * Response headers exposed to the client.
   * @default - none beyond the CORS-safelisted headers
   */
  readonly exposeHeaders?: string[];

  /**
   * Whether credentials (cookies, authorization headers) may be sent (`Access-Control-Allow-Credentials: true`).
   * @default - not written (no credentials)
   */
  readonly allowCredentials?: boolean;

  /**
   * How long clients may cache preflight results (whole seconds, at least 1).
   * @default - not written (the Gateway API default is 5 seconds)
   */
  readonly maxAge?: Duration;
}

/**
 * An implementation-specific filter (`extensionRef`), e.g. a custom resource of the Gateway implementation.
 * Support: Implementation-specific.
 */
export interface ExtensionRefOptions {
  /** API group of the filter resource (`""` for the core group). */
  readonly group: string;
  /** Kind of the filter resource. */
  readonly kind: string;
  /** Name of the filter resource (in the route's namespace). */
  readonly name: string;
}

/**
 * The protocol spoken to an external authorization service.
 */
export enum ExternalAuthProtocol {
  /** Plain HTTP: a 200 response allows the request. */
  HTTP = 'HTTP',
  /** The Envoy ext_authz gRPC protocol. */
  GRPC = 'GRPC',
}

/**
 * An external authorization service (`externalAuth`). Experimental channel only. Support: Extended.
 */
export interface ExternalAuthOptions {
  /** The authorization service. */
  readonly backend: Backend;

  /** The protocol of the authorization service. */
  readonly protocol: ExternalAuthProtocol;

  /**
   * HTTP only: a path prefix added to request paths sent to the authorization service.
   * @default - no prefix
   */
  readonly path?: string;

  /**
   * Request headers sent to the authorization service (HTTP: in addition to the always-sent ones; gRPC: only these).
   * @default - HTTP: only the always-sent headers; gRPC: every header
   */
  readonly allowedHeaders?: string[];

  /**
   * HTTP only: headers of the authorization response copied into the request to the backend.
   * @default - every header except Authority and Host
   */
  readonly allowedResponseHeaders?: string[];

  /**
   * The largest request body (in bytes) buffered and sent to the authorization service; 0 sends no body.
   * @default - no body is sent
   */
  readonly forwardBodyMaxSize?: number;
}

/**
 * What a filter contributes to a route once it is bound to it (`HttpRouteFilter.bind()`, `GrpcRouteFilter.bind()`):
 * a plain description that the route writes into `filters[]`.
 */
export interface RouteFilterConfig {
  /** The filter type as written in the manifest, e.g. `RequestHeaderModifier`. */
  readonly type: string;

  /**
   * The `filters[]` entry, e.g. `{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [...] } }`.
   * References to backends are resolved at synth (a Service's port can still change).
   */
  readonly manifest: { [key: string]: any };

  /**
   * The backends the filter sends requests to (RequestMirror, ExternalAuth): each one in another namespace needs a
   * ReferenceGrant, like a backendRef.
   * @default - none
   */
  readonly backends?: Backend[];
}

/**
 * The internal description of a filter.
 */
interface FilterSpec {
  readonly type: string;
  readonly field: string;
  readonly body: (routeNamespace: string | undefined) => any;
  /** Backends the filter refers to (mirror, external auth), for ReferenceGrants. */
  readonly backends: Backend[];
}

/** Binds a filter to a route: the manifest entry (lazy where it refers to backends) and the backends. */
function bindSpec(spec: FilterSpec, route: IRoute): RouteFilterConfig {
  const ns = route.routeNamespace;
  const body = spec.backends.length > 0 ? Lazy.any({ produce: () => spec.body(ns) }) : spec.body(ns);
  return {
    type: spec.type,
    manifest: { type: spec.type, [spec.field]: body },
    ...(spec.backends.length > 0 ? { backends: [...spec.backends] } : {}),
  };
}

/**
 * Filters of an HTTPRoute rule (`rules[].filters[]`) or backend (`backendRefs[].filters[]`).
 *
 * A rule may have each type once, except `ExtensionRef`, `RequestMirror` and `ExternalAuth`; `RequestRedirect`
 * and `URLRewrite` cannot be combined, and a rule with `RequestRedirect` has no backends.
 */
export class HttpRouteFilter {
  /**
   * Sets, adds or removes request headers before the request is forwarded. Support: Core.
   */
  public static requestHeaderModifier(options: HeaderModifierOptions): HttpRouteFilter {
    return HttpRouteFilter.create(headerModifier('RequestHeaderModifier', 'requestHeaderModifier', options, 'HttpRouteFilter.requestHeaderModifier'));
  }

  /**
   * Sets, adds or removes response headers before the response is returned. Support: Extended.
   */
  public static responseHeaderModifier(options: HeaderModifierOptions): HttpRouteFilter {
    return HttpRouteFilter.create(headerModifier('ResponseHeaderModifier', 'responseHeaderModifier', options, 'HttpRouteFilter.responseHeaderModifier'));
  }

  /**
   * Answers with a redirect instead of forwarding the request, e.g.
   * `{ scheme: RedirectScheme.HTTPS, statusCode: RedirectStatusCode.MOVED_PERMANENTLY_301 }`.
   * Support: Core.
   */
  public static requestRedirect(options: RequestRedirectOptions): HttpRouteFilter {
    const where = 'HttpRouteFilter.requestRedirect()';
    const scheme: string | undefined = options.scheme; // checked for JavaScript callers, which can pass any string
    if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
      const lower = scheme.toLowerCase().replace(/:\/*$/, '');
      fail(where, `scheme ${q(scheme)} is not supported: use RedirectScheme.HTTP ("http") or RedirectScheme.HTTPS ("https")` +
        `${lower === 'http' || lower === 'https' ? ` (${q(lower)})` : ''}.`);
    }
    if (options.hostname !== undefined) checkSubdomain(where, 'hostname', options.hostname);
    checkPort(where, 'port', options.port);
    if (options.statusCode !== undefined && ![301, 302, 303, 307, 308].includes(options.statusCode)) {
      fail(where, `statusCode ${options.statusCode} is not a redirect status: use a RedirectStatusCode (301, 302, 303, 307 or 308).`);
    }
    if (options.scheme === undefined && options.hostname === undefined && options.path === undefined && options.port === undefined) {
      fail(where, 'the redirect points back to the same URL (a redirect loop): set scheme, hostname, path or port.');
    }
    return HttpRouteFilter.create({
      type: 'RequestRedirect',
      field: 'requestRedirect',
      backends: [],
      body: () => compact({
        scheme: options.scheme, hostname: options.hostname, path: options.path?._render(), port: options.port, statusCode: options.statusCode,
      }),
    });
  }

  /**
   * Rewrites the Host header and/or path before forwarding. Support: Extended.
   */
  public static urlRewrite(options: UrlRewriteOptions): HttpRouteFilter {
    const where = 'HttpRouteFilter.urlRewrite()';
    if (options.hostname !== undefined) checkSubdomain(where, 'hostname', options.hostname);
    if (options.hostname === undefined && options.path === undefined) fail(where, 'nothing to rewrite: set hostname, path or both.');
    return HttpRouteFilter.create({
      type: 'URLRewrite',
      field: 'urlRewrite',
      backends: [],
      body: () => compact({ hostname: options.hostname, path: options.path?._render() }),
    });
  }

  /**
   * Sends a copy of the requests to another backend, ignoring its responses. Support: Extended.
   */
  public static requestMirror(options: RequestMirrorOptions): HttpRouteFilter {
    return HttpRouteFilter.create(requestMirror(options, 'HttpRouteFilter.requestMirror()'));
  }

  /**
   * Answers CORS preflight requests and adds CORS headers to responses. Support: Extended.
   */
  public static cors(options: CorsOptions): HttpRouteFilter {
    const where = 'HttpRouteFilter.cors()';
    const origins = options.allowOrigins ?? [];
    checkSet(where, 'allowOrigins', origins, 64);
    for (const o of origins) {
      checkLength(where, 'allowOrigins entry', o, 1, 253);
      if (!CORS_ORIGIN.test(o)) {
        fail(where, `allowOrigins entry ${q(o)} is not an origin: use "<scheme>://<host>[:<port>]" (scheme http or https, ` +
          'host may start with "*."), e.g. "https://app.example.com", or "*" for every origin.');
      }
    }
    const methods = options.allowMethods ?? [];
    checkSet(where, 'allowMethods', methods, 9);
    for (const m of methods) {
      if (!CORS_METHODS.includes(m)) {
        fail(where, `allowMethods entry ${q(m)} is not supported: use ${CORS_METHODS.map((x) => q(x)).join(', ')}` +
          `${CORS_METHODS.includes(m.toUpperCase()) ? ` (method names are upper-case: ${q(m.toUpperCase())})` : ''}.`);
      }
    }
    for (const [field, list] of [['allowHeaders', options.allowHeaders ?? []], ['exposeHeaders', options.exposeHeaders ?? []]] as const) {
      checkSet(where, field, list, 64);
      for (const h of list) if (!(field === 'allowHeaders' && h === '*')) checkHttpToken(where, `${field} entry`, h);
    }
    let maxAge: number | undefined;
    if (options.maxAge !== undefined) {
      maxAge = options.maxAge.toSeconds({ integral: false });
      if (!Number.isInteger(maxAge) || maxAge < 1) {
        fail(where, `maxAge ${options.maxAge.toHumanString()} must be a whole number of seconds, at least 1: e.g. Duration.hours(1).`);
      }
    }
    return HttpRouteFilter.create({
      type: 'CORS',
      field: 'cors',
      backends: [],
      body: () => compact({
        allowOrigins: nonEmpty(origins),
        allowMethods: nonEmpty(methods),
        allowHeaders: nonEmpty(options.allowHeaders),
        exposeHeaders: nonEmpty(options.exposeHeaders),
        allowCredentials: options.allowCredentials,
        maxAge,
      }),
    });
  }

  /**
   * An implementation-specific filter resource. Support: Implementation-specific.
   */
  public static extensionRef(options: ExtensionRefOptions): HttpRouteFilter {
    return HttpRouteFilter.create(extensionRef(options, 'HttpRouteFilter.extensionRef()'));
  }

  /**
   * Asks an external authorization service whether to let each request through (fails closed).
   *
   * Experimental channel only: needs the experimental Gateway API CRDs. Support: Extended.
   */
  public static externalAuth(options: ExternalAuthOptions): HttpRouteFilter {
    const where = 'HttpRouteFilter.externalAuth()';
    checkPlainBackend(where, options.backend);
    const http = options.protocol === ExternalAuthProtocol.HTTP;
    if (!http && options.path !== undefined) fail(where, 'path is only for protocol HTTP: remove it or use ExternalAuthProtocol.HTTP.');
    if (!http && options.allowedResponseHeaders !== undefined) {
      fail(where, 'allowedResponseHeaders is only for protocol HTTP: remove it or use ExternalAuthProtocol.HTTP.');
    }
    if (options.path !== undefined) checkAbsolutePath(where, 'path', options.path);
    checkSet(where, 'allowedHeaders', options.allowedHeaders ?? [], 64);
    checkSet(where, 'allowedResponseHeaders', options.allowedResponseHeaders ?? [], 64);
    if (options.forwardBodyMaxSize !== undefined) checkInteger(where, 'forwardBodyMaxSize', options.forwardBodyMaxSize, 0, Number.MAX_SAFE_INTEGER);
    return HttpRouteFilter.create({
      type: 'ExternalAuth',
      field: 'externalAuth',
      backends: [options.backend],
      body: (routeNamespace) => compact({
        protocol: options.protocol,
        backendRef: options.backend._renderRef(routeNamespace),
        http: http ? compact({
          path: options.path,
          allowedHeaders: nonEmpty(options.allowedHeaders),
          allowedResponseHeaders: nonEmpty(options.allowedResponseHeaders),
        }) : undefined,
        grpc: http ? undefined : compact({ allowedHeaders: nonEmpty(options.allowedHeaders) }),
        forwardBody: options.forwardBodyMaxSize !== undefined ? { maxSize: options.forwardBodyMaxSize } : undefined,
      }),
    });
  }

  private static create(spec: FilterSpec): HttpRouteFilter {
    return new HttpRouteFilter(spec);
  }

  /** The filter type as written in the manifest, e.g. `RequestHeaderModifier`. */
  public readonly type: string;

  private readonly spec: FilterSpec;

  private constructor(spec: FilterSpec) {
    this.spec = spec;
    this.type = spec.type;
  }

  /**
   * Binds the filter to `route`, which writes the returned entry into its `filters[]` (or a backendRef's) and
   * grants access to the filter's backends. Routes call it when the filter is added.
   */
  public bind(route: IRoute): RouteFilterConfig {
    return bindSpec(this.spec, route);
  }
}

/**
 * Filters of a GRPCRoute rule or backend: header modifiers, request mirroring and extension filters.
 */
export class GrpcRouteFilter {
  /** Sets, adds or removes request metadata (headers) before forwarding. Support: Core. */
  public static requestHeaderModifier(options: HeaderModifierOptions): GrpcRouteFilter {
    return GrpcRouteFilter.create(headerModifier('RequestHeaderModifier', 'requestHeaderModifier', options, 'GrpcRouteFilter.requestHeaderModifier'));
  }

  /** Sets, adds or removes response metadata (headers). Support: Extended. */
  public static responseHeaderModifier(options: HeaderModifierOptions): GrpcRouteFilter {
    return GrpcRouteFilter.create(headerModifier('ResponseHeaderModifier', 'responseHeaderModifier', options, 'GrpcRouteFilter.responseHeaderModifier'));
  }

  /** Sends a copy of the requests to another backend. Support: Extended. */
  public static requestMirror(options: RequestMirrorOptions): GrpcRouteFilter {
    return GrpcRouteFilter.create(requestMirror(options, 'GrpcRouteFilter.requestMirror()'));
  }

  /** An implementation-specific filter resource. Support: Implementation-specific. */
  public static extensionRef(options: ExtensionRefOptions): GrpcRouteFilter {
    return GrpcRouteFilter.create(extensionRef(options, 'GrpcRouteFilter.extensionRef()'));
  }

  private static create(spec: FilterSpec): GrpcRouteFilter {
    return new GrpcRouteFilter(spec);
  }

  /** The filter type as written in the manifest, e.g. `RequestHeaderModifier`. */
  public readonly type: string;

  private readonly spec: FilterSpec;

  private constructor(spec: FilterSpec) {
    this.spec = spec;
    this.type = spec.type;
  }

  /**
   * Binds the filter to `route`, which writes the returned entry into its `filters[]` (or a backendRef's) and
   * grants access to the filter's backends. Routes call it when the filter is added.
   */
  public bind(route: IRoute): RouteFilterConfig {
    return bindSpec(this.spec, route);
  }
}

const CORS_ORIGIN = /(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)/;
const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', '*'];

function nonEmpty(list: string[] | undefined): string[] | undefined {
  return list && list.length > 0 ? [...list] : undefined;
}

/** A CRD `set`: no duplicates, at most `max` entries, `*` only alone. */
function checkSet(where: string, field: string, list: string[], max: number): void {
  if (list.length > max) fail(where, `${field} has ${list.length} entries: use at most ${max}.`);
  const dups = duplicates(list, (v) => v);
  if (dups.length > 0) fail(where, `${field} lists ${dups.map((d) => q(d)).join(', ')} more than once: list each value once.`);
  if (list.includes('*') && list.length > 1) fail(where, `${field} has "*" next to other values: "*" already allows everything, use it alone.`);
}

function headerModifier(type: string, field: string, options: HeaderModifierOptions, factory: string): FilterSpec {
  const where = `${factory}()`;
  const set = Object.entries(options.set ?? {});
  const add = Object.entries(options.add ?? {});
  const remove = options.remove ?? [];
  if (set.length + add.length + remove.length === 0) fail(where, 'nothing to change: set at least one of set, add or remove.');
  for (const [list, entries] of [['set', set], ['add', add]] as const) {
    if (entries.length > 16) fail(where, `${list} has ${entries.length} headers: use at most 16.`);
    for (const [name, value] of entries) {
      checkHttpToken(where, `${list} header name`, name);
      checkLength(where, `${list} value of header ${q(name)}`, value, 1, 4096);
      if (/[\r\n]/.test(value)) fail(where, `${list} value of header ${q(name)} contains a line break: header values are one line.`);
    }
    const dups = duplicates(entries, ([n]) => n.toLowerCase());
    if (dups.length > 0) fail(where, `${list} has header ${q(dups[0])} more than once (header names are case-insensitive): keep one.`);
  }
  if (remove.length > 16) fail(where, `remove has ${remove.length} headers: use at most 16.`);
  for (const name of remove) checkHttpToken(where, 'remove header name', name);
  const dupRemove = duplicates(remove, (n) => n.toLowerCase());
  if (dupRemove.length > 0) fail(where, `remove lists header ${q(dupRemove[0])} more than once: list it once.`);
  const toList = (entries: Array<[string, string]>) => entries.length > 0 ? entries.map(([name, value]) => ({ name, value })) : undefined;
  return {
    type,
    field,
    backends: [],
    body: () => compact({ set: toList(set), add: toList(add), remove: remove.length > 0 ? [...remove] : undefined }),
  };
}

/** A backend used as a plain object reference (mirror, external auth): no weight. */
function checkPlainBackend(where: string, backend: Backend): void {
  if (backend.weight !== undefined) fail(where, `backend "${backend.name}" has a weight: weights only apply to backendRefs, remove it.`);
}

function requestMirror(options: RequestMirrorOptions, where: string): FilterSpec {
  checkPlainBackend(where, options.backend);
  if (options.percent !== undefined && options.fraction !== undefined) fail(where, 'set percent or fraction, not both.');
  if (options.percent !== undefined) checkInteger(where, 'percent', options.percent, 0, 100);
  const fraction = options.fraction;
  if (fraction !== undefined) {
    const denominator = fraction.denominator ?? 100;
    checkInteger(where, 'fraction.denominator', denominator, 1, 2_147_483_647);
    checkInteger(where, 'fraction.numerator', fraction.numerator, 0, 2_147_483_647);
    if (fraction.numerator > denominator) {
      fail(where, `fraction ${fraction.numerator}/${denominator} is more than 1: the numerator must be at most the denominator.`);
    }
  }
  return {
    type: 'RequestMirror',
    field: 'requestMirror',
    backends: [options.backend],
    body: (routeNamespace) => compact({
      backendRef: options.backend._renderRef(routeNamespace),
      percent: options.percent,
      fraction: fraction ? compact({ numerator: fraction.numerator, denominator: fraction.denominator }) : undefined,
    }),
  };
}

function extensionRef(options: ExtensionRefOptions, where: string): FilterSpec {
  checkGroup(where, 'group', options.group);
  checkKind(where, 'kind', options.kind);
  checkLength(where, 'name', options.name, 1, 253);
  return {
    type: 'ExtensionRef',
    field: 'extensionRef',
    backends: [],
    body: () => ({ group: options.group, kind: options.kind, name: options.name }),
  };
}
