import { Construct } from 'constructs';
import { _touch } from '../core/epoch';
import { Backend } from '../team/backend';
import { HttpRouteFilter } from '../team/filters';
import { HttpRouteRule, HttpRouteTimeouts, TeamRoute, TeamRouteProps } from '../team/http-route';
import { HeaderMatch, HttpRouteMatch } from '../team/matches';
import { checkInteger, checkWeight, fail } from '../team/private/validate';

/**
 * The weights of a canary split.
 */
export interface CanaryWeights {
  /** The weight of the stable backend. */
  readonly stable: number;
  /** The weight of the canary backend. */
  readonly canary: number;
}

/**
 * Properties of a `CanaryRoute`.
 */
export interface CanaryRouteProps extends TeamRouteProps {
  /** The backend of the current release. Its weight is set by the route (`stableWeight`), not on the backend. */
  readonly stable: Backend;

  /** The backend of the new release. Its weight is set by the route (`canaryWeight`), not on the backend. */
  readonly canary: Backend;

  /**
   * The weight of the stable backend (0–1,000,000). The traffic share is weight / (stableWeight + canaryWeight).
   * @default 100
   */
  readonly stableWeight?: number;

  /**
   * The weight of the canary backend (0–1,000,000).
   * @default 0 (no canary traffic yet)
   */
  readonly canaryWeight?: number;

  /**
   * The requests the canary rule handles.
   * @default - every request (`PathPrefix /`)
   */
  readonly matches?: HttpRouteMatch[];

  /**
   * Filters of the canary rule (and of the header rule). Support: Core.
   * @default - none
   */
  readonly filters?: HttpRouteFilter[];

  /**
   * Timeouts of the canary rule (and of the header rule). Support: Extended.
   * @default - implementation-specific
   */
  readonly timeouts?: HttpRouteTimeouts;

  /**
   * The name of the weighted rule (`rules[].name`), for people and tools that look for it.
   * @default "canary"
   */
  readonly ruleName?: string;

  /**
   * A header that sends a request to the canary whatever the weights, e.g. `HeaderMatch.exact('x-canary', 'always')`.
   * It adds a second rule, with the same matches plus this header, that only has the canary backend; having one
   * header match more than the weighted rule, it takes precedence (Gateway API match precedence).
   *
   * Leave it unset when Argo Rollouts manages the weights: its Gateway API plugin sets the weight of every
   * backendRef named like the canary Service, including this rule's; use its `setHeaderRoute` step instead.
   * @default - no header rule
   */
  readonly canaryHeader?: HeaderMatch;

  /**
   * The name of the header rule.
   * @default - `<ruleName>-header`
   */
  readonly canaryHeaderRuleName?: string;
}

/**
 * An HTTPRoute for canary releases: one named rule splits traffic between a stable and a canary backend by
 * weight, and an optional header rule sends chosen requests (e.g. `x-canary: always`) to the canary only.
 *
 * ```ts
 * const stableBackend = Backend.fromService(stableService);
 * const canaryBackend = Backend.fromService(canaryService);
 * const route = new CanaryRoute(chart, 'checkout', {
 *   parents: [gateway],
 *   hostnames: ['checkout.example.com'],
 *   stable: stableBackend,
 *   canary: canaryBackend,
 *   canaryHeader: HeaderMatch.exact('x-canary', 'always'),
 * });
 * route.updateCanaryPercent(5); // 95 / 5
 * ```
 *
 * It is a `TeamRoute`, so it attaches, validates and grants like one, and more rules can be added.
 *
 * Progressive-delivery tools: the Argo Rollouts Gateway API plugin is configured with the route's name
 * (`routeName`) and finds the weighted backends by the Rollout's `stableService` / `canaryService` names, setting
 * canary = w and stable = 100 − w (the same numbers as `updateCanaryPercent(w)`). Flagger generates and owns its
 * own HTTPRoute, so it does not use this construct.
 */
export class CanaryRoute extends TeamRoute {
  /** The stable backend (without weight). */
  public readonly stable: Backend;

  /** The canary backend (without weight). */
  public readonly canary: Backend;

  /** The weighted rule. */
  public readonly canaryRule: HttpRouteRule;

  /**
   * The header rule that always routes to the canary.
   * @default - none
   */
  public readonly canaryHeaderRule?: HttpRouteRule;

  private _stableWeight: number;
  private _canaryWeight: number;

  public constructor(scope: Construct, id: string, props: CanaryRouteProps) {
    super(scope, id, { ...props, rules: undefined });
    _touch();
    const where = this.node.path;
    for (const [role, backend] of [['stable', props.stable], ['canary', props.canary]] as const) {
      if (backend.weight !== undefined) {
        fail(where, `the ${role} backend "${backend.name}" has weight ${backend.weight}: a CanaryRoute sets the weights itself; ` +
          `use ${role}Weight (or updateWeights()) instead.`);
      }
    }
    if (props.stable._key(this.routeNamespace) === props.canary._key(this.routeNamespace)) {
      fail(where, `stable and canary are the same backend ("${props.stable.name}"): point the canary at the new release's Service.`);
    }
    this.stable = props.stable;
    this.canary = props.canary;
    this._stableWeight = props.stableWeight ?? 100;
    this._canaryWeight = props.canaryWeight ?? 0;
    this.checkWeights(where, this._stableWeight, this._canaryWeight);

    const ruleName = props.ruleName ?? 'canary';
    if (props.canaryHeader) {
      const base = props.matches && props.matches.length > 0 ? props.matches : [{}];
      this.canaryHeaderRule = this.addRule({
        name: props.canaryHeaderRuleName ?? `${ruleName}-header`,
        matches: base.map((m) => ({ ...m, headers: [...(m.headers ?? []), props.canaryHeader!] })),
        filters: props.filters,
        timeouts: props.timeouts,
        backendRefs: [props.canary],
      });
    }
    this.canaryRule = this.addRule({
      name: ruleName,
      matches: props.matches,
      filters: props.filters,
      timeouts: props.timeouts,
      backendRefs: [props.stable.withWeight(this._stableWeight), props.canary.withWeight(this._canaryWeight)],
    });
    for (const r of props.rules ?? []) this.addRule(r);
  }

  /** The current weights of the stable and canary backends. */
  public get weights(): CanaryWeights {
    return { stable: this._stableWeight, canary: this._canaryWeight };
  }

  /**
   * Sends `percent` (0–100) of the weighted rule's traffic to the canary: stable weight 100 − percent, canary
   * weight percent (the numbers Argo Rollouts writes for `setWeight: percent`).
   */
  public updateCanaryPercent(percent: number): void {
    _touch();
    checkInteger(`${this.node.path}: updateCanaryPercent(${percent})`, 'percent', percent, 0, 100);
    this.updateWeights(100 - percent, percent);
  }

  /**
   * Sets both weights (each 0–1,000,000, at least one above 0), e.g. `updateWeights(900, 100)`; to change only the
   * canary weight: `updateWeights(route.weights.stable, w)`.
   */
  public updateWeights(stableWeight: number, canaryWeight: number): void {
    _touch();
    this.checkWeights(`${this.node.path}: updateWeights(${stableWeight}, ${canaryWeight})`, stableWeight, canaryWeight);
    this._stableWeight = stableWeight;
    this._canaryWeight = canaryWeight;
    this.canaryRule._setBackendWeight(0, stableWeight);
    this.canaryRule._setBackendWeight(1, canaryWeight);
  }

  private checkWeights(where: string, stable: number, canary: number): void {
    checkWeight(`${where}: stable`, stable);
    checkWeight(`${where}: canary`, canary);
    if (stable === 0 && canary === 0) {
      fail(where, 'stable and canary weights are both 0, so no request would be served: give one of them a weight above 0 ' +
        '(e.g. updateCanaryPercent(0) for all traffic on stable).');
    }
  }
}
