/**
 * Kubernetes label selectors (`matchLabels` + `matchExpressions`), as `allowedRoutes.namespaces.selector` and
 * `allowedListeners.namespaces.selector` use them.
 *
 * Pure: no imports from the project.
 */
import { NAMESPACE_NAME_LABEL } from './names';

/** One `matchExpressions` entry; `operator` is `In`, `NotIn`, `Exists` or `DoesNotExist`. */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

/** A Kubernetes LabelSelector. */
export interface LabelSelector {
  readonly matchLabels?: { readonly [key: string]: string };
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** What is known about an object's labels. */
export interface KnownLabels {
  readonly labels: { readonly [key: string]: string };
  /**
   * True when every label is known (the object is in the input); false when only some are (e.g. a namespace that
   * is not in the input, of which only `kubernetes.io/metadata.name` is known).
   */
  readonly complete: boolean;
}

/**
 * Whether labels match `selector` (Kubernetes semantics): true, false, or undefined when it depends on labels that
 * are not known (`known.complete` false and a key absent from `known.labels`).
 *
 * - An empty selector (or none) matches everything.
 * - `In` needs the key with one of the values; `NotIn` matches when the key is absent or has none of the values;
 *   `Exists` / `DoesNotExist` test the key only.
 * - An unknown operator matches nothing (the API server rejects such selectors).
 */
export function matchLabelSelector(selector: LabelSelector | undefined, known: KnownLabels): boolean | undefined {
  if (!selector) return true;
  let unknown = false;
  const labels = known.labels;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  const test = (k: string, ifPresent: (v: string) => boolean, ifAbsent: boolean): boolean | undefined => {
    if (has(k)) return ifPresent(labels[k]);
    return known.complete ? ifAbsent : undefined;
  };
  const verdict = (r: boolean | undefined): boolean => {
    if (r === undefined) unknown = true;
    return r === false;
  };
  for (const k of Object.keys(selector.matchLabels ?? {})) {
    const v = selector.matchLabels![k];
    if (verdict(test(k, (x) => x === v, false))) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const values = e.values ?? [];
    let r: boolean | undefined;
    switch (e.operator) {
      case 'In': r = test(e.key, (x) => values.includes(x), false); break;
      case 'NotIn': r = test(e.key, (x) => !values.includes(x), true); break;
      case 'Exists': r = test(e.key, () => true, false); break;
      case 'DoesNotExist': r = test(e.key, () => false, true); break;
      default: r = false; break;
    }
    if (verdict(r)) return false;
  }
  return unknown ? undefined : true;
}

/** Whether the (completely known) `labels` match `selector`. */
export function labelsMatch(selector: LabelSelector | undefined, labels: { readonly [key: string]: string }): boolean {
  return matchLabelSelector(selector, { labels, complete: true }) === true;
}

/**
 * The labels of namespace `name`: its own (when known) plus `kubernetes.io/metadata.name`, which Kubernetes sets on
 * every namespace.
 */
export function namespaceLabels(name: string, labels?: { readonly [key: string]: string }): { [key: string]: string } {
  return { ...(labels ?? {}), [NAMESPACE_NAME_LABEL]: name };
}

/**
 * The namespace names a selector selects when it only constrains `kubernetes.io/metadata.name` with equality or
 * `In` (as `RouteNamespaces.named()` writes it); undefined when it selects by other labels.
 */
export function selectedNamespaceNames(selector: LabelSelector): string[] | undefined {
  const labelKeys = Object.keys(selector.matchLabels ?? {});
  const exprs = selector.matchExpressions ?? [];
  if (labelKeys.some((k) => k !== NAMESPACE_NAME_LABEL)) return undefined;
  if (exprs.some((e) => e.key !== NAMESPACE_NAME_LABEL || e.operator !== 'In')) return undefined;
  let names: string[] | undefined;
  if (labelKeys.length > 0) names = [selector.matchLabels![NAMESPACE_NAME_LABEL]];
  for (const e of exprs) names = names ? names.filter((n) => (e.values ?? []).includes(n)) : [...(e.values ?? [])];
  return names;
}
