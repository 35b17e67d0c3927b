/**
 * Objects that the input's own annotations make a controller create, so that the analysis counts them as existing
 * although no manifest holds them. The analyzer adds them for every caller (synth-time analysis and the CLI alike),
 * so that both give the same verdict on the same objects.
 *
 * Today: the TLS Secrets that cert-manager's gateway-shim issues for a Gateway annotated with
 * `cert-manager.io/issuer` or `cert-manager.io/cluster-issuer` (what `PlatformGateway`'s `certManager` writes).
 */
import { ExternalObject } from './types';
import { listenerTerminatesTls } from '../core/spec/protocols';

/** The annotations that make cert-manager's gateway-shim issue a Gateway's listener certificates. */
export const _CERT_MANAGER_ISSUER_ANNOTATIONS = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer'];

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/**
 * The Secrets cert-manager creates for `gateway`: for each HTTPS (or TLS Terminate) listener with a hostname, the
 * core Secrets its `tls.certificateRefs` name in the Gateway's own namespace (the gateway-shim ignores references into
 * other namespaces). None when the Gateway has no issuer annotation.
 * @internal
 */
export function _certManagerSecrets(gateway: any, namespace: string): ExternalObject[] {
  const annotations = gateway?.metadata?.annotations;
  if (!annotations || typeof annotations !== 'object') return [];
  if (!_CERT_MANAGER_ISSUER_ANNOTATIONS.some((a) => typeof annotations[a] === 'string' && annotations[a] !== '')) return [];
  const listeners = gateway?.spec?.listeners;
  if (!Array.isArray(listeners)) return [];
  const out: ExternalObject[] = [];
  for (const l of listeners) {
    if (!l || typeof l !== 'object' || typeof l.hostname !== 'string' || l.hostname === '') continue;
    if (!listenerTerminatesTls(l.protocol, l.tls?.mode) || !Array.isArray(l.tls?.certificateRefs)) continue;
    for (const ref of l.tls.certificateRefs) {
      if (!ref || typeof ref.name !== 'string') continue;
      if ((ref.group ?? '') !== '' || (ref.kind ?? 'Secret') !== 'Secret') continue;
      if (ref.namespace !== undefined && ref.namespace !== namespace) continue;
      out.push({ group: '', kind: 'Secret', namespace, name: ref.name });
    }
  }
  return out;
}

/**
 * Every object the annotations of `objects` make a controller create (see the module comment), in input order.
 * @internal
 */
export function _impliedObjects(objects: readonly any[], defaultNamespace: string): ExternalObject[] {
  const out: ExternalObject[] = [];
  for (const o of objects) {
    if (!o || typeof o !== 'object' || o.kind !== 'Gateway' || typeof o.apiVersion !== 'string') continue;
    if (!o.apiVersion.startsWith(`${GATEWAY_GROUP}/`)) continue;
    const ns = typeof o.metadata?.namespace === 'string' && o.metadata.namespace !== '' ? o.metadata.namespace : defaultNamespace;
    out.push(..._certManagerSecrets(o, ns));
  }
  return out;
}
