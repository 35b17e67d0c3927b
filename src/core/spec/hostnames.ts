/**
 * Hostnames as the Gateway API matches them (listener `hostname`, route `spec.hostnames`, GEP-2257 wildcards):
 *
 * - A wildcard `*.example.com` matches one or more DNS labels in front of `example.com`, not `example.com` itself.
 * - A listener without a hostname matches every hostname.
 * - A route's effective hostnames on a listener are the intersection of both; two wildcards intersect in the more
 *   specific one.
 * - Between hostnames matching one request, a precise hostname beats a wildcard, and a wildcard with more labels
 *   beats one with fewer.
 *
 * Pure: no imports from the project.
 */

/** Whether `hostname` is a wildcard (`*.example.com`). */
export function isWildcardHostname(hostname: string): boolean {
  return hostname.startsWith('*.');
}

/** Whether `hostname` looks like an IPv4 address (the CRDs reject IPs as hostnames). */
export function isIpv4Like(hostname: string): boolean {
  return /^[0-9]+(\.[0-9]+){3}$/.test(hostname);
}

/** Whether `hostname` looks like an IPv6 address (hex digits, dots and at least two colons). */
export function isIpv6Like(hostname: string): boolean {
  return /^[0-9a-f:.]+$/i.test(hostname) && (hostname.match(/:/g) ?? []).length >= 2;
}

/**
 * Whether `pattern` (a precise hostname or a `*.` wildcard) matches the precise `host`.
 * `*.example.com` matches `a.example.com` and `a.b.example.com`, not `example.com`.
 */
export function hostnameMatches(pattern: string, host: string): boolean {
  if (!isWildcardHostname(pattern)) return pattern === host;
  return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
}

/**
 * The intersection of two hostnames (each possibly a wildcard): the more specific of the two when one covers the
 * other, undefined when they have no host in common.
 */
export function intersectHostname(a: string, b: string): string | undefined {
  const aw = isWildcardHostname(a);
  const bw = isWildcardHostname(b);
  if (!aw && !bw) return a === b ? a : undefined;
  if (aw && !bw) return hostnameMatches(a, b) ? b : undefined;
  if (!aw && bw) return hostnameMatches(b, a) ? a : undefined;
  // both wildcards: the more specific one, if one contains the other
  if (a === b) return a;
  if (a.endsWith(b.slice(1))) return a;
  if (b.endsWith(a.slice(1))) return b;
  return undefined;
}

/** Whether two hostnames (each possibly a `*.` wildcard) have at least one host in common. */
export function hostnamesIntersect(a: string, b: string): boolean {
  return intersectHostname(a, b) !== undefined;
}

/**
 * The hostnames a route gets on a listener: the intersection of the listener's hostname and the route's hostnames.
 *
 * - No listener hostname: the route's hostnames (or `*` when it has none).
 * - No route hostnames: the listener's hostname.
 *
 * Returns an empty list when nothing intersects (the route does not attach: `NoMatchingListenerHostname`).
 */
export function intersectHostnames(listenerHostname: string | undefined, routeHostnames: readonly string[] | undefined): string[] {
  const route = routeHostnames && routeHostnames.length > 0 ? routeHostnames : undefined;
  if (!listenerHostname) return route ? [...route] : ['*'];
  if (!route) return [listenerHostname];
  const out: string[] = [];
  for (const h of route) {
    const i = intersectHostname(listenerHostname, h);
    if (i !== undefined && !out.includes(i)) out.push(i);
  }
  return out;
}

/**
 * Orders hostnames from the most to the least specific, as the spec ranks the hostnames that match one request:
 * precise hostnames first, then wildcards by their number of labels (more first), then no hostname (`undefined` or
 * `*`). Ties are broken alphabetically so the order is deterministic. Negative when `a` is more specific.
 */
export function compareHostnameSpecificity(a: string | undefined, b: string | undefined): number {
  const rank = (h: string | undefined): [number, number] => {
    if (h === undefined || h === '' || h === '*') return [2, 0];
    return isWildcardHostname(h) ? [1, -h.split('.').length] : [0, -h.split('.').length];
  };
  const [ra, la] = rank(a);
  const [rb, lb] = rank(b);
  if (ra !== rb) return ra - rb;
  if (la !== lb) return la - lb;
  const sa = a ?? '';
  const sb = b ?? '';
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
