import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { GATEWAY_GROUP, isDns1123Label, isDns1123Subdomain } from './spec/names';

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
