/**
 * Public (jsii) types of the routing simulator: the request, the result and their parts.
 * Field names follow the `cdk8s-gateway-api route` JSON contract (docs/routing.md).
 */
import { AnalysisOptions } from '../analysis/types';

/** A Gateway (or route parent) by namespace and name. */
export interface RoutingGatewayRef {
  /** Namespace of the Gateway. */
  readonly namespace: string;
  /** Name of the Gateway. */
  readonly name: string;
}

/** A gRPC method called by a request. */
export interface RoutingGrpcMethod {
  /** Fully qualified service, e.g. `store.v1.Catalog`. */
  readonly service: string;
  /** Method, e.g. `ListItems`. */
  readonly method: string;
}

/** One request to simulate. Every field but `path` is optional. */
export interface RoutingRequest {
  /**
   * The Gateway the client dials.
   * @default - the Gateways with a listener for the port and scheme are considered, and the one whose listener
   * matches the host most specifically wins
   */
  readonly gateway?: RoutingGatewayRef;
  /**
   * The Gateway port dialled.
   * @default - 80 for http, 443 for https
   */
  readonly port?: number;
  /**
   * `http` or `https`.
   * @default "http"
   */
  readonly scheme?: string;
  /**
   * The Host header (`:authority` for HTTP/2); a port in it is ignored for matching.
   * @default - none: the client sent the Gateway's address (an IP), which only listeners and routes without
   * hostnames match
   */
  readonly host?: string;
  /**
   * The TLS SNI the client sends (https).
   * @default - `host`
   */
  readonly sni?: string;
  /**
   * The HTTP method.
   * @default "GET"
   */
  readonly method?: string;
  /** The request path, including the query string, e.g. `/api/items?page=2`. */
  readonly path: string;
  /**
   * Request headers (names are case-insensitive).
   * @default - none
   */
  readonly headers?: { [name: string]: string };
  /**
   * `http`, `grpc`, `tcp` or `udp`.
   * @default - `grpc` when `grpc` is set, else `http`
   */
  readonly protocol?: string;
  /**
   * The gRPC method called (implies `protocol: grpc`).
   * @default - taken from `path` (`/service/method`) when `protocol` is `grpc`
   */
  readonly grpc?: RoutingGrpcMethod;
  /**
   * The headers the backend answers with (ResponseHeaderModifier and CORS are applied to them).
   * @default - none
   */
  readonly backendResponseHeaders?: { [name: string]: string };
  /**
   * Whether the client presents a (valid) client certificate.
   * @default false
   */
  readonly clientCertificate?: boolean;
}

/** A route by kind, namespace and name. */
export interface RoutingRouteRef {
  /** `HTTPRoute`, `GRPCRoute`, `TLSRoute`, `TCPRoute` or `UDPRoute`. */
  readonly kind: string;
  /** Namespace of the route. */
  readonly namespace: string;
  /** Name of the route. */
  readonly name: string;
}

/** The rule of a route that handled the request. */
export interface RoutingRuleRef {
  /** Index of the rule in `spec.rules` (0-based). */
  readonly index: number;
  /**
   * The rule's `name`.
   * @default - the rule has no name
   */
  readonly name?: string;
}

/** One backend a request can go to, with its share of the requests. */
export interface RoutingBackend {
  /** API group (`""` for a core Service). */
  readonly group: string;
  /** Kind (`Service`). */
  readonly kind: string;
  /** Namespace. */
  readonly namespace: string;
  /** Name. */
  readonly name: string;
  /**
   * Port.
   * @default - none given
   */
  readonly port?: number;
  /** The weight (1 when unset). */
  readonly weight: number;
  /** The share of the requests this backend gets: weight / sum of the weights. */
  readonly probability: number;
  /**
   * Why the backend is invalid (its share gets HTTP 500): `BackendNotFound`, `RefNotPermitted`, `InvalidKind`,
   * `UnsupportedProtocol`.
   * @default - the backend is valid
   */
  readonly invalidReason?: string;
  /**
   * The Service port's appProtocol (e.g. `kubernetes.io/h2c`, `kubernetes.io/ws`).
   * @default - none
   */
  readonly appProtocol?: string;
  /**
   * The TLS the Gateway uses toward this backend (BackendTLSPolicy).
   * @default - plaintext
   */
  readonly tls?: RoutingBackendTls;
  /**
   * The request as this backend sees it, when the backendRef has filters of its own.
   * @default - the result's `requestAtBackend`
   */
  readonly requestAtBackend?: RoutingRequestAtBackend;
}

/** A redirect answered by the Gateway. */
export interface RoutingRedirect {
  /** Scheme of the Location. */
  readonly scheme: string;
  /** Host of the Location. */
  readonly host: string;
  /** Port of the Location (left out of `location` when it is the scheme's default port). */
  readonly port: number;
  /** Path (and query) of the Location. */
  readonly path: string;
  /** The redirect status code (301, 302, 303, 307, 308). */
  readonly statusCode: number;
  /** The Location header. */
  readonly location: string;
}

/** The request as the backend sees it, after the filters. */
export interface RoutingRequestAtBackend {
  /** Method. */
  readonly method: string;
  /**
   * Host header.
   * @default - none (the client sent none)
   */
  readonly host?: string;
  /** Path (with the query string). */
  readonly path: string;
  /** Headers (lower-case names). */
  readonly headers: { [name: string]: string };
}

/** A mirror of the request. */
export interface RoutingMirror {
  /** Namespace of the mirror Service. */
  readonly namespace: string;
  /** Name of the mirror Service. */
  readonly name: string;
  /**
   * Port of the mirror Service.
   * @default - none given
   */
  readonly port?: number;
  /** The percentage of the requests mirrored. */
  readonly percent: number;
}

/** The TLS toward a backend (from a BackendTLSPolicy). */
export interface RoutingBackendTls {
  /** The SNI the Gateway sends, and the name the backend's certificate is validated against. */
  readonly sni: string;
  /** The BackendTLSPolicy, as `namespace/name`. */
  readonly policy: string;
  /**
   * subjectAltNames the certificate is validated against instead of the hostname.
   * @default - the hostname
   */
  readonly subjectAltNames?: string[];
}

/** Options of a routing simulator. */
export interface RoutingOptions extends AnalysisOptions {}
