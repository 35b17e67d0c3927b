/**
 * Public (jsii) types of the attachment analysis: options, findings and per-route results.
 */

/** How serious a finding is. */
export enum FindingSeverity {
  /** The object would not work as written: a route not Accepted or not ResolvedRefs, an invalid listener. */
  ERROR = 'error',
  /** The object works, but probably not as intended: a shadowed rule, two teams claiming the same path. */
  WARNING = 'warning',
}

/** What to conclude about a referent (Service, Secret, ConfigMap, GatewayClass, parent) that is not in the input. */
export enum MissingReferencePolicy {
  /**
   * The input is the whole world: a referent that is neither in the input nor in `externalObjects` does not exist
   * (`BackendNotFound`, `InvalidCertificateRef`, missing parent or GatewayClass findings).
   */
  ERROR = 'error',
  /**
   * The input is partial: a referent that is not in the input is assumed to exist, unless its namespace is
   * `completeNamespaces`, in which case it is reported as missing.
   */
  UNKNOWN = 'unknown',
}

/**
 * An object declared as owned elsewhere: it counts as existing even though it is not in the input.
 */
export interface ExternalObject {
  /**
   * API group of the object; `""` for the core group (Service, Secret, ConfigMap, Namespace).
   * @default ""
   */
  readonly group?: string;

  /** Kind of the object, e.g. `Service`, `Secret`, `GatewayClass`. */
  readonly kind: string;

  /** Name of the object. */
  readonly name: string;

  /**
   * Namespace of the object (ignored for cluster-scoped kinds).
   * @default - the analysis' `defaultNamespace`
   */
  readonly namespace?: string;
}

/** Options of an analysis. */
export interface AnalysisOptions {
  /**
   * The namespace of objects whose `metadata.namespace` is unset (what `kubectl apply` would use).
   * @default "default"
   */
  readonly defaultNamespace?: string;

  /**
   * Whether referents missing from the input are errors or unknown.
   * @default MissingReferencePolicy.ERROR
   */
  readonly missingReferences?: MissingReferencePolicy;

  /**
   * With `MissingReferencePolicy.UNKNOWN`: namespaces whose objects are all in the input, so a referent missing
   * there is reported as missing (`BackendNotFound`, `InvalidCertificateRef`).
   * @default - none
   */
  readonly completeNamespaces?: string[];

  /**
   * Objects owned elsewhere (another team, another pipeline): they count as existing.
   * @default - none
   */
  readonly externalObjects?: ExternalObject[];

  /**
   * `lastTransitionTime` written into every predicted condition. Fixed so the output is deterministic.
   * @default "1970-01-01T00:00:00Z"
   */
  readonly lastTransitionTime?: string;
}

/** A reference to an object of the input. */
export interface AnalysisObjectRef {
  /** API group (`""` for the core group). */
  readonly group: string;
  /** Kind, e.g. `HTTPRoute`. */
  readonly kind: string;
  /** Name. */
  readonly name: string;
  /**
   * Namespace (after defaulting).
   * @default - cluster-scoped
   */
  readonly namespace?: string;
}

/** A route's parentRef, after defaulting (group, kind and namespace filled in). */
export interface AnalysisParentRef {
  /** API group of the parent. */
  readonly group: string;
  /** Kind of the parent (`Gateway` or `ListenerSet`). */
  readonly kind: string;
  /** Name of the parent. */
  readonly name: string;
  /** Namespace of the parent. */
  readonly namespace: string;
  /**
   * The listener name asked for.
   * @default - every listener
   */
  readonly sectionName?: string;
  /**
   * The port asked for.
   * @default - every port
   */
  readonly port?: number;
}

/** One problem found by the analysis. */
export interface AnalysisFinding {
  /** Error or warning. */
  readonly severity: FindingSeverity;
  /** The object the finding is about. */
  readonly objectRef: AnalysisObjectRef;
  /**
   * The parentRef concerned (route findings).
   * @default - not about a parentRef
   */
  readonly parentRef?: AnalysisParentRef;
  /**
   * The listener concerned, as `namespace/gateway/listener` (or `namespace/listenerset/listener`).
   * @default - not about one listener
   */
  readonly listener?: string;
  /**
   * The condition type, as written in status (`Accepted`, `ResolvedRefs`, `Conflicted`, ...), or `Shadowed` for
   * the analysis-only rule overlap warnings (never written into status).
   */
  readonly conditionType: string;
  /** The condition reason, e.g. `NotAllowedByListeners`. */
  readonly reason: string;
  /** What is wrong, with the listener(s) considered. */
  readonly message: string;
  /**
   * How to fix it.
   * @default - no suggestion
   */
  readonly fix?: string;
}

/** The predicted attachment of one route to one of its parents. */
export interface RouteParentResult {
  /** The route. */
  readonly route: AnalysisObjectRef;
  /** The parentRef (defaulted). */
  readonly parentRef: AnalysisParentRef;
  /** The controller that would write this status (from the GatewayClass, or `unknown-controller/<class>`). */
  readonly controllerName: string;
  /** Status of the `Accepted` condition: `True`, `False` or `Unknown`. */
  readonly accepted: string;
  /** Reason of the `Accepted` condition. */
  readonly acceptedReason: string;
  /** Status of the `ResolvedRefs` condition. */
  readonly resolvedRefs: string;
  /** Reason of the `ResolvedRefs` condition. */
  readonly resolvedRefsReason: string;
  /** The listeners the route attaches to (`namespace/owner/listener`); empty when not accepted. */
  readonly attachedListeners: string[];
  /**
   * Whether the parent is not in the input (no status is written then: no controller would see it).
   */
  readonly parentMissing: boolean;
}
