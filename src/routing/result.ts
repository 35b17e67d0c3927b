import {
  RoutingBackend, RoutingBackendTls, RoutingGatewayRef, RoutingMirror, RoutingRedirect, RoutingRequestAtBackend,
  RoutingRouteRef, RoutingRuleRef,
} from './types';

/** Retry settings of the rule that handled a request (HTTPRoute `retry`, GEP-1731). */
export interface RoutingRetry {
  /**
   * Maximum number of attempts.
   * @default - implementation-specific
   */
  readonly attempts?: number;
  /**
   * Minimum backoff between attempts.
   * @default - implementation-specific
   */
  readonly backoff?: string;
  /** The HTTP status codes retried. */
  readonly codes: number[];
}

/**
 * The parts of a routing result.
 * @internal
 */
export interface _RoutingResultData {
  gateway?: RoutingGatewayRef;
  listener?: string;
  route?: RoutingRouteRef;
  rule?: RoutingRuleRef;
  statusCode: number;
  grpcStatus?: string;
  backends: RoutingBackend[];
  redirect?: RoutingRedirect;
  requestAtBackend?: RoutingRequestAtBackend;
  responseHeaders: { [name: string]: string };
  mirrors: RoutingMirror[];
  backendTls?: RoutingBackendTls;
  explanation: string[];
  error?: string;
  implementationSpecific: boolean;
  errorProbability: number;
  timeouts?: { [name: string]: string };
  retry?: RoutingRetry;
}

/**
 * What a conformant Gateway API v1.6.1 implementation does with one request: the Gateway, listener, route and rule
 * that handle it, the status code, the backends and their shares, the request as the backends see it, and an
 * explanation of every decision.
 */
export class RoutingResult {
  /**
   * A result of the simulator (it is the only maker of results).
   * @internal
   */
  public static _of(data: _RoutingResultData): RoutingResult {
    return new RoutingResult(data);
  }

  /**
   * The Gateway that accepted the connection.
   * @default - none accepted it
   */
  public readonly gateway?: RoutingGatewayRef;
  /**
   * The name of the listener (of the Gateway, or of a ListenerSet attached to it) that accepted the connection.
   * @default - none
   */
  public readonly listener?: string;
  /**
   * The route that handled the request.
   * @default - no route matched
   */
  public readonly route?: RoutingRouteRef;
  /**
   * The rule of `route` that handled the request.
   * @default - no rule matched
   */
  public readonly rule?: RoutingRuleRef;
  /**
   * The HTTP status code: 200 when the request is forwarded to a backend (the backend then answers), 404 when no
   * route matches, 500 for an invalid backend, the redirect code for a redirect; 0 when the connection or the TLS
   * handshake is refused. For TLS/TCP/UDP routes: 200 when the connection is forwarded, 0 when it is refused.
   */
  public readonly statusCode: number;
  /**
   * For gRPC requests: the gRPC status the client sees (`OK`, `UNIMPLEMENTED`, `UNAVAILABLE`, ...).
   * @default - not a gRPC request
   */
  public readonly grpcStatus?: string;
  /** The backends the request can go to, with their shares. */
  public readonly backends: RoutingBackend[];
  /**
   * The redirect the Gateway answers with.
   * @default - no redirect
   */
  public readonly redirect?: RoutingRedirect;
  /**
   * The request as the backend sees it, after the rule's filters.
   * @default - the request is not forwarded
   */
  public readonly requestAtBackend?: RoutingRequestAtBackend;
  /** The response headers the client sees: the request's `backendResponseHeaders` after the filters (and CORS). */
  public readonly responseHeaders: { [name: string]: string };
  /** The mirrors of the request. */
  public readonly mirrors: RoutingMirror[];
  /**
   * The TLS toward the (most likely) backend, from a BackendTLSPolicy.
   * @default - plaintext, or no backend
   */
  public readonly backendTls?: RoutingBackendTls;
  /** Every decision, in plain words. */
  public readonly explanation: string[];
  /**
   * Why the request could not be simulated (an unknown Gateway, a malformed request).
   * @default - it was simulated
   */
  public readonly error?: string;
  /** Whether a decision depended on a choice the spec leaves to the implementation (see `explanation`). */
  public readonly implementationSpecific: boolean;
  /** The share of the requests that get an error (500, or a refused connection) because of invalid backends. */
  public readonly errorProbability: number;
  /**
   * The rule's timeouts (`request`, `backendRequest`, GEP-1742).
   * @default - none
   */
  public readonly timeouts?: { [name: string]: string };
  /**
   * The rule's retry settings (GEP-1731).
   * @default - none
   */
  public readonly retry?: RoutingRetry;

  private constructor(data: _RoutingResultData) {
    this.gateway = data.gateway;
    this.listener = data.listener;
    this.route = data.route;
    this.rule = data.rule;
    this.statusCode = data.statusCode;
    this.grpcStatus = data.grpcStatus;
    this.backends = data.backends;
    this.redirect = data.redirect;
    this.requestAtBackend = data.requestAtBackend;
    this.responseHeaders = data.responseHeaders;
    this.mirrors = data.mirrors;
    this.backendTls = data.backendTls;
    this.explanation = data.explanation;
    this.error = data.error;
    this.implementationSpecific = data.implementationSpecific;
    this.errorProbability = data.errorProbability;
    this.timeouts = data.timeouts;
    this.retry = data.retry;
  }

  /**
   * The result in the JSON shape of `cdk8s-gateway-api route --output json` (absent parts are `null`).
   */
  public toJson(): any {
    const out: any = {
      gateway: this.gateway ? { namespace: this.gateway.namespace, name: this.gateway.name } : null,
      listener: this.listener ?? null,
      route: this.route ? { kind: this.route.kind, namespace: this.route.namespace, name: this.route.name } : null,
      rule: this.rule ? { index: this.rule.index, ...(this.rule.name !== undefined ? { name: this.rule.name } : {}) } : null,
      statusCode: this.statusCode,
      ...(this.grpcStatus !== undefined ? { grpcStatus: this.grpcStatus } : {}),
      backends: this.backends.map((b) => ({ ...b })),
      redirect: this.redirect ? { ...this.redirect } : null,
      requestAtBackend: this.requestAtBackend ? { ...this.requestAtBackend, host: this.requestAtBackend.host ?? null } : null,
      responseHeaders: { ...this.responseHeaders },
      mirrors: this.mirrors.map((m) => ({ ...m })),
      backendTls: this.backendTls ? { ...this.backendTls } : null,
      explanation: [...this.explanation],
      implementationSpecific: this.implementationSpecific,
      errorProbability: this.errorProbability,
      ...(this.timeouts ? { timeouts: { ...this.timeouts } } : {}),
      ...(this.retry ? { retry: { ...this.retry } } : {}),
    };
    if (this.error !== undefined) out.error = this.error;
    return out;
  }
}
