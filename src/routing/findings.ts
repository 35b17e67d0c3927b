/**
 * `analyze` warnings from the routing engine: rules no request can reach, and hostnames two Gateways claim.
 */
import { buildRoutingIndex, GrpcCandidate, HttpCandidate, ListenerEntry, RouteEntry, RoutingIndex, ValueMatch } from './index-build';
import { _GATEWAY_GROUP } from '../analysis/engine';
import { AnalysisFinding, AnalysisOptions, FindingSeverity } from '../analysis/types';
import { _prefixMatches } from '../core/spec/precedence';

/** Whether every value `inner` accepts is accepted by `outer` (outer ⊇ inner), for header/query conditions. */
function valuesCover(outer: ValueMatch[], inner: ValueMatch[]): boolean {
  for (const o of outer) {
    const i = inner.find((x) => x.name === o.name);
    if (!i) return false;
    if (o.exact !== undefined) {
      if (i.exact !== o.exact) return false;
    } else if (i.exact !== undefined) {
      if (!o.regex!.test(i.exact)) return false;
    } else if (i.regex!.source !== o.regex!.source) {
      return false;
    }
  }
  return true;
}

/** Whether every request `inner` matches is matched by `outer`. */
function httpCovers(outer: HttpCandidate, inner: HttpCandidate): boolean {
  if (outer.pathType === 'Exact') {
    if (!(inner.pathType === 'Exact' && inner.pathValue === outer.pathValue)) return false;
  } else if (outer.pathType === 'PathPrefix') {
    if (inner.pathType === 'RegularExpression') {
      if (outer.pathValue !== '/') return false;
    } else if (!_prefixMatches(outer.pathValue, inner.pathValue)) {
      return false;
    }
  } else if (!(inner.pathType === 'RegularExpression' && inner.pathRegex!.source === outer.pathRegex!.source)) {
    return false;
  }
  if (outer.method !== undefined && outer.method !== inner.method) return false;
  return valuesCover(outer.headers, inner.headers) && valuesCover(outer.query, inner.query);
}

function grpcCovers(outer: GrpcCandidate, inner: GrpcCandidate): boolean {
  const everyMethod = outer.service === undefined && outer.method === undefined;
  if (!everyMethod) {
    if (outer.regex || inner.regex) {
      if (outer.regex !== inner.regex || outer.service !== inner.service || outer.method !== inner.method) return false;
    } else {
      if (outer.service !== undefined && outer.service !== inner.service) return false;
      if (outer.method !== undefined && outer.method !== inner.method) return false;
    }
  }
  return valuesCover(outer.headers, inner.headers);
}

interface RuleState {
  route: RouteEntry;
  ruleIndex: number;
  reachable: boolean;
  shadowedBy: Set<string>;
  listeners: Set<string>;
}

function label(route: RouteEntry, ruleIndex: number): string {
  return `rules[${ruleIndex}] of ${route.kind} ${route.namespace}/${route.name}`;
}

function scan<C extends { route: RouteEntry; ruleIndex: number }>(
  l: ListenerEntry, lists: Map<string, C[]>, covers: (o: C, i: C) => boolean, dead: (c: C) => boolean, states: Map<string, RuleState>,
): void {
  for (const list of lists.values()) {
    list.forEach((c, i) => {
      const k = `${c.route.kind}|${c.route.namespace}/${c.route.name}|${c.ruleIndex}`;
      let s = states.get(k);
      if (!s) {
        s = { route: c.route, ruleIndex: c.ruleIndex, reachable: false, shadowedBy: new Set(), listeners: new Set() };
        states.set(k, s);
      }
      s.listeners.add(`${l.gateway.namespace}/${l.gateway.name}/${l.name}`);
      if (s.reachable) return;
      if (dead(c)) return;
      for (let j = 0; j < i; j++) {
        const o = list[j];
        if (o.route === c.route && o.ruleIndex === c.ruleIndex) continue;
        if (covers(o, c)) {
          s.shadowedBy.add(label(o.route, o.ruleIndex));
          return;
        }
      }
      s.reachable = true;
    });
  }
}

/**
 * Routing warnings over plain manifests, in the shape of the analysis findings (severity WARNING):
 * - `Shadowed`/`RuleUnreachable`: a rule of an HTTPRoute or GRPCRoute that no request can reach, because on every
 *   listener and hostname it is attached to, each of its matches is covered by a match of higher precedence (in
 *   the same route or another team's), or its regular expression is not valid RE2;
 * - `Conflicted`/`HostnameClaimedByTwoGateways`: a listener hostname that listeners of two Gateways both claim
 *   (a client, and DNS, can only reach one of them for that name).
 *
 * Deterministic: sorted by object, then message. `analyzed`: the attachment analysis of the same objects with the
 * same options, when the caller has it (see `buildRoutingIndex`).
 */
export function findRoutingFindings(
  objects: any[], options: AnalysisOptions = {}, analyzed?: Parameters<typeof buildRoutingIndex>[2],
): AnalysisFinding[] {
  return routingFindingsOf(buildRoutingIndex(objects, options, analyzed));
}

/** The findings of an index already built. */
export function routingFindingsOf(index: RoutingIndex): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  const states = new Map<string, RuleState>();
  for (const l of index.listeners) {
    scan(l, l.http, httpCovers, (c) => !!c.pathRegex?.error || c.headers.some((h) => h.regex?.error) || c.query.some((q) => q.regex?.error), states);
    scan(l, l.grpc, grpcCovers, (c) => !!c.serviceRegex?.error || !!c.methodRegex?.error || c.headers.some((h) => h.regex?.error), states);
  }
  for (const [k, s] of states) {
    // an identical match of higher precedence is already the analysis' own warning (RuleShadowed)
    if (s.reachable || index.shadowedByAnalysis.has(k)) continue;
    const by = [...s.shadowedBy].sort();
    findings.push({
      severity: FindingSeverity.WARNING,
      objectRef: { group: _GATEWAY_GROUP, kind: s.route.kind, name: s.route.name, namespace: s.route.namespace },
      listener: [...s.listeners].sort()[0],
      conditionType: 'Shadowed',
      reason: 'RuleUnreachable',
      message: `${label(s.route, s.ruleIndex)} can never receive a request: `
        + (by.length > 0
          ? `every request it matches is taken first by ${by.join(', ')} (higher precedence, or older on a tie), on ${[...s.listeners].sort().join(', ')}.`
          : 'its regular expression is not valid RE2, so it matches nothing.'),
      fix: by.length > 0 ? 'Remove the rule, or make it more specific than the rules that take its requests (an Exact path, a longer prefix, a method or header match).' : 'Fix the regular expression (RE2 syntax).',
    });
  }

  // hostnames claimed by listeners of two Gateways
  const byHost = new Map<string, ListenerEntry[]>();
  for (const l of index.listeners) {
    if (!l.hostname) continue;
    const list = byHost.get(l.hostname);
    if (list) list.push(l);
    else byHost.set(l.hostname, [l]);
  }
  for (const [host, list] of byHost) {
    const gateways = new Map<string, ListenerEntry[]>();
    for (const l of list) {
      const k = `${l.gateway.namespace}/${l.gateway.name}`;
      gateways.set(k, [...(gateways.get(k) ?? []), l]);
    }
    if (gateways.size < 2) continue;
    const names = [...gateways.keys()].sort();
    for (const name of names.slice(1)) {
      const ls = gateways.get(name)!;
      const first = gateways.get(names[0])!;
      findings.push({
        severity: FindingSeverity.WARNING,
        objectRef: { group: _GATEWAY_GROUP, kind: 'Gateway', name: ls[0].gateway.name, namespace: ls[0].gateway.namespace },
        listener: `${name}/${ls[0].name}`,
        conditionType: 'Conflicted',
        reason: 'HostnameClaimedByTwoGateways',
        message: `hostname ${host} is claimed by listener(s) ${ls.map((l) => `${l.name} (port ${l.port})`).join(', ')} of Gateway ${name} and by listener(s) `
          + `${first.map((l) => `${l.name} (port ${l.port})`).join(', ')} of Gateway ${names[0]}: each Gateway has its own address, and a client (or DNS) reaches only one of them for ${host}.`,
        fix: `Serve ${host} from one Gateway, or give the listeners distinct hostnames.`,
      });
    }
  }
  const key = (f: AnalysisFinding) => `${f.objectRef.kind}|${f.objectRef.namespace}|${f.objectRef.name}|${f.message}`;
  return findings.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
