/**
 * The intermediate model of the migration: what the readers (Ingress + ingress-nginx annotations, Traefik) produce and
 * what the emitters (YAML manifests, the TypeScript program, the L2 constructs) consume. Plain data, no constructs.
 *
 * Besides the Gateway API shape of the result (`IrGateway`, `IrRoute`, `IrPolicy`), a reader records the behaviour
 * of the source (`SourceLocation`): the equivalence check asks the routing simulator the same requests and compares.
 */

/** A source object, for the report. */
export interface SourceRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** How an annotation or middleware was handled. */
export type OutcomeStatus = 'converted' | 'caveat' | 'not-converted' | 'ignored';

/** One line of the report: an annotation (full name) or middleware of a source object and what it became. */
export interface MigrationItem {
  /** The full annotation name (`nginx.ingress.kubernetes.io/rewrite-target`), `spec.tls`, a middleware, … */
  readonly key: string;
  readonly value?: string;
  readonly status: OutcomeStatus;
  /** What it became, or why not. */
  readonly message: string;
  /** For `not-converted`: what to use instead. */
  readonly instead?: string;
}

/** The report of one source object. */
export interface SourceReport extends SourceRef {
  readonly items: MigrationItem[];
  /** The objects of the result made from it (`HTTPRoute ns/name`, …). */
  readonly outputs: string[];
}

/** A backend Service port of the result. */
export interface IrBackend {
  readonly namespace: string;
  readonly name: string;
  readonly port: number;
  readonly weight?: number;
}

/** A path match of the result. */
export interface IrPath {
  readonly type: 'Exact' | 'PathPrefix' | 'RegularExpression';
  readonly value: string;
}

/** A header match of the result. */
export interface IrHeader {
  readonly name: string;
  readonly value: string;
  readonly type?: 'Exact' | 'RegularExpression';
}

/** One match of a rule. */
export interface IrMatch {
  readonly path?: IrPath;
  readonly headers?: IrHeader[];
  readonly method?: string;
  readonly grpc?: { service?: string; method?: string };
  readonly queryParams?: IrHeader[];
}

/** One HTTPRoute/GRPCRoute rule of the result. */
export interface IrRule {
  readonly name?: string;
  /** The matches (OR); empty: match everything. */
  readonly matches: IrMatch[];
  /** Gateway API filter objects, in order. */
  readonly filters: any[];
  readonly backends: IrBackend[];
  readonly timeouts?: { request?: string; backendRequest?: string };
  readonly sessionPersistence?: any;
}

/** The listeners of the Gateway a route attaches to. */
export type ListenerRole = 'http' | 'https' | 'passthrough' | 'tcp' | 'udp';

/** The port of a role's listeners unless an entry point says otherwise. */
export const DEFAULT_ROLE_PORTS: { readonly [role in ListenerRole]?: number } = { http: 80, https: 443, passthrough: 443 };

/** A route of the result. */
export interface IrRoute {
  readonly kind: 'HTTPRoute' | 'GRPCRoute' | 'TLSRoute' | 'TCPRoute' | 'UDPRoute';
  readonly namespace: string;
  readonly name: string;
  /** The key of the Gateway (`IrGateway.key`). */
  readonly gateway: string;
  /** The listeners it attaches to (by role; with hostnames the emitter finds the listener names). */
  readonly roles: ListenerRole[];
  /** The ports of the listeners it attaches to (Traefik entry points). @default - the roles' default ports (80, 443) */
  readonly ports?: number[];
  readonly hostnames: string[];
  readonly rules: IrRule[];
  readonly source: SourceRef;
}

/** A listener of a generated Gateway. */
export interface IrListener {
  readonly name: string;
  readonly role: ListenerRole;
  readonly port: number;
  readonly protocol: 'HTTP' | 'HTTPS' | 'TLS' | 'TCP' | 'UDP';
  readonly hostname?: string;
  readonly certificate?: { namespace: string; name: string };
}

/** A Gateway of the result: generated (`existing` false) or the one `--gateway ns/name` names. */
export interface IrGateway {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly gatewayClassName: string;
  readonly existing: boolean;
  readonly listeners: IrListener[];
  /** The route namespaces attached to it (the listeners allow `Same` or `All`). */
  readonly routeNamespaces: Set<string>;
}

/** A BackendTLSPolicy of the result. */
export interface IrBackendTls {
  readonly namespace: string;
  readonly name: string;
  readonly service: string;
  readonly hostname: string;
  /** `ConfigMap`/`Secret` name in the policy's namespace holding `ca.crt`; none: the system CAs. */
  readonly caRef?: { kind: string; name: string };
  readonly source: SourceRef;
}

/** How the source answers a request on one of its locations (the expected behaviour for `--verify`). */
export interface SourceLocation {
  readonly source: SourceRef;
  /** The host the location serves; undefined: any host no other source claims (the default server). */
  readonly host?: string;
  /** `Prefix`: element-wise (Ingress Prefix); `StringPrefix`: nginx prefix location; `Regex`: anchored at the start, case-insensitive. */
  readonly match: { type: 'Exact' | 'Prefix' | 'StringPrefix' | 'Regex'; value: string };
  /** Shares of the backends (probabilities summing to 1). */
  readonly backends: { namespace: string; name: string; port: number; probability: number }[];
  /** A canary header: when the request carries it (with `value`, or `always`), these backends get it all. */
  readonly canaryHeader?: { name: string; value?: string; backends: { namespace: string; name: string; port: number }[] };
  /** HTTP requests are redirected to HTTPS (ssl-redirect / force-ssl-redirect), with this code. */
  readonly httpsRedirectCode?: number;
  /** Every request is redirected to this URL (permanent-/temporal-redirect). */
  readonly redirect?: { url: string; code: number };
  /** `/` is redirected to this path (app-root), 302. */
  readonly appRoot?: string;
  /** The path the backend sees: `full` replaces the whole path; `regex` substitutes `$n` of `match` in `target`. */
  readonly rewrite?: { kind: 'full' | 'regex'; target: string };
  /** The Host the backend sees (upstream-vhost). */
  readonly upstreamHost?: string;
  /** Whether HTTPS is served for the host (a TLS secret). */
  readonly tls: boolean;
  /** Served on HTTPS only (a Traefik router on websecure alone): plain HTTP requests do not reach it. */
  readonly httpsOnly?: boolean;
  /** gRPC (backend-protocol GRPC/GRPCS): probed as gRPC calls. */
  readonly grpc?: boolean;
  /** TLS passthrough: probed as a TLS connection by SNI. */
  readonly passthrough?: boolean;
  /** A TCP or UDP entry point (Traefik IngressRouteTCP/UDP): probed as a connection to the port. */
  readonly stream?: { protocol: 'tcp' | 'udp'; port: number };
  /** The port the source serves the location on, when not the scheme's default (a Traefik entry point). */
  readonly port?: number;
  /** Request headers the source sets (a value) or removes (null) before forwarding (names as written). */
  readonly requestHeaders?: { [name: string]: string | null };
  /** Response headers the source sets (a value) or removes (null). */
  readonly responseHeaders?: { [name: string]: string | null };
  /** CORS: the allowed origins (`*`: any) and whether credentials are allowed. */
  readonly cors?: { origins: string[]; credentials: boolean };
  /** Timeouts of the source, as Gateway API durations (`backendRequest`, `request`). */
  readonly timeouts?: { [name: string]: string };
  /** TLS to the backend, with this SNI (the name the certificate is checked against). */
  readonly backendTls?: { sni: string };
  /** Conditions beyond host and path (Traefik Method/Header/Query matchers): all must hold. */
  readonly conditions?: {
    method?: string;
    headers?: { name: string; value: string; type: 'Exact' | 'RegularExpression' }[];
    query?: { name: string; value: string; type: 'Exact' | 'RegularExpression' }[];
  };
}

/** Everything a reader produced. */
export interface MigrationModel {
  readonly gateways: IrGateway[];
  readonly routes: IrRoute[];
  readonly policies: IrBackendTls[];
  readonly reports: SourceReport[];
  readonly locations: SourceLocation[];
  /** Objects of the input used for lookups (Services, Secrets, ConfigMaps), passed to the simulator. */
  readonly lookups: any[];
  /** Remarks on the result as a whole (a Gateway split for its listener count, …). */
  readonly notes: string[];
}

/** A request whose routing differs between the source and the result. */
export interface MigrationDifference {
  readonly source: string;
  /** The request, as `route` prints it: `GET https://host/path` (+ headers). */
  readonly request: string;
  readonly expected: string;
  readonly actual: string;
}
