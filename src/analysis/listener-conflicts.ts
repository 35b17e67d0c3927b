/**
 * ListenerSet listeners merged into their parent Gateway (GEP-1713, `apis/v1/listenerset_types.go`): the Gateway's
 * own listeners take precedence, then ListenerSets by creation time (oldest first), then by `namespace/name`. A
 * listener that clashes with one of higher precedence on the same port (incompatible protocol, or the same protocol
 * family and hostname) is not accepted: `Accepted` False `PortUnavailable`, `Conflicted` True
 * `ProtocolConflict`/`HostnameConflict`, and the message names the listener that keeps the port. Internal.
 */
import { _AttachmentContext, _Cond, _oldestThenName } from './attachment-context';

/** The fields of a listener the merge reads and writes (the engine's listener record has them). @internal */
export interface _ConflictListener {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly hostname?: string;
  /** Protocol family (http, tls, tcp, udp); undefined for an unsupported protocol (never conflicts). */
  readonly family?: string;
  readonly ownerKind: string;
  readonly ownerNs: string;
  readonly ownerName: string;
  accepted: _Cond;
  conflicted: _Cond;
}

/** The protocol rules the engine owns, passed in so that they live in one place. @internal */
export interface _ListenerRules {
  /** Whether listeners of these protocol families can share a port. */
  compatibleFamilies(families: Iterable<string>): boolean;
  /** The key two listeners of one port share when their hostnames clash (family + hostname). */
  hostKey(l: _ConflictListener): string;
  /** Marks the conflicts among the listeners of one owner (every listener involved). */
  markConflicts(listeners: _ConflictListener[]): void;
}

/** The listeners that hold each port of a Gateway, in precedence order. @internal */
export type _PortClaims = Map<number, _ConflictListener[]>;

/** Records that `l` holds its port (listeners with an unsupported protocol hold nothing). @internal */
export function _claimPort(claims: _PortClaims, l: _ConflictListener): void {
  if (!l.family) return;
  const list = claims.get(l.port);
  if (list) list.push(l);
  else claims.set(l.port, [l]);
}

/** ListenerSets in the spec's merge order: oldest `creationTimestamp` first, then `namespace/name`. @internal */
export function _listenerSetOrder<T extends { obj: any }>(ctx: _AttachmentContext, sets: T[]): T[] {
  return [...sets].sort((a, b) => _oldestThenName(a.obj, b.obj, ctx.namespaceOf(a.obj), ctx.namespaceOf(b.obj)));
}

function describe(l: _ConflictListener): string {
  return `listener "${l.name}" of ${l.ownerKind} ${l.ownerNs}/${l.ownerName} (${l.protocol}, hostname ${l.hostname ?? '(none)'})`;
}

/**
 * Merges the listeners of one ListenerSet into its Gateway's `claims`: conflicts inside the ListenerSet mark every
 * listener involved (as on a Gateway); a listener that clashes with a listener of higher precedence loses. The
 * listeners that win are added to `claims`.
 * @internal
 */
export function _mergeListenerSet(
  ctx: _AttachmentContext, rules: _ListenerRules, claims: _PortClaims, gateway: string, listeners: _ConflictListener[],
): void {
  rules.markConflicts(listeners);
  for (const l of listeners) {
    if (!l.family || l.conflicted.status === 'True') continue;
    const holders = claims.get(l.port) ?? [];
    const protocolClash = holders.find((h) => !rules.compatibleFamilies([h.family!, l.family!]));
    if (protocolClash) {
      const msg = `Port ${l.port} is already used on Gateway ${gateway} by ${describe(protocolClash)}, which takes precedence and has an incompatible protocol.`;
      l.conflicted = ctx.cond('Conflicted', 'True', 'ProtocolConflict', msg);
      l.accepted = ctx.cond('Accepted', 'False', 'PortUnavailable', msg);
      continue;
    }
    const key = rules.hostKey(l);
    const hostClash = holders.find((h) => rules.hostKey(h) === key);
    if (hostClash) {
      const msg = `Port ${l.port} with hostname ${l.hostname ?? '(none)'} is already used on Gateway ${gateway} by ${describe(hostClash)}, which takes precedence.`;
      l.conflicted = ctx.cond('Conflicted', 'True', 'HostnameConflict', msg);
      l.accepted = ctx.cond('Accepted', 'False', 'PortUnavailable', msg);
      continue;
    }
    _claimPort(claims, l);
  }
}
