/**
 * GatewayClass and Gateway parameters (`apis/v1/gatewayclass_types.go`, `apis/v1/gateway_types.go`):
 *
 * - a GatewayClass whose `spec.parametersRef` points to nothing: `Accepted` False `InvalidParameters`; its Gateways
 *   are then not reconciled by a conformant controller in a way the spec defines, so their `Accepted`/`Programmed`
 *   are `Unknown` (`Pending`) with a message that says why;
 * - a Gateway whose `spec.infrastructure.parametersRef` points to nothing: `Accepted` False `InvalidParameters`
 *   (conformance test GatewayInvalidParametersRef), `Programmed` False `Invalid`;
 * - what only the cluster can tell, written as `Unknown` with the reason: the GatewayClass `SupportedVersion` (it
 *   depends on the CRDs installed), and `Programmed` of a Gateway that requests static `spec.addresses`
 *   (`AddressNotAssigned`/`AddressNotUsable`/`UnsupportedAddress` depend on the implementation and the network).
 *
 * Internal.
 */
import { _AttachmentContext, _Cond } from './attachment-context';
import { FindingSeverity } from './types';

const NAMESPACED_CORE = new Set(['ConfigMap', 'Secret', 'Service']);

/** Why the GatewayClass' `spec.parametersRef` is invalid; undefined when it is fine (or unknown). @internal */
export function _classParametersProblem(ctx: _AttachmentContext, cls: any): string | undefined {
  const pr = cls?.spec?.parametersRef;
  if (!pr || typeof pr !== 'object') return undefined;
  const group = pr.group ?? '';
  const kind = String(pr.kind ?? '');
  const what = `spec.parametersRef ${group ? group + '/' : ''}${kind} ${pr.namespace ? pr.namespace + '/' : ''}${pr.name}`;
  if (group === '' && NAMESPACED_CORE.has(kind) && !pr.namespace) return `${what}: a ${kind} is namespaced, so parametersRef.namespace is required.`;
  const states = pr.namespace
    ? [ctx.refState(group, kind, pr.namespace, pr.name)]
    // cluster-scoped or namespaced custom kind: the analysis does not know which, so look in both places
    : [ctx.refState(group, kind, '', pr.name), ctx.refState(group, kind, ctx.defaultNamespace, pr.name)];
  if (states.every((s) => s === 'missing')) return `${what} does not exist.`;
  return undefined;
}

/** Writes the predicted `status.conditions` of a GatewayClass (Accepted, SupportedVersion) and reports findings. @internal */
export function _analyzeGatewayClass(ctx: _AttachmentContext, cls: any): void {
  const name = cls.metadata?.name ?? '';
  const problem = _classParametersProblem(ctx, cls);
  const accepted = problem
    ? ctx.cond('Accepted', 'False', 'InvalidParameters', `GatewayClass ${name}: ${problem}`)
    : ctx.cond('Accepted', 'True', 'Accepted', `GatewayClass is accepted (assuming controller ${cls.spec?.controllerName ?? '(none)'} runs in the cluster).`);
  const supportedVersion = ctx.cond('SupportedVersion', 'Unknown', 'Pending',
    'Depends on the gateway.networking.k8s.io/bundle-version of the Gateway API CRDs installed in the cluster, which the manifests do not tell.');
  cls.status = { ...(cls.status ?? {}), conditions: [accepted, supportedVersion] };
  if (problem) {
    ctx.report({
      severity: FindingSeverity.ERROR,
      objectRef: ctx.refOf(cls),
      conditionType: 'Accepted',
      reason: 'InvalidParameters',
      message: `GatewayClass ${name} would not be accepted: ${problem}`,
      fix: 'Create the parameters object, fix spec.parametersRef (group, kind, name, namespace), or declare it as an external object.',
    });
  }
}

/**
 * The Gateway's `Accepted`/`Programmed` when parameters decide them (its class' or its own are invalid); undefined
 * otherwise. Reports the findings.
 * @internal
 */
export function _gatewayParameterConditions(
  ctx: _AttachmentContext, gateway: any, cls: any | undefined,
): { accepted: _Cond; programmed: _Cond } | undefined {
  const ns = ctx.namespaceOf(gateway);
  const name = gateway.metadata?.name ?? '';
  const ref = ctx.refOf(gateway);
  const classProblem = cls ? _classParametersProblem(ctx, cls) : undefined;
  if (classProblem) {
    const message = `GatewayClass ${cls.metadata?.name} is not accepted (InvalidParameters: ${classProblem}); what its controller does with this Gateway is not defined by the spec, typically nothing (the status stays Pending).`;
    ctx.report({
      severity: FindingSeverity.ERROR,
      objectRef: ref,
      conditionType: 'Accepted',
      reason: 'Pending',
      message: `Gateway ${ns}/${name}: ${message}`,
      fix: `Fix spec.parametersRef of GatewayClass ${cls.metadata?.name}.`,
    });
    return { accepted: ctx.cond('Accepted', 'Unknown', 'Pending', message), programmed: ctx.cond('Programmed', 'Unknown', 'Pending', message) };
  }
  const pr = gateway.spec?.infrastructure?.parametersRef;
  if (pr && typeof pr === 'object' && ctx.refState(pr.group ?? '', String(pr.kind ?? ''), ns, pr.name) === 'missing') {
    const message = `spec.infrastructure.parametersRef ${pr.group ? pr.group + '/' : ''}${pr.kind} ${ns}/${pr.name} does not exist.`;
    ctx.report({
      severity: FindingSeverity.ERROR,
      objectRef: ref,
      conditionType: 'Accepted',
      reason: 'InvalidParameters',
      message: `Gateway ${ns}/${name} would not be accepted: ${message}`,
      fix: `Create the parameters object in namespace "${ns}", fix spec.infrastructure.parametersRef, or declare it as an external object.`,
    });
    return { accepted: ctx.cond('Accepted', 'False', 'InvalidParameters', message), programmed: ctx.cond('Programmed', 'False', 'Invalid', 'Gateway is not accepted.') };
  }
  return undefined;
}

/**
 * `Programmed` Unknown for a Gateway that requests static addresses: whether they can be assigned and used is only
 * known in the cluster. Undefined when the Gateway requests none.
 * @internal
 */
export function _staticAddressProgrammed(ctx: _AttachmentContext, gateway: any): _Cond | undefined {
  const addresses: any[] = Array.isArray(gateway?.spec?.addresses) ? gateway.spec.addresses : [];
  if (addresses.length === 0) return undefined;
  const shown = addresses.map((a) => `${a?.type ?? 'IPAddress'}${a?.value ? ` ${a.value}` : ' (any)'}`).join(', ');
  return ctx.cond('Programmed', 'Unknown', 'Pending',
    `spec.addresses requests ${shown}: whether the implementation supports the address type (Accepted False UnsupportedAddress), can assign it (AddressNotAssigned) and use it (AddressNotUsable) depends on the implementation and the network, not knowable offline.`);
}
