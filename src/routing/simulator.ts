import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { routingFindingsOf } from './findings';
import { buildRoutingIndex, RoutingIndex } from './index-build';
import { RoutingResult } from './result';
import { simulateRequest } from './simulate';
import { RoutingOptions, RoutingRequest } from './types';
import { AnalysisFinding, MissingReferencePolicy } from '../analysis/types';
import { _grantRegistry } from '../grants/registry';

/**
 * Predicts what a conformant Gateway API v1.6.1 implementation does with a request, before anything is applied:
 * which Gateway and listener accept the connection, which route and rule match, what the filters do (redirects,
 * rewrites, header changes, mirrors, CORS) and which backends get it, with their shares.
 *
 * Only the routes (and parentRefs) that the attachment analysis (`GatewayApiAnalyzer`) predicts as Accepted take
 * part. The index is built once; the cost of a request does not grow with the number of routes.
 *
 * ```ts
 * const sim = RoutingSimulator.fromManifests(objects);
 * const result = sim.simulate({ host: 'store.example.com', path: '/api/items', scheme: 'https' });
 * const status = result.statusCode; // 200: forwarded; 404: no route matches; 500: invalid backend
 * const backends = result.backends; // where the request can go, with their shares
 * const steps = result.explanation; // every decision, in plain words
 * ```
 */
export class RoutingSimulator {
  /**
   * A simulator over plain manifest objects (parsed YAML, or the `toJson()` of ApiObjects).
   *
   * Referents missing from the input are errors by default (`missingReferences: MissingReferencePolicy.ERROR`):
   * a backend Service that is not in the input is `BackendNotFound` and its share of the requests gets 500.
   */
  public static fromManifests(objects: any[], options: RoutingOptions = {}): RoutingSimulator {
    if (!Array.isArray(objects)) throw new Error('RoutingSimulator.fromManifests: objects must be an array of manifest objects');
    return new RoutingSimulator(objects, options);
  }

  /**
   * A simulator over every ApiObject of the App of `scope` (each object's `toJson()`), plus the ReferenceGrants
   * declared with `ReferenceGrant.fromReferenceGrantName`.
   *
   * Unlike `fromManifests`, `missingReferences` defaults to `MissingReferencePolicy.UNKNOWN` (an App rarely holds
   * every Service it routes to): a Service missing from the App is assumed to exist.
   */
  public static fromApp(scope: IConstruct, options: RoutingOptions = {}): RoutingSimulator {
    const objects: any[] = [];
    for (const c of scope.node.root.node.findAll()) {
      if (c instanceof ApiObject) objects.push(c.toJson());
    }
    objects.push(..._grantRegistry(scope).existingManifests);
    return new RoutingSimulator(objects, { ...options, missingReferences: options.missingReferences ?? MissingReferencePolicy.UNKNOWN });
  }

  private readonly index: RoutingIndex;

  private constructor(objects: any[], options: RoutingOptions) {
    this.index = buildRoutingIndex(objects, options);
  }

  /** The number of routes with at least one Accepted parentRef (the routes that take part). */
  public get routeCount(): number {
    return this.index.routeCount;
  }

  /**
   * Simulates one request. Never throws for a malformed request: the result's `error` says what is wrong.
   */
  public simulate(request: RoutingRequest): RoutingResult {
    return simulateRequest(this.index, request);
  }

  /**
   * Routing warnings, in the shape of the analysis findings: rules no request can reach (every request they match
   * is taken first by a rule of higher precedence, in the same route or another team's) and hostnames that
   * listeners of two Gateways both claim.
   */
  public findings(): AnalysisFinding[] {
    return routingFindingsOf(this.index);
  }

  /** Simulates several requests, in order. */
  public simulateAll(requests: RoutingRequest[]): RoutingResult[] {
    return requests.map((r) => simulateRequest(this.index, r));
  }
}
