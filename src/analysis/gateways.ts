/**
 * Gateways and their listeners: protocols and route kinds, certificate references, conflicts, and their status.
 * Part of the analysis engine (see engine.ts); internal.
 */
import { cond, Ctx, finding, GatewayInfo, GW, listenerDesc, ListenerInfo, nsOf, objRef, refState } from './context';
import { _gatewayParameterConditions, _staticAddressProgrammed } from './gateway-class-params';
import { _applyFrontendValidation, _gatewayTlsConditions, _malformedCertificateSecret, _TLS_REF_FIXES } from './gateway-tls-refs';
import { _claimPort, _ConflictListener } from './listener-conflicts';
import { grantAllows } from './references';
import { FindingSeverity } from './types';
import { CORE_PROTOCOLS, familiesCanSharePort, listenerRouteKinds, listenerTerminatesTls, protocolFamily } from '../core/spec/protocols';

export function analyzeGateway(ctx: Ctx, obj: any, classes: Map<string, any>): GatewayInfo {
  const ns = nsOf(ctx, obj);
  const name = obj.metadata?.name ?? '';
  const className = obj.spec?.gatewayClassName ?? '';
  const cls = classes.get(className);
  const controllerName = cls?.spec?.controllerName ?? `unknown-controller/${className}`;
  if (!cls && refState(ctx, GW, 'GatewayClass', '', className) === 'missing') {
    finding(ctx, {
      severity: FindingSeverity.ERROR,
      objectRef: objRef(ctx, obj),
      conditionType: 'Accepted',
      reason: 'Pending',
      message: `Gateway ${ns}/${name}: GatewayClass "${className}" is not in the input, so no controller would reconcile this Gateway (its status would stay Pending).`,
      fix: `Create the GatewayClass "${className}", fix spec.gatewayClassName, or declare the class as an external object.`,
    });
  }
  const gw: GatewayInfo = {
    obj,
    ns,
    name,
    className,
    controllerName,
    listeners: [],
    byName: new Map(),
    accepted: true,
    attachedListenerSets: 0,
    hasListenerSets: obj.spec?.allowedListeners !== undefined,
    ports: new Map(),
  };
  for (const l of obj.spec?.listeners ?? []) {
    const info = analyzeListener(ctx, l, 'Gateway', ns, name);
    _applyFrontendValidation(ctx.ext, obj, info);
    gw.listeners.push(info);
    gw.byName.set(info.name, info);
  }
  gatewayConflicts(ctx, gw.listeners);
  for (const l of gw.listeners) _claimPort(gw.ports, l);
  for (const l of gw.listeners) finishListener(ctx, l, obj);
  const invalid = gw.listeners.filter((l) => !listenerValid(l));
  gw.accepted = gw.listeners.length === 0 || invalid.length < gw.listeners.length;
  gw.paramConditions = _gatewayParameterConditions(ctx.ext, obj, cls);
  if (gw.paramConditions && gw.paramConditions.accepted.status !== 'True') gw.accepted = false;
  return gw;
}

export function listenerValid(l: ListenerInfo): boolean {
  return l.accepted.status === 'True' && l.resolvedRefs.status === 'True' && l.conflicted.status === 'False';
}

export function analyzeListener(ctx: Ctx, l: any, ownerKind: string, ownerNs: string, ownerName: string): ListenerInfo {
  const name = String(l.name ?? '');
  const protocol = String(l.protocol ?? '');
  const port = Number(l.port);
  const family = protocolFamily(protocol);
  const id = `${ownerNs}/${ownerName}/${name}`;
  const info: ListenerInfo = {
    id,
    name,
    port,
    protocol,
    hostname: l.hostname || undefined,
    spec: l,
    ownerKind,
    ownerNs,
    ownerName,
    family,
    supportedKinds: [],
    accepted: cond(ctx, 'Accepted', 'True', 'Accepted', 'Listener is accepted.'),
    resolvedRefs: cond(ctx, 'ResolvedRefs', 'True', 'ResolvedRefs', 'All references are resolved.'),
    conflicted: cond(ctx, 'Conflicted', 'False', 'NoConflicts', 'No conflicts.'),
    certProblem: false,
    attachedRoutes: 0,
  };
  const kinds = listenerRouteKinds(protocol, Array.isArray(l.allowedRoutes?.kinds) ? l.allowedRoutes.kinds : undefined);
  if (!kinds.supported) {
    info.accepted = cond(ctx, 'Accepted', 'False', 'UnsupportedProtocol', `Protocol "${protocol}" is not supported (supported: ${CORE_PROTOCOLS.join(', ')}).`);
    return info;
  }

  const problems: Array<{ reason: string; message: string }> = [];
  // TLS certificate references (HTTPS, and TLS in Terminate mode)
  if (listenerTerminatesTls(protocol, l.tls?.mode)) {
    for (const ref of l.tls?.certificateRefs ?? []) {
      const group = ref.group ?? '';
      const kind = ref.kind ?? 'Secret';
      const ns = ref.namespace ?? ownerNs;
      const what = `certificateRef ${kind} ${ns}/${ref.name}`;
      if (!(group === '' && kind === 'Secret')) {
        problems.push({ reason: 'InvalidCertificateRef', message: `${what}: kind ${group ? group + '/' : ''}${kind} is not supported (use a core Secret).` });
      } else if (ns !== ownerNs && !grantAllows(ctx, GW, ownerKind, ownerNs, '', 'Secret', ref.name, ns)) {
        problems.push({ reason: 'RefNotPermitted', message: `${what} is in another namespace and no ReferenceGrant in "${ns}" allows ${ownerKind}s from "${ownerNs}" to refer to it.` });
      } else {
        const state = refState(ctx, '', 'Secret', ns, ref.name);
        const malformed = state === 'found' ? _malformedCertificateSecret(ctx.ext, ns, ref.name) : undefined;
        if (state === 'missing') problems.push({ reason: 'InvalidCertificateRef', message: `${what} does not exist.` });
        else if (malformed) problems.push({ reason: 'InvalidCertificateRef', message: `${what} ${malformed}` });
      }
    }
    if (problems.length > 0) info.certProblem = true;
  }
  // route kinds
  info.supportedKinds = kinds.supported;
  if (kinds.invalid.length > 0) {
    problems.push({ reason: 'InvalidRouteKinds', message: `Route kinds ${kinds.invalid.join(', ')} are not supported on a ${protocol} listener (supported: ${listenerRouteKinds(protocol, undefined).supported!.join(', ')}).` });
  }
  if (problems.length > 0) {
    info.resolvedRefs = cond(ctx, 'ResolvedRefs', 'False', problems[0].reason, problems.map((p) => p.message).join(' '));
  }
  return info;
}

export function hostKey(l: { readonly family?: string; readonly hostname?: string }): string {
  return l.family === 'tcp' || l.family === 'udp' ? `${l.family}|` : `${l.family}|${l.hostname ?? ''}`;
}

/** Conflicts among the listeners of one Gateway (or one ListenerSet): every listener involved is marked. */
export function gatewayConflicts(ctx: Ctx, listeners: _ConflictListener[]): void {
  const byPort = new Map<number, _ConflictListener[]>();
  for (const l of listeners) {
    if (!l.family) continue;
    const list = byPort.get(l.port) ?? [];
    list.push(l);
    byPort.set(l.port, list);
  }
  for (const [port, list] of byPort) {
    if (!familiesCanSharePort(list.map((l) => l.family!))) {
      const protocols = [...new Set(list.map((l) => l.protocol))].join(', ');
      for (const l of list) {
        l.conflicted = cond(ctx, 'Conflicted', 'True', 'ProtocolConflict', `Port ${port} is used by listeners with incompatible protocols (${protocols}).`);
      }
      continue;
    }
    const byHost = new Map<string, _ConflictListener[]>();
    for (const l of list) {
      const k = hostKey(l);
      byHost.set(k, [...(byHost.get(k) ?? []), l]);
    }
    for (const same of byHost.values()) {
      if (same.length < 2) continue;
      for (const l of same) {
        const others = same.filter((o) => o !== l).map((o) => `"${o.name}"`).join(', ');
        l.conflicted = cond(ctx, 'Conflicted', 'True', 'HostnameConflict', `Listener ${others} on port ${port} has the same protocol family and hostname (${l.hostname ?? 'none'}).`);
      }
    }
  }
}

/** Programmed, and the findings of one listener. */
export function finishListener(ctx: Ctx, l: ListenerInfo, owner: any): void {
  const ok = l.accepted.status === 'True' && l.conflicted.status === 'False' && !l.certProblem && l.supportedKinds.length > 0;
  l.programmed = ok
    ? cond(ctx, 'Programmed', 'True', 'Programmed', 'Listener is programmed.')
    : l.accepted.reason === 'PortUnavailable'
      ? cond(ctx, 'Programmed', 'False', 'PortUnavailable', l.accepted.message)
      : cond(ctx, 'Programmed', 'False', 'Invalid', 'Listener is invalid: see its other conditions.');
  const fixes: { [reason: string]: string } = {
    UnsupportedProtocol: 'Use one of the core protocols HTTP, HTTPS, TLS, TCP, UDP.',
    InvalidCertificateRef: 'Point tls.certificateRefs at an existing core Secret of type kubernetes.io/tls.',
    RefNotPermitted: 'Add a ReferenceGrant in the Secret\'s namespace that allows this Gateway/ListenerSet namespace to refer to the Secret.',
    InvalidRouteKinds: 'Only list route kinds that the listener protocol supports in allowedRoutes.kinds.',
    ProtocolConflict: 'Use a different port for listeners of incompatible protocols.',
    PortUnavailable: 'Use a port/hostname that no listener of higher precedence (the Gateway\'s own, older ListenerSets) uses.',
    Invalid: 'Fix the listener\'s references (see its ResolvedRefs condition).',
    HostnameConflict: 'Give each listener on this port a distinct hostname.',
  };
  for (const c of [l.accepted, l.resolvedRefs, l.conflicted]) {
    if (c === l.accepted && (c.reason === 'PortUnavailable' || c.reason === 'Invalid')) continue; // reported by Conflicted / ResolvedRefs
    const bad = c.type === 'Conflicted' ? c.status === 'True' : c.status !== 'True';
    if (!bad) continue;
    finding(ctx, {
      severity: FindingSeverity.ERROR,
      objectRef: objRef(ctx, owner),
      listener: l.id,
      conditionType: c.type,
      reason: c.reason,
      message: `${listenerDesc(l)}: ${c.message}`,
      fix: fixes[c.reason] ?? _TLS_REF_FIXES[c.reason],
    });
  }
}

export function listenerStatus(l: ListenerInfo): any {
  return {
    name: l.name,
    supportedKinds: l.supportedKinds.map((kind) => ({ group: GW, kind })),
    attachedRoutes: l.attachedRoutes,
    conditions: [l.accepted, l.programmed, l.resolvedRefs, l.conflicted, ...(l.overlappingTls ? [l.overlappingTls] : [])],
  };
}

export function writeGatewayStatus(ctx: Ctx, gw: GatewayInfo): void {
  const invalid = gw.listeners.filter((l) => !listenerValid(l)).length;
  const accepted = invalid === 0
    ? cond(ctx, 'Accepted', 'True', 'Accepted', 'Gateway is accepted.')
    : cond(ctx, 'Accepted', gw.accepted ? 'True' : 'False', 'ListenersNotValid', `${invalid} of ${gw.listeners.length} listener(s) are not valid.`);
  const programmed = gw.accepted
    ? cond(ctx, 'Programmed', 'True', 'Programmed', 'Gateway is programmed.')
    : cond(ctx, 'Programmed', 'False', 'Invalid', 'Gateway is not accepted.');
  const decided = gw.paramConditions
    ? [gw.paramConditions.accepted, gw.paramConditions.programmed]
    : [accepted, (gw.accepted ? _staticAddressProgrammed(ctx.ext, gw.obj) : undefined) ?? programmed];
  gw.obj.status = {
    ...(gw.obj.status ?? {}),
    conditions: [...decided, ..._gatewayTlsConditions(ctx.ext, gw.obj, gw.listeners)],
    listeners: gw.listeners.map(listenerStatus),
    ...(gw.hasListenerSets ? { attachedListenerSets: gw.attachedListenerSets } : {}),
  };
}
