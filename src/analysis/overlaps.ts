/**
 * Overlaps: rules shadowed by an earlier one, and hostname + path claimed by routes of two namespaces (warnings).
 * Part of the analysis engine (see engine.ts); internal.
 */
import { Ctx, finding, listenerDesc, RouteInfo } from './context';
import { FindingSeverity } from './types';

function normPath(type: string, value: string): string {
  if (type === 'PathPrefix' && value.length > 1 && value.endsWith('/')) return value.replace(/\/+$/, '') || '/';
  return value;
}

/** Match keys of one rule: full key (for shadowing) and path key (for cross-team claims). */
function matchKeys(kind: string, rule: any): Array<{ full: string; path: string; desc: string }> {
  const matches: any[] = Array.isArray(rule?.matches) && rule.matches.length > 0 ? rule.matches : [{}];
  const list = (v: any): any[] => (Array.isArray(v) ? v.filter((x) => x !== null && typeof x === 'object') : []);
  return matches.map((match: any) => {
    const m = match !== null && typeof match === 'object' ? match : {};
    const headers = list(m.headers).map((h: any) => `${h.type ?? 'Exact'}:${String(h.name).toLowerCase()}=${h.value}`).sort().join(',');
    if (kind === 'GRPCRoute') {
      const method = m.method ? `${m.method.type ?? 'Exact'}:${m.method.service ?? '*'}/${m.method.method ?? '*'}` : '*';
      return { full: `${method}|${headers}`, path: method, desc: `gRPC method ${method}${headers ? ` headers ${headers}` : ''}` };
    }
    const type = m.path?.type ?? 'PathPrefix';
    const value = normPath(type, m.path?.value ?? '/');
    const query = list(m.queryParams).map((q: any) => `${q.type ?? 'Exact'}:${q.name}=${q.value}`).sort().join(',');
    const path = `${type} ${value}`;
    const full = `${path}|${m.method ?? ''}|${headers}|${query}`;
    const extra = [m.method ? `method ${m.method}` : '', headers ? `headers ${headers}` : '', query ? `query ${query}` : ''].filter((s) => s).join(', ');
    return { full, path, desc: `${path}${extra ? ` (${extra})` : ''}` };
  });
}

export function detectOverlaps(ctx: Ctx, routes: RouteInfo[]): void {
  // Routes are in precedence order (oldest/input order first): the first claimant of a key wins.
  const firstFull = new Map<string, { route: RouteInfo; rule: number }>();
  const firstPath = new Map<string, { route: RouteInfo; rule: number }>();
  const reported = new Set<string>();
  for (const route of routes) {
    if (route.kind !== 'HTTPRoute' && route.kind !== 'GRPCRoute') continue;
    // an HTTPRoute without rules gets the API-server default rule: PathPrefix /
    const rules: any[] = Array.isArray(route.obj.spec?.rules) && route.obj.spec.rules.length > 0 ? route.obj.spec.rules : route.kind === 'HTTPRoute' ? [{}] : [];
    const keysByRule = rules.map((rule) => matchKeys(route.kind, rule));
    for (const { listener, hosts, parentRef } of route.attachments) {
      for (const host of hosts) {
        const prefix = `${route.kind}\u0000${listener.id}\u0000${host}\u0000`;
        keysByRule.forEach((keys, r) => {
          if (route.invalidRules.has(r)) return;
          for (const k of keys) {
            const fk = prefix + k.full;
            const winner = firstFull.get(fk);
            if (!winner) {
              firstFull.set(fk, { route, rule: r });
            } else if (!(winner.route === route && winner.rule === r)) {
              const crossTeam = winner.route.ns !== route.ns;
              const dedupe = `${route.ns}/${route.name}#${r}|${winner.route.ns}/${winner.route.name}#${winner.rule}|${k.full}`;
              if (!reported.has(dedupe)) {
                reported.add(dedupe);
                const by = winner.route === route ? `rules[${winner.rule}] of the same route` : `rules[${winner.rule}] of ${winner.route.kind} ${winner.route.ns}/${winner.route.name}`;
                finding(ctx, {
                  severity: FindingSeverity.WARNING,
                  objectRef: route.ref,
                  parentRef,
                  listener: listener.id,
                  conditionType: 'Shadowed',
                  reason: crossTeam ? 'HostnamePathConflict' : 'RuleShadowed',
                  message: `${route.kind} ${route.ns}/${route.name} rules[${r}] match ${k.desc} on hostname ${host} is shadowed by ${by}, which has the same match and takes precedence (older, or earlier in the input), on ${listenerDesc(listener)}.`,
                  fix: crossTeam ? 'Agree which team owns this hostname and path; remove or narrow one of the routes.' : 'Remove the duplicate match or make it more specific.',
                });
              }
            }
            const pk = prefix + k.path;
            const claim = firstPath.get(pk);
            if (!claim) {
              firstPath.set(pk, { route, rule: r });
            } else if (claim.route.ns !== route.ns && winner === undefined) {
              // different match conditions on the same hostname + path, claimed from another namespace
              const dedupe = `claim|${route.ns}/${route.name}|${claim.route.ns}/${claim.route.name}|${host}|${k.path}`;
              if (!reported.has(dedupe)) {
                reported.add(dedupe);
                finding(ctx, {
                  severity: FindingSeverity.WARNING,
                  objectRef: route.ref,
                  parentRef,
                  listener: listener.id,
                  conditionType: 'Shadowed',
                  reason: 'HostnamePathConflict',
                  message: `${route.kind} ${route.ns}/${route.name} (namespace "${route.ns}") and ${claim.route.kind} ${claim.route.ns}/${claim.route.name} (namespace "${claim.route.ns}") both route hostname ${host} ${k.path} on ${listenerDesc(listener)}; requests are split by match precedence.`,
                  fix: 'Agree which team owns this hostname and path; give each team its own hostname or path prefix.',
                });
              }
            }
          }
        });
      }
    }
  }
}
