import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { buildPlan, checkBuildable, rulePlan } from './emit-typescript';
import { formatMigrationReport, migrateManifests, MigrationSource } from './migrate';
import { IRouteParent } from '../core/route-parent';
import { Backend } from '../team/backend';
import { HttpPathModifier, HttpRouteFilter } from '../team/filters';
import { TeamRoute } from '../team/http-route';
import { HeaderMatch, PathMatch } from '../team/matches';

/** Options of `IngressMigration.fromManifests`. */
export interface IngressMigrationOptions {
  /**
   * The Gateway the migrated routes attach to: a `PlatformGateway` of this app, or one referenced with
   * `PlatformGateway.fromGatewayName`.
   */
  readonly gateway: IRouteParent;

  /**
   * How the Ingresses are read: `auto` (by IngressClass controller and annotations), `ingress-nginx`, `traefik` or
   * `ingress` (plain Ingress fields only).
   * @default 'auto'
   */
  readonly from?: string;

  /**
   * Fail when an annotation, field or middleware could not be converted (the error lists them).
   * @default true
   */
  readonly failOnNotConverted?: boolean;
}

const FACTORIES: { [name: string]: (...args: any[]) => any } = {
  'PathMatch.exact': (p: string) => PathMatch.exact(p),
  'PathMatch.prefix': (p: string) => PathMatch.prefix(p),
  'HeaderMatch.exact': (n: string, v: string) => HeaderMatch.exact(n, v),
  'HttpPathModifier.replaceFullPath': (p: string) => HttpPathModifier.replaceFullPath(p),
  'HttpPathModifier.replacePrefixMatch': (p: string) => HttpPathModifier.replacePrefixMatch(p),
  'HttpRouteFilter.requestHeaderModifier': (o: any) => HttpRouteFilter.requestHeaderModifier(o),
  'HttpRouteFilter.responseHeaderModifier': (o: any) => HttpRouteFilter.responseHeaderModifier(o),
  'HttpRouteFilter.requestRedirect': (o: any) => HttpRouteFilter.requestRedirect(o),
  'HttpRouteFilter.urlRewrite': (o: any) => HttpRouteFilter.urlRewrite(o),
  'HttpRouteFilter.cors': (o: any) => HttpRouteFilter.cors(o),
  'HttpRouteFilter.extensionRef': (o: any) => HttpRouteFilter.extensionRef(o),
  'Backend.fromName': (n: string, o: any) => Backend.fromName(n, o),
  'Duration.seconds': (n: number) => Duration.seconds(n),
};

/**
 * Ingresses (ingress-nginx or Traefik annotations) and Traefik IngressRoutes kept as manifests in a cdk8s app,
 * turned into `TeamRoute`s attached to a Gateway at construction, for apps that migrate step by step.
 *
 * The same engine as `cdk8s-gateway-api migrate --gateway ns/name --output typescript`: the routes synthesize
 * exactly what the CLI's YAML output holds. What the TypeScript output cannot express yet (GRPCRoutes, TLSRoutes,
 * BackendTLSPolicies, rule timeouts, sessionPersistence, method/query matches) fails with an error naming the object.
 *
 * ```ts
 * // objects: the parsed manifests of the Ingresses to keep (Ingresses, IngressClasses, Services, Traefik objects)
 * IngressMigration.fromManifests(chart, 'legacy', objects, { gateway: sharedGateway });
 * ```
 */
export class IngressMigration extends Construct {
  /**
   * Migrates `objects` (parsed manifests: Ingresses, IngressClasses, Services, ConfigMaps, Traefik objects) and
   * creates a `TeamRoute` per migrated HTTPRoute under the new construct.
   */
  public static fromManifests(scope: Construct, id: string, objects: any[], options: IngressMigrationOptions): IngressMigration {
    return new IngressMigration(scope, id, objects, options);
  }

  /** The routes created, in the order of the migration's output. */
  public readonly routes: TeamRoute[] = [];
  /** The migration report (what every annotation became, or why not). */
  public readonly report: string;
  /** Whether everything was converted. */
  public readonly complete: boolean;

  private constructor(scope: Construct, id: string, objects: any[], options: IngressMigrationOptions) {
    super(scope, id);
    const from = (options.from ?? 'auto') as MigrationSource;
    if (!['auto', 'ingress-nginx', 'traefik', 'ingress'].includes(from)) {
      throw new Error(`${this.node.path}: from must be auto, ingress-nginx, traefik or ingress (got "${options.from}")`);
    }
    const gateway = { namespace: options.gateway.routeParentNamespace ?? 'default', name: options.gateway.routeParentName };
    const result = migrateManifests(objects, { from, gateway });
    this.report = formatMigrationReport(result);
    this.complete = result.complete;
    if (!result.complete && options.failOnNotConverted !== false) {
      throw new Error(`${this.node.path}: not everything could be converted (set failOnNotConverted: false to accept):\n${this.report}`);
    }
    checkBuildable(result.manifests);
    for (const m of result.manifests) {
      const route = new TeamRoute(this, `${m.metadata.namespace}-${m.metadata.name}`, {
        metadata: { name: m.metadata.name, namespace: m.metadata.namespace },
        ...(m.spec.hostnames ? { hostnames: m.spec.hostnames } : {}),
      });
      for (const p of m.spec.parentRefs) {
        route.attachTo(options.gateway, { ...(p.port ? { port: p.port } : {}), ...(p.sectionName ? { sectionName: p.sectionName } : {}) });
      }
      m.spec.rules.forEach((r: any, i: number) => {
        route.addRule(buildPlan(rulePlan(r, `${m.kind} ${m.metadata.namespace}/${m.metadata.name} rule ${i}`), FACTORIES));
      });
      this.routes.push(route);
    }
  }
}

/** @internal every factory a plan can name has a builder here (a test checks it) */
export const _INGRESS_MIGRATION_FACTORIES = Object.keys(FACTORIES);

