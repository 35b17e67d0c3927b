/**
 * What the attachment-analysis extensions (BackendTLSPolicy, Gateway TLS references, GatewayClass parameters,
 * ListenerSet conflicts, L4 routes, mesh routes) need from the engine: the engine builds one of these per analysis
 * and passes it in, so the extensions import nothing from the engine. Internal.
 */
import { AnalysisFinding, AnalysisObjectRef } from './types';

/** A condition as written in status (same shape as the engine's). @internal */
export interface _Cond {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime: string;
}

/** Whether a referent exists: in the input, missing, or unknown (partial input). @internal */
export type _RefState = 'found' | 'missing' | 'unknown';

/** The engine's services, for the extensions. @internal */
export interface _AttachmentContext {
  /** The namespace of objects without one. */
  readonly defaultNamespace: string;
  /** A condition with the analysis' `lastTransitionTime`. */
  cond(type: string, status: string, reason: string, message: string): _Cond;
  /** Records a finding. */
  report(finding: AnalysisFinding): void;
  /** Whether group/kind/ns/name exists (see `MissingReferencePolicy`); `ns` is `''` for cluster-scoped kinds. */
  refState(group: string, kind: string, ns: string, name: string): _RefState;
  /** The input object group/kind/ns/name, when it is in the input. */
  lookup(group: string, kind: string, ns: string, name: string): any | undefined;
  /** Whether a ReferenceGrant in `toNs` allows `fromKind`s of `fromNs` to refer to `toKind` `toName`. */
  grantAllows(fromGroup: string, fromKind: string, fromNs: string, toGroup: string, toKind: string, toName: string, toNs: string): boolean;
  /** The namespace of an input object after defaulting (`''` for cluster-scoped kinds). */
  namespaceOf(obj: any): string;
  /** The finding reference of an input object. */
  refOf(obj: any): AnalysisObjectRef;
}

/** Keys of a Secret's or ConfigMap's data (`data`, `stringData`, `binaryData`); undefined when it has none at all. @internal */
export function _dataKeys(obj: any): Set<string> | undefined {
  const maps = [obj?.data, obj?.stringData, obj?.binaryData].filter((m) => m && typeof m === 'object');
  if (maps.length === 0) return undefined;
  const keys = new Set<string>();
  for (const m of maps) for (const k of Object.keys(m)) keys.add(k);
  return keys;
}

/**
 * Oldest first by `metadata.creationTimestamp` (when both have one), then alphabetically by `namespace/name`: the
 * conflict-resolution order the spec uses for ListenerSets and policies.
 * @internal
 */
export function _oldestThenName(a: any, b: any, nsA: string, nsB: string): number {
  const ta = a?.metadata?.creationTimestamp;
  const tb = b?.metadata?.creationTimestamp;
  if (typeof ta === 'string' && typeof tb === 'string' && ta !== tb) return ta < tb ? -1 : 1;
  const na = `${nsA}/${a?.metadata?.name ?? ''}`;
  const nb = `${nsB}/${b?.metadata?.name ?? ''}`;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/**
 * Why a CA certificate reference (a core ConfigMap — Core support — or Secret holding the bundle under `ca.crt`) is
 * invalid; undefined when it is valid or unknown (partial input). `kindReason` is the reason for an unsupported kind
 * (`InvalidKind` on BackendTLSPolicy, `InvalidCACertificateKind` on listeners); `permitted` says whether a
 * reference to another namespace is allowed (checked after the kind, before existence).
 * @internal
 */
export function _caCertificateRefProblem(
  ctx: _AttachmentContext, ref: any, ns: string, where: string, kindReason: string, permitted?: () => string | undefined,
): { reason: string; message: string } | undefined {
  const group = ref?.group ?? '';
  const kind = ref?.kind ?? '';
  if (group !== '' || (kind !== 'ConfigMap' && kind !== 'Secret')) {
    return { reason: kindReason, message: `${where}: kind ${group ? group + '/' : ''}${kind} is not supported (a core ConfigMap with the key ca.crt has Core support).` };
  }
  const denied = permitted?.();
  if (denied) return { reason: 'RefNotPermitted', message: `${where} ${denied}` };
  const state = ctx.refState('', kind, ns, ref.name);
  if (state === 'missing') return { reason: 'InvalidCACertificateRef', message: `${where} does not exist in namespace "${ns}".` };
  const keys = state === 'found' ? _dataKeys(ctx.lookup('', kind, ns, ref.name)) : undefined;
  if (keys && !keys.has('ca.crt')) return { reason: 'InvalidCACertificateRef', message: `${where} has no key "ca.crt" (keys: ${[...keys].sort().join(', ') || 'none'}).` };
  return undefined;
}
