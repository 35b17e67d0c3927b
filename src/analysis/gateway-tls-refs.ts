/**
 * Gateway TLS references (`apis/v1/gateway_types.go`):
 *
 * - listener `tls.certificateRefs` to a malformed Secret (not `kubernetes.io/tls`, or without `tls.crt`/`tls.key`):
 *   `ResolvedRefs` False `InvalidCertificateRef` (the engine checks missing Secrets, kinds and ReferenceGrants);
 * - frontend client-certificate validation (`spec.tls.frontend.default.validation`, overridden per port by
 *   `spec.tls.frontend.perPort[]`, GEP-91/GEP-3567) on HTTPS listeners: `ResolvedRefs` False
 *   `InvalidCACertificateRef`/`InvalidCACertificateKind`/`RefNotPermitted`, and `Accepted` False
 *   `NoValidCACertificate` when no CA certificate reference is valid; the Gateway condition
 *   `InsecureFrontendValidationMode` True `ConfigurationChanged` for `AllowInsecureFallback`;
 * - `spec.tls.backend.clientCertificateRef`: the Gateway's `ResolvedRefs` False `InvalidClientCertificateRef` or
 *   `RefNotPermitted` (the Gateway stays Accepted).
 *
 * Internal.
 */
import { _AttachmentContext, _caCertificateRefProblem, _Cond, _dataKeys } from './attachment-context';
import { FindingSeverity } from './types';
import { GATEWAY_GROUP } from '../core/spec/names';

/** Fixes for the listener reasons this module adds (the engine's listener findings use them). @internal */
export const _TLS_REF_FIXES: { readonly [reason: string]: string } = {
  InvalidCACertificateRef: 'Point tls.frontend…validation.caCertificateRefs at an existing ConfigMap with the CA bundle under the key ca.crt.',
  InvalidCACertificateKind: 'Refer to a core ConfigMap (group "", kind ConfigMap) for client-certificate validation.',
  NoValidCACertificate: 'Fix the CA certificate references of the client-certificate validation (see the listener\'s ResolvedRefs condition).',
};

/**
 * Why a Secret used as a TLS certificate/key pair is malformed: it has data (`data`/`stringData`) without `tls.crt`
 * or `tls.key`. Undefined when it is fine, or when its content is not in the input (a Secret without data is taken
 * as filled in elsewhere, e.g. by cert-manager or a secrets operator). A `type` other than `kubernetes.io/tls` with
 * both keys is implementation-specific support (Core is `kubernetes.io/tls`), not an error.
 * @internal
 */
export function _tlsSecretProblem(secret: any): string | undefined {
  const keys = _dataKeys(secret);
  if (!keys) return undefined;
  const missing = ['tls.crt', 'tls.key'].filter((k) => !keys.has(k));
  if (missing.length > 0) return `has no ${missing.join(' or ')} key (keys: ${[...keys].sort().join(', ') || 'none'}).`;
  return undefined;
}

/**
 * Why the Secret `ns/name` (found in the input) is malformed as a listener certificate; undefined when it is fine.
 * @internal
 */
export function _malformedCertificateSecret(ctx: _AttachmentContext, ns: string, name: string): string | undefined {
  const secret = ctx.lookup('', 'Secret', ns, name);
  return secret ? _tlsSecretProblem(secret) : undefined;
}

/** The fields of a listener the frontend validation reads and writes. @internal */
export interface _TlsListener {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  accepted: _Cond;
  resolvedRefs: _Cond;
  certProblem: boolean;
}

/** The client-certificate validation that applies to HTTPS listeners on `port`: the perPort override, else the default. */
function frontendValidation(gateway: any, port: number): { validation: any; where: string } | undefined {
  const frontend = gateway?.spec?.tls?.frontend;
  if (!frontend || typeof frontend !== 'object') return undefined;
  const perPort: any[] = Array.isArray(frontend.perPort) ? frontend.perPort : [];
  const i = perPort.findIndex((p) => p?.port === port);
  if (i >= 0) return perPort[i]?.tls?.validation ? { validation: perPort[i].tls.validation, where: `spec.tls.frontend.perPort[${i}].tls.validation` } : undefined;
  return frontend.default?.validation ? { validation: frontend.default.validation, where: 'spec.tls.frontend.default.validation' } : undefined;
}

/**
 * Applies the Gateway's frontend client-certificate validation to listener `l` (of `gateway`, or of a ListenerSet
 * attached to it): only HTTPS listeners are concerned.
 * @internal
 */
export function _applyFrontendValidation(ctx: _AttachmentContext, gateway: any, l: _TlsListener): void {
  if (l.protocol !== 'HTTPS') return;
  const v = frontendValidation(gateway, l.port);
  if (!v) return;
  const refs: any[] = Array.isArray(v.validation.caCertificateRefs) ? v.validation.caCertificateRefs : [];
  if (refs.length === 0) return;
  const gwNs = ctx.namespaceOf(gateway);
  const problems: Array<{ reason: string; message: string }> = [];
  refs.forEach((r: any, i: number) => {
    const ns = r?.namespace ?? gwNs;
    const where = `${v.where}.caCertificateRefs[${i}] ${r?.kind ?? ''} ${ns}/${r?.name}`;
    const permitted = () => (ns !== gwNs && !ctx.grantAllows(GATEWAY_GROUP, 'Gateway', gwNs, '', r.kind, r.name, ns)
      ? `is in another namespace and no ReferenceGrant in "${ns}" allows Gateways from "${gwNs}" to refer to it.`
      : undefined);
    const problem = _caCertificateRefProblem(ctx, r, ns, where, 'InvalidCACertificateKind', permitted);
    if (problem) problems.push(problem);
  });
  if (problems.length === 0) return;
  const message = problems.map((p) => p.message).join(' ');
  l.resolvedRefs = l.resolvedRefs.status === 'True'
    ? ctx.cond('ResolvedRefs', 'False', problems[0].reason, message)
    : ctx.cond('ResolvedRefs', 'False', l.resolvedRefs.reason, `${l.resolvedRefs.message} ${message}`);
  l.certProblem = true;
  if (problems.length === refs.length && l.accepted.status === 'True') {
    l.accepted = ctx.cond('Accepted', 'False', 'NoValidCACertificate', `No CA certificate reference of the client-certificate validation (${v.where}) is valid, so no client certificate can be validated.`);
  }
}

/** The listener fields the Gateway-level conditions read. @internal */
export interface _ResolvedListener {
  readonly name: string;
  readonly resolvedRefs: _Cond;
}

/**
 * The Gateway-level TLS conditions, written only when the Gateway has `spec.tls` (the `ResolvedRefs` condition of a
 * Gateway is about the references outside listeners; it is Experimental in v1.6.1): `ResolvedRefs` and, when a
 * validation mode is `AllowInsecureFallback`, `InsecureFrontendValidationMode`. Reports the findings.
 * @internal
 */
export function _gatewayTlsConditions(ctx: _AttachmentContext, gateway: any, listeners: readonly _ResolvedListener[]): _Cond[] {
  const tls = gateway?.spec?.tls;
  if (!tls || typeof tls !== 'object') return [];
  const ns = ctx.namespaceOf(gateway);
  const name = gateway.metadata?.name ?? '';
  const ref = ctx.refOf(gateway);
  const out: _Cond[] = [];

  let problem: { reason: string; message: string } | undefined;
  const c = tls.backend?.clientCertificateRef;
  if (c && typeof c === 'object') {
    const group = c.group ?? '';
    const kind = c.kind ?? 'Secret';
    const cNs = c.namespace ?? ns;
    const where = `spec.tls.backend.clientCertificateRef ${kind} ${cNs}/${c.name}`;
    if (group !== '' || kind !== 'Secret') {
      problem = { reason: 'InvalidClientCertificateRef', message: `${where}: kind ${group ? group + '/' : ''}${kind} is not supported (a core Secret of type kubernetes.io/tls has Core support).` };
    } else if (cNs !== ns && !ctx.grantAllows(GATEWAY_GROUP, 'Gateway', ns, '', 'Secret', c.name, cNs)) {
      problem = { reason: 'RefNotPermitted', message: `${where} is in another namespace and no ReferenceGrant in "${cNs}" allows Gateways from "${ns}" to refer to it.` };
    } else {
      const state = ctx.refState('', 'Secret', cNs, c.name);
      const malformed = state === 'found' ? _malformedCertificateSecret(ctx, cNs, c.name) : undefined;
      if (state === 'missing') problem = { reason: 'InvalidClientCertificateRef', message: `${where} does not exist.` };
      else if (malformed) problem = { reason: 'InvalidClientCertificateRef', message: `${where} ${malformed}` };
    }
  }
  if (problem) {
    out.push(ctx.cond('ResolvedRefs', 'False', problem.reason, problem.message));
    ctx.report({
      severity: FindingSeverity.ERROR,
      objectRef: ref,
      conditionType: 'ResolvedRefs',
      reason: problem.reason,
      message: `Gateway ${ns}/${name}: ${problem.message} Connections to backends that ask for a client certificate fail.`,
      fix: problem.reason === 'RefNotPermitted'
        ? `Add a ReferenceGrant in namespace "${c.namespace}" that allows Gateways from "${ns}" to refer to the Secret.`
        : 'Point spec.tls.backend.clientCertificateRef at an existing core Secret of type kubernetes.io/tls with tls.crt and tls.key.',
    });
  } else {
    const unresolved = listeners.filter((l) => l.resolvedRefs.status !== 'True').map((l) => `"${l.name}"`);
    out.push(unresolved.length > 0
      ? ctx.cond('ResolvedRefs', 'False', 'ListenersNotResolved', `Listener(s) ${unresolved.join(', ')} have unresolved references (see their ResolvedRefs condition).`)
      : ctx.cond('ResolvedRefs', 'True', 'ResolvedRefs', 'All references are resolved.'));
  }

  const insecure: string[] = [];
  if (tls.frontend?.default?.validation?.mode === 'AllowInsecureFallback') insecure.push('spec.tls.frontend.default.validation');
  (Array.isArray(tls.frontend?.perPort) ? tls.frontend.perPort : []).forEach((p: any, i: number) => {
    if (p?.tls?.validation?.mode === 'AllowInsecureFallback') insecure.push(`spec.tls.frontend.perPort[${i}] (port ${p.port})`);
  });
  if (insecure.length > 0) {
    const message = `Client-certificate validation allows insecure fallback in ${insecure.join(', ')}: connections without a valid client certificate are accepted.`;
    out.push(ctx.cond('InsecureFrontendValidationMode', 'True', 'ConfigurationChanged', message));
    ctx.report({
      severity: FindingSeverity.WARNING,
      objectRef: ref,
      conditionType: 'InsecureFrontendValidationMode',
      reason: 'ConfigurationChanged',
      message: `Gateway ${ns}/${name}: ${message}`,
      fix: 'Use mode AllowValidOnly (the default) outside of testing.',
    });
  }
  return out;
}
