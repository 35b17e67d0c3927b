/**
 * Route filters (Gateway API v1.6.1 `HTTPRouteFilter`, `GRPCRouteFilter`): the filter types of each route kind,
 * the ones a list may hold only once, and the combinations the spec forbids.
 *
 * Pure: no imports from the project.
 */

/** HTTPRoute filter types. */
export const HTTP_FILTER_TYPES: readonly string[] = [
  'RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'RequestRedirect', 'URLRewrite', 'ExtensionRef',
  'CORS', 'ExternalAuth',
];

/** GRPCRoute filter types. */
export const GRPC_FILTER_TYPES: readonly string[] = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'ExtensionRef'];

/** Filter types a rule's (or a backend's) filter list may hold at most once (only ExtensionRef, RequestMirror and ExternalAuth repeat). */
export const UNIQUE_FILTER_TYPES: readonly string[] = ['CORS', 'RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite'];

/** The filter types of `routeKind` (HTTPRoute or GRPCRoute); undefined for route kinds without filters. */
export function filterTypesOf(routeKind: string): readonly string[] | undefined {
  if (routeKind === 'HTTPRoute') return HTTP_FILTER_TYPES;
  if (routeKind === 'GRPCRoute') return GRPC_FILTER_TYPES;
  return undefined;
}

/**
 * The first pair of filter types in `types` that one list must not combine (`RequestRedirect` with `URLRewrite`:
 * a redirect answers the client, a rewrite changes the forwarded request); undefined when there is none.
 */
export function incompatibleFilters(types: Iterable<string | undefined>): [string, string] | undefined {
  const set = new Set(types);
  return set.has('RequestRedirect') && set.has('URLRewrite') ? ['RequestRedirect', 'URLRewrite'] : undefined;
}
