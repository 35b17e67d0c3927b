import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { buildValue, L2Statement, planOf } from './emit-typescript';
import { formatMigrationReport, migrateManifests, MigrationSource } from './migrate';
import { ReferenceGrant } from '../grants/reference-grant';
import { RouteKind, RouteNamespaces } from '../platform/allowed-routes';
import { CaCertificateRef, CertificateRef } from '../platform/certificate-ref';
import { IGateway, PlatformGateway } from '../platform/gateway';
import { Listener } from '../platform/listener';
import { BackendTlsPolicy, WellKnownCaCertificates } from '../policy/backend-tls-policy';
import { PolicyTarget } from '../policy/policy-target';
import { CanaryRoute } from '../release/canary-route';
import { Backend } from '../team/backend';
import { CorsMethod, GrpcRouteFilter, HttpPathModifier, HttpRouteFilter, RedirectScheme, RedirectStatusCode } from '../team/filters';
import { TeamGrpcRoute } from '../team/grpc-route';
import { TeamRoute } from '../team/http-route';
import { GrpcMethodMatch, HeaderMatch, HttpMethod, PathMatch, QueryParamMatch } from '../team/matches';
import { ITeamRoute } from '../team/route-base';
import { CookieLifetime, SessionPersistence } from '../team/session-persistence';
import { TeamTcpRoute } from '../team/tcp-route';
import { TeamTlsRoute } from '../team/tls-route';
import { TeamUdpRoute } from '../team/udp-route';

/** A Traefik entry point: its port and transport (Traefik's `address: ":<port>[/udp]"`). */
export interface TraefikEntryPoint {
  /** The port. */
  readonly port: number;

  /**
   * `tcp` or `udp`.
   * @default 'tcp'
   */
  readonly protocol?: string;
}

/** Options of `IngressMigration.fromManifests`. */
export interface IngressMigrationOptions {
  /**
   * The Gateway the migrated routes attach to: a `PlatformGateway` of this app, or one referenced with
   * `PlatformGateway.fromGatewayName`. Set at most one of `gateway` and `gatewayClassName`.
   * @default - Gateways are generated (one per IngressClass, and one for the Traefik objects), as `PlatformGateway`s
   */
  readonly gateway?: IGateway;

  /**
   * The GatewayClass of the generated Gateways (when `gateway` is not set).
   * @default - the IngressClass name (`traefik` for Traefik objects)
   */
  readonly gatewayClassName?: string;

  /**
   * How the Ingresses are read: `auto` (by IngressClass controller and annotations), `ingress-nginx`, `traefik` or
   * `ingress` (plain Ingress fields only).
   * @default 'auto'
   */
  readonly from?: string;

  /**
   * Traefik entry points besides the defaults `web` (port 80) and `websecure` (443), by name. Routers on an entry
   * point that is neither known nor listed here are reported, not guessed.
   * @default - web and websecure only
   */
  readonly entryPoints?: { [name: string]: TraefikEntryPoint };

  /**
   * Fail when an annotation, field or middleware could not be converted (the error lists them).
   * @default true
   */
  readonly failOnNotConverted?: boolean;
}

/** The classes and enums a migration plan may name (`Class.factory(...)`, `Enum.MEMBER`, `new Class(...)`). */
const CLASSES: { [name: string]: any } = {
  Backend,
  BackendTlsPolicy,
  CaCertificateRef,
  CanaryRoute,
  CertificateRef,
  CookieLifetime,
  CorsMethod,
  Duration,
  GrpcMethodMatch,
  GrpcRouteFilter,
  HeaderMatch,
  HttpMethod,
  HttpPathModifier,
  HttpRouteFilter,
  Listener,
  PathMatch,
  PlatformGateway,
  PolicyTarget,
  QueryParamMatch,
  RedirectScheme,
  RedirectStatusCode,
  ReferenceGrant,
  RouteKind,
  RouteNamespaces,
  SessionPersistence,
  TeamGrpcRoute,
  TeamRoute,
  TeamTcpRoute,
  TeamTlsRoute,
  TeamUdpRoute,
  WellKnownCaCertificates,
};

/**
 * Ingresses (ingress-nginx or Traefik annotations) and Traefik IngressRoutes kept as manifests in a cdk8s app,
 * turned into this library's constructs at construction, for apps that migrate step by step.
 *
 * The same engine and the same plan as `cdk8s-gateway-api migrate --output typescript`: the constructs synthesize
 * exactly what the CLI's YAML output holds. With `gateway`, the routes attach to it; without, the Gateways are
 * generated as `PlatformGateway`s. Routes are `TeamRoute`s (`CanaryRoute` for a weighted split of two backends),
 * `TeamGrpcRoute`s, `TeamTlsRoute`s, `TeamTcpRoute`s or `TeamUdpRoute`s; BackendTLSPolicies and the ReferenceGrants
 * of cross-namespace references are created too. Every construct sets its namespace (the source object's).
 *
 * ```ts
 * // objects: the parsed manifests of the Ingresses to keep (Ingresses, IngressClasses, Services, Traefik objects)
 * IngressMigration.fromManifests(chart, 'legacy', objects, { gateway: sharedGateway });
 * ```
 */
export class IngressMigration extends Construct {
  /**
   * Migrates `objects` (parsed manifests: Ingresses, IngressClasses, Services, ConfigMaps, Traefik objects) and
   * creates the constructs of the result under the new construct.
   */
  public static fromManifests(scope: Construct, id: string, objects: any[], options: IngressMigrationOptions = {}): IngressMigration {
    return new IngressMigration(scope, id, objects, options);
  }

  /** The routes created, in the order of the migration's output. */
  public readonly routes: ITeamRoute[] = [];
  /** The Gateways created (none when `gateway` is set). */
  public readonly gateways: PlatformGateway[] = [];
  /** The migration report (what every annotation became, or why not). */
  public readonly report: string;
  /** Whether everything was converted. */
  public readonly complete: boolean;

  private constructor(scope: Construct, id: string, objects: any[], options: IngressMigrationOptions) {
    super(scope, id);
    const where = this.node.path;
    const from = (options.from ?? 'auto') as MigrationSource;
    if (!['auto', 'ingress-nginx', 'traefik', 'ingress'].includes(from)) {
      throw new Error(`${where}: from must be auto, ingress-nginx, traefik or ingress (got "${options.from}")`);
    }
    if (options.gateway && options.gatewayClassName !== undefined) {
      throw new Error(`${where}: set at most one of gateway (attach to it) and gatewayClassName (generate Gateways of that class)`);
    }
    if (!Array.isArray(objects)) throw new Error(`${where}: objects must be an array of parsed manifests`);
    const entryPoints: { [name: string]: { port: number; protocol?: 'tcp' | 'udp' } } = {};
    for (const [name, ep] of Object.entries(options.entryPoints ?? {})) {
      if (!Number.isInteger(ep.port) || ep.port < 1 || ep.port > 65535) throw new Error(`${where}: entryPoints.${name}.port ${ep.port} is not a port (1-65535)`);
      if (ep.protocol !== undefined && ep.protocol !== 'tcp' && ep.protocol !== 'udp') throw new Error(`${where}: entryPoints.${name}.protocol must be tcp or udp (got "${ep.protocol}")`);
      entryPoints[name] = { port: ep.port, ...(ep.protocol ? { protocol: ep.protocol as 'tcp' | 'udp' } : {}) };
    }
    const gateway = options.gateway ? { namespace: options.gateway.gatewayNamespace ?? 'default', name: options.gateway.gatewayName } : undefined;
    const result = migrateManifests(objects, {
      from, entryPoints, ...(gateway ? { gateway } : {}), ...(options.gatewayClassName ? { gatewayClassName: options.gatewayClassName } : {}),
    });
    this.report = formatMigrationReport(result);
    this.complete = result.complete;
    if (!result.complete && options.failOnNotConverted !== false) {
      throw new Error(`${where}: not everything could be converted (set failOnNotConverted: false to accept):\n${this.report}`);
    }
    this.build(planOf(result.manifests), options.gateway);
  }

  /** Executes the plan: one scope per namespace under this construct, the given Gateway for the imported one. */
  private build(plan: L2Statement[], gateway: IGateway | undefined): void {
    const vars = new Map<string, unknown>();
    for (const s of plan) {
      switch (s.op) {
        case 'import-gateway':
          vars.set(s.bind, gateway ?? PlatformGateway.fromGatewayName(this, `gateway-${s.namespace}-${s.name}`, s.name, {
            namespace: s.namespace, ...(s.listeners ? { listeners: s.listeners.map((l) => buildValue(l, CLASSES, vars)) } : {}),
          }));
          break;
        case 'chart':
          vars.set(s.bind, new Construct(this, s.namespace));
          break;
        case 'new': {
          const scope = vars.get(s.chart) as Construct;
          const made = new CLASSES[s.cls](scope, s.id, buildValue(s.props, CLASSES, vars));
          vars.set(s.bind, made);
          if (made instanceof PlatformGateway) this.gateways.push(made);
          else if (s.cls in ROUTE_CLASSES) this.routes.push(made);
          break;
        }
        case 'call': {
          const target = vars.get(s.target) as any;
          target[s.method](...s.args.map((a) => buildValue(a, CLASSES, vars)));
          break;
        }
      }
    }
  }
}

const ROUTE_CLASSES = { TeamRoute: 1, CanaryRoute: 1, TeamGrpcRoute: 1, TeamTlsRoute: 1, TeamTcpRoute: 1, TeamUdpRoute: 1 };

/** @internal the classes and enums a plan may name (a test checks that every plan of the fixtures can be built) */
export const _INGRESS_MIGRATION_CLASSES = Object.keys(CLASSES);
