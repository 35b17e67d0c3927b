/**
 * Route and rule precedence of the Gateway API v1.6.1 spec, for HTTPRoute and GRPCRoute, and the path matching
 * the precedence is about. Pure functions over plain values; imports nothing from the project.
 *
 * HTTPRoute (spec.rules[].matches and spec.hostnames of the HTTPRoute API):
 * 1. the hostname: the most characters in a matching non-wildcard hostname, then in a matching hostname;
 * 2. an Exact path match, then the PathPrefix with the most characters; RegularExpression precedence is
 *    implementation-specific (ranked here after every PathPrefix, and reported as such);
 * 3. a method match; 4. the most header matches; 5. the most query param matches;
 * 6. across routes: the oldest route by creationTimestamp, then `{namespace}/{name}` alphabetically;
 * 7. within a route: the first rule in list order (and, in it, the first match).
 *
 * GRPCRoute (spec.rules[].matches of the GRPCRoute API): the hostname as above, then the most characters in a
 * matching service, then in a matching method, then the most header matches; then route age, namespace/name, rule
 * order.
 *
 * @internal
 */

/** The match type of an HTTPRoute path match. @internal */
export type _PathType = 'Exact' | 'PathPrefix' | 'RegularExpression';

/**
 * A PathPrefix value with its trailing `/` removed (the spec ignores it); `/` stays `/`.
 * @internal
 */
export function _normalizePrefix(value: string): string {
  if (value.length > 1 && value.endsWith('/')) {
    const trimmed = value.replace(/\/+$/, '');
    return trimmed === '' ? '/' : trimmed;
  }
  return value;
}

/**
 * Whether `path` (without the query string) matches the PathPrefix `prefix`, element by element:
 * `/foo` matches `/foo` and `/foo/bar`, not `/foobar`; `/` matches every path.
 * @internal
 */
export function _prefixMatches(prefix: string, path: string): boolean {
  const p = _normalizePrefix(prefix);
  if (p === '/') return path.startsWith('/');
  return path === p || path.startsWith(p + '/');
}

/**
 * The path after a `ReplacePrefixMatch` of `prefix` (the matched PathPrefix) by `replacement`, as the spec's
 * examples define it: prefix `/foo`, replacement `/xyz`: `/foo` → `/xyz`, `/foo/bar` → `/xyz/bar`; replacement
 * `/`: `/foo` → `/`, `/foo/bar` → `/bar`.
 * @internal
 */
export function _replacePrefix(prefix: string, replacement: string, path: string): string {
  const p = _normalizePrefix(prefix);
  const rest = p === '/' ? path.slice(1) === '' ? '' : path : path.slice(p.length); // '' or '/...'
  let r = replacement;
  if (rest !== '' && r.endsWith('/')) r = r.replace(/\/+$/, '');
  const out = r + rest;
  if (out === '') return '/';
  return out.startsWith('/') ? out : '/' + out;
}

/**
 * The hostname rank of a route hostname that matched a request: non-wildcard characters first, then characters.
 * `*` (a route without hostnames on a listener without one) ranks last.
 * @internal
 */
export function _hostnameRank(hostname: string): [number, number] {
  if (hostname === '*') return [0, 0];
  if (hostname.startsWith('*.')) return [0, hostname.length];
  return [hostname.length, hostname.length];
}

/** Compares two hostname ranks: negative when `a` takes precedence. @internal */
export function _compareHostnames(a: string, b: string): number {
  const ra = _hostnameRank(a);
  const rb = _hostnameRank(b);
  return (rb[0] - ra[0]) || (rb[1] - ra[1]);
}

/** What the spec's tie-breaks across routes look at. @internal */
export interface _RouteOrder {
  /** metadata.creationTimestamp (RFC 3339), when set. */
  readonly creationTimestamp?: string;
  readonly namespace: string;
  readonly name: string;
}

/**
 * The cross-route tie-break: the oldest route by creationTimestamp (a route without one counts as newer than one
 * with it: it has not been created yet), then `{namespace}/{name}` alphabetically. Negative when `a` wins.
 * @internal
 */
export function _compareRouteAge(a: _RouteOrder, b: _RouteOrder): number {
  const byTime = compareTimestamps(a.creationTimestamp, b.creationTimestamp);
  if (byTime !== 0) return byTime;
  const na = `${a.namespace}/${a.name}`;
  const nb = `${b.namespace}/${b.name}`;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Oldest first; a missing (or unparsable) timestamp after a set one. */
function compareTimestamps(ta: string | undefined, tb: string | undefined): number {
  if (ta === tb) return 0;
  if (ta === undefined) return 1;
  if (tb === undefined) return -1;
  const da = Date.parse(ta);
  const db = Date.parse(tb);
  return !Number.isNaN(da) && !Number.isNaN(db) ? da - db : 0;
}

/** What every match rank shares: the route order and the position of the match in it. @internal */
export interface _Position extends _RouteOrder {
  readonly ruleIndex: number;
  readonly matchIndex: number;
}

/** The tie-breaks after the match criteria: route age, namespace/name, rule, match. */
function compareTail(a: _Position, b: _Position): number {
  return _compareRouteAge(a, b) || (a.ruleIndex - b.ruleIndex) || (a.matchIndex - b.matchIndex);
}

/** The words for `compareTail`. */
function tailReason(a: _Position, b: _Position): string | undefined {
  if (a.namespace !== b.namespace || a.name !== b.name) {
    if (compareTimestamps(a.creationTimestamp, b.creationTimestamp) !== 0) {
      return `the route is older (creationTimestamp ${a.creationTimestamp ?? 'unset'} vs ${b.creationTimestamp ?? 'unset'})`;
    }
    return `tie on every match criterion and creationTimestamp: ${a.namespace}/${a.name} comes first alphabetically`;
  }
  if (a.ruleIndex !== b.ruleIndex) return `tie on every match criterion: rule ${a.ruleIndex} comes first in the route`;
  if (a.matchIndex !== b.matchIndex) return `tie: match ${a.matchIndex} comes first in the rule`;
  return undefined;
}

/** One HTTPRoute match, as the precedence sees it. @internal */
export interface _HttpMatchRank extends _Position {
  readonly hostname: string;
  readonly pathType: _PathType;
  /** The path value (for PathPrefix: normalized, see `_normalizePrefix`). */
  readonly pathValue: string;
  readonly hasMethod: boolean;
  readonly headers: number;
  readonly queryParams: number;
}

const PATH_RANK: { [t in _PathType]: number } = { Exact: 0, PathPrefix: 1, RegularExpression: 2 };

/**
 * The HTTPRoute precedence between two matches: negative when `a` takes precedence.
 * @internal
 */
export function _compareHttpMatches(a: _HttpMatchRank, b: _HttpMatchRank): number {
  return _compareHostnames(a.hostname, b.hostname)
    || (PATH_RANK[a.pathType] - PATH_RANK[b.pathType])
    || (a.pathType === 'PathPrefix' ? b.pathValue.length - a.pathValue.length : 0)
    || (Number(b.hasMethod) - Number(a.hasMethod))
    || (b.headers - a.headers)
    || (b.queryParams - a.queryParams)
    || compareTail(a, b);
}

/**
 * Which criterion decided `_compareHttpMatches(a, b)`, in words (for explanations), or undefined on a full tie.
 * @internal
 */
export function _httpPrecedenceReason(a: _HttpMatchRank, b: _HttpMatchRank): string | undefined {
  if (_compareHostnames(a.hostname, b.hostname) !== 0) return `hostname ${a.hostname} is more specific than ${b.hostname}`;
  if (a.pathType !== b.pathType) {
    if (a.pathType === 'Exact') return 'an Exact path match takes precedence over a prefix or regular expression';
    if (a.pathType === 'PathPrefix') return 'a PathPrefix match ranks before a RegularExpression match (implementation-specific)';
    return 'a RegularExpression match ranks after the other path matches (implementation-specific)';
  }
  if (a.pathType === 'PathPrefix' && a.pathValue.length !== b.pathValue.length) return `PathPrefix ${a.pathValue} is longer than ${b.pathValue}`;
  if (a.hasMethod !== b.hasMethod) return 'it has a method match';
  if (a.headers !== b.headers) return `it has more header matches (${a.headers} > ${b.headers})`;
  if (a.queryParams !== b.queryParams) return `it has more query param matches (${a.queryParams} > ${b.queryParams})`;
  return tailReason(a, b);
}

/** One GRPCRoute match, as the precedence sees it. @internal */
export interface _GrpcMatchRank extends _Position {
  readonly hostname: string;
  /** Characters of the matching service (0 when the match has none). */
  readonly serviceChars: number;
  /** Characters of the matching method (0 when the match has none). */
  readonly methodChars: number;
  readonly headers: number;
}

/**
 * The GRPCRoute precedence between two matches: negative when `a` takes precedence.
 * @internal
 */
export function _compareGrpcMatches(a: _GrpcMatchRank, b: _GrpcMatchRank): number {
  return _compareHostnames(a.hostname, b.hostname)
    || (b.serviceChars - a.serviceChars)
    || (b.methodChars - a.methodChars)
    || (b.headers - a.headers)
    || compareTail(a, b);
}

/**
 * Which criterion decided `_compareGrpcMatches(a, b)`, in words, or undefined on a full tie.
 * @internal
 */
export function _grpcPrecedenceReason(a: _GrpcMatchRank, b: _GrpcMatchRank): string | undefined {
  if (_compareHostnames(a.hostname, b.hostname) !== 0) return `hostname ${a.hostname} is more specific than ${b.hostname}`;
  if (a.serviceChars !== b.serviceChars) return `its service match is longer (${a.serviceChars} > ${b.serviceChars} characters)`;
  if (a.methodChars !== b.methodChars) return `its method match is longer (${a.methodChars} > ${b.methodChars} characters)`;
  if (a.headers !== b.headers) return `it has more header matches (${a.headers} > ${b.headers})`;
  return tailReason(a, b);
}

/**
 * The hostname keys a request host can match, most specific first: the host itself, then `*.` + each suffix of
 * two or more labels (longest first). A wildcard needs at least one label in front of it. `*` (no hostname) is not
 * included.
 * @internal
 */
export function _hostKeys(host: string): string[] {
  const out = [host];
  let i = host.indexOf('.');
  while (i >= 0 && i < host.length - 1) {
    out.push('*' + host.slice(i));
    i = host.indexOf('.', i + 1);
  }
  return out;
}
