import { IConstruct } from 'constructs';
import type { GrantedReference, IReferenceGrant, ReferenceGrantFrom, ReferenceGrantTo } from './grant-types';
import { _touch } from '../core/epoch';
import { grantAllows } from '../core/spec/grants';

/**
 * The ReferenceGrants known to one app (created in it or declared as existing) and the automatic grants it made.
 * Internal: reached through `_grantRegistry(scope)`.
 * @internal
 */
export class _GrantRegistry {
  public readonly grants: IReferenceGrant[] = [];
  /** Automatic grants by their key (see `_grantKey`). */
  public readonly autoGrants = new Map<string, IReferenceGrant>();
  /**
   * Manifests of the grants declared with `ReferenceGrant.fromReferenceGrantName()`: not synthesized, but the attachment
   * analysis counts them as present in the cluster.
   */
  public readonly existingManifests: any[] = [];

  public addGrant(grant: IReferenceGrant): void {
    this.grants.push(grant);
    _touch();
  }

  /** The first known grant that allows `ref`. */
  public findGrant(ref: GrantedReference): IReferenceGrant | undefined {
    return this.grants.find((g) => g.allows(ref));
  }
}

const REGISTRIES = new WeakMap<IConstruct, _GrantRegistry>();

/**
 * The grant registry of the app that `scope` belongs to.
 * @internal
 */
export function _grantRegistry(scope: IConstruct): _GrantRegistry {
  const root = scope.node.root;
  let registry = REGISTRIES.get(root);
  if (!registry) {
    registry = new _GrantRegistry();
    REGISTRIES.set(root, registry);
  }
  return registry;
}

/**
 * Whether a grant in `grantNamespace` with these from/to entries allows `ref`, with the spec's matching rules:
 * from matches group, kind and namespace exactly; to matches group and kind, and the name when the entry has one.
 * @internal
 */
export function _grantAllows(
  grantNamespace: string | undefined, from: ReferenceGrantFrom[], to: ReferenceGrantTo[], ref: GrantedReference,
): boolean {
  return grantAllows({ namespace: grantNamespace ?? '', from, to }, ref);
}
