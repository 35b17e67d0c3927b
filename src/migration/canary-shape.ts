/**
 * Weighted splits as `CanaryRoute`s: an HTTPRoute whose one weighted rule splits between two backends (an
 * ingress-nginx canary, a Traefik weighted service of two) is given the shape `CanaryRoute` synthesizes, so that
 * `--output typescript` can write it as one: the split rule is named `canary`, its header rule (same matches plus one
 * header, the canary backend only) `canary-header` and comes first, the split rule second. Rule order does not
 * change routing here: the rules of one route have distinct matches, and precedence is by match.
 */
import { IrBackend, IrMatch, IrRoute, IrRule } from './model';

export const CANARY_RULE = 'canary';
export const CANARY_HEADER_RULE = 'canary-header';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const backendKey = (b: IrBackend): string => `${b.namespace}/${b.name}:${b.port}`;

function isSplit(rule: IrRule): boolean {
  const [a, b] = rule.backends;
  return rule.backends.length === 2 && a.weight !== undefined && b.weight !== undefined && backendKey(a) !== backendKey(b)
    && !rule.sessionPersistence && !rule.name && rule.filters.every((f) => f.type !== 'RequestRedirect');
}

/** Whether `h` is the header rule of `split`: its matches are the split's plus one header, to the canary only. */
function isHeaderRule(h: IrRule, split: IrRule): boolean {
  if (h === split || h.name || h.sessionPersistence || h.backends.length !== 1 || h.backends[0].weight !== undefined) return false;
  if (backendKey(h.backends[0]) !== backendKey(split.backends[1])) return false;
  if (!same(h.filters, split.filters) || !same(h.timeouts, split.timeouts)) return false;
  const base: IrMatch[] = split.matches.length ? split.matches : [{}];
  if (h.matches.length !== base.length) return false;
  const extra = h.matches[0]?.headers?.[h.matches[0].headers.length - 1];
  if (!extra) return false;
  return base.every((m, i) => {
    const hm = h.matches[i];
    const headers = [...(m.headers ?? []), extra];
    return same({ ...m, headers: headers.map((x) => ({ ...x, type: x.type ?? 'Exact' })) }, { ...hm, headers: (hm.headers ?? []).map((x) => ({ ...x, type: x.type ?? 'Exact' })) });
  });
}

/** Names and orders the canary rules of the HTTPRoutes that have exactly one weighted split of two backends. */
export function shapeCanaries(routes: IrRoute[]): void {
  for (const r of routes) {
    if (r.kind !== 'HTTPRoute' || r.rules.some((x) => x.name)) continue;
    const splits = r.rules.filter(isSplit);
    if (splits.length !== 1) continue;
    const split = splits[0];
    const header = r.rules.find((x) => isHeaderRule(x, split));
    const rest = r.rules.filter((x) => x !== split && x !== header);
    const named = (x: IrRule, name: string): IrRule => ({ ...x, name });
    (r as { rules: IrRule[] }).rules = [...(header ? [named(header, CANARY_HEADER_RULE)] : []), named(split, CANARY_RULE), ...rest];
  }
}
