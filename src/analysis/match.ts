/**
 * Hostname intersection and label selectors, as the Gateway API spec defines them. Internal.
 */

/**
 * The hostnames a route gets on a listener: the intersection of the listener's hostname and the route's hostnames.
 *
 * - No listener hostname: the route's hostnames (or `*` when it has none).
 * - No route hostnames: the listener's hostname.
 * - A wildcard `*.example.com` matches one or more labels in front of `example.com` (not `example.com` itself).
 * - Two wildcards intersect in the more specific one.
 *
 * Returns an empty list when nothing intersects.
 * @internal
 */
export function _intersectHostnames(listenerHostname: string | undefined, routeHostnames: string[] | undefined): string[] {
  const route = routeHostnames && routeHostnames.length > 0 ? routeHostnames : undefined;
  if (!listenerHostname) return route ? [...route] : ['*'];
  if (!route) return [listenerHostname];
  const out: string[] = [];
  for (const h of route) {
    const i = _intersectHostname(listenerHostname, h);
    if (i !== undefined && !out.includes(i)) out.push(i);
  }
  return out;
}

/** @internal */
export function _intersectHostname(a: string, b: string): string | undefined {
  const aw = a.startsWith('*.');
  const bw = b.startsWith('*.');
  if (!aw && !bw) return a === b ? a : undefined;
  if (aw && !bw) return b.endsWith(a.slice(1)) ? b : undefined;
  if (!aw && bw) return a.endsWith(b.slice(1)) ? a : undefined;
  // both wildcards: the more specific one, if one contains the other
  if (a === b) return a;
  if (a.endsWith(b.slice(1))) return a;
  if (b.endsWith(a.slice(1))) return b;
  return undefined;
}

/** A Kubernetes LabelSelector (matchLabels + matchExpressions). @internal */
export interface _LabelSelector {
  matchLabels?: { [key: string]: string };
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/**
 * Whether `labels` match `selector`. An empty selector matches everything (Kubernetes semantics).
 * @internal
 */
export function _selectorMatches(selector: _LabelSelector | undefined, labels: { [key: string]: string }): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== v) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false; // unknown operator: the API server would have rejected it; select nothing
    }
  }
  return true;
}

/** A human rendering of a selector, for messages. @internal */
export function _describeSelector(selector: _LabelSelector | undefined): string {
  if (!selector) return '{}';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) parts.push(`${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${(e.values ?? []).join(',')})`);
  }
  return `{${parts.join(', ')}}`;
}
