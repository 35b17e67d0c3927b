/**
 * Reference permission (Gateway API v1.6.1 ReferenceGrant): whether a reference from an object of
 * (group, kind, namespace) to an object of (group, kind, namespace, name) in another namespace is allowed.
 *
 * - A reference within one namespace needs no grant.
 * - A grant lives in the referent's namespace; a `from` entry matches group, kind and namespace exactly; a `to`
 *   entry matches group and kind, and the name when it has one (no name: every object of that kind).
 *
 * Pure: no imports from the project.
 */

/** One `spec.from` entry. */
export interface GrantFrom {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
}

/** One `spec.to` entry; no `name` allows every object of the kind. */
export interface GrantTo {
  readonly group: string;
  readonly kind: string;
  readonly name?: string;
}

/** A ReferenceGrant as plain data. */
export interface Grant {
  /** The grant's own namespace (the referents' namespace). */
  readonly namespace: string;
  readonly from: readonly GrantFrom[];
  readonly to: readonly GrantTo[];
}

/** A reference from one object to another. */
export interface Reference {
  readonly fromGroup: string;
  readonly fromKind: string;
  readonly fromNamespace: string;
  readonly toGroup: string;
  readonly toKind: string;
  readonly toNamespace: string;
  readonly toName: string;
}

/** Whether `grant` allows `ref` (regardless of whether the reference crosses namespaces). */
export function grantAllows(grant: Grant, ref: Reference): boolean {
  if (grant.namespace !== ref.toNamespace) return false;
  const fromOk = grant.from.some((f) => f.group === ref.fromGroup && f.kind === ref.fromKind && f.namespace === ref.fromNamespace);
  const toOk = grant.to.some((t) => t.group === ref.toGroup && t.kind === ref.toKind && (t.name === undefined || t.name === '' || t.name === ref.toName));
  return fromOk && toOk;
}

/** Whether `ref` is permitted: within one namespace, or allowed by one of `grants`. */
export function referencePermitted(grants: Iterable<Grant>, ref: Reference): boolean {
  if (ref.fromNamespace === ref.toNamespace) return true;
  for (const g of grants) if (grantAllows(g, ref)) return true;
  return false;
}

/**
 * An index of grants for many lookups (the analysis checks every backendRef and certificateRef): O(1) per reference.
 */
export class GrantIndex {
  private static key(...parts: string[]): string {
    return parts.join('\u0000');
  }

  private readonly keys = new Set<string>();

  /** Adds a grant. */
  public add(grant: Grant): void {
    for (const f of grant.from) {
      for (const t of grant.to) {
        this.keys.add(GrantIndex.key(f.group, f.kind, f.namespace, grant.namespace, t.group, t.kind, t.name ? t.name : '*'));
      }
    }
  }

  /** Whether `ref` is permitted (same namespace, or a grant added here allows it). */
  public permits(ref: Reference): boolean {
    if (ref.fromNamespace === ref.toNamespace) return true;
    const base = GrantIndex.key(ref.fromGroup, ref.fromKind, ref.fromNamespace, ref.toNamespace, ref.toGroup, ref.toKind, '');
    return this.keys.has(base + ref.toName) || this.keys.has(base + '*');
  }
}

/** A ReferenceGrant manifest as plain data (missing groups are the core group). */
export function grantOfManifest(obj: any, namespace: string): Grant {
  const from: GrantFrom[] = [];
  const to: GrantTo[] = [];
  for (const f of Array.isArray(obj?.spec?.from) ? obj.spec.from : []) {
    from.push({ group: String(f?.group ?? ''), kind: String(f?.kind), namespace: String(f?.namespace) });
  }
  for (const t of Array.isArray(obj?.spec?.to) ? obj.spec.to : []) {
    to.push({ group: String(t?.group ?? ''), kind: String(t?.kind), ...(t?.name ? { name: String(t.name) } : {}) });
  }
  return { namespace, from, to };
}
