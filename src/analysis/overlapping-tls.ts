/**
 * `OverlappingTLSConfig` (`apis/v1/gateway_types.go`; conformance GatewayOverlappingTLSConfigHostnames): listeners
 * that terminate TLS on the same port with hostnames that overlap (one matches names the other matches, e.g.
 * `*.example.com` and `foo.example.com`, or no hostname and any) get `OverlappingTLSConfig` True
 * `OverlappingHostnames` — every listener involved. HTTP connection coalescing can then send a request over a
 * connection set up with the other listener's certificate. A negative-polarity condition: never written False.
 * Identical hostnames are a `HostnameConflict` (Conflicted) instead; conflicted listeners are left out.
 * `OverlappingCertificates` needs the certificates' SANs and is not predicted. Internal.
 */
import { _AttachmentContext, _Cond } from './attachment-context';
import { _ConflictListener } from './listener-conflicts';
import { FindingSeverity } from './types';
import { hostnamesIntersect } from '../core/spec/hostnames';
import { GATEWAY_GROUP } from '../core/spec/names';
import { listenerTerminatesTls } from '../core/spec/protocols';

/** The listener fields this check reads and writes. @internal */
export interface _TlsOverlapListener extends _ConflictListener {
  readonly spec: any;
  overlappingTls?: _Cond;
}

function terminatesTls(l: _TlsOverlapListener): boolean {
  return listenerTerminatesTls(l.protocol, l.spec?.tls?.mode);
}

function overlaps(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return false; // identical (or both none): HostnameConflict, not an overlap
  if (!a || !b) return true; // no hostname matches every name
  return hostnamesIntersect(a, b);
}

function describe(l: _TlsOverlapListener): string {
  return `listener "${l.name}" of ${l.ownerKind} ${l.ownerNs}/${l.ownerName} (hostname ${l.hostname ?? '(any)'})`;
}

/**
 * Marks the overlapping TLS listeners among `byPort` (the listeners of one Gateway, merged with its ListenerSets',
 * per port) and reports one warning per listener.
 * @internal
 */
export function _markOverlappingTls(ctx: _AttachmentContext, byPort: Iterable<readonly _TlsOverlapListener[]>): void {
  for (const listeners of byPort) {
    const tls = listeners.filter((l) => terminatesTls(l) && l.conflicted.status !== 'True');
    if (tls.length < 2) continue;
    for (const l of tls) {
      const others = tls.filter((o) => o !== l && overlaps(l.hostname, o.hostname));
      if (others.length === 0) continue;
      const message = `Hostname ${l.hostname ?? '(any)'} on port ${l.port} overlaps with ${others.map(describe).join(', ')}: with HTTP connection coalescing, a request can reuse a connection set up with the other listener's certificate.`;
      l.overlappingTls = ctx.cond('OverlappingTLSConfig', 'True', 'OverlappingHostnames', message);
      ctx.report({
        severity: FindingSeverity.WARNING,
        objectRef: { group: GATEWAY_GROUP, kind: l.ownerKind, name: l.ownerName, namespace: l.ownerNs },
        listener: `${l.ownerNs}/${l.ownerName}/${l.name}`,
        conditionType: 'OverlappingTLSConfig',
        reason: 'OverlappingHostnames',
        message: `${describe(l)}: ${message}`,
        fix: 'Give the listeners hostnames that do not overlap, or put them on different ports; or make sure their certificates cover each other\'s hostnames.',
      });
    }
  }
}
