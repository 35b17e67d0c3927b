import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { GatewayApiValidation } from '../validation/synth';

/** The Gateway API group. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/**
 * The namespace an object created in `scope` will have: the explicit one, else its chart's namespace.
 * @internal
 */
export function _resolveNamespace(scope: IConstruct, explicit?: string): string | undefined {
  if (explicit !== undefined) return explicit;
  try {
    return Chart.of(scope).namespace;
  } catch {
    return undefined;
  }
}

/**
 * Whether two possibly-unset namespaces are the same (unset means "the apply-time default namespace").
 * @internal
 */
export function _sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '') === (b ?? '');
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Throws when `value` is not a valid Kubernetes object name (RFC 1123 subdomain, at most 253 characters).
 * @internal
 */
export function _validateObjectName(where: string, field: string, value: string): void {
  if (value.length === 0 || value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
    throw new Error(
      `${where}: ${field} "${value}" is not a valid Kubernetes name: use at most 253 lower-case alphanumeric ` +
      "characters, '-' or '.', starting and ending with an alphanumeric character.",
    );
  }
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Throws when `value` is not a valid namespace name (RFC 1123 label, at most 63 characters).
 * @internal
 */
export function _validateNamespaceName(where: string, field: string, value: string): void {
  if (value.length === 0 || value.length > 63 || !DNS1123_LABEL.test(value)) {
    throw new Error(
      `${where}: ${field} "${value}" is not a valid namespace name: use at most 63 lower-case alphanumeric ` +
      "characters or '-', starting and ending with an alphanumeric character.",
    );
  }
}

/**
 * Turns on synth-time validation (CRD schema + CEL rules) for the chart of an L2 construct, so every Gateway API
 * object the library synthesizes is checked like the API server would. Idempotent; the chart's (or App's)
 * `GatewayApiValidation` settings (channel, mode) apply. Constructs outside a Chart are left alone.
 * @internal
 */
export function _enableSynthValidation(scope: IConstruct): void {
  let chart: Chart;
  try {
    chart = Chart.of(scope);
  } catch {
    return;
  }
  GatewayApiValidation.enable(chart);
}
