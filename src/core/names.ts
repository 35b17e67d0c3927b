import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { GATEWAY_GROUP, isDns1123Label, isDns1123Subdomain } from './spec/names';
import { GatewayApiValidation } from '../validation/synth';

/** The Gateway API group. */
export const GATEWAY_API_GROUP = GATEWAY_GROUP;

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
 * Throws when `value` is not a valid Kubernetes object name (RFC 1123 subdomain, at most 253 characters).
 * @internal
 */
export function _validateObjectName(where: string, field: string, value: string): void {
  if (!isDns1123Subdomain(value)) {
    throw new Error(
      `${where}: ${field} "${value}" is not a valid Kubernetes name: use at most 253 lower-case alphanumeric ` +
      "characters, '-' or '.', starting and ending with an alphanumeric character.",
    );
  }
}

/**
 * Throws when `value` is not a valid namespace name (RFC 1123 label, at most 63 characters).
 * @internal
 */
export function _validateNamespaceName(where: string, field: string, value: string): void {
  if (!isDns1123Label(value)) {
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
