import { checkAbsolutePath, checkHttpToken, checkLength, compact, fail, q } from './private/validate';

/**
 * HTTP request methods an HTTPRoute can match (`matches[].method`).
 *
 * Support: Extended.
 */
export enum HttpMethod {
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
}

/**
 * How an HTTPRoute matches the request path (`matches[].path`).
 *
 * When a rule has no path match, the Gateway API matches every path (`PathPrefix /`).
 */
export class PathMatch {
  /**
   * Matches the path exactly (case-sensitive), e.g. `/login` matches `/login` only.
   *
   * The path must start with `/` and must not contain `//`, dot segments, `%2F` or `#`.
   *
   * Support: Core.
   */
  public static exact(path: string): PathMatch {
    checkAbsolutePath(`PathMatch.exact(${q(path)})`, 'path', path);
    return new PathMatch('Exact', path);
  }

  /**
   * Matches a path prefix, element by element: `/api` matches `/api`, `/api/` and `/api/users` but not `/apis`.
   * A trailing `/` is ignored (`/api/` behaves like `/api`).
   *
   * The prefix must start with `/` and must not contain `//`, dot segments, `%2F` or `#`.
   *
   * Support: Core.
   */
  public static prefix(path: string): PathMatch {
    checkAbsolutePath(`PathMatch.prefix(${q(path)})`, 'path', path);
    return new PathMatch('PathPrefix', path);
  }

  /**
   * Matches the path with a regular expression; the dialect (RE2, PCRE, …) depends on the implementation.
   *
   * Support: Implementation-specific.
   */
  public static regex(pattern: string): PathMatch {
    checkLength(`PathMatch.regex(${q(pattern)})`, 'pattern', pattern, 1, 1024);
    return new PathMatch('RegularExpression', pattern);
  }

  /** The match type as written in the manifest: `Exact`, `PathPrefix` or `RegularExpression`. */
  public readonly type: string;

  /** The path, prefix or regular expression. */
  public readonly value: string;

  private constructor(type: string, value: string) {
    this.type = type;
    this.value = value;
  }

  /** @internal */
  public _render(): any {
    return { type: this.type, value: this.value };
  }
}

/**
 * A request header match (`matches[].headers[]`) of an HTTPRoute or GRPCRoute rule.
 *
 * Header names are case-insensitive; a match can hold each header name once.
 */
export class HeaderMatch {
  /**
   * Matches when the header has exactly `value`.
   *
   * Support: Core.
   */
  public static exact(name: string, value: string): HeaderMatch {
    const where = `HeaderMatch.exact(${q(name)}, ${q(value)})`;
    checkHttpToken(where, 'header name', name);
    checkLength(where, 'header value', value, 1, 4096);
    return new HeaderMatch('Exact', name, value);
  }

  /**
   * Matches when the header value matches the regular expression `pattern` (dialect of the implementation).
   *
   * Support: Implementation-specific.
   */
  public static regex(name: string, pattern: string): HeaderMatch {
    const where = `HeaderMatch.regex(${q(name)}, ${q(pattern)})`;
    checkHttpToken(where, 'header name', name);
    checkLength(where, 'pattern', pattern, 1, 4096);
    return new HeaderMatch('RegularExpression', name, pattern);
  }

  /** `Exact` or `RegularExpression`. */
  public readonly type: string;

  /** The header name. */
  public readonly name: string;

  /** The value or regular expression. */
  public readonly value: string;

  private constructor(type: string, name: string, value: string) {
    this.type = type;
    this.name = name;
    this.value = value;
  }

  /** @internal */
  public _render(): any {
    return { name: this.name, type: this.type, value: this.value };
  }
}

/**
 * A query parameter match (`matches[].queryParams[]`) of an HTTPRoute rule. Query parameter names are
 * case-sensitive; a match can hold each name once.
 */
export class QueryParamMatch {
  /**
   * Matches when the query parameter has exactly `value`.
   *
   * Support: Extended.
   */
  public static exact(name: string, value: string): QueryParamMatch {
    const where = `QueryParamMatch.exact(${q(name)}, ${q(value)})`;
    checkHttpToken(where, 'query parameter name', name);
    checkLength(where, 'query parameter value', value, 1, 1024);
    return new QueryParamMatch('Exact', name, value);
  }

  /**
   * Matches when the query parameter value matches the regular expression `pattern`.
   *
   * Support: Implementation-specific.
   */
  public static regex(name: string, pattern: string): QueryParamMatch {
    const where = `QueryParamMatch.regex(${q(name)}, ${q(pattern)})`;
    checkHttpToken(where, 'query parameter name', name);
    checkLength(where, 'pattern', pattern, 1, 1024);
    return new QueryParamMatch('RegularExpression', name, pattern);
  }

  /** `Exact` or `RegularExpression`. */
  public readonly type: string;

  /** The query parameter name. */
  public readonly name: string;

  /** The value or regular expression. */
  public readonly value: string;

  private constructor(type: string, name: string, value: string) {
    this.type = type;
    this.name = name;
    this.value = value;
  }

  /** @internal */
  public _render(): any {
    return { name: this.name, type: this.type, value: this.value };
  }
}

/**
 * One way an HTTPRoute rule matches a request (`rules[].matches[]`). Every condition set here must hold (AND);
 * a rule matches when any of its matches does (OR).
 */
export interface HttpRouteMatch {
  /**
   * The path to match.
   * @default - every path (`PathPrefix /`)
   */
  readonly path?: PathMatch;

  /**
   * Request headers that must all match. Support: Core (Exact), Implementation-specific (RegularExpression).
   * @default - no header conditions
   */
  readonly headers?: HeaderMatch[];

  /**
   * Query parameters that must all match. Support: Extended.
   * @default - no query parameter conditions
   */
  readonly queryParams?: QueryParamMatch[];

  /**
   * The request method. Support: Extended.
   * @default - every method
   */
  readonly method?: HttpMethod;
}

/**
 * Options of a gRPC method match: the service, the method, or both.
 */
export interface GrpcMethodMatchOptions {
  /**
   * The fully qualified gRPC service, e.g. `com.example.User` (or a regular expression with `GrpcMethodMatch.regex`).
   * @default - every service
   */
  readonly service?: string;

  /**
   * The gRPC method, e.g. `Login` (or a regular expression with `GrpcMethodMatch.regex`).
   * @default - every method of the service
   */
  readonly method?: string;
}

const GRPC_SERVICE = /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i;
const GRPC_METHOD = /^[A-Za-z_][A-Za-z_0-9]*$/;

/**
 * How a GRPCRoute matches the gRPC service and method (`matches[].method`).
 */
export class GrpcMethodMatch {
  /**
   * Matches the service and/or method exactly (at least one of them).
   *
   * Support: Core (service and method), Implementation-specific (method without service).
   */
  public static exact(options: GrpcMethodMatchOptions): GrpcMethodMatch {
    const where = `GrpcMethodMatch.exact(${q(options)})`;
    GrpcMethodMatch.checkOptions(where, options);
    if (options.service !== undefined && !GRPC_SERVICE.test(options.service)) {
      fail(where, `service ${q(options.service)} is not a fully qualified gRPC service name: use dot-separated identifiers, e.g. "com.example.User".`);
    }
    if (options.method !== undefined && !GRPC_METHOD.test(options.method)) {
      fail(where, `method ${q(options.method)} is not a gRPC method name: use letters, digits and '_', e.g. "Login".`);
    }
    return new GrpcMethodMatch('Exact', options);
  }

  /**
   * Matches the service and/or method with regular expressions (at least one of them).
   *
   * Support: Implementation-specific.
   */
  public static regex(options: GrpcMethodMatchOptions): GrpcMethodMatch {
    GrpcMethodMatch.checkOptions(`GrpcMethodMatch.regex(${q(options)})`, options);
    return new GrpcMethodMatch('RegularExpression', options);
  }

  private static checkOptions(where: string, options: GrpcMethodMatchOptions): void {
    if (options.service === undefined && options.method === undefined) {
      fail(where, 'set service, method or both (e.g. { service: "com.example.User", method: "Login" }).');
    }
    if (options.service !== undefined) checkLength(where, 'service', options.service, 1, 1024);
    if (options.method !== undefined) checkLength(where, 'method', options.method, 1, 1024);
  }

  /** `Exact` or `RegularExpression`. */
  public readonly type: string;

  /**
   * The service (or its regular expression).
   * @default - every service
   */
  public readonly service?: string;

  /**
   * The method (or its regular expression).
   * @default - every method
   */
  public readonly method?: string;

  private constructor(type: string, options: GrpcMethodMatchOptions) {
    this.type = type;
    this.service = options.service;
    this.method = options.method;
  }

  /** @internal */
  public _render(): any {
    // `Exact` is the CRD default; the upstream examples leave it out.
    return compact({ type: this.type === 'Exact' ? undefined : this.type, service: this.service, method: this.method });
  }
}

/**
 * One way a GRPCRoute rule matches a request (`rules[].matches[]`). Every condition set here must hold (AND);
 * a rule matches when any of its matches does (OR).
 */
export interface GrpcRouteMatch {
  /**
   * The gRPC service and method to match.
   * @default - every service and method
   */
  readonly method?: GrpcMethodMatch;

  /**
   * gRPC request headers (metadata) that must all match.
   * @default - no header conditions
   */
  readonly headers?: HeaderMatch[];
}
