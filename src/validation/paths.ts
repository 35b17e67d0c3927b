/**
 * Field paths in the API server's notation: `spec.rules[0].matches[1].path.value`, map keys in brackets
 * (`metadata.labels[app.kubernetes.io/name]`).
 */

/** A map key segment (as opposed to a declared property name). */
export interface MapKey {
  readonly key: string;
}

/** One step of a path: a property name, a list index or a map key. */
export type PathSegment = string | number | MapKey;

/** Formats segments like k8s.io/apimachinery field.Path.String(). */
export function formatPath(segs: readonly PathSegment[]): string {
  let out = '';
  for (const s of segs) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string') out += out.length === 0 ? s : `.${s}`;
    else out += `[${s.key}]`;
  }
  return out;
}

/**
 * Orders two paths segment by segment: list indices numerically, names and keys alphabetically, a parent before
 * its children. Gives errors a deterministic, document-like order.
 */
export function comparePaths(a: readonly PathSegment[], b: readonly PathSegment[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x - y;
      continue;
    }
    const xs = typeof x === 'number' ? String(x) : typeof x === 'string' ? x : x.key;
    const ys = typeof y === 'number' ? String(y) : typeof y === 'string' ? y : y.key;
    if (xs !== ys) return xs < ys ? -1 : 1;
  }
  return a.length - b.length;
}
