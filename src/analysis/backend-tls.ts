/**
 * BackendTLSPolicy: references that would not resolve and targets that do not exist (findings only).
 * Part of the analysis engine (see engine.ts); internal.
 */
import { Ctx, finding, nsOf, objRef, refState } from './context';
import { FindingSeverity } from './types';

export function analyzeBackendTlsPolicy(ctx: Ctx, obj: any): void {
  const ns = nsOf(ctx, obj);
  const ref = objRef(ctx, obj);
  for (const c of obj.spec?.validation?.caCertificateRefs ?? []) {
    const group = c.group ?? '';
    if (group !== '' || (c.kind !== 'ConfigMap' && c.kind !== 'Secret')) {
      finding(ctx, { severity: FindingSeverity.ERROR, objectRef: ref, conditionType: 'ResolvedRefs', reason: 'InvalidKind', message: `BackendTLSPolicy ${ns}/${obj.metadata?.name}: caCertificateRef kind ${c.kind} is not supported (use a core ConfigMap).` });
    } else if (refState(ctx, '', c.kind, ns, c.name) === 'missing') {
      finding(ctx, { severity: FindingSeverity.ERROR, objectRef: ref, conditionType: 'ResolvedRefs', reason: 'InvalidCACertificateRef', message: `BackendTLSPolicy ${ns}/${obj.metadata?.name}: caCertificateRef ${c.kind} ${ns}/${c.name} does not exist.`, fix: `Create the ${c.kind} ${ns}/${c.name} with the CA certificate (key ca.crt).` });
    }
  }
  for (const t of obj.spec?.targetRefs ?? []) {
    if ((t.group ?? '') === '' && t.kind === 'Service' && refState(ctx, '', 'Service', ns, t.name) === 'missing') {
      finding(ctx, { severity: FindingSeverity.WARNING, objectRef: ref, conditionType: 'Accepted', reason: 'TargetNotFound', message: `BackendTLSPolicy ${ns}/${obj.metadata?.name}: target Service ${ns}/${t.name} does not exist; the policy applies to nothing.` });
    }
  }
}
