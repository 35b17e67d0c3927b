import { IConstruct } from 'constructs';

/**
 * The objects a ReferenceGrant trusts: every object of `kind` (in `group`) in `namespace`.
 */
export interface ReferenceGrantFrom {
  /**
   * API group of the referring objects, e.g. `gateway.networking.k8s.io` for routes and Gateways.
   */
  readonly group: string;

  /** Kind of the referring objects, e.g. `HTTPRoute` or `Gateway`. */
  readonly kind: string;

  /** Namespace of the referring objects. */
  readonly namespace: string;
}

/**
 * The objects in the grant's own namespace that may be referred to.
 */
export interface ReferenceGrantTo {
  /**
   * API group of the referent; `""` for the core group (Service, Secret).
   */
  readonly group: string;

  /** Kind of the referent, e.g. `Service` or `Secret`. */
  readonly kind: string;

  /**
   * Name of the referent. Always name it: leaving it out grants access to every object of the kind in the namespace.
   * @default - every object of the kind (not least privilege)
   */
  readonly name?: string;
}

/**
 * A cross-namespace reference that a ReferenceGrant may allow.
 */
export interface GrantedReference {
  /** API group of the referrer, e.g. `gateway.networking.k8s.io`. */
  readonly fromGroup: string;
  /** Kind of the referrer, e.g. `HTTPRoute`. */
  readonly fromKind: string;
  /** Namespace of the referrer. */
  readonly fromNamespace: string;
  /** API group of the referent; `""` for the core group. */
  readonly toGroup: string;
  /** Kind of the referent, e.g. `Service`. */
  readonly toKind: string;
  /** Name of the referent. */
  readonly toName: string;
  /** Namespace of the referent. */
  readonly toNamespace: string;
}

/**
 * A ReferenceGrant known to this app, created here or declared as existing elsewhere.
 */
export interface IReferenceGrant extends IConstruct {
  /** The name of the ReferenceGrant. */
  readonly name: string;

  /**
   * The namespace of the ReferenceGrant.
   * @default - no namespace (the namespace of the kubectl context at apply time)
   */
  readonly namespace?: string;

  /** Whether this grant allows `reference` (its referent namespace must be the grant's namespace). */
  allows(reference: GrantedReference): boolean;
}
