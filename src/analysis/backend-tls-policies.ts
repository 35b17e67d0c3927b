/**
 * BackendTLSPolicy status (GEP-1897, `apis/v1/backendtlspolicy_types.go`, `apis/v1/policy_types.go`): one
 * `status.ancestors[]` entry per Gateway whose accepted routes send traffic to a targeted Service, with `Accepted`
 * and `ResolvedRefs`, and the conflict resolution between policies that target the same Service and sectionName.
 * Internal: the engine calls `_analyzeBackendTlsPolicies` once per analysis.
 */
import { _AttachmentContext, _caCertificateRefProblem, _Cond, _oldestThenName } from './attachment-context';
import { FindingSeverity } from './types';
import { GATEWAY_GROUP } from '../core/spec/names';

/** A Gateway a route is accepted by, as a policy ancestor. @internal */
export interface _AncestorGateway {
  readonly namespace: string;
  readonly name: string;
  readonly controllerName: string;
}

/** One analysed route, as far as policies care: where it is accepted and which backends it sends traffic to. @internal */
export interface _RouteReach {
  readonly kind: string;
  readonly namespace: string;
  /** The route's backendRefs (rules and RequestMirror filters), as written. */
  readonly backendRefs: any[];
  /** The Gateways that accept the route (at least one listener attached). */
  readonly gateways: _AncestorGateway[];
}

interface CaProblem { reason: string; message: string }

interface TargetOutcome {
  /** `ns/service` */
  readonly service: string;
  readonly sectionName?: string;
  /** Why the policy does not attach to this target; undefined when it does. */
  problem?: { reason: string; message: string };
}

/**
 * Which Gateways send traffic to which Services: `ns/service` → Gateways (by `ns/name`). Only backendRefs that resolve
 * to a core Service count (same namespace, or allowed by a ReferenceGrant).
 * @internal
 */
export function _serviceAncestors(ctx: _AttachmentContext, routes: Iterable<_RouteReach>): Map<string, Map<string, _AncestorGateway>> {
  const out = new Map<string, Map<string, _AncestorGateway>>();
  for (const r of routes) {
    if (r.gateways.length === 0) continue;
    for (const ref of r.backendRefs) {
      if (!ref || (ref.group ?? '') !== '' || (ref.kind ?? 'Service') !== 'Service' || typeof ref.name !== 'string') continue;
      const ns = ref.namespace ?? r.namespace;
      if (ns !== r.namespace && !ctx.grantAllows(GATEWAY_GROUP, r.kind, r.namespace, '', 'Service', ref.name, ns)) continue;
      const key = `${ns}/${ref.name}`;
      const gws = out.get(key) ?? new Map<string, _AncestorGateway>();
      for (const g of r.gateways) gws.set(`${g.namespace}/${g.name}`, g);
      out.set(key, gws);
    }
  }
  return out;
}

/**
 * Writes `status.ancestors` on every BackendTLSPolicy of `policies` (the engine's shallow copies) and reports findings.
 * @internal
 */
export function _analyzeBackendTlsPolicies(
  ctx: _AttachmentContext, policies: any[], ancestorsByService: Map<string, Map<string, _AncestorGateway>>,
): void {
  // conflict resolution: per Service + sectionName (none is its own key), the oldest policy wins, then by name
  const claims = new Map<string, any[]>();
  for (const p of policies) {
    const ns = ctx.namespaceOf(p);
    for (const t of targetsOf(p)) {
      if (!isServiceTarget(t)) continue;
      const k = `${ns}/${t.name}#${t.sectionName ?? ''}`;
      claims.set(k, [...(claims.get(k) ?? []), p]);
    }
  }
  const winners = new Map<string, any>();
  for (const [k, list] of claims) {
    winners.set(k, [...list].sort((a, b) => _oldestThenName(a, b, ctx.namespaceOf(a), ctx.namespaceOf(b)))[0]);
  }
  for (const p of policies) analyzePolicy(ctx, p, winners, ancestorsByService);
}

function targetsOf(p: any): any[] {
  const t = p?.spec?.targetRefs;
  return Array.isArray(t) ? t.filter((x) => x && typeof x === 'object') : [];
}

function isServiceTarget(t: any): boolean {
  return (t.group ?? '') === '' && t.kind === 'Service' && typeof t.name === 'string';
}

function analyzePolicy(
  ctx: _AttachmentContext, p: any, winners: Map<string, any>, ancestorsByService: Map<string, Map<string, _AncestorGateway>>,
): void {
  const ns = ctx.namespaceOf(p);
  const name = p.metadata?.name ?? '';
  const ref = ctx.refOf(p);
  const what = `BackendTLSPolicy ${ns}/${name}`;

  // ---- ResolvedRefs: the CA certificate references (local: same namespace as the policy) -------------------
  const caRefs: any[] = Array.isArray(p.spec?.validation?.caCertificateRefs) ? p.spec.validation.caCertificateRefs : [];
  const problems: CaProblem[] = [];
  caRefs.forEach((c: any, i: number) => {
    const problem = _caCertificateRefProblem(ctx, c, ns, `validation.caCertificateRefs[${i}] ${c?.kind ?? ''} "${c?.name}"`, 'InvalidKind');
    if (problem) problems.push(problem);
  });
  const noValidCa = caRefs.length > 0 && problems.length === caRefs.length;
  const resolvedRefs: _Cond = problems.length === 0
    ? ctx.cond('ResolvedRefs', 'True', 'ResolvedRefs', 'All CA certificate references resolve.')
    : ctx.cond('ResolvedRefs', 'False', problems[0].reason, problems.map((x) => x.message).join(' '));
  if (problems.length > 0) {
    ctx.report({
      severity: FindingSeverity.ERROR,
      objectRef: ref,
      conditionType: 'ResolvedRefs',
      reason: problems[0].reason,
      message: `${what}: ${resolvedRefs.message}${noValidCa ? ' No CA certificate is valid, so the policy is not accepted (Accepted False NoValidCACertificate) and connections to the backend fail.' : ' Connections that use an invalid CA certificate reference fail with a 5xx.'}`,
      fix: problems[0].reason === 'InvalidKind'
        ? 'Refer to a core ConfigMap (group "", kind ConfigMap) that holds the CA bundle under the key ca.crt.'
        : `Create the ConfigMap in namespace "${ns}" with the CA certificate under the key ca.crt (kubectl create configmap <name> -n ${ns} --from-file=ca.crt=<file>), or fix the reference.`,
    });
  }

  // ---- targets: existence, sectionName, conflicts ------------------------------------------------------------
  const outcomes: TargetOutcome[] = [];
  targetsOf(p).forEach((t: any, i: number) => {
    if (!isServiceTarget(t)) {
      ctx.report({
        severity: FindingSeverity.WARNING,
        objectRef: ref,
        conditionType: 'Accepted',
        reason: 'Pending',
        message: `${what}: targetRefs[${i}] is ${t.group ? t.group + '/' : ''}${t.kind} "${t.name}"; only core Service targets have Extended support, other kinds are implementation-specific and not analysed.`,
        fix: 'Target the core Service (group "", kind Service) the routes send traffic to.',
      });
      return;
    }
    const service = `${ns}/${t.name}`;
    const o: TargetOutcome = { service, ...(t.sectionName ? { sectionName: t.sectionName } : {}) };
    outcomes.push(o);
    const state = ctx.refState('', 'Service', ns, t.name);
    if (state === 'missing') {
      o.problem = { reason: 'TargetNotFound', message: `target Service ${service} does not exist.` };
      ctx.report({
        severity: FindingSeverity.WARNING,
        objectRef: ref,
        conditionType: 'Accepted',
        reason: 'TargetNotFound',
        message: `${what}: target Service ${service} does not exist; the policy applies to nothing.`,
        fix: `Create the Service ${service}, or fix targetRefs[${i}].name.`,
      });
      return;
    }
    if (t.sectionName && state === 'found') {
      const ports: any[] = ctx.lookup('', 'Service', ns, t.name)?.spec?.ports;
      if (Array.isArray(ports) && !ports.some((port) => port?.name === t.sectionName)) {
        const names = ports.map((port) => port?.name).filter((n) => n).join(', ') || 'none';
        o.problem = { reason: 'TargetNotFound', message: `target Service ${service} has no port named "${t.sectionName}" (port names: ${names}).` };
        ctx.report({
          severity: FindingSeverity.ERROR,
          objectRef: ref,
          conditionType: 'Accepted',
          reason: 'TargetNotFound',
          message: `${what}: targetRefs[${i}].sectionName "${t.sectionName}" is not a port name of Service ${service} (port names: ${names}); the policy does not attach, so the Gateway connects without this TLS configuration.`,
          fix: `Set sectionName to one of the Service's port names (${names}), or remove it to cover every port.`,
        });
        return;
      }
    }
    const winner = winners.get(`${service}#${t.sectionName ?? ''}`);
    if (winner && winner !== p) {
      const wns = ctx.namespaceOf(winner);
      const section = t.sectionName ? ` port "${t.sectionName}"` : '';
      const why = typeof winner.metadata?.creationTimestamp === 'string' && typeof p.metadata?.creationTimestamp === 'string' && winner.metadata.creationTimestamp !== p.metadata.creationTimestamp
        ? 'it is older (creationTimestamp)'
        : 'it comes first alphabetically (namespace/name; without creationTimestamps the age is unknown offline)';
      o.problem = { reason: 'Conflicted', message: `BackendTLSPolicy ${wns}/${winner.metadata?.name} also targets Service ${service}${section} and takes precedence: ${why}.` };
      ctx.report({
        severity: FindingSeverity.ERROR,
        objectRef: ref,
        conditionType: 'Accepted',
        reason: 'Conflicted',
        message: `${what} is not applied to Service ${service}${section}: ${o.problem.message}`,
        fix: 'Merge the two policies, or delete one of them (or target another sectionName).',
      });
    }
  });

  // ---- Accepted, per ancestor Gateway ---------------------------------------------------------------------------
  const ancestors = new Map<string, { gw: _AncestorGateway; outcomes: TargetOutcome[] }>();
  for (const o of outcomes) {
    for (const [k, gw] of ancestorsByService.get(o.service) ?? new Map<string, _AncestorGateway>()) {
      const a = ancestors.get(k) ?? { gw, outcomes: [] };
      a.outcomes.push(o);
      ancestors.set(k, a);
    }
  }
  const wellKnown = p.spec?.validation?.wellKnownCACertificates;
  const entries = [...ancestors.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => {
    const failing = a.outcomes.filter((o) => o.problem);
    let accepted: _Cond;
    if (failing.length === a.outcomes.length) {
      const first = failing.find((o) => o.problem!.reason === 'TargetNotFound') ?? failing[0];
      accepted = ctx.cond('Accepted', 'False', first.problem!.reason, failing.map((o) => o.problem!.message).join(' '));
    } else if (noValidCa) {
      accepted = ctx.cond('Accepted', 'False', 'NoValidCACertificate', `All ${caRefs.length} CA certificate reference(s) are invalid: see ResolvedRefs.`);
    } else if (wellKnown) {
      accepted = ctx.cond('Accepted', 'Unknown', 'Pending',
        `validation.wellKnownCACertificates "${wellKnown}" has implementation-specific support: a controller that does not support it sets Accepted False with reason Invalid; which one ${a.gw.controllerName} does is not knowable offline.`);
    } else {
      const note = failing.length > 0 ? ` Not applied to: ${failing.map((o) => o.problem!.message).join(' ')}` : '';
      accepted = ctx.cond('Accepted', 'True', 'Accepted', `Policy is accepted.${note}`);
    }
    return {
      ancestorRef: { group: GATEWAY_GROUP, kind: 'Gateway', namespace: a.gw.namespace, name: a.gw.name },
      controllerName: a.gw.controllerName,
      conditions: [accepted, resolvedRefs],
    };
  });
  p.status = { ...(p.status ?? {}), ancestors: entries };
}
