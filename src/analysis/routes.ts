/**
 * Routes: attachment to each parentRef (core/spec/attachment), rules a controller would drop, and route status.
 * Part of the analysis engine (see engine.ts); internal.
 */
import {
  _Condition, cond, Ctx, finding, GatewayInfo, GW, key, knownLabels, listenerDesc, ListenerInfo, ListenerSetInfo, namespaceLabels, nsOf,
  objRef, refState, RouteInfo,
} from './context';
import { _describeSelector } from './match';
import { _isMeshParent, _meshParent } from './mesh-routes';
import { refFix, resolveBackendRefs } from './references';
import { AnalysisParentRef, FindingSeverity, RouteParentResult } from './types';
import { AttachmentListener, AttachmentReason, checkAttachment } from '../core/spec/attachment';
import { filterTypesOf, incompatibleFilters } from '../core/spec/filters';
import { HOSTNAME_ROUTE_KINDS } from '../core/spec/names';

const PATH_TYPES = new Set(['Exact', 'PathPrefix', 'RegularExpression']);

const VALUE_MATCH_TYPES = new Set(['Exact', 'RegularExpression']);

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

export function analyzeRoute(
  ctx: Ctx, obj: any, order: number, gateways: Map<string, GatewayInfo>, listenerSets: Map<string, ListenerSetInfo>,
  results: RouteParentResult[],
): RouteInfo {
  const ns = nsOf(ctx, obj);
  const name = obj.metadata?.name ?? '';
  const kind: string = obj.kind;
  const ref = objRef(ctx, obj);
  const route: RouteInfo = { obj, kind, ns, name, order, ref, attachments: [], invalidRules: new Set() };
  const refs = resolveBackendRefs(ctx, obj, kind, ns);
  const rules: any[] = Array.isArray(obj.spec?.rules) ? obj.spec.rules : [];
  const ruleProblems = checkRules(kind, rules);
  for (const p of ruleProblems) route.invalidRules.add(p.rule);
  const allRulesInvalid = rules.length > 0 && route.invalidRules.size === rules.length;
  const hostnames: string[] | undefined = HOSTNAME_ROUTE_KINDS.includes(kind) && Array.isArray(obj.spec?.hostnames) ? obj.spec.hostnames : undefined;
  const parents: any[] = [];

  for (const pr of obj.spec?.parentRefs ?? []) {
    const group = pr.group ?? GW;
    const pKind = pr.kind ?? 'Gateway';
    const pNs = pr.namespace ?? ns;
    const parentRef: AnalysisParentRef = {
      group,
      kind: pKind,
      name: pr.name,
      namespace: pNs,
      ...(pr.sectionName !== undefined ? { sectionName: pr.sectionName } : {}),
      ...(pr.port !== undefined ? { port: pr.port } : {}),
    };
    const statusRef = {
      group,
      kind: pKind,
      ...(pr.namespace !== undefined ? { namespace: pr.namespace } : {}),
      name: pr.name,
      ...(pr.sectionName !== undefined ? { sectionName: pr.sectionName } : {}),
      ...(pr.port !== undefined ? { port: pr.port } : {}),
    };
    if (_isMeshParent(group, pKind)) {
      const mesh = _meshParent(ctx.ext, route, pr, refs); // mesh-routes.ts
      if (mesh.status) parents.push(mesh.status);
      results.push(mesh.result);
      continue;
    }
    if (group !== GW || (pKind !== 'Gateway' && pKind !== 'ListenerSet')) continue; // other parent kinds: not analysed

    let gw: GatewayInfo | undefined;
    let candidates: ListenerInfo[] = [];
    let parentProblem: string | undefined;
    if (pKind === 'Gateway') {
      gw = gateways.get(key(GW, 'Gateway', pNs, pr.name));
      candidates = gw?.listeners ?? [];
    } else {
      const ls = listenerSets.get(key(GW, 'ListenerSet', pNs, pr.name));
      if (ls) {
        gw = ls.gateway;
        candidates = ls.listeners;
        if (!ls.accepted) parentProblem = `ListenerSet ${pNs}/${pr.name} is not attached to a Gateway (see its Accepted condition).`;
      }
    }
    const exists = pKind === 'Gateway' ? !!gw : listenerSets.has(key(GW, 'ListenerSet', pNs, pr.name));
    if (!exists) {
      const state = refState(ctx, GW, pKind, pNs, pr.name);
      if (state === 'missing') {
        finding(ctx, {
          severity: FindingSeverity.ERROR,
          objectRef: ref,
          parentRef,
          conditionType: 'Accepted',
          reason: 'NoMatchingParent',
          message: `${kind} ${ns}/${name}: parent ${pKind} ${pNs}/${pr.name} is not in the input, so no controller would attach the route (no status entry would be written).`,
          fix: `Fix parentRefs (name/namespace), or declare ${pKind} ${pNs}/${pr.name} as an external object.`,
        });
      }
      results.push({ route: ref, parentRef, controllerName: '', accepted: 'Unknown', acceptedReason: state === 'missing' ? 'NoMatchingParent' : 'Pending', resolvedRefs: 'Unknown', resolvedRefsReason: 'Pending', attachedListeners: [], parentMissing: true });
      continue;
    }
    const controllerName = gw?.controllerName ?? 'unknown-controller/unknown';

    const { accepted, fix, considered, attaches } = parentVerdict(ctx, {
      kind, ns, hostnames, pr, pKind, pNs, gw, candidates, parentProblem, allRulesInvalid, ruleProblems,
    });
    for (const w of attaches) {
      w.listener.attachedRoutes++;
      route.attachments.push({ listener: w.listener, hosts: w.hosts, parentRef });
    }
    const conditions: _Condition[] = [accepted, refs];
    if (accepted.status === 'True' && ruleProblems.length > 0) {
      const dropped = [...route.invalidRules].sort((a, b) => a - b).map((i) => `rules[${i}]`).join(', ');
      conditions.push(cond(ctx, 'PartiallyInvalid', 'True', 'UnsupportedValue', `Dropped Rule(s) ${dropped}: ${ruleProblems.map((p) => p.message).join(' ')}`));
      finding(ctx, { severity: FindingSeverity.WARNING, objectRef: ref, parentRef, conditionType: 'PartiallyInvalid', reason: 'UnsupportedValue', message: `${kind} ${ns}/${name}: ${conditions[2].message}` });
    }
    parents.push({ parentRef: statusRef, controllerName, conditions });
    const listenerNote = considered.length > 0 ? ` Listener(s) considered: ${considered.map((l) => l.id).join(', ')}.` : '';
    if (accepted.status === 'False') {
      finding(ctx, {
        severity: FindingSeverity.ERROR,
        objectRef: ref,
        parentRef,
        listener: considered[0]?.id,
        conditionType: 'Accepted',
        reason: accepted.reason,
        message: `${kind} ${ns}/${name} is not accepted by ${pKind} ${pNs}/${pr.name}: ${accepted.message}${listenerNote}`,
        fix,
      });
    }
    if (refs.status !== 'True') {
      finding(ctx, {
        severity: FindingSeverity.ERROR,
        objectRef: ref,
        parentRef,
        conditionType: 'ResolvedRefs',
        reason: refs.reason,
        message: `${kind} ${ns}/${name}: ${refs.message}`,
        fix: refFix(refs.reason),
      });
    }
    results.push({
      route: ref,
      parentRef,
      controllerName,
      accepted: accepted.status,
      acceptedReason: accepted.reason,
      resolvedRefs: refs.status,
      resolvedRefsReason: refs.reason,
      attachedListeners: accepted.status === 'True' ? route.attachments.filter((a) => a.parentRef === parentRef).map((a) => a.listener.id) : [],
      parentMissing: false,
    });
  }
  obj.status = { ...(obj.status ?? {}), parents };
  return route;
}

/** What `parentVerdict` needs to know about one parentRef of a route. */
interface ParentQuery {
  readonly kind: string;
  readonly ns: string;
  readonly hostnames: string[] | undefined;
  readonly pr: any;
  readonly pKind: string;
  readonly pNs: string;
  /** The Gateway the parent is (or the ListenerSet's Gateway), when it is in the input. */
  readonly gw: GatewayInfo | undefined;
  readonly candidates: ListenerInfo[];
  readonly parentProblem: string | undefined;
  readonly allRulesInvalid: boolean;
  readonly ruleProblems: Array<{ rule: number; reason: string; message: string }>;
}

/**
 * The Accepted condition of a route for one parentRef (the verdict of core/spec/attachment, worded), with the fix,
 * the listeners considered, and the listeners it attaches to with its hostnames on each.
 */
function parentVerdict(ctx: Ctx, q: ParentQuery): {
  accepted: _Condition; fix?: string; considered: ListenerInfo[]; attaches: Array<{ listener: ListenerInfo; hosts: string[] }>;
} {
  const { kind, ns, hostnames, pr, pKind, pNs, gw, candidates, parentProblem, allRulesInvalid, ruleProblems } = q;
  let accepted: _Condition;
  let fix: string | undefined;
  let considered: ListenerInfo[] = [];
  let attaches: Array<{ listener: ListenerInfo; hosts: string[] }> = [];
  if (parentProblem) {
    accepted = cond(ctx, 'Accepted', 'False', 'NoMatchingParent', parentProblem);
    fix = 'Make the ListenerSet attach to its Gateway first.';
  } else if (gw?.paramConditions?.accepted.status === 'Unknown') {
    // the Gateway's class is not accepted (gateway-class-params.ts): whether anything reconciles the route is unknown
    accepted = cond(ctx, 'Accepted', 'Unknown', 'Pending', `Gateway ${gw.ns}/${gw.name}: ${gw.paramConditions.accepted.message}`);
  } else {
    const verdict = checkAttachment(
      candidates.map(attachmentListener), { sectionName: pr.sectionName, port: pr.port }, { kind, namespace: ns, hostnames },
      (n) => knownLabels(ctx, n), { undecided: 'reject' },
    );
    const matched = verdict.listeners.map((v) => v.listener.info);
    if (verdict.reason === AttachmentReason.NO_MATCHING_PARENT) {
      const available = candidates.map((l) => `"${l.name}" (port ${l.port})`).join(', ') || 'none';
      const asked = [pr.sectionName !== undefined ? `sectionName "${pr.sectionName}"` : '', pr.port !== undefined ? `port ${pr.port}` : ''].filter((s) => s).join(' and ');
      accepted = cond(ctx, 'Accepted', 'False', 'NoMatchingParent', `No listener of ${pKind} ${pNs}/${pr.name} matches ${asked || 'the parentRef'}; listeners: ${available}.`);
      fix = `Set sectionName to one of the listener names: ${available}.`;
    } else {
      considered = matched;
      const why = verdict.listeners.filter((v) => !v.admitted).map((v) => `${listenerDesc(v.listener.info)}: ${notAllowedWhy(ctx, v.listener.info, kind, ns, v.kindAdmitted !== true)}`);
      const allowed = verdict.listeners.filter((v) => v.admitted).map((v) => v.listener.info);
      if (verdict.reason === AttachmentReason.NOT_ALLOWED_BY_LISTENERS) {
        accepted = cond(ctx, 'Accepted', 'False', 'NotAllowedByListeners', why.join(' '));
        fix = allowedFix(matched[0], kind, ns);
      } else {
        considered = allowed;
        const withHosts = verdict.listeners.filter((v) => v.attaches).map((v) => ({ listener: v.listener.info, hosts: v.hostnames }));
        if (verdict.reason === AttachmentReason.NO_MATCHING_LISTENER_HOSTNAME) {
          const ls = allowed.map((l) => `"${l.name}" (${l.hostname ?? 'any'})`).join(', ');
          accepted = cond(ctx, 'Accepted', 'False', 'NoMatchingListenerHostname', `Route hostnames ${JSON.stringify(hostnames ?? [])} do not intersect the hostname of any allowed listener: ${ls}.`);
          fix = `Use a hostname covered by listener ${ls}, or attach to a listener whose hostname covers ${JSON.stringify(hostnames ?? [])}.`;
        } else if (allRulesInvalid) {
          accepted = cond(ctx, 'Accepted', 'False', ruleProblems[0].reason, `All rules are invalid: ${ruleProblems.map((p) => p.message).join(' ')}`);
          fix = 'Use the values and filter combinations of Gateway API v1.6.1.';
        } else {
          accepted = cond(ctx, 'Accepted', 'True', 'Accepted', `Accepted by ${withHosts.map((w) => `listener "${w.listener.name}"`).join(', ')}.`);
          attaches = withHosts;
        }
      }
    }
  }
  return { accepted, fix, considered, attaches };
}

/** A listener as the semantics core sees it, with the analysis' own record of it. */
interface SpecListener extends AttachmentListener {
  readonly info: ListenerInfo;
}

function attachmentListener(l: ListenerInfo): SpecListener {
  const ar = l.spec.allowedRoutes;
  return {
    info: l,
    name: l.name,
    port: l.port,
    protocol: l.protocol,
    hostname: l.hostname,
    namespace: l.ownerNs,
    allowedRoutes: {
      namespaces: ar?.namespaces ?? {},
      ...(Array.isArray(ar?.kinds) ? { kinds: ar.kinds } : {}),
    },
  };
}

/** Why `l` does not allow a route of `kind` from `ns` (`byKind`: its kind is the reason, else its namespace). */
function notAllowedWhy(ctx: Ctx, l: ListenerInfo, kind: string, ns: string, byKind: boolean): string {
  if (byKind) return `it does not allow ${kind} (allowed kinds: ${l.supportedKinds.join(', ') || 'none'}).`;
  const nsSpec = l.spec.allowedRoutes?.namespaces ?? {};
  const from = nsSpec.from ?? 'Same';
  if (from === 'Same') return `it only allows routes from its own namespace "${l.ownerNs}" (allowedRoutes.namespaces.from: Same), and the route is in "${ns}".`;
  if (from === 'Selector') {
    const labels = namespaceLabels(ctx, ns);
    const known = ctx.nsLabels.has(ns) ? '' : ` (namespace "${ns}" is not in the input: only its implicit label was considered)`;
    return `it only allows routes from namespaces matching ${_describeSelector(nsSpec.selector)}, and namespace "${ns}" has labels ${JSON.stringify(labels)}${known}.`;
  }
  return `allowedRoutes.namespaces.from "${from}" is not supported.`;
}

function allowedFix(l: ListenerInfo, kind: string, ns: string): string {
  if (!l.supportedKinds.includes(kind)) return `Attach the ${kind} to a listener whose protocol supports it, or add ${kind} to allowedRoutes.kinds of ${l.id}.`;
  const nsSpec = l.spec.allowedRoutes?.namespaces ?? {};
  if ((nsSpec.from ?? 'Same') === 'Selector') {
    const labels = Object.entries(nsSpec.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
    return labels
      ? `Label namespace "${ns}" with ${labels} (kubectl label namespace ${ns} ${labels}), or ask the owner of ${l.id} to widen allowedRoutes.namespaces.`
      : `Make namespace "${ns}" match the selector of ${l.id}, or ask its owner to widen allowedRoutes.namespaces.`;
  }
  return `Ask the owner of ${l.id} to allow namespace "${ns}" (allowedRoutes.namespaces.from: Selector or All), or move the route to namespace "${l.ownerNs}".`;
}

/** Rules a conformant controller would drop: unknown enum values (UnsupportedValue), RequestRedirect + URLRewrite (IncompatibleFilters). */
function checkRules(kind: string, rules: any[]): Array<{ rule: number; reason: string; message: string }> {
  const out: Array<{ rule: number; reason: string; message: string }> = [];
  if (kind !== 'HTTPRoute' && kind !== 'GRPCRoute') return out;
  // schema-invalid shapes (not a list, not an object) are the validator's to report: skipped here
  const list = (v: any): any[] => (Array.isArray(v) ? v.filter((x) => x !== null && typeof x === 'object') : []);
  rules.forEach((rule: any, r: number) => {
    const bad: string[] = [];
    const filterTypes = filterTypesOf(kind)!;
    const filters: any[] = [...list(rule?.filters), ...list(rule?.backendRefs).flatMap((b: any) => list(b.filters))];
    for (const f of filters) if (!filterTypes.includes(f?.type)) bad.push(`filter type "${f?.type}"`);
    for (const m of list(rule?.matches)) {
      if (kind === 'HTTPRoute') {
        if (m.path?.type !== undefined && !PATH_TYPES.has(m.path.type)) bad.push(`path match type "${m.path.type}"`);
        if (m.method !== undefined && !HTTP_METHODS.has(m.method)) bad.push(`method "${m.method}"`);
        for (const q of list(m.queryParams)) if (q.type !== undefined && !VALUE_MATCH_TYPES.has(q.type)) bad.push(`query param match type "${q.type}"`);
      } else if (m.method?.type !== undefined && !VALUE_MATCH_TYPES.has(m.method.type)) {
        bad.push(`method match type "${m.method.type}"`);
      }
      for (const h of list(m.headers)) if (h.type !== undefined && !VALUE_MATCH_TYPES.has(h.type)) bad.push(`header match type "${h.type}"`);
    }
    if (bad.length > 0) {
      out.push({ rule: r, reason: 'UnsupportedValue', message: `rules[${r}]: unsupported ${bad.join(', ')}.` });
      return;
    }
    if (incompatibleFilters(list(rule?.filters).map((f: any) => f?.type))) {
      out.push({ rule: r, reason: 'IncompatibleFilters', message: `rules[${r}]: RequestRedirect and URLRewrite cannot be used together.` });
    }
  });
  return out;
}
